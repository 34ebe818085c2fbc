"""Signatures: who wrote a document, for which party, in what role.

Handles the conventions of Swedish council papers:

* ``Marie Linder (s)`` / ``Anna Berg och Per Ek (båda SD)`` / ``Lena Forsberg, V``
* two signatures side by side on one line: ``Eva Holm Johan Ek``
* a name line with the role on the next line (``Karin Wikström`` / ``Kommundirektör``)
  or on the same line after a slash or comma (``Dan Näsman / Tf kommunchef``,
  ``Stefan Lantto, IT-strateg``), possibly behind "Upprättad av" / "Handläggare:"
  (``data/segment/signature_prefixes.txt``)
* ``För Vänsterpartiet`` above the names, also ``För Moderaterna i Kalmar kommunfullmäktige``,
  ``Centerpartiets fullmäktigegrupp`` or ``Vänsterpartiet i Luleå genom`` (:func:`party_context`);
* roles under side-by-side signers (``Maria Holm      Johan von Platen`` /
  ``ordförande      förvaltningsdirektör``), roles *above* the names in protocol
  signature blocks (``Ordförande`` / ``Lars Dahlin``) and a role label before
  the name (``Ordförande: Anna Berg``);
* typed copies of signatures (``/Anna Berg/``, ``Anna Berg e.u.``).

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

import dataclasses

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..model import Author
from .lines import Ln, next_content, prev_content
from .nlp import entities
from .vocab import first_names, first_names_folded, fold, is_council_word, mfold, parties, role_re, signature_prefix_re

_CONNECTORS = {"och", "samt", "&", "/", ",", "-", "–", "för", "for", "båda", "bägge", "alla", "samtliga", "gemensamt"}
_BRACKETS = "()[]{}"
# 'Sara Lund, V' or 'Sara Lund V': a bare upper-case party code closing a signature line
_TRAILING_PARTY = re.compile(r"(?:,\s*|(?<=[a-zåäöéüćčš])\s+)(S|M|C|L|KD|V|MP|SD|FP)\s*$")
# what may surround the party in a 'För Moderaterna i Kalmar kommunfullmäktige' line (folded words)
_CONTEXT_WORDS = frozenset({
    "for", "genom", "i", "grupp", "gruppen", "fullmaktigegrupp", "fullmaktigegruppen", "kommunfullmaktigegrupp",
    "kommunfullmaktigegruppen", "fullmaktige", "kommunfullmaktige", "kommun", "kommuns", "stad", "lokalavdelning",
    "partiavdelning", "forening", "foreningen", "ledamoter", "ledamoterna", "fullmaktigeledamoter", "kommunfullmaktiges",
    "kommunstyrelsegrupp", "kommunstyrelsegruppen", "region",
})
_ORG_WORD = re.compile(r"(forvaltning|kontor|namnd|enhet|avdelning|kommun|stab|kansli|styrelse|bolag|stad|sektor)")
_OFFICE_LINKS = frozenset({"for", "och", "i", "vid", "inom", "pa", "med"})
_COPY_MARK = re.compile(r"(?:(?<=\s)|^)(?:e\.\s?u\.?|enl\.\s?uppdrag|\(sign\.?\)|sign\.)(?=\s|$)", re.I)
_ROLE_LABEL = re.compile(r"^([^:/,\d]{2,40}?)\s*:\s*(\S.*)$")
# 'Umeå den 14 mars 2011', 'Visby 2017-11-28'.  The place is letters only: 'AU 8 261 2017-11-06' (an
# earlier handling with its '§' read as a digit) is a reference line, not where a document was signed,
# and 'Datum 2009-05-25' is a letterhead field.
# A year's last digits that OCR read as look-alike letters ('202C', '20O5') still make the year, and so
# does a year that OCR glued onto the month ('2 april2019').
YEAR_READ = r"(?:19|20)[\dOoCDlI]{2}"  # also used for dnr-shaped lines (fields)
_PLACE_DATE = re.compile(
    r"^(?![Dd]atum\b|DATUM\b)[A-ZÅÄÖ](?:[^\W\d_]|[\- ]){1,30}?,?\s+(den\s+)?(\d{1,2}\s+[a-zåäö]+\.?\s*" + YEAR_READ + r"|\d{1,2}/\d{1,2}\s*" + YEAR_READ
    + r"|(19|20)\d\d-\d\d-\d\d)\s*$"
)


def normalize_party(text: str) -> str | None:
    """'(s}', '{5}', '(båda SD)', 'Socialdemokraterna' -> 'S', 'SD'."""
    s = fold(text).strip(_BRACKETS + " .,")
    s = re.sub(r"^(bada|bagge|alla|samtliga)\s+", "", s)
    s = {"5": "s", "$": "s"}.get(s, s)
    return parties().get(s)


def is_role_line(text: str) -> bool:
    """'Tf kommunchef', 'Kultur- och fritidsdirektör' — a role alone ('Eva Lund / Kommundirektör' is a signature)."""
    s = text.strip()
    if "," in s and "/" not in s:  # 'Förvaltningschef, socialförvaltningen': a role and the office it heads
        head, tail = s.split(",", 1)
        return bool(head.strip()) and is_role_line(head) and bool(_ORG_WORD.search(fold(tail))) and len(s) <= 60
    if "/" in s:
        return False
    parts = re.split(r"\s{2,}", s)
    if len(parts) > 1:  # roles side by side under side-by-side signers
        return len(parts) <= 4 and all(is_role_line(p) for p in parts)
    words = s.split()
    if not 1 <= len(words) <= 7 or re.search(r"\d", s) or len(s) > 60:
        return False
    folded = mfold(s).split()
    if len(words) <= 5 and len(s) <= 50 and role_re().search(folded[-1]):
        return True
    # 'Förvaltningschef Socialförvaltningen', 'Chef för kultur- och fritidsförvaltningen': the role, then the office
    j = max((k for k, w in enumerate(folded) if role_re().fullmatch(w.strip(".,"))), default=None)
    if j is None or j == len(folded) - 1:
        return False
    tail = folded[j + 1 :]
    return all(w in _OFFICE_LINKS or w.endswith("-") or _ORG_WORD.search(w) for w in tail) and bool(_ORG_WORD.search(tail[-1]))


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
        # 'Region Gotland' atop a page: an organisation word is no misread given name ('Region' ~ 'Regina')
        organisation = is_council_word(fold(given.group())) or is_council_word(fold(sur.group()))
        if hit and gap.strip() == "" and not role_re().search(fold(sur.group())) and not organisation:
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
            after = re.sub(r"\s*[(\[{][^)\]}]{1,12}[)\]}]\s*$", "", text.rsplit(sep, 1)[1])  # 'gruppledare (V)'
            if after.strip() and is_role_line(after):
                return after.strip()
    return None


_UP = "A-ZÅÄÖÆØÉÈÜÁÍÓÚČĆŠŽŁŃŚŹŻÇÑ"
_LO = "a-zåäöæøéèüáíóúčćšžłńśźżçñëïß"
_CAP = rf"[{_UP}][{_LO}{_UP}]*(?:-[{_UP}][{_LO}]+)?[{_LO}]"
_PAIR = re.compile(rf"(?<![\w-])({_CAP})\s+({_CAP})(?![\w-])")
_PARTICLE = r"(?:af|von|de|van|der|di|da|le|la|el|al)"
# one person: given name, surname, and a nobiliary second surname ('Ingrid af Ekenstam', 'Marianne Lilliehöök af Fårdala')
_ONE_NAME = rf"{_CAP}(?:\s+{_PARTICLE})?\s+{_CAP}(?:\s+{_PARTICLE}\s+{_CAP})?"
_ONE_NAME_RE = re.compile(rf"^{_ONE_NAME}$")
_TWO_PAIRS = re.compile(rf"^({_CAP}\s+{_CAP})\s+({_CAP}\s+{_CAP})$")


def _name_shaped(word: str) -> bool:
    """A capitalised word that is not a role, party, month or council term."""
    f = fold(word)
    return len(f) >= 2 and not role_re().fullmatch(f) and f not in parties() and not is_council_word(f)


def _name_pairs(text: str) -> list[tuple[str, int, int]]:
    """Capitalised word pairs ('Ebba Qvarnström', 'Ohlsa Berglind') — names the lists do not know, or know only misread."""
    return [(m.group(0), m.start(), m.end()) for m in _PAIR.finditer(text)
            if _name_shaped(m.group(1)) and _name_shaped(m.group(2))]


def shaped_names(text: str) -> list[str] | None:
    """'Ebba Qvarnström', 'Ingrid af Ekenstam', or such names side by side (wide gaps, or two plain pairs),
    and nothing else: the names, or None."""
    s = re.sub(r"^[^\w]+|[\s.,]+$", "", text.strip())
    parts = [p for p in re.split(r"\s{2,}", s) if p]
    if len(parts) == 1:
        m = _TWO_PAIRS.match(s)
        parts = [m.group(1), m.group(2)] if m and not _ONE_NAME_RE.match(s) else parts
    if not parts or len(parts) > 4 or not all(_ONE_NAME_RE.match(p) for p in parts):
        return None
    words = [w for p in parts for w in p.split() if not re.fullmatch(_PARTICLE, w)]
    if not all(_name_shaped(w) for w in words):
        return None
    return [" ".join(p.split()) for p in parts]


def name_shaped_line(text: str) -> str | None:
    """'Ebba Qvarnström' or two such names side by side, and nothing else: returns the names' text."""
    names = shaped_names(text)
    return " ".join(names) if names else None


_BROKEN_CODE = re.compile(r"(?<=[a-zåäöéü] )[(\[{]([A-Za-z5$]{1,2})[3J1lI|](?=[\s,.;]|$)")


# 'Eva Lund (VV)', 'Eva Lund (sSs)', 'Eva Lund (1.)': a one-letter party code that OCR doubled or tripled,
# or an L read as a 1 or I (with a speck as a dot) — the I/l/1 confusion of thin upright strokes
_DOUBLED_CODE = re.compile(r"(?<=[a-zåäöéü] )\(([A-Za-z]{2,3})\)")
_L_AS_ONE = re.compile(r"(?<=[a-zåäöéü] )\([1I]\.?\)")


def _repair_party_brackets(text: str) -> str:
    """'Eva Lund (m1' -> 'Eva Lund (m)': a party code after a name whose closing bracket OCR read as 3/J/1/l;
    'Eva Lund (VV)', 'Eva Lund (sSs)' -> 'Eva Lund (V)', 'Eva Lund (S)'; 'Eva Lund (1.)' -> 'Eva Lund (L)'."""
    text = _BROKEN_CODE.sub(lambda m: f"({m.group(1)})" if normalize_party(m.group(1)) else m.group(0), text)
    text = _DOUBLED_CODE.sub(lambda m: f"({m.group(1)[0]})" if len(set(m.group(1).lower())) == 1 and normalize_party(m.group(1)[0]) else m.group(0), text)
    return _L_AS_ONE.sub("(L)", text)


# 'Ann--Sofie': a hyphen in a name that OCR doubled (a smudge or a wide dash read as two)
_DOUBLED_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐–]{2,}(?=[^\W\d_])")
# 'P-0 Larsson', '0-P Ek': an initial O read as a zero in hyphenated initials
_ZERO_INITIAL = re.compile(r"(?:(?<=\b[A-ZÅÄÖ]-)0|\b0(?=-[A-ZÅÄÖ]\b))(?=\W|$)")


def parse_line(text: str, fuzzy: bool = False) -> _Parsed:
    """People and parties on one line, parties given to the names before them."""
    text = _ZERO_INITIAL.sub("O", _DOUBLED_HYPHEN.sub("-", text))
    text = _repair_party_brackets(_strip_prefix(_copy_marks(text.strip())))
    label = None
    m = _ROLE_LABEL.match(text)
    if m and is_role_line(m.group(1)):  # 'Ordförande: Anna Berg'
        label, text = m.group(1).strip(), m.group(2)
    ents = entities(text)
    people = [_trim_person(text, t, s, e) for lab, t, s, e in ents if lab == "PERSON"]
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
    # 'Anders Mattsson, trafikplanerare, och Lisa Hedström, folkhälsosamordnare': a role after each name
    inline_roles = []
    spans = sorted((s, e) for _, s, e in people)
    for k, (a, (_, e)) in enumerate(zip(authors, spans)):
        stop = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        m = re.fullmatch(r"\s*,\s*([^,]{3,50}?)\s*,?\s*(?:och|samt)?\s*", text[e:stop])
        if a.role is None and len(authors) == len(spans) and m and is_role_line(m.group(1)):
            a.role = m.group(1)
            inline_roles.append(m.group(1))
    if label and authors and authors[0].role is None:
        authors[0].role = label
    covered = text
    for t, s, e in sorted(people + [(None, s, e) for _, s, e in party_ents], key=lambda x: -x[1]):
        covered = covered[:s] + " " + covered[e:]
    for r in ([role] if role else []) + inline_roles:
        covered = covered.replace(r, " ")
    residue = [w for w in re.findall(r"[\wåäöÅÄÖ$]+|&", covered) if fold(w) not in _CONNECTORS]
    return _Parsed(authors, len(residue))


def _trim_person(text: str, name: str, start: int, end: int) -> tuple[str, int, int]:
    """'Sara Ekström Larsson' is one person with a double surname, but in 'Lena Holm Förvaltningschef'
    or 'Marie Lindqvist Aathor Bergén' (the next signer's given name unknown) the third word is not hers."""
    words = name.split()
    if len(words) != 3 or re.fullmatch(_PARTICLE, words[1]) or words[1] in first_names():
        return name, start, end
    nxt = text[end:].lstrip()
    if _name_shaped(words[2]) and not re.match(rf"[{_UP}][{_LO}]", nxt):
        return name, start, end
    cut = name.rfind(" ")
    return name[:cut], start, start + cut


def _copy_marks(text: str) -> str:
    """A typed copy of a signature: '/Anna Berg/' -> 'Anna Berg', 'Anna Berg e.u.' -> 'Anna Berg'."""
    m = re.fullmatch(r"/\s*([^/]{3,60}?)\s*/", text)
    if m:
        text = m.group(1)
    return _COPY_MARK.sub(" ", text).strip() if _COPY_MARK.search(text) else text


def party_context(text: str) -> str | None:
    """The party a block of signers signs for: 'För Vänsterpartiet', 'För Moderaterna i Kalmar
    kommunfullmäktige', 'Centerpartiets fullmäktigegrupp', 'Vänsterpartiet i Luleå genom' — one party and
    otherwise only words of that kind (a sentence such as 'Vänsterpartiet föreslår' is not one)."""
    s = text.strip().rstrip(":,.")
    if not s or len(s) > 70 or len(s.split()) > 9:
        return None
    tokens = re.findall(r"[^\s,:]+", s)
    folded = [fold(t) for t in tokens]
    found: set[str] = set()
    k = 0
    while k < len(tokens):
        hit = None
        for n in (3, 2, 1):  # 'miljöpartiet de gröna', 'folkpartiet liberalerna', 'vänsterpartiet'
            if k + n > len(tokens):
                continue
            words = " ".join(folded[k : k + n])
            code = parties().get(words) if n > 1 or len(words) > 3 else None
            if code is None and words.endswith("s") and (n > 1 or len(words) > 4):
                code = parties().get(words[:-1])  # 'Centerpartiets fullmäktigegrupp'
            if code:
                hit = (code, n)
                break
        if hit:
            found.add(hit[0])
            k += hit[1]
            continue
        w = folded[k]
        after_i = k > 0 and folded[k - 1] == "i"
        if w not in _CONTEXT_WORDS and not (after_i and tokens[k][:1].isupper()) and w != "-":
            return None
        k += 1
    return found.pop() if len(found) == 1 else None


def _split_roles(text: str, n: int) -> list[str]:
    """A row of roles under side-by-side signers: 'ordförande      förvaltningsdirektör', or with single
    spaces (OCR) 'Kommunstyrelsens ordförande Kommundirektör', cut after each role word."""
    parts = [p.strip() for p in re.split(r"\s{2,}", text.strip()) if p.strip()]
    if len(parts) == n:
        return parts
    out: list[str] = []
    cur: list[str] = []
    for w in text.split():
        cur.append(w)
        if role_re().fullmatch(fold(w).strip(".,")):
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


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
    party_ctx: str | None = None
    roles_above: list[str] = []  # 'Ordförande' / 'Lars Dahlin': roles printed above the names
    block_end = -1  # last line of the signature block read so far (signer, role or party line)
    i = start
    while i < stop:
        ln = lines[i]
        # signatures are short lines; a credit line ('Framtagen av A, role, och B, role') may run longer
        if not ln.content or len(ln.text) > (160 if signature_prefix_re().match(fold(ln.text)) else 80):
            i += 1
            continue
        if _in_running_text(lines, i, start, stop):
            i += 1
            continue
        ctx = party_context(ln.text)
        if ctx:
            party_ctx = ctx
            block_end = i
            i += 1
            continue
        nxt = next_content(lines, i + 1, stop)
        if is_role_line(ln.text) and nxt is not None and nxt - i <= 2 and _has_names(lines[nxt].text):
            roles_above = _split_roles(ln.text, len(_has_names(lines[nxt].text)))
            block_end = i
            i += 1
            continue
        joined = _split_name(lines, i, nxt)
        if joined:  # "Karin" / "Wikström": a signature name OCR broke over two lines
            ln = Ln(idx=ln.idx, no=ln.no, page=ln.page, text=joined, kind=ln.kind, block_start=ln.block_start)
            i = nxt
            nxt = next_content(lines, i + 1, stop)
        role_next = nxt is not None and nxt - i <= 3 and is_role_line(lines[nxt].text)
        prev = prev_content(lines, i - 1, start)
        after_signer = prev is not None and prev == block_end
        isolated = (i == 0 or lines[i - 1].kind != "text" or after_signer or is_signature_line(lines[i - 1].text)) and len(ln.text) <= 60
        if isolated and _near_end(lines, i, stop):
            fixed = _repaired_given_name(ln.text)
            if fixed != ln.text:
                ln = dataclasses.replace(ln, text=fixed)
        parsed = parse_line(ln.text, fuzzy=isolated or role_next)
        below = _line_below(lines, i, stop)  # may be a '(S)' that the noise filter set aside
        codes = _party_line(lines[below].text) if below is not None else None
        if codes is None and below is not None and below == nxt:
            ctx = party_context(lines[below].text)  # 'Anna Berg' / 'Socialdemokraterna i Kalmar'
            codes = [ctx] if ctx else None
        if codes and below is not None and lines[below].kind != "text":
            nxt = below
        if not parsed.authors and isolated and _near_end(lines, i, stop):
            in_block = bool(codes) or party_ctx is not None or after_signer
            parsed = _unknown_signer(ln.text, role_next, in_block)
        if not parsed.authors and role_next:
            parsed = _lowercased_surname(ln.text)
        if parsed.authors and parsed.residue <= 1 and not is_role_line(ln.text):
            if codes:  # "Anna Berg" / "Centerpartiet": the party written out on the line below the name
                _give_parties(parsed.authors, codes)
                i = nxt
                nxt = next_content(lines, i + 1, stop)
                role_next = nxt is not None and nxt - i <= 3 and is_role_line(lines[nxt].text)
            for a in parsed.authors:
                if a.party is None:
                    a.party = party_ctx
            if roles_above:
                _give_roles(parsed.authors, roles_above)
                roles_above = []
            elif role_next and nxt is not None:
                _give_roles(parsed.authors, _split_roles(lines[nxt].text, len(parsed.authors)), lines[nxt].text.strip())
                i = nxt
            found.extend(parsed.authors)
            block_end = i
        i += 1
    return _dedupe(found)


def _in_running_text(lines: list[Ln], i: int, start: int, stop: int) -> bool:
    """Is line i part of a paragraph that the scan wrapped over several lines?

    On a page image a sentence naming people is wrapped at the margin:
    "Per Ek (M), Carl-Johan af Klercker (M) och Birgitta Sjöö (M) har" /
    "i en motion föreslagit ...", or "... till förmån för" / "Karin Ströms
    yrkande."  Such a line holds names and little else, yet it is running
    text: the sentence goes on into the next line (which starts in lower
    case and is no role or party line), or comes from a long previous line
    of the same paragraph that has not ended.
    """
    text = lines[i].text.strip()
    if party_context(text):  # 'Vänsterpartiet i Kalmar' / 'genom Per Ek'
        return False
    if i + 1 < stop and lines[i + 1].kind == "text":
        nxt = lines[i + 1].text.strip()
        if nxt[:1].islower() and not is_role_line(nxt) and _party_line(nxt) is None and party_context(nxt) is None:
            return True
    if i - 1 >= start and lines[i - 1].kind == "text":
        prev = lines[i - 1].text.strip()
        if (len(prev) >= 40 and not prev.endswith((".", ":", "!", "?", ")")) and text[:1].isupper()
                and not is_signature_line(prev) and not is_role_line(prev) and not is_place_date(prev)
                and party_context(prev) is None):
            return True
    return False


def _line_below(lines: list[Ln], i: int, stop: int) -> int | None:
    """The next non-blank line within two lines (text, or noise such as a lone '(S)')."""
    for j in range(i + 1, min(i + 3, stop)):
        if lines[j].kind in ("text", "noise"):
            return j
    return None


def _has_names(text: str) -> list[str]:
    """The names on a line that is only names (known, or name-shaped)."""
    p = parse_line(text, fuzzy=True)
    if p.authors and p.residue == 0:
        return [a.name for a in p.authors]
    return shaped_names(text) or []


def _give_roles(authors: list[Author], roles: list[str], whole: str | None = None) -> None:
    """One role per side-by-side signer, else the whole role line to the last signer."""
    if len(authors) > 1 and len(roles) == len(authors):
        for a, r in zip(authors, roles):
            a.role = a.role or r
    elif authors and authors[-1].role is None:
        authors[-1].role = whole if whole is not None else " ".join(roles)


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


def _unknown_signer(text: str, role_next: bool, in_block: bool = False) -> _Parsed:
    """A name-shaped line at the end of a document, next to a role or with a party code, is a signer
    even when OCR has misread the name beyond what the name lists recognise, or the given name is one
    the lists lack ('Heikki Niemi', 'Dragan Petrović').  ``in_block``: the line is inside a signature
    block (right under another signer, under 'För <parti>', or above the signer's party line)."""
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
    if not (party or role or role_next or in_block):
        return parsed
    names = shaped_names(shaped) or [shaped]
    return _Parsed([Author(name=n, party=party, role=role) for n in names], 0)


_FIRST_WORD = re.compile(rf"^([{_UP}{_LO}]{{2,}})(?=\s+[{_UP}])")


def _repaired_given_name(text: str) -> str:
    """The given name opening a signer line at the end of a document, with the I/l confusion of OCR undone
    (capital I and L, small i and l are nearly the same stroke): 'ingrid Lind' -> 'Ingrid Lind' (first
    letter read in lower case), 'UIf Björk' -> 'Ulf Björk' (a small l inside read as a capital I).  Only a
    word that becomes a known given name, before a capitalised word, is changed."""
    m = _FIRST_WORD.match(text)
    if not m or m.group(1) in first_names():
        return text
    word = m.group(1)
    for fixed in (word.capitalize(), word[0] + word[1:].replace("I", "l")):
        if fixed in first_names() and not is_council_word(fold(word)):
            return fixed + text[m.end() :]
    return text


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
