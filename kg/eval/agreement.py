"""Agreement between ``kg eval`` and the independent scorer ``kgscore.py``.

Notes
-----
Two scorers written apart from the same rules catch each other's mistakes: where their counts
differ on an article, one of them departs from GOLD_FORMAT.md or DESIGN.md. The helper runs
``kgscore.py`` as a subprocess (it is not part of the package) and lines up both results per
kind and per article.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.eval.dataset import dataset_file
from kg.eval.report import KINDS, EvalReport
from kg.eval.score import evaluate

__all__ = ["Agreement", "KindAgreement", "compare_with_kgscore", "default_kgscore", "run_kgscore"]

log = logging.getLogger(__name__)

#: where the lead keeps the independent scorer; ``KG_KGSCORE`` overrides it.
DEFAULT_KGSCORE = Path("/work/shared/eval/kgscore.py")


def default_kgscore() -> Path:
    """The kgscore.py to run: ``$KG_KGSCORE`` if set, else the shared copy."""
    return Path(os.environ.get("KG_KGSCORE", str(DEFAULT_KGSCORE)))


@dataclass(frozen=True)
class KindAgreement:
    """One kind: our F1 and kgscore's, and both (tp, sys, gold) totals."""

    kind: str
    ours: float
    theirs: float
    ours_counts: tuple[int, int, int]
    theirs_counts: tuple[int, int, int]

    @property
    def difference(self) -> float:
        return abs(self.ours - self.theirs)


@dataclass(frozen=True)
class Agreement:
    """Both scorers' results on one dataset; ``articles_differing`` names where counts differ."""

    kinds: tuple[KindAgreement, ...]
    articles_differing: tuple[str, ...]
    report: EvalReport
    kgscore: dict[str, Any]

    def agrees(self, tolerance: float = 0.02) -> bool:
        """True when every kind's F1 differs by at most ``tolerance``."""
        return all(k.difference <= tolerance for k in self.kinds)

    def to_markdown(self) -> str:
        lines = ["| kind | kg eval F1 | kgscore F1 | kg eval tp/sys/gold | kgscore tp/sys/gold |",
                 "| --- | ---: | ---: | --- | --- |"]
        for k in self.kinds:
            lines.append(f"| {k.kind} | {k.ours:.3f} | {k.theirs:.3f} | {'/'.join(map(str, k.ours_counts))} "
                         f"| {'/'.join(map(str, k.theirs_counts))} |")
        lines += ["", "Articles whose counts differ: " + (", ".join(self.articles_differing) or "none")]
        return "\n".join(lines)


def run_kgscore(dataset: Path, gold_dir: Path, script: Path | None = None, timeout: float = 900) -> dict[str, Any]:
    """Run kgscore.py on a dataset file and return its ``--json`` output."""
    script = script or default_kgscore()
    if not script.is_file():
        raise KgError(f"{script}: kgscore.py not found")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "kgscore.json"
        cmd = [sys.executable, str(script), str(dataset_file(dataset)), str(gold_dir), "--json", str(out), "--quiet"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0 or not out.is_file():
            raise KgError(f"kgscore failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def compare_with_kgscore(dataset: Path, gold_dir: Path, script: Path | None = None) -> Agreement:
    """Score a dataset with ``kg eval`` and with kgscore.py and line the results up.

    Parameters
    ----------
    dataset
        An output folder or a dataset file, as for :func:`kg.eval.evaluate`.
    gold_dir
        The folder of gold files.
    script
        The kgscore.py to run (default :func:`default_kgscore`).
    """
    report = evaluate(Path(dataset), Path(gold_dir))
    theirs = run_kgscore(Path(dataset), Path(gold_dir), script)
    kinds = []
    for kind in KINDS:
        ours = report.total(kind)
        t = theirs["totals"][kind]
        kinds.append(KindAgreement(kind, ours.f1, float(t["f1"]), (ours.tp, ours.sys, ours.gold),
                                   tuple(int(x) for x in t["tp_sys_gold"])))  # type: ignore[arg-type]
    differing = []
    for art in report.articles:
        doc = theirs.get("docs", {}).get(art.stem, {})
        for kind in KINDS:
            c = art.counts(kind)
            if list(doc.get(kind, [])) != [c.tp, c.sys, c.gold]:
                differing.append(f"{art.stem} {kind}: kg eval {c.tp}/{c.sys}/{c.gold}, "
                                 f"kgscore {'/'.join(map(str, doc.get(kind, [])))}")
    for k in kinds:
        if k.difference > 0.02:
            log.warning("kg eval and kgscore differ on %s: %.3f vs %.3f", k.kind, k.ours, k.theirs)
    return Agreement(tuple(kinds), tuple(differing), report, theirs)
