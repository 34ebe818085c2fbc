"""ALTO 4.4 export: valid against the shipped XSD, one String per OCR word on its box,
CONTENT = the corrected reading with the raw OCR kept as ALTERNATIVE.

The page is rendered here with PIL (DejaVu Serif, 300 dpi, a few lines) and run
through the real pipeline with Tesseract, so the test sees real boxes and the
real raw_text/line layout that ``pipeline.ocr._build`` produces.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

from pipeline.export import SERIALIZERS, alto
from pipeline.export.alto import NS, AltoSerializer, line_tokens
from pipeline.model import Correction, FileResult, Page
from pipeline.options import RunOptions
from pipeline.stages import process_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
A = {"a": NS}
PARAGRAPHS = [
    ["Kommunstyrelsen föreslår att", "motionen ska anses besvarad."],
    ["Ärendet har beretts av förvaltningen", "och behandlades den 3 april 2012."],
]



@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    return alto.schema()


@pytest.fixture(scope="module")
def ocr_result(tmp_path_factory: pytest.TempPathFactory) -> FileResult:
    font = ImageFont.truetype(FONT, 40)
    img = Image.new("L", (1400, 560), 255)
    draw = ImageDraw.Draw(img)
    y = 60
    for para in PARAGRAPHS:
        for line in para:
            draw.text((90, y), line, font=font, fill=0)
            y += 62
        y += 70
    path = tmp_path_factory.mktemp("alto") / "sida.png"
    img.save(path, dpi=(300, 300))
    result = process_file(path, RunOptions(segment=False, workers=1))
    assert result.pages[0].status == "ok" and result.pages[0].words, "Tesseract read nothing"
    return result


def _parse(result: FileResult, xsd: etree.XMLSchema) -> etree._Element:
    data = AltoSerializer().serialize(result)
    root = etree.fromstring(data)
    xsd.assertValid(root)
    return root


def _lines_text(root: etree._Element) -> list[str]:
    return [" ".join(s.get("CONTENT") for s in tl.iterfind("a:String", A)) for tl in root.iterfind(".//a:TextLine", A)]


def test_registered_with_its_extension(ocr_result: FileResult) -> None:
    ser = SERIALIZERS["alto"]()
    assert isinstance(ser, AltoSerializer)
    assert ser.filename(ocr_result) == "sida.png.alto.xml"


def test_ocr_page_validates_with_one_string_per_word_inside_the_page(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    page = ocr_result.pages[0]
    root = _parse(ocr_result, xsd)
    (pg,) = root.iterfind(".//a:Page", A)
    assert (pg.get("WIDTH"), pg.get("HEIGHT"), pg.get("PHYSICAL_IMG_NR")) == (str(page.width), str(page.height), "1")
    strings = root.findall(".//a:String", A)
    merged = sum(c.original.count(" ") for c in page.corrections if c.applied)
    assert len(strings) == len(page.words) - merged
    if not merged:
        for s, w in zip(strings, page.words):
            x0, y0, x1, y1 = w.bbox
            assert (s.get("HPOS"), s.get("VPOS"), s.get("WIDTH"), s.get("HEIGHT")) == tuple(map(str, (x0, y0, x1 - x0, y1 - y0)))
            assert float(s.get("WC")) == pytest.approx(w.confidence / 100, abs=1e-4)
    for s in strings:
        x, y, w, h = (float(s.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        assert 0 <= x and 0 <= y and x + w <= page.width and y + h <= page.height
    assert len(root.findall(".//a:TextLine", A)) == len(page.lines)
    assert len(root.findall(".//a:SP", A)) == len(strings) - len(page.lines)


def test_content_is_the_corrected_text_line_by_line(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    page = ocr_result.pages[0]
    root = _parse(ocr_result, xsd)
    assert _lines_text(root) == [ln for ln in page.text.split("\n") if ln.strip()]
    for c in page.corrections:
        if c.applied and " " not in c.original:
            assert any(a.text == page.raw_text.split("\n")[c.line][c.start:c.end] or c.original in (a.text or "")
                       for a in root.iterfind(".//a:ALTERNATIVE", A))


def test_processing_names_engine_and_preprocessing(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    page = ocr_result.pages[0]
    root = _parse(ocr_result, xsd)
    assert root.findtext(".//a:sourceImageInformation/a:fileName", namespaces=A) == "sida.png"
    (pg,) = root.iterfind(".//a:Page", A)
    steps = {p.get("ID"): p for p in root.iterfind("a:Description/a:Processing", A)}
    refs = [steps[r] for r in pg.get("PROCESSINGREFS").split()]
    ocr = [p for p in refs if p.findtext("a:processingCategory", namespaces=A) == "contentGeneration"]
    assert ocr[0].findtext(".//a:softwareName", namespaces=A) == "tesseract"
    assert ocr[0].findtext(".//a:softwareVersion", namespaces=A) == page.engine.version
    if page.preprocessing:
        pre = [p for p in refs if p.findtext("a:processingCategory", namespaces=A) == "preOperation"]
        descs = pre[0].findall("a:processingStepDescription", A)
        assert [d.text.split(":")[0] for d in descs] == [s.name for s in page.preprocessing]


def _with_correction(result: FileResult, line_index: int, word_index: int, new: str, span: int = 1) -> tuple[FileResult, Page]:
    """Copy ``result`` and apply one correction over ``span`` words of an engine line, as the corrector would."""
    res = copy.deepcopy(result)
    page = res.pages[0]
    raw_lines = page.raw_text.split("\n")
    r = [i for i, t in enumerate(raw_lines) if t.strip()][line_index]
    words = [w.text for w in page.words if w.line == line_index]
    start = sum(len(w) + 1 for w in words[:word_index])
    end = start + len(" ".join(words[word_index:word_index + span]))
    original = raw_lines[r][start:end]
    page.corrections = [Correction(page=1, line=r, start=start, end=end, original=original, correction=new,
                                   method="merge" if span > 1 else "edit", score=0.9)]
    text_lines = raw_lines[:]
    text_lines[r] = raw_lines[r][:start] + new + raw_lines[r][end:]
    page.text = "\n".join(text_lines)
    return res, page


def test_a_correction_becomes_content_and_the_raw_word_an_alternative(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    res, page = _with_correction(ocr_result, 1, 1, "RÄTTAT")
    root = _parse(res, xsd)
    assert _lines_text(root) == [ln for ln in page.text.split("\n") if ln.strip()]
    (s,) = [s for s in root.iterfind(".//a:String", A) if s.get("CONTENT") == "RÄTTAT"]
    alt = s.find("a:ALTERNATIVE", A)
    assert alt.get("PURPOSE") == "ocr" and alt.text == page.corrections[0].original
    word = [w for w in page.words if w.line == 1][1]
    assert s.get("HPOS") == str(word.bbox[0])


def test_a_merge_of_two_words_is_one_string_on_their_union_box(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    res, page = _with_correction(ocr_result, 0, 0, "Hopslaget", span=2)
    root = _parse(res, xsd)
    strings = root.findall(".//a:String", A)
    assert len(strings) == len(page.words) - 1
    (s,) = [s for s in strings if s.get("CONTENT") == "Hopslaget"]
    w0, w1 = [w for w in page.words if w.line == 0][:2]
    assert s.get("HPOS") == str(w0.bbox[0])
    assert int(s.get("HPOS")) + int(s.get("WIDTH")) == max(w0.bbox[2], w1.bbox[2])
    assert s.find("a:ALTERNATIVE", A).text == f"{w0.text} {w1.text}"


def test_line_tokens_group_corrections_onto_words() -> None:
    line = "Kornmun för valtning och"
    spans = [(0, 7), (8, 11), (12, 20), (21, 24)]
    cs = [
        Correction(page=1, line=0, start=0, end=7, original="Kornmun", correction="Kommun", method="confusion", score=1),
        Correction(page=1, line=0, start=11, end=12, original=" ", correction="", method="merge", score=1),
    ]
    toks = line_tokens(line, spans, cs, boxes=[(0, 0, 10, 5), (12, 0, 20, 5), (22, 1, 40, 6), (42, 0, 50, 5)],
                       confidences=[90, 80, 70, 60])
    assert [(t.content, t.original, t.words) for t in toks] == [
        ("Kommun", "Kornmun", 1), ("förvaltning", "för valtning", 2), ("och", None, 1)]
    assert toks[1].bbox == (12, 0, 40, 6) and toks[1].confidence == 70
    split = Correction(page=1, line=0, start=21, end=24, original="och", correction="o ch", method="split", score=1)
    assert line_tokens(line, spans, [split])[3].content == "o ch"
    insert = Correction(page=1, line=0, start=7, end=7, original="", correction="s", method="edit", score=1)
    assert line_tokens(line, spans, [insert])[0].content == "Kornmuns"


def test_text_pages_have_no_invented_coordinates(xsd: etree.XMLSchema, tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text("Kommunfullmäktige\n§ 12 Budget\n\nBeslut att bifalla förslaget.\n", encoding="utf-8")
    result = process_file(path, RunOptions(segment=False, correct=False, workers=1))
    root = _parse(result, xsd)
    assert len(root.findall(".//a:TextBlock", A)) == 2
    assert _lines_text(root) == ["Kommunfullmäktige", "§ 12 Budget", "Beslut att bifalla förslaget."]
    assert not [el for el in root.iter() if el.get("HPOS") is not None]


def test_failed_page_is_kept_as_missing(ocr_result: FileResult, xsd: etree.XMLSchema) -> None:
    res = copy.deepcopy(ocr_result)
    failed = copy.deepcopy(res.pages[0])
    failed.number, failed.status, failed.error = 2, "failed", "ocr-timeout: too slow"
    res.pages.append(failed)
    root = _parse(res, xsd)
    pages = root.findall(".//a:Page", A)
    assert [p.get("PHYSICAL_IMG_NR") for p in pages] == ["1", "2"]
    assert pages[1].get("QUALITY") == "Missing" and "too slow" in pages[1].get("QUALITY_DETAIL")


def test_output_is_byte_stable(ocr_result: FileResult) -> None:
    assert AltoSerializer().serialize(ocr_result) == AltoSerializer().serialize(copy.deepcopy(ocr_result))
