"""After the corpus pass: the dataset files and the store, patched when few graphs changed.

Notes
-----
A full write streams every graph (sorted by IRI) into the four files (:func:`stage_dataset`)
and remembers, in the build cache, where each graph and each ``merged.ttl`` subject block is
and how many graphs state each triple that several graphs state. The next build compares each
graph's *signature* (the cache keys it is made from) with the last one: graphs whose signature
is unchanged are not even read; the others are made (from the cache, or re-mapped after a corpus merge) and compared
by digest. When at most ``limit`` graphs changed, :mod:`kg.pipeline.patch` writes new files
from byte ranges of the old ones and the changed graphs' bytes, and re-serialises only the
``merged.ttl`` subjects whose union triples appeared or vanished. Either way the bytes are those
of a build from scratch, and the files are replaced together, atomically.

The remembered positions describe one set of files: the stamp (size, mtime, inode) of those
files is stored once they are renamed into place and removed before the positions change, so a
build that stops half-way makes the next one write everything again rather than patch wrongly.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from kg.outputs.files import (
    DATASET_FILES,
    DatasetFiles,
    GraphChunk,
    StagedFile,
    atomic_write_many,
    discard_staged,
    graph_chunk,
    in_background,
    remove_detached,
    stage_dataset,
)
from kg.pipeline.cache import BuildCache, GraphSpan, unpack
from kg.pipeline.patch import PatchRefused, PrefixCopies, old_layout, patch_dataset
from kg.pipeline.run import Record
from kg.rdf.iris import IriMinter
from kg.rdf.mapping import ArticleGraph, map_article, ontology_graph
from kg.resolve.corpus import MergePlan, apply_merges
from kg.store import build_store, current_generation, mark_store_source, update_store

__all__ = ["FILES_STAMP", "EarlyStart", "GraphItem", "Written", "graph_items", "start_early", "write_outputs"]

log = logging.getLogger(__name__)

FILES_STAMP = "files_stamp"
STORE_GENERATION = "store_generation"


@dataclass(frozen=True)
class GraphItem:
    """One named graph of the dataset: its IRI, signature and the records it is made from
    (none for the ontology graph). An empty signature means "always re-make and compare"."""

    iri: str
    sig: str
    records: tuple[Record, ...]


@dataclass
class Written:
    """What :func:`write_outputs` wrote and how (for the report and the timings)."""

    files: DatasetFiles
    how: str                                 # full | patched | unchanged
    staged: dict[Path, StagedFile]
    changed_nq: dict[str, bytes] | None      # N-Quads of the graphs that changed (None: too many)
    removed: set[str]                        # graphs gone since the last build
    store: str = "none"                      # full | incremental | unchanged | none
    remapped: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def graph_items(records: Sequence[Record], plan: MergePlan) -> list[GraphItem]:
    """Every graph of the dataset in file order (by IRI), the ontology graph included."""
    ok = sorted((r for r in records if r.summary is not None), key=lambda r: (r.summary.iri, r.summary.id))
    items = []
    for iri, group_iter in groupby(ok, key=lambda r: r.summary.iri):
        group = tuple(group_iter)
        touched = any(c.key in plan.remap for r in group for c in r.summary.candidates)
        items.append(GraphItem(iri, "" if touched else ",".join(sorted(r.key for r in group)), group))
    onto = ontology_graph().iri
    if onto not in {i.iri for i in items}:
        items.append(GraphItem(onto, "", ()))
        items.sort(key=lambda i: i.iri)
    return items


def _digest(nq: bytes) -> str:
    return hashlib.sha256(nq).hexdigest()[:24]


class _Maker:
    """Makes each graph's chunk: from the cache as it is, or re-mapped after a corpus merge."""

    def __init__(self, plan: MergePlan, cache: BuildCache, minter: IriMinter, prefixes: dict[str, str]) -> None:
        self.plan, self.cache, self.minter, self.prefixes = plan, cache, minter, prefixes
        self.remapped = 0

    def __call__(self, item: GraphItem) -> GraphChunk:
        if not item.records:
            return graph_chunk(ontology_graph(), self.prefixes)
        if len(item.records) == 1 and item.sig:
            nq, trig, jsonld, triples = self.cache.chunk(item.records[0].key)
            return GraphChunk(item.iri, nq, trig, jsonld, triples)
        # Two article ids that mint one IRI share a graph (the union of their lines).
        lines: set[str] = set()
        for rec in item.records:
            ra = apply_merges(unpack(self.cache.resolved(rec.key)), self.plan)
            lines.update(map_article(ra, self.minter).nquads)
        self.remapped += 1
        return graph_chunk(ArticleGraph(item.iri, tuple(sorted(lines)), {}), self.prefixes)


def files_stamp(out_dir: Path, prefixes: dict[str, str]) -> str | None:
    """Size, modification time and inode of the four dataset files, and the prefixes they were
    written with (None when a file is missing)."""
    stamp: list[object] = [sorted(prefixes.items())]
    for name in DATASET_FILES:
        try:
            st = (Path(out_dir) / name).stat()
        except OSError:
            return None
        stamp.append([name, st.st_size, st.st_mtime_ns, st.st_ino])
    return json.dumps(stamp)


def patch_limit(graphs: int) -> int:
    """How many graphs may change for the files to be patched rather than written anew."""
    return max(50, graphs // 50)


@dataclass
class EarlyStart:
    """What a rebuild reads and copies of the last build's files as soon as its inputs are read,
    while its new articles are extracted (the parent would otherwise wait for the worker) and
    the corpus pass ends: the graph spans, the start of the three chunked files
    (:class:`PrefixCopies`, None when nothing comes before the first change), the subject
    spans of ``merged.ttl``, read in a thread, and where each graph is in the old files."""

    previous: dict[str, GraphSpan]
    copies: PrefixCopies | None
    subjects: Future[tuple[list[str], list[int]]]
    offsets: Future[dict[str, dict[str, tuple[int, int]]]]

    def discard(self) -> None:
        """Remove the copies that were not used."""
        if self.copies is not None:
            self.copies.discard()


def start_early(out_dir: Path, cache: BuildCache, minter: IriMinter, prefixes: dict[str, str],
                article_ids: Sequence[str], new_ids: Sequence[str]) -> EarlyStart | None:
    """Start :class:`EarlyStart` for a rebuild whose inputs are read: ``article_ids`` are every
    article's, ``new_ids`` those not in the cache. None when the files will not be patched
    (nothing new or gone, too many new articles, or files that are not the last build's)."""
    if len(new_ids) > patch_limit(len(article_ids)):
        return None
    if cache.get_state(FILES_STAMP) != files_stamp(out_dir, prefixes):
        return None
    previous = cache.graph_spans()
    present = {str(minter.article(i)) for i in article_ids}
    gone = [iri for iri in previous if iri not in present and iri != ontology_graph().iri]
    if not new_ids and not gone:
        return None
    # the graphs before the first new or changed article's graph, or the first one gone
    first = min([str(minter.article(i)) for i in new_ids] + gone)
    copies = PrefixCopies(out_dir, previous, prefixes, first)
    return EarlyStart(previous, copies if copies.count else None, cache.subject_spans_aside(),
                      in_background(old_layout, previous, prefixes))


def _changed_graphs(items: Sequence[GraphItem], previous: dict[str, GraphSpan], make: _Maker,
                    limit: int) -> dict[str, GraphChunk | None] | None:
    """The graphs whose signature differs from the last build, made and compared by digest:
    IRI -> chunk (None when its bytes are the last build's); None when more than ``limit``."""
    todo = [i for i in items if not i.sig or i.iri not in previous or previous[i.iri].sig != i.sig]
    if len(todo) > limit:
        return None
    made: dict[str, GraphChunk | None] = {}
    for item in todo:
        chunk = make(item)
        old = previous.get(item.iri)
        made[item.iri] = None if old is not None and old.digest == _digest(chunk.nquads) else chunk
    return made


def write_outputs(
    records: Sequence[Record], plan: MergePlan, cache: BuildCache, minter: IriMinter, prefixes: dict[str, str],
    out_dir: Path, store: bool, remember: bool, early: EarlyStart | None = None,
    while_writing: Callable[[], None] | None = None,
    before_commit: Callable[[Written], Mapping[Path, bytes | str]] | None = None,
) -> Written:
    """Write the dataset files and the store of ``out_dir``, patching them when few graphs changed.

    Parameters
    ----------
    remember
        The cache persists (``kg build`` without ``--no-cache``): patch from the last build and
        remember positions and counts for the next one.
    early
        What was read and copied of the old files during the extraction (see :class:`EarlyStart`);
        the copies are used or removed here.
    while_writing
        Called once the files are staged, while they may still be copied and flushed to disk.
    before_commit
        Called once the store is written, before the dataset files are renamed into place: the
        files it returns are committed with them.
    """
    out_dir = Path(out_dir)
    items = graph_items(records, plan)
    make = _Maker(plan, cache, minter, prefixes)
    if not remember:
        previous = {}
    else:       # nothing changes the spans between the early start and here
        previous = early.previous if early is not None else cache.graph_spans()
    store_ok = (remember and store and current_generation(out_dir) is not None
                and cache.get_state(STORE_GENERATION) == current_generation(out_dir))
    if remember:
        # Set again once the store is written: a build that stops before then reloads it next time.
        cache.set_state(STORE_GENERATION, None)
    limit = patch_limit(len(items))
    stamp = files_stamp(out_dir, prefixes)
    patchable = remember and bool(previous) and stamp is not None and cache.get_state(FILES_STAMP) == stamp
    t = time.perf_counter()
    made = _changed_graphs(items, previous, make, limit) if patchable else None
    graphs_s = time.perf_counter() - t
    written = None
    store_update = _EarlyStoreUpdate(out_dir) if store_ok else None
    try:
        if made is not None:
            try:
                written = _patch(items, previous, made, cache, out_dir, prefixes, early,
                                 on_known=store_update.start if store_update else lambda _c, _r: None)
            except PatchRefused as exc:
                log.info("dataset files written anew: %s", exc)
    finally:
        if early is not None:
            early.discard()
    if written is None:
        written = _full(items, previous, make, cache, out_dir, prefixes, remember, limit)
    written.remapped = make.remapped
    written.timings["graphs_s"] = graphs_s
    if while_writing is not None:
        while_writing()
    try:
        t = time.perf_counter()
        if store:
            written.store = _store_stage(out_dir, written, store_ok, store_update)
            cache.set_state(STORE_GENERATION, current_generation(out_dir))
        written.timings["store_s"] = time.perf_counter() - t
        extra = before_commit(written) if before_commit is not None else {}
        atomic_write_many({**written.staged, **extra})
    except BaseException:
        discard_staged(written.staged)
        raise
    if remember:
        cache.set_state(FILES_STAMP, files_stamp(out_dir, prefixes))
    return written


def _full(items: Sequence[GraphItem], previous: dict[str, GraphSpan], make: _Maker, cache: BuildCache,
          out_dir: Path, prefixes: dict[str, str], remember: bool, limit: int) -> Written:
    """Every graph streamed into new files; positions and counts remembered anew."""
    t = time.perf_counter()
    made: dict[str, tuple[str, str]] = {}
    changed: dict[str, bytes] | None = {}

    def chunks() -> Iterator[GraphChunk]:
        nonlocal changed
        for item in items:
            chunk = make(item)
            digest = _digest(chunk.nquads)
            made[item.iri] = (item.sig, digest)
            old = previous.get(item.iri)
            if changed is not None and chunk.nquads and (old is None or old.digest != digest):
                if len(changed) >= limit:
                    changed = None      # too many for an update in place: the store is reloaded
                else:
                    changed[item.iri] = chunk.nquads
            yield chunk

    if remember:
        cache.set_state(FILES_STAMP, None)
        cache.reset_union()
    staged, files = stage_dataset(chunks(), out_dir, prefixes, union_sink=cache.add_union if remember else None)
    if remember:
        spans = {iri: GraphSpan(made[iri][0], made[iri][1], *lengths, files.triples_per_graph[iri])
                 for iri, lengths in files.lengths.items()}
        cache.set_graph_spans(spans, replace=True)
    return Written(files, "full", staged, changed, set(previous) - set(files.lengths),
                   timings={"write_s": time.perf_counter() - t})


def _patch(items: Sequence[GraphItem], previous: dict[str, GraphSpan], made: dict[str, GraphChunk | None],
           cache: BuildCache, out_dir: Path, prefixes: dict[str, str], early: EarlyStart | None,
           on_known: Callable[[dict[str, bytes], set[str]], Future[object] | None]) -> Written:
    """New files from the old ones and the changed graphs (see :mod:`kg.pipeline.patch`).
    ``on_known`` gets the changed graphs' N-Quads and the removed graphs before the copies start,
    and may return work that the files' flush to disk is to wait for."""
    t = time.perf_counter()
    changed = {iri: c for iri, c in made.items() if c is not None and c.nquads}

    def in_new_files(iri: str) -> bool:
        if iri in made:             # re-made: new bytes, or None for the old bytes (empty: gone)
            return iri in changed or made[iri] is None
        return iri in previous      # same signature: the old bytes

    present = [i.iri for i in items if in_new_files(i.iri)]
    kept = set(present)
    removed = set(previous) - kept
    spans: dict[str, GraphSpan] = {}
    for item in items:
        chunk = changed.get(item.iri)
        old = previous.get(item.iri)
        if chunk is not None:
            spans[item.iri] = GraphSpan(item.sig, _digest(chunk.nquads), len(chunk.nquads), len(chunk.trig),
                                        len(chunk.jsonld), chunk.triples)
        elif old is not None and item.iri in kept and old.sig != item.sig:
            spans[item.iri] = GraphSpan(item.sig, old.digest, old.nq, old.trig, old.jsonld, old.triples)
    if not changed and not removed:
        triples = {iri: previous[iri].triples for iri in present}
        files = DatasetFiles(tuple(out_dir / n for n in DATASET_FILES), sum(triples.values()), len(triples),
                             triples)
        cache.set_graph_spans(spans, replace=False)
        return Written(files, "unchanged", {}, {}, set(), timings={"write_s": time.perf_counter() - t})
    cache.set_state(FILES_STAMP, None)
    first = on_known({iri: c.nquads for iri, c in changed.items()}, removed)
    staged, files = patch_dataset(out_dir, present, previous, changed, removed, cache, prefixes, first=first,
                                  early=early.copies if early is not None else None,
                                  subjects=early.subjects if early is not None else None,
                                  offsets=early.offsets if early is not None else None)
    cache.set_graph_spans(spans, replace=False)
    cache.drop_graph_spans(removed)
    return Written(files, "patched", staged, {iri: c.nquads for iri, c in changed.items()}, removed,
                   timings={"write_s": time.perf_counter() - t})


class _EarlyStoreUpdate:
    """The store's update in place, started in a thread of its own as soon as the changed graphs
    are known: while the dataset files are copied, the disk is idle and the update's fsyncs take
    a tenth of a second; behind a gigabyte of dataset files being flushed, two seconds. The
    files' flush waits for it (see :func:`kg.pipeline.patch.patch_dataset`)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.task: Future[object] | None = None
        self.graphs: tuple[set[str], set[str]] | None = None

    def start(self, changed_nq: dict[str, bytes], removed: set[str]) -> Future[object] | None:
        if not changed_nq and not removed:
            return None
        self.graphs = (set(changed_nq), set(removed))
        thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
        # old generations are removed by a process of their own
        self.task = thread.submit(update_store, self.out_dir, removed, changed_nq, remove=remove_detached)
        thread.shutdown(wait=False)
        return self.task

    def result_for(self, changed_nq: dict[str, bytes], removed: set[str]) -> bool:
        """Whether the update ran for these graphs (raises what it raised)."""
        if self.task is None:
            return False
        self.task.result()
        return self.graphs == (set(changed_nq), set(removed))


def _store_stage(out_dir: Path, written: Written, store_ok: bool, early: _EarlyStoreUpdate | None = None) -> str:
    """Update the store in place when few graphs changed, else bulk-load it; returns how."""
    # both files are complete here (staged, renamed after the store)
    staged_nq, staged_union = (written.staged.get(out_dir / n) for n in ("dataset.nq", "merged.ttl"))
    nq_path = staged_nq.tmp if staged_nq is not None else out_dir / "dataset.nq"
    if store_ok and written.changed_nq is not None:
        if not written.removed and not written.changed_nq:
            return "unchanged"
        try:
            if early is None or not early.result_for(written.changed_nq, written.removed):
                update_store(out_dir, written.removed, written.changed_nq, remove=remove_detached)
            if staged_nq is not None:
                staged_nq.wait_filled()     # its final size and time are what the store records
            mark_store_source(out_dir, nq_path)
            return "incremental"
        except (OSError, ValueError, RuntimeError) as exc:
            log.warning("incremental store update failed (%s); reloading the store", exc)
    for staged in (staged_nq, staged_union):
        if staged is not None:
            staged.wait_filled()        # a patched file may still be being copied
    # the union is bulk-loaded from merged.ttl instead of being rebuilt from the quads
    union_path = staged_union.tmp if staged_union is not None else out_dir / "merged.ttl"
    build_store(out_dir, nq_path, union=union_path if union_path.is_file() else None, own_quads=written.files.quads)
    return "full"
