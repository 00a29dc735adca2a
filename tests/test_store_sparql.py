"""The embedded store: atomic bulk builds, plain results, results formats, the read-only guard."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "sparql"))
from sparql_helpers import ARTICLES, FIXTURE, make_out_dir

from kg.errors import OutputError, QueryError
from kg.store import (
    DatasetStore,
    QueryRefused,
    build_store,
    check_read_only,
    open_store,
    serialize_solutions,
    store_dir,
)


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    out = make_out_dir(tmp_path)
    build_store(out, out / "dataset.nq")
    return out


def test_build_keeps_one_named_graph_per_article(out: Path) -> None:
    store = open_store(out)
    assert store.graphs() == ARTICLES
    counts = store.counts_by_graph()
    assert all(counts[g] > 40 for g in ARTICLES)


def test_default_graph_is_the_union_without_duplicates(out: Path) -> None:
    store = open_store(out)
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://schema.org/Country> }").values()
    assert rows == [{"n": "2"}]  # Russia and Syria are stated in all four graphs, counted once


def test_failed_build_leaves_previous_store_usable(out: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text('<http://a> <http://b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(OutputError):
        build_store(out, bad)
    store = open_store(out)
    assert len(store.graphs()) == 4
    assert not any(p.name.startswith("tmp-") for p in (out / ".stores").iterdir())


def test_rebuild_swaps_atomically_and_old_reader_keeps_reading(out: Path, tmp_path: Path) -> None:
    reader = open_store(out)
    smaller = tmp_path / "one.nq"
    smaller.write_bytes(b"".join(
        line + b"\n" for line in DatasetStore.from_file(FIXTURE).dump("nquads").splitlines()
        if ARTICLES[0].encode() in line))
    info = build_store(out, smaller)
    assert info.graphs == 1 and info.quads > 0 and info.quads_per_s > 0
    assert open_store(out).graphs() == [ARTICLES[0]]
    assert len(reader.graphs()) == 4  # the previous generation is still there for open readers
    assert store_dir(out).is_symlink()


def test_open_store_without_build_says_so(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no store"):
        open_store(tmp_path)
    with pytest.raises(OutputError, match="no such output folder"):
        open_store(tmp_path / "missing")


def test_construct_gives_triples_and_cap_truncates(out: Path) -> None:
    store = open_store(out)
    result = store.query("CONSTRUCT WHERE { ?s a <http://schema.org/Person> }")
    assert result.kind == "graph" and len(result.triples) == 6
    capped = store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert len(capped.rows) == 5 and capped.truncated


def test_arabic_labels_survive_every_results_format(out: Path) -> None:
    result = open_store(out).query(
        'SELECT ?p ?l WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = "ar") '
        'FILTER(CONTAINS(?l, "لافروف")) }')
    doc = json.loads(serialize_solutions(result, "json"))
    assert doc["results"]["bindings"][0]["l"] == {"type": "literal", "value": "سيرغي لافروف", "xml:lang": "ar"}
    assert "سيرغي لافروف" in serialize_solutions(result, "csv").decode()
    assert '"سيرغي لافروف"@ar' in serialize_solutions(result, "tsv").decode()
    assert 'xml:lang="ar">سيرغي لافروف<' in serialize_solutions(result, "xml").decode()


def test_syntax_error_is_a_query_error(out: Path) -> None:
    with pytest.raises(QueryError, match="syntax"):
        open_store(out).query("SELECT WHERE {")


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_updates_and_service_are_refused(text: str) -> None:
    with pytest.raises(QueryRefused):
        check_read_only(text)


@pytest.mark.parametrize("text", [
    'SELECT ?insert WHERE { ?insert ?p "DELETE this SERVICE" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # DROP ALL",
    "ASK { ?s ?p ?o }",
])
def test_words_inside_literals_iris_and_comments_are_harmless(text: str) -> None:
    check_read_only(text)


@pytest.mark.parametrize(("line", "triple"), [
    (b'<s> <p> "\xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 <x> ." <g> .\n',
     b'<s> <p> "\xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 <x> ." .\n'),
    (b'<s> <p> "a b"@ar <g> .\n', b'<s> <p> "a b"@ar .\n'),
    (b'<s> <p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .\n',
     b'<s> <p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'),
    (b"<s> <p> <o> <g> .\n", b"<s> <p> <o> .\n"),
    (b"<s> <p> <o> .\n", b"<s> <p> <o> .\n"),
    (b'<s> <p> "x y" .\n', b'<s> <p> "x y" .\n'),
    (b"# a comment\n", None),
])
def test_graph_term_is_dropped_from_quad_lines_only(line: bytes, triple: bytes | None) -> None:
    from kg.store.union import strip_graph_exact

    assert strip_graph_exact(line) == triple


def _union_is_the_named_graphs(out: Path) -> bool:
    store = open_store(out)
    default = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
    named = store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return len(default) == len(named) > 0 and sorted(map(repr, default)) == sorted(map(repr, named))


def test_union_from_text_is_the_set_of_named_graph_triples_blank_nodes_shared(out: Path, tmp_path: Path) -> None:
    assert _union_is_the_named_graphs(out)
    trig = tmp_path / "t"
    trig.mkdir()
    (trig / "dataset.trig").write_bytes(FIXTURE.read_bytes())
    build_store(trig, trig / "dataset.trig")
    assert _union_is_the_named_graphs(trig)


def test_union_load_accepts_default_graph_triples_and_comments(tmp_path: Path) -> None:
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "dataset.nq").write_bytes(
        b"# made by hand\n"
        b'<http://ex/s> <http://ex/p> <http://ex/o> .\n'
        b'<http://ex/s> <http://ex/name> "\xd8\xb3 \xd8\xb4"@ar <http://ex/g1> .\n'
        b'<http://ex/s> <http://ex/name> "\xd8\xb3 \xd8\xb4"@ar <http://ex/g2> .\n')
    info = build_store(d, d / "dataset.nq")
    store = open_store(d)
    assert info.quads == 3 and store.graphs() == ["http://ex/g1", "http://ex/g2"]
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
    assert rows == [{"n": "2"}]


def test_union_file_becomes_the_default_graph_and_quads_are_counted(tmp_path: Path) -> None:
    from kg.store import serialize_nquads

    out = make_out_dir(tmp_path)
    text = (out / "dataset.nq").read_text(encoding="utf-8")
    (out / "merged.ttl").write_bytes(serialize_nquads(text, "ttl"))
    info = build_store(out, out / "dataset.nq", union=out / "merged.ttl")
    assert info.quads == len(text.splitlines()) and info.graphs == len(ARTICLES)
    assert _union_is_the_named_graphs(out)
