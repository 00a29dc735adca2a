"""The lexicon: every language resource the rules use, loaded once from data files.

Notes
-----
Phrases are keyed by their normalised words (see :mod:`kg.nlp.normalise`). Gazetteer phrases
(countries, adjectives, places, organisations, posts, titles, triggers, cues, months...) are
matched by a spaCy ``PhraseMatcher`` over ``Token.norm_``; clitics on the first word are covered
by adding each phrase once per clitic prefix (والروسي، بالكرملين، لرئيس، للأمم), which keeps
matching in C instead of a Python loop over prefixes.
"""
from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field

from babel import Locale

from kg.nlp.normalise import normalise
from kg.resources import RESOURCE_DIR, gazetteer, load

__all__ = ["Lexicon", "Phrase", "adopt_lexicon", "get_lexicon"]

log = logging.getLogger(__name__)

#: Arabic locales whose CLDR month names are in use in news (Gregorian, Levantine/Iraqi, Maghreb).
_MONTH_LOCALES = ("ar", "ar_EG", "ar_SA", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_PS", "ar_MA", "ar_TN", "ar_DZ")


@dataclass(frozen=True)
class Phrase:
    """A lexicon phrase: normalised words, a kind (COUNTRY, ADJ, POST...) and its payload."""

    words: tuple[str, ...]
    kind: str
    payload: str


@dataclass
class Lexicon:
    """All resources, as plain lookups. Built once per process by :func:`get_lexicon`."""

    phrases: list[Phrase] = field(default_factory=list)
    first_names: frozenset[str] = frozenset()
    ambiguous_names: frozenset[str] = frozenset()
    foreign_first_names: frozenset[str] = frozenset()
    known_names: frozenset[str] = frozenset()       # normalised full names from the reference KB
    known_surnames: frozenset[str] = frozenset()
    known_country: dict[str, str] = field(default_factory=dict)   # KB full name -> state
    known_surname_country: dict[str, str] = field(default_factory=dict)   # KB surname of one state -> state
    post_plural: set[str] = field(default_factory=set)   # dual and plural posts (الرئيسان، وزيرا الخارجية)
    stop_first_names: frozenset[str] = frozenset()   # first names that are also common words (علي / على)
    ordinals: frozenset[str] = frozenset()    # one-word ordinals (الثاني، السادس): regnal numbers of names
    stopwords: frozenset[str] = frozenset()
    connectors: dict[str, str] = field(default_factory=dict)
    countries: dict[str, gazetteer.Country] = field(default_factory=dict)
    places: dict[str, gazetteer.Place] = field(default_factory=dict)
    organizations: dict[str, gazetteer.Organization] = field(default_factory=dict)
    post_info: dict[str, tuple[str, str]] = field(default_factory=dict)   # pattern key -> (role, expects)
    post_state: dict[str, str] = field(default_factory=dict)   # pattern key -> fixed state
    trigger_info: dict[str, dict[str, str]] = field(default_factory=dict)
    relative: dict[str, tuple[str, int]] = field(default_factory=dict)
    state_agencies: frozenset[str] = frozenset()   # organisation keys of national news agencies
    region_governments: dict[str, str] = field(default_factory=dict)   # self-governing region -> its body
    compound_seconds: frozenset[str] = frozenset()   # second words of compound first names (نور الدين)
    known_roles: dict[str, frozenset[str]] = field(default_factory=dict)   # KB full name -> roles held


def _words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).replace("،", " ").split())


def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for loc in _MONTH_LOCALES:
        months = Locale.parse(loc).months["format"]["wide"]
        for num, name in months.items():
            out[normalise(name)] = int(num)
    for row in load("months_extra.tsv"):
        out[normalise(row["name"])] = int(row["month"])
    return out


def _weekdays() -> dict[str, int]:
    # babel: 0 = Monday ... 6 = Sunday, the same numbering as datetime.weekday().
    out: dict[str, int] = {}
    days = Locale.parse("ar").days["format"]["wide"]
    for num, name in days.items():
        key = normalise(name)
        out[key] = int(num)
        if key.startswith("ال"):
            out[key[2:]] = int(num)   # يوم الخميس / خميس
    return out


def _kb_names(titles: frozenset[str]) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Full names, surnames and states of the reference KB's officials (a names gazetteer).

    Titles at the start of a KB form (الأمير، الشيخ) are dropped: the title is matched on its own,
    and a name never includes it.
    """
    path = RESOURCE_DIR / "kb" / "persons.csv"
    names: set[str] = set()
    country_of: dict[str, set[str]] = {}
    if not path.is_file():
        return frozenset(), frozenset(), {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
            forms = [row.get("name_ar") or ""] + (row.get("variants_ar") or "").split("|")
            for form in forms:
                words = _words(form)
                while words:      # titles and posts of one to three words (الأمير، ولي العهد)
                    cut = next((n for n in (3, 2, 1) if " ".join(words[:n]) in titles), 0)
                    if not cut:
                        break
                    words = words[cut:]
                if len(words) >= 2:
                    key = " ".join(words)
                    names.add(key)
                    if row.get("country"):
                        country_of.setdefault(key, set()).add(row["country"])
    surnames = {n.split()[-1] for n in names if len(n.split()[-1]) >= 3}
    unique = {k: next(iter(v)) for k, v in country_of.items() if len(v) == 1}
    return frozenset(names), frozenset(surnames), unique


def _kb_roles(titles: frozenset[str]) -> dict[str, frozenset[str]]:
    """The roles each KB official's full names held (any date): a bare post (الوزير فلان) is
    read as the one the KB knows."""
    people, posts = RESOURCE_DIR / "kb" / "persons.csv", RESOURCE_DIR / "kb" / "posts.csv"
    if not people.is_file() or not posts.is_file():
        return {}
    roles: dict[str, set[str]] = {}
    with posts.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
            roles.setdefault(row["person_id"], set()).add(row["role"])
    out: dict[str, frozenset[str]] = {}
    with people.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
            held = frozenset(roles.get(row["id"], ()))
            for form in [row.get("name_ar") or ""] + (row.get("variants_ar") or "").split("|"):
                words = _words(form)
                while words and (cut := next((n for n in (3, 2, 1) if " ".join(words[:n]) in titles), 0)):
                    words = words[cut:]
                if words and held:
                    out[" ".join(words)] = held
    return out


def _surname_states(known_country: dict[str, str], lex: Lexicon) -> dict[str, str]:
    """Surnames of KB officials that belong to officials of one state only and are not first
    names, common words (surname_ambiguous.tsv) or the second half of a compound (عبد السلام):
    الرئيس أردوغان -> tr."""
    states: dict[str, set[str]] = {}
    for name, state in known_country.items():
        words = name.split()
        if len(words) >= 2 and len(words[-1]) >= 4 and lex.connectors.get(words[-2]) not in ("compound", "kunya"):
            states.setdefault(words[-1], set()).add(state)
    common = lex.first_names | lex.stopwords | lex.ambiguous_names | frozenset(
        normalise(w) for w in load_column_safe("surname_ambiguous.tsv", "word"))
    return {s: next(iter(v)) for s, v in states.items() if len(v) == 1 and s not in common}


def _build() -> Lexicon:
    lex = Lexicon()
    add = lex.phrases.append
    lex.countries = gazetteer.countries()
    lex.places = gazetteer.places()
    lex.organizations = gazetteer.organizations()
    for c in lex.countries.values():
        for name in c.names_ar:
            add(Phrase(_words(name), "COUNTRY", c.key))
        for adj in c.adjectives_ar:
            add(Phrase(_words(adj), "ADJ", c.key))
    for p in lex.places.values():
        for name in p.names_ar:
            add(Phrase(_words(name), "PLACE", p.key))
    for o in lex.organizations.values():
        for name in o.names_ar:
            add(Phrase(_words(name), "ORG", o.key))
    for row in load("posts.tsv"):
        key = " ".join(_words(row["pattern"]))
        lex.post_info[key] = (row["role"], row["expects"])
        if row.get("state"):
            lex.post_state[key] = row["state"]
        if row.get("number") in ("dual", "plural"):
            lex.post_plural.add(key)
        add(Phrase(_words(row["pattern"]), "POST", key))
    for row in load("titles.tsv"):
        add(Phrase(_words(row["title"]), "TITLE", row["kind"]))
    for row in load("triggers.tsv"):
        key = " ".join(_words(row["pattern"]))
        lex.trigger_info[key] = row
        add(Phrase(_words(row["pattern"]), "TRIGGER", key))
    for row in load("cues.tsv"):
        add(Phrase(_words(row["cue"]), "CUE", row["kind"]))
    for name, num in _months().items():
        add(Phrase(tuple(name.split()), "MONTH", str(num)))
    for name, num in _weekdays().items():
        add(Phrase((name,), "WEEKDAY", str(num)))
    for row in load("relative_dates.tsv"):
        key = " ".join(_words(row["word"]))
        lex.relative[key] = (row["unit"], int(row["offset"]))
        add(Phrase(_words(row["word"]), "RELDATE", key))
    lex.first_names = frozenset(normalise(n) for n in gazetteer.first_names())
    lex.foreign_first_names = frozenset(
        normalise(form) for e in gazetteer.first_name_entries() if e.foreign for form in (e.name,) + tuple(e.variants))
    lex.ambiguous_names = frozenset(normalise(w) for w in load_column_safe("name_ambiguous.tsv", "name"))
    lex.stopwords = frozenset(normalise(w) for w in load_column_safe("stopwords.tsv", "word"))
    lex.stop_first_names = lex.first_names & lex.stopwords
    lex.ordinals = frozenset(normalise(r["word"]) for r in load("ordinal_days.tsv")
                             if " " not in r["word"].strip() and int(r["day"]) <= 10)
    lex.connectors = {normalise(r["word"]): r["kind"] for r in load("name_connectors.tsv")}
    lex.state_agencies = frozenset(load_column_safe("state_agencies.tsv", "key"))
    lex.region_governments = {r["region"]: r["organization"] for r in load("region_governments.tsv")
                              if r["region"] in lex.places and r["organization"] in lex.organizations}
    lex.compound_seconds = frozenset(normalise(w) for w in load_column_safe("names/compound_second.tsv", "word"))
    titles = frozenset(" ".join(_words(r["title"])) for r in load("titles.tsv")) | frozenset(
        w for w in (" ".join(_words(r["pattern"])) for r in load("posts.tsv")) if w.count(" ") < 2)
    lex.known_names, lex.known_surnames, lex.known_country = _kb_names(titles)
    lex.known_roles = _kb_roles(titles)
    lex.known_surname_country = _surname_states(lex.known_country, lex)
    for name in sorted(lex.known_names):
        add(Phrase(tuple(name.split()), "KNOWN", name))
    log.debug("lexicon: %d phrases", len(lex.phrases))
    return lex


def load_column_safe(name: str, column: str) -> tuple[str, ...]:
    return tuple(row[column] for row in load(name) if row.get(column))


_LEXICON: list[Lexicon] = []


def get_lexicon() -> Lexicon:
    """The process-wide lexicon (resources are read once)."""
    if not _LEXICON:
        _LEXICON.append(_build())
    return _LEXICON[0]


def adopt_lexicon(lexicon: Lexicon) -> None:
    """Make ``lexicon``, built by another process from the same resources, this process's own
    (a standby worker gets it from its parent, see :mod:`kg.pipeline.run`)."""
    if not isinstance(lexicon, Lexicon):
        raise TypeError(f"not a lexicon: {type(lexicon).__name__}")
    _LEXICON[:] = [lexicon]
