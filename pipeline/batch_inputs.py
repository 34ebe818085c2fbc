"""Which files a batch processes, and what each output file is called.

Expansion (``kommunarkiv run DIR_OR_FILES...``):

* A file named on the command line is always processed, whatever its name
  (``plan_file`` sniffs the bytes and fails it clearly if it is unsupported).
* A directory is searched recursively, in sorted order, for files whose
  extension is an input type: ``.png .jpg .jpeg .tif .tiff .pdf .txt .text
  .ocr`` (any case).  Skipped: hidden files and directories (``.DS_Store``,
  ``.git``, our own ``.part`` temp files), ground truth ``*.gt.txt``, and
  everything else an archive folder holds beside scans (``manifest.json``,
  ``*.expected.json``, ``*.jsonl``, ``*.md``, ``*.csv``, ``Thumbs.db`` ...).
  Skipped files are counted, not failed, so a folder with sidecar metadata
  still exits 0.  Symlinked directories are not followed (loops).
* The output directory is never read as input, even when it lies inside an
  input directory.
* The same file reached twice (``run dir dir/a.png``) is processed once.

Naming: ``OUT/<input file name>.json`` (``protokoll.pdf`` ->
``protokoll.pdf.json``; the extension is kept so ``a.png`` and ``a.pdf`` do
not collide).  When several inputs share a name (compared case-insensitively,
since archives live on SMB/macOS shares), *each* of them is named by its path
relative to their deepest common directory, ``/`` replaced by ``__``:
``2011/ks/protokoll.pdf`` and ``2012/ks/protokoll.pdf`` become
``2011__ks__protokoll.pdf.json`` and ``2012__ks__protokoll.pdf.json``.  The
rule depends only on the set of inputs, not on their order, so a rerun of
the same batch gives the same names.  (Should a flattened name still clash,
a short hash of the absolute path is appended.)
"""
from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

__all__ = ["InputItem", "INPUT_SUFFIXES", "collect_inputs", "assign_outputs"]

INPUT_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".txt", ".text", ".ocr"}
GROUND_TRUTH_SUFFIX = ".gt.txt"


@dataclass(frozen=True)
class InputItem:
    path: Path  # absolute (not symlink-resolved: the path the archivist sees is the one recorded)
    output: str  # file name in OUT


def _is_candidate(name: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or lower.endswith(GROUND_TRUTH_SUFFIX):
        return False
    return os.path.splitext(lower)[1] in INPUT_SUFFIXES


def _walk(directory: Path, exclude: Path | None, skipped: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        root_path = Path(root)
        kept = []
        for d in sorted(dirs):
            sub = root_path / d
            if d.startswith(".") or (exclude is not None and _same(sub, exclude)):
                continue
            kept.append(d)
        dirs[:] = kept  # os.walk descends in this order
        for name in sorted(files):
            (found if _is_candidate(name) else skipped).append(root_path / name)
    return sorted(found, key=lambda p: p.parts)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def collect_inputs(args: list[Path], out_dir: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Expand files and directories; return ``(inputs, skipped)`` with absolute paths.

    A named path that does not exist is a ``UsageError`` (exit 2): it is a typo
    on the command line, not a damaged file in the archive.
    """
    exclude = out_dir.absolute() if out_dir is not None else None
    inputs: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for arg in args:
        arg = Path(os.path.abspath(arg))  # normalise "a/../b" without following symlinks
        if not arg.exists():
            raise UsageError(f"{arg}: no such file or directory")
        found = _walk(arg, exclude, skipped) if arg.is_dir() else [arg]
        for p in found:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                inputs.append(p)
    return inputs, skipped


def assign_outputs(paths: list[Path]) -> list[InputItem]:
    """Give each input its output file name (see the module docstring)."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for p in paths:
        groups[p.name.casefold()].append(p)
    names: dict[Path, str] = {}
    for group in groups.values():
        if len(group) == 1:
            names[group[0]] = f"{group[0].name}.json"
            continue
        common = Path(os.path.commonpath([str(p.parent) for p in group]))
        for p in group:
            names[p] = "__".join(p.relative_to(common).parts) + ".json"
    # A flattened name can (rarely) equal another input's plain name: disambiguate by path hash.
    by_name: dict[str, list[Path]] = defaultdict(list)
    for p, n in names.items():
        by_name[n.casefold()].append(p)
    for clash in (g for g in by_name.values() if len(g) > 1):
        for p in clash:
            digest = hashlib.sha256(str(p).encode()).hexdigest()[:8]
            names[p] = f"{names[p][:-5]}.{digest}.json"
    return [InputItem(p, names[p]) for p in paths]
