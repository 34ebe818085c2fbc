"""Build ``build/lexicon/lexicon.pickle`` (``make dictionaries``).

Sources, in order of trust (see dictionaries/README.md for licences):

* wordfreq ``sv`` (CC BY-SA 4.0): frequencies of ~340k Swedish words.  The
  derived list is built here at install time and is not committed.
* hunspell ``sv_SE`` (LGPL-3.0, PyPI ``hunspell-sv`` or Debian ``hunspell-sv``):
  expanded with its affix rules so every inflected form is valid; its
  compound-only stems ("skol-" style forms) feed the compound splitter.
* committed domain lists in ``dictionaries/``: municipalities, regions and
  places, parties, council vocabulary, abbreviations, fixed expressions.
* Faker's ``sv_SE`` person provider (MIT): common given names and surnames.

The hunspell affix expansion is hand-written (~40 lines) because the only
libraries that do it (``unmunch`` from hunspell-tools, spylls) are not
installed here and a suffix-rule expander is simple and deterministic.
"""
from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .confusions import strip_diacritics
from .lexicon import DEFAULT_DIR, FORMAT_VERSION, LEXICON_FILE, ROOT

DICT_DIR = ROOT / "dictionaries"
WORD_RE = re.compile(r"^[a-zåäöéü]+(?:-[a-zåäöéü]+)*$")
HUNSPELL_ONLY_COUNT = 2  # below any wordfreq word (min ≈ 10)
DOMAIN_MIN_COUNT = 30_000  # council words: common in council records, rarer on the web (dev: 3000 -> 30k helped, 100k hurt)
DOMAIN_FORM_COUNT = 1_000  # the other forms of a council word's paradigm (``build``)
UNATTESTED_MAX_COUNT = 1000  # ``unattested_forms``: rarer than this (dev: 300 worse, 3000 and 10000 the same)
# ... and two-letter forms rarer than this that neither hunspell nor a name or abbreviation list has ("ch",
# "br", "gg": web noise, and what English-model OCR leaves of "och", "bör", "ägg"); dev sets: 7 words
# better, none worse (three-letter ones too lost "ver" → "över", "sma" → "små" to other readings)
SHORT_UNATTESTED_MAX_COUNT = 20_000
# ... and three-letter ones rarer than this ("avy", "cit", "tli": what OCR leaves of "av", "ett", "till";
# dev sets: 1 word better, none worse; 1000 lost "ver" → "över", "sma" → "små" to other readings)
THREE_UNATTESTED_MAX_COUNT = 200
PLACE_MIN_COUNT = 1500
NAME_MIN_COUNT = 300


def hunspell_paths() -> tuple[Path, Path]:
    candidates = [Path(sys.prefix) / "share" / "hunspell", Path("/usr/share/hunspell")]
    for d in candidates:
        if (d / "sv_SE.dic").exists() and (d / "sv_SE.aff").exists():
            return d / "sv_SE.dic", d / "sv_SE.aff"
    raise SystemExit("hunspell sv_SE dictionary not found: pip install hunspell-sv or apt-get install hunspell-sv")


def parse_aff(aff: Path) -> tuple[dict[str, list[tuple[str, str, str, re.Pattern[str]]]], dict[str, str]]:
    """Affix rules by flag: (kind, strip, add-with-flags, condition regex) and option flags."""
    rules: dict[str, list] = {}
    opts: dict[str, str] = {}
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] in ("SFX", "PFX") and len(parts) >= 5:
            kind, flag, strip, add, cond = parts[:5]
            strip = "" if strip == "0" else strip
            cond_re = re.compile((cond + "$") if kind == "SFX" else ("^" + cond))
            rules.setdefault(flag, []).append((kind, strip, add, cond_re))
        elif len(parts) == 2 and parts[0].isupper():
            opts[parts[0]] = parts[1]
    return rules, opts


def hunspell_entries() -> Iterator[tuple[str, set[str], set[str]]]:
    """Each dictionary entry: (word, its forms, its compound-only stems) — one paradigm per entry."""
    dic, aff = hunspell_paths()
    rules, opts = parse_aff(aff)
    only_cpd = opts.get("ONLYINCOMPOUND", "Z")
    need_affix = opts.get("NEEDAFFIX", "¤")
    forbidden = opts.get("FORBIDDENWORD", "%")
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        word = word.strip()
        if not word or forbidden in flags:
            continue
        forms: set[str] = set()
        stems: set[str] = set()
        if need_affix not in flags:
            (stems if only_cpd in flags else forms).add(word)
        for flag in flags:
            for kind, strip, add, cond in rules.get(flag, ()):
                add, _, cont = add.partition("/")
                add = "" if add == "0" else add
                if not cond.search(word):
                    continue
                if kind == "SFX":
                    if strip and not word.endswith(strip):
                        continue
                    new = word[: len(word) - len(strip)] + add
                else:
                    if strip and not word.startswith(strip):
                        continue
                    new = add + word[len(strip):]
                (stems if only_cpd in cont else forms).add(new)
        yield word, forms, stems


def expand_hunspell() -> tuple[set[str], set[str], set[str], list[set[str]]]:
    """All word forms, compound-only stems, proper nouns (capitalised entries) and the paradigms
    (each entry's forms, lower-cased)."""
    forms: set[str] = set()
    stems: set[str] = set()
    proper: set[str] = set()
    paradigms: list[set[str]] = []
    for word, fs, ss in hunspell_entries():
        if word[0].isupper():
            proper.add(word)
        forms |= fs
        stems |= ss
        if len(fs) > 1:
            paradigms.append({f.lower() for f in fs})
    return forms, stems, proper, paradigms


def read_list(name: str) -> list[str]:
    lines = (DICT_DIR / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def build(out_dir: Path) -> Path:
    import wordfreq
    from faker.providers.person.sv_SE import Provider as Person

    t0 = time.time()
    words: dict[str, int] = {}
    for w in wordfreq.top_n_list("sv", 400_000):
        if WORD_RE.match(w):
            words[w] = max(1, round(wordfreq.word_frequency(w, "sv") * 1e9))
    n_wordfreq = len(words)

    forms, stems, hun_proper, paradigms = expand_hunspell()
    # Sets are walked sorted wherever they add to ``words``: its order (and so the order of ``stripped``
    # and of the frequent-word tables, where equal counts keep it) must not follow the hash seed of the
    # build, or two builds of the same sources read a tie differently
    for f in sorted(forms):
        lf = f.lower()
        if WORD_RE.match(lf) and lf not in words:
            words[lf] = HUNSPELL_ONLY_COUNT

    proper: dict[str, str] = {}
    domain: set[str] = set()  # every form a list in dictionaries/ vouches for

    def add(word: str, minimum: int, printed: str | None = None) -> None:
        lw = word.lower()
        if not WORD_RE.match(lw):
            return
        domain.add(lw)
        words[lw] = max(words.get(lw, 0), minimum)
        if printed:
            proper.setdefault(lw, printed)

    council = {w.lower() for line in read_list("council.txt") for w in line.split()}
    for w in sorted(council):
        add(w, DOMAIN_MIN_COUNT)
    # ... and every other form of their paradigms, less often (the list names the forms councils use
    # most; "motionärernas" is as much council language as "motionärerna", only rarer).  A tenth of a
    # listed word's count only: hunspell's paradigms mix homographs ("skola" the noun lists "skolat")
    council_forms = set(council)
    for forms_of in paradigms:
        if forms_of & council:
            for f in sorted(forms_of - council):
                add(f, DOMAIN_FORM_COUNT)
                council_forms.add(f.lower())
    for name in read_list("municipalities.txt") + read_list("regions.txt"):
        for part in re.split(r"[\s]+", name):
            add(part, PLACE_MIN_COUNT, part if part[0].isupper() else None)
            for sub in part.split("-"):
                add(sub, PLACE_MIN_COUNT, sub if sub[:1].isupper() else None)
    for name in read_list("authorities.txt"):  # state authorities, printed as names ("Länsstyrelsen")
        add(name, DOMAIN_MIN_COUNT, name)
    party_codes: set[str] = set()
    for line in read_list("parties.txt"):
        name, _, code = line.partition("\t")
        for part in name.split():
            add(part, DOMAIN_MIN_COUNT, part if part[0].isupper() else None)
        if code:
            party_codes.add(code.strip())
    for name in list(Person.first_names) + list(Person.last_names):
        for part in name.split("-"):
            add(part, NAME_MIN_COUNT, part)
    given = {p.lower() for n in Person.first_names for p in n.split("-")}
    surnames = {p.lower() for n in Person.last_names for p in n.split("-")}
    for p in sorted(hun_proper):  # (sorted: the first spelling of a name wins, the same on every build)
        if WORD_RE.match(p.lower()):
            proper.setdefault(p.lower(), p)
    abbreviations = {a.lower() for a in read_list("abbreviations.txt")}

    stripped: dict[str, list[str]] = {}
    for w in words:
        k = strip_diacritics(w)
        if k != w:
            stripped.setdefault(k, []).append(w)
    data = {
        "version": FORMAT_VERSION,
        "stripped": {k: tuple(sorted(v, key=lambda x: (-words[x], x))) for k, v in stripped.items()},
        "words": words,
        "proper": proper,
        "stems": {s.lower() for s in stems if WORD_RE.match(s.lower())},
        "abbreviations": abbreviations,
        "party_codes": party_codes,
        # given names that are no surnames and surnames that are no given names (``splits``: "Emma-Lind")
        "given_names": given - surnames,
        "surnames": surnames - given,
        # the one-word municipality and region names, and the parts of hyphenated ones ("Upplands-Bro"):
        # the closed list a damaged place name is read against (``Corrector._municipality``)
        # every form of the council vocabulary: the closed list a heavily damaged long word is read
        # against (``Corrector._council_word``)
        "council": sorted(f for f in council_forms if WORD_RE.match(f) and len(f) >= 7),
        # fixed expressions that restore a word's å/ä/ö where the word alone is ambiguous (``phrases``)
        "phrases": read_list("phrases.txt"),
        "places": sorted({sub.lower() for name in read_list("municipalities.txt") + read_list("regions.txt")
                          for part in name.split() if part[:1].isupper() for sub in part.split("-") if len(sub) >= 4}),
        "sources": {
            "wordfreq": f"{wordfreq.__version__ if hasattr(wordfreq, '__version__') else 'installed'} sv, {n_wordfreq} words (CC BY-SA 4.0)",
            "hunspell": f"{hunspell_paths()[0]} (LGPL-3.0), {len(forms)} forms",
            "faker": "sv_SE person names (MIT)",
        },
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LEXICON_FILE
    data["unattested"] = unattested_forms(words, {f.lower() for f in forms} | data["stems"], proper, data["stems"],
                                          data["stripped"], frozenset(a.lower().rstrip(".") for a in data["abbreviations"]))
    data["foreign"] = foreign_forms(words, {f.lower() for f in forms} | data["stems"], proper, domain,
                                    data["stripped"], data["abbreviations"])
    data["web_twins"] = web_twins(words, {f.lower() for f in forms} | data["stems"], proper, domain, data["stripped"],
                                  data["abbreviations"])
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    build_frequent(out_dir)
    print(f"lexicon: {len(words)} words, {len(proper)} proper, {len(data['stems'])} stems -> {path} ({time.time() - t0:.1f}s)")
    return path


def unattested_forms(words: dict[str, int], hunspell: set[str], proper: dict[str, str], stems: set[str],
                     stripped: dict[str, tuple[str, ...]], abbreviations: frozenset[str] = frozenset()) -> frozenset[str]:
    """Rare forms that only wordfreq vouches for: no hunspell form or stem, no name, no compound of
    known parts — foreign words, slang, typos of the web ("sain", "irad"), and two- and three-letter forms
    (``SHORT_UNATTESTED_MAX_COUNT``, ``THREE_UNATTESTED_MAX_COUNT``) that are no listed abbreviation.  In a damaged document the
    corrector reads them as non-words first (``Corrector._decide_inner``)."""
    from .compounds import Compounds
    from .lexicon import Lexicon

    cpd = Compounds(Lexicon(words=words, stems=frozenset(stems), stripped=stripped))
    return frozenset(w for w, n in words.items() if w.isalpha() and w not in hunspell and w not in proper and (
        HUNSPELL_ONLY_COUNT < n < UNATTESTED_MAX_COUNT and len(w) >= 4 and cpd.split(w) is None
        or len(w) == 2 and HUNSPELL_ONLY_COUNT < n < SHORT_UNATTESTED_MAX_COUNT and w not in abbreviations
        or len(w) == 3 and HUNSPELL_ONLY_COUNT < n < THREE_UNATTESTED_MAX_COUNT and w not in abbreviations))


def foreign_forms(words: dict[str, int], hunspell: set[str], proper: dict[str, str], domain: set[str],
                  stripped: dict[str, tuple[str, ...]], abbreviations: set[str]) -> frozenset[str]:
    """Frequent forms without å/ä/ö that only wordfreq vouches for: no hunspell form or stem, no name, no
    word of our lists, no abbreviation, and no spelling of a word with å/ä/ö ("nagra", "pa") — English
    and web words ("that", "rich", "fresh", "simba").  Never a correction's target (``CandidateGenerator``):
    English-model OCR of Swedish makes them out of Swedish words ("thar", "cich", "fresh"), never the
    other way round.  Words as read are judged as before ("ver", "fed": what OCR left of "över", "med",
    lost when read as non-words), and so are compound tails ("<segers>sing": a lost tie to "säng").
    Dev sets: 2 words better, held-out 1, none worse."""
    return frozenset(w for w in _web_only(words, hunspell, proper, domain, abbreviations, 3) if w not in stripped)


def web_twins(words: dict[str, int], hunspell: set[str], proper: dict[str, str], domain: set[str],
              stripped: dict[str, tuple[str, ...]], abbreviations: set[str]) -> dict[str, str]:
    """The other side of ``foreign_forms``: web-only forms that *are* the stripping of a hunspell form with
    å/ä/ö ("stand", English, of "stånd"; "hard" of "hård").  Mapped to that form, the most frequent if
    several.  In a damaged document the Swedish word is the reading (``Corrector._realword``), however
    common the web form: Swedish text has no English "stand"."""
    out = {}
    for w in _web_only(words, hunspell, proper, domain, abbreviations, 4):
        twin = next((t for t in stripped.get(w, ()) if t in hunspell and t.isalpha()), None)
        if twin is not None:
            out[w] = twin
    return out


def _web_only(words: dict[str, int], hunspell: set[str], proper: dict[str, str], domain: set[str],
              abbreviations: set[str], min_len: int):
    """Frequent forms without å/ä/ö that only wordfreq vouches for: no hunspell form or stem, no name, no
    word of our lists, no abbreviation (``foreign_forms``, ``web_twins``)."""
    return (w for w, n in words.items() if len(w) >= min_len and n >= UNATTESTED_MAX_COUNT and w.isascii()
            and w.isalpha() and w not in hunspell and w not in proper and w not in domain and w not in abbreviations)


def build_frequent(out_dir: Path) -> Path:
    """Derived search tables (``frequent.py``): OCR readings of frequent words, key-prefix hashes."""
    from . import frequent
    from .lexicon import FREQUENT_FILE

    with open(out_dir / LEXICON_FILE, "rb") as f:
        lex = pickle.load(f)
    from .lexicon import Lexicon, PrefixBits, skeleton_index
    from .skeleton import prefix_hashes as sk_prefix_hashes
    from .candidates import second_buckets
    from .corrector import letter_pairs

    skel = skeleton_index(Lexicon(words=lex["words"], proper=lex["proper"], stems=frozenset(lex["stems"]),
                                  stripped=lex["stripped"]))
    path = out_dir / FREQUENT_FILE
    tmp = path.with_suffix(".tmp")
    prefixes = frequent.prefix_hashes(lex["words"], lex["stripped"], lex["proper"])
    sk_prefixes = sk_prefix_hashes(skel)
    with open(tmp, "wb") as f:
        pickle.dump({"version": FORMAT_VERSION, "table": frequent.build(lex["words"]),
                     "prefixes": prefixes, "prefix_bits": PrefixBits.build(prefixes).bits,
                     "skeleton": skel, "sk_prefixes": sk_prefixes, "sk_prefix_bits": PrefixBits.build(sk_prefixes).bits,
                     "second": second_buckets(lex["words"]), "pairs": letter_pairs(lex["words"])},
                    f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Build the Swedish correction lexicon")
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--frequent-only", action="store_true", help="only rebuild the frequent-word OCR table")
    args = ap.parse_args(argv)
    if args.frequent_only:
        build_frequent(args.out)
    else:
        build(args.out)


if __name__ == "__main__":
    main()
