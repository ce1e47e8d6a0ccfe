"""Examples of data that breaks each newsgraph shape: one mutation of a valid graph each.

`shapes/valid-example.trig` conforms with no result at all. For each constraint of
shapes/newsgraph-shapes.ttl, MUTATIONS breaks it in exactly that way (a SPARQL
Update on the union graph). tests/test_shapes_mutations.py proves every mutation
makes its shape fire (and no other, except the companions listed), and the shape
pages of the server (/shapes/NAME) show the mutation and the data it leaves as the
example of what violates the shape: documentation that a test keeps true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from rdflib import Dataset, Graph, URIRef

from kg.namespaces import NG, OA

NGSH = "https://w3id.org/newsgraph/shapes#"
ID = "https://w3id.org/newsgraph/id/"
EXAMPLE_FILE = "valid-example.trig"


def _iri(kind: str) -> str:
    return f"<{ID}{kind}>"


DOC = _iri("doc/6c38946ab73631d4")
SHA = "6c38946ab73631d4322ab77ece3d4b12e86fb6fa053f6b01d6639702abd7ac14"
CAV = _iri("person/mevlut-cavusoglu")
BAY = _iri("person/jeyhun-bayramov")
SERD = _iri("person/andrey-serdyukov")
TOK = _iri("person/kassym-jomart-tokayev")
POST = _iri("post/minister-of-foreign-affairs-turkey")
MFA = _iri("org/ministry-of-foreign-affairs-turkey")
OTS = _iri("org/ots")
CFM = _iri("org/ots-council-of-foreign-ministers")
CSTO = _iri("org/csto")
TR = _iri("country/turkey")
AZ = _iri("country/azerbaijan")
KZ = _iri("country/kazakhstan")
KG = _iri("country/kyrgyzstan")
ALMATY = _iri("place/almaty")
MEET = _iri("meeting/2022-01-11-ots-council-of-foreign-ministers")
STMT = _iri("statement/0a1b2c3d4e5f6a7b")
DEP = _iri("deployment/csto-kazakhstan-2022-01")
CONT = _iri("deployment/csto-kazakhstan-2022-01/kyrgyzstan")
CLAIM = _iri("claim/1f2e3d4c5b6a7980")
ANNO = _iri("anno/6c38946ab73631d4/0-108")
TARGET = _iri("anno/6c38946ab73631d4/0-108#target")
QUOTE = _iri("anno/6c38946ab73631d4/135-189#quote")
POS = _iri("anno/6c38946ab73631d4/135-189#position")
NOT_A_DOC = "<http://example.org/not-a-document>"

PREFIXES = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX wd: <http://www.wikidata.org/entity/>
"""


@dataclass(frozen=True)
class Mutation:
    focus: str  # the focus node, in SPARQL syntax <…>
    update: str  # SPARQL Update that breaks exactly one constraint
    path: str | None = None  # expected sh:resultPath (SPARQL shapes); None: the shape's sh:path
    also: frozenset[str] = field(default_factory=frozenset)  # shapes that cannot help firing

    @property
    def focus_iri(self) -> URIRef:
        return URIRef(self.focus.strip("<>"))


def add(s: str, p: str, o: str) -> str:
    return f"INSERT DATA {{ {s} {p} {o} }}"


def drop(s: str, p: str) -> str:
    return f"DELETE WHERE {{ {s} {p} ?o }}"


def swap(s: str, p: str, o: str) -> str:
    return f"DELETE {{ {s} {p} ?o }} INSERT {{ {s} {p} {o} }} WHERE {{ {s} {p} ?o }}"


M = Mutation
MUTATIONS: dict[str, Mutation] = {
    # people, organizations, places, posts, Wikidata links
    "Person-label-min": M(CAV, drop(CAV, "rdfs:label")),
    "Person-label-unique": M(CAV, add(CAV, "rdfs:label", '"Mevlut Cavusoglu"@en')),
    "Person-label-lang": M(BAY, swap(BAY, "rdfs:label", '"Jeyhun Bayramov"')),
    "Person-holds-class": M(BAY, add(BAY, "org:holds", MFA)),
    "Person-derived-min": M(TOK, drop(TOK, "prov:wasDerivedFrom")),
    "PersonNotOrganization": M(BAY, add(BAY, "a", "ng:Organization")),
    "PersonNotPlace": M(BAY, add(BAY, "a", "ng:Place")),
    "Organization-label-min": M(OTS, drop(OTS, "rdfs:label")),
    "Organization-label-unique": M(OTS, add(OTS, "rdfs:label", '"OTS"@en')),
    "Organization-suborg-class": M(CFM, add(CFM, "org:subOrganizationOf", KZ)),
    "Organization-country-class": M(MFA, add(MFA, "ng:country", OTS)),
    "Country-label-min": M(AZ, drop(AZ, "rdfs:label")),
    "Country-label-unique": M(AZ, add(AZ, "rdfs:label", '"Republic of Azerbaijan"@en')),
    "Place-label-min": M(ALMATY, drop(ALMATY, "rdfs:label")),
    "Place-country-class": M(ALMATY, add(ALMATY, "ng:country", OTS)),
    "Post-label-min": M(POST, drop(POST, "rdfs:label")),
    "Post-postIn-class": M(POST, add(POST, "org:postIn", TR)),
    "WikidataLink-pattern": M(
        OTS, swap(OTS, "owl:sameAs", "<https://www.wikidata.org/wiki/Q596850>")
    ),
    "WikidataLink-max": M(OTS, add(OTS, "owl:sameAs", "wd:Q1065")),
    # meetings
    "Meeting-label-min": M(MEET, drop(MEET, "rdfs:label")),
    "Meeting-date-min": M(MEET, drop(MEET, "ng:date")),
    "Meeting-date-datatype": M(
        MEET,
        swap(MEET, "ng:date", '"11 January 2022"'),
        also=frozenset({"StatementDateMatchesMeeting"}),
    ),
    "Meeting-date-max": M(MEET, add(MEET, "ng:date", '"2022-01-12"^^xsd:date')),
    "Meeting-kind-in": M(MEET, add(MEET, "ng:kind", "ng:Speech")),
    "Meeting-dateBasis-in": M(MEET, swap(MEET, "ng:dateBasis", "ng:Deaths")),
    "Meeting-organizer-class": M(MEET, add(MEET, "ng:organizer", CAV)),
    "Meeting-chair-class": M(MEET, add(MEET, "ng:chair", OTS)),
    "Meeting-participant-class": M(MEET, add(MEET, "ng:participant", ALMATY)),
    "Meeting-participant-min": M(MEET, drop(MEET, "ng:participant")),
    "Meeting-location-class": M(MEET, add(MEET, "ng:location", CAV)),
    "Meeting-topic-iri": M(MEET, add(MEET, "ng:topic", '"Kazakhstan"')),
    "Meeting-derived-min": M(MEET, drop(MEET, "prov:wasDerivedFrom")),
    "Meeting-derived-class": M(MEET, add(MEET, "prov:wasDerivedFrom", NOT_A_DOC)),
    "Meeting-evidence-class": M(MEET, add(MEET, "ng:evidence", KZ)),
    "Meeting-evidence-min": M(MEET, drop(MEET, "ng:evidence")),
    # statements
    "Statement-speaker-min": M(STMT, drop(STMT, "ng:speaker")),
    "Statement-speaker-max": M(STMT, add(STMT, "ng:speaker", CAV)),
    "Statement-speaker-class": M(STMT, swap(STMT, "ng:speaker", ALMATY)),
    "Statement-date-min": M(STMT, drop(STMT, "ng:date")),
    "Statement-date-datatype": M(
        STMT,
        swap(STMT, "ng:date", '"2022-01-11"'),
        also=frozenset({"StatementDateMatchesMeeting"}),
    ),
    "Statement-date-max": M(
        STMT,
        add(STMT, "ng:date", '"2022-01-12"^^xsd:date'),
        also=frozenset({"StatementDateMatchesMeeting"}),
    ),
    "Statement-madeAt-class": M(STMT, add(STMT, "ng:madeAt", KZ)),
    "Statement-text-min": M(STMT, drop(STMT, "ng:text")),
    "Statement-text-datatype": M(STMT, swap(STMT, "ng:text", '"Azerbaijan"^^xsd:token')),
    "Statement-text-length": M(STMT, swap(STMT, "ng:text", '""')),
    "Statement-kind-in": M(STMT, swap(STMT, "ng:statementKind", "ng:Session")),
    "Statement-kind-min": M(STMT, drop(STMT, "ng:statementKind")),
    "Statement-dateBasis-in": M(STMT, swap(STMT, "ng:dateBasis", "ng:Session")),
    "Statement-about-iri": M(STMT, add(STMT, "ng:about", '"Kazakhstan"')),
    "Statement-derived-min": M(STMT, drop(STMT, "prov:wasDerivedFrom")),
    "Statement-derived-class": M(STMT, add(STMT, "prov:wasDerivedFrom", NOT_A_DOC)),
    "Statement-evidence-min": M(STMT, drop(STMT, "ng:evidence")),
    "Statement-evidence-class": M(STMT, add(STMT, "ng:evidence", KZ)),
    "StatementDateMatchesMeeting": M(
        STMT, swap(STMT, "ng:date", '"2022-01-12"^^xsd:date'), path=str(NG.date)
    ),
    # deployments
    "Deployment-deployedBy-min": M(DEP, drop(DEP, "ng:deployedBy")),
    "Deployment-deployedBy-class": M(DEP, swap(DEP, "ng:deployedBy", CAV)),
    "Deployment-contributor-class": M(DEP, add(DEP, "ng:contributor", OTS)),
    "Deployment-destination-min": M(DEP, drop(DEP, "ng:destination")),
    "Deployment-destination-class": M(DEP, add(DEP, "ng:destination", CAV)),
    "Deployment-station-class": M(DEP, add(DEP, "ng:station", CAV)),
    "Deployment-personnel-datatype": M(CONT, swap(CONT, "ng:personnel", "150.0")),
    "Deployment-personnel-min0": M(CONT, swap(CONT, "ng:personnel", "-150")),
    "Deployment-personnel-max": M(CONT, add(CONT, "ng:personnel", "160")),
    "Deployment-equipment-datatype": M(CONT, swap(CONT, "ng:equipmentUnits", "11.0")),
    "Deployment-equipment-min0": M(CONT, swap(CONT, "ng:equipmentUnits", "-11")),
    "Deployment-equipment-max": M(CONT, add(CONT, "ng:equipmentUnits", "12")),
    "Deployment-commander-class": M(DEP, swap(DEP, "ng:commander", OTS)),
    "Deployment-startDate-datatype": M(
        DEP,
        swap(DEP, "ng:startDate", '"6 January 2022"'),
        also=frozenset({"Deployment-startBeforeEnd"}),
    ),
    "Deployment-startDate-max": M(DEP, add(DEP, "ng:startDate", '"2022-01-07"^^xsd:date')),
    "Deployment-endDate-datatype": M(
        DEP,
        swap(DEP, "ng:endDate", '"19 January 2022"'),
        also=frozenset({"Deployment-startBeforeEnd"}),
    ),
    "Deployment-startBeforeEnd": M(DEP, swap(DEP, "ng:endDate", '"2022-01-01"^^xsd:date')),
    "Deployment-partOf-class": M(CONT, swap(CONT, "ng:partOf", KZ)),
    "Deployment-force-class": M(CONT, add(CONT, "ng:force", KZ)),
    "Deployment-authorizedBy-iri": M(DEP, swap(DEP, "ng:authorizedBy", '"decision of the CSC"')),
    "Deployment-purpose-literal": M(DEP, swap(DEP, "ng:purpose", KZ)),
    "Deployment-legalBasis-literal": M(DEP, swap(DEP, "ng:legalBasis", KZ)),
    "Deployment-derived-min": M(CONT, drop(CONT, "prov:wasDerivedFrom")),
    "Deployment-derived-class": M(CONT, add(CONT, "prov:wasDerivedFrom", NOT_A_DOC)),
    # numeric claims
    "NumericClaim-value-min": M(CLAIM, drop(CLAIM, "ng:value")),
    "NumericClaim-value-datatype": M(CLAIM, swap(CLAIM, "ng:value", '"16"^^xsd:float')),
    "NumericClaim-value-min0": M(CLAIM, swap(CLAIM, "ng:value", "-16")),
    "NumericClaim-kind-min": M(CLAIM, drop(CLAIM, "ng:quantityKind")),
    "NumericClaim-kind-in": M(CLAIM, swap(CLAIM, "ng:quantityKind", "ng:Session")),
    "NumericClaim-claimant-class": M(CLAIM, swap(CLAIM, "ng:claimant", ALMATY)),
    "NumericClaim-date-min": M(CLAIM, drop(CLAIM, "ng:date")),
    "NumericClaim-date-datatype": M(CLAIM, swap(CLAIM, "ng:date", '"10 January"')),
    "NumericClaim-counts-literal": M(CLAIM, swap(CLAIM, "ng:counts", KZ)),
    "NumericClaim-derived-min": M(CLAIM, drop(CLAIM, "prov:wasDerivedFrom")),
    "NumericClaim-derived-class": M(CLAIM, add(CLAIM, "prov:wasDerivedFrom", NOT_A_DOC)),
    # documents
    "Document-sha256-min": M(DOC, drop(DOC, "ng:sha256")),
    "Document-sha256-max": M(DOC, add(DOC, "ng:sha256", f'"{SHA[:16]}{"0" * 48}"')),
    "Document-sha256-pattern": M(DOC, swap(DOC, "ng:sha256", f'"{SHA}x"')),
    "Document-content-min": M(DOC, drop(DOC, "ng:content")),
    "Document-content-max": M(
        DOC,
        "INSERT { ?d ng:content ?longer } WHERE "
        f'{{ BIND({DOC} AS ?d) ?d ng:content ?c BIND(CONCAT(?c, " More.") AS ?longer) }}',
    ),
    "Document-content-datatype": M(
        DOC,
        "DELETE { ?d ng:content ?c } INSERT { ?d ng:content ?tagged } WHERE "
        f'{{ BIND({DOC} AS ?d) ?d ng:content ?c BIND(STRLANG(?c, "en") AS ?tagged) }}',
    ),
    "Document-fileName-datatype": M(DOC, swap(DOC, "ng:fileName", '"fixture.txt"^^xsd:token')),
    "Document-title-literal": M(DOC, swap(DOC, "dcterms:title", KZ)),
    "Document-published-datatype": M(
        DOC, swap(DOC, "schema:datePublished", '"2022-01-11T10:00:00"^^xsd:dateTime')
    ),
    "DocumentIriIsKey": M(
        "<https://w3id.org/newsgraph/id/doc/by-content-hash>",
        "INSERT { ?bad ?p ?o } WHERE { "
        f"{DOC} ?p ?o BIND(<https://w3id.org/newsgraph/id/doc/by-content-hash> AS ?bad) }}",
    ),
    # text spans
    "Annotation-body-min": M(ANNO, drop(ANNO, "oa:hasBody")),
    "Annotation-target-min": M(ANNO, drop(ANNO, "oa:hasTarget")),
    "Annotation-target-class": M(ANNO, add(ANNO, "oa:hasTarget", KZ)),
    "SpecificResource-source-min": M(TARGET, drop(TARGET, "oa:hasSource")),
    "SpecificResource-source-class": M(TARGET, add(TARGET, "oa:hasSource", KZ)),
    "SpecificResource-selector-min": M(TARGET, drop(TARGET, "oa:hasSelector")),
    "TextQuoteSelector-exact-min": M(QUOTE, drop(QUOTE, "oa:exact")),
    "TextQuoteSelector-exact-max": M(
        QUOTE, add(QUOTE, "oa:exact", '"Azerbaijan"'), also=frozenset({"QuoteMatchesText"})
    ),
    "TextPositionSelector-start-min": M(POS, drop(POS, "oa:start")),
    "TextPositionSelector-start-max": M(
        POS, add(POS, "oa:start", "136"), also=frozenset({"QuoteMatchesText"})
    ),
    "TextPositionSelector-start-datatype": M(POS, swap(POS, "oa:start", '"135"^^xsd:long')),
    "TextPositionSelector-start-min0": M(
        POS, swap(POS, "oa:start", "-1"), also=frozenset({"QuoteMatchesText"})
    ),
    "TextPositionSelector-end-min": M(POS, drop(POS, "oa:end")),
    "TextPositionSelector-end-max": M(
        POS, add(POS, "oa:end", "190"), also=frozenset({"QuoteMatchesText"})
    ),
    "TextPositionSelector-end-datatype": M(POS, swap(POS, "oa:end", '"189"^^xsd:long')),
    "TextPositionSelector-startBeforeEnd": M(
        POS, swap(POS, "oa:start", "189"), also=frozenset({"QuoteMatchesText"})
    ),
    "QuoteMatchesText": M(
        POS,
        swap(POS, "oa:start", "134") + " ; " + swap(POS, "oa:end", "188"),
        path=str(OA.start),
    ),
}


def example_text() -> str:
    """The valid example graph's TriG source, as shipped."""
    return (files("kg.shapes") / EXAMPLE_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _example() -> Graph:
    ds = Dataset()
    ds.parse(data=example_text(), format="trig")
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns, override=False)
    return union


def example_dataset() -> Dataset:
    """The valid example with its named graphs (one per document, as a build writes them)."""
    ds = Dataset()
    ds.parse(data=example_text(), format="trig")
    return ds


def valid_example() -> Graph:
    """A fresh copy of the valid example's union graph."""
    copy = Graph()
    for prefix, ns in _example().namespaces():
        copy.bind(prefix, ns, override=True)
    for triple in _example():
        copy.add(triple)
    return copy


def mutated(name: str) -> Graph:
    """The valid example broken as MUTATIONS[name] says."""
    graph = valid_example()
    for update in MUTATIONS[name].update.split(" ; "):
        graph.update(PREFIXES + update)
    return graph
