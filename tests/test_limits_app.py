"""Request limits through the Flask app itself (in-memory store, no server process)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

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
    (tmp_path / "run").mkdir()  # as a served data folder has it
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
    # A store handed to the app is this process's alone: its buckets stay in memory,
    # never in the data folder's shared file (which the served build's processes use).
    assert list((tmp_path / "run").iterdir()) == []


def test_caps_name_sizes_and_count_rejections() -> None:
    client = app_client(max_upload_bytes=100)
    before = sample("newsgraph_rejections_total", reason="upload", status="413")
    r = client.post("/sparql", data="ASK {} #" + "x" * 200, content_type="application/sparql-query")
    assert r.get_data(as_text=True) == (
        "208 bytes is over the 100-byte limit (NEWSGRAPH_MAX_UPLOAD)\n"
    )
    # plain text, not Flask's default text/html (the 429 has its own check)
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
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
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"


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
    # a page Flask routes (not the SPARQL fast path) is counted under its own rule
    live = {"endpoint": "/health/live", "method": "GET", "status": "200"}
    before = sample("newsgraph_http_requests_total", **live)
    assert client.get("/health/live").status_code == 200
    assert sample("newsgraph_http_requests_total", **live) == before + 1


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


def test_rate_limiter_without_a_window_never_limits() -> None:
    limiter = RateLimiter(limit=1, window=0, path=None)
    assert [limiter.hit("a") for _ in range(5)] == [None] * 5


def test_short_waits_are_rounded_up_to_one_second(tmp_path: Path) -> None:
    client = create_app(Config(rate_limit=2, rate_window=1.0), store=small_store()).test_client()
    codes = [client.get("/sparql", query_string={"query": "ASK {}"}) for _ in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert codes[2].headers["Retry-After"] == "1"  # 0.5 s to wait: never "0"


def test_an_unwritable_data_folder_limits_per_process(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    client = create_app(Config(rate_limit=1, rate_window=60.0, data_dir=not_a_folder)).test_client()
    assert client.get("/ontology").status_code == 200
    assert client.get("/ontology").status_code == 429


def test_query_string_limit_is_inclusive() -> None:
    at_cap = "query=ASK%7B%7D&pad=xxxxx"
    client = app_client(max_upload_bytes=len(at_cap))
    assert client.get("/sparql?" + at_cap).status_code == 200
    assert client.get("/sparql?" + at_cap + "x").status_code == 414


def test_rejections_are_not_also_counted_as_client_errors() -> None:
    client = app_client(max_upload_bytes=10)
    errors = sample("newsgraph_rejections_total", reason="client-error", status="413")
    uploads = sample("newsgraph_rejections_total", reason="upload", status="413")
    r = client.post("/sparql", data="ASK {} # " + "x" * 20, content_type="application/sparql-query")
    assert r.status_code == 413
    assert sample("newsgraph_rejections_total", reason="upload", status="413") == uploads + 1
    assert sample("newsgraph_rejections_total", reason="client-error", status="413") == errors


class Ticks:
    """`time` for kg.server.limits whose perf_counter moves 0.25 s per reading."""

    def __init__(self) -> None:
        self.t = 0.0

    def perf_counter(self) -> float:
        self.t += 0.25
        return self.t

    def __getattr__(self, name: str):
        return getattr(time, name)


def test_health_reports_the_query_time(monkeypatch) -> None:
    from kg.server import limits

    client = app_client()
    monkeypatch.setattr(limits, "time", Ticks())
    body = client.get("/health").get_json()
    assert body["checks"]["query_ms"] == 250.0  # one reading before the query, one after


def test_metrics_without_a_build_and_across_processes(tmp_path: Path, monkeypatch) -> None:
    client = create_app(Config(data_dir=tmp_path / "none", rate_limit=0)).test_client()
    r = client.get("/metrics")
    assert r.status_code == 200 and "newsgraph_http_requests_total" in r.get_data(as_text=True)
    shared = tmp_path / "prom"
    shared.mkdir()
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(shared))
    text = client.get("/metrics").get_data(as_text=True)
    # read from the (empty) shared folder, not from this process's registry
    assert "newsgraph_http_requests_total" not in text
    assert list(text_string_to_metric_families(text)) == []


def test_idle_buckets_are_forgotten_only_once_full_again(tmp_path: Path) -> None:
    """A bucket is dropped after capacity / rate seconds idle (then it is full anyway);
    dropping it sooner would hand a drained client a full bucket."""
    clock = Clock()
    path = tmp_path / "rl.sqlite3"
    limiter = RateLimiter(limit=5, window=10.0, path=path, clock=clock)  # full after 10 s
    rows = lambda: sqlite3.connect(path).execute("SELECT COUNT(*) FROM bucket").fetchone()[0]  # noqa: E731
    for i in range(10):
        limiter.hit(f"old{i}")
    clock.now += 5  # half refilled: must be kept
    for i in range(990):
        limiter.hit(f"new{i}")  # the 1000th hit sweeps
    assert rows() == 1000
    clock.now += 5.5  # the old ones now idle 10.5 s, the new ones 5.5 s
    for i in range(1000):
        limiter.hit(f"newer{i}")  # the 2000th hit sweeps again: exactly the old ones go
    assert rows() == 1990


def test_a_failed_transaction_is_rolled_back(tmp_path: Path, monkeypatch) -> None:
    limiter = RateLimiter(limit=1, window=60.0, path=tmp_path / "rl.sqlite3")
    take = limiter._take
    monkeypatch.setattr(limiter, "_take", lambda *a: (_ for _ in ()).throw(sqlite3.DataError("x")))
    assert limiter.hit("a") is None  # failed open
    monkeypatch.setattr(limiter, "_take", take)
    assert limiter.hit("a") is None and limiter.hit("a") is not None  # and limits again


def test_each_process_opens_its_own_connection(tmp_path: Path) -> None:
    limiter = RateLimiter(limit=5, window=60.0, path=tmp_path / "rl.sqlite3")
    limiter.hit("a")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one hit, then report whose connection it used
        try:
            limiter.hit("a")
            os.write(write, str(limiter._local.pid == os.getpid()).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 10) == b"True"
    assert limiter.hit("a") is None  # the parent's own connection still works


def test_buckets_are_shared_by_every_process_through_the_data_folder(tmp_path: Path) -> None:
    config = Config(rate_limit=1, rate_window=60.0, data_dir=tmp_path / "new" / "var")
    one, two = (create_app(config).test_client() for _ in range(2))  # two server processes
    assert one.get("/ontology").status_code == 200
    assert two.get("/ontology").status_code == 429
    assert (tmp_path / "new" / "var" / "run" / "ratelimit.sqlite3").is_file()


def test_executors_get_our_prefixes_and_report_events(tmp_path: Path) -> None:
    fixed = create_app(Config(rate_limit=0), store=small_store())
    pooled = create_app(Config(rate_limit=0, data_dir=tmp_path))
    for app in (fixed, pooled):
        executor = app.extensions["newsgraph.executor"]
        try:
            assert executor.settings.prefixes == app.extensions["newsgraph.rdf_prefixes"]
            assert executor.on_event is query_event
        finally:
            executor.close()
    turtle = fixed.test_client().get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
        headers={"Accept": "text/turtle"},
    )
    assert b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in turtle.data


def test_the_sweep_comes_on_every_thousandth_hit(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "rl.sqlite3"
    limiter = RateLimiter(limit=5, window=10.0, path=path, clock=clock)
    rows = lambda: sqlite3.connect(path).execute("SELECT COUNT(*) FROM bucket").fetchone()[0]  # noqa: E731
    for i in range(10):
        limiter.hit(f"old{i}")
    clock.now += 10.5  # the old buckets are full again: the next sweep drops them
    for i in range(490):
        limiter.hit(f"new{i}")
    assert rows() == 500  # 500 hits: no sweep yet
    for i in range(490, 990):
        limiter.hit(f"new{i}")
    assert rows() == 990  # the 1000th hit swept the 10 old ones


def test_processes_starting_together_share_one_bucket(tmp_path: Path) -> None:
    """Two web processes start at once (`NEWSGRAPH_WEB_PROCESSES`): SQLite answers "database
    is locked" at once to a journal-mode change that meets the other's lock, whatever the
    busy timeout, and the process that lost fell back to a bucket of its own, so a client
    got the limit twice (tests/test_web_processes.py saw 20 of 40 answered, not 10)."""
    failed = 0
    for trial in range(40):
        path = tmp_path / f"t{trial}" / "rl.sqlite3"
        start = time.time() + 0.05
        pids = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                while time.time() < start:
                    pass
                try:
                    RateLimiter(10, 600.0, path)
                except sqlite3.Error:
                    os._exit(3)
                os._exit(0)
            pids.append(pid)
        failed += sum(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0 for pid in pids)
    assert failed == 0
