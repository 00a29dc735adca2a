"""The RDF stage: resolved articles -> one named graph of N-Quads lines per article.

``namespaces`` declares every vocabulary once, ``iris`` mints deterministic IRIs, ``terms`` formats
N-Quads terms, and ``mapping`` applies the RDF contract of DESIGN.md.
"""
from kg.rdf.iris import IriMinter
from kg.rdf.mapping import ArticleGraph, map_article, ontology_graph

__all__ = ["ArticleGraph", "IriMinter", "map_article", "ontology_graph"]
