"""`kg kb check` and `kg entities` as a person runs them."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli_kb import entities, kb_app

TRIG = """
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://x.org/article/a1> {
  <https://x.org/article/a1> a schema:NewsArticle ; dct:identifier "a1.txt" .
  <https://x.org/person/sergey_lavrov> a schema:Person ; rdfs:label "سيرغي لافروف"@ar, "Sergey Lavrov"@en .
  <https://x.org/membership/m1> org:member <https://x.org/person/sergey_lavrov> ;
     org:role <https://w3id.org/kg-news/role/foreign_minister> ; org:organization <https://x.org/country/ru> .
}
<https://x.org/article/a2> {
  <https://x.org/article/a2> a schema:NewsArticle ; dct:identifier "a2.txt" .
  <https://x.org/person/sergey_lavrov> a schema:Person ; rdfs:label "سيرغي لافروف"@ar .
}
"""


def test_check_passes_on_packaged_kb() -> None:
    result = CliRunner().invoke(kb_app, ["check"])
    assert result.exit_code == 0
    assert "0 error(s)" in result.output


def test_check_fails_with_file_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "posts.csv"
    bad.write_text("person_id,role,of,start,end,qualifier,source\nsergey_lavrov,chancellor,ru,2004,,,x\n",
                   encoding="utf-8")
    result = CliRunner().invoke(kb_app, ["check", "--kb", str(bad)])
    assert result.exit_code == 1
    assert "posts.csv:2 [role]" in result.output and "unknown role 'chancellor'" in result.output


def test_entities_lists_person_with_posts_and_articles(tmp_path: Path, capsys) -> None:
    (tmp_path / "dataset.trig").write_text(TRIG, encoding="utf-8")
    entities(tmp_path)
    out = capsys.readouterr().out
    assert "https://x.org/person/sergey_lavrov" in out
    assert "Sergey Lavrov@en" in out and "foreign_minister of ru" in out
    assert "articles (2): a1.txt a2.txt" in out
