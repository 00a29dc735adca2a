"""The corpus pass of ``kg build``: articles -> cached per-article results, in parallel.

Notes
-----
Per article, the work is extraction -> in-article resolution -> RDF mapping -> serialisation of
the graph for every dataset file. None of it depends on other articles, so it runs in worker
processes (``fork``: the spaCy pipeline and the KB are loaded once in the parent and shared
copy-on-write) and its result is cached under the article's content key. The parent keeps only
an :class:`ArticleSummary` per article (counts, warnings, notes and the few persons the corpus
pass may merge): memory grows by a few hundred bytes per article, not by the article.

Results come back in input order (``imap``), windows of articles are handed out one at a time
so that reading never runs far ahead of extraction, and everything that is written is sorted
later: the output does not depend on the number of processes.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from kg.outputs.files import GraphChunk, graph_chunk
from kg.pipeline.cache import BuildCache, CacheEntry, pack, squeeze, unpack
from kg.pipeline.version import article_key, pipeline_version
from kg.rdf.iris import IriMinter
from kg.rdf.mapping import ArticleGraph, map_article
from kg.records import Article, Problem
from kg.resolve.corpus import Candidate, MergePlan, apply_merges, candidates

__all__ = ["ArticleSummary", "CorpusPass", "Record", "dataset_chunks", "process_corpus"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

# Set in the parent before the workers fork; read by _work in every process.
_CTX: dict[str, Any] = {}


@dataclass(frozen=True)
class ArticleSummary:
    """What the build keeps in memory of one processed article."""

    id: str
    iri: str
    persons: int
    posts: int
    events: int
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    candidates: tuple[Candidate, ...]


@dataclass
class Record:
    """One good article of the input, in input order: its key, source and summary."""

    key: str
    source: str
    summary: ArticleSummary | None = None
    failure: str | None = None
    article_id: str = ""


@dataclass
class CorpusPass:
    """The result of :func:`process_corpus`."""

    records: list[Record]
    problems: list[Problem]
    chars: int = 0
    hits: int = 0
    misses: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def _work(item: tuple[str, Article]) -> tuple[str, CacheEntry | None, str | None]:
    """Process one article in a worker: (key, cache entry, or the failure message)."""
    from kg.nlp import extract
    from kg.resolve.local import resolve_article

    key, article = item
    try:
        ex = extract(article)
    except Exception as exc:  # one bad article must not stop the others
        log.exception("extraction failed for %s", article.source)
        return key, None, f"extraction failed: {type(exc).__name__}: {exc}"
    try:
        ra = resolve_article(ex, _CTX["kb"])
        graph = map_article(ra, _CTX["minter"])
        chunk = graph_chunk(graph, _CTX["prefixes"])
    except Exception as exc:
        log.exception("resolution or mapping failed for %s", article.source)
        return key, None, f"resolution or mapping failed: {type(exc).__name__}: {exc}"
    summary = ArticleSummary(
        id=article.id, iri=graph.iri, persons=len(ex.persons), posts=len(ex.posts), events=len(ex.events),
        warnings=tuple(article.warnings) + tuple(ex.warnings), notes=tuple(ra.notes), candidates=candidates(ra))
    entry = CacheEntry(key, pack(summary), pack(ra), squeeze(chunk.nquads), squeeze(chunk.trig),
                       squeeze(chunk.jsonld), chunk.triples)
    return key, entry, None


def build_context(kb: Any, minter: IriMinter, prefixes: dict[str, str]) -> str:
    """The part of every cache key that is not the article: code, KB, base IRI, prefixes."""
    return "|".join([pipeline_version(), kb.version(), minter.base, repr(sorted(prefixes.items()))])


def _windows(items: Iterable[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    window: list[Article | Problem] = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def process_corpus(
    items: Iterable[Article | Problem], cache: BuildCache, kb: Any, minter: IriMinter,
    prefixes: dict[str, str], jobs: int = 1, progress: Progress | None = None, window: int = 256,
) -> CorpusPass:
    """Summaries of every article of ``items``, from the cache or computed (in ``jobs`` processes).

    Parameters
    ----------
    items
        Articles and problems from :func:`kg.ingest.read_inputs`, consumed lazily.
    cache
        Where results are looked up and stored.
    kb, minter, prefixes
        The knowledge base, the IRI minter and the dataset prefixes (part of the cache key).
    jobs
        Worker processes; 1 runs in this process.
    window
        Articles read ahead per round; bounds memory whatever the corpus size.

    Returns
    -------
    CorpusPass
        One :class:`Record` per good article in input order; problems; cache hits and misses.
    """
    from kg.nlp import get_nlp

    context = build_context(kb, minter, prefixes)
    _CTX.update(kb=kb, minter=minter, prefixes=prefixes)
    known = cache.keys()
    result = CorpusPass([], [])
    pool = None
    started = time.perf_counter()
    try:
        for chunk in _windows(items, window * max(1, jobs)):
            todo: list[tuple[str, Article]] = []
            for item in chunk:
                if isinstance(item, Problem):
                    result.problems.append(item)
                    continue
                key = article_key(item, context)
                result.chars += len(item.text)
                result.records.append(Record(key, item.source, article_id=item.id))
                if key in known:
                    result.hits += 1
                else:
                    todo.append((key, item))
            if not todo:
                continue
            if jobs > 1 and pool is None and len(todo) > 1:
                get_nlp()     # load once, before the fork, and share it
                pool = mp.get_context("fork").Pool(jobs)
            outcomes = (pool.imap(_work, todo, chunksize=4) if pool is not None and len(todo) > 1
                        else map(_work, todo))
            failures: dict[str, str] = {}
            for key, entry, failure in outcomes:
                if entry is None:
                    failures[key] = failure or "failed"
                else:
                    cache.put(entry)
                    known.add(key)
                result.misses += 1
                if progress:
                    progress("extract", result.misses, len(result.records))
            if failures:
                for rec in result.records:
                    if rec.key in failures:
                        rec.failure = failures[rec.key]
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    cache.commit()
    result.timings["process_s"] = time.perf_counter() - started
    t = time.perf_counter()
    wanted = {r.key: r for r in result.records if r.failure is None}
    for key, blob in cache.summaries(list(wanted)):
        wanted[key].summary = unpack(blob)
    result.timings["summaries_s"] = time.perf_counter() - t
    return result


def _digest(nq: bytes) -> str:
    return hashlib.sha256(nq).hexdigest()[:24]


@dataclass
class ChunkLog:
    """Filled in by :func:`dataset_chunks` as it goes: the digest of every graph written, the
    N-Quads of graphs that differ from ``previous`` (up to ``limit`` of them), and re-mapped ones."""

    previous: dict[str, str]
    limit: int
    digests: dict[str, str] = field(default_factory=dict)
    changed: dict[str, bytes] = field(default_factory=dict)
    overflow: bool = False
    remapped: int = 0


def dataset_chunks(
    records: Sequence[Record], plan: MergePlan, cache: BuildCache, minter: IriMinter,
    prefixes: dict[str, str], log_: ChunkLog,
) -> Iterator[GraphChunk]:
    """The graph of every processed article, sorted by IRI, as :class:`GraphChunk` values.

    Notes
    -----
    An article whose persons a corpus merge renames is re-mapped from its cached in-article
    resolution; every other article's chunk comes from the cache as it is. Two article ids that
    mint one IRI share a graph (the union of their lines), as ``write_dataset`` always did.
    """
    ok = sorted((r for r in records if r.summary is not None), key=lambda r: (r.summary.iri, r.summary.id))
    for iri, group_iter in groupby(ok, key=lambda r: r.summary.iri):
        group = list(group_iter)
        touched = any(c.key in plan.remap for r in group for c in r.summary.candidates)
        if len(group) == 1 and not touched:
            nq, trig, jsonld, triples = cache.chunk(group[0].key)
            chunk = GraphChunk(iri, nq, trig, jsonld, triples)
        else:
            lines: set[str] = set()
            for rec in group:
                ra = apply_merges(unpack(cache.resolved(rec.key)), plan)
                lines.update(map_article(ra, minter).nquads)
            log_.remapped += 1
            chunk = graph_chunk(ArticleGraph(iri, tuple(sorted(lines)), {}), prefixes)
        digest = _digest(chunk.nquads)
        log_.digests[iri] = digest
        if log_.previous.get(iri) != digest and not log_.overflow:
            if len(log_.changed) >= log_.limit:
                log_.overflow = True
                log_.changed.clear()
            else:
                log_.changed[iri] = chunk.nquads
        yield chunk


def statuses_notes(records: Sequence[Record], plan: MergePlan) -> Iterator[tuple[Record, tuple[str, ...]]]:
    """Each processed record with its resolution notes (in-article, then corpus)."""
    for rec in records:
        if rec.summary is not None:
            yield rec, rec.summary.notes + plan.notes_for.get(rec.summary.id, ())


def default_cache_path(out_dir: Path) -> Path:
    from kg.pipeline.cache import CACHE_DIR

    return Path(out_dir) / CACHE_DIR / "cache.sqlite"
