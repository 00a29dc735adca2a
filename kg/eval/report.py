"""The result of ``kg eval`` as frozen dataclasses, with JSON, Markdown and rich renderings.

Notes
-----
Precision of a kind with no system items is 1.0 when the gold has none either, else 0.0;
recall with no gold items is 1.0. The overall figures are micro-averaged: the true positives,
system items and gold items of persons, roles and events are summed before dividing, so a kind
with many items weighs more.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "ArticleReport", "AttributeCounts", "Counts", "EvalReport", "Identity", "rich_tables"]

KINDS: tuple[str, ...] = ("persons", "roles", "events")
_DIGITS = 4


@dataclass(frozen=True)
class Counts:
    """True positives, system items and gold items of one kind."""

    tp: int = 0
    sys: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        if not self.sys:
            return 0.0 if self.gold else 1.0
        return self.tp / self.sys

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.sys + other.sys, self.gold + other.gold)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "sys": self.sys, "gold": self.gold, "precision": round(self.precision, _DIGITS),
                "recall": round(self.recall, _DIGITS), "f1": round(self.f1, _DIGITS)}


@dataclass(frozen=True)
class AttributeCounts:
    """How many matched events also have the right place, date and status."""

    matched: int = 0
    place: int = 0
    date: int = 0
    status: int = 0

    def accuracy(self, name: str) -> float | None:
        """Share of matched events right on ``place``, ``date`` or ``status`` (``None`` if none)."""
        return getattr(self, name) / self.matched if self.matched else None

    def __add__(self, other: AttributeCounts) -> AttributeCounts:
        return AttributeCounts(self.matched + other.matched, self.place + other.place,
                               self.date + other.date, self.status + other.status)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"matched": self.matched, "place": self.place, "date": self.date, "status": self.status}
        for name in ("place", "date", "status"):
            acc = self.accuracy(name)
            out[f"{name}_accuracy"] = round(acc, _DIGITS) if acc is not None else None
        return out


@dataclass(frozen=True)
class ArticleReport:
    """Scores of one gold article, with what was missed (gold ids) and wrongly found (labels).

    ``person_map`` pairs each matched gold person id with its node (an IRI, or ``_:id``);
    ``fused`` lists nodes whose names fit several gold persons of this article.
    """

    stem: str
    graph: str | None
    note: str = ""
    persons: Counts = Counts()
    roles: Counts = Counts()
    events: Counts = Counts()
    attributes: AttributeCounts = AttributeCounts()
    missed_persons: tuple[str, ...] = ()
    false_persons: tuple[str, ...] = ()
    missed_roles: tuple[str, ...] = ()
    false_roles: tuple[str, ...] = ()
    missed_events: tuple[str, ...] = ()
    false_events: tuple[str, ...] = ()
    wrong_attributes: tuple[str, ...] = ()
    person_map: tuple[tuple[str, str], ...] = ()
    fused: tuple[str, ...] = ()

    def counts(self, kind: str) -> Counts:
        return getattr(self, kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stem": self.stem, "graph": self.graph, "note": self.note,
            **{k: self.counts(k).to_dict() for k in KINDS},
            "attributes": self.attributes.to_dict(),
            "missed": {"persons": list(self.missed_persons), "roles": list(self.missed_roles),
                       "events": list(self.missed_events)},
            "false": {"persons": list(self.false_persons), "roles": list(self.false_roles),
                      "events": list(self.false_events)},
            "wrong_attributes": list(self.wrong_attributes),
            "person_map": dict(self.person_map),
            "fused": list(self.fused),
        }


@dataclass(frozen=True)
class Identity:
    """Identity of people across articles.

    ``multi_article`` are gold person ids listed in several scored articles; ``kept_one_node``
    those matched in every one of them, always to the same IRI; ``split`` those matched to
    different nodes; ``missed_somewhere`` those not matched in at least one of them; ``fused``
    nodes standing for two different gold people (``node=a+b`` across articles,
    ``stem:node=a+b`` within one).
    """

    multi_article: tuple[str, ...] = ()
    kept_one_node: tuple[str, ...] = ()
    split: tuple[str, ...] = ()
    missed_somewhere: tuple[str, ...] = ()
    fused: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"multi_article": list(self.multi_article), "kept_one_node": list(self.kept_one_node),
                "split": list(self.split), "missed_somewhere": list(self.missed_somewhere),
                "fused": list(self.fused)}


@dataclass(frozen=True)
class EvalReport:
    """Everything ``kg eval`` measured on one dataset against one folder of gold files."""

    dataset: str
    gold_dir: str
    articles: tuple[ArticleReport, ...] = ()
    identity: Identity = Identity()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def total(self, kind: str) -> Counts:
        """Counts of one kind summed over the articles."""
        out = Counts()
        for art in self.articles:
            out = out + art.counts(kind)
        return out

    @property
    def persons(self) -> Counts:
        return self.total("persons")

    @property
    def roles(self) -> Counts:
        return self.total("roles")

    @property
    def events(self) -> Counts:
        return self.total("events")

    @property
    def overall(self) -> Counts:
        """Micro-averaged counts over persons, roles and events."""
        return self.persons + self.roles + self.events

    @property
    def attributes(self) -> AttributeCounts:
        out = AttributeCounts()
        for art in self.articles:
            out = out + art.attributes
        return out

    def f1(self) -> dict[str, float]:
        """F1 per kind and ``overall``."""
        out = {k: self.total(k).f1 for k in KINDS}
        out["overall"] = self.overall.f1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset, "gold_dir": self.gold_dir,
            "totals": {**{k: self.total(k).to_dict() for k in KINDS}, "overall": self.overall.to_dict()},
            "attributes": self.attributes.to_dict(),
            "articles": [a.to_dict() for a in sorted(self.articles, key=lambda a: a.stem)],
            "identity": self.identity.to_dict(),
            "warnings": sorted(self.warnings),
        }

    def to_json(self) -> str:
        """Deterministic JSON: sorted keys, articles sorted by stem, UTF-8 text kept as is."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def to_markdown(self) -> str:
        """A Markdown report: totals, attributes, per-article rows, misses, identity, warnings."""
        lines = ["# kg eval", "", f"dataset: `{self.dataset}`  ", f"gold: `{self.gold_dir}`", "",
                 "| kind | tp | sys | gold | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, c in [*((k, self.total(k)) for k in KINDS), ("overall", self.overall)]:
            lines.append(f"| {name} | {c.tp} | {c.sys} | {c.gold} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")
        att = self.attributes
        lines += ["", "Matched events: " + str(att.matched) + "; " + ", ".join(
            f"{n} accuracy {_fmt(att.accuracy(n))}" for n in ("place", "date", "status")), "",
            "## Articles", "", "| article | persons | roles | events | place/date/status |",
            "| --- | --- | --- | --- | --- |"]
        for a in sorted(self.articles, key=lambda a: a.stem):
            cells = [f"{a.counts(k).tp}/{a.counts(k).sys}/{a.counts(k).gold}" for k in KINDS]
            at = a.attributes
            lines.append(f"| {a.stem} | {' | '.join(cells)} | {at.place}/{at.date}/{at.status} of {at.matched} |")
        lines += ["", "Cells are tp/sys/gold.", ""]
        for a in sorted(self.articles, key=lambda a: a.stem):
            detail = [("missed persons", a.missed_persons), ("false persons", a.false_persons),
                      ("missed roles", a.missed_roles), ("false roles", a.false_roles),
                      ("missed events", a.missed_events), ("false events", a.false_events),
                      ("wrong event attributes", a.wrong_attributes), ("fused", a.fused)]
            if a.note or any(items for _, items in detail):
                lines += [f"### {a.stem}", ""] + ([f"- note: {a.note}"] if a.note else [])
                lines += [f"- {label}: {'; '.join(items)}" for label, items in detail if items]
                lines.append("")
        idn = self.identity
        lines += ["## Identity across articles", "",
                  (f"- {len(idn.kept_one_node)}/{len(idn.multi_article)} gold people seen in several articles "
                   "kept one node in all of them"),
                  f"- split: {', '.join(idn.split) or 'none'}",
                  f"- missed in some article: {', '.join(idn.missed_somewhere) or 'none'}",
                  f"- nodes fusing two gold people: {'; '.join(idn.fused) or 'none'}", ""]
        if self.warnings:
            lines += ["## Warnings", ""] + [f"- {w}" for w in sorted(self.warnings)] + [""]
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def rich_tables(report: EvalReport) -> list[Any]:
    """``rich`` tables for the CLI: totals, then one row per article.

    Notes
    -----
    ``rich`` is imported here, not at module level, so the library does not need it to score.
    """
    from rich.table import Table

    totals = Table(title="kg eval")
    for col in ("kind", "tp", "sys", "gold", "P", "R", "F1"):
        totals.add_column(col, justify="left" if col == "kind" else "right")
    for name, c in [*((k, report.total(k)) for k in KINDS), ("overall", report.overall)]:
        totals.add_row(name, str(c.tp), str(c.sys), str(c.gold), f"{c.precision:.3f}", f"{c.recall:.3f}",
                       f"{c.f1:.3f}")
    att = report.attributes
    totals.caption = f"matched events {att.matched}: " + ", ".join(
        f"{n} {_fmt(att.accuracy(n))}" for n in ("place", "date", "status"))
    per = Table(title="articles (tp/sys/gold)")
    for col in ("article", *KINDS, "place/date/status"):
        per.add_column(col)
    for a in sorted(report.articles, key=lambda a: a.stem):
        at = a.attributes
        per.add_row(a.stem, *(f"{a.counts(k).tp}/{a.counts(k).sys}/{a.counts(k).gold}" for k in KINDS),
                    f"{at.place}/{at.date}/{at.status} of {at.matched}")
    return [totals, per]
