"""What a read-only endpoint refuses before a query reaches the store.

Notes
-----
pyoxigraph executes ``SERVICE`` clauses by making HTTP requests of its own, which a public
endpoint must not do on a client's behalf, and it rejects updates only with a parse error that
reads like a typo. This module looks at the query text with strings, IRIs and comments blanked
out (so that ``"SERVICE"`` inside a literal is harmless) and raises a :class:`QueryRefused` that
says plainly what is not allowed.
"""
from __future__ import annotations

import re

from kg.errors import QueryError

__all__ = ["QueryRefused", "QueryTimeout", "check_read_only", "query_form", "strip_literals"]


class QueryRefused(QueryError):
    """A query that is well formed but not allowed here (an update, ``SERVICE``)."""


class QueryTimeout(QueryError):
    """A query that ran past its time limit and was stopped."""


_LEXEMES = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""'''     # long double-quoted string
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""     # long single-quoted string
    r'''|"(?:[^"\\\n]|\\.)*"'''               # double-quoted string
    r"""|'(?:[^'\\\n]|\\.)*'"""               # single-quoted string
    r"""|<[^<>"{}|^`\\\s]*>"""                # IRI reference
    r"""|\#[^\n]*""",                         # comment
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)
_UPDATE = re.compile(
    r"(?<![\w:?$])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE
)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def strip_literals(sparql: str) -> str:
    """The query with strings, IRIs and comments replaced by blanks of the same kind."""

    def blank(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("#"):
            return " "
        if text.startswith("<"):
            return "<>"
        return '""'

    return _LEXEMES.sub(blank, sparql)


def query_form(sparql: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``: the first query keyword, if any."""
    m = _FORM.search(strip_literals(sparql))
    return m.group(1).lower() if m else None


def check_read_only(sparql: str, allow_service: bool = False) -> None:
    """Raise :class:`QueryRefused` for an update or (unless allowed) a federated ``SERVICE``.

    Notes
    -----
    An update is recognised by its leading operation keyword when no query form comes first:
    ``INSERT DATA {...}`` is refused while ``SELECT ?insert`` or a literal ``"delete"`` is not.
    """
    code = strip_literals(sparql)
    form = _FORM.search(code)
    update = _UPDATE.search(code)
    if update and (form is None or update.start() < form.start()):
        raise QueryRefused(
            f"this endpoint is read-only: SPARQL updates ({update.group(1).upper()}) are refused"
        )
    if not allow_service and _SERVICE.search(code):
        raise QueryRefused("federated queries (SERVICE) are refused by this endpoint")
