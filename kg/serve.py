"""`kg serve`: build when the store is missing or stale, then serve (server/httpd.py)."""

from __future__ import annotations

import os
import shutil
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


def serve(config: Config, *, rebuild: bool = True) -> int:
    """Build if needed, then serve in this process (server/httpd.py: one web process,
    `NEWSGRAPH_THREADS` request threads, the query processes behind them)."""
    if config.update_enabled and not config.admin_token:
        raise ValueError("NEWSGRAPH_UPDATE needs NEWSGRAPH_ADMIN_TOKEN (the bearer token)")
    if rebuild and store_is_stale(config):
        from kg.build import build

        build(config)

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
