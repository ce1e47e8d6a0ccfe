"""Content negotiation as a pure function of strings.

Why pure: the endpoint negotiates before it answers, but the limits work runs
queries in a separate worker process, which has no Flask request. Everything here
takes the Accept header and the `format` parameter as plain strings, so any process
can decide the same way.

Rules (RFC 9110 §12.5.1, plus the `format=` parameter Virtuoso and Fuseki accept):
- `format` wins over Accept. It may be a short name (`json`, `ttl`, …) or a full
  media type; short names depend on the result form, as in those servers:
  `format=json` is SPARQL JSON for SELECT/ASK and JSON-LD for CONSTRUCT/DESCRIBE,
  `format=xml` SPARQL XML or RDF/XML. An unusable `format` yields None (406).
- Otherwise each offered type gets the q of the most specific Accept range that
  matches it (`type/sub` over `type/*` over `*/*`); the highest q > 0 wins, ties go
  to the server's order of preference. No or empty Accept means `*/*`.
"""

from __future__ import annotations

from dataclasses import dataclass

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
NQUADS = "application/n-quads"
HTML = "text/html"

# What each kind of answer can be written in, preferred first.
OFFERS: dict[str, tuple[str, ...]] = {
    "solutions": (SPARQL_JSON, SPARQL_XML, CSV, TSV),
    # CSV/TSV have no boolean form in the W3C note; pyoxigraph writes one, but we
    # keep ASK to the two formats the SPARQL Protocol names for it.
    "boolean": (SPARQL_JSON, SPARQL_XML),
    "graph": (TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS),
    # A whole dataset (the Graph Store Protocol's dump): only formats with graphs.
    "dataset": (TRIG, NQUADS, JSONLD),
    # A resource page or the endpoint without a query: a browser gets HTML.
    "page": (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS),
}

# Types clients send that mean one of ours (old or informal names).
ALIASES: dict[str, str] = {
    "application/json": SPARQL_JSON,
    "application/sparql-results+json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/n3": TURTLE,
    "text/rdf+n3": TURTLE,
    "application/json+ld": JSONLD,
    "application/x-trig": TRIG,
    "text/x-nquads": NQUADS,
    "application/xhtml+xml": HTML,
}
# Aliases whose meaning depends on the form of the answer.
GRAPH_ALIASES: dict[str, str] = {
    "application/json": JSONLD,
    "application/xml": RDFXML,
    "text/xml": RDFXML,
    "text/plain": NTRIPLES,
}

# `format=` short names. Entries mapping to a pair are (for SELECT/ASK, for graphs).
FORMAT_NAMES: dict[str, str | tuple[str, str]] = {
    "json": (SPARQL_JSON, JSONLD),
    "xml": (SPARQL_XML, RDFXML),
    "srj": SPARQL_JSON,
    "srx": SPARQL_XML,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "n3": TURTLE,
    "ntriples": NTRIPLES,
    "n-triples": NTRIPLES,
    "nt": NTRIPLES,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "rdfxml": RDFXML,
    "rdf+xml": RDFXML,
    "rdf": RDFXML,
    "xml-rdf": RDFXML,
    "trig": TRIG,
    "nquads": NQUADS,
    "n-quads": NQUADS,
    "nq": NQUADS,
    "html": HTML,
}

# Short name for each media type (used for Content-Location and download links).
SHORT_NAME: dict[str, str] = {
    SPARQL_JSON: "json",
    SPARQL_XML: "xml",
    CSV: "csv",
    TSV: "tsv",
    TURTLE: "ttl",
    NTRIPLES: "nt",
    JSONLD: "jsonld",
    RDFXML: "rdfxml",
    TRIG: "trig",
    NQUADS: "nquads",
    HTML: "html",
}


@dataclass(frozen=True)
class Range:
    """One Accept entry: `type/subtype` (either may be `*`) with its q-value."""

    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: str | None) -> list[Range]:
    """Parse an Accept header leniently: malformed entries are skipped, bad q means 1."""
    ranges: list[Range] = []
    for item in (header or "").split(","):
        parts = [p.strip() for p in item.split(";")]
        mt = parts[0].lower()
        if "/" not in mt:
            if mt == "*":  # some clients send a bare `*`
                mt = "*/*"
            else:
                continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        t, _, s = mt.partition("/")
        ranges.append(Range(t.strip(), s.strip(), q))
    return ranges


def normalize(media_type: str, form: str) -> str:
    """Our canonical name for a media type a client used, for an answer of `form`."""
    mt = media_type.split(";")[0].strip().lower()
    if form in ("graph", "page", "dataset") and mt in GRAPH_ALIASES:
        return GRAPH_ALIASES[mt]
    return ALIASES.get(mt, mt)


def from_format_param(form: str, value: str) -> str | None:
    """The media type a `format=` value names for this form, or None if unusable."""
    offered = OFFERS[form]
    key = value.strip().lower()
    named = FORMAT_NAMES.get(key)
    if isinstance(named, tuple):
        mt = named[1] if form in ("graph", "page", "dataset") else named[0]
    elif named is not None:
        mt = named
    else:
        mt = normalize(key, form)
    return mt if mt in offered else None


def quality(ranges: list[Range], media_type: str, form: str) -> float:
    """q of `media_type` under `ranges`: the most specific matching range decides.

    Alias types in Accept count for what they mean (`application/json` is SPARQL JSON
    for a SELECT), so a match is checked against every name of the offered type.
    """
    best: tuple[int, float] | None = None
    for r in ranges:
        if r.type == "*" or r.subtype == "*":
            hit = r.matches(media_type)
            spec = r.specificity
        else:
            hit = normalize(f"{r.type}/{r.subtype}", form) == media_type
            spec = 3 if f"{r.type}/{r.subtype}" == media_type else 2
        if hit and (best is None or spec > best[0] or (spec == best[0] and r.q > best[1])):
            best = (spec, r.q)
    return best[1] if best else 0.0


def choose(form: str, accept_header: str | None, format_param: str | None = None) -> str | None:
    """The media type to answer `form` in, or None when nothing acceptable is offered.

    `form` is "solutions" (SELECT), "boolean" (ASK), "graph" (CONSTRUCT, DESCRIBE) or
    "page" (HTML or RDF about a resource).
    """
    offered = OFFERS[form]
    if format_param:
        return from_format_param(form, format_param)
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered[0]
    best, best_q = None, 0.0
    for mt in offered:
        q = quality(ranges, mt, form)
        if q > best_q:
            best, best_q = mt, q
    return best


def prefers_html(accept_header: str | None) -> bool:
    """True when a client explicitly asks for HTML at least as much as for anything RDF.

    Used at the endpoint IRI without a query: browsers get the query UI, RDF clients
    (and clients with no preference) get the service description.
    """
    ranges = parse_accept(accept_header)
    if not any(r.type == "text" and r.subtype == "html" for r in ranges):
        return False
    return choose("page", accept_header) == HTML
