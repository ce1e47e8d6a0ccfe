"""`/shapes`: newsgraph's SHACL shapes as data and as documentation.

The shapes IRI is `https://w3id.org/newsgraph/shapes` and each shape is
`…/shapes#NAME`, so `/shapes` serves the whole shapes graph by content negotiation
(Turtle as written, with its comments; JSON-LD; N-Triples; RDF/XML) or an HTML index
with an anchor per shape, and `/shapes/NAME` is one shape's page: what it checks,
its severity and message, its SHACL, and an example of data that violates it. The
example is the shape's mutation of the valid example graph (kg.quality.examples),
validated on the spot, so the page shows the report that data really gets; the
mutation tests keep each example true.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

from flask import Blueprint, Response, abort, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.namespaces import SH
from kg.quality import examples
from kg.quality.examples import MUTATIONS, NGSH
from kg.quality.report import _short, severity_rank
from kg.quality.shapes import COMPONENT_OF, read_shapes
from kg.quality.validate import validate
from kg.resources import load_shapes, shapes_text

bp = Blueprint("shapes", __name__, template_folder="templates")

SHAPES_IRI = "https://w3id.org/newsgraph/shapes"
RDF_FORMATS = {
    "text/turtle": ("turtle", "ttl"),
    "application/ld+json": ("json-ld", "jsonld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("xml", "rdf"),
}
ALIASES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "html": "text/html",
}
# `Accept: */*` (curl, scripts) gets Turtle; browsers ask for HTML.
OFFERS = ["text/turtle", "text/html", "application/ld+json", "application/n-triples",
          "application/rdf+xml", "application/xhtml+xml"]  # fmt: skip


@dataclass
class Example:
    update: str
    removed: list[str]
    added: list[str]
    results: list[str]


@dataclass
class ShapeDoc:
    name: str
    iri: str
    label: str
    severity: str
    message: str
    group: str | None
    targets: list[str]
    path: str | None
    constraints: list[str]
    sparql: list[str] = field(default_factory=list)
    comment: str = ""
    turtle: str = ""

    @property
    def example(self) -> Example | None:
        return _example(self.name)


def _media_type() -> str | None:
    wanted = request.args.get("format")
    if wanted:
        return ALIASES.get(wanted.lower())
    best = request.accept_mimetypes.best_match(OFFERS) if request.accept_mimetypes else None
    if best is None and request.accept_mimetypes:
        return None
    return "text/html" if best == "application/xhtml+xml" else (best or "text/turtle")


@lru_cache(maxsize=8)
def _serialized(media_type: str) -> bytes:
    if media_type == "text/turtle":
        return shapes_text().encode("utf-8")  # the file itself, comments included
    return load_shapes().serialize(format=RDF_FORMATS[media_type][0], encoding="utf-8")


def _rdf(media_type: str) -> Response:
    response = Response(_serialized(media_type), mimetype=media_type)
    response.headers["Vary"] = "Accept"
    return response


def _not_acceptable() -> Response:
    offered = ", ".join(sorted(RDF_FORMATS) + ["text/html"])
    return Response(f"Not acceptable: the shapes are available as {offered}\n", 406,
                    mimetype="text/plain")  # fmt: skip


@bp.get("/shapes")
@bp.get("/shapes/")
def shapes_document() -> Response:
    media_type = _media_type()
    if media_type is None:
        return _not_acceptable()
    if media_type != "text/html":
        return _rdf(media_type)
    docs = documentation()
    groups: dict[str, list[ShapeDoc]] = {}
    for doc in docs.values():
        groups.setdefault(doc.group or "other", []).append(doc)
    response = Response(
        render_template("shapes.html", groups=groups, count=len(docs), formats=RDF_FORMATS),
        mimetype="text/html",
    )
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/shapes.<ext>")
def shapes_file(ext: str) -> Response:
    media_type = ALIASES.get(ext.lower())
    if media_type is None or media_type == "text/html":
        abort(404)
    return _rdf(media_type)


@bp.get("/shapes/<name>")
def shape_page(name: str) -> Response:
    doc = documentation().get(name)
    if doc is None:
        return Response(f"No shape {NGSH}{name} in newsgraph's shapes.\n", 404,
                        mimetype="text/plain")  # fmt: skip
    media_type = _media_type()
    if media_type is None:
        return _not_acceptable()
    if media_type != "text/html":
        fmt = RDF_FORMATS[media_type][0]
        body = _description(URIRef(doc.iri)).serialize(format=fmt, encoding="utf-8")
        response = Response(body, mimetype=media_type)
    else:
        response = Response(render_template("shape.html", doc=doc), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/shapes/example.trig")
def example_graph() -> Response:
    """The valid example graph every shape page's example starts from."""
    return Response(examples.example_text(), mimetype="application/trig")


# ---- documentation, computed once per process ------------------------------------------


def _namespaces() -> dict[str, str]:
    return {p: str(n) for p, n in load_shapes().namespaces() if p}


def short(node: Node | None) -> str:
    return _short(node, _namespaces(), load_shapes())


def _description(shape: URIRef) -> Graph:
    """The shape and every blank node under it (its concise bounded description)."""
    source = load_shapes()
    out = Graph()
    for prefix, ns in source.namespaces():
        out.bind(prefix, ns)
    todo: list[Node] = [shape]
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in source.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


@lru_cache(maxsize=1)
def documentation() -> dict[str, ShapeDoc]:
    """Every named shape of ours that checks something, by local name."""
    graph = load_shapes()
    model = read_shapes(graph)
    docs: dict[str, ShapeDoc] = {}
    for node, shape in model.shapes.items():
        if not (isinstance(node, URIRef) and str(node).startswith(NGSH)) or not shape.constraints:
            continue
        name = str(node)[len(NGSH) :]
        group = graph.value(node, SH.group)
        group_label = graph.value(group, RDFS.label) if group is not None else None
        constraints = []
        sparql = []
        for c in shape.constraints:
            if c.parameter == SH.sparql:
                sparql.append(textwrap.dedent(str(graph.value(c.value, SH.select) or "")).strip())
                constraints.append("sh:sparql (a SHACL-SPARQL constraint, below)")
            elif c.items:
                constraints.append(
                    f"{short(c.parameter)} ( {' '.join(short(i) for i in c.items)} )"
                )
            elif isinstance(c.value, BNode):
                constraints.append(f"{short(c.parameter)} {_inline(graph, c.value)}")
            else:
                constraints.append(f"{short(c.parameter)} {short(c.value)}")
        targets = [f"{short(kind)} {short(value)}" for kind, value in shape.targets]
        message = next((str(m) for m in shape.messages if m.language in (None, "", "en")), "")
        docs[name] = ShapeDoc(
            name=name,
            iri=str(node),
            label=str(graph.value(node, RDFS.label) or name),
            severity=str(shape.severity).rsplit("#", 1)[-1],
            message=message,
            group=str(group_label) if group_label is not None else None,
            targets=targets,
            path=short(shape.path.node) if shape.path is not None else None,
            constraints=constraints,
            sparql=sparql,
            comment=str(graph.value(node, RDFS.comment) or ""),
            turtle=_description(node).serialize(format="turtle"),
        )
    return dict(sorted(docs.items(), key=lambda kv: (severity_rank(kv[1].severity), kv[0])))


def _inline(graph: Graph, node: Node) -> str:
    """A blank-node shape in one line of Turtle-like text: [ sh:class ng:Organization ]."""
    parts = []
    for p, o in sorted(graph.predicate_objects(node)):
        if p in COMPONENT_OF or p in (SH.path,):
            if isinstance(o, BNode) and graph.value(o, RDF.first) is not None:
                inner = " ".join(_inline(graph, i) if isinstance(i, BNode) else short(i)
                                 for i in graph.items(o))  # fmt: skip
                parts.append(f"{short(p)} ( {inner} )")
            elif isinstance(o, BNode):
                parts.append(f"{short(p)} {_inline(graph, o)}")
            else:
                parts.append(f"{short(p)} {short(o)}")
    return "[ " + " ; ".join(parts) + " ]"


@lru_cache(maxsize=256)
def _example(name: str) -> Example | None:
    mutation = MUTATIONS.get(name)
    if mutation is None:
        return None
    valid = examples.valid_example()
    broken = examples.mutated(name)
    removed = sorted(_line(t, broken) for t in set(valid) - set(broken))
    added = sorted(_line(t, broken) for t in set(broken) - set(valid))
    report = validate(broken)
    results = []
    for r in report.results:
        if r.source_shape != URIRef(NGSH + name):
            continue
        where = report.short(r.focus_node)
        if r.path is not None:
            where += f"  path {report.short(r.path)}"
        if r.value is not None:
            where += f"  value {report.short(r.value)}"
        results.append(f"[{r.severity}] {where}")
    update = "\n".join(u.strip() for u in mutation.update.split(" ; "))
    return Example(update=update, removed=removed, added=added, results=results)


def _line(triple: tuple[Node, Node, Node], graph: Graph) -> str:
    namespaces = {p: str(n) for p, n in graph.namespaces() if p}
    s, p, o = triple
    text = o.n3(graph.namespace_manager) if isinstance(o, Literal) else _short(o, namespaces, None)
    return f"{_short(s, namespaces, None)} {_short(p, namespaces, None)} {text} ."
