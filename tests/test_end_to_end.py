"""The walking skeleton, end to end: build the seeds with the CLI, serve them, query them."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.namespaces import NG
from tests.conftest import SEEDS, kg_env, run_kg

CLASSES = ["Organization", "Person", "Country", "Meeting", "Statement", "Deployment", "Document"]


def test_sparqlwrapper_select_against_live_server(live_server) -> None:
    sw = SPARQLWrapper(live_server.sparql)
    sw.setQuery(
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#> "
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class "
        "FILTER(STRSTARTS(STR(?class), STR(ng:))) } GROUP BY ?class ORDER BY ?class"
    )
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    counts = {r["class"]["value"].split("#")[1]: int(r["n"]["value"]) for r in rows}
    for cls in CLASSES:
        assert counts.get(cls, 0) > 0, f"no ng:{cls} in the served graph: {counts}"


def test_every_seed_yields_every_class(tmp_path: Path) -> None:
    """Each seed document on its own produces the core node types, with provenance."""
    out = tmp_path / "g.trig"
    proc = run_kg("build", str(SEEDS), "--out", str(out), "--no-store", env=kg_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    ds = Dataset()
    ds.parse(out, format="trig")
    doc_graphs = [g for g in ds.graphs() if "/id/doc/" in str(g.identifier)]
    assert len(doc_graphs) == 5
    for g in doc_graphs:
        assert (g.identifier, RDF.type, NG.Document) in g
        types = set(g.objects(None, RDF.type))
        for cls in ("Organization", "Country", "Statement"):
            assert NG[cls] in types, f"{g.identifier} lacks ng:{cls}"
    union_types = {o for _, _, o, _ in ds.quads((None, RDF.type, None, None))}
    for cls in CLASSES:
        assert NG[cls] in union_types
    # Every Meeting, Statement and Deployment is derived from a document in the dataset.
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    docs = {g.identifier for g in doc_graphs}
    for cls in ("Meeting", "Statement", "Deployment"):
        for s, _, _, _ in ds.quads((None, RDF.type, NG[cls], None)):
            sources = {o for _, _, o, _ in ds.quads((s, prov, None, None))}
            assert sources and sources <= docs, s
