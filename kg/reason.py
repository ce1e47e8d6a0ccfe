"""OWL 2 RL reasoning restricted to the rules newsgraph's ontology uses, fast.

Why not owlrl itself: it computes the full OWL-RL closure, which takes 41 s at
100k triples and would take many minutes at 1M, and most of what it derives is
noise for a knowledge graph (axiomatic triples, `x owl:sameAs x`, literal
subjects, `owl:Thing` on everything, facts about the ontology's own terms, every
triple copied onto the Wikidata IRIs linked with owl:sameAs). Here the ontology
is compiled into the handful of rules it actually needs and run as a
semi-naive fixpoint over Python dicts and sets:

| rule (OWL 2 RL name) | from | derives |
|---|---|---|
| cax-sco, cax-eqc1/2 | `x a C`, C ⊑ D (or C ≡ D) | `x a D` |
| prp-spo1, prp-eqp1/2 | `x p y`, p ⊑ q (or p ≡ q) | `x q y` |
| prp-dom | `x p y`, p domain C (named C) | `x a C` |
| prp-rng | `x p y`, p range C (named C, y not a literal) | `y a C` |
| prp-inv1/2 | `x p y`, p inverseOf q | `y q x` |
| prp-symp | `x p y`, p symmetric | `y p x` |
| prp-trp | `x p y`, `y p z`, p transitive | `x p z` |
| prp-spo2 | `x p1 y1 … yn-1 pn z`, q ≡ chain (p1 … pn) | `x q z` |

Deliberately not done: owl:sameAs smushing (eq-* rules; our IRIs are already
deterministic, and copying onto Wikidata IRIs is what we must not do),
class expressions (unionOf domains/ranges give no named type; restrictions,
intersections and keys are not used by the ontology), datatype entailments.
`tests/test_reason.py` checks that the result equals owlrl's closure filtered
by `is_noise`, on fixtures, so an axiom added to the ontology that needs another
rule shows up as a test failure rather than a silent gap.

Every derived triple is "new": none is already asserted. The result is a plain
rdflib Graph meant for the `id:graph/inferred` named graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import WD

Triple = tuple[Node, Node, Node]

# Namespaces whose terms are vocabulary machinery, never knowledge about our data.
_META_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_WIKIDATA = ("http://www.wikidata.org/", "https://www.wikidata.org/")
assert str(WD).startswith(_WIKIDATA)


@dataclass
class RuleSet:
    """The ontology compiled into lookup tables, one per rule."""

    superclasses: dict[Node, set[Node]] = field(default_factory=dict)  # transitive, excl. self
    superproperties: dict[Node, set[Node]] = field(default_factory=dict)  # transitive, excl. self
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[Node] = field(default_factory=set)
    transitive: set[Node] = field(default_factory=set)
    # property p -> [(derived property q, chain, positions of p in chain)]
    chains: dict[Node, list[tuple[Node, tuple[Node, ...], tuple[int, ...]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    terms: frozenset[Node] = frozenset()  # every IRI the ontology mentions

    @property
    def classes(self) -> set[Node]:
        """Classes whose members matter: anything in a class rule."""
        out = set(self.superclasses)
        for supers in self.superclasses.values():
            out |= supers
        for table in (self.domains, self.ranges):
            for classes in table.values():
                out |= classes
        return out

    @property
    def properties(self) -> set[Node]:
        """Properties whose triples matter: anything in a property rule."""
        out = set(self.superproperties) | set(self.domains) | set(self.ranges)
        for supers in self.superproperties.values():
            out |= supers
        for p, qs in self.inverses.items():
            out.add(p)
            out |= qs
        out |= self.symmetric | self.transitive
        for p, entries in self.chains.items():
            out.add(p)
            out |= {q for q, _, _ in entries}
        out.discard(RDF.type)
        return out

    @property
    def reverse_indexed(self) -> set[Node]:
        """Properties the rules must look up by object (transitivity, chains)."""
        out = set(self.transitive)
        for entries in self.chains.values():
            for _, chain, _ in entries:
                out |= set(chain)
        return out


def _closure(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Transitive closure of a small graph of axioms (cycles allowed), self excluded."""
    result: dict[Node, set[Node]] = {}
    for start in edges:
        seen: set[Node] = set()
        stack = list(edges[start])
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(edges.get(node, ()))
        seen.discard(start)
        if seen:
            result[start] = seen
    return result


def compile_rules(ontology: Graph) -> RuleSet:
    """Read the axioms the rules need; anonymous class expressions are skipped."""
    rules = RuleSet()
    sub_c: dict[Node, set[Node]] = defaultdict(set)
    sub_p: dict[Node, set[Node]] = defaultdict(set)
    named = URIRef

    for c, d in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(c, named) and isinstance(d, named):
            sub_c[c].add(d)
    for c, d in ontology.subject_objects(OWL.equivalentClass):
        if isinstance(c, named) and isinstance(d, named):
            sub_c[c].add(d)
            sub_c[d].add(c)
    for p, q in ontology.subject_objects(RDFS.subPropertyOf):
        if isinstance(p, named) and isinstance(q, named):
            sub_p[p].add(q)
    for p, q in ontology.subject_objects(OWL.equivalentProperty):
        if isinstance(p, named) and isinstance(q, named):
            sub_p[p].add(q)
            sub_p[q].add(p)
    rules.superclasses = _closure(sub_c)
    rules.superproperties = _closure(sub_p)

    for p, c in ontology.subject_objects(RDFS.domain):
        if isinstance(p, named) and isinstance(c, named):
            rules.domains[p].add(c)
    for p, c in ontology.subject_objects(RDFS.range):
        if isinstance(p, named) and isinstance(c, named):
            rules.ranges[p].add(c)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        if isinstance(p, named) and isinstance(q, named):
            rules.inverses[p].add(q)
            rules.inverses[q].add(p)
    rules.symmetric = {p for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    rules.transitive = {p for p in ontology.subjects(RDF.type, OWL.TransitiveProperty)}
    for q, head in ontology.subject_objects(OWL.propertyChainAxiom):
        chain = tuple(ontology.items(head))
        if not isinstance(q, named) or not chain or not all(isinstance(p, named) for p in chain):
            continue  # chains with anonymous inverses are not supported (nor by owlrl)
        for p in set(chain):
            positions = tuple(i for i, c in enumerate(chain) if c == p)
            rules.chains[p].append((q, chain, positions))
    rules.terms = frozenset(n for triple in ontology for n in triple if isinstance(n, URIRef))
    return rules


def is_noise(triple: Triple, ontology_terms: frozenset[Node] | set[Node] = frozenset()) -> bool:
    """True for an entailed triple that is correct but useless in the knowledge graph.

    Shared by `infer` and the owlrl comparison in the tests, so both sides are cut
    the same way: literal subjects (generalized RDF), blank-node classes (from
    unionOf domains), RDF/RDFS/OWL/XSD machinery in any position (owl:Thing,
    rdf:Property, rdf:_1, reflexive owl:sameAs…), anything about a term of the
    ontology itself, and anything touching a Wikidata IRI (owl:sameAs copies).
    """
    s, p, o = triple
    if isinstance(s, Literal) or not isinstance(p, URIRef):
        return True
    if p != RDF.type and str(p).startswith(_META_NAMESPACES):
        return True  # rdfs:subClassOf, owl:sameAs, owl:differentFrom…
    for node in (s, o):
        if isinstance(node, URIRef):
            text = str(node)
            if text.startswith(_META_NAMESPACES) or text.startswith(_WIKIDATA):
                return True
    if p == RDF.type and isinstance(o, (BNode, Literal)):
        return True
    return s in ontology_terms


class _Reasoner:
    """Semi-naive forward chaining: every new fact is joined once with what is known."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.types: dict[Node, set[Node]] = defaultdict(set)
        self.out: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        self.inn: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        self.reverse = rules.reverse_indexed
        self.queue: list[Triple] = []
        self.derived: list[Triple] = []
        self.loading = True

    def add(self, s: Node, p: Node, o: Node) -> None:
        if p == RDF.type:
            known = self.types[s]
            if o in known:
                return
            known.add(o)
        else:
            objects = self.out[p][s]
            if o in objects:
                return
            objects.add(o)
            if p in self.reverse:
                self.inn[p][o].add(s)
        self.queue.append((s, p, o))
        if not self.loading:
            self.derived.append((s, p, o))

    def run(self) -> None:
        self.loading = False
        rules = self.rules
        queue = self.queue
        add = self.add
        type_ = RDF.type
        while queue:
            s, p, o = queue.pop()
            if p == type_:
                for d in rules.superclasses.get(o, ()):
                    add(s, type_, d)
                continue
            for q in rules.superproperties.get(p, ()):
                add(s, q, o)
            for c in rules.domains.get(p, ()):
                add(s, type_, c)
            if isinstance(o, Literal):
                continue
            for c in rules.ranges.get(p, ()):
                add(o, type_, c)
            for q in rules.inverses.get(p, ()):
                add(o, q, s)
            if p in rules.symmetric:
                add(o, p, s)
            if p in rules.transitive:
                for x in list(self.inn[p].get(s, ())):
                    add(x, p, o)
                for y in list(self.out[p].get(o, ())):
                    add(s, p, y)
            for q, chain, positions in rules.chains.get(p, ()):
                for i in positions:
                    self._chain(q, chain, i, s, o)

    def _chain(self, q: Node, chain: tuple[Node, ...], i: int, s: Node, o: Node) -> None:
        """Join the new fact at position i with known facts left and right of it."""
        left: set[Node] = {s}
        for p in reversed(chain[:i]):
            index = self.inn[p]
            left = {x for y in left for x in index.get(y, ())}
            if not left:
                return
        right: set[Node] = {o}
        for p in chain[i + 1 :]:
            index = self.out[p]
            right = {z for y in right for z in index.get(y, ())}
            if not right:
                return
        for x in left:
            for z in right:
                if not isinstance(x, Literal):
                    self.add(x, q, z)


def _graphs(data: Graph, skip: Iterable[Node]) -> Iterator[Graph]:
    """The graphs to read: every named graph of a dataset but the skipped ones."""
    if isinstance(data, ConjunctiveGraph):
        skipped = set(skip)
        contexts = data.graphs() if isinstance(data, Dataset) else data.contexts()
        for context in contexts:
            if context.identifier not in skipped:
                yield context
    else:
        yield data


def infer_triples(asserted: Iterable[Triple], rules: RuleSet) -> list[Triple]:
    """`infer_with` over a plain sequence of triples (one document's, as a build worker
    holds them), read in one pass instead of one index lookup per class and property;
    the conclusions are the same, as a list with no triple twice."""
    reasoner = _Reasoner(rules)
    classes = rules.classes
    properties = rules.properties
    add = reasoner.add
    type_ = RDF.type
    for s, p, o in asserted:
        if p == type_:
            if o in classes:
                add(s, p, o)
        elif p in properties and not isinstance(s, Literal):
            add(s, p, o)
    reasoner.run()
    terms = rules.terms
    return [t for t in reasoner.derived if not is_noise(t, terms)]


def infer(
    asserted: Graph,
    ontology: Graph,
    *,
    skip_graphs: Iterable[Node] = (),
) -> Graph:
    """New, useful OWL-RL conclusions from `asserted` under `ontology`.

    `asserted` is a Graph or a Dataset (all its named graphs are read, except
    `skip_graphs`, e.g. a previous run's inferred graph). Nothing asserted is
    returned, and nothing `is_noise` rejects.
    """
    return infer_with(asserted, compile_rules(ontology), skip_graphs=skip_graphs, ontology=ontology)


def infer_with(
    asserted: Graph,
    rules: RuleSet,
    *,
    skip_graphs: Iterable[Node] = (),
    ontology: Graph | None = None,
) -> Graph:
    """`infer` with the ontology already compiled (a build worker compiles it once)."""
    reasoner = _Reasoner(rules)
    classes = rules.classes
    properties = rules.properties
    add = reasoner.add
    for graph in _graphs(asserted, skip_graphs):
        for c in classes:
            for s in graph.subjects(RDF.type, c):
                add(s, RDF.type, c)
        for p in properties:
            for s, o in graph.subject_objects(p):
                if not isinstance(s, Literal):
                    add(s, p, o)
    reasoner.run()
    result = Graph()
    if ontology is not None:
        for prefix, ns in ontology.namespaces():
            result.bind(prefix, ns, override=False)
    terms = rules.terms
    for triple in reasoner.derived:
        if not is_noise(triple, terms):
            result.add(triple)
    return result
