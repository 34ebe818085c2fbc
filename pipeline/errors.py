"""One exception hierarchy for the whole pipeline.

Modelled on OCRmyPDF: every class carries the process exit code and a message
that tells the user what to do.  Stages raise these; only the CLI turns them
into exit codes, so the Python API never calls ``sys.exit``.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (see README)."""

    ok = 0
    some_inputs_failed = 1
    usage = 2
    missing_dependency = 3
    all_inputs_failed = 4
    interrupted = 130


class KommunarkivError(Exception):
    """Base class. ``str(err)`` is the one line shown to the user."""

    exit_code: ExitCode = ExitCode.some_inputs_failed
    reason: str = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class UsageError(KommunarkivError):
    """Bad options or arguments: fix the command line."""

    exit_code = ExitCode.usage
    reason = "usage"


class MissingDependencyError(KommunarkivError):
    """An external program (tesseract, a language model) is not installed."""

    exit_code = ExitCode.missing_dependency
    reason = "missing-dependency"


class InputFileError(KommunarkivError):
    """One input cannot be read; the batch goes on with the others."""

    reason = "unreadable"


class EmptyInputError(InputFileError):
    reason = "empty"


class UnsupportedInputError(InputFileError):
    reason = "unsupported"


class CorruptInputError(InputFileError):
    reason = "corrupt"


class EncryptedPdfError(InputFileError):
    reason = "encrypted"


class InputTooLargeError(InputFileError):
    reason = "too-large"


class PageFailedError(KommunarkivError):
    """One page could not be processed (engine crash, timeout)."""

    reason = "page-failed"


class OcrTimeoutError(PageFailedError):
    reason = "timeout"
