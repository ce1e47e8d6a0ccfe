"""Run compiled SHACL queries (kg.quality.compile) on an Oxigraph store: the SPARQL engine.

Each query runs on the store's default graph (the union). SHACL-SPARQL constraints
run once per focus node with $this pre-bound through Oxigraph's substitutions
(SEP-0007), which is what SHACL 5.6 means by pre-binding. Results come back as
kg.quality.report.Result, deduplicated (a shape reached twice reports once).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.namespaces import SH
from kg.quality import prebind
from kg.quality.compile import ILL_FORMED, Compiler, Query
from kg.quality.data import quiet_rdflib, stored_forms
from kg.quality.report import Result
from kg.quality.shapes import Shape, ShapesError, ShapesGraph, is_true
from kg.terms import from_ox_exact as from_ox
from kg.terms import to_ox

XSD = "http://www.w3.org/2001/XMLSchema#"


@lru_cache(maxsize=65536)
def _ill_formed(lexical: str, datatype: str) -> bool:
    """rdflib's (and so pyshacl's) judgement of a lexical form against its datatype."""
    with quiet_rdflib():
        literal = Literal(lexical, datatype=URIRef(datatype))
    return bool(literal.ill_typed)


def ill_formed(term: ox.Term) -> ox.Literal:
    if isinstance(term, ox.Literal) and not term.language:
        return ox.Literal(
            "true" if _ill_formed(term.value, term.datatype.value) else "false",
            datatype=ox.NamedNode(XSD + "boolean"),
        )
    return ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))


FUNCTIONS = {ox.NamedNode(ILL_FORMED): ill_formed}

DEFAULT_MESSAGES = {
    SH.ClassConstraintComponent: "Value does not have class {value}",
    SH.DatatypeConstraintComponent: "Value is not a well-formed literal of datatype {value}",
    SH.NodeKindConstraintComponent: "Value is not of node kind {value}",
    SH.MinCountConstraintComponent: "Fewer than {value} values",
    SH.MaxCountConstraintComponent: "More than {value} values",
    SH.MinExclusiveConstraintComponent: "Value is not > {value}",
    SH.MinInclusiveConstraintComponent: "Value is not >= {value}",
    SH.MaxExclusiveConstraintComponent: "Value is not < {value}",
    SH.MaxInclusiveConstraintComponent: "Value is not <= {value}",
    SH.MinLengthConstraintComponent: "Value has fewer than {value} characters",
    SH.MaxLengthConstraintComponent: "Value has more than {value} characters",
    SH.PatternConstraintComponent: "Value does not match pattern {value}",
    SH.LanguageInConstraintComponent: "Language tag not in the allowed list",
    SH.UniqueLangConstraintComponent: "More than one value in the same language",
    SH.EqualsConstraintComponent: "Value sets of the path and {value} differ",
    SH.DisjointConstraintComponent: "Value is also a value of {value}",
    SH.LessThanConstraintComponent: "Value is not < the values of {value}",
    SH.LessThanOrEqualsConstraintComponent: "Value is not <= the values of {value}",
    SH.NotConstraintComponent: "Value conforms to the shape {value}, which it must not",
    SH.AndConstraintComponent: "Value does not conform to all the shapes",
    SH.OrConstraintComponent: "Value conforms to none of the shapes",
    SH.XoneConstraintComponent: "Value does not conform to exactly one of the shapes",
    SH.NodeConstraintComponent: "Value does not conform to the shape {value}",
    SH.QualifiedMinCountConstraintComponent: "Fewer than {value} values conform to the shape",
    SH.QualifiedMaxCountConstraintComponent: "More than {value} values conform to the shape",
    SH.ClosedConstraintComponent: "Predicate not allowed by the closed shape",
    SH.HasValueConstraintComponent: "Missing the value {value}",
    SH.InConstraintComponent: "Value is not one of the allowed values",
    SH.SPARQLConstraintComponent: "SPARQL constraint violated",
}


def run(
    store: ox.Store, shapes: ShapesGraph, originals: dict[ox.Literal, ox.Literal] | None = None
) -> list[Result]:
    """Validate the store's default graph: every result, deduplicated.

    `originals` maps literals as the store keeps them back to the input's lexical form
    ("4"^^xsd:decimal to "4.0"), so that results name the input's terms; sh:targetNode
    literals of the shapes are mapped back the same way.
    """
    compiler = Compiler(shapes, subclasses=subclass_lookup(store))
    values = _Terms(dict(originals or {}))
    constants = [
        to_ox(v)
        for _s, _p, v in shapes.graph.triples((None, SH.targetNode, None))
        if isinstance(v, Literal)
    ]
    focus = _Terms(dict(values.back))
    for original, stored in stored_forms(constants).items():
        if stored != original:
            focus.back.setdefault(stored, original)
    results: dict[tuple, Result] = {}
    for query in compiler.queries():
        for key, result in _run_query(store, shapes, query, focus, values):
            results.setdefault(key, result)
    return list(results.values())


class _Terms:
    """Converts Oxigraph terms of a solution to rdflib terms, mapping stored forms back."""

    def __init__(self, back: dict[ox.Literal, ox.Literal]) -> None:
        self.back = back

    def get(self, solution: ox.QuerySolution, name: str | None) -> Node | None:
        if name is None:
            return None
        try:
            term = solution[name]
        except (KeyError, IndexError):
            return None
        if term is None:
            return None
        return from_ox(self.back.get(term, term) if isinstance(term, ox.Literal) else term)


def subclass_lookup(store: ox.Store):
    """C and its subclasses in the data (rdfs:subClassOf*), looked up once per class."""
    found: dict[URIRef, list[URIRef]] = {}

    def subclasses(cls: URIRef) -> list[URIRef]:
        if cls not in found:
            query = (
                "SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                f"<{cls}> }}"
            )
            terms = [s["c"] for s in store.query(query)]
            if any(not isinstance(c, ox.NamedNode) for c in terms):
                found[cls] = []  # a blank-node subclass cannot be named: keep the path
            else:
                names = {URIRef(c.value) for c in terms}
                found[cls] = [cls] + sorted(names - {cls})
        return found[cls]

    return subclasses


def focus_count(store: ox.Store, shapes: ShapesGraph) -> int:
    """How many distinct nodes the shapes target (0: nothing was checked at all)."""
    compiler = Compiler(shapes, subclasses=subclass_lookup(store))
    branches = [compiler.focus_pattern(s, "this") for s in shapes.targeted if not s.deactivated]
    if not branches:
        return 0
    union = " UNION ".join("{ " + b + " }" for b in sorted(set(branches)))
    query = f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {union} }}"
    return int(next(iter(store.query(query)))["n"].value)


def _execute(store: ox.Store, sparql: str, **kwargs) -> ox.QuerySolutions:
    try:
        return store.query(sparql, custom_functions=FUNCTIONS, **kwargs)
    except SyntaxError as exc:
        raise ShapesError(f"a shape's SPARQL does not parse: {exc}") from exc


def _run_query(
    store: ox.Store, shapes: ShapesGraph, query: Query, focus_terms: _Terms, terms: _Terms
):
    shape, constraint = query.shape, query.constraint
    messages = shape.messages
    if query.sparql_constraint:
        yield from _run_sparql_constraint(store, shapes, query, focus_terms, terms)
        return
    default_path = None if shape.path is None else shape.path.node
    _get = terms.get
    for solution in _execute(store, query.sparql):
        focus = focus_terms.get(solution, "this")
        value = (
            focus_terms.get(solution, query.value)
            if query.value == "this"
            else _get(solution, query.value)
        )
        path = _get(solution, query.path) if query.path else default_path
        key_value = (_get(solution, query.key),) + tuple(_get(solution, v) for v in query.parents)
        result = Result(
            focus_node=focus,
            path=path,
            value=value,
            severity=_local(shape.severity),
            source_shape=shape.node,
            constraint=constraint.component,
            message=_message(messages, constraint),
            messages=messages,
            severity_iri=shape.severity,
        )
        key = (focus, path, value, shape.node, constraint, None, key_value, query.context)
        yield key, result


def _run_sparql_constraint(
    store: ox.Store, shapes: ShapesGraph, query: Query, focus_terms: _Terms, terms: _Terms
):
    """Results of a SHACL-SPARQL constraint or of a component's SPARQL validator."""
    shape, constraint = query.shape, query.constraint
    _get = terms.get
    if not query.sparql.strip() or is_true(shapes.graph.value(constraint.value, SH.deactivated)):
        return
    default_path = None if shape.path is None else shape.path.node
    parameters = dict(query.parameters)
    for node, solution, ask_value in _solutions(store, query):
        if solution is not None:
            failure = _get(solution, "failure")
            if isinstance(failure, Literal) and failure.value is True:
                raise ShapesError(f"the SPARQL constraint of {shape.node.n3()} reported a failure")
        if node is None:
            node = solution["this"]
        focus = from_ox(focus_terms.back.get(node, node) if isinstance(node, ox.Literal) else node)
        if ask_value is not None:
            value: Node | None = from_ox(ask_value)
            path = default_path
            bindings: dict[str, Node | None] = {"value": value}
            message_literal = None
        else:
            value = _get(solution, "value")
            if value is None and shape.path is None:
                value = focus
            path = _get(solution, "path") or default_path
            bindings = {v: _get(solution, v) for v in query.message_vars}
            message_literal = _get(solution, "message")
        bindings.update(parameters)
        bindings["this"] = focus
        literals = (
            (message_literal,)
            if isinstance(message_literal, Literal)
            else tuple(_fill(m, bindings) for m in query.messages)
        )
        result = Result(
            focus_node=focus,
            path=path,
            value=value,
            severity=_local(shape.severity),
            source_shape=shape.node,
            constraint=constraint.component,
            message=_english(literals) or DEFAULT_MESSAGES.get(constraint.component, "Violated"),
            messages=literals,
            source_constraint=constraint.source,
            severity_iri=shape.severity,
        )
        key = (
            focus, path, value, shape.node, constraint, constraint.source, None, query.context,
        )  # fmt: skip
        yield key, result


def _solutions(store: ox.Store, query: Query):
    """(focus node or None, solution, value) triples of a SPARQL-based constraint: one run
    for every focus node together when prebind.joined allowed it, else one run per focus
    node; for an ASK validator, one ASK per (focus, value) pair, yielding the pairs it
    answers false for (solution None)."""
    if not query.per_focus and not query.ask:
        for solution in _execute(store, query.sparql):
            yield None, solution, None
        return
    this = ox.Variable("this")
    for s in list(_execute(store, query.focus_sparql)):
        node = s["this"]
        if query.ask:
            value = s[query.value] if query.value != "this" else node
            if isinstance(node, ox.BlankNode) or isinstance(value, ox.BlankNode):
                answer = _execute(
                    store, query.sparql, substitutions={this: node, ox.Variable("value"): value}
                )
            else:
                bound = {"this": str(node), "value": str(value)}
                answer = _execute(store, prebind.substituted(query.sparql, bound))
            if not bool(answer):
                yield node, None, value
            continue
        if isinstance(node, ox.BlankNode):  # cannot be written in a query: bind it instead
            solutions = _execute(store, query.sparql, substitutions={this: node})
        else:
            solutions = _execute(store, prebind.substituted(query.sparql, {"this": str(node)}))
        for solution in solutions:
            yield node, solution, None


def _fill(template: Literal, bindings: dict[str, Node | None]) -> Literal:
    def replace(match: re.Match[str]) -> str:
        value = bindings.get(match.group(2))
        return "" if value is None else str(value)

    text = re.sub(r"\{([?$])([A-Za-z_][A-Za-z0-9_]*)\}", replace, str(template))
    return Literal(text, lang=template.language)


def _english(literals: tuple[Literal, ...]) -> str:
    english = [m for m in literals if m.language in (None, "", "en")]
    return str((english or list(literals) or [""])[0])


def _message(messages: tuple[Literal, ...], constraint) -> str:
    if messages:
        return _english(messages)
    template = DEFAULT_MESSAGES.get(constraint.component, "Constraint violated")
    value = constraint.value
    shown = value.n3() if not isinstance(value, Literal) else str(value)
    return template.format(value=shown)


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


__all__ = ["FUNCTIONS", "Shape", "focus_count", "run"]
