"""The SPARQL 1.1 Protocol endpoint (query operation)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from kg import query as q

bp = Blueprint("sparql", __name__)


def _text_error(status: int, message: str) -> Response:
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


def _query_and_dataset() -> tuple[str | None, list[str], list[str]] | Response:
    args = request.args
    default_graphs = args.getlist("default-graph-uri")
    named_graphs = args.getlist("named-graph-uri")
    if request.method == "GET":
        queries = args.getlist("query")
    else:
        ctype = (request.mimetype or "").lower()
        if ctype == "application/x-www-form-urlencoded":
            form = request.form
            queries = form.getlist("query") + args.getlist("query")
            default_graphs += form.getlist("default-graph-uri")
            named_graphs += form.getlist("named-graph-uri")
        elif ctype == "application/sparql-query":
            try:
                queries = [request.get_data().decode("utf-8")]
            except UnicodeDecodeError:
                return _text_error(400, "the request body is not valid UTF-8")
        elif not ctype:
            return _text_error(415, "a POST needs a Content-Type")
        else:
            return _text_error(415, f"unsupported Content-Type {ctype}")
    if len(queries) > 1:
        return _text_error(400, "exactly one query parameter is allowed")
    return (queries[0] if queries else None, default_graphs, named_graphs)


def negotiate(offered: list[str]) -> str | None:
    """Pick a media type from ?format= or Accept (with q-values); None when nothing fits."""
    fmt = request.values.get("format")
    if fmt:
        mt = q.FORMAT_NAMES.get(fmt.lower(), fmt.lower())
        mt = q.ALIASES.get(mt, mt)
        return mt if mt in offered else None
    accept = request.accept_mimetypes
    if not accept or accept.provided is False:
        return offered[0]
    candidates = offered + [a for a, target in q.ALIASES.items() if target in offered]
    best = accept.best_match(candidates, default=None)
    if best is None:
        return None
    return q.ALIASES.get(best, best)


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    parsed = _query_and_dataset()
    if isinstance(parsed, Response):
        return parsed
    query, default_graphs, named_graphs = parsed
    if query is None:
        return _text_error(400, "missing query parameter")
    remote = current_app.extensions.get("newsgraph.remote")
    if remote is not None:  # scale-out: an external store answers (server/remote_proxy.py)
        from kg.server.remote_proxy import answer

        return answer(remote, query, default_graphs, named_graphs, negotiate)
    store = current_app.extensions["newsgraph.store"].get()
    try:
        result = q.run(store, query, default_graphs=default_graphs, named_graphs=named_graphs)
    except SyntaxError as exc:
        return _text_error(400, f"SPARQL syntax error: {exc}")
    media_type = negotiate(result.offered)
    if media_type is None:
        return _text_error(
            406, "none of the accepted types fits; offered: " + ", ".join(result.offered)
        )
    body = q.serialize(result, media_type, prefixes=current_app.extensions["newsgraph.prefixes"])
    resp = Response(body, mimetype=media_type)
    resp.headers["Vary"] = "Accept"
    return resp
