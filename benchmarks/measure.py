"""Run one command and report its wall time and memory, as JSON on stdout.

A separate process per measurement because `getrusage(RUSAGE_CHILDREN)` only grows:
in a fresh parent it is exactly the peak RSS of the largest process the command ran
(the build's main process or one of its extraction workers). The whole process tree
is also sampled from /proc every 0.2 s, since workers together can hold more than
any single one.

    python -m benchmarks.measure -- kg build docs/
    python -m benchmarks.measure --timeline rss.jsonl -- kg build docs/

With --timeline, every sample is also written as a JSON line: seconds since the start,
the RSS of the command's own process and of each of its descendants (MB), so one can
see which process grows and when, and the tree's proportional set size (shared pages
counted once); the command's stderr lines are written between them
with their time (the build's progress notes mark its phases).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TextIO


def _processes() -> tuple[dict[int, list[int]], dict[int, int]]:
    """(children of each pid, VmRSS in kB of each pid) from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry.name), int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    return children, rss


def _tree(root: int) -> dict[int, int]:
    """VmRSS (kB) of `root` and of each of its descendants."""
    children, rss = _processes()
    out: dict[int, int] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        out[pid] = rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return out


def self_rss_kb() -> int:
    """VmRSS (kB) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants."""
    return sum(_tree(root).values())


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared with other processes (a forked worker's copy of
    the spaCy pipeline) counted as a share, so the sum over a tree is what it takes."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str]) -> int:
    timeline: TextIO | None = None
    if argv[:1] == ["--timeline"]:
        timeline = open(argv[1], "w")  # noqa: SIM115 - closed below
        argv = argv[2:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()
    lock = threading.Lock()
    tail: list[str] = []

    def write(record: dict) -> None:
        if timeline is not None:
            with lock:
                timeline.write(json.dumps(record) + "\n")

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(tree.values()))
            if timeline is not None:
                own = tree.pop(proc.pid, 0)
                write(
                    {
                        "t": round(time.perf_counter() - started, 2),
                        "main_mb": round(own / 1024, 1),
                        "children_mb": {str(p): round(k / 1024, 1) for p, k in tree.items()},
                        "pss_mb": round(sum(map(_pss_kb, [proc.pid, *tree])) / 1024, 1),
                    }
                )
            done.wait(0.2)

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            tail.append(line)
            write({"t": round(time.perf_counter() - started, 2), "stderr": line.rstrip("\n")})

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    proc.wait()
    reader.join()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if timeline is not None:
        timeline.close()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump(
        {
            "returncode": proc.returncode,
            "wall_s": round(wall, 3),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "max_rss_largest_process_mb": round(usage.ru_maxrss / 1024, 1),
            "peak_tree_rss_mb": round(peak / 1024, 1),
            "stderr_tail": "".join(tail)[-3000:],
            "pid": os.getpid(),
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
