"""The synthetic benchmark corpus: deterministic, prefix-stable, realistic enough to read."""
from __future__ import annotations

import json
from pathlib import Path

from kg.bench.corpus import article, generate_articles, write_corpus
from kg.ingest import read_inputs
from kg.records import Article


def test_same_seed_gives_the_same_articles() -> None:
    assert list(generate_articles(5, seed=3)) == list(generate_articles(5, seed=3))


def test_other_seed_gives_other_articles() -> None:
    assert article(3, 0)["text"] != article(4, 0)["text"]


def test_small_corpus_is_the_prefix_of_a_larger_one(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 3, seed=1, with_seeds=False)
    write_corpus(tmp_path / "b", 6, seed=1, with_seeds=False)
    small = (tmp_path / "a" / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    large = (tmp_path / "b" / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    assert large[:3] == small


def test_articles_are_about_three_thousand_characters_with_metadata() -> None:
    items = list(generate_articles(20, seed=0))
    lengths = [len(a["text"]) for a in items]
    assert 2500 <= sum(lengths) / len(lengths) <= 3500
    assert all(a["published"][:2] == "20" and a["title"] and a["publisher"] for a in items)


def test_articles_name_officials_by_post() -> None:
    text = " ".join(a["text"] for a in generate_articles(30, seed=0))
    assert "وزير الخارجية" in text or "وزير خارجية" in text
    assert any(word in text for word in ("التقى", "اتصالا هاتفيا", "زيارة", "مؤتمرا صحفيا", "القمة"))


def test_corpus_reads_back_as_articles_with_the_seeds(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, 4, seed=2)
    items = list(read_inputs([tmp_path]))
    arts = [a for a in items if isinstance(a, Article)]
    assert len(arts) == len(items) >= 4
    assert info.articles == 4
    first = json.loads((tmp_path / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["id"] in {a.id for a in arts}
