"""The store as the server sees it: the current build, reopened when a new build lands."""

from __future__ import annotations

import os
import threading
import time

import pyoxigraph as ox
from rdflib import Graph

from kg.config import Config
from kg.namespaces import ONTOLOGY_IRI
from kg.remote import RemoteStore
from kg.store import build_manifest, current_build, current_pointer, load_union_graph


class ServingStore:
    """Hands out the current build's store; a rebuild is picked up on the next request.

    Checking is one stat() of the CURRENT pointer, so every request can afford it.
    """

    def __init__(self, config: Config, store: ox.Store | None = None) -> None:
        self.config = config
        self._fixed = store
        self._lock = threading.Lock()
        self._store: ox.Store | None = None
        self._stamp: tuple[int, int] | None = None
        self._union: tuple[object, Graph] | None = None
        # Scale-out: with NEWSGRAPH_REMOTE_STORE the external store answers instead.
        self.remote = RemoteStore.from_config(config) if config.remote_store else None
        self._summary: tuple[float, list[str], int] | None = None
        # Bumped by every SPARQL Update, so caches keyed on it (service description,
        # VoID) are recomputed; a new build is a new store object, which they key on too.
        self.generation = 0
        # The CURRENT pointer's path, as a string: every request stats it (`get`), and
        # building the path anew took most of that check's time.
        self._pointer = os.fspath(current_pointer(config))

    def _pointer_stamp(self) -> tuple[int, int]:
        try:
            st = os.stat(self._pointer)
        except FileNotFoundError:  # no build yet: a 503 saying so, not a 500
            current_build(self.config)  # raises StoreMissing with its message
            raise
        return (st.st_mtime_ns, st.st_ino)

    def get(self) -> ox.Store:
        if self._fixed is not None:
            return self._fixed
        stamp = self._pointer_stamp()
        if stamp != self._stamp or self._store is None:
            with self._lock:
                if stamp != self._stamp or self._store is None:
                    path = current_build(self.config) / "db"
                    if self.config.update_enabled:
                        self._store = ox.Store(str(path))
                    else:
                        self._store = ox.Store.read_only(str(path))
                    self._stamp = stamp
                    self._union = None
        return self._store

    @property
    def fixed(self) -> bool:
        """True when serving a store object given by the caller (other processes can't open it)."""
        return self._fixed is not None

    def triples(self) -> int:
        """Quads served: from the build manifest (counting a big store is slow), else counted."""
        count = self.manifest().get("triples")
        return int(count) if count is not None else len(self.get())

    def changed(self) -> None:
        """The store was modified in place (SPARQL Update): drop what was derived from it."""
        self.generation += 1
        self._union = None

    def manifest(self) -> dict:
        return {} if self._fixed is not None else build_manifest(self.config)

    def remote_summary(self, ttl: float = 60.0) -> tuple[list[str], int]:
        """(named graphs, triples) of the remote store for the front page, cached for `ttl` s:
        counting a large store is a scan, so not every page view may trigger one."""
        assert self.remote is not None
        cached = self._summary
        if cached is None or time.monotonic() - cached[0] > ttl:
            base = self.config.base
            counts = {
                g: n
                for g, n in self.remote.graph_counts().items()
                if g.startswith(base) or g == ONTOLOGY_IRI  # not the store's own system graphs
            }
            cached = (time.monotonic(), sorted(counts), sum(counts.values()))
            self._summary = cached
        return cached[1], cached[2]

    def union_graph(self) -> Graph:
        """In-memory union for pyshacl; cached per build."""
        if self.remote is not None:
            return self.remote.union_graph()
        store = self.get()
        cached = self._union
        if cached is not None and cached[0] is store:
            return cached[1]
        graph = load_union_graph(self.config, store)
        self._union = (store, graph)
        return graph
