"""Exports of the network for graph tools: GraphML and GEXF (Gephi, networkx, yEd, Cytoscape) and
Neo4j (``neo4j-admin database import`` CSV files plus a Cypher script).

Notes
-----
The exported graph is :attr:`Network.graph` as it is: a directed multigraph whose node and edge
attributes are strings and integers only, so that ``networkx.read_graphml`` and
``networkx.read_gexf`` give back the same nodes, edges and attributes. Edge keys are the IRIs of
the events and memberships, so parallel edges (two meetings of the same pair) stay apart.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import networkx as nx

from kg.errors import OutputError
from kg.outputs.graph import Network, load_network

__all__ = ["EXPORT_FORMATS", "NEO4J_NODE_HEADER", "NEO4J_REL_HEADER", "export", "export_network"]

log = logging.getLogger(__name__)

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "neo4j")

#: Header of nodes.csv in the form ``neo4j-admin database import`` reads (typed columns).
NEO4J_NODE_HEADER = ("iri:ID", "label_ar", "label_en", "kind", "country", "events:int", ":LABEL")
#: Header of relationships.csv.
NEO4J_REL_HEADER = (":START_ID", ":END_ID", ":TYPE", "key", "type", "status", "date", "place",
                    "place_label", "role", "role_label", "start", "end", "evidence", "articles:string[]")
_NEO4J_LABELS = {"person": "Person", "country": "Country;Organization", "organization": "Organization"}
_NEO4J_TYPES = {"met": "MET", "holds_post": "HOLDS_POST", "part_of": "PART_OF"}


def _export_graph(network: Network) -> nx.MultiDiGraph:
    """A copy whose every attribute is a string or an int (what GraphML/GEXF keep exactly)."""
    g = nx.MultiDiGraph()
    for n, d in network.graph.nodes(data=True):
        g.add_node(n, **{k: (v if isinstance(v, int) else str(v)) for k, v in sorted(d.items())})
    edge_keys = sorted({k for _, _, d in network.graph.edges(data=True) for k in d})
    for u, v, key, d in network.graph.edges(keys=True, data=True):
        # every edge gets every attribute (empty when absent) so that readers see one schema
        g.add_edge(u, v, key=key, **{k: (d[k] if isinstance(d.get(k), int) else str(d.get(k, "")))
                                     for k in edge_keys})
    return g


def _gexf_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    # GEXF keeps the node label in its own XML attribute; give a readable one (Arabic, else English)
    out = g.copy()
    for n, d in out.nodes(data=True):
        d["label"] = d.get("label_ar") or d.get("label_en") or n
    return out


def _neo4j_files(network: Network, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    g = network.graph
    nodes = io.StringIO(newline="")
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(NEO4J_NODE_HEADER)
    for n, d in sorted(g.nodes(data=True)):
        w.writerow([n, d["label_ar"], d["label_en"], d["kind"], d.get("country", ""), d.get("events", 0),
                    _NEO4J_LABELS[d["kind"]]])
    rels = io.StringIO(newline="")
    w = csv.writer(rels, lineterminator="\n")
    w.writerow(NEO4J_REL_HEADER)
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for u, v, key, d in edges:
        w.writerow([u, v, _NEO4J_TYPES[d["kind"]], key, d.get("type", ""), d.get("status", ""),
                    d.get("date", ""), d.get("place", ""), d.get("place_label", ""), d.get("role", ""),
                    d.get("role_label", ""), d.get("start", ""), d.get("end", ""), d.get("evidence", ""),
                    ";".join(d.get("articles", "").split())])
    paths = [folder / "nodes.csv", folder / "relationships.csv", folder / "import.cypher", folder / "import.sh"]
    paths[0].write_text(nodes.getvalue(), encoding="utf-8")
    paths[1].write_text(rels.getvalue(), encoding="utf-8")
    paths[2].write_text(_cypher(network, edges), encoding="utf-8")
    paths[3].write_text(
        "#!/bin/sh\n# Offline bulk import into an empty database (Neo4j 5): run from this folder.\n"
        "neo4j-admin database import full --overwrite-destination \\\n"
        "  --nodes=nodes.csv --relationships=relationships.csv \\\n"
        "  --array-delimiter=';' --multiline-fields=true \"${1:-neo4j}\"\n", encoding="utf-8")
    return paths


def _cy(value: object) -> str:
    """A Cypher literal: JSON strings are valid Cypher strings once quotes are escaped alike."""
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _cypher(network: Network, edges: list) -> str:
    g = network.graph
    lines = [
        "// Load into a running Neo4j with: cypher-shell -f import.cypher",
        "// (for a large dataset prefer the CSV files and import.sh)",
        "CREATE CONSTRAINT kg_node_iri IF NOT EXISTS FOR (n:KgNode) REQUIRE n.iri IS UNIQUE;",
    ]
    for n, d in sorted(g.nodes(data=True)):
        labels = ":".join(["KgNode", *_NEO4J_LABELS[d["kind"]].split(";")])
        props = ", ".join(f"{k}: {_cy(d.get(k, ''))}" for k in ("label_ar", "label_en", "kind", "country", "events"))
        lines.append(f"MERGE (n:{labels} {{iri: {_cy(n)}}}) SET n += {{{props}}};")
    for u, v, key, d in edges:
        props = ", ".join(f"{k}: {_cy(val)}" for k, val in sorted(d.items()) if k != "kind" and val != "")
        lines.append(f"MATCH (a:KgNode {{iri: {_cy(u)}}}), (b:KgNode {{iri: {_cy(v)}}}) "
                     f"MERGE (a)-[r:{_NEO4J_TYPES[d['kind']]} {{key: {_cy(key)}}}]->(b)"
                     + (f" SET r += {{{props}}};" if props else ";"))
    return "\n".join(lines) + "\n"


def export_network(network: Network, out_dir: Path, fmt: str) -> list[Path]:
    """Write one export of ``network`` under ``out_dir/exports/`` and return the files written."""
    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise OutputError(f"unknown export format '{fmt}': use one of {', '.join(EXPORT_FORMATS)}")
    folder = Path(out_dir) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        path = folder / "network.graphml"
        nx.write_graphml(_export_graph(network), path, encoding="utf-8", prettyprint=True)
        paths = [path]
    elif fmt == "gexf":
        path = folder / "network.gexf"
        nx.write_gexf(_gexf_graph(_export_graph(network)), path, encoding="utf-8", prettyprint=True)
        paths = [path]
    else:
        paths = _neo4j_files(network, folder / "neo4j")
    log.info("export %s: %s", fmt, ", ".join(str(p) for p in paths))
    return paths


def export(out_dir: Path, fmt: str, network: Network | None = None) -> list[Path]:
    """Export the network of ``out_dir/dataset.nq`` as ``graphml``, ``gexf`` or ``neo4j``."""
    network = network if network is not None else load_network(Path(out_dir))
    return export_network(network, Path(out_dir), fmt)
