"""Readable vocabularies in ``pipeline/data/segment/`` and the text folding used to match them.

Everything the segmenter knows about Swedish council conventions (headings, party
names, role titles, municipalities, lead-in verbs, document markers) lives in data
files so that a clerk can extend them without touching code.  Matching is done on
*folded* text (lower case, å/ä/ö/é → a/a/o/e) because OCR and old typewriters lose
diacritics far more often than they lose letters.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "segment"
REPO_DICTIONARIES = Path(__file__).resolve().parents[2] / "dictionaries"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Förslag' -> 'forslag'.

    Cached: the segmenter folds the same lines again and again (each parser asks about a line),
    ~900 calls per page at ~5 µs of per-character work each."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """One entry per non-comment line of a data file."""
    return tuple(r[0].strip() for r in _rows(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.strip() for c in r) for r in _rows(name))


@lru_cache(maxsize=None)
def municipalities() -> tuple[str, ...]:
    """Sweden's municipalities; the correction stage's dictionary wins when present."""
    shared = REPO_DICTIONARIES / "municipalities.txt"
    if shared.is_file():
        names = [l.strip() for l in shared.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
        if len(names) >= 250:
            return tuple(names)
    return words("municipalities.txt")


@lru_cache(maxsize=None)
def municipality_index() -> dict[str, str]:
    """folded name -> canonical name."""
    return {fold(n): n for n in municipalities()}


@lru_cache(maxsize=None)
def parties() -> dict[str, str]:
    return {fold(r[0]): r[1] for r in table("parties.tsv")}


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    return frozenset(words("first_names.txt"))


@lru_cache(maxsize=None)
def first_names_folded() -> tuple[str, ...]:
    return tuple(sorted({fold(n) for n in first_names()}))


@lru_cache(maxsize=None)
def last_names() -> frozenset[str]:
    return frozenset(words("last_names.txt"))


@lru_cache(maxsize=None)
def months() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in table("months.tsv")}


@lru_cache(maxsize=None)
def leadin_re() -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(words("leadins.txt"), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=None)
def _long_leadins() -> tuple[str, ...]:
    # 'beslutar'/'beslutat' stay exact: the nouns 'beslut'/'beslutet' are one letter away
    return tuple(w for w in words("leadins.txt") if len(w) >= 8 and not w.startswith("beslut"))


def has_leadin(folded: str) -> bool:
    """A lead-in verb in the folded line, also one that OCR misread by a letter ('förestår' for
    'föreslår'); only long verbs are matched loosely, so that no other word is taken for one."""
    if leadin_re().search(folded):
        return True
    from rapidfuzz.distance import Levenshtein

    return any(Levenshtein.distance(w, v, score_cutoff=1) <= 1
               for w in re.findall(r"[a-z]{7,}", folded) for v in _long_leadins())


@lru_cache(maxsize=None)
def role_re() -> re.Pattern[str]:
    suffixes = sorted({fold(w) for w in words("roles.txt")}, key=len, reverse=True)
    return re.compile(r"[a-z]*(" + "|".join(map(re.escape, suffixes)) + r")\b")


@lru_cache(maxsize=None)
def signature_prefix_re() -> re.Pattern[str]:
    """'Upprättad av', 'Handläggare:' at the start of a folded signature line."""
    alts = sorted((re.escape(w) for w in words("signature_prefixes.txt")), key=len, reverse=True)
    return re.compile(r"^(" + "|".join(alts) + r")\b\s*:?\s*")


@lru_cache(maxsize=None)
def signature_formula_re() -> re.Pattern[str]:
    """'Vid protokollet', 'Rätt utdraget intygar' as a whole folded line (OCR specks allowed around it)."""
    alts = sorted((re.escape(w) for w in words("signature_formulas.txt")), key=len, reverse=True)
    return re.compile(r"^\W*(" + "|".join(alts) + r")\W*$")


@lru_cache(maxsize=None)
def _council_words() -> frozenset[str]:
    out = {fold(w) for w in words("council_words.txt")} | set(months())
    for row in table("headings.tsv"):
        out.update(fold(row[0]).split())
    return frozenset(out)


def is_council_word(folded: str) -> bool:
    """Words that make a capitalised pair a heading or an organisation, not a person ('Kommunstyrelsen Beslut')."""
    return folded in _council_words() or folded in municipality_index() or any(
        folded.endswith(s) for s in ("kommun", "namnd", "namnden", "styrelsen", "forvaltningen", "fullmaktige", "kontoret", "bolag", "partiet")
    )


def build_name_lists() -> None:  # pragma: no cover - maintenance helper
    """Regenerate first_names.txt / last_names.txt from Faker's sv_SE provider.

    Run ``python -c 'from pipeline.segment.vocab import build_name_lists; build_name_lists()'``
    after upgrading Faker.  The lists are shipped so Faker stays a dev dependency.
    """
    from faker.providers.person.sv_SE import Provider

    first = sorted(set(Provider.first_names_female) | set(Provider.first_names_male))
    last = sorted(set(Provider.last_names))
    header = "# Generated from Faker's sv_SE person provider by pipeline.segment.vocab.build_name_lists\n"
    (DATA / "first_names.txt").write_text(header + "\n".join(first) + "\n", encoding="utf-8")
    (DATA / "last_names.txt").write_text(header + "\n".join(last) + "\n", encoding="utf-8")


_DIGIT_AS_LETTER = str.maketrans({"0": "o", "6": "o", "4": "a", "5": "s", "1": "l", "3": "e", "8": "b"})


def mfold(text: str) -> str:
    """Fold for keyword matching, also undoing digit-for-letter OCR slips inside words ('m0ti0n' -> 'motion').

    Only tokens that mix letters and digits are touched, so '2010' and '1/7' survive.
    """
    out = []
    for tok in fold(text).split():
        if re.search(r"[a-z]", tok) and re.search(r"\d", tok) and not re.search(r"\d{2}", tok):
            tok = tok.translate(_DIGIT_AS_LETTER)
        out.append(tok)
    return " ".join(out)
