"""Working state the pipeline components share on ``Doc._.kg`` (internal to kg.nlp).

Only :mod:`kg.nlp.extract` turns it into the boundary records of :mod:`kg.records`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["DateSpan", "DocState", "EventDraft", "LocalPerson", "Match", "NameSpan", "PostSpan"]


class Match(NamedTuple):
    """A lexicon match over tokens [start, end) with the clitic prefix of its first token.

    A named tuple: documents make thousands of them, and tuples are cheap to build."""

    start: int
    end: int
    kind: str
    payload: str
    prefix: str = ""


@dataclass
class LocalPerson:
    """A person of the article under construction."""

    id: str
    name_tokens: tuple[int, int]
    name: str
    forms: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)   # token spans
    country: str | None = None
    unnamed: bool = False
    posts: list[PostSpan] = field(default_factory=list)
    key_words: list[str] = field(default_factory=list)


@dataclass
class NameSpan:
    start: int
    end: int
    person: str          # LocalPerson.id
    kind: str            # name | surname | post | counterpart | pronoun


@dataclass
class PostSpan:
    start: int           # token span of the whole post phrase (with its state)
    end: int
    role: str
    of: str | None
    qualifier: str | None = None
    person: str | None = None
    text: str = ""
    generic: bool = False     # رئيس وزراء هندي: an indefinite post names no one


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    value: str | None     # YYYY-MM-DD, --MM-DD or None when it cannot be resolved
    text: str
    future: bool = False
    after_previous: int | None = None   # اليوم ذاته (0), اليوم التالي (1): days after the event told before


@dataclass
class EventDraft:
    type: str
    participants: list[str]
    attendees: list[str]
    sentence: int
    trigger: tuple[int, int]
    host: str | None = None
    place: str | None = None
    city: str | None = None
    date: str | None = None
    date_text: str | None = None
    status: str = "occurred"
    inferred_place: str | None = None
    trigger_text: str = ""
    after_previous: int | None = None   # its date is the day of the event told before, plus this many days
    noun: bool = False                  # told by an event noun (زيارة، لقاء), which also refers back


@dataclass
class DocState:
    published: str | None = None
    text: str = ""                                       # doc.text, built once (spaCy rebuilds it per call)
    tok_text: list[str] = field(default_factory=list)    # plain per-token arrays: Token objects are slow
    tok_idx: list[int] = field(default_factory=list)
    tok_punct: list[bool] = field(default_factory=list)  # punctuation, space, number
    tok_break: list[bool] = field(default_factory=list)  # a line break in or after the token
    keys: list[str] = field(default_factory=list)        # normalised text of each token
    prefixes: list[str] = field(default_factory=list)    # clitic prefix split off each token
    matches: dict[str, list[Match]] = field(default_factory=dict)     # layer -> matches
    by_token: dict[str, dict[int, Match]] = field(default_factory=dict)
    persons: dict[str, LocalPerson] = field(default_factory=dict)
    names: list[NameSpan] = field(default_factory=list)
    posts: list[PostSpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    events: list[EventDraft] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)   # token ranges
    sent_of: list[int] = field(default_factory=list)     # token -> its sentence
    warnings: list[str] = field(default_factory=list)

    def sentence_of_tokens(self) -> list[int]:
        """Token -> its sentence (``sent_of``), built from ``sentences`` when not set yet."""
        if len(self.sent_of) != len(self.tok_text):
            self.sent_of = []
            for s, (a, b) in enumerate(self.sentences):
                self.sent_of += [s] * (b - a)
        return self.sent_of

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as ``doc[start:end].text`` (without building a Span)."""
        if end <= start:
            return ""
        return self.text[self.tok_idx[start]:self.tok_idx[end - 1] + len(self.tok_text[end - 1])]
