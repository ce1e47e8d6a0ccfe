"""`/validate`: SHACL reports on the served graph (GET) or on an uploaded graph (POST).

GET validates the graph the app serves: the store itself when the app has one (its
default graph is the union of the named graphs; the SPARQL engine runs on it in
place), else the in-memory union graph that `current_app.config
["NEWSGRAPH_UNION_GRAPH"]` returns (tests, the remote-store mode). POST validates the
request body: its Content-Type names the RDF syntax (else the content is sniffed),
or a multipart form carries a `data` part and an optional `shapes` part. The body
is bounded by `MAX_CONTENT_LENGTH` (Flask answers 413).

The report comes back as HTML for browsers (paged: `?page=N&per_page=M`), Turtle (the
standard sh:ValidationReport), JSON (docs/ontology.md) or plain text, by Accept or
`?format=`. Every result links to its shape's page (/shapes/NAME) and to its focus
node on this server, and says which documents its values come from. The status is
200 whether or not the graph conforms: the report is the answer. `X-Conforms` is
SHACL's verdict (no result at all); `?fail-on=violation|warning|info` sets which
results count as failing in the JSON and HTML (`failed`). Unusable input (malformed
RDF with its line, empty data, shapes without shapes or targets, shapes that target
nothing in the data) is a 400 whose message says so in a sentence.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import Graph, URIRef
from rdflib.term import Node
from werkzeug.datastructures import FileStorage

from kg.quality.data import Data, EmptyData, from_bytes, parse_graph
from kg.quality.examples import NGSH
from kg.quality.rdf_input import RDFInputError
from kg.quality.report import FAIL_ON, ValidationResult
from kg.quality.shapes import ShapesError, Unsupported
from kg.quality.validate import validate

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
PER_PAGE, MAX_PER_PAGE = 100, 1000


def _report_type() -> str | None:
    wanted = request.args.get("format")
    if wanted:
        return REPORT_TYPES.get(wanted.lower())
    if not request.accept_mimetypes:
        return "application/json"
    best = request.accept_mimetypes.best_match(OFFERS)
    return "text/html" if best == "application/xhtml+xml" else best


def _fail_on() -> str:
    wanted = (request.args.get("fail-on") or "violation").lower()
    if wanted not in FAIL_ON:
        raise _BadRequest(f"fail-on must be one of {', '.join(FAIL_ON)}, not {wanted!r}")
    return wanted


class _BadRequest(Exception):
    pass


def shape_url(node: Node | None) -> str | None:
    """Our shapes have a page each at /shapes/NAME; others have none here."""
    if isinstance(node, URIRef) and str(node).startswith(NGSH):
        return url_for("shapes.shape_page", name=str(node)[len(NGSH) :])
    return None


def node_url(node: Node | None) -> str | None:
    """IRIs under this server's public prefix are served here (/id/…, /ontology…)."""
    config = current_app.extensions.get("newsgraph.config")
    if not isinstance(node, URIRef) or config is None:
        return None
    if str(node).startswith(NGSH):
        return shape_url(node)
    prefix = config.public_prefix
    return "/" + str(node)[len(prefix) :] if str(node).startswith(prefix) else None


def _absolute(path: str | None) -> str | None:
    return None if path is None else request.host_url.rstrip("/") + path


def _respond(result: ValidationResult, source: str, pageable: bool) -> Response:
    media_type = _report_type()
    fail_on = _fail_on()
    if media_type is None:
        response = _error(
            406,
            "Not acceptable: the report is available as "
            + ", ".join(sorted(set(REPORT_TYPES.values()))),
        )
    elif media_type == "text/turtle":
        response = Response(result.to_turtle(), mimetype="text/turtle")
    elif media_type == "application/json":

        def links(node: Node) -> str | None:
            return _absolute(node_url(node))

        body = json.dumps(result.to_json(fail_on, links), indent=2, ensure_ascii=False)
        response = Response(body, mimetype="application/json")
    elif media_type == "text/plain":
        response = Response(result.to_text(limit=0, fail_on=fail_on), mimetype="text/plain")
    else:
        response = Response(_html(result, source, fail_on, pageable), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    response.headers["X-Conforms"] = "true" if result.conforms else "false"
    return response


def _html(result: ValidationResult, source: str, fail_on: str, pageable: bool) -> str:
    ordered = result.ordered()
    per_page = PER_PAGE
    page = 1
    if pageable:
        try:
            per_page = max(1, min(MAX_PER_PAGE, int(request.args.get("per_page", PER_PAGE))))
            page = max(1, int(request.args.get("page", 1)))
        except ValueError as exc:
            raise _BadRequest("page and per_page must be whole numbers") from exc
    else:
        per_page = MAX_PER_PAGE
    pages = max(1, math.ceil(len(ordered) / per_page))
    page = min(page, pages)
    shown = ordered[(page - 1) * per_page : page * per_page]
    result.explain(shown)
    groups: list[tuple[Node | None, list[Any]]] = []
    for r in shown:
        if not groups or groups[-1][0] != r.source_shape:
            groups.append((r.source_shape, []))
        groups[-1][1].append(r)
    totals = {shape: len(rs) for shape, rs in result.by_shape().items()}

    def page_url(n: int) -> str:
        args = {k: v for k, v in request.args.items() if k != "page"}
        return url_for("validate.validate_served", page=n, **args)

    def query_with(key: str, value: str) -> str:
        """This page's URL with one query parameter changed (GET) or the GET report."""
        args = dict(request.args) if pageable else {}
        args[key] = value
        args.pop("page", None) if key != "page" else None
        return url_for("validate.validate_served", **args)

    return render_template(
        "validate.html",
        result=result,
        source=source,
        groups=groups,
        totals=totals,
        page=page,
        pages=pages,
        per_page=per_page,
        first=(page - 1) * per_page + 1,
        last=(page - 1) * per_page + len(shown),
        total=len(ordered),
        page_url=page_url if pageable else None,
        fail_on=fail_on,
        failed=result.failed(fail_on),
        shape_url=shape_url,
        node_url=node_url,
        graph_url=lambda iri: node_url(URIRef(iri)),
        short_iri=lambda iri: result.short(URIRef(iri)),
        query_with=query_with,
    )


def _error(status: int, message: str) -> Response:
    """Errors as plain text (or JSON when that is what the client reads)."""
    if request.accept_mimetypes.best == "application/json" or request.args.get("format") == "json":
        return Response(json.dumps({"error": message}), status=status, mimetype="application/json")
    return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")


_last_lock = threading.Lock()
_last: tuple[Any, int, ValidationResult] | None = None


def _validate_served(target: ox.Store | Graph, generation: int) -> ValidationResult:
    """Validate the served graph, reusing the last report while nothing changed.

    The app hands out one store per build (and bumps `generation` on every SPARQL
    Update); for an in-memory graph its size is checked too, in case it was modified.
    """
    global _last
    stamp = generation if isinstance(target, ox.Store) else len(target)
    with _last_lock:
        last = _last
    if last is not None and last[0] is target and last[1] == stamp:
        return last[2]
    result = validate(target)
    with _last_lock:
        _last = (target, stamp, result)
    return result


@bp.get("/validate")
def validate_served() -> Response:
    serving = current_app.extensions.get("newsgraph.store")
    provider: Callable[[], Graph] | None = current_app.config.get("NEWSGRAPH_UNION_GRAPH")
    try:
        if serving is not None and serving.remote is None:
            result = _validate_served(serving.get(), serving.generation)
        elif provider is not None:
            result = _validate_served(provider(), 0)
        else:
            return _error(503, "No graph is served here (NEWSGRAPH_UNION_GRAPH is not configured).")
        return _respond(result, "the served graph", pageable=True)
    except _BadRequest as exc:
        return _error(400, str(exc))
    except (EmptyData, ShapesError) as exc:
        return _error(503, f"The served graph cannot be validated: {exc}.")


def _read_part(part: FileStorage | bytes, what: str) -> bytes:
    data = part.read() if isinstance(part, FileStorage) else part
    if not data.strip():
        raise RDFInputError(f"the {what} is empty")
    return data


def _data_part(
    part: FileStorage | bytes, what: str, content_type: str | None, name: str | None
) -> Data:
    try:
        return from_bytes(_read_part(part, what), content_type=content_type, name=name)
    except RDFInputError as exc:
        raise RDFInputError(f"{what}: {exc}", line=exc.line, fmt=exc.format) from exc
    except EmptyData as exc:
        raise RDFInputError(f"{what}: {exc}") from exc


def _shapes_part(part: FileStorage | bytes, content_type: str | None, name: str | None) -> Graph:
    try:
        return parse_graph(_read_part(part, "shapes"), content_type=content_type, name=name)
    except RDFInputError as exc:
        raise RDFInputError(f"shapes: {exc}", line=exc.line, fmt=exc.format) from exc


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
                data = _data_part(text.encode("utf-8"), "data", None, None)
            else:
                data = _data_part(data_part, "data", _part_type(data_part), data_part.filename)
            shapes_part = request.files.get("shapes")
            if shapes_part is not None and shapes_part.filename != "":
                shapes = _shapes_part(shapes_part, _part_type(shapes_part), shapes_part.filename)
            elif request.form.get("shapes"):
                shapes = _shapes_part(request.form["shapes"].encode("utf-8"), None, None)
            source = (
                data_part.filename if data_part is not None and data_part.filename else "upload"
            )
        else:
            body = request.get_data(cache=False)  # 413 beyond MAX_CONTENT_LENGTH
            data = _data_part(body, "upload", request.content_type, None)
            source = "the uploaded graph"
        return _respond(validate(data, shapes), source, pageable=False)
    except RDFInputError as exc:
        return _error(400, f"Unusable RDF: {exc}")
    except (EmptyData, ShapesError, Unsupported) as exc:
        return _error(400, f"Nothing to validate: {exc}.")
    except _BadRequest as exc:
        return _error(400, str(exc))


def _part_type(part: FileStorage) -> str | None:
    """A part's own Content-Type, unless it is the meaningless default."""
    mimetype = part.mimetype
    return None if mimetype in ("", "application/octet-stream") else mimetype
