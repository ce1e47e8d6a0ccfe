"""Conversion between rdflib terms (parsing, owlrl, pyshacl) and pyoxigraph terms (the store).

Going term by term avoids a serialise/parse round trip, which dominates build time
at scale (rdflib's N-Triples parser is ~10x slower than pyoxigraph's loader).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # Plain literals come back typed xsd:string from Oxigraph; keep rdflib's plain form
        # so that equality with freshly parsed data holds (engine-facts: literal identity).
        return (
            Literal(term.value)
            if datatype == _XSD_STRING
            else Literal(term.value, datatype=URIRef(datatype))
        )
    raise TypeError(f"not an Oxigraph term: {term!r}")


def from_ox_exact(term) -> URIRef | BNode | Literal:
    """Like from_ox, but a literal keeps the store's lexical form: rdflib would otherwise
    rewrite it ("16"^^xsd:float becomes "16.0"), and a report must name the term held."""
    if isinstance(term, ox.Literal) and not term.language:
        datatype = term.datatype.value
        if datatype != _XSD_STRING:
            return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    return from_ox(term)


def graph_quads(graph: Graph, graph_name: str) -> Iterator[ox.Quad]:
    """Quads of an rdflib graph placed in the named graph `graph_name`.

    Generalised-RDF triples (literal subjects, as owlrl produces) are skipped:
    Oxigraph rejects them and they carry nothing a user needs.
    """
    name = ox.NamedNode(graph_name)
    for s, p, o in graph:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            continue
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


def triples_to_graph(triples: Iterable, graph: Graph | None = None) -> Graph:
    """Fill an rdflib graph from Oxigraph triples or quads (graph names dropped)."""
    g = Graph() if graph is None else graph
    add = g.add
    for t in triples:
        add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return g
