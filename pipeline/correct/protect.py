"""Tokens the corrector must never touch, and the one digit it may read as a letter.

Protected: numbers, dates, times, percentages, diarienummer parts, "§"
references, phone numbers, e-mail, URLs, abbreviations, party codes and
upper-case acronyms.  The rules look at the whole whitespace chunk
("2009-12-07", "3%-ig", "(KD)") and at neighbours.

The exception is why this module exists rather than a regex in the corrector:
English OCR models read the Swedish word "i" as the digit "1".  A lone "1"
between two lower-case words that are not counting context ("punkt 1 och",
"den 1 juli", "1 kronor") is the word "i".  Digits *inside* letters ("l6ner")
are not numbers either; those words go to the candidate generator, which can
only turn them into lexicon words.
"""
from __future__ import annotations

import re

from .confusions import RULES
from .lexicon import Lexicon
from .tokenize import PARTY_RE, Word

NUMERIC_RE = re.compile(r"^[+-]?[\d][\d\s.,:/%‰-]*(?:[-:][a-zåäö]{1,6})?$")  # 2010, 1/7, 5%, 3%-ig, 1980-talet, 4:e
URL_EMAIL_RE = re.compile(r"(@|://|^www\.|\.(se|com|nu|org|net)$)", re.I)
ABBREV_DOTS_RE = re.compile(r"^(?:[A-Za-zåäöÅÄÖ]{1,4}\.){1,4}[A-Za-zåäöÅÄÖ]{0,4}\.?$")  # bl.a., m.m., t.ex.
LETTER_CODE_RE = re.compile(r"^[A-ZÅÄÖ]\d{1,3}$")  # "A4", "E4", "E18", "B12": a paper size, a road, a grid cell
DIGIT_READS = {o: frozenset(t for oo, t, _ in RULES if oo == o) for o in "0123456789"}
ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ]{2,5}(?:s|:s|-?[a-zåäö]{0,3})?$")  # KTH, KSL, KS:s, SKL-
MONTHS = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
}
# After these a digit is a number ("punkt 1", "den 1 juli", "kl 1").
COUNTING_BEFORE = {
    "den", "kl", "nr", "sid", "sidan", "kapitel", "kap", "punkt", "punkterna", "bilaga", "paragraf", "steg", "fas",
    "etapp", "version", "klass", "årskurs", "grupp", "alternativ", "del", "avsnitt", "rad", "nummer", "typ", "nivå",
    "ca", "cirka", "och", "eller", "till", "av", "än", "över", "under", "per", "minst", "högst", "mellan", "plan", "zon",
    "vecka", "år", "lag", "bilagorna", "tabell", "figur", "bild", "sida",
}
# Before these a digit is a number ("1 kronor", "1 och 2").
COUNTING_AFTER = MONTHS | {
    "kr", "kronor", "krona", "miljon", "miljoner", "miljard", "miljarder", "procent", "år", "månad", "månader",
    "vecka", "veckor", "dag", "dagar", "timme", "timmar", "st", "styck", "och", "eller", "till", "av", "à", "gång",
    "person", "personer", "barn", "elev", "elever", "tkr", "mkr", "km", "meter", "m", "kvm", "ha", "plats", "platser",
    "ledamot", "ledamöter", "ledamoter", "röst", "röster", "roster", "ersättare", "ärende", "ärenden", "arende", "arenden",
}


def is_protected(w: Word, lex: Lexicon) -> bool:
    """True when the word must be left exactly as printed."""
    chunk, core, text = w.chunk, w.chunk_core, w.text
    if "§" in chunk or URL_EMAIL_RE.search(core):
        return True
    if any(c.isdigit() for c in core):
        if NUMERIC_RE.match(core) or "/" in core:
            return True
        if sum(c.isdigit() for c in text) > len(text) / 2 and not any(c.isalpha() for c in text):
            return True
    if LETTER_CODE_RE.match(text) and not _reads_as_word(text, lex):
        return True
    if PARTY_RE.match(chunk.strip(".,;:")) or (text in lex.party_codes and (chunk.startswith("(") or text.isupper() and len(text) <= 2)):
        return True
    low = core.lower()
    if ABBREV_DOTS_RE.match(core) and "." in core.rstrip("."):
        return True
    if low.rstrip(".") in lex.abbreviations and (chunk.endswith(".") or len(low) <= 3):
        return True
    if ACRONYM_RE.match(text) and (len(text) <= 5 or ":" in text) and text.lower() not in lex and text.lower() not in lex.stripped:
        return True  # (not a word in capitals that lost its å/ä/ö: "HOORS KOMMUN" is Höörs, "PITEA" Piteå)
    if len(text) <= 3 and text.isupper() and text.isalpha() and len(text) >= 2:
        return True
    if len(text) == 1 and text.isalpha():
        return True  # "t ex", "f n", list letters: never guess a single letter
    return False


def _reads_as_word(text: str, lex: Lexicon) -> bool:
    """A capital and one digit that OCR makes of a two-letter word ("P4" is "På", "S4" "Så"): a word
    hunspell lists, not a web-only form ("åå" from "A4", "eå" from "E4")."""
    if len(text) != 2:
        return False
    head = text[0].lower()
    return any(head + t in lex.words and head + t not in lex.unattested for t in DIGIT_READS[text[1]])


HEADING_WORDS = 5  # a line of at most this many words that starts with "1 <Capital>" is a numbered heading


def _short_line(words: list[Word], k: int) -> bool:
    """words[k] begins a line of at most ``HEADING_WORDS`` words (``words`` must reach that far past k)."""
    line = words[k].line
    n = 0
    for w in words[k : k + HEADING_WORDS + 1]:
        if w.line != line:
            break
        n += 1
    return n <= HEADING_WORDS


ONE_GLYPHS = ("1", "l", "|", "{")  # what English-model OCR reads for the word "i"/"I"
BAR_GLYPHS = ("|", "{")  # ... of which never a number or a letter of its own


def bars_on_line(words: list[Word], k: int) -> int:
    """How many lone bars/braces the line of words[k] has (more than one: a table row)."""
    line = words[k].line
    a = k
    while a > 0 and words[a - 1].line == line:
        a -= 1
    n = 0
    for x in words[a:]:
        if x.line != line:
            break
        n += x.text in BAR_GLYPHS
    return n


def digit_one_is_i(words: list[Word], k: int, lex: Lexicon, bars: int | None = None) -> bool:
    """Is words[k] (a lone "1", "l", "|" or "{") the Swedish word "i" misread by an English model?"""
    w = words[k]
    if w.text not in ONE_GLYPHS or w.chunk.strip("’‘'") not in ONE_GLYPHS:  # a stray quote goes (symbol)
        return False
    prev = words[k - 1] if k > 0 else None
    nxt = words[k + 1] if k + 1 < len(words) else None
    if nxt is None or nxt.paragraph_start:
        return False
    nt = nxt.text
    if w.text in BAR_GLYPHS:
        # a bar or brace is never a number, a heading number or a list letter: the word i/I before a
        # word — unless the next word is "och", or the line may be a table row (more bars than one, and
        # this one not after a lower-case word of running text: "går | skolan |" is prose)
        if not nt.isalpha() or nt == "och":
            return False
        if bars is None:
            bars = bars_on_line(words, k)
        return bars == 1 or (prev is not None and prev.line == w.line and prev.text.isalpha() and prev.text.islower())
    if not nt.isalpha() or nt.lower() in COUNTING_AFTER and w.text == "1":  # "1 dag" counts; "| dag" is "I dag"
        return False
    if (w.text == "1" and prev is not None and prev.line == w.line and nxt.line == w.line and len(prev.text) > 1
            and prev.text.isalpha() and prev.text.isupper() and len(nt) > 1 and nt.isupper()
            and prev.text.lower() not in COUNTING_BEFORE and nt.lower() not in COUNTING_AFTER):
        return True  # "TEKNIK 1 SKOLAN": a heading in capitals has no number between its words
    if nt[0].isupper() and (prev is None or not prev.text.isalpha() or not prev.text[0].islower()):
        return False  # "1 Inledning": a heading number
    if nt[0].isupper() and w.text == "1" and prev is not None and prev.line != w.line and _short_line(words, k):
        return False  # ... also after a paragraph that ends without a full stop
    if nt == "och" and not (k + 2 < len(words) and words[k + 2].text == "med"):
        return False
    if prev is None or w.paragraph_start or w.text == "|" and nt.islower():
        return True  # a bar is never a number: before a lower-case word it is the word i/I
    pt = prev.text
    if not pt.isalpha() or pt.lower() in COUNTING_BEFORE and w.text == "1":
        return False
    if prev.chunk.endswith((":", ".")) and w.text != "1":
        return False  # after a sentence end an "l" may be a list letter
    return True
