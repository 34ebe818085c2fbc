"""The one spaCy pipeline of the segmenter: ``spacy.blank("sv")`` plus an EntityRuler.

No trained Swedish model can be downloaded, so people, parties, dates and
diarienummer are found with token patterns kept in
``pipeline/data/segment/patterns.jsonl``.  A pattern value ``"@first_names"``
refers to a vocabulary file and is expanded at load time, so the JSONL stays
short and readable.  The object is built once per process (``lru_cache``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from . import vocab


def _expand(value: Any, refs: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("@") and value[1:] in refs:
        return refs[value[1:]]
    if isinstance(value, dict):
        return {k: _expand(v, refs) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, refs) for v in value]
    return value


def patterns() -> list[dict[str, Any]]:
    # party names as printed (lower case, with å/ä/ö) and folded: OCR and typewriters lose the diacritics
    party_written = sorted({r[0].lower() for r in vocab.table("parties.tsv")} | set(vocab.parties()))
    refs = {
        "first_names": sorted(vocab.first_names()),
        "party_codes": [p for p in party_written if len(p) <= 3] + ["5", "$"],  # OCR reads s as 5 or $
        "party_names": [p for p in party_written if len(p) > 3 and " " not in p],
        "months": list(vocab.months()),
    }
    out = []
    for line in (vocab.DATA / "patterns.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(_expand(json.loads(line), refs))
    simple = sorted((n for n in vocab.first_names() if "-" not in n), key=len, reverse=True)
    given = "|".join(re.escape(n) for n in simple)
    out.append({  # "Bengt-Åke Lind": a double given name the list lacks, made of two listed ones
        "label": "PERSON", "id": "compound-given-surname",
        "pattern": [{"TEXT": {"REGEX": f"^({given})-({given})$"}}, {"IS_TITLE": True, "IS_ALPHA": True}],
    })
    for name in party_written:  # "Miljöpartiet de gröna", "Folkpartiet liberalerna": one token per word
        if " " in name:
            out.append({"label": "PARTY", "id": "name-words", "pattern": [{"LOWER": w} for w in name.split()]})
    return out


@lru_cache(maxsize=1)
def nlp():
    import spacy

    pipeline = spacy.blank("sv")
    ruler = pipeline.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(patterns())
    return pipeline


@lru_cache(maxsize=8192)
def entities(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(label, text, start_char, end_char) for each entity in ``text``.

    Cached: the signature and header parsers ask about the same short lines
    several times per document (and running headers recur on every page).
    """
    doc = nlp()(text)
    return tuple((e.label_, e.text, e.start_char, e.end_char) for e in doc.ents)


def entities_many(texts: list[str]) -> list[list[tuple[str, str, int, int]]]:
    return [[(e.label_, e.text, e.start_char, e.end_char) for e in d.ents] for d in nlp().pipe(texts)]
