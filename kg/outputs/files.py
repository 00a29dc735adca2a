"""The dataset files: N-Quads, TriG, a merged Turtle file and JSON-LD, written atomically.

Notes
-----
Every article is a named graph whose IRI is the article's IRI; the ontology (kg.ttl + roles.ttl)
travels along in its own graph. The N-Quads file is written from the mapping's lines directly
(sorted by graph IRI, then line); TriG, Turtle and JSON-LD are re-serialised from it by Oxigraph
(``kg.store.serialize_nquads``), which writes about a million quads per second, where rdflib would
take hours on a hundred thousand articles.

A build that fails or is killed part-way must not leave a half-written dataset next to a whole
one: every file is first written to a temporary file in the output folder and fsynced, and only
when all of them are complete are they renamed over the old ones (``os.replace`` is atomic on one
file system).
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import OutputError
from kg.rdf.mapping import ArticleGraph, ontology_graph
from kg.rdf.namespaces import PREFIXES
from kg.store import serialize_nquads

__all__ = ["DATASET_FILES", "DatasetFiles", "atomic_write", "atomic_write_many", "write_dataset"]

log = logging.getLogger(__name__)

# The process umask, read once (reading it means setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

#: The files :func:`write_dataset` writes, in this order.
DATASET_FILES: tuple[str, ...] = ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld")


@dataclass(frozen=True)
class DatasetFiles:
    """What :func:`write_dataset` wrote: the paths, the number of quads and of named graphs, and
    the number of triples in each graph (sorted by graph IRI)."""

    paths: tuple[Path, ...]
    quads: int
    graphs: int
    triples_per_graph: dict[str, int]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _file_mode(path: Path) -> int:
    """The mode the new file should have: the old file's, else what ``open()`` would give."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def _write_temp(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(path))   # mkstemp makes 0600 files; readers of the dataset need more
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write_many(files: Mapping[Path, bytes | str]) -> None:
    """Write several files so that either all are replaced or none is.

    Notes
    -----
    All temporary files are written and fsynced before the first rename; if anything fails
    before then, the temporary files are removed and the old files stay whole. The renames
    themselves cannot fail half-way for a reason the writer controls (same folder, same file
    system), so a killed build leaves at worst a mix of whole old and whole new files.
    """
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            temps.append((_write_temp(path, payload), path))
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in temps:
            tmp.unlink(missing_ok=True)
        raise
    for folder in sorted({p.parent for _t, p in temps}):
        _fsync_dir(folder)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically: a temporary file in the same folder, fsync,
    ``os.replace``. A failed write leaves the old file as it was."""
    atomic_write_many({Path(path): data})


def _collect(graphs: Iterable[ArticleGraph]) -> dict[str, set[str]]:
    by_graph: dict[str, set[str]] = {}
    for graph in graphs:
        suffix = f" <{graph.iri}> .\n"
        lines = by_graph.setdefault(graph.iri, set())
        for line in graph.nquads:
            if not line.endswith(suffix):
                raise ValueError(f"a line of graph {graph.iri} is not in that graph: {line[:200]!r}")
            lines.add(line)
    return by_graph


def write_dataset(
    graphs: Iterable[ArticleGraph], out_dir: Path, prefixes: dict[str, str] = PREFIXES
) -> DatasetFiles:
    """Write ``dataset.nq``, ``dataset.trig``, ``merged.ttl`` and ``dataset.jsonld`` into ``out_dir``.

    Parameters
    ----------
    graphs
        The article graphs (from :func:`kg.rdf.map_article`); the ontology graph is added unless
        it is among them. A graph given twice is merged (union of its lines).
    out_dir
        Created if missing. Only the four files are replaced; nothing else is touched.
    prefixes
        Prefixes for TriG and Turtle.

    Returns
    -------
    DatasetFiles

    Notes
    -----
    The output is byte-identical across runs: graphs are sorted by IRI and lines within a graph
    are sorted, and ``merged.ttl`` is built from the sorted, de-duplicated triples of the union.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder: {exc}") from exc
    by_graph = _collect(graphs)
    if ontology_graph().iri not in by_graph:
        by_graph.update(_collect([ontology_graph()]))
    order = sorted(by_graph)
    nq_lines: list[str] = []
    triples: set[str] = set()
    per_graph: dict[str, int] = {}
    for g in order:
        lines = sorted(by_graph[g])
        per_graph[g] = len(lines)
        nq_lines.extend(lines)
        cut = len(f" <{g}> .\n")
        triples.update(line[:-cut] + " .\n" for line in lines)
    nq_text = "".join(nq_lines)
    merged_text = "".join(sorted(triples))
    log.info("serialising %d quads in %d graphs (%d distinct triples)", len(nq_lines), len(order), len(triples))
    payloads: dict[Path, bytes] = {
        out_dir / "dataset.nq": nq_text.encode("utf-8"),
        out_dir / "dataset.trig": serialize_nquads(nq_text, "trig", prefixes),
        out_dir / "merged.ttl": serialize_nquads(merged_text, "ttl", prefixes),
        out_dir / "dataset.jsonld": serialize_nquads(nq_text, "jsonld", prefixes),
    }
    try:
        atomic_write_many(payloads)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the dataset files: {exc}") from exc
    return DatasetFiles(
        paths=tuple(out_dir / name for name in DATASET_FILES),
        quads=len(nq_lines),
        graphs=len(order),
        triples_per_graph=per_graph,
    )
