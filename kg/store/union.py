"""The union of a dataset's named graphs as an N-Triples stream, read straight from N-Quads text.

Notes
-----
The store keeps a set-valued copy of every article graph in the default graph (see
``DatasetStore.materialise_union``). Copying it quad by quad through Python costs about
50 µs a quad; dropping the graph term from each N-Quads line and handing the text to Oxigraph's
bulk loader costs about 1 µs a line, and the loader removes the duplicates. Lines repeated within
a window (a person's label stated in many articles) are dropped here already, which spares the
loader work without holding the whole dataset in memory.

:class:`UnionReader` assumes what ``kg build`` writes: every line is a quad of a named graph. A
line without a graph would lose its object; the loader then reports a syntax error and the caller
falls back to :class:`ExactUnionReader`, which parses each line's terms.
"""
from __future__ import annotations

import io
from pathlib import Path

__all__ = ["ExactUnionReader", "UnionReader", "has_blank_node", "strip_graph_exact"]

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


class UnionReader(io.RawIOBase):
    """A binary stream of N-Triples: the lines of an N-Quads file without their graph term."""

    def __init__(self, path: Path, exact: bool = False) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._exact = exact
        self._chunk = memoryview(b"")
        self._pos = 0
        self._seen: set[bytes] = set()
        self.lines = 0
        self.blank_lines = 0

    def readable(self) -> bool:
        return True

    def _strip(self, lines: list[bytes]) -> list[bytes]:
        # Blank nodes are relabelled by every bulk load: their triples are copied from the
        # store instead (``DatasetStore.load_union``), so that the union shares their nodes.
        kept = [ln for ln in lines if not has_blank_node(ln)]
        self.blank_lines += len(lines) - len(kept)
        lines = kept
        if self._exact:
            return [t for t in map(strip_graph_exact, lines) if t is not None]
        return [ln[: ln.rfind(b" ", 0, len(ln) - 3)] + b" .\n" for ln in lines if len(ln) > 3]

    def _next(self) -> bool:
        lines = self._file.readlines(_CHUNK)
        if not lines:
            return False
        self.lines += len(lines)
        if len(self._seen) > _WINDOW:
            self._seen.clear()
        seen, out = self._seen, []
        for t in self._strip(lines):
            if t not in seen:
                seen.add(t)
                out.append(t)
        self._chunk = memoryview(b"".join(out))
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


class ExactUnionReader(UnionReader):
    """:class:`UnionReader` for any N-Quads file (default-graph triples and comments allowed)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, exact=True)
