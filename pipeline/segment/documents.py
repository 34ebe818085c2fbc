"""Split a file's lines into documents and give each a type.

A file from an archive often holds a motion, the reply to it and an attachment
back to back.  A document starts at

* a *strong* marker (a line reading YTTRANDE, TJÄNSTESKRIVELSE,
  PROTOKOLLSUTDRAG, "Bilaga ..."), once the current document has body text;
* a *title* marker ("Motion om ...", "Yttrande över motion ...", "Svar på
  motion ...") at a page/block start, or once the current document is signed;
* a heading-like line at a page/block start after a signed document: an
  attachment ("Verksamhetsplan 2010") — unless it is a known section heading;
* the same title-like line anywhere on a page once the current document is
  signed, when the *content* says a new document begins: the line follows a
  finished sentence, a signature or page furniture (a logo/footer line), and
  is followed by chapter 1 of a numbered outline ("1. Inledning"), directly or
  after one subtitle line.  Scans need this: Tesseract never emits the runs of
  blank lines that mark a block start in exported OCR text.

Letterhead lines just above a marker (municipality logo, office, date) are
moved into the new document, but never the previous document's signature or
the OCR debris of a handwritten signature below it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import headings
from .authors import is_role_line, is_signature_line, party_context, signer_line
from .lines import Ln, next_content, unfinished
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
    s = re.sub(r"^(?:[a-z]{1,6}\s*)?§\s*\d+[a-z]?\s*(?:[-–:.]\s+)?", "", s)  # '§ 12', 'KF § 45
    s = re.sub(r"^(arende|rubrik|amne)\s*:\s*", "", s)  # 'Ärende: Svar på motion om X'
    for rx, typ, strength in _markers():
        if rx.search(s):
            return typ, strength
    fixed = _near_keyword(s) or _changed(restore_motion, s) or _changed(restore_reply_opening, s)
    if fixed:
        return marker(fixed)
    return None


# "Yttrande över moticn ...": a reply title whose object word OCR misread by a letter or two
_REPLY_OPENING = re.compile(
    r"^((?:yttrande|svar|besvarande|beslutsforslag)\s+(?:over|pa|av|angaende|avseende|gallande|rorande|betraffande|om|till)\s+)([a-z0-9|]{4,9})\b"
)


def _changed(restore, s: str) -> str | None:
    """``restore(s)`` when it repaired something (the line is then a marker candidate again), else None."""
    fixed = restore(s)
    return fixed if fixed != s else None


# "trande över motion om X": a reply title whose first letters OCR dropped (a speck or a fax streak at
# the start of the line swallows them); the rest of the opening still says what the line is
_CLIPPED_REPLY = re.compile(r"^([a-z]{5,9})(?=\s+(?:over|pa|angaende|avseende|med anledning av)\s+(?:motion|medborgarforslag))")


def restore_reply_opening(title: str) -> str:
    """'trande över motion om X' -> 'Yttrande över motion om X' (the opening word's lost first letters)."""
    folded = mfold(title)
    m = _CLIPPED_REPLY.match(folded)
    if not m or len(folded) != len(title):
        return title
    for word in ("yttrande", "besvarande"):
        if word != m.group(1) and word.endswith(m.group(1)):
            return word.capitalize() + title[m.end(1):]  # a title's first word; marker() folds it again
    return title


# "Motior av X angående Y": a title opening with 'motion' misread by one letter, then what a motion title says next
_MOTION_OPENING = re.compile(r"^()([a-z|01]{5,7})(?=\s+(?:om|angaende|av|fran|rorande|gallande|betraffande|for|kring|nr)\s|\s*[:(\[])")


_DIGIT_LETTERS = str.maketrans("01", "oi")
_MOTION_FORMS = {"motion", "motionen", "motioner", "motionerna", "motionens"}  # real words, left as printed


def restore_motion(title: str) -> str:
    """'Yttrande över rnotion om X' -> 'Yttrande över motion om X', 'Motior om X' -> 'Motion om X':
    the word that is 'motion' by its place in a title, misread by OCR (at most two letters after a reply
    opening, one at the start of the title)."""
    folded = mfold(title)
    if len(folded) != len(title):
        return title
    from rapidfuzz.distance import Levenshtein

    for rx, limit in ((_REPLY_OPENING, 2), (_MOTION_OPENING, 1)):
        m = rx.match(folded)
        # a digit inside a capitalised word is a letter of the same shape ('MOT10N': 1 for I, 0 for O)
        word = m.group(2).translate(_DIGIT_LETTERS) if m else ""
        if m and m.group(2) not in _MOTION_FORMS and Levenshtein.distance(word, "motion", score_cutoff=limit) <= limit:
            printed = title[m.start(2) : m.end(2)]
            word = "MOTION" if printed.isupper() else "Motion" if printed[0].isupper() else "motion"
            return title[: m.start(2)] + word + title[m.end(2) :]
    return title


# One-word strong markers that a degraded scan may misread by a letter ("SAMMANTRÄDESPRCTOKOLL").
# The correction stage leaves all-capital words alone (they may be acronyms), so the match is here.
_KEYWORDS = ("protokollsutdrag", "sammantradesprotokoll", "tjansteskrivelse", "tjansteutlatande", "protokoll")


def _near_keyword(s: str) -> str | None:
    """The keyword a long one-word line is a misreading of: at most one edit (two from 16 letters).  A
    space that OCR put inside the word at a letter gap ('SAMMANTRÄDE SPROTOKOLL') is not a second word."""
    spaced = s.count(" ") == 1
    s = s.replace(" ", "") if spaced else s
    if " " in s or len(s) < 9:
        return None
    from rapidfuzz.distance import Levenshtein

    for k in _KEYWORDS:
        limit = 2 if len(k) >= 16 else 1
        if (s != k or spaced) and Levenshtein.distance(s, k, score_cutoff=limit) <= limit:
            return k
    return None


def _title_like(lines: list[Ln], i: int) -> bool:
    s = lines[i].text
    if not (3 <= len(s) <= 70) or len(s.split()) > 8 or not (s[0].isupper() or s[0].isdigit()):
        return False
    if s.endswith((".", ",", ";", ":")) or headings.known(s) or headings.numbered(s):
        return False
    if sum(c.isalpha() for c in s) < 0.6 * len(s.replace(" ", "")):
        return False
    # signers, or the party or role line under the last signer, pushed onto the next page are not an
    # attachment's title ('Socialdemokraterna' alone atop page 2)
    return not (signer_line(s) or party_context(s) or is_role_line(s))


def split(lines: list[Ln]) -> list[Span]:
    spans: list[Span] = []
    cur = Span("other", 0, len(lines))
    has_body = signed = tentative = False
    skip_until = -1  # a title continuation line is not body
    cur_title: str | None = None  # the current document's title line, folded
    references = listed = False  # inside the block under "Beslutsunderlag"; a line of it read
    for ln in lines:
        if not ln.content:
            continue
        i = ln.idx
        if references and listed and ln.block_start:
            references = False
        heading = headings.known(ln.text) if len(ln.text) <= 40 else None
        if heading is not None and heading.kind == "references":
            references, listed = True, False
            continue
        listed = listed or references
        # "Tjänsteskrivelse 2017-05-22" under "Beslutsunderlag" names a document; it does not start one
        m = None if references else marker(ln.text)
        start_type: str | None = None
        if m and m[1] == "title" and cur_title and not signed and ln.block_start and _running_header(ln.text, cur_title):
            ln.kind = "logo"  # "Motion angående X, sid 2" atop a later page is page furniture, not a new document
            continue
        if m and m[1] == "title" and cur_title is None:
            cur_title = _header_key(ln.text)
        if m:
            typ, strength = m
            if not has_body:
                if strength == "strong" or cur.type == "other" or tentative:
                    cur.type = typ  # an attachment guessed from a title-like letterhead line is really this
                    tentative = False
            elif strength == "strong" and (typ != cur.type or signed):
                start_type = typ
            elif strength == "title" and (signed or ln.block_start or _below_logo(lines, i, cur.start)) and not _inside_sentence(lines, i):
                start_type = typ
            skip_until = i + 2
        elif has_body and signed and cur.type != "bilaga" and _title_like(lines, i) and (
            ln.block_start or _opens_outline(lines, i)
        ):
            start_type = "bilaga"
        if start_type:
            tentative = m is None
            begin = _letterhead_start(lines, i, cur.start)
            cur.stop = begin
            spans.append(cur)
            cur = Span(start_type, begin, len(lines))
            cur_title = _header_key(ln.text) if m and m[1] == "title" else None
            has_body = signed = False
            skip_until = i + 2
            continue
        if i > skip_until and len(ln.text) >= 45 and not is_signature_line(ln.text):
            has_body = True
        elif has_body and is_signature_line(ln.text):
            signed = True
    spans.append(cur)
    return [s for s in spans if any(l.content for l in lines[s.start : s.stop])]


_PAGE_SUFFIX = re.compile(r"[\s,.;:–-]*(\bsid(a|an)?\.?\s*\d+.*|\(\s*\d+\s*\)|\d+\s*(\(\s*\d+\s*\)|av\s+\d+|/\s*\d+))\s*$")


def _header_key(text: str) -> str:
    """A title line without a page number ('..., sid 2', '... 2 (3)'), folded, for spotting it repeated."""
    return re.sub(r"\s+", " ", _PAGE_SUFFIX.sub("", mfold(text))).strip(" .,")


def _running_header(text: str, title: str) -> bool:
    """The document's own title repeated at the top of a later page (possibly shortened or with a page number)."""
    key = _header_key(text)
    return len(key) >= 12 and (key == title or title.startswith(key) or key.startswith(title))


def _opens_outline(lines: list[Ln], i: int) -> bool:
    """A title line mid-page that starts an attachment: after the end of the previous text, and
    followed by chapter 1 of a numbered outline, directly or below one subtitle line."""
    j = i - 1
    while j >= 0 and lines[j].kind in ("blank", "noise"):
        j -= 1
    if j >= 0 and lines[j].kind == "text":
        prev = lines[j].text
        if not (prev.endswith((".", "!", "?")) or is_signature_line(prev)):
            return False
    n = next_content(lines, i + 1)
    if n is not None and not _chapter_one(lines[n].text):
        if not _title_like(lines, n) or lines[n].text.endswith((".", ":")):
            return False
        n = next_content(lines, n + 1)
    return n is not None and _chapter_one(lines[n].text)


def _chapter_one(text: str) -> bool:
    h = headings.numbered(text)
    return h is not None and h.number == 1 and h.sub is None


def _below_logo(lines: list[Ln], i: int, floor: int) -> bool:
    """A title in the letterhead at the top of a page: the municipality's logo opens the page and only
    short letterhead lines (office, date, dnr, recipient) stand between it and the title.  A new
    letterhead means a new document even when OCR lost the previous document's signature; but the
    current document's own header repeated on its next page ('Tjänsteskrivelse 2017-05-22' under the
    logo on every page) is page furniture, and so is a bare type-and-date header ('Tjänsteskrivelse
    2017-05-22'): the title must name its matter."""
    from rapidfuzz import fuzz

    key = mfold(lines[i].text)
    if len(key.split()) < 3 or re.search(r"\d{4}-\d\d-\d\d|\b\d{1,2} [a-z]+ \d{4}\b", key):
        return False
    if any(l.content and fuzz.ratio(mfold(l.text), key) >= 90 for l in lines[floor:i]):
        return False
    j, seen = i - 1, 0
    while j >= floor and seen <= 6:
        ln = lines[j]
        if ln.kind == "logo" and ln.page_start:
            return True
        if ln.content:
            if len(ln.text) > 50 or ln.text.endswith(".") or ln.page_start:
                return False
            seen += 1
        j -= 1
    return False


def _inside_sentence(lines: list[Ln], i: int) -> bool:
    """'... i enlighet med' / 'motion om ...' continuing a sentence is not a title."""
    j = i - 1
    while j >= 0 and lines[j].kind == "blank":
        j -= 1
    if not (j >= 0 and lines[j].content and not lines[j].block_start and j == i - 1 and not lines[j].text.endswith((".", ":"))):
        return False
    # A capitalised title right under a short, complete letterhead line (the addressee 'Socialnämnden',
    # a date) starts a document: a scan often loses the blank line between them, but a wrapped sentence
    # would not break after a short line and go on with a capital.
    prev = lines[j].text
    return not (lines[i].text[:1].isupper() and prev[:1].isupper() and len(prev) <= 40 and not unfinished(prev))


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
                return _past_signature(lines, start, i)
            start = j
            if ln.block_start:
                return start
        j -= 1
    return _past_signature(lines, start, i)


def _past_signature(lines: list[Ln], start: int, i: int) -> int:
    """Skip the previous document's signer lines (names OCR has misread, so that the strict
    ``is_signature_line`` does not know them) and the scribble debris around them."""
    k, seen = start, False
    while k < i:
        ln = lines[k]
        if ln.content:
            if signer_line(ln.text):
                seen = True
            elif not (seen and _debris(ln.text)):
                break
        k += 1
    return k if seen else start


_REAL_WORD = re.compile(r"[A-ZÅÄÖa-zåäö]?[a-zåäöé]{3,}|[A-ZÅÄÖ]{4,}|\d")


def _debris(text: str) -> bool:
    """A short line without one real word: OCR of a handwritten signature or a stamp ('Jl [Ov')."""
    return len(text) <= 15 and not _REAL_WORD.search(text)


def first_content(lines: list[Ln], span: Span) -> int | None:
    return next_content(lines, span.start, span.stop)
