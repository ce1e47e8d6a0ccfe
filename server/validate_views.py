"""`/validate`: SHACL reports on the served graph (GET) or on an uploaded graph (POST).

GET validates the union graph the app serves; POST validates the request body: its
Content-Type names the RDF syntax (else the content is sniffed), or a multipart form
carries a `data` part and an optional `shapes` part. The body is bounded by
`MAX_CONTENT_LENGTH` (Flask answers 413).

Parsing and validation run in the killable query workers (kg/validate_job.py), under
the query timeout and memory cap, with every loader off (kg/sandbox.py): no
`@context`, entity, FROM or SERVICE named in an upload is fetched.

The report comes back as HTML for browsers, Turtle (the standard
sh:ValidationReport), JSON (structure in docs/ontology.md) or plain text, by
Accept or `?format=`. The status is 200 whether or not the graph conforms: the
report is the answer; the verdict is in it. A malformed upload is a 400 whose
message names the parse error and its line.
"""

from __future__ import annotations

import pickle
import threading

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import FileStorage

from kg.validate import ValidationResult
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


def _run(job: ValidateJob, source: str) -> Response:
    """Send the job to the killable workers; turn their answer into the response."""
    media_type = _report_type()
    if media_type is None:
        return _error(
            406,
            "Not acceptable: the report is available as "
            + ", ".join(sorted(set(REPORT_TYPES.values()))),
        )
    job = ValidateJob(job.data, job.shapes, media_type)
    outcome = _executor().validate(job, client=request.remote_addr or "?")
    if outcome.status != 200:
        resp = _error(outcome.status, outcome.body.decode("utf-8", "replace"))
        resp.headers.update(outcome.headers)
        return resp
    if outcome.media_type == PICKLED_RESULT:
        result: ValidationResult = pickle.loads(outcome.body)  # from our own worker
        return _respond(result, source)
    from kg.server.sparql import answer_response

    mimetype = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    response = answer_response(outcome, mimetype, {"Vary": "Accept", **outcome.headers})
    return response


@bp.get("/validate")
def validate_served() -> Response:
    """The served graph's report: computed in a worker once per build (and update), then
    answered from a small cache while it is the same graph."""
    serving = current_app.extensions.get("newsgraph.store")
    if serving is None:  # an app embedding this blueprint with its own graph provider
        provider = current_app.config.get("NEWSGRAPH_UNION_GRAPH")
        if provider is None:
            return _error(503, "No graph is served here.")
        body = provider().serialize(format="nt", encoding="utf-8")
        return _run(
            ValidateJob(Part(body, "application/n-triples"), None, "text/plain"),
            "the served graph",
        )
    media_type = _report_type()
    key = None
    if serving.remote is None:
        key = (id(serving.get()), serving.generation, media_type)
        with _cache_lock:
            hit = _cache.get(key)
        if hit is not None:
            status, mimetype, body, headers = hit
            if mimetype == PICKLED_RESULT:
                return _respond(pickle.loads(body), "the served graph")
            resp = Response(body, status=status, mimetype=mimetype)
            resp.headers.update({"Vary": "Accept", **headers})
            return resp
    if media_type is None:
        return _run(ValidateJob(None, None, "text/plain"), "the served graph")
    outcome = _executor().validate(
        ValidateJob(None, None, media_type), client=request.remote_addr or "?"
    )
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
        return _respond(pickle.loads(outcome.body), "the served graph")
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
    return _run(ValidateJob(data, shapes, "text/plain"), source)


def _part_type(part: FileStorage) -> str | None:
    """A part's own Content-Type, unless it is the meaningless default."""
    mimetype = part.mimetype
    return None if mimetype in ("", "application/octet-stream") else mimetype
