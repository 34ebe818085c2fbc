"""Command line: ``kommunarkiv run|correct|eval|schema``.

The only place where exceptions become exit codes (see ``errors.ExitCode``
and the README).  Every subcommand is a thin shell over a Python API
function, so what the CLI does a script can do too.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import ExitCode, KommunarkivError, UsageError
from .options import RunOptions


def _usable_cores() -> int:
    """Cores this process may run on (a container's or taskset's limit), not the host's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _run(args: argparse.Namespace) -> int:
    from .batch import run_batch

    options = RunOptions(
        language=args.lang, dpi=args.dpi, page_timeout=args.page_timeout, preprocess=not args.no_preprocess,
        deskew=not args.no_deskew, orientation=not args.no_orientation, correct=not args.no_correct,
        segment=not args.no_segment, text_layer=args.text_layer, max_pixels=int(args.max_pixels * 1_000_000),
        workers=args.workers or _usable_cores(), force=args.force, executor=args.executor, scheduler=args.scheduler,
        formats=tuple(f.strip() for f in args.format.split(",") if f.strip()),
    ).validate()
    report = run_batch([Path(p) for p in args.inputs], Path(args.output), options, progress=args.progress)
    return int(report.exit_code)


def _correct(args: argparse.Namespace) -> int:
    from .correct import Corrector
    from .fsutil import atomic_write_text
    from .ingest.text import decode_text

    path = Path(args.input)
    text, _encoding = decode_text(path.read_bytes(), str(path)) if str(path) != "-" else (sys.stdin.read(), "utf-8")
    result = Corrector.load().correct_text(text)
    if args.output:
        atomic_write_text(args.output, result.text)
    else:
        sys.stdout.write(result.text)
    if args.report:
        from dataclasses import asdict

        rows = result.corrections + result.suggestions
        atomic_write_text(args.report, "".join(json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in rows))
    print(f"{path}: {len(result.corrections)} corrections applied, {len(result.suggestions)} suggestions", file=sys.stderr)
    return 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_run

    table = evaluate_run(Path(args.run_dir), Path(args.truth))
    print(table)
    return 0


def _schema(_args: argparse.Namespace) -> int:
    from .export import load_schema

    print(json.dumps(load_schema(), ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kommunarkiv", description="Scanned Swedish council records to structured, audited JSON.")
    p.add_argument("--version", action="version", version=f"kommunarkiv {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="process images, PDFs and OCR text files into OUTDIR/<name>.json")
    r.add_argument("inputs", nargs="+", help="files or directories (searched recursively)")
    r.add_argument("-o", "--output", required=True, help="output directory")
    r.add_argument("--lang", default="swe", help="Tesseract language(s), default swe")
    r.add_argument("--dpi", type=int, default=300, help="render resolution for PDF pages without text (300)")
    r.add_argument("--page-timeout", type=float, default=180.0, help="seconds of OCR per page before it is failed (180)")
    r.add_argument("--text-layer", choices=["auto", "ocr", "text"], default="auto", help="PDF text layer: use when usable (auto), always OCR, or never OCR")
    r.add_argument("--max-pixels", type=float, default=120.0, help="refuse images larger than this many megapixels (120)")
    r.add_argument("--workers", type=int, default=0, help="parallel worker processes (default: all cores)")
    r.add_argument("--force", action="store_true", help="redo files already finished in OUTDIR")
    r.add_argument("--progress", choices=["auto", "bar", "json", "none"], default="auto", help="progress display; json prints one event per line")
    r.add_argument("--format", default="json",
                   help="comma-separated outputs besides JSON: alto (ALTO 4.4 XML), erms (ERMS 2.1.2 for diarium import), txt")
    r.add_argument("--executor", choices=["local", "dask"], default="local")
    r.add_argument("--scheduler", help="Dask scheduler address tcp://HOST:PORT (with --executor dask)")
    for flag, what in [("preprocess", "OpenCV clean-up"), ("deskew", "deskewing"), ("orientation", "90/180 degree detection"),
                       ("correct", "Swedish OCR correction"), ("segment", "document segmentation")]:
        r.add_argument(f"--no-{flag}", action="store_true", help=f"skip {what}")
    r.set_defaults(func=_run)

    c = sub.add_parser("correct", help="correct Swedish OCR text, keeping its lines exactly")
    c.add_argument("input", help="a text file (or - for standard input)")
    c.add_argument("-o", "--output", help="write the corrected text here (default: standard output)")
    c.add_argument("--report", help="write every correction and suggestion here as JSON lines")
    c.set_defaults(func=_correct)

    e = sub.add_parser("eval", help="CER and WER of a run's text against ground truth")
    e.add_argument("run_dir", help="output directory of kommunarkiv run")
    e.add_argument("truth", help="directory with <name>.gt.txt files (or one such file)")
    e.set_defaults(func=_eval)

    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.set_defaults(func=_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"kommunarkiv: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KommunarkivError as exc:
        print(f"kommunarkiv: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("kommunarkiv: interrupted; finished files are kept, rerun to continue", file=sys.stderr)
        return int(ExitCode.interrupted)


if __name__ == "__main__":
    sys.exit(main())
