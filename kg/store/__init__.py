"""The store stage: the only package that imports pyoxigraph (see STYLE.md, habit 10)."""
from kg.store.oxigraph import Binding, DatasetStore, Term, serialize_nquads

__all__ = ["Binding", "DatasetStore", "Term", "serialize_nquads"]
