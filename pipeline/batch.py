"""Batch runs at archive scale: parallel, resumable, fault-isolated.

``run_batch(inputs, out_dir, options)`` is what ``kommunarkiv run`` calls.

Flow (one parent process, N workers)::

    collect inputs (batch_inputs)  ->  per file, in the parent:
        unchanged since the last run?  (manifest: sha256 + version + options fingerprint)
            yes: skip
            no:  plan_file  ->  text pages are produced right here (no OCR)
                            ->  OCR pages go to the executor, one call per PAGE,
                                so a 40-page PDF keeps every core busy
    all pages of a file back  ->  finish job on the executor:
        finish_file (correction + segmentation) + schema validation + JSON bytes
    bytes back in the parent  ->  OUT/<name>.json (atomic rename) -> manifest row
    end of batch  ->  errors.jsonl, cross-file links, corpus.jsonl (all atomic)

Why finishing runs in the workers, not the parent: correction and schema
validation cost real CPU per page; in the parent they would serialize behind
one core and, with Dask, on the client machine instead of the cluster.  In a
worker the Corrector's lexicon is loaded once per *process* (``Corrector.load``
is cached) and reused for every file that process finishes.  Finish calls get
a higher priority than page calls, so a file is written as soon as its pages
are done, not at the end of the batch.

Why the parent plans: planning is cheap (sniff, hash, count pages) and must
see the manifest; doing it lazily while workers are busy means OCR starts at
once instead of after hashing a whole archive.

Byte-stable output: per-file JSON holds no timestamps or timings (page
``seconds`` is set to null; timings go to the manifest), pages are sorted,
paths are absolute, so a rerun after ``kill -9`` writes exactly the bytes of
an uninterrupted run.

Failure isolation: see ``BatchReport.exit_code`` and ``OUT/errors.jsonl``;
``errors.jsonl`` is *rewritten* atomically from the manifest after each
failure and at the end, so it always shows the current state of OUT (one
line per failed file or failed page), never a history (the history of runs
is in the manifest's ``runs`` table).
"""
from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .batch_corpus import link_and_write_corpus
from .batch_inputs import InputItem, assign_outputs, collect_inputs
from .errors import ExitCode, KommunarkivError, MissingDependencyError, UsageError
from .executors import Outcome, TaskError, TaskExecutor, make_executor
from .fsutil import atomic_write_bytes
from .ingest import FilePlan, PageTask, plan_file, sha256_file
from .manifest import ErrorRecord, FileRecord, Manifest, OutputLock, fsync_dir, utc_now
from .model import Engine, Page
from .options import RunOptions
from .progress import Progress
from .stages import finish_file, run_page

__all__ = ["run_batch", "BatchReport", "Failure", "finish_job", "FinishedFile", "ERRORS_NAME"]

ERRORS_NAME = "errors.jsonl"
# Input errors that the same bytes will raise again: not retried on a rerun unless --force.
DETERMINISTIC_REASONS = frozenset({"empty", "unsupported", "corrupt", "encrypted", "too-large"})
PLAN_LOOKAHEAD_PAGES = 2000  # pages planned but not yet submitted; bounds parent memory
FINISH_PRIORITY = 10


@dataclass
class Failure:
    file: str
    output: str
    page: int | None  # None: the whole file
    reason: str
    message: str


@dataclass
class BatchReport:
    """What a batch did. ``exit_code`` is what the CLI exits with."""

    run_id: str
    out_dir: Path
    files_total: int = 0
    files_done: int = 0  # processed in this run, every page ok
    files_partial: int = 0  # processed, some (not all) pages failed
    files_skipped: int = 0  # finished in an earlier run and unchanged
    files_failed: int = 0  # no usable output (plan/finish error, or every page failed)
    pages_done: int = 0  # pages produced in this run (ok)
    pages_failed: int = 0
    non_inputs_skipped: int = 0  # files in input directories that are not inputs (*.json, *.gt.txt ...)
    seconds: float = 0.0
    pages_per_minute: float = 0.0
    worker_restarts: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)  # outputs rewritten by cross-file linking

    @property
    def exit_code(self) -> ExitCode:
        """0 all done; 1 some inputs failed (whole file or some pages); 4 every input failed."""
        if self.files_failed + self.files_partial == 0:
            return ExitCode.ok
        if self.files_failed == self.files_total:
            return ExitCode.all_inputs_failed
        return ExitCode.some_inputs_failed

    def summary(self) -> dict[str, Any]:
        keys = ("run_id", "files_total", "files_done", "files_partial", "files_skipped", "files_failed",
                "pages_done", "pages_failed", "non_inputs_skipped", "worker_restarts")
        d = {k: getattr(self, k) for k in keys}
        d.update(seconds=round(self.seconds, 3), pages_per_minute=round(self.pages_per_minute, 2),
                 relinked=len(self.relinked), exit_code=int(self.exit_code), out_dir=str(self.out_dir))
        return d


# ---------------------------------------------------------------- worker-side job


@dataclass(frozen=True)
class FinishedFile:
    data: bytes  # the per-file JSON, validated
    sha256: str
    documents: int
    extras: tuple[tuple[str, bytes], ...] = ()  # (file extension, bytes) of the other --format outputs


class InvalidOutputError(KommunarkivError):
    """The result does not serialize to schema-valid JSON: a pipeline bug, never written to OUT."""

    reason = "invalid-output"


def finish_job(plan: FilePlan, pages: list[Page], options: RunOptions) -> FinishedFile:
    """Correct, segment, validate and serialize one file (runs in a worker)."""
    from .export import dumps, validate_output

    for page in pages:
        page.seconds = None  # timings belong in the manifest; output must be byte-stable
    result = finish_file(plan, pages, options)
    try:
        blob = dumps(result.to_dict())
    except (TypeError, ValueError) as exc:  # e.g. a NumPy scalar left in a step's params
        raise InvalidOutputError(f"result is not JSON-serializable: {exc}", path=plan.source.path) from exc
    try:
        validate_output(json.loads(blob))  # validate exactly what will be written
    except Exception as exc:
        import jsonschema  # imported only when validation failed (see validate_output)

        if not isinstance(exc, jsonschema.ValidationError):
            raise
        where = "/".join(map(str, exc.absolute_path)) or "(root)"
        raise InvalidOutputError(f"output breaks the schema at {where}: {exc.message[:300]}", path=plan.source.path) from exc
    from .export import SERIALIZERS

    extras = tuple((SERIALIZERS[f].extension, SERIALIZERS[f]().serialize(result)) for f in options.formats if f != "json")
    return FinishedFile(blob, hashlib.sha256(blob).hexdigest(), len(result.documents), extras)


# ---------------------------------------------------------------- parent side


@dataclass
class _FileState:
    item: InputItem
    plan: FilePlan
    started: float
    pages: dict[int, Page] = field(default_factory=dict)
    seconds: dict[int, float | None] = field(default_factory=dict)
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.pages) == len(self.plan.tasks)


def _split_error(error: str | None) -> tuple[str, str]:
    """``Page.error`` is "reason: message" (see stages.run_page)."""
    if error and ": " in error:
        reason, message = error.split(": ", 1)
        if reason and " " not in reason:
            return reason, message
    return "page-failed", error or "page failed"


def _remove_stale_parts(out_dir: Path) -> int:
    """Temp files of atomic writes interrupted by a crash (``.<name>.<random>.part``)."""
    n = 0
    for p in out_dir.glob(".*.part"):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def _sha256_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path) if path.is_file() else None
    except OSError:
        return None


class _Runner:
    def __init__(self, items: list[InputItem], out_dir: Path, options: RunOptions, manifest: Manifest,
                 progress: Progress, report: BatchReport) -> None:
        self.items = items
        self.out_dir = out_dir
        self.options = options
        self.fingerprint = options.fingerprint()
        self.manifest = manifest
        self.progress = progress
        self.report = report
        self.executor: TaskExecutor | None = None
        self.states: dict[str, _FileState] = {}
        self.ready_pages: deque[tuple[str, PageTask]] = deque()
        self.ready_finish: deque[str] = deque()
        self.first_page_at: float | None = None

    # ------------------------------------------------------------ main loop
    def loop(self) -> None:
        pending = deque(self.items)
        while True:
            self._handle(self._outcomes(0))
            self._submit_ready()
            if pending and len(self.ready_pages) < PLAN_LOOKAHEAD_PAGES:
                self._start_file(pending.popleft())
                continue
            if not pending and not self.ready_pages and not self.ready_finish and self._in_flight() == 0:
                break
            self._handle(self._outcomes(0.5))

    def _in_flight(self) -> int:
        return self.executor.in_flight if self.executor is not None else 0

    def _outcomes(self, timeout: float) -> list[Outcome]:
        if self.executor is None or self.executor.in_flight == 0:
            return []
        return self.executor.next_outcomes(timeout)

    def _ensure_executor(self) -> TaskExecutor:
        if self.executor is None:
            self.executor = make_executor(self.options.executor, self.options.workers, self.options.scheduler)
        return self.executor

    def _submit_ready(self) -> None:
        if not self.ready_pages and not self.ready_finish:
            return
        ex = self._ensure_executor()
        while self.ready_finish:  # never held back: they free memory and produce output
            output = self.ready_finish.popleft()
            st = self.states[output]
            pages = [st.pages[n] for n in sorted(st.pages)]
            ex.submit(("finish", output), finish_job, st.plan, pages, self.options, priority=FINISH_PRIORITY)
        while self.ready_pages and ex.in_flight < ex.capacity:
            if self.first_page_at is None:
                self._check_dependencies()
                self.first_page_at = time.monotonic()
            output, task = self.ready_pages.popleft()
            ex.submit(("page", output, task.number), run_page, task, self.options)

    def _check_dependencies(self) -> None:
        """Fail fast, before any OCR call: tesseract and the language data (local executor only;
        a Dask client machine need not have Tesseract, its workers report it per page)."""
        if self.options.executor != "local":
            return
        try:
            from .ocr import check_language
        except ImportError:
            return
        check_language(self.options.language)

    # ------------------------------------------------------------ planning
    def _unchanged(self, item: InputItem, sha: str | None) -> FileRecord | None:
        """The manifest row when this exact work is already done (or deterministically failed)."""
        if self.options.force or sha is None:
            return None
        rec = self.manifest.get(item.output)
        if rec is None or (rec.path, rec.sha256, rec.version, rec.fingerprint) != (str(item.path), sha, __version__, self.fingerprint):
            return None
        if rec.status == "failed":
            return rec if rec.reason in DETERMINISTIC_REASONS else None
        if rec.failed_pages:
            return None  # page failures (timeouts, crashes) may be transient: retry them
        out = self.out_dir / item.output
        return rec if out.is_file() and _sha256_or_none(out) == rec.output_sha256 else None

    def _start_file(self, item: InputItem) -> None:
        started = time.monotonic()
        sha = _sha256_or_none(item.path)
        rec = self._unchanged(item, sha)
        if rec is not None and rec.status == "done":
            self.report.files_skipped += 1
            self.progress.file_skipped(file=str(item.path), output=item.output, status="done")
            return
        if rec is not None:  # the same bytes failed the same way before
            self._count_failed_file(item, rec.reason or "error", rec.message or "")
            return
        try:
            plan = plan_file(item.path, self.options)
        except MissingDependencyError:
            raise
        except KommunarkivError as exc:
            self._fail_file(item, sha, exc.reason, exc.message, None, started)
            return
        except Exception as exc:  # a bug in planning must cost one file, not the batch
            from .executors import _traceback_summary, first_line

            self._fail_file(item, sha, "internal-error", f"{type(exc).__name__}: {first_line(str(exc))}",
                            _traceback_summary(exc), started)
            return
        for warning in plan.warnings:
            self.report.warnings.append(warning)
            self.progress.warning(file=str(item.path), message=warning)
        st = _FileState(item, plan, started)
        self.states[item.output] = st
        self.progress.file_start(file=str(item.path), output=item.output, pages=len(plan.tasks))
        for task in plan.tasks:
            if task.text is not None:  # existing text: nothing to parallelize
                self._page_done(st, run_page(task, self.options))
            else:
                self.ready_pages.append((item.output, task))
        if st.complete:
            self.ready_finish.append(item.output)

    # ------------------------------------------------------------ results
    def _handle(self, outcomes: list[Outcome]) -> None:
        for oc in outcomes:
            if oc.error is not None and oc.error.reason == MissingDependencyError.reason:
                raise MissingDependencyError(oc.error.message)
            key: tuple[Any, ...] = oc.key  # type: ignore[assignment]  # ("page", output, n) | ("finish", output)
            if key[0] == "page":
                _, output, number = key
                st = self.states[output]
                page = oc.value if oc.error is None else self._failed_page(number, oc.error)
                self._page_done(st, page)
                if st.complete:
                    self.ready_finish.append(output)
            else:
                self._file_finished(self.states.pop(key[1]), oc.value, oc.error)

    def _failed_page(self, number: int, error: TaskError) -> Page:
        """A page whose call raised or whose worker died: same shape as run_page's failed pages."""
        return Page(number=number, origin="ocr", raw_text="", text="", status="failed",
                    engine=Engine(name="tesseract", version="", language=self.options.language),
                    error=f"{error.reason}: {error.message}")

    def _page_done(self, st: _FileState, page: Page) -> None:
        st.pages[page.number] = page
        st.seconds[page.number] = page.seconds
        path = str(st.item.path)
        if page.status == "failed":
            reason, message = _split_error(page.error)
            st.errors.append(ErrorRecord(path, st.item.output, page.number, reason, message))
            self.report.pages_failed += 1
            self.report.failures.append(Failure(path, st.item.output, page.number, reason, message))
            self.progress.page_failed(file=path, page=page.number, reason=reason, message=message)
            self.progress.page_done(file=path, output=st.item.output, page=page.number, status=page.status,
                                    seconds=page.seconds, reason=reason, message=message)
        else:
            self.report.pages_done += 1
            self.progress.page_done(file=path, output=st.item.output, page=page.number, status=page.status,
                                    seconds=page.seconds)

    def _file_finished(self, st: _FileState, result: FinishedFile | None, error: TaskError | None) -> None:
        item = st.item
        if error is not None:
            self._fail_file(item, st.plan.source.sha256, error.reason, error.message, error.traceback, st.started)
            return
        assert result is not None
        stem = item.output.removesuffix(".json")
        for extension, data in result.extras:  # before the JSON: the JSON marks the file as finished
            atomic_write_bytes(self.out_dir / f"{stem}{extension}", data)
        atomic_write_bytes(self.out_dir / item.output, result.data)
        failed = len(st.errors)
        pages = len(st.plan.tasks)
        seconds = time.monotonic() - st.started
        rec = FileRecord(
            output=item.output, path=str(item.path), sha256=st.plan.source.sha256, version=__version__,
            fingerprint=self.fingerprint, status="done", output_sha256=result.sha256, pages=pages,
            failed_pages=failed, documents=result.documents, run_id=self.report.run_id,
            finished_at=utc_now(), seconds=round(seconds, 3),
        )
        page_times: list[tuple[int, str, float | None]] = [(n, st.pages[n].status, st.seconds.get(n)) for n in sorted(st.pages)]
        self.manifest.record(rec, st.errors, page_times)
        if failed and failed == pages:
            self.report.files_failed += 1
        elif failed:
            self.report.files_partial += 1
        else:
            self.report.files_done += 1
        if failed:
            self._write_errors()
        self.progress.file_done(file=str(item.path), output=item.output, pages=pages, failed_pages=failed,
                                documents=result.documents, seconds=seconds)

    def _fail_file(self, item: InputItem, sha: str | None, reason: str, message: str, tb: str | None,
                   started: float) -> None:
        try:
            (self.out_dir / item.output).unlink()  # an output of older bytes would be a lie now
        except FileNotFoundError:
            pass
        rec = FileRecord(
            output=item.output, path=str(item.path), sha256=sha, version=__version__, fingerprint=self.fingerprint,
            status="failed", reason=reason, message=message, run_id=self.report.run_id, finished_at=utc_now(),
            seconds=round(time.monotonic() - started, 3),
        )
        self.manifest.record(rec, [ErrorRecord(str(item.path), item.output, None, reason, message, tb)])
        self._count_failed_file(item, reason, message)
        self._write_errors()

    def _count_failed_file(self, item: InputItem, reason: str, message: str) -> None:
        self.report.files_failed += 1
        self.report.failures.append(Failure(str(item.path), item.output, None, reason, message))
        self.progress.file_failed(file=str(item.path), output=item.output, reason=reason, message=message)

    def _write_errors(self) -> None:
        lines = [json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in self.manifest.errors()]
        atomic_write_bytes(self.out_dir / ERRORS_NAME, "".join(lines).encode("utf-8"))


class _TerminateAsInterrupt:
    """SIGTERM (systemd, Slurm, ``kill``) ends a run like Ctrl-C: workers are stopped, exit 130."""

    def __enter__(self) -> None:
        self._old = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGTERM, self._raise)

    @staticmethod
    def _raise(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    def __exit__(self, *_: Any) -> None:
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


def _describe_skipped(paths: list[Path]) -> str:
    kinds = Counter(("*.gt.txt" if p.name.lower().endswith(".gt.txt") else ("hidden" if p.name.startswith(".") else (p.suffix.lower() or "(none)"))) for p in paths)
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


def run_batch(inputs: list[Path], out_dir: Path, options: RunOptions, progress: str | Progress = "auto") -> BatchReport:
    """Process files and directories into ``out_dir``; see the module docstring.

    Returns a ``BatchReport`` (``.exit_code``).  Raises ``UsageError`` for bad
    arguments, ``MissingDependencyError`` when Tesseract or a language is
    missing (the run stops at once), ``KeyboardInterrupt`` on Ctrl-C/SIGTERM;
    files finished before an interruption are kept and a rerun continues.
    """
    options = options.validate()
    out_dir = Path(out_dir).absolute()
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"-o {out_dir} exists and is not a directory")
    paths, not_inputs = collect_inputs([Path(p) for p in inputs], out_dir)
    if not paths:
        raise UsageError(f"no input files found in {', '.join(map(str, inputs))}; kommunarkiv reads PNG, JPEG, TIFF, PDF and .txt")
    items = assign_outputs(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    reporter = progress if isinstance(progress, Progress) else Progress(progress)
    run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
    report = BatchReport(run_id=run_id, out_dir=out_dir, files_total=len(items), non_inputs_skipped=len(not_inputs))
    t0 = time.monotonic()
    with OutputLock(out_dir):
        _remove_stale_parts(out_dir)
        manifest = Manifest(out_dir)
        runner = _Runner(items, out_dir, options, manifest, reporter, report)
        status = "interrupted"
        try:
            with _TerminateAsInterrupt():
                manifest.begin_run(run_id, __version__, options.fingerprint(), asdict(options))
                reporter.batch_start(run_id=run_id, files=len(items), workers=options.workers, executor=options.executor)
                if not_inputs:
                    reporter.info(f"ignored {len(not_inputs)} file(s) in input folders that are not inputs ({_describe_skipped(not_inputs)})")
                try:
                    runner.loop()
                    status = "finished"
                except MissingDependencyError:
                    status = "aborted"
                    raise
                finally:
                    if runner.executor is not None:
                        report.worker_restarts = getattr(runner.executor, "restarts", 0)
                        runner.executor.shutdown(kill=status != "finished")
                runner._write_errors()
                report.relinked = link_and_write_corpus(out_dir, manifest)
                fsync_dir(out_dir)
        finally:
            report.seconds = time.monotonic() - t0
            if report.pages_done:
                since = runner.first_page_at if runner.first_page_at is not None else t0
                report.pages_per_minute = report.pages_done / max(1e-6, time.monotonic() - since) * 60
            manifest.end_run(run_id, status, int(report.exit_code) if status == "finished" else None, report.summary())
            manifest.close()
            if status == "finished":
                reporter.batch_done(report.summary())
            reporter.close()
    return report
