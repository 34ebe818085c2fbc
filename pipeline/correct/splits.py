"""Word spaces that English-model OCR read as punctuation, and suspended compounds.

A narrow gap between two words is often read as ``.``, ``-``, ``:``, ``;`` or a
quote mark, gluing the words into one chunk ("kommer.ut", "ligger-i",
"bilar’och" — invented examples).  Swedish writes none of these inside a
word between two lower-case words, except the hyphen of a real hyphenated
compound ("att-sats", "e-post"), abbreviations ("bl.a", "t.ex") and web or
mail addresses.  So a separator becomes a space when

* ``.`` ``:`` ``;`` ``’`` ``‘`` ``'``: letter runs on both sides (the right one
  lower-case, 2+ letters or a function word such as "i"), at least one side
  3+ letters, the chunk no address and no listed abbreviation, and both sides
  known words — or one side a function word and the other 4+ letters (it may
  be damaged itself);
* ``-``: the right side is a function word ("ligger-i", "svårt-att" style),
  the left side 3+ letters, not an acronym ("tv-n"-style inflections of
  acronyms stay);
* ``-`` after a function word that never begins a hyphenated compound
  ("hon", "när", "är" — also with its å/ä/ö lost; not "att": "att-sats"): the right side a known
  lower-case word of 3+ letters ("var-tydlig" style);
* a one-letter function word ("i", "å", "ö") at the start of a chunk glued
  to the next word: ``-`` before a function word ("i-den"), ``.`` ``:`` ``;``
  and quotes before a known word ("i.skolan" — invented examples);
* ``X--och`` / ``X-och``: a suspended compound ("Kultur- och fritid"): the space
  after the hyphen is restored.

Each is recorded as a correction with method ``split`` (one word more).
"""
from __future__ import annotations

import re
from typing import Callable

FUNCTION_WORDS = frozenset(
    "och i en ett att av den det de dem nu för på med som till om är har inte kan ska sin sitt sina man vi han hon "
    "så eller samt vid från ut in upp mer men när där även också redan under efter mellan inom utan bara".split()
)
# Function words that are no compound prefix (unlike "för", "på", "över", "under"): a hyphen after one
# is a word gap.  Stripped of å/ä/ö, so a word that lost its ring or dots still counts.
LEFT_FREE = frozenset(
    "ar nar dar den det de dem som har inte kan ska sin sitt sina man vi han hon sa men aven ocksa redan bara".split()
)
ONE_LETTER = frozenset("iåö")
_STRIP = str.maketrans("åäö", "aao")
_ONE_RE = re.compile(r"^([^\w]*)([iåö])([.:;’‘'-])(?=[^\W\d_]{2})")
CONJ = frozenset({"och", "eller", "samt", "respektive"})
TLD = frozenset("se nu com org net eu info gov dk no fi pdf doc docx html htm xls xlsx txt".split())
SEP_RE = re.compile(r"(?<=[^\W\d_]{2})([.:;’‘']|-)(?=[^\W\d_])")
WORD_RE = re.compile(r"[^\W\d_]+")
_ANY_SEP = re.compile(r"[^\W\d_][.:;’‘'-]+[^\W\d_]")
_CHUNK = re.compile(r"\S+")
_SUSPENDED = re.compile(r"([^\W\d_]{2,})(--?)(" + "|".join(sorted(CONJ)) + r")\b")


def find_splits(line: str, known: Callable[[str], bool], abbreviations: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, original, replacement) edits for one line; replacements keep offsets except hyphen+space."""
    out: list[tuple[int, int, str, str]] = []
    if not _ANY_SEP.search(line):
        return out
    for m in _CHUNK.finditer(line):
        chunk = m.group()
        if not _ANY_SEP.search(chunk) or "@" in chunk or "/" in chunk or "www" in chunk.lower() or any(c.isdigit() for c in chunk):
            continue
        base = m.start()
        # suspended compound: "Kultur--och" → "Kultur- och", "Barn-och" → "Barn- och"
        sm = _SUSPENDED.search(chunk)
        if sm:
            if sm.group(2) == "--":
                p = base + sm.start(2) + 1
                out.append((p, p + 1, "-", " "))
            else:
                p = base + sm.end(2)
                out.append((p, p, "", " "))
            continue
        one = _ONE_RE.match(chunk)
        if one:
            right = WORD_RE.match(chunk, one.end()).group()
            lo_r = right.lower()
            s = one.group(3)
            if right[0].islower() and lo_r not in CONJ:
                ok = lo_r in FUNCTION_WORDS if s == "-" else (lo_r in FUNCTION_WORDS or known(lo_r))
                if ok:
                    p = base + one.start(3)
                    out.append((p, p + 1, s, " "))
        for sep in SEP_RE.finditer(chunk):
            left = WORD_RE.findall(chunk[: sep.start()])[-1]
            right = WORD_RE.match(chunk, sep.end()).group()
            lo_l, lo_r = left.lower(), right.lower()
            if not right[0].islower() or (len(right) < 2 and lo_r not in FUNCTION_WORDS):
                continue
            s = sep.group()
            if s == "-":
                # the left side may be damaged itself: no lexicon test (it would make a rerun split more)
                ok = lo_r in FUNCTION_WORDS and lo_r not in CONJ and len(left) >= 3 and not left.isupper()
                if not ok and lo_l.translate(_STRIP) in LEFT_FREE and left.islower() and lo_r not in CONJ:
                    ok = len(right) >= 3 and known(lo_r)
            else:
                if lo_r in TLD or max(len(left), len(right)) < 3:
                    continue
                if chunk.lower().rstrip(".").replace(" ", "") in abbreviations:
                    continue
                fl, fr = lo_l in FUNCTION_WORDS, lo_r in FUNCTION_WORDS
                ok = ((known(lo_l) or fl) and (known(lo_r) or fr)) or (fl and len(right) >= 4) or (fr and len(left) >= 4)
            if ok:
                p = base + sep.start()
                out.append((p, p + 1, s, " "))
    return out
