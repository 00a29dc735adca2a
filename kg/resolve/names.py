"""Match keys for Arabic person names: orthographic folding and the transliteration-variant key.

Notes
-----
Labels always keep the original spelling; only keys are folded. Two keys exist:

* :func:`name_key` folds orthographic variants that never distinguish two names (أ/إ/آ/ا, ة/ه,
  ى/ي, diacritics, tatweel, bidi marks), so ``أسعد الشيباني`` and ``اسعد الشيبانى`` share a key.
  It is safe to merge on.
* :func:`variant_key` also folds the spellings of transliterated foreign names (سيرغي/سيرجي/سيرجيه,
  بوتين/بوتن). It merges different real names too (كيم/جيم), so the resolver uses it only when the
  KB or a strong cue (same country, same post) supports the merge.

The orthographic steps are the extraction stage's pure functions (:mod:`kg.nlp.normalise`); the
transliteration rewrite rules are data (``kg/resources/kb/translit_variants.tsv``); they are
composed in :func:`name_key` and :func:`variant_key`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import resources
from kg.nlp.normalise import (
    normalise_alef,
    normalise_alef_maqsura,
    normalise_persian,
    normalise_ta_marbuta,
    strip_diacritics,
    strip_tatweel,
)

__all__ = [
    "fold_letters",
    "name_key",
    "squash_spaces",
    "strip_bidi",
    "strip_diacritics",
    "strip_tatweel",
    "tokens",
    "variant_key",
]

_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u00a0]+")
_PUNCT = re.compile(r"[\"'«»“”‘’()\[\]،,.:;!?؟\-–—_/]+")


@lru_cache(maxsize=1)
def _variant_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for row in resources.load("kb/translit_variants.tsv"):
        rules.append((re.compile(row["pattern"]), row["replacement"]))
    return tuple(rules)


def strip_bidi(text: str) -> str:
    """Remove zero-width and bidi control characters pasted in from web pages."""
    return _BIDI.sub("", text)


def fold_letters(text: str) -> str:
    """Fold hamza-alef forms, ta marbuta, alef maqsura and Persian letter shapes (the extraction
    stage's own functions, so that a name's key and its mention's key never disagree)."""
    return normalise_persian(normalise_alef_maqsura(normalise_ta_marbuta(normalise_alef(text))))


def squash_spaces(text: str) -> str:
    """Punctuation to spaces, runs of spaces to one, trimmed."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


@lru_cache(maxsize=200_000)      # called for every KB and mention form, many times per article
def name_key(name: str) -> str:
    """The orthographic match key of a name (safe to merge on).

    Examples
    --------
    >>> name_key("أسعد الشيبانى") == name_key("اسعد الشيباني")
    True
    """
    return squash_spaces(fold_letters(strip_tatweel(strip_diacritics(strip_bidi(name)))))


def _variant_word(word: str) -> str:
    for pattern, replacement in _variant_rules():
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=200_000)
def variant_key(name: str) -> str:
    """The transliteration-variant key: :func:`name_key` plus foreign-name spelling rules.

    Notes
    -----
    ``سيرغي لافروف`` and ``سيرجي لافروف`` share this key, and so do ``فلاديمير بوتين`` and
    ``فلاديمير بوتن``. Use only with supporting evidence (see the module notes).
    """
    return " ".join(w for w in (_variant_word(w) for w in name_key(name).split(" ")) if w)


def tokens(name: str) -> tuple[str, ...]:
    """The words of a name's match key."""
    key = name_key(name)
    return tuple(key.split(" ")) if key else ()
