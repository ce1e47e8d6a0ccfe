"""The interface the build calls: pure, never raising, exact evidence offsets."""

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


def test_resolve_is_deterministic(all_docs):
    def run():
        graphs = {d.iri("https://w3id.org/newsgraph/id/"): extract_document(d) for d in all_docs}
        resolve(graphs)
        return sorted(t for g in graphs.values() for t in g)

    assert run() == run()


def test_one_label_per_node_within_a_document(all_graphs):
    from rdflib.namespace import RDFS

    for _iri, (_doc, g) in all_graphs.items():
        for s in set(g.subjects(RDFS.label, None)):
            assert len(set(g.objects(s, RDFS.label))) == 1, s


def test_every_document_has_a_title(all_graphs):
    from rdflib.namespace import DCTERMS

    for doc_iri, (_doc, g) in all_graphs.items():
        assert g.value(doc_iri, DCTERMS.title) is not None, doc_iri


def test_statement_text_has_no_image_file_names(all_graphs):
    import re

    checked = 0
    for _iri, (_doc, g) in all_graphs.items():
        for text in g.objects(None, NG.text):
            checked += 1
            assert not re.search(r"\.(?:jpe?g|png|gif)\b", str(text), re.I), str(text)[:120]
    assert checked > 50


def test_a_teaser_of_another_page_is_not_the_title():
    from rdflib.namespace import DCTERMS

    # A scraped page: teasers of other stories, then its own story's teaser and the story.
    own = "On January 10, an extraordinary session of the Council was held by videoconference."
    text = (
        "\nOn 25 July 2024, staff of the Secretariat met with graduates of universities.\n\n\n"
        "The Secretary General took part in the debate held on 19 July 2024 at the UN.\n\n"
        f"{own}\n\n{own} 10.01.2022\n\n"
        "Under the chairmanship of the Prime Minister of Armenia the Council met on 10 January"
        " 2022 and discussed the situation in Kazakhstan.\n"
    )
    doc = document_from_bytes("page.txt", text.encode())
    g = extract_document(doc)
    title = str(g.value(doc.iri("https://w3id.org/newsgraph/id/"), DCTERMS.title))
    assert title.startswith("On January 10, an extraordinary session"), title


def test_the_csto_transcript_is_not_titled_by_a_teaser(all_graphs):
    from rdflib.namespace import DCTERMS

    titles = {
        doc.file_name: str(g.value(iri, DCTERMS.title)) for iri, (doc, g) in all_graphs.items()
    }
    title = titles["003_bc004a36a41f69a7.txt"]
    assert "2024" not in title and "Collective Security Council" in title, title


def test_a_batch_is_read_in_one_pass_and_each_document_gets_its_own_triples(all_docs, monkeypatch):
    """The build hands extraction a batch so that spaCy reads many documents' sentences in
    one pipe (larger batches cost less a sentence): the recogniser and the parser are each
    called once for the whole batch, and each document's triples are those it gets alone."""
    from kg.extract import document_triples, documents_triples, nlp

    docs = all_docs[:4]
    alone = [set(document_triples(d)) for d in docs]
    calls = {"entities": 0, "parse_texts": 0}
    for name in calls:
        real = getattr(nlp, name)

        def counted(pieces, _real=real, _name=name):
            calls[_name] += 1
            return _real(pieces)

        monkeypatch.setattr(nlp, name, counted)
    together = [set(t) for t in documents_triples(docs)]
    assert calls == {"entities": 1, "parse_texts": 1}
    assert together == alone


def test_a_document_that_fails_after_the_reading_costs_only_itself(all_docs, monkeypatch):
    from kg.extract import context, documents_triples
    from kg.namespaces import DEFAULT_BASE

    docs = all_docs[:3]
    real = context.finish

    def fails_on_the_second(steps, answer):
        doc = real(steps, answer)
        if doc.meta_key == docs[1].key[:8]:
            raise ValueError("a rule failed")
        return doc

    monkeypatch.setattr(context, "finish", fails_on_the_second)
    monkeypatch.setattr("kg.extract.finish", fails_on_the_second)
    got = documents_triples(docs)
    assert len(got[1]) < 10 < min(len(got[0]), len(got[2]))
    assert (docs[1].iri(DEFAULT_BASE), RDF.type, NG.Document) in set(got[1])
