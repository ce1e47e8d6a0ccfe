"""newsgraph's benchmarks in one command; results with machine and versions in RESULTS.md.

    python -m benchmarks.run [--quick] [--skip-queries] [--skip-build] [--out FILE]

1. Queries: our endpoint (the real `kg serve`, gunicorn, several workers) against
   rdflib-endpoint (rdflib's engine behind FastAPI, the same number of processes) and
   pyoxigraph called in-process (the ceiling), on the same synthetic graph
   (benchmarks/synth.py, 1M triples) and the same query mix. Each engine and query
   gets a latency phase (one client, sequential) and a throughput phase (N clients
   for a fixed time, completed queries counted), so a slow engine costs bounded time.
2. Build: `kg build` on 1k/5k/10k synthetic news documents (benchmarks/docs.py):
   documents/s, words/s, peak RSS, and a py-spy profile of the largest build.
3. Reasoning and validation at 100k/1M triples, when the ontology owner's
   benchmarks/bench_reason_validate.py is present (optional step).
5. SHACL validation at scale (benchmarks/bench_validate.py: the SPARQL engine on the
   built store, a file and an endpoint, beside pySHACL), appended as its own section.

Clients run on the same machine as the servers, so they compete for its cores: the
figures are a lower bound for every HTTP engine alike.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import math
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
import threading
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
    lat_n: int  # latency phase: at most this many queries ...
    lat_s: float  # ... or this many seconds
    tp_s: float  # throughput phase length
    clients: int
    timeout: float  # per query
    build_sizes: tuple[int, ...]


QUICK = Profile(100_000, 10, 3.0, 4.0, 4, 20.0, (200, 500, 1000))
FULL = Profile(1_000_000, 30, 8.0, 10.0, 8, 60.0, (1000, 5000, 10000))


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


class HttpEngine(Engine):
    def __init__(self, name: str, url: str, clients: int | None = None) -> None:
        self.name, self.url, self.clients = name, url, clients
        self._local = threading.local()

    def call(self, query: str, timeout: float) -> int:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        r = session.post(
            self.url, data={"query": query}, headers={"Accept": JSON_RESULTS}, timeout=timeout
        )
        if r.status_code != 200:
            raise RuntimeError(f"HTTP {r.status_code}: {r.text.strip()[-160:]}")
        return _rows(r.json())


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


def measure(engine: Engine, label: str, make, sizes: synth.Sizes, prof: Profile) -> Measurement:
    m = Measurement(engine.name, label)
    rnd = random.Random(label)  # same query sequence for every engine
    end = time.perf_counter() + prof.lat_s
    for i in range(prof.lat_n):
        if i and time.perf_counter() > end:
            break
        query = make(rnd, sizes)
        t0 = time.perf_counter()
        try:
            rows = engine.call(query, prof.timeout)
        except Exception as exc:  # noqa: BLE001 - a peer's failure is a result
            m.errors[_short(exc)] += 1
            return m  # an engine that fails or times out here gets no throughput phase
        m.latencies.append(time.perf_counter() - t0)
        if i == 0:
            m.rows = rows
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + prof.tp_s
    last = [deadline]

    def client(k: int) -> None:
        # Closed loop: no new query after the deadline, but the one under way counts and
        # the window extends to when it ends (slow queries would otherwise count zero).
        r = random.Random(f"{label}/{k}")
        while time.perf_counter() < deadline:
            try:
                engine.call(make(r, sizes), prof.timeout)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    m.errors[_short(exc)] += 1
                continue
            with lock:
                m.completed += 1
                last[0] = max(last[0], time.perf_counter())

    n = engine.clients or prof.clients
    threads = [threading.Thread(target=client, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    m.tp_seconds = last[0] - start
    return m


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


def start_ours(data_dir: Path, log: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env |= {
        "NEWSGRAPH_DATA_DIR": str(data_dir),
        "NEWSGRAPH_PORT": str(port),
        "NEWSGRAPH_WORKERS": str(workers()),
        "NEWSGRAPH_THREADS": "8",
        "NEWSGRAPH_RATE_LIMIT": "0",
        "NEWSGRAPH_QUERY_TIMEOUT": str(timeout),
        "NEWSGRAPH_MAX_ROWS": "10000000",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env,
        cwd=ROOT,
        stdout=open(log, "w"),  # noqa: SIM115 - lives as long as the server
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        wait_ready(url, proc, 120, log)
    except BaseException:
        stop(proc)
        raise
    return proc, url


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


def warm_up(engine: Engine, sizes: synth.Sizes) -> None:
    """First queries pay for parser warm-up (rdflib's grammar): not part of the figures."""
    rnd = random.Random("warm-up")
    for _ in range(2 * workers()):
        try:
            engine.call(q_lookup(rnd, sizes), 60)
        except Exception:  # noqa: BLE001
            pass


def query_bench(prof: Profile, work: Path, log: Callable[[str], None]) -> dict:
    nq = work / "synth.nq"
    t0 = time.perf_counter()
    quads = synth.write(prof.triples, nq)
    sizes = synth.Sizes.for_triples(prof.triples)
    log(f"synthetic graph: {quads} quads in {time.perf_counter() - t0:.1f} s")
    data_dir = work / "var"
    t0 = time.perf_counter()
    prepare_store(data_dir, nq)
    load_s = time.perf_counter() - t0
    results: list[Measurement] = []

    from kg.config import Config
    from kg.store import open_current

    inproc = InProcessEngine(open_current(Config(data_dir=data_dir)), "pyoxigraph in-process")
    memory = ox.Store()
    memory.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    inmem = InProcessEngine(memory, "pyoxigraph in-memory", union=True)
    log(f"rdflib-endpoint loading {quads} quads ({workers()} workers) ...")
    t0 = time.perf_counter()
    rdf_proc, rdf_url = start_rdflib(nq, work / "rdflib.log")
    rdflib_load_s = time.perf_counter() - t0
    log(f"rdflib-endpoint ready in {rdflib_load_s:.0f} s")
    try:
        ours_proc, ours_url = start_ours(data_dir, work / "ours.log", prof.timeout)
    except BaseException:
        stop(rdf_proc)
        raise
    try:
        engines: list[Engine] = [
            HttpEngine("newsgraph (kg serve)", ours_url),
            # One client per worker: rdflib holds the GIL, so a worker runs one query at a
            # time and more clients only queue requests that outlive the time window.
            HttpEngine("rdflib-endpoint", rdf_url, clients=workers()),
            inproc,
            inmem,
        ]
        for e in engines:
            warm_up(e, sizes)
        for label, make in QUERIES:
            for e in engines:
                m = measure(e, label, make, sizes, prof)
                results.append(m)
                p50 = m.pct(0.5)
                log(
                    f"{label:36s} {e.name:24s} p50 "
                    + (f"{p50 * 1000:9.1f} ms" if p50 is not None else "        -   ")
                    + f"  {m.throughput:8.1f} q/s  rows {m.rows}  errors {dict(m.errors)}"
                )
    finally:
        stop(ours_proc)
        stop(rdf_proc)
    return {
        "quads": quads,
        "sizes": sizes,
        "oxigraph_load_s": load_s,
        "rdflib_load_s": rdflib_load_s,
        "results": results,
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
        "gunicorn": v("gunicorn"),
        "flask": v("flask"),
        "rdflib-endpoint": v("rdflib-endpoint"),
        "uvicorn": v("uvicorn"),
        "newsgraph": v("newsgraph"),
    }


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
        f"Command: `python -m benchmarks.run{' --quick' if args.quick else ''}` ({mode} profile),"
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
    lines += ["## 3. Reasoning and validation", ""]
    lines.append(
        f"```\n{rv}\n```"
        if rv
        else "Not run: benchmarks/bench_reason_validate.py (the ontology owner's) is not here."
    )
    return "\n".join(lines) + "\n"


def query_section(prof: Profile, q: dict) -> list[str]:
    res: list[Measurement] = q["results"]
    by = {(m.query, m.engine): m for m in res}
    engines = list(dict.fromkeys(m.engine for m in res))
    s = q["sizes"]
    lines = [
        "## 1. Queries",
        "",
        f"Graph: {q['quads']:,} quads (benchmarks/synth.py: {s.docs:,} document graphs,"
        f" {s.persons:,} persons, {s.orgs:,} organizations). Loaded in"
        f" {q['oxigraph_load_s']:.1f} s by pyoxigraph, {q['rdflib_load_s']:.0f} s by"
        f" rdflib-endpoint ({workers()} worker processes each parsing the file).",
        "",
        f"Engines: `kg serve` (gunicorn, {workers()} workers x 8 threads, the real server);"
        f" rdflib-endpoint under uvicorn with {workers()} worker processes; pyoxigraph"
        " in-process = `Store.query` + JSON serialisation on the same on-disk store"
        " (its materialised default graph), no HTTP;"
        " pyoxigraph in-memory = the same on an in-memory store (the ceiling).",
        "",
        f"Latency: one client, up to {prof.lat_n} queries or {prof.lat_s:.0f} s per kind."
        f" Throughput: {prof.clients} concurrent clients ({workers()} for rdflib-endpoint, one"
        " per GIL-bound worker) for"
        f" {prof.tp_s:.0f} s: queries completed divided by the time until the last one ended"
        " (none starts after the window; those under way finish and count). Parameters"
        " (IRI, month, phrase)"
        " vary per request, from the same seeded sequence for every engine. Per-query"
        f" timeout {prof.timeout:.0f} s. Clients share the machine's cores with the servers.",
        "",
        "| query | engine | p50 ms | p95 ms | throughput q/s | rows | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, _ in QUERIES:
        for e in engines:
            m = by[(label, e)]
            errs = ", ".join(f"{k} x{v}" for k, v in m.errors.items())
            rows = m.rows if m.rows is not None else "-"
            lines.append(
                f"| {label} | {e} | {fmt_ms(m.pct(0.5))} | {fmt_ms(m.pct(0.95))} |"
                f" {m.throughput:.1f} | {rows} | {errs} |"
            )
    ours, peer, disk, mem = engines[:4]
    lines += [
        "",
        "| query | throughput ours / rdflib-endpoint | p50 ours / in-process |"
        " p50 ours / in-memory |",
        "|---|---|---|---|",
    ]
    ratios, p50s = [], []
    for label, _ in QUERIES:
        o, p = by[(label, ours)], by[(label, peer)]
        if p.completed:
            r = o.throughput / p.throughput
            ratios.append(r)
            rt = f"{r:.0f}x"
        else:
            why = ", ".join(p.errors) or "none finished in the window"
            rt = f"rdflib-endpoint completed none ({why})"
        cells = []
        for ref in (disk, mem):
            base = by[(label, ref)].pct(0.5)
            mine = o.pct(0.5)
            cells.append(mine / base if base and mine else float("nan"))
        p50s.append(cells[0])
        lines.append(f"| {label} | {rt} | {cells[0]:.2f}x | {cells[1]:.2f}x |")
    if ratios:
        gm = math.exp(statistics.fmean(math.log(r) for r in ratios))
        lines += [
            "",
            f"Throughput ours / rdflib-endpoint, geometric mean over the kinds where"
            f" rdflib-endpoint completed any: **{gm:.0f}x** (goal: at least 20x)."
            f" p50 latency ours / in-process on the same store: median"
            f" **{statistics.median(p50s):.2f}x**, worst {max(p50s):.2f}x (goal: within 2x).",
        ]
    mism = [
        label
        for label, _ in QUERIES
        if len({by[(label, e)].rows for e in engines if by[(label, e)].rows is not None}) > 1
    ]
    agree = f" except: {', '.join(mism)}." if mism else "."
    lines += ["", "Row counts of the first query of each kind agree across engines" + agree, ""]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="100k triples, short phases, 1k docs")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-build", action="store_true")
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
        rv = reason_validate(args.quick, log)
        text = report(args, prof, q, b, rv, time.perf_counter() - started)
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
