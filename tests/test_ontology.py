"""The ontology defines every term the modelling contract and the vocabulary use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import NG, ONTOLOGY_IRI, ORG, PROV, SCHEMA
from kg.resources import load_ontology

ROOT = Path(__file__).resolve().parents[1]
# docs/modelling.md and a copy of shared/vocabulary.md (the team's fixed contract), kept in
# the repository so the test reads nothing outside it.
CONTRACTS = [ROOT / "docs" / "modelling.md", ROOT / "tests" / "data" / "shared" / "vocabulary.md"]
FOAF = "http://xmlns.com/foaf/0.1/"
WD = "http://www.wikidata.org/entity/"
EXTERNAL = (str(SCHEMA), str(ORG), str(PROV), FOAF, WD, str(SKOS))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def contract_terms() -> set[str]:
    terms: set[str] = set()
    for path in CONTRACTS:
        terms |= set(re.findall(r"\bng:([A-Za-z][A-Za-z0-9]*)", path.read_text("utf-8")))
    return terms


def en_literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        o
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en"
    ]


def test_header(onto: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    dcterms = "http://purl.org/dc/terms/"
    for p in (
        OWL.versionIRI,
        URIRef(dcterms + "license"),
        URIRef(dcterms + "description"),
        URIRef(dcterms + "creator"),
    ):
        assert onto.value(header, p) is not None, p


def test_contract_found() -> None:
    # Guard against a silently empty parametrisation.
    assert {"Meeting", "participant", "personnel", "Deaths", "ExplicitDate"} <= contract_terms()


@pytest.mark.parametrize("local", sorted(contract_terms()))
def test_every_contract_term_is_declared_with_label_and_comment(onto: Graph, local: str) -> None:
    term = NG[local]
    assert set(onto.objects(term, RDF.type)), f"ng:{local} is not declared"
    assert en_literals(onto, term, RDFS.label), f"ng:{local} has no English rdfs:label"
    assert en_literals(onto, term, RDFS.comment), f"ng:{local} has no English rdfs:comment"


def ng_terms(onto: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(
        s for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(str(NG))
    )


def test_every_ng_subject_has_label_and_comment(onto: Graph) -> None:
    for s in set(onto.subjects()):
        if isinstance(s, URIRef) and s.startswith(str(NG)):
            assert en_literals(onto, s, RDFS.label), s
            assert en_literals(onto, s, RDFS.comment), s


def test_properties_have_domain_and_range(onto: Graph) -> None:
    props = ng_terms(onto, OWL.ObjectProperty) + ng_terms(onto, OWL.DatatypeProperty)
    assert len(props) > 30
    for p in props:
        assert onto.value(p, RDFS.domain) is not None, f"{p} has no rdfs:domain"
        assert onto.value(p, RDFS.range) is not None, f"{p} has no rdfs:range"


def test_classes_are_aligned_and_say_why(onto: Graph) -> None:
    for c in ng_terms(onto, OWL.Class):
        targets = [
            str(o)
            for p in (RDFS.subClassOf, OWL.equivalentClass, SKOS.exactMatch, SKOS.closeMatch)
            for o in onto.objects(c, p)
        ]
        assert any(t.startswith(EXTERNAL) for t in targets), f"{c} has no external alignment"
        assert en_literals(onto, c, SKOS.note), f"{c} does not say why it is aligned so"


def test_properties_say_why(onto: Graph) -> None:
    for p in ng_terms(onto, OWL.ObjectProperty) + ng_terms(onto, OWL.DatatypeProperty):
        assert en_literals(onto, p, SKOS.note), f"{p} has no skos:note"


@pytest.mark.parametrize(
    "triple",
    [
        (NG.Person, SKOS.exactMatch, URIRef(WD + "Q5")),
        (NG.Country, SKOS.closeMatch, URIRef(WD + "Q6256")),
        (NG.Organization, SKOS.closeMatch, URIRef(WD + "Q43229")),
        (NG.Meeting, SKOS.exactMatch, URIRef(WD + "Q2761147")),
        (NG.Person, RDFS.subClassOf, SCHEMA.Person),
        (NG.Person, RDFS.subClassOf, URIRef(FOAF + "Person")),
        (NG.Organization, RDFS.subClassOf, ORG.FormalOrganization),
        (NG.Organization, RDFS.subClassOf, SCHEMA.Organization),
        (NG.Place, RDFS.subClassOf, SCHEMA.Place),
        (NG.Country, RDFS.subClassOf, NG.Place),
        (NG.Country, RDFS.subClassOf, SCHEMA.Country),
        (NG.Meeting, RDFS.subClassOf, SCHEMA.Event),
        (NG.Deployment, RDFS.subClassOf, SCHEMA.Event),
        (NG.Statement, RDFS.subClassOf, PROV.Entity),
        (NG.Document, RDFS.subClassOf, SCHEMA.CreativeWork),
        (NG.Document, RDFS.subClassOf, PROV.Entity),
        (NG.chair, RDFS.subPropertyOf, NG.participant),
        (NG.madeAt, OWL.inverseOf, NG.hasStatement),
        (NG.partOf, RDF.type, OWL.TransitiveProperty),
        (NG.participant, SKOS.exactMatch, URIRef(WD + "P710")),
    ],
)
def test_key_alignments(onto: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in onto


def test_speakers_at_a_meeting_are_participants_by_chain(onto: Graph) -> None:
    chain = onto.value(NG.participant, OWL.propertyChainAxiom)
    assert chain is not None
    assert list(onto.items(chain)) == [NG.hasStatement, NG.speaker]


@pytest.mark.parametrize(
    ("scheme", "concepts"),
    [
        (NG.MeetingKinds, {NG.Videoconference, NG.Session}),
        (NG.StatementKinds, {NG.ReportedSpeech, NG.Speech, NG.DirectQuote, NG.WrittenStatement}),
        (NG.DateBases, {NG.ExplicitDate, NG.YearFromDocumentDate, NG.RelativeToDocumentDate}),
        (NG.QuantityKinds, {NG.Deaths, NG.Personnel, NG.Equipment, NG.OtherQuantity}),
    ],
)
def test_concept_schemes(onto: Graph, scheme: URIRef, concepts: set[URIRef]) -> None:
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    members = set(onto.subjects(SKOS.inScheme, scheme))
    assert concepts <= members
    for c in members:
        assert (c, RDF.type, SKOS.Concept) in onto
        assert en_literals(onto, c, SKOS.prefLabel)


def test_no_wikidata_iri_in_owl_axioms(onto: Graph) -> None:
    """Wikidata is linked by SKOS only: OWL axioms to QIDs would type our data wd:Q5."""
    owl_axioms = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)
    for p in owl_axioms:
        for o in onto.objects(None, p):
            assert isinstance(o, BNode) or not str(o).startswith(WD)
