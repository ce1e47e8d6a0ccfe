"""`/ontology`: the ontology by content negotiation, and its HTML documentation.

The ontology IRI is `https://w3id.org/newsgraph/ontology` and its terms are
`…/ontology#Term`, so one URL serves everything: Turtle, RDF/XML, JSON-LD or
N-Triples by Accept (q-values honoured) or `?format=`, and an HTML page for
browsers, with one anchor per term. Fragments never reach a server, so
`/ontology/Term` answers with a 303 to `/ontology#Term` for people who paste
term IRIs with a slash. Everything is computed once per process: the file is
static.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from flask import Blueprint, Response, abort, redirect, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import NG, ONTOLOGY_IRI, PREFIXES
from kg.resources import load_ontology, ontology_text

bp = Blueprint("ontology", __name__, template_folder="templates")

# media type -> (rdflib serializer, file extension)
RDF_FORMATS: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "ttl"),
    "application/rdf+xml": ("xml", "rdf"),
    "application/ld+json": ("json-ld", "jsonld"),
    "application/n-triples": ("nt", "nt"),
}
FORMAT_ALIASES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "html": "text/html",
}
# Order breaks ties: `Accept: */*` (curl, scripts) gets Turtle; browsers ask for HTML.
OFFERS = [
    "text/turtle",
    "text/html",
    "application/ld+json",
    "application/rdf+xml",
    "application/n-triples",
    "application/xhtml+xml",
]
FOAF = "http://xmlns.com/foaf/0.1/"
EXTRA_PREFIXES = {"foaf": FOAF, "vann": "http://purl.org/vocab/vann/"}


@lru_cache(maxsize=8)
def serialized(media_type: str) -> bytes:
    """The ontology in one RDF syntax; Turtle is the file itself, comments included."""
    if media_type == "text/turtle":
        return ontology_text().encode("utf-8")
    fmt = RDF_FORMATS[media_type][0]
    graph = load_ontology()
    if fmt == "json-ld":
        context = {p: ns for p, ns in graph.namespaces() if p}
        return graph.serialize(format="json-ld", context=context, indent=2).encode("utf-8")
    return graph.serialize(format=fmt, encoding="utf-8")


def choose_media_type() -> str | None:
    """`?format=` wins; else the best Accept match (q-values); None if nothing fits."""
    wanted = request.args.get("format")
    if wanted:
        return FORMAT_ALIASES.get(wanted.lower()) or (
            wanted if wanted in RDF_FORMATS or wanted == "text/html" else None
        )
    if not request.accept_mimetypes:
        return "text/turtle"
    best = request.accept_mimetypes.best_match(OFFERS)
    if best == "application/xhtml+xml":
        return "text/html"
    return best


@bp.get("/ontology")
@bp.get("/ontology/")
def ontology() -> Response:
    media_type = choose_media_type()
    if media_type is None:
        offered = ", ".join(list(RDF_FORMATS) + ["text/html"])
        response = Response(
            f"Not acceptable. Available: {offered}\n", status=406, mimetype="text/plain"
        )
    elif media_type == "text/html":
        response = Response(
            render_template("ontology.html", doc=documentation()), mimetype="text/html"
        )
    else:
        ext = RDF_FORMATS[media_type][1]
        response = Response(serialized(media_type), mimetype=media_type)
        if media_type != "application/ld+json":
            response.charset = "utf-8"
        response.headers["Content-Disposition"] = f'inline; filename="newsgraph.{ext}"'
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Link"] = f'<{ONTOLOGY_IRI}>; rel="canonical"'
    return response


@bp.get("/ontology.<ext>")
def ontology_file(ext: str) -> Response:
    """`/ontology.ttl`, `.rdf`, `.jsonld`, `.nt`, `.html`: one URL per syntax, for links."""
    media_type = FORMAT_ALIASES.get(ext.lower())
    if media_type is None:
        abort(404)
    if media_type == "text/html":
        return Response(render_template("ontology.html", doc=documentation()), mimetype="text/html")
    response = Response(serialized(media_type), mimetype=media_type)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/ontology/<path:term>")
def ontology_term(term: str) -> Response:
    """`/ontology/Meeting` → 303 `/ontology#Meeting`; the version IRI serves the ontology."""
    doc = documentation()
    if term.strip("/") == doc.version:
        return ontology()
    if term in doc.anchors:
        return redirect(f"{request.script_root}/ontology#{term}", code=303)
    abort(404)


# ---- the documentation page's model -------------------------------------------------


@dataclass
class TermDoc:
    """What the HTML page shows about one term."""

    iri: str
    local: str
    kind: str
    label: str
    comment: str
    note: str = ""
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    supers: list[str] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    alignments: list[tuple[str, str]] = field(default_factory=list)  # (relation, target)
    characteristics: list[str] = field(default_factory=list)
    scheme: str = ""
    external: bool = False


@dataclass
class OntologyDoc:
    iri: str
    version_iri: str
    version: str
    title: str
    description: str
    license: str
    creator: str
    classes: list[TermDoc]
    object_properties: list[TermDoc]
    datatype_properties: list[TermDoc]
    schemes: list[tuple[TermDoc, list[TermDoc]]]
    anchors: set[str]
    prefixes: dict[str, str]


def _first(graph: Graph, s: Node, p: URIRef) -> str:
    values = list(graph.objects(s, p))
    english = [v for v in values if isinstance(v, Literal) and v.language in ("en", None)]
    return str((english or values or [""])[0])


def _name(node: Node, graph: Graph, prefixes: dict[str, str]) -> str:
    """A readable name: prefixed name, "A or B" for unions, the IRI otherwise."""
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(_name(m, graph, prefixes) for m in graph.items(members))
        inverse = graph.value(node, OWL.inverseOf)
        if inverse is not None:
            return f"inverse of {_name(inverse, graph, prefixes)}"
        return "(anonymous)"
    text = str(node)
    best = max((ns for ns in prefixes.values() if text.startswith(ns)), key=len, default="")
    if best:
        prefix = next(p for p, ns in prefixes.items() if ns == best)
        return f"{prefix}:{text[len(best) :]}"
    return text


def _term(graph: Graph, s: URIRef, kind: str, prefixes: dict[str, str]) -> TermDoc:
    name = lambda n: _name(n, graph, prefixes)  # noqa: E731
    is_class = kind == "class"
    sup, eq = (
        (RDFS.subClassOf, OWL.equivalentClass)
        if is_class
        else (RDFS.subPropertyOf, OWL.equivalentProperty)
    )
    doc = TermDoc(
        iri=str(s),
        local=str(s)[len(str(NG)) :] if str(s).startswith(str(NG)) else name(s),
        kind=kind,
        label=_first(graph, s, RDFS.label) or _first(graph, s, SKOS.prefLabel),
        comment=_first(graph, s, RDFS.comment) or _first(graph, s, SKOS.definition),
        note=_first(graph, s, SKOS.note),
        external=not str(s).startswith(str(NG)),
    )
    doc.domain = [name(d) for d in graph.objects(s, RDFS.domain)]
    doc.range = [name(r) for r in graph.objects(s, RDFS.range)]
    relation = "subClassOf" if is_class else "subPropertyOf"
    for o in graph.objects(s, sup):
        if str(o).startswith(str(NG)):
            doc.supers.append(name(o))
        else:
            doc.alignments.append((relation, name(o)))
    doc.supers.sort()
    doc.subs = sorted(name(x) for x in graph.subjects(sup, s))
    for o in graph.objects(s, eq):
        doc.alignments.append(("equivalent", name(o)))
    for rel, label in (
        (SKOS.exactMatch, "exactMatch"),
        (SKOS.closeMatch, "closeMatch"),
        (SKOS.broadMatch, "broadMatch"),
        (SKOS.narrowMatch, "narrowMatch"),
    ):
        for o in graph.objects(s, rel):
            doc.alignments.append((label, name(o)))
    doc.alignments.sort()
    for o in graph.objects(s, OWL.inverseOf):
        doc.characteristics.append(f"inverse of {name(o)}")
    for chain in graph.objects(s, OWL.propertyChainAxiom):
        doc.characteristics.append(
            "implied by the chain " + " ∘ ".join(name(p) for p in graph.items(chain))
        )
    for t in graph.objects(s, RDF.type):
        if t in (OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty):
            doc.characteristics.append(str(t).rsplit("#", 1)[1].replace("Property", "").lower())
    doc.characteristics.sort()
    scheme = graph.value(s, SKOS.inScheme)
    doc.scheme = name(scheme) if scheme is not None else ""
    return doc


@lru_cache(maxsize=1)
def documentation() -> OntologyDoc:
    """The page's model, built once from the packaged ontology."""
    graph = load_ontology()
    prefixes = {**PREFIXES, **EXTRA_PREFIXES}
    prefixes = {p: ns for p, ns in prefixes.items() if p not in ("id", "sh")}
    header = URIRef(ONTOLOGY_IRI)

    def terms(kind_type: URIRef, kind: str) -> list[TermDoc]:
        subjects = [s for s in graph.subjects(RDF.type, kind_type) if isinstance(s, URIRef)]
        docs = [_term(graph, s, kind, prefixes) for s in subjects]
        return sorted(docs, key=lambda d: (d.external, d.local.lower()))

    schemes = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = sorted(
            (
                _term(graph, c, "concept", prefixes)
                for c in graph.subjects(SKOS.inScheme, scheme)
                if isinstance(c, URIRef)
            ),
            key=lambda d: d.local.lower(),
        )
        schemes.append((_term(graph, scheme, "scheme", prefixes), concepts))
    classes = terms(OWL.Class, "class")
    objects = terms(OWL.ObjectProperty, "object property")
    datatypes = terms(OWL.DatatypeProperty, "datatype property")
    anchors = {d.local for d in classes + objects + datatypes if not d.external}
    anchors |= {s.local for s, cs in schemes} | {c.local for _, cs in schemes for c in cs}
    version_iri = str(graph.value(header, OWL.versionIRI) or "")
    return OntologyDoc(
        iri=ONTOLOGY_IRI,
        version_iri=version_iri,
        version=version_iri.rstrip("/").rsplit("/", 1)[-1],
        title=_first(graph, header, DCTERMS.title),
        description=_first(graph, header, DCTERMS.description),
        license=str(graph.value(header, DCTERMS.license) or ""),
        creator=_first(graph, header, DCTERMS.creator),
        classes=classes,
        object_properties=objects,
        datatype_properties=datatypes,
        schemes=schemes,
        anchors=anchors,
        prefixes=prefixes,
    )
