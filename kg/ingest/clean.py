"""Text cleaning: one small pure function per phenomenon, composed in :func:`clean_text`.

Notes
-----
The cleaned text is what every later stage points into (character offsets of evidence), so the
cleaning is conservative: it never rewrites ordinary Arabic letters (``أ`` stays ``أ``; match keys
are normalised later, in the NLP stage), keeps emoji inside sentences, and drops only whole lines
(boilerplate, exact repeats), never words inside a sentence.
"""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.ingest.boilerplate import match_boilerplate
from kg.ingest.options import DEFAULT_OPTIONS, IngestOptions

__all__ = [
    "Cleaned",
    "clean_line",
    "clean_text",
    "drop_boilerplate",
    "drop_repeated",
    "normalise_newlines",
    "normalise_presentation_forms",
    "normalise_spaces",
    "remove_control_chars",
    "remove_invisible",
    "split_paragraphs",
    "unescape_entities",
]

log = logging.getLogger(__name__)

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# Arabic Presentation Forms-A (U+FB50-U+FDFF) and -B (U+FE70-U+FEFF).
_PRESENTATION = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]+")
# Zero-width, bidi embedding/override/isolate marks, BOM, Arabic letter mark, soft hyphen, word joiner.
_INVISIBLE = re.compile(r"[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u061C\u00AD]")
# C0/C1 control characters except the newline (tabs are handled as spaces).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Every space character but the newline: tab, NBSP, Ogham, en/em/thin..., narrow NBSP, math, ideographic.
# (A single plain space is not matched: replacing it by itself would only cost time.)
_SPACES = re.compile(r"[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000 ]{2,}|[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]")


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text and what cleaning did to it.

    ``warnings`` go on the article; ``dropped_boilerplate`` and ``dropped_repeated`` count the
    lines removed, for logging and tests.
    """

    text: str
    warnings: tuple[str, ...] = ()
    dropped_boilerplate: int = 0
    dropped_repeated: int = 0


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n``, ``\r``, line/paragraph separators and form feeds into ``\n``."""
    return _NEWLINES.sub("\n", text)


def unescape_entities(text: str) -> str:
    """Decode HTML character references, also the broken ones without ``;``.

    Notes
    -----
    Scraped text often keeps entities: ``بقلم:&nbspيورو نيوز``. :func:`html.unescape` follows the
    HTML5 rules, which accept the legacy names (``&nbsp``, ``&amp``, ``&copy``...) without the
    semicolon, and leaves an ``&`` that starts no entity (``AT&T``) alone.
    """
    if "&" not in text:
        return text
    return html.unescape(text)


def normalise_presentation_forms(text: str) -> str:
    """Apply NFKC to Arabic presentation forms only (``ﻻ`` -> ``لا``, ``ﺑ`` -> ``ب``).

    Notes
    -----
    NFKC over the whole text would also rewrite digits, ligatures and symbols elsewhere (``²``,
    ``ﬁ``, full-width forms); restricting it to U+FB50-U+FDFF and U+FE70-U+FEFF fixes the glyph
    forms some PDF and legacy sources emit without changing any other character.
    """
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def remove_invisible(text: str) -> str:
    """Remove zero-width characters, bidi controls, the BOM, the Arabic letter mark and soft hyphens.

    Notes
    -----
    They are invisible but split words for matching: ``لاف\u200bروف`` must be ``لافروف``.
    """
    return _INVISIBLE.sub("", text)


def remove_control_chars(text: str) -> str:
    r"""Remove C0/C1 control characters other than ``\n`` and ``\t`` (left-overs of bad sources)."""
    return _CONTROL.sub("", text)


def normalise_spaces(text: str) -> str:
    r"""Replace NBSP, tabs and other space characters by one space; strip each line.

    Runs of spaces become one; the newlines stay as they are.
    """
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """The non-empty stripped lines of ``text``: one paragraph per line, blank lines dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def drop_boilerplate(lines: Iterable[str]) -> tuple[list[str], int]:
    """Drop lines that as a whole match a pattern of ``boilerplate.tsv``; return kept lines and count."""
    kept: list[str] = []
    dropped = 0
    for line in lines:
        rule = match_boilerplate(line)
        if rule is None:
            kept.append(line)
        else:
            dropped += 1
            log.debug("dropped %s line %r", rule.kind, line)
    return kept, dropped


def _paragraph_key(line: str) -> str:
    return " ".join(line.split())


def drop_repeated(lines: Iterable[str]) -> tuple[list[str], int]:
    """Drop exact repeats of an earlier paragraph (after whitespace normalisation); keep the first."""
    seen: set[str] = set()
    kept: list[str] = []
    dropped = 0
    for line in lines:
        key = _paragraph_key(line)
        if key in seen:
            dropped += 1
            continue
        seen.add(key)
        kept.append(line)
    return kept, dropped


def clean_text(text: str, options: IngestOptions = DEFAULT_OPTIONS) -> Cleaned:
    r"""Clean one article's text: the single place where the cleaning steps are composed.

    Order matters: entities are decoded first (``&#xFEFB;`` may yield a presentation form and
    ``&nbsp`` a space), then glyph forms, invisible and control characters, then spaces, lines,
    boilerplate and repeats. Paragraphs end up separated by a single ``\n``.
    """
    text = normalise_newlines(text)
    text = unescape_entities(text)
    text = normalise_newlines(text)
    text = normalise_presentation_forms(text)
    text = remove_invisible(text)
    text = remove_control_chars(text)
    text = normalise_spaces(text)
    lines = split_paragraphs(text)
    warnings: list[str] = []
    n_boiler = n_repeat = 0
    if options.drop_boilerplate:
        lines, n_boiler = drop_boilerplate(lines)
    if options.drop_repeated:
        lines, n_repeat = drop_repeated(lines)
        if n_repeat:
            warnings.append(f"dropped {n_repeat} repeated paragraph{'s' if n_repeat != 1 else ''}")
    return Cleaned("\n".join(lines), tuple(warnings), n_boiler, n_repeat)


def clean_line(text: str | None) -> str | None:
    """Clean a one-line field (a title, a publisher): the character steps of :func:`clean_text`.

    Newlines become spaces; no line is dropped. Returns None for an empty result.
    """
    if text is None:
        return None
    text = normalise_newlines(unescape_entities(text)).replace("\n", " ")
    text = remove_control_chars(remove_invisible(normalise_presentation_forms(text)))
    text = normalise_spaces(text)
    return text or None
