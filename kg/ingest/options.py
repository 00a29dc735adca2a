"""Options of the ingest stage."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "IngestOptions"]

#: Files (and JSON lines) larger than this are refused before they are read.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class IngestOptions:
    """How :func:`kg.ingest.read_inputs` reads and cleans articles.

    Parameters
    ----------
    max_bytes
        Largest file accepted, in bytes. Larger files become a :class:`kg.records.Problem`
        without being read, so that one stray dump cannot exhaust memory. For ``.jsonl`` files
        the limit applies to each line (each article), since a JSON lines file is a container
        that may legitimately hold many articles.
    drop_boilerplate
        Drop whole lines that match ``kg/resources/boilerplate.tsv`` (bylines, share buttons...).
    drop_repeated
        Drop exact repeated paragraphs (scraped pages often repeat the body).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    drop_boilerplate: bool = True
    drop_repeated: bool = True


#: The default options (a frozen instance, safe to share as a default argument).
DEFAULT_OPTIONS = IngestOptions()
