"""Shared helpers for the batch tests: real inputs, a real CLI subprocess.

Images are rendered with ``pipeline.synth`` (DejaVu/Liberation fonts) from
short Swedish texts written for these tests, small enough that Tesseract
takes about a second per page, so the batch tests stay within a couple of
minutes on two busy cores.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "Kommunfullmäktige i Umeå\nMotion om cykelvägar\nVi föreslår att kommunen bygger fler cykelvägar till skolorna.",
    "Kommunstyrelsen 2012-05-21\nÄrende 4: Budget för äldreomsorgen\nBeslut: förslaget bifalls.",
    "Yttrande över motion om laddplatser\nNämnden anser att motionen ska avslås.",
    "Protokollsutdrag från kommunfullmäktige\nParagraf 17 Taxa för bygglov\nTaxan fastställs enligt bilaga.",
    "Motion om fler bänkar i parkerna\nÄldre personer behöver kunna vila under promenaden.",
    "Medborgarförslag om hundrastgård\nFörslagsställaren önskar en inhägnad yta vid sjön.",
    "Kultur- och fritidsnämnden\nBidrag till föreningar för år 2019 fördelas enligt förslaget.",
    "Socialnämnden 1998-03-02\nRapport om hemtjänsten i Gävle kommun lämnas till handlingarna.",
]

PROSE = [
    "Kommunstyrelsen föreslår att fullmäktige beslutar att anta den nya planen för skolskjutsar.",
    "Motionären vill att kommunen utreder möjligheten att öppna biblioteken på söndagar.",
    "Nämnden har i sitt yttrande framhållit att kostnaderna måste rymmas inom budgeten.",
]


def render_image(path: Path, text: str) -> Path:
    from pipeline import synth

    img = synth.render_page(text, "sans", width_px=1300, height_px=None)
    img.save(path, format="PNG", dpi=(300, 300))
    return path


def make_inputs(directory: Path, images: int, texts: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    made = [render_image(directory / f"sida-{i:02d}.png", TEXTS[i % len(TEXTS)]) for i in range(images)]
    for i in range(texts):
        p = directory / f"text-{i:02d}.txt"
        p.write_text(PROSE[i % len(PROSE)] + "\n", encoding="utf-8")
        made.append(p)
    return made


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *map(str, args)]


def run_cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def events(stdout: str) -> list[dict]:
    """Every stdout line of ``--progress json`` must be one JSON object."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def outputs(out_dir: Path) -> dict[str, bytes]:
    """The user-visible results: per-file JSON, corpus and errors (not the manifest)."""
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())
            if p.suffix in {".json", ".jsonl"} and not p.name.startswith(".")}


def crash_on(value: str) -> str:
    """For the executor test: kill the worker process outright on "boom" (like a segfault)."""
    if value == "boom":
        os._exit(70)
    if value == "sigkill":  # what the out-of-memory killer does
        os.kill(os.getpid(), signal.SIGKILL)
    return value.upper()
