"""Character and word error rates of a run against ground truth (jiwer).

Whitespace is normalised before scoring: line breaks depend on the renderer
and the OCR engine's layout analysis, and an archivist searching the text
does not care where a line broke, only whether the words are right.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jiwer

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class Score:
    name: str
    cer: float
    wer: float
    words: int


def score_text(hypothesis: str, truth: str, name: str = "") -> Score:
    hyp, ref = normalize(hypothesis), normalize(truth)
    if not ref:
        return Score(name, 0.0 if not hyp else 1.0, 0.0 if not hyp else 1.0, 0)
    return Score(name, jiwer.cer(ref, hyp), jiwer.wer(ref, hyp), len(ref.split()))


def _truth_for(result_json: Path, truth: Path) -> Path | None:
    if truth.is_file():
        return truth
    name = result_json.name.removesuffix(".json")
    stem = Path(name).stem
    for candidate in (truth / f"{stem}.gt.txt", truth / f"{name}.gt.txt"):
        if candidate.is_file():
            return candidate
    found = sorted(truth.rglob(f"{stem}.gt.txt"))
    return found[0] if found else None


def evaluate_run(run_dir: Path, truth: Path) -> str:
    """Score every ``<name>.json`` in ``run_dir`` that has a ``.gt.txt``; return a table."""
    rows: list[Score] = []
    for result_json in sorted(run_dir.glob("*.json")):
        if result_json.name in {"manifest.json"}:
            continue
        gt = _truth_for(result_json, truth)
        if gt is None:
            continue
        data = json.loads(result_json.read_text(encoding="utf-8"))
        text = "\n".join(p["text"] for p in data.get("pages", []))
        rows.append(score_text(text, gt.read_text(encoding="utf-8"), data["source"]["name"]))
    if not rows:
        return f"no outputs in {run_dir} have ground truth in {truth}"
    width = max(len(r.name) for r in rows)
    lines = [f"{'file':<{width}}  {'CER':>7}  {'WER':>7}  words"]
    lines += [f"{r.name:<{width}}  {r.cer:7.2%}  {r.wer:7.2%}  {r.words}" for r in rows]
    total = sum(r.words for r in rows) or 1
    cer = sum(r.cer * r.words for r in rows) / total
    wer = sum(r.wer * r.words for r in rows) / total
    lines.append(f"{'all (word-weighted)':<{width}}  {cer:7.2%}  {wer:7.2%}  {total}")
    return "\n".join(lines)
