"""Swedish OCR correction stage.

Public API::

    corrector = Corrector.load()                 # cached; loads build/lexicon/lexicon.pickle
    result = corrector.correct_text(text, page=1)  # .text, .corrections, .suggestions
    page = correct_page(page, corrector)         # sets page.text/.corrections/.suggestions

Modules, one concept each: ``tokenize`` (words with raw-line offsets),
``protect`` (what never changes), ``lexicon`` (built word counts),
``confusions`` (OCR channel weights), ``compounds`` (Swedish compounds),
``skeleton`` (confusion-skeleton index: candidates by dict lookup),
``candidates`` (staged candidate search), ``frequent`` (precomputed OCR
readings of the most frequent words), ``splits`` (word gaps read as
punctuation), ``punctuation`` (invented or misread marks), ``context``
(ambiguous short words),
``corrector`` (decisions per page), ``build_lexicon`` and ``make_eng_set``
(reproducible data).
"""
from __future__ import annotations

from ..model import Page
from .corrector import CorrectionResult, Corrector

__all__ = ["Corrector", "CorrectionResult", "correct_page"]


def correct_page(page: Page, corrector: Corrector) -> Page:
    """Correct ``page.raw_text`` into ``page.text``; record applied corrections and suggestions.

    ``raw_text`` is never modified.  Pages that failed or have no text are returned unchanged.
    """
    if page.status != "ok" or not page.raw_text:
        return page
    result = corrector.correct_text(page.raw_text, page=page.number)
    page.text = result.text
    page.corrections = result.corrections
    page.suggestions = result.suggestions
    return page
