"""`kg build --cluster` (issue 15): extraction on the workers of a real Dask cluster.

A scheduler and three worker processes on loopback ports; the build sends every
document there (the local cache is empty) and the store must be the same as a build
that extracted locally.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.docs import write as write_docs
from tests.conftest import SEEDS, kg_env, run_kg
from tests.dask_cluster import LocalDaskCluster
from tests.test_incremental import store_graphs

pytestmark = pytest.mark.slow


def test_build_on_a_dask_cluster_equals_a_local_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    write_docs(60, corpus / "synthetic")
    local = tmp_path / "local"
    proc = run_kg("build", str(corpus), env=kg_env(local))
    assert proc.returncode == 0, proc.stderr

    logs = tmp_path / "logs"
    logs.mkdir()
    with LocalDaskCluster(3, logs) as cluster:
        remote = tmp_path / "remote"
        proc = run_kg("build", "--cluster", cluster.address, str(corpus), env=kg_env(remote))
        assert proc.returncode == 0, proc.stderr
    assert "65 extracted" in proc.stderr, proc.stderr
    assert f"extraction on 3 workers of {cluster.address}" in proc.stderr, proc.stderr

    from kg.config import Config

    def named_iris_only(triples: set) -> set:  # the ontology's blank nodes differ per load
        return {t for t in triples if not any(isinstance(x, ox.BlankNode) for x in t)}

    a = store_graphs(Config(data_dir=local))
    b = store_graphs(Config(data_dir=remote))
    assert a[0].keys() == b[0].keys()
    for name in a[0]:  # every named graph
        assert named_iris_only(a[0][name]) == named_iris_only(b[0][name]), name
    assert named_iris_only(a[1]) == named_iris_only(b[1])  # the default-graph union


def test_unreachable_cluster_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_kg(
        "build", "--cluster", "tcp://127.0.0.1:9", str(SEEDS), env=kg_env(tmp_path), timeout=120
    )
    assert proc.returncode == 2
    assert "Dask scheduler" in proc.stderr
