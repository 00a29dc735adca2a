"""``kg serve``: a read-only SPARQL 1.1 endpoint over an output folder (Starlette + uvicorn).

Routes
------
``/sparql``
    SPARQL 1.1 Protocol: GET ``?query=``, POST form (``application/x-www-form-urlencoded``) and
    POST direct (``application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri``.
    Results in JSON, XML, CSV or TSV (SELECT/ASK) and Turtle, N-Triples, JSON-LD or RDF/XML
    (CONSTRUCT/DESCRIBE) by content negotiation, or by ``format=``. Without a query: the
    SPARQL 1.1 Service Description.
``/data``
    SPARQL 1.1 Graph Store Protocol, read access: ``?graph=IRI`` is one article's named graph,
    ``?default`` the default graph (the union of all articles).
``/views/``
    The HTML network views of the build (files under ``DIR/views/``).
``/queries``
    The saved queries (JSON), so that a page or notebook can list and run them.

Notes
-----
Read-only and bounded: updates and ``SERVICE`` get 403, a syntax error 400, a query past its time
limit 503 (the worker running it is killed; see :mod:`kg.store.executor`), and results over
``max_rows`` are cut with an ``X-KG-Truncated`` header. The server binds 127.0.0.1 unless told
otherwise, because it has no authentication.
"""
from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KgError, QueryError
from kg.queries import ensure_store, saved_queries
from kg.rdf.namespaces import PREFIXES
from kg.store import (
    QueryRefused,
    QueryResult,
    QueryTimeout,
    check_read_only,
    open_store,
    serialize_solutions,
    serialize_triples,
)
from kg.store.executor import QueryPool, QueryRequest
from kg.store.guard import query_form
from kg.store.oxigraph import convert_rdf
from kg.store.results import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

__all__ = ["create_app", "main", "negotiate", "serve"]

log = logging.getLogger(__name__)

_SOLUTION_ACCEPT: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_ACCEPT: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
_FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld",
                   "rdf": "rdfxml", "rdf+xml": "rdfxml", "srj": "json", "srx": "xml"}


class HttpError(Exception):
    """An error answer: status code and a message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> str:
    """The short name of the format to answer with (``json``, ``turtle``...), or 406.

    Parameters
    ----------
    accept
        The request's ``Accept`` header (q-values honoured, order breaks ties).
    kind
        ``solutions`` (SELECT/ASK) or ``graph`` (CONSTRUCT/DESCRIBE, Graph Store reads).
    fmt
        An explicit ``format=`` parameter, which wins over the header.
    """
    table = _SOLUTION_ACCEPT if kind == "solutions" else _GRAPH_ACCEPT
    names = RESULT_MEDIA_TYPES if kind == "solutions" else GRAPH_MEDIA_TYPES
    default = "json" if kind == "solutions" else "turtle"
    if fmt:
        key = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if key in names and key not in ("nquads", "trig"):
            return key
        if key in table:
            return table[key]
        raise HttpError(406, f"format '{fmt}' is not available here (use one of {', '.join(n for n in names if n not in ('nquads', 'trig'))})")
    if not accept:
        return default
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise HttpError(406, f"none of the accepted types ({accept}) is available; "
                         f"offered: {', '.join(sorted(set(table)))}")


def _render(result: QueryResult, fmt: str) -> Response:
    if result.kind == "graph":
        body = serialize_triples(result.triples, fmt, PREFIXES)
        media = GRAPH_MEDIA_TYPES[fmt]
    else:
        body = serialize_solutions(result, fmt)
        media = RESULT_MEDIA_TYPES[fmt]
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-KG-Truncated"] = "true"
    return Response(body, media_type=f"{media}; charset=utf-8", headers=headers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Endpoint:
    """The state of one served output folder: its store, worker pool and limits."""

    def __init__(self, out_dir: Path, timeout_s: float, max_rows: int, workers: int) -> None:
        self.out_dir = Path(out_dir)
        self.store_path = ensure_store(self.out_dir).resolve()
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self.workers = workers
        self.store = open_store(self.out_dir)
        self.pool: QueryPool | None = None

    def start(self) -> None:
        self.pool = QueryPool(self.store_path, workers=self.workers, timeout_s=self.timeout_s)

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


async def _query_params(request: Request) -> tuple[str | None, list[tuple[str, str]]]:
    """The query text and the protocol parameters of a GET or POST request."""
    params = list(request.query_params.multi_items())
    if request.method == "GET":
        return dict(params).get("query"), params
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qsl(body, keep_blank_values=True)
        params += form
        if any(k == "update" for k, _ in form):
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        return dict(form).get("query"), params
    if ctype == "application/sparql-update":
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
    if ctype == "application/sparql-query":
        return body, params
    raise HttpError(415, f"unsupported content type '{ctype}' (use application/sparql-query or "
                         "application/x-www-form-urlencoded)")


def _service_description(request: Request, endpoint: _Endpoint) -> str:
    url = str(request.url.replace(query=""))
    graphs = len(endpoint.store.graphs())
    formats = " , ".join(
        f"<http://www.w3.org/ns/formats/{n}>"
        for n in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
    )
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dct: <http://purl.org/dc/terms/> .
[] a sd:Service ;
  sd:endpoint <{url}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat {formats} ;
  sd:feature sd:UnionDefaultGraph ;
  dct:description "kg: read-only SPARQL endpoint over a news knowledge graph. The default graph is the union of the article graphs (one named graph per article). Updates and SERVICE are refused." ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ] ;
    dct:extent "{graphs} named graphs, one per article" ] .
"""


def create_app(out_dir: Path, timeout_s: float = 10.0, max_rows: int = 10000, workers: int = 2) -> Starlette:
    """The ASGI application serving one output folder (see the module docstring for routes)."""
    endpoint = _Endpoint(out_dir, timeout_s, max_rows, workers)

    async def sparql(request: Request) -> Response:
        query, params = await _query_params(request)
        if query is None or not query.strip():
            if request.method == "POST":
                raise HttpError(400, "no query given (send 'query' or an application/sparql-query body)")
            fmt = negotiate(request.headers.get("accept"), "graph", request.query_params.get("format"))
            text = _service_description(request, endpoint)
            body = convert_rdf(text.encode("utf-8"), "turtle", fmt, PREFIXES)
            return Response(body, media_type=f"{GRAPH_MEDIA_TYPES[fmt]}; charset=utf-8")
        try:
            check_read_only(query)
        except QueryRefused as exc:
            raise HttpError(403, str(exc)) from exc
        form = query_form(query)
        kind = "graph" if form in ("construct", "describe") else "solutions"
        fmt = negotiate(request.headers.get("accept"), kind, dict(params).get("format"))
        req = QueryRequest(
            query,
            default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
            named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
            max_rows=endpoint.max_rows,
        )
        assert endpoint.pool is not None
        result = await run_in_threadpool(endpoint.pool.run, req)
        if result.truncated:
            log.warning("result cut at %d rows: %s", endpoint.max_rows, query[:120].replace("\n", " "))
        if kind == "graph" and result.kind != "graph" or kind == "solutions" and result.kind == "graph":
            fmt = "turtle" if result.kind == "graph" else "json"
        return _render(result, fmt)

    async def data(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            raise HttpError(405, "this Graph Store is read-only (GET and HEAD only)",
                            {"Allow": "GET, HEAD"})
        graph = request.query_params.get("graph")
        if graph is None and "default" not in request.query_params:
            raise HttpError(400, "name a graph: ?graph=IRI for one article, ?default for the union")
        if graph is not None and not endpoint.store.has_graph(graph):
            raise HttpError(404, f"no graph <{graph}> in this dataset")
        fmt = negotiate(request.headers.get("accept"), "graph", request.query_params.get("format"))
        nt = await run_in_threadpool(endpoint.store.dump_graph, graph, "ntriples")
        body = nt if fmt == "ntriples" else convert_rdf(nt, "ntriples", fmt, PREFIXES)
        return Response(b"" if request.method == "HEAD" else body,
                        media_type=f"{GRAPH_MEDIA_TYPES[fmt]}; charset=utf-8")

    async def queries(request: Request) -> Response:
        return JSONResponse([
            {"name": q.name, "title": q.title, "description": q.description,
             "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                        for p in q.params],
             "text": q.text}
            for q in saved_queries().values()
        ])

    async def home(request: Request) -> Response:
        if (endpoint.out_dir / "views").is_dir():
            return RedirectResponse("/views/")
        return PlainTextResponse(
            "kg SPARQL endpoint\n  /sparql   SPARQL 1.1 query (GET, POST)\n"
            "  /data     Graph Store (read): ?graph=IRI or ?default\n  /queries  saved queries\n"
        )

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, HttpError):
            status, message, headers = exc.status, exc.message, exc.headers
        elif isinstance(exc, QueryTimeout):
            status, message, headers = 503, str(exc), {"Retry-After": "1"}
        elif isinstance(exc, QueryRefused):
            status, message, headers = 403, str(exc), {}
        elif isinstance(exc, QueryError):
            status, message, headers = 400, str(exc), {}
        elif isinstance(exc, KgError):
            status, message, headers = 500, str(exc), {}
        else:
            log.exception("internal error on %s", request.url.path)
            status, message, headers = 500, f"internal error: {exc}", {}
        if status >= 500:
            log.warning("%s %s -> %d: %s", request.method, request.url.path, status, message)
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(endpoint.start)
        try:
            yield
        finally:
            await run_in_threadpool(endpoint.stop)

    routes = [
        Route("/", home),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/data", data, methods=["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"]),
        Route("/queries", queries),
    ]
    views = endpoint.out_dir / "views"
    if views.is_dir():
        routes.append(Mount("/views", app=StaticFiles(directory=str(views), html=True), name="views"))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HttpError: on_error, KgError: on_error, Exception: on_error},
    )
    app.state.endpoint = endpoint
    return app


def serve(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout_s: float = 10.0,
    max_rows: int = 10000,
    workers: int = 2,
) -> None:
    """Serve an output folder until interrupted (blocking).

    Notes
    -----
    The endpoint has no authentication; binding anything but a loopback address exposes the
    dataset to the network, so it is allowed but logged as a warning.
    """
    import uvicorn

    if not _is_loopback(host):
        log.warning("kg serve: binding %s exposes the endpoint beyond this machine (no authentication)", host)
    app = create_app(out_dir, timeout_s=timeout_s, max_rows=max_rows, workers=workers)
    log.info("kg serve: http://%s:%d/sparql (store %s)", host, port, app.state.endpoint.store_path)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def main(argv: list[str] | None = None) -> None:
    """``python -m kg.outputs.sparql_http DIR [--host H] [--port P] ...`` (used by the tests)."""
    parser = argparse.ArgumentParser(prog="python -m kg.outputs.sparql_http")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("KG_QUERY_TIMEOUT", "10")))
    parser.add_argument("--max-rows", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    serve(args.out_dir, args.host, args.port, args.timeout, args.max_rows, args.workers)


if __name__ == "__main__":
    main()
