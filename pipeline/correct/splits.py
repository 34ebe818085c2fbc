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

* ``_``: always a gap between letters (prose has no underscores; addresses are skipped);
* ``,`` glued to a lower-case word, both sides words: the space after the comma is restored
  (an insertion: a real comma is kept, only the lost space comes back);
* a run of two marks whose first is ``,`` or ``.`` ("kronor,.och" style): the first is the
  author's punctuation, the second the gap;
* ``.`` ``:`` ``;`` and quotes between two long letter runs (5+ letters each, or one of them a known
  word and the other 4+): Swedish has no such word, abbreviations are short ("bl.a", "t.ex");
* ``-`` between two lower-case everyday words (4+ and 3+ letters) whose concatenation is no word ("i-land"
  → "iland", "röd-gröna" → "rödgröna" stay); a hyphen after any function word but "att" before a
  lower-case word or a number ("om-en", "till-50"), and after "i"/"å"/"ö" before a capital ("i-Lunds");
* a party code glued to a word ("Nilsson.(S)", "(S):yrkar").

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
SEP_RE = re.compile(r"(?<=[^\W\d_]{2})([.:;’‘'_,-]{1,2})(?=[^\W\d_])")
WORD_RE = re.compile(r"[^\W\d_]+")
_ANY_SEP = re.compile(r"(?:[^\W\d_]|\))[.:;’‘'_,-]+(?:[^\W_]|\()")
_CHUNK = re.compile(r"\S+")
_SUSPENDED = re.compile(r"([^\W\d_]{2,})(--?)(" + "|".join(sorted(CONJ)) + r")\b")
_NUMBER_AFTER = re.compile(r"^[^\W\d_]{2,}-(?=\d)")  # "till-50": a function word glued to a number
# a party code glued to the word before or after it: "Nilsson.(S)", "(S):yrkar"
_PARTY_BEFORE = re.compile(r"(?<=[^\W\d_]{3})([.:;-])(?=\([A-Za-zÅÄÖåäö]{1,3}\)[.,;:]?$)")
_PARTY_AFTER = re.compile(r"^\([A-Za-zÅÄÖåäö]{1,3}\)([.:;-])(?=[a-zåäö]{2})")
LONG_RUN = 5  # two letter runs this long joined by . : ; or a quote are two words, known or not
QUOTES = "’‘'"
ADJ_PAIR = ("sk", "ska", "skt")  # "svensk-finska", "politisk-ideologisk": adjective pairs keep their hyphen


def find_splits(line: str, known: Callable[[str], bool], abbreviations: frozenset[str],
                word: Callable[[str], bool] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, original, replacement) edits for one line; replacements keep offsets except insertions.

    ``known``: an everyday word (or one that lost its å/ä/ö); ``word``: a word the lexicon lists (not
    one it builds as a compound: any two words make one) — a hyphenated pair whose concatenation is a
    listed word stays ("i-land", "röd-gröna").
    """
    out: list[tuple[int, int, str, str]] = []
    if not _ANY_SEP.search(line):
        return out
    word = word or known
    for m in _CHUNK.finditer(line):
        chunk = m.group()
        if not _ANY_SEP.search(chunk) or "@" in chunk or "/" in chunk or "www" in chunk.lower():
            continue
        base = m.start()
        if any(c.isdigit() for c in chunk):
            nm = _NUMBER_AFTER.match(chunk)
            if nm and chunk[: nm.end() - 1] in FUNCTION_WORDS and chunk[: nm.end() - 1] != "att":
                out.append((base + nm.end() - 1, base + nm.end(), "-", " "))
            continue
        for pm in (_PARTY_BEFORE.search(chunk), _PARTY_AFTER.match(chunk)):
            if pm:
                out.append((base + pm.start(1), base + pm.end(1), pm.group(1), " "))
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
                if s == "-":  # "i-land" stays: its concatenation is a word
                    ok = lo_r in FUNCTION_WORDS or known(lo_r) and not word(one.group(2) + lo_r) and not word(one.group(2) + "-" + lo_r)
                else:
                    ok = lo_r in FUNCTION_WORDS or known(lo_r)
            else:  # "i-Lunds": no compound begins with a one-letter word and a capital
                ok = right[0].isupper() and right[1:].islower()
            if ok:
                p = base + one.start(3)
                out.append((p, p + 1, s, " "))
        for sep in SEP_RE.finditer(chunk):
            left = WORD_RE.findall(chunk[: sep.start()])[-1]
            right = WORD_RE.match(chunk, sep.end()).group()
            lo_l, lo_r = left.lower(), right.lower()
            run = sep.group()
            if len(run) == 2:
                # ",." / ".," / ".." / ",-": the first mark is punctuation, the second the gap; ":‘" style:
                # the first is the gap (the stray quote is dropped as a symbol)
                if run[0] in ",." and len(right) >= 2:
                    out.append((base + sep.start() + 1, base + sep.end(), run[1], " "))
                elif run[1] in QUOTES and run[0] not in QUOTES + "-," and right[0].islower() and len(left) >= 3 and (
                        known(lo_l) or lo_l in FUNCTION_WORDS) and len(right) >= 3:
                    out.append((base + sep.start(), base + sep.start() + 1, run[0], " "))
                continue
            if not right[0].islower() or (len(right) < 2 and lo_r not in FUNCTION_WORDS):
                continue
            fl, fr = lo_l in FUNCTION_WORDS, lo_r in FUNCTION_WORDS
            kl, kr = fl or known(lo_l), fr or known(lo_r)
            if run == "_":
                ok = True
            elif run == "-":
                # the left side may be damaged itself: no lexicon test (it would make a rerun split more)
                ok = lo_r in FUNCTION_WORDS and lo_r not in CONJ and len(left) >= 3 and not left.isupper()
                if not ok and lo_l.translate(_STRIP) in LEFT_FREE and left.islower() and lo_r not in CONJ:
                    ok = len(right) >= 3 and known(lo_r)
                if not ok and left.islower() and lo_r not in CONJ and lo_l != "att":
                    if fl:  # "om-en", "en-inhägnad": no compound begins with a function word and a hyphen
                        ok = (kr or len(right) >= 3) and len(right) >= 2 and not word(lo_l + lo_r)
                    elif len(left) >= 4 and len(right) >= 3 and kl and kr and not lo_l.endswith(ADJ_PAIR):
                        ok = not word(lo_l + lo_r) and not word(lo_l + "-" + lo_r)
            elif run == ",":
                if kl and kr and left.islower() and max(len(left), len(right)) >= 3:
                    out.append((base + sep.end(), base + sep.end(), "", " "))
                continue
            else:
                if lo_r in TLD or max(len(left), len(right)) < 3:
                    continue
                if chunk.lower().rstrip(".").replace(" ", "") in abbreviations:
                    continue
                long_l, long_r = len(left) >= LONG_RUN, len(right) >= LONG_RUN
                ok = ((kl and kr) or (fl and len(right) >= 4) or (fr and len(left) >= 4)
                      or (long_l and long_r) or (kl and long_r and len(left) >= 3) or (kr and long_l))
            if ok:
                p = base + sep.start()
                out.append((p, p + 1, run, " "))
    return out
