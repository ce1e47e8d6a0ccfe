"""What `kg serve` becomes once its web processes run: a small process that only waits.

    python -I -S kg/serve_wait.py GRACE PID [PID ...]

`kg serve` imports the whole server (Flask, pyoxigraph, the app) before it forks the
web processes, so that they share those pages; after the fork it only waits for them.
Waiting in that interpreter kept 26-29 MB of PSS (13-15 MB of it private: the pages the
web processes' writes had copied); `kg serve` therefore replaces itself with this file
(`os.execv`: the same pid, so the same parent of the web processes, the fork server and
the resource tracker, and the same process whatever started `kg serve` signals), run by
an interpreter without site-packages that imports only the standard library.

Nothing here may import `kg` or a third-party package: that is the memory saved.
`kg.serve` imports `wait_for` from here when the exec fails, and waits in-process.
"""

from __future__ import annotations

import glob
import os
import signal
import sys

# prometheus_client's gauges of the live processes (multiprocess mode, "live*" modes).
_LIVE_GAUGES = ("liveall", "livemin", "livemax", "livesum", "livemostrecent")


def wait_for(children: set[int], grace: int) -> int:
    """Wait for the web processes `children`: SIGTERM or SIGINT here stops them all
    (SIGKILL after `grace` seconds), and if one of them ends the others are stopped too.
    Returns the exit code of `kg serve`: 0 when stopped, 1 when a web process ended on
    its own (for whatever runs it to restart). Other children (the fork server and the
    resource tracker) are reaped as they end."""
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            signal.alarm(grace)  # then `kill`
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def kill(_signum: int, _frame: object) -> None:
        for pid in children:  # stuck in its stop: not left behind
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGALRM, kill)
    # `kg serve` blocked these before its exec, so that one sent meanwhile waited for
    # the handlers above: delivered now.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    code = 0
    while children:
        try:
            pid, status = os.wait()  # signals run their handler, then the wait goes on
        except ChildProcessError:
            break
        if pid not in children:
            continue
        children.discard(pid)
        forget_metrics(pid)
        if not stopping:  # a web process ended on its own: stop the others, say so
            print(
                f"kg serve: web process {pid} ended ({describe(status)}); stopping",
                file=sys.stderr,
                flush=True,
            )
            code = 1
            stop(signal.SIGTERM, None)
    return code


def describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def forget_metrics(pid: int) -> None:
    """An ended process's live gauges are dropped from the multiprocess folder (what
    prometheus_client.multiprocess.mark_process_dead does)."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not path:
        return
    for mode in _LIVE_GAUGES:
        for name in glob.glob(os.path.join(path, f"gauge_{mode}_{pid}.db")):
            try:
                os.remove(name)
            except OSError:
                pass


def main(argv: list[str]) -> int:
    grace, *pids = (int(arg) for arg in argv)
    return wait_for(set(pids), grace)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
