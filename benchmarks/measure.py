"""Run one command and report its wall time and memory, as JSON on stdout.

A separate process per measurement because `getrusage(RUSAGE_CHILDREN)` only grows:
in a fresh parent it is exactly the peak RSS of the largest process the command ran
(the build's main process or one of its extraction workers). The whole process tree
is also sampled from /proc every 0.2 s, since workers together can hold more than
any single one.

    python -m benchmarks.measure -- kg build docs/
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


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants."""
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
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump(
        {
            "returncode": proc.returncode,
            "wall_s": round(wall, 3),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "max_rss_largest_process_mb": round(usage.ru_maxrss / 1024, 1),
            "peak_tree_rss_mb": round(peak / 1024, 1),
            "stderr_tail": stderr[-3000:],
            "pid": os.getpid(),
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
