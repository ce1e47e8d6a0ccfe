"""The README is the front door: its configuration table and commands must stay true."""

from __future__ import annotations

from pathlib import Path

from kg.config import settings_table

ROOT = Path(__file__).resolve().parent.parent


def test_configuration_table_matches_config() -> None:
    assert settings_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block and "make test" in first_block
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
