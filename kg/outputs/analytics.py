"""Network analytics of a built dataset: who is central, who meets whom, and when.

:func:`analyze` reads ``DIR/dataset.nq`` and writes ``DIR/analytics.json`` (for programs),
``DIR/analytics.md`` (for people) and ``DIR/timeline.svg`` (events per month by type).

Notes
-----
All measures are taken on the *meeting graph*: one node per person, one edge per pair of people
who are principals of the same event, weighted by the number of such events. Planned events
count in the pair tables (they say who is expected to meet) but not in the centralities, which
describe what happened. Exact betweenness costs O(nm) (about 22 s at 2,000 nodes in networkx), so
above :data:`EXACT_BETWEENNESS_LIMIT` nodes it is estimated from a fixed, seeded sample of
sources; Louvain communities give way to label propagation above :data:`LOUVAIN_LIMIT` nodes.
Both choices are recorded in the output, and a fixed seed keeps every figure reproducible.
"""
from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from kg.outputs.graph import EVENT_CLASSES, Network, load_network

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "LOUVAIN_LIMIT",
    "Analytics",
    "analyze",
    "compute_analytics",
    "meeting_graph",
    "timeline_svg",
]

log = logging.getLogger(__name__)

EXACT_BETWEENNESS_LIMIT = 1000
LOUVAIN_LIMIT = 3000
SAMPLE_SOURCES = 300
SEED = 0
TOP = 20
_TYPE_COLORS = {
    "meeting": "#1565c0", "phone_call": "#2e7d32", "visit": "#ef6c00",
    "press_conference": "#6a1b9a", "summit": "#6d4c41",
}


@dataclass(frozen=True)
class Analytics:
    """The figures written to analytics.json; every list is sorted (largest first, then by IRI)."""

    persons: int
    events: int
    met_pairs: int
    degree: tuple[dict[str, Any], ...]
    betweenness: tuple[dict[str, Any], ...]
    betweenness_method: str
    communities: tuple[dict[str, Any], ...]
    community_method: str
    top_pairs: tuple[dict[str, Any], ...]
    country_pairs: tuple[dict[str, Any], ...]
    per_month: dict[str, dict[str, int]]
    undated_events: int
    files: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def meeting_graph(network: Network, include_planned: bool = False) -> nx.Graph:
    """Persons joined by the number of events they were principals of together."""
    g = nx.Graph()
    g.add_nodes_from(sorted(network.persons))
    for ev in network.events:
        if ev.status == "planned" and not include_planned:
            continue
        ps = sorted(ev.principals)
        for i, u in enumerate(ps):
            for v in ps[i + 1:]:
                w = g.edges[u, v]["weight"] + 1 if g.has_edge(u, v) else 1
                g.add_edge(u, v, weight=w)
    return g


def _rank(values: dict[str, float], network: Network, extra: dict[str, int] | None = None) -> tuple[dict[str, Any], ...]:
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return tuple({
        "iri": n, "label_ar": network.persons[n].label_ar, "label_en": network.persons[n].label_en,
        "score": round(float(s), 6), **({"people_met": extra[n]} if extra is not None else {}),
    } for n, s in ordered if s > 0)


def compute_analytics(network: Network) -> Analytics:
    """All figures for one network (no files written)."""
    g = meeting_graph(network)
    n = g.number_of_nodes()
    degree = nx.degree_centrality(g) if n > 1 else {v: 0.0 for v in g}
    if n <= EXACT_BETWEENNESS_LIMIT:
        between = nx.betweenness_centrality(g, normalized=True)
        b_method = "exact (Brandes)"
    else:
        k = min(SAMPLE_SOURCES, n)
        between = nx.betweenness_centrality(g, k=k, normalized=True, seed=SEED)
        b_method = f"sampled from {k} sources (seed {SEED})"
    core = g.subgraph([v for v in g if g.degree(v) > 0])
    if core.number_of_nodes() == 0:
        comms: list[set[str]] = []
        c_method = "none (no meetings)"
    elif core.number_of_nodes() <= LOUVAIN_LIMIT:
        comms = nx.community.louvain_communities(core, weight="weight", seed=SEED)
        c_method = f"louvain (weight = events, seed {SEED})"
    else:
        comms = list(nx.community.label_propagation_communities(core))
        c_method = "label propagation"
    comms = sorted((c for c in comms if len(c) > 1), key=lambda c: (-len(c), min(c)))
    communities = tuple({
        "size": len(c),
        "members": [{"iri": m, "label_ar": network.persons[m].label_ar, "label_en": network.persons[m].label_en}
                    for m in sorted(c, key=lambda m: (-g.degree(m, weight="weight"), m))],
    } for c in comms)

    pairs: Counter[tuple[str, str]] = Counter()
    pair_types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    countries: Counter[tuple[str, str]] = Counter()
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for ev in network.events:
        ps = sorted(ev.principals)
        kind = "planned" if ev.status == "planned" else ev.type
        for i, u in enumerate(ps):
            for v in ps[i + 1:]:
                pairs[(u, v)] += 1
                pair_types[(u, v)][kind] += 1
        states = sorted({network.persons[p].country or "" for p in ps} - {""})
        for i, a in enumerate(states):
            for b in states[i + 1:]:
                countries[(a, b)] += 1
        if ev.month:
            per_month[ev.month][ev.type] += 1
        else:
            undated += 1
    top_pairs = tuple({
        "a": u, "b": v, "a_label": network.label(u), "b_label": network.label(v), "events": c,
        "types": dict(sorted(pair_types[(u, v)].items())),
    } for (u, v), c in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])
    country_pairs = tuple({
        "a": a, "b": b, "a_label": network.label(a), "b_label": network.label(b), "events": c,
    } for (a, b), c in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])
    people_met = {v: g.degree(v) for v in g}
    return Analytics(
        persons=len(network.persons),
        events=len(network.events),
        met_pairs=g.number_of_edges(),
        degree=_rank(degree, network, people_met),
        betweenness=_rank(between, network),
        betweenness_method=b_method,
        communities=communities,
        community_method=c_method,
        top_pairs=top_pairs,
        country_pairs=country_pairs,
        per_month={m: dict(sorted(c.items())) for m, c in sorted(per_month.items())},
        undated_events=undated,
    )


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_svg(per_month: dict[str, dict[str, int]]) -> str:
    """A stacked bar chart of events per month by type, as a standalone SVG document.

    Notes
    -----
    Written by hand rather than with a plotting library: the chart is simple, the bytes are the
    same on every run, and it needs no extra dependency or font cache.
    """
    types = [t for t in EVENT_CLASSES.values()]
    months = _months(min(per_month), max(per_month)) if per_month else []
    peak = max((sum(c.values()) for c in per_month.values()), default=1) or 1
    bar, gap, left, top, height = 22, 6, 48, 30, 220
    width = left + max(len(months), 1) * (bar + gap) + 20
    legend_y = top + height + 60
    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{legend_y + 30}" '
         f'viewBox="0 0 {width} {legend_y + 30}" font-family="DejaVu Sans, sans-serif" font-size="11">'),
        '<title>Events per month by type</title>',
        f'<rect width="{width}" height="{legend_y + 30}" fill="#ffffff"/>',
        f'<text x="{left}" y="18" font-size="13">Events per month by type</text>',
        f'<line x1="{left}" y1="{top + height}" x2="{width - 10}" y2="{top + height}" stroke="#444"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{top + height}" text-anchor="end">0</text>',
    ]
    for i, month in enumerate(months):
        x = left + i * (bar + gap) + gap
        y = float(top + height)
        for t in types:
            c = per_month.get(month, {}).get(t, 0)
            if not c:
                continue
            h = height * c / peak
            y -= h
            out.append(f'<rect class="bar {t}" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                       f'fill="{_TYPE_COLORS[t]}"><title>{escape(month)} {t}: {c}</title></rect>')
        out.append(f'<text x="{x + bar / 2}" y="{top + height + 14}" text-anchor="end" '
                   f'transform="rotate(-45 {x + bar / 2} {top + height + 14})">{escape(month)}</text>')
    for i, t in enumerate(types):
        x = left + i * 120
        out.append(f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{_TYPE_COLORS[t]}"/>')
        out.append(f'<text x="{x + 16}" y="{legend_y + 10}">{t}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(a: Analytics) -> str:
    """The figures as a Markdown report (names are escaped: they come from articles)."""
    lines = ["# Network analytics", "",
             (f"{a.persons} persons, {a.events} events, {a.met_pairs} pairs of people who met; "
              f"{a.undated_events} events without a known month."), "",
             "![events per month](timeline.svg)", "",
             "## Degree centrality", "", "| person | name | people met | degree |", "| --- | --- | --- | --- |"]
    lines += [f"| {_md_cell(r['label_ar'])} | {_md_cell(r['label_en'])} | {r['people_met']} | {r['score']:.3f} |"
              for r in a.degree]
    lines += ["", f"## Betweenness centrality ({a.betweenness_method})", "", "| person | name | betweenness |",
              "| --- | --- | --- |"]
    lines += [f"| {_md_cell(r['label_ar'])} | {_md_cell(r['label_en'])} | {r['score']:.3f} |" for r in a.betweenness]
    lines += ["", f"## Communities ({a.community_method})", ""]
    for i, c in enumerate(a.communities[:TOP], 1):
        names = "، ".join(_md_cell(m["label_ar"] or m["label_en"]) for m in c["members"][:12])
        more = f" … (+{c['size'] - 12})" if c["size"] > 12 else ""
        lines.append(f"{i}. ({c['size']}) {names}{more}")
    lines += ["", "## Most frequent pairs", "", "| person | person | events | types |", "| --- | --- | --- | --- |"]
    lines += [f"| {_md_cell(p['a_label'])} | {_md_cell(p['b_label'])} | {p['events']} | "
              f"{', '.join(f'{k} {v}' for k, v in p['types'].items())} |" for p in a.top_pairs]
    lines += ["", "## Most frequent country pairs", "", "| state | state | events |", "| --- | --- | --- |"]
    lines += [f"| {_md_cell(p['a_label'])} | {_md_cell(p['b_label'])} | {p['events']} |" for p in a.country_pairs]
    types = list(EVENT_CLASSES.values())
    lines += ["", "## Events per month", "", "| month | " + " | ".join(types) + " | total |",
              "| --- |" + " --- |" * (len(types) + 1)]
    for month, counts in a.per_month.items():
        lines.append(f"| {month} | " + " | ".join(str(counts.get(t, 0)) for t in types)
                     + f" | {sum(counts.values())} |")
    return "\n".join(lines) + "\n"


def analyze(out_dir: Path, network: Network | None = None) -> Analytics:
    """Compute the analytics of ``out_dir/dataset.nq`` and write analytics.json, analytics.md, timeline.svg."""
    out_dir = Path(out_dir)
    network = network if network is not None else load_network(out_dir)
    result = compute_analytics(network)
    files = ("analytics.json", "analytics.md", "timeline.svg")
    result = Analytics(**{**result.__dict__, "files": files})
    (out_dir / "timeline.svg").write_text(timeline_svg(result.per_month), encoding="utf-8")
    (out_dir / "analytics.md").write_text(to_markdown(result), encoding="utf-8")
    (out_dir / "analytics.json").write_text(result.to_json(), encoding="utf-8")
    log.info("analytics: %d persons, %d events -> %s", result.persons, result.events, out_dir / "analytics.json")
    return result
