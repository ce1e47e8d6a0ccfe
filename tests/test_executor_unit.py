"""kg.executor's pure part, in-process: run_job's outcomes, the row cap's edges, nesting.

tests/test_executor.py drives the worker processes (timeouts, kills, memory cap); these
pin each outcome's status, reason and message, for `make mutants` on kg/executor.py.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.executor import (
    CHUNK,
    MAX_NESTING,
    TRUNCATED_HEADER,
    Executor,
    Job,
    Outcome,
    WorkerSettings,
    _CurrentStore,
    _limited_solutions,
    _serve_jobs,
    _text,
    nesting_depth,
    run_job,
)
from kg.store import begin_build
from tests.test_executor import small_store

JSON = "application/sparql-results+json"


def settings(max_rows: int = 1000, **config) -> WorkerSettings:
    return WorkerSettings(
        config=Config(**config), data_dir="unused", max_rows=max_rows, prefixes={"ex": "http://e/"}
    )


def test_nesting_depth_counts_every_bracket_and_never_goes_negative() -> None:
    assert nesting_depth("SELECT * { ?s ?p ?o }") == 1
    assert nesting_depth("SELECT * { ?s ?p [ ?q ( 1 2 ) ] }") == 3
    assert nesting_depth("} } } { {") == 2  # stray closers do not lower the floor
    assert nesting_depth("{ } { } { }") == 1
    assert nesting_depth("") == 0


def test_nesting_limit_is_inclusive() -> None:
    at_limit = "SELECT * WHERE " + "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING
    over = "SELECT * WHERE " + "{" * (MAX_NESTING + 1) + " ?s ?p ?o " + "}" * (MAX_NESTING + 1)
    assert run_job(small_store(), Job(over), settings()).reason == "too-deep"
    out = run_job(small_store(), Job(over), settings())
    assert out.body.decode() == (
        f"query nested {MAX_NESTING + 1} levels deep; the limit is {MAX_NESTING} ({{, ( and [)\n"
    )
    assert run_job(small_store(), Job(at_limit), settings()).reason != "too-deep"


def test_text_outcomes() -> None:
    out = _text(418, "short and stout\n\n", "teapot", Extra="1")
    assert out == Outcome(418, "text/plain", b"short and stout\n", {"Extra": "1"}, "teapot")
    assert not out.truncated
    assert Outcome(200, JSON, b"", {TRUNCATED_HEADER: "max-rows=1"}).truncated


def test_each_failure_has_its_status_reason_and_message() -> None:
    store = small_store()
    none = run_job(None, Job("ASK {}"), settings())
    assert (none.status, none.reason) == (503, "no-store")
    assert none.body == b"no graph built yet (run `kg build`)\n"
    syntax = run_job(store, Job("SELEKT"), settings())
    assert (syntax.status, syntax.reason) == (400, "syntax")
    assert syntax.body.startswith(b"SPARQL syntax error: ")
    refused = run_job(
        store, Job("SELECT * { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"), settings()
    )
    assert (refused.status, refused.reason) == (400, "refused") and b"SERVICE" in refused.body
    bad_iri = run_job(
        store, Job("SELECT * { ?s ?p ?o }", default_graphs=("not an iri",)), settings()
    )
    assert (bad_iri.status, bad_iri.reason) == (400, "bad-request")
    assert bad_iri.body.startswith(b"bad request: ")
    nothing = run_job(store, Job("ASK {}", accept="text/csv"), settings())
    assert (nothing.status, nothing.reason) == (406, "406")
    assert nothing.body == (
        b"none of the accepted types fits; offered: application/sparql-results+json,"
        b" application/sparql-results+xml\n"
    )


def test_answers_vary_on_accept_and_honour_the_dataset_and_base() -> None:
    store = small_store(3)
    store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal("in g"),
                      ox.NamedNode("http://e/g")))  # fmt: skip
    out = run_job(store, Job("SELECT ?o { ?s ?p ?o }", default_graphs=("http://e/g",)), settings())
    assert out.status == 200 and out.reason == "ok" and out.headers == {"Vary": "Accept"}
    assert [b["o"]["value"] for b in json.loads(out.body)["results"]["bindings"]] == ["in g"]
    named = run_job(
        store, Job("SELECT ?g { GRAPH ?g { ?s ?p ?o } }", named_graphs=("http://e/g",)), settings()
    )
    assert [b["g"]["value"] for b in json.loads(named.body)["results"]["bindings"]] == [
        "http://e/g"
    ]
    based = run_job(store, Job("SELECT ?x { BIND(<y> AS ?x) }", base_iri="http://b/"), settings())
    assert json.loads(based.body)["results"]["bindings"][0]["x"]["value"] == "http://b/y"
    fmt = run_job(
        store, Job("ASK {}", accept="application/sparql-results+json", fmt="xml"), settings()
    )
    assert fmt.media_type == "application/sparql-results+xml"


@pytest.mark.parametrize("rows", [4, 5, 6])
def test_row_cap_edges(rows: int) -> None:
    out = run_job(small_store(5), Job("SELECT * { ?s ?p ?o }"), settings(max_rows=rows))
    assert len(json.loads(out.body)["results"]["bindings"]) == min(rows, 5)
    assert out.truncated == (rows < 5)
    if rows < 5:
        assert out.headers[TRUNCATED_HEADER] == f"max-rows={rows}"
    graph = run_job(
        small_store(5), Job("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples"),
        settings(max_rows=rows),
    )  # fmt: skip
    assert len(graph.body.decode().strip().splitlines()) == min(rows, 5)
    assert graph.truncated == (rows < 5)


def test_ask_is_never_cut() -> None:
    out = run_job(small_store(5), Job("ASK { ?s ?p ?o }"), settings(max_rows=0))
    assert json.loads(out.body)["boolean"] is True and not out.truncated


def test_limited_solutions_keep_every_term_exactly() -> None:
    store = small_store(3)
    query = "SELECT ?s ?o ?none { ?s ?p ?o } ORDER BY ?s"
    kept, cut = _limited_solutions(store.query(query), 2)
    assert cut is True
    assert [v.value for v in kept.variables] == ["s", "o", "none"]
    direct = list(store.query(query))[:2]
    got = list(kept)
    assert [(r["s"], r["o"], r["none"]) for r in got] == [(r["s"], r["o"], None) for r in direct]
    whole, cut = _limited_solutions(store.query(query), 3)
    assert cut is False and len(list(whole)) == 3


def commit(data_dir: Path, subject: str) -> None:
    pending = begin_build(Config(data_dir=data_dir))
    pending.store.add(
        ox.Quad(ox.NamedNode(f"http://e/{subject}"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    )
    pending.commit({}, union_loaded=True)


def test_current_store_follows_the_pointer(tmp_path: Path) -> None:
    current = _CurrentStore(str(tmp_path))
    assert current.get() is None  # no build yet
    commit(tmp_path, "first")
    first = current.get()
    assert first is not None and current.get() is first  # opened once, then reused
    assert [q.subject.value for q in first] == ["http://e/first"]
    commit(tmp_path, "second")
    second = current.get()
    assert second is not first and [q.subject.value for q in second] == ["http://e/second"]
    (tmp_path / "CURRENT").write_text("gone\n", encoding="utf-8")
    assert current.get() is None  # names a build that is not there


def test_job_loop_answers_in_order_and_ends_when_the_pipe_closes(tmp_path: Path) -> None:
    """The worker's loop, on a thread of this process, over a real pipe."""
    commit(tmp_path, "s")
    parent, child = multiprocessing.Pipe()
    loop_settings = WorkerSettings(
        config=Config(), data_dir=str(tmp_path), max_rows=10, prefixes={}
    )
    worker = threading.Thread(target=_serve_jobs, args=(child, loop_settings), daemon=True)
    worker.start()
    big = "SELECT ?s ?n { ?s ?p ?o VALUES ?n { " + " ".join(map(str, range(5000))) + " } }"
    for job, rows in ((Job("SELECT ?s { ?s ?p ?o }", accept=JSON), 1), (Job(big, accept=JSON), 10)):
        parent.send(job)
        status, media_type, headers, reason, size = parent.recv()
        body = b""
        while len(body) < size:
            body += parent.recv_bytes()
        assert (status, media_type, reason) == (200, JSON, "ok")
        assert len(json.loads(body)["results"]["bindings"]) == rows
        assert (TRUNCATED_HEADER in headers) == (rows == 10)
    parent.send(Job("SELEKT"))
    assert parent.recv()[:2] == (400, "text/plain")
    parent.recv_bytes()
    parent.send(Job(None))  # type: ignore[arg-type]  # a bug in the job itself: reported
    status, _, _, reason, _ = parent.recv()
    assert (status, reason) == (500, "error")
    assert parent.recv_bytes().startswith(b"query failed: TypeError")
    parent.close()
    worker.join(timeout=60)
    assert not worker.is_alive()


# ---- the process pool, on a small build (fast: no seeds build needed) -----------------

SLOW = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed build of 30 triples: 30^6 rows for SLOW, never counted in a second."""
    data_dir = tmp_path_factory.mktemp("tiny")
    pending = begin_build(Config(data_dir=data_dir))
    pending.store.extend(list(small_store(30)))
    pending.commit({}, union_loaded=True)
    return data_dir


def pool(data_dir: Path, events: list[str], size: int = 2, **config) -> Executor:
    """A started pool: its workers are up before the test's first query. The configured
    timeout is generous (a cold worker under load is slow); a test that needs a query to
    time out passes a short `timeout` to that call."""
    config = {"query_timeout": 30.0, **config}
    ex = Executor(Config(data_dir=data_dir, **config), size=size, on_event=events.append)
    ex.warm()
    wait_until(lambda: len(ex._idle) == size)
    return ex


def wait_until(condition) -> None:
    """Poll `condition` under a ceiling that is never the point of the test."""
    ceiling = time.monotonic() + 60
    while not condition() and time.monotonic() < ceiling:
        time.sleep(0.01)
    assert condition()


def test_pool_answers_passes_the_job_and_splits_big_bodies(tiny: Path) -> None:
    events: list[str] = []
    ex = pool(tiny, events, max_rows=30_000)
    try:
        out = ex.execute("SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1", accept=JSON)
        assert (out.status, out.reason, out.headers) == (200, "ok", {"Vary": "Accept"})
        assert (
            json.loads(out.body)["results"]["bindings"][0]["s"]["value"] == "http://example.org/s0"
        )
        assert ex.execute("ASK {}", fmt="xml").media_type == "application/sparql-results+xml"
        empty = ex.execute("SELECT * { ?s ?p ?o }", default_graphs=["http://e/none"], accept=JSON)
        assert json.loads(empty.body)["results"]["bindings"] == []
        based = ex.execute("SELECT ?x { BIND(<y> AS ?x) }", base_iri="http://b/", accept=JSON)
        assert json.loads(based.body)["results"]["bindings"][0]["x"]["value"] == "http://b/y"
        big = ex.execute("SELECT ?a ?b ?c { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y }", accept=JSON)
        assert len(big.body) > 2 * CHUNK  # sent in several chunks, joined whole
        assert len(json.loads(big.body)["results"]["bindings"]) == 27_000
        assert events == []
    finally:
        ex.close()


def test_timeout_kills_the_worker_and_says_so(tiny: Path) -> None:
    events: list[str] = []
    ex = pool(tiny, events)
    try:
        assert ex.execute("ASK {}").status == 200
        out = ex.execute(SLOW, timeout=1.0)
        assert (out.status, out.reason) == (503, "timeout")
        # the message names the configured limit (a shorter per-call one is /health's)
        assert out.body == b"query stopped: it ran past the 30 s limit (NEWSGRAPH_QUERY_TIMEOUT)\n"
        assert events == ["timeout"]
        wait_until(lambda: len(ex._idle) == 2)  # a fresh worker takes its place
        assert ex.execute("ASK {}").status == 200
        assert ex.execute(SLOW, timeout=0.2).reason == "timeout"
    finally:
        ex.close()


def test_busy_pool_answers_503_with_retry_after(tiny: Path) -> None:
    events: list[str] = []
    ex = pool(tiny, events, size=1, query_timeout=2.5)
    # 2.5 s gives Retry-After 2; the calls that must succeed get a generous timeout of theirs
    try:
        assert ex.execute("ASK {}", timeout=30).status == 200  # the one worker is up
        slow = threading.Thread(target=ex.execute, args=(SLOW,))
        slow.start()
        wait_until(lambda: not ex._idle)  # the slow query holds the only worker
        out = ex.execute("ASK {}", timeout=0.5)  # gives up long before the slow one ends
        assert (out.status, out.reason, out.headers) == (503, "busy", {"Retry-After": "2"})
        assert out.body == (
            b"all 1 query processes stayed busy for the whole query timeout"
            b" (2.5 s, NEWSGRAPH_QUERY_TIMEOUT); try again later\n"
        )
        slow.join()
        assert events == ["busy", "timeout"]
        wait_until(lambda: len(ex._idle) == 1)
        assert ex.execute("ASK {}", timeout=30).status == 200
    finally:
        ex.close()


def test_a_worker_killed_mid_query_is_reported_and_replaced(tiny: Path) -> None:
    events: list[str] = []
    ex = pool(tiny, events, size=1, query_timeout=30.0, query_memory_mb=700)
    try:
        assert ex.execute("ASK {}").status == 200
        (worker,) = ex._idle
        answers: list[Outcome] = []
        slow = threading.Thread(target=lambda: answers.append(ex.execute(SLOW)))
        slow.start()
        wait_until(lambda: not ex._idle)
        os.kill(worker.process.pid, signal.SIGKILL)
        slow.join()
        (out,) = answers
        assert (out.status, out.reason) == (503, "crashed")
        assert out.body == (
            b"the query process died (signal 9) while running this query and has been"
            b" replaced; most likely the query needed more than the 700 MiB a query may use"
            b" (NEWSGRAPH_QUERY_MEMORY)\n"
        )
        assert events == ["crashed"]
        assert ex.execute("ASK {}").status == 200
    finally:
        ex.close()


def test_close_stops_the_idle_workers(tiny: Path) -> None:
    ex = pool(tiny, [], size=2)
    pids = [w.process.pid for w in ex._idle]
    ex.close()
    assert ex._idle == [] and ex._count == 0
    for pid in pids:
        wait_until(lambda pid=pid: not Path(f"/proc/{pid}").exists() or _zombie(pid))


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True
