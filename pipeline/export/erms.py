"""E-ARK CITS ERMS 2.1.2 export: a file's documents as diarium cases and records.

Why ERMS: it is the exchange format of E-ARK for records from case-management
systems and the base of Riksarkivet's FGS Ärendehantering 2.0, which is what
a Swedish diarium or e-archive imports.  The scanned council documents become
an *ärende* (``aggregation aggregationType="caseFile"``) holding one *handling*
(``record``) per document, so a motion, the reply to it and the protocol
extract with the decision arrive as one case.

Cases: documents are joined into one case when a reply points at a motion
(``Document.responds_to.document``) or when they carry the same normalised
diarienummer; a document with neither joins the case before it (attachments
and extracts follow the matter they belong to) unless it is a motion, which
opens a matter of its own.  So a typical bundle is one case, and a file with
several unrelated motions gives several.  A file without documents (segmentation
off, or nothing found) is still exported as one case with one record for the
whole file, because ERMS requires at least one aggregation.

Mapping (model -> ERMS), case level (``aggregation``):

* ``systemIdentifier``: a UUID 5 of the file's sha256 and the case number, so
  re-exports of the same file give the same IDs (ERMS wants a UUID, and the
  output must be byte-stable).
* ``objectId``: the case's ``Diarienummer.normalized`` (the diarium's own case
  identifier), else ``<file name>#case<n>``; ``identification
  identificationType="diarienummer"``: the number as printed.
* ``levelName`` "ärende"; ``title``: the title of the motion (or first
  document) that opened the case; ``dates``: ``opened`` = earliest document
  date, ``decision`` = the date of a protocol extract.

Record level (``record``, one per ``Document``, in file order):

* ``systemIdentifier`` UUID 5 as above; ``objectId`` ``<file name>#doc<n>``
  (the diarienummer is the *case's* number, shared by all its records, so it
  cannot identify a record); ``identification identificationType=
  "diarienummer"``: ``Document.diarienummer.printed``; ``parentAggregationId``:
  the case objectId; ``recordType``: ``Document.type`` (motion, yttrande,
  protokollsutdrag, bilaga, other); ``levelName`` "handling".
* ``title`` / ``otherTitle titleType="subtitle"``: ``Document.title`` /
  ``subtitle``.
* ``relation``: a reply's ``responds_to`` -> ``relationType=
  "own_relation_definition" otherRelationType="responds_to"`` whose text is
  the objectId of the motion's record (same file) or ``<file>: <title>``
  (another file of the batch, or only a title).
* ``direction incoming`` for motions (lodged with the council); other types
  are left without, as their direction depends on whose diarium imports them.
* ``agents``: each ``Author`` -> ``agent agentType="creator"`` with ``name``
  and ``role``; ``addressed_to`` -> ``agent agentType="recipient"``.  ERMS
  agents have no political-party field, so the party goes to a ``note
  noteType="party"`` ("Karin Ström: V").
* ``description``: the att-satser and the decision proposal as readable text
  (the gist a registrar wants in the diarium); the same in structured
  ``notes``: ``noteType="proposal"`` per att-sats, ``"decision_proposal"``,
  ``"decision_outcome"`` (bifall/avslag/besvarad/other), ``"municipality"``
  and ``"source"`` (file, pages and lines, so the text can be found again).
* ``dates``: ``Document.date`` as ``decision`` for a protocol extract, else
  ``created`` (ERMS dates are ``xs:dateTime``, so midnight is appended).

Control: ``identification identificationType="sha256"`` = the source file's
hash; ``maintenanceAgency/agencyName`` = the municipality found in the
documents (whose records these are), else "kommunarkiv"; one
``maintenanceEvent`` ``derived`` by the agent "kommunarkiv <version>".  Its
``eventDateTime`` is required by the XSD; to keep the export byte-stable it
is the newest document date (or 1970-01-01 without dates), not the export
time, and a note on the agency says so.
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.builder import ElementMaker

from ..model import Document, FileResult
from . import Serializer, xsd

__all__ = ["ErmsSerializer", "Case", "group_cases", "to_erms", "schema", "validate"]

NS = "https://DILCIS.eu/XML/ERMS"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} https://raw.githubusercontent.com/DILCISBoard/CITS-ERMS/master/schema/ERMS.xsd"
E = ElementMaker(namespace=NS, nsmap={None: NS, "xsi": XSI})
# Namespace for the UUID 5 identifiers; fixed so identifiers are stable across releases.
UUID_NS = uuid.UUID("6f1c2a4e-5b0d-5f7e-9a51-6b6f6d6d756e")
NO_DATE = "1970-01-01T00:00:00"


@dataclass
class Case:
    """Indices (into ``FileResult.documents``) of the documents forming one ärende."""

    documents: list[int] = field(default_factory=list)


def _dnr(doc: Document) -> str | None:
    return doc.diarienummer.normalized if doc.diarienummer and doc.diarienummer.normalized else None


def group_cases(documents: Sequence[Document]) -> list[Case]:
    """Split a file's documents into cases (see the module docstring for the rule)."""
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_dnr: dict[str, int] = {}
    for i, doc in enumerate(documents):
        target = doc.responds_to.document if doc.responds_to else None
        if target is not None and 0 <= target < len(documents) and target != i:
            union(i, target)
        key = _dnr(doc)
        if key is not None:
            if key in by_dnr:
                union(i, by_dnr[key])
            else:
                by_dnr[key] = i
    for i, doc in enumerate(documents):
        linked = (_dnr(doc) is not None
                  or (doc.responds_to is not None and doc.responds_to.document is not None)
                  or any(find(j) == find(i) for j in range(len(documents)) if j != i))
        if i and not linked and doc.type != "motion":
            union(i, i - 1)
    cases: dict[int, Case] = {}
    for i in range(len(documents)):
        cases.setdefault(find(i), Case()).documents.append(i)
    return [cases[k] for k in sorted(cases)]


def _uid(result: FileResult, kind: str, n: int) -> str:
    return str(uuid.uuid5(UUID_NS, f"{result.source.sha256}/{kind}/{n}"))


def _datetime(date: str | None) -> str | None:
    """ISO date -> ``xs:dateTime`` at midnight; anything else (partial dates) is dropped."""
    if date and len(date) == 10 and date[4] == "-" and date[7] == "-" and date.replace("-", "").isdigit():
        return f"{date}T00:00:00"
    return None


def _record_id(result: FileResult, index: int) -> str:
    return f"{result.source.name}#doc{index + 1}"


def _description(doc: Document) -> str | None:
    parts = [f"{p.number}. {p.text}" for p in doc.proposals]
    if doc.decision_proposal:
        parts.append(f"Förslag till beslut ({doc.decision_proposal.outcome}): {doc.decision_proposal.text}")
    return "\n".join(parts) or None


def _notes(result: FileResult, doc: Document) -> list[etree._Element]:
    notes = [E.note(f"{a.name}: {a.party}", noteType="party") for a in doc.authors if a.party]
    notes += [E.note(f"{p.number}. {p.text}", noteType="proposal") for p in doc.proposals]
    if doc.decision_proposal:
        notes.append(E.note(doc.decision_proposal.text, noteType="decision_proposal"))
        notes.append(E.note(doc.decision_proposal.outcome, noteType="decision_outcome"))
    if doc.municipality:
        notes.append(E.note(doc.municipality, noteType="municipality"))
    (p0, p1), (l0, l1) = doc.page_range, doc.line_range
    notes.append(E.note(f"{result.source.name}, pages {p0}-{p1}, lines {l0}-{l1}", noteType="source"))
    return notes


def _record(result: FileResult, index: int, case_id: str) -> etree._Element:
    doc = result.documents[index]
    rec = E.record(E.objectId(_record_id(result, index)),
                   systemIdentifier=_uid(result, "record", index), recordType=doc.type)
    if doc.diarienummer:
        rec.append(E.identification(doc.diarienummer.printed, identificationType="diarienummer"))
    rec.append(E.parentAggregationId(case_id))
    rec.append(E.levelName("handling"))
    if doc.title:
        rec.append(E.title(doc.title))
    if doc.subtitle:
        rec.append(E.otherTitle(doc.subtitle, titleType="subtitle"))
    if doc.responds_to:
        rt = doc.responds_to
        if rt.document is not None and 0 <= rt.document < len(result.documents):
            target = _record_id(result, rt.document)
        else:
            target = f"{rt.file}: {rt.title}" if rt.file else rt.title
        rec.append(E.relation(target, relationType="own_relation_definition", otherRelationType="responds_to"))
    if doc.type == "motion":
        rec.append(E.direction(directionDefinition="incoming"))
    agents = [E.agent(E.name(a.name), *([E.role(a.role)] if a.role else []), agentType="creator")
              for a in doc.authors]
    if doc.addressed_to:
        agents.append(E.agent(E.name(doc.addressed_to), agentType="recipient"))
    if agents:
        rec.append(E.agents(*agents))
    desc = _description(doc)
    if desc is None and not doc.title:
        desc = f"{doc.type} utan rubrik"  # ERMS: description is mandatory when title is missing
    if desc:
        rec.append(E.description(desc))
    when = _datetime(doc.date)
    if when:
        rec.append(E.dates(E.date(when, dateType="decision" if doc.type == "protokollsutdrag" else "created")))
    rec.append(E.notes(*_notes(result, doc)))
    return rec


def _case(result: FileResult, n: int, case: Case) -> etree._Element:
    docs = [result.documents[i] for i in case.documents]
    dnr = next((d.diarienummer for d in docs if d.diarienummer), None)
    case_id = dnr.normalized if dnr else f"{result.source.name}#case{n + 1}"
    agg = E.aggregation(E.objectId(case_id), systemIdentifier=_uid(result, "case", n), aggregationType="caseFile")
    if dnr:
        agg.append(E.identification(dnr.printed, identificationType="diarienummer"))
    agg.append(E.levelName("ärende"))
    opener = next((d for d in docs if d.type == "motion" and d.title), None) or next((d for d in docs if d.title), None)
    if opener and opener.title:
        agg.append(E.title(opener.title))
    else:
        agg.append(E.description(f"Ärende i {result.source.name}"))
    dates = []
    created = sorted(filter(None, (_datetime(d.date) for d in docs)))
    if created:
        dates.append(E.date(created[0], dateType="opened"))
    decided = sorted(filter(None, (_datetime(d.date) for d in docs if d.type == "protokollsutdrag")))
    if decided:
        dates.append(E.date(decided[-1], dateType="decision"))
    if dates:
        agg.append(E.dates(*dates))
    for i in case.documents:
        agg.append(_record(result, i, case_id))
    return agg


def _whole_file_case(result: FileResult) -> etree._Element:
    """One case with one record standing for the unsegmented file."""
    case_id = f"{result.source.name}#case1"
    pages = len(result.pages)
    rec = E.record(
        E.objectId(f"{result.source.name}#file"), E.parentAggregationId(case_id), E.levelName("handling"),
        E.title(result.source.name),
        E.notes(E.note(f"{result.source.name}, pages 1-{pages}; not split into documents", noteType="source")),
        systemIdentifier=_uid(result, "record", -1), recordType="other",
    )
    return E.aggregation(E.objectId(case_id), E.levelName("ärende"), E.title(result.source.name), rec,
                         systemIdentifier=_uid(result, "case", -1), aggregationType="caseFile")


def _control(result: FileResult) -> etree._Element:
    version = str(result.pipeline.get("version", "")) or "unknown"
    municipality = next((d.municipality for d in result.documents if d.municipality), None)
    dates = sorted(filter(None, (_datetime(d.date) for d in result.documents)))
    when = dates[-1] if dates else NO_DATE
    return E.control(
        E.identification(result.source.sha256, identificationType="sha256"),
        E.maintenanceInformation(
            E.maintenanceStatus(value="derived"),
            E.maintenanceAgency(
                E.agencyName(municipality or "kommunarkiv"),
                E.note("Derived from scanned records by kommunarkiv; eventDateTime is the newest record "
                       "date in the file, not the export time, so the export is reproducible.",
                       noteType="provenance"),
            ),
            E.maintenanceHistory(E.maintenanceEvent(
                E.eventType(value="derived"),
                E.eventDateTime(when),
                E.agent(E.name(f"kommunarkiv {version}"), agentType="other", otherAgentType="software"),
            )),
        ),
    )


def to_erms(result: FileResult) -> etree._Element:
    """The ERMS tree for one file."""
    if result.documents:
        cases = [_case(result, n, c) for n, c in enumerate(group_cases(result.documents))]
    else:
        cases = [_whole_file_case(result)]
    root = E.erms(_control(result), E.aggregations(*cases))
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root


class ErmsSerializer(Serializer):
    """E-ARK ERMS 2.1.2 XML: cases and records for a diarium / e-archive import."""

    extension = ".erms.xml"

    def serialize(self, result: FileResult) -> bytes:
        return etree.tostring(to_erms(result), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    """The ERMS XSD shipped in ``pipeline/data/standards/erms``."""
    return xsd.load("erms", "ERMS.xsd")


def validate(data: bytes) -> None:
    """Raise ``lxml.etree.DocumentInvalid`` when ``data`` is not valid ERMS."""
    xsd.assert_valid("erms", "ERMS.xsd", data)
