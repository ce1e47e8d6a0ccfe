"""The W3C SPARQL 1.1 Protocol (34) and Service Description (3) tests, over real HTTP.

The store is built from the manifest's data files (each loaded into the graph its
ut:graphData label names) through the same atomic-build API `kg build` uses, and
served by the real `kg serve`. The update tests need SPARQL Update, so
the main server runs with it enabled and an admin token; a second, read-only
server shows the query tests pass without it and updates are refused.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg.config import Config
from kg.store import begin_build
from tests.conftest import start_server, stop_server
from tests.w3c_protocol import (
    PROTOCOL_MANIFEST,
    SD_TESTS,
    all_graph_data,
    load_protocol_tests,
    load_sd_test_names,
    run_protocol_test,
)

TOKEN = "w3c-test-token"
TESTS = load_protocol_tests()
SD_NAMES = load_sd_test_names()


def build_w3c_store(data_dir: Path) -> None:
    pending = begin_build(Config(data_dir=data_dir))
    graphs = all_graph_data(TESTS)
    for graph, path in graphs.items():
        pending.store.load(
            path=str(PROTOCOL_MANIFEST.parent / path.name),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(graph),
        )
    pending.commit({"built": "w3c test data", "documents": sorted(graphs)})


@pytest.fixture(scope="module")
def w3c_server(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("w3c")
    build_w3c_store(data_dir)
    server = start_server(data_dir, NEWSGRAPH_UPDATE="1", NEWSGRAPH_ADMIN_TOKEN=TOKEN)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def w3c_readonly_server(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("w3c-ro")
    build_w3c_store(data_dir)
    server = start_server(data_dir)
    yield server
    stop_server(server)


def test_manifest_has_every_test() -> None:
    assert len(TESTS) == 34
    assert SD_NAMES == ["has-endpoint-triple", "returns-rdf", "conforms-to-schema"]


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(w3c_server, test) -> None:
    problems = run_protocol_test(w3c_server.sparql, test, TOKEN)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", SD_NAMES)
def test_service_description(w3c_server, name) -> None:
    problems = SD_TESTS[name](w3c_server.sparql)
    assert not problems, "\n".join(problems)


QUERY_TESTS = [t for t in TESTS if not t.is_update]


@pytest.mark.parametrize("test", QUERY_TESTS, ids=[t.name for t in QUERY_TESTS])
def test_protocol_query_tests_read_only(w3c_readonly_server, test) -> None:
    problems = run_protocol_test(w3c_readonly_server.sparql, test)
    assert not problems, "\n".join(problems)


def test_update_refused_when_disabled(w3c_readonly_server) -> None:
    resp = requests.post(
        w3c_readonly_server.sparql,
        data=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    assert resp.status_code == 403
    assert resp.headers["Content-Type"].startswith("text/plain")
    assert "disabled" in resp.text
    ask = requests.get(
        w3c_readonly_server.sparql,
        params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert ask.json()["boolean"] is True
