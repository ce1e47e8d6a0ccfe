"""The integrators' first federated query, against the Wikidata stand-in, through the
real servers: thousands of local rows joined by sending their bindings in batches.

`?p owl:sameAs ?wd . SERVICE <wikidata> { ?wd wdt:P569 ?born }` evaluated on its own
would ask for every birth date the remote has; here the stand-in holds 30,000 (as
Wikidata holds millions) and the byte cap is set so that the full answer cannot
arrive. The bind join sends only the 3,000 items we link, 500 per call.
"""

from __future__ import annotations

import re

import pytest
import requests

from tests.conftest import start_server, stop_server
from tests.federation_support import STANDIN_ITEM, bind_join_data

WIKIDATA = "https://query.wikidata.org/sparql"
LOCAL_ROWS = 3000
REMOTE_ITEMS = 30000
QUERY = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?p ?born WHERE {
  ?p owl:sameAs ?wd .
  SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P569 ?born }
}"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory):
    ours_dir, standin_dir = bind_join_data(
        tmp_path_factory.mktemp("bind"), LOCAL_ROWS, REMOTE_ITEMS
    )
    standin = start_server(standin_dir, NEWSGRAPH_RATE_LIMIT="0")
    ours = start_server(
        ours_dir,
        NEWSGRAPH_SERVICE_MAP=f"{WIKIDATA}={standin.sparql}",
        NEWSGRAPH_SERVICE_MAX_BYTES=str(2_000_000),
        NEWSGRAPH_SERVICE_BATCH="500",
        NEWSGRAPH_RATE_LIMIT="0",
    )
    yield ours, standin
    stop_server(ours)
    stop_server(standin)


def post(server, query: str) -> requests.Response:
    return requests.post(
        server.sparql,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )


def test_bind_join_answers_with_thousands_of_local_rows(servers) -> None:
    ours, standin = servers
    resp = post(ours, QUERY)
    assert resp.status_code == 200, resp.text
    bindings = resp.json()["results"]["bindings"]
    # every synthetic person, and Putin (linked in the fixture, born in the slice)
    assert len(bindings) == LOCAL_ROWS + 1
    count = "SELECT (COUNT(DISTINCT ?wd) AS ?n) { ?p <http://www.w3.org/2002/07/owl#sameAs> ?wd }"
    linked = int(post(ours, count).json()["results"]["bindings"][0]["n"]["value"])
    assert LOCAL_ROWS < linked < LOCAL_ROWS + 100  # the fixture's own links come too
    report = resp.headers["X-Newsgraph-Service"]
    assert "mode=bind-join" in report and f"calls={-(-linked // 500)}" in report, report
    assert f"rows={LOCAL_ROWS + 1}" in report
    assert int(re.search(r"bytes=(\d+)", report).group(1)) < 2_000_000
    # The stand-in saw our User-Agent on every call.
    log = (standin.data_dir / f"server-{standin.port}.log").read_text()
    assert log.count("newsgraph/0.1.0") >= 7


def test_the_same_block_on_its_own_hits_the_byte_cap(servers) -> None:
    ours, _ = servers
    alone = QUERY.replace("  ?p owl:sameAs ?wd .\n  SERVICE", "  SERVICE").replace(
        "?born }\n}", "?born }\n  ?p owl:sameAs ?wd .\n}"
    )
    resp = post(ours, alone)
    assert resp.status_code == 502, resp.text[:300]
    assert "exceeds" in resp.text


def test_results_match_the_remote_values(servers) -> None:
    ours, standin = servers
    resp = post(ours, QUERY.replace("SELECT ?p ?born", "SELECT ?p ?wd ?born"))
    got = {b["wd"]["value"]: b["born"]["value"] for b in resp.json()["results"]["bindings"]}
    sample = f"{STANDIN_ITEM}{10 * 7}"
    direct = requests.post(
        standin.sparql,
        data={"query": f"SELECT ?b {{ <{sample}> <http://www.wikidata.org/prop/direct/P569> ?b }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    ).json()["results"]["bindings"]
    assert got[sample] == direct[0]["b"]["value"]
