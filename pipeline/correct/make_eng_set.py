"""Regenerate the English-model OCR measurement set (``python -m pipeline.correct.make_eng_set``).

Why: the archive's worst text was OCR'd with English models, which drop or
mangle å/ä/ö.  The 150 hand-aligned sample lines are too few to tune on, so we
*reproduce* that damage with exact ground truth: render Swedish text into page
images with several fonts and a little scan degradation (blur, noise, low
resolution), OCR them with ``tesseract -l eng`` and align every OCR line to the
rendered truth line by its vertical position (Tesseract's TSV boxes), which
needs no fuzzy text alignment.

Sources: ``samples/texts/*.txt`` (council documents written for the project,
not ``correct-prose.txt`` which is the no-change test) and
``tests/fixtures/correct/source-texts/*.txt``.  Each *document* goes wholly into
``dev.jsonl`` (tune on it) or ``heldout.jsonl`` (measure only), chosen by a hash
of its file name, so the split is stable when documents are added.

``eng-ocr-2/`` is the second set: the documents written after the first set
was made (``--out tests/fixtures/correct/eng-ocr-2 --skip-docs-in
tests/fixtures/correct/eng-ocr``), unseen by the correction work when it was made;
``eng-ocr-3/`` the third, from ``tests/fixtures/correct/source-texts`` (skipping the
documents of both earlier sets); ``eng-ocr-4/`` the fourth, from
``--source tests/fixtures/correct/source-texts-4`` only; ``eng-ocr-5/`` the fifth, from
``--source tests/fixtures/correct/source-texts-5`` only; ``eng-ocr-6/`` the sixth, from
``--source tests/fixtures/correct/source-texts-6`` only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr"
SOURCES = [ROOT / "samples" / "texts", ROOT / "tests" / "fixtures" / "correct" / "source-texts"]
FONTS = [
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
]
LINES_PER_PAGE = 36
WIDTH = 78  # characters per rendered line


def source_files(sources: list[Path] | None = None) -> list[Path]:
    files: list[Path] = []
    for d in sources or SOURCES:
        files += sorted(p for p in d.glob("*.txt") if p.name != "correct-prose.txt")
    return files


def is_heldout(name: str) -> bool:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0


def wrap(text: str) -> list[str]:
    out: list[str] = []
    for para in text.splitlines():
        if not para.strip():
            out.append("")
            continue
        out += textwrap.wrap(para, WIDTH, break_on_hyphens=False) or [""]
    return out


def render(lines: list[str], font_path: str, rng: random.Random) -> tuple[Image.Image, list[tuple[int, int]]]:
    """Draw lines; return the (degraded) image and each line's y-range."""
    size = rng.choice([26, 28, 30])
    font = ImageFont.truetype(font_path, size)
    step = int(size * 1.6)
    img = Image.new("L", (2300, 120 + step * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    spans = []
    for i, line in enumerate(lines):
        y = 60 + i * step
        draw.text((80, y), line, font=font, fill=0)
        spans.append((y, y + step))
    # Scan-like degradation: low resolution, blur, speckle, lighter ink.
    scale = rng.choice([0.55, 0.65, 0.75])
    small = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(rng.choice([0.5, 0.8, 1.0])))
    px = small.load()
    for _ in range(small.width * small.height // 400):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        px[x, y] = rng.choice([0, 255])
    spans = [(int(a * scale), int(b * scale)) for a, b in spans]
    return small, spans


def ocr_lines(img: Image.Image, spans: list[tuple[int, int]]) -> list[str]:
    import pytesseract

    data = pytesseract.image_to_data(img, lang="eng", config="--psm 4", output_type=pytesseract.Output.DICT)
    words: list[list[tuple[int, str]]] = [[] for _ in spans]
    for text, left, top, height in zip(data["text"], data["left"], data["top"], data["height"]):
        if not text.strip():
            continue
        yc = top + height / 2
        best = min(range(len(spans)), key=lambda i: abs((spans[i][0] + spans[i][1]) / 2 - yc))
        words[best].append((left, text))
    return [" ".join(t for _, t in sorted(ws)) for ws in words]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--skip-docs-in", type=Path, action="append", default=[], metavar="DIR",
                    help="leave out documents already in DIR/*.jsonl (a second set from texts added since)")
    ap.add_argument("--source", type=Path, action="append", default=[], metavar="DIR",
                    help="read the documents from DIR/*.txt instead of the default sources (repeatable)")
    args = ap.parse_args(argv)
    skip = {json.loads(x)["doc"] for d in args.skip_docs_in for f in d.glob("*.jsonl")
            for x in f.read_text(encoding="utf-8").splitlines() if x.strip()}
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    args.out.mkdir(parents=True, exist_ok=True)
    rows = {"dev": [], "heldout": []}
    for k, path in enumerate(source_files(args.source)):
        if path.name in skip:
            continue
        rng = random.Random(path.name)
        font = FONTS[k % len(FONTS)]
        lines = wrap(path.read_text(encoding="utf-8"))
        part = "heldout" if is_heldout(path.name) else "dev"
        for p in range(0, len(lines), LINES_PER_PAGE):
            chunk = lines[p : p + LINES_PER_PAGE]
            img, spans = render(chunk, font, rng)
            for i, (truth, ocr) in enumerate(zip(chunk, ocr_lines(img, spans))):
                if not truth.strip():
                    continue
                rows[part].append({"doc": path.name, "line": p + i + 1, "font": Path(font).stem, "ocr": ocr, "truth": truth})
        print(f"{part:8} {path.name}")
    for part, rs in rows.items():
        with open(args.out / f"{part}.jsonl", "w", encoding="utf-8") as f:
            for r in rs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(part, len(rs), "lines")


if __name__ == "__main__":
    main()
