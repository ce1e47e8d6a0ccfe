"""Linked Data: instance IRIs dereference on the server, as HTML or RDF."""

from __future__ import annotations

import pytest
import requests
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from tests.sample_data import BASE, DOC1, DOC2, TEXT2

NG = Namespace("https://w3id.org/newsgraph/ontology#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


def fetch(server, path: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + path, headers=headers, params=params, timeout=10)


@pytest.mark.parametrize("media_type", list(RDF_FORMATS))
def test_rdf_by_accept(sample_server, media_type) -> None:
    resp = fetch(sample_server, "/id/person/mevlut-cavusoglu", media_type)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].split(";")[0] == media_type
    assert resp.headers["Vary"] == "Accept"
    assert resp.headers["Content-Location"].endswith(
        "/id/person/mevlut-cavusoglu?format="
        + {
            "text/turtle": "ttl",
            "application/ld+json": "jsonld",
            "application/n-triples": "nt",
            "application/rdf+xml": "rdfxml",
            "application/trig": "trig",
            "application/n-quads": "nquads",
        }[media_type]
    )
    fmt = RDF_FORMATS[media_type]
    me = URIRef(f"{BASE}person/mevlut-cavusoglu")
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=resp.content, format=fmt)
        # the quads keep the document graph each statement came from
        graphs = {str(c) for s, p, o, c in ds.quads((me, None, None, None))}
        assert f"{BASE}doc/{DOC1}" in graphs
        g = Graph()
        for s, p, o, _ in ds.quads():
            g.add((s, p, o))
    else:
        g = Graph().parse(data=resp.content, format=fmt)
    assert (
        me,
        URIRef("http://www.w3.org/2002/07/owl#sameAs"),
        URIRef("http://www.wikidata.org/entity/Q6082"),
    ) in g
    # incoming links are part of the description
    assert (URIRef(f"{BASE}meeting/2022-01-11-ots"), NG.chair, me) in g


def test_format_parameter_and_link_headers(sample_server) -> None:
    resp = fetch(sample_server, "/id/claim/c1", BROWSER, format="ttl")
    assert resp.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=resp.content, format="turtle")
    assert (URIRef(f"{BASE}claim/c1"), NG.value, Literal(16)) in g
    # hash sub-resources of the annotation travel with it
    anno = fetch(sample_server, f"/id/anno/{DOC2}/99-138", "text/turtle")
    ga = Graph().parse(data=anno.content, format="turtle")
    assert (URIRef(f"{BASE}anno/{DOC2}/99-138#position"), None, None) in ga
    assert 'rel="alternate"; type="application/ld+json"' in resp.headers["Link"]
    assert fetch(sample_server, "/id/claim/c1", format="png").status_code == 406


def test_html_page(sample_server) -> None:
    resp = fetch(sample_server, "/id/person/mevlut-cavusoglu", BROWSER)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/html")
    assert resp.headers["Content-Location"].endswith("?format=html")
    html = resp.text
    assert "<h1>Mevlüt Çavuşoğlu</h1>" in html
    assert 'href="http://www.wikidata.org/entity/Q6082"' in html  # Wikidata link
    assert 'href="/id/post/minister-of-foreign-affairs-turkey"' in html  # local links
    assert "Minister of Foreign Affairs of Türkiye" in html  # labels of linked IRIs
    assert 'href="/id/meeting/2022-01-11-ots"' in html  # incoming link (ng:chair)
    assert f'href="/id/doc/{DOC1}"' in html  # source document


def test_evidence_highlighted(sample_server) -> None:
    html = fetch(sample_server, "/id/claim/c1", BROWSER).text
    assert "<mark>over 16 members of law enforcement died</mark>" in html
    assert "Kassym-Jomart Tokayev said that " in html  # the context before the span
    assert "characters 99–138" in html


def test_document_page_shows_text_with_spans(sample_server) -> None:
    html = fetch(sample_server, f"/id/doc/{DOC2}", BROWSER).text
    assert '<div class="doctext">' in html
    assert 'href="/id/claim/c1">over 16 members of law enforcement died</a></mark>' in html
    assert 'href="/id/statement/s2">the mission would be limited in time</a></mark>' in html
    assert "Kyrgyzstan&#39;s contingent has 150 troops and 12 vehicles." in html
    assert TEXT2.splitlines()[0] in html


def test_unknown_iri_is_404(sample_server) -> None:
    assert fetch(sample_server, "/id/person/nobody", BROWSER).status_code == 404
    assert fetch(sample_server, "/id/person/nobody", "text/turtle").status_code == 404
    assert fetch(sample_server, "/id/a%20b", BROWSER).status_code == 404


def test_html_is_escaped(writable_server) -> None:
    from tests.protocol_fixtures import ADMIN_TOKEN

    evil = "<script>alert(1)</script>"
    resp = requests.post(
        writable_server.sparql,
        data={
            "update": f"INSERT DATA {{ GRAPH <urn:g> {{ <{BASE}person/x> "
            f'<http://www.w3.org/2000/01/rdf-schema#label> "{evil}" }} }}'
        },
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=10,
    )
    assert resp.status_code == 200
    html = fetch(writable_server, "/id/person/x", BROWSER).text
    assert evil not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
