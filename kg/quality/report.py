"""A SHACL validation report: the results, their verdict, and the ways of reading them.

`conforms` is SHACL's own (section 3.6.1): true exactly when there is no result at
all, whatever its severity. Whether a run *fails* is a separate choice, `fail_on`
(violation, warning or info: that severity or a more severe one fails), which the
CLI's exit code and the reports show beside the verdict.

Renderings: the standard sh:ValidationReport (Turtle), a documented JSON structure
(docs/ontology.md) and a text report for people. Each result can say where its
values come from: the named graphs (one per source document in a newsgraph build)
that hold the offending triples, looked up on the store that was validated.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.namespaces import SH, bind_prefixes
from kg.terms import from_ox_exact as from_ox
from kg.terms import to_ox

SEVERITIES = ("Violation", "Warning", "Info")
FAIL_ON = ("violation", "warning", "info")
SHAPES_NS = "https://w3id.org/newsgraph/shapes#"
NGSH = SHAPES_NS


def server_links(base: str, public_prefix: str | None):
    """node -> its URL on a newsgraph server at `base` ("" for a path), or None: our
    shapes have a page each at /shapes/NAME, IRIs under the server's public prefix
    (/id/…, /ontology…) are served there, anything else is not."""

    def link(node: Node) -> str | None:
        if not isinstance(node, URIRef):
            return None
        text = str(node)
        if text.startswith(NGSH) and len(text) > len(NGSH):
            return f"{base}/shapes/{text[len(NGSH) :]}"
        if public_prefix and text.startswith(public_prefix):
            return f"{base}/{text[len(public_prefix) :]}"
        return None

    return link


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult, flattened to what a reader needs."""

    focus_node: Node
    path: Node | None
    value: Node | None
    severity: str  # local name of sh:resultSeverity (Violation, Warning, Info, or another)
    source_shape: Node | None
    constraint: Node | None  # sh:sourceConstraintComponent
    message: str
    messages: tuple[Literal, ...] = ()
    source_constraint: Node | None = None
    severity_iri: URIRef | None = None


@dataclass(frozen=True)
class Source:
    """A value at the result's path and the named graphs (documents) that state it."""

    value: Node | None  # None: the focus node itself (no value: a count or an absence)
    graphs: tuple[str, ...]


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def fails(severity: str, fail_on: str) -> bool:
    """Does a result of this severity fail a run with `--fail-on fail_on`?"""
    return severity_rank(severity) <= FAIL_ON.index(fail_on)


@dataclass(frozen=True)
class Whole:
    """What one page of a larger report knows of the whole (see ValidationResult.page_of)."""

    total: int
    counts: dict[str, int]
    shape_totals: dict[Node | None, int]
    page: int
    pages: int
    per_page: int


@dataclass
class ValidationResult:
    """Outcome of a validation: results, SHACL's verdict, and how they were obtained."""

    results: list[Result]
    triples: int = 0
    namespaces: dict[str, str] = field(default_factory=dict)
    path_graph: Graph = field(default_factory=Graph)  # holds blank-node path structures
    engine: str = "sparql"
    engine_note: str = ""
    focus_nodes: int | None = None
    store: ox.Store | None = None  # the validated data, for the sources of each value
    whole: Whole | None = None  # set when this holds one page of a larger report
    _report: Graph | None = None
    _sources: dict[Result, tuple[Source, ...]] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        """SHACL 3.6.1: true if and only if there is no validation result."""
        return self.whole.total == 0 if self.whole is not None else not self.results

    def failed(self, fail_on: str = "violation") -> bool:
        return self.failing(fail_on) > 0

    def failing(self, fail_on: str = "violation") -> int:
        return sum(n for severity, n in self.counts.items() if fails(severity, fail_on))

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity, every severity present (0 if none)."""
        if self.whole is not None:
            return dict(self.whole.counts)
        counted = Counter(r.severity for r in self.results)
        out = {s: counted.get(s, 0) for s in SEVERITIES}
        out.update({s: n for s, n in counted.items() if s not in out})
        return out

    def by_shape(self) -> dict[Node | None, list[Result]]:
        """Results grouped by source shape, most severe and most frequent first."""
        groups: dict[Node | None, list[Result]] = {}
        for r in self.results:
            groups.setdefault(r.source_shape, []).append(r)
        return dict(
            sorted(
                groups.items(),
                key=lambda kv: (severity_rank(kv[1][0].severity), -len(kv[1]), str(kv[0])),
            )
        )

    def ordered(self) -> list[Result]:
        """Every result, in the order of by_shape (the order pages and limits follow)."""
        if self.whole is not None:
            return list(self.results)
        return [r for group in self.by_shape().values() for r in group]

    def page_of(self, page: int, per_page: int) -> ValidationResult:
        """One page of the report (results in `ordered` order, with their sources looked
        up) that still knows the whole's counts: what the HTML report hands over."""
        ordered = self.ordered()
        pages = max(1, -(-len(ordered) // per_page))
        page = min(max(1, page), pages)
        part = ValidationResult(
            results=ordered[(page - 1) * per_page : page * per_page],
            triples=self.triples,
            namespaces=self.namespaces,
            path_graph=self.path_graph,
            engine=self.engine,
            engine_note=self.engine_note,
            focus_nodes=self.focus_nodes,
            store=self.store,
            whole=Whole(
                total=len(ordered),
                counts=self.counts,
                shape_totals={shape: len(rs) for shape, rs in self.by_shape().items()},
                page=page,
                pages=pages,
                per_page=per_page,
            ),
        )
        self.explain(part.results)
        part._sources = {r: self._sources[r] for r in part.results if r in self._sources}
        return part

    def by_severity(self) -> dict[str, list[Result]]:
        return {s: [r for r in self.results if r.severity == s] for s in self.counts}

    def short(self, node: Node | None) -> str:
        """A node as a reader wants it: prefixed name, <IRI>, quoted literal, spelled-out path."""
        return _short(node, self.namespaces, self.path_graph)

    # ---- where values come from ------------------------------------------------------

    def sources(self, result: Result) -> tuple[Source, ...]:
        if result not in self._sources:
            self.explain([result])
        return self._sources.get(result, ())

    def explain(self, results: Iterable[Result]) -> None:
        """Look up, in one query per 200 results, the named graphs behind each result."""
        wanted = [r for r in results if r not in self._sources]
        if self.store is None:
            self._sources.update({r: () for r in wanted})
            return
        for start in range(0, len(wanted), 200):
            self._explain_batch(wanted[start : start + 200])

    def _explain_batch(self, batch: Sequence[Result]) -> None:
        assert self.store is not None
        index: dict[tuple[str, str, bool], list[Result]] = {}
        for r in batch:
            if not isinstance(r.focus_node, URIRef):
                self._sources[r] = ()
                continue
            predicate, inverse = _simple_path(r.path, self.path_graph)
            key = (str(r.focus_node), str(predicate or ""), inverse)
            index.setdefault(key, []).append(r)
        found: dict[tuple[str, str, bool], dict[Any, set[str]]] = {k: {} for k in index}
        kinds = {
            (False, True): "?f ?p ?v",  # (inverse, has predicate) -> pattern
            (True, True): "?v ?p ?f",
            (False, False): "?f ?anyp ?anyo",
        }
        for (inverse, has_predicate), pattern in kinds.items():
            keys = [k for k in index if k[2] == inverse and bool(k[1]) == has_predicate]
            if not keys:
                continue
            if has_predicate:
                rows = " ".join(f"(<{f}> <{p}>)" for f, p, _ in keys)
                head = f"SELECT DISTINCT ?f ?p ?v ?g WHERE {{ VALUES (?f ?p) {{ {rows} }} "
            else:
                rows = " ".join(f"<{f}>" for f, _, _ in keys)
                head = f"SELECT DISTINCT ?f ?g WHERE {{ VALUES ?f {{ {rows} }} "
            try:
                solutions = list(self.store.query(head + f"GRAPH ?g {{ {pattern} }} }}"))
            except (SyntaxError, OSError, ValueError):  # an IRI SPARQL cannot spell
                continue
            for s in solutions:
                p = s["p"].value if has_predicate else ""
                value = s["v"] if has_predicate else None
                found[(s["f"].value, p, inverse)].setdefault(value, set()).add(s["g"].value)
        for key, results in index.items():
            by_value = found[key]
            for r in results:
                if r.value is not None and key[1]:
                    wanted = None if isinstance(r.value, BNode) else to_ox(r.value)
                    items = {v: g for v, g in by_value.items() if v == wanted}
                else:  # no value in the result (a count, an absence): every value there
                    items = by_value
                self._sources[r] = tuple(
                    Source(None if v is None else from_ox(v), tuple(sorted(g)))
                    for v, g in sorted(items.items(), key=lambda kv: str(kv[0]))
                )

    # ---- renderings ------------------------------------------------------------------

    def to_json(
        self,
        fail_on: str = "violation",
        links: Any = None,
        with_sources: bool = True,
    ) -> dict[str, Any]:
        """The documented JSON structure (docs/ontology.md, "Validation report as JSON").

        `links`, when given, is a function node -> URL on this server (or None), used to
        add `shapeUrl` and `focusNodeUrl` to each result.
        """
        if with_sources:
            self.explain(self.results)
        shapes = []
        for shape, results in self.by_shape().items():
            entries = []
            for r in results:
                entry: dict[str, Any] = {
                    "focusNode": _json_node(r.focus_node),
                    "path": None if r.path is None else self.short(r.path),
                    "value": None if r.value is None else _json_value(r.value),
                    "severity": r.severity,
                    "message": r.message,
                    "constraint": None if r.constraint is None else str(r.constraint),
                }
                if with_sources:
                    entry["sources"] = [
                        {
                            "value": None if s.value is None else _json_value(s.value),
                            "graphs": list(s.graphs),
                        }
                        for s in self.sources(r)
                    ]
                if links is not None:
                    entry["focusNodeUrl"] = links(r.focus_node)
                entries.append(entry)
            item: dict[str, Any] = {
                "shape": None if shape is None else _json_node(shape),
                "severity": results[0].severity,
                "message": results[0].message,
                "count": len(results),
                "results": entries,
            }
            if links is not None:
                item["shapeUrl"] = None if shape is None else links(shape)
            shapes.append(item)
        return {
            "conforms": self.conforms,
            "failOn": fail_on,
            "failed": self.failed(fail_on),
            "triples": self.triples,
            "focusNodes": self.focus_nodes,
            "engine": self.engine,
            "engineNote": self.engine_note or None,
            "counts": self.counts,
            "shapes": shapes,
        }

    def to_json_text(self, fail_on: str = "violation", links: Any = None) -> str:
        return json.dumps(self.to_json(fail_on, links), indent=2, ensure_ascii=False)

    def to_turtle(self) -> str:
        """The standard sh:ValidationReport."""
        return self.report_graph.serialize(format="turtle")

    @property
    def report_graph(self) -> Graph:
        if self._report is None:
            self._report = self._build_report()
        return self._report

    def _build_report(self) -> Graph:
        g = Graph()
        bind_prefixes(g)
        g.bind("ngsh", SHAPES_NS)
        for prefix, ns in self.namespaces.items():
            g.bind(prefix, ns, override=False)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for r in self.results:
            node = BNode()
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, r.focus_node))
            g.add((node, SH.resultSeverity, r.severity_iri or SH[r.severity]))
            if r.source_shape is not None:
                g.add((node, SH.sourceShape, r.source_shape))
            if r.constraint is not None:
                g.add((node, SH.sourceConstraintComponent, r.constraint))
            if r.source_constraint is not None:
                g.add((node, SH.sourceConstraint, r.source_constraint))
            if r.value is not None:
                g.add((node, SH.value, r.value))
            for m in r.messages or ((Literal(r.message),) if r.message else ()):
                g.add((node, SH.resultMessage, m))
            if r.path is not None:
                g.add((node, SH.resultPath, _copy_path(r.path, self.path_graph, g)))
        return g

    def to_text(self, limit: int = 20, fail_on: str = "violation") -> str:
        """Human report: verdict, what fails the run, then each shape with its results.

        `limit` caps the results listed per shape (0: all of them).
        """
        c = self.counts
        verdict = "yes" if self.conforms else "no"
        others = "".join(f", {n} {s}" for s, n in c.items() if s not in SEVERITIES)
        focus = "" if self.focus_nodes is None else f", {self.focus_nodes} focus nodes"
        lines = [
            f"Conforms: {verdict} ({c['Violation']} violations, {c['Warning']} warnings, "
            f"{c['Info']} info{others}) on {self.triples} triples{focus}",
            f"Fails at --fail-on {fail_on}: "
            + (
                f"yes ({self.failing(fail_on)} results at {fail_on} severity or above)"
                if self.failed(fail_on)
                else f"no (no result at {fail_on} severity or above)"
            ),
            f"Engine: {self.engine}" + (f" ({self.engine_note})" if self.engine_note else ""),
        ]
        shown = [
            r for group in self.by_shape().values() for r in (group[:limit] if limit else group)
        ]
        self.explain(shown)
        for shape, results in self.by_shape().items():
            lines.append("")
            lines.append(f"[{results[0].severity}] {self.short(shape)}: {len(results)} result(s)")
            lines.append(f"  {results[0].message}")
            for r in results[:limit] if limit else results:
                where = self.short(r.focus_node)
                if r.path is not None:
                    where += f"  path {self.short(r.path)}"
                if r.value is not None:
                    where += f"  value {self.short(r.value)}"
                lines.append(f"  - {where}")
                sources = self.sources(r)
                if sources:
                    lines.append("      from " + self.sources_text(sources))
            if limit and len(results) > limit:
                lines.append(f"  … and {len(results) - limit} more (--limit 0 lists all)")
        return "\n".join(lines) + "\n"

    def sources_text(self, sources: Sequence[Source]) -> str:
        parts = []
        for s in sources:
            graphs = ", ".join(self.short(URIRef(g)) for g in s.graphs)
            parts.append(graphs if s.value is None else f"{self.short(s.value)} in {graphs}")
        return "; ".join(parts)


def _json_node(node: Node) -> str:
    return node.n3() if isinstance(node, BNode) else str(node)


def _json_value(node: Node) -> Any:
    if isinstance(node, Literal):
        out: dict[str, Any] = {"value": str(node)}
        if node.language:
            out["language"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return _json_node(node)


def _simple_path(path: Node | None, graph: Graph) -> tuple[URIRef | None, bool]:
    """(predicate, inverse?) when the path is an IRI or ^IRI, else (None, False)."""
    if isinstance(path, URIRef):
        return path, False
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return inverse, True
    return None, False


def _copy_path(path: Node, source: Graph, target: Graph) -> Node:
    """Copy a path structure into the report as a tree of fresh blank nodes, read as
    kg.quality.shapes.read_path reads it (a list first); the W3C suite compares paths
    that way (shared blank nodes cloned, unrelated triples of the path node left out)."""
    if not isinstance(path, BNode):
        return path
    node = BNode()
    if source.value(path, RDF.first) is not None:
        items = [_copy_path(m, source, target) for m in source.items(path)]
        Collection(target, node, items)
        return node
    alternatives = source.value(path, SH.alternativePath)
    if alternatives is not None:
        head = BNode()
        Collection(
            target, head, [_copy_path(m, source, target) for m in source.items(alternatives)]
        )
        target.add((node, SH.alternativePath, head))
        return node
    for predicate in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = source.value(path, predicate)
        if inner is not None:
            target.add((node, predicate, _copy_path(inner, source, target)))
            return node
    return node


def _path_text(node: Node, namespaces: dict[str, str], graph: Graph) -> str:
    """SHACL property paths in SPARQL-like syntax."""
    if isinstance(node, BNode):
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            parts = [_short(p, namespaces, graph) for p in graph.items(alternatives)]
            return "(" + " | ".join(parts) + ")"
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _short(inverse, namespaces, graph)
        for kind, mark in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = graph.value(node, kind)
            if inner is not None:
                return _short(inner, namespaces, graph) + mark
        items = list(graph.items(node))
        if items:
            return "/".join(_short(p, namespaces, graph) for p in items)
    return _short(node, namespaces, None)


_SHAPE_WORDS = {
    SH.targetClass, SH.property, SH.node, SH["not"], SH["or"], SH["and"], SH.xone,
    SH["class"], SH.datatype, SH.pattern, SH.hasValue, SH["in"], SH.nodeKind,
}  # fmt: skip
_BARE = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


def _short(node: Node | None, namespaces: dict[str, str], graph: Graph | None) -> str:
    """Prefixed name when a namespace fits (longest wins), else <IRI>; paths spelled out."""
    if node is None:
        return "(none)"
    if isinstance(node, URIRef):
        text = str(node)
        best: tuple[str, str] | None = None  # (namespace, prefixed name)
        for prefix, ns in namespaces.items():
            if text.startswith(ns) and (best is None or len(ns) > len(best[0])):
                local = text[len(ns) :]
                # for reading, not for Turtle: a "/" in the local part is kept as it is
                if local and all(ch.isalnum() or ch in "_-./" for ch in local):
                    best = (ns, f"{prefix}:{local}")
        return best[1] if best else f"<{text}>"
    if isinstance(node, Literal):
        if node.language:
            return node.n3()
        if node.datatype is None or node.datatype == XSD.string:
            return Literal(str(node)).n3()
        lexical = str(node)
        if node.datatype in _BARE and _BARE[node.datatype].fullmatch(lexical):
            return lexical  # as Turtle writes numbers and booleans
        return Literal(lexical).n3() + "^^" + _short(node.datatype, namespaces, None)
    if isinstance(node, BNode) and graph is not None and (node, None, None) in graph:
        path = graph.value(node, SH.path)
        if path is not None:  # an anonymous property shape
            return f"[ sh:path {_short(path, namespaces, graph)} ]"
        if any(p in _SHAPE_WORDS for p in graph.predicates(node, None)):
            return "[ anonymous shape ]"
        return _path_text(node, namespaces, graph)
    return node.n3()
