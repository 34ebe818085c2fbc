"""Executors: a worker that dies takes only its own call with it.

``crash_on("boom")`` ends its worker process with ``os._exit`` - a real
crash as the pool sees a segfault or the OOM killer, not a mock.
"""
from __future__ import annotations

from _batch_support import crash_on
from pipeline.executors import LocalExecutor


def _drain(ex: LocalExecutor) -> dict:
    got = {}
    while ex.in_flight:
        for oc in ex.next_outcomes(30):
            got[oc.key] = oc
    return got


def test_broken_pool_loses_only_the_crashing_call() -> None:
    values = ["a", "b", "boom", "c", "d", "e"]
    with LocalExecutor(2) as ex:
        for v in values:
            ex.submit(v, crash_on, v)
        got = _drain(ex)
        assert set(got) == set(values)
        assert got["boom"].error is not None and got["boom"].error.reason == "worker-crashed"
        assert "exit code 70" in got["boom"].error.message, got["boom"].error
        for v in values:
            if v != "boom":
                assert got[v].error is None and got[v].value == v.upper(), got[v]
        assert ex.restarts >= 1
        # the restarted pool keeps working
        ex.submit("after", crash_on, "after")
        assert _drain(ex)["after"].value == "AFTER"


def test_a_killed_worker_is_reported_with_its_signal() -> None:
    with LocalExecutor(1) as ex:
        ex.submit("sigkill", crash_on, "sigkill")
        got = _drain(ex)
    err = got["sigkill"].error
    assert err is not None and err.reason == "worker-crashed"
    assert "SIGKILL" in err.message and "out-of-memory" in err.message, err


def test_exceptions_become_task_errors() -> None:
    with LocalExecutor(1) as ex:
        ex.submit("bad", crash_on, 42)  # 42.upper() -> AttributeError inside the worker
        got = _drain(ex)
    err = got["bad"].error
    assert err is not None and err.reason == "internal-error"
    assert err.message.startswith("AttributeError") and "\n" not in err.message
    assert "crash_on" in (err.traceback or "")


def test_submit_after_an_unseen_crash_waits_for_the_restart() -> None:
    """A worker can die between two looks of ours: a submit then meets a broken pool.  That call never
    ran, so it must wait for the restart and run, not raise (this raced in the first test)."""
    import time

    with LocalExecutor(1) as ex:
        ex.submit("boom", crash_on, "boom")
        deadline = time.monotonic() + 30
        # white-box wait: the pool's own flag, set by its manager thread when the worker dies
        while not getattr(ex._pool, "_broken", False) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ex._pool._broken
        for v in ("a", "b"):
            ex.submit(v, crash_on, v)
        got = _drain(ex)
        assert got["boom"].error is not None and got["boom"].error.reason == "worker-crashed"
        assert got["a"].value == "A" and got["b"].value == "B"
