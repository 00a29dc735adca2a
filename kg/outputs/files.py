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

import heapq
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError
from kg.rdf.mapping import ArticleGraph, ontology_graph
from kg.rdf.namespaces import PREFIXES
from kg.store import serialize_nquads

__all__ = [
    "DATASET_FILES",
    "DatasetFiles",
    "GraphChunk",
    "StagedFile",
    "atomic_write",
    "atomic_write_many",
    "discard_staged",
    "graph_chunk",
    "stage_dataset",
    "write_dataset",
]

log = logging.getLogger(__name__)

# The process umask, read once (reading it means setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

#: The files :func:`write_dataset` writes, in this order.
DATASET_FILES: tuple[str, ...] = ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld")


@dataclass(frozen=True)
class StagedFile:
    """A complete, fsynced temporary file next to ``path``, waiting to be renamed over it by
    :func:`atomic_write_many` (large files are streamed to disk rather than held as bytes)."""

    tmp: Path


@dataclass(frozen=True)
class GraphChunk:
    """One named graph, ready to be concatenated into each dataset file.

    ``nquads`` are the graph's sorted lines; ``trig`` its TriG block without the prefix lines;
    ``jsonld`` its JSON-LD object (``{"@id": graph, "@graph": [...]}``) without the surrounding
    array. Chunks are made per article (in parallel, and cached), so that writing the dataset is
    concatenation and an incremental build gives the same bytes as a full one.
    """

    iri: str
    nquads: bytes
    trig: bytes
    jsonld: bytes
    triples: int


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


def atomic_write_many(files: Mapping[Path, bytes | str | StagedFile]) -> None:
    """Write several files so that either all are replaced or none is.

    Notes
    -----
    All temporary files are written and fsynced before the first rename; if anything fails
    before then, the temporary files are removed and the old files stay whole. The renames
    themselves cannot fail half-way for a reason the writer controls (same folder, same file
    system), so a killed build leaves at worst a mix of whole old and whole new files.
    """
    temps: list[tuple[Path, Path]] = [(data.tmp, Path(path)) for path, data in files.items()
                                      if isinstance(data, StagedFile)]
    try:
        for path, data in files.items():
            if isinstance(data, StagedFile):
                continue
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


def _strip_prefix_lines(trig: bytes) -> bytes:
    """A TriG document without its leading ``@prefix`` lines (the dataset file has them once)."""
    pos = 0
    while trig.startswith(b"@prefix ", pos):
        pos = trig.index(b"\n", pos) + 1
    return trig[pos:]


@lru_cache(maxsize=8)
def _trig_header(prefixes: tuple[tuple[str, str], ...]) -> bytes:
    sample = serialize_nquads("<urn:kg:s> <urn:kg:p> <urn:kg:o> <urn:kg:g> .\n", "trig", dict(prefixes))
    return sample[: len(sample) - len(_strip_prefix_lines(sample))]


def graph_chunk(graph: ArticleGraph, prefixes: dict[str, str] = PREFIXES) -> GraphChunk:
    """Serialise one graph for every dataset file (see :class:`GraphChunk`).

    Raises
    ------
    ValueError
        When a line is not in the graph named by ``graph.iri``.
    """
    lines = sorted(_collect([graph])[graph.iri])
    text = "".join(lines)
    trig = _strip_prefix_lines(serialize_nquads(text, "trig", prefixes))
    jsonld = serialize_nquads(text, "jsonld", prefixes).strip()
    if jsonld.startswith(b"[") and jsonld.endswith(b"]"):
        jsonld = jsonld[1:-1]
    return GraphChunk(graph.iri, text.encode("utf-8"), trig, jsonld, len(lines))


def _with_ontology(chunks: Iterable[GraphChunk], prefixes: dict[str, str]) -> Iterator[GraphChunk]:
    """The chunks (sorted by IRI, each IRI once) with the ontology graph in its sorted place."""
    onto: GraphChunk | None = graph_chunk(ontology_graph(), prefixes)
    previous = ""
    for chunk in chunks:
        if previous and chunk.iri <= previous:
            raise ValueError(f"graph chunks must come sorted by IRI, each once: {chunk.iri} after {previous}")
        if onto is not None and onto.iri <= chunk.iri:
            if onto.iri < chunk.iri:
                yield onto
            onto = None
        previous = chunk.iri
        yield chunk
    if onto is not None:
        yield onto


def _triples_of(chunk: GraphChunk) -> list[str]:
    cut = len(f" <{chunk.iri}> .\n")
    return [line[:-cut] + " .\n" for line in chunk.nquads.decode("utf-8").splitlines(keepends=True)]


class _TripleRuns:
    """External sort with de-duplication of triple lines: sorted runs on disk, merged lazily.

    Notes
    -----
    ``merged.ttl`` is the union of every graph: a person's label stated in 2,000 articles is one
    triple. A set of every triple of 100,000 articles does not fit in a bounded memory, so lines
    are gathered up to ``budget`` characters, sorted, de-duplicated and written as a run; the runs
    are then merged (``heapq.merge``) and de-duplicated again on the way out.
    """

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget
        self.pending: set[str] = set()
        self.size = 0
        self.runs: list[Path] = []

    def add(self, lines: list[str]) -> None:
        for line in lines:
            if line not in self.pending:
                self.pending.add(line)
                self.size += len(line)
        if self.size >= self.budget:
            self._spill()

    def _spill(self) -> None:
        fd, name = tempfile.mkstemp(dir=self.folder, prefix=".merged-run.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(sorted(self.pending))
        self.runs.append(Path(name))
        self.pending = set()
        self.size = 0

    def sorted_unique(self) -> Iterator[str]:
        if not self.runs:
            yield from sorted(self.pending)
            return
        if self.pending:
            self._spill()
        handles = [run.open(encoding="utf-8", newline="") for run in self.runs]
        try:
            last = None
            for line in heapq.merge(*handles):
                if line != last:
                    yield line
                    last = line
        finally:
            for fh in handles:
                fh.close()

    def close(self) -> None:
        for run in self.runs:
            run.unlink(missing_ok=True)
        self.runs = []


def _stream_turtle(lines: Iterator[str], out: object, prefixes: dict[str, str], batch: int = 50_000) -> None:
    """Serialise sorted unique triple lines as Turtle into an open binary file, batch by batch.

    Notes
    -----
    One ``pyoxigraph.serialize`` call over a generator keeps Turtle's subject grouping across
    batches while only ``batch`` lines are parsed at a time. (This belongs in ``kg.store``,
    the only package meant to import pyoxigraph; see the scale report.)
    """
    def triples() -> Iterator[ox.Triple]:
        buf: list[str] = []
        for line in lines:
            buf.append(line)
            if len(buf) >= batch:
                yield from (q.triple for q in ox.parse("".join(buf).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
                buf = []
        if buf:
            yield from (q.triple for q in ox.parse("".join(buf).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))

    ox.serialize(triples(), out, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def _new_temp(path: Path) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial" + path.suffix)
    os.chmod(tmp, _file_mode(path))
    return fd, Path(tmp)


def discard_staged(staged: Mapping[Path, StagedFile]) -> None:
    """Remove staged temporary files that will not be committed (a failed build)."""
    for item in staged.values():
        item.tmp.unlink(missing_ok=True)


def stage_dataset(
    chunks: Iterable[GraphChunk], out_dir: Path, prefixes: dict[str, str] = PREFIXES,
    sort_budget: int = 64 << 20,
) -> tuple[dict[Path, StagedFile], DatasetFiles]:
    """Stream the dataset files into temporary files in ``out_dir``; nothing is replaced yet.

    Parameters
    ----------
    chunks
        One :class:`GraphChunk` per article graph, sorted by IRI (each IRI once); the ontology
        graph is added in its place. Consumed lazily: only one chunk is held at a time.
    out_dir
        Created if missing.
    prefixes
        Prefixes of TriG and Turtle (also used when the chunks were made).
    sort_budget
        Characters of triple lines held in memory by the external sort behind ``merged.ttl``.

    Returns
    -------
    tuple
        The staged files (give them to :func:`atomic_write_many` to commit them together with
        other files, or to :func:`discard_staged`) and what they hold.

    Notes
    -----
    The bytes are those :func:`write_dataset` gives for the same graphs: N-Quads and TriG are
    the concatenation of the chunks (TriG after one prefix header), JSON-LD is the array of the
    graph objects, ``merged.ttl`` the Turtle of the sorted, de-duplicated union of the triples.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder: {exc}") from exc
    paths = [out_dir / name for name in DATASET_FILES]
    staged: dict[Path, StagedFile] = {}
    handles = []
    runs = _TripleRuns(out_dir, sort_budget)
    per_graph: dict[str, int] = {}
    quads = 0
    try:
        for path in paths:
            fd, tmp = _new_temp(path)
            staged[path] = StagedFile(tmp)
            handles.append(os.fdopen(fd, "wb", buffering=1 << 20))
        nq, trig, ttl, jsonld = handles
        header = _trig_header(tuple(sorted(prefixes.items())))
        jsonld.write(b"[")
        first = True
        for chunk in _with_ontology(chunks, prefixes):
            if not chunk.nquads:
                continue
            if first:
                trig.write(header)
            nq.write(chunk.nquads)
            trig.write(chunk.trig)
            jsonld.write(chunk.jsonld if first else b"," + chunk.jsonld)
            first = False
            runs.add(_triples_of(chunk))
            per_graph[chunk.iri] = chunk.triples
            quads += chunk.triples
        jsonld.write(b"]")
        _stream_turtle(runs.sorted_unique(), ttl, prefixes)
        for fh in handles:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
    except BaseException:
        for fh in handles:
            fh.close()
        discard_staged(staged)
        raise
    finally:
        runs.close()
    log.info("staged %d quads in %d graphs", quads, len(per_graph))
    return staged, DatasetFiles(paths=tuple(paths), quads=quads, graphs=len(per_graph),
                                triples_per_graph=dict(sorted(per_graph.items())))


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
    This holds every graph in memory; :func:`stage_dataset` streams chunks for large corpora
    and writes the same bytes.
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
    chunks = [graph_chunk(ArticleGraph(g, tuple(sorted(by_graph[g])), {}), prefixes) for g in order]
    chunks = [c for c in chunks if c.nquads]
    triples: set[str] = set()
    for c in chunks:
        triples.update(_triples_of(c))
    merged_text = "".join(sorted(triples))
    log.info("serialising %d graphs (%d distinct triples)", len(chunks), len(triples))
    header = _trig_header(tuple(sorted(prefixes.items()))) if chunks else b""
    payloads: dict[Path, bytes] = {
        out_dir / "dataset.nq": b"".join(c.nquads for c in chunks),
        out_dir / "dataset.trig": header + b"".join(c.trig for c in chunks),
        out_dir / "merged.ttl": serialize_nquads(merged_text, "ttl", prefixes),
        out_dir / "dataset.jsonld": b"[" + b",".join(c.jsonld for c in chunks) + b"]",
    }
    try:
        atomic_write_many(payloads)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the dataset files: {exc}") from exc
    return DatasetFiles(
        paths=tuple(out_dir / name for name in DATASET_FILES),
        quads=sum(c.triples for c in chunks),
        graphs=len(chunks),
        triples_per_graph={c.iri: c.triples for c in chunks},
    )
