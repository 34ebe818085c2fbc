"""Progress reporting for batch runs: a tqdm bar, JSON events, or nothing.

Modes (``kommunarkiv run --progress``):

``auto``  a bar on stderr when stderr is a terminal, otherwise plain lines
``bar``   always the bar
``json``  one JSON object per line on **stdout** (``event`` names below), so an
          import job can follow a run with ``for line in proc.stdout``
``none``  no progress at all

In every mode, planning warnings and failures print one line each on
stderr, naming the file and the reason (a cron mail must show them), and every
mode except ``none`` ends with a one-line summary.

JSON events, all with ``event`` and ``elapsed`` (seconds since the batch started):
``batch-start`` (run_id, files, workers, executor), ``file-start`` (file,
output, pages), ``page-done`` (file, output, page, status, seconds; plus
reason and message when status is "failed"),
``file-done`` (file, output, pages, failed_pages, documents, seconds),
``file-skipped`` (file, output, status), ``file-failed`` (file, output, page
null, reason, message), ``warning`` (file, message) and ``batch-done``
(the ``BatchReport`` summary: counts, seconds, pages_per_minute, exit_code).
"""
from __future__ import annotations

import json
import sys
import time
from typing import IO, Any

__all__ = ["Progress", "make_progress", "MODES"]

MODES = ("auto", "bar", "json", "none")


class Progress:
    """Receives batch events; renders them according to the mode."""

    def __init__(self, mode: str = "auto", *, out: IO[str] | None = None, err: IO[str] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"progress mode must be one of {MODES}")
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        if mode == "auto":
            mode = "bar" if _isatty(self.err) else "plain"
        self.mode = mode
        self._t0 = time.monotonic()
        self._bar = None
        self.files_total = 0
        self.files_finished = 0  # done, skipped or failed
        self.files_planned = 0
        self.pages_planned = 0
        self.pages_done = 0
        self._ocr_t0: float | None = None

    # ------------------------------------------------------------ helpers
    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    def _event(self, name: str, **fields: Any) -> None:
        if self.mode == "json":
            record = {"event": name, "elapsed": round(self.elapsed, 3), **fields}
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.out.flush()

    def _line(self, text: str) -> None:
        """One human line on stderr, without tearing the bar."""
        if self._bar is not None:
            self._bar.write(text, file=self.err)
        else:
            print(text, file=self.err, flush=True)

    def pages_per_minute(self) -> float:
        if self._ocr_t0 is None or self.pages_done == 0:
            return 0.0
        return self.pages_done / max(1e-6, time.monotonic() - self._ocr_t0) * 60

    def _refresh_bar(self) -> None:
        if self._bar is None:
            return
        # Pages of files not planned yet are estimated from the average so far, so the ETA
        # is meaningful before every file has been opened.
        unplanned = self.files_total - self.files_planned
        avg = self.pages_planned / self.files_planned if self.files_planned else 1.0
        total = self.pages_planned + round(unplanned * avg)
        if total != self._bar.total:
            self._bar.total = max(total, self.pages_done)
        self._bar.set_postfix_str(
            f"files {self.files_finished}/{self.files_total}, {self.pages_per_minute():.1f} pages/min", refresh=False)
        self._bar.refresh()

    # ------------------------------------------------------------ events
    def batch_start(self, *, run_id: str, files: int, workers: int, executor: str) -> None:
        self.files_total = files
        if self.mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=0, unit="page", file=self.err, dynamic_ncols=True, smoothing=0.05,
                             bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} pages [{elapsed}<{remaining}{postfix}]")
            self._refresh_bar()
        self._event("batch-start", run_id=run_id, files=files, workers=workers, executor=executor)

    def file_start(self, *, file: str, output: str, pages: int) -> None:
        self.files_planned += 1
        self.pages_planned += pages
        if self._ocr_t0 is None:
            self._ocr_t0 = time.monotonic()
        self._event("file-start", file=file, output=output, pages=pages)
        self._refresh_bar()

    def page_done(self, *, file: str, output: str, page: int, status: str, seconds: float | None,
                  reason: str | None = None, message: str | None = None) -> None:
        self.pages_done += 1
        if self._bar is not None:
            self._bar.update(1)
        extra = {"reason": reason, "message": message} if status != "ok" else {}
        self._event("page-done", file=file, output=output, page=page, status=status, seconds=seconds, **extra)
        self._refresh_bar()

    def file_done(self, *, file: str, output: str, pages: int, failed_pages: int, documents: int | None, seconds: float) -> None:
        self.files_finished += 1
        self._event("file-done", file=file, output=output, pages=pages, failed_pages=failed_pages,
                    documents=documents, seconds=round(seconds, 3))
        self._refresh_bar()

    def file_skipped(self, *, file: str, output: str, status: str) -> None:
        self.files_finished += 1
        self.files_planned += 1  # counts as planned with zero pages left to do
        self._event("file-skipped", file=file, output=output, status=status)
        self._refresh_bar()

    def file_failed(self, *, file: str, output: str, reason: str, message: str) -> None:
        """A whole file failed: one line on stderr and a ``file-failed`` event."""
        self.files_finished += 1
        self._line(f"kommunarkiv: FAILED {file}: [{reason}] {_one_line(message, file)}")
        self._event("file-failed", file=file, output=output, page=None, reason=reason, message=message)
        self._refresh_bar()

    def page_failed(self, *, file: str, page: int, reason: str, message: str) -> None:
        """One line on stderr; the event is the ``page-done`` with status "failed" that follows."""
        self._line(f"kommunarkiv: FAILED {file} page {page}: [{reason}] {_one_line(message, file)}")

    def warning(self, *, file: str, message: str) -> None:
        self._line(f"kommunarkiv: warning: {message if message.startswith(file) else f'{file}: {message}'}")
        self._event("warning", file=file, message=message)

    def info(self, text: str) -> None:
        if self.mode != "none":
            self._line(f"kommunarkiv: {text}")

    def batch_done(self, summary: dict[str, Any]) -> None:
        if self._bar is not None:
            self._refresh_bar()
            self._bar.close()
            self._bar = None
        self._event("batch-done", **summary)
        if self.mode in ("bar", "plain"):
            print(
                f"kommunarkiv: {summary['files_done']} done, {summary['files_skipped']} unchanged, "
                f"{summary['files_partial']} with failed pages, {summary['files_failed']} failed "
                f"of {summary['files_total']} files; {summary['pages_done']} pages in {summary['seconds']:.1f} s "
                f"({summary['pages_per_minute']:.1f} pages/min); exit {summary['exit_code']}",
                file=self.err, flush=True,
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _one_line(message: str, path: str) -> str:
    """Errors may carry "path: message" and tracebacks; the line already names the file."""
    prefix = f"{path}: "
    message = message[len(prefix):] if message.startswith(prefix) else message
    return (message.strip().splitlines() or [""])[0]


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_progress(mode: str) -> Progress:
    return Progress(mode)
