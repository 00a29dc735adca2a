"""A thin wrapper over pyoxigraph: load a dataset, run SPARQL, serialise.

Notes
-----
Results cross the boundary as plain :class:`Term` values (kind, value, language, datatype), so
callers never hold pyoxigraph objects and another backend can replace this one.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from kg.errors import OutputError, QueryError

__all__ = ["Term", "Binding", "DatasetStore", "serialize_nquads", "FORMATS"]

FORMATS: dict[str, ox.RdfFormat] = {
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Term:
    """An RDF term as plain data: ``kind`` is ``iri``, ``bnode`` or ``literal``."""

    kind: str
    value: str
    language: str | None = None
    datatype: str | None = None

    def __str__(self) -> str:
        return self.value


Binding = dict[str, Term]


def _term(t: object) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, t.language, t.datatype.value if t.datatype else None)
    return Term("literal", str(t))


def _format_of(path: Path, fmt: str | None) -> ox.RdfFormat:
    key = (fmt or path.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise OutputError(f"{path}: unknown RDF format '{key}' (use one of {', '.join(sorted(FORMATS))})")
    return FORMATS[key]


class DatasetStore:
    """An Oxigraph store, in memory (``path=None``) or on disk."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._store = ox.Store(str(path)) if path is not None else ox.Store()

    @classmethod
    def from_file(cls, file: Path, fmt: str | None = None) -> "DatasetStore":
        """An in-memory store holding one dataset file (TriG, N-Quads...)."""
        store = cls()
        store.load_file(file, fmt)
        return store

    def load_file(self, file: Path, fmt: str | None = None) -> None:
        file = Path(file)
        if not file.is_file():
            raise OutputError(f"{file}: no such file")
        try:
            self._store.bulk_load(path=str(file), format=_format_of(file, fmt))
        except SyntaxError as exc:
            raise OutputError(f"{file}: not valid RDF: {exc}") from exc

    def load_bytes(self, data: bytes, fmt: str) -> None:
        self._store.bulk_load(data, format=FORMATS[fmt])

    def select(self, sparql: str, union_default: bool = False) -> list[Binding]:
        """Rows of a SELECT query as dicts of plain terms (unbound variables are absent)."""
        try:
            result = self._store.query(sparql, use_default_graph_as_union=union_default)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Binding] = []
        for sol in result:
            row = {}
            for name in names:
                val = sol[name]
                if val is not None:
                    row[name] = _term(val)
            rows.append(row)
        return rows

    def ask(self, sparql: str, union_default: bool = False) -> bool:
        try:
            return bool(self._store.query(sparql, use_default_graph_as_union=union_default))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        g = ox.NamedNode(graph) if graph else None
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)


def serialize_nquads(nquads: Iterable[str] | str, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Re-serialise N-Quads text as TriG, Turtle (the union), JSON-LD... keeping input order.

    Turtle and N-Triples hold no graphs: the quads are flattened to their union (duplicates
    removed, first occurrence kept) so that ``merged.ttl`` is the union of every article graph.
    """
    text = nquads if isinstance(nquads, str) else "".join(nquads)
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    target = FORMATS[fmt]
    if target in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML):
        seen: set[ox.Triple] = set()
        triples = []
        for q in quads:
            t = q.triple
            if t not in seen:
                seen.add(t)
                triples.append(t)
        return ox.serialize(triples, format=target, prefixes=prefixes)
    return ox.serialize(quads, format=target, prefixes=prefixes)
