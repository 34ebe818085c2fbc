"""Tesseract through pytesseract: one call per page, words with boxes.

We call ``image_to_data`` once and build the text ourselves from its rows
instead of also calling ``image_to_string``: that halves the OCR time and
guarantees that ``text``, ``lines`` and ``words`` describe the same reading.
Paragraph and block breaks become a blank line, which is what Tesseract's own
text renderer does.

Failure modes are turned into the pipeline's exceptions:

* no ``tesseract`` binary, or no traineddata for the language
  -> ``MissingDependencyError`` naming the Debian package to install;
* the per-page time limit -> ``OcrTimeoutError`` (the batch fails that page
  and goes on).
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field

import numpy as np

from .errors import MissingDependencyError, OcrTimeoutError, PageFailedError
from .model import Engine, Line, Word

# Page segmentation mode 3 (automatic layout, no OSD).  On the synthetic
# benchmark --psm 6 (one uniform block) gave the same CER (fax 0.009 vs 0.011,
# identical elsewhere); 3 is kept because 6 reads straight across the columns
# of letterheads, tables and side-by-side signatures on real council pages.
# The one weakness of 3 seen (a dropped line) is handled by recover_lines.
# preserve_interword_spaces is not needed: text is rebuilt from words.
DEFAULT_PSM = 3
# A recovered line is kept only if Tesseract is this sure of it, so stamps,
# signatures and rules do not turn into text.
MIN_RECOVERED_CONFIDENCE = 60.0
# Empty margins are cropped before Tesseract reads a page (``content_box``), keeping this much paper
# around the ink (a fraction of the shorter side: 50 px on a 300-dpi A4 page), and only when the crop
# drops at least CROP_MIN_SAVING of the pixels.
CROP_MARGIN = 0.02
CROP_MIN_SAVING = 0.10


@dataclass
class OcrResult:
    text: str  # lines joined with "\n", a blank line between paragraphs/blocks
    lines: list[Line]
    words: list[Word]
    mean_confidence: float | None  # mean word confidence 0..100, None without words
    engine: Engine
    seconds: float = 0.0
    config: str = ""  # the exact Tesseract options used, for provenance
    width: int | None = None
    height: int | None = None
    dpi: int | None = None
    warnings: list[str] = field(default_factory=list)


def debian_package(language: str) -> str:
    """Debian/Ubuntu package holding a Tesseract language (``chi_sim`` -> ``tesseract-ocr-chi-sim``)."""
    return "tesseract-ocr-" + language.lower().replace("_", "-")


def _pytesseract():
    try:
        import pytesseract
    except ImportError as e:  # pragma: no cover - it is a hard dependency
        raise MissingDependencyError("the Python package pytesseract is missing: pip install pytesseract") from e
    return pytesseract


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str:
    """Version of the installed tesseract binary (cached: it is a subprocess call)."""
    pt = _pytesseract()
    try:
        return str(pt.get_tesseract_version())
    except pt.TesseractNotFoundError as e:
        raise MissingDependencyError(
            "tesseract is not installed or not on PATH: apt-get install tesseract-ocr tesseract-ocr-swe"
        ) from e


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Languages Tesseract can load (``tesseract --list-langs``), asked once per process."""
    pt = _pytesseract()
    tesseract_version()  # raises MissingDependencyError first if the binary is missing
    return frozenset(pt.get_languages(config=""))


def check_language(language: str) -> None:
    """Raise ``MissingDependencyError`` unless every part of ``swe+eng`` is installed."""
    have = installed_languages()
    missing = [part for part in language.split("+") if part not in have]
    if missing:
        pkgs = " ".join(debian_package(m) for m in missing)
        raise MissingDependencyError(
            f"Tesseract language data {'+'.join(missing)!r} is not installed: apt-get install {pkgs}"
        )


def build_config(psm: int = DEFAULT_PSM, dpi: int | None = None, extra: str = "") -> str:
    parts = [f"--psm {psm}"]
    if dpi:
        # Without it Tesseract guesses the resolution from the text (and warns
        # "Invalid resolution 0 dpi" for NumPy input, which has no metadata).
        parts.append(f"--dpi {int(dpi)}")
    if extra:
        parts.append(extra)
    return " ".join(parts)


_Group = tuple[tuple[int, int, int], list[tuple[str, tuple[int, int, int, int], float]]]


def _groups(data: dict[str, list], dx: int = 0, dy: int = 0) -> list[_Group]:
    """Word rows of ``image_to_data`` grouped by (block, paragraph, line), in Tesseract's order."""
    groups: list[_Group] = []
    index: dict[tuple[int, int, int, int], int] = {}
    for i in range(len(data.get("text", []))):
        if int(data["level"][i]) != 5:
            continue
        txt = str(data["text"][i]).strip()
        if not txt:
            continue
        key = (int(data["page_num"][i]), int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if key not in index:
            index[key] = len(groups)
            groups.append((key[1:], []))
        x, y = int(data["left"][i]) + dx, int(data["top"][i]) + dy
        w, h = int(data["width"][i]), int(data["height"][i])
        conf = max(0.0, min(100.0, float(data["conf"][i])))
        groups[index[key]][1].append((txt, (x, y, x + w, y + h), conf))
    return groups


def _assemble(groups: list[_Group]) -> tuple[list[Line], list[Word], str]:
    """Lines, words and text from ordered groups; a blank line between paragraphs."""
    lines: list[Line] = []
    words: list[Word] = []
    out: list[str] = []
    prev: tuple[int, int] | None = None
    for (block, par, _), ws in groups:
        li = len(lines)
        wds = [Word(text=t, bbox=b, confidence=c, block=block, paragraph=par, line=li) for t, b, c in ws]
        words.extend(wds)
        text = " ".join(w.text for w in wds)
        bbox = (min(w.bbox[0] for w in wds), min(w.bbox[1] for w in wds),
                max(w.bbox[2] for w in wds), max(w.bbox[3] for w in wds))
        lines.append(Line(text=text, bbox=bbox, block=block, paragraph=par, word_count=len(wds),
                          mean_confidence=round(sum(w.confidence for w in wds) / len(wds), 2)))
        if prev is not None and (block, par) != prev:
            out.append("")
        out.append(text)
        prev = (block, par)
    return lines, words, "\n".join(out)


def _missed_regions(arr: np.ndarray, groups: list[_Group],
                    box: tuple[int, int, int, int] | None = None) -> list[tuple[int, int, int, int]]:
    """Text-line-shaped ink that no recognised word covers.

    Tesseract's page layout analysis (``--psm 3``) occasionally discards a
    whole text line, e.g. a heading squeezed between two paragraphs on a fax.
    We mask every recognised word, smear what ink is left horizontally and
    keep blobs with the height of a text line and the width of a few words.
    ``box`` (``content_box``) limits the search to where the page has ink.
    """
    import cv2

    from .preprocess import components

    ox, oy = (box[0], box[1]) if box else (0, 0)
    if box:
        arr = arr[box[1]:box[3], box[0]:box[2]]
        groups = [(k, [(t, (b[0] - ox, b[1] - oy, b[2] - ox, b[3] - oy), c) for t, b, c in ws]) for k, ws in groups]
    gray = arr if arr.ndim == 2 else cv2.cvtColor(arr[:, :, :3], cv2.COLOR_RGB2GRAY)
    heights = [b[3] - b[1] for _, ws in groups for _, b, _ in ws]
    if not heights:
        return []  # nothing was read at all: not a "missed line" situation
    # This runs on every page and usually finds nothing, so it works on a
    # half-size copy when lines are tall enough to survive it (a quarter of
    # the pixels: ~0.25 s less per 300-dpi page).
    f = 2 if float(np.median(heights)) >= 16 else 1
    if f > 1:
        gray = cv2.resize(gray, None, fx=1 / f, fy=1 / f, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    lh = float(np.median(heights)) / f
    pad = int(round(0.3 * lh))
    for _, ws in groups:
        for _, (x0, y0, x1, y1), _ in ws:
            ink[max(0, y0 // f - pad):y1 // f + 1 + pad, max(0, x0 // f - pad):x1 // f + 1 + pad] = 0
    # drop specks before smearing, so noise cannot chain into a "line"
    n, labels, stats = components(ink)
    keep = (stats[:, cv2.CC_STAT_HEIGHT] >= 0.35 * lh) & (stats[:, cv2.CC_STAT_HEIGHT] <= 2.5 * lh)
    keep[0] = False
    ink = np.where(keep[labels], 255, 0).astype(np.uint8)
    k = max(3, int(lh))
    smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, _, stats = components(smear)
    regions = []
    H, W = ink.shape
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if 0.5 * lh <= h <= 2.5 * lh and w >= 3 * lh:
            p = int(lh * 0.5)
            regions.append((ox + f * max(0, x - p), oy + f * max(0, y - p), ox + f * min(W, x + w + p), oy + f * min(H, y + h + p)))
    return regions[:20]  # a page of pictures is not a page of missed lines


def _insert(groups: list[_Group], group: _Group) -> None:
    """Put a recovered line before the first line that starts below it."""
    y0 = group[1][0][1][1]
    for i, (_, ws) in enumerate(groups):
        if min(b[1] for _, b, _ in ws) > y0:
            groups.insert(i, group)
            return
    groups.append(group)


def content_box(arr: np.ndarray) -> tuple[int, int, int, int] | None:
    """The part of the page worth giving Tesseract: the ink's bounding box plus a margin, as
    ``(x0, y0, x1, y1)``; None when that would not save at least ``CROP_MIN_SAVING`` of the pixels.

    Why: part of Tesseract's work is per pixel (its own thresholding, connected components, the
    layout analysis' tab-stop and line finding), and the empty margins of a typed page are 35-80 %
    of the sheet.  On the synthetic 300-dpi pages the crop read exactly the same text at 4-7 % less
    Tesseract CPU, paid back ~20x over by the few milliseconds this costs.  The margin keeps the
    white border Tesseract expects around text.  Ink is found with Otsu on the image as given (after
    ``preprocess.clean`` the paper is flat and specks are gone); a page with dirt in its margins or
    no ink at all simply gets no crop.
    """
    import cv2

    gray = arr if arr.ndim == 2 else cv2.cvtColor(arr[:, :, :3], cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    x, y, w, h = cv2.boundingRect(ink)
    if w == 0 or h == 0:
        return None
    H, W = gray.shape
    m = max(8, int(round(CROP_MARGIN * min(H, W))))
    box = (max(0, x - m), max(0, y - m), min(W, x + w + m), min(H, y + h + m))
    if (box[2] - box[0]) * (box[3] - box[1]) > (1.0 - CROP_MIN_SAVING) * H * W:
        return None
    return box


def _image_to_data(pt, arr: np.ndarray, *, lang: str, config: str, timeout: float) -> dict[str, list]:
    """``image_to_data`` on an uncompressed temporary file.

    Given an array, pytesseract writes a PNG (~65 ms of zlib for a 300-dpi A4
    page, ~3 % of the page's OCR time); a PNM is written in ~5 ms and
    Tesseract reads it just as well.  The resolution goes in ``config``.
    """
    import tempfile

    import cv2

    with tempfile.NamedTemporaryFile(suffix=".pnm" if arr.ndim == 2 else ".ppm") as tmp:
        if not cv2.imwrite(tmp.name, arr if arr.ndim == 2 else cv2.cvtColor(arr, cv2.COLOR_RGB2BGR)):
            raise PageFailedError("could not write the page image for Tesseract")
        return pt.image_to_data(tmp.name, lang=lang, config=config, output_type=pt.Output.DICT, timeout=timeout)


def recognize(
    image: np.ndarray,
    *,
    language: str = "swe",
    timeout: float = 180.0,
    dpi: int | None = None,
    psm: int = DEFAULT_PSM,
    extra_config: str = "",
    recover_lines: bool = True,
    crop: bool = True,
) -> OcrResult:
    """OCR one page image (NumPy array, gray or RGB) with a time limit.

    ``dpi`` is the resolution of *this* array (after any rescaling), passed
    to Tesseract so it does not have to guess.  ``timeout`` is wall-clock
    seconds for the Tesseract process; on expiry it is killed and
    ``OcrTimeoutError`` raised.  Tesseract runs single-threaded
    (``OMP_THREAD_LIMIT=1``): the pipeline parallelises over pages, and
    OpenMP threads inside each process only contend for the same cores.

    ``recover_lines`` re-reads, as single lines, text-shaped ink that no word
    of the main pass covers (see ``_missed_regions``); each recovered line is
    reported in ``warnings``.

    ``crop`` lets Tesseract read only the inked part of the page (``content_box``); word and line
    boxes are shifted back, so they are always in the coordinates of ``image``.
    """
    pt = _pytesseract()
    check_language(language)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by the tesseract subprocess
    config = build_config(psm, dpi, extra_config)
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = arr.astype(np.uint8)
    t0 = time.monotonic()
    box = content_box(arr) if crop else None
    dx, dy = (box[0], box[1]) if box else (0, 0)
    try:
        data = _image_to_data(pt, np.ascontiguousarray(arr[box[1]:box[3], box[0]:box[2]]) if box else arr,
                              lang=language, config=config, timeout=timeout)
    except pt.TesseractNotFoundError as e:
        tesseract_version.cache_clear()
        installed_languages.cache_clear()
        raise MissingDependencyError(
            "tesseract is not installed or not on PATH: apt-get install tesseract-ocr"
        ) from e
    except pt.TesseractError as e:
        if "Failed loading language" in str(e) or "traineddata" in str(e):
            raise MissingDependencyError(
                f"Tesseract cannot load language {language!r}: apt-get install "
                + " ".join(debian_package(p) for p in language.split("+"))
            ) from e
        raise PageFailedError(f"tesseract failed: {str(e).strip()[:300]}") from e
    except RuntimeError as e:
        # pytesseract kills the process and raises a bare RuntimeError on timeout
        if "timeout" in str(e).lower():
            raise OcrTimeoutError(f"Tesseract took longer than {timeout:g} s on this page "
                                  "(raise --page-timeout, or check the scan)") from e
        raise PageFailedError(f"tesseract failed: {e}") from e
    groups = _groups(data, dx, dy)
    warnings: list[str] = []
    if recover_lines:
        # Second, small Tesseract calls only on line-sized crops that the
        # layout analysis dropped; on most pages there are none.
        next_block = max((g[0][0] for g in groups), default=0) + 1
        for x0, y0, x1, y1 in _missed_regions(arr, groups, box):
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                raise OcrTimeoutError(f"Tesseract took longer than {timeout:g} s on this page")
            try:
                sub = pt.image_to_data(np.ascontiguousarray(arr[y0:y1, x0:x1]), lang=language,
                                       config=build_config(7, dpi, extra_config), output_type=pt.Output.DICT,
                                       timeout=left)
            except RuntimeError as e:
                if "timeout" in str(e).lower():
                    raise OcrTimeoutError(f"Tesseract took longer than {timeout:g} s on this page") from e
                continue
            found = [ws for _, ws in _groups(sub, x0, y0)]
            ws = [w for g in found for w in g]
            if ws and sum(c for _, _, c in ws) / len(ws) >= MIN_RECOVERED_CONFIDENCE:
                _insert(groups, ((next_block, 1, 1), ws))
                warnings.append(f"recovered line dropped by layout analysis at y={y0}: {' '.join(t for t, _, _ in ws)}")
                next_block += 1
    seconds = time.monotonic() - t0
    lines, words, text = _assemble(groups)
    mean = round(sum(w.confidence for w in words) / len(words), 2) if words else None
    return OcrResult(
        text=text, lines=lines, words=words, mean_confidence=mean,
        engine=Engine(name="tesseract", version=tesseract_version(), language=language),
        seconds=round(seconds, 3), config=config, width=int(arr.shape[1]), height=int(arr.shape[0]),
        dpi=dpi, warnings=warnings,
    )
