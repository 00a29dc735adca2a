"""When an article speaks of: its publication date, or a date range inferred from its content.

Notes
-----
A post's holder is the holder *at the article's date* (الرئيس السوري is Bashar al-Assad in 2023
and Ahmed al-Sharaa in 2025). Many articles carry no date, so the range is inferred from what
they state:

* explicit full dates of events (``2023-03-16``) and years named in date mentions;
* officials named with a post, whose KB tenures must overlap (وزير الدفاع السوري علي عباس with
  وزير الدفاع الروسي سيرغي شويغو puts the article between 2022-04 and 2024-05-12);
* a day and month without a year (``في 28 يناير``) that falls only once inside that range.

Each constraint is a union of day intervals; they are intersected in order, and a constraint that
would empty the intersection is dropped with a note (an official may be named with an old post).
The result is the hull of what is left, with its basis in words, for the build report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kg import resources
from kg.records import Extraction
from kg.resolve.kb import KbPost, parse_date_bounds

__all__ = [
    "Interval",
    "Period",
    "PeriodConstraint",
    "as_of",
    "infer_period",
    "parse_iso_day",
    "tenure_intervals",
]

Interval = tuple[date, date]

_YEAR = re.compile(r"(?<![0-9٠-٩])((?:19|20)[0-9]{2}|[١٢][٩٠][٠-٩]{2})(?![0-9٠-٩])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


@lru_cache(maxsize=1)
def as_of() -> date:
    """The day the packaged KB is current to: open tenures and inferred ranges end there."""
    for row in resources.load("kb/meta.tsv"):
        if row["key"] == "as_of":
            return parse_date_bounds(row["value"])[1]
    return date(2026, 12, 31)


def parse_iso_day(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string as a date, or None (partial or malformed dates give None)."""
    if not text:
        return None
    try:
        first, last = parse_date_bounds(text.strip()[:10])
    except ValueError:
        return None
    return first if first == last else None


@dataclass(frozen=True)
class PeriodConstraint:
    """A set of day intervals the article must fall in, and why."""

    intervals: tuple[Interval, ...]
    basis: str


@dataclass(frozen=True)
class Period:
    """The inferred range, its basis, and the constraints dropped for conflicting."""

    first: date
    last: date
    basis: str
    dropped: tuple[str, ...] = ()

    def as_strings(self) -> tuple[str, str]:
        return self.first.isoformat(), self.last.isoformat()


def tenure_intervals(posts: Iterable[KbPost]) -> tuple[Interval, ...]:
    """The widest day intervals the tenures may cover (open ends stop at :func:`as_of`)."""
    out = []
    for post in posts:
        if not post.start:
            continue  # an unknown start constrains nothing
        s0, _s1, _e0, e1 = post.bounds
        out.append((s0, min(e1, as_of())))
    return tuple(sorted(out))


def _intersect(a: Sequence[Interval], b: Sequence[Interval]) -> tuple[Interval, ...]:
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if lo <= hi:
                out.append((lo, hi))
    return tuple(sorted(set(out)))


def _years(texts: Iterable[str]) -> list[int]:
    years = []
    for text in texts:
        for m in _YEAR.finditer(text):
            year = int(m.group(1).translate(_DIGITS))
            if 1990 <= year <= as_of().year:
                years.append(year)
    return years


def _month_days(extraction: Extraction) -> list[tuple[int, int, str]]:
    out = []
    for event in extraction.events:
        m = _MONTH_DAY.match(event.date or "")
        if m:
            out.append((int(m.group(1)), int(m.group(2)), event.date_text or event.date or ""))
    return out


def infer_period(extraction: Extraction, official_constraints: Sequence[PeriodConstraint]) -> Period | None:
    """Infer the date range an undated article speaks of, or None when nothing constrains it.

    Parameters
    ----------
    extraction
        The article's extraction (events' dates and DATE mentions are read).
    official_constraints
        Tenure constraints of officials named with a post, from the resolver (sorted by it).
    """
    constraints: list[PeriodConstraint] = []
    for event in sorted(extraction.events, key=lambda e: (e.date or "", e.type)):
        day = parse_iso_day(event.date)
        if day is not None:
            constraints.append(PeriodConstraint(((day, day),), f"event date {day.isoformat()}"))
    date_texts = [m.text for m in extraction.mentions if m.label == "DATE"]
    date_texts += [e.date_text for e in extraction.events if e.date_text]
    years = _years(date_texts)
    if years:
        year = max(years)
        constraints.append(PeriodConstraint(((date(year, 1, 1), as_of()),),
                                            f"mentions the year {year}"))
    constraints.extend(official_constraints)
    if not constraints:
        return None
    current: tuple[Interval, ...] = ((date(1900, 1, 1), as_of()),)
    used: list[str] = []
    dropped: list[str] = []
    for constraint in constraints:
        narrowed = _intersect(current, constraint.intervals)
        if narrowed:
            if narrowed != current or not used:
                used.append(constraint.basis)  # only constraints that narrowed the range
            current = narrowed
        else:
            dropped.append(constraint.basis)
    first, last = current[0][0], max(i[1] for i in current)
    for month, mday, text in _month_days(extraction):
        hits = []
        for year in range(first.year, last.year + 1):
            try:
                cand = date(year, month, mday)
            except ValueError:
                continue
            if first <= cand <= last:
                hits.append(cand)
        if len(hits) == 1 and (first, last) != (hits[0], hits[0]):
            used.append(f"day and month '{text}' fall once in the range ({hits[0].isoformat()})")
            first = last = hits[0]
    if not used:
        return None
    return Period(first, last, "; ".join(used), tuple(dropped))
