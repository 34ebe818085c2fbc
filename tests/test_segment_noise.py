"""Segmentation on OCR-like text: the sample texts damaged the way Tesseract ``swe`` + correction leave them.

Texts rendered as scans reach segmentation with wrapped lines, a few lost
diacritics, bullets read as ``¢``/``*``/``e``/``«``, ``att`` read as ``art``,
and long headings split over two lines.  ``damage`` applies exactly those
(seeded, so the figures are stable) and the benchmark figures must hold.
"""
from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from pipeline.bench import segmentation as bench
from pipeline.model import FileResult, Source
from pipeline.segment import link_responses, segment

_STRIP = str.maketrans("åäöÅÄÖé", "aaoAAOe")
_BULLETS = ["¢", "*", "e", "«"]


def damage(text: str, seed: int, rate: float = 0.03) -> str:
    rng = random.Random(seed)
    pages = []
    for page in text.split("\f"):
        out: list[str] = []
        for line in page.split("\n"):
            s = line
            if s.startswith("• "):
                s = rng.choice(_BULLETS) + s[1:]
            if rng.random() < 0.1:
                s = s.replace("att ", "art ", 1) if s.lstrip("¢*e«-• 0123456789.").startswith("att ") else s
            s = " ".join(w.translate(_STRIP) if rng.random() < rate else w for w in s.split(" "))
            words = s.split()
            if 3 <= len(words) <= 6 and len(s) < 60 and not s.endswith((".", ")")) and rng.random() < 0.15:
                out += [" ".join(words[:2]), " ".join(words[2:])]  # a heading broken over two lines
            elif len(s) > 80:
                out += textwrap.wrap(s, 75, break_on_hyphens=False)  # rendered page width
            else:
                out.append(s)
        pages.append("\n".join(out))
    return "\f".join(pages)


def _results(seed: int) -> dict[str, FileResult]:
    out = {}
    for corpus, stem, txt, _exp in bench.cases():
        if corpus != "texts":
            continue
        docs = segment(bench.pages_from_text(damage(txt.read_text(encoding="utf-8"), seed)))
        src = Source(path=str(txt), name=txt.name, sha256="", kind="text", page_count=1, size_bytes=0)
        out[stem] = FileResult(source=src, pages=[], documents=docs)
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_noisy_texts_keep_figures(seed):
    results = _results(seed)
    link_responses(list(results.values()))
    rows = {r["corpus"]: r for r in bench.run(results)}
    texts = rows["texts"]
    assert texts["type_accuracy"] >= 0.9, texts
    assert texts["proposals_f1"] >= 0.9, texts
    assert texts["author_recall"] >= 0.9, texts
    assert texts["title_accuracy"] >= 0.85, texts


def test_damage_is_deterministic():
    text = Path(bench.ROOT / "samples" / "texts" / "umea-2011-motion-cykelvagar.txt").read_text(encoding="utf-8")
    assert damage(text, 3) == damage(text, 3)
    assert damage(text, 3) != text
