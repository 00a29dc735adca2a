"""The corpus pass of ``kg build``: articles -> cached per-article results, in parallel.

Notes
-----
Per article, the work is extraction -> in-article resolution -> RDF mapping -> serialisation of
the graph for every dataset file. None of it depends on other articles, so it runs in worker
processes (``fork``: the spaCy pipeline and the KB are loaded once in the parent and shared
copy-on-write) and its result is cached under the article's content key. The parent keeps only
an :class:`ArticleSummary` per article (counts, warnings, notes and the few persons the corpus
pass may merge): memory grows by a few hundred bytes per article, not by the article.

The parent reads and cleans the next articles while the workers extract (one ``apply_async``
per article, at most a few dozen in flight, so that reading never runs far ahead and no worker
waits for a round to end); results are taken in input order and everything that is written is
sorted later: the output does not depend on the number of processes.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from kg.ingest import IngestOptions, read_inputs
from kg.outputs.files import graph_chunk
from kg.pipeline.cache import BuildCache, CacheEntry, pack, squeeze, unpack
from kg.pipeline.inputs import CachedReader, KnownArticle
from kg.pipeline.version import article_key, pipeline_version
from kg.rdf.iris import IriMinter
from kg.rdf.mapping import map_article
from kg.records import Article, Problem
from kg.resolve.corpus import Candidate, candidates

__all__ = ["ArticleSummary", "CorpusPass", "Record", "process_corpus", "start_standby"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

#: Articles processed in the parent before the workers start (see process_corpus).
_WARMUP = 40

#: Articles sent to a worker at a time: each task is two trips through a pipe and the pool's
#: threads in the parent, which wait for the GIL while the parent cleans the next articles.
_BATCH = 8

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
    in_workers: int = 0       # of the misses, those processed by worker processes
    files_read: int = 0
    lines_read: int = 0
    timings: dict[str, float] = field(default_factory=dict)


Outcome = tuple[str, CacheEntry | None, str | None]


def _extract_step(item: tuple[str, Article]) -> tuple[str, Any, str | None]:
    """The spaCy part of :func:`_work`: (key, the article's Extraction or None, failure message)."""
    from kg.nlp import extract

    key, article = item
    try:
        return key, extract(article), None
    except Exception as exc:  # one bad article must not stop the others
        log.exception("extraction failed for %s", article.source)
        return key, None, f"extraction failed: {type(exc).__name__}: {exc}"


def _finish_step(key: str, article: Article, ex: Any) -> Outcome:
    """The rest of :func:`_work` (resolution, mapping, serialisation): needs no spaCy."""
    from kg.resolve.local import resolve_article

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


def _work(item: tuple[str, Article]) -> Outcome:
    """Process one article in a worker: (key, cache entry, or the failure message)."""
    key, ex, failure = _extract_step(item)
    if ex is None:
        return key, None, failure
    return _finish_step(key, item[1], ex)


def _work_batch(items: list[tuple[str, Article]]) -> list[Outcome]:
    """:func:`_work` on several articles: one round trip through the pool's pipes for all of them."""
    return [_work(item) for item in items]


def _extract_batch(items: list[tuple[str, Article]]) -> list[tuple[str, Any, str | None]]:
    """:func:`_extract_step` on several articles (the standby worker's share, see process_corpus)."""
    return [_extract_step(item) for item in items]


class _FinishedHere:
    """A standby worker's extractions, resolved and mapped in this process when taken.

    Notes
    -----
    A small rebuild waits for the one worker that imports spaCy and makes the pipeline (2 s);
    the first resolution and mapping in a process load the romaniser's model and the ontology
    (a third of a second more). This process is idle while it waits, so it loads them
    (:func:`_warm_finishing`) and finishes the articles itself, instead of the worker after its
    pipeline.
    """

    def __init__(self, extracted: AsyncResult, articles: list[Article]) -> None:
        self.extracted = extracted
        self.articles = articles

    def ready(self) -> bool:
        return self.extracted.ready()

    def get(self) -> list[Outcome]:
        out: list[Outcome] = []
        for article, (key, ex, failure) in zip(self.articles, self.extracted.get(), strict=True):
            out.append(_finish_step(key, article, ex) if ex is not None else (key, None, failure))
        return out


def _warm_up(lexicon_from: Connection, parent_end: Connection) -> None:
    """A standby worker's start: import spaCy and make the pipeline before any article comes.
    The lexicon comes from the parent through ``lexicon_from`` when it sends one.

    Never raises: a pool replaces a worker whose initializer fails, for ever. A pipeline that
    cannot be made fails each article instead (see :func:`_extract_step`).
    """
    # Without the cyclic garbage collector, which finds nothing to free among the modules and
    # vocabulary made here but scans them again and again: 0.2 s of the 2 s.
    gc.disable()
    try:
        parent_end.close()      # else this copy keeps the pipe open: no end of file if none comes
        import spacy  # noqa: F401  (the longest part, while the parent builds the lexicon)

        from kg.nlp import get_nlp
        from kg.nlp.lexicon import adopt_lexicon

        try:
            adopt_lexicon(lexicon_from.recv())
        except (EOFError, OSError, TypeError):
            log.debug("no lexicon from the parent: this worker builds its own")
        finally:
            lexicon_from.close()
        get_nlp()
    except Exception:
        log.exception("the standby worker could not make the pipeline")
    finally:
        gc.freeze()     # what was made here lives as long as the worker: never scan it again
        gc.enable()


def start_standby() -> _Standby:
    """Fork the standby worker of a rebuild now (see :func:`process_corpus`): it extracts only, so
    it needs neither the KB nor the cache, and the sooner it starts importing spaCy the sooner
    the first new article is extracted."""
    return _Standby()


class _Standby:
    """The worker of a rebuild, forked before the inputs are read (see :func:`process_corpus`).

    Notes
    -----
    Its start is what a rebuild with one new article waits for: importing spaCy (1.2 s), then
    making the pipeline, whose lexicon (0.2 s of pure Python) the parent builds meanwhile and
    sends once the first article goes to the worker. A worker that finds no lexicon in the
    pipe (none sent, or a replacement after a crash) builds its own: the same one.
    """

    def __init__(self) -> None:
        fork = mp.get_context("fork")
        receive, self._send = fork.Pipe(duplex=False)
        self.pool = fork.Pool(1, initializer=_warm_up, initargs=(receive, self._send))
        receive.close()
        self._sender: threading.Thread | None = None
        self._closed = False

    def submit(self, items: list[tuple[str, Article]]) -> AsyncResult:
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_lexicon, name="kg-lexicon", daemon=True)
            self._sender.start()
        return self.pool.apply_async(_extract_batch, (items,))

    def _send_lexicon(self) -> None:
        try:
            from kg.nlp.lexicon import get_lexicon

            self._send.send(get_lexicon())  # blocks until the worker has imported spaCy and reads
        except Exception:  # the worker then builds its own lexicon
            log.debug("lexicon not sent to the standby worker", exc_info=True)
        finally:
            self._send.close()

    def close(self) -> None:
        """Stop the worker (it may be called again: the caller that started it closes it too)."""
        if self._closed:
            return
        self._closed = True
        if self._sender is None:    # never used: no need to wait for its warm-up
            self._send.close()
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


def _warm_finishing(records: Sequence[Record]) -> None:
    """Load what the first :func:`_finish_step` of a process would: the romaniser's model and the
    ontology's event labels; and compute the variant keys of the candidates of ``records`` (the
    cached articles), which the corpus pass's merge plan reads next. All cached and
    deterministic: the output does not change."""
    from kg.rdf.mapping import event_type_labels
    from kg.resolve.names import variant_key
    from kg.resolve.translit import warm_up

    warm_up()
    event_type_labels()
    for record in records:
        if record.summary is not None:
            for candidate in record.summary.candidates:
                variant_key(candidate.label_ar)


def build_context(kb: Any, minter: IriMinter, prefixes: dict[str, str]) -> str:
    """The part of every cache key that is not the article: code, KB, base IRI, prefixes."""
    return "|".join([pipeline_version(), kb.version(), minter.base, repr(sorted(prefixes.items()))])


Item = Article | Problem | KnownArticle


def _ready(outcome: object) -> bool:
    return not isinstance(outcome, AsyncResult | _FinishedHere) or outcome.ready()


def process_corpus(
    inputs: Sequence[Path], cache: BuildCache, kb: Any, minter: IriMinter,
    prefixes: dict[str, str], jobs: int = 1, progress: Progress | None = None, window: int = 256,
    options: IngestOptions | None = None, on_read: Callable[[list[str], list[str]], None] | None = None,
    standby: _Standby | None = None,
) -> CorpusPass:
    """Summaries of every article under ``inputs``, from the cache or computed (in ``jobs`` processes).

    Parameters
    ----------
    inputs
        Files and folders, read lazily by :func:`kg.ingest.read_inputs`; files unchanged since
        the last build are not read again (:mod:`kg.pipeline.inputs`).
    cache
        Where results are looked up and stored.
    kb, minter, prefixes
        The knowledge base, the IRI minter and the dataset prefixes (part of the cache key).
    jobs
        Worker processes; 1 runs in this process.
    window
        Bounds the articles read ahead of the workers (``window // 32`` tasks of ``_BATCH``
        articles per process): memory stays bounded whatever the corpus size.
    on_read
        Called once every input is read, while the last articles may still be extracted, with
        the ids of every good article and of those not in the cache.
    standby
        A worker from :func:`start_standby`, started before the caller loaded what the corpus
        pass needs; it is closed here. Without one, a rebuild with ``jobs`` > 1 starts its own.

    Returns
    -------
    CorpusPass
        One :class:`Record` per good article in input order; problems; cache hits and misses.
    """
    context = build_context(kb, minter, prefixes)
    _CTX.update(kb=kb, minter=minter, prefixes=prefixes)
    known = cache.keys()
    reader = CachedReader(cache, context, lambda a: article_key(a, context), known)
    items = read_inputs(inputs, options, read=reader) if options else read_inputs(inputs, read=reader)
    result = CorpusPass([], [])
    pool = None
    # A rebuild with a cache usually finds a few new or changed articles, and importing spaCy and
    # making the pipeline (2 s) would then follow the reading of the inputs. A standby worker
    # does it on the other core while this process reads; it takes the first articles, and is
    # stopped unused when none is new. (A first build forks its workers below, after the warm-up.)
    if standby is None and jobs > 1 and known:
        standby = _Standby()
    # Results handled in input order; at most ``in_flight`` articles between reading and writing.
    pending: deque[tuple[list[Record], AsyncResult | _FinishedHere | list[Outcome]]] = deque()
    batch: list[tuple[Record, tuple[str, Article]]] = []
    waiting = 0                 # articles in ``pending``
    in_flight = max(2, window // 32) * max(1, jobs) * _BATCH
    # The first articles run here, before the fork: the caches they fill (token keys, spaCy
    # lexemes, KB lookups) are then shared by every worker instead of being filled once per worker.
    warmup = _WARMUP if jobs > 1 else 0

    def dispatch() -> None:
        nonlocal waiting
        pending.append(([r for r, _x in batch], pool.apply_async(_work_batch, ([x for _r, x in batch],))))
        waiting += len(batch)
        result.in_workers += len(batch)
        batch.clear()

    def finish() -> None:
        nonlocal waiting
        records, outcome = pending.popleft()
        waiting -= len(records)
        for record, (key, entry, failure) in zip(records, outcome if isinstance(outcome, list)
                                                 else outcome.get(), strict=True):
            if entry is None:
                record.failure = failure or "failed"
            else:
                cache.put(entry)
                known.add(key)
            result.misses += 1
            if progress:
                progress("extract", result.misses, len(result.records))

    new_ids: list[str] = []
    new_keys: set[str] = set()
    summaries_s = 0.0
    started = time.perf_counter()
    try:
        for item in items:
            if isinstance(item, Problem):
                result.problems.append(item)
                continue
            if isinstance(item, KnownArticle):
                key = item.key
                result.chars += item.chars
            else:
                key = article_key(item, context)
                result.chars += len(item.text)
            record = Record(key, item.source, article_id=item.id)
            result.records.append(record)
            if key in known:
                result.hits += 1
                continue
            new_ids.append(item.id)
            new_keys.add(key)
            if jobs > 1 and pool is None and result.misses + waiting >= warmup:
                from kg.nlp import get_nlp  # here: a build without new articles needs no spaCy

                get_nlp()     # load once, before the fork, and share it
                pool = mp.get_context("fork").Pool(jobs)
            # The parent reads the next articles while the workers extract: no round trips.
            if pool is None and standby is not None:
                extracted = standby.submit([(key, item)])
                pending.append(([record], _FinishedHere(extracted, [item])))
                waiting += 1
                result.in_workers += 1
            elif pool is None:
                pending.append(([record], [_work((key, item))]))
                waiting += 1
            else:
                batch.append((record, (key, item)))
                if len(batch) >= _BATCH:
                    dispatch()
            while pending and (waiting >= in_flight or _ready(pending[0][1])):
                finish()
        if batch:
            dispatch()
        if on_read is not None:
            on_read([r.article_id for r in result.records], new_ids)
        # the cached articles' summaries while the workers finish (the new ones come after them)
        t = time.perf_counter()
        _take_summaries(cache, [r for r in result.records if r.key not in new_keys])
        summaries_s = time.perf_counter() - t
        if any(isinstance(outcome, _FinishedHere) for _records, outcome in pending):
            _warm_finishing(result.records)     # while the standby worker makes its pipeline
        while pending:
            finish()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if standby is not None:
            standby.close()
    cache.commit()
    cache.retain_inputs(reader.seen)
    result.files_read = len(reader.seen) - reader.served
    result.lines_read = reader.lines_read
    result.timings["process_s"] = time.perf_counter() - started
    t = time.perf_counter()
    _take_summaries(cache, [r for r in result.records if r.failure is None and r.summary is None])
    result.timings["summaries_s"] = summaries_s + time.perf_counter() - t
    return result


def _take_summaries(cache: BuildCache, records: list[Record]) -> None:
    """Give each record its summary from the cache."""
    wanted: dict[str, list[Record]] = {}
    for r in records:
        wanted.setdefault(r.key, []).append(r)
    for key, blob in cache.summaries(list(wanted)):
        summary = unpack(blob)
        for r in wanted[key]:
            r.summary = summary


def default_cache_path(out_dir: Path) -> Path:
    from kg.pipeline.cache import CACHE_DIR

    return Path(out_dir) / CACHE_DIR / "cache.sqlite"
