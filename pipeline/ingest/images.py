"""Raster inputs: PNG, JPEG and (multi-page) TIFF via Pillow.

The pixel count is checked from the header before any decoding, so a
200-megapixel scan is refused with a clear message instead of exhausting a
worker's memory; Pillow's own decompression-bomb guard is kept as a backstop.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import CorruptInputError, InputTooLargeError
from ..options import RunOptions
from . import PageTask


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # We enforce our own, configurable pixel limit in plan_image.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(path)
    except UnidentifiedImageError as exc:
        raise CorruptInputError("is not a readable image (unknown or damaged header)", path=str(path)) from exc
    except OSError as exc:
        raise CorruptInputError(f"cannot be opened as an image: {exc}", path=str(path)) from exc
    return im


def plan_image(path: Path, options: RunOptions) -> tuple[list[PageTask], list[str]]:
    with _open(path) as im:
        frames = getattr(im, "n_frames", 1)
        for i in range(frames):
            im.seek(i)
            w, h = im.size
            if w * h > options.max_pixels:
                raise InputTooLargeError(
                    f"page {i + 1} is {w}x{h} pixels ({w * h / 1e6:.0f} MP), over the limit of "
                    f"{options.max_pixels / 1e6:.0f} MP; scale it down or raise --max-pixels",
                    path=str(path),
                )
        fmt = im.format
    _check_complete(path, fmt)
    tasks = [PageTask(path=str(path), kind="image", number=i + 1, origin="ocr") for i in range(frames)]
    return tasks, []


def _check_complete(path: Path, fmt: str | None) -> None:
    """Fail in planning, with the file's name, when the image data is truncated or damaged.

    Planning runs in the batch parent, one file after another, so it must not
    decode pixels that a worker decodes again anyway: a full decode of a
    300-dpi PNG cost the parent ~25-55 ms per page, CPU that the OCR workers
    then lacked.  A PNG is checked with Pillow's ``verify`` instead (it walks
    the chunks and their CRCs without inflating them, ~1 ms), which catches a
    cut-off transfer and flipped bytes alike.  A JPEG is decoded at 1/8 scale
    (``draft``): libjpeg still reads the whole entropy-coded stream, so a
    truncated file still fails, at a fraction of the cost.  Other formats
    (TIFF, ...) decode their first frame as before.  Whatever slips through
    fails the page in the worker with the same reason.
    """
    try:
        with _open(path) as im:
            if fmt == "PNG":
                im.verify()
                return
            if fmt == "JPEG":
                w, h = im.size
                im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))
            im.seek(0)
            im.load()
    except (OSError, SyntaxError) as exc:
        raise CorruptInputError(f"image data is damaged or truncated ({exc})", path=str(path)) from exc


def load_image_page(task: PageTask, options: RunOptions) -> tuple[np.ndarray, int | None]:
    """Decode one frame as an 8-bit grayscale or RGB array plus its DPI (if recorded)."""
    path = Path(task.path)
    with _open(path) as im:
        im.seek(task.number - 1)
        try:
            im.load()
        except (OSError, SyntaxError) as exc:
            raise CorruptInputError(f"page {task.number}: image data is damaged or truncated ({exc})", path=task.path) from exc
        dpi = im.info.get("dpi")
        frame = ImageOps.exif_transpose(im)  # phone photos of documents carry their rotation in EXIF
        if frame.mode not in ("L", "RGB"):
            frame = frame.convert("RGB") if frame.mode in ("RGBA", "P", "CMYK", "LA") else frame.convert("L")
        array = np.asarray(frame)
    dpi_value = int(round(float(dpi[0]))) if dpi and dpi[0] else None
    if dpi_value is not None and not 50 <= dpi_value <= 2400:
        dpi_value = None  # 1 dpi and 72 dpi defaults from scanners' software are noise, not facts
    return array, dpi_value
