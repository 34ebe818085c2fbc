"""Links between documents: a reply to its motion, quoted att-satser to the motion's, across files.

Titles are compared after stripping the reply's prefix ("Yttrande över",
"Svar på", "§ 12") so that "Svar på motion om X" finds "Motion om X".
Similarities are rapidfuzz scores scaled to 0..1.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..model import Author, Document, FileResult, Proposal, RespondsTo
from .vocab import fold, mfold

TITLE_MATCH = 0.80  # a reply's derived title vs a motion title (token_sort_ratio)
IN_FILE_MATCH = 0.60  # within one file a motion before the reply is expected, so accept a looser match
QUOTE_MATCH = 0.55  # a reworded att-sats still shares most of its words

_REPLY_PREFIX = re.compile(
    r"^(yttrande|svar|besvarande|beslutsforslag|tjansteskrivelse|remissvar)\s*(over|pa|av|angaende|om|till|-|–|:)?\s*(?=motion)", re.I
)


def responded_title(title: str | None) -> str | None:
    """'Yttrande över motion om X' -> 'Motion om X'; None when the title names no motion."""
    if not title:
        return None
    m = _REPLY_PREFIX.match(mfold(title))
    if not m:
        return None
    rest = title[m.end() :].strip()
    return rest[0].upper() + rest[1:] if rest else None


def title_similarity(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(fold(a), fold(b)) / 100


def link_quotes(quoted: list[Proposal], motion: Document) -> None:
    """Point each quoted att-sats at the motion proposal it restates."""
    for q in quoted:
        best, score = None, 0.0
        for p in motion.proposals:
            s = max(fuzz.token_set_ratio(fold(q.text), fold(p.text)), fuzz.ratio(fold(q.text), fold(p.text))) / 100
            if s > score:
                best, score = p, s
        if best is not None and score >= QUOTE_MATCH:
            q.quotes, q.similarity = best.number, round(score, 3)


def share_parties(reply_mentions: list[Author], motion: Document) -> None:
    """A reply names the motion's authors with their parties ('X (s) och Y (s) har i en motion ...')."""
    for a in motion.authors:
        if a.party:
            continue
        for m in reply_mentions:
            if fuzz.ratio(fold(a.name), fold(m.name)) >= 80:
                a.party = m.party
                break


def link_in_file(docs: list[Document], mentions: dict[int, list[Author]]) -> None:
    for k, doc in enumerate(docs):
        if doc.type not in ("yttrande", "protokollsutdrag"):
            continue
        wanted = responded_title(doc.title)
        motions = [(j, d) for j, d in enumerate(docs[:k]) if d.type == "motion" and d.title]
        if wanted is None and not motions:
            continue
        best, score = None, 0.0
        for j, d in motions:
            s = title_similarity(wanted or "", d.title or "")
            if s > score:
                best, score = j, s
        if best is not None and score >= IN_FILE_MATCH:
            doc.responds_to = RespondsTo(title=docs[best].title or "", document=best, similarity=round(score, 3))
            link_quotes(doc.quoted_proposals, docs[best])
            share_parties(mentions.get(k, []), docs[best])
        elif wanted:
            doc.responds_to = RespondsTo(title=wanted)


def link_responses(results: list[FileResult]) -> None:
    """Across a batch: point replies whose motion is in another file at that file's motion.

    ``responds_to.file`` is the other file's ``source.name`` and ``document`` the
    motion's index in that file's documents.
    """
    motions = [
        (r.source.name, j, d) for r in results for j, d in enumerate(r.documents) if d.type == "motion" and d.title
    ]
    for r in results:
        for doc in r.documents:
            rt = doc.responds_to
            if rt is None or rt.document is not None or rt.file is not None:
                continue
            best, score = None, 0.0
            for name, j, d in motions:
                if name == r.source.name:
                    continue
                s = title_similarity(rt.title, d.title or "")
                if s > score:
                    best, score = (name, j, d), s
            if best is not None and score >= TITLE_MATCH:
                rt.file, rt.document, rt.similarity = best[0], best[1], round(score, 3)
                link_quotes(doc.quoted_proposals, best[2])
