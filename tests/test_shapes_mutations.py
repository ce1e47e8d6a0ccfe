"""Every SHACL constraint is proven by a mutation of a valid graph.

The valid example shapes/valid-example.trig conforms with no result at all. For each
constraint of shapes/newsgraph-shapes.ttl, kg.quality.examples.MUTATIONS breaks it in
exactly that way (a SPARQL Update on the union graph) and the test asserts that the
report names the focus node, the path and the severity the shape declares, and that
no other shape fires (except those listed as unavoidable companions). The
constraints are enumerated from the shapes file, so a new constraint without a
mutation fails `test_every_constraint_has_a_mutation`. The same mutations are the
examples the server's shape pages show.
"""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import NG, PROV, SH
from kg.quality.examples import ID, MUTATIONS, NGSH, PREFIXES, example_dataset, mutated
from kg.quality.validate import union_in_memory, validate
from kg.resources import load_shapes

# Every SHACL Core (and SPARQL) constraint parameter. A shape carrying one of these
# is a constraint; `sh:path`, targets, messages and severities are not.
CONSTRAINT_PARAMETERS = {
    SH[p]
    for p in (
        "class datatype nodeKind minCount maxCount minExclusive minInclusive maxExclusive "
        "maxInclusive minLength maxLength pattern languageIn uniqueLang equals disjoint lessThan "
        "lessThanOrEquals not and or xone node qualifiedValueShape closed hasValue in sparql"
    ).split()
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def valid() -> Graph:
    return union_in_memory(example_dataset())


def constraint_shapes(shapes: Graph) -> dict[str, URIRef]:
    """Every shape in the file that carries a constraint parameter, by local name."""
    found: dict[str, URIRef] = {}
    for s, p, _o in shapes:
        if p in CONSTRAINT_PARAMETERS and isinstance(s, URIRef):
            found[str(s).removeprefix(NGSH)] = s
    return found


def test_fixture_is_valid_with_no_result_at_all(valid: Graph) -> None:
    result = validate(valid)
    assert result.conforms
    assert result.results == [], result.to_text()


def test_every_constraint_has_a_mutation(shapes: Graph) -> None:
    enumerated = set(constraint_shapes(shapes))
    assert len(enumerated) > 90
    assert enumerated - set(MUTATIONS) == set(), "constraints without a mutation test"
    assert set(MUTATIONS) - enumerated == set(), "mutations of constraints that no longer exist"


def test_one_constraint_message_and_severity_per_shape(shapes: Graph) -> None:
    """The convention that makes reports precise and mutations one-to-one."""
    for name, shape in constraint_shapes(shapes).items():
        params = {p for p in shapes.predicates(shape, None) if p in CONSTRAINT_PARAMETERS}
        assert len(params) == 1, f"{name} carries {sorted(params)}"
        assert shapes.value(shape, SH.severity) in {SH.Violation, SH.Warning, SH.Info}, name
        assert shapes.value(shape, SH.message) is not None, name
    # Constraints hidden in blank-node property shapes would escape the enumeration.
    for prop in shapes.objects(None, SH.property):
        assert isinstance(prop, URIRef), f"anonymous property shape {prop}"


def test_no_hard_max_count_on_values_sources_disagree_on(shapes: Graph) -> None:
    disagreeable = {NG.personnel, NG.equipmentUnits, NG.date, NG.startDate, RDFS.label}
    for shape in shapes.subjects(SH.maxCount, None):
        if shapes.value(shape, SH.path) in disagreeable:
            assert shapes.value(shape, SH.severity) != SH.Violation, shape


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutation_is_reported(name: str, shapes: Graph, valid: Graph) -> None:
    mutation = MUTATIONS[name]
    shape = URIRef(NGSH + name)
    graph = mutated(name)
    assert set(graph) != set(valid), "the mutation changed nothing"

    result = validate(graph)
    focus = URIRef(mutation.focus.strip("<>"))
    expected_path = (
        URIRef(mutation.path) if mutation.path is not None else shapes.value(shape, SH.path)
    )
    severity = str(shapes.value(shape, SH.severity)).rsplit("#", 1)[-1]
    matching = [r for r in result.results if r.source_shape == shape]
    assert matching, f"{name} did not fire:\n{result.to_text()}"
    assert any(r.focus_node == focus for r in matching), result.to_text()
    for r in matching:
        assert r.severity == severity
        if isinstance(expected_path, BNode):  # complex path: compare its rendering
            assert isinstance(r.path, BNode)
        else:
            assert r.path == expected_path, (r.path, expected_path)
        assert r.message
    fired = {str(r.source_shape).removeprefix(NGSH) for r in result.results}
    assert fired <= {name} | mutation.also, f"{name} also fired {fired - {name}}"
    # SHACL 3.6.1: any result at all, whatever its severity, means no conformance
    assert result.conforms is False
    assert result.failed("info")
    assert result.failed("violation") == any(r.severity == "Violation" for r in result.results)


def test_offsets_typed_non_negative_integer_conform(valid: Graph) -> None:
    """W3C Web Annotation types oa:start/oa:end as xsd:nonNegativeInteger; the extractors do too."""
    graph = Graph()
    for triple in valid:
        graph.add(triple)
    graph.update(
        PREFIXES + "DELETE { ?s ?p ?o } INSERT { ?s ?p ?n } WHERE { ?s ?p ?o "
        "FILTER (?p IN (oa:start, oa:end)) "
        "BIND (STRDT(STR(?o), xsd:nonNegativeInteger) AS ?n) }"
    )
    assert validate(graph).results == []


def test_disagreeing_sources_in_two_named_graphs_are_a_warning_not_a_violation() -> None:
    ds = example_dataset()
    other = ds.graph(URIRef(ID + "doc/0123456789abcdef"))
    contingent = URIRef(ID + "deployment/csto-kazakhstan-2022-01/kyrgyzstan")
    other.add((contingent, RDF.type, NG.Deployment))
    other.add((contingent, NG.equipmentUnits, Literal(12)))
    other.add((contingent, PROV.wasDerivedFrom, URIRef(ID + "doc/6c38946ab73631d4")))
    result = validate(ds)
    assert not result.conforms and not result.failed("violation") and result.failed("warning")
    assert {r.source_shape for r in result.results} == {URIRef(NGSH + "Deployment-equipment-max")}
    assert result.counts == {"Violation": 0, "Warning": 1, "Info": 0}
    # the report says which document each of the two values comes from
    [warning] = result.results
    sources = {str(s.value): s.graphs for s in result.sources(warning)}
    assert sources == {"11": (ID + "doc/6c38946ab73631d4",), "12": (ID + "doc/0123456789abcdef",)}
