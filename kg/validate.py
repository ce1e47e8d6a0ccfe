"""SHACL validation of a graph against newsgraph's shapes (or anyone's), in memory.

pyshacl is run on an in-memory rdflib Graph only: on an Oxigraph-backed graph it
is about 25x slower (44 s against 1.7 s at 100k triples, see
/work/shared/notes/engine-facts.md), so whatever comes in (a Dataset of named
graphs, a store-backed graph) is first copied into one in-memory union graph.
No inference is run: the shapes are written for the asserted data (see the
header of shapes/newsgraph-shapes.ttl).

`conforms` means "no Violation": Warnings and Info are reported but allowed,
which is what the CLI's exit code and the server's answer follow.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kg.namespaces import SH, bind_prefixes
from kg.resources import load_shapes

SEVERITIES = ("Violation", "Warning", "Info")
SHAPES_NS = "https://w3id.org/newsgraph/shapes#"


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult, flattened to what a reader needs."""

    focus_node: Node
    path: Node | None
    value: Node | None
    severity: str
    source_shape: Node | None
    constraint: Node | None
    message: str


@dataclass
class ValidationResult:
    """Outcome of a validation: verdict, flattened results and the standard report graph."""

    conforms: bool
    results: list[Result]
    report_graph: Graph
    triples: int = 0
    namespaces: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity, every severity present (0 if none)."""
        counted = Counter(r.severity for r in self.results)
        return {s: counted.get(s, 0) for s in SEVERITIES}

    def by_shape(self) -> dict[Node | None, list[Result]]:
        """Results grouped by source shape, most severe and most frequent first."""
        groups: dict[Node | None, list[Result]] = {}
        for r in self.results:
            groups.setdefault(r.source_shape, []).append(r)
        return dict(
            sorted(
                groups.items(),
                key=lambda kv: (_severity_rank(kv[1][0].severity), -len(kv[1]), str(kv[0])),
            )
        )

    def by_severity(self) -> dict[str, list[Result]]:
        """Results grouped by severity, Violation first."""
        return {s: [r for r in self.results if r.severity == s] for s in SEVERITIES}

    # ---- rendering ----------------------------------------------------------------

    def short(self, node: Node | None) -> str:
        """A node as a reader wants it: prefixed name, <IRI>, or quoted literal."""
        return _short(node, self.namespaces, self.report_graph)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON structure (docs/ontology.md, "Validation report as JSON")."""
        shapes = []
        for shape, results in self.by_shape().items():
            shapes.append(
                {
                    "shape": None if shape is None else str(shape),
                    "severity": results[0].severity,
                    "message": results[0].message,
                    "count": len(results),
                    "results": [
                        {
                            "focusNode": str(r.focus_node),
                            "path": None if r.path is None else self.short(r.path),
                            "value": None if r.value is None else _json_value(r.value),
                            "severity": r.severity,
                            "message": r.message,
                            "constraint": None if r.constraint is None else str(r.constraint),
                        }
                        for r in results
                    ],
                }
            )
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "counts": self.counts,
            "shapes": shapes,
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)

    def to_turtle(self) -> str:
        """The standard sh:ValidationReport."""
        return self.report_graph.serialize(format="turtle")

    def to_text(self, limit: int = 20) -> str:
        """Human report: verdict, counts, then each shape with its results (capped)."""
        c = self.counts
        verdict = "yes" if self.conforms else "no"
        lines = [
            f"Conforms: {verdict} ({c['Violation']} violations, {c['Warning']} warnings, "
            f"{c['Info']} info) on {self.triples} triples"
        ]
        for shape, results in self.by_shape().items():
            lines.append("")
            lines.append(f"[{results[0].severity}] {self.short(shape)}: {len(results)} result(s)")
            lines.append(f"  {results[0].message}")
            for r in results[:limit]:
                where = self.short(r.focus_node)
                if r.path is not None:
                    where += f"  path {self.short(r.path)}"
                if r.value is not None:
                    where += f"  value {self.short(r.value)}"
                lines.append(f"  - {where}")
            if len(results) > limit:
                lines.append(f"  … and {len(results) - limit} more")
        return "\n".join(lines) + "\n"


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _json_value(node: Node) -> Any:
    if isinstance(node, Literal):
        out: dict[str, Any] = {"value": str(node)}
        if node.language:
            out["language"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return str(node)


def _path_text(node: Node, namespaces: dict[str, str], graph: Graph) -> str:
    """SHACL property paths (sh:alternativePath …) in SPARQL-like syntax."""
    if isinstance(node, BNode):
        for kind, sep in ((SH.alternativePath, " | "),):
            lst = graph.value(node, kind)
            if lst is not None:
                parts = [_short(p, namespaces, graph) for p in graph.items(lst)]
                return "(" + sep.join(parts) + ")"
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
                if local and all(ch.isalnum() or ch in "_-." for ch in local):
                    best = (ns, f"{prefix}:{local}")
        return best[1] if best else f"<{text}>"
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode) and graph is not None:
        return _path_text(node, namespaces, graph)
    return node.n3()


def union_in_memory(data: Graph | Dataset) -> Graph:
    """Copy any graph or dataset into one in-memory Graph holding the union.

    A Dataset (or ConjunctiveGraph) is merged over all its named graphs, which is
    what the SPARQL endpoint's default graph is. A Graph already held in memory is
    used as it is (no copy): pyshacl does not modify it.
    """
    if isinstance(data, ConjunctiveGraph):  # Dataset is a subclass
        union = Graph()
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        _copy_prefixes(data, union)
        return union
    if isinstance(data.store, Memory):
        return data
    union = Graph()
    for triple in data:
        union.add(triple)
    _copy_prefixes(data, union)
    return union


def _copy_prefixes(source: Graph, target: Graph) -> None:
    for prefix, ns in source.namespaces():
        target.bind(prefix, ns, override=False)


_PREPARED: dict[str, Any] = {}
_PREPARED_LOCK = threading.Lock()


def _prepared(query: str) -> Any:
    """rdflib parses a SPARQL string in about 50 ms; pyshacl hands it the same strings
    (SPARQL targets and constraints) on every validation and every focus node."""
    found = _PREPARED.get(query)
    if found is None:
        found = prepareQuery(query)
        with _PREPARED_LOCK:
            if len(_PREPARED) > 512:
                _PREPARED.clear()
            _PREPARED[query] = found
    return found


@contextmanager
def _cached_queries(graph: Graph) -> Iterator[None]:
    """Let `graph.query` reuse parsed queries while pyshacl runs on it.

    An instance attribute shadows the method for the duration only; the graph is
    otherwise untouched (a graph validated concurrently by two threads at worst
    loses the cache for the rest of one run, never correctness).
    """
    original = Graph.query.__get__(graph)

    def query(query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            try:
                query_object = _prepared(query_object)
            except Exception:  # let rdflib raise its own error on the string
                pass
        return original(query_object, *args, **kwargs)

    graph.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        graph.__dict__.pop("query", None)


def validate(
    data: Graph | Dataset,
    shapes: Graph | None = None,
    *,
    inference: str | None = None,
) -> ValidationResult:
    """Validate `data` (a graph, or the union of a dataset's graphs) against `shapes`.

    `shapes` defaults to newsgraph's own. `inference` is passed to pyshacl
    ("rdfs", "owlrl"…) for users whose shapes expect entailed types; ours do not
    (it costs about 10x).
    """
    graph = union_in_memory(data)
    shapes_graph = load_shapes() if shapes is None else shapes
    with _cached_queries(graph):
        _conforms, report, _text = pyshacl.validate(
            graph,
            shacl_graph=shapes_graph,
            inference=inference,
            allow_warnings=True,
            advanced=True,  # SHACL-AF SPARQL targets: see the shapes file's header
            # Advanced mode clones the data graph first (in case SHACL rules modify it);
            # ours have no rules, and the clone costs as much as validating.
            inplace=shapes is None and inference is None,
        )
    if not isinstance(report, Graph):  # pyshacl refused to run these shapes, and says why
        raise ValueError(str(report).split(" - ", 1)[-1].strip() or "the shapes were refused")
    bind_prefixes(report)
    report.bind("ngsh", SHAPES_NS)
    namespaces = {p: str(n) for p, n in report.namespaces() if p}
    for p, n in graph.namespaces():
        if p and p not in namespaces:
            namespaces[p] = str(n)
    results = [_result(report, node) for node in report.objects(None, SH.result)]
    results.sort(key=lambda r: (_severity_rank(r.severity), str(r.source_shape), str(r.focus_node)))
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationResult(
        conforms=conforms,
        results=results,
        report_graph=report,
        triples=len(graph),
        namespaces=namespaces,
    )


def _result(report: Graph, node: Node) -> Result:
    severity_iri = report.value(node, SH.resultSeverity)
    severity = str(severity_iri).rsplit("#", 1)[-1] if severity_iri is not None else "Violation"
    messages = list(report.objects(node, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language in (None, "", "en")]
    message = str((english or messages or [""])[0])
    path = report.value(node, SH.resultPath)
    return Result(
        focus_node=report.value(node, SH.focusNode),
        path=path,
        value=report.value(node, SH.value),
        severity=severity,
        source_shape=report.value(node, SH.sourceShape),
        constraint=report.value(node, SH.sourceConstraintComponent),
        message=message,
    )


def is_report(graph: Graph) -> bool:
    """True when the graph holds a sh:ValidationReport (used by tests and the server)."""
    return any(graph.subjects(RDF.type, SH.ValidationReport))
