"""The library behind the CLI: every ``kg`` command is one function here that a notebook can call.

``build`` runs the pipeline one way: ingest -> nlp -> resolve -> rdf -> store -> outputs.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from kg.config import Settings
from kg.errors import InputError
from kg.records import Article, Extraction, Problem

__all__ = ["BuildReport", "ArticleStatus", "build", "stats", "validate", "evaluate", "write_report"]

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

    def to_json(self, with_timings: bool = False) -> str:
        data = asdict(self)
        data.pop("out_dir")            # the same input gives the same bytes wherever it is built
        if not with_timings:
            data.pop("timings")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _extract_all(articles: Sequence[Article], progress: Progress | None) -> tuple[list[Extraction], list[ArticleStatus]]:
    from kg.nlp import extract

    extractions: list[Extraction] = []
    failed: list[ArticleStatus] = []
    for n, article in enumerate(articles, 1):
        try:
            extractions.append(extract(article))
        except Exception as exc:  # one bad article must not stop the others
            log.exception("extraction failed for %s", article.source)
            failed.append(ArticleStatus(article.id, article.source, "failed",
                                        warnings=(f"extraction failed: {type(exc).__name__}: {exc}",)))
        if progress:
            progress("extract", n, len(articles))
    return extractions, failed


def build(inputs: Iterable[str | Path], out: str | Path, settings: Settings = Settings(),
          progress: Progress | None = None, views: bool = True, store: bool = True) -> BuildReport:
    """Build the dataset of every article under ``inputs`` into the folder ``out``.

    Bad inputs are reported (file, line, reason) and skipped; the other articles still go through.
    Every output file is written atomically, so a failed build leaves the previous outputs whole.
    """
    from kg.ingest import read_inputs
    from kg.outputs.files import write_dataset
    from kg.rdf.iris import IriMinter
    from kg.rdf.mapping import map_article
    from kg.resolve import KnowledgeBase, resolve_corpus

    out_dir = Path(out)
    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise InputError("no input given: name at least one file or folder of articles")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_inputs(inputs):
        (articles if isinstance(item, Article) else problems).append(item)
    timings["ingest_s"] = time.perf_counter() - t0
    if not articles and problems and all("does not exist" in p.message or "no such" in p.message.lower()
                                         for p in problems):
        raise InputError("; ".join(str(p) for p in problems))

    t = time.perf_counter()
    extractions, failed = _extract_all(articles, progress)
    timings["extract_s"] = time.perf_counter() - t

    t = time.perf_counter()
    kb = KnowledgeBase.load(settings.extra_kb)
    resolved = list(resolve_corpus(extractions, kb))
    timings["resolve_s"] = time.perf_counter() - t

    t = time.perf_counter()
    minter = IriMinter(settings.base_iri)
    graphs = []
    statuses = list(failed)
    notes: list[str] = []
    for ra in resolved:
        ex = ra.extraction
        graph = map_article(ra, minter)
        graphs.append(graph)
        notes.extend(ra.notes)
        status = "ok" if ex.persons else "no_officials"
        statuses.append(ArticleStatus(ex.article.id, ex.article.source, status, len(ex.persons),
                                      len(ex.posts), len(ex.events),
                                      tuple(ex.article.warnings) + tuple(ex.warnings)))
    timings["rdf_s"] = time.perf_counter() - t

    t = time.perf_counter()
    files = write_dataset(graphs, out_dir)
    timings["write_s"] = time.perf_counter() - t
    extras: dict[str, Any] = {"quads": files.quads, "graphs": files.graphs}
    if store:
        from kg.store.disk import build_store

        t = time.perf_counter()
        info = build_store(out_dir, out_dir / "dataset.nq")
        timings["store_s"] = time.perf_counter() - t
        extras["store"] = "store"
        del info
    if views:
        from kg.outputs.views import write_default_views

        t = time.perf_counter()
        try:
            written = write_default_views(out_dir)
            extras["views"] = [str(Path(p).relative_to(out_dir)) for p in written]
        except Exception as exc:  # views are a convenience: never lose a built dataset over them
            log.warning("views not written: %s", exc)
            extras["views_error"] = str(exc)
        timings["views_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0

    statuses += [ArticleStatus(p.source.rsplit(":", 1)[0] if p.line else p.source, str(p), "rejected",
                               warnings=(p.message,)) for p in problems]
    statuses.sort(key=lambda s: (s.id, s.source))
    totals = {
        "articles": len(articles),
        "rejected": len(problems),
        "failed": len(failed),
        "persons": sum(s.persons for s in statuses),
        "posts": sum(s.posts for s in statuses),
        "events": sum(s.events for s in statuses),
        "quads": files.quads,
    }
    report = BuildReport(str(out_dir), tuple(statuses), tuple(sorted(str(p) for p in problems)), totals,
                         {k: round(v, 3) for k, v in timings.items()}, tuple(sorted(set(notes))),
                         tuple(p.name for p in files.paths), extras)
    write_report(report, out_dir)
    return report


def write_report(report: BuildReport, out_dir: Path) -> None:
    """``report.json`` (deterministic: no timings) and ``report.md`` (with timings), atomically."""
    from kg.outputs.files import atomic_write_many

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
    atomic_write_many({out_dir / "report.json": report.to_json(), out_dir / "report.md": "\n".join(lines) + "\n"})


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
