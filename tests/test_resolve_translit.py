"""English labels of names the KB does not know (kg/resolve/translit.py)."""
from __future__ import annotations

import multiprocessing as mp

import pytest

from kg.resolve.translit import has_romanizer, romanise, slug_ascii

# Invented names: no dictionary has them, so the package's model must spell them.
UNSEEN = ("قرطبوزيفيان", "سلمنكورتي بن زهرفان")


def _romanise_all(names: tuple[str, ...]) -> list[str]:
    return [romanise(n) for n in names]


def test_a_name_gets_a_latin_label_and_a_stable_ascii_slug():
    label = romanise("ماهر الشرع")
    assert label.isascii() and "Maher" in label
    assert slug_ascii("ماهر الشرع") == slug_ascii("ماهر الشرع") and slug_ascii("ماهر الشرع").isascii()


@pytest.mark.skipif(not has_romanizer(), reason="arabic-name-romanizer not installed")
def test_workers_forked_after_the_parent_used_the_romaniser_still_romanise():
    # kg build --jobs N romanises the first articles in the parent, then forks: the workers must
    # go on with the inherited model (a session made anew in a forked child can hang)
    romanise("زخرفوفيتشان")
    with mp.get_context("fork").Pool(2) as pool:
        results = pool.map_async(_romanise_all, [UNSEEN, UNSEEN]).get(timeout=60)
    assert results[0] == results[1]
    assert all(label.isascii() and label for label in results[0])
