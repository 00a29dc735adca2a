"""The reference knowledge base of officials: persons, their names and their time-bounded posts.

Notes
-----
The KB ships as two CSV files in ``kg/resources/kb/`` (``persons.csv`` and ``posts.csv``, one fact
per row, each with a ``source``; the format is documented in ``docs/kb.md``). Analysts add their
own officials in files of the same shape, passed as ``extra``; a file's header says which kind it
is. Loading never raises on a bad row: the row is skipped and a :class:`KbIssue` recorded, so that
``kg kb check`` can list every problem at once with its file, row and column.

Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. A partial date stands for a span (``2024-12`` is
any day of December 2024), so a tenure has an earliest and a latest possible start and end, and a
query asks whether a post *may* cover a day (:meth:`KbPost.may_cover`) or *surely* does
(:meth:`KbPost.surely_covers`).
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg import resources
from kg.errors import KbError
from kg.records import ROLE_IDS
from kg.resolve.names import name_key, variant_key

__all__ = [
    "ORG_KEYS",
    "PERSON_COLUMNS",
    "POST_COLUMNS",
    "QUALIFIERS",
    "KbIssue",
    "KbPerson",
    "KbPost",
    "KnowledgeBase",
    "packaged_files",
    "parse_date_bounds",
]

log = logging.getLogger(__name__)

#: Organisation keys a post may be ``of`` (states use ISO 3166-1 alpha-2, lower case).
ORG_KEYS: tuple[str, ...] = ("arab_league", "au", "eu", "gcc", "nato", "oic", "un")
PERSON_COLUMNS: tuple[str, ...] = (
    "id", "name_en", "name_ar", "variants_ar", "wikidata", "gender", "country", "source",
)
POST_COLUMNS: tuple[str, ...] = ("person_id", "role", "of", "start", "end", "qualifier", "source")
QUALIFIERS: tuple[str, ...] = ("", "acting")
GENDERS: tuple[str, ...] = ("", "f", "m")

_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_ISO2 = re.compile(r"^[a-z]{2}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ARABIC = re.compile("[\u0600-\u06ff]")


def parse_date_bounds(text: str) -> tuple[date, date]:
    """Earliest and latest day a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` value can stand for.

    Raises
    ------
    ValueError
        When the text is not one of the three forms or is not a real day.
    """
    m = _DATE.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    if m.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if m.group(3) is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(m.group(3)))  # raises ValueError on 2023-02-30
    return day, day


@dataclass(frozen=True)
class KbIssue:
    """One problem in a KB file: where it is (file, row, column) and what is wrong.

    ``row`` counts lines of the file as an editor shows them (the header is row 1).
    ``severity`` is ``error`` (the row is skipped) or ``warning`` (kept, worth a look).
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class KbPost:
    """A post held by a KB person: ``role`` of ``of`` from ``start`` to ``end`` (empty: current)."""

    person_id: str
    role: str
    of: str
    start: str = ""
    end: str = ""
    qualifier: str = ""
    source: str = ""

    @property
    def bounds(self) -> tuple[date, date, date, date]:
        """(earliest start, latest start, earliest end, latest end); open ends are unbounded."""
        s0, s1 = parse_date_bounds(self.start) if self.start else (date.min, date.min)
        e0, e1 = parse_date_bounds(self.end) if self.end else (date.max, date.max)
        return s0, s1, e0, e1

    def may_cover(self, first: date, last: date | None = None) -> bool:
        """Whether the tenure may overlap the day (or the span ``first``..``last``)."""
        last = last or first
        s0, _s1, _e0, e1 = self.bounds
        return s0 <= last and first <= e1

    def surely_covers(self, day: date) -> bool:
        """Whether the tenure certainly includes the day, whatever the partial dates stand for."""
        _s0, s1, e0, _e1 = self.bounds
        return bool(self.start) and s1 <= day <= e0

    def iso_start(self) -> str | None:
        """The start as written (``YYYY[-MM[-DD]]``), or None when unknown."""
        return self.start or None

    def iso_end(self) -> str | None:
        return self.end or None


@dataclass(frozen=True)
class KbPerson:
    """A KB official: names in both scripts, known Arabic spellings and posts."""

    id: str
    name_en: str
    name_ar: str
    variants_ar: tuple[str, ...] = ()
    wikidata: str | None = None
    gender: str = ""
    country: str | None = None
    source: str = ""
    posts: tuple[KbPost, ...] = ()

    @property
    def names_ar(self) -> tuple[str, ...]:
        """The full Arabic name first, then every variant (as written)."""
        seen = [self.name_ar]
        for v in self.variants_ar:
            if v not in seen:
                seen.append(v)
        return tuple(seen)

    def posts_as(self, role: str, of: str) -> tuple[KbPost, ...]:
        return tuple(p for p in self.posts if p.role == role and p.of == of)


def packaged_files() -> tuple[Path, Path]:
    """The KB files shipped in the package: (persons.csv, posts.csv)."""
    return resources.path("kb/persons.csv"), resources.path("kb/posts.csv")


@lru_cache(maxsize=1)
def _gazetteer_keys() -> frozenset[str]:
    """Country and organisation keys from the gazetteer files, when they exist (else empty)."""
    keys: set[str] = set()
    for name in ("gazetteer/countries.tsv", "gazetteer/organizations.tsv"):
        if not resources.path(name).is_file():
            continue
        try:
            rows = resources.load(name)
        except Exception as exc:  # noqa: BLE001 - another area's file must never block the KB
            log.warning("cannot read %s: %s", name, exc)
            continue
        for row in rows:
            for col in ("key", "id", "iso2", "code"):
                if row.get(col):
                    keys.add(row[col].strip().lower())
                    break
    return frozenset(keys)


def _valid_country(key: str) -> bool:
    """An ISO alpha-2 key in lower case, and one the gazetteer lists when the gazetteer exists."""
    if not _ISO2.match(key):
        return False
    known = _gazetteer_keys()
    return not known or key in known


def _valid_of(key: str) -> bool:
    return key in ORG_KEYS or _valid_country(key)


class _Reader:
    """Reads and validates KB CSV files, collecting issues instead of raising."""

    def __init__(self) -> None:
        self.issues: list[KbIssue] = []
        self.persons: dict[str, dict[str, str]] = {}
        self.person_where: dict[str, tuple[str, int]] = {}
        self.posts: list[tuple[dict[str, str], str, int]] = []
        self.hash = hashlib.sha256()

    def issue(self, file: str, row: int | None, column: str | None, message: str,
              severity: str = "error") -> None:
        self.issues.append(KbIssue(file, row, column, message, severity))

    def read(self, path: Path) -> None:
        label = str(path)
        if not path.is_file():
            self.issue(label, None, None, "no such file")
            return
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.issue(label, None, None, f"cannot be read as UTF-8 text: {exc}")
            return
        self.hash.update(path.name.encode("utf-8") + b"\x00" + text.encode("utf-8") + b"\x00")
        lines = text.splitlines()
        reader = csv.DictReader(lines)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if "person_id" in header:
            kind, columns = "posts", POST_COLUMNS
        elif "name_ar" in header or "id" in header:
            kind, columns = "persons", PERSON_COLUMNS
        else:
            self.issue(label, 1, None, "header names neither a persons file (id, name_en, name_ar, ...) "
                       "nor a posts file (person_id, role, of, ...)")
            return
        missing = [c for c in columns if c not in header]
        if missing:
            self.issue(label, 1, None, f"{kind} file lacks column(s): {', '.join(missing)} "
                       f"(expected {', '.join(columns)})")
            return
        for extra in sorted(set(header) - set(columns)):
            self.issue(label, 1, extra, f"unknown column '{extra}' is ignored", "warning")
        for index, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
            if None in raw:
                self.issue(label, index, None, "row has more cells than the header")
                continue
            if not any(row.values()):
                continue
            if kind == "persons":
                self._person(row, label, index)
            else:
                self.posts.append((row, label, index))

    def _person(self, row: dict[str, str], file: str, index: int) -> None:
        ok = True
        pid = row["id"]
        if not _ID.match(pid):
            self.issue(file, index, "id", f"'{pid}' is not an ASCII snake_case id (e.g. sergey_lavrov)")
            ok = False
        elif pid in self.persons:
            first = self.person_where[pid]
            self.issue(file, index, "id", f"duplicate id '{pid}' (first defined at {first[0]}:{first[1]})")
            ok = False
        if not row["name_en"]:
            self.issue(file, index, "name_en", "empty English name")
            ok = False
        if not row["name_ar"] or not _ARABIC.search(row["name_ar"]):
            self.issue(file, index, "name_ar", f"'{row['name_ar']}' is not an Arabic name")
            ok = False
        for variant in (v.strip() for v in row["variants_ar"].split("|") if v.strip()):
            if not _ARABIC.search(variant):
                self.issue(file, index, "variants_ar", f"variant '{variant}' is not Arabic")
                ok = False
        if row["wikidata"] and not _QID.match(row["wikidata"]):
            self.issue(file, index, "wikidata", f"'{row['wikidata']}' is not a Wikidata id (Q followed by digits)")
            ok = False
        if row["gender"] not in GENDERS:
            self.issue(file, index, "gender", f"'{row['gender']}' is not one of m, f or empty")
            ok = False
        if row["country"] and not _valid_country(row["country"]):
            self.issue(file, index, "country", f"'{row['country']}' is not an ISO 3166-1 alpha-2 key in lower case")
            ok = False
        if not row["source"]:
            self.issue(file, index, "source", "empty source: say where the fact comes from")
            ok = False
        if ok:
            self.persons[pid] = row
            self.person_where[pid] = (file, index)

    def post_rows(self) -> list[KbPost]:
        out: list[KbPost] = []
        seen: dict[tuple[str, str, str, str], tuple[str, int]] = {}
        for row, file, index in self.posts:
            ok = True
            if row["person_id"] not in self.persons:
                self.issue(file, index, "person_id", f"unknown person_id '{row['person_id']}' "
                           "(not defined in any persons file, or its row has errors)")
                ok = False
            if row["role"] not in ROLE_IDS:
                self.issue(file, index, "role", f"unknown role '{row['role']}' (one of {', '.join(ROLE_IDS)})")
                ok = False
            if not row["of"] or not _valid_of(row["of"]):
                self.issue(file, index, "of", f"'{row['of']}' is neither an ISO alpha-2 country key in "
                           f"lower case nor an organisation key ({', '.join(ORG_KEYS)})")
                ok = False
            bounds: dict[str, tuple[date, date]] = {}
            for col in ("start", "end"):
                if row[col]:
                    try:
                        bounds[col] = parse_date_bounds(row[col])
                    except ValueError as exc:
                        self.issue(file, index, col, str(exc))
                        ok = False
            if "start" in bounds and "end" in bounds and bounds["end"][1] < bounds["start"][0]:
                self.issue(file, index, "end", f"end {row['end']} is before start {row['start']}")
                ok = False
            if row["qualifier"] not in QUALIFIERS:
                self.issue(file, index, "qualifier", f"'{row['qualifier']}' is not one of: empty, acting")
                ok = False
            if not row["source"]:
                self.issue(file, index, "source", "empty source: say where the fact comes from")
                ok = False
            key = (row["person_id"], row["role"], row["of"], row["start"])
            if ok and key in seen:
                first = seen[key]
                self.issue(file, index, None, f"duplicate post {'/'.join(key)} (first at {first[0]}:{first[1]})")
                ok = False
            if ok:
                seen[key] = (file, index)
                out.append(KbPost(row["person_id"], row["role"], row["of"], row["start"], row["end"],
                                  row["qualifier"], row["source"]))
        return out


class KnowledgeBase:
    """Officials with Arabic names, spelling variants and dated posts, indexed for resolution.

    Build it with :meth:`load`; it is immutable afterwards and safe to share between threads.
    """

    def __init__(self, persons: Iterable[KbPerson], issues: Sequence[KbIssue] = (), version: str = "") -> None:
        self._persons: dict[str, KbPerson] = {p.id: p for p in sorted(persons, key=lambda p: p.id)}
        self._issues = list(issues)
        self._version = version or hashlib.sha256(
            "\n".join(repr(p) for p in self._persons.values()).encode("utf-8")).hexdigest()[:16]
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        self._by_post: dict[tuple[str, str], list[KbPost]] = defaultdict(list)
        for person in self._persons.values():
            for name in person.names_ar:
                key = name_key(name)
                if key:
                    self._by_name[key].add(person.id)
                    self._by_variant[variant_key(name)].add(person.id)
            for post in person.posts:
                self._by_post[(post.role, post.of)].append(post)
        self._issues.extend(self._homonym_warnings())

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> KnowledgeBase:
        """The packaged KB plus analyst files (persons or posts CSV, told apart by their header).

        Rows with errors are skipped and reported by :meth:`check`; a warning is logged.
        """
        reader = _Reader()
        for path in (*packaged_files(), *(Path(p) for p in extra)):
            reader.read(path)
        posts = reader.post_rows()
        by_person: dict[str, list[KbPost]] = defaultdict(list)
        for post in posts:
            by_person[post.person_id].append(post)
        persons = []
        for pid, row in reader.persons.items():
            persons.append(KbPerson(
                id=pid,
                name_en=row["name_en"],
                name_ar=row["name_ar"],
                variants_ar=tuple(v.strip() for v in row["variants_ar"].split("|") if v.strip()),
                wikidata=row["wikidata"] or None,
                gender=row["gender"],
                country=row["country"] or None,
                source=row["source"],
                posts=tuple(sorted(by_person.get(pid, ()), key=lambda p: (p.start, p.role, p.of, p.end))),
            ))
            if not by_person.get(pid):
                file, index = reader.person_where[pid]
                reader.issue(file, index, "id", f"person '{pid}' has no post", "warning")
        kb = cls(persons, reader.issues, reader.hash.hexdigest()[:16])
        errors = [i for i in kb.check() if i.severity == "error"]
        if errors:
            log.warning("knowledge base: %d row(s) skipped for errors (run `kg kb check`)", len(errors))
        return kb

    def _homonym_warnings(self) -> list[KbIssue]:
        out = []
        for key, ids in sorted(self._by_name.items()):
            full = [i for i in sorted(ids) if name_key(self._persons[i].name_ar) == key]
            if len(full) > 1:
                out.append(KbIssue("kb", None, "name_ar", f"persons {', '.join(full)} share the full name "
                                   f"'{key}': they are told apart only by their posts", "warning"))
        return out

    # -- queries ------------------------------------------------------------------------------
    def check(self) -> list[KbIssue]:
        """Every problem found while loading (schema, dates, duplicates, unknown ids), sorted."""
        return sorted(self._issues, key=lambda i: (i.severity != "error", i.file, i.row or 0, i.column or ""))

    def raise_for_errors(self) -> None:
        """Raise :class:`KbError` listing the errors, if any (for builds that must not go on)."""
        errors = [i for i in self.check() if i.severity == "error"]
        if errors:
            raise KbError("knowledge base has errors:\n" + "\n".join(str(i) for i in errors))

    def version(self) -> str:
        """A hash of the KB files' content, for cache keys."""
        return self._version

    def __len__(self) -> int:
        return len(self._persons)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._persons

    def persons(self) -> tuple[KbPerson, ...]:
        """Every person, sorted by id."""
        return tuple(self._persons.values())

    def person(self, person_id: str) -> KbPerson:
        return self._persons[person_id]

    def find_by_name(self, normalised_name: str) -> list[KbPerson]:
        """Persons whose full name or a listed variant has this match key (sorted by id)."""
        return [self._persons[i] for i in sorted(self._by_name.get(name_key(normalised_name), ()))]

    def find_by_variant(self, name: str) -> list[KbPerson]:
        """Persons whose name has the same transliteration-variant key (weaker: needs a cue)."""
        return [self._persons[i] for i in sorted(self._by_variant.get(variant_key(name), ()))]

    def posts(self, role: str, of: str) -> tuple[KbPost, ...]:
        return tuple(self._by_post.get((role, of), ()))

    def holders(self, role: str, of: str, on: date | tuple[date, date]) -> list[KbPerson]:
        """Persons who may hold the post on the day, or at some time in the span (sorted by id)."""
        first, last = on if isinstance(on, tuple) else (on, on)
        ids = {p.person_id for p in self._by_post.get((role, of), ()) if p.may_cover(first, last)}
        return [self._persons[i] for i in sorted(ids)]

    def known_roles(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._by_post)

