"""Export formats as small serializer classes (after htrflow).

Each serializer turns a ``FileResult`` into bytes and names its file; the
batch runner writes them atomically.  Output is deterministic: same input
and options give the same bytes (no timestamps, fixed key order).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, ClassVar

from ..model import FileResult

__all__ = ["Serializer", "JsonSerializer", "TextSerializer", "SERIALIZERS", "load_schema", "validate_output"]


class Serializer:
    extension: ClassVar[str]

    def filename(self, result: FileResult) -> str:
        return f"{result.source.name}{self.extension}"

    def serialize(self, result: FileResult) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError


class JsonSerializer(Serializer):
    """The main output: the whole tree, validated against the published schema."""

    extension = ".json"

    def serialize(self, result: FileResult) -> bytes:
        return dumps(result.to_dict())


class TextSerializer(Serializer):
    """Corrected plain text, pages separated by form feed: for full-text indexers."""

    extension = ".corrected.txt"

    def serialize(self, result: FileResult) -> bytes:
        return ("\f".join(p.text for p in result.pages) + "\n").encode("utf-8")


from .alto import AltoSerializer  # noqa: E402  (needs Serializer above)
from .erms import ErmsSerializer  # noqa: E402

SERIALIZERS: dict[str, type[Serializer]] = {
    "json": JsonSerializer, "txt": TextSerializer, "alto": AltoSerializer, "erms": ErmsSerializer,
}


def dumps(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("pipeline.schema").joinpath("kommunarkiv.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _fast_validator() -> Callable[[Any], Any]:
    """The schema compiled to Python code by fastjsonschema, once per process."""
    import fastjsonschema

    return fastjsonschema.compile(load_schema())


def validate_output(obj: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``obj`` breaks the published schema.

    Every output is validated before it is written, so this runs once per
    file.  jsonschema walks a 400-word page in ~20-50 ms, a few percent of the
    page's OCR time; the fastjsonschema-compiled validator takes under 1 ms.
    jsonschema stays the reference (Draft 2020-12, precise error paths): a
    document that the fast check rejects is validated again by jsonschema,
    which raises the error or, if the two disagree, has the last word.  The
    schema only uses keywords that both read alike (a test holds them to it).
    """
    import fastjsonschema

    try:
        _fast_validator()(obj)
    except fastjsonschema.JsonSchemaException:
        import jsonschema  # only on this path: importing it costs every worker ~0.1 s

        jsonschema.Draft202012Validator(load_schema()).validate(obj)
