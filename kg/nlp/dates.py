"""spaCy component ``kg_dates``: date expressions, resolved against the publication date.

Notes
-----
Arabic news writes dates as ``15 أكتوبر 2025``, ``15 تشرين الأول 2025``, ``15/10/2025``, a day
and month alone (``في 28 يناير`` -> ``--01-28`` when the year is unknown), a weekday
(``الخميس``, ``الخميس الماضي``) or a relative word (``اليوم``, ``أمس``). Weekdays and relative
words are resolved only when the publication date is known; otherwise the words are kept and
the value stays empty, because the contract forbids stating a date the article does not give.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import get_lexicon
from kg.nlp.normalise import normalise
from kg.nlp.state import DateSpan, DocState
from kg.resources import load

__all__ = ["DatesComponent", "resolve_day_month", "to_int"]

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")   # year first: 2025-03-03, 2024/2/3
_DATE_SHAPE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته"})
_NEXT = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})
_MONTH_INTRO = frozenset({"في", "وفي", "شهر", "مطلع", "منتصف", "نهايه", "اواخر", "اوائل", "خلال"})


def to_int(text: str) -> int | None:
    """An integer from Western or Arabic-Indic digits (١٥ -> 15)."""
    digits = "".join(str(unicodedata.digit(ch)) for ch in text if unicodedata.digit(ch, None) is not None)
    return int(digits) if digits and len(digits) == len(text) else None


@cache
def _ordinals() -> dict[str, int]:
    return {normalise(row["word"]): int(row["day"]) for row in load("ordinal_days.tsv")}


def _ordinal_day(keys: list[str], of: int) -> tuple[int, int | None]:
    """The ordinal day ending right before token ``of`` (من): its first token and the day."""
    table = _ordinals()
    for width in (2, 1):
        k = of - width
        if k >= 0 and " ".join(keys[k:of]) in table:
            return k, table[" ".join(keys[k:of])]
    return of, None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


def resolve_day_month(day: int, month: int, published: date | None, direction: str | None) -> str | None:
    """A day and month without a year: a full date near the publication date, else ``--MM-DD``."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if published is None:
        return f"--{month:02d}-{day:02d}"
    for year in (published.year, published.year - 1, published.year + 1):
        if not _valid(year, month, day):
            return f"--{month:02d}-{day:02d}"
    this_year = date(published.year, month, day)
    if direction == "next" and this_year < published:
        this_year = date(published.year + 1, month, day)
    elif direction == "past" and this_year > published:
        this_year = date(published.year - 1, month, day)
    elif direction is None and (this_year - published).days > 60:
        this_year = date(published.year - 1, month, day)   # news reports the past
    return this_year.isoformat()


@Language.factory("kg_dates")
class DatesComponent:
    """Finds date expressions and resolves them; stores :class:`DateSpan` on ``doc._.kg``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.kg
        published = date.fromisoformat(state.published) if state.published else None
        keys = state.keys
        spans: list[DateSpan] = []
        used: set[int] = set()

        def direction_at(k: int) -> str | None:
            if k < len(doc) and keys[k] in _PAST:
                return "past"
            if k < len(doc) and keys[k] in _NEXT:
                return "next"
            return None

        date_matches = state.matches.get("date", [])
        months_at = {m.start: m for m in date_matches if m.kind == "MONTH"}
        for m in date_matches:
            if m.kind == "MONTH" and m.start not in used:
                month = int(m.payload)
                # و23 أيلول: a conjunction attached to the day
                day = to_int(state.tok_text[m.start - 1].lstrip("و")) if m.start > 0 else None
                end = m.end
                other = months_at.get(end + 1)
                if end + 1 < len(state.tok_text) and state.tok_text[end] == "/" and other is not None and int(other.payload) == month:
                    end = other.end        # 3 آذار/مارس: the Levantine and the Gregorian name of one month
                start = m.start - 1
                if (day is None or not 1 <= day <= 31) and m.start > 1 and keys[m.start - 1] == "من":
                    # في الخامس من مارس: the day as an ordinal word
                    start, day = _ordinal_day(keys, m.start - 1)
                if day is None or not 1 <= day <= 31:
                    if self._month_alone(keys, m.start, end):
                        # في فبراير الماضي: a month without a day dates the event to no day, and
                        # stops it from taking the day of the event told before
                        direction = direction_at(end)
                        stop = end + (1 if direction else 0)
                        spans.append(DateSpan(m.start, stop, None, state.span_text(m.start, stop), direction == "next"))
                        used.update(range(m.start, stop))
                    continue
                year = to_int(state.tok_text[end]) if end < len(state.tok_text) else None
                if year is not None and 1900 <= year <= 2100:
                    end += 1
                    value = f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
                    direction = None
                else:
                    direction = direction_at(end)
                    if direction:
                        end += 1
                    value = resolve_day_month(day, month, published, direction)
                spans.append(DateSpan(start, end, value, state.span_text(start, end), direction == "next"))
                used.update(range(start, end))
        rel_ends = {m.end: m for m in date_matches if m.kind == "RELDATE"}
        for m in date_matches:
            if m.start in used:
                continue
            if m.kind == "WEEKDAY" and m.start in rel_ends and self.lexicon.relative[rel_ends[m.start].payload][0] == "day":
                continue          # غدا الأحد، اليوم الإثنين: the relative word fixes the day
            if m.kind == "WEEKDAY" and not (keys[m.start][len(state.prefixes[m.start]):].startswith("ال")
                                            or "ال" in state.prefixes[m.start]
                                            or (m.start > 0 and keys[m.start - 1] in ("يوم", "اليوم", "ليوم"))):
                continue          # أحد المسؤولين ("one of"), اثنين ("two"): a weekday is written الأحد or يوم أحد
            if m.kind == "WEEKDAY":
                end = m.end
                direction = direction_at(end)
                if direction:
                    end += 1
                start = m.start
                if start > 0 and keys[start - 1] in ("يوم", "اليوم", "ليوم"):
                    start -= 1
                value = None
                if published is not None:
                    diff = (published.weekday() - int(m.payload)) % 7
                    if direction == "next":
                        value = (published + timedelta(days=(int(m.payload) - published.weekday()) % 7 or 7)).isoformat()
                    elif direction == "past":
                        value = (published - timedelta(days=diff or 7)).isoformat()
                    else:
                        value = (published - timedelta(days=diff)).isoformat()
                spans.append(DateSpan(start, end, value, state.span_text(start, end), direction == "next"))
                used.update(range(start, end))
            elif m.kind == "RELDATE":
                unit, offset = self.lexicon.relative[m.payload]
                day_of = self._day_of_month(state, m.start, unit, offset, published)
                if day_of is not None:
                    # في الثالث من الشهر الجاري، في 20 من الشهر الماضي: a day of a month named relatively
                    start, value = day_of
                    spans.append(DateSpan(start, m.end, value, state.span_text(start, m.end), offset > 0))
                    used.update(range(start, m.end))
                    continue
                value = None
                if published is not None and unit == "day":
                    value = (published + timedelta(days=offset)).isoformat()
                if unit == "same":      # اليوم ذاته: the day of the event told before, not of the report
                    spans.append(DateSpan(m.start, m.end, None, state.span_text(m.start, m.end), after_previous=offset))
                else:
                    spans.append(DateSpan(m.start, m.end, value, state.span_text(m.start, m.end), offset > 0))
                used.update(range(m.start, m.end))
        # numeric dates: look for their shape in the text, then check the token found there
        for found in _DATE_SHAPE.finditer(state.text):
            i = bisect_right(state.tok_idx, found.start()) - 1
            text = state.tok_text[i]
            if i in used or state.tok_idx[i] != found.start():
                continue
            hit = _NUMERIC.match(text) or _ISO.match(text)
            if hit:
                a, b, c = (int(x) for x in hit.groups())
                y, mo, d = (a, b, c) if hit.re is _ISO else (c, b, a)
                if _valid(y, mo, d):
                    spans.append(DateSpan(i, i + 1, f"{y:04d}-{mo:02d}-{d:02d}", text))
        state.dates = sorted(spans, key=lambda s: s.start)
        return doc

    @staticmethod
    def _day_of_month(state: DocState, start: int, unit: str, offset: int,
                      published: date | None) -> tuple[int, str] | None:
        """The first token and the date of an ordinal or numeric day before من and a relative month."""
        keys = state.keys
        if unit != "month" or published is None or start < 2 or keys[start - 1] != "من":
            return None
        first, day = _ordinal_day(keys, start - 1)
        if day is None:
            day, first = to_int(state.tok_text[start - 2]), start - 2
        month = published.month + offset
        year = published.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        if day is None or not _valid(year, month, day):
            return None
        return first, date(year, month, day).isoformat()

    @staticmethod
    def _month_alone(keys: list[str], start: int, end: int) -> bool:
        """A month named without a day, as a date: followed by a year or الماضي/المقبل, or after في,
        مطلع, منتصف, نهاية, أواخر (a bare month name can also be a person's or a street's name)."""
        nxt = keys[end] if end < len(keys) else ""
        prev = keys[start - 1] if start > 0 else ""
        year = to_int(nxt)
        return (year is not None and 1900 <= year <= 2100) or nxt in _PAST or nxt in _NEXT \
            or prev in _MONTH_INTRO

