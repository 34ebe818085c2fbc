"""Put the parts together: lines -> document spans -> fields, sections, proposals, authors, links."""
from __future__ import annotations

from ..model import Document, Page, Proposal, Section
from . import authors as authors_mod
from . import decisions, documents, fields, headings, linking, lines as lines_mod, proposals
from .lines import Ln, paragraphs
from .vocab import first_names, fold


def segment(pages: list[Page]) -> list[Document]:
    """Split a file's pages into documents with their fields (reads ``page.text``).

    Within the file a reply is linked to the earlier motion it answers
    (``responds_to.document``); use :func:`link_responses` across files.
    """
    lines = lines_mod.build(pages)
    docs: list[Document] = []
    mentions: dict[int, list] = {}
    for span in documents.split(lines):
        doc, mention = _document(lines, span)
        mentions[len(docs)] = mention
        docs.append(doc)
    _file_municipality(docs)
    linking.link_in_file(docs, mentions)
    return docs


def _file_municipality(docs: list[Document]) -> None:
    """A bundle is one municipality's archive: a reply without its own letterhead, and any
    attachment (which names the places it plans for), take the file's main municipality."""
    main = [d.municipality for d in docs if d.municipality and d.type != "bilaga"]
    if not main:
        return
    top = max(set(main), key=main.count)
    for d in docs:
        if d.municipality is None or d.type == "bilaga":
            d.municipality = top


def _document(lines: list[Ln], span: documents.Span) -> tuple[Document, list]:
    content = [l for l in lines[span.start : span.stop] if l.content or l.kind == "logo"]
    first, last = content[0], content[-1]
    title, subtitle, t_start, t_end = fields.title(lines, span, span.type)
    body_start = (t_end + 1) if t_end >= 0 else span.start
    doc = Document(
        type=span.type,  # type: ignore[arg-type]
        title=title,
        subtitle=subtitle,
        page_range=(first.page, last.page),
        line_range=(first.no, last.no),
    )
    doc.municipality = fields.municipality(lines, span)
    doc.date = fields.doc_date(lines, span, t_start)
    doc.diarienummer = fields.diarienummer(lines, span)
    # a protocol extract or an attachment has no recipient: "Kommunfullmäktige" atop it names the body that met
    doc.addressed_to = None if span.type in ("protokollsutdrag", "bilaga") else fields.addressed_to(lines, span, t_start)

    heads = _headings(lines, body_start, span.stop)
    doc.sections = _sections(lines, heads, body_start, span.stop)
    doc.body = "\n\n".join(t for _, _, t in paragraphs(lines, body_start, span.stop))
    doc.authors = _authors(lines, span, t_start, body_start)

    mention: list = []
    if span.type == "other" and not _names_citizen_proposal(doc.title):
        found = _proposals(lines, body_start, span.stop)
        if found and any(a.party for a in doc.authors):
            doc.type = "motion"  # marker lost to OCR: att-satser signed by party members make a motion
    if doc.type == "motion":
        doc.proposals = _proposals(lines, body_start, span.stop)
    elif span.type in ("yttrande", "protokollsutdrag"):
        want = ("resolution", "decision") if span.type == "protokollsutdrag" else ("decision", "resolution")
        for kind in want:
            for h_idx, h, stop in _ranges(heads, span.stop):
                if h.kind == kind and doc.decision_proposal is None:
                    doc.decision_proposal = decisions.from_section(lines, h_idx + 1, stop)
        if doc.decision_proposal is None:
            doc.decision_proposal = decisions.fallback(lines, body_start, span.stop)
        quoted: list[Proposal] = []
        regions = [(body_start, heads[0][0] if heads else span.stop)] + [
            (h_idx + 1, stop) for h_idx, h, stop in _ranges(heads, span.stop) if h.kind not in ("decision", "resolution", "end")
        ]
        for a, b in regions:
            quoted += _proposals(lines, a, b, leadin_only=True)
        for n, q in enumerate(quoted, 1):
            q.number = n
        doc.quoted_proposals = quoted
        for ln in lines[body_start : span.stop]:
            if ln.content and "motion" in fold(ln.text):
                mention += authors_mod.mentioned(ln.text)
    return doc, mention


def _names_citizen_proposal(title: str | None) -> bool:
    return bool(title) and fold(title).startswith("medborgarforslag")


def _proposals(lines: list[Ln], start: int, stop: int, leadin_only: bool = False) -> list[Proposal]:
    found = proposals.extract(lines, start, stop)
    return [
        Proposal(number=n, text=f.text, page=lines[f.first].page, line_start=lines[f.first].no, line_end=lines[f.last].no)
        for n, f in enumerate(found, 1)
    ]


def _headings(lines: list[Ln], start: int, stop: int) -> list[tuple[int, headings.Heading]]:
    found = []
    for ln in lines[start:stop]:
        if ln.content:
            h = headings.classify(lines, ln.idx, stop)
            if h and not (h.kind == "layout" and proposals.att_line(ln.text)):
                found.append((ln.idx, h))
    numbered = [(i, h) for i, h in found if h.kind == "numbered"]
    if len(numbered) >= 2:
        # chapters 1, 2, 3 ...: a restarted "1." further down is a list inside a chapter
        keep, expect, sub = [], 1, 1
        for i, h in numbered:
            if h.sub is None and h.number == expect:
                keep.append((i, h))
                expect, sub = expect + 1, 1
            elif h.sub is not None and h.number == expect - 1 and h.sub == sub:
                keep.append((i, h))  # "2.1", "2.2" under chapter 2
                sub += 1
        return keep
    return [(i, h) for i, h in found if h.kind != "numbered"]


def _ranges(heads: list[tuple[int, headings.Heading]], stop: int):
    for k, (i, h) in enumerate(heads):
        yield i, h, heads[k + 1][0] if k + 1 < len(heads) else stop


def _sections(lines: list[Ln], heads, start: int, stop: int) -> list[Section]:
    out = []
    intro_stop = heads[0][0] if heads else stop
    intro = paragraphs(lines, start, intro_stop)
    if intro:
        out.append(Section(heading=None, text="\n\n".join(t for _, _, t in intro), page=lines[intro[0][0]].page))
    for i, h, end in _ranges(heads, stop):
        text = "\n\n".join(t for _, _, t in paragraphs(lines, i + 1, end))
        out.append(Section(heading=h.text, text=text, page=lines[i].page))
    return out


def _authors(lines: list[Ln], span: documents.Span, t_start: int, body_start: int):
    signed = authors_mod.find(lines, body_start, span.stop)
    head_stop = t_start if t_start >= 0 else body_start
    contacts = [a for a in authors_mod.find(lines, span.start, head_stop) if a.role]
    if not signed:
        return contacts
    for a in signed:
        given = a.name.split()[0] if a.name else ""
        if given not in first_names() and a.role:
            twin = next((c for c in contacts if fold(c.role or "") == fold(a.role)), None)
            if twin:
                a.name = twin.name
    return signed
