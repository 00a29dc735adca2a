"""The reference KB: packaged data loads clean, and format errors give clear messages."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.records import ROLE_IDS
from kg.resolve import KnowledgeBase
from kg.resolve.kb import parse_date_bounds

PERSONS_HEADER = "id,name_en,name_ar,variants_ar,wikidata,gender,country,source\n"
POSTS_HEADER = "person_id,role,of,start,end,qualifier,source\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(kb: KnowledgeBase) -> list[str]:
    return [str(i) for i in kb.check() if i.severity == "error"]


def test_packaged_kb_has_no_errors() -> None:
    kb = KnowledgeBase.load()
    assert errors(kb) == []
    assert len(kb) > 20


def test_packaged_kb_roles_are_in_the_vocabulary() -> None:
    kb = KnowledgeBase.load()
    assert {p.role for person in kb.persons() for p in person.posts} <= set(ROLE_IDS)


def test_analyst_file_adds_a_person(tmp_path: Path) -> None:
    persons = write(tmp_path, "mine.csv", PERSONS_HEADER + "zaid_amr,Zaid Amr,زيد عمرو,عمرو,,m,jo,analyst\n")
    posts = write(tmp_path, "mine_posts.csv", POSTS_HEADER + "zaid_amr,ambassador,jo,2021-03,,,analyst\n")
    kb = KnowledgeBase.load([persons, posts])
    assert errors(kb) == []
    assert [p.id for p in kb.find_by_name("زيد عمرو")] == ["zaid_amr"]
    assert [p.id for p in kb.holders("ambassador", "jo", date(2022, 1, 1))] == ["zaid_amr"]
    assert kb.version() != KnowledgeBase.load().version()


@pytest.mark.parametrize("row, column, words", [
    ("zaid_amr,envoy_in_chief,jo,2021,,,analyst", "role", "unknown role"),
    ("zaid_amr,ambassador,jo,2021-13,,,analyst", "start", "no month 13"),
    ("zaid_amr,ambassador,jo,21/03/2021,,,analyst", "start", "YYYY-MM-DD"),
    ("zaid_amr,ambassador,jo,2022-05-01,2021-01-01,,analyst", "end", "before start"),
    ("nobody_known,ambassador,jo,2021,,,analyst", "person_id", "unknown person_id"),
    ("zaid_amr,ambassador,Jordan,2021,,,analyst", "of", "ISO"),
    ("zaid_amr,ambassador,qq,2021,,,analyst", "of", "ISO"),
    ("zaid_amr,ambassador,jo,2021,,former,analyst", "qualifier", "acting"),
    ("zaid_amr,ambassador,jo,2021,,,", "source", "empty source"),
])
def test_bad_post_row_names_file_row_and_column(tmp_path: Path, row: str, column: str, words: str) -> None:
    persons = write(tmp_path, "p.csv", PERSONS_HEADER + "zaid_amr,Zaid Amr,زيد عمرو,,,m,jo,analyst\n")
    posts = write(tmp_path, "posts.csv", POSTS_HEADER + row + "\n")
    found = errors(KnowledgeBase.load([persons, posts]))
    assert len(found) == 1
    assert f"posts.csv:2 [{column}]" in found[0] and words in found[0]


def test_duplicate_id_is_an_error(tmp_path: Path) -> None:
    persons = write(tmp_path, "p.csv", PERSONS_HEADER + "sergey_lavrov,Sergey Lavrov,سيرغي لافروف,,,m,ru,x\n")
    found = errors(KnowledgeBase.load([persons]))
    assert any("duplicate id 'sergey_lavrov'" in e and "p.csv:2 [id]" in e for e in found)


def test_duplicate_post_is_an_error(tmp_path: Path) -> None:
    posts = write(tmp_path, "posts.csv", POSTS_HEADER + "sergey_lavrov,foreign_minister,ru,2004-03-09,,,x\n")
    found = errors(KnowledgeBase.load([posts]))
    assert any("duplicate post" in e for e in found)


@pytest.mark.parametrize("row, column", [
    ("Zaid Amr,Zaid Amr,زيد عمرو,,,m,jo,x", "id"),
    ("zaid_amr,Zaid Amr,Zaid Amr,,,m,jo,x", "name_ar"),
    ("zaid_amr,Zaid Amr,زيد عمرو,,7747,m,jo,x", "wikidata"),
    ("zaid_amr,Zaid Amr,زيد عمرو,,,male,jo,x", "gender"),
    ("zaid_amr,Zaid Amr,زيد عمرو,,,m,JOR,x", "country"),
])
def test_bad_person_row_names_the_column(tmp_path: Path, row: str, column: str) -> None:
    found = errors(KnowledgeBase.load([write(tmp_path, "p.csv", PERSONS_HEADER + row + "\n")]))
    assert len(found) == 1 and f"p.csv:2 [{column}]" in found[0]


def test_missing_column_is_reported(tmp_path: Path) -> None:
    found = errors(KnowledgeBase.load([write(tmp_path, "p.csv", "id,name_en,name_ar\nx,X,س\n")]))
    assert len(found) == 1 and "lacks column(s)" in found[0] and "source" in found[0]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    found = errors(KnowledgeBase.load([tmp_path / "nope.csv"]))
    assert found and "no such file" in found[0]


@pytest.mark.parametrize("text, first, last", [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-12-08", date(2024, 12, 8), date(2024, 12, 8)),
])
def test_partial_dates_stand_for_spans(text: str, first: date, last: date) -> None:
    assert parse_date_bounds(text) == (first, last)


def test_same_post_at_different_times_has_different_holders() -> None:
    kb = KnowledgeBase.load()
    assert [p.id for p in kb.holders("foreign_minister", "sy", date(2019, 1, 1))] == ["walid_muallem"]
    assert [p.id for p in kb.holders("foreign_minister", "sy", date(2022, 1, 1))] == ["faisal_mekdad"]
    assert [p.id for p in kb.holders("foreign_minister", "sy", date(2025, 6, 1))] == ["asaad_al_shaibani"]
