"""Speed and scale for ``kg build``: a content-addressed cache of per-article results, extraction
spread over processes, and an incremental update of the store.

``kg.api.build`` drives it: :func:`kg.pipeline.run.process_corpus` turns the input into per-article
summaries (from the cache or from worker processes), and :func:`kg.pipeline.run.dataset_chunks`
streams the graphs, sorted by IRI, into :func:`kg.outputs.files.stage_dataset`.
"""
from kg.pipeline.cache import BuildCache, CacheEntry
from kg.pipeline.run import ArticleSummary, CorpusPass, dataset_chunks, process_corpus
from kg.pipeline.version import article_key, pipeline_version

__all__ = [
    "ArticleSummary",
    "BuildCache",
    "CacheEntry",
    "CorpusPass",
    "article_key",
    "dataset_chunks",
    "pipeline_version",
    "process_corpus",
]
