"""Reading inputs: walk paths, read each file by its type, yield Articles and Problems.

Notes
-----
Bad input never stops a build: each unreadable file, line or duplicate becomes a
:class:`kg.records.Problem` that names the file (and line) and says what to fix, and the other
articles still go through. Output order is deterministic: files sorted by path, JSON lines in
file order.
"""
from __future__ import annotations

import codecs
import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kg.ingest.clean import clean_line, clean_text
from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.html import declared_charset, extract_html
from kg.ingest.meta import Meta, meta_from_mapping, normalise_date, read_meta_file
from kg.ingest.options import DEFAULT_OPTIONS, IngestOptions
from kg.records import Article, Problem

__all__ = ["SKIPPED_SUFFIXES", "SUPPORTED_SUFFIXES", "TITLE_MAX_CHARS", "read_file", "read_inputs",
           "read_jsonl_line"]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
#: Side files read with their article (meta) or by other stages (gold): skipped silently.
SKIPPED_SUFFIXES: tuple[str, ...] = (".meta.json", ".gold.json")
#: A first line of a .txt up to this length, followed by more text, is taken as its title.
TITLE_MAX_CHARS = 200

_EMPTY = "empty article"
_BINARY = "binary file, not text"


@dataclass(frozen=True)
class _Body:
    """Cleaned text of one article with the metadata found inside it (HTML) and its warnings."""

    text: str
    meta: Meta
    warnings: tuple[str, ...]


def _skipped(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name.lower().endswith(SKIPPED_SUFFIXES)


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size:,} bytes, above the limit of {limit:,} bytes (IngestOptions.max_bytes)"


def _collect(paths: Sequence[str | Path]) -> list[tuple[str, Path | Problem]]:
    """Every input file (directories walked, hidden entries skipped) or a Problem, sorted by path."""
    found: dict[str, Path | Problem] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            errors: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(path, onerror=errors.append):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    file = Path(dirpath) / name
                    if not _skipped(file):
                        found.setdefault(str(file), file)
            for err in errors:
                where = str(err.filename or path)
                found.setdefault(where, Problem(where, f"cannot read directory: {err.strerror or err}"))
        elif path.is_file():
            if not _skipped(path):
                found.setdefault(str(path), path)
        elif path.exists():
            found.setdefault(str(path), Problem(str(path), "not a regular file or directory"))
        else:
            found.setdefault(str(path), Problem(str(path), "no such file or directory"))
    # The same file reached twice (a folder and a file in it, or ./a and a) is read once.
    seen: set[Path] = set()
    out = []
    for key in sorted(found):
        item = found[key]
        if isinstance(item, Path):
            real = item.resolve()
            if real in seen:
                continue
            seen.add(real)
        out.append((key, item))
    return out


def _read_limited(path: Path, limit: int) -> bytes | str:
    """The bytes of a file, or a problem message when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > limit:
            return _too_large(size, limit)
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if len(data) > limit:
        return _too_large(len(data), limit)
    return data


def _body_from_text(raw: str, options: IngestOptions) -> _Body:
    cleaned = clean_text(raw, options)
    return _Body(cleaned.text, Meta(), cleaned.warnings)


def _body_from_html(markup: str, options: IngestOptions) -> _Body:
    doc = extract_html(markup)
    cleaned = clean_text(doc.text, options)
    warnings = list(cleaned.warnings)
    published = None
    if doc.published:
        published = normalise_date(doc.published)
        if published is None:
            warnings.append(f"page: unparseable published date {doc.published!r}")
    meta = Meta(
        title=clean_line(doc.title),
        url=doc.url,
        published=published,
        publisher=clean_line(doc.publisher),
        lang=doc.lang,
    )
    return _Body(cleaned.text, meta, tuple(warnings))


def _first_line_title(text: str) -> str | None:
    first, sep, rest = text.partition("\n")
    if sep and rest.strip() and len(first) <= TITLE_MAX_CHARS:
        return first
    return None


def _article(
    art_id: str, source: str, body: _Body, meta: Meta, decode_warnings: tuple[str, ...], title: str | None
) -> Article:
    merged = meta.merged_over(body.meta)
    return Article(
        id=art_id,
        text=body.text,
        title=clean_line(merged.title) if merged.title else title,
        url=merged.url,
        published=merged.published,
        publisher=clean_line(merged.publisher),
        lang=merged.lang or "ar",
        source=source,
        warnings=decode_warnings + merged.warnings + body.warnings,
    )


def _read_document(path: Path, options: IngestOptions) -> Article | Problem:
    """A .txt or .html/.htm file with its optional ``NAME.meta.json``."""
    source = str(path)
    data = _read_limited(path, options.max_bytes)
    if isinstance(data, str):
        return Problem(source, data)
    if not data.strip():
        return Problem(source, _EMPTY)
    is_html = path.suffix.lower() in (".html", ".htm")
    try:
        decoded = decode_bytes(data, declared_charset(data) if is_html else None)
    except NotText:
        return Problem(source, _BINARY)
    body = _body_from_html(decoded.text, options) if is_html else _body_from_text(decoded.text, options)
    if not body.text:
        return Problem(source, _EMPTY)
    meta = read_meta_file(path, options.max_bytes)
    title = None if is_html else _first_line_title(body.text)
    return _article(path.name, source, body, meta, decoded.warnings, title)


def _iter_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a binary file; ``None`` for a line longer than ``limit``.

    Never holds more than ``limit`` bytes of one line in memory.
    """
    number = 0
    while True:
        line = fh.readline(limit + 2)
        if not line:
            return
        number += 1
        if len(line) > limit + 1 or (len(line) == limit + 2 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _utf16_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a JSON lines file in UTF-16 (with BOM), re-encoded as UTF-8 for one code path."""
    text = io.TextIOWrapper(fh, encoding="utf-16", errors="replace", newline=None)
    for number, line in enumerate(text, start=1):
        data = line.encode("utf-8")
        yield number, (None if len(data) > limit else data)


def _jsonl_item(path: Path, number: int, raw: bytes, options: IngestOptions) -> Article | Problem | None:
    source = str(path)
    try:
        decoded = decode_bytes(raw)
    except NotText:
        return Problem(source, "binary data, not text", number)
    stripped = decoded.text.strip()
    if not stripped:
        return None
    try:
        obj: Any = json.loads(stripped)
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        col = getattr(exc, "colno", None)
        return Problem(source, f"invalid JSON: {msg}" + (f" (column {col})" if col else ""), number)
    if not isinstance(obj, dict):
        return Problem(source, f"expected a JSON object, got {type(obj).__name__}", number)
    raw_id = obj.get("id")
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
        art_id = str(raw_id).strip()
    else:
        art_id = f"{path.name}#{number}"
    text, markup = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        body = _body_from_text(text, options)
    elif isinstance(markup, str) and markup.strip():
        body = _body_from_html(markup, options)
    elif "text" in obj or "html" in obj:
        return Problem(source, _EMPTY, number)
    else:
        return Problem(source, "no 'text' or 'html' field", number)
    if not body.text:
        return Problem(source, _EMPTY, number)
    meta = meta_from_mapping(obj, "line")
    return _article(art_id, f"{path}:{number}", body, meta, decoded.warnings, None)


def _read_jsonl(path: Path, options: IngestOptions) -> Iterator[Article | Problem]:
    """One article per line; a bad line is a Problem with its line number, the rest go on."""
    source = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Problem(source, f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith(codecs.BOM_UTF8):
            fh.seek(len(codecs.BOM_UTF8))
            lines = _iter_lines(fh, options.max_bytes)
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            lines = _utf16_lines(fh, options.max_bytes)
        else:
            lines = _iter_lines(fh, options.max_bytes)
        produced = False
        for number, raw in lines:
            if raw is None:
                yield Problem(source, f"line too long: above the limit of {options.max_bytes:,} bytes", number)
                produced = True
                continue
            item = _jsonl_item(path, number, raw, options)
            if item is not None:
                produced = True
                yield item
        if not produced:
            yield Problem(source, "empty file: no JSON lines")


def read_jsonl_line(path: Path, number: int, raw: bytes,
                    options: IngestOptions = DEFAULT_OPTIONS) -> Article | Problem | None:
    """Line ``number`` (its bytes, at most ``options.max_bytes``) of a UTF-8 JSON lines file as
    :func:`read_file` reads it (None for a blank line): lets a build re-read only changed lines."""
    return _jsonl_item(path, number, raw, options)


def read_file(path: Path, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Article | Problem]:
    """Articles and problems of one file, by its suffix (no duplicate-id check)."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".html", ".htm"):
        yield _read_document(path, options)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, options)
    else:
        shown = f"({suffix})" if suffix else "(no extension)"
        yield Problem(str(path), f"unsupported file type {shown}: expected .txt, .html, .htm or .jsonl")


def read_inputs(
    paths: Sequence[str | Path], options: IngestOptions = DEFAULT_OPTIONS,
    read: Callable[[Path, IngestOptions], Iterable[Any]] = read_file,
) -> Iterator[Article | Problem]:
    """Read articles from files and directories, lazily and in a deterministic order.

    Parameters
    ----------
    paths
        Files or directories; directories are walked recursively in sorted order, hidden
        entries and ``*.meta.json`` / ``*.gold.json`` side files are skipped.
    options
        Size limit and cleaning switches.
    read
        Reads one file (:func:`read_file`); a build passes one that serves unchanged files
        from its cache (anything with ``id`` and ``source`` counts as an article).

    Yields
    ------
    Article or Problem
        An :class:`~kg.records.Article` per good article and a :class:`~kg.records.Problem` per
        bad file, line, missing path or duplicate id (the first article with an id wins).
        Never raises for bad input.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    first_seen: dict[str, str] = {}
    for _, entry in _collect(paths):
        if isinstance(entry, Problem):
            log.debug("%s", entry)
            yield entry
            continue
        try:
            for item in read(entry, options):
                if not isinstance(item, Problem):
                    if item.id in first_seen:
                        item = _duplicate(item, entry, first_seen[item.id])
                    else:
                        first_seen[item.id] = item.source
                if isinstance(item, Problem):
                    log.debug("%s", item)
                yield item
        except Exception as exc:
            log.exception("unexpected error reading %s", entry)
            yield Problem(str(entry), f"unexpected error: {exc.__class__.__name__}: {exc}")


def _duplicate(article: Article, entry: Path, first: str) -> Problem:
    """The Problem for an article whose id was already read (its line, for JSON lines)."""
    line = None
    if entry.suffix.lower() == ".jsonl":
        number = article.source.rpartition(":")[2]
        line = int(number) if number.isdigit() else None
    return Problem(str(entry), f"duplicate article id {article.id!r} (first read from {first})", line)
