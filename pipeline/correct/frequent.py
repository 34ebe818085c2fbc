"""Likely OCR readings of the most frequent Swedish words, precomputed.

Short, very frequent words ("till", "att", "för", "över") are where OCR loses
or misreads a letter most visibly, and where the staged search is weakest (a
*dropped* letter is not a glyph confusion).  Here every one of the ``TOP``
most frequent lexicon words is pushed through the channel model in reverse:
each confusion rule applied once (truth → OCR), each letter dropped once (a
doubled consonant or an å/ä/ö cheaper) or read twice, and for short words two such steps.
The result maps an OCR string to its most probable frequent source word, so
the corrector answers these with one dict lookup.

Invented examples: "tiil" maps to "till", "fór" to "för".
The table is general (derived from frequencies and confusion weights only),
built in well under a second when the corrector is created.
"""
from __future__ import annotations

import math
import zlib
from array import array

from .confusions import DEL_COST, DEL_COST_DIACRITIC, DEL_COST_DOUBLE, DIACRITIC_TARGETS, INS_COST_DOUBLE, RULES

TOP = 2000
MIN_LEN = 2
MAX_COST = 1.2
TWO_STEP_MAX_LEN = 5
W = 3.0


def _one_step(w: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for j in range(len(w)):
        for o, t, c in RULES:
            if c > 0 and w.startswith(t, j):
                out.append((w[:j] + o + w[j + len(t):], c))
        ch = w[j]
        if ch in DIACRITIC_TARGETS:
            dc = DEL_COST_DIACRITIC
        elif (j > 0 and w[j - 1] == ch) or w[j + 1 : j + 2] == ch:
            dc = DEL_COST_DOUBLE
        else:
            dc = DEL_COST
        if len(w) > 2 or ch in DIACRITIC_TARGETS:  # "är" → "r": a two-letter word loses only its å/ä/ö
            out.append((w[:j] + w[j + 1:], dc))
        if ch.isalpha():
            out.append((w[:j] + ch + w[j:], INS_COST_DOUBLE))  # a letter read twice
    return out


def build(words: dict[str, int], top: int = TOP) -> dict[str, tuple[str, float, float]]:
    """OCR string -> (frequent word, channel cost, log10 lead over the runner-up source)."""
    ranked = sorted((w for w, c in words.items() if len(w) >= MIN_LEN and w.isalpha()), key=lambda w: -words[w])[:top]
    best: dict[str, tuple[str, float, float]] = {}
    second: dict[str, float] = {}
    for w in ranked:
        lf = math.log10(words[w])
        seen: dict[str, float] = {}
        for v, c in _one_step(w):
            if c <= MAX_COST and c < seen.get(v, math.inf):
                seen[v] = c
        if len(w) <= TWO_STEP_MAX_LEN:
            for v, c in list(seen.items()):
                for v2, c2 in _one_step(v):
                    if c + c2 <= MAX_COST and c + c2 < seen.get(v2, math.inf):
                        seen[v2] = c + c2
        for v, c in seen.items():
            if v == w or not v:
                continue
            score = lf - W * c
            old = best.get(v)
            if old is None or score > old[2]:
                if old is not None:
                    second[v] = max(second.get(v, -math.inf), old[2])
                best[v] = (w, c, score)
            else:
                second[v] = max(second.get(v, -math.inf), score)
    return {v: (w, c, round(min(s - second.get(v, -math.inf), 9.0), 2)) for v, (w, c, s) in best.items()}


def prefix_hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def prefix_hashes(words: dict[str, int], stripped: dict[str, tuple[str, ...]], proper: dict[str, str]) -> array:
    """crc32 of every prefix of every key the candidate search can find.

    The variant search (``candidates.variants``) prunes a branch as soon as its
    prefix is not a prefix of any findable key: diacritic-stripped forms,
    words common enough to be proposed, and genitives of names.  A hash
    collision only means a branch is not pruned, never a lost candidate.
    Stored as a sorted array: it unpickles in milliseconds.
    """
    from .candidates import MIN_CANDIDATE_COUNT
    from .confusions import strip_diacritics

    keys = set(stripped)
    keys.update(w for w, c in words.items() if c >= MIN_CANDIDATE_COUNT)
    keys.update(strip_diacritics(p) + "s" for p in proper)
    hashes = {prefix_hash(k[:i]) for k in keys for i in range(1, len(k) + 1)}
    return array("I", sorted(hashes))
