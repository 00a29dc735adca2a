"""Patch the dataset files of the last build: unchanged byte ranges copied, changed parts spliced in.

Notes
-----
``dataset.nq``, ``dataset.trig`` and ``dataset.jsonld`` are a header, the graphs' chunks in IRI
order (JSON-LD with a comma between them) and a footer; the build cache knows each graph's
length in each file, so the old offsets follow by summing. A new file is the new header, then,
in IRI order, runs of unchanged graphs copied from the old file in one ``copy_file_range`` each
(the kernel copies; nothing goes through Python) and the changed graphs' new bytes.

``merged.ttl`` is a header and one block per subject of the union. The changed graphs' old lines
(read back from the old ``dataset.nq``) and new lines change how many graphs state each triple:
the cache counts the triples stated by several graphs, and a triple in a subject's old block
(parsed back: our N-Triples lines are Oxigraph's canonical form) that is not counted there is
stated by one graph. A subject is re-serialised only when one of its triples appeared (0 -> 1)
or vanished (1 -> 0), and its new block replaces the old one in the same way.
"""
from __future__ import annotations

import os
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO

from kg.outputs.files import (
    DatasetFiles,
    GraphChunk,
    StagedFile,
    discard_staged,
    finish_staged,
    in_background,
    open_staged,
    subject_key,
    trig_header,
    triple_lines,
    turtle_blocks,
    turtle_header,
)
from kg.pipeline.cache import BuildCache, GraphSpan
from kg.store import convert_rdf

__all__ = ["PatchRefused", "PrefixCopies", "old_layout", "patch_dataset"]

_BLOCK = 8 << 20


def _copy_range(src: int, dst: BinaryIO, offset: int, length: int) -> None:
    """Append ``length`` bytes of ``src`` from ``offset`` to ``dst``."""
    dst.flush()
    fd = dst.fileno()
    while length > 0:
        try:
            n = os.copy_file_range(src, fd, length, offset)
        except (AttributeError, OSError):   # not Linux, or a file system that refuses it
            n = os.write(fd, os.pread(src, min(length, _BLOCK), offset))
        if n <= 0:
            raise OSError(f"the old dataset file ended {length} bytes early")
        offset += n
        length -= n


def _splice(src: int, dst: BinaryIO, header: bytes, sep: bytes, footer: bytes, order: Sequence[str],
            old: Mapping[str, tuple[int, int]], new: Mapping[str, bytes]) -> None:
    """Write header, the elements of ``order`` (old ranges or new bytes) joined by ``sep``, footer."""
    dst.write(header)
    run: list[int] = []          # [start, end] of the pending old range
    first = True
    for key in order:
        data = new.get(key)
        if data is None:
            off, length = old[key]
            if run and run[1] + len(sep) == off:
                run[1] = off + length
                continue
            if run:
                _copy_range(src, dst, run[0], run[1] - run[0])
            if not first:
                dst.write(sep)
            run = [off, off + length]
        else:
            if run:
                _copy_range(src, dst, run[0], run[1] - run[0])
                run = []
            if not first:
                dst.write(sep)
            dst.write(data)
        first = False
    if run:
        _copy_range(src, dst, run[0], run[1] - run[0])
    dst.write(footer)


def _splice_file(path: Path, fh: BinaryIO, staged: StagedFile, header: bytes, sep: bytes, footer: bytes,
                 old: Mapping[str, tuple[int, int]], new: Mapping[str, bytes], order: Sequence[str],
                 copied: threading.Barrier) -> None:
    """:func:`_splice` from the old file at ``path`` into a staged file, which is then finished."""
    try:
        with open(path, "rb") as src:
            _splice(src.fileno(), fh, header, sep, footer, order, old, new)
    finally:
        _meet(copied)
        finish_staged(fh, staged)


def _meet(copied: threading.Barrier) -> None:
    """Wait for the other copies of a patch (see :func:`patch_dataset`); a failed patch breaks
    the barrier, and the time limit keeps a lost party from stopping the build."""
    try:
        copied.wait(60)
    except threading.BrokenBarrierError:
        pass


def _offsets(keys: Sequence[str], lengths: Sequence[int], header: int, sep: int) -> dict[str, tuple[int, int]]:
    if not keys:
        return {}
    starts = accumulate((length + sep for length in lengths[:-1]), initial=header)
    return {k: (start, length) for k, start, length in zip(keys, starts, lengths, strict=True)}


def _union_delta(nq_fd: int, old_nq: Mapping[str, tuple[int, int]], changed: Mapping[str, GraphChunk],
                 removed: set[str]) -> dict[str, int]:
    delta: dict[str, int] = defaultdict(int)
    for iri in sorted(set(changed) | removed):
        if iri in old_nq:
            off, length = old_nq[iri]
            for line in triple_lines(iri, os.pread(nq_fd, length, off)):
                delta[line] -= 1
        if iri in changed:
            for line in triple_lines(iri, changed[iri].nquads):
                delta[line] += 1
    return delta


class PatchRefused(ValueError):
    """The old files cannot be patched safely (blank nodes, counts that do not add up): write anew."""


def _old_lines(ttl_fd: int, spans: _Spans, keys: Sequence[str], prefixes: Mapping[str, str]) -> dict[str, set[str]]:
    """The triple lines of each subject of ``keys`` in the old ``merged.ttl``, parsed from its block."""
    blocks = []
    for key in keys:
        i = spans.index(key)
        if i is not None:
            blocks.append(os.pread(ttl_fd, spans.lengths[i], spans.starts[i]))
    out: dict[str, set[str]] = defaultdict(set)
    if blocks:
        text = convert_rdf(turtle_header(prefixes) + b"".join(blocks), "ttl", "nt").decode("utf-8")
        for line in text.splitlines(keepends=True):
            out[subject_key(line)].add(line)
    return out


def _new_union(ttl_fd: int, spans: _Spans, cache: BuildCache, delta: Mapping[str, int],
               prefixes: Mapping[str, str]) -> dict[str, list[str] | None]:
    """Apply ``delta`` to the union: the subjects whose triples changed, with their new sorted
    lines (None: the subject left the union). Counts of shared lines are updated in ``cache``."""
    by_subject: dict[str, dict[str, int]] = defaultdict(dict)
    for line, d in delta.items():
        if d:
            if "_:" in line:
                raise PatchRefused("blank nodes are relabelled when read back")
            by_subject[subject_key(line)][line] = d
    present = _old_lines(ttl_fd, spans, sorted(by_subject), prefixes)
    shared = cache.shared_counts(line for changes in by_subject.values() for line in changes)
    counts: dict[str, int] = {}
    affected: dict[str, list[str] | None] = {}
    for key, changes in sorted(by_subject.items()):
        lines = present.get(key, set())
        changed = False
        for line, d in changes.items():
            if line in shared and line not in lines:
                raise PatchRefused(f"a line counted {shared[line]} times is not in merged.ttl: {line[:200]!r}")
            before = shared.get(line, 1 if line in lines else 0)
            after = before + d
            if after < 0:
                raise PatchRefused(f"union count below zero for {line[:200]!r}")
            counts[line] = after
            if (before == 0) != (after == 0):
                changed = True
                (lines.add if after else lines.discard)(line)
        if changed:
            affected[key] = sorted(lines) or None
    cache.set_shared_counts(counts)
    return affected


class _Spans:
    """The subjects of the old ``merged.ttl`` in file order, each block's length and offset."""

    def __init__(self, keys: list[str], lengths: list[int], header: int) -> None:
        self.keys = keys
        self.lengths = lengths
        self.starts = list(accumulate(lengths, initial=header))    # the last one is the end

    def index(self, key: str) -> int | None:
        i = bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else None


def _patch_union(ttl_fd: int, dst: BinaryIO, cache: BuildCache, spans: _Spans,
                 affected: Mapping[str, list[str] | None], prefixes: Mapping[str, str]) -> None:
    """``merged.ttl`` with the blocks of the ``affected`` subjects made anew."""
    keys, starts = spans.keys, spans.starts
    blocks = {key: block for key, _p, block in turtle_blocks(
        ((k, lines, None) for k, lines in sorted(affected.items()) if lines), prefixes)}
    # runs [i, j) of old subjects kept as they are, and new blocks between them
    parts: list[tuple[int, int] | bytes] = []
    at = 0
    for key in sorted(affected):
        i = bisect_left(keys, key, at)
        if i > at:
            parts.append((at, i))
        if key in blocks:
            parts.append(blocks[key])
        at = i + 1 if i < len(keys) and keys[i] == key else i
    if at < len(keys):
        parts.append((at, len(keys)))
    if parts:
        dst.write(turtle_header(prefixes))
    for part in parts:
        if isinstance(part, bytes):
            dst.write(part)
        else:
            _copy_range(ttl_fd, dst, starts[part[0]], starts[part[1]] - starts[part[0]])
    cache.update_subject_spans({k: len(blocks[k]) if k in blocks else None for k in affected})


def old_layout(previous: Mapping[str, GraphSpan], prefixes: Mapping[str, str]
               ) -> dict[str, dict[str, tuple[int, int]]]:
    """Where each graph of ``previous`` is in each of the three chunked files: (offset, length)."""
    keys = sorted(previous)
    return {name: _offsets(keys, [getattr(previous[k], which) for k in keys], len(header), len(sep))
            for name, (which, header, sep, _footer) in _layouts(prefixes).items()}


def _layouts(prefixes: Mapping[str, str]) -> dict[str, tuple[str, bytes, bytes, bytes]]:
    """The three files of graph chunks: which length of a :class:`GraphSpan`, header, separator, footer."""
    return {"dataset.nq": ("nq", b"", b"", b""),
            "dataset.trig": ("trig", trig_header(prefixes), b"", b""),
            "dataset.jsonld": ("jsonld", b"[", b",", b"]")}


class PrefixCopies:
    """The start of each old dataset file, copied into a staged file before the new graphs are known.

    Notes
    -----
    A rebuild with a few new or changed articles spends about 2 s extracting them (mostly
    importing spaCy), and then about as long writing the new files, most of it flushing a
    gigabyte of copied bytes to disk. The graphs before the first one that can change are known
    once the inputs are read: copying them then lets the disk work during the extraction. The
    guess is checked when the new graphs are known (:meth:`take`): a corpus merge can change an
    earlier graph, and the copy is then discarded.
    """

    def __init__(self, out_dir: Path, previous: Mapping[str, GraphSpan], prefixes: Mapping[str, str],
                 first: str) -> None:
        """Start copying, in the background, the graphs of ``previous`` before ``first``, the
        first graph IRI that the build may change."""
        self.keys = sorted(previous)
        self.count = bisect_left(self.keys, first)
        self._files: dict[Path, tuple[BinaryIO, StagedFile]] = {}
        if self.count == 0:
            return
        for name, (which, header, sep, _footer) in _layouts(prefixes).items():
            path = Path(out_dir) / name
            # to the end of the last graph copied: the separator after it (JSON-LD's comma) is
            # written with the next graph, and the last old graph has none
            copied = self.keys[:self.count]
            start, length = _offsets(copied, [getattr(previous[k], which) for k in copied], len(header),
                                     len(sep))[copied[-1]]
            size = start + length
            fh, staged = open_staged(path)
            self._files[path] = (fh, staged)
            staged.filling.append(in_background(_copy_start, path, fh, size))

    def take(self, path: Path, present: Sequence[str], changed: Mapping[str, object]
             ) -> tuple[BinaryIO, StagedFile, int] | None:
        """The staged file of ``path`` holding the old start, and how many graphs of ``present``
        it holds; None when the new file does not start with those graphs unchanged."""
        held = self._files.get(path)
        n = self.count
        if held is None or len(present) <= n or list(present[:n]) != self.keys[:n]:
            return None
        if any(k in changed for k in self.keys[:n]):
            return None
        del self._files[path]
        fh, staged = held
        staged.wait_filled()
        staged.filling.clear()
        return fh, staged, n

    def discard(self) -> None:
        """Remove the copies that were not taken."""
        for fh, staged in self._files.values():
            try:
                staged.wait_filled()
            except OSError:
                pass
            fh.close()
            staged.tmp.unlink(missing_ok=True)
        self._files.clear()


def _copy_start(path: Path, fh: BinaryIO, size: int) -> None:
    with open(path, "rb") as src:
        _copy_range(src.fileno(), fh, 0, size)
    # to disk now, during the extraction: the kernel would hold these pages for up to 30 s, and
    # the commit's fsync would then write them after the extraction
    getattr(os, "fdatasync", os.fsync)(fh.fileno())


def patch_dataset(
    out_dir: Path, present: Sequence[str], previous: Mapping[str, GraphSpan], changed: Mapping[str, GraphChunk],
    removed: set[str], cache: BuildCache, prefixes: Mapping[str, str], early: PrefixCopies | None = None,
    subjects: Future[tuple[list[str], list[int]]] | None = None,
    offsets: Future[dict[str, dict[str, tuple[int, int]]]] | None = None,
    first: Future[object] | None = None,
) -> tuple[dict[Path, StagedFile], DatasetFiles]:
    """Stage the four dataset files of ``present`` graphs from the old files and ``changed`` chunks.

    Parameters
    ----------
    present
        The graphs of the new dataset in IRI order; those not in ``changed`` are copied.
    previous
        Every graph of the old files with its lengths (:meth:`BuildCache.graph_spans`).
    removed
        Graphs of the old files that are gone.
    early
        The starts of the old files, copied while the articles were extracted: taken where they
        hold the same graphs as the new files' starts (the caller discards the others).
    subjects, offsets
        :meth:`BuildCache.subject_spans` and :func:`old_layout`, when they were made ahead.
    first
        Work whose own writes should reach the disk before the files are flushed (the store's
        update): their fsyncs wait for it.

    Returns
    -------
    tuple
        The staged files (commit them with :func:`kg.outputs.files.atomic_write_many`) and what
        they hold. The union counts and subject spans in ``cache`` are updated already. The
        copies into the files may still run: :meth:`StagedFile.wait_filled` before reading one.
    """
    out_dir = Path(out_dir)
    old_offsets = offsets.result() if offsets is not None else old_layout(previous, prefixes)
    staged: dict[Path, StagedFile] = {}
    # The fsyncs start once the four files are copied: ext4 made a copy that ran beside another
    # file's fsync four times slower (375 MB in 1.7 s instead of 0.4 s). The three splices and
    # this thread (merged.ttl) meet here before their fsyncs.
    copied = threading.Barrier(len(_layouts(prefixes)) + 1)
    try:
        jobs = []
        for name, (which, header, sep, footer) in _layouts(prefixes).items():
            where = old_offsets[name]
            if name == "dataset.nq":
                old_nq = where
            new = {iri: getattr(c, "nquads" if which == "nq" else which) for iri, c in changed.items()}
            path = out_dir / name
            start = early.take(path, present, changed) if early is not None else None
            if start is not None:
                # the old file's first graphs are in the staged file already, up to the end of the
                # last one: the rest starts with a separator
                fh, staged[path], done = start
                jobs.append((path, fh, staged[path], sep, sep, footer, where, new, present[done:]))
                continue
            fh, staged[path] = open_staged(path)
            # TriG has no header without a graph; the JSON-LD array always has its brackets
            jobs.append((path, fh, staged[path], header if present or sep else b"", sep, footer, where, new,
                         present))
        # The three copies run in threads of their own (the kernel copies, without the GIL) while
        # this thread patches merged.ttl, which needs the cache's SQLite connection, and the build
        # goes on with the store; the commit waits for each file's ``filling`` and then its fsync.
        copies = ThreadPoolExecutor(len(jobs), thread_name_prefix="kg-splice")
        try:
            for job in jobs:
                job[2].filling.append(copies.submit(_splice_file, *job, copied))
        finally:
            copies.shutdown(wait=False)
        with open(out_dir / "dataset.nq", "rb") as nq:
            delta = _union_delta(nq.fileno(), old_nq, changed, removed)
        path = out_dir / "merged.ttl"
        keys, lengths = subjects.result() if subjects is not None else cache.subject_spans()
        spans = _Spans(keys, lengths, len(turtle_header(prefixes)))
        with open(path, "rb") as src:
            affected = _new_union(src.fileno(), spans, cache, delta, prefixes)
            fh, staged[path] = open_staged(path)
            try:
                _patch_union(src.fileno(), fh, cache, spans, affected, prefixes)
            finally:
                if first is not None:
                    wait_all([first])       # its outcome is the caller's to read
                _meet(copied)
                finish_staged(fh, staged[path])
    except BaseException:
        copied.abort()      # the splices wait there no longer
        discard_staged(staged)
        raise
    triples = {iri: changed[iri].triples if iri in changed else previous[iri].triples for iri in present}
    files = DatasetFiles(paths=tuple(out_dir / n for n in ("dataset.nq", "dataset.trig", "merged.ttl",
                                                           "dataset.jsonld")),
                         quads=sum(triples.values()), graphs=len(triples), triples_per_graph=triples)
    return staged, files
