"""kg.reason derives exactly owlrl's useful conclusions, and nothing noisy."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.namespaces import NG, ORG, SCHEMA, WD
from kg.quality.validate import union_in_memory
from kg.reason import compile_rules, infer, is_noise
from kg.resources import load_ontology
from kg.synthetic import synthetic_graph

DATA = Path(__file__).parent.parent / "shapes" / "valid-example.trig"
ID = "https://w3id.org/newsgraph/id/"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def fixture() -> Dataset:
    ds = Dataset()
    ds.parse(DATA, format="trig")
    return ds


def owlrl_useful(data: Graph, ontology: Graph) -> set[tuple]:
    """owlrl's full OWL-RL closure, minus what was asserted, cut by the same noise filter."""
    graph = Graph()
    for triple in data:
        graph.add(triple)
    for triple in ontology:
        graph.add(triple)
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    terms = compile_rules(ontology).terms
    return {t for t in graph if t not in before and not is_noise(t, terms)}


def assert_same(mine: Graph, reference: set[tuple]) -> None:
    ours = set(mine)
    missing = sorted(reference - ours)[:10]
    extra = sorted(ours - reference)[:10]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"


def test_fixture_equals_owlrl(fixture: Dataset, onto: Graph) -> None:
    mine = infer(fixture, onto)
    assert len(mine) > 50
    assert_same(mine, owlrl_useful(union_in_memory(fixture), onto))


def test_seeds_like_graph_equals_owlrl(onto: Graph) -> None:
    data = synthetic_graph(1000, seed=7)
    mine = infer(data, onto)
    assert len(mine) > 200
    assert_same(mine, owlrl_useful(data, onto))


@pytest.mark.slow
def test_real_seeds_build_equals_owlrl(onto: Graph) -> None:
    """The five seeds as the extractors built them (owlrl needs about 7-17 s here)."""
    ds = Dataset()
    ds.parse(Path(__file__).parent / "data" / "seeds-asserted.trig", format="trig")
    mine = infer(ds, onto)
    assert len(mine) > 500
    assert_same(mine, owlrl_useful(union_in_memory(ds), onto))


def test_every_rule_kind_equals_owlrl_on_a_test_ontology() -> None:
    """Equivalences, symmetry, inverses and a 3-step chain: rules our ontology may need."""
    ontology = Graph().parse(
        format="turtle",
        data=f"""
        @prefix ex: <{EX}> . @prefix owl: <{OWL}> . @prefix rdfs: <{RDFS}> .
        ex:A owl:equivalentClass ex:B . ex:B rdfs:subClassOf ex:C .
        ex:C rdfs:subClassOf ex:A .
        ex:p owl:equivalentProperty ex:q . ex:q rdfs:subPropertyOf ex:r .
        ex:r rdfs:domain ex:A ; rdfs:range ex:D .
        ex:near a owl:SymmetricProperty .
        ex:in a owl:TransitiveProperty ; owl:inverseOf ex:contains .
        ex:grand owl:propertyChainAxiom ( ex:parent ex:parent ex:parent ) .
        ex:lit rdfs:range <{XSD}integer> ; rdfs:domain ex:C .
        """,
    )
    data = Graph().parse(
        format="turtle",
        data=f"""
        @prefix ex: <{EX}> .
        ex:x a ex:B ; ex:p ex:y ; ex:near ex:z ; ex:lit 3 .
        ex:y ex:q ex:w .
        ex:a ex:in ex:b . ex:b ex:in ex:c . ex:c ex:in ex:d .
        ex:g1 ex:parent ex:g2 . ex:g2 ex:parent ex:g3 . ex:g3 ex:parent ex:g4 .
        ex:g4 ex:parent ex:g5 .
        """,
    )
    mine = infer(data, ontology)
    assert (URIRef(EX + "a"), URIRef(EX + "in"), URIRef(EX + "d")) in mine
    assert (URIRef(EX + "d"), URIRef(EX + "contains"), URIRef(EX + "a")) in mine
    assert (URIRef(EX + "g2"), URIRef(EX + "grand"), URIRef(EX + "g5")) in mine
    assert (URIRef(EX + "z"), URIRef(EX + "near"), URIRef(EX + "x")) in mine
    assert_same(mine, owlrl_useful(data, ontology))


def test_key_conclusions(fixture: Dataset, onto: Graph) -> None:
    mine = infer(fixture, onto)
    meeting = URIRef(ID + "meeting/2022-01-11-ots-council-of-foreign-ministers")
    # the chair is a participant (chair ⊑ participant)
    assert (meeting, NG.participant, URIRef(ID + "person/mevlut-cavusoglu")) in mine
    # statements made at the meeting are linked back (inverse of madeAt)
    assert (meeting, NG.hasStatement, URIRef(ID + "statement/0a1b2c3d4e5f6a7b")) in mine
    # a country is a place; a person is a schema:Person
    assert (URIRef(ID + "country/kazakhstan"), RDF.type, NG.Place) in mine
    assert (URIRef(ID + "person/jeyhun-bayramov"), RDF.type, SCHEMA.Person) in mine
    assert (
        URIRef(ID + "org/ots-council-of-foreign-ministers"),
        ORG.transitiveSubOrganizationOf,
        URIRef(ID + "org/ots"),
    ) in mine


def test_speaker_at_a_meeting_becomes_participant_and_partof_is_transitive(onto: Graph) -> None:
    data = synthetic_graph(600, seed=3)
    mine = infer(data, onto)
    chained = [
        (m, x)
        for m, x in mine.subject_objects(NG.participant)
        if (m, NG.chair, x) not in data
        and any((s, NG.madeAt, m) in data for s in data.subjects(NG.speaker, x))
    ]
    assert chained, "no participant derived through the speaker chain"
    units = [(u, d) for u, d in mine.subject_objects(NG.partOf)]
    assert units and all(str(u).endswith("/unit") for u, _ in units)


def test_no_noise_and_nothing_asserted(fixture: Dataset, onto: Graph) -> None:
    mine = infer(fixture, onto)
    asserted = set(union_in_memory(fixture))
    terms = compile_rules(onto).terms
    for s, p, o in mine:
        assert not isinstance(s, Literal)
        assert (s, p, o) not in asserted
        assert p != OWL.sameAs
        assert o not in (OWL.Thing, RDFS.Resource, RDF.Property)
        assert not str(s).startswith(str(WD)) and not str(o).startswith(str(WD))
        assert s not in terms
        assert not (p == RDF.type and isinstance(o, BNode))


@pytest.mark.parametrize(
    "triple",
    [
        (Literal("2022-01-11", datatype=XSD.date), RDF.type, XSD.date),
        (URIRef(ID + "x"), OWL.sameAs, URIRef(ID + "x")),
        (URIRef(ID + "x"), RDF.type, OWL.Thing),
        (RDF._1, RDF.type, RDFS.ContainerMembershipProperty),
        (WD.Q232, RDF.type, NG.Country),
        (URIRef(ID + "x"), NG.participant, WD.Q5),
        (URIRef(ID + "x"), RDF.type, BNode()),
        (NG.chair, RDFS.subPropertyOf, NG.participant),
    ],
)
def test_noise_filter(triple: tuple, onto: Graph) -> None:
    assert is_noise(triple, compile_rules(onto).terms)


def test_useful_is_not_noise(onto: Graph) -> None:
    assert not is_noise((URIRef(ID + "x"), RDF.type, NG.Agent), compile_rules(onto).terms)


def test_previous_inferred_graph_is_skipped(fixture: Dataset, onto: Graph) -> None:
    first = infer(fixture, onto)
    ds = Dataset()
    ds.parse(DATA, format="trig")
    inferred = URIRef(ID + "graph/inferred")
    g = ds.graph(inferred)
    for t in first:
        g.add(t)
    assert set(infer(ds, onto, skip_graphs=[inferred])) == set(first)
    assert len(infer(ds, onto)) == 0  # everything is then already asserted
