"""Confusion skeletons: candidate generation as dictionary lookups.

A *skeleton* is a word's diacritic-stripped spelling with the letters OCR
confuses most cheaply collapsed into one class each (l→i, f/r→t, u→n, c→e,
y→v, b→h, q→g).  ``make dictionaries`` maps every proposable lexicon word
(count ≥ ``MIN_CANDIDATE_COUNT``, rare å/ä/ö compounds as common as their
parts, genitives of names) onto its skeleton (``build_index``); the
candidate search maps an OCR token onto the few skeletons it may stand for
(``variants``: only glyphs whose reading leaves their class — digits,
symbols, multi-letter shapes such as rn/m, and letters that stand for å/ä/ö
— are expanded) and each lookup returns candidate words directly.  Their
exact channel cost is computed afterwards on this small set only.

Invented example: OCR "bi1lig" has skeleton "hiiiig"; "billig" has the same
skeleton, so one lookup finds it; "1" needs no expansion (it is in the i-class).
"""
from __future__ import annotations

import zlib
from array import array

from .confusions import BASE_OF, strip_diacritics, substitution_walk

_CLS = str.maketrans("lfrucybq1|!", "ittnevhgiii")
# Lower-case OCR token -> search key: å/ä/ö are stripped (é kept: it is an OCR glyph for ö)
_OCR_KEY = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ü": "u"})


def skeleton(word: str) -> str:
    """Skeleton of a (lower-case) lexicon word."""
    return strip_diacritics(word).translate(_CLS)


def _alternatives() -> dict[str, list[tuple[str, float, bool]]]:
    """OCR glyph(s) -> (skeleton letters it may stand for, cost, is-diacritic), only where the class changes."""
    out: dict[str, list[tuple[str, float, bool]]] = {}
    for src, reads in BASE_OF.items():
        own = src.translate(_CLS)
        best: dict[str, tuple[float, bool]] = {}
        for base, cost, is_dia in reads:
            k = base.translate(_CLS)
            if k == own:
                continue  # same class: free in the key (the channel cost still charges it)
            if k not in best or cost < best[k][0]:
                best[k] = (cost, is_dia)
        if best:
            out[src] = [(k, c, d) for k, (c, d) in best.items()]
    return out


ALTS = _alternatives()
_MAX_SRC = max(len(k) for k in ALTS)


def ocr_key(token: str) -> str:
    return token.translate(_OCR_KEY)


def variants(s: str, max_subs: int, max_cost: float, diacritic_only: bool = False, prefix_ok=None) -> dict[str, float]:
    """Skeleton keys the OCR string ``s`` (an ``ocr_key``) may stand for, with their approximate cost."""
    return substitution_walk(s, s.translate(_CLS), ALTS, _MAX_SRC, max_subs, max_cost, diacritic_only, prefix_ok)


def build_index(words: dict[str, int], proper: dict[str, str], count, min_count: int,
                inflection=None) -> dict[str, tuple[str, ...]]:
    """skeleton -> proposable words, most frequent first.  ``count`` is the corrector's word count;
    ``inflection``: a rarer word that is proposable all the same (an inflection of a common word)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for w, c in words.items():
        if c < min_count:
            if inflection is not None and inflection(w):
                groups.setdefault(skeleton(w), []).append((c, w))
                continue
            if len(w) < 7 or w == strip_diacritics(w):
                continue
            c = count(w)  # a rare å/ä/ö compound: as common as its parts suggest
            if c < min_count:
                continue
        groups.setdefault(skeleton(w), []).append((c, w))
    for p in proper:
        g = p + "s"
        if len(g) > 4 and g not in words:
            c = count(g)
            if c >= min_count:
                groups.setdefault(skeleton(g), []).append((c, g))
    return {k: tuple(w for _, w in sorted(v, key=lambda x: (-x[0], x[1]))) for k, v in groups.items()}


def prefix_hashes(index: dict[str, tuple[str, ...]]) -> array:
    """crc32 of every prefix of every skeleton key (sorted): the walk prunes dead branches."""
    hashes = {zlib.crc32(k[:i].encode("utf-8")) for k in index for i in range(1, len(k) + 1)}
    return array("I", sorted(hashes))
