"""Punctuation that English-model OCR invents or misreads, fixed without touching words.

* A full stop after a word, before a lower-case word ("kommunen. och"), is a
  speck: a sentence ends before a capital.  Only in a damaged document (an
  undamaged one may abbreviate words that no list knows: "ordf. och"), only
  after an everyday word that is no listed abbreviation ("bl.a.", "resp."),
  never inside an abbreviation with inner dots.  At a line end the next
  non-blank line must begin in lower case.
* "ki." before a time or number is "kl." (klockan): the l read as i.

Each fix is a (line, start, end, original, replacement) edit on the page's
lines; the corrector records it as a ``symbol`` correction.
"""
from __future__ import annotations

import re
from typing import Callable

STRAY_STOP_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{2,})(\.)(?=\s+[a-zåäö]|\s*$)")
KL_RE = re.compile(r"(?:^|(?<=\s))[kK](i)\.(?=\s*\d)")

Edit = tuple[int, int, int, str, str]


def stray_full_stops(lines: list[str], everyday: Callable[[str], bool], abbreviations: frozenset[str]) -> list[Edit]:
    """Full stops that end no sentence: the next word is lower case (see the module docstring)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in STRAY_STOP_RE.finditer(ln):
            w = m.group(1)
            if w.lower() in abbreviations or not everyday(w.lower()):
                continue
            if not ln[m.end(2):].strip():  # line end: the next non-blank line must go on in lower case
                nxt = next((x.lstrip() for x in lines[li + 1 :] if x.strip()), "")
                if not nxt[:1].islower():
                    continue
            out.append((li, m.start(2), m.end(2), ".", ""))
    return out


def clock_abbreviations(lines: list[str]) -> list[Edit]:
    """"ki. 10" → "kl. 10"."""
    return [(li, m.start(1), m.end(1), "i", "l") for li, ln in enumerate(lines) for m in KL_RE.finditer(ln)]
