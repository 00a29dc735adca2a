"""The resolution stage: mentions to persons, within an article and across articles, against a
reference knowledge base of officials with time-bounded posts (see docs/kb.md)."""
from kg.resolve.corpus import merge_across, resolve_corpus
from kg.resolve.kb import KbIssue, KbPerson, KbPost, KnowledgeBase
from kg.resolve.local import person_key, resolve_article

__all__ = [
    "KbIssue",
    "KbPerson",
    "KbPost",
    "KnowledgeBase",
    "merge_across",
    "person_key",
    "resolve_article",
    "resolve_corpus",
]
