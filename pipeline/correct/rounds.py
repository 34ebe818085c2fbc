"""Correction to a fixed point: the audit of a page that took more than one round.

Idempotence (correcting the output again changes nothing) is a property of the whole corrector, not
of any one rule: a change can make another visible (a word read right shows a lost space beside it,
"ånoch" → "enoch" → "en och"), and the damage estimate of the output is lower than the input's.
Rule-by-rule fixes leave a long tail of such cascades on heavily damaged text, so ``Corrector``
runs again over its own output until nothing changes (``Corrector.correct_text``), and this module
turns the rounds back into one audit against the raw text.

Lines that only the first round touched keep its corrections as they are.  A line a later round
changed gets its corrections from the difference between its raw and its final text, widened to
whole tokens (an archivist reviews words, not characters): each carries the methods, lowest score
and rules of the first-round corrections inside it, plus the methods of the later rounds' changes
on that line whose result it holds.  difflib (stdlib) aligns the two strings: no library is needed
for a character alignment of one line.
"""
from __future__ import annotations

import difflib

from ..model import Correction


def merge(raw_text: str, first: list[Correction], first_suggestions: list[Correction], final_text: str,
          later: list[Correction], page: int) -> tuple[list[Correction], list[Correction]]:
    """(corrections, suggestions) from the raw text to ``final_text``: ``first`` (raw offsets) where no
    later round changed the line, re-derived token spans where one did (``later``: offsets on the
    intermediate texts, used for their line and methods only)."""
    raw_lines, final_lines = raw_text.split("\n"), final_text.split("\n")
    redo = {c.line for c in later}
    corrections = [c for c in first if c.line not in redo]
    suggestions = [s for s in first_suggestions if s.line not in redo]
    for li in sorted(redo):
        spans = _token_spans(raw_lines[li], final_lines[li])
        by_first = [c for c in first if c.line == li]
        by_later = [c for c in later if c.line == li]
        for a, b, fa, fb in spans:
            original, corrected = raw_lines[li][a:b], final_lines[li][fa:fb]
            inside = [c for c in by_first if c.start < b and c.end > a or c.start == c.end and a <= c.start <= b]
            after = [c for c in by_later if c.correction.strip() and c.correction in corrected]
            methods = list(dict.fromkeys([c.method for c in inside] + [c.method for c in after]))
            if len(corrected.split()) > len(original.split()) and not any("split" in m for m in methods):
                methods.append("split")  # a lost space a later round found (its record holds only a space)
            methods = methods or ["rerun"]
            score = min([c.score for c in inside + after], default=0.7)
            corrections.append(Correction(page=page, line=li, start=a, end=b, original=original, correction=corrected,
                                          method="+".join(methods), score=score, applied=True,
                                          rule=f"{original or '∅'}→{corrected or '∅'}"))
        taken = [(a, b) for a, b, _, _ in spans]
        suggestions += [s for s in first_suggestions if s.line == li
                        and not any(s.start < b and s.end > a for a, b in taken)]
    corrections.sort(key=lambda c: (c.line, c.start, c.end))
    return corrections, suggestions


def nest(raw_lines: list[str], corrections: list[Correction]) -> list[Correction]:
    """One correction per span: a word read after a glyph in it was mended ("c(l!": "!" → "l", then
    the word "c(ll" → "cell") was found on the mended working line; it takes the mend into itself,
    its original becoming the raw text, so that every correction's original is what the raw line
    holds there.  (The mends are same-length replacements: offsets agree.)"""
    by_line: dict[int, list[Correction]] = {}
    for c in corrections:
        by_line.setdefault(c.line, []).append(c)
    out: list[Correction] = []
    for line, cs in by_line.items():
        inner = {id(i) for o in cs if raw_lines[line][o.start:o.end] != o.original for i in cs
                 if i is not o and o.start <= i.start and i.end <= o.end and o.end - o.start > i.end - i.start}
        for c in cs:
            if id(c) in inner:
                continue
            raw = raw_lines[line][c.start:c.end]
            if raw != c.original:
                mends = [i for i in cs if id(i) in inner and c.start <= i.start and i.end <= c.end]
                method = "+".join(dict.fromkeys([m.method for m in mends] + [c.method]))
                c = Correction(page=c.page, line=c.line, start=c.start, end=c.end, original=raw, correction=c.correction,
                               method=method, score=min([c.score] + [m.score for m in mends]), applied=c.applied,
                               rule=f"{raw}→{c.correction}")
            out.append(c)
    return out


def _token_spans(raw: str, final: str) -> list[tuple[int, int, int, int]]:
    """(raw start, raw end, final start, final end) of each changed run of whole tokens."""
    ops = difflib.SequenceMatcher(a=raw, b=final, autojunk=False).get_opcodes()
    spans: list[list[int]] = []
    for tag, a1, a2, _, _ in ops:
        if tag == "equal":
            continue
        while a1 > 0 and not raw[a1 - 1].isspace():
            a1 -= 1
        while a2 < len(raw) and not raw[a2].isspace():
            a2 += 1
        if spans and a1 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], a2)
        else:
            spans.append([a1, a2])
    return [(a, b, _to_final(ops, a, True), _to_final(ops, b, False)) for a, b in spans]


def _to_final(ops: list, pos: int, start: bool) -> int:
    """A raw offset at a token boundary in the final string (a changed block maps to its own edge)."""
    for tag, a1, a2, b1, b2 in ops:
        if start and tag == "insert" and a1 == pos:
            return b1  # text inserted before the span's first token belongs to it
        if a1 <= pos < a2:
            return b1 + (pos - a1) if tag == "equal" else b1
        if not start and pos == a2 and tag != "equal":
            return b2  # ... and text inserted or replaced up to its end
    return ops[-1][4] if ops else 0
