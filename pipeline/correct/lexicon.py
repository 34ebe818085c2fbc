"""The correction lexicon: Swedish word frequencies plus domain lists.

Built once by ``python -m pipeline.correct.build_lexicon`` into
``dictionaries/build/lexicon.pickle`` (a plain dict/set pickle: it loads in a
fraction of a second, which no TSV parse of ~500k lines does; the file is built
locally from installed packages, never downloaded, so unpickling is safe).

Keys are lower-case.  ``count`` is on one scale for all sources: wordfreq's
frequency × 1e9; forms only hunspell knows get a small count so they are
*valid* but never preferred over a frequent word.
"""
from __future__ import annotations

import math
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MissingDependencyError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "dictionaries" / "build"
LEXICON_FILE = "lexicon.pickle"
FORMAT_VERSION = 3


@dataclass
class Lexicon:
    words: dict[str, int]
    proper: dict[str, str] = field(default_factory=dict)  # lower -> printed form (names, places)
    stems: frozenset[str] = frozenset()  # forms valid only as the first part of a compound
    abbreviations: frozenset[str] = frozenset()
    party_codes: frozenset[str] = frozenset()
    sources: dict[str, str] = field(default_factory=dict)
    # diacritic-stripped form -> words with å/ä/ö/é that strip to it, most frequent first
    stripped: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
        with open(path, "rb") as f:
            data = pickle.load(f)
        if data.get("version") != FORMAT_VERSION:
            raise MissingDependencyError(f"correction lexicon {path} is outdated; run `make dictionaries`")
        return cls(
            words=data["words"],
            proper=data["proper"],
            stems=frozenset(data["stems"]),
            abbreviations=frozenset(data["abbreviations"]),
            party_codes=frozenset(data["party_codes"]),
            sources=data["sources"],
            stripped=data["stripped"],
        )
