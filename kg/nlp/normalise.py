"""Arabic normalisation for matching: one small pure function per phenomenon.

Labels keep the original text; only match keys are normalised. Every function maps one string to
one string of the SAME length where possible is not needed: keys are computed per token, and
tokens keep their character offsets into the article, so offsets are never lost.

Notes
-----
``normalise`` composes, in this order: diacritics (tashkeel) and tatweel removed, alef forms
(أ إ آ ٱ) to ا, ta marbuta (ة) to ه, alef maqsura (ى) to ي, Persian yeh/kaf to Arabic. So
``الرئيسُ`` / ``الرئيس`` and ``سوريّة`` / ``سوريه`` get the same key.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import load

__all__ = [
    "clitic_splits",
    "normalise",
    "normalise_alef",
    "normalise_alef_maqsura",
    "normalise_persian",
    "normalise_ta_marbuta",
    "strip_diacritics",
    "strip_tatweel",
]

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = re.compile("\u0640")
_ALEF = re.compile("[\u0622\u0623\u0625\u0671]")
_PERSIAN = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u067e": "\u0628", "\u0686": "\u062c",
                          "\u0698": "\u0632", "\u06af": "\u0643"})
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel (fatha, damma, kasra, tanwin, shadda, sukun, dagger alef...)."""
    return _DIACRITICS.sub("", text)


def strip_tatweel(text: str) -> str:
    """Remove kashida (ـ), used only to stretch words."""
    return _TATWEEL.sub("", text)


def normalise_alef(text: str) -> str:
    """أ إ آ ٱ -> ا: hamza on alef is written inconsistently in news (إتحادية / اتحادية)."""
    return _ALEF.sub("\u0627", text)


def normalise_ta_marbuta(text: str) -> str:
    """ة -> ه: final ta marbuta is often typed as ha (سورية / سوريه)."""
    return text.replace("\u0629", "\u0647")


def normalise_alef_maqsura(text: str) -> str:
    """ى -> ي: final alef maqsura and ya are confused in Egyptian typing (مصطفى / مصطفي)."""
    return text.replace("\u0649", "\u064a")


def normalise_persian(text: str) -> str:
    """Persian letters -> the Arabic letters news writes for them (ی ک پ چ ژ گ -> ي ك ب ج ز ك):
    پزشكيان and بزشكيان are one name."""
    return text.translate(_PERSIAN)


def normalise(text: str) -> str:
    """The match key of a word or phrase (the single place where the steps are composed)."""
    text = _INVISIBLE.sub("", text)
    text = strip_tatweel(strip_diacritics(text))
    text = normalise_alef(text)
    text = normalise_ta_marbuta(text)
    text = normalise_alef_maqsura(text)
    return normalise_persian(text)


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, bool], ...]:
    """Clitic prefix combinations from resources/clitics.tsv, longest first.

    Each row is a prefix and whether it may stand before the article ال (وال، بال، فال، كال) or
    replaces it (لل = ل + ال).
    """
    rows = load("clitics.tsv")
    out = [(normalise(r["prefix"]), r["before_al"] == "1") for r in rows]
    return tuple(sorted(out, key=lambda x: -len(x[0])))



@lru_cache(maxsize=200_000)
def clitic_splits(key: str) -> tuple[tuple[str, str], ...]:
    """Possible (prefix, base) splits of a normalised word, the unsplit word first.

    ``والروسي`` -> ("", "والروسي"), ("و", "الروسي"), ... ; ``للأمم`` -> ("ل", "الامم").
    A base must keep at least two letters. Callers check the base against a lexicon, so
    over-generation is harmless.
    """
    out: list[tuple[str, str]] = [("", key)]
    for prefix, _before_al in _prefixes():
        if not key.startswith(prefix) or len(key) - len(prefix) < 2:
            continue
        base = key[len(prefix):]
        if prefix.endswith("ل") and prefix in ("لل", "ولل", "فلل"):
            # ل + ال contracts to لل: restore the article (للأمم المتحدة -> الأمم المتحدة).
            out.append((prefix[:-1], "ال" + base))
            continue
        out.append((prefix, base))
    return tuple(dict.fromkeys(out))
