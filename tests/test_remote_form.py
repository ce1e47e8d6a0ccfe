"""The remote path (NEWSGRAPH_STORE=virtuoso) reads a query's form from its text."""

from __future__ import annotations

import pytest

from kg.remote import query_form


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "solutions"),
        (
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nSELECT ?s { ?s a ng:Meeting }",
            "solutions",
        ),
        ("BASE <http://example.org/>\nPREFIX : <x#> ASK { ?s ?p ?o }", "boolean"),
        (
            "# a comment\nPREFIX a: <http://a/> PREFIX b: <http://b/> CONSTRUCT WHERE { ?s ?p ?o }",
            "graph",
        ),
        ("prefix x:<http://x/> describe <http://x/y>", "graph"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_form_after_a_prologue(query: str, form: str | None) -> None:
    assert query_form(query) == form
