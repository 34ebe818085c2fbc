"""The correction stage: decide, word by word, what to change on a page.

Before the words: word gaps read as punctuation become spaces (``splits``,
method "split"; an inserted space is applied to the working lines and the
offsets found on them mapped back, ``_to_raw``), a word-final "!" read for
"l" becomes "l", bullets read as ¢/*/«/+/v/e become "•", the "‘" English-model
OCR invents before words and a lone quote mark at a word's edge are dropped,
and in a damaged document stray "!" are mended (``punctuation``; method
"symbol").  After the words, on the corrected output (what a rerun
sees), late word gaps, a quote mark left alone, and — in a damaged document —
full stops and colons that end no sentence, commas that did, doubled full
stops and trailing "_" are mended (``_apply_late``).

Order of decisions for each word (see the package docstring for the model):

1. protected tokens are left alone (``protect``), except a lone "1", "|" or
   "{" that is the word "i", and — in a damaged document — a lone consonant
   that lost its å/ä/ö between two words ("r" for "är": ``_lone_letter``);
2. a word the lexicon knows (directly, as a compound or a genitive) is kept —
   unless the *document* is damaged (``estimate_loss``) and either a
   diacritic reading is far more frequent ("for" → "för"; the cost of the
   restoration is partly forgiven in proportion to the loss), or the word is
   one cheap confusion away from a far more frequent word (``frequent``
   table: "vat" → "var" style; it beats a rarer diacritic reading, "gra" →
   "göra"), or it is a common word with its å/ä/ö dropped ("ver" → "över"),
   or it is valid only as a compound we built while a listed word, or a
   compound of fewer parts, is a diacritic or a cheap confusion away
   (``_fewer_parts``: "<trafik><saker><hets>" → "trafiksäkerhets"), or it is
   a rare form only the web frequency list vouches for (``Lexicon.unattested``:
   read as an unknown word first, kept unless that reading is confident); in a
   document that keeps its å/ä/ö (``INTACT_LOSS``) a listed word stays as
   written; ``context`` decides the
   ambiguous short words; in a document that lost (almost) all its å/ä/ö
   (``STRIPPED_DOC``) frequency alone decides a pure stripping ("svart" →
   "svårt"), and a surname after a given name only becomes a name;
3. an unknown word gets the best candidate (``candidates``, plus the
   ``frequent`` table); a candidate that occurs as a known word elsewhere in
   the document (the *document cache*, from a first pass over the page) gets
   a bonus, a smaller one when only its word family does ("träd" beside
   "trädet": ``_in_family``); it is applied when the channel cost is low and the runner-up
   clearly worse (in a damaged document less clearly: leaving a non-word is surely wrong,
   ``MIN_MARGIN_DOC``; in a document that lost most of its å/ä/ö a pure restoration gets a flat
   bonus over glyph confusions, used only where it decides outright: ``LOSS_RESTORE_COST``),
   otherwise recorded as a suggestion (not applied), as is a reading that
   a rerun would read again (``_rereads``: a rare real word); a token
   of 6+ letters without a cheap reading also gets the second-chance
   candidates (``CandidateGenerator.second_chance``: heavy damage), applied
   only within ``SECOND_COST_PER_CHAR`` per letter and ``SECOND_MARGIN``
   ahead of the runner-up (ranking unchanged: idempotence holds);
4. a capitalised word inside a sentence (a name) gets diacritic restorations,
   and confusion-only (never free-edit) readings that are a known name or
   place (with genitive -s) or a word the document spells right elsewhere;
   a capitalised word with OCR damage (``_damaged``: digits among letters,
   £ { # & | ¥ $, é outside a name ending, a letter pair no common word has)
   also gets dearer confusion readings (``DAMAGED_NAME_MAX_COST``) that are a
   known name, a name + common word compound, or — only when the capital is
   explained otherwise (a title line, a genitive name before it, the capital
   itself the misread glyph) — a common word; an undamaged capitalised word without a cheap or name
   reading whose capital is a known misread glyph (``CAPITAL_GLYPH``: Ö as O/S/G/6, o as G, Å/Ä as A/4, l as
   I/J/1/K) gets the common-word readings that this first-letter reading makes (in a damaged document
   also when its cheap readings are all rare: "Kittare" → "lättare"); a damaged one whose diacritic
   readings are all compounds of our making also gets listed names and place compounds one confusion
   further ("Hel" + "ö" + "ström" → "Hellström"); one that ends in a place noun reads as its own
   name part + the noun ("Morévagen" → "Morövägen": ``_place_name``), and the same name standing alone
   then takes the document's ö too ("Moré" → "Morö").  A damaged capitalised word that is no known
   word may read as the clearly nearest municipality or region, free edits allowed, as that list is
   closed (``_municipality``: "Bors" → "Borås").  A sentence start (``tokenize``:
   also the first word after a short line) is no name: full search, then
   re-capitalised; a sentence-start "-én"/"-ér" word is kept unless the é
   reading is a common word or ends in a common "-ör" noun; in a damaged
   document a capital that differs from its lower case only in size ("Som"
   after a lower-case word) is lowered when the document writes the word in
   lower case elsewhere or it is a common word, judged by its reading when damaged
   (``_small_capital``); so is such a capital inside a word ("uppleVer").

Idempotence: ``correct_text`` reruns over its own output until it is a fixed point and merges the
audit (``rounds``), so correcting the output again changes nothing, whatever the input.  The rules
are written so that this rarely takes a second round: the damage estimate (a rerun over corrected
text sees a lower one) gates changes, so a rerun changes less, not differently; the one ranking that
uses it (the restoration bonus) is kept only where it decides outright, and the restored word is no
candidate on a rerun.  Words that read
their right-hand neighbours are decided again while those readings change (``_settle``).

Results are cached per (word, mode), so repeated words cost a dict lookup; on top, a bounded LRU
of whole-token decisions keyed by (token, context class — sentence start, name, capitals, fragment,
before a party code — and damage bucket — margin, loss discount, intact) persists across the pages one
Corrector sees.  A decision that context chose is never cached; one that consulted the document
cache is reused only while the consulted words have the same document-cache membership.
"""
from __future__ import annotations

import dataclasses
import gc
import math
import os
import re
from bisect import bisect_left
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein as rf_lev

from ..model import Correction
from . import context, phrases, punctuation, rounds, skeleton
from .candidates import MAX_LOG_COUNT, MIN_CANDIDATE_COUNT, SECOND_MIN_LEN, W, Candidate, CandidateGenerator, _rule
from .compounds import Compounds
from .confusions import DEL_COST_DIACRITIC, SUB_COST, channel_cost, glyph_cost, strip_diacritics
from .lexicon import Lexicon
from .splits import find_splits, lost_spaces
from .protect import HEADING_WORDS, MONTHS, ONE_GLYPHS, PARTY_RE, bars_on_line, digit_one_is_i, is_protected
from .tokenize import Word, words_of_page

# Real-word corrections need the frequency gain (log10, after channel cost) to beat
# this margin; it depends on how much of its å/ä/ö the document has lost.
REALWORD_MARGIN = [(0.6, 0.3), (0.35, 2.0)]  # (loss at least, margin); below: never. 0.3: on the dev set 0.5 missed real-word fixes, 0.2 began to break words
APPLY_MAX_COST = 1.5
APPLY_MAX_COST_LONG = 1.6  # words of 8+ letters have more evidence
SUGGEST_MAX_COST = 2.6
MIN_MARGIN = 0.3  # log10 gap to the runner-up
MIN_MARGIN_DOC = 0.1  # ... in a damaged document, for a non-word: leaving it is surely wrong, the leader likely right
MIN_MARGIN_DAMAGED = 0.05  # ... for a visibly damaged token (``_damaged``): any lead but a tie (dev: 0.0 one word better; a tie is no reading)
RARE_NAME_COUNT = 1000  # ``_before_surname``: a capitalised word rarer than this after a given name is a surname
NAME_SHAPE_MAX_COST = 0.6  # ``_listed_over_invented``: a listed word this cheap to read ...
NAME_SHAPE_MIN_COUNT = 1000  # ... and this common
# ``_realword``: the infinitive marker and modals, and how common an infinitive that follows them must be
INFINITIVE_BEFORE = frozenset("att vill ska skall kan kunna bör måste får kommer skulle borde kunde".split())
INFINITIVE_MIN_COUNT = 10_000
FOREIGN_NONWORD_MIN_LEN = 4  # a foreign word this long read as a non-word first (``_decide_inner``)
WEB_EDIT_RATIO = 50  # ... whose free-edit reading must be this many times more frequent than the form itself
# ``_grammar``: prepositions and indefinite determiners that a finite verb never follows ("per kan", "en
# har"), and how much dearer the reading that is no verb may be
NO_FINITE_AFTER = frozenset("per av med på till från hos inom genom mot vid åt bland mellan utan en ett egen eget varje".split())
INDEFINITE_ARTICLES = frozenset({"en", "ett"})  # ``_grammar``: a noun follows, never an infinitive
FINITE_SLACK = 1.0
NO_PREPOSITION_BEFORE = frozenset(context.FINITE | {"har", "hade"})
HEADING_WORD_RATIO = 100  # ``_heading_word``: the å/ä/ö spelling of a capitals word this much commoner
LOWER_MIN_COUNT = 10_000  # a corrected word this common, capitalised only by an l/I/J misread, is lower-cased
SHORT_LEAD = 1.5  # a short word's reading this far ahead (log10) ...
SHORT_LEAD_COUNT = 1_000_000  # ... and this common is applied even at a dearer cost (up to 1.0)
INFLECTION_STEM = 5  # ``_inflections``: a shared stem this long ...
INFLECTION_TAIL = 3  # ... and endings at most this long, of the letters of Swedish inflection endings
INFLECTION_LETTERS = frozenset("adenorst")  # (-en -et -er -ar -or -na -s -t -a -e -de -te -ande …)
LISTED_SLACK = 0.6  # an unlisted compound must be this much cheaper than a listed word to stand beside it
RIVAL_COMPOUND_MIN_COUNT = 100  # an unlisted compound rarer than this is no rival to a free-edit reading
MIN_APPLY_SCORE = -2.0  # log10 count − W·cost of an applied reading: below it only a suggestion ...
LONG_EDIT_LEN = 8  # ... but a token this long, read by free edits with no rival near (``SECOND_MARGIN``) ...
LONG_EDIT_MIN_SCORE = -3.2  # ... may score this low
SPLIT_ROUNDS = 3  # passes of the word-gap search over a line (``correct_text``)
SETTLE_ROUNDS = 2  # extra passes at most while look-ahead readings change (``_settle``)
DECISION_CACHE_SIZE = 200_000  # whole-token decisions kept across pages (LRU)
COMPARATIVE_REACH = 6  # ``_lone_letter``: words back to a comparative that a lone "n" ("än") completes
FIXED_POINT_ROUNDS = 3  # ``correct_text``: reruns over the output until it is a fixed point
LOSS_PRIOR = 4
RW_TABLE_LEAD = 0.5  # ... and the frequent word must be the clear reading of that OCR string
# a non-diacritic real-word change ("vat" → "var") needs this much more gain (dev3: 0.2 left "tor", "sam"
# for "för", "som"; nothing broken at 0)
RW_CONFUSION_EXTRA = 0.0
RW_TABLE_MAX_COST = 1.0
FREE_TOP_COUNT = 300_000  # ``_free_reading``: a word this common (Zipf 5.5: "och", "som", "under") ...
FREE_MIN_LEN = 3  # ... and at least this long may have any one letter misread ...
FREE_LEAD = 0.5  # ... when it leads every other such reading by this much (log10): "wig" is no reading ...
FREE_EXTRA = 0.2  # ... and gains this much more than a known confusion must (a blind substitution: "hoc" is no "hon")
COMMISSION_MAX_COST = 1.0  # ``_commission``: "får" this close to the token before "i uppdrag" ...
# ... unless the token is another verb of the formula ("har fått i uppdrag", "ges i uppdrag")
COMMISSION_VERBS = frozenset("får far fått fatt fick ges gavs gett getts ger gav har hade".split())
SUSPENDED_TAIL_MIN = 4  # the shared tail of a suspended compound (``_suspended_twin``): "stadiet", not "et"
WEB_TWIN_MIN_COUNT = 100  # the Swedish word a web-only form spells without å/ä/ö must be this common (``_realword``)
# a number glued to a unit of measure (``_measure``), the words of a measure beside it (without å/ä/ö)
MEASURE_RE = re.compile(r"^\d+(?:[.,]\d+)?(?:mm|cm|dm|m|km|m2|m3|kvm|ha|g|kg|t|l|dl|cl|ml|kw|kv|mw)$", re.I)
MEASURE_BEFORE = frozenset("max maximalt minimalt min totalt sammanlagt omkring".split())
DIMENSIONS = frozenset(strip_diacritics(w) for w in (
    "bred breda brett lång långa långt hög höga högt djup djupa djupt tjock tjocka tjockt vid vida "
    "stor stora stort lägre högre längre bredare djupare över under från till mellan per").split())
# ``_grammar`` and the commission formula: words after which "får" (read so) is the infinitive "få"
AFTER_MODAL_INFINITIVE = frozenset("att bör ska skall kan kunna måste måtte må vill skulle borde kunde torde".split())
DATE_ARTICLE_MAX_COST = 1.0  # ``_date_article``: "den" this close to a short token before a day and a month
DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])$")
LISTED_HEAD_MIN_COUNT = 20  # ``_listed_parts``: a head the lexicon lists this often counts as one part
UNLISTED_MAX_COST = 0.6  # damaged text: a listed word this close beats an unlisted compound reading
UNLISTED_MIN_COUNT = 100
UNLISTED_CONFUSION_COST = 0.6  # ... and one a shape confusion or a dropped å/ä/ö this close
UNLISTED_CONFUSION_MIN_LEN = 6
UNLISTED_RIVAL_COST = 0.8  # ... a commoner listed word this many confusions away beats a rare diacritic reading
UNLISTED_RIVAL_LEAD = 1.0  # ... by this much score (log10 of count less W × cost)
PARTS_MAX_COST = 0.6  # ``_fewer_parts``: at most two restored diacritics
LISTED_MAX_COST = 1.0  # ... or a glyph-confusion reading this cheap ...
LISTED_MIN_COUNT = 1000  # ... that is a listed everyday word
CLEAN_KEEP_COUNT = 100  # in an undamaged document a word seen this often is kept as written ...
INTACT_LOSS = 0.1  # ... and in one that keeps (nearly) all its å/ä/ö, any listed word ("besvarande" is no lost "besvärande")
DOC_BOOST = 1.5
# Real-word restorations: the share of a diacritic restoration's channel cost forgiven, times the
# document's loss ...  (for valid words a lower loss on a rerun only means fewer changes; unknown words
# get a flat bonus instead, and only where it decides outright: ``_decide``)
LOSS_DISCOUNT = 0.5
LOSS_DISCOUNT_FROM = 0.8  # ... in a document that lost at least this share of its å/ä/ö
LOSS_RESTORE_COST = 0.3  # ... and a pure å/ä/ö reading of a non-word gains that share of one restoration's cost
STRIPPED_DOC = 0.85  # a document that lost this share of its å/ä/ö: a real word's stripped reading is decided ...
CLEAN_GLYPHS_SHARE = 0.003  # a stripped page with damage glyphs in at most this share of its words: glyphs intact
STRIPPED_DOC_MARGIN = 0.3  # ... by frequency alone, when the spelling with å/ä/ö is this much (log10) more frequent
STRIPPED_PART_MARGIN = 0.8  # ... and a compound part's (``_stripped_parts``), when this much more frequent
TRIPLE_RE = re.compile(r"([^\W\d_])\1\1")
SPLIT_MIN_COUNT = 1000  # both sides of a split must be everyday words
# the two commonest abbreviations as English-model OCR prints them without their inner dot, in a damaged
# document, when the final dot is there ("bla. Skåne", "tex. genom"); their letters alone are no word the
# text means ("blå." would end a sentence about a colour).  Not "tom." / "from.": words of their own.
ABBREVIATION_DOTS = str.maketrans(":’‘'", "....")  # what OCR reads for an abbreviation's inner dot
UNDOTTED = {"bla": "bl.a", "tex": "t.ex", "fn": "f.n"}  # ("FN", the UN, is written in capitals)
ABBREVIATION_MAX_COST = 0.6  # ``_dotted_abbreviation``: one shape confusion ("bi.a" for "bl.a")
NO_ABBREVIATION_MIN_LEN = 7  # a rarer valid word this long is no truncated abbreviation (``_no_abbreviation``)
SECOND_MAX_COST = 2.4  # a second-chance reading (heavy damage, ``CandidateGenerator.second_chance``) ... (dev: 2.2 -> 2.4 two words better, nothing broken)
SECOND_COST_PER_CHAR = 0.25  # ... costs at most this per letter of the token ...
SECOND_MARGIN = 1.0  # ... and leads the runner-up by this much (log10); otherwise it is a suggestion
FAMILY_BOOST = 0.5  # ... and for one whose word family does (``_in_family``)
FAMILY_MIN = 4  # letters of a shared stem
FAMILY_SUFFIX = 4  # a shorter form in the document may lack at most this many letters of the ending
NAME_BONUS = 1.0  # log10 bonus for a candidate that occurs as a known word elsewhere in the document
NAME_COMPOUND_MAX_PARTS = 2  # ``_nonword``: an unlisted compound reading of a capitalised word, at most
NAME_MAX_COST = 1.2  # confusion-only match of a capitalised word to a known name/place (dev: 1.0 -> 1.2 one word better, nothing broken)
PLACE_EDIT_MIN_LEN = 4  # ``_municipality``: a word this long, at most this many edits and this channel cost from
PLACE_EDIT_MAX_EDITS = 2  # ... the nearest municipality or region, which leads the next by at least
PLACE_EDIT_LONG = 10  # (a name this long may be 3 edits away, "Ormskéldsvik": the channel cost still bounds it)
PLACE_EDIT_MAX_COST = 1.5
PLACE_EDIT_LEAD = 0.5
DAMAGED_NAME_MAX_COST = 1.3  # ... and of a capitalised word with OCR damage glyphs (``_damaged``)
NAME_GLYPH_MIN_LEN = 9  # a capitalised word this long may be a common word's glyph misread (``_nonword``) ...
NAME_GLYPH_COST = 0.9  # ... this cheaply
DAMAGED_COMMON_COUNT = 1000  # a common-word reading of a damaged capitalised word must be this common
LONG_COMMON_LEN = 14  # ... (a tenth of it for a word this long: ``_common``)
DAMAGE_GLYPHS = set("£{#&|¥$")
LEAD_SPECKS = ".,:;_~"  # marks OCR glues before a word (not part of it, ``_cased``)
REGISTER_RE = re.compile(r"^[A-ZÅÄÖ]{1,6}(?=$|[/:\-.,)]|\d)")  # a diary's register code: "KS", "BUN", "KFKS"
SHORT_CODE_RE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]{1,2}$")  # a register code with lower-case letters: "Dk", "Ks"
CASE_NUMBER_RE = re.compile(r"^(?:\d{2,4}[/:]\d|(?:19|20)\d{5,8}\b)")  # "1979/31", "2009:12"; "20210317": its slash lost
DAY_MONTH_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])\b(?!/)")  # "28/4", "1/12": a date
COUNCIL_MIN_LEN = 7  # ``_council_word``: tokens this long ...
COUNCIL_LEAD = 2  # ... whose nearest council forms (one word's) are this many skeleton edits ahead of any other word
COUNCIL_CHANNEL_POOL = 10  # ``_council_by_channel``: the skeleton's nearest forms it weighs ...
COUNCIL_CHANNEL_PER_CHAR = 0.2  # ... the cheapest at most this channel cost per letter of the token ...
COUNCIL_CHANNEL_LEAD = 1.5  # ... and this much cheaper than any other word's form
GRAMMAR_SLACK = 0.5  # ``_grammar``: a reading grammar prefers may cost this much more than the frequency reading
# the common nouns that end Swedish place names, in the definite form ("<Name>vägen", "<Name>skolan")
PLACE_SUFFIXES = tuple("vägen gatan gränd torget parken skolan hallen badet sundet viken ängen gärdet höjden backen "
                       "stigen leden platsen åsen stranden berget holmen sjön dalen bron hamnen kyrkan gården skogen "
                       "udden näset området fältet vallen strömmen fjärden forsen bäcken lunden hagen torpet slätten".split())
# Endings of Swedish place names that are no common word's: "-ryd" (a clearing), "-hult" (a grove),
# "-köping", "-arp", "-inge", "-boda", "-torp", "-löv" ("Ängaryd", "Älmhult", "Åtorp", "Örkelljunga" aside)
PLACE_NAME_ENDINGS = tuple("ryd hult köping arp inge boda torp löv".split())
# glyphs that English-model OCR makes of a word's final "n" (its arch split or its stem doubled) and
# their cost (``_place_name``)
N_GLYPHS = ("ii", "ri", "h", "i")
N_GLYPH_COST = 0.5
PLACE_COST = 1000  # the pseudo-count of such a place name (``_place_name``): a compound's ceiling
# words a sentence never ends with (a preposition, an article, a conjunction, "att", a subject pronoun): a
# capital opening the next line after one is mid-sentence (``_small_capital``)
NO_SENTENCE_END = frozenset("och att som med till för av på i om vid från samt eller en ett den det de varav mot under "
                            "över genom efter inom utan hos jag vi man när där då men".split())
# ... and conjunctions that open no sentence of the records: after any word without a stop (``_small_capital``)
LINE_CONJUNCTIONS = frozenset("och samt eller".split())
SIZE_ONLY = set("CKOPSVWXZ")  # capitals that differ from their lower case only in size
NAME_ADJECTIVE = ("sk", "ska", "skt")  # "Svenska kyrkan", "Svensk Handel": adjectives that begin names
COMPASS = frozenset("norra södra östra västra övre nedre stora lilla gamla nya".split())  # ... "Södra Kyrkviken" too
# English-model OCR misreads of a lower-case word's first letter that print as a capital (or digit):
# OCR first glyph -> the first letters of the readings it allows in a capitalised word inside a sentence
CAPITAL_GLYPH = {"O": "ö", "S": "ö", "G": "öo", "6": "ö", "0": "ö", "A": "åä", "4": "åä",
                 "I": "l", "J": "l", "1": "l", "K": "l"}
GLYPH_REAL_MIN_LEN = 6  # ``_realword``: a listed word this long ...
GLYPH_REAL_KEEP = 3.0  # ... and this common (log10 count) gets no loss discount for a glyph reading ("hinder")
# ``_plural_noun_twin``: the plural reading's "-na" form at least this common and this many times the printed
# form's; the plural no rarer than the printed form by more than the ratio
PLURAL_TWIN_MIN = 100
PLURAL_TWIN_RATIO = 10
PRONOUN_SUBJECTS = {"de", "vilka"}  # ... and never after a pronoun that may be the verb's subject ("de bankar")
GLYPH_WORD_MAX_LEN = 3  # ``_glyph_function_word``: a token this short ...
GLYPH_WORD_MAX_COUNT = 10_000  # ... rarer than this as printed ...
GLYPH_WORD_MIN_COUNT = 1_000_000  # ... whose glyph reading is a function word this common
RARE_PAIR = 8  # a letter pair in at most this many words of ...
RARE_PAIR_COUNT = 1000  # ... this count or more is OCR damage in a capitalised word
_PAIRS: dict[int, set[str]] = {}  # id(lexicon) -> letter pairs of its common words (shared by its correctors)
SWEDISH = set("abcdefghijklmnopqrstuvwxyzåäö")
NAME_E_RE = re.compile(r"^é(?:[nr]s?|us|e)$")
# Bullets misread by English-model OCR: a glyph that is never a word, or a lone "v"/"e" before a
# lower-case word (any word when the page has other bullet lines).
BULLET_RE = re.compile(r"^(\s*)(?:([¢*«]|\+(?= [^\W\d_]))(?= \w)|([ve])(?= (?:att\b|[a-zåäö])))")
QUOTE_RE = re.compile(r"(?:(?<!\S)(‘+)(?=\S))|(?:(?<=\w)(’)(?=[.,;:!?]?(?:\s|$)))")
QUOTE_ANY_RE = re.compile(r"[’‘'”“\"«»„]")  # any quotation mark (``_stray_quote``)
BULLET_LOOSE_RE = re.compile(r"^(\s*)([¢*«•ve+])(?= \w)")
# A party code after a name, its brackets or letter misread: "Nilsson {5}" style → "(s)".  The inner
# glyph is read by look-alike; the result must be a listed party code, or nothing is changed.
PARTY_DAMAGED_RE = re.compile(r"(?:^|(?<=\s))[A-ZÅÄÖ][a-zåäöé]+ (([({\[])([A-Za-zÅÄÖåäö5$1|!¢]{1,3})([)}\]]))(?=[\s.,;:]|$)")
PARTY_GLYPH = str.maketrans({"5": "s", "$": "s", "1": "l", "|": "l", "!": "l", "¢": "c"})
BRACKETED_RE = re.compile(r"^[({\[][^\s]{1,3}[)}\]][.,;:]?$")
STRIPPED_RATIO = 30  # pseudo-count of "intact" words: short texts are not judged lost on a word or two


def freeze_tables() -> None:
    """Move everything alive now — above all the lexicon's tables, which live as long as the process
    and hold no cycles — out of the cyclic collector's sight (``gc.freeze``): every full collection while
    correcting would walk their hundreds of thousands of tuples again (5-10 % of the time).  For a
    process that keeps its corrector, as ``Corrector.load`` does; a lexicon loaded and dropped again
    should not be frozen (it would never be freed)."""
    gc.collect()
    gc.freeze()


@dataclass
class CorrectionResult:
    text: str
    corrections: list[Correction] = field(default_factory=list)
    suggestions: list[Correction] = field(default_factory=list)
    diacritic_loss: float = 0.0


class Corrector:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.compounds = Compounds(lexicon)
        self.gen = CandidateGenerator(lexicon, self.compounds)
        self._known: dict[str, bool] = {}
        self._protected: dict[tuple[str, str, str], bool] = {}
        # Whole-token decisions, kept across pages: (token, context class, damage bucket) -> (decision,
        # candidate words whose document-cache membership was consulted, those of them that were in it)
        self._decisions: OrderedDict = OrderedDict()
        self._doc_probe: list[str] = []
        self._ctx_used = False
        self._doc: Counter = Counter()
        self._loss_discount = 0.0
        self._restore = False  # ``_score`` adds the restoration bonus (``_decide``) ...
        self._restored = False  # ... and has added it to a candidate
        self._rereading = False  # simulating a rerun's reading of a web-only form (``_nonword``)
        self._stripped_doc = False
        self._intact = False
        self._clean_glyphs = False  # a stripped page with no glyph damage (``_correct_once``)
        self._first: list[str] = []
        self._words: list[Word] | None = None  # the words of the pass under way (``_prev``)
        self._council_sk: list[str] | None = None  # ``_council_keys``, built on first use
        self._council_set = frozenset(lexicon.council)  # (membership: the council vocabulary's own words)
        self._places: frozenset[str] | None = None  # ``_e_place``'s set of ``Lexicon.places``, built on first use
        self._looked_ahead: list[int] = []  # words whose decision read the next words (``_settle``)
        self._pairs: set[str] | None = None  # letter pairs of common words (``_damaged``), built on first use
        self._phrases = phrases.build_index(lexicon.phrases)  # fixed expressions (``_phrase``)
        self._top: dict[str, set[str]] | None = None  # ``_free_reading``'s masked common words, built on first use

    _cache: dict[Path, "Corrector"] = {}

    @classmethod
    def load(cls, lexicon_dir: Path | None = None) -> "Corrector":
        """A corrector for the built lexicon, loaded once per process and directory."""
        key = Path(lexicon_dir).resolve() if lexicon_dir else Path("<default>")
        if key not in cls._cache:
            cls._cache[key] = cls(Lexicon.load(lexicon_dir))
            freeze_tables()
        return cls._cache[key]

    # -- knowledge --------------------------------------------------------
    def known(self, w: str) -> bool:
        """In the lexicon or a valid compound — and not a lost-diacritic spelling.

        Web text behind wordfreq contains "forskolan"-style spellings; a word of
        4+ letters whose å/ä/ö spelling is ≥ STRIPPED_RATIO times more frequent
        is treated as a misreading (short ones are left to the real-word logic).
        """
        r = self._known.get(w)
        if r is None:
            c = self.lex.words.get(w, 0)
            r = c > 0 or self.compounds.is_valid(w)
            if r and len(w) >= 4 and w not in context.AMBIGUOUS:
                alts = self.lex.stripped.get(w)
                if alts and self.lex.words.get(alts[0], 0) >= STRIPPED_RATIO * max(c, 1):
                    r = False
            self._known[w] = r
        return r

    def estimate_loss(self, words: list[Word]) -> float:
        """Share of diacritic-bearing words that came out without å/ä/ö (0 = intact, 1 = all lost).

        Intact evidence: a word with å/ä/ö.  Loss evidence: a word with an
        OCR glyph for å/ä/ö (é, digits inside letters, &, #, {), or a word
        without å/ä/ö whose stripped form is mostly written with them
        ("for" is ten times rarer than "för").
        """
        intact, lost = self._loss_tally(words)
        return lost / (intact + lost + LOSS_PRIOR)

    def estimate_text_loss(self, texts: list[str]) -> float:
        """``estimate_loss`` pooled over several texts: the pages of one file share the engine and the
        scan that damaged them, and a short page (a signature, a last paragraph) has too few words of
        its own to tell a text that lost its å/ä/ö from one that never had many."""
        intact = lost = 0
        for text in texts:
            i, l = self._loss_tally(words_of_page(text.split("\n")))
            intact, lost = intact + i, lost + l
        return lost / (intact + lost + LOSS_PRIOR)

    def _loss_tally(self, words: list[Word]) -> tuple[int, int]:
        """(intact, lost): the evidence counts of ``estimate_loss``."""
        tally = Counter(w.text for w in words)  # a page repeats its words: judge each form once
        intact = lost = 0
        for text, n in tally.items():
            t = text.lower()
            if not any(c.isalpha() for c in t):
                continue
            if any(c in "åäö" for c in t):
                intact += n
            elif any(c in "é&#{£" for c in t) or (any(c.isdigit() for c in t) and any(c.isalpha() for c in t)):
                lost += n
            elif t.isalpha():
                alts = self.lex.stripped.get(t)
                if alts and self.lex.words.get(alts[0], 0) > 10 * max(self.lex.words.get(t, 0), 1):
                    lost += n
        return intact, lost

    # -- page -------------------------------------------------------------
    def correct_text(self, text: str, page: int = 1, loss: float | None = None) -> CorrectionResult:
        """Correct one page of text.  ``loss``: the damage estimate to decide by, when the page is part
        of a file (``estimate_text_loss`` over its pages); by default the page's own.

        The output is a fixed point: the page is corrected again (with its own estimate, as a rerun
        would be) until nothing changes, at most ``FIXED_POINT_ROUNDS`` times, and the audit is merged
        against the raw text (``rounds``).  A page the first round leaves unchanged costs one round."""
        result = self._correct_once(text, page, loss)
        final, later = result.text, []
        for _ in range(FIXED_POINT_ROUNDS if final != text else 0):
            again = self._correct_once(final, page)
            if again.text == final:
                break
            later += again.corrections
            final = again.text
        if not later:
            return result
        corrections, suggestions = rounds.merge(text, result.corrections, result.suggestions, final, later, page)
        return CorrectionResult(final, corrections, suggestions, result.diacritic_loss)

    def _correct_once(self, text: str, page: int = 1, loss: float | None = None) -> CorrectionResult:
        raw_lines = text.split("\n")
        # Word gaps read as punctuation are mended before the words are read: same-length edits in
        # place, inserted spaces ("till,och" → "till, och") too, their positions kept in ``inserted``
        # so that everything found on the working lines maps back to raw offsets (``_to_raw``).
        lines = list(raw_lines)
        split_corr: list[Correction] = []
        inserted: dict[int, list[int]] = {}
        for li, ln in enumerate(raw_lines):
            seen: set[tuple[int, int]] = set()
            for _ in range(SPLIT_ROUNDS):  # a mended gap may show another in the chunk it cut off ("0.:a_b")
                # (and a preposition run on to the word before it, "förslagtill": ``lost_spaces``)
                edits = [e for e in find_splits(ln, self._split_known, self.lex.abbreviations, self._listed, self._name_kind)
                         + lost_spaces(ln, self._split_known, self._attested, self._count, prepositions_only=True)
                         if (e[0], e[1]) not in seen]
                if not edits:
                    break
                for a, b, orig, rep in edits:
                    seen.add((a, b))
                    split_corr.append(Correction(page=page, line=li, start=a, end=b, original=orig, correction=rep,
                                                 method="split", score=0.8, applied=True, rule=f"{orig or '∅'}→␣"))
                    if b - a == len(rep):
                        ln = ln[:a] + rep + ln[b:]
                    elif a == b:
                        inserted.setdefault(li, []).append(a)
            for a, b, orig, rep in (punctuation.bang_for_l(ln, self._count_any)
                                    + punctuation.quote_for_ring(ln, self._attested, self._count)
                                    + punctuation.cent_for_letter(ln, self._count_any, self._split_known, self.lex.abbreviations)
                                    + punctuation.hyphen_for_stop(ln, self.lex.abbreviations)):
                split_corr.append(Correction(page=page, line=li, start=a, end=b, original=orig, correction=rep,
                                             method="symbol", score=0.7, applied=True, rule=f"{orig}→{rep}"))
                ln = ln[:a] + rep + ln[b:]
            for m in PARTY_DAMAGED_RE.finditer(ln):
                inner = m.group(3).translate(PARTY_GLYPH)
                if not (inner.islower() or inner.isupper()):
                    continue
                if inner.upper() not in self.lex.party_codes:
                    inner = self._party_code_near(inner)
                    if inner is None:
                        continue
                rep = "(" + inner + ")"
                a, b = m.start(1), m.end(1)
                if rep != m.group(1) and len(rep) == b - a:
                    split_corr.append(Correction(page=page, line=li, start=a, end=b, original=m.group(1),
                                                 correction=rep, method="party", score=0.9, applied=True, rule=f"{m.group(1)}→{rep}"))
                    ln = ln[:a] + rep + ln[b:]
            for a in sorted(inserted.get(li, ()), reverse=True):
                ln = ln[:a] + " " + ln[a:]
            lines[li] = ln
        words = words_of_page(lines)
        if loss is None:
            loss = self.estimate_loss(words)
        margin = next((m for lo, m in REALWORD_MARGIN if loss >= lo), None)
        applied: list[Correction] = list(split_corr)
        suggested: list[Correction] = []
        self._loss_discount = LOSS_DISCOUNT * loss if loss >= LOSS_DISCOUNT_FROM else 0.0
        self._stripped_doc = loss >= STRIPPED_DOC
        # ... and nothing else: no word on the page shows glyph damage (``_glyph_damaged``), as text that lost its
        # marks in a conversion, not in OCR ("clean texts, å/ä/ö stripped" in the benchmark)
        self._clean_glyphs = self._stripped_doc and sum(self._glyph_damaged(w.text) for w in words) <= CLEAN_GLYPHS_SHARE * len(words)
        self._intact = loss < INTACT_LOSS
        # Document cache: word forms the document spells right somewhere.  A first pass corrects
        # without it; the forms of its output are the evidence for the real pass, so a second
        # run over the output sees the same evidence (idempotence).
        self._doc = Counter()
        self._first = []
        self._pass(words, margin)
        self._first = list(self._current)  # the first pass's reading (``_one_is_i`` looks ahead with it)
        self._doc = Counter(t.lower() for t in self._current if len(t) >= 4 and t.isalpha() and self.known(t.lower()))
        # ... and its word families: "~<stem>" for every prefix of FAMILY_MIN+ letters of those forms
        self._doc.update({"~" + t[:i] for t in list(self._doc) for i in range(FAMILY_MIN, len(t))})
        # ... and "=<word>" for the words it writes in lower case (``_small_capital``)
        self._doc.update({"=" + t for t in self._current if t.isalpha() and t.islower()})
        # ... and "@<name>" for the name part with å/ä/ö of a place it names ("Morövägen": ``_decide_inner``)
        self._doc.update({"@" + n for t in self._current if t[:1].isupper() and t.isalpha()
                          for n in [_place_part(t.lower())] if n and any(c in "åäö" for c in n)})
        bullets = set()
        applied += _quote_marks(lines, page)
        edits = punctuation.clock_abbreviations(lines)
        if margin is not None:
            edits += punctuation.stray_bangs(lines)
        applied += [Correction(page=page, line=li, start=a, end=b, original=o, correction=r, method="symbol",
                               score=0.7, applied=True, rule=f"{o}→{r or '∅'}") for li, a, b, o, r in edits]
        loose = sum(1 for ln in lines if BULLET_RE.match(ln) or ln.lstrip().startswith("• ")) >= 2
        for li, ln in enumerate(lines):
            m = (BULLET_LOOSE_RE if loose else BULLET_RE).match(ln)
            if m and m.group(m.lastindex) != "•":
                s0 = m.start(m.lastindex)
                bullets.add((li, s0))
                applied.append(Correction(page=page, line=li, start=s0, end=s0 + 1, original=ln[s0], correction="•",
                                          method="symbol", score=0.9, applied=True, rule=f"{ln[s0]}→•"))
        if bullets:  # a bullet "•" is no word on a rerun: the real pass does not see it either (``_one_is_i``)
            keep = [k for k, w in enumerate(words) if (w.line, w.start) not in bullets]
            words, self._first = [words[k] for k in keep], [self._first[k] for k in keep]
        for k, (w, decision) in enumerate(zip(words, self._settle(words, margin, self._pass(words, margin)))):
            if decision is None:
                continue
            new, method, cost, rule, apply = decision
            if new == w.text:
                continue
            corr = Correction(page=page, line=w.line, start=w.start, end=w.end, original=w.text, correction=new,
                              method=method, score=round(math.exp(-cost), 3), applied=apply, rule=rule)
            (applied if apply else suggested).append(corr)
        if inserted:  # offsets found on the working lines → raw offsets
            n = len(split_corr)
            applied = applied[:n] + [_to_raw(c, inserted) for c in applied[n:]]
            suggested = [_to_raw(c, inserted) for c in suggested]
        out_lines = _apply(raw_lines, applied)
        # Gaps that only show once the words beside them are corrected ("-0ch" → "-och"): found on
        # the output and mapped back to raw offsets (the separator itself is never edited), so a
        # second run finds nothing new.
        # Two words run together ("kommunenhar") only once the words are read: a raw token that lost its
        # å/ä/ö is no word either ("atgarder" is no "atgard" + "er").
        gaps = [(li, a, b, orig, rep) for li, ln in enumerate(out_lines)
                for a, b, orig, rep in find_splits(ln, self._split_known, self.lex.abbreviations, self._listed,
                                                   self._name_kind) + lost_spaces(ln, self._split_known, self._attested,
                                                                                  self._count)]
        out_lines = _apply_late(raw_lines, out_lines, applied, gaps, page, "split", 0.8)
        # A quote mark left alone on its line once a word beside it took its twin ("d'å’" → "då’"): the
        # rule for a lone mark, again on the output (a rerun sees one mark)
        out_lines = _apply_late(raw_lines, out_lines, applied, _lone_quotes(out_lines), page, "symbol", 0.7)
        if margin is not None:
            # Marks judged by the words around them — as corrected, which is what a rerun sees ("0k. a"
            # reads "ok. a"): full stops and colons that end no sentence, commas that did.
            marks = (punctuation.stray_full_stops(out_lines, self._no_abbreviation, self.lex.abbreviations)
                     + punctuation.comma_full_stops(out_lines, lambda t: self._common_not_name(t.lower()))
                     + punctuation.preposition_stops(out_lines, lambda t: self._common_not_name(t.lower()))
                     + punctuation.colon_full_stops(out_lines) + punctuation.stray_colons(out_lines, self._is_proper)
                     + punctuation.stray_commas(out_lines, context.may_be_finite, self._listed)
                     + punctuation.signature_commas(out_lines)
                     + punctuation.heading_marks(out_lines, self._is_proper) + punctuation.party_code_stops(out_lines)
                     + punctuation.double_full_stops(out_lines) + punctuation.trailing_underscores(out_lines)
                     + punctuation.double_marks(out_lines, self.lex.abbreviations)
                     + punctuation.semicolon_commas(out_lines) + punctuation.date_marks(out_lines)
                     + punctuation.tilde_dashes(out_lines)
                     + punctuation.square_kilometres(out_lines) + punctuation.degree_gaps(out_lines)
                     + punctuation.percent_conventions(out_lines) + punctuation.thousands_gaps(out_lines)
                     + punctuation.abbreviation_colons(out_lines, self.lex.abbreviations))
            out_lines = _apply_late(raw_lines, out_lines, applied, marks, page, "symbol", 0.7)
            # the space between "§" and its number: a word gap the OCR lost, recorded as one ("split")
            out_lines = _apply_late(raw_lines, out_lines, applied, punctuation.section_signs(out_lines), page, "split", 0.7)
        return CorrectionResult("\n".join(out_lines), rounds.nest(raw_lines, applied), suggested, round(loss, 3))

    def _party_code_near(self, inner: str) -> str | None:
        """The one party code a bracketed code after a name is a letter away from, the cheapest by the
        confusion weights ("(tp)": t read for f, "(fp)"; "(ka)": "(kd)"), in the code's own case; None
        when two codes are as near ("(a)": "(c)", "(m)", "(s)", … each one free substitution away)."""
        costs: dict[str, float] = {}
        for code in self.lex.party_codes:
            c = code.lower() if inner.islower() else code
            if len(c) != len(inner):
                continue
            diff = [(o, t) for o, t in zip(inner, c) if o != t]
            if len(diff) == 1:
                o, t = diff[0]
                costs[c] = glyph_cost(o.lower(), t.lower())
        if not costs:
            return None
        ranked = sorted(costs.items(), key=lambda kv: kv[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def _common_not_name(self, low: str) -> bool:
        """A common word (``LOWER_MIN_COUNT``) that no name list has and that begins no name."""
        return (self.lex.words.get(low, 0) >= LOWER_MIN_COUNT and not self._is_proper(low) and low not in COMPASS
                and not low.endswith(NAME_ADJECTIVE) and low not in self.lex.given_names and low not in self.lex.surnames)

    def _name_kind(self, w: str) -> str | None:
        """"given" or "surname" (``find_splits``), as read or once corrected ("Emma-Hägglund")."""
        low = w.lower()
        return "given" if low in self.lex.given_names else "surname" if low in self.lex.surnames else None

    def _split_known(self, t: str) -> bool:
        """An everyday word — or one that lost its å/ä/ö (é read for ö): a side of a gap read as punctuation."""
        if self.known(t) and self.lex.words.get(t, 0) >= SPLIT_MIN_COUNT:
            return True
        o = t.replace("é", "o")
        if o != t and self.lex.words.get(o, 0) >= SPLIT_MIN_COUNT:
            return True  # é read for a plain o ("sém": som), not only for ö
        alts = self.lex.stripped.get(o)
        return bool(alts) and self.lex.words.get(alts[0], 0) >= SPLIT_MIN_COUNT

    def _dotted_abbreviation(self, norm: str) -> tuple[str, float] | None:
        """The listed dotted abbreviation that ``norm`` (lower case, inner dots kept) is with one glyph
        misread ("bi.a" → "bl.a", "ft.o.m" → "fr.o.m"), and its channel cost: the same dots, letters a
        cheap confusion apart, and no other abbreviation as near.  Its dots are the witness; a free edit
        would drop them."""
        if norm in self.lex.abbreviations or "." not in norm.strip("."):
            return None
        letters = norm.replace(".", "")
        found = [(a, cost) for a in self.lex.abbreviations if len(a) == len(norm) and "." in a
                 and all((x == ".") == (y == ".") for x, y in zip(a, norm))
                 for cost in [channel_cost(letters, a.replace(".", ""))] if cost <= ABBREVIATION_MAX_COST]
        return found[0] if len(found) == 1 else None

    def _dots_moved(self, norm: str) -> str | None:
        """The one listed abbreviation of two dots or more with the letters of ``norm`` (lower case, a dot
        inside) but its dots elsewhere: "fro.m" is "fr.o.m", "to.m" "t.o.m" — OCR drops a dot or reads two
        letters' dot as one; the letters and a dot left inside are the witness."""
        if norm in self.lex.abbreviations or "." not in norm.strip("."):
            return None
        letters = norm.replace(".", "")
        found = [a for a in self.lex.abbreviations if a.count(".") >= 2 and a.replace(".", "") == letters]
        return found[0] if len(found) == 1 else None

    def _no_abbreviation(self, t: str) -> bool:
        """A word a full stop after which is no abbreviation's: an everyday word, or a longer valid one
        that more than the web list vouches for ("inventerat", "passager"; abbreviations unknown to our
        list are short truncations: "ordf", "sekr", "forts")."""
        return self._split_known(t) or (len(t) >= NO_ABBREVIATION_MIN_LEN and self._attested(t))

    def _attested(self, t: str) -> bool:
        """A valid word that more than the web frequency list vouches for (``Lexicon.unattested``)."""
        return self.known(t) and t not in self.lex.unattested

    def _count(self, t: str) -> int:
        return self.lex.words.get(t, 0)

    def _count_any(self, t: str) -> int:
        """The count of ``t`` or of its commonest å/ä/ö spelling ("dartill": "därtill"): a word read
        before its letters are."""
        alts = self.lex.stripped.get(strip_diacritics(t))
        return max(self._count(t), self._count(alts[0]) if alts else 0)

    def _listed(self, t: str) -> bool:
        """A word the lexicon lists (``find_splits``: a hyphenated pair whose concatenation is one stays)."""
        return t in self.lex.words

    def _pass(self, words: list[Word], margin: float | None) -> list:
        """Decisions for every word; ``self._current`` ends as the corrected word sequence."""
        self._current = [w.text for w in words]  # left context as corrected so far
        self._words = words
        self._looked_ahead = []
        out = []
        for k in range(len(words)):
            self._ctx_used = False
            decision = self._decide(words, k, margin)
            if margin is not None and decision is not None and decision[4]:
                decision = self._grammar(words, k, decision)
            if margin is not None:
                decision = self._man_plural(words, k, decision)
                decision = self._phrase(words, k, decision)
                decision = self._suspended_twin(words, k, decision)
            if self._ctx_used or words[k].text in ONE_GLYPHS:
                self._looked_ahead.append(k)
            if decision is not None and decision[4]:
                self._current[k] = decision[0]
            out.append(decision)
        return out

    def _grammar(self, words: list[Word], k: int, decision: tuple) -> tuple | None:
        """``decision`` or the reading grammar prefers (``context.prefer``), when the glyphs read may be
        that word nearly as cheaply (the cost of the decision + ``GRAMMAR_SLACK``).  Outside the decision
        cache: the neighbours decide.  None keeps the word as read: a listed word whose restored å/ä/ö
        would make an infinitive right after an indefinite article ("en slinga" is no "en slänga")."""
        choice = decision[0].lower()
        low = words[k].text.lower()
        if choice == "får" and low != choice:
            self._ctx_used = True
            if self._after_modal(k) and channel_cost(low, "få") <= decision[2] + GRAMMAR_SLACK:
                # a modal or "att" takes the infinitive: "bör få i uppdrag", "måtte få", never "bör får"
                w = words[k]
                return self._cased(w.text, "få", w, _sentence_start(w)), "context", channel_cost(low, "få"), _rule(low, "få"), True
        if decision[1] == "diacritics" and low in self.lex.words and choice != low and self._after_article(k):
            self._ctx_used = True
            if self._infinitive_form(choice) and not self._infinitive_form(low):
                return None
        if choice in NO_PREPOSITION_BEFORE and decision[1] != "context" and words[k].text.lower() != choice:
            self._ctx_used = True
            if (self._prev(k) or "").lower() in NO_FINITE_AFTER:
                return self._not_finite(words, k, decision)
        if choice not in context.PREFER_GROUPS:
            return decision
        self._ctx_used = True
        alt = context.prefer(choice, self._prev(k), self._next(words, k, 1), self._next(words, k, 2))
        if alt is None:
            return decision
        low = words[k].text.lower()
        cost = channel_cost(low, alt)
        if cost > decision[2] + GRAMMAR_SLACK:
            return decision
        w = words[k]
        sentence_start = _sentence_start(w)
        return self._cased(w.text, alt, w, sentence_start), "context", cost, _rule(low, alt), True

    def _plural_noun_twin(self, k: int, low: str, best: Candidate) -> bool:
        """``best``, the same word with å/ä/ö, is a noun's plural, ``low`` as printed is none (a verb's
        present "bankar", a singular "broder", "hjalmar" a name), and a plural's marker stands before it
        (``context.plural_before``: a number, a quantity word, a plural determiner or adjective).  Without
        part-of-speech tags the forms tell: a noun's plural takes the definite "-na" ("bänkarna",
        "bröderna"), the others do not ("bankarna" is noise on the web)."""
        word = best.word
        if (len(word) != len(low) or strip_diacritics(word) != low
                or not low.endswith(("ar", "er", "or")) or len(low) < 5):
            return False
        count = self.lex.words.get
        if count(word, 0) * PLURAL_TWIN_RATIO < count(low, 0):
            return False
        if count(word + "na", 0) < PLURAL_TWIN_MIN or count(word + "na", 0) < PLURAL_TWIN_RATIO * count(low + "na", 0):
            return False
        self._ctx_used = True  # (the neighbours decide: no whole-token decision to cache)
        prev = (self._prev(k) or "").lower()
        return prev not in PRONOUN_SUBJECTS and context.plural_before(prev, self._prev(k - 1) if k > 0 else None)

    def _after_modal(self, k: int) -> bool:
        """A modal or the infinitive marker stands right before word ``k``: a verb there is an infinitive."""
        return (self._prev(k) or "").lower() in AFTER_MODAL_INFINITIVE

    def _after_article(self, k: int) -> bool:
        """An indefinite article stands right before word ``k`` or before the one word between them, the
        noun phrase's adjective ("en slinga", "en fast slinga"): a noun's place, never an infinitive's."""
        prev = (self._prev(k) or "").lower()
        if prev in INDEFINITE_ARTICLES:
            return True
        return (k >= 2 and prev.isalpha() and self._words[k - 1].chunk.isalpha() and prev not in context.FINITE
                and prev not in context.MODALS and (self._prev(k - 1) or "").lower() in INDEFINITE_ARTICLES)

    def _infinitive_form(self, w: str) -> bool:
        """``w`` is only a verb's infinitive: it ends in -a, its present tense ("slänger" of "slänga",
        "kastar" of "kasta") is a common word and no noun's definite form is ("frågan": "fråga" is a
        noun too)."""
        words = self.lex.words
        return (w.endswith("a") and max(words.get(w[:-1] + "er", 0), words.get(w + "r", 0)) >= INFINITIVE_MIN_COUNT
                and words.get(w + "n", 0) < INFINITIVE_MIN_COUNT)

    def _not_finite(self, words: list[Word], k: int, decision: tuple) -> tuple:
        """The likeliest reading that is no finite verb, for a word right after a preposition ("per kak":
        "kök", not "kan"): a preposition governs a noun phrase, never a finite verb.  Within
        ``FINITE_SLACK`` of the decision's cost; else the decision stands."""
        low = words[k].text.lower()
        best = max((c for c in self.gen.best(low, False) if c.word not in NO_PREPOSITION_BEFORE and c.word in self.lex.words
                    and c.cost <= decision[2] + FINITE_SLACK and c.word not in self.lex.foreign),
                   key=lambda c: c.score, default=None)
        if best is None:
            return decision
        w = words[k]
        return self._cased(w.text, best.word, w, _sentence_start(w)), "context", best.cost, best.rule, True

    def _phrase(self, words: list[Word], k: int, decision: tuple | None) -> tuple | None:
        """Word ``k`` with its å/ä/ö back when it and its neighbours make a fixed expression
        (``phrases``: "till stand" → "till stånd", "at ratt hall" → "åt rätt håll"), whatever the
        word-by-word decision read; else ``decision``.  Within one sentence; the words before as
        corrected, those after as the first pass read them."""
        w = words[k]
        if strip_diacritics(w.text.lower()) not in self._phrases:
            return decision
        self._ctx_used = True

        def neighbour(off: int) -> str | None:
            step = 1 if off > 0 else -1
            for j in range(k + step, k + off + step, step):
                inner = j if step > 0 else j + 1  # the later of the two words a sentence end would part
                if not 0 <= j < len(words) or words[inner].after_sentence_end:
                    return None
            return self._next(words, k, off) if off > 0 else self._current[k + off]

        found = phrases.reading(self._phrases, w.text, neighbour)
        if found is None or found[0] == w.text.lower():
            return decision
        form, _ = found
        low = w.text.lower()
        return self._cased(w.text, form, w, _sentence_start(w)), "context", channel_cost(low, form), _rule(low, form), True

    def _suspended_twin(self, words: list[Word], k: int, decision: tuple | None) -> tuple | None:
        """A suspended compound's first part kept as printed ("lag- och mellanstadiet") that shares its
        tail with the compound after the conjunction: with its å/ä/ö back it makes a listed word of that
        tail ("lågstadiet"), as printed none ("lagstadiet").  The tail is read from the last word, as
        printed, so the first part takes the marks the whole phrase needs."""
        w = words[k]
        low = w.text.lower()
        if (decision is not None and decision[4]) or not w.hyphen_after or not low.isalpha() or low not in self.lex.stripped:
            return decision
        conj, last = self._next(words, k, 1), self._next(words, k, 2)
        if conj is None or conj.lower() not in ("och", "eller", "samt") or last is None or not last.isalpha():
            return decision
        self._ctx_used = True
        last = last.lower()
        for i in range(1, len(last) - SUSPENDED_TAIL_MIN + 1):
            tail = last[i:]
            if self.lex.words.get(low + tail, 0) >= MIN_CANDIDATE_COUNT:
                return decision  # the part as printed makes a word of this tail: it stands
            for form in self.lex.stripped.get(strip_diacritics(low + tail), ()):
                twin = form[: len(low)]
                if strip_diacritics(twin) == low and twin != low and self.lex.words.get(form, 0) >= MIN_CANDIDATE_COUNT:
                    return self._cased(w.text, twin, w, _sentence_start(w)), "context", channel_cost(low, twin), _rule(low, twin), True
        return decision

    def _measure(self, words: list[Word], k: int) -> bool:
        """A number glued to its unit ("6m", "12km") where a measure stands: after an approximation or
        before a dimension ("ca 6m", "6m bred", "är 6m hög"); elsewhere the digit may be a misread letter
        ("information 6m planen": "om")."""
        prev = (self._prev(k) or "").lower()
        nxt = strip_diacritics((self._next(words, k, 1) or "").lower())
        return prev in context.APPROXIMATELY or prev in MEASURE_BEFORE or nxt in DIMENSIONS

    def _man_plural(self, words: list[Word], k: int, decision: tuple | None) -> tuple | None:
        """A "-man" noun ("brandman", "tjänsteman") after a plural's marker — a number, a count or
        quantity word, a plural determiner, or a plural adjective that no genitive or determiner
        precedes ("ansvariga tjänsteman") — is its plural "-män" with the ä read as a: in a damaged
        document the singular as read is one lost diacritic from the form grammar needs."""
        w = words[k]
        read = decision[0] if decision is not None and decision[4] else w.text
        low = read.lower()
        if len(low) < 6 or not low.endswith("man") or not low.isalpha():
            return decision
        plural = low[:-3] + "män"
        if self.lex.words.get(plural, 0) < MIN_CANDIDATE_COUNT and not self.compounds.is_valid(plural):
            return decision
        self._ctx_used = True
        if not context.plural_before(self._prev(k), self._prev(k - 1) if k > 0 else None):
            return decision
        orig = w.text.lower()
        cost = channel_cost(orig, plural)
        if cost > (decision[2] if decision is not None and decision[4] else 0.0) + GRAMMAR_SLACK:
            return decision
        sentence_start = _sentence_start(w)
        return self._cased(w.text, plural, w, sentence_start), "context", cost, _rule(orig, plural), True

    def _settle(self, words: list[Word], margin: float | None, decisions: list) -> list:
        """Rerun the pass while a word that read its right-hand neighbours (the context rules,
        ``_one_is_i``) read them otherwise than this pass left them: a rerun over the output would see
        the new readings and decide again ("1 { 0a": "{" becomes "i" only once "0a" is "oa", and then
        "1" is "i" too).  Rare, and bounded."""
        for _ in range(SETTLE_ROUNDS):
            n = len(words)
            if not any(self._first[j] != self._current[j] for k in self._looked_ahead for j in (k + 1, k + 2) if j < n):
                break
            self._first = list(self._current)
            decisions = self._pass(words, margin)
        return decisions

    @staticmethod
    def _misread_dnr(words: list[Word], k: int) -> bool:
        """``words[k]`` is "Dnr" (diarienummer) misread: a three- or four-letter word two edits from it at
        most, before a case number on its line — a register code in capitals ("KS", "BUN", "KS/2025:0412",
        "KS-1979/09") followed by a number or ending the line, or a number with a slash ("2009/17")."""
        text = words[k].text
        if not (3 <= len(text) <= 4 and text.isalpha() and rf_lev.distance(text.lower(), "dnr") <= 2):
            return False
        if k + 1 >= len(words) or words[k + 1].line != words[k].line:
            return False
        # (the next chunk, or the rest of this one after a hyphen read for the gap: "Dur-KS 2006/047")
        nxt = (words[k + 1].text if words[k].hyphen_after else words[k + 1].chunk).lstrip("-.:(")
        if text.lower() == "den" and DAY_MONTH_RE.match(nxt):
            return False  # "Växjö den 28/4 2016": the article every written date takes, not "Dnr"
        if CASE_NUMBER_RE.match(nxt):
            return True
        if SHORT_CODE_RE.match(nxt) and k + 2 < len(words) and words[k + 2].line == words[k].line:
            return bool(CASE_NUMBER_RE.match(words[k + 2].chunk))  # a code in lower case ("Dk 1955/48")
        if not REGISTER_RE.match(nxt):
            return False
        if REGISTER_RE.match(nxt).end() < len(nxt.rstrip(").,")):
            return True  # the code and its number in one chunk ("KS/2025:0412")
        return k + 2 >= len(words) or words[k + 2].line != words[k].line or bool(CASE_NUMBER_RE.match(words[k + 2].chunk))

    def _heading_word(self, words: list[Word], k: int) -> str | None:
        """A short word in capitals between words in capitals on its line ("SVAR PA INTERPELLATION") is a
        heading's word, not an acronym: its spelling with å/ä/ö when that is a hundred times commoner
        ("PÅ", "ÄR", "FÖR", "ÖVER"), in a damaged document."""
        w = words[k]
        t = w.text
        if not (2 <= len(t) <= 5 and t.isupper() and t.isalpha()):
            return None
        beside = [words[j] for j in (k - 1, k + 1) if 0 <= j < len(words) and words[j].line == w.line]
        if not beside or not all(b.text.isupper() and b.text.isalpha() and len(b.text) >= 3 for b in beside):
            return None
        low = t.lower()
        alts = self.lex.stripped.get(low)
        if not alts or low in self.lex.abbreviations:
            return None
        return alts[0].upper() if self.lex.words.get(alts[0], 0) >= HEADING_WORD_RATIO * max(self._count(low), 1) else None

    @staticmethod
    def _i_cased(words: list[Word], k: int) -> str:
        """The word i read as a glyph: "I" at a sentence start or between words in capitals ("BANK | STAD")."""
        w = words[k]
        caps = 0 < k < len(words) - 1 and words[k - 1].text.isupper() and words[k + 1].text.isupper()
        return "I" if w.paragraph_start or w.after_sentence_end or w.block_start or caps else "i"

    def _one_is_i(self, words: list[Word], k: int) -> bool:
        """``digit_one_is_i`` with the previous word as corrected and the next as the first pass read it
        (a rerun sees the corrected words)."""
        if words[k].text not in ONE_GLYPHS:
            return False
        prev = self._current[k - 1] if k > 0 else None
        nxt = self._first[k + 1] if k + 1 < len(self._first) else None
        if (prev is not None and prev != words[k - 1].text) or (nxt is not None and nxt != words[k + 1].text):
            j = max(k - 1, 0)
            window = words[j : k + HEADING_WORDS + 2]  # the rest of the line: ``_short_line``
            if prev is not None:
                window[0] = dataclasses.replace(window[0], text=prev)
            if nxt is not None:
                window[k + 1 - j] = dataclasses.replace(window[k + 1 - j], text=nxt)
            return digit_one_is_i(window, k - j, self.lex, bars_on_line(words, k))  # the window may cut the line
        return digit_one_is_i(words, k, self.lex)

    def _decide(self, words: list[Word], k: int, margin: float | None) -> tuple[str, str, float, str, bool] | None:
        w = words[k]
        text = w.text
        if (margin is None and len(text) > 1 and text.isalpha() and (text.islower() or text.istitle()) and "é" not in text
                and not TRIPLE_RE.search(text) and self.known(text.lower()) and (
                    len(text) > 4 or (self._next(words, k, 1) or "").lower() != "i")):
            # the bulk of an undamaged document: a known word in lower case or with one capital is kept by
            # every rule below (no lone letter, no "é" of a place name, no commission's "får" before "i
            # uppdrag") — decided before the protection test and the cache key (most of clean text's time)
            return None
        if any(c in w.text for c in ".:’‘'"):
            # a dotted abbreviation with a misread glyph ("t.éx", "s:k", "bl’a"): its listed form, never a
            # free edit that drops its dots
            norm = w.text.lower().replace("é", "e").translate(ABBREVIATION_DOTS)
            if norm != w.text.lower() and norm in self.lex.abbreviations:
                return _abbreviation_cased(w.text, norm), "confusion", 0.3, _rule(w.text.lower(), norm), True
            moved = self._dots_moved(norm)
            if moved is not None:
                return _abbreviation_cased(w.text, moved), "confusion", 0.3, _rule(w.text.lower(), moved), True
            near = self._dotted_abbreviation(norm)
            if near is not None:
                abbr, cost = near
                return _abbreviation_cased(w.text, abbr), "confusion", cost, _rule(w.text.lower(), abbr), True
        if margin is not None and w.chunk.endswith(".") and w.text.lower() in UNDOTTED and not w.text.isupper():
            # "bla." / "tex.": the commonest abbreviations with their inner dot lost, the final one kept
            abbr = UNDOTTED[w.text.lower()]
            return _abbreviation_cased(w.text, abbr), "confusion", 0.5, _rule(w.text.lower(), abbr), True
        if (margin is not None and w.chunk.endswith(".") and w.text in ("Lex", "lex")
                and (self._next(words, k, 1) or "")[:1].islower()):
            # "t.ex." with its "t." read as one "L" before a sentence that goes on (a "Lex Maria" is named,
            # without a stop)
            return "t.ex", "confusion", 0.6, f"{w.text}→t.ex", True
        if margin is not None and w.text[:1] in "Dd" and w.text.lower() != "dnr" and self._misread_dnr(words, k):
            # "Dar KS 1979/31", "(Dor KF 1983/34)": "Dnr" before a case number, whatever the OCR made of it
            # ("Där" never stands before a register code and a number)
            dnr = "Dnr" if w.text[0] == "D" else "dnr"
            return dnr, "context", 0.6, f"{w.text}→{dnr}", True
        if (k > 0 and SHORT_CODE_RE.match(w.text) and words[k - 1].line == w.line
                and (self._current[k - 1] or "").lower() == "dnr" and k + 1 < len(words) and words[k + 1].line == w.line
                and CASE_NUMBER_RE.match(words[k + 1].chunk)):
            return None  # the register code between "Dnr" and its number ("Dnr Dk 1955/48"): no word
        pkey = (w.chunk, w.chunk_core, w.text)  # all ``is_protected`` looks at: memoised (both passes, repeats)
        protected = self._protected.get(pkey)
        if protected is None:
            protected = self._protected[pkey] = is_protected(w, self.lex)
        if protected:
            heading = self._heading_word(words, k) if margin is not None else None
            if heading is not None:
                return heading, "diacritics", 0.3, _rule(w.text.lower(), heading.lower()), True
            if self._one_is_i(words, k):
                i = self._i_cased(words, k)
                return i, "confusion", 0.3, f"{w.text}→{i}", True
            if margin is not None and len(w.text) == 1:
                return self._lone_letter(words, k)
            return None
        if self._one_is_i(words, k):
            i = self._i_cased(words, k)
            return i, "confusion", 0.3, f"{w.text}→{i}", True
        text = w.text
        low = text.lower()
        if not low.isalpha() and not any(c.isalpha() for c in low):
            return None
        sentence_start = _sentence_start(w)
        name_mode = text[0].isupper() and not sentence_start and not text.isupper()
        caps = text.isupper() and len(text) > 1
        fragment = w.line_end and w.hyphen_after  # line-end hyphenation: half a word
        diacritic_only = name_mode or fragment or caps
        if len(text) <= 3 and BRACKETED_RE.match(w.chunk):
            return None  # a code between bracket look-alikes ("(x}"): never a word
        # a surname before a party code: only a name reading, never a common noun ("Bergman" is no "bergsman")
        party_name = name_mode and k + 1 < len(words) and words[k + 1].line == w.line and bool(
            PARTY_RE.match(words[k + 1].chunk.rstrip(".,;:")))
        # (with the word's own flags that rules read: a hyphen beside it, a heading's line)
        key = (text, bool(name_mode), bool(sentence_start), caps, bool(fragment), party_name, margin, self._loss_discount,
               self._intact, self._clean_glyphs, w.hyphen_before, w.hyphen_after, w.title_line)
        # "Inger Holm" signing a letter: a given name before a surname, no "inget" (before the cache: the
        # neighbour decides)
        if text[1:].islower() and text[:1].isupper() and low in self.lex.given_names and self._before_surname(words, k):
            return None
        if MEASURE_RE.match(text) and self._measure(words, k):
            return None  # "6m bred", "ca 6m": a measure, not "om" with its o read as 6 (before the cache: the neighbours decide)
        hit = self._decisions.get(key)
        if hit is not None:
            decision, probe, in_doc = hit
            if all((p in self._doc) == (p in in_doc) for p in probe):
                self._decisions.move_to_end(key)
                return decision
        self._doc_probe = []
        self._ctx_used = False
        self._restore = self._loss_discount > 0
        self._restored = False
        d = self._decide_inner(words, k, margin, name_mode, sentence_start, caps, fragment, diacritic_only)
        if self._restored and not (d is not None and d[4] and d[1] == "diacritics"):
            # the restoration bonus (``_score``) only ever makes a reading that restores å/ä/ö win outright;
            # any other outcome is decided without it.  A rerun sees a lower loss and no bonus: a word the
            # bonus left undecided would be read differently then (idempotence)
            self._restore = False
            d = self._decide_inner(words, k, margin, name_mode, sentence_start, caps, fragment, diacritic_only)
        self._restore = False
        if margin is not None and (d is None or not d[4] or d[1] == "compound"):
            # (a compound of our making is a weaker reading of a capitalised word than a listed place)
            d = self._municipality(words[k], sentence_start) or d
        if margin is not None and name_mode and d is not None and d[4] and d[0].lower() not in self.lex.words:
            d = self._listed_over_invented(words[k], sentence_start) or d
        if margin is not None and (d is None or not d[4]):
            d = self._council_word(words[k], sentence_start, d) or d
        if (margin is not None and name_mode and d is not None and d[4] and d[1] in ("council", "place", "compound")
                and d[0][:1].isupper() and d[0][1:].islower() and self._small_capital(words, k, d[0].lower())):
            d = (d[0].lower(), *d[1:])  # ("vilka Kommune bör": the council word's K read as a capital too)
        if party_name and d is not None and d[0].lower() not in self.lex.proper:
            d = None
        if not self._ctx_used:  # a decision the neighbours chose is not a whole-token decision
            probe = tuple(set(self._doc_probe))
            self._decisions[key] = (d, probe, frozenset(p for p in probe if p in self._doc))
            if len(self._decisions) > DECISION_CACHE_SIZE:
                self._decisions.popitem(last=False)
        return d

    def _decide_inner(self, words, k, margin, name_mode, sentence_start, caps, fragment, diacritic_only):
        w = words[k]
        text = w.text
        low = text.lower()

        if name_mode and margin is not None and self._small_capital(words, k):
            alts = self.lex.stripped.get(low)
            if alts and alts[0] != low and not self.known(low):
                # ... and a word that lost its å/ä/ö with it ("ses Over": "över", O for Ö read small)
                return alts[0], "diacritics", 0.5, _rule(text, alts[0]), True
            return low, "case", 0.2, f"{text[0]}→{low[0]}", True
        inner = [i for i, ch in enumerate(text) if ch.isupper()]
        if (inner and text[:2].islower() and len(text) >= 5 and text.isalpha() and all(text[i] in SIZE_ONLY for i in inner)
                and self.known(low)):
            # a lower-case letter read as its capital inside a word ("uppleVer"): the capital differs only
            # in size; not right after the first letter ("iPad", "eTjänst" style names)
            return low, "case", 0.2, "".join(text[i] for i in inner) + "→" + "".join(low[i] for i in inner), True
        if margin is not None and text[:1].isupper() and "é" in low and self._e_place(low):
            # no municipality is spelled with é: "Hammaré", "Ekerés" are "Hammarö", "Ekerös" (é for ö)
            place = low.replace("é", "ö")
            return self._cased(text, place, w, sentence_start), "place", 0.2 * low.count("é"), _rule(low, place), True
        if text[:1].isupper() and "é" in low and low.isalpha() and self._in_doc("@" + low.replace("é", "ö")):
            # the name of a place the document names with its ö ("Moré" beside "Morövägen", which
            # ``_place_name`` or the author spelled): one name, one spelling per document
            return self._cased(text, low.replace("é", "ö"), w, sentence_start), "diacritics", 0.2, _rule(low, low.replace("é", "ö")), True
        if TRIPLE_RE.search(low) and not text.isupper():
            # a letter thrice in a row is no Swedish spelling (compounds drop the third: "tillåta"), whatever
            # the web list holds: a stroke read twice ("Alllt")
            mended = TRIPLE_RE.sub(r"\1\1", low)
            if self.known(mended):
                return self._cased(text, mended, w, sentence_start), "edit", 0.5, _rule(low, mended), True
        if low not in COMMISSION_VERBS and len(low) <= 4 and low.isalpha() and self._commission(words, k, low):
            # "<nämnden> får i uppdrag att …": the council's standard commission, whatever the OCR made of "får"
            # — or "få" after a modal or "att" ("bör få i uppdrag", "måtte få i uppdrag")
            self._ctx_used = True
            verb = "få" if self._after_modal(k) else "får"
            if verb != low:
                return self._cased(text, verb, w, sentence_start), "context", channel_cost(low, verb), _rule(low, verb), True
        if low != "den" and len(low) <= 3 and low.isalpha() and margin is not None and self._date_article(words, k, low):
            # "dew 1 januari", "der 28 mars": a written date takes "den", whatever the OCR made of it
            return self._cased(text, "den", w, sentence_start), "context", channel_cost(low, "den"), _rule(low, "den"), True
        if self.known(low) or (fragment and (low in self.lex.stems or self.lex.words.get(low, 0))):
            if margin is None or any(c in "åäö" for c in low) or not low.isalpha():
                return None
            if text.islower() and not w.hyphen_after and not w.hyphen_before and (
                    low in self.lex.unattested or len(low) >= FOREIGN_NONWORD_MIN_LEN and low in self.lex.foreign):
                # a rare form only the web frequency list knows (foreign, slang, a typo: "sain", "irad"),
                # in a damaged document: read as a non-word first; kept unless that reading is confident — and,
                # for a free edit, far more frequent than the form itself ("lanthandlar", 17 on the web, is no
                # "lanthandlare", 36; "patterns" no "panterns"; dev sets: 4 words better, none worse)
                d = self._nonword(words, k, margin, name_mode, sentence_start, diacritic_only)
                if d is not None and d[4] and not (
                        d[1] == "edit" and self.gen.count(d[0].lower()) < WEB_EDIT_RATIO * self.lex.words.get(low, 0)):
                    return d
            return self._realword(words, k, low, margin, name_mode)
        return self._nonword(words, k, margin, name_mode, sentence_start, diacritic_only)

    def _nonword(self, words, k, margin, name_mode, sentence_start, diacritic_only):
        """The reading of a word the lexicon does not know (or ``Lexicon.unattested``): candidates,
        the name rules, a second chance for heavy damage, the lead it needs."""
        w = words[k]
        text = w.text
        low = text.lower()
        if name_mode and (low in self.lex.proper):
            return None
        if margin is None and self.lex.words.get(low, 0) >= (1 if self._intact else CLEAN_KEEP_COUNT):
            return None
        cands = list(self.gen.best(low, diacritic_only))
        table = self.lex.frequent.get(low) if not diacritic_only and low.isalpha() else None
        if table and all(c.word != table[0] for c in cands):
            cands.append(Candidate(table[0], table[1], self.gen.count(table[0]), "confusion", _rule(low, table[0])))
        if name_mode and cands and all(c.method == "compound" for c in cands) and self._damaged(text):
            # a damaged capitalised word whose diacritic readings are all compounds of our making
            # ("Hel" + "ö" + "ström"): a listed name, or a known place + a common word ("<Place>hallen"),
            # one glyph confusion further is the likelier reading
            have = {c.word for c in cands}
            cands += [c for c in self.gen.best(low, False, False) if c.method != "edit" and c.word not in have
                      and c.cost <= NAME_MAX_COST and (self._is_proper(c.word) or self._proper_compound(c.word))]
        if (name_mode and margin is not None and text[0] in CAPITAL_GLYPH and cands
                and all(c.count < DAMAGED_COMMON_COUNT and not self._is_proper(c.word) for c in cands)):
            # a damaged document, a capital that is a known misread glyph ("Kittare": "lä" read as "Ki"),
            # and only rare readings that keep the capital's letter ("kättare"): the common word that the
            # glyph's own reading makes competes too
            have = {c.word for c in cands}
            cands += [c for c in self.gen.best(low, False, False) if c.method != "edit" and c.word not in have
                      and c.cost <= DAMAGED_NAME_MAX_COST and c.word[0] in CAPITAL_GLYPH[text[0]]
                      and c.word[0] != low[0] and self._common(c.word)]
        place = None
        if (name_mode or text[:1].isupper()) and margin is not None:
            place = self._place_name(low)
            if place is not None and all(c.word != place.word for c in cands):
                cands.append(place)
        if name_mode and not any(c.cost <= APPLY_MAX_COST for c in cands):
            # a capitalised word: also confusion-only (never free-edit) readings of a known name or place,
            # or of a word the document spells right elsewhere
            broad = [c for c in self.gen.best(low, False, False) if c.method != "edit"]
            have = {c.word for c in cands}
            cands += [c for c in broad if c.cost <= NAME_MAX_COST and (self._is_proper(c.word) or self._in_doc(c.word))]
            if self._damaged(text):
                # a visibly damaged capitalised word is no clean name: a dearer reading of a known name, of a
                # name + common word compound, or — when the capital is explained otherwise (a heading, a
                # genitive name before it, the capital itself the misread glyph) — of a common word
                common_ok = w.title_line or self._after_genitive_name(k)
                have = {c.word for c in cands}
                cands += [c for c in self.gen.best(low, False) if c.method != "edit" and c.word not in have
                          and c.cost <= DAMAGED_NAME_MAX_COST and (
                    self._is_proper(c.word) or self._proper_compound(c.word)
                    or (common_ok or c.word[0] != low[0]) and self._common(c.word))]
            elif text[0] in CAPITAL_GLYPH and not any(self._is_proper(c.word) for c in cands):
                # the capital itself a misread glyph (Ö read as O/S/G/6, o as G, Å/Ä as A/4, l as I/J/1, "lä" as "Ki"),
                # no name reading: a common word that only this first-letter reading makes Swedish
                have = {c.word for c in cands}
                cands += [c for c in self.gen.best(low, False, False) if c.method != "edit" and c.word not in have
                          and c.cost <= DAMAGED_NAME_MAX_COST and c.word[0] in CAPITAL_GLYPH[text[0]]
                          and c.word[0] != low[0] and self._common(c.word)]
            if len(low) >= NAME_GLYPH_MIN_LEN and margin is not None:
                # a long capitalised word in a damaged document one glyph from a common listed word: an
                # organisation's name ("Synskadades Rikstorbund": t for f) is common words capitalised
                have = {c.word for c in cands}
                cands += [c for c in self.gen.best(low, False, False) if c.method == "confusion" and c.word not in have
                          and c.cost <= NAME_GLYPH_COST and self.lex.words.get(c.word, 0) >= DAMAGED_COMMON_COUNT
                          and not self._is_proper(c.word)]
        limit = APPLY_MAX_COST_LONG if len(low) >= 8 else APPLY_MAX_COST
        if not diacritic_only and len(low) >= SECOND_MIN_LEN and not any(
                c.cost <= limit and c.method != "compound" and c.score >= MIN_APPLY_SCORE for c in cands):
            # heavy damage: a second-chance search among the frequent words of about this length (also when
            # the cheap stages found only a rare word, "tilsammans": a guess, not a reading)
            have = {c.word for c in cands}
            cands += [c for c in self.gen.second_chance(low) if c.word not in have]
        if not cands:
            return None
        # An unlisted compound is a guess at a word nobody listed; a listed word the glyphs reach about as
        # cheaply (within ``LISTED_SLACK``) is the reading, however rare ("gängsäkringar" is no "gång" +
        # "sakringat").  Dev sets: 5 words better, none worse; 0.35 gave 3, 1.0 broke compounds' plurals
        listed_cost = min((c.cost for c in cands if c.method != "compound" and c.word in self.lex.words), default=math.inf)
        if listed_cost < math.inf:
            cands = [c for c in cands if c.method != "compound" or c.cost + LISTED_SLACK < listed_cost] or cands
        cands.sort(key=lambda c: -self._score(c, name_mode))
        if self._clean_glyphs and strip_diacritics(cands[0].word) != low:
            # a page that lost its marks and nothing else: the listed words that only need them back are the
            # readings, however much commoner a glyph misread would make another ("harfor": "härför", not
            # "varför" with h read for v)
            cands = [c for c in cands if strip_diacritics(c.word) == low and c.word in self.lex.words] or cands
        best = cands[0]
        if (sentence_start and text[0].isupper() and "é" in text and not self._damaged(text)
                and self.gen.count(best.word) < DAMAGED_COMMON_COUNT and not self._common_tail(best.word)):
            return None  # a surname's "-én"/"-ér" at a sentence start: only a common word's é is damage
        second = cands[1] if len(cands) > 1 else None
        if (second is not None and strip_diacritics(best.word) == strip_diacritics(second.word)
                and best.word in self.lex.words and second.word in self.lex.words
                and (best.count > self.lex.words[best.word] or best.count == second.count)):
            # two listed spellings of one stripped form, the leader's count inferred from its compound parts
            # (the rarest part, "järn", for "järnvägens" and "järnvågens"; "över" + "fors" for "överfors",
            # listed 2, against "överförs", 1860): the web list's own counts decide
            listed = self.lex.words
            best, second = sorted((dataclasses.replace(c, count=max(listed[c.word], 1)) for c in (best, second)),
                                  key=lambda c: -self._score(c, name_mode))
            cands = [best, second, *cands[2:]]
        twins = (second is not None and strip_diacritics(best.word) in context.AMBIGUOUS
                 and strip_diacritics(second.word) == strip_diacritics(best.word))
        if twins:
            # the two best are the readings of one ambiguous spelling ("vanlig"/"vänlig"): the context
            # rules' call (below); the lead that counts is over the next other word
            key = strip_diacritics(best.word)
            second = next((c for c in cands[1:] if strip_diacritics(c.word) != key), None)
        elif second is not None and best.method in ("fuzzy", "edit"):
            # the best is a reading of heavy damage: no rival are its own word's other inflections
            # ("verksamheten"/"verksamheter" for "verksamhetiec": the word is read, only its ending is a
            # guess), nor a rare unlisted compound, the garbage a damaged word splits into ("överens" +
            # "stå" + "mimer") — the lead that counts is over the next other word
            second = next((c for c in cands[1:] if not _inflections(best.word, c.word) and not _rare_compound(c)), None)
        lead = math.inf if second is None else self._score(best, name_mode) - self._score(second, name_mode)
        confident = best.cost <= limit and lead >= self._min_lead(text, margin)
        if best.method == "fuzzy" or (len(low) >= SECOND_MIN_LEN and not confident and (best.method == "edit" or (
                best.method == "confusion" and best.count >= DAMAGED_COMMON_COUNT))):
            # heavy damage: a dearer reading of a long token, when it clearly leads (a chain of known glyph
            # confusions as much as free edits, "kommuntulimakiige" → "kommunfullmäktige" — to an everyday
            # word: a rare one alone in the field is no clear leader, "ultfalliga" is no "ultralåga")
            confident = best.cost <= min(SECOND_MAX_COST, SECOND_COST_PER_CHAR * len(low)) and lead >= SECOND_MARGIN
        if best.cost > SUGGEST_MAX_COST:
            return None
        if (name_mode and best.method == "compound" and best != place and not self._damaged(text)
                and self._count(best.word) == 0 and len(self.gen.cpd.split(best.word) or ()) > NAME_COMPOUND_MAX_PARTS
                and not self._proper_compound(best.word)):
            # an undamaged capitalised word read as an unlisted compound of three or more parts is a name
            # we do not know, far likelier than the garbage ("Stallarholmsskolan" is no "<stål><lär><holms>
            # <skolan>"): a suggestion only (dev sets: one word not broken, nothing lost).  A place name's
            # reading (``_place_name``: the name as read + its noun restored) is no such guess
            confident = False
        short_ok = table is not None and best.word == table[0] and best.cost <= 1.0 and best.count >= 1e5
        if margin is None and best.method == "compound" and low.isalpha():
            confident = False  # an undamaged text: an invented compound reading is only a suggestion
        floor = LONG_EDIT_MIN_SCORE if len(low) >= LONG_EDIT_LEN and lead >= SECOND_MARGIN else MIN_APPLY_SCORE
        if best.method == "edit" and (best.score < floor or best.word in self.lex.unattested):
            # a rare word reached only by dear edits is a guess ("Tjxledning" → a rare "elledning"); so is a
            # web-only form reached by a free edit ("simbad" is no "simbas")
            confident = False
        if len(low) <= 3 and best.cost > 0.8 and not short_ok and not (
                best.cost <= 1.0 and lead >= SHORT_LEAD and best.count >= SHORT_LEAD_COUNT):
            confident = False  # short words: too many neighbours (unless a very common word far ahead: "s6m")
        choice = best.word
        key = strip_diacritics(choice)
        read_first = twins and confident and key in context.AMBIGUOUS
        if read_first:
            # read by its neighbours first: the rerun check below judges the word the context chose (a
            # rerun reads "vanlig" before "hälsning" as "vänlig" again, so "vantig" must go there at once)
            choice = self._by_context(words, k, key, choice, low)
        if confident and margin is not None and self._rereads(words, k, choice, margin, name_mode):
            confident = False  # a rare real word that a rerun would read again ("e1e" → "ele" → "de"): a guess
        if (confident and margin is not None and choice in self.lex.unattested and choice.isalpha()
                and self._cased(text, choice, w, sentence_start).islower()
                and not any(c in "åäö" for c in choice) and not w.hyphen_after and not w.hyphen_before):
            # a web-only form is read as a non-word itself on a rerun (``Lexicon.unattested``): applied only
            # if that reading keeps it (and never as the rerun's own reading: the simulation does not nest)
            if self._rereading:
                confident = False
            else:
                self._rereading = True
                try:
                    again = self._nonword([*words[:k], dataclasses.replace(w, text=choice), *words[k + 1:]], k,
                                          margin, name_mode, sentence_start, diacritic_only)
                finally:
                    self._rereading = False
                confident = again is None or not again[4] or again[0] == choice
        if read_first:
            pass
        elif key in context.AMBIGUOUS and confident:
            choice = self._by_context(words, k, key, choice, low)
        elif confident and choice in context.PAIRS and len(low) <= 3:
            self._ctx_used = True
            choice = context.reading(choice, self._prev(k), self._next(words, k, 1), self._next(words, k, 2))
        cased = self._cased(text, choice, w, sentence_start)
        if name_mode and margin is not None and cased[:1].isupper() and self._small_capital(words, k, choice):
            cased = choice  # "Kommunfullmaktige" mid-sentence: its K read as a capital too
        return cased, best.method, best.cost, best.rule, confident

    def _realword(self, words: list[Word], k: int, low: str, margin: float, name_mode: bool):
        """A valid word in a text that lost its å/ä/ö: is a diacritic reading much likelier?"""
        w = words[k]
        prev = self._prev(k)
        nxt = self._next(words, k, 1)
        nxt2 = self._next(words, k, 2)
        if context.ambiguous(low) and (low not in context.BARE_ONLY or w.text.islower() and w.chunk == w.text):
            self._ctx_used = True
            choice = context.choose(low, prev, nxt, nxt2)
            if choice and choice != low:
                return self._cased(w.text, choice, w, not name_mode), "context", channel_cost(low, choice, True), _rule(low, choice), True
            if choice == low:
                return None
        if len(low) <= 3 and (low in self.lex.stems or low in self.lex.unattested) and (prev or "").lower() in INFINITIVE_BEFORE:
            # after an infinitive marker or a modal, a form hunspell lists only as a compound's part ("ka") is
            # an infinitive that lost its first å/ä/ö ("att ka" → "åka", and grammar's "öka" before an amount)
            dropped = self._dropped_letter(low)
            if dropped is not None and dropped.word.endswith("a") and dropped.count >= INFINITIVE_MIN_COUNT:
                return self._cased(w.text, dropped.word, w, not name_mode), "context", dropped.cost, dropped.rule, True
        glyph = self._glyph_function_word(w, low, prev) if name_mode else None
        if glyph is not None:
            return glyph.word, "confusion", glyph.cost, glyph.rule, True
        twin = self.lex.web_twins.get(low)
        if (twin is not None and not name_mode and w.text.islower() and self.lex.words.get(twin, 0) >= WEB_TWIN_MIN_COUNT
                and strip_diacritics(twin) == low):
            # a web-only form (English "stand", "hard", "lost") that spells a Swedish word without its
            # å/ä/ö, in a damaged document: the Swedish word ("stånd", "hård", "löst") is the reading
            return self._cased(w.text, twin, w, False), "diacritics", channel_cost(low, twin), _rule(low, twin), True
        keep = math.log10(max(self.gen.count(low), 1))
        best: Candidate | None = None
        surname = (name_mode or w.hyphen_before and w.text[:1].isupper()) and self._after_given_name(k)
        for c in self.gen.best(low, True):
            listed = self.lex.words.get(c.word, 0)
            if 0 < listed < c.count and low in self.lex.words:
                # a listed word as read yields only to the listed evidence of another: a rare form whose
                # count a compound inference raised ("fördras": 2 listed, "för" + "dras" inferred 1000) is
                # no likelier than the word the page prints ("fordras", 302; dev: 2 words less broken)
                c = dataclasses.replace(c, count=listed)
            # a valid word is only replaced by a listed word, never by an invented compound; a surname
            # only by a name ("<given name> Fors" is no "förs")
            if c.count > 0 and c.word in self.lex.words and (best is None or c.score > best.score) and (
                    not surname or self._is_proper(c.word)):
                best = c
        if best is not None and low in self._council_set and best.word not in self._council_set:
            # a word of the council vocabulary as printed ("sandningen": the gritting of roads) stays before
            # a commoner word of the web ("sändningen": the broadcast); the records' own words are the likelier
            best = None
        table_c = None if name_mode else self._table_reading(low, keep, margin) or self._free_reading(low, keep, margin)
        if table_c is not None and self._clean_glyphs and (best is not None and strip_diacritics(best.word) == low
                                                           or table_c.method != "diacritics"):
            table_c = None  # (a page with no glyph damage: no glyph misread reads a word that is a word: "tra" is "trä")
        if best is not None and table_c is not None and table_c.score > best.score:
            best = None  # a far likelier confusion reading ("gra": "göra", not "grå"): decided below
        if (best is not None and self._stripped_doc and strip_diacritics(best.word) == low
                and (not name_mode or self._is_proper(best.word))
                and math.log10(max(best.count, 1)) - keep >= STRIPPED_DOC_MARGIN):
            # a document that lost (almost) all its å/ä/ö: a listed word printed without them is as likely
            # a stripped one as itself, so the more frequent spelling wins ("bankar" → "bänkar")
            choice = best.word
            if choice in context.PAIRS and len(low) <= 3 and not name_mode:
                self._ctx_used = True
                choice = context.reading(choice, prev, nxt, nxt2)
            return self._cased(w.text, choice, w, not name_mode), "diacritics", best.cost, _rule(low, choice), True
        if low not in self.lex.words and len(low) >= UNLISTED_CONFUSION_MIN_LEN and not name_mode:
            # valid only as a compound of our making ("for" + "stag"), whose diacritic reading is a rare listed
            # word ("förstag", 12) while a glyph confusion more reads a far commoner one ("förslag", st for sl):
            # the commoner reading, when it leads by more than its dearer channel costs
            rival = max((c for c in self.gen.best(low, False) if c.word in self.lex.words and c.cost <= UNLISTED_RIVAL_COST
                         and c.count >= UNLISTED_MIN_COUNT and (best is None or c.word != best.word)),
                        key=lambda c: c.score, default=None)
            if rival is not None and (best is None or rival.score - best.score >= UNLISTED_RIVAL_LEAD) and (
                    best is not None or rival.score - keep >= margin):
                return self._cased(w.text, rival.word, w, False), rival.method, rival.cost, rival.rule, True
        if best is not None and not name_mode and self._plural_noun_twin(k, low, best):
            # a plural's marker before a verb's present tense whose å/ä/ö spelling is a noun's plural ("några
            # bankar" → "bänkar"): no finite verb stands there, whatever the frequencies say
            return self._cased(w.text, best.word, w, not name_mode), "context", best.cost, _rule(low, best.word), True
        # the document's loss discounts a lost ring or dots, or å/ä/ö read as one other glyph ("bankar" →
        # "bänkar", "sitt" → "sätt"), not two glyphs read as one letter: "stiger" is no "säger" ("ti" → "ä")
        # however much å/ä/ö the page lost; nor a long common word's glyph misread ("hinder" is no "händer":
        # i for ä), only its lost marks
        lost = self._loss_discount if best is not None and len(best.word) == len(low) and (
            strip_diacritics(best.word) == low or len(low) < GLYPH_REAL_MIN_LEN or keep < GLYPH_REAL_KEEP) else 0.0
        if best is not None and best.score + W * best.cost * lost - keep >= margin:
            choice = best.word
            if choice in context.PAIRS and len(low) <= 3 and not name_mode:
                self._ctx_used = True
                choice = context.reading(choice, prev, nxt, nxt2)
            return self._cased(w.text, choice, w, not name_mode), "diacritics", best.cost, _rule(low, choice), True
        if low not in self.lex.words:
            fewer = self._fewer_parts(low, name_mode)
            if fewer is not None:
                return self._cased(w.text, fewer.word, w, True), "compound", fewer.cost, fewer.rule, True
            if self._stripped_doc and not name_mode:
                parted = self._stripped_parts(low)
                if parted is not None:
                    return self._cased(w.text, parted, w, True), "compound", channel_cost(low, parted, True), _rule(low, parted), True
        if best is not None and low not in self.lex.words and best.cost <= UNLISTED_MAX_COST and best.count >= UNLISTED_MIN_COUNT:
            # valid only as a compound of our making, while a listed word is a diacritic or two away
            return self._cased(w.text, best.word, w, not name_mode), "diacritics", best.cost, best.rule, True
        if name_mode:
            return None
        if low not in self.lex.words and len(low) >= UNLISTED_CONFUSION_MIN_LEN:
            # ... or a shape confusion away ("siriskola": "ri" for the arches of "m", a compound "siri" +
            # "skola" of our making; "genomfras": "genom" + "fras", the ö dropped)
            near = max((c for c in self.gen.best(low, False) if c.word in self.lex.words
                        and c.cost <= UNLISTED_CONFUSION_COST and c.count >= UNLISTED_MIN_COUNT),
                       key=lambda c: c.score, default=None)
            if near is not None:
                return self._cased(w.text, near.word, w, False), near.method, near.cost, near.rule, True
        if table_c is not None:
            choice = table_c.word
            if choice in context.PAIRS and len(low) <= 3:
                self._ctx_used = True
                choice = context.reading(choice, prev, nxt, nxt2)
            return self._cased(w.text, choice, w, False), table_c.method, table_c.cost, _rule(low, choice), True
        dropped = self._dropped_letter(low)
        if dropped is not None and dropped.score - keep >= margin + RW_CONFUSION_EXTRA:
            return self._cased(w.text, dropped.word, w, False), "diacritics", dropped.cost, dropped.rule, True
        return None

    def _glyph_function_word(self, w: Word, low: str, prev: str | None) -> Candidate | None:
        """A short capitalised word inside a sentence, after a lower-case word or a number, whose capital is a misread
        glyph ("Gm" for "om": ``CAPITAL_GLYPH``; only the capital differs) and which as printed is a rare
        web form, no name: the function word that glyph's reading makes (a million uses or more) is the
        reading.  Short tokens only, where a name or an acronym would be written otherwise ("GM", a listed
        name)."""
        self._ctx_used = True  # (it reads the word before)
        text = w.text
        inside = prev and (prev.islower() and prev.isalpha()  # after a lower-case word, or a number or code
                           or not any(c.isalpha() for c in prev) and not prev.endswith((".", "!", "?", ":")))
        if (len(low) > GLYPH_WORD_MAX_LEN or text[0] not in CAPITAL_GLYPH or not text[1:].islower() or not inside
                or self._is_proper(low)
                or self.lex.words.get(low, 0) >= GLYPH_WORD_MAX_COUNT):
            return None
        return next((c for c in self.gen.best(low, False, False) if c.word[0] in CAPITAL_GLYPH[text[0]]
                     and c.word[0] != low[0] and c.word[1:] == low[1:] and c.count >= GLYPH_WORD_MIN_COUNT), None)

    def _by_context(self, words: list[Word], k: int, key: str, choice: str, low: str) -> str:
        """The context rules' reading of ``choice``, whose spelling without å/ä/ö ``key`` is ambiguous."""
        self._ctx_used = True
        ctx = context.choose(key, self._prev(k), self._next(words, k, 1), self._next(words, k, 2))
        if ctx and not ("é" in low and ctx == key and choice != key):
            return ctx  # (an "é" is the OCR's own witness of an å/ä/ö: "bér" is no "bor")
        return choice

    def _commission(self, words: list[Word], k: int, low: str) -> bool:
        """``low`` stands before "i uppdrag(et)" and reads "får" by a cheap channel cost ("fit", "far",
        "fir i uppdrag att"): the commission formula, where neither "för" nor the token itself can stand."""
        nxt = (self._next(words, k, 1) or "").lower()
        if nxt != "i":
            return False
        nxt2 = strip_diacritics((self._next(words, k, 2) or "").lower().rstrip(".,"))
        return nxt2 in ("uppdrag", "uppdraget") and channel_cost(low, "får") <= COMMISSION_MAX_COST

    def _date_article(self, words: list[Word], k: int, low: str) -> bool:
        """``low`` stands before a day and a month ("der 28 mars", "dew 1 januari") and reads "den" by a
        cheap channel cost: no other word stands there ("det", "de", "dem" never do)."""
        day, month = self._next(words, k, 1) or "", (self._next(words, k, 2) or "").lower().rstrip(".,;:")
        return bool(DAY_RE.match(day)) and month in MONTHS and channel_cost(low, "den") <= DATE_ARTICLE_MAX_COST

    def _rereads(self, words: list[Word], k: int, choice: str, margin: float, name_mode: bool) -> bool:
        """Would a rerun over the output change ``choice`` again?  A reading that is itself a rare real
        word without å/ä/ö goes through the real-word rules on a rerun; applying it would make the
        output no fixed point (idempotence), so it is only suggested."""
        if not choice.isalpha() or any(ch in "åäö" for ch in choice) or not self.known(choice):
            return False
        again = self._realword(words, k, choice, margin, name_mode)  # (sets ``_ctx_used`` if it reads context)
        return again is not None and again[0].lower() != choice

    def _table_reading(self, low: str, keep: float, margin: float) -> Candidate | None:
        """A rare word one cheap confusion away from a far more frequent one ("hat" → "har"), from the
        frequent-word table, when it gains enough over keeping the word (no document boost: the word
        is valid)."""
        table = self.lex.frequent.get(low)
        if table and table[0] != low and table[1] <= RW_TABLE_MAX_COST and table[2] >= RW_TABLE_LEAD:
            c = Candidate(table[0], table[1], self.gen.count(table[0]), "confusion", _rule(low, table[0]))
            if c.score - keep >= margin + RW_CONFUSION_EXTRA:
                return c
        return None

    def _free_reading(self, low: str, keep: float, margin: float) -> Candidate | None:
        """A rare real word one arbitrary letter away from one of the most common words ("oth", "ock" for
        "och"; "ander" for "under"), in a damaged document.  The channel model's confusion rules do not
        know every misread of a blurred glyph; for the handful of words that make up a third of all
        running text a plain substitution is likelier than the rare word, provided no other such word is
        about as near ("wig": "mig", "sig", "dig").  Not in the frequent-word table, which the non-word
        search reads too: only a rare real word of a damaged document gets this blind reading.  The
        common words are indexed under each letter masked, built on first use."""
        if len(low) < FREE_MIN_LEN or not low.isalpha() or MAX_LOG_COUNT - W * SUB_COST - keep < margin + FREE_EXTRA:
            return None  # (a word this common could not lose to any reading)
        if self._top is None:
            # each common word under each of its letters masked ("o?h" -> "och"): a token's one-letter
            # neighbours are then its ``len`` masks, not ``len`` x the alphabet
            self._top = {}
            for v in {v for v, _, _ in self.lex.frequent.values()}:  # (the table's ~2,000 source words)
                if len(v) >= FREE_MIN_LEN and self.gen.count(v) >= FREE_TOP_COUNT:
                    for j in range(len(v)):
                        self._top.setdefault(v[:j] + "?" + v[j + 1:], set()).add(v)
        found = {v for j in range(len(low)) for v in self._top.get(low[:j] + "?" + low[j + 1:], ()) if v != low}
        if not found:
            return None
        ranked = sorted(found, key=lambda v: -self.gen.count(v))
        best = Candidate(ranked[0], SUB_COST, self.gen.count(ranked[0]), "edit", _rule(low, ranked[0]))
        if len(ranked) > 1 and math.log10(best.count / self.gen.count(ranked[1])) < FREE_LEAD:
            return None
        return best if best.score - keep >= margin + FREE_EXTRA else None

    def _dropped_letter(self, low: str) -> Candidate | None:
        """The listed word that ``low`` is with one å/ä/ö dropped ("ver" for "över", "gr" for "gör"), the
        likeliest: English-model OCR drops the glyph it cannot read as often as it strips its dots, and
        the substitution search does not insert letters.  The caller demands the same gain as for any
        other real-word change."""
        best = None
        for i in range(len(low) + 1):
            for ch in "åäö":
                cand = low[:i] + ch + low[i:]
                n = self.lex.words.get(cand, 0)
                if n:
                    c = Candidate(cand, DEL_COST_DIACRITIC, n, "diacritics", _rule(low, cand))
                    if best is None or c.score > best.score:
                        best = c
        return best

    def _lone_letter(self, words: list[Word], k: int) -> tuple[str, str, float, str, bool] | None:
        """A lone lower-case consonant in running text that lost its å/ä/ö ("r" for "är", "p" for
        "på"), in a damaged document: the two-letter word it is the rest of, when the frequent-word
        table reads it so.  Single letters are protected otherwise ("t ex", "f n", list letters), so
        only between two words of two letters or more on its line ("f n" has none), with no mark
        attached ("s.", "r)")."""
        w = words[k]
        low = w.text
        prev = self._prev(k)
        nxt = self._next(words, k, 1)
        if (w.chunk != low or not low.islower() or low in "aeiouyåäöx" or k == 0 or k + 1 >= len(words)
                or words[k - 1].line != w.line or words[k + 1].line != w.line
                or not (prev and nxt and len(nxt) > 1 and (len(prev) > 1 and prev.isalpha() or prev == "%"
                                                            or context.is_number(prev))
                        and (nxt.isalpha() or context.YEAR_RE.match(nxt)))):
            return None  # (a number or a percentage before it, a year after it: "5,4 % r 2007" is "år")
        if low == "n" and any(t.lower() in context.COMPARATIVES for t in self._current[max(0, k - COMPARATIVE_REACH):k]):
            self._ctx_used = True  # "hellre tar bilen n väntar": "än" after a comparative, its ä dropped
            return "än", "context", 0.6, "n→än", True
        if low in "jl" and prev.isalpha() and prev.islower():
            # a lone "j" or "l" between words is the preposition "i" (its dot grown a descender or a stem:
            # "sitter j rullstol"); Swedish prose has neither alone ("5 l" follows a number)
            return "i", "confusion", 0.6, f"{low}→i", True
        table = self.lex.frequent.get(low)
        if not table or len(table[0]) != 2 or low not in table[0] or not set(table[0]) - {low} <= set("åäö"):
            return None
        self._ctx_used = True
        choice = context.reading(table[0], prev, nxt, self._next(words, k, 2)) if table[0] in context.PAIRS else table[0]
        return choice, "confusion", table[1], _rule(low, choice), True

    def _min_lead(self, text: str, margin: float | None) -> float:
        return MIN_MARGIN if margin is None else MIN_MARGIN_DAMAGED if self._damaged(text) else MIN_MARGIN_DOC

    def _listed_parts(self, word: str) -> list[str]:
        """The parts of ``word`` for ``_fewer_parts``: itself when listed; else a listed head however rare
        its own count ("lågtrafik" + "tid": the head is a word the lexicon knows, "lagtrafik" is not) and
        the rest; else the compound rules' split (or none)."""
        words = self.lex.words
        if words.get(word, 0) > 0:
            return [word]
        for k in range(len(word) - 3, 3, -1):
            head, tail = word[:k], word[k:]
            if words.get(head, 0) >= LISTED_HEAD_MIN_COUNT and head not in self.lex.unattested and (
                    words.get(tail, 0) >= LISTED_HEAD_MIN_COUNT and self.compounds.tail_ok(tail)):
                return [head, tail]
        return self.compounds.split(word) or []

    def _stripped_parts(self, low: str) -> str | None:
        """A compound of our making in a document that lost (almost) all its å/ä/ö, read part by part as
        ``_realword`` reads a listed word there: a part printed without them is as likely a stripped one,
        so its far more frequent spelling with them wins ("trafik" + "rakning" → "räkning")."""
        parts = self.compounds.split(low)
        if not parts:
            return None
        words, out = self.lex.words, []
        for p in parts:
            twins = [t for t in self.lex.stripped.get(p, ()) if t != p and t.isalpha()]
            twin = max(twins, key=lambda t: words.get(t, 0), default=None)
            if twin is not None and math.log10(max(words.get(twin, 0), 1)) - math.log10(max(words.get(p, 0), 1)) >= STRIPPED_PART_MARGIN:
                out.append(twin)
            else:
                out.append(p)
        new = "".join(out)
        return new if new != low and self.compounds.is_valid(new) else None

    def _fewer_parts(self, low: str, name_mode: bool = False) -> Candidate | None:
        """A compound of our making ("<trafik><saker><hets><program>") in a document that lost its å/ä/ö,
        while restoring them gives a listed word or a compound of fewer parts ("trafiksäkerhets" +
        "program"): the reading with fewer parts — compounding is common, but each extra seam is one more
        coincidence that garbage happens to split there.  Failing that, a listed everyday word one cheap
        glyph confusion away ("<kommun><styret><sen>" → "kommunstyrelsen").  At as many parts, the reading
        with fewer name parts ("<Samhall>s" + "byggnadskontoret" is "samhällsbyggnads" + "kontoret": a
        company's name seldom heads a council word).  A name only takes a name."""
        parts = self._listed_parts(low)
        if not parts:
            return None
        have = (len(parts), self._name_parts(parts))
        best: Candidate | None = None
        for c in self.gen.best(low, True):
            if c.cost > PARTS_MAX_COST or c.word == low:
                continue
            cparts = self._listed_parts(c.word)
            if (cparts and (len(cparts), self._name_parts(cparts)) < have and (best is None or c.score > best.score)
                    and (not name_mode or self._is_proper(c.word))):
                best = c
        if best is None:
            for c in self.gen.best(low, False, False):
                if (c.method != "edit" and c.cost <= LISTED_MAX_COST and self.lex.words.get(c.word, 0) >= LISTED_MIN_COUNT
                        and (not name_mode or self._is_proper(c.word)) and (best is None or c.score > best.score)):
                    best = c
        return best

    def _score(self, c: Candidate, name_mode: bool = False) -> float:
        bonus = DOC_BOOST if self._in_doc(c.word) else FAMILY_BOOST if self._in_family(c.word) else 0.0
        if name_mode and (c.word in self.lex.proper or (c.word.endswith("s") and c.word[:-1] in self.lex.proper)):
            bonus += NAME_BONUS  # a capitalised word inside a sentence is most likely a name
        if self._restore and c.method == "diacritics":
            self._restored = True  # (``_decide``: a decision the bonus may have swayed)
            # a document that lost its å/ä/ö: a reading that only restores them beats one that needs a
            # glyph confusion more often than the channel costs say ("bade": "både", not "hade";
            # "förséket": "försöket", not "försöker").  A flat bonus: it must not reorder the
            # diacritic readings among themselves ("l6sa": "lösa" or "läsa" stays the costs' call)
            bonus += W * LOSS_RESTORE_COST * self._loss_discount
        return c.score + bonus

    def _is_proper(self, w: str) -> bool:
        return w in self.lex.proper or (w.endswith("s") and w[:-1] in self.lex.proper)

    def _small_capital(self, words: list[Word], k: int, reading: str | None = None) -> bool:
        """A lower-case letter read as its capital ("Som", "Kommunens" inside a sentence), in a damaged
        document: the capital differs from it only in size (c k o p s v w x z), the word follows a
        lower-case word on its line, the document writes it in lower case elsewhere or it is a common
        word (``LOWER_MIN_COUNT``), it is no name, and the next word is no capitalised surname ("Per
        Olsson")."""
        w = words[k]
        text = w.text
        low = reading or text.lower()  # (the reading of a damaged word, when it has one)
        if (text[0] not in SIZE_ONLY or low[0] != text[0].lower() or not low.isalpha() or not low.islower()
                or not (reading or text[1:].islower() and text.isalpha())):
            return False
        if w.title_line or w.hyphen_after:
            return False
        self._ctx_used = True  # the neighbours decide from here on: no whole-token decision to cache
        p = words[k - 1] if k > 0 else None
        # only inside a line, right after a lower-case word: clearly inside a sentence (not after a
        # comma: "kommunen, Svenska kyrkan" lists names)
        if p is None or not p.chunk[-1:].isalpha():
            return False
        opening = p.line != w.line
        if opening and p.text.lower() not in NO_SENTENCE_END and low not in LINE_CONJUNCTIONS or not opening and not p.text.islower():
            return False  # opening a line: only after a word no sentence ends with ("att\nKommunen ansöker"),
            # or as a conjunction that opens no sentence of the records ("stiger\nOch att": no stop between)
        # (there, where the sentence surely goes on, any word or compound of ours that no place noun ends
        # and more than the web list vouches for: "varav\nSocialbidrag utgjorde", but "vid\nSkälderviken",
        # "till\nVätö")
        common = self._in_doc("=" + low) or self.lex.words.get(low, 0) >= LOWER_MIN_COUNT or (
            opening and self._attested(low) and not _place_shaped(low))
        if not common or self._is_proper(low) or low.endswith(NAME_ADJECTIVE) or low in COMPASS:
            return False
        nxt = _neighbour(words, k, 1)
        return not (nxt and nxt[:1].isupper() and words[k + 1].line == w.line)

    def _common_tail(self, w: str) -> bool:
        """An "-ör" agent noun as the last part of a compound ("<place>s" + "direktör"): no "-ér" surname.
        (Not any common tail: surnames are compounds of common words too, "<fjäll>" + "gren".)"""
        if not w.endswith(("ör", "örs", "ören", "örer")):
            return False
        parts = self.compounds.split(w)
        return bool(parts) and len(parts[-1]) >= 5 and self.lex.words.get(parts[-1], 0) >= DAMAGED_COMMON_COUNT

    def _name_parts(self, parts: list[str]) -> int:
        """How many parts of a compound are names (a linking -s- aside) and no common word as well ("mark"
        is land before it is Mark: "markreserv" has no name part)."""
        def name(p: str) -> bool:
            return p in self.lex.proper and self.lex.words.get(p, 0) < LOWER_MIN_COUNT
        return sum(1 for p in parts if name(p) or (p[-1:] == "s" and name(p[:-1])))

    def _municipality(self, w: Word, sentence_start: bool) -> tuple[str, str, float, str, bool] | None:
        """A damaged capitalised word that is no known word (or only a web-only form: "Bors") read as the
        municipality or region it is one or two cheap edits from ("Linkdpinig" → "Linköping": d for ö and
        a stray i; "Bors" → "Borås": the å dropped).  Municipal records name places all the time, and the
        290 municipalities and 21 regions are a closed list: a free edit is allowed here, and nowhere else
        in a name, because the reading must be the one clearly nearest name of that list."""
        text = w.text
        low = text.lower()
        if (not text[:1].isupper() or any(c.isupper() for c in text[1:]) or len(low) < PLACE_EDIT_MIN_LEN
                or sum(c.isalpha() for c in low) < PLACE_EDIT_MIN_LEN - 1 or any(c.isdigit() for c in low)
                or low in self.lex.proper or (self.known(low) and low not in self.lex.unattested)
                or ("é" in low and not self._damaged(text))):  # a name's own "-é" ("Maré") is no damage
            return None
        max_edits = PLACE_EDIT_MAX_EDITS + (len(low) >= PLACE_EDIT_LONG)
        near = rf_process.extract(low, self.lex.places, scorer=rf_lev.distance, score_cutoff=max_edits, limit=4)
        costs = sorted((channel_cost(low, p), p) for p, _, _ in near)
        if not costs or costs[0][0] > PLACE_EDIT_MAX_COST or (len(costs) > 1 and costs[1][0] - costs[0][0] < PLACE_EDIT_LEAD):
            return None
        cost, place = costs[0]
        if strip_diacritics(place[0]) != strip_diacritics(low[0]):
            return None  # the capital is read right: another capital makes another name ("Norby" is no "Hörby")
        if low.count("é") > sum(place.count(c) for c in "åäöe"):
            return None  # an é is the OCR's witness of a vowel with a mark: "Maré" is no "Mark"
        if not _same_vowels(low, place):
            return None  # OCR reads a plain vowel as itself: "Velinga" is no "Vellinge", "Moro" no "Mora"
        return self._cased(text, place, w, sentence_start), "place", cost, _rule(low, place), True

    def _council_word(self, w: Word, sentence_start: bool, d: tuple | None) -> tuple[str, str, float, str, bool] | None:
        """A long word no stage read, taken as the council word it is clearly nearest to by confusion
        skeletons ("komniuinen" → "kommunen", "Aterremmteras" → "återremitteras"): records use a
        closed vocabulary (``Lexicon.council``) over and over, and English-model OCR damages its long
        words beyond the stages' two confusions.  The nearest form must be within a quarter of the
        token's length in skeleton edits, a clear step ahead of the next, and start with the token's
        letter (as read or with its å/ä/ö lost).  A suggestion ``d`` the search made that is as near
        stands ("budgetrarh": "budgetram", not "budgetar"); a word in "-nr" abbreviates "-nummer"."""
        text = w.text
        low = text.lower()
        if (len(low) < COUNCIL_MIN_LEN or not low.isalpha() or not self.lex.council or w.hyphen_after or low.endswith("nr")
                or w.hyphen_before or (self.known(low) and low not in self.lex.unattested) or low in self.lex.proper):
            return None
        if text[:1].isupper() and not sentence_start and self._is_proper(low):
            return None
        key = skeleton.ocr_key(low).translate(skeleton._CLS)
        limit = max(2, len(key) // 4)
        near = rf_process.extract(key, self._council_keys(), scorer=rf_lev.distance, score_cutoff=limit + COUNCIL_LEAD,
                                  limit=8)
        if not near or near[0][1] > limit:
            return self._council_by_channel(w, low, key, sentence_start, d)
        best = near[0][1]
        if (d is not None and d[0].isalpha() and (d[1] != "compound" or self._count(d[0].lower()))
                and rf_lev.distance(key, skeleton.ocr_key(d[0].lower()).translate(skeleton._CLS)) <= best):
            return None
        forms = [self.lex.council[i] for _, dist, i in near if dist == best]
        stem = min(forms, key=len)[:-3]
        # the nearest forms must be one word's paradigm, and no other word as near or a step behind
        if any(not self.lex.council[i].startswith(stem) for _, dist, i in near if dist < best + COUNCIL_LEAD):
            return None
        word = min(forms, key=lambda f: (channel_cost(low, f), -self.lex.words.get(f, 0)))
        if strip_diacritics(word[0]) != strip_diacritics(low[0]) and not (low[0] in "éo6" and word[0] == "ö"):
            return None
        cost = channel_cost(low, word)
        if cost == math.inf:
            cost = 0.5 * best + 1.0  # (beyond the channel's rules: the skeleton edits stand for the cost)
        return self._cased(text, word, w, sentence_start), "council", round(cost, 2), _rule(low, word), True

    def _council_by_channel(self, w: Word, low: str, key: str, sentence_start: bool,
                            d: tuple | None) -> tuple[str, str, float, str, bool] | None:
        """``_council_word`` for a token its skeletons leave too far from every council form ("komniuinen":
        three skeleton edits from "kommunen"): the skeleton's nearest forms ranked by the channel's own
        weighted distance, which knows multi-glyph confusions ("ni" for "m", "ui" for "u").  The cheapest
        must cost at most ``COUNCIL_CHANNEL_PER_CHAR`` per letter and lead every other word's form by
        ``COUNCIL_CHANNEL_LEAD``; a reading the search suggested that is as cheap stands."""
        pool = rf_process.extract(key, self._council_keys(), scorer=rf_lev.distance,
                                  score_cutoff=max(3, len(key) // 3), limit=COUNCIL_CHANNEL_POOL)
        costs = sorted((channel_cost(low, self.lex.council[i]), self.lex.council[i]) for _, _, i in pool)
        if not costs:
            return None
        cost, word = costs[0]
        if cost > COUNCIL_CHANNEL_PER_CHAR * len(low):
            return None
        stem = word[: max(4, len(word) - 3)]
        rival = next((c for c, f in costs[1:] if not f.startswith(stem)), math.inf)
        if rival - cost < COUNCIL_CHANNEL_LEAD:
            return None
        if strip_diacritics(word[0]) != strip_diacritics(low[0]):
            return None
        if d is not None and d[0].isalpha() and channel_cost(low, d[0].lower()) <= cost:
            return None
        return self._cased(w.text, word, w, sentence_start), "council", round(cost, 2), _rule(low, word), True

    def _listed_over_invented(self, w: Word, sentence_start: bool) -> tuple[str, str, float, str, bool] | None:
        """A capitalised word mid-sentence that only an invented compound reads with å/ä/ö restored
        ("Kinsstyrelsens": "köns" + "styrelsens") while one cheap shape confusion reads a listed common word
        ("ki" for "lä": "länsstyrelsens"): the capital was the misread glyph, not a name's."""
        low = w.text.lower()
        if not low.isalpha() or self._is_proper(low):
            return None
        best = max((c for c in self.gen.best(low, False) if c.cost <= NAME_SHAPE_MAX_COST
                    and self.lex.words.get(c.word, 0) >= NAME_SHAPE_MIN_COUNT), key=lambda c: c.score, default=None)
        if best is None or best.word[0] == low[0]:
            return None  # (the same first letter: the capital may be a name's)
        return self._cased(w.text, best.word, w, sentence_start), best.method, best.cost, best.rule, True

    def _e_place(self, low: str) -> bool:
        """``low`` with é read for ö is a municipality or region, or its genitive."""
        if self._places is None:
            self._places = frozenset(self.lex.places)
        o = low.replace("é", "ö")
        return o in self._places or o.endswith("s") and o[:-1] in self._places

    def _council_keys(self) -> list[str]:
        if self._council_sk is None:
            self._council_sk = [skeleton.ocr_key(c).translate(skeleton._CLS) for c in self.lex.council]
        return self._council_sk

    def _place_name(self, low: str) -> Candidate | None:
        """A place name that ends in a common noun ("<Name>vägen", "<Name>skolan") in a damaged document:
        the noun takes its å/ä/ö back, and the name part only loses the "é" that English-model OCR
        prints for "ö" ("Morévagen" → "Morövägen") — a free reading of the unknown name is no reading
        (it is no "Mora" + "vägen") — or for "e" in a known name ("Valléntuna").  A known name with its
        é ("Linné") keeps it."""
        for form, gen, end_cost in _place_endings(low):
            key = strip_diacritics(form)
            for suffix in PLACE_SUFFIXES:
                plain = strip_diacritics(suffix)
                if not key.endswith(plain) or len(form) - len(plain) < 3:
                    continue
                name = form[: len(form) - len(plain)]
                if "é" in name and self._is_proper(name):
                    return None
                name_read = name.replace("é", "ö")
                if "é" in name and not self._is_proper(name_read) and self._is_proper(name.replace("é", "e")):
                    name_read = name.replace("é", "e")  # "Valléntuna": a known name whose e was read as é
                reading = name_read + suffix + gen
                if not name_read.isalpha() or reading == low:
                    return None
                cost = 0.2 * name.count("é") + 0.3 * sum(a != b for a, b in zip(form[len(name):], suffix)) + end_cost
                return Candidate(reading, cost, PLACE_COST, "compound", _rule(low, reading))
        return None

    def _proper_compound(self, w: str) -> bool:
        """A known name or place + a common word ("<place>skommunerna", "<place>förbundet")."""
        for i in range(3, len(w) - 3):
            head, tail = w[:i], w[i:]
            if self._is_proper(head) and self.gen.count(tail) >= DAMAGED_COMMON_COUNT:
                return True
        return False

    def _after_given_name(self, k: int) -> bool:
        """The previous word (as corrected) is a capitalised name, or the first part of a double name
        ("Lindqvist-" before this part): this capitalised word is a surname."""
        self._ctx_used = True
        p = self._prev(k)
        return bool(p) and p[:1].isupper() and p[1:].islower() and self._is_proper(p.lower())

    def _before_surname(self, words: list[Word], k: int) -> bool:
        """The next word on the line (as first read) is a capitalised surname or other name, or a rare
        word or non-word — a damaged surname ("Inger Holi" is "Inger Holm", whatever the web spells
        "holi"): this capitalised word opens a person's name."""
        if k + 1 >= len(words) or words[k + 1].line != words[k].line:
            return False
        n = self._next(words, k, 1) or ""
        return n[:1].isupper() and n[1:].isalpha() and n[1:].islower() and (
            n.lower() in self.lex.surnames or self._is_proper(n.lower()) or self._count(n.lower()) < RARE_NAME_COUNT)

    def _after_genitive_name(self, k: int) -> bool:
        """The previous word (as corrected) is a capitalised name in the genitive ("<Place>s Nämnd")."""
        self._ctx_used = True
        p = self._prev(k)
        return bool(p) and p[0].isupper() and p.endswith("s") and len(p) > 3 and p[:-1].lower() in self.lex.proper

    def _common(self, word: str) -> bool:
        """Common enough to be the reading of a capitalised word: ``DAMAGED_COMMON_COUNT``, or for a long
        word a tenth of it — a long compound is rare as a form, and garbage seldom lands this close to one."""
        n = self.gen.count(word)
        return n >= DAMAGED_COMMON_COUNT or (len(word) >= LONG_COMMON_LEN and n >= DAMAGED_COMMON_COUNT / 10)

    def _damaged(self, text: str) -> bool:
        """OCR damage in a word: digits among letters, £ { # & | ¥ $, é where no name has it (Swedish
        names carry é in a last syllable: "-én", "-ér", "-éus"), or a letter pair that (almost) no
        common word has ("xq" style: ``RARE_PAIR``)."""
        if self._glyph_damaged(text):
            return True
        low = text.lower()
        if self._pairs is None:
            self._pairs = self.lex.pairs or _PAIRS.get(id(self.lex))
        if self._pairs is None:  # an older build: derive the table now (``make dictionaries`` stores it)
            self._pairs = _PAIRS[id(self.lex)] = letter_pairs(self.lex.words)
        return any(a in SWEDISH and b in SWEDISH and a + b not in self._pairs for a, b in zip(low, low[1:]))

    @staticmethod
    def _glyph_damaged(text: str) -> bool:
        """Glyphs no Swedish word has: digits among letters, £ { # & | ¥ $, é where no name has it."""
        if any(c in DAMAGE_GLYPHS for c in text):
            return True
        if any(c.isdigit() for c in text) and sum(c.isalpha() for c in text) >= 2:
            return True
        i = text.find("é")
        return i >= 0 and not NAME_E_RE.search(text[i:])

    def _in_family(self, w: str) -> bool:
        """The document has another form of ``w`` right: ``w`` begins a longer form ("träd" for
        "träden") or a shorter form begins ``w`` (same stem) — one sense per discourse."""
        if len(w) < FAMILY_MIN or not w.isalpha():
            return False
        if self._in_doc("~" + w):
            return True
        return any(self._in_doc(w[:i]) for i in range(max(FAMILY_MIN, len(w) - FAMILY_SUFFIX), len(w)))

    def _in_doc(self, w: str) -> bool:
        self._doc_probe.append(w)
        return w in self._doc

    def _next(self, words: list[Word], k: int, step: int) -> str | None:
        """A following word as the first pass read it ("séker" → "söker"), for the context rules: a rerun
        over the output sees the same word."""
        j = k + step
        if 0 <= j < len(self._first):
            return self._first[j]
        return _neighbour(words, k, step)

    def _prev(self, k: int) -> str | None:
        """The previous word as corrected, or None at a capitalised sentence start: the word before ends
        another sentence or numbers a section ("3, Ar ordföranden …": "3" counts no years).  A lower-case
        word after a stop keeps it ("per. ar": the stop is a speck)."""
        if k <= 0:
            return None
        w = self._words[k] if self._words is not None and k < len(self._words) else None
        if w is not None and w.after_sentence_end and w.text[:1].isupper():
            return None
        return self._current[k - 1]

    def _cased(self, orig: str, cand: str, w: Word, sentence_start: bool) -> str:
        # a speck glued before the word (".Ljung", ":Vissa") is dropped with it: the case is the word's own
        orig = orig.lstrip(LEAD_SPECKS) or orig
        if orig.isupper() and len(orig) > 1 and orig.isalpha():
            return cand.upper()
        is_name = cand in self.lex.proper or (cand.endswith("s") and cand[:-1] in self.lex.proper)
        if orig[0].isupper() and not sentence_start and orig[0].lower() != cand[0] and not is_name and not (
                cand.isalpha() and (self._proper_compound(cand) or _place_shaped(cand))):
            # ("<Place>porten", "Åsgatan" keep their capital: a street or place noun ends a name)
            return cand  # the capital was a misread glyph ("G" or "O" for "ö": English-model OCR), not a name
        if (orig[0] in "LIJ" and not sentence_start and not is_name and orig.lower() != cand
                and self.lex.words.get(cand, 0) >= LOWER_MIN_COUNT):
            return cand  # "Lasa" for "läsa" mid-sentence: a tall l/I misread as a capital, not a name
        if sentence_start and orig[0] in "l1|" and cand[0] == "i":
            return "I" + cand[1:]  # a sentence-initial capital I read as l/1/|: the capital is the truth
        if (w.after_sentence_end or w.paragraph_start or w.block_start) and not orig[0].isalnum() and cand[:1].islower():
            return cand[:1].upper() + cand[1:]  # "¥tan" opening a sentence: the glyph was its capital
        if orig[0].isupper():
            printed = self.lex.proper.get(cand)
            if printed and printed.lower() == cand:
                return printed
            if orig[0] == "I" and cand[0] == "l" and not sentence_start:
                return cand  # capital I read for a lower-case l
            return cand[:1].upper() + cand[1:]
        return cand


def _sentence_start(w: Word) -> bool:
    """``w`` opens a sentence (or a part after a hyphen, which reads the same way): a capital is no name
    signal there."""
    return bool(w.paragraph_start or w.after_sentence_end or w.hyphen_before or w.block_start)


PLAIN_VOWELS = frozenset("aeouy")  # ("i" is left out: OCR makes it of l, of specks and of an arch's stem)
VOWEL_READS = {"å": "a", "ä": "ae", "ö": "o"}  # the plain vowels a vowel with a mark is read as


def _rare_compound(c: Candidate) -> bool:
    """An unlisted compound reading whose pseudo-count (``Compounds.pseudo_count``) is below
    ``RIVAL_COMPOUND_MIN_COUNT``: a rare part or many seams."""
    return c.method == "compound" and c.count < RIVAL_COMPOUND_MIN_COUNT


def _inflections(a: str, b: str) -> bool:
    """``a`` and ``b`` differ in their endings only (the last ``INFLECTION_TAIL`` letters of the longer),
    on a shared stem of at least ``INFLECTION_STEM`` letters: one word's forms ("kommunen", "kommuner")."""
    n = len(os.path.commonprefix([a, b]))
    return (n >= INFLECTION_STEM and max(len(a), len(b)) - n <= INFLECTION_TAIL
            and set(a[n:] + b[n:]) <= INFLECTION_LETTERS)


def _same_vowels(read: str, name: str) -> bool:
    """No plain vowel of ``read`` stands for another plain vowel of ``name`` in their alignment: OCR
    reads a vowel as itself, as its base without the mark ("Gave": "Gävle"), as a consonant
    ("Eskilstvna") or not at all ("Bors": "Borås") — "Velinga" is no "Vellinge", "Moro" no "Mora"."""
    return not any(op == "replace" and read[i] in PLAIN_VOWELS and (name[j] in PLAIN_VOWELS or name[j] in VOWEL_READS)
                   and read[i] not in VOWEL_READS.get(name[j], name[j])
                   for op, i, j in rf_lev.editops(read, name).as_list())


def _place_shaped(w: str) -> bool:
    """A word that ends in a place noun after a name part of two letters or more ("åsgatan",
    "ängsskolan"), or in a place-name ending that no common word has ("ängaryd", "älmhult"): written
    with a capital, it is a name."""
    return (any(w.endswith(s) and len(w) - len(s) >= 2 for s in PLACE_SUFFIXES)
            or any(w.endswith(s) and len(w) - len(s) >= 3 for s in PLACE_NAME_ENDINGS))


def _abbreviation_cased(text: str, abbr: str) -> str:
    """A listed abbreviation in the case the token opened with ("Fr.o.m." for "Ft.o.m.")."""
    return abbr[0].upper() + abbr[1:] if text[0].isupper() else abbr


def _place_endings(low: str) -> list[tuple[str, str, float]]:
    """The ways a place name's last letters may read (``Corrector._place_name``): (the name up to its
    noun's end, a genitive "s" after it, the cost).  As read; its noun's final n misread ("<Name>skolah",
    "<Name>parkei": ``N_GLYPHS``) or followed by a speck "i" ("<Name>vikeni"); each also in the genitive
    ("<Name>skogehs")."""
    out = [(low, "", 0.0)]
    for stem, gen in ((low, ""), (low[:-1], "s")) if low.endswith("s") else ((low, ""),):
        if gen:
            out.append((stem, gen, 0.0))
        if len(stem) < 8:
            continue
        for glyphs in N_GLYPHS:
            if stem.endswith(glyphs) and not stem[: -len(glyphs)].endswith("n"):
                out.append((stem[: -len(glyphs)] + "n", gen, N_GLYPH_COST))
                break
        if stem.endswith("ni"):
            out.append((stem[:-1], gen, N_GLYPH_COST))
    return out


def _place_part(low: str) -> str | None:
    """The name part of a place that ends in a common noun ("morö" of "morövägen"), or None."""
    for suffix in PLACE_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return None


def letter_pairs(words: dict[str, int]) -> frozenset[str]:
    """Letter pairs found in more than ``RARE_PAIR`` alphabetic words of count ≥ ``RARE_PAIR_COUNT``
    (``_damaged``: a pair outside this set is OCR damage); built by ``make dictionaries``."""
    pairs: Counter = Counter()
    for x, n in words.items():
        if n >= RARE_PAIR_COUNT and x.isalpha():
            pairs.update({x[j : j + 2] for j in range(len(x) - 1)})
    return frozenset(p for p, n in pairs.items() if n > RARE_PAIR)


def _apply_late(raw_lines: list[str], out_lines: list[str], applied: list[Correction], edits: list, page: int,
                method: str, score: float) -> list[str]:
    """Edits found on the output lines, mapped back to raw offsets and added to ``applied`` (in place):
    only where the raw text there is the edited mark itself, and not twice.  Returns the new output
    lines."""
    late: list[Correction] = []
    for li, a, b, orig, rep in edits:
        ra = _raw_offset([c for c in applied if c.line == li], a)
        if ra is None or raw_lines[li][ra : ra + (b - a)] != orig:
            continue
        if method == "split":  # a gap: once per place (an inserted space sits at a word's start)
            if any(c.line == li and c.start == ra and c.method == "split" for c in applied):
                continue
        elif any(c.line == li and c.start <= ra < max(c.end, c.start + 1) for c in (*applied, *late)):
            continue  # a mark: not inside anything already corrected, nor twice ("1;" a list number's stop)
        rule = f"{orig or '∅'}→␣" if method == "split" else f"{orig}→{rep or '∅'}"
        late.append(Correction(page=page, line=li, start=ra, end=ra + (b - a), original=orig, correction=rep,
                               method=method, score=score, applied=True, rule=rule))
    if not late:
        return out_lines
    applied += late
    return _apply(raw_lines, applied)


def _apply(raw_lines: list[str], corrections: list[Correction]) -> list[str]:
    out = list(raw_lines)
    for corr in sorted(corrections, key=lambda c: (c.line, -c.start, -c.end)):
        ln = out[corr.line]
        out[corr.line] = ln[: corr.start] + corr.correction + ln[corr.end :]
    return out


def _raw_offset(line_corrections: list[Correction], out_pos: int) -> int | None:
    """Raw offset of output position ``out_pos`` (None inside an edited span)."""
    shift = 0
    for c in sorted(line_corrections, key=lambda c: (c.start, c.end)):
        o_start = c.start + shift
        o_end = o_start + len(c.correction)
        if out_pos <= o_start:  # at an edit's start: before it (an insertion point)
            break
        if out_pos < o_end:
            return None
        shift += len(c.correction) - (c.end - c.start)
    return out_pos - shift


def _quote_marks(lines: list[str], page: int) -> list[Correction]:
    """Quote marks English-model OCR invents.  Swedish never opens a quotation with "‘" (U+2018):
    it is dropped before a word, with the closing "’" it seemingly pairs with on the same line; then a
    single quote mark left on a line at a word's edge is a speck, not a quotation ("en’ busstur")."""
    out: list[Correction] = []
    for li, ln in enumerate(lines):
        opened = False
        dropped = set()
        for m in QUOTE_RE.finditer(ln):
            if m.group(1):
                opened = True
                dropped.update(range(m.start(1), m.end(1)))
                out.append(Correction(page=page, line=li, start=m.start(1), end=m.end(1), original=m.group(1), correction="",
                                      method="symbol", score=0.9, applied=True, rule=f"{m.group(1)}→∅"))
            elif opened:
                dropped.add(m.start(2))
                out.append(Correction(page=page, line=li, start=m.start(2), end=m.end(2), original="’", correction="",
                                      method="symbol", score=0.8, applied=True, rule="’→∅"))
                opened = False
        pos = _lone_quote(ln, dropped)
        if pos is not None:
            out.append(Correction(page=page, line=li, start=pos, end=pos + 1, original=ln[pos], correction="",
                                  method="symbol", score=0.7, applied=True, rule=f"{ln[pos]}→∅"))
    return out


def _lone_quote(line: str, dropped: set[int] = frozenset()) -> int | None:
    """Position of a line's only quote mark (those in ``dropped`` aside) when it is a speck (``_stray_quote``)."""
    marks = [m.start() for m in QUOTE_ANY_RE.finditer(line) if m.start() not in dropped]
    return marks[0] if len(marks) == 1 and _stray_quote(line) == marks[0] else None


def _lone_quotes(lines: list[str]) -> list[tuple[int, int, int, str, str]]:
    """(line, start, end, mark, "") for each line's lone speck of a quote mark (``_lone_quote``), on the output."""
    return [(li, pos, pos + 1, ln[pos], "") for li, ln in enumerate(lines) if (pos := _lone_quote(ln)) is not None]


def _stray_quote(line: str) -> int | None:
    """Position of a lone ’ or ' at a chunk's edge — first or last, before trailing punctuation — in a
    chunk with a letter in it (not a bare number: feet, minutes "10'").  The test looks at the chunk,
    not at the letters next to the mark, so a corrected neighbour ("K1'" → "Kä'") decides the same."""
    for m in re.finditer(r"\S+", line):
        chunk = m.group().lstrip("‘")  # a dropped opening mark (``QUOTE_RE``) is no part of the word
        a = m.end() - len(chunk)
        if not any(ch.isalpha() for ch in chunk) and chunk.strip("’'.,;:!?") not in ONE_GLYPHS:
            continue  # a bare number (feet, minutes "10'"); a lone "1", "|" or "{" may be read as "I" (``_one_is_i``)
        if chunk[0] in "’'" and len(chunk) > 1:
            return a
        core = chunk.rstrip(".,;:!?")
        if len(core) > 1 and core[-1] in "’'":
            return a + len(core) - 1
    return None


def _to_raw(c: Correction, inserted: dict[int, list[int]]) -> Correction:
    """``c`` with offsets on a working line (spaces inserted at the raw positions ``inserted[line]``)
    mapped back to the raw line; the k-th inserted space sits at working position p_k + k."""
    spaces = [p + k for k, p in enumerate(sorted(inserted.get(c.line, ())))]  # working positions
    if not spaces:
        return c
    return dataclasses.replace(c, start=c.start - bisect_left(spaces, c.start), end=c.end - bisect_left(spaces, c.end))


def _neighbour(words: list[Word], k: int, step: int) -> str | None:
    j = k + step
    if 0 <= j < len(words):
        return words[j].text
    return None
