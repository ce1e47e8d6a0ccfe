"""The W3C SPARQL 1.1 suites through our HTTP endpoint (tests/w3c_suites.py).

Every test that pyoxigraph passes in-process must pass through `kg serve` too: the
federation policy, the protocol layer and the Graph Store Protocol may not lose
anything the engine can do. SERVICE tests run over HTTP against a stand-in server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Config
from kg.store import begin_build
from tests import w3c_suites as w3c
from tests.conftest import free_port, start_server, stop_server

TOKEN = "w3c-suites-token"
TESTS = w3c.load_tests() if w3c.available() else []
RESULTS: dict[str, tuple[bool, bool]] = {}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TESTS, reason="run scripts/setup.sh --test (W3C suites)"),
]


def empty_data_dir(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    pending = begin_build(Config(data_dir=data_dir))
    pending.commit({"built": "empty, for the W3C suites"})
    return data_dir


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("w3c-suites")
    standin_port = free_port()
    standin = start_server(
        empty_data_dir(root / "standin"),
        port=standin_port,
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=TOKEN,
        NEWSGRAPH_RATE_LIMIT="0",
        **w3c.service_env(TESTS, f"http://127.0.0.1:{standin_port}/sparql"),
    )
    server = start_server(
        empty_data_dir(root / "ours"),
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=TOKEN,
        NEWSGRAPH_RATE_LIMIT="0",
        **w3c.service_env(TESTS, standin.sparql),
    )
    yield w3c.HttpRunner(server.url, TOKEN, standin.url)
    stop_server(server)
    stop_server(standin)


def outcome(runner, test: w3c.W3CTest) -> tuple[bool, bool]:
    """(pyoxigraph in-process, our endpoint over HTTP), run once whichever test asks first:
    the suite passes in any order (`make test-order`)."""
    if test.id not in RESULTS:
        RESULTS[test.id] = (w3c.run_in_process(test), runner.run(test))
    return RESULTS[test.id]


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_w3c(runner, test: w3c.W3CTest) -> None:
    in_process, over_http = outcome(runner, test)
    assert over_http or not in_process, "pyoxigraph passes this in-process, our endpoint fails it"


def test_every_suite_ran() -> None:
    suites = {t.suite for t in TESTS}
    assert suites == set(w3c.SUITES)
    assert len(TESTS) > 400


def test_readme_table_is_what_was_measured(runner) -> None:
    """The README's table is this run's outcome (the tests not yet run are run here)."""
    for test in TESTS:
        outcome(runner, test)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert w3c.table(RESULTS, TESTS) in readme
