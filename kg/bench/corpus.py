"""A deterministic synthetic corpus of Arabic news for benchmarks (``kg bench corpus``).

Notes
-----
Articles are filled in from the templates of ``kg/bench/templates.json`` with officials of the
reference KB who hold the post on the publication date (so that resolution has real work to do),
states and cities of the gazetteer, several event types, relative and absolute dates (Gregorian
and Levantine month names), filler paragraphs, page boilerplate (share buttons, "اعلان",
hashtags, bylines), repeated paragraphs and, now and then, an official who is not in the KB.

Article ``i`` depends only on ``(seed, i)``: the first thousand articles of a 10k corpus are the
1k corpus, so figures at several sizes describe the same kind of text, and a test can change,
add or remove one article and know what the others are.
"""
from __future__ import annotations

import json
import logging
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.resources import load

__all__ = ["TEMPLATES_PATH", "CorpusInfo", "generate_articles", "write_corpus"]

log = logging.getLogger(__name__)

TEMPLATES_PATH = Path(__file__).with_name("templates.json")
#: Articles per JSON lines file.
SHARD_SIZE = 1000
_FIRST_DAY = date(2016, 1, 1)
_DAYS = (date(2025, 6, 30) - _FIRST_DAY).days
_TARGET_CHARS = 3000


@dataclass(frozen=True)
class CorpusInfo:
    """What :func:`write_corpus` wrote."""

    out_dir: Path
    articles: int
    files: tuple[Path, ...]
    chars: int
    bytes: int


@dataclass(frozen=True)
class _Holder:
    name: str
    short: str
    role: str
    of: str
    start: date
    end: date


@dataclass(frozen=True)
class _Country:
    key: str
    name: str
    adj: str
    capital: str


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TEMPLATES_PATH.read_text(encoding="utf-8"))
    return data


def _day(text: str, default: date) -> date:
    if not text:
        return default
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(*parts)
    except ValueError:
        return default


@lru_cache(maxsize=1)
def _world() -> tuple[dict[str, _Country], dict[str, list[str]], tuple[_Holder, ...], tuple[str, ...]]:
    """States with an adjective, cities by state, KB post holders, first names (all sorted)."""
    cities: dict[str, list[str]] = {}
    for row in load("gazetteer/places.tsv"):
        if row["kind"] == "city" and row["country"]:
            cities.setdefault(row["country"], []).append(row["names_ar"].split("|")[0])
    countries: dict[str, _Country] = {}
    for row in load("gazetteer/countries.tsv"):
        adjs = [a for a in row["adjectives_ar"].split("|") if a]
        if not adjs or row["key"] not in cities:
            continue
        countries[row["key"]] = _Country(row["key"], row["names_ar"].split("|")[0], "ال" + adjs[0], row["capital"])
    from kg.resolve.kb import KnowledgeBase

    roles = _templates()["roles"]
    holders: list[_Holder] = []
    for person in KnowledgeBase.load().persons():
        short = person.name_ar.split()[-1]
        for post in person.posts:
            if post.role in roles and post.of in countries and not post.qualifier:
                holders.append(_Holder(person.name_ar, short, post.role, post.of,
                                       _day(post.start, date.min), _day(post.end, date.max)))
    names = tuple(sorted(r["name"] for r in load("names/first_names.tsv") if r.get("gender") == "m"))
    return ({k: countries[k] for k in sorted(countries)}, {k: sorted(v) for k, v in sorted(cities.items())},
            tuple(sorted(holders, key=lambda h: (h.start, h.name, h.role, h.of))), names)


def _date_phrase(rng: random.Random, published: date) -> str:
    t = _templates()
    form = rng.choice(t["date_phrases"])
    if "{weekday}" in form:
        day = published if form.startswith("اليوم") else published - timedelta(days=rng.randint(1, 5))
        return form.format(weekday=t["weekdays"][(day.weekday() + 1) % 7])
    if "{month}" in form:
        day = published - timedelta(days=rng.randint(0, 20))
        months = t["months"]["levantine" if rng.random() < 0.3 else "gregorian"]
        return form.format(day=day.day, month=months[day.month - 1], year=day.year)
    return form


def _post_phrase(rng: random.Random, h: _Holder, countries: dict[str, _Country]) -> str:
    c = countries[h.of]
    return rng.choice(_templates()["roles"][h.role]).format(adj=c.adj, country=c.name)


def _fill(text: str, slots: dict[str, str]) -> str:
    for key, value in slots.items():
        text = text.replace("{" + key + "}", value)
    return " ".join(text.split())


def article(seed: int, i: int) -> dict[str, str]:
    """Article ``i`` of the corpus of ``seed`` as a JSON-lines object (id, title, text, ...)."""
    t = _templates()
    countries, cities, holders, first_names = _world()
    rng = random.Random(f"kg-bench:{seed}:{i}")
    published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
    current = [h for h in holders if h.start <= published <= h.end]
    a = rng.choice(current)
    others = [h for h in current if h.of != a.of]
    b = rng.choice(others) if others else a
    place_country = a.of if rng.random() < 0.5 else b.of
    place = rng.choice(cities[place_country])
    ca, cb = countries[a.of], countries[b.of]
    slots = {
        "A": f"{_post_phrase(rng, a, countries)} {a.name}", "B": f"{_post_phrase(rng, b, countries)} {b.name}",
        "A_short": a.short, "B_short": b.short, "place": place, "date": _date_phrase(rng, published),
        "country_a": ca.name, "country_b": cb.name, "topic": rng.choice(t["topics"]),
        "publisher": rng.choice(t["publishers"]),
    }
    kind = rng.choices(sorted(t["events"]), weights=[1, 4, 2, 1, 2])[0]
    paragraphs = [_fill(rng.choice(t["events"][kind]), slots)]
    paragraphs.append(_fill(" ".join(rng.sample(t["follow_ups"], 2)), slots))
    if rng.random() < 0.2:
        guest = f"{rng.choice(first_names)} {rng.choice(t['family_names'])}"
        paragraphs.append(f"وحضر اللقاء سفير {ca.name} لدى {cb.name} {guest}.")
    if rng.random() < 0.4 and len(current) > 2:
        c = rng.choice(current)
        d = rng.choice([h for h in current if h.of != c.of] or [c])
        more = dict(slots, A=f"{_post_phrase(rng, c, countries)} {c.name}",
                    B=f"{_post_phrase(rng, d, countries)} {d.name}", A_short=c.short, B_short=d.short,
                    place=rng.choice(cities[c.of]), date=_date_phrase(rng, published),
                    topic=rng.choice(t["topics"]))
        kind2 = rng.choice(sorted(t["events"]))
        paragraphs.append("وفي سياق متصل، " + _fill(rng.choice(t["events"][kind2]), more))
    fillers = list(t["fillers"])
    rng.shuffle(fillers)
    size = sum(len(p) for p in paragraphs)
    for filler in fillers + fillers[:6]:
        if size >= _TARGET_CHARS:
            break
        p = _fill(filler, slots)
        paragraphs.insert(rng.randint(1, len(paragraphs)), p)
        size += len(p) + 1
    if rng.random() < 0.15:
        paragraphs.append(paragraphs[rng.randrange(1, len(paragraphs))])   # a repeated paragraph
    lines = []
    if rng.random() < 0.3:
        lines.append(_fill(rng.choice(t["bylines"]), slots))
    for p in paragraphs:
        lines.append(p)
        if rng.random() < 0.08:
            lines.append(rng.choice(t["noise"]))
    if rng.random() < 0.3:
        lines.append(" ".join("#" + w.replace(" ", "_") for w in rng.sample(t["hashtag_words"], 3)))
    return {
        "id": f"bench-{seed}-{i:07d}",
        "title": _fill(rng.choice(t["titles"]), slots),
        "text": "\n".join(lines),
        "published": published.isoformat(),
        "publisher": slots["publisher"],
        "url": f"https://news.example.org/{seed}/{i:07d}",
    }


def generate_articles(n: int, seed: int = 0, start: int = 0) -> Iterator[dict[str, str]]:
    """Articles ``start`` .. ``start + n - 1`` of the corpus of ``seed``, lazily."""
    for i in range(start, start + n):
        yield article(seed, i)


def _seed_dir() -> Path | None:
    folder = Path(__file__).resolve().parents[2] / "seeds"
    return folder if folder.is_dir() else None


def write_corpus(out_dir: str | Path, n: int, seed: int = 0, with_seeds: bool = True) -> CorpusInfo:
    """Write ``n`` articles as JSON lines files of 1,000 (``articles-00000.jsonl``...) into ``out_dir``.

    With ``with_seeds`` the project's hand-written seed articles are copied into ``seeds/`` beside
    them (when the source tree is at hand), so that a build of the folder covers both.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    chars = size = 0
    for shard_start in range(0, n, SHARD_SIZE):
        path = out / f"articles-{shard_start // SHARD_SIZE:05d}.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for obj in generate_articles(min(SHARD_SIZE, n - shard_start), seed, shard_start):
                line = json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"
                chars += len(obj["text"])
                size += len(line.encode("utf-8"))
                fh.write(line)
        files.append(path)
    seeds = _seed_dir() if with_seeds else None
    if seeds is not None:
        target = out / "seeds"
        target.mkdir(exist_ok=True)
        for src in sorted(seeds.iterdir()):
            if src.is_file():
                shutil.copyfile(src, target / src.name)
                files.append(target / src.name)
    log.info("wrote %d synthetic article(s) (%d chars) into %s", n, chars, out)
    return CorpusInfo(out, n, tuple(files), chars, size)
