"""The document tree that every stage reads and returns (after htrflow).

A ``FileResult`` is one input file: its ``Source``, its ``Page`` list and the
``Document`` list found by segmentation.  Stages never overwrite raw data:
``Page.raw_text`` is what the engine or text layer gave, ``Page.text`` the
current best reading, and every difference between them is a ``Correction``
with provenance.  ``to_dict`` gives the JSON shape described by
``pipeline/schema/kommunarkiv.schema.json``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any, Literal

SCHEMA_VERSION = "1.0.0"

SourceKind = Literal["image", "pdf", "text"]
PageOrigin = Literal["ocr", "pdf-text", "text"]
BBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the OCR'd image


@dataclass
class Word:
    text: str
    bbox: BBox
    confidence: float  # 0..100 as Tesseract reports it
    block: int
    paragraph: int
    line: int  # index into Page.lines


@dataclass
class Line:
    text: str
    bbox: BBox | None
    block: int
    paragraph: int
    word_count: int
    mean_confidence: float | None


@dataclass
class Step:
    """One preprocessing operation and the parameters it measured or used."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Engine:
    name: str  # "tesseract", "pdfplumber", "text"
    version: str
    language: str | None = None


@dataclass
class Correction:
    """One change (or, with ``applied=False``, a suggestion) to a page's text.

    ``start``/``end`` are character offsets into the *raw* line (``line`` is
    0-based within the page), so an archivist can locate and undo the change.
    """

    page: int
    line: int
    start: int
    end: int
    original: str
    correction: str
    method: str  # confusion, edit, compound, context, diacritics, fuzzy, place, council, case, party, split, merge, symbol; "a+b": several in one span
    score: float
    applied: bool = True
    rule: str | None = None


@dataclass
class Page:
    number: int  # 1-based
    origin: PageOrigin
    raw_text: str
    text: str
    engine: Engine
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    width: int | None = None
    height: int | None = None
    dpi: int | None = None
    mean_confidence: float | None = None
    preprocessing: list[Step] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    suggestions: list[Correction] = field(default_factory=list)
    seconds: float | None = None


@dataclass
class Source:
    path: str
    name: str
    sha256: str
    kind: SourceKind
    page_count: int
    size_bytes: int
    encoding: str | None = None  # text inputs only
    mime: str | None = None


@dataclass
class Author:
    name: str
    party: str | None = None
    role: str | None = None


@dataclass
class Section:
    heading: str | None
    text: str
    page: int


@dataclass
class Proposal:
    number: int
    text: str
    page: int
    line_start: int  # 1-based line numbers within the whole file's text
    line_end: int
    quotes: int | None = None  # in a reply: number of the motion proposal quoted
    similarity: float | None = None


@dataclass
class Diarienummer:
    printed: str
    normalized: str


@dataclass
class DecisionProposal:
    text: str
    outcome: Literal["bifall", "avslag", "besvarad", "other"]


@dataclass
class RespondsTo:
    title: str
    document: int | None = None  # index in this file's documents
    file: str | None = None  # another file of the batch, when linked there
    similarity: float | None = None


@dataclass
class Document:
    type: Literal["motion", "yttrande", "protokollsutdrag", "bilaga", "other"]
    title: str | None
    page_range: tuple[int, int]
    line_range: tuple[int, int]
    subtitle: str | None = None
    municipality: str | None = None
    date: str | None = None
    diarienummer: Diarienummer | None = None
    addressed_to: str | None = None
    authors: list[Author] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    body: str = ""
    proposals: list[Proposal] = field(default_factory=list)
    decision_proposal: DecisionProposal | None = None
    responds_to: RespondsTo | None = None
    quoted_proposals: list[Proposal] = field(default_factory=list)


@dataclass
class FileResult:
    source: Source
    pages: list[Page]
    documents: list[Document] = field(default_factory=list)
    pipeline: dict[str, Any] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; key order is fixed so output is byte-stable."""
        d = plain(self)
        return {
            "schema_version": d["schema_version"],
            "source": d["source"],
            "pipeline": d["pipeline"],
            "pages": d["pages"],
            "documents": d["documents"],
        }

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(obj: Any) -> Any:
    """``dataclasses.asdict`` without its deep copy of every leaf value.

    Written by hand because ``asdict`` calls ``copy.deepcopy`` on each of
    the thousands of strings and numbers of a page's words (~20 ms per
    page); immutable leaves need no copy.  Same result: dataclasses become
    dicts in field order, lists and tuples keep their type, anything else
    is deep-copied as ``asdict`` does.
    """
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: plain(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
        return tuple(plain(v) for v in obj)
    if isinstance(obj, dict):
        return {plain(k): plain(v) for k, v in obj.items()}
    return copy.deepcopy(obj)
