"""Scale-out against a real external store: Virtuoso Open Source from Debian.

The seeds are built into a private `virtuoso-t` with `kg build` (Graph Store Protocol
loads, atomic MOVE swap), our server answers from it, and what comes back through our
endpoint must equal the local build graph by graph and validate as the local one does.
Virtuoso is installed by `scripts/setup.sh --test` (scripts/debian-test-packages); in
CI a missing Virtuoso fails the run, locally it skips.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from kg.namespaces import NG, ONTOLOGY_IRI
from kg.quality.validate import validate
from kg.remote import STAGING_PREFIX, RemoteStore
from kg.store import load_union_graph, open_current
from kg.terms import triples_to_graph
from tests import virtuoso
from tests.conftest import SEEDS, free_port, kg_env, run_kg, start_server, stop_server

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/newsgraph/id/"
OURS = f'FILTER(STRSTARTS(STR(?g), "{BASE}") || ?g = <{ONTOLOGY_IRI}>)'
COUNTS = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g"


@pytest.fixture(scope="module")
def vt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso.Virtuoso]:
    reason = virtuoso.available()
    if reason is not None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Virtuoso is required in CI and is missing: {reason}", pytrace=False)
        pytest.skip(reason)
    server = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def local_counts(data_dir: Path) -> dict[str, int]:
    store = open_current(kg_env_config(data_dir))
    counts: dict[str, int] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.DefaultGraph):  # the materialised union, not a graph
            continue
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "trig": ("application/trig", ox.RdfFormat.TRIG),
    "nquads": ("application/n-quads", ox.RdfFormat.N_QUADS),
}


def parsed_counts(body: bytes, fmt: str) -> dict[str, int]:
    """?g → ?n from a COUNTS answer in `fmt`, read by rdflib's SPARQL result parsers."""
    result = Result.parse(io.BytesIO(body), format=fmt)
    return {str(row.g): int(row.n) for row in result}


def kg_env_config(data_dir: Path):
    from kg.config import Config

    return Config(data_dir=data_dir)


def endpoint_counts(endpoint: str) -> dict[str, int]:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(COUNTS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


# Oxigraph 0.5 stores every integer-derived datatype as xsd:integer (the local store
# reads "5"^^xsd:nonNegativeInteger back as "5"^^xsd:integer); Virtuoso keeps them.
_INTEGER_DERIVED = {
    str(XSD[t])
    for t in (
        "int long short byte nonNegativeInteger positiveInteger negativeInteger"
        " nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}


def as_oxigraph_stores(graph: Graph) -> Graph:
    """`graph` with integer-derived literals typed xsd:integer, as the local store has them."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and str(o.datatype) in _INTEGER_DERIVED:
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def fetch_ours(endpoint: str) -> Graph:
    """Our graphs' triples as our endpoint serves them (Turtle through SPARQLWrapper)."""
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
    sw.setReturnFormat(TURTLE)
    body = sw.query().response.read()
    return triples_to_graph(ox.parse(body, ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def remote_build(vt: virtuoso.Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("remote-var")
    proc = run_kg("build", str(SEEDS), env=kg_env(data_dir, **vt.env()))
    assert proc.returncode == 0, proc.stderr
    assert "loaded" in proc.stderr and "remote store" in proc.stderr
    return data_dir


def test_served_from_virtuoso_equals_local_build(
    vt: virtuoso.Virtuoso, remote_build: Path, built_data_dir: Path
) -> None:
    expected = local_counts(built_data_dir)
    assert len(expected) >= 5  # one graph per seed at least
    # Straight from Virtuoso: the load put exactly our graphs there, no staging left.
    direct = RemoteStore(vt.sparql)
    assert direct.graph_counts(BASE) | direct.graph_counts(ONTOLOGY_IRI) == expected
    assert direct.graph_counts(STAGING_PREFIX) == {}
    # Through our endpoint (kg serve answering from Virtuoso), with SPARQLWrapper.
    server = start_server(remote_build, **vt.env())
    try:
        assert endpoint_counts(server.sparql) == expected
        served = fetch_ours(server.sparql)
        local = load_union_graph(kg_env_config(built_data_dir))
        assert isomorphic(as_oxigraph_stores(served), local)
        # Every result format the local endpoint offers is offered here too, and each
        # body, read back by rdflib's parser for that format, says the same thing.
        for fmt, media_type in RESULT_FORMATS.items():
            r = requests.get(server.sparql, params={"query": COUNTS, "format": fmt}, timeout=30)
            assert r.status_code == 200, (fmt, r.text)
            assert r.headers["Content-Type"].startswith(media_type), fmt
            assert parsed_counts(r.content, fmt) == expected, fmt
        q = "CONSTRUCT { ?s a ?o } WHERE { ?s a ?o } ORDER BY ?s ?o LIMIT 5"
        graphs = {}
        for fmt, (media_type, rdflib_format) in GRAPH_FORMATS.items():
            r = requests.get(server.sparql, params={"query": q, "format": fmt}, timeout=30)
            assert r.status_code == 200, (fmt, r.text)
            assert r.headers["Content-Type"].startswith(media_type), fmt
            graphs[fmt] = triples_to_graph(ox.parse(r.content, rdflib_format))
        assert len(graphs["turtle"]) == 5
        for fmt, graph in graphs.items():
            assert isomorphic(graph, graphs["turtle"]), fmt
        r = requests.get(server.sparql, params={"query": "SELECT ?x WHERE { ?x }"}, timeout=30)
        assert r.status_code == 400 and "syntax error" in r.text
        # The SERVICE allowlist holds on this path too: Virtuoso is never asked to call out.
        q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        r = requests.get(server.sparql, params={"query": q}, timeout=30)
        assert 400 <= r.status_code < 500 and "SERVICE" in r.text, r.text
        # FROM names a graph of the store (never fetched): the count is that graph's.
        some = sorted(expected)[0]
        q = f"SELECT (COUNT(*) AS ?n) FROM <{some}> WHERE {{ ?s ?p ?o }}"
        r = requests.get(server.sparql, params={"query": q, "format": "json"}, timeout=30)
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == expected[some]
        assert requests.get(server.url + "/", timeout=30).status_code == 200
    finally:
        stop_server(server)


def test_remote_graph_validates_like_the_local_one(
    vt: virtuoso.Virtuoso, remote_build: Path, built_data_dir: Path
) -> None:
    """Same SHACL verdict and same violations on the graph in Virtuoso as on the local one."""
    local = validate(load_union_graph(kg_env_config(built_data_dir)))
    ours = sorted(RemoteStore(vt.sparql).graph_counts(BASE))  # not Virtuoso's system graphs
    graphs = [arg for g in ours for arg in ("--graph", g)]
    proc = run_kg(
        "validate", "--endpoint", vt.sparql, *graphs, "--format", "json", env=kg_env(remote_build)
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert (proc.returncode == 1) == local.failed("violation"), proc.stdout
    report = json.loads(proc.stdout)  # the report itself, not only the exit code
    assert report["conforms"] == local.conforms
    assert sum(report["counts"].values()) == len(local.results)
    remote = validate(as_oxigraph_stores(fetch_ours(vt.sparql)))
    assert remote.conforms == local.conforms, remote.to_text()
    assert len(remote.results) == len(local.results)


def test_rebuild_drops_removed_documents_and_failed_load_changes_nothing(
    vt: virtuoso.Virtuoso, remote_build: Path, tmp_path: Path
) -> None:
    env = kg_env(remote_build, **vt.env())
    subset = sorted(SEEDS.glob("*.txt"))[:2]
    proc = run_kg("build", *map(str, subset), env=env)
    assert proc.returncode == 0, proc.stderr
    direct = RemoteStore(vt.sparql)
    after = direct.graph_counts(BASE)
    docs = [g for g in after if "/doc/" in g]
    assert len(docs) == 2, after
    # A load that fails half-way (GSP endpoint wrong) must leave the served graphs as they are.
    broken = {**env, "NEWSGRAPH_REMOTE_GSP": vt.base + "/no-such-endpoint"}
    proc = run_kg("build", str(SEEDS), env=broken)
    assert proc.returncode != 0
    assert direct.graph_counts(BASE) == after
    assert direct.graph_counts(STAGING_PREFIX) == {}
    # Back to the full build for any later test.
    assert run_kg("build", str(SEEDS), env=env).returncode == 0


def test_insert_data_path_chunks_and_skolemizes(vt: virtuoso.Virtuoso) -> None:
    """Without a GSP endpoint the load uses INSERT DATA in chunks: text survives intact,
    small graphs keep their blank nodes, a large one gets skolem IRIs consistently."""
    store = RemoteStore(
        vt.sparql, update_url=vt.sparql_auth, user=virtuoso.USER, password=virtuoso.PASSWORD
    )
    big, small, with_bnodes = Graph(), Graph(), Graph()
    for i in range(12_345):
        big.add((URIRef(f"{BASE}t/{i}"), NG.label, Literal(f'n\u00e9 "{i}"\n\u4e2d')))
    small.add((BNode(), NG.item, BNode()))
    b = BNode()
    for i in range(7_000):
        with_bnodes.add((b, NG.item, Literal(i)))
    g1, g2, g3 = f"{BASE}test/big", f"{BASE}test/bnodes", f"{BASE}test/small"
    graphs = {g1: big, g2: with_bnodes, g3: small}
    report = store.load(graphs, owned=lambda g: g in graphs, skolem_base=BASE)
    assert report.triples == 19_346
    assert store.graph_counts(f"{BASE}test/") == {g1: 12_345, g2: 7_000, g3: 1}
    label = store.select(f"SELECT ?l {{ GRAPH <{g1}> {{ <{BASE}t/7> ?p ?l }} }}")
    assert label == [{"l": 'n\u00e9 "7"\n\u4e2d'}]
    rows = store.select(f"SELECT DISTINCT ?b {{ GRAPH <{g2}> {{ ?b ?p ?o }} }}")
    assert len(rows) == 1 and rows[0]["b"].startswith(f"{BASE}.well-known/genid/")
    rows = store.select(f"SELECT ?s {{ GRAPH <{g3}> {{ ?s ?p ?o FILTER(isBlank(?s)) }} }}")
    assert len(rows) == 1
    store.update(" ; ".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


def test_row_cap_and_prefixes_on_the_virtuoso_path(
    vt: virtuoso.Virtuoso, remote_build: Path
) -> None:
    """NEWSGRAPH_STORE=virtuoso keeps the local store's limits: the row cap cuts a result
    (with the header) and a query with a prologue is read as a query."""
    import requests

    server = start_server(remote_build, NEWSGRAPH_MAX_ROWS="3", **vt.env())
    try:
        q = (
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?s WHERE { ?s rdfs:label ?l }"
        )
        r = requests.get(server.sparql, params={"query": q, "format": "json"}, timeout=30)
        assert r.status_code == 200, r.text
        assert r.headers["X-Newsgraph-Truncated"] == "max-rows=3"
        assert len(r.json()["results"]["bindings"]) == 3
        q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        r = requests.get(server.sparql, params={"query": q, "format": "ntriples"}, timeout=30)
        assert r.status_code == 200, r.text
        assert r.headers["X-Newsgraph-Truncated"] == "max-rows=3"
        assert len(r.text.strip().splitlines()) == 3
        q = "SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#Meeting> } LIMIT 2"
        r = requests.get(server.sparql, params={"query": q, "format": "json"}, timeout=30)
        assert "X-Newsgraph-Truncated" not in r.headers
    finally:
        stop_server(server)


def test_one_setting_starts_and_selects_virtuoso(tmp_path: Path) -> None:
    """`scripts/setup.sh --virtuoso` runs `python -m kg.virtuoso start DATA_DIR/virtuoso`;
    then NEWSGRAPH_STORE=virtuoso alone points build and serve at it."""
    import json
    import subprocess
    import sys

    from kg.config import from_env
    from kg.remote import RemoteStore

    if virtuoso.available() is not None:
        pytest.skip(virtuoso.available())
    folder = tmp_path / "virtuoso"
    ports = [str(free_port()), str(free_port())]
    cli = [sys.executable, "-m", "kg.virtuoso"]
    start = subprocess.run(
        [*cli, "start", str(folder), "--port", ports[0], "--isql-port", ports[1]],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert start.returncode == 0, start.stdout + start.stderr
    pid = int(json.loads((folder / "instance.json").read_text())["pid"])
    try:
        again = subprocess.run([*cli, "start", str(folder)], capture_output=True, text=True)
        assert "already running" in again.stdout  # idempotent
        with pytest.raises(ValueError, match="setup.sh --virtuoso"):
            from_env({"NEWSGRAPH_STORE": "virtuoso", "NEWSGRAPH_DATA_DIR": str(tmp_path / "x")})
        config = from_env({"NEWSGRAPH_STORE": "virtuoso", "NEWSGRAPH_DATA_DIR": str(tmp_path)})
        assert config.remote_store == f"http://127.0.0.1:{ports[0]}/sparql"
        assert config.remote_update and config.remote_gsp and config.remote_user
        assert RemoteStore.from_config(config).query("ASK { }").form == "boolean"
    finally:
        stop = subprocess.run([*cli, "stop", str(folder)], capture_output=True, text=True)
        assert stop.returncode == 0, stop.stderr
    assert not (folder / "instance.json").exists()
    for _ in range(300):  # virtuoso-t checkpoints, then ends
        if not Path(f"/proc/{pid}").exists() or "Z" in _state(pid):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("virtuoso-t still running after stop")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
