"""Export formats as small serializer classes (after htrflow).

Each serializer turns a ``FileResult`` into bytes and names its file; the
batch runner writes them atomically.  Output is deterministic: same input
and options give the same bytes (no timestamps, fixed key order).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

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


def validate_output(obj: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``obj`` breaks the published schema."""
    import jsonschema

    jsonschema.Draft202012Validator(load_schema()).validate(obj)
