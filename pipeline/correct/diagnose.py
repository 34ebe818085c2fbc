"""Dev tool: residual word errors of the corrector on a benchmark set, by class.

    python -m pipeline.correct.diagnose SET [--show N] [--class NAME]

SET is a name from ``pipeline.bench.correction.load_sets`` ("dev", "heldout", "dev2", "heldout2",
"sample", "prose", "clean" are accepted as short forms).  Tune on dev; look at held-out
only to report.

Each truth word that is wrong after correction, or was right before and is
wrong after, falls in one class:

* broken — right in the OCR, wrong after;
* missed-unknown — wrong in the OCR, left unchanged, the OCR word not known;
* missed-real-word — wrong in the OCR, left unchanged, the OCR word a known word;
* wrong-candidate — wrong in the OCR, changed, but to the wrong word;
* case — only the letter case differs after correction;
* punctuation — only punctuation differs after correction;
* split/merge — OCR and truth word counts differ around the word (an alignment
  by ``difflib`` over the line; the corrector adds or removes no word here).
"""
from __future__ import annotations

import argparse
import difflib
import re
from collections import Counter, defaultdict

ALIASES = {"dev": "eng-ocr dev", "heldout": "eng-ocr heldout", "dev2": "eng-ocr-2 dev", "heldout2": "eng-ocr-2 heldout", "sample": "sample 1-150", "prose": "correct prose",
           "clean": "clean council texts"}
PUNCT = re.compile(r"[^\w]", re.UNICODE)


def classify(corrector, ocr: list[str], truth: list[str]) -> tuple[Counter, dict[str, list]]:
    out = corrector.correct_text("\n".join(ocr)).text.split("\n")
    counts: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)

    def add(cls: str, o: str, t: str, a: str, line: str) -> None:
        counts[cls] += 1
        examples[cls].append((o, t, a, line))

    for o_ln, t_ln, a_ln in zip(ocr, truth, out):
        ow, tw, aw = o_ln.split(), t_ln.split(), a_ln.split()
        if len(aw) != len(ow):  # the corrector split a word ("split" method): align output to truth
            sm = difflib.SequenceMatcher(a=tw, b=aw, autojunk=False)
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag != "equal":
                    add("split/merge", " ".join(ow[j1:j2]) if j2 <= len(ow) else "", " ".join(tw[i1:i2]), " ".join(aw[j1:j2]), t_ln)
            continue
        if len(ow) == len(tw):
            triples = list(zip(ow, tw, aw))
        else:
            triples = []
            sm = difflib.SequenceMatcher(a=ow, b=tw, autojunk=False)
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                    triples += list(zip(ow[i1:i2], tw[j1:j2], aw[i1:i2]))
                else:
                    if " ".join(aw[i1:i2]) != " ".join(tw[j1:j2]):
                        add("split/merge", " ".join(ow[i1:i2]), " ".join(tw[j1:j2]), " ".join(aw[i1:i2]), t_ln)
        for o, t, a in triples:
            if a == t:
                continue
            if o == t:
                add("broken", o, t, a, t_ln)
            elif a.lower() == t.lower():
                add("case", o, t, a, t_ln)
            elif PUNCT.sub("", a) == PUNCT.sub("", t):
                add("punctuation", o, t, a, t_ln)
            elif a == o:
                core = PUNCT.sub("", o).lower()
                add("missed-real-word" if core and corrector.known(core) else "missed-unknown", o, t, a, t_ln)
            else:
                add("wrong-candidate", o, t, a, t_ln)
    return counts, examples


def main() -> None:
    from pipeline.bench.correction import load_sets
    from pipeline.correct import Corrector

    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--cls", default=None)
    args = ap.parse_args()
    name = ALIASES.get(args.set, args.set)
    ocr, truth = load_sets()[name]
    counts, examples = classify(Corrector.load(), ocr, truth)
    total = sum(counts.values())
    print(f"{name}: {total} residual word errors")
    for cls, n in counts.most_common():
        print(f"  {cls:18s} {n:5d}")
    for cls, n in counts.most_common():
        if args.cls and cls != args.cls:
            continue
        print(f"\n== {cls} ==")
        for o, t, a, _ in examples[cls][: args.show]:
            print(f"  ocr={o!r:24s} truth={t!r:24s} out={a!r}")


if __name__ == "__main__":
    main()
