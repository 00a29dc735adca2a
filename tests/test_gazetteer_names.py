"""First-name lists: they load, are large enough, hold no surnames and accept joined عبد forms."""
from __future__ import annotations

import pytest

from kg.resources import gazetteer as gz
from kg.resources import path

# Legitimate names that happen to be a clitic letter plus another name (ل + خضر, ك + ريم).
CLITIC_LOOKALIKES = {"لخضر", "كريم"}


@pytest.mark.parametrize("name", [gz.FIRST_NAMES_FILE, gz.FOREIGN_FIRST_NAMES_FILE])
def test_name_file_is_sorted_and_unique(name: str) -> None:
    lines = [ln for ln in path(name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    assert lines[0].split("\t") == ["name", "gender", "variants", "latin"]
    keys = [ln.split("\t")[0] for ln in lines[1:]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(ln.strip() for ln in lines)


def test_at_least_600_arabic_persian_turkish_and_300_foreign_names() -> None:
    entries = gz.first_name_entries()
    assert sum(not e.foreign for e in entries) >= 600
    assert sum(e.foreign for e in entries) >= 300


@pytest.mark.parametrize(
    "form",
    ["محمد", "عبد الفتاح", "عبد المجيد", "فيصل", "أسعد", "ماهر", "بشار", "سلمان", "تميم", "حمد",
     "منصور", "هيثم", "قيس", "رجب", "هاكان", "مولود", "حسن", "عباس", "مسعود", "محمد جواد"],
)
def test_officials_first_name_is_known(form: str) -> None:
    assert form in gz.first_names()


@pytest.mark.parametrize(
    ("form", "variant"),
    [("سيرغي", "سيرجي"), ("سيرغي", "سيرجيه"), ("ديمتري", "دميتري"), ("أندريه", "أندري"),
     ("أنطونيو", "أنتونيو"), ("إيمانويل", "إمانويل")],
)
def test_foreign_name_keeps_its_spelling_variants(form: str, variant: str) -> None:
    entry = next(e for e in gz.first_name_entries() if e.name == form)
    assert entry.foreign and variant in entry.variants


@pytest.mark.parametrize("form", ["فلاديمير", "جو", "دونالد", "ماركو", "أولاف", "فريدريش", "كير", "شي", "وانغ"])
def test_foreign_first_name_is_known(form: str) -> None:
    assert form in gz.first_names()


@pytest.mark.parametrize(("spaced", "joined"), [("عبد الله", "عبدالله"), ("عبد الفتاح", "عبدالفتاح")])
def test_joined_abd_form_is_accepted(spaced: str, joined: str) -> None:
    assert spaced in gz.first_names() and joined in gz.first_names()
    assert gz.joined_abd(spaced) == joined


def test_abd_names_are_written_with_a_space() -> None:
    assert all(not e.name.startswith("عبدال") for e in gz.first_name_entries())


@pytest.mark.parametrize("surname", ["أردوغان", "بوتين", "تبون", "الأسد", "ستارمر", "ماكرون"])
def test_surnames_are_not_first_names(surname: str) -> None:
    assert surname not in gz.first_names()


def test_common_words_that_break_titles_are_not_names() -> None:
    # ولي العهد, الأمين العام, the Arab adjective: a name match here would eat the title.
    assert {"ولي", "أمين", "العربي", "سلام"}.isdisjoint(gz.first_names())


def test_genders_are_m_or_f() -> None:
    assert {e.gender for e in gz.first_name_entries()} == {"m", "f"}


def test_no_name_is_waw_or_fa_plus_another_name() -> None:
    forms = gz.first_names()
    bad = sorted(f for f in forms if f[0] in "وفبلك" and f[1:] in forms and f not in CLITIC_LOOKALIKES)
    assert bad == []
