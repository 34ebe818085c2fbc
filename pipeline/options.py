"""Validated options shared by the CLI and the Python API (after OCRmyPDF).

The CLI builds a ``RunOptions`` from argparse; Python callers build one
directly.  ``validate`` raises ``UsageError`` with a message that says what
to change.  ``fingerprint`` keys the batch manifest: two runs with the same
fingerprint on the same bytes must produce byte-identical output.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field

from .errors import UsageError


@dataclass
class RunOptions:
    language: str = "swe"  # Tesseract language(s), e.g. "swe" or "swe+eng"
    dpi: int = 300  # rendering resolution for PDF pages without a text layer
    page_timeout: float = 180.0  # seconds of Tesseract per page before the page is failed
    preprocess: bool = True  # OpenCV clean-up before OCR
    deskew: bool = True
    orientation: bool = True  # 90/180 degree detection with Tesseract OSD
    correct: bool = True  # Swedish OCR correction stage
    segment: bool = True  # split into documents and their parts
    text_layer: str = "auto"  # auto: use a usable PDF text layer; ocr: always OCR; text: never OCR
    max_pixels: int = 120_000_000  # larger images are refused (decompression bombs)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    executor: str = "local"  # local | dask
    scheduler: str | None = None  # tcp://host:port for the dask executor
    formats: tuple[str, ...] = ("json",)  # json always; also alto, erms, txt (see pipeline.export)

    def validate(self) -> "RunOptions":
        if not self.language or not all(part.isidentifier() for part in self.language.split("+")):
            raise UsageError(f"--lang {self.language!r} is not a Tesseract language such as 'swe' or 'swe+eng'")
        if not 50 <= self.dpi <= 1200:
            raise UsageError(f"--dpi {self.dpi} is out of range; use 150-600 (300 is usual for archives)")
        if self.page_timeout <= 0:
            raise UsageError("--page-timeout must be a positive number of seconds")
        if self.text_layer not in {"auto", "ocr", "text"}:
            raise UsageError("--text-layer must be auto, ocr or text")
        if self.workers < 1:
            raise UsageError("--workers must be at least 1")
        from .export import SERIALIZERS

        unknown = [f for f in self.formats if f not in SERIALIZERS]
        if unknown:
            raise UsageError(f"--format {','.join(unknown)} is unknown; choose from {', '.join(sorted(SERIALIZERS))}")
        self.formats = tuple(dict.fromkeys(("json", *self.formats)))  # JSON is the record the manifest checks
        if self.executor not in {"local", "dask"}:
            raise UsageError("--executor must be local or dask")
        if self.executor == "dask" and self.scheduler is not None and not self.scheduler.startswith(("tcp://", "tls://", "inproc://", "local")):
            raise UsageError("--scheduler must look like tcp://HOST:PORT")
        return self

    def fingerprint(self) -> str:
        """Hash of the options that change output (not workers, force, executor)."""
        relevant = {k: v for k, v in asdict(self).items() if k not in {"workers", "force", "executor", "scheduler"}}
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]
