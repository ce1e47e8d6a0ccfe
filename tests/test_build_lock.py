"""Concurrent builds queue behind one lock; a damaged cache entry is re-extracted, not trusted."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from kg.build import read_cache
from kg.config import Config
from kg.store import build_lock, current_build
from tests.conftest import ROOT, SEEDS, kg_env, run_kg


def _start_build(data: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(SEEDS), *extra],
        env=kg_env(data),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_builds_queue_and_the_pointer_always_names_a_store(tmp_path: Path) -> None:
    data = tmp_path / "var"
    assert run_kg("build", str(SEEDS), env=kg_env(data)).returncode == 0
    config = Config(data_dir=data)
    broken: list[str] = []
    stop = threading.Event()

    def watch() -> None:  # what a server does on every request: resolve CURRENT
        while not stop.is_set():
            try:
                if not (current_build(config) / "db").is_dir():
                    broken.append("CURRENT names a store without its database")
            except FileNotFoundError as exc:
                broken.append(str(exc))
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            builds = [_start_build(data) for _ in range(3)]
            outs = [b.communicate(timeout=600) for b in builds]
            for b, (_out, err) in zip(builds, outs, strict=True):
                assert b.returncode == 0, err
            assert any("waiting for it to finish" in err for _out, err in outs), outs
    finally:
        stop.set()
        watcher.join()
    assert not broken, broken[:3]
    stores = [p for p in (data / "stores").iterdir() if p.is_dir()]
    assert all((p / "build.json").exists() for p in stores)  # no half-built leftovers
    assert not list(data.glob("*.tmp")) and not list(data.glob(".*.tmp"))


def test_no_wait_refuses_with_a_message_while_a_build_runs(tmp_path: Path) -> None:
    data = tmp_path / "var"
    config = Config(data_dir=data)
    with build_lock(config):
        proc = run_kg("build", "--no-wait", str(SEEDS), env=kg_env(data))
    assert proc.returncode == 2
    assert "another build is running" in proc.stderr and "--no-wait" in proc.stderr
    assert not (data / "CURRENT").exists()


def test_damaged_cache_entries_are_extracted_again_with_a_warning(tmp_path: Path) -> None:
    data = tmp_path / "var"
    first = run_kg("build", str(SEEDS), env=kg_env(data))
    assert first.returncode == 0, first.stderr
    triples = json.loads((current_build(Config(data_dir=data)) / "build.json").read_text())[
        "triples"
    ]
    entries = sorted(p for p in (data / "cache").rglob("*") if p.is_file())
    assert len(entries) >= 3
    entries[0].write_bytes(b"")  # a 0-byte entry
    raw = entries[1].read_bytes()
    entries[1].write_bytes(raw[: len(raw) // 2])  # truncated
    raw = bytearray(entries[2].read_bytes())
    raw[-20] = ord("X") if raw[-20] != ord("X") else ord("Y")  # one byte altered
    entries[2].write_bytes(bytes(raw))

    again = run_kg("build", str(SEEDS), env=kg_env(data))
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("is unusable") == 3, again.stderr
    assert "empty file" in again.stderr and "checksum mismatch" in again.stderr
    manifest = json.loads((current_build(Config(data_dir=data)) / "build.json").read_text())
    assert manifest["triples"] == triples
    assert len(manifest["cache_repaired"]) == 3
    for entry in entries[:3]:
        assert read_cache(entry).triples  # rewritten whole

    third = run_kg("build", str(SEEDS), env=kg_env(data))
    assert "is unusable" not in third.stderr
    assert json.loads((current_build(Config(data_dir=data)) / "build.json").read_text())[
        "cached"
    ] == len(manifest["documents"])
