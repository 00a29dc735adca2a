"""Doc -> Extraction: turn the pipeline's working state into boundary records."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc

from kg.nlp.lexicon import get_lexicon
from kg.nlp.persons import surface
from kg.nlp.pipeline import get_nlp
from kg.nlp.state import DocState
from kg.records import Article, EntityRef, Event, Evidence, Extraction, Mention, PersonRef, Post

__all__ = ["extract", "extract_many", "to_extraction"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _components() -> tuple[Callable[[Doc], Doc], ...]:
    return tuple(proc for _name, proc in get_nlp().pipeline)   # Language.pipeline builds a list per call


def _doc(article: Article) -> Doc:
    doc = get_nlp().make_doc(article.text)
    doc._.kg = DocState(published=article.published, text=article.text)
    for proc in _components():
        doc = proc(doc)
    return doc


def extract(article: Article) -> Extraction:
    """Everything the pipeline finds in one article."""
    return to_extraction(article, _doc(article))


def extract_many(articles: Iterable[Article]) -> Iterator[Extraction]:
    for article in articles:
        yield extract(article)


def _sentence_evidence(doc: Doc, state: DocState, s: int) -> Evidence:
    a, b = state.sentences[s]
    start = state.tok_idx[a]
    end = state.tok_idx[b - 1] + len(state.tok_text[b - 1])
    return Evidence(state.text[start:end], start, end)


def to_extraction(article: Article, doc: Doc) -> Extraction:
    state: DocState = doc._.kg
    lex = get_lexicon()
    sent_of = state.sent_of
    entity_keys: dict[str, EntityRef] = {}

    def entity(kind: str, key: str) -> str:
        if key in entity_keys:
            return key
        if kind == "COUNTRY" or key in lex.countries:
            c = lex.countries[key]
            entity_keys[key] = EntityRef(key, "country", c.names_ar[0], c.name_en, tuple(c.names_ar),
                                         None, c.wikidata or None)
        elif kind == "ORG" or key in lex.organizations:
            o = lex.organizations[key]
            entity_keys[key] = EntityRef(key, o.kind if o.kind in ("organization", "ministry", "agency")
                                         else "organization", o.names_ar[0], o.name_en, tuple(o.names_ar),
                                         o.country or None, o.wikidata or None)
        else:
            p = lex.places[key]
            entity_keys[key] = EntityRef(key, p.kind, p.names_ar[0], p.name_en, tuple(p.names_ar),
                                         p.country or None, p.wikidata or None)
        ref = entity_keys[key]
        if ref.country and ref.country in lex.countries:
            entity(ref.country and "COUNTRY", ref.country)
        return key

    taken = {i for ns in state.names for i in range(ns.start, ns.end) if ns.kind in ("name", "surname")}
    mentions: list[Mention] = []
    for m in state.matches.get("entity", []):
        if m.kind in ("COUNTRY", "PLACE", "ORG") and m.start not in taken:
            entity(m.kind, m.payload)
            text, b0, e0 = surface(state, m.start, m.end, m.prefix)
            mentions.append(Mention(b0, e0, text, {"COUNTRY": "GPE", "PLACE": "LOC", "ORG": "ORG"}[m.kind]))

    persons: list[PersonRef] = []
    posts: list[Post] = []
    for p in state.persons.values():
        pm = []
        for a, b in sorted(set(p.mentions)):
            text, b0, e0 = surface(state, a, b)
            pm.append(Mention(b0, e0, text, "PERSON"))
        persons.append(PersonRef(p.id, p.name, tuple(dict.fromkeys([p.name] + p.forms)), tuple(pm),
                                 p.country, p.unnamed))
        seen = set()
        for ps in p.posts:
            if not ps.of or not ps.role or (ps.role, ps.of, ps.qualifier) in seen:
                continue
            if ps.of in lex.organizations and lex.organizations[ps.of].kind == "party":
                continue      # a party post is not a state post (GOLD_FORMAT: the person stays, the role not)
            seen.add((ps.role, ps.of, ps.qualifier))
            entity("", ps.of)
            posts.append(Post(p.id, ps.role, ps.of, _sentence_evidence(doc, state, sent_of[ps.start]),
                              ps.text, ps.qualifier))
    events: list[Event] = []
    for e in state.events:
        for key in (e.place,):
            if key:
                entity("", key)
        events.append(Event(
            type=e.type, participants=tuple(e.participants),
            evidence=(_sentence_evidence(doc, state, e.sentence),),
            attendees=tuple(e.attendees), host=e.host, place=e.place, date=e.date,
            date_text=e.date_text, status=e.status, trigger=e.trigger_text))
    warnings = list(state.warnings)
    if not persons:
        warnings.append("no officials found in this article")
    return Extraction(
        article=article, persons=tuple(persons),
        entities=tuple(sorted(entity_keys.values(), key=lambda r: r.key)),
        posts=tuple(posts), events=tuple(events), mentions=tuple(mentions), warnings=tuple(warnings))
