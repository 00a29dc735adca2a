"""The network reader must not multiply rows for people named in many articles."""
from __future__ import annotations

import shutil
from pathlib import Path

import kg.outputs.graph as graph
from kg import api

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
