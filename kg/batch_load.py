"""One bulk load of a build's batch, in a process of its own that ends with it.

A RocksDB store's own memory grows with the store it has open (the index and filter
blocks of every file it has touched, the block cache's high water), by about 1.5 MB per
million quads past its first few million, and no pyoxigraph setting bounds it: a build
that loaded 100,000 documents from one long-lived process ended 146 MB larger than it
was at 10,000 (benchmarks/RESULTS.md section 6). A process that opens the store, loads
one batch and exits starts from nothing each time: with `python -m benchmarks.store_growth
--fresh` each loading process peaked at 197-200 MB whether the store held 1 or 12 million
quads, where one process loading them all kept 59 MB more than at its start after the
first million and 81 MB after the twelfth. Starting one costs about 40 ms (Python,
pyoxigraph and the store's opening), against the ~45 ms a bulk load costs however small,
and a batch is up to a few hundred documents.

    python -m kg.batch_load STORE_DIR [--format nq] [--lenient] < batch.nq
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

import pyoxigraph as ox


class StoreInChild:
    """The build's store as its loader sees it (`bulk_load`), each load done by a new
    process. The caller must hold no handle on the store while it loads: RocksDB lets one
    process write it (kg.store.PendingBuild.release_store)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.peak_rss_kb = 0  # the largest of the loading processes' own peaks

    def bulk_load(self, data: IO[bytes], format: ox.RdfFormat, lenient: bool = False) -> None:
        args = [sys.executable, "-m", "kg.batch_load", str(self.path)]
        args += ["--format", format.file_extension] + (["--lenient"] if lenient else [])
        env = dict(os.environ)
        # the child imports this package the way this process did, installed or not
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # (files, not pipes: a full pipe could block both processes)
        with tempfile.TemporaryFile() as said, tempfile.TemporaryFile() as errors:
            child = subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=said, stderr=errors, env=env
            )
            assert child.stdin is not None
            try:
                shutil.copyfileobj(data, child.stdin, 1 << 20)
                child.stdin.close()
            except BrokenPipeError:
                pass  # it ended early: its exit code and message tell why
            except BaseException:
                child.kill()
                child.wait()
                raise
            if child.wait() == 0:
                said.seek(0)
                self.peak_rss_kb = max(self.peak_rss_kb, int(said.read() or 0))
            else:
                errors.seek(0)
                message = errors.read().decode(errors="replace").strip().splitlines()
                raise RuntimeError(
                    f"loading a batch into {self.path} failed (exit {child.returncode}): "
                    + (message[-1] if message else "no message")
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", help="the store's folder")
    ap.add_argument("--format", default="nq", help="the data's file extension (default nq)")
    ap.add_argument("--lenient", action="store_true", help="skip Oxigraph's IRI checks")
    args = ap.parse_args(argv)
    store = ox.Store(args.store)
    store.bulk_load(
        sys.stdin.buffer, ox.RdfFormat.from_extension(args.format), lenient=args.lenient
    )
    del store
    print(own_peak_rss_kb())
    return 0


def own_peak_rss_kb() -> int:
    """This process's own high-water RSS. (Not getrusage's ru_maxrss: on Linux that keeps
    the RSS of the process it was forked from, which is the build's.)"""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
