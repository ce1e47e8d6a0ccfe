"""`NEWSGRAPH_STORE_IN_MEMORY=1`, and by default a build whose copy fits
`NEWSGRAPH_STORE_COPY_MB` (the seeds' does): the query processes answer from an in-memory
copy of the build. A real `kg serve` on the seeds' build must give the same answers as a
server reading the files (`NEWSGRAPH_STORE_COPY_MB=0`), through the heavy lane's query
processes (an aggregate is no request-thread lookup)."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.conftest import LiveServer, start_server, stop_server

JSON = "application/sparql-results+json"
QUERIES = [
    # an aggregate over the whole union: a query process answers it
    "SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type ORDER BY ?type",
    # named graphs and a join with OPTIONAL
    "SELECT ?m ?label ?date { GRAPH ?g { ?m a <https://w3id.org/newsgraph/ontology#Meeting> }"
    " OPTIONAL { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    " OPTIONAL { ?m <https://w3id.org/newsgraph/ontology#date> ?date } } ORDER BY ?m ?label ?date",
]


def answer(server: LiveServer, query: str) -> list[dict]:
    r = requests.post(server.sparql, data={"query": query}, headers={"Accept": JSON}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()["results"]["bindings"]


def test_the_in_memory_copy_answers_as_the_store_on_disk(
    built_data_dir: Path, live_server: LiveServer
) -> None:
    files = start_server(built_data_dir, NEWSGRAPH_STORE_COPY_MB="0")
    forced = start_server(
        built_data_dir, NEWSGRAPH_STORE_IN_MEMORY="1", NEWSGRAPH_STORE_COPY_MB="0"
    )
    try:
        for query in QUERIES:
            on_disk = answer(files, query)
            assert on_disk, query  # the seeds give rows: an empty answer proves nothing
            assert answer(forced, query) == on_disk, query
            assert answer(live_server, query) == on_disk, query  # the default: a copy
    finally:
        stop_server(forced)
        stop_server(files)
