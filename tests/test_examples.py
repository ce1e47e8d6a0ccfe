"""The example queries (`queries/*.rq`): each titled and described, each answers on the
seeds' graph, and each answers what its title promises."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.config import Config
from kg.query import run
from kg.server.examples import example_queries
from kg.store import open_current

EXAMPLES = example_queries()


@pytest.fixture(scope="module")
def seeds_store(built_data_dir: Path):
    return open_current(Config(data_dir=built_data_dir))


def test_every_example_has_a_title_and_a_description() -> None:
    assert len(EXAMPLES) >= 16
    for ex in EXAMPLES:
        assert ex.title and ex.title != ex.name, ex.name
        assert len(ex.description.split()) >= 6, ex.name


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if "SERVICE" not in e.query], ids=lambda e: e.name
)
def test_local_examples_answer_on_the_seeds(seeds_store, example) -> None:
    result = run(seeds_store, example.query)
    rows = list(result.value)
    assert rows, f"{example.name} returned nothing on the seeds' graph"


def test_wikidata_example_gives_one_row_per_entity(seeds_store) -> None:
    example = next(e for e in EXAMPLES if e.name == "10-wikidata-links")
    rows = list(run(seeds_store, example.query).value)
    entities = Counter(row["entity"].value for row in rows)
    assert len(entities) >= 20
    assert max(entities.values()) == 1, entities.most_common(3)
