"""Speed and scale of ``kg build`` on synthetic corpora (issue #8; the #4 extraction figure).

Usage::

    python bench/bench_scale.py [--sizes 1000 10000] [--large] [--jobs 2] [--work build/bench]

For each size: writes the corpus (``kg bench corpus``, kept between runs), then measures in the
same run, so that the load of a shared machine affects both sides of each ratio alike:

- extraction alone on one process (a sample of up to 1,000 articles of about 3,000 characters)
  against raw ``spacy.blank("ar")`` tokenisation of the same texts;
- the whole build with ``--jobs 1`` (without store) and ``--jobs N``: articles/s, MB/s, the
  speed-up of the per-article stage, byte-identity of the dataset files, triples/s of dataset
  writing, peak RSS of each build (parent and workers), output sizes;
- incremental builds after one article changed, one was added and one removed, as a share of
  the full build;
- the store load against a plain pyoxigraph bulk load of the same N-Quads, and p50/p95 of the
  saved queries (``bench/bench_sparql.py``).

Prints a table and writes ``WORK/results.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

_BUILD = r"""
import json, resource, sys, time
from kg import api
args = json.loads(sys.argv[1])
t = time.perf_counter()
r = api.build(args["inputs"], args["out"], views=False, store=args["store"], jobs=args["jobs"], cache=args["cache"])
wall = time.perf_counter() - t
print(json.dumps({"wall_s": wall, "timings": r.timings, "totals": r.totals,
                  "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_EXTRACT = r"""
import json, sys, time
from itertools import islice
import spacy
from kg.ingest import read_inputs
from kg.nlp import extract, get_nlp
from kg.records import Article
folder, n = sys.argv[1], int(sys.argv[2])
arts = [a for a in islice((x for x in read_inputs([folder]) if isinstance(x, Article)), n)]
chars = sum(len(a.text) for a in arts)
size = sum(len(a.text.encode("utf-8")) for a in arts)
get_nlp(); extract(arts[0])
t = time.perf_counter()
for a in arts:
    extract(a)
ex = time.perf_counter() - t
nlp = spacy.blank("ar")
t = time.perf_counter()
tokens = 0
for a in arts:
    tokens += len(nlp.make_doc(a.text))
bl = time.perf_counter() - t
print(json.dumps({"articles": len(arts), "chars": chars, "bytes": size, "extract_s": ex, "blank_s": bl,
                  "tokens": tokens}))
"""

# What parallelism the machine gives right now: a pure-Python loop in 1 process, then in N at once.
_SPIN = r"""
import json, sys, time
from multiprocessing import get_context
def spin(n):
    x = 0
    for i in range(n):
        x += i * i % 7
    return x
n, procs = int(sys.argv[1]), int(sys.argv[2])
t = time.perf_counter(); spin(n); one = time.perf_counter() - t
with get_context("fork").Pool(procs) as pool:
    pool.map(spin, [1] * procs)
    t = time.perf_counter(); pool.map(spin, [n] * procs); many = time.perf_counter() - t
print(json.dumps({"one_s": one, "many_s": many, "speedup": procs * one / many}))
"""

_SPARQL = r"""
import json, statistics, sys, time
from pathlib import Path
sys.path.insert(0, HERE_PATH)
from bench_sparql import pick_params, plain_load
from kg.queries import saved_queries
from kg.store import build_store, open_store
out, runs = Path(sys.argv[1]), int(sys.argv[2])
nq = out / "dataset.nq"
n, base_s = plain_load(nq)
merged = out / "merged.ttl"
info = build_store(out, nq, union=merged if merged.is_file() else None)   # as kg build loads it
load = {"quads": info.quads, "kg_build_s": info.seconds, "kg_quads_per_s": round(info.quads / info.seconds),
        "pyoxigraph_bulk_s": base_s, "pyoxigraph_quads_per_s": round(n / base_s)}
store = open_store(out)
load["stored"] = len(store)     # the named graphs' quads plus the union's triples in the default graph
params = pick_params(out)
queries = {}
for name, q in sorted(saved_queries().items()):
    text = q.bind(params.get(name, {}))
    times, rows, spent = [], 0, 0.0
    while len(times) < runs and (spent < 20.0 or len(times) < 2):   # slow queries: at least 2 runs
        t = time.perf_counter()
        rows = len(store.query(text))
        times.append((time.perf_counter() - t) * 1000)
        spent += times[-1] / 1000
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    queries[name] = {"p50_ms": statistics.median(times), "p95_ms": p95, "rows": rows, "runs": len(times)}
print(json.dumps({"load": load, "queries": queries}))
""".replace("HERE_PATH", repr(str(HERE)))


_ENV = dict(os.environ)
_CWD: list[str] = []


def snapshot(work: Path) -> None:
    """Run every step on a frozen copy of the committed tree (``git archive HEAD``).

    Notes
    -----
    The cache key includes a hash of kg/nlp and kg/resources: on a machine where someone edits
    them during the run, the live tree would invalidate the cache between the full and the
    incremental builds and measure a full rebuild instead.
    """
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", "HEAD"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    _ENV["PYTHONPATH"] = str(src.resolve())
    _CWD[:] = [str(src.resolve())]      # ``python -c`` puts the working folder first on sys.path


def _run(code: str, *args: str) -> dict:
    proc = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, check=False, env=_ENV,
                          cwd=_CWD[0] if _CWD else None)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build(inputs: Path, out: Path, jobs: int, cache: bool = True, store: bool = True) -> dict:
    return _run(_BUILD, json.dumps({"inputs": [str(inputs)], "out": str(out), "jobs": jobs,
                                    "cache": cache, "store": store}))


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _report(out: Path) -> dict:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    data["extras"].pop("store", None)     # the --jobs 1 build runs without the store
    return data


def _edit(corpus: Path, n: int, seed: int, change: str) -> None:
    from kg.bench.corpus import article

    shard = corpus / "articles-00000.jsonl"
    lines = shard.read_text(encoding="utf-8").splitlines(keepends=True)
    if change == "changed":
        obj = json.loads(lines[len(lines) // 2])
        obj["text"] += "\nوأكد الجانبان استمرار التنسيق بينهما خلال المرحلة المقبلة."
        lines[len(lines) // 2] = json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"
    elif change == "added":
        lines.append(json.dumps(article(seed, n + 1), ensure_ascii=False, sort_keys=True) + "\n")
    else:
        del lines[len(lines) // 3]
    shard.write_text("".join(lines), encoding="utf-8")


def bench_size(n: int, work: Path, jobs: int, seed: int, runs: int) -> dict:
    from kg.bench.corpus import write_corpus

    res: dict = {"n": n}
    corpus = work / f"corpus-{n}"
    if not (corpus / "articles-00000.jsonl").is_file():
        write_corpus(corpus, n, seed)
    # a private copy for the incremental edits, so that the corpus stays as generated
    edit = work / f"corpus-{n}-edit"
    shutil.rmtree(edit, ignore_errors=True)
    shutil.copytree(corpus, edit)
    print(f"[{n}] extraction alone vs spacy.blank('ar') ...", flush=True)
    res["extract"] = _run(_EXTRACT, str(corpus), str(min(n, 1000)))
    out1, outn = work / f"out-{n}-j1", work / f"out-{n}-j{jobs}"
    for d in (out1, outn):
        shutil.rmtree(d, ignore_errors=True)
    res["spin"] = [_run(_SPIN, "20000000", str(jobs))]
    print(f"[{n}] full build --jobs {jobs} ...", flush=True)
    res["build_jn"] = build(edit, outn, jobs)
    res["spin"].append(_run(_SPIN, "20000000", str(jobs)))
    print(f"[{n}] full build --jobs 1 (no store) ...", flush=True)
    res["build_j1"] = build(edit, out1, 1, cache=False, store=False)
    res["identical_across_jobs"] = all(
        (out1 / f).read_bytes() == (outn / f).read_bytes()
        for f in ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld")) and _report(out1) == _report(outn)
    res["sizes_mb"] = {name: round(_size(outn / name) / 1e6, 2) for name in
                       ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld", "report.json")}
    res["sizes_mb"]["store"] = round(_size((outn / "store").resolve()) / 1e6, 2)
    res["sizes_mb"]["cache"] = round(_size(outn / ".kg-cache") / 1e6, 2)
    for change in ("changed", "added", "removed"):
        print(f"[{n}] incremental build, one article {change} ...", flush=True)
        _edit(edit, n, seed, change)
        res[f"incr_{change}"] = build(edit, outn, jobs)
    print(f"[{n}] store load and saved queries ...", flush=True)
    res["sparql"] = _run(_SPARQL, str(outn), str(runs))
    shutil.rmtree(out1, ignore_errors=True)
    return res


def _row(label: str, value: str, baseline: str = "", ratio: str = "", target: str = "") -> str:
    return f"| {label} | {value} | {baseline} | {ratio} | {target} |"


def table(res: dict, jobs: int) -> list[str]:
    n = res["n"]
    ex = res["extract"]
    mb = ex["bytes"] / 1e6
    ex_rate, bl_rate = ex["articles"] / ex["extract_s"], ex["articles"] / ex["blank_s"]
    bj, b1 = res["build_jn"], res["build_j1"]
    t, t1 = bj["timings"], b1["timings"]
    arts = bj["totals"]["articles"]
    quads = bj["totals"]["quads"]
    corpus_mb = ex["bytes"] / ex["articles"] * arts / 1e6
    speedup = t1["extract_s"] / t["extract_s"]
    load = res["sparql"]["load"]
    rows = [(f"### {n:,} articles ({arts:,} with the seeds; {ex['chars'] / ex['articles']:,.0f} characters "
             "per article on average)"), "",
            "| figure | kg | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    rows.append(_row(f"extraction alone, 1 process ({ex['articles']} articles)",
                     f"{ex_rate:,.1f} art/s, {mb / ex['extract_s']:.3f} MB/s",
                     f"spacy.blank('ar'): {bl_rate:,.0f} art/s, {mb / ex['blank_s']:.2f} MB/s",
                     f"{ex_rate / bl_rate:.2f}", ">= 0.33; #4: >= 200 art/s"))
    rows.append(_row(f"whole build --jobs {jobs}", f"{arts / bj['wall_s']:,.1f} art/s, "
                     f"{corpus_mb / bj['wall_s']:.3f} MB/s ({bj['wall_s']:,.0f} s)"))
    rows.append(_row(f"per-article stage --jobs {jobs} vs --jobs 1", f"{arts / t['extract_s']:,.1f} art/s",
                     f"{arts / t1['extract_s']:,.1f} art/s", f"{speedup:.2f}x", ">= 1.7x"))
    spins = " / ".join(f"{x['speedup']:.2f}x" for x in res["spin"])
    rows.append(_row(f"machine: a CPU-bound loop in {jobs} processes vs 1 (before / after the build)", spins,
                     "", "", f"{jobs:.1f}x when the cores are free"))
    rows.append(_row("output --jobs N vs --jobs 1", "identical bytes" if res["identical_across_jobs"]
                     else "DIFFERENT", "", "", "identical"))
    rows.append(_row("dataset writing (4 files)", f"{quads / t['write_s']:,.0f} quads/s ({t['write_s']:.1f} s)"))
    rows.append(_row("store: kg build_store (load + union)", f"{load['kg_quads_per_s']:,} quads/s "
                     f"({load['kg_build_s']:.1f} s)", f"pyoxigraph bulk_load: {load['pyoxigraph_quads_per_s']:,} "
                     f"quads/s ({load['pyoxigraph_bulk_s']:.1f} s)",
                     f"{load['kg_quads_per_s'] / load['pyoxigraph_quads_per_s']:.2f}", ">= 0.8"))
    if "stored" in load:
        # our store also holds the union as the default graph: per statement written, the same load
        per_statement = load["stored"] / load["kg_build_s"]
        rows.append(_row("store: statements written per second (quads + union triples)",
                         f"{per_statement:,.0f} statements/s ({load['stored']:,} statements)",
                         f"pyoxigraph bulk_load: {load['pyoxigraph_quads_per_s']:,} quads/s",
                         f"{per_statement / load['pyoxigraph_quads_per_s']:.2f}", ""))
    rows.append(_row("peak RSS, parent / largest child (a worker or the store loader)", f"{bj['rss_self_mb']:,.0f} MB / {bj['rss_children_mb']:,.0f} MB",
                     "", "", "< 2 GiB at 100k"))
    for change in ("changed", "added", "removed"):
        inc = res[f"incr_{change}"]
        it = inc["timings"]
        rows.append(_row(f"incremental, one article {change}", f"{inc['wall_s']:.1f} s "
                         f"(processed {it.get('processed', 0):.0f}, JSON lines read {it.get('lines_read', 0):.0f}, "
                         f"files {'patched' if it.get('files_patched') else 'rewritten'}, store "
                         f"{'updated' if it.get('store_incremental') else 'reloaded'})",
                         f"full: {bj['wall_s']:.1f} s", f"{inc['wall_s'] / bj['wall_s']:.1%}", "<= 5%"))
    sizes = ", ".join(f"{k} {v:,.1f}" for k, v in res["sizes_mb"].items())
    rows.append(_row("output sizes (MB)", sizes))
    for name, q in sorted(res["sparql"]["queries"].items()):
        rows.append(_row(f"query {name}", f"p50 {q['p50_ms']:,.1f} ms, p95 {q['p95_ms']:,.1f} ms "
                         f"({q['rows']} rows, {q['runs']} runs)"))
    stages = ", ".join(f"{k} {v:.1f}" for k, v in t.items() if k.endswith("_s"))
    rows += ["", f"Stages of the --jobs {jobs} build (s): {stages}."]
    for change in ("changed", "added", "removed"):
        inc = res[f"incr_{change}"]
        stages = ", ".join(f"{k} {v:.1f}" for k, v in inc["timings"].items() if k.endswith("_s"))
        rows.append(f"Stages of the incremental build, one article {change} (s): {stages}; "
                    f"wall {inc['wall_s']:.1f} (start-up and report included).")
    rows.append("")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--large", action="store_true", help="also 100,000 articles")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=10, help="runs per saved query")
    ap.add_argument("--work", type=Path, default=Path("build/bench"))
    ap.add_argument("--live", action="store_true", help="use the working tree, not a snapshot of HEAD")
    args = ap.parse_args(argv)
    args.work = args.work.resolve()
    if not args.live:
        snapshot(args.work)
    sizes = args.sizes + ([100_000] if args.large else [])
    args.work.mkdir(parents=True, exist_ok=True)
    machine = (f"{platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    results = {"machine": machine, "load_avg_at_start": os.getloadavg(), "sizes": []}
    lines = [f"Machine: {machine}; load average at start {os.getloadavg()[0]:.1f}", ""]
    for n in sizes:
        started = time.time()
        res = bench_size(n, args.work, args.jobs, args.seed, args.runs)
        res["bench_s"] = time.time() - started
        results["sizes"].append(res)
        (args.work / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")
        lines += table(res, args.jobs)
        print("\n".join(table(res, args.jobs)), flush=True)
    (args.work / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
