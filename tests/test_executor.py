"""The query executor: real timeouts (the worker process is killed), row cap, nesting bound."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.executor import (
    MAX_NESTING,
    TRUNCATED_HEADER,
    Executor,
    InProcessExecutor,
    Job,
    WorkerSettings,
    _start_big_stack_thread,
    choose,
    nesting_depth,
    run_job,
)

JSON = "application/sparql-results+json"
# 27+ triples to the 6th power: hundreds of millions of rows to count; never ends in 2 s.
SLOW = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)


def small_store(n: int = 30) -> ox.Store:
    store = ox.Store()
    ex = "http://example.org/"
    for i in range(n):
        store.add(
            ox.Quad(
                ox.NamedNode(f"{ex}s{i}"),
                ox.NamedNode(f"{ex}p"),
                ox.Literal(f'v{i}\t"x"\n', language="en"),
                ox.DefaultGraph(),  # as a build does: the default graph holds the union
            )
        )
    return store


def settings(max_rows: int = 1000) -> WorkerSettings:
    return WorkerSettings(
        config=Config(), data_dir="unused", max_rows=max_rows, prefixes={"ex": "http://e/"}
    )


def test_nesting_depth_ignores_strings_iris_and_comments() -> None:
    assert nesting_depth("SELECT * { { ?s ?p ?o } }") == 2
    assert nesting_depth('SELECT * { ?s ?p "{{{{((((" . ?s <http://e/(x#> ?o } # {{{{') == 1
    assert nesting_depth("SELECT * { FILTER(?x < 3 && (?y > 2)) }") == 3
    assert nesting_depth("""SELECT * { ?s ?p '''a { ' b''' }""") == 1
    assert nesting_depth("{" * 10000) == 10000


def test_deep_nesting_is_refused_before_parsing() -> None:
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    out = run_job(small_store(), Job(deep), settings())
    assert out.status == 400
    assert str(MAX_NESTING) in out.body.decode()


def test_choose_is_pure_negotiation() -> None:
    assert choose("solutions", None, None) == JSON
    assert choose("solutions", "text/csv;q=0.9, application/sparql-results+xml", None) == (
        "application/sparql-results+xml"
    )
    assert choose("solutions", "application/json", None) == JSON
    assert choose("graph", "text/turtle", None) == "text/turtle"
    assert choose("graph", "*/*", None) == "text/turtle"
    assert choose("solutions", "image/png", None) is None
    assert choose("solutions", None, "csv") == "text/csv"
    assert choose("graph", None, "csv") is None


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_row_cap_in_every_result_format(media_type: str) -> None:
    store = small_store()
    job = Job("SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s", accept=media_type)
    cut = run_job(store, job, settings(max_rows=7))
    assert cut.status == 200 and cut.media_type == media_type
    assert cut.headers[TRUNCATED_HEADER] == "max-rows=7"
    whole = run_job(store, job, settings(max_rows=30))
    assert TRUNCATED_HEADER not in whole.headers
    direct = store.query(job.query)
    fmt = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }[media_type]
    assert whole.body == direct.serialize(format=fmt)  # the round trip loses nothing


def test_row_cap_on_construct_and_json_rows() -> None:
    out = run_job(
        small_store(),
        Job("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples"),
        settings(max_rows=4),
    )
    assert out.status == 200 and out.truncated
    assert len(out.body.decode().strip().splitlines()) == 4
    rows = run_job(small_store(), Job("SELECT * { ?s ?p ?o }"), settings(max_rows=5))
    assert len(json.loads(rows.body)["results"]["bindings"]) == 5


def test_errors_become_outcomes() -> None:
    store = small_store()
    assert run_job(store, Job("SELEKT"), settings()).status == 400
    assert run_job(store, Job("ASK {}", accept="image/png"), settings()).status == 406
    assert run_job(None, Job("ASK {}"), settings()).status == 503


@pytest.fixture
def executor(built_data_dir: Path):
    ex = Executor(Config(data_dir=built_data_dir, query_timeout=2.0), size=2)
    yield ex
    ex.close()


def _worker_pids(ex: Executor) -> set[int]:
    return {w.process.pid for w in ex._idle}


def test_timeout_kills_the_worker_and_the_pool_recovers(executor: Executor) -> None:
    assert executor.execute("ASK { ?s ?p ?o }").status == 200
    out = executor.execute(SLOW, accept=JSON)
    assert out.status == 503 and out.reason == "timeout"
    assert "2 s limit" in out.body.decode() and "NEWSGRAPH_QUERY_TIMEOUT" in out.body.decode()
    for _ in range(3):
        ok = executor.execute("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", accept=JSON)
        assert ok.status == 200
        assert int(json.loads(ok.body)["results"]["bindings"][0]["n"]["value"]) > 0
    assert len(_worker_pids(executor)) <= executor.size


def test_killed_process_is_gone(executor: Executor) -> None:
    executor.execute("ASK {}")
    before = _worker_pids(executor)
    # Two slow queries in a row: each one's worker is killed, not left computing.
    for _ in range(2):
        assert executor.execute(SLOW).reason == "timeout"
    for pid in before - _worker_pids(executor):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_crashed_worker_is_replaced(executor: Executor) -> None:
    executor.execute("ASK {}")
    victim = executor._idle[-1].process.pid  # the next one handed out
    os.kill(victim, signal.SIGKILL)
    out = executor.execute("ASK { ?s ?p ?o }")
    # A dead idle worker is noticed before use (200) or while answering (503 naming it).
    assert out.status == 200 or (out.status == 503 and "died" in out.body.decode())
    assert executor.execute("ASK { ?s ?p ?o }").status == 200


def test_busy_pool_answers_503_not_forever(built_data_dir: Path) -> None:
    import threading

    ex = Executor(Config(data_dir=built_data_dir, query_timeout=1.5), size=1)
    try:
        results = []
        t = threading.Thread(target=lambda: results.append(ex.execute(SLOW)))
        t.start()
        out = ex.execute("ASK {}")
        t.join()
        assert results[0].status == 503
        assert out.status in (200, 503)  # queued behind the slow one; never hangs
        assert ex.execute("ASK {}").status == 200
    finally:
        ex.close()


def test_in_process_executor_answers_at_the_deadline() -> None:
    store = small_store(25)
    ex = InProcessExecutor(Config(query_timeout=0.5), lambda: store)
    five = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"
    try:
        out = ex.execute(five)  # about 10 M rows to count: seconds, then its thread ends
        assert out.status == 503 and "still runs" in out.body.decode()
        assert ex.execute("ASK { ?s ?p ?o }").status == 200
    finally:
        ex.close()


@pytest.mark.slow
def test_long_flat_queries_do_not_overflow_the_query_thread_stack() -> None:
    """10,000 `+` terms or FILTERs overflow an 8 MiB stack (SIGSEGV); the query threads'
    stack holds them. pyoxigraph directly: kg.federation's own parsing of such a query
    is slow (tens of seconds), which the process pool's timeout bounds."""
    store = small_store(5)
    answers: list[int] = []

    def run() -> None:
        for query in (
            "SELECT * { ?s ?p ?o FILTER(" + "+".join(["1"] * 10_000) + ") }",
            "SELECT * { ?s ?p ?o " + "FILTER(true) " * 10_000 + "}",
        ):
            answers.append(len(list(store.query(query))))

    _start_big_stack_thread(run).join()
    assert answers == [5, 5]  # and this process is still alive


def test_memory_cap_ends_a_runaway_query_not_the_machine(built_data_dir: Path) -> None:
    """A cartesian product under ORDER BY grows ~200 MB/s; past the cap it ends in a 503."""
    config = Config(data_dir=built_data_dir, query_timeout=30.0, query_memory_mb=300)
    ex = Executor(config, size=1)
    try:
        out = ex.execute(SLOW.replace("SELECT (COUNT(*) AS ?n)", "SELECT *") + " ORDER BY ?a")
        assert out.status == 503 and out.reason == "crashed", out.body
        assert "NEWSGRAPH_QUERY_MEMORY" in out.body.decode()
        assert ex.execute("ASK { ?s ?p ?o }").status == 200
    finally:
        ex.close()


def test_policy_check_remembered_for_a_query_without_service_calls(monkeypatch) -> None:
    """A query that mentions "service" (so the policy must parse it) is parsed once per
    process; the second run reuses the decision."""
    import pyoxigraph as ox

    from kg import federation
    from kg import query as q
    from kg.config import Config

    calls = []
    real = federation.analyse

    def counting(text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(federation, "analyse", counting)
    store = ox.Store()
    config = Config()
    text = 'SELECT ?s WHERE { ?s ?p "a service desk" }'
    for _ in range(2):
        result = q.run(store, text, config=config)
        assert result.form == "solutions" and list(result.value) == []
    assert calls == [text]
