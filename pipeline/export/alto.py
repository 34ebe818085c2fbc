"""ALTO 4.4 export: the OCR layout (pages, blocks, lines, words with boxes).

Why ALTO: it is what library and archive viewers (and METS packages for
Riksarkivet-style e-archives) read to highlight search hits on a scan, so the
archivist gets the *corrected* text positioned on the original image.

One ALTO file per input file, one ``<Page>`` per page: ``Layout`` allows any
number of ``Page`` elements (``maxOccurs="unbounded"`` in the 4.4 XSD), so a
multi-page PDF stays one file, in step with the JSON output.

Mapping (model -> ALTO):

* ``Source.name`` / ``sha256`` -> ``Description/sourceImageInformation``
  (``fileName``, ``fileIdentifier fileIdentifierLocation="sha256"``).
* ``Page.engine`` and ``Page.preprocessing`` -> ``Description/Processing``
  elements, referenced from each ``Page`` by ``PROCESSINGREFS``.  ALTO 4
  deprecates ``OCRProcessing`` (pre/ocr/postProcessingStep) in favour of the
  generic ``Processing`` (a ``processingStepType`` with an ID), so that is
  what we write: ``preOperation`` = the OpenCV clean-up steps, one
  ``processingStepDescription`` each; ``contentGeneration`` = Tesseract (or
  the PDF text layer / supplied text) with name and version;
  ``contentModification`` = our correction stage when it changed the page.
  Identical steps on several pages share one element.
* ``Page`` -> ``Page`` (``PHYSICAL_IMG_NR`` = page number, ``WIDTH``/``HEIGHT``
  = the OCR'd image, ``PC`` = mean word confidence / 100, ``LANG``), with a
  full-page ``PrintSpace``.  A failed page is kept as an empty ``Page`` with
  ``QUALITY="Missing"`` and the error in ``QUALITY_DETAIL`` so page numbers
  never shift.  Coordinates are those of the OCR'd image (after rescaling and
  deskewing, as ``Word.bbox``); ``WIDTH``/``HEIGHT`` give that image's size, so a
  viewer can scale them to the scan as ALTO's ``MeasurementUnit`` note describes.
* Tesseract block -> ``TextBlock``; ``Page.lines`` -> ``TextLine``;
  ``Page.words`` -> ``String`` (``HPOS``/``VPOS``/``WIDTH``/``HEIGHT`` from the
  box, ``WC`` = confidence / 100); ``SP`` between words.
* Corrections: ``CONTENT`` is the corrected reading, the raw OCR reading is
  kept in ``<ALTERNATIVE PURPOSE="ocr">`` (ALTO's place for a variant
  reading); unapplied suggestions become ``<ALTERNATIVE PURPOSE="suggestion">``.
  Corrections are offsets into the raw line ``raw_text.split("\\n")[i]``.
  ``pipeline.ocr._build`` writes the engine lines in order and puts one blank
  line between paragraphs/blocks and never a blank engine line, so the
  *non-blank* raw lines are exactly ``Page.lines`` in order; inside a line the
  words are joined by one space, which gives each word its character span.
  A correction that spans several OCR words (a merge such as
  ``"för valtning" -> "förvaltning"``) makes them one ``String`` with the
  union box and the lowest confidence, because the corrected text is one word;
  a split keeps one ``String`` whose ``CONTENT`` contains the space (the
  ``CONTENTType`` preserves white space), since we have no box for the parts.

Pages without boxes (text inputs, PDF text layers): the ALTO 4.4 XSD makes
``HPOS``/``VPOS``/``WIDTH``/``HEIGHT`` optional on ``String``, ``TextLine``,
``TextBlock`` and ``Page`` (only ``PHYSICAL_IMG_NR`` is required), so such
pages are exported with the same structure and *no* coordinates, rather than
invented zeros that a viewer would draw in the corner.  Blocks are the
blank-line-separated paragraphs, words the white-space separated tokens.

Output is deterministic: no timestamps, IDs derived from positions.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker

from ..model import BBox, Correction, FileResult, Page, Step, Word
from . import Serializer, xsd

__all__ = ["AltoSerializer", "Token", "AltoLine", "page_lines", "line_tokens", "schema", "validate"]

NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.loc.gov/alto/v4/alto-4-4.xsd"
E = ElementMaker(namespace=NS, nsmap={None: NS, "xsi": XSI})


@dataclass(frozen=True)
class Token:
    """One ALTO ``String``: the corrected reading, and the raw one if it differs."""

    content: str
    original: str | None = None  # raw OCR text when a correction changed it
    suggestions: tuple[str, ...] = ()
    bbox: BBox | None = None
    confidence: float | None = None  # 0..100
    words: int = 1  # OCR words this token covers (>1 after a merge)


@dataclass(frozen=True)
class AltoLine:
    block: int
    bbox: BBox | None
    tokens: tuple[Token, ...]


# --- corrections -> words ---------------------------------------------------------------------


def _apply(text: str, offset: int, corrections: Iterable[Correction]) -> str:
    """``text`` (which starts at ``offset`` in the raw line) with ``corrections`` applied."""
    out: list[str] = []
    pos = 0
    for c in sorted(corrections, key=lambda c: (c.start, c.end)):
        s, e = c.start - offset, c.end - offset
        if s < pos:  # overlapping corrections: keep the first, as the corrector would
            continue
        out.append(text[pos:s])
        out.append(c.correction)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _linked(spans: Sequence[tuple[int, int]], c: Correction) -> list[int]:
    """Indices of the words a correction changes: those it overlaps, or for a change of
    only the gap between words (``start``..``end`` inside white space), the words on both sides."""
    hit = [i for i, sp in enumerate(spans) if sp[0] < c.end and c.start < sp[1]]
    if hit:
        return hit
    if c.start == c.end:  # pure insertion: the word it is glued to, else the one before
        hit = [i for i, sp in enumerate(spans) if sp[0] <= c.start <= sp[1]]
        return hit[:1]
    return [i for i, sp in enumerate(spans) if c.start <= sp[0] <= c.end or c.start <= sp[1] <= c.end]


def line_tokens(
    raw_line: str,
    spans: Sequence[tuple[int, int]],
    corrections: Sequence[Correction] = (),
    suggestions: Sequence[Correction] = (),
    boxes: Sequence[BBox | None] | None = None,
    confidences: Sequence[float | None] | None = None,
) -> list[Token]:
    """Tokens for one raw line whose words occupy ``spans``; corrections grouped onto words.

    Words joined by one correction (a merge) become one token; everything else stays
    one token per word, so the token list is the OCR word list unless words were merged.
    """
    n = len(spans)
    boxes = boxes if boxes is not None else [None] * n
    confidences = confidences if confidences is not None else [None] * n
    # union of words linked by a correction: group[i] = first word of i's group
    group = list(range(n))
    owned: dict[int, list[Correction]] = {}
    for c in corrections:
        idx = _linked(spans, c)
        if not idx:
            continue
        first = group[idx[0]]
        for i in range(idx[0], idx[-1] + 1):
            old = group[i]
            for j in range(n):
                if group[j] == old:
                    group[j] = first
        owned.setdefault(first, []).append(c)
    merged_owned: dict[int, list[Correction]] = {}
    for first, cs in owned.items():
        merged_owned.setdefault(group[first], []).extend(cs)

    tokens: list[Token] = []
    i = 0
    while i < n:
        j = i
        while j + 1 < n and group[j + 1] == group[i]:
            j += 1
        cs = merged_owned.get(group[i], [])
        start = min([spans[i][0]] + [c.start for c in cs])
        end = max([spans[j][1]] + [c.end for c in cs])
        raw = raw_line[start:end]
        content = _apply(raw, start, cs) if cs else raw
        alts: list[str] = []
        if i == j:
            for s in suggestions:
                if _linked(spans, s) == [i]:
                    alt = _apply(raw_line[spans[i][0]:spans[i][1]], spans[i][0], [s])
                    if alt not in alts and alt != content:
                        alts.append(alt)
        bxs = [b for b in boxes[i:j + 1] if b is not None]
        bbox = (min(b[0] for b in bxs), min(b[1] for b in bxs), max(b[2] for b in bxs), max(b[3] for b in bxs)) if bxs else None
        confs = [c for c in confidences[i:j + 1] if c is not None]
        tokens.append(Token(
            content=content,
            original=raw if content != raw else None,
            suggestions=tuple(alts),
            bbox=bbox,
            confidence=min(confs) if confs else None,
            words=j - i + 1,
        ))
        i = j + 1
    return tokens


def _word_spans(texts: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return spans


def page_lines(page: Page) -> list[AltoLine]:
    """The page as ALTO lines with corrected tokens (see the module docstring for the mapping)."""
    raw_lines = page.raw_text.split("\n")
    by_line: dict[int, list[Correction]] = {}
    for c in page.corrections:
        if c.applied:
            by_line.setdefault(c.line, []).append(c)
    sugg: dict[int, list[Correction]] = {}
    for c in page.suggestions:
        sugg.setdefault(c.line, []).append(c)

    nonblank = [i for i, text in enumerate(raw_lines) if text.strip()]
    out: list[AltoLine] = []
    if page.lines and page.words:
        words_by_line: dict[int, list[Word]] = {}
        for w in page.words:
            words_by_line.setdefault(w.line, []).append(w)
        aligned = len(nonblank) == len(page.lines)
        for li, line in enumerate(page.lines):
            ws = words_by_line.get(li, [])
            if not ws:
                continue
            texts = [w.text for w in ws]
            spans = _word_spans(texts)
            r = nonblank[li] if aligned else None
            if r is not None and raw_lines[r] == " ".join(texts):
                raw, cs, ss = raw_lines[r], by_line.get(r, []), sugg.get(r, [])
            else:  # raw text no longer matches the engine lines: export the engine's reading
                raw, cs, ss = " ".join(texts), [], []
            toks = line_tokens(raw, spans, cs, ss, [w.bbox for w in ws], [w.confidence for w in ws])
            out.append(AltoLine(block=line.block, bbox=line.bbox, tokens=tuple(toks)))
        return out
    block = 0
    prev_blank = True
    for r, text in enumerate(raw_lines):
        if not text.strip():
            prev_blank = True
            continue
        if prev_blank:
            block += 1
            prev_blank = False
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        toks = line_tokens(text, spans, by_line.get(r, []), sugg.get(r, []))
        out.append(AltoLine(block=block, bbox=None, tokens=tuple(toks)))
    return out


# --- XML ------------------------------------------------------------------------------------------


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.4f}".rstrip("0").rstrip(".")


def _box_attrs(bbox: BBox | None) -> dict[str, str]:
    if bbox is None:
        return {}
    x0, y0, x1, y1 = bbox
    return {"HPOS": _num(x0), "VPOS": _num(y0), "WIDTH": _num(max(0, x1 - x0)), "HEIGHT": _num(max(0, y1 - y0))}


def _union(boxes: Iterable[BBox | None]) -> BBox | None:
    bs = [b for b in boxes if b is not None]
    if not bs:
        return None
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def _step_text(step: Step) -> str:
    params = ", ".join(f"{k}={v}" for k, v in sorted(step.params.items()))
    return f"{step.name}: {params}" if params else step.name


class _Processing:
    """Collects ``Description/Processing`` elements, one per distinct step, IDs in first-use order."""

    def __init__(self) -> None:
        self.elements: list[etree._Element] = []
        self._ids: dict[bytes, str] = {}

    def add(self, category: str, descriptions: Sequence[str], settings: str | None,
            software: tuple[str, str] | None) -> str:
        children = [E.processingCategory(category)]
        children += [E.processingStepDescription(d) for d in descriptions]
        if settings:
            children.append(E.processingStepSettings(settings))
        if software:
            children.append(E.processingSoftware(E.softwareName(software[0]), E.softwareVersion(software[1])))
        el = E.Processing(*children)
        key = etree.tostring(el)
        if key not in self._ids:
            ident = f"PROC_{len(self._ids) + 1}"
            el.set("ID", ident)
            self._ids[key] = ident
            self.elements.append(el)
        return self._ids[key]


def _page_processing(page: Page, proc: _Processing, pipeline_version: str) -> list[str]:
    refs: list[str] = []
    if page.preprocessing:
        refs.append(proc.add("preOperation", [_step_text(s) for s in page.preprocessing], None,
                             ("kommunarkiv", pipeline_version)))
    eng = page.engine
    if page.origin == "ocr":
        desc = "optical character recognition"
        settings = f"language={eng.language}" if eng.language else None
    elif page.origin == "pdf-text":
        desc, settings = "text layer extracted from the PDF", None
    else:
        desc, settings = "text supplied as a file (earlier OCR); not recognised by this pipeline", None
    refs.append(proc.add("contentGeneration", [desc], settings, (eng.name, eng.version or "unknown")))
    applied = [c for c in page.corrections if c.applied]
    if applied:
        counts: dict[str, int] = {}
        for c in applied:
            counts[c.method] = counts.get(c.method, 0) + 1
        refs.append(proc.add("contentModification",
                             [f"OCR correction: {m} x{n}" for m, n in sorted(counts.items())], None,
                             ("kommunarkiv", pipeline_version)))
    return refs


def _languages(language: str | None) -> dict[str, str]:
    parts = [p for p in (language or "").split("+") if re.fullmatch(r"[A-Za-z]{1,8}", p)]
    attrs = {"LANG": parts[0]} if parts else {}
    if len(parts) > 1:
        attrs["OTHERLANGS"] = " ".join(parts[1:])
    return attrs


def _string(tok: Token, ident: str) -> etree._Element:
    attrs = {"ID": ident, **_box_attrs(tok.bbox), "CONTENT": tok.content}
    if tok.confidence is not None:
        attrs["WC"] = _num(round(max(0.0, min(100.0, tok.confidence)) / 100, 4))
    el = E.String(**attrs)
    if tok.original is not None:
        el.append(E.ALTERNATIVE(tok.original, PURPOSE="ocr"))
    for s in tok.suggestions:
        el.append(E.ALTERNATIVE(s, PURPOSE="suggestion"))
    return el


def _sp(prev: Token, nxt: Token) -> etree._Element:
    if prev.bbox is None or nxt.bbox is None or nxt.bbox[0] < prev.bbox[2]:
        return E.SP()
    y0, y1 = min(prev.bbox[1], nxt.bbox[1]), max(prev.bbox[3], nxt.bbox[3])
    return E.SP(**_box_attrs((prev.bbox[2], y0, nxt.bbox[0], y1)))


def _page(page: Page, proc: _Processing, pipeline_version: str) -> etree._Element:
    n = page.number
    attrs = {"ID": f"P{n}", "PHYSICAL_IMG_NR": str(n)}
    if page.width and page.height:
        attrs.update(WIDTH=_num(page.width), HEIGHT=_num(page.height))
    if page.status != "ok":
        attrs.update(QUALITY="Missing", QUALITY_DETAIL=page.error or "page failed")
        return E.Page(**attrs)
    attrs["PROCESSINGREFS"] = " ".join(_page_processing(page, proc, pipeline_version))
    if page.mean_confidence is not None:
        attrs["PC"] = _num(round(page.mean_confidence / 100, 4))
    attrs.update(_languages(page.engine.language))
    space_attrs = {"ID": f"P{n}_PS"}
    if page.width and page.height:
        space_attrs.update(_box_attrs((0, 0, page.width, page.height)))
    space = E.PrintSpace(**space_attrs)
    lines = page_lines(page)
    blocks: list[list[AltoLine]] = []
    for line in lines:
        if not blocks or blocks[-1][0].block != line.block:
            blocks.append([])
        blocks[-1].append(line)
    w = li = 0
    for bi, block in enumerate(blocks, 1):
        tb = E.TextBlock(ID=f"P{n}_B{bi}", **_box_attrs(_union(ln.bbox for ln in block)))
        for line in block:
            li += 1
            tl = E.TextLine(ID=f"P{n}_L{li}", **_box_attrs(line.bbox))
            for k, tok in enumerate(line.tokens):
                if k:
                    tl.append(_sp(line.tokens[k - 1], tok))
                w += 1
                tl.append(_string(tok, f"P{n}_W{w}"))
            tb.append(tl)
        space.append(tb)
    return E.Page(space, **attrs)


def to_alto(result: FileResult) -> etree._Element:
    """The ALTO tree for one file (all pages)."""
    version = str(result.pipeline.get("version", ""))
    proc = _Processing()
    pages = [_page(p, proc, version or "unknown") for p in result.pages]
    info = E.sourceImageInformation(
        E.fileName(result.source.name),
        E.fileIdentifier(result.source.sha256, fileIdentifierLocation="sha256"),
    )
    desc = E.Description(E.MeasurementUnit("pixel"), info, *proc.elements)
    root = E.alto(desc, E.Layout(*pages), SCHEMAVERSION="4.4")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root


class AltoSerializer(Serializer):
    """ALTO 4.4 XML: corrected words on their boxes, raw OCR kept as ALTERNATIVE."""

    extension = ".alto.xml"

    def serialize(self, result: FileResult) -> bytes:
        return etree.tostring(to_alto(result), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    """The ALTO 4.4 XSD shipped in ``pipeline/data/standards/alto``."""
    return xsd.load("alto", "alto-4-4.xsd")


def validate(data: bytes) -> None:
    """Raise ``lxml.etree.DocumentInvalid`` when ``data`` is not valid ALTO 4.4."""
    xsd.assert_valid("alto", "alto-4-4.xsd", data)
