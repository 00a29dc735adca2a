"""The build cache: per-article results keyed by content, in one SQLite file per output folder.

Notes
-----
One SQLite file (``OUT/.kg-cache/cache.sqlite``) rather than a file per article: 100,000 small
files cost more in the file system than rows in a table, and one writer (the parent process)
inserts in transactions of a few hundred rows. Blobs are zlib-compressed (level 1: Arabic text
and N-Quads shrink about threefold at hundreds of MB/s). ``summary`` is small and read for every
article of every build; the rest is read only for the articles a build writes or re-maps.
The ``graphs`` table remembers the digest of each graph of the last build and ``state`` the
store generation it loaded, so that the next build updates the store instead of reloading it.
"""
from __future__ import annotations

import logging
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR", "BuildCache", "CacheEntry"]

log = logging.getLogger(__name__)

CACHE_DIR = ".kg-cache"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, summary BLOB NOT NULL, resolved BLOB NOT NULL,
    nq BLOB NOT NULL, trig BLOB NOT NULL, jsonld BLOB NOT NULL, triples INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (iri TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
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


def pack(obj: Any) -> bytes:
    """Pickle and compress (workers pack, so that the parent only writes bytes)."""
    return zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), 1)


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

    # -- what the last build wrote ---------------------------------------------------------------
    def graph_digests(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT iri, digest FROM graphs"))

    def set_graph_digests(self, digests: dict[str, str]) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM graphs")
            self._db.executemany("INSERT INTO graphs VALUES (?, ?)", sorted(digests.items()))

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

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
