"""kg.executor's pure part, in-process: run_job's outcomes, the row cap's edges, nesting.

tests/test_executor.py drives the worker processes (timeouts, kills, memory cap); these
pin each outcome's status, reason and message, for `make mutants` on kg/executor.py.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.executor import (
    ABORT,
    COPY_BYTES_PER_QUAD,
    COPY_CHUNK,
    DATA,
    END,
    MAX_NESTING,
    QUAD_COUNT_FILE,
    TRUNCATED_HEADER,
    Executor,
    Job,
    Outcome,
    WorkerSettings,
    _CurrentStore,
    _limited_solutions,
    _serve_jobs,
    _Sink,
    _text,
    copy_within,
    dispatch,
    is_bounded_scan,
    nesting_depth,
    run_job,
)
from kg.federation import QueryRefused
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
    assert nesting_depth("{{ } {{") == 3  # a closer lowers the depth by one only


def test_nesting_limit_is_inclusive() -> None:
    at_limit = "SELECT * WHERE " + "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING
    over = "SELECT * WHERE " + "{" * (MAX_NESTING + 1) + " ?s ?p ?o " + "}" * (MAX_NESTING + 1)
    assert run_job(small_store(), Job(over), settings()).reason == "too-deep"
    out = run_job(small_store(), Job(over), settings())
    assert out.body.decode() == (
        f"query nested {MAX_NESTING + 1} levels deep; the limit is {MAX_NESTING} ({{, ( and [)\n"
    )
    assert run_job(small_store(), Job(at_limit), settings()).reason != "too-deep"
    assert out.status == 400 and out.media_type == "text/plain"


def test_text_outcomes() -> None:
    out = _text(418, "short and stout\n\n", "teapot", Extra="1")
    assert out == Outcome(418, "text/plain", b"short and stout\n", {"Extra": "1"}, "teapot")
    assert not out.truncated
    assert _text(400, "bad \udcff", "x").body == b"bad ?\n"  # never a crash on the message
    assert Outcome(200, JSON, b"", {TRUNCATED_HEADER: "max-rows=1"}).truncated


def test_each_failure_has_its_status_reason_and_message() -> None:
    store = small_store()
    none = run_job(None, Job("ASK {}"), settings())
    assert (none.status, none.reason) == (503, "no-store")
    assert none.body == b"no graph built yet (run `kg build`)\n"
    syntax = run_job(store, Job("SELEKT"), settings())
    assert (syntax.status, syntax.reason) == (400, "syntax")
    assert syntax.body.startswith(b"SPARQL syntax error at line 1, column 1: ")
    assert b"SELEKT" in syntax.body
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
        b"this query's answer is a yes or no (ASK): none of the accepted types fits; offered:"
        b" application/sparql-results+json, application/sparql-results+xml\n"
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


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?p ?o WHERE { <https://w3id.org/newsgraph/id/person/p1> ?p ?o }",
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nselect * { ?s a ng:Person }",
        'ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> "x"@en . }',
        "SELECT * { ?s ?p ?o } LIMIT 10",
        "SELECT * # a comment } FILTER\n { ?s ?p ?o }",
        "PREFIX X: <http://x/> SELECT * { X:a ?p X:a }",  # the same name twice is no variable
    ],
)
def test_one_pattern_is_a_bounded_scan(query: str) -> None:
    """These run on the request thread (server/fastpath.py): the row cap bounds them."""
    assert is_bounded_scan(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s ?p ?o } OFFSET 10",  # skips rows without writing them
        "SELECT * { ?s ?p ?o FILTER(false) }",  # scans without writing
        "SELECT * { ?s ?s ?o }",  # a repeated variable filters the scan
        "SELECT * { ?s <http://x/p>+ ?o }",
        "SELECT * { ?s ?p ?o . ?o ?q ?r }",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
        "SELECT * FROM <http://x/g> { ?s ?p ?o }",
        "SELECT DISTINCT ?s { ?s ?p ?o }",
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o } ORDER BY ?s",
        "SELECT * { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o ; ?q ?r }",
        "SELECT * { ?s ?p ?o } VALUES ?s { <http://x/a> }",
        "SELECT * { ?s ?p '''long''' }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "SELECT * { ?s ?p ?s }",  # a repeated variable, subject and object
        "SELECT * { <http://x/a> ?p ?p }",
    ],
)
def test_anything_else_goes_to_a_killable_process(query: str) -> None:
    assert not is_bounded_scan(query)


def test_a_bounded_scan_is_at_most_8192_characters() -> None:
    base = "SELECT * { ?s ?p ?o }"
    assert is_bounded_scan(base + " " * (8192 - len(base)))
    assert not is_bounded_scan(base + " " * (8193 - len(base)))


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


def test_an_in_memory_current_store_is_a_copy_of_each_build(tmp_path: Path) -> None:
    """NEWSGRAPH_STORE_IN_MEMORY: the query process answers from memory, so the build's
    files may go and the copy still answers; a new build is copied again."""
    current = _CurrentStore(str(tmp_path), copy_budget=None)
    assert current.get() is None
    commit(tmp_path, "first")
    first = current.get()
    assert first is not None and current.get() is first
    for build in (tmp_path / "stores").iterdir():
        shutil.rmtree(build)  # the files are gone; a store opened on them could not answer
    assert [q.subject.value for q in first] == ["http://e/first"]
    assert [r["s"].value for r in first.query("SELECT ?s { ?s ?p ?o }")] == ["http://e/first"]
    commit(tmp_path, "second")
    second = current.get()
    assert second is not first and [q.subject.value for q in second] == ["http://e/second"]


def test_the_in_memory_setting_reaches_the_query_processes_but_not_with_updates() -> None:
    assert Executor(Config(store_in_memory=True)).settings.copy_budget is None
    assert Executor(Config()).settings.copy_budget is not None
    # SPARQL Update writes the files in place, which a copy would not see
    assert Executor(Config(store_in_memory=True, update_enabled=True)).settings.copy_budget == 0
    assert Executor(Config()).settings.copy_budget == 64 * 1024 * 1024
    assert Executor(Config(store_copy_mb=3)).settings.copy_budget == 3 * 1024 * 1024
    assert Executor(Config(store_copy_mb=-1)).settings.copy_budget == 0
    assert Executor(Config(update_enabled=True)).settings.copy_budget == 0


def many_quads(n: int) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(i))
        for i in range(n)
    )
    return store


@pytest.mark.parametrize("n", [0, 1, COPY_CHUNK - 1, COPY_CHUNK, COPY_CHUNK + 1, 2 * COPY_CHUNK])
def test_a_copy_within_its_budget_holds_every_quad(n: int) -> None:
    store = many_quads(n)
    exact = n * COPY_BYTES_PER_QUAD  # a budget of exactly the copy's size is enough
    for budget in (None, exact):
        copy = copy_within(store, budget)
        assert copy is not None and copy is not store and len(copy) == n, budget
        assert set(copy) == set(store)


@pytest.mark.parametrize("n", [1, COPY_CHUNK + 1, 2 * COPY_CHUNK])
def test_a_copy_over_its_budget_is_none(n: int) -> None:
    assert copy_within(many_quads(n), n * COPY_BYTES_PER_QUAD - 1) is None
    assert copy_within(many_quads(n), 0) is None


@pytest.mark.parametrize("n", [1, COPY_CHUNK + 1, 2 * COPY_CHUNK])
def test_a_store_over_its_budget_costs_no_copy_at_all(n: int, monkeypatch) -> None:
    """A query process serving a store over the budget holds no part of a copy: freed,
    a partial copy stayed in each process, since the allocator keeps what it was given
    (each query process at 165 MB RSS on the 1M-quad benchmark store, 83 MB counting)."""
    import kg.executor

    store = many_quads(n)
    made: list[int] = []
    real = ox.Store

    def counted(*args, **kwargs) -> ox.Store:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(kg.executor.ox, "Store", counted)
    assert copy_within(store, n * COPY_BYTES_PER_QUAD - 1) is None
    assert made == []


def test_the_current_store_is_copied_when_the_copy_fits_its_budget(tmp_path: Path) -> None:
    """NEWSGRAPH_STORE_COPY_MB: a build small enough is answered from memory, a larger one
    from its files."""
    commit(tmp_path, "first")
    fits = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD).get()
    over = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD - 1).get()
    never = _CurrentStore(str(tmp_path), copy_budget=0).get()
    assert fits is not None and over is not None and never is not None
    for store in (fits, over, never):
        assert [q.subject.value for q in store] == ["http://e/first"]
    # a copy is a store of its own, in memory; the build's files open read-only refuse writes
    extra = ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    fits.add(extra)
    assert len(fits) == 2
    for on_disk in (over, never):
        with pytest.raises(RuntimeError, match="read-write"):
            on_disk.add(extra)


def test_the_count_is_made_on_a_handle_of_its_own_and_remembered_for_the_build(
    tmp_path: Path, monkeypatch
) -> None:
    """A build over the copy budget: the quads are counted on a read-only handle that is
    closed at once, never on the one that serves (its caches kept the scan's 36 MB in each
    query process for good), and the count is written next to the build, so a query
    process started later does not count again (0.7 s on the 1M-quad store)."""
    import kg.executor

    commit(tmp_path, "first")
    counted: list[ox.Store] = []
    real = kg.executor.count_quads

    def spy(store: ox.Store, limit: int) -> tuple[int, bool]:
        counted.append(store)
        return real(store, limit)

    monkeypatch.setattr(kg.executor, "count_quads", spy)
    over = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD - 1)
    served = over.get()
    assert served is not None and len(counted) == 1 and counted[0] is not served
    with pytest.raises(RuntimeError, match="read-write"):  # the files, not a copy
        served.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal(1)))
    [memo] = (tmp_path / "stores").glob(f"*/{QUAD_COUNT_FILE}")
    assert memo.read_text() == "1+\n"  # more than the budget's 0 quads: at least 1
    # a process started later with the same budget reads the count instead of counting
    again = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD - 1).get()
    assert again is not None and len(counted) == 1
    # "at least 1" cannot tell a budget of one quad whether it fits: counted again, exactly
    fits = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD).get()
    assert fits is not None and len(counted) == 2 and memo.read_text() == "1\n"
    fits.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal(1)))
    assert len(fits) == 2  # a copy in memory
    # the exact count answers both budgets from now on
    for budget in (COPY_BYTES_PER_QUAD, COPY_BYTES_PER_QUAD - 1):
        assert _CurrentStore(str(tmp_path), copy_budget=budget).get() is not None
    assert len(counted) == 2
    # a new build is counted anew
    commit(tmp_path, "second")
    assert over.get() is not None and len(counted) == 3


def test_a_count_that_cannot_be_written_still_decides(tmp_path: Path, monkeypatch) -> None:
    """A read-only data folder: the count is not remembered, each process makes its own."""
    import kg.executor

    commit(tmp_path, "first")

    def refuse(*_args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(kg.executor.os, "replace", refuse)
    assert _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD - 1).get() is not None
    assert list((tmp_path / "stores").glob("*/*quad-count*")) == []  # nothing left behind
    fits = _CurrentStore(str(tmp_path), copy_budget=COPY_BYTES_PER_QUAD).get()
    assert fits is not None
    fits.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal(1)))


def arrives(conn, loop: threading.Thread) -> None:
    """Wait for the job loop's next message while its thread lives, under a generous
    ceiling (never itself asserted). Both ends of the pipe are in this process, so a loop
    that died never closes it: without this a broken loop hangs the read for ever."""
    deadline = time.monotonic() + 60
    while not conn.poll(0.01):
        if not loop.is_alive() and not conn.poll(0):
            raise AssertionError("the job loop ended without answering")
        if time.monotonic() > deadline:
            raise AssertionError("the job loop never answered")


def read_answer(conn, loop: threading.Thread) -> tuple[int, str, dict, str, bytes]:
    """One answer as the web process reads it: a head with its body, or a head then
    DATA frames until END (kg.executor._Sink)."""
    arrives(conn, loop)
    status, media_type, headers, reason, body = conn.recv()
    if body is None:
        body = b""
        while True:
            arrives(conn, loop)
            if (frame := conn.recv_bytes())[:1] != DATA:
                break
            body += frame[1:]
        assert frame[:1] == END, frame
    return status, media_type, headers, reason, body


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
        status, media_type, headers, reason, body = read_answer(parent, worker)
        assert (status, media_type, reason) == (200, JSON, "ok")
        assert len(json.loads(body)["results"]["bindings"]) == rows
        assert (TRUNCATED_HEADER in headers) == (rows == 10)
    parent.send(Job("SELEKT"))
    assert read_answer(parent, worker)[:2] == (400, "text/plain")
    parent.send(Job(None))  # type: ignore[arg-type]  # a bug in the job itself: reported
    status, _, _, reason, body = read_answer(parent, worker)
    assert (status, reason) == (500, "error")
    assert body.startswith(b"query failed: TypeError")
    parent.close()
    worker.join(timeout=60)
    assert not worker.is_alive()


def test_an_unknown_function_is_the_querys_fault_other_engine_errors_are_not(monkeypatch) -> None:
    out = run_job(small_store(), Job("ASK { FILTER(<urn:no:such>(1)) }"), settings())
    assert (out.status, out.reason) == (400, "unsupported")
    assert out.body == b"unsupported: The custom function <urn:no:such> is not supported\n"
    from kg import query as q

    def broken(*_args, **_kwargs):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(q, "run", broken)
    with pytest.raises(RuntimeError, match="the engine broke"):
        run_job(small_store(), Job("ASK {}"), settings())


# pyoxigraph evaluates lazily: q.run returns at once and the engine's work (reading the
# store, a SERVICE answer's rows) happens while the answer is serialized. No query makes
# the engine fail there on demand (a disk that goes away mid-read cannot be staged
# here), so q.serialize_into is stood in for by one that writes `written` bytes of the
# answer, then raises what the engine would.
SERIALIZE_FAILURES = [
    (OSError("the store's files went away"), 500, "evaluation",
     "query evaluation failed: the store's files went away", {}),
    (ValueError("an invalid term"), 500, "evaluation",
     "query evaluation failed: an invalid term", {}),
    (RuntimeError("The custom function <urn:f> is not supported"), 400, "unsupported",
     "unsupported: The custom function <urn:f> is not supported", {}),
    (QueryRefused(503, "the remote endpoint is busy", {"Retry-After": "7"}), 503, "refused",
     "the remote endpoint is busy", {"Retry-After": "7"}),
]  # fmt: skip


def failing_serializer(exc: Exception, written: int):
    def serialize_into(result, media_type, out, prefixes=None) -> None:
        out.write(b"x" * written)
        raise exc

    return serialize_into


@pytest.mark.parametrize(("exc", "status", "reason", "message", "headers"), SERIALIZE_FAILURES)
def test_a_failure_while_serializing_keeps_its_status_and_reason(
    monkeypatch, exc, status, reason, message, headers
) -> None:
    from kg import query as q

    monkeypatch.setattr(q, "serialize_into", failing_serializer(exc, 10))
    # in memory (no sink): the failure is the answer
    out = run_job(small_store(), Job("SELECT * { ?s ?p ?o }"), settings())
    assert out == Outcome(status, "text/plain", (message + "\n").encode(), headers, reason)
    # streamed, before the first chunk left the worker: still a plain error answer, and
    # nothing was sent on the pipe
    parent, child = multiprocessing.Pipe()
    out = run_job(small_store(), Job("SELECT * { ?s ?p ?o }"), settings(), _Sink(child))
    assert out == Outcome(status, "text/plain", (message + "\n").encode(), headers, reason)
    assert not parent.poll()


@pytest.mark.parametrize(("exc", "status", "reason", "message", "headers"), SERIALIZE_FAILURES)
def test_a_failure_after_the_head_was_sent_aborts_the_stream(
    monkeypatch, exc, status, reason, message, headers
) -> None:
    from kg import executor
    from kg import query as q

    monkeypatch.setattr(executor, "CHUNK", 4)
    monkeypatch.setattr(q, "serialize_into", failing_serializer(exc, 10))
    parent, child = multiprocessing.Pipe()
    out = run_job(small_store(), Job("SELECT * { ?s ?p ?o }"), settings(), _Sink(child))
    # The 200 head and the first bytes are gone: the status can no longer change, the
    # stream ends with ABORT and the reason (a refusal's own message, else the failure's).
    said = message if isinstance(exc, QueryRefused) else f"query evaluation failed: {exc}"
    assert out == Outcome(500, "text/plain", (said + "\n").encode(), {}, "aborted")
    head = parent.recv()
    assert head[0] == 200 and head[1] == JSON and head[4] is None
    assert parent.recv_bytes() == DATA + b"x" * 10
    assert parent.recv_bytes() == ABORT + said.encode()
    assert not parent.poll()
    # the worker's entry point hands its sink on: the same abort
    job = Job("SELECT * { ?s ?p ?o }")
    assert dispatch(small_store, job, settings(), _Sink(child)) == out
    assert parent.recv()[0] == 200 and parent.recv_bytes() == DATA + b"x" * 10
    assert parent.recv_bytes() == ABORT + said.encode()


def test_a_failure_no_engine_raises_while_serializing_is_not_swallowed(monkeypatch) -> None:
    from kg import query as q

    monkeypatch.setattr(q, "serialize_into", failing_serializer(KeyError("a bug"), 0))
    with pytest.raises(KeyError):
        run_job(small_store(), Job("SELECT * { ?s ?p ?o }"), settings())


def test_answers_use_the_configured_prefixes_in_memory_and_streamed() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    job = Job("CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    whole = run_job(store, job, settings())
    assert whole.status == 200 and whole.body.startswith(b"@prefix ex: <http://e/> .\n")
    assert b"ex:a ex:p " in whole.body
    parent, child = multiprocessing.Pipe()
    streamed = run_job(store, job, settings(), _Sink(child))
    assert streamed.status == 200 and streamed.body == b""  # the sink sent it
    assert parent.recv()[4] == whole.body  # one message: head and the whole body


def test_the_protocols_named_graphs_limit_graph_and_the_config_reaches_the_query() -> None:
    store = small_store(1)
    for g in ("http://e/g1", "http://e/g2"):
        store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"),
                          ox.Literal(g), ox.NamedNode(g)))  # fmt: skip
    query = "SELECT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    every = run_job(store, Job(query), settings())
    assert [b["g"]["value"] for b in json.loads(every.body)["results"]["bindings"]] == [
        "http://e/g1", "http://e/g2"
    ]  # fmt: skip
    one = run_job(store, Job(query, named_graphs=("http://e/g2",)), settings())
    assert [b["g"]["value"] for b in json.loads(one.body)["results"]["bindings"]] == ["http://e/g2"]
    # The worker's config decides SERVICE: the default allowlist refuses a loopback
    # endpoint, one that lists it lets the call go out (and fail: nothing listens there).
    service = "SELECT * { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"
    refused = run_job(store, Job(service), settings())
    assert (refused.status, refused.reason) == (400, "refused")
    allowed = run_job(store, Job(service), settings(service_allowlist=("http://127.0.0.1:9/s",)))
    assert allowed.reason == "refused" and allowed.body != refused.body


def test_a_406_names_the_form_of_the_answer() -> None:
    store = small_store(1)
    graph = run_job(store, Job("CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv"), settings())
    assert (graph.status, graph.reason) == (406, "406")
    assert graph.body.startswith(
        b"this query's answer is a graph (CONSTRUCT or DESCRIBE): none of the accepted types"
    )
    rows = run_job(store, Job("SELECT * { ?s ?p ?o }", accept="text/turtle"), settings())
    assert (rows.status, rows.reason) == (406, "406")
    assert rows.body.startswith(
        b"this query's answer is a table of solutions (SELECT): none of the accepted types"
    )


def test_a_refusal_keeps_its_headers(monkeypatch) -> None:
    from kg import query as q

    def busy_remote(*_args, **_kwargs):  # what kg.federation raises on a remote's 429
        raise QueryRefused(503, "the remote endpoint is busy", {"Retry-After": "7"})

    monkeypatch.setattr(q, "run", busy_remote)
    out = run_job(small_store(1), Job("ASK {}"), settings())
    assert out == Outcome(
        503, "text/plain", b"the remote endpoint is busy\n", {"Retry-After": "7"}, "refused"
    )


def test_a_worker_with_a_memory_budget_caps_itself_once_it_has_the_store(
    tmp_path: Path, monkeypatch
) -> None:
    """The cap is VmData (with the store open) plus the budget, set before the first job.

    setrlimit on the test process would cap the test run itself: it is recorded instead.
    The whole cap, with a real worker process and a query that runs into it, is
    tests/test_executor.py's."""
    import gc
    import resource

    commit(tmp_path, "s")
    capped: list[tuple[int, tuple[int, int]]] = []
    monkeypatch.setattr(resource, "setrlimit", lambda which, pair: capped.append((which, pair)))
    parent, child = multiprocessing.Pipe()
    budget = 64 * 2**20
    loop_settings = WorkerSettings(
        config=Config(), data_dir=str(tmp_path), max_rows=10, prefixes={}, memory_bytes=budget
    )
    worker = threading.Thread(target=_serve_jobs, args=(child, loop_settings), daemon=True)
    worker.start()
    parent.send(Job("ASK { ?s ?p ?o }", accept=JSON))
    assert read_answer(parent, worker)[0] == 200  # a loop that died setting the cap never answers
    parent.close()
    worker.join(timeout=60)
    gc.enable()  # the job loop turns automatic collection off (it must, in a worker)
    [(which, (soft, hard))] = capped
    assert which == resource.RLIMIT_DATA and soft == hard and soft > budget
