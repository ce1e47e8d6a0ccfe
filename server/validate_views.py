"""`/validate`: SHACL reports on the served graph (GET) or on an uploaded graph (POST).

GET validates the union graph the app serves, obtained through the callable
`current_app.config["NEWSGRAPH_UNION_GRAPH"]` (the app factory provides it;
it returns an in-memory rdflib Graph, which is what pyshacl needs to be fast).
POST validates the request body: its Content-Type names the RDF syntax (else the
content is sniffed), or a multipart form carries a `data` part and an optional
`shapes` part. The body is bounded by `MAX_CONTENT_LENGTH` (Flask answers 413).

The report comes back as HTML for browsers, Turtle (the standard
sh:ValidationReport), JSON (structure in docs/ontology.md) or plain text, by
Accept or `?format=`. The status is 200 whether or not the graph conforms: the
report is the answer; the verdict is in it. A malformed upload is a 400 whose
message names the parse error and its line.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Graph
from werkzeug.datastructures import FileStorage

from kg.rdf_input import RDFInputError, parse_rdf, union_graph
from kg.validate import ValidationResult, validate

bp = Blueprint("validate", __name__, template_folder="templates")

REPORT_TYPES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "json": "application/json",
    "html": "text/html",
    "text": "text/plain",
}
# Order breaks ties: `Accept: */*` gets JSON (scripts); browsers ask for HTML.
OFFERS = ["application/json", "text/html", "text/turtle", "text/plain", "application/xhtml+xml"]


def _report_type() -> str | None:
    wanted = request.args.get("format")
    if wanted:
        return REPORT_TYPES.get(wanted.lower())
    if not request.accept_mimetypes:
        return "application/json"
    best = request.accept_mimetypes.best_match(OFFERS)
    return "text/html" if best == "application/xhtml+xml" else best


def _respond(result: ValidationResult, source: str) -> Response:
    media_type = _report_type()
    if media_type is None:
        response = _error(
            406,
            "Not acceptable: the report is available as "
            + ", ".join(sorted(set(REPORT_TYPES.values()))),
        )
    elif media_type == "text/turtle":
        response = Response(result.to_turtle(), mimetype="text/turtle")
    elif media_type == "application/json":
        response = Response(result.to_json_text(), mimetype="application/json")
    elif media_type == "text/plain":
        response = Response(result.to_text(), mimetype="text/plain")
    else:
        response = Response(
            render_template(
                "validate.html", result=result, source=source, limit=50, label=_labels()
            ),
            mimetype="text/html",
        )
    response.headers["Vary"] = "Accept"
    response.headers["X-Conforms"] = "true" if result.conforms else "false"
    return response


def _labels():
    """Labels (or snippets) of the served graph's IRIs, so a report names what it flags."""
    serving = current_app.extensions.get("newsgraph.store")
    if serving is None or getattr(serving, "remote", None) is not None:
        return lambda iri: None
    from kg.labels import Labeller

    labeller = Labeller(serving.get(), current_app.extensions["newsgraph.prefixes"])
    return lambda iri: labeller.label(iri) if isinstance(iri, str) else None


def _error(status: int, message: str) -> Response:
    """Errors as plain text (or JSON when that is what the client reads)."""
    if request.accept_mimetypes.best == "application/json" or request.args.get("format") == "json":
        import json

        return Response(json.dumps({"error": message}), status=status, mimetype="application/json")
    return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")


_last_lock = threading.Lock()
_last: tuple[weakref.ref[Graph], int, ValidationResult] | None = None


def _validate_served(graph: Graph) -> ValidationResult:
    """Validate the served graph, reusing the last report while it is the same graph.

    The app hands out one cached union Graph per build, so a report stays valid
    until a rebuild swaps the object (its size is checked too, in case it was
    modified in place).
    """
    global _last
    with _last_lock:
        last = _last
    if last is not None and last[0]() is graph and last[1] == len(graph):
        return last[2]
    result = validate(graph)
    with _last_lock:
        _last = (weakref.ref(graph), len(graph), result)
    return result


@bp.get("/validate")
def validate_served() -> Response:
    provider: Callable[[], Graph] | None = current_app.config.get("NEWSGRAPH_UNION_GRAPH")
    if provider is None:
        return _error(503, "No graph is served here (NEWSGRAPH_UNION_GRAPH is not configured).")
    return _respond(_validate_served(provider()), "the served graph")


def _parse_part(
    part: FileStorage | bytes, what: str, content_type: str | None, name: str | None
) -> Graph:
    data = part.read() if isinstance(part, FileStorage) else part
    if not data.strip():
        raise RDFInputError(f"the {what} is empty")
    try:
        return union_graph(parse_rdf(data, content_type=content_type, name=name))
    except RDFInputError as exc:
        raise RDFInputError(f"{what}: {exc}", line=exc.line, fmt=exc.format) from exc


@bp.post("/validate")
def validate_upload() -> Response:
    shapes: Graph | None = None
    try:
        if request.mimetype == "multipart/form-data":
            data_part = request.files.get("data")
            if data_part is None:
                text = request.form.get("data")
                if text is None:
                    return _error(400, "Multipart upload without a 'data' part.")
                data = _parse_part(text.encode("utf-8"), "data", None, None)
            else:
                data = _parse_part(data_part, "data", _part_type(data_part), data_part.filename)
            shapes_part = request.files.get("shapes")
            if shapes_part is not None and shapes_part.filename != "":
                shapes = _parse_part(
                    shapes_part, "shapes", _part_type(shapes_part), shapes_part.filename
                )
            elif request.form.get("shapes"):
                shapes = _parse_part(request.form["shapes"].encode("utf-8"), "shapes", None, None)
            source = (
                data_part.filename if data_part is not None and data_part.filename else "upload"
            )
        else:
            body = request.get_data(cache=False)  # 413 beyond MAX_CONTENT_LENGTH
            data = _parse_part(body, "upload", request.content_type, None)
            source = "the uploaded graph"
    except RDFInputError as exc:
        return _error(400, f"Unusable RDF: {exc}")
    return _respond(validate(data, shapes), source)


def _part_type(part: FileStorage) -> str | None:
    """A part's own Content-Type, unless it is the meaningless default."""
    mimetype = part.mimetype
    return None if mimetype in ("", "application/octet-stream") else mimetype
