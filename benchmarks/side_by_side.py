"""Five SPARQL servers on the same data and query mix, interleaved: section 1 of RESULTS.md.

Servers, each started here on a free loopback port:

- **newsgraph**: `kg serve` on newsgraph's build of the graph (on-disk Oxigraph store);
- **Oxigraph server**: `oxigraph serve-read-only` (PyPI package `oxigraph`) on the *same*
  store files: the same engine without our policy, limits and processes;
- **Virtuoso 7**: Debian's `virtuoso-t`, the same quads bulk-loaded;
- **newsgraph → Virtuoso**: `kg serve` with `NEWSGRAPH_REMOTE_STORE` at that Virtuoso
  (`NEWSGRAPH_STORE=virtuoso` in a real deployment);
- **rdflib-endpoint**: rdflib's engine behind FastAPI (benchmarks/peer_rdflib.py).

The client is not the bottleneck by design: each request is written and read on a
raw keep-alive socket (POST form, `Accept: application/sparql-results+json`), clients
are spread over several processes, and only the first answer of each cell is parsed
(to count rows). Every cell (server x query kind x number of clients) runs for
`cell_s` seconds in a closed loop; a query still running at the end may finish within
`grace_s`, after which it is abandoned and counted as a timeout. Cells are interleaved:
in each round every query kind and client count visits every server, in a rotated
order, so slow drifts in the machine's load fall on all servers alike; the figures
reported are medians over rounds, with the spread of p50 across rounds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ACCEPT = "application/sparql-results+json"


@dataclass(frozen=True)
class Target:
    name: str
    host: str
    port: int
    path: str

    @classmethod
    def of(cls, name: str, url: str) -> Target:
        u = urllib.parse.urlsplit(url)
        return cls(name, u.hostname or "127.0.0.1", u.port or 80, u.path or "/")


class Conn:
    """One keep-alive HTTP/1.1 connection, written and read by hand (cheap per request)."""

    def __init__(self, target: Target, timeout: float) -> None:
        self.target = target
        self.closed = False
        self.sock = socket.create_connection((target.host, target.port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb", buffering=65536)
        self.head = (
            f"POST {target.path} HTTP/1.1\r\nHost: {target.host}:{target.port}\r\n"
            f"Accept: {ACCEPT}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        ).encode()

    def call(self, query: str) -> tuple[int, bytes]:
        body = urllib.parse.urlencode({"query": query}).encode()
        self.sock.sendall(self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        status_line = self.file.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = self.file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            key, _, value = line.decode("latin-1").partition(":")
            key = key.strip().lower()
            if key == "content-length":
                length = int(value)
            elif key == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif key == "connection" and "close" in value.lower():
                close = True
        if chunked:
            parts = []
            while True:
                size = int(self.file.readline().split(b";")[0], 16)
                if size == 0:
                    while self.file.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.file.read(size))
                self.file.readline()
            data = b"".join(parts)
        elif length is not None:
            data = self.file.read(length)
        else:
            data = self.file.read()
            close = True
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        """Close the connection: the reader too, since while it is open the socket's file
        descriptor stays open (and `sock.fileno()` valid) after `sock.close()`."""
        self.closed = True
        try:
            self.file.close()
            self.sock.close()
        except OSError:
            pass


def rows_of(data: bytes) -> int:
    doc = json.loads(data)
    return 1 if "boolean" in doc else len(doc["results"]["bindings"])


@dataclass
class Cell:
    server: str
    query: str
    clients: int
    round: int
    latencies: list[float] = field(default_factory=list)
    completed: int = 0
    seconds: float = 0.0
    errors: Counter = field(default_factory=Counter)
    rows: int | None = None

    @property
    def throughput(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float | None:
        if not self.latencies:
            return None
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def _client_process(
    target: Target,
    make: Callable[[random.Random], str],
    seeds: list[str],
    start: float,
    end: float,
    grace: float,
    count_rows: bool,
    out: multiprocessing.connection.Connection,
) -> None:
    """Run len(seeds) closed-loop clients on threads; send back what they measured."""
    lock = threading.Lock()
    result: dict = {"lat": [], "done": [], "errors": Counter(), "rows": None}

    def client(seed: str, first: bool) -> None:
        rnd = random.Random(seed)
        conn: Conn | None = None
        while time.perf_counter() < end:
            query = make(rnd)
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = Conn(target, timeout=max(1.0, end + grace - t0))
                conn.sock.settimeout(max(0.5, end + grace - t0))
                status, data = conn.call(query)
                if conn.closed:  # the server said "Connection: close"
                    conn = None
            except (OSError, ValueError, IndexError) as exc:
                if conn is not None:
                    conn.close()
                conn = None
                kind = "timeout" if isinstance(exc, TimeoutError | socket.timeout) else "io"
                with lock:
                    result["errors"][kind] += 1
                continue
            t1 = time.perf_counter()
            with lock:
                if status != 200:
                    result["errors"][f"HTTP {status}"] += 1
                    continue
                result["lat"].append(t1 - t0)
                result["done"].append(t1)
                if first and count_rows and result["rows"] is None:
                    try:
                        result["rows"] = rows_of(data)
                    except (ValueError, KeyError):
                        result["rows"] = -1
        if conn is not None:
            conn.close()

    while time.perf_counter() < start:
        time.sleep(0.001)
    threads = [threading.Thread(target=client, args=(seed, i == 0)) for i, seed in enumerate(seeds)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.send(result)
    out.close()


def run_cell(
    target: Target,
    label: str,
    make: Callable[[random.Random], str],
    clients: int,
    round_: int,
    cell_s: float,
    grace_s: float,
) -> Cell:
    """`clients` closed-loop clients for `cell_s` seconds, in up to 4 processes."""
    ctx = multiprocessing.get_context("fork")
    procs = min(clients, 4)
    seeds = [f"{label}/{round_}/{k}" for k in range(clients)]
    start = time.perf_counter() + 0.2
    end = start + cell_s
    running = []
    for p in range(procs):
        mine = seeds[p::procs]
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(
            target=_client_process,
            args=(target, make, mine, start, end, grace_s, p == 0, send),
            daemon=True,
        )
        proc.start()
        send.close()
        running.append((proc, recv))
    cell = Cell(target.name, label, clients, round_)
    last = end
    for proc, recv in running:
        if recv.poll(cell_s + grace_s + 30):
            res = recv.recv()
            cell.latencies += res["lat"]
            cell.completed += len(res["done"])
            if res["done"]:
                last = max(last, max(res["done"]))
            cell.errors.update(res["errors"])
            if res["rows"] is not None:
                cell.rows = res["rows"]
        else:
            cell.errors["client lost"] += 1
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
    cell.seconds = last - start
    return cell


# ---- memory of a server's process tree -------------------------------------------------


def comm(pid: int) -> bytes:
    """The process's name (/proc/PID/comm): `kg-forkserver` for the fork server `kg
    serve` forks (its command line is kg serve's), `kg-query` for a query process."""
    try:
        return Path(f"/proc/{pid}/comm").read_bytes().strip()
    except OSError:
        return b""


def child_pids(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def tree_pids(pid: int) -> list[int]:
    """`pid` and all its live descendants, parents before their children."""
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        stack += child_pids(p)
    return pids


def tree_memory(pid: int) -> tuple[float, float, int]:
    """(RSS MB, PSS MB, processes) of `pid` and all its descendants.

    RSS counts pages shared between processes (the store's files mapped by every
    query process, libraries) once per process; PSS splits each shared page among
    the processes that map it, so the PSS of a tree is what it really costs.
    """
    pids = tree_pids(pid)
    rss = pss = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024, len(pids)


# ---- starting the servers ----------------------------------------------------------------


def start_oxigraph(db: Path, port: int, log: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "oxigraph"
    return subprocess.Popen(
        [str(exe), "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}"],
        stdout=open(log, "w"),  # noqa: SIM115 - lives as long as the server
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_kg(root: Path, data_dir: Path, port: int, log: Path, extra: dict[str, str]):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env |= {
        "NEWSGRAPH_DATA_DIR": str(data_dir),
        "NEWSGRAPH_PORT": str(port),
        "NEWSGRAPH_RATE_LIMIT": "0",
        "NEWSGRAPH_QUERY_TIMEOUT": "60",
        "NEWSGRAPH_MAX_ROWS": "100000",
        **extra,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env,
        cwd=root,
        stdout=open(log, "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_answer(target: Target, proc: subprocess.Popen | None, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{target.name} exited:\n{log.read_text()[-3000:]}")
        try:
            conn = Conn(target, timeout=5)
            status, _ = conn.call("ASK { ?s ?p ?o }")
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{target.name} not ready in {timeout:.0f} s:\n{log.read_text()[-3000:]}")
