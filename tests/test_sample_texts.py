"""Consistency checks for the project's own Swedish test material in samples/texts/.

Every ``<name>.txt`` there (except ``correct-prose.txt``) has a sibling
``<name>.expected.json`` describing the documents the pipeline should extract.
These tests do not run the pipeline; they make sure the fixtures themselves are
well-formed and agree with the text, so that a typo in a fixture is caught here
rather than showing up as a mysterious pipeline "failure".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

TEXT_DIR = Path(__file__).resolve().parent.parent / "samples" / "texts"
PROSE_FILE = TEXT_DIR / "correct-prose.txt"

DOC_KEYS = {
    "type",
    "title",
    "municipality",
    "date",
    "diarienummer",
    "addressed_to",
    "authors",
    "proposals",
    "decision_proposal",
    "responds_to",
    "section_headings",
}
DOC_TYPES = {"motion", "yttrande", "protokollsutdrag", "bilaga", "other"}
OUTCOMES = {"bifall", "avslag", "besvarad", "other"}
PARTIES = {"S", "M", "C", "L", "FP", "KD", "V", "MP", "SD"}
# Normalised diarienummer: optional organ code, four-digit year, serial number
# without leading zeros, e.g. "KS 2011/145", "BUN 2012/88", "2009/17".
NORMALIZED_DNR = re.compile(r"^(?:[A-ZÅÄÖ]+ )?(?:19|20)\d\d/[1-9]\d*$")
ATT_START = re.compile(r"^(?:Att|att|ATT)\b")


def norm(text: str) -> str:
    """Whitespace normalisation used throughout: NFC, every run of whitespace
    (space, newline, form feed, tab) collapsed to one space, stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def expected_files() -> list[Path]:
    return sorted(TEXT_DIR.glob("*.expected.json"))


def text_for(expected: Path) -> Path:
    return expected.with_name(expected.name[: -len(".expected.json")] + ".txt")


def load(expected: Path) -> tuple[dict, str]:
    data = json.loads(expected.read_text(encoding="utf-8"))
    raw = text_for(expected).read_text(encoding="utf-8")
    return data, raw


EXPECTED = expected_files()
IDS = [p.name[: -len(".expected.json")] for p in EXPECTED]


def test_fixture_directory_is_populated():
    assert TEXT_DIR.is_dir()
    assert len(EXPECTED) >= 14, "expected at least 14 annotated sample files"


def test_every_txt_has_expected_json():
    for txt in sorted(TEXT_DIR.glob("*.txt")):
        if txt == PROSE_FILE:
            continue
        exp = txt.with_name(txt.name[: -len(".txt")] + ".expected.json")
        assert exp.is_file(), f"{txt.name} has no {exp.name}"


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_text_file_is_clean_utf8(expected: Path):
    txt = text_for(expected)
    assert txt.is_file(), f"missing {txt.name}"
    raw_bytes = txt.read_bytes()
    raw = raw_bytes.decode("utf-8")  # raises if not UTF-8
    assert not raw_bytes.startswith(b"\xef\xbb\xbf"), "no BOM please"
    assert "\r" not in raw, "use LF line endings"
    assert "\t" not in raw, "no tabs"
    assert unicodedata.normalize("NFC", raw) == raw, "text must be NFC"
    assert re.search(r"[åäöÅÄÖ]", raw), "Swedish text without å/ä/ö?"
    assert "<FF>" not in raw, "unconverted page-break placeholder"
    assert len(raw.split()) >= 250, "sample texts should be at least 250 words"


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_expected_json_matches_text(expected: Path):
    data, raw = load(expected)
    text = norm(raw)
    lines = {norm(line) for line in re.split(r"[\n\f]", raw) if line.strip()}

    assert set(data) == {"documents"}, "top level must be exactly {'documents': [...]}"
    docs = data["documents"]
    assert isinstance(docs, list) and docs, "documents must be a non-empty list"

    for i, doc in enumerate(docs):
        where = f"{expected.name} documents[{i}]"
        assert isinstance(doc, dict), where
        missing = DOC_KEYS - set(doc)
        extra = set(doc) - DOC_KEYS
        assert not missing, f"{where}: missing keys {sorted(missing)}"
        assert not extra, f"{where}: unknown keys {sorted(extra)}"

        assert doc["type"] in DOC_TYPES, f"{where}: bad type {doc['type']!r}"

        # title
        assert isinstance(doc["title"], str) and doc["title"].strip(), where
        assert doc["title"] == norm(doc["title"]), f"{where}: title not whitespace-normalised"
        assert doc["title"] in text, f"{where}: title not found in text: {doc['title']!r}"

        # municipality
        assert isinstance(doc["municipality"], str) and doc["municipality"].strip(), where
        assert doc["municipality"] != "Tyresö", f"{where}: Tyresö is reserved for the real sample"

        # date
        if doc["date"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", doc["date"]), f"{where}: date must be ISO"
            year = dt.date.fromisoformat(doc["date"]).year
            assert 1990 <= year <= 2025, f"{where}: implausible year {year}"

        # diarienummer
        dnr = doc["diarienummer"]
        if dnr is not None:
            assert set(dnr) == {"printed", "normalized"}, f"{where}: diarienummer keys"
            assert dnr["printed"] and norm(dnr["printed"]) in text, (
                f"{where}: diarienummer.printed not found in text: {dnr['printed']!r}"
            )
            assert NORMALIZED_DNR.fullmatch(dnr["normalized"]), (
                f"{where}: diarienummer.normalized not in canonical form: {dnr['normalized']!r}"
            )
            serial = dnr["normalized"].rsplit("/", 1)[1]
            year = dnr["normalized"].rsplit("/", 1)[0][-4:]
            printed_digits = re.findall(r"\d+", dnr["printed"])
            assert year in printed_digits, f"{where}: year {year} not in printed dnr"
            assert any(d.lstrip("0") == serial for d in printed_digits), (
                f"{where}: serial {serial} not in printed dnr"
            )

        # addressed_to
        if doc["addressed_to"] is not None:
            assert isinstance(doc["addressed_to"], str) and doc["addressed_to"].strip(), where
            assert doc["addressed_to"][0].isupper(), f"{where}: addressed_to should be capitalised"

        # authors
        assert isinstance(doc["authors"], list), where
        for a in doc["authors"]:
            assert set(a) == {"name", "party", "role"}, f"{where}: author keys {sorted(a)}"
            assert a["name"] and norm(a["name"]) == a["name"], f"{where}: author name"
            assert a["name"] in text, f"{where}: author {a['name']!r} not found in text"
            assert a["party"] is None or a["party"] in PARTIES, (
                f"{where}: party must be one of {sorted(PARTIES)} or null, got {a['party']!r}"
            )
            if a["role"] is not None:
                assert a["role"] in text, f"{where}: role {a['role']!r} not found in text"

        # proposals
        props = doc["proposals"]
        assert isinstance(props, list), where
        assert [p.get("number") for p in props] == list(range(1, len(props) + 1)), (
            f"{where}: proposals must be numbered 1..n"
        )
        for p in props:
            assert set(p) == {"number", "text"}, f"{where}: proposal keys"
            assert p["text"] == norm(p["text"]), f"{where}: proposal {p['number']} not normalised"
            assert ATT_START.match(p["text"]), f"{where}: proposal {p['number']} must start with Att/att"
            assert p["text"] in text, (
                f"{where}: proposal {p['number']} not found in text: {p['text'][:60]!r}..."
            )
        if doc["type"] != "motion":
            assert props == [], f"{where}: only motions carry their own proposals"

        # decision proposal
        dp = doc["decision_proposal"]
        if dp is not None:
            assert set(dp) == {"text", "outcome"}, f"{where}: decision_proposal keys"
            assert dp["outcome"] in OUTCOMES, f"{where}: bad outcome {dp['outcome']!r}"
            assert dp["text"] == norm(dp["text"]) and dp["text"] in text, (
                f"{where}: decision_proposal.text not found in text: {dp['text']!r}"
            )
        if doc["type"] == "motion":
            assert dp is None, f"{where}: a motion has no decision_proposal"

        # responds_to
        rt = doc["responds_to"]
        if rt is not None:
            assert set(rt) == {"title", "document"}, f"{where}: responds_to keys"
            assert isinstance(rt["title"], str) and rt["title"].strip(), where
            target = rt["document"]
            if target is not None:
                assert isinstance(target, int) and not isinstance(target, bool), where
                assert 0 <= target < len(docs), f"{where}: responds_to.document out of range"
                assert target != i, f"{where}: a document cannot respond to itself"
                assert docs[target]["type"] in {"motion", "other"}, (
                    f"{where}: responds_to must point at a motion (or a medborgarförslag, type other)"
                )
                assert rt["title"] == docs[target]["title"], (
                    f"{where}: responds_to.title differs from the target document's title"
                )
            else:
                # motion lives in another file: title must at least be recognisable
                # from the reply's text (case-insensitive, after normalisation).
                core = re.sub(r"^(?:Motion|motion)\b[:\s]*", "", rt["title"]).lower()
                assert core in text.lower(), f"{where}: responds_to.title not recognisable in text"
                # if the motion is itself one of the samples, it must be the same case
                for other in EXPECTED:
                    for od in json.loads(other.read_text(encoding="utf-8"))["documents"]:
                        if od["type"] == "motion" and od["title"] == rt["title"]:
                            assert od["municipality"] == doc["municipality"], where
                            if od["date"] and doc["date"]:
                                assert od["date"] <= doc["date"], f"{where}: reply older than motion"

        # section headings
        assert isinstance(doc["section_headings"], list), where
        for h in doc["section_headings"]:
            assert h in lines, f"{where}: heading {h!r} is not a line of its own in the text"


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_documents_appear_in_file_order(expected: Path):
    """Titles of the documents in a bundle appear in the text in the listed order."""
    data, raw = load(expected)
    text = norm(raw)
    pos = -1
    for i, doc in enumerate(data["documents"]):
        found = text.find(doc["title"], pos + 1)
        assert found > pos, f"{expected.name}: document {i} title out of order"
        pos = found


def test_collection_covers_required_variety():
    docs_by_file = {p.name: json.loads(p.read_text(encoding="utf-8"))["documents"] for p in EXPECTED}
    all_docs = [d for docs in docs_by_file.values() for d in docs]
    types = [d["type"] for d in all_docs]
    assert types.count("motion") >= 4
    assert types.count("yttrande") >= 4
    assert types.count("protokollsutdrag") >= 2
    assert types.count("bilaga") >= 2
    assert sum(len(docs) > 1 for docs in docs_by_file.values()) >= 3, "need >= 3 multi-document files"
    assert any(
        d["responds_to"] and d["responds_to"]["document"] is None for d in all_docs
    ), "need a reply whose motion is in a different file"
    outcomes = {d["decision_proposal"]["outcome"] for d in all_docs if d["decision_proposal"]}
    assert {"bifall", "avslag", "besvarad"} <= outcomes
    assert len({d["municipality"] for d in all_docs}) >= 8


def test_multi_page_files_use_form_feed():
    for p in EXPECTED:
        data, raw = load(p)
        if len(data["documents"]) > 1:
            assert "\f" in raw, f"{p.name}: bundle without page breaks"


def test_correct_prose_file():
    raw = PROSE_FILE.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    assert "\r" not in raw
    assert len(raw.split()) >= 3000, "correct-prose.txt should hold at least 3000 words"
    assert re.search(r"[åäö]", raw)
