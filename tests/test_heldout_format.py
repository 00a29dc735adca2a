"""Checks that every gold file of the held-out set keeps to eval/GOLD_FORMAT.md.

The held-out set (``tests/data/heldout/``) is only ever scored against, never read while rules are
tuned, so its figures are the honest estimate of quality on unseen articles. A slip in one of its
gold files (an undefined id, an evidence span not in the text, an impossible date) would distort
that estimate without anyone noticing, because nobody looks at these files while tuning. The
checks are those of ``tests/test_devset_format.py`` (whose helpers are reused), plus two that only
make sense for a held-out set: ids agree with the development set for the same real entity, and no
passage of the held-out set is a copy of a development passage.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

import test_devset_format as dev
from kg.records import EVENT_TYPES, ROLE_IDS

HELDOUT = Path(__file__).parent / "data" / "heldout"
GOLDS = sorted(HELDOUT.glob("*.gold.json"))
gold_files = pytest.mark.parametrize("gold_path", GOLDS, ids=[p.name for p in GOLDS])


def _text(gold_path: Path) -> str:
    return (HELDOUT / dev._load(gold_path)["doc"]).read_text(encoding="utf-8")


def test_heldout_has_24_passages() -> None:
    assert len(GOLDS) >= 24


def test_most_passages_have_metadata() -> None:
    assert len(list(HELDOUT.glob("*.meta.json"))) >= 18


def test_every_text_has_a_gold_file() -> None:
    texts = {p.name for p in HELDOUT.glob("*.txt")}
    docs = {dev._load(p)["doc"] for p in GOLDS}
    assert texts == docs


@gold_files
def test_gold_names_its_own_text(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    stem = gold_path.name[: -len(".gold.json")]
    assert dev.STEM_RE.match(stem)
    assert gold["doc"] == stem + ".txt"
    assert (HELDOUT / gold["doc"]).is_file()
    assert set(gold) <= dev.TOP_KEYS
    assert {"doc", "published", "persons", "organizations", "places", "roles", "events"} <= set(gold)


@gold_files
def test_text_is_a_short_passage(gold_path: Path) -> None:
    assert 500 <= len(_text(gold_path)) <= 2500


@gold_files
def test_ids_are_snake_case_and_unique(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    ids = [e["id"] for k in ("persons", "organizations", "places") for e in gold[k]]
    assert len(ids) == len(set(ids))
    assert all(dev.ID_RE.match(i) for i in ids), ids
    for kind in ("persons", "organizations", "places"):
        for entity in gold[kind]:
            assert entity["en"].strip() and entity["ar"], entity["id"]


@gold_files
def test_places_have_a_known_kind(gold_path: Path) -> None:
    for place in dev._load(gold_path)["places"]:
        assert place["kind"] in dev.PLACE_KINDS, place


@gold_files
def test_roles_use_the_vocabulary_and_defined_ids(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    persons = dev._ids(gold, "persons")
    holders = dev._ids(gold, "organizations") | {
        p["id"] for p in gold["places"] if p["kind"] == "country"
    }
    seen = set()
    for role in gold["roles"]:
        assert role["role"] in ROLE_IDS, role
        assert role["person"] in persons, role
        assert role["of"] in holders, role
        key = (role["person"], role["role"], role["of"])
        assert key not in seen, key
        seen.add(key)


@gold_files
def test_events_are_well_formed(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    persons = dev._ids(gold, "persons")
    places = dev._ids(gold, "places", "organizations")
    for event in gold["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert event["status"] in dev.STATUSES, event
        assert set(event["participants"]) <= persons, event
        assert set(event["attendees"]) <= persons, event
        assert not set(event["participants"]) & set(event["attendees"]), event
        assert event["participants"], event
        if event["type"] in ("meeting", "phone_call"):
            assert len(set(event["participants"])) >= 2, event
        assert event["place"] is None or event["place"] in places, event
        assert event["date"] is None or dev._valid_date(event["date"]), event


@gold_files
def test_published_date_matches_meta(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    meta_path = HELDOUT / (gold["doc"][: -len(".txt")] + ".meta.json")
    if gold["published"] is None:
        assert not meta_path.exists()
        return
    assert dev._valid_date(gold["published"]) and not gold["published"].startswith("--")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert set(meta) == {"published", "publisher", "title"}
    assert meta["published"] == gold["published"]
    assert meta["publisher"].strip() and meta["title"].strip()


@gold_files
def test_every_arabic_form_occurs_in_the_text(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    text = _text(gold_path)
    for kind in ("persons", "organizations", "places"):
        for entity in gold[kind]:
            forms = entity["ar"][1:] if entity.get("unnamed") else entity["ar"]
            assert len(set(entity["ar"])) == len(entity["ar"]), entity["id"]
            for form in forms:
                assert dev._form_occurs(form, text), (entity["id"], form)


@gold_files
def test_every_evidence_is_verbatim(gold_path: Path) -> None:
    gold = dev._load(gold_path)
    text = _text(gold_path)
    for item in gold["roles"] + gold["events"]:
        assert item["evidence"] and item["evidence"] in text, item["evidence"]


@gold_files
def test_unnamed_persons_explain_themselves(gold_path: Path) -> None:
    for person in dev._load(gold_path)["persons"]:
        if person.get("unnamed"):
            assert person.get("note"), person["id"]


@gold_files
def test_judgement_calls_are_noted(gold_path: Path) -> None:
    notes = dev._load(gold_path).get("notes")
    assert notes and all(isinstance(n, str) and n.strip() for n in notes)


def _names_by_id(paths: list[Path]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    names: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        gold = dev._load(path)
        for kind in ("persons", "organizations", "places"):
            for entity in gold[kind]:
                names[entity["id"]].add(entity["en"])
                kinds[entity["id"]].add(kind + ":" + entity.get("kind", ""))
    return names, kinds


def test_same_id_keeps_one_english_name_across_files() -> None:
    names, kinds = _names_by_id(GOLDS)
    assert {i: n for i, n in names.items() if len(n) > 1} == {}
    assert {i: k for i, k in kinds.items() if len(k) > 1} == {}


def test_ids_agree_with_the_development_set() -> None:
    """The same id names the same entity (same English name and kind) in dev and held-out gold."""
    names, kinds = _names_by_id(GOLDS + dev.GOLDS)
    assert {i: n for i, n in names.items() if len(n) > 1} == {}
    assert {i: k for i, k in kinds.items() if len(k) > 1} == {}


def test_no_passage_repeats_a_development_passage() -> None:
    def lines(path: Path) -> set[str]:
        return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if len(ln) > 40}

    dev_lines = set().union(*(lines(p) for p in dev.DEV.glob("*.txt")))
    for path in sorted(HELDOUT.glob("*.txt")):
        assert not lines(path) & dev_lines, path.name


def test_vocabularies_are_the_pipeline_ones() -> None:
    assert set(EVENT_TYPES) >= {"meeting", "phone_call", "visit", "press_conference", "summit"}
    assert "official" in ROLE_IDS
