"""Every IRI the seeds' graph mints under the base dereferences, as HTML and as Turtle."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef

from kg.namespaces import DEFAULT_BASE
from tests.conftest import start_server, stop_server

BROWSER = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def seeds_server(built_data_dir: Path):
    server = start_server(built_data_dir, NEWSGRAPH_RATE_LIMIT="0")
    yield server
    stop_server(server)


def _minted_iris(server) -> list[str]:
    query = (
        "SELECT DISTINCT ?x WHERE { GRAPH ?g { { ?x ?p ?o } UNION { ?s ?p ?x } } "
        f'FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{DEFAULT_BASE}")) }}'
    )
    resp = requests.get(
        server.sparql,
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    resp.raise_for_status()
    iris = {b["x"]["value"].split("#")[0] for b in resp.json()["results"]["bindings"]}
    # Graph names (documents, the inferred graph) are IRIs under the base too.
    return sorted(iris)


@pytest.mark.slow
def test_every_minted_iri_dereferences(seeds_server) -> None:
    iris = _minted_iris(seeds_server)
    assert len(iris) > 200

    def check(iri: str) -> str | None:
        path = seeds_server.url + "/" + iri[len(DEFAULT_BASE) - len("id/") :]
        html = requests.get(path, headers={"Accept": BROWSER}, timeout=30)
        if html.status_code != 200 or "text/html" not in html.headers["Content-Type"]:
            return f"{iri}: HTML {html.status_code}"
        ttl = requests.get(path, headers={"Accept": "text/turtle"}, timeout=30)
        if ttl.status_code != 200:
            return f"{iri}: Turtle {ttl.status_code}"
        g = Graph().parse(data=ttl.text, format="turtle")
        node = URIRef(iri)
        if (node, None, None) not in g and (None, None, node) not in g:
            return f"{iri}: the Turtle says nothing about it"
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [f for f in pool.map(check, iris) if f]
    assert not failures, failures[:10]
