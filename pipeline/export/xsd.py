"""The XML Schemas shipped in ``pipeline/data/standards`` and validation against them.

Copies of the official XSDs travel with the package (ALTO's XLink import
points at a local stand-in), so validation works offline, as archives need.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree


def standard_path(standard: str, name: str) -> Path:
    return Path(str(resources.files("pipeline") / "data" / "standards" / standard / name))


@lru_cache(maxsize=None)
def load(standard: str, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(standard_path(standard, name))))


def assert_valid(standard: str, name: str, data: bytes) -> None:
    """Raise ``lxml.etree.DocumentInvalid`` when ``data`` breaks the schema."""
    load(standard, name).assertValid(etree.fromstring(data))
