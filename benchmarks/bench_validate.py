"""Benchmark: SHACL validation at scale, the SPARQL engine side by side with pySHACL.

    python -m benchmarks.bench_validate                       # 100k and 1M triples
    python -m benchmarks.bench_validate --sizes 100000 --no-write

The graphs come from kg.synthetic (our vocabulary, one named graph per document,
shaped like the seeds' output and conforming to the shapes apart from designed
warnings). For each size this writes an N-Quads file and a build (a store as
`kg build` leaves it), then runs, each in a fresh process whose wall time and peak
memory (getrusage maxrss) are recorded:

- `kg validate`                      the built store, validated in place (SPARQL engine);
- `kg validate FILE.nq`              parse the file into memory, then validate;
- `kg validate --endpoint URL`       the build served by `kg serve`, copied page by page
                                     into a temporary on-disk store, then validated;
- `GET /validate` (JSON)             the same server validating its store in a query
                                     worker (the default 60 s query timeout applies);
- pySHACL in memory                  the same union graph as an rdflib Graph (loading
                                     not timed), `kg.quality.validate(engine="pyshacl")`;
- the SPARQL engine in memory        the same, `engine="sparql"` on an in-memory store
                                     (loading not timed): the like-for-like comparison.

It checks that both engines report the same number of results for every shape.
Results go to benchmarks/RESULTS.md under "## 5. SHACL validation at scale" (only
that section is replaced).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from benchmarks.bench_reason_validate import machine
from kg.config import Config
from kg.store import begin_build
from kg.synthetic import synthetic_units
from kg.terms import to_ox

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADING = "## 5. SHACL validation at scale"
ROOT = Path(__file__).resolve().parent.parent

# Peak memory is the process's own VmHWM, printed at exit: getrusage's maxrss would
# count the parent's memory too (Linux keeps a forked child's high-water mark across exec,
# and this parent holds the generated graph).
PEAK = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("VMHWM " + line.split()[1] + "\\n")
atexit.register(_peak)
"""
RUN_KG = (
    PEAK
    + """
import runpy
sys.argv = ["kg"] + sys.argv[1:]
runpy.run_module("kg.cli", run_name="__main__")
"""
)

IN_MEMORY = (
    PEAK
    + """
import json, sys, time
import pyoxigraph as ox
from kg.quality.data import from_store
from kg.quality.validate import validate
from kg.terms import triples_to_graph
engine, path = sys.argv[1], sys.argv[2]
store = ox.Store()
store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
quads = store.quads_for_pattern(None, None, None)
union = [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
store.bulk_extend(union)
del union
data = from_store(store)
if engine == "pyshacl":
    data.graph()  # the rdflib union graph, built before the clock starts
start = time.perf_counter()
result = validate(data, engine=engine)
seconds = time.perf_counter() - start
counts = {}
for r in result.results:
    counts[str(r.source_shape)] = counts.get(str(r.source_shape), 0) + 1
print(json.dumps({"seconds": seconds, "results": len(result.results), "by_shape": counts,
                  "triples": result.triples}))
"""
)


def write_inputs(n: int, folder: Path) -> tuple[Path, Path, int]:
    """(N-Quads file, data dir holding a committed build, quads written): documents are
    added until their union holds `n` distinct triples (documents repeat entity triples,
    so there are more quads than that)."""
    quads: list[ox.Quad] = []
    distinct: set[int] = set()
    for doc, triples in synthetic_units(n):
        name = to_ox(doc)
        for s, p, o in triples:
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name))
            distinct.add(hash((s, p, o)))
        if len(distinct) >= n:
            break
    nq = folder / f"synthetic-{n}.nq"
    ox.serialize(quads, str(nq), ox.RdfFormat.N_QUADS)
    data_dir = folder / f"var-{n}"
    pending = begin_build(Config(data_dir=data_dir))
    pending.store.bulk_extend(quads)
    pending.store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    pending.commit({"triples": len(quads), "documents": "synthetic"}, union_loaded=True)
    return nq, data_dir, len(quads)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, int]:
    """(wall seconds, peak RSS in MiB, stdout, exit code) of one fresh process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        code = proc.wait()
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        errors = err.read()
        if code not in (0, 1):
            raise RuntimeError(f"{shlex.join(cmd)} exited {code}: {errors[-2000:]}")
        peaks = re.findall(r"^VMHWM (\d+)$", errors, re.M)
        return seconds, int(peaks[-1]) / 1024 if peaks else float("nan"), out.read(), code


def kg(*args: str) -> list[str]:
    return [sys.executable, "-c", RUN_KG, *args]


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["NEWSGRAPH_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def serve(data_dir: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env_for(data_dir, NEWSGRAPH_PORT=str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=5).ok:
                return proc, url
        except requests.RequestException:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("kg serve did not start")


def counts_by_shape(report_json: str) -> dict[str, int]:
    report = json.loads(report_json)
    return {s["shape"]: s["count"] for s in report["shapes"]}


def run(sizes: list[int], pyshacl_max: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        folder = Path(tmp)
        for n in sizes:
            nq, data_dir, quads = write_inputs(n, folder)
            env = env_for(data_dir)
            row: dict = {"size": n, "quads": quads}
            print(f"{n}: {quads} quads written", file=sys.stderr)
            s, mb, out, _ = measure(kg("validate", "--format", "json"), env)
            row["store"] = (s, mb)
            report = json.loads(out)
            row["triples"] = report["triples"]
            row["counts"] = report["counts"]
            reference = counts_by_shape(out)
            print(f"  kg validate (store): {s:.1f} s, {mb:.0f} MiB", file=sys.stderr)
            s, mb, out, _ = measure(kg("validate", str(nq), "--format", "json"), env)
            row["file"] = (s, mb, counts_by_shape(out) == reference)
            print(f"  kg validate FILE: {s:.1f} s, {mb:.0f} MiB", file=sys.stderr)
            server, url = serve(data_dir)
            try:
                s, mb, out, _ = measure(
                    kg("validate", "--endpoint", url, "--format", "json", "--timeout", "600"),
                    env,
                )
                row["endpoint"] = (s, mb, counts_by_shape(out) == reference)
                start = time.perf_counter()
                answer = requests.get(
                    url.replace("/sparql", "/validate"),
                    headers={"Accept": "application/json"},
                    timeout=900,
                )
                seconds = time.perf_counter() - start
                same = answer.ok and counts_by_shape(answer.text) == reference
                row["served"] = (seconds, answer.status_code, same)
                print(f"  GET /validate: {answer.status_code} in {seconds:.1f} s", file=sys.stderr)
            finally:
                server.terminate()
                server.wait(timeout=30)
            print(f"  kg validate --endpoint: {s:.1f} s, {mb:.0f} MiB", file=sys.stderr)
            for engine in ("sparql", "pyshacl"):
                if engine == "pyshacl" and n > pyshacl_max:
                    row[engine] = None
                    continue
                cmd = [sys.executable, "-c", IN_MEMORY, engine, str(nq)]
                s, mb, out, _ = measure(cmd, env)
                answer = json.loads(out)
                same = answer["by_shape"] == reference
                row[engine] = (answer["seconds"], mb, same, answer["results"])
                print(
                    f"  {engine} in memory: {answer['seconds']:.1f} s, same: {same}",
                    file=sys.stderr,
                )
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    def cell(value: tuple | None, check: bool = True) -> str:
        if value is None:
            return "not run"
        text = f"{value[0]:.1f} s, {value[1]:,.0f} MiB"
        if check and len(value) > 2 and value[2] is False:
            text += " (**results differ**)"
        return text

    lines = [
        "| triples | results (V / W / I) | `kg validate` (built store) | `kg validate FILE.nq` "
        "| `kg validate --endpoint` | `GET /validate` | SPARQL engine, in memory "
        "| pySHACL, in memory |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def served(r: dict) -> str:
        seconds, status, same = r["served"]
        if status != 200:
            return f"HTTP {status} after {seconds:.1f} s"
        return f"{seconds:.1f} s" + ("" if same else " (**results differ**)")

    def engine(r: dict, key: str) -> str:
        if r[key] is None:
            return "not run"
        return f"{r[key][0]:.1f} s" + ("" if r[key][2] else " (**results differ**)")

    for r in rows:
        c = r["counts"]
        lines.append(
            f"| {r['triples']:,} | {c['Violation']} / {c['Warning']} / {c['Info']} "
            f"| {cell(r['store'], False)} | {cell(r['file'])} | {cell(r['endpoint'])} "
            f"| {served(r)} | {engine(r, 'sparql')} | {engine(r, 'pyshacl')} |"
        )
    return "\n".join(lines)


def write(rows: list[dict], command: str, load: str, results: Path = RESULTS) -> None:
    section = (
        f"{HEADING}\n\n"
        f"Machine: {machine()}.  \n"
        f"Measured on the shared 2-core machine; 1-minute load average before/after the run: "
        f"{load}.  \n"
        f"Command: `{command}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).  \n"
        "Synthetic graphs from `kg.synthetic` (one named graph per document). Each cell: wall "
        "time and peak memory of a fresh process (`kg validate …` from start to exit, parsing "
        "and loading included). The two in-memory columns time validation alone on the same "
        "union graph, already loaded (an in-memory Oxigraph store for the SPARQL engine, an "
        'rdflib Graph for pySHACL). "results differ" would mean a count per shape unlike '
        "`kg validate`'s on the built store. `GET /validate` is timed from the client, the "
        "server (`kg serve`, default settings) validating in a query worker.\n\n"
        f"{table(rows)}\n"
    )
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--pyshacl-max", type=int, default=1_000_000, help="largest size pySHACL runs on"
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="file to write into")
    args = parser.parse_args(argv)
    before = load_average()
    rows = run(args.sizes, args.pyshacl_max)
    print(table(rows))
    if not args.no_write:
        command = "python -m benchmarks.bench_validate " + shlex.join(
            ["--sizes", *map(str, args.sizes)]
        )
        write(rows, command, f"{before}/{load_average()}", args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
