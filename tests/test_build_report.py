"""report.json: the build report's JSON, one article per line (kg/api.py BuildReport.to_json)."""
from __future__ import annotations

import json

from kg.api import ArticleStatus, BuildReport


def _report(n: int) -> BuildReport:
    articles = tuple(ArticleStatus(f"a{i}", f"/in/{i}.txt", "ok", 2, 3, i % 2, ("تكرار \"فقرة\"",) * (i % 2))
                     for i in range(n))
    return BuildReport("/out", articles, ("/in/bad.txt: empty",), {"articles": n, "quads": 7}, {"total_s": 1.5},
                       ("merged",), ("dataset.nq",), {"views": {"skipped": True}})


def test_the_report_is_the_same_json_with_one_article_per_line():
    report = _report(3)
    text = report.to_json()
    data = json.loads(text)
    assert data == {
        "articles": [{"id": f"a{i}", "source": f"/in/{i}.txt", "status": "ok", "persons": 2, "posts": 3,
                      "events": i % 2, "warnings": ["تكرار \"فقرة\""] * (i % 2)} for i in range(3)],
        "problems": ["/in/bad.txt: empty"], "totals": {"articles": 3, "quads": 7}, "resolution_notes": ["merged"],
        "files": ["dataset.nq"], "extras": {"views": {"skipped": True}}}
    lines = text.splitlines()
    assert lines[:2] == ["{", '  "articles": [']
    assert [json.loads(line.strip().rstrip(",")) for line in lines[2:5]] == data["articles"]
    assert "تكرار" in text and "timings" not in data and "out_dir" not in data
    assert json.loads(report.to_json(with_timings=True))["timings"] == {"total_s": 1.5}


def test_a_report_without_articles_is_valid_json():
    assert json.loads(_report(0).to_json())["articles"] == []


def test_rows_made_ahead_give_the_same_report():
    from kg.api import json_rows

    report = _report(4)
    assert report.to_json(rows=json_rows(report.articles)) == report.to_json()


def _committed(monkeypatch, seeds_build) -> list[list[str]]:
    """The names of the files of each atomic commit of a build."""
    from kg.outputs import files
    from kg.pipeline import dataset

    commits: list[list[str]] = []
    real = files.atomic_write_many

    def spy(written):
        commits.append(sorted(p.name for p in written))
        return real(written)

    monkeypatch.setattr(files, "atomic_write_many", spy)
    monkeypatch.setattr(dataset, "atomic_write_many", spy)
    seeds_build()
    return commits


def test_without_views_the_report_is_committed_with_the_dataset(tmp_path, monkeypatch):
    from pathlib import Path

    from kg import api

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    report = None

    def build():
        nonlocal report
        report = api.build([seeds], tmp_path / "out", views=False, store=False)

    commits = _committed(monkeypatch, build)
    assert commits == [["dataset.jsonld", "dataset.nq", "dataset.trig", "merged.ttl", "report.json", "report.md"]]
    on_disk = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(report.to_json())
    assert on_disk["totals"]["articles"] == 5 and on_disk["totals"]["quads"] > 0


def test_with_views_the_report_follows_them(tmp_path, monkeypatch):
    from pathlib import Path

    from kg import api

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    commits = _committed(monkeypatch, lambda: api.build([seeds], tmp_path / "out", views=True, store=True))
    assert commits[0] == ["dataset.jsonld", "dataset.nq", "dataset.trig", "merged.ttl"]
    assert commits[-1] == ["report.json", "report.md"]
    on_disk = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert on_disk["extras"]["views"]        # the report names the views written before it
