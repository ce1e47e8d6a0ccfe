"""Shared fixtures: a real build of seeds/ and a real server on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from kg.documents import read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DOC_PATHS = (
    sorted(SEEDS.glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "devdocs").glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "tuned").glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "invented").glob("*.txt"))
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kg_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["NEWSGRAPH_DATA_DIR"] = str(data_dir)
    env["NEWSGRAPH_SOURCES"] = str(SEEDS)
    env.update(extra)
    return env


def run_kg(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a completed build of the seeds, made by the real CLI."""
    data_dir = tmp_path_factory.mktemp("var")
    proc = run_kg("build", str(SEEDS), env=kg_env(data_dir))
    assert proc.returncode == 0, proc.stderr
    return data_dir


class LiveServer:
    def __init__(self, proc: subprocess.Popen, port: int, data_dir: Path) -> None:
        self.proc = proc
        self.port = port
        self.data_dir = data_dir
        self.url = f"http://127.0.0.1:{port}"
        self.sparql = f"{self.url}/sparql"


def start_server(data_dir: Path, port: int | None = None, **env_extra: str) -> LiveServer:
    """Start `kg serve` on a free port (or `port`) and wait until it answers."""
    port = port or free_port()
    env = kg_env(data_dir, NEWSGRAPH_PORT=str(port), NEWSGRAPH_WORKERS="2", **env_extra)
    log = open(data_dir / f"server-{port}.log", "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    server = LiveServer(proc, port, data_dir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((data_dir / f"server-{port}.log").read_text())
        try:
            if requests.get(server.sparql, params={"query": "ASK {}"}, timeout=2).ok:
                return server
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or still starting its query processes
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start in 60 s")


def stop_server(server: LiveServer) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session")
def live_server(built_data_dir: Path):
    server = start_server(built_data_dir)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def all_docs():
    """Every seed and development document, read as the build reads them."""
    return [read_document(p) for p in DOC_PATHS]


@pytest.fixture(scope="session")
def all_graphs(all_docs):
    """Each document's extracted graph, keyed by document IRI."""
    from kg.extract import extract_document

    return {d.iri("https://w3id.org/newsgraph/id/"): (d, extract_document(d)) for d in all_docs}


# Fixtures of the endpoint / Linked Data / UI tests (sample dataset, real servers).
pytest_plugins = ["tests.protocol_fixtures"]
