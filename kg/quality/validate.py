"""SHACL validation of a graph against newsgraph's shapes (or anyone's): the one entry point.

Two engines, one report (kg.quality.report):
- "sparql": the shapes compiled to SPARQL (kg.quality.compile) and run inside Oxigraph
  (kg.quality.engine), on the store itself: seconds at a million triples;
- "pyshacl": pyshacl on an in-memory rdflib graph (on an Oxigraph-backed graph it is
  25x slower: /work/shared/notes/engine-facts.md).
"auto" (the default) takes the SPARQL engine unless it cannot judge the data or the
shapes exactly: shapes using something it does not compile (custom constraint
components, SHACL-AF), literals the store would rewrite (see kg.quality.data), or
inference asked for. The report says which engine ran and why.

No silent pass: an empty or shape-less shapes graph, a shapes graph without a
single target, and empty data raise (ShapesError, EmptyData): the CLI exits 2.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import Dataset, Graph, Literal
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kg.namespaces import SH, bind_prefixes
from kg.quality import data as data_mod
from kg.quality import engine as sparql_engine
from kg.quality.data import Data, EmptyData, quiet_rdflib
from kg.quality.report import SEVERITIES, SHAPES_NS, Result, ValidationResult, severity_rank
from kg.quality.shapes import ShapesError, ShapesGraph, Unsupported, read_shapes
from kg.resources import load_shapes

__all__ = [
    "SEVERITIES",
    "SHAPES_NS",
    "EmptyData",
    "NothingChecked",
    "Result",
    "ShapesError",
    "ValidationResult",
    "union_in_memory",
    "validate",
]
ENGINES = ("auto", "sparql", "pyshacl")


class NothingChecked(EmptyData):
    """The shapes target no node of the data: a "pass" would have checked nothing."""


def validate(
    data: Graph | Dataset | ox.Store | Data,
    shapes: Graph | None = None,
    *,
    engine: str = "auto",
    inference: str | None = None,
    require_targets: bool = True,
) -> ValidationResult:
    """Validate `data` (a graph, the union of a dataset's graphs, or a store whose default
    graph is the union) against `shapes` (default: newsgraph's own).

    `inference` ("rdfs", "owlrl"…) is passed to pyshacl for shapes that expect entailed
    types; ours do not. `require_targets=False` lets a shapes graph without targets
    through (the W3C test suite has such tests).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    shapes_graph = load_shapes() if shapes is None else shapes
    model: ShapesGraph | None = None
    why_not = ""
    try:
        model = read_shapes(shapes_graph, require_targets=require_targets)
    except Unsupported as exc:
        why_not = str(exc)
        if engine == "sparql":
            raise
    loaded = _as_data(data)
    if engine == "auto":
        if why_not:
            engine = "pyshacl"
        elif inference:
            engine, why_not = "pyshacl", f"inference {inference!r} asked for"
        elif not loaded.faithful:
            engine = "pyshacl"
            why_not = (
                f"{loaded.rewritten} literals of the input would be rewritten by the SPARQL "
                f"store, e.g. {loaded.example}"
            )
        else:
            engine = "sparql"
    if engine == "sparql":
        assert model is not None
        result = _validate_sparql(loaded, model)
    else:
        result = _validate_pyshacl(loaded, shapes_graph, inference)
        result.engine_note = why_not
        if model is not None:
            result.focus_nodes = sparql_engine.focus_count(loaded.store, model)
    if require_targets and result.focus_nodes == 0:
        raise NothingChecked(
            "no node of the data is a target of the shapes (sh:targetClass, sh:targetNode…): "
            "nothing was checked"
        )
    result.store = loaded.store
    result.triples = loaded.triples
    result.namespaces = _namespaces(shapes_graph, loaded)
    result.results.sort(
        key=lambda r: (severity_rank(r.severity), str(r.source_shape), str(r.focus_node))
    )
    return result


def _as_data(data: Graph | Dataset | ox.Store | Data) -> Data:
    if isinstance(data, Data):
        return data
    if isinstance(data, ox.Store):
        loaded = data_mod.from_store(data)
        if loaded.triples == 0:
            raise EmptyData("the graph holds no triple: nothing to validate")
        return loaded
    return data_mod.from_rdflib(data)


def _validate_sparql(loaded: Data, model: ShapesGraph) -> ValidationResult:
    results = sparql_engine.run(loaded.store, model, loaded.originals)
    return ValidationResult(
        results=results,
        path_graph=model.graph,
        engine="sparql",
        focus_nodes=sparql_engine.focus_count(loaded.store, model),
    )


def _namespaces(shapes: Graph, loaded: Data) -> dict[str, str]:
    probe = Graph()
    bind_prefixes(probe)
    probe.bind("ngsh", SHAPES_NS)
    namespaces = {p: str(n) for p, n in probe.namespaces() if p}
    for source in (shapes,) + ((loaded._graph,) if loaded._graph is not None else ()):
        for p, n in source.namespaces():
            if p and p not in namespaces and not str(n).startswith("urn:x-rdflib"):
                namespaces[p] = str(n)
    return namespaces


# ---- pyshacl --------------------------------------------------------------------------


def _validate_pyshacl(loaded: Data, shapes: Graph, inference: str | None) -> ValidationResult:
    graph = loaded.graph()
    advanced = any(shapes.subjects(SH.target, None)) or any(shapes.subjects(SH.rule, None))
    with quiet_rdflib(), _cached_queries(graph):
        _conforms, report, _text = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference=inference,
            advanced=advanced,
            # pyshacl copies the data graph first unless told not to; nothing here
            # modifies it (no SHACL rules without advanced mode), and the copy costs
            # as much as validating.
            inplace=inference is None and not advanced,
        )
    if not isinstance(report, Graph):  # pyshacl refused to run these shapes, and says why
        raise ShapesError(str(report).split(" - ", 1)[-1].strip() or "pyshacl refused the shapes")
    results = [_result(report, node) for node in report.objects(None, SH.result)]
    return ValidationResult(results=results, path_graph=report, engine="pyshacl")


def _result(report: Graph, node: Node) -> Result:
    severity_iri = report.value(node, SH.resultSeverity)
    severity = str(severity_iri).rsplit("#", 1)[-1] if severity_iri is not None else "Violation"
    messages = tuple(m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal))
    english = [m for m in messages if m.language in (None, "", "en")]
    message = str((english or list(messages) or [""])[0])
    return Result(
        focus_node=report.value(node, SH.focusNode),
        path=report.value(node, SH.resultPath),
        value=report.value(node, SH.value),
        severity=severity,
        source_shape=report.value(node, SH.sourceShape),
        constraint=report.value(node, SH.sourceConstraintComponent),
        message=message,
        messages=messages,
        source_constraint=report.value(node, SH.sourceConstraint),
        severity_iri=severity_iri,
    )


def union_in_memory(data: Graph | Dataset) -> Graph:
    """Copy any graph or dataset into one in-memory Graph holding the union.

    A Dataset (or ConjunctiveGraph) is merged over all its named graphs, which is
    what the SPARQL endpoint's default graph is. A Graph already held in memory is
    used as it is (no copy).
    """
    if isinstance(data, ConjunctiveGraph):  # Dataset is a subclass
        union = Graph()
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        for prefix, ns in data.namespaces():
            union.bind(prefix, ns, override=False)
        return union
    if isinstance(data.store, Memory):
        return data
    union = Graph()
    for triple in data:
        union.add(triple)
    for prefix, ns in data.namespaces():
        union.bind(prefix, ns, override=False)
    return union


_PREPARED: dict[str, Any] = {}
_PREPARED_LOCK = threading.Lock()


def _prepared(query: str) -> Any:
    """rdflib parses a SPARQL string in about 50 ms; pyshacl hands it the same strings
    (SPARQL constraints) on every focus node."""
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
    """Let `graph.query` reuse parsed queries while pyshacl runs on it (an instance
    attribute shadows the method for the duration only)."""
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


def is_report(graph: Graph) -> bool:
    """True when the graph holds a sh:ValidationReport."""
    return any(graph.subjects(RDF.type, SH.ValidationReport))
