"""Analytics: centralities, communities, pairs, months, and the files written."""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.outputs.analytics import analyze, compute_analytics, timeline_svg
from kg.outputs.graph import EventInfo, Network, PersonInfo

DATA = Path(__file__).resolve().parent / "data" / "views"
KG = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    d = tmp_path_factory.mktemp("an")
    shutil.copy(DATA / "dataset.nq", d / "dataset.nq")
    return d, analyze(d)


def _net(pairs: list[tuple[str, str]], types: list[str] | None = None) -> Network:
    names = sorted({x for p in pairs for x in p})
    persons = {n: PersonInfo(iri=n, label_ar="ش" + n, label_en=n, country="c" + n[0]) for n in names}
    events = tuple(EventInfo(iri=f"e{i}", type=(types or ["meeting"] * len(pairs))[i], participants=tuple(sorted(p)),
                             date=f"2025-0{1 + i % 3}-01") for i, p in enumerate(pairs))
    return Network(graph=nx.MultiDiGraph(), persons=persons, events=events)


def test_bridge_person_has_highest_betweenness():
    a = compute_analytics(_net([("a1", "a2"), ("a2", "b1"), ("b1", "b2"), ("a1", "a3"), ("a3", "a2")]))
    assert a.betweenness[0]["iri"] == "a2"
    assert a.degree[0]["iri"] == "a2" and a.degree[0]["people_met"] == 3


def test_two_cliques_make_two_communities():
    pairs = [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a1", "b1")]
    a = compute_analytics(_net(pairs))
    groups = sorted(sorted(m["iri"] for m in c["members"]) for c in a.communities)
    assert groups == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]


def test_pair_met_twice_ranks_first(result):
    _, a = result
    top = a.top_pairs[0]
    assert {top["a_label"], top["b_label"]} == {"أحمد الشرع", "فلاديمير بوتين"}
    assert top["events"] == 2 and top["types"] == {"phone_call": 1, "visit": 1}


def test_country_pairs_count_events_between_states(result):
    _, a = result
    first = a.country_pairs[0]
    assert {first["a_label"], first["b_label"]} == {"روسيا", "سوريا"} and first["events"] == 4


def test_events_per_month_by_type(result):
    _, a = result
    assert a.per_month == {"2025-07": {"meeting": 1, "phone_call": 1},
                           "2025-10": {"meeting": 1, "phone_call": 1, "visit": 2}}
    assert a.undated_events == 1


def test_files_written_and_json_matches(result):
    d, _ = result
    data = json.loads((d / "analytics.json").read_text(encoding="utf-8"))
    assert data["persons"] == 6 and data["events"] == 7
    md = (d / "analytics.md").read_text(encoding="utf-8")
    assert "## Betweenness centrality" in md and "<script>" not in md
    svg = ET.parse(d / "timeline.svg").getroot()
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if "bar" in (r.get("class") or "")]
    assert len(bars) == 5


def test_analytics_are_deterministic(result, tmp_path):
    d, _ = result
    shutil.copy(DATA / "dataset.nq", tmp_path / "dataset.nq")
    analyze(tmp_path)
    for name in ("analytics.json", "analytics.md", "timeline.svg"):
        assert (tmp_path / name).read_bytes() == (d / name).read_bytes()


def test_timeline_fills_missing_months():
    svg = timeline_svg({"2024-11": {"meeting": 1}, "2025-02": {"summit": 2}})
    assert all(m in svg for m in ("2024-11", "2024-12", "2025-01", "2025-02"))
