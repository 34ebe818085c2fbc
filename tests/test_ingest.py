"""Ingestion on real files: type sniffing, encodings, PDF text layers, bad input."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.errors import (CorruptInputError, EmptyInputError, EncryptedPdfError, InputTooLargeError,
                             UnsupportedInputError)
from pipeline.ingest import plan_file
from pipeline.ingest.pdf import render_pdf_page
from pipeline.options import RunOptions

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
TEXT = "Kommunstyrelsen föreslår att motionen anses besvarad.\nBeslutet fattades på sammanträdet i Växjö."
OPTS = RunOptions()


def page_image(text: str = TEXT) -> Image.Image:
    img = Image.new("L", (1700, 500), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    draw.multiline_text((80, 80), text, font=font, fill=0, spacing=20)
    return img


def test_png_tiff_and_jpeg_are_sniffed_from_bytes(tmp_path: Path) -> None:
    img = page_image()
    img.save(tmp_path / "a.png")
    img.save(tmp_path / "b.jpg", quality=85)
    img.save(tmp_path / "c.tif", save_all=True, append_images=[img.rotate(180)])
    img.save(tmp_path / "misnamed.txt", format="PNG")  # bytes win over the extension
    assert [len(plan_file(tmp_path / n, OPTS).tasks) for n in ["a.png", "b.jpg", "c.tif"]] == [1, 1, 2]
    plan = plan_file(tmp_path / "misnamed.txt", OPTS)
    assert plan.source.kind == "image" and plan.source.mime == "image/png"
    assert len(plan.source.sha256) == 64 and plan.tasks[0].origin == "ocr"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("cp1252", b""), ("utf-16", b""), ("utf-8-sig", b"")],
)
def test_text_encodings_are_detected_and_recorded(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Yttrande över motion om förskolans lokaler\fSida två: åtgärder för äldreomsorgen\f"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    plan = plan_file(path, OPTS)
    assert [t.text for t in plan.tasks] == ["Yttrande över motion om förskolans lokaler", "Sida två: åtgärder för äldreomsorgen"]
    assert plan.source.encoding in ({"utf-16": "utf-16", "cp1252": "cp1252"}.get(encoding, encoding), "utf-8")
    assert bool(plan.warnings) == (encoding == "cp1252")
    if encoding == "cp1252":
        assert "cp1252" in plan.warnings[0] and str(path) in plan.warnings[0]


def test_dos_cp850_text_is_not_mistaken_for_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes("Protokoll fört vid sammanträde med kommunstyrelsen i Älmhult, § 45 Översiktsplan".encode("cp850"))
    plan = plan_file(path, OPTS)
    assert plan.source.encoding == "cp850"
    assert "fört" in plan.tasks[0].text and "Älmhult" in plan.tasks[0].text


def test_bad_inputs_fail_with_file_name_and_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.png").write_bytes(b"")
    good = tmp_path / "good.png"
    page_image().save(good)
    data = good.read_bytes()
    (tmp_path / "truncated.png").write_bytes(data[: len(data) // 3])
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0xFF  # a bit error inside the pixel data: caught by the chunk CRC
    (tmp_path / "flipped.png").write_bytes(bytes(flipped))
    page_image().convert("L").save(tmp_path / "good.jpg", quality=80)
    jpeg = (tmp_path / "good.jpg").read_bytes()
    (tmp_path / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (tmp_path / "html.png").write_text("<html><body>404 Not Found</body></html>")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    cases = {
        "empty.png": (EmptyInputError, "empty"),
        "truncated.png": (CorruptInputError, "truncated"),
        "flipped.png": (CorruptInputError, "damaged"),
        "truncated.jpg": (CorruptInputError, "truncated"),
        "html.png": (UnsupportedInputError, "not a PNG"),
        "notes.docx": (UnsupportedInputError, "unsupported file type"),
    }
    for good_name in ("good.png", "good.jpg"):
        assert plan_file(tmp_path / good_name, OPTS).source.page_count == 1
    for name, (error, words) in cases.items():
        with pytest.raises(error) as info:
            plan_file(tmp_path / name, OPTS)
        assert str(tmp_path / name) in str(info.value)
        assert words in str(info.value)


def test_huge_image_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("1", (12_000, 11_000), 1).save(path)  # 132 MP, a few kB on disk
    with pytest.raises(InputTooLargeError, match="MP"):
        plan_file(path, OPTS)


def test_pdf_text_layer_is_used_and_scanned_pages_are_ocr_tasks(tmp_path: Path) -> None:
    img = page_image()
    img.save(tmp_path / "page.png", dpi=(300, 300))
    # Tesseract's own PDF renderer writes an invisible text layer over the image: a real searchable PDF.
    subprocess.run(["tesseract", str(tmp_path / "page.png"), str(tmp_path / "searchable"), "-l", "swe", "pdf"],
                   check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    img.save(tmp_path / "scanned.pdf", resolution=300)
    searchable = plan_file(tmp_path / "searchable.pdf", OPTS)
    assert searchable.tasks[0].origin == "pdf-text"
    assert "motionen" in searchable.tasks[0].text
    scanned = plan_file(tmp_path / "scanned.pdf", OPTS)
    assert scanned.tasks[0].origin == "ocr" and scanned.tasks[0].note == "no usable text layer"
    forced = plan_file(tmp_path / "searchable.pdf", RunOptions(text_layer="ocr"))
    assert forced.tasks[0].origin == "ocr"
    image, dpi = render_pdf_page(scanned.tasks[0], OPTS)
    assert dpi == 300 and abs(image.shape[1] - 1700) <= 2


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is installed by make install")
def test_encrypted_pdf_is_reported(tmp_path: Path) -> None:
    page_image().save(tmp_path / "plain.pdf", resolution=300)
    subprocess.run(["qpdf", "--encrypt", "hemligt", "owner", "256", "--", str(tmp_path / "plain.pdf"), str(tmp_path / "locked.pdf")], check=True)
    with pytest.raises(EncryptedPdfError, match="password"):
        plan_file(tmp_path / "locked.pdf", OPTS)


def test_truncated_pdf_is_reported(tmp_path: Path) -> None:
    page_image().save(tmp_path / "plain.pdf", resolution=300)
    data = (tmp_path / "plain.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:200])
    with pytest.raises(CorruptInputError) as info:
        plan_file(tmp_path / "cut.pdf", OPTS)
    assert "cut.pdf" in str(info.value)
