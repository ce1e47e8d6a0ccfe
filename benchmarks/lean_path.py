"""The cheap end of issue 16 in two minutes: the lean path against Oxigraph's own server.

    python -m benchmarks.lean_path [--data DIR] [--triples N] [--rounds 2] [--cell 3]

1. Per-request work outside the engine on a lookup by IRI: the whole WSGI app called
   in-process (server/fastpath.py, the lookup on the request thread; no socket, no
   HTTP server) against pyoxigraph alone (`Store.query` + JSON serialisation) on the
   same read-only store, median of 3 rounds of 3,000 lookups each.
2. Over HTTP: `kg serve` and `oxigraph serve-read-only` on the *same* store files,
   lookups by IRI and `subOrganizationOf+` at 1, 8 and 32 clients
   (benchmarks/side_by_side.py's raw keep-alive clients), interleaved rounds;
   medians over rounds.
3. Each server's process tree memory (RSS, PSS) after the run.
4. Streaming: the web process's peak memory (VmHWM) before and after large answers
   (up to `NEWSGRAPH_MAX_ROWS` rows of `?s ?p ?o`, one pattern and with a FILTER),
   the time to their first byte and to their end.

`--data` takes a folder with a newsgraph build of benchmarks/synth.py's graph (e.g.
the `var` folder that `python -m benchmarks.run --keep` leaves); without it a graph
of `--triples` quads is written and loaded into a temporary folder first. The full
comparison (all query kinds, Virtuoso, rdflib-endpoint) is `python -m benchmarks.run`.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from benchmarks import run, synth
from benchmarks import side_by_side as sbs

KINDS = [q for q in run.QUERIES if q[0] in ("lookup by IRI", "property path subOrganizationOf+")]
LEVELS = (1, 8, 32)


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
    try:
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
    return statistics.median(medians["engine"]), statistics.median(medians["app"])


def http(data_dir: Path, sizes: synth.Sizes, rounds: int, cell_s: float, logs: Path) -> dict:
    """Medians over rounds per (kind, clients, server): (p50 ms, p95 ms, q/s); memory."""
    procs = {}
    targets = {}
    try:
        db = next((data_dir / "stores").glob("*/db"))
        port = run.free_port()
        procs["Oxigraph server"] = sbs.start_oxigraph(db, port, logs / "oxigraph.log")
        targets["Oxigraph server"] = sbs.Target("Oxigraph server", "127.0.0.1", port, "/query")
        port = run.free_port()
        procs["newsgraph"] = sbs.start_kg(run.ROOT, data_dir, port, logs / "newsgraph.log", {})
        targets["newsgraph"] = sbs.Target("newsgraph", "127.0.0.1", port, "/sparql")
        for name, target in targets.items():
            sbs.wait_answer(target, procs[name], 120, logs / f"{name.split()[0]}.log")
        for target in targets.values():  # warm-up: grammar, caches, query processes
            for label, make in KINDS:
                sbs.run_cell(target, label, lambda r, m=make: m(r, sizes), 1, -1, 0.5, 30)
        cells = []
        order = list(targets)
        k = 0
        for rnd in range(rounds):
            for label, make in KINDS:
                for clients in LEVELS:
                    k += 1
                    for name in order[k % 2 :] + order[: k % 2]:
                        cells.append(
                            sbs.run_cell(
                                targets[name],
                                label,
                                lambda r, m=make: m(r, sizes),
                                clients,
                                rnd,
                                cell_s,
                                10.0,
                            )  # fmt: skip
                        )
        memory = {name: sbs.tree_memory(proc.pid) for name, proc in procs.items()}
    finally:
        for proc in procs.values():
            run.stop(proc)
    table = {}
    for label, _ in KINDS:
        for clients in LEVELS:
            for name in targets:
                mine = [
                    c
                    for c in cells
                    if c.server == name and c.query == label and c.clients == clients
                ]
                table[label, clients, name] = (
                    statistics.median(c.pct(0.5) or 0.0 for c in mine) * 1000,
                    statistics.median(c.pct(0.95) or 0.0 for c in mine) * 1000,
                    statistics.median(c.throughput for c in mine),
                    sum(sum(c.errors.values()) for c in mine),
                )
    return {"table": table, "memory": memory}


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def streaming(data_dir: Path, logs: Path) -> list[str]:
    """Large answers through `kg serve`: size, first byte, end, the web process's peak."""
    import requests

    port = run.free_port()
    proc = sbs.start_kg(run.ROOT, data_dir, port, logs / "newsgraph-stream.log", {})
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a newsgraph data folder of synth's graph")
    parser.add_argument("--triples", type=int, default=100_000, help="without --data")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cell", type=float, default=3.0, help="seconds per cell")
    args = parser.parse_args(argv)
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
        engine_ms, app_ms = overhead(data_dir, sizes)
        print(
            f"\nlookup p50 in-process: pyoxigraph alone {engine_ms:.3f} ms, the whole WSGI"
            f" app {app_ms:.3f} ms: {app_ms - engine_ms:.3f} ms outside the engine\n"
        )
        result = http(data_dir, sizes, args.rounds, args.cell, work)
        stream = streaming(data_dir, work)
    print("| query | clients | newsgraph p50 / p95 ms, q/s | Oxigraph server p50 / p95 ms, q/s"
          " | p50 ratio | q/s ratio |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    table = result["table"]
    for label, _ in KINDS:
        for clients in LEVELS:
            ours = table[label, clients, "newsgraph"]
            theirs = table[label, clients, "Oxigraph server"]
            errors = f" ({ours[3]} errors)" if ours[3] else ""
            print(
                f"| {label} | {clients} | {ours[0]:.2f} / {ours[1]:.2f}, {ours[2]:,.0f}{errors}"
                f" | {theirs[0]:.2f} / {theirs[1]:.2f}, {theirs[2]:,.0f}"
                f" | {ours[0] / theirs[0]:.2f}x | {ours[2] / theirs[2]:.2f} |"
            )
    for name, (rss, pss, n) in result["memory"].items():
        print(f"\n{name}: {n} processes, RSS {rss:.0f} MB, PSS {pss:.0f} MB", end="")
    print("\n\nlarge answers:\n" + "\n".join(stream))
    print(f"\nload average at the end {run.loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
