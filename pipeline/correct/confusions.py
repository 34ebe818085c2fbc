"""How OCR misreads Swedish: weighted character confusions and the channel cost.

The cost of reading candidate ``c`` as OCR string ``o`` is a weighted edit
distance where known confusions are cheap (é for ö: 0.2) and arbitrary edits
cost 1.  Weights are priors from how Latin-script OCR engines fail on
Swedish (dots/rings of å/ä/ö lost or read as a different glyph, shape-alike
letters and digits) — general knowledge, not counts from any one document.

``DIACRITIC`` rules produce å/ä/ö (or é): they are the only edits allowed on a
capitalised word inside a sentence (a name) and on a word that is already a
valid word (real-word errors in a text that lost its diacritics).

``BASE_OF`` maps each OCR glyph to the *stripped* letters it can stand for, so
the candidate generator can look the word up in the index of diacritic-stripped
forms (``a`` stands for a/å/ä, ``o`` for o/ö) instead of enumerating every
å/ä/ö combination.
"""
from __future__ import annotations

from functools import lru_cache

# (ocr, truth, cost).  Lower-case; the corrector compares lower-cased strings.
DIACRITIC_RULES: list[tuple[str, str, float]] = [
    ("a", "å", 0.3), ("a", "ä", 0.3), ("o", "ö", 0.3), ("e", "é", 0.5), ("u", "ü", 0.5),
    ("é", "ö", 0.2), ("é", "å", 0.5), ("é", "ä", 0.5), ("è", "ö", 0.4), ("ë", "ö", 0.3), ("ô", "ö", 0.3),
    ("6", "ö", 0.3), ("5", "ö", 0.6), ("0", "ö", 0.5), ("&", "ö", 0.4), ("§", "ö", 0.6), ("8", "ö", 0.7),
    ("4", "å", 0.4), ("4", "ä", 0.4), ("#", "ä", 0.5), ("#", "å", 0.6), ("&", "ä", 0.6), ("&", "å", 0.6),
    ("3", "ä", 0.7), ("d", "ä", 0.5), ("d", "å", 0.5), ("d", "ö", 0.6), ("i", "ä", 0.4), ("i", "å", 0.4),
    ("1", "ä", 0.7), ("1", "å", 0.7), ("e", "ä", 0.8), ("g", "ö", 0.8), ("s", "ö", 0.9), ("ä", "å", 0.6),
    ("å", "ä", 0.6), ("ã", "ä", 0.3), ("á", "å", 0.3), ("à", "å", 0.3), ("â", "å", 0.3), ("ii", "ü", 0.5),
    ("é", "e", 0.3), ("ó", "ö", 0.3), ("ò", "ö", 0.3), ("õ", "ö", 0.3),
    # English-model OCR reads the two dots of ä/ö as a second stem ("ii") or a
    # neighbouring stroke ("ti", "i"): general classes, invented example "siikert" → "säkert".
    ("ii", "ä", 0.3), ("ii", "ö", 0.5), ("ii", "å", 0.5), ("i", "ö", 0.6), ("ti", "ö", 0.6), ("il", "ä", 0.6), ("ti", "ä", 0.6),
    ("li", "ä", 0.6), ("é", "ä", 0.5),
]
SHAPE_RULES: list[tuple[str, str, float]] = [
    ("1", "i", 0.3), ("1", "l", 0.3), ("l", "i", 0.6), ("i", "l", 0.6), ("|", "l", 0.3), ("|", "i", 0.4),
    ("!", "l", 0.5), ("!", "i", 0.5), ("£", "f", 0.3), ("{", "f", 0.3), ("}", "t", 0.6), ("(", "c", 0.7),
    ("rn", "m", 0.3), ("m", "rn", 0.4), ("cl", "d", 0.4), ("d", "cl", 0.5), ("li", "h", 0.4), ("h", "li", 0.5),
    ("h", "b", 0.5), ("b", "h", 0.5), ("ii", "u", 0.5), ("u", "ii", 0.6), ("n", "u", 0.6), ("u", "n", 0.6),
    ("t", "r", 0.5), ("r", "t", 0.5), ("c", "e", 0.5), ("e", "c", 0.5), ("e", "o", 0.6), ("o", "e", 0.6),
    ("t", "f", 0.6), ("f", "t", 0.6), ("l", "t", 0.7), ("t", "l", 0.7), ("5", "s", 0.5), ("0", "o", 0.4),
    ("vv", "w", 0.5), ("w", "vv", 0.5), ("in", "m", 0.5), ("m", "in", 0.6), ("ni", "m", 0.5), ("nn", "m", 0.6),
    ("d", "ti", 0.6), ("ti", "d", 0.6), ("fi", "ﬁ", 0.1), ("ﬁ", "fi", 0.1), ("ﬂ", "fl", 0.1), ("c", "o", 0.7),
    ("a", "o", 0.8), ("o", "a", 0.8), ("y", "v", 0.6), ("v", "y", 0.6), ("g", "q", 0.7), ("8", "s", 0.7),
    ("7", "t", 0.7), ("2", "z", 0.8), ("3", "s", 0.8), ("$", "s", 0.5), ("@", "a", 0.7),
    ("h", "n", 0.5), ("n", "h", 0.6), ("y", "j", 0.5), ("j", "y", 0.6), ("j", "l", 0.6), ("x", "s", 0.7),
    ("p", "f", 0.7), ("i", "t", 0.7), ("mb", "m", 0.5),
    # the arch of "n" split into a stem and a hook, like m read as rn (invented example "sarima" → "sanna")
    ("ri", "n", 0.5),
    # "lä" read as "ki": the l's stem and the dots of ä merged into k + i (invented example "kiska" → "läska")
    ("ki", "lä", 0.5),
]
RULES = DIACRITIC_RULES + SHAPE_RULES
DIACRITIC_TARGETS = set("åäöé")
# Generic edit costs: a dropped letter (truth letter missing in OCR) is common
# for å/ä/ö whose glyph the engine discarded.
SUB_COST = 1.0
INS_COST = 1.0  # extra character in the OCR string
INS_COST_DOUBLE = 0.5
DEL_COST = 1.0  # truth character missing from OCR
DEL_COST_DIACRITIC = 0.6
DEL_COST_DOUBLE = 0.5  # one letter of a doubled consonant lost ("tilI" → "till" style: "fins" → "finns")

_BY_SRC: dict[str, list[tuple[str, float, bool]]] = {}
for _o, _t, _c in RULES:
    _BY_SRC.setdefault(_o, []).append((_t, _c, (_o, _t, _c) in DIACRITIC_RULES))
_MAX_SRC = max(len(o) for o, _, _ in RULES)

STRIP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def strip_diacritics(word: str) -> str:
    return word.translate(STRIP)


# OCR glyph -> (stripped letter it may stand for, cost, is-diacritic) for index lookup.
BASE_OF: dict[str, list[tuple[str, float, bool]]] = {}
for _o, _t, _c in RULES:
    base = strip_diacritics(_t)
    if base != _o:
        BASE_OF.setdefault(_o, []).append((base, _c if _t == base else _c, _t in DIACRITIC_TARGETS or base != _t))


CONTEXT = 2  # characters of a shared prefix/suffix kept around the differing span


@lru_cache(maxsize=500_000)
def channel_cost(ocr: str, truth: str, diacritic_only: bool = False) -> float:
    """Weighted edit distance from ``truth`` (a candidate) to ``ocr`` (what was read).

    With ``diacritic_only`` only matches and diacritic rules are allowed;
    returns ``inf`` when ``truth`` cannot be reached that way.

    The dynamic programme runs on the differing span only, with ``CONTEXT``
    shared characters either side (a rule reads at most two characters, a
    doubled letter looks one character away): the same cost as on the whole
    words, at a fraction of the cells.
    """
    n, m = len(ocr), len(truth)
    p = 0
    while p < n and p < m and ocr[p] == truth[p]:
        p += 1
    if p == n == m:
        return 0.0
    q = 0
    while q < n - p and q < m - p and ocr[n - 1 - q] == truth[m - 1 - q]:
        q += 1
    a = max(0, p - CONTEXT)
    qq = max(0, q - CONTEXT)
    if a or qq:
        return _dp(ocr[a : n - qq], truth[a : m - qq], diacritic_only)
    return _dp(ocr, truth, diacritic_only)


def _dp(ocr: str, truth: str, diacritic_only: bool) -> float:
    n, m = len(ocr), len(truth)
    INF = float("inf")
    d = [[INF] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    # per OCR position, once: the rules whose source starts there, and the cost of an extra character
    rules_at = []
    ins_at = []
    for i in range(n + 1):
        rs = []
        for L in range(1, _MAX_SRC + 1):
            if i + L > n:
                break
            for tgt, c, is_dia in _BY_SRC.get(ocr[i : i + L], ()):
                if is_dia or not diacritic_only:
                    rs.append((L, tgt, len(tgt), c))
        rules_at.append(rs)
        ins_at.append(INS_COST_DOUBLE if i < n and ((i > 0 and ocr[i - 1] == ocr[i]) or ocr[i + 1 : i + 2] == ocr[i]) else INS_COST)
    del_at = []
    for j in range(m):
        if truth[j] in DIACRITIC_TARGETS:
            del_at.append(DEL_COST_DIACRITIC)
        elif (j > 0 and truth[j - 1] == truth[j]) or truth[j + 1 : j + 2] == truth[j]:
            del_at.append(DEL_COST_DOUBLE)
        else:
            del_at.append(DEL_COST)
    for i in range(n + 1):
        row = d[i]
        nxt = d[i + 1] if i < n else None
        rs = rules_at[i]
        oc = ocr[i] if i < n else None
        ic = ins_at[i]
        for j in range(m + 1):
            cur = row[j]
            if cur == INF:
                continue
            if nxt is not None and j < m:
                if oc == truth[j] and cur < nxt[j + 1]:
                    nxt[j + 1] = cur
            for L, tgt, lt, c in rs:
                if truth.startswith(tgt, j):
                    nc = cur + c
                    r2 = d[i + L]
                    if nc < r2[j + lt]:
                        r2[j + lt] = nc
            if diacritic_only:
                continue
            if nxt is not None:
                if j < m and cur + SUB_COST < nxt[j + 1]:
                    nxt[j + 1] = cur + SUB_COST
                if cur + ic < nxt[j]:
                    nxt[j] = cur + ic
            if j < m and cur + del_at[j] < row[j + 1]:
                row[j + 1] = cur + del_at[j]
    return d[n][m]


def substitution_walk(src: str, kept: str, table, max_src: int, max_subs: int, max_cost: float,
                      diacritic_only: bool = False, prefix_ok=None) -> dict[str, float]:
    """Every string reachable by replacing up to ``max_subs`` non-overlapping pieces of ``src``.

    ``table`` maps a piece of ``src`` to ``(replacement, cost, is_diacritic)``
    options; an unreplaced position contributes ``kept[i]`` (``src`` itself, or
    its translation into another alphabet such as the skeleton classes).  With
    ``prefix_ok`` a branch is cut as soon as its prefix cannot begin a key (a
    trie-style search without a trie in memory).  Returns the cheapest cost of
    each result.  Shared by the lexicon-key and the skeleton-key searches.
    """
    out: dict[str, float] = {}
    n = len(src)

    def walk(i: int, acc: str, cost: float, subs: int) -> None:
        if prefix_ok is not None and acc and not prefix_ok(acc):
            return
        if i >= n:
            if acc not in out or cost < out[acc]:
                out[acc] = cost
            return
        walk(i + 1, acc + kept[i], cost, subs)
        if subs >= max_subs:
            return
        for L in range(1, max_src + 1):
            if i + L > n:
                break
            for rep, c, is_dia in table.get(src[i : i + L], ()):
                if diacritic_only and not is_dia:
                    continue
                if cost + c <= max_cost:
                    walk(i + L, acc + rep, cost + c, subs + 1)

    walk(0, "", 0.0, 0)
    return out
