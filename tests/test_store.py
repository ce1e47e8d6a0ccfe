"""kg.store in-process: what a commit makes visible, what a failed build leaves, what is pruned.

The killed-build test (test_build_atomic.py) proves the same through real processes;
these pin each step so a mutant of one line is caught without starting a build.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import store as st
from kg.config import Config

EX = "http://example.org/"


def quad(s: str, g: str | None) -> ox.Quad:
    graph = ox.NamedNode(EX + g) if g else ox.DefaultGraph()
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal("o"), graph)


def commit_one(config: Config, subjects: list[str], **kw) -> st.PendingBuild:
    pending = st.begin_build(config)
    pending.store.extend([quad(s, "g" + s) for s in subjects])
    pending.commit({"triples": len(subjects)}, **kw)
    return pending


def default_subjects(store: ox.Store) -> set[str]:
    return {
        q.subject.value.removeprefix(EX)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }


def test_no_build_yet_is_store_missing(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    with pytest.raises(st.StoreMissing, match="run `kg build`"):
        st.current_build(config)
    assert st.build_manifest(config) == {}
    (tmp_path / "CURRENT").write_text("gone\n", encoding="utf-8")
    with pytest.raises(st.StoreMissing, match="names gone, which is missing"):
        st.current_build(config)
    with pytest.raises(FileNotFoundError):  # StoreMissing is a FileNotFoundError for callers
        st.open_current(config)


def test_commit_makes_the_build_current_with_its_manifest(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    pending = commit_one(config, ["a", "b"])
    assert st.current_pointer(config).read_text(encoding="utf-8") == pending.name + "\n"
    assert st.current_build(config) == pending.path
    assert st.build_manifest(config) == {"triples": 2}
    assert not st.current_pointer(config).with_suffix(".tmp").exists()
    served = st.open_current(config)
    # the default graph is the union of the named graphs, materialised at commit
    assert default_subjects(served) == {"a", "b"}
    assert {q.graph_name.value for q in served.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)} == {EX + "ga", EX + "gb"}  # fmt: skip
    with pytest.raises(RuntimeError, match="read-write"):  # readers open it read-only
        served.add(quad("c", None))


def test_union_loaded_commit_keeps_the_callers_default_graph(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    pending = st.begin_build(config)
    pending.store.extend([quad("a", "ga"), quad("only-default", None)])
    pending.commit({}, union_loaded=True)
    assert default_subjects(st.open_current(config)) == {"only-default"}


def test_materialize_union_deduplicates_and_replaces(tmp_path: Path) -> None:
    store = ox.Store()
    store.extend([quad("a", "g1"), quad("a", "g2"), quad("b", "g2"), quad("stale", None)])
    for chunk in (1, 2, 200_000):  # a chunk boundary drops nothing
        st.materialize_union(store, chunk=chunk)
        assert default_subjects(store) == {"a", "b"}
        assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 2


def test_abort_removes_the_unfinished_build(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    served = commit_one(config, ["a"])
    pending = st.begin_build(config)
    assert pending.path.is_dir() and pending.path.parent == config.store_root
    assert pending.name != served.name
    pending.abort()
    assert not pending.path.exists()
    assert st.current_build(config) == served.path


def landed_long_ago(config: Config) -> None:
    """Every build's record dated well past the grace prune gives a replaced build."""
    then = time.time() - 10 * max(120.0, 2 * config.query_timeout)
    for p in config.store_root.iterdir():
        if (p / "build.json").exists():
            os.utime(p / "build.json", (then, then))


def test_prune_keeps_a_build_replaced_moments_ago(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    names = [commit_one(config, [f"s{i}"]).name for i in range(st.KEEP_BUILDS + 2)]
    # each was replaced just now: a query that opened it may still be running
    assert sorted(p.name for p in config.store_root.iterdir()) == names
    landed_long_ago(config)
    st.prune(config)
    assert sorted(p.name for p in config.store_root.iterdir()) == names[-st.KEEP_BUILDS :]


def test_prune_keeps_the_current_and_the_last_complete_builds(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    names = [commit_one(config, [f"s{i}"]).name for i in range(st.KEEP_BUILDS + 2)]
    landed_long_ago(config)
    st.prune(config)
    left = sorted(p.name for p in config.store_root.iterdir())
    assert left == names[-st.KEEP_BUILDS :]
    # A killed build older than the current one is removed; one started after it (a build
    # under way right now) is left alone.
    stale = config.store_root / (names[-1][:-1] + "!")  # sorts just before the current
    stale.mkdir()
    running = config.store_root / (names[-1] + "z")
    running.mkdir()
    st.prune(config)
    left = sorted(p.name for p in config.store_root.iterdir())
    assert left == sorted(names[-st.KEEP_BUILDS :] + [running.name])
    assert st.current_build(config).name == names[-1]


def test_prune_never_deletes_the_current_build(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    names = [f"2026010{i}T000000.000000000-1" for i in range(1, st.KEEP_BUILDS + 3)]
    for name in names:
        (config.store_root / name).mkdir(parents=True)
        (config.store_root / name / "build.json").write_text("{}", encoding="utf-8")
    (tmp_path / "CURRENT").write_text(names[0] + "\n", encoding="utf-8")  # rolled back
    landed_long_ago(config)
    st.prune(config)
    left = sorted(p.name for p in config.store_root.iterdir())
    assert left == [names[0], *names[-st.KEEP_BUILDS :]]


def test_prune_without_a_build_does_nothing(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    config.store_root.mkdir(parents=True)
    (config.store_root / "x").mkdir()
    st.prune(config)
    assert (config.store_root / "x").is_dir()


def test_remote_manifest(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path / "a" / "var", remote_store="http://127.0.0.1:9/sparql")
    assert st.build_manifest(config) == {}
    st.write_remote_manifest(config, {"triples": 7, "sources": ["a"]})
    path = st.remote_manifest_path(config)
    assert path == config.data_dir / "remote-build.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"triples": 7, "sources": ["a"]}
    assert not path.with_suffix(".tmp").exists()
    assert st.build_manifest(config) == {"triples": 7, "sources": ["a"]}
    path.write_text("{broken", encoding="utf-8")
    assert st.build_manifest(config) == {}


def test_manifest_of_a_local_build_ignores_a_remote_one(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    commit_one(config, ["a"])
    st.write_remote_manifest(config, {"triples": 99})
    assert st.build_manifest(config) == {"triples": 1}
    (st.current_build(config) / "build.json").write_text("not json", encoding="utf-8")
    assert st.build_manifest(config) == {}


def test_load_union_graph(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    commit_one(config, ["a", "b"])
    graph = st.load_union_graph(config)  # opens the current build itself
    # named graphs and the materialised default graph: each triple once
    assert {str(s).removeprefix(EX) for s in graph.subjects()} == {"a", "b"}
    assert len(graph) == 2
    given = ox.Store()
    given.add(quad("z", "g"))
    assert {str(s) for s in st.load_union_graph(config, given).subjects()} == {EX + "z"}


def test_pointer_is_replaced_not_rewritten(tmp_path: Path) -> None:
    """Readers stat CURRENT for (mtime, inode): a commit must give it a new inode."""
    config = Config(data_dir=tmp_path)
    commit_one(config, ["a"])
    first = os.stat(st.current_pointer(config)).st_ino
    commit_one(config, ["b"])
    assert os.stat(st.current_pointer(config)).st_ino != first


def test_build_names_sort_in_start_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`prune` and the readers rely on names sorting by start time, to the nanosecond."""
    seconds = 1_767_323_045  # a fixed instant, so the name is known exactly
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(seconds))
    config = Config(data_dir=tmp_path / "new" / "var")  # parents made as needed
    names = []
    for ns in (123_456_789, 123_456_790, 999_999_999, 1_000_000_000 + 5):
        monkeypatch.setattr(st.time, "time_ns", lambda ns=ns: seconds * 10**9 + ns)
        names.append(st.begin_build(config).name)
    pid = os.getpid()
    assert names[:3] == [f"{stamp}.123456789-{pid}", f"{stamp}.123456790-{pid}",
                         f"{stamp}.999999999-{pid}"]  # fmt: skip
    assert names[3] == time.strftime("%Y%m%dT%H%M%S", time.localtime(seconds + 1)) + (
        f".000000005-{pid}"
    )
    assert names == sorted(names)
    assert sorted(p.name for p in config.store_root.iterdir()) == names


def test_removal_errors_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build directory that cannot be removed (held open, removed by another prune)
    is left behind: neither prune nor abort may fail the build over it."""
    config = Config(data_dir=tmp_path)
    names = [commit_one(config, [f"s{i}"]).name for i in range(st.KEEP_BUILDS)]
    pending = st.begin_build(config)
    rmdir = os.rmdir

    def refuse(path, *a, **kw):
        raise PermissionError(13, "refused", str(path))

    monkeypatch.setattr(os, "rmdir", refuse)
    pending.abort()  # does not raise
    (tmp_path / "CURRENT").write_text(names[-1] + "\n", encoding="utf-8")
    (config.store_root / "0-stale").mkdir()  # an old incomplete build: pruned, cannot be
    st.prune(config)  # does not raise
    monkeypatch.setattr(os, "rmdir", rmdir)
    assert pending.path.exists() and (config.store_root / "0-stale").exists()
    st.prune(config)
    assert not (config.store_root / "0-stale").exists()


def test_build_lock_refuses_a_second_writer_naming_the_holder(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path / "var")
    assert st.lock_path(config) == tmp_path / "var" / "build.lock"
    with st.build_lock(config):
        holder = st.lock_path(config).read_text(encoding="utf-8")
        assert holder.startswith(f"pid {os.getpid()}, since ")
        with pytest.raises(st.BuildLocked, match=r"another build is running on .*build\.lock"):
            with st.build_lock(config, wait=False):
                pass
    with st.build_lock(config, wait=False):  # released with its holder
        pass
