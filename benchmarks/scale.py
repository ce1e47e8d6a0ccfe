"""News-scale build benchmark (issue 15): memory and time as the corpus grows, the share
of build time outside extraction, `kg add` of one document into the built store, and
extraction throughput on 1, 2 and 4 Dask workers.

    python -m benchmarks.scale --sizes 1000 10000 [--workers 1 2 4] [--out results.json]

Each build runs `kg build` in a fresh process under benchmarks.measure (wall time, peak
RSS of the largest process and of the whole process tree) into an empty data folder.
Documents come from benchmarks.docs (seed sentences recombined, 3-6 KB each).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.docs import write as write_docs

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def measure(args: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [PY, "-m", "benchmarks.measure", "--", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(out.stdout)


def env_for(data: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["NEWSGRAPH_DATA_DIR"] = str(data)
    env["NEWSGRAPH_SOURCES"] = str(corpus)
    return env


def current_manifest(data: Path) -> dict:
    name = (data / "CURRENT").read_text().strip()
    return json.loads((data / "stores" / name / "build.json").read_text())


def build_at(size: int, work: Path) -> dict:
    corpus = work / f"docs-{size}"
    if not corpus.exists():
        write_docs(size, corpus)
    data = work / f"var-{size}"
    env = env_for(data, corpus)
    result = measure([PY, "-m", "kg.cli", "build", str(corpus)], env)
    if result["returncode"] != 0:
        raise RuntimeError(result["stderr_tail"])
    manifest = current_manifest(data)
    timing = manifest["timing"]
    wall = result["wall_s"]
    # extraction runs in the workers while the loader works: the time outside extraction
    # is what the loading process spends on its own (loading, then resolution, reasoning
    # and the commit after the stream)
    outside = timing["load"] + (wall - timing["stream"])
    row = {
        "documents": size,
        "wall_s": wall,
        "docs_per_s": round(size / wall, 1),
        "peak_rss_largest_mb": result["max_rss_largest_process_mb"],
        "peak_rss_tree_mb": result["peak_tree_rss_mb"],
        "triples": manifest["triples"],
        "timing": timing,
        "outside_extraction_s": round(outside, 1),
        "outside_extraction_share": round(outside / wall, 3),
    }
    # one new document into the built store
    extra = work / f"extra-{size}"
    write_docs(1, extra, seed=size + 7)  # another seed: a document the corpus lacks
    target = corpus / "added_000000.txt"
    target.write_bytes((extra / "doc_000000.txt").read_bytes())
    add = measure([PY, "-m", "kg.cli", "add", str(target)], env)
    if add["returncode"] != 0:
        raise RuntimeError(add["stderr_tail"])
    row["add_one_s"] = add["wall_s"]
    row["add_one_in_process_s"] = _reported_seconds(add["stderr_tail"])
    row["add_one_peak_rss_mb"] = add["max_rss_largest_process_mb"]
    return row


def _reported_seconds(stderr: str) -> float | None:
    for line in reversed(stderr.splitlines()):
        if " IRIs retired in " in line:
            return float(line.rsplit(" in ", 1)[1].split()[0])
    return None


def throughput(workers: int, docs: int, work: Path) -> dict:
    """Extraction throughput on a local Dask cluster of `workers` worker processes."""
    sys.path.insert(0, str(ROOT))
    from tests.dask_cluster import LocalDaskCluster

    corpus = work / f"tp-docs-{docs}"
    if not corpus.exists():
        write_docs(docs, corpus, seed=23)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in corpus.glob("*.txt"))
    logs = work / f"logs-{workers}"
    logs.mkdir(exist_ok=True)
    data = work / f"tp-var-{workers}"
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    with LocalDaskCluster(workers, logs) as cluster:
        started = time.perf_counter() - t0
        result = measure(
            [PY, "-m", "kg.cli", "build", "--cluster", cluster.address, str(corpus)],
            env_for(data, corpus),
        )
    if result["returncode"] != 0:
        raise RuntimeError(result["stderr_tail"])
    timing = current_manifest(data)["timing"]
    return {
        "workers": workers,
        "documents": docs,
        "cluster_start_s": round(started, 1),
        "stream_s": timing["stream"],
        "docs_per_s": round(docs / timing["stream"], 1),
        "words": words,
        "words_per_s": round(words / timing["stream"]),
        "extraction_in_workers_s": timing["extraction_in_workers"],
        "wall_s": result["wall_s"],
        "peak_rss_largest_mb": result["max_rss_largest_process_mb"],
        # the 1-minute load average when the run started and when it ended (the cluster's
        # own processes count in the second)
        "load_1min": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--throughput-docs", type=int, default=1000)
    parser.add_argument("--work", help="folder for corpora and stores (default: a temp folder)")
    parser.add_argument("--out", help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="ng-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": {"cpus": os.cpu_count(), "load": os.getloadavg()}, "builds": []}
    for size in args.sizes:
        row = build_at(size, work)
        results["builds"].append(row)
        print(json.dumps(row), flush=True)
    results["throughput"] = []
    for n in args.workers:
        row = throughput(n, args.throughput_docs, work)
        results["throughput"].append(row)
        print(json.dumps(row), flush=True)
    results["machine"]["load_end"] = os.getloadavg()
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
