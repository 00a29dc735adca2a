"""Query results as plain data, and their standard serialisations.

Notes
-----
A :class:`QueryResult` is what crosses the store boundary: ``kg query``, ``kg serve`` and the
library API all render the same object with the same functions, so the command line and the
HTTP endpoint give byte-identical answers. SELECT/ASK results are written here in the four
SPARQL 1.1 results formats (JSON, XML, CSV, TSV); graph results (CONSTRUCT/DESCRIBE) go back to
the store module, which owns the RDF serialisers.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from kg.errors import QueryError

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "RESULT_MEDIA_TYPES",
    "Binding",
    "QueryResult",
    "Term",
    "serialize_solutions",
    "term_to_ntriples",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: SPARQL 1.1 results formats (SELECT/ASK) by short name.
RESULT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

#: RDF formats for graph results (CONSTRUCT/DESCRIBE, Graph Store Protocol) by short name.
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "nquads": "application/n-quads",
    "trig": "application/trig",
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


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, without any store object in it.

    ``kind`` is ``select``, ``ask`` or ``graph``. For ``select``: ``variables`` and ``rows``
    (unbound variables are absent from a row). For ``ask``: ``boolean``. For ``graph``:
    ``triples``. ``truncated`` is true when a row cap cut the answer short.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[Binding, ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = ()
    truncated: bool = False
    elapsed_s: float = 0.0
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def values(self) -> list[dict[str, str]]:
        """Rows as ``{variable: lexical value}`` (handy in notebooks and tests)."""
        return [{k: t.value for k, t in row.items()} for row in self.rows]


def _escape_literal(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def term_to_ntriples(term: Term) -> str:
    """The N-Triples form of a term (also valid SPARQL), as the TSV results format requires."""
    if term.kind == "iri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = f'"{_escape_literal(term.value)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and term.datatype not in (XSD_STRING, RDF_LANG_STRING):
        return f"{text}^^<{term.datatype}>"
    return text


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def _to_json(result: QueryResult) -> bytes:
    if result.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {
            "head": {"vars": list(result.variables)},
            "results": {"bindings": [{k: _json_term(v) for k, v in row.items()} for row in result.rows]},
        }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: Term) -> str:
    if term.kind == "iri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype and term.datatype != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _to_xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    for var in result.variables if result.kind == "select" else ():
        out.append(f"<variable name={quoteattr(var)}/>")
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for var in result.variables:
                if var in row:
                    out.append(f"<binding name={quoteattr(var)}>{_xml_term(row[var])}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def _to_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(row[v]) if v in row else "" for v in result.variables])
    return buf.getvalue().encode("utf-8")


def _to_tsv(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return b"?boolean\n" + (b"true\n" if result.boolean else b"false\n")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(term_to_ntriples(row[v]) if v in row else "" for v in result.variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _to_json, "xml": _to_xml, "csv": _to_csv, "tsv": _to_tsv}


def serialize_solutions(result: QueryResult, fmt: str) -> bytes:
    """A SELECT or ASK result in one SPARQL 1.1 results format (``json``, ``xml``, ``csv``, ``tsv``).

    Notes
    -----
    Written here rather than by pyoxigraph so that a row cap can cut a result short and the
    same bytes come out of ``kg query`` and ``kg serve``.
    """
    if result.kind not in ("select", "ask"):
        raise QueryError(f"a {result.kind} result has no '{fmt}' form; use turtle, ntriples or jsonld")
    if fmt not in _WRITERS:
        raise QueryError(f"unknown results format '{fmt}' (use one of {', '.join(sorted(_WRITERS))})")
    return _WRITERS[fmt](result)
