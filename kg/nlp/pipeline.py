"""Build the Arabic extraction pipeline from ``kg/nlp/config.cfg``.

Notes
-----
The pipeline is ``spacy.blank("ar")`` (no model download) with kg's tokenizer
(``kg.arabic_tokenizer.v1``) and the components registered in this package. Importing the
component modules registers their factories; they are also declared as ``spacy_factories`` entry points in pyproject.toml.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import dates, events, matcher, persons, tokenizer  # noqa: F401  (registers the factories)

__all__ = ["CONFIG_PATH", "get_nlp", "make_nlp"]

CONFIG_PATH = Path(__file__).with_name("config.cfg")

if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


def make_nlp(config_path: Path = CONFIG_PATH) -> Language:
    """A new pipeline built from the config file."""
    config = spacy.util.load_config(config_path)
    return spacy.util.load_model_from_config(config, auto_fill=True)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline (building the phrase matcher takes about a second)."""
    return make_nlp()
