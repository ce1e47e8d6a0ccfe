"""Fixtures for the endpoint, Linked Data and UI tests (loaded by tests/conftest.py).

They serve tests/sample_data.py, a small dataset shaped like docs/modelling.md, with
the real `kg serve`, so the tests do not depend on how rich the extractor is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import start_server, stop_server
from tests.sample_data import build_sample

ADMIN_TOKEN = "sample-admin-token"


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample")
    build_sample(data_dir)
    return data_dir


@pytest.fixture(scope="session")
def sample_server(sample_data_dir: Path):
    """The sample dataset behind a real read-only server (2 workers)."""
    server = start_server(sample_data_dir)
    yield server
    stop_server(server)


@pytest.fixture()
def writable_server(tmp_path: Path):
    """A fresh copy of the sample dataset behind a server with SPARQL Update enabled."""
    build_sample(tmp_path)
    server = start_server(tmp_path, NEWSGRAPH_UPDATE="1", NEWSGRAPH_ADMIN_TOKEN=ADMIN_TOKEN)
    yield server
    stop_server(server)
