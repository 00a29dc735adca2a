"""The build cache: per-article results keyed by content, in one SQLite file per output folder.

Notes
-----
One SQLite file (``OUT/.kg-cache/cache.sqlite``) rather than a file per article: 100,000 small
files cost more in the file system than rows in a table, and one writer (the parent process)
inserts in transactions of a few hundred rows. Blobs are zlib-compressed (level 1: Arabic text
and N-Quads shrink about threefold at hundreds of MB/s). ``summary`` is small and read for every
article of every build; the rest is read only for the articles a build writes or re-maps.
What the last build wrote is remembered so that the next one patches instead of rewriting:
``graph_spans`` (per graph: the keys it was made from, its digest and its length in each
dataset file), ``subject_spans`` (the length of each subject's block in ``merged.ttl``),
``shared_lines`` (the triples that several graphs state, by hash, with how many: any other triple
of ``merged.ttl`` is stated by one graph), ``input_files``
(what each input file gave, see :mod:`kg.pipeline.inputs`) and ``state`` (the store generation
and the stamp of the dataset files those spans describe).
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Self

__all__ = ["CACHE_DIR", "BuildCache", "CacheEntry", "GraphSpan"]

log = logging.getLogger(__name__)

CACHE_DIR = ".kg-cache"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, summary BLOB NOT NULL, resolved BLOB NOT NULL,
    nq BLOB NOT NULL, trig BLOB NOT NULL, jsonld BLOB NOT NULL, triples INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS input_files (path TEXT PRIMARY KEY, remembered BLOB NOT NULL) WITHOUT ROWID;
DROP TABLE IF EXISTS inputs;
CREATE TABLE IF NOT EXISTS graph_spans (
    iri TEXT PRIMARY KEY, sig TEXT NOT NULL, digest TEXT NOT NULL,
    nq INTEGER NOT NULL, trig INTEGER NOT NULL, jsonld INTEGER NOT NULL, triples INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subject_spans (subject TEXT PRIMARY KEY, ttl INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shared_lines (hash BLOB PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
DROP TABLE IF EXISTS graphs;
DROP TABLE IF EXISTS union_triples;
DROP TABLE IF EXISTS subject_lines;
"""


@dataclass(frozen=True)
class CacheEntry:
    """One article's cached result, compressed as stored (see :meth:`BuildCache.put`)."""

    key: str
    summary: bytes
    resolved: bytes
    nq: bytes
    trig: bytes
    jsonld: bytes
    triples: int


@dataclass(frozen=True)
class GraphSpan:
    """One graph of the last build: the cache keys it was made from (empty when it was re-mapped
    by a corpus merge), the digest of its N-Quads, its length in bytes in each dataset file and
    its number of triples."""

    sig: str
    digest: str
    nq: int
    trig: int
    jsonld: int
    triples: int


def _hash(line: str) -> bytes:
    return hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()


def pack(obj: Any) -> bytes:
    """Pickle and compress (workers pack, so that the parent only writes bytes)."""
    return zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _subject_spans(db: sqlite3.Connection) -> tuple[list[str], list[int]]:
    # Two strings built by SQLite and split in C: three times faster than a row per subject.
    # (No newline can occur in an N-Triples term.)
    keys_text, lengths_text = db.execute(
        "SELECT group_concat(subject, char(10)), group_concat(ttl, ' ')"
        " FROM (SELECT subject, ttl FROM subject_spans ORDER BY subject)").fetchone()
    if keys_text is None:
        return [], []
    keys, lengths = keys_text.split("\n"), list(map(int, lengths_text.split()))
    if len(keys) == len(lengths) and all(a < b for a, b in pairwise(keys)):
        return keys, lengths
    rows = db.execute("SELECT subject, ttl FROM subject_spans ORDER BY subject").fetchall()
    return [k for k, _n in rows], [n for _k, n in rows]


def unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


def squeeze(data: bytes) -> bytes:
    return zlib.compress(data, 1)


def inflate(blob: bytes) -> bytes:
    return zlib.decompress(blob)


class BuildCache:
    """Per-article results of earlier builds, keyed by :func:`kg.pipeline.version.article_key`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._pending: list[CacheEntry] = []

    # -- entries -------------------------------------------------------------------------------
    def keys(self) -> set[str]:
        return {k for (k,) in self._db.execute("SELECT key FROM entries")}

    def summary(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT summary FROM entries WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def summaries(self, keys: Iterable[str], batch: int = 500) -> Iterator[tuple[str, bytes]]:
        """(key, summary) of the keys present, in no particular order."""
        keys = list(keys)
        for i in range(0, len(keys), batch):
            part = keys[i:i + batch]
            marks = ",".join("?" * len(part))
            yield from self._db.execute(f"SELECT key, summary FROM entries WHERE key IN ({marks})", part)

    def resolved(self, key: str) -> bytes:
        return self._db.execute("SELECT resolved FROM entries WHERE key = ?", (key,)).fetchone()[0]

    def chunk(self, key: str) -> tuple[bytes, bytes, bytes, int]:
        """(nq, trig, jsonld, triples) of one article, decompressed."""
        nq, trig, jsonld, triples = self._db.execute(
            "SELECT nq, trig, jsonld, triples FROM entries WHERE key = ?", (key,)).fetchone()
        return inflate(nq), inflate(trig), inflate(jsonld), triples

    def put(self, entry: CacheEntry) -> None:
        """Queue an entry; written in batches (call :meth:`commit` at the end)."""
        self._pending.append(entry)
        if len(self._pending) >= 256:
            self.commit()

    def commit(self) -> None:
        if not self._pending:
            return
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e.key, e.summary, e.resolved, e.nq, e.trig, e.jsonld, e.triples) for e in self._pending])
        self._pending = []

    def retain(self, keep: set[str]) -> int:
        """Drop entries of articles no longer in the corpus; returns how many were dropped."""
        self.commit()
        gone = sorted(self.keys() - keep)
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in gone])
        return len(gone)

    # -- what each input file gave ---------------------------------------------------------------
    def input_items(self, path: str) -> Any:
        row = self._db.execute("SELECT remembered FROM input_files WHERE path = ?", (path,)).fetchone()
        return unpack(row[0]) if row else None

    def put_input(self, path: str, remembered: Any) -> None:
        self._db.execute("INSERT OR REPLACE INTO input_files VALUES (?, ?)", (path, pack(remembered)))

    def retain_inputs(self, paths: set[str]) -> None:
        gone = [(p,) for (p,) in self._db.execute("SELECT path FROM input_files") if p not in paths]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM input_files WHERE path = ?", gone)

    # -- what the last build wrote ---------------------------------------------------------------
    def graph_spans(self) -> dict[str, GraphSpan]:
        return {iri: GraphSpan(*rest) for iri, *rest in self._db.execute("SELECT * FROM graph_spans")}

    def graph_digests(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT iri, digest FROM graph_spans"))

    def set_graph_spans(self, spans: dict[str, GraphSpan], replace: bool) -> None:
        """Store ``spans`` (all graphs when ``replace``, else only those that changed)."""
        with self._db:
            self._db.execute("BEGIN")
            if replace:
                self._db.execute("DELETE FROM graph_spans")
            self._db.executemany("INSERT OR REPLACE INTO graph_spans VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 [(iri, s.sig, s.digest, s.nq, s.trig, s.jsonld, s.triples)
                                  for iri, s in spans.items()])

    def drop_graph_spans(self, iris: Iterable[str]) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM graph_spans WHERE iri = ?", [(i,) for i in iris])

    # -- the union of the graphs (merged.ttl) ------------------------------------------------------
    def reset_union(self) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM shared_lines")
            self._db.execute("DELETE FROM subject_spans")

    def add_union(self, subjects: list[tuple[str, int]], shared: list[tuple[str, int]]) -> None:
        """Append subjects of ``merged.ttl`` (key, block length; a full build, in order) and the
        lines stated by more than one graph (line, how many)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO subject_spans VALUES (?, ?)", subjects)
            self._db.executemany("INSERT INTO shared_lines VALUES (?, ?)", [(_hash(x), n) for x, n in shared])

    def shared_counts(self, lines: Iterable[str]) -> dict[str, int]:
        """How many graphs state each of ``lines``, for those stated by more than one."""
        out: dict[str, int] = {}
        for line in lines:
            row = self._db.execute("SELECT n FROM shared_lines WHERE hash = ?", (_hash(line),)).fetchone()
            if row:
                out[line] = row[0]
        return out

    def set_shared_counts(self, counts: dict[str, int]) -> None:
        """Store how many graphs state each line (below 2: forgotten, see ``shared_lines``)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM shared_lines WHERE hash = ?",
                                 [(_hash(x),) for x, n in counts.items() if n < 2])
            self._db.executemany("INSERT OR REPLACE INTO shared_lines VALUES (?, ?)",
                                 [(_hash(x), n) for x, n in counts.items() if n >= 2])

    def subject_spans(self) -> tuple[list[str], list[int]]:
        """Subject keys of ``merged.ttl`` in file order, and the length of each one's block."""
        return _subject_spans(self._db)

    def subject_spans_aside(self) -> Future[tuple[list[str], list[int]]]:
        """:meth:`subject_spans` read in a thread, through a connection of its own (SQLite reads
        without the GIL): for a rebuild, while its new articles are extracted. The spans are
        only changed by the patch that needs them, after this read."""
        def read() -> tuple[list[str], list[int]]:
            db = sqlite3.connect(str(self.path), isolation_level=None)
            try:
                return _subject_spans(db)
            finally:
                db.close()

        aside = ThreadPoolExecutor(1, thread_name_prefix="kg-cache-read")
        try:
            return aside.submit(read)
        finally:
            aside.shutdown(wait=False)

    def update_subject_spans(self, spans: dict[str, int | None]) -> None:
        """Set the block length of each subject (None: the subject is gone)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM subject_spans WHERE subject = ?",
                                 [(k,) for k, v in spans.items() if v is None])
            self._db.executemany("INSERT OR REPLACE INTO subject_spans VALUES (?, ?)",
                                 [(k, v) for k, v in spans.items() if v is not None])

    def get_state(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_state(self, name: str, value: str | None) -> None:
        with self._db:
            if value is None:
                self._db.execute("DELETE FROM state WHERE name = ?", (name,))
            else:
                self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (name, value))

    def close(self) -> None:
        self.commit()
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
