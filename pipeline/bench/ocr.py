"""OCR benchmark: plain ``tesseract -l swe`` on the unprocessed image versus
kommunarkiv's page pipeline, on the generated degraded scans, in one run.

Both sides get one core (OMP_THREAD_LIMIT=1) and the same images; we time
whole pages including kommunarkiv's loading, preprocessing and correction,
so the comparison is what an archivist would see.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections import defaultdict
from pathlib import Path

from ..evaluate import score_text
from ..options import RunOptions
from ..stages import process_file

DEFAULT_DIR = Path("samples/generated")


def _plain_tesseract(image: Path, language: str = "swe") -> tuple[str, float]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    start = time.perf_counter()
    out = subprocess.run(["tesseract", str(image), "-", "-l", language], capture_output=True, text=True, env=env, check=False)
    return out.stdout, time.perf_counter() - start


def load_manifest(pages_dir: Path) -> list[dict]:
    manifest = json.loads((pages_dir / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"] if isinstance(manifest, dict) else manifest
    return [e for e in entries if str(e["image"]).lower().endswith((".png", ".jpg", ".jpeg", ".tif", ".tiff"))]


def run(pages_dir: Path = DEFAULT_DIR) -> list[dict]:
    entries = load_manifest(pages_dir)
    options = RunOptions(workers=1).validate()
    process_file(pages_dir / entries[0]["image"], options)  # warm-up: lexicon and spaCy loads are not page time
    per_group: dict[tuple[str, str], list[dict]] = defaultdict(list)
    all_times: list[float] = []
    for entry in entries:
        image = pages_dir / entry["image"]
        truth = (pages_dir / entry["gt"]).read_text(encoding="utf-8")
        plain_text, plain_s = _plain_tesseract(image)
        start = time.perf_counter()
        result = process_file(image, options)
        ours_s = time.perf_counter() - start
        pages = max(1, len(result.pages))
        ours_text = "\n".join(p.text for p in result.pages)
        a, b = score_text(plain_text, truth), score_text(ours_text, truth)
        per_group[(entry["quality"], entry["font"])].append(
            {"plain_cer": a.cer, "plain_wer": a.wer, "ours_cer": b.cer, "ours_wer": b.wer,
             "plain_s": plain_s / pages, "ours_s": ours_s / pages, "pages": pages})
        all_times.extend([ours_s / pages] * pages)
    rows = []
    median = statistics.median(all_times)
    for (quality, font), items in sorted(per_group.items()):
        n = sum(i["pages"] for i in items)

        def avg(key: str) -> float:
            return sum(i[key] * i["pages"] for i in items) / n

        rows.append({"quality": quality, "font": font, "pages": n,
                     "tesseract CER": avg("plain_cer"), "kommunarkiv CER": avg("ours_cer"),
                     "tesseract WER": avg("plain_wer"), "kommunarkiv WER": avg("ours_wer"),
                     "tesseract s/page": avg("plain_s"), "kommunarkiv s/page": avg("ours_s"),
                     "max/median": max(i["ours_s"] for i in items) / median})
    return rows
