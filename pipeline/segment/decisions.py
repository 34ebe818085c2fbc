"""The proposed (or taken) decision of a reply or protocol extract, and its outcome.

Looks under "Förslag till beslut"-type headings (or "Beslut" in a protocol)
for att-satser ("att motionen anses besvarad"); without att-satser, the first
sentence paragraph of the section is the proposal ("... föreslås inga
ytterligare åtgärder").  The outcome is bifall / avslag / besvarad when the
text says exactly one of them for the whole motion, otherwise other (a partial
bifall, "inga åtgärder").
"""
from __future__ import annotations

import re

from ..model import DecisionProposal
from . import proposals
from .authors import is_signature_line
from .lines import SENTENCE_END, Ln, join, paragraphs
from .vocab import mfold, signature_formula_re

_OUTCOMES = {
    "bifall": re.compile(r"\b(bifall\w*|tillstyrk\w*)"),
    "avslag": re.compile(r"\b(avsla(s|r|git)?|avslag\w*|avstyrk\w*)\b"),
    "besvarad": re.compile(r"\b(besvarad\w*|besvara(s|t)?)\b"),
}


# a verdict on part of the motion ('bifalls i den del som avser X och i övrigt anses besvarad'): mixed,
# even when OCR garbled the second verdict word so that only one verdict is legible
_PARTIAL = re.compile(r"\bi ovrigt\b|\bi (?:den|de) del(?:ar)? som\b")


def outcome(text: str) -> str:
    s = mfold(text)
    hits = [name for name, rx in _OUTCOMES.items() if rx.search(s)]
    return hits[0] if len(hits) == 1 and not _PARTIAL.search(s) else "other"


def from_section(lines: list[Ln], start: int, stop: int) -> DecisionProposal | None:
    atts = proposals.extract(lines, start, stop, in_run=True)
    if atts:
        text = " ".join(a.text for a in atts)
        return DecisionProposal(text=text, outcome=outcome(text))  # type: ignore[arg-type]
    for first, last, text in paragraphs(lines, start, stop):
        first = _after_leadin(lines, first, last)
        text = _before_signature(lines, first, last) or text
        if len(text) < 40 and outcome(text) == "other":
            continue  # short lines are page furniture or signatures, unless they state a verdict ('Motionen anses besvarad.')
        if is_signature_line(text) or proposals.is_leadin(text) and _LEADIN_END.search(mfold(text)):
            continue
        return DecisionProposal(text=text, outcome=outcome(text))  # type: ignore[arg-type]
    return None


# how a lead-in sentence ends: '... föreslår kommunfullmäktige besluta', '... fatta följande beslut.'
_LEADIN_END = re.compile(r"(:|\bbesluta|\bbeslutar|\bfoljande beslut\.?|\bfoljande)\s*$")


def _after_leadin(lines: list[Ln], first: int, last: int) -> int:
    """Skip a lead-in line glued to the decision ('... fatta följande beslut.' + 'Kommunfullmäktige
    bifaller motionen.' with the blank line between them lost on a scan)."""
    content = [ln for ln in lines[first : last + 1] if ln.content]
    if len(content) >= 2 and proposals.is_leadin(content[0].text) and _LEADIN_END.search(mfold(content[0].text)):
        return content[1].idx
    return first


def _before_signature(lines: list[Ln], first: int, last: int) -> str:
    """The paragraph's text up to a signature formula or signer line that OCR glued onto it
    ('... anses besvarad.' / 'Vid protokollet' with the blank line between them lost)."""
    parts: list[str] = []
    for ln in lines[first : last + 1]:
        if not ln.content:
            continue
        if parts and parts[-1].endswith(SENTENCE_END) and len(ln.text) <= 60 and (
            signature_formula_re().match(mfold(ln.text)) or is_signature_line(ln.text)
        ):
            break
        parts.append(ln.text)
    return join(parts)


# 'att motionen bifalls' or, verb first, 'att bifalla motionen'
_MOTION_DECISION = re.compile(r"\bmotion\w*\b.*\b(bifall|avsla|besvara|tillstyrk|avstyrk)|\b(bifall|avsla|besvara|tillstyrk|avstyrk)\w*\b.*\bmotion")


# "Kommunfullmäktige beslutar att bifalla motionen ..." written as a sentence of the minutes
_DECIDES = re.compile(r"(?:^|(?<=[.!?]\s))((?:kommun|region)?fullmaktige|(?:kommun|region)styrelsen|\w*namnden)\s+beslutar\s+att\s")


def fallback(lines: list[Ln], start: int, stop: int) -> DecisionProposal | None:
    """No decision heading (or OCR lost it): the last att-sats that decides on the motion, else the last
    sentence in which a body 'beslutar att' do something with the motion."""
    hits = [a for a in proposals.extract(lines, start, stop) if _MOTION_DECISION.search(mfold(a.text))]
    if hits:
        return DecisionProposal(text=hits[-1].text, outcome=outcome(hits[-1].text))  # type: ignore[arg-type]
    found = None
    for _first, _last, text in paragraphs(lines, start, stop):
        folded = mfold(text)
        if len(folded) != len(text):
            continue  # offsets in the folded text must be offsets in the text
        for m in _DECIDES.finditer(folded):
            end = folded.find(". ", m.start())
            sentence = text[m.start(): end + 1 if end >= 0 else len(text)].strip()
            if "motion" in mfold(sentence) and outcome(sentence) != "other":
                found = sentence
    if found:
        return DecisionProposal(text=found, outcome=outcome(found))  # type: ignore[arg-type]
    return None
