"""The pipeline's stages as plain functions over the document tree.

``plan_file`` (ingest) -> ``run_page`` per page (render/load, preprocess, OCR)
-> ``finish_file`` (symbol repair, correction, segmentation).  ``run_page``
is the only expensive, parallel step and takes only picklable arguments, so
the local process pool and the Dask executor call the very same function.
"""
from __future__ import annotations

import time
from pathlib import Path

from . import __version__
from .errors import InputFileError, PageFailedError
from .ingest import FilePlan, PageTask, plan_file
from .model import Correction, Engine, FileResult, Page
from .options import RunOptions

__all__ = ["plan_file", "run_page", "finish_file", "process_file"]


def _text_engine(task: PageTask) -> Engine:
    if task.origin == "pdf-text":
        import pdfplumber

        return Engine(name="pdfplumber", version=pdfplumber.__version__)
    return Engine(name="text", version="existing OCR")


def run_page(task: PageTask, options: RunOptions) -> Page:
    """Produce one page. A page-level failure is returned as a failed Page, never raised,
    so one bad page does not lose the rest of its file."""
    start = time.perf_counter()
    if task.text is not None:
        return Page(number=task.number, origin=task.origin, raw_text=task.text, text=task.text, engine=_text_engine(task), seconds=0.0)

    from .ocr import recognize
    from .preprocess import clean, effective_dpi, reorient

    engine = Engine(name="tesseract", version="", language=options.language)
    try:
        if task.kind == "pdf":
            from .ingest.pdf import render_pdf_page

            image, dpi = render_pdf_page(task, options)
        else:
            from .ingest.images import load_image_page

            image, dpi = load_image_page(task, options)
        steps = []
        if options.preprocess:
            image, steps = clean(image, deskew=options.deskew, orientation=False)
        ocr_dpi = effective_dpi(dpi, steps)
        result = recognize(image, language=options.language, timeout=options.page_timeout, dpi=ocr_dpi)
        if options.orientation and _looks_misoriented(result):
            turned, step = reorient(image, steps, timeout=min(30.0, options.page_timeout))
            steps.append(step)
            if step.params.get("applied"):
                if options.preprocess:  # a sideways page could not be deskewed before it was turned
                    turned, more = clean(turned, deskew=options.deskew, orientation=False, rescale=False)
                    steps.extend(more)
                retry = recognize(turned, language=options.language, timeout=options.page_timeout, dpi=ocr_dpi)
                if (retry.mean_confidence or 0.0) > (result.mean_confidence or 0.0):
                    image, result = turned, retry
                else:
                    step.params["kept"] = "original orientation read better"
    except (PageFailedError, InputFileError) as exc:
        return Page(
            number=task.number, origin="ocr", raw_text="", text="", engine=engine, status="failed",
            error=f"{exc.reason}: {exc.message}", seconds=round(time.perf_counter() - start, 3),
        )
    height, width = image.shape[:2]
    return Page(
        number=task.number,
        origin="ocr",
        raw_text=result.text,
        text=result.text,
        engine=result.engine,
        width=width,
        height=height,
        dpi=dpi,
        mean_confidence=result.mean_confidence,
        preprocessing=steps,
        lines=result.lines,
        words=result.words,
        seconds=round(time.perf_counter() - start, 3),
    )


MISORIENTED_CONFIDENCE = 60.0  # upright print reads at 80-95; upside-down or sideways text at 20-50


def _looks_misoriented(result) -> bool:
    """Cheap signals that a page may be turned: few words or low mean confidence."""
    return len(result.words) < 5 or (result.mean_confidence or 0.0) < MISORIENTED_CONFIDENCE


def _to_raw_offset(pos: int, line_corrections: list[Correction]) -> int:
    """Map an offset in the corrected line back to the raw line."""
    shift = 0
    for c in sorted(line_corrections, key=lambda c: c.start):
        if c.start + shift >= pos:
            break
        shift += (c.end - c.start) - len(c.correction)
    return pos + shift


def repair_page_symbols(page: Page) -> None:
    """Restore "§" and "%" that the Swedish Tesseract model cannot emit.

    Runs after word correction, whose protected-token rules leave the numeric
    spans involved untouched, so offsets are mapped back onto the raw line.
    """
    from .symbols import repair_symbols

    lines = page.text.split("\n")
    by_line: dict[int, list[Correction]] = {}
    for c in page.corrections:
        by_line.setdefault(c.line, []).append(c)
    added: list[Correction] = []
    for i, line in enumerate(lines):
        new_line, repairs = repair_symbols(line)
        if not repairs:
            continue
        lines[i] = new_line
        for start, end, original, replacement, rule in repairs:
            raw_start = _to_raw_offset(start, by_line.get(i, []))
            added.append(Correction(page=page.number, line=i, start=raw_start, end=raw_start + (end - start),
                                    original=original, correction=replacement, method="symbol", score=1.0, rule=rule))
    if added:
        page.text = "\n".join(lines)
        page.corrections = sorted(page.corrections + added, key=lambda c: (c.line, c.start))


def finish_file(plan: FilePlan, pages: list[Page], options: RunOptions) -> FileResult:
    """Correct and segment a file whose pages are all produced."""
    pages = sorted(pages, key=lambda p: p.number)
    if options.correct:
        from .correct import Corrector, correct_pages

        pages = correct_pages(pages, Corrector.load())
    for p in pages:
        if p.status == "ok" and p.origin == "ocr" and (options.language or "").startswith("swe"):
            repair_page_symbols(p)
    result = FileResult(
        source=plan.source,
        pages=pages,
        pipeline={"name": "kommunarkiv", "version": __version__, "options": options.fingerprint(),
                  "language": options.language, "corrected": options.correct},
    )
    if options.segment:
        from .segment import segment

        result.documents = segment(pages)
    return result


def process_file(path: Path | str, options: RunOptions | None = None) -> FileResult:
    """Python API: run one file through every stage in this process."""
    options = (options or RunOptions()).validate()
    plan = plan_file(path, options)
    pages = [run_page(task, options) for task in plan.tasks]
    return finish_file(plan, pages, options)
