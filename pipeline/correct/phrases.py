"""Fixed expressions that give a word its å/ä/ö back where frequency alone cannot.

A text that lost its marks prints "till stand", "a andra sidan", "gar at ratt hall": every word is
a Swedish word as printed ("stand", "a", "at"), so the word-by-word search keeps it or reads the
commoner word ("at" → "att").  Inside a fixed expression the reading is not in doubt: "till stånd",
"å andra sidan", "åt rätt håll".  ``dictionaries/phrases.txt`` lists such expressions; a word is
restored when the whole expression matches with the marks stripped, and only its marks change
(no glyph is read differently), so a phrase never invents a word.

A phrasebook, not a language model: wordfreq has no word pairs, and a closed list of idioms is the
general knowledge that decides these cases without one.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .confusions import strip_diacritics

# stripped word -> (stripped phrase, phrase, position of the word in it), for the words a phrase restores
PhraseIndex = dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...], int], ...]]


def build_index(phrases: Iterable[str]) -> PhraseIndex:
    """Index the phrases by each word that carries å/ä/ö, keyed by that word without them; longer
    phrases first (more evidence)."""
    index: dict[str, list] = {}
    for line in phrases:
        words = tuple(line.lower().split())
        bare = tuple(strip_diacritics(w) for w in words)
        for j, (w, b) in enumerate(zip(words, bare)):
            if w != b:
                index.setdefault(b, []).append((bare, words, j))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()}


def reading(index: PhraseIndex, word: str, neighbour: Callable[[int], str | None]) -> tuple[str, str] | None:
    """(the word's form in the phrase, the phrase) when ``word`` as printed lacks only the marks of a
    phrase's word and its neighbours (``neighbour(offset)``: the word that far before or after, None
    past a sentence's bounds) complete that phrase, with or without their own marks; else None."""
    low = word.lower()
    entries = index.get(strip_diacritics(low))
    if not entries or strip_diacritics(low) != low:
        return None
    for bare, forms, j in entries:
        for i, b in enumerate(bare):
            if i == j:
                continue
            other = neighbour(i - j)
            if other is None or strip_diacritics(other.lower()) != b:
                break
        else:
            return forms[j], " ".join(forms)
    return None
