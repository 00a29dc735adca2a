"""Benchmark support: a deterministic synthetic corpus of Arabic news (:mod:`kg.bench.corpus`)."""
from kg.bench.corpus import CorpusInfo, generate_articles, write_corpus

__all__ = ["CorpusInfo", "generate_articles", "write_corpus"]
