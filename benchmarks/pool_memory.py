"""Where `kg serve`'s process tree spends its memory, and what a started query process costs.

    python -m benchmarks.pool_memory --data DIR [--set NEWSGRAPH_X=V ...] [--idle 35]
        [--bursts 5] [--burst 8] [--oxigraph] [--tree DIR]

1. Memory: `kg serve` on the data folder (a build of benchmarks/synth.py's graph, e.g.
   the `var` folder `python -m benchmarks.run --keep` leaves); each process of its tree
   (web process, fork server, resource tracker, query processes, told apart by their
   parent and command line) with its RSS, PSS, private dirty memory and its PSS by kind
   of mapping (heap and anonymous memory, the store's files, libraries), read from
   /proc/PID/smaps: at rest after start, after 3 s of lookups by IRI at 8 clients, after
   3 s of `subOrganizationOf+` at 8 clients, then after `--idle` seconds without requests
   (past NEWSGRAPH_PROCESS_IDLE, the processes started for the load have ended).
2. First queries of a burst: `--burst` `subOrganizationOf+` queries sent at once, after
   NEWSGRAPH_PROCESS_IDLE + 1.5 s without requests (the processes started for the last
   burst have ended; set NEWSGRAPH_PROCESS_IDLE=2 to keep this short), then the same
   burst again at once (the processes there): their latencies, `--bursts` times.

Memory figures belong here, not in tests: tests/test_pool_server.py pins the behaviour
(an idle server keeps one query process, a burst grows the pool, idle ones end).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import threading
import time
from pathlib import Path

import requests

from benchmarks import lean_path, run, synth
from benchmarks import side_by_side as sbs
from kg.executor import FORK_SERVER_NAME

PATH_QUERY = lean_path.KINDS[1][1]


def role(pid: int, root: int, webs: set[int], fork_servers: set[int]) -> str:
    """kg serve (the web process, or with NEWSGRAPH_WEB_PROCESSES above one the process
    that only waits), web, fork server, resource tracker or a query process (nice)."""
    if pid == root:
        if b"serve-read-only" in Path(f"/proc/{pid}/cmdline").read_bytes():
            return "Oxigraph server"
        return "web" if not webs else "kg serve (waits)"
    if pid in webs:
        return "web"
    if pid in fork_servers:
        return "fork server"
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    if b"resource_tracker" in cmdline:
        return "resource tracker"
    nice = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16]
    return f"query process (nice {nice})"


def _children_running(pid: int, marker: bytes) -> set[int]:
    found = set()
    for child in sbs.child_pids(pid):
        try:
            if marker in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
        except OSError:
            continue
    return found


def by_kind(pid: int) -> dict[str, float]:
    """PSS MB by kind of mapping: [heap], [anon], [stack], store files, libraries."""
    kinds: dict[str, int] = {}
    kind = "?"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split()
            name = parts[5] if len(parts) > 5 else "[anon]"
            if ".so" in name:
                kind = "pyoxigraph" if "pyoxigraph" in name else "libraries"
            elif "/db/" in name:
                kind = "store files"
            elif name.startswith("["):
                kind = "[stack]" if name.startswith("[stack") else name
            else:
                kind = "other files"
        elif line.startswith("Pss:"):
            kinds[kind] = kinds.get(kind, 0) + int(line.split()[1])
    return {k: v / 1024 for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 512}


def snapshot(web: int, label: str) -> float:
    """Print the tree's memory per process; its PSS in MB."""
    # The fork server `kg serve` forks runs kg serve's command line under its own name.
    forked = {p for p in sbs.child_pids(web) if sbs.comm(p) == FORK_SERVER_NAME}
    webs = _children_running(web, b"kg.cli") - forked
    fork_servers = forked.union(*(_children_running(p, b"forkserver") for p in {web, *webs}))
    rows, total = [], 0.0
    for pid in sbs.tree_pids(web):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
            fields = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in rollup}
            rows.append((role(pid, web, webs, fork_servers), pid, fields, by_kind(pid)))
        except OSError:
            continue  # ended meanwhile
        total += fields["Pss"]
    print(f"\n{label}: {len(rows)} processes, PSS {total:.0f} MB")
    for name, pid, f, kinds in sorted(rows, key=lambda r: r[0]):
        parts = ", ".join(f"{k} {v:.1f}" for k, v in kinds.items())
        print(
            f"  {name:24} {pid:7} RSS {f['Rss']:6.1f}  PSS {f['Pss']:6.1f}"
            f"  private dirty {f['Private_Dirty']:6.1f}  ({parts})"
        )
    return total


def memory(target: sbs.Target, web: int, sizes: synth.Sizes, idle: float) -> None:
    snapshot(web, "at rest after start")
    for label, make in lean_path.KINDS:
        cell = sbs.run_cell(target, label, lambda r, m=make: m(r, sizes), 8, 0, 3.0, 30)
        print(
            f"\n{label}, 8 clients, 3 s: {cell.completed} answered, p50"
            f" {(cell.pct(0.5) or 0) * 1000:.2f} ms, {cell.throughput:,.0f} q/s"
        )
        snapshot(web, f"after {label}")
    time.sleep(idle)
    snapshot(web, f"after {idle:g} s without requests")


def bursts(port: int, sizes: synth.Sizes, idle: float, n: int, times: int) -> None:
    rnd = random.Random(3)
    url = f"http://127.0.0.1:{port}/sparql"

    def burst() -> list[float]:
        texts = [PATH_QUERY(rnd, sizes) for _ in range(n)]
        took = [0.0] * n

        def one(i: int) -> None:
            t0 = time.perf_counter()
            r = requests.post(url, data={"query": texts[i]}, headers={"Accept": sbs.ACCEPT})
            r.raise_for_status()
            took[i] = (time.perf_counter() - t0) * 1000

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return took

    for _ in range(3):
        burst()  # the shape known to the lanes, the web process's caches warm
    cold, warm = [], []
    for _ in range(times):
        time.sleep(idle + 1.5)
        cold.append(burst())
        warm.append(burst())
        print(
            f"  burst after a quiet spell: p50 {statistics.median(cold[-1]):.1f} ms, slowest"
            f" {max(cold[-1]):.1f}; again at once: p50 {statistics.median(warm[-1]):.1f},"
            f" slowest {max(warm[-1]):.1f}"
        )
    for name, runs in (("after a quiet spell", cold), ("again at once", warm)):
        print(
            f"{n} queries at once, {name}: median {statistics.median(sum(runs, [])):.1f} ms,"
            f" slowest of a burst (median) {statistics.median(max(b) for b in runs):.1f} ms"
        )


def quads(data_dir: Path) -> int:
    """synth's quads in the build (all in named graphs; the default graph is their union)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(next((data_dir / "stores").glob("*/db"))))
    count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    return int(next(iter(store.query(count)))["n"].value)  # type: ignore[index, arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a data folder of synth's graph")
    parser.add_argument("--set", action="append", default=[], metavar="NEWSGRAPH_X=V")
    parser.add_argument("--idle", type=float, default=35.0, help="seconds without requests")
    parser.add_argument("--bursts", type=int, default=5, help="bursts of step 2 (0: skip)")
    parser.add_argument("--burst", type=int, default=8, help="queries per burst")
    parser.add_argument(
        "--oxigraph", action="store_true", help="the same steps against Oxigraph's server"
    )
    parser.add_argument("--tree", type=Path, default=run.ROOT, help="kg serve's source tree")
    args = parser.parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.set)
    sizes = synth.Sizes.for_triples(quads(args.data))
    port = run.free_port()
    log = args.data.parent / f"pool-memory-{port}.log"
    proc = sbs.start_kg(args.tree.resolve(), args.data, port, log, extra)
    try:
        target = sbs.Target("newsgraph", "127.0.0.1", port, "/sparql")
        sbs.wait_answer(target, proc, 120, log)
        time.sleep(3.0)  # the warm processes started
        print(f"tree {args.tree}; settings: {extra or 'defaults'}; load average {run.loadavg()}")
        memory(target, proc.pid, sizes, args.idle)
        if args.bursts:
            print(f"\nfirst queries of a burst (load average {run.loadavg()}):")
            idle = float(extra.get("NEWSGRAPH_PROCESS_IDLE", "30"))
            bursts(port, sizes, idle, args.burst, args.bursts)
        print(f"\nload average at the end {run.loadavg()}")
    finally:
        run.stop(proc)
    if args.oxigraph:
        oxigraph(args.data, sizes, args.idle)
    return 0


def oxigraph(data_dir: Path, sizes: synth.Sizes, idle: float) -> None:
    """`memory`'s steps against Oxigraph's server on the build's store files."""
    name = (data_dir / "CURRENT").read_text(encoding="utf-8").strip()
    port = run.free_port()
    log = data_dir.parent / f"pool-memory-oxigraph-{port}.log"
    proc = sbs.start_oxigraph(data_dir / "stores" / name / "db", port, log)
    try:
        target = sbs.Target("Oxigraph server", "127.0.0.1", port, "/query")
        sbs.wait_answer(target, proc, 120, log)
        print(f"\nOxigraph's server (load average {run.loadavg()}):")
        memory(target, proc.pid, sizes, idle)
    finally:
        run.stop(proc)


if __name__ == "__main__":
    raise SystemExit(main())
