"""N-Quads terms and lines, formatted by hand.

Notes
-----
rdflib's serialiser writes about 4k quads/s, far too slow for a hundred thousand articles (see
DESIGN.md, speed notes). N-Quads is simple enough to write directly: an IRI is ``<...>``, a literal
is a double-quoted string with ``\\``, ``"``, line breaks and other control characters escaped,
followed by ``@lang`` or ``^^<datatype>``. Everything here is a pure function of its input, so the
lines are byte-identical across runs.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["escape", "iri", "is_valid_http_iri", "lang_literal", "literal", "quad", "typed_literal"]

# N-Quads ECHAR / UCHAR: the four characters STRING_LITERAL_QUOTE forbids, plus every other
# control character as \\uXXXX so that no tool trips over a raw control byte.
_ESCAPES: dict[int, str] = {c: f"\\u{c:04X}" for c in list(range(0x20)) + [0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')

# Characters an IRIREF may not hold (N-Quads grammar) and a stricter RFC 3987 check for
# IRIs that come from the input (article URLs): pyoxigraph rejects a whole file for one bad IRI.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"^(?:[^\s:/?#\[\]@]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


def escape(text: str) -> str:
    """The body of an N-Quads string literal (without the quotes)."""
    if _NEEDS_ESCAPE.search(text) is None:   # the common case; translate() walks every character
        return text
    return text.translate(_ESCAPES)


def iri(value: str) -> str:
    """``<value>``; the caller guarantees a valid IRI (minted ones always are)."""
    return f"<{value}>"


def literal(value: str) -> str:
    """A plain (``xsd:string``) literal."""
    return f'"{escape(value)}"'


def lang_literal(value: str, lang: str) -> str:
    """A language-tagged literal such as ``"لافروف"@ar``."""
    if not _LANG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    return f'"{escape(value)}"@{lang.lower()}'


def typed_literal(value: str, datatype: str) -> str:
    """A literal with a datatype IRI (``xsd:date``, ``xsd:gMonthDay``...)."""
    return f'"{escape(value)}"^^<{datatype}>'


def quad(s: str, p: str, o: str, g: str) -> str:
    """One N-Quads line (terms already formatted), ending with a newline."""
    return f"{s} {p} {o} {g} .\n"


def is_valid_http_iri(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) IRI that N-Quads parsers accept.

    Notes
    -----
    Article URLs come from scraped pages and may hold spaces, raw ``|`` or broken ``%`` escapes;
    those go out as plain literals rather than as IRIs that would make the dataset unreadable.
    Arabic characters are allowed (an IRI is not a URI).
    """
    if not value or _IRI_FORBIDDEN.search(value) or _BAD_PERCENT.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    host = parts.netloc.rsplit("@", 1)[-1]
    if not _HOST.match(host):
        return False
    return "#" not in parts.fragment
