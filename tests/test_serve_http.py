"""`kg serve` as a real uvicorn process: SPARQL 1.1 Protocol, Graph Store reads, refusals, limits."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "sparql"))
from sparql_helpers import ARTICLES, kg_server, make_out_dir

from kg.outputs.sparql_http import HttpError, negotiate

CITIES = "SELECT ?c WHERE { ?c a <http://schema.org/City> } ORDER BY ?c"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = make_out_dir(tmp_path_factory.mktemp("serve"))
    (out / "views").mkdir()
    (out / "views" / "index.html").write_text("<html><body>شبكة اللقاءات</body></html>", encoding="utf-8")
    with kg_server(out, "--timeout", "1.5", "--max-rows", "50") as url:
        yield url


def test_get_query_answers_json_by_default(base: str) -> None:
    r = httpx.get(f"{base}/sparql", params={"query": CITIES})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    values = [b["c"]["value"] for b in r.json()["results"]["bindings"]]
    assert values == ["https://w3id.org/kg-news/id/place/damascus", "https://w3id.org/kg-news/id/place/moscow"]


def test_post_form_and_direct_give_same_answer(base: str) -> None:
    form = httpx.post(f"{base}/sparql", data={"query": CITIES})
    direct = httpx.post(f"{base}/sparql", content=CITIES.encode(),
                        headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200 and form.content == direct.content


@pytest.mark.parametrize("accept, media, marker", [
    ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
    ("text/csv", "text/csv", "c\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?c\n"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv", "c\r\n"),
])
def test_content_negotiation_for_select(base: str, accept: str, media: str, marker: str) -> None:
    r = httpx.get(f"{base}/sparql", params={"query": CITIES}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media) and marker in r.text


@pytest.mark.parametrize("accept, marker", [
    ("text/turtle", "schema:City"),
    ("application/n-triples", "<http://schema.org/City> ."),
    ("application/ld+json", '"@id"'),
])
def test_construct_in_graph_formats(base: str, accept: str, marker: str) -> None:
    q = "CONSTRUCT WHERE { ?c a <http://schema.org/City> }"
    r = httpx.get(f"{base}/sparql", params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and marker in r.text


def test_unacceptable_type_gets_406(base: str) -> None:
    r = httpx.get(f"{base}/sparql", params={"query": CITIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_graph_store_get_one_article_graph(base: str) -> None:
    r = httpx.get(f"{base}/data", params={"graph": ARTICLES[2]}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert "بشار الأسد" in r.text and "لافروف" not in r.text
    assert len(r.text.strip().splitlines()) == open_store_counts(base)[ARTICLES[2]]


def open_store_counts(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = httpx.get(f"{base}/sparql", params={"query": q}).json()["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_graph_store_default_graph_is_the_union(base: str) -> None:
    r = httpx.get(f"{base}/data?default", headers={"Accept": "application/n-triples"})
    lines = r.text.strip().splitlines()
    assert r.status_code == 200 and len(lines) == len(set(lines))
    assert all(a in r.text for a in ARTICLES)


def test_graph_store_unknown_graph_404_and_writes_405(base: str) -> None:
    assert httpx.get(f"{base}/data", params={"graph": "https://example.org/none"}).status_code == 404
    assert httpx.put(f"{base}/data?default", content=b"").status_code == 405
    assert httpx.delete(f"{base}/data", params={"graph": ARTICLES[0]}).status_code == 405


def test_service_description(base: str) -> None:
    r = httpx.get(f"{base}/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "sparql-service-description#" in r.text and "SPARQL11Query" in r.text


@pytest.mark.parametrize("data, status, words", [
    ({"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}, 403, "read-only"),
    ({"query": "DELETE WHERE { ?s ?p ?o }"}, 403, "read-only"),
    ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"}, 403, "SERVICE"),
    ({"query": "SELECT ?x WHERE { ?x"}, 400, "syntax"),
])
def test_bad_queries_get_clear_errors(base: str, data: dict[str, str], status: int, words: str) -> None:
    r = httpx.post(f"{base}/sparql", data=data)
    assert r.status_code == status and words in r.text


def test_sparql_update_content_type_is_refused(base: str) -> None:
    r = httpx.post(f"{base}/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403


def test_result_cap_truncates_with_header(base: str) -> None:
    r = httpx.get(f"{base}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and r.headers.get("x-kg-truncated") == "true"
    assert len(r.json()["results"]["bindings"]) == 50


def test_runaway_query_times_out_while_others_are_served(base: str) -> None:
    slow: dict[str, httpx.Response] = {}
    thread = threading.Thread(target=lambda: slow.setdefault("r", httpx.post(
        f"{base}/sparql", data={"query": SLOW}, timeout=30)))
    started = time.monotonic()
    thread.start()
    time.sleep(0.2)
    fast = httpx.get(f"{base}/sparql", params={"query": CITIES}, timeout=10)
    assert fast.status_code == 200  # answered while the runaway query holds the other worker
    thread.join()
    assert slow["r"].status_code == 503 and "time limit" in slow["r"].text
    assert time.monotonic() - started < 10
    again = httpx.get(f"{base}/sparql", params={"query": CITIES}, timeout=10)
    assert again.status_code == 200


def test_views_are_served(base: str) -> None:
    r = httpx.get(f"{base}/views/")
    assert r.status_code == 200 and "شبكة اللقاءات" in r.text


def test_saved_queries_are_listed(base: str) -> None:
    names = [q["name"] for q in httpx.get(f"{base}/queries").json()]
    assert "who_met_whom" in names and names == sorted(names)


def test_negotiate_prefers_higher_q() -> None:
    assert negotiate("text/csv;q=0.2, application/sparql-results+xml", "solutions") == "xml"
    assert negotiate("*/*", "graph") == "turtle"
    assert negotiate(None, "solutions", "tsv") == "tsv"
    with pytest.raises(HttpError):
        negotiate("image/png", "graph")


