"""kg build at scale: the same bytes with any number of processes, and incremental builds that
give what a build from scratch gives (on a small synthetic corpus)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg import api
from kg.bench.corpus import article, write_corpus
from kg.store import open_store

FILES = ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld", "report.json")
N = 24


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def _store_quads(out: Path) -> list[str]:
    store = open_store(out)
    return sorted(store.dump("nquads").decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, N, seed=7, with_seeds=False)
    return folder


@pytest.fixture(scope="module")
def full(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("full")
    api.build([corpus], out, views=False, jobs=1, cache=False)
    return out


def _edit(folder: Path, change: str) -> None:
    path = folder / "articles-00000.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if change == "changed":
        obj = json.loads(lines[3])
        obj["text"] = obj["text"].replace("التقى", "اجتمع", 1) + "\nوأكد الجانبان استمرار التنسيق."
        lines[3] = json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"
    elif change == "added":
        lines.append(json.dumps(article(7, N + 5), ensure_ascii=False, sort_keys=True) + "\n")
    elif change == "removed":
        del lines[5]
    path.write_text("".join(lines), encoding="utf-8")


def test_two_processes_write_the_same_bytes_as_one(corpus: Path, full: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.pipeline.run._WARMUP", 5)     # a few in the parent, the rest in the workers
    report = api.build([corpus], tmp_path / "j2", views=False, jobs=2, cache=False)
    assert report.timings["processed"] == N
    assert report.timings["processed_in_workers"] == N - 5
    assert _outputs(tmp_path / "j2") == _outputs(full)
    assert _store_quads(tmp_path / "j2") == _store_quads(full)


def test_rebuild_from_cache_processes_nothing_and_writes_the_same_bytes(corpus: Path, full: Path,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=2)
    again = api.build([corpus], out, views=False, jobs=2)
    assert again.timings["processed"] == 0
    assert again.timings["cache_hits"] == N
    assert _outputs(out) == _outputs(full)


@pytest.mark.parametrize("change, expected", [
    ("removed", ["0", "0", str(N - 1), "False"]),        # nothing to extract: no spaCy at all
    ("changed", ["1", "1", str(N), "False"]),            # the standby worker extracts it
])
def test_the_parent_of_a_small_rebuild_never_loads_spacy(corpus: Path, tmp_path: Path, change: str,
                                                         expected: list[str]) -> None:
    import subprocess
    import sys

    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    out = tmp_path / "out"
    api.build([edited], out, views=False, jobs=2)
    _edit(edited, change)
    code = ("import sys; from kg import api; r = api.build([sys.argv[1]], sys.argv[2], views=False, jobs=2); "
            "print(int(r.timings['processed']), int(r.timings['processed_in_workers']), r.totals['articles'], "
            "'spacy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(edited), str(out)], capture_output=True, text=True,
                         check=True)
    assert run.stdout.split() == expected
    scratch = tmp_path / "scratch"
    api.build([edited], scratch, views=False, jobs=1, cache=False)
    assert _outputs(out) == _outputs(scratch)


_COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }"


def test_a_store_left_by_an_earlier_build_is_not_queried_after_a_no_store_build(corpus: Path, tmp_path: Path) -> None:
    from kg.queries import run_query
    from kg.store import store_matches

    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    out = tmp_path / "out"
    api.build([edited], out, views=False, jobs=1)
    assert store_matches(out, out / "dataset.nq")
    assert int(run_query(out, _COUNT_ARTICLES).rows[0]["n"].value) == N
    _edit(edited, "removed")
    api.build([edited], out, views=False, jobs=1, store=False)
    assert not store_matches(out, out / "dataset.nq")
    assert int(run_query(out, _COUNT_ARTICLES).rows[0]["n"].value) == N - 1      # loaded again
    assert store_matches(out, out / "dataset.nq")


def test_an_incremental_build_keeps_its_store_current(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    import kg.queries
    from kg.queries import run_query

    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    out = tmp_path / "out"
    api.build([edited], out, views=False, jobs=1)
    _edit(edited, "added")
    again = api.build([edited], out, views=False, jobs=1)
    assert again.timings["store_incremental"] == 1.0
    monkeypatch.setattr(kg.queries, "build_store", lambda *a, **k: pytest.fail("the store was loaded again"))
    assert int(run_query(out, _COUNT_ARTICLES).rows[0]["n"].value) == N + 1


@pytest.mark.parametrize("change", ["changed", "added", "removed"])
def test_incremental_build_equals_a_build_from_scratch(corpus: Path, tmp_path: Path, change: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    out = tmp_path / "out"
    api.build([src], out, views=False, jobs=1)
    _edit(src, change)
    report = api.build([src], out, views=False, jobs=1)
    assert report.timings["processed"] == (0 if change == "removed" else 1)
    assert report.timings["store_incremental"] == 1.0
    scratch = tmp_path / "scratch"
    api.build([src], scratch, views=False, jobs=1, cache=False)
    assert _outputs(out) == _outputs(scratch)
    assert _store_quads(out) == _store_quads(scratch)


def test_changed_kb_version_invalidates_the_cache(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    api.build([corpus], out, views=False, store=False)
    from kg.resolve.kb import KnowledgeBase

    monkeypatch.setattr(KnowledgeBase, "version", lambda self: "another-kb")
    report = api.build([corpus], out, views=False, store=False)
    assert report.timings["processed"] == N


@pytest.mark.parametrize("given, used", [([], "cores"), (["--jobs", "1"], 1), (["-j", "3"], 3)])
def test_the_cli_builds_with_one_process_per_core_unless_told(tmp_path: Path, monkeypatch, given, used) -> None:
    import os

    from typer.testing import CliRunner

    from kg.cli import app

    seen: list[int] = []
    monkeypatch.setattr(api, "build", lambda *a, **k: seen.append(k["jobs"]) or (_ for _ in ()).throw(SystemExit(0)))
    CliRunner().invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "-q", *given])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert seen == [cores if used == "cores" else used]


def test_a_changed_json_lines_file_hands_out_its_first_article_before_cleaning_the_others(
        corpus: Path, tmp_path: Path) -> None:
    # the workers of a parallel build start at once instead of waiting for the whole file
    from kg.ingest.options import DEFAULT_OPTIONS
    from kg.pipeline.cache import BuildCache
    from kg.pipeline.inputs import CachedReader
    from kg.records import Article

    reader = CachedReader(BuildCache(tmp_path / "cache.sqlite"), "ctx", lambda a: a.id, set())
    items = reader(corpus / "articles-00000.jsonl", DEFAULT_OPTIONS)
    first = next(items)
    assert isinstance(first, Article) and reader.lines_read == 1
    rest = list(items)
    assert reader.lines_read == 1 + len(rest) == N


def test_a_standby_worker_that_cannot_make_the_pipeline_fails_the_article_not_the_build(
        corpus: Path, tmp_path: Path) -> None:
    """A pool replaces a worker whose initializer raises, for ever: the standby's warm-up must not
    raise, and the article then fails with a message instead of the build hanging."""
    import subprocess
    import sys

    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    out = tmp_path / "out"
    api.build([edited], out, views=False, jobs=2)
    _edit(edited, "changed")
    code = ("import sys, kg.nlp.pipeline as p\n"
            "def broken(*a, **k): raise RuntimeError('no pipeline here')\n"
            "p.make_nlp = broken\n"
            "from kg import api\n"
            "r = api.build([sys.argv[1]], sys.argv[2], views=False, jobs=2)\n"
            "print(r.totals['failed'], r.totals['articles'])\n"
            "print([s.warnings for s in r.articles if s.status == 'failed'])\n")
    run = subprocess.run([sys.executable, "-c", code, str(edited), str(out)], capture_output=True, text=True,
                         check=True, timeout=120)
    counts, errors = run.stdout.splitlines()
    assert counts.split() == ["1", str(N)]
    assert "extraction failed: RuntimeError: no pipeline here" in errors


def _standby_lexicon(send: object | None) -> int:
    """The number of phrases of the lexicon that a standby worker's warm-up ends with, when its
    parent sends ``send`` (None: closes the pipe without sending)."""
    import multiprocessing as mp

    from kg.nlp import lexicon
    from kg.pipeline.run import _warm_up

    fork = mp.get_context("fork")
    receive, sender = fork.Pipe(duplex=False)
    results = fork.SimpleQueue()

    def worker() -> None:
        lexicon._LEXICON.clear()        # as in a worker forked before any lexicon was built
        _warm_up(receive, sender)
        results.put(len(lexicon.get_lexicon().phrases))

    child = fork.Process(target=worker)
    child.start()
    receive.close()
    if send is not None:
        sender.send(send)
    sender.close()
    child.join(60)
    assert child.exitcode == 0
    return results.get()


def test_the_standby_worker_takes_the_lexicon_its_parent_built() -> None:
    import copy

    from kg.nlp.lexicon import get_lexicon

    small = copy.copy(get_lexicon())
    small.phrases = get_lexicon().phrases[:40]
    assert _standby_lexicon(small) == 40


def test_a_standby_worker_sent_no_lexicon_builds_its_own() -> None:
    from kg.nlp.lexicon import get_lexicon

    assert _standby_lexicon(None) == len(get_lexicon().phrases)
    assert _standby_lexicon("not a lexicon") == len(get_lexicon().phrases)


def test_a_rebuild_that_fails_before_its_corpus_pass_stops_its_standby_worker(corpus: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The standby worker is forked before the KB is loaded; a failure there must not leave it."""
    import multiprocessing as mp

    from kg.resolve import KnowledgeBase

    out = tmp_path / "out"
    api.build([corpus], out, views=False, jobs=2)
    started: list[object] = []
    from kg.pipeline import run

    real_start = run.start_standby

    def start():
        started.append(real_start())
        return started[-1]

    def broken(*_a, **_k):
        raise OSError("the KB is unreadable")

    monkeypatch.setattr(run, "start_standby", start)
    monkeypatch.setattr(KnowledgeBase, "load", broken)
    with pytest.raises(OSError, match="unreadable"):
        api.build([corpus], out, views=False, jobs=2)
    assert len(started) == 1 and mp.active_children() == []
