"""End of a batch: cross-file links and ``OUT/corpus.jsonl``.

Both are computed from the per-file JSONs in OUT (the manifest's finished
files), not from what this run happened to process, so they are also right
after a resumed run in which most files were skipped.

Loading JSON back into the model uses pydantic's ``TypeAdapter``, which
validates and converts plain dicts into the stdlib dataclasses of
``pipeline.model`` (lists -> tuples, nested dataclasses) without a
hand-written ``from_dict`` that would have to follow every model change.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from .export import dumps, validate_output
from .fsutil import atomic_write_bytes
from .manifest import Manifest
from .model import FileResult

__all__ = ["CORPUS_NAME", "load_result", "link_and_write_corpus", "corpus_rows"]

CORPUS_NAME = "corpus.jsonl"
CORPUS_FIELDS = ("type", "title", "municipality", "date", "diarienummer", "authors", "proposals",
                 "decision_proposal", "responds_to", "page_range")


@lru_cache(maxsize=1)
def _adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(FileResult)


def load_result(data: dict[str, Any]) -> FileResult:
    """A ``FileResult`` from its JSON dict (as written by the batch)."""
    return _adapter().validate_python(data)


def _normalized(obj: Any) -> Any:
    return json.loads(json.dumps(obj, ensure_ascii=False))


def corpus_rows(output: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    src = data["source"]
    rows = []
    for i, doc in enumerate(data.get("documents") or []):
        row = {"file": src["name"], "output": output, "path": src["path"], "sha256": src["sha256"], "document": i}
        row.update({k: doc.get(k) for k in CORPUS_FIELDS})
        rows.append(row)
    return rows


def link_and_write_corpus(out_dir: Path, manifest: Manifest) -> list[str]:
    """Link replies to motions across files, rewrite the JSONs that changed, write corpus.jsonl.

    Returns the output names that were rewritten.  Files are visited in
    output-name order, so the corpus order is stable.
    """
    records = [r for r in manifest.done() if (out_dir / r.output).is_file()]
    # Keep only what linking and the corpus need: an archive's word boxes would not fit in memory.
    loaded: list[tuple[str, dict[str, Any]]] = []
    for rec in records:
        try:
            data = json.loads((out_dir / rec.output).read_bytes())
        except (OSError, ValueError):
            continue  # vanished or damaged since the manifest row was written: the next run redoes it
        data["pages"] = [dict(p, words=[], lines=[]) for p in data["pages"]]
        loaded.append((rec.output, data))
    rewritten: list[str] = []
    if loaded:
        from .segment import link_responses

        results = [load_result(d) for _, d in loaded]
        link_responses(results)
        for (output, data), result in zip(loaded, results):
            new_docs = _normalized([asdict(doc) for doc in result.documents])
            if new_docs == data.get("documents"):
                continue
            data["documents"] = new_docs
            full = json.loads((out_dir / output).read_bytes())
            full["documents"] = new_docs
            validate_output(full)
            blob = dumps(full)
            atomic_write_bytes(out_dir / output, blob)
            manifest.set_output_sha256(output, hashlib.sha256(blob).hexdigest())
            rewritten.append(output)
    lines = [json.dumps(row, ensure_ascii=False) + "\n" for output, data in loaded for row in corpus_rows(output, data)]
    atomic_write_bytes(out_dir / CORPUS_NAME, "".join(lines).encode("utf-8"))
    return rewritten
