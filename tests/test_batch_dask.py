"""The Dask executor gives the same bytes as the local process pool."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _batch_support import make_inputs, outputs
from pipeline.batch import run_batch
from pipeline.options import RunOptions

pytest.importorskip("distributed")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_dask_local_cluster_matches_local_executor(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, images=3, texts=2)
    base = dict(correct=False, segment=False, workers=2)
    local = run_batch([src], tmp_path / "local", RunOptions(**base), "none")
    # no --scheduler: a LocalCluster of 2 single-threaded worker processes
    dask = run_batch([src], tmp_path / "dask", RunOptions(**base, executor="dask"), "none")
    assert local.exit_code == 0 and dask.exit_code == 0
    assert dask.files_done == 5 and dask.pages_done == 5
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
