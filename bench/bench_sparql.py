"""Benchmark the SPARQL side on a dataset folder: store load speed and saved-query latency.

Usage::

    python bench/bench_sparql.py DIR [--runs 20] [--json results.json]

``DIR`` holds ``dataset.nq`` (``kg build`` output, e.g. of ``kg bench corpus --n 10000``).
Measured in one run:
- ``kg`` store build (``build_store``: bulk load of the named graphs, and of ``merged.ttl`` as the
  set-valued union default graph, atomic swap), against a plain pyoxigraph bulk load of the same
  file into a fresh store (the baseline);
- p50/p95 latency of each saved query (parameters chosen from the data), in-process.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.queries import saved_queries
from kg.store import build_store, open_store


def plain_load(nquads: Path) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        store = ox.Store(tmp)
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        seconds = time.monotonic() - started
        n = len(store)
        del store
    return n, seconds


def pick_params(out: Path) -> dict[str, dict[str, str]]:
    """Parameters that hit real data: the most active person, a busy pair of countries, a fact."""
    store = open_store(out)

    def first(q: str) -> dict[str, str]:
        rows = store.query(q).values()
        return rows[0] if rows else {}

    person = first("SELECT ?p (COUNT(*) AS ?n) WHERE { ?e <https://w3id.org/kg-news/ontology#participant> ?p } "
                   "GROUP BY ?p ORDER BY DESC(?n) LIMIT 1").get("p", "x")
    fact = first("SELECT ?f WHERE { ?f <https://w3id.org/kg-news/ontology#evidence> ?t } LIMIT 1").get("f", "urn:x")
    countries = store.query("SELECT ?c WHERE { ?c a <http://schema.org/Country> } LIMIT 2").values()
    ca = countries[0]["c"] if countries else "x"
    cb = countries[1]["c"] if len(countries) > 1 else "y"
    return {
        "co_attendance": {"min": "2"},
        "events_of_person": {"person": person},
        "evidence": {"fact": fact},
        "meetings_between_countries": {"country_a": ca, "country_b": cb},
        "persons_by_country": {"country": ca},
        "planned_events": {},
        "post_holders": {"role": "head_of_state"},
        "who_met_whom": {"person": person},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    nquads = args.out_dir / "dataset.nq"
    if not nquads.is_file():
        print(f"{nquads}: missing", file=sys.stderr)
        return 3
    report: dict[str, object] = {}
    n, base_s = plain_load(nquads)
    merged = args.out_dir / "merged.ttl"
    info = build_store(args.out_dir, nquads, union=merged if merged.is_file() else None)
    report["load"] = {
        "quads": info.quads, "graphs": info.graphs,
        "kg_build_s": round(info.seconds, 3), "kg_quads_per_s": round(info.quads / info.seconds),
        "pyoxigraph_bulk_s": round(base_s, 3), "pyoxigraph_quads_per_s": round(n / base_s),
        "ratio": round(base_s / info.seconds, 3),
    }
    print(f"load: {info.quads} quads, {info.graphs} graphs; kg build_store {info.seconds:.2f} s "
          f"({info.quads / info.seconds:,.0f} quads/s) vs plain pyoxigraph bulk load {base_s:.2f} s "
          f"({n / base_s:,.0f} quads/s); ratio {base_s / info.seconds:.2f} (target 0.80)")
    store = open_store(args.out_dir)
    params = pick_params(args.out_dir)
    latency: dict[str, dict[str, float]] = {}
    for name, q in saved_queries().items():
        text = q.bind(params.get(name, {}))
        times, rows = [], 0
        store.query(text)  # warm-up: the first run pays for opening files and caches
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = len(store.query(text))
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        latency[name] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "rows": rows}
        print(f"{name:28s} p50 {p50:9.2f} ms  p95 {p95:9.2f} ms  rows {rows}")
    report["queries"] = latency
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
