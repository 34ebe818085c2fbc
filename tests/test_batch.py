"""Batch runs: expansion and naming, bad inputs, resume, --force, kill -9, exit codes.

Everything is real: rendered PNGs through Tesseract, files damaged on disk,
a PDF encrypted by qpdf, the CLI as a subprocess killed with SIGKILL.  Most
runs pass ``--no-correct --no-segment`` to keep the suite fast on two cores;
``test_full_pipeline_corpus`` runs every stage once.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from _batch_support import ROOT, cli, events, make_inputs, outputs, render_image, run_cli
from pipeline.batch import run_batch
from pipeline.batch_inputs import assign_outputs, collect_inputs
from pipeline.errors import ExitCode, UsageError
from pipeline.options import RunOptions

FAST = ("--no-correct", "--no-segment")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


# ------------------------------------------------------------------ inputs and names


def test_collect_skips_sidecars_and_output_dir(tmp_path: Path) -> None:
    d = tmp_path / "arkiv"
    (d / "sub").mkdir(parents=True)
    (d / ".git").mkdir()
    for name in ["b.png", "a.txt", "a.gt.txt", "manifest.json", "a.expected.json", "notes.md", ".DS_Store",
                 "sub/c.PDF", "sub/d.ocr.txt", "sub/truth.jsonl", ".git/x.txt", "data.csv"]:
        (d / name).write_bytes(b"x")
    out = d / "out"
    out.mkdir()
    (out / "a.txt.json").write_bytes(b"{}")
    (out / "old.txt").write_bytes(b"x")
    inputs, skipped = collect_inputs([d], out)
    assert [p.relative_to(d).as_posix() for p in inputs] == ["a.txt", "b.png", "sub/c.PDF", "sub/d.ocr.txt"]
    assert all(p.is_absolute() for p in inputs)
    assert {p.name for p in skipped} == {"a.gt.txt", "manifest.json", "a.expected.json", "notes.md", ".DS_Store",
                                         "truth.jsonl", "data.csv"}
    # named explicitly: always an input, and never twice
    inputs, _ = collect_inputs([d / "notes.md", d, d / "a.txt"], out)
    assert [p.name for p in inputs].count("a.txt") == 1 and inputs[0].name == "notes.md"
    with pytest.raises(UsageError):
        collect_inputs([tmp_path / "saknas"], None)


def test_samples_directory_expansion() -> None:
    """What an archivist points it at: samples/ with scans, ground truth, texts and a corpus."""
    inputs, skipped = collect_inputs([ROOT / "samples"], None)
    names = {p.name for p in inputs}
    assert not any(n.endswith((".gt.txt", ".json", ".md")) for n in names)
    assert {p.name for p in (ROOT / "samples" / "texts").glob("*.txt")} <= names
    assert {p.name for p in (ROOT / "samples" / "corpus").glob("*.txt")} <= names
    assert any(p.name.endswith(".json") for p in skipped)


def test_name_collisions_get_distinct_stable_names(tmp_path: Path) -> None:
    paths = [tmp_path / "2011/ks/protokoll.pdf", tmp_path / "2012/ks/protokoll.pdf", tmp_path / "2012/kf/PROTOKOLL.pdf",
             tmp_path / "annat.png"]
    items = assign_outputs(paths)
    names = [i.output for i in items]
    assert names == ["2011__ks__protokoll.pdf.json", "2012__ks__protokoll.pdf.json", "2012__kf__PROTOKOLL.pdf.json",
                     "annat.png.json"]
    assert [i.output for i in assign_outputs(list(reversed(paths)))] == list(reversed(names))  # order-independent
    # names that differ only in case would clash on SMB/macOS shares: a path hash separates them
    clash = assign_outputs([tmp_path / "a/KS/p.pdf", tmp_path / "a/ks/p.pdf"])
    assert len({i.output.casefold() for i in clash}) == 2
    assert all(i.output.startswith(("KS__p.pdf.", "ks__p.pdf.")) for i in clash)


def test_collisions_do_not_overwrite(tmp_path: Path) -> None:
    for sub, text in [("a", "Första mappen."), ("b", "Andra mappen.")]:
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "protokoll.txt").write_text(text + "\n", encoding="utf-8")
    report = run_batch([tmp_path / "in"], tmp_path / "out", RunOptions(correct=False, segment=False, workers=1), "none")
    assert report.exit_code == ExitCode.ok
    a = json.loads((tmp_path / "out" / "a__protokoll.txt.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "out" / "b__protokoll.txt.json").read_text(encoding="utf-8"))
    assert a["pages"][0]["text"] == "Första mappen." and b["pages"][0]["text"] == "Andra mappen."


def test_no_inputs_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "manifest.json").write_text("{}")
    proc = run_cli("run", tmp_path / "in", "-o", tmp_path / "out", *FAST)
    assert proc.returncode == ExitCode.usage, proc.stderr
    assert "no input files" in proc.stderr


# ------------------------------------------------------------------ failures


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good inputs next to every kind of bad one an archive export produces."""
    d = tmp_path_factory.mktemp("mixed")
    good = render_image(d / "bra-skanning.png", "Kommunfullmäktige i Lund\nMotion om meröppna bibliotek")
    (d / "bra.txt").write_text("Kommunstyrelsen beslutar att bifalla motionen.\n", encoding="utf-8")
    (d / "gammal-export.txt").write_bytes("Kommunfullmäktige i Västerås beslöt att återremittera ärendet.\n".encode("cp1252"))
    (d / "tom.txt").write_bytes(b"")
    data = good.read_bytes()
    (d / "avbruten.png").write_bytes(data[: len(data) // 2])  # truncated transfer
    (d / "felsida.png").write_text("<html><body>404 Not Found</body></html>\n", encoding="utf-8")
    from PIL import Image

    Image.open(good).convert("L").save(d / "klartext.pdf", format="PDF", resolution=300)
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(d / "klartext.pdf"), str(d / "krypterad.pdf")],
                   check=True)
    (d / "klartext.pdf").unlink()
    (d / "bra-skanning.gt.txt").write_text("ground truth, not an input\n", encoding="utf-8")
    return d


@needs_tesseract
def test_bad_inputs_are_isolated(mixed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", mixed_dir, "-o", out, "--workers", "2", "--progress", "json", *FAST)
    assert proc.returncode == ExitCode.some_inputs_failed, proc.stderr
    evs = events(proc.stdout)
    assert evs[-1]["event"] == "batch-done" and evs[-1]["exit_code"] == 1
    assert {p.name for p in out.glob("*.json")} == {"bra-skanning.png.json", "bra.txt.json", "gammal-export.txt.json"}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {Path(e["file"]).name: e["reason"] for e in errors} == {
        "tom.txt": "empty", "avbruten.png": "corrupt", "felsida.png": "unsupported", "krypterad.pdf": "encrypted"}
    assert all(e["page"] is None and e["message"] for e in errors)
    # one clear line per failure and per warning, naming the file
    lines = proc.stderr.splitlines()
    for name in ["tom.txt", "avbruten.png", "felsida.png", "krypterad.pdf"]:
        assert sum(name in ln and "FAILED" in ln for ln in lines) == 1, proc.stderr
    assert any("gammal-export.txt" in ln and "cp1252" in ln for ln in lines), proc.stderr
    old = json.loads((out / "gammal-export.txt.json").read_text(encoding="utf-8"))
    assert old["source"]["encoding"] == "cp1252" and "Västerås" in old["pages"][0]["text"]
    assert not list(out.glob(".*.part"))


@needs_tesseract
def test_missing_language_aborts_with_exit_3(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", images=1, texts=0)
    proc = run_cli("run", tmp_path / "in", "-o", tmp_path / "out", "--lang", "xqz", "--workers", "1", *FAST)
    assert proc.returncode == ExitCode.missing_dependency, proc.stderr
    assert "xqz" in proc.stderr


def test_all_inputs_failed_exit_4(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"")
    (tmp_path / "in" / "b.png").write_bytes(b"not a png")
    report = run_batch([tmp_path / "in"], tmp_path / "out", RunOptions(correct=False, segment=False, workers=1), "none")
    assert report.exit_code == ExitCode.all_inputs_failed
    assert report.files_failed == 2 and len(report.failures) == 2


# ------------------------------------------------------------------ resume and force


@needs_tesseract
def test_resume_skips_finished_and_force_redoes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, images=2, texts=2)
    (src / "tom.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = run_cli("run", src, "-o", out, "--workers", "2", "--progress", "json", *FAST)
    assert first.returncode == 1, first.stderr
    ev1 = events(first.stdout)
    assert {e["event"] for e in ev1} >= {"batch-start", "file-start", "page-done", "file-done", "file-failed", "batch-done"}
    assert all(isinstance(e["elapsed"], (int, float)) for e in ev1)
    before = outputs(out)

    second = run_cli("run", src, "-o", out, "--workers", "2", "--progress", "json", *FAST)
    assert second.returncode == 1
    ev2 = events(second.stdout)
    assert sorted(e["output"] for e in ev2 if e["event"] == "file-skipped") == sorted(n for n in before if n.endswith(".json"))
    assert not [e for e in ev2 if e["event"] in ("page-done", "file-start", "file-done")]
    assert [e["reason"] for e in ev2 if e["event"] == "file-failed"] == ["empty"]  # still reported, not retried
    assert ev2[-1]["files_skipped"] == 4 and ev2[-1]["files_failed"] == 1
    assert outputs(out) == before

    # a changed input is redone; a deleted output is redone
    (src / "text-00.txt").write_text("Ändrad text om kommunens budget.\n", encoding="utf-8")
    (out / "sida-01.png.json").unlink()
    third = run_cli("run", src, "-o", out, "--workers", "2", "--progress", "json", *FAST)
    done3 = sorted(e["output"] for e in events(third.stdout) if e["event"] == "file-done")
    assert done3 == ["sida-01.png.json", "text-00.txt.json"]
    assert (out / "sida-01.png.json").read_bytes() == before["sida-01.png.json"]

    forced = run_cli("run", src, "-o", out, "--workers", "2", "--progress", "json", "--force", *FAST)
    ev4 = events(forced.stdout)
    assert not [e for e in ev4 if e["event"] == "file-skipped"]
    assert len([e for e in ev4 if e["event"] == "file-done"]) == 4
    with sqlite3.connect(out / "manifest.sqlite") as db:
        runs = db.execute("select status, exit_code from runs order by started_at").fetchall()
        assert runs == [("finished", 1)] * 4
        keys = db.execute("select count(distinct fingerprint), count(distinct version) from files").fetchone()
        assert keys == (1, 1)


# ------------------------------------------------------------------ kill -9


@needs_tesseract
def test_sigkill_then_rerun_is_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, images=6, texts=3)
    reference = tmp_path / "reference"
    ref = run_cli("run", src, "-o", reference, "--workers", "2", *FAST)
    assert ref.returncode == 0, ref.stderr

    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(cli("run", src, "-o", out, "--workers", "2", "--progress", "none", *FAST),
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if list(out.glob("*.png.json")) and proc.poll() is None:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the parent, its workers and their tesseracts
    finally:
        proc.wait()
    done = {p.name for p in out.glob("*.json")}
    assert done and len(done) < 9, done
    for p in out.glob("*.json"):  # whatever is visible is complete
        json.loads(p.read_bytes())

    rerun = run_cli("run", src, "-o", out, "--workers", "2", "--progress", "json", *FAST)
    assert rerun.returncode == 0, rerun.stderr
    skipped = {e["output"] for e in events(rerun.stdout) if e["event"] == "file-skipped"}
    # A kill between the output's rename and its manifest commit redoes that one file (same bytes).
    assert skipped <= done and len(skipped) >= len(done) - 1, (skipped, done)
    assert outputs(out) == outputs(reference)
    assert len([n for n in outputs(out) if n.endswith(".json")]) == 9
    assert not list(out.glob(".*.part"))


@needs_tesseract
def test_sigterm_is_an_interrupt(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, images=4, texts=0)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(cli("run", src, "-o", tmp_path / "out", "--workers", "1", "--progress", "json", *FAST),
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stdout:  # wait until work has started
        if json.loads(line)["event"] == "file-start":
            break
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.interrupted, err
    assert "interrupted" in err
    with sqlite3.connect(tmp_path / "out" / "manifest.sqlite") as db:
        assert db.execute("select status from runs").fetchall() == [("interrupted",)]


# ------------------------------------------------------------------ every stage


def test_full_pipeline_corpus(tmp_path: Path) -> None:
    """Correction, segmentation and cross-file links on the project's sample texts."""
    texts = ROOT / "samples" / "texts"
    src = tmp_path / "in"
    src.mkdir()
    for name in ["umea-2011-motion-cykelvagar.txt", "umea-2011-yttrande-cykelvagar.txt", "gavle-1998-motion-seniorkort.txt"]:
        shutil.copy(texts / name, src / name)
    out = tmp_path / "out"
    report = run_batch([src], out, RunOptions(workers=2), "none")
    assert report.exit_code == ExitCode.ok
    rows = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and [(r["output"], r["document"]) for r in rows] == sorted((r["output"], r["document"]) for r in rows)
    assert set(rows[0]) >= {"file", "sha256", "document", "type", "title", "municipality", "date", "diarienummer",
                            "authors", "proposals", "decision_proposal", "responds_to", "page_range"}
    import pipeline.segment

    if not hasattr(pipeline.segment, "link_responses"):
        return
    reply = [r for r in rows if r["file"] == "umea-2011-yttrande-cykelvagar.txt" and r["responds_to"]]
    assert reply and reply[0]["responds_to"]["file"] == "umea-2011-motion-cykelvagar.txt"
    # a resumed run (everything skipped) gives the same corpus and per-file JSON
    before = outputs(out)
    again = run_batch([src], out, RunOptions(workers=2), "none")
    assert again.files_skipped == 3 and outputs(out) == before
    # as after a kill: the motion's output is gone, the (already linked) reply is kept
    (out / "umea-2011-motion-cykelvagar.txt.json").unlink()
    third = run_batch([src], out, RunOptions(workers=2), "none")
    assert (third.files_done, third.files_skipped) == (1, 2) and outputs(out) == before


@needs_tesseract
def test_failed_page_is_recorded_and_retried(tmp_path: Path) -> None:
    """A page over --page-timeout fails alone; the rerun retries it (timeouts can be transient)."""
    src = tmp_path / "in"
    make_inputs(src, images=1, texts=1)
    out = tmp_path / "out"
    first = run_cli("run", src, "-o", out, "--workers", "1", "--page-timeout", "0.01", "--progress", "json", *FAST)
    assert first.returncode == ExitCode.some_inputs_failed, first.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["file"]).name, e["page"], e["reason"]) for e in errors] == [("sida-00.png", 1, "timeout")]
    page = json.loads((out / "sida-00.png.json").read_text(encoding="utf-8"))["pages"][0]
    assert page["status"] == "failed" and page["error"].startswith("timeout")
    failed_events = [e for e in events(first.stdout) if e["event"] == "page-done" and e["status"] == "failed"]
    assert failed_events and failed_events[0]["reason"] == "timeout"
    assert sum("sida-00.png page 1" in ln for ln in first.stderr.splitlines()) == 1

    second = run_cli("run", src, "-o", out, "--workers", "1", "--progress", "json", *FAST)
    assert second.returncode == 0, second.stderr
    ev = events(second.stdout)
    # page_timeout is part of the options fingerprint, so both files are redone here
    assert "sida-00.png.json" in [e["output"] for e in ev if e["event"] == "file-done"]
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""
    page = json.loads((out / "sida-00.png.json").read_text(encoding="utf-8"))["pages"][0]
    assert page["status"] == "ok" and page["text"]


def test_second_run_on_same_output_is_refused(tmp_path: Path) -> None:
    from pipeline.manifest import OutputLock

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kommunstyrelsen.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".a.txt.json.abc123.part").write_bytes(b"{half")  # left by a killed run
    with OutputLock(tmp_path / "out"):
        with pytest.raises(UsageError, match="another kommunarkiv run"):
            run_batch([tmp_path / "in"], tmp_path / "out", RunOptions(correct=False, segment=False, workers=1), "none")
    report = run_batch([tmp_path / "in"], tmp_path / "out", RunOptions(correct=False, segment=False, workers=1), "none")
    assert report.exit_code == ExitCode.ok
    assert not list((tmp_path / "out").glob(".*.part"))
