"""The NLP stage: Arabic articles -> mentions, persons, posts, events (:class:`kg.records.Extraction`).

The names below are imported on first use: ``kg.nlp.normalise`` (used by resolution, the KB
and the scorer) must not load spaCy and the pipeline's components, which take seconds.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["extract", "extract_many", "get_nlp", "make_nlp"]

_HOME = {"extract": "kg.nlp.extract", "extract_many": "kg.nlp.extract",
         "get_nlp": "kg.nlp.pipeline", "make_nlp": "kg.nlp.pipeline"}

if TYPE_CHECKING:
    from kg.nlp.extract import extract, extract_many
    from kg.nlp.pipeline import get_nlp, make_nlp


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'kg.nlp' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name]), name)
    globals()[name] = value
    return value
