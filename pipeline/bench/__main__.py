"""``make bench``: run every benchmark and print its table.

``python -m pipeline.bench [ocr correction segmentation throughput]`` runs a
subset.  Each section is independent, so one failing section is reported
and the others still run.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor

from . import run_section

SECTIONS = {
    "ocr": "OCR: plain tesseract -l swe vs kommunarkiv on degraded scans",
    "correction": "Correction: Swedish OCR post-correction",
    "segmentation": "Segmentation: per-field accuracy on plain text",
    "scans": "Segmentation end to end: the same documents rendered as degraded scans",
    "throughput": "Throughput: pages per minute, 1 and 2 workers",
}


def format_table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    cols = list(dict.fromkeys(k for r in rows for k in r))

    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.4f}" if abs(v) < 10 else f"{v:.1f}"
        return "" if v is None else str(v)

    table = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in table)) for i, c in enumerate(cols)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(cols, widths)), "-|-".join("-" * w for w in widths)]
    lines += [" | ".join(v.rjust(w) if v[:1].isdigit() or v[:1] == "-" else v.ljust(w) for v, w in zip(row, widths)) for row in table]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    unknown = [a for a in argv if a not in SECTIONS]
    if unknown:  # "--help" included: the usage, not a traceback from a spawned process
        print(f"usage: python -m pipeline.bench [{' '.join(SECTIONS)}]", file=sys.stderr)
        for name, title in SECTIONS.items():
            print(f"  {name:13s} {title}", file=sys.stderr)
        return 0 if unknown in (["--help"], ["-h"]) else 2
    wanted = argv or list(SECTIONS)
    failed = 0
    for name in wanted:
        print(f"\n## {SECTIONS.get(name, name)}\n", flush=True)
        start = time.perf_counter()
        try:
            # Each section in a fresh process: its peak memory and load times are its own,
            # not inflated by the sections that ran before it.
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
                rows = pool.submit(run_section, name).result()
            print(format_table(rows))
        except Exception:  # a broken section must not hide the others' figures
            failed += 1
            traceback.print_exc()
        print(f"\n({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
