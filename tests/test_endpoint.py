"""The SPARQL endpoint over real HTTP with real clients: SPARQLWrapper, rdflib, curl.

Every answer is parsed back by a client library (rdflib's result and RDF parsers),
so a format that merely looks right but does not round-trip fails here.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
import requests
from rdflib import OWL, Dataset, Graph, Literal, Namespace, URIRef
from rdflib import RDF as RDF_NS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.protocol_fixtures import ADMIN_TOKEN
from tests.sample_data import BASE, DOC1, DOC2

NG = Namespace("https://w3id.org/newsgraph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DOC1_IRI = f"{BASE}doc/{DOC1}"
DOC2_IRI = f"{BASE}doc/{DOC2}"
PERSONS = f"""PREFIX ng: <{NG}>
SELECT ?p WHERE {{ ?p a ng:Person }} ORDER BY ?p"""
N_PERSONS = 4
CONSTRUCT = f"""PREFIX ng: <{NG}>
CONSTRUCT {{ ?p a ng:Person ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}
WHERE {{ ?p a ng:Person ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"""

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


def get(server, query: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(
        server.sparql, params={"query": query, **params}, headers=headers, timeout=30
    )


def parse_graph(resp: requests.Response, fmt: str) -> Graph:
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=resp.content, format=fmt)
        g = Graph()
        for s, p, o, _ in ds.quads():
            g.add((s, p, o))
        return g
    return Graph().parse(data=resp.content, format=fmt)


# --- Every format round-trips -------------------------------------------------


@pytest.mark.parametrize("media_type", list(SELECT_TYPES))
def test_select_every_format_parses(sample_server, media_type) -> None:
    resp = get(sample_server, PERSONS, media_type)
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].split(";")[0] == media_type
    assert resp.headers["Vary"] == "Accept"
    result = Result.parse(io.BytesIO(resp.content), format=SELECT_TYPES[media_type])
    persons = sorted(str(row[0]) for row in result)
    assert len(persons) == N_PERSONS
    assert f"{BASE}person/vladimir-putin" in persons


@pytest.mark.parametrize(
    "media_type", ["application/sparql-results+json", "application/sparql-results+xml"]
)
def test_ask_formats_parse(sample_server, media_type) -> None:
    for query, expected in (
        (f"ASK {{ ?s a <{NG}Meeting> }}", True),
        ("ASK { ?s a <urn:x> }", False),
    ):
        resp = get(sample_server, query, media_type)
        assert resp.status_code == 200
        fmt = SELECT_TYPES[media_type]
        assert Result.parse(io.BytesIO(resp.content), format=fmt).askAnswer is expected


@pytest.mark.parametrize("media_type", list(GRAPH_TYPES))
def test_construct_every_format_parses(sample_server, media_type) -> None:
    resp = get(sample_server, CONSTRUCT, media_type)
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].split(";")[0] == media_type
    g = parse_graph(resp, GRAPH_TYPES[media_type])
    assert len(set(g.subjects())) == N_PERSONS
    assert (
        URIRef(f"{BASE}person/mevlut-cavusoglu"),
        None,
        Literal("Mevlüt Çavuşoğlu", lang="en"),
    ) in g


@pytest.mark.parametrize("media_type", list(GRAPH_TYPES))
def test_describe_every_format_parses(sample_server, media_type) -> None:
    resp = get(sample_server, f"DESCRIBE <{BASE}claim/c1>", media_type)
    assert resp.status_code == 200
    g = parse_graph(resp, GRAPH_TYPES[media_type])
    assert (URIRef(f"{BASE}claim/c1"), NG.value, Literal(16)) in g


@pytest.mark.parametrize(
    ("fmt", "query", "media_type"),
    [
        ("json", PERSONS, "application/sparql-results+json"),
        ("xml", PERSONS, "application/sparql-results+xml"),
        ("csv", PERSONS, "text/csv"),
        ("tsv", PERSONS, "text/tab-separated-values"),
        ("text/csv", PERSONS, "text/csv"),
        ("json", CONSTRUCT, "application/ld+json"),
        ("xml", CONSTRUCT, "application/rdf+xml"),
        ("turtle", CONSTRUCT, "text/turtle"),
        ("ttl", CONSTRUCT, "text/turtle"),
        ("ntriples", CONSTRUCT, "application/n-triples"),
        ("nt", CONSTRUCT, "application/n-triples"),
        ("jsonld", CONSTRUCT, "application/ld+json"),
        ("rdfxml", CONSTRUCT, "application/rdf+xml"),
        ("trig", CONSTRUCT, "application/trig"),
        ("nquads", CONSTRUCT, "application/n-quads"),
        ("application/n-quads", CONSTRUCT, "application/n-quads"),
    ],
)
def test_format_parameter(sample_server, fmt, query, media_type) -> None:
    # The parameter wins over an Accept header that asks for something else.
    resp = get(sample_server, query, "application/sparql-results+xml, text/turtle", format=fmt)
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].split(";")[0] == media_type


def test_accept_q_values(sample_server) -> None:
    resp = get(
        sample_server, PERSONS, "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"
    )
    assert resp.headers["Content-Type"].startswith("application/sparql-results+xml")
    resp = get(sample_server, CONSTRUCT, "application/rdf+xml;q=0.3, application/n-triples")
    assert resp.headers["Content-Type"].startswith("application/n-triples")
    resp = get(sample_server, PERSONS, "*/*")
    assert resp.headers["Content-Type"].startswith("application/sparql-results+json")
    resp = get(sample_server, PERSONS, "application/json")
    assert resp.headers["Content-Type"].startswith("application/sparql-results+json")


def test_406_when_nothing_fits(sample_server) -> None:
    resp = get(sample_server, PERSONS, "image/png")
    assert resp.status_code == 406
    assert resp.headers["Content-Type"].startswith("text/plain")
    assert "application/sparql-results+json" in resp.text
    assert get(sample_server, CONSTRUCT, "application/sparql-results+json").status_code == 406
    assert get(sample_server, PERSONS, format="turtle").status_code == 406
    assert get(sample_server, PERSONS, format="nonsense").status_code == 406


# --- Real clients ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(sample_server, fmt) -> None:
    sw = SPARQLWrapper(sample_server.sparql)
    sw.setQuery(PERSONS)
    sw.setReturnFormat(fmt)
    result = sw.query()
    converted = result.convert()
    if fmt == JSON:
        rows = [b["p"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = [n.firstChild.data for n in converted.getElementsByTagName("uri")]
    else:
        text = converted.decode("utf-8") if isinstance(converted, bytes) else converted
        rows = text.strip().splitlines()[1:]
    assert len(rows) == N_PERSONS


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(sample_server, fmt) -> None:
    sw = SPARQLWrapper(sample_server.sparql)
    sw.setQuery(f"ASK {{ ?s a <{NG}Deployment> }}")
    sw.setReturnFormat(fmt)
    converted = sw.query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDF, RDFXML, XML, JSONLD])
def test_sparqlwrapper_construct(sample_server, fmt) -> None:
    sw = SPARQLWrapper(sample_server.sparql)
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(fmt)
    result = sw.query()
    converted = result.convert()
    if not isinstance(converted, Graph):  # SPARQLWrapper hands Turtle/N3 back as bytes
        parse_as = {TURTLE: "turtle", N3: "turtle"}[fmt]
        converted = Graph().parse(data=converted, format=parse_as)
    assert len(set(converted.subjects())) == N_PERSONS


def test_sparqlwrapper_post(sample_server) -> None:
    sw = SPARQLWrapper(sample_server.sparql)
    sw.setMethod("POST")
    sw.setQuery(PERSONS)
    sw.setReturnFormat(JSON)
    assert len(sw.query().convert()["results"]["bindings"]) == N_PERSONS


@pytest.mark.parametrize("return_format", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore(sample_server, return_format) -> None:
    store = SPARQLStore(sample_server.sparql, returnFormat=return_format)
    g = Graph(store=store)
    rows = list(g.query(PERSONS))
    assert len(rows) == N_PERSONS
    labels = {str(o) for o in g.objects(URIRef(f"{BASE}person/vladimir-putin"), None)}
    assert "Vladimir Putin" in labels
    if return_format == "xml":  # its Accept also names RDF/XML; the others only a table type
        constructed = g.query(CONSTRUCT).graph
        assert len(set(constructed.subjects())) == N_PERSONS
    if return_format in ("xml", "json"):  # CSV/TSV have no boolean form
        assert g.query("ASK { ?s ?p ?o }").askAnswer is True
    store.close()


def test_rdflib_sparqlstore_json(sample_server) -> None:
    g = Graph(store=SPARQLStore(sample_server.sparql, returnFormat="json"))
    rows = list(g.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    assert {str(r[0]) for r in rows} == {DOC1_IRI, DOC2_IRI}


CURL = shutil.which("curl")


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl(sample_server) -> None:
    def curl(*args: str) -> tuple[dict[str, str], str, int]:
        proc = subprocess.run(
            [CURL, "-s", "-D", "-", *args], capture_output=True, timeout=30, check=True
        )
        head, _, body = proc.stdout.decode("utf-8").partition("\r\n\r\n")
        lines = head.split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
        return headers, body, status

    h, body, status = curl(
        "-G", "--data-urlencode", f"query={PERSONS}", "-H", "Accept: text/csv", sample_server.sparql
    )
    assert status == 200 and h["content-type"].startswith("text/csv")
    assert len(body.strip().splitlines()) == N_PERSONS + 1
    h, body, status = curl("--data-urlencode", f"query={PERSONS}", sample_server.sparql)
    assert status == 200 and json.loads(body)["results"]["bindings"]
    h, body, status = curl(
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+xml",
        "--data-binary",
        "ASK {}",
        sample_server.sparql,
    )
    assert status == 200 and "<boolean>true</boolean>" in body
    h, body, status = curl("-X", "PUT", "--data-binary", "x", sample_server.sparql)
    assert status == 405 and set(h["allow"].replace(" ", "").split(",")) == {
        "GET",
        "HEAD",
        "POST",
        "OPTIONS",
    }
    h, body, status = curl("-I", "-G", "--data-urlencode", "query=ASK {}", sample_server.sparql)
    assert status == 200 and h["content-type"].startswith("application/sparql")
    assert "boolean" not in body  # curl -I prints the headers again, never a body


# --- Protocol details ------------------------------------------------------------


def test_dataset_parameters(sample_server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(**params) -> int:
        resp = get(sample_server, count, "application/sparql-results+json", **params)
        assert resp.status_code == 200, resp.text
        return int(resp.json()["results"]["bindings"][0]["n"]["value"])

    everything = n()
    only1 = n(**{"default-graph-uri": DOC1_IRI})
    only2 = n(**{"default-graph-uri": DOC2_IRI})
    assert 0 < only1 < everything and 0 < only2 < everything
    assert n(**{"default-graph-uri": [DOC1_IRI, DOC2_IRI]}) == only1 + only2
    assert n(**{"default-graph-uri": "http://example.org/not-in-the-store"}) == 0
    # Only named graphs given: the default graph is empty, GRAPH sees just those.
    assert n(**{"named-graph-uri": DOC1_IRI}) == 0
    graphs = get(
        sample_server,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "application/sparql-results+json",
        **{"named-graph-uri": DOC2_IRI},
    ).json()
    assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == [DOC2_IRI]


def test_query_from_clause_is_honoured(sample_server) -> None:
    """Our union default graph must not override the query's own FROM."""
    q = f"SELECT (COUNT(*) AS ?n) FROM <{DOC2_IRI}> WHERE {{ ?s ?p ?o }}"
    from_doc2 = int(
        get(sample_server, q, "application/sparql-results+json").json()["results"]["bindings"][0][
            "n"
        ]["value"]
    )
    direct = int(
        get(
            sample_server,
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "application/sparql-results+json",
            **{"default-graph-uri": DOC2_IRI},
        ).json()["results"]["bindings"][0]["n"]["value"]
    )
    assert from_doc2 == direct
    empty = get(
        sample_server,
        "SELECT * FROM <urn:nothing> WHERE { ?s ?p ?o }",
        "application/sparql-results+json",
    ).json()
    assert empty["results"]["bindings"] == []


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "words"),
    [
        (
            "GET",
            {"params": {"query": "SELECT * WHERE {\n ?s ?p"}},
            400,
            'at line 1, column 16: this "{" is never closed',
        ),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "one query"),
        (
            "POST",
            {"data": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "Content-Type",
        ),
        ("POST", {"data": b"ASK {}"}, 415, "Content-Type"),
        (
            "POST",
            {
                "data": "ASK {}".encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-query"},
            },
            400,
            "UTF-8",
        ),
        (
            "POST",
            {
                "data": b"query=ASK%20%7B%7D%20%FF",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            400,
            "UTF-8",
        ),
        (
            "POST",
            {
                "data": b"ASK {}",
                "headers": {"Content-Type": "application/sparql-query; charset=latin-1"},
            },
            415,
            "UTF-8",
        ),
        (
            "POST",
            {"data": b"", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
            400,
            "neither",
        ),
        ("DELETE", {}, 405, "not allowed"),
        ("GET", {"params": {"update": "CLEAR ALL"}}, 400, "POST"),
        ("GET", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri>"}}, 400, "IRI"),
    ],
)
def test_malformed_requests(sample_server, method, kwargs, status, words) -> None:
    resp = requests.request(method, sample_server.sparql, timeout=10, **kwargs)
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("text/plain")
    assert words in resp.text
    if status == 405:
        assert "POST" in resp.headers["Allow"]


def test_syntax_error_reports_line_and_column(sample_server) -> None:
    resp = get(sample_server, "PREFIX ng: <x:>\nSELECT * WHERE {\n  ?s ng:p ?o .\n  FILTER(\n}")
    assert resp.status_code == 400
    # the FILTER's "(" on line 4 is never closed: said in words, with the line and a caret
    assert 'at line 4, column 9: this "(" is never closed' in resp.text, resp.text
    assert "  4 |   FILTER(\n    |         ^\n" in resp.text, resp.text
    assert resp.headers["X-Newsgraph-Error-Position"] == "4:9-10"


def test_undeclared_prefix_is_named_with_its_declaration(sample_server) -> None:
    resp = get(sample_server, 'SELECT * WHERE { ?s ?p ?o FILTER(?o > "1"^^xsd:integer) }')
    assert resp.status_code == 400
    first = resp.text.splitlines()[0]
    assert first == (
        'SPARQL syntax error at line 1, column 44: the prefix "xsd:" is not declared; '
        "add  PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>  at the top."
    ), first
    assert "Prefix not found" not in resp.text and "\\u{" not in resp.text


def test_cors_and_preflight(sample_server) -> None:
    resp = get(sample_server, "ASK {}")
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in resp.headers
    pre = requests.options(
        sample_server.sparql,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "content-type" in pre.headers["Access-Control-Allow-Headers"].lower()
    assert "OPTIONS" in pre.headers["Allow"]
    assert get(sample_server, "ASK {", "text/csv").headers["Access-Control-Allow-Origin"] == "*"


def test_head_has_headers_and_no_body(sample_server) -> None:
    resp = requests.head(
        sample_server.sparql, params={"query": PERSONS}, headers={"Accept": "text/csv"}, timeout=10
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/csv")
    assert resp.content == b""


def test_large_result_streams_whole(sample_server) -> None:
    """An answer larger than one chunk streams from the query process (no Content-Length,
    chunked) and arrives whole (docs/limits.md, "Streaming")."""
    query = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } LIMIT 20000"
    with requests.get(
        sample_server.sparql,
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        stream=True,
        timeout=60,
    ) as resp:
        assert resp.status_code == 200
        body = b"".join(resp.iter_content(chunk_size=65536))
        assert "Content-Length" not in resp.headers
        assert resp.headers["Transfer-Encoding"] == "chunked"
        assert len(body) > 1 << 20  # more than one chunk: it did stream
    assert len(json.loads(body)["results"]["bindings"]) == 20000


def test_download_parameter(sample_server) -> None:
    resp = get(sample_server, PERSONS, format="csv", download="1")
    assert resp.headers["Content-Disposition"] == 'attachment; filename="results.csv"'


# --- Service description and VoID --------------------------------------------------


def test_service_description_for_rdf_clients_ui_for_browsers(sample_server) -> None:
    resp = requests.get(sample_server.sparql, headers={"Accept": "text/turtle"}, timeout=10)
    assert resp.status_code == 200 and resp.headers["Vary"] == "Accept"
    g = Graph().parse(data=resp.content, format="turtle")
    service = g.value(predicate=SD.endpoint, object=URIRef(sample_server.sparql))
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert (service, SD.feature, SD.BasicFederatedQuery) in g
    assert (service, SD.feature, SD.DereferencesURIs) not in g  # FROM never fetches
    formats = {str(f).rsplit("/", 1)[1] for f in g.objects(service, SD.resultFormat)}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
        "TriG",
        "N-Quads",
    } <= formats
    dataset = g.value(service, SD.defaultDataset)
    named = {
        str(g.value(ng, SD.name)): int(g.value(g.value(ng, SD.graph), VOID.triples))
        for ng in g.objects(dataset, SD.namedGraph)
    }
    counts = {
        b["g"]["value"]: int(b["n"]["value"])
        for b in get(
            sample_server,
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "application/sparql-results+json",
        ).json()["results"]["bindings"]
    }
    assert named == counts
    default = g.value(dataset, SD.defaultGraph)
    assert int(g.value(default, VOID.triples)) > 0

    html = requests.get(
        sample_server.sparql,
        timeout=10,
        headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    )
    assert html.headers["Content-Type"].startswith("text/html")
    assert "yasgui.min.js" in html.text
    jsonld = requests.get(
        sample_server.sparql, headers={"Accept": "application/ld+json"}, timeout=10
    )
    assert len(Graph().parse(data=jsonld.content, format="json-ld")) == len(g)
    plain = requests.get(sample_server.sparql, timeout=10)  # curl-like */*
    assert plain.headers["Content-Type"].startswith("text/turtle")


def test_void(sample_server) -> None:
    resp = requests.get(sample_server.url + "/.well-known/void", timeout=10)
    assert resp.status_code == 200
    g = Graph().parse(data=resp.content, format="turtle")
    dataset = next(g.subjects(VOID.sparqlEndpoint, URIRef(sample_server.sparql)))
    assert int(g.value(dataset, VOID.triples)) > 100
    subsets = {
        str(g.value(s, SD.name)): s
        for s in g.objects(dataset, VOID.subset)
        if g.value(s, SD.name) is not None
    }
    assert set(subsets) == {DOC1_IRI, DOC2_IRI}
    # the dump (Graph Store Protocol, whole dataset) answers, and the Linkset to Wikidata
    dump = g.value(dataset, VOID.dataDump)
    assert str(dump) == sample_server.url + "/rdf-graph-store?format=nquads"
    assert requests.head(str(dump), timeout=10).status_code == 200
    [linkset] = list(g.subjects(VOID.linkPredicate, OWL.sameAs))
    assert (linkset, RDF_NS.type, VOID.Linkset) in g
    assert g.value(linkset, VOID.subjectsTarget) == dataset
    wikidata = g.value(linkset, VOID.objectsTarget)
    assert str(g.value(wikidata, VOID.sparqlEndpoint)) == "https://query.wikidata.org/sparql"
    links = get(
        sample_server,
        "SELECT (COUNT(*) AS ?n) { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o "
        'FILTER(STRSTARTS(STR(?o), "http://www.wikidata.org/entity/") '
        '&& !STRSTARTS(STR(?s), "http://www.wikidata.org/entity/")) }',
        "application/sparql-results+json",
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert int(g.value(linkset, VOID.triples)) == int(links) > 0
    doc2 = subsets[DOC2_IRI]
    classes = {
        g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
        for p in g.objects(doc2, VOID.classPartition)
    }
    assert classes[NG.Person] == 2 and classes[NG.NumericClaim] == 1
    properties = {
        g.value(p, VOID.property): int(g.value(p, VOID.triples))
        for p in g.objects(doc2, VOID.propertyPartition)
    }
    assert properties[NG.personnel] == 1
    whole = {
        g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
        for p in g.objects(dataset, VOID.classPartition)
    }
    assert whole[NG.Person] == N_PERSONS
    assert int(g.value(doc2, VOID.entities)) > 0
    page = requests.get(
        sample_server.url + "/.well-known/void",
        timeout=10,
        headers={"Accept": "text/html,*/*;q=0.8"},
    )
    # a readable summary, not a Turtle dump: counts, and classes by their labels
    assert page.headers["Content-Type"].startswith("text/html")
    assert "void:classPartition" not in page.text and "What the graph holds" in page.text
    assert f'<td class="num">{N_PERSONS}</td>' in page.text.replace(",", "")
    nt = requests.get(sample_server.url + "/.well-known/void?format=nt", timeout=10)
    assert len(Graph().parse(data=nt.content, format="nt")) == len(g)


def test_front_page_links_the_ui(sample_server) -> None:
    html = requests.get(sample_server.url + "/", timeout=10).text
    assert 'href="/sparql"' in html


# --- SPARQL Update -------------------------------------------------------------------


def test_update_needs_token_and_works(writable_server) -> None:
    insert = f'INSERT DATA {{ GRAPH <urn:g:new> {{ <urn:x> <{NG}text> "hello" }} }}'
    ctype = {"Content-Type": "application/sparql-update"}
    no_token = requests.post(writable_server.sparql, data=insert, headers=ctype, timeout=10)
    assert no_token.status_code == 401 and "Bearer" in no_token.headers["WWW-Authenticate"]
    wrong = requests.post(
        writable_server.sparql,
        data=insert,
        timeout=10,
        headers={**ctype, "Authorization": "Bearer nope"},
    )
    assert wrong.status_code == 401
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    ok = requests.post(writable_server.sparql, data=insert, headers={**ctype, **auth}, timeout=10)
    assert ok.status_code == 200, ok.text
    ask = get(
        writable_server,
        'ASK { GRAPH <urn:g:new> { <urn:x> ?p "hello" } }',
        "application/sparql-results+json",
    )
    assert ask.json()["boolean"] is True
    # The service description sees the new graph and now announces Update.
    g = Graph().parse(
        data=requests.get(
            writable_server.sparql, timeout=10, headers={"Accept": "text/turtle"}
        ).content,
        format="turtle",
    )
    assert "urn:g:new" in {str(o) for o in g.objects(None, SD.name)}
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in g
    # Form-encoded, with the protocol's using-graph-uri: WHERE reads only doc 2.
    form = requests.post(
        writable_server.sparql,
        data={
            "update": f"INSERT {{ GRAPH <urn:g:persons> {{ ?p a <urn:Found> }} }} "
            f"WHERE {{ ?p a <{NG}Person> }}",
            "using-graph-uri": DOC2_IRI,
        },
        headers=auth,
        timeout=10,
    )
    assert form.status_code == 200, form.text
    found = get(
        writable_server,
        "SELECT ?p WHERE { GRAPH <urn:g:persons> { ?p a <urn:Found> } }",
        "application/sparql-results+json",
    ).json()["results"]["bindings"]
    assert len(found) == 2  # the persons of doc 2 only
    syntax = requests.post(
        writable_server.sparql, data={"update": "CLEAR XYZ"}, headers=auth, timeout=10
    )
    assert syntax.status_code == 400 and "syntax error at line 1, column" in syntax.text
    smuggled = requests.post(
        writable_server.sparql,
        data={
            "update": "INSERT { GRAPH <urn:g:x> { ?s <urn:p> 1 } } WHERE { ?s ?p ?o }",
            "using-graph-uri": "urn:a> } ; DROP ALL ; INSERT DATA { <urn:b",
        },
        headers=auth,
        timeout=10,
    )
    assert smuggled.status_code == 400 and "IRI" in smuggled.text
    load = requests.post(
        writable_server.sparql,
        data={"update": "LOAD <http://example.org/x>"},
        headers=auth,
        timeout=10,
    )
    assert load.status_code == 400 and "LOAD" in load.text
    slash = requests.post(
        writable_server.sparql + "/",
        data={"update": "CLEAR GRAPH <urn:g:new>"},
        headers=auth,
        timeout=10,
    )
    assert slash.status_code == 200
    both = requests.post(
        writable_server.sparql,
        data={"update": "CLEAR ALL", "query": "ASK {}"},
        headers=auth,
        timeout=10,
    )
    assert both.status_code == 400


def test_update_forbidden_when_disabled(sample_server) -> None:
    resp = requests.post(
        sample_server.sparql,
        data={"update": "CLEAR ALL"},
        headers={"Authorization": "Bearer anything"},
        timeout=10,
    )
    assert resp.status_code == 403
    assert "disabled" in resp.text


def test_a_large_one_pattern_answer_streams_from_a_query_process(tmp_path) -> None:
    """A one-pattern query runs on the request thread only while it stays a lookup:
    past server.fastpath.THREAD_ROWS rows the query processes answer it, streamed, so
    the web process never holds a large answer whole (docs/limits.md)."""
    import pyoxigraph as ox

    from kg.config import Config
    from kg.server.fastpath import THREAD_ROWS
    from kg.store import begin_build
    from tests.conftest import start_server, stop_server

    rows = THREAD_ROWS * 5
    graph = ox.NamedNode("urn:x:g")
    text = "x" * 300  # a large answer: more than one 1 MiB chunk
    pending = begin_build(Config(data_dir=tmp_path))
    pending.store.extend(
        ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.Literal(text), graph)
        for i in range(rows)
    )
    pending.commit({"documents": []})
    server = start_server(tmp_path)
    try:
        with requests.post(
            server.sparql,
            data={"query": "SELECT ?s ?o WHERE { ?s <urn:x:p> ?o }"},
            headers={"Accept": "application/sparql-results+json"},
            stream=True,
            timeout=60,
        ) as resp:
            assert resp.status_code == 200
            body = b"".join(resp.iter_content(chunk_size=65536))
            assert "X-Newsgraph-Truncated" not in resp.headers
            assert resp.headers.get("Transfer-Encoding") == "chunked"
        assert len(json.loads(body)["results"]["bindings"]) == rows
        # a lookup by IRI still answers, whole (on the request thread)
        resp = requests.post(
            server.sparql,
            data={"query": "SELECT ?p ?o WHERE { <urn:x:s7> ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert resp.status_code == 200 and len(resp.json()["results"]["bindings"]) == 1
    finally:
        stop_server(server)
