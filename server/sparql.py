"""The SPARQL 1.1 Protocol endpoint: query, update, service description, query UI.

One IRI, `/sparql`, answers:
- a query (GET `?query=`, POST form, POST `application/sparql-query`), its result
  in the negotiated format, computed by a killable worker process (kg/executor.py);
- an update (POST form `update=`, POST `application/sparql-update`) when enabled,
  with the admin bearer token;
- without an operation: the query UI for browsers, the Service Description for
  everyone else.

Every malformed request is a 4xx with a plain-text reason: these are read by people
debugging a client, and a plain sentence survives every client's error display.
"""

from __future__ import annotations

import hmac
import threading
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wsgi import wrap_file

from kg import negotiate as neg
from kg.federation import QueryRefused, prepare_update
from kg.server import service_description as sd
from kg.sparql_errors import explain
from kg.sparql_text import add_using, update_names_dataset

bp = Blueprint("sparql", __name__)

ALLOWED = "GET, HEAD, POST, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "Content-Type, Content-Length, Vary, X-Newsgraph-Truncated, X-Newsgraph-Service, "
        "X-Newsgraph-Warning, X-Newsgraph-Error-Position"
    ),
}
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
# One writer at a time within the (single) update-enabled worker process.
_write_lock = threading.Lock()


class BadRequest(Exception):
    """A request the protocol refuses: status and a plain-text reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    resp = Response(message.rstrip() + "\n", status=status, mimetype="text/plain")
    resp.headers.update(CORS_HEADERS)
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def _strict_params(raw: bytes, where: str) -> MultiDict:
    """Parse `a=b&c=d` refusing bytes that are not UTF-8 (Flask would replace them)."""
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(400, f"the {where} is not valid UTF-8") from None
    return MultiDict(pairs)


def _utf8_body() -> str:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise BadRequest(415, f"the body must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "the request body is not valid UTF-8") from None


class Operation:
    """What a request asks for, read from the URL and the body per the protocol."""

    def __init__(self) -> None:
        url = _strict_params(request.query_string, "query string")
        self.params = url
        body = MultiDict()
        self.queries: list[str] = []
        self.updates: list[str] = []
        if request.method in ("GET", "HEAD"):
            self.queries = url.getlist("query")
            if "update" in url:
                raise BadRequest(400, "SPARQL Update is only accepted by POST")
        elif request.method == "POST":
            ctype = (request.mimetype or "").lower()
            if not ctype:
                raise BadRequest(
                    415,
                    f"a POST needs a Content-Type: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}",
                )
            if ctype == FORM:
                charset = request.mimetype_params.get("charset")
                if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
                    raise BadRequest(415, f"the body must be UTF-8, not {charset}")
                body = _strict_params(request.get_data(cache=True), "request body")
                self.queries = body.getlist("query") + url.getlist("query")
                self.updates = body.getlist("update") + url.getlist("update")
            elif ctype == QUERY_TYPE:
                self.queries = [_utf8_body()] + url.getlist("query")
            elif ctype == UPDATE_TYPE:
                self.updates = [_utf8_body()] + url.getlist("update")
            else:
                raise BadRequest(
                    415,
                    f"unsupported Content-Type {ctype}: use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}",
                )
        self.values = MultiDict(list(url.items(multi=True)) + list(body.items(multi=True)))
        if self.queries and self.updates:
            raise BadRequest(400, "a request carries either a query or an update, not both")
        if len(self.queries) > 1:
            raise BadRequest(400, "exactly one query is allowed per request")
        if len(self.updates) > 1:
            raise BadRequest(400, "exactly one update is allowed per request")

    def getlist(self, name: str) -> list[str]:
        return self.values.getlist(name)


def _iris(op: Operation, name: str) -> list[str]:
    """A dataset parameter's values, each checked to be an IRI (they are written into
    updates as `USING <…>`, so an unchecked value could smuggle in SPARQL)."""
    values = op.getlist(name)
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise BadRequest(400, f"{name} must be an absolute IRI, not {v!r}") from None
    return values


def endpoint_url() -> str:
    """The endpoint's own URL as the client addressed it (base for relative IRIs)."""
    return request.base_url


@bp.route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"], strict_slashes=False)
def sparql() -> Response:
    if request.method == "OPTIONS":
        return preflight()
    try:
        op = Operation()
        if op.updates:
            return run_update(op)
        if op.queries:
            return run_query(op)
    except BadRequest as exc:
        return text_response(exc.status, exc.message, exc.headers)
    if request.method == "POST":
        return text_response(400, "the POST carries neither a query nor an update")
    return describe_or_ui(op)


def preflight() -> Response:
    resp = Response(status=204)
    resp.headers["Allow"] = ALLOWED
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Access-Control-Allow-Methods"] = ALLOWED
    asked = request.headers.get("Access-Control-Request-Headers")
    resp.headers["Access-Control-Allow-Headers"] = asked or "Accept, Content-Type, Authorization"
    resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def _content_type(media_type: str) -> str:
    if media_type.startswith("text/") or media_type in (neg.SPARQL_XML, neg.RDFXML):
        return f"{media_type}; charset=utf-8"
    return media_type


def run_query(op: Operation) -> Response:
    remote = current_app.extensions.get("newsgraph.remote")
    if remote is not None:  # scale-out: an external store answers (server/remote_proxy.py)
        from kg.server.remote_proxy import answer

        accept = request.headers.get("Accept")
        fmt = op.values.get("format")
        return answer(
            remote,
            op.queries[0],
            _iris(op, "default-graph-uri"),
            _iris(op, "named-graph-uri"),
            lambda form: neg.choose(form, accept, fmt),
        )
    # Parsing, negotiation, evaluation and serialization run in a worker process that is
    # killed at NEWSGRAPH_QUERY_TIMEOUT, under the memory and row caps (kg/executor.py).
    outcome = current_app.extensions["newsgraph.executor"].execute(
        op.queries[0],
        _iris(op, "default-graph-uri"),
        _iris(op, "named-graph-uri"),
        accept=request.headers.get("Accept"),
        fmt=op.values.get("format"),
        base_iri=endpoint_url(),
        client=request.remote_addr or "?",
    )
    if outcome.status != 200:
        if outcome.status >= 500:
            current_app.logger.warning("query failed: %s", outcome.body[:500])
        return text_response(
            outcome.status, outcome.body.decode("utf-8", "replace"), outcome.headers
        )
    media_type = outcome.media_type
    headers = {**outcome.headers, **CORS_HEADERS}  # Vary, and X-Newsgraph-Truncated if cut
    if request.method == "HEAD":
        outcome.close()
        return Response(b"", content_type=_content_type(media_type), headers=headers)
    resp = answer_response(outcome, _content_type(media_type), headers)
    if op.values.get("download"):  # the UI's download links
        name = f"results.{neg.SHORT_NAME[media_type]}"
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def answer_response(outcome, content_type: str, headers: dict[str, str]) -> Response:  # noqa: ANN001
    """The answer as a response: from memory, streamed from the query process as it is
    written, or from a spool file (a large answer is never held whole in the web
    process, kg/executor.py)."""
    if outcome.chunks is not None:
        return Response(
            outcome.chunks, content_type=content_type, headers=headers, direct_passthrough=True
        )
    if outcome.spool is None:
        return Response(outcome.body, content_type=content_type, headers=headers)
    body = wrap_file(request.environ, outcome.spool, buffer_size=1 << 16)
    resp = Response(body, content_type=content_type, headers=headers, direct_passthrough=True)
    resp.content_length = outcome.size
    return resp


def run_update(op: Operation) -> Response:
    config = current_app.extensions["newsgraph.config"]
    if not config.update_enabled:
        raise BadRequest(403, "SPARQL Update is disabled on this server (set NEWSGRAPH_UPDATE=1)")
    if not config.admin_token:
        raise BadRequest(403, "SPARQL Update needs NEWSGRAPH_ADMIN_TOKEN set on the server")
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="newsgraph update"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise BadRequest(401, "SPARQL Update needs Authorization: Bearer <admin token>", challenge)
    if not hmac.compare_digest(token.strip().encode(), config.admin_token.encode()):
        raise BadRequest(401, "the admin token is wrong", challenge)
    text = op.updates[0]
    using = _iris(op, "using-graph-uri")
    using_named = _iris(op, "using-named-graph-uri")
    if (using or using_named) and update_names_dataset(text):
        raise BadRequest(
            400,
            "using-graph-uri / using-named-graph-uri cannot be combined with an update "
            "that has its own WITH or USING (SPARQL 1.1 Protocol 2.2.3)",
        )
    # LOAD would make the engine fetch a URL and SERVICE call one: the federation
    # policy refuses both (LOAD SILENT loads nothing and succeeds, named in a warning).
    # The syntax verdict is pyoxigraph's own (kg.federation parses against an empty store).
    try:
        checked = prepare_update(text, config, base_iri=endpoint_url())
    except QueryRefused as exc:
        raise BadRequest(exc.status, exc.message, exc.headers) from None
    except SyntaxError as exc:
        raise _update_syntax_error(text, exc) from None
    text = add_using(checked.text, using, using_named)
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    limit = config.query_timeout
    retry = {"Retry-After": str(max(1, int(limit)))}
    # One writer at a time, but no update waits forever for another: past the timeout
    # it gets a 503.
    if not _write_lock.acquire(timeout=limit):
        raise BadRequest(
            503,
            f"another update held the store for the whole timeout ({limit:g} s,"
            " NEWSGRAPH_QUERY_TIMEOUT); try again later",
            retry,
        )
    box: list[BaseException | None] = []
    base = endpoint_url()

    def apply() -> None:
        try:
            store.update(text, base_iri=base)
            box.append(None)
        except BaseException as exc:  # noqa: BLE001 - reported by the request thread
            box.append(exc)
        finally:
            serving.changed()  # even a failed update may have been partly evaluated
            _write_lock.release()

    worker = threading.Thread(target=apply, name="sparql-update", daemon=True)
    worker.start()
    worker.join(limit)
    if not box:
        # pyoxigraph cannot interrupt an update: it runs on, holding the write lock,
        # and later updates get 503 until it ends (docs/limits.md).
        raise BadRequest(
            503,
            f"update still running after the {limit:g} s limit (NEWSGRAPH_QUERY_TIMEOUT);"
            " it cannot be stopped and may still be applied",
            retry,
        )
    exc = box[0]
    if isinstance(exc, SyntaxError):
        raise _update_syntax_error(text, exc)
    if isinstance(exc, RuntimeError) and "not supported" in str(exc):
        raise BadRequest(400, f"unsupported: {exc}") from None
    if isinstance(exc, (OSError, RuntimeError, ValueError)):
        current_app.logger.warning("update failed: %s", exc)
        raise BadRequest(500, f"the update failed: {exc}") from None
    if exc is not None:
        raise exc
    message = "update applied" + "".join(f"\nwarning: {w}" for w in checked.warnings)
    return text_response(200, message, checked.headers())


def _update_syntax_error(text: str, exc: SyntaxError) -> BadRequest:
    """A 400 saying in words where the update breaks (kg/sparql_errors.py)."""
    problem = explain(text, str(exc), update=True)
    position = problem.position_header
    headers = {"X-Newsgraph-Error-Position": position} if position else None
    return BadRequest(400, problem.message, headers)


def describe_or_ui(op: Operation) -> Response:
    accept = request.headers.get("Accept")
    fmt = op.values.get("format")
    if not fmt and neg.prefers_html(accept):
        return ui_page()
    media_type = neg.choose("graph", accept, fmt)
    if media_type is None:
        return text_response(
            406, "the service description is offered as " + ", ".join(neg.OFFERS["graph"])
        )
    config = current_app.extensions["newsgraph.config"]
    serving = current_app.extensions["newsgraph.store"]
    cache: sd.DescriptionCache = current_app.extensions["newsgraph.descriptions"]
    store = serving.get()
    counts = cache.counts(store, serving.generation)
    triples = sd.service_description(
        endpoint_url(),
        counts,
        update=config.update_enabled,
        void_url=request.host_url.rstrip("/") + "/.well-known/void",
    )
    body = sd.write(triples, media_type, current_app.extensions["newsgraph.prefixes"])
    resp = Response(body, content_type=_content_type(media_type))
    resp.headers["Vary"] = "Accept"
    resp.headers.update(CORS_HEADERS)
    return resp


def ui_page() -> Response:
    """The query UI (YASGUI) with our examples and prefixes."""
    import json

    from kg.server.examples import example_queries

    config = current_app.extensions["newsgraph.config"]
    prefixes = current_app.extensions["newsgraph.prefixes"]
    examples = example_queries(config.base)
    shown = (
        "ng",
        "id",
        "rdf",
        "rdfs",
        "owl",
        "skos",
        "prov",
        "oa",
        "org",
        "schema",
        "xsd",
        "dcterms",
        "wd",
        "wdt",
    )
    declared = "\n".join(f"PREFIX {p}: <{prefixes[p]}>" for p in shown if p in prefixes)
    default_query = (
        declared + "\n\nSELECT ?type (COUNT(?s) AS ?count) WHERE {\n  ?s a ?type .\n}\n"
        "GROUP BY ?type\nORDER BY DESC(?count)\n"
    )
    ui_config = {
        "endpoint": endpoint_url(),
        "prefixes": prefixes,
        "defaultQuery": default_query,
        "publicPrefix": config.public_prefix,
        "localPrefix": request.host_url.rstrip("/") + "/",
        "staticPrefix": url_for("static", filename=""),
    }

    def safe_json(value: object) -> str:  # inside <script>: no "</" may appear
        return json.dumps(value).replace("</", "<\\/")

    html = render_template(
        "sparql.html",
        examples=examples,
        examples_json=safe_json([e.__dict__ for e in examples]),
        ui_config=safe_json(ui_config),
        endpoint=endpoint_url(),
    )
    resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/.well-known/void", methods=["GET", "HEAD"])
def void() -> Response:
    """VoID in any RDF format; a browser gets the Turtle inside a page rather than a download."""
    accept = request.headers.get("Accept")
    fmt = request.args.get("format")
    browser = not fmt and neg.prefers_html(accept)
    media_type = neg.TURTLE if browser else neg.choose("graph", accept, fmt)
    if media_type is None:
        return text_response(406, "VoID is offered as " + ", ".join(neg.OFFERS["graph"]))
    config = current_app.extensions["newsgraph.config"]
    serving = current_app.extensions["newsgraph.store"]
    cache: sd.DescriptionCache = current_app.extensions["newsgraph.descriptions"]
    store = serving.get()
    stats = cache.void(store, serving.generation)
    root = request.host_url.rstrip("/")
    dump = root + "/rdf-graph-store?format=nquads"
    triples = sd.void_description(request.base_url, root + "/sparql", config.base, stats, dump)
    body = sd.write(triples, media_type, current_app.extensions["newsgraph.prefixes"])
    if browser:
        # A readable summary (the Turtle is one click away), every IRI with its label.
        from kg.labels import Labeller

        labeller = Labeller(store, current_app.extensions["newsgraph.prefixes"])
        whole, graphs = stats
        formats = [(neg.SHORT_NAME[mt], mt) for mt in neg.OFFERS["graph"]]
        html = render_template(
            "void.html",
            formats=formats,
            whole=whole,
            graphs=sorted(graphs.items(), key=lambda kv: -kv[1].triples),
            classes=sorted(whole.classes.items(), key=lambda kv: -kv[1]),
            properties=sorted(whole.properties.items(), key=lambda kv: -kv[1]),
            label=labeller.label,
            short=labeller.short,
            public_prefix=config.public_prefix,
            endpoint=root + "/sparql",
        )
        resp = Response(html, mimetype="text/html")
    else:
        resp = Response(body, content_type=_content_type(media_type))
    resp.headers["Vary"] = "Accept"
    resp.headers.update(CORS_HEADERS)
    return resp
