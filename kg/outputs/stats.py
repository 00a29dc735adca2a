"""``kg stats``: counts by class, by article, and the most active persons, read through the contract."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.store import DatasetStore

__all__ = ["dataset_stats"]

_PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def dataset_stats(out_dir: Path, top: int = 10) -> dict[str, Any]:
    """Counts per class (union of the article graphs), per article, and the top persons by events."""
    data = out_dir / "dataset.nq"
    if not data.is_file():
        raise OutputError(f"{out_dir}: no dataset.nq here; run `kg build INPUT --out {out_dir}` first")
    store = DatasetStore.from_file(data)
    if (out_dir / "merged.ttl").is_file():
        store.load_file(out_dir / "merged.ttl")   # the de-duplicated union as the default graph
    by_class = {
        row["c"].value: int(row["n"].value)
        for row in store.select(_PREFIXES + """SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {
            GRAPH ?g { ?s a ?c . ?g a schema:NewsArticle } } GROUP BY ?c ORDER BY ?c""")
    }
    per_article = []
    for row in store.select(_PREFIXES + """SELECT ?id
        (COUNT(DISTINCT ?p) AS ?persons) (COUNT(DISTINCT ?m) AS ?posts) (COUNT(DISTINCT ?e) AS ?events)
        WHERE { GRAPH ?g { ?g dct:identifier ?id .
          OPTIONAL { ?p a schema:Person } OPTIONAL { ?m a org:Membership }
          OPTIONAL { ?e kg:participant ?x } } } GROUP BY ?id ORDER BY ?id"""):
        per_article.append({k: (int(v.value) if k != "id" else v.value) for k, v in row.items()})
    top_persons = [
        {"person": row["p"].value, "label": row["l"].value if "l" in row else "", "events": int(row["n"].value)}
        for row in store.select(_PREFIXES + f"""SELECT ?p (SAMPLE(?label) AS ?l) (COUNT(DISTINCT ?e) AS ?n) WHERE {{
            GRAPH ?g {{ ?e kg:participant ?p }}
            OPTIONAL {{ ?p rdfs:label ?label FILTER(lang(?label) = "ar") }}
        }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {int(top)}""")
    ]
    return {"by_class": by_class, "articles": per_article, "top_persons": top_persons,
            "quads": len(store), "graphs": len(store.graphs())}
