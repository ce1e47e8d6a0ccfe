"""The query pool of a real `kg serve` starts small, grows for a burst, and shrinks back.

Every query process holds an interpreter and the store's caches (18 MB and more on the
1M-quad benchmark store, benchmarks/RESULTS.md), so an idle server keeps only
`NEWSGRAPH_WARM_PROCESSES` of them; a burst starts more, up to the lanes' sizes, and
those end after `NEWSGRAPH_PROCESS_IDLE` seconds unused. The burst is held, not timed:
each of its queries calls a SERVICE that is a local endpoint answering only when the
test lets it, so the queries stay in their processes until then.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from benchmarks.side_by_side import child_pids, comm
from kg.executor import FORK_SERVER_NAME
from tests.conftest import LiveServer, start_server, stop_server

HELD = "https://held.test.invalid/sparql"
CEILING = 60.0  # a guard against a hang; never asserted
QUERY = f"SELECT ?s {{ SERVICE <{HELD}> {{ ?s ?p ?o }} }}"
EMPTY = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}'

pytestmark = pytest.mark.slow


class HeldEndpoint:
    """A SPARQL endpoint that answers no solutions, but only once `release` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.arrived = 0
        lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                with lock:
                    outer.arrived += 1
                outer.release.wait(CEILING)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY)))
                self.end_headers()
                self.wfile.write(EMPTY)

            do_GET = do_POST = _answer  # noqa: N815 - http.server's names

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def query_processes(server: LiveServer) -> int:
    """The live query processes: the children of the web process's fork server."""
    for child in child_pids(server.proc.pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"forkserver" in cmdline or comm(child) == FORK_SERVER_NAME:
            return len(child_pids(child))
    return 0


def until(condition, what: str) -> None:
    deadline = time.monotonic() + CEILING
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


@pytest.fixture
def endpoint() -> Iterator[HeldEndpoint]:
    held = HeldEndpoint()
    yield held
    held.stop()


def test_an_idle_server_keeps_one_query_process_a_burst_grows_the_pool_then_it_shrinks(
    built_data_dir: Path, endpoint: HeldEndpoint
) -> None:
    server = start_server(
        built_data_dir,
        NEWSGRAPH_QUERY_PROCESSES="3",
        NEWSGRAPH_LIGHT_PROCESSES="0",  # one lane: no light budget moves the held queries
        NEWSGRAPH_WARM_PROCESSES="1",
        NEWSGRAPH_PROCESS_IDLE="0.5",
        NEWSGRAPH_SERVICE_ALLOWLIST=HELD,
        NEWSGRAPH_SERVICE_MAP=f"{HELD}={endpoint.url}",
        NEWSGRAPH_SERVICE_TIMEOUT=str(CEILING),
        NEWSGRAPH_QUERY_TIMEOUT=str(CEILING),
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_WEB_PROCESSES="1",  # one pool, the web process's (each has its own)
    )
    try:
        # start_server's own query ("ASK {}") may have come while the warm process was
        # still starting, and started one more: unused, it ends too
        until(lambda: query_processes(server) == 1, "one query process")
        seen = set()
        for _ in range(20):  # and stays alone (the old pool kept all three for ever)
            seen.add(query_processes(server))
            time.sleep(0.05)
        assert seen == {1}

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

        burst = [threading.Thread(target=ask, daemon=True) for _ in range(3)]
        for t in burst:
            t.start()
        until(lambda: endpoint.arrived == 3, "three queries running at once")
        assert query_processes(server) == 3  # grown to the lane's size for them
        endpoint.release.set()
        for t in burst:
            t.join(CEILING)
        assert [a.status_code for a in answers] == [200, 200, 200]
        until(lambda: query_processes(server) == 1, "the two unused ones retired")
        metrics = requests.get(f"{server.url}/metrics", timeout=10).text
        retired = [line for line in metrics.splitlines() if 'event="retired"' in line]
        assert retired and float(retired[0].split()[-1]) >= 2  # one more if ASK {} started one
        # the kept one still answers
        again = requests.post(server.sparql, data={"query": "ASK { ?s ?p ?o . ?o ?q ?r }"})
        assert again.status_code == 200 and query_processes(server) == 1
    finally:
        stop_server(server)
