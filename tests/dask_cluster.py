"""A real local Dask cluster for tests and benchmarks: one `dask scheduler` and N
`dask worker` processes on free loopback ports, from this virtual environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalDaskCluster:
    def __init__(self, workers: int, log_dir: Path) -> None:
        self.workers = workers
        self.log_dir = log_dir
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []

    def _start(self, args: list[str], name: str) -> None:
        log = open(self.log_dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        self.procs.append(
            subprocess.Popen(
                [str(BIN / "dask"), *args], stdout=log, stderr=subprocess.STDOUT, env=env
            )
        )

    def __enter__(self) -> LocalDaskCluster:
        self._start(
            ["scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"],
            "scheduler",
        )
        for i in range(self.workers):
            self._start(
                [
                    "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                    "--host", "127.0.0.1", "--no-dashboard", "--name", f"w{i}",
                    "--memory-limit", "0",
                ],
                f"worker-{i}",
            )  # fmt: skip
        from distributed import Client

        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with Client(self.address, timeout="5s") as client:
                    if len(client.scheduler_info()["workers"]) >= self.workers:
                        return self
            except OSError:
                pass
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"the Dask cluster did not come up; see {self.log_dir}")

    def __exit__(self, *exc: object) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
