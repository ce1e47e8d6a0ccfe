"""The W3C Graph Store HTTP Protocol tests (tests/w3c_gsp.py) against the real server,
plus the parts of the protocol the suite leaves out: the whole-dataset dump, gzip,
HEAD, and writes refused without the admin token."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
import requests

from tests import w3c_gsp
from tests.conftest import start_server, stop_server
from tests.test_w3c_suites import empty_data_dir

TOKEN = "gsp-token"
TESTS = w3c_gsp.parse() if w3c_gsp.TESTS_TXT.exists() else []

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    live = start_server(
        empty_data_dir(tmp_path_factory.mktemp("gsp")),
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=TOKEN,
        NEWSGRAPH_RATE_LIMIT="0",
    )
    yield live
    stop_server(live)


@pytest.fixture(scope="module")
def runner(server):
    return w3c_gsp.GspRunner(server.url, TOKEN)


@pytest.mark.skipif(not TESTS, reason="run scripts/setup.sh --test (W3C suites)")
def test_suite_has_thirteen_tests() -> None:
    assert len(TESTS) == 13


@pytest.mark.parametrize("index", range(len(TESTS)), ids=[t.name for t in TESTS])
def test_w3c_gsp(server, runner, index: int) -> None:
    """The W3C suite is one sequence: each test starts from the state the ones before it
    left. So that the order pytest runs them in does not matter (shuffled, reversed, one
    alone), each starts from an empty store and first replays the ones before it (their
    own problems are reported by their own tests)."""
    dropped = requests.post(
        server.sparql,
        data=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert dropped.status_code in (200, 204), dropped.text
    for earlier in TESTS[:index]:
        runner.run(earlier)
    problems = runner.run(TESTS[index])
    assert not problems, "\n".join(problems)


def test_dump_of_the_seeds_graph(live_server) -> None:
    """The whole dataset of the built seeds, streamed as gzip'd N-Quads, reloads whole."""
    resp = requests.get(
        f"{live_server.url}/rdf-graph-store",
        headers={"Accept": "application/n-quads", "Accept-Encoding": "gzip"},
        timeout=60,
        stream=True,
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Encoding"] == "gzip"
    assert "Content-Length" not in resp.headers  # streamed
    raw = resp.raw.read(decode_content=False)
    quads = list(ox.parse(gzip.decompress(raw), ox.RdfFormat.N_QUADS))
    count = requests.get(
        live_server.sparql,
        params={
            "query": "SELECT (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        },
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert len(quads) == int(count) > 1000
    head = requests.head(f"{live_server.url}/rdf-graph-store", timeout=10)
    assert head.status_code == 200 and head.headers["Content-Type"].startswith("application/trig")


def test_one_graph_in_every_format(live_server) -> None:
    graph = "https://w3id.org/newsgraph/ontology"
    types = ("text/turtle", "application/n-triples", "application/ld+json")
    for media_type in types + ("application/rdf+xml", "application/trig", "application/n-quads"):
        resp = requests.get(
            f"{live_server.url}/rdf-graph-store",
            params={"graph": graph},
            headers={"Accept": media_type},
            timeout=30,
        )
        assert resp.status_code == 200, (media_type, resp.text[:200])
        assert resp.headers["Content-Type"].startswith(media_type)
    missing = requests.get(
        f"{live_server.url}/rdf-graph-store", params={"graph": "http://nowhere/g"}, timeout=10
    )
    assert missing.status_code == 404
    triples_only = requests.get(
        f"{live_server.url}/rdf-graph-store", headers={"Accept": "text/turtle"}, timeout=10
    )
    assert triples_only.status_code == 406  # a dataset needs TriG, N-Quads or JSON-LD


def test_writes_need_the_token(server, live_server) -> None:
    body = b"<http://a> <http://b> <http://c> ."
    headers = {"Content-Type": "application/n-triples"}
    url = f"{server.url}/rdf-graph-store"
    assert requests.put(url, params={"default": ""}, data=body, headers=headers).status_code == 401
    wrong = {**headers, "Authorization": "Bearer nope"}
    assert requests.post(url, params={"default": ""}, data=body, headers=wrong).status_code == 401
    assert requests.delete(url, params={"default": ""}).status_code == 401
    # a read-only server refuses writes whatever the token
    ro = requests.put(
        f"{live_server.url}/rdf-graph-store",
        params={"default": ""},
        data=body,
        headers={**headers, "Authorization": f"Bearer {TOKEN}"},
    )
    assert ro.status_code == 403
