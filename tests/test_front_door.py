"""The first run as a newcomer sees it: a few lines, then "serving at"; a taken port in
one line naming the setting to change, before anything is built or started."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.redteam import web_children
from tests.conftest import ROOT, free_port, kg_env

MAX_LINES_BEFORE_SERVING = 3


def test_setup_again_prints_nothing() -> None:
    proc = subprocess.run(
        ["bash", "scripts/setup.sh"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == "", proc.stdout + proc.stderr


def test_first_serve_prints_a_few_lines_then_serving_at(tmp_path: Path) -> None:
    port = free_port()
    env = kg_env(tmp_path / "var", NEWSGRAPH_PORT=str(port), NEWSGRAPH_WORKERS="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if "serving at" in line:
                break
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert any("serving at" in line for line in lines), lines
    before = lines[: next(i for i, line in enumerate(lines) if "serving at" in line)]
    assert len(before) <= MAX_LINES_BEFORE_SERVING, before
    assert any(line.startswith("built 5 documents") for line in before), before


def test_taken_port_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = kg_env(tmp_path / "var", NEWSGRAPH_PORT=str(port))
        proc = subprocess.run(  # the timeout is a guard against a hang, not a speed claim
            [sys.executable, "-m", "kg.cli", "serve"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2
    out = (proc.stdout + proc.stderr).strip().splitlines()
    assert len(out) == 1, out
    assert f"port {port}" in out[0] and "NEWSGRAPH_PORT" in out[0], out
    assert not (tmp_path / "var").exists(), "nothing is built before the port is checked"


def test_serving_a_built_store_loads_no_nlp_pipeline(live_server) -> None:  # noqa: ANN001
    """`kg serve --no-build` reads no text: spaCy, thinc and numpy (about 90 MB of the
    web process, measured in benchmarks/RESULTS.md section 7) stay out of it."""
    webs = [live_server.proc.pid, *web_children(live_server.proc.pid)]
    assert len(webs) > 1  # the web processes forked by `kg serve`, checked too
    maps = "".join(Path(f"/proc/{pid}/maps").read_text() for pid in webs)
    loaded = {name for name in ("/spacy/", "/thinc/", "/blis/") if name in maps}
    assert not loaded, f"the web process mapped {sorted(loaded)}"
