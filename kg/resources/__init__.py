"""Language resources as data files (sorted UTF-8 TSV) and their loader.

Notes
-----
No Arabic word list lives in a ``.py`` file: titles, post patterns, nationality adjectives,
months, triggers and gazetteers are TSV files in this folder, read through :func:`load`. A TSV
file has a header row; lines starting with ``#`` are comments; empty cells are ``""``.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

__all__ = ["RESOURCE_DIR", "load", "load_column", "path"]

RESOURCE_DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Path of a resource file (``titles.tsv``, ``gazetteer/countries.tsv``...)."""
    return RESOURCE_DIR / name


@cache
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource as dicts keyed by the header (cached, read once per process)."""
    with path(name).open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader)


def load_column(name: str, column: str) -> tuple[str, ...]:
    """One column of a TSV resource, in file order."""
    return tuple(row[column] for row in load(name) if row.get(column))
