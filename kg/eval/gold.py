"""Gold annotation files (eval/GOLD_FORMAT.md) read into frozen dataclasses, with their problems.

Notes
-----
Ids are shared across gold files, so the forms an entity is matched by are the union of its
``ar`` and ``en`` forms in every file: a role ``of: russia`` in one article is matched by the
``روسيا`` listed in another.
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.eval.normalize import en_key, name_key
from kg.records import EVENT_TYPES, ROLE_IDS

__all__ = [
    "EntityForms",
    "GoldArticle",
    "GoldEntity",
    "GoldEvent",
    "GoldRole",
    "entity_forms",
    "gold_problems",
    "load_gold_dir",
]

log = logging.getLogger(__name__)
SUFFIX = ".gold.json"


@dataclass(frozen=True)
class GoldEntity:
    """A gold person, organisation or place; ``keys`` are its normalised ``ar`` forms in order."""

    id: str
    en: str
    ar: tuple[str, ...]
    keys: tuple[str, ...]
    unnamed: bool = False
    kind: str = ""


@dataclass(frozen=True)
class GoldRole:
    person: str
    role: str
    of: str

    def __str__(self) -> str:
        return f"{self.person} {self.role} {self.of}"


@dataclass(frozen=True)
class GoldEvent:
    type: str
    participants: frozenset[str]
    attendees: frozenset[str]
    place: str | None
    date: str | None
    status: str

    def __str__(self) -> str:
        return f"{self.type} [{', '.join(sorted(self.participants))}]"


@dataclass(frozen=True)
class GoldArticle:
    """One gold file: ``stem`` is the file name without ``.gold.json``, ``doc`` the article file."""

    stem: str
    doc: str
    published: str | None
    persons: tuple[GoldEntity, ...]
    organizations: tuple[GoldEntity, ...]
    places: tuple[GoldEntity, ...]
    roles: tuple[GoldRole, ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class EntityForms:
    """Normalised Arabic keys and English keys of every gold id, over all gold files."""

    ar: dict[str, frozenset[str]]
    en: dict[str, frozenset[str]]

    def defined(self, gold_id: str) -> bool:
        return gold_id in self.ar or gold_id in self.en


def _entity(raw: dict[str, Any]) -> GoldEntity:
    ar = tuple(str(x) for x in raw.get("ar") or ())
    keys = tuple(k for k in (name_key(x) for x in ar) if k)
    return GoldEntity(
        id=str(raw.get("id", "")),
        en=str(raw.get("en") or ""),
        ar=ar,
        keys=keys,
        unnamed=bool(raw.get("unnamed", False)),
        kind=str(raw.get("kind") or ""),
    )


def _event(raw: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        type=str(raw.get("type", "")),
        participants=frozenset(str(p) for p in raw.get("participants") or ()),
        attendees=frozenset(str(p) for p in raw.get("attendees") or ()),
        place=raw.get("place") or None,
        date=raw.get("date") or None,
        status=str(raw.get("status") or "occurred"),
    )


def load_gold_file(path: Path) -> GoldArticle:
    """One ``*.gold.json`` file; raises :class:`InputError` when it is not valid JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from exc
    stem = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    return GoldArticle(
        stem=stem,
        doc=str(data.get("doc") or stem),
        published=data.get("published") or None,
        persons=tuple(_entity(e) for e in data.get("persons") or ()),
        organizations=tuple(_entity(e) for e in data.get("organizations") or ()),
        places=tuple(_entity(e) for e in data.get("places") or ()),
        roles=tuple(GoldRole(str(r.get("person")), str(r.get("role")), str(r.get("of")))
                    for r in data.get("roles") or ()),
        events=tuple(_event(e) for e in data.get("events") or ()),
    )


def load_gold_dir(gold_dir: Path) -> tuple[list[GoldArticle], list[str]]:
    """Every gold file of a folder, sorted by name, and warnings for files that cannot be read."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a folder of gold files")
    golds, warnings = [], []
    for path in sorted(gold_dir.glob("*" + SUFFIX)):
        try:
            golds.append(load_gold_file(path))
        except InputError as exc:
            log.warning("%s", exc)
            warnings.append(str(exc))
    if not golds:
        warnings.append(f"{gold_dir}: no *{SUFFIX} files")
    return golds, warnings


def entity_forms(golds: list[GoldArticle]) -> EntityForms:
    """The union of the forms of each id across all gold files."""
    ar: dict[str, set[str]] = defaultdict(set)
    en: dict[str, set[str]] = defaultdict(set)
    for gold in golds:
        for ent in gold.persons + gold.organizations + gold.places:
            ar[ent.id].update(ent.keys)
            if ent.en:
                en[ent.id].add(en_key(ent.en))
    return EntityForms(
        ar={k: frozenset(v) for k, v in sorted(ar.items())},
        en={k: frozenset(v) for k, v in sorted(en.items())},
    )


def gold_problems(gold: GoldArticle, forms: EntityForms) -> list[str]:
    """Ids used but defined nowhere, roles and event types outside the vocabulary."""
    persons = {p.id for p in gold.persons}
    local = persons | {e.id for e in gold.organizations + gold.places}
    out = []
    for r in gold.roles:
        if r.person not in persons:
            out.append(f"role person '{r.person}' is not among the persons")
        if r.of not in local:
            where = "defined only in another gold file" if forms.defined(r.of) else "defined nowhere"
            out.append(f"role of '{r.of}' is {where}")
        if r.role not in ROLE_IDS:
            out.append(f"role '{r.role}' is not in the role vocabulary")
    for e in gold.events:
        for p in sorted(e.participants | e.attendees):
            if p not in persons:
                out.append(f"event person '{p}' is not among the persons")
        if e.place and e.place not in local:
            where = "defined only in another gold file" if forms.defined(e.place) else "defined nowhere"
            out.append(f"event place '{e.place}' is {where}")
        if e.type not in EVENT_TYPES:
            out.append(f"event type '{e.type}' is unknown")
        if e.status not in ("occurred", "planned"):
            out.append(f"event status '{e.status}' is unknown")
        if len(e.participants) < 2 and e.type in ("meeting", "phone_call"):
            out.append(f"{e.type} with fewer than two principals")
    for person in gold.persons:
        if not person.keys:
            out.append(f"person '{person.id}' has no ar form")
    return [f"{gold.stem}: {m}" for m in out]
