"""Interactive network views: one self-contained HTML file per view, opened from disk with no network.

A view is a selection of the :class:`~kg.outputs.graph.Network` (the whole graph, one person's
ego network, one state, one period, optionally only some event types) rendered with vis-network.
The vis-network code and CSS are read from the installed ``pyvis`` package and inlined, so the
file makes no request at all (a Content-Security-Policy in the page forbids any).

Notes
-----
Every text that comes from articles (names, headlines, evidence sentences) reaches the page in one
JSON block whose ``<``, ``>`` and ``&`` are written as ``\\u003c`` escapes, and the page script puts
it in the document with ``textContent`` only: a name such as ``<script>alert(1)</script> مجهول``
stays text. Above :data:`PHYSICS_LIMIT` nodes the positions are computed once here (networkx,
community by community) and the browser's physics is off, so that thousands of nodes stay usable.
"""
from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.errors import OutputError
from kg.outputs.graph import EVENT_CLASSES, EventInfo, Network, find_nodes, load_network
from kg.rdf.iris import digest

__all__ = [
    "DEFAULT_VIEW_PERSONS",
    "PHYSICS_LIMIT",
    "VIEW_KINDS",
    "ViewSelection",
    "compute_layout",
    "render_view",
    "select_view",
    "view_data",
    "write_default_views",
    "write_view",
]

log = logging.getLogger(__name__)

#: Above this many nodes the layout is computed in Python and physics is off in the browser.
PHYSICS_LIMIT = 300
#: People shown at most in each view ``kg build`` writes (``kg view`` shows everything asked for).
DEFAULT_VIEW_PERSONS = 500
#: Kinds of focused views and the arguments each takes.
VIEW_KINDS: dict[str, int] = {"graph": 0, "person": 1, "country": 1, "period": 2}
#: Valid values of ``types``: the event types plus ``planned`` (announced, not yet held).
TYPE_FILTERS: tuple[str, ...] = tuple(sorted(set(EVENT_CLASSES.values()) | {"planned"}))

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
    "#31a354", "#756bb1", "#636363", "#ad494a",
)
_NO_COUNTRY = "#9e9e9e"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class ViewSelection:
    """What one view shows: its title, file stem, nodes and events (all sorted)."""

    title: str
    stem: str
    nodes: tuple[str, ...]
    events: tuple[EventInfo, ...]


@lru_cache(maxsize=1)
def _labels() -> dict[str, Any]:
    return json.loads((_TEMPLATES / "labels.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped inside pyvis (read once per process)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    for version in ("vis-9.1.2", "vis-9.0.4"):
        js, css = lib / version / "vis-network.min.js", lib / version / "vis-network.css"
        if js.is_file() and css.is_file():
            return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    raise OutputError("vis-network not found in the installed pyvis package (pyvis==0.3.2 is required)")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
                              autoescape=True, keep_trailing_newline=True)


def _safe_json(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, esc in _JSON_ESCAPES.items():
        text = text.replace(char, esc)
    return Markup(text)


def _file_stem(text: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.")
    if not clean or "%" in text or len(clean) > 60:
        return digest(text, size=10)
    return clean


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _type_ok(ev: EventInfo, types: frozenset[str] | None) -> bool:
    if types is None:
        return True
    return ev.type in types or (ev.status == "planned" and "planned" in types)


def _check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    wanted = frozenset(t.strip() for t in types if t.strip())
    unknown = sorted(wanted - set(TYPE_FILTERS))
    if unknown:
        raise OutputError(f"unknown event type(s) {', '.join(unknown)}: use {', '.join(TYPE_FILTERS)}")
    return wanted or None


def _met_graph(network: Network, events: Sequence[EventInfo]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(network.persons)
    for ev in events:
        ps = sorted(ev.principals)
        for i, u in enumerate(ps):
            for v in ps[i + 1:]:
                g.add_edge(u, v)
    return g


def _one(network: Network, query: str, kind: str) -> str:
    found = find_nodes(network, query, kind)
    if not found:
        raise OutputError(f"no {kind} matches '{query}'")
    if len(found) > 1:
        names = ", ".join(f"{network.label(n)} <{n}>" for n in found[:10])
        raise OutputError(f"'{query}' matches {len(found)} {kind} nodes, give the IRI: {names}")
    return found[0]


def _in_period(date: str | None, start: str, end: str) -> bool:
    if not date or not date[:4].isdigit():
        return False
    return start <= date[: len(start)] and date[: len(end)] <= end


def select_view(network: Network, kind: str, args: Sequence[str] = (), depth: int = 1,
                types: Iterable[str] | None = None, max_persons: int | None = None) -> ViewSelection:
    """Choose the nodes and events of a view.

    Parameters
    ----------
    kind
        ``graph`` (everything), ``person`` (NAME or IRI; the people met within ``depth`` steps),
        ``country`` (NAME or IRI; its officials and the people they met within ``depth`` steps),
        ``period`` (FROM TO as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, both ends included).
    types
        Keep only events of these types (``meeting``, ``phone_call``, ``visit``,
        ``press_conference``, ``summit``, ``planned``).
    max_persons
        Show at most this many people: those in the most events of the view (ties by IRI), and
        the events among them; the title says so. A browser cannot draw a network of tens of
        thousands of nodes, and the default views of a large corpus would take gigabytes.

    Notes
    -----
    Posts and the bodies they are held in come with every person shown, so that the side panel
    can say who ``الرئيس السوري`` was at the time; undated events fall outside every period.
    """
    if kind not in VIEW_KINDS:
        raise OutputError(f"unknown view '{kind}': use one of {', '.join(VIEW_KINDS)}")
    if len(args) != VIEW_KINDS[kind]:
        raise OutputError(f"view '{kind}' takes {VIEW_KINDS[kind]} argument(s), got {len(args)}")
    wanted = _check_types(types)
    titles = _labels()["titles"]
    events = [ev for ev in network.events if _type_ok(ev, wanted)]
    persons: set[str]
    if kind == "graph":
        persons = set(network.persons)
        title, stem = titles["graph"], "graph"
    elif kind in ("person", "country"):
        if kind == "person":
            centre = _one(network, args[0], "person")
            seeds = {centre}
            title = f"{titles['person']} {network.label(centre)}"
        else:
            centre = _one(network, args[0], "country")
            held = {p.person for p in network.posts if p.organization and
                    (p.organization == centre or network.entities[p.organization].country == centre)}
            seeds = {p for p, info in network.persons.items() if info.country == centre} | held
            title = f"{titles['country']} {network.label(centre)}"
        met = _met_graph(network, events)
        persons = set(seeds)
        frontier = set(seeds)
        for _ in range(max(depth, 0)):
            frontier = {v for u in frontier for v in met.neighbors(u)} - persons
            persons |= frontier
        stem = f"{kind}-{_file_stem(_local(centre))}" + (f"-d{depth}" if depth != 1 else "")
    else:
        start, end = args
        if not (start[:4].isdigit() and end[:4].isdigit()):
            raise OutputError(f"period bounds must be YYYY, YYYY-MM or YYYY-MM-DD, got '{start}' '{end}'")
        events = [ev for ev in events if _in_period(ev.date, start, end)]
        persons = {p for ev in events for p in ev.principals}
        title = f"{titles['period']} {start} – {end}"
        stem = f"period-{_file_stem(start)}-{_file_stem(end)}"
    if wanted is not None:
        stem += "-" + "+".join(sorted(wanted))
    if max_persons is not None and len(persons) > max_persons:
        activity = Counter(p for ev in events for p in set(ev.principals) if p in persons)
        ranked = sorted(persons, key=lambda p: (-activity[p], p))
        title += f" · {titles['most_active']} {max_persons:,} / {len(persons):,}"
        persons = set(ranked[:max_persons])
    chosen = tuple(ev for ev in events if ev.principals and set(ev.principals) <= persons)
    nodes: set[str] = {p for p in persons if p in network.graph}
    for post in network.posts:
        if post.person in nodes and post.organization and post.organization in network.graph:
            nodes.add(post.organization)
            state = network.entities[post.organization].country
            if state and state in network.graph:
                nodes.add(state)
    return ViewSelection(title=title, stem=stem, nodes=tuple(sorted(nodes)), events=chosen)


def _colors(network: Network) -> dict[str, str]:
    states = sorted(e.iri for e in network.entities.values() if e.kind == "country")
    return {s: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(states)}


def _label_blocks(graph: nx.Graph, rounds: int = 6, cap: int = 300) -> list[list[str]]:
    """Communities by a few rounds of capped label propagation in sorted node order (deterministic).

    Notes
    -----
    networkx's versions run until nothing changes and, on hub-heavy graphs (every official is
    linked to their state), let one label swallow the graph. A layout needs groups of a drawable
    size, so a label is not adopted by more than ``cap`` nodes and the rounds are bounded.
    """
    order = sorted(graph)
    label = {n: i for i, n in enumerate(order)}
    size: dict[int, int] = defaultdict(lambda: 1)
    for _ in range(rounds):
        changed = False
        for n in order:
            counts: dict[int, int] = defaultdict(int)
            for m in graph[n]:
                counts[label[m]] += 1
            own = label[n]
            candidates = [kv for kv in counts.items() if kv[0] == own or size[kv[0]] < cap]
            if not candidates:
                continue
            best = min(candidates, key=lambda kv: (-kv[1], kv[0]))[0]
            if best != own and counts[best] > counts.get(own, 0):
                size[own] -= 1
                size[best] += 1
                label[n], changed = best, True
        if not changed:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    for n in order:
        groups[label[n]].append(n)
    return list(groups.values())


def compute_layout(graph: nx.Graph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Positions for a large graph, computed once so that the browser needs no physics.

    Notes
    -----
    A force layout of the whole graph costs O(n²) per step, far too slow at 10,000 nodes, so the
    graph is cut into communities (a few rounds of label propagation: near-linear, deterministic), each block
    under 500 nodes gets its own Fruchterman-Reingold layout and larger ones a sunflower spiral,
    and the blocks are packed in rows, largest first. Blocks never overlap.
    """
    blocks: list[list[str]] = []
    for comp in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        if len(comp) <= 400:
            blocks.append(sorted(comp))
            continue
        blocks.extend(_label_blocks(graph.subgraph(comp)))
    blocks.sort(key=lambda b: (-len(b), b[0]))
    spacing = 55.0
    placed: dict[str, tuple[float, float]] = {}
    total_area = sum((2 * spacing * math.sqrt(len(b)) + spacing) ** 2 for b in blocks)
    row_width = max(math.sqrt(total_area), 1.0)
    x = y = row_height = 0.0
    for block in blocks:
        radius = spacing * math.sqrt(len(block)) if len(block) > 1 else 0.0
        if len(block) == 1:
            local = {block[0]: (0.0, 0.0)}
        elif len(block) < 500:
            pos = nx.spring_layout(graph.subgraph(block), seed=seed, iterations=40)
            local = {n: (float(p[0]) * radius, float(p[1]) * radius) for n, p in pos.items()}
        else:
            golden = math.pi * (3 - math.sqrt(5))
            local = {n: (radius * math.sqrt((i + 0.5) / len(block)) * math.cos(i * golden),
                         radius * math.sqrt((i + 0.5) / len(block)) * math.sin(i * golden))
                     for i, n in enumerate(block)}
        size = 2 * radius + spacing
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for n, (px, py) in local.items():
            placed[n] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_height = max(row_height, size)
    return placed


def view_data(network: Network, selection: ViewSelection) -> dict[str, Any]:
    """The JSON that the page script draws: nodes, edges, events, per-node details, articles."""
    labels = _labels()
    styles = labels["edge_types"]
    colors = _colors(network)
    g = network.graph
    shown = set(selection.nodes)
    events = list(selection.events)
    per_person: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        for p in sorted(set(ev.participants) | set(ev.attendees)):
            per_person[p].append(i)

    nodes: list[dict[str, Any]] = []
    for n in selection.nodes:
        d = g.nodes[n]
        kind = d["kind"]
        count = len(per_person.get(n, ()))
        state = d.get("country") or ""
        country_label = network.label(state) if state else ""
        if kind == "person":
            color = colors.get(state, _NO_COUNTRY)
            tooltip = "\n".join(x for x in (
                d["label_ar"], d["label_en"], country_label,
                *(f"{p.role_ar or p.role_en} — {network.label(p.organization) if p.organization else ''}"
                  for p in network.posts_of(n)),
                f"{labels['events_word']}: {count}",
            ) if x)
        else:
            color = colors.get(n, colors.get(state, "#78909c"))
            tooltip = "\n".join(x for x in (d["label_ar"], d["label_en"]) if x)
        nodes.append({
            "id": n, "kind": kind, "label_ar": d["label_ar"], "label_en": d["label_en"],
            "alt": list(network.persons[n].alt_labels) if n in network.persons else [],
            "shape": labels["node_kinds"][kind]["shape"], "color": color,
            "value": (1 + count) if kind == "person" else 3, "tooltip": tooltip,
            "country_label": country_label,
        })

    # met edges: one per pair of people and style (type, or planned), weighted by events
    pairs: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        ps = sorted(p for p in ev.principals if p in shown)
        style = "planned" if ev.status == "planned" else ev.type
        for a in range(len(ps)):
            for b in range(a + 1, len(ps)):
                pairs[(ps[a], ps[b], style)].append(i)
    edges: list[dict[str, Any]] = []
    for (u, v, style), idx in sorted(pairs.items()):
        st = styles[style]
        dates = sorted({d for i in idx if (d := events[i].date)})
        edges.append({
            "id": f"m{len(edges)}", "from": u, "to": v, "kind": "met", "style": style,
            "value": len(idx), "color": st["color"], "dashes": _dashes(st["dash"]),
            "label": f"{st['label']} × {len(idx)}",
            "tooltip": "\n".join([f"{network.label(u)} — {network.label(v)}", f"{st['label']} × {len(idx)}",
                                  *dates[:8]]),
            "events": idx,
        })
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if d["kind"] == "met" or u not in shown or v not in shown:
            continue
        st = styles[d["kind"]]
        text = d.get("role_label", "") if d["kind"] == "holds_post" else st["label"]
        period = f"{d.get('start') or '…'} → {d.get('end') or '…'}" if d.get("start") or d.get("end") else ""
        edges.append({
            "id": f"{d['kind'][0]}{len(edges)}", "from": u, "to": v, "kind": d["kind"], "style": d["kind"],
            "value": 1, "color": st["color"], "dashes": _dashes(st["dash"]), "arrows": "to",
            "label": " ".join(x for x in (text, period) if x),
            "tooltip": "\n".join(x for x in (text, network.label(v), period) if x),
            "events": [], "evidence": [e for e in d.get("evidence", "").split(" | ") if e],
        })

    details: dict[str, dict[str, Any]] = {}
    for n in selection.nodes:
        if n not in network.persons:
            continue
        posts = [{
            "role": p.role_ar or p.role_en, "organization": network.label(p.organization) if p.organization else "",
            "qualifier": p.qualifier or "", "start": p.start or "", "end": p.end or "",
            "evidence": list(p.evidence),
        } for p in network.posts_of(n)]
        evs = sorted(per_person.get(n, []), key=lambda i: (events[i].date or "", events[i].iri))
        arts = sorted({a for i in evs for a in events[i].articles}
                      | {a for p in network.posts_of(n) for a in p.articles})
        details[n] = {"posts": posts, "events": evs, "articles": arts}

    used_articles = sorted({a for ev in events for a in ev.articles}
                           | {a for d in details.values() for a in d["articles"]})
    articles = {}
    for aid in used_articles:
        info = network.articles.get(aid)
        articles[aid] = ({"identifier": info.identifier, "headline": info.headline,
                        "published": info.published or "", "url": info.url or ""}
                       if info else {"identifier": _local(aid), "headline": "", "published": "", "url": ""})
    others = sorted({p for ev in events for p in (*ev.participants, *ev.attendees)} - shown)
    physics = len(nodes) <= PHYSICS_LIMIT
    if not physics:
        layout_graph = nx.Graph()
        layout_graph.add_nodes_from(selection.nodes)
        layout_graph.add_edges_from((e["from"], e["to"]) for e in edges)
        pos = compute_layout(layout_graph)
        for node in nodes:
            node["x"], node["y"] = pos[node["id"]]
    return {
        "physics": physics,
        "nodes": nodes,
        "edges": edges,
        "events": [{
            "type": ev.type, "status": ev.status, "date": ev.date or "",
            "place": network.label(ev.place) if ev.place else "",
            "participants": list(ev.participants), "attendees": list(ev.attendees),
            "evidence": list(ev.evidence), "articles": list(ev.articles),
        } for ev in events],
        "details": details,
        "articles": articles,
        "names": {p: network.label(p) for p in others},
        "typeLabels": {k: v["label"] for k, v in styles.items()},
    }


def _dashes(spec: str) -> bool | list[int]:
    return [int(x) for x in spec.split()] if spec else False


def _legend(network: Network, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    labels = _labels()
    states = sorted({n["color"]: n["country_label"] or labels["no_country"]
                     for n in data["nodes"] if n["kind"] == "person"}.items(), key=lambda kv: kv[1])
    shapes = {
        "dot": Markup('<circle cx="8" cy="8" r="6" fill="#78909c"/>'),
        "diamond": Markup('<polygon points="8,1 15,8 8,15 1,8" fill="#78909c"/>'),
        "square": Markup('<rect x="2" y="2" width="12" height="12" fill="#78909c"/>'),
    }
    kinds = sorted({n["kind"] for n in data["nodes"]})
    styles = sorted({e["style"] for e in data["edges"]})
    return {
        "countries": [{"color": c, "label": lbl} for c, lbl in states],
        "nodes": [{"svg": shapes[labels["node_kinds"][k]["shape"]], "label": labels["node_kinds"][k]["label"]}
                  for k in kinds],
        "edges": [{"color": labels["edge_types"][s]["color"], "dash": labels["edge_types"][s]["dash"] or "none",
                   "label": labels["edge_types"][s]["label"]} for s in styles],
    }


def render_view(network: Network, selection: ViewSelection, english: bool = False) -> str:
    """The whole HTML page of a view, with vis-network, CSS and data inlined."""
    data = view_data(network, selection)
    js, css = _vis_assets()
    names = sorted({x for n in data["nodes"] if n["kind"] == "person"
                    for x in (n["label_ar"], n["label_en"]) if x})
    return _env().get_template("view.html").render(
        title=selection.title,
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
        physics=data["physics"],
        english=english,
        names=names,
        legend=_legend(network, data),
        data_json=_safe_json(data),
        vis_js=Markup(js),
        vis_css=Markup(css),
        view_js=Markup((_TEMPLATES / "view.js").read_text(encoding="utf-8")),
        view_css=Markup((_TEMPLATES / "view.css").read_text(encoding="utf-8")),
    )


def write_view(out_dir: Path, kind: str, *args: str, depth: int = 1, types: Iterable[str] | None = None,
               english: bool = False, network: Network | None = None, max_persons: int | None = None) -> Path:
    """Write one view to ``out_dir/views/STEM.html`` and return its path.

    ``network`` may be given to avoid reading the dataset again when writing several views.
    """
    out_dir = Path(out_dir)
    network = network if network is not None else load_network(out_dir)
    selection = select_view(network, kind, args, depth=depth, types=types, max_persons=max_persons)
    return _write_selection(out_dir, network, selection, english)


def _write_selection(out_dir: Path, network: Network, selection: ViewSelection, english: bool = False) -> Path:
    views = out_dir / "views"
    views.mkdir(parents=True, exist_ok=True)
    path = views / (selection.stem + ("-en" if english else "") + ".html")
    path.write_text(render_view(network, selection, english=english), encoding="utf-8")
    log.info("view %s: %d nodes, %d events -> %s", selection.stem, len(selection.nodes), len(selection.events), path)
    return path


def write_default_views(out_dir: Path, network: Network | None = None) -> list[Path]:
    """Write ``views/graph.html`` (the whole graph), one view per state, and ``views/index.html``.

    The index is a plain page of links (no script), listing each view with its node count.
    """
    out_dir = Path(out_dir)
    network = network if network is not None else load_network(out_dir)
    selections = [select_view(network, "graph", max_persons=DEFAULT_VIEW_PERSONS)]
    for iri, info in sorted(network.entities.items()):
        if info.kind != "country" or iri not in network.graph:
            continue
        if not any(p.country == iri for p in network.persons.values()):
            continue
        selections.append(select_view(network, "country", (iri,), max_persons=DEFAULT_VIEW_PERSONS))
    written = [(sel.title, _write_selection(out_dir, network, sel), len(sel.nodes)) for sel in selections]
    index = out_dir / "views" / "index.html"
    index.write_text(_env().get_template("index.html").render(
        title=_labels()["titles"]["index"],
        views=[{"title": t, "href": p.name, "nodes": n} for t, p, n in written],
        persons=len(network.persons), events=len(network.events), articles=len(network.articles),
    ), encoding="utf-8")
    return [index] + [p for _, p, _ in written]
