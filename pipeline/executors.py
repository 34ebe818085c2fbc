"""Where the expensive work runs: a local process pool or a Dask cluster.

The batch runner (``pipeline.batch``) needs very little from an executor:
submit a picklable call under a key, collect outcomes as they complete, and
know how many calls are worth keeping in flight.  Both executors run the call
through :func:`guarded` inside the worker, which turns *any* exception into a
small :class:`TaskError` record.  So the runner never has to unpickle foreign
exception types, and a bug in one stage becomes one failed file, not a dead batch.

Why a process pool (not threads): Tesseract runs as a child process, but
image loading, OpenCV preprocessing and correction are CPU-bound Python/NumPy
work that the GIL would serialize.

Why ``forkserver`` (not ``fork`` or ``spawn``): the parent holds threads
(tqdm's monitor, the pool's own management thread, Dask's event loop) and an
open SQLite connection; forking a multi-threaded process can deadlock a child
on a lock some other thread held.  ``forkserver`` forks workers from a small
single-threaded server that has pre-imported NumPy/OpenCV/the pipeline, so a
worker starts in tens of milliseconds, which matters when the pool is
restarted after a crash.  ``spawn`` is the portable fallback (macOS/Windows).

Crash isolation: when a worker process dies (segfault in a native library,
the kernel's OOM killer), ``concurrent.futures`` fails *every* call that was
in flight with ``BrokenProcessPool`` and cannot say which one was guilty.
:class:`LocalExecutor` then restarts the pool and re-runs the suspects one at
a time ("quarantine"); a call that kills its worker while running alone is
reported as ``worker-crashed`` and the others complete normally.  Dask does
the equivalent itself: the scheduler reschedules a crashed worker's tasks and
gives up on a task after ``distributed.scheduler.allowed-failures`` crashes
with ``KilledWorker``, which we map to the same ``worker-crashed`` record.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from .errors import KommunarkivError, UsageError

__all__ = ["first_line", "TaskError", "Outcome", "TaskExecutor", "LocalExecutor", "DaskExecutor", "guarded", "make_executor", "worker_setup"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskError:
    """Why a call failed, in plain picklable data.

    ``reason`` is the ``KommunarkivError.reason`` of a pipeline error (e.g.
    ``missing-dependency``), ``internal-error`` for any other exception, or
    ``worker-crashed`` when the process running the call died.
    """

    reason: str
    message: str
    traceback: str | None = None


@dataclass(frozen=True)
class Outcome:
    key: Hashable
    value: Any = None
    error: TaskError | None = None


# ------------------------------------------------------------------ worker side

_SETUP_DONE = False


def worker_setup() -> None:
    """Make one worker use one core, once per process.

    ``OMP_THREAD_LIMIT=1``: Tesseract's OpenMP threads fight each other when
    one Tesseract runs per core (measured slower, not faster).  OpenCV has
    its own thread pool for the same reason.  Called from the pool
    initializer and again lazily from :func:`guarded`, because Dask workers
    have no initializer of ours.
    """
    global _SETUP_DONE
    if _SETUP_DONE:
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        import cv2

        cv2.setNumThreads(1)
    except Exception:  # pragma: no cover - OpenCV missing is reported by the stage that needs it
        pass
    _SETUP_DONE = True


def first_line(text: str, limit: int = 500) -> str:
    """Messages go on one line (a terminal line, one errors.jsonl field); details go in the traceback."""
    line = (text.strip().splitlines() or [""])[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _traceback_summary(exc: BaseException, frames: int = 6) -> str:
    """The last few frames: enough to find the bug, short enough for errors.jsonl."""
    te = traceback.TracebackException.from_exception(exc, limit=-frames)
    return "".join(te.format()).strip()


def guarded(fn: Callable[..., Any], *args: Any) -> tuple[Any, TaskError | None]:
    """Run ``fn(*args)`` in a worker and return ``(value, None)`` or ``(None, TaskError)``."""
    worker_setup()
    try:
        return fn(*args), None
    except KommunarkivError as exc:
        return None, TaskError(exc.reason, first_line(exc.message), _traceback_summary(exc))
    except Exception as exc:  # one bad file must not end the batch: report it, go on
        return None, TaskError("internal-error", f"{type(exc).__name__}: {first_line(str(exc))}", _traceback_summary(exc))


def _pool_initializer() -> None:
    # Ctrl-C reaches the whole process group; the parent decides what to do and kills the
    # workers (and their tesseract children) itself, instead of every worker printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_setup()


# ------------------------------------------------------------------ executors


@dataclass
class _Job:
    key: Hashable
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    priority: int


class TaskExecutor:
    """Interface the batch runner uses; see the module docstring."""

    name: str = "executor"

    @property
    def capacity(self) -> int:
        """Calls worth keeping in flight: enough to keep every worker busy, few enough that
        a late "finish this file" call is not stuck behind a long queue."""
        raise NotImplementedError

    @property
    def in_flight(self) -> int:
        raise NotImplementedError

    @property
    def worker_count(self) -> int:
        raise NotImplementedError

    def submit(self, key: Hashable, fn: Callable[..., Any], *args: Any, priority: int = 0) -> None:
        raise NotImplementedError

    def next_outcomes(self, timeout: float | None) -> list[Outcome]:
        """Block up to ``timeout`` seconds (``0`` polls) and return what has completed."""
        raise NotImplementedError

    def shutdown(self, *, kill: bool = False) -> None:
        raise NotImplementedError

    def __enter__(self) -> "TaskExecutor":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.shutdown(kill=exc_type is not None)


def _death_reason(pool: ProcessPoolExecutor) -> str:
    """How a broken pool's workers ended, from their exit codes: a signal names the likely cause.

    SIGKILL is what the kernel's out-of-memory killer sends; SIGSEGV/SIGABRT come from a native
    library.  Without a readable exit code the cause stays open.
    """
    codes = []
    procs = list((getattr(pool, "_processes", None) or {}).values())
    # Let the pool's manager thread finish reaping first.  A forkserver child's status is read off a
    # pipe once; two threads polling the same process race for it, and the loser records 255 ("the
    # forkserver died") instead of the real code.  The manager thread joins every worker of a broken
    # pool and then ends; after it, ``exitcode`` is the cached value.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None and manager is not threading.current_thread():
        manager.join(2.0)
    for proc in procs:
        code = getattr(proc, "exitcode", None)
        if code is None:  # dead but not reaped yet (a forkserver child reports its status late)
            try:
                proc.join(0.5)
            except Exception:
                pass
            code = getattr(proc, "exitcode", None)
        if code not in (None, 0):
            codes.append(code)
    # the pool itself terminates the healthy workers of a broken pool: SIGTERM says nothing
    codes = [c for c in codes if c != -signal.SIGTERM] or codes
    if not codes:
        return "native crash or out of memory"
    parts = []
    for code in sorted(set(codes)):
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = {"SIGKILL": "killed: often the out-of-memory killer", "SIGSEGV": "native crash",
                    "SIGABRT": "native abort"}.get(name, "")
            parts.append(f"{name}: {hint}" if hint else name)
        else:
            parts.append(f"exit code {code}")
    return "; ".join(parts)


class LocalExecutor(TaskExecutor):
    """A ``ProcessPoolExecutor`` with crash quarantine (see module docstring)."""

    name = "local"
    PRELOAD = ["pipeline.executors", "pipeline.stages", "pipeline.ingest", "numpy", "cv2", "PIL.Image", "pytesseract"]

    def __init__(self, workers: int, *, start_method: str | None = None) -> None:
        if start_method is None:
            start_method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(self.PRELOAD)  # ImportErrors in preload are ignored by Python
        self._workers = workers
        self._pool = self._new_pool()
        self._running: dict[Future, _Job] = {}
        self._quarantine: deque[_Job] = deque()  # suspects of a crash, re-run one at a time
        self._held: deque[_Job] = deque()  # submitted while quarantine runs
        self._probe: _Job | None = None  # the one quarantined job now running
        self._broken_seen = False  # a submit found the pool broken before a wait did (``_start``)
        self.restarts = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._workers, mp_context=self._ctx, initializer=_pool_initializer)

    @property
    def capacity(self) -> int:
        return 2 * self._workers

    @property
    def worker_count(self) -> int:
        return self._workers

    @property
    def in_flight(self) -> int:
        return len(self._running) + len(self._quarantine) + len(self._held)

    def submit(self, key: Hashable, fn: Callable[..., Any], *args: Any, priority: int = 0) -> None:
        job = _Job(key, fn, args, priority)
        if self._quarantine or self._probe is not None or self._broken_seen:
            self._held.append(job)
        else:
            self._start(job)

    def _start(self, job: _Job) -> bool:
        try:
            fut = self._pool.submit(guarded, job.fn, *job.args)
        except BrokenProcessPool:
            # A worker died after our last look: this call never ran.  It waits, with every later
            # one, until ``next_outcomes`` has seen the crash and restarted the pool.
            self._broken_seen = True
            self._held.appendleft(job)
            return False
        self._running[fut] = job
        return True

    def _pump(self) -> None:
        """After a crash: start the next suspect alone; when all are cleared, release the held jobs."""
        if self._broken_seen:
            return
        if self._probe is None and self._quarantine:
            self._probe = self._quarantine.popleft()
            if not self._start(self._probe):
                self._held.popleft()
                self._quarantine.appendleft(self._probe)
                self._probe = None
        elif self._probe is None and not self._quarantine:
            while self._held and self._start(self._held.popleft()):
                pass

    def next_outcomes(self, timeout: float | None) -> list[Outcome]:
        self._pump()
        if not self._running:
            if self._broken_seen:  # the pool broke with nothing of ours in flight: restart it
                outcomes = self._recover()
                self._pump()
                return outcomes
            return []
        done, _ = futures_wait(list(self._running), timeout=timeout, return_when=FIRST_COMPLETED)
        outcomes: list[Outcome] = []
        broken = False
        for fut in done:
            if isinstance(fut.exception(), BrokenProcessPool):
                broken = True
            else:
                outcomes.append(self._collect(fut))
        if broken:
            outcomes.extend(self._recover())
        self._pump()
        return outcomes

    def _collect(self, fut: Future) -> Outcome:
        job = self._running.pop(fut)
        if job is self._probe:
            self._probe = None
        value, error = fut.result()
        return Outcome(job.key, value, error)

    def _recover(self) -> list[Outcome]:
        """The pool is broken: keep the results that made it, quarantine the rest, restart."""
        futures_wait(list(self._running))  # the pool fails every remaining call promptly
        outcomes: list[Outcome] = []
        suspects: list[_Job] = []
        for fut, job in list(self._running.items()):
            if isinstance(fut.exception(), BrokenProcessPool):
                suspects.append(job)
            else:
                outcomes.append(self._collect(fut))
        self._running.clear()
        probe, self._probe = self._probe, None
        how = _death_reason(self._pool)
        if probe is not None and len(suspects) == 1 and suspects[0] is probe:
            # It was running alone: this call kills its worker.
            outcomes.append(Outcome(probe.key, None, TaskError(
                "worker-crashed", f"the worker process died while processing this ({how})")))
            suspects = []
        log.warning("worker process died (%s); restarting the pool and re-running %d call(s) one at a time",
                    how, len(suspects))
        self._kill_pool(self._pool)
        self._pool = self._new_pool()
        self._broken_seen = False
        self.restarts += 1
        # Highest priority (finish jobs) first, then submission order.
        self._quarantine.extendleft(reversed(sorted(suspects, key=lambda j: -j.priority)))
        return outcomes

    @staticmethod
    def _kill_pool(pool: ProcessPoolExecutor) -> None:
        """Terminate worker processes and their children (a running ``tesseract``)."""
        import psutil

        # ``_processes`` is private but has been stable since Python 3.2; without it we could
        # only wait for a hung native call to return.
        procs = list((getattr(pool, "_processes", None) or {}).values())
        for proc in procs:
            try:
                for child in psutil.Process(proc.pid).children(recursive=True):
                    child.kill()
            except (psutil.Error, TypeError, ValueError):
                pass
            try:
                proc.kill()
            except Exception:
                pass
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, *, kill: bool = False) -> None:
        if kill:
            self._kill_pool(self._pool)
        else:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._running.clear()
        self._quarantine.clear()
        self._held.clear()


def _worker_identity() -> dict[str, str]:
    from . import __version__

    return {"kommunarkiv": __version__, "python": sys.version.split()[0]}


class DaskExecutor(TaskExecutor):
    """The same calls on a Dask distributed cluster.

    Without ``scheduler`` a ``LocalCluster`` of ``workers`` single-threaded
    worker processes is started (one Tesseract per core, as locally).  With
    ``scheduler`` we connect to a running cluster; its workers must have the
    same kommunarkiv version installed and see the input files under the same
    absolute paths (tasks carry paths, not bitmaps).
    """

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None, *, connect_timeout: float = 30.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise UsageError("--executor dask needs dask[distributed]: pip install 'dask[distributed]'") from exc
        self._cluster = None
        if scheduler is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); is `dask scheduler` running?") from exc
            try:
                self._client.wait_for_workers(1, timeout=connect_timeout)
            except TimeoutError as exc:
                self._client.close()
                raise UsageError(f"no Dask workers joined {scheduler} within {connect_timeout:.0f} s; start `dask worker {scheduler}`") from exc
        self._check_versions()
        self._futures: dict[Any, _Job] = {}
        self._threads_cache = (0.0, 1)

    def _check_versions(self) -> None:
        """Refuse a cluster whose workers run another kommunarkiv: output would silently differ."""
        from . import __version__

        try:
            seen = self._client.run(_worker_identity)
        except Exception as exc:
            raise UsageError(f"Dask workers cannot import kommunarkiv ({type(exc).__name__}: {exc}); install it on every worker") from exc
        bad = {addr: info["kommunarkiv"] for addr, info in seen.items() if info["kommunarkiv"] != __version__}
        if bad:
            raise UsageError(f"Dask workers run another kommunarkiv version than this client ({__version__}): {bad}")

    @property
    def worker_count(self) -> int:
        now = time.monotonic()
        stamp, threads = self._threads_cache
        if now - stamp > 5.0:  # workers may join or leave; asking the scheduler costs a round trip
            threads = max(1, sum(self._client.nthreads().values()))
            self._threads_cache = (now, threads)
        return threads

    @property
    def capacity(self) -> int:
        return 2 * self.worker_count

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, key: Hashable, fn: Callable[..., Any], *args: Any, priority: int = 0) -> None:
        fut = self._client.submit(guarded, fn, *args, pure=False, priority=priority)
        self._futures[fut] = _Job(key, fn, args, priority)

    def next_outcomes(self, timeout: float | None) -> list[Outcome]:
        from distributed import wait

        if not self._futures:
            return []
        try:
            done, _ = wait(list(self._futures), timeout=timeout if timeout else 0.01, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        outcomes = []
        for fut in done:
            job = self._futures.pop(fut)
            if fut.status == "finished":
                value, error = fut.result()
                outcomes.append(Outcome(job.key, value, error))
            else:
                exc = fut.exception() if fut.status == "error" else None
                if exc is not None and type(exc).__name__ == "KilledWorker":
                    error = TaskError("worker-crashed", f"Dask workers died repeatedly while processing this ({exc})")
                else:
                    error = TaskError("internal-error", f"Dask task {fut.status}: {exc!r}")
                outcomes.append(Outcome(job.key, None, error))
            fut.release()
        return outcomes

    def shutdown(self, *, kill: bool = False) -> None:
        if self._futures:
            self._client.cancel(list(self._futures))
            self._futures.clear()
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(kind: str, workers: int, scheduler: str | None = None) -> TaskExecutor:
    if kind == "local":
        if scheduler:
            raise UsageError("--scheduler needs --executor dask")
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(workers, scheduler)
    raise UsageError(f"unknown executor {kind!r}; use local or dask")
