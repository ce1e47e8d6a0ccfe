"""The SPARQL Service Description and the VoID description of the dataset.

Both describe the graphs the store holds, which costs a few aggregate queries
over the whole store; they are computed once per store state (a build, or the
state after an update) and cached, since the store does not change in between.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import negotiate as neg
from kg.namespaces import SD, VOID
from kg.query import GRAPH_FORMATS

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage"
DCT_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
FORMATS = "http://www.w3.org/ns/formats/"
# Result formats as named by http://www.w3.org/ns/formats/, per media type we write.
FORMAT_IRIS: dict[str, str] = {
    neg.SPARQL_JSON: FORMATS + "SPARQL_Results_JSON",
    neg.SPARQL_XML: FORMATS + "SPARQL_Results_XML",
    neg.CSV: FORMATS + "SPARQL_Results_CSV",
    neg.TSV: FORMATS + "SPARQL_Results_TSV",
    neg.TURTLE: FORMATS + "Turtle",
    neg.NTRIPLES: FORMATS + "N-Triples",
    neg.JSONLD: FORMATS + "JSON-LD",
    neg.RDFXML: FORMATS + "RDF_XML",
    neg.TRIG: FORMATS + "TriG",
    neg.NQUADS: FORMATS + "N-Quads",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


@dataclass
class GraphStats:
    triples: int = 0
    entities: int = 0
    classes: dict[str, int] = field(default_factory=dict)  # class → distinct instances
    properties: dict[str, int] = field(default_factory=dict)  # property → triples
    wikidata_links: int = 0  # owl:sameAs from our entities to Wikidata items (the Linkset)


def _rows(store: ox.Store, query: str, **kwargs) -> list:
    return list(store.query(query, **kwargs))  # type: ignore[arg-type]


def graph_triple_counts(store: ox.Store) -> tuple[int, dict[str, int]]:
    """Triples in the (union) default graph, and in each named graph."""
    total = _rows(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    per_graph = _rows(
        store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    counts = {row["g"].value: int(row["n"].value) for row in per_graph if row["g"] is not None}
    return int(total[0]["n"].value), counts


def void_stats(store: ox.Store) -> tuple[GraphStats, dict[str, GraphStats]]:
    """VoID statistics for the whole dataset and for each named graph, by SPARQL aggregates."""
    whole = GraphStats()
    graphs: dict[str, GraphStats] = {}
    union: dict = {}  # the default graph is the materialised union (kg.store)
    whole.triples = int(_rows(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", **union)[0]["n"].value)
    whole.entities = int(
        _rows(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o FILTER(isIRI(?s)) }", **union)[
            0
        ]["n"].value
    )
    for row in _rows(
        store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c } GROUP BY ?c", **union
    ):
        whole.classes[row["c"].value] = int(row["n"].value)
    for row in _rows(store, "SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p", **union):
        whole.properties[row["p"].value] = int(row["n"].value)
    whole.wikidata_links = int(
        _rows(
            store,
            f"SELECT (COUNT(*) AS ?n) {{ ?s <{OWL_SAME_AS}> ?o "
            f'FILTER(STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}") '
            f'&& !STRSTARTS(STR(?s), "{WIKIDATA_ENTITY}")) }}',
        )[0]["n"].value
    )

    def graph(row) -> GraphStats:
        return graphs.setdefault(row["g"].value, GraphStats())

    for row in _rows(store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        graph(row).triples = int(row["n"].value)
    for row in _rows(
        store,
        "SELECT ?g (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s)) } } "
        "GROUP BY ?g",
    ):
        graph(row).entities = int(row["n"].value)
    for row in _rows(
        store, "SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s a ?c } } GROUP BY ?g ?c"
    ):
        graph(row).classes[row["c"].value] = int(row["n"].value)
    for row in _rows(
        store, "SELECT ?g ?p (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ?p"
    ):
        graph(row).properties[row["p"].value] = int(row["n"].value)
    return whole, graphs


class DescriptionCache:
    """Statistics per store state: the store object (a build) and its update generation.

    The cache holds a reference to the store it describes, so an identity check is
    safe (an `id()` could be reused once an old build's store is freed).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[ox.Store, int, object]] = {}

    def _get(self, kind: str, store: ox.Store, generation: int, compute):
        with self._lock:
            entry = self._entries.get(kind)
            if entry is None or entry[0] is not store or entry[1] != generation:
                entry = (store, generation, compute(store))
                self._entries[kind] = entry
            return entry[2]

    def counts(self, store: ox.Store, generation: int) -> tuple[int, dict[str, int]]:
        return self._get("counts", store, generation, graph_triple_counts)

    def void(self, store: ox.Store, generation: int) -> tuple[GraphStats, dict[str, GraphStats]]:
        return self._get("void", store, generation, void_stats)


# Formats a graph may be written to us in (SPARQL Update data, Graph Store Protocol).
INPUT_FORMATS = ("Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads")


def service_description(
    endpoint: str, counts: tuple[int, dict[str, int]], *, update: bool, void_url: str
) -> list[ox.Triple]:
    """sd:Service for `endpoint` (the URL the client used), with its default dataset.

    Features declared are the ones the server has: the default graph is the union of
    the named graphs; SERVICE is supported (sd:BasicFederatedQuery: our own calls, to
    allowlisted endpoints, with bind joins); with updates on, empty named graphs are
    kept (sd:EmptyGraphs). Not sd:DereferencesURIs: FROM never fetches.
    """
    service = _n(endpoint + "#service")
    out = [
        ox.Triple(service, RDF_TYPE, _n(SD.Service)),
        ox.Triple(service, _n(SD.endpoint), _n(endpoint)),
        ox.Triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Query)),
        ox.Triple(service, _n(SD.feature), _n(SD.UnionDefaultGraph)),
        ox.Triple(service, _n(SD.feature), _n(SD.BasicFederatedQuery)),
    ]
    if update:
        out.append(ox.Triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Update)))
        out.append(ox.Triple(service, _n(SD.feature), _n(SD.EmptyGraphs)))
        for name in INPUT_FORMATS:
            out.append(ox.Triple(service, _n(SD.inputFormat), _n(FORMATS + name)))
    for iri in FORMAT_IRIS.values():
        out.append(ox.Triple(service, _n(SD.resultFormat), _n(iri)))
    total, per_graph = counts
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("defaultGraph")
    out += [
        ox.Triple(service, _n(SD.defaultDataset), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(SD.Dataset)),
        ox.Triple(dataset, RDF_TYPE, _n(VOID.Dataset)),
        ox.Triple(dataset, _n("http://www.w3.org/2000/01/rdf-schema#seeAlso"), _n(void_url)),
        ox.Triple(dataset, _n(SD.defaultGraph), default),
        ox.Triple(default, RDF_TYPE, _n(SD.Graph)),
        ox.Triple(default, _n(VOID.triples), _int(total)),
    ]
    for i, (name, triples) in enumerate(sorted(per_graph.items())):
        named = ox.BlankNode(f"ng{i}")
        graph = ox.BlankNode(f"g{i}")
        out += [
            ox.Triple(dataset, _n(SD.namedGraph), named),
            ox.Triple(named, RDF_TYPE, _n(SD.NamedGraph)),
            ox.Triple(named, _n(SD.name), _n(name)),
            ox.Triple(named, _n(SD.graph), graph),
            ox.Triple(graph, RDF_TYPE, _n(SD.Graph)),
            ox.Triple(graph, _n(VOID.triples), _int(triples)),
        ]
    return out


def _stats_triples(node: ox.NamedNode | ox.BlankNode, stats: GraphStats, tag: str) -> list:
    out = [
        ox.Triple(node, _n(VOID.triples), _int(stats.triples)),
        ox.Triple(node, _n(VOID.entities), _int(stats.entities)),
        ox.Triple(node, _n(VOID.classes), _int(len(stats.classes))),
        ox.Triple(node, _n(VOID.properties), _int(len(stats.properties))),
    ]
    for i, (cls, n) in enumerate(sorted(stats.classes.items())):
        part = ox.BlankNode(f"{tag}c{i}")
        out += [
            ox.Triple(node, _n(VOID.classPartition), part),
            ox.Triple(part, _n(VOID["class"]), _n(cls)),
            ox.Triple(part, _n(VOID.entities), _int(n)),
        ]
    for i, (prop, n) in enumerate(sorted(stats.properties.items())):
        part = ox.BlankNode(f"{tag}p{i}")
        out += [
            ox.Triple(node, _n(VOID.propertyPartition), part),
            ox.Triple(part, _n(VOID.property), _n(prop)),
            ox.Triple(part, _n(VOID.triples), _int(n)),
        ]
    return out


def void_description(
    void_url: str,
    endpoint: str,
    base: str,
    stats: tuple[GraphStats, dict[str, GraphStats]],
    dump: str | None = None,
) -> list[ox.Triple]:
    """The dataset as a void:Dataset with one void:subset per named graph, its dump
    (the Graph Store Protocol's whole dataset) and its Linkset to Wikidata."""
    whole, graphs = stats
    dataset = _n(void_url + "#dataset")
    out = [
        ox.Triple(dataset, RDF_TYPE, _n(VOID.Dataset)),
        ox.Triple(dataset, DCT_TITLE, ox.Literal("newsgraph", language="en")),
        ox.Triple(dataset, _n(VOID.sparqlEndpoint), _n(endpoint)),
        ox.Triple(dataset, _n(VOID.uriSpace), ox.Literal(base)),
    ]
    if dump:
        out.append(ox.Triple(dataset, _n(VOID.dataDump), _n(dump)))
        out.append(ox.Triple(dataset, _n(VOID.feature), _n(FORMATS + "N-Quads")))
    wikidata = _n(void_url + "#wikidata")
    linkset = _n(void_url + "#wikidata-links")
    out += [
        ox.Triple(wikidata, RDF_TYPE, _n(VOID.Dataset)),
        ox.Triple(wikidata, DCT_TITLE, ox.Literal("Wikidata", language="en")),
        ox.Triple(wikidata, _n(VOID.sparqlEndpoint), _n(WIKIDATA_SPARQL)),
        ox.Triple(wikidata, _n(VOID.uriSpace), ox.Literal(WIKIDATA_ENTITY)),
        ox.Triple(wikidata, _n(FOAF_HOMEPAGE), _n("https://www.wikidata.org/")),
        ox.Triple(linkset, RDF_TYPE, _n(VOID.Linkset)),
        ox.Triple(linkset, _n(VOID.linkPredicate), _n(OWL_SAME_AS)),
        ox.Triple(linkset, _n(VOID.subjectsTarget), dataset),
        ox.Triple(linkset, _n(VOID.objectsTarget), wikidata),
        ox.Triple(linkset, _n(VOID.triples), _int(whole.wikidata_links)),
        ox.Triple(dataset, _n(VOID.subset), linkset),
    ]
    out += _stats_triples(dataset, whole, "d")
    for i, (name, stats) in enumerate(sorted(graphs.items())):
        subset = ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(dataset, _n(VOID.subset), subset),
            ox.Triple(subset, RDF_TYPE, _n(VOID.Dataset)),
            ox.Triple(subset, _n(SD.name), _n(name)),
        ]
        out += _stats_triples(subset, stats, f"g{i}")
    return out


def write(triples: list[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    """Serialize a small description (Turtle and TriG with our prefixes)."""
    fmt = GRAPH_FORMATS[media_type][1]
    items: list = triples
    if fmt.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
    used = {"sd": str(SD), "void": str(VOID), "formats": FORMATS, "dcterms": prefixes["dcterms"]}
    return ox.serialize(
        items, None, fmt, prefixes={**used, "rdfs": prefixes["rdfs"]} if pretty else None
    )
