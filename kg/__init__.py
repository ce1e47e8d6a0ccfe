"""newsgraph: news articles to a provenance-rich RDF knowledge graph, served over SPARQL 1.1."""

__version__ = "0.1.0"
