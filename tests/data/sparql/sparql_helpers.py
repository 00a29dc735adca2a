"""Helpers shared by the SPARQL tests: the fixture dataset and a real `kg serve` process."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

FIXTURE = Path(__file__).parent / "dataset.trig"
BASE = "https://w3id.org/kg-news/id/"
ARTICLES = [f"{BASE}article/a{i}.txt" for i in (1, 2, 3, 4)]

#: Parameters that make every saved query return rows on the fixture.
SAVED_PARAMS: dict[str, dict[str, str]] = {
    "co_attendance": {},
    "events_of_person": {"person": "لافروف"},
    "evidence": {"fact": f"{BASE}event/e1"},
    "meetings_between_countries": {"country_a": "russia", "country_b": "سوريا"},
    "persons_by_country": {"country": "Syria"},
    "planned_events": {},
    "post_holders": {"role": "head_of_state", "country": "syria"},
    "who_met_whom": {"person": "Lavrov"},
}


def make_out_dir(tmp: Path) -> Path:
    """An output folder holding the fixture as dataset.nq (the store is built on first use)."""
    from kg.store import DatasetStore

    out = tmp / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "dataset.nq").write_bytes(DatasetStore.from_file(FIXTURE).dump("nquads"))
    return out


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not ready in {timeout} s")


@contextlib.contextmanager
def kg_server(out_dir: Path, *args: str) -> Iterator[str]:
    """Start `python -m kg.outputs.sparql_http DIR` on a free loopback port; yields the base URL."""
    port = free_port()
    log = open(out_dir.parent / f"serve-{port}.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.outputs.sparql_http", str(out_dir), "--port", str(port), *args],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/queries", proc=proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def which(name: str) -> str | None:
    return shutil.which(name)
