"""CLI for SPARQL: ``kg query``, ``kg serve`` and ``kg push`` (thin over the library).

The lead's ``kg/cli.py`` calls :func:`register` to add the three commands. Exit codes: 0 ok,
2 bad arguments, 3 missing output folder or store, 5 query error (1 when a push fails).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.config import DEFAULT_BASE_IRI
from kg.errors import KgError, QueryError
from kg.rdf.namespaces import PREFIXES
from kg.store import QueryResult, Term

__all__ = ["push_cmd", "query", "register", "render_table", "serve_cmd"]

log = logging.getLogger(__name__)

_SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
_GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def _compact(term: Term) -> str:
    if term.kind == "iri":
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        if term.value.startswith(DEFAULT_BASE_IRI):
            return f"id:{term.value[len(DEFAULT_BASE_IRI):]}"
        return term.value
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


def render_table(result: QueryResult) -> None:
    """Print a SELECT/ASK result as a rich table (IRIs shortened with the project's prefixes)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.kind == "ask":
        console.print("true" if result.boolean else "false")
        return
    table = Table(*result.variables, show_lines=False, header_style="bold")
    for row in result.rows:
        table.add_row(*(_compact(row[v]) if v in row else "" for v in result.variables))
    console.print(table)
    note = " (cut at --max-rows)" if result.truncated else ""
    console.print(f"{len(result.rows)} row(s) in {result.elapsed_s * 1000:.1f} ms{note}", style="dim")


def _parse_params(values: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        if "=" not in item:
            raise _fail(f"--param {item!r}: write NAME=VALUE", 2)
        k, v = item.split("=", 1)
        params[k.strip()] = v
    return params


def _query_text(sparql: str | None, file: Path | None, saved: str | None, params: dict[str, str]) -> str:
    from kg.queries import bind_params, saved_queries

    if saved is not None:
        queries = saved_queries()
        if saved not in queries:
            raise QueryError(f"no saved query {saved!r} (one of {', '.join(queries)})")
        return queries[saved].bind(params)
    if file is not None:
        if not file.is_file():
            raise QueryError(f"{file}: no such file")
        return bind_params(file.read_text(encoding="utf-8"), params)
    return bind_params(sparql or "", params)


def query(
    out_dir: Annotated[Path | None, typer.Argument(help="Output folder of `kg build`.")] = None,
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the query from a .rq file.")] = None,
    saved: Annotated[str | None, typer.Option("--saved", help="Run a saved query by name (see --list).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for $NAME; repeatable.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="table|csv|tsv|json|xml, or turtle|ntriples|jsonld|rdfxml for CONSTRUCT/DESCRIBE.")] = None,
    max_rows: Annotated[int | None, typer.Option("--max-rows", help="Stop after this many rows.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the saved queries and their parameters.")] = False,
) -> None:
    """Run SPARQL against the embedded store: inline, from a file, or a saved query."""
    from kg.queries import run_query, saved_queries
    from kg.store import serialize_solutions, serialize_triples

    if list_:
        for q in saved_queries().values():
            typer.echo(f"{q.name}: {q.title}\n    {q.description}")
            for p in q.params:
                default = "required" if p.required else f"default {p.default!r}"
                typer.echo(f"    --param {p.name}=<{p.type}>  ({default}) {p.description}")
        return
    if out_dir is None:
        raise _fail("give the output folder (kg query DIR ...)", 2)
    sources = [s for s in (sparql, file, saved) if s is not None]
    if len(sources) != 1:
        raise _fail("give exactly one of: a query text, -f FILE, --saved NAME", 2)
    if fmt is not None and fmt not in _SOLUTION_FORMATS + _GRAPH_FORMATS:
        raise _fail(f"--format {fmt}: use one of {', '.join(_SOLUTION_FORMATS + _GRAPH_FORMATS)}", 2)
    params = _parse_params(param or [])
    try:
        text = _query_text(sparql, file, saved, params)
    except QueryError as exc:
        raise _fail(str(exc), 2) from exc
    try:
        result = run_query(out_dir, text, max_rows=max_rows)
        if result.kind == "graph":
            out_fmt = fmt or "turtle"
            if out_fmt not in _GRAPH_FORMATS:
                raise _fail(f"a CONSTRUCT/DESCRIBE result is RDF: use --format {'|'.join(_GRAPH_FORMATS)}", 2)
            sys.stdout.buffer.write(serialize_triples(result.triples, out_fmt, PREFIXES))
        else:
            out_fmt = fmt or "table"
            if out_fmt == "table":
                render_table(result)
            elif out_fmt in _GRAPH_FORMATS:
                raise _fail(f"a SELECT/ASK result is a table: use --format {'|'.join(_SOLUTION_FORMATS)}", 2)
            else:
                sys.stdout.buffer.write(serialize_solutions(result, out_fmt))
        sys.stdout.flush()
    except KgError as exc:
        raise _fail(str(exc), exc.exit_code) from exc


def serve_cmd(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of `kg build`.")],
    host: Annotated[str, typer.Option("--host", help="Address to bind; anything but loopback is logged as a warning.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="Time limit of one query, in seconds.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Rows (or triples) at most in one answer.")] = 10000,
    workers: Annotated[int, typer.Option("--workers", help="Queries answered at once.")] = 2,
) -> None:
    """Serve SPARQL 1.1 (read-only), the Graph Store and the HTML views over HTTP."""
    from kg.outputs.sparql_http import serve

    if not out_dir.is_dir():
        raise _fail(f"{out_dir}: no such output folder", 3)
    try:
        serve(out_dir, host=host, port=port, timeout_s=timeout, max_rows=max_rows, workers=workers)
    except KgError as exc:
        raise _fail(str(exc), exc.exit_code) from exc


def push_cmd(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of `kg build`.")],
    to: Annotated[str, typer.Option("--to", help="Graph Store endpoint URL, e.g. http://127.0.0.1:7878/store")],
    user: Annotated[str | None, typer.Option("--user", help="HTTP Basic user:password, if the store needs it.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Time limit of one request, in seconds.")] = 60.0,
) -> None:
    """Send each article graph to a triple store (Graph Store Protocol PUT: replace, never append)."""
    from kg.outputs.push import push

    if not out_dir.is_dir():
        raise _fail(f"{out_dir}: no such output folder", 3)
    auth = None
    if user is not None:
        if ":" not in user:
            raise _fail("--user: write USER:PASSWORD", 2)
        name, _, password = user.partition(":")
        auth = (name, password)
    try:
        report = push(out_dir, to, timeout_s=timeout, auth=auth)
    except KgError as exc:
        raise _fail(str(exc), exc.exit_code) from exc
    typer.echo(f"{report.graphs} graph(s), {report.triples} triple(s) sent to {report.url} "
               f"in {report.seconds:.2f} s")
    for graph, message in report.failed:
        typer.echo(f"failed: {graph}: {message}", err=True)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``query``, ``serve`` and ``push`` to the main ``kg`` app."""
    app.command("query")(query)
    app.command("serve")(serve_cmd)
    app.command("push")(push_cmd)
