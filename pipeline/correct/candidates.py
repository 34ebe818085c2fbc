"""Candidate corrections for one OCR word, scored by a noisy-channel model.

score(c) = log10 count(c) − W · channel_cost(ocr, c)

Generation is staged, cheapest first, and stops as soon as a stage finds a
common word, because almost every misreading is found by the first stages:

0+1. confusion skeletons (``skeleton``): the token is mapped onto the few
   skeleton keys it may stand for (≤ ``MAX_SUBS`` class-changing glyph
   readings; in-class confusions such as l/i, t/f/r, u/n and every å/ä/ö
   spelling are free in the key), each key is one dict lookup that returns
   the candidate words, and only those get the exact channel cost
   (memoised).  The key walk is pruned by the skeleton-key prefix hashes
   (``Lexicon.sk_filter``, a bitmap tested on a crc carried along the walk);
   compounds of the cheapest stripped variants (``cheapest_variants``) are
   segmented only when the lookups found no common word cheaply;
2. one free edit (insert, delete, substitute) on the best few skeletons —
   built only where the edited prefix may still begin a key (``_one_edit_keys``);
3. long words still without a good reading: a compound with several damaged
   parts, segmented with each part corrected on its own by ≤ 2 confusions
   (linking -s- kept) — ``_fuzzy``;
4. ``second_chance`` (called by the corrector only for a token of 6+
   letters that no stage read cheaply): heavy damage, several confusions
   plus a lost or extra letter.  The token's skeleton is compared by plain
   Levenshtein distance (rapidfuzz, bit-parallel) with the skeletons of the
   ``SECOND_TOP`` most frequent words of about its length — in-class
   confusions are free in a skeleton, so the distance counts only the dear
   edits — and the few hits are re-scored with the exact channel cost;
5. ``_rare``: a long token no stage read at all may be a rare word (a form only hunspell lists, or
   one the web seldom writes: below the other stages' frequency floor) with its å/ä/ö lost or misread.

Compound readings the lexicon does not list score ``UNLISTED_PENALTY`` lower:
they are inferences.  A rare listed compound counts as often as its parts
suggest (``count``).

symspellpy was tried for stage 2 but its dictionary of deletes for a
million-form lexicon costs seconds and hundreds of MB at load; the staged
search needs neither.  ``lookup_compound`` is never used: it re-splits text
and destroys numbers.
"""
from __future__ import annotations

import math
from operator import itemgetter
from dataclasses import dataclass
from functools import lru_cache
from zlib import crc32

from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein as rf_lev

from .compounds import Compounds
from .confusions import BASE_OF, DEL_COST_DIACRITIC, channel_cost, prefix_walks, substitution_walk
from .lexicon import Lexicon
from . import skeleton

COMMON_COUNT = 1000
UNLISTED_PENALTY = 0.7  # log10: a compound the lexicon does not list is an inference, not a fact
W = 3.0  # one unit of channel cost is worth three orders of magnitude of frequency
MAX_SUBS = 3
MAX_VARIANT_COST = 1.6
# endings that inflect a Swedish noun, adjective or verb (plural, definite, genitive, neuter, tense)
INFLECTION_ENDINGS = ("r", "er", "ar", "or", "na", "en", "et", "n", "t", "s", "e", "a", "de", "te")
HEAD_AS_READ_MIN_COUNT = 20_000  # ``_segment_impl``: a compound head as read this common competes with its restored form
MIN_CANDIDATE_COUNT = 20  # wordfreq noise below this is never proposed
GOOD_COUNT = 1000
MAX_LOG_COUNT = 7.6  # log10 of the most frequent word's count ("och"): an upper bound on any score
BOUND_SLACK = 0.5  # channel cost may undercut a variant's cost a little
COMPOUND_VARIANTS = 12
COMPOUND_SUBS = 2
COMPOUND_MAX_COST = 1.0  # only the cheapest variants are segmented: no need to enumerate dearer ones
FUZZY_MIN_LEN = 10  # stage 3 (each compound part corrected on its own) for long words only
PART_SUBS = 2
PART_MAX_COST = 1.0
LINK_MAX_COST = 0.8  # a compound's linking "s" misread ("arrangemangxbidrag"): a confusion this cheap
PART_EDIT_MIN_LEN = 5  # a part this long with no confusion reading may take one free edit ...
PART_EDIT_COST = 1.0  # ... at this cost, to a word at least this common:
PART_EDIT_MIN_COUNT = 1000
FUZZY_EDIT_MAX_COST = 1.3  # the edit and at most one cheap confusion besides ("feri" + "epraktik" is no "fem" + "praktik")
PART_INSERT = "abcdefghijklmnopqrstuvwxyz"  # (å/ä/ö come back through the lookup's stripped keys)
PART_PENALTY = 0.2  # a third part must earn its place
# ``_read_tail_split``: a tail this long, a head this cheap, the whole reading no dearer than this
READ_TAIL_MIN_LEN = 6
GLUE_MARKS = frozenset(".,:;'’\"-—–")  # ... and none of these inside the token
READ_TAIL_HEAD_COST = 0.3
READ_TAIL_MAX_COST = 1.3
FUZZY_MAX_COST = 1.6  # a stage that finds a word this common ends the search
ALPHABET = "abcdefghijklmnoprstuvy"
SK_ALPHABET = "".join(sorted(set(skeleton.skeleton(c) for c in ALPHABET)))
_SK_LETTERS = tuple((ch, ch.encode("utf-8")) for ch in SK_ALPHABET)
RARE_MIN_LEN = 6  # ``_rare``: tokens this long (a shorter one has frequent readings to fall back on; 7 lost "träull") ...
RARE_MAX_COST = 0.9  # ... within this many diacritic readings
PRUNE = 3.0  # a word this far (log10) below the best score cannot be best or runner-up, even with bonuses
COMPOUND_SKIP_COST = 0.5
DROPPED_MIN_LEN = 4  # stage 1b (a dropped å/ä/ö): shorter tokens are left to the real-word and lone-letter rules
DROPPED_VARIANTS = 2  # ... inserted into this many of the cheapest keys
DROPPED_SKIP_COST = 0.3  # ... unless a common word is this cheap (a restored å/ä/ö: "gare" may be "ägare", not "gate")
MAX_CANDIDATE_COST = 3.0  # a skeleton match this dear is no reading of the token
_MAX_SRC = max(len(k) for k in BASE_OF)
SECOND_MIN_LEN = 6
SECOND_TOP = 150_000  # the second-chance search looks among this many most frequent words ...
SECOND_LEN_SPAN = 2  # ... of the token's length ± this
SECOND_HITS = 8
# Memos of the search (per corrector): a full one is emptied and refilled — they pay off within a token's
# variants and across a page's tokens, and must not grow without bound in a long batch.
HEADS_CACHE = 100_000
PART_VARIANTS_CACHE = 20_000  # (values are dicts of variants)
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
        return math.log10(max(self.count, 1)) - W * self.cost - (UNLISTED_PENALTY if self.method == "compound" else 0.0)


def variants(s: str, max_subs: int, max_cost: float, diacritic_only: bool = False, prefix_ok=None) -> dict[str, float]:
    """Strings reachable from ``s`` by glyph→stripped-letter replacements (approximate cost)."""
    return substitution_walk(s, s, BASE_OF, _MAX_SRC, max_subs, max_cost, diacritic_only, prefix_ok)


def cheapest_variants(s: str, k: int, max_cost: float, diacritic_only: bool = False) -> dict[str, float]:
    """The ``k`` cheapest variants of ``s`` with at most two (non-overlapping) glyph replacements.

    The same strings as ``variants(s, 2, max_cost)`` would rank first, without walking all of them:
    single replacements are listed once, pairs only from the singles cheap enough to pair.
    """
    singles: list[tuple[float, int, int, str]] = []
    for i in range(len(s)):
        for L in range(1, _MAX_SRC + 1):
            if i + L > len(s):
                break
            for base, c, is_dia in BASE_OF.get(s[i : i + L], ()):
                if (is_dia or not diacritic_only) and c <= max_cost:
                    singles.append((c, i, L, base))
    singles.sort()
    out: dict[str, float] = {s: 0.0}
    for c, i, L, base in singles:
        v = s[:i] + base + s[i + L :]
        if c < out.get(v, 9.0):
            out[v] = c
    get = out.get
    for a, (c1, i1, L1, b1) in enumerate(singles):
        if 2 * c1 > max_cost:
            break
        head1 = s[:i1] + b1  # the text up to and with the first replacement, when it comes first
        for c2, i2, L2, b2 in singles[a + 1 :]:
            c = c1 + c2
            if c > max_cost:
                break
            if i1 < i2:
                if i2 < i1 + L1:
                    continue  # overlapping
                v = head1 + s[i1 + L1 : i2] + b2 + s[i2 + L2 :]
            else:
                if i1 < i2 + L2:
                    continue
                v = s[:i2] + b2 + s[i2 + L2 : i1] + b1 + s[i1 + L1 :]
            if c < get(v, 9.0):
                out[v] = c
    return dict(sorted(out.items(), key=itemgetter(1))[:k])  # the k cheapest, ties in order of appearance


class CandidateGenerator:
    def __init__(self, lex: Lexicon, compounds: Compounds) -> None:
        self.lex = lex
        self.cpd = compounds
        self.best = lru_cache(maxsize=200_000)(self._best)
        self._lookup = lru_cache(maxsize=500_000)(self._lookup_key)
        self._parts = lru_cache(maxsize=200_000)(self._part_options)
        self._fuzzy = lru_cache(maxsize=100_000)(self._fuzzy_impl)
        self._segment = lru_cache(maxsize=200_000)(self._segment_impl)
        self.second_chance = lru_cache(maxsize=50_000)(self._second_chance)
        self._buckets: dict[int, tuple[list[str], list[str]]] | None = None
        self._heads: dict[str, list[str]] = {}  # ``_head_forms``
        self._tails: dict[str, str] = {}  # ``_segment_impl``: first compound-final reading of a tail
        self._next_letters: dict[str, list[str]] = {}  # ``_one_edit_keys``
        self._part_variants: dict[str, dict[str, float]] = {}  # ``_part_options``: one walk per token's heads

    # -- lexicon access -------------------------------------------------
    def count(self, w: str) -> int:
        c = self.lex.words.get(w, 0)
        if c >= COMMON_COUNT:
            return c
        # A rare listed compound ("x-ningsbidragen", a name's genitive) is as frequent as its parts suggest.
        return max(c, self.cpd.pseudo_count(w) if self.cpd.is_valid(w) else 0)

    def _count_of(self, w: str) -> int:
        return self.lex.words.get(w, 0)

    def _lookup_key(self, key: str) -> tuple[str, ...]:
        """Lexicon words whose stripped form is ``key`` (incl. ``key`` itself)."""
        st = self.lex.stripped.get(key)
        own = self.lex.words.get(key, 0) >= MIN_CANDIDATE_COUNT
        genitive = key.endswith("s") and len(key) > 4
        if not st and not own and not genitive:
            return ()  # the common case: a miss costs two dict lookups
        found = list(st or ())
        if own:
            found.append(key)
        if genitive:  # genitive of a name or place: "Tyresös"
            stem = key[:-1]
            found += [p + "s" for p in (*self.lex.stripped.get(stem, ()), stem) if p in self.lex.proper]
        words = self.lex.words
        # a listed count this high is enough (``count`` is never lower): the call only for the rest; a
        # rarer listed inflection of a common word too ("anläggningarnas": not "anläggningarna" with its
        # s deleted)
        return tuple([w for w in found if words.get(w, 0) >= MIN_CANDIDATE_COUNT or self.count(w) >= MIN_CANDIDATE_COUNT
                      or self.inflection_of_common(w)])

    def inflection_of_common(self, w: str) -> bool:
        """A form hunspell vouches for (not web-only) that is an ending away from a common word
        ("skadegörelser": 19 on the web, "skadegörelse" 4,270): a real inflection, however rare the web
        finds it — below the candidate floor it lost to a dear edit of its base."""
        if w in self.lex.unattested or not self.lex.words.get(w, 0) or not w.isalpha():
            return False
        words = self.lex.words
        return any(w.endswith(e) and words.get(w[: -len(e)], 0) >= COMMON_COUNT for e in INFLECTION_ENDINGS)

    def _compound_lookup(self, key: str) -> tuple[str, ...]:
        """Compounds whose stripped form is ``key``: restore diacritics per part."""
        if len(key) < 7:
            return ()
        return self._segment(key)

    def _segment_impl(self, key: str) -> tuple[str, ...]:
        """Split a stripped string into lexicon parts (longest head first), restoring each part.

        The first head that fits gives its first form and, if that differs, the form as read when
        that is a compound stem ("krön" or "kron" + "täckning"): which one is the channel's and the
        counts' call.  The tail takes its most frequent form (the tail as read too, when it may end a
        compound: a form only hunspell lists is below every lookup's floor), and a tail split further its
        first reading — only when no head has a one-word tail: two parts before three ("järn" +
        "skoningar", not "järns" + "kön" + "ingår"; a longer head is no reason for a further guess)."""
        n = len(key)
        # A head longer than the longest prefix of ``key`` that may begin a findable key has no lexicon
        # reading (``_lookup`` finds nothing): only a compound-only stem can be it.  Not for a key with
        # é: a name's genitive ("<name with é>s") is found but hashed without its é.
        f = self.lex.prefix_filter
        p = f.prefix_len(key) if f is not None and "é" not in key else n
        stems = self.lex.stems
        heads_memo, tails_memo = self._heads, self._tails
        deferred: list[tuple[list[str], str]] = []
        for k in range(n - 3, 2, -1):
            if k > p:
                head = key[:k]
                if head not in stems:
                    continue
                heads = [head]  # ``_head_forms`` of a head no lookup finds
            else:
                head = key[:k]
                heads = heads_memo.get(head)
                if heads is None:
                    heads = self._head_forms(head)
                if not heads:
                    continue
            tail = key[k:]
            t0 = tails_memo.get(tail)  # the first lexicon reading of ``tail`` that may end a compound, or ""
            if t0 is None:
                # the most frequent reading: "krav" before "kräv" (an imperative is seldom a compound's end)
                t0 = max((t for t in (*self._lookup(tail), tail) if self.cpd.tail_ok(t)), key=self._count_of, default="")
                if len(tails_memo) >= HEADS_CACHE:
                    tails_memo.clear()
                tails_memo[tail] = t0
            # the restored head, and the head as read where hunspell lists it as a compound-only stem
            # (a plain word as read, "lone", may be web noise; a stem is Swedish compounding)
            # ... or where the head as read is itself an everyday word at least as frequent ("natt" +
            # "patrullen" beside "nått" + "patrullen": the counts and the channel decide)
            forms = heads[:1] + [head] if head != heads[0] and head in heads and (
                head in stems or self._count_of(head) >= max(HEAD_AS_READ_MIN_COUNT, self._count_of(heads[0]))) else heads[:1]
            if t0:
                # ... and another reading of the head where head + tail is a listed word: the first form
                # is the commoner word alone, not the likelier compound ("äter" before "åter": "åter" +
                # "förvisa" is hunspell's "återförvisa", "äter" + "förvisa" our guess)
                words = self.lex.words
                return tuple([h + t0 for h in forms] + [h + t0 for h in heads[1:] if h not in forms and h + t0 in words])
            if len(tail) >= 7:
                deferred.append((forms, tail))
        for forms, tail in deferred:
            rest = self._segment(tail)
            if rest:
                return tuple(h + rest[0] for h in forms)
        return ()

    def _head_forms(self, key: str) -> list[str]:
        # memoised: the segmentations of a token's variants try the same heads again and again
        out = self._heads.get(key)
        if out is None:
            out = [w for w in self._lookup(key) if self.cpd.head_ok(w)]
            out += [w for w in self.lex.stripped.get(key, ()) if w in self.lex.stems and w not in out and self.cpd.head_ok(w)]
            if key in self.lex.stems and key not in out:
                out.append(key)
            if len(self._heads) >= HEADS_CACHE:
                self._heads.clear()
            self._heads[key] = out
        return out

    # -- candidate search -----------------------------------------------
    def _from_variants(self, s: str, vs: dict[str, float], diacritic_only: bool, compounds: bool) -> dict[str, Candidate]:
        """Lexicon words reachable through the variants ``vs``, cheapest variant first.

        Stops when no remaining variant can beat the best score found: a word's
        score is at most ``MAX_LOG_COUNT − W · variant cost``.  With
        ``compounds`` only compound readings are looked for (segmentation, the
        expensive lookup), on the ``COMPOUND_VARIANTS`` cheapest variants.
        """
        found: dict[str, Candidate] = {}
        best_score = -math.inf
        order = sorted(vs, key=vs.get)
        if compounds:
            order = order[:COMPOUND_VARIANTS]
        for v in order:
            if MAX_LOG_COUNT - W * vs[v] < best_score - BOUND_SLACK:
                break
            words = self._lookup(v)
            if compounds:
                words = () if words else self._compound_lookup(v)
            for w in words:
                if w == s or w in found or w in self.lex.foreign:
                    continue
                cost = channel_cost(s, w, diacritic_only)
                if cost == math.inf:
                    continue
                method = "diacritics" if channel_cost(s, w, True) < math.inf else "confusion"
                if w not in self.lex.words:
                    method = "compound"
                c = found[w] = Candidate(w, cost, self.count(w), method, _rule(s, w))
                best_score = max(best_score, c.score)
        return found

    def _from_skeletons(self, s: str, vs: dict[str, float], diacritic_only: bool, prune: float) -> dict[str, Candidate]:
        """Lexicon words under the skeleton keys ``vs``, cheapest key first.

        The key's cost is a lower bound of a word's channel cost (in-class confusions are free in the
        key), so a word whose count cannot lift it within ``prune`` of the best score so far is not
        costed (words under a key are sorted by count: the rest of the key is skipped too).
        """
        found: dict[str, Candidate] = {}
        best_score = -math.inf
        index = self.lex.skeleton
        words = self.lex.words
        foreign = self.lex.foreign  # never a target (``Lexicon.foreign``)
        for v in sorted(vs, key=vs.get):
            vc = vs[v]
            if MAX_LOG_COUNT - W * vc < best_score - BOUND_SLACK:
                break
            for w in index.get(v, ()):
                if w == s or w in found or w in foreign:
                    continue
                n = words.get(w, 0)
                if n < COMMON_COUNT:  # ``count`` without the call for a common word
                    n = self.count(w)
                if math.log10(max(n, 1)) - W * vc < best_score - prune:
                    break
                cost = channel_cost(s, w, diacritic_only)
                if cost == math.inf or cost > MAX_CANDIDATE_COST:
                    continue
                if w not in self.lex.words:
                    method = "compound"
                elif diacritic_only or channel_cost(s, w, True) < math.inf:
                    method = "diacritics"
                else:
                    method = "confusion"
                c = found[w] = Candidate(w, cost, n, method, _rule(s, w))
                best_score = max(best_score, c.score)
        return found

    def _best(self, s: str, diacritic_only: bool = False, deep: bool = True) -> tuple[Candidate, ...]:
        """Candidates for lower-case ``s``, best first (may be empty).

        ``deep=False`` skips the free-edit and damaged-compound stages (the corrector uses it for
        the confusion-only name readings; never keyed on the document's damage estimate, or a
        rerun over corrected text would search differently).
        """
        s_key = s.translate(_KEY)  # keep é: it is an OCR glyph for ö here
        # Stage 0 + 1: the confusion skeletons the token may stand for, cheapest first (dict lookups).
        vs = skeleton.variants(s_key, MAX_SUBS, MAX_VARIANT_COST, diacritic_only, self.lex.sk_filter or self.lex.has_sk_prefix)
        found = self._from_skeletons(s, vs, diacritic_only, PRUNE)
        if not diacritic_only and len(s) >= DROPPED_MIN_LEN and not any(
                c.count >= GOOD_COUNT and c.cost <= DROPPED_SKIP_COST for c in found.values()):
            # Stage 1b: an å/ä/ö dropped, not only stripped ("freslas": "föreslås"; "sjns": "sjöns"):
            # English-model OCR drops the glyph it cannot read as often as it strips its dots, and the
            # substitution search never inserts a letter.  The cheapest keys with an "a" or "o" (the
            # skeleton's å/ä and ö) inserted anywhere; the channel cost charges the drop exactly.
            drops: dict[str, float] = {}
            bases = {skeleton.skeleton(s_key): 0.0}  # (the token's own key: no variant when it is no word's)
            bases.update((v, vs[v]) for v in sorted(vs, key=vs.get)[:DROPPED_VARIANTS])
            for v, cost in bases.items():
                vc = cost + DEL_COST_DIACRITIC
                for i in range(len(v) + 1):
                    for ch in "ao":
                        key = v[:i] + ch + v[i:]
                        if key not in vs and vc < drops.get(key, math.inf):
                            drops[key] = vc
            found.update((k, c) for k, c in self._from_skeletons(s, drops, False, PRUNE).items() if k not in found)
        # ... compounds of the cheapest variants: segmentation is the dear stage, tried only when the
        # lookups found no common word cheaply (a compound reading would not beat it).
        if len(s) >= 7 and not any(c.count >= GOOD_COUNT and c.cost <= COMPOUND_SKIP_COST for c in found.values()):
            vs = cheapest_variants(s_key, COMPOUND_VARIANTS, COMPOUND_MAX_COST, diacritic_only)
            found.update((k, c) for k, c in self._from_variants(s, vs, diacritic_only, compounds=True).items() if k not in found)
        if deep and not diacritic_only and not any(c.count >= GOOD_COUNT and c.cost <= 1.0 for c in found.values()) and len(s) >= 3:
            # Stage 2: one free edit on the cheapest skeletons.
            vs = skeleton.variants(s_key, 1, 0.8)
            edits: dict[str, float] = {}
            for v in sorted(vs, key=vs.get)[:4]:
                self._one_edit_keys(v, edits)
            found.update(
                (k, Candidate(c.word, c.cost, c.count, "edit", c.rule))
                for k, c in self._from_skeletons(s, edits, False, PRUNE).items()
                if k not in found
            )
        if deep and not diacritic_only and len(s) >= FUZZY_MIN_LEN and not any(c.cost <= 1.0 and c.count >= MIN_CANDIDATE_COUNT for c in found.values()):
            # Stage 3: a compound with several damaged parts: each part corrected on its own.
            seg = self._fuzzy(s_key)
            if seg and seg[0] not in found and seg[0] != s:
                cost = channel_cost(s, seg[0])
                if cost < math.inf:  # (a listed word is no compound of our making: the corrector prefers it)
                    method = "compound" if seg[0] not in self.lex.words else "confusion"
                    found[seg[0]] = Candidate(seg[0], cost, self.count(seg[0]), method, _rule(s, seg[0]))
        if deep and len(s) >= RARE_MIN_LEN and not any(c.cost <= RARE_MAX_COST and c.method != "compound" for c in found.values()):
            # (also beside dearer readings: a rare word the token is with its marks lost, "rétskador" →
            # "rötskador", 19 on the web, is likelier than a free edit to a commoner one, "rökskador")
            found.update((k, c) for k, c in self._rare(s, s_key).items() if k not in found)
        return self._ranked(found.values())

    def _ranked(self, cands) -> tuple[Candidate, ...]:
        """Best first; a tie goes to the more frequent listed word ("segersäng" 44, "segersång" 42)."""
        words = self.lex.words
        return tuple(sorted(cands, key=lambda c: (-c.score, -words.get(c.word, 0))))

    def _rare(self, s: str, s_key: str) -> dict[str, Candidate]:
        """Stage 5, for a long token no other stage read: a rare word (below ``MIN_CANDIDATE_COUNT``: a
        form only hunspell lists, or one the web seldom writes) that the token is with its å/ä/ö lost or
        misread ("rékdykning": "rökdykning", 11; "byaménnen": "byamännen", hunspell only).  Rare forms are
        kept out of the other stages, where a frequent word a confusion away is the likelier reading."""
        found: dict[str, Candidate] = {}
        stripped = self.lex.stripped
        for v in cheapest_variants(s_key, COMPOUND_VARIANTS, RARE_MAX_COST, diacritic_only=True):
            for w in stripped.get(v, ()):
                if w in found or w in self.lex.foreign or not w.isalpha():
                    continue
                cost = channel_cost(s, w, True)
                if cost <= RARE_MAX_COST:
                    found[w] = Candidate(w, cost, self.lex.words.get(w, 1), "diacritics", _rule(s, w))
        return found

    def _one_edit_keys(self, v: str, edits: dict[str, float]) -> None:
        """Skeleton keys one free edit (deletion, insertion, substitution, transposition) from ``v``.

        An edit at position i keeps v[:i], so the positions end at the first prefix of ``v`` that
        cannot begin a key; an inserted or substituted letter must extend v[:i] to such a prefix too
        (tested on the crc carried along ``v``).  The prefix test has no false negatives: the same
        keys as trying every edit, found in a fixed order.
        """
        index = self.lex.skeleton
        f = self.lex.sk_filter
        n = len(v)
        if f is None:  # an older build without prefix hashes: try every edit
            e = {v[:i] + v[i + 1 :] for i in range(n)}
            e |= {v[:i] + ch + v[i:] for i in range(n + 1) for ch in SK_ALPHABET}
            e |= {v[:i] + ch + v[i + 1 :] for i in range(n) for ch in SK_ALPHABET}
            e |= {v[:i] + v[i + 1] + v[i] + v[i + 2 :] for i in range(n - 1)}
            for x in e:
                if x not in edits and x in index:
                    edits[x] = 1.0
            return
        bits, mask = f.bits, f.mask
        h = 0  # crc of v[:i], which passed the prefix test
        for i in range(n + 1):
            head = v[:i]
            if i < n:
                x = head + v[i + 1 :]
                if x in index and x not in edits:
                    edits[x] = 1.0
                if i < n - 1:
                    x = head + v[i + 1] + v[i] + v[i + 2 :]
                    if x in index and x not in edits:
                        edits[x] = 1.0
            nexts = self._next_letters.get(head)  # the letters that may follow v[:i] (memoised: shared prefixes)
            if nexts is None:
                nexts = []
                for ch, cb in _SK_LETTERS:
                    h2 = crc32(cb, h)
                    if bits[(h2 & mask) >> 3] >> (h2 & 7) & 1:
                        nexts.append(ch)
                if len(self._next_letters) >= HEADS_CACHE:
                    self._next_letters.clear()
                self._next_letters[head] = nexts
            rest, after = v[i:], v[i + 1 :]
            for ch in nexts:
                x = head + ch + rest  # insertion
                if x in index and x not in edits:
                    edits[x] = 1.0
                if i < n:
                    x = head + ch + after  # substitution
                    if x in index and x not in edits:
                        edits[x] = 1.0
            if i == n:
                break
            h = crc32(v[i].encode("utf-8"), h)
            if not bits[(h & mask) >> 3] >> (h & 7) & 1:
                break

    def _second_buckets(self) -> dict[int, tuple[list[str], list[str]]]:
        """length -> (skeletons, words) of the most frequent words (``make dictionaries`` stores them)."""
        if self._buckets is None:
            self._buckets = self.lex.second or second_buckets(self.lex.words)
        return self._buckets

    def _second_chance(self, s: str) -> tuple[Candidate, ...]:
        """Heavily damaged ``s`` (lower case, 6+ letters): frequent words within a few dear edits, best first."""
        if len(s) < SECOND_MIN_LEN:
            return ()
        q = skeleton.ocr_key(s).translate(skeleton._CLS)
        maxd = max(2, len(s) // 4)
        buckets = self._second_buckets()
        found: dict[str, Candidate] = {}
        for n in range(len(q) - SECOND_LEN_SPAN, len(q) + SECOND_LEN_SPAN + 1):
            sks, ws = buckets.get(n, ((), ()))
            if not sks:
                continue
            for _, d, i in rf_process.extract(q, sks, scorer=rf_lev.distance, score_cutoff=maxd, limit=SECOND_HITS):
                w = ws[i]
                if w in found or w == s:
                    continue
                cost = channel_cost(s, w)
                if cost <= MAX_CANDIDATE_COST:
                    found[w] = Candidate(w, cost, self.count(w), "fuzzy", _rule(s, w))
        foreign = self.lex.foreign
        return self._ranked(c for c in found.values() if c.word not in foreign)

    def _part_options(self, key: str, head: bool, edit: bool = False) -> tuple[tuple[str, float], ...]:
        """Readings of one compound part (≤ ``PART_SUBS`` confusions), cheapest first; with ``edit``, a
        part with none may take one free edit."""
        out: dict[str, float] = {}
        if head and key in self.lex.stems:
            out[key] = 0.0
        # A key with é keeps the exact hash test: its walk can reach a name's genitive with é, a key the
        # prefix table hashes without the é (a bitmap false positive would let it through).
        exact = self.lex.prefix_filter is None or "é" in key
        vs = None if exact else self._part_variants.get(key)
        if vs is None:
            vs = variants(key, PART_SUBS, PART_MAX_COST, False, self.lex.has_prefix if exact else self.lex.prefix_filter)
        stems = self.lex.stems
        for v in sorted(vs, key=vs.get):
            for w in self._lookup(v):
                if w not in out and (self.cpd.head_ok(w) if head else self.cpd.tail_ok(w)):
                    out[w] = vs[v]
            if head:  # a compound-only stem with å/ä/ö ("förmyndar-"), too rare as a word for the lookup
                for w in self.lex.stripped.get(v, ()):
                    if w in stems and w not in out and self.cpd.head_ok(w):
                        out[w] = vs[v]
        if edit and not out and len(key) >= PART_EDIT_MIN_LEN and key.isalpha():
            # no confusion reading: one letter dropped or one too many ("frtids" + "kontoret", "ute" +
            # "gymmiet"), the stage-2 free edit at the level of a part.  An edit keeps ``key[:i]``, which
            # must be able to begin a key; never a part's last letter deleted (a tail's ending: "-ens" is no "-en"),
            # nor any "s": a linking one, "Storbäcksby" is no "Storbäck" + "by").
            f = self.lex.prefix_filter
            n = len(key)
            p = min(n, f.prefix_len(key)) if f is not None else n
            edits = {key[:i] + key[i + 1:] for i in range(min(p + 1, n - 1)) if key[i] != "s"}
            edits |= {key[:i] + ch + key[i:] for i in range(p + 1) for ch in PART_INSERT}
            st, words = self.lex.stripped, self.lex.words
            for e in edits:
                if e not in st and words.get(e, 0) < MIN_CANDIDATE_COUNT:
                    continue  # (most edits: two dict lookups, not the memoised call)
                for w in self._lookup(e):
                    if words.get(w, 0) < PART_EDIT_MIN_COUNT:
                        continue  # a guess this dear must land on an everyday word ("ferie" is no "fergie")
                    if w not in out and (self.cpd.head_ok(w) if head else self.cpd.tail_ok(w)):
                        c = channel_cost(e, w, True)
                        if c < math.inf:
                            out[w] = PART_EDIT_COST + c
        link = 0.0 if key.endswith("s") else channel_cost(key[-1], "s")  # a linking -s- read as "x", "5", "$"
        if head and link <= LINK_MAX_COST and len(key) > 4:  # linking -s-: "<part>s"
            for w, c in self._part_options(key[:-1], False, edit):
                if w + "s" not in out and self.cpd.head_ok(w + "s"):
                    out[w + "s"] = c + link
        return tuple(sorted(out.items(), key=lambda x: (x[1], -self.lex.words.get(x[0], 0)))[:3])

    def _fuzzy_split(self, key: str, parts_left: int) -> tuple[str, float] | None:
        """Cheapest reading of ``key`` as head part(s) + tail, each part corrected by confusions."""
        best: tuple[str, float] | None = None
        n = len(key)
        longest = key[: n - 3]
        if n - 3 > 3 and self.lex.prefix_filter is not None and "é" not in key and longest not in self._part_variants:
            # the heads below are the prefixes of ``longest``: their part variants come from one walk
            outs = prefix_walks(longest, longest, BASE_OF, _MAX_SRC, PART_SUBS, PART_MAX_COST, False, self.lex.prefix_filter)
            if len(self._part_variants) >= PART_VARIANTS_CACHE:
                self._part_variants.clear()
            for j in range(3, n - 2):
                self._part_variants.setdefault(longest[:j], outs[j])
        for k in range(n - 3, 2, -1):
            heads = self._parts(key[:k], True)
            if not heads:
                continue
            h, hc = heads[0]
            if best is not None and hc >= best[1]:
                continue
            tails = self._parts(key[k:], False)
            if tails and (best is None or hc + tails[0][1] < best[1]):
                best = (h + tails[0][0], hc + tails[0][1])
            if parts_left > 2 and n - k >= 6:
                rest = self._fuzzy_split(key[k:], parts_left - 1)
                if rest and (best is None or hc + rest[1] + PART_PENALTY < best[1]):
                    best = (h + rest[0], hc + rest[1] + PART_PENALTY)
        return best

    def _fuzzy_impl(self, key: str) -> tuple[str, float] | None:
        r = self._fuzzy_split(key, 3)
        if not r or r[1] > FUZZY_MAX_COST:
            # no reading by confusions alone: two parts, one of them with a letter dropped or added
            # (the dear search, only now)
            r = self._edit_split(key)
            if r and r[1] <= FUZZY_EDIT_MAX_COST:
                return r
            r = self._read_tail_split(key)  # ... and last, a head as read + a tail the word search reads
            return r if r and r[1] <= READ_TAIL_MAX_COST else None
        return r if r and r[1] <= FUZZY_MAX_COST else None

    def _read_tail_split(self, key: str) -> tuple[str, float] | None:
        """Cheapest reading of ``key`` as a head read as it stands (or with diacritics) + a tail that the
        whole-word search reads, free edit and all ("stadsbyggnads" + "fécvaltningen": "förvaltningen").

        The last resort for a long compound: its final part is an ordinary word damaged beyond the
        per-part confusions (two misread letters, one of them no listed confusion).  The tail must read as
        a common word, the head must cost at most a diacritic or two, and a token with a word-internal
        mark is a glued pair for ``splits``, never one word ("ska m6tet.avslutas").  Dev sets: 2
        words better, none worse; a dearer head or total read "feriepraktik" as "fem" + "praktik"."""
        if any(ch in GLUE_MARKS for ch in key):
            return None
        best: tuple[str, float] | None = None
        for k in range(len(key) - READ_TAIL_MIN_LEN, 2, -1):
            heads = [h for h in self._parts(key[:k], True) if h[1] <= READ_TAIL_HEAD_COST]
            if not heads:
                continue
            h, hc = heads[0]
            if best is not None and hc >= best[1]:
                continue
            for c in self.best(key[k:])[:1]:
                if c.count >= PART_EDIT_MIN_COUNT and self.cpd.tail_ok(c.word) and (best is None or hc + c.cost < best[1]):
                    best = (h + c.word, hc + c.cost)
        return best

    def _edit_split(self, key: str) -> tuple[str, float] | None:
        """Cheapest reading of ``key`` as two parts, one read with a free edit (``_part_options``) and
        the other by confusions within what ``FUZZY_EDIT_MAX_COST`` leaves over: the edit's part is
        searched only beside a part that qualifies (the dear search, pruned)."""
        spare = FUZZY_EDIT_MAX_COST - PART_EDIT_COST
        best: tuple[str, float] | None = None
        for k in range(len(key) - 3, 2, -1):
            head, tail = key[:k], key[k:]
            heads = [h for h in self._parts(head, True) if h[1] <= spare]
            tails = [t for t in self._parts(tail, False) if t[1] <= spare]
            if heads and not tails:
                edited = self._parts(tail, False, True)
                if edited and (best is None or heads[0][1] + edited[0][1] < best[1]):
                    best = (heads[0][0] + edited[0][0], heads[0][1] + edited[0][1])
            elif tails and not heads:
                edited = self._parts(head, True, True)
                if edited and (best is None or edited[0][1] + tails[0][1] < best[1]):
                    best = (edited[0][0] + tails[0][0], edited[0][1] + tails[0][1])
        return best


def second_buckets(words: dict[str, int]) -> dict[int, tuple[list[str], list[str]]]:
    """skeleton length -> (skeletons, words) of the ``SECOND_TOP`` most frequent alphabetic words of 4+ letters
    (count ≥ ``GOOD_COUNT``), most frequent first: the second-chance search space."""
    top = sorted(((c, w) for w, c in words.items() if c >= GOOD_COUNT and len(w) >= SECOND_MIN_LEN - SECOND_LEN_SPAN
                  and w.isalpha()), key=lambda x: (-x[0], x[1]))[:SECOND_TOP]
    b: dict[int, tuple[list[str], list[str]]] = {}
    for _, w in top:
        sk = skeleton.skeleton(w)
        sks, ws = b.setdefault(len(sk), ([], []))
        sks.append(sk)
        ws.append(w)
    return b


def _rule(ocr: str, truth: str) -> str:
    """Short description of what changed, e.g. 'é→ö' or 'rn→m' (first differing span)."""
    a = 0
    while a < len(ocr) and a < len(truth) and ocr[a] == truth[a]:
        a += 1
    e1, e2 = len(ocr), len(truth)
    while e1 > a and e2 > a and ocr[e1 - 1] == truth[e2 - 1]:
        e1 -= 1
        e2 -= 1
    return f"{ocr[a:e1] or '∅'}→{truth[a:e2] or '∅'}"
