"""The RDF mapping of one article: the contract of DESIGN.md on a hand-built resolved article.

``sample_resolved()`` is also imported by the other test files of the RDF area.
"""
from __future__ import annotations

import re

import pytest

import kg.rdf.namespaces as ns
from kg.rdf import ArticleGraph, IriMinter, map_article
from kg.rdf.namespaces import ROLE_NS
from kg.records import (
    Article,
    EntityRef,
    Event,
    Evidence,
    Extraction,
    Person,
    PersonRef,
    Post,
    ResolvedArticle,
)
from kg.store import DatasetStore

BASE = "https://w3id.org/kg-news/id/"

SENTENCES = (
    ("التقى وزير الخارجية الروسي سيرغي لافروف نظيره السوري أسعد الشيباني في موسكو يوم 31 يوليو 2025 "
     "بحضور السفير ألكسندر يفيموف."),
    "وأجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا مع الرئيس السوري أحمد الشرع في 12 أغسطس.",
    "ومن المقرر أن يزور الشيباني باريس الشهر المقبل.",
    "وعقد لافروف مؤتمرا صحفيا في الكرملين قال فيه: \"المحادثات بناءة\".",
    "وشارك الشرع في قمة جامعة الدول العربية.",
)
TEXT = "\n".join(SENTENCES)


def ev(i: int) -> Evidence:
    """The evidence of sentence ``i`` of TEXT, with its offsets."""
    start = TEXT.index(SENTENCES[i])
    return Evidence(SENTENCES[i], start, start + len(SENTENCES[i]))


def sample_resolved(article_id: str = "000_test.txt", **article_fields: object) -> ResolvedArticle:
    """An article with five persons, a ministry, posts and one event of each type."""
    fields: dict[str, object] = {"id": article_id, "text": TEXT, "title": "لافروف يلتقي الشيباني في موسكو",
                                 "url": "https://example.com/news/1", "published": "2025-08-01",
                                 "publisher": "example.com"}
    fields.update(article_fields)
    art = Article(**fields)  # type: ignore[arg-type]
    persons = (
        PersonRef("p1", "سيرغي لافروف", ("سيرغي لافروف", "لافروف"), country="russia"),
        PersonRef("p2", "أسعد الشيباني", ("أسعد الشيباني", "الشيباني"), country="syria"),
        PersonRef("p3", "إيمانويل ماكرون", ("إيمانويل ماكرون",), country="france"),
        PersonRef("p4", "أحمد الشرع", ("أحمد الشرع", "الشرع"), country="syria"),
        PersonRef("p5", "ألكسندر يفيموف", ("ألكسندر يفيموف",), country="russia"),
    )
    entities = (
        EntityRef("russia", "country", "روسيا", "Russia", wikidata="Q159"),
        EntityRef("syria", "country", "سوريا", "Syria", forms=("سورية",)),
        EntityRef("france", "country", "فرنسا", "France"),
        EntityRef("moscow", "city", "موسكو", "Moscow", country="russia"),
        EntityRef("paris", "city", "باريس", "Paris", country="france"),
        EntityRef("kremlin", "building", "الكرملين", "Kremlin", country="russia"),
        EntityRef("baghdad", "city", "بغداد", "Baghdad"),
        EntityRef("russia_mfa", "ministry", "وزارة الخارجية الروسية", "Russian Foreign Ministry",
                  country="russia"),
    )
    posts = (
        Post("p1", "foreign_minister", "russia", ev(0), text="وزير الخارجية الروسي", start="2004-03-09"),
        Post("p2", "foreign_minister", "syria", ev(0), text="نظيره السوري"),
        Post("p3", "head_of_state", "france", ev(1), text="الرئيس الفرنسي"),
        Post("p4", "head_of_state", "syria", ev(1), text="الرئيس السوري"),
        Post("p5", "ambassador", "russia_mfa", ev(0), text="السفير", qualifier="acting"),
    )
    events = (
        Event("meeting", ("p1", "p2"), (ev(0),), attendees=("p5",), place="moscow", date="2025-07-31",
              date_text="يوم 31 يوليو 2025", trigger="التقى"),
        Event("phone_call", ("p3", "p4"), (ev(1),), date="--08-12", date_text="في 12 أغسطس",
              trigger="اتصالا هاتفيا"),
        Event("visit", ("p2",), (ev(2),), place="paris", status="planned", trigger="يزور"),
        Event("press_conference", ("p1",), (ev(3),), place="kremlin", trigger="مؤتمرا صحفيا"),
        Event("summit", ("p4",), (ev(4),), trigger="قمة", inferred_place="baghdad",
              inferred_date="2025-08-01"),
    )
    resolved = {
        "p1": Person("sergey_lavrov", "سيرغي لافروف", "Sergey Lavrov", wikidata="Q81", country="russia",
                     in_kb=True),
        "p2": Person("asaad_al_shaibani", "أسعد الشيباني", "Asaad al-Shaibani", alt_labels=("أسعد حسن الشيباني",),
                     country="syria"),
        "p3": Person("emmanuel_macron", "إيمانويل ماكرون", "Emmanuel Macron", wikidata="Q3052772", country="france"),
        "p4": Person("ahmed_al_sharaa", "أحمد الشرع", "Ahmed al-Sharaa", country="syria"),
        "p5": Person("alexander_efimov", "ألكسندر يفيموف", "Alexander Efimov", country="russia"),
    }
    extraction = Extraction(article=art, persons=persons, entities=entities, posts=posts, events=events)
    return ResolvedArticle(extraction, resolved)


@pytest.fixture(scope="module")
def graph() -> ArticleGraph:
    return map_article(sample_resolved(), IriMinter(BASE))


@pytest.fixture(scope="module")
def store(graph: ArticleGraph) -> DatasetStore:
    s = DatasetStore()
    s.load_bytes("".join(graph.nquads).encode("utf-8"), "nq")
    return s


PREFIXES = f"""
PREFIX schema: <{ns.SCHEMA}> PREFIX org: <{ns.ORG}> PREFIX skos: <{ns.SKOS}> PREFIX rdfs: <{ns.RDFS}>
PREFIX kg: <{ns.KG._NS}> PREFIX oa: <{ns.OA}> PREFIX owl: <{ns.OWL}> PREFIX time: <{ns.TIME}> PREFIX xsd: <{ns.XSD}>
PREFIX dct: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdf: <{ns.RDF}>
"""


def rows(store: DatasetStore, query: str, union: bool = True) -> list[dict[str, str]]:
    return [{k: v.value for k, v in r.items()} for r in store.select(PREFIXES + query, union_default=union)]


def values(store: DatasetStore, query: str) -> list[str]:
    return sorted(next(iter(r.values())) for r in rows(store, query))


def test_named_graph_is_article_iri_with_identifier(graph: ArticleGraph, store: DatasetStore) -> None:
    assert graph.iri == BASE + "article/000_test.txt"
    assert store.graphs() == [graph.iri]
    found = rows(store, "SELECT ?g ?id WHERE { GRAPH ?g { ?g a schema:NewsArticle ; dct:identifier ?id } }",
                 union=False)
    assert found == [{"g": graph.iri, "id": "000_test.txt"}]


def test_lines_are_sorted_unique_and_in_the_article_graph(graph: ArticleGraph) -> None:
    assert list(graph.nquads) == sorted(set(graph.nquads))
    assert all(line.endswith(f" <{graph.iri}> .\n") for line in graph.nquads)
    assert graph.counts == {"persons": 5, "entities": 8, "posts": 5, "events": 5, "triples": len(graph.nquads)}


def test_no_triple_in_default_graph(store: DatasetStore) -> None:
    assert rows(store, "SELECT * WHERE { ?s ?p ?o }", union=False) == []


def test_article_metadata(store: DatasetStore) -> None:
    found = rows(store, """SELECT ?h ?d ?url ?pub ?name ?lang WHERE {
        ?a a schema:NewsArticle ; schema:headline ?h ; schema:datePublished ?d ; schema:url ?url ;
           schema:inLanguage ?lang ; schema:publisher ?pub . ?pub a schema:Organization ; schema:name ?name }""")
    assert found == [{"h": "لافروف يلتقي الشيباني في موسكو", "d": "2025-08-01", "url": "https://example.com/news/1",
                      "pub": BASE + "publisher/example.com", "name": "example.com", "lang": "ar"}]
    assert values(store, "SELECT (DATATYPE(?d) AS ?t) WHERE { ?a schema:datePublished ?d }") == [str(ns.XSD.date)]
    assert values(store, "SELECT ?t WHERE { ?a kg:cleanedText ?t }") == [TEXT]
    mentioned = values(store, "SELECT ?m WHERE { ?a schema:mentions ?m }")
    assert BASE + "person/sergey_lavrov" in mentioned and BASE + "place/moscow" in mentioned


def test_person_has_arabic_and_english_labels_and_alt_labels(store: DatasetStore) -> None:
    lavrov = f"<{BASE}person/sergey_lavrov>"
    labels = rows(store, f"SELECT ?l (LANG(?l) AS ?lang) WHERE {{ {lavrov} a schema:Person ; rdfs:label ?l }}")
    assert sorted((r["l"], r["lang"]) for r in labels) == [("Sergey Lavrov", "en"), ("سيرغي لافروف", "ar")]
    assert values(store, f"SELECT ?l WHERE {{ {lavrov} skos:altLabel ?l FILTER(LANG(?l) = 'ar') }}") == ["لافروف"]
    shaibani = f"<{BASE}person/asaad_al_shaibani>"
    assert values(store, f"SELECT ?l WHERE {{ {shaibani} skos:altLabel ?l }}") == ["أسعد حسن الشيباني", "الشيباني"]


def test_wikidata_same_as_and_nationality(store: DatasetStore) -> None:
    lavrov = f"<{BASE}person/sergey_lavrov>"
    assert values(store, f"SELECT ?w WHERE {{ {lavrov} owl:sameAs ?w }}") == ["http://www.wikidata.org/entity/Q81"]
    assert values(store, f"SELECT ?c WHERE {{ {lavrov} kg:nationality ?c . ?c a schema:Country }}") == [
        BASE + "country/russia"]
    assert values(store, f"SELECT ?w WHERE {{ <{BASE}person/ahmed_al_sharaa> owl:sameAs ?w }}") == []


def test_entities_are_typed_and_linked_to_their_state(store: DatasetStore) -> None:
    russia = BASE + "country/russia"
    assert values(store, f"SELECT ?t WHERE {{ <{russia}> a ?t }}") == [str(ns.SCHEMA.Country), str(ns.ORG.Organization)]
    assert values(store, f"SELECT ?s WHERE {{ <{BASE}org/russia_mfa> org:subOrganizationOf ?s }}") == [russia]
    assert str(ns.SCHEMA.GovernmentOrganization) in values(store, f"SELECT ?t WHERE {{ <{BASE}org/russia_mfa> a ?t }}")
    assert values(store, f"SELECT ?c WHERE {{ <{BASE}place/moscow> a schema:City ; schema:containedInPlace ?c }}") \
        == [russia]
    assert values(store, f"SELECT ?t WHERE {{ <{BASE}place/kremlin> a ?t }}") == [
        str(ns.SCHEMA.LandmarksOrHistoricalBuildings), str(ns.SCHEMA.Place)]
    assert values(store, "SELECT ?l WHERE { ?c a schema:Country ; skos:altLabel ?l }") == ["سورية"]


def test_membership_has_member_organization_and_role_id(store: DatasetStore) -> None:
    found = rows(store, """SELECT ?person ?role ?org WHERE {
        ?m a org:Membership ; org:member ?person ; org:role ?role ; org:organization ?org }""")
    got = sorted((r["person"].rsplit("/", 1)[-1], r["role"].removeprefix(ROLE_NS), r["org"].rsplit("/", 1)[-1])
                 for r in found)
    assert got == [
        ("ahmed_al_sharaa", "head_of_state", "syria"),
        ("alexander_efimov", "ambassador", "russia_mfa"),
        ("asaad_al_shaibani", "foreign_minister", "syria"),
        ("emmanuel_macron", "head_of_state", "france"),
        ("sergey_lavrov", "foreign_minister", "russia"),
    ]


def test_membership_period_qualifier_and_provenance(graph: ArticleGraph, store: DatasetStore) -> None:
    found = rows(store, f"""SELECT ?d WHERE {{ ?m org:member <{BASE}person/sergey_lavrov> ;
        org:memberDuring ?i . ?i a time:Interval ; time:hasBeginning ?b . ?b a time:Instant ; time:inXSDDate ?d }}""")
    assert found == [{"d": "2004-03-09"}]
    assert values(store, "SELECT ?q WHERE { ?m kg:qualifier ?q }") == ["acting"]
    assert values(store, "SELECT DISTINCT ?a WHERE { ?m a org:Membership ; prov:wasDerivedFrom ?a }") == [graph.iri]
    assert "وزير الخارجية الروسي" in values(store, "SELECT ?t WHERE { ?m kg:postText ?t }")


@pytest.mark.parametrize("etype, cls, principals, attendees", [
    ("meeting", "Meeting", ["asaad_al_shaibani", "sergey_lavrov"], ["alexander_efimov"]),
    ("phone_call", "PhoneCall", ["ahmed_al_sharaa", "emmanuel_macron"], []),
    ("visit", "Visit", ["asaad_al_shaibani"], []),
    ("press_conference", "PressConference", ["sergey_lavrov"], []),
    ("summit", "Summit", ["ahmed_al_sharaa"], []),
])
def test_each_event_type_has_class_participants_and_attendees(
        store: DatasetStore, etype: str, cls: str, principals: list[str], attendees: list[str]) -> None:
    events = values(store, f"SELECT ?e WHERE {{ ?e a kg:{cls}, schema:Event }}")
    assert len(events) == 1
    e = f"<{events[0]}>"
    got_principals = [v.rsplit("/", 1)[-1] for v in values(store, f"SELECT ?p WHERE {{ {e} kg:participant ?p }}")]
    got_attendees = [v.rsplit("/", 1)[-1] for v in values(store, f"SELECT ?p WHERE {{ {e} schema:attendee ?p }}")]
    assert got_principals == principals
    assert got_attendees == sorted(principals + attendees)
    assert values(store, f"SELECT ?a WHERE {{ {e} prov:wasDerivedFrom ?a }}") == [BASE + "article/000_test.txt"]


def test_event_places_are_the_stated_ones(store: DatasetStore) -> None:
    found = rows(store, "SELECT ?c ?place WHERE { ?e a ?c ; schema:location ?place FILTER(?c != schema:Event) }")
    assert sorted((r["c"].rsplit("#", 1)[-1], r["place"].rsplit("/", 1)[-1]) for r in found) == [
        ("Meeting", "moscow"), ("PressConference", "kremlin"), ("Visit", "paris")]


def test_inferred_place_and_date_stay_out_of_location_and_start_date(store: DatasetStore) -> None:
    summit = values(store, "SELECT ?e WHERE { ?e a kg:Summit }")[0]
    assert values(store, f"SELECT ?x WHERE {{ <{summit}> schema:location|schema:startDate ?x }}") == []
    assert values(store, f"SELECT ?x WHERE {{ <{summit}> kg:inferredPlace ?x }}") == [BASE + "place/baghdad"]
    assert values(store, f"SELECT ?x WHERE {{ <{summit}> kg:inferredDate ?x }}") == ["2025-08-01"]
    assert values(store, f"SELECT ?x WHERE {{ <{summit}> kg:inferenceBasis ?x }}") != []


def test_event_dates_are_typed_date_and_gmonthday(store: DatasetStore) -> None:
    found = rows(store, "SELECT ?c ?d (DATATYPE(?d) AS ?t) ?words WHERE { ?e a ?c ; schema:startDate ?d ; "
                        "kg:dateText ?words FILTER(?c != schema:Event) }")
    assert sorted((r["c"].rsplit("#", 1)[-1], r["d"], r["t"], r["words"]) for r in found) == [
        ("Meeting", "2025-07-31", str(ns.XSD.date), "يوم 31 يوليو 2025"),
        ("PhoneCall", "--08-12", str(ns.XSD.gMonthDay), "في 12 أغسطس"),
    ]


def test_planned_event_is_scheduled_and_occurred_has_no_status(store: DatasetStore) -> None:
    found = rows(store, "SELECT ?c ?s WHERE { ?e a ?c ; schema:eventStatus ?s FILTER(?c != schema:Event) }")
    assert found == [{"c": str(ns.KG.Visit), "s": str(ns.SCHEMA.EventScheduled)}]


def test_event_label_names_its_type_and_principals(store: DatasetStore) -> None:
    meeting = values(store, "SELECT ?e WHERE { ?e a kg:Meeting }")[0]
    labels = values(store, f"SELECT ?l WHERE {{ <{meeting}> rdfs:label ?l }}")
    assert "Meeting: Sergey Lavrov, Asaad al-Shaibani" in labels
    assert "اجتماع: سيرغي لافروف، أسعد الشيباني" in labels
    assert values(store, f"SELECT ?t WHERE {{ <{meeting}> kg:trigger ?t }}") == ["التقى"]


def test_evidence_offsets_slice_cleaned_text_back_to_quote(store: DatasetStore) -> None:
    found = rows(store, """SELECT ?body ?exact ?start ?end ?text ?ev WHERE {
        ?ann a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?t .
        ?t oa:hasSource ?a ; oa:hasSelector ?q , ?p .
        ?q a oa:TextQuoteSelector ; oa:exact ?exact .
        ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        ?a kg:cleanedText ?text . ?body kg:evidence ?ev FILTER(?ev = STRLANG(?exact, "ar")) }""")
    assert len(found) == 10       # five memberships and five events
    for r in found:
        assert r["text"][int(r["start"]):int(r["end"])] == r["exact"]
    assert any('"المحادثات بناءة"' in r["exact"] for r in found)   # quotes survive escaping


def test_evidence_has_no_blank_nodes(graph: ArticleGraph) -> None:
    assert not any(re.search(r"(^|\s)_:", line) for line in graph.nquads)


def test_iris_identical_across_two_runs() -> None:
    first = map_article(sample_resolved(), IriMinter(BASE))
    second = map_article(sample_resolved(), IriMinter(BASE))
    assert first == second


def test_same_person_gets_same_iri_in_two_articles() -> None:
    a = map_article(sample_resolved("001_a.txt"), IriMinter(BASE))
    b = map_article(sample_resolved("002_b.txt"), IriMinter(BASE))
    lavrov = f"<{BASE}person/sergey_lavrov>"
    assert any(line.startswith(lavrov) for line in a.nquads) and any(line.startswith(lavrov) for line in b.nquads)
    assert a.iri != b.iri


def test_url_that_is_not_an_iri_becomes_a_literal() -> None:
    g = map_article(sample_resolved(url="https://example.com/a b|c"), IriMinter(BASE))
    url_lines = [ln for ln in g.nquads if f"<{ns.SCHEMA.url}>" in ln]
    assert url_lines == [f'<{g.iri}> <{ns.SCHEMA.url}> "https://example.com/a b|c" <{g.iri}> .\n']


def test_control_characters_and_backslashes_are_escaped() -> None:
    text = "قال: \"نعم\"\\ثم\r\nتابع\t\x01."
    resolved = ResolvedArticle(Extraction(article=Article(id="x.txt", text=text)))
    g = map_article(resolved, IriMinter(BASE))
    s = DatasetStore()
    s.load_bytes("".join(g.nquads).encode("utf-8"), "nq")
    assert values(s, "SELECT ?t WHERE { ?a kg:cleanedText ?t }") == [text]


def test_unknown_role_falls_back_to_official() -> None:
    r = sample_resolved()
    x = r.extraction
    bad = Post("p1", "grand_vizier", "russia", ev(0))
    g = map_article(ResolvedArticle(Extraction(x.article, x.persons, x.entities, (bad,)), r.persons),
                    IriMinter(BASE))
    assert any(f"<{ns.ORG.role}> <{ROLE_NS}official>" in line for line in g.nquads)


def test_sparql_who_met_whom(store: DatasetStore) -> None:
    found = rows(store, """SELECT ?a ?b WHERE {
        ?e a kg:Meeting ; kg:participant ?x , ?y . ?x rdfs:label ?a . ?y rdfs:label ?b
        FILTER(STR(?x) < STR(?y) && LANG(?a) = "en" && LANG(?b) = "en") }""")
    assert found == [{"a": "Asaad al-Shaibani", "b": "Sergey Lavrov"}]


def test_sparql_role_of_a_person_by_arabic_name(store: DatasetStore) -> None:
    found = rows(store, """SELECT ?role ?state WHERE {
        ?p rdfs:label "أسعد الشيباني"@ar . ?m org:member ?p ; org:role ?role ; org:organization ?o .
        ?o rdfs:label ?state FILTER(LANG(?state) = "en") }""")
    assert found == [{"role": ROLE_NS + "foreign_minister", "state": "Syria"}]


def test_sparql_events_in_a_graph(graph: ArticleGraph, store: DatasetStore) -> None:
    found = rows(store, f"SELECT ?e WHERE {{ GRAPH <{graph.iri}> {{ ?e a schema:Event }} }}", union=False)
    assert len(found) == 5


@pytest.mark.parametrize("start, prop, datatype", [
    ("2011-06-03", "inXSDDate", "date"), ("2011-06", "inXSDgYearMonth", "gYearMonth"), ("2011", "inXSDgYear", "gYear"),
])
def test_partial_tenure_dates_keep_their_precision(start: str, prop: str, datatype: str) -> None:
    r = sample_resolved()
    x = r.extraction
    post = Post("p4", "head_of_state", "syria", ev(1), start=start)
    g = map_article(ResolvedArticle(Extraction(x.article, x.persons, x.entities, (post,)), r.persons),
                    IriMinter(BASE))
    lines = [ln for ln in g.nquads if "/period/start> " in ln and "#inXSD" in ln]
    assert len(lines) == 1
    assert f"<{ns.TIME}{prop}> \"{start}\"^^<{ns.XSD}{datatype}>" in lines[0]


def test_a_post_no_longer_held_is_no_membership_but_the_person_stays() -> None:
    base = sample_resolved()
    x = base.extraction
    former = Post("p3", "head_of_state", "france", ev(1), text="الرئيس الفرنسي السابق", qualifier="former")
    late = Post("p4", "head_of_state", "syria", ev(1), text="الرئيس الراحل", qualifier="late")
    posts = tuple(p for p in x.posts if p.person not in ("p3", "p4")) + (former, late)
    art = ResolvedArticle(Extraction(article=x.article, persons=x.persons, entities=x.entities, posts=posts,
                                     events=x.events), base.persons)
    s = DatasetStore()
    s.load_bytes("".join(map_article(art, IriMinter(BASE)).nquads).encode("utf-8"), "nq")
    members = values(s, "SELECT ?p WHERE { ?m a org:Membership ; org:member ?p }")
    assert not any(m.endswith(("emmanuel_macron", "ahmed_al_sharaa")) for m in members)
    assert f"{BASE}person/emmanuel_macron" in values(s, "SELECT ?p WHERE { ?p a schema:Person }")


def test_two_legs_of_a_tour_told_in_one_sentence_are_two_events() -> None:
    from dataclasses import replace
    base = sample_resolved()
    legs = (Event("visit", ("p2",), (ev(2),), place="paris", status="planned", trigger="جولة"),
            Event("visit", ("p2",), (ev(2),), place="moscow", status="planned", trigger="جولة"))
    resolved = replace(base, extraction=replace(base.extraction, events=legs))
    s = DatasetStore()
    s.load_bytes("".join(map_article(resolved, IriMinter(BASE)).nquads).encode("utf-8"), "nq")
    found = rows(s, "SELECT ?e ?place WHERE { ?e a kg:Visit ; schema:location ?place }")
    assert sorted(r["place"].rsplit("/", 1)[-1] for r in found) == ["moscow", "paris"]
    assert len({r["e"] for r in found}) == 2
