"""Swedish compounds: valid words the lexicon cannot list.

Swedish writes compounds as one word ("upphandlingsverksamheten",
"samarbetsprojekt"), so no word list is complete.  A word is accepted when it
splits into known parts, each at least ``MIN_PART`` letters, the non-final
parts optionally followed by a linking -s- or -e- (or being a hunspell
compound-only stem such as a form ending in -s).  Non-final parts must be
reasonably common words, so OCR garbage rarely splits into "valid" pieces.

Genitive -s on names and places ("Tyresös") is accepted here too.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import Lexicon

MIN_PART = 3
MIN_WORD = 7
HEAD_MIN_COUNT = 300  # a non-final part must be at least this common (or a hunspell stem)
SHORT_PART_COUNT = 30_000  # a 3-letter part must be a common word ("hus", "rum")
# ... except the short nouns of the records' buildings and places, commoner in compounds than alone
# ("mottagningskök", "plåttak", "gångbro", "badsjö", "förrådsbod"): a web count of 10 000-30 000 alone
# (a count threshold of 10 000 for every short tail also let "båt", "arm" end garbage: dev sets 10 worse)
SHORT_TAILS = frozenset("kök tak bro sjö dal hav gym bod".split())
TAIL_MIN_COUNT = 300  # the final part: a common word, or a form only hunspell lists
HUNSPELL_ONLY = 2  # build_lexicon.HUNSPELL_ONLY_COUNT: inflected forms vouched for by hunspell
MAX_PARTS = 4
# The pseudo-count of an unlisted compound stays below this.  A compound of two frequent parts
# ("får" + "skolans") got its rarer part's count / 10, tens of thousands, and outranked a listed word one
# diacritic away ("förskolans", a few hundred).  A compound that common would be in the frequency list;
# one that is not can only be rare.  (On the dev set: WER 8.27 -> 8.11 %, nothing broken.)
MAX_PSEUDO_COUNT = 1000
# Words that are never a part of a compound: pronouns, articles, conjunctions, auxiliaries and a few
# adverbs.  Common enough to pass every count test, they let OCR garbage split into "valid" pieces
# ("<noun>jag<noun>").  Prepositions are not here: they are Swedish's commonest heads ("över-", "in-").
NOT_A_PART = frozenset(
    "jag du han hon hen vi ni de dem dom den det denna detta dessa min mina din ditt dina sin sitt sina "
    "vår vårt våra er ert era hans hennes deras och eller samt men som att är har hade kan ska skall måste inte "
    "också även bara redan dens dess vars gör ingen inget inga där här kom fick gick tog blev "
    # a derivational suffix is no word of its own, whatever web text lists ("ning": 724): as a part it read
    # a damaged head as "röd" + "nings" + …
    "ning "
    # spoken forms of the pronouns, in web text beside the written ones ("nån" 9 per 10 000 words): as a part
    # they read a damaged head as "nån" + "patrullen" of "natipatrullen" (nattpatrullen)
    "nån nåt nåra sån sånt såna mej dej sej".split()
)  # not "om", "när", "mitt", "väl", "vill": prefixes of "omsorg", "närområde", "mittpunkt", "välfärd", "villkor";
# "där", "här" begin only listed words ("därför", "härkomst"): as a part they made "där" + "ende" + … of "direnden…";
# a past tense ("kom", "fick", "gick", "tog", "blev") heads no compound: "kom" + "munins" hid "kommunens"

# ... except as the last part, where they are a suffix: "-bara" is the plural of the adjective suffix "-bar"
# ("laddbara", "hållbara").
SUFFIX_TAILS = frozenset({"bara"})
# Words that are also an inflection ending: as a tail they read "<word>" + ending, an inflected form
# the lexicon would list ("utbyggnad" + "ena", "kontroll" + "ande"), never a compound.
ENDING_TAILS = frozenset("ena enas ande ende andes".split())
# The linking letters, and the endings of a head after which Swedish never puts them: no -s- or -e- after
# an s ("förslag" + "s" + "s…", "hus" + "ägare", never "huss…"), no -s- after -st ("höstsäsong",
# "fångstområde": never "fångsts" + …; read as a linking -s-, a damaged tail's first letter made "sand" +
# "fångsts" + "karmar" of "…fångstskarmar").
LINK_NOT_AFTER = {"s": ("s", "st"), "e": ("s",)}
# Endings of a listed tail whose base form is common: genitive and definite forms ("-s", "-n", "-en", "-et",
# "-ns", "-ens", "-ets") are rare on the web for a rare compound's tail but no less a word for it.
TAIL_ENDINGS = ("s", "n", "en", "et", "ns", "ens", "ets")
# Prepositions end only listed words ("därtill", "ovanpå"): no compound of ours has one as its last part
# (``tail_ok``; ``splits.lost_spaces`` parts them from the word run on before them)
PREPOSITION_TAILS = frozenset("till för med från mot över inom efter enligt".split())
VOWELS = frozenset("aeiouyåäöéü")
SHARED_HEAD_COUNT = 10_000  # a head that shares its double consonant with the tail (``_seams``)
# Prepositions and adverbs are heads without a linking -s- ("överskott", "underlag", "genomslag").
NO_LINK = frozenset("för före efter under över genom mellan utan bakom inom utom mot från till vid med av om på".split())


class Compounds:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.is_valid = lru_cache(maxsize=300_000)(self._is_valid)

    def _common(self, part: str, minimum: int) -> bool:
        c = self.lex.words.get(part, 0)
        if c < (SHORT_PART_COUNT if len(part) <= MIN_PART else minimum):
            return False
        return not self._stripped_form(part, c)

    def _stripped_form(self, part: str, c: int) -> bool:
        """"for", "over": far more often written "för", "över" — a lost-diacritic form, not a part.

        A rare form counts as at least 100 here: a form only hunspell vouches for (count 2) is a word
        whatever its twin's web count ("skoningar" beside "sköningar", 51), and a compound's tail
        ("stenskoningar")."""
        alts = self.lex.stripped.get(part)
        return bool(alts) and self.lex.words.get(alts[0], 0) > 10 * max(c, 100)

    def head_ok(self, part: str) -> bool:
        if part in NOT_A_PART or part[:-1] in NOT_A_PART and part[-1:] in ("s", "e"):
            return False
        if part[-1:] == "s" and part[:-1] in NO_LINK:
            return False  # a preposition joins without a linking -s- ("före" + "slag", never "föres" + …)
        if len(part) > MIN_PART and part in self.lex.stems:
            return True
        if self._common(part, HEAD_MIN_COUNT):
            return True
        if (part[-1:] in LINK_NOT_AFTER and len(part) > MIN_PART + 1 and not part[:-1].endswith(LINK_NOT_AFTER[part[-1]])
                and self._common(part[:-1], HEAD_MIN_COUNT)):
            return True  # a linking -s-/-e- (``LINK_NOT_AFTER``)
        return False

    def tail_ok(self, part: str) -> bool:
        if part in NOT_A_PART and part not in SUFFIX_TAILS or part in ENDING_TAILS:
            return False
        if part[-1:] == "s" and part[:-1] in NOT_A_PART:
            return False  # nor their genitive: "förvalta" + "ingens" is "förvaltningens" misread
        if part in PREPOSITION_TAILS:
            return False  # a preposition ends only listed words ("därtill", "ovanpå"): "förslag" + "till" is two
        c = self.lex.words.get(part, 0)
        # A web-only form (``Lexicon.unattested``: "chet", "chef" misread) is no tail: it let a misread tail
        # make a "valid" compound ("<samhällsbyggnads>chet").  Heads keep them: verb stems such as "ladd-"
        # are web-only too (dev sets: 3 words better, none worse; as heads as well, 4 worse).
        if self._stripped_form(part, c) or part in self.lex.unattested:
            return False
        if part in SHORT_TAILS:
            return True
        return (self._common(part, TAIL_MIN_COUNT) or (len(part) >= 6 and c >= 30) or (len(part) > MIN_PART + 1 and c == HUNSPELL_ONLY)
                or (c > 0 and len(part) >= 6 and any(part.endswith(e) and self._common(part[:-len(e)], TAIL_MIN_COUNT)
                                                    for e in TAIL_ENDINGS)))
        # (the last: a listed genitive or definite form of a common tail, "anläggningarnas", "uppfyllelsen",
        # however rare on the web)

    def split(self, word: str) -> list[str] | None:
        """Parts of a valid compound, or None."""
        if len(word) < MIN_WORD or not word.isalpha():
            return None
        return self._split(word, MAX_PARTS)

    def _split(self, w: str, parts_left: int) -> list[str] | None:
        return next(self._seams(w, parts_left), None)

    def _seams(self, w: str, parts_left: int):
        """Valid splits of ``w``, one per first seam, the longest head first (fewer, more meaningful
        parts); the rest of each is split as ``_split`` does."""
        for k in range(len(w) - MIN_PART, MIN_PART - 1, -1):
            head = w[:k]
            if not self.head_ok(head):
                continue
            tail = w[k:]
            if self.tail_ok(tail):
                yield [head, tail]
            elif parts_left > 2 and len(tail) >= 2 * MIN_PART:
                rest = self._split(tail, parts_left - 1)
                if rest:
                    yield [head, *rest]
            if head[-1] == head[-2] and head[-1] not in VOWELS and self.lex.words.get(head, 0) >= SHARED_HEAD_COUNT:
                # Swedish writes two of three like consonants at a seam ("natt" + "tillsyn": "nattillsyn"):
                # a head ending in a double consonant shares its last with the tail.  Only two common words:
                # any double consonant is a candidate seam, and rare parts made "rapp" + "posterats" of a
                # misread "rapporterats" (dev sets)
                tail = w[k - 1:]
                if self.lex.words.get(tail, 0) >= TAIL_MIN_COUNT and self.tail_ok(tail):
                    yield [head, tail]

    def _is_valid(self, word: str) -> bool:
        if word.endswith("s") and len(word) > 3:
            stem = word[:-1]
            if stem in self.lex.proper or self.lex.words.get(stem, 0) >= HEAD_MIN_COUNT:
                return True  # genitive
        return self.split(word) is not None

    def pseudo_count(self, word: str) -> int:
        """A frequency for a compound: its rarest part, discounted (compounds are rarer) ten times for
        every seam — each further part is one more guess ("<stål><lär><holms><skolan>" is garbage far more
        often than a word; dev sets: 8 words better, 1 worse)."""
        if word.endswith("s") and word[:-1] in self.lex.proper:
            return max(1, self.lex.words.get(word[:-1], 0) // 10)
        splits = self._splits(word) or self._splits(word[:-1]) or [[word]]
        return max(1, min(max(min(self._part_count(p) for p in parts) // 10 ** (len(parts) - 1)
                              for parts in splits), MAX_PSEUDO_COUNT))

    def _part_count(self, p: str) -> int:
        # a compound-only stem ("<word>s" as a first part) is attested: as common as a head must be
        return max(self.lex.words.get(p, 0), self.lex.words.get(p[:-1], 0), HEAD_MIN_COUNT if p in self.lex.stems else 1)

    def _splits(self, word: str) -> list[list[str]]:
        """Every first seam's split: ``split`` takes the longest head, which may leave a rare tail
        ("<skolgård>" + "ens" where "<skol>" + "gårdens" is the reading), and a compound is as frequent
        as its best split says."""
        if len(word) < MIN_WORD or not word.isalpha():
            return []
        return list(self._seams(word, MAX_PARTS))
