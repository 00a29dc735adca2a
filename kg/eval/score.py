"""Score a built dataset against gold files by the rules of eval/GOLD_FORMAT.md.

Notes
-----
Persons are matched first (one-to-one, maximum); roles and events are then compared through that
person matching, so a role counts only when its holder is the matched node of the gold person.
An unmatched principal stands for itself, so an event with one unmatched principal never matches.
When several system nodes carry a gold person's names (a split), the gold person takes the node
sharing most of its forms, then the one the article cites most, so the duplicate counts as a
false person rather than stealing the roles and events.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

from kg.eval.dataset import (
    ArticleLocation,
    Names,
    SysArticle,
    SysEvent,
    SysPerson,
    find_articles,
    open_dataset,
    read_article,
)
from kg.eval.gold import (
    EntityForms,
    GoldArticle,
    GoldEntity,
    GoldEvent,
    entity_forms,
    gold_problems,
    load_gold_dir,
)
from kg.eval.matching import max_matching
from kg.eval.normalize import contains_words
from kg.eval.report import ArticleReport, AttributeCounts, Counts, EvalReport, Identity
from kg.store.oxigraph import Term

__all__ = [
    "cross_article_identity",
    "date_fits",
    "entity_fits",
    "evaluate",
    "person_fits",
    "score_article",
]

log = logging.getLogger(__name__)


def _node_id(node: Term) -> str:
    return node.value if node.kind == "iri" else f"_:{node.value}"


def _order(node: Term) -> tuple[str, str]:
    return (node.kind, node.value)


def person_fits(gold: GoldEntity, person: SysPerson) -> bool:
    """Whether a system person may be the gold person.

    A named gold person needs one label key equal to one of its ``ar`` keys; an unnamed one
    (known in the text only by a post) needs a label that is, or contains as whole words, its
    first ``ar`` form.
    """
    if not gold.keys:
        return False
    if gold.unnamed:
        return any(contains_words(k, gold.keys[0]) for k in person.keys)
    return not person.keys.isdisjoint(gold.keys)


def entity_fits(names: Names, gold_id: str, forms: EntityForms) -> bool:
    """Whether a node (with its ancestors' names) is the gold organisation or place ``gold_id``."""
    ar = forms.ar.get(gold_id, frozenset())
    en = forms.en.get(gold_id, frozenset())
    return not names.ar.isdisjoint(ar) or not names.en.isdisjoint(en)


def date_fits(gold_date: str | None, dates: tuple[str, ...]) -> bool:
    """A gold ``null`` needs no date; ``--MM-DD`` also accepts a full date with that month-day."""
    if gold_date is None:
        return not dates
    if gold_date.startswith("--"):
        return any(d == gold_date or (not d.startswith("--") and d[-6:] == gold_date[1:]) for d in dates)
    return gold_date in dates


def _attributes(gold: GoldEvent, event: SysEvent, forms: EntityForms) -> tuple[bool, bool, bool]:
    if gold.place is None:
        place = not event.locations
    else:
        place = any(entity_fits(loc, gold.place, forms) for loc in event.locations)
    date = date_fits(gold.date, event.dates)
    status = event.planned == (gold.status == "planned")
    return place, date, status


def score_article(gold: GoldArticle, system: SysArticle, forms: EntityForms, note: str = "") -> ArticleReport:
    """Compare one article's extraction with its gold annotation."""
    # ---- persons
    fits: dict[str, list[SysPerson]] = {}
    for g in gold.persons:
        cands = [p for p in system.persons if person_fits(g, p)]
        cands.sort(key=lambda p: (-len(p.keys & set(g.keys)), -p.refs, _order(p.node)))
        fits[g.id] = cands
    pmatch = max_matching({gid: [p.node for p in cands] for gid, cands in fits.items()})
    gold_of: dict[Term, str] = {node: gid for gid, node in pmatch.items()}
    by_node = {p.node: p for p in system.persons}
    hits: dict[Term, set[str]] = defaultdict(set)
    for gid, cands in fits.items():
        for p in cands:
            hits[p.node].add(gid)
    fused = sorted(f"{_node_id(n)}={'+'.join(sorted(ids))}" for n, ids in hits.items() if len(ids) > 1)

    def who(node: Term) -> str:
        if node in gold_of:
            return gold_of[node]
        person = by_node.get(node)
        return person.display if person else _node_id(node)

    # ---- roles
    role_cands: dict[int, list[Term]] = {}
    for i, r in enumerate(gold.roles):
        role_cands[i] = [m.node for m in system.memberships
                         if r.person in {gold_of.get(x) for x in m.members} and r.role in m.roles
                         and any(entity_fits(o, r.of, forms) for o in m.orgs)]
    rmatch = max_matching(role_cands)
    used_roles = set(rmatch.values())
    false_roles = sorted(
        f"{', '.join(sorted(who(x) for x in m.members)) or '?'}: {', '.join(m.roles) or '?'} "
        f"of {', '.join(sorted(o.display for o in m.orgs)) or '?'}"
        for m in system.memberships if m.node not in used_roles)

    # ---- events
    principals = {e.node: frozenset(gold_of.get(p, "?" + _node_id(p)) for p in e.principals) for e in system.events}
    by_event = {e.node: e for e in system.events}
    event_cands: dict[int, list[Term]] = {}
    for i, ge in enumerate(gold.events):
        fitting = [e for e in system.events if ge.type in e.types and principals[e.node] == ge.participants]
        fitting.sort(key=lambda e: (-sum(_attributes(ge, e, forms)), _order(e.node)))
        event_cands[i] = [e.node for e in fitting]
    ematch = max_matching(event_cands)
    attrs = AttributeCounts()
    wrong = []
    for i, node in sorted(ematch.items()):
        place, date, status = _attributes(gold.events[i], by_event[node], forms)
        attrs = attrs + AttributeCounts(1, int(place), int(date), int(status))
        bad = [n for n, ok in (("place", place), ("date", date), ("status", status)) if not ok]
        if bad:
            wrong.append(f"{gold.events[i]}: {', '.join(bad)}")
    used_events = set(ematch.values())
    false_events = sorted(
        f"{'/'.join(e.types)} [{', '.join(sorted(who(p) for p in e.principals))}]"
        for e in system.events if e.node not in used_events)

    return ArticleReport(
        stem=gold.stem,
        graph=system.graph,
        note=note,
        persons=Counts(len(pmatch), len(system.persons), len(gold.persons)),
        roles=Counts(len(rmatch), len(system.memberships), len(gold.roles)),
        events=Counts(len(ematch), len(system.events), len(gold.events)),
        attributes=attrs,
        missed_persons=tuple(sorted(g.id for g in gold.persons if g.id not in pmatch)),
        false_persons=tuple(sorted(p.display for p in system.persons if p.node not in gold_of)),
        missed_roles=tuple(sorted(str(r) for i, r in enumerate(gold.roles) if i not in rmatch)),
        false_roles=tuple(false_roles),
        missed_events=tuple(sorted(str(e) for i, e in enumerate(gold.events) if i not in ematch)),
        false_events=tuple(false_events),
        wrong_attributes=tuple(sorted(wrong)),
        person_map=tuple(sorted((gid, _node_id(node)) for gid, node in pmatch.items())),
        fused=tuple(fused),
    )


def _missing(gold: GoldArticle, loc: ArticleLocation) -> ArticleReport:
    return ArticleReport(
        stem=gold.stem, graph=None, note=loc.note,
        persons=Counts(0, 0, len(gold.persons)), roles=Counts(0, 0, len(gold.roles)),
        events=Counts(0, 0, len(gold.events)),
        missed_persons=tuple(sorted(g.id for g in gold.persons)),
        missed_roles=tuple(sorted(str(r) for r in gold.roles)),
        missed_events=tuple(sorted(str(e) for e in gold.events)),
    )


def cross_article_identity(golds: list[GoldArticle], articles: list[ArticleReport]) -> Identity:
    """Whether gold people seen in several articles are one node, and which nodes fuse people.

    Notes
    -----
    Only articles found in the dataset count. A blank node is local to its article, so a person
    matched to blank nodes in two articles is split.
    """
    found = {a.stem for a in articles if a.graph is not None}
    seen: dict[str, list[str]] = defaultdict(list)
    for g in golds:
        if g.stem in found:
            for p in g.persons:
                seen[p.id].append(g.stem)
    nodes_of: dict[str, set[str]] = defaultdict(set)
    matched_in: dict[str, set[str]] = defaultdict(set)
    people_of: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for gid, node in a.person_map:
            key = f"{a.stem}/{node}" if node.startswith("_:") else node
            nodes_of[gid].add(key)
            matched_in[gid].add(a.stem)
            people_of[key].add(gid)
    multi = sorted(gid for gid, stems in seen.items() if len(set(stems)) > 1)
    kept = [g for g in multi if matched_in[g] >= set(seen[g]) and len(nodes_of[g]) == 1]
    split = [g for g in multi if len(nodes_of[g]) > 1]
    missed = [g for g in multi if not matched_in[g] >= set(seen[g])]
    fused = sorted(f"{n}={'+'.join(sorted(ids))}" for n, ids in people_of.items() if len(ids) > 1)
    fused += sorted(f"{a.stem}:{f}" for a in articles for f in a.fused)
    return Identity(tuple(multi), tuple(kept), tuple(split), tuple(missed), tuple(fused))


def evaluate(dataset: Path, gold_dir: Path) -> EvalReport:
    """Score a dataset (an output folder or a TriG / N-Quads file) against a folder of gold files.

    Parameters
    ----------
    dataset
        An output folder (its ``dataset.trig``, else ``dataset.nq``) or a dataset file.
    gold_dir
        A folder of ``*.gold.json`` files (eval/GOLD_FORMAT.md).

    Returns
    -------
    EvalReport
        Per-kind and overall counts, event attribute accuracy, per-article rows with misses and
        false hits, identity across articles, and warnings (gold problems, articles not found).
    """
    golds, warnings = load_gold_dir(Path(gold_dir))
    forms = entity_forms(golds)
    for g in golds:
        warnings.extend("gold: " + p for p in gold_problems(g, forms))
    store = open_dataset(Path(dataset))
    locations, scope = find_articles(store, golds)
    articles = []
    for gold, loc in zip(golds, locations):
        if loc.note:
            warnings.append(f"{gold.stem}: {loc.note}")
        if loc.graph is None:
            articles.append(_missing(gold, loc))
            continue
        system = read_article(store, loc.graph, scope)
        articles.append(score_article(gold, system, forms, loc.note))
        log.debug("scored %s against graph %s", gold.stem, loc.graph)
    return EvalReport(
        dataset=str(dataset),
        gold_dir=str(gold_dir),
        articles=tuple(sorted(articles, key=lambda a: a.stem)),
        identity=cross_article_identity(golds, articles),
        warnings=tuple(sorted(set(warnings))),
    )
