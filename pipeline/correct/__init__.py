"""Swedish OCR correction stage.

Public API::

    corrector = Corrector.load()                 # cached; loads build/lexicon/lexicon.pickle
    result = corrector.correct_text(text, page=1)  # .text, .corrections, .suggestions
    page = correct_page(page, corrector)         # sets page.text/.corrections/.suggestions
    pages = correct_pages(pages, corrector)      # the pages of one file, by the file's damage estimate

Modules, one concept each: ``tokenize`` (words with raw-line offsets),
``protect`` (what never changes), ``lexicon`` (built word counts),
``confusions`` (OCR channel weights), ``compounds`` (Swedish compounds),
``skeleton`` (confusion-skeleton index: candidates by dict lookup),
``candidates`` (staged candidate search), ``frequent`` (precomputed OCR
readings of the most frequent words), ``splits`` (word gaps read as
punctuation), ``punctuation`` (invented or misread marks), ``context``
(ambiguous short words),
``corrector`` (decisions per page), ``rounds`` (the audit of a page corrected to a fixed point),
``build_lexicon`` and ``make_eng_set``
(reproducible data).
"""
from __future__ import annotations

from ..model import Page
from .corrector import CorrectionResult, Corrector

__all__ = ["Corrector", "CorrectionResult", "correct_page", "correct_pages"]


def correct_page(page: Page, corrector: Corrector, loss: float | None = None) -> Page:
    """Correct ``page.raw_text`` into ``page.text``; record applied corrections and suggestions.

    ``raw_text`` is never modified.  Pages that failed or have no text are returned unchanged.
    ``loss``: the file's damage estimate (``correct_pages``); by default the page's own.
    """
    if page.status != "ok" or not page.raw_text:
        return page
    result = corrector.correct_text(page.raw_text, page=page.number, loss=loss)
    page.text = result.text
    page.corrections = result.corrections
    page.suggestions = result.suggestions
    return page


def correct_pages(pages: list[Page], corrector: Corrector) -> list[Page]:
    """Correct the pages of one file, each by the damage estimate of all its pages of the same origin
    (OCR, text layer, text file): one engine and one scan damaged them alike, and a short page alone
    is too little evidence (``Corrector.estimate_text_loss``)."""
    ok = [p for p in pages if p.status == "ok" and p.raw_text]
    loss = {origin: corrector.estimate_text_loss([p.raw_text for p in ok if p.origin == origin])
            for origin in {p.origin for p in ok}}
    return [correct_page(p, corrector, loss[p.origin]) if p.status == "ok" and p.raw_text else p for p in pages]
