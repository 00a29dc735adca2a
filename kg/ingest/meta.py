"""Article metadata: ``NAME.meta.json`` side files and publication date normalisation.

Notes
-----
The publication date anchors relative dates (``اليوم الإثنين``, ``أمس``) later in the pipeline,
so it is normalised to ISO ``YYYY-MM-DD`` here, once, and an unparseable value is reported
instead of guessed.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

__all__ = ["META_FIELDS", "Meta", "meta_from_mapping", "meta_path", "normalise_date", "read_meta_file"]

log = logging.getLogger(__name__)

#: Fields a meta file or a JSON line may carry besides the text.
META_FIELDS: tuple[str, ...] = ("title", "url", "published", "publisher", "lang")

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)")
_YMD_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:$|[ T,]\s*\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class Meta:
    """Metadata of one article, every field optional; ``warnings`` explain what was ignored."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    lang: str | None = None
    warnings: tuple[str, ...] = ()

    def merged_over(self, base: Meta) -> Meta:
        """This metadata with the gaps filled from ``base`` (this one wins where both have a value)."""
        values = {f: getattr(self, f) if getattr(self, f) is not None else getattr(base, f) for f in META_FIELDS}
        return replace(self, **values, warnings=base.warnings + self.warnings)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalise_date(value: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from common published-date notations, or None.

    Accepts ISO dates and datetimes (``2025-07-31T10:00:00+03:00`` keeps the local date as
    written), ``YYYY/MM/DD``, ``DD/MM/YYYY`` (also with ``-`` or ``.``), ``YYYYMMDD``, RFC 2822
    (``Thu, 31 Jul 2025 10:00:00 +0300``), and Arabic-Indic digits in any of these.
    """
    text = value.strip().translate(_ARABIC_DIGITS)
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy"), (_COMPACT, "ymd")):
        m = pattern.match(text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            return _valid(a, b, c) if order == "ymd" else _valid(c, b, a)
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if isinstance(parsed, datetime):
        return parsed.date().isoformat()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def meta_from_mapping(data: dict[str, Any], where: str = "metadata") -> Meta:
    """Metadata from a JSON object (a meta file or a JSON line); bad values become warnings."""
    warnings: list[str] = []
    values: dict[str, str | None] = {}
    for name in META_FIELDS:
        raw = data.get(name)
        text = _as_text(raw)
        if raw is not None and text is None and raw != "":
            warnings.append(f"{where}: ignored {name} of type {type(raw).__name__}")
        values[name] = text
    published = values["published"]
    if published is not None:
        iso = normalise_date(published)
        if iso is None:
            warnings.append(f"{where}: unparseable published date {published!r}")
        values["published"] = iso
    return Meta(**values, warnings=tuple(warnings))


def meta_path(article_path: Path) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt`` or ``NAME.html``."""
    return article_path.with_name(article_path.stem + ".meta.json")


def read_meta_file(article_path: Path, max_bytes: int) -> Meta:
    """The side metadata of an article file; missing -> empty, broken -> empty with a warning."""
    path = meta_path(article_path)
    if not path.is_file():
        return Meta()
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Meta(warnings=(f"{name}: ignored, {size} bytes is above the limit of {max_bytes}",))
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("broken meta file %s: %s", path, exc)
        return Meta(warnings=(f"{name}: ignored, not valid UTF-8 JSON ({exc.__class__.__name__}: {exc})",))
    if not isinstance(data, dict):
        return Meta(warnings=(f"{name}: ignored, expected a JSON object, got {type(data).__name__}",))
    return meta_from_mapping(data, name)
