"""The synthetic page generator: exact ground truth, determinism, formats."""
from __future__ import annotations

import json

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from pipeline import synth


def test_all_three_font_families_installed():
    assert set(synth.FONTS) == {"serif", "sans", "mono"}


def test_layout_wraps_within_margins_and_keeps_every_word(page_text):
    pages = synth.layout(page_text, "serif", height_px=None)
    assert len(pages) == 1
    lines = pages[0]
    assert len(lines) > page_text.count("\n") + 2  # long paragraphs were wrapped
    assert " ".join(" ".join(lines).split()) == " ".join(page_text.split())


def test_layout_splits_long_text_into_a4_pages():
    text = "\n\n".join(["Kommunfullmäktige beslutar att anta förslaget i sin helhet. " * 8] * 20)
    pages = synth.layout(text, "sans")
    assert len(pages) >= 2
    assert all(p and p[0] and p[-1] for p in pages)  # no blank line at top or bottom


def test_form_feed_forces_a_page_break():
    pages = synth.layout("Första sidan.\n\fAndra sidan börjar här.", "serif")
    assert pages == [["Första sidan."], ["Andra sidan börjar här."]]


def test_render_page_ink_stays_inside_margins(page_text):
    img = synth.render_page(page_text, "mono", height_px=None)
    arr = np.asarray(img)
    ys, xs = np.nonzero(arr < 128)
    margin = round(25 / 25.4 * 300)
    assert xs.min() >= margin - 5 and xs.max() <= img.width - margin + 5
    assert img.info["dpi"] == (300, 300)
    assert img.info["ground_truth"].rstrip("\n").split("\n")[0] == page_text.split("\n")[0]
    # 11.5 pt at 300 dpi: capitals are roughly 30-35 px high
    assert 40 <= synth.font_size_px(11.5, 300) <= 52


@pytest.mark.parametrize("quality", synth.QUALITIES)
def test_degrade_is_deterministic_and_records_parameters(clean_page, quality):
    a = synth.degrade(clean_page, quality, seed=7)
    b = synth.degrade(clean_page, quality, seed=7)
    assert a.tobytes() == b.tobytes()
    assert a.info["degradation"]["quality"] == quality
    assert a.info["ground_truth"] == clean_page.info["ground_truth"]
    skew = a.info["degradation"]["skew_deg"]
    if quality == "skewed":
        assert 1.5 <= abs(skew) <= 4.0
    if quality == "fax":
        assert 2.0 <= abs(skew) <= 3.0
        assert set(np.unique(np.asarray(a))) <= {0, 255}
    if quality == "lowres":
        assert a.info["dpi"] == (150, 150) and a.width == clean_page.width // 2
    if quality == "clean":
        assert a.tobytes() == clean_page.tobytes()


def test_skewed_seeds_cover_both_directions(clean_page):
    signs = {np.sign(synth.degrade(clean_page, "skewed", s).info["degradation"]["skew_deg"]) for s in range(8)}
    assert signs == {-1.0, 1.0}


def test_write_pdf_is_a_scanned_image_pdf(tmp_path, render):
    imgs = [render("clean"), render("photocopy")]
    path = tmp_path / "scan.pdf"
    synth.write_pdf(imgs, path, dpi=300)
    pdf = pdfium.PdfDocument(str(path))
    assert len(pdf) == 2
    w_pt, h_pt = pdf[0].get_size()
    assert abs(w_pt - imgs[0].width * 72 / 300) < 1
    assert pdf[0].get_textpage().get_text_range().strip() == ""  # no text layer


def test_generate_writes_manifest_images_and_ground_truth(tmp_path):
    texts = {"kort": "§ 4 Val av justerare\n\nTill justerare utses Anna Öberg och Lars Åkesson. "
                     "Protokollet justeras den 5 maj 2012 på kommunkansliet, där 100% av ledamöterna var närvarande."}
    kw = {"seed": 3, "qualities": ("clean", "fax"), "fonts": ("serif", "mono")}
    entries = synth.generate(tmp_path / "a", texts, **kw)
    again = synth.generate(tmp_path / "b", texts, **kw)
    assert [(e["quality"], e["font"]) for e in entries if e["pages"] == 1] == [
        ("clean", "serif"), ("clean", "mono"), ("fax", "serif"), ("fax", "mono")]
    assert {e["format"] for e in entries} >= {"png", "jpg", "tif", "pdf"}
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["entries"] == entries
    for e in entries:
        img_a = (tmp_path / "a" / e["image"]).read_bytes()
        assert img_a == (tmp_path / "b" / e["image"]).read_bytes(), e["image"]  # byte-reproducible
        gt = (tmp_path / "a" / e["gt"]).read_text(encoding="utf-8")
        assert gt.count("\f") == e["pages"] - 1
        assert "Val av justerare" in gt
    tif = next(e for e in entries if e["format"] == "tif")
    assert Image.open(tmp_path / "a" / tif["image"]).n_frames == 2
    assert again == entries


def test_cli_writes_set_from_texts_directory(tmp_path):
    tdir = tmp_path / "texts"
    tdir.mkdir()
    (tdir / "a.txt").write_text("Kommunstyrelsen föreslår att motionen bifalls.\n", encoding="utf-8")
    args = [str(tmp_path / "out"), "--texts", str(tdir), "--qualities", "clean,lowres", "--fonts", "sans,mono"]
    assert synth.main(args) == 0
    entries = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["entries"]
    combos = {(e["quality"], e["font"]) for e in entries if e["pages"] == 1}
    assert combos == {(q, f) for q in ("clean", "lowres") for f in ("sans", "mono")}  # every combination


def test_default_texts_used_when_directory_has_none(tmp_path):
    texts = synth.load_texts(tmp_path)
    assert texts == synth.DEFAULT_TEXTS
    body = "\n".join(texts.values())
    for needle in ("å", "ä", "ö", "§ 45", "100%", "2012-05-21"):
        assert needle in body
