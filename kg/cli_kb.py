"""CLI for the reference KB and the resolved persons: ``kg kb check`` and ``kg entities DIR``.

Each command opens one library object and calls one method on it (see STYLE.md); the lead wires
``kb_app`` into ``kg/cli.py`` as ``kg kb`` and :func:`entities` as ``kg entities``.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError
from kg.rdf.namespaces import PREFIXES
from kg.resolve.kb import KnowledgeBase

__all__ = ["EntityRow", "check", "entities", "entity_rows", "kb_app"]

kb_app = typer.Typer(help="The reference knowledge base of officials.", no_args_is_help=True)


@kb_app.callback()
def _kb() -> None:
    """The reference knowledge base of officials (packaged CSV files plus analyst files)."""


@kb_app.command("check")
def check(
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="Extra KB file (persons or posts CSV); repeatable.")] = None,
    warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="Also list warnings.")] = True,
) -> None:
    """Check the packaged KB and extra files: schema, dates, duplicates, unknown ids.

    Prints one line per problem (file:row [column]: severity: message) and exits 1 on errors.
    """
    knowledge = KnowledgeBase.load(tuple(kb or ()))
    issues = knowledge.check()
    n_err = sum(1 for i in issues if i.severity == "error")
    for issue in issues:
        if issue.severity == "error" or warnings:
            typer.echo(str(issue), err=issue.severity == "error")
    n_posts = sum(len(p.posts) for p in knowledge.persons())
    typer.echo(f"{len(knowledge)} persons, {n_posts} posts, {n_err} error(s), "
               f"{len(issues) - n_err} warning(s); version {knowledge.version()}")
    if n_err:
        raise typer.Exit(1)


_PREFIX = "\n".join(f"PREFIX {k}: <{v}>" for k, v in sorted(PREFIXES.items()))

_Q_LABELS = _PREFIX + """
SELECT DISTINCT ?p ?label WHERE {
  GRAPH ?g { ?p a schema:Person ; rdfs:label ?label }
}"""

_Q_ALT = _PREFIX + """
SELECT DISTINCT ?p ?label WHERE {
  GRAPH ?g { ?p a schema:Person ; skos:altLabel ?label }
}"""

_Q_POSTS = _PREFIX + """
SELECT DISTINCT ?p ?role ?org ?start ?end WHERE {
  GRAPH ?g {
    ?m org:member ?p ; org:role ?role ; org:organization ?org .
    OPTIONAL { ?m org:memberDuring ?i .
               OPTIONAL { ?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?start }
               OPTIONAL { ?i time:hasEnd/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?end } }
  }
}"""

_Q_ARTICLES = _PREFIX + """
SELECT DISTINCT ?p ?g ?id WHERE {
  GRAPH ?g { ?p a schema:Person . OPTIONAL { ?g dct:identifier ?id } }
}"""

_Q_SAME = _PREFIX + """
SELECT DISTINCT ?p ?same WHERE { GRAPH ?g { ?p a schema:Person ; owl:sameAs ?same } }"""


class EntityRow:
    """One person as printed by ``kg entities``: IRI, labels, posts, articles."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.labels: set[str] = set()
        self.alt_labels: set[str] = set()
        self.posts: set[str] = set()
        self.articles: set[str] = set()
        self.same_as: set[str] = set()

    def lines(self) -> list[str]:
        out = [self.iri]
        out.append("  labels: " + " | ".join(sorted(self.labels)))
        if self.alt_labels - self.labels:
            out.append("  also: " + " | ".join(sorted(self.alt_labels - self.labels)))
        if self.same_as:
            out.append("  sameAs: " + " ".join(sorted(self.same_as)))
        for post in sorted(self.posts):
            out.append("  post: " + post)
        out.append(f"  articles ({len(self.articles)}): " + " ".join(sorted(self.articles)))
        return out


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def entity_rows(dataset: Path) -> list[EntityRow]:
    """Persons of a built dataset (``dataset.trig``) with labels, posts and articles, by IRI."""
    from kg.store import DatasetStore

    store = DatasetStore.from_file(dataset)
    rows: dict[str, EntityRow] = defaultdict(lambda: EntityRow(""))

    def row(iri: str) -> EntityRow:
        if iri not in rows:
            rows[iri] = EntityRow(iri)
        return rows[iri]

    for b in store.select(_Q_LABELS):
        lab = b["label"]
        row(b["p"].value).labels.add(f"{lab.value}@{lab.language}" if lab.language else lab.value)
    for b in store.select(_Q_ALT):
        row(b["p"].value).alt_labels.add(b["label"].value)
    for b in store.select(_Q_SAME):
        row(b["p"].value).same_as.add(b["same"].value)
    for b in store.select(_Q_POSTS):
        span = ""
        if "start" in b or "end" in b:
            span = f" [{b['start'].value if 'start' in b else '?'} .. {b['end'].value if 'end' in b else ''}]"
        row(b["p"].value).posts.add(f"{_local(b['role'].value)} of {_local(b['org'].value)}{span}")
    for b in store.select(_Q_ARTICLES):
        row(b["p"].value).articles.add(b["id"].value if "id" in b else b["g"].value)
    return [rows[k] for k in sorted(rows)]


def entities(dir: Path) -> None:
    """Print every person of a built output folder: IRI, labels, posts and articles."""
    dataset = Path(dir) / "dataset.trig"
    if not dataset.is_file():
        raise KgError(f"{dataset}: no such file (run `kg build` first)")
    rows = entity_rows(dataset)
    for entity in rows:
        for line in entity.lines():
            typer.echo(line)
    typer.echo(f"{len(rows)} person(s)")
