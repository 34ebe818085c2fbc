"""``kommunarkiv correct``: lines kept exactly, every change in the report and undoable."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.cli import main

SAMPLE = Path(__file__).parent.parent / "samples" / "corpus" / "tyreso-2009-kommunforbund.ocr.txt"


def undo(corrected: list[str], raw: list[str], report: list[dict]) -> list[str]:
    """Rebuild the raw lines from the corrected ones using only the report's offsets."""
    out = list(corrected)
    by_line: dict[int, list[dict]] = {}
    for c in report:
        if c["applied"]:
            by_line.setdefault(c["line"], []).append(c)
    for i, changes in by_line.items():
        line, pos, shift = out[i], 0, 0
        rebuilt = []
        for c in sorted(changes, key=lambda c: c["start"]):
            start = c["start"] + shift  # where the change begins in the corrected line
            rebuilt.append(line[pos:start])
            assert line[start:start + len(c["correction"])] == c["correction"], (i, c)
            rebuilt.append(c["original"])
            pos = start + len(c["correction"])
            shift += len(c["correction"]) - (c["end"] - c["start"])
        rebuilt.append(line[pos:])
        out[i] = "".join(rebuilt)
    return out


def test_correct_keeps_lines_and_the_report_undoes_every_change(tmp_path: Path) -> None:
    out, report = tmp_path / "fixed.txt", tmp_path / "corrections.jsonl"
    assert main(["correct", str(SAMPLE), "-o", str(out), "--report", str(report)]) == 0
    raw = SAMPLE.read_text(encoding="utf-8").split("\n")
    fixed = out.read_text(encoding="utf-8").split("\n")
    assert len(fixed) == len(raw)
    assert [len(a) - len(a.lstrip()) for a in fixed] == [len(a) - len(a.lstrip()) for a in raw]
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    applied = [r for r in rows if r["applied"]]
    assert len(applied) > 300, "English-model OCR of Swedish needs hundreds of corrections"
    for r in applied:
        assert raw[r["line"]][r["start"]:r["end"]] == r["original"], r
        assert r["method"] and isinstance(r["score"], float)
    assert undo(fixed, raw, rows) == raw


def test_correcting_the_output_again_changes_nothing(tmp_path: Path) -> None:
    once, twice = tmp_path / "once.txt", tmp_path / "twice.txt"
    assert main(["correct", str(SAMPLE), "-o", str(once)]) == 0
    assert main(["correct", str(once), "-o", str(twice)]) == 0
    assert once.read_bytes() == twice.read_bytes()
