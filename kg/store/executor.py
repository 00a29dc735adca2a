"""Queries with a hard time limit: a small pool of worker processes over a read-only store.

Notes
-----
Oxigraph cannot cancel a running query, and a thread cannot be killed, so a query that runs
away (a cross product over a large dataset) would hold a server thread and a core for ever. Each
query therefore runs in a worker process that has the store open read-only; when a query passes
its time limit the worker is killed and replaced, and the client gets :class:`QueryTimeout`.
The other workers keep serving: one bad query never stops the endpoint.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError, QueryError
from kg.store.guard import QueryTimeout
from kg.store.results import QueryResult

__all__ = ["QueryPool", "QueryRequest"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryRequest:
    """One query as the SPARQL Protocol states it (graphs from ``default-graph-uri`` etc.)."""

    sparql: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int | None = None


def _serve_queries(store_path: str, conn: Connection) -> None:
    """Worker loop: answer requests until told to stop (``None``) or the pipe closes."""
    from kg.store.oxigraph import DatasetStore

    store = DatasetStore.open(Path(store_path), read_only=True)
    conn.send(("ready", None))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        try:
            result = store.query(
                req.sparql,
                default_graphs=list(req.default_graphs) or None,
                named_graphs=list(req.named_graphs) or None,
                max_rows=req.max_rows,
            )
            conn.send(("ok", result))
        except KgError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))
        except Exception as exc:  # noqa: BLE001 - a worker must answer whatever happens
            conn.send(("error", ("QueryError", f"query failed: {exc}")))


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, store_path: Path) -> None:
        parent, child = ctx.Pipe()
        self.conn = parent
        self.process = ctx.Process(target=_serve_queries, args=(str(store_path), child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        try:
            if not self.conn.poll(timeout):
                raise QueryError("a query worker did not start in time")
            status, _ = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise QueryError(f"a query worker failed to start: {exc}") from exc
        self.ready = status == "ready"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """``workers`` processes answering queries over the store at ``store_path``.

    Parameters
    ----------
    store_path
        An on-disk Oxigraph store (opened read-only by every worker).
    workers
        How many queries run at once; more wait for a free worker (within the time limit).
    timeout_s
        The time limit of one query, waiting for a worker included.
    """

    def __init__(self, store_path: Path, workers: int = 2, timeout_s: float = 10.0) -> None:
        self.store_path = Path(store_path)
        self.timeout_s = timeout_s
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._workers = [_Worker(self._ctx, self.store_path) for _ in range(max(1, workers))]
        for w in self._workers:
            w.wait_ready(60.0)
            self._idle.put(w)
        log.info("query pool: %d workers over %s, %.1f s per query", len(self._workers), self.store_path,
                 timeout_s)

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            if dead in self._workers:
                self._workers.remove(dead)
            if self._closed:
                return
            fresh = _Worker(self._ctx, self.store_path)
            self._workers.append(fresh)
        try:
            fresh.wait_ready(60.0)
        except QueryError:
            log.error("query pool: a replacement worker failed to start")
            return
        self._idle.put(fresh)

    def run(self, request: QueryRequest, timeout_s: float | None = None) -> QueryResult:
        """Answer one request, or raise ``QueryTimeout`` / ``QueryError`` (blocking)."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeout(f"the server is busy: no worker was free within {limit:g} s") from None
        try:
            worker.conn.send(request)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                log.warning("query stopped after %.1f s: %s", limit, request.sparql[:200].replace("\n", " "))
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                worker = None
                raise QueryTimeout(f"the query ran past the time limit of {limit:g} s and was stopped")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            if worker is not None:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                worker = None
            raise QueryError(f"the query worker failed: {exc}") from exc
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        kind, message = payload
        from kg.store import guard

        error_cls = {"QueryRefused": guard.QueryRefused, "QueryTimeout": QueryTimeout}.get(kind, QueryError)
        raise error_cls(message)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.process.join(timeout=2)
            w.kill()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
