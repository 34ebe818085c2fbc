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
* ``-``: the right side is a function word ("ligger-i", "svårt-att" style; also with its å/ä/ö lost, "fore"),
  the left side 3+ letters, not an acronym ("tv-n"-style inflections of
  acronyms stay);
* ``-`` after a function word that never begins a hyphenated compound
  ("hon", "när", "är" — also with its å/ä/ö lost; not "att": "att-sats"): the right side a known
  lower-case word of 3+ letters ("var-tydlig" style);
* a one-letter function word ("i", "å", "ö") at the start of a chunk glued
  to the next word: ``-`` before a function word ("i-den") or a fixed phrase's noun ("i-dag":
  ``I_PHRASE``), ``.`` ``:`` ``;`` and quotes before a known word ("i.skolan" — invented examples);
* ``X--och`` / ``X-och``: a suspended compound ("Kultur- och fritid"): the space
  after the hyphen is restored — unless a function word follows the conjunction ("bryggan-samt till":
  the hyphen is the gap) or a finite verb precedes it ("går-eller cyklar");
* a case number's label glued to the register's code ("Dnr.KS", "Dnr-KS"): the mark is the gap;
* ``_``: always a gap between letters (prose has no underscores; addresses are skipped);
* ``,`` glued to a lower-case word, both sides words: the space after the comma is restored
  (an insertion: a real comma is kept, only the lost space comes back);
* a run of two marks whose first is ``,`` or ``.`` ("kronor,.och" style): the first is the
  author's punctuation, the second the gap;
* ``.`` ``:`` ``;`` and quotes between two long letter runs (5+ letters each, or one of them a known
  word and the other 4+): Swedish has no such word, abbreviations are short ("bl.a", "t.ex");
* ``:`` or a quote between two letter runs of 2+ letters, one of them a word and one of 5+ letters
  ("pi:strickan", "fa’stdrre"), never after an acronym ("SFS:en", "PDF:erna" are its inflections);
* ``-`` between two lower-case everyday words (4+ and 3+ letters) whose concatenation is no word ("i-land"
  → "iland", "röd-gröna" → "rödgröna" stay; so do phrase compounds with two hyphens or more,
  "prova-på-aktiviteter", and ranges of months or weekdays, "oktober-april"); a hyphen after any function word but "att" before a
  lower-case word or a number ("om-en", "till-50"), and after "i"/"å"/"ö" before a capital ("i-Lunds");
* ``-`` or ``.`` between a given name and a surname ("Emma-Lindqvist", "Per-Erik.Lind": invented);
  ``:`` or a quote between two surnames is a hyphen ("Lindqvist:Fors");
* a party code glued to a word ("Nilsson.(S)", "(S):yrkar", "(S)‘om", "(C),-Erik");
* beside a capitalised word: after a lower-case function word ("vid.Stortorget", "och-Lidingö"),
  between two names joined by ``:`` or a quote, and a lost space after a sentence's full stop
  ("året.Motionen": inserted);
* beside a number (``_number_gaps``): a word glued to it ("till-50", "omkring.120", "den:8", "om,25",
  "ca:110", "mellan'25"; not an abbreviation: "kap.3", "kl.10"), a word after it ("31-mars", "1.januari",
  "5.pågår"; not a file name, "2.pdf"), a full stop and a gap after it ("2023..Förslaget"), a list
  number's or party code's bracket glued on ("2).att", "(V).<date>"), "och" read with a digit
  for its o between numbers ("13:0ch", "40ch7"), a document part's noun glued to its number ("BILAGA3");
* beside a dotted abbreviation: "vardagar-kl.", "augusti-t.o.m.", "f.n.-uppgår";
* between two words in capitals joined by a stop, a letterhead's ("ATVIDABERGS.KOMMUN");
* all of the above between letter runs also in a chunk with a digit read for a letter, when no number's
  gap is in it ("m6tet.avslutades").

Two words run together with no mark at all ("detär") are parted by ``lost_spaces``.

Each is recorded as a correction with method ``split`` (one word more).
"""
from __future__ import annotations

import re
from typing import Callable

from .compounds import NOT_A_PART
from .compounds import PREPOSITION_TAILS as COMPOUND_PREPOSITION_TAILS
from .context import APPROXIMATELY, FINITE, FINITE_STRIPPED

FUNCTION_WORDS = frozenset(
    "och i en ett att av den det de dem nu för på med som till om är har inte kan ska sin sitt sina man vi han hon "
    "så eller samt vid från ut in upp mer men när där även också redan under efter mellan inom utan bara jag per".split()
)
# ... as OCR that lost their å/ä/ö prints them, for a gap before a capitalised word ("fran.<Name>"): only
# those that never end a sentence ("år", "där", "så", "också" may: "… varje år.Det" lost a space)
FUNCTION_STRIPPED = frozenset({"fran", "for", "pa", "nar"})
# ... and after a hyphen, where no compound ends so ("framkomliga-fore": "före" that lost its dots)
FUNCTION_STRIPPED_RIGHT = FUNCTION_STRIPPED | frozenset({"fore", "over", "dar", "aven", "ocksa"})  # (not "ar": "cd-ar")
# Function words that are no compound prefix (unlike "för", "på", "över", "under"): a hyphen after one
# is a word gap.  Stripped of å/ä/ö, so a word that lost its ring or dots still counts.
LEFT_FREE = frozenset(
    "ar nar dar den det de dem som har inte kan ska sin sitt sina man vi han hon sa men aven ocksa redan bara".split()
)
ONE_LETTER = frozenset("iåö")
# nouns of fixed phrases with "i" that are written together informally ("idag", "igår"): "i-dag" is "i dag"
I_PHRASE = frozenset("dag går morgon kväll år fjol stället övrigt genomsnitt huvudsak princip samband enlighet".split())
_STRIP = str.maketrans("åäö", "aao")
_ONE_RE = re.compile(r"^([^\w]*)([iåö])([.:;’‘'-])(?=[^\W\d_]{2})")
CONJ = frozenset({"och", "eller", "samt", "respektive"})
TLD = frozenset("se nu com org net eu info gov dk no fi pdf doc docx html htm xls xlsx txt".split())
SEP_RE = re.compile(r"(?<=[^\W\d_]{2})([.:;’‘'_,-]{1,2})(?=[^\W\d_])")
WORD_RE = re.compile(r"[^\W\d_]+")
_ANY_SEP = re.compile(r"(?:[^\W_]|\))[.:;’‘'_,-]+(?:[^\W_]|\()")
_CHUNK = re.compile(r"\S+")
SUSPENDING_VERBS = (FINITE | FINITE_STRIPPED) - frozenset("far bor star lever laser rader".split())
_SUSPENDED = re.compile(r"([^\W\d_]{2,})(--?)(" + "|".join(sorted(CONJ)) + r")\b")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)(?=[\s.,;:]|$)")
# a case number's label glued to the register's code by a mark ("Dnr.KS 1986/318", "Dnr-KS 1988/41"):
# Swedish writes "Dnr KS 1986/318" (or "Dnr. KS"); no word is "Dnr" + a mark + capitals
_CASE_LABEL_GLUED = re.compile(r"^[Dd](?:nr|NR)([.:-])(?=[A-ZÅÄÖ]{2,}\b)")
_YEAR_AFTER = re.compile(r"(?:19|20)\d\d[.,;:)]*$")  # "våren-2011": Swedish joins no word to a year by a hyphen
_WORD_NUMBER = re.compile(r"^([^\W\d_]{2,})([-.:,])(?=\d)")  # "till-50", "omkring.120", "om,25": a word glued to a number
# words of an approximate or bounded amount: "ca-62 %", "endast-61 %" (no compound begins with one and a number)
APPROXIMATE = frozenset(APPROXIMATELY) | frozenset("endast bara över totalt sammanlagt".split())
# Nouns that number a part of a document: one glued to its number lost a space ("BILAGA3", "Punkt2"),
# no word or code is spelt so.
NUMBERED = frozenset("bilaga bilagan paragraf punkt kapitel avsnitt sida tabell figur diagram alternativ "
                     "fråga etapp kvartal".split())
_NUMBERED_GLUED = re.compile(r"^([^\W\d_]{4,})(?=\d{1,2}[.,:;)]*$)")
_GLYPH_DIGIT = re.compile(r"(?:^|[^\W\d_])\d(?=[^\W\d_]{2})")  # "m6tet", "tr4det": a digit as a letter's glyph
_GLUED_ANYWHERE = re.compile(r"[^\W\d_]{4}\d")
# a number glued by a hyphen to a month, an amount's unit or a preposition at the chunk's end ("31-mars",
# "4,9-miljoner", "145 000-kronor", "ca 430-med"): Swedish writes these apart; its number compounds take
# other tails ("20-talet", "10-årig", "3-rummare")
_NUMBER_WORD = re.compile(r"(?<=\d)(-)([^\W\d_]{2,})[.,;:)]*$")
# ... or by a full stop to a month ("1.januari 1993"), a function word ("1 150.av kommunens") or any word of
# three letters or more ("5.pågår"): a decimal has digits after its mark, an ordinal's stop a gap, a file
# name's a known extension ("2.pdf")
_NUMBER_DOT_WORD = re.compile(r"(?<=\d)(\.)([a-zåäö]{2,})[.,;:)]*$")
# a quote mark between a word and a number ("mellan'25 000", "ca'96", "pa'3-5 km"): the space it stands in
_QUOTE_NUMBER = re.compile(r"(?<=[a-zåäöé]{2})([’‘'])(?=\d)")
# "och" with its o read as 0 or 6, glued to a number before (by a mark, "13:0ch", or none, "40ch") and/or
# after ("0ch7"): "ch" is no Swedish word, so the digit is the o
_OCH_NUMBER = re.compile(r"(?<=\d)(?:([:.;-])|())([06]ch)(?:(?=\d)()|(?![^\W\d_]))")
_NUMBER_STOP_GAP = re.compile(r"(?<=\d)([.,])([.,:;_-])(?=[^\W\d_]{2})")  # "2023..Förslaget"
# a list number's or a party code's closing bracket glued to the next word or date by a mark
_BRACKET_GAP = re.compile(r"(?:(?<=^\d\))|(?<=^\d\d\))|(?<=^\([A-Za-zÅÄÖåäö]\))|(?<=^\([A-Za-zÅÄÖåäö]{2}\))"
                          r"|(?<=^\([A-Za-zÅÄÖåäö]{3}\)))([.:;,])(?=[^\W\d_]{2}|\d{4}-\d\d-\d\d)")
# a dotted abbreviation glued by a hyphen to the next word: "f.n.-uppgår"
_ABBREVIATION_HYPHEN = re.compile(r"^((?:[A-Za-zåäö]{1,3}\.){2,3})(-)(?=[a-zåäö]{2})")
# a party code glued to the word before or after it: "Nilsson.(S)", "(S):yrkar"
_PARTY_BEFORE = re.compile(r"(?<=[^\W\d_]{3})([.:;-])(?=\([A-Za-zÅÄÖåäö]{1,3}\)[.,;:]?$)")
_PARTY_AFTER = re.compile(r"^\([A-Za-zÅÄÖåäö]{1,3}\)(,-|[.:;’‘'-])(?=[^\W\d_]{2})")
ACRONYM_ENDING_MAX = 4  # "SFS:en", "PDF:erna": an ending this long after an acronym's colon
LONG_RUN = 5  # two letter runs this long joined by . : ; or a quote are two words, known or not
QUOTES = "’‘'"
# a phrase compound: letter runs joined by two or more single hyphens, ending in a letter
# ("prova-på-aktiviteter", "dörr-till-dörr"); OCR reads one gap per chunk as a hyphen, rarely two
PHRASE_COMPOUND_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+){2,}[.,;:!?)]*$")
# months and weekdays: a hyphen between two is a range ("oktober-april", "måndag-fredag")
RANGE_WORDS = frozenset("januari februari mars april maj juni juli augusti september oktober november december "
                        "måndag tisdag onsdag torsdag fredag lördag söndag".split())
AFTER_NUMBER = RANGE_WORDS | frozenset(
    "kronor kr miljoner miljarder miljon miljard procent personer timmar minuter dagar veckor månader meter kilometer "
    "hektar ton med av på per för som".split())
ADJ_PAIR = ("sk", "ska", "skt")  # "svensk-finska", "politisk-ideologisk": adjective pairs keep their hyphen


_WORD_CHUNK = re.compile(r"(?<!\S)([\"'‘’(]*)([A-ZÅÄÖ]?[a-zåäö]{4,})(?=[.,;:!?)\"'’]*(?:\s|$))")


# Prepositions end no compound the lexicon does not list (``compounds.PREPOSITION_TAILS``): one at the end
# of a chunk that is no word is the next word run on ("förslagtill", "beslutetmed"; ``lost_spaces``), also
# as printed without å/ä/ö
PREPOSITION_TAILS = COMPOUND_PREPOSITION_TAILS | {"for", "fran", "over"}
_PREPOSITION_ENDS = tuple(PREPOSITION_TAILS)


def lost_spaces(line: str, everyday: Callable[[str], bool], valid: Callable[[str], bool],
                count: Callable[[str], int], prepositions_only: bool = False) -> list[tuple[int, int, str, str]]:
    """Insertions for two words run together with no mark between them ("detär", "kommunenhar"): a
    lower-case chunk that is no valid word (nor a compound: ``valid``) and splits into two everyday
    words (``everyday``), one of them a word that is never part of a compound (a pronoun, an auxiliary,
    a conjunction: ``compounds.NOT_A_PART``), or the second a preposition (``PREPOSITION_TAILS``) — so no
    unknown compound of real parts is cut.  ``prepositions_only``: only the second kind (``Corrector``
    leaves such a chunk to be parted here, while a pronoun run on may be a word's damaged ending, "-er").  Of
    several cuts the one whose rarer side is commonest ("det" + "är", not "de" + "tär")."""
    out = []
    for m in _WORD_CHUNK.finditer(line):
        w = m.group(2)
        # (a sentence's first word: only a preposition run on, "Förslagtill")
        tails_only = w[0].isupper() or prepositions_only
        w = w.lower()
        if tails_only and not w.endswith(_PREPOSITION_ENDS):
            continue  # (the cheap test first: this runs on every line of clean text too)
        if valid(w) or everyday(w):
            continue  # (``everyday`` also knows a word that lost its å/ä/ö: "behover" is no "behov" + "er")
        cuts = [(min(count(w[:i]), count(w[i:])), i) for i in range(2, len(w) - 1)
                if (not tails_only and (w[:i] in NOT_A_PART or w[i:] in NOT_A_PART) or w[i:] in PREPOSITION_TAILS and i >= 4)
                and everyday(w[:i]) and everyday(w[i:])]
        if cuts:
            i = max(cuts)[1]
            out.append((m.start(2) + i, m.start(2) + i, "", " "))
    return out


def find_splits(line: str, known: Callable[[str], bool], abbreviations: frozenset[str],
                word: Callable[[str], bool] | None = None,
                name_kind: Callable[[str], str | None] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, original, replacement) edits for one line; replacements keep offsets except insertions.

    ``known``: an everyday word (or one that lost its å/ä/ö); ``word``: a word the lexicon lists (not
    one it builds as a compound: any two words make one) — a hyphenated pair whose concatenation is a
    listed word stays ("i-land", "röd-gröna"); ``name_kind``: "given" for a given name that is no
    surname, "surname" for a surname that is no given name.  ``-`` or ``.`` does not join a given name
    and a surname ("Emma-Lindqvist" is two words; double given names, "Per-Erik", keep their hyphen);
    ``:`` or a quote between two surnames is a double surname's hyphen ("Lindqvist:Fors").
    """
    out: list[tuple[int, int, str, str]] = []
    if not _ANY_SEP.search(line) and not _OCH_NUMBER.search(line) and not _GLUED_ANYWHERE.search(line):
        return out
    word = word or known
    for m in _CHUNK.finditer(line):
        chunk = m.group()
        if not (_ANY_SEP.search(chunk) or _OCH_NUMBER.search(chunk) or _NUMBERED_GLUED.match(chunk)) or "@" in chunk or "/" in chunk or "www" in chunk.lower():
            continue
        base = m.start()
        if any(c.isdigit() for c in chunk):
            gaps = _number_gaps(chunk, abbreviations)
            out += [(base + a, base + b, o, r) for a, b, o, r in gaps]
            if gaps or not _GLYPH_DIGIT.search(chunk):
                continue
            # no number's gap, and a digit inside a letter run: the digit is a misread letter ("m6tet",
            # "tr4det"), the chunk words to part like any other ("m6tet.avslutades")
        am = _ABBREVIATION_HYPHEN.match(chunk)
        if am and am.group(1).lower().rstrip(".") in abbreviations:
            out.append((base + am.start(2), base + am.end(2), "-", " "))  # "f.n.-uppgår": a gap after an abbreviation
        pm = _PARTY_BEFORE.search(chunk)
        if pm:
            out.append((base + pm.start(1), base + pm.end(1), pm.group(1), " "))
        pm = _PARTY_AFTER.match(chunk)
        if pm:  # "(S):yrkar", "(SD)‘om"; "(C),-Erik": the comma is the author's
            a = pm.start(1) + (1 if pm.group(1) == ",-" else 0)
            if pm.group(1) == ",-" or chunk[pm.end(1)].islower():
                out.append((base + a, base + pm.end(1), chunk[a : pm.end(1)], " "))
        dm = _CASE_LABEL_GLUED.match(chunk)
        if dm:  # "Dnr.KS", "Dnr-KS": the label and the register's code, a gap between
            out.append((base + dm.start(1), base + dm.end(1), dm.group(1), " "))
            continue
        # suspended compound: "Kultur--och" → "Kultur- och", "Barn-och" → "Barn- och" — unless a function
        # word follows the conjunction: a suspended compound's second member is a noun ("färjan-samt till")
        sm = _SUSPENDED.search(chunk)
        nxt = _NEXT_WORD.match(line, m.end()) if sm and sm.end() == len(chunk) else None
        # a finite verb is no compound's head ("går-eller"), unless it is a noun too ("far- och morföräldrar")
        verb = sm is not None and sm.group(1).lower() in SUSPENDING_VERBS
        if sm and sm.group(2) == "-" and (nxt and nxt.group(1) in FUNCTION_WORDS or verb):
            p = base + sm.start(2)
            out.append((p, p + 1, "-", " "))
            continue
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
                if s == "-":  # "i-land" stays: its concatenation is a word (but "idag" is "i dag" run together)
                    ok = lo_r in FUNCTION_WORDS or lo_r in I_PHRASE or (
                        known(lo_r) and not word(one.group(2) + lo_r) and not word(one.group(2) + "-" + lo_r))
                else:  # (a quote after "i" is no letter of any word: a gap before a damaged one too, "i'stillet")
                    ok = lo_r in FUNCTION_WORDS or known(lo_r) or s in QUOTES and len(right) >= 4
            else:  # "i-Lunds": no compound begins with a one-letter word and a capital
                ok = right[0].isupper() and right[1:].islower()
            if ok:
                p = base + one.start(3)
                out.append((p, p + 1, s, " "))
        for sep in SEP_RE.finditer(chunk):
            left = WORD_RE.findall(chunk[: sep.start()])[-1]
            right = WORD_RE.match(chunk, sep.end()).group()
            if name_kind is not None and left[0].isupper() and right[0].isupper():
                kinds = (name_kind(left), name_kind(right))
                if sep.group(1) in ("-", ".") and kinds == ("given", "surname"):
                    out.append((base + sep.start(1), base + sep.end(1), sep.group(1), " "))
                    continue
                if len(sep.group(1)) == 1 and sep.group(1) in ":" + QUOTES and kinds == ("surname", "surname"):
                    out.append((base + sep.start(1), base + sep.end(1), sep.group(1), "-"))
                    continue
            edit = _gap(chunk, sep, left, right, known, word, abbreviations)
            if edit:
                a, b, o, r = edit
                out.append((base + a, base + b, o, r))
    return out


def _number_gaps(chunk: str, abbreviations: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """Gaps next to a number: "till-50", "omkring.120", "den:8", "hösten-2011" (a word glued to a number
    — by a hyphen only a function word, or any word before a year; not an
    abbreviation such as "kap.3", "kl.10"), "2023..Förslaget" (a full stop and a gap), and "och" read
    with a digit for its o glued to a number ("13:0ch", "40ch7": "4 och 7")."""
    out = []
    for om in _OCH_NUMBER.finditer(chunk):
        if om.group(1):  # "13:0ch": the mark is the gap
            out.append((om.start(1), om.end(1), om.group(1), " "))
        elif om.group(2) is not None:  # "40ch": the lost space before
            out.append((om.start(3), om.start(3), "", " "))
        if om.group(4) is not None:  # "0ch7": and after
            out.append((om.end(3), om.end(3), "", " "))
    if out:
        return out
    nm = _WORD_NUMBER.match(chunk)
    if nm:
        w, sep = nm.group(1), nm.group(2)
        year = sep == "-" and bool(_YEAR_AFTER.match(chunk, nm.end()))
        if sep == "-" and w.istitle() and w.lower() in FUNCTION_WORDS | APPROXIMATE:
            out.append((nm.start(2), nm.end(2), sep, " "))  # "Med-3 ja-röster", "Ca-62 %": a sentence's first word
        elif sep == ",":
            if w.islower() and (w in FUNCTION_WORDS or w in APPROXIMATE):
                out.append((nm.start(2), nm.end(2), sep, " "))  # "om,25 %": no list or decimal has a word before its comma
        elif w.islower() and w != "att" and (w in FUNCTION_WORDS or w in APPROXIMATE or year if sep == "-" else (
                (w not in abbreviations or sep == ":" and w in APPROXIMATE) and (w in FUNCTION_WORDS or len(w) >= 4 or w in APPROXIMATE))):
            # ("ca:110": the colon is no abbreviation's stop, "ca.110" may be)
            out.append((nm.start(2), nm.end(2), sep, " "))
    gm = _NUMBERED_GLUED.match(chunk)
    if gm and gm.group(1).lower() in NUMBERED:
        out.append((gm.end(1), gm.end(1), "", " "))  # "BILAGA3", "Bilaga2": the noun and its number
    wm = _NUMBER_WORD.search(chunk)
    if wm and wm.group(2) in AFTER_NUMBER:
        out.append((wm.start(1), wm.end(1), "-", " "))
    dm = _NUMBER_DOT_WORD.search(chunk)
    if dm and dm.group(2) not in TLD and (len(dm.group(2)) >= 3 or dm.group(2) in FUNCTION_WORDS):
        out.append((dm.start(1), dm.end(1), ".", " "))
    for qm in _QUOTE_NUMBER.finditer(chunk):
        out.append((qm.start(1), qm.end(1), qm.group(1), " "))
    for dm in _NUMBER_STOP_GAP.finditer(chunk):
        out.append((dm.start(2), dm.end(2), dm.group(2), " "))
    for dm in _BRACKET_GAP.finditer(chunk):  # "2).att", "(V).2023-02-08"
        out.append((dm.start(1), dm.end(1), dm.group(1), " "))
    return out


def _gap(chunk: str, sep: re.Match, left: str, right: str, known: Callable[[str], bool],
         word: Callable[[str], bool], abbreviations: frozenset[str]) -> tuple[int, int, str, str] | None:
    """The edit for one separator run between two letter runs of a chunk, or None (offsets in the chunk)."""
    lo_l, lo_r = left.lower(), right.lower()
    run = sep.group()
    a, b = sep.start(), sep.end()
    if run == ":" and left.isupper() and len(left) >= 2 and right.islower() and len(right) <= ACRONYM_ENDING_MAX:
        return None  # an acronym's inflection: "SFS:en", "SMS:et", "PDF:er" (Swedish writes it after a colon)
    if run in ".:;-" and len(left) >= 2 and (known(lo_l) or lo_l in FUNCTION_WORDS) and (
            chunk[b:].lower().rstrip(".,;:") in abbreviations and "." in chunk[b:].rstrip(",;:")):
        # "till.t.ex.", "vardagar-kl. 8", "augusti-t.o.m.": a word glued to an abbreviation with its stop
        # (no compound takes an abbreviation as its tail)
        return a, b, run, " "
    if len(run) == 2:
        # ",." / ".," / ".." / ",-": the first mark is punctuation, the second the gap; ":‘" style:
        # the first is the gap (the stray quote is dropped as a symbol)
        if run[0] in ",." and len(right) >= 2:
            return a + 1, b, run[1], " "
        if run[1] in QUOTES and run[0] not in QUOTES + "-," and right[0].islower() and len(left) >= 3 and (
                known(lo_l) or lo_l in FUNCTION_WORDS) and len(right) >= 3:
            return a, a + 1, run[0], " "
        if run[0] == "-" and run[1] in QUOTES and lo_r in FUNCTION_WORDS and right.islower() and len(left) >= 3:
            return a, a + 1, run[0], " "  # "ansökningar-‘om": the hyphen the gap, the quote a speck
        return None
    fl, fr = lo_l in FUNCTION_WORDS, lo_r in FUNCTION_WORDS
    if right[0].isupper():
        if (left.isupper() and right.isupper() and run in ".:;" and min(len(left), len(right)) >= 4
                and (known(lo_l) or known(lo_r))):
            return a, b, run, " "  # "ATVIDABERGS.KOMMUN": a letterhead's words (acronyms are shorter: "S.O.S")
        if len(right) < 2 or not right[1:].islower():
            return None
        if (fl or lo_l in FUNCTION_STRIPPED) and left.islower() and run != "," and lo_l != "att":
            return a, b, run, " "  # "vid.Stortorget", "och-Lidingö", "fran.<Name>": no sentence or compound ends so
        if left[0].isupper() and left[1:].islower() and run in ":" + QUOTES:
            return a, b, run, " "  # "Therese:Lundqvist": two names
        if run == "." and left.islower() and len(left) >= 3 and known(lo_l) and (known(lo_r) or len(right) >= 4):
            return b, b, "", " "  # "året.Motionen": a sentence end that lost its space
        return None
    if len(right) < 2 and not fr:
        return None
    kl, kr = fl or known(lo_l), fr or known(lo_r)
    if run == "_":
        return a, b, run, " "
    if run == ",":
        if kl and kr and left.islower() and max(len(left), len(right)) >= 3:
            return b, b, "", " "
        return None
    if run == "-":
        if PHRASE_COMPOUND_RE.match(chunk) or (lo_l in RANGE_WORDS and lo_r in RANGE_WORDS):
            return None  # "prova-på-aktiviteter", "oktober-april", "måndag-fredag": the author's hyphens
        # the left side may be damaged itself: no lexicon test (it would make a rerun split more); a finite
        # verb is no compound's tail either ("stadsmiljön-pågår", also with its å/ä/ö lost)
        ok = (fr or lo_r in FUNCTION_STRIPPED_RIGHT or lo_r in FINITE or lo_r in FINITE_STRIPPED) and lo_r not in CONJ and len(left) >= 3 and not left.isupper()
        if not ok and lo_l.translate(_STRIP) in LEFT_FREE and left.islower() and lo_r not in CONJ:
            ok = len(right) >= 3 and known(lo_r)
        if not ok and (left.islower() or fl and left.istitle() and right.islower()) and lo_r not in CONJ:
            if fl:  # "om-en", "en-inhägnad", "Att-avgiftsfria": no compound begins with a function word and a hyphen
                # (two function words always stand apart: that "om" + "en" spell "omen" is chance)
                ok = (lo_l != "att" or not lo_r.startswith("sats")) and (kr or len(right) >= 3) and (
                    fr or not word(lo_l + lo_r))
            elif len(left) >= 4 and len(right) >= 3 and kl and kr and not lo_l.endswith(ADJ_PAIR):
                # (both everyday words: a loan word or a name keeps its hyphen, "trainee-satsningen")
                ok = not word(lo_l + lo_r) and not word(lo_l + "-" + lo_r)
        return (a, b, run, " ") if ok else None
    if (run in ":" + QUOTES and not left.isupper() and min(len(left), len(right)) >= 2 and (kl or kr)
            and max(len(left), len(right)) >= LONG_RUN):
        # a colon or quote between two letter runs, one of them a word and one long: no word is spelt so,
        # and an inflected acronym ("KS:s", "SFS:en") has its capitals before the mark ("pi:strickan",
        # "at’skolstyrelsen"); a short chunk may be one damaged word ("te’glor": "regler")
        return a, b, run, " "
    if lo_r in TLD or max(len(left), len(right)) < 3:
        return None
    if chunk.lower().rstrip(".").replace(" ", "") in abbreviations:
        return None
    long_l, long_r = len(left) >= LONG_RUN, len(right) >= LONG_RUN
    ok = ((kl and kr) or (fl and len(right) >= 4) or (fr and len(left) >= 4)
          or (long_l and long_r) or (kl and long_r and len(left) >= 3) or (kr and long_l))
    return (a, b, run, " ") if ok else None
