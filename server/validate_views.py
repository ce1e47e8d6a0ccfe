"""`/validate`: SHACL reports on the served graph (GET) or on an uploaded graph (POST).

GET validates the graph the app serves: the store itself, in place (the SPARQL engine
runs on it; its default graph is the union of the named graphs). POST validates the
request body: its Content-Type names the RDF syntax (else the content is sniffed), or
a multipart form carries a `data` part and an optional `shapes` part. The body is
bounded by `MAX_CONTENT_LENGTH` (Flask answers 413).

Parsing and validation run in the killable query workers (kg/validate_job.py), under
the query timeout and memory cap, with every loader off (kg/sandbox.py): no
`@context`, entity, FROM or SERVICE named in an upload is fetched.

The report comes back as HTML for browsers (paged: `?page=N&per_page=M`), Turtle (the
standard sh:ValidationReport), JSON (docs/ontology.md) or plain text, by Accept or
`?format=`. Every result links to its shape's page (/shapes/NAME) and to its focus
node on this server, and says which documents its values come from. The status is
200 whether or not the graph conforms: the report is the answer. `X-Conforms` is
SHACL's verdict (no result at all); `?fail-on=violation|warning|info` sets which
results count as failing (`failed` in JSON, the verdict line in HTML and text).
Unusable input (malformed RDF with its line, empty data, shapes without shapes or
targets, shapes that target nothing in the data) is a 400 saying so in a sentence.
"""

from __future__ import annotations

import json
import math
import pickle
import threading
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import URIRef
from rdflib.term import Node
from werkzeug.datastructures import FileStorage

from kg.quality.report import FAIL_ON, NGSH, ValidationResult, server_links
from kg.validate_job import PICKLED_RESULT, Part, ValidateJob

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


class _BadRequest(Exception):
    pass


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


def _public_prefix() -> str | None:
    config = current_app.extensions.get("newsgraph.config")
    return None if config is None else config.public_prefix


def shape_url(node: Node | None) -> str | None:
    """Our shapes have a page each at /shapes/NAME; others have none here."""
    if isinstance(node, URIRef) and str(node).startswith(NGSH):
        return url_for("shapes.shape_page", name=str(node)[len(NGSH) :])
    return None


def node_url(node: Node | None) -> str | None:
    """A link on this server for a shape (/shapes/…) or a served IRI (/id/…, /ontology…)."""
    return server_links("", _public_prefix())(node) if node is not None else None


def _page(pageable: bool) -> tuple[int, int]:
    """(page, per_page) of the HTML report asked for; an upload shows its first page."""
    if not pageable:
        return 1, MAX_PER_PAGE
    try:
        per_page = max(1, min(MAX_PER_PAGE, int(request.args.get("per_page", PER_PAGE))))
        page = max(1, int(request.args.get("page", 1)))
    except ValueError as exc:
        raise _BadRequest("page and per_page must be whole numbers") from exc
    return page, per_page


def _job(data: Part | None, shapes: Part | None, media_type: str) -> ValidateJob:
    page, per_page = _page(pageable=data is None)
    return ValidateJob(
        data,
        shapes,
        media_type,
        fail_on=_fail_on(),
        links_base=request.host_url.rstrip("/"),
        page=page,
        per_page=per_page,
    )


def _respond(result: ValidationResult, source: str, pageable: bool) -> Response:
    """A result handed over by a worker (the HTML page is rendered here)."""
    response = Response(_html(result, source, _fail_on(), pageable), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    response.headers["X-Conforms"] = "true" if result.conforms else "false"
    return response


def _html(result: ValidationResult, source: str, fail_on: str, pageable: bool) -> str:
    if result.whole is not None:  # one page, from a worker
        whole = result.whole
        shown = result.results
        page, pages, per_page, total = whole.page, whole.pages, whole.per_page, whole.total
        totals = whole.shape_totals
    else:
        ordered = result.ordered()
        page, per_page = _page(pageable)
        pages = max(1, math.ceil(len(ordered) / per_page))
        page = min(page, pages)
        shown = ordered[(page - 1) * per_page : page * per_page]
        total = len(ordered)
        totals = {shape: len(rs) for shape, rs in result.by_shape().items()}
        result.explain(shown)
    groups: list[tuple[Node | None, list[Any]]] = []
    for r in shown:
        if not groups or groups[-1][0] != r.source_shape:
            groups.append((r.source_shape, []))
        groups[-1][1].append(r)

    def page_url(n: int) -> str:
        args = {k: v for k, v in request.args.items() if k != "page"}
        return url_for("validate.validate_served", page=n, **args)

    def query_with(key: str, value: str) -> str:
        """The served report's URL with one query parameter changed (the first page)."""
        args = {k: v for k, v in request.args.items() if k != "page"} if pageable else {}
        args[key] = value
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
        total=total,
        page_url=page_url if pageable else None,
        fail_on=fail_on,
        failed=result.failed(fail_on),
        shape_url=shape_url,
        node_url=node_url,
        graph_url=lambda iri: node_url(URIRef(iri)),
        short_iri=lambda iri: result.short(URIRef(iri)),
        query_with=query_with,
        label=_labels(),
    )


def _labels():  # noqa: ANN202 - a function from IRI to label
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
        return Response(json.dumps({"error": message}), status=status, mimetype="application/json")
    return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")


def _not_acceptable() -> Response:
    return _error(
        406,
        "Not acceptable: the report is available as "
        + ", ".join(sorted(set(REPORT_TYPES.values()))),
    )


def _run(data: Part, shapes: Part | None, source: str) -> Response:
    """Send an upload to the killable workers; turn their answer into the response."""
    media_type = _report_type()
    if media_type is None:
        return _not_acceptable()
    outcome = _executor().validate(
        _job(data, shapes, media_type), client=request.remote_addr or "?"
    )
    if outcome.status != 200:
        resp = _error(outcome.status, outcome.body.decode("utf-8", "replace"))
        resp.headers.update(outcome.headers)
        return resp
    if outcome.media_type == PICKLED_RESULT:
        result: ValidationResult = pickle.loads(outcome.body)  # from our own worker
        return _respond(result, source, pageable=False)
    from kg.server.sparql import answer_response

    mimetype = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    return answer_response(outcome, mimetype, {"Vary": "Accept", **outcome.headers})


@bp.get("/validate")
def validate_served() -> Response:
    """The served graph's report: computed in a worker once per build (and update), then
    answered from a small cache while it is the same graph."""
    try:
        return _validate_served()
    except _BadRequest as exc:
        return _error(400, str(exc))


def _validate_served() -> Response:
    serving = current_app.extensions.get("newsgraph.store")
    if serving is None:  # an app embedding this blueprint with its own graph provider
        provider = current_app.config.get("NEWSGRAPH_UNION_GRAPH")
        if provider is None:
            return _error(503, "No graph is served here.")
        body = provider().serialize(format="nt", encoding="utf-8")
        return _run(Part(body, "application/n-triples"), None, "the served graph")
    media_type = _report_type()
    if media_type is None:
        return _not_acceptable()
    fail_on = _fail_on()
    key = None
    if serving.remote is None:
        key = (
            id(serving.get()), serving.generation, media_type, fail_on, request.host_url,
            _page(pageable=True),
        )  # fmt: skip
        with _cache_lock:
            hit = _cache.get(key)
        if hit is not None:
            status, mimetype, body, headers = hit
            if mimetype == PICKLED_RESULT:
                return _respond(pickle.loads(body), "the served graph", pageable=True)
            resp = Response(body, status=status, mimetype=mimetype)
            resp.headers.update({"Vary": "Accept", **headers})
            return resp
    outcome = _executor().validate(_job(None, None, media_type), client=request.remote_addr or "?")
    if outcome.status != 200:
        resp = _error(outcome.status, outcome.body.decode("utf-8", "replace"))
        resp.headers.update(outcome.headers)
        return resp
    if key is not None and outcome.spool is None and len(outcome.body) <= CACHE_BYTES:
        with _cache_lock:
            if len(_cache) >= 16:
                _cache.clear()
            _cache[key] = (200, outcome.media_type, outcome.body, outcome.headers)
    if outcome.media_type == PICKLED_RESULT:
        return _respond(pickle.loads(outcome.body), "the served graph", pageable=True)
    from kg.server.sparql import answer_response

    return answer_response(outcome, media_type, {"Vary": "Accept", **outcome.headers})


def _executor():  # noqa: ANN202 - Executor or InProcessExecutor
    """The app's query executor; an app without one (a blueprint embedded elsewhere)
    gets threads of its own, with the same timeout."""
    executor = current_app.extensions.get("newsgraph.executor")
    if executor is None:
        from kg.config import Config
        from kg.executor import InProcessExecutor

        executor = InProcessExecutor(Config(), lambda: None)
        current_app.extensions["newsgraph.executor"] = executor
    return executor


_cache_lock = threading.Lock()
_cache: dict[tuple, tuple[int, str, bytes, dict[str, str]]] = {}
CACHE_BYTES = 4 << 20


def _part(part: FileStorage | bytes, what: str, content_type: str | None, name: str | None) -> Part:
    data = part.read() if isinstance(part, FileStorage) else part
    return Part(data, content_type, name, what)


@bp.post("/validate")
def validate_upload() -> Response:
    try:
        return _validate_upload()
    except _BadRequest as exc:
        return _error(400, str(exc))


def _validate_upload() -> Response:
    shapes: Part | None = None
    if request.mimetype == "multipart/form-data":
        data_part = request.files.get("data")
        if data_part is None:
            text = request.form.get("data")
            if text is None:
                return _error(400, "Multipart upload without a 'data' part.")
            data = _part(text.encode("utf-8"), "data", None, None)
        else:
            data = _part(data_part, "data", _part_type(data_part), data_part.filename)
        shapes_part = request.files.get("shapes")
        if shapes_part is not None and shapes_part.filename != "":
            shapes = _part(shapes_part, "shapes", _part_type(shapes_part), shapes_part.filename)
        elif request.form.get("shapes"):
            shapes = _part(request.form["shapes"].encode("utf-8"), "shapes", None, None)
        source = data_part.filename if data_part is not None and data_part.filename else "upload"
    else:
        body = request.get_data(cache=False)  # 413 beyond MAX_CONTENT_LENGTH
        data = _part(body, "upload", request.content_type, None)
        source = "the uploaded graph"
    return _run(data, shapes, source)


def _part_type(part: FileStorage) -> str | None:
    """A part's own Content-Type, unless it is the meaningless default."""
    mimetype = part.mimetype
    return None if mimetype in ("", "application/octet-stream") else mimetype
