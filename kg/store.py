"""The persistent store: one pyoxigraph database per completed build, swapped atomically.

A build writes a fresh directory under `stores/` and only then points `CURRENT` at it
with `os.replace`, so a build that fails or is killed at any moment leaves the graph
being served untouched. Readers open builds read-only, so any number of server
worker processes can share one.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.config import Config
from kg.terms import triples_to_graph

KEEP_BUILDS = 3


class StoreMissing(FileNotFoundError):
    """No completed build yet: run `kg build`."""


class BuildLocked(RuntimeError):
    """Another build holds the data folder's build lock (and we were told not to wait)."""


def lock_path(config: Config) -> Path:
    return config.data_dir / "build.lock"


@contextlib.contextmanager
def build_lock(
    config: Config, *, wait: bool = True, progress: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the data folder's build lock: one build (or `kg add`) writes at a time.

    Two builds at once used to share `CURRENT.tmp` and prune each other's directories,
    which could leave `CURRENT` naming a deleted store. The lock is an flock on
    `DATA_DIR/build.lock`, so the kernel releases it when the holder dies, however it
    dies: a killed build never blocks the next one. With `wait` a second build queues
    (saying so through `progress`); without it, it raises BuildLocked.
    """
    config.data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(config), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            message = (
                f"another build is running on {config.data_dir} ({holder});"
                f" it holds {lock_path(config)}"
            )
            if not wait:
                raise BuildLocked(message) from None
            if progress is not None:
                progress(message + ": waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, *, sync_dir: bool = True, sync: bool = True) -> None:
    """Write `data` to `path` so a reader sees the old file or the whole new one, never
    a part: a temporary file of this process's own, fsynced, renamed over, folder synced.

    `sync=False` skips both fsyncs, for files whose loss after a power cut costs only
    time (the build cache: a checksum guards each entry, a bad one is extracted again)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync and sync_dir:
        fsync_dir(path.parent)


def current_pointer(config: Config) -> Path:
    return config.data_dir / "CURRENT"


def current_build(config: Config) -> Path:
    """Directory of the build being served."""
    pointer = current_pointer(config)
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise StoreMissing(f"no graph built yet in {config.data_dir} (run `kg build`)") from None
    path = config.store_root / name
    if not path.is_dir():
        raise StoreMissing(f"{pointer} names {name}, which is missing")
    return path


def build_manifest(config: Config) -> dict:
    """What the current build holds (sources, counts, time), written at build end."""
    try:
        if config.remote_store:
            return json.loads(remote_manifest_path(config).read_text(encoding="utf-8"))
        return json.loads((current_build(config) / "build.json").read_text(encoding="utf-8"))
    except (StoreMissing, FileNotFoundError, json.JSONDecodeError):
        return {}


def remote_manifest_path(config: Config) -> Path:
    """Where `kg build` records what it loaded into an external store (kg.remote)."""
    return config.data_dir / "remote-build.json"


def write_remote_manifest(config: Config, manifest: dict) -> None:
    path = remote_manifest_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(manifest, indent=2).encode())


def index_path(build: Path) -> Path:
    """The resolution index (kg.extract.resolve) of one build, kept beside its store."""
    return build / "index.sqlite"


def open_current(config: Config) -> ox.Store:
    return ox.Store.read_only(str(current_build(config) / "db"))


@dataclass
class PendingBuild:
    """A build under way: its store is invisible to readers until `commit`."""

    config: Config
    name: str
    path: Path
    store: ox.Store

    def commit(self, manifest: dict, *, union_loaded: bool = False, optimize: bool = True) -> None:
        """Make this build the served one. `union_loaded`: the caller already wrote the
        union of the named graphs into the default graph (see kg.build), which spares
        materialize_union's pass over every quad in Python (a third of a cached build).
        `optimize=False` for a small update (`kg add`), where compacting a large store
        would cost more than the change."""
        if not union_loaded:
            materialize_union(self.store)
        self.store.flush()
        if optimize:
            self.store.optimize()
        write_atomically(self.path / "build.json", json.dumps(manifest, indent=2).encode())
        del self.store  # release the write lock before readers open it
        self._closed()
        # The pointer moves only to a complete, synced build, through a temporary file
        # of this process's own (a shared CURRENT.tmp let two builds swap each other's).
        write_atomically(current_pointer(self.config), (self.name + "\n").encode())
        prune(self.config)

    def _closed(self) -> None:
        """Make sure no handle of this process still writes the store: RocksDB compacts in
        the background, and a reader opening files a writer then deletes fails ("No such
        file ... .sst"). Every other reference must be gone by now; opening the store
        again proves it (RocksDB's lock), and closing that handle leaves it idle."""
        gc.collect()
        try:
            probe = ox.Store(str(self.path / "db"))
        except OSError as exc:
            raise RuntimeError(
                f"the new build's store is still open in this process ({exc}): a reference"
                " to it outlived the build"
            ) from None
        del probe
        gc.collect()

    def release_store(self) -> Path:
        """Close this process's handle, so that another process can write the store
        (RocksDB lets one process write it: kg.batch_load); the store's folder."""
        self.store = None  # type: ignore[assignment]
        gc.collect()
        return self.path / "db"

    def reopen_store(self) -> ox.Store:
        self.store = ox.Store(str(self.path / "db"))
        return self.store

    def abort(self) -> None:
        self.store = None  # type: ignore[assignment]
        shutil.rmtree(self.path, ignore_errors=True)


def materialize_union(store: ox.Store, chunk: int = 200_000) -> None:
    """Write the union of all named graphs into the store's default graph.

    The endpoint's default graph is the union of the named graphs, and an RDF graph is
    a set: a triple asserted by two documents must match once. Oxigraph 0.5's
    union-default-graph mode counts it once per graph (oxigraph issue #1919), which
    doubles COUNTs and rows; a materialised, deduplicated default graph does not.
    """
    store.remove_graph(ox.DefaultGraph())
    batch: list[ox.Quad] = []
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            continue
        batch.append(ox.Quad(quad.subject, quad.predicate, quad.object))
        if len(batch) >= chunk:
            store.extend(batch)
            batch = []
    if batch:
        store.extend(batch)


def _new_build_dir(config: Config) -> tuple[str, Path]:
    config.store_root.mkdir(parents=True, exist_ok=True)
    # Names sort in start order (prune relies on it), to the nanosecond within a second.
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 10**9))
    name = f"{stamp}.{now % 10**9:09d}-{os.getpid()}"
    path = config.store_root / name
    path.mkdir()
    return name, path


def begin_build(config: Config) -> PendingBuild:
    name, path = _new_build_dir(config)
    return PendingBuild(config, name, path, ox.Store(str(path / "db")))


def begin_update(config: Config) -> PendingBuild:
    """A copy of the served build to change (`kg add`, `kg remove`), swapped in like a build.

    The copy is a RocksDB checkpoint: hard links to the served build's immutable files,
    taken in milliseconds whatever the store's size, so readers keep the old build
    untouched (writing under a read-only reader is undefined in Oxigraph) while the
    update writes its own files. The resolution index is copied with SQLite's backup.
    Call it holding the build lock.
    """
    from kg.extract.resolve import INDEX_VERSION, ResolutionIndex

    current = current_build(config)
    if not index_path(current).exists():
        raise ValueError(
            f"the served build ({current.name}) was made by an older newsgraph without a"
            " resolution index: run `kg build` once, then `kg add` works in place"
        )
    old = ResolutionIndex(index_path(current), read_only=True)
    try:
        version = old.version()
    finally:
        old.close()
    if version < INDEX_VERSION:
        raise ValueError(
            f"the served build ({current.name}) was made by an older newsgraph whose"
            f" resolution index (version {version}, now {INDEX_VERSION}) lacks what"
            " `kg add` decides on: run `kg build` once, then `kg add` works in place"
        )
    name, path = _new_build_dir(config)
    try:
        ox.Store.read_only(str(current / "db")).backup(str(path / "db"))
        source = sqlite3.connect(str(index_path(current)))
        target = sqlite3.connect(str(index_path(path)))
        with target:
            source.backup(target)
        source.close()
        target.close()
        return PendingBuild(config, name, path, ox.Store(str(path / "db")))
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise


def prune(config: Config) -> None:
    """Delete old builds, keeping the current one and the few before it.

    Older builds stay a while because server workers may still have them open.
    Directories of builds that never completed (killed) are removed too. Called under
    the build lock; even so, the pointer is read again before each deletion, so the
    build being served is never the one removed.
    """
    try:
        current = current_build(config).name
    except StoreMissing:
        return
    builds = sorted(p for p in config.store_root.iterdir() if p.is_dir())
    complete = [p for p in builds if (p / "build.json").exists()]
    keep = {p.name for p in complete[-KEEP_BUILDS:]} | {current}
    # A build replaced only moments ago may still be answering a query that opened it
    # (frequent `kg add`/`kg ingest` replace builds much faster than queries time out):
    # keep it until the query timeout has passed twice since its successor landed.
    grace = max(120.0, 2 * config.query_timeout)
    now = time.time()
    for older, newer in zip(complete, complete[1:], strict=False):
        try:
            if now - (newer / "build.json").stat().st_mtime < grace:
                keep.add(older.name)
        except OSError:
            keep.add(older.name)
    for p in builds:
        incomplete_and_stale = not (p / "build.json").exists() and p.name < current
        if p.name not in keep and ((p / "build.json").exists() or incomplete_and_stale):
            try:
                if current_build(config).name == p.name:
                    continue
            except StoreMissing:
                return
            shutil.rmtree(p, ignore_errors=True)


def load_union_graph(config: Config, store: ox.Store | None = None) -> Graph:
    """The union of every named graph as an in-memory rdflib Graph (for pyshacl and owlrl)."""
    store = store if store is not None else open_current(config)
    return triples_to_graph(store.quads_for_pattern(None, None, None, None))
