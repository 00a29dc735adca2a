"""Speed and scale for ``kg build``: a content-addressed cache of per-article results, extraction
spread over processes, and an incremental update of the store.

``kg.api.build`` drives it: :func:`kg.pipeline.run.process_corpus` turns the input into per-article
summaries (unchanged files are not read again, results come from the cache or from worker
processes), and :func:`kg.pipeline.dataset.write_outputs` writes the dataset files and the store,
patching the last build's when few graphs changed.
"""
from kg.pipeline.cache import BuildCache, CacheEntry
from kg.pipeline.dataset import write_outputs
from kg.pipeline.run import ArticleSummary, CorpusPass, process_corpus
from kg.pipeline.version import article_key, pipeline_version

__all__ = [
    "ArticleSummary",
    "BuildCache",
    "CacheEntry",
    "CorpusPass",
    "article_key",
    "pipeline_version",
    "process_corpus",
    "write_outputs",
]
