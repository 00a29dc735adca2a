"""Validation of a written dataset: the files parse, agree with each other, and meet the shapes.

Notes
-----
Parsing and counting go through ``kg.store`` (Oxigraph), which reads hundreds of thousands of
quads per second; only the SHACL step uses rdflib, because pyshacl needs an rdflib graph. pyshacl
runs over the union of the graphs (``merged.ttl``, or a few hundred article graphs at a time when the
union is too large for rdflib's memory), always together with the ontology graph, so that ``sh:class`` can follow ``rdfs:subClassOf`` and "the role is a concept
of the scheme" can be checked without any other file.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import ONTOLOGY_DIR
from kg.errors import OutputError
from kg.outputs.files import DATASET_FILES
from kg.rdf.namespaces import KG, OA, ONTOLOGY_GRAPH, PREFIXES, SH
from kg.store import DatasetStore

__all__ = ["SHAPES_FILE", "UNION_LIMIT", "ValidationReport", "shacl_check", "validate"]

if TYPE_CHECKING:
    import rdflib

log = logging.getLogger(__name__)

#: Up to this many triples the union is checked in one pyshacl pass (rdflib needs about 1 kB each).
UNION_LIMIT = 1_000_000

#: The SHACL shapes the dataset is checked against.
SHAPES_FILE = Path(ONTOLOGY_DIR) / "shapes.ttl"

_DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
_DEFAULT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_OFFSETS = f"""
SELECT ?g ?sel ?text ?exact ?start ?end WHERE {{
  GRAPH ?g {{
    ?target <{OA.hasSource}> ?article ; <{OA.hasSelector}> ?sel , ?quote .
    ?sel <{OA.start}> ?start ; <{OA.end}> ?end .
    ?quote <{OA.exact}> ?exact .
    ?article <{KG.cleanedText}> ?text .
  }}
}}"""


@dataclass(frozen=True)
class ValidationReport:
    """The result of :func:`validate`.

    ``files`` maps each file name to the number of quads it holds (triples for ``merged.ttl``);
    ``violations`` are readable lines ``focus node, path: message``; ``warnings`` are results of
    lesser severity that do not make the dataset invalid.
    """

    ok: bool
    files: dict[str, int]
    violations: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        """A few lines for the CLI and the build report."""
        head = "valid" if self.ok else f"INVALID: {len(self.violations)} violation(s)"
        lines = [head] + [f"  {name}: {n} quads" for name, n in sorted(self.files.items())]
        lines += [f"  violation: {v}" for v in self.violations[:50]]
        if len(self.violations) > 50:
            lines.append(f"  ... and {len(self.violations) - 50} more")
        lines += [f"  warning: {w}" for w in self.warnings[:20]]
        return "\n".join(lines)


def _count(store: DatasetStore, query: str) -> int:
    rows = store.select(query)
    return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0


def _offset_problems(store: DatasetStore) -> list[str]:
    """Evidence whose position selector does not slice the cleaned text back to its quote."""
    problems = []
    for row in store.select(_OFFSETS):
        try:
            start, end = int(row["start"].value), int(row["end"].value)
        except ValueError:
            continue
        if row["text"].value[start:end] != row["exact"].value:
            problems.append(f"{row['sel'].value}, oa:start/oa:end: offsets {start}-{end} do not slice "
                            f"kg:cleanedText back to the quoted evidence (graph {row['g'].value})")
    return sorted(set(problems))


def _load_shapes(shapes_file: Path) -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(shapes_file, format="turtle")


def _parse(data: bytes | Path, fmt: str) -> rdflib.Graph:
    """An rdflib graph, parsed by Oxigraph through oxrdflib when it can (many times faster)."""
    import rdflib

    source = {"source": data} if isinstance(data, Path) else {"data": data}
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():   # readable paths in the messages (rdfs:label)
        graph.bind(prefix, namespace, override=True)
    try:
        graph.parse(format=f"ox-{fmt}", **source)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - oxrdflib missing or refusing: fall back to rdflib itself
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        graph.parse(format=fmt, **source)  # type: ignore[arg-type]
    return graph


def _shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[list[str], list[str]]:
    """pyshacl over one rdflib graph: (violations, warnings) as ``focus, path: message`` lines."""
    import pyshacl
    import rdflib

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True,
    )
    violations: list[str] = []
    warnings: list[str] = []
    for res in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(res, SH.focusNode)
        path = results.value(res, SH.resultPath)
        message = results.value(res, SH.resultMessage)
        value = results.value(res, SH.value)
        severity = results.value(res, SH.resultSeverity)
        path_text = data.namespace_manager.normalizeUri(path) if isinstance(path, rdflib.URIRef) else str(path)
        line = f"{focus}, {path_text}: {message}"
        if value is not None and value != focus:
            line += f" (value {value})"
        (violations if severity == SH.Violation else warnings).append(line)
    return violations, warnings


def shacl_check(data_file: Path, shapes_file: Path = SHAPES_FILE) -> tuple[list[str], list[str]]:
    """Run the shapes on one Turtle or N-Triples file: (violations, warnings), sorted."""
    fmt = "turtle" if Path(data_file).suffix in (".ttl", ".turtle") else "nt"
    violations, warnings = _shacl(_parse(Path(data_file), fmt), _load_shapes(Path(shapes_file)))
    return sorted(set(violations)), sorted(set(warnings))


def _shacl_by_chunks(store: DatasetStore, shapes_file: Path, chunk: int) -> tuple[list[str], list[str]]:
    """The shapes over the union, ``chunk`` article graphs (plus the ontology graph) at a time.

    Notes
    -----
    pyshacl holds its data in an rdflib graph, about a kilobyte per triple: the union of a
    hundred thousand articles would not fit in memory. Every node the mapping writes is described
    whole inside each article graph that mentions it (and the role scheme sits in the ontology
    graph), so checking groups of graphs finds the violations a check of the union finds, and also
    a node that only another article describes fully (stricter, which is what a per-article
    contract asks for).
    """
    shapes = _load_shapes(shapes_file)
    ontology = str(ONTOLOGY_GRAPH)
    base = store.dump_graph(ontology) if store.has_graph(ontology) else b""
    graphs = [g for g in store.graphs() if g != ontology]
    violations: set[str] = set()
    warnings: set[str] = set()
    for i in range(0, max(len(graphs), 1), chunk):
        data = base + b"".join(store.dump_graph(g) for g in graphs[i:i + chunk])
        v, w = _shacl(_parse(data, "nt"), shapes)
        violations.update(v)
        warnings.update(w)
        log.info("SHACL: %d of %d graphs checked", min(i + chunk, len(graphs)), len(graphs))
    return sorted(violations), sorted(warnings)


def validate(out_dir: Path, shapes_file: Path = SHAPES_FILE, shacl: bool = True,
             chunk: int | None = None) -> ValidationReport:
    """Check the dataset files of a build folder.

    Parameters
    ----------
    out_dir
        A folder written by :func:`kg.outputs.files.write_dataset`.
    shapes_file
        The SHACL shapes (``ontologies/shapes.ttl`` by default).
    shacl
        Run the SHACL shapes (the slow part); ``False`` checks only parsing and counts.
    chunk
        ``None`` (the default) checks the union (``merged.ttl``) in one pass when it has at most
        ``UNION_LIMIT`` triples, else article graphs in chunks of 500. A number forces chunks of
        that many article graphs, each checked with the ontology graph but without the other
        articles: stricter, since every article graph must then describe its nodes on its own.

    Returns
    -------
    ValidationReport
        ``ok`` is true when every file parses, the counts agree, nothing is in the default graph
        of the quad files, every evidence offset slices back to its quote and no shape is violated.

    Raises
    ------
    OutputError
        When the folder or one of the dataset files is missing.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: no such output folder (run `kg build` first)")
    missing = [name for name in DATASET_FILES if not (out_dir / name).is_file()]
    if missing:
        raise OutputError(f"{out_dir}: missing dataset file(s): {', '.join(missing)} (run `kg build` again)")
    if shacl and not Path(shapes_file).is_file():
        raise OutputError(f"{shapes_file}: the SHACL shapes file is missing")

    violations: list[str] = []
    counts: dict[str, int] = {}
    stores: dict[str, DatasetStore] = {}
    for name in DATASET_FILES:
        try:
            store = DatasetStore.from_file(out_dir / name)
        except OutputError as exc:
            violations.append(f"{name}, -: does not parse: {exc}")
            continue
        stores[name] = store
        counts[name] = len(store)
        log.info("%s: %d quads", name, counts[name])

    quad_files = [n for n in ("dataset.nq", "dataset.trig", "dataset.jsonld") if n in counts]
    if len({counts[n] for n in quad_files}) > 1:
        violations.append("dataset files, -: quad counts differ: "
                          + ", ".join(f"{n} {counts[n]}" for n in quad_files))
    for name in quad_files:
        in_default = _count(stores[name], _DEFAULT_TRIPLES)
        if in_default:
            violations.append(f"{name}, -: {in_default} triple(s) in the default graph "
                              "(every triple belongs in its article's named graph)")
    if "dataset.nq" in stores and "merged.ttl" in counts:
        distinct = _count(stores["dataset.nq"], _DISTINCT_TRIPLES)
        if distinct != counts["merged.ttl"]:
            violations.append(f"merged.ttl, -: {counts['merged.ttl']} triples, but the union of the "
                              f"graphs of dataset.nq has {distinct}")
    if "dataset.nq" in stores:
        violations += _offset_problems(stores["dataset.nq"])

    for name in [n for n in stores if n != "dataset.nq"]:
        del stores[name]          # free memory before the SHACL step
    warnings: list[str] = []
    if shacl:
        union_fits = "merged.ttl" in counts and counts["merged.ttl"] <= UNION_LIMIT
        if chunk is None and (union_fits or "dataset.nq" not in stores):
            shape_violations, warnings = shacl_check(out_dir / "merged.ttl", Path(shapes_file))
        else:
            shape_violations, warnings = _shacl_by_chunks(stores["dataset.nq"], Path(shapes_file),
                                                          max(chunk or 500, 1))
        violations += shape_violations
    report = ValidationReport(ok=not violations, files=dict(sorted(counts.items())),
                              violations=tuple(violations), warnings=tuple(warnings))
    log.info("validation: %s", "valid" if report.ok else f"{len(violations)} violation(s)")
    return report
