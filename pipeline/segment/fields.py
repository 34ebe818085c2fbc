"""Header fields of one document: title, subtitle, municipality, date, diarienummer, addressee."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date as _date

from rapidfuzz import fuzz

from ..model import Diarienummer
from . import headings
from .authors import YEAR_READ, is_place_date, is_signature_line
from .documents import Span, marker, restore_motion, restore_reply_opening
from .lines import Ln, continues, join, logo_municipality, looks_like_logo
from .nlp import entities
from .vocab import fold, leadin_re, mfold, months, municipality_index

HEADER_LINES = 25  # content lines at the top of a document searched for letterhead fields


def header(lines: list[Ln], span: Span, limit: int = HEADER_LINES) -> list[Ln]:
    out = []
    for ln in lines[span.start : span.stop]:
        if ln.kind in ("text", "logo"):
            out.append(ln)
            if len(out) >= limit:
                break
    return out


# ---------------------------------------------------------------- title

_PREFIX = re.compile(r"^[\s\\|>•*'\"‘’“”-]+")


_TRAILING_FIELD = re.compile(r"\s+(dnr|diarienr|diarienummer|datum)\b.*$|\s+(19|20)\d\d-\d\d-\d\d\s*$", re.I)


_LABEL = re.compile(r"^(ärende|arende|rubrik|ämne|amne|beträffande)\s*:\s*", re.I)  # 'Ärende: Svar på motion om X'


def _clean_title(text: str) -> str:
    """Strip bullets/specks before the title, a '§ 12' item number, and a letterhead field that OCR
    read onto the same line from the right-hand column ('... anläggningar Dnr KS 2019/784')."""
    text = _PREFIX.sub("", text)
    text = _LABEL.sub("", text)
    text = _TRAILING_FIELD.sub("", text)
    text = re.sub(r"^(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}\s*)?§\s*\d+[a-z]?\s*(?:[-–:.]\s+)?", "", text)  # '§ 12', 'KF § 45', 'Ks § 112 –'
    return re.sub(r"\s+", " ", text).strip(" .")


def title(lines: list[Ln], span: Span, doc_type: str) -> tuple[str | None, str | None, int, int]:
    """(title, subtitle, first line idx, last line idx) — idx -1 when there is no title."""
    head = [l for l in header(lines, span) if l.kind == "text"]
    # a title never ends with a comma: "Tjänsteskrivelse, teknikförvaltningen, 2017-10-16" is a list item
    cands = [l for l in head if (m := marker(l.text)) and m[1] == "title" and not l.text.rstrip().endswith(",")]
    # "Motion till kommunfullmäktige i X" is an address line when a real title follows
    after_address = head
    if cands and _address_line(lines, cands[0], span.stop):
        end = cands[0].idx if addressee(cands[0].text) else (_next_content(lines, cands[0].idx + 1, span.stop) or cands[0].idx)
        after_address = [l for l in head if l.idx > end]
        cands = cands[1:]
    start: Ln | None = None
    if doc_type == "protokollsutdrag":  # a protocol item is titled by position: the line of or under its §
        start = _item_heading(after_address)
    if start is None and cands:
        start = cands[0]
    if start is None:
        start = _first_title_like(lines, after_address)
    if start is None:
        return None, None, -1, -1
    parts = [start.text]
    last = start.idx
    j = start.idx + 1
    gap = 0
    while j < span.stop and len(parts) < 4:
        ln = lines[j]
        if ln.kind == "blank":
            gap += 1
            j += 1
            continue
        if not ln.content:
            j += 1
            continue
        adjacent = gap == 0 and ln.page == lines[last].page  # a title does not run on over a page break
        if (adjacent or continues(parts[-1], ln.text) and not _opens_paragraph(lines, j, span.stop)) and _title_continuation(ln.text):
            parts.append(ln.text)
            last = ln.idx
            gap = 0
            j += 1
            continue
        break
    text = restore_motion(restore_reply_opening(_clean_title(join(parts))))  # opening words OCR misread
    subtitle = None
    if doc_type in ("bilaga", "other"):
        n = _next_content(lines, last + 1, span.stop)
        if n is not None and _title_like(lines[n].text) and not headings.numbered(lines[n].text):
            subtitle = _clean_title(lines[n].text)
            last = n
    return text, subtitle, start.idx, last


_ITEM = re.compile(r"^(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}\s*)?§\s*\d+[a-z]?\b\s*(?:[-–:.]\s*)?(.*)$")

# 'RS 5288', 'KS $ 12': an organ's item number alone on its line with the '§' read as 5, 8, S or $ (a
# degraded scan breaks the paragraph sign into the nearest glyph, often without the space after it);
# the empty group stands for _ITEM's text after the number, which such a line never has
_MISREAD_ITEM = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖa-z]{0,3}\s+(?:[$S]\s*\d{1,4}|[58]\s+\d{1,3}|[58]\d{1,4})()$")

# 'pnr BUN 2005.0C45': a case number whose label and digits OCR misread so that the dnr reader does not know
# it, still shaped like one (a short label, an organ code in capitals, a year and a serial number)
_DNR_SHAPED = re.compile(r"^\S{2,4}\s+[A-ZÅÄÖ]{2,5}\s*" + YEAR_READ + r"[./:-]\S+$")


def _item_heading(head: list[Ln]) -> Ln | None:
    """A protocol item's heading: printed after its '§ 187' or on the line under it.

    Position, not shape, identifies it, so it may be long ("Motion från
    Therese Lundqvist (V) om skuggande träd och ...", 95 characters) where
    the generic title test wants a short line.  A dnr or date printed
    between the § line and the heading is skipped.
    """
    for k, ln in enumerate(head):
        m = _ITEM.match(ln.text.strip()) or _MISREAD_ITEM.match(ln.text.strip())
        if not m:
            continue
        rest = m.group(1).strip()
        if rest and _DATE_ONLY.match(rest):
            continue  # "AU § 261 2017-11-06": an earlier handling of the matter, not this item's number
        if rest and not _dnr_in(rest) and not re.match(r"(dnr|diarie)", mfold(rest)) and not _DNR_SHAPED.match(rest):
            return ln
        for nxt in head[k + 1:k + 4]:
            s = nxt.text.strip()
            if _dnr_in(s) or _DATE_ONLY.match(s) or re.match(r"(dnr|diarie|arendenummer|datum)\b", mfold(s)) or _DNR_SHAPED.match(s):
                continue
            if headings.known(s) or is_signature_line(s) or s.endswith((".", ":")):
                return None
            return nxt
        return None
    return None


def _address_line(lines: list[Ln], ln: Ln, stop: int) -> bool:
    """'Motion till (Haninge) kommunfullmäktige', possibly broken over two lines by OCR."""
    if not re.match(r"^motion\s+till\b", mfold(ln.text)):
        return False
    if addressee(ln.text):
        return True
    n = _next_content(lines, ln.idx + 1, stop)
    return n is not None and n - ln.idx <= 2 and addressee(ln.text + " " + lines[n].text) is not None


def _next_content(lines: list[Ln], i: int, stop: int) -> int | None:
    while i < stop:
        if lines[i].content:
            return i
        i += 1
    return None


def _opens_paragraph(lines: list[Ln], j: int, stop: int) -> bool:
    """A full-width line with another full-width line right under it is the first line of a body
    paragraph: across a blank line it does not continue the title, even when it starts in lower case
    (a paragraph opening 'I dag ...' that OCR read as 'i dag ...')."""
    nxt = lines[j + 1] if j + 1 < stop else None
    return len(lines[j].text) >= 45 and nxt is not None and nxt.content and len(nxt.text) >= 45


def _title_continuation(text: str) -> bool:
    s = text.strip()
    if len(s) > 90 or headings.known(s) or headings.numbered(s) or marker(s) or is_signature_line(s) or _DATE_ONLY.match(s):
        return False
    if s.endswith(":") or leadin_re().search(mfold(s)):
        return False  # "Vi yrkar:" / "Partiet föreslår" opens the body: OCR dropped the blank line before it
    if re.match(r"^till\b", mfold(s)) and addressee(s):
        return False  # "Till kommunfullmäktige" under the title: the recipient, with the blank line lost
    if parse_date(s):
        return False  # "Motion den 14 september 2020 av Karin Sjöholm m.fl. (L)": a subtitle naming the motion's date
    if _DNR_LABEL.match(mfold(s)) or _dnr_in(s):
        return False  # "Ärendenummer: KS 2023/00412" under the title: a letterhead field, with the blank line lost
    return not (s[0].isupper() and len(s) > 60)


def _title_like(text: str) -> bool:
    s = text.strip()
    if not (3 <= len(s) <= 80) or len(s.split()) > 10 or not s[0].isupper():
        return False
    if s.endswith((".", ",", ";", ":")) or headings.known(s) or is_signature_line(s) or looks_like_logo(s):
        return False
    if _DATE_ONLY.match(s) or _dnr_in(s) or addressee(s) or re.search(r"\b\d{2,4}-\d{1,2}-\d{1,2}\b", s):
        return False
    return sum(c.isalpha() for c in s) >= 0.6 * len(s.replace(" ", ""))


def _first_title_like(lines: list[Ln], head: list[Ln]) -> Ln | None:
    for k, ln in enumerate(head):
        if marker(ln.text) and marker(ln.text)[1] == "strong" and not re.match(r"^bilaga\b", mfold(ln.text)):
            nxt = head[k + 1] if k + 1 < len(head) else None
            if nxt is not None and nxt.idx == ln.idx + 1 and _ABOUT_START.match(nxt.text):
                return ln  # "Motion" / "om fler parker i Kalmar": the title broken after its first word
            continue  # "YTTRANDE" alone is the document type, not its title
        if re.match(r"^(bilaga|sida)\s*\d*\s*$", mfold(ln.text)):
            continue
        if _title_like(ln.text) and not _LETTERHEAD.search(mfold(ln.text)):
            return ln
    return None


_ABOUT_START = re.compile(r"^(om|angående|rörande|gällande|avseende|beträffande|över|på|från|av)\s+\S")
_LETTERHEAD = re.compile(r"(kontor(et)?|forvaltning(en)?|stab(en)?|kansli(et)?|enhet(en)?|avdelning(en)?)\b|\bsekretariat")


# ---------------------------------------------------------------- addressee

_ORGAN = re.compile(
    r"^(?:(?:motion\s+)?till\s+(?:[a-z\-]+\s+(?=kommunfullmaktige|kommunstyrelsen))?)?(?:ledamoterna\s+i\s+)?(kommunfullmaktige|kommunstyrelsen|kommunstyrelsens\s+\w+|(?:[a-z]+-\s+och\s+)?[a-z\-]+namnden|[a-z\-]+\s+namnd(?:en)?|[a-z]+utskott(?:et)?|regionfullmaktige)\b(.*)$"
)


# "Kommun fullmäktige", "kommunfull mäktige": Tesseract splits the long compound at a letter gap of a wide font
_SPLIT_ORGAN = re.compile(r"\b((?:kommun|region)\w*)\s+(\w*(?:mäktige|styrelsen))\b", re.I)
_ORGANS = frozenset({"kommunfullmaktige", "kommunstyrelsen", "regionfullmaktige", "regionstyrelsen"})


def _join_organ(m: re.Match[str]) -> str:
    """'Kommun fullmäktige', 'kommunfull mäktige': the organ's name with a space OCR put inside it, joined."""
    if fold(m.group(1) + m.group(2)) not in _ORGANS:
        return m.group(0)
    return m.group(1) + (m.group(2).lower() if m.group(1)[1:].islower() else m.group(2))


def addressee(text: str) -> str | None:
    """'Kommunstyrelsen', 'Till kommunfullmäktige i Växjö kommun' -> 'Kommunstyrelsen' / 'Kommunfullmäktige'."""
    text = _SPLIT_ORGAN.sub(_join_organ, text)
    s = mfold(text).strip(" :.")
    m = _ORGAN.match(s)
    if not m:
        return None
    rest = m.group(2).strip()
    if rest and not re.match(r"^(i\s+\S+(\s+kommun)?|\S+\s+kommun)$", rest):
        return None
    start = fold(text).find(m.group(1).split()[0])
    printed = text.strip()[start : start + len(m.group(1))] if start >= 0 else m.group(1)
    printed = printed or m.group(1)
    return printed[0].upper() + printed[1:]


def _under_letterhead(lines: list[Ln], ln: Ln) -> bool:
    """'Uppsala kommun' / 'Gatu- och samhällsmiljönämnden': a body right under the municipality's name is the
    letterhead of the issuer, not the recipient."""
    if ln.idx == 0 or fold(addressee(ln.text) or "") == "kommunfullmaktige":
        return False  # fullmäktige issues no replies: under the name it is a motion's recipient
    prev = lines[ln.idx - 1]
    return prev.kind in ("text", "logo") and bool(logo_municipality(prev.text) or looks_like_logo(prev.text))


def addressed_to(lines: list[Ln], span: Span, title_idx: int) -> str | None:
    head = header(lines, span)
    for k, l in enumerate(head):
        if re.match(r"^(motion\s+)?till\b", mfold(l.text)):
            # the recipient line, whole or broken by OCR after "till" ("Motion till" / "Haninge kommunfullmäktige")
            joined = l.text + " " + head[k + 1].text if k + 1 < len(head) else l.text
            found = addressee(l.text) or addressee(joined)
            if found:
                return found
    before = [l for l in head if (title_idx < 0 or l.idx < title_idx) and addressee(l.text) and not _under_letterhead(lines, l)]
    if before:
        return addressee(before[-1].text)
    return None


# ---------------------------------------------------------------- municipality

_KOMMUN_MENTION = re.compile(r"([A-ZÅÄÖa-zåäöé][\wåäöéÅÄÖ\-]{2,}(?:\s[A-ZÅÄÖ][\wåäö]+)?)\s+(?:kommun|stad)\b", re.I)
_KF_I = re.compile(r"kommunfullmaktige\s+i\s+([a-z\-]+(?:\s[a-z]+)?)")


def _lookup(name: str, cutoff: float = 85) -> str | None:
    f = fold(name).strip(" .,")
    index = municipality_index()
    if f in index:
        return index[f]
    if f.endswith("s") and f[:-1] in index:
        return index[f[:-1]]
    best, score = None, 0.0
    for folded, canonical in index.items():
        if abs(len(folded) - len(f)) <= 1 and folded[:1] == f[:1]:
            r = fuzz.ratio(f, folded)
            if r > score:
                best, score = canonical, r
    return best if score >= cutoff else None


def municipality(lines: list[Ln], span: Span) -> str | None:
    votes: Counter[str] = Counter()
    for k, ln in enumerate(header(lines, span, 12)):
        found = logo_municipality(ln.text)
        if found:
            votes[found] += 3
    for ln in lines[span.start : span.stop]:
        if ln.kind not in ("text", "logo"):
            continue
        for m in _KOMMUN_MENTION.finditer(ln.text):
            words = m.group(1).split()
            for cand in (m.group(1), words[-1]):
                found = _lookup(cand)
                if found:
                    votes[found] += 1
                    break
        m = _KF_I.search(mfold(ln.text))
        if m:
            found = _lookup(m.group(1)) or _lookup(m.group(1).split()[0])
            if found:
                votes[found] += 2
        if is_place_date(ln.text):
            found = _lookup(ln.text.split()[0].strip(","))
            if found:
                votes[found] += 2
    return votes.most_common(1)[0][0] if votes else None


# ---------------------------------------------------------------- date

_DATE_ONLY = re.compile(r"^(datum:?\s*)?((19|20)\d\d-\d\d-\d\d|\d{1,2}\s+[a-zåäö]+\s+(19|20)\d\d)$", re.I)
_STAMP = re.compile(r"\b(ink|inkom|inkommen|inkommit|ankom|mottagen|mottaget|registrerad|reg)\b")


def parse_date(text: str) -> str | None:
    s = fold(text)
    m = re.search(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", s)
    if m:
        y, mo, d = map(int, m.groups())
    elif m := re.search(r"\b(\d{1,2})\s+([a-z]+)\.?\s+((?:19|20)\d\d)\b", s):
        if m.group(2) not in months():
            return None
        d, mo, y = int(m.group(1)), months()[m.group(2)], int(m.group(3))
    elif m := re.search(r"\b(\d{1,2})/(\d{1,2})\s*((?:19|20)\d\d)\b", s):
        d, mo, y = map(int, m.groups())
    elif m := re.search(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b", s):
        d, mo, y = map(int, m.groups())
    else:
        return None
    try:
        return _date(y, mo, d).isoformat()
    except ValueError:
        return None


def doc_date(lines: list[Ln], span: Span, title_idx: int) -> str | None:
    """Signing date ('Umeå den 14 mars 2011') first, then a letterhead date that is not an arrival stamp."""
    for ln in lines[span.start : span.stop]:
        if ln.content and is_place_date(ln.text):
            d = parse_date(ln.text)
            if d:
                return d
    for ln in header(lines, span):
        if title_idx >= 0 and ln.idx > title_idx + 2:
            break
        if _STAMP.search(fold(ln.text)):
            continue
        for label, text, _, _ in entities(ln.text):
            if label == "DATE":
                d = parse_date(text)
                if d:
                    return d
    return None


# ---------------------------------------------------------------- diarienummer

_DNR_LABEL = re.compile(r"^(dnr|diarienr|diarienummer|diarie\s*nr|arendenummer|arendenr|var beteckning)\b[.:]?\s*", re.I)
_ORGAN_CONFUSIONS = [("|<", "K"), ("1<", "K"), ("l<", "K"), ("I<", "K"), ("$", "S"), ("5", "S"), ("0", "O"), ("8", "B")]


def _dnr_in(text: str) -> str | None:
    for label, value, _, _ in entities(text):
        if label == "DNR":
            return value
    return None


def normalize_dnr(printed: str) -> str:
    """'Dnr ks 2011/145' -> 'KS 2011/145'; 'KS/2016:412' -> 'KS 2016/412'; OCR '|<S' in the organ code -> 'KS'."""
    s = _DNR_LABEL.sub("", printed.strip())
    s = re.sub(r"\s+", " ", s).strip(" .,;").upper()
    m = re.match(r"^((?:19|20)\d\d)\s*/\s*(\S{1,6})\s+(\d.*)$", s)
    if m and not m.group(2).isalpha():
        organ = m.group(2)
        for bad, good in _ORGAN_CONFUSIONS:
            organ = organ.replace(bad, good)
        if organ.isalpha():
            s = f"{m.group(1)}/{organ} {m.group(3)}"
    m = re.match(r"^([A-ZÅÄÖ]{1,6})\s*/\s*((?:19|20)\d\d)\s*:\s*(\d+)$", s)
    if m:
        s = f"{m.group(1)} {m.group(2)}/{m.group(3)}"
    s = re.sub(r"^((?:19|20)\d\d)\s*/\s*", r"\1/", s)
    return s


def diarienummer(lines: list[Ln], span: Span) -> Diarienummer | None:
    head = header(lines, span, 40)
    for k, ln in enumerate(head):
        item = re.match(r"^(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}\s*)?§\s*\d+\s+(?=(?:dnr|diarienr|diarienummer)\b)", ln.text, re.I)
        if item:  # '§ 45      Dnr KS 2015/12': the item number and the dnr on one line
            ln = Ln(idx=ln.idx, no=ln.no, page=ln.page, text=ln.text[item.end() :], kind=ln.kind)
        folded = mfold(ln.text)
        label = _DNR_LABEL.match(folded) or (len(folded.split()) == 1 and fuzz.ratio(folded, "diarienummer") >= 80)
        if label:
            rest = ln.text[len(label.group(0)) :] if hasattr(label, "group") else ""
            value = rest.strip() or (head[k + 1].text if k + 1 < len(head) else "")
            value = value.strip()
            if value and re.search(r"\d", value) and len(value) <= 30:
                return Diarienummer(printed=value, normalized=normalize_dnr(value))
        found = _dnr_in(ln.text)
        if found and not ln.text.strip().lower().startswith(("den ", "§")):
            return Diarienummer(printed=found, normalized=normalize_dnr(found))
    return None
