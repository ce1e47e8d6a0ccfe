"""Changing a built store in place: named graphs, the default-graph union, inferences.

The default graph is the union of the named graphs, deduplicated (an RDF graph is a
set; Oxigraph 0.5's union mode would count a triple once per graph, kg.store). It is
written by Oxigraph's loader at build time and kept current here, triple by triple,
when a document is added, revised or removed: a triple leaves the default graph only
when no named graph holds it any more.

Inferences are kept current by recomputing, for every node a change can reach, all
that the rules conclude about it from the asserted triples around it (its own
triples, the triples that point at it, the chains through it for the transitive and
chained properties), and writing the difference into the inferred graph. The result
is what kg.reason.infer would give on the whole union (tests/test_incremental.py
checks exactly that), at a cost proportional to the change, not to the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.reason import RuleSet, _Reasoner, is_noise
from kg.terms import from_ox, to_ox

DEFAULT = ox.DefaultGraph()
TYPE = ox.NamedNode(str(RDF.type))


class LiveGraphs:
    """Quad-level edits that keep the default graph the union of the named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.added: list[ox.Triple] = []  # asserted-graph changes, for the reasoner
        self.removed: list[ox.Triple] = []
        self.n_added = 0  # quads written or deleted in named graphs, tracked or not
        self.n_removed = 0

    def triples(self, graph: ox.NamedNode) -> set[ox.Triple]:
        return {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, None, graph)
        }

    def held_elsewhere(self, t: ox.Triple, graph: ox.NamedNode) -> bool:
        for q in self.store.quads_for_pattern(t.subject, t.predicate, t.object, None):
            g = q.graph_name
            if not isinstance(g, ox.DefaultGraph) and g != graph:
                return True
        return False

    def add(self, graph: ox.NamedNode, triples: Iterable[ox.Triple], *, track: bool = True) -> int:
        new = [
            t
            for t in triples
            if next(
                iter(self.store.quads_for_pattern(t.subject, t.predicate, t.object, graph)), None
            )
            is None
        ]
        if not new:
            return 0
        self.store.extend(
            [ox.Quad(t.subject, t.predicate, t.object, graph) for t in new]
            + [ox.Quad(t.subject, t.predicate, t.object, DEFAULT) for t in new]
        )
        if track:
            self.added.extend(new)
        self.n_added += len(new)
        return len(new)

    def remove(
        self, graph: ox.NamedNode, triples: Iterable[ox.Triple], *, track: bool = True
    ) -> int:
        n = 0
        for t in triples:
            quad = ox.Quad(t.subject, t.predicate, t.object, graph)
            if quad not in self.store:
                continue
            self.store.remove(quad)
            n += 1
            if not self.held_elsewhere(t, graph):
                self.store.remove(ox.Quad(t.subject, t.predicate, t.object, DEFAULT))
            if track:
                self.removed.append(t)
        self.n_removed += n
        return n

    def replace(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> tuple[int, int]:
        """Make `graph` hold exactly `triples`; returns (added, removed)."""
        want = set(triples)
        have = self.triples(graph)
        removed = self.remove(graph, have - want)
        added = self.add(graph, want - have)
        return added, removed

    def drop(self, graph: ox.NamedNode) -> int:
        return self.remove(graph, self.triples(graph))


class StoreReasoner:
    """Keeps the inferred graph equal to the rules' conclusions over the asserted graphs.

    `asserted` excludes the inferred graph itself and the graphs that are not knowledge
    extracted from documents (the ontology, the revision history), exactly the input
    kg.reason.infer gets in a full build.
    """

    def __init__(
        self, store: ox.Store, rules: RuleSet, inferred: str, not_asserted: Iterable[str]
    ) -> None:
        self.store = store
        self.rules = rules
        self.inferred = ox.NamedNode(inferred)
        self.skip = {ox.NamedNode(g) for g in not_asserted} | {self.inferred}
        self.live = LiveGraphs(store)

    # --- the rules, read as "what can one triple lead to" ---

    @cached_property
    def _one_step(self) -> dict[ox.NamedNode, tuple[set, set]]:
        """predicate -> (conclusions about the subject, about the object) of one triple."""
        s, o = URIRef("urn:x:s"), URIRef("urn:x:o")
        out: dict[ox.NamedNode, tuple[set, set]] = {}
        for p in self.rules.properties:
            r = _Reasoner(self.rules)
            r.add(s, p, o)
            r.run()
            subj = {(pp, oo) for ss, pp, oo in r.derived if ss == s}
            obj = {(pp, oo) for ss, pp, oo in r.derived if ss == o}
            out[to_ox(p)] = (subj, obj)
        return out

    @cached_property
    def _outgoing_all(self) -> set[ox.NamedNode]:
        """Predicates whose every triple says something more about its subject than its
        types (a super-property): all of a node's triples of these are premises."""
        return {
            p for p, (subj, _o) in self._one_step.items() if any(pp != RDF.type for pp, _ in subj)
        }

    @cached_property
    def _outgoing_typing(self) -> set[ox.NamedNode]:
        """Predicates that only type their subject (a domain): one triple says it all, so a
        country named in 100,000 documents costs one lookup, not 100,000."""
        return {p for p, (subj, _o) in self._one_step.items() if subj} - self._outgoing_all

    @cached_property
    def _incoming_all(self) -> set[ox.NamedNode]:
        """Predicates whose triples say more about their object than its types (inverses)."""
        return {
            p for p, (_s, obj) in self._one_step.items() if any(pp != RDF.type for pp, _ in obj)
        }

    @cached_property
    def _incoming_typing(self) -> set[ox.NamedNode]:
        return {p for p, (_s, obj) in self._one_step.items() if obj} - self._incoming_all

    def _sources(self, q: URIRef) -> tuple[set[ox.NamedNode], set[ox.NamedNode]]:
        """Predicates p whose triple (s p o) yields (s q o) (forward) or (o q s) (backward)."""
        s, o = URIRef("urn:x:s"), URIRef("urn:x:o")
        fwd, back = {to_ox(q)}, set()
        for p, (subj, obj) in self._one_step.items():
            if (q, o) in subj:
                fwd.add(p)
            if (q, s) in obj:
                back.add(p)
        return fwd, back

    @cached_property
    def _walks(self) -> list[tuple[tuple[set, set], ...]]:
        """Paths of premises to follow from a node: transitive properties (repeated) and
        property chains (one step per link)."""
        walks = []
        for p in sorted(self.rules.transitive, key=str):
            walks.append(("transitive", (self._sources(p),)))
        seen = set()
        for entries in self.rules.chains.values():
            for q, chain, _ in entries:
                if (q, chain) in seen:
                    continue
                seen.add((q, chain))
                walks.append(("chain", tuple(self._sources(p) for p in chain)))
        return walks

    # --- premises, from the store ---

    def asserted(self, s, p, o) -> bool:
        for q in self.store.quads_for_pattern(s, p, o, None):
            g = q.graph_name
            if not isinstance(g, ox.DefaultGraph) and g not in self.skip:
                return True
        return False

    def _out(self, x, p=None, first: bool = False) -> list[ox.Triple]:
        out = []
        for q in self.store.quads_for_pattern(x, p, None, DEFAULT):
            if self.asserted(q.subject, q.predicate, q.object):
                out.append(ox.Triple(q.subject, q.predicate, q.object))
                if first:
                    break
        return out

    def _in(self, x, p, first: bool = False) -> list[ox.Triple]:
        out = []
        for q in self.store.quads_for_pattern(None, p, x, DEFAULT):
            if self.asserted(q.subject, q.predicate, q.object):
                out.append(ox.Triple(q.subject, q.predicate, q.object))
                if first:
                    break
        return out

    def _edges(self, node, sources: tuple[set, set]) -> list[tuple[ox.Triple, object]]:
        """Asserted triples that give `node` an outgoing edge of the walked property."""
        fwd, back = sources
        out = []
        for p in fwd:
            out.extend((t, t.object) for t in self._out(node, p))
        for p in back:
            out.extend((t, t.subject) for t in self._in(node, p))
        return [(t, n) for t, n in out if not isinstance(n, ox.Literal)]

    def premises(self, x) -> set[ox.Triple]:
        """The asserted triples the rules need to conclude everything about `x`; triples
        of predicates no rule reads are left out, and for a predicate that only types,
        one triple stands for all."""
        found: set[ox.Triple] = set(self._out(x, TYPE))
        for p in self._outgoing_all:
            found.update(self._out(x, p))
        for p in self._outgoing_typing:
            found.update(self._out(x, p, first=True))
        for p in self._incoming_all:
            found.update(self._in(x, p))
        for p in self._incoming_typing:
            found.update(self._in(x, p, first=True))
        for kind, steps in self._walks:
            if kind == "transitive":
                seen = {x}
                frontier = [x]
                while frontier:
                    node = frontier.pop()
                    for t, nxt in self._edges(node, steps[0]):
                        found.add(t)
                        if nxt not in seen:
                            seen.add(nxt)
                            frontier.append(nxt)
            else:
                frontier = {x}
                for sources in steps:
                    nxt_nodes = set()
                    for node in frontier:
                        for t, nxt in self._edges(node, sources):
                            found.add(t)
                            nxt_nodes.add(nxt)
                    frontier = nxt_nodes
        return found

    def conclusions(self, x) -> set[ox.Triple]:
        """Everything the rules conclude about `x` that no asserted graph states."""
        reasoner = _Reasoner(self.rules)
        for t in self.premises(x):
            reasoner.add(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
        reasoner.run()
        node = from_ox(x)
        terms = self.rules.terms
        out = set()
        for s, p, o in reasoner.derived:
            if s != node or is_noise((s, p, o), terms):
                continue
            t = ox.Triple(to_ox(s), to_ox(p), to_ox(o))
            if not self.asserted(t.subject, t.predicate, t.object):
                out.add(t)
        return out

    # --- which nodes a change can reach ---

    def reached(self, changed: Iterable[ox.Triple]) -> set:
        nodes: set = set()
        walk_back: list[tuple[object, tuple[set, set]]] = []
        for t in changed:
            nodes.add(t.subject)
            if not isinstance(t.object, ox.Literal):
                nodes.add(t.object)
            for kind, steps in self._walks:
                for i, (fwd, back) in enumerate(steps):
                    if t.predicate in fwd:
                        start = t.subject
                    elif t.predicate in back:
                        start = t.object
                    else:
                        continue
                    if kind == "transitive":
                        walk_back.append((start, steps[0]))
                    else:
                        frontier = {start}
                        for sources in reversed(steps[:i]):
                            frontier = {n for f in frontier for n in self._back(f, sources)}
                            nodes |= frontier
        for start, sources in walk_back:
            # every node with a path of this property to `start` (before or after the change)
            seen = {start}
            frontier = [start]
            while frontier:
                node = frontier.pop()
                for prev in self._back(node, sources, any_graph=True):
                    if prev not in seen:
                        seen.add(prev)
                        frontier.append(prev)
            nodes |= seen
        return {
            n for n in nodes if not isinstance(n, ox.Literal) and from_ox(n) not in self.rules.terms
        }

    def _back(self, node, sources: tuple[set, set], any_graph: bool = False) -> set:
        """Nodes with an edge of the walked property to `node` (asserted or inferred: a
        wider net is harmless, each reached node is recomputed from its premises)."""
        fwd, back = sources
        out = set()
        for p in fwd:
            out |= {q.subject for q in self.store.quads_for_pattern(None, p, node, DEFAULT)}
        for p in back:
            out |= {
                q.object
                for q in self.store.quads_for_pattern(node, p, None, DEFAULT)
                if not isinstance(q.object, ox.Literal)
            }
        return out

    def refresh(self, nodes: Iterable) -> tuple[int, int]:
        """Rewrite the inferred triples about `nodes`; returns (added, removed)."""
        added = removed = 0
        for x in sorted(nodes, key=str):
            want = self.conclusions(x)
            have = {
                ox.Triple(q.subject, q.predicate, q.object)
                for q in self.store.quads_for_pattern(x, None, None, self.inferred)
            }
            removed += self.live.remove(self.inferred, have - want, track=False)
            added += self.live.add(self.inferred, want - have, track=False)
        return added, removed


def cross_document_conclusions(store: ox.Store, rules: RuleSet, inferred: str) -> int:
    """Build-time pass after every document's own conclusions are loaded: drop conclusions
    another document asserts, and add what only several documents together entail (a
    chain of transitive links, a chain property whose links are in different documents).
    Returns the number of triples added."""
    inf = ox.NamedNode(inferred)
    # 1. conclusions that some document asserts are not conclusions
    doomed = [
        ox.Triple(r["s"], r["p"], r["o"])
        for r in store.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{inferred}> {{ ?s ?p ?o }}"
            f" FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{inferred}>) }} }}"
        )
    ]
    for t in doomed:
        store.remove(ox.Quad(t.subject, t.predicate, t.object, inf))
    # 2. joins across documents, over the union (each document's own closure is there)
    derived: set[ox.Triple] = set()
    for p in sorted(rules.transitive, key=str):
        for r in store.query(
            f"SELECT DISTINCT ?x ?z WHERE {{ ?x <{p}> ?y . ?y <{p}>+ ?z"
            f" FILTER NOT EXISTS {{ ?x <{p}> ?z }} }}"
        ):
            derived.add(ox.Triple(r["x"], ox.NamedNode(str(p)), r["z"]))
    for entries in rules.chains.values():
        for q, chain, _ in entries:
            path = " / ".join(f"<{p}>" for p in chain)
            for r in store.query(
                f"SELECT DISTINCT ?x ?z WHERE {{ ?x {path} ?z"
                f" FILTER NOT EXISTS {{ ?x <{q}> ?z }} }}"
            ):
                if not isinstance(r["x"], ox.Literal):
                    derived.add(ox.Triple(r["x"], ox.NamedNode(str(q)), r["z"]))
    if not derived:
        return 0
    # what those new links entail in turn (types from domains and ranges, super-properties)
    reasoner = _Reasoner(rules)
    for t in derived:
        reasoner.add(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
    reasoner.run()
    extra = {
        ox.Triple(to_ox(s), to_ox(p), to_ox(o))
        for s, p, o in reasoner.derived
        if not isinstance(s, Literal)
    }
    terms = rules.terms
    new = [
        t
        for t in derived | extra
        if not is_noise((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)), terms)
        and next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, DEFAULT)), None)
        is None
    ]
    store.extend(
        [ox.Quad(t.subject, t.predicate, t.object, inf) for t in new]
        + [ox.Quad(t.subject, t.predicate, t.object, DEFAULT) for t in new]
    )
    return len(new)


def group_by_graph(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode, list[ox.Triple]]:
    out: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        out[q.graph_name].append(ox.Triple(q.subject, q.predicate, q.object))
    return out
