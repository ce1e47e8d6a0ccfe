"""A short load run on loopback: 8 clients for 5 s get no 5xx (no timing assertions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.load import run
from tests.conftest import start_server, stop_server
from tests.test_limits_server import copy_data


@pytest.mark.slow
def test_short_load_has_no_server_errors(built_data_dir: Path, tmp_path: Path) -> None:
    data = copy_data(built_data_dir, tmp_path / "var")
    server = start_server(data, NEWSGRAPH_RATE_LIMIT="0", NEWSGRAPH_THREADS="8")
    try:
        report = run(server.sparql, clients=8, duration=5)
    finally:
        stop_server(server)
    summary = report.summary()
    assert report.requests > 0
    assert report.server_errors == 0, summary
    assert not report.errors, summary
    assert set(summary["statuses"]) == {"200"}, summary
