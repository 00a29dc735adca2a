"""CLI commands ``kg view``, ``kg analyze`` and ``kg export`` (thin: one library call each).

The lead's ``kg/cli.py`` calls :func:`register` to add them to the main typer app.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError

__all__ = ["analyze", "export", "register", "view"]


def _fail(exc: KgError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def view(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of `kg build` (holds dataset.nq).")],
    kind: Annotated[str, typer.Argument(help="graph | person | country | period")] = "graph",
    args: Annotated[list[str] | None, typer.Argument(help="person: NAME|IRI; country: NAME|IRI; period: FROM TO")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Steps of 'met' from the person or state.")] = 1,
    types: Annotated[str | None, typer.Option("--types", help="Comma-separated event types, e.g. meeting,phone_call,planned.")] = None,
    english: Annotated[bool, typer.Option("--english", help="Show English labels first.")] = False,
) -> None:
    """Write a focused network view (one self-contained HTML file under DIR/views/)."""
    from kg.outputs.views import write_view

    try:
        path = write_view(out_dir, kind, *(args or []), depth=depth,
                          types=types.split(",") if types else None, english=english)
    except KgError as exc:
        raise _fail(exc) from None
    typer.echo(str(path))


def analyze(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of `kg build` (holds dataset.nq).")],
) -> None:
    """Centralities, communities, frequent pairs, events per month: analytics.json/.md and timeline.svg."""
    from kg.outputs.analytics import analyze as run

    try:
        result = run(out_dir)
    except KgError as exc:
        raise _fail(exc) from None
    typer.echo(f"{result.persons} persons, {result.events} events, {len(result.communities)} communities")
    for name in result.files:
        typer.echo(str(Path(out_dir) / name))


def export(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of `kg build` (holds dataset.nq).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml | gexf | neo4j")] = "graphml",
) -> None:
    """Export the network for Gephi/networkx (GraphML, GEXF) or Neo4j (import CSVs + Cypher)."""
    from kg.outputs.exports import export as run

    try:
        paths = run(out_dir, fmt)
    except KgError as exc:
        raise _fail(exc) from None
    for p in paths:
        typer.echo(str(p))


def register(app: typer.Typer) -> None:
    """Add ``view``, ``analyze`` and ``export`` to the main app."""
    app.command("view")(view)
    app.command("analyze")(analyze)
    app.command("export")(export)
