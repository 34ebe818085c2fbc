"""Segmentation end to end on scans: the sample and the project's texts are
printed onto degraded page images, run through ``run_batch`` (preprocessing,
Tesseract, correction, segmentation) and scored like the plain texts.

This is the form in which the segmentation targets are set: documents never
seen, arriving as scans.  Each text gets one quality (clean, skewed, fax,
photocopy) and font chosen by a hash of its file name, with a fixed seed, so the run is
reproducible and every quality is represented.
"""
from __future__ import annotations

import json
import tempfile
import zlib
from pathlib import Path

from ..batch import run_batch
from ..batch_corpus import load_result
from ..options import RunOptions
from .. import synth
from . import segmentation

QUALITIES = ("clean", "skewed", "fax", "photocopy")
FONTS = ("serif", "sans", "mono")


def sample_pages(text: str) -> list[str]:
    """The sample file's own convention: a line starting with a space starts a page."""
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.startswith(" ") and pages[-1]:
            pages.append([])
        pages[-1].append(line.strip())
    return ["\n".join(p) for p in pages]


def render_scan(pages: list[str], path: Path, *, quality: str, font: str, seed: int) -> Path:
    """Lay the pages out on A4 (overflow continues on a new sheet), degrade, save a multi-page TIFF."""
    images = []
    for n, page in enumerate(pages):
        for k, lines in enumerate(synth.layout(page, font)):
            img = synth.render_page("\n".join(lines), font, height_px=synth.A4_HEIGHT_300DPI)
            images.append(synth.degrade(img, quality, seed + 31 * n + k).convert("L"))
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(300, 300))
    return path


def scan_settings(corpus: str, stem: str) -> tuple[str, str, int]:
    """(quality, font, seed offset) of a case, from its name alone: adding or moving other texts
    does not change how this one is printed, so figures stay comparable between runs."""
    h = zlib.crc32(stem.encode("utf-8"))
    quality = "clean" if corpus == "sample" else QUALITIES[h % len(QUALITIES)]
    return quality, FONTS[(h // len(QUALITIES)) % len(FONTS)], h % 1000


def render_all(directory: Path, seed: int = 7, stems: set[str] | None = None) -> dict[str, Path]:
    """Every case of the segmentation benchmark as a scan (or only ``stems``: each case keeps the
    quality, font and seed it has in the full run); keyed by case stem."""
    out: dict[str, Path] = {}
    for corpus, stem, txt, _exp in segmentation.cases():
        if stems is not None and stem not in stems:
            continue
        text = txt.read_text(encoding="utf-8")
        pages = sample_pages(text) if corpus == "sample" else [p for p in text.split("\f") if p.strip()]
        quality, font, offset = scan_settings(corpus, stem)
        out[stem] = render_scan(pages, directory / f"{stem}.tif", quality=quality, font=font, seed=seed + offset)
    return out


# One text per quality (clean/skewed/fax/photocopy in the full run), with motions, a reply and a
# protocol extract between them: the quick end-to-end check of tests/test_segment_scans.py.
SUBSET = frozenset({  # one text per quality (see scan_settings)
    "kalmar-2013-bundle-vinterhallning",  # clean
    "lund-2014-bundle-meroppet-bibliotek",  # skewed
    "molndal-2016-motion-gang-och-cykelbro",  # fax
    "norrkoping-1995-motion-datorer-skolan",  # photocopy
})


def run(workers: int = 2, stems: set[str] | frozenset[str] | None = None) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="kommunarkiv-scans-") as tmpname:
        tmp = Path(tmpname)
        (tmp / "in").mkdir()
        scans = render_all(tmp / "in", stems=set(stems) if stems is not None else None)
        report = run_batch([tmp / "in"], tmp / "out", RunOptions(workers=workers), progress="none")
        results = {}
        for stem, path in scans.items():
            out = tmp / "out" / f"{path.name}.json"
            if out.exists():
                results[stem] = load_result(json.loads(out.read_text(encoding="utf-8")))
        rows = segmentation.run(results, label="scans", stems=set(scans))
        for row in rows:
            row["pages"] = report.pages_done
        return rows


if __name__ == "__main__":  # pragma: no cover
    from .__main__ import format_table

    print(format_table(run()))
