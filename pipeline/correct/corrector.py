"""The correction stage: decide, word by word, what to change on a page.

Order of decisions for each word (see the package docstring for the model):

1. protected tokens are left alone (``protect``), except a lone "1" that is
   the word "i";
2. a word the lexicon knows (directly, as a compound or a genitive) is kept —
   unless the *document* has lost its å/ä/ö (``estimate_loss``) and a
   diacritic reading is far more frequent ("for" → "för"), with ``context``
   deciding the ambiguous short words;
3. an unknown word gets the best candidate (``candidates``); it is applied
   when the channel cost is low and the runner-up clearly worse, otherwise it
   is recorded as a suggestion (not applied);
4. a capitalised word inside a sentence (a name) only gets diacritic
   restorations — never a free edit.

Results are cached per (word, mode), so repeated words cost a dict lookup.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Correction
from . import context
from .candidates import Candidate, CandidateGenerator, _rule
from .compounds import Compounds
from .confusions import channel_cost, strip_diacritics
from .lexicon import Lexicon
from .protect import digit_one_is_i, is_protected
from .tokenize import Word, words_of_page

# Real-word corrections need the frequency gain (log10, after channel cost) to beat
# this margin; it depends on how much of its å/ä/ö the document has lost.
REALWORD_MARGIN = [(0.6, 0.5), (0.35, 2.0)]  # (loss at least, margin); below: never
APPLY_MAX_COST = 1.3
APPLY_MAX_COST_LONG = 1.6  # words of 8+ letters have more evidence
SUGGEST_MAX_COST = 2.6
MIN_MARGIN = 0.5  # log10 gap to the runner-up
LOSS_PRIOR = 4
STRIPPED_RATIO = 30  # pseudo-count of "intact" words: short texts are not judged lost on a word or two


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

    _cache: dict[Path, "Corrector"] = {}

    @classmethod
    def load(cls, lexicon_dir: Path | None = None) -> "Corrector":
        """A corrector for the built lexicon, loaded once per process and directory."""
        key = Path(lexicon_dir).resolve() if lexicon_dir else Path("<default>")
        if key not in cls._cache:
            cls._cache[key] = cls(Lexicon.load(lexicon_dir))
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
        intact = lost = 0
        for w in words:
            t = w.text.lower()
            if not any(c.isalpha() for c in t):
                continue
            if any(c in "åäö" for c in t):
                intact += 1
            elif any(c in "é&#{£" for c in t) or (any(c.isdigit() for c in t) and any(c.isalpha() for c in t)):
                lost += 1
            elif t.isalpha():
                alts = self.lex.stripped.get(t)
                if alts and self.lex.words.get(alts[0], 0) > 10 * max(self.lex.words.get(t, 0), 1):
                    lost += 1
        return lost / (intact + lost + LOSS_PRIOR)

    # -- page -------------------------------------------------------------
    def correct_text(self, text: str, page: int = 1) -> CorrectionResult:
        lines = text.split("\n")
        words = words_of_page(lines)
        loss = self.estimate_loss(words)
        margin = next((m for lo, m in REALWORD_MARGIN if loss >= lo), None)
        applied: list[Correction] = []
        suggested: list[Correction] = []
        self._current = [w.text for w in words]  # left context as corrected so far
        for k, w in enumerate(words):
            decision = self._decide(words, k, margin)
            if decision is None:
                continue
            new, method, cost, rule, apply = decision
            if apply:
                self._current[k] = new
            if new == w.text:
                continue
            corr = Correction(page=page, line=w.line, start=w.start, end=w.end, original=w.text, correction=new,
                              method=method, score=round(math.exp(-cost), 3), applied=apply, rule=rule)
            (applied if apply else suggested).append(corr)
        out_lines = list(lines)
        for corr in sorted(applied, key=lambda c: (c.line, -c.start)):
            ln = out_lines[corr.line]
            out_lines[corr.line] = ln[: corr.start] + corr.correction + ln[corr.end :]
        return CorrectionResult("\n".join(out_lines), applied, suggested, round(loss, 3))

    def _decide(self, words: list[Word], k: int, margin: float | None) -> tuple[str, str, float, str, bool] | None:
        w = words[k]
        if is_protected(w, self.lex):
            if digit_one_is_i(words, k, self.lex):
                return "i", "confusion", 0.3, "1→i", True
            return None
        if digit_one_is_i(words, k, self.lex):
            return "i", "confusion", 0.3, f"{w.text}→i", True
        text = w.text
        low = text.lower()
        if not any(c.isalpha() for c in low):
            return None
        sentence_start = w.paragraph_start or w.after_sentence_end or w.hyphen_before
        name_mode = text[0].isupper() and not sentence_start and not text.isupper()
        caps = text.isupper() and len(text) > 1
        fragment = w.line_end and w.hyphen_after  # line-end hyphenation: half a word
        diacritic_only = name_mode or fragment or caps

        if self.known(low) or (fragment and (low in self.lex.stems or self.lex.words.get(low, 0))):
            if margin is None or any(c in "åäö" for c in low) or not low.isalpha():
                return None
            return self._realword(words, k, low, margin, name_mode)
        if name_mode and (low in self.lex.proper):
            return None
        cands = self.gen.best(low, diacritic_only)
        if not cands:
            return None
        best = cands[0]
        second = cands[1] if len(cands) > 1 else None
        limit = APPLY_MAX_COST_LONG if len(low) >= 8 else APPLY_MAX_COST
        confident = best.cost <= limit and (second is None or best.score - second.score >= MIN_MARGIN)
        if best.cost > SUGGEST_MAX_COST:
            return None
        if len(low) <= 3 and best.cost > 0.8:
            confident = False  # short words: too many neighbours
        choice = best.word
        key = strip_diacritics(choice)
        if key in context.AMBIGUOUS and confident:
            choice = context.choose(key, self._prev(k), _neighbour(words, k, 1), _neighbour(words, k, 2)) or choice
        return self._cased(text, choice, w, sentence_start), best.method, best.cost, best.rule, confident

    def _realword(self, words: list[Word], k: int, low: str, margin: float, name_mode: bool):
        """A valid word in a text that lost its å/ä/ö: is a diacritic reading much likelier?"""
        w = words[k]
        prev = self._prev(k)
        nxt = _neighbour(words, k, 1)
        nxt2 = _neighbour(words, k, 2)
        if low in context.AMBIGUOUS:
            choice = context.choose(low, prev, nxt, nxt2)
            if choice and choice != low:
                return self._cased(w.text, choice, w, not name_mode), "context", channel_cost(low, choice, True), _rule(low, choice), True
            if choice == low:
                return None
        keep = math.log10(max(self.gen.count(low), 1))
        best: Candidate | None = None
        for c in self.gen.best(low, True):
            if c.count > 0 and (best is None or c.score > best.score):
                best = c
        if best is None or best.score - keep < margin:
            return None
        return self._cased(w.text, best.word, w, not name_mode), "diacritics", best.cost, best.rule, True

    def _prev(self, k: int) -> str | None:
        return self._current[k - 1] if k > 0 else None

    def _cased(self, orig: str, cand: str, w: Word, sentence_start: bool) -> str:
        if orig.isupper() and len(orig) > 1 and orig.isalpha():
            return cand.upper()
        if orig[0].isupper() and not sentence_start and orig[0].lower() != cand[0] and cand not in self.lex.proper:
            return cand  # the capital was a misread glyph ("G" for "ö"), not a name
        if orig[0].isupper():
            printed = self.lex.proper.get(cand)
            if printed and printed.lower() == cand:
                return printed
            if orig[0] == "I" and cand[0] == "l" and not sentence_start:
                return cand  # capital I read for a lower-case l
            return cand[:1].upper() + cand[1:]
        return cand


def _neighbour(words: list[Word], k: int, step: int) -> str | None:
    j = k + step
    if 0 <= j < len(words):
        return words[j].text
    return None
