"""ontologies/kg.ttl and roles.ttl: every kg: term defined, the role scheme complete."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import kg.rdf.namespaces as ns
from kg.config import ONTOLOGY_DIR
from kg.rdf import ontology_graph
from kg.rdf.mapping import event_type_labels
from kg.records import EVENT_TYPES, ROLE_IDS

SCHEMA = rdflib.Namespace(str(ns.SCHEMA))


@pytest.fixture(scope="module")
def kg_ttl() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def roles_ttl() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "roles.ttl", format="turtle")


def declared_terms() -> set[str]:
    return {name for name in ns.KG.__annotations__ if not name.startswith("_")}


def test_every_kg_term_is_defined_in_kg_ttl_and_vice_versa(kg_ttl: rdflib.Graph) -> None:
    defined = {str(s)[len(ns.KG_NS):] for s in kg_ttl.subjects(RDF.type, None)
               if str(s).startswith(ns.KG_NS)}
    assert defined == declared_terms()


def test_misspelt_kg_term_raises() -> None:
    with pytest.raises(AttributeError):
        ns.KG.Meetng  # noqa: B018


@pytest.mark.parametrize("term", sorted(declared_terms()))
def test_every_kg_term_has_arabic_and_english_label_and_comment(kg_ttl: rdflib.Graph, term: str) -> None:
    node = rdflib.URIRef(ns.KG_NS + term)
    for prop in (RDFS.label, RDFS.comment):
        langs = {lit.language for lit in kg_ttl.objects(node, prop)}
        assert {"ar", "en"} <= langs, f"kg:{term} lacks {prop} in ar/en"
    assert set(kg_ttl.objects(node, RDF.type)) & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.mark.parametrize("cls", sorted(EVENT_TYPES.values()))
def test_event_classes_are_subclasses_of_schema_event(kg_ttl: rdflib.Graph, cls: str) -> None:
    assert (rdflib.URIRef(ns.KG_NS + cls), RDFS.subClassOf, SCHEMA.Event) in kg_ttl


def test_participant_is_subproperty_of_attendee(kg_ttl: rdflib.Graph) -> None:
    assert (rdflib.URIRef(str(ns.KG.participant)), RDFS.subPropertyOf, SCHEMA.attendee) in kg_ttl


def test_ontology_uses_the_http_schema_namespace(kg_ttl: rdflib.Graph) -> None:
    assert not any("https://schema.org/" in str(t) for triple in kg_ttl for t in triple)


def test_role_scheme_has_one_concept_per_role_id(roles_ttl: rdflib.Graph) -> None:
    scheme = rdflib.URIRef(ns.ROLE_NS)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in roles_ttl
    concepts = {str(c)[len(ns.ROLE_NS):] for c in roles_ttl.subjects(SKOS.inScheme, scheme)}
    assert concepts == set(ROLE_IDS)


@pytest.mark.parametrize("role", ROLE_IDS)
def test_role_concept_has_labels_and_definition(roles_ttl: rdflib.Graph, role: str) -> None:
    node = rdflib.URIRef(ns.ROLE_NS + role)
    assert (node, RDF.type, SKOS.Concept) in roles_ttl
    for prop in (SKOS.prefLabel, SKOS.definition):
        langs = [lit.language for lit in roles_ttl.objects(node, prop)]
        assert sorted(langs) == ["ar", "en"], f"{role}: one {prop} per language"


@pytest.mark.parametrize("role", ["foreign_minister", "defense_minister", "health_minister"])
def test_specific_ministers_are_narrower_than_minister(roles_ttl: rdflib.Graph, role: str) -> None:
    assert (rdflib.URIRef(ns.ROLE_NS + role), SKOS.broader, rdflib.URIRef(ns.ROLE_NS + "minister")) in roles_ttl


def test_foreign_minister_has_arabic_label(roles_ttl: rdflib.Graph) -> None:
    labels = {str(x) for x in roles_ttl.objects(rdflib.URIRef(ns.ROLE_NS + "foreign_minister"), SKOS.prefLabel)}
    assert "وزير الخارجية" in labels


def test_ontology_graph_holds_both_files_in_its_own_graph() -> None:
    g = ontology_graph()
    assert g.iri == str(ns.ONTOLOGY_GRAPH)
    assert all(line.endswith(f" <{g.iri}> .\n") for line in g.nquads)
    assert any(line.startswith(f"<{ns.ROLE_NS}foreign_minister>") for line in g.nquads)
    assert any(line.startswith(f"<{ns.KG_NS}Meeting>") for line in g.nquads)
    assert not any(" _:" in line or line.startswith("_:") for line in g.nquads)
    assert list(g.nquads) == sorted(set(g.nquads))


def test_event_type_labels_come_from_the_ontology() -> None:
    labels = event_type_labels()
    assert labels["meeting"] == {"ar": "اجتماع", "en": "Meeting"}
    assert set(labels) == set(EVENT_TYPES)
