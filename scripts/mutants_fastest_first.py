"""A pytest plugin for `make mutants` only: run each mutant's tests fastest first.

mutmut runs a mutant's tests with `-x` (the first failure ends the run), but its fork
server hands pytest the test ids in a set's order, so a mutant that breaks a fast test
and also hangs a slow one often waits out the slow one's ceiling before the fast one
fails. This orders the collected tests by the durations mutmut measured in its first
pass (`mutmut-stats.json` in its working folder, `mutants/`); tests it has not timed
keep their place, after the timed ones. Without that file (the first pass itself) the
order is left alone. Loaded by scripts/mutants.py (`-p mutants_fastest_first`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    stats = Path("mutmut-stats.json")
    if not stats.is_file():
        return
    durations: dict[str, float] = json.loads(stats.read_text(encoding="utf-8")).get(
        "duration_by_test", {}
    )
    slowest = max(durations.values(), default=0.0) + 1.0
    items.sort(key=lambda item: durations.get(item.nodeid, slowest))
