"""The fast paths of the candidate search return what the plain versions return.

The search walks are pruned on a crc32 bitmap (``lexicon.PrefixBits``), the channel cost has a
diacritic-only shortcut, the heads of a compound part search share one walk, the one-edit keys
are built only where a prefix may begin a key.  Each test compares a fast path with the plain
computation on invented strings (and the built lexicon).  Nothing is mocked.
"""
from __future__ import annotations

import random

import pytest

from pipeline.correct import Corrector
from pipeline.correct.candidates import BASE_OF, PART_MAX_COST, PART_SUBS, SK_ALPHABET, _MAX_SRC, variants
from pipeline.correct.confusions import _dp, prefix_walks

ALPHA = "aäåoöeéiltrnmu1|ë6&#dsgkhcb"


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.load()


def _strings(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(ALPHA) for _ in range(rnd.randint(1, 7))) for _ in range(n)]


def _reference_dp(ocr: str, truth: str, diacritic_only: bool) -> float:
    """The cell-by-cell dynamic programme (no shortcut, no row order): the definition of the cost."""
    from pipeline.correct import confusions as C

    n, m = len(ocr), len(truth)
    INF = float("inf")
    d = [[INF] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = d[i][j]
            if cur == INF:
                continue
            if i < n and j < m and ocr[i] == truth[j]:
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur)
            for L in range(1, C._MAX_SRC + 1):
                for tgt, c, is_dia in C._BY_SRC.get(ocr[i : i + L], ()) if i + L <= n else ():
                    if (is_dia or not diacritic_only) and truth.startswith(tgt, j):
                        d[i + L][j + len(tgt)] = min(d[i + L][j + len(tgt)], cur + c)
            if diacritic_only:
                continue
            if i < n and j < m:
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur + C.SUB_COST)
            if i < n:
                double = (i > 0 and ocr[i - 1] == ocr[i]) or ocr[i + 1 : i + 2] == ocr[i]
                extra = C.INS_COST_DOUBLE if double else C.INS_COST_DIGIT if ocr[i].isdigit() else C.INS_COST
                d[i + 1][j] = min(d[i + 1][j], cur + extra)
            if j < m:
                if truth[j] in C.DIACRITIC_TARGETS:
                    dc = C.DEL_COST_DIACRITIC
                elif (j > 0 and truth[j - 1] == truth[j]) or truth[j + 1 : j + 2] == truth[j]:
                    dc = C.DEL_COST_DOUBLE
                else:
                    dc = C.DEL_COST
                d[i][j + 1] = min(d[i][j + 1], cur + dc)
    return d[n][m]


def test_channel_dp_matches_cell_by_cell_programme() -> None:
    rnd = random.Random(7)
    for a in _strings(3000, 1):
        # half the truths are the OCR string with a few glyphs changed, half unrelated
        b = "".join(rnd.choice(ALPHA) if rnd.random() < 0.3 else c for c in a) if rnd.random() < 0.5 else _strings(1, rnd.random())[0]
        for dia in (True, False):
            assert _dp(a, b, dia) == _reference_dp(a, b, dia), (a, b, dia)


def test_prefix_bitmap_has_no_false_negatives(corrector: Corrector) -> None:
    lex = corrector.lex
    for bits, arr in ((lex.prefix_filter, lex.prefixes), (lex.sk_filter, lex.sk_prefixes)):
        if bits is None:
            pytest.skip("lexicon built without prefix hashes")
        mask = bits.mask
        assert all(bits.bits[(h & mask) >> 3] >> (h & 7) & 1 for h in arr[::50])
    keys = list(lex.stripped)[:20000]
    for k in keys:
        assert lex.prefix_filter(k) and lex.prefix_filter.prefix_len(k + "qxz") >= len(k)


def test_prefix_walks_equal_one_walk_per_prefix(corrector: Corrector) -> None:
    """Every lexicon key a head search finds, with its cost and order, as walking each head alone."""
    lex, gen = corrector.lex, corrector.gen
    if lex.prefix_filter is None:
        pytest.skip("lexicon built without prefix hashes")
    rnd = random.Random(3)
    words = sorted(w for w, c in lex.words.items() if c > 20_000 and w.isalpha() and len(w) >= 8)
    glyph = {"o": "0", "a": "4i", "l": "1|", "m": "rn", "d": "cl", "i": "l1", "e": "c", "t": "f"}
    for w in rnd.sample(words, 150):
        w = "".join(rnd.choice(glyph[c]) if c in glyph and rnd.random() < 0.2 else c for c in w)
        w = w.translate(str.maketrans("åäö", "aao"))
        outs = prefix_walks(w, w, BASE_OF, _MAX_SRC, PART_SUBS, PART_MAX_COST, False, lex.prefix_filter)
        for j in range(3, len(w) + 1):
            plain = variants(w[:j], PART_SUBS, PART_MAX_COST, False, lex.has_prefix)
            fast = outs[j]
            assert ([(v, plain[v]) for v in sorted(plain, key=plain.get) if gen._lookup(v)]
                    == [(v, fast[v]) for v in sorted(fast, key=fast.get) if gen._lookup(v)]), w[:j]


def test_one_edit_keys_are_every_key_one_edit_away(corrector: Corrector) -> None:
    gen, index = corrector.gen, corrector.lex.skeleton
    rnd = random.Random(5)
    keys = sorted(index)
    for v in rnd.sample(keys, 300) + ["kommnn", "xqz", "a"]:
        edits: dict[str, float] = {}
        gen._one_edit_keys(v, edits)
        e = {v[:i] + v[i + 1 :] for i in range(len(v))}
        e |= {v[:i] + ch + v[i:] for i in range(len(v) + 1) for ch in SK_ALPHABET}
        e |= {v[:i] + ch + v[i + 1 :] for i in range(len(v)) for ch in SK_ALPHABET}
        e |= {v[:i] + v[i + 1] + v[i] + v[i + 2 :] for i in range(len(v) - 1)}
        assert set(edits) == {x for x in e if x in index}, v
