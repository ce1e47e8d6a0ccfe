"""GET/POST /validate and /shapes with Flask's test client, a server thread and `kg serve`."""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from werkzeug.serving import make_server

from kg.namespaces import NG, SH
from kg.quality.examples import MUTATIONS, NGSH
from kg.quality.rdf_input import union_graph
from kg.server import ontology_views, shapes_views, validate_views
from tests.conftest import LiveServer

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
    app.register_blueprint(shapes_views.bp)
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


# ---- no silent pass over HTTP -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"# only a comment\n", "holds no triple"),
        (b"<http://e/a> <http://e/b> <http://e/c> .\n", "nothing was checked"),
    ],
)
def test_post_nothing_to_validate_is_400(client: FlaskClient, body: bytes, message: str) -> None:
    response = client.post("/validate", data=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_post_shapes_without_target_is_400(client: FlaskClient) -> None:
    shapes = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://e/S> a sh:NodeShape ; sh:property [ sh:path <http://e/p> ; sh:minCount 1 ] .\n"
    )
    response = client.post(
        "/validate",
        data={
            "data": (io.BytesIO(graph().serialize(format="turtle").encode()), "g.ttl"),
            "shapes": (io.BytesIO(shapes.encode()), "shapes.ttl"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "has a target" in response.get_data(as_text=True)


# ---- /shapes ---------------------------------------------------------------------------------


def test_shapes_document_by_content_negotiation(client: FlaskClient) -> None:
    from kg.resources import load_shapes, shapes_text

    turtle = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.get_data(as_text=True) == shapes_text()
    for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        response = client.get("/shapes", headers={"Accept": accept})
        assert response.mimetype == accept
        assert isomorphic(
            Graph().parse(data=response.get_data(as_text=True), format=fmt), load_shapes()
        )
    assert client.get("/shapes.jsonld").mimetype == "application/ld+json"
    page = client.get("/shapes", headers={"Accept": "text/html"}).get_data(as_text=True)
    for name in MUTATIONS:
        assert f'href="/shapes/{name}"' in page, name


def test_every_shape_page_shows_message_severity_and_a_violating_example(
    client: FlaskClient,
) -> None:
    from kg.server.shapes_views import documentation

    docs = documentation()
    assert set(docs) == set(MUTATIONS)
    for name, doc in docs.items():
        page = client.get(f"/shapes/{name}", headers={"Accept": "text/html"}).get_data(as_text=True)
        assert str(escape(doc.message)) in page, name
        assert f'class="sev {doc.severity}"' in page
        assert "Example of data that violates it" in page
        assert f"[{doc.severity}]" in page, f"{name}: the example does not make the shape fire"
    response = client.get("/shapes/Deployment-personnel-min0", headers={"Accept": "text/turtle"})
    shape = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert (URIRef(NGSH + "Deployment-personnel-min0"), SH.minInclusive, Literal(0)) in shape
    assert client.get("/shapes/NoSuchShape").status_code == 404
    example = client.get("/shapes/example.trig")
    assert example.mimetype == "application/trig" and "ng:Document" in example.get_data(
        as_text=True
    )


# ---- reports link to shapes and focus nodes on this server; all results, paged -----------


def test_report_pages_and_links_on_the_real_server(live_server: LiveServer) -> None:
    url = live_server.url + "/validate"
    report = requests.get(url, headers={"Accept": "application/json"}, timeout=60).json()
    total = sum(s["count"] for s in report["shapes"])
    assert report["conforms"] is False and report["failed"] is False and total > 5
    for shape in report["shapes"]:
        assert requests.get(shape["shapeUrl"], timeout=30).status_code == 200
        for r in shape["results"]:
            assert r["focusNodeUrl"].startswith(live_server.url + "/id/")
    first = report["shapes"][0]["results"][0]["focusNodeUrl"]
    assert requests.get(first, headers={"Accept": "text/html"}, timeout=30).status_code == 200
    # HTML: 5 results a page, together every result once
    pages = -(-total // 5)
    seen: list[str] = []
    for page in range(1, pages + 1):
        html_page = requests.get(
            url, params={"page": page, "per_page": 5}, headers={"Accept": "text/html"}, timeout=60
        ).text
        assert f"page {page} of {pages}" in html_page
        seen += re.findall(r'<tr>\s*<td><a href="(/id/[^"]+)"', html_page)
        assert 'href="/shapes/' in html_page
    assert len(seen) == total
    expected = sorted(r["focusNodeUrl"] for s in report["shapes"] for r in s["results"])
    assert sorted(live_server.url + s for s in seen) == expected
    text = requests.get(url, params={"format": "text"}, timeout=60).text
    assert text.count("\n  - ") == total  # the text report from the server lists them all
    failing = requests.get(url, params={"fail-on": "warning", "format": "json"}, timeout=60).json()
    assert failing["failed"] is True and failing["failOn"] == "warning"


def test_only_http_iris_become_links_in_the_html_report(client: FlaskClient) -> None:
    body = (
        "<javascript:alert(1)> a <https://w3id.org/newsgraph/ontology#Meeting> ;\n"
        "  <https://w3id.org/newsgraph/ontology#location> <data:text/html,boom> .\n"
    )
    response = client.post(
        "/validate", data=body, headers={"Content-Type": "text/turtle", "Accept": "text/html"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="javascript' not in page and 'href="data:' not in page
