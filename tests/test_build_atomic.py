"""Atomic, incremental builds: a killed build changes nothing; a new document is extracted alone."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, kg_env, run_kg, start_server, stop_server
from tests.test_limits_server import copy_data, count

WORDS = (
    "Almaty Kazakhstan Russia Turkey CSTO minister said meeting peacekeepers January troops"
    " the of and in on by Tokayev Putin Lukashenko statement deployment"
).split()


def make_corpus(folder: Path, extra: int, seed: int = 1) -> None:
    folder.mkdir(parents=True)
    for f in SEEDS.iterdir():
        shutil.copy(f, folder / f.name)
    rng = random.Random(seed)
    for i in range(extra):
        text = " ".join(rng.choice(WORDS) for _ in range(300))
        (folder / f"gen{i:04d}.txt").write_text(f"Report {i}.\n{text}\n", encoding="utf-8")


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


def _assert_gone(pids: list[int], ceiling: float = 60.0) -> None:
    """Wait until `pids` have exited (polling their state; `ceiling` is never the point)."""
    deadline = time.monotonic() + ceiling
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and not _zombie(p)]
        if alive:
            time.sleep(0.1)
    assert not alive, f"processes of a killed build still running: {alive}"


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return False


def pointer(data: Path) -> str:
    return (data / "CURRENT").read_text(encoding="utf-8")


def paused_build(data: Path, corpus: Path, point: str) -> subprocess.Popen:
    """A real build, stopped at `point` by tests/build_driver.py (it says when it is there)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.build_driver", point, str(corpus)],
        env=kg_env(data),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()  # blocks until the build reaches `point`
    if line != f"paused {point}":
        proc.kill()
        proc.wait()
        pytest.fail(f"the build did not pause at {point}: {line!r}")
    return proc


# Where the build is killed: every phase before the swap must leave the served graph
# as it was; a kill after the swap leaves the new build whole and served.
BEFORE_SWAP = ("extracting", "loading", "committing", "swapping")


@pytest.mark.slow
def test_killed_builds_leave_the_served_graph_unchanged(built_data_dir: Path, tmp_path: Path):
    data = copy_data(built_data_dir, tmp_path / "var")
    corpus = tmp_path / "corpus"
    make_corpus(corpus, extra=40)  # over kg.build.PARALLEL_THRESHOLD: a worker pool
    server = start_server(data, NEWSGRAPH_QUERY_PROCESSES="1", NEWSGRAPH_RATE_LIMIT="0")
    try:
        original, served = count(server), pointer(data)
        for point in BEFORE_SWAP:
            if point == "extracting":
                shutil.rmtree(data / "cache", ignore_errors=True)  # the pool must run
            proc = paused_build(data, corpus, point)
            children = _children(proc.pid)
            if point == "extracting":
                assert children, "no extraction workers to outlive the build"
            proc.kill()
            proc.wait()
            _assert_gone(children)  # its extraction workers do not outlive it
            assert pointer(data) == served, point
            assert count(server) == original, point

        # Killed right after the swap: the new build is whole and served.
        proc = paused_build(data, corpus, "swapped")
        proc.kill()
        proc.wait()
        assert pointer(data) != served
        assert (data / "stores" / pointer(data).strip() / "build.json").exists()
        after_swap = count(server)
        assert after_swap > original

        # A build that completes is served, and the killed ones' leftovers are pruned.
        done = run_kg("build", str(corpus), env=kg_env(data))
        assert done.returncode == 0, done.stderr
        current = pointer(data).strip()
        assert (data / "stores" / current / "build.json").exists()
        assert count(server) == after_swap  # the same corpus, the same graph
        for build_dir in (data / "stores").iterdir():
            if build_dir.name < current:
                assert (build_dir / "build.json").exists(), f"incomplete {build_dir} left"
    finally:
        stop_server(server)


def test_rebuild_after_adding_one_document_extracts_only_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, extra=10)
    env = kg_env(tmp_path / "var")
    first = run_kg("build", str(corpus), env=env)
    assert first.returncode == 0, first.stderr
    assert "(15 extracted, 0 from cache" in first.stderr
    (corpus / "new.txt").write_text("Almaty, 12 January. Troops from Russia left.\n")
    second = run_kg("build", str(corpus), env=env)
    assert second.returncode == 0, second.stderr
    assert "built 16 documents (1 extracted, 15 from cache" in second.stderr
    current = (tmp_path / "var" / "CURRENT").read_text().strip()
    manifest = json.loads((tmp_path / "var" / "stores" / current / "build.json").read_text())
    assert manifest["extracted"] == 1 and manifest["cached"] == 15
    assert len(manifest["documents"]) == 16
