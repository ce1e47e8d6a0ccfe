"""Dask or Ray for distributed extraction: start-up time, memory before any work, and
extraction throughput of `kg.pipeline.process_batch` on a local cluster of N workers.

    pip install ray   # not a dependency of newsgraph: only for this comparison
    python -m benchmarks.engines --docs 300 --workers 1 2

Same documents (benchmarks.docs), same batches of 16, same function, results gathered
as they complete; the engine's own processes are measured from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.docs import write as write_docs
from benchmarks.measure import _tree_rss_kb, self_rss_kb
from kg.documents import read_document
from kg.namespaces import DEFAULT_BASE

BATCH = 16


def _batches(folder: Path) -> list[list]:
    docs = [read_document(p) for p in sorted(folder.glob("*.txt"))]
    return [docs[i : i + BATCH] for i in range(0, len(docs), BATCH)]


def _engine_rss_mb() -> float:
    """Memory of this process's descendants (the engine's daemons and workers)."""
    return round((_tree_rss_kb(os.getpid()) - self_rss_kb()) / 1024, 1)


def run_dask(workers: int, batches: list[list]) -> dict:
    from distributed import Client, LocalCluster, as_completed

    from kg.pipeline import process_batch

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    client.submit(len, [1]).result()
    start = time.perf_counter() - t0
    client.run(_warm)
    idle = _engine_rss_mb()
    t0 = time.perf_counter()
    futures = [client.submit(process_batch, b, DEFAULT_BASE, pure=False) for b in batches]
    n = sum(len(f.result()) for f in as_completed(futures))
    seconds = time.perf_counter() - t0
    busy = _engine_rss_mb()
    client.close()
    cluster.close()
    return {
        "engine": "dask",
        "workers": workers,
        "start_s": round(start, 2),
        "idle_mb": idle,
        "busy_mb": busy,
        "docs": n,
        "docs_per_s": round(n / seconds, 1),
    }


def _ping(x: list) -> int:
    return len(x)


def _warm() -> int:
    """Import the extractor (its lexicon automaton) before the clock starts."""
    import kg.pipeline  # noqa: F401

    return 0


def run_ray(workers: int, batches: list[list]) -> dict:
    import ray

    from kg.pipeline import process_batch

    t0 = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    remote = ray.remote(num_cpus=1)(process_batch)
    ray.get(ray.remote(_ping).remote([1]))
    start = time.perf_counter() - t0
    warm = ray.remote(num_cpus=1)(_warm)
    ray.get([warm.remote() for _ in range(workers)])
    idle = _engine_rss_mb()
    t0 = time.perf_counter()
    pending = [remote.remote(b, DEFAULT_BASE) for b in batches]
    n = 0
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        n += len(ray.get(done[0]))
    seconds = time.perf_counter() - t0
    busy = _engine_rss_mb()
    ray.shutdown()
    return {
        "engine": "ray",
        "workers": workers,
        "start_s": round(start, 2),
        "idle_mb": idle,
        "busy_mb": busy,
        "docs": n,
        "docs_per_s": round(n / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--engines", nargs="*", default=["dask", "ray"])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ng-engines-"))
    write_docs(args.docs, folder, seed=31)
    batches = _batches(folder)
    for engine in args.engines:
        for n in args.workers:
            row = (run_dask if engine == "dask" else run_ray)(n, batches)
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
