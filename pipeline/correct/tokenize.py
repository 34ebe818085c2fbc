"""Split a line into correctable word spans without losing a character.

Why hand-written: a general tokenizer (spaCy, nltk) normalises or drops
exactly the OCR debris we must see — "&ppna", "{inns", "h6g" — and does not
report offsets into the raw line for each hyphen part.  Here a *chunk* is a
whitespace-separated run; its *core* is the chunk without surrounding
punctuation; a core with inner hyphens ("miljö-", "ad-hoc-mässigt") is split
into parts, each corrected on its own, because the hyphen is the author's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# a party code in brackets: "(S)", "(KD)", "(mp)" (``protect`` keeps it; a line it ends is a signature's)
PARTY_RE = re.compile(r"^\((?:[A-ZÅÄÖa-zåäö]{1,3}|[a-zåäö]{1,3})\)[.,;:]?$")

CHUNK_RE = re.compile(r"\S+")
# Punctuation that may wrap a word.  Not here: & { £ # | (OCR letters).
LEAD = "([\"'«»„“”‘’<>\\*•·–—¢/"
TRAIL = ".,;:!?)]\"'»”’‘…/*_"


@dataclass(slots=True)
class Word:
    """One correctable word: ``text`` is line[start:end]."""

    text: str
    line: int
    start: int
    end: int
    chunk: str  # the whole whitespace chunk, for protection patterns
    chunk_core: str  # chunk without wrapping punctuation
    hyphen_before: bool = False  # part of "a-b" after a hyphen
    hyphen_after: bool = False  # "miljö-" style head, or line-end hyphenation
    line_end: bool = False  # last chunk of its line
    paragraph_start: bool = False  # first word after a blank line / page start
    after_sentence_end: bool = False  # previous chunk ended with . ! ? :
    block_start: bool = False  # first word of a line after a short line (a heading, a paragraph's last line)
    title_line: bool = False  # every word of the line is capitalised (a heading): a capital is no name signal


def split_core(chunk: str) -> tuple[int, int]:
    """Offsets of the core inside a chunk."""
    a, b = 0, len(chunk)
    while a < b and chunk[a] in LEAD:
        a += 1
    while b > a and chunk[b - 1] in TRAIL:
        b -= 1
    return a, b


# a section or list number opening its line ("4 Åtgärder", "2.1 Bakgrund", "3) Förslag"): what follows
# begins a heading or an item, as after a full stop (not a year: "2009 beslutade ...")
HEADING_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.),;:]?$")  # (its stop read as "," ";" ":")

SHORT_LINE = 0.6  # a line shorter than this share of the page's text width ends its block ...
WIDE_SHARE = 0.8  # ... the width: this quantile of the line lengths ...
MIN_WIDTH = 40  # ... when at least this long (a page of short lines has no measure)
BLOCK_CONTINUES = ("-", ",", "–", "—", "&")  # ... unless the short line visibly continues
HEADING_LINE_WORDS = 3  # a short line of at most this many words with no closing mark is a heading (``_heading``),
OPEN_ENDS = frozenset("att och eller i på för som av med till om en ett den det de".split())  # ... unless it ends so


def text_width(lines: list[str]) -> int:
    """The page's text width in characters (0 when the page has no measure)."""
    lens = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if len(lens) < 3:
        return 0
    w = lens[min(len(lens) - 1, int(WIDE_SHARE * len(lens)))]
    return w if w >= MIN_WIDTH else 0


def _ends_block(line: str, width: int) -> bool:
    t = line.rstrip()
    return bool(width) and len(t) < SHORT_LINE * width and not t.endswith(BLOCK_CONTINUES)


def _heading(line: str, n_chunks: int, prev_line: str, width: int) -> bool:
    """A short line of a few words that opens with a capital and has no closing mark, after a line
    that does not visibly continue: a heading or a title in a signature ("Förslag till beslut",
    "Kommundirektör"), whose first word begins a block although the line before it was long (a
    heading's wrapped second line, "i stadsmiljön", opens in lower case)."""
    t = line.rstrip()
    return (n_chunks <= HEADING_LINE_WORDS and t.lstrip()[:1].isupper() and _ends_block(line, width)
            and not t.endswith((".", ";", ":")) and t.split()[-1].lower() not in OPEN_ENDS
            and not prev_line.rstrip().endswith(BLOCK_CONTINUES))


def _title_line(chunks: list[str]) -> bool:
    cores = [c[slice(*split_core(c))] for c in chunks]
    alpha = [c for c in cores if c[:1].isalpha()]
    return len(alpha) >= 2 and all(c[:1].isupper() for c in alpha) and not all(c.isupper() for c in alpha)


def words_of_page(lines: list[str]) -> list[Word]:
    """All words of a page in reading order, with line-crossing context flags.

    A sentence starts at the page start, after a blank line, after a chunk ending with . ! ? :
    (also across a line break), after a bullet or a section number that opens its line, and at the first word of a line that follows a
    short line (``block_start``: a heading or the last line of a paragraph; a sentence that
    continues on the next line ends its line near the full width).
    """
    out: list[Word] = []
    prev_chunk_end_punct = True  # page start counts as a sentence start
    blank_before = True
    width = text_width(lines)
    prev_line = None
    for li, line in enumerate(lines):
        chunks = list(CHUNK_RE.finditer(line))
        if not chunks:
            blank_before = True
            continue
        block = prev_line is not None and (_ends_block(prev_line, width) or _heading(line, len(chunks), prev_line, width))
        title = _title_line([m.group() for m in chunks])
        prev_line = line
        for ci, m in enumerate(chunks):
            chunk = m.group()
            a, b = split_core(chunk)
            core = chunk[a:b]
            is_last = ci == len(chunks) - 1
            if core and "-" not in core:  # the common case, one part: the flags below for a single part
                out.append(
                    Word(
                        text=core,
                        line=li,
                        start=m.start() + a,
                        end=m.start() + b,
                        chunk=chunk,
                        chunk_core=core,
                        hyphen_after=chunk[b:].startswith("-"),
                        line_end=is_last,
                        paragraph_start=blank_before and ci == 0,
                        after_sentence_end=prev_chunk_end_punct,
                        block_start=block and ci == 0,
                        title_line=title,
                    )
                )
            elif core:
                base = m.start() + a
                parts, pos = [], 0
                for piece in core.split("-"):
                    parts.append((pos, pos + len(piece)))
                    pos += len(piece) + 1
                last = max(i for i, (s, e) in enumerate(parts)) if parts else 0
                for pi, (s, e) in enumerate(parts):
                    if s == e:
                        continue
                    out.append(
                        Word(
                            text=core[s:e],
                            line=li,
                            start=base + s,
                            end=base + e,
                            chunk=chunk,
                            chunk_core=core,
                            hyphen_before=pi > 0,
                            hyphen_after=pi < last or chunk[b:].startswith("-"),
                            line_end=is_last and all(s2 == e2 for s2, e2 in parts[pi + 1 :]),
                            paragraph_start=blank_before and ci == 0 and pi == 0,
                            after_sentence_end=prev_chunk_end_punct and pi == 0,
                            block_start=block and ci == 0 and pi == 0,
                            title_line=title,
                        )
                    )
            blank_before = False
            # (a party code ending its line ends a signature, "Anna Berg (S)": what follows opens anew)
            prev_chunk_end_punct = (chunk.rstrip("\"'”’)»").endswith((".", "!", "?", ":")) or chunk in ("•", "*", "-", "–", "—")
                                    or ci == 0 and bool(HEADING_NUMBER_RE.match(chunk))
                                    or is_last and ci > 0 and bool(PARTY_RE.match(chunk)))
    return out
