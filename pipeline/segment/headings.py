"""Section headings: a fuzzy vocabulary of Swedish council headings, numbered headings, and layout.

OCR damages headings as much as body text ("Förslag till beslut" read with a
wrong vowel, or split over two lines), so known headings are matched with
rapidfuzz against ``data/segment/headings.tsv``.  Unknown headings are
recognised by layout: a short capitalised line, standing alone, followed by
body text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .lines import Ln, is_noise, next_content, prev_content, unfinished
from .vocab import fold, has_leadin, leadin_re, mfold, signature_formula_re, table

MATCH = 86  # rapidfuzz ratio for a known heading; one or two OCR slips in a 20-letter heading


@dataclass(frozen=True)
class Heading:
    text: str  # canonical text (vocabulary spelling when known)
    kind: str  # decision | resolution | text | end | numbered | layout
    number: int | None = None
    sub: int | None = None  # "2.1" -> number 2, sub 1


@lru_cache(maxsize=1)
def _vocab() -> dict[str, tuple[str, str]]:
    return {fold(r[0]): (r[0], r[1]) for r in table("headings.tsv")}


@lru_cache(maxsize=1)
def _tails() -> dict[str, tuple[str, str]]:
    return {fold(r[0]): (r[0], r[1]) for r in table("heading_genitives.tsv")}


_NUMBERED = re.compile(r"^(\d{1,2})(?:\s*[.)]|\.(\d{1,2})\.?)\s*([A-ZÅÄÖ][\w\-–,/ ()åäöÅÄÖ]*)$")


def known(text: str) -> Heading | None:
    """Match a line against the heading vocabulary, tolerating OCR errors."""
    s = mfold(text).strip(" :.")
    if not s or len(s.split()) > 7 or len(s) > 70:
        return None
    hit = process.extractOne(s, list(_vocab()), scorer=fuzz.ratio, score_cutoff=MATCH)
    if hit and _finite_verb(s, hit[0]):
        return None  # "Kommunstyrelsen föreslår kommunfullmäktige" is a lead-in sentence, not the heading
    if hit:
        canonical, kind = _vocab()[hit[0]]
        return Heading(canonical, kind)
    words = s.split()
    printed = text.strip(" :.").split()
    if len(words) >= 2 and words[0].endswith("s") and len(words[0]) >= 5 and len(printed) == len(words):
        tail = " ".join(words[1:])
        hit = process.extractOne(tail, list(_tails()), scorer=fuzz.ratio, score_cutoff=MATCH)
        if hit:
            canonical, kind = _tails()[hit[0]]
            return Heading(printed[0][0].upper() + printed[0][1:] + " " + canonical, kind)
    return None


def _finite_verb(line: str, heading: str) -> bool:
    """Does the line carry a lead-in verb ('föreslår', 'beslutar') that the heading lacks?"""
    verbs = set(leadin_re().findall(line)) - set(leadin_re().findall(heading))
    return bool(verbs)


def numbered(text: str) -> Heading | None:
    """'1. Inledning', '5. Samverkansområden och inriktning 2010' (not '1. Att ...' proposals)."""
    m = _NUMBERED.match(text.strip())
    if not m or len(m.group(3).split()) > 8 or fold(m.group(3)).split()[0] in {"att", "art", "act"}:
        return None
    if m.group(2):  # a sub-chapter "2.1 Tätorterna" keeps its printed number
        return Heading(f"{m.group(1)}.{m.group(2)} {m.group(3).strip()}", "numbered", int(m.group(1)), int(m.group(2)))
    return Heading(f"{m.group(1)}. {m.group(3).strip()}", "numbered", int(m.group(1)))


_DATE_LINE = re.compile(r"\b(19|20)\d\d\b|\d{1,2}/\d{1,2}")


def layout_heading(lines: list[Ln], i: int, stop: int) -> bool:
    """A short capitalised line standing alone and followed by body text."""
    ln = lines[i]
    s = ln.text
    if not (2 <= len(s) <= 60) or len(s.split()) > 7 or not s[0].isupper():
        return False
    if s.endswith((".", ",", ";", ":", "-")) or _DATE_LINE.search(s) or "(" in s or is_noise(s):
        return False
    if unfinished(s):
        return False  # '... delar motionärernas uppfattning att': a heading does not end on 'att'/'och'/'i'
    if has_leadin(mfold(s)):
        return False
    from .authors import is_signature_line, party_context  # authors does not import headings

    if signature_formula_re().match(mfold(s)) or party_context(s) or is_signature_line(s):
        return False  # 'Justeras', 'För Vänsterpartiet i Mölndal', 'Maria Holm      Johan von Platen'
    p = prev_content(lines, i - 1)
    if p is not None and not lines[p].text.endswith((".", ":", "!", "?")):
        if p == i - 1 or unfinished(lines[p].text):
            return False  # under an unfinished line: a wrapped sentence, not a heading
    n = next_content(lines, i + 1, stop)
    if n is None:
        return False
    nxt = lines[n].text
    if n == i + 1 and nxt[:1].islower():
        return False  # the next line runs on in lower case: the first line of a paragraph, not a heading
    if len(nxt) < 40 and not (n + 1 < stop and lines[n + 1].content and len(lines[n + 1].text) >= 40):
        return False  # a heading introduces a paragraph; short lines after it mean a signature or list
    return True


def classify(lines: list[Ln], i: int, stop: int) -> Heading | None:
    """The heading at line i, if any (known vocabulary first, then numbering, then layout)."""
    text = lines[i].text
    h = numbered(text)  # before the vocabulary: "5. Konsekvenser" is chapter 5, not the bare heading
    if h:
        return h
    h = known(text)
    if h:
        return h
    if layout_heading(lines, i, stop):
        return Heading(text.strip(), "layout")
    return None
