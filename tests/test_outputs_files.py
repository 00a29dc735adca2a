"""The dataset files: four formats that agree, byte-identical rebuilds, atomic replacement."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from test_rdf_mapping import BASE, sample_resolved

from kg.outputs import files
from kg.outputs.files import DATASET_FILES, atomic_write, write_dataset
from kg.rdf import ArticleGraph, IriMinter, map_article, ontology_graph
from kg.store import DatasetStore

KGSCORE = Path("/work/shared/eval/kgscore.py")


def graphs() -> list[ArticleGraph]:
    minter = IriMinter(BASE)
    return [map_article(sample_resolved("001_b.txt"), minter), map_article(sample_resolved("000_a.txt"), minter)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, files.DatasetFiles]:
    out = tmp_path_factory.mktemp("out")
    return out, write_dataset(graphs(), out)


def test_writes_four_files_with_counts(built: tuple[Path, files.DatasetFiles]) -> None:
    out, result = built
    assert result.paths == tuple(out / name for name in DATASET_FILES)
    assert all(p.is_file() and p.stat().st_size > 0 for p in result.paths)
    assert result.graphs == 3    # the ontology graph and two articles
    assert sorted(result.triples_per_graph) == sorted(
        [ontology_graph().iri, BASE + "article/000_a.txt", BASE + "article/001_b.txt"])
    assert result.quads == sum(result.triples_per_graph.values())


def test_nquads_sorted_by_graph_then_line(built: tuple[Path, files.DatasetFiles]) -> None:
    out, _ = built
    lines = (out / "dataset.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    keyed = [(line.rsplit(" <", 1)[1], line) for line in lines]
    assert keyed == sorted(keyed)
    assert len(lines) == len(set(lines))


def test_files_parse_with_pyoxigraph_and_rdflib_with_equal_counts(built: tuple[Path, files.DatasetFiles]) -> None:
    out, result = built
    for name in ("dataset.nq", "dataset.trig", "dataset.jsonld"):
        assert len(DatasetStore.from_file(out / name)) == result.quads, name
    ds = rdflib.Dataset()
    ds.parse(out / "dataset.trig", format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == result.quads
    ds_nq = rdflib.Dataset()
    ds_nq.parse(out / "dataset.nq", format="nquads")
    assert len(list(ds_nq.quads((None, None, None, None)))) == result.quads
    union = {(s, p, o) for s, p, o, _g in ds_nq.quads((None, None, None, None))}
    merged = rdflib.Graph().parse(out / "merged.ttl", format="turtle")
    assert len(merged) == len(union) == len(DatasetStore.from_file(out / "merged.ttl"))
    # the same person in two articles is one node with one set of labels in the union
    assert len(union) < result.quads


def test_jsonld_holds_one_named_graph_per_article(built: tuple[Path, files.DatasetFiles]) -> None:
    out, _ = built
    doc = json.loads((out / "dataset.jsonld").read_text(encoding="utf-8"))
    assert sorted(g["@id"] for g in doc) == sorted(
        [ontology_graph().iri, BASE + "article/000_a.txt", BASE + "article/001_b.txt"])


def test_trig_uses_the_contract_prefixes(built: tuple[Path, files.DatasetFiles]) -> None:
    out, _ = built
    head = (out / "dataset.trig").read_text(encoding="utf-8")[:2000]
    assert "@prefix schema: <http://schema.org/> ." in head
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in head


def test_dataset_is_byte_identical_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    write_dataset(graphs(), a)
    write_dataset(list(reversed(graphs())), b)
    for name in DATASET_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_rebuild_in_a_fresh_process_is_byte_identical(tmp_path: Path, built: tuple[Path, files.DatasetFiles]) -> None:
    out, _ = built
    code = ("import sys; sys.path.insert(0, 'tests'); from test_outputs_files import graphs; "
            "from kg.outputs.files import write_dataset; from pathlib import Path; "
            f"write_dataset(graphs(), Path({str(tmp_path)!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
    for name in DATASET_FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_graph_given_twice_is_merged(tmp_path: Path) -> None:
    g = graphs()
    result = write_dataset(g + g, tmp_path)
    assert result.graphs == 3


def test_line_outside_its_graph_is_refused(tmp_path: Path) -> None:
    g = graphs()[0]
    bad = ArticleGraph(g.iri, g.nquads + ("<http://x/s> <http://x/p> <http://x/o> .\n",), g.counts)
    with pytest.raises(ValueError, match="not in that graph"):
        write_dataset([bad], tmp_path)


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    atomic_write(target, "قديم")
    atomic_write(target, "جديد")
    assert target.read_text(encoding="utf-8") == "جديد"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_write_leaves_the_old_file_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.txt"
    target.write_text("قديم", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, "جديد")
    assert target.read_text(encoding="utf-8") == "قديم"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]    # no temporary file left behind


def test_when_one_of_several_files_cannot_be_written_none_is_replaced_and_no_temporary_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("report.json", "report.md", "notes.txt")
    for name in names:
        (tmp_path / name).write_text("قديم", encoding="utf-8")
    real = files._write_temp

    def write(path: Path, data: bytes) -> Path:
        if path.name == "report.md":
            raise OSError("disk full")
        return real(path, data)

    monkeypatch.setattr(files, "_write_temp", write)
    with pytest.raises(OSError, match="disk full"):
        files.atomic_write_many({tmp_path / name: "جديد" for name in names})
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {n: "قديم" for n in names}


def _hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_a_big_replaced_file_is_removed_by_a_process_of_its_own(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_LAZY_REMOVE_BYTES", 10)
    removed_here: list[str] = []
    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: (removed_here.append(self.name),
                                                                        real_unlink(self, missing_ok))[1])
    target = tmp_path / "dataset.nq"
    target.write_bytes(b"old bytes, more than ten")
    with open(target, "rb") as reader:      # a reader of the old file keeps reading it whole
        atomic_write(target, b"new")
        assert target.read_bytes() == b"new"
        assert reader.read() == b"old bytes, more than ten"
    deadline = time.monotonic() + 30
    while _hidden(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [p.name for p in tmp_path.iterdir()] == ["dataset.nq"]     # the hidden old copy is gone
    assert not [n for n in removed_here if ".old-" in n]             # ... and not by this process


def test_without_a_remover_process_the_old_file_is_removed_in_a_thread(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def no_process(*_a: object, **_k: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(files, "_LAZY_REMOVE_BYTES", 10)
    monkeypatch.setattr(files.subprocess, "Popen", no_process)
    target = tmp_path / "dataset.nq"
    target.write_bytes(b"old bytes, more than ten")
    atomic_write(target, b"new")
    files.wait_for_cleanup()
    assert [p.name for p in tmp_path.iterdir()] == ["dataset.nq"]
    assert target.read_bytes() == b"new"


def test_temporary_files_left_by_a_killed_build_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    left = [tmp_path / f".dataset.nq.pid{dead}.old-1", tmp_path / f".dataset.trig.pid{dead}.x1y2.partial.trig",
            tmp_path / f".merged-run.pid{dead}.z9.tmp"]
    running = tmp_path / f".dataset.nq.pid{os.getppid()}.abc.partial.nq"   # a build still running
    for path in [*left, running]:
        path.write_bytes(b"left behind")
    atomic_write(tmp_path / "dataset.nq", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["dataset.nq", running.name])


def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    from kg import api

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    out = tmp_path / "out"
    out.mkdir()
    staged = out / f".dataset.jsonld.pid{dead}.k3.partial.jsonld"
    staged.write_bytes(b"[")
    article = tmp_path / "a.txt"
    article.write_text("التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان.", encoding="utf-8")
    api.build([article], out, views=False, store=False, cache=False)
    assert not staged.exists()


def test_a_failed_fsync_of_a_staged_file_keeps_the_old_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dataset(graphs(), tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in DATASET_FILES}

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(Exception, match="cannot write the dataset files: I/O error"):
        write_dataset(graphs()[:1], tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in DATASET_FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(DATASET_FILES)


def test_failed_build_leaves_previous_dataset_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dataset(graphs(), tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in DATASET_FILES}
    calls = []

    def failing_serialize(text: str, fmts: tuple[str, ...], prefixes: object = None) -> list[bytes]:
        calls.extend(fmts)
        if "jsonld" in fmts:
            raise RuntimeError("killed")
        return [b"partial"] * len(fmts)

    monkeypatch.setattr(files, "serialize_nquads_as", failing_serialize)
    with pytest.raises(RuntimeError):
        write_dataset(graphs()[:1], tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in DATASET_FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(DATASET_FILES)


def test_write_fails_half_way_leaves_previous_dataset_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dataset(graphs(), tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in DATASET_FILES}
    real_write_temp = files._write_temp
    seen = []

    def flaky(path: Path, data: bytes) -> Path:
        seen.append(path.name)
        if len(seen) == 3:
            raise OSError("no space left on device")
        return real_write_temp(path, data)

    monkeypatch.setattr(files, "_write_temp", flaky)
    with pytest.raises(Exception, match="no space left"):
        write_dataset(graphs()[:1], tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in DATASET_FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(DATASET_FILES)


def test_new_files_are_readable_by_others(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_dataset(graphs(), tmp_path / "o")
    finally:
        os.umask(old)
    assert (tmp_path / "o" / "dataset.nq").stat().st_mode & 0o044 == 0o044


GOLD = {
    "doc": "000_a.txt",
    "published": "2025-08-01",
    "persons": [
        {"id": "sergey_lavrov", "en": "Sergey Lavrov", "ar": ["سيرغي لافروف", "لافروف"]},
        {"id": "asaad_al_shaibani", "en": "Asaad al-Shaibani", "ar": ["أسعد الشيباني", "الشيباني"]},
        {"id": "emmanuel_macron", "en": "Emmanuel Macron", "ar": ["إيمانويل ماكرون"]},
        {"id": "ahmed_al_sharaa", "en": "Ahmed al-Sharaa", "ar": ["أحمد الشرع", "الشرع"]},
        {"id": "alexander_efimov", "en": "Alexander Efimov", "ar": ["ألكسندر يفيموف"]},
    ],
    "organizations": [],
    "places": [
        {"id": "russia", "en": "Russia", "ar": ["روسيا"], "kind": "country"},
        {"id": "syria", "en": "Syria", "ar": ["سوريا"], "kind": "country"},
        {"id": "france", "en": "France", "ar": ["فرنسا"], "kind": "country"},
        {"id": "moscow", "en": "Moscow", "ar": ["موسكو"], "kind": "city"},
        {"id": "paris", "en": "Paris", "ar": ["باريس"], "kind": "city"},
        {"id": "kremlin", "en": "Kremlin", "ar": ["الكرملين"], "kind": "building"},
    ],
    "roles": [
        {"person": "sergey_lavrov", "role": "foreign_minister", "of": "russia", "evidence": ""},
        {"person": "asaad_al_shaibani", "role": "foreign_minister", "of": "syria", "evidence": ""},
        {"person": "emmanuel_macron", "role": "head_of_state", "of": "france", "evidence": ""},
        {"person": "ahmed_al_sharaa", "role": "head_of_state", "of": "syria", "evidence": ""},
        {"person": "alexander_efimov", "role": "ambassador", "of": "russia", "evidence": ""},
    ],
    "events": [
        {"type": "meeting", "participants": ["sergey_lavrov", "asaad_al_shaibani"],
         "attendees": ["alexander_efimov"], "place": "moscow", "date": "2025-07-31", "status": "occurred"},
        {"type": "phone_call", "participants": ["emmanuel_macron", "ahmed_al_sharaa"], "attendees": [],
         "place": None, "date": "--08-12", "status": "occurred"},
        {"type": "visit", "participants": ["asaad_al_shaibani"], "attendees": [], "place": "paris",
         "date": None, "status": "planned"},
        {"type": "press_conference", "participants": ["sergey_lavrov"], "attendees": [], "place": "kremlin",
         "date": None, "status": "occurred"},
        {"type": "summit", "participants": ["ahmed_al_sharaa"], "attendees": [], "place": None,
         "date": None, "status": "occurred"},
    ],
}


@pytest.mark.skipif(not KGSCORE.is_file(), reason="the shared scorer is not on this machine")
@pytest.mark.parametrize("name", ["dataset.trig", "dataset.nq"])
def test_kgscore_reads_the_dataset(built: tuple[Path, files.DatasetFiles], tmp_path: Path, name: str) -> None:
    out, _ = built
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "000_a.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "score.json"
    proc = subprocess.run([sys.executable, str(KGSCORE), str(out / name), str(gold_dir), "--json", str(report),
                           "--quiet"], capture_output=True, text=True, check=True)
    assert "overall F1 1.000" in proc.stdout
    totals = json.loads(report.read_text(encoding="utf-8"))["totals"]
    assert totals["persons"]["tp_sys_gold"] == [5, 5, 5]
    assert totals["roles"]["tp_sys_gold"] == [5, 5, 5]
    assert totals["events"]["tp_sys_gold"] == [5, 5, 5]
    assert totals["event_attrs"] == {"place_acc": 1.0, "date_acc": 1.0, "status_acc": 1.0, "n": 5}


def test_a_second_build_into_a_folder_being_built_fails_at_once(tmp_path: Path) -> None:
    from kg import api
    from kg.errors import OutputError

    out = tmp_path / "out"
    out.mkdir()
    article = tmp_path / "a.txt"
    article.write_text("التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان.", encoding="utf-8")
    with files.build_lock(out):      # a build in progress
        with pytest.raises(OutputError, match=f"another kg build is writing this folder \\(process {os.getpid()}\\)"):
            api.build([article], out, views=False, store=False)
        assert not (out / "dataset.nq").exists()
    report = api.build([article], out, views=False, store=False)      # released: the next build runs
    assert report.totals["persons"] == 2
    api.build([article], out, views=False, store=False)               # and released after it
