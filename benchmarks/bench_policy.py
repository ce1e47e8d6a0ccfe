"""Benchmark: the SERVICE policy check (`kg.federation.prepare`) on queries with many VALUES rows.

    python -m benchmarks.bench_policy            # 1,000 / 5,000 / 20,000 rows
    python -m benchmarks.bench_policy --rows 5000 --repeat 9

Every query passes `prepare` before pyoxigraph sees it, so its cost is paid by every
request; a query with a long VALUES block (a client joining its own list of IRIs) must
not make the check slow. This used to be a timed assertion in
tests/test_federation_unit.py (under 2 s for 5,000 rows); tests hold no clock now
(docs/testing.md), so the figure lives here. Prints the median of --repeat runs; the
result is written by hand in benchmarks/RESULTS.md ("Policy check").
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from kg.config import Config
from kg.federation import prepare


def query(rows: int) -> str:
    values = " ".join(f'(<http://ex/{i}> "label {i}"@en {i})' for i in range(rows))
    return f"SELECT * {{ VALUES (?a ?b ?c) {{ {values} }} ?a ?p ?o }}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    config = Config()
    prepare(query(10), config)  # warm-up: parser tables, regexes
    print(f"# kg.federation.prepare, {platform.python_version()}, median of {args.repeat}")
    print("| VALUES rows | query bytes | median ms |")
    print("| ---: | ---: | ---: |")
    for rows in args.rows:
        text = query(rows)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            prepared = prepare(text, config)
            times.append(time.perf_counter() - started)
        assert prepared.query_text == text  # the check changes nothing
        print(f"| {rows:,} | {len(text):,} | {statistics.median(times) * 1000:.1f} |")


if __name__ == "__main__":
    main()
