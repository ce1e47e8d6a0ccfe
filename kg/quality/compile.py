"""SHACL shapes compiled to SPARQL 1.1 queries that return the validation results.

Why: pyshacl walks the graph in Python, focus node by focus node (181 s at 1M
triples with our shapes); the same checks written as one SPARQL query per
constraint run inside Oxigraph's engine in seconds. Every SHACL Core constraint
component (SHACL 1.0 section 4) has a SPARQL counterpart here; SHACL-SPARQL
constraints (section 5) and constraint components declared in the shapes graph
(section 6) are run with $this and their parameters pre-bound. The W3C SHACL test
suite and the comparison with a second engine (tests/test_second_engine.py) hold
the two readings together.

Each top-level query selects `?this` (the focus node), and where the result has one,
the value node, the result path (sh:closed) and a key that tells results apart
(sh:uniqueLang's language). Nested shapes (sh:node, sh:not, sh:and, sh:or, sh:xone,
sh:qualifiedValueShape) become FILTER expressions: a node conforms to a shape when
NOT EXISTS a violation of any of its constraints.

One helper is evaluated in Python through pyoxigraph's custom functions: `ILL_FORMED`
(is a literal's lexical form invalid for its datatype: the same test rdflib, and so
pyshacl, applies).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

from kg.namespaces import SH
from kg.quality import prebind
from kg.quality.shapes import (
    Constraint,
    Path,
    Shape,
    ShapesError,
    ShapesGraph,
    Unsupported,
    is_true,
)

ILL_FORMED = "urn:x-newsgraph:shacl:ill-formed"
_SUBCLASS = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"


@dataclass(frozen=True)
class Query:
    """One compiled query: the shape and constraint it checks and the SPARQL text."""

    shape: Shape
    constraint: Constraint
    sparql: str
    value: str | None  # variable holding the value node (None: results have no value)
    path: str | None = None  # variable holding the result path (sh:closed)
    key: str | None = None  # variable that distinguishes results of one focus node
    message_vars: tuple[str, ...] = ()  # SHACL-SPARQL: variables of the solution
    sparql_constraint: bool = False  # SHACL-SPARQL: each solution is a result
    per_focus: bool = False  # run once per focus node with $this substituted
    focus_sparql: str = ""  # for per_focus: the query selecting the focus nodes
    messages: tuple[Literal, ...] = ()  # message templates ({$var} filled per result)
    ask: bool = False  # a component's ASK validator, run per (focus, value) pair
    parameters: tuple[tuple[str, Node], ...] = ()  # a component's parameter values
    context: tuple[Node, ...] = ()  # the sh:property chain that led here, and the
    parents: tuple[str, ...] = ()  # variables of the focus nodes along it: results reached
    # through two chains or two parent focus nodes are two results (W3C suite)


@dataclass
class _Violation:
    pattern: str
    value: str | None
    path: str | None = None
    key: str | None = None
    condition: str | None = None  # set when the pattern is only FILTER (condition)


def sparql_term(node: Node) -> str:
    """An rdflib term in SPARQL syntax (IRIs and literals; blank nodes cannot be named)."""
    if isinstance(node, URIRef):
        return "<" + _escape_iri(str(node)) + ">"
    if isinstance(node, Literal):
        text = _escape_string(str(node))
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None and node.datatype != XSD.string:
            return f'"{text}"^^<{_escape_iri(str(node.datatype))}>'
        return f'"{text}"'
    raise Unsupported(f"a blank node ({node.n3()}) cannot be named in a SPARQL query")


def _escape_iri(text: str) -> str:
    if re.search(r'[\x00-\x20<>"{}|^`\\]', text):
        raise Unsupported(f"the IRI <{text}> cannot be written in SPARQL")
    return text


def _escape_string(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


@dataclass
class Compiler:
    shapes: ShapesGraph
    # The classes that are C or a subclass of C in the data (rdfs:subClassOf*), when the
    # caller can look them up: `?x a C` is then used instead of the property path
    # `?x rdf:type/rdfs:subClassOf* C`, which costs Oxigraph twice as much.
    subclasses: Callable[[URIRef], list[URIRef]] | None = None
    _fresh: count = field(default_factory=lambda: count(1))
    _stack: list[Node] = field(default_factory=list)

    def fresh(self, stem: str) -> str:
        return f"{stem}{next(self._fresh)}"

    def instance_of(self, var: str, cls: Node) -> str:
        """A pattern matching when ?var is a SHACL instance of `cls` (SHACL 1.0, 1.5)."""
        classes = self.subclasses(cls) if self.subclasses and isinstance(cls, URIRef) else []
        if not classes:
            return f"?{var} {_SUBCLASS} {sparql_term(cls)} ."
        if len(classes) == 1:
            return f"?{var} a {sparql_term(classes[0])} ."
        t = self.fresh("type")
        members = ", ".join(sparql_term(c) for c in classes)
        return f"?{var} a ?{t} . FILTER (?{t} IN ({members}))"

    # ---- top level --------------------------------------------------------------------

    def queries(self) -> list[Query]:
        out: list[Query] = []
        for shape in self.shapes.targeted:
            if shape.deactivated:
                continue
            focus = self.focus_pattern(shape, "this")
            self._shape_queries(shape, focus, out, (shape.node,), ())
        return out

    def focus_pattern(self, shape: Shape, var: str) -> str:
        """A group graph pattern binding ?var to every focus node of the shape's targets."""
        branches = []
        nodes = []
        for kind, value in shape.targets:
            if kind == SH.targetNode:
                nodes.append(sparql_term(value))
            elif kind == SH.targetClass:
                branches.append(self.instance_of(var, value))
            elif kind == SH.targetSubjectsOf:
                branches.append(f"?{var} {sparql_term(value)} [] .")
            elif kind == SH.targetObjectsOf:
                branches.append(f"[] {sparql_term(value)} ?{var} .")
        if nodes:
            branches.append(f"VALUES ?{var} {{ {' '.join(nodes)} }}")
        if len(branches) == 1:
            return branches[0]
        return " UNION ".join("{ " + b + " }" for b in branches)

    def _shape_queries(
        self,
        shape: Shape,
        focus: str,
        out: list[Query],
        context: tuple[Node, ...],
        parents: tuple[str, ...],
    ) -> None:
        """Queries for the shape's own constraints, then its sh:property shapes'."""
        for constraint in shape.constraints:
            if constraint.component == SH.SPARQLConstraintComponent:
                out.append(self._sparql_query(shape, constraint, focus, context))
                continue
            if constraint.bindings is not None:
                out.append(self._component_query(shape, constraint, focus, context))
                continue
            for violation in self.violations(shape, constraint, "this"):
                columns = ["?this"] + [f"?{p}" for p in parents]
                for extra in (violation.value, violation.path, violation.key):
                    if extra is not None and extra != "this":
                        columns.append(f"?{extra}")
                sparql = (
                    f"SELECT DISTINCT {' '.join(columns)} WHERE {{\n  {focus}\n"
                    f"  {violation.pattern}\n}}"
                )
                out.append(
                    Query(
                        shape,
                        constraint,
                        sparql,
                        value=violation.value,
                        path=violation.path,
                        key=violation.key,
                        context=context,
                        parents=parents,
                    )
                )
        for child in shape.properties:
            if child.deactivated:
                continue
            child_parents = parents
            if shape.path is None:
                child_focus = focus
            else:  # the child's focus nodes are this shape's value nodes
                outer = self.fresh("parent")
                child_focus = (
                    "{ "
                    + re.sub(r"\?this\b", f"?{outer}", focus)
                    + f" ?{outer} {shape.path.sparql} ?this . }}"
                )
                child_parents = parents + (outer,)
            self._guard(child)
            self._shape_queries(child, child_focus, out, context + (child.node,), child_parents)
            self._stack.pop()

    def _guard(self, shape: Shape) -> None:
        if shape.node in self._stack:
            raise Unsupported(f"recursive shapes ({shape.node.n3()} refers to itself)")
        self._stack.append(shape.node)

    # ---- constraints -------------------------------------------------------------------

    def values(self, shape: Shape, f: str) -> tuple[str, str]:
        """(pattern, variable) of the value nodes of focus ?f for this shape."""
        if shape.path is None:
            return "", f
        v = self.fresh("v")
        return f"?{f} {shape.path.sparql} ?{v} .", v

    def violations(self, shape: Shape, c: Constraint, f: str) -> list[_Violation]:
        """Patterns that match (with ?f bound) exactly when the constraint is violated."""
        p = c.parameter
        value = c.value

        def per_value(condition_fn) -> list[_Violation]:
            pattern, v = self.values(shape, f)
            condition = condition_fn(v)
            return [
                _Violation(
                    f"{pattern} FILTER ({condition})", v, condition=None if pattern else condition
                )
            ]

        if p == SH["class"]:
            return per_value(lambda v: f"NOT EXISTS {{ {self.instance_of(v, value)} }}")
        if p == SH.datatype:
            return per_value(lambda v: self.not_datatype(v, value))
        if p == SH.nodeKind:
            return per_value(lambda v: "!" + _node_kind(v, value))
        if p in (SH.minExclusive, SH.minInclusive, SH.maxExclusive, SH.maxInclusive):
            op = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<"}.get(p, "<=")
            return per_value(lambda v: f"!COALESCE(?{v} {op} {sparql_term(value)}, false)")
        if p in (SH.minLength, SH.maxLength):
            op = ">=" if p == SH.minLength else "<="
            n = _integer(value, p)
            return per_value(
                lambda v: f"isBlank(?{v}) || !COALESCE(STRLEN(STR(?{v})) {op} {n}, false)"
            )
        if p == SH.pattern:
            flags = self.shapes.graph.value(shape.node, SH.flags)
            regex = f"{sparql_term(Literal(str(value)))}"
            if flags is not None:
                regex += f", {sparql_term(Literal(str(flags)))}"
            return per_value(lambda v: f"isBlank(?{v}) || !REGEX(STR(?{v}), {regex})")
        if p == SH.languageIn:
            tags = [sparql_term(Literal(str(t))) for t in c.items]
            return per_value(
                lambda v: (
                    f"!isLiteral(?{v}) || !("
                    + (" || ".join(f"langMatches(LANG(?{v}), {t})" for t in tags) or "false")
                    + ")"
                )
            )
        if p == SH["in"]:
            members = [sparql_term(m) for m in c.items]
            return per_value(
                lambda v: (
                    "!(" + (" || ".join(f"sameTerm(?{v}, {m})" for m in members) or "false") + ")"
                )
            )
        if p == SH["not"]:
            return per_value(lambda v: self.conforms(self.shapes.shape(value), v))
        if p == SH.node:
            return per_value(lambda v: "!" + self.conforms(self.shapes.shape(value), v))
        if p in (SH["and"], SH["or"], SH.xone):
            members = [self.shapes.shape(m) for m in c.items]

            def logical(v: str) -> str:
                tests = [self.conforms(m, v) for m in members]
                if p == SH["and"]:
                    return "!(" + (" && ".join(tests) or "true") + ")"
                if p == SH["or"]:
                    return "!(" + (" || ".join(tests) or "false") + ")"
                return "(" + (" + ".join(f"IF({t}, 1, 0)" for t in tests) or "0") + ") != 1"

            return per_value(logical)
        if p == SH.disjoint:
            pattern, v = self.values(shape, f)
            return [_Violation(f"{pattern} ?{f} {sparql_term(value)} ?{v} .", v)]
        if p in (SH.lessThan, SH.lessThanOrEquals):
            pattern, v = self.values(shape, f)
            o = self.fresh("o")
            op = "<" if p == SH.lessThan else "<="
            return [  # one result per pair that fails (the W3C suite counts them)
                _Violation(
                    f"{pattern} ?{f} {sparql_term(value)} ?{o} . "
                    f"FILTER (!COALESCE(?{v} {op} ?{o}, false))",
                    v,
                    key=o,
                )
            ]
        if p == SH.equals:
            other = sparql_term(value)
            if shape.path is None:
                o = self.fresh("o")
                return [
                    _Violation(f"FILTER NOT EXISTS {{ ?{f} {other} ?{f} }}", f),
                    _Violation(f"?{f} {other} ?{o} . FILTER (!sameTerm(?{o}, ?{f}))", o),
                ]
            pattern, v = self.values(shape, f)
            return [
                _Violation(f"{pattern} FILTER NOT EXISTS {{ ?{f} {other} ?{v} }}", v),
                _Violation(
                    f"?{f} {other} ?{v} . FILTER NOT EXISTS {{ ?{f} {shape.path.sparql} ?{v} }}",
                    v,
                ),
            ]
        if p == SH.hasValue:
            if shape.path is None:
                return [_Violation(f"FILTER (!sameTerm(?{f}, {sparql_term(value)}))", None)]
            return [
                _Violation(
                    f"FILTER NOT EXISTS {{ ?{f} {shape.path.sparql} {sparql_term(value)} }}", None
                )
            ]
        if p == SH.closed:
            allowed: set[Node] = set()
            for child in shape.properties:
                if child.path is not None and child.path.predicate is not None:
                    allowed.add(child.path.predicate)
            allowed.update(m for m in c.items if isinstance(m, URIRef))
            pattern, v = self.values(shape, f)
            pred, o = self.fresh("pred"), self.fresh("o")
            not_in = ", ".join(sparql_term(a) for a in sorted(allowed))
            condition = f"FILTER (?{pred} NOT IN ({not_in}))" if not_in else ""
            return [_Violation(f"{pattern} ?{v} ?{pred} ?{o} . {condition}", o, path=pred)]
        if p == SH.minCount:
            n = _integer(value, p)
            if n == 0:
                return []
            if shape.path is None:
                raise ShapesError(f"{shape.node.n3()}: sh:minCount on a node shape")
            if n == 1:
                v = self.fresh("v")
                return [_Violation(f"FILTER NOT EXISTS {{ ?{f} {shape.path.sparql} ?{v} }}", None)]
            return [self._count(shape, f, "", f"< {n}")]
        if p == SH.maxCount:
            n = _integer(value, p)
            if shape.path is None:
                raise ShapesError(f"{shape.node.n3()}: sh:maxCount on a node shape")
            return [self._count(shape, f, "", f"> {n}", at_least_one=True)]
        if p == SH.uniqueLang:
            if shape.path is None:
                raise ShapesError(f"{shape.node.n3()}: sh:uniqueLang on a node shape")
            v, lang = self.fresh("v"), self.fresh("lang")
            return [
                _Violation(
                    f"{{ SELECT ?{f} ?{lang} WHERE {{ ?{f} {shape.path.sparql} ?{v} . "
                    f'BIND (LANG(?{v}) AS ?{lang}) FILTER (?{lang} != "") }} '
                    f"GROUP BY ?{f} ?{lang} HAVING (COUNT(DISTINCT ?{v}) > 1) }}",
                    None,
                    key=lang,
                )
            ]
        if p in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            return self._qualified(shape, c, f)
        raise Unsupported(f"{c.component} is not compiled")

    def _count(
        self, shape: Shape, f: str, condition: str, test: str, at_least_one: bool = False
    ) -> _Violation:
        """Focus nodes whose number of distinct value nodes (meeting `condition`) fails `test`."""
        assert shape.path is not None
        v, n = self.fresh("v"), self.fresh("n")
        inner = (
            f"{{ SELECT ?{f} (COUNT(DISTINCT ?{v}) AS ?{n}) WHERE {{ "
            f"?{f} {shape.path.sparql} ?{v} . {condition} }} GROUP BY ?{f} }}"
        )
        if at_least_one:  # the test can only fail with values: no OPTIONAL needed
            return _Violation(f"{inner} FILTER (?{n} {test})", None)
        return _Violation(f"OPTIONAL {inner} FILTER (COALESCE(?{n}, 0) {test})", None)

    def _qualified(self, shape: Shape, c: Constraint, f: str) -> list[_Violation]:
        if shape.path is None:
            raise Unsupported(f"{shape.node.n3()}: qualified cardinality on a node shape")
        graph = self.shapes.graph
        q_node = graph.value(shape.node, SH.qualifiedValueShape)
        if q_node is None:
            raise ShapesError(
                f"{shape.node.n3()}: {c.parameter.n3()} without sh:qualifiedValueShape"
            )
        n = _integer(c.value, c.parameter)
        disjoint = graph.value(shape.node, SH.qualifiedValueShapesDisjoint)
        siblings: list[Node] = []
        if is_true(disjoint):
            for parent in self.shapes.parents(shape):
                for sibling in parent.properties:
                    for s in graph.objects(sibling.node, SH.qualifiedValueShape):
                        if s != q_node and s not in siblings:
                            siblings.append(s)
        v = "qv" + str(next(self._fresh))
        tests = [self.conforms(self.shapes.shape(q_node), v)]
        tests += ["!" + self.conforms(self.shapes.shape(s), v) for s in siblings]
        condition = "FILTER (" + " && ".join(tests) + ")"
        nn = self.fresh("n")
        inner = (
            f"{{ SELECT ?{f} (COUNT(DISTINCT ?{v}) AS ?{nn}) WHERE {{ "
            f"?{f} {shape.path.sparql} ?{v} . {condition} }} GROUP BY ?{f} }}"
        )
        op = "<" if c.parameter == SH.qualifiedMinCount else ">"
        return [_Violation(f"OPTIONAL {inner} FILTER (COALESCE(?{nn}, 0) {op} {n})", None)]

    def conforms(self, shape: Shape, x: str) -> str:
        """A FILTER expression true when the node in ?x conforms to `shape`."""
        if shape.deactivated:
            return "true"
        self._guard(shape)
        try:
            tests = []
            for c in shape.constraints:
                if c.component == SH.SPARQLConstraintComponent or c.bindings is not None:
                    raise Unsupported("a SPARQL-based constraint inside a nested shape")
                for violation in self.violations(shape, c, x):
                    if violation.condition is not None:
                        # NOT EXISTS { FILTER (c) }, an error in c counting as false
                        tests.append(f"COALESCE(!({violation.condition}), true)")
                    else:
                        tests.append(f"NOT EXISTS {{ {violation.pattern} }}")
            for child in shape.properties:
                if shape.path is None:
                    tests.append(self.conforms(child, x))
                else:
                    y = self.fresh("y")
                    tests.append(
                        f"NOT EXISTS {{ ?{x} {shape.path.sparql} ?{y} . "
                        f"FILTER (!{self.conforms(child, y)}) }}"
                    )
        finally:
            self._stack.pop()
        return "(" + (" && ".join(tests) or "true") + ")"

    def not_datatype(self, v: str, datatype: Node) -> str:
        if not isinstance(datatype, URIRef):
            raise ShapesError(f"sh:datatype must be an IRI, not {datatype.n3()}")
        if datatype == RDF.langString:
            return f'!isLiteral(?{v}) || LANG(?{v}) = ""'
        check = f"!isLiteral(?{v}) || !sameTerm(DATATYPE(?{v}), {sparql_term(datatype)})"
        if datatype == XSD.string:
            return check
        return f"{check} || <{ILL_FORMED}>(?{v})"

    # ---- SHACL-SPARQL ----------------------------------------------------------------

    def _sparql_query(
        self, shape: Shape, c: Constraint, focus: str, context: tuple[Node, ...]
    ) -> Query:
        graph = self.shapes.graph
        node = c.value
        deactivated = graph.value(node, SH.deactivated)
        select = graph.value(node, SH.select)
        if select is None:
            raise Unsupported(f"{shape.node.n3()}: sh:sparql without sh:select (ASK)")
        text = str(select)
        if is_true(deactivated):
            text = ""
        if re.search(r"\$shapesGraph\b", text):
            raise Unsupported("$shapesGraph in a SPARQL constraint")
        if shape.path is not None:
            text = re.sub(r"\$PATH\b", shape.path.sparql, text)
        if re.search(r"\$currentShape\b", text):
            text = re.sub(r"\$currentShape\b", sparql_term(shape.node), text)
        prefixes = self.prefixes(node)
        prebind.check(text)
        variables = tuple(sorted(set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", text))))
        together = prebind.joined(prefixes + text, focus)
        own = tuple(m for m in graph.objects(node, SH.message) if isinstance(m, Literal))
        return Query(
            shape,
            c,
            together if together is not None else prefixes + text,
            value="value",
            path="path",
            message_vars=variables,
            sparql_constraint=True,
            per_focus=together is None,
            focus_sparql=f"SELECT DISTINCT ?this WHERE {{ {focus} }}",
            messages=own or shape.messages,
            context=context,
        )

    def _component_query(
        self, shape: Shape, c: Constraint, focus: str, context: tuple[Node, ...]
    ) -> Query:
        """A constraint of a component declared in the shapes graph (SHACL 6): its SELECT
        validator for the shape's kind, else its ASK validator (sh:validator)."""
        graph = self.shapes.graph
        component = c.component
        assert c.bindings is not None
        parameters = dict((name, sparql_term(value)) for name, value in c.bindings)
        if isinstance(shape.node, URIRef):
            parameters["currentShape"] = sparql_term(shape.node)
        kind = SH.propertyValidator if shape.path is not None else SH.nodeValidator
        select_validator = graph.value(component, kind)
        validator = (
            select_validator
            if select_validator is not None
            else graph.value(component, SH.validator)
        )
        body = (
            None
            if validator is None
            else graph.value(validator, SH.select if select_validator is not None else SH.ask)
        )
        if validator is None or body is None:
            raise Unsupported(f"{component} has no SPARQL validator for this kind of shape")
        text = str(body)
        if re.search(r"\$shapesGraph\b", text):
            raise Unsupported("$shapesGraph in a SPARQL validator")
        if shape.path is not None:
            text = re.sub(r"\$PATH\b", shape.path.sparql, text)
        prebind.check(text)
        text = self.prefixes(validator) + prebind.substituted(text, parameters)
        messages = shape.messages or tuple(
            m
            for source in (validator, component)
            for m in graph.objects(source, SH.message)
            if isinstance(m, Literal)
        )
        common = dict(
            messages=messages,
            parameters=c.bindings,
            context=context,
            message_vars=tuple(sorted(set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", text)))),
        )
        if select_validator is not None:
            return Query(
                shape, c, text, value="value", path="path", sparql_constraint=True,
                per_focus=True, focus_sparql=f"SELECT DISTINCT ?this WHERE {{ {focus} }}",
                **common,
            )  # fmt: skip
        pattern, v = self.values(shape, "this")
        pairs = f"SELECT DISTINCT ?this ?{v} WHERE {{ {focus} {pattern} }}"
        if v == "this":
            pairs = f"SELECT DISTINCT ?this WHERE {{ {focus} }}"
        return Query(
            shape, c, text, value=v, path=None, sparql_constraint=True, ask=True,
            focus_sparql=pairs, **common,
        )  # fmt: skip

    def prefixes(self, node: Node) -> str:
        """PREFIX declarations from the sh:declare of every sh:prefixes of `node`, and of
        the ontologies these import (owl:imports), as SHACL 5.2.1 says."""
        graph = self.shapes.graph
        lines = []
        todo = list(graph.objects(node, SH.prefixes))
        seen: set[Node] = set()
        while todo:
            ontology = todo.pop()
            if ontology in seen:
                continue
            seen.add(ontology)
            todo.extend(graph.objects(ontology, OWL.imports))
            for declaration in graph.objects(ontology, SH.declare):
                prefix = graph.value(declaration, SH.prefix)
                namespace = graph.value(declaration, SH.namespace)
                if prefix is None or namespace is None:
                    raise ShapesError(f"sh:declare of {ontology.n3()} lacks a prefix or namespace")
                lines.append(f"PREFIX {prefix}: <{_escape_iri(str(namespace))}>\n")
        return "".join(sorted(set(lines)))


def _integer(value: Node, parameter: URIRef) -> int:
    if isinstance(value, Literal) and isinstance(value.value, int) and value.value >= 0:
        return int(value.value)
    raise ShapesError(f"{parameter.n3()} must be a non-negative integer, not {value.n3()}")


def _node_kind(v: str, kind: Node) -> str:
    tests = {
        SH.IRI: f"isIRI(?{v})",
        SH.BlankNode: f"isBlank(?{v})",
        SH.Literal: f"isLiteral(?{v})",
        SH.BlankNodeOrIRI: f"!isLiteral(?{v})",
        SH.BlankNodeOrLiteral: f"!isIRI(?{v})",
        SH.IRIOrLiteral: f"!isBlank(?{v})",
    }
    if kind not in tests:
        raise ShapesError(f"sh:nodeKind {kind.n3()} is not a SHACL node kind")
    return "(" + tests[kind] + ")"


__all__ = ["ILL_FORMED", "Compiler", "Path", "Query", "sparql_term"]
