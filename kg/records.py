"""Plain data types that cross stage boundaries.

Data flows one way: ingest -> nlp -> resolve -> rdf -> store -> outputs. Each stage takes and
returns only these frozen dataclasses (never a spaCy ``Doc`` or an rdflib ``Graph``), so a stage can
be tested alone and replaced.

Notes
-----
Character offsets (``start``/``end``) always point into ``Article.text``, the cleaned text that is
also written to the output, so that evidence can be checked against it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "EVENT_TYPES",
    "ROLE_IDS",
    "Article",
    "EntityRef",
    "Event",
    "Evidence",
    "Extraction",
    "Mention",
    "Person",
    "PersonRef",
    "Post",
    "Problem",
    "ResolvedArticle",
]

#: Role vocabulary (ids of the SKOS concept scheme in ontologies/roles.ttl).
ROLE_IDS: tuple[str, ...] = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_foreign_minister",
    "defense_minister",
    "health_minister",
    "minister",
    "deputy_prime_minister",
    "special_envoy",
    "head_of_presidential_office",
    "intelligence_chief",
    "ambassador",
    "spokesperson",
    "secretary_general",
    "crown_prince",
    "official",
)

#: Event types and the ontology class each maps to.
EVENT_TYPES: dict[str, str] = {
    "meeting": "Meeting",
    "phone_call": "PhoneCall",
    "visit": "Visit",
    "press_conference": "PressConference",
    "summit": "Summit",
}


@dataclass(frozen=True)
class Problem:
    """A bad input: the file (and line, for JSON lines) and a message a person can act on."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Article:
    """One cleaned article, the output of ingest.

    ``id`` is the article's ``dct:identifier`` (its file name, or the ``id`` of a JSON line).
    ``published`` is an ISO date ``YYYY-MM-DD`` when known.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    lang: str = "ar"
    source: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A sentence (or span) of ``Article.text`` that states a fact."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A span of ``Article.text`` with a label (PERSON, ORG, PLACE, DATE, TITLE, POST)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class PersonRef:
    """A person within one article, after in-article coreference.

    ``id`` is local to the article (``p1``, ``p2``...). ``name`` is the fullest Arabic form, with
    titles and clitics removed. ``unnamed`` marks a person known only by a post
    (``الرئيس السوري``), whose ``name`` is then that description.
    """

    id: str
    name: str
    forms: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    country: str | None = None
    unnamed: bool = False


@dataclass(frozen=True)
class EntityRef:
    """A state, organisation or place mentioned in an article (from the gazetteers).

    ``kind`` is one of ``country``, ``city``, ``region``, ``building``, ``organization``,
    ``ministry``, ``agency``. ``country`` is the key of the state it belongs to, if any.
    """

    key: str
    kind: str
    name_ar: str
    name_en: str
    forms: tuple[str, ...] = ()
    country: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Post:
    """A person holding a post: ``role`` is a role id, ``of`` the key of the state or organisation.

    ``qualifier`` distinguishes ``acting``, ``former``, ``designate`` holders from current ones.
    ``start``/``end`` (ISO dates) are the tenure when resolution knows it from the reference KB.
    """

    person: str
    role: str
    of: str
    evidence: Evidence
    text: str = ""
    qualifier: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Event:
    """A meeting, call, visit, press conference or summit between officials.

    ``participants`` and ``attendees`` are ``PersonRef.id`` values. ``date`` is ``YYYY-MM-DD`` or
    ``--MM-DD`` when stated; ``date_text`` keeps the original words. ``inferred_date`` and
    ``inferred_place`` hold values the text does not state (kept out of schema:startDate and
    schema:location by the contract).
    """

    type: str
    participants: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    attendees: tuple[str, ...] = ()
    host: str | None = None
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    status: str = "occurred"
    trigger: str = ""
    inferred_place: str | None = None
    inferred_date: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the NLP stage found in one article."""

    article: Article
    persons: tuple[PersonRef, ...] = ()
    entities: tuple[EntityRef, ...] = ()
    posts: tuple[Post, ...] = ()
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A resolved person: one node per real person across articles.

    ``key`` is stable across runs and articles (a KB id, else a key from the normalised name and
    country) and is what the person's IRI is minted from.
    """

    key: str
    label_ar: str
    label_en: str
    alt_labels: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    in_kb: bool = False


@dataclass(frozen=True)
class ResolvedArticle:
    """An extraction whose local persons are mapped to resolved persons.

    ``persons`` maps each ``PersonRef.id`` to a :class:`Person`; ``notes`` records merges and
    non-merges with their reasons (they go to the build report).
    """

    extraction: Extraction
    persons: dict[str, Person] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    inferred_period: tuple[str, str] | None = None
    period_basis: str | None = None
