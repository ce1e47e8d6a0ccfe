"""Running SPARQL queries on the store and writing their results in every standard format.

The web layer and the CLI both call this, so `kg query` and `/sparql` answer alike.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyoxigraph as ox

from kg.config import Config
from kg.federation import prepare

# Media type → (format name for ?format=, pyoxigraph format)
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "application/sparql-results+json": ("json", ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": ("xml", ox.QueryResultsFormat.XML),
    "text/csv": ("csv", ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": ("tsv", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("turtle", ox.RdfFormat.TURTLE),
    "application/n-triples": ("ntriples", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("rdfxml", ox.RdfFormat.RDF_XML),
    "application/trig": ("trig", ox.RdfFormat.TRIG),
    "application/n-quads": ("nquads", ox.RdfFormat.N_QUADS),
}
# Types clients send that mean one of ours.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle",
    "text/n3": "text/turtle",
    "application/json+ld": "application/ld+json",
}
FORMAT_NAMES: dict[str, str] = {
    name: mt for mt, (name, _) in {**RESULT_FORMATS, **GRAPH_FORMATS}.items()
} | {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "xml-rdf": "application/rdf+xml",
    "nq": "application/n-quads",
    "json-ld": "application/ld+json",
}


@dataclass
class QueryResult:
    form: str  # "solutions", "boolean" or "graph"
    value: object

    @property
    def offered(self) -> list[str]:
        """Media types this result can be written in, preferred first."""
        return list(GRAPH_FORMATS) if self.form == "graph" else list(RESULT_FORMATS)


def run(
    store: ox.Store,
    query: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
    config: Config | None = None,
) -> QueryResult:
    """Evaluate a query; the default graph is the union of all graphs unless a dataset is named.

    Every query passes `kg.federation.prepare` first, because pyoxigraph would make
    SERVICE calls itself with no timeout or address policy: the policy is checked, our
    own SERVICE calls run, and pyoxigraph only ever sees a query without SERVICE.
    The dataset is the protocol's (`default_graphs`/`named_graphs`) if given, else the
    query's FROM / FROM NAMED, which name graphs in the store (never fetched), else the
    union of all graphs. Without `config` the defaults apply (Wikidata only, no map).

    Raises SyntaxError for a malformed query (message carries line:column) and
    `kg.federation.QueryRefused` for a refused query or a failed SERVICE call.
    """
    prepared = prepare(query, config if config is not None else Config())
    dataset: tuple[list[str], list[str]] | None = None
    if default_graphs or named_graphs:  # the protocol's dataset overrides the query's
        dataset = (default_graphs or [], named_graphs or [])
    elif prepared.default_graphs is not None:  # FROM / FROM NAMED: graphs in the store
        dataset = (prepared.default_graphs, prepared.named_graphs or [])
    kwargs: dict = {}
    if dataset is None:
        kwargs["use_default_graph_as_union"] = True
    else:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in dataset[0]] or [ox.DefaultGraph()]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
    result = store.query(prepared.query_text, base_iri=base_iri, **kwargs)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", result)
    if isinstance(result, ox.QuerySolutions):
        return QueryResult("solutions", result)
    return QueryResult("graph", result)


def serialize(
    result: QueryResult, media_type: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """Write a result in `media_type` (one of `result.offered` or an alias of one)."""
    media_type = ALIASES.get(media_type, media_type)
    if result.form == "graph":
        fmt = GRAPH_FORMATS[media_type][1]
        items = result.value
        if fmt.supports_datasets:  # triples go to the default graph of a TriG/N-Quads document
            items = (ox.Quad(t.subject, t.predicate, t.object) for t in result.value)
        pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
        return ox.serialize(items, None, fmt, prefixes=prefixes if pretty else None)
    out = io.BytesIO()
    result.value.serialize(out, RESULT_FORMATS[media_type][1])  # type: ignore[attr-defined]
    return out.getvalue()
