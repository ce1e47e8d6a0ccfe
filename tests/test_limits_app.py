"""Request limits through the Flask app itself (in-memory store, no server process)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from prometheus_client import REGISTRY

from kg.config import Config
from kg.executor import Executor, InProcessExecutor
from kg.server.app import create_app
from kg.server.limits import RateLimiter, query_event
from kg.store import begin_build
from tests.test_executor import small_store


def app_client(**changes):
    config = Config(rate_limit=0, **changes)
    return create_app(config, store=small_store()).test_client()


def test_body_and_query_string_caps() -> None:
    client = app_client(max_upload_bytes=1000)
    big = "ASK {} #" + "x" * 2000
    r = client.post("/sparql", data=big, content_type="application/sparql-query")
    assert r.status_code == 413 and b"NEWSGRAPH_MAX_UPLOAD" in r.data
    r = client.get("/sparql", query_string={"query": big})
    assert r.status_code == 414 and b"POST the query instead" in r.data
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_in_process_executor_serves_the_endpoint_with_the_row_cap() -> None:
    client = app_client(max_rows=3)
    r = client.get(
        "/sparql",
        query_string={"query": "SELECT * { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
    )
    assert r.status_code == 200 and r.headers["X-Newsgraph-Truncated"] == "max-rows=3"
    assert (
        len(r.data.decode().strip().split("\r\n")) == 4
    )  # header + 3 rows (CSV records end in CRLF)


def test_health_and_metrics_without_gunicorn() -> None:
    client = app_client()
    health = client.get("/health")
    assert health.status_code == 200 and health.json["ready"] is True
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and b"newsgraph_store_triples" in metrics.data


class Clock:
    """A clock the test moves by hand: the bucket's arithmetic, without waiting."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("in_file", [True, False])
def test_rate_limiter_token_bucket(tmp_path: Path, in_file: bool) -> None:
    clock = Clock()
    path = tmp_path / "rl.sqlite3" if in_file else None
    limiter = RateLimiter(limit=2, window=1.0, path=path, clock=clock)
    assert limiter.hit("a") is None and limiter.hit("a") is None
    assert limiter.hit("a") == pytest.approx(0.5)  # 2 per second: one token every 0.5 s
    assert limiter.hit("b") is None  # per client
    clock.now += 0.25
    assert limiter.hit("a") == pytest.approx(0.25)  # half a token back, half to wait
    clock.now += 0.25
    assert limiter.hit("a") is None  # refilled
    assert limiter.hit("a") == pytest.approx(0.5)
    clock.now += 60
    assert [limiter.hit("a"), limiter.hit("a"), limiter.hit("a") is not None] == [None, None, True]


def test_rate_limiter_forgets_idle_buckets(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "rl.sqlite3"
    limiter = RateLimiter(limit=5, window=10.0, path=path, clock=clock)
    for i in range(500):
        limiter.hit(f"old{i}")
    clock.now += 10.5  # a whole window idle: their buckets are full again
    for i in range(499):
        limiter.hit(f"new{i}")
    rows = lambda: sqlite3.connect(path).execute("SELECT COUNT(*) FROM bucket").fetchone()[0]  # noqa: E731
    assert rows() == 999
    limiter.hit("new499")  # the 1000th hit sweeps
    assert rows() == 500


def test_rate_limiter_fails_open(tmp_path: Path, monkeypatch) -> None:
    limiter = RateLimiter(limit=1, window=60.0, path=tmp_path / "rl.sqlite3")
    assert limiter.hit("a") is None and limiter.hit("a") is not None

    def locked() -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(limiter, "_conn", locked)
    assert limiter.hit("a") is None  # the limiter never stops the server


def test_rate_limiter_shared_through_its_file(tmp_path: Path) -> None:
    path = tmp_path / "rl.sqlite3"
    one, two = RateLimiter(3, 60.0, path), RateLimiter(3, 60.0, path)
    assert [one.hit("c"), two.hit("c"), one.hit("c")] == [None, None, None]
    assert two.hit("c") is not None


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    config = Config(rate_limit=2, rate_window=7.0, data_dir=tmp_path)
    client = create_app(config, store=small_store()).test_client()
    before = sample("newsgraph_rejections_total", reason="rate", status="429")
    ok = [client.get("/sparql", query_string={"query": "ASK {}"}).status_code for _ in range(2)]
    assert ok == [200, 200]
    r = client.get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 429 and r.mimetype == "text/plain"
    assert r.headers["Retry-After"] == "4"  # 3.5 s to the next token, rounded up
    assert r.get_data(as_text=True) == (
        "too many requests from 127.0.0.1: the limit is 2 per 7 s (NEWSGRAPH_RATE_LIMIT);"
        " retry in 4 s\n"
    )
    assert sample("newsgraph_rejections_total", reason="rate", status="429") == before + 1
    # health, metrics and static files are never limited
    for path in ("/health", "/health/live", "/metrics", "/static/newsgraph.css"):
        assert client.get(path).status_code == 200, path


def test_caps_name_sizes_and_count_rejections() -> None:
    client = app_client(max_upload_bytes=100)
    before = sample("newsgraph_rejections_total", reason="upload", status="413")
    r = client.post("/sparql", data="ASK {} #" + "x" * 200, content_type="application/sparql-query")
    assert r.get_data(as_text=True) == (
        "208 bytes is over the 100-byte limit (NEWSGRAPH_MAX_UPLOAD)\n"
    )
    assert sample("newsgraph_rejections_total", reason="upload", status="413") == before + 1
    assert (
        client.post("/sparql", data="ASK {}", content_type="application/sparql-query").status_code
        == 200
    )
    exact = "ASK {} #" + "x" * 92  # 100 bytes: at the limit, not over it
    r = client.post("/sparql", data=exact, content_type="application/sparql-query")
    assert r.status_code == 200
    query = "ASK {} #" + "x" * 200
    r = client.get("/sparql", query_string={"query": query})
    length = len("query=") + len(
        query.replace(" ", "+").replace("{", "%7B").replace("}", "%7D").replace("#", "%23")
    )
    assert r.status_code == 414
    assert r.get_data(as_text=True) == (
        f"the query string is {length} bytes; the limit is 100 (NEWSGRAPH_MAX_UPLOAD):"
        " POST the query instead\n"
    )


def test_requests_truncations_and_client_errors_are_counted() -> None:
    client = app_client(max_rows=2)
    labels = {"endpoint": "/sparql", "method": "GET", "status": "200"}
    before = sample("newsgraph_http_requests_total", **labels)
    cut = sample("newsgraph_truncated_results_total")
    latency = sample("newsgraph_http_request_duration_seconds_count", endpoint="/sparql")
    r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert r.headers["X-Newsgraph-Truncated"] == "max-rows=2"
    assert sample("newsgraph_http_requests_total", **labels) == before + 1
    assert sample("newsgraph_truncated_results_total") == cut + 1
    assert (
        sample("newsgraph_http_request_duration_seconds_count", endpoint="/sparql") == latency + 1
    )
    client_errors = sample("newsgraph_rejections_total", reason="client-error", status="400")
    assert client.get("/sparql", query_string={"query": "SELEKT"}).status_code == 400
    assert (
        sample("newsgraph_rejections_total", reason="client-error", status="400")
        == client_errors + 1
    )
    unmatched = {"endpoint": "(unmatched)", "method": "GET", "status": "404"}
    before = sample("newsgraph_http_requests_total", **unmatched)
    assert client.get("/no/such/page").status_code == 404
    assert sample("newsgraph_http_requests_total", **unmatched) == before + 1


def test_query_events() -> None:
    timeouts = sample("newsgraph_query_timeouts_total")
    busy = sample("newsgraph_query_events_total", event="busy")
    query_event("busy")
    assert sample("newsgraph_query_events_total", event="busy") == busy + 1
    assert sample("newsgraph_query_timeouts_total") == timeouts
    query_event("timeout")
    assert sample("newsgraph_query_timeouts_total") == timeouts + 1


def test_health_without_a_build_is_503(tmp_path: Path) -> None:
    client = create_app(Config(data_dir=tmp_path, rate_limit=0)).test_client()
    r = client.get("/health")
    assert r.status_code == 503
    body = r.get_json()
    assert body["ready"] is False and body["live"] is True and body["status"] == "unavailable"
    assert body["checks"]["store"].startswith("unavailable: no graph built yet")
    assert "query" not in body["checks"]
    assert client.get("/health/live").get_json()["status"] == "alive"


def test_health_reports_the_build(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path, rate_limit=0)
    pending = begin_build(config)
    pending.store.add(
        ox.Quad(
            ox.NamedNode("urn:x:s"),
            ox.NamedNode("urn:x:p"),
            ox.Literal("o"),
            ox.NamedNode("urn:x:g"),
        )
    )
    pending.commit({"built": "2026-01-02T03:04:05Z", "triples": 1})
    client = create_app(config).test_client()
    body = client.get("/health").get_json()
    assert body["ready"] is True and body["status"] == "ok"
    assert body["checks"]["store"] == "open" and body["checks"]["query"] == "answered"
    assert body["build"] == "2026-01-02T03:04:05Z" and body["triples"] == 1
    metrics = client.get("/metrics")
    assert metrics.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert sample("newsgraph_store_triples") == 1
    client.application.extensions["newsgraph.executor"].close()


def test_executor_kind(tmp_path: Path) -> None:
    fixed = create_app(Config(rate_limit=0), store=small_store())
    assert isinstance(fixed.extensions["newsgraph.executor"], InProcessExecutor)
    writable = create_app(Config(rate_limit=0, update_enabled=True, data_dir=tmp_path))
    assert isinstance(writable.extensions["newsgraph.executor"], InProcessExecutor)
    pooled = create_app(Config(rate_limit=0, data_dir=tmp_path))
    executor = pooled.extensions["newsgraph.executor"]
    try:
        assert isinstance(executor, Executor)
    finally:
        executor.close()
