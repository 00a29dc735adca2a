"""Benchmark of the network views: time to write a view and time for a browser to draw it.

Usage: ``.venv/bin/python bench/bench_views.py [--sizes 500,2000,10000] [--no-browser]``

For each size a synthetic contract-conformant dataset (tests/data/views/synthetic.py) is written,
read into a network, written as the whole-graph view, and opened in headless chromium from
``file://``; "draw" is the time from navigation to the first frame drawn after layout
(``window.kgReady``). Results are printed side by side with the node and edge counts.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "views"))

from synthetic import write_synthetic

from kg.outputs.graph import load_network
from kg.outputs.views import write_view

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def persons_for(nodes: int) -> int:
    """Persons such that persons + states (persons // 40 + 3) is about ``nodes``."""
    return max(1, round((nodes - 3) * 40 / 41))


def draw_time(browser, path: Path) -> tuple[float, int, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=600_000, polling=50)
    elapsed = time.perf_counter() - start
    nodes, edges = page.evaluate("[kgNodes.length, kgEdges.length]")
    page.close()
    return elapsed, nodes, edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--no-browser", action="store_true")
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    browser = pw = None
    if not opts.no_browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    print(f"{'target':>7} {'nodes':>7} {'edges':>7} {'load s':>8} {'write s':>8} {'MB':>6} {'draw s':>8} {'physics':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            out = Path(tmp) / f"n{size}"
            write_synthetic(out, persons_for(size))
            t0 = time.perf_counter()
            network = load_network(out)
            t1 = time.perf_counter()
            path = write_view(out, "graph", network=network)
            t2 = time.perf_counter()
            html = path.read_text(encoding="utf-8")
            physics = 'data-physics="on"' in html
            nodes = int(html.split('data-nodes="', 1)[1].split('"', 1)[0])
            edges = int(html.split('data-edges="', 1)[1].split('"', 1)[0])
            draw = "-"
            if browser is not None:
                secs, n_page, e_page = draw_time(browser, path)
                assert (n_page, e_page) == (nodes, edges), (n_page, e_page, nodes, edges)
                draw = f"{secs:8.2f}"
            print(f"{size:>7} {nodes:>7} {edges:>7} {t1 - t0:>8.2f} {t2 - t1:>8.2f} "
                  f"{path.stat().st_size / 1e6:>6.1f} {draw:>8} {'on' if physics else 'off':>8}", flush=True)
    if browser is not None:
        browser.close()
        pw.stop()


if __name__ == "__main__":
    main()
