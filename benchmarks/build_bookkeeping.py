"""What the build process holds per document it has met, before and after kg/ledger.py
(issue 15's flat memory): the corpus listed, two Python sets of hashes and addresses and
a list of names ("listed", the build until 2026-12-06), against the corpus walked one
file at a time and those records kept in temporary SQLite files ("walked", kg.build now).

    python -m benchmarks.build_bookkeeping --corpus DIR [--sizes 10000 100000]

Each (mode, size) runs in a fresh process, which walks the first SIZE documents of DIR
(hard links made into a temporary folder, so the walk sees a corpus of that size), and
for each one makes the keys the build makes (the SHA-256 of its bytes, its address) and
records it as the build does. It reports the process's peak RSS above what it held after
its imports (resident size sampled every 1,000 documents), so the figures are of the
bookkeeping alone, without the reading
and extraction around it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = "https://w3id.org/newsgraph/id/"


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def run_one(mode: str, corpus: Path) -> dict:
    from kg.documents import scan_sources, walk_sources
    from kg.ids import document_iri
    from kg.ledger import DocumentList, SeenKeys

    before = _rss_mb()
    peak = before
    count = 0
    if mode == "listed":
        sources, _skipped = scan_sources([corpus])
        seen_content: set[str] = set()
        seen_iri: set[str] = set()
        names: list[str] = []
        for path, identity in sources:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            iri = str(document_iri(identity, BASE))
            if sha in seen_content or iri in seen_iri:
                continue
            seen_content.add(sha)
            seen_iri.add(iri)
            names.append(str(path))
            count += 1
            if count % 1000 == 0:
                peak = max(peak, _rss_mb())
    else:
        total = sum(1 for p, _i, _w in walk_sources([corpus]) if p is not None)
        seen = SeenKeys()
        kept = DocumentList()
        for path, identity, _why in walk_sources([corpus]):
            if path is None:
                continue
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if not seen.first_time(sha, str(document_iri(identity, BASE))):
                continue
            kept.append(str(path))
            count += 1
            if count % 1000 == 0:
                peak = max(peak, _rss_mb())
        assert count == total
    peak = max(peak, _rss_mb())
    return {"mode": mode, "documents": count, "peak_above_imports_mb": peak - before}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--one", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], Path(args.one[1]))))
        return
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            sub = Path(tmp) / "corpus"
            sub.mkdir()
            for f in files[:size]:
                os.link(f, sub / f.name)
            for mode in ("listed", "walked"):
                out = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.build_bookkeeping",
                        "--corpus",
                        "-",
                        "--one",
                        mode,
                        str(sub),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(out.stdout)
                rows.append(row)
                print(
                    f"{mode:7} {row['documents']:>8,} documents:"
                    f" {row['peak_above_imports_mb']:7.1f} MB above the imports",
                    flush=True,
                )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
