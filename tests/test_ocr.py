"""Tesseract wrapper and symbol repair, with real Tesseract on rendered pages."""
from __future__ import annotations

import subprocess
from pathlib import Path

import jiwer
import numpy as np
import pytest
import pytesseract

from pipeline import ocr
from pipeline.errors import MissingDependencyError, OcrTimeoutError
from pipeline.symbols import repair_symbols
from pipeline.synth import render_page


def normalize(text: str) -> str:
    """Collapse whitespace: CER should measure characters, not layout."""
    return " ".join(text.split())

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def clean_result(clean_array):
    return ocr.recognize(clean_array, dpi=300, timeout=60)


def test_text_matches_ground_truth(clean_page, clean_result):
    assert jiwer.cer(normalize(clean_page.info["ground_truth"]), normalize(clean_result.text)) < 0.02


def test_words_boxes_inside_image_and_confidences_in_range(clean_array, clean_result):
    h, w = clean_array.shape
    assert len(clean_result.words) > 50
    for wd in clean_result.words:
        x0, y0, x1, y1 = wd.bbox
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, wd
        assert 0 <= wd.confidence <= 100
        assert wd.text.strip() == wd.text and wd.text
    assert 0 < clean_result.mean_confidence <= 100


def test_lines_words_and_text_agree(clean_result):
    r = clean_result
    for i, line in enumerate(r.lines):
        ws = [w for w in r.words if w.line == i]
        assert line.text == " ".join(w.text for w in ws)
        assert line.word_count == len(ws)
        assert all(w.block == line.block and w.paragraph == line.paragraph for w in ws)
    assert [ln for ln in r.text.split("\n") if ln] == [ln.text for ln in r.lines]
    # paragraphs are separated by one blank line, in reading order
    assert "\n\n" in r.text and "\n\n\n" not in r.text
    ys = [ln.bbox[1] for ln in r.lines]
    assert ys == sorted(ys)


def test_engine_reports_installed_version(clean_result):
    e = clean_result.engine
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    assert e.name == "tesseract" and e.language == "swe"
    assert e.version and e.version in out
    assert "--psm 3" in clean_result.config and "--dpi 300" in clean_result.config


def test_timeout_raises_ocr_timeout_error(clean_array):
    with pytest.raises(OcrTimeoutError) as exc:
        ocr.recognize(clean_array, timeout=0.01)
    assert exc.value.reason == "timeout"


def test_missing_language_names_the_debian_package():
    with pytest.raises(MissingDependencyError) as exc:
        ocr.recognize(np.full((50, 50), 255, np.uint8), language="swe+fao", timeout=10)
    assert "tesseract-ocr-fao" in str(exc.value)
    assert exc.value.exit_code == 3


def test_missing_tesseract_binary(monkeypatch):
    ocr.tesseract_version.cache_clear()
    ocr.installed_languages.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    try:
        with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr"):
            ocr.recognize(np.full((50, 50), 255, np.uint8), timeout=10)
    finally:
        ocr.tesseract_version.cache_clear()
        ocr.installed_languages.cache_clear()


def test_empty_page_gives_empty_result():
    r = ocr.recognize(np.full((400, 600), 255, np.uint8), timeout=30, dpi=300)
    assert r.text == "" and r.words == [] and r.lines == [] and r.mean_confidence is None


def test_tesseract_subprocess_is_single_threaded(clean_result):
    import os

    assert os.environ["OMP_THREAD_LIMIT"] == "1"


# ---------------------------------------------------------------- symbols

def _symbol_cases() -> list[tuple[str, str]]:
    rows = []
    for line in (FIXTURES / "symbols.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ocr_text, expected = line.split("\t")
            rows.append((ocr_text, expected))
    return rows


@pytest.mark.parametrize(("ocr_text", "expected"), _symbol_cases())
def test_repair_symbols_fixture(ocr_text, expected):
    out, repairs = repair_symbols(ocr_text)
    assert out == expected
    # every change is reported with offsets into the input
    rebuilt, pos = [], 0
    for start, end, original, replacement, rule in repairs:
        assert ocr_text[start:end] == original and rule.split(":")[0] in {"section", "percent"}
        rebuilt += [ocr_text[pos:start], replacement]
        pos = end
    assert "".join(rebuilt) + ocr_text[pos:] == out
    assert (len(repairs) == 0) == (ocr_text == expected)
    assert repair_symbols(out) == (out, [])  # idempotent


def test_swe_model_really_lacks_the_symbols_and_repair_restores_them():
    """Guards the premise: if a future swe model learns § and %, this fails and the rules can go."""
    text = "Protokoll § 45 Budget för 2013\n\nAndelen ökade med 4,5 % sedan 2009\n\nEnligt § 96 gäller 100% av beloppet"
    img = render_page(text, "serif", height_px=None)
    raw = ocr.recognize(np.asarray(img), dpi=300, timeout=60).text
    assert "§" not in raw and "%" not in raw
    fixed, repairs = repair_symbols(raw)
    assert "§ 45" in fixed and "4,5 % sedan" in fixed and "§ 96" in fixed and "100%" in fixed, (raw, fixed)
    assert "2013" in fixed


# ------------------------------------------------------- dropped-line recovery

@pytest.mark.parametrize("cropped", [False, True])
def test_missed_regions_finds_a_line_the_layout_analysis_dropped(clean_array, cropped):
    """Tesseract's --psm 3 sometimes drops a whole line (seen on a fax page);
    simulate it by removing one line from a real result.  Searched on the whole
    page or only inside its ``content_box``, the region is in page coordinates."""
    data = pytesseract.image_to_data(clean_array, lang="swe", config="--psm 3 --dpi 300",
                                     output_type=pytesseract.Output.DICT)
    groups = ocr._groups(data)
    box = ocr.content_box(clean_array) if cropped else None
    assert ocr._missed_regions(clean_array, groups, box) == []  # nothing missing
    dropped = groups.pop(3)
    regions = ocr._missed_regions(clean_array, groups, box)
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    bx0 = min(b[0] for _, b, _ in dropped[1])
    by0 = min(b[1] for _, b, _ in dropped[1])
    bx1 = max(b[2] for _, b, _ in dropped[1])
    by1 = max(b[3] for _, b, _ in dropped[1])
    assert x0 <= bx0 and y0 <= by0 and x1 >= bx1 and y1 >= by1


def test_recovered_line_is_inserted_in_reading_order(clean_array):
    data = pytesseract.image_to_data(clean_array, lang="swe", config="--psm 3 --dpi 300",
                                     output_type=pytesseract.Output.DICT)
    groups = ocr._groups(data)
    original = [" ".join(t for t, _, _ in ws) for _, ws in groups]
    dropped = groups.pop(3)
    ocr._insert(groups, ((99, 1, 1), dropped[1]))
    assert [" ".join(t for t, _, _ in ws) for _, ws in groups] == original


def test_repair_symbols_is_line_local():
    """Callers record Correction offsets per line; whole-text and per-line runs must agree."""
    cases = _symbol_cases()
    text = "\n".join(ocr_text for ocr_text, _ in cases)
    whole, repairs = repair_symbols(text)
    assert whole.split("\n") == [expected for _, expected in cases]
    per_line = []
    offset = 0
    for line in text.split("\n"):
        per_line += [(s + offset, e + offset, o, r, rule) for s, e, o, r, rule in repair_symbols(line)[1]]
        offset += len(line) + 1
    assert per_line == repairs


def test_crop_to_the_ink_reads_the_same_words_in_page_coordinates(clean_array, clean_result):
    """Tesseract reads only the inked part of the page; words and boxes are those of the whole page."""
    box = ocr.content_box(clean_array)
    h, w = clean_array.shape
    assert box is not None, "a typed page has empty margins"
    x0, y0, x1, y1 = box
    assert 0 < x0 < x1 < w and 0 < y0 < y1 < h
    assert (x1 - x0) * (y1 - y0) <= (1 - ocr.CROP_MIN_SAVING) * w * h
    # every word of the uncropped reading lies inside the crop, with the margin to spare
    whole = ocr.recognize(clean_array, dpi=300, timeout=60, crop=False)
    for wd in whole.words:
        assert x0 < wd.bbox[0] and y0 < wd.bbox[1] and wd.bbox[2] < x1 and wd.bbox[3] < y1, wd
    assert clean_result.text == whole.text
    assert [(wd.text, wd.bbox) for wd in clean_result.words] == [(wd.text, wd.bbox) for wd in whole.words]
    assert [ln.bbox for ln in clean_result.lines] == [ln.bbox for ln in whole.lines]


def test_no_crop_when_the_ink_fills_the_page():
    page = np.full((400, 300), 255, np.uint8)
    page[5:395:20, 5:295] = 0  # rules from edge to edge: nothing to save
    assert ocr.content_box(page) is None
    assert ocr.content_box(np.full((400, 300), 255, np.uint8)) is None  # no ink at all
