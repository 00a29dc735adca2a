"""Big dataset files cut into slices that each parse on their own, for bounded-memory bulk loads.

Notes
-----
The memory of Oxigraph's bulk loader grows with the bytes of one call (1.4 GB for the 441 MB of
``dataset.nq`` at 10,000 articles): loading the 4.4 GB ``dataset.nq`` of 100,000 articles in one
call took the build past 2 GiB, and the 1.4 GB ``merged.ttl`` alone peaked at 2.1 GB. Loading a file as several calls of ``SLICE_BYTES`` each keeps the
peak bounded whatever the corpus size; a store is a set, so where the slices fall does not
change its content.

A slice ends at a statement boundary:

- N-Quads and N-Triples: the end of a line;
- ``merged.ttl`` as ``kg build`` writes it: the end of a subject's block, the only lines that end
  with `` .`` (literals keep their line breaks escaped). Each block stands alone after the
  ``@prefix`` lines (see :func:`kg.outputs.files.turtle_blocks`), so every slice starts with
  those lines. Any other Turtle file must be loaded whole.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["SLICE_BYTES", "WHOLE_BYTES", "SliceReader", "slices"]

#: Bytes of a file per bulk-load call. In 256 MB slices the store of 100k articles still peaked
#: at 1.7 GB (the parent of a build holds about 0.6 GB more); each call costs a little time.
SLICE_BYTES = 128 << 20
#: Files up to this size load in one call (about 1.4 GB in the loader for the 441 MB of 10k
#: articles, and faster: 34 s against 44 s in slices).
WHOLE_BYTES = 512 << 20


class SliceReader(io.RawIOBase):
    """A binary stream of ``preamble``, then about ``limit`` bytes of ``source`` from its current
    position, continued to the next statement boundary."""

    def __init__(self, source: BinaryIO, limit: int, blocks: bool, preamble: bytes = b"") -> None:
        super().__init__()
        self._source = source
        self._left = limit
        self._blocks = blocks
        self._pending = memoryview(preamble)
        self._done = False

    def readable(self) -> bool:
        return True

    def _tail(self) -> bytes:
        """The rest of the statement the limit fell in."""
        if not self._blocks:
            return self._source.readline()
        parts = []
        while line := self._source.readline():
            parts.append(line)
            if line.endswith(b" .\n"):    # a subject's block ends its last line with " ."
                break
        return b"".join(parts)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self._pending:
            if self._left > 0:
                self._pending = memoryview(self._source.read(min(len(buffer), self._left)))
                self._left -= len(self._pending)
                if not self._pending:
                    return 0
            elif not self._done:
                self._done = True
                self._pending = memoryview(self._tail())
            if not self._pending:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _prefix_lines(source: BinaryIO) -> bytes:
    """The ``@prefix`` lines that open a Turtle file (read from its start)."""
    lines = []
    while True:
        at = source.tell()
        line = source.readline()
        if not line.startswith(b"@prefix "):
            source.seek(at)
            return b"".join(lines)
        lines.append(line)


def slices(path: Path, blocks: bool = False, limit: int = SLICE_BYTES,
           whole: int = WHOLE_BYTES) -> Iterator[io.BufferedReader]:
    """Readers over consecutive slices of ``path`` that together cover it (see the module notes):
    one reader when the file is at most ``whole`` bytes.

    ``blocks`` is for ``merged.ttl`` as ``kg build`` writes it; without it, the file must have
    one statement per line."""
    size = Path(path).stat().st_size
    if size <= whole:
        limit = size
    with open(path, "rb") as source:
        header = _prefix_lines(source) if blocks else b""   # read once, given to every slice
        while True:
            # the caller reads each slice to its end before asking for the next
            yield io.BufferedReader(SliceReader(source, limit, blocks, header), buffer_size=1 << 20)
            if source.tell() >= size:
                return
