"""`kg build` that stops at one named point and says so, for a test to SIGKILL it exactly there.

    python -m tests.build_driver POINT [kg build arguments ...]

The build is the real one (kg.cli, its extraction pool, kg.store's commit); the only
change is a pause wrapped around one call. On reaching POINT the driver prints
`paused POINT` on stdout and blocks for ever, so the test chooses the interleaving
instead of racing a timer against the build:

- extracting: inside an extraction worker, after its first batch of documents is
  extracted (the other workers carry on; the build waits for this one);
- loading: the new build's store is open, nothing loaded yet;
- committing: every quad loaded, nothing flushed, no manifest;
- swapping: build.json and CURRENT.tmp written and synced, CURRENT not yet replaced;
- swapped: CURRENT replaced, older builds not yet pruned.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from kg import build as kb
from kg import cli
from kg import store as ks

POINTS = ("extracting", "loading", "committing", "swapping", "swapped")


def pause(point: str) -> None:
    print(f"paused {point}", flush=True)
    threading.Event().wait()


_EXTRACT = kb.process_batch
_MARKER: Path | None = None


def first_then_pause(docs, base: str, model: str | None = None) -> list:
    """In the pool workers (module level: the pool pickles it by name)."""
    outputs = _EXTRACT(docs, base, model)
    assert _MARKER is not None
    try:
        os.close(os.open(_MARKER, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return outputs  # another worker is the one that pauses
    pause("extracting")
    return outputs


def install(point: str, marker: Path) -> None:
    if point == "extracting":
        global _MARKER
        _MARKER = marker
        kb.process_batch = first_then_pause
    elif point == "loading":
        begin = ks.begin_build

        def begin_then_pause(config):
            pending = begin(config)
            pause(point)
            return pending

        kb.begin_build = begin_then_pause
    elif point == "committing":
        commit = ks.PendingBuild.commit

        def pause_then_commit(self, manifest, **kw):
            pause(point)
            return commit(self, manifest, **kw)

        ks.PendingBuild.commit = pause_then_commit  # type: ignore[method-assign]
    elif point in ("swapping", "swapped"):
        replace = os.replace

        def replace_around_current(src, dst, *a, **kw):
            is_pointer = Path(dst).name == "CURRENT"
            if is_pointer and point == "swapping":
                pause(point)
            replace(src, dst, *a, **kw)
            if is_pointer and point == "swapped":
                pause(point)

        ks.os.replace = replace_around_current  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown point {point!r}; one of {', '.join(POINTS)}")


def main(argv: list[str]) -> int:
    point, rest = argv[0], argv[1:]
    marker = Path(os.environ["NEWSGRAPH_DATA_DIR"]) / f".paused-{point}-{os.getpid()}"
    install(point, marker)
    code = cli.main(["build", *rest])
    print("finished without pausing", flush=True)  # the test fails on this line
    return code or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
