"""A private Virtuoso Open Source server: for tests, benchmarks, and as the analytics store.

Debian's `virtuoso-t` runs as an ordinary process once its ini file points every
database and log path into a private folder and its two ports (ISQL and HTTP) at free
loopback ports, so each test session gets an empty store that nothing else shares
(see /work/shared/notes/engine-facts.md, "Other engines").

SPARQL Update and the Graph Store Protocol are reached on the digest-authenticated
endpoints `/sparql-auth` and `/sparql-graph-crud-auth` with Virtuoso's default
administrator `dba`/`dba`, which is what a real deployment does too (with its own
password); the anonymous `/sparql` endpoint is read-only.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BINARY = "virtuoso-t"
USER = "dba"
PASSWORD = "dba"  # noqa: S105 - Virtuoso's documented default, on a private loopback instance


class VirtuosoMissing(RuntimeError):
    """virtuoso-t or its default ini is not installed (Debian: virtuoso-opensource)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def available() -> str | None:
    """None when Virtuoso can be started here, else the reason it cannot."""
    if shutil.which(BINARY) is None:
        return f"{BINARY} not found (apt-get install virtuoso-opensource)"
    if not SYSTEM_INI.exists():
        return f"{SYSTEM_INI} not found (apt-get install virtuoso-opensource)"
    return None


def write_ini(
    folder: Path,
    isql_port: int,
    http_port: int,
    max_rows: int = 10_000_000,
    dirs_allowed: tuple[str, ...] = (),
) -> Path:
    """Copy the system ini with paths and ports changed; other settings stay Debian's.

    A line-based rewrite because the file repeats keys, which configparser refuses.
    `ResultSetMaxRows` is raised from Debian's 10,000: Virtuoso silently truncates
    larger results to it, which would make counts and CONSTRUCT dumps wrong.
    """
    section = ""
    out: list[str] = []
    db = folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    paths = {
        ("Database", "DatabaseFile"): db / "virtuoso.db",
        ("Database", "ErrorLogFile"): db / "virtuoso.log",
        ("Database", "LockFile"): db / "virtuoso.lck",
        ("Database", "TransactionFile"): db / "virtuoso.trx",
        ("Database", "xa_persistent_file"): db / "virtuoso.pxa",
        ("TempDatabase", "DatabaseFile"): db / "virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): db / "virtuoso-temp.trx",
    }
    values: dict[tuple[str, str], str] = {k: str(v) for k, v in paths.items()}
    values[("Parameters", "ServerPort")] = f"127.0.0.1:{isql_port}"
    values[("HTTPServer", "ServerPort")] = f"127.0.0.1:{http_port}"
    values[("URIQA", "DefaultHost")] = f"localhost:{http_port}"
    values[("SPARQL", "ResultSetMaxRows")] = str(max_rows)
    values[("Parameters", "NumberOfBuffers")] = "170000"  # ~1.3 GB of page cache
    values[("Parameters", "MaxDirtyBuffers")] = "130000"
    if dirs_allowed:  # folders the bulk loader (ld_dir) may read
        values[("Parameters", "DirsAllowed")] = ", ".join((".", *dirs_allowed))
    for line in SYSTEM_INI.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\[(.+)\]\s*$", line)
        if m:
            section = m.group(1).strip()
        else:
            kv = re.match(r"^(\w+)\s*=", line)
            if kv and (section, kv.group(1)) in values:
                line = f"{kv.group(1)} = {values[(section, kv.group(1))]}"
        out.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(out) + "\n", encoding="utf-8")
    return ini


@dataclass
class Virtuoso:
    """A running instance; `stop()` ends it (the process is ours, killed by its pid)."""

    folder: Path
    proc: subprocess.Popen
    isql_port: int
    http_port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def sparql_auth(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def gsp_auth(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def env(self) -> dict[str, str]:
        """The NEWSGRAPH_* settings that point newsgraph at this instance."""
        return {
            "NEWSGRAPH_REMOTE_STORE": self.sparql,
            "NEWSGRAPH_REMOTE_UPDATE": self.sparql_auth,
            "NEWSGRAPH_REMOTE_GSP": self.gsp_auth,
            "NEWSGRAPH_REMOTE_USER": USER,
            "NEWSGRAPH_REMOTE_PASSWORD": PASSWORD,
        }

    def isql(self, sql: str) -> str:
        """Run SQL through Debian's `isql-vt` on the ISQL port (e.g. grants)."""
        proc = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.isql_port}", USER, PASSWORD, f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"isql failed: {proc.stdout}\n{proc.stderr}")
        return proc.stdout

    def log(self) -> str:
        path = self.folder / "db" / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start(
    folder: Path,
    timeout: float = 120,
    *,
    ports: tuple[int, int] | None = None,
    dirs_allowed: tuple[str, ...] = (),
    detach: bool = False,
) -> Virtuoso:
    """Start virtuoso-t in `folder` (on free loopback ports unless `ports` = (isql, http)
    are given); return once /sparql answers. `detach`: its own session, so it outlives
    the caller (scripts/setup.sh --virtuoso)."""
    reason = available()
    if reason is not None:
        raise VirtuosoMissing(reason)
    folder.mkdir(parents=True, exist_ok=True)
    if ports is not None:
        isql_port, http_port = ports
    else:
        isql_port, http_port = _free_port(), _free_port()
        while http_port == isql_port:
            http_port = _free_port()
    ini = write_ini(folder, isql_port, http_port, dirs_allowed=dirs_allowed)
    out = open(folder / "virtuoso.stdout", "w")  # noqa: SIM115 - lives as long as the process
    proc = subprocess.Popen(
        [BINARY, "-f", "-c", str(ini)],
        cwd=folder,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        start_new_session=detach,
    )
    server = Virtuoso(folder, proc, isql_port, http_port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {proc.returncode}:\n{server.log()[-4000:]}")
        try:
            r = requests.get(
                server.sparql,
                params={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+json"},
                timeout=5,
            )
            if r.ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"virtuoso-t did not answer in {timeout:.0f} s:\n{server.log()[-4000:]}")


def bulk_load(server: Virtuoso, path: Path, graph: str = "urn:newsgraph:bulk") -> None:
    """Load an N-Quads (or N-Triples into `graph`) file with Virtuoso's bulk loader:
    the fastest way in (its folder must be in `dirs_allowed`)."""
    folder = str(path.resolve().parent)
    server.isql(f"ld_dir('{folder}', '{path.name}', '{graph}');")
    server.isql("rdf_loader_run();")
    server.isql("checkpoint;")


INSTANCE_FILE = "instance.json"


def instance_settings(folder: Path) -> dict[str, str]:
    """The NEWSGRAPH_REMOTE_* settings of the instance `scripts/setup.sh --virtuoso`
    started in `folder` (recorded there), or {} if there is none."""
    import json

    try:
        data = json.loads((folder / INSTANCE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items() if k.startswith("NEWSGRAPH_REMOTE_")}


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.virtuoso start|stop|status FOLDER [--port HTTP --isql-port ISQL]`.

    `start` runs a private virtuoso-t in FOLDER (its database, log and ini), detached,
    and records its endpoints in FOLDER/instance.json, which `NEWSGRAPH_STORE=virtuoso`
    reads; `stop` ends it (the pid it recorded). Idempotent: start on a running
    instance only reports it.
    """
    import argparse
    import json
    import signal

    parser = argparse.ArgumentParser(prog="python -m kg.virtuoso")
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=8890)
    parser.add_argument("--isql-port", type=int, default=1111)
    args = parser.parse_args(argv)
    folder: Path = args.folder.resolve()
    record = folder / INSTANCE_FILE
    running = None
    if record.exists():
        data = json.loads(record.read_text(encoding="utf-8"))
        try:
            os.kill(int(data["pid"]), 0)
            running = data
        except (ProcessLookupError, KeyError, ValueError):
            running = None
    if args.action == "status":
        print(json.dumps(running or {"running": False}, indent=2))
        return 0 if running else 1
    if args.action == "stop":
        if running:
            os.kill(int(running["pid"]), signal.SIGTERM)
            print(f"stopped virtuoso-t (pid {running['pid']})")
        record.unlink(missing_ok=True)
        return 0
    if running:
        print(f"virtuoso-t already running: {running['NEWSGRAPH_REMOTE_STORE']}")
        return 0
    server = start(folder, ports=(args.isql_port, args.port), detach=True)
    data = {"pid": server.proc.pid, **server.env()}
    record.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"virtuoso-t running (pid {server.proc.pid}): {server.sparql}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
