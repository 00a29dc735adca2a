"""``kg eval``: score a built dataset against gold annotations (eval/GOLD_FORMAT.md).

The dataset is read only through the RDF contract of DESIGN.md, through ``kg.store``.
"""
from __future__ import annotations

from kg.eval.agreement import Agreement, compare_with_kgscore
from kg.eval.report import ArticleReport, AttributeCounts, Counts, EvalReport, Identity, rich_tables
from kg.eval.score import evaluate

__all__ = [
    "Agreement",
    "ArticleReport",
    "AttributeCounts",
    "Counts",
    "EvalReport",
    "Identity",
    "compare_with_kgscore",
    "evaluate",
    "rich_tables",
]
