"""spaCy components: ``kg_normalise`` (match keys on tokens) and ``kg_lexicon`` (gazetteer matches).

Notes
-----
``kg_normalise`` writes the normalised form of each token to ``Token.norm_`` so that one
``PhraseMatcher(attr="NORM")`` matches every spelling (أ/إ/ا، ة/ه، ى/ي، tashkeel, tatweel).
Clitics are covered by adding each phrase once per prefix; the prefix is kept in the match label
because it carries meaning: ``لرئيس روسيا`` (ل = of) or ``بالكرملين`` (ب = in).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from operator import itemgetter

import numpy
from spacy.attrs import IDX, NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.nlp.lexicon import Lexicon, get_lexicon
from kg.nlp.normalise import clitic_splits, normalise
from kg.nlp.state import DocState, Match
from kg.nlp.tokenizer import WORDS_KEY

__all__ = ["LAYERS", "LexiconComponent", "NormaliseComponent"]

#: Match kinds grouped in layers; within a layer the longest match wins.
LAYERS: dict[str, tuple[str, ...]] = {
    "entity": ("KNOWN", "ORG", "TITLE", "POST", "PLACE", "COUNTRY", "ADJ"),
    "trigger": ("TRIGGER",),
    "cue": ("CUE",),
    "date": ("MONTH", "WEEKDAY", "RELDATE"),
}
_LAYER_OF = {kind: layer for layer, kinds in LAYERS.items() for kind in kinds}
_PRIORITY = {kind: i for kinds in LAYERS.values() for i, kind in enumerate(kinds)}

_ARTICLE_KINDS = frozenset({"ADJ", "POST", "TITLE", "TRIGGER", "CUE"})
_NAME_KINDS = frozenset({"KNOWN", "PLACE", "COUNTRY", "ORG"})      # proper names: no article added
_START, _END = itemgetter(0), itemgetter(1)     # Match.start, Match.end (sort keys in C)


def _longest_first(m: Match) -> tuple[int, int, int]:
    return m.start - m.end, _PRIORITY[m.kind], m.start


@lru_cache(maxsize=500_000)
def _normalise_cached(text: str) -> str:
    return normalise(text)


def match_key(key: str, first_words: frozenset[str]) -> tuple[str, str]:
    """(match key, clitic prefix) of a normalised word: the prefix is split off only when the rest
    starts a lexicon phrase (والروسي -> الروسي). Phrase words go through the same function, so
    a word inside a phrase (الدول in جامعة الدول العربية, بالرباط in القصر الملكي بالرباط) always
    meets the token it stands for."""
    if key in first_words:
        return key, ""
    # the shortest prefix first, so that the article stays with the word: بالرئيس = ب + الرئيس
    for pfx, base in sorted(clitic_splits(key)[1:], key=lambda pb: len(pb[0])):
        if base in first_words:
            return base, pfx
    return key, ""


def _first_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word a phrase can start with, with the article where the kind takes one."""
    out: set[str] = set()
    for phrase in lexicon.phrases:
        if not phrase.words:
            continue
        first = phrase.words[0]
        out.add(first)
        if phrase.kind in _ARTICLE_KINDS and (not first.startswith("ال") or phrase.kind == "ADJ"):
            out.add("ال" + first)      # ألماني starts with ال but takes the article too: الألماني
    return frozenset(out)


@Language.factory("kg_normalise")
class NormaliseComponent:
    """Sets ``Token.norm_`` to the match key of the token, its clitic prefix split off.

    The full normalised form of each token and its prefix are kept on ``doc._.kg`` (``keys``,
    ``prefixes``): a prefix carries meaning (و starts a new conjunct, ل marks a genitive).
    A prefix is split off only when the rest starts a lexicon phrase, so words that merely begin
    with و or ب (وزير، بين) keep their letters.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.first_words = _first_words(get_lexicon())
        self.vocab = nlp.vocab
        self._cache: dict[str, tuple[str, str, int, bool]] = {}

    def _token_key(self, text: str) -> tuple[str, str, int, bool]:
        """(normalised key, clitic prefix, hash of the match key, punctuation/space/number) of a
        token text, cached: all four depend on the text alone."""
        hit = self._cache.get(text)
        if hit is None:
            key = normalise(text)
            norm, prefix = match_key(key, self.first_words)
            lexeme = self.vocab[text]
            punct = lexeme.is_punct or lexeme.is_space or lexeme.like_num or not text.strip()
            hit = (key, prefix, self.vocab.strings.add(norm), punct)
            if len(self._cache) < 500_000:
                self._cache[text] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        state: DocState | None = doc._.kg      # each doc._ access builds an object: read it once
        if state is None:
            state = DocState()
            doc._.kg = state
        # token attributes as lists: creating a spaCy Token per access is the slow part
        full = state.text or doc.text
        state.text = full
        tok_idx = doc.to_array(IDX).tolist()
        tok_text = doc.user_data.get(WORDS_KEY)    # set by kg's tokenizer; another tokenizer may not
        if tok_text is None or len(tok_text) != len(tok_idx):
            tok_text = [t.text for t in doc]
        # a token "breaks" a line when a newline lies in it or before the next token; newlines are
        # few, so find each one's token instead of searching every token's span
        tok_break = [False] * len(tok_idx)
        newline = full.find("\n")
        while newline != -1:
            tok_break[bisect_right(tok_idx, newline) - 1] = True
            newline = full.find("\n", newline + 1)
        cache_get = self._cache.get
        hits = [cache_get(text) or self._token_key(text) for text in tok_text]
        keys, prefixes, norm_hashes, tok_punct = (list(column) for column in zip(*hits)) if hits else ([], [], [], [])
        state.keys = keys
        state.prefixes = prefixes
        doc.from_array([NORM], numpy.asarray(norm_hashes, dtype="uint64").reshape(-1, 1))
        state.tok_text, state.tok_idx, state.tok_punct, state.tok_break = tok_text, tok_idx, tok_punct, tok_break
        return doc


@Language.factory("kg_lexicon", default_config={"max_phrase_words": 8})
class LexiconComponent:
    """Finds every lexicon phrase (countries, posts, triggers...) and stores them on ``doc._.kg``."""

    def __init__(self, nlp: Language, name: str, max_phrase_words: int) -> None:
        self.name = name
        self.lexicon: Lexicon = get_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        firsts = _first_words(self.lexicon)
        patterns: dict[str, list[Doc]] = defaultdict(list)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for phrase in self.lexicon.phrases:
            if not phrase.words or len(phrase.words) > max_phrase_words:
                continue
            rest = tuple(match_key(w, firsts)[0] for w in phrase.words[1:])
            variants = [(phrase.words[0],) + rest]
            if phrase.kind in _ARTICLE_KINDS and (not phrase.words[0].startswith("ال") or phrase.kind == "ADJ"):
                variants.append(("ال" + phrase.words[0],) + rest)
                if phrase.kind == "ADJ" and rest:
                    # an adjective phrase agrees in definiteness word by word: الكوري الجنوبي
                    variants.append(("ال" + phrase.words[0],) + tuple(
                        w if w.startswith("ال") else match_key("ال" + w, firsts)[0] for w in rest))
            for words in variants:
                label = f"{phrase.kind}|{phrase.payload}"
                if (label, words) in seen:
                    continue
                seen.add((label, words))
                patterns[label].append(Doc(nlp.vocab, words=list(words)))
        for label in sorted(patterns):
            self.matcher.add(label, patterns[label])
        self.vocab = nlp.vocab
        self._labels: dict[int, tuple[str, str, str, bool]] = {}   # match id -> (layer, kind, payload, proper name)

    def __call__(self, doc: Doc) -> Doc:
        state: DocState | None = doc._.kg      # each doc._ access builds an object: read it once
        if state is None:
            state = DocState()
            doc._.kg = state
        raw: dict[str, list[Match]] = defaultdict(list)
        prefixes = state.prefixes
        labels = self._labels
        for match_id, start, end in self.matcher(doc):
            label = labels.get(match_id)
            if label is None:
                kind, payload = self.vocab.strings[match_id].split("|", 1)
                label = labels[match_id] = (_LAYER_OF[kind], kind, payload, kind in _NAME_KINDS)
            layer, kind, payload, proper_name = label
            prefix = prefixes[start]
            if proper_name and prefix.endswith("ال"):
                continue      # ألباريس is not باريس: names are listed with their article when they have one
            raw[layer].append(Match(start, end, kind, payload, prefix))
        state.matches = {}
        state.by_token = {}
        for layer, matches in raw.items():
            matches.sort(key=_longest_first)
            by_token: dict[int, Match] = {}
            chosen: list[Match] = []
            for m in matches:
                start, end = m.start, m.end
                if end - start == 1:      # most matches are one word
                    if start in by_token:
                        continue
                    by_token[start] = m
                else:
                    span = range(start, end)
                    if not by_token.keys().isdisjoint(span):
                        continue      # a longer (or earlier-ranked) match holds one of its tokens
                    for i in span:
                        by_token[i] = m
                chosen.append(m)
            chosen.sort(key=_START)
            state.matches[layer] = chosen
            state.by_token[layer] = by_token
        # every reading of single tokens (a word can be both a country and an adjective: سورية)
        every = [m for ms in raw.values() for m in ms]
        every.sort(key=_END, reverse=True)    # two stable sorts in C: by start, the longest first
        every.sort(key=_START)
        state.matches["all"] = every
        return doc
