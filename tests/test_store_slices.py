"""Bulk loads in slices (kg/store/slices.py): the same store as one load, with slices anywhere."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.store.slices import slices

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    api.build([Path(__file__).resolve().parents[1] / "seeds"], out, views=False, store=False)
    return out


@pytest.mark.parametrize("name, fmt, blocks", [("dataset.nq", ox.RdfFormat.N_QUADS, False),
                                               ("merged.ttl", ox.RdfFormat.TURTLE, True)])
@pytest.mark.parametrize("limit", [1, 700, 5_000, 1 << 30])
def test_slices_load_the_same_statements_as_the_whole_file(built, name, fmt, blocks, limit):
    whole = ox.Store()
    whole.bulk_load(path=str(built / name), format=fmt)
    parts = ox.Store()
    count = 0
    for part in slices(built / name, blocks=blocks, limit=limit, whole=limit):
        parts.bulk_load(part, format=fmt)     # each slice must parse on its own
        count += 1
    assert set(parts) == set(whole) and len(whole) > 100
    if limit == 1 << 30:
        assert count == 1
    else:
        assert count > 1


def test_a_slice_of_lines_ends_at_a_line_end_and_a_slice_of_blocks_at_a_block_end(built):
    lines = slices(built / "dataset.nq", limit=10, whole=10)      # the file stays open while the slices are read
    first_lines = next(lines).read()
    assert first_lines.endswith(b" .\n") and first_lines.count(b"\n") == 1
    blocks = slices(built / "merged.ttl", blocks=True, limit=10, whole=10)
    first_block = next(blocks).read()
    assert first_block.startswith(b"@prefix ") and first_block.endswith(b" .\n")
    assert first_block.count(b" .\n") - first_block.count(b"@prefix ") == 1


def test_a_big_dataset_loads_in_a_process_of_its_own_into_the_same_store(built, tmp_path, monkeypatch):
    from kg.store import build_store, disk, open_store

    whole = build_store(tmp_path / "a", built / "dataset.nq", union=built / "merged.ttl")
    monkeypatch.setattr(disk, "WHOLE_BYTES", 1000)      # the seeds' dataset counts as big
    monkeypatch.setattr(disk, "OWN_PROCESS_BYTES", 1000)
    children = []
    real_run = disk.subprocess.run
    monkeypatch.setattr(disk.subprocess, "run", lambda args, **kw: children.append(args) or real_run(args, **kw))
    apart = build_store(tmp_path / "b", built / "dataset.nq", union=built / "merged.ttl")
    assert len(children) == 1 and children[0][0] == sys.executable
    assert (apart.quads, apart.graphs) == (whole.quads, whole.graphs)
    a = sorted(open_store(tmp_path / "a").dump("nquads").decode().splitlines())
    b = sorted(open_store(tmp_path / "b").dump("nquads").decode().splitlines())
    assert a == b and len(a) > 100


def test_a_script_without_a_main_guard_still_loads_a_big_store(built, tmp_path):
    # multiprocessing's spawn would run this script again in its worker, which then fails at
    # start, and the pool would start failing workers for ever
    script = tmp_path / "load.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from kg.store import build_store, disk\n"
        "disk.OWN_PROCESS_BYTES = 1000\n"
        "built = Path(sys.argv[1])\n"
        "info = build_store(Path(sys.argv[2]), built / 'dataset.nq', union=built / 'merged.ttl')\n"
        "print(info.graphs)\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(built), str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=120, check=False, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout.split()[-1]) > 5


def test_a_failing_loader_process_is_an_output_error_and_the_store_stays(built, tmp_path, monkeypatch):
    from kg.errors import OutputError
    from kg.store import build_store, disk, open_store

    build_store(tmp_path, built / "dataset.nq", union=built / "merged.ttl")
    before = sorted(open_store(tmp_path).dump("nquads").decode().splitlines())
    monkeypatch.setattr(disk, "OWN_PROCESS_BYTES", 1000)
    monkeypatch.setattr(disk, "_LOADER", "import sys; sys.exit('out of memory')")
    with pytest.raises(OutputError, match="the store loader failed: out of memory"):
        build_store(tmp_path, built / "dataset.nq", union=built / "merged.ttl")
    assert sorted(open_store(tmp_path).dump("nquads").decode().splitlines()) == before


def test_a_build_tells_the_store_its_quads_and_the_store_is_the_same(built, tmp_path, monkeypatch):
    from kg.store import build_store, disk, open_store
    from kg.store.union import count_statements

    counted = build_store(tmp_path / "a", built / "dataset.nq", union=built / "merged.ttl")
    written = json.loads((built / "report.json").read_text(encoding="utf-8"))["totals"]["quads"]
    assert written == counted.quads == count_statements(built / "dataset.nq")[0]
    monkeypatch.setattr(disk, "count_statements", lambda path: pytest.fail("the file was read to count"))
    told = build_store(tmp_path / "b", built / "dataset.nq", union=built / "merged.ttl", own_quads=written)
    assert (told.quads, told.graphs) == (counted.quads, counted.graphs)
    a = sorted(open_store(tmp_path / "a").dump("nquads").decode().splitlines())
    b = sorted(open_store(tmp_path / "b").dump("nquads").decode().splitlines())
    assert a == b


def test_counting_statements_skips_comments_and_blank_lines_and_sees_blank_nodes(tmp_path):
    from kg.store.union import count_statements

    plain = tmp_path / "plain.nq"
    plain.write_bytes(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n<urn:s> <urn:p> <urn:o2> <urn:g> .\n")
    assert count_statements(plain) == (2, False)
    mixed = tmp_path / "mixed.nq"
    mixed.write_bytes(b"# a comment\n<urn:s> <urn:p> <urn:o> <urn:g> .\n\n   \n"
                      b"\t<urn:s> <urn:p> _:b1 <urn:g> .\n#\n")
    assert count_statements(mixed) == (2, True)


def test_the_scorer_and_the_kb_load_without_spacy():
    # kg.nlp imports its pipeline on first use: kg --help, kg query and kg kb start without spaCy
    import subprocess
    import sys

    code = "import sys, kg.nlp.normalise, kg.resolve, kg.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_union_loads_alongside_the_quads_in_slices_into_the_same_store(built, tmp_path, monkeypatch):
    import threading

    import kg.store.slices as slices_module
    from kg.store import build_store, disk, open_store

    expected = ox.Store()     # the named graphs, then the union as the default graph, one after the other
    expected.bulk_load(path=str(built / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    expected.bulk_load(path=str(built / "merged.ttl"), format=ox.RdfFormat.TURTLE)
    loads, cuts = {}, []
    real_load, real_slices = disk.DatasetStore.load_file, slices_module.slices

    def load_file(self, file, *args, **kwargs):
        loads[Path(file).name] = threading.current_thread().name
        return real_load(self, file, *args, **kwargs)

    def cut(path, *args, **kwargs):
        cuts.append((Path(path).name, kwargs.get("limit")))
        return real_slices(path, *args, **kwargs)

    monkeypatch.setattr(disk.DatasetStore, "load_file", load_file)
    monkeypatch.setattr(slices_module, "slices", cut)
    monkeypatch.setattr(disk, "UNION_SLICE_BYTES", 2_000)      # the seeds' union in many slices
    build_store(tmp_path, built / "dataset.nq", union=built / "merged.ttl")
    assert loads["merged.ttl"].startswith("kg-union-load") and loads["dataset.nq"] == "MainThread"
    assert cuts == [("merged.ttl", 2_000)]                      # the quads load whole
    got = sorted(open_store(tmp_path).dump("nquads").decode().splitlines())
    assert got == sorted(expected.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines()) and len(got) > 100
