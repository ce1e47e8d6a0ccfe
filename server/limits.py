"""Limits around every request: body size, per-client rate, metrics and health.

`install(app, config, serving)` wires it all into the Flask app in one call, so the
app factory stays small:

- a request body (or GET query string) over `max_upload_bytes` gets 413 (414) with
  a plain-text message, before the body is read;
- a client (its remote address; forwarding headers are not trusted) over
  `rate_limit` requests per `rate_window` seconds gets 429 with Retry-After. The
  token buckets live in a small SQLite file under the data folder, so all server
  processes share them (an in-memory store falls back to per-process buckets);
- `/health` (readiness: the store is open and answers a trivial query through the
  query executor, JSON, 200 or 503) and `/health/live` (liveness);
- `/metrics` in the Prometheus text format (multiprocess mode when
  `PROMETHEUS_MULTIPROC_DIR` is set; `kg serve` sets it).
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, g, jsonify, request
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from werkzeug.exceptions import RequestEntityTooLarge

from kg.config import Config
from kg.executor import TRUNCATED_HEADER, Executor, InProcessExecutor
from kg.server.serving import ServingStore
from kg.store import StoreMissing

UNLIMITED_PATHS = ("/health", "/metrics", "/static/")
# The classic text format that generate_latest writes; every Prometheus version reads it.
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

REQUESTS = Counter(
    "newsgraph_http_requests", "HTTP requests answered", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "newsgraph_http_request_duration_seconds",
    "Time to answer a request",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
REJECTIONS = Counter(
    "newsgraph_rejections", "Requests refused, by reason and status", ["reason", "status"]
)
QUERY_EVENTS = Counter(
    "newsgraph_query_events",
    "Query executor events: timeout (worker killed), crashed, busy (no free worker),"
    " demoted (moved to the heavy lane), retired (an idle query process ended)",
    ["event"],
)
TIMEOUTS = Counter("newsgraph_query_timeouts", "Queries stopped at NEWSGRAPH_QUERY_TIMEOUT")
TRUNCATIONS = Counter("newsgraph_truncated_results", "Results cut at NEWSGRAPH_MAX_ROWS")
STORE_TRIPLES = Gauge(
    "newsgraph_store_triples",
    "Quads in the graph being served",
    multiprocess_mode="livemostrecent",
)


def query_event(event: str) -> None:
    QUERY_EVENTS.labels(event).inc()
    if event == "timeout":
        TIMEOUTS.inc()


# --- rate limiting ---


# Seconds a rate-limiter connection waits for another process's lock.
LOCK_WAIT = 2.0


def _write_ahead(conn: sqlite3.Connection) -> None:
    """The file in WAL mode, waiting for another process setting it too: SQLite answers
    "database is locked" at once to a journal-mode change that meets another connection's
    lock, whatever the busy timeout. Two web processes start together
    (`NEWSGRAPH_WEB_PROCESSES`), and the one that lost fell back to buckets of its own, so
    a client got the limit once per process."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class RateLimiter:
    """Token bucket per client: `limit` requests, refilled evenly over `window` seconds.

    Buckets live in SQLite (`path`) so every server process sees the same counts;
    with `path=None` they live in this process only. If the database is locked for
    too long the request is let through (fail open): the limiter protects the
    server, it must never be the thing that stops it.
    """

    def __init__(
        self, limit: int, window: float, path: Path | None, clock: Callable[[], float] = time.time
    ) -> None:
        self.clock = clock  # wall time: shared through the file by every process
        self.capacity = float(limit)
        self.rate = limit / window if window > 0 else float("inf")
        self.path = path
        self._local = threading.local()
        self._mem: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._hits = 0
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn().execute(
                "CREATE TABLE IF NOT EXISTS bucket"
                " (client TEXT PRIMARY KEY, tokens REAL NOT NULL, stamp REAL NOT NULL)"
            )

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(str(self.path), timeout=LOCK_WAIT, isolation_level=None)
            _write_ahead(conn)
            conn.execute("PRAGMA synchronous=OFF")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _take(self, tokens: float, stamp: float, now: float) -> tuple[float, float | None]:
        tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
        if tokens >= 1.0:
            return tokens - 1.0, None
        return tokens, (1.0 - tokens) / self.rate

    def hit(self, client: str) -> float | None:
        """Count one request; None if allowed, else seconds until one is allowed."""
        now = self.clock()
        if self.path is None:
            with self._lock:
                tokens, stamp = self._mem.get(client, (self.capacity, now))
                tokens, wait = self._take(tokens, stamp, now)
                self._mem[client] = (tokens, now)
                return wait
        try:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    "SELECT tokens, stamp FROM bucket WHERE client = ?", (client,)
                ).fetchone()
                tokens, wait = self._take(*(row or (self.capacity, now)), now)
                conn.execute(
                    "INSERT INTO bucket VALUES (?, ?, ?) ON CONFLICT(client)"
                    " DO UPDATE SET tokens = excluded.tokens, stamp = excluded.stamp",
                    (client, tokens, now),
                )
                self._hits += 1
                if self._hits % 1000 == 0:  # buckets idle a whole window are full: forget them
                    conn.execute(
                        "DELETE FROM bucket WHERE stamp < ?",
                        (now - self.capacity / self.rate,),
                    )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return wait
        except sqlite3.Error:
            return None


# --- wiring ---


def _endpoint() -> str:
    return request.url_rule.rule if request.url_rule is not None else "(unmatched)"


def _reject(status: int, reason: str, message: str) -> Response:
    """A refusal (413, 414) as plain text, counted once under its reason. The 429 is
    built by `_limits` itself from `rate_refusal`, which server/fastpath.py shares."""
    REJECTIONS.labels(reason, str(status)).inc()
    g.newsgraph_rejected = True
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


def make_executor(config: Config, serving: ServingStore, prefixes: dict[str, str]):
    """The process pool when other processes can open the store; threads otherwise."""
    if serving.fixed or config.update_enabled:
        return InProcessExecutor(config, serving.get, prefixes=prefixes, on_event=query_event)
    return Executor(config, prefixes=prefixes, on_event=query_event)


def install(app: Flask, config: Config, serving: ServingStore, prefixes: dict[str, str]) -> None:
    executor = make_executor(config, serving, prefixes)
    app.extensions["newsgraph.executor"] = executor
    limiter = None
    if config.rate_limit > 0:
        path = None if serving.fixed else Path(config.data_dir) / "run" / "ratelimit.sqlite3"
        try:
            limiter = RateLimiter(config.rate_limit, config.rate_window, path)
        except (OSError, sqlite3.Error):  # read-only data folder: per-process buckets
            limiter = RateLimiter(config.rate_limit, config.rate_window, None)

    def rate_refusal(client: str) -> tuple[str, dict[str, str]] | None:
        """Count a request from `client`: None if allowed, else the 429's text and headers
        (also used by server/fastpath.py, which answers queries without Flask)."""
        if limiter is None:
            return None
        wait = limiter.hit(client)
        if wait is None:
            return None
        seconds = max(1, math.ceil(wait))
        REJECTIONS.labels("rate", "429").inc()
        return (
            f"too many requests from {client}: the limit is"
            f" {config.rate_limit} per {config.rate_window:g} s"
            f" (NEWSGRAPH_RATE_LIMIT); retry in {seconds} s",
            {"Retry-After": str(seconds)},
        )

    app.extensions["newsgraph.rate"] = rate_refusal

    @app.before_request
    def _limits() -> Response | None:
        g.newsgraph_started = time.perf_counter()
        if request.path.startswith(UNLIMITED_PATHS):
            return None
        refused = rate_refusal(request.remote_addr or "?")
        if refused is not None:
            g.newsgraph_rejected = True
            resp = Response(refused[0] + "\n", status=429, mimetype="text/plain")
            resp.headers.update(refused[1])
            return resp
        length = request.content_length
        if length is not None and length > config.max_upload_bytes:
            return _too_large(length)
        if len(request.query_string) > config.max_upload_bytes:
            return _reject(
                414,
                "uri",
                f"the query string is {len(request.query_string)} bytes; the limit is"
                f" {config.max_upload_bytes} (NEWSGRAPH_MAX_UPLOAD): POST the query instead",
            )
        return None

    def _too_large(length: int | None) -> Response:
        size = f"{length} bytes" if length is not None else "the request body"
        return _reject(
            413,
            "upload",
            f"{size} is over the {config.max_upload_bytes}-byte limit (NEWSGRAPH_MAX_UPLOAD)",
        )

    @app.errorhandler(RequestEntityTooLarge)
    def _body_too_large(_exc: RequestEntityTooLarge) -> Response:
        return _too_large(request.content_length)

    @app.after_request
    def _count(resp: Response) -> Response:
        endpoint = _endpoint()
        REQUESTS.labels(endpoint, request.method, str(resp.status_code)).inc()
        started = g.get("newsgraph_started")
        if started is not None:
            LATENCY.labels(endpoint).observe(time.perf_counter() - started)
        if TRUNCATED_HEADER in resp.headers:
            TRUNCATIONS.inc()
        if 400 <= resp.status_code < 500 and not g.get("newsgraph_rejected"):
            REJECTIONS.labels("client-error", str(resp.status_code)).inc()
        return resp

    @app.get("/health/live")
    def health_live() -> Response:
        return jsonify(status="alive", pid=os.getpid())

    @app.get("/health")
    def health() -> Response:
        checks: dict[str, object] = {}
        ready = True
        try:
            serving.get()
            checks["store"] = "open"
        except (StoreMissing, OSError) as exc:
            checks["store"] = f"unavailable: {exc}"
            ready = False
        if ready:
            started = time.perf_counter()
            outcome = executor.execute(
                "ASK { ?s ?p ?o }",
                accept="application/sparql-results+json",
                timeout=min(10.0, config.query_timeout),
                priority=True,  # first in the light lane: never queued behind queries
            )
            checks["query"] = (
                "answered" if outcome.status == 200 else f"{outcome.status}: {outcome.body!r}"
            )
            checks["query_ms"] = round((time.perf_counter() - started) * 1000, 1)
            ready = outcome.status == 200
        manifest = serving.manifest()
        body = {
            "status": "ok" if ready else "unavailable",
            "live": True,
            "ready": ready,
            "checks": checks,
            "build": manifest.get("built"),
            "triples": manifest.get("triples"),
        }
        resp = jsonify(body)
        resp.status_code = 200 if ready else 503
        return resp

    @app.get("/metrics")
    def metrics() -> Response:
        try:
            STORE_TRIPLES.set(serving.triples())
        except (StoreMissing, OSError):
            pass
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            data = generate_latest(registry)
        else:
            data = generate_latest(REGISTRY)
        return Response(data, content_type=METRICS_CONTENT_TYPE)
