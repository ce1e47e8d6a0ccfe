"""Atomic, incremental builds: a killed build changes nothing; a new document is extracted alone."""

from __future__ import annotations

import json
import random
import shutil
import signal
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


def _assert_gone(pids: list[int], wait: float = 10.0) -> None:
    deadline = time.monotonic() + wait
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and not _zombie(p)]
        time.sleep(0.1)
    assert not alive, f"processes of a killed build still running: {alive}"


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return False


def pointer(data: Path) -> str:
    return (data / "CURRENT").read_text(encoding="utf-8")


@pytest.mark.slow
def test_killed_builds_leave_the_served_graph_unchanged(built_data_dir: Path, tmp_path: Path):
    data = copy_data(built_data_dir, tmp_path / "var")
    corpus = tmp_path / "corpus"
    make_corpus(corpus, extra=400)
    server = start_server(data, NEWSGRAPH_QUERY_PROCESSES="1", NEWSGRAPH_RATE_LIMIT="0")
    try:
        original = count(server)
        before, served = original, pointer(data)
        rng = random.Random(20261123)
        delays = [0.05, 0.3, 0.6, 0.9, 1.2, 1.5] + [rng.uniform(0.05, 2.0) for _ in range(4)]
        kills = 0
        for delay in delays:
            shutil.rmtree(data / "cache", ignore_errors=True)  # every attempt extracts again
            proc = subprocess.Popen(
                [sys.executable, "-m", "kg.cli", "build", str(corpus)],
                env=kg_env(data),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            children = _children(proc.pid)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            _assert_gone(children)  # its extraction workers do not outlive it
            if pointer(data) != served:
                # It got past the swap before the kill: the new build must be whole and
                # served; it becomes the graph the next attempts must not disturb.
                assert (data / "stores" / pointer(data).strip() / "build.json").exists()
                before, served = count(server), pointer(data)
                assert before > original
                continue
            kills += 1
            assert count(server) == before
        assert kills >= 4, f"only {kills} builds were killed before their swap"

        # A build that completes is served, and the killed ones' leftovers are pruned.
        done = run_kg("build", str(corpus), env=kg_env(data))
        assert done.returncode == 0, done.stderr
        assert (data / "stores" / pointer(data).strip() / "build.json").exists()
        assert count(server) > original
        current = pointer(data).strip()
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
