"""kg.live: the inferred graph kept equal to kg.reason.infer over the union, document by
document, including what only several documents together entail."""

from __future__ import annotations

import random

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.live import LiveGraphs, StoreReasoner, cross_document_conclusions
from kg.namespaces import NG, ONTOLOGY_IRI, ORG, inferred_graph_iri, revisions_graph_iri
from kg.pipeline import _rules
from kg.reason import infer
from kg.resources import load_ontology
from kg.terms import to_ox

ID = "https://w3id.org/newsgraph/id/"
INF = inferred_graph_iri()


def _i(x: str) -> URIRef:
    return URIRef(ID + x)


def documents() -> dict[str, list[tuple]]:
    """Facts that entail more together than apart: a chain of contingents across three
    documents, an organisation hierarchy across two, a speech whose meeting is in one
    document and whose speaker in another."""
    d1, d2, d3 = _i("deployment/a"), _i("deployment/a/b"), _i("deployment/a/b/c")
    return {
        "doc/1": [(d3, NG.partOf, d2), (d3, RDF.type, NG.Deployment)],
        "doc/2": [(d2, NG.partOf, d1)],
        "doc/3": [
            (d1, NG.deployedBy, _i("org/csto")),
            (_i("org/x"), ORG.subOrganizationOf, _i("org/y")),
        ],
        "doc/4": [(_i("org/y"), ORG.subOrganizationOf, _i("org/csto"))],
        "doc/5": [
            (_i("statement/s"), NG.madeAt, _i("meeting/m")),
            (_i("meeting/m"), RDF.type, NG.Meeting),
        ],
        "doc/6": [
            (_i("statement/s"), NG.speaker, _i("person/p")),
            (_i("person/p"), RDF.type, NG.Person),
        ],
    }


def expected(docs: dict[str, list[tuple]]) -> set[ox.Triple]:
    union = Graph()
    for triples in docs.values():
        for t in triples:
            union.add(t)
    return {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in infer(union, load_ontology())}


def inferred(store: ox.Store) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(INF))
    }


def test_build_then_remove_and_add_back_in_any_order() -> None:
    docs = documents()
    rules = _rules()
    # build: each document's own conclusions, then the cross-document pass
    store = ox.Store()
    live = LiveGraphs(store)
    for name, triples in docs.items():
        g = Graph()
        for t in triples:
            g.add(t)
        live.add(
            ox.NamedNode(ID + name), [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g]
        )
        own = infer(g, load_ontology())
        live.add(
            ox.NamedNode(INF),
            [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in own],
            track=False,
        )
    cross_document_conclusions(store, rules, INF)
    assert inferred(store) == expected(docs)
    assert ox.Triple(
        to_ox(_i("deployment/a/b/c")), to_ox(NG.partOf), to_ox(_i("deployment/a"))
    ) in inferred(store)
    # then documents leave and come back, one at a time, in a random order
    reasoner = StoreReasoner(store, rules, INF, [ONTOLOGY_IRI, revisions_graph_iri()])
    present = dict(docs)
    rng = random.Random(5)
    for _ in range(40):
        name = rng.choice(sorted(docs))
        graph = ox.NamedNode(ID + name)
        reasoner.live.added.clear()
        reasoner.live.removed.clear()
        changes = LiveGraphs(store)
        if name in present:
            changes.drop(graph)
            del present[name]
        else:
            changes.add(graph, [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in docs[name]])
            present[name] = docs[name]
        reasoner.refresh(reasoner.reached(changes.added + changes.removed))
        assert inferred(store) == expected(present), (name, sorted(present))
        named = {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        }
        default = {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        }
        assert named == default
