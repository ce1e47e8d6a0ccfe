"""kg.server.app's own wiring, in-process: error handlers, prefixes, the front page, caps.

tests/test_routes_served.py drives every route through the real `kg serve`; these pin
what create_app itself decides, each check one that a one-line slip in the factory
would break (they are the tests `make mutants` runs against kg/server/app.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg import __version__
from kg.config import Config
from kg.federation import QueryRefused
from kg.server.app import create_app
from kg.store import begin_build, materialize_union, open_current
from tests.test_validate_server import serialized

DATA = Path(__file__).parent.parent / "shapes" / "valid-example.trig"
TOKEN = {"Authorization": "Bearer t0ken"}


def loaded_store() -> ox.Store:
    store = ox.Store()
    store.load(DATA.read_bytes(), ox.RdfFormat.TRIG)
    materialize_union(store)
    return store


def named_graphs(store: ox.Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return loaded_store()


def test_405_names_the_allowed_methods(store: ox.Store) -> None:
    client = create_app(Config(), store=store).test_client()
    resp = client.delete("/sparql")
    assert resp.status_code == 405
    assert resp.headers["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert resp.mimetype == "text/plain"
    assert resp.get_data(as_text=True) == (
        "method DELETE is not allowed here; use GET, HEAD, OPTIONS, POST\n"
    )


def test_front_page_counts_the_named_graphs(store: ox.Store) -> None:
    client = create_app(Config(), store=store).test_client()
    page = client.get("/").get_data(as_text=True)
    counts = named_graphs(store)
    for graph in counts:
        assert graph in page
    # the default graph (their union, materialised) is not counted again
    shown = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", page)}
    assert sum(counts.values()) in shown
    assert len(store) not in shown


def test_turtle_answers_use_our_prefixes_but_not_id(store: ox.Store) -> None:
    client = create_app(Config(), store=store).test_client()
    resp = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s a ?o }"},
        headers={"Accept": "text/turtle"},
    )
    text = resp.get_data(as_text=True)
    assert "@prefix ng: <https://w3id.org/newsgraph/ontology#> ." in text
    assert "@prefix id:" not in text and "\\/" not in text
    assert len(Graph().parse(data=text, format="turtle")) > 0
    # The HTML pages and SPARQL JSON keep every prefix, id: included.
    app = create_app(Config(), store=store)
    assert app.extensions["newsgraph.prefixes"]["id"] == Config().base
    assert app.extensions["newsgraph.prefixes"]["wdt"] == "http://www.wikidata.org/prop/direct/"
    assert "id" not in app.extensions["newsgraph.rdf_prefixes"]
    assert (
        app.extensions["newsgraph.rdf_prefixes"]["ng"] == app.extensions["newsgraph.prefixes"]["ng"]
    )


def test_upload_cap_is_the_configured_one(store: ox.Store) -> None:
    app = create_app(Config(max_upload_bytes=2048), store=store)
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    resp = app.test_client().post(
        "/validate", data=b"#" * 4096, headers={"Content-Type": "text/turtle"}
    )
    assert resp.status_code == 413


def test_validate_reads_the_served_graph(store: ox.Store) -> None:
    client = create_app(Config(), store=store).test_client()
    report = client.get("/validate", headers={"Accept": "application/json"}).get_json()
    assert report["conforms"] is True
    broken = client.post(
        "/validate",
        data=serialized("turtle", broken=True).encode(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    ).get_json()
    assert broken["counts"]["Violation"] == 1


@pytest.mark.parametrize("path", ["/", "/validate", "/sparql?query=ASK%7B%7D", "/health"])
def test_no_build_yet_is_503_saying_so(tmp_path: Path, path: str) -> None:
    client = create_app(Config(data_dir=tmp_path)).test_client()
    resp = client.get(path, headers={"Accept": "application/json"})
    assert resp.status_code == 503, resp.get_data(as_text=True)
    assert "kg build" in resp.get_data(as_text=True) or resp.get_json()["ready"] is False


def test_a_build_landing_later_is_served(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    client = create_app(config).test_client()
    assert client.get("/").status_code == 503
    pending = begin_build(config)
    pending.store.load(DATA.read_bytes(), ox.RdfFormat.TRIG)
    pending.commit({"triples": 1})
    assert client.get("/").status_code == 200


def updatable(store: ox.Store):
    return create_app(Config(update_enabled=True, admin_token="t0ken"), store=store).test_client()


def test_update_with_service_is_refused_before_the_engine_sees_it() -> None:
    client = updatable(loaded_store())
    resp = client.post(
        "/sparql",
        data=b"INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        headers={"Content-Type": "application/sparql-update", **TOKEN},
    )
    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert resp.mimetype == "text/plain"
    assert "updates may not call SERVICE" in resp.get_data(as_text=True)


def test_load_is_refused_where_updates_are_on() -> None:
    client = updatable(loaded_store())
    resp = client.post(
        "/sparql",
        data=b"LOAD <http://127.0.0.1:9/graph.ttl>",
        headers={"Content-Type": "application/sparql-update", **TOKEN},
    )
    assert resp.status_code == 400 and "LOAD" in resp.get_data(as_text=True)
    ok = client.post(
        "/sparql",
        data=b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        headers={"Content-Type": "application/sparql-update", **TOKEN},
    )
    assert ok.status_code == 200, ok.get_data(as_text=True)


def test_front_page_of_a_remote_store(sample_server, sample_data_dir: Path) -> None:
    """With NEWSGRAPH_REMOTE_STORE the page counts the remote store's graphs (here our own
    endpoint serving the sample build, a real SPARQL 1.1 store)."""
    client = create_app(Config(remote_store=sample_server.sparql, rate_limit=0)).test_client()
    page = client.get("/").get_data(as_text=True)
    local = named_graphs(open_current(Config(data_dir=sample_data_dir)))
    for graph in local:
        assert graph in page
    shown = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", page)}
    assert sum(local.values()) in shown


def test_front_page_names_the_version_the_base_and_the_build(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path, rate_limit=0)
    pending = begin_build(config)
    pending.store.load(DATA.read_bytes(), ox.RdfFormat.TRIG)
    pending.commit({"built": "2026-01-02T03:04:05Z", "documents": ["a.txt", "b.txt"]})
    page = create_app(config).test_client().get("/").get_data(as_text=True)
    assert f"Version {__version__}." in page
    assert f"<code>{config.base}</code>" in page
    assert "Built 2026-01-02T03:04:05Z from 2 documents" in page


def test_configuration_comes_from_the_environment_by_default(monkeypatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_UPLOAD", "1234")
    app = create_app(store=loaded_store())
    assert app.config["MAX_CONTENT_LENGTH"] == 1234
    assert app.extensions["newsgraph.config"].max_upload_bytes == 1234


def test_refusals_keep_their_status_headers_and_message(store: ox.Store) -> None:
    """Anything that raises QueryRefused is answered as the refusal says."""
    app = create_app(Config(), store=store)

    def refuse() -> str:
        raise QueryRefused(429, "slow down  \n\n", {"Retry-After": "7"})

    app.add_url_rule("/refuse", "refuse", refuse)
    resp = app.test_client().get("/refuse")
    assert (resp.status_code, resp.mimetype) == (429, "text/plain")
    assert resp.headers["Retry-After"] == "7"
    assert resp.get_data(as_text=True) == "slow down\n"


def test_sparql_goes_to_the_remote_store(sample_server) -> None:
    client = create_app(Config(remote_store=sample_server.sparql, rate_limit=0)).test_client()
    resp = client.get(
        "/sparql",
        query_string={"query": "ASK { ?s a <https://w3id.org/newsgraph/ontology#Person> }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert resp.status_code == 200 and resp.get_json()["boolean"] is True
