"""Split a file's lines into documents and give each a type.

A file from an archive often holds a motion, the reply to it and an attachment
back to back.  A document starts at

* a *strong* marker (a line reading YTTRANDE, TJÄNSTESKRIVELSE,
  PROTOKOLLSUTDRAG, "Bilaga ..."), once the current document has body text;
* a *title* marker ("Motion om ...", "Yttrande över motion ...", "Svar på
  motion ...") at a page/block start, or once the current document is signed;
* a heading-like line at a page/block start after a signed document: an
  attachment ("Verksamhetsplan 2010") — unless it is a known section heading.

Letterhead lines just above a marker (municipality logo, office, date) are
moved into the new document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import headings
from .authors import is_signature_line
from .lines import Ln, next_content
from .vocab import mfold, table

DocType = str


@dataclass
class Span:
    type: DocType
    start: int  # first line index (inclusive)
    stop: int  # last line index + 1


@lru_cache(maxsize=1)
def _markers() -> list[tuple[re.Pattern[str], str, str]]:
    return [(re.compile(r[0]), r[1], r[2]) for r in table("doc_markers.tsv")]


def marker(text: str) -> tuple[str, str] | None:
    """(type, strength) when the line opens a document."""
    s = mfold(text).strip(" \t-–•*>|\\'\"‘’“”")
    s = re.sub(r"^§\s*\d+\s*", "", s)
    for rx, typ, strength in _markers():
        if rx.search(s):
            return typ, strength
    return None


def _title_like(lines: list[Ln], i: int) -> bool:
    s = lines[i].text
    if not (3 <= len(s) <= 70) or len(s.split()) > 8 or not (s[0].isupper() or s[0].isdigit()):
        return False
    if s.endswith((".", ",", ";", ":")) or headings.known(s) or headings.numbered(s):
        return False
    return sum(c.isalpha() for c in s) >= 0.6 * len(s.replace(" ", ""))


def split(lines: list[Ln]) -> list[Span]:
    spans: list[Span] = []
    cur = Span("other", 0, len(lines))
    has_body = signed = False
    skip_until = -1  # a title continuation line is not body
    for ln in lines:
        if not ln.content:
            continue
        i = ln.idx
        m = marker(ln.text)
        start_type: str | None = None
        if m:
            typ, strength = m
            if not has_body:
                if strength == "strong" or cur.type == "other":
                    cur.type = typ
            elif strength == "strong" and (typ != cur.type or signed):
                start_type = typ
            elif strength == "title" and (signed or ln.block_start) and not _inside_sentence(lines, i):
                start_type = typ
            skip_until = i + 2
        elif has_body and signed and ln.block_start and _title_like(lines, i) and cur.type != "bilaga":
            start_type = "bilaga"
        if start_type:
            begin = _letterhead_start(lines, i, cur.start)
            cur.stop = begin
            spans.append(cur)
            cur = Span(start_type, begin, len(lines))
            has_body = signed = False
            skip_until = i + 2
            continue
        if i > skip_until and len(ln.text) >= 45 and not is_signature_line(ln.text):
            has_body = True
        elif has_body and is_signature_line(ln.text):
            signed = True
    spans.append(cur)
    return [s for s in spans if any(l.content for l in lines[s.start : s.stop])]


def _inside_sentence(lines: list[Ln], i: int) -> bool:
    """'... i enlighet med' / 'motion om ...' continuing a sentence is not a title."""
    j = i - 1
    while j >= 0 and lines[j].kind == "blank":
        j -= 1
    return j >= 0 and lines[j].content and not lines[j].block_start and j == i - 1 and not lines[j].text.endswith((".", ":"))


def _letterhead_start(lines: list[Ln], i: int, floor: int) -> int:
    """Move the start of a new document up over its letterhead (short lines since the last block start)."""
    if lines[i].block_start:
        return i
    j = i - 1
    start = i
    while j > floor:
        ln = lines[j]
        if ln.kind == "logo" and ln.block_start:
            return j  # the municipality logo at the top of the new document's first page
        if ln.content:
            if len(ln.text) > 50 or ln.text.endswith(".") or is_signature_line(ln.text):
                return start
            start = j
            if ln.block_start:
                return start
        j -= 1
    return start


def first_content(lines: list[Ln], span: Span) -> int | None:
    return next_content(lines, span.start, span.stop)
