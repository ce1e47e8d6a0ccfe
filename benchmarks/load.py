"""Load generator: N concurrent clients send a query mix to a SPARQL endpoint on loopback.

Either point it at a running server (`--url`) or let it start one (`--serve DATA_DIR`,
`kg serve --no-build` with the rate limit off). It refuses any target that is not a
loopback address: load is only ever sent to this machine.

    python -m benchmarks.load --serve var --clients 32 --duration 60
    python -m benchmarks.load --url http://127.0.0.1:8080/sparql --clients 8 --duration 5

Prints latency percentiles per query kind and the status counts; `--json FILE` keeps
them. The exit code is 1 when any response was a 5xx or a request failed.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

PREFIX = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)
JSON = "application/sparql-results+json"
TEXT_NEEDLES = ["crisis", "peace troops", "Kazakhstan", "border"]


@dataclass
class Sample:
    subjects: list[str]
    persons: list[str]
    years: list[int]


def _select(session: requests.Session, url: str, query: str) -> list[dict]:
    r = session.post(url, data={"query": PREFIX + query}, headers={"Accept": JSON}, timeout=120)
    r.raise_for_status()
    return r.json()["results"]["bindings"]


def sample_graph(url: str, seed: int) -> Sample:
    """IRIs and years present in the served graph, so the mix asks about real things."""
    with requests.Session() as s:
        subjects = [
            b["s"]["value"] for b in _select(s, url, "SELECT DISTINCT ?s { ?s a ?c } LIMIT 500")
        ]
        persons = [
            b["p"]["value"]
            for b in _select(
                s,
                url,
                "SELECT DISTINCT ?p { { ?x ng:speaker ?p } UNION { ?p a ng:Person } } LIMIT 500",
            )
        ]
        years = [
            int(b["d"]["value"][:4])
            for b in _select(s, url, "SELECT ?d { ?m a ng:Meeting ; ng:date ?d } LIMIT 200")
            if b["d"]["value"][:4].isdigit()
        ]
    rng = random.Random(seed)
    rng.shuffle(subjects)
    return Sample(subjects or ["urn:none"], persons or ["urn:none"], years or [2022])


def query_mix(sample: Sample) -> list[tuple[str, int, object]]:
    """(kind, weight, rng -> query): lookups, joins, a date range, aggregates, a text scan."""
    return [
        ("lookup", 30, lambda r: f"SELECT ?p ?o {{ <{r.choice(sample.subjects)}> ?p ?o }}"),
        (
            "speaker_statements",
            20,
            lambda r: (
                "SELECT ?st ?text ?d { ?st ng:speaker "
                f"<{r.choice(sample.persons)}> ; ng:text ?text . OPTIONAL {{ ?st ng:date ?d }} }}"
                " LIMIT 100"
            ),
        ),
        (
            "participant_meetings",
            15,
            lambda r: (
                "SELECT ?m ?label ?chair { ?m ng:participant "
                f"<{r.choice(sample.persons)}> ; rdfs:label ?label ."
                " OPTIONAL { ?m ng:chair ?chair } }"
                " LIMIT 50"
            ),
        ),
        (
            "meetings_in_range",
            15,
            lambda r: (
                lambda y, m: (
                    "SELECT ?m ?d { ?m a ng:Meeting ; ng:date ?d "
                    f'FILTER(?d >= "{y}-{m:02d}-01"^^xsd:date'
                    f' && ?d < "{y}-{m + 1:02d}-01"^^xsd:date) }}'
                    " ORDER BY ?d LIMIT 50"
                )
            )(r.choice(sample.years), r.randrange(1, 12)),
        ),
        ("ask", 10, lambda r: "ASK { ?s a ng:Meeting }"),
        ("count_by_class", 5, lambda r: "SELECT ?c (COUNT(*) AS ?n) { ?s a ?c } GROUP BY ?c"),
        (
            "text_contains",
            5,
            lambda r: (
                "SELECT ?s { ?s ng:text ?t "
                f'FILTER(CONTAINS(?t, "{r.choice(TEXT_NEEDLES)}")) }}'
                " LIMIT 20"
            ),
        ),
    ]


@dataclass
class Report:
    clients: int
    duration: float
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    truncated: int = 0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.errors.values())

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def percentiles(self, values: list[float]) -> dict[str, float]:
        if not values:
            return {}
        v = sorted(values)
        q = statistics.quantiles(v, n=100, method="inclusive") if len(v) > 1 else v * 99
        return {
            "n": len(v),
            "p50_ms": round(q[49] * 1000, 1),
            "p90_ms": round(q[89] * 1000, 1),
            "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(v[-1] * 1000, 1),
        }

    def summary(self) -> dict:
        every = [x for xs in self.latencies.values() for x in xs]
        return {
            "clients": self.clients,
            "duration_s": self.duration,
            "requests": self.requests,
            "throughput_rps": round(self.requests / self.duration, 1) if self.duration else 0,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "errors": dict(self.errors),
            "server_errors": self.server_errors,
            "truncated": self.truncated,
            "all": self.percentiles(every),
            "by_kind": {k: self.percentiles(v) for k, v in sorted(self.latencies.items())},
        }

    def markdown(self) -> str:
        s = self.summary()
        lines = [
            f"{s['requests']} requests in {s['duration_s']:g} s from {s['clients']} clients"
            f" ({s['throughput_rps']} req/s); statuses {s['statuses']};"
            f" 5xx: {s['server_errors']}; failed requests: {sum(s['errors'].values())}",
            "",
            "| query | n | p50 ms | p90 ms | p95 ms | p99 ms | max ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind, p in [*s["by_kind"].items(), ("**all**", s["all"])]:
            if p:
                lines.append(
                    f"| {kind} | {p['n']} | {p['p50_ms']} | {p['p90_ms']} | {p['p95_ms']}"
                    f" | {p['p99_ms']} | {p['max_ms']} |"
                )
        return "\n".join(lines)


def check_loopback(url: str) -> None:
    """Refuse to send load anywhere but this machine."""
    host = urlsplit(url).hostname or ""
    for info in socket.getaddrinfo(host, None):
        if not ipaddress.ip_address(info[4][0]).is_loopback:
            raise SystemExit(f"refusing to load {host}: not a loopback address")


def run(
    url: str, *, clients: int = 32, duration: float = 60.0, seed: int = 1, timeout: float = 120
) -> Report:
    """Drive `clients` threads for `duration` seconds; every request is recorded."""
    check_loopback(url)
    mix = query_mix(sample_graph(url, seed))
    kinds = [k for k, _, _ in mix]
    weights = [w for _, w, _ in mix]
    makers = {k: f for k, _, f in mix}
    report = Report(clients, duration)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        statuses: Counter = Counter()
        errors: Counter = Counter()
        lat: dict[str, list[float]] = defaultdict(list)
        truncated = 0
        with requests.Session() as session:
            start.wait()
            end = time.monotonic() + duration
            while time.monotonic() < end:
                kind = rng.choices(kinds, weights)[0]
                query = PREFIX + makers[kind](rng)  # type: ignore[operator]
                t0 = time.perf_counter()
                try:
                    r = session.post(
                        url, data={"query": query}, headers={"Accept": JSON}, timeout=timeout
                    )
                    _ = r.content
                except requests.RequestException as exc:
                    errors[type(exc).__name__] += 1
                    continue
                lat[kind].append(time.perf_counter() - t0)
                statuses[r.status_code] += 1
                truncated += "X-Newsgraph-Truncated" in r.headers
        with lock:
            report.statuses.update(statuses)
            report.errors.update(errors)
            for k, v in lat.items():
                report.latencies[k].extend(v)
            report.truncated += truncated

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.monotonic()
    for t in threads:
        t.join()
    report.duration = round(time.monotonic() - t0, 1)
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir: str, workers: int, threads: int, processes: int, log: Path):
    """Start `kg serve --no-build` on loopback with the rate limit off; wait for /health."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env.update(
        NEWSGRAPH_DATA_DIR=data_dir,
        NEWSGRAPH_HOST="127.0.0.1",
        NEWSGRAPH_PORT=str(port),
        NEWSGRAPH_WORKERS=str(workers),
        NEWSGRAPH_THREADS=str(threads),
        NEWSGRAPH_QUERY_PROCESSES=str(processes),
        NEWSGRAPH_RATE_LIMIT="0",
    )
    out = open(log, "w")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: see {log}")
        try:
            if requests.get(f"{base}/health", timeout=5).status_code == 200:
                return proc, f"{base}/sparql"
        except requests.RequestException:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not become ready in 120 s")


def environment() -> dict[str, str]:
    import pyoxigraph

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "machine": f"{os.cpu_count()} vCPU ({cpu}), {mem:.0f} GiB, {platform.system()}"
        f" {platform.release()}",
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "requests": requests.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="SPARQL endpoint on loopback")
    target.add_argument("--serve", metavar="DATA_DIR", help="start a server on this data folder")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="with --serve: gunicorn workers")
    parser.add_argument("--threads", type=int, default=16, help="with --serve: threads each")
    parser.add_argument("--query-processes", type=int, default=4, help="with --serve: per worker")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the summary here")
    args = parser.parse_args(argv)
    proc = None
    url = args.url
    if args.serve:
        log = Path(args.serve) / "load-server.log"
        proc, url = serve(args.serve, args.workers, args.threads, args.query_processes, log)
    try:
        report = run(url, clients=args.clients, duration=args.duration, seed=args.seed)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    summary = {**report.summary(), "environment": environment(), "argv": sys.argv[1:]}
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(report.markdown())
    return 1 if report.server_errors or report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
