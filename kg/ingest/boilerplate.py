"""Boilerplate lines of news pages, from ``kg/resources/boilerplate.tsv``.

Notes
-----
Each pattern is matched against a whole stripped line (``re.fullmatch``), so a real sentence
that merely contains a word such as ``إعلان`` (``أعلن الوزير إعلان المبادئ``) is never dropped:
only a line that *is* the label ``إعلان`` is.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from kg import resources

__all__ = ["BoilerplateRule", "is_boilerplate", "match_boilerplate", "rules"]

log = logging.getLogger(__name__)

RESOURCE = "boilerplate.tsv"
#: Lines longer than this are paragraphs, never page furniture, and are not matched at all.
MAX_BOILERPLATE_CHARS = 300


@dataclass(frozen=True)
class BoilerplateRule:
    """One compiled pattern with its kind (``byline``, ``share``...) for reporting."""

    pattern: re.Pattern[str]
    kind: str
    comment: str = ""


@cache
def rules() -> tuple[BoilerplateRule, ...]:
    """The compiled rules of ``boilerplate.tsv`` (read once per process)."""
    out = []
    for row in resources.load(RESOURCE):
        out.append(BoilerplateRule(re.compile(row["pattern"]), row.get("kind", ""), row.get("comment", "")))
    log.debug("loaded %d boilerplate patterns", len(out))
    return tuple(out)


@cache
def _combined() -> re.Pattern[str]:
    """All patterns as one alternation: one regex call per line instead of one per rule."""
    return re.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules()))


def match_boilerplate(line: str) -> BoilerplateRule | None:
    """The first rule whose pattern matches the whole stripped ``line``, else ``None``."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_CHARS or not _combined().fullmatch(stripped):
        return None
    for rule in rules():
        if rule.pattern.fullmatch(stripped):
            return rule
    return None


def is_boilerplate(line: str) -> bool:
    """Whether ``line`` as a whole is page boilerplate rather than article text."""
    return match_boilerplate(line) is not None
