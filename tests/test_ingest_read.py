"""Reading inputs: file types, metadata, JSON lines, problems, order and the seed articles."""
from __future__ import annotations

import builtins
import io
import json
from pathlib import Path

import pytest

from kg.ingest import IngestOptions, read_inputs
from kg.records import Article, Problem

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
S1 = "استقبل الرئيس الروسي فلاديمير بوتين وزير الخارجية السوري أسعد الشيباني في الكرملين."
S2 = "وبحث الجانبان العلاقات الثنائية بين البلدين."
TITLE = "بوتين يستقبل الشيباني"


def _one(paths, **kw):
    items = list(read_inputs(paths, IngestOptions(**kw)))
    assert len(items) == 1, items
    return items[0]


def test_txt_article_has_file_name_as_id_and_path_as_source(tmp_path) -> None:
    path = tmp_path / "000_abc.txt"
    path.write_text(f"{S1}\n\n{S2}\n", encoding="utf-8")
    item = _one([path])
    assert isinstance(item, Article)
    assert (item.id, item.source, item.text, item.lang) == ("000_abc.txt", str(path), f"{S1}\n{S2}", "ar")


def test_short_first_line_is_title_and_stays_in_text(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"{TITLE}\n\n{S1}\n{S2}", encoding="utf-8")
    item = _one([tmp_path])
    assert item.title == TITLE
    assert item.text.startswith(TITLE + "\n")


def test_single_line_text_has_no_title(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    assert _one([tmp_path]).title is None


def test_long_first_line_is_not_a_title(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"{S1} {S1} {S1}\n{S2}", encoding="utf-8")
    assert _one([tmp_path]).title is None


def test_meta_json_supplies_metadata(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"{S1}\n{S2}", encoding="utf-8")
    meta = {"title": "عنوان من الملف", "url": "https://example.org/1", "published": "31/07/2025",
            "publisher": "سانا", "lang": "ar"}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    item = _one([tmp_path])
    assert (item.title, item.url, item.published, item.publisher) == (
        "عنوان من الملف", "https://example.org/1", "2025-07-31", "سانا")
    assert item.warnings == ()


@pytest.mark.parametrize(
    ("published", "iso"),
    [("2025-07-31T22:15:00+03:00", "2025-07-31"), ("Thu, 31 Jul 2025 10:00:00 +0300", "2025-07-31"),
     ("31/07/2025", "2025-07-31"), ("2025-07-31", "2025-07-31")],
)
def test_published_is_normalised_to_iso(tmp_path, published: str, iso: str) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    assert _one([tmp_path]).published == iso


def test_unparseable_date_is_none_with_warning(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "الخميس الماضي"}), encoding="utf-8")
    item = _one([tmp_path])
    assert item.published is None
    assert any("unparseable published date" in w for w in item.warnings)


def test_broken_meta_file_is_a_warning_not_a_failure(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "عنوان", ', encoding="utf-8")
    item = _one([tmp_path])
    assert isinstance(item, Article) and item.text == S1
    assert any("a.meta.json" in w for w in item.warnings)


def test_side_files_and_hidden_files_are_skipped(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(S2, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text(S2, encoding="utf-8")
    assert [i.id for i in read_inputs([tmp_path])] == ["a.txt"]


def test_unsupported_extension_is_a_problem(tmp_path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    item = _one([tmp_path])
    assert isinstance(item, Problem)
    assert item.message == "unsupported file type (.pdf): expected .txt, .html, .htm or .jsonl"


def test_missing_path_is_a_problem_and_others_go_on(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    items = list(read_inputs([tmp_path / "nope.txt", tmp_path / "a.txt"]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem"]
    assert items[1].source == str(tmp_path / "nope.txt") and "no such file" in items[1].message


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n", "\u200b\n\ufeff".encode("utf-8"), "اعلان\nشاركها.".encode()])
def test_empty_article_is_a_problem(tmp_path, content: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(content)
    item = _one([tmp_path])
    assert isinstance(item, Problem) and item.message == "empty article"


def test_large_file_is_refused_without_reading_it(tmp_path, monkeypatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a 50 MB sparse file
    real_open = io.open

    def guarded(file, *args, **kwargs):
        assert Path(str(file)) != path, "the large file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded)
    monkeypatch.setattr(builtins, "open", guarded)
    item = _one([path])
    assert isinstance(item, Problem)
    assert "52,428,800 bytes" in item.message and "5,000,000" in item.message


def test_max_bytes_option_is_respected(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    item = _one([tmp_path], max_bytes=20)
    assert isinstance(item, Problem) and "above the limit of 20 bytes" in item.message


def _jsonl(tmp_path, rows: list[str]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_broken_line_is_a_problem_and_other_lines_go_on(tmp_path) -> None:
    path = _jsonl(tmp_path, [
        json.dumps({"id": "n1", "text": S1, "title": TITLE, "published": "2025-07-31T09:00:00Z"}, ensure_ascii=False),
        '{"id": "n2", "text": "نص مقطوع',
        "",
        json.dumps({"id": "n3", "html": f"<p>{S2}</p>", "publisher": "سانا"}, ensure_ascii=False),
    ])
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Article"]
    first, broken, third = items
    assert (first.id, first.title, first.published, first.source) == ("n1", TITLE, "2025-07-31", f"{path}:1")
    assert broken.line == 2 and broken.source == str(path) and "invalid JSON" in broken.message
    assert (third.id, third.text, third.publisher, third.source) == ("n3", S2, "سانا", f"{path}:4")


def test_jsonl_line_without_id_or_text(tmp_path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"text": S1}, ensure_ascii=False), json.dumps({"id": "x"}), "[1, 2]"])
    first, no_text, not_object = read_inputs([path])
    assert first.id == "batch.jsonl#1"
    assert (no_text.line, no_text.message) == (2, "no 'text' or 'html' field")
    assert not_object.line == 3 and "JSON object" in not_object.message


def test_duplicate_ids_give_problem_for_later_ones(tmp_path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"id": "n1", "text": S1}, ensure_ascii=False),
                             json.dumps({"id": "n1", "text": S2}, ensure_ascii=False)])
    first, dup = read_inputs([path])
    assert isinstance(first, Article) and first.text == S1
    assert isinstance(dup, Problem) and dup.line == 2 and "duplicate article id 'n1'" in dup.message


def test_output_is_sorted_by_path(tmp_path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"{S1} {name}", encoding="utf-8")
    sources = [i.source for i in read_inputs([tmp_path / "sub", tmp_path])]
    assert sources == sorted(sources)
    assert len(sources) == 4


def test_two_runs_are_equal(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(f"{TITLE}\n{S1}\n{S1}", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<p>{S1}</p><p>{S2}</p>", encoding="utf-8")
    _jsonl(tmp_path, [json.dumps({"text": S2}, ensure_ascii=False), "{"])
    assert list(read_inputs([tmp_path, SEEDS])) == list(read_inputs([tmp_path, SEEDS]))


def test_seed_002_boilerplate_is_gone_and_every_sentence_stays() -> None:
    path = SEEDS / "002_dc8abb098d9da563.txt"
    (item,) = read_inputs([path])
    raw_lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = item.text.split("\n")
    for junk in ("بقلم", "يورو نيوز", "&nbsp", "نشرت في", "اعلان", "شاركها.", "اترك تعليقاً", "Exit mobile version"):
        assert not any(line == junk or line.startswith(junk) for line in lines), junk
    sentences = [ln for ln in raw_lines if len(ln) > 40]
    assert sentences and lines == sentences


def test_every_seed_reads_and_keeps_its_sentences() -> None:
    items = list(read_inputs([SEEDS]))
    assert [i.id for i in items] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for item in items:
        assert isinstance(item, Article)
        raw = (SEEDS / item.id).read_text(encoding="utf-8")
        for line in raw.splitlines():
            line = " ".join(line.split())
            if len(line) > 40:
                assert line in item.text.split("\n"), (item.id, line[:40])


def test_jsonl_line_above_the_limit_is_a_problem_and_the_next_line_goes_on(tmp_path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"id": "big", "text": S1 * 50}, ensure_ascii=False),
                             json.dumps({"id": "small", "text": S2}, ensure_ascii=False)])
    big, small = read_inputs([path], IngestOptions(max_bytes=1000))
    assert isinstance(big, Problem) and big.line == 1 and "line too long" in big.message
    assert isinstance(small, Article) and small.id == "small"


def test_jsonl_with_utf8_bom_and_crlf(tmp_path) -> None:
    path = tmp_path / "b.jsonl"
    row = json.dumps({"id": "n1", "text": S1}, ensure_ascii=False)
    path.write_bytes(("\ufeff" + row + "\r\n").encode("utf-8"))
    (item,) = read_inputs([path])
    assert isinstance(item, Article) and item.text == S1
