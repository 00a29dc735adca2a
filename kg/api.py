"""The library behind the CLI: every ``kg`` command is one function here that a notebook can call.

``build`` runs the pipeline one way: ingest -> nlp -> resolve -> rdf -> store -> outputs.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Settings
from kg.errors import InputError, OutputError
from kg.records import Problem

if TYPE_CHECKING:
    from kg.outputs.files import DatasetFiles
    from kg.pipeline.dataset import EarlyStart, Written
    from kg.pipeline.run import CorpusPass

__all__ = ["ArticleStatus", "BuildReport", "build", "evaluate", "stats", "validate", "write_report"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ArticleStatus:
    """One row of the build report."""

    id: str
    source: str
    status: str                  # ok | no_officials | failed | rejected
    persons: int = 0
    posts: int = 0
    events: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildReport:
    """What a build did: per article status and counts, totals, problems, timings, resolution notes."""

    out_dir: str
    articles: tuple[ArticleStatus, ...]
    problems: tuple[str, ...]
    totals: dict[str, int]
    timings: dict[str, float]
    resolution_notes: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return any(a.status in ("ok", "no_officials") for a in self.articles)

    def to_json(self, with_timings: bool = False, rows: str | None = None) -> str:
        """The report as JSON, one article per line; ``rows`` are the articles made already by
        :func:`json_rows`."""
        # asdict() deep-copies every value: seconds at 100,000 articles; the rows are flat
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.pop("out_dir")            # the same input gives the same bytes wherever it is built
        if not with_timings:
            data.pop("timings")
        data.pop("articles")            # "articles" sorts first, as with sort_keys
        rest = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        if rows is None:
            rows = json_rows(self.articles)
        return '{\n  "articles": [' + (f"\n    {rows}\n  " if rows else "") + "]," + rest[1:] + "\n"


def _statuses(records: Sequence[Any], plan: Any) -> tuple[list[ArticleStatus], list[str]]:
    statuses: list[ArticleStatus] = []
    notes: list[str] = []
    for rec in records:
        if rec.summary is None:
            statuses.append(ArticleStatus(rec.article_id, rec.source, "failed",
                                          warnings=(rec.failure or "failed",)))
            continue
        sm = rec.summary
        notes.extend(sm.notes)
        notes.extend(plan.notes_for.get(sm.id, ()))
        statuses.append(ArticleStatus(sm.id, rec.source, "ok" if sm.persons else "no_officials", sm.persons,
                                      sm.posts, sm.events, sm.warnings))
    return statuses, notes


def _missing_inputs(inputs: Sequence[Path]) -> None:
    """Raise InputError before anything is created when no input exists at all."""
    from kg.ingest import read_inputs

    if inputs and all(not p.exists() for p in inputs):
        problems = [p for p in read_inputs(inputs) if isinstance(p, Problem)]
        raise InputError("; ".join(str(p) for p in problems) or "no input found")


#: Above this many articles ``kg build`` writes no default views: they hold the whole network in
#: memory, about 65 MB per 1,000 articles, which would pass 2 GiB near 25,000 articles.
VIEWS_MAX_ARTICLES = 20_000


def _built_network(out_dir: Path) -> Any:
    """The network of the store this build has just written: read from disk, not loaded into
    memory again from the dataset files (gigabytes at 100k articles)."""
    from kg.outputs.graph import network_from_store
    from kg.store import open_store

    return network_from_store(open_store(out_dir), union_default=False)   # its default graph is the union


def build(inputs: Iterable[str | Path], out: str | Path, settings: Settings = Settings(),
          progress: Progress | None = None, views: bool = True, store: bool = True,
          jobs: int = 1, cache: bool = True) -> BuildReport:
    """Build the dataset of every article under ``inputs`` into the folder ``out``.

    Bad inputs are reported (file, line, reason) and skipped; the other articles still go through.
    Every output file is written atomically, so a failed build leaves the previous outputs whole.

    Parameters
    ----------
    jobs
        Processes for the per-article work (extraction, resolution, mapping); the output is
        byte-identical whatever the number.
    cache
        Reuse per-article results of earlier builds of ``out`` (``out/.kg-cache``) and update
        the store in place when few articles changed. Without it, everything is recomputed
        (a temporary cache is used and removed) and the store is reloaded.

    Notes
    -----
    Articles stream through the pipeline: memory holds a small summary per article, not the
    articles, extractions or graphs (see :mod:`kg.pipeline`). The result, ``report.json``
    included, is the same for a full and an incremental build of the same input.
    """
    from kg.outputs.files import build_lock

    out_dir = Path(out)
    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise InputError("no input given: name at least one file or folder of articles")
    _missing_inputs(inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder: {exc}") from exc
    with build_lock(out_dir):       # one build at a time writes a folder
        return _build_into(out_dir, inputs, settings, progress, views, store, jobs, cache)


def _build_into(out_dir: Path, inputs: list[Path], settings: Settings, progress: Progress | None, views: bool,
                store: bool, jobs: int, cache: bool) -> BuildReport:
    """:func:`build` once the folder exists and is locked."""
    import shutil
    import tempfile

    from kg.outputs.files import remove_stale_temporaries, wait_for_cleanup
    from kg.pipeline.cache import CACHE_DIR, BuildCache
    from kg.pipeline.dataset import start_early, write_outputs
    from kg.pipeline.run import default_cache_path, process_corpus, start_standby
    from kg.rdf.iris import IriMinter
    from kg.rdf.namespaces import PREFIXES
    from kg.resolve import KnowledgeBase
    from kg.resolve.corpus import plan_merges

    remove_stale_temporaries(out_dir)       # what a killed build left behind
    timings: dict[str, float] = {}
    extras: dict[str, Any] = {}
    t0 = time.perf_counter()
    # a rebuild's worker starts importing spaCy before the KB is loaded (it only extracts)
    standby = start_standby() if cache and jobs > 1 and default_cache_path(out_dir).is_file() else None
    try:
        kb = KnowledgeBase.load(settings.extra_kb)
        minter = IriMinter(settings.base_iri)
        scratch = None
        if cache:
            cache_path = default_cache_path(out_dir)
        else:
            (out_dir / CACHE_DIR).mkdir(exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=out_dir / CACHE_DIR))
            cache_path = scratch / "cache.sqlite"
        bc = BuildCache(cache_path)
    except BaseException:
        if standby is not None:
            standby.close()
        raise
    early: list[EarlyStart | None] = []

    def copy_while_extracting(article_ids: list[str], new_ids: list[str]) -> None:
        if cache:       # a rebuild: the old files are read and copied while the new articles are extracted
            early.append(start_early(out_dir, bc, minter, PREFIXES, article_ids, new_ids))

    try:
        corpus = process_corpus(inputs, bc, kb, minter, PREFIXES, jobs=max(1, jobs), progress=progress,
                                on_read=copy_while_extracting, standby=standby)
        timings["extract_s"] = corpus.timings["process_s"]
        timings["cache_hits"] = float(corpus.hits)
        timings["processed"] = float(corpus.misses)
        timings["processed_in_workers"] = float(corpus.in_workers)
        records, problems = corpus.records, corpus.problems
        if not records and problems and all("does not exist" in p.message or "no such" in p.message.lower()
                                            for p in problems):
            raise InputError("; ".join(str(p) for p in problems))

        t = time.perf_counter()
        plan = plan_merges((r.summary.id, r.summary.candidates) for r in records if r.summary is not None)
        timings["resolve_s"] = time.perf_counter() - t

        # The report's rows are made while the dataset files go to disk (a quarter of a second of
        # a rebuild at 10k articles), once they are staged: not before, when this thread still
        # works out what to write and would share the GIL with them.
        views_follow = views and len(records) <= VIEWS_MAX_ARTICLES
        if views and not views_follow:
            extras["views_skipped"] = (f"{len(records):,} articles, over {VIEWS_MAX_ARTICLES:,}: the default views "
                                       "would read the whole network into memory; use kg view for focused views")
            log.warning("views not written: %s", extras["views_skipped"])
        made: list[BuildReport] = []
        with ThreadPoolExecutor(1, thread_name_prefix="kg-report") as side:
            rows: list[Future[tuple[list[ArticleStatus], list[str], str]]] = []

            def make_rows() -> None:
                rows.append(side.submit(_report_rows, records, plan, problems))

            def before_commit(written: Written) -> dict[Path, str]:
                """What the build did, and the report when no views follow: it is then committed
                with the dataset files (their fsyncs hide its own)."""
                _record_written(written, corpus, timings, extras, store)
                if views_follow:
                    return {}
                timings["total_s"] = time.perf_counter() - t0
                statuses, notes, article_rows = rows[0].result()
                made.append(_make_report(out_dir, records, problems, statuses, notes, written.files, timings,
                                         extras))
                return report_files(made[0], out_dir, article_rows)

            out = write_outputs(records, plan, bc, minter, PREFIXES, out_dir, store=store, remember=cache,
                                early=early[0] if early else None, while_writing=make_rows,
                                before_commit=before_commit)
        statuses, notes, article_rows = rows[0].result()
        if cache:
            bc.retain({r.key for r in records if r.summary is not None})
    finally:
        if standby is not None:
            standby.close()         # closed already, unless the corpus pass did not start
        for started in early:
            if started is not None:
                started.discard()   # not used: the build stopped before writing
        bc.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    if made:
        return made[0]
    if views:
        from kg.outputs.views import write_default_views

        t = time.perf_counter()
        try:
            written = write_default_views(out_dir, network=_built_network(out_dir) if store else None)
            extras["views"] = [str(Path(p).relative_to(out_dir)) for p in written]
        except Exception as exc:  # views are a convenience: never lose a built dataset over them
            log.warning("views not written: %s", exc)
            extras["views_error"] = str(exc)
        timings["views_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0
    report = _make_report(out_dir, records, problems, statuses, notes, out.files, timings, extras)
    write_report(report, out_dir, article_rows)
    wait_for_cleanup()      # what a background thread removes (see kg.outputs.files.remove_detached)
    return report


def _record_written(written: Written, corpus: CorpusPass, timings: dict[str, float], extras: dict[str, Any],
                    store: bool) -> None:
    """Timings and extras of the report from what :func:`write_outputs` did."""
    timings.update(written.timings)
    timings["files_read"] = float(corpus.files_read)
    timings["lines_read"] = float(corpus.lines_read)
    timings["remapped"] = float(written.remapped)
    timings["files_patched"] = 0.0 if written.how == "full" else 1.0
    timings["store_incremental"] = 0.0 if written.store in ("full", "none") else 1.0
    extras.update(quads=written.files.quads, graphs=written.files.graphs)
    if store:
        extras["store"] = "store"


def _make_report(out_dir: Path, records: Sequence[Any], problems: Sequence[Problem], statuses: list[ArticleStatus],
                 notes: list[str], files: DatasetFiles, timings: dict[str, float],
                 extras: dict[str, Any]) -> BuildReport:
    totals = {
        "articles": len(records),
        "rejected": len(problems),
        "failed": sum(1 for r in records if r.summary is None),
        "persons": sum(s.persons for s in statuses),
        "posts": sum(s.posts for s in statuses),
        "events": sum(s.events for s in statuses),
        "quads": files.quads,
    }
    return BuildReport(str(out_dir), tuple(statuses), tuple(sorted(str(p) for p in problems)), totals,
                       {k: round(v, 3) for k, v in timings.items()}, tuple(sorted(set(notes))),
                       tuple(p.name for p in files.paths), dict(extras))


def _report_rows(records: Sequence[Any], plan: Any, problems: Sequence[Problem]
                 ) -> tuple[list[ArticleStatus], list[str], str]:
    """The report's article statuses (rejected inputs included, sorted), the resolution notes,
    and the statuses as report.json's rows."""
    statuses, notes = _statuses(records, plan)
    statuses += [ArticleStatus(p.source.rsplit(":", 1)[0] if p.line else p.source, str(p), "rejected",
                               warnings=(p.message,)) for p in problems]
    statuses.sort(key=lambda s: (s.id, s.source))
    return statuses, notes, json_rows(statuses)


def json_rows(articles: Sequence[ArticleStatus]) -> str:
    """The articles of report.json, one per line (json's C encoder does not indent: indenting
    10,000 rows in Python took 0.4 s of every rebuild)."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    return ",\n    ".join(encode(vars(a)) for a in articles)


def write_report(report: BuildReport, out_dir: Path, rows: str | None = None) -> None:
    """``report.json`` (deterministic: no timings) and ``report.md`` (with timings), atomically."""
    from kg.outputs.files import atomic_write_many

    atomic_write_many(report_files(report, out_dir, rows))


def report_files(report: BuildReport, out_dir: Path, rows: str | None = None) -> dict[Path, str]:
    """The contents of ``report.json`` and ``report.md`` (``rows``: see :func:`json_rows`)."""
    lines = [f"# kg build report: {report.out_dir}", "",
             "| " + " | ".join(report.totals) + " |", "|" + "---|" * len(report.totals),
             "| " + " | ".join(str(v) for v in report.totals.values()) + " |", "",
             "## Articles", "", "| article | status | persons | posts | events | warnings |", "|---|---|---|---|---|---|"]
    for a in report.articles:
        warn = "; ".join(a.warnings).replace("|", "\\|")
        lines.append(f"| {a.id} | {a.status} | {a.persons} | {a.posts} | {a.events} | {warn} |")
    if report.problems:
        lines += ["", "## Rejected inputs", ""] + [f"- {p}" for p in report.problems]
    if report.resolution_notes:
        lines += ["", "## Identity: merges and non-merges", ""] + [f"- {n}" for n in report.resolution_notes]
    lines += ["", "## Timings (seconds)", ""] + [f"- {k}: {v}" for k, v in report.timings.items()]
    return {out_dir / "report.json": report.to_json(rows=rows), out_dir / "report.md": "\n".join(lines) + "\n"}


def stats(out: str | Path) -> dict[str, Any]:
    """Counts by class, by article, and the persons with most events."""
    from kg.outputs.stats import dataset_stats

    return dataset_stats(Path(out))


def validate(out: str | Path, shacl: bool = True):
    """Parse every dataset file and run the SHACL shapes (see :mod:`kg.outputs.validate`)."""
    from kg.outputs.validate import validate as _validate

    return _validate(Path(out), shacl=shacl)


def evaluate(out: str | Path, gold_dir: str | Path):
    """Score a built dataset against gold files (see :mod:`kg.eval`)."""
    from kg.eval.score import evaluate as _evaluate

    return _evaluate(Path(out), Path(gold_dir))
