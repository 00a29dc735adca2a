"""Incremental update of ``DIR/store``: replace the graphs that changed, keep the rest.

Notes
-----
A full store build reloads every quad (minutes at 100,000 articles); when a handful of
articles changed, the previous generation is checkpointed (RocksDB hard links: instant and
without copying), the changed graphs are dropped and reloaded in the copy, the set-valued
default graph (the union, see ``DatasetStore.materialise_union``) is corrected for exactly the
triples involved, and the link is swapped atomically as a full build does. Readers of the old
generation keep reading it.

It shares ``kg.store.disk``'s generation layout, swap and pruning, so that a full and an
incremental build leave the same kind of ``DIR/store``.
"""
from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.store.disk import _GENERATIONS, _remove_generations, _stale, _swap, store_dir

__all__ = ["StoreUpdate", "current_generation", "update_store"]

log = logging.getLogger(__name__)


def current_generation(out_dir: Path) -> str | None:
    """The generation folder ``DIR/store`` points at (its name), or None."""
    link = store_dir(out_dir)
    if not link.is_symlink() or not link.is_dir():
        return None
    return link.resolve().name


@dataclass(frozen=True)
class StoreUpdate:
    """What :func:`update_store` did: graphs replaced (or added) and removed, and how long it took.
    (Counting the quads of the new generation would scan the whole store.)"""

    path: Path
    replaced: int
    removed: int
    seconds: float


def update_store(out_dir: Path, removed: set[str], changed: Mapping[str, bytes],
                 remove: Callable[[list[Path]], object] | None = None) -> StoreUpdate:
    """A new store generation: the current one without ``removed`` graphs and with ``changed``
    graphs replaced by the given N-Quads (new graphs included).

    ``remove`` removes the generation folders before the previous one (e.g. in the background:
    it waits behind whatever the disk is writing); by default they are removed here.

    Raises
    ------
    OSError, ValueError
        The previous store is then left as it was.
    """
    out_dir = Path(out_dir)
    link = store_dir(out_dir)
    previous = link.resolve()
    generations = out_dir / _GENERATIONS
    stamp = time.time_ns()
    tmp = generations / f"tmp-{stamp}"
    started = time.monotonic()
    try:
        ox.Store.read_only(str(previous)).backup(str(tmp))
        store = ox.Store(str(tmp))
        default = ox.DefaultGraph()
        dropped: set[ox.Triple] = set()
        for g in sorted(removed | set(changed)):
            node = ox.NamedNode(g)
            dropped.update(q.triple for q in store.quads_for_pattern(None, None, None, node))
            store.remove_graph(node) if store.contains_named_graph(node) else None
        for t in dropped:
            if not any(q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
                store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
        added: list[ox.Quad] = []
        for g in sorted(changed):
            quads = list(ox.parse(changed[g], format=ox.RdfFormat.N_QUADS))
            store.extend(quads)
            added.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
        store.extend(added)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    final = generations / f"gen-{stamp}"
    os.replace(tmp, final)
    _swap(link, final)
    (remove or _remove_generations)(_stale(generations, {final.resolve(), previous}))
    seconds = time.monotonic() - started
    log.info("store: %d graph(s) replaced, %d removed in %.2f s", len(changed), len(removed), seconds)
    return StoreUpdate(path=link, replaced=len(changed), removed=len(removed), seconds=seconds)
