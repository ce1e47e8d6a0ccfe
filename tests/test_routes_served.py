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
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF
from rdflib.query import Result
from SPARQLWrapper import JSON, POST, SPARQLWrapper

import kg.server as kg_server
from kg.config import Config
from kg.namespaces import NG, SH
from kg.quality.validate import validate
from kg.server.app import create_app
from kg.store import load_union_graph
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


def check_complete(server: LiveServer, data_dir: Path) -> None:
    prefixes = get(server, "/api/complete?kind=prefix&q=sch").json()["items"]
    assert {"prefix": "schema", "namespace": "https://schema.org/"} in prefixes
    classes = get(server, "/api/complete?kind=class&q=ng:Meet").json()["items"]
    assert classes[0]["iri"] == str(NG.Meeting) and classes[0]["count"] > 0
    person = a_person(server)
    label = get(server, "/api/labels", params={"iri": person}).json()["labels"][person]["label"]
    hits = get(server, "/api/complete", params={"kind": "instance", "q": label[:5]}).json()
    assert person in {i["iri"] for i in hits["items"]}
    assert get(server, "/api/complete?kind=nothing").status_code == 400


def check_labels_get(server: LiveServer, data_dir: Path) -> None:
    person = a_person(server)
    got = get(server, "/api/labels", params={"iri": person}).json()["labels"][person]
    assert got["label"] and person.rsplit("/", 1)[1] in got["short"]


def check_labels_post(server: LiveServer, data_dir: Path) -> None:
    person = a_person(server)
    resp = requests.post(server.url + "/api/labels", json={"iris": [person]}, timeout=T)
    assert resp.json()["labels"][person]["label"]
    bad = requests.post(server.url + "/api/labels", json={"iris": "x"}, timeout=T)
    assert bad.status_code == 400 and "iris" in bad.json()["error"]


def check_browse(server: LiveServer, data_dir: Path) -> None:
    index = html(get(server, "/browse", "text/html"))
    assert any("class=" in h for h in index.hrefs)
    person = a_person(server)
    page = html(get(server, "/browse", "text/html", params={"class": str(NG.Person)}))
    assert any(h.endswith(person.split("/id/", 1)[1]) for h in page.hrefs)


def check_docs_index(server: LiveServer, data_dir: Path) -> None:
    page = html(get(server, "/docs", "text/html"))
    assert "/docs/endpoint" in page.hrefs
    assert html(get(server, "/docs/", "text/html")).hrefs == page.hrefs


def check_docs_page(server: LiveServer, data_dir: Path) -> None:
    page = html(get(server, "/docs/endpoint", "text/html"))
    assert page.title.strip()
    assert get(server, "/docs/no-such-page").status_code == 404


def check_graph_store_get(server: LiveServer, data_dir: Path) -> None:
    g = rdf(get(server, "/rdf-graph-store?default", "text/turtle"), "turtle")
    assert any(g.subjects(RDF.type, NG.Person))


def check_graph_store_write(method: str) -> Callable[[LiveServer, Path], None]:
    def check(server: LiveServer, data_dir: Path) -> None:
        resp = requests.request(
            method,
            server.url + "/rdf-graph-store?graph=urn:x",
            data=b"<urn:a> <urn:b> <urn:c> .",
            headers={"Content-Type": "text/turtle"},
            timeout=T,
        )
        assert resp.status_code == 403 and "NEWSGRAPH_UPDATE" in resp.text  # read-only here

    return check


def check_reconcile_get(server: LiveServer, data_dir: Path) -> None:
    manifest = get(server, "/reconcile").json()
    assert manifest["name"] and manifest["identifierSpace"]
    label = get(server, "/api/labels", params={"iri": a_person(server)}).json()
    (name,) = [v["label"] for v in label["labels"].values()]
    got = get(server, "/reconcile", params={"query": name}).json()["result"]
    assert got and got[0]["name"] == name


def check_reconcile_post(server: LiveServer, data_dir: Path) -> None:
    person = a_person(server)
    name = get(server, "/api/labels", params={"iri": person}).json()["labels"][person]["label"]
    queries = json.dumps({"q0": {"query": name, "type": "Person"}})
    got = requests.post(server.url + "/reconcile", data={"queries": queries}, timeout=T).json()
    assert got["q0"]["result"][0]["name"] == name
    bad = requests.post(server.url + "/reconcile", data={"queries": "{"}, timeout=T)
    assert bad.status_code == 400


def check_reconcile_preview(server: LiveServer, data_dir: Path) -> None:
    person = a_person(server)
    name = get(server, "/api/labels", params={"iri": person}).json()["labels"][person]["label"]
    (hit,) = get(server, "/reconcile", params={"query": name}).json()["result"][:1]
    page = html(get(server, "/reconcile/preview", "text/html", params={"id": hit["id"]}))
    assert page.title == name
    assert get(server, "/reconcile/preview?id=nothing").status_code == 404


def check_reconcile_suggest(server: LiveServer, data_dir: Path) -> None:
    types = get(server, "/reconcile/suggest/type?prefix=pers").json()["result"]
    assert [t["id"] for t in types] == ["Person"]
    person = a_person(server)
    name = get(server, "/api/labels", params={"iri": person}).json()["labels"][person]["label"]
    found = get(server, "/reconcile/suggest/entity", params={"prefix": name[:4]}).json()
    assert name in {e["name"] for e in found["result"]}


SHAPE = "Person-label-min"  # one shape with a page of its own


def check_shapes(server: LiveServer, data_dir: Path) -> None:
    g = rdf(get(server, "/shapes", "text/turtle"), "turtle")
    shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    assert len(shapes) > 20
    page = html(get(server, "/shapes", "text/html"))
    assert any(h.endswith(SHAPE) for h in page.hrefs)


def check_shapes_slash(server: LiveServer, data_dir: Path) -> None:
    nt = rdf(get(server, "/shapes/", "application/n-triples"), "nt")
    assert isomorphic(nt, rdf(get(server, "/shapes", "text/turtle"), "turtle"))


def check_shapes_file(server: LiveServer, data_dir: Path) -> None:
    jsonld = rdf(get(server, "/shapes.jsonld"), "json-ld")
    assert isomorphic(jsonld, rdf(get(server, "/shapes", "text/turtle"), "turtle"))
    assert get(server, "/shapes.exe").status_code == 404


def check_shape_page(server: LiveServer, data_dir: Path) -> None:
    page = html(get(server, f"/shapes/{SHAPE}", "text/html"))
    assert SHAPE in page.title or page.title.strip()
    g = rdf(get(server, f"/shapes/{SHAPE}", "text/turtle"), "turtle")
    assert any(str(s).endswith(SHAPE) for s in g.subjects())
    assert get(server, "/shapes/No-such-shape", "text/html").status_code == 404


def check_shapes_example(server: LiveServer, data_dir: Path) -> None:
    resp = get(server, "/shapes/example.trig")
    assert resp.headers["Content-Type"].startswith("application/trig")
    ds = Dataset()
    ds.parse(data=resp.content, format="trig")
    assert any(ds.quads((None, RDF.type, NG.Person, None)))


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
    ("/api/complete", "GET"): check_complete,
    ("/api/labels", "GET"): check_labels_get,
    ("/api/labels", "POST"): check_labels_post,
    ("/browse", "GET"): check_browse,
    ("/docs", "GET"): check_docs_index,
    ("/docs/", "GET"): check_docs_index,
    ("/docs/<name>", "GET"): check_docs_page,
    ("/rdf-graph-store", "GET"): check_graph_store_get,
    ("/rdf-graph-store", "PUT"): check_graph_store_write("PUT"),
    ("/rdf-graph-store", "POST"): check_graph_store_write("POST"),
    ("/rdf-graph-store", "DELETE"): check_graph_store_write("DELETE"),
    ("/reconcile", "GET"): check_reconcile_get,
    ("/reconcile", "POST"): check_reconcile_post,
    ("/reconcile/preview", "GET"): check_reconcile_preview,
    ("/reconcile/suggest/<kind>", "GET"): check_reconcile_suggest,
    ("/shapes", "GET"): check_shapes,
    ("/shapes/", "GET"): check_shapes_slash,
    ("/shapes.<ext>", "GET"): check_shapes_file,
    ("/shapes/<name>", "GET"): check_shape_page,
    ("/shapes/example.trig", "GET"): check_shapes_example,
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
