"""The file as a list of numbered lines, with noise, logos and page breaks marked.

Segmentation works line by line because council documents are laid out in
lines: headings, signatures and att-satser each start a line.  Line numbers are
1-based over ``"\\n".join(page.text for page in pages)`` (what
``FileResult.text`` gives), so a proposal's ``line_start`` can be found again
in the exported text.

A *block start* is the first line of a page, or a line after two or more blank
lines: OCR text exported without form feeds often marks a page break only with a
run of blank lines, so both count as places where a new document may begin.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Page
from .vocab import fold, municipality_index

SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Ln:
    idx: int  # 0-based index into the file's line list
    no: int  # 1-based line number in the file's text
    page: int  # Page.number
    text: str  # stripped text
    kind: str = "text"  # text | blank | noise | logo
    block_start: bool = False
    page_start: bool = False

    @property
    def content(self) -> bool:
        return self.kind == "text"

    @property
    def folded(self) -> str:
        return fold(self.text)


_LETTER = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]{2,}")
_PAGE_NO = re.compile(r"^(sida\s*)?\d{1,3}\s*(\(\s*\d{1,3}\s*\)|/\s*\d{1,3}|av\s+\d{1,3})?$", re.I)


def is_noise(text: str) -> bool:
    """Scribbles, stamps and specks that OCR turns into short non-words ("3]", "e brr b").

    Kept deliberately conservative: a short real line (a heading, "Bakgrund",
    "S") is more valuable than a removed speck is harmful.
    """
    s = text.strip()
    if not s:
        return False
    if _PAGE_NO.match(s):
        return True  # page numbers: "2", "Sida 2 av 3", "2 (4)"
    if re.search(r"§\s*\d", s):
        return False  # "RS § 288": a protocol item's number, short tokens and all
    non_space = [c for c in s if not c.isspace()]
    letters = sum(bool(_LETTER.match(c)) for c in non_space)
    digits = sum(c.isdigit() for c in non_space)
    if letters + digits < 0.6 * len(non_space):
        return True
    tokens = s.split()
    words = _WORD.findall(s)
    if not words:
        return len(s) < 4 or digits < 0.5 * len(non_space)
    if len(s) <= 3 and not s.isdigit():
        return True
    if len(tokens) >= 3 and sum(len(t) for t in tokens) / len(tokens) < 2.2:
        return True
    longest = max(len(w) for w in words)
    return longest <= 2 and len(tokens) <= 3 and digits == 0


def _name_and_kommun(text: str) -> tuple[str, str] | None:
    tokens = [t for t in fold(text).split() if re.search(r"[a-z]", t)]
    if not 2 <= len(tokens) <= 3:
        return None
    word = re.sub(r"[^a-z]", "", tokens[-1])
    if not (4 <= len(word) <= 8) or (fuzz.ratio(word, "kommun") < 70 and word != "stad"):
        return None
    return " ".join(tokens[:-1]).strip(".,;:"), word


_FUNCTION_WORDS = {"ett", "en", "i", "och", "att", "om", "till", "av", "för", "med", "på", "den", "det", "de", "som", "samt", "eller", "vid", "inom", "från", "under", "mellan", "efter"}


def unfinished(text: str) -> bool:
    """A line ending in a word that cannot end a Swedish sentence ('ett', 'och', 'till')."""
    words = text.rstrip().split()
    return bool(words) and words[-1].lower() in _FUNCTION_WORDS


def looks_like_logo(text: str) -> bool:
    """'Tyresö kommun' as a letterhead or logo line, OCR-damaged or not."""
    return _name_and_kommun(text) is not None


def logo_municipality(text: str) -> str | None:
    """'Tyresö kommun', 'UMEÅ KOMMUN', 'Stockholms stad' -> canonical municipality name."""
    found = _name_and_kommun(text)
    if not found:
        return None
    name = found[0]
    if found[1] == "stad" and name.endswith("s"):
        name = name[:-1]
    best, score = None, 0.0
    for folded, canonical in municipality_index().items():
        if abs(len(folded) - len(name)) > 2:
            continue
        r = fuzz.ratio(name, folded)
        if r > score:
            best, score = canonical, r
    return best if score >= 78 else None


def build(pages: list[Page]) -> list[Ln]:
    out: list[Ln] = []
    no = 0
    for page in pages:
        text = page.text if page.text.strip() else page.raw_text
        first = True
        for raw in text.split("\n"):
            no += 1
            ln = Ln(idx=len(out), no=no, page=page.number, text=raw.strip())
            if not ln.text:
                ln.kind = "blank"
            elif is_noise(ln.text):
                ln.kind = "noise"
            if first and ln.kind == "text":  # a speck above the first line does not take the page start
                ln.page_start = ln.block_start = True
                first = False
            out.append(ln)
    _mark_blocks(out)
    _mark_logos(out)
    return out


def _mark_blocks(lines: list[Ln]) -> None:
    blanks = 0
    for ln in lines:
        if ln.kind in ("blank", "noise"):
            blanks += ln.kind == "blank"
            continue
        if blanks >= 2:
            ln.block_start = True
        blanks = 0


def _mark_logos(lines: list[Ln]) -> None:
    """Repeated page furniture: an isolated 'X kommun' logo line, or a short line repeated on 3+ pages/blocks.

    The first logo of a document is kept as text by the field parser (it names the
    municipality); here it is only marked so that body text does not contain it.
    """
    counts = Counter(fold(l.text) for l in lines if l.kind == "text" and len(l.text) <= 40)
    for i, ln in enumerate(lines):
        if ln.kind != "text" or len(ln.text) > 40:
            continue
        prev_blank = i == 0 or lines[i - 1].kind != "text" or ln.page_start  # a page break is a gap too
        next_blank = i + 1 >= len(lines) or lines[i + 1].kind != "text" or lines[i + 1].page_start
        wrapped = not prev_blank and unfinished(lines[i - 1].text)  # "Bredbandsplan för" / "Kiruna kommun 2005"
        if (prev_blank or next_blank) and not wrapped and looks_like_logo(ln.text):
            ln.kind = "logo"
        elif counts[fold(ln.text)] >= 3 and prev_blank and next_blank:
            ln.kind = "logo"  # a running header or footer repeated on every page


def next_content(lines: list[Ln], i: int, stop: int | None = None) -> int | None:
    """Index of the first content line at or after i (skipping blanks, noise, logos)."""
    stop = len(lines) if stop is None else stop
    while i < stop:
        if lines[i].content:
            return i
        i += 1
    return None


def prev_content(lines: list[Ln], i: int, start: int = 0) -> int | None:
    while i >= start:
        if lines[i].content:
            return i
        i -= 1
    return None


_SUSPENDED = {"och", "eller", "samt", "respektive", "resp", "till"}


def join(parts: list[str]) -> str:
    """Join lines into one paragraph, undoing end-of-line hyphenation.

    'kommun-' + 'förbund' -> 'kommunförbund', but 'miljö-' + 'och hälsa' keeps the
    hyphen (a suspended compound), and '2005-12-' + '07' joins without a space.
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        if out.endswith("-") and len(out) >= 2 and out[-2].isalpha():
            first = part.split()[0].lower().strip(",.")
            if first in _SUSPENDED or part[0].isupper():
                out = out + " " + part
            else:
                out = out[:-1] + part
        elif out.endswith("-") and len(out) >= 2 and out[-2].isdigit() and part[0].isdigit():
            out = out + part
        else:
            out = out + " " + part
    return re.sub(r"\s+", " ", out).strip()


def continues(prev_text: str, next_text: str) -> bool:
    """Does ``next_text`` continue the sentence of ``prev_text`` across a blank line or page break?"""
    if not prev_text or not next_text:
        return False
    if prev_text.endswith(SENTENCE_END):
        return False
    first = next_text[0]
    # "... planeras mellan" / "Södertörnskommunerna ...": a sentence cannot end on a function word,
    # so a capital after one is a name, not a new sentence
    return first.islower() or first.isdigit() or prev_text.endswith(("-", ",")) or unfinished(prev_text)


def paragraphs(lines: list[Ln], start: int, stop: int) -> list[tuple[int, int, str]]:
    """Content lines start..stop-1 as paragraphs (first idx, last idx, text).

    A blank line ends a paragraph unless the next line continues the sentence
    (OCR often inserts blank lines mid-sentence and at page breaks).
    """
    paras: list[tuple[int, int, str]] = []
    cur: list[Ln] = []
    gap = False
    for ln in lines[start:stop]:
        if ln.kind == "blank":
            gap = True
            continue
        if not ln.content:
            continue
        if cur and gap and not continues(cur[-1].text, ln.text):
            paras.append((cur[0].idx, cur[-1].idx, join([c.text for c in cur])))
            cur = []
        cur.append(ln)
        gap = False
    if cur:
        paras.append((cur[0].idx, cur[-1].idx, join([c.text for c in cur])))
    return paras
