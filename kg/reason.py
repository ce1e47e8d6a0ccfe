"""Interim reasoner (replaced by the issue-4 reasoner): RDFS subclass closure only."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS


def infer(asserted: Graph, ontology: Graph) -> Graph:
    supers: dict = {}
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        supers.setdefault(s, set()).add(o)
    out = Graph()
    for s, cls in asserted.subject_objects(RDF.type):
        for sup in supers.get(cls, ()):
            if (s, RDF.type, sup) not in asserted:
                out.add((s, RDF.type, sup))
    return out
