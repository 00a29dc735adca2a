"""The on-disk store of an output folder (``DIR/store``): atomic bulk builds and opening.

Notes
-----
``DIR/store`` is a symbolic link to one *generation* under ``DIR/.stores/``. A build bulk-loads
into a fresh temporary folder and, only when that succeeded, points the link at it with
``os.replace`` (an atomic rename on POSIX). A failed build therefore leaves the previous store in
place and usable, and a server that has the previous generation open keeps reading it: the
previous generation is kept, older ones are removed. Where symbolic links are not available the
swap falls back to two renames (a short window without a store, never a half-loaded one).
"""
from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg.errors import OutputError
from kg.store.oxigraph import FORMATS, DatasetStore, _format_of, convert_to_nquads
from kg.store.slices import WHOLE_BYTES
from kg.store.union import count_statements

__all__ = ["STORE_NAME", "StoreInfo", "build_store", "mark_store_source", "open_store", "store_dir",
           "store_matches"]

log = logging.getLogger(__name__)

STORE_NAME = "store"
_GENERATIONS = ".stores"
#: Which dataset file the current store generation holds (see :func:`mark_store_source`).
_SOURCE = "source.json"
#: Datasets bigger than this load in a process of its own (see :func:`_load_with_union_file`).
OWN_PROCESS_BYTES = 128 << 20
#: Slices of the union file when it loads alongside the quads (see :func:`_load_here`).
UNION_SLICE_BYTES = 64 << 20


@dataclass(frozen=True)
class StoreInfo:
    """What a build of ``DIR/store`` produced, and how fast."""

    path: Path
    quads: int
    graphs: int
    seconds: float

    @property
    def quads_per_s(self) -> float:
        return self.quads / self.seconds if self.seconds > 0 else 0.0


def store_dir(out_dir: Path) -> Path:
    """``DIR/store``: where ``kg build`` puts the embedded store."""
    return Path(out_dir) / STORE_NAME


def _stale(generations: Path, keep: set[Path]) -> list[Path]:
    """The generation folders (not source.json) other than ``keep``."""
    return [old for old in sorted(generations.iterdir()) if old.is_dir() and old.resolve() not in keep]


def _remove_generations(folders: list[Path]) -> None:
    for old in folders:
        shutil.rmtree(old, ignore_errors=True)
        log.debug("removed old store generation %s", old)


def _swap(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` atomically (or by two renames where links are unsupported)."""
    rel = os.path.relpath(target, link.parent)
    tmp_link = link.parent / f".{link.name}.link-{os.getpid()}"
    try:
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        os.symlink(rel, tmp_link, target_is_directory=True)
    except (OSError, NotImplementedError):
        if link.exists():
            aside = target.parent / f"old-{time.time_ns()}"
            os.replace(link, aside)
        os.replace(target, link)
        return
    if link.is_dir() and not link.is_symlink():
        # A plain folder from an older build: move it into the generations, then link.
        os.replace(link, target.parent / f"legacy-{time.time_ns()}")
    os.replace(tmp_link, link)


def _load(tmp: Path, nquads: Path) -> tuple[int, int]:
    """Bulk-load the named graphs and their union into a new store at ``tmp``; (quads, graphs).

    The fast pass assumes that every line names its graph (what ``kg build`` writes); a file
    that breaks it fails to parse, and is loaded again, line by line exactly, into a fresh store.
    """
    for exact in (False, True):
        store = DatasetStore(tmp)
        try:
            quads = store.load_with_union(nquads, exact=exact)
        except OutputError:
            del store
            gc.collect()
            shutil.rmtree(tmp, ignore_errors=True)
            if exact:
                raise
            log.debug("%s: not every line names its graph; loading it again exactly", nquads)
            continue
        store.flush()
        graphs = len(store.graphs())
        del store
        gc.collect()  # the RocksDB handle must be closed before the folder is renamed
        return quads, graphs
    raise AssertionError("unreachable")


def _load_with_union_file(tmp: Path, nquads: Path, union: Path) -> int:
    """Bulk-load the named graphs from ``nquads`` and the default graph from ``union``; the graphs.

    A dataset of more than ``OWN_PROCESS_BYTES`` loads in a process of its own: the loader's
    memory (1.7-1.9 GB at 10k articles, 1.5 GB in slices at 100k) then does not come on top of
    the build's own heap (the parent of a 10k build peaked at 2,048 MB with the load in it)."""
    if nquads.stat().st_size > OWN_PROCESS_BYTES:
        return _load_in_own_process(tmp, nquads, union)
    return _load_here(tmp, nquads, union)


_LOADER = ("import sys; from pathlib import Path; from kg.store.disk import _load_here; "
           "print(_load_here(*map(Path, sys.argv[1:4])))")


def _load_in_own_process(tmp: Path, nquads: Path, union: Path) -> int:
    """:func:`_load_here` in a new interpreter. Not multiprocessing's ``spawn``: it runs the
    caller's main script again in the child, and a script without a ``__main__`` guard then
    makes the pool start failing workers for ever."""
    import kg

    env = dict(os.environ)
    root = str(Path(kg.__file__).resolve().parents[1])      # kg as this process imported it
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    proc = subprocess.run([sys.executable, "-c", _LOADER, str(tmp), str(nquads), str(union)],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise OutputError(f"{nquads}: the store loader failed: {proc.stderr.strip()[-2000:]}")
    return int(proc.stdout.split()[-1])


def _load_here(tmp: Path, nquads: Path, union: Path) -> int:
    """:func:`_load_with_union_file` in this process; big files load in slices (in one call each,
    the union alone of 100k articles took 2.1 GB).

    A dataset loaded whole has the union loaded alongside it, in a thread: the loader keeps
    about 1.5 of 2 cores busy with the quads, and the union takes the rest (22-24 s instead of
    29-31 s at 10k articles). The union then goes in slices of ``UNION_SLICE_BYTES``, so that
    its buffers add about 0.4 GB to the quads' 1.3-1.5 GB instead of 1 GB."""
    store = DatasetStore(tmp)
    if nquads.stat().st_size <= WHOLE_BYTES:
        with ThreadPoolExecutor(1, thread_name_prefix="kg-union-load") as side:
            union_loaded = side.submit(store.load_file, union, None, lenient=True, sliced=True,
                                       slice_bytes=UNION_SLICE_BYTES)
            store.load_file(nquads, "nq", lenient=True)
            union_loaded.result()
    else:
        store.load_file(nquads, "nq", lenient=True, sliced=True)
        store.load_file(union, None, lenient=True, sliced=True)
    store.flush()
    graphs = len(store.graphs())
    del store
    gc.collect()
    return graphs


def _file_stamp(path: Path) -> dict[str, int]:
    st = Path(path).stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def mark_store_source(out_dir: Path, dataset: Path) -> None:
    """Record that the current store holds ``dataset``: its size and modification time, which a
    rename keeps (the build loads the staged file that becomes ``dataset.nq``)."""
    out_dir = Path(out_dir)
    record = {"generation": store_dir(out_dir).resolve().name, **_file_stamp(dataset)}
    target = out_dir / _GENERATIONS / _SOURCE
    tmp = target.with_name(f".{_SOURCE}.{os.getpid()}")
    tmp.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    os.replace(tmp, target)


def store_matches(out_dir: Path, dataset: Path) -> bool:
    """Whether ``DIR/store`` holds ``dataset`` as it is now. False after ``kg build --no-store``
    rewrote the dataset, after an edit of the file, or for a store of an older kg."""
    out_dir = Path(out_dir)
    try:
        record = json.loads((out_dir / _GENERATIONS / _SOURCE).read_text(encoding="utf-8"))
        stamp = _file_stamp(dataset)
    except (OSError, ValueError):
        return False
    return (isinstance(record, dict) and record.get("generation") == store_dir(out_dir).resolve().name
            and all(record.get(k) == v for k, v in stamp.items()))


def build_store(out_dir: Path, nquads: Path, union: Path | None = None, own_quads: int | None = None) -> StoreInfo:
    """Bulk-load a dataset file into ``DIR/store``, replacing the previous store atomically.

    Parameters
    ----------
    out_dir
        The output folder of a build.
    nquads
        The dataset (N-Quads, or TriG by its suffix), one named graph per article.
    union
        The union of its named graphs as triples (``merged.ttl``, written with the dataset), to
        be loaded as the default graph as it is; without it the union is made from ``nquads``.
        It is used only for an N-Quads dataset without blank nodes, whose nodes two files
        could not share.
    own_quads
        The number of quads, when ``nquads`` is ``kg build``'s own N-Quads output: the file is then
        not read once more to count them (a second at 10,000 articles), and it has no blank
        nodes (kg writes none).

    Returns
    -------
    StoreInfo
        The store's path, its size and the load time.

    Raises
    ------
    OutputError
        When the file is missing or not valid RDF; ``DIR/store`` is then left as it was.
    """
    out_dir, nquads = Path(out_dir), Path(nquads)
    if not nquads.is_file():
        raise OutputError(f"{nquads}: no such dataset file")
    fmt = nquads.suffix.lstrip(".").lower()
    _format_of(nquads, fmt)
    generations = out_dir / _GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    stamp = time.time_ns()
    tmp = generations / f"tmp-{stamp}"
    staged = generations / f"tmp-{stamp}.nq"
    started = time.monotonic()
    try:
        source = nquads
        if FORMATS[fmt] != FORMATS["nq"]:
            convert_to_nquads(nquads, fmt, staged)
            source = staged
        if union is None:
            quads, blank = 0, True
        elif own_quads is not None and source == nquads:
            quads, blank = own_quads, False
        else:
            quads, blank = count_statements(source)
        if not blank:
            graphs = _load_with_union_file(tmp, source, Path(union))  # type: ignore[arg-type]
        else:
            quads, graphs = _load(tmp, source)
    except OutputError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except (OSError, ValueError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{nquads}: cannot load into the store: {exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        staged.unlink(missing_ok=True)
    seconds = time.monotonic() - started
    final = generations / f"gen-{stamp}"
    os.replace(tmp, final)
    link = store_dir(out_dir)
    previous = link.resolve() if link.is_symlink() else None
    _swap(link, final)
    keep = {final.resolve()} | ({previous} if previous is not None else set())
    _remove_generations(_stale(generations, keep))
    mark_store_source(out_dir, nquads)
    info = StoreInfo(path=link, quads=quads, graphs=graphs, seconds=seconds)
    log.info("store: %d quads in %d graphs loaded in %.2f s (%.0f quads/s)",
             quads, graphs, seconds, info.quads_per_s)
    return info


def open_store(out_dir: Path, read_only: bool = True) -> DatasetStore:
    """The store of an output folder, read-only so that any number of readers can share it.

    Raises
    ------
    OutputError
        When ``DIR`` or ``DIR/store`` does not exist.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: no such output folder")
    path = store_dir(out_dir)
    if not path.is_dir():
        raise OutputError(f"{path}: no store in this output folder (run `kg build` first)")
    return DatasetStore.open(path.resolve(), read_only=read_only)
