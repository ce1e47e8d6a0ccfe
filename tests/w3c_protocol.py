"""A runner for the W3C SPARQL 1.1 Protocol and Service Description test suites.

It reads the manifests in tests/data/w3c/ (W3C test-suite licence, LICENSE.md there),
replays every `ht:Request` of a test over real HTTP against a running server, and
checks what the manifest expects: the status class, the result format (boolean,
tabular, RDF) and the ASK answer. Request paths start with `/sparql/`, which the
manifest says to replace with the endpoint's own path.

Usable from pytest (tests/test_w3c_protocol.py) and on its own:

    python -m tests.w3c_protocol http://127.0.0.1:8080/sparql [TOKEN]
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

W3C = Path(__file__).resolve().parent / "data" / "w3c"
PROTOCOL_MANIFEST = W3C / "sparql11-protocol" / "manifest.ttl"
SD_MANIFEST = W3C / "sparql11-service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}
SRX = "{http://www.w3.org/2005/sparql-results#}"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # acceptable status classes: 2 for 2xx …
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class ProtocolTest:
    name: str  # local name, e.g. query_post_form
    title: str
    graph_data: list[tuple[Path, str]] = field(default_factory=list)  # (file, graph IRI)
    requests: list[Request] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return self.name.startswith(("update_", "bad_update"))


def _status_class(term: URIRef) -> int:
    return int(str(term).rsplit("StatusCode", 1)[1][0])


def load_protocol_tests(manifest: Path = PROTOCOL_MANIFEST) -> list[ProtocolTest]:
    """Every test of the manifest, in its mf:entries order."""
    g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(root, MF.entries)):
        test = ProtocolTest(name=str(entry).rsplit("#", 1)[1], title=str(g.value(entry, MF.name)))
        for gd in g.objects(entry, UT.graphData):
            file_iri = str(g.value(gd, UT.graph))
            test.graph_data.append((Path(urlsplit(file_iri).path), str(g.value(gd, RDFS.label))))
        action = g.value(entry, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            hlist = g.value(req, HT.headers)
            if hlist is not None:
                for h in Collection(g, hlist):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = None
            body_node = g.value(req, HT.body)
            if body_node is not None:
                encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(body_node, CNT.chars)).encode(encoding)
            resp = g.value(req, HT.resp)
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            test.requests.append(
                Request(
                    method=str(g.value(req, HT.methodName)),
                    path=str(g.value(req, HT.absolutePath)),
                    headers=headers,
                    body=body,
                    statuses={_status_class(s) for s in g.objects(resp, MF.expectedStatus)},
                    expected_format=str(fmt) if fmt is not None else None,
                    expected_boolean=boolean.toPython() if isinstance(boolean, Literal) else None,
                )
            )
        tests.append(test)
    return tests


def all_graph_data(tests: list[ProtocolTest]) -> dict[str, Path]:
    """Graph IRI → data file, over every test (the manifest uses each file under one name)."""
    data: dict[str, Path] = {}
    for t in tests:
        for path, graph in t.graph_data:
            data[graph] = path
    return data


def _media_type(resp: requests.Response) -> str:
    return resp.headers.get("Content-Type", "").split(";")[0].strip().lower()


def parse_boolean(resp: requests.Response) -> bool:
    kind = RESULT_TYPES.get(_media_type(resp))
    if kind == "json":
        return bool(json.loads(resp.content)["boolean"])
    if kind == "xml":
        node = ElementTree.fromstring(resp.content).find(f"{SRX}boolean")
        assert node is not None and node.text, "no <boolean> element"
        return node.text.strip() == "true"
    raise AssertionError(f"not a boolean result format: {_media_type(resp)}")


def parse_tabular(resp: requests.Response) -> list[dict]:
    kind = RESULT_TYPES.get(_media_type(resp))
    if kind == "json":
        return json.loads(resp.content)["results"]["bindings"]
    if kind == "xml":
        root = ElementTree.fromstring(resp.content)
        return [dict(r.attrib) for r in root.iter(f"{SRX}result")]
    if kind in ("csv", "tsv"):
        text = resp.content.decode("utf-8")
        return list(csv.DictReader(io.StringIO(text), delimiter="," if kind == "csv" else "\t"))
    raise AssertionError(f"not a tabular result format: {_media_type(resp)}")


def parse_rdf(resp: requests.Response, public_id: str | None = None) -> Graph:
    fmt = RDF_TYPES.get(_media_type(resp))
    if fmt is None:
        raise AssertionError(f"not an RDF format: {_media_type(resp)}")
    g = Graph() if fmt not in ("trig", "nquads") else None
    if g is None:
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=resp.content, format=fmt, publicID=public_id)
        g = Graph()
        for s, p, o, _ in ds.quads():
            g.add((s, p, o))
        return g
    g.parse(data=resp.content, format=fmt, publicID=public_id)
    return g


def check_response(req: Request, resp: requests.Response) -> list[str]:
    problems = []
    if resp.status_code // 100 not in req.statuses:
        problems.append(
            f"{req.method} {req.path[:80]}: status {resp.status_code}, expected "
            + "/".join(f"{s}xx" for s in sorted(req.statuses))
            + f" ({resp.text[:200]!r})"
        )
        return problems
    try:
        if req.expected_format == "boolean":
            value = parse_boolean(resp)
            if req.expected_boolean is not None and value != req.expected_boolean:
                problems.append(f"ASK answered {value}, expected {req.expected_boolean}")
        elif req.expected_format == "tabular":
            parse_tabular(resp)
        elif req.expected_format == "RDF":
            parse_rdf(resp)
    except Exception as exc:  # noqa: BLE001 - reported as a test failure
        problems.append(f"unreadable {req.expected_format} answer: {exc!r}")
    return problems


def send(
    endpoint: str, req: Request, token: str | None = None, session: requests.Session | None = None
) -> requests.Response:
    """Send one manifest request, its `/sparql/` prefix mapped onto `endpoint`."""
    parts = urlsplit(endpoint)
    path = req.path
    if path.startswith("/sparql/"):
        rest = path[len("/sparql/") :]
        path = parts.path + (rest if not rest or rest.startswith("?") else "/" + rest)
    url = f"{parts.scheme}://{parts.netloc}{path}"
    headers = dict(req.headers)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    http = session or requests
    return http.request(
        req.method, url, data=req.body, headers=headers, allow_redirects=False, timeout=30
    )


def reset_data(endpoint: str, test: ProtocolTest, token: str) -> None:
    """Put the store back to the test's ut:graphData (previous tests may have updated it)."""
    parts = ["DROP ALL"]
    for path, graph in test.graph_data:
        triples = (PROTOCOL_MANIFEST.parent / path.name).read_text(encoding="utf-8")
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}")
    resp = requests.post(
        endpoint,
        data=" ;\n".join(parts).encode("utf-8"),
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {token}",
        },
        timeout=30,
    )
    resp.raise_for_status()


def run_protocol_test(endpoint: str, test: ProtocolTest, token: str | None = None) -> list[str]:
    """Replay a test; returns the problems found (empty: passed)."""
    if test.graph_data and token:
        try:
            reset_data(endpoint, test, token)
        except requests.RequestException as exc:
            return [f"could not load the test's graph data by SPARQL Update: {exc}"]
    problems = []
    with requests.Session() as session:
        for req in test.requests:
            problems += check_response(req, send(endpoint, req, token, session))
            if problems:
                break
    return problems


SD_LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
SD_RDF_ACCEPT = (
    "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.9, application/n-triples;q=0.8"
)


def fetch_service_description(endpoint: str, accept: str = SD_RDF_ACCEPT) -> Graph:
    resp = requests.get(endpoint, headers={"Accept": accept}, timeout=30)
    if resp.status_code != 200:
        raise AssertionError(f"GET {endpoint}: status {resp.status_code}")
    return parse_rdf(resp, public_id=endpoint)


def sd_returns_rdf(endpoint: str) -> list[str]:
    """:returns-rdf — GET on the endpoint, no query, returns RDF."""
    problems = []
    for accept in ("text/turtle", "application/rdf+xml", "application/ld+json", SD_RDF_ACCEPT):
        try:
            g = fetch_service_description(endpoint, accept)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"Accept {accept}: {exc!r}")
            continue
        if len(g) == 0:
            problems.append(f"Accept {accept}: empty RDF")
    return problems


def sd_has_endpoint_triple(endpoint: str) -> list[str]:
    """:has-endpoint-triple — some sd:Service has sd:endpoint equal to the URL fetched."""
    g = fetch_service_description(endpoint)
    services = [s for s in g.subjects(SD.endpoint, URIRef(endpoint))]
    if not services:
        return [f"no ?s sd:endpoint <{endpoint}>"]
    if not any((s, RDF.type, SD.Service) in g for s in services):
        return ["the subject of sd:endpoint is not an sd:Service"]
    return []


def sd_conforms_to_schema(endpoint: str) -> list[str]:
    """:conforms-to-schema — the terms are used as the SD vocabulary defines them."""
    g = fetch_service_description(endpoint)
    problems = []
    services = list(g.subjects(RDF.type, SD.Service))
    if not services:
        problems.append("no sd:Service")
    for s in services:
        endpoints = list(g.objects(s, SD.endpoint))
        if not endpoints or not all(isinstance(e, URIRef) for e in endpoints):
            problems.append("sd:Service without an IRI sd:endpoint")
        for lang in g.objects(s, SD.supportedLanguage):
            if lang not in SD_LANGUAGES:
                problems.append(f"unknown sd:supportedLanguage {lang}")
        for f in g.objects(s, SD.resultFormat):
            if not isinstance(f, URIRef):
                problems.append("sd:resultFormat must be an IRI")
        for f in g.objects(s, SD.feature):
            if not isinstance(f, URIRef):
                problems.append("sd:feature must be an IRI")
        for ds in g.objects(s, SD.defaultDataset):
            if (ds, RDF.type, SD.Dataset) not in g:
                problems.append("sd:defaultDataset is not an sd:Dataset")
            for dg in g.objects(ds, SD.defaultGraph):
                if (dg, RDF.type, SD.Graph) not in g:
                    problems.append("sd:defaultGraph is not an sd:Graph")
            for ng in g.objects(ds, SD.namedGraph):
                names = list(g.objects(ng, SD.name))
                if len(names) != 1 or not isinstance(names[0], URIRef):
                    problems.append(f"sd:NamedGraph {ng} needs exactly one IRI sd:name")
                if (ng, RDF.type, SD.NamedGraph) not in g:
                    problems.append(f"{ng} is not typed sd:NamedGraph")
                for graph in g.objects(ng, SD.graph):
                    if (graph, RDF.type, SD.Graph) not in g:
                        problems.append("sd:graph value is not an sd:Graph")
    return problems


SD_TESTS = {
    "has-endpoint-triple": sd_has_endpoint_triple,
    "returns-rdf": sd_returns_rdf,
    "conforms-to-schema": sd_conforms_to_schema,
}


def load_sd_test_names(manifest: Path = SD_MANIFEST) -> list[str]:
    g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(g.subjects(RDF.type, MF.Manifest))
    return [str(e).rsplit("#", 1)[1] for e in Collection(g, g.value(root, MF.entries))]


def main(argv: list[str]) -> int:
    endpoint = argv[1]
    token = argv[2] if len(argv) > 2 else None
    passed = failed = 0
    for test in load_protocol_tests():
        if test.is_update and not token:
            continue
        problems = run_protocol_test(endpoint, test, token)
        print(("PASS " if not problems else "FAIL ") + test.name, *problems, sep="\n    ")
        passed, failed = passed + (not problems), failed + bool(problems)
    for name in load_sd_test_names():
        problems = SD_TESTS[name](endpoint)
        print(("PASS " if not problems else "FAIL ") + name, *problems, sep="\n    ")
        passed, failed = passed + (not problems), failed + bool(problems)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
