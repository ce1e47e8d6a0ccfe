"""Every route of the app, through the real `kg serve`, each answer read back by a real parser.

`ROUTES` holds one check per (rule, method) of the Flask app; a test compares it with
the app's URL map, so a route added (or unwired) without a check here fails. The
checks run against `sample_server` (tests/protocol_fixtures.py): the HTTP server, worker
processes, the real wiring of kg.server.app, not a bare Flask app.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF
from rdflib.query import Result
from SPARQLWrapper import JSON, POST, SPARQLWrapper

import kg.server as kg_server
from kg.config import Config
from kg.namespaces import NG
from kg.server.app import create_app
from kg.store import load_union_graph
from kg.validate import validate
from tests.conftest import LiveServer
from tests.test_validate_server import serialized

VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
T = 30  # seconds: a ceiling for each request, never asserted


class Links(HTMLParser):
    """The title and every link of an HTML page, by the standard library's parser."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v]

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def html(resp: requests.Response) -> Links:
    assert resp.status_code == 200, resp.text[:300]
    assert resp.headers["Content-Type"].startswith("text/html")
    page = Links()
    page.feed(resp.text)
    page.close()
    return page


def rdf(resp: requests.Response, fmt: str) -> Graph:
    assert resp.status_code == 200, resp.text[:300]
    return Graph().parse(data=resp.content, format=fmt)


def get(server: LiveServer, path: str, accept: str = "*/*", **kw) -> requests.Response:
    return requests.get(server.url + path, headers={"Accept": accept}, timeout=T, **kw)


def a_person(server: LiveServer) -> str:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(f"SELECT ?p WHERE {{ ?p a <{NG}Person> }} ORDER BY ?p LIMIT 1")
    sw.setReturnFormat(JSON)
    return sw.query().convert()["results"]["bindings"][0]["p"]["value"]  # type: ignore[index]


# ---- one check per route ------------------------------------------------------------


def check_index(server: LiveServer, data_dir: Path) -> None:
    page = html(get(server, "/", "text/html"))
    assert "newsgraph" in page.title.lower()
    assert any(h.rstrip("/").endswith("/sparql") for h in page.hrefs)
    assert any(h.startswith("/static/") for h in page.hrefs)


def check_void(server: LiveServer, data_dir: Path) -> None:
    g = rdf(get(server, "/.well-known/void", "text/turtle"), "turtle")
    assert any(g.subjects(RDF.type, URIRef(VOID + "Dataset")))


def check_health(server: LiveServer, data_dir: Path) -> None:
    body = get(server, "/health").json()
    assert body["ready"] is True and body["checks"]["query"] == "answered"


def check_health_live(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/health/live")
    assert resp.status_code == 200 and resp.json()["status"] == "alive"


def check_resource(server: LiveServer, data_dir: Path) -> None:
    iri = a_person(server)
    path = "/id/" + iri.split("/id/", 1)[1]
    g = rdf(get(server, path, "text/turtle"), "turtle")
    assert (URIRef(iri), RDF.type, NG.Person) in g
    page = html(get(server, path, "text/html"))
    assert page.title.strip()


def check_metrics(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/metrics")
    assert resp.status_code == 200
    families = {f.name: f for f in text_string_to_metric_families(resp.text)}
    (sample,) = families["newsgraph_store_triples"].samples
    assert sample.value > 0


def check_ontology(server: LiveServer, data_dir: Path) -> None:
    g = rdf(get(server, "/ontology", "text/turtle"), "turtle")
    assert any(g.subjects(RDF.type, OWL.Ontology))


def check_ontology_slash(server: LiveServer, data_dir: Path) -> None:
    nt = rdf(get(server, "/ontology/", "application/n-triples"), "nt")
    assert isomorphic(nt, rdf(get(server, "/ontology", "text/turtle"), "turtle"))


def check_ontology_file(server: LiveServer, data_dir: Path) -> None:
    jsonld = rdf(get(server, "/ontology.jsonld"), "json-ld")
    rdfxml = rdf(get(server, "/ontology.rdf"), "xml")
    assert len(jsonld) == len(rdfxml) > 100
    assert get(server, "/ontology.exe").status_code == 404


def check_ontology_term(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/ontology/Meeting", allow_redirects=False)
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/ontology#Meeting")


def check_sparql_get(server: LiveServer, data_dir: Path) -> None:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?p a <{NG}Person> }}")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert int(rows[0]["n"]["value"]) > 0
    # Without a query: the Service Description, for an RDF client.
    g = rdf(get(server, "/sparql", "text/turtle"), "turtle")
    assert any(g.subjects(RDF.type, URIRef(SD + "Service")))


def check_sparql_post(server: LiveServer, data_dir: Path) -> None:
    sw = SPARQLWrapper(server.sparql)
    sw.setMethod(POST)
    sw.setQuery(f"ASK {{ ?p a <{NG}Person> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True  # type: ignore[index]
    resp = requests.post(
        server.sparql,
        data={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"},
        headers={"Accept": "text/tab-separated-values"},
        timeout=T,
    )
    assert len(Result.parse(io.BytesIO(resp.content), format="tsv").bindings) == 2


def check_static(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/static/newsgraph.css")
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/css")
    static = Path(kg_server.__file__).parent / "static"  # server/ in a checkout
    assert resp.content == (static / "newsgraph.css").read_bytes()


def check_validate_get(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/validate", "application/json")
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("application/json")
    report = resp.json()
    local = validate(load_union_graph(Config(data_dir=data_dir)))
    assert report["conforms"] is local.conforms
    assert sum(report["counts"].values()) == len(local.results)
    page = html(get(server, "/validate", "text/html"))
    assert "validat" in page.title.lower()


def check_validate_post(server: LiveServer, data_dir: Path) -> None:
    resp = requests.post(
        server.url + "/validate",
        data=serialized("turtle", broken=True).encode(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
        timeout=T,
    )
    assert resp.status_code == 200, resp.text
    report = json.loads(resp.text)
    assert report["conforms"] is False and report["counts"]["Violation"] == 1


ROUTES: dict[tuple[str, str], Callable[[LiveServer, Path], None]] = {
    ("/", "GET"): check_index,
    ("/.well-known/void", "GET"): check_void,
    ("/health", "GET"): check_health,
    ("/health/live", "GET"): check_health_live,
    ("/id/<path:rest>", "GET"): check_resource,
    ("/metrics", "GET"): check_metrics,
    ("/ontology", "GET"): check_ontology,
    ("/ontology/", "GET"): check_ontology_slash,
    ("/ontology.<ext>", "GET"): check_ontology_file,
    ("/ontology/<path:term>", "GET"): check_ontology_term,
    ("/sparql", "GET"): check_sparql_get,
    ("/sparql", "POST"): check_sparql_post,
    ("/static/<path:filename>", "GET"): check_static,
    ("/validate", "GET"): check_validate_get,
    ("/validate", "POST"): check_validate_post,
}


def test_every_route_of_the_app_has_a_served_check() -> None:
    app = create_app(Config(), store=ox.Store())
    routes = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    assert routes == set(ROUTES)


@pytest.mark.parametrize("route", list(ROUTES), ids=lambda r: f"{r[1]} {r[0]}")
def test_route_through_kg_serve(sample_server: LiveServer, sample_data_dir: Path, route) -> None:
    ROUTES[route](sample_server, sample_data_dir)
