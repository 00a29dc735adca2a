"""Incremental builds patch the dataset files of the last build instead of rewriting them, skip
input files that did not change, and still give the bytes of a build from scratch; a build that
stops half-way makes the next one write everything again."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from kg import api
from kg.bench.corpus import article
from kg.outputs.files import turtle_blocks, turtle_header
from kg.rdf.namespaces import PREFIXES
from kg.store import open_store, serialize_nquads

FILES = ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld", "report.json")
N = 12


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def _store_quads(out: Path) -> list[str]:
    return sorted(open_store(out).dump("nquads").decode("utf-8").splitlines())


def _age(folder: Path) -> None:
    """Make every file look written a minute ago (files younger than 2 s are always re-read)."""
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def _write_txt(folder: Path, i: int, extra: str = "") -> None:
    obj = article(11, i)
    (folder / f"a{i:03d}.txt").write_text(obj["title"] + "\n" + obj["text"] + extra, encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for i in range(N):
        _write_txt(folder, i)
    _age(folder)
    return folder


def _scratch(src: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"scratch-{time.monotonic_ns()}"
    api.build([src], out, views=False, jobs=1, cache=False)
    return out


def _assert_as_built_from_scratch(out: Path, src: Path, tmp_path: Path) -> None:
    """The files and the store of ``out`` are those of a build of ``src`` from scratch."""
    scratch = _scratch(src, tmp_path)
    assert _outputs(out) == _outputs(scratch)
    assert _store_quads(out) == _store_quads(scratch)


def _edit(src: Path, change: str) -> None:
    if change == "changed":
        _write_txt(src, 3, "\nوأكد الجانبان استمرار التنسيق بينهما.")
    elif change == "added":
        _write_txt(src, N + 4)
    elif change == "removed":
        (src / "a005.txt").unlink()
    elif change == "meta":
        (src / "a002.meta.json").write_text(json.dumps({"publisher": "وكالة الأنباء"}), encoding="utf-8")


@pytest.mark.parametrize("change", ["changed", "added", "removed", "meta"])
def test_patched_build_reads_one_file_and_equals_a_build_from_scratch(corpus: Path, tmp_path: Path,
                                                                      change: str) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    _edit(corpus, change)
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 1.0
    assert report.timings["store_incremental"] == 1.0
    assert report.timings["files_read"] == (0 if change == "removed" else 1)
    assert report.timings["processed"] == (0 if change == "removed" else 1)
    _assert_as_built_from_scratch(out, corpus, tmp_path)


def _jsonl_corpus(tmp_path: Path, with_ids: bool) -> Path:
    folder = tmp_path / "jsonl"
    folder.mkdir()
    rows = [article(13, i) for i in range(N)]
    for row in rows:
        if not with_ids:
            del row["id"]
    (folder / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                       encoding="utf-8")
    return folder


def _edit_jsonl(folder: Path, change: str) -> None:
    path = folder / "news.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if change == "changed":
        obj = json.loads(lines[4])
        obj["text"] += "\nوأكد الجانبان استمرار التنسيق بينهما."
        lines[4] = json.dumps(obj, ensure_ascii=False) + "\n"
    elif change == "added":
        lines.append(json.dumps(article(13, N + 3), ensure_ascii=False) + "\n")
    else:
        del lines[2]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("change", "lines_read"), [("changed", 1), ("added", 1), ("removed", 0)])
def test_a_changed_json_lines_file_is_read_again_only_where_its_lines_changed(
        tmp_path: Path, change: str, lines_read: int) -> None:
    src = _jsonl_corpus(tmp_path, with_ids=True)
    out = tmp_path / "out"
    api.build([src], out, views=False, jobs=1)
    _edit_jsonl(src, change)          # just written: the file's stat is not trusted, its lines are
    report = api.build([src], out, views=False, jobs=1)
    assert report.timings["files_read"] == 1
    assert report.timings["lines_read"] == lines_read
    assert _outputs(out) == _outputs(_scratch(src, tmp_path))


def test_lines_whose_ids_come_from_their_line_numbers_are_read_again_when_they_move(tmp_path: Path) -> None:
    src = _jsonl_corpus(tmp_path, with_ids=False)
    out = tmp_path / "out"
    api.build([src], out, views=False, jobs=1)
    _edit_jsonl(src, "removed")
    report = api.build([src], out, views=False, jobs=1)
    assert report.timings["lines_read"] == N - 3          # every line after the removed one
    assert _outputs(out) == _outputs(_scratch(src, tmp_path))


def test_successive_patches_stay_identical_to_builds_from_scratch(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    for change in ("changed", "added", "removed"):
        _edit(corpus, change)
        _age(corpus)
        report = api.build([corpus], out, views=False, jobs=1)
        assert report.timings["files_patched"] == 1.0
    assert _outputs(out) == _outputs(_scratch(corpus, tmp_path))


def test_a_triple_two_graphs_state_stays_in_merged_ttl_when_one_goes(corpus: Path, tmp_path: Path) -> None:
    (corpus / "b003.txt").write_bytes((corpus / "a003.txt").read_bytes())    # the same persons, twice
    _age(corpus)
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    (corpus / "a003.txt").unlink()
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 1.0
    assert _outputs(out) == _outputs(_scratch(corpus, tmp_path))
    (corpus / "b003.txt").unlink()
    api.build([corpus], out, views=False, jobs=1)
    assert _outputs(out) == _outputs(_scratch(corpus, tmp_path))


def test_unchanged_input_reads_no_file_and_rewrites_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    before = {name: (out / name).stat().st_ino for name in FILES[:4]}
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_read"] == 0
    assert report.timings["processed"] == 0
    assert {name: (out / name).stat().st_ino for name in FILES[:4]} == before


def test_a_build_stopped_before_the_rename_leaves_the_old_files_and_the_next_one_rewrites(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline import dataset

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    old = _outputs(out)
    _edit(corpus, "changed")

    def fail(_staged: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(dataset, "atomic_write_many", fail)
    with pytest.raises(OSError, match="disk full"):
        api.build([corpus], out, views=False, jobs=1)
    monkeypatch.undo()
    assert _outputs(out) == old
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or ".partial" in p.name]
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 0.0       # the remembered positions were void
    _assert_as_built_from_scratch(out, corpus, tmp_path)


def test_a_build_stopped_in_the_store_update_reloads_the_store_next_time(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline import dataset

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    _edit(corpus, "changed")

    def stop(*_args: object, **_kwargs: object) -> None:
        raise MemoryError("killed")

    monkeypatch.setattr(dataset, "update_store", stop)
    with pytest.raises(MemoryError):
        api.build([corpus], out, views=False, jobs=1)
    monkeypatch.undo()
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["store_incremental"] == 0.0
    _assert_as_built_from_scratch(out, corpus, tmp_path)


def test_counts_that_do_not_add_up_make_the_build_write_the_files_anew(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline.cache import BuildCache

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    _edit(corpus, "changed")
    # every line "stated by 5 graphs": more than merged.ttl holds, so the patch is refused
    monkeypatch.setattr(BuildCache, "shared_counts", lambda self, lines: dict.fromkeys(lines, 5))
    started = time.monotonic()
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 0.0
    # the splices waiting to flush together are released at once, not after their 60 s limit
    assert time.monotonic() - started < 50
    monkeypatch.undo()
    assert _outputs(out) == _outputs(_scratch(corpus, tmp_path))
    # the store, updated while the refused patch was copying, holds what the files hold
    _assert_as_built_from_scratch(out, corpus, tmp_path)
    assert _leftovers(out) == []


def test_dataset_file_edited_by_hand_is_rewritten_not_patched(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    with (out / "dataset.trig").open("ab") as fh:
        fh.write(b"# a note\n")
    _edit(corpus, "added")
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 0.0
    assert _outputs(out) == _outputs(_scratch(corpus, tmp_path))


def test_turtle_blocks_concatenate_to_the_turtle_of_all_lines() -> None:
    lines = sorted({
        '<http://e.org/a> <http://schema.org/name> "x\\ny"@ar .\n',
        '<http://e.org/a> <http://schema.org/name> "z" .\n',
        '<http://e.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n',
        '<http://e.org/a/b> <http://schema.org/knows> <http://e.org/a> .\n',
        '<http://e.org/b> <http://schema.org/knows> _:n1 .\n',
        '_:n1 <http://schema.org/name> "\\t\\"quoted\\"" .\n',
    })
    prefixes = {"schema": "http://schema.org/", "ex": "http://e.org/"}
    groups: dict[str, list[str]] = {}
    for line in lines:
        groups.setdefault(line.split(" ", 1)[0] + " ", []).append(line)
    blocks = list(turtle_blocks(((k, v, None) for k, v in groups.items()), prefixes, batch=2))
    assert [k for k, _p, _b in blocks] == list(groups)
    whole = serialize_nquads("".join(lines), "ttl", prefixes)
    assert turtle_header(prefixes) + b"".join(b for _k, _p, b in blocks) == whole


def test_a_full_build_loads_the_default_graph_from_merged_ttl(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline import dataset

    unions: list[bytes] = []
    real = dataset.build_store

    def spy(out_dir: Path, nquads: Path, union: Path | None = None, own_quads: int | None = None):
        unions.append(union.read_bytes() if union is not None else b"")
        return real(out_dir, nquads, union=union, own_quads=own_quads)

    monkeypatch.setattr(dataset, "build_store", spy)
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    assert unions == [(out / "merged.ttl").read_bytes()]      # the finished union, staged before the rename
    store = open_store(out)
    default = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
    named = store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert len(default) == len(named) > 0


def _spy_prefix_copies(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None]]:
    """What each dataset file took of the copies made while the new articles were extracted."""
    from kg.pipeline import patch

    taken: list[tuple[str, int | None]] = []
    real_take = patch.PrefixCopies.take

    def take(self, path, present, changed):
        got = real_take(self, path, present, changed)
        taken.append((Path(path).name, None if got is None else got[2]))
        return got

    monkeypatch.setattr(patch.PrefixCopies, "take", take)
    return taken


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if ".pid" in p.name)


@pytest.mark.parametrize("change, before", [("changed", "a003.txt"), ("added", "a016.txt")])
def test_the_old_files_start_is_copied_while_the_new_article_is_extracted(corpus: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          change: str, before: str) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    graphs = sorted({line.rsplit(" ", 2)[-2] for line in (out / "dataset.nq").read_text("utf-8").splitlines()})
    earlier = sum(1 for g in graphs if g < f"<https://w3id.org/kg-news/id/article/{before}>")
    assert 1 <= earlier <= len(graphs)
    _edit(corpus, change)
    taken = _spy_prefix_copies(monkeypatch)
    api.build([corpus], out, views=False, jobs=1)
    assert sorted(taken) == [("dataset.jsonld", earlier), ("dataset.nq", earlier), ("dataset.trig", earlier)]
    _assert_as_built_from_scratch(out, corpus, tmp_path)
    assert _leftovers(out) == []


def test_a_wrong_guess_of_the_unchanged_start_is_discarded(corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline import dataset, patch

    class TooFar(patch.PrefixCopies):       # as if a corpus merge changed an earlier graph
        def __init__(self, out_dir, previous, prefixes, first):
            super().__init__(out_dir, previous, prefixes, max(previous) + "~")

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    _edit(corpus, "changed")
    monkeypatch.setattr(dataset, "PrefixCopies", TooFar)
    taken = _spy_prefix_copies(monkeypatch)
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["files_patched"] == 1.0
    assert sorted(taken) == [("dataset.jsonld", None), ("dataset.nq", None), ("dataset.trig", None)]
    _assert_as_built_from_scratch(out, corpus, tmp_path)
    assert _leftovers(out) == []


def test_the_subject_spans_read_aside_are_those_read_in_place(corpus: Path, tmp_path: Path) -> None:
    from kg.pipeline.cache import BuildCache
    from kg.pipeline.run import default_cache_path

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    cache = BuildCache(default_cache_path(out))
    try:
        keys, lengths = cache.subject_spans()
        assert len(keys) == len(lengths) > N
        header = len(turtle_header(PREFIXES))
        assert header + sum(lengths) == (out / "merged.ttl").stat().st_size
        cache._db.execute("BEGIN IMMEDIATE")        # this connection writing: the other still reads
        assert cache.subject_spans_aside().result(timeout=30) == (keys, lengths)
        cache._db.execute("ROLLBACK")
    finally:
        cache.close()


def test_an_incremental_store_update_removes_the_generations_before_the_previous_one(corpus: Path,
                                                                                     tmp_path: Path) -> None:
    """By a process of its own, which may still run when the build returns."""
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    first = (out / "store").resolve()
    for extra in ("\nوأكد الجانبان استمرار التنسيق.", "\nوأكد الجانبان استمرار التشاور."):
        _write_txt(corpus, 4, extra)
        report = api.build([corpus], out, views=False, jobs=1)
        assert report.timings["store_incremental"] == 1.0
    current = (out / "store").resolve()
    deadline = time.monotonic() + 30
    while first.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    generations = sorted(p for p in (out / ".stores").iterdir() if p.is_dir())
    assert len(generations) == 2 and current in generations and first not in generations


@pytest.mark.parametrize("change", ["changed", "removed"])
def test_the_store_is_updated_once_and_before_the_files_are_flushed(corpus: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    change: str) -> None:
    """Its fsyncs would wait behind the dataset files' flush: it runs while they are copied."""
    from kg.outputs import files
    from kg.pipeline import dataset

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=1)
    _edit(corpus, change)
    events: list[tuple[str, float]] = []
    real_update, real_sync = dataset.update_store, files._sync_and_close

    def update(*args, **kwargs):
        try:
            return real_update(*args, **kwargs)
        finally:
            events.append(("store", time.monotonic()))

    def sync(fh):
        name = Path(os.readlink(f"/proc/self/fd/{fh.fileno()}")).name      # the staged file (Linux)
        events.append((name.split(".pid")[0], time.monotonic()))
        return real_sync(fh)

    monkeypatch.setattr(dataset, "update_store", update)
    monkeypatch.setattr(files, "_sync_and_close", sync)
    report = api.build([corpus], out, views=False, jobs=1)
    assert report.timings["store_incremental"] == 1.0 and report.timings["files_patched"] == 1.0
    assert [name for name, _t in events].count("store") == 1
    stored = next(t for name, t in events if name == "store")
    flushed = [t for name, t in events if name in (".dataset.nq", ".dataset.trig", ".dataset.jsonld", ".merged.ttl")]
    assert len(flushed) == 4 and stored <= min(flushed)
    _assert_as_built_from_scratch(out, corpus, tmp_path)
