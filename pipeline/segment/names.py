"""Two OCR readings of one person's name, reconciled with the name lists.

A motion's signers are usually handwritten or stamped signatures, the part of
a scan OCR reads worst; the reply to the motion names the same people in
typed running text ("Marie Linder (s) och ... har i en motion föreslagit").
Given name and surname are chosen separately: a reading that the name lists
know wins; when neither is known, a listed name close to *both* readings is
taken (two independent misreadings agreeing on one list entry); otherwise the
signature's own reading is kept.
"""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from .vocab import first_names, first_names_folded, fold, last_names

SAME_PERSON = 75  # rapidfuzz ratio of the folded full names
SAME_SURNAME = 70
AGREE = 80  # a list entry this close to both readings


def _split(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[0], " ".join(parts[1:])) if len(parts) >= 2 else (name, "")


def same_person(a: str, b: str) -> bool:
    (ga, sa), (gb, sb) = _split(a), _split(b)
    if fuzz.ratio(fold(a), fold(b)) >= SAME_PERSON:
        return True
    return bool(sa and sb) and fuzz.ratio(fold(sa), fold(sb)) >= SAME_SURNAME and fuzz.ratio(fold(ga), fold(gb)) >= 60


def _pick(x: str, y: str, known: frozenset[str], folded_known: tuple[str, ...], snap: bool) -> str:
    """x = the signature's reading, y = the mention's; ``snap`` lets one reading alone snap to a list entry
    (for given names, a nearly closed set; never for surnames, where rare names abound)."""
    if x in known or not y or fold(x) == fold(y):
        return x  # two readings agreeing letter for letter need no list: 'Holm-Åberg' is not 'Holmberg'
    if y in known:
        return y
    fx, fy = fold(x), fold(y)
    best, score = None, 0.0
    for cand, s, _ in process.extract(fx, folded_known, scorer=fuzz.ratio, score_cutoff=AGREE, limit=5):
        both = min(s, fuzz.ratio(fy, cand))
        if both >= AGREE and both > score:
            best, score = cand, both
    if best is None and not snap:
        return x
    if best is None:
        hit = process.extractOne(fx, folded_known, scorer=fuzz.ratio, score_cutoff=85) or process.extractOne(
            fy, folded_known, scorer=fuzz.ratio, score_cutoff=85)
        if hit is None:
            return x
        best = hit[0]
    return next((k for k in known if fold(k) == best), x)


def _folded(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({fold(n) for n in names}))


def reconcile(signature: str, mention: str) -> str:
    """The best reading of one person from the signature and a mention of the same person."""
    (g1, s1), (g2, s2) = _split(signature), _split(mention)
    given = _pick(g1, g2, first_names(), first_names_folded(), snap=True)
    surname = _pick(s1, s2, last_names(), _last_folded(), snap=False) if s1 else s2
    if s1 and fold(surname) == fold(s1):
        surname = s1  # same letters: keep the signature's own diacritics
    return f"{given} {surname}".strip()


@lru_cache(maxsize=1)
def _last_folded() -> tuple[str, ...]:
    return _folded(last_names())
