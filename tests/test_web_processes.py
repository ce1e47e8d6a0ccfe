"""`kg serve` with several web processes on one port (`NEWSGRAPH_WEB_PROCESSES`).

A lookup is answered on its web process's loop, one thread, so a second web process is
what lets lookups use the second core (benchmarks/RESULTS.md section 7, "A second web
process"). Against the real `kg serve`, with real clients: both processes answer, and
what must hold for the server as a whole holds across them: one rate-limit budget per
client, one /metrics view, one per-address connection cap; SIGTERM to `kg serve` stops
every process it started, and so does SIGKILL (the web processes die with it); a web
process that ends takes the server down rather than leaving half of it; with SPARQL
Update on, one web process.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from benchmarks.side_by_side import child_pids, comm, tree_pids
from kg.config import Config
from kg.executor import FORK_SERVER_NAME
from tests.conftest import LiveServer, start_server, stop_server
from tests.test_limits_server import SLOW, copy_data

HANG = 30.0  # a guard against a hang; never asserted as a speed
# Each test's clients come from an address of their own (all of 127.0.0.0/8 is
# loopback on Linux), so start_server's polls from 127.0.0.1 count in no budget of theirs.
RATE_CLIENT = "127.0.0.3"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
CAP_CLIENT = "127.0.0.4"

pytestmark = pytest.mark.slow


def web_pids(server: LiveServer) -> list[int]:
    """The web processes: `kg serve`'s own children running the app (the fork server,
    forked from `kg serve` too, has its command line under another name)."""
    pids = []
    for pid in child_pids(server.proc.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"kg.cli" in cmdline and comm(pid) != FORK_SERVER_NAME:
            pids.append(pid)
    return pids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def until(condition, what: str) -> None:
    deadline = time.monotonic() + HANG
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def get_from(source: str, port: int, path: str) -> http.client.HTTPResponse:
    """One request on a new connection from `source`, answered and read."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG, source_address=(source, 0))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def samples(server: LiveServer) -> dict[tuple[str, tuple], float]:
    text = requests.get(f"{server.url}/metrics", timeout=HANG).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def rejected(server: LiveServer) -> float:
    return samples(server).get(
        ("newsgraph_rejections_total", (("reason", "rate"), ("status", "429"))), 0.0
    )


@pytest.fixture
def data(built_data_dir: Path, tmp_path: Path) -> Path:
    return copy_data(built_data_dir, tmp_path / "var")


def test_two_web_processes_answer_with_one_rate_budget_and_one_metrics_view(data: Path) -> None:
    server = start_server(
        data,
        NEWSGRAPH_WEB_PROCESSES="2",
        NEWSGRAPH_RATE_LIMIT="10",
        NEWSGRAPH_RATE_WINDOW="600",
        NEWSGRAPH_QUERY_PROCESSES="1",
    )
    try:
        webs = web_pids(server)
        assert len(webs) == 2, webs
        before = rejected(server)
        statuses = [
            get_from(RATE_CLIENT, server.port, "/sparql?query=ASK%7B%7D").status
            for _ in range(40)  # a new connection each time: the kernel picks the process
        ]
        # One budget of 10 for the client, whichever process took each connection.
        assert statuses.count(200) == 10, statuses
        assert statuses.count(429) == 30
        # Both processes answered (each writes its counts to its own file) ...
        metrics_dir = data / "run" / f"metrics-{server.proc.pid}"
        for pid in webs:
            assert (metrics_dir / f"counter_{pid}.db").exists(), sorted(metrics_dir.iterdir())
        # ... and /metrics, answered by either, adds up both.
        assert rejected(server) - before == 30
        # One access-log line per request, whole, whichever process wrote it.
        log = (data / f"server-{server.port}.log").read_text().splitlines()
        lines = [line for line in log if line.startswith(RATE_CLIENT + " ")]
        whole = re.compile(
            r'^127\.0\.0\.3 - - \[[^]]+\] "GET /sparql\?query=ASK%7B%7D HTTP/1\.1"'
            r' (200|429) \d+ "-" "-"$'
        )
        assert len(lines) == 40 and all(whole.match(line) for line in lines), lines
        assert sum(" 200 " in line for line in lines) == 10
    finally:
        stop_server(server)
    assert not any(alive(pid) for pid in webs)


def test_the_per_address_connection_cap_holds_across_web_processes(data: Path) -> None:
    server = start_server(
        data,
        NEWSGRAPH_WEB_PROCESSES="2",
        NEWSGRAPH_MAX_CLIENT_CONNECTIONS="4",
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_QUERY_PROCESSES="1",
    )
    held: list[socket.socket] = []
    try:
        answered = 0
        for _ in range(12):
            s = socket.socket()
            s.bind((CAP_CLIENT, 0))
            s.settimeout(HANG)
            s.connect(("127.0.0.1", server.port))
            held.append(s)  # kept open: each one counts against the cap
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                got = s.recv(65536)
            except ConnectionResetError:
                got = b""
            answered += got.startswith(b"HTTP/1.1 200")
        # Four connections in all, not four in each process.
        assert answered == 4
        # Another address is not held to this one's cap.
        assert requests.get(f"{server.url}/health/live", timeout=HANG).status_code == 200
    finally:
        for s in held:
            s.close()
        stop_server(server)


def connections_per_process(server: LiveServer) -> list[int]:
    """Established connections to the server's port held by each web process."""
    inodes: dict[str, int] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == server.port and fields[3] == "01":  # 01: ESTABLISHED
            inodes[fields[9]] = 0
    counts = []
    for pid in web_pids(server):
        held = 0
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held += 1
        counts.append(held)
    return counts


def test_kept_alive_connections_are_spread_over_the_web_processes(data: Path) -> None:
    """Every web process polls the one socket and the first to accept wins: 8 clients
    were split 8/0, 7/1 or 6/2 as often as evenly, one core left idle. One connection
    after another, each used and kept open, they now alternate."""
    server = start_server(
        data, NEWSGRAPH_WEB_PROCESSES="2", NEWSGRAPH_RATE_LIMIT="0", NEWSGRAPH_QUERY_PROCESSES="1"
    )
    held: list[http.client.HTTPConnection] = []
    try:
        for _ in range(16):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG)
            conn.request("GET", "/health/live")
            conn.getresponse().read()
            held.append(conn)
        counts = connections_per_process(server)
        assert sum(counts) == 16 and max(counts) - min(counts) <= 1, counts
    finally:
        for conn in held:
            conn.close()
        stop_server(server)


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_the_web_processes_share_one_fork_server_and_killable_timeouts_hold(
    data: Path,
) -> None:
    """One fork server and one resource tracker, started by `kg serve` before the web
    processes, serve all of them (each web process had its own: 22-27 MB PSS more); the
    fork server is forked from `kg serve` (named kg-forkserver: its pages, and its query
    processes', are shared with the web processes); every web process starts its query
    processes through it, kills one at the deadline and has a new one started through it."""
    server = start_server(
        data,
        NEWSGRAPH_WEB_PROCESSES="2",
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_QUERY_TIMEOUT="2",
        NEWSGRAPH_QUERY_PROCESSES="2",  # one each
        NEWSGRAPH_LIGHT_PROCESSES="0",
        NEWSGRAPH_WARM_PROCESSES="-1",  # a killed one is replaced at once
    )
    family = tree_pids(server.proc.pid)
    held: list[http.client.HTTPConnection] = []
    try:
        started = child_pids(server.proc.pid)
        fork_servers = [p for p in started if comm(p) == FORK_SERVER_NAME]
        trackers = [p for p in family if b"resource_tracker" in cmdline(p)]
        assert len(fork_servers) == 1, fork_servers
        assert len(trackers) == 1, trackers
        assert trackers[0] in started
        # Both web processes' warm query processes were forked by the one fork server.
        until(lambda: len(child_pids(fork_servers[0])) == 2, "a warm query process each")
        first = set(child_pids(fork_servers[0]))
        assert all(comm(pid) == b"kg-query" for pid in first)
        for _ in range(2):  # kept-alive connections alternate: one on each web process
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG)
            conn.request("GET", "/health/live")
            conn.getresponse().read()
            held.append(conn)
        assert connections_per_process(server) == [1, 1]
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        statuses: list[int] = []

        def ask(conn: http.client.HTTPConnection, query: str) -> int:
            conn.request("POST", "/sparql", body="query=" + quote(query), headers=form)
            response = conn.getresponse()
            response.read()
            return response.status

        threads = [
            threading.Thread(target=lambda c=conn: statuses.append(ask(c, SLOW))) for conn in held
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(HANG)
        assert statuses == [503, 503]  # each web process cut its query at the deadline
        # Each killed its query process and had a new one forked by the same server.
        until(
            lambda: len(set(child_pids(fork_servers[0])) - first) == 2,
            "both killed query processes replaced through the shared fork server",
        )
        assert [ask(conn, COUNT) for conn in held] == [200, 200]
        assert [p for p in child_pids(server.proc.pid) if p in fork_servers] == fork_servers
    finally:
        for conn in held:
            conn.close()
        stop_server(server)
    until(lambda: not any(alive(pid) for pid in family), "every process ended")


def test_web_processes_outlive_their_shared_fork_server(data: Path) -> None:
    """The shared fork server killed outright: its query processes end with it
    (`_watch_parent`), and each web process starts a fork server of its own and goes on
    answering (multiprocessing's own check, `waitpid`, fails in a process that did not
    start it)."""
    server = start_server(
        data,
        NEWSGRAPH_WEB_PROCESSES="2",
        NEWSGRAPH_RATE_LIMIT="0",
        NEWSGRAPH_QUERY_PROCESSES="2",
        NEWSGRAPH_LIGHT_PROCESSES="0",
    )
    family = tree_pids(server.proc.pid)
    own: list[int] = []
    try:
        shared = [p for p in child_pids(server.proc.pid) if comm(p) == FORK_SERVER_NAME]
        assert len(shared) == 1
        old = set(child_pids(shared[0]))
        os.kill(shared[0], signal.SIGKILL)
        until(lambda: not any(alive(pid) for pid in old), "its query processes ended")
        for _ in range(6):  # whichever web process takes each new connection
            r = requests.post(server.sparql, data={"query": COUNT}, timeout=HANG)
            assert r.status_code == 200, r.text
        assert server.proc.poll() is None
        own += [p for w in web_pids(server) for p in child_pids(w) if b"forkserver" in cmdline(p)]
        assert own  # started by a web process, as before fork servers were shared
    finally:
        stop_server(server)
    until(lambda: not any(alive(pid) for pid in family + own), "every process ended")
    end_all(family + own)


def test_kg_serve_waits_in_a_small_process_that_still_stops_and_tidies(data: Path) -> None:
    """Once the web processes run, `kg serve` becomes kg/serve_wait.py (the same pid):
    an interpreter without the server's imports (26-29 MB of PSS before, about 5 after).
    It still stops the others when one ends, exits 1, and drops the ended processes'
    live gauges from the metrics folder."""
    server = start_server(data, NEWSGRAPH_WEB_PROCESSES="2", NEWSGRAPH_RATE_LIMIT="0")
    family = tree_pids(server.proc.pid)
    held: list[http.client.HTTPConnection] = []
    try:
        until(lambda: b"serve_wait.py" in cmdline(server.proc.pid), "kg serve became its waiter")
        maps = Path(f"/proc/{server.proc.pid}/maps").read_text()
        assert "pyoxigraph" not in maps and "site-packages" not in maps
        webs = web_pids(server)
        assert len(webs) == 2
        for _ in range(2):  # kept-alive connections alternate: /metrics from each process
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG)
            conn.request("GET", "/metrics")
            assert conn.getresponse().read()
            held.append(conn)
        metrics_dir = data / "run" / f"metrics-{server.proc.pid}"
        gauges = [metrics_dir / f"gauge_livemostrecent_{pid}.db" for pid in webs]
        assert all(g.exists() for g in gauges), sorted(metrics_dir.iterdir())
        os.kill(webs[0], signal.SIGKILL)
        assert server.proc.wait(timeout=HANG) == 1
        assert not any(g.exists() for g in gauges), sorted(metrics_dir.iterdir())
        log = (data / f"server-{server.port}.log").read_text()
        assert f"web process {webs[0]} ended (signal 9); stopping" in log
        until(lambda: not any(alive(pid) for pid in family), "every process ended")
    finally:
        for conn in held:
            conn.close()
        if server.proc.poll() is None:
            stop_server(server)
        end_all(family)


WAIT_IN_PROCESS = """
import os, signal, sys, time
from kg import serve

def no_exec(*_args):
    raise OSError("exec refused")

os.execv = no_exec
kids = set()
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    kids.add(pid)
print(" ".join(map(str, sorted(kids))), flush=True)
if sys.argv[1] == "kill":
    os.kill(min(kids), signal.SIGKILL)
else:
    parent = os.getpid()
    if os.fork() == 0:  # a child of no interest to the wait: reaped, not waited for
        time.sleep(0.5)
        os.kill(parent, signal.SIGTERM)
        os._exit(0)
sys.exit(serve._wait(kids))
"""


@pytest.mark.parametrize(("how", "code"), [("kill", 1), ("term", 0)])
def test_without_exec_kg_serve_waits_in_process(how: str, code: int) -> None:
    """Where the exec into kg/serve_wait.py fails, `kg serve` waits itself, the same way:
    a web process that ends stops the others (exit 1); SIGTERM stops them all (exit 0)."""
    proc = subprocess.run(
        [sys.executable, "-c", WAIT_IN_PROCESS, how],
        capture_output=True,
        text=True,
        timeout=HANG,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == code, proc.stderr
    assert "waiting in process (exec refused)" in proc.stderr
    kids = [int(pid) for pid in proc.stdout.split()]
    assert len(kids) == 2 and not any(alive(pid) for pid in kids)
    if how == "kill":
        assert f"web process {min(kids)} ended (signal 9); stopping" in proc.stderr


def end_all(pids: list[int]) -> None:
    """After a failed test: no process of ours is left serving (SIGKILL, by pid)."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_sigterm_stops_every_process_and_sigkill_takes_the_web_processes_along(
    data: Path,
) -> None:
    server = start_server(data, NEWSGRAPH_WEB_PROCESSES="2", NEWSGRAPH_RATE_LIMIT="0")
    family = tree_pids(server.proc.pid)
    try:
        assert len(web_pids(server)) == 2
        server.proc.send_signal(signal.SIGTERM)
        assert server.proc.wait(timeout=HANG) == 0
        until(lambda: not any(alive(pid) for pid in family), "every process ended after SIGTERM")
    finally:
        end_all(family)

    server = start_server(data, NEWSGRAPH_WEB_PROCESSES="2", NEWSGRAPH_RATE_LIMIT="0")
    family = tree_pids(server.proc.pid)
    try:
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=HANG)
        # No orphan keeps serving: the web processes, and with them their query processes.
        until(lambda: not any(alive(pid) for pid in family), "every process ended after SIGKILL")
    finally:
        end_all(family)


def test_a_web_process_that_ends_stops_the_server(data: Path) -> None:
    server = start_server(data, NEWSGRAPH_WEB_PROCESSES="2", NEWSGRAPH_RATE_LIMIT="0")
    family = tree_pids(server.proc.pid)
    try:
        os.kill(web_pids(server)[0], signal.SIGKILL)
        assert server.proc.wait(timeout=HANG) == 1
        until(lambda: not any(alive(pid) for pid in family), "every process ended")
        log = (data / f"server-{server.port}.log").read_text()
        assert "ended (signal 9); stopping" in log
    finally:
        if server.proc.poll() is None:
            stop_server(server)
        end_all(family)


def test_with_sparql_update_one_web_process_serves(data: Path) -> None:
    server = start_server(
        data,
        NEWSGRAPH_WEB_PROCESSES="2",
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN="secret",
        NEWSGRAPH_RATE_LIMIT="0",
    )
    try:
        assert web_pids(server) == []  # `kg serve` itself is the web process
        # queries run on its threads (the store is open for writing): no fork server
        assert not [p for p in child_pids(server.proc.pid) if comm(p) == FORK_SERVER_NAME]
        r = requests.post(
            server.sparql,
            data="INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": "Bearer secret",
            },
            timeout=HANG,
        )
        assert r.status_code == 200, r.text
        ask = requests.get(
            server.sparql, params={"query": "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }"}, timeout=HANG
        )
        assert ask.json()["boolean"] is True
    finally:
        stop_server(server)


def test_one_web_process_forks_its_fork_server_from_itself(data: Path) -> None:
    """With one web process (`kg serve` itself) the fork server is forked from it too,
    before the app starts a thread: its pages shared with the web process rather than a
    fresh interpreter's."""
    server = start_server(data, NEWSGRAPH_WEB_PROCESSES="1", NEWSGRAPH_RATE_LIMIT="0")
    family = tree_pids(server.proc.pid)
    try:
        forked = [p for p in child_pids(server.proc.pid) if comm(p) == FORK_SERVER_NAME]
        assert len(forked) == 1, [(p, comm(p), cmdline(p)) for p in family]
        r = requests.post(server.sparql, data={"query": COUNT}, timeout=HANG)
        assert r.status_code == 200, r.text
        until(lambda: child_pids(forked[0]) != [], "a query process forked by it")
        assert all(comm(pid) == b"kg-query" for pid in child_pids(forked[0]))
    finally:
        stop_server(server)
    until(lambda: not any(alive(pid) for pid in family), "every process ended")


def test_each_web_process_gets_its_share_of_the_query_pool() -> None:
    """The lanes' sizes bound the queries running at once for the server: two web
    processes share them (rounded up) rather than each starting the full pool."""
    from kg.serve import share_pool

    config = Config(query_processes=4, light_processes=2, warm_processes=1)
    shared = share_pool(config, 2)
    assert (shared.query_processes, shared.light_processes, shared.warm_processes) == (2, 1, 1)
    odd = share_pool(Config(query_processes=3, light_processes=0, warm_processes=-1), 2)
    assert (odd.query_processes, odd.light_processes, odd.warm_processes) == (2, 0, -1)


def test_each_web_process_takes_its_share_of_the_connection_limit() -> None:
    """NEWSGRAPH_MAX_CONNECTIONS stays the server's: N processes take 1/N of it each."""
    from kg.server import httpd

    config = Config(host="127.0.0.1", port=0, max_connections=1000)
    sock = httpd.listening_socket(config)
    try:
        shared = httpd.create(lambda e, s: [], config, sock=sock, book=httpd.ConnectionBook(2))
        assert shared.adj.connection_limit == 500
        shared.close()
    finally:
        sock.close()
    alone = httpd.create(lambda e, s: [], config)
    assert alone.adj.connection_limit == 1000
    alone.close()
