"""Saved SPARQL queries (``*.rq`` in this folder) and running queries against an output folder.

Notes
-----
Each ``.rq`` file starts with a comment header that documents it::

    # title: Who met whom
    # description: Pairs of principals of the same event ...
    #   (indented comment lines continue the description)
    # param: person text "" -- part of a name or a person IRI; empty for all
    # param: from date 0001-01-01 -- earliest event date

A parameter line is ``NAME TYPE [DEFAULT] -- description``; a parameter without a default is
required. In the query body a parameter is written ``$NAME`` and is replaced by a SPARQL term
built from the value (an escaped string, a checked IRI, an ``xsd:date``...), never by pasting
the raw text, so a value cannot change the shape of the query. Types: ``text``, ``iri``,
``date``, ``integer`` and ``role`` (a role id of the scheme, e.g. ``head_of_state``).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import OutputError, QueryError
from kg.rdf.namespaces import ROLE_NS
from kg.records import ROLE_IDS
from kg.store import QueryResult, build_store, check_read_only, open_store, store_dir, store_matches

__all__ = [
    "QUERY_DIR",
    "Param",
    "SavedQuery",
    "bind_params",
    "ensure_store",
    "parse_saved",
    "run_query",
    "run_saved",
    "saved_queries",
    "sparql_term",
]

log = logging.getLogger(__name__)

QUERY_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("text", "iri", "date", "integer", "role")

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r'^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s+(?P<default>"[^"]*"|\S+))?\s*(?:--\s*(?P<doc>.*))?$')
_PLACEHOLDER = re.compile(r"\$([A-Za-z_]\w*)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """One parameter of a saved query; ``default`` is ``None`` when the parameter is required."""

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its name (the file name), title, description, parameters and text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with every ``$param`` replaced by a term (defaults where not given)."""
        values = dict(values or {})
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(unknown)} (parameters: {known})")
        terms: dict[str, str] = {}
        for p in self.params:
            value = values.get(p.name, p.default)
            if value is None:
                raise QueryError(f"query '{self.name}' needs --param {p.name}=... ({p.description})")
            terms[p.name] = sparql_term(value, p.type, p.name)
        return _substitute(self.text, terms)


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def sparql_term(value: str, type_: str, name: str = "value") -> str:
    """The SPARQL term for a parameter value of a type, checked and escaped.

    Raises
    ------
    QueryError
        When the value does not fit the type (a malformed date, an IRI with spaces...).
    """
    if type_ == "text":
        return f'"{_escape(value)}"'
    if type_ == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri) or _BAD_IRI.search(iri):
            raise QueryError(f"parameter {name}: '{value}' is not an absolute IRI")
        return f"<{iri}>"
    if type_ == "date":
        if not _DATE.match(value):
            raise QueryError(f"parameter {name}: '{value}' is not a date (YYYY-MM-DD)")
        return f'"{value}"^^<{_XSD}date>'
    if type_ == "integer":
        if not _INTEGER.match(value):
            raise QueryError(f"parameter {name}: '{value}' is not an integer")
        return f'"{int(value)}"^^<{_XSD}integer>'
    if type_ == "role":
        role = value.removeprefix(ROLE_NS)
        if role not in ROLE_IDS:
            raise QueryError(f"parameter {name}: '{value}' is not a role id (one of {', '.join(ROLE_IDS)})")
        return f"<{ROLE_NS}{role}>"
    raise QueryError(f"parameter {name}: unknown type '{type_}' (one of {', '.join(PARAM_TYPES)})")


def _guess_type(value: str) -> str:
    if value.startswith("<") and value.endswith(">") or re.match(r"^(https?|urn):", value):
        return "iri"
    if _DATE.match(value):
        return "date"
    if _INTEGER.match(value):
        return "integer"
    return "text"


def _substitute(text: str, terms: Mapping[str, str]) -> str:
    # Comment lines are left alone so that the header keeps its $-free documentation intact.
    out = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            out.append(line)
            continue
        out.append(_PLACEHOLDER.sub(lambda m: terms.get(m.group(1), m.group(0)), line))
    return "".join(out)


def bind_params(sparql: str, params: Mapping[str, str]) -> str:
    """An ad hoc query with ``$name`` placeholders filled from ``params`` (types guessed).

    Notes
    -----
    ``<...>`` or ``http(s)://...`` becomes an IRI, ``YYYY-MM-DD`` an ``xsd:date``, digits an
    integer, anything else a string. Placeholders without a value stay SPARQL variables.
    """
    if not params:
        return sparql
    present = set(_PLACEHOLDER.findall(sparql))
    missing = sorted(set(params) - present)
    if missing:
        raise QueryError(f"the query has no ${', $'.join(missing)} to fill")
    return _substitute(sparql, {k: sparql_term(v, _guess_type(v), k) for k, v in params.items()})


def parse_saved(name: str, text: str) -> SavedQuery:
    """A :class:`SavedQuery` from the text of a ``.rq`` file (header comments + query)."""
    title, description, params = name, [], []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            last = key
            if key == "title":
                title = value
            elif key == "description":
                description.append(value)
            else:
                pm = _PARAM.match(value)
                if pm is None or pm.group("type") not in PARAM_TYPES:
                    raise QueryError(f"{name}.rq: bad parameter line '{value}'")
                default = pm.group("default")
                if default is not None and default.startswith('"'):
                    default = default[1:-1]
                params.append(Param(pm.group("name"), pm.group("type"), default, (pm.group("doc") or "").strip()))
        elif last == "description" and line[1:].strip():
            description.append(line[1:].strip())
    used = set(_PLACEHOLDER.findall("\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))))
    declared = {p.name for p in params}
    if used != declared:
        raise QueryError(f"{name}.rq: parameters used {sorted(used)} differ from those declared {sorted(declared)}")
    return SavedQuery(name, title, " ".join(description), tuple(params), text)


@lru_cache(maxsize=1)
def _load_all() -> tuple[SavedQuery, ...]:
    return tuple(parse_saved(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERY_DIR.glob("*.rq")))


def saved_queries() -> dict[str, SavedQuery]:
    """Every saved query of the package by name, sorted by name."""
    return {q.name: q for q in _load_all()}


def ensure_store(out_dir: Path) -> Path:
    """``DIR/store``, bulk-loaded from ``DIR/dataset.nq`` (or ``.trig``) first if it is missing
    or does not hold that file as it is now.

    Notes
    -----
    ``kg build`` makes the store; this covers an output folder copied without it, made by an
    older build, or rebuilt with ``--no-store`` (whose store would answer for the old dataset),
    so that ``kg query`` and ``kg serve`` work on any folder that holds the dataset.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: no such output folder")
    path = store_dir(out_dir)
    dataset = next((out_dir / n for n in ("dataset.nq", "dataset.trig") if (out_dir / n).is_file()), None)
    if path.is_dir() and (dataset is None or store_matches(out_dir, dataset)):
        return path
    if dataset is None:
        raise OutputError(f"{out_dir}: no store and no dataset.nq (run `kg build` first)")
    if path.is_dir():
        log.warning("%s: the store does not hold the current %s (built with --no-store, or edited); "
                    "loading it again", out_dir, dataset.name)
    else:
        log.info("%s: no store yet; loading %s", out_dir, dataset.name)
    build_store(out_dir, dataset)
    return path


def run_query(
    out_dir: Path, sparql: str, params: Mapping[str, str] | None = None, max_rows: int | None = None
) -> QueryResult:
    """Run a SPARQL query against the store of an output folder (default graph = all articles).

    Parameters
    ----------
    out_dir
        A ``kg build`` output folder.
    sparql
        The query; ``$name`` placeholders are filled from ``params``.
    params
        Values for the placeholders (see :func:`bind_params`).
    max_rows
        Cut the answer after this many rows (``truncated`` is then set).
    """
    text = bind_params(sparql, params or {})
    check_read_only(text)
    ensure_store(out_dir)
    store = open_store(out_dir)
    return store.query(text, max_rows=max_rows)


def run_saved(out_dir: Path, name: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query by name with its parameters."""
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query '{name}' (see `kg query --list`: {', '.join(queries)})")
    text = queries[name].bind(params)
    check_read_only(text)
    ensure_store(out_dir)
    return open_store(out_dir).query(text)
