"""The store stage: the only package that imports pyoxigraph (see STYLE.md, habit 10)."""
from kg.store.disk import StoreInfo, build_store, mark_store_source, open_store, store_dir, store_matches
from kg.store.guard import QueryRefused, QueryTimeout, check_read_only
from kg.store.oxigraph import (
    Binding,
    DatasetStore,
    Term,
    serialize_nquads,
    serialize_nquads_as,
    serialize_triples,
)
from kg.store.results import QueryResult, serialize_solutions

__all__ = [
    "Binding",
    "DatasetStore",
    "QueryRefused",
    "QueryResult",
    "QueryTimeout",
    "StoreInfo",
    "Term",
    "build_store",
    "check_read_only",
    "mark_store_source",
    "open_store",
    "serialize_nquads",
    "serialize_nquads_as",
    "serialize_solutions",
    "serialize_triples",
    "store_dir",
    "store_matches",
]

from kg.store.update import current_generation, update_store  # appended: incremental builds

__all__ += ["current_generation", "update_store"]

from kg.store.oxigraph import convert_rdf  # appended: the dataset writer re-serialises Turtle blocks

__all__ += ["convert_rdf"]
