"""Att-satser: the numbered or bulleted proposals of a motion, quoted in a reply, or decided.

Recognised forms: ``Att ...``, ``att ...``, ``• att ...``, ``- att ...``,
``1. Att ...`` (or ``1, att`` with the dot read as a comma, ``1.-att`` with a dash glued on), ``(2) att ...``,
and OCR'd bullets read as ``¢ * v e o « =`` (or doubled, ``oo``) or as a lone ``.``/``,``
(a small round bullet that a degraded scan shrinks to a dot);
``att`` itself may be misread as ``art``/``act``/``ätt``.  A line starting with *att*
only opens a proposal when it cannot be a wrapped sentence: after a lead-in
("föreslår vi", "yrkar:", "föreslår kommunfullmäktige besluta"), inside a run of
proposals, or behind a bullet or number.  A proposal continues over line breaks,
blank lines and page breaks while the text is unfinished (the next line starts
in lower case, or the last word cannot end a Swedish sentence), and stops at the
next att-sats, a heading, a signature or a finished sentence followed by new text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import headings
from .authors import is_place_date, is_signature_line
from .lines import SENTENCE_END, Ln, continues, join
from .vocab import has_leadin, mfold, months

# A bullet glyph, possibly read as two or three marks with a space between them ('— -', '» «'); a dash
# bullet thickened by a fax or photocopy may come out as '='.
_GLYPHS = r"[•·∙◦●○▪■\-–—*¢€«»>✓=]"
_BULLET = r"(?:" + _GLYPHS + r"{1,3}(?:\s" + _GLYPHS + r"{1,2})?|\d{1,2}\s*[.,):][-–]?|\(\d{1,2}\)|[a-h]\)|[oveOc.,]{1,2}(?=\s))"
# The space after "att" may come out of a fax as a hyphen ("att-utredningen redovisar"); "att-satsen",
# a word of its own, does not start a proposal.
ATT_LINE = re.compile(r"^(?P<bullet>" + _BULLET + r"\s*)?(?P<att>[AaÄäÅå](?:tt|rt|ct|tr|rr|tc))(?:\s+|[-–](?!sats)(?=[a-zåäö]))(?P<rest>\S.*)$")


# specks and margin marks OCR puts before a line (a speck by the first letter is often read as a quote mark)
_LEAD_JUNK = re.compile(r"^[>|\\/'‘’`~^\"“”„]+\s*")
_TAIL_JUNK = re.compile(r"(?<=[a-zåäö])[?%\\|{}<>~^]{2,}\S*")  # 'ord?%\' : a word running into smudges


def att_line(text: str) -> re.Match[str] | None:
    """The line as an att-sats opening, looking past a speck or margin mark before it ('"att ...')."""
    return ATT_LINE.match(_LEAD_JUNK.sub("", text))


def _clean(text: str) -> str:
    """Undo OCR debris inside an att-sats: ligatures, a smudge glued to a word, a speck before a line."""
    text = unicodedata.normalize("NFKC", text)
    return _TAIL_JUNK.sub("", _LEAD_JUNK.sub("", text))


def _continues(prev: str, nxt: str) -> bool:
    """The unfinished att-sats goes on in ``nxt`` (after a blank line, page break or OCR debris)."""
    nxt = _LEAD_JUNK.sub("", nxt)
    return continues(prev, nxt) or _unfinished(prev) or (not prev.endswith(SENTENCE_END) and nxt[:1].islower())


@dataclass
class Found:
    text: str
    first: int  # line index
    last: int


def _norm_att(m: re.Match[str]) -> str:
    att = m.group("att")
    return ("Att" if att[0].isupper() else "att") + " " + m.group("rest").strip()


def is_leadin(text: str) -> bool:
    s = mfold(text)
    if not has_leadin(s):
        return False
    return s.rstrip().endswith((":", "att", "vi", "besluta", "beslutar", "yrkar", "foreslar", "foreslas", "foljande")) or len(s) < 90


_unfinished = headings.unfinished
_LIST_CONJUNCTIONS = {"samt", "och", "eller"}


def extract(lines: list[Ln], start: int, stop: int, *, in_run: bool = False) -> list[Found]:
    """Att-satser between start and stop. ``in_run`` says a lead-in (or heading) came just before."""
    found: list[Found] = []
    cur: list[Ln] = []
    gap = False
    prev: Ln | None = None

    def close() -> None:
        nonlocal cur
        if cur:
            m = att_line(cur[0].text)
            assert m
            found.append(Found(join([_clean(_norm_att(m))] + [_clean(c.text) for c in cur[1:]]), cur[0].idx, cur[-1].idx))
        cur = []

    for ln in lines[start:stop]:
        if ln.kind == "blank":
            gap = True
            continue
        if not ln.content:
            continue
        text = ln.text
        m = att_line(text)
        opens = False
        if m:
            bullet = bool(m.group("bullet"))
            # A blank line (Tesseract's paragraph break) is a stop unless the open sats broke off
            # mid-phrase: "... för" + "att i uppnå ..." is one sentence whatever the layout did.  Only
            # "samt"/"och"/"eller" may end a sats before the next one of a list in lower-case "att".
            wrapped = (bool(cur) and not bullet and m.group("att")[0].islower() and _unfinished(cur[-1].text)
                       and (att_line(cur[0].text).group("att")[0].isupper()
                            or cur[-1].text.split()[-1].lower() not in _LIST_CONJUNCTIONS))
            after_stop = prev is None or (gap and not wrapped) or prev.text.endswith((".", ",", ";", ":")) or is_leadin(prev.text)
            opens = bullet or (in_run and after_stop) or (cur != [] and after_stop)
        if opens:
            close()
            cur = [ln]
            in_run = True
        elif cur and (not gap or _continues(cur[-1].text, text)) and not _ends(text, lines, ln, cur[-1].text):
            cur.append(ln)
        else:
            close()
            if is_leadin(text):
                in_run = True
            elif headings.known(text) or _ends(text, lines, ln) or (gap and len(text) >= 40):
                in_run = False
        prev = ln
        gap = False
    close()
    return found


def _ends(text: str, lines: list[Ln], ln: Ln, prev: str = "") -> bool:
    return (bool(headings.known(text)) or is_place_date(text) or (len(text) <= 60 and is_signature_line(text))
            or (prev.endswith((".", "!", "?")) and _signing_date(text)))


def _signing_date(text: str) -> bool:
    """A short line ending in a full date ('— Ekby aen 14 maj 2020'): after a finished att-sats it is the
    signing line, whatever OCR did to the place name or to 'den' in front of the date."""
    m = _DATE_END.search(mfold(text))
    return (bool(m) and not text[:1].islower() and len(text) <= 50 and len(text.split()) <= 7
            and (m.group(1) is None or m.group(1) in months()))


_DATE_END = re.compile(r"(?:\b\d{1,2}\s+([a-z]+)\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\s*$")
