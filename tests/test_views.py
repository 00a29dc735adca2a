"""Views without a browser: selection, escaping, self-containment, determinism, CLI."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli_views import register
from kg.errors import OutputError
from kg.outputs.graph import find_nodes, load_network, match_key
from kg.outputs.views import select_view, view_data, write_default_views, write_view

DATA = Path(__file__).resolve().parent / "data" / "views"
KG = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("out")
    shutil.copy(DATA / "dataset.nq", d / "dataset.nq")
    return d


@pytest.fixture(scope="module")
def network(out):
    return load_network(out)


def _local(iris):
    return sorted(i.rsplit("/", 1)[1] for i in iris)


def test_dataset_gives_persons_states_and_posts(network):
    kinds = {d["kind"] for _, d in network.graph.nodes(data=True)}
    assert kinds == {"person", "country", "organization"}
    assert len(network.persons) == 6
    lavrov = network.persons[KG + "person/sergey_lavrov"]
    assert lavrov.label_ar == "سيرغي لافروف" and lavrov.country == KG + "country/russia"
    post = next(p for p in network.posts if p.person == lavrov.iri)
    assert (post.role, post.start, post.role_ar) == ("foreign_minister", "2004-03-09", "وزير الخارجية")


def test_role_without_label_falls_back_to_its_id(network):
    post = next(p for p in network.posts if p.person.endswith("vladimir_putin"))
    assert post.role_en == "head of state"


def test_planned_event_and_month_day_date_are_kept(network):
    planned = [e for e in network.events if e.status == "planned"]
    assert len(planned) == 1 and planned[0].date == "--11-05" and planned[0].month is None


@pytest.mark.parametrize("name", ["أحمد الشرع", "احمد الشرع", "أَحْمَد الشرع", "Ahmed al-Sharaa", "الشرع"])
def test_person_found_by_name_variants(network, name):
    assert find_nodes(network, name, "person") == [KG + "person/ahmed_al_sharaa"]


def test_match_key_ignores_hamza_tashkeel_and_tatweel():
    assert match_key("أَحـــمد") == match_key("احمد")


def test_ego_view_holds_people_met_within_depth(network):
    one = select_view(network, "person", ["لافروف"], depth=1)
    assert _local(p for p in one.nodes if "/person/" in p) == ["asaad_al_shaibani", "badr_abdelatty", "sergey_lavrov"]
    two = select_view(network, "person", ["لافروف"], depth=2)
    assert KG + "person/evil" in two.nodes


def test_country_view_holds_its_officials_and_their_counterparts(network):
    sel = select_view(network, "country", ["سوريا"])
    assert _local(p for p in sel.nodes if "/person/" in p) == [
        "ahmed_al_sharaa", "asaad_al_shaibani", "sergey_lavrov", "vladimir_putin"]


def test_period_view_keeps_only_dated_events_inside(network):
    sel = select_view(network, "period", ["2025-07-01", "2025-07-31"])
    assert sorted(e.date for e in sel.events) == ["2025-07-30", "2025-07-31"]


def test_types_filter_keeps_only_those_events(network):
    sel = select_view(network, "graph", [], types=["phone_call"])
    assert {e.type for e in sel.events} == {"phone_call"}
    assert sel.stem == "graph-phone_call"


def test_unknown_type_or_person_is_a_clear_error(network):
    with pytest.raises(OutputError, match="unknown event type"):
        select_view(network, "graph", [], types=["dinner"])
    with pytest.raises(OutputError, match="no person matches"):
        select_view(network, "person", ["مجهول تماما"])


def test_met_edges_weighted_and_styled_by_type(network):
    data = view_data(network, select_view(network, "graph"))
    met = {(e["from"].rsplit("/", 1)[1], e["to"].rsplit("/", 1)[1], e["style"]): e["value"]
           for e in data["edges"] if e["kind"] == "met"}
    assert met[("asaad_al_shaibani", "sergey_lavrov", "meeting")] == 2
    assert met[("badr_abdelatty", "sergey_lavrov", "planned")] == 1
    assert ("ahmed_al_sharaa", "vladimir_putin", "visit") in met
    assert ("ahmed_al_sharaa", "vladimir_putin", "phone_call") in met


def test_view_file_is_self_contained(out, network):
    html = write_view(out, "graph", network=network).read_text(encoding="utf-8")
    assert "vis.Network" in html and "new vis.DataSet" in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    assert "//cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "bootstrap" not in html.lower()


def test_markup_in_names_is_escaped_in_the_file(out, network):
    html = write_view(out, "graph", network=network).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<b>Evil" not in html and "<img src=x" not in html
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.DOTALL).group(1)
    data = json.loads(block)
    evil = next(n for n in data["nodes"] if n["id"].endswith("/evil"))
    assert evil["label_ar"] == "<script>alert(1)</script> مجهول"


def test_views_are_deterministic(out, network):
    a = write_view(out, "graph", network=network).read_bytes()
    b = write_view(out, "graph", network=load_network(out)).read_bytes()
    assert a == b


def test_default_views_write_index_and_whole_graph(out, network):
    paths = write_default_views(out, network=network)
    names = [p.name for p in paths]
    assert names[:2] == ["index.html", "graph.html"]
    index = (out / "views" / "index.html").read_text(encoding="utf-8")
    assert 'href="graph.html"' in index and "<script" not in index
    assert all(p.is_file() for p in paths)


def test_cli_view_writes_a_file(out):
    app = typer.Typer()
    register(app)
    res = CliRunner().invoke(app, ["view", str(out), "person", "الشيباني", "--types", "meeting,visit"])
    assert res.exit_code == 0, res.output
    assert Path(res.output.strip()).is_file()
    res = CliRunner().invoke(app, ["view", str(out), "country"])
    assert res.exit_code == 3 and "takes 1 argument" in res.output


def test_a_capped_view_keeps_the_most_active_people_and_the_events_among_them(network):
    full = select_view(network, "graph")
    people = [n for n in full.nodes if n in network.persons]
    activity = {p: sum(p in ev.principals for ev in full.events) for p in people}
    capped = select_view(network, "graph", max_persons=2)
    kept = {n for n in capped.nodes if n in network.persons}
    assert len(kept) == 2
    assert min(activity[p] for p in kept) >= max(activity[p] for p in set(people) - kept)
    assert capped.events and all(set(ev.principals) <= kept for ev in capped.events)
    assert f"2 / {len(people)}" in capped.title
    assert select_view(network, "graph", max_persons=len(people)).title == full.title


def test_build_views_read_from_the_store_equal_views_read_from_the_files(tmp_path):
    from kg import api
    from kg.outputs.graph import network_from_store
    from kg.store import open_store

    out = tmp_path / "out"
    api.build([Path(__file__).resolve().parents[1] / "seeds"], out, views=False)
    from_store = network_from_store(open_store(out), union_default=False)
    from_files = load_network(out)
    assert from_store.persons == from_files.persons and from_store.events == from_files.events
    assert from_store.posts == from_files.posts and from_store.posts


def test_a_build_over_the_article_limit_skips_the_default_views_and_says_why(tmp_path, monkeypatch):
    from kg import api

    monkeypatch.setattr(api, "VIEWS_MAX_ARTICLES", 3)
    report = api.build([Path(__file__).resolve().parents[1] / "seeds"], tmp_path / "out", store=False)
    assert not (tmp_path / "out" / "views").exists()
    assert "5 articles, over 3" in report.extras["views_skipped"]
    assert "views_skipped" in json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["extras"]
