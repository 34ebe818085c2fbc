"""Ingestion: turn one input path into a ``FilePlan`` of page tasks.

Planning is cheap and runs in the parent process: it sniffs the file type
from its bytes (never trusting the extension), hashes the file, counts pages
and pulls out text that needs no OCR (text files, usable PDF text layers).
The expensive part, rendering and OCR of a page, is a ``PageTask`` that a
worker process loads by itself from (path, page number), so that batch runs
ship small tasks between processes instead of page bitmaps.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmptyInputError, UnsupportedInputError
from ..model import PageOrigin, Source, SourceKind
from ..options import RunOptions
from .detect import sniff_kind

__all__ = ["FilePlan", "PageTask", "plan_file", "sha256_file"]


@dataclass(frozen=True)
class PageTask:
    """One page to produce. ``text`` is set when no OCR is needed."""

    path: str
    kind: SourceKind
    number: int  # 1-based
    origin: PageOrigin
    text: str | None = None
    note: str | None = None  # why this origin was chosen (e.g. "no text layer")


@dataclass
class FilePlan:
    source: Source
    tasks: list[PageTask]
    warnings: list[str] = field(default_factory=list)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def plan_file(path: Path | str, options: RunOptions) -> FilePlan:
    """Inspect ``path`` and list its pages. Raises an ``InputFileError`` subclass."""
    path = Path(path)
    if not path.is_file():
        raise UnsupportedInputError("not a regular file", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EmptyInputError("file is empty (0 bytes)", path=str(path))
    kind, mime = sniff_kind(path)
    if kind == "image":
        from .images import plan_image

        tasks, warnings = plan_image(path, options)
        encoding = None
    elif kind == "pdf":
        from .pdf import plan_pdf

        tasks, warnings = plan_pdf(path, options)
        encoding = None
    else:
        from .text import plan_text

        tasks, warnings, encoding = plan_text(path)
    source = Source(
        path=str(path),
        name=path.name,
        sha256=sha256_file(path),
        kind=kind,
        page_count=len(tasks),
        size_bytes=size,
        encoding=encoding,
        mime=mime,
    )
    return FilePlan(source=source, tasks=tasks, warnings=warnings)
