"""Links between documents: a reply to its motion, quoted att-satser to the motion's, across files.

Titles are compared after stripping the reply's prefix ("Yttrande över",
"Svar på", "§ 12") so that "Svar på motion om X" finds "Motion om X"; and
on their *topic* as well, because a motion is often printed with a bare title
("Språkvänner för nyanlända") while the reply names it "motion av A och B om
språkvänner ...".  A protocol item headed "Motion om X" answers that motion.
Medborgarförslag (type ``other``) are answered the same way.  The words
involved are in ``data/segment/linking.tsv``.
Similarities are rapidfuzz scores scaled to 0..1.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..model import Author, Document, FileResult, Proposal, RespondsTo
from . import names
from .documents import restore_motion
from .vocab import fold, mfold, table

TITLE_MATCH = 0.80  # a reply's derived title vs a motion title (token_sort_ratio)
IN_FILE_MATCH = 0.60  # within one file a motion before the reply is expected, so accept a looser match
QUOTE_MATCH = 0.55  # a reworded att-sats still shares most of its words
ANSWERABLE = ("motion", "other")  # "other" holds medborgarförslag


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, word in table("linking.tsv"):
        out.setdefault(kind, []).append(re.escape(word))
    return out


def _alt(kind: str) -> str:
    return "|".join(sorted(_words()[kind], key=len, reverse=True))


@lru_cache(maxsize=1)
def _reply_prefix() -> re.Pattern[str]:
    # "Tjänsteskrivelse: Svar på motion om X": a document-type label may precede the reply phrase
    return re.compile(rf"^(?:({_alt('reply')})\s*({_alt('link')})?\s*){{1,2}}(?=({_alt('subject')})\b)")


@lru_cache(maxsize=1)
def _subject_prefix() -> re.Pattern[str]:
    """'motion av X och Y (FP) om ', 'medborgarförslag: ', 'motion angående ' at the start of a title."""
    return re.compile(
        rf"^({_alt('subject')})\b\s*(:|-|–)?\s*(?:(?:av|fran)\s+.{{1,80}}?\s+(?=({_alt('about')})\s))?(?:({_alt('about')})\s+)?")


@lru_cache(maxsize=1)
def _by_authors() -> re.Pattern[str]:
    """'motion från Anna Berg (M) om ', 'motion väckt av X om ' — the movers named between the subject and its topic."""
    return re.compile(rf"^({_alt('subject')})\s+(?:(?:vackt|vackta|inlamnad|inlamnat|inkommen|inkommet|undertecknad)\s+)?(?:av|fran)\s+.{{1,80}}?\s+(?=({_alt('about')})\s+\S)")


@lru_cache(maxsize=1)
def _subject_label() -> re.Pattern[str]:
    """What may stand between the subject word and its topic without being part of the motion's title:
    a party code '(SD)', a number 'nr 12/2015', '2015:12', 'den 14 mars 2015'."""
    return re.compile(
        rf"^({_alt('subject')})((?:\s*[(\[][a-z]{{1,3}}[)\]]|\s+nr\.?\s*\d+(?:[/:.-]\d+)?|\s+\d{{1,4}}[/:.-]\d{{1,4}}|\s+den\s+\d{{1,2}}\s+[a-z]+\s+\d{{4}})+)(?=\s)")


# 'motion från Anna Berg (L) cm X', '... (SD) m X': after the movers' party code, the short word in the place of
# 'om' is 'om' misread by a letter
_MOVERS_MISREAD_OM = re.compile(r"^(motion|medborgarforslag)\s+(?:av|fran)\s+[^()]{2,80}?\s*[(\[][a-z]{1,3}[)\]]\s+([a-z0-9]{1,3})\s+(?=\S)")


# after the topic: the movers ('... från Per Ek (M)'), the party alone ('(SD)'), or the stage of the matter
_TRAILING_MOVERS = re.compile(r"\s+(?:(?:av|fran)\s+[^()]{2,60}?)?\s*[(\[][a-z]{1,3}(?:\s*(?:,|och|m\.?\s?fl\.?)\s*[a-z]{1,3})*[)\]]\s*$")
_TRAILING_STAGE = re.compile(r"\s*[,–-]\s*(?:svar|besvarande|yttrande|slutbehandling|beslut|aterremiss)\s*$")


def without_movers(title: str) -> str:
    """'Motion från Anna Berg (M) om X' -> 'Motion om X': the motion's own title as a reply reconstructs it.

    Also drops a party code or number after the subject ('Motion (SD) om X', 'Motion nr 12/2015 om X'),
    movers or a party code after the topic ('Motion om X från Per Ek (M)'), a trailing stage word
    ('Motion om X – besvarande') and the definite form ('Motionen om X')."""
    folded = mfold(title)
    if len(folded) != len(title):
        return title
    m = _by_authors().match(folded)
    if m:
        title, folded = title[: m.end(1)] + " " + title[m.end() :], folded[: m.end(1)] + " " + folded[m.end() :]
    else:
        m = _MOVERS_MISREAD_OM.match(folded)
        if m and Levenshtein.distance(m.group(2), "om", score_cutoff=1) <= 1:
            title, folded = title[: m.end(1)] + " om " + title[m.end() :], folded[: m.end(1)] + " om " + folded[m.end() :]
    m = _subject_label().match(folded)
    if m:
        title, folded = title[: m.end(1)] + title[m.end() :], folded[: m.end(1)] + folded[m.end() :]
    for rx in (_TRAILING_STAGE, _TRAILING_MOVERS):
        m = rx.search(folded)
        if m and m.start() > 12:
            title, folded = title[: m.start()], folded[: m.start()]
    m = re.match(r"^(motion|medborgarforslag)(en|et)\b", folded)
    if m:
        title = title[: m.end(1)] + title[m.end() :]
    return " ".join(title.split())


def responded_title(title: str | None) -> str | None:
    """'Yttrande över motion om X' -> 'Motion om X'; None when the title names no motion or proposal."""
    if not title:
        return None
    title = restore_motion(" ".join(title.split()))  # so that offsets in mfold(title) are offsets in title
    title = re.sub(r"^(motion|medborgarförslag|medborgarforslag)s(svar|yttrande)\b", r"Svar på \1", title, flags=re.I)
    m = _reply_prefix().match(mfold(title))
    if not m:
        return None
    rest = without_movers(title[m.end() :].strip())
    return rest[0].upper() + rest[1:] if rest else None


def core_title(title: str) -> str:
    """The topic of a motion title: 'Motion av A och B (FP) om språkvänner för X' -> 'språkvänner för x'."""
    s = fold(title).strip()
    m = _subject_prefix().match(s)
    return s[m.end() :].strip() if m and m.end() < len(s) else s


def subject_title(doc: Document) -> str | None:
    """What a reply or protocol item is about: derived from 'Svar på motion om X', or a protocol item (or a
    reply under a YTTRANDE / TJÄNSTESKRIVELSE heading) titled with the motion's own title 'Motion om X'."""
    wanted = responded_title(doc.title)
    if wanted is None and doc.type in ("protokollsutdrag", "yttrande") and doc.title and _subject_prefix().match(fold(restore_motion(doc.title))):
        wanted = restore_motion(doc.title)
    return wanted


def title_similarity(a: str, b: str) -> float:
    """Full titles and their topics ('Motion om X' vs a bare 'X') compared; the best agreement counts."""
    full = fuzz.token_sort_ratio(fold(a), fold(b))
    core = fuzz.token_sort_ratio(core_title(a), core_title(b))
    return max(full, core) / 100


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
    """A reply names the motion's authors with their parties ('X (s) och Y (s) har i en motion ...').

    The mention is also a second reading of the signer's name: a handwritten
    signature is what OCR misreads most, so the two readings are reconciled
    (see :func:`pipeline.segment.names.reconcile`).
    """
    for a in motion.authors:
        m = next((m for m in reply_mentions if names.same_person(a.name, m.name)), None)
        if m is None:
            continue
        a.party = a.party or m.party
        a.name = names.reconcile(a.name, m.name)


def link_in_file(docs: list[Document], mentions: dict[int, list[Author]]) -> None:
    for k, doc in enumerate(docs):
        if doc.type not in ("yttrande", "protokollsutdrag"):
            continue
        wanted = subject_title(doc)
        motions = [(j, d) for j, d in enumerate(docs[:k]) if d.type in ANSWERABLE and d.title]
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
            wanted = without_movers(wanted)  # a protocol item "Motion från X (V) om Y" is about "Motion om Y"
            doc.responds_to = RespondsTo(title=wanted[0].upper() + wanted[1:])


def link_responses(results: list[FileResult]) -> None:
    """Across a batch: point replies whose motion is in another file at that file's motion.

    ``responds_to.file`` is the other file's ``source.name`` and ``document`` the
    motion's index in that file's documents.
    """
    motions = [
        (r.source.name, j, d) for r in results for j, d in enumerate(r.documents) if d.type in ANSWERABLE and d.title
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
                rt.title = best[2].title or rt.title  # the motion's own title, as printed
                link_quotes(doc.quoted_proposals, best[2])
