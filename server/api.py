"""Small JSON services for the query UI: labels for IRIs, and completions from the graph.

- `/api/labels?iri=…&iri=…` (or POST `{"iris": [...]}`): each IRI's label or snippet
  (kg/labels.py) and its short name, valid SPARQL. The result table, the graph and map
  views and the pages show these instead of bare IRIs.
- `/api/complete?kind=prefix|class|property|instance&q=…`: what the editor offers.
  Prefixes are our namespaces; classes and properties come from the ontology and from
  what the store uses (with labels, definitions and counts); instances are found by
  label. Everything is answered from this server: completion works offline.

Both read the store directly, like the Linked Data pages: each answer is a handful of
index lookups (labels) or one bounded label scan (instances), far below a query's cost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.labels import Labeller, short_name
from kg.resources import load_ontology
from kg.server import service_description as sd

bp = Blueprint("api", __name__)

MAX_IRIS = 500
MAX_COMPLETIONS = 50
CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = (
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.FunctionalProperty,
)
INSTANCE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s (SAMPLE(?l) AS ?name) WHERE {
  ?s rdfs:label|skos:prefLabel|skos:altLabel|dcterms:title ?l .
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), {base}) && CONTAINS(LCASE(STR(?l)), {q}))
} GROUP BY ?s LIMIT 400
"""


def _json(value: object, status: int = 200) -> Response:
    resp = jsonify(value)
    resp.status_code = status
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _labeller() -> Labeller:
    store = current_app.extensions["newsgraph.store"].get()
    return Labeller(store, current_app.extensions["newsgraph.prefixes"])


@bp.route("/api/labels", methods=["GET", "POST"])
def labels() -> Response:
    if request.method == "POST":
        body = request.get_json(silent=True)
        iris = body.get("iris") if isinstance(body, dict) else None
        if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
            return _json({"error": 'POST a JSON object {"iris": ["…", …]}'}, 400)
    else:
        iris = request.args.getlist("iri")
    if len(iris) > MAX_IRIS:
        return _json({"error": f"at most {MAX_IRIS} IRIs per request"}, 400)
    labeller = _labeller()
    out = {}
    for iri in dict.fromkeys(iris):
        out[iri] = {"label": labeller.label(iri), "short": labeller.short(iri)}
    return _json({"labels": out})


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str  # "class" or "property"
    label: str | None
    comment: str | None
    count: int  # instances (class) or triples (property) in the store

    def matches(self, q: str, local: str) -> bool:
        if self.iri.startswith(q):
            return True
        word = local.lower()
        return bool(word) and word in (self.label or "").lower()


@lru_cache(maxsize=1)
def _ontology_terms() -> tuple[tuple[str, str, str | None, str | None], ...]:
    graph = load_ontology()
    out = []
    for kind, types in (("class", CLASS_TYPES), ("property", PROPERTY_TYPES)):
        seen = set()
        for t in types:
            for s in graph.subjects(RDF.type, t):
                if isinstance(s, URIRef) and s not in seen:
                    seen.add(s)
                    label = _literal(graph.value(s, RDFS.label) or graph.value(s, SKOS.prefLabel))
                    comment = _literal(
                        graph.value(s, RDFS.comment) or graph.value(s, SKOS.definition)
                    )
                    out.append((str(s), kind, label, comment))
    return tuple(out)


def _literal(value) -> str | None:
    return str(value) if isinstance(value, Literal) else None


def vocabulary() -> list[Term]:
    """Classes and properties: the ontology's, then those the store uses (with counts)."""
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    cache: sd.DescriptionCache = current_app.extensions["newsgraph.descriptions"]
    whole, _ = cache.void(store, serving.generation)
    labeller = Labeller(store, current_app.extensions["newsgraph.prefixes"])
    terms: dict[tuple[str, str], Term] = {}
    for iri, kind, label, comment in _ontology_terms():
        used = whole.classes if kind == "class" else whole.properties
        terms[(iri, kind)] = Term(iri, kind, label, comment, used.get(iri, 0))
    for kind, used in (("class", whole.classes), ("property", whole.properties)):
        for iri, count in used.items():
            if (iri, kind) not in terms:
                terms[(iri, kind)] = Term(iri, kind, labeller.label(iri), None, count)
    return list(terms.values())


def _local_part(q: str, prefixes: dict[str, str]) -> str:
    """What the user typed after the namespace (`…ontology#Mee` → `Mee`)."""
    for ns in sorted(prefixes.values(), key=len, reverse=True):
        if q.startswith(ns):
            return q[len(ns) :]
    return re.split(r"[/#:]", q)[-1]


@bp.get("/api/complete")
def complete() -> Response:
    kind = request.args.get("kind", "")
    q = request.args.get("q", "").strip()
    prefixes: dict[str, str] = current_app.extensions["newsgraph.prefixes"]
    if kind == "prefix":
        items = [
            {"prefix": p, "namespace": ns}
            for p, ns in sorted(prefixes.items())
            if p.startswith(q.rstrip(":"))
        ]
        return _json({"kind": kind, "items": items})
    if kind in ("class", "property"):
        local = _local_part(q, prefixes)
        found = [t for t in vocabulary() if t.kind == kind and t.matches(q, local)]
        # our own and used terms first, then by use, then by name
        found.sort(key=lambda t: (-t.count, t.iri))
        items = [
            {
                "iri": t.iri,
                "short": short_name(t.iri, prefixes),
                "label": t.label,
                "comment": t.comment,
                "count": t.count,
            }
            for t in found[:MAX_COMPLETIONS]
        ]
        return _json({"kind": kind, "items": items})
    if kind == "instance":
        if len(q) < 2:
            return _json({"kind": kind, "items": []})
        return _json({"kind": kind, "items": _instances(q)})
    return _json({"error": "kind must be prefix, class, property or instance"}, 400)


def _instances(q: str) -> list[dict]:
    config = current_app.extensions["newsgraph.config"]
    labeller = _labeller()
    # Literals written by pyoxigraph (escaped N-Triples form), never pasted text.
    query = INSTANCE_QUERY.replace("{base}", str(ox.Literal(config.base)))
    rows = labeller.store.query(query.replace("{q}", str(ox.Literal(q.lower()))))
    hits = []
    for row in rows:  # type: ignore[union-attr]
        iri = row["s"].value
        label = labeller.label(iri) or row["name"].value
        starts = label.lower().startswith(q.lower())
        hits.append((not starts, len(label), label, iri))
    hits.sort()
    items = []
    for _, _, label, iri in hits[:MAX_COMPLETIONS]:
        types = sorted({labeller.display(t) for t in labeller.types(iri) if t.startswith(_NG)})
        items.append({"iri": iri, "short": labeller.short(iri), "label": label, "types": types})
    return items


_NG = "https://w3id.org/newsgraph/ontology#"
