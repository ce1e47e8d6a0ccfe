"""Slow and unfinished requests (slowloris) are cut by the server; real clients are served.

Against the real `kg serve`. The attacker's sockets come from 127.0.0.2 (all of
127.0.0.0/8 is loopback on Linux), the honest client from 127.0.0.1, as they would
from two addresses on the internet.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import start_server, stop_server
from tests.test_limits_server import copy_data

ATTACKER = "127.0.0.2"
READ_TIMEOUT = 2  # NEWSGRAPH_REQUEST_TIMEOUT for this server
HANG = 30  # generous guard against a hang; never a performance assertion


@pytest.fixture(scope="module")
def server(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data = copy_data(built_data_dir, tmp_path_factory.mktemp("slow") / "var")
    srv = start_server(
        data,
        NEWSGRAPH_REQUEST_TIMEOUT=str(READ_TIMEOUT),
        NEWSGRAPH_BODY_MIN_RATE="1000",
        NEWSGRAPH_THREADS="8",
        NEWSGRAPH_MAX_CLIENT_CONNECTIONS="40",
        NEWSGRAPH_RATE_LIMIT="0",
    )
    yield srv
    stop_server(srv)


def _connect(port: int) -> socket.socket:
    s = socket.socket()
    s.bind((ATTACKER, 0))
    s.settimeout(HANG)
    s.connect(("127.0.0.1", port))
    return s


def _closed_after(s: socket.socket) -> tuple[bool, bytes]:
    """Whether the server closed `s` (end of stream or reset, rather than our HANG guard
    running out), and what it sent before closing."""
    got = b""
    try:
        while chunk := s.recv(4096):
            got += chunk
    except ConnectionResetError:
        pass
    except TimeoutError:
        return False, got
    return True, got


def test_unfinished_requests_are_cut_and_honest_clients_served(server) -> None:
    # 32 connections that never finish their headers, sending a byte now and then.
    slow = [_connect(server.port) for _ in range(32)]
    for s in slow:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    stop = threading.Event()

    def drip() -> None:
        while not stop.wait(0.5):
            for s in slow:
                try:
                    s.sendall(b"X")
                except OSError:
                    pass

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    try:
        answers = []
        for i in range(20):  # meanwhile, an honest client (more requests than threads)
            if i % 2:
                r = requests.get(server.url + "/health", timeout=HANG)
            else:
                r = requests.post(
                    server.sparql,
                    data={"query": "ASK { ?s ?p ?o }"},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=HANG,
                )
            answers.append(r.status_code)
        assert answers == [200] * 20
        cut = [_closed_after(s) for s in slow]
    finally:
        stop.set()
        for s in slow:
            s.close()
    for closed, got in cut:
        assert closed, got  # closed by the server, not by our guard
        assert got.startswith(b"HTTP/1.1 408")
        assert b"NEWSGRAPH_REQUEST_TIMEOUT" in got


def test_a_silent_connection_is_closed(server) -> None:
    s = _connect(server.port)
    s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\n")
    closed, got = _closed_after(s)
    s.close()
    assert closed, got
    assert got.startswith(b"HTTP/1.1 408")


def test_a_slow_body_is_cut(server) -> None:
    s = _connect(server.port)
    s.sendall(
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100000\r\n\r\nASK {"
    )
    stop = threading.Event()

    def trickle() -> None:  # 10 bytes/s, far under the 1000 bytes/s minimum
        while not stop.wait(1.0):
            try:
                s.sendall(b" " * 10)
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    try:
        closed, got = _closed_after(s)
    finally:
        stop.set()
        s.close()
    assert closed, got
    assert got.startswith(b"HTTP/1.1 408") and b"bytes/s" in got


def test_one_address_cannot_take_every_connection(server) -> None:
    held = []
    try:
        for _ in range(45):
            s = _connect(server.port)
            s.sendall(b"GET / HTTP/1.1\r\n")
            held.append(s)
        # Each connection ends at the server: one over the budget is closed at once with
        # nothing sent; one within it is held until the read timeout answers it 408.
        ends = [_closed_after(s) for s in held]
        assert all(closed for closed, _ in ends), ends
        refused = sum(1 for _, got in ends if got == b"")
        timed_out = sum(1 for _, got in ends if got.startswith(b"HTTP/1.1 408"))
        assert refused + timed_out == 45, ends
        assert refused >= 5 and timed_out <= 40  # the 40-connection budget of 127.0.0.2
        assert requests.get(server.url + "/health", timeout=HANG).status_code == 200
    finally:
        for s in held:
            s.close()


# A query that runs until the query timeout cuts it (a cartesian product of the graph
# with itself, three times): it holds a request thread, waiting on its query process.
ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/newsgraph/id/org/csto> ?p ?o }"


def test_a_lookup_is_answered_while_every_request_thread_waits(
    built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A lookup by IRI (one triple pattern, bounded by the row cap) is answered by the
    server's loop as soon as it has arrived, not queued behind the request threads:
    with both threads waiting on long queries, it is answered before either ends."""
    data = copy_data(built_data_dir, tmp_path_factory.mktemp("loop") / "var")
    srv = start_server(data, NEWSGRAPH_THREADS="2", NEWSGRAPH_QUERY_TIMEOUT="20",
                       NEWSGRAPH_RATE_LIMIT="0")  # fmt: skip
    ended: list[int] = []

    def endless() -> None:
        try:
            requests.post(srv.sparql, data={"query": ENDLESS}, timeout=40)
        except requests.RequestException:
            pass
        ended.append(1)

    long_ones = [threading.Thread(target=endless, daemon=True) for _ in range(2)]
    try:
        for t in long_ones:
            t.start()
        time.sleep(2)  # both sent, each waiting on its query process
        for method in ("get", "post"):
            resp = getattr(requests, method)(
                srv.sparql,
                **{"params" if method == "get" else "data": {"query": LOOKUP}},
                headers={"Accept": "application/sparql-results+json"},
                timeout=15,
            )
            assert resp.status_code == 200, resp.text
            assert resp.json()["results"]["bindings"], resp.text
        assert not ended  # both long queries are still running
    finally:
        stop_server(srv)
