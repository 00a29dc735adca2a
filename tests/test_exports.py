"""Exports: GraphML/GEXF round-trip through networkx; Neo4j import files have the expected headers."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import OutputError
from kg.outputs.exports import NEO4J_NODE_HEADER, NEO4J_REL_HEADER, export
from kg.outputs.graph import load_network

DATA = Path(__file__).resolve().parent / "data" / "views"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("ex")
    shutil.copy(DATA / "dataset.nq", d / "dataset.nq")
    return d


@pytest.fixture(scope="module")
def graph(out):
    return load_network(out).graph


def test_graphml_round_trips_unchanged(out, graph):
    (path,) = export(out, "graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted((u, v, k) for u, v, k in back.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_gexf_round_trips_with_arabic_labels(out, graph):
    (path,) = export(out, "gexf")
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    lavrov = "https://w3id.org/kg-news/id/person/sergey_lavrov"
    assert back.nodes[lavrov]["label"] == "سيرغي لافروف"
    assert back.nodes[lavrov]["events"] == graph.nodes[lavrov]["events"]


def test_neo4j_csvs_have_import_headers(out, graph):
    paths = export(out, "neo4j")
    names = sorted(p.name for p in paths)
    assert names == ["import.cypher", "import.sh", "nodes.csv", "relationships.csv"]
    folder = paths[0].parent
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == NEO4J_NODE_HEADER and rows[0][0].endswith(":ID") and rows[0][-1] == ":LABEL"
    assert len(rows) - 1 == graph.number_of_nodes()
    with (folder / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        rels = list(csv.reader(fh))
    assert tuple(rels[0][:3]) == (":START_ID", ":END_ID", ":TYPE") and tuple(rels[0]) == NEO4J_REL_HEADER
    assert len(rels) - 1 == graph.number_of_edges()
    ids = {r[0] for r in rows[1:]}
    assert all(r[0] in ids and r[1] in ids for r in rels[1:])
    assert {r[2] for r in rels[1:]} == {"MET", "HOLDS_POST", "PART_OF"}


def test_cypher_script_keeps_markup_as_string(out):
    export(out, "neo4j")
    text = (out / "exports" / "neo4j" / "import.cypher").read_text(encoding="utf-8")
    assert '"<script>alert(1)</script> مجهول"' in text
    assert text.count("MERGE (n:KgNode") == 10


def test_unknown_format_is_refused(out):
    with pytest.raises(OutputError, match="unknown export format"):
        export(out, "dot")
