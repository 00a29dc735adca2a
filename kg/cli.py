"""The ``kg`` command line: thin typer commands over :mod:`kg.api`.

Exit codes: 0 success; 1 a build with no usable article or failed checks; 2 bad input or
arguments; 3 a missing or unwritable output folder; 4 validation failed; 5 a SPARQL error;
6 knowledge-base errors.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import api
from kg.config import DEFAULT_BASE_IRI, Settings
from kg.errors import KgError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of officials, their posts and their meetings from Arabic news.\n\n"
         "Exit codes: 0 ok, 1 nothing usable built or checks failed, 2 bad input, 3 output folder "
         "problem, 4 validation failed, 5 SPARQL error, 6 knowledge-base errors.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


def _setup_logging(quiet: bool, verbose: bool = False) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(message)s", handlers=[RichHandler(console=console, show_path=False)],
                        force=True)


def _usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may give it fewer than the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _fail(exc: KgError) -> typer.Exit:
    console.print(f"[red]error:[/red] {exc}")
    return typer.Exit(exc.exit_code)


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files (.txt, .html, .htm, .jsonl) or folders of them."),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder (created if missing)."),
    base_iri: str = typer.Option(DEFAULT_BASE_IRI, help="Base IRI of every minted entity, event and article."),
    kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge-base file(s) of officials (see docs/kb.md)."),
    no_views: bool = typer.Option(False, "--no-views", help="Do not write the HTML network views."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not build the on-disk Oxigraph store."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, show_default=False,
                             help="Processes for extraction; 0 (the default): one per core this process may use. "
                                  "The output is the same for any number."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Recompute every article and reload the store (ignore OUT/.kg-cache)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, errors only."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging."),
) -> None:
    """Build the dataset: TriG, N-Quads, merged Turtle, JSON-LD, an Oxigraph store, views and a report.

    A re-run on the same OUT re-processes only new or changed articles (cache in OUT/.kg-cache)."""
    _setup_logging(quiet, verbose)
    settings = Settings(base_iri=base_iri, extra_kb=tuple(kb))
    jobs = jobs or _usable_cores()
    try:
        if quiet:
            report = api.build(inputs, out_dir, settings, views=not no_views, store=not no_store, jobs=jobs,
                               cache=not no_cache)
        else:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=console, transient=True) as bar:
                task = bar.add_task("extracting", total=None)

                def progress(stage: str, done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total, description=stage)

                report = api.build(inputs, out_dir, settings, progress=progress, views=not no_views,
                                   store=not no_store, jobs=jobs, cache=not no_cache)
    except KgError as exc:
        raise _fail(exc)
    for problem in report.problems:
        console.print(f"[yellow]skipped:[/yellow] {problem}")
    if not quiet:
        t = report.totals
        console.print(f"built {out_dir}: {t['articles']} article(s), {t['persons']} persons, {t['posts']} posts, "
                      f"{t['events']} events, {t['quads']} quads; {t['rejected']} rejected input(s); "
                      f"{report.timings.get('total_s', 0):.1f} s. See {out_dir / 'report.md'}.")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def stats(out_dir: Path = typer.Argument(..., help="A folder written by `kg build`."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Counts by class, by article, and the persons with most events."""
    try:
        data = api.stats(out_dir)
    except KgError as exc:
        raise _fail(exc)
    if as_json:
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    t = Table(title="by class")
    t.add_column("class")
    t.add_column("count", justify="right")
    for k, v in data["by_class"].items():
        t.add_row(k, str(v))
    out.print(t)
    t = Table(title="by article")
    for col in ("id", "persons", "posts", "events"):
        t.add_column(col)
    for row in data["articles"]:
        t.add_row(*(str(row.get(c, 0)) for c in ("id", "persons", "posts", "events")))
    out.print(t)
    t = Table(title="top persons")
    for col in ("label", "events", "person"):
        t.add_column(col)
    for row in data["top_persons"]:
        t.add_row(row["label"], str(row["events"]), row["person"])
    out.print(t)


@app.command()
def validate(out_dir: Path = typer.Argument(..., help="A folder written by `kg build`."),
             no_shacl: bool = typer.Option(False, "--no-shacl", help="Only parse and count.")) -> None:
    """Parse every dataset file, compare counts, and run the SHACL shapes; exit 4 when invalid."""
    try:
        report = api.validate(out_dir, shacl=not no_shacl)
    except KgError as exc:
        raise _fail(exc)
    for line in report.summary_lines() if hasattr(report, "summary_lines") else [str(report)]:
        out.print(line)
    if not report.ok:
        for v in report.violations:
            out.print(f"[red]violation:[/red] {v}")
        raise typer.Exit(4)
    out.print("[green]valid[/green]")


@app.command("eval")
def eval_cmd(out_dir: Path = typer.Argument(..., help="A folder written by `kg build` (or a dataset file)."),
             gold: Path = typer.Option(..., "--gold", help="Folder of *.gold.json files (GOLD_FORMAT.md)."),
             as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON.")) -> None:
    """Precision, recall and F1 per kind and overall, place/date/status accuracy, misses and false hits."""
    try:
        report = api.evaluate(out_dir, gold)
    except KgError as exc:
        raise _fail(exc)
    if as_json:
        out.print_json(report.to_json())
        return
    from kg.eval.report import rich_tables

    for table in rich_tables(report):
        out.print(table)


def _register_optional() -> None:
    """Commands that live in their own modules (SPARQL, views, knowledge base)."""
    from kg import cli_kb, cli_sparql, cli_views

    cli_sparql.register(app)
    cli_views.register(app)
    app.add_typer(cli_kb.kb_app, name="kb")
    app.command("entities")(cli_kb.entities)
    app.add_typer(bench_app, name="bench")


bench_app = typer.Typer(help="Benchmarks: a synthetic corpus generator.", no_args_is_help=True)


@bench_app.command("corpus")
def bench_corpus(
    n: int = typer.Option(1000, "--n", min=1, help="Number of synthetic articles."),
    seed: int = typer.Option(0, "--seed", help="Random seed (article i depends only on seed and i)."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Folder for the JSON lines files (and seeds/)."),
    no_seeds: bool = typer.Option(False, "--no-seeds", help="Do not copy the hand-written seed articles."),
) -> None:
    """Write a deterministic synthetic corpus of Arabic news from templates and the reference KB."""
    from kg.bench.corpus import write_corpus

    info = write_corpus(out_dir, n, seed, with_seeds=not no_seeds)
    out.print(f"wrote {info.articles} article(s), {info.chars:,} characters, {info.bytes / 1e6:.1f} MB "
              f"in {len(info.files)} file(s) under {info.out_dir}")


_register_optional()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
