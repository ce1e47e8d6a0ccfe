"""The CLI's contract: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEEDS, kg_env, run_kg


def test_query_json_on_built_store(built_data_dir: Path) -> None:
    proc = run_kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "--format",
        "json",
        env=kg_env(built_data_dir),
    )
    assert proc.returncode == 0, proc.stderr
    n = int(json.loads(proc.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n > 1000


def test_query_syntax_error_exits_2(built_data_dir: Path) -> None:
    proc = run_kg("query", "SELECT * WHERE {", env=kg_env(built_data_dir))
    assert proc.returncode == 2
    assert "syntax error" in proc.stderr


def test_query_without_store_exits_2(tmp_path: Path) -> None:
    proc = run_kg("query", "ASK {}", env=kg_env(tmp_path))
    assert proc.returncode == 2
    assert "kg build" in proc.stderr


def test_build_rejects_unknown_out_extension(tmp_path: Path) -> None:
    proc = run_kg("build", str(SEEDS), "--out", str(tmp_path / "g.xyz"), env=kg_env(tmp_path))
    assert proc.returncode == 2
    assert ".trig" in proc.stderr


def test_build_of_missing_path_exits_2(tmp_path: Path) -> None:
    proc = run_kg("build", str(tmp_path / "nowhere"), env=kg_env(tmp_path))
    assert proc.returncode == 2


def test_build_writes_nquads(tmp_path: Path) -> None:
    out = tmp_path / "g.nq"
    proc = run_kg("build", str(SEEDS), "--out", str(out), "--no-store", env=kg_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").count("\n") > 1000


def test_validate_exit_codes(built_data_dir: Path, tmp_path: Path) -> None:
    ok = run_kg("validate", env=kg_env(built_data_dir))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n<a> ng:date .\n")
    bad = run_kg("validate", str(broken), env=kg_env(built_data_dir))
    assert bad.returncode == 2
    violating = tmp_path / "violating.ttl"
    violating.write_text(
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        '<https://w3id.org/newsgraph/id/meeting/x> a ng:Meeting ; ng:date "not a date" .\n'
    )
    vio = run_kg("validate", str(violating), env=kg_env(built_data_dir))
    assert vio.returncode == 1, vio.stdout + vio.stderr
