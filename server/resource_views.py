"""Linked Data: every IRI under the instance base dereferences on this server.

`{base}x` is served at `{base_path}x` (by default `https://w3id.org/newsgraph/id/x`
at `/id/x`). One URL, several representations:

- browsers get an HTML page: label, types, every property with the document graphs
  that state it, incoming links, Wikidata links, and the evidence (the quoted span
  highlighted in its source document); a document's page shows its whole text with
  every annotated span marked;
- RDF clients get Turtle, JSON-LD, N-Triples, RDF/XML, or TriG/N-Quads (which keep
  the graph each statement came from), by Accept or `?format=`.

We answer 200 directly (no 303 redirect) with `Vary: Accept` and a
`Content-Location` naming the representation sent (`?format=ttl` …), the "direct
200" the W3C TAG accepted for httpRange-14 in 2012: one round trip instead of two,
and hash IRIs (`…/140-520#target`) are described on their document's page.
IRIs the store has never seen are 404.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from kg import negotiate as neg
from kg.config import Config
from kg.labels import Labeller
from kg.query import GRAPH_FORMATS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NG = "https://w3id.org/newsgraph/ontology#"
OA = "http://www.w3.org/ns/oa#"
WIKIDATA = "http://www.wikidata.org/entity/"
LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF, DCT_TITLE, "https://schema.org/name")
MAX_INCOMING = 500
EXCERPT = 240  # characters of context either side of a highlighted span


@dataclass
class Value:
    """One object of a property, with the graphs (documents) that state it."""

    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
    graphs: list[str] = field(default_factory=list)


@dataclass
class Span:
    """A highlighted piece of a document's text."""

    doc: str
    start: int
    end: int
    before: str
    text: str
    after: str
    annotation: str
    body: str | None = None
    exact_matches: bool = True


def is_web_iri(iri: str) -> bool:
    """An http(s) IRI, the only kind a page may turn into a link."""
    return iri[:8].lower().startswith(("http://", "https://"))


class Linker:
    """Turns IRIs into local links and short names, and finds their labels."""

    def __init__(self, store: ox.Store, config: Config, prefixes: dict[str, str]) -> None:
        self.store = store
        self.config = config
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        # Labels, or snippets for the nameless (a statement's first words and speaker …)
        self.labeller = Labeller(store, prefixes)

    def href(self, iri: str) -> str | None:
        """IRIs under our public prefix link to this server; other http(s) IRIs to
        themselves; any other scheme (`javascript:`, `data:`, `file:`, a URN) to nothing:
        the templates show those as text, never as a link."""
        prefix = self.config.public_prefix
        if iri.startswith(prefix):
            return "/" + iri[len(prefix) :]
        return iri if is_web_iri(iri) else None

    def local(self, iri: str) -> bool:
        return iri.startswith(self.config.public_prefix)

    def short(self, iri: str) -> str:
        """A prefixed name when it is valid SPARQL, else the IRI in angle brackets."""
        return self.labeller.short(iri)

    def label(self, iri: str) -> str | None:
        return self.labeller.label(iri)


def gather(store: ox.Store, iri: str) -> tuple[list[ox.Quad], list[ox.Quad], list[ox.Quad]]:
    """(outgoing quads, quads of its hash sub-resources, incoming quads (capped))."""
    node = ox.NamedNode(iri)
    outgoing = list(store.quads_for_pattern(node, None, None, None))
    hashed: list[ox.Quad] = []
    seen = {iri}
    frontier = [q.object for q in outgoing]
    while frontier:
        obj = frontier.pop()
        if isinstance(obj, ox.NamedNode) and obj.value.startswith(iri + "#"):
            if obj.value in seen:
                continue
            seen.add(obj.value)
            quads = list(store.quads_for_pattern(obj, None, None, None))
            hashed += quads
            frontier += [q.object for q in quads]
    incoming = list(itertools.islice(store.quads_for_pattern(None, None, node, None), MAX_INCOMING))
    return outgoing, hashed, incoming


def _graph_name(quad: ox.Quad) -> str | None:
    g = quad.graph_name
    return g.value if isinstance(g, ox.NamedNode) else None


def properties(quads: list[ox.Quad]) -> list[tuple[str, list[Value]]]:
    """Predicate → values (merged across graphs), in a stable order, rdf:type first."""
    table: dict[str, dict[str, Value]] = {}
    for q in quads:
        values = table.setdefault(q.predicate.value, {})
        key = str(q.object)
        v = values.setdefault(key, Value(q.object))
        g = _graph_name(q)
        if g and g not in v.graphs:
            v.graphs.append(g)
    order = sorted(table, key=lambda p: (p != RDF_TYPE, p))
    return [(p, sorted(table[p].values(), key=lambda v: str(v.term))) for p in order]


def _int_value(store: ox.Store, node: ox.NamedNode | ox.BlankNode, pred: str) -> int | None:
    for q in store.quads_for_pattern(node, ox.NamedNode(pred), None, None):
        try:
            return int(q.object.value)
        except (ValueError, AttributeError):
            return None
    return None


def _first(store: ox.Store, node, pred: str):
    for q in store.quads_for_pattern(node, ox.NamedNode(pred), None, None):
        return q.object
    return None


def document_text(store: ox.Store, doc: str) -> str | None:
    content = _first(store, ox.NamedNode(doc), NG + "content")
    return content.value if isinstance(content, ox.Literal) else None


def annotation_span(store: ox.Store, anno: str, texts: dict[str, str | None]) -> Span | None:
    """Follow oa:hasTarget → oa:hasSource + TextPositionSelector to the quoted text."""
    node = ox.NamedNode(anno)
    body = _first(store, node, OA + "hasBody")
    for target_q in store.quads_for_pattern(node, ox.NamedNode(OA + "hasTarget"), None, None):
        target = target_q.object
        source = _first(store, target, OA + "hasSource")
        if not isinstance(source, ox.NamedNode):
            continue
        start = end = None
        exact = None
        for sel_q in store.quads_for_pattern(target, ox.NamedNode(OA + "hasSelector"), None, None):
            sel = sel_q.object
            s, e = _int_value(store, sel, OA + "start"), _int_value(store, sel, OA + "end")
            if s is not None and e is not None:
                start, end = s, e
            ex = _first(store, sel, OA + "exact")
            if isinstance(ex, ox.Literal):
                exact = ex.value
        if start is None or end is None:
            continue
        if source.value not in texts:
            texts[source.value] = document_text(store, source.value)
        text = texts[source.value]
        if text is None or not (0 <= start <= end <= len(text)):
            continue
        return Span(
            doc=source.value,
            start=start,
            end=end,
            before=("…" if start > EXCERPT else "") + text[max(0, start - EXCERPT) : start],
            text=text[start:end],
            after=text[end : end + EXCERPT] + ("…" if end + EXCERPT < len(text) else ""),
            annotation=anno,
            body=body.value if isinstance(body, ox.NamedNode) else None,
            exact_matches=exact is None or exact == text[start:end],
        )
    return None


def document_segments(store: ox.Store, doc: str, text: str) -> list[tuple[str, Span | None]]:
    """The document's text cut into plain and annotated pieces (overlaps merged)."""
    rows = store.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT DISTINCT ?doc ?anno ?body ?start ?end WHERE {
          ?t oa:hasSource ?doc ; oa:hasSelector ?sel .
          ?sel oa:start ?start ; oa:end ?end .
          ?anno oa:hasTarget ?t .
          OPTIONAL { ?anno oa:hasBody ?body }
        }""",
        substitutions={ox.Variable("doc"): ox.NamedNode(doc)},
    )
    spans: list[Span] = []
    for row in rows:  # type: ignore[union-attr]
        try:
            start, end = int(row["start"].value), int(row["end"].value)
        except (TypeError, ValueError, AttributeError):
            continue
        if not (0 <= start < end <= len(text)):
            continue
        body = row["body"]
        spans.append(
            Span(
                doc,
                start,
                end,
                "",
                text[start:end],
                "",
                row["anno"].value,
                body.value if isinstance(body, ox.NamedNode) else None,
            )
        )
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            if s.end > last.end:
                last.end = s.end
                last.text = text[last.start : last.end]
            continue
        merged.append(s)
    segments: list[tuple[str, Span | None]] = []
    pos = 0
    for s in merged:
        if s.start > pos:
            segments.append((text[pos : s.start], None))
        segments.append((s.text, s))
        pos = s.end
    if pos < len(text):
        segments.append((text[pos:], None))
    return segments


def _rdf_response(quads: list[ox.Quad], media_type: str, prefixes: dict[str, str]) -> bytes:
    fmt = GRAPH_FORMATS[media_type][1]
    pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):  # keep each statement's graph
        items: list = quads
    else:
        # JSON-LD could carry graphs too, but clients read it as one graph: merge them.
        seen: dict[str, ox.Quad] = {}
        for q in quads:
            t = ox.Quad(q.subject, q.predicate, q.object)
            seen.setdefault(str(t), t)
        items = list(seen.values())
    return ox.serialize(items, None, fmt, prefixes=prefixes if pretty else None)


def _text_title(quads: list[ox.Quad]) -> str | None:
    """A statement has no label, but its words make a better heading than its hash."""
    for q in quads:
        if q.predicate.value == NG + "text" and isinstance(q.object, ox.Literal):
            text = q.object.value
            return "“" + (text if len(text) <= 90 else text[:89].rstrip() + "…") + "”"
    return None


def _not_found(iri: str) -> Response:
    return Response(
        f"{iri} is not in this graph\n",
        status=404,
        mimetype="text/plain",
        headers={"Access-Control-Allow-Origin": "*"},
    )


def _gone_or_not_found(iri: str, config: Config) -> Response:
    """An IRI the graph once had: 301 to its successor (a merged meeting's kept IRI), or
    410 Gone (a fact a revised or removed document no longer supports); else 404."""
    serving = current_app.extensions["newsgraph.store"]
    if serving.fixed or serving.remote is not None:
        return _not_found(iri)
    from kg.store import StoreMissing, current_build
    from kg.update import retired

    try:
        found = retired(config, current_build(config), iri)
    except (StoreMissing, OSError):
        found = None
    headers = {"Access-Control-Allow-Origin": "*"}
    if found is None:
        return _not_found(iri)
    successor, when, why = found
    if successor and successor.strip("<>").startswith(config.base):
        target = successor.strip("<>")
        location = config.base_path + target[len(config.base) :]
        return Response(
            f"{iri} is now {target}\n", status=301, mimetype="text/plain",
            headers={**headers, "Location": location},
        )  # fmt: skip
    return Response(
        f"{iri} is gone: {why} (since {when})\n", status=410, mimetype="text/plain",
        headers=headers,
    )  # fmt: skip


def create_blueprint(config: Config) -> Blueprint:
    """The Linked Data routes for `config.base_path` (the base decides the path)."""
    bp = Blueprint("resources", __name__)

    def resource(rest: str) -> Response:
        iri = config.base + rest
        try:
            ox.NamedNode(iri)
        except ValueError:  # not an IRI (spaces, angle brackets …): nothing can be here
            return _not_found(iri)
        store = current_app.extensions["newsgraph.store"].get()
        prefixes = current_app.extensions["newsgraph.prefixes"]
        outgoing, hashed, incoming = gather(store, iri)
        is_graph = next(iter(store.quads_for_pattern(None, None, None, ox.NamedNode(iri))), None)
        if not outgoing and not hashed and not incoming and is_graph is None:
            return _gone_or_not_found(iri, config)
        fmt = request.args.get("format")
        media_type = neg.choose("page", request.headers.get("Accept"), fmt)
        here = request.base_url
        headers = {
            "Vary": "Accept",
            "Access-Control-Allow-Origin": "*",
            "Link": ", ".join(
                f'<{here}?format={neg.SHORT_NAME[mt]}>; rel="alternate"; type="{mt}"'
                for mt in neg.OFFERS["page"]
            ),
        }
        if media_type is None:
            return Response(
                "this resource is offered as " + ", ".join(neg.OFFERS["page"]) + "\n",
                status=406,
                mimetype="text/plain",
                headers=headers,
            )
        headers["Content-Location"] = f"{here}?format={neg.SHORT_NAME[media_type]}"
        if media_type != neg.HTML:
            body = _rdf_response(
                outgoing + hashed + incoming,
                media_type,
                current_app.extensions["newsgraph.rdf_prefixes"],
            )
            ctype = media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")
            return Response(body, content_type=ctype, headers=headers)
        html = render_page(store, iri, outgoing, hashed, incoming, prefixes)
        return Response(html, mimetype="text/html", headers=headers)

    def render_page(store, iri, outgoing, hashed, incoming, prefixes) -> str:
        link = Linker(store, config, prefixes)
        props = properties(outgoing)
        types = [v.term.value for p, vs in props if p == RDF_TYPE for v in vs]
        same_as = [
            v.term.value
            for p, vs in props
            if p == OWL_SAMEAS
            for v in vs
            if isinstance(v.term, ox.NamedNode)
        ]
        texts: dict[str, str | None] = {}
        evidence: list[Span] = []
        annos = [v.term.value for p, vs in props if p == NG + "evidence" for v in vs]
        if OA + "Annotation" in types:
            annos.insert(0, iri)
        for anno in annos:
            span = annotation_span(store, anno, texts)
            if span:
                evidence.append(span)
        # Every graph (source document) cited on the page gets a footnote number.
        sources: dict[str, int] = {}
        for q in outgoing:
            g = _graph_name(q)
            if g:
                sources.setdefault(g, len(sources) + 1)
        for p, vs in props:
            if p == PROV_DERIVED:
                for v in vs:
                    sources.setdefault(v.term.value, len(sources) + 1)
        is_document = NG + "Document" in types
        segments = None
        if is_document:
            text = document_text(store, iri)
            if text is not None:
                segments = document_segments(store, iri, text)
        hashed_props = []
        for sub in sorted({q.subject.value for q in hashed if isinstance(q.subject, ox.NamedNode)}):
            hashed_props.append((sub, properties([q for q in hashed if q.subject.value == sub])))
        grouped: dict[tuple[str, str], list[str]] = {}
        for q in incoming:
            if isinstance(q.subject, ox.NamedNode):
                graphs = grouped.setdefault((q.subject.value, q.predicate.value), [])
                g = _graph_name(q)
                if g and g not in graphs:
                    graphs.append(g)
                    sources.setdefault(g, len(sources) + 1)
        incoming_rows = [(ox.NamedNode(s), p, graphs) for (s, p), graphs in sorted(grouped.items())]
        return render_template(
            "resource.html",
            iri=iri,
            title=link.label(iri) or _text_title(outgoing) or link.short(iri),
            types=types,
            props=[(p, vs) for p, vs in props if not (is_document and p == NG + "content")],
            hashed=hashed_props,
            incoming=incoming_rows,
            incoming_capped=len(incoming) >= MAX_INCOMING,
            same_as=same_as,
            wikidata=[s for s in same_as if s.startswith(WIKIDATA)],
            sources=sources,
            evidence=evidence,
            segments=segments,
            link=link,
            formats=[(neg.SHORT_NAME[mt], mt) for mt in neg.OFFERS["page"] if mt != neg.HTML],
            sparql_describe="/sparql?query=" + quote(f"DESCRIBE <{iri}>"),
            ox=ox,
        )

    bp.add_url_rule(config.base_path + "<path:rest>", "resource", resource, methods=["GET", "HEAD"])
    return bp
