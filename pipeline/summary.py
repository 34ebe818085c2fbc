"""``python -m pipeline.summary OUT``: what a finished run produced, at a glance.

Read back from OUT (the per-file JSON and the manifest) rather than from the
run's memory, so it is right after a resumed run too; ``make run`` prints it.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path


def summarize(out_dir: Path) -> str:
    files = pages = ocr_pages = failed = corrections = 0
    confidences: list[float] = []
    kinds: Counter[str] = Counter()
    doc_types: Counter[str] = Counter()
    proposals = 0
    for path in sorted(out_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "schema_version" not in data:
            continue
        files += 1
        kinds[data["source"]["kind"]] += 1
        for page in data["pages"]:
            pages += 1
            failed += page["status"] == "failed"
            corrections += len(page["corrections"])
            if page["origin"] == "ocr" and page["mean_confidence"] is not None:
                ocr_pages += 1
                confidences.append(page["mean_confidence"])
        for doc in data["documents"]:
            doc_types[doc["type"]] += 1
            proposals += len(doc["proposals"])
    seconds = None
    manifest = out_dir / "manifest.sqlite"
    if manifest.exists():
        with sqlite3.connect(f"file:{manifest}?mode=ro", uri=True) as db:
            seconds = db.execute("SELECT sum(seconds) FROM pages").fetchone()[0]
    errors = out_dir / "errors.jsonl"
    n_errors = sum(1 for _ in errors.open(encoding="utf-8")) if errors.exists() else 0
    lines = [
        f"output:        {out_dir}",
        f"files:         {files} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})",
        f"pages:         {pages} ({ocr_pages} OCR'd, {failed} failed)",
        f"OCR confidence: {sum(confidences) / len(confidences):.1f} mean" if confidences else "OCR confidence: (no OCR pages)",
        f"corrections:   {corrections}",
        f"documents:     {sum(doc_types.values())} ({', '.join(f'{n} {t}' for t, n in sorted(doc_types.items()))}), {proposals} proposals",
        f"page time:     {seconds:.1f} s of worker time" if seconds else "page time:     (no manifest)",
        f"errors:        {n_errors} (see errors.jsonl)" if n_errors else "errors:        none",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summarize(Path(sys.argv[1] if len(sys.argv) > 1 else "out")))
