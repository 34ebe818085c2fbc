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
from zlib import crc32

# (ocr, truth, cost).  Lower-case; the corrector compares lower-cased strings.  Within one OCR glyph the
# costs follow how often English-model Tesseract reads each letter so (character alignments of the dev
# sets, our own rendered pages): "d" is most often "ö", then "å", then "ä"; "4" and "é" more often "å"
# than "ä".
DIACRITIC_RULES: list[tuple[str, str, float]] = [
    ("a", "å", 0.3), ("a", "ä", 0.3), ("o", "ö", 0.3), ("e", "é", 0.5), ("u", "ü", 0.5),
    ("é", "ö", 0.2), ("é", "å", 0.5), ("é", "ä", 0.6), ("è", "ö", 0.4), ("ë", "ö", 0.3), ("ô", "ö", 0.3),
    ("6", "ö", 0.3), ("5", "ö", 0.6), ("0", "ö", 0.5), ("&", "ö", 0.4), ("§", "ö", 0.6), ("8", "ö", 0.7),
    ("4", "å", 0.4), ("4", "ä", 0.5), ("#", "ä", 0.5), ("#", "å", 0.6), ("&", "ä", 0.6), ("&", "å", 0.6),
    ("3", "ä", 0.7), ("d", "ä", 0.6), ("d", "å", 0.5), ("d", "ö", 0.45), ("i", "ä", 0.4), ("i", "å", 0.4),
    ("1", "ä", 0.7), ("1", "å", 0.7), ("e", "ä", 0.8), ("g", "ö", 0.8), ("s", "ö", 0.9), ("ä", "å", 0.6),
    ("å", "ä", 0.6), ("ã", "ä", 0.3), ("á", "å", 0.3), ("à", "å", 0.3), ("â", "å", 0.3), ("ii", "ü", 0.5),
    ("é", "e", 0.3), ("ó", "ö", 0.3), ("ò", "ö", 0.3), ("õ", "ö", 0.3),
    # English-model OCR reads the two dots of ä/ö as a second stem ("ii") or a
    # neighbouring stroke ("ti", "i"): general classes, invented example "siikert" → "säkert".
    ("ii", "ä", 0.3), ("ii", "ö", 0.5), ("ii", "å", 0.5), ("i", "ö", 0.6), ("ti", "ö", 0.6), ("il", "ä", 0.6), ("ti", "ä", 0.6),
    ("li", "ä", 0.6),
    # ... or after the "a" it rests on ("ai": invented example "begairs" → "begärs"; "ai" for "å", rarer,
    # below)
    ("ai", "ä", 0.5),
    # ... or as "d" + "i" (the dots a stroke, the body a "d": invented example "motiondiren" → "motionären").
    # Dearer than "d" or "i" alone: the short words "dir", "din" stay the frequency readings' ("där", "än"
    # lose to "är" at 0.5). Dev sets: 3 words better, none worse
    ("di", "ä", 0.8), ("di", "å", 0.9),
    # "ai" for "å" as dear ("pai" → "på"; at 0.5 it made garbage compounds, "<med><borgå><kontor>").  Dev
    # sets: 4 words better, 1 worse ("frain" before "en": "fram" or "från", the verb before decides)
    ("ai", "å", 0.9),
    # the euro sign for the ring of å (a rounded glyph with a crossbar: "f€" → "få")
    ("€", "å", 0.5),
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
    # the "6" English-model OCR makes of "ö" also of a plain "o" now and then ("6m" for "om")
    ("6", "o", 0.7),
    ("h", "n", 0.5), ("n", "h", 0.6), ("y", "j", 0.5), ("j", "y", 0.6), ("j", "l", 0.6), ("x", "s", 0.7),
    ("p", "f", 0.7), ("i", "t", 0.7), ("mb", "m", 0.5), ("i", "r", 0.7), ("i", "u", 0.8),
    # the arch of "n" split into a stem and a hook, like m read as rn (invented example "sarima" → "sanna")
    ("ri", "n", 0.5), ("ti", "n", 0.6), ("rt", "n", 0.6),
    # ... and "m" read as "tn", its first arch a "t" ("livstnedel": "livsmedel")
    ("tn", "m", 0.6),
    # ... and the other way: "ri" run together into one "n" ("Dianenummer", "nskbaserad")
    ("n", "ri", 0.6),
    # ... or as two stems ("skolaii", "aiislag": dev sets 7 words better, none worse)
    ("ii", "n", 0.5),
    # ... and "u" as a stem and a hook too, its left stem crossed ("tinder" → "under", "arbetstitskott" →
    # "arbetsutskott")
    ("ti", "u", 0.6),
    # ... and the other way: a t's stem and an i run together into one "u" ("ullsammans" → "tillsammans")
    ("u", "ti", 0.6),
    # ... and the arches of "m" the same way ("kori" + "mun" style: m read as ri)
    ("ri", "m", 0.6), ("ra", "m", 0.7),
    # ... and "h" as a stem and an arch read as "t" + "i", as it is read "li" ("octi" → "och")
    ("ti", "h", 0.7),
    # "lä" read as "ki": the l's stem and the dots of ä merged into k + i (invented example "kiska" → "läska")
    ("ki", "lä", 0.5), ("ki", "lå", 0.6),
    # the l after an s read as t ("forstag" → "förslag", "bestiut" → "beslut")
    ("st", "sl", 0.4),
    # k read as h, its arm lost ("shall" → "skall", "hushallningssillshapets"); at 0.6 an unlisted
    # compound as read yielded to a listed one ("hundregister" → "kundregister")
    ("h", "k", 0.7),
]
RULES = DIACRITIC_RULES + SHAPE_RULES
DIACRITIC_TARGETS = set("åäöé")
# Generic edit costs: a dropped letter (truth letter missing in OCR) is common
# for å/ä/ö whose glyph the engine discarded.
SUB_COST = 1.0
INS_COST = 1.0  # extra character in the OCR string
INS_COST_DOUBLE = 0.5
# A digit among letters is a misread letter (6 for ö, 4 for å, 1 for l), hardly ever a speck read as a glyph
# (specks come out as . , ' | -): dropping it must cost more than reading it as its letter.
INS_COST_DIGIT = 1.5
DEL_COST = 1.0  # truth character missing from OCR
DEL_COST_DIACRITIC = 0.6
DEL_COST_DOUBLE = 0.5  # one letter of a doubled consonant lost ("tilI" → "till" style: "fins" → "finns")

_BY_SRC: dict[str, list[tuple[str, float, bool]]] = {}
for _o, _t, _c in RULES:
    _BY_SRC.setdefault(_o, []).append((_t, _c, (_o, _t, _c) in DIACRITIC_RULES))
_MAX_SRC = max(len(o) for o, _, _ in RULES)

STRIP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def glyph_cost(ocr: str, truth: str) -> float:
    """The cheapest rule that reads one OCR glyph as one letter, else a free substitution's cost."""
    return min((c for t, c, _ in _BY_SRC.get(ocr, ()) if t == truth), default=SUB_COST)


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


# (OCR glyph, truth letter) -> cheapest one-glyph diacritic rule: ``_dp``'s diacritic-only shortcut
_DIA_ONE: dict[tuple[str, str], float] = {}
for _o, _reads in _BY_SRC.items():
    for _t, _c, _is_dia in _reads:
        if _is_dia and len(_o) == 1 and len(_t) == 1 and _c < _DIA_ONE.get((_o, _t), float("inf")):
            _DIA_ONE[(_o, _t)] = _c


def _dp(ocr: str, truth: str, diacritic_only: bool) -> float:
    n, m = len(ocr), len(truth)
    INF = float("inf")
    if diacritic_only and n <= m:
        # Diacritic-only readings neither insert nor delete: every step reads one or two OCR glyphs
        # and writes one letter.  So a longer truth is unreachable, and an equally long one is read
        # glyph by glyph — the cost is the sum, left to right as the programme below adds it, of the
        # cheapest rule at each differing position (the same float).
        if n < m:
            return INF
        cost = 0.0
        for o, t in zip(ocr, truth):
            if o != t:
                c = _DIA_ONE.get((o, t))
                if c is None:
                    return INF
                cost += c
        return cost
    # Rows are finished one at a time: a cell is only lowered from earlier rows and by a deletion from
    # its left neighbour, so once the deletion chain has run over a row, its cells are final and are
    # pushed on (match, substitution, extra glyph, rules) — the same minima, and the same float sums,
    # as relaxing cell by cell.  A rule is tried only where its target occurs in ``truth``.
    d = [[INF] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    rules_at = _rules_at(ocr, diacritic_only)
    at = _starts(truth)  # rule target -> the positions of ``truth`` where it starts
    if not diacritic_only:
        del_at = _del_costs(truth)
    for i in range(n + 1):
        row = d[i]
        if not diacritic_only:
            prev = row[0]
            for j in range(m):
                x = prev + del_at[j]
                if x < row[j + 1]:
                    row[j + 1] = x
                else:
                    x = row[j + 1]
                prev = x
        if i < n:
            nxt = d[i + 1]
            oc = ocr[i]
            if diacritic_only:
                for j in range(m):
                    if oc == truth[j]:
                        cur = row[j]
                        if cur < nxt[j + 1]:
                            nxt[j + 1] = cur
            else:
                ic = INS_COST_DOUBLE if (i > 0 and ocr[i - 1] == oc) or ocr[i + 1 : i + 2] == oc else \
                    INS_COST_DIGIT if oc.isdigit() else INS_COST
                # (the deletion chain leaves no cell of a row infinite: no test for it)
                j = 0
                for cur, tc in zip(row, truth):
                    x = cur if oc == tc else cur + SUB_COST  # match or substitution
                    if x < nxt[j + 1]:
                        nxt[j + 1] = x
                    x = cur + ic  # an extra glyph
                    if x < nxt[j]:
                        nxt[j] = x
                    j += 1
                x = row[m] + ic
                if x < nxt[m]:
                    nxt[m] = x
        for L, tgt, lt, c in rules_at[i]:
            pos = at.get(tgt)
            if pos:
                r2 = d[i + L]
                for j in pos:
                    nc = row[j] + c
                    if nc < r2[j + lt]:
                        r2[j + lt] = nc
    return d[n][m]


@lru_cache(maxsize=20_000)
def _rules_at(ocr: str, diacritic_only: bool) -> tuple[tuple[tuple[int, str, int, float], ...], ...]:
    """Per OCR position (and one past the end): the rules whose source starts there."""
    n = len(ocr)
    pieces = _RULE_PIECES[diacritic_only]
    out = []
    for i in range(n + 1):
        rs = pieces.get(ocr[i : i + 1], ())
        for L in range(2, _MAX_SRC + 1):
            if i + L > n:
                break
            more = pieces.get(ocr[i : i + L])
            if more:
                rs += more
        out.append(rs)
    return tuple(out)


# OCR piece -> its rules ``(piece length, target, target length, cost)`` in ``_BY_SRC`` order, for
# ``_rules_at``; [False] all rules, [True] the diacritic ones
_RULE_PIECES = {dia: {src: tuple((len(src), t, len(t), c) for t, c, is_dia in reads if is_dia or not dia)
                      for src, reads in _BY_SRC.items()} for dia in (False, True)}


_MAX_TGT = max(len(t) for _, t, _ in RULES)


@lru_cache(maxsize=20_000)
def _starts(truth: str) -> dict[str, list[int]]:
    """Every piece of ``truth`` as long as a rule target -> the positions where it starts."""
    out: dict[str, list[int]] = {}
    m = len(truth)
    for j in range(m):
        for L in range(1, min(_MAX_TGT, m - j) + 1):
            out.setdefault(truth[j : j + L], []).append(j)
    return out


@lru_cache(maxsize=20_000)
def _del_costs(truth: str) -> tuple[float, ...]:
    """Per truth position: the cost of that letter missing from the OCR string."""
    out = []
    for j in range(len(truth)):
        if truth[j] in DIACRITIC_TARGETS:
            out.append(DEL_COST_DIACRITIC)
        elif (j > 0 and truth[j - 1] == truth[j]) or truth[j + 1 : j + 2] == truth[j]:
            out.append(DEL_COST_DOUBLE)
        else:
            out.append(DEL_COST)
    return tuple(out)


def substitution_walk(src: str, kept: str, table, max_src: int, max_subs: int, max_cost: float,
                      diacritic_only: bool = False, prefix_ok=None) -> dict[str, float]:
    """Every string reachable by replacing up to ``max_subs`` non-overlapping pieces of ``src``.

    ``table`` maps a piece of ``src`` to ``(replacement, cost, is_diacritic)``
    options; an unreplaced position contributes ``kept[i]`` (``src`` itself, or
    its translation into another alphabet such as the skeleton classes).  With
    ``prefix_ok`` a branch is cut as soon as its prefix cannot begin a key (a
    trie-style search without a trie in memory).  Returns the cheapest cost of
    each result.  Shared by the lexicon-key and the skeleton-key searches.

    A ``prefix_ok`` with a crc32 bitmap (``lexicon.PrefixBits``) is tested inline with the crc
    carried along the branch (one ``crc32`` of the appended piece per step, no re-encoding of the
    prefix): the hot loop of candidate search.  Its false positives only keep a branch that cannot
    reach a key (a string no lookup finds); every live branch is walked as before, in the same order.
    """
    out: dict[str, float] = {}
    n = len(src)
    kept_b, opts, branch, _ = _walk_plan(src, kept, table, max_src, diacritic_only)
    bits = getattr(prefix_ok, "bits", None)
    if bits is not None:
        return _bitmap_walk(n, kept, kept_b, opts, branch, max_subs, max_cost, bits, prefix_ok.mask, out)

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
        for L, rep, _, c in opts[i]:
            if cost + c <= max_cost:
                walk(i + L, acc + rep, cost + c, subs + 1)

    walk(0, "", 0.0, 0)
    return out


_PLANS: dict[tuple, tuple] = {}  # ``_walk_plan``: a token's walks (skeleton keys, one-edit keys) share one
_PLANS_MAX = 20_000
_PIECES: dict[tuple, tuple] = {}  # (id(table), diacritic_only) -> (table, piece -> its options, encoded)


def _walk_plan(src: str, kept: str, table, max_src: int, diacritic_only: bool):
    """Per position of ``src``: the kept glyph (utf-8), the replacements that start there
    ``(piece length, replacement, its utf-8, cost)`` in ``table`` order, and the first position at or
    after it where a replacement starts (``len(src)``: none).  Built once per walk, not at every visit."""
    key = (src, kept, id(table), max_src, diacritic_only)
    plan = _PLANS.get(key)
    if plan is None or plan[3] is not table:  # (an id is only reused by another table after this one died)
        got = _PIECES.get((id(table), diacritic_only))
        if got is None or got[0] is not table:
            got = _PIECES[(id(table), diacritic_only)] = (table, {
                k: tuple((len(k), rep, rep.encode("utf-8"), c) for rep, c, is_dia in v if is_dia or not diacritic_only)
                for k, v in table.items()})
        pieces = got[1]
        n = len(src)
        opts = []
        for i in range(n):
            o = pieces.get(src[i], ())
            for L in range(2, max_src + 1):
                if i + L > n:
                    break
                more = pieces.get(src[i : i + L])
                if more:
                    o += more
            opts.append(o)
        branch = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            branch[i] = i if opts[i] else branch[i + 1]
        if len(_PLANS) >= _PLANS_MAX:
            _PLANS.clear()
        plan = _PLANS[key] = ([ch.encode("utf-8") for ch in kept], opts, branch, table)
    return plan


def _bitmap_walk(n: int, kept: str, kept_b, opts_b, branch, max_subs: int, max_cost: float, bits, mask: int,
                 out: dict[str, float]):
    """``substitution_walk`` with the prefix test on a crc32 bitmap, the crc extended piece by piece.

    A run of glyphs that no replacement can start in (or any run once ``max_subs`` is spent) is
    appended and tested in one step: a prefix inside it that cannot begin a key makes the whole run
    fail the test (but for a false positive, which only walks on to a string no lookup finds).  The
    strings that are keys, their costs and their order are those of the glyph-by-glyph walk.
    """

    def walk(i: int, acc: str, h: int, cost: float, subs: int) -> None:
        # ``acc`` (crc ``h``) passed the prefix test; run on to the next position with a choice
        j = branch[i] if subs < max_subs else n
        if j > i:
            run = kept[i:j]
            h = crc32(run.encode("utf-8"), h)
            if not bits[(h & mask) >> 3] >> (h & 7) & 1:
                return
            acc += run
            i = j
        if i >= n:
            if acc not in out or cost < out[acc]:
                out[acc] = cost
            return
        h2 = crc32(kept_b[i], h)
        if bits[(h2 & mask) >> 3] >> (h2 & 7) & 1:
            walk(i + 1, acc + kept[i], h2, cost, subs)
        for L, rep, rb, c in opts_b[i]:
            nc = cost + c
            if nc <= max_cost:
                h2 = crc32(rb, h)
                if bits[(h2 & mask) >> 3] >> (h2 & 7) & 1:
                    walk(i + L, acc + rep, h2, nc, subs + 1)

    walk(0, "", 0, 0.0, 0)
    return out


def prefix_walks(src: str, kept: str, table, max_src: int, max_subs: int, max_cost: float,
                 diacritic_only: bool, prefix_ok) -> list[dict[str, float]]:
    """``substitution_walk`` of every prefix of ``src`` at once (``prefix_ok`` a crc32 bitmap).

    ``out[j]`` holds the strings of ``substitution_walk(src[:j], kept[:j], ...)``: they are the nodes
    the walk of ``src`` reaches at position j, in the same depth-first order (a piece that would end
    past j is one that walk does not have), with the same costs.  One walk instead of one per
    prefix, for the compound-part search that tries every head of a token.
    """
    n = len(src)
    kept_b, opts, _, _ = _walk_plan(src, kept, table, max_src, diacritic_only)
    bits, mask = prefix_ok.bits, prefix_ok.mask
    outs: list[dict[str, float]] = [{} for _ in range(n + 1)]

    def walk(i: int, acc: str, h: int, cost: float, subs: int) -> None:
        o = outs[i]
        if acc not in o or cost < o[acc]:
            o[acc] = cost
        if i >= n:
            return
        h2 = crc32(kept_b[i], h)
        if bits[(h2 & mask) >> 3] >> (h2 & 7) & 1:
            walk(i + 1, acc + kept[i], h2, cost, subs)
        if subs >= max_subs:
            return
        for L, rep, rb, c in opts[i]:
            nc = cost + c
            if nc <= max_cost:
                h2 = crc32(rb, h)
                if bits[(h2 & mask) >> 3] >> (h2 & 7) & 1:
                    walk(i + L, acc + rep, h2, nc, subs + 1)

    walk(0, "", 0, 0.0, 0)
    return outs
