"""dataset.nq loads unchanged into real triple stores (Oxigraph server, Virtuoso) with the same
per-graph triple counts as ours; `kg push` into an Oxigraph server is idempotent."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "sparql"))
from sparql_helpers import ARTICLES, free_port, make_out_dir, wait_http

from kg.outputs.push import push
from kg.queries import ensure_store
from kg.store import open_store

pytestmark = pytest.mark.external

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def oxigraph_bin() -> str | None:
    cand = Path(sys.executable).parent / "oxigraph"
    return str(cand) if cand.exists() else shutil.which("oxigraph")


def counts_over_http(endpoint: str, method: str = "GET") -> dict[str, int]:
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        r = httpx.get(endpoint, params={"query": COUNTS}, headers=headers, timeout=30)
    else:
        r = httpx.post(endpoint, data={"query": COUNTS}, headers=headers, timeout=30)
    r.raise_for_status()
    rows = r.json()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in rows if b["g"]["value"] in ARTICLES}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = make_out_dir(tmp_path_factory.mktemp("stores"))
    ensure_store(out)
    return out


@pytest.fixture(scope="module")
def our_counts(out: Path) -> dict[str, int]:
    counts = {g: n for g, n in open_store(out).counts_by_graph().items() if g}
    assert sorted(counts) == ARTICLES
    return counts


class _Proc:
    def __init__(self, args: list[str], log: Path, **kw: object) -> None:
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, **kw)  # type: ignore[call-overload]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An in-memory Oxigraph server on a free loopback port."""
    exe = oxigraph_bin()
    if exe is None:
        pytest.skip("the oxigraph server is not installed: run scripts/setup-stores.sh (pip install oxigraph)")
    port = free_port()
    proc = _Proc([exe, "serve", "--bind", f"127.0.0.1:{port}"], tmp_path / "oxigraph.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/query?query=ASK%7B%7D", proc=proc.proc)
        yield base, tmp_path
    finally:
        proc.stop()


def test_dataset_bulk_loads_into_oxigraph_server(out: Path, our_counts: dict[str, int], tmp_path: Path) -> None:
    exe = oxigraph_bin()
    if exe is None:
        pytest.skip("the oxigraph server is not installed: run scripts/setup-stores.sh (pip install oxigraph)")
    location = tmp_path / "oxdb"
    subprocess.run([exe, "load", "--location", str(location), "--file", str(out / "dataset.nq")],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    proc = _Proc([exe, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                 tmp_path / "oxigraph-ro.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc=proc.proc)
        assert counts_over_http(f"http://127.0.0.1:{port}/query") == our_counts
    finally:
        proc.stop()


def test_push_twice_into_oxigraph_duplicates_nothing(out: Path, our_counts: dict[str, int],
                                                     oxigraph_server: tuple[str, Path]) -> None:
    base, _ = oxigraph_server
    stale = '<https://example.org/stale> <https://example.org/p> "قديم" .\n'.encode()
    r = httpx.put(f"{base}/store", params={"graph": ARTICLES[0]}, content=stale,
                  headers={"Content-Type": "application/n-triples"})
    assert r.status_code in (200, 201, 204)
    first = push(out, f"{base}/store")
    assert first.ok and first.graphs == 4 and first.triples == sum(our_counts.values())
    second = push(out, f"{base}/store")
    assert second.ok and second.graphs == 4
    assert counts_over_http(f"{base}/query") == our_counts  # replaced, not appended; stale triple gone


def test_push_to_a_wrong_url_fails_clearly(out: Path, oxigraph_server: tuple[str, Path]) -> None:
    from kg.outputs.push import PushError

    base, _ = oxigraph_server
    with pytest.raises(PushError):
        push(out, f"http://127.0.0.1:{free_port()}/store", timeout_s=5)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}, {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 200M
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4
MaxClientConnections = 4
DavRoot = DAV

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


def test_dataset_bulk_loads_into_virtuoso(out: Path, our_counts: dict[str, int], tmp_path: Path) -> None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if server is None or isql is None:
        pytest.skip("Virtuoso is not installed: run scripts/setup-stores.sh (apt-get install virtuoso-opensource)")
    db, data = tmp_path / "vdb", tmp_path / "vdata"
    db.mkdir()
    data.mkdir()
    shutil.copy(out / "dataset.nq", data / "dataset.nq")
    sql, http = free_port(), free_port()
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=db, data=data, sql=sql, http=http), encoding="utf-8")
    proc = _Proc([server, "+foreground", "+configfile", str(db / "virtuoso.ini")], db / "stdout.log", cwd=db)
    try:
        deadline = time.monotonic() + 45
        while True:
            ping = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", "exec=status();"],
                                  capture_output=True, timeout=15, check=False)
            if ping.returncode == 0:
                break
            if proc.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Virtuoso did not start: " + (db / "virtuoso.log").read_text(errors="replace")[-2000:])
            time.sleep(0.5)
        load = subprocess.run(
            [isql, f"127.0.0.1:{sql}", "dba", "dba",
             f"exec=ld_dir('{data}', 'dataset.nq', 'https://w3id.org/kg-news/graph/unused'); "
             "rdf_loader_run(); checkpoint; "
             "select ll_file, ll_state, ll_error from DB.DBA.load_list;"],
            capture_output=True, text=True, timeout=60, check=False)
        assert load.returncode == 0, load.stdout + load.stderr
        assert "dataset.nq" in load.stdout and "NULL" in load.stdout.split("dataset.nq", 1)[1], load.stdout
        wait_http(f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", proc=proc.proc)
        assert counts_over_http(f"http://127.0.0.1:{http}/sparql") == our_counts
    finally:
        proc.stop()
        os.environ.get("KEEP_VIRTUOSO") or shutil.rmtree(db, ignore_errors=True)
