"""Synthetic contract-conformant datasets of any size, for the large-view tests and the benchmark.

Names are random sequences of Arabic letters (code points, no word list); states, posts, events
and articles follow the RDF contract of DESIGN.md. The same ``seed`` gives the same bytes.
"""
from __future__ import annotations

import random
from pathlib import Path

BASE = "https://w3id.org/kg-news/id/"
KG = "https://w3id.org/kg-news/ontology#"
S = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ROLE = "https://w3id.org/kg-news/role/"
CLASSES = ("Meeting", "Meeting", "Meeting", "PhoneCall", "PhoneCall", "Visit", "Summit", "PressConference")
ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister", "minister", "ambassador")
_LETTERS = [chr(c) for c in range(0x0628, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(_LETTERS) for _ in range(rng.randint(3, 6))) for _ in range(2))


def _lit(v: str, lang: str | None = None, dt: str | None = None) -> str:
    v = v.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{v}"@{lang}' if lang else (f'"{v}"^^<{dt}>' if dt else f'"{v}"')


def synthetic_nquads(n_persons: int, seed: int = 7, events_per_person: float = 1.5) -> str:
    """N-Quads text of ``n_persons`` officials of ``n_persons // 40 + 3`` states and their events."""
    rng = random.Random(seed)
    n_states = n_persons // 40 + 3
    lines: list[str] = []
    n_articles = max(1, n_persons // 5)

    def q(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"<{s}> <{p}> {o} <{g}> .\n")

    for a in range(n_articles):
        g = f"{BASE}article/syn{a:06d}"
        q(g, RDF_TYPE, f"<{S}NewsArticle>", g)
        q(g, "http://purl.org/dc/terms/identifier", _lit(f"syn{a:06d}.txt"), g)
        q(g, f"{S}headline", _lit(_name(rng), "ar"), g)
        q(g, f"{S}datePublished", _lit(f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", dt=XSD_DATE), g)
    g0 = f"{BASE}article/syn000000"
    for s in range(n_states):
        c = f"{BASE}country/state{s:04d}"
        q(c, RDF_TYPE, f"<{S}Country>", g0)
        q(c, RDF_TYPE, f"<{ORG}Organization>", g0)
        q(c, LABEL, _lit(_name(rng), "ar"), g0)
        q(c, LABEL, _lit(f"State {s}", "en"), g0)
    for p in range(n_persons):
        g = f"{BASE}article/syn{rng.randrange(n_articles):06d}"
        iri = f"{BASE}person/p{p:06d}"
        state = f"{BASE}country/state{p % n_states:04d}"
        q(iri, RDF_TYPE, f"<{S}Person>", g)
        q(iri, LABEL, _lit(_name(rng), "ar"), g)
        q(iri, LABEL, _lit(f"Person {p}", "en"), g)
        q(iri, f"{KG}nationality", f"<{state}>", g)
        m = f"{BASE}membership/p{p:06d}"
        q(m, RDF_TYPE, f"<{ORG}Membership>", g)
        q(m, f"{ORG}member", f"<{iri}>", g)
        q(m, f"{ORG}organization", f"<{state}>", g)
        q(m, f"{ORG}role", f"<{ROLE}{rng.choice(ROLES)}>", g)
    n_events = int(n_persons * events_per_person)
    for e in range(n_events):
        g = f"{BASE}article/syn{rng.randrange(n_articles):06d}"
        ev = f"{BASE}event/e{e:07d}"
        a = rng.randrange(n_persons)
        # mostly within a neighbourhood, so that the graph has communities like real news
        b = (a + rng.randint(1, 25)) % n_persons if rng.random() < 0.85 else rng.randrange(n_persons)
        q(ev, RDF_TYPE, f"<{KG}{rng.choice(CLASSES)}>", g)
        for x in sorted({a, b}):
            q(ev, f"{KG}participant", f"<{BASE}person/p{x:06d}>", g)
            q(ev, f"{S}attendee", f"<{BASE}person/p{x:06d}>", g)
        q(ev, f"{S}startDate", _lit(f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", dt=XSD_DATE), g)
        q(ev, f"{KG}evidence", _lit(_name(rng) + " " + _name(rng), "ar"), g)
        if rng.random() < 0.1:
            q(ev, f"{S}eventStatus", f"<{S}EventScheduled>", g)
    return "".join(sorted(set(lines)))


def write_synthetic(out_dir: Path, n_persons: int, seed: int = 7) -> Path:
    """Write ``out_dir/dataset.nq`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "dataset.nq"
    path.write_text(synthetic_nquads(n_persons, seed), encoding="utf-8")
    return path
