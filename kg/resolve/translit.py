"""English labels and ASCII slugs for Arabic names that the KB does not know.

Notes
-----
Romanising Arabic names well needs attested spellings (محمد is Mohamed, Mohammed or Muhammad by
region), so the maintained, offline ``arabic-name-romanizer`` package (a dictionary of attested
spellings with a small ONNX fallback model shipped inside the wheel) is used when installed. When
it is not, a plain letter-by-letter romanisation from ``kg/resources/kb/romanise.tsv`` keeps the
pipeline working: its labels are readable but not the usual spellings.

Slugs for person keys use the letter table only, never the package, so that a key does not change
when the package is upgraded or missing.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

from kg import resources
from kg.resolve.names import name_key

__all__ = ["has_romanizer", "romanise", "slug_ascii", "warm_up"]

log = logging.getLogger(__name__)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _letters() -> dict[str, str]:
    return {row["ar"]: row["latin"] for row in resources.load("kb/romanise.tsv")}


@lru_cache(maxsize=1)
def _package() -> Callable[[str], str] | None:
    try:
        from arabic_name_romanizer import transliterate
    except ImportError:  # optional: the letter table is the fallback
        log.info("arabic-name-romanizer not installed: English labels use the letter table")
        return None
    return transliterate  # type: ignore[no-any-return]


def has_romanizer() -> bool:
    """Whether the maintained romanisation package is available."""
    return _package() is not None


def warm_up() -> None:
    """Load the romaniser's model now rather than at the first unknown name (a quarter of a
    second), e.g. while another process does something else."""
    _romanise_unit("محمد")


def _letter_romanise(name: str) -> str:
    table = _letters()
    words = []
    for word in name_key(name).split(" "):
        latin = "".join(table.get(ch, ch if ch.isascii() else "") for ch in word)
        if latin.startswith("al") and len(latin) > 3 and word.startswith("ال"):
            latin = "al-" + latin[2:]
        words.append(latin.capitalize() if not latin.startswith("al-") else latin)
    return " ".join(w for w in words if w)


@lru_cache(maxsize=4096)
def romanise(name: str) -> str:
    """A readable Latin form of an Arabic name (for ``rdfs:label @en``).

    Examples
    --------
    >>> romanise("ماهر الشرع")  # doctest: +SKIP
    'Maher al-Sharaa'
    """
    if not name.strip():
        return ""
    if not any("\u0600" <= ch <= "\u06ff" for ch in name):
        return name.strip()
    if _package() is not None:
        parts = [_romanise_unit(unit) for unit in _name_units(name)]
        if all(parts):
            return " ".join(parts)
    return _letter_romanise(name)


_LINKS = frozenset({"عبد", "بن", "بنت", "ابن", "أبو", "ابو", "أبي", "آل", "أم", "ولد"})


def _name_units(name: str) -> list[str]:
    """Words of a name grouped as the romaniser knows them (عبد الرحمن، بن فرحان، بن عبد الله).

    Notes
    -----
    The romaniser costs about 0.1 s per unseen full name but a few milliseconds per known word:
    romanising units, each cached, keeps a 100k-article build from spending hours here.
    """
    words = name.split()
    units: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in _LINKS and i + 1 < len(words):
            take = 3 if words[i] != "عبد" and words[i + 1] == "عبد" and i + 2 < len(words) else 2
            units.append(" ".join(words[i:i + take]))
            i += take
        else:
            units.append(words[i])
            i += 1
    return units


@lru_cache(maxsize=200_000)
def _romanise_unit(unit: str) -> str:
    fn = _package()
    try:
        out = fn(unit) if fn is not None else ""
        if isinstance(out, str) and out.strip():
            return out.strip()
    except Exception as exc:  # noqa: BLE001 - a third-party model failure must not stop a build
        log.warning("romaniser failed on %r: %s", unit, exc)
    return _letter_romanise(unit)


def slug_ascii(name: str) -> str:
    """A stable lowercase ASCII slug of a name from the letter table (for person keys)."""
    return _NON_ALNUM.sub("-", _letter_romanise(name).lower()).strip("-")
