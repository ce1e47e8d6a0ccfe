from pathlib import Path

import pytest

from kg.documents import read_document

ROOT = Path(__file__).resolve().parent.parent
DOC_PATHS = (
    sorted((ROOT / "seeds").glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "devdocs").glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))
    + sorted((ROOT / "tests" / "data" / "invented").glob("*.txt"))
)


@pytest.fixture(scope="session")
def all_docs():
    return [read_document(p) for p in DOC_PATHS]


@pytest.fixture(scope="session")
def all_graphs(all_docs):
    from kg.extract import extract_document

    return {d.iri("https://w3id.org/newsgraph/id/"): (d, extract_document(d)) for d in all_docs}
