"""Running SPARQL queries on the store and writing their results in every standard format.

The web layer's query workers (kg/executor.py) and the CLI both call this, so
`kg query` and `/sparql` answer alike.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import IO

import pyoxigraph as ox

from kg import negotiate as neg
from kg.config import Config
from kg.federation import Prepared, prepare

# Query texts the policy check passed unchanged (no SERVICE clause: nothing to call or
# inline): a repeated text skips rdflib's parse (1-16 ms; a query that merely mentions
# "service" in a string or IRI needs one). Per process, bounded; refusals are not kept.
_NO_SERVICE: set[tuple[str, str | None]] = set()
_NO_SERVICE_MAX = 1024

# Media type → (format name for ?format=, pyoxigraph format)
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    neg.SPARQL_JSON: ("json", ox.QueryResultsFormat.JSON),
    neg.SPARQL_XML: ("xml", ox.QueryResultsFormat.XML),
    neg.CSV: ("csv", ox.QueryResultsFormat.CSV),
    neg.TSV: ("tsv", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    neg.TURTLE: ("turtle", ox.RdfFormat.TURTLE),
    neg.NTRIPLES: ("ntriples", ox.RdfFormat.N_TRIPLES),
    neg.JSONLD: ("jsonld", ox.RdfFormat.JSON_LD),
    neg.RDFXML: ("rdfxml", ox.RdfFormat.RDF_XML),
    neg.TRIG: ("trig", ox.RdfFormat.TRIG),
    neg.NQUADS: ("nquads", ox.RdfFormat.N_QUADS),
}


@dataclass
class QueryResult:
    form: str  # "solutions", "boolean" or "graph"
    value: object
    # What federation did (X-Newsgraph-Service) and what SILENT skipped (X-Newsgraph-Warning)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def offered(self) -> list[str]:
        """Media types this result can be written in, preferred first."""
        return list(neg.OFFERS[self.form])


def run(
    store: ox.Store,
    query: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
    config: Config | None = None,
) -> QueryResult:
    """Evaluate a query.

    Every query passes `kg.federation.prepare` first, because pyoxigraph would make
    SERVICE calls itself with no timeout or address policy: the policy is checked, our
    own SERVICE calls run, and pyoxigraph only ever sees a query without SERVICE.

    The dataset, in the order SPARQL 1.1 Protocol §2.1.4 gives it: graphs named by the
    protocol (`default-graph-uri`, `named-graph-uri`; a missing graph is empty), else
    the query's FROM / FROM NAMED (pyoxigraph reads them as graphs in the store, never
    fetched), else our
    default: the store's default graph, which every build fills with the deduplicated
    union of all named graphs (`kg.store.materialize_union`), every named graph
    available to GRAPH. Without `config` the defaults apply (Wikidata only, no map).

    Raises SyntaxError for a malformed query (message carries line:column) and
    `kg.federation.QueryRefused` for a refused query or a failed SERVICE call.
    """
    kwargs: dict = {}
    if default_graphs or named_graphs:  # the protocol's dataset overrides the query's
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]

    def evaluate(select: str) -> ox.QuerySolutions:
        """The bind join's left side, on the same dataset as the query itself."""
        return store.query(select, base_iri=base_iri, **kwargs)  # type: ignore[return-value]

    key = (query, base_iri)
    if key in _NO_SERVICE:
        prepared = Prepared(query_text=query)
    else:
        prepared = prepare(
            query, config if config is not None else Config(), evaluate=evaluate, base_iri=base_iri
        )
        if prepared.query_text == query and not prepared.calls and not prepared.warnings:
            if len(query) < 65536:
                if len(_NO_SERVICE) >= _NO_SERVICE_MAX:
                    _NO_SERVICE.clear()
                _NO_SERVICE.add(key)
    result = store.query(prepared.query_text, base_iri=base_iri, **kwargs)
    headers = prepared.headers()
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", result, headers)
    if isinstance(result, ox.QuerySolutions):
        return QueryResult("solutions", result, headers)
    return QueryResult("graph", result, headers)


def serialize_into(
    result: QueryResult, media_type: str, out: IO[bytes], prefixes: dict[str, str] | None = None
) -> None:
    """Write a result in `media_type` (one of `result.offered` or an alias of one) to `out`."""
    media_type = neg.normalize(media_type, result.form)
    if result.form == "graph":
        fmt = GRAPH_FORMATS[media_type][1]
        items = result.value
        if fmt.supports_datasets:  # triples go to the default graph of a TriG/N-Quads document
            items = (ox.Quad(t.subject, t.predicate, t.object) for t in result.value)
        pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
        ox.serialize(items, out, fmt, prefixes=prefixes if pretty else None)
        return
    result.value.serialize(out, RESULT_FORMATS[media_type][1])  # type: ignore[attr-defined]


def serialize(
    result: QueryResult, media_type: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """Write a whole result in memory (the CLI and small answers)."""
    out = io.BytesIO()
    serialize_into(result, media_type, out, prefixes)
    return out.getvalue()
