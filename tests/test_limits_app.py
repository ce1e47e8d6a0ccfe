"""Request limits through the Flask app itself (in-memory store, no server process)."""

from __future__ import annotations

import time
from pathlib import Path

from kg.config import Config
from kg.server.app import create_app
from kg.server.limits import RateLimiter
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


def test_rate_limiter_token_bucket(tmp_path: Path) -> None:
    for path in (tmp_path / "rl.sqlite3", None):
        limiter = RateLimiter(limit=2, window=1.0, path=path)
        assert limiter.hit("a") is None and limiter.hit("a") is None
        wait = limiter.hit("a")
        assert wait is not None and 0 < wait <= 0.5
        assert limiter.hit("b") is None  # per client
        time.sleep(wait + 0.05)
        assert limiter.hit("a") is None  # refilled


def test_rate_limiter_shared_through_its_file(tmp_path: Path) -> None:
    path = tmp_path / "rl.sqlite3"
    one, two = RateLimiter(3, 60.0, path), RateLimiter(3, 60.0, path)
    assert [one.hit("c"), two.hit("c"), one.hit("c")] == [None, None, None]
    assert two.hit("c") is not None
