"""The union of a dataset's named graphs as text for Oxigraph's bulk loader, read from N-Quads.

Notes
-----
The store keeps a set-valued copy of every article graph in the default graph (see
``DatasetStore.materialise_union``). Copying it quad by quad through Python costs about
50 µs a quad; dropping the graph term from each N-Quads line and handing the text to Oxigraph's
bulk loader costs about 1 µs a line, and the loader removes the duplicates. Lines repeated within
a window (a person's label stated in many articles) are dropped here already, which spares the
loader work without holding the whole dataset in memory.

:class:`DatasetReader` streams each chunk of quads followed by its union lines (N-Quads lines
without a graph term are default-graph triples), so that one bulk load writes the named graphs
and the union together: the file is read once, and each batch of the loader stores the terms it
shares between a quad and its union triple once. Blank nodes need no special care there: one
document, so ``_:b`` in a quad and in its union triple is the same node.

The fast strip assumes what ``kg build`` writes: every line is a quad of a named graph. A line
without a graph would lose its object; the loader then reports a syntax error and the caller
loads again with ``exact=True``, which parses each line's terms.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

__all__ = ["DatasetReader", "ExactUnionReader", "UnionReader", "count_statements", "has_blank_node",
           "strip_graph_exact"]

_CHUNK = 1 << 22
_WINDOW = 2_000_000


def has_blank_node(line: bytes) -> bool:
    """True when the subject or object of an N-Quads line is a blank node (its graph does not count)."""
    if b"_:" not in line:
        return False
    if line.startswith(b"_:"):
        return True
    parts = line.split(b" ", 2)
    return len(parts) == 3 and parts[2].startswith(b"_:")


def strip_graph_exact(line: bytes) -> bytes | None:
    """One N-Quads line as an N-Triples line (``None`` for comments and blank lines).

    The object is a literal exactly when the line holds a double quote (IRIs and blank node
    labels cannot); after the literal's closing quote only a language tag or datatype IRI (no
    spaces) and then the graph term can follow.
    """
    body = line.strip()
    if not body or body.startswith(b"#"):
        return None
    body = body[:-1].rstrip()
    quote = body.rfind(b'"')
    if quote < 0:
        if body.count(b" ") >= 3:
            body = body[: body.rfind(b" ")]
    else:
        space = body.find(b" ", quote)
        if space >= 0:
            body = body[:space]
    return body + b" .\n"


def _is_statement(line: bytes) -> bool:
    body = line.strip()
    return bool(body) and not body.startswith(b"#")


_OTHER_LINE = re.compile(rb"\n[#\n\r \t]")     # one scan instead of one per mark


def _has_other_lines(chunk: bytes) -> bool:
    """Whether a chunk of lines may hold comments, blank or indented lines (never in our output)."""
    return chunk[:1] in (b"#", b"\n", b"\r", b" ", b"\t") or _OTHER_LINE.search(chunk) is not None


def count_statements(path: Path) -> tuple[int, bool]:
    """The quads of an N-Quads file (lines that are neither blank nor comments), and whether it
    may hold blank nodes (``_:`` anywhere, literals included)."""
    statements, blank = 0, False
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            if not chunk.endswith(b"\n"):
                chunk += f.readline()
            statements += (sum(map(_is_statement, chunk.splitlines())) if _has_other_lines(chunk)
                           else chunk.count(b"\n") + (not chunk.endswith(b"\n")))
            blank = blank or b"_:" in chunk
    return statements, blank


class UnionReader(io.RawIOBase):
    """A binary stream of N-Triples: the lines of an N-Quads file without their graph term."""

    #: Whether the quads themselves are part of the stream (see :class:`DatasetReader`).
    keep_quads = False

    def __init__(self, path: Path, exact: bool = False) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._exact = exact
        self._chunk = memoryview(b"")
        self._pos = 0
        self._seen: set[bytes] = set()
        self.lines = 0
        self.blank_lines = 0
        self.statements = 0

    def readable(self) -> bool:
        return True

    def _triples(self, chunk: bytes) -> list[bytes]:
        """The chunk's lines without their graph term."""
        if self._exact:
            return [t.rstrip(b"\n") for t in map(strip_graph_exact, chunk.splitlines(keepends=True))
                    if t is not None]
        # Cut at the last space before the final " ." (the graph term's); a line without a graph
        # term loses its object instead and fails to parse, and the caller reads it again exactly.
        return [ln[: ln.rfind(b" ", 0, len(ln) - 2)] + b" ." for ln in chunk.split(b"\n") if len(ln) > 2]

    def _next(self) -> bool:
        chunk = self._file.read(_CHUNK)
        if not chunk:
            return False
        if not chunk.endswith(b"\n"):
            chunk += self._file.readline()
            if not chunk.endswith(b"\n"):
                chunk += b"\n"
        lines = chunk.count(b"\n")
        statements = lines
        if _has_other_lines(chunk):  # comments or blank lines: count the statements one by one
            statements = sum(map(_is_statement, chunk.splitlines()))
        triples = self._triples(chunk)
        self.lines += lines
        self.statements += statements
        if not self.keep_quads and b"_:" in chunk:
            # Blank nodes are relabelled by every bulk load: their triples are copied from the
            # store instead (``DatasetStore.load_union``), so that the union shares their nodes.
            kept = [t for t in triples if not has_blank_node(t)]
            self.blank_lines += len(triples) - len(kept)
            triples = kept
        if len(self._seen) > _WINDOW:
            self._seen.clear()
        seen = self._seen
        fresh = [t for t in dict.fromkeys(triples) if t and t not in seen]
        seen.update(fresh)
        union = b"\n".join(fresh) + b"\n" if fresh else b""
        self._chunk = memoryview(chunk + union if self.keep_quads else union)
        self._pos = 0
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._pos >= len(self._chunk):
            if not self._next():
                return 0
        n = min(len(buffer), len(self._chunk) - self._pos)
        buffer[:n] = self._chunk[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        self._file.close()
        self._seen = set()
        super().close()


class DatasetReader(UnionReader):
    """An N-Quads stream: every quad of a file, each chunk followed by its new union triples.

    ``statements`` counts the quads read (lines that are neither blank nor comments).
    """

    keep_quads = True


class ExactUnionReader(UnionReader):
    """:class:`UnionReader` for any N-Quads file (default-graph triples and comments allowed)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, exact=True)
