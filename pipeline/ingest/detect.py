"""Decide what an input is from its first bytes.

Archive exports are full of misnamed files (a PDF called ``.tif``, an HTML
error page saved as ``.png``); the extension only chooses between "text" and
"unsupported" when no known signature matches.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedInputError
from ..model import SourceKind

_SIGNATURES: list[tuple[bytes, SourceKind, str]] = [
    (b"\x89PNG\r\n\x1a\n", "image", "image/png"),
    (b"\xff\xd8\xff", "image", "image/jpeg"),
    (b"II*\x00", "image", "image/tiff"),
    (b"MM\x00*", "image", "image/tiff"),
    (b"%PDF-", "pdf", "application/pdf"),
]
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
TEXT_SUFFIXES = {".txt", ".text", ".ocr"}


def sniff_kind(path: Path) -> tuple[SourceKind, str]:
    with path.open("rb") as fh:
        head = fh.read(1024)
    for magic, kind, mime in _SIGNATURES:
        if head.startswith(magic):
            return kind, mime
    if b"%PDF-" in head:  # junk before the header is tolerated by PDF readers
        return "pdf", "application/pdf"
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES or suffix == ".pdf":
        shown = head[:8].hex(" ")
        raise UnsupportedInputError(
            f"named {suffix} but the bytes are not a {suffix[1:].upper()} file (starts with {shown}); "
            "check the export or rename it",
            path=str(path),
        )
    if suffix in TEXT_SUFFIXES:
        return "text", "text/plain"
    raise UnsupportedInputError(
        f"unsupported file type {suffix or '(no extension)'}; kommunarkiv reads PNG, JPEG, TIFF, PDF and .txt",
        path=str(path),
    )
