"""Restore "§" and "%" that Debian's ``swe`` traineddata cannot produce.

The ``swe`` model (tesseract-ocr-swe, LSTM) has neither character in its
output set, so every paragraph sign and percent sign in a council record comes
out as something else.  What it actually produces was measured by rendering
"§ 45", "§§ 12-14", "25 %", "100%", "5,5 %" ... in serif, sans and
typewriter fonts, clean and fax-degraded, and OCR'ing with ``-l swe``
(see tests/fixtures/symbols.tsv, which holds those outputs):

* ``§``  -> ``8``, ``$``, ``&``, ``S`` (and ``83`` on degraded scans); ``§§`` -> ``88``, ``$$``, ``SS``,
  ``S$``, ``$8``; glued to an abbreviation: ``KS § 96`` -> ``KS3 96``/``KSS 96``
* ``%``  -> a separate token ``26``, ``20``, ``24``, ``90``, ``96``, ``260``,
  ``246``, ``2`` ... or glued to the number: ``100%`` -> ``100920``,
  ``40%`` -> ``40960``/``409260``, ``10026``; in typewriter fonts ``$``,
  ``$$``, ``&$``, ``<$`` or ``100$``

All of these are also ordinary characters or numbers, so a repair is made only
where the context leaves little doubt: a paragraph sign must precede a
paragraph number *and* stand at the start of a line, after words such as
"enligt", "i", "KS", "protokoll", or continue a list of paragraphs; a percent
sign must follow a number and precede a word such as "av", "år", "sedan" or
end the clause.  Thousands groups ("1 260 av"), dates ("1/7 2010"), years and
amounts ("8 miljoner") are never touched.  Each repair is reported with its
offsets in the input so it can be recorded as ``Correction(method="symbol")``.
Hand-written: no library knows these engine-specific confusions.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class SymbolRepair(NamedTuple):
    start: int  # offsets into the input text
    end: int
    original: str
    replacement: str
    rule: str


# ------------------------------------------------------------------ § rules

# A paragraph number, or a range "12-14", not part of a date, time, decimal,
# or amount, and not followed by another number (table rows).
_PARNUM = r"\d{1,3}(?:\s?[-–]\s?\d{1,3})?"
_PARNUM_END = (r"(?![\d/]|[.,:]\d|[ \t]*[-–]?[ \t]*\d|[ \t]*%"  # same line only: repairs are line-local
               r"|[ \t]+(?:kr|kronor|miljoner|miljarder|mkr|mnkr|tkr|st|procent|år|månader|dagar|timmar|"
               r"veckor|minuter|meter|km|personer|platser|elever|barn)\b)")

# Read as § anywhere before a paragraph number: never ordinary in that position.
_SECT_STRONG = r"\$|&|\$\$|SS|S\$|\$S|\$8|8\$|&\$|\$&|&&|8S|S8|§"
# Ordinary characters/numbers too: need context.
_SECT_WEAK = r"83|8|S|s|88"

_CONTEXT_WORDS = (
    "enligt", "enl.", "i", "och", "samt", "se", "jfr", "jämför", "till", "protokoll", "protokollet",
    "protokollsutdrag", "protokollsutdraget", "paragraf", "paragraferna", "beslut", "beslutet",
    "ärende", "ärendet",
)
# Abbreviations of municipal bodies that precede a paragraph reference:
# KS, KF, KSAU, BUN, TN, SN, MBN, ... (all caps, 2-5 letters, optional genitive s)
_BODY = r"[A-ZÅÄÖ]{2,5}s?"

_SECT_RE = re.compile(
    rf"(?P<pre>^[ \t]*|(?<=\s)|(?<=\())(?P<tok>{_SECT_STRONG}|{_SECT_WEAK})(?P<sp>[ \t]+)(?P<num>{_PARNUM}){_PARNUM_END}",
    re.M,
)
# "KS3 96", "KSS 96", "KF$ 12": the sign glued to the body abbreviation
_GLUED_BODIES = r"KS|KF|KSAU|AU|BUN|UN|TN|SN|MN|MBN|BN|ON|KFN|SBN"
_SECT_GLUED_RE = re.compile(rf"\b(?P<body>{_GLUED_BODIES})(?P<tok>3|S|\$|8|&)(?P<sp>[ \t]+)(?P<num>{_PARNUM}){_PARNUM_END}")

# "$45 Yttrande …": a line that opens with the sign glued to its number (printed "§45"; measured: ``swe``
# reads it "$45"): only the unambiguous look-alikes, only opening a line
_SECT_LINE_GLUED_RE = re.compile(rf"^[ \t]*(?P<tok>\$|&)(?P<num>\d{{1,3}}){_PARNUM_END}(?=[ \t]|$)", re.M)

_WEAK = {"8", "S", "s", "88", "83"}
_BODY_ONLY = {"83"}  # seen on degraded scans ("RS 83 288"): only after a body's abbreviation
_DOUBLE = {"88", "$$", "SS", "S$", "$S", "$8", "8$", "&$", "$&", "&&", "8S", "S8"}


def _prev_word(text: str, pos: int) -> str:
    """The whitespace-delimited token before ``pos`` on the same line."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos].rstrip()
    if not before:
        return ""
    return before.split()[-1]


def _line_has_section_before(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return "§" in text[line_start:pos]


def _section_context(text: str, start: int, tok: str, at_line_start: bool, repaired_before: bool) -> str | None:
    """Name of the context rule that licenses reading ``tok`` as § here, or None."""
    if tok in _BODY_ONLY:
        return "after-body" if re.fullmatch(_BODY, _prev_word(text, start).rstrip(",;:")) else None
    if at_line_start:
        return "line-start"
    prev = _prev_word(text, start)
    bare = prev.rstrip(",;:").lower()
    if prev.endswith(",") and (repaired_before or _line_has_section_before(text, start)):
        return "list"
    if bare in _CONTEXT_WORDS:
        if bare == "och" and not (repaired_before or _line_has_section_before(text, start)) and tok in _WEAK:
            return None  # "3 och 8 12" is a list of numbers, not of paragraphs
        return f"after-{bare}"
    if re.fullmatch(_BODY, prev.rstrip(",;:")):
        return "after-body"
    if tok not in _WEAK:
        return "strong"
    return None


# ------------------------------------------------------------------ % rules

_NUM = r"(?<![\d,./§$-])(?P<num>\d{1,3}(?:,\d{1,2})?)"
# Words that follow a percentage in council prose.
_PCT_AFTER = (r"(?=[ \t]+(?:av|sedan|till|år|och|inte|i|för|inför|per|mer|fler|färre|lägre|högre|jämfört|"
              r"eller|under|över|medan|men|vilket|som|varav|ska|har|var|är|på|mot|respektive|resp\.|"
              r"ökning|minskning|lägre|högre|procentenheter)\b|[ \t]*[.,;:)!?]?[ \t]*$|[ \t]*[.,;:)](?=\s))")
_PCT_TOKENS_2 = "26|20|24|90|96|94|92|2960|926|920|960|9260"
_PCT_TOKENS_3 = "246|260|296|290|220"  # only after a decimal: could be a thousands group
_PCT_DOLLAR = r"\$\$|&\$|<\$|\$&|2\$|\$%|\$|9%"

_PCT_SEP_RE = re.compile(
    rf"{_NUM}(?P<sp>[ \t]+)(?P<tok>{_PCT_DOLLAR}|{_PCT_TOKENS_3}|{_PCT_TOKENS_2}|2)(?![\w$%&]){_PCT_AFTER}", re.M
)
# After a decimal number any following word will do: "4,5 26 inför" (a
# decimal is never followed by a thousands group)
_PCT_SEP_DEC_RE = re.compile(
    rf"(?<![\d,./§$-])(?P<num>\d{{1,3}},\d{{1,2}})(?P<sp>[ \t]+)(?P<tok>{_PCT_DOLLAR}|{_PCT_TOKENS_3}|{_PCT_TOKENS_2}|2)"
    r"(?![\w$%&])(?=[ \t]+[a-zåäö])"
    r"(?![ \t]+(?:kr|kronor|miljoner|miljarder|mkr|mnkr|tkr|st|km|m|kg|ton|dagar|timmar|minuter|meter|procent)\b)"
)
_PCT_GLUED_RE = re.compile(
    r"(?<![\d,./§$-])(?P<num>\d{1,3}(?:,\d{1,2})?)(?P<tok>9260|2960|920|960|926|296|290|220|26|96|90|20|24)"
    r"(?=[ \t]+av\b)"
)
_PCT_GLUED_DOLLAR_RE = re.compile(r"(?<![\d,./§$-])(?P<num>\d{1,3}(?:,\d{1,2})?)(?P<tok>\$\$|&\$|\$)(?![\w$&])")


def _percent_value_ok(num: str) -> bool:
    return float(num.replace(",", ".")) <= 1000


def repair_symbols(text: str) -> tuple[str, list[tuple[int, int, str, str, str]]]:
    """Put back "§" and "%" where Tesseract's ``swe`` model wrote look-alikes.

    Returns the repaired text and one ``(start, end, original, replacement,
    rule)`` per repair; offsets refer to the *input* text and the list is
    sorted by ``start``.  Idempotent: repaired text has nothing left to repair.

    Every rule looks only within one line, so calling it line by line gives
    the same repairs with line-relative offsets, as ``Correction`` wants.
    """
    repairs: list[SymbolRepair] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, new: str, rule: str) -> None:
        repairs.append(SymbolRepair(a, b, text[a:b], new, rule))
        taken.append((a, b))

    # § glued to a body abbreviation
    for m in _SECT_GLUED_RE.finditer(text):
        a, b = m.start("tok"), m.end("tok")
        if free(a, b):
            add(a, m.end("sp"), " § ", "section:glued-" + m.group("body"))

    # § glued to its number opening a line
    for m in _SECT_LINE_GLUED_RE.finditer(text):
        a, b = m.start("tok"), m.end("tok")
        if free(a, b):
            add(a, b, "§", "section:line-start-glued")

    # § / §§ before a paragraph number, left to right so lists can chain
    line_repaired: dict[int, bool] = {}
    for m in _SECT_RE.finditer(text):
        tok = m.group("tok")
        if tok == "§":
            continue
        a, b = m.start("tok"), m.end("tok")
        if not free(a, b):
            continue
        line_no = text.count("\n", 0, a)
        at_start = text[text.rfind("\n", 0, a) + 1 : a].strip() == ""
        rule = _section_context(text, a, tok, at_start, line_repaired.get(line_no, False))
        if rule is None:
            continue
        # "88 12-14"/"SS 12" is §§ unless it is a single-character confusion
        new = "§§" if tok in _DOUBLE else "§"
        add(a, b, new, f"section:{rule}")
        line_repaired[line_no] = True

    # % as a separate token after a number
    for m in [*_PCT_SEP_RE.finditer(text), *_PCT_SEP_DEC_RE.finditer(text)]:
        num, tok = m.group("num"), m.group("tok")
        a, b = m.start("tok"), m.end("tok")
        if not free(m.start("num"), b):
            continue
        prev = _prev_word(text, m.start("num"))
        if prev in ("§", "§§") or prev.rstrip(",") in ("§", "§§") or not _percent_value_ok(num):
            continue  # "§ 96 och": a paragraph number, not a percentage
        if tok in ("2",) or re.fullmatch(_PCT_TOKENS_3, tok):
            if "," not in num:
                continue  # "1 260 av": a thousands group
        add(a, b, "%", "percent:separate")

    # % glued to the number: "100920 av", "40960 av", "100$"
    for rx, rule in ((_PCT_GLUED_RE, "percent:glued"), (_PCT_GLUED_DOLLAR_RE, "percent:glued-dollar")):
        for m in rx.finditer(text):
            num = m.group("num")
            a, b = m.start("tok"), m.end("tok")
            if not free(m.start("num"), b):
                continue
            if rule == "percent:glued":
                token = num + m.group("tok")
                if len(token.replace(",", "")) < 5 and "," not in num:
                    continue  # "2020 av", "1996 av": years
                if float(num.replace(",", ".")) > 100:
                    continue
            add(a, b, "%", rule)

    repairs.sort()
    out: list[str] = []
    pos = 0
    for r in repairs:
        out.append(text[pos : r.start])
        out.append(r.replacement)
        pos = r.end
    out.append(text[pos:])
    return "".join(out), [tuple(r) for r in repairs]  # type: ignore[misc]
