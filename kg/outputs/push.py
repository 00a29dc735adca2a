"""``kg push``: send each article graph to a triple store over the Graph Store Protocol.

Notes
-----
One ``PUT ?graph=IRI`` per article graph (N-Triples body): ``PUT`` *replaces* the graph, so
pushing twice, or pushing again after a rebuild, leaves exactly one copy of every graph and never
appends duplicates. Any store that implements the SPARQL 1.1 Graph Store HTTP Protocol takes it:
Oxigraph (``http://host:7878/store``), Jena Fuseki (``http://host:3030/DATASET/data``), GraphDB
(``http://host:7200/repositories/REPO/rdf-graphs/service``), Virtuoso
(``http://host:8890/sparql-graph-crud-auth``). One HTTP connection is kept alive for all graphs.
"""
from __future__ import annotations

import base64
import http.client
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.errors import InputError, KgError
from kg.queries import ensure_store
from kg.store import open_store

__all__ = ["PushError", "PushReport", "push"]

log = logging.getLogger(__name__)


class PushError(KgError):
    """The target store cannot be reached or refused the graphs."""

    exit_code = 1


@dataclass(frozen=True)
class PushReport:
    """What a push sent: graphs and triples, the graphs that failed (with why), and the time taken."""

    url: str
    graphs: int
    triples: int
    failed: tuple[tuple[str, str], ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failed


class _Connection:
    """A keep-alive HTTP(S) connection to one host that reconnects once when dropped."""

    def __init__(self, url: str, timeout_s: float, auth: tuple[str, str] | None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"--to {url}: not an http(s) URL")
        self.parts = parts
        self.timeout_s = timeout_s
        self.headers = {"Content-Type": "application/n-triples; charset=utf-8"}
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
        self.conn: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
        return cls(self.parts.hostname or "", self.parts.port, timeout=self.timeout_s)

    def put(self, graph: str, body: bytes) -> tuple[int, str]:
        path = self.parts.path or "/"
        sep = "&" if self.parts.query else "?"
        target = f"{path}?{self.parts.query}{sep}graph={quote(graph, safe='')}" if self.parts.query \
            else f"{path}?graph={quote(graph, safe='')}"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._open()
            try:
                self.conn.request("PUT", target, body=body, headers=self.headers)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", errors="replace")
                return resp.status, text
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise PushError(f"{self.parts.geturl()}: {exc}") from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def push(
    out_dir: Path,
    url: str,
    *,
    graphs: Iterable[str] | None = None,
    timeout_s: float = 60.0,
    auth: tuple[str, str] | None = None,
) -> PushReport:
    """PUT every article graph of an output folder to a Graph Store Protocol endpoint.

    Parameters
    ----------
    out_dir
        A ``kg build`` output folder (its store, or ``dataset.nq`` loaded into one).
    url
        The store's Graph Store endpoint, without ``?graph=`` (e.g. ``http://127.0.0.1:7878/store``).
    graphs
        Only these graph IRIs (default: every named graph), sent in sorted order.
    timeout_s
        Time limit of one HTTP request.
    auth
        HTTP Basic credentials, where the store asks for them.

    Raises
    ------
    PushError
        When the store cannot be reached at all. Graphs the store refuses are listed in
        ``PushReport.failed`` and the others are still sent.
    """
    ensure_store(out_dir)
    store = open_store(out_dir)
    names = sorted(graphs) if graphs is not None else store.graphs()
    conn = _Connection(url, timeout_s, auth)
    started = time.monotonic()
    sent = triples = 0
    failed: list[tuple[str, str]] = []
    try:
        for graph in names:
            body = store.dump_graph(graph, "ntriples")
            status, text = conn.put(graph, body)
            if status in (200, 201, 204):
                sent += 1
                triples += body.count(b"\n")
            else:
                message = f"HTTP {status}: {text.strip()[:200]}"
                log.warning("push %s: %s", graph, message)
                failed.append((graph, message))
                if status in (401, 403, 404, 405) and sent == 0 and len(failed) == 1:
                    raise PushError(f"{url} refused the first graph ({message}); is it a Graph Store endpoint?")
    finally:
        conn.close()
    report = PushReport(url, sent, triples, tuple(failed), time.monotonic() - started)
    log.info("pushed %d graphs (%d triples) to %s in %.2f s, %d failed", sent, triples, url,
             report.seconds, len(failed))
    return report
