"""Every vocabulary the RDF contract uses, declared once (see ../shared/DESIGN.md).

Notes
-----
``schema:`` is the ``http://`` form, which most stores and Wikidata use; rdflib's ``SDO`` is the
``https://`` form, so the project declares its own. ``KG`` is a ``DefinedNamespace`` with
``_fail = True``: a misspelt term raises, and a test checks every term against ontologies/kg.ttl.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

__all__ = [
    "DCT",
    "KG",
    "KG_NS",
    "OA",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROLE_NS",
    "ROLE_SCHEME",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "WD",
    "XSD",
]

KG_NS = "https://w3id.org/kg-news/ontology#"
ROLE_NS = "https://w3id.org/kg-news/role/"

SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = DCTERMS
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")


class KG(DefinedNamespace):
    """The project's own terms, only where no standard vocabulary fits."""

    _NS = Namespace(KG_NS)
    _fail = True

    # event classes (rdfs:subClassOf schema:Event)
    Meeting: URIRef
    PhoneCall: URIRef
    Visit: URIRef
    PressConference: URIRef
    Summit: URIRef
    # a ministry or agency of a state
    Ministry: URIRef
    # properties
    participant: URIRef      # principal of an event (subPropertyOf schema:attendee)
    evidence: URIRef         # the quoted sentence behind a fact
    dateText: URIRef         # the original words of a date
    inferredDate: URIRef     # a date the text does not state, with its basis
    inferredPlace: URIRef    # a place the text does not state, with its basis
    inferenceBasis: URIRef   # why an inferred value was inferred
    qualifier: URIRef        # acting / former / designate holder of a post
    cleanedText: URIRef      # the cleaned text of an article (offsets point into it)
    postText: URIRef         # the post as written in the article
    nationality: URIRef      # the state a person is an official of
    adjective: URIRef        # nationality adjective of a state (الروسي)
    inferredPeriodStart: URIRef
    inferredPeriodEnd: URIRef
    trigger: URIRef          # the word that introduced an event


ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg-news/graph/ontology")
#: The owl:Ontology node of ontologies/kg.ttl (the namespace without its "#").
ONTOLOGY_IRI = URIRef(KG_NS.rstrip("#"))
#: The skos:ConceptScheme of ontologies/roles.ttl; its concepts are ``ROLE_NS + role id``.
ROLE_SCHEME = URIRef(ROLE_NS)

PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "time": str(TIME),
    "dct": str(DCT),
    "oa": str(OA),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "kg": KG_NS,
    "role": ROLE_NS,
    "wd": str(WD),
}
