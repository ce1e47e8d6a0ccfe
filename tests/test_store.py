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


# --- the copy `kg add` and `kg remove` change (begin_update) ---


def served_with_index(config: Config, subjects: list[str], version: int | None = None) -> Path:
    """A committed build with a resolution index beside its store, as `kg build` leaves it;
    `version` stamps the index as an older newsgraph's."""
    from kg.extract.resolve import ResolutionIndex

    build = commit_one(config, subjects).path
    index = ResolutionIndex(st.index_path(build))
    index.term(EX + "known")
    if version is not None:
        index.db.execute(f"PRAGMA user_version = {version}")
    index.close()
    return build


def test_index_path_is_beside_the_store(tmp_path: Path) -> None:
    assert st.index_path(tmp_path / "b") == tmp_path / "b" / "index.sqlite"


def test_begin_update_copies_the_served_build_and_its_index(tmp_path: Path) -> None:
    from kg.extract.resolve import INDEX_VERSION, ResolutionIndex

    config = Config(data_dir=tmp_path)
    served = served_with_index(config, ["a", "b"])
    pending = st.begin_update(config)
    assert pending.config is config
    assert pending.path == config.store_root / pending.name
    assert pending.name > served.name  # sorts after the build it copies (prune relies on it)
    # the copy holds the served quads, named and default graphs alike, and is writable
    assert default_subjects(pending.store) == {"a", "b"}
    assert len(pending.store) == len(ox.Store.read_only(str(served / "db")))
    pending.store.add(quad("c", "gc"))
    copied = ResolutionIndex(st.index_path(pending.path), read_only=True)
    assert copied.version() == INDEX_VERSION
    assert copied._known(EX + "known") is not None
    copied.close()
    # the served build is untouched by writes to the copy
    assert st.current_build(config) == served
    assert default_subjects(ox.Store.read_only(str(served / "db"))) == {"a", "b"}
    pending.commit({"triples": 3}, optimize=False)
    assert st.current_build(config) == pending.path
    assert default_subjects(st.open_current(config)) == {"a", "b", "c"}
    assert st.build_manifest(config) == {"triples": 3}
    assert served.is_dir()  # replaced moments ago: kept for queries that opened it


def test_begin_update_refuses_a_build_without_an_index(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    served = commit_one(config, ["a"]).path
    with pytest.raises(ValueError, match=rf"served build \({served.name}\) .* without a"
                       r" resolution index: run `kg build` once"):  # fmt: skip
        st.begin_update(config)
    assert sorted(p.name for p in config.store_root.iterdir()) == [served.name]


def test_begin_update_refuses_an_index_of_an_older_version(tmp_path: Path) -> None:
    from kg.extract.resolve import INDEX_VERSION

    config = Config(data_dir=tmp_path)
    served = served_with_index(config, ["a"], version=INDEX_VERSION - 1)
    message = (
        rf"served build \({served.name}\) .* \(version {INDEX_VERSION - 1}, now"
        rf" {INDEX_VERSION}\) lacks what `kg add` decides on: run `kg build` once, then"
        r" `kg add` works in place$"
    )
    with pytest.raises(ValueError, match=message):
        st.begin_update(config)
    assert sorted(p.name for p in config.store_root.iterdir()) == [served.name]


def test_begin_update_reads_the_served_index_without_writing_it(tmp_path: Path) -> None:
    """An empty index file is version 0: opened for writing, it would be given the
    schema and the current version, and the served build changed under its readers."""
    config = Config(data_dir=tmp_path)
    served = commit_one(config, ["a"]).path
    st.index_path(served).write_bytes(b"")
    with pytest.raises(ValueError, match=r"\(version 0, now "):
        st.begin_update(config)
    assert st.index_path(served).read_bytes() == b""


def test_begin_update_that_fails_leaves_no_directory(tmp_path: Path) -> None:
    """The served store cannot be read (here: its files are gone): the error reaches the
    caller and the half-made copy is removed."""
    import shutil

    config = Config(data_dir=tmp_path)
    served = served_with_index(config, ["a"])
    shutil.rmtree(served / "db")
    with pytest.raises(OSError):
        st.begin_update(config)
    assert sorted(p.name for p in config.store_root.iterdir()) == [served.name]


def test_begin_update_reports_its_own_error_when_the_copy_cannot_be_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removing the half-made copy fails too (a folder that cannot be removed): the
    caller still gets the error that stopped the update, not the clean-up's."""
    import shutil

    config = Config(data_dir=tmp_path)
    served = served_with_index(config, ["a"])
    shutil.rmtree(served / "db")

    def refuse(path, *a, **kw):
        raise PermissionError(13, "refused", str(path))

    monkeypatch.setattr(os, "rmdir", refuse)
    with pytest.raises(FileNotFoundError, match="CURRENT"):
        st.begin_update(config)


# --- commit's proof that no handle outlived the build ---


def test_commit_refuses_while_the_store_is_still_open(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    served = commit_one(config, ["a"])
    pending = st.begin_build(config)
    pending.store.add(quad("b", "gb"))
    leaked = pending.store  # a reference that outlives the build
    with pytest.raises(RuntimeError, match=r"the new build's store is still open in this"
                       r" process \(.*\): a reference to it outlived the build"):  # fmt: skip
        pending.commit({})
    assert st.current_build(config) == served.path  # the pointer did not move
    del leaked


def test_commit_leaves_the_new_store_closed(tmp_path: Path) -> None:
    """After commit no handle of this process holds the store: it opens for writing."""
    config = Config(data_dir=tmp_path)
    pending = commit_one(config, ["a"])
    again = ox.Store(str(pending.path / "db"))
    assert default_subjects(again) == {"a"}


# --- prune's grace for a build replaced moments ago ---


def test_commit_compacts_the_store_unless_told_not_to(tmp_path: Path) -> None:
    """A build is compacted at commit (readers get fewer, larger files); `kg add`
    passes optimize=False, since compacting a large store costs more than its change."""

    def sst_files(**kw) -> int:
        config = Config(data_dir=tmp_path / str(len(kw)))
        pending = st.begin_build(config)
        for i in range(3):  # three flushes: three sets of files to compact
            pending.store.extend([quad(f"s{i}-{j}", "g") for j in range(100)])
            pending.store.flush()
        pending.commit({}, **kw)
        return sum(1 for f in (pending.path / "db").iterdir() if f.suffix == ".sst")

    assert sst_files() < sst_files(optimize=False)


def prune_at(config: Config, ages: list[float], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Builds 0..n-1 (complete, in order) whose records landed `ages` seconds before a
    fixed now; prune; the indexes of the builds left."""
    names = [commit_one(config, [f"s{i}"]).name for i in range(len(ages))]
    now = 1_900_000_000.0
    for name, age in zip(names, ages, strict=True):
        stamp = int((now - age) * 10**9)
        os.utime(config.store_root / name / "build.json", ns=(stamp, stamp))
    monkeypatch.setattr(st.time, "time", lambda: now)
    st.prune(config)
    left = {p.name for p in config.store_root.iterdir()}
    return [i for i, name in enumerate(names) if name in left]


@pytest.mark.parametrize(("query_timeout", "grace"), [(5.0, 120.0), (60.0, 120.0), (100.0, 200.0)])
def test_prune_grace_is_twice_the_query_timeout_and_at_least_two_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query_timeout: float, grace: float
) -> None:
    """A build is kept while its successor landed less than the grace ago: builds 0 and
    1 are older than the three kept; 1's successor landed just inside the grace, 0's
    exactly at it (the grace has passed)."""
    config = Config(data_dir=tmp_path, query_timeout=query_timeout)
    ages = [10_000.0, grace, grace - 0.5, 5.0, 1.0]
    assert prune_at(config, ages, monkeypatch) == [1, 2, 3, 4]


def test_prune_grace_pairs_each_build_with_its_successor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only build 2's record is recent: build 1 (its predecessor) is kept, not build 0
    (two before it) nor build 2's own age deciding for build 2."""
    config = Config(data_dir=tmp_path)
    ages = [10_000.0, 9_000.0, 10.0, 8_000.0, 7_000.0, 6_000.0]
    assert prune_at(config, ages, monkeypatch) == [1, 3, 4, 5]


def test_prune_keeps_a_build_whose_successor_vanished_while_pruning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another prune removes build 1's record after this one listed the builds: build 0's
    successor can no longer be dated, so build 0 is kept (it may still be in use)."""
    config = Config(data_dir=tmp_path)
    names = [commit_one(config, [f"s{i}"]).name for i in range(st.KEEP_BUILDS + 2)]
    landed_long_ago(config)
    now = time.time()

    def listed_then_removed() -> float:  # prune reads the clock between listing and dating
        (config.store_root / names[1] / "build.json").unlink(missing_ok=True)
        return now

    monkeypatch.setattr(st.time, "time", listed_then_removed)
    st.prune(config)
    left = sorted(p.name for p in config.store_root.iterdir())
    assert left == [names[0], *names[-st.KEEP_BUILDS :]]


# --- write_atomically ---


def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record what os.fsync is called on ('file' or 'dir'), then sync it for real."""
    import stat

    seen: list[str] = []
    real = os.fsync

    def record(fd: int) -> None:
        seen.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    return seen


@pytest.mark.parametrize(
    ("kw", "synced"),
    [
        ({}, ["file", "dir"]),
        ({"sync_dir": False}, ["file"]),
        ({"sync": False}, []),
        ({"sync": False, "sync_dir": True}, []),
    ],
)
def test_write_atomically_syncs_as_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kw: dict, synced: list[str]
) -> None:
    seen = fsyncs(monkeypatch)
    path = tmp_path / "f.json"
    path.write_bytes(b"old")
    st.write_atomically(path, b"new", **kw)
    assert seen == synced
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_write_atomically_that_fails_leaves_the_old_file_and_no_temporary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "taken"
    path.mkdir()
    (path / "inside").write_bytes(b"x")  # a folder with files cannot be replaced by a file
    with pytest.raises(OSError):
        st.write_atomically(path, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert (path / "inside").read_bytes() == b"x"
