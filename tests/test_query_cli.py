"""`kg query` writes every format the endpoint offers, under the same names; `kg serve` checks."""

from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph
from rdflib.query import Result

from tests.conftest import kg_env, run_kg

SELECT = "SELECT ?p WHERE { ?p a <https://w3id.org/newsgraph/ontology#Person> }"
CONSTRUCT = (
    "CONSTRUCT { ?p a <https://w3id.org/newsgraph/ontology#Person> } "
    "WHERE { ?p a <https://w3id.org/newsgraph/ontology#Person> }"
)


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [
        (None, "tsv"),
        ("json", "json"),
        ("xml", "xml"),
        ("csv", "csv"),
        ("tsv", "tsv"),
        ("text/csv", "csv"),
    ],
)
def test_select_formats(sample_data_dir, fmt, parser) -> None:
    args = ["query", SELECT] + (["--format", fmt] if fmt else [])
    proc = run_kg(*args, env=kg_env(sample_data_dir))
    assert proc.returncode == 0, proc.stderr
    assert len(list(Result.parse(io.StringIO(proc.stdout), format=parser))) == 4


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [
        (None, "turtle"),
        ("turtle", "turtle"),
        ("ttl", "turtle"),
        ("ntriples", "nt"),
        ("jsonld", "json-ld"),
        ("json", "json-ld"),
        ("rdfxml", "xml"),
        ("xml", "xml"),
        ("trig", "trig"),
        ("nquads", "nquads"),
    ],
)
def test_construct_formats(sample_data_dir, fmt, parser) -> None:
    args = ["query", CONSTRUCT] + (["--format", fmt] if fmt else [])
    proc = run_kg(*args, env=kg_env(sample_data_dir))
    assert proc.returncode == 0, proc.stderr
    if parser in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=proc.stdout, format=parser)
        assert len(list(ds.quads())) == 4
    else:
        assert len(Graph().parse(data=proc.stdout, format=parser)) == 4


def test_ask_and_bad_format(sample_data_dir) -> None:
    env = kg_env(sample_data_dir)
    proc = run_kg("query", "ASK { ?s ?p ?o }", env=env)
    assert proc.returncode == 0 and '"boolean":true' in proc.stdout
    bad = run_kg("query", SELECT, "--format", "turtle", env=env)
    assert bad.returncode == 2 and "json, xml, csv, tsv" in bad.stderr


def test_serve_refuses_update_without_token(sample_data_dir) -> None:
    env = kg_env(sample_data_dir, NEWSGRAPH_UPDATE="1", NEWSGRAPH_PORT="1")
    proc = run_kg("serve", "--no-build", env=env, timeout=60)
    assert proc.returncode == 2
    assert "NEWSGRAPH_ADMIN_TOKEN" in proc.stderr
