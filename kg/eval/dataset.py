"""What a built dataset says about each gold article, read only through the RDF contract.

Notes
-----
Everything goes through :class:`kg.store.oxigraph.DatasetStore` and SPARQL; results come back as
plain :class:`~kg.store.oxigraph.Term` values, so blank nodes are never named in a query but
joined inside it. Two scopes are used on purpose:

- an article's extraction is what its own named graph states (persons, memberships, events);
- the names of people come from that graph or from graphs that are not articles (a shared
  reference graph), never from another article, so one article cannot lend its names to another;
- names of organisations, places and role concepts, and ``org:subOrganizationOf``, come from the
  whole dataset, because those nodes are shared reference data.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.eval.gold import GoldArticle
from kg.eval.normalize import en_key, name_key
from kg.eval.roles import local_name, role_of, snake
from kg.rdf.namespaces import PREFIXES
from kg.records import EVENT_TYPES
from kg.store.oxigraph import DatasetStore, Term

__all__ = [
    "ArticleLocation",
    "Names",
    "Scope",
    "SysArticle",
    "SysEvent",
    "SysMembership",
    "SysPerson",
    "dataset_file",
    "find_articles",
    "open_dataset",
    "read_article",
]

log = logging.getLogger(__name__)

_PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(PREFIXES.items()))
#: at most this many graphs are named in a VALUES block; past it, labels are read from every graph.
_MAX_VALUES = 500
_DATE = re.compile(r"^\s*(-?\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})")
NAME_PATH = "rdfs:label|skos:altLabel"


@dataclass(frozen=True)
class Names:
    """A node and the keys of its names (and those of its ancestors, for organisations)."""

    node: Term
    ar: frozenset[str]
    en: frozenset[str]
    label: str = ""

    @property
    def display(self) -> str:
        return self.label or local_name(self.node.value)


@dataclass(frozen=True)
class SysPerson:
    """A person of an article: its labels in scope, their keys, and how often the graph cites it."""

    node: Term
    labels: tuple[str, ...]
    keys: frozenset[str]
    refs: int

    @property
    def display(self) -> str:
        return " / ".join(self.labels) if self.labels else self.node.value


@dataclass(frozen=True)
class SysMembership:
    node: Term
    members: tuple[Term, ...]
    roles: tuple[str, ...]
    orgs: tuple[Names, ...]


@dataclass(frozen=True)
class SysEvent:
    """An event: ``types`` are gold type ids; ``principals`` are kg:participant, else attendees."""

    node: Term
    types: tuple[str, ...]
    principals: tuple[Term, ...]
    locations: tuple[Names, ...]
    dates: tuple[str, ...]
    planned: bool


@dataclass(frozen=True)
class SysArticle:
    graph: str
    persons: tuple[SysPerson, ...]
    memberships: tuple[SysMembership, ...]
    events: tuple[SysEvent, ...]


@dataclass(frozen=True)
class Scope:
    """Which named graphs are articles, and which are shared (reference data, the ontology)."""

    article_graphs: frozenset[str]
    shared_graphs: tuple[str, ...]


@dataclass(frozen=True)
class ArticleLocation:
    """Where a gold article is in the dataset: its graph IRI (``None`` if absent) and how found."""

    stem: str
    graph: str | None
    note: str = ""


def dataset_file(dataset: Path) -> Path:
    """The dataset file of an output folder (``dataset.trig``, else ``dataset.nq``) or the file."""
    dataset = Path(dataset)
    if dataset.is_dir():
        for name in ("dataset.trig", "dataset.nq"):
            if (dataset / name).is_file():
                return dataset / name
        raise InputError(f"{dataset}: no dataset.trig or dataset.nq in this folder")
    if not dataset.is_file():
        raise InputError(f"{dataset}: no such dataset file or folder")
    return dataset


def open_dataset(dataset: Path) -> DatasetStore:
    """An in-memory store holding the dataset."""
    return DatasetStore.from_file(dataset_file(dataset))


def _q(store: DatasetStore, body: str, union: bool = False) -> list[dict[str, Term]]:
    return store.select(_PREFIX + body, union_default=union)


def _keys_of_identifier(value: str) -> set[str]:
    value = value.strip()
    base = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return {k for k in (value, base, stem) if k}


def find_articles(store: DatasetStore, golds: list[GoldArticle]) -> tuple[list[ArticleLocation], Scope]:
    """Locate each gold article's graph, and return the set of graphs that are articles.

    An article is the ``schema:NewsArticle`` whose ``dct:identifier`` is the gold ``doc`` (its
    file name, a path ending in it, or its stem) and whose IRI names a graph; failing that, a
    graph whose IRI contains the gold file's stem.
    """
    graphs = set(store.graphs())
    rows = _q(store, "SELECT DISTINCT ?a ?id WHERE { ?a a schema:NewsArticle . OPTIONAL { ?a dct:identifier ?id } }",
              union=True)
    by_key: dict[str, set[str]] = defaultdict(set)
    article_nodes: set[str] = set()
    for row in rows:
        node = row["a"]
        if node.kind != "iri":
            continue
        article_nodes.add(node.value)
        if "id" in row:
            for key in _keys_of_identifier(row["id"].value):
                by_key[key].add(node.value)
    found: list[ArticleLocation] = []
    for gold in golds:
        keys = {gold.doc, Path(gold.doc).name, Path(gold.doc).stem, gold.stem}
        cands = sorted(set().union(*(by_key.get(k, set()) for k in keys)))
        named = [c for c in cands if c in graphs]
        if named:
            note = f"{len(named)} article graphs share this identifier; scored {named[0]}" if len(named) > 1 else ""
            found.append(ArticleLocation(gold.stem, named[0], note))
            continue
        stems = {gold.stem, Path(gold.doc).stem} - {""}
        by_iri = sorted(g for g in graphs if any(s in g for s in stems))
        if by_iri:
            found.append(ArticleLocation(gold.stem, by_iri[0], "graph found by its IRI, not by dct:identifier"))
        elif cands:
            found.append(ArticleLocation(gold.stem, None, "article node found but no named graph with its IRI "
                                                          "(triples in the default graph?)"))
        else:
            found.append(ArticleLocation(gold.stem, None, "no article with this dct:identifier and no graph "
                                                          "named after it"))
    article_graphs = frozenset((article_nodes & graphs) | {f.graph for f in found if f.graph})
    return found, Scope(article_graphs, tuple(sorted(graphs - article_graphs)))


_NameTable = dict[Term, tuple[set[str], set[str], set[str]]]


def _names_of(node: Term, table: _NameTable) -> Names:
    if node.kind == "literal":      # a literal organisation or place is its own name
        return Names(node, frozenset({name_key(node.value)}), frozenset({en_key(node.value)}), node.value)
    ar, en, raw = table.get(node, (set(), set(), set()))
    return Names(node, frozenset(ar - {""}), frozenset(en - {""}), min(raw) if raw else "")


def _order(term: Term) -> tuple[str, str]:
    return (term.kind, term.value)


def _values(nodes: list[Term]) -> str:
    return " ".join(f"<{n.value}>" for n in nodes if n.kind == "iri")


def _labels(store: DatasetStore, nodes: list[Term], preds: str, via: str) -> dict[Term, set[tuple[str, str | None]]]:
    """Labels of nodes from anywhere in the dataset, as ``(text, language)`` pairs.

    IRIs go in as ``VALUES``; blank nodes cannot be named in a query, so they are reached again
    through ``via``, a pattern that binds ``?n`` from the article's graph.
    """
    out: dict[Term, set[tuple[str, str | None]]] = defaultdict(set)
    rows = []
    if any(n.kind == "iri" for n in nodes):
        # a property path is evaluated as a set over the union graph: a country labelled in 20,000
        # article graphs gives two rows, not 40,000 as a plain triple pattern would
        rows += _q(store, f"SELECT DISTINCT ?n ?l WHERE {{ VALUES ?n {{ {_values(nodes)} }} ?n ({preds}) ?l }}",
                   union=True)
    if any(n.kind == "bnode" for n in nodes):
        rows += [r for r in _q(store, f"SELECT DISTINCT ?n ?l WHERE {{ {via} FILTER(isBlank(?n)) ?n ({preds}) ?l }}",
                               union=True) if r["n"].kind == "bnode"]
    for row in rows:
        if row["l"].kind == "literal":
            out[row["n"]].add((row["l"].value, row["l"].language))
    return out


def _name_table(labels: dict[Term, set[tuple[str, str | None]]]) -> _NameTable:
    out: _NameTable = {}
    for node, labs in labels.items():
        texts = {t for t, _ in labs}
        out[node] = ({name_key(t) for t in texts}, {en_key(t) for t in texts}, texts)
    return out


def _org_names(store: DatasetStore, graph: str, orgs: list[Term]) -> _NameTable:
    """Names of each organisation together with those of its ``org:subOrganizationOf`` ancestors."""
    up: dict[Term, set[Term]] = defaultdict(set)
    if any(n.kind == "iri" for n in orgs):
        for r in _q(store, f"SELECT ?n ?a WHERE {{ VALUES ?n {{ {_values(orgs)} }} ?n org:subOrganizationOf+ ?a }}",
                    union=True):
            up[r["n"]].add(r["a"])
    if any(n.kind == "bnode" for n in orgs):
        for r in _q(store, f"""SELECT DISTINCT ?n ?a WHERE {{ GRAPH <{graph}> {{ ?m org:organization ?n }}
                                FILTER(isBlank(?n)) ?n org:subOrganizationOf+ ?a }}""", union=True):
            up[r["n"]].add(r["a"])
    everyone = sorted(set(orgs) | {a for ups in up.values() for a in ups}, key=_order)
    via = f"GRAPH <{graph}> {{ ?m org:organization ?x }} ?x org:subOrganizationOf* ?n"
    own = _labels(store, everyone, NAME_PATH, via)
    merged = {o: set().union(own.get(o, set()), *(own.get(a, set()) for a in up.get(o, ()))) for o in orgs}
    return _name_table(merged)


def _persons(store: DatasetStore, graph: str, scope: Scope) -> tuple[SysPerson, ...]:
    """Persons typed in the article's graph, or cited there and typed elsewhere (a shared graph).

    Notes
    -----
    Simple queries joined here in Python, with IRIs passed as ``VALUES``: Oxigraph plans a
    ``UNION`` followed by a ``GRAPH ?g`` join badly (a full scan of every label), which made one
    article cost a second on a dataset of 20,000 articles.
    """
    nodes = {r["p"] for r in _q(store, f"SELECT DISTINCT ?p WHERE {{ GRAPH <{graph}> {{ ?p a schema:Person }} }}")}
    cited = {r["p"] for r in _q(store, f"""SELECT DISTINCT ?p WHERE {{ GRAPH <{graph}> {{
        ?x org:member|kg:participant|schema:attendee ?p }} FILTER(!isLiteral(?p)) }}""")} - nodes
    if any(n.kind == "iri" for n in cited):
        nodes |= {r["p"] for r in _q(store, f"""SELECT DISTINCT ?p WHERE {{ VALUES ?p {{ {_values(sorted(cited, key=_order))} }}
            {{ ?p a schema:Person }} UNION {{ GRAPH ?g {{ ?p a schema:Person }} }} }}""")}
    if any(n.kind == "bnode" for n in cited):
        nodes |= {r["p"] for r in _q(store, f"""SELECT DISTINCT ?p WHERE {{ GRAPH <{graph}> {{
            ?x org:member|kg:participant|schema:attendee ?p }} FILTER(isBlank(?p)) GRAPH ?g {{ ?p a schema:Person }} }}""")}
    rows = []
    # the graphs whose labels count: this article's and the shared (non-article) ones, named in
    # VALUES when they are few so that the other articles' copies of a label are never read
    in_scope = (graph, *scope.shared_graphs)
    graphs = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in in_scope)} }}" if len(in_scope) <= _MAX_VALUES else ""
    if any(n.kind == "iri" for n in nodes):
        rows += _q(store, f"""SELECT ?p ?g ?l WHERE {{ VALUES ?p {{ {_values(sorted(nodes, key=_order))} }}
                               {graphs} GRAPH ?g {{ ?p {NAME_PATH} ?l }} }}""")
    if any(n.kind == "bnode" for n in nodes):
        rows += [r for r in _q(store, f"""SELECT ?p ?g ?l WHERE {{ GRAPH <{graph}> {{ ?x ?pr ?p }} FILTER(isBlank(?p))
                                           {graphs} GRAPH ?g {{ ?p {NAME_PATH} ?l }} }}""") if r["p"].kind == "bnode"]
    labels: dict[Term, set[str]] = defaultdict(set)
    for row in rows:
        g = row["g"].value
        if row["p"] in nodes and (g == graph or g not in scope.article_graphs):
            labels[row["p"]].add(row["l"].value)
    refs = {r["o"]: int(r["n"].value) for r in _q(
        store, f"SELECT ?o (COUNT(?s) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?pr ?o }} FILTER(!isLiteral(?o)) }} GROUP BY ?o")}
    out = []
    for node in nodes:
        labs = tuple(sorted(labels.get(node, ())))
        keys = frozenset(k for k in (name_key(x) for x in labs) if k)
        out.append(SysPerson(node, labs, keys, refs.get(node, 0)))
    return tuple(sorted(out, key=lambda p: _order(p.node)))


def _memberships(store: DatasetStore, graph: str) -> tuple[SysMembership, ...]:
    rows = _q(store, f"""SELECT ?m ?member ?role ?org WHERE {{ GRAPH <{graph}> {{
        {{ ?m a org:Membership }} UNION {{ ?m org:member ?any }}
        OPTIONAL {{ ?m org:member ?member }} OPTIONAL {{ ?m org:role ?role }}
        OPTIONAL {{ ?m org:organization ?org }} }} }}""")
    role_nodes = sorted({r["role"] for r in rows if "role" in r and r["role"].kind != "literal"}, key=_order)
    role_labels = _labels(store, role_nodes, "skos:prefLabel|rdfs:label", f"GRAPH <{graph}> {{ ?m org:role ?n }}")
    org_nodes = sorted({r["org"] for r in rows if "org" in r and r["org"].kind != "literal"}, key=_order)
    org_names = _org_names(store, graph, org_nodes)
    parts: dict[Term, tuple[set[Term], set[Term], set[Term]]] = defaultdict(lambda: (set(), set(), set()))
    for row in rows:
        members, roles, orgs = parts[row["m"]]
        if "member" in row:
            members.add(row["member"])
        if "role" in row:
            roles.add(row["role"])
        if "org" in row:
            orgs.add(row["org"])
    out = []
    for node in sorted(parts, key=_order):
        members, roles, orgs = parts[node]
        role_ids = set()
        for r in roles:
            if r.kind == "literal":
                rid = role_of(None, [(r.value, r.language)])
            else:
                rid = role_of(r.value if r.kind == "iri" else None, sorted(role_labels.get(r, ()), key=str))
            if rid:
                role_ids.add(rid)
        out.append(SysMembership(
            node=node,
            members=tuple(sorted(members, key=_order)),
            roles=tuple(sorted(role_ids)),
            orgs=tuple(_names_of(o, org_names) for o in sorted(orgs, key=_order)),
        ))
    return tuple(out)


def event_type(class_iri: str) -> str | None:
    """The gold event type of a class IRI by its local name (``kg:PhoneCall`` -> ``phone_call``)."""
    key = snake(local_name(class_iri))
    return key if key in EVENT_TYPES else None


def date_value(text: str) -> str:
    """The ``YYYY-MM-DD`` or ``--MM-DD`` part of a date literal (a time or zone is dropped)."""
    m = _DATE.match(text)
    return m.group(1) if m else text.strip()


def _events(store: DatasetStore, graph: str) -> tuple[SysEvent, ...]:
    types: dict[Term, set[str]] = defaultdict(set)
    for row in _q(store, f"SELECT ?e ?t WHERE {{ GRAPH <{graph}> {{ ?e a ?t }} }}"):
        if row["t"].kind == "iri":
            kind = event_type(row["t"].value)
            if kind:
                types[row["e"]].add(kind)
    if not types:
        return ()
    props: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in _q(store, f"""SELECT ?e ?pr ?o WHERE {{ GRAPH <{graph}> {{ ?e ?pr ?o
        VALUES ?pr {{ kg:participant schema:attendee schema:location schema:startDate schema:eventStatus }} }} }}"""):
        props[row["e"]][local_name(row["pr"].value)].append(row["o"])
    locs = sorted({o for p in props.values() for o in p.get("location", []) if o.kind != "literal"},
                  key=_order)
    place_names = _name_table(_labels(store, locs, NAME_PATH, f"GRAPH <{graph}> {{ ?e schema:location ?n }}"))
    out = []
    for node in sorted(types, key=_order):
        p = props.get(node, {})
        principals = p.get("participant") or p.get("attendee") or []
        out.append(SysEvent(
            node=node,
            types=tuple(sorted(types[node])),
            principals=tuple(sorted(set(principals), key=_order)),
            locations=tuple(_names_of(loc, place_names) for loc in sorted(set(p.get("location", [])), key=_order)),
            dates=tuple(sorted({date_value(d.value) for d in p.get("startDate", []) if d.kind == "literal"})),
            planned=any(s.kind == "iri" and local_name(s.value) == "EventScheduled" for s in p.get("eventStatus", [])),
        ))
    return tuple(out)


def read_article(store: DatasetStore, graph: str, scope: Scope) -> SysArticle:
    """The persons, memberships and events one article's graph states."""
    return SysArticle(
        graph=graph,
        persons=_persons(store, graph, scope),
        memberships=_memberships(store, graph),
        events=_events(store, graph),
    )
