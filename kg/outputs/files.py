"""The dataset files: N-Quads, TriG, a merged Turtle file and JSON-LD, written atomically.

Notes
-----
Every article is a named graph whose IRI is the article's IRI; the ontology (kg.ttl + roles.ttl)
travels along in its own graph. The N-Quads file is written from the mapping's lines directly
(sorted by graph IRI, then line); TriG, Turtle and JSON-LD are re-serialised from it by Oxigraph
(``kg.store.serialize_nquads``), which writes about a million quads per second, where rdflib would
take hours on a hundred thousand articles.

``merged.ttl`` is written one subject block at a time (:func:`turtle_blocks`): the bytes are those
of one serialisation of the whole union, and the length of each block and the triples stated by
several graphs go to a sink, so that an incremental build can replace single blocks
(:mod:`kg.pipeline.patch`).

A build that fails or is killed part-way must not leave a half-written dataset next to a whole
one: every file is first written to a temporary file in the output folder and fsynced, and only
when all of them are complete are they renamed over the old ones (``os.replace`` is atomic on one
file system).
"""
from __future__ import annotations

import contextlib
import heapq
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, TypeVar

from kg.errors import OutputError
from kg.rdf.mapping import ArticleGraph, ontology_graph
from kg.rdf.namespaces import PREFIXES
from kg.store import convert_rdf, serialize_nquads, serialize_nquads_as

__all__ = [
    "DATASET_FILES",
    "DatasetFiles",
    "GraphChunk",
    "StagedFile",
    "UnionSink",
    "atomic_write",
    "atomic_write_many",
    "build_lock",
    "discard_staged",
    "finish_staged",
    "graph_chunk",
    "in_background",
    "open_staged",
    "remove_detached",
    "remove_stale_temporaries",
    "stage_dataset",
    "subject_key",
    "trig_header",
    "triple_lines",
    "turtle_blocks",
    "turtle_header",
    "wait_for_cleanup",
    "write_dataset",
]

log = logging.getLogger(__name__)

# The process umask, read once (reading it means setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

_T = TypeVar("_T")

#: Receives, batch by batch and in file order, the subjects of ``merged.ttl`` (subject key, length of
#: its block) and the triple lines that more than one graph states, with how many (see
#: :func:`stage_dataset`); every other line of the union is stated by exactly one graph.
UnionSink = Callable[[list[tuple[str, int]], list[tuple[str, int]]], None]

#: The files :func:`write_dataset` writes, in this order.
DATASET_FILES: tuple[str, ...] = ("dataset.nq", "dataset.trig", "merged.ttl", "dataset.jsonld")


@dataclass(frozen=True)
class StagedFile:
    """A complete temporary file next to ``path``, waiting to be renamed over it by
    :func:`atomic_write_many` (large files are streamed to disk rather than held as bytes).

    Its fsync runs in the background from :func:`finish_staged` on (``synced``): the kernel
    writes a gigabyte of dataset files while the build goes on with the union, the store and the
    report, and :func:`atomic_write_many` waits for it before the first rename."""

    tmp: Path
    synced: list[Future[None]] = field(default_factory=list, compare=False, repr=False)
    #: The task writing the file, when another thread fills it (see kg.pipeline.patch).
    filling: list[Future[None]] = field(default_factory=list, compare=False, repr=False)

    def wait(self) -> None:
        """Block until the file is on disk; raises what its fsync raised."""
        self.wait_filled()
        for future in self.synced:
            future.result()

    def wait_filled(self) -> None:
        """Block until the file is complete (it may not be on disk yet): it can be read."""
        for future in self.filling:
            future.result()


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
    """What :func:`write_dataset` wrote: the paths, the number of quads and of named graphs, the
    number of triples in each graph (sorted by graph IRI) and, from :func:`stage_dataset`, each
    graph's length in bytes in dataset.nq, dataset.trig and dataset.jsonld."""

    paths: tuple[Path, ...]
    quads: int
    graphs: int
    triples_per_graph: dict[str, int]
    lengths: dict[str, tuple[int, int, int]] = field(default_factory=dict)


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_owned(path.name), suffix=".tmp")
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


_CLEANUP: list[Future[None]] = []

#: Old files at least this big are removed by a process of their own after they are replaced:
#: freeing a file's blocks is synchronous in ``rename`` and takes most of a second for a
#: gigabyte of dataset on a file system mounted with ``discard``.
_LAZY_REMOVE_BYTES = 16 << 20

# What the remover process runs (stdlib only, started with -I -S: no site, no kg).
_REMOVER = """
import os, shutil, sys
for path in sys.argv[1:]:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except OSError:
            pass
"""


@lru_cache(maxsize=1)
def _background() -> ThreadPoolExecutor:
    """Threads for fsyncs and the removal of replaced files (the work is in the kernel: the GIL
    is released). Not daemons: the interpreter waits for them before it exits. Eight: the four
    dataset files' fsyncs must not hold back the report's writes."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="kg-io")


def in_background(task: Callable[..., _T], *args: object) -> Future[_T]:
    """Run ``task(*args)`` in the background I/O threads (for work done in the kernel)."""
    return _background().submit(task, *args)


def _owned(name: str) -> str:
    """The hidden name of a temporary file of this process (its PID inside, see
    :func:`remove_stale_temporaries`)."""
    return f".{name}.pid{os.getpid()}."


_OWNER = re.compile(r"^\..*?\.pid(\d+)\.")


def _trash_name(path: Path) -> Path:
    return path.parent / f"{_owned(path.name)}old-{time.time_ns()}"


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files and old copies that a killed build left in ``folder``: the
    process named in them is gone (a build still running keeps its own)."""
    try:
        names = [p for p in Path(folder).iterdir() if p.name.startswith(".") and p.is_file()]
    except OSError:
        return
    for path in names:
        owner = _OWNER.match(path.name)
        if owner and int(owner.group(1)) != os.getpid() and not _alive(int(owner.group(1))):
            path.unlink(missing_ok=True)


_LOCK_NAME = ".kg-build.lock"


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder's build lock: a second ``kg build`` into the same folder at the same
    time fails at once instead of interleaving its renames, cache and store with the first.

    An advisory ``flock`` on a hidden file: the kernel releases it when the process ends, however
    it ends, so a killed build never leaves the folder locked. Where ``fcntl`` does not exist the
    build runs unlocked."""
    try:
        import fcntl
    except ImportError:       # pragma: no cover - not POSIX
        yield
        return
    path = Path(folder) / _LOCK_NAME
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            raise OutputError(f"{folder}: another kg build is writing this folder"
                              f"{f' (process {holder})' if holder else ''}; wait for it or use another --out") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def remove_detached(paths: Sequence[Path]) -> None:
    """Remove files and folders that nothing reads any more (replaced dataset files, old store
    generations) in a process of their own, which may outlive this one.

    Notes
    -----
    Freeing a gigabyte takes 0.5-0.7 s on a disk mounted with ``discard``: a rebuild returns
    without waiting for it, as ``bazel clean --async`` does. What a killed remover leaves has
    this process's PID in its name and is removed by the next build
    (:func:`remove_stale_temporaries`; old store generations by the next store update). Where no
    process can be started, a background thread removes them, and :func:`wait_for_cleanup`
    waits for it.
    """
    if not paths:
        return
    try:
        subprocess.Popen([sys.executable, "-I", "-S", "-c", _REMOVER, *map(str, paths)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError as exc:
        log.debug("no remover process (%s): removing in a thread", exc)
        _CLEANUP.append(_background().submit(_remove_all, list(paths)))


def wait_for_cleanup() -> None:
    """Wait until what a background thread removes is gone (the end of a build; see
    :func:`remove_detached`)."""
    while _CLEANUP:
        _CLEANUP.pop().result()


def atomic_write_many(files: Mapping[Path, bytes | str | StagedFile]) -> None:
    """Write several files so that either all are replaced or none is.

    Notes
    -----
    All temporary files are written and fsynced before the first rename; if anything fails
    before then, the temporary files are removed and the old files stay whole. The renames
    themselves cannot fail half-way for a reason the writer controls (same folder, same file
    system), so a killed build leaves at worst a mix of whole old and whole new files. A big old
    file is kept under a hidden name by a hard link during its rename and removed afterwards by
    a process of its own (see :func:`remove_detached`).
    """
    staged = {Path(path): data for path, data in files.items() if isinstance(data, StagedFile)}
    temps: list[tuple[Path, Path]] = [(data.tmp, path) for path, data in staged.items()]
    trash: list[Path] = []
    try:
        # each file is written and fsynced in a thread of its own: their fsyncs wait together
        writes = [(Path(path), in_background(_write_temp, Path(path), data.encode("utf-8") if isinstance(data, str)
                                             else data))
                  for path, data in files.items() if not isinstance(data, StagedFile)]
        wait_all([write for _path, write in writes])     # all of them, so that none is left behind
        temps.extend((write.result(), path) for path, write in writes if write.exception() is None)
        for _path, write in writes:
            write.result()          # raises what a write raised
        for item in staged.values():
            item.wait()
        for tmp, path in temps:
            old = _trash_name(path)
            try:
                if path.stat().st_size >= _LAZY_REMOVE_BYTES:
                    os.link(path, old)
                    trash.append(old)
            except OSError:     # no old file, or no hard links here: the rename frees it
                pass
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in temps:
            tmp.unlink(missing_ok=True)
        _remove_all(trash)
        raise
    for folder in sorted({p.parent for _t, p in temps}):
        _fsync_dir(folder)
    if trash:
        remove_detached(trash)
    for folder in sorted({p.parent for _t, p in temps}):
        remove_stale_temporaries(folder)


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
def _header(fmt: str, prefixes: tuple[tuple[str, str], ...]) -> bytes:
    sample = serialize_nquads("<urn:kg:s> <urn:kg:p> <urn:kg:o> <urn:kg:g> .\n", fmt, dict(prefixes))
    return sample[: len(sample) - len(_strip_prefix_lines(sample))]


def trig_header(prefixes: Mapping[str, str]) -> bytes:
    """The prefix lines that open ``dataset.trig`` (each graph's chunk comes without them)."""
    return _header("trig", tuple(sorted(prefixes.items())))


def turtle_header(prefixes: Mapping[str, str]) -> bytes:
    """The prefix lines that open ``merged.ttl``."""
    return _header("ttl", tuple(sorted(prefixes.items())))


def graph_chunk(graph: ArticleGraph, prefixes: dict[str, str] = PREFIXES) -> GraphChunk:
    """Serialise one graph for every dataset file (see :class:`GraphChunk`).

    Raises
    ------
    ValueError
        When a line is not in the graph named by ``graph.iri``.
    """
    lines = sorted(_collect([graph])[graph.iri])
    text = "".join(lines)
    trig, jsonld = serialize_nquads_as(text, ("trig", "jsonld"), prefixes)
    trig, jsonld = _strip_prefix_lines(trig), jsonld.strip()
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


def triple_lines(iri: str, nquads: bytes) -> list[str]:
    """The lines of one graph's N-Quads as N-Triples lines (the graph term dropped)."""
    cut = len(f" <{iri}> .\n")
    return [line[:-cut] + " .\n" for line in nquads.decode("utf-8").splitlines(keepends=True)]


def _triples_of(chunk: GraphChunk) -> list[str]:
    return triple_lines(chunk.iri, chunk.nquads)


def subject_key(line: str) -> str:
    """The subject of an N-Triples line and the space after it: lines sort by it, subject first."""
    return line[: line.index(" ") + 1]


# A subject's block in oxigraph's Turtle starts a line; its other lines start with a tab, and
# literals are written on one line (newlines escaped), so a block starts after every newline
# that is not followed by a tab.
_BLOCK_START = re.compile(rb"\n(?!\t)")


def turtle_blocks(groups: Iterable[tuple[str, Sequence[str], _T]], prefixes: Mapping[str, str],
                  batch: int = 50_000) -> Iterator[tuple[str, _T, bytes]]:
    """Each subject's Turtle block as ``merged.ttl`` has it: (key, payload, block bytes).

    Parameters
    ----------
    groups
        (subject key, the subject's sorted unique triple lines, any payload), sorted by key.
    batch
        Lines serialised per call to Oxigraph.

    Notes
    -----
    The concatenation of the blocks after :func:`turtle_header` is byte for byte the Turtle of
    all the lines at once: a block depends on its subject's triples only. This is what lets an
    incremental build re-serialise only the subjects whose triples changed.
    """
    header = turtle_header(prefixes)
    pending: list[tuple[str, Sequence[str], _T]] = []
    size = 0

    def flush() -> Iterator[tuple[str, _T, bytes]]:
        text = "".join(line for _k, lines, _p in pending for line in lines)
        data = convert_rdf(text.encode("utf-8"), "nt", "ttl", dict(prefixes))
        if not data.startswith(header):
            raise ValueError("unexpected Turtle header from the serialiser")
        starts = [len(header)] + [m.end() for m in _BLOCK_START.finditer(data, len(header), len(data) - 1)]
        if len(starts) != len(pending):
            raise ValueError(f"{len(starts)} Turtle blocks for {len(pending)} subjects")
        ends = starts[1:] + [len(data)]
        for (key, _lines, payload), a, b in zip(pending, starts, ends, strict=True):
            yield key, payload, data[a:b]

    for key, lines, payload in groups:
        if not lines:
            continue
        pending.append((key, lines, payload))
        size += len(lines)
        if size >= batch:
            yield from flush()
            pending, size = [], 0
    if pending:
        yield from flush()


class _TripleRuns:
    """External sort of triple lines, counting how many graphs state each one: sorted runs on
    disk, merged lazily.

    Notes
    -----
    ``merged.ttl`` is the union of every graph: a person's label stated in 2,000 articles is one
    triple (with a count of 2,000, which an incremental build decrements when an article goes).
    A table of every triple of 100,000 articles does not fit in a bounded memory, so lines are
    counted up to ``budget`` characters, sorted and written as a run (``line NUL count``; NUL
    cannot occur in an N-Triples line); the runs are then merged (``heapq.merge``) and the
    counts of equal lines summed on the way out.
    """

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget
        self.pending: Counter[str] = Counter()
        self.size = 0
        self.runs: list[Path] = []

    def add(self, lines: list[str]) -> None:
        self.pending.update(lines)      # counted in C; a graph's lines are unique already
        self.size += sum(map(len, lines))   # repeated lines counted again: spills a little early
        if self.size >= self.budget:
            self._spill()

    def _spill(self) -> None:
        fd, name = tempfile.mkstemp(dir=self.folder, prefix=_owned("merged-run"), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(f"{line[:-1]}\0{n}\n" for line, n in sorted(self.pending.items()))
        self.runs.append(Path(name))
        self.pending = Counter()
        self.size = 0

    def sorted_counted(self) -> Iterator[tuple[str, int]]:
        """(line, count) of every distinct line, sorted."""
        if not self.runs:
            yield from sorted(self.pending.items())
            return
        if self.pending:
            self._spill()
        handles = [run.open(encoding="utf-8", newline="") for run in self.runs]
        try:
            last, total = None, 0
            for row in heapq.merge(*handles):
                cut = row.rindex("\0")
                line = row[:cut] + "\n"
                if line != last:
                    if last is not None:
                        yield last, total
                    last, total = line, 0
                total += int(row[cut + 1:])
            if last is not None:
                yield last, total
        finally:
            for fh in handles:
                fh.close()

    def close(self) -> None:
        for run in self.runs:
            run.unlink(missing_ok=True)
        self.runs = []


def _by_subject(counted: Iterator[tuple[str, int]]) -> Iterator[tuple[str, list[str], list[tuple[str, int]]]]:
    """Sorted counted lines grouped by subject: (key, lines, the lines stated more than once)."""
    key = ""
    lines: list[str] = []
    shared: list[tuple[str, int]] = []
    for line, n in counted:
        k = line[: line.index(" ") + 1]         # subject_key(), inlined: a call per line counts here
        if k != key:
            if lines:
                yield key, lines, shared
            key, lines, shared = k, [], []
        lines.append(line)
        if n > 1:
            shared.append((line, n))
    if lines:
        yield key, lines, shared


def _write_union(runs: _TripleRuns, out: BinaryIO, prefixes: Mapping[str, str], sink: UnionSink | None,
                 batch: int = 50_000) -> None:
    """``merged.ttl``: the header, then each subject's block; subjects and shared lines to ``sink``."""
    subjects: list[tuple[str, int]] = []
    shared: list[tuple[str, int]] = []
    first = True
    groups = ((key, lines, many) for key, lines, many in _by_subject(runs.sorted_counted()))
    for key, many, block in turtle_blocks(groups, prefixes):
        if first:
            out.write(turtle_header(prefixes))
            first = False
        out.write(block)
        if sink is not None:
            subjects.append((key, len(block)))
            shared.extend(many)
            if len(subjects) >= batch:
                sink(subjects, shared)
                subjects, shared = [], []
    if sink is not None and subjects:
        sink(subjects, shared)


def _new_temp(path: Path) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_owned(path.name), suffix=".partial" + path.suffix)
    os.chmod(tmp, _file_mode(path))
    return fd, Path(tmp)


def open_staged(path: Path) -> tuple[BinaryIO, StagedFile]:
    """A new temporary file next to ``path`` (buffered), to be finished by :func:`finish_staged`."""
    fd, tmp = _new_temp(Path(path))
    return os.fdopen(fd, "wb", buffering=1 << 20), StagedFile(tmp)


def _sync_and_close(fh: BinaryIO) -> None:
    try:
        os.fsync(fh.fileno())
    finally:
        fh.close()


def finish_staged(fh: BinaryIO, staged: StagedFile) -> None:
    """Flush a file from :func:`open_staged`; its fsync and close run in the background."""
    fh.flush()
    staged.synced.append(_background().submit(_sync_and_close, fh))


def discard_staged(staged: Mapping[Path, StagedFile]) -> None:
    """Remove staged temporary files that will not be committed (a failed build)."""
    for item in staged.values():
        try:
            item.wait()
        except OSError:
            pass
        item.tmp.unlink(missing_ok=True)


def stage_dataset(
    chunks: Iterable[GraphChunk], out_dir: Path, prefixes: dict[str, str] = PREFIXES,
    sort_budget: int = 64 << 20, union_sink: UnionSink | None = None,
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
    union_sink
        Given the counted union triples and the subject block lengths of ``merged.ttl`` (what an
        incremental build needs to patch it; see :data:`UnionSink`).

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
    finished: set[int] = set()
    runs = _TripleRuns(out_dir, sort_budget)
    per_graph: dict[str, int] = {}
    lengths: dict[str, tuple[int, int, int]] = {}
    quads = 0
    try:
        for path in paths:
            fh, staged[path] = open_staged(path)
            handles.append(fh)
        nq, trig, ttl, jsonld = handles
        header = trig_header(prefixes)
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
            lengths[chunk.iri] = (len(chunk.nquads), len(chunk.trig), len(chunk.jsonld))
            quads += chunk.triples
        jsonld.write(b"]")
        for path, fh in zip(paths, handles, strict=True):
            if fh is not ttl:           # on its way to disk while the union is written
                finish_staged(fh, staged[path])
                finished.add(id(fh))
        _write_union(runs, ttl, prefixes, union_sink)
        finish_staged(ttl, staged[paths[DATASET_FILES.index("merged.ttl")]])
        finished.add(id(ttl))
    except BaseException:
        for fh in handles:
            if id(fh) not in finished:  # the others are closed by their fsync
                fh.close()
        discard_staged(staged)
        raise
    finally:
        runs.close()
    log.info("staged %d quads in %d graphs", quads, len(per_graph))
    return staged, DatasetFiles(paths=tuple(paths), quads=quads, graphs=len(per_graph),
                                triples_per_graph=dict(sorted(per_graph.items())), lengths=lengths)


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
    header = trig_header(prefixes) if chunks else b""
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
