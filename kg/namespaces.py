"""The vocabulary's namespaces in one place, so no module spells an IRI by hand."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

NG = Namespace("https://w3id.org/newsgraph/ontology#")
ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology"
DEFAULT_BASE = "https://w3id.org/newsgraph/id/"
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84: geo:lat, geo:long
GEONAMES = Namespace("https://sws.geonames.org/")

PREFIXES: dict[str, str] = {
    "ng": str(NG),
    "id": DEFAULT_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "sh": str(SH),
    "geo": str(GEO),
}


def inferred_graph_iri(base: str = DEFAULT_BASE) -> str:
    """Where OWL-RL conclusions live, apart from every asserted fact."""
    return base + "graph/inferred"


def revisions_graph_iri(base: str = DEFAULT_BASE) -> str:
    """Where the revision history lives: which earlier text each document replaced."""
    return base + "graph/revisions"


def bind_prefixes(graph, base: str = DEFAULT_BASE) -> None:
    """Bind our prefixes on an rdflib graph so serialisations read well."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, base if prefix == "id" else iri, override=True)
