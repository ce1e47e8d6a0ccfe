"""Benchmark: kg.reason against owlrl, and pyshacl validation, on synthetic graphs.

    python benchmarks/bench_reason_validate.py                      # 100k and 1M
    python benchmarks/bench_reason_validate.py --sizes 10000 100000 --no-write

Graphs come from kg.synthetic (our vocabulary, shaped like the seeds' output).
For each size it times, each in this process after a warm-up on a tiny graph:
  - kg.reason.infer (ours), median of --repeat runs;
  - owlrl's OWL-RL closure, only up to --owlrl-max triples (41 s at 100k), and
    checks that its useful conclusions equal ours;
  - kg.quality.validate.validate(engine="pyshacl") on the in-memory graph, our shapes
    (benchmarks/bench_validate.py times the SPARQL engine beside it).
Results go to benchmarks/RESULTS.md under "## Reasoning and validation"
(only that section is replaced, other sections are kept).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import owlrl
from rdflib import Graph

from kg.quality.validate import validate
from kg.reason import compile_rules, infer, is_noise
from kg.resources import load_ontology
from kg.synthetic import synthetic_graph

T = TypeVar("T")
RESULTS = Path(__file__).with_name("RESULTS.md")
HEADING = "## Reasoning and validation"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(ln.split()[1])
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    libs = ", ".join(f"{p} {version(p)}" for p in ("rdflib", "owlrl", "pyshacl", "pyoxigraph"))
    return (
        f"{os.cpu_count()} vCPU ({cpu}), {memory}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {libs}"
    )


def timed(fn: Callable[..., T], *args: Any) -> tuple[float, T]:
    """Wall-clock seconds of one call, after a collection so garbage does not count."""
    gc.collect()
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def owlrl_useful(data: Graph, ontology: Graph) -> tuple[float, set]:
    graph = Graph()
    for t in data:
        graph.add(t)
    for t in ontology:
        graph.add(t)
    before = set(graph)
    seconds, _ = timed(owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand, graph)
    terms = compile_rules(ontology).terms
    return seconds, {t for t in graph if t not in before and not is_noise(t, terms)}


def run(sizes: list[int], repeat: int, owlrl_max: int, shacl_max: int) -> list[dict]:
    ontology = load_ontology()
    infer(synthetic_graph(500), ontology)  # warm-up: imports, first-call costs
    validate(synthetic_graph(500), engine="pyshacl")
    rows = []
    for n in sizes:
        gen_s, data = timed(synthetic_graph, n)
        print(f"{n}: {len(data)} triples generated in {gen_s:.1f} s", file=sys.stderr)
        runs = []
        for _ in range(repeat):
            seconds, inferred = timed(infer, data, ontology)
            runs.append(seconds)
        row = {
            "size": len(data),
            "ours": statistics.median(runs),
            "inferred": len(inferred),
            "owlrl": None,
            "same": None,
            "shacl": None,
            "results": None,
        }
        print(f"  ours {row['ours']:.2f} s, {len(inferred)} new", file=sys.stderr)
        if n <= owlrl_max:
            row["owlrl"], theirs = owlrl_useful(data, ontology)
            row["same"] = theirs == set(inferred)
            print(f"  owlrl {row['owlrl']:.1f} s, same: {row['same']}", file=sys.stderr)
        if n <= shacl_max:
            row["shacl"], result = timed(lambda g: validate(g, engine="pyshacl"), data)
            c = result.counts
            row["results"] = f"{c['Violation']} / {c['Warning']} / {c['Info']}"
            print(f"  pyshacl {row['shacl']:.1f} s ({row['results']})", file=sys.stderr)
        rows.append(row)
        del data, inferred
    return rows


def table(rows: list[dict]) -> str:
    def s(x: float | None) -> str:
        return "not run" if x is None else f"{x:.2f} s"

    lines = [
        "| triples | kg.reason | new triples | owlrl OWL-RL | same useful conclusions "
        "| pyshacl validate | violations / warnings / info |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        same = "–" if r["same"] is None else ("yes" if r["same"] else "**no**")
        lines.append(
            f"| {r['size']:,} | {s(r['ours'])} | {r['inferred']:,} | {s(r['owlrl'])} | {same} "
            f"| {s(r['shacl'])} | {r['results'] or '–'} |"
        )
    return "\n".join(lines)


def write(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of kg.reason per size")
    parser.add_argument("--owlrl-max", type=int, default=100_000)
    parser.add_argument("--shacl-max", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true", help="print, do not update RESULTS.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    rows = run(args.sizes, args.repeat, args.owlrl_max, args.shacl_max)
    load_after = os.getloadavg()[0]
    command = "python benchmarks/bench_reason_validate.py " + shlex.join(sys.argv[1:])
    section = (
        f"{HEADING}\n\n"
        f"Machine: {machine()}.  \n"
        f"1-minute load average at start / end: {load_before:.1f} / {load_after:.1f} "
        f"(a load above {os.cpu_count()} means other work shared the CPUs and slowed every "
        "figure).  \n"
        f"Command: `{command.strip()}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).  \n"
        "Synthetic graphs from `kg.synthetic` (documents, meetings, statements, deployments, "
        "claims, annotations; shaped like the seeds' output). kg.reason: median of "
        f"{args.repeat} runs; owlrl and pyshacl: one run each, in memory. "
        "owlrl's figure is the full OWL-RL closure; 'same' compares its conclusions, cut by "
        "`kg.reason.is_noise`, with ours.\n\n"
        f"{table(rows)}\n"
    )
    print(section)
    if not args.no_write:
        write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
