"""Saved queries and `kg query`: parameters, results on the fixture, formats, exit codes."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "data" / "sparql"))
from sparql_helpers import BASE, SAVED_PARAMS, make_out_dir

from kg.cli_sparql import register
from kg.errors import QueryError
from kg.queries import ensure_store, parse_saved, run_query, run_saved, saved_queries, sparql_term
from kg.store import open_store


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_out_dir(tmp_path_factory.mktemp("q"))


@pytest.fixture(scope="module")
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _main() -> None:
        """kg (test app)."""

    register(app)
    return app


def test_library_has_the_promised_queries() -> None:
    assert set(saved_queries()) == set(SAVED_PARAMS)
    for q in saved_queries().values():
        assert q.title and q.description, q.name


@pytest.mark.parametrize("name", sorted(SAVED_PARAMS))
def test_every_saved_query_answers_on_the_fixture(out: Path, name: str) -> None:
    result = run_saved(out, name, SAVED_PARAMS[name])
    assert result.kind == "select" and len(result.rows) > 0


def test_who_met_whom_counts_and_dates(out: Path) -> None:
    rows = run_saved(out, "who_met_whom").values()
    pair = next(r for r in rows if r["a"].endswith("asaad_al_shaibani") and r["b"].endswith("sergey_lavrov"))
    assert pair["events"] == "2" and pair["first"] == "2025-01-14" and pair["last"] == "2025-02-02"


def test_period_filter_keeps_only_events_inside(out: Path) -> None:
    rows = run_saved(out, "who_met_whom", {"from": "2025-03-01", "to": "2025-03-31"}).values()
    assert [(r["a_label"], r["b_label"]) for r in rows] == [("أحمد الشرع", "سيرغي لافروف")]


def test_post_holders_shows_change_of_syrian_president(out: Path) -> None:
    rows = run_saved(out, "post_holders", {"role": "head_of_state", "country": "سوريا"}).values()
    assert [r["person_label"] for r in rows] == ["بشار الأسد", "أحمد الشرع"]
    assert rows[0]["end"] == "2024-12-08" and rows[1]["start"] == "2025-01-29"


def test_planned_visit_is_listed_with_its_date_words(out: Path) -> None:
    rows = run_saved(out, "planned_events").values()
    assert len(rows) == 1 and rows[0]["date_text"] == "مارس المقبل" and rows[0]["participants"] == "أسعد الشيباني"


def test_evidence_gives_sentence_and_offsets(out: Path) -> None:
    rows = run_saved(out, "evidence", {"fact": f"{BASE}event/e2"}).values()
    assert rows[0]["sentence"].startswith("تلقى وزير الخارجية السوري") and rows[0]["end"] == "83"


def test_meetings_between_countries_in_a_period(out: Path) -> None:
    rows = run_saved(out, "meetings_between_countries",
                     {"country_a": "Russia", "country_b": "syria", "to": "2024-12-31"}).values()
    assert {r["event"] for r in rows} == {f"{BASE}event/e4"}


def test_parameter_values_cannot_change_the_query() -> None:
    assert sparql_term('x" } ; DROP ALL ; {', "text") == '"x\\" } ; DROP ALL ; {"'
    with pytest.raises(QueryError):
        sparql_term("http://a> } <http://b", "iri")
    with pytest.raises(QueryError):
        sparql_term("2025-13", "date")
    with pytest.raises(QueryError):
        sparql_term("president", "role")


def test_unknown_and_missing_parameters_are_errors(out: Path) -> None:
    with pytest.raises(QueryError, match="needs --param person"):
        run_saved(out, "events_of_person")
    with pytest.raises(QueryError, match="no parameter"):
        run_saved(out, "planned_events", {"x": "1"})


def test_ad_hoc_query_with_param(out: Path) -> None:
    result = run_query(out, "SELECT ?e WHERE { ?e <http://schema.org/startDate> $d }", {"d": "2023-05-09"})
    assert result.values() == [{"e": f"{BASE}event/e4"}]


def test_cli_saved_query_as_json(out: Path, cli: typer.Typer) -> None:
    res = CliRunner().invoke(cli, ["query", str(out), "--saved", "events_of_person", "--param", "person=الشيباني",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert len(doc["results"]["bindings"]) == 4


def test_cli_construct_as_turtle(out: Path, cli: typer.Typer) -> None:
    res = CliRunner().invoke(cli, ["query", str(out), "CONSTRUCT WHERE { ?s a <http://schema.org/City> }"])
    assert res.exit_code == 0 and "schema:City" in res.stdout


def test_cli_list_needs_no_folder(cli: typer.Typer) -> None:
    res = CliRunner().invoke(cli, ["query", "--list"])
    assert res.exit_code == 0 and "who_met_whom" in res.stdout and "--param role=<role>" in res.stdout


@pytest.mark.parametrize("args, code", [
    (["query", "{out}", "SELECT WHERE {"], 5),
    (["query", "{out}", "INSERT DATA { <http://a> <http://b> <http://c> }"], 5),
    (["query", "{missing}", "--saved", "planned_events"], 3),
    (["query", "{out}", "--saved", "no_such_query"], 2),
    (["query", "{out}", "--saved", "post_holders"], 2),
    (["query", "{out}", "SELECT * {}", "--format", "yaml"], 2),
    (["query", "{out}"], 2),
])
def test_cli_exit_codes(out: Path, cli: typer.Typer, tmp_path: Path, args: list[str], code: int) -> None:
    args = [a.replace("{out}", str(out)).replace("{missing}", str(tmp_path / "missing")) for a in args]
    assert CliRunner().invoke(cli, args).exit_code == code


# --- The rewritten saved queries give the answers of the texts they replaced -------------------
# tests/data/sparql/before_rewrite holds the texts as they were before they were rewritten for
# speed. Row order must agree on the ORDER BY columns; concatenated lists (GROUP_CONCAT) are
# compared as sets, since SPARQL leaves the order of their items to the evaluation plan.

BEFORE = Path(__file__).parent / "data" / "sparql" / "before_rewrite"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_LISTS = {"participants": "، ", "with": "، ", "dates": " "}
_ORDER = {
    "co_attendance": ("shared", "a", "b"),
    "events_of_person": ("date", "event", "person"),
    "meetings_between_countries": ("date", "event", "a", "b"),
    "planned_events": ("published", "event"),
    "post_holders": ("organization", "person"),
    "who_met_whom": ("events", "a", "b"),
}


def _param_sets(out: Path) -> dict[str, list[dict[str, str]]]:
    """Parameters drawn from the data so that most runs return rows: every principal, names, states."""
    def column(query: str, var: str) -> list[str]:
        return sorted({r[var] for r in run_query(out, query).values() if var in r})

    people = column("SELECT ?p WHERE { ?e <https://w3id.org/kg-news/ontology#participant> ?p }", "p")
    words = ["لافروف", "Lavrov", "الشرع", "shaibani", "بن", "no such name"]
    states = column("SELECT ?c WHERE { ?c a <http://schema.org/Country> }", "c")
    state_words = ["russia", "Syria", "سوريا", "no such state"]
    return {
        "who_met_whom": [{}, *({"person": p} for p in people + words),
                         {"from": "2025-01-01", "to": "2025-01-31"}, {"person": "Lavrov", "from": "2025-02-01"}],
        "events_of_person": [{"person": p} for p in people + words],
        "co_attendance": [{}, {"min": "2"}, {"min": "0"}],
        "planned_events": [{}],
        "meetings_between_countries": [
            *({"country_a": a, "country_b": b} for a in states + state_words for b in states + state_words if a != b),
            {"country_a": "russia", "country_b": "syria", "to": "2024-12-31"},
            {"country_a": "syria", "country_b": "russia", "from": "2025-01-01", "to": "2025-12-31"}],
        "post_holders": [{"role": r, **({"country": c} if c else {})}
                         for r in ("head_of_state", "foreign_minister", "head_of_government")
                         for c in ("", *states, "syria", "سوريا")],
    }


def _normalised(row: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, sep.join(sorted(v.split(sep))) if (sep := _LISTS.get(k)) else v) for k, v in row.items()))


def _assert_same_answers(out: Path) -> dict[str, int]:
    """Run every parameter set through both texts; returns how many sets answered rows, per query."""
    before = {p.stem: parse_saved(p.stem, p.read_text(encoding="utf-8")) for p in BEFORE.glob("*.rq")}
    assert set(before) == set(_ORDER)
    now = saved_queries()
    store = open_store(out)
    answered = dict.fromkeys(_ORDER, 0)
    for name, param_sets in _param_sets(out).items():
        for params in param_sets:
            old, new = store.query(before[name].bind(params)), store.query(now[name].bind(params))
            assert new.variables == old.variables, name
            assert sorted(map(_normalised, new.values())) == sorted(map(_normalised, old.values())), (name, params)
            keys = _ORDER[name]
            assert [[r.get(k) for k in keys] for r in new.values()] == [[r.get(k) for k in keys] for r in old.values()]
            answered[name] += bool(old.rows)
    return answered


def test_rewritten_queries_answer_as_before_on_the_fixture(out: Path) -> None:
    ensure_store(out)
    answered = _assert_same_answers(out)
    assert all(answered.values()) and sum(answered.values()) > 40, answered


@pytest.mark.slow
def test_rewritten_queries_answer_as_before_on_the_seeds(tmp_path_factory: pytest.TempPathFactory) -> None:
    from kg import api

    built = tmp_path_factory.mktemp("seeds")
    api.build([SEEDS], built, views=False)
    answered = _assert_same_answers(built)
    assert all(answered.values()) and sum(answered.values()) > 40, answered
