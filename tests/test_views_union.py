"""The network reader must not multiply rows for people named in many articles."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg import api
from kg.outputs import graph

SEED = Path(__file__).resolve().parents[1] / "seeds" / "002_dc8abb098d9da563.txt"


def test_load_network_reads_the_deduplicated_union(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):          # the same people in six article graphs
        shutil.copy(SEED, src / f"copy_{i}.txt")
    out = tmp_path / "out"
    api.build([src], out, views=False, store=False)
    calls: list[bool] = []
    real = graph.network_from_store

    def spy(store, union_default=True):
        calls.append(union_default)
        return real(store, union_default=union_default)

    monkeypatch.setattr(graph, "network_from_store", spy)
    network = graph.load_network(out)
    assert calls == [False]
    lavrov = [iri for iri, p in network.persons.items() if p.label_en == "Sergey Lavrov"]
    assert len(lavrov) == 1
    # one event per article graph, each listed once despite six copies of every label
    assert len(network.events) == len({e.iri for e in network.events})


def test_a_built_folder_is_read_from_its_store_with_the_same_network(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    api.build([SEED.parent], out, views=False)
    files_only = tmp_path / "files"
    files_only.mkdir()
    for name in ("dataset.nq", "merged.ttl"):
        shutil.copy(out / name, files_only / name)
    from_files = graph.load_network(files_only)
    monkeypatch.setattr(graph.DatasetStore, "from_file",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("dataset.nq loaded into memory")))
    from_store = graph.load_network(out)
    assert from_store.persons == from_files.persons and len(from_store.persons) >= 10
    assert from_store.events == from_files.events
    assert sorted(from_store.graph.edges) == sorted(from_files.graph.edges)
