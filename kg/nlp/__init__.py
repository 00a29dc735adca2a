"""The NLP stage: Arabic articles -> mentions, persons, posts, events (:class:`kg.records.Extraction`)."""
from kg.nlp.extract import extract, extract_many
from kg.nlp.pipeline import get_nlp, make_nlp

__all__ = ["extract", "extract_many", "get_nlp", "make_nlp"]
