"""Federation end to end: our server calling a Wikidata stand-in, and refusing the rest.

Three real servers, all on 127.0.0.1: ours (`kg serve` on a small fixture graph with
owl:sameAs links), a second `kg serve` holding a Wikidata slice that stands in for
https://query.wikidata.org/sparql through NEWSGRAPH_SERVICE_MAP, and a misbehaving
fake remote (sleeps, 429, oversized answers) that records every hit it receives.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, free_port, kg_env, run_kg, start_server, stop_server
from tests.federation_support import FIXTURE, SLICE, FakeRemote, load_data_dir

WIKIDATA = "https://query.wikidata.org/sparql"
SCHOLARLY = "https://query-scholarly.wikidata.org/sparql"
SLOW = "https://slow.test.invalid/sparql"
BUSY_ONCE = "https://busy-once.test.invalid/sparql"
BUSY = "https://busy.test.invalid/sparql"
BIG = "https://big.test.invalid/sparql"
DEAD = "https://dead.test.invalid/sparql"
OK = "https://ok.test.invalid/sparql"
SERVICE_TIMEOUT = 2.0
JSON_TYPE = "application/sparql-results+json"
PREFIXES = """PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def remote():
    fake = FakeRemote().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory):
    """A second newsgraph server holding the Wikidata slice."""
    server = start_server(load_data_dir(tmp_path_factory.mktemp("wikidata"), SLICE))
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def fed_env(standin, remote) -> dict[str, str]:
    dead_port = free_port()  # nothing listens there
    mapping = {
        WIKIDATA: standin.sparql,
        SCHOLARLY: f"http://127.0.0.1:{dead_port}/sparql",
        SLOW: remote.url("/sleep"),
        BUSY_ONCE: remote.url("/busy-once"),
        BUSY: remote.url("/busy"),
        BIG: remote.url("/big"),
        DEAD: f"http://127.0.0.1:{dead_port}/sparql",
        OK: remote.url("/ok"),
    }
    return {
        "NEWSGRAPH_SERVICE_ALLOWLIST": ",".join(mapping),
        "NEWSGRAPH_SERVICE_MAP": ",".join(f"{k}={v}" for k, v in mapping.items()),
        "NEWSGRAPH_SERVICE_TIMEOUT": str(SERVICE_TIMEOUT),
        "NEWSGRAPH_SERVICE_MAX_BYTES": "100000",
        "NEWSGRAPH_RATE_LIMIT": "0",
    }


@pytest.fixture(scope="module")
def fed_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_data_dir(tmp_path_factory.mktemp("fed"), FIXTURE)


@pytest.fixture(scope="module")
def fed(fed_data_dir: Path, fed_env: dict[str, str]):
    server = start_server(fed_data_dir, **fed_env)
    yield server
    stop_server(server)


def at(template: str, endpoint: str) -> str:
    """The query `template` with its `<E>` standing for `endpoint` (SPARQL braces make
    f-strings unreadable)."""
    return template.replace("<E>", f"<{endpoint}>")


def post(server, query: str, accept: str = JSON_TYPE, **kw) -> requests.Response:
    return requests.post(
        server.sparql, data={"query": query}, headers={"Accept": accept}, timeout=60, **kw
    )


def rows(resp: requests.Response) -> list[dict[str, str]]:
    assert resp.status_code == 200, resp.text
    return [{k: v["value"] for k, v in b.items()} for b in resp.json()["results"]["bindings"]]


# ---------------------------------------------------------------------- joined rows


def test_capitals_of_ots_participants_via_standin(fed, standin) -> None:
    query = (ROOT / "queries" / "federated-ots-capitals.rq").read_text()
    got = [(r["countryName"], r["capitalName"]) for r in rows(post(fed, query))]
    assert got == [
        ("Azerbaijan", "Baku (test stand-in)"),
        ("Hungary", "Budapest (test stand-in)"),
        ("Kazakhstan", "Astana"),
        ("Türkiye", "Ankara (test stand-in)"),
    ]


def test_csto_members_against_contributors(fed) -> None:
    query = (ROOT / "queries" / "federated-csto-contributors.rq").read_text()
    got = {
        r["name"]: (r["memberPerWikidata"], r["contributedTroops"]) for r in rows(post(fed, query))
    }
    assert got == {
        "Armenia": ("true", "true"),
        "Belarus": ("true", "true"),
        "Freedonia": ("false", "true"),  # unlinked: Wikidata cannot vouch for it
        "Kazakhstan": ("true", "false"),  # the destination, not a contributor
        "Kyrgyzstan": ("true", "true"),
        "Russia": ("true", "true"),
        "Tajikistan": ("true", "true"),
    }


def test_birth_dates_example_is_a_bind_join(fed) -> None:
    query = (ROOT / "queries" / "federated-birth-dates.rq").read_text()
    resp = post(fed, query)
    assert [(r["name"], r["born"]) for r in rows(resp)] == [
        ("Vladimir Putin", "1952-10-07T00:00:00Z")
    ]
    assert "mode=bind-join calls=1" in resp.headers["X-Newsgraph-Service"]


def test_standin_receives_our_user_agent(fed, standin) -> None:
    query = PREFIXES + at("SELECT ?l { SERVICE <E> { wd:Q232 rdfs:label ?l } }", WIKIDATA)
    assert rows(post(fed, query)) == [{"l": "Kazakhstan"}]
    ceiling = time.monotonic() + 60  # never the point: the line usually lands at once
    log = ""
    while time.monotonic() < ceiling:  # the access log line may come just after the answer
        log = (standin.data_dir / f"server-{standin.port}.log").read_text()
        if "newsgraph/" in log:
            break
        time.sleep(0.1)
    assert "newsgraph/0.1.0 (+newsgraph-operator@example.org)" in log


def test_kg_query_federates_too(fed_data_dir: Path, fed_env: dict[str, str]) -> None:
    query = PREFIXES + at(
        "SELECT DISTINCT ?l { <https://w3id.org/newsgraph/id/country/kazakhstan> owl:sameAs ?i "
        "SERVICE <E> { ?i wdt:P36/rdfs:label ?l } }",
        WIKIDATA,
    )
    proc = run_kg("query", query, "--format", "csv", env=kg_env(fed_data_dir, **fed_env))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["l", "Astana"]


def test_remote_variables_outside_the_block_are_dropped(fed, remote) -> None:
    got = rows(post(fed, at("SELECT ?x ?stray { SERVICE <E> { ?x ?p ?o } }", OK)))
    assert sorted(got, key=lambda r: r["x"]) == [
        {"x": "from the remote"},
        {"x": "http://example.org/thing"},
    ]


# ---------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://example.org/sparql",
        "http://10.0.0.7/sparql",
        "http://192.168.1.1:8890/sparql",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:{remote}/ok",
        "http://localhost:{remote}/ok",
        "http://[::1]:{remote}/ok",
        "file:///etc/passwd",
        "ftp://query.wikidata.org/sparql",
    ],
)
def test_service_elsewhere_is_refused_naming_it(fed, remote, endpoint: str) -> None:
    endpoint = endpoint.format(remote=remote.port)
    before = len(remote.hits)
    resp = post(fed, at("SELECT * { SERVICE <E> { ?s ?p ?o } }", endpoint))
    assert resp.status_code == 400, resp.text
    assert resp.headers["Content-Type"].startswith("text/plain")
    assert f"<{endpoint}>" in resp.text and "refused" in resp.text
    assert len(remote.hits) == before  # refused before any connection


def test_variable_service_is_refused(fed) -> None:
    resp = post(fed, at("SELECT * { VALUES ?e { <E> } SERVICE ?e { ?s ?p ?o } }", WIKIDATA))
    assert resp.status_code == 400
    assert "SERVICE ?e" in resp.text


def test_silent_refusal_is_the_one_empty_solution_named_in_a_header(fed, remote) -> None:
    before = len(remote.hits)
    query = "SELECT ?y { VALUES ?y { 1 2 } SERVICE SILENT <http://10.1.2.3/sparql> { ?s ?p ?o } }"
    resp = post(fed, query)
    assert sorted(r["y"] for r in rows(resp)) == ["1", "2"]
    assert "http://10.1.2.3/sparql" in resp.headers["X-Newsgraph-Warning"]
    assert len(remote.hits) == before


def test_relative_service_is_refused_by_policy_not_syntax(fed) -> None:
    resp = post(fed, "SELECT * { SERVICE <elsewhere> { ?s ?p ?o } }")
    assert resp.status_code == 400
    assert f"<{fed.url}/elsewhere>" in resp.text and "syntax" not in resp.text
    resp = post(fed, "SELECT * { SERVICE SILENT <elsewhere> { ?s ?p ?o } }")
    assert rows(resp) == [{}]


def test_queries_mentioning_service_are_not_refused_by_a_second_parser(fed) -> None:
    query = (
        "# the sd: namespace is about services\n"
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
        "SELECT * FROM <relative-graph> WHERE { ?s sd:x -1.5 }"
    )
    assert rows(post(fed, query)) == []


def test_service_hidden_in_exists_or_subquery_is_checked(fed) -> None:
    for query in [
        "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://10.9.9.9/> { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s { SERVICE <http://10.9.9.9/> { ?s ?p ?o } } } }",
        "ASK { OPTIONAL { SERVICE <http://10.9.9.9/> { ?s ?p ?o } } }",
    ]:
        resp = post(fed, query)
        assert resp.status_code == 400, query
        assert "http://10.9.9.9/" in resp.text


def test_from_and_from_named_fetch_nothing(fed, remote) -> None:
    graph, named = remote.url("/graph.ttl"), remote.url("/named.ttl")
    for query in [
        f"SELECT * FROM <{graph}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{named}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"ASK FROM <{graph}> FROM NAMED <{named}> {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{graph}> WHERE {{ ?s ?p ?o }}",
    ]:
        resp = post(fed, query, accept=f"{JSON_TYPE}, text/turtle")
        assert resp.status_code == 200, resp.text
        assert "http://a" not in resp.text  # the remote file's triple never arrives
    # Each answer above was complete before we read it, so a fetch it made is already
    # recorded; a direct request (to a path of its own: the fixture is shared) proves the
    # recorder is listening.
    requests.get(remote.url("/probe-from-test"), timeout=30)
    assert len(remote.hits_for("/probe-from-test")) == 1
    assert remote.hits_for("/graph") == [] and remote.hits_for("/named") == []


def test_from_names_a_graph_in_the_store(fed) -> None:
    doc_b = "https://w3id.org/newsgraph/id/doc/bbbbbbbbbbbbbbbb"
    query = PREFIXES + f"SELECT DISTINCT ?c FROM <{doc_b}> WHERE {{ ?c a ng:Country }} ORDER BY ?c"
    got = [r["c"].rsplit("/", 1)[1] for r in rows(post(fed, query))]
    assert got == ["armenia", "belarus", "freedonia", "kazakhstan", "kyrgyzstan", "russia",
                   "tajikistan"]  # fmt: skip


def test_protocol_dataset_overrides_from(fed) -> None:
    doc_a = "https://w3id.org/newsgraph/id/doc/aaaaaaaaaaaaaaaa"
    doc_b = "https://w3id.org/newsgraph/id/doc/bbbbbbbbbbbbbbbb"
    query = PREFIXES + f'ASK FROM <{doc_a}> {{ ?c a ng:Country ; rdfs:label "Freedonia"@en }}'
    assert post(fed, query).json()["boolean"] is False  # Freedonia is only in doc b
    resp = requests.post(
        fed.sparql,
        data={"query": query, "default-graph-uri": doc_b},
        headers={"Accept": JSON_TYPE},
        timeout=30,
    )
    assert resp.json()["boolean"] is True


def test_load_is_refused(fed, remote) -> None:
    resp = post(fed, f"LOAD <{remote.url('/graph.ttl')}>")
    assert resp.status_code == 400
    resp = requests.post(
        fed.sparql,
        data=f"LOAD <{remote.url('/graph.ttl')}>".encode(),
        headers={"Content-Type": "application/sparql-update"},
        timeout=30,
    )
    # Updates are off on this server: refused as such, before LOAD is even looked at
    # (tests/test_app_wiring.py refuses LOAD where updates are on).
    assert resp.status_code == 403, resp.text
    assert "SPARQL Update is disabled" in resp.text
    assert remote.hits_for("/graph") == []


# ---------------------------------------------------------------------- remote failures


def test_silent_service_to_dead_endpoint_yields_rows(fed) -> None:
    query = "SELECT ?y ?x { VALUES ?y { 1 2 } SERVICE SILENT <E> { ?x ?p ?o } } ORDER BY ?y"
    assert rows(post(fed, at(query, DEAD))) == [{"y": "1"}, {"y": "2"}]


def test_dead_endpoint_without_silent_is_502_naming_it(fed) -> None:
    resp = post(fed, at("SELECT * { SERVICE <E> { ?x ?p ?o } }", DEAD))
    assert resp.status_code == 502
    assert DEAD in resp.text


def test_timeout_is_honoured(fed, remote) -> None:
    # The remote answers (with a row binding ?x) only after 3 x SERVICE_TIMEOUT: a 504,
    # or a SILENT call's row without ?x, can only come from our own timeout.
    assert remote.sleep_seconds >= 3 * SERVICE_TIMEOUT
    resp = post(fed, at("SELECT * { SERVICE <E> { ?x ?p ?o } }", SLOW))
    assert resp.status_code == 504, resp.text
    assert SLOW in resp.text and "no complete answer within 2 s" in resp.text
    query = at("SELECT ?y { BIND(1 AS ?y) SERVICE SILENT <E> { ?x ?p ?o } }", SLOW)
    assert rows(post(fed, query)) == [{"y": "1"}]


def test_429_with_short_retry_after_is_retried_once(fed, remote) -> None:
    before = len(remote.hits_for("/busy-once"))
    got = rows(post(fed, at("SELECT ?x { SERVICE <E> { ?x ?p ?o } }", BUSY_ONCE)))
    assert sorted(r["x"] for r in got) == ["from the remote", "http://example.org/thing"]
    assert len(remote.hits_for("/busy-once")) - before == 2


def test_429_beyond_budget_is_503_with_retry_after(fed, remote) -> None:
    before = len(remote.hits_for("/busy"))
    resp = post(fed, at("SELECT * { SERVICE <E> { ?x ?p ?o } }", BUSY))
    assert resp.status_code == 503
    assert resp.headers["Retry-After"] == "120"
    assert BUSY in resp.text
    assert len(remote.hits_for("/busy")) - before == 1


def test_oversized_response_is_refused(fed) -> None:
    resp = post(fed, at("SELECT * { SERVICE <E> { ?x ?p ?o } }", BIG))
    assert resp.status_code == 502
    assert BIG in resp.text and "exceeds" in resp.text


def test_remote_query_carries_prefixes_and_only_the_block(fed, remote) -> None:
    before = len(remote.hits)
    rows(post(fed, PREFIXES + at("SELECT ?x { ?a ?b ?c SERVICE <E> { ?x wdt:P31 wd:Q5 } }", OK)))
    sent = remote.hits[before].query
    assert "PREFIX wdt: <http://www.wikidata.org/prop/direct/>" in sent
    assert "SELECT * WHERE { ?x wdt:P31 wd:Q5 }" in sent
    assert "?a ?b ?c" not in sent


def test_long_service_block_goes_by_post(fed, remote) -> None:
    names = " ".join(f'"name {i}"' for i in range(300))
    before = len(remote.hits)
    query = at(f"SELECT ?x {{ SERVICE <E> {{ ?x ?p ?o VALUES ?o {{ {names} }} }} }}", OK)
    assert len(rows(post(fed, query))) == 2
    hit = remote.hits[before]
    assert hit.method == "POST" and '"name 299"' in hit.query


# ---------------------------------------------------------------------- SERVICE in


# IRIs spelled out in full: unpatched rdflib fails to parse `a` or a prefixed name
# inside SERVICE (its service_string re-scan has no prefix context).
JOIN_NAMES = (
    "SELECT DISTINCT ?name ?c WHERE { "
    'VALUES ?name { "Kazakhstan"@en "Freedonia"@en "Nowhere"@en } '
    "SERVICE <E> { ?c <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/newsgraph/ontology#Country> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name } } "
    "ORDER BY ?name"
)
EXPECTED_JOIN = [
    ("Freedonia", "https://w3id.org/newsgraph/id/country/freedonia"),
    ("Kazakhstan", "https://w3id.org/newsgraph/id/country/kazakhstan"),
]


def _run_python(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_pyoxigraph_engine_calls_our_endpoint(fed) -> None:
    code = (
        "import json, pyoxigraph as ox\n"
        f"res = ox.Store().query({at(JOIN_NAMES, fed.sparql)!r})\n"
        "print(json.dumps([[s['name'].value, s['c'].value] for s in res]))\n"
    )
    got = [tuple(r) for r in json.loads(_run_python(code))]
    assert sorted(got) == EXPECTED_JOIN


def test_rdflib_engine_calls_our_endpoint(fed) -> None:
    code = (
        "import json, rdflib\n"
        f"res = rdflib.Graph().query({at(JOIN_NAMES, fed.sparql)!r})\n"
        "print(json.dumps([[str(r[0]), str(r[1])] for r in res]))\n"
    )
    got = [tuple(r) for r in json.loads(_run_python(code))]
    assert sorted(got) == EXPECTED_JOIN


COMUNICA = ROOT / "tests" / "js" / "node_modules" / ".bin" / "comunica-sparql"


@pytest.mark.skipif(not COMUNICA.exists(), reason="run scripts/setup.sh --test (npm ci)")
def test_comunica_engine_calls_our_endpoint(fed, remote) -> None:
    # Comunica's local data: a Turtle document the fake remote serves on loopback.
    remote.files["/names.ttl"] = (
        b'<urn:x:q1> <urn:x:asks> "Kazakhstan"@en .\n'
        b'<urn:x:q2> <urn:x:asks> "Freedonia"@en .\n'
        b'<urn:x:q3> <urn:x:asks> "Nowhere"@en .\n',
        "text/turtle",
    )
    local = remote.url("/names.ttl")
    query = at(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?name ?c WHERE { ?q <urn:x:asks> ?name . "
        "SERVICE <E> { ?c a <https://w3id.org/newsgraph/ontology#Country> ; rdfs:label ?name } }",
        fed.sparql,
    )
    proc = subprocess.run(
        [str(COMUNICA), local, query, "-t", JSON_TYPE],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    got = sorted((b["name"]["value"], b["c"]["value"]) for b in data["results"]["bindings"])
    assert got == EXPECTED_JOIN
    # and Comunica querying our endpoint directly as a SPARQL source
    proc = subprocess.run(
        [str(COMUNICA), f"sparql@{fed.sparql}",
         "SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2002/07/owl#sameAs> "
         "<http://www.wikidata.org/entity/Q232> }", "-t", JSON_TYPE],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    got = {b["c"]["value"] for b in json.loads(proc.stdout)["results"]["bindings"]}
    assert got == {"https://w3id.org/newsgraph/id/country/kazakhstan"}


def _many_rows_query(n: int) -> str:
    values = " ".join(f'("Name {i}"@en <urn:x:{i}>)' for i in range(n))
    return (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f'SELECT ?tag ?c WHERE {{ VALUES (?name ?tag) {{ {values} ("Kazakhstan"@en <urn:x:kz>) }} '
        "?c rdfs:label ?name }"
    )


@pytest.mark.parametrize("accept", [JSON_TYPE, "application/sparql-results+xml"])
def test_long_get_with_many_values_rows(fed, accept: str) -> None:
    query = _many_rows_query(1500)
    resp = requests.get(
        fed.sparql,
        params={"query": query},
        headers={"Accept": f"{accept}, text/csv;q=0.5, */*;q=0.1"},
        timeout=60,
    )
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["Content-Type"].startswith(accept)
    assert "urn:x:kz" in resp.text and "country/kazakhstan" in resp.text


@pytest.mark.parametrize("how", ["form", "direct"])
def test_post_with_many_values_rows_and_accept_list(fed, how: str) -> None:
    query = _many_rows_query(3000)
    headers = {"Accept": "text/csv;q=0.2, application/sparql-results+xml, */*;q=0.1"}
    if how == "form":
        resp = requests.post(fed.sparql, data={"query": query}, headers=headers, timeout=60)
    else:
        headers["Content-Type"] = "application/sparql-query"
        resp = requests.post(fed.sparql, data=query.encode(), headers=headers, timeout=60)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["Content-Type"].startswith("application/sparql-results+xml")
    assert "urn:x:kz" in resp.text


def test_kg_query_refusal_exits_2_naming_the_endpoint(fed_data_dir: Path) -> None:
    proc = run_kg(
        "query", "SELECT * { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
        env=kg_env(fed_data_dir),
    )  # fmt: skip
    assert proc.returncode == 2
    assert "http://10.0.0.1/sparql" in proc.stderr and "refused" in proc.stderr


def test_kg_links_reports_coverage(fed_data_dir: Path) -> None:
    proc = run_kg("links", env=kg_env(fed_data_dir))
    assert proc.returncode == 0, proc.stderr
    assert "Country          10 of 11" in proc.stdout
    assert "Mukhtar Tileuberdi" in proc.stdout
    proc = run_kg("links", "--format", "json", env=kg_env(fed_data_dir))
    report = json.loads(proc.stdout)
    assert report["kinds"]["Person"] == {"total": 6, "linked": 1}
    assert report["kinds"]["Country"] == {"total": 11, "linked": 10}
    top = report["unlinked"][0]
    assert (top["name"], top["documents"]) == ("Mukhtar Tileuberdi", 2)
    assert "Freedonia" in {u["name"] for u in report["unlinked"]}
