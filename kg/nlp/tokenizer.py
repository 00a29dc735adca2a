"""``kg.arabic_tokenizer.v1``: a one-regex tokenizer for Arabic news, registered with spaCy.

Notes
-----
spaCy's Arabic tokenizer runs prefix, suffix and infix searches on every new word form; Arabic's
many clitic forms keep its cache cold, and tokenising took half of the extraction time. News
text needs less: a word is a run of letters, digits and combining marks; every punctuation mark or
symbol is a token of its own; numbers keep their inner separators (15/10/2025, 1,500, 10:30,
3.5). Clitics stay on the word: ``kg_normalise`` splits them where the lexicon needs it.

It also splits what spaCy's rules leave joined: closing quotes before a full stop (``موسكو".``)
and quotes after a clitic (``بـ"الجهود``). Whitespace follows spaCy's convention, so ``doc.text`` is
the input and token offsets are offsets into the article.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["TOKEN_PATTERN", "UNUSED_LEXEME_ATTRS", "WORDS_KEY", "ArabicTokenizer", "create_lean_lexemes",
           "create_tokenizer"]

#: ``doc.user_data`` key of the token strings, in token order
WORDS_KEY = "kg.words"

# Combining marks that belong to a word: Latin accents, Arabic tashkeel and Quranic marks, and
# the zero-width (non-)joiners typed inside Persian and Urdu names.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u200c\u200d"

# Arabic letters proper (no tatweel): most words are made of these alone, and a plain class is far
# cheaper for ``re`` than the Unicode word-class alternation of the general word branch after it
_ARABIC = "\u0621-\u063a\u0641-\u064a"

# (token, one trailing space) or a whitespace run: spaCy's convention is that one space after a
# token is its trailing space and any other whitespace is a token, so doc.text is the input.
TOKEN_PATTERN = re.compile(
    rf"([{_ARABIC}][{_ARABIC}{_MARKS}]*+(?:(?:[^\W_]|[{_MARKS}])++)?"   # Arabic words, then anything a word holds
    rf"|(?:[^\W\d_]|[{_MARKS}])(?:[^\W_]|[{_MARKS}])*+"   # words: a letter, then letters, digits, marks
    r"|\d{4}-\d\d-\d\d|\d\d?-\d\d?-\d{4}"              # dates with hyphens (2025-03-03, 3-3-2025)
    r"|\d+(?:[.,/:\u066b\u066c]\d+)++"                    # numbers and dates with other inner separators
    rf"|(?:[^\W_]|[{_MARKS}])++"                          # a word that starts with a digit (2025م)
    r"|\.{2,}|-{2,}|…"                                     # ellipses and dashes
    r"|\S)"                                                # any other character: one token
    r"( ?)|(\s+)"
)


class ArabicTokenizer:
    """Callable ``str -> Doc`` (spaCy's tokenizer interface)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        found = TOKEN_PATTERN.findall(text)    # one C-level pass; a Python loop per match is slower
        words = [tok or blank for tok, _sp, blank in found]
        doc = Doc(self.vocab, words=words, spaces=[sp == " " for _tok, sp, _blank in found])
        doc.user_data[WORDS_KEY] = words       # kg_normalise reuses the strings instead of slicing again
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # nlp.to_disk / from_disk: the tokenizer has no state of its own
    def to_bytes(self, **_kwargs: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: object) -> ArabicTokenizer:
        return self

    def to_disk(self, _path: object, **_kwargs: object) -> None:
        return None

    def from_disk(self, _path: object, **_kwargs: object) -> ArabicTokenizer:
        return self


@spacy.registry.tokenizers("kg.arabic_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], ArabicTokenizer]:
    def make(nlp: Language) -> ArabicTokenizer:
        return ArabicTokenizer(nlp.vocab)
    return make


#: Lexeme attributes that no kg component reads. spaCy computes every attribute in Python for each
#: new word form (word shapes, URL and e-mail patterns...); Arabic's many forms make that a steady
#: cost, and a fifth of building the phrase matcher. The components read the token text, NORM
#: (set by kg_normalise), and IS_PUNCT, IS_SPACE and LIKE_NUM (kg_normalise's punctuation flag).
UNUSED_LEXEME_ATTRS = frozenset({
    "SHAPE", "PREFIX", "SUFFIX", "LIKE_URL", "LIKE_EMAIL", "LANG", "IS_TITLE", "IS_UPPER", "IS_LOWER",
    "IS_ASCII", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY"})


@spacy.registry.callbacks("kg.lean_lexemes.v1")
def create_lean_lexemes() -> Callable[[Language], Language]:
    """``[nlp.after_creation]``: new lexemes skip the attributes in :data:`UNUSED_LEXEME_ATTRS`."""
    from spacy import attrs

    unused = {getattr(attrs, name) for name in UNUSED_LEXEME_ATTRS}

    def lean(nlp: Language) -> Language:
        getters = nlp.vocab.lex_attr_getters
        nlp.vocab.lex_attr_getters = {k: f for k, f in getters.items() if k not in unused}
        return nlp
    return lean
