"""`kg serve` from two source trees side by side on the same store, cells interleaved.

    python -m benchmarks.serve_ab --data DIR [--rounds 4] [--cell 3] [--levels 1,8,32]
        [--kinds "lookup by IRI,property path subOrganizationOf+"] [--oxigraph]
        [--set NAME:VAR=VALUE ...] NAME=TREE [NAME=TREE ...]

Each TREE is a folder whose `kg` package holds its server at `kg/server`, as an
installed newsgraph does: lay out an older checkout so (its `kg`, with `server`,
`ontology`, `shapes`, `queries` and `docs` copied into it), e.g.
from `git worktree add`; the worktree the venv's editable install points at may be
given as it is. Each is started as `python -m kg.cli serve --no-build` with the tree
as working folder and PYTHONPATH, with the settings benchmarks/side_by_side.py gives
`kg serve` (rate limit off, 60 s timeout, 100,000 rows). `--oxigraph` adds
`oxigraph serve-read-only` on the same store files. `--set NAME:VAR=VALUE` gives one
server a setting of its own (e.g. `--set one:NEWSGRAPH_WEB_PROCESSES=1`); the same
tree may be named twice with different settings.

What benchmarks/lean_path.py cannot do: compare two versions of newsgraph's own code.
Its servers run one after the other; here every round visits every tree for each
query kind and client count, in alternating order, so the drifts of a shared
machine's load fall on both versions alike. Per cell: p50 latency, answers a second,
and the server's CPU per answer (its whole process tree, from /proc); medians over
rounds, with each round's p50 and q/s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

import pyoxigraph as ox

from benchmarks import run, synth
from benchmarks import side_by_side as sbs
from benchmarks.lean_path import tree_cpu

OXIGRAPH = "oxigraph"


def start(
    tree: Path, data_dir: Path, port: int, log: Path, settings: dict[str, str] | None = None
) -> subprocess.Popen:
    """`kg serve` from `tree`, in a session of its own (stopped with its tree): the
    side-by-side benchmark's server, with the tree's code first on the path."""
    return sbs.start_kg(tree, data_dir, port, log, {"PYTHONPATH": str(tree), **(settings or {})})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a build of synth's graph")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--cell", type=float, default=3.0, help="seconds per cell")
    parser.add_argument("--levels", default="1,8,32", help="client counts")
    parser.add_argument("--kinds", default="lookup by IRI,property path subOrganizationOf+")
    parser.add_argument("--oxigraph", action="store_true", help="add Oxigraph's server")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME:VAR=VALUE",
        help="a setting for one server only",
    )
    parser.add_argument("trees", nargs="+", metavar="NAME=TREE")
    args = parser.parse_args(argv)
    trees = {name: Path(tree) for name, tree in (t.split("=", 1) for t in args.trees)}
    settings: dict[str, dict[str, str]] = {}
    for item in args.set:
        name, _, pair = item.partition(":")
        var, _, value = pair.partition("=")
        settings.setdefault(name, {})[var] = value
    kinds = [q for q in run.QUERIES if q[0] in args.kinds.split(",")]
    levels = [int(n) for n in args.levels.split(",")]
    db = next((args.data / "stores").glob("*/db"))
    store_count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    store = ox.Store.read_only(str(db))
    quads = int(next(iter(store.query(store_count)))["n"].value)  # type: ignore[index]
    del store
    sizes = synth.Sizes.for_triples(quads)
    procs: dict[str, subprocess.Popen] = {}
    targets: dict[str, sbs.Target] = {}
    cells: dict[tuple[str, int, str], list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-ab-") as tmp:
        try:
            for name, tree in trees.items():
                port, log = run.free_port(), Path(tmp) / f"{name}.log"
                procs[name] = start(tree, args.data, port, log, settings.get(name))
                targets[name] = sbs.Target(name, "127.0.0.1", port, "/sparql")
                sbs.wait_answer(targets[name], procs[name], 120, log)
            if args.oxigraph:
                port, log = run.free_port(), Path(tmp) / "oxigraph.log"
                procs[OXIGRAPH] = sbs.start_oxigraph(db, port, log)
                targets[OXIGRAPH] = sbs.Target(OXIGRAPH, "127.0.0.1", port, "/query")
                sbs.wait_answer(targets[OXIGRAPH], procs[OXIGRAPH], 120, log)
            print(f"{quads:,} quads; load average {run.loadavg()}")
            for rnd in range(args.rounds):
                for label, make in kinds:
                    for clients in levels:
                        order = list(targets) if rnd % 2 == 0 else list(reversed(targets))
                        for name in order:
                            cpu = tree_cpu(procs[name].pid)
                            cell = sbs.run_cell(
                                targets[name],
                                label,
                                lambda r, m=make: m(r, sizes),
                                clients,
                                rnd,
                                args.cell,
                                5,
                            )
                            cpu = tree_cpu(procs[name].pid) - cpu
                            p50 = cell.pct(0.5)
                            cells.setdefault((label, clients, name), []).append(
                                (
                                    (p50 or 0.0) * 1e3,
                                    cell.throughput,
                                    cpu / max(cell.completed, 1) * 1e3,
                                )
                            )
                            if cell.errors:
                                print(f"{name} {label} x{clients}: errors {dict(cell.errors)}")
            print(f"load average {run.loadavg()}")
        finally:
            for proc in procs.values():
                run.stop(proc)
    print("\n| query | clients | server | p50 ms | q/s | CPU ms per answer | rounds (p50 / q/s) |")
    print("|---|---|---|---|---|---|---|")
    for (label, clients, name), rows in cells.items():
        p50, qps, cpu = (statistics.median(r[i] for r in rows) for i in range(3))
        each = ", ".join(f"{r[0]:.2f} / {r[1]:,.0f}" for r in rows)
        print(f"| {label} | {clients} | {name} | {p50:.3f} | {qps:,.0f} | {cpu:.3f} | {each} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
