"""Benchmark of the Swedish OCR correction stage (rows for ``make bench``).

Sets: the sample's hand-aligned lines 1-150 (kind == "text"); the generated
English-model OCR set, dev part (tuned on) and held-out part (only measured);
the second generated set (``eng-ocr-2``: documents written after the first set,
so unseen by the correction work that came before it), dev and held-out parts;
the third (``eng-ocr-3``: 21 more documents of other municipalities, genres and decades
written in session 8, from ``tests/fixtures/correct/source-texts``), dev and held-out parts; the
fourth (``eng-ocr-4``: 21 more, from ``source-texts-4``, written later in session 8), the same; the
fifth (``eng-ocr-5``: 21 more, from ``source-texts-5``, written in session 10 and first measured on
the code as it stood then), the same; the sixth (``eng-ocr-6``: 21 more, from ``source-texts-6``, written in
session 11 and first measured on the code as it stood then, 50d9f58), the same;
correct Swedish prose, and the clean council texts written for the segmentation
work (``samples/texts``): anything changed in those two is damage.

Columns: CER/WER before and after (jiwer), words fixed, words broken (right
in the input, wrong after, as % of the words that were right), tokens per
second on one core after loading (fresh per-word cache, so this is the
cold-cache speed), corrections made when the output is corrected again (idempotence: 0),
lexicon load seconds, peak RSS in MB.
"""
from __future__ import annotations

import gc
import json
import time
from pathlib import Path

import jiwer
import psutil

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "corpus" / "tyreso-2009-kommunforbund.truth-lines-1-150.jsonl"
ENG = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr"
ENG2 = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr-2"  # documents written after the first set: unseen
ENG3 = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr-3"  # ... and after the second
ENG4 = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr-4"  # ... and after the third
ENG5 = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr-5"  # ... and after the fourth (session 10)
ENG6 = ROOT / "tests" / "fixtures" / "correct" / "eng-ocr-6"  # ... and after the fifth (session 11)
TEXTS = ROOT / "samples" / "texts"
PROSE = TEXTS / "correct-prose.txt"
PROSE_FALLBACK = ROOT / "tests" / "fixtures" / "correct" / "correct-prose.txt"


STRIP_AAO = str.maketrans("åäöÅÄÖ", "aaoAAO")


def load_sets() -> dict[str, tuple[list[str], list[str]]]:
    """name -> (ocr lines, truth lines)."""
    sets: dict[str, tuple[list[str], list[str]]] = {}
    rows = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if r["kind"] == "text"]
    sets["sample 1-150"] = ([r["ocr"] for r in rows], [r["truth"] for r in rows])
    for eng, tag in ((ENG, "eng-ocr"), (ENG2, "eng-ocr-2"), (ENG3, "eng-ocr-3"), (ENG4, "eng-ocr-4"), (ENG5, "eng-ocr-5"),
                      (ENG6, "eng-ocr-6")):
        for part in ("dev", "heldout"):
            p = eng / f"{part}.jsonl"
            if p.exists():
                rs = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
                sets[f"{tag} {part}"] = ([r["ocr"] for r in rs], [r["truth"] for r in rs])
    prose = PROSE if PROSE.exists() else PROSE_FALLBACK
    if prose.exists():
        lines = prose.read_text(encoding="utf-8").splitlines()
        sets["correct prose"] = (lines, lines)
    council = sorted(p for p in TEXTS.glob("*.txt") if p.name != PROSE.name)
    if council:  # one text per document, a blank line between
        lines = [ln for p in council for ln in [*p.read_text(encoding="utf-8").splitlines(), ""]]
        sets["clean council texts"] = (lines, lines)
        # ... and as an English model or a typist without å/ä/ö leaves them (old OCR text files): every
        # word goes through the damaged document's search, so this measures the restoration and what
        # else that search breaks
        sets["clean texts, å/ä/ö stripped"] = ([ln.translate(STRIP_AAO) for ln in lines], lines)
    return sets


def word_changes(ocr: list[str], truth: list[str], out: list[str]) -> tuple[int, int, int]:
    """(fixed, broken, right-before) over lines whose word counts agree."""
    fixed = broken = right = 0
    for o, t, a in zip(ocr, truth, out):
        ow, tw, aw = o.split(), t.split(), a.split()
        if not (len(ow) == len(tw) == len(aw)):
            continue
        for x, y, z in zip(ow, tw, aw):
            if x == y:
                right += 1
                broken += z != y
            else:
                fixed += z == y
    return fixed, broken, right


def run() -> list[dict]:
    from pipeline.correct import Corrector
    from pipeline.correct.corrector import freeze_tables
    from pipeline.correct.lexicon import Lexicon

    t0 = time.perf_counter()
    lex = Lexicon.load()
    load_s = time.perf_counter() - t0
    freeze_tables()  # as ``Corrector.load`` does in every worker
    rows = []
    for name, (ocr, truth) in load_sets().items():
        keep = [i for i, t in enumerate(truth) if t.strip() or ocr[i].strip()]
        ocr, truth = [ocr[i] for i in keep], [truth[i] for i in keep]
        corrector = Corrector(lex)  # fresh caches: cold-cache speed
        gc.collect()  # (the previous set's corrector is garbage in reference cycles: not billed to this set)
        t1 = time.perf_counter()
        out = corrector.correct_text("\n".join(ocr)).text.split("\n")
        dt = time.perf_counter() - t1
        tokens = sum(len(x.split()) for x in ocr)
        rerun = len(corrector.correct_text("\n".join(out)).corrections)  # idempotence: must be 0
        fixed, broken, right = word_changes(ocr, truth, out)
        pairs = [(t, o, a) for t, o, a in zip(truth, ocr, out) if t.strip()]
        T, O, A = [p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs]
        rows.append({
            "set": name,
            "lines": len(ocr),
            "words": tokens,
            "cer_before": round(jiwer.cer(T, O), 4),
            "cer_after": round(jiwer.cer(T, A), 4),
            "wer_before": round(jiwer.wer(T, O), 4),
            "wer_after": round(jiwer.wer(T, A), 4),
            "words_fixed": fixed,
            "words_broken": broken,
            "broken_pct_of_right": round(100 * broken / max(right, 1), 3),
            "tokens_per_s": round(tokens / dt) if dt else None,
            "rerun_changes": rerun,
            "load_s": round(load_s, 2),
            "peak_rss_mb": round(psutil.Process().memory_info().rss / 2**20),
        })
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
