"""Signatures: who wrote a document, for which party, in what role.

Handles the conventions of Swedish council papers:

* ``Marie Linder (s)`` / ``Anna Berg och Per Ek (båda SD)`` / ``Lena Forsberg, V``
* two signatures side by side on one line: ``Eva Holm Johan Ek``
* a name line with the role on the next line (``Karin Wikström`` / ``Kommundirektör``)
  or on the same line after a slash or comma (``Dan Näsman / Tf kommunchef``,
  ``Stefan Lantto, IT-strateg``), possibly behind "Upprättad av" / "Handläggare:"
  (``data/segment/signature_prefixes.txt``)
* ``För Vänsterpartiet`` above the names.

People are found by the spaCy EntityRuler (given-name list + capitalised
surname); in a line that is clearly a signature, a given name damaged by OCR is
accepted when it is close to a known one (rapidfuzz).  Signatures are what OCR
reads worst, so a name the lists cannot recognise is still taken when the line
has the *shape* of a signature: a capitalised pair beside a recognised signer,
or a name-shaped line near the end of the document next to a party code or a
role.  ``names.reconcile`` later checks such readings against the reply's
mention of the same people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..model import Author
from .lines import Ln, next_content
from .nlp import entities
from .vocab import first_names_folded, fold, is_council_word, mfold, parties, role_re, signature_prefix_re

_CONNECTORS = {"och", "samt", "&", "/", ",", "-", "–", "för", "for", "båda", "bägge", "alla", "samtliga", "gemensamt"}
_BRACKETS = "()[]{}"
_TRAILING_PARTY = re.compile(r",\s*(S|M|C|L|KD|V|MP|SD|FP)\s*$")
_FOR_PARTY = re.compile(r"^f[oö]r\s+(.+?)\s*$", re.I)
_PLACE_DATE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,30}?,?\s+(den\s+)?(\d{1,2}\s+[a-zåäö]+\.?\s+(19|20)\d\d|\d{1,2}/\d{1,2}\s*(19|20)\d\d|(19|20)\d\d-\d\d-\d\d)\s*$")


def normalize_party(text: str) -> str | None:
    """'(s}', '{5}', '(båda SD)', 'Socialdemokraterna' -> 'S', 'SD'."""
    s = fold(text).strip(_BRACKETS + " .,")
    s = re.sub(r"^(bada|bagge|alla|samtliga)\s+", "", s)
    s = {"5": "s", "$": "s"}.get(s, s)
    return parties().get(s)


def is_role_line(text: str) -> bool:
    """'Tf kommunchef', 'Kultur- och fritidsdirektör' — a role alone ('Eva Lund / Kommundirektör' is a signature)."""
    s = text.strip()
    if "/" in s or "," in s:
        return False
    words = s.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", s) or len(s) > 50:
        return False
    return bool(role_re().search(mfold(s).split()[-1]))


def is_place_date(text: str) -> bool:
    return bool(_PLACE_DATE.match(text.strip()))


@dataclass
class _Parsed:
    authors: list[Author]
    residue: int  # words on the line that are neither names, parties nor connectors


def _fuzzy_people(text: str) -> list[tuple[str, int, int]]:
    """People whose given name is slightly misread: capitalised pairs with a near-known first token."""
    out = []
    tokens = list(re.finditer(r"[A-ZÅÄÖ][\wåäöéü\-]+", text))
    k = 0
    while k + 1 < len(tokens):
        given, sur = tokens[k], tokens[k + 1]
        hit = process.extractOne(fold(given.group()), first_names_folded(), scorer=fuzz.ratio, score_cutoff=80)
        gap = text[given.end() : sur.start()]
        if hit and gap.strip() == "" and not role_re().search(fold(sur.group())):
            out.append((text[given.start() : sur.end()], given.start(), sur.end()))
            k += 2
        else:
            k += 1
    return out


def _strip_prefix(text: str) -> str:
    """'Upprättad av Stefan Lantto, IT-strateg' -> 'Stefan Lantto, IT-strateg'."""
    folded = fold(text)
    m = signature_prefix_re().match(folded)
    if m and len(folded) == len(text):
        return text[m.end() :]
    return text


def _trailing_role(text: str) -> str | None:
    """The role after the name: 'Dan Näsman / Tf kommunchef', 'Stefan Lantto, IT-strateg'."""
    for sep in ("/", ","):
        if sep in text:
            after = text.rsplit(sep, 1)[1]
            if after.strip() and is_role_line(after):
                return after.strip()
    return None


_CAP = r"[A-ZÅÄÖ][a-zåäöéüA-ZÅÄÖ]*(?:-[A-ZÅÄÖ][a-zåäöéü]+)?[a-zåäöéü]"
_PAIR = re.compile(rf"(?<![\w-])({_CAP})\s+({_CAP})(?![\w-])")
_NAME_LINE = re.compile(rf"^[^\wåäöÅÄÖ]*({_CAP}\s+{_CAP}(?:\s+{_CAP}\s+{_CAP})?)[\s.,]*$")


def _name_shaped(word: str) -> bool:
    """A capitalised word that is not a role, party, month or council term."""
    f = fold(word)
    return len(f) >= 2 and not role_re().fullmatch(f) and f not in parties() and not is_council_word(f)


def _name_pairs(text: str) -> list[tuple[str, int, int]]:
    """Capitalised word pairs ('Ebba Qvarnström', 'Ohlsa Berglind') — names the lists do not know, or know only misread."""
    return [(m.group(0), m.start(), m.end()) for m in _PAIR.finditer(text)
            if _name_shaped(m.group(1)) and _name_shaped(m.group(2))]


def name_shaped_line(text: str) -> str | None:
    """'Ebba Qvarnström' or two such names side by side, and nothing else: returns the names' text."""
    m = _NAME_LINE.match(text.strip())
    if not m or not all(_name_shaped(w) for w in m.group(1).split()):
        return None
    return m.group(1)


_BROKEN_CODE = re.compile(r"(?<=[a-zåäöéü] )[(\[{]([A-Za-z5$]{1,2})[3J1lI|](?=[\s,.;]|$)")


def _repair_party_brackets(text: str) -> str:
    """'Eva Lund (m1' -> 'Eva Lund (m)': a party code after a name whose closing bracket OCR read as 3/J/1/l."""
    return _BROKEN_CODE.sub(lambda m: f"({m.group(1)})" if normalize_party(m.group(1)) else m.group(0), text)


def parse_line(text: str, fuzzy: bool = False) -> _Parsed:
    """People and parties on one line, parties given to the names before them."""
    text = _repair_party_brackets(_strip_prefix(text.strip()))
    ents = entities(text)
    people = [(t, s, e) for lab, t, s, e in ents if lab == "PERSON"]
    party_ents = [(normalize_party(t), s, e) for lab, t, s, e in ents if lab == "PARTY"]
    if fuzzy:
        taken = [(s, e) for _, s, e in people]
        people += [p for p in _fuzzy_people(text) if not any(p[1] < e and s < p[2] for s, e in taken)]
        if people:
            taken = [(s, e) for _, s, e in people] + [(s, e) for _, s, e in party_ents]
            people += [p for p in _name_pairs(text) if not any(p[1] < e and s < p[2] for s, e in taken)]
        people.sort(key=lambda p: p[1])
    role = _trailing_role(text)
    m = _TRAILING_PARTY.search(text)
    if m:
        party_ents.append((normalize_party(m.group(1)), m.start(1), m.end(1)))
    authors: list[Author] = []
    pending: list[Author] = []
    events = sorted([(s, "p", t) for t, s, e in people] + [(s, "party", p) for p, s, e in party_ents], key=lambda x: x[0])
    for _, kind, value in events:
        if kind == "p":
            a = Author(name=_clean_name(value))
            authors.append(a)
            pending.append(a)
        else:
            for a in pending:
                a.party = value
            pending = []
    if role and authors:
        authors[-1].role = role
    covered = text
    for t, s, e in sorted(people + [(None, s, e) for _, s, e in party_ents], key=lambda x: -x[1]):
        covered = covered[:s] + " " + covered[e:]
    if role:
        covered = covered.replace(role, " ")
    residue = [w for w in re.findall(r"[\wåäöÅÄÖ$]+|&", covered) if fold(w) not in _CONNECTORS]
    return _Parsed(authors, len(residue))


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip(" ,.\\|/"))


def is_signature_line(text: str) -> bool:
    """A line made of names (with parties/roles), a role, or 'Ort den <datum>'."""
    s = text.strip()
    if len(s) > 80:
        return False
    if is_role_line(s) or is_place_date(s):
        return True
    p = parse_line(s)
    return bool(p.authors) and p.residue <= 1


def signer_line(text: str) -> bool:
    """Looser than :func:`is_signature_line`: signers whose names OCR has damaged ('Eva Lnnd Per
    Holmqvlst' read from two handwritten signatures) still make a line of people."""
    s = text.strip()
    if is_signature_line(s):
        return True
    if len(s) > 60:
        return False
    p = parse_line(s, fuzzy=True)
    return bool(p.authors) and p.residue <= 1


def find(lines: list[Ln], start: int, stop: int) -> list[Author]:
    """Authors from the signature lines between start and stop (role on the next line is attached)."""
    found: list[Author] = []
    party_context: str | None = None
    i = start
    while i < stop:
        ln = lines[i]
        if not ln.content or len(ln.text) > 80:
            i += 1
            continue
        fp = _FOR_PARTY.match(ln.text)
        if fp and normalize_party(fp.group(1)):
            party_context = normalize_party(fp.group(1))
            i += 1
            continue
        nxt = next_content(lines, i + 1, stop)
        joined = _split_name(lines, i, nxt)
        if joined:  # "Karin" / "Wikström": a signature name OCR broke over two lines
            ln = Ln(idx=ln.idx, no=ln.no, page=ln.page, text=joined, kind=ln.kind, block_start=ln.block_start)
            i = nxt
            nxt = next_content(lines, i + 1, stop)
        role_next = nxt is not None and nxt - i <= 3 and is_role_line(lines[nxt].text)
        isolated = (i == 0 or lines[i - 1].kind != "text" or is_signature_line(lines[i - 1].text)) and len(ln.text) <= 60
        parsed = parse_line(ln.text, fuzzy=isolated or role_next)
        if not parsed.authors and isolated and _near_end(lines, i, stop):
            parsed = _unknown_signer(ln.text, role_next)
        if not parsed.authors and role_next:
            parsed = _lowercased_surname(ln.text)
        if parsed.authors and parsed.residue <= 1 and not is_role_line(ln.text):
            codes = _party_line(lines[nxt].text) if nxt is not None and nxt - i <= 2 else None
            if codes:  # "Anna Berg" / "Centerpartiet": the party written out on the line below the name
                _give_parties(parsed.authors, codes)
                i = nxt
                nxt = next_content(lines, i + 1, stop)
                role_next = nxt is not None and nxt - i <= 3 and is_role_line(lines[nxt].text)
            for a in parsed.authors:
                if a.party is None:
                    a.party = party_context
            if role_next and nxt is not None:
                target = parsed.authors[-1]
                if target.role is None:
                    target.role = lines[nxt].text.strip()
                i = nxt
            found.extend(parsed.authors)
        i += 1
    return _dedupe(found)


def _party_line(text: str) -> list[str] | None:
    """'Centerpartiet', 'Miljöpartiet de gröna', or two party names side by side under two signers."""
    s = text.strip()
    if len(s) > 80 or not s:
        return None
    ents = entities(s)
    if not ents or any(lab != "PARTY" for lab, *_ in ents):
        return None
    rest = s
    for _lab, _t, a, b in sorted(ents, key=lambda e: -e[2]):
        rest = rest[:a] + " " + rest[b:]
    if re.search(r"[\wåäöÅÄÖ]", rest):
        return None
    codes = [normalize_party(t) for _lab, t, _a, _b in ents]
    return codes if all(codes) else None


def _give_parties(authors: list[Author], codes: list[str]) -> None:
    """One party per signer when they are side by side, else the one party for all of them."""
    if len(codes) == len(authors):
        for a, c in zip(authors, codes):
            a.party = a.party or c
    elif len(set(codes)) == 1:
        for a in authors:
            a.party = a.party or codes[0]


def _split_name(lines: list[Ln], i: int, nxt: int | None) -> str | None:
    """A known given name alone on its line, then (within two lines) a lone capitalised surname."""
    words = lines[i].text.split()
    if nxt is None or nxt - i > 3 or len(words) != 1 or fold(words[0]) not in first_names_folded():
        return None
    if not words[0][0].isupper():
        return None
    sur = lines[nxt].text.split()
    if len(sur) != 1 or not re.fullmatch(r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?", sur[0]):
        return None
    if not _name_shaped(sur[0]) or is_role_line(sur[0]):
        return None
    return f"{words[0]} {sur[0]}"


SIGNATURE_TAIL = 8  # content lines after a signature: date, distribution list, page furniture


def _near_end(lines: list[Ln], i: int, stop: int) -> bool:
    return sum(1 for l in lines[i + 1 : stop] if l.content) <= SIGNATURE_TAIL


def _unknown_signer(text: str, role_next: bool) -> _Parsed:
    """A name-shaped line at the end of a document, next to a role or with a party code, is a signer
    even when OCR has misread the name beyond what the name lists recognise."""
    parsed = parse_line(text)
    shaped = name_shaped_line(re.sub(r"[(\[{].{1,12}[)\]}]\s*$|,\s*\w{1,3}\s*$", "", text))
    party = next((e for lab, t, _s, _e in entities(text) if lab == "PARTY" for e in [normalize_party(t)] if e), None)
    m = _TRAILING_PARTY.search(text)
    party = party or (normalize_party(m.group(1)) if m else None)
    role = _trailing_role(text)
    if shaped is None:
        if role is None:
            return parsed
        shaped = name_shaped_line(re.split(r"[/,]", _strip_prefix(text))[0])
        if shaped is None:
            return parsed
    if not (party or role or role_next):
        return parsed
    words = shaped.split()
    names = [" ".join(words[k : k + 2]) for k in range(0, len(words), 2)]
    return _Parsed([Author(name=n, party=party, role=role) for n in names], 0)


def _lowercased_surname(text: str) -> _Parsed:
    """'Camilla sundberg' above a role line: a known given name and a surname that OCR or word
    correction lower-cased (a surname that is also a Swedish word is often 'corrected')."""
    words = text.split()
    if len(words) == 2 and fold(words[0]) in first_names_folded() and words[0][0].isupper() and re.fullmatch(r"[a-zåäöéü][a-zåäöéü\-]{2,}", words[1]):
        if not is_council_word(fold(words[1])) and not role_re().fullmatch(fold(words[1])):
            return _Parsed([Author(name=f"{words[0]} {words[1][0].upper()}{words[1][1:]}")], 0)
    return _Parsed([], 0)


def _dedupe(authors: list[Author]) -> list[Author]:
    out: list[Author] = []
    for a in authors:
        twin = next((b for b in out if fuzz.ratio(fold(a.name), fold(b.name)) >= 85), None)
        if twin is None:
            out.append(a)
        else:
            twin.party = twin.party or a.party
            twin.role = twin.role or a.role
    return out


def mentioned(text: str) -> list[Author]:
    """People named inside running text ('X (s) och Y (s) har i en motion ...'), mostly with a party;
    one whose party code OCR destroyed is still a second reading of the signer's name."""
    return parse_line(text, fuzzy=True).authors
