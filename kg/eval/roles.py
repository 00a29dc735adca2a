"""Read a gold role id from a system role concept: its IRI, else its English, else Arabic label.

Notes
-----
The RDF contract points ``org:role`` at a ``skos:Concept`` of the role scheme whose local name is
a role id (``role:foreign_minister``), so the IRI usually decides. A dataset built with another
scheme is still scored through the concept's labels: the rules in ``role_labels.tsv`` are tried
in priority order and the first phrase found as whole words gives the role, so that
``نائب رئيس الوزراء`` is a deputy prime minister before ``رئيس`` can make it a head of state.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.eval.normalize import contains_words, fold, word_key
from kg.records import ROLE_IDS

__all__ = ["RoleRule", "local_name", "role_from_iri", "role_from_labels", "role_of", "role_rules", "snake"]

_RULES_FILE = Path(__file__).resolve().parent / "role_labels.tsv"
_LOCAL = re.compile(r"[#/:]")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NON_ID = re.compile(r"[^a-z0-9]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_AR_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class RoleRule:
    """A phrase that, found in a label of language ``lang``, gives ``role``."""

    priority: int
    lang: str
    phrase: str
    role: str


def _ar_words(text: str) -> str:
    return " ".join(_AR_NON_WORD.sub(" ", fold(text)).split())


@cache
def role_rules() -> tuple[RoleRule, ...]:
    """The rules of ``role_labels.tsv`` in priority order, phrases already as match keys."""
    with _RULES_FILE.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    rules = []
    for row in rows:
        lang = row["lang"].strip()
        phrase = row["phrase"].strip()
        key = word_key(phrase) if lang == "en" else _ar_words(phrase)
        rules.append(RoleRule(int(row["priority"]), lang, key, row["role"].strip()))
    return tuple(sorted(rules, key=lambda r: (r.priority, r.lang, r.phrase)))


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#``, ``/`` or ``:``)."""
    return _LOCAL.split(iri.rstrip("/#"))[-1]


def snake(name: str) -> str:
    """``ForeignMinister``, ``foreign-minister``, ``FOREIGN_MINISTER`` -> ``foreign_minister``."""
    return _NON_ID.sub("_", _CAMEL.sub(r"\1_\2", name).lower()).strip("_")


def role_from_iri(iri: str) -> str | None:
    """The role id when the IRI's local name is one, in any case style."""
    key = snake(local_name(iri))
    return key if key in ROLE_IDS else None


def role_from_labels(labels: Iterable[str], lang: str) -> str | None:
    """The role of the first rule that matches any of the labels, ``None`` when none does."""
    texts = [word_key(x) if lang == "en" else _ar_words(x) for x in labels]
    texts = [t for t in texts if t]
    if not texts:
        return None
    for text in texts:
        if text.replace(" ", "_") in ROLE_IDS:
            return text.replace(" ", "_")
    for rule in role_rules():
        if rule.lang == lang and any(contains_words(t, rule.phrase) for t in texts):
            return rule.role
    return None


def role_of(iri: str | None, labels: Iterable[tuple[str, str | None]]) -> str | None:
    """The role id of a role concept (or a literal role, given as its one label).

    Parameters
    ----------
    iri
        The concept's IRI, ``None`` for a blank node or a literal.
    labels
        ``(text, language)`` pairs of its labels.

    Returns
    -------
    str or None
        The IRI's local name when it is a role id; else the first rule matching an English
        label, else an Arabic one; ``official`` when labels exist but no rule matches them;
        ``None`` when nothing can be read.
    """
    if iri:
        found = role_from_iri(iri)
        if found:
            return found
    labels = list(labels)
    english = [t for t, lg in labels if (lg or "").lower().startswith("en")
               or (not lg and not _ARABIC.search(t))]
    arabic = [t for t, lg in labels if (lg or "").lower().startswith("ar") or _ARABIC.search(t)]
    for texts, lang in ((english, "en"), (arabic, "ar")):
        found = role_from_labels(texts, lang)
        if found:
            return found
    return "official" if labels else None
