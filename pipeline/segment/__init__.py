"""Segmentation: split a file's pages into council documents and read their parts.

Public API:

* :func:`segment` — ``list[Page] -> list[Document]`` for one file;
* :func:`link_responses` — across a batch, point replies at motions in other files.

Modules: ``lines`` (numbered lines, noise, logos, paragraphs), ``documents``
(boundaries and types), ``fields`` (title, municipality, date, dnr, addressee),
``headings``, ``authors``, ``proposals`` (att-satser), ``decisions``,
``linking``, ``names`` (two readings of one signer reconciled); ``nlp`` holds the cached spaCy pipeline and ``vocab`` the data files
in ``pipeline/data/segment/``.
"""
from __future__ import annotations

from .linking import link_responses
from .segmenter import segment

__all__ = ["segment", "link_responses"]
