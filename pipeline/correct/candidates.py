"""Candidate corrections for one OCR word, scored by a noisy-channel model.

score(c) = log10 count(c) − W · channel_cost(ocr, c)

Generation is staged, cheapest first, and stops as soon as a stage finds a
common word, because almost every misreading is found by the first stages:

0. glyph variants: OCR glyphs replaced by the stripped letters they stand for
   (``confusions.BASE_OF``), looked up in the lexicon *and* in its index of
   diacritic-stripped forms — one lookup finds every å/ä/ö spelling;
1. the same with at most ``MAX_SUBS`` shape confusions (rn/m, t/r, li/h …);
2. one free edit (insert, delete, substitute) on the best few variants;
3. compounds: the word segmented into parts, each part corrected by 0–1.

symspellpy was tried for stage 2 but its dictionary of deletes for a
million-form lexicon costs seconds and hundreds of MB at load; the staged
search needs neither.  ``lookup_compound`` is never used: it re-splits text
and destroys numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .compounds import Compounds
from .confusions import BASE_OF, channel_cost, strip_diacritics
from .lexicon import Lexicon

W = 3.0  # one unit of channel cost is worth three orders of magnitude of frequency
MAX_SUBS = 3
MAX_VARIANT_COST = 1.6
MIN_CANDIDATE_COUNT = 20  # wordfreq noise below this is never proposed
GOOD_COUNT = 1000  # a stage that finds a word this common ends the search
ALPHABET = "abcdefghijklmnoprstuvy"
_MAX_SRC = max(len(k) for k in BASE_OF)
_KEY = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ü": "u"})


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str
    cost: float
    count: int
    method: str  # diacritics, confusion, edit, compound, split
    rule: str

    @property
    def score(self) -> float:
        return math.log10(max(self.count, 1)) - W * self.cost


def variants(s: str, max_subs: int, max_cost: float, diacritic_only: bool = False) -> dict[str, float]:
    """Strings reachable from ``s`` by glyph→stripped-letter replacements (approximate cost)."""
    out: dict[str, float] = {}

    def walk(i: int, acc: str, cost: float, subs: int) -> None:
        if i >= len(s):
            if acc not in out or cost < out[acc]:
                out[acc] = cost
            return
        walk(i + 1, acc + s[i], cost, subs)
        if subs >= max_subs:
            return
        for L in range(1, _MAX_SRC + 1):
            src = s[i : i + L]
            if len(src) < L:
                break
            for base, c, is_dia in BASE_OF.get(src, ()):
                if diacritic_only and not is_dia:
                    continue
                if cost + c <= max_cost:
                    walk(i + L, acc + base, cost + c, subs + 1)

    walk(0, "", 0.0, 0)
    return out


class CandidateGenerator:
    def __init__(self, lex: Lexicon, compounds: Compounds) -> None:
        self.lex = lex
        self.cpd = compounds
        self.best = lru_cache(maxsize=200_000)(self._best)
        self._lookup = lru_cache(maxsize=500_000)(self._lookup_key)

    # -- lexicon access -------------------------------------------------
    def count(self, w: str) -> int:
        c = self.lex.words.get(w, 0)
        if c:
            return c
        return self.cpd.pseudo_count(w) if self.cpd.is_valid(w) else 0

    def _lookup_key(self, key: str) -> tuple[str, ...]:
        """Lexicon words whose stripped form is ``key`` (incl. ``key`` itself)."""
        found = list(self.lex.stripped.get(key, ()))
        if self.lex.words.get(key, 0) >= MIN_CANDIDATE_COUNT:
            found.append(key)
        if key.endswith("s") and len(key) > 4:  # genitive of a name or place: "Tyresös"
            stem = key[:-1]
            found += [p + "s" for p in (*self.lex.stripped.get(stem, ()), stem) if p in self.lex.proper]
        return tuple(w for w in found if self.count(w) >= MIN_CANDIDATE_COUNT)

    def _compound_lookup(self, key: str) -> tuple[str, ...]:
        """Compounds whose stripped form is ``key``: restore diacritics per part."""
        if len(key) < 7:
            return ()
        best = self._segment(key)
        return (best,) if best else ()

    def _segment(self, key: str) -> str | None:
        """Split a stripped string into lexicon parts (longest head first), restoring each part."""
        n = len(key)
        for k in range(n - 3, 2, -1):
            heads = self._head_forms(key[:k])
            if not heads:
                continue
            tail = key[k:]
            tails = [t for t in self._lookup(tail) if self.cpd.tail_ok(t)]
            if tails:
                return heads[0] + tails[0]
            if len(tail) >= 7:
                rest = self._segment(tail)
                if rest:
                    return heads[0] + rest
        return None

    def _head_forms(self, key: str) -> list[str]:
        out = [w for w in self._lookup(key) if self.cpd.head_ok(w)]
        if key in self.lex.stems:
            out.append(key)
        return out

    # -- candidate search -----------------------------------------------
    def _from_variants(self, s: str, vs: dict[str, float], diacritic_only: bool, compounds: bool) -> dict[str, Candidate]:
        found: dict[str, Candidate] = {}
        for v in sorted(vs, key=vs.get):
            words = self._lookup(v)
            if compounds and not words:
                words = self._compound_lookup(v)
            for w in words:
                if w == s or w in found:
                    continue
                cost = channel_cost(s, w, diacritic_only)
                if cost == math.inf:
                    continue
                method = "diacritics" if channel_cost(s, w, True) < math.inf else "confusion"
                if w not in self.lex.words:
                    method = "compound"
                found[w] = Candidate(w, cost, self.count(w), method, _rule(s, w))
        return found

    def _best(self, s: str, diacritic_only: bool = False) -> tuple[Candidate, ...]:
        """Candidates for lower-case ``s``, best first (may be empty)."""
        s_key = s.translate(_KEY)  # keep é: it is an OCR glyph for ö here
        found: dict[str, Candidate] = {}
        # Stage 0 + 1: glyph and shape variants.
        for subs in ([MAX_SUBS] if diacritic_only else [1, 2, MAX_SUBS]):
            vs = variants(s_key, subs, MAX_VARIANT_COST, diacritic_only)
            found.update(self._from_variants(s, vs, diacritic_only, compounds=len(vs) < 400))
            if any(c.count >= GOOD_COUNT for c in found.values()):
                break
        if not diacritic_only and not any(c.count >= GOOD_COUNT and c.cost <= 1.0 for c in found.values()) and len(s) >= 3:
            # Stage 2: one free edit on the cheapest variants.
            vs = variants(s_key, 1, 0.8)
            for v in sorted(vs, key=vs.get)[:4]:
                edits = {v[:i] + v[i + 1 :] for i in range(len(v))}
                edits |= {v[:i] + ch + v[i:] for i in range(len(v) + 1) for ch in ALPHABET}
                edits |= {v[:i] + ch + v[i + 1 :] for i in range(len(v)) for ch in ALPHABET}
                edits |= {v[:i] + v[i + 1] + v[i] + v[i + 2 :] for i in range(len(v) - 1)}
                found.update(
                    (k, c) for k, c in self._from_variants(s, {e: 1.0 for e in edits}, False, compounds=False).items()
                    if k not in found
                )
        return tuple(sorted(found.values(), key=lambda c: -c.score))


def _rule(ocr: str, truth: str) -> str:
    """Short description of what changed, e.g. 'é→ö' or 'rn→m' (first differing span)."""
    a, b = 0, 0
    while a < len(ocr) and a < len(truth) and ocr[a] == truth[a]:
        a += 1
    e1, e2 = len(ocr), len(truth)
    while e1 > a and e2 > a and ocr[e1 - 1] == truth[e2 - 1]:
        e1 -= 1
        e2 -= 1
    return f"{ocr[a:e1] or '∅'}→{truth[a:e2] or '∅'}"
