"""newsgraph's benchmarks in one command; results with machine and versions in RESULTS.md.

    python -m benchmarks.run [--quick] [--skip-queries] [--skip-build] [--skip-reasoning]
                             [--out FILE]

1. Queries: newsgraph (`kg serve`), Oxigraph's own server on the same store files,
   Virtuoso 7, newsgraph answering from that Virtuoso, and rdflib-endpoint, on the
   same synthetic graph (benchmarks/synth.py, 1M triples) and query mix, interleaved,
   at 1, 8 and 32 clients (benchmarks/side_by_side.py); each server's memory; and the
   on-disk store against an in-memory copy. Needs the `oxigraph` package (bench
   extra) and Debian's virtuoso-opensource.
2. Build: `kg build` on 1k/5k/10k synthetic news documents (benchmarks/docs.py):
   documents/s, words/s, peak RSS, and a py-spy profile of the largest build.
3. Reasoning and validation at 100k/1M triples, when the ontology owner's
   benchmarks/bench_reason_validate.py is present (optional step).
8. SHACL validation at scale (benchmarks/bench_validate.py: the SPARQL engine on the
   built store, a file and an endpoint, beside pySHACL), appended as its own section.

Clients run on the same machine as the servers, so they compete for its cores: the
figures are a lower bound for every HTTP engine alike.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
import requests

from benchmarks import docs as docgen
from benchmarks import synth

ROOT = Path(__file__).resolve().parent.parent
JSON_RESULTS = "application/sparql-results+json"
PREFIXES = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX org: <http://www.w3.org/ns/org#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)


@dataclass(frozen=True)
class Profile:
    triples: int
    lat_n: int  # in-process latency (store choice): at most this many queries ...
    lat_s: float  # ... or this many seconds
    cell_s: float  # one server x query kind x client count, closed loop
    grace_s: float  # a query under way at the end of a cell may finish within this
    rounds: int  # interleaved rounds
    timeout: float  # per query
    build_sizes: tuple[int, ...]


QUICK = Profile(100_000, 10, 2.0, 1.5, 5.0, 2, 20.0, (200, 500, 1000))
FULL = Profile(1_000_000, 20, 5.0, 3.0, 15.0, 2, 60.0, (1000, 5000, 10000))


# ---- the query mix ------------------------------------------------------------------


def q_lookup(rnd: random.Random, s: synth.Sizes) -> str:
    return (
        PREFIXES
        + f"SELECT ?p ?o WHERE {{ <{synth.BASE}person/p{rnd.randrange(s.persons)}> ?p ?o }}"
    )


def q_join(rnd: random.Random, s: synth.Sizes) -> str:
    y, m = rnd.randint(2015, 2024), rnd.randint(1, 12)
    ny, nm = (y, m + 1) if m < 12 else (y + 1, 1)
    return PREFIXES + (
        "SELECT ?s ?speaker ?m WHERE { ?s ng:speaker ?speaker ; ng:madeAt ?m . ?m ng:date ?d "
        f'FILTER(?d >= "{y}-{m:02d}-01"^^xsd:date && ?d < "{ny}-{nm:02d}-01"^^xsd:date) }}'
    )


def q_group(rnd: random.Random, s: synth.Sizes) -> str:
    return PREFIXES + (
        "SELECT ?c (COUNT(?m) AS ?n) WHERE { ?m a ng:Meeting ; ng:topic ?c } "
        "GROUP BY ?c ORDER BY DESC(?n) ?c"
    )


def q_optional(rnd: random.Random, s: synth.Sizes) -> str:
    return PREFIXES + (
        "SELECT ?p ?label ?post WHERE { ?p a ng:Person ; rdfs:label ?label "
        "OPTIONAL { ?p org:holds ?post } }"
    )


def q_path(rnd: random.Random, s: synth.Sizes) -> str:
    org = rnd.randrange(s.orgs // 2, s.orgs)
    return PREFIXES + (
        f"SELECT (COUNT(?a) AS ?n) WHERE {{ <{synth.BASE}org/o{org}> org:subOrganizationOf+ ?a }}"
    )


def q_contains(rnd: random.Random, s: synth.Sizes) -> str:
    phrase = f"{rnd.choice(synth.WORDS)} {rnd.choice(synth.WORDS)}"
    return PREFIXES + (
        f'SELECT ?s WHERE {{ ?s a ng:Statement ; ng:text ?t FILTER(CONTAINS(?t, "{phrase}")) }}'
    )


QUERIES: list[tuple[str, Callable[[random.Random, synth.Sizes], str]]] = [
    ("lookup by IRI", q_lookup),
    ("3-pattern join + date FILTER", q_join),
    ("COUNT GROUP BY", q_group),
    ("OPTIONAL over all persons", q_optional),
    ("property path subOrganizationOf+", q_path),
    ("CONTAINS scan", q_contains),
]


# ---- engines --------------------------------------------------------------------------


class Engine:
    name = ""
    clients: int | None = None  # throughput-phase clients; None: the profile's

    def call(self, query: str, timeout: float) -> int:
        """Run the query, read the whole result; return its row count. Raises on failure."""
        raise NotImplementedError


def _rows(doc: dict) -> int:
    return 1 if "boolean" in doc else len(doc["results"]["bindings"])


class InProcessEngine(Engine):
    """pyoxigraph in this process: evaluation and JSON serialisation, no HTTP.

    Calls the store directly rather than through kg.query, whose result objects must
    be dropped in the thread that made them (pyoxigraph results are unsendable) and
    otherwise print a traceback from whichever thread's garbage collection meets them.
    `union`: evaluate over the union of named graphs (an in-memory store loaded from
    N-Quads has no materialised default graph; newsgraph's builds do).
    """

    def __init__(self, store: ox.Store, name: str, *, union: bool = False) -> None:
        self.store, self.name, self.union = store, name, union

    def call(self, query: str, timeout: float) -> int:
        result = self.store.query(query, use_default_graph_as_union=self.union)
        out = io.BytesIO()
        result.serialize(out, ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
        del result
        return _rows(json.loads(out.getvalue()))


@dataclass
class Measurement:
    engine: str
    query: str
    latencies: list[float] = field(default_factory=list)
    completed: int = 0
    tp_seconds: float = 0.0
    errors: collections.Counter = field(default_factory=collections.Counter)
    rows: int | None = None

    @property
    def throughput(self) -> float:
        return self.completed / self.tp_seconds if self.tp_seconds else 0.0

    def pct(self, p: float) -> float | None:
        if not self.latencies:
            return None
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    if "RecursionError" in text or "recursion" in text.lower():
        return "RecursionError"
    if isinstance(exc, requests.Timeout):
        return "timeout"
    return text[:120]


# ---- servers --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} server exited:\n{log.read_text()[-3000:]}")
        try:
            r = requests.post(
                url, data={"query": "ASK {}"}, headers={"Accept": JSON_RESULTS}, timeout=5
            )
            if r.ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready in {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """End a server we started and its workers: its own process group (start_new_session)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:  # workers busy parsing or querying ignore SIGTERM; none may outlive the run
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def prepare_store(data_dir: Path, nq: Path) -> None:
    """A data folder holding `nq` as newsgraph's current build (what `kg serve` opens)."""
    from kg.config import Config
    from kg.store import begin_build

    pending = begin_build(Config(data_dir=data_dir))
    pending.store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    pending.commit({"documents": [], "source": str(nq)})


def workers() -> int:
    return max(2, os.cpu_count() or 1)


def start_rdflib(nq: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.peer_rdflib:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers()),
            "--log-level",
            "warning",
            # Parsing 1M triples blocks a worker for minutes: uvicorn's 5 s health check
            # would kill and restart it, forever.
            "--timeout-worker-healthcheck",
            "3600",
        ],  # fmt: skip
        env={**os.environ, "BENCH_RDFLIB_DATA": str(nq)},
        cwd=ROOT,
        stdout=open(log, "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_ready(url, proc, 1800, log)
    except BaseException:
        stop(proc)
        raise
    return proc, url


SERVERS = (
    "newsgraph",
    "Oxigraph server",
    "Virtuoso 7",
    "newsgraph -> Virtuoso",
    "rdflib-endpoint",
)


# Loads the quads into an in-memory store in a fresh process and prints its RSS growth:
# measured in this process, after the build and the engines, the growth hides in memory
# freed earlier (it read 60 MB for a 1M-quad copy that costs about 390 MB).
_COPY_COST = """
import json, sys, time
import pyoxigraph as ox
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss()
t0 = time.perf_counter()
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
print(json.dumps({"load_s": time.perf_counter() - t0, "copy_mb": rss() - before}))
"""


def copy_cost(nq: Path) -> dict:
    """Seconds to load `nq` into an in-memory store and the RSS it adds, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _COPY_COST, str(nq)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def store_choice(nq: Path, data_dir: Path, sizes: synth.Sizes, prof: Profile, log) -> dict:
    """The on-disk build against an in-memory copy of it: speed (one client, in-process,
    no HTTP) and what the copy costs in memory (copy_cost, in a fresh process)."""
    from kg.config import Config
    from kg.store import open_current

    disk = InProcessEngine(open_current(Config(data_dir=data_dir)), "on-disk store")
    cost = copy_cost(nq)
    load_s, copy_mb = cost["load_s"], cost["copy_mb"]
    memory = ox.Store()
    memory.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    mem = InProcessEngine(memory, "in-memory copy", union=True)
    rows = []
    for label, make in QUERIES:
        cells = []
        for e in (disk, mem):
            m = measure_latency(e, label, make, sizes, prof)
            cells.append(m)
        rows.append((label, *cells))
        log(
            f"store choice {label:34s} disk p50 {fmt_ms(cells[0].pct(0.5))} ms,"
            f" memory p50 {fmt_ms(cells[1].pct(0.5))} ms"
        )
    del memory, mem
    return {"copy_mb": copy_mb, "load_s": load_s, "rows": rows}


def measure_latency(engine: Engine, label: str, make, sizes: synth.Sizes, prof: Profile):
    m = Measurement(engine.name, label)
    rnd = random.Random(label)
    end = time.perf_counter() + prof.lat_s
    for i in range(prof.lat_n):
        if i and time.perf_counter() > end:
            break
        t0 = time.perf_counter()
        try:
            m.rows = engine.call(make(rnd, sizes), prof.timeout)
        except Exception as exc:  # noqa: BLE001
            m.errors[_short(exc)] += 1
            break
        m.latencies.append(time.perf_counter() - t0)
    return m


def query_bench(prof: Profile, work: Path, log: Callable[[str], None]) -> dict:
    from benchmarks import side_by_side as sbs
    from kg import virtuoso

    nq = work / "synth.nq"
    t0 = time.perf_counter()
    quads = synth.write(prof.triples, nq)
    sizes = synth.Sizes.for_triples(prof.triples)
    log(f"synthetic graph: {quads} quads in {time.perf_counter() - t0:.1f} s")
    data_dir = work / "var"
    t0 = time.perf_counter()
    prepare_store(data_dir, nq)
    load_s = time.perf_counter() - t0
    choice = store_choice(nq, data_dir, sizes, prof, log)

    procs: dict[str, subprocess.Popen] = {}
    targets: dict[str, sbs.Target] = {}
    logs = {name: work / f"{name.replace(' ', '_').replace('>', '')}.log" for name in SERVERS}
    vt = None
    try:
        t0 = time.perf_counter()
        vt = virtuoso.start(work / "virtuoso", dirs_allowed=(str(work),))
        virtuoso.bulk_load(vt, nq)
        virtuoso_load_s = time.perf_counter() - t0
        log(f"Virtuoso loaded in {virtuoso_load_s:.0f} s")
        targets["Virtuoso 7"] = sbs.Target.of("Virtuoso 7", vt.sparql)
        db = next((data_dir / "stores").glob("*/db"))
        port = free_port()
        procs["Oxigraph server"] = sbs.start_oxigraph(db, port, logs["Oxigraph server"])
        targets["Oxigraph server"] = sbs.Target("Oxigraph server", "127.0.0.1", port, "/query")
        port = free_port()
        procs["newsgraph"] = sbs.start_kg(ROOT, data_dir, port, logs["newsgraph"], {})
        targets["newsgraph"] = sbs.Target("newsgraph", "127.0.0.1", port, "/sparql")
        port = free_port()
        remote_dir = work / "var-remote"
        remote_dir.mkdir()
        procs["newsgraph -> Virtuoso"] = sbs.start_kg(
            ROOT, remote_dir, port, logs["newsgraph -> Virtuoso"],
            {"NEWSGRAPH_REMOTE_STORE": vt.sparql},
        )  # fmt: skip
        targets["newsgraph -> Virtuoso"] = sbs.Target(
            "newsgraph -> Virtuoso", "127.0.0.1", port, "/sparql"
        )
        t0 = time.perf_counter()
        rdf_proc, rdf_url = start_rdflib(nq, logs["rdflib-endpoint"])
        rdflib_load_s = time.perf_counter() - t0
        procs["rdflib-endpoint"] = rdf_proc
        targets["rdflib-endpoint"] = sbs.Target.of("rdflib-endpoint", rdf_url)
        log(f"rdflib-endpoint ready in {rdflib_load_s:.0f} s")
        for name, target in targets.items():
            sbs.wait_answer(target, procs.get(name), 300, logs.get(name, work / "none.log"))
        for target in targets.values():  # warm-up: grammar, caches, query processes
            for label, make in QUERIES:
                sbs.run_cell(target, label, lambda r, m=make: m(r, sizes), 1, -1, 0.3, 30)
        cells = []
        levels = (1, 8, 32)
        order = list(SERVERS)
        k = 0
        for rnd_ in range(prof.rounds):
            for label, make in QUERIES:
                for clients in levels:
                    k += 1
                    turn = order[k % len(order) :] + order[: k % len(order)]
                    for name in turn:
                        cell = sbs.run_cell(
                            targets[name], label, lambda r, m=make: m(r, sizes), clients,
                            rnd_, prof.cell_s, prof.grace_s,
                        )  # fmt: skip
                        cells.append(cell)
                        log(
                            f"r{rnd_} {label:34s} c={clients:2d} {name:22s}"
                            f" p50 {fmt_ms(cell.pct(0.5)):>8s} ms"
                            f" {cell.throughput:9.1f} q/s rows {cell.rows}"
                            f" {dict(cell.errors) or ''}"
                        )
        memory = {}
        for name, proc in procs.items():
            memory[name] = sbs.tree_memory(proc.pid)
        memory["Virtuoso 7"] = sbs.tree_memory(vt.proc.pid)
    finally:
        for proc in procs.values():
            stop(proc)
        if vt is not None:
            vt.stop()
    return {
        "quads": quads,
        "sizes": sizes,
        "oxigraph_load_s": load_s,
        "rdflib_load_s": rdflib_load_s,
        "virtuoso_load_s": virtuoso_load_s,
        "cells": cells,
        "memory": memory,
        "choice": choice,
    }


# ---- build ----------------------------------------------------------------------------


def run_measured(cmd: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--", *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def profile_build(docs_dir: Path, data_dir: Path, out: Path) -> list[tuple[str, float, float]]:
    """py-spy over the build and all its workers: (function, self %, inclusive %)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        return []
    cmd = [sys.executable, "-m", "kg.cli", "--data-dir", str(data_dir), "build", str(docs_dir)]
    subprocess.run(
        [
            spy,
            "record",
            "--subprocesses",
            "--format",
            "raw",
            "--rate",
            "50",
            "-o",
            str(out),
            "--",
            *cmd,
        ],  # fmt: skip
        capture_output=True,
        cwd=ROOT,
    )
    if not out.exists():
        return []
    own: collections.Counter = collections.Counter()
    incl: collections.Counter = collections.Counter()
    total = 0
    for line in out.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        if not frames or not n.isdigit():
            continue
        total += int(n)
        own[frames[-1]] += int(n)
        for f in set(frames):
            incl[f] += int(n)
    top = [f for f, _ in own.most_common(12)]
    top += [f for f, _ in incl.most_common(40) if "kg/" in f and f not in top][:12]
    return [(f, 100 * own[f] / total, 100 * incl[f] / total) for f in top]


def build_bench(prof: Profile, work: Path, log: Callable[[str], None]) -> dict:
    largest = max(prof.build_sizes)
    pool = work / "docs-all"
    t0 = time.perf_counter()
    total_bytes, _ = docgen.write(largest, pool)
    mean_kb = total_bytes / largest / 1024
    log(f"{largest} documents ({mean_kb:.1f} KB mean) in {time.perf_counter() - t0:.1f} s")
    files = sorted(pool.iterdir())
    rows = []
    for n in prof.build_sizes:
        subset = work / f"docs-{n}"
        subset.mkdir()
        words = 0
        for f in files[:n]:
            (subset / f.name).symlink_to(f)
            words += len(f.read_text(encoding="utf-8").split())
        data_dir = work / f"var-build-{n}"
        cmd = [sys.executable, "-m", "kg.cli", "--data-dir", str(data_dir), "build", str(subset)]
        cold = run_measured(cmd)
        # Again with every document cached (resolve, reason, load only): largest size only.
        warm = run_measured(cmd) if n == largest else None
        if cold["returncode"] != 0:
            raise RuntimeError(cold["stderr_tail"])
        row = {"documents": n, "words": words, "cold": cold, "warm": warm}
        rows.append(row)
        log(
            f"build {n:6d} docs: {cold['wall_s']:7.1f} s cold ({n / cold['wall_s']:7.1f} docs/s,"
            f" {words / cold['wall_s']:9.0f} words/s),"
            f" {warm['wall_s'] if warm else '-'} s cached;"
            f" peak RSS {cold['max_rss_largest_process_mb']} MB"
            f" (tree {cold['peak_tree_rss_mb']} MB)"
        )
    # Profiled at the smallest size: py-spy slows the build, and the shares are what count.
    profiled = min(prof.build_sizes)
    spy_dir = work / "var-profile"
    profile = profile_build(work / f"docs-{profiled}", spy_dir, work / "build-profile.txt")
    if (work / "build-profile.txt").exists():  # raw stacks, for a flame graph
        shutil.copy(work / "build-profile.txt", ROOT / "benchmarks" / "build-profile.txt")
    return {"rows": rows, "profile": profile, "profiled_docs": profiled}


# ---- reasoning and validation (the ontology owner's benchmark, when present) ---------------


def reason_validate(quick: bool, log: Callable[[str], None]) -> str | None:
    if not (ROOT / "benchmarks" / "bench_reason_validate.py").exists():
        log("benchmarks/bench_reason_validate.py not present: reasoning/validation step skipped")
        return None
    cmd = [sys.executable, "-m", "benchmarks.bench_reason_validate"] + (
        ["--quick"] if quick else []
    )
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return (proc.stdout + ("\n" + proc.stderr[-2000:] if proc.returncode else "")).strip()


# ---- report ---------------------------------------------------------------------------


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


LOADAVG = {"start": loadavg()}


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])

    def v(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpus (nproc)": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyoxigraph": v("pyoxigraph"),
        "rdflib": v("rdflib"),
        "waitress": v("waitress"),
        "oxigraph (server)": v("oxigraph"),
        "virtuoso-t": _virtuoso_version(),
        "flask": v("flask"),
        "rdflib-endpoint": v("rdflib-endpoint"),
        "uvicorn": v("uvicorn"),
        "newsgraph": v("newsgraph"),
    }


def _virtuoso_version() -> str:
    try:
        out = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "not installed"
    for line in (out.stdout + out.stderr).splitlines():
        if "Version" in line:
            return line.strip()
    return "installed"


def fmt_ms(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x * 1000:.1f}" if x < 10 else f"{x:.0f} s"


def report(
    args: argparse.Namespace,
    prof: Profile,
    q: dict | None,
    b: dict | None,
    rv: str | None,
    elapsed: float,
) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    mode = "quick" if args.quick else "full"
    lines = ["# Benchmark results", ""]
    lines += [
        f"Command: `python -m benchmarks.run {' '.join(sys.argv[1:])}`".replace(" `", "`")
        + f" ({mode} profile),"
        f" {when}, {elapsed / 60:.1f} min in all.",
        "",
        "| machine | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in machine().items()]
    lines += [
        f"| load average at start / end | {LOADAVG['start']} / {loadavg()} |",
        "",
        "The machine is shared: other processes' load (the load average above, on"
        f" {os.cpu_count()} cores) runs alongside every engine alike and makes all figures"
        " lower and noisier than on a quiet machine.",
        "",
    ]
    if q is not None:
        lines += query_section(prof, q)
    if b is not None:
        lines += build_section(b)
    if rv is not None:  # a section this run did not produce stays as it is in the file
        lines += ["## 3. Reasoning and validation", "", f"```\n{rv}\n```"]
    return "\n".join(lines) + "\n"


def _median(xs: list[float]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def query_section(prof: Profile, q: dict) -> list[str]:
    from benchmarks.side_by_side import Cell

    cells: list[Cell] = q["cells"]
    s = q["sizes"]
    by: dict[tuple[str, str, int], list[Cell]] = collections.defaultdict(list)
    for c in cells:
        by[(c.query, c.server, c.clients)].append(c)
    levels = (1, 8, 32)

    def p50(label: str, server: str, n: int) -> float | None:
        return _median([c.pct(0.5) for c in by[(label, server, n)]])

    def p95(label: str, server: str, n: int) -> float | None:
        return _median([c.pct(0.95) for c in by[(label, server, n)]])

    def qps(label: str, server: str, n: int) -> float:
        return _median([c.throughput for c in by[(label, server, n)]]) or 0.0

    lines = [
        "## 1. Queries: five servers side by side",
        "",
        f"Graph: {q['quads']:,} quads (benchmarks/synth.py: {s.docs:,} document graphs,"
        f" {s.persons:,} persons, {s.orgs:,} organizations). newsgraph's build of it (the"
        " named graphs plus their union materialised as the default graph) loaded in"
        f" {q['oxigraph_load_s']:.0f} s; Virtuoso's bulk loader took"
        f" {q['virtuoso_load_s']:.0f} s, rdflib-endpoint {q['rdflib_load_s']:.0f} s"
        f" ({workers()} worker processes each parsing the file).",
        "",
        "Servers: **newsgraph** = `kg serve` (waitress, the lean query path"
        " server/fastpath.py, killable query processes: 2 light + 4 heavy, rate limit off,"
        " row cap 100,000); **Oxigraph server** = `oxigraph serve-read-only` on the same"
        " store files; **Virtuoso 7** = Debian's virtuoso-t with the same quads;"
        " **newsgraph -> Virtuoso** = `kg serve` answering from that Virtuoso"
        " (`NEWSGRAPH_STORE=virtuoso`); **rdflib-endpoint** = rdflib's engine under"
        f" uvicorn, {workers()} processes.",
        "",
        f"Method (benchmarks/side_by_side.py): each cell is one server, one query kind, 1, 8"
        f" or 32 closed-loop clients for {prof.cell_s:g} s (a query under way at the end may"
        f" finish within {prof.grace_s:g} s, else it counts as a timeout); keep-alive raw"
        " sockets, POST form, JSON results, clients in up to 4 processes. Cells are"
        f" interleaved (every server in each round, rotated order), {prof.rounds} rounds;"
        " the figures are medians over rounds. Parameters (IRI, month, phrase) vary per"
        " request from the same seeded sequence for every server. **Measured on the shared"
        " 2-core machine** (other sessions' load: see the load average above); clients and"
        " servers share the two cores.",
        "",
        "| query | server | 1 client p50 / p95 ms | q/s | 8 clients p50 / p95 ms | q/s"
        " | 32 clients p50 / p95 ms | q/s | rows | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, _ in QUERIES:
        for server in SERVERS:
            row = [label, server]
            for n in levels:
                row.append(f"{fmt_ms(p50(label, server, n))} / {fmt_ms(p95(label, server, n))}")
                row.append(f"{qps(label, server, n):,.1f}")
            mine = [c for n in levels for c in by[(label, server, n)]]
            rows = sorted({c.rows for c in mine if c.rows is not None})
            errs: collections.Counter = collections.Counter()
            for c in mine:
                errs.update(c.errors)
            row.append(", ".join(map(str, rows)) or "-")
            row.append(", ".join(f"{k} x{v}" for k, v in errs.items()))
            lines.append("| " + " | ".join(row) + " |")

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}x" if a and b else "-"

    lines += [
        "",
        "Against the same engine without our layer, and Virtuoso with and without it"
        " (p50 ratio: ours / theirs, lower is better; throughput ratio: ours / theirs,"
        " higher is better):",
        "",
        "| query | newsgraph / Oxigraph p50, 1 client | q/s at 8 clients |"
        " p50 at 8 clients | newsgraph -> Virtuoso / Virtuoso p50, 1 client |"
        " q/s at 8 clients |",
        "|---|---|---|---|---|---|",
    ]
    for label, _ in QUERIES:
        lines.append(
            f"| {label}"
            f" | {ratio(p50(label, 'newsgraph', 1), p50(label, 'Oxigraph server', 1))}"
            f" | {ratio(qps(label, 'newsgraph', 8), qps(label, 'Oxigraph server', 8))}"
            f" | {ratio(p50(label, 'newsgraph', 8), p50(label, 'Oxigraph server', 8))}"
            f" | {ratio(p50(label, 'newsgraph -> Virtuoso', 1), p50(label, 'Virtuoso 7', 1))}"
            f" | {ratio(qps(label, 'newsgraph -> Virtuoso', 8), qps(label, 'Virtuoso 7', 8))} |"
        )
    spread = []
    for label, _ in QUERIES:
        for server in ("newsgraph", "Oxigraph server"):
            xs = [c.pct(0.5) for c in by[(label, server, 1)] if c.pct(0.5)]
            if len(xs) > 1:
                spread.append(max(xs) / min(xs))
    if spread:
        lines += [
            "",
            f"Noise: the 1-client p50 of one server and query kind differed between rounds"
            f" by a factor of {statistics.median(spread):.2f} (median) and up to"
            f" {max(spread):.2f}.",
        ]
    lines += [
        "",
        "Memory after the run, each server's whole process tree (RSS counts pages shared"
        " between processes once per process; PSS splits them, so it is what the tree"
        " really holds):",
        "",
        "| server | processes | RSS MB | PSS MB |",
        "|---|---|---|---|",
    ]
    for name in SERVERS:
        if name in q["memory"]:
            rss, pss, n = q["memory"][name]
            lines.append(f"| {name} | {n} | {rss:,.0f} | {pss:,.0f} |")
    ch = q["choice"]
    lines += [
        "",
        "On-disk store or in-memory copy (pyoxigraph in-process, one client, no HTTP; the"
        f" copy took {ch['load_s']:.0f} s to load and {ch['copy_mb']:,.0f} MB of this"
        " process's memory, once per process that holds it):",
        "",
        "| query | on-disk p50 ms | in-memory p50 ms | on-disk / in-memory |",
        "|---|---|---|---|",
    ]
    for label, disk, mem in ch["rows"]:
        lines.append(
            f"| {label} | {fmt_ms(disk.pct(0.5))} | {fmt_ms(mem.pct(0.5))} |"
            f" {ratio(disk.pct(0.5), mem.pct(0.5))} |"
        )
    lines.append("")
    return lines


def build_section(b: dict) -> list[str]:
    lines: list[str] = []
    lines += [
        "## 2. Build",
        "",
        "`kg build` of synthetic news documents (benchmarks/docs.py: seed sentences recombined"
        " with other names, dates and numbers, 3-6 KB each) into an empty data folder (cold:"
        " every document extracted) and again (cached: extraction cache hit, resolve + reason"
        " + load only). Peak RSS: the largest single process (getrusage) and the whole"
        " process tree (sampled from /proc).",
        "",
        "| documents | words | cold s | docs/s | words/s | cached s"
        " | peak RSS largest MB | peak RSS tree MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in b["rows"]:
        c, w = r["cold"], r["warm"]
        lines.append(
            f"| {r['documents']:,} | {r['words']:,} | {c['wall_s']:.1f} |"
            f" {r['documents'] / c['wall_s']:.0f} | {r['words'] / c['wall_s']:,.0f} |"
            f" {w['wall_s'] if w else '-'} | {c['max_rss_largest_process_mb']} |"
            f" {c['peak_tree_rss_mb']} |"
        )
    if b["profile"]:
        lines += [
            "",
            f"py-spy profile of the cold {b['profiled_docs']:,}-document build"
            " (all processes, on-CPU samples):",
            "",
            "| function (file:line) | self % | inclusive % |",
            "|---|---|---|",
        ]
        lines += [f"| `{f}` | {s_:.1f} | {i_:.1f} |" for f, s_, i_ in b["profile"]]
    lines.append("")
    return lines


def _sections(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(preamble, [(heading, block)]) of a markdown file cut at its `## ` headings."""
    parts = text.split("\n## ")
    return parts[0], [("## " + p.split("\n", 1)[0], "## " + p) for p in parts[1:]]


def _key(heading: str) -> str:
    """`## 1. Queries: …` and `## 1. Queries` are the same section."""
    return heading.split(":")[0].split(" (")[0]


def splice(old: str, new: str) -> str:
    """`old` with its preamble and every section `new` has replaced by `new`'s."""
    pre_new, new_secs = _sections(new)
    _, old_secs = _sections(old)
    fresh = {_key(h): block for h, block in new_secs}
    out = [pre_new.rstrip("\n") + "\n"]
    seen = set()
    for heading, block in old_secs:
        key = _key(heading)
        if key in fresh:
            out.append(fresh[key].rstrip("\n") + "\n")
            seen.add(key)
        else:
            out.append(block.rstrip("\n") + "\n")
    out += [b.rstrip("\n") + "\n" for h, b in new_secs if _key(h) not in seen]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="100k triples, short phases, 1k docs")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-reasoning", action="store_true")
    parser.add_argument(
        "--out", help="results file (default benchmarks/RESULTS.md, quick: RESULTS-quick.md)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    prof = QUICK if args.quick else FULL
    out = (
        Path(args.out)
        if args.out
        else ROOT / "benchmarks" / ("RESULTS-quick.md" if args.quick else "RESULTS.md")
    )
    started = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {msg}", file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        q = None if args.skip_queries else query_bench(prof, work, log)
        b = None if args.skip_build else build_bench(prof, work, log)
        rv = None if args.skip_reasoning else reason_validate(args.quick, log)
        text = report(args, prof, q, b, rv, time.perf_counter() - started)
        if out.exists():  # keep the sections this run did not produce (hand-written too)
            text = splice(out.read_text(encoding="utf-8"), text)
        out.write_text(text, encoding="utf-8")
        log("SHACL validation at scale (benchmarks/bench_validate.py)")
        sizes = ["100000"] if args.quick else ["100000", "1000000"]
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_validate", "--results", str(out)]
            + ["--sizes", *sizes],
            cwd=ROOT,
            check=False,
        )
        log(f"wrote {out}")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
