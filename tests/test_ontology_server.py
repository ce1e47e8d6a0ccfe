"""/ontology: content negotiation, the HTML documentation and term redirects."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import NG, ONTOLOGY_IRI
from kg.resources import load_ontology
from kg.server import ontology_views

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    app = Flask(__name__)
    app.register_blueprint(ontology_views.bp)
    return app.test_client()


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("*/*", "text/turtle", "turtle"),
        ("application/rdf+xml;q=0.4, application/ld+json;q=0.9", "application/ld+json", "json-ld"),
        ("text/html;q=0.1, text/turtle;q=0.2", "text/turtle", "turtle"),
    ],
)
def test_negotiated_rdf_is_the_whole_ontology(
    client: FlaskClient,
    accept: str,
    media_type: str,
    fmt: str,
) -> None:
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Vary"] == "Accept"
    graph = Graph().parse(data=response.get_data(), format=fmt)
    assert len(graph) == len(load_ontology())
    assert (
        URIRef(ONTOLOGY_IRI),
        RDF.type,
        URIRef("http://www.w3.org/2002/07/owl#Ontology"),
    ) in graph


@pytest.mark.parametrize(
    ("param", "media_type"),
    [
        ("ttl", "text/turtle"),
        ("rdfxml", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
        ("html", "text/html"),
    ],
)
def test_format_parameter_wins(client: FlaskClient, param: str, media_type: str) -> None:
    response = client.get(f"/ontology?format={param}", headers={"Accept": BROWSER})
    assert response.mimetype == media_type


def test_file_urls(client: FlaskClient) -> None:
    assert client.get("/ontology.ttl").mimetype == "text/turtle"
    assert client.get("/ontology.rdf").mimetype == "application/rdf+xml"
    assert json.loads(client.get("/ontology.jsonld").get_data())
    assert client.get("/ontology.exe").status_code == 404


def test_not_acceptable(client: FlaskClient) -> None:
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406


def test_html_documents_every_term(client: FlaskClient) -> None:
    response = client.get("/ontology", headers={"Accept": BROWSER})
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    onto = load_ontology()
    for s in set(onto.subjects()):
        if isinstance(s, URIRef) and str(s).startswith(str(NG)):
            local = str(s)[len(str(NG)) :]
            assert f'id="{local}"' in page, local
            label = str(onto.value(s, RDFS.label))
            assert label.replace("'", "&#39;") in page or label in page, local
    # domain/range, super-terms, alignments and the reason for them are shown
    assert "ng:Meeting" in page and "ng:Agent" in page
    assert "Super-terms" in page and "ng:participant" in page
    assert "exactMatch" in page and "wd:Q5" in page
    assert "implied by the chain ng:hasStatement ∘ ng:speaker" in page
    assert "ng:Agent or ng:Place" in page  # a union range, readable
    assert "Why:" in page
    # from this server only: the site's own stylesheet (and navigation), no script
    import re

    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert sheets and all(href.startswith("/static/") for href in sheets), sheets
    assert "<script" not in page
    assert '<nav class="site"' in page


def test_term_redirects(client: FlaskClient) -> None:
    response = client.get("/ontology/Meeting")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/ontology#Meeting")
    assert client.get("/ontology/ExplicitDate").status_code == 303
    assert client.get("/ontology/NoSuchTerm").status_code == 404


def test_version_iri_serves_the_ontology(client: FlaskClient) -> None:
    response = client.get("/ontology/0.1.0", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
