"""Unchanged input files are not read again: a stat cache of what each file gave last time.

Notes
-----
Re-reading and cleaning 10,000 articles costs more than everything else an incremental build
does (about 2 ms an article). A file whose size, modification time and inode (and those of its
``NAME.meta.json``) are those of the last build, under the same ingest code, options and build
context, yields what it yielded then: a :class:`KnownArticle` (id, source, cache key, length)
for each article, and the same problems. :func:`kg.ingest.read_inputs` still walks the folders
and rejects duplicate ids, so the order and the problems are those of a fresh read.

A file modified less than :data:`RACY_SECONDS` before it was read is not remembered: a second
write within the file system's timestamp granularity could otherwise go unnoticed (the "racy
clean" case of git's index). A remembered article whose result is not in the build cache (a
failed extraction, a cache pruned by hand) makes the whole file be read again.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.ingest import IngestOptions, read_file
from kg.ingest.meta import meta_path
from kg.pipeline.cache import BuildCache
from kg.records import Article, Problem

__all__ = ["RACY_SECONDS", "CachedReader", "KnownArticle", "ingest_version"]

RACY_SECONDS = 2.0
_INGEST = Path(__file__).resolve().parents[1] / "ingest"


@dataclass(frozen=True)
class KnownArticle:
    """An article of an unchanged file as the last build read it: what the build needs of it."""

    id: str
    source: str
    key: str
    chars: int


@lru_cache(maxsize=1)
def ingest_version() -> str:
    """A hash of the ingest code (its data files are in :func:`kg.pipeline.version.pipeline_version`)."""
    h = hashlib.sha256()
    for path in sorted(_INGEST.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _stamp(path: Path, settings: str) -> str | None:
    """What must not change for ``path`` to be served from the cache; None when too fresh."""
    own = _stat(path)
    if own is None:
        return None
    side = _stat(meta_path(path)) if path.suffix.lower() != ".jsonl" else None
    newest = max(own[1], side[1] if side else 0)
    if time.time_ns() - newest < RACY_SECONDS * 1e9:
        return None
    return f"{settings}|{own}|{side}"


class CachedReader:
    """A ``read`` function for :func:`kg.ingest.read_inputs` backed by the build cache.

    Parameters
    ----------
    context
        The build context (code, KB, base IRI, prefixes); part of every stamp.
    key_of
        The cache key of a freshly read article.
    known
        Keys with a cached result: a remembered file is served only when all its articles are.
    """

    def __init__(self, cache: BuildCache, context: str, key_of: Callable[[Article], str], known: set[str]) -> None:
        self.cache = cache
        self.context = context
        self.key_of = key_of
        self.known = known
        self.seen: set[str] = set()     # the files of this build, to forget the others
        self.served = 0                 # files served from the cache

    def __call__(self, path: Path, options: IngestOptions) -> Iterator[Article | Problem | KnownArticle]:
        name = str(path)
        self.seen.add(name)
        stamp = _stamp(path, f"{ingest_version()}|{options!r}|{self.context}")
        if stamp is not None:
            items = self.cache.input_items(name, stamp)
            if items is not None and all(not isinstance(i, KnownArticle) or i.key in self.known for i in items):
                self.served += 1
                yield from items
                return
        remembered: list[Problem | KnownArticle] = []
        for item in read_file(path, options):
            if isinstance(item, Article):
                remembered.append(KnownArticle(item.id, item.source, self.key_of(item), len(item.text)))
            else:
                remembered.append(item)
            yield item
        if stamp is not None:       # only once the whole file was read
            self.cache.put_input(name, stamp, remembered)
