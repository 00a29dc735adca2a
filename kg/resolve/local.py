"""Resolution within one article: each local person to a KB official or to a stable new key.

Notes
-----
The NLP stage has already joined the mentions it could (``سيرغي لافروف`` ... ``لافروف``) into one
:class:`~kg.records.PersonRef`. What remains is decided here, from the article and the KB alone, so
that articles resolve in parallel and incrementally:

* a full name (two words or more) that the KB lists resolves to that official;
* a surname alone (``الشرع``) resolves only when one candidate fits: the other people of the
  article, the post stated with it, or the country decide; when two officials fit (أحمد الشرع and
  ماهر الشرع are both in the article) it stays unresolved and a note says so;
* a spelling variant of a foreign name (سيرجي/سيرغي, بوتن/بوتين) resolves when the KB's full name
  has the same variant key and nothing contradicts it (country), or a cue supports it (same
  country or same post) for a single word;
* a person known only by a post (``الرئيس السوري``) resolves to the KB holder of that post at the
  article's date, or in the range inferred from its content (:mod:`kg.resolve.period`);
* anyone else gets a key from the normalised name and country (``x-<slug>-<cc>-<hash>``), the same
  in every article, or an article-scoped key when the evidence is too thin to merge on (a single
  word without a country, an unnamed post holder that the KB cannot identify).
"""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from kg.records import Extraction, Person, PersonRef, Post, ResolvedArticle
from kg.resolve.kb import KbPerson, KbPost, KnowledgeBase
from kg.resolve.names import name_key, tokens, variant_key
from kg.resolve.period import Period, PeriodConstraint, infer_period, parse_iso_day, tenure_intervals
from kg.resolve.translit import romanise, slug_ascii

__all__ = ["Window", "person_key", "resolve_article"]

log = logging.getLogger(__name__)

#: The days an article speaks of: (first, last), equal when the date is known.
Window = tuple[date, date]

_SKIP_QUALIFIERS = frozenset({"former", "designate"})


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


def person_key(name: str, country: str | None) -> str:
    """The stable key of a person the KB does not know: slug, country, hash of the match key.

    Examples
    --------
    >>> person_key("زياد النخالة", "ps").startswith("x-")
    True
    """
    cc = country or "xx"
    slug = slug_ascii(name)[:40].strip("-") or "person"
    return f"x-{slug}-{cc}-{_short_hash(name_key(name), cc)}"


def _scoped_key(prefix: str, name: str, article_id: str, ref_id: str) -> str:
    slug = slug_ascii(name)[:40].strip("-") or "person"
    return f"{prefix}-{slug}-{_short_hash(article_id, ref_id, name_key(name))}"


@dataclass(frozen=True)
class _Match:
    """A KB candidate for a local person and how its name matched."""

    person: KbPerson
    how: str          # full | short | variant-full | variant-short
    name: str         # the article's form that matched


def _names(ref: PersonRef) -> tuple[str, ...]:
    seen: list[str] = []
    for name in (ref.name, *ref.forms):
        if name and name_key(name) and name_key(name) not in [name_key(s) for s in seen]:
            seen.append(name)
    return tuple(seen)


def _candidates(ref: PersonRef, kb: KnowledgeBase) -> list[_Match]:
    """Exact-key matches first; variant-key matches only when no exact match exists."""
    return _best_matches(ref, kb.find_by_name, "") or _best_matches(ref, kb.find_by_variant, "variant-")


def _best_matches(ref: PersonRef, find, kind: str) -> list[_Match]:
    """KB persons found by ``find`` for any name of ``ref``, each once, a full-name match preferred."""
    found: dict[str, _Match] = {}
    for name in _names(ref):
        how = kind + ("full" if len(tokens(name)) > 1 else "short")
        for person in find(name):
            old = found.get(person.id)
            if old is None or (old.how == kind + "short" and how == kind + "full"):
                found[person.id] = _Match(person, how, name)
    return [found[k] for k in sorted(found)]


def _holds(person: KbPerson, role: str, of: str, window: Window | None) -> bool:
    posts = person.posts_as(role, of)
    if window is None:
        return bool(posts)
    return any(p.may_cover(*window) for p in posts)


class _ArticleResolver:
    """The state of resolving one article (kept out of the public API)."""

    def __init__(self, extraction: Extraction, kb: KnowledgeBase) -> None:
        self.x = extraction
        self.kb = kb
        self.article_id = extraction.article.id
        self.notes: list[str] = []
        self.posts_of: dict[str, list[Post]] = defaultdict(list)
        for post in extraction.posts:
            self.posts_of[post.person].append(post)
        self.refs = sorted(extraction.persons, key=lambda r: r.id)
        self.candidates = {r.id: _candidates(r, kb) for r in self.refs if not r.unnamed}

    # -- stated posts -------------------------------------------------------------------------
    def stated(self, ref_id: str) -> list[tuple[str, str]]:
        """The (role, of) pairs the article states for a person, current posts only."""
        return sorted({(p.role, p.of) for p in self.posts_of.get(ref_id, ())
                       if (p.qualifier or "") not in _SKIP_QUALIFIERS})

    # -- named persons ------------------------------------------------------------------------
    def pick_named(self, ref: PersonRef, window: Window | None,
                   settled: dict[str, KbPerson]) -> tuple[KbPerson | None, str]:
        """The KB person a named local person is, or None, and the reason in words."""
        matches = self.candidates.get(ref.id, [])
        if not matches:
            return None, "not in the KB"
        stated = self.stated(ref.id)
        variant = matches[0].how.startswith("variant")
        if variant:
            return self._pick_variant(ref, matches, stated, window)
        full = [m for m in matches if m.how == "full"]
        pool = full or matches
        if ref.country:
            same = [m for m in pool if m.person.country in (None, ref.country)]
            pool = same or pool
        if len(pool) > 1 and stated:
            by_post = [m for m in pool if any(_holds(m.person, r, o, window) for r, o in stated)]
            if by_post:
                pool = by_post
        if len(pool) > 1 and window is not None:
            by_time = [m for m in pool if any(p.may_cover(*window) for p in m.person.posts)]
            if by_time:
                pool = by_time
        if len(pool) > 1 and not full:
            # a surname alone: another person of the article, named in full, may settle it
            present = [m for m in pool if any(p.id == m.person.id for p in settled.values())]
            if len(present) == 1:
                return present[0].person, (f"'{present[0].name}' is the surname of "
                                           f"{present[0].person.id}, named in full in the article")
        if len(pool) == 1:
            m = pool[0]
            how = "full name" if m.how == "full" else "short form"
            return m.person, f"KB {how} '{m.name}'"
        ids = ", ".join(m.person.id for m in pool)
        return None, f"ambiguous: '{pool[0].name}' fits {ids}; left unresolved"

    def _pick_variant(self, ref: PersonRef, matches: list[_Match], stated: list[tuple[str, str]],
                      window: Window | None) -> tuple[KbPerson | None, str]:
        supported = []
        for m in matches:
            if ref.country and m.person.country and ref.country != m.person.country:
                continue
            same_country = bool(ref.country) and ref.country == m.person.country
            same_post = any(_holds(m.person, r, o, window) for r, o in stated)
            if m.how == "variant-full" or same_country or same_post:
                cue = ("same post" if same_post else "same country" if same_country else "KB full name")
                supported.append((m, cue))
        if len(supported) == 1:
            m, cue = supported[0]
            return m.person, f"spelling variant '{m.name}' of KB name (variant key '{variant_key(m.name)}', {cue})"
        if not supported:
            ids = ", ".join(m.person.id for m in matches)
            return None, f"spelling variant of {ids} without a supporting cue; not merged"
        ids = ", ".join(m.person.id for m, _ in supported)
        return None, f"ambiguous spelling variant: fits {ids}; left unresolved"

    # -- unnamed post holders -----------------------------------------------------------------
    def pick_unnamed(self, ref: PersonRef, window: Window | None,
                     settled: dict[str, KbPerson]) -> tuple[KbPerson | None, str]:
        stated = self.stated(ref.id)
        if not stated:
            return None, "known only by a description with no post; left unresolved"
        if window is None:
            return None, "post holder, but the article has no date and none could be inferred"
        found: dict[str, KbPerson] = {}
        for role, of in stated:
            for person in self.kb.holders(role, of, window):
                found[person.id] = person
        if not found:
            return None, f"no KB holder of {'/'.join(stated[0])} in {_fmt(window)}"
        if len(found) > 1 and window[0] == window[1]:
            sure = {i: p for i, p in found.items()
                    if any(q.surely_covers(window[0]) for r, o in stated for q in p.posts_as(r, o))}
            found = sure or found
        if len(found) > 1:
            present = {i: p for i, p in found.items() if any(s.id == i for s in settled.values())}
            if len(present) == 1:
                person = next(iter(present.values()))
                return person, (f"holder of {'/'.join(stated[0])} in {_fmt(window)} among several, "
                                f"and the one named in the article")
        if len(found) == 1:
            person = next(iter(found.values()))
            return person, f"holder of {'/'.join(stated[0])} in {_fmt(window)}"
        return None, (f"several KB holders of {'/'.join(stated[0])} in {_fmt(window)} "
                      f"({', '.join(sorted(found))}); left unresolved")

    # -- period ---------------------------------------------------------------------------------
    def official_constraints(self) -> list[PeriodConstraint]:
        """Tenure constraints of officials named in full with a post the KB knows for them."""
        out = []
        for ref in self.refs:
            if ref.unnamed:
                continue
            person, _why = self.pick_named(ref, None, {})
            if person is None:
                continue
            for role, of in self.stated(ref.id):
                intervals = tenure_intervals(person.posts_as(role, of))
                if intervals:
                    out.append(PeriodConstraint(intervals, f"{person.id} as {role}/{of} "
                                                f"({', '.join(_fmt(i) for i in intervals)})"))
        return sorted(out, key=lambda c: c.basis)

    def window(self) -> tuple[Window | None, Period | None]:
        day = parse_iso_day(self.x.article.published)
        if day is not None:
            return (day, day), None
        period = infer_period(self.x, self.official_constraints())
        if period is None:
            return None, None
        return (period.first, period.last), period


def _fmt(window: tuple[date, date]) -> str:
    first, last = window
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def _kb_person(person: KbPerson, ref: PersonRef) -> Person:
    alts = sorted({n for n in _names(ref) if n != person.name_ar})
    return Person(
        key=person.id,
        label_ar=person.name_ar,
        label_en=person.name_en,
        alt_labels=tuple(alts),
        wikidata=person.wikidata,
        country=person.country or ref.country,
        in_kb=True,
    )


def _new_person(ref: PersonRef, article_id: str, stated: list[tuple[str, str]], scoped: bool) -> Person:
    alts = tuple(sorted({n for n in _names(ref) if n != ref.name}))
    if ref.unnamed:
        role, of = stated[0] if stated else ("person", ref.country or "xx")
        key = _scoped_key("u", f"{role} {of}", article_id, ref.id)
        label_en = f"unidentified {role.replace('_', ' ')} ({of})"
    else:
        key = _scoped_key("x", ref.name, article_id, ref.id) if scoped else person_key(ref.name, ref.country)
        label_en = romanise(ref.name)
    return Person(key=key, label_ar=ref.name, label_en=label_en, alt_labels=alts,
                  country=ref.country, in_kb=False)


def _fill_posts(extraction: Extraction, resolved: dict[str, KbPerson], window: Window | None) -> tuple[Post, ...]:
    """Posts with their KB tenure (start/end) where the KB post matches."""
    out = []
    for post in extraction.posts:
        person = resolved.get(post.person)
        if person is None or post.start or post.end:
            out.append(post)
            continue
        kb_posts: list[KbPost] = list(person.posts_as(post.role, post.of))
        if window is not None and len(kb_posts) > 1:
            kb_posts = [p for p in kb_posts if p.may_cover(*window)] or kb_posts
        if len(kb_posts) != 1:
            out.append(post)
            continue
        kb_post = kb_posts[0]
        out.append(replace(post, start=kb_post.iso_start(), end=kb_post.iso_end()))
    return tuple(out)


def resolve_article(extraction: Extraction, kb: KnowledgeBase) -> ResolvedArticle:
    """Map every local person of one article to a resolved :class:`~kg.records.Person`.

    Deterministic and dependent only on the article and the KB, so articles resolve in parallel
    and incrementally. Posts gain their KB tenure; undated articles get an inferred period with
    its basis; every merge and every non-merge of similar names is a note for the build report.
    """
    r = _ArticleResolver(extraction, kb)
    window, period = r.window()
    settled: dict[str, KbPerson] = {}
    reasons: dict[str, str] = {}
    # full names first, then short forms and variants (they may lean on full names), then posts
    order = sorted((ref for ref in r.refs if not ref.unnamed),
                   key=lambda ref: (len(tokens(ref.name)) < 2, ref.id))
    for ref in order:
        person, why = r.pick_named(ref, window, settled)
        reasons[ref.id] = why
        if person is not None:
            settled[ref.id] = person
    for ref in (ref for ref in r.refs if ref.unnamed):
        person, why = r.pick_unnamed(ref, window, settled)
        reasons[ref.id] = why
        if person is not None:
            settled[ref.id] = person

    persons: dict[str, Person] = {}
    notes: list[str] = []
    aid = extraction.article.id
    for ref in r.refs:
        kb_person = settled.get(ref.id)
        if kb_person is not None:
            persons[ref.id] = _kb_person(kb_person, ref)
            notes.append(f"{aid}: merge {ref.id} '{ref.name}' -> {kb_person.id}: {reasons[ref.id]}")
            continue
        scoped = ref.unnamed or reasons[ref.id].startswith("ambiguous") or (
            len(tokens(ref.name)) < 2 and not ref.country)
        persons[ref.id] = _new_person(ref, aid, r.stated(ref.id), scoped)
        if reasons[ref.id] != "not in the KB":
            notes.append(f"{aid}: unresolved {ref.id} '{ref.name}' -> {persons[ref.id].key}: {reasons[ref.id]}")
    notes.extend(_same_key_notes(aid, r.refs, persons))
    notes.extend(_similar_name_notes(aid, r.refs, persons))
    if period is not None:
        notes.append(f"{aid}: inferred period {_fmt((period.first, period.last))} from {period.basis}")
        for basis in period.dropped:
            notes.append(f"{aid}: period constraint dropped for conflicting: {basis}")
    new_extraction = replace(extraction, posts=_fill_posts(extraction, settled, window))
    return ResolvedArticle(
        extraction=new_extraction,
        persons=persons,
        notes=tuple(notes),
        inferred_period=period.as_strings() if period is not None else None,
        period_basis=period.basis if period is not None else None,
    )


def _same_key_notes(aid: str, refs: list[PersonRef], persons: dict[str, Person]) -> list[str]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        by_key[persons[ref.id].key].append(ref.id)
    return [f"{aid}: merge {', '.join(ids)} are one person {key} (the article names them apart)"
            for key, ids in sorted(by_key.items()) if len(ids) > 1]


def _similar_name_notes(aid: str, refs: list[PersonRef], persons: dict[str, Person]) -> list[str]:
    """Non-merges of people whose names share a word (الشرع) or a variant key."""
    out = []
    named = [r for r in refs if not r.unnamed]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            ka, kb_ = persons[a.id].key, persons[b.id].key
            if ka == kb_:
                continue
            wa, wb = set(tokens(a.name)), set(tokens(b.name))
            shared = sorted(w for w in wa & wb if len(w) > 2)
            if shared:
                out.append(f"{aid}: non-merge {a.id} '{a.name}' ({ka}) and {b.id} '{b.name}' ({kb_}) "
                           f"share '{' '.join(shared)}' but are different people")
            elif variant_key(a.name) == variant_key(b.name):
                out.append(f"{aid}: non-merge {a.id} '{a.name}' ({ka}) and {b.id} '{b.name}' ({kb_}) "
                           f"are spelling variants without supporting evidence")
    return out
