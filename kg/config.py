"""Settings shared by the stages: the base IRI and where the packaged data lives."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_BASE_IRI", "ONTOLOGY_DIR", "PACKAGE_DIR", "Settings"]

DEFAULT_BASE_IRI = "https://w3id.org/kg-news/id/"
PACKAGE_DIR = Path(__file__).resolve().parent


def _ontology_dir() -> Path:
    # In a checkout the ontologies sit beside the package; in a wheel they are shipped inside it.
    for cand in (PACKAGE_DIR.parent / "ontologies", PACKAGE_DIR / "ontologies"):
        if cand.is_dir():
            return cand
    return PACKAGE_DIR.parent / "ontologies"


ONTOLOGY_DIR = _ontology_dir()


@dataclass(frozen=True)
class Settings:
    """Build settings. ``base_iri`` prefixes every data IRI (persons, events, articles...)."""

    base_iri: str = DEFAULT_BASE_IRI
    extra_kb: tuple[Path, ...] = field(default_factory=tuple)
    jobs: int = 1
