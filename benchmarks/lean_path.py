"""The cheap end of issue 16 in two minutes: the lean path against Oxigraph's own server.

    python -m benchmarks.lean_path [--data DIR] [--triples N] [--rounds 2] [--cell 3]
        [--levels 1,8,32] [--skip-overhead] [--skip-floor] [--skip-stream] [--skip-slow]

1. Per-request work outside the engine on a lookup by IRI: the whole WSGI app called
   in-process (server/fastpath.py, the lookup on the request thread; no socket, no
   HTTP server) against pyoxigraph alone (`Store.query` + JSON serialisation) on the
   same read-only store, median of 3 rounds of 3,000 lookups each; then the app's
   steps one by one (best of 5 runs of 3,000 calls, in microseconds).
2. Over HTTP: `kg serve` and `oxigraph serve-read-only` on the *same* store files,
   lookups by IRI and `subOrganizationOf+` at 1, 8 and 32 clients
   (benchmarks/side_by_side.py's raw keep-alive clients), interleaved rounds;
   medians over rounds. Lookups also go to the HTTP servers alone
   (benchmarks/http_floor.py: waitress set up as `kg serve` sets it up, answering a
   fixed lookup-sized answer), and, when the `granian` package is installed, to
   granian's WSGI mode with that fixed answer and with the app, and likewise to
   uvicorn (httptools, uvloop; benchmarks/asgi_path.py: the ASGI server of issue 16's
   design, the app behind an adapter that answers lookups on its loop). Beside them, the
   same app with one `oxigraph serve-read-only` answering its queries instead of the
   query processes (benchmarks/engine_proxy.py). For each cell the
   server's CPU time per answered request (its whole process tree, from /proc),
   which splits a lookup between HTTP server and app and suffers less than latency
   from other processes on the machine.
3. Each server's process tree memory (RSS, PSS, and each process's PSS) after the run.
4. Streaming: the web process's peak memory (VmHWM) before and after large answers
   (up to `NEWSGRAPH_MAX_ROWS` rows of `?s ?p ?o`, one pattern and with a FILTER),
   the time to their first byte and to their end.
5. Slow request bodies (10 bytes/s) on more connections than request threads, then an
   honest request, against `kg serve`, granian + the app and uvicorn + the app (each with
   8 request threads, when installed): is the honest request answered, and is a slow
   body cut (kg/server/httpd.py's guarantee, tests/test_slow_clients.py)?

`--data` takes a folder with a newsgraph build of benchmarks/synth.py's graph (e.g.
the `var` folder that `python -m benchmarks.run --keep` leaves); without it a graph
of `--triples` quads is written and loaded into a temporary folder first. The full
comparison (all query kinds, Virtuoso, rdflib-endpoint) is `python -m benchmarks.run`.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from benchmarks import run, synth
from benchmarks import side_by_side as sbs

KINDS = [q for q in run.QUERIES if q[0] in ("lookup by IRI", "property path subOrganizationOf+")]
LEVELS = (1, 8, 32)
OURS, THEIRS = "newsgraph", "Oxigraph server"
# The app `kg serve` serves with one `oxigraph serve-read-only` process answering its
# queries (benchmarks/engine_proxy.py: issue 16's design, measured and not taken).
PROXY = "newsgraph -> Oxigraph server"
# Servers that answer lookups only (the split of a lookup's time), when they can run.
FLOOR = "waitress, fixed answer"
GRANIAN_FLOOR = "granian, fixed answer"
GRANIAN_APP = "granian + app"
GRANIAN = Path(sys.executable).parent / "granian"
# uvicorn (httptools, uvloop) with the app behind an ASGI adapter (benchmarks/asgi_path.py).
UVICORN_FLOOR = "uvicorn, fixed answer"
UVICORN_APP = "uvicorn + app"
UVICORN = Path(sys.executable).parent / "uvicorn"


def overhead(data_dir: Path, sizes: synth.Sizes) -> tuple[float, float]:
    """(engine ms, whole app ms): p50 of a lookup, medians over 3 rounds."""
    from kg.config import Config
    from kg.server.app import create_app

    app = create_app(Config(data_dir=data_dir, rate_limit=0))
    store = ox.Store.read_only(str(next((data_dir / "stores").glob("*/db"))))

    def environ(text: str) -> dict:
        body = urllib.parse.urlencode({"query": text}).encode()
        return {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/sparql",
            "QUERY_STRING": "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "HTTP_ACCEPT": sbs.ACCEPT,
            "wsgi.url_scheme": "http",
            "HTTP_HOST": "127.0.0.1:1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "1",
            "REMOTE_ADDR": "127.0.0.1",
            "SCRIPT_NAME": "",
        }

    def start_response(status: str, _headers: list, _exc: object = None) -> None:
        if not status.startswith("200"):
            raise RuntimeError(f"the app answered {status}")

    def engine(text: str) -> None:
        out = io.BytesIO()
        store.query(text).serialize(out, ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]

    def whole(text: str) -> None:
        b"".join(app(environ(text), start_response))

    medians: dict[str, list[float]] = {"engine": [], "app": []}
    parts: list[tuple[str, float]] = []
    try:
        parts = steps(app, store, sizes)
        for rep in range(3):
            for name, call in (("engine", engine), ("app", whole)):
                rnd = random.Random(rep)
                times = []
                for _ in range(3000):
                    text = run.q_lookup(rnd, sizes)
                    t0 = time.perf_counter()
                    call(text)
                    times.append(time.perf_counter() - t0)
                medians[name].append(statistics.median(times[300:]) * 1000)
    finally:
        app.extensions["newsgraph.executor"].close()
    return statistics.median(medians["engine"]), statistics.median(medians["app"]), parts


def steps(app: object, store: ox.Store, sizes: synth.Sizes) -> list[tuple[str, float]]:
    """(step, microseconds) of one lookup through the lean path, each step timed alone."""
    from kg import executor as ex
    from kg import query as q
    from kg.server import fastpath, httpd

    lean = app.wsgi_app  # type: ignore[attr-defined]
    text = run.q_lookup(random.Random(7), sizes)
    body = urllib.parse.urlencode({"query": text}).encode()
    config = lean.thread_settings.config
    served = lean._open()
    log = httpd.AccessLog(lambda _e, sr: sr("200 OK", [("Content-Length", "1")]) or [b""],
                          open(os.devnull, "w"))  # fmt: skip
    env = {"REQUEST_METHOD": "POST", "PATH_INFO": "/sparql", "REMOTE_ADDR": "127.0.0.1"}

    def capped_json() -> None:
        solutions, _ = ex._limited_solutions(store.query(text), lean.thread_settings.max_rows)
        solutions.serialize(io.BytesIO(), ox.QueryResultsFormat.JSON)

    def us(call: object) -> float:
        return min(timeit.repeat(call, number=3000, repeat=5)) / 3000 * 1e6  # type: ignore[arg-type]

    def checks() -> None:
        ex.is_bounded_scan(text)
        ex.nesting_depth(text)

    def plain_json() -> None:
        store.query(text).serialize(io.BytesIO(), ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]

    return [
        ("form body parsed (query=...)", us(lambda: fastpath._parse(body))),
        ("lookup test + nesting depth", us(checks)),
        ("current build checked (stat)", us(lean._open)),
        ("engine: query (parse + plan)", us(lambda: store.query(text))),
        ("kg.query.run (SERVICE check + query)", us(lambda: q.run(served, text, config=config))),
        ("engine: query + JSON", us(plain_json)),
        ("query + row cap (TSV round trip) + JSON", us(capped_json)),
        ("metrics (count, latency)", us(lambda: lean._count("POST", 200, 0.0))),
        ("access log line (to /dev/null)", us(lambda: log(env, lambda *a: None))),
    ]  # fmt: skip


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by `pid` and its live descendants."""
    pids, total = sbs.tree_pids(pid), 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _env(data_dir: Path, port: int, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    return env | {
        "NEWSGRAPH_DATA_DIR": str(data_dir),
        "NEWSGRAPH_PORT": str(port),
        "NEWSGRAPH_RATE_LIMIT": "0",
        "NEWSGRAPH_QUERY_TIMEOUT": "60",
        "NEWSGRAPH_MAX_ROWS": "100000",
        **extra,
    }


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A server process of its own session (stopped with its tree), output to `log`."""
    return subprocess.Popen(
        args,
        env=env,
        cwd=run.ROOT,
        stdout=open(log, "w"),  # noqa: SIM115 - lives as long as the server
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_floor(data_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """waitress as `kg serve` sets it up, answering a fixed lookup (benchmarks/http_floor.py)."""
    return _spawn([sys.executable, "-m", "benchmarks.http_floor"], _env(data_dir, port, {}), log)


def start_proxy(data_dir: Path, port: int, log: Path, extra: dict[str, str]) -> subprocess.Popen:
    """benchmarks/engine_proxy.py: the app with one Oxigraph server answering queries."""
    args = [sys.executable, "-m", "benchmarks.engine_proxy"]
    return _spawn(args, _env(data_dir, port, extra), log)


def start_granian(
    data_dir: Path, port: int, log: Path, target: str, threads: int = 64
) -> subprocess.Popen:
    """granian's WSGI mode, one worker process, `threads` threads for the app."""
    factory = ["--factory"] if target.endswith("kg_app") else []
    return _spawn(
        [
            str(GRANIAN),
            "--interface",
            "wsgi",
            "--http",
            "1",
            "--no-ws",
            "--workers",
            "1",
            "--blocking-threads",
            str(threads),
            "--port",
            str(port),
            "--log-level",
            "warning",
            *factory,
            target,
        ],
        _env(data_dir, port, {"NEWSGRAPH_THREADS": str(threads)}),
        log,
    )


def start_uvicorn(
    data_dir: Path,
    port: int,
    log: Path,
    target: str,
    threads: int = 64,
    extra: dict[str, str] | None = None,
) -> subprocess.Popen:
    """uvicorn, one worker process, httptools and uvloop; `target` an app factory."""
    return _spawn(
        [
            str(UVICORN),
            "--factory",
            target,
            "--port",
            str(port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--log-level",
            "warning",
            "--timeout-keep-alive",
            "30",
        ],
        _env(data_dir, port, {**(extra or {}), "NEWSGRAPH_THREADS": str(threads)}),
        log,
    )


def http(
    data_dir: Path,
    sizes: synth.Sizes,
    rounds: int,
    cell_s: float,
    logs: Path,
    extra: dict[str, str] | None = None,
    levels: tuple[int, ...] = LEVELS,
    floors: bool = True,
) -> dict:
    """Medians over rounds per (kind, clients, server): (p50 ms, p95 ms, q/s, errors,
    CPU ms per request); memory per server."""
    procs: dict[str, subprocess.Popen] = {}
    targets: dict[str, sbs.Target] = {}
    lookups_only = {FLOOR, GRANIAN_FLOOR, GRANIAN_APP, UVICORN_FLOOR}
    try:
        db = next((data_dir / "stores").glob("*/db"))
        port = run.free_port()
        procs[THEIRS] = sbs.start_oxigraph(db, port, logs / "oxigraph.log")
        targets[THEIRS] = sbs.Target(THEIRS, "127.0.0.1", port, "/query")
        port = run.free_port()
        procs[OURS] = sbs.start_kg(run.ROOT, data_dir, port, logs / "newsgraph.log", extra or {})
        targets[OURS] = sbs.Target(OURS, "127.0.0.1", port, "/sparql")
        port = run.free_port()
        procs[PROXY] = start_proxy(data_dir, port, logs / "proxy.log", extra or {})
        targets[PROXY] = sbs.Target(PROXY, "127.0.0.1", port, "/sparql")
        if floors:
            port = run.free_port()
            procs[FLOOR] = start_floor(data_dir, port, logs / "floor.log")
            targets[FLOOR] = sbs.Target(FLOOR, "127.0.0.1", port, "/sparql")
        if floors and GRANIAN.exists():
            for name, app in (
                (GRANIAN_FLOOR, "benchmarks.http_floor:fixed_app"),
                (GRANIAN_APP, "benchmarks.http_floor:kg_app"),
            ):
                port = run.free_port()
                procs[name] = start_granian(data_dir, port, logs / f"{name[:9]}.log", app)
                targets[name] = sbs.Target(name, "127.0.0.1", port, "/sparql")
        if UVICORN.exists():
            for name, app in (
                (UVICORN_FLOOR, "benchmarks.asgi_path:fixed_app"),
                (UVICORN_APP, "benchmarks.asgi_path:kg_app"),
            ):
                if floors or name == UVICORN_APP:
                    port = run.free_port()
                    procs[name] = start_uvicorn(data_dir, port, logs / f"{name[:9]}.log", app)
                    targets[name] = sbs.Target(name, "127.0.0.1", port, "/sparql")
        for name, target in targets.items():
            sbs.wait_answer(target, procs[name], 120, logs / "start.log")
        for name, target in targets.items():  # warm-up: grammar, caches, query processes
            for label, make in KINDS:
                if name not in lookups_only or label == KINDS[0][0]:
                    sbs.run_cell(target, label, lambda r, m=make: m(r, sizes), 1, -1, 0.5, 30)
        cells = []
        cpu: dict[int, float] = {}
        k = 0
        for rnd in range(rounds):
            for label, make in KINDS:
                for clients in levels:
                    k += 1
                    order = [n for n in targets if n not in lookups_only or label == KINDS[0][0]]
                    for name in order[k % len(order) :] + order[: k % len(order)]:
                        before = tree_cpu(procs[name].pid)
                        cell = sbs.run_cell(
                            targets[name], label, lambda r, m=make: m(r, sizes), clients, rnd,
                            cell_s, 10.0,
                        )  # fmt: skip
                        cpu[id(cell)] = (tree_cpu(procs[name].pid) - before) / max(
                            1, cell.completed
                        )
                        cells.append(cell)
        memory = {name: sbs.tree_memory(proc.pid) for name, proc in procs.items()}
        parts = {name: tree_parts(proc.pid) for name, proc in procs.items()}
    finally:
        for proc in procs.values():
            run.stop(proc)
    table = {}
    for label, _ in KINDS:
        for clients in levels:
            for name in targets:
                mine = [
                    c
                    for c in cells
                    if c.server == name and c.query == label and c.clients == clients
                ]
                if not mine:
                    continue
                table[label, clients, name] = (
                    statistics.median(c.pct(0.5) or 0.0 for c in mine) * 1000,
                    statistics.median(c.pct(0.95) or 0.0 for c in mine) * 1000,
                    statistics.median(c.throughput for c in mine),
                    sum(sum(c.errors.values()) for c in mine),
                    statistics.median(cpu[id(c)] for c in mine) * 1000,
                )
    return {"table": table, "memory": memory, "parts": parts, "servers": list(targets)}


def tree_parts(pid: int) -> list[tuple[str, float]]:
    """(command name, PSS MB) of each process of `pid`'s tree, largest first."""
    pids = sbs.tree_pids(pid)
    out = []
    for p in pids:
        try:
            name = Path(f"/proc/{p}/comm").read_text().strip()
            pss = _own_pss(p)
        except OSError:
            continue
        out.append((name, pss))
    return sorted(out, key=lambda item: -item[1])


def _own_pss(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def streaming(data_dir: Path, logs: Path, proxy: bool = False) -> list[str]:
    """Large answers through `kg serve` (or the engine proxy): size, first byte, end,
    the web process's peak."""
    import requests

    port = run.free_port()
    log = logs / "newsgraph-stream.log"
    proc = (
        start_proxy(data_dir, port, log, {})
        if proxy
        else sbs.start_kg(run.ROOT, data_dir, port, log, {})
    )
    lines = []
    try:
        target = sbs.Target("newsgraph", "127.0.0.1", port, "/sparql")
        sbs.wait_answer(target, proc, 120, logs / "newsgraph-stream.log")
        lines.append(f"web process peak after start: {_peak_mb(proc.pid):.0f} MB")
        for name, text in (
            ("one pattern", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"),
            ("with a FILTER", "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(true) }"),
        ):
            t0 = time.perf_counter()
            first = None
            size = 0
            with requests.post(
                f"http://127.0.0.1:{port}/sparql",
                data={"query": text},
                headers={"Accept": sbs.ACCEPT},
                stream=True,
                timeout=120,
            ) as resp:
                for chunk in resp.iter_content(1 << 16):
                    if first is None:
                        first = time.perf_counter() - t0
                    size += len(chunk)
                how = resp.headers.get("Transfer-Encoding") or "Content-Length"
            lines.append(
                f"{name}: {size / 1e6:.1f} MB ({how}), first byte {first or 0:.2f} s, end"
                f" {time.perf_counter() - t0:.2f} s; web process peak {_peak_mb(proc.pid):.0f} MB"
            )
    finally:
        run.stop(proc)
    return lines


def slow_bodies(port: int, connections: int = 16) -> str:
    """`connections` request bodies sent at 10 bytes/s (from 127.0.0.2), then an honest
    request (from 127.0.0.1): whether it was answered, and whether a slow body was cut."""
    import requests

    slow = []
    stop = threading.Event()
    try:
        for _ in range(connections):
            s = socket.socket()
            s.bind(("127.0.0.2", 0))
            s.settimeout(15)
            s.connect(("127.0.0.1", port))
            s.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                b"\r\nContent-Length: 100000\r\n\r\nASK {"
            )
            slow.append(s)

        def trickle() -> None:
            while not stop.wait(1.0):
                for s in slow:
                    try:
                        s.sendall(b" " * 10)
                    except OSError:
                        pass

        threading.Thread(target=trickle, daemon=True).start()
        time.sleep(1.0)
        t0 = time.perf_counter()
        try:
            r = requests.post(
                f"http://127.0.0.1:{port}/sparql",
                data={"query": "ASK { ?s ?p ?o }"},
                headers={"Accept": sbs.ACCEPT},
                timeout=10,
            )
            honest = f"honest request answered {r.status_code} in {time.perf_counter() - t0:.2f} s"
        except requests.RequestException as exc:
            honest = f"honest request not answered ({type(exc).__name__} after 10 s)"
        t0 = time.perf_counter()
        got = b""
        try:
            while chunk := slow[0].recv(4096):
                got += chunk
            cut = f"a slow body cut {time.perf_counter() - t0:.1f} s later ({got[:12]!r})"
        except (TimeoutError, ConnectionResetError):
            cut = "a slow body still open 15 s later"
        return f"{honest}; {cut}"
    finally:
        stop.set()
        for s in slow:
            s.close()


def slow_clients(data_dir: Path, logs: Path) -> list[str]:
    """`slow_bodies` against `kg serve`, granian + the app and uvicorn + the app, 8
    request threads each, a 2 s request deadline."""
    lines = []
    settings = {"NEWSGRAPH_THREADS": "8", "NEWSGRAPH_REQUEST_TIMEOUT": "2",
                "NEWSGRAPH_BODY_MIN_RATE": "1000"}  # fmt: skip
    servers: list[tuple[str, Callable[[int, Path], subprocess.Popen]]] = [
        (OURS, lambda port, log: sbs.start_kg(run.ROOT, data_dir, port, log, settings))
    ]
    if GRANIAN.exists():
        wsgi = "benchmarks.http_floor:kg_app"
        servers.append((GRANIAN_APP, lambda port, log: start_granian(data_dir, port, log, wsgi, 8)))
    if UVICORN.exists():
        asgi = "benchmarks.asgi_path:kg_app"
        servers.append(
            (UVICORN_APP, lambda port, log: start_uvicorn(data_dir, port, log, asgi, 8, settings))
        )
    for k, (name, start) in enumerate(servers):
        port, log = run.free_port(), logs / f"slow-{k}.log"
        proc = start(port, log)
        try:
            sbs.wait_answer(sbs.Target(name, "127.0.0.1", port, "/sparql"), proc, 120, log)
            lines.append(f"{name}: {slow_bodies(port)}")
        finally:
            run.stop(proc)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a newsgraph data folder of synth's graph")
    parser.add_argument("--triples", type=int, default=100_000, help="without --data")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cell", type=float, default=3.0, help="seconds per cell")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NEWSGRAPH_X=V",
        help="a setting for the measured `kg serve` (repeatable), e.g. NEWSGRAPH_QUERY_PROCESSES=2",
    )
    parser.add_argument("--skip-slow", action="store_true", help="skip step 5")
    parser.add_argument("--skip-overhead", action="store_true", help="skip step 1")
    parser.add_argument(
        "--skip-floor",
        action="store_true",
        help="step 2 without the HTTP servers alone (waitress, granian)",
    )
    parser.add_argument("--levels", default="1,8,32", help="client counts of step 2")
    parser.add_argument("--skip-stream", action="store_true", help="skip step 4")
    args = parser.parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.set)
    with tempfile.TemporaryDirectory(prefix="newsgraph-lean-") as tmp:
        work = Path(tmp)
        if args.data is None:
            nq = work / "synth.nq"
            triples = synth.write(args.triples, nq)
            data_dir = work / "var"
            run.prepare_store(data_dir, nq)
        else:
            data_dir = args.data
            # synth's quads all sit in named graphs (the default graph is their union)
            store = ox.Store.read_only(str(next((data_dir / "stores").glob("*/db"))))
            count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
            triples = int(next(iter(store.query(count)))["n"].value)  # type: ignore[arg-type]
            del store
        sizes = synth.Sizes.for_triples(triples)
        print(f"{triples:,} quads; load average {run.loadavg()}")
        if not args.skip_overhead:
            engine_ms, app_ms, parts = overhead(data_dir, sizes)
            print(
                f"\nlookup p50 in-process: pyoxigraph alone {engine_ms:.3f} ms, the whole WSGI"
                f" app {app_ms:.3f} ms: {app_ms - engine_ms:.3f} ms outside the engine"
            )
            print("\n| step of a lookup, in-process | microseconds |\n|---|---|")
            for step, us in parts:
                print(f"| {step} | {us:.1f} |")
        print(f"\nload average {run.loadavg()}")
        levels = tuple(int(n) for n in args.levels.split(","))
        result = http(data_dir, sizes, args.rounds, args.cell, work, extra, levels,
                      floors=not args.skip_floor)  # fmt: skip
        print(f"load average {run.loadavg()}")
        stream = []
        if not args.skip_stream:
            stream = streaming(data_dir, work)
            stream += [f"{PROXY}: {line}" for line in streaming(data_dir, work, proxy=True)]
        slow = slow_clients(data_dir, work) if not args.skip_slow else []
    print("\n| query | clients | newsgraph p50 / p95 ms, q/s | Oxigraph server p50 / p95 ms, q/s"
          " | p50 ratio | q/s ratio |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    table = result["table"]
    for who in (OURS, PROXY, UVICORN_APP):
        if who not in result["servers"]:
            continue
        if who != OURS:
            print(f"\nThe same with {who} in newsgraph's column:\n")
            print("|---|---|---|---|---|---|")
        for label, _ in KINDS:
            for clients in levels:
                ours = table[label, clients, who]
                theirs = table[label, clients, THEIRS]
                errors = f" ({ours[3]} errors)" if ours[3] else ""
                print(
                    f"| {label} | {clients} | {ours[0]:.2f} / {ours[1]:.2f}, {ours[2]:,.0f}"
                    f"{errors} | {theirs[0]:.2f} / {theirs[1]:.2f}, {theirs[2]:,.0f}"
                    f" | {ours[0] / theirs[0]:.2f}x | {ours[2] / theirs[2]:.2f} |"
                )
    print("\nWhere a lookup's time goes over HTTP (CPU ms per request: the server's process tree)")
    print("\n| server | clients | p50 / p95 ms | q/s | CPU ms per request |\n|---|---|---|---|---|")
    for clients in levels:
        for name in result["servers"]:
            row = table.get((KINDS[0][0], clients, name))
            if row is not None:
                errors = f" ({row[3]} errors)" if row[3] else ""
                print(
                    f"| {name} | {clients} | {row[0]:.2f} / {row[1]:.2f} | {row[2]:,.0f}{errors}"
                    f" | {row[4]:.3f} |"
                )
    for name, (rss, pss, n) in result["memory"].items():
        each = ", ".join(f"{comm} {mb:.0f}" for comm, mb in result["parts"][name])
        print(f"\n{name}: {n} processes, RSS {rss:.0f} MB, PSS {pss:.0f} MB ({each})", end="")
    print("\n\nlarge answers:\n" + "\n".join(stream))
    if slow:
        print("\nslow request bodies, 16 connections, 8 request threads:\n" + "\n".join(slow))
    print(f"\nload average at the end {run.loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
