"""The RDF mapping: one resolved article -> the N-Quads lines of its named graph.

Notes
-----
The mapping follows the RDF contract of DESIGN.md exactly: the article's IRI names its graph,
every triple of the article goes into that graph (none into the default graph), and every IRI is
minted by :class:`kg.rdf.iris.IriMinter` from stable keys, so graphs built separately merge by plain
union and a rebuild is byte-identical. Lines are formatted by :mod:`kg.rdf.terms` rather than by an
rdflib serialiser, which is too slow for a hundred thousand articles.

Evidence uses the W3C Web Annotation model without blank nodes: the target and its two selectors
get IRIs derived from the annotation's IRI (``<annotation>/target``, ``/quote``, ``/position``).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import ONTOLOGY_DIR
from kg.rdf.iris import IriMinter
from kg.rdf.namespaces import (
    DCT,
    KG,
    OA,
    ONTOLOGY_GRAPH,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    ROLE_NS,
    SCHEMA,
    SKOS,
    TIME,
    WD,
    XSD,
)
from kg.rdf.terms import iri, is_valid_http_iri, lang_literal, literal, quad, typed_literal
from kg.records import EVENT_TYPES, ROLE_IDS, EntityRef, Event, Evidence, Person, Post, ResolvedArticle

__all__ = ["ONTOLOGY_FILES", "ArticleGraph", "event_type_labels", "map_article", "ontology_graph"]


log = logging.getLogger(__name__)

#: The ontology files that make up the ontology graph (shapes.ttl is for validation only).
ONTOLOGY_FILES: tuple[str, ...] = ("kg.ttl", "roles.ttl")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^--\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_QID = re.compile(r"^Q\d+$")

# Formatted predicate and class terms, computed once (the mapping runs per article).
_U_DCT_identifier = str(DCT.identifier)
_U_KG_Ministry = str(KG.Ministry)
_U_OA_Annotation = str(OA.Annotation)
_U_OA_SpecificResource = str(OA.SpecificResource)
_U_OA_TextPositionSelector = str(OA.TextPositionSelector)
_U_OA_TextQuoteSelector = str(OA.TextQuoteSelector)
_U_ORG_Membership = str(ORG.Membership)
_U_ORG_Organization = str(ORG.Organization)
_U_SCHEMA_AdministrativeArea = str(SCHEMA.AdministrativeArea)
_U_SCHEMA_City = str(SCHEMA.City)
_U_SCHEMA_Country = str(SCHEMA.Country)
_U_SCHEMA_Event = str(SCHEMA.Event)
_U_SCHEMA_EventCancelled = str(SCHEMA.EventCancelled)
_U_SCHEMA_EventPostponed = str(SCHEMA.EventPostponed)
_U_SCHEMA_EventScheduled = str(SCHEMA.EventScheduled)
_U_SCHEMA_GovernmentOrganization = str(SCHEMA.GovernmentOrganization)
_U_SCHEMA_LandmarksOrHistoricalBuildings = str(SCHEMA.LandmarksOrHistoricalBuildings)
_U_SCHEMA_NewsArticle = str(SCHEMA.NewsArticle)
_U_SCHEMA_Organization = str(SCHEMA.Organization)
_U_SCHEMA_Person = str(SCHEMA.Person)
_U_SCHEMA_Place = str(SCHEMA.Place)
_U_TIME_Instant = str(TIME.Instant)
_U_TIME_Interval = str(TIME.Interval)
_U_XSD_date = str(XSD.date)
_U_XSD_gMonthDay = str(XSD.gMonthDay)
_U_XSD_nonNegativeInteger = str(XSD.nonNegativeInteger)
_U_XSD_string = str(XSD.string)
_DCT_identifier = iri(_U_DCT_identifier)
_KG_cleanedText = iri(str(KG.cleanedText))
_KG_dateText = iri(str(KG.dateText))
_KG_evidence = iri(str(KG.evidence))
_KG_inferenceBasis = iri(str(KG.inferenceBasis))
_KG_inferredDate = iri(str(KG.inferredDate))
_KG_inferredPeriodEnd = iri(str(KG.inferredPeriodEnd))
_KG_inferredPeriodStart = iri(str(KG.inferredPeriodStart))
_KG_inferredPlace = iri(str(KG.inferredPlace))
_KG_nationality = iri(str(KG.nationality))
_KG_participant = iri(str(KG.participant))
_KG_postText = iri(str(KG.postText))
_KG_qualifier = iri(str(KG.qualifier))
# Posts the article says are no longer held: GOLD_FORMAT annotates posts held (acting holders
# yes, former ones no), so they are kept for resolution but written as no org:Membership.
_NOT_HELD = frozenset({"former", "late"})
_KG_trigger = iri(str(KG.trigger))
_OA_describing = iri(str(OA.describing))
_OA_end = iri(str(OA.end))
_OA_exact = iri(str(OA.exact))
_OA_hasBody = iri(str(OA.hasBody))
_OA_hasSelector = iri(str(OA.hasSelector))
_OA_hasSource = iri(str(OA.hasSource))
_OA_hasTarget = iri(str(OA.hasTarget))
_OA_motivatedBy = iri(str(OA.motivatedBy))
_OA_start = iri(str(OA.start))
_ORG_member = iri(str(ORG.member))
_ORG_memberDuring = iri(str(ORG.memberDuring))
_ORG_organization = iri(str(ORG.organization))
_ORG_role = iri(str(ORG.role))
_ORG_subOrganizationOf = iri(str(ORG.subOrganizationOf))
_OWL_sameAs = iri(str(OWL.sameAs))
_PROV_wasDerivedFrom = iri(str(PROV.wasDerivedFrom))
_RDF_type = iri(str(RDF.type))
_RDFS_label = iri(str(RDFS.label))
_SCHEMA_attendee = iri(str(SCHEMA.attendee))
_SCHEMA_containedInPlace = iri(str(SCHEMA.containedInPlace))
_SCHEMA_datePublished = iri(str(SCHEMA.datePublished))
_SCHEMA_eventStatus = iri(str(SCHEMA.eventStatus))
_SCHEMA_headline = iri(str(SCHEMA.headline))
_SCHEMA_inLanguage = iri(str(SCHEMA.inLanguage))
_SCHEMA_location = iri(str(SCHEMA.location))
_SCHEMA_mentions = iri(str(SCHEMA.mentions))
_SCHEMA_name = iri(str(SCHEMA.name))
_SCHEMA_organizer = iri(str(SCHEMA.organizer))
_SCHEMA_publisher = iri(str(SCHEMA.publisher))
_SCHEMA_startDate = iri(str(SCHEMA.startDate))
_SCHEMA_url = iri(str(SCHEMA.url))
_SKOS_altLabel = iri(str(SKOS.altLabel))
_TIME_inXSDDate = iri(str(TIME.inXSDDate))
_TIME_inXSDgYearMonth = iri(str(TIME.inXSDgYearMonth))
_TIME_inXSDgYear = iri(str(TIME.inXSDgYear))
_U_XSD_gYearMonth = str(XSD.gYearMonth)
_U_XSD_gYear = str(XSD.gYear)
_A = _RDF_type
_LABEL = _RDFS_label
_ALT = _SKOS_altLabel
_SAME = _OWL_sameAs
_DERIVED = _PROV_wasDerivedFrom
_EVIDENCE = _KG_evidence

_PLACE_CLASSES: dict[str, tuple[str, ...]] = {
    "city": (_U_SCHEMA_Place, _U_SCHEMA_City),
    "building": (_U_SCHEMA_Place, _U_SCHEMA_LandmarksOrHistoricalBuildings),
    "region": (_U_SCHEMA_Place, _U_SCHEMA_AdministrativeArea),
}
_ORG_CLASSES: dict[str, tuple[str, ...]] = {
    "country": (_U_SCHEMA_Country, _U_ORG_Organization),
    "organization": (_U_ORG_Organization,),
    "ministry": (_U_ORG_Organization, _U_SCHEMA_GovernmentOrganization, _U_KG_Ministry),
    "agency": (_U_ORG_Organization, _U_SCHEMA_GovernmentOrganization),
}
_STATUS: dict[str, str] = {
    "planned": _U_SCHEMA_EventScheduled,
    "cancelled": _U_SCHEMA_EventCancelled,
    "postponed": _U_SCHEMA_EventPostponed,
}


@dataclass(frozen=True)
class ArticleGraph:
    """The named graph of one article as sorted, unique N-Quads lines.

    ``iri`` is the article's IRI, which is also the graph name of every line. ``counts`` holds
    ``persons``, ``entities``, ``posts``, ``events`` and ``triples`` (the number of lines).
    """

    iri: str
    nquads: tuple[str, ...]
    counts: dict[str, int]


class _Lines:
    """Collects the lines of one graph; sorting and de-duplication happen once at the end."""

    def __init__(self, graph: str) -> None:
        self.g = iri(graph)
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.add(quad(s, p, o, self.g))

    def typed(self, s: str, *classes: str) -> None:
        for c in classes:
            self.add(s, _A, iri(c))

    def labels(self, s: str, ar: str, en: str, others: tuple[str, ...] | list[str] = ()) -> None:
        """rdfs:label @ar (the fullest form) and @en, and every other form as skos:altLabel @ar."""
        if ar:
            self.add(s, _LABEL, lang_literal(ar, "ar"))
        if en:
            self.add(s, _LABEL, lang_literal(en, "en"))
        for form in sorted(set(others)):
            if form and form != ar:
                self.add(s, _ALT, lang_literal(form, "ar"))

    def same_as(self, s: str, wikidata: str | None) -> None:
        if not wikidata:
            return
        value = wikidata.strip()
        if _QID.match(value):
            self.add(s, _SAME, iri(str(WD[value])))
        elif is_valid_http_iri(value):
            self.add(s, _SAME, iri(value))
        else:
            log.warning("ignoring malformed Wikidata id %r", wikidata)

    def date(self, s: str, p: str, value: str) -> bool:
        """A date as xsd:date (YYYY-MM-DD) or xsd:gMonthDay (--MM-DD); False for any other form."""
        if _DATE.match(value):
            self.add(s, p, typed_literal(value, _U_XSD_date))
        elif _MONTH_DAY.match(value):
            self.add(s, p, typed_literal(value, _U_XSD_gMonthDay))
        else:
            return False
        return True

    def result(self, counts: dict[str, int]) -> tuple[tuple[str, ...], dict[str, int]]:
        lines = tuple(sorted(self.lines))
        return lines, {**counts, "triples": len(lines)}


@lru_cache(maxsize=1)
def _ontology() -> object:
    import rdflib

    graph = rdflib.Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(Path(ONTOLOGY_DIR) / name, format="turtle")
    return graph


def event_type_labels() -> dict[str, dict[str, str]]:
    """``{event type: {"ar": label, "en": label}}`` read from the classes of ontologies/kg.ttl.

    Notes
    -----
    The Arabic names of event types (اجتماع، اتصال هاتفي...) are language data: they live once, as
    the ``rdfs:label`` of the class in the ontology, and the generated event labels reuse them.
    """
    return dict(_event_type_labels())


@lru_cache(maxsize=1)
def _event_type_labels() -> tuple[tuple[str, dict[str, str]], ...]:
    from rdflib import URIRef

    graph = _ontology()
    out = []
    for etype, cls in sorted(EVENT_TYPES.items()):
        labels = {"ar": cls, "en": cls}
        for lit in graph.objects(URIRef(str(KG[cls])), RDFS.label):  # type: ignore[attr-defined]
            if lit.language in ("ar", "en"):
                labels[lit.language] = str(lit)
        out.append((etype, labels))
    return tuple(out)


@lru_cache(maxsize=1)
def ontology_graph() -> ArticleGraph:
    """kg.ttl and roles.ttl as one named graph, ``ONTOLOGY_GRAPH``.

    Notes
    -----
    The ontology travels with the data so that a store holding only the dataset files can still
    show role labels (وزير الخارجية / foreign minister) and the class hierarchy, and so that the
    SHACL check "the role is in the scheme" can run on the dataset alone.
    """
    from rdflib import BNode, Literal, URIRef

    def term(t: object) -> str:
        if isinstance(t, URIRef):
            return iri(str(t))
        if isinstance(t, Literal):
            if t.language:
                return lang_literal(str(t), t.language)
            if t.datatype is not None and str(t.datatype) != _U_XSD_string:
                return typed_literal(str(t), str(t.datatype))
            return literal(str(t))
        if isinstance(t, BNode):
            raise TypeError("ontology files must not use blank nodes (output must be deterministic)")
        raise TypeError(f"unexpected term {t!r}")

    lines = _Lines(str(ONTOLOGY_GRAPH))
    for s, p, o in _ontology():  # type: ignore[attr-defined]
        lines.add(term(s), term(p), term(o))
    nquads, counts = lines.result({"persons": 0, "entities": 0, "posts": 0, "events": 0})
    return ArticleGraph(str(ONTOLOGY_GRAPH), nquads, counts)


class _ArticleMapper:
    """Maps one resolved article; one instance per call of :func:`map_article`."""

    def __init__(self, resolved: ResolvedArticle, minter: IriMinter) -> None:
        self.r = resolved
        self.x = resolved.extraction
        self.art = self.x.article
        self.m = minter
        self.article_iri = str(minter.article(self.art.id))
        self.a = iri(self.article_iri)
        self.out = _Lines(self.article_iri)
        self.entities: dict[str, EntityRef] = {}
        for ent in self.x.entities:
            self.entities.setdefault(ent.key, ent)
        self.emitted_entities: set[str] = set()
        self.people: dict[str, Person] = {}
        self.person_iris: set[str] = set()
        self._person_iri: dict[str, str] = {}
        self.posts = 0
        self.events = 0
        self.event_iris: set[str] = set()

    # ------------------------------------------------------------------ article
    def article(self) -> None:
        art, a, out = self.art, self.a, self.out
        out.typed(a, _U_SCHEMA_NewsArticle)
        out.add(a, _DCT_identifier, literal(art.id))
        if art.title:
            out.add(a, _SCHEMA_headline, lang_literal(art.title, art.lang or "ar"))
        if art.published:
            if _DATE.match(art.published):
                out.add(a, _SCHEMA_datePublished, typed_literal(art.published, _U_XSD_date))
            else:
                log.warning("%s: publication date %r is not YYYY-MM-DD; left out", art.id, art.published)
        if art.publisher:
            pub = iri(str(self.m.publisher(art.publisher)))
            out.add(a, _SCHEMA_publisher, pub)
            out.typed(pub, _U_SCHEMA_Organization)
            out.add(pub, _SCHEMA_name, literal(art.publisher))
        if art.url:
            url = art.url.strip()
            out.add(a, _SCHEMA_url, iri(url) if is_valid_http_iri(url) else literal(url))
        out.add(a, _SCHEMA_inLanguage, literal(art.lang or "ar"))
        out.add(a, _KG_cleanedText, literal(art.text))
        if self.r.inferred_period:
            start, end = self.r.inferred_period
            out.date(a, _KG_inferredPeriodStart, start)
            out.date(a, _KG_inferredPeriodEnd, end)
            if self.r.period_basis:
                out.add(a, _KG_inferenceBasis, literal(self.r.period_basis))

    # ------------------------------------------------------------------ persons
    def person(self, ref_id: str) -> Person:
        """The resolved person of a local id; an unresolved one gets an article-local key."""
        if ref_id not in self.people:
            person = self.r.persons.get(ref_id)
            if person is None:
                ref = next((p for p in self.x.persons if p.id == ref_id), None)
                name = ref.name if ref is not None else ref_id
                log.warning("%s: person %s (%s) was not resolved; minting an article-local node",
                            self.art.id, ref_id, name)
                person = Person(key=f"unresolved_{self.art.id}_{ref_id}", label_ar=name, label_en="",
                                country=ref.country if ref is not None else None)
            self.people[ref_id] = person
        return self.people[ref_id]

    def person_iri(self, ref_id: str) -> str:
        node = self._person_iri.get(ref_id)
        if node is None:
            node = self._person_iri[ref_id] = iri(str(self.m.person(self.person(ref_id).key)))
        return node

    def persons(self) -> None:
        refs = {p.id: p for p in self.x.persons}
        for ref_id in sorted(set(refs) | set(self.r.persons)):
            person = self.person(ref_id)
            ref = refs.get(ref_id)
            s = self.person_iri(ref_id)
            self.person_iris.add(s)
            self.out.typed(s, _U_SCHEMA_Person)
            forms = list(person.alt_labels) + (list(ref.forms) + [ref.name] if ref is not None else [])
            self.out.labels(s, person.label_ar, person.label_en, forms)
            self.out.same_as(s, person.wikidata)
            country = person.country or (ref.country if ref is not None else None)
            if country:
                self.out.add(s, _KG_nationality, self.entity_node(country, "country"))
            if ref is not None:
                self.out.add(self.a, _SCHEMA_mentions, s)

    # ------------------------------------------------------------------ entities
    def entity_node(self, key: str, default_kind: str) -> str:
        """The IRI of an entity key, emitting its node (types, labels, parent state) once."""
        ent = self.entities.get(key)
        kind = ent.kind if ent is not None else default_kind
        node = iri(str(self.m.entity(kind, key)))
        if key in self.emitted_entities:
            return node
        self.emitted_entities.add(key)
        out = self.out
        if ent is None:
            log.debug("%s: entity %r is not among the extraction's entities; assuming a %s",
                      self.art.id, key, kind)
        out.typed(node, *(_ORG_CLASSES.get(kind) or _PLACE_CLASSES.get(kind) or (_U_SCHEMA_Place,)))
        if ent is None:
            return node
        out.labels(node, ent.name_ar, ent.name_en, ent.forms)
        out.same_as(node, ent.wikidata)
        if ent.country and ent.country != key:
            state = self.entity_node(ent.country, "country")
            if kind in _ORG_CLASSES and kind != "country":
                out.add(node, _ORG_subOrganizationOf, state)
            elif kind not in _ORG_CLASSES:
                out.add(node, _SCHEMA_containedInPlace, state)
        return node

    def entities_(self) -> None:
        for key in sorted(self.entities):
            node = self.entity_node(key, self.entities[key].kind)
            self.out.add(self.a, _SCHEMA_mentions, node)

    # ------------------------------------------------------------------ evidence
    def evidence(self, target: str, target_iri: str, ev: Evidence) -> None:
        """kg:evidence on the fact, and an oa:Annotation whose selectors point into the text."""
        out = self.out
        quote = ev.text
        if self.art.text[ev.start:ev.end] != quote:
            log.warning("%s: evidence offsets %d-%d do not slice the cleaned text back to its quote",
                        self.art.id, ev.start, ev.end)
        out.add(target, _EVIDENCE, lang_literal(quote, self.art.lang or "ar"))
        ann_ref = self.m.annotation(self.art.id, target_iri, ev.start, ev.end)
        ann = iri(str(ann_ref))
        tgt = iri(str(self.m.selector(ann_ref, "target")))
        quote_sel = iri(str(self.m.selector(ann_ref, "quote")))
        pos_sel = iri(str(self.m.selector(ann_ref, "position")))
        out.typed(ann, _U_OA_Annotation)
        out.add(ann, _OA_motivatedBy, _OA_describing)
        out.add(ann, _OA_hasBody, target)
        out.add(ann, _OA_hasTarget, tgt)
        out.typed(tgt, _U_OA_SpecificResource)
        out.add(tgt, _OA_hasSource, self.a)
        out.add(tgt, _OA_hasSelector, quote_sel)
        out.add(tgt, _OA_hasSelector, pos_sel)
        out.typed(quote_sel, _U_OA_TextQuoteSelector)
        out.add(quote_sel, _OA_exact, literal(quote))
        out.typed(pos_sel, _U_OA_TextPositionSelector)
        out.add(pos_sel, _OA_start, typed_literal(str(ev.start), _U_XSD_nonNegativeInteger))
        out.add(pos_sel, _OA_end, typed_literal(str(ev.end), _U_XSD_nonNegativeInteger))

    # ------------------------------------------------------------------ posts
    def post(self, post: Post) -> None:
        out = self.out
        person = self.person(post.person)
        role = post.role
        if role not in ROLE_IDS:
            log.warning("%s: role %r is not in the role vocabulary; mapped to 'official'", self.art.id, role)
            role = "official"
        ms_ref = self.m.membership(person.key, role, post.of, post.qualifier)
        ms = iri(str(ms_ref))
        out.typed(ms, _U_ORG_Membership)
        out.add(ms, _ORG_member, self.person_iri(post.person))
        out.add(ms, _ORG_organization, self.entity_node(post.of, "country"))
        out.add(ms, _ORG_role, iri(ROLE_NS + role))
        if post.start or post.end:
            period_ref = self.m.interval(ms_ref)
            period = iri(str(period_ref))
            out.typed(period, _U_TIME_Interval)
            out.add(ms, _ORG_memberDuring, period)
            for which, value, prop in (("start", post.start, TIME.hasBeginning), ("end", post.end, TIME.hasEnd)):
                if not value:
                    continue
                instant = iri(str(self.m.instant(period_ref, which)))
                out.typed(instant, _U_TIME_Instant)
                out.add(period, iri(str(prop)), instant)
                if _DATE.match(value):
                    out.add(instant, _TIME_inXSDDate, typed_literal(value, _U_XSD_date))
                elif _YEAR_MONTH.match(value):
                    out.add(instant, _TIME_inXSDgYearMonth, typed_literal(value, _U_XSD_gYearMonth))
                elif _YEAR.match(value):
                    out.add(instant, _TIME_inXSDgYear, typed_literal(value, _U_XSD_gYear))
                else:
                    log.warning("%s: tenure %s %r is not YYYY-MM-DD, YYYY-MM or YYYY", self.art.id, which, value)
        if post.qualifier:
            out.add(ms, _KG_qualifier, literal(post.qualifier))
        if post.text:
            out.add(ms, _KG_postText, lang_literal(post.text, self.art.lang or "ar"))
        out.add(ms, _DERIVED, self.a)
        self.evidence(ms, str(ms_ref), post.evidence)
        self.posts += 1

    # ------------------------------------------------------------------ events
    def event(self, event: Event) -> None:
        out = self.out
        cls = EVENT_TYPES.get(event.type)
        if cls is None:
            log.warning("%s: unknown event type %r; event left out", self.art.id, event.type)
            return
        keys = sorted(self.person(p).key for p in event.participants)
        start = str(event.evidence[0].start) if event.evidence else ""
        ev_ref = self.m.event(self.art.id, event.type, *keys, event.date or "", start)
        if str(ev_ref) in self.event_iris:
            # the legs of a tour told in one sentence (جولة تشمل ناميبيا وتشاد): one node per place
            ev_ref = self.m.event(self.art.id, event.type, *keys, event.date or "", start, event.place or "")
        self.event_iris.add(str(ev_ref))
        ev = iri(str(ev_ref))
        out.typed(ev, str(KG[cls]), _U_SCHEMA_Event)
        for p in event.participants:
            node = self.person_iri(p)
            out.add(ev, _KG_participant, node)
            out.add(ev, _SCHEMA_attendee, node)
        for p in event.attendees:
            out.add(ev, _SCHEMA_attendee, self.person_iri(p))
        if event.host:
            host = self.person_iri(event.host) if (event.host in self.r.persons or any(
                p.id == event.host for p in self.x.persons)) else self.entity_node(event.host, "country")
            out.add(ev, _SCHEMA_organizer, host)
        if event.place:
            out.add(ev, _SCHEMA_location, self.entity_node(event.place, "city"))
        if event.date and not out.date(ev, _SCHEMA_startDate, event.date):
            log.warning("%s: event date %r is neither YYYY-MM-DD nor --MM-DD; kept as text only",
                        self.art.id, event.date)
        if event.date_text:
            out.add(ev, _KG_dateText, lang_literal(event.date_text, self.art.lang or "ar"))
        status = _STATUS.get(event.status)
        if status:
            out.add(ev, _SCHEMA_eventStatus, iri(status))
        basis = []
        if event.inferred_date and out.date(ev, _KG_inferredDate, event.inferred_date):
            basis.append("date not stated in the text: inferred from the publication date and the "
                         "relative date words")
        if event.inferred_place:
            out.add(ev, _KG_inferredPlace, self.entity_node(event.inferred_place, "city"))
            basis.append("place not stated in the text: inferred from the context of the article")
        if basis:
            out.add(ev, _KG_inferenceBasis, lang_literal("; ".join(basis), "en"))
        labels = event_type_labels()[event.type]
        people = [self.person(p) for p in event.participants]
        names_ar = "\u060c ".join(p.label_ar for p in people)
        names_en = ", ".join(p.label_en or p.label_ar for p in people)
        out.add(ev, _LABEL, lang_literal(f"{labels['ar']}: {names_ar}", "ar"))
        out.add(ev, _LABEL, lang_literal(f"{labels['en']}: {names_en}", "en"))
        if event.trigger:
            out.add(ev, _KG_trigger, lang_literal(event.trigger, self.art.lang or "ar"))
        out.add(ev, _DERIVED, self.a)
        for evidence in event.evidence:
            self.evidence(ev, str(ev_ref), evidence)
        self.events += 1

    def run(self) -> ArticleGraph:
        self.article()
        self.persons()
        self.entities_()
        for post in self.x.posts:
            if post.qualifier in _NOT_HELD:
                continue      # الوزير السابق، الرئيس الراحل: a post no longer held is not a membership
            self.post(post)
        for event in self.x.events:
            self.event(event)
        nquads, counts = self.out.result({
            "persons": len(self.person_iris), "entities": len(self.emitted_entities),
            "posts": self.posts, "events": self.events,
        })
        return ArticleGraph(self.article_iri, nquads, counts)


def map_article(resolved: ResolvedArticle, minter: IriMinter) -> ArticleGraph:
    """The named graph of one resolved article, as sorted unique N-Quads lines.

    Parameters
    ----------
    resolved
        The article's extraction with its persons resolved to stable keys.
    minter
        Mints every IRI under the configured base, so that the same entity gets the same IRI in
        every article and every run.

    Returns
    -------
    ArticleGraph
        ``iri`` is the article IRI (the graph name); ``counts`` has ``persons``, ``entities``,
        ``posts``, ``events`` and ``triples``.

    Notes
    -----
    Values the text does not state stay out of ``schema:startDate`` and ``schema:location``
    (the scorer treats them as wrong when the gold gives none): an inferred date or place goes to
    ``kg:inferredDate`` / ``kg:inferredPlace`` with ``kg:inferenceBasis``. Occurred events carry no
    ``schema:eventStatus``; planned ones carry ``schema:EventScheduled``.
    """
    return _ArticleMapper(resolved, minter).run()
