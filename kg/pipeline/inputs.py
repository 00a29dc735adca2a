"""Unchanged input files are not read again: what each file gave last time, kept in the cache.

Notes
-----
Re-reading and cleaning 10,000 articles costs more than everything else an incremental build
does (about 2 ms an article). A file whose size, modification time and inode (and those of its
``NAME.meta.json``) are those of the last build, under the same ingest code, options and build
context, yields what it yielded then: a :class:`KnownArticle` (id, source, cache key, length)
for each article, and the same problems. :func:`kg.ingest.read_inputs` still walks the folders
and rejects duplicate ids, so the order and the problems are those of a fresh read.

A JSON lines file that did change is read line by line: a line whose bytes were seen before
gives what it gave then (with its new line number), and only new lines are parsed and cleaned
(:func:`kg.ingest.read.read_jsonl_line`); so one edited article of a 1,000-line file costs one
article, not a thousand. A line whose article id was made from its line number is read again
when it moved.

A file modified less than :data:`RACY_SECONDS` before it was read is never taken as unchanged
from its stat alone: a second write within the file system's timestamp granularity could go
unnoticed (the "racy clean" case of git's index); its lines are still compared by content.
A remembered article whose result is not in the build cache (a failed extraction, a cache
pruned by hand) is read again.
"""
from __future__ import annotations

import codecs
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.ingest import IngestOptions, read_file
from kg.ingest.meta import meta_path
from kg.ingest.read import read_jsonl_line
from kg.pipeline.cache import BuildCache
from kg.records import Article, Problem

__all__ = ["RACY_SECONDS", "CachedReader", "KnownArticle", "ingest_version"]

RACY_SECONDS = 2.0
_INGEST = Path(__file__).resolve().parents[1] / "ingest"

Item = Article | Problem


@dataclass(frozen=True)
class KnownArticle:
    """An article of an unchanged file as the last build read it: what the build needs of it."""

    id: str
    source: str
    key: str
    chars: int


Known = Problem | KnownArticle


@dataclass(frozen=True)
class _Remembered:
    """What one file gave: under which settings, for which stat (None: not trusted), its items
    and, for JSON lines, each line's digest -> (line number, item)."""

    settings: str
    stat: str | None
    items: list[Problem | KnownArticle]
    lines: dict[bytes, tuple[int, Problem | KnownArticle]]


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


def _stat_stamp(path: Path) -> str | None:
    """Size, mtime and inode of the file and its meta side file; None when too fresh to trust."""
    own = _stat(path)
    if own is None:
        return None
    side = _stat(meta_path(path)) if path.suffix.lower() != ".jsonl" else None
    newest = max(own[1], side[1] if side else 0)
    if time.time_ns() - newest < RACY_SECONDS * 1e9:
        return None
    return f"{own}|{side}"


def _line_digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _jsonl_lines(path: Path, options: IngestOptions) -> list[bytes] | None:
    """The lines of a plain UTF-8 JSON lines file, split as ``read_file`` splits them; None when
    ``read_file`` must read it itself (a byte order mark, an over-long line, unreadable)."""
    if path.suffix.lower() != ".jsonl":
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if any(len(line) > options.max_bytes for line in lines):
        return None
    return lines


def _line_number(item: Item | KnownArticle) -> int:
    if isinstance(item, Problem):
        return item.line or 0
    tail = item.source.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


class CachedReader:
    """A ``read`` function for :func:`kg.ingest.read_inputs` backed by the build cache.

    Parameters
    ----------
    context
        The build context (code, KB, base IRI, prefixes): what was remembered under another
        context is read again.
    key_of
        The cache key of a freshly read article.
    known
        Keys with a cached result: a remembered article is used only when its result is.
    """

    def __init__(self, cache: BuildCache, context: str, key_of: Callable[[Article], str], known: set[str]) -> None:
        self.cache = cache
        self.context = context
        self.key_of = key_of
        self.known = known
        self.seen: set[str] = set()     # the files of this build, to forget the others
        self.served = 0                 # files served whole from the cache
        self.lines_read = 0             # JSON lines parsed again in changed files

    def __call__(self, path: Path, options: IngestOptions) -> Iterator[Item | KnownArticle]:
        name = str(path)
        self.seen.add(name)
        settings = f"{ingest_version()}|{options!r}|{self.context}"
        stat = _stat_stamp(path)
        old = self.cache.input_items(name)
        if not isinstance(old, _Remembered) or old.settings != settings:
            old = None
        if old is not None and stat is not None and old.stat == stat and self._all_known(old.items):
            self.served += 1
            yield from old.items
            return
        lines = _jsonl_lines(path, options)
        # Items are yielded as they are read: the workers of a parallel build start on a file's
        # first articles while its other lines are cleaned (a list per file left them idle for
        # the second it takes to clean a thousand articles).
        known: list[Known] = []
        by_line: dict[bytes, tuple[int, Known]] = {}

        def remembered(pairs: Iterator[tuple[bytes, Item | KnownArticle]]) -> Iterator[Item | KnownArticle]:
            for digest, item in pairs:
                known.append(self._known(item))
                if digest:
                    by_line[digest] = (_line_number(item), known[-1])
                yield item

        if lines is not None:
            yield from remembered(self._from_lines(path, lines, old.lines if old else {}, options))
        if not known:       # nothing usable: read_file reads the file and reports it
            yield from remembered(self._whole(path, lines, options))
        self.cache.put_input(name, _Remembered(settings, stat, known, by_line))

    def _whole(self, path: Path, lines: list[bytes] | None, options: IngestOptions) -> Iterator[tuple[bytes, Item]]:
        for item in read_file(path, options):
            number = _line_number(item) if lines is not None else 0
            yield (_line_digest(lines[number - 1]) if 0 < number <= len(lines or ()) else b"", item)

    def _from_lines(self, path: Path, lines: list[bytes], memo: dict[bytes, tuple[int, Known]],
                    options: IngestOptions) -> Iterator[tuple[bytes, Item | KnownArticle]]:
        """The items of a JSON lines file, parsing only lines not seen before (nothing at all:
        let ``read_file`` report the file)."""
        for number, raw in enumerate(lines, start=1):
            digest = _line_digest(raw)
            item = self._reuse(memo.get(digest), number, path)
            if item is None:
                item = read_jsonl_line(path, number, raw, options)
                self.lines_read += 1
            if item is not None:
                yield digest, item

    def _reuse(self, old: tuple[int, Known] | None, number: int, path: Path) -> KnownArticle | Problem | None:
        if old is None:
            return None
        was, item = old
        if isinstance(item, Problem):
            return item if was == number else None
        if item.key not in self.known or (was != number and item.id == f"{path.name}#{was}"):
            return None                 # no cached result, or an id made from the old line number
        return replace(item, source=f"{path}:{number}")

    def _known(self, item: Item | KnownArticle) -> Problem | KnownArticle:
        if isinstance(item, Article):
            return KnownArticle(item.id, item.source, self.key_of(item), len(item.text))
        return item

    def _all_known(self, items: list[Problem | KnownArticle]) -> bool:
        return all(not isinstance(i, KnownArticle) or i.key in self.known for i in items)
