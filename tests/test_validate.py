"""Validation of a build folder: parsing, counts, evidence offsets and the SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_rdf_mapping import BASE, sample_resolved

from kg.errors import OutputError
from kg.outputs.files import write_dataset
from kg.outputs.validate import ValidationReport, validate
from kg.rdf import ArticleGraph, IriMinter, map_article
from kg.rdf.namespaces import ROLE_NS

ROLE = "<http://www.w3.org/ns/org#role>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def article() -> ArticleGraph:
    return map_article(sample_resolved(), IriMinter(BASE))


def edited(graph: ArticleGraph, drop: object = None, replace: tuple[str, str] | None = None) -> ArticleGraph:
    lines = [ln for ln in graph.nquads if drop is None or not drop(ln)]  # type: ignore[operator]
    if replace:
        lines = [ln.replace(*replace) for ln in lines]
    return ArticleGraph(graph.iri, tuple(sorted(set(lines))), graph.counts)


@pytest.fixture(scope="module")
def valid_report(tmp_path_factory: pytest.TempPathFactory) -> ValidationReport:
    out = tmp_path_factory.mktemp("valid")
    write_dataset([article()], out)
    return validate(out)


def test_valid_dataset_reports_ok(valid_report: ValidationReport) -> None:
    assert valid_report.ok, valid_report.summary()
    assert valid_report.violations == ()
    assert set(valid_report.files) == {"dataset.nq", "dataset.trig", "dataset.jsonld", "merged.ttl"}
    assert valid_report.files["dataset.nq"] == valid_report.files["dataset.trig"] == valid_report.files["dataset.jsonld"]
    assert 0 < valid_report.files["merged.ttl"] <= valid_report.files["dataset.nq"]


def test_single_principal_visit_raises_no_warning(valid_report: ValidationReport) -> None:
    assert valid_report.warnings == ()


def test_missing_folder_raises_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such output folder"):
        validate(tmp_path / "nowhere")


def test_missing_file_raises_output_error(tmp_path: Path) -> None:
    write_dataset([article()], tmp_path)
    (tmp_path / "merged.ttl").unlink()
    with pytest.raises(OutputError, match="merged.ttl"):
        validate(tmp_path)


def test_membership_without_role_is_a_violation(tmp_path: Path) -> None:
    write_dataset([edited(article(), drop=lambda ln: f" {ROLE} " in ln and "foreign_minister" in ln)], tmp_path)
    report = validate(tmp_path)
    assert not report.ok
    assert len(report.violations) == 2     # the two foreign ministers' memberships
    line = report.violations[0]
    assert line.startswith(BASE + "membership/")
    assert "org:role" in line and "exactly one org:role" in line


def test_role_outside_the_scheme_is_a_violation(tmp_path: Path) -> None:
    write_dataset([edited(article(), replace=(f"<{ROLE_NS}ambassador>", f"<{ROLE_NS}grand_vizier>"))], tmp_path)
    report = validate(tmp_path)
    assert [v for v in report.violations if "concept of the role scheme" in v]


def test_person_without_arabic_label_is_a_violation(tmp_path: Path) -> None:
    lavrov = f"<{BASE}person/sergey_lavrov>"
    write_dataset([edited(article(), drop=lambda ln: ln.startswith(f"{lavrov} {LABEL}") and "@ar" in ln)], tmp_path)
    report = validate(tmp_path)
    assert report.violations == (
        f"{BASE}person/sergey_lavrov, rdfs:label: a person needs an Arabic rdfs:label (@ar)",)
    assert "sergey_lavrov" in report.summary() and "INVALID" in report.summary()


def test_event_date_of_the_wrong_type_is_a_violation(tmp_path: Path) -> None:
    bad = ('"2025-07-31"^^<http://www.w3.org/2001/XMLSchema#date>', '"31 July 2025"')
    write_dataset([edited(article(), replace=bad)], tmp_path)
    report = validate(tmp_path)
    assert any("schema:startDate is one xsd:date or xsd:gMonthDay" in v for v in report.violations)


def test_meeting_with_one_principal_is_a_warning_only(tmp_path: Path) -> None:
    shaibani = f"<{BASE}person/asaad_al_shaibani>"
    g = article()
    meeting = next(ln.split(" ", 1)[0] for ln in g.nquads if "ontology#Meeting>" in ln)
    write_dataset([edited(g, drop=lambda ln: ln.startswith(meeting) and "#participant>" in ln
                          and shaibani in ln)], tmp_path)
    report = validate(tmp_path)
    assert report.ok
    assert any("at least two kg:participant" in w for w in report.warnings)


def test_evidence_offsets_that_do_not_slice_the_quote_are_reported(tmp_path: Path) -> None:
    g = article()
    start_line = next(ln for ln in g.nquads if "<http://www.w3.org/ns/oa#start>" in ln)
    value = start_line.split('"')[1]
    broken = start_line.replace(f'"{value}"', f'"{int(value) + 3}"')
    lines = tuple(sorted((set(g.nquads) - {start_line}) | {broken}))
    write_dataset([ArticleGraph(g.iri, lines, g.counts)], tmp_path)
    report = validate(tmp_path, shacl=False)
    assert len(report.violations) == 1 and "do not slice kg:cleanedText" in report.violations[0]


def test_disagreeing_files_are_reported(tmp_path: Path) -> None:
    write_dataset([article()], tmp_path)
    nq = tmp_path / "dataset.nq"
    nq.write_text(nq.read_text(encoding="utf-8") + "<http://x/s> <http://x/p> <http://x/o> .\n", encoding="utf-8")
    report = validate(tmp_path, shacl=False)
    assert not report.ok
    assert any("quad counts differ" in v for v in report.violations)
    assert any("default graph" in v for v in report.violations)


def test_unparsable_file_is_a_violation(tmp_path: Path) -> None:
    write_dataset([article()], tmp_path)
    (tmp_path / "dataset.trig").write_text("@prefix broken", encoding="utf-8")
    report = validate(tmp_path, shacl=False)
    assert any(v.startswith("dataset.trig") and "does not parse" in v for v in report.violations)


def test_chunked_check_needs_each_article_graph_to_be_whole(tmp_path: Path) -> None:
    from kg.outputs.validate import shacl_check

    other = map_article(sample_resolved("001_other.txt"), IriMinter(BASE))
    lavrov = f"<{BASE}person/sergey_lavrov>"
    broken = edited(article(), drop=lambda ln: ln.startswith(f"{lavrov} {LABEL}") and "@ar" in ln)
    write_dataset([broken, other], tmp_path)
    union_violations, _ = shacl_check(tmp_path / "merged.ttl")
    assert union_violations == []              # in the union, the other article gives Lavrov his label
    assert validate(tmp_path).ok
    by_chunks = validate(tmp_path, chunk=1)    # alone, the broken article lacks it
    assert by_chunks.violations == (
        f"{BASE}person/sergey_lavrov, rdfs:label: a person needs an Arabic rdfs:label (@ar)",)


def test_chunked_check_of_a_valid_dataset_is_ok(tmp_path: Path) -> None:
    write_dataset([article(), map_article(sample_resolved("001_other.txt"), IriMinter(BASE))], tmp_path)
    assert validate(tmp_path, chunk=1).ok
