"""Punctuation that English-model OCR invents or misreads, fixed without touching words.

* A full stop after a word, before a lower-case word ("kommunen. och"), is a
  speck: a sentence ends before a capital.  Only in a damaged document (an
  undamaged one may abbreviate words that no list knows: "ordf. och"), only
  after an everyday word or a longer valid one (abbreviations are short
  truncations) that is no listed abbreviation ("bl.a.", "resp."), never
  inside an abbreviation with inner dots.  At a line end the next
  non-blank line must begin in lower case.
* "ki." before a time or number is "kl." (klockan): the l read as i (or I), and before a time
  ("Ki, 9.00") its stop read as a comma and, mid-sentence, its k as a capital.
* A colon after a lower-case word (or, inside its line, a year: "senast 2014:") before a capitalised
  word, in a damaged
  document, is a full stop with a speck above it ("dagen: Det"): a Swedish
  colon is followed by lower case, except after a label ("Bilaga: …", a
  capitalised word opening its line) and before a list ("besluta:" + "Att …", a blank line,
  a bullet or a number, "till: Byggnadsnämnden, Kommunstyrelsen"), which keep theirs.
* A colon in the middle of a phrase ("gång: och cykelvägar", "motion till:
  kommunfullmäktige", "Karin: Lund") is a speck or a misread hyphen, in a
  damaged document: before "och"/"eller" it is the hyphen of an elided
  compound ("gång- och"); after a function word that cannot end a clause
  (a preposition, an article, "att", "som") before a lower-case word or a
  number on the same line or opening the next, and between a given name and
  a surname, it goes.  So does one inside a line before a preposition or a
  finite verb ("bifall: till", "fritidsjordbruk: kan", "regionstyrelsen:
  beslutar"), unless a predicate ends the clause before it ("är långa: från").
  A colon announces a list or a statement that opens with its item or subject.
* "§112" → "§ 112", and "$47" opening a line → "§ 47" (``section_signs``); "14 km? och" → "14 km² och"
  (``square_kilometres``); "800°000" → "800 000", "30°%" → "30 %" (``degree_gaps``); "30%" → "30 %" on a
  page that otherwise spaces its per cent signs, "5.2 %" → "5,2 %" on one that writes "3,9 %"
  (``percent_conventions``); "9.000 kronor" → "9 000 kronor" on a page that groups thousands with spaces
  (``thousands_gaps``).
* A hyphen inside a listed dotted abbreviation is its stop ("t-ex." → "t.ex.": ``hyphen_for_stop``).
* "¢" glued to letters is the "c" or "e" it was read for ("¢a 60 m²": "ca", "¢l", "¢-tjänsten":
  ``cent_for_letter``); before a space it is a bullet.
* A full stop after a preposition that seldom ends a sentence, before a name ("vid. Stenhammarsvägen", "i. Kallinge"),
  in a damaged document, is a speck (``preposition_stops``).
* A comma after a lower-case word before a capitalised common word that is no name ("kommunen,
  Staten"), in a damaged document, is a full stop whose dot English-model OCR grew a tail: Swedish
  writes lower case after a comma, except names (checked against the name lists; compass and
  "svenska"-style adjectives begin names).  The next word is judged as corrected; at a line's end,
  the word that opens the next line.  So is a "," ";" or ":" after a list or section number opening
  its line ("1; Att …", "4, Förslag", "2: Hur …").
* A comma after a word that cannot end a clause before a content word, in a damaged document, is a
  speck ("till, grönare", "har, inhämtat", "ett, mål"): a preposition, an article, "att", an auxiliary,
  "inte" or a definite genitive ("kommunens, uppfattning") is followed by what it governs.  A
  parenthesis after it ("att, i samverkan med …") opens with a function word, and a stranded preposition ("kommunen vi bor i, tar …") is followed by a
  finite verb: both keep their comma.  Not after "i", stranded most often.  "och", "samt" and "eller"
  strand nothing: after them the comma goes before a finite verb too ("och, ger").
* A stop after the day or a comma before the year inside a written date ("den 23. april", "13 april,
  1999") is a speck (``date_marks``): Swedish dates carry neither.
* A comma ending a signature's or an address block's line — a name alone (with its party), a place and
  date, a postal code and town — is a speck: the block sets its items on lines of their own
  (``signature_commas``).
* A full stop or comma after a heading or label standing alone on its line ("Beslutsgång.",
  "Utdragsbestyrkande,", "ENKÖPINGS KOMMUN.", a date "2014-08-19.") is a speck, in a damaged document:
  the line before does not run on into it (no comma, hyphen or governing word at its end: "… till" /
  "Fårö." ends a sentence) and the next begins with a capital or a digit.  One word (capitalised, no
  name), or a letterhead in capitals, or an ISO date, or a numbered section heading of up to four words
  ("2. Sammanfattning.", never a numbered proposal "1. Att …").
* A full stop between a name and its party code ("Fredrik de Geer. (L)") is a speck: the code
  belongs to the name before it.
* "’" at the end of a non-word that becomes a common word with "å" ("Lule’", "ing’") is the ring of
  that "å" (``quote_for_ring``); read before the words are.
* A semicolon inside a line before a conjunction, a relative or a preposition that goes on the clause
  ("år; vilket", "2007; men", "elever; oavsett", "avstår; 1 ledamot"), or before any lower-case word that
  cannot open a clause ("mjölk; ägg", "avstår; beslutar"), in a damaged document, is a comma with a speck
  above it: a true semicolon joins two clauses, and the second opens with its subject or a sentence
  adverb ("röstar ja; den som", "instrument; kostnaden", "…; därför"); so is one between two names
  ("Korset; ABF").  At a line end the next line's first word decides the same way ("rullstol;\ngår"),
  except after a list's announcer ("bland annat;") and before "att" on a page that ends two
  proposal clauses with semicolons (the writer's convention).
* "~" is a dash English-model OCR misread (``tilde_dashes``): a list line's dash as the page's other
  list lines write it, an en dash alone or between numbers, a speck after a sentence's end at a line's end.
* A second full stop after a word or a number ("äldre..") is a speck; an ellipsis has three.
* "_" after a word ("klassrummet_") is a speck: prose has no underscores.
* ":" after an abbreviation before a lower-case word or a number ("bl.a: att", "kap: 32") is its full
  stop, in a damaged document (``abbreviation_colons``); a label's ("Dnr:", "Tel:") stays.
* "!" at a word's end is a misread "l" ("rege!", "til!") when the word with an
  l is an everyday word and the word without it is not, or the sentence goes
  on in lower case: council records hardly exclaim, and an exclamation ends
  its sentence.  "!!" so is a final "ll" ("Darti!!": "Därtill"), the word
  judged with its å/ä/ö.  After a function word that cannot end a clause ("till!") it
  is a speck.  Read before the words are.

Each fix is a (line, start, end, original, replacement) edit on the page's
lines; the corrector records it as a ``symbol`` correction.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from .confusions import strip_diacritics
from .protect import MONTHS

# (run on the corrected output; a word that still holds a digit is no everyday word, ``everyday`` says so)
RING_MIN_COUNT = 1000  # ``quote_for_ring``: the word with "å" this common ...
RING_RATIO = 10  # ... and, when the word without it is valid too, this many times commoner ("Lule’")
LIST_LABEL_RE = re.compile(r"[a-zåäö][).]\s")  # "a) ", "b. ": a list item's label
STRAY_STOP_RE = re.compile(r"(?:^|(?<=\s))([^\W_]{2,})(\.)(?=\s+[a-zåäö]|\s*$)")
# "ki." before a number, "Ki," / "kI." before a time (the stop read as a comma too: only before a time)
KL_RE = re.compile(r"(?:^|(?<=\s))[kK]([iIl|])(?:(\.)(?=\s*\d)|([.,])(?=\s*\d{1,2}[.:]\d\d\b))")
COLON_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{2,}|(?:19|20)\d\d)(:)(?=\s|$)")  # a word's, or a year's ("senast 2014:")
# words that introduce what follows them, capitalised or not
LIST_INTRO = frozenset("följande besluta beslutar beslutat föreslår föreslås yrkar yrkat yrkande intygar nämligen "
                       "exempelvis såsom enligt anför anfört anges proposition voteringsproposition "
                       # the minutes' formulas: "propositionen godkänns: Den som vill …", "Utdrag bestyrkes:"
                       "godkänns godkännes bestyrkes".split())
# function words after which no clause or label ends: a colon after one is a speck ("till: kommunen").
# Not the list intros ("enligt:", ``LIST_INTRO``).
NO_COLON_AFTER = frozenset("i av för med på till om från hos inom bland mellan under över åt vid mot genom utan "
                           "efter före sedan trots kring en ett den det de dem denna detta dessa att som och eller".split())
NO_COLON_AFTER |= {strip_diacritics(w) for w in NO_COLON_AFTER}  # as OCR without å/ä/ö reads them
# words that govern what follows them: a comma after one, before a content word, is a speck
NO_COMMA_AFTER = (NO_COLON_AFTER - {"i", "den", "det", "de", "dem", "denna", "detta", "dessa", "som"}) | frozenset(
    "samt har hade ska skall kan inte".split())
NO_COMMA_AFTER |= {strip_diacritics(w) for w in NO_COMMA_AFTER}
# words that may open a parenthesis or an apposition after such a comma ("att, i samverkan med", "och, enligt")
PARENTHESIS_OPENERS = NO_COLON_AFTER | frozenset(
    "när då om men dock alltså däremot därför exempelvis främst särskilt liksom också även bland inte redan "
    "bl.a. t.ex. s.k. dvs. ca".split())
# a definite noun's genitive ("kommunens", "årets", "motionärernas"; not "-nas" alone: "lämnas" is a passive)
GENITIVE_ENDINGS = ("ens", "ets", "ernas", "arnas", "ornas")
# ... of which these strand nothing: a comma after one goes before a finite verb too ("och, har")
CONJUNCTIONS = frozenset("och samt eller".split())
STRAY_COMMA_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{1,})(,)(?=\s+([a-zåäö][^\W\d_]*)(?=[\s.,;:]|$))")
# ... and words that no colon stands before inside a line: a preposition, or a finite verb (a colon's list
# or statement opens with its subject or its first item, "bifall: till kommunstyrelsens förslag",
# "fritidsjordbruk: kan"); a verb that introduces a list itself ("regionstyrelsen: beslutar") takes the
# colon after it.  Not "om" or "att", which open the clause a colon may announce ("frågan: om …").
GOVERNED_AFTER = frozenset(
    "i av för med på till från hos inom bland mellan under över åt vid mot genom utan efter före kring "
    "är finns kan ska skall måste bör får vill gäller kommer blir har hade "
    "besluta beslutar beslutat föreslår föreslås yrkar yrkat anför anfört godkänns godkännes bestyrkes".split())
GOVERNED_AFTER |= {strip_diacritics(w) for w in GOVERNED_AFTER}
# ... unless a predicate ends the clause before it ("Avstånden är långa: från …" elaborates)
COPULAS = frozenset("är var blir blev vara bli varit blivit ar".split())
# "i:" mid-line before a lower-case word or a number ("att i: budgetarbetet"): ``COLON_RE`` wants two letters
LONE_I_COLON_RE = re.compile(r"(?<=\S )i(:)(?= [a-zåäö\d])")
ELIDED_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{2,})(:)(?= (?:och|eller) [^\W\d_])")
BANG_MIN_COUNT = 1000  # the word with an l is an everyday word ...
BANG_RATIO = 100  # ... this many times more frequent than the word without it (or the sentence goes on)
BANG_RE = re.compile(r"(?:^|(?<=[\s(]))([^\W\d_]+)(!!?)(?=[.,;:]?(?:\s|$))")  # ("!!": a final "ll", "Darti!!")

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
                if not nxt[:1].islower() or LIST_LABEL_RE.match(nxt):
                    continue  # (a lower-case list label, "b) Kommunen …", starts an item: the stop ends one)
            out.append((li, m.start(2), m.end(2), ".", ""))
    return out


# prepositions that seldom end a sentence: none that is also a verb particle ("ta med.", "tänka på.",
# "ställas in.", "mattas av. Sveriges …", "ta över.")
STOP_PREPOSITIONS = frozenset("vid från fran hos inom bland mellan genom mot enligt utan i på pa".split())  # (also as printed without å/ä/ö)
PREP_STOP_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{1,6})(\.)(?=\s+([A-ZÅÄÖ][a-zåäöé]+)\b(?![.:]))")


def preposition_stops(lines: list[str], common_not_name: Callable[[str], bool]) -> list[Edit]:
    """A full stop between a preposition and the name it governs ("vid. Stenhammarsvägen", "från.
    Svalsta"): a speck.  A sentence seldom ends with one of these prepositions, and one that does is
    followed by a sentence's opening word, not a name — so the next word must be no common word."""
    return [(li, m.start(2), m.end(2), ".", "") for li, ln in enumerate(lines) for m in PREP_STOP_RE.finditer(ln)
            if m.group(1).lower() in STOP_PREPOSITIONS and not common_not_name(m.group(3))]


COMMA_STOP_RE = re.compile(r"(?:^|(?<=\s))[a-zåäöé]{2,}(,)(?=\s+([A-ZÅÄÖ][a-zåäöé]+)\b)")


# ... and across a line break: a comma ending a line, the capitalised word opening the next
LINE_END_COMMA_RE = re.compile(r"(?:^|(?<=\s))[a-zåäöé]{2,}(,)\s*$")
LINE_START_WORD_RE = re.compile(r"^\s*([A-ZÅÄÖ][a-zåäöé]+)\b(?![-.])")
# a numbered line, its number's mark as read ("4, Ekonomi", "2. Bakgrund"); not a numbered "Att …" proposal
NUMBERED_LINE_RE = re.compile(r"^\s*\d{1,2}[.,;]?\s+([A-ZÅÄÖ][a-zåäöé]+)\b")
# a list or section number opening its line, its full stop read as "," or ";" ("1; Att …", "4, Förslag")
LIST_NUMBER_RE = re.compile(r"^\s*\d{1,2}([,;:])(?=\s+([A-ZÅÄÖ][a-zåäöé]+)\b)")


def comma_full_stops(lines: list[str], common_not_name: Callable[[str], bool]) -> list[Edit]:
    """Commas that were full stops: the next word is capitalised and ``common_not_name`` (see the
    module docstring) — after a lower-case word, or after a list number opening its line; also when
    that word opens the next line, or the line after a blank one ("andelen," / "Förvaltningen vill …":
    no paragraph ends with a comma), or the next line is a numbered section ("… in," / "4, Ekonomi")."""
    out = [(li, m.start(1), m.end(1), m.group(1), ".") for li, ln in enumerate(lines)
           for m in (*COMMA_STOP_RE.finditer(ln), *LIST_NUMBER_RE.finditer(ln)) if common_not_name(m.group(2))]
    for li in range(len(lines) - 1):
        m = LINE_END_COMMA_RE.search(lines[li])
        if not m:
            continue
        nxt = lines[li + 1] if lines[li + 1].strip() or li + 2 >= len(lines) else lines[li + 2]  # (a paragraph break)
        n = LINE_START_WORD_RE.match(nxt)
        h = NUMBERED_LINE_RE.match(nxt)
        if n and common_not_name(n.group(1)) or h and h.group(1).lower() != "att":
            out.append((li, m.start(1), m.end(1), ",", "."))  # (... or a numbered section opens the next line)
    return out


# words that go on the clause a comma left: conjunctions, relatives, "att", prepositions of an apposition
COMMA_GOERS = frozenset("och men eller samt vilket vilka vilken som där om att oavsett eftersom medan med ca "
                        "inklusive".split())
SEMICOLON_RE = re.compile(r"(?<=[^\W_])(;)(?=\s+(\S+))")
LINE_END_SEMICOLON_RE = re.compile(r"(?<=[^\W_])(;)\s*$")
LIST_ANNOUNCERS = frozenset("annat följande exempel exempelvis nämligen".split())  # "bland annat;" opens a list
# Words that open a clause after a true semicolon: its subject (a pronoun, a determiner) or a sentence
# adverb ("…; därför föreslår …"); a definite noun is a subject too (``_no_clause_opener``).
CLAUSE_OPENERS = frozenset("jag du han hon hen vi ni de dom man det den denna detta dessa deras hans hennes dess "
                           "vår vårt våra min mitt mina en ett all alla ingen inget inga många flera några somliga "
                           "därför dessutom dock sedan då nu här så alltså annars även också samtidigt vidare "
                           "slutligen däremot emellertid likaså övriga andra detsamma".split())


def semicolon_commas(lines: list[str]) -> list[Edit]:
    """Semicolons that are commas (see the module docstring)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in SEMICOLON_RE.finditer(ln):
            nxt = m.group(2).rstrip(".,;:")
            prev = ln[: m.start(1)].split()[-1] if ln[: m.start(1)].split() else ""
            if (nxt.lower() in COMMA_GOERS or nxt.isdigit() or _no_clause_opener(nxt)
                    or _name_word(prev) and _name_word(nxt)):
                out.append((li, m.start(1), m.end(1), ";", ","))
    # ... and at a line's end before a line that goes on the clause ("i rullstol;\ngår med rollator"), not
    # after a list's announcer; before "att" (a proposal list's next clause) only where the page does not
    # end two such clauses with one: "att …;\natt …;\natt …" is a writer's convention
    att_semicolons = sum(1 for li, ln in enumerate(lines[:-1]) if LINE_END_SEMICOLON_RE.search(ln)
                         and lines[li + 1].split()[:1] == ["att"])
    for li, ln in enumerate(lines[:-1]):
        m = LINE_END_SEMICOLON_RE.search(ln)
        if not m or not lines[li + 1].split():
            continue
        nxt = lines[li + 1].split()[0].rstrip(".,;:")
        prev = ln[: m.start(1)].split()[-1].lower()
        if nxt == "att" and att_semicolons >= 2:
            continue
        if prev not in LIST_ANNOUNCERS and (nxt in COMMA_GOERS or _no_clause_opener(nxt)):
            out.append((li, m.start(1), m.end(1), ";", ","))
    return out


def _name_word(w: str) -> bool:
    """A capitalised word or an acronym ("Korset", "ABF"): between two, a semicolon lists names."""
    return w.isalpha() and w[:1].isupper() and len(w) >= 2


def _no_clause_opener(w: str) -> bool:
    """A lower-case word that cannot open the clause a true semicolon begins: no pronoun, determiner,
    sentence adverb or definite noun ("mjölk; ägg", "avstår; beslutar", "kostnaden; beräknad", not
    "ja; den", "instrument; kostnaden")."""
    low = w.lower()
    return (w.isalpha() and w[:1].islower() and low not in CLAUSE_OPENERS
            and not (len(low) >= 5 and low.endswith(("en", "et", "na"))))


TILDE_RE = re.compile(r"(?:(?<=\s)|^)(~)(?=\s)")  # a "~" standing alone before more text
TILDE_END_RE = re.compile(r"(?<=[.!?])( ~)\s*$")  # ... or after a sentence's end, closing its line
TILDE_RANGE_RE = re.compile(r"(?<=\d)(~)(?=\d)")  # ... or between two numbers ("4~7")
LIST_DASH_RE = re.compile(r"^\s*([-–—])\s")


def tilde_dashes(lines: list[str]) -> list[Edit]:
    """English-model OCR reads a dash as "~", which Swedish prose never writes.  Opening a line it is a
    list's dash, the one the page's other list lines open with ("~ att …" among "- att …"); elsewhere
    alone or between numbers the en dash ("Ormaryd ~ avveckling", "4~7"), which this OCR never reads
    as such, so the page's other dashes tell nothing; after a sentence's end at the line's end, a speck."""
    out: list[Edit] = []
    bullet = None
    for li, ln in enumerate(lines):
        if "~" not in ln:
            continue
        for m in TILDE_END_RE.finditer(ln):
            out.append((li, m.start(1), m.end(1), " ~", ""))
        for m in TILDE_RE.finditer(ln):
            dash = "–"
            if not ln[: m.start(1)].strip():
                if bullet is None:
                    seen = Counter(m2.group(1) for x in lines for m2 in [LIST_DASH_RE.match(x)] if m2)
                    bullet = max(seen, key=lambda d: (seen[d], d == "–")) if seen else "–"
                dash = bullet
            out.append((li, m.start(1), m.end(1), "~", dash))
        for m in TILDE_RANGE_RE.finditer(ln):
            out.append((li, m.start(1), m.end(1), "~", "–"))
    return out


DOUBLE_STOP_RE = re.compile(r"(?<=[^\W_]\.)(\.)(?=\s|$)")  # "äldre..", never an ellipsis ("..." has three)


def double_full_stops(lines: list[str]) -> list[Edit]:
    """A second full stop after a word or number ("äldre..", "147.."): a speck — Swedish writes one, or
    an ellipsis of three."""
    return [(li, m.start(1), m.end(1), ".", "") for li, ln in enumerate(lines) for m in DOUBLE_STOP_RE.finditer(ln)
            if not ln[: m.start(1) - 1].endswith(".")]


# a second mark after a word's own ("sessionssal.,", "Norrabo,;", "Mörlunda?."): Swedish ends a word with
# one of these; the second is a speck.  Not after an abbreviation's stop ("bl.a.,", "osv.,") nor
# "..."-style runs of one kind.
ABBREVIATION_LEN = 4  # (a word this short before the stop may be an abbreviation no list has: "etc.,", "ref.,")
MARK_PAIR_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]{3,})([.,;:?!])([.,;:])(?=\s|$)")


def double_marks(lines: list[str], abbreviations: frozenset[str]) -> list[Edit]:
    """The second of two different marks after a word: a speck (see ``MARK_PAIR_RE``)."""
    return [(li, m.start(3), m.end(3), m.group(3), "") for li, ln in enumerate(lines) for m in MARK_PAIR_RE.finditer(ln)
            if m.group(2) != m.group(3) and not (m.group(2) == "." and (len(m.group(1)) <= ABBREVIATION_LEN
                                                                         or m.group(1).lower() in abbreviations))]


DAY_STOP_RE = re.compile(r"(?:^|(?<=[\s(]))(?:[1-9]|[12]\d|3[01])(\.)(?= (?:" + "|".join(sorted(MONTHS)) + r")\b)")
MONTH_COMMA_RE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS)) + r")(,)(?= (?:1[6-9]|20)\d\d\b)")


# "§112": the narrow space after a paragraph sign lost; "$47" opening a line: the sign itself read as a dollar
SECTION_GLUED_RE = re.compile(r"(?:^|(?<=[\s(]))§(?=\d)")
DOLLAR_SECTION_RE = re.compile(r"^[ \t]*(\$)(?=\d{1,3}(?:[.,;:]?[ \t]*$|[ \t]+[A-ZÅÄÖa-zåäö]))")


# "14 km? fastställes": a square kilometre's superscript two read as a question mark (a question ends its
# sentence; this one goes on in lower case or with a mark)
SQUARE_KM_RE = re.compile(r"(?<=\d km)(\?)(?=[ \t]+[a-zåäö]|[,;:])")


def square_kilometres(lines: list[str]) -> list[Edit]:
    """"14 km? och" → "14 km² och": "?" after a number's "km" before a lower-case word or a mark is the
    superscript ² (a cubic metre's ³ and a square metre's ² both read "m?": that one stays)."""
    return [(li, m.start(1), m.end(1), "?", "²") for li, ln in enumerate(lines) for m in SQUARE_KM_RE.finditer(ln)]


# "800°000", "30°%", "35.%": a degree sign between digits, or it or a stop or comma before a per cent sign, is
# the gap Swedish sets there (a temperature's "°" ends its number or takes a "C": "-4°C", "20° varmt")
DEGREE_GAP_RE = re.compile(r"(?<=\d)(°(?=\d)|[°.,](?=%))")
PERCENT_SPACED_RE = re.compile(r"\d %")
PERCENT_GLUED_RE = re.compile(r"(?<=\d)()(?=%)")
DECIMAL_COMMA_SHARE_RE = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2} ?%")
DECIMAL_STOP_SHARE_RE = re.compile(r"(?<![\d.,])\d{1,3}(\.)\d{1,2}(?= ?[.,°]?%)")
PERCENT_MAJORITY = 3  # a page that sets "30 %" this often (and twice as often as "30%") lost the space in "30%"


def degree_gaps(lines: list[str]) -> list[Edit]:
    """"800°000 kronor" → "800 000 kronor", "30°%" → "30 %", "35.%" → "35 %": a speck read as a degree
    sign, a stop or a comma in a number's gap."""
    return [(li, m.start(1), m.end(1), m.group(1), " ") for li, ln in enumerate(lines) for m in DEGREE_GAP_RE.finditer(ln)]


def percent_conventions(lines: list[str]) -> list[Edit]:
    """"30%" → "30 %" on a page that otherwise spaces its per cent signs, and a share's decimal stop
    ("+5.2 %") → "+5,2 %" on a page whose shares take the Swedish decimal comma ("+3,9 %"): one writer,
    one convention.  A page that writes "30%" (as the real records often do) or "5.2 %" keeps it; a
    section number or a time of day takes no per cent sign."""
    out: list[Edit] = []
    spaced = sum(len(PERCENT_SPACED_RE.findall(ln)) for ln in lines)
    glued = [(li, m.start(), m.start(), "", " ") for li, ln in enumerate(lines) for m in PERCENT_GLUED_RE.finditer(ln)]
    if glued and spaced >= PERCENT_MAJORITY and spaced >= 2 * len(glued):
        out += glued
    commas = sum(len(DECIMAL_COMMA_SHARE_RE.findall(ln)) for ln in lines)
    stops = [(li, m.start(1), m.end(1), ".", ",") for li, ln in enumerate(lines) for m in DECIMAL_STOP_SHARE_RE.finditer(ln)]
    if stops and commas >= PERCENT_MAJORITY and commas >= 2 * len(stops):
        out += stops
    return out


# a thousands group set off by a stop ("2.940 000", "9.000 kronor"), not a case number's part ("dnr 11.121-412"),
# a time ("kl. 18.30") or a version; and the groups the page sets off by spaces ("7 215")
THOUSANDS_STOP_RE = re.compile(r"(?<![\d.,/-])(\d{1,3})(\.)(?=\d{3}(?![\d.,:/-]))")
THOUSANDS_SPACED_RE = re.compile(r"(?<![\d.,])\d{1,3} \d{3}(?!\d)")
NOT_AN_AMOUNT_BEFORE = frozenset("kl kl. dnr nr § sid s. kap. kap sfs version".split())


def thousands_gaps(lines: list[str]) -> list[Edit]:
    """"9.000 kronor" → "9 000 kronor" on a page that sets its thousands apart with spaces ("7 215"): the
    narrow gap read as a stop.  Swedish never groups digits with a stop, but a page that does so throughout
    (an old style, or a foreign source) keeps it; so do times of day and case numbers."""
    spaced = sum(len(THOUSANDS_SPACED_RE.findall(ln)) for ln in lines)
    stops = []
    for li, ln in enumerate(lines):
        for m in THOUSANDS_STOP_RE.finditer(ln):
            before = ln[: m.start()].split()
            if not before or before[-1].lower() not in NOT_AN_AMOUNT_BEFORE:
                stops.append((li, m.start(2), m.end(2), ".", " "))
    return stops if stops and spaced >= PERCENT_MAJORITY and spaced >= 2 * len(stops) else []


def section_signs(lines: list[str]) -> list[Edit]:
    """"§112" → "§ 112" (Swedish sets a space between the sign and its number; English-model OCR drops
    the narrow one) and "$47" opening a line → "§ 47" (a protocol's paragraph heading: a dollar amount
    opens no line of a Swedish record)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        m = DOLLAR_SECTION_RE.match(ln)
        if m:
            out.append((li, m.start(1), m.end(1), "$", "§ "))
        out += [(li, m.end(), m.end(), "", " ") for m in SECTION_GLUED_RE.finditer(ln)]
    return out


def date_marks(lines: list[str]) -> list[Edit]:
    """A mark inside a written date is a speck: "den 23. april" and "13 april, 1999" are "den 23 april" and
    "13 april 1999" — Swedish writes no stop after the day and no comma between the month and its year."""
    return [(li, m.start(1), m.end(1), m.group(1), "") for li, ln in enumerate(lines)
            for rx in (DAY_STOP_RE, MONTH_COMMA_RE) for m in rx.finditer(ln)]


def clock_abbreviations(lines: list[str]) -> list[Edit]:
    """"ki. 10" → "kl. 10", "Ki, 9.00" → "kl. 9.00"."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in KL_RE.finditer(ln):
            if m.group(1) == "l" and m.group(3) != ",":
                continue  # "kl. 9", "Kl. 9": right as written
            if ln[m.start()] == "K" and ln[: m.start()].rstrip()[-1:].islower():
                out.append((li, m.start(), m.start() + 1, "K", "k"))  # mid-sentence: the capital is a misread too
            if m.group(1) != "l":
                out.append((li, m.start(1), m.end(1), m.group(1), "l"))
            if m.group(3) == ",":
                out.append((li, m.start(3), m.end(3), ",", "."))
    return out


def colon_full_stops(lines: list[str]) -> list[Edit]:
    """":" read for "." before a new sentence (see the module docstring)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in COLON_RE.finditer(ln):
            w = m.group(1)
            if w in LIST_INTRO or not (w.islower() or w.isdigit() and ln[: m.start(1)].strip()):
                continue  # (a capitalised word is a label or a name, "Närvarande:", "Eva: Lundgren"; so is a
                # year opening its line, "2014:")
            rest = ln[m.end(2):].split()
            if rest:
                nxt = rest[0]
            elif li + 1 < len(lines) and lines[li + 1].strip():  # no blank line between: a sentence goes on
                nxt = lines[li + 1].split()[0]
            else:
                continue
            if rest and nxt.endswith(",") and nxt[:-1].isalpha():
                continue  # a list follows ("Utdrag till: Byggnadsnämnden, Kommunstyrelsen"), no new sentence
            if nxt[:1].isupper() and nxt[1:2].islower() and nxt.lower().strip(".,") != "att":
                out.append((li, m.start(2), m.end(2), ":", "."))
    return out


def stray_colons(lines: list[str], is_name: Callable[[str], bool]) -> list[Edit]:
    """A colon inside a phrase: an elided compound's hyphen, or a speck (see the module docstring).
    ``is_name``: a lower-case word is a known given name or surname."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        elided = set()
        for m in ELIDED_RE.finditer(ln):
            elided.add(m.start(2))
            out.append((li, m.start(2), m.end(2), ":", "-"))
        for m in COLON_RE.finditer(ln):
            if m.start(2) in elided:
                continue
            w = m.group(1)
            rest = ln[m.end(2):].split()
            if not rest:
                # at the line's end: the next line, when it goes on in lower case ("vid:" / "viktiga …")
                if w.lower() in NO_COLON_AFTER and li + 1 < len(lines) and lines[li + 1].lstrip()[:1].islower():
                    out.append((li, m.start(2), m.end(2), ":", ""))
                continue
            nxt = rest[0]
            if w.lower() in NO_COLON_AFTER and (nxt[:1].islower() or nxt[:1].isdigit()):
                out.append((li, m.start(2), m.end(2), ":", ""))
            elif (w.lower() not in LIST_INTRO and ln[: m.start(1)].strip() and nxt.rstrip(".,;:") in GOVERNED_AFTER
                  and ln[m.end(2):][:1] == " " and ln[: m.start(1)].split()[-1].lower() not in COPULAS):
                out.append((li, m.start(2), m.end(2), ":", ""))
            elif (w[:1].isupper() and w[1:].islower() and nxt[:1].isupper() and nxt[1:].isalpha() and nxt[1:].islower()
                  and is_name(w.lower()) and is_name(nxt.lower())):
                out.append((li, m.start(2), m.end(2), ":", ""))
        for m in LONE_I_COLON_RE.finditer(ln):
            out.append((li, m.start(1), m.end(1), ":", ""))
    return out


LINE_END_WORD_COMMA_RE = re.compile(r"(?:^|(?<=\s))([^\W\d_]+)(,)\s*$")  # (the word captured too)
FIRST_WORD_RE = re.compile(r"^\s*([a-zåäö][^\W\d_]*)(?=[\s.,;:]|$)")


def stray_commas(lines: list[str], finite: Callable[[str], bool],
                 listed: Callable[[str], bool] = lambda w: False) -> list[Edit]:
    """Commas between a word that governs what follows and a content word (see the module docstring),
    also across a line break (the next line's first word).  ``finite``: the word is (or may be) a
    finite verb — the clause before the comma ended.  ``listed``: a word the lexicon lists, for a
    definite genitive ("motionärernas", "kommunens": the form without its "s" is listed), which
    governs the noun after it as much ("motionärernas, uppfattning")."""
    def speck(w: str, nxt: str) -> bool:
        governs = w in NO_COMMA_AFTER or w.endswith(GENITIVE_ENDINGS) and listed(w[:-1])
        return (w.islower() and governs and nxt not in PARENTHESIS_OPENERS and len(nxt) >= 2
                and (w in CONJUNCTIONS or not finite(nxt)))

    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in STRAY_COMMA_RE.finditer(ln):
            if speck(m.group(1), m.group(3)):
                out.append((li, m.start(2), m.end(2), ",", ""))
        m = LINE_END_WORD_COMMA_RE.search(ln)
        if m and li + 1 < len(lines):
            n = FIRST_WORD_RE.match(lines[li + 1])
            if n and speck(m.group(1), n.group(1)):
                out.append((li, m.start(2), m.end(2), ",", ""))
    return out


# lines of a letter's or a signature's block that end in no comma: a name alone (with its party), a place
# and date ("Tidaholm den 24 september 2012", "Solna 2025-09-17"), a postal address's last line ("403 40 Göteborg")
SIGNATURE_NAME_RE = re.compile(r"^\s*[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+){1,3}(?: \([A-Za-zÅÄÖåäö]{1,3}\))?(,)\s*$")
PLACE_DATE_RE = re.compile(r"^\s*[A-ZÅÄÖ][a-zåäöé]+(?: den)?(?: \d{1,2} [a-zåäö]+ (?:19|20)\d\d| (?:19|20)\d\d-\d\d-\d\d)(,)\s*$")
POSTAL_LINE_RE = re.compile(r"^\s*\d{3} ?\d{2} [A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+(,)\s*$")


def signature_commas(lines: list[str]) -> list[Edit]:
    """"Per Gustafsson," + "säkerhetssamordnare", "Tidaholm den 24 september 2012," + "Anna Svensson (M)",
    "403 40 Göteborg,": a comma ending a name's, a place and date's or a postal line of a signature or an
    address block is a speck (the block sets each item on its own line, with no punctuation)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines[:-1]):
        if not lines[li + 1].strip():
            continue
        m = SIGNATURE_NAME_RE.match(ln) or PLACE_DATE_RE.match(ln) or POSTAL_LINE_RE.match(ln)
        if m:
            out.append((li, m.start(1), m.end(1), ",", ""))
    return out


NAME_STOP_PARTY_RE = re.compile(r"(?<=[^\W\d_]{2})(\.)(?= \((?:[A-ZÅÄÖ]{1,3}|[a-zåäö]{1,3})\)(?:[\s.,;:]|$))")


def party_code_stops(lines: list[str]) -> list[Edit]:
    """"Geer. (L)" → "Geer (L)" (see the module docstring); never an abbreviation's ("m.fl. (M)")."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in NAME_STOP_PARTY_RE.finditer(ln):
            token = ln[: m.start(1)].split()[-1]
            if token[:1].isupper() and "." not in token:
                out.append((li, m.start(1), m.end(1), ".", ""))
    return out


HEADING_WORD_RE = re.compile(r"^\s*([A-ZÅÄÖ][a-zåäöé]{3,}|[A-ZÅÄÖ]{2,}(?: [A-ZÅÄÖ]{2,}){0,2}|\d{4}-\d\d-\d\d)([.,])\s*$")


# ... and a numbered section heading of a few words ("2. Sammanfattning.", "5. Kompetens och arbetsmiljö.")
NUMBERED_HEADING_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.,]?\s+([A-ZÅÄÖ][a-zåäöé]+(?:[ -][a-zåäöé]+){0,3})([.,])\s*$")


def heading_marks(lines: list[str], is_name: Callable[[str], bool]) -> list[Edit]:
    """Marks after a heading or label alone on its line (see the module docstring)."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        m = HEADING_WORD_RE.match(ln) or NUMBERED_HEADING_RE.match(ln)
        if not m or is_name(m.group(1).lower()) or " att " in f" {ln.lower()} ":
            continue  # (a numbered proposal, "1. Att bifalla motionen.", is a sentence)
        before = (next((x for x in reversed(lines[:li]) if x.strip()), None) or "").split()
        last = before[-1].lower() if before else ""
        if last.endswith((",", "-")) or last in NO_COMMA_AFTER or last in ("och", "eller", "i"):
            continue  # the line before runs on into this one ("… till" / "Fårö.")
        after = next((x.lstrip() for x in lines[li + 1:] if x.strip()), "")
        if after[:1].isupper() or after[:1].isdigit():
            out.append((li, m.start(2), m.end(2), m.group(2), ""))
    return out


def bang_for_l(line: str, count: Callable[[str], int]) -> list[tuple[int, int, str, str]]:
    """"!" read for a final "l" on one line: (start, end, "!", "l") edits, same length (see the module
    docstring).  ``count``: a lower-case word's lexicon count."""
    out = []
    for m in BANG_RE.finditer(line):
        w = m.group(1).lower()
        ells = "l" * len(m.group(2))
        n = count(w + ells)
        if n < BANG_MIN_COUNT:
            continue
        rest = line[m.end(2):].split()
        if n >= BANG_RATIO * count(w) or (rest and _lower_word(rest[0])):
            out.append((m.start(2), m.end(2), m.group(2), ells))
    return out


HYPHEN_ABBREVIATION_RE = re.compile(r"(?:^|(?<=[\s(]))([a-zåäö]{1,2})(-)([a-zåäö]{1,3})(?=[.,;:)]|\s|$)")


def hyphen_for_stop(line: str, abbreviations: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """A dotted abbreviation's inner stop read as a hyphen ("t-ex.", "bl-a"): (start, end, "-", ".")
    edits, same length, when the dotted form is listed; a real hyphenated pair ("e-post") is none."""
    return [(m.start(2), m.end(2), "-", ".") for m in HYPHEN_ABBREVIATION_RE.finditer(line)
            if f"{m.group(1)}.{m.group(3)}".lower() in abbreviations]


CENT_RE = re.compile(r"(?:^|(?<=[\s(]))(¢)(-?[a-zåäö]+)")
CENT_MIN_COUNT = 1000  # the word "¢" makes as "c" or "e" must be this common (``cent_for_letter``)


def cent_for_letter(line: str, count: Callable[[str], int], known: Callable[[str], bool],
                    abbreviations: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """"¢" read for a "c" or an "e" glued to the letters after it ("¢a 60 kvadratmeter": "ca", "¢l": "el",
    "¢-tjänsten": "e-tjänsten", the prefix of "e-post"): (start, end, "¢", letter) edits, same length.  The
    letter whose word is a listed abbreviation, else the commoner word of ``CENT_MIN_COUNT``.  A "¢" before a
    space is a bullet (``Corrector``'s bullets).  ``known``: a word, also one that lost its å/ä/ö."""
    out = []
    for m in CENT_RE.finditer(line):
        rest = m.group(2).lower()
        if rest.startswith("-"):
            letter = "e" if known(rest[1:]) else None
        else:
            abbr = [x for x in "ce" if x + rest in abbreviations]
            best = max("ce", key=lambda x: count(x + rest))
            letter = abbr[0] if abbr else best if count(best + rest) >= CENT_MIN_COUNT else None
        if letter is not None:
            out.append((m.start(1), m.end(1), "¢", letter))
    return out


def _lower_word(tok: str) -> bool:
    """A word in lower case — also one whose first letter OCR read as a digit ("0m", "6kar"): a rerun sees
    it corrected to lower case."""
    return tok[:1].islower() or (tok[:1].isdigit() and any(c.isalpha() for c in tok) and tok.lower() == tok)


RING_RE = re.compile(r"(?:^|(?<=[\s(]))([^\W\d_]{2,})(’)(?=[.,;:]?(?:\s|$))")


def quote_for_ring(line: str, valid: Callable[[str], bool], count: Callable[[str], int]) -> list[tuple[int, int, str, str]]:
    """"’" read for a word-final "å" (its ring, "Lule’", "ing’"): (start, end, "’", "å") edits, same
    length, when the word with "å" is a common one (``RING_MIN_COUNT``) and the word without it no word
    or a far rarer one ("lule", ``RING_RATIO``).
    Otherwise the mark is a speck, judged by the quote rules.  Read before the words are."""
    out = []
    for m in RING_RE.finditer(line):
        w = m.group(1).lower()
        n = count(w + "å")
        if n >= RING_MIN_COUNT and (not valid(w) or n >= RING_RATIO * count(w)):
            out.append((m.start(2), m.end(2), "’", "å"))
    return out


def stray_bangs(lines: list[str]) -> list[Edit]:
    """"!" after a function word that cannot end a clause ("till! <Place>"): a speck.  Not after a
    pronoun: one can end a clause ("gör det!")."""
    return [(li, m.start(2), m.end(2), m.group(2), "") for li, ln in enumerate(lines) for m in BANG_RE.finditer(ln)
            if m.group(1).lower() in NO_COLON_AFTER and m.group(1).lower() not in ("de", "den", "det")]


# (run on the corrected output; a quote mark may follow, "ord_’" → "ord"; the chunk needs a letter)
TRAILING_UNDERSCORE_RE = re.compile(r"(?<!\S)(\S*?[^\W_])(_+)(?=[’‘'”\"]?[.,;:]?(?:\s|$))")


def trailing_underscores(lines: list[str]) -> list[Edit]:
    """"_" after a word: a speck (see the module docstring)."""
    return [(li, m.start(2), m.end(2), m.group(2), "") for li, ln in enumerate(lines)
            for m in TRAILING_UNDERSCORE_RE.finditer(ln) if any(c.isalpha() for c in m.group(1))]


ABBREVIATION_COLON_RE = re.compile(r"(?<!\S)([^\W\d_][\w.]*?)(:)(?=\s+(\S))")
# abbreviations that label a field ("Dnr: KS 2019/12", "Tel: 08-…", "Obs: …"): their colon is written
LABELS = frozenset("dnr tel tfn nr ks kf ksau obs ang sid st".split())


def abbreviation_colons(lines: list[str], abbreviations: frozenset[str]) -> list[Edit]:
    """":" after an abbreviation before a lower-case word or a number ("bl.a: att", "kap: 32", "f.n: 14",
    "dvs: ca"): its full stop with a speck above it — an abbreviation ends in a stop, and a colon after
    one would open a list or a quote (a capital or a line's end).  Not after a label's abbreviation
    ("Dnr:", "Tel:"), whose colon is written."""
    out: list[Edit] = []
    for li, ln in enumerate(lines):
        for m in ABBREVIATION_COLON_RE.finditer(ln):
            abbr = m.group(1).lower().rstrip(".")
            if abbr in LABELS or abbr not in abbreviations or not (m.group(3).islower() or m.group(3).isdigit()):
                continue
            out.append((li, m.start(2), m.end(2), ":", "."))
    return out

