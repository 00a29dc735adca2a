"""Read a built dataset into a networkx graph of officials, the bodies they serve and their meetings.

The views, the analytics and the exports all start from :func:`load_network`, which asks the
dataset (``DIR/dataset.nq``) a handful of SPARQL queries over the RDF contract of DESIGN.md and
returns a :class:`Network`: a ``networkx.MultiDiGraph`` plus the posts, events and articles as
frozen records.

Notes
-----
The graph holds one node per person (``kind="person"``), state (``kind="country"``) and other
organisation (``kind="organization"``), and one edge per fact:

- ``kind="met"``: one edge per event and pair of principals (``kg:participant``; an event with
  none uses ``schema:attendee``), key = the event IRI, from the lower IRI to the higher one;
- ``kind="holds_post"``: person -> body, key = the ``org:Membership`` IRI;
- ``kind="part_of"``: ministry or agency -> its state (``org:subOrganizationOf``).

Node and edge attributes are plain strings and integers only, so that GraphML and GEXF keep
them unchanged; lists (the posts and events of a person) live in the records.
"""
from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.errors import OutputError
from kg.rdf.namespaces import KG_NS
from kg.store import Binding, DatasetStore, open_store, store_dir, store_matches

__all__ = [
    "EVENT_CLASSES",
    "ArticleInfo",
    "EntityInfo",
    "EventInfo",
    "Network",
    "PersonInfo",
    "PostInfo",
    "find_nodes",
    "load_network",
    "match_key",
    "network_from_store",
]

log = logging.getLogger(__name__)

#: Ontology class local name -> event type id (the ids of kg.records.EVENT_TYPES).
EVENT_CLASSES: dict[str, str] = {
    "Meeting": "meeting",
    "PhoneCall": "phone_call",
    "Visit": "visit",
    "PressConference": "press_conference",
    "Summit": "summit",
}

_PREFIXES = f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX kg: <{KG_NS}>
"""

_Q_PERSONS = _PREFIXES + """
SELECT DISTINCT ?p ?label ?alt ?nat WHERE {
  ?p a schema:Person .
  OPTIONAL { ?p rdfs:label ?label }
  OPTIONAL { ?p skos:altLabel ?alt }
  OPTIONAL { ?p kg:nationality ?nat }
}"""

_Q_BODIES = _PREFIXES + """
SELECT DISTINCT ?o ?type ?label ?parent WHERE {
  { ?o a org:Organization } UNION { ?o a schema:Country }
  ?o a ?type .
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o org:subOrganizationOf ?parent }
}"""

# One query per attribute, not one query with every attribute OPTIONAL: a membership stated in
# N articles has N texts and N evidence sentences, and one query would return their product
# (166k rows at 1k articles, growing with the square of the corpus).
_Q_POSTS = tuple(_PREFIXES + q for q in (
    "SELECT DISTINCT ?m ?p ?g WHERE { GRAPH ?g { ?m a org:Membership ; org:member ?p . } }",
    "SELECT DISTINCT ?m ?o WHERE { ?m a org:Membership ; org:organization ?o }",
    """SELECT DISTINCT ?m ?role ?rlabel WHERE { ?m a org:Membership ; org:role ?role .
                                            OPTIONAL { ?role skos:prefLabel|rdfs:label ?rlabel } }""",
    "SELECT DISTINCT ?m ?text WHERE { ?m a org:Membership ; kg:postText ?text }",
    "SELECT DISTINCT ?m ?qual WHERE { ?m a org:Membership ; kg:qualifier ?qual }",
    """SELECT DISTINCT ?m ?start WHERE { ?m a org:Membership ; org:memberDuring ?i .
                                      ?i time:hasBeginning ?b . ?b ?bp ?start . FILTER(isLiteral(?start)) }""",
    """SELECT DISTINCT ?m ?end WHERE { ?m a org:Membership ; org:memberDuring ?i .
                                    ?i time:hasEnd ?e . ?e ?ep ?end . FILTER(isLiteral(?end)) }""",
    """SELECT DISTINCT ?m ?ev WHERE { ?m a org:Membership .
                                   { ?m kg:evidence ?ev } UNION { ?ann oa:hasTarget ?m ; kg:evidence ?ev } }""",
))

_Q_EVENTS = _PREFIXES + """
SELECT DISTINCT ?e ?type ?place ?date ?dtext ?status ?g WHERE {
  GRAPH ?g { ?e a ?type . }
  FILTER(?type IN (kg:Meeting, kg:PhoneCall, kg:Visit, kg:PressConference, kg:Summit))
  OPTIONAL { ?e schema:location ?place }
  OPTIONAL { ?e schema:startDate ?date }
  OPTIONAL { ?e kg:dateText ?dtext }
  OPTIONAL { ?e schema:eventStatus ?status }
}"""

# people and evidence of events come in queries of their own: joined with the query above they
# would multiply its rows (participants x attendees x evidence) for every event
_Q_EVENT_PEOPLE = _PREFIXES + """
SELECT DISTINCT ?e ?role ?person WHERE {
  { ?e kg:participant ?person . BIND("part" AS ?role) }
  UNION { ?e schema:attendee ?person . BIND("att" AS ?role) }
}"""

_Q_EVIDENCE = _PREFIXES + """
SELECT DISTINCT ?x ?ev WHERE {
  { ?x kg:evidence ?ev } UNION { ?ann oa:hasTarget ?x ; kg:evidence ?ev }
}"""

_Q_PLACES = _PREFIXES + """
SELECT DISTINCT ?pl ?label WHERE {
  ?e schema:location ?pl .
  OPTIONAL { ?pl rdfs:label ?label }
}"""

_Q_ARTICLES = _PREFIXES + """
SELECT DISTINCT ?a ?id ?headline ?published ?url ?publisher WHERE {
  ?a a schema:NewsArticle .
  OPTIONAL { ?a dct:identifier ?id }
  OPTIONAL { ?a schema:headline ?headline }
  OPTIONAL { ?a schema:datePublished ?published }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:publisher ?pub . OPTIONAL { ?pub rdfs:label|schema:name ?pubname } }
  BIND(COALESCE(?pubname, ?pub) AS ?publisher)
}"""


@dataclass(frozen=True)
class PersonInfo:
    """A person node: IRI, Arabic and English labels, and the state they are an official of."""

    iri: str
    label_ar: str
    label_en: str
    country: str | None = None
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityInfo:
    """A state (``kind="country"``), another organisation, or a place."""

    iri: str
    kind: str
    label_ar: str
    label_en: str
    country: str | None = None


@dataclass(frozen=True)
class PostInfo:
    """A post held (an ``org:Membership``), with its tenure where known (ISO dates)."""

    iri: str
    person: str
    organization: str | None
    role: str
    role_ar: str
    role_en: str
    text: str = ""
    qualifier: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventInfo:
    """An event between officials.

    ``date`` is the lexical form of ``schema:startDate`` (``YYYY-MM-DD`` or ``--MM-DD``);
    ``status`` is ``planned`` for ``schema:EventScheduled`` and ``occurred`` otherwise.
    """

    iri: str
    type: str
    participants: tuple[str, ...]
    attendees: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    status: str = "occurred"
    evidence: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    @property
    def principals(self) -> tuple[str, ...]:
        """The participants, or the attendees when the event names no principal."""
        return self.participants or self.attendees

    @property
    def month(self) -> str | None:
        """``YYYY-MM`` when the year is known, else ``None``."""
        if self.date and len(self.date) >= 7 and self.date[:4].isdigit():
            return self.date[:7]
        return None


@dataclass(frozen=True)
class ArticleInfo:
    """A source article (the IRI is also the IRI of its named graph)."""

    iri: str
    identifier: str
    headline: str = ""
    published: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Network:
    """The dataset as a graph plus the records the views and analytics need.

    The dicts and tuples are sorted by IRI; ``graph`` is built in that order, so that the same
    dataset always gives the same graph, views and exports.
    """

    graph: nx.MultiDiGraph
    persons: dict[str, PersonInfo] = field(default_factory=dict)
    entities: dict[str, EntityInfo] = field(default_factory=dict)
    places: dict[str, EntityInfo] = field(default_factory=dict)
    posts: tuple[PostInfo, ...] = ()
    events: tuple[EventInfo, ...] = ()
    articles: dict[str, ArticleInfo] = field(default_factory=dict)

    @cached_property
    def _posts_by_person(self) -> dict[str, tuple[PostInfo, ...]]:
        out: dict[str, list[PostInfo]] = defaultdict(list)
        for p in self.posts:
            out[p.person].append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _events_by_person(self) -> dict[str, tuple[EventInfo, ...]]:
        out: dict[str, list[EventInfo]] = defaultdict(list)
        for e in self.events:
            for p in sorted(set(e.participants) | set(e.attendees)):
                out[p].append(e)
        return {k: tuple(v) for k, v in out.items()}

    def posts_of(self, person: str) -> tuple[PostInfo, ...]:
        """The posts a person holds (indexed once: views call this for every node)."""
        return self._posts_by_person.get(person, ())

    def events_of(self, person: str) -> tuple[EventInfo, ...]:
        """The events a person took part in or attended."""
        return self._events_by_person.get(person, ())

    def label(self, iri: str, lang: str = "ar") -> str:
        """The label of any node or place in one language, falling back to the other, then the IRI."""
        rec = self.persons.get(iri) or self.entities.get(iri) or self.places.get(iri)
        if rec is None:
            return _local_name(iri)
        first, second = (rec.label_ar, rec.label_en) if lang == "ar" else (rec.label_en, rec.label_ar)
        return first or second or _local_name(iri)


def _local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri


def _val(row: Binding, name: str) -> str | None:
    t = row.get(name)
    return t.value if t is not None else None


def _pick(values: set[str]) -> str:
    """The fullest label: longest first, then lexical order (deterministic across runs)."""
    return min(values, key=lambda v: (-len(v), v)) if values else ""


def _labels(rows: list[Binding], key: str, var: str = "label") -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        t = row.get(var)
        if t is None or row.get(key) is None:
            continue
        lang = (t.language or "").split("-")[0].lower() or "und"
        out[row[key].value][lang].add(t.value)
    return out


def match_key(text: str) -> str:
    """A key for matching names typed by a person: case, tashkeel, hamza forms and spaces ignored.

    Notes
    -----
    Compatibility decomposition splits ``أ`` ``إ`` ``آ`` into a bare alef and a combining mark, so
    removing the marks (Unicode category ``Mn``, which also covers tashkeel) makes ``أحمد`` and
    ``احمد`` one key without any list of letters in the code; tatweel (category ``Lm``) goes too.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if unicodedata.category(c) not in ("Mn", "Lm"))
    return " ".join("".join(kept).casefold().split())


def network_from_store(store: DatasetStore, union_default: bool = True) -> Network:
    """Build a :class:`Network` from an open store.

    Notes
    -----
    With ``union_default`` Oxigraph's default graph is the union of the named graphs, where a
    triple stated in N articles counts N times: a person named in many articles then multiplies
    the rows of every OPTIONAL join (N^k). Pass a store whose default graph already holds the
    de-duplicated union (``merged.ttl``, or the build's store) with ``union_default=False``.
    """
    u = union_default
    person_rows = store.select(_Q_PERSONS, union_default=u)
    body_rows = store.select(_Q_BODIES, union_default=u)
    post_rows = [row for q in _Q_POSTS for row in store.select(q, union_default=u)]
    event_rows = store.select(_Q_EVENTS, union_default=u)
    people_rows = store.select(_Q_EVENT_PEOPLE, union_default=u)
    evidence_rows = store.select(_Q_EVIDENCE, union_default=u)
    place_rows = store.select(_Q_PLACES, union_default=u)
    article_rows = store.select(_Q_ARTICLES, union_default=u)

    # states and other organisations
    body_labels = _labels(body_rows, "o")
    body_types: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    for row in body_rows:
        body_types[row["o"].value].add(_val(row, "type") or "")
        if (par := _val(row, "parent")) is not None:
            parents[row["o"].value].add(par)
    countries = {o for o, ts in body_types.items() if "http://schema.org/Country" in ts}
    entities: dict[str, EntityInfo] = {}
    for o in sorted(body_types):
        labels = body_labels.get(o, {})
        state = sorted(parents[o] & countries)
        entities[o] = EntityInfo(
            iri=o,
            kind="country" if o in countries else "organization",
            label_ar=_pick(labels.get("ar", set())),
            label_en=_pick(labels.get("en", set())) or _local_name(o),
            country=o if o in countries else (state[0] if state else None),
        )

    # posts
    post_acc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in post_rows:
        acc = post_acc[row["m"].value]
        for var in ("p", "o", "role", "text", "qual", "start", "end", "ev", "g"):
            if (v := _val(row, var)) is not None:
                acc[var].add(v)
        if (t := row.get("rlabel")) is not None:
            acc["rlabel_" + ((t.language or "en").split("-")[0])].add(t.value)
    posts: list[PostInfo] = []
    for m in sorted(post_acc):
        acc = post_acc[m]
        role = min(acc["role"]) if acc["role"] else ""
        role_id = _local_name(role) if role else ""
        posts.append(PostInfo(
            iri=m,
            person=min(acc["p"]),
            organization=min(acc["o"]) if acc["o"] else None,
            role=role_id,
            role_ar=_pick(acc["rlabel_ar"]),
            role_en=_pick(acc["rlabel_en"]) or role_id.replace("_", " "),
            text=_pick(acc["text"]),
            qualifier=min(acc["qual"]) if acc["qual"] else None,
            start=min(acc["start"]) if acc["start"] else None,
            end=max(acc["end"]) if acc["end"] else None,
            evidence=tuple(sorted(acc["ev"])),
            articles=tuple(sorted(acc["g"])),
        ))

    # persons
    person_labels = _labels(person_rows, "p")
    alt_labels = _labels(person_rows, "p", "alt")
    nationality: dict[str, set[str]] = defaultdict(set)
    person_iris: set[str] = set()
    for row in person_rows:
        person_iris.add(row["p"].value)
        if (nat := _val(row, "nat")) is not None:
            nationality[row["p"].value].add(nat)
    posts_by_person: dict[str, list[PostInfo]] = defaultdict(list)
    for post in posts:
        posts_by_person[post.person].append(post)
    persons: dict[str, PersonInfo] = {}
    for p in sorted(person_iris):
        labels = person_labels.get(p, {})
        country = min(nationality[p]) if nationality[p] else None
        if country is None:  # fall back to the state of a post held
            states = sorted(
                e.country for post in posts_by_person.get(p, ()) if post.organization
                for e in [entities.get(post.organization)] if e is not None and e.country
            )
            country = states[0] if states else None
        persons[p] = PersonInfo(
            iri=p,
            label_ar=_pick(labels.get("ar", set())),
            label_en=_pick(labels.get("en", set())) or _local_name(p),
            country=country,
            alt_labels=tuple(sorted(alt_labels.get(p, {}).get("ar", set()))),
        )
    for c in sorted({p.country for p in persons.values() if p.country} - set(entities)):
        entities[c] = EntityInfo(iri=c, kind="country", label_ar="", label_en=_local_name(c), country=c)
    entities = dict(sorted(entities.items()))

    # events
    ev_acc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in event_rows:
        acc = ev_acc[row["e"].value]
        for var in ("type", "place", "date", "dtext", "status", "g"):
            if (v := _val(row, var)) is not None:
                acc[var].add(v)
    for row in people_rows:
        if row["e"].value in ev_acc:
            ev_acc[row["e"].value][row["role"].value].add(row["person"].value)
    for row in evidence_rows:
        if row["x"].value in ev_acc:
            ev_acc[row["x"].value]["ev"].add(row["ev"].value)
    events: list[EventInfo] = []
    for e in sorted(ev_acc):
        acc = ev_acc[e]
        types = sorted(EVENT_CLASSES[_local_name(t)] for t in acc["type"])
        participants = tuple(sorted(acc["part"] & person_iris))
        attendees = tuple(sorted((acc["att"] & person_iris) - set(participants)))
        events.append(EventInfo(
            iri=e,
            type=types[0],
            participants=participants,
            attendees=attendees,
            place=min(acc["place"]) if acc["place"] else None,
            date=min(acc["date"]) if acc["date"] else None,
            date_text=_pick(acc["dtext"]) or None,
            status="planned" if any(s.endswith("EventScheduled") for s in acc["status"]) else "occurred",
            evidence=tuple(sorted(acc["ev"])),
            articles=tuple(sorted(acc["g"])),
        ))

    place_labels = _labels(place_rows, "pl")
    places = {
        pl: EntityInfo(iri=pl, kind="place", label_ar=_pick(place_labels.get(pl, {}).get("ar", set())),
                       label_en=_pick(place_labels.get(pl, {}).get("en", set())) or _local_name(pl))
        for pl in sorted({e.place for e in events if e.place})
    }

    art_acc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in article_rows:
        acc = art_acc[row["a"].value]
        for var in ("id", "headline", "published", "url", "publisher"):
            if (v := _val(row, var)) is not None:
                acc[var].add(v)
    articles = {
        a: ArticleInfo(
            iri=a,
            identifier=min(acc["id"]) if acc["id"] else _local_name(a),
            headline=_pick(acc["headline"]),
            published=min(acc["published"]) if acc["published"] else None,
            url=min(acc["url"]) if acc["url"] else None,
            publisher=min(acc["publisher"]) if acc["publisher"] else None,
        )
        for a, acc in sorted(art_acc.items())
    }

    graph = _build_graph(persons, entities, places, posts, events)
    log.info("network: %d persons, %d bodies, %d posts, %d events, %d articles",
             len(persons), len(entities), len(posts), len(events), len(articles))
    return Network(graph=graph, persons=persons, entities=entities, places=places,
                   posts=tuple(posts), events=tuple(events), articles=articles)


def _build_graph(persons: dict[str, PersonInfo], entities: dict[str, EntityInfo],
                 places: dict[str, EntityInfo], posts: list[PostInfo],
                 events: list[EventInfo]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    event_count: dict[str, int] = defaultdict(int)
    for ev in events:
        for p in set(ev.participants) | set(ev.attendees):
            event_count[p] += 1
    for p, info in persons.items():
        g.add_node(p, kind="person", label_ar=info.label_ar, label_en=info.label_en,
                   country=info.country or "", events=event_count[p])
    used: set[str] = {p.organization for p in posts if p.organization is not None}
    used |= {p.country for p in persons.values() if p.country is not None}
    used |= {c for o in used if o in entities for c in [entities[o].country] if c is not None}
    for o in sorted(used):
        ent = entities[o]
        g.add_node(o, kind=ent.kind, label_ar=ent.label_ar, label_en=ent.label_en,
                   country=ent.country or "", events=0)
    for ev in events:
        place = places.get(ev.place) if ev.place else None
        for u, v in combinations(sorted(ev.principals), 2):
            g.add_edge(u, v, key=ev.iri, kind="met", type=ev.type, status=ev.status,
                       date=ev.date or "", place=ev.place or "",
                       place_label=(place.label_ar or place.label_en) if place else "",
                       evidence=" | ".join(ev.evidence), articles=" ".join(ev.articles))
    for post in posts:
        if post.organization is None or post.person not in g:
            continue
        g.add_edge(post.person, post.organization, key=post.iri, kind="holds_post", role=post.role,
                   role_label=post.role_ar or post.role_en, start=post.start or "", end=post.end or "",
                   evidence=" | ".join(post.evidence), articles=" ".join(post.articles))
    for o in sorted(used):
        state = entities[o].country
        if state and state != o and state in g:
            g.add_edge(o, state, key=f"{o} part_of {state}", kind="part_of")
    return g


def load_network(out_dir: Path) -> Network:
    """Read ``out_dir/dataset.nq`` (as written by ``kg build``) into a :class:`Network`, from the
    folder's store when it holds that file.

    Raises
    ------
    OutputError
        When the folder holds no dataset: the message names the file that was looked for.
    """
    out_dir = Path(out_dir)
    if store_dir(out_dir).is_dir() and store_matches(out_dir, out_dir / "dataset.nq"):
        # the build's store: read from disk, where loading dataset.nq took gigabytes at scale
        return network_from_store(open_store(out_dir), union_default=False)
    merged = out_dir / "merged.ttl"
    for name in ("dataset.nq", "dataset.trig"):
        file = out_dir / name
        if file.is_file():
            store = DatasetStore.from_file(file)
            if merged.is_file():
                store.load_file(merged)      # the de-duplicated union as the default graph
                return network_from_store(store, union_default=False)
            return network_from_store(store)
    raise OutputError(f"{out_dir / 'dataset.nq'}: no dataset here (run `kg build` first)")


def find_nodes(network: Network, query: str, kind: str | None = None) -> list[str]:
    """Nodes whose IRI equals ``query`` or whose label (Arabic, English, other forms) matches it.

    Exact label matches win over substring matches; the result is sorted.
    """
    nodes = [(n, d) for n, d in network.graph.nodes(data=True) if kind is None or d["kind"] == kind]
    if any(n == query for n, _ in nodes):
        return [query]
    key = match_key(query)
    if not key:
        return []

    def names(n: str, d: dict[str, object]) -> list[str]:
        out = [str(d.get("label_ar", "")), str(d.get("label_en", "")), _local_name(n)]
        if n in network.persons:
            out += list(network.persons[n].alt_labels)
        return [match_key(x) for x in out if x]

    exact = sorted(n for n, d in nodes if key in names(n, d))
    if exact:
        return exact
    return sorted(n for n, d in nodes if any(key in x for x in names(n, d)))
