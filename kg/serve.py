"""`kg serve`: build when the store is missing or stale, then serve (server/httpd.py)."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import socket
import sys
import threading
from pathlib import Path

from kg.config import Config
from kg.documents import find_documents
from kg.store import StoreMissing, current_build, remote_manifest_path


def store_is_stale(config: Config) -> bool:
    """True when there is no build, or a source file is newer than the current build."""
    try:
        if config.remote_store:
            built = remote_manifest_path(config).stat().st_mtime
        else:
            built = (current_build(config) / "build.json").stat().st_mtime
    except (StoreMissing, FileNotFoundError):
        return True
    sources = find_documents([Path(s) for s in config.sources if Path(s).exists()])
    return any(p.stat().st_mtime > built for p in sources)


def _metrics_dir(config: Config) -> Path:
    """A fresh folder for prometheus_client's per-process files (multiprocess mode).

    Must be set before prometheus_client is first imported, so /metrics in any
    gunicorn worker adds up the counts of all of them.
    """
    from kg.executor import pid_alive

    path = Path(config.data_dir).resolve() / "run" / f"metrics-{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    for old in path.parent.glob("metrics-*"):
        if old != path and not pid_alive(int(old.name.split("-")[1])):
            shutil.rmtree(old, ignore_errors=True)
    return path


class PortTaken(OSError):
    """The address to serve on is in use: said in one line, before anything starts."""


def check_port(host: str, port: int) -> None:
    """Bind the address once (as the server will, with SO_REUSEADDR) and let it go.

    Without this, a taken port showed "serving at …" and then seconds of server
    retries and tracebacks that never named the setting to change.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            what = "is taken" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc})"
            raise PortTaken(
                f"port {port} on {host} {what}: set NEWSGRAPH_PORT (or --port) to a free port"
            ) from None


def _build_quietly(message: str) -> None:
    """Before serving, only what matters: skipped documents and the final count."""
    if message.startswith("built ") or "skipped" in message:
        print(message, file=sys.stderr, flush=True)


def may_fork(config: Config) -> bool:
    """Whether `kg serve` may fork web processes or a fork server from itself: not where
    SPARQL Update is on (a process opens the store for writing, which only one may, and
    an update must drop the caches of the process that answers next, and its queries run
    on threads) nor where a single thread is not guaranteed at the fork (a build left
    threads behind)."""
    return not config.update_enabled and threading.active_count() == 1


def web_processes(config: Config) -> int:
    """How many web processes serve: `NEWSGRAPH_WEB_PROCESSES`, but one where `kg serve`
    may not fork (`may_fork`)."""
    return max(config.web_processes, 1) if may_fork(config) else 1


def serve(config: Config, *, rebuild: bool = True) -> int:
    """Build if needed, then serve (server/httpd.py: `NEWSGRAPH_WEB_PROCESSES` web
    processes, each with `NEWSGRAPH_THREADS` request threads and its query processes)."""
    if config.update_enabled and not config.admin_token:
        raise ValueError("NEWSGRAPH_UPDATE needs NEWSGRAPH_ADMIN_TOKEN (the bearer token)")
    check_port(config.host, config.port)
    if rebuild and store_is_stale(config):
        from kg.build import build

        build(config, progress=_build_quietly)

    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_metrics_dir(config)))
    from kg.server import httpd
    from kg.server.app import create_app

    processes = web_processes(config)
    if processes > 1:
        return _supervise(config, processes)
    if may_fork(config):
        from kg.executor import start_fork_server

        start_fork_server()  # forked from these imports: its pages shared with this process
    app = create_app(config)
    warm = getattr(app.extensions.get("newsgraph.executor"), "warm", None)
    if warm is not None:
        warm()  # query processes start now, not on the first request
    print(
        f"newsgraph serving at http://{config.host}:{config.port}/ "
        f"(SPARQL endpoint http://{config.host}:{config.port}/sparql)",
        file=sys.stderr,
        flush=True,
    )
    httpd.serve(app, config)
    return 0


PR_SET_PDEATHSIG = 1
# Seconds the web processes have to stop (their query processes with them) after
# SIGTERM before they are killed.
STOP_GRACE = 20


def share_pool(config: Config, processes: int) -> Config:
    """One web process's share of the query processes: each lane's size and the warm
    count divided among `processes` (rounded up, so each keeps at least one per lane).

    Why: every web process has a pool of its own, and `NEWSGRAPH_QUERY_PROCESSES` and
    `NEWSGRAPH_LIGHT_PROCESSES` bound how many queries run at once, and with them the
    memory (`NEWSGRAPH_QUERY_MEMORY` each), for the server, not per web process."""

    def share(n: int) -> int:
        return -(-n // processes) if n > 0 else n

    return config.replace(
        query_processes=share(config.query_processes),
        light_processes=share(config.light_processes),
        warm_processes=share(config.warm_processes),
    )


def _die_with_parent() -> None:
    """Linux: this process gets SIGTERM when the process that forked it ends, even by
    SIGKILL, so a web process (and through its clean stop, its query processes) is not
    left serving on its own."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _supervise(config: Config, processes: int) -> int:
    """Serve from `processes` web processes forked from this one, on one listening socket.

    Why: a lookup is answered on its web process's loop, one thread, so one process
    uses at most one core (RESULTS.md section 7, "A second web process"). This process
    binds the address, forks the web processes (before any of them opens a store or
    starts a thread; the imports above are shared with them), then only waits: SIGTERM
    or SIGINT here stops them all, and if one of them ends the others are stopped too
    and `kg serve` exits, for whatever runs it to restart. Each web process has its own
    query processes, rate limits are counted in the data folder's SQLite file, metrics
    in the one multiprocess folder, connections per client in `ConnectionBook`. One
    fork server (and resource tracker) started here forks the query processes of all
    of them (`kg.executor.start_fork_server`).
    """
    from kg.executor import let_go_of_fork_server, share_fork_server, start_fork_server
    from kg.server import httpd
    from kg.server.app import create_app

    # First: forked from this process, the fork server must not hold the listening
    # socket or the connection book (no thread is started).
    fork_server = start_fork_server()
    sock = httpd.listening_socket(config)
    book = httpd.ConnectionBook(processes)
    parent = os.getpid()
    children: dict[int, int] = {}
    for row in range(processes):
        pid = os.fork()
        if pid == 0:
            _die_with_parent()
            if os.getppid() != parent:  # the parent ended before the line above
                os._exit(1)
            book.row = row
            share_fork_server(fork_server)
            app = create_app(share_pool(config, processes))
            warm = getattr(app.extensions.get("newsgraph.executor"), "warm", None)
            if warm is not None:
                warm()
            try:
                httpd.serve(app, config, sock=sock, book=book)
            except KeyboardInterrupt:  # Ctrl-C reaches every process of the group
                pass
            return 0
        children[pid] = row
    sock.close()
    let_go_of_fork_server()
    print(
        f"newsgraph serving at http://{config.host}:{config.port}/ "
        f"(SPARQL endpoint http://{config.host}:{config.port}/sparql;"
        f" {processes} web processes)",
        file=sys.stderr,
        flush=True,
    )
    return _wait(set(children))


def _wait(children: set[int]) -> int:
    """Become kg/serve_wait.py, which waits for the web processes (`os.execv`: the same
    pid; this interpreter's 26-29 MB PSS, 13-15 MB of it private, traded for about 6 MB);
    if the exec fails, wait here."""
    from kg import serve_wait

    # A SIGTERM sent before the waiter's handlers are set waits for them (the mask
    # survives the exec); the waiter unblocks both.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    sys.stdout.flush()
    sys.stderr.flush()
    args = ["-I", "-S", serve_wait.__file__, str(STOP_GRACE), *map(str, sorted(children))]
    try:
        os.execv(sys.executable, [sys.executable, *args])
    except OSError as exc:
        print(f"kg serve: waiting in process ({exc})", file=sys.stderr, flush=True)
    return serve_wait.wait_for(children, STOP_GRACE)
