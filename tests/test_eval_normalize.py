"""Match keys and role reading used by kg eval."""
from __future__ import annotations

import pytest

from kg.eval.matching import max_matching
from kg.eval.normalize import contains_words, fold, name_key
from kg.eval.roles import role_of


@pytest.mark.parametrize("variant", ["أسعد الشيباني", "اسعد الشيباني", "إسعد الشيباني", "أسعَد الشَّيباني",
                                     "أسعـــد الشيباني", "\u200fأسعد  الشيباني", "وأسعد الشيباني"])
def test_spelling_variants_share_one_name_key(variant: str) -> None:
    assert name_key(variant) == name_key("أسعد الشيباني")


def test_ta_marbuta_and_alef_maqsura_are_folded() -> None:
    assert fold("السفارة في مصطفى") == fold("السفاره في مصطفي")


def test_fold_keeps_the_waw_of_a_role_word() -> None:
    assert fold("وزير الخارجية").startswith("و")


def test_short_word_keeps_its_leading_waw() -> None:
    assert name_key("وسط") == "وسط"


def test_contains_words_needs_whole_words() -> None:
    assert contains_words(name_key("الرئيس السوري بشار الأسد"), name_key("بشار الأسد"))
    assert not contains_words(name_key("بشار الأسدي"), name_key("بشار الأسد"))


@pytest.mark.parametrize("iri", ["https://w3id.org/kg-news/role/foreign_minister", "http://x.org/ForeignMinister",
                                 "http://x.org/roles#foreign-minister"])
def test_role_is_read_from_the_iri_local_name(iri: str) -> None:
    assert role_of(iri, []) == "foreign_minister"


@pytest.mark.parametrize(("label", "lang", "role"), [
    ("Minister of Foreign Affairs", "en", "foreign_minister"),
    ("Deputy Prime Minister", "en", "deputy_prime_minister"),
    ("Foreign Ministry Spokesperson", "en", "spokesperson"),
    ("نائب رئيس الوزراء", "ar", "deputy_prime_minister"),
    ("وزير الخارجية", "ar", "foreign_minister"),
    ("رئيس ديوان الرئاسة", "ar", "head_of_presidential_office"),
    ("الرئيس", "ar", "head_of_state"),
])
def test_role_is_read_from_labels_when_the_iri_says_nothing(label: str, lang: str, role: str) -> None:
    assert role_of("http://x.org/r/123", [(label, lang)]) == role


def test_english_label_wins_over_arabic_label() -> None:
    assert role_of(None, [("وزير الدفاع", "ar"), ("Prime Minister", "en")]) == "head_of_government"


def test_unreadable_role_concept_gives_none() -> None:
    assert role_of("http://x.org/r/123", []) is None


def test_matching_is_maximum_and_one_to_one() -> None:
    # a takes x first, but b can only have x: a must move to y
    assert max_matching({"a": ["x", "y"], "b": ["x"]}) == {"a": "y", "b": "x"}
    assert max_matching({"a": ["x"], "b": ["x"]}) == {"a": "x"}
