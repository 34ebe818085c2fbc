"""Shared fixtures: small synthetic pages with exact ground truth.

Pages are rendered at 300 dpi but only a few paragraphs high, so a Tesseract
run takes about a second.  The text is written for these tests (no archive
material).  Session-scoped: rendering is deterministic, so sharing is safe.
Other test modules may append fixtures below.
"""
from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from pipeline.synth import degrade, render_page  # noqa: E402

PAGE_TEXT = """\
§ 12 Dnr KS 2012/118
Budget för äldreomsorgen 2013

Socialnämnden har i skrivelse den 3 april 2012 begärt att ramen för äldreomsorgen räknas upp inför nästa år. Antalet personer över 80 år i kommunen väntas öka under perioden, och behovet av platser på särskilt boende följer samma kurva.

Ärendet har tidigare behandlats av kommunstyrelsens arbetsutskott. Under överläggningen yrkar Åsa Lindqvist bifall till förslaget, medan Örjan Bäckström yrkar att ramen höjs med ytterligare två miljoner kronor.

Ordföranden ställer proposition på yrkandena och finner att kommunstyrelsen bifaller förvaltningens förslag."""


def normalize(text: str) -> str:
    """Collapse whitespace: CER should measure characters, not layout."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def page_text() -> str:
    return PAGE_TEXT


@pytest.fixture(scope="session")
def render():
    """``render(quality, seed=1, font="serif", text=PAGE_TEXT) -> PIL.Image`` with ``info["ground_truth"]``."""
    cache: dict[tuple, Image.Image] = {}

    def _render(quality: str = "clean", seed: int = 1, font: str = "serif", text: str = PAGE_TEXT) -> Image.Image:
        key = (quality, seed, font, text)
        if key not in cache:
            cache[key] = degrade(render_page(text, font, height_px=None), quality, seed)
        return cache[key]

    return _render


@pytest.fixture(scope="session")
def clean_page(render) -> Image.Image:
    return render("clean")


@pytest.fixture(scope="session")
def clean_array(clean_page) -> np.ndarray:
    return np.asarray(clean_page)
