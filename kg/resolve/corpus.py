"""Resolution across articles: one node per real person, and merges only on strong evidence.

Notes
-----
KB officials already share their key (the KB id) in every article, and people outside the KB
share a key when their normalised full name and country agree (:func:`kg.resolve.local.person_key`).
What is left for the corpus pass are people outside the KB written two ways in two articles
(``زياد نخالة`` / ``زياد النخاله`` share a key already; ``يوري أوشاكوف`` / ``يوري اوشاكوف`` too;
``يوري أوشاكوف`` / ``يوري أوشكوف`` do not). Those are merged only when the transliteration-variant
keys agree *and* the country agrees *and* both articles state the same post for them; every other
pair with the same variant key is reported as a non-merge with the reason.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from kg.records import Extraction, ResolvedArticle
from kg.resolve.kb import KnowledgeBase
from kg.resolve.local import resolve_article
from kg.resolve.names import variant_key

__all__ = ["Candidate", "MergePlan", "apply_merges", "candidates", "merge_across", "plan_merges", "resolve_corpus"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A person outside the KB, with a country, seen in one article: what the corpus pass needs.

    ``posts`` are the (role, of) pairs the article states for the person (not former or
    designate ones).
    """

    key: str
    label_ar: str
    country: str
    posts: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class MergePlan:
    """The corpus decisions: old key -> surviving key, and the notes of each article id."""

    remap: dict[str, str]
    notes_for: dict[str, tuple[str, ...]]

    def affects(self, article_id: str, keys: Iterable[str]) -> bool:
        """Whether an article's graph or notes change under the plan."""
        return article_id in self.notes_for or any(k in self.remap for k in keys)


def _stated_posts(article: ResolvedArticle, ref_id: str) -> frozenset[tuple[str, str]]:
    return frozenset((p.role, p.of) for p in article.extraction.posts
                     if p.person == ref_id and (p.qualifier or "") not in ("former", "designate"))


def candidates(article: ResolvedArticle) -> tuple[Candidate, ...]:
    """The persons of one article that the corpus pass may merge, in the order it reads them.

    Notes
    -----
    A few hundred bytes per article: a build over 100,000 articles keeps these in memory
    instead of the resolved articles, and re-maps only the articles a merge touches.
    """
    out = []
    for ref_id, person in sorted(article.persons.items()):
        if person.in_kb or not person.key.startswith("x-") or not person.country:
            continue
        out.append(Candidate(person.key, person.label_ar, person.country, _stated_posts(article, ref_id)))
    return tuple(out)


def plan_merges(summaries: Iterable[tuple[str, Sequence[Candidate]]]) -> MergePlan:
    """Decide merges from ``(article id, candidates)`` pairs given in input order.

    A key keeps the label it was first seen with (input order), as :func:`merge_across` always did.
    """
    # (variant key, country) -> key -> set of (role, of) and the articles seen in
    groups: dict[tuple[str, str], dict[str, dict[str, set]]] = defaultdict(dict)
    for aid, cands in summaries:
        for cand in cands:
            slot = groups[(variant_key(cand.label_ar), cand.country)].setdefault(
                cand.key, {"posts": set(), "articles": set(), "label": {cand.label_ar}})
            slot["posts"] |= cand.posts
            slot["articles"].add(aid)
    remap: dict[str, str] = {}
    notes_for: dict[str, list[str]] = defaultdict(list)
    for (vkey, country), keys in sorted(groups.items()):
        if len(keys) < 2:
            continue
        ordered = sorted(keys)
        parent = {k: k for k in ordered}

        def root(k: str, parent: dict[str, str] = parent) -> str:
            while parent[k] != k:
                k = parent[k]
            return k

        decisions: list[tuple[str, str, str, list[tuple[str, str]]]] = []
        for i, ka in enumerate(ordered):
            for kb_ in ordered[i + 1:]:
                shared = sorted(keys[ka]["posts"] & keys[kb_]["posts"])
                decisions.append((ka, kb_, vkey, shared))
                if shared:
                    ra, rb = root(ka), root(kb_)
                    parent[max(ra, rb)] = min(ra, rb)
        for ka, kb_, vkey_, shared in decisions:
            a, b = keys[ka], keys[kb_]
            la, lb = min(a["label"]), min(b["label"])
            if shared:
                note = (f"corpus: merge '{lb}' ({kb_}) and '{la}' ({ka}) as {root(ka)}: spelling variants "
                        f"(key '{vkey_}'), same country {country}, same post {'/'.join(shared[0])}")
            elif root(ka) == root(kb_):
                continue
            else:
                note = (f"corpus: non-merge '{la}' ({ka}) and '{lb}' ({kb_}): spelling variants "
                        f"of one country ({country}) but no shared post")
            for aid in sorted(a["articles"] | b["articles"]):
                notes_for[aid].append(note)
        for k in ordered:
            if root(k) != k:
                remap[k] = root(k)
    return MergePlan(dict(sorted(remap.items())), {k: tuple(v) for k, v in sorted(notes_for.items())})


def apply_merges(article: ResolvedArticle, plan: MergePlan) -> ResolvedArticle:
    """The article with keys remapped and its corpus notes appended (itself when untouched)."""
    aid = article.extraction.article.id
    persons = article.persons
    remap = plan.remap
    if any(p.key in remap for p in persons.values()):
        persons = {rid: (replace(p, key=remap[p.key]) if p.key in remap else p)
                   for rid, p in persons.items()}
    extra = plan.notes_for.get(aid, ())
    if extra or persons is not article.persons:
        article = replace(article, persons=persons, notes=article.notes + extra)
    return article


def merge_across(articles: list[ResolvedArticle]) -> list[ResolvedArticle]:
    """Merge people outside the KB written two ways, on strong evidence; note every decision.

    Returns the articles in the same order with keys remapped and the corpus notes appended to
    the notes of every article they concern.
    """
    plan = plan_merges((a.extraction.article.id, candidates(a)) for a in articles)
    return [apply_merges(a, plan) for a in articles]


def resolve_corpus(extractions: Iterable[Extraction], kb: KnowledgeBase) -> Iterator[ResolvedArticle]:
    """Resolve every article, then merge across articles; yields articles in input order.

    Notes
    -----
    The cross-article pass needs every article, so this holds the resolved articles in memory
    (persons and notes only add little to the extraction each already holds).
    """
    resolved = [resolve_article(x, kb) for x in extractions]
    log.info("resolved %d article(s) against KB %s", len(resolved), kb.version())
    yield from merge_across(resolved)
