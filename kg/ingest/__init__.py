"""Ingest: read, decode, clean and de-duplicate articles, with their metadata -> Article.

The public entry point is :func:`read_inputs`; the parts (decoding, cleaning, HTML extraction,
metadata) are importable on their own for tests and for other front ends.
"""
from __future__ import annotations

from kg.ingest.clean import Cleaned, clean_line, clean_text
from kg.ingest.decode import Decoded, NotText, decode_bytes
from kg.ingest.html import HtmlDoc, extract_html
from kg.ingest.meta import Meta, normalise_date
from kg.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from kg.ingest.read import read_file, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Cleaned",
    "Decoded",
    "HtmlDoc",
    "IngestOptions",
    "Meta",
    "NotText",
    "clean_line",
    "clean_text",
    "decode_bytes",
    "extract_html",
    "normalise_date",
    "read_file",
    "read_inputs",
]
