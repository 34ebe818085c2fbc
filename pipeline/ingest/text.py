"""Existing OCR text: decode with a recorded encoding, split pages on form feed.

Old Swedish archive exports are often cp1252, latin-1 or DOS cp850 rather than
UTF-8. We try the BOM, then strict UTF-8, then let charset-normalizer choose
among the legacy encodings that actually occur in Swedish archives (limiting
the candidates stops it from "detecting" exotic code pages on short files).
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import CorruptInputError
from . import PageTask

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LEGACY = ["cp1252", "latin_1", "cp850", "mac_roman"]
_SWEDISH = set("åäöÅÄÖ")


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise CorruptInputError(f"has a {name} byte-order mark but does not decode: {exc.reason}", path=path) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise CorruptInputError("contains NUL bytes and no byte-order mark; this is not a text file", path=path)
    best = _best_legacy(data)
    return data.decode(best), best


def _best_legacy(data: bytes) -> str:
    """Pick the legacy code page whose decoding looks most like Swedish.

    charset-normalizer ranks by "chaos"; among near-ties we prefer the one
    that yields å/ä/ö rather than box-drawing or control characters.
    """
    from charset_normalizer import from_bytes

    scores: dict[str, float] = {}
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        swedish = sum(ch in _SWEDISH for ch in text)
        odd = sum((not ch.isprintable() and ch not in "\r\n\t\f") or ("\u2500" <= ch <= "\u25ff") for ch in text)
        scores[enc] = swedish - 5 * odd
    guess = from_bytes(data, cp_isolation=_LEGACY).best()
    if guess is not None and guess.encoding in scores:
        scores[guess.encoding] += 0.5
    return max(scores, key=lambda e: (scores[e], -_LEGACY.index(e)))


def plan_text(path: Path) -> tuple[list[PageTask], list[str], str]:
    text, encoding = decode_text(path.read_bytes(), str(path))
    warnings = []
    if not encoding.startswith("utf"):  # Unicode with or without BOM is not worth a warning
        warnings.append(f"{path}: not UTF-8; decoded as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()  # a trailing form feed closes the last page, it does not open a new one
    tasks = [
        PageTask(path=str(path), kind="text", number=i, origin="text", text=chunk.removesuffix("\n"))
        for i, chunk in enumerate(chunks, start=1)
    ]
    return tasks, warnings, encoding
