"""A query that is not a lookup leaves for a query process from the server's loop
(`Executor.send_now`, called by server/fastpath.py before it raises `Requeue`); a
request thread takes its answer (`Executor.finish`). Why: the process evaluates while
the thread wakes up (benchmarks/RESULTS.md section 7, "The query leaves from the loop").

Real servers on loopback ports and real clients; the held queries wait on a local
SERVICE endpoint the test releases (tests/test_pool_server.py), so nothing is timed.
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from pathlib import Path

import pytest
import requests

from benchmarks.side_by_side import child_pids
from kg.config import Config
from kg.executor import Executor
from tests.conftest import start_server, stop_server
from tests.test_pool_server import CEILING, HELD, QUERY, HeldEndpoint, until

pytestmark = pytest.mark.slow


def _held_server(data_dir: Path, endpoint: HeldEndpoint, **extra: str):  # noqa: ANN202
    return start_server(
        data_dir,
        NEWSGRAPH_QUERY_PROCESSES="2",
        NEWSGRAPH_LIGHT_PROCESSES="0",  # one lane: no light budget moves the held queries
        NEWSGRAPH_WARM_PROCESSES="-1",  # both started and idle before the queries
        NEWSGRAPH_SERVICE_ALLOWLIST=HELD,
        NEWSGRAPH_SERVICE_MAP=f"{HELD}={endpoint.url}",
        NEWSGRAPH_SERVICE_TIMEOUT=str(CEILING),
        NEWSGRAPH_QUERY_TIMEOUT=str(CEILING),
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_WEB_PROCESSES="1",
        **extra,
    )


def test_a_query_reaches_a_query_process_while_every_request_thread_is_busy(
    built_data_dir: Path,
) -> None:
    """With one request thread, held by a first query, a second query still reaches the
    idle query process: the loop sent it. Before, it waited in waitress's queue for the
    thread and reached no process until the first answer had gone."""
    endpoint = HeldEndpoint()
    server = _held_server(built_data_dir, endpoint, NEWSGRAPH_THREADS="1")
    answers: list[requests.Response] = []

    def ask() -> None:
        answers.append(
            requests.post(
                server.sparql,
                data={"query": QUERY},
                headers={"Accept": "application/sparql-results+json"},
                timeout=CEILING,
            )
        )

    try:
        first = threading.Thread(target=ask, daemon=True)
        first.start()
        until(lambda: endpoint.arrived == 1, "the first query at the endpoint")
        second = threading.Thread(target=ask, daemon=True)
        second.start()
        until(lambda: endpoint.arrived == 2, "the second query at the endpoint, thread busy")
        endpoint.release.set()
        first.join(CEILING)
        second.join(CEILING)
        assert [a.status_code for a in answers] == [200, 200]
        assert all(a.json()["results"]["bindings"] == [] for a in answers)
    finally:
        stop_server(server)
        endpoint.stop()


def _query_processes(pid: int) -> set[int]:
    """The pids of the fork server's children (the query processes) under `kg serve`."""
    found: set[int] = set()
    stack = [pid]
    while stack:
        p = stack.pop()
        for child in child_pids(p):
            try:
                comm = Path(f"/proc/{child}/comm").read_bytes().strip()
            except OSError:
                continue
            if comm == b"kg-query":
                found.add(child)
            stack.append(child)
    return found


def test_queries_one_after_another_on_one_connection_keep_their_query_process(
    built_data_dir: Path,
) -> None:
    """The loop may read a connection's next request, and send its query, before the
    thread that answered the previous one has finished with it: that thread must not
    take the next query for one of its own left unanswered (it would kill the process
    computing it, and the answer would wait for a new one)."""
    server = start_server(
        built_data_dir,
        NEWSGRAPH_QUERY_PROCESSES="1",
        NEWSGRAPH_LIGHT_PROCESSES="0",
        NEWSGRAPH_WARM_PROCESSES="-1",
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_WEB_PROCESSES="1",
    )
    target = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o . ?o ?q ?r }"})
    try:
        # http.client and GET (one write a request), not requests: the next request must
        # follow its answer closely
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=CEILING)
        statuses = set()

        def ask() -> None:
            conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
            answer = conn.getresponse()
            answer.read()
            statuses.add(answer.status)

        ask()
        before = _query_processes(server.proc.pid)
        assert len(before) == 1
        for _ in range(1000):
            ask()
        conn.close()
        assert statuses == {200}
        assert _query_processes(server.proc.pid) == before  # none killed and replaced
    finally:
        stop_server(server)


def test_a_sent_query_nobody_takes_frees_its_process(built_data_dir: Path) -> None:
    """A query sent from the loop whose request no thread's app took (waitress skips the
    app when the client has gone) is abandoned: its process is killed and replaced, and
    the pool answers the next query rather than waiting on a process that nobody reads."""
    ex = Executor(Config(data_dir=built_data_dir, query_timeout=5.0), size=1, light=0)
    try:
        assert ex.send_now("ASK {}") is None  # the pool has not started: the thread starts it
        ex.warm()
        until(lambda: ex._idle, "the warm query process")
        sent = ex.send_now("SELECT * { ?s ?p ?o } LIMIT 5")
        assert sent is not None
        sent.abandon()
        assert ex.execute("ASK { ?s ?p ?o }").status == 200
        taken = ex.send_now("ASK { ?s ?p ?o . ?o ?q ?r }")
        assert taken is not None
        assert ex.finish(taken).status == 200
        taken.abandon()  # taken: nothing to free
        assert ex._idle and ex._count == {"light": 0, "heavy": 1}
    finally:
        ex.close()
