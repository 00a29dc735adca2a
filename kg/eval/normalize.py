"""Match keys for scoring: the orthographic normalisation of GOLD_FORMAT.md, one function each.

Notes
-----
Labels keep their original spelling in the data; only the keys compared here are normalised.
``name_key`` is used for person, place and organisation names and also drops a leading و
(``ووزير`` is never a name, ``وسيرغي لافروف`` is a name after the conjunction). ``fold`` keeps
the و so that role labels such as ``وزير الخارجية`` and ``ولي العهد`` survive.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = [
    "collapse_space",
    "contains_words",
    "en_key",
    "fold",
    "name_key",
    "strip_leading_waw",
    "strip_marks",
    "unify_alef",
    "unify_alef_maqsura",
    "unify_ta_marbuta",
    "word_key",
]

# Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks), tatweel,
# zero-width and bidirectional marks, BOM.
_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_ALEF = re.compile("[\u0622\u0623\u0625\u0671]")  # آ أ إ ٱ -> ا
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WAW = "\u0648"
#: a leading و is a conjunction only when a name of at least three letters follows it.
_MIN_AFTER_WAW = 3


def strip_marks(text: str) -> str:
    """Remove diacritics, tatweel and invisible bidi / zero-width marks."""
    return _MARKS.sub("", text)


def unify_alef(text: str) -> str:
    """Write every hamza or madda alef form as a bare alef."""
    return _ALEF.sub("\u0627", text)


def unify_ta_marbuta(text: str) -> str:
    """Write ta marbuta as ha (ة and ه alternate at the end of words)."""
    return text.replace("\u0629", "\u0647")


def unify_alef_maqsura(text: str) -> str:
    """Write alef maqsura as ya (ى and ي alternate at the end of words)."""
    return text.replace("\u0649", "\u064a")


def collapse_space(text: str) -> str:
    """Trim and collapse runs of white space to one space."""
    return _SPACE.sub(" ", text).strip()


def strip_leading_waw(text: str) -> str:
    """Drop one leading conjunction و when a word of three or more letters follows it."""
    if text.startswith(_WAW) and len(text) > _MIN_AFTER_WAW:
        return text[1:]
    return text


def fold(text: str) -> str:
    """Orthographic normalisation without clitic removal (NFC, marks, alef, ة, ى, spaces)."""
    text = unicodedata.normalize("NFC", text or "")
    text = strip_marks(text)
    text = unify_alef(text)
    text = unify_ta_marbuta(text)
    text = unify_alef_maqsura(text)
    return collapse_space(text)


def name_key(text: str) -> str:
    """The key a name is compared by: :func:`fold` and then a leading و removed."""
    return strip_leading_waw(fold(text))


def en_key(text: str) -> str:
    """The key an English name is compared by: lower case, spaces collapsed."""
    return collapse_space((text or "").lower())


def word_key(text: str) -> str:
    """English text as lower-case words separated by single spaces (punctuation dropped)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text or "")
    return _NON_WORD.sub(" ", spaced.lower()).strip()


def contains_words(text: str, phrase: str) -> bool:
    """True when ``phrase`` equals ``text`` or occurs in it as whole words (both already keys)."""
    if not phrase:
        return False
    return text == phrase or f" {phrase} " in f" {text} "
