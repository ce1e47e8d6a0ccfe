"""Every attack of issue #14, replayed against the real server (benchmarks/redteam.py).

Each attack of the red-team catalogue is one test here and must hold. Left out: the
attacks whose verdict is a latency figure (they run in the script, whose counts are in
docs/limits.md), and those another test file replays in more detail (named in the
catalogue: slow clients, concurrent builds and the cache, the corpus reader, the UI
in Chromium).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.redteam import (
    ADMIN_TOKEN,
    ATTACKS,
    SERVER_ENV,
    Context,
    Listener,
    Server,
    run_attack,
)
from tests.conftest import start_server, stop_server
from tests.test_limits_server import copy_data

CASES = [a for a in ATTACKS if not a.timed and not a.covered_by]


@pytest.fixture(scope="module")
def ctx(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("redteam")
    main = start_server(copy_data(built_data_dir, root / "var"), **SERVER_ENV)
    writable = start_server(
        copy_data(built_data_dir, root / "var-writable"),
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=ADMIN_TOKEN,
        **SERVER_ENV,
    )
    listener = Listener()
    scratch = root / "scratch"
    scratch.mkdir()
    try:
        yield Context(
            Server(main.url, main.port, main.proc.pid, main.data_dir),
            Server(writable.url, writable.port, writable.proc.pid, writable.data_dir),
            listener,
            scratch,
        )
    finally:
        listener.close()
        stop_server(main)
        stop_server(writable)
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_catalogue_covers_every_area() -> None:
    assert {a.area for a in ATTACKS} == {"ssrf", "slow", "build", "ui", "bounds", "update", "fair"}
    for a in ATTACKS:
        if a.covered_by:
            assert (Path(__file__).parent.parent / a.covered_by).exists(), a.covered_by


@pytest.mark.parametrize("attack", CASES, ids=[f"{a.area}: {a.name}" for a in CASES])
def test_attack_is_held(ctx: Context, attack) -> None:
    result = run_attack(attack, ctx)
    assert result.held, result.detail
