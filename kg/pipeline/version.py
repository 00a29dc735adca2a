"""Cache keys: what an article's cached result depends on.

Notes
-----
A cached result (extraction, in-article resolution, the mapped graph and its serialisations)
stays valid while the article, the code and data that turn it into triples, the KB and the
output settings stay the same. The pipeline version hashes every file of ``kg/nlp``,
``kg/resources``, ``kg/resolve`` and ``kg/rdf``, ``kg/records.py`` and ``kg/outputs/files.py``,
the ontology files and the versions of spaCy and pyoxigraph; editing any of them invalidates
the cache as a whole, which is the safe direction.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.records import Article

__all__ = ["article_key", "pipeline_version"]

_KG = Path(__file__).resolve().parents[1]
_TREES = ("nlp", "resources", "resolve", "rdf")
_FILES = ("records.py", "outputs/files.py")
_SUFFIXES = {".py", ".tsv", ".csv", ".json", ".cfg", ".ttl", ".txt"}


def _dist(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the code and data that make an article's triples (see the module notes)."""
    from kg.config import ONTOLOGY_DIR

    h = hashlib.sha256()
    files = [p for tree in _TREES for p in (_KG / tree).rglob("*") if p.is_file() and p.suffix in _SUFFIXES]
    files += [_KG / f for f in _FILES]
    files += [p for p in Path(ONTOLOGY_DIR).glob("*.ttl")]
    for path in sorted(set(files)):
        h.update(str(path.relative_to(path.parents[1] if path.is_relative_to(_KG) else path.parent)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    h.update(f"spacy={_dist('spacy')};pyoxigraph={_dist('pyoxigraph')}".encode())
    return h.hexdigest()[:20]


def article_key(article: Article, context: str) -> str:
    """The cache key of one article under a build context (pipeline, KB, base IRI, prefixes).

    ``source`` is left out: the same article read from another file or line is the same work.
    """
    data = json.dumps([context, article.id, article.text, article.title, article.url, article.published,
                       article.publisher, article.lang, list(article.warnings)], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
