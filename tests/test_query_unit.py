"""kg.query in-process: which dataset a query sees, and every format read back by a parser.

The endpoint tests check the same through `kg serve`; these run `kg.query` alone, the
code both `kg query` and the query workers call (and the tests `make mutants` runs on it).
"""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from kg import negotiate as neg
from kg import query as q
from kg.config import Config
from kg.federation import QueryRefused

EX = "http://example.org/"


def store() -> ox.Store:
    """g1 holds a, g2 holds b; the default graph holds their union (as a build makes it)."""
    s = ox.Store()
    for name, graph in (("a", "g1"), ("b", "g2")):
        triple = (ox.NamedNode(EX + name), ox.NamedNode(EX + "p"), ox.Literal(name))
        s.add(ox.Quad(*triple, ox.NamedNode(EX + graph)))
        s.add(ox.Quad(*triple, ox.DefaultGraph()))
    return s


def subjects(result: q.QueryResult) -> list[str]:
    return sorted(row["s"].value.removeprefix(EX) for row in result.value)  # type: ignore[attr-defined]


SELECT = "SELECT ?s WHERE { ?s ?p ?o }"


def test_default_dataset_is_the_union_and_graph_sees_named_graphs() -> None:
    assert subjects(q.run(store(), SELECT)) == ["a", "b"]
    named = q.run(store(), "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert subjects(named) == ["a", "b"]


def test_from_picks_store_graphs() -> None:
    got = q.run(store(), f"SELECT ?s FROM <{EX}g2> WHERE {{ ?s ?p ?o }}")
    assert subjects(got) == ["b"]
    named_only = q.run(store(), f"SELECT ?s FROM NAMED <{EX}g1> WHERE {{ ?s ?p ?o }}")
    assert subjects(named_only) == []  # FROM NAMED alone: an empty default graph
    graph = q.run(store(), f"SELECT ?s FROM NAMED <{EX}g1> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert subjects(graph) == ["a"]


def test_protocol_dataset_overrides_from() -> None:
    query = f"SELECT ?s FROM <{EX}g2> WHERE {{ ?s ?p ?o }}"
    assert subjects(q.run(store(), query, default_graphs=[EX + "g1"])) == ["a"]
    assert subjects(q.run(store(), SELECT, default_graphs=[EX + "g1", EX + "g2"])) == ["a", "b"]
    assert subjects(q.run(store(), SELECT, default_graphs=[EX + "missing"])) == []
    only_named = q.run(
        store(), "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[EX + "g2"]
    )
    assert subjects(only_named) == ["b"]
    # named graphs given alone: the default graph is empty, not the union
    assert subjects(q.run(store(), SELECT, named_graphs=[EX + "g2"])) == []


def test_forms_and_base_iri() -> None:
    assert q.run(store(), "ASK { ?s ?p ?o }").form == "boolean"
    assert q.run(store(), SELECT).form == "solutions"
    assert q.run(store(), "CONSTRUCT WHERE { ?s ?p ?o }").form == "graph"
    assert q.run(store(), f"DESCRIBE <{EX}a>").form == "graph"
    based = q.run(store(), "SELECT ?s WHERE { BIND(<a> AS ?s) }", base_iri=EX)
    assert [row["s"].value for row in based.value] == [EX + "a"]  # type: ignore[attr-defined]
    assert q.QueryResult("boolean", None).offered == list(neg.OFFERS["boolean"])


def test_policy_applies_with_and_without_config() -> None:
    service = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryRefused):
        q.run(store(), service)
    with pytest.raises(QueryRefused):
        q.run(store(), service, config=Config(service_allowlist=("http://other.example/",)))
    with pytest.raises(SyntaxError):
        q.run(store(), "SELEKT")


@pytest.mark.parametrize("media_type", list(q.RESULT_FORMATS))
def test_select_in_every_result_format(media_type: str) -> None:
    body = q.serialize(q.run(store(), SELECT), media_type)
    name = q.RESULT_FORMATS[media_type][0]
    rows = Result.parse(io.BytesIO(body), format=name)
    assert sorted(str(r[0]) for r in rows) == [EX + "a", EX + "b"]


@pytest.mark.parametrize("media_type", [neg.SPARQL_JSON, neg.SPARQL_XML])
def test_ask_in_both_result_formats(media_type: str) -> None:
    body = q.serialize(q.run(store(), "ASK { ?s ?p 'b' }"), media_type)
    name = q.RESULT_FORMATS[media_type][0]
    assert Result.parse(io.BytesIO(body), format=name).askAnswer is True


def test_aliases_are_written_as_what_they_mean() -> None:
    body = q.serialize(q.run(store(), SELECT), "application/json")
    assert json.loads(body)["head"]["vars"] == ["s"]
    graph = q.run(store(), "CONSTRUCT WHERE { ?s ?p ?o }")
    assert json.loads(q.serialize(graph, "application/json"))  # JSON-LD for a graph


RDFLIB = {
    neg.TURTLE: "turtle",
    neg.NTRIPLES: "nt",
    neg.JSONLD: "json-ld",
    neg.RDFXML: "xml",
    neg.TRIG: "trig",
    neg.NQUADS: "nquads",
}


@pytest.mark.parametrize("media_type", list(q.GRAPH_FORMATS))
def test_construct_in_every_graph_format(media_type: str) -> None:
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    body = q.serialize(q.run(store(), construct), media_type, prefixes={"ex": EX})
    expected = Graph()
    for t in ox.Store.query(store(), construct):
        expected.parse(data=f"<{t.subject.value}> <{t.predicate.value}> {t.object} .", format="nt")
    if media_type in (neg.TRIG, neg.NQUADS):
        ds = Dataset()
        ds.parse(data=body, format=RDFLIB[media_type])
        assert len(list(ds.graphs())) == 1  # every triple in the default graph
        got = Graph()
        for s, p, o, _g in ds.quads((None, None, None, None)):
            got.add((s, p, o))
    else:
        got = Graph().parse(data=body, format=RDFLIB[media_type])
    assert isomorphic(got, expected)
    # prefixes make Turtle and TriG readable; other syntaxes ignore them
    assert (b"@prefix ex:" in body) == (media_type in (neg.TURTLE, neg.TRIG))


def test_serialize_into_a_stream() -> None:
    out = io.BytesIO()
    q.serialize_into(q.run(store(), SELECT), neg.CSV, out)
    assert out.getvalue().splitlines()[0] == b"s"


# --- what federation did, and the memo of queries without SERVICE ---

SILENT = "SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?q ?r }"  # refused (loopback), skipped


@pytest.mark.parametrize(
    ("form", "query"),
    [
        ("boolean", f"ASK {{ {SILENT} }}"),
        ("solutions", f"SELECT * {{ {SILENT} }}"),
        ("graph", f"CONSTRUCT {{ ?s ?q ?r }} WHERE {{ {SILENT} }}"),
    ],
)
def test_what_federation_did_is_in_the_headers_of_every_form(form: str, query: str) -> None:
    result = q.run(store(), query)
    assert result.form == form
    assert result.headers["X-Newsgraph-Service"].startswith("<http://127.0.0.1:9/s> mode=skipped")
    assert result.headers["X-Newsgraph-Warning"].startswith("SERVICE SILENT skipped: ")


def test_only_queries_without_service_are_remembered_and_the_memo_is_bounded(
    monkeypatch,
) -> None:
    monkeypatch.setattr(q, "_NO_SERVICE", set())
    monkeypatch.setattr(q, "_NO_SERVICE_MAX", 2)
    s = store()
    plain = "ASK { ?s ?p ?o }"
    q.run(s, plain)
    q.run(s, plain, base_iri="http://b/")
    assert q._NO_SERVICE == {(plain, None), (plain, "http://b/")}
    q.run(s, f"ASK {{ {SILENT} }}")  # a skipped SERVICE: not remembered
    assert (f"ASK {{ {SILENT} }}", None) not in q._NO_SERVICE
    third = "ASK { ?s ?p 1 }"
    q.run(s, third)  # the memo was full: emptied first
    assert q._NO_SERVICE == {(third, None)}
    # a query of 64 KiB or more is not remembered (the memo must stay small)
    under = "ASK {}" + " " * (65535 - 6)
    at = under + " "
    q.run(s, at)
    assert (at, None) not in q._NO_SERVICE
    q.run(s, under)
    assert (under, None) in q._NO_SERVICE


def test_a_bind_join_reads_the_querys_dataset_and_base(monkeypatch) -> None:
    """The remote is a stand-in for Wikidata (kg.federation's HTTP call answers with a
    fixed result): it records the query each call sends."""
    from kg import federation as fed

    wikidata = "https://query.wikidata.org/sparql"
    sent: list[str] = []

    def answer(target, query, config, deadline):
        sent.append(query)
        return fed._Response(
            200,
            {"content-type": "application/sparql-results+json"},
            json.dumps(
                {
                    "head": {"vars": ["s", "n"]},
                    "results": {
                        "bindings": [
                            {
                                "s": {"type": "uri", "value": EX + "a"},
                                "n": {"type": "literal", "value": "N"},
                            }
                        ]
                    },
                }
            ).encode(),
        )

    monkeypatch.setattr(fed, "_http_call", answer)
    config = Config(service_map={wikidata: "http://127.0.0.1:1/x"})
    # <p> is relative (the base makes it EX:p); the protocol's dataset is g1 (only a)
    query = f"SELECT ?s ?n {{ ?s <p> ?o SERVICE <{wikidata}> {{ ?s <n> ?n }} }}"
    result = q.run(s := store(), query, default_graphs=[EX + "g1"], base_iri=EX, config=config)
    assert [[str(t) for t in row] for row in result.value] == [[f"<{EX}a>", '"N"']]
    assert "mode=bind-join calls=1 rows=1" in result.headers["X-Newsgraph-Service"]
    assert sent == [f"SELECT * WHERE {{ VALUES (?s) {{\n  (<{EX}a>)\n}}\n{{ ?s <n> ?n }} }}"]
    assert (query, EX) not in q._NO_SERVICE  # it called out: never remembered as without
    # a relative SERVICE IRI is resolved against the base, as the engine would
    relative = "SELECT * { SERVICE <sparql> { ?s ?p ?o } }"
    q.run(s, relative, base_iri="https://query.wikidata.org/", config=config)
    assert len(sent) == 2 and sent[1] == "SELECT * WHERE { ?s ?p ?o }"


def test_only_turtle_and_trig_are_written_with_the_prefixes() -> None:
    """The prefixes make Turtle and TriG readable; every other format is written
    without them (RDF/XML would declare them as XML namespaces)."""
    prefixes = {"ex": EX}
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    turtle = q.serialize(q.run(store(), construct), "text/turtle", prefixes=prefixes)
    assert turtle.startswith(b"@prefix ex: <http://example.org/> .")
    xml = q.serialize(q.run(store(), construct), "application/rdf+xml", prefixes=prefixes)
    assert b"xmlns:ex=" not in xml and b'<p xmlns="http://example.org/">' in xml
