"""`kg serve`: build when the store is missing or stale, then serve with gunicorn."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sys
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
    path = Path(config.data_dir).resolve() / "run" / f"metrics-{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    for old in path.parent.glob("metrics-*"):
        if old != path and not _pid_alive(int(old.name.split("-")[1])):
            shutil.rmtree(old, ignore_errors=True)
    return path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PortTaken(OSError):
    """The address to serve on is in use: said in one line, before anything starts."""


def check_port(host: str, port: int) -> None:
    """Bind the address once (as gunicorn will, with SO_REUSEADDR) and let it go.

    Without this, a taken port showed "serving at …" and then five seconds of
    gunicorn retries that never name the setting to change.
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


def serve(config: Config, *, rebuild: bool = True) -> int:
    from gunicorn.app.base import BaseApplication

    check_port(config.host, config.port)

    if config.update_enabled:
        if not config.admin_token:
            raise ValueError("NEWSGRAPH_UPDATE needs NEWSGRAPH_ADMIN_TOKEN (the bearer token)")
        if config.workers != 1:
            # The store is opened writable, and only one process may hold it: a second
            # worker would fail to open it (lock) or serve a stale copy.
            print(
                f"kg serve: SPARQL Update enabled: running 1 worker process, not {config.workers}",
                file=sys.stderr,
                flush=True,
            )
            config = config.replace(workers=1)
    if rebuild and store_is_stale(config):
        from kg.build import build

        build(config, progress=_build_quietly)

    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_metrics_dir(config)))
    from kg.server.app import create_app

    app = create_app(config)

    def post_worker_init(_worker) -> None:
        warm = getattr(app.extensions.get("newsgraph.executor"), "warm", None)
        if warm is not None:
            warm()  # query processes start now, not on the first request

    def child_exit(_server, worker) -> None:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

    class _App(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{config.host}:{config.port}")
            self.cfg.set("workers", config.workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", config.threads)
            self.cfg.set("timeout", int(config.query_timeout) + 30)
            self.cfg.set("accesslog", "-")
            self.cfg.set("limit_request_line", 0)  # long GET queries (SERVICE callers send them)
            self.cfg.set("child_exit", child_exit)
            self.cfg.set("post_worker_init", post_worker_init)

        def load(self):
            return app

    print(
        f"newsgraph serving at http://{config.host}:{config.port}/ "
        f"(SPARQL endpoint http://{config.host}:{config.port}/sparql)",
        file=sys.stderr,
        flush=True,
    )
    _App().run()
    return 0
