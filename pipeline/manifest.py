"""The batch manifest: what is finished in an output directory, and under which key.

Stored as SQLite in ``OUT/manifest.sqlite`` (stdlib ``sqlite3``), because:

* it is transactional: a ``kill -9`` in the middle of an update leaves the
  last committed state (SQLite rolls a hot journal back on the next open),
  where a rewritten ``manifest.json`` could be torn and an appended JSONL line
  half-written;
* one row is updated per finished file, instead of rewriting a growing JSON
  document 100,000 times in an archive-sized batch;
* an archivist can query it: ``sqlite3 OUT/manifest.sqlite "select path, reason
  from files where status = 'failed'"``.

The default rollback journal (not WAL) is used, so the file also works on the
NFS mounts that scale-out setups share.  Only the batch parent process writes
it; ``OutputLock`` keeps two runs from sharing one output directory.

A file is *finished* when its row has ``status='done'`` with no failed pages
and the same (source path, sha256 of the input, pipeline version, options
fingerprint), and ``OUT/<output>`` still exists with the recorded sha256.
Timestamps and timings live here, never in the per-file JSON, so that JSON is
byte-stable between runs.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from .errors import UsageError

__all__ = ["FileRecord", "ErrorRecord", "Manifest", "OutputLock", "MANIFEST_NAME", "utc_now"]

MANIFEST_NAME = "manifest.sqlite"
LOCK_NAME = ".kommunarkiv.lock"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,            -- running | finished | interrupted | aborted
    exit_code INTEGER,
    version TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    options TEXT NOT NULL,           -- JSON of RunOptions
    summary TEXT                     -- JSON of the BatchReport counts
);
CREATE TABLE IF NOT EXISTS files (
    output TEXT PRIMARY KEY,         -- file name in OUT, e.g. protokoll.pdf.json
    path TEXT NOT NULL,              -- absolute input path
    sha256 TEXT,                     -- of the input bytes (NULL when unreadable)
    version TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,            -- done | failed
    output_sha256 TEXT,
    pages INTEGER,
    failed_pages INTEGER NOT NULL DEFAULT 0,
    documents INTEGER,
    reason TEXT,                     -- failed files: error reason (empty, corrupt, ...)
    message TEXT,
    run_id TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    seconds REAL
);
CREATE TABLE IF NOT EXISTS errors (
    output TEXT NOT NULL,
    path TEXT NOT NULL,
    page INTEGER,                    -- NULL: the whole file failed
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    traceback TEXT
);
CREATE INDEX IF NOT EXISTS errors_output ON errors(output);
CREATE TABLE IF NOT EXISTS pages (
    output TEXT NOT NULL,
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    seconds REAL,
    PRIMARY KEY (output, number)
);
"""


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class FileRecord:
    output: str
    path: str
    sha256: str | None
    version: str
    fingerprint: str
    status: str  # done | failed
    output_sha256: str | None = None
    pages: int | None = None
    failed_pages: int = 0
    documents: int | None = None
    reason: str | None = None
    message: str | None = None
    run_id: str = ""
    finished_at: str = ""
    seconds: float | None = None


@dataclass
class ErrorRecord:
    """One line of ``errors.jsonl``: a failed file (``page`` None) or one failed page."""

    file: str
    output: str
    page: int | None
    reason: str
    message: str
    traceback: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = {"file": self.file, "output": self.output, "page": self.page, "reason": self.reason, "message": self.message}
        if self.traceback:
            d["traceback"] = self.traceback
        return d


class OutputLock:
    """An exclusive ``flock`` on ``OUT/.kommunarkiv.lock``.

    Two runs writing one directory would race on the manifest and on
    corpus.jsonl.  ``flock`` is released by the kernel when the process dies,
    even by ``kill -9``, so a crashed run never leaves a stale lock.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME
        self._fh: IO[str] | None = None

    def acquire(self) -> "OutputLock":
        fh = self._fh = open(self.path, "a+")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.close()
            self._fh = None
            raise UsageError(f"another kommunarkiv run is writing to {self.path.parent}; wait for it or choose another -o") from exc
        return self

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *_: Any) -> None:
        self.release()


class Manifest:
    """Read and update ``OUT/manifest.sqlite``. Every method commits before it returns."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self._db = sqlite3.connect(self.path, isolation_level=None)  # autocommit; explicit BEGIN below
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row["value"]) != SCHEMA_VERSION:
            raise UsageError(f"{self.path} was written by another kommunarkiv manifest version ({row['value']}); use a new -o directory")

    def close(self) -> None:
        self._db.close()

    # runs ---------------------------------------------------------------
    def begin_run(self, run_id: str, version: str, fingerprint: str, options: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO runs (run_id, started_at, status, version, fingerprint, options) VALUES (?, ?, 'running', ?, ?, ?)",
            (run_id, utc_now(), version, fingerprint, json.dumps(options, sort_keys=True)),
        )

    def end_run(self, run_id: str, status: str, exit_code: int | None, summary: dict[str, Any]) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at=?, status=?, exit_code=?, summary=? WHERE run_id=?",
            (utc_now(), status, exit_code, json.dumps(summary, sort_keys=True), run_id),
        )

    # files --------------------------------------------------------------
    def get(self, output: str) -> FileRecord | None:
        row = self._db.execute("SELECT * FROM files WHERE output=?", (output,)).fetchone()
        return FileRecord(**dict(row)) if row else None

    def record(self, rec: FileRecord, errors: Sequence[ErrorRecord],
               page_times: Sequence[tuple[int, str, float | None]] = ()) -> None:
        """Replace everything known about ``rec.output`` in one transaction."""
        cols = [f.name for f in fields(FileRecord)]
        values = asdict(rec)
        with self._transaction():
            self._db.execute(f"INSERT OR REPLACE INTO files ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [values[c] for c in cols])
            self._db.execute("DELETE FROM errors WHERE output=?", (rec.output,))
            self._db.executemany(
                "INSERT INTO errors (output, path, page, reason, message, traceback) VALUES (?, ?, ?, ?, ?, ?)",
                [(e.output, e.file, e.page, e.reason, e.message, e.traceback) for e in errors],
            )
            self._db.execute("DELETE FROM pages WHERE output=?", (rec.output,))
            self._db.executemany("INSERT INTO pages (output, number, status, seconds) VALUES (?, ?, ?, ?)",
                                 [(rec.output, n, s, t) for n, s, t in page_times])

    def set_output_sha256(self, output: str, sha: str) -> None:
        self._db.execute("UPDATE files SET output_sha256=? WHERE output=?", (sha, output))

    def done(self) -> list[FileRecord]:
        """Every file with an output, sorted by output name (the corpus order)."""
        rows = self._db.execute("SELECT * FROM files WHERE status='done' ORDER BY output").fetchall()
        return [FileRecord(**dict(r)) for r in rows]

    def errors(self) -> list[ErrorRecord]:
        """Current errors of every file in OUT, in a stable order (file, then page)."""
        rows = self._db.execute(
            "SELECT * FROM errors ORDER BY output, page IS NOT NULL, page, reason, message").fetchall()
        return [ErrorRecord(file=r["path"], output=r["output"], page=r["page"], reason=r["reason"],
                            message=r["message"], traceback=r["traceback"]) for r in rows]

    def _transaction(self):
        db = self._db

        class _Tx:
            def __enter__(self_inner) -> None:
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self_inner, exc_type: Any, *_: Any) -> None:
                db.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()


def fsync_dir(path: Path) -> None:
    """Make renames in ``path`` durable (used after the final corpus/errors writes)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
