"""Deterministic IRIs: minted from normalised keys, never from uuid4 or a counter.

The same entity gets the same IRI in every run and every article, so that graphs built
separately merge by plain union.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespaces import ROLE_NS

__all__ = ["IriMinter", "digest", "slug"]

_NON_SLUG = re.compile(r"[^0-9A-Za-z_\-.]+")


def slug(text: str) -> str:
    """An IRI-safe local name: ASCII letters kept, anything else percent-encoded (UTF-8)."""
    text = unicodedata.normalize("NFC", text.strip())
    ascii_part = _NON_SLUG.sub("_", text).strip("_")
    if ascii_part and ascii_part.replace("_", "").isascii() and ascii_part == text.replace(" ", "_"):
        return ascii_part
    return quote(text.replace(" ", "_"), safe="_-.")


def digest(*parts: str, size: int = 16) -> str:
    """A short stable hash of the parts (joined with a separator no key contains)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


class IriMinter:
    """Mints every data IRI under one configurable base."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{slug(article_id)}")

    def person(self, key: str) -> URIRef:
        return URIRef(f"{self.base}person/{slug(key)}")

    def entity(self, kind: str, key: str) -> URIRef:
        folder = {"country": "country", "organization": "org", "ministry": "org", "agency": "org"}.get(kind, "place")
        return URIRef(f"{self.base}{folder}/{slug(key)}")

    def membership(self, person_key: str, role: str, of: str, qualifier: str | None) -> URIRef:
        return URIRef(f"{self.base}membership/{digest(person_key, role, of, qualifier or '')}")

    def interval(self, membership: URIRef) -> URIRef:
        return URIRef(f"{membership}/period")

    def instant(self, interval: URIRef, which: str) -> URIRef:
        """The ``time:Instant`` that begins (``which="start"``) or ends (``"end"``) an interval."""
        return URIRef(f"{interval}/{which}")

    def publisher(self, name: str) -> URIRef:
        """A publisher (a ``schema:Organization``) from its name or domain."""
        return URIRef(f"{self.base}publisher/{slug(name)}")

    def selector(self, annotation: URIRef, part: str) -> URIRef:
        """A part of an evidence annotation (``target``, ``quote``, ``position``): no blank nodes."""
        return URIRef(f"{annotation}/{part}")

    def event(self, article_id: str, *parts: str) -> URIRef:
        return URIRef(f"{self.base}event/{digest(article_id, *parts)}")

    def annotation(self, article_id: str, target: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}evidence/{digest(article_id, target, str(start), str(end))}")

    @staticmethod
    def role(role_id: str) -> URIRef:
        return URIRef(ROLE_NS + role_id)
