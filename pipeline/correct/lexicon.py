"""The correction lexicon: Swedish word frequencies plus domain lists.

Built once by ``python -m pipeline.correct.build_lexicon`` into
``build/lexicon/lexicon.pickle`` (a plain dict/set pickle: it loads in a
fraction of a second, which no TSV parse of ~500k lines does; the file is built
locally from installed packages, never downloaded, so unpickling is safe).

Keys are lower-case.  ``count`` is on one scale for all sources: wordfreq's
frequency × 1e9; forms only hunspell knows get a small count so they are
*valid* but never preferred over a frequent word.
"""
from __future__ import annotations

import math
import pickle
import zlib
from array import array
import os
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MissingDependencyError

ROOT = Path(__file__).resolve().parents[2]
# Built artefacts live apart from dictionaries/ (the committed sources): they are
# derived data (CC BY-SA / LGPL sources, generated OCR-variant tables), rebuilt by
# `make dictionaries`.  KOMMUNARKIV_LEXICON_DIR points elsewhere (e.g. a shared
# read-only copy for a cluster's workers).
DEFAULT_DIR = Path(os.environ.get("KOMMUNARKIV_LEXICON_DIR") or ROOT / "build" / "lexicon")
LEXICON_FILE = "lexicon.pickle"
FREQUENT_FILE = "frequent.pickle"  # frequent.build(): OCR readings of the most frequent words
FORMAT_VERSION = 4  # 4: prefix bitmaps stored prebuilt
SHORT_PREFIX = 5  # skeleton-key prefixes up to this length are memoised (``has_sk_prefix``)
PREFIX_BITS = 27  # the prefix bitmaps (``PrefixBits``): 2**27 bits = 16 MB each, ~1 % false positives


class PrefixBits:
    """The prefix-hash table as a bitmap of crc32 values (low ``PREFIX_BITS`` bits), for the search walks.

    A bisect in the sorted array costs a microsecond; a bit test ~50 ns, and ``substitution_walk``
    extends the crc of a prefix by the appended piece instead of re-hashing it.  A false positive (a
    hash sharing a bit) only keeps a dead branch, whose strings no lookup finds: the same candidates.
    Callable like ``Lexicon.has_prefix``.
    """

    __slots__ = ("bits", "mask")

    def __init__(self, bits: bytes) -> None:
        """From a bitmap as ``build`` makes it (``len(bits) * 8`` a power of two)."""
        self.bits = bits
        self.mask = len(bits) * 8 - 1

    @classmethod
    def build(cls, hashes: array, nbits: int = PREFIX_BITS) -> "PrefixBits":
        """Set the bit of every hash.  Done when the lexicon is built and stored with it: building the
        two bitmaps cost every worker ~0.2 s of CPU at load, reading them back costs milliseconds."""
        import numpy as np

        mask = (1 << nbits) - 1
        h = np.asarray(hashes, dtype=np.uint32) & np.uint32(mask)
        byte, bit = h >> 3, h & 7
        bits = np.zeros(1 << (nbits - 3), dtype=np.uint8)
        for b in range(8):  # one bit position per pass: repeated bytes in a pass all get the same bit
            bits[byte[bit == b]] |= np.uint8(1 << b)
        return cls(bits.tobytes())

    def __call__(self, s: str) -> bool:
        h = zlib.crc32(s.encode("utf-8")) & self.mask
        return bool(self.bits[h >> 3] >> (h & 7) & 1)

    def prefix_len(self, s: str) -> int:
        """An upper bound of the length of the longest prefix of ``s`` that may begin a key: no longer
        prefix of ``s`` is one (a prefix that fails the test proves every longer one fails).

        Binary search on the test: the answer passes and the next length fails (or is past the end),
        so the true length is at most the answer — with false positives the search may end higher
        than a glyph-by-glyph scan would, never lower than the truth."""
        bits, mask = self.bits, self.mask
        b = s.encode("utf-8")
        ascii_ = len(b) == len(s)
        lo, hi = 0, len(s) + 1  # s[:lo] passes (the empty prefix trivially); s[:hi] fails (or hi past the end)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            h = zlib.crc32(b[:mid] if ascii_ else s[:mid].encode("utf-8"))
            if bits[(h & mask) >> 3] >> (h & 7) & 1:
                lo = mid
            else:
                hi = mid
        return lo


def _unpickle(path: Path):
    """``pickle.load`` with the cyclic GC paused.

    Unpickling a million-entry table allocates containers fast enough to trigger
    dozens of collections, each walking everything allocated so far; none can
    free anything.  Paused, the load takes ~10 % less CPU in every worker.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    finally:
        if enabled:
            gc.enable()


@dataclass
class Lexicon:
    words: dict[str, int]
    proper: dict[str, str] = field(default_factory=dict)  # lower -> printed form (names, places)
    stems: frozenset[str] = frozenset()  # forms valid only as the first part of a compound
    abbreviations: frozenset[str] = frozenset()
    party_codes: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()  # lower-case, never surnames (``splits.find_splits``)
    surnames: frozenset[str] = frozenset()  # lower-case, never given names
    places: tuple[str, ...] = ()  # lower-case municipality and region names (``dictionaries/``)
    council: tuple[str, ...] = ()  # lower-case forms of 7+ letters of the council vocabulary (``dictionaries/council.txt``)
    phrases: tuple[str, ...] = ()  # fixed expressions with å/ä/ö (``dictionaries/phrases.txt``, ``phrases``)
    # rare forms (4+ letters) that only wordfreq lists: no hunspell form, no name, no valid compound
    # ("build_lexicon.unattested_forms")
    unattested: frozenset[str] = frozenset()
    # frequent web-only forms without å/ä/ö, never a correction ("build_lexicon.foreign_forms")
    foreign: frozenset[str] = frozenset()
    # frequent web-only forms that strip a hunspell form with å/ä/ö -> that form ("build_lexicon.web_twins")
    web_twins: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # diacritic-stripped form -> words with å/ä/ö/é that strip to it, most frequent first
    stripped: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # OCR string -> (frequent word, channel cost, log10 lead over the runner-up); see ``frequent``
    frequent: dict[str, tuple[str, float, float]] = field(default_factory=dict)
    # crc32 of every prefix of a findable key (None: no pruning); see ``frequent.prefix_hashes``
    prefixes: "array | None" = None  # sorted array('I')
    # confusion skeleton -> proposable words, most frequent first; see ``skeleton``
    skeleton: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sk_prefixes: "array | None" = None  # crc32 of every skeleton-key prefix, sorted
    second: dict = field(default_factory=dict)  # skeleton length -> (skeletons, words): second-chance search
    pairs: "frozenset[str] | None" = None  # letter pairs of common words (``corrector.letter_pairs``)
    _short_sk: dict = field(default_factory=dict, repr=False, compare=False)
    # bitmaps of ``prefixes`` / ``sk_prefixes`` for the search walks (None: the callables above)
    prefix_filter: "PrefixBits | None" = field(default=None, repr=False, compare=False)
    sk_filter: "PrefixBits | None" = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.prefixes is not None and self.prefix_filter is None:
            self.prefix_filter = PrefixBits.build(self.prefixes)
        if self.sk_prefixes is not None and self.sk_filter is None:
            self.sk_filter = PrefixBits.build(self.sk_prefixes)

    def has_sk_prefix(self, s: str) -> bool:
        if len(s) <= SHORT_PREFIX:  # short prefixes recur across tokens: memoised (bounded by the alphabet)
            r = self._short_sk.get(s)
            if r is None:
                r = self._short_sk[s] = self._sk_prefix(s)
            return r
        return self._sk_prefix(s)

    def _sk_prefix(self, s: str) -> bool:
        arr = self.sk_prefixes
        if arr is None:
            return True
        h = zlib.crc32(s.encode("utf-8"))
        i = bisect_left(arr, h)
        return i < len(arr) and arr[i] == h

    def has_prefix(self, s: str) -> bool:
        """Could ``s`` begin a findable key?  (Always True without the prefix table.)"""
        arr = self.prefixes
        if arr is None:
            return True
        h = zlib.crc32(s.encode("utf-8"))
        i = bisect_left(arr, h)
        return i < len(arr) and arr[i] == h

    def count(self, word: str) -> int:
        return self.words.get(word, 0)

    def logp(self, word: str) -> float:
        """log10 of the count, with a floor for unknown words (-1)."""
        c = self.words.get(word, 0)
        return math.log10(c) if c > 0 else -1.0

    def __contains__(self, word: str) -> bool:
        return word in self.words

    @classmethod
    def load(cls, directory: Path | None = None) -> "Lexicon":
        path = Path(directory or DEFAULT_DIR) / LEXICON_FILE
        if not path.exists():
            raise MissingDependencyError(
                f"correction lexicon {path} is missing; run `make dictionaries` "
                "(python -m pipeline.correct.build_lexicon)"
            )
        data = _unpickle(path)
        if data.get("version") != FORMAT_VERSION:
            raise MissingDependencyError(f"correction lexicon {path} is outdated; run `make dictionaries`")
        freq_path = path.parent / FREQUENT_FILE
        frequent: dict[str, tuple[str, float, float]] = {}
        prefixes: "array | None" = None  # sorted array('I')
        skel: dict[str, tuple[str, ...]] = {}
        sk_prefixes: "array | None" = None
        second: dict = {}
        pairs = None
        prefix_filter = sk_filter = None
        if freq_path.exists():
            fdata = _unpickle(freq_path)
            if fdata.get("version") == FORMAT_VERSION:
                frequent = fdata["table"]
                prefixes = fdata.get("prefixes")
                skel = fdata.get("skeleton") or {}
                sk_prefixes = fdata.get("sk_prefixes")
                second = fdata.get("second") or {}
                pairs = fdata.get("pairs")
                if fdata.get("prefix_bits") is not None:
                    prefix_filter = PrefixBits(fdata["prefix_bits"])
                if fdata.get("sk_prefix_bits") is not None:
                    sk_filter = PrefixBits(fdata["sk_prefix_bits"])
        if not frequent:
            from . import frequent as _frequent

            frequent = _frequent.build(data["words"])
        lex = cls(
            frequent=frequent,
            prefixes=prefixes,
            words=data["words"],
            proper=data["proper"],
            stems=frozenset(data["stems"]),
            abbreviations=frozenset(data["abbreviations"]),
            party_codes=frozenset(data["party_codes"]),
            given_names=frozenset(data.get("given_names", ())),  # (older builds: no name splits)
            surnames=frozenset(data.get("surnames", ())),
            places=tuple(data.get("places", ())),  # (older builds: no place readings)
            council=tuple(data.get("council", ())),
            phrases=tuple(data.get("phrases", ())),  # (older builds: none)
            unattested=frozenset(data.get("unattested", ())),
            foreign=frozenset(data.get("foreign", ())),
            web_twins=data.get("web_twins", {}),
            sources=data["sources"],
            stripped=data["stripped"],
            skeleton=skel,
            sk_prefixes=sk_prefixes,
            second=second,
            pairs=pairs,
            prefix_filter=prefix_filter,
            sk_filter=sk_filter,
        )
        if not skel:  # an older build: derive the index now (slow; `make dictionaries` stores it)
            lex.skeleton = skeleton_index(lex)
        return lex


def skeleton_index(lex: "Lexicon") -> dict[str, tuple[str, ...]]:
    from .candidates import MIN_CANDIDATE_COUNT, CandidateGenerator
    from .compounds import Compounds
    from .skeleton import build_index

    gen = CandidateGenerator(lex, Compounds(lex))
    return build_index(lex.words, lex.proper, gen.count, MIN_CANDIDATE_COUNT, gen.inflection_of_common)
