"""ERMS 2.1.2 export: a real bundle (motion, reply, protocol extract) run through the
pipeline becomes one valid case with a record per document, carrying titles,
diarienummer and authors."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.export import SERIALIZERS, erms
from pipeline.export.erms import NS, ErmsSerializer, group_cases
from pipeline.model import Diarienummer, Document, FileResult, RespondsTo
from pipeline.options import RunOptions
from pipeline.stages import process_file

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "pipeline" / "data" / "standards" / "erms" / "example-2.1.0.xml"
SAMPLE = ROOT / "samples" / "texts" / "lund-2014-bundle-meroppet-bibliotek.txt"
DNR = "2014/KS 0231 003"
X = {"e": NS}



@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    return erms.schema()


@pytest.fixture(scope="module")
def bundle() -> FileResult:
    return process_file(SAMPLE, RunOptions(workers=1))


@pytest.fixture(scope="module")
def root(bundle: FileResult, xsd: etree.XMLSchema) -> etree._Element:
    el = etree.fromstring(ErmsSerializer().serialize(bundle))
    xsd.assertValid(el)
    return el


def test_shipped_schema_accepts_the_official_example(xsd: etree.XMLSchema) -> None:
    xsd.assertValid(etree.parse(str(EXAMPLE)))


def test_registered_with_its_extension(bundle: FileResult) -> None:
    assert SERIALIZERS["erms"]().filename(bundle) == f"{SAMPLE.name}.erms.xml"


def test_bundle_is_one_case_with_a_record_per_document(bundle: FileResult, root: etree._Element) -> None:
    assert [d.type for d in bundle.documents] == ["motion", "yttrande", "protokollsutdrag"]
    (case,) = root.findall("e:aggregations/e:aggregation", X)
    assert case.get("aggregationType") == "caseFile"
    assert case.findtext("e:objectId", namespaces=X) == DNR
    assert case.findtext("e:title", namespaces=X) == "Motion om meröppna bibliotek i Lunds kommundelar"
    records = case.findall("e:record", X)
    assert [r.get("recordType") for r in records] == ["motion", "yttrande", "protokollsutdrag"]
    assert [r.findtext("e:title", namespaces=X) for r in records] == [d.title for d in bundle.documents]
    assert all(r.findtext("e:parentAggregationId", namespaces=X) == DNR for r in records)
    dnrs = [r.findtext("e:identification[@identificationType='diarienummer']", namespaces=X) for r in records]
    assert dnrs[1:] == [DNR, DNR]
    assert len({r.get("systemIdentifier") for r in records}) == 3


def test_authors_parties_and_decision_are_carried(root: etree._Element) -> None:
    motion, reply, extract = root.findall(".//e:record", X)
    creators = [a.findtext("e:name", namespaces=X) for a in motion.iterfind("e:agents/e:agent[@agentType='creator']", X)]
    assert creators == ["Karin Ström", "Hassan Nouri"]
    assert "Karin Ström: V" in [n.text for n in motion.iterfind("e:notes/e:note[@noteType='party']", X)]
    assert len(motion.findall("e:notes/e:note[@noteType='proposal']", X)) == 3
    assert motion.find("e:direction", X).get("directionDefinition") == "incoming"
    author = reply.find("e:agents/e:agent[@agentType='creator']", X)
    assert author.findtext("e:name", namespaces=X) == "Maria Lindgren"
    assert author.findtext("e:role", namespaces=X) == "Kultur- och fritidsdirektör"
    rel = reply.find("e:relation", X)
    assert rel.get("otherRelationType") == "responds_to" and rel.text == motion.findtext("e:objectId", namespaces=X)
    assert extract.findtext("e:notes/e:note[@noteType='decision_outcome']", namespaces=X) == "besvarad"
    assert extract.find("e:dates/e:date", X).get("dateType") == "decision"
    assert extract.findtext("e:dates/e:date", namespaces=X) == "2014-11-27T00:00:00"


def test_output_is_byte_stable(bundle: FileResult) -> None:
    assert ErmsSerializer().serialize(bundle) == ErmsSerializer().serialize(bundle)


def test_unsegmented_file_is_still_a_valid_case(xsd: etree.XMLSchema) -> None:
    result = process_file(SAMPLE, RunOptions(correct=False, segment=False, workers=1))
    el = etree.fromstring(ErmsSerializer().serialize(result))
    xsd.assertValid(el)
    assert el.findtext(".//e:record/e:title", namespaces=X) == SAMPLE.name


def _doc(kind: str, title: str | None, dnr: str | None = None, responds: int | None = None) -> Document:
    return Document(type=kind, title=title, page_range=(1, 1), line_range=(1, 2),
                    diarienummer=Diarienummer(dnr, dnr) if dnr else None,
                    responds_to=RespondsTo(title="x", document=responds) if responds is not None else None)


def test_cases_follow_replies_diarienummer_and_order() -> None:
    docs = [
        _doc("motion", "Motion om A"),
        _doc("bilaga", "Karta"),  # no link: belongs to the matter before it
        _doc("motion", "Motion om B", dnr="KS 2020/2"),
        _doc("yttrande", "Svar på motion om A", responds=0),
        _doc("protokollsutdrag", None, dnr="KS 2020/2"),
    ]
    assert [c.documents for c in group_cases(docs)] == [[0, 1, 3], [2, 4]]


def test_title_less_record_gets_the_mandatory_description(xsd: etree.XMLSchema, bundle: FileResult) -> None:
    result = FileResult(source=bundle.source, pages=bundle.pages, documents=[_doc("bilaga", None)],
                        pipeline=bundle.pipeline)
    el = etree.fromstring(ErmsSerializer().serialize(result))
    xsd.assertValid(el)
    assert el.findtext(".//e:record/e:description", namespaces=X)
