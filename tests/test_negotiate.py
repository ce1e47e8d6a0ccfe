"""Pure functions: content negotiation and SPARQL text inspection."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import negotiate as neg
from kg.sparql_text import add_using, has_dataset_clause, query_form, update_names_dataset

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("form", "accept", "fmt", "expected"),
    [
        ("solutions", None, None, neg.SPARQL_JSON),
        ("solutions", "", None, neg.SPARQL_JSON),
        ("solutions", "*/*", None, neg.SPARQL_JSON),
        ("solutions", "text/*", None, neg.CSV),
        ("solutions", "text/csv;q=0.2, text/tab-separated-values", None, neg.TSV),
        ("solutions", "application/json", None, neg.SPARQL_JSON),
        ("solutions", "application/xml", None, neg.SPARQL_XML),
        ("solutions", BROWSER, None, neg.SPARQL_XML),
        ("solutions", "text/turtle", None, None),
        ("solutions", "text/csv;q=0", None, None),
        ("solutions", "text/csv;q=0, */*;q=0.1", None, neg.SPARQL_JSON),
        ("solutions", "text/csv", "json", neg.SPARQL_JSON),
        ("solutions", None, "TSV", neg.TSV),
        ("solutions", None, "turtle", None),
        ("boolean", "text/csv", None, None),
        ("boolean", "application/sparql-results+xml", None, neg.SPARQL_XML),
        ("graph", None, None, neg.TURTLE),
        ("graph", "application/json", None, neg.JSONLD),
        ("graph", "application/xml", None, neg.RDFXML),
        ("graph", "text/plain", None, neg.NTRIPLES),
        ("graph", "application/n-quads;q=0.5, application/trig;q=0.6", None, neg.TRIG),
        ("graph", "application/rdf+xml;q=0.5, text/*;q=0.1", None, neg.RDFXML),
        ("graph", None, "json", neg.JSONLD),
        ("graph", None, "xml", neg.RDFXML),
        ("graph", None, "n3", neg.TURTLE),
        ("graph", None, "rdf+xml", neg.RDFXML),
        ("graph", None, "application/ld+json", neg.JSONLD),
        ("graph", None, "csv", None),
        ("page", BROWSER, None, neg.HTML),
        ("page", "text/turtle", None, neg.TURTLE),
        ("page", "*/*", None, neg.HTML),
        ("page", "application/ld+json, text/html;q=0.5", None, neg.JSONLD),
        ("page", "garbage, ;;;, text/turtle;q=abc", None, neg.TURTLE),
    ],
)
def test_choose(form, accept, fmt, expected) -> None:
    assert neg.choose(form, accept, fmt) == expected


def test_prefers_html() -> None:
    assert neg.prefers_html(BROWSER)
    assert not neg.prefers_html("*/*")
    assert not neg.prefers_html(None)
    assert not neg.prefers_html("text/turtle, text/html;q=0.5")
    assert neg.prefers_html("text/html")


def test_query_form_and_from() -> None:
    assert query_form("PREFIX a: <x:> # SELECT\n ASK { ?s ?p 'SELECT' }") == "ASK"
    assert query_form("BASE <x:/> construct { ?s ?p ?o } where { ?s ?p ?o }") == "CONSTRUCT"
    assert has_dataset_clause("SELECT * FROM <g> WHERE { ?s ?p ?o }")
    assert has_dataset_clause("SELECT * FROM NAMED <g> { GRAPH ?g { ?s ?p ?o } }")
    assert not has_dataset_clause("SELECT ?from WHERE { ?from ex:from 'FROM' . }")
    assert not has_dataset_clause("SELECT * { { SELECT * { ?s ?p ?o } } } # FROM <x>")


def test_update_dataset_checks() -> None:
    assert update_names_dataset("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert update_names_dataset("DELETE { ?s ?p ?o } USING <g> WHERE { ?s ?p ?o }")
    assert not update_names_dataset("INSERT DATA { <s> <p> 'WITH USING' }")
    assert not update_names_dataset("INSERT { ?s <p> ?using } WHERE { ?s <q> ?with }")


def _apply(update: str, using: list[str], using_named: list[str]) -> set:
    store = ox.Store()
    store.update(
        "INSERT DATA { GRAPH <g:1> { <s:1> <p:a> 1 } GRAPH <g:2> { <s:2> <p:a> 2 } "
        "GRAPH <g:3> { <s:3> <p:a> 3 } }"
    )
    store.update(add_using(update, using, using_named))
    return {
        (q.subject.value, q.graph_name.value)
        for q in store.quads_for_pattern(None, ox.NamedNode("p:b"), None, None)
    }


def test_add_using_modify() -> None:
    upd = "INSERT { GRAPH <g:out> { ?s <p:b> 1 } } WHERE { ?s <p:a> ?o }"
    assert _apply(upd, ["g:2"], []) == {("s:2", "g:out")}
    assert _apply(upd, ["g:1", "g:3"], []) == {("s:1", "g:out"), ("s:3", "g:out")}
    named = "INSERT { GRAPH ?g { ?s <p:b> 1 } } WHERE { GRAPH ?g { ?s <p:a> ?o } }"
    assert _apply(named, [], ["g:3"]) == {("s:3", "g:3")}
    # several operations, each gets the dataset; the WHERE keyword in data is left alone
    two = (
        "INSERT DATA { GRAPH <g:x> { <s:9> <p:c> 'WHERE' } } ;\n"
        "INSERT { GRAPH <g:out> { ?s <p:b> 1 } } WHERE { ?s <p:a> ?o }"
    )
    assert _apply(two, ["g:1"], []) == {("s:1", "g:out")}


def test_add_using_delete_where_short_form() -> None:
    store = ox.Store()
    store.update("INSERT DATA { GRAPH <g:1> { <s:1> <p:a> 1 } GRAPH <g:2> { <s:2> <p:a> 2 } }")
    store.update(add_using("DELETE WHERE { ?s <p:a> ?o }", ["g:1"], []))
    left = {q.subject.value for q in store.quads_for_pattern(None, None, None, None)}
    # DELETE without GRAPH removes from the store's default graph; what the protocol
    # dataset changes is which triples the pattern *matches*: both remain here.
    assert left == {"s:1", "s:2"}
    rewritten = add_using("DELETE WHERE { ?s <p:a> ?o }", ["g:1"], [])
    assert rewritten == "DELETE { ?s <p:a> ?o } USING <g:1> WHERE { ?s <p:a> ?o }"


# Each case below was written against a mutant that survived `make mutants` (see
# docs/testing.md): the header alone says which rule of RFC 9110 §12.5.1 it pins.
@pytest.mark.parametrize(
    ("form", "accept", "fmt", "expected"),
    [
        # The most specific range decides, whatever its q and wherever it stands.
        ("solutions", "application/sparql-results+json;q=0, */*", None, neg.SPARQL_XML),
        ("solutions", "*/*, application/sparql-results+json;q=0", None, neg.SPARQL_XML),
        ("solutions", "application/sparql-results+json;q=0.1, */*", None, neg.SPARQL_XML),
        ("solutions", "text/*;q=0, */*", None, neg.SPARQL_JSON),
        ("solutions", "text/*, text/csv;q=0", None, neg.TSV),
        # The exact name beats an alias of the same type; equal ranges keep their best q.
        ("solutions", neg.SPARQL_JSON + ";q=0, application/json, */*;q=0.1", None, neg.SPARQL_XML),
        (
            "solutions",
            "application/json;q=0, application/sparql-results+json",
            None,
            neg.SPARQL_JSON,
        ),
        (
            "solutions",
            "text/xml;q=0.9, application/xml;q=0.1, " + neg.SPARQL_JSON + ";q=0.5",
            None,
            neg.SPARQL_XML,
        ),
        (
            "solutions",
            "application/xml;q=0.1, text/xml;q=0.9, " + neg.SPARQL_JSON + ";q=0.5",
            None,
            neg.SPARQL_XML,
        ),
        # A bare `*` means `*/*`; no q means 1; q is clamped to [0, 1]; bad q means 1.
        ("graph", "application/rdf+xml;q=0.5, *", None, neg.TURTLE),
        ("solutions", "text/csv;q=1, text/tab-separated-values", None, neg.CSV),
        ("solutions", "text/tab-separated-values;q=5, text/csv", None, neg.CSV),
        ("solutions", "text/csv, text/tab-separated-values;q=abc", None, neg.CSV),
        ("solutions", "text/csv;q=-1, text/tab-separated-values;q=0.1", None, neg.TSV),
        # Graph aliases hold for resource pages too, by Accept and by format=.
        ("page", "application/json", None, neg.JSONLD),
        ("page", "application/xml;q=0.5, text/turtle;q=0.4", None, neg.RDFXML),
        ("page", None, "json", neg.JSONLD),
        ("page", None, "xml", neg.RDFXML),
        ("graph", None, "application/json", neg.JSONLD),
        # format= may carry parameters, as a media type may.
        ("solutions", None, neg.SPARQL_JSON + ";charset=utf-8", neg.SPARQL_JSON),
        ("graph", None, "text/xml; charset=utf-8", neg.RDFXML),
    ],
)
def test_choose_precedence(form, accept, fmt, expected) -> None:
    assert neg.choose(form, accept, fmt) == expected


def test_prefers_html_needs_text_html_itself() -> None:
    # Another text/ type, or */*, is no request for the query UI.
    assert not neg.prefers_html("text/plain, */*")
    assert not neg.prefers_html("application/xhtml+xml, */*")


def test_a_dataset_reads_json_as_json_ld() -> None:
    """A whole dataset (the Graph Store Protocol's dump) is RDF: `json` and
    `application/json` name JSON-LD for it, as for a graph, never SPARQL results."""
    assert neg.from_format_param("dataset", "json") == neg.JSONLD
    assert neg.from_format_param("dataset", "xml") is None  # RDF/XML holds no graphs
    assert neg.normalize("application/json", "dataset") == neg.JSONLD
    assert neg.normalize("application/json", "solutions") != neg.JSONLD
