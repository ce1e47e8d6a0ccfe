"""The /sparql query operation when an external store holds the graph (scale-out).

Kept apart from server/sparql.py so that the protocol handling there (request parsing,
content negotiation) is shared and this path is chosen by one `if`.

The query passes the same federation policy as on the local store first
(`kg.federation.prepare`: SERVICE only to allowlisted endpoints, executed by us with
our time and size limits, FROM never fetched): a store such as Virtuoso would
otherwise run SERVICE calls itself, to any address. What the store receives is the
prepared text, which holds no SERVICE. Its answer, fetched as JSON results or
N-Triples, is written in the format the client negotiated, so clients see the same
formats and media types whichever store is behind the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, current_app

from kg import negotiate as neg
from kg.executor import TRUNCATED_HEADER
from kg.remote import RemoteResult, RemoteStore, RemoteStoreError, query_form
from kg.server.sparql import CORS_HEADERS, text_response


def _text(status: int, message: str) -> Response:
    return text_response(status, message)


def answer(
    remote: RemoteStore,
    query: str,
    default_graphs: list[str],
    named_graphs: list[str],
    choose: Callable[[str], str | None],
) -> Response:
    """Answer one query from the store; `choose(form)` is the endpoint's negotiation."""
    form = query_form(query)
    if form is None:
        return _text(400, "SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    # Negotiate before asking the store: a 406 should not cost a remote query.
    media_type = choose(form)
    if media_type is None:
        offered = ", ".join(neg.OFFERS[form])
        return _text(406, f"none of the accepted types fits this {form} result; offered: {offered}")
    from kg.federation import QueryRefused, prepare

    try:
        prepared = prepare(query, current_app.extensions["newsgraph.config"], check_syntax=True)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {exc}")
    except QueryRefused as exc:
        return text_response(exc.status, exc.message, exc.headers)
    # FROM / FROM NAMED stay in the text: they name graphs of the store, which reads them
    # from itself. Vendor pragmas that would make it fetch (Virtuoso's `define get:soft`)
    # are not SPARQL and were refused by prepare().
    try:
        result = remote.query(
            prepared.query_text, default_graphs=default_graphs, named_graphs=named_graphs
        )
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {exc}")
    except RemoteStoreError as exc:
        if 400 <= exc.status < 500 and exc.status not in (401, 403, 407):
            # The store rejected the query itself (syntax, unknown function): the client's
            # problem, with the store's own message.
            return _text(400, f"the store rejected the query: {exc.body.strip()[:2000]}")
        current_app.logger.warning("remote store failed: %s", exc)
        status = 504 if exc.status == 504 else 502
        return _text(status, f"the external store failed: {exc}")
    if result.form != form:  # e.g. an ASK written as solutions: negotiate for what came
        media_type = choose(result.form)
        if media_type is None:
            return _text(406, "none of the accepted types fits this result")
    headers = {"Vary": "Accept", **CORS_HEADERS}
    max_rows = current_app.extensions["newsgraph.config"].max_rows
    if cap_rows(result, max_rows):
        headers[TRUNCATED_HEADER] = f"max-rows={max_rows}"
    prefixes = current_app.extensions.get("newsgraph.rdf_prefixes")
    try:
        body = result.serialize(media_type, prefixes=prefixes)
    except (SyntaxError, ValueError) as exc:
        return _text(502, f"the external store sent an unreadable answer: {exc}")
    ctype = media_type
    if media_type.startswith("text/") or media_type in (neg.SPARQL_XML, neg.RDFXML):
        ctype += "; charset=utf-8"
    return Response(body, content_type=ctype, headers=headers)


def cap_rows(result: RemoteResult, limit: int) -> bool:
    """Cut a store's answer to `limit` solutions or triples, as the local path does
    (NEWSGRAPH_MAX_ROWS); True when something was cut."""
    if result.form == "solutions" and result.json_doc is not None:
        rows = result.json_doc.get("results", {}).get("bindings", [])
        if len(rows) > limit:
            result.json_doc["results"]["bindings"] = rows[:limit]
            return True
    elif result.form == "graph" and result.graph_bytes is not None:
        lines = result.graph_bytes.split(b"\n", limit)
        if len(lines) > limit and lines[limit].strip():
            result.graph_bytes = b"\n".join(lines[:limit]) + b"\n"
            return True
    return False
