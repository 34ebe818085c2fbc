"""``kommunarkiv eval``: CER/WER of a real run against the ground truth beside the scans."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import synth
from pipeline.cli import main
from pipeline.evaluate import score_text

TEXT = ("Kommunfullmäktige beslutade den 14 mars 2011 att bifalla motionen om fler cykelvägar "
        "i Umeå.\n\nFörvaltningen får i uppdrag att återkomma med en plan för genomförandet.")


def test_score_text_counts_character_and_word_errors() -> None:
    s = score_text("Kommunen beslutade att avsla motionen", "Kommunen beslutade att avslå motionen")
    assert s.words == 5
    assert s.wer == pytest.approx(1 / 5)
    assert s.cer == pytest.approx(1 / len("Kommunen beslutade att avslå motionen"))
    assert score_text("a  b\nc", "a b c").cer == 0.0  # line breaks and spacing are not errors


def test_eval_scores_a_run_against_gt_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    img = synth.render_page(TEXT, "serif", height_px=None)
    img.save(scans / "beslut.png", dpi=(300, 300))
    (scans / "beslut.gt.txt").write_text(img.info["ground_truth"], encoding="utf-8")
    (scans / "other.gt.txt").write_text("ingen körning har denna sanning", encoding="utf-8")
    assert main(["run", str(scans / "beslut.png"), "-o", str(tmp_path / "out"), "--workers", "1", "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["eval", str(tmp_path / "out"), str(scans)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["file", "CER", "WER", "words"]
    row = next(line for line in table if line.startswith("beslut.png"))
    cer = float(row.split()[1].rstrip("%")) / 100
    assert cer < 0.02, row  # a clean 300-dpi page reads almost perfectly
    assert not any(line.startswith("other") for line in table)
