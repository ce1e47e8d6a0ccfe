"""`kg serve`: build when the store is missing or stale, then serve (server/httpd.py)."""

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


def serve(config: Config, *, rebuild: bool = True) -> int:
    """Build if needed, then serve in this process (server/httpd.py: one web process,
    `NEWSGRAPH_THREADS` request threads, the query processes behind them)."""
    if config.update_enabled and not config.admin_token:
        raise ValueError("NEWSGRAPH_UPDATE needs NEWSGRAPH_ADMIN_TOKEN (the bearer token)")
    check_port(config.host, config.port)
    if rebuild and store_is_stale(config):
        from kg.build import build

        build(config, progress=_build_quietly)

    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_metrics_dir(config)))
    from kg.server import httpd
    from kg.server.app import create_app

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
