"""The W3C SHACL test suite against our validation path; the README's table is what it measures.

The suite (core and sparql sections) comes from pyshacl's source distribution on PyPI,
unpacked by `scripts/setup.sh --test` (tests/w3c_shacl.py says how a test passes).
"""

from __future__ import annotations

import pytest

from tests import w3c_shacl
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not (w3c_shacl.SUITE / "manifest.ttl").exists(),
    reason="the W3C SHACL suite is unpacked by scripts/setup.sh --test",
)


def test_the_suite_is_all_there() -> None:
    sections: dict[str, int] = {}
    for case in w3c_shacl.cases():
        section = case.name.split("/")[0]
        sections[section] = sections.get(section, 0) + 1
    assert sections == {"core": 98, "sparql": 23}


def test_readme_table_is_the_measured_pass_count() -> None:
    measured = w3c_shacl.table()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert measured in readme, f"README should carry:\n{measured}"


@pytest.mark.parametrize(
    "name",
    [
        "core/node/class-001",  # the W3C tests our own shapes lean on most, one by one
        "core/property/maxCount-001",
        "core/property/or-001",
        "core/node/not-001",
        "core/path/path-alternative-001",
        "core/property/lessThanOrEquals-001",
        "sparql/node/sparql-001",
        "sparql/property/sparql-001",
        "sparql/pre-binding/pre-binding-003",
    ],
)
def test_the_sparql_engine_passes(name: str) -> None:
    [case] = [c for c in w3c_shacl.cases() if c.name == name]
    ok, detail = w3c_shacl.run_case(case, "sparql")
    assert ok, detail
