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

CHUNK_RE = re.compile(r"\S+")
# Punctuation that may wrap a word.  Not here: & { £ # | (OCR letters).
LEAD = "([\"'«»„“”‘’<>\\*•·–—¢/"
TRAIL = ".,;:!?)]\"'»”’…/*"


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


def split_core(chunk: str) -> tuple[int, int]:
    """Offsets of the core inside a chunk."""
    a, b = 0, len(chunk)
    while a < b and chunk[a] in LEAD:
        a += 1
    while b > a and chunk[b - 1] in TRAIL:
        b -= 1
    return a, b


def words_of_page(lines: list[str]) -> list[Word]:
    """All words of a page in reading order, with line-crossing context flags."""
    out: list[Word] = []
    prev_chunk_end_punct = True  # page start counts as a sentence start
    blank_before = True
    for li, line in enumerate(lines):
        chunks = list(CHUNK_RE.finditer(line))
        if not chunks:
            blank_before = True
            continue
        for ci, m in enumerate(chunks):
            chunk = m.group()
            a, b = split_core(chunk)
            core = chunk[a:b]
            is_last = ci == len(chunks) - 1
            if core:
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
                        )
                    )
            blank_before = False
            prev_chunk_end_punct = chunk.rstrip("\"'”’)»").endswith((".", "!", "?", ":")) or chunk in ("•", "*", "-", "–", "—")
    return out
