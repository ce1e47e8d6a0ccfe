"""Fairness under load: do cheap queries and /health still answer while 32 clients run
expensive queries?

    python -m benchmarks.fairness --serve var --heavy 32 --duration 60

Starts `kg serve --no-build` on a loopback port (rate limit off, everything else at its
default), calibrates an expensive query (a counted cartesian product of two LIMITed
subqueries) to take about `--heavy-seconds` alone, then runs for `--duration` seconds:

- `--heavy` clients, each sending that expensive query back to back (its IRIs vary,
  so no cache can answer it);
- one client sending a cheap lookup by IRI every 100 ms;
- one client asking `GET /health` every 200 ms.

It reports p50/p90/p99/max latency and the statuses of the cheap queries and of
/health (the figures the issue asks for), and the expensive queries' statuses and
throughput. Every request is recorded; a 5xx other than the documented 503 (busy,
timeout) is counted as a failure, and so is a request that got no answer.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

from benchmarks.load import JSON, check_loopback, environment, serve

PROBE_TIMEOUT = 120.0


def expensive_query(n: int, salt: int) -> str:
    """About n*n rows counted; the salt changes the text, not the work."""
    return (
        f"SELECT (COUNT(*) AS ?n) {{ {{ SELECT ?a {{ ?a ?b ?c }} LIMIT {n} }}"
        f" {{ SELECT ?d {{ ?d ?e ?f }} LIMIT {n} }} FILTER(?a != <urn:salt:{salt}>) }}"
    )


def _post(session: requests.Session, url: str, query: str) -> requests.Response:
    return session.post(url, data={"query": query}, headers={"Accept": JSON}, timeout=600)


def calibrate(url: str, target: float) -> tuple[int, float]:
    """The n for which expensive_query(n) takes about `target` seconds alone (median of 3)."""
    n = 200
    with requests.Session() as s:
        while True:
            times = []
            for i in range(3):
                t0 = time.perf_counter()
                r = _post(s, url, expensive_query(n, i))
                times.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise SystemExit(f"calibration query failed: {r.status_code} {r.text[:200]}")
            took = sorted(times)[1]
            if took >= target * 0.85 or n > 200_000:
                return n, took
            n = int(n * min(4.0, max(1.1, (target / max(took, 1e-3)) ** 0.5)))


def subjects(url: str) -> list[str]:
    with requests.Session() as s:
        r = _post(s, url, "SELECT DISTINCT ?s { ?s ?p ?o FILTER(isIRI(?s)) } LIMIT 300")
        r.raise_for_status()
        return [b["s"]["value"] for b in r.json()["results"]["bindings"]] or ["urn:none"]


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    v = sorted(values)

    def at(p: float) -> float:
        return round(v[min(len(v) - 1, int(p * len(v)))] * 1000, 1)

    return {
        "n": len(v),
        "p50_ms": at(0.50),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "max_ms": round(v[-1] * 1000, 1),
    }


class Track:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.errors: Counter = Counter()

    def add(self, seconds: float, status: int | None, error: str | None = None) -> None:
        with self.lock:
            if status is None:
                self.errors[error or "error"] += 1
            else:
                self.latencies.append(seconds)
                self.statuses[status] += 1

    def summary(self) -> dict:
        return {
            **percentiles(self.latencies),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "no_answer": dict(self.errors),
        }


def run(url: str, *, heavy: int, duration: float, heavy_seconds: float, seed: int = 1) -> dict:
    check_loopback(url)
    base = url.rsplit("/sparql", 1)[0]
    n, alone = calibrate(url, heavy_seconds)
    iris = subjects(url)
    tracks = {"heavy": Track(), "cheap": Track(), "health": Track()}
    start = threading.Barrier(heavy + 3)
    stop = threading.Event()

    def loop(kind: str, i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        track = tracks[kind]
        with requests.Session() as s:
            start.wait()
            while not stop.is_set():
                t0 = time.perf_counter()
                try:
                    if kind == "heavy":
                        r = _post(s, url, expensive_query(n, rng.randrange(10**9)))
                    elif kind == "cheap":
                        q = f"SELECT ?p ?o {{ <{rng.choice(iris)}> ?p ?o }} LIMIT 20"
                        r = s.post(url, data={"query": q}, headers={"Accept": JSON},
                                   timeout=PROBE_TIMEOUT)  # fmt: skip
                    else:
                        r = s.get(f"{base}/health", timeout=PROBE_TIMEOUT)
                    _ = r.content
                    track.add(time.perf_counter() - t0, r.status_code)
                except requests.RequestException as exc:
                    track.add(time.perf_counter() - t0, None, type(exc).__name__)
                if kind == "cheap":
                    stop.wait(0.1)
                elif kind == "health":
                    stop.wait(0.2)

    threads = [threading.Thread(target=loop, args=("heavy", i), daemon=True) for i in range(heavy)]
    threads.append(threading.Thread(target=loop, args=("cheap", heavy), daemon=True))
    threads.append(threading.Thread(target=loop, args=("health", heavy + 1), daemon=True))
    for t in threads:
        t.start()
    start.wait()
    t0 = time.monotonic()
    stop.wait(duration)
    stop.set()
    for t in threads:
        t.join(timeout=PROBE_TIMEOUT + 10)
    elapsed = time.monotonic() - t0
    out = {k: v.summary() for k, v in tracks.items()}
    out["heavy"]["throughput_qps"] = round(out["heavy"]["n"] / elapsed, 2)
    bad = 0
    for track in tracks.values():
        bad += sum(c for s, c in track.statuses.items() if s >= 500 and s != 503)
        bad += sum(track.errors.values())
    return {
        "heavy_clients": heavy,
        "duration_s": round(elapsed, 1),
        "expensive_query_rows": n * n,
        "expensive_query_alone_s": round(alone, 3),
        "failures": bad,
        **out,
    }


def markdown(result: dict) -> str:
    lines = [
        f"{result['heavy_clients']} clients on an expensive query"
        f" ({result['expensive_query_alone_s']} s alone), {result['duration_s']} s;"
        f" failures (5xx other than 503, or no answer): {result['failures']}",
        "",
        "| requests | n | p50 ms | p90 ms | p99 ms | max ms | statuses |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ("cheap", "health", "heavy"):
        p = result[kind]
        lines.append(
            f"| {kind} | {p.get('n', 0)} | {p.get('p50_ms', '-')} | {p.get('p90_ms', '-')}"
            f" | {p.get('p99_ms', '-')} | {p.get('max_ms', '-')} | {p['statuses']}"
            + (f" no answer {p['no_answer']}" if p["no_answer"] else "")
            + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="SPARQL endpoint on loopback")
    target.add_argument("--serve", metavar="DATA_DIR", help="start a server on this data folder")
    parser.add_argument("--heavy", type=int, default=32, help="clients on the expensive query")
    parser.add_argument("--heavy-seconds", type=float, default=0.7)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="with --serve (before waitress)")
    parser.add_argument("--threads", type=int, default=64, help="with --serve: request threads")
    parser.add_argument("--query-processes", type=int, default=4, help="with --serve")
    parser.add_argument("--json", help="write the result here")
    args = parser.parse_args(argv)
    proc = None
    url = args.url
    if args.serve:
        log = Path(args.serve) / "fairness-server.log"
        proc, url = serve(args.serve, args.workers, args.threads, args.query_processes, log)
    try:
        result = run(
            url, heavy=args.heavy, duration=args.duration, heavy_seconds=args.heavy_seconds
        )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    result["environment"] = environment()
    result["argv"] = sys.argv[1:]
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
