"""Limits on a live server: timeouts, row cap, upload cap, rate limit, hostile queries."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import LiveServer, start_server, stop_server

JSON = "application/sparql-results+json"
SLOW = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)
# Generous guard against a hang; never a performance assertion.
HANG = 60


def copy_data(built: Path, dest: Path) -> Path:
    shutil.copytree(built, dest, ignore=shutil.ignore_patterns("server-*.log", "run"))
    return dest


@pytest.fixture(scope="module")
def limited(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data = copy_data(built_data_dir, tmp_path_factory.mktemp("limited") / "var")
    server = start_server(
        data,
        NEWSGRAPH_QUERY_TIMEOUT="2",
        NEWSGRAPH_MAX_ROWS="5",
        NEWSGRAPH_MAX_UPLOAD="65536",
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_QUERY_PROCESSES="2",
    )
    yield server
    stop_server(server)


def ask(server: LiveServer) -> requests.Response:
    return requests.post(
        server.sparql, data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON}, timeout=HANG
    )


def count(server: LiveServer) -> int:
    r = requests.post(
        server.sparql,
        data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
        headers={"Accept": JSON},
        timeout=HANG,
    )
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_timeout_answers_503_naming_the_limit_and_server_stays_responsive(limited) -> None:
    slow: list[requests.Response] = []
    t = threading.Thread(
        target=lambda: slow.append(
            requests.post(limited.sparql, data={"query": SLOW}, timeout=HANG)
        )
    )
    t.start()
    fast = ask(limited)  # answered by another worker while the slow one runs
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    t.join()
    assert slow[0].status_code == 503
    assert "2 s limit" in slow[0].text and "NEWSGRAPH_QUERY_TIMEOUT" in slow[0].text
    assert slow[0].headers["Content-Type"].startswith("text/plain")
    assert ask(limited).status_code == 200


def test_row_cap_is_visible(limited) -> None:
    r = requests.get(
        limited.sparql, params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": JSON}
    )
    assert r.status_code == 200
    assert r.headers["X-Newsgraph-Truncated"] == "max-rows=5"
    assert len(r.json()["results"]["bindings"]) == 5
    small = requests.get(
        limited.sparql, params={"query": "SELECT * { ?s ?p ?o } LIMIT 3"}, headers={"Accept": JSON}
    )
    assert "X-Newsgraph-Truncated" not in small.headers


def test_upload_cap_413(limited) -> None:
    body = "ASK {} #" + "x" * 100_000
    r = requests.post(
        limited.sparql,
        data=body.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=HANG,
    )
    assert r.status_code == 413
    assert "65536-byte limit" in r.text and "NEWSGRAPH_MAX_UPLOAD" in r.text
    form = requests.post(limited.sparql, data={"query": body}, timeout=HANG)
    assert form.status_code == 413
    assert ask(limited).status_code == 200


def test_chunked_body_over_the_cap_413(limited) -> None:
    """A body sent with Transfer-Encoding: chunked (no Content-Length) is held to the
    same NEWSGRAPH_MAX_UPLOAD as one with a length (reported: it was answered)."""

    def pieces(body: bytes):  # a generator body: requests sends it chunked
        for i in range(0, len(body), 4096):
            yield body[i : i + 4096]

    def post(data) -> requests.Response:
        return requests.post(
            limited.sparql,
            data=data,
            headers={"Content-Type": "application/sparql-query", "Accept": JSON},
            timeout=HANG,
        )

    over = ("ASK {} #" + "x" * 70_000).encode()
    r = post(pieces(over))
    assert r.request.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in r.request.headers
    assert r.status_code == 413, r.text
    assert r.text == "the request body is over the 65536-byte limit (NEWSGRAPH_MAX_UPLOAD)\n"
    # Under the cap, the same way, it is answered (positive control).
    under = ("ASK { ?s ?p ?o } #" + "x" * 5_000).encode()
    ok = post(pieces(under))
    assert ok.request.headers.get("Transfer-Encoding") == "chunked"
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    # The cap counts the body's bytes, not the chunks' framing: exactly 65536 bytes in
    # 4096-byte chunks is accepted, as it is with a Content-Length.
    at_cap = b"ASK { ?s ?p ?o } #" + b"x" * (65536 - 18)
    assert len(at_cap) == 65536
    for data in (at_cap, pieces(at_cap)):
        edge = post(data)
        assert edge.status_code == 200, edge.text
        assert edge.json()["boolean"] is True


HOSTILE = {
    "syntax error": ("SELECT ?x WHERE { ?x ?y }}", {400}),
    "not a query": ("\x00\x01\ufffd garbage ]]]", {400}),
    "5,000 nested groups": ("SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000, {400}),
    "5,000 nested parentheses": (
        "SELECT * { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        {400},
    ),
    "cartesian product": (SLOW, {503}),
    # Not SPARQL (a path is built from IRIs, not variables): a 400 saying where.
    "variable path ?p*": ("SELECT * { ?s ?p* ?o }", {400}),
    "any-predicate path over the graph": ("SELECT * { ?s (<urn:p>|!<urn:p>)* ?o }", {200, 503}),
    "path to everything, counted": (
        "SELECT (COUNT(*) AS ?n) { ?s (<urn:p>|!<urn:p>)* ?o . ?a ?b ?c . ?d ?e ?f }",
        {200, 503},
    ),
    "many flat filters": (
        "SELECT * { ?s ?p ?o " + "FILTER(true) " * 3000 + "}",
        {200, 503},
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_query_gets_4xx_or_timeout_then_normal_service(limited, name: str) -> None:
    query, allowed = HOSTILE[name]
    r = requests.post(limited.sparql, data={"query": query}, timeout=HANG)
    assert r.status_code in allowed, (r.status_code, r.text[:300])
    if r.status_code == 200:  # a whole SPARQL JSON answer within the row cap
        body = r.json()
        assert r.headers["Content-Type"].startswith(JSON)
        assert body["head"]["vars"] and len(body["results"]["bindings"]) <= 5
        if "COUNT" in query:
            assert int(body["results"]["bindings"][0]["n"]["value"]) > 0
    else:
        assert r.headers["Content-Type"].startswith("text/plain") and r.text.strip()
    if r.status_code == 503:  # the timeout, named; not a crashed or busy worker
        assert "2 s limit" in r.text and "NEWSGRAPH_QUERY_TIMEOUT" in r.text, r.text
    assert "died" not in r.text
    assert ask(limited).status_code == 200


def test_one_megabyte_queries(live_server) -> None:
    """Default limits: a 1 MB query is parsed (answer or 400), over GET and POST."""
    values = " ".join(f"<urn:x:{i}>" for i in range(80_000))
    big = f"SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ {values} }} }}"
    assert len(big) > 1_000_000
    r = requests.post(live_server.sparql, data={"query": big}, headers={"Accept": JSON})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "80000"
    junk = "SELECT * { " + "?s ?p " * 200_000
    r = requests.post(live_server.sparql, data={"query": junk}, timeout=HANG)
    assert r.status_code == 400
    r = requests.get(live_server.sparql, params={"query": big}, headers={"Accept": JSON})
    assert r.status_code == 200
    assert ask(live_server).status_code == 200


def test_health(limited) -> None:
    r = requests.get(f"{limited.url}/health", timeout=HANG)
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True and body["live"] is True
    assert body["checks"]["store"] == "open" and body["checks"]["query"] == "answered"
    assert body["triples"] > 0
    assert requests.get(f"{limited.url}/health/live").json()["status"] == "alive"


def test_metrics_prometheus_text(limited) -> None:
    requests.post(limited.sparql, data={"query": SLOW}, timeout=HANG)  # one timeout at least
    requests.post(limited.sparql, data={"query": "nonsense"}, timeout=HANG)
    r = requests.get(f"{limited.url}/metrics", timeout=HANG)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(r.text)}
    for name in (
        "newsgraph_http_requests",
        "newsgraph_http_request_duration_seconds",
        "newsgraph_query_timeouts",
        "newsgraph_rejections",
        "newsgraph_store_triples",
    ):
        assert name in families, sorted(families)
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in families.values()
        for s in f.samples
    }
    assert samples[("newsgraph_query_timeouts_total", ())] >= 1
    assert samples[("newsgraph_store_triples", ())] > 0
    statuses = {
        dict(k[1]).get("status") for k in samples if k[0] == "newsgraph_http_requests_total"
    }
    assert {"200", "400", "503"} <= statuses
    assert any(
        k[0] == "newsgraph_rejections_total" and dict(k[1]).get("status") == "400" for k in samples
    )
    assert any(k[0] == "newsgraph_http_request_duration_seconds_bucket" for k in samples)


def test_rate_limit_429_shared_by_workers(built_data_dir: Path, tmp_path: Path) -> None:
    data = copy_data(built_data_dir, tmp_path / "var")
    # start_server polls /sparql until it answers: those polls count too, so allow for them.
    server = start_server(
        data, NEWSGRAPH_RATE_LIMIT="20", NEWSGRAPH_RATE_WINDOW="600", NEWSGRAPH_QUERY_PROCESSES="1"
    )
    try:
        statuses = []
        retry = []
        for _ in range(40):  # a new connection each time
            r = requests.get(server.sparql, params={"query": "ASK {}"}, timeout=HANG)
            statuses.append(r.status_code)
            if r.status_code == 429:
                retry.append(int(r.headers["Retry-After"]))
                assert "NEWSGRAPH_RATE_LIMIT" in r.text
        assert set(statuses) == {200, 429}
        assert statuses.count(200) <= 20  # one budget for the whole server, not per worker
        assert all(s >= 1 for s in retry)
        assert requests.get(f"{server.url}/health").status_code == 200  # never limited
        metrics = requests.get(f"{server.url}/metrics").text
        assert 'newsgraph_rejections_total{reason="rate",status="429"}' in metrics
    finally:
        stop_server(server)
