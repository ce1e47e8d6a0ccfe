"""kg.pipeline.warm: what the build loads once before its extraction workers fork.

The speed it buys is measured in benchmarks/ (RESULTS.md), never timed here; this pins
what it rests on: after warm() the long-lived objects (the pipeline, the place index) are
frozen out of the cyclic collector's reach, so a forked worker's collections neither walk
nor write to them.
"""

from __future__ import annotations

import subprocess
import sys


def test_warm_freezes_what_it_builds_out_of_the_collectors_reach():
    probe = (
        "import gc\n"
        "from kg.extract import world\n"
        "from kg.pipeline import warm\n"
        "before = gc.get_freeze_count()\n"
        "warm()\n"
        "places = sum(len(v) for v in world._places().values())\n"
        "print(before, gc.get_freeze_count(), places)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    before, frozen, places = map(int, out)
    assert before == 0
    assert frozen > places  # every place record, and the pipeline around them
