"""The interface the build calls: pure, never raising, exact evidence offsets."""

import time

from rdflib import Literal
from rdflib.namespace import RDF

from kg.documents import document_from_bytes
from kg.extract import extract_document, resolve
from kg.namespaces import NG, OA, PROV


def test_every_annotation_quotes_the_text_exactly(all_graphs):
    checked = 0
    for _iri, (doc, g) in all_graphs.items():
        for sel in g.subjects(RDF.type, OA.TextPositionSelector):
            start = int(g.value(sel, OA.start))
            end = int(g.value(sel, OA.end))
            quote = str(sel).replace("#position", "#quote")
            from rdflib import URIRef

            exact = str(g.value(URIRef(quote), OA.exact))
            assert doc.text[start:end] == exact
            assert doc.text[max(0, start - 32) : start] == str(g.value(URIRef(quote), OA.prefix))
            checked += 1
    assert checked > 50


def test_facts_carry_provenance_and_evidence(all_graphs):
    for doc_iri, (_doc, g) in all_graphs.items():
        for cls in (NG.Meeting, NG.Statement, NG.Deployment, NG.NumericClaim):
            for node in g.subjects(RDF.type, cls):
                assert (node, PROV.wasDerivedFrom, doc_iri) in g
                assert g.value(node, NG.evidence) is not None
        for cls in (NG.Person, NG.Organization, NG.Country, NG.Place):
            for node in g.subjects(RDF.type, cls):
                assert (node, PROV.wasDerivedFrom, doc_iri) in g


def test_document_node(all_graphs):
    for doc_iri, (doc, g) in all_graphs.items():
        assert (doc_iri, RDF.type, NG.Document) in g
        assert g.value(doc_iri, NG.sha256) == Literal(doc.sha256)
        assert str(g.value(doc_iri, NG.content)) == doc.text


def test_odd_text_never_raises():
    odd = [
        b"\n\n\n   \n",
        b"<html><body><p>The President said <b>nothing</b>.</p></body></html>",
        "Çavuşoğlu: «» “” ‘’ \u200b\u00a0 ß İ".encode(),
        b"x" * 10,
        ("He said that. " * 20000).encode(),
        b"On 31 February 2022, 99.99.9999 and January 32, the Minister stated.",
    ]
    for raw in odd:
        try:
            doc = document_from_bytes("odd.txt", raw)
        except ValueError:
            continue
        g = extract_document(doc)
        assert (doc.iri("https://w3id.org/newsgraph/id/"), RDF.type, NG.Document) in g


def test_speed_per_news_sized_document(all_docs):
    docs = [d for d in all_docs if len(d.text) < 16000]
    extract_document(docs[0])
    t0 = time.perf_counter()
    for _ in range(3):
        for d in docs:
            extract_document(d)
    per_doc = (time.perf_counter() - t0) / (3 * len(docs))
    assert per_doc < 0.1


def test_resolve_is_deterministic(all_docs):
    def run():
        graphs = {d.iri("https://w3id.org/newsgraph/id/"): extract_document(d) for d in all_docs}
        resolve(graphs)
        return sorted(t for g in graphs.values() for t in g)

    assert run() == run()
