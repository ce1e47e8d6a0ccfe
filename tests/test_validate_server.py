"""GET/POST /validate with Flask's test client and through a real server thread."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from werkzeug.serving import make_server

from kg.namespaces import NG, SH
from kg.quality.rdf_input import union_graph
from kg.server import ontology_views, validate_views

DATA = Path(__file__).parent.parent / "shapes" / "valid-example.trig"
CONT = URIRef("https://w3id.org/newsgraph/id/deployment/csto-kazakhstan-2022-01/kyrgyzstan")
MAX_UPLOAD = 64 * 1024


def graph(broken: bool = False) -> Graph:
    ds = Dataset()
    ds.parse(DATA, format="trig")
    g = union_graph(ds)
    if broken:
        g.remove((CONT, NG.personnel, None))
        g.add((CONT, NG.personnel, Literal(-150)))
    return g


def make_app(served: Graph | None = None) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    if served is not None:
        app.config["NEWSGRAPH_UNION_GRAPH"] = lambda: served
    app.register_blueprint(validate_views.bp)
    app.register_blueprint(ontology_views.bp)
    return app


def serialized(fmt: str, broken: bool = False) -> str:
    """The fixture in one syntax; quad syntaxes keep a named graph."""
    if fmt in ("nquads", "trig"):
        ds = Dataset()
        target = ds.graph(URIRef("https://w3id.org/newsgraph/id/doc/6c38946ab73631d4"))
        for t in graph(broken):
            target.add(t)
        return ds.serialize(format=fmt)
    return graph(broken).serialize(format=fmt)


@pytest.fixture
def client() -> FlaskClient:
    return make_app(graph(broken=True)).test_client()


def test_get_json_by_default_for_scripts(client: FlaskClient) -> None:
    response = client.get("/validate", headers={"Accept": "*/*"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    report = response.get_json()
    assert report["conforms"] is False
    assert report["counts"]["Violation"] == 1
    assert response.headers["X-Conforms"] == "false"
    assert "Accept" in response.headers["Vary"]


def test_get_html_for_browsers(client: FlaskClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/validate", headers={"Accept": accept})
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Does not conform" in page
    assert "ngsh:Deployment-personnel-min0" in page
    assert "<style>" in page and "http" not in page.split("<style>")[1].split("</style>")[0]


def test_get_turtle_and_text(client: FlaskClient) -> None:
    response = client.get("/validate", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    report = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert any(report.subjects(RDF.type, SH.ValidationReport))
    response = client.get("/validate?format=text")
    assert response.get_data(as_text=True).startswith("Conforms: no")


def test_q_values(client: FlaskClient) -> None:
    response = client.get("/validate", headers={"Accept": "application/json;q=0.5, text/turtle"})
    assert response.mimetype == "text/turtle"
    response = client.get("/validate", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_served_report_is_reused_until_the_graph_changes() -> None:
    served = graph()
    client = make_app(served).test_client()
    first = client.get("/validate?format=json").get_json()
    assert first["conforms"] is True
    served.remove((CONT, NG.personnel, None))
    served.add((CONT, NG.personnel, Literal(-1)))
    served.add((CONT, NG.personnel, Literal(-2)))  # size changed: validated again
    second = client.get("/validate?format=json").get_json()
    assert second["conforms"] is False


def test_get_without_a_served_graph_is_503() -> None:
    response = make_app(None).test_client().get("/validate")
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("content_type", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/n-quads", "nquads"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/trig", "trig"),
        (None, "turtle"),  # no Content-Type: sniffed
    ],
)
def test_post_each_format(client: FlaskClient, content_type: str | None, fmt: str) -> None:
    body = serialized(fmt, broken=True)
    headers = {"Accept": "application/json"}
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post("/validate", data=body.encode(), headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["counts"]["Violation"] == 1
    good = serialized(fmt)
    response = client.post("/validate", data=good.encode(), headers=headers)
    assert response.get_json()["conforms"] is True


def test_post_malformed_is_400_naming_the_line(client: FlaskClient) -> None:
    body = "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:d ex:e .\n"
    response = client.post("/validate", data=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "line 3" in text and "Turtle" in text


def test_post_empty_is_400(client: FlaskClient) -> None:
    response = client.post("/validate", data=b"", headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400


def test_post_too_large_is_413(client: FlaskClient) -> None:
    body = b"# " + b"x" * (MAX_UPLOAD + 10) + b"\n"
    response = client.post("/validate", data=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 413


def test_post_multipart_with_their_shapes(client: FlaskClient) -> None:
    shapes = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        "<http://e/TwoDates> a sh:NodeShape ; sh:targetClass ng:Meeting ;\n"
        "  sh:property [ sh:path ng:date ; sh:minCount 2 ] .\n"
    )
    response = client.post(
        "/validate?format=json",
        data={
            "data": (io.BytesIO(graph().serialize(format="turtle").encode()), "g.ttl"),
            "shapes": (io.BytesIO(shapes.encode()), "shapes.ttl"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    report = response.get_json()
    assert report["conforms"] is False
    [shape] = report["shapes"]  # only their shape ran (its anonymous property shape fired)
    assert {r["path"] for r in shape["results"]} == {"ng:date"}


def test_post_multipart_data_only_and_bad_part(client: FlaskClient) -> None:
    response = client.post(
        "/validate",
        data={"data": (io.BytesIO(graph().serialize(format="nt").encode()), "g.nt")},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert response.get_json()["conforms"] is True
    response = client.post(
        "/validate",
        data={"data": (io.BytesIO(b"<http://a> <http://b> .\n"), "g.nt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "line 1" in response.get_data(as_text=True)
    response = client.post("/validate", data={"other": "x"}, content_type="multipart/form-data")
    assert response.status_code == 400


# ---- a real server --------------------------------------------------------------------


@pytest.fixture
def live() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, make_app(graph()), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_real_server(live: str) -> None:
    response = requests.get(f"{live}/validate", headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200 and response.json()["conforms"] is True
    body = graph(broken=True).serialize(format="turtle")
    response = requests.post(
        f"{live}/validate",
        data=body.encode(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
        timeout=30,
    )
    assert json.loads(response.text)["counts"]["Violation"] == 1
    response = requests.post(
        f"{live}/validate",
        data=b"@prefix broken",
        headers={"Content-Type": "text/turtle"},
        timeout=30,
    )
    assert response.status_code == 400 and "line 1" in response.text
    response = requests.get(f"{live}/ontology", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200 and "ng:Meeting" in response.text
