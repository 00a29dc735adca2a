"""A thin wrapper over pyoxigraph: load a dataset, run SPARQL, serialise.

Notes
-----
Results cross the boundary as plain :class:`Term` values (kind, value, language, datatype), so
callers never hold pyoxigraph objects and another backend can replace this one.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError, QueryError
from kg.store.results import GRAPH_MEDIA_TYPES, Binding, QueryResult, Term

__all__ = [
    "FORMATS",
    "Binding",
    "DatasetStore",
    "QueryResult",
    "Term",
    "convert_rdf",
    "convert_to_nquads",
    "serialize_nquads",
    "serialize_nquads_as",
    "serialize_triples",
]

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
    "rdfxml": ox.RdfFormat.RDF_XML,
}




def _term(t: object) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, t.language, t.datatype.value if t.datatype else None)
    return Term("literal", str(t))


def _ox_term(t: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if t.kind == "iri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.language:
        return ox.Literal(t.value, language=t.language)
    return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype) if t.datatype else None)


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(graph) if graph else ox.DefaultGraph()


def _format_of(path: Path, fmt: str | None) -> ox.RdfFormat:
    key = (fmt or path.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise OutputError(f"{path}: unknown RDF format '{key}' (use one of {', '.join(sorted(FORMATS))})")
    return FORMATS[key]


class DatasetStore:
    """An Oxigraph store, in memory (``path=None``) or on disk."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only and path is not None
        if path is None:
            self._store = ox.Store()
        elif self.read_only:
            try:
                self._store = ox.Store.read_only(str(path))
            except OSError as exc:
                raise OutputError(f"{path}: cannot open the store read-only: {exc}") from exc
        else:
            self._store = ox.Store(str(path))
        self._materialised: bool | None = None

    @property
    def union_materialised(self) -> bool:
        """True when the default graph holds the union of the named graphs (see ``materialise_union``)."""
        if self._materialised is None:
            first = next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
            self._materialised = first is not None
        return self._materialised

    def materialise_union(self, batch: int = 200_000) -> int:
        """Copy every named graph's triples into the default graph; returns the triples copied.

        Notes
        -----
        Oxigraph's "union default graph" is a bag: a triple stated in 2,000 articles (a person's
        label) matches 2,000 times, so joins grow with the number of articles and counts come
        out wrong. A set-valued default graph, built once at load time, keeps queries as fast and
        as correct as in Fuseki or Virtuoso, and is what the Graph Store Protocol serves as the
        default graph. It roughly doubles the store on disk.
        """
        graphs = [g for g in self._store.named_graphs()]
        pending: list[ox.Quad] = []
        copied = 0
        for g in graphs:
            pending.extend(ox.Quad(q.subject, q.predicate, q.object)
                           for q in self._store.quads_for_pattern(None, None, None, g))
            if len(pending) >= batch:
                self._store.bulk_extend(pending)
                copied += len(pending)
                pending = []
        if pending:
            self._store.bulk_extend(pending)
            copied += len(pending)
        self._materialised = None
        return copied

    def _copy_blank_node_triples(self) -> None:
        """Copy the named graphs' triples with a blank subject or object into the default graph."""
        found = self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s) || isBlank(?o)) }")
        self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in found)  # type: ignore[union-attr]

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> DatasetStore:
        """An on-disk store; read-only by default, so that many processes can share it."""
        path = Path(path)
        if not path.is_dir():
            raise OutputError(f"{path}: no store here (run `kg build` first)")
        return cls(path, read_only=read_only)

    @classmethod
    def from_file(cls, file: Path, fmt: str | None = None) -> DatasetStore:
        """An in-memory store holding one dataset file (TriG, N-Quads...)."""
        store = cls()
        store.load_file(file, fmt)
        return store

    def load_file(self, file: Path, fmt: str | None = None, lenient: bool = False, sliced: bool = False,
                  slice_bytes: int | None = None) -> None:
        """Bulk-load a file; ``lenient`` skips IRI and language-tag checks (our own output only).

        ``sliced`` loads a big file of ``kg build``'s own (N-Quads, N-Triples or its ``merged.ttl``)
        in slices, so that the loader's memory does not grow with the file (see :mod:`kg.store.slices`);
        ``slice_bytes`` sets their size, and then any file longer than one slice is sliced.
        Calls from two threads may load two files into the store at once.
        """
        from kg.store.slices import SLICE_BYTES, WHOLE_BYTES, slices

        file = Path(file)
        if not file.is_file():
            raise OutputError(f"{file}: no such file")
        target = _format_of(file, fmt)
        try:
            if sliced:
                limit, whole = (SLICE_BYTES, WHOLE_BYTES) if slice_bytes is None else (slice_bytes, slice_bytes)
                for part in slices(file, blocks=target == ox.RdfFormat.TURTLE, limit=limit, whole=whole):
                    self._store.bulk_load(part, format=target, lenient=lenient)
            else:
                self._store.bulk_load(path=str(file), format=target, lenient=lenient)
        except (SyntaxError, ValueError) as exc:
            raise OutputError(f"{file}: not valid RDF: {exc}") from exc
        self._materialised = None

    def load_union(self, nquads: Path) -> None:
        """Add the union of the named graphs of an N-Quads file to the default graph (a set).

        Notes
        -----
        The same result as :meth:`materialise_union` after loading the file, at the cost of a
        second bulk load of the file's text with the graph terms removed (see
        :mod:`kg.store.union`) instead of a copy through Python objects.
        """
        from kg.store.union import ExactUnionReader, UnionReader

        for reader_cls in (UnionReader, ExactUnionReader):
            reader = reader_cls(Path(nquads))
            try:
                self._store.bulk_load(reader, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(),
                                      lenient=True)
                if reader.blank_lines:
                    self._copy_blank_node_triples()
                self._materialised = None
                return
            except (SyntaxError, ValueError) as exc:
                if reader_cls is ExactUnionReader:
                    raise OutputError(f"{nquads}: not valid N-Quads: {exc}") from exc
            finally:
                reader.close()

    def load_with_union(self, nquads: Path, exact: bool = False) -> int:
        """Bulk-load an N-Quads file and the union of its named graphs in one pass; returns its quads.

        Notes
        -----
        The same store as :meth:`load_file` followed by :meth:`load_union`, from one read of the
        file and one bulk load (see :class:`kg.store.union.DatasetReader`). IRIs and language
        tags are not checked (``lenient``): the file is our own output. ``exact`` parses each
        line's terms instead of assuming that every line names its graph; a file that needs it
        fails with ``OutputError`` without it, after a partial load: load it again into a fresh
        store then.
        """
        from kg.store.union import DatasetReader

        reader = DatasetReader(Path(nquads), exact=exact)
        try:
            self._store.bulk_load(reader, format=ox.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, ValueError) as exc:
            raise OutputError(f"{nquads}: not valid N-Quads: {exc}") from exc
        finally:
            reader.close()
        self._materialised = None
        return reader.statements

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

    def query(
        self,
        sparql: str,
        *,
        union_default: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        max_rows: int | None = None,
        deadline: float | None = None,
    ) -> QueryResult:
        """Run any query form and return plain data (:class:`QueryResult`).

        Parameters
        ----------
        union_default
            Query the union of the article graphs when no ``GRAPH`` is named: one article's
            facts alone are rarely the question.
        default_graphs, named_graphs
            The SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri`` (override the union).
        max_rows
            Stop after this many rows or triples and mark the result ``truncated``.
        deadline
            A ``time.monotonic()`` value past which reading more results raises ``QueryTimeout``.
            It is checked between rows only; the server enforces hard limits in its workers.
        """
        from kg.store.guard import QueryTimeout

        started = time.monotonic()
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [_graph_name(g) for g in default_graphs]
        elif union_default and not self.union_materialised:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            result = self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        limit = max_rows if max_rows is not None and max_rows >= 0 else None
        truncated = False
        try:
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result), elapsed_s=time.monotonic() - started)
            if isinstance(result, ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                rows: list[Binding] = []
                for sol in result:
                    if limit is not None and len(rows) >= limit:
                        truncated = True
                        break
                    if deadline is not None and time.monotonic() > deadline:
                        raise QueryTimeout("query ran past its time limit")
                    rows.append({n: _term(sol[n]) for n in names if sol[n] is not None})
                return QueryResult("select", variables=names, rows=tuple(rows), truncated=truncated,
                                   elapsed_s=time.monotonic() - started)
            triples: list[tuple[Term, Term, Term]] = []
            for t in result:
                if limit is not None and len(triples) >= limit:
                    truncated = True
                    break
                if deadline is not None and time.monotonic() > deadline:
                    raise QueryTimeout("query ran past its time limit")
                triples.append((_term(t.subject), _term(t.predicate), _term(t.object)))
            return QueryResult("graph", triples=tuple(triples), truncated=truncated,
                               elapsed_s=time.monotonic() - started)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def dump_graph(self, graph: str | None, fmt: str = "ntriples") -> bytes:
        """One named graph (``graph``) or the union of all graphs (``None``) as triples.

        Notes
        -----
        The union removes duplicates: a person described in ten articles is one set of triples,
        as a client of the Graph Store Protocol expects of the default graph.
        """
        if graph is not None:
            quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            triples = [q.triple for q in quads]
        elif self.union_materialised:
            triples = [q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        else:
            triples = sorted({q.triple for q in self._store.quads_for_pattern(None, None, None, None)},
                             key=str)
        return ox.serialize(triples, format=FORMATS[fmt]) or b""

    def dump(self, fmt: str = "nquads") -> bytes:
        """The whole dataset (every graph) in a quad format."""
        return self._store.dump(format=FORMATS[fmt]) or b""

    def flush(self) -> None:
        """Write buffered changes to disk (a no-op for read-only and in-memory stores)."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def has_graph(self, graph: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph)))

    def counts_by_graph(self) -> dict[str, int]:
        """Number of triples in each named graph (the default graph under ``""``), sorted."""
        counts: dict[str, int] = {}
        for q in self._store.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            key = g.value if isinstance(g, (ox.NamedNode, ox.BlankNode)) else ""
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        g = ox.NamedNode(graph) if graph else None
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)


def serialize_triples(
    triples: Iterable[tuple[Term, Term, Term]], fmt: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """Plain triples (a CONSTRUCT or DESCRIBE result) as Turtle, N-Triples, JSON-LD or RDF/XML."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown RDF format '{fmt}' (use one of {', '.join(sorted(GRAPH_MEDIA_TYPES))})")
    out = [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples]  # type: ignore[arg-type]
    target = FORMATS[fmt]
    if target in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        prefixes = None
    return ox.serialize(out, format=target, prefixes=prefixes) or b""


def convert_to_nquads(source: Path, fmt: str, target: Path) -> None:
    """Rewrite a dataset file (TriG...) as N-Quads, streaming; blank nodes keep one label each."""
    try:
        quads = ox.parse(path=str(source), format=_format_of(source, fmt), lenient=True)
        with Path(target).open("wb") as out:
            ox.serialize(quads, output=out, format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError) as exc:
        raise OutputError(f"{source}: not valid RDF: {exc}") from exc


def convert_rdf(data: bytes, src: str, dst: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Re-serialise RDF triples from one format to another (small documents: service descriptions)."""
    triples = [q.triple for q in ox.parse(data, format=FORMATS[src])]
    target = FORMATS[dst]
    if target in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        prefixes = None
    return ox.serialize(triples, format=target, prefixes=prefixes) or b""


def serialize_nquads(nquads: Iterable[str] | str, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Re-serialise N-Quads text as TriG, Turtle (the union), JSON-LD... keeping input order.

    Turtle and N-Triples hold no graphs: the quads are flattened to their union (duplicates
    removed, first occurrence kept) so that ``merged.ttl`` is the union of every article graph.
    """
    return serialize_nquads_as(nquads, (fmt,), prefixes)[0]


def serialize_nquads_as(nquads: Iterable[str] | str, fmts: tuple[str, ...],
                        prefixes: dict[str, str] | None = None) -> list[bytes]:
    """:func:`serialize_nquads` in several formats, parsing the text once (the parse into
    Python objects costs more than each serialisation)."""
    text = nquads if isinstance(nquads, str) else "".join(nquads)
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    out = []
    for fmt in fmts:
        target = FORMATS[fmt]
        if target in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML):
            seen: set[ox.Triple] = set()
            triples = []
            for q in quads:
                t = q.triple
                if t not in seen:
                    seen.add(t)
                    triples.append(t)
            out.append(ox.serialize(triples, format=target, prefixes=prefixes))
        else:
            out.append(ox.serialize(quads, format=target, prefixes=prefixes))
    return out
