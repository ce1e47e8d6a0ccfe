"""Issue 16's store choice over HTTP: `kg serve` answering from the on-disk build, `kg serve`
with `NEWSGRAPH_STORE_IN_MEMORY=1` (its query processes answer from an in-memory copy), and
Oxigraph's own server on the same files; the query mix of benchmarks.run, 1 and 8 clients,
interleaved rounds (benchmarks/side_by_side.py's cells), then each server's memory.

    python -m benchmarks.in_memory [--triples 1000000] [--rounds 2] [--cell 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import side_by_side as sbs
from benchmarks import synth
from benchmarks.run import QUERIES, ROOT, _median, free_port, prepare_store

SERVERS = ("newsgraph", "newsgraph, in memory", "Oxigraph server")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.in_memory", description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cell", type=float, default=3.0, help="seconds per cell")
    parser.add_argument("--grace", type=float, default=15.0)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-in-memory-"))
    procs: dict[str, subprocess.Popen] = {}
    try:
        nq = work / "synth.nq"
        quads = synth.write(args.triples, nq)
        sizes = synth.Sizes.for_triples(args.triples)
        data_dir = work / "var"
        prepare_store(data_dir, nq)
        db = next((data_dir / "stores").glob("*/db"))
        targets: dict[str, sbs.Target] = {}
        logs = {name: work / f"server-{i}.log" for i, name in enumerate(SERVERS)}
        for name, extra in (
            # (on the files whatever the size: a small --triples fits the default copy budget)
            ("newsgraph", {"NEWSGRAPH_STORE_COPY_MB": "0"}),
            ("newsgraph, in memory", {"NEWSGRAPH_STORE_IN_MEMORY": "1"}),
        ):
            port = free_port()
            procs[name] = sbs.start_kg(ROOT, data_dir, port, logs[name], extra)
            targets[name] = sbs.Target(name, "127.0.0.1", port, "/sparql")
        port = free_port()
        procs["Oxigraph server"] = sbs.start_oxigraph(db, port, logs["Oxigraph server"])
        targets["Oxigraph server"] = sbs.Target("Oxigraph server", "127.0.0.1", port, "/query")
        for name, target in targets.items():
            sbs.wait_answer(target, procs[name], 300, logs[name])
        t0 = time.perf_counter()
        for target in targets.values():  # warm-up: the query processes start (and copy)
            for label, make in QUERIES:
                for clients in (1, 8):
                    sbs.run_cell(target, label, lambda r, m=make: m(r, sizes), clients, -1, 0.3, 60)
        warm_s = time.perf_counter() - t0
        cells: dict[tuple[str, str, int], list[sbs.Cell]] = {}
        k = 0
        for round_ in range(args.rounds):
            for label, make in QUERIES:
                for clients in (1, 8):
                    k += 1
                    turn = SERVERS[k % 3 :] + SERVERS[: k % 3]
                    for name in turn:
                        cell = sbs.run_cell(
                            targets[name], label, lambda r, m=make: m(r, sizes), clients,
                            round_, args.cell, args.grace,
                        )  # fmt: skip
                        cells.setdefault((name, label, clients), []).append(cell)
        memory = {name: sbs.tree_memory(proc.pid) for name, proc in procs.items()}
        print(report(args, quads, warm_s, cells, memory))
    finally:
        for proc in procs.values():
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(args, quads: int, warm_s: float, cells, memory) -> str:
    def p50(name: str, label: str, clients: int) -> float | None:
        found = [c.pct(0.5) for c in cells.get((name, label, clients), [])]
        got = _median(found)
        return None if got is None else got * 1000

    def qps(name: str, label: str, clients: int) -> float | None:
        return _median([c.throughput for c in cells.get((name, label, clients), [])])

    def f(v: float | None, digits: int = 1) -> str:
        return "-" if v is None else f"{v:,.{digits}f}"

    lines = [
        f"{quads:,} quads, {args.rounds} rounds of {args.cell:g} s cells, warm-up {warm_s:.0f} s",
        "",
        "| query | on disk: p50 ms (1 client) / q/s (8) | in memory | Oxigraph server"
        " | on disk / Oxigraph p50 | in memory / Oxigraph p50 | in memory / Oxigraph q/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, _make in QUERIES:
        row = [f"{f(p50(n, label, 1))} / {f(qps(n, label, 8))}" for n in SERVERS]
        ox_p50 = p50("Oxigraph server", label, 1)
        ox_qps = qps("Oxigraph server", label, 8)
        ratios = []
        for n in ("newsgraph", "newsgraph, in memory"):
            mine = p50(n, label, 1)
            ratios.append(f"{mine / ox_p50:.2f}x" if mine and ox_p50 else "-")
        mine_q = qps("newsgraph, in memory", label, 8)
        ratios.append(f"{mine_q / ox_qps:.2f}" if mine_q and ox_qps else "-")
        lines.append(f"| {label} | " + " | ".join(row + ratios) + " |")
    lines += ["", "| server | processes | RSS MB | PSS MB |", "|---|---|---|---|"]
    for name, (rss, pss, n) in memory.items():
        lines.append(f"| {name} | {n} | {rss:,.0f} | {pss:,.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
