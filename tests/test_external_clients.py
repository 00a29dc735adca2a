"""A running `kg serve` answers every saved query exactly as `kg query` does, through real clients:
SPARQLWrapper, rdflib's SPARQLStore and Comunica (node, tests/js)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "sparql"))
from sparql_helpers import SAVED_PARAMS, kg_server, make_out_dir

from kg.queries import run_query, saved_queries
from kg.store import QueryResult

pytestmark = pytest.mark.external

JS_DIR = Path(__file__).parent / "js"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Row = dict[str, tuple[str, str, str | None, str | None]]


def _norm(kind: str, value: str, lang: str | None, datatype: str | None) -> tuple[str, str, str | None, str | None]:
    if datatype == XSD_STRING or lang:
        datatype = None
    return (kind, value, lang.lower() if lang else None, datatype)


def ours(result: QueryResult) -> list[Row]:
    return [{k: _norm(t.kind, t.value, t.language, t.datatype) for k, t in row.items()} for row in result.rows]


def from_json_bindings(bindings: list[dict[str, Any]]) -> list[Row]:
    out = []
    for b in bindings:
        row = {}
        for k, t in b.items():
            kind = {"uri": "iri", "bnode": "bnode"}.get(t["type"], "literal")
            row[k] = _norm(kind, t["value"], t.get("xml:lang") or t.get("lang"), t.get("datatype"))
        out.append(row)
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    out = make_out_dir(tmp_path_factory.mktemp("clients"))
    with kg_server(out) as base:
        yield out, f"{base}/sparql"


@pytest.fixture(scope="module")
def expected(served: tuple[Path, str]) -> dict[str, tuple[str, list[Row]]]:
    out, _ = served
    queries = saved_queries()
    table = {}
    for name, params in sorted(SAVED_PARAMS.items()):
        text = queries[name].bind(params)
        rows = ours(run_query(out, text))
        assert rows, name
        table[name] = (text, rows)
    return table


@pytest.mark.parametrize("name", sorted(SAVED_PARAMS))
def test_sparqlwrapper_gets_the_same_rows(served: tuple[Path, str], expected: dict, name: str) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    text, rows = expected[name]
    client = SPARQLWrapper(served[1])
    client.setQuery(text)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    got = client.query().convert()
    assert from_json_bindings(got["results"]["bindings"]) == rows


@pytest.mark.parametrize("name", sorted(SAVED_PARAMS))
def test_rdflib_sparqlstore_gets_the_same_rows(served: tuple[Path, str], expected: dict, name: str) -> None:
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    text, rows = expected[name]
    graph = Graph(store=SPARQLStore(served[1], returnFormat="json", method="POST_FORM"))
    result = graph.query(text)
    got: list[Row] = []
    for r in result:
        row = {}
        for var in result.vars:
            t = r[var]
            if t is None:
                continue
            if isinstance(t, URIRef):
                row[str(var)] = _norm("iri", str(t), None, None)
            elif isinstance(t, BNode):
                row[str(var)] = _norm("bnode", str(t), None, None)
            else:
                assert isinstance(t, Literal)
                row[str(var)] = _norm("literal", str(t), t.language, str(t.datatype) if t.datatype else None)
        got.append(row)
    assert got == rows


def _node() -> str | None:
    node = shutil.which("node")
    if node is None:
        return None
    if not (JS_DIR / "node_modules" / "@comunica" / "query-sparql").is_dir():
        return None
    return node


def test_comunica_gets_the_same_rows(served: tuple[Path, str], expected: dict, tmp_path: Path) -> None:
    node = _node()
    if node is None:
        pytest.skip("Comunica is not installed: run scripts/setup-stores.sh (npm ci in tests/js)")
    files = []
    for name, (text, _) in sorted(expected.items()):
        f = tmp_path / f"{name}.rq"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    proc = subprocess.run([node, str(JS_DIR / "query.mjs"), served[1], *files], capture_output=True,
                          text=True, timeout=120, cwd=JS_DIR, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == len(files)
    for (name, (_, rows)), line in zip(sorted(expected.items()), lines):
        got = from_json_bindings(json.loads(line)["rows"])
        assert got == rows, name
