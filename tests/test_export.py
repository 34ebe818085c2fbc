"""The JSON contract: every output validates against the published schema,
raw text survives, and serialisation is byte-stable."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.cli import main
from pipeline.export import JsonSerializer, TextSerializer, load_schema, validate_output
from pipeline.options import RunOptions
from pipeline.stages import process_file

SAMPLE = Path(__file__).parent.parent / "samples" / "corpus" / "tyreso-2009-kommunforbund.ocr.txt"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "kommunarkiv file result"


def test_uncorrected_text_output_validates_and_keeps_raw_text() -> None:
    result = process_file(SAMPLE, RunOptions(correct=False, segment=False))
    data = result.to_dict()
    validate_output(data)
    raw = SAMPLE.read_text(encoding="utf-8")
    assert data["pages"][0]["raw_text"] == raw.removesuffix("\n")
    assert data["pages"][0]["text"] == data["pages"][0]["raw_text"]
    assert data["source"]["kind"] == "text" and data["source"]["encoding"] == "utf-8"


def test_full_output_validates_and_is_byte_stable() -> None:
    first = JsonSerializer().serialize(process_file(SAMPLE))
    second = JsonSerializer().serialize(process_file(SAMPLE))
    assert first == second
    data = json.loads(first)
    validate_output(data)
    page = data["pages"][0]
    assert page["raw_text"] != page["text"], "correction changed nothing on English-model OCR"
    assert page["corrections"], "every change must be recorded"
    assert data["documents"], "segmentation found no documents"


def test_schema_rejects_an_output_that_lost_raw_text() -> None:
    data = process_file(SAMPLE, RunOptions(correct=False, segment=False)).to_dict()
    del data["pages"][0]["raw_text"]
    with pytest.raises(jsonschema.ValidationError):
        validate_output(data)


def test_text_serializer_separates_pages_with_form_feed() -> None:
    result = process_file(SAMPLE, RunOptions(correct=False, segment=False))
    assert TextSerializer().serialize(result).decode().count("\f") == len(result.pages) - 1


def test_run_writes_every_requested_format(tmp_path: Path) -> None:
    from pipeline.export import alto, erms

    src = Path(__file__).parent.parent / "samples" / "texts" / "umea-2011-motion-cykelvagar.txt"
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "--workers", "1", "--progress", "none", "--format", "alto,erms,txt"]) == 0
    stem = out / src.name
    data = json.loads(Path(f"{stem}.json").read_text(encoding="utf-8"))
    alto.validate(Path(f"{stem}.alto.xml").read_bytes())
    erms.validate(Path(f"{stem}.erms.xml").read_bytes())
    assert Path(f"{stem}.corrected.txt").read_text(encoding="utf-8").rstrip("\n") == data["pages"][0]["text"]


def test_unknown_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SAMPLE), "-o", str(tmp_path), "--format", "docx"]) == 2
    assert "docx" in capsys.readouterr().err


def test_summary_reads_a_finished_run_back(tmp_path: Path) -> None:
    from pipeline.summary import summarize

    texts = Path(__file__).parent.parent / "samples" / "texts"
    inputs = [texts / "gavle-1998-motion-seniorkort.txt", texts / "lund-2014-bundle-meroppet-bibliotek.txt"]
    out = tmp_path / "out"
    assert main(["run", *map(str, inputs), "-o", str(out), "--workers", "1", "--progress", "none"]) == 0
    text = summarize(out)
    assert "files:         2 (2 text)" in text
    assert "pages:         4 (0 OCR'd, 0 failed)" in text
    assert "documents:     4 (2 motion, 1 protokollsutdrag, 1 yttrande)" in text
    assert "errors:        none" in text



def _mutations(node, path=()):
    """(path, op, value) for instances that differ from a valid one in one
    place: an unknown key added to an object, a key dropped, or a value
    replaced by one of another type."""
    if isinstance(node, dict):
        yield path, "add", None
        for key, value in node.items():
            yield path + (key,), "drop", None
            yield from _mutations(value, path + (key,))
    elif isinstance(node, list):
        if node:
            yield from _mutations(node[0], path + (0,))
    else:
        yield path, "retype", 12345 if isinstance(node, str) else "not-the-type"


def _mutated(data, path, op, value):
    data = copy.deepcopy(data)
    if op == "add":
        node = data
        for key in path:
            node = node[key]
        node["zz_unknown"] = 1
        return data
    node = data
    for key in path[:-1]:
        node = node[key]
    if op == "drop":
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def test_fast_validator_and_jsonschema_agree(tmp_path: Path, clean_page) -> None:
    """validate_output trusts fastjsonschema's "valid": it must never pass
    what jsonschema (the Draft 2020-12 reference) rejects, on real outputs
    of text and OCR input and on every one-place mutation of them."""
    import fastjsonschema

    from pipeline.export import _fast_validator

    clean_page.save(tmp_path / "page.png")
    outputs = [json.loads(JsonSerializer().serialize(process_file(p))) for p in (SAMPLE, tmp_path / "page.png")]
    reference = jsonschema.Draft202012Validator(load_schema())
    checked = rejected = 0
    for data in outputs:
        assert reference.is_valid(data)
        _fast_validator()(data)
        for path, op, value in _mutations(data):
            candidate = _mutated(data, path, op, value)
            try:
                _fast_validator()(candidate)
                fast_ok = True
            except fastjsonschema.JsonSchemaException:
                fast_ok = False
            assert fast_ok == reference.is_valid(candidate), f"validators disagree: {op} at {path}"
            checked += 1
            rejected += not fast_ok
    assert checked > 200 and rejected > 100
