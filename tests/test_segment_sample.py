"""The real sample after correction + segmentation (``pipeline.stages.process_file``): the acceptance thresholds.

Run twice: on the OCR text file as given, and on the same text printed as a
scan and read by Tesseract first.  The thresholds are the issue's acceptance
figures, not the current output's; the raw-OCR tests in ``test_segment.py``
stay as robustness checks.
"""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "corpus" / "tyreso-2009-kommunforbund"


def ratio(a: str | None, b: str | None) -> float:
    n = lambda s: re.sub(r"\s+", " ", s or "").strip()  # noqa: E731
    return difflib.SequenceMatcher(None, n(a), n(b), autojunk=False).ratio()


def render_sample_as_scan(directory: Path) -> Path:
    """The sample's OCR text printed onto 300-dpi pages (one per page of the
    original: a line starting with a space starts a page) as a multi-page TIFF,
    so the same material goes through preprocessing and Tesseract first."""
    from pipeline.synth import render_page

    text = SAMPLE.with_suffix(".ocr.txt").read_text(encoding="utf-8")
    pages, current = [], []
    for line in text.split("\n"):
        if line.startswith(" ") and current:
            pages.append("\n".join(current))
            current = []
        current.append(line.strip())
    pages.append("\n".join(current))
    images = [render_page(page, "serif", pt=10.5, height_px=None) for page in pages]
    path = directory / "tyreso-scan.tif"
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(300, 300))
    return path


@pytest.fixture(scope="module", params=["text", "scan"])
def docs(request, tmp_path_factory):
    """The sample as its OCR text file, and the same text rendered as a scan and OCR'd end to end."""
    from pipeline.stages import process_file

    if request.param == "text":
        return process_file(SAMPLE.with_suffix(".ocr.txt")).documents
    return process_file(render_sample_as_scan(tmp_path_factory.mktemp("scan"))).documents


@pytest.fixture(scope="module")
def expected():
    return json.loads(SAMPLE.with_suffix(".expected.json").read_text(encoding="utf-8"))["documents"]


def test_types_and_titles(docs, expected):
    assert [d.type for d in docs] == [e["type"] for e in expected]
    for d, e in zip(docs, expected):
        assert ratio(d.title, e["title"]) >= 0.95, (d.title, e["title"])
    assert ratio(docs[2].subtitle, expected[2]["subtitle"]) >= 0.95


def test_motion_proposals(docs, expected):
    got = docs[0].proposals
    assert len(got) == len(expected[0]["proposals"]) == 4
    for g, e in zip(got, expected[0]["proposals"]):
        assert g.number == e["number"]
        assert ratio(g.text, e["text"]) >= 0.95, (g.text, e["text"])


def test_motion_authors(docs, expected):
    got = docs[0].authors
    assert len(got) == len(expected[0]["authors"])
    for g, e in zip(got, expected[0]["authors"]):
        assert ratio(g.name, e["name"]) >= 0.9, (g.name, e["name"])
        assert (g.party or "").upper() == e["party"].upper()


def test_reply(docs, expected):
    reply, exp = docs[1], expected[1]
    assert len(reply.authors) == 1
    assert ratio(reply.authors[0].name, exp["authors"][0]["name"]) >= 0.9
    assert reply.authors[0].role == exp["authors"][0]["role"]
    assert reply.diarienummer is not None and reply.diarienummer.normalized == exp["diarienummer"]
    assert reply.addressed_to == exp["addressed_to"]
    assert reply.decision_proposal is not None
    assert ratio(reply.decision_proposal.text, exp["decision_proposal"]) >= 0.9
    assert reply.responds_to is not None and reply.responds_to.document == exp["responds_to"]["document"] == 0
    assert ratio(reply.responds_to.title, exp["responds_to"]["title"]) >= 0.95
    assert [q.quotes for q in reply.quoted_proposals] == [1, 2, 3, 4]


@pytest.mark.parametrize("k", [1, 2])
def test_section_headings(docs, expected, k):
    heads = [s.heading for s in docs[k].sections if s.heading]
    assert len(heads) == len(expected[k]["section_headings"])
    for h, e in zip(heads, expected[k]["section_headings"]):
        assert ratio(h, e) >= 0.9, (h, e)
