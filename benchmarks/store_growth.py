"""What an on-disk Oxigraph store costs in memory as it grows, with nothing of ours around it.

    python -m benchmarks.store_growth [--rounds 12] [--quads 1000000] [--batch 200000]

Issue 15 asks that a build's memory stay flat as the corpus grows. The build's loading
process grows a little per document even though its Python objects do not (benchmarks/
RESULTS.md, "Where the growth is"); this loads benchmarks.synth's graph `--rounds` times
(each round under other IRIs, so the store holds rounds x quads) into one store with
`bulk_load`, as kg.build's Loader does, in batches of `--batch` quads, and prints the
process's RSS above its start after each round: the part of the growth that is the
engine's own (RocksDB's per-file index and filter blocks, its caches), which no setting
of pyoxigraph reaches.

With `--fresh`, each batch is loaded as the build has loaded them since 2026-12-05: by a
new process (kg.batch_load) that opens the store, loads and exits. It prints the largest
of each round's loading processes' own peak RSS.
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from benchmarks import synth
from benchmarks.measure import self_rss_kb
from kg.batch_load import StoreInChild, own_peak_rss_kb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=200_000)
    ap.add_argument("--fresh", action="store_true", help="each load by a process of its own")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="store-growth-"))
    try:
        lines = list(synth.quads(args.quads))
        chunks = [
            "".join(lines[i : i + args.batch]).encode() for i in range(0, len(lines), args.batch)
        ]
        per_round = len(lines)
        del lines
        if args.fresh:
            _fresh_rounds(work / "db", chunks, per_round, args.rounds)
            return 0
        store = ox.Store(str(work / "db"))
        base = self_rss_kb() / 1024
        started = time.perf_counter()
        print("| quads in the store | RSS above the start, MB | peak RSS, MB | seconds |")
        print("|---|---|---|---|")
        for r in range(args.rounds):
            prefix = f"http://r{r}.".encode()
            for chunk in chunks:
                store.bulk_load(
                    chunk.replace(b"http://", prefix), ox.RdfFormat.N_QUADS, lenient=True
                )
            print(
                f"| {(r + 1) * per_round:,} | {self_rss_kb() / 1024 - base:.1f} |"
                f" {own_peak_rss_kb() / 1024:.1f} |"
                f" {time.perf_counter() - started:.0f} |",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _fresh_rounds(db: Path, chunks: list[bytes], per_round: int, rounds: int) -> None:
    """Each batch loaded by kg.batch_load's process, as the build loads it."""
    ox.Store(str(db))  # (made, then closed: the children write it)
    started = time.perf_counter()
    print("| quads in the store | the round's loading processes' peak RSS, MB | seconds |")
    print("|---|---|---|")
    for r in range(rounds):
        loader = StoreInChild(db)
        prefix = f"http://r{r}.".encode()
        for chunk in chunks:
            data = io.BytesIO(chunk.replace(b"http://", prefix))
            loader.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
        print(
            f"| {(r + 1) * per_round:,} | {loader.peak_rss_kb / 1024:.1f} |"
            f" {time.perf_counter() - started:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    raise SystemExit(main())
