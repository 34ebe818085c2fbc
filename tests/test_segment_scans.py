"""Segmentation targets on scans, checked end to end on a subset of ``samples/texts``.

Four texts, one per scan quality (clean, skewed, fax, photocopy), are printed
onto degraded pages and run through the whole batch pipeline (preprocessing,
Tesseract ``swe``, correction, segmentation) exactly as
``python -m pipeline.bench.scans`` does for all of them; the issue's
acceptance figures must hold.  The full benchmark remains the measure.
"""
from __future__ import annotations

import shutil

import pytest

from pipeline.bench import scans

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")


@pytest.fixture(scope="module")
def rows():
    return {r["corpus"]: r for r in scans.run(workers=2, stems=scans.SUBSET)}


def test_subset_has_one_text_per_quality():
    qualities = {scans.scan_settings("texts", stem)[0] for stem in scans.SUBSET}
    assert qualities == set(scans.QUALITIES)


def test_scan_figures(rows):
    row = rows["texts"]
    assert row["documents"] >= 6
    assert row["type_accuracy"] >= 0.9, row
    assert row["proposals_f1"] >= 0.95, row
    assert row["author_recall"] >= 0.9, row
