"""Property-based tests: random input never breaks the endpoint or the extractor.

Bounded for a fast suite: few examples and a short query timeout on the app under test;
no per-example deadline (a clock in a test fails on a slower machine, not on a bug).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from rdflib.namespace import RDF

from kg.config import Config
from kg.documents import SourceDocument
from kg.extract import extract_document
from kg.namespaces import NG, OA
from kg.server.app import create_app
from tests.test_limits_server import copy_data

FRAGMENTS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "*", "{", "}", "(", ")", "[", "]",
    "?s", "?p", "?o", "?x", "<urn:x>", "<http://e/a b>", "ng:Meeting", "a", ".", ";", ",",
    "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "VALUES", "BIND", "AS",
    "COUNT", "GROUP BY", "ORDER BY", "LIMIT 5", "OFFSET", "PREFIX ng: <https://w3id.org/newsgraph/ontology#>",
    '"lit"', "'x'@en", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "42", "-1.5e3",
    "+", "*", "/", "|", "^", "!", "&&", "||", "=", "<", ">", "#", "\n", "\\", '"', "'",
    "REGEX(?o, \"(a+)+$\")", "STRLEN(", "NOW()", "BNODE()", "<<", ">>", "\x00", "\ufffd",
]  # fmt: skip
sparqlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
MEDIA = st.sampled_from(
    [
        None, "*/*", "application/sparql-results+json", "text/csv;q=0.5, text/turtle",
        "application/rdf+xml", "image/png", ";;;", "text/*;q=abc", "application/json,*/*;q=0",
    ]
)  # fmt: skip
FORMATS = st.one_of(
    st.none(), st.sampled_from(["json", "xml", "csv", "turtle", "x", ""]), st.text(max_size=10)
)


@pytest.fixture(scope="module")
def client(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data = copy_data(built_data_dir, tmp_path_factory.mktemp("fuzz") / "var")
    config = Config(data_dir=data, query_timeout=3.0, rate_limit=0, max_rows=50, query_processes=2)
    app = create_app(config)
    yield app.test_client()
    app.extensions["newsgraph.executor"].close()


def _check(resp) -> None:
    body = resp.get_data()
    assert resp.status_code < 500 or resp.status_code in (503, 504), (resp.status_code, body[:300])
    if resp.status_code in (503, 504):
        assert b"died" not in body, body  # a timeout or busy, never a crashed worker


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(query=st.one_of(st.text(max_size=300), sparqlish), accept=MEDIA, fmt=FORMATS)
def test_query_strings_never_5xx(client, query: str, accept, fmt) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    data = {"query": query}
    if fmt is not None:
        data["format"] = fmt
    _check(client.post("/sparql", data=data, headers=headers))
    _check(client.get("/sparql", query_string=data, headers=headers))


@FUZZ
@given(
    body=st.binary(max_size=400),
    ctype=st.sampled_from(
        ["application/sparql-query", "application/x-www-form-urlencoded", "text/plain", ""]
    ),
    graphs=st.lists(st.text(max_size=20), max_size=3),
)
def test_request_bytes_and_params_never_5xx(client, body: bytes, ctype: str, graphs) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    query_string = [("default-graph-uri", g) for g in graphs]
    _check(client.post("/sparql", data=body, headers=headers, query_string=query_string))


def _doc(text: str) -> SourceDocument:
    raw = text.encode("utf-8", errors="surrogatepass")
    return SourceDocument("fuzz.txt", text, hashlib.sha256(raw).hexdigest())


SENTENCES = [
    "On 11 January 2022 Turkish Foreign Minister Mevlüt Çavuşoğlu chaired a meeting.",
    "Kassym-Jomart Tokayev said that 2,030 troops and 250 units of equipment arrived.",
    "The CSTO Collective Peacekeeping Forces were deployed in Kazakhstan.",
    '"We will not tolerate any attacks," the President said.',
    "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan sent contingents to Almaty.",
]
texts = st.one_of(
    st.text(max_size=500),
    st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=30)), max_size=12).map(
        "\n".join
    ),
)


@settings(max_examples=60, deadline=None)
@given(text=texts)
def test_extractor_never_raises_and_quotes_match_offsets(text: str) -> None:
    doc = _doc(text)
    g = extract_document(doc)
    doc_iri = doc.iri("https://w3id.org/newsgraph/id/")
    assert (doc_iri, RDF.type, NG.Document) in g
    contents = list(g.objects(doc_iri, NG.content))
    assert [str(c) for c in contents] in ([], [text])
    for target in g.subjects(OA.hasSource, doc_iri):
        selectors = list(g.objects(target, OA.hasSelector))
        exact = [g.value(s, OA.exact) for s in selectors if g.value(s, OA.exact) is not None]
        spans = [
            (int(g.value(s, OA.start)), int(g.value(s, OA.end)))
            for s in selectors
            if g.value(s, OA.start) is not None
        ]
        for quote in exact:
            for start, end in spans:
                assert 0 <= start <= end <= len(text)
                assert text[start:end] == str(quote), (target, start, end)
    for s in g.subjects(RDF.type, OA.TextPositionSelector):
        start, end = int(g.value(s, OA.start)), int(g.value(s, OA.end))
        assert 0 <= start <= end <= len(text), URIRef(s)
