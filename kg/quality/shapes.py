"""A SHACL shapes graph read into plain objects: shapes, targets, paths, constraints.

Follows the definitions of SHACL 1.0 (W3C Recommendation, 2017) section 2: what is
a shape, a target, a property path, a constraint component and its parameters.
Both engines read shapes through here: the SPARQL compiler (kg.quality.compile)
turns them into queries, and the checks that make an unusable shapes graph an
error (empty, no shape, no target: a "pass" that checked nothing) are made once.

`ShapesError` means the shapes graph cannot be used at all (malformed SHACL);
`Unsupported` means only that the SPARQL compiler cannot run it, and the caller
may hand it to pyshacl instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import SH


class ShapesError(ValueError):
    """The shapes graph is unusable: nothing or something malformed to validate with."""


class Unsupported(Exception):
    """The SPARQL compiler cannot run these shapes (pyshacl can)."""


TARGET_PREDICATES = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)

# Constraint components of SHACL Core and SHACL-SPARQL, by the parameter that triggers
# each (SHACL section 4; 5 for sh:sparql). Optional parameters (sh:flags,
# sh:ignoredProperties, sh:qualifiedValueShapesDisjoint) are read with their main one.
COMPONENT_OF = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
LIST_PARAMETERS = {SH["and"], SH["or"], SH.xone, SH["in"], SH.languageIn}
SHAPE_PARAMETERS = {SH["not"], SH.node, SH.qualifiedValueShape, SH.property}
# Parameters that make their subject a shape (SHACL 2.1: "subject of a parameter").
ALL_PARAMETERS = (
    set(COMPONENT_OF)
    | {SH.flags, SH.ignoredProperties, SH.qualifiedValueShape, SH.property}
    | {SH.qualifiedValueShapesDisjoint}
)


@dataclass(frozen=True)
class Path:
    """A SHACL property path: its node in the shapes graph and its SPARQL spelling."""

    node: Node
    sparql: str
    predicate: URIRef | None = None  # set when the path is a single IRI
    inverse_of: URIRef | None = None  # set when the path is ^IRI


@dataclass(frozen=True)
class Constraint:
    """One constraint: a component and the values of its parameters on one shape."""

    component: URIRef
    parameter: URIRef
    value: Node  # the main parameter's value (a list head for list parameters)
    items: tuple[Node, ...] = ()  # members of a list-valued parameter
    source: Node | None = None  # sh:sourceConstraint (the sh:sparql node)
    # a component declared in the shapes graph (SHACL 6): its parameters' values by the
    # variable name they bind ($lang for ex:lang)
    bindings: tuple[tuple[str, Node], ...] | None = None


@dataclass(eq=False)
class Shape:
    node: Node
    path: Path | None
    severity: URIRef = SH.Violation
    messages: tuple[Literal, ...] = ()
    deactivated: bool = False
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None

    def __repr__(self) -> str:
        return f"Shape({self.node.n3()})"


@dataclass
class ShapesGraph:
    """Every shape of a shapes graph, by node, and the ones that have targets."""

    graph: Graph
    shapes: dict[Node, Shape]
    targeted: list[Shape]

    def shape(self, node: Node) -> Shape:
        found = self.shapes.get(node)
        if found is None:  # a value of sh:node etc. that carries nothing: always conforms
            found = self.shapes[node] = Shape(node=node, path=None)
        return found

    def parents(self, shape: Shape) -> Iterator[Shape]:
        """Shapes that hold `shape` through sh:property."""
        for parent in self.graph.subjects(SH.property, shape.node):
            yield self.shape(parent)

    def describe(self) -> str:
        return f"{len(self.shapes)} shapes, {len(self.targeted)} with targets"


def read_shapes(graph: Graph, *, require_targets: bool = True) -> ShapesGraph:
    """Read every shape of `graph`. Raises ShapesError when there is nothing to validate with."""
    if len(graph) == 0:
        raise ShapesError("the shapes graph is empty")
    nodes = _shape_nodes(graph)
    if not nodes:
        raise ShapesError(
            "the shapes graph holds no SHACL shape (no sh:NodeShape, sh:PropertyShape, "
            "target or constraint parameter)"
        )
    shapes: dict[Node, Shape] = {}
    for node in nodes:
        shapes[node] = _read_shape(graph, node)
    for shape in shapes.values():
        shape.properties = [
            shapes[p] if p in shapes else _read_shape(graph, p)
            for p in graph.objects(shape.node, SH.property)
        ]
    targeted = [s for s in shapes.values() if s.targets]
    targeted.sort(key=lambda s: str(s.node))
    if require_targets and not any(not s.deactivated for s in targeted):
        raise ShapesError(
            f"none of the {len(shapes)} shapes has a target (sh:targetClass, sh:targetNode, "
            "sh:targetSubjectsOf, sh:targetObjectsOf or an implicit class target), or all "
            "are deactivated: nothing would be checked"
        )
    return ShapesGraph(graph=graph, shapes=shapes, targeted=targeted)


def _shape_nodes(graph: Graph) -> list[Node]:
    found: set[Node] = set()
    for kind in (SH.NodeShape, SH.PropertyShape):
        found.update(graph.subjects(RDF.type, kind))
    for p in TARGET_PREDICATES + (SH.target, SH.path):
        found.update(graph.subjects(p, None))
    for p in ALL_PARAMETERS:
        found.update(graph.subjects(p, None))
    for p in SHAPE_PARAMETERS:
        found.update(graph.objects(None, p))
    for p in (SH["and"], SH["or"], SH.xone):
        for head in graph.objects(None, p):
            found.update(_list(graph, head))
    # a sh:sparql node is not a shape, unless it is one too (W3C test sparql/node/sparql-002)
    for node in set(graph.objects(None, SH.sparql)):
        if not any(True for _ in graph.objects(node, RDF.type)) or not (
            (node, RDF.type, SH.NodeShape) in graph
            or (node, RDF.type, SH.PropertyShape) in graph
            or any(True for p in TARGET_PREDICATES for _ in graph.objects(node, p))
        ):
            found.discard(node)
    return sorted((n for n in found if isinstance(n, (URIRef, BNode))), key=str)


TRUE = Literal("true", datatype=XSD.boolean)


def is_true(value: Node | None) -> bool:
    """The term "true"^^xsd:boolean itself, as SHACL's boolean parameters require."""
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


def _list(graph: Graph, head: Node) -> list[Node]:
    if head == RDF.nil:
        return []
    if graph.value(head, RDF.first) is None:
        raise ShapesError(f"{head.n3()} should be an RDF list")
    return list(Collection(graph, head))


def _one(graph: Graph, node: Node, predicate: URIRef) -> Node | None:
    values = list(graph.objects(node, predicate))
    if len(values) > 1:
        raise ShapesError(f"{node.n3()} has {len(values)} values of {predicate.n3()}: one allowed")
    return values[0] if values else None


def _read_shape(graph: Graph, node: Node) -> Shape:
    path_node = _one(graph, node, SH.path)
    shape = Shape(node=node, path=None if path_node is None else read_path(graph, path_node))
    severity = _one(graph, node, SH.severity)
    if severity is not None:
        if not isinstance(severity, URIRef):
            raise ShapesError(f"{node.n3()}: sh:severity must be an IRI")
        shape.severity = severity
    shape.messages = tuple(m for m in graph.objects(node, SH.message) if isinstance(m, Literal))
    shape.deactivated = is_true(_one(graph, node, SH.deactivated))
    for predicate in TARGET_PREDICATES:
        for value in graph.objects(node, predicate):
            shape.targets.append((predicate, value))
    if (node, RDF.type, RDFS.Class) in graph and isinstance(node, URIRef):
        if any((node, RDF.type, k) in graph for k in (SH.NodeShape, SH.PropertyShape)):
            shape.targets.append((SH.targetClass, node))  # implicit class target
    if any(True for _ in graph.objects(node, SH.target)):
        raise Unsupported(f"{node.n3()} uses sh:target (SHACL Advanced Features)")
    for parameter, component in COMPONENT_OF.items():
        for value in graph.objects(node, parameter):
            if parameter in (SH.uniqueLang, SH.closed) and not is_true(value):
                continue  # only "true"^^xsd:boolean activates them ("1" does not: W3C suite)
            if parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount) and not any(
                True for _ in graph.objects(node, SH.qualifiedValueShape)
            ):
                continue  # a component is active only with all its mandatory parameters
            items = tuple(_list(graph, value)) if parameter in LIST_PARAMETERS else ()
            if parameter == SH.closed:
                ignored = _one(graph, node, SH.ignoredProperties)
                items = tuple(_list(graph, ignored)) if ignored is not None else ()
            source = value if parameter == SH.sparql else None
            shape.constraints.append(Constraint(component, parameter, value, items, source))
    shape.constraints.extend(_custom_constraints(graph, node))
    return shape


def _custom_constraints(graph: Graph, node: Node) -> list[Constraint]:
    """Constraints of components declared in the shapes graph (SHACL 6: anything with
    sh:parameter, whatever subclass of sh:ConstraintComponent it is typed with). A shape
    uses one when it has a value for each of its non-optional parameters; several values
    of a parameter make one constraint per combination."""
    out = []
    for component in sorted(set(graph.subjects(SH.parameter, None)), key=str):
        names: list[str] = []
        choices: list[list[Node]] = []
        complete = True
        for parameter in graph.objects(component, SH.parameter):
            path = graph.value(parameter, SH.path)
            if not isinstance(path, URIRef):
                raise ShapesError(f"a parameter of {component.n3()} has no IRI sh:path")
            values = list(graph.objects(node, path))
            if not values:
                if not is_true(graph.value(parameter, SH.optional)):
                    complete = False
                continue
            names.append(re.split(r"[#/:]", str(path))[-1])
            choices.append(values)
        if not complete or not names:
            continue
        if not isinstance(component, URIRef):
            raise ShapesError("a constraint component must be an IRI")
        for combination in itertools.product(*choices):
            out.append(
                Constraint(
                    component,
                    SH.parameter,
                    component,
                    bindings=tuple(zip(names, combination, strict=True)),
                )
            )
    return out


def read_path(graph: Graph, node: Node) -> Path:
    """A SHACL property path (SHACL 2.3.1) with its SPARQL 1.1 property path spelling."""
    if isinstance(node, URIRef):
        return Path(node, f"<{node}>", predicate=node)
    if not isinstance(node, BNode):
        raise ShapesError(f"{node.n3()} is not a property path")
    if graph.value(node, RDF.first) is not None:
        members = [read_path(graph, m) for m in _list(graph, node)]
        if len(members) < 2:
            raise ShapesError("a sequence path needs at least two members")
        return Path(node, "(" + "/".join(m.sparql for m in members) + ")")
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        members = [read_path(graph, m) for m in _list(graph, alternatives)]
        if len(members) < 2:
            raise ShapesError("an alternative path needs at least two members")
        return Path(node, "(" + "|".join(m.sparql for m in members) + ")")
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        inner = read_path(graph, inverse)
        return Path(node, f"^{inner.sparql}", inverse_of=inner.predicate)
    for predicate, mark in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner_node = graph.value(node, predicate)
        if inner_node is not None:
            inner = read_path(graph, inner_node)
            return Path(node, f"({inner.sparql}){mark}")
    raise ShapesError(f"{node.n3()} is not a property path")
