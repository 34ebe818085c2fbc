"""``python -m pipeline.bench``: an unknown section is a usage error, not a traceback."""
from __future__ import annotations

from pipeline.bench.__main__ import SECTIONS, main


def test_unknown_section_prints_usage(capsys) -> None:
    assert main(["no-such-section"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and all(name in err for name in SECTIONS)


def test_help_is_usage(capsys) -> None:
    assert main(["--help"]) == 0
    assert "correction" in capsys.readouterr().err
