"""PDF inputs: a usable text layer is read with pdfplumber; other pages are
rendered with pypdfium2 and OCR'd.

"Usable" is judged per page: scanned archive PDFs often mix pages that carry
an earlier OCR layer with pages that carry nothing, or only a stamp.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ..errors import CorruptInputError, EncryptedPdfError
from ..options import RunOptions
from . import PageTask

_CID = re.compile(r"\(cid:\d+\)")
MIN_LETTERS = 40  # fewer letters than a two-line paragraph is "no text layer"


def text_layer_is_usable(text: str) -> bool:
    """A layer is usable when it holds real words, not glyph ids or a stamp."""
    if _CID.search(text) and len(_CID.findall(text)) * 6 > len(text) * 0.1:
        return False
    letters = sum(ch.isalpha() for ch in text)
    visible = sum(not ch.isspace() for ch in text)
    return letters >= MIN_LETTERS and letters >= 0.6 * visible


def _open_pdfium(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise EncryptedPdfError(
                "PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt --password=... in.pdf out.pdf)",
                path=str(path),
            ) from exc
        raise CorruptInputError(f"PDF cannot be read ({exc}); it may be truncated or damaged", path=str(path)) from exc


def plan_pdf(path: Path, options: RunOptions) -> tuple[list[PageTask], list[str]]:
    doc = _open_pdfium(path)
    try:
        count = len(doc)
    finally:
        doc.close()
    if count == 0:
        raise CorruptInputError("PDF has no pages", path=str(path))
    texts: list[str | None] = [None] * count
    warnings: list[str] = []
    if options.text_layer != "ocr":
        import pdfplumber

        try:
            with pdfplumber.open(str(path)) as pdf:
                for i, page in enumerate(pdf.pages):
                    texts[i] = page.extract_text(layout=False) or ""
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            warnings.append(f"{path}: text layer unreadable ({type(exc).__name__}); pages will be OCR'd")
            texts = [None] * count
    tasks = []
    for i in range(count):
        text = texts[i]
        if options.text_layer == "text" or (text is not None and options.text_layer == "auto" and text_layer_is_usable(text)):
            tasks.append(PageTask(path=str(path), kind="pdf", number=i + 1, origin="pdf-text", text=text or ""))
        else:
            note = "no usable text layer" if options.text_layer == "auto" else "OCR forced"
            tasks.append(PageTask(path=str(path), kind="pdf", number=i + 1, origin="ocr", note=note))
    return tasks, warnings


def render_pdf_page(task: PageTask, options: RunOptions) -> tuple[np.ndarray, int]:
    """Render one page to an 8-bit grayscale array at ``options.dpi``."""
    doc = _open_pdfium(Path(task.path))
    try:
        page = doc[task.number - 1]
        w_pt, h_pt = page.get_size()
        scale = options.dpi / 72
        if w_pt * h_pt * scale * scale > options.max_pixels:
            scale = (options.max_pixels / (w_pt * h_pt)) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_numpy().copy()
        page.close()
    finally:
        doc.close()
    if image.ndim == 3:
        image = image[..., 0]
    return image, int(round(scale * 72))
