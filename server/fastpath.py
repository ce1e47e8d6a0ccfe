"""The common SPARQL query request, answered without Flask: the lean query path.

A lookup by IRI takes pyoxigraph about 0.05 ms; through Flask the request cost about
1.9 ms more (routing, request and response objects, before/after hooks, a second parse
of the form). This WSGI layer sits in front of the Flask app and answers the plain case
of the SPARQL 1.1 Protocol query operation itself:

    GET /sparql?query=…            POST /sparql (form: query=…)
    POST /sparql (application/sparql-query)

with optional `default-graph-uri`, `named-graph-uri` and `format`. It applies the same
guarantees in the same order as the Flask view: the rate limit (the same buckets), the
query executor (kg/executor.py: killable worker processes, lanes, the memory and row
caps, the SERVICE policy, all in the worker), the same headers (CORS, security,
`X-Newsgraph-Truncated`), the same plain-text errors, the same metrics. The answer is
streamed from the query process as it is written.

Anything else, or anything unusual about a query request (no query, an update, two
queries, a non-UTF-8 byte, a bad dataset IRI, a body without Content-Length or over
the upload limit, `download=`, a browser's GET, whose errors are HTML pages: see
server/site.py), is handed to the Flask app unchanged (the body it read is put back),
so every refusal and its message stays the one the protocol view writes.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox

from kg.executor import TRUNCATED_HEADER, Executor, Job, dispatch, is_bounded_scan
from kg.negotiate import prefers_html
from kg.server import limits, security
from kg.server.httpd import LOOP_PATHS, ON_LOOP, PARSED, REQUEUED, Requeue
from kg.server.sparql import CORS_HEADERS, FORM, QUERY_TYPE, _content_type

log = logging.getLogger("newsgraph.fastpath")

PATHS = LOOP_PATHS  # the query endpoint, whose requests the server offers its loop first
_FIXED_HEADERS = [*CORS_HEADERS.items(), *security.HEADERS.items()]
_TEXT = "text/plain; charset=utf-8"
_STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    403: "403 Forbidden",
    406: "406 Not Acceptable",
    429: "429 Too Many Requests",
    500: "500 Internal Server Error",
    502: "502 Bad Gateway",
    503: "503 Service Unavailable",
    504: "504 Gateway Timeout",
}
# Dataset IRIs already checked (ox.NamedNode): a client repeats the same few.
_IRI_CACHE_MAX = 1024
# A lookup answered in the web process (on the server's loop) is held whole before it
# is sent, with no memory cap: at most this many rows. A scan that finds more is
# handed to the query processes, which stream it (measured: a 23 MB answer of one
# pattern raised the web process's peak by 86 MB on the thread, by 4 MB streamed).
THREAD_ROWS = 1000


class Fallback(Exception):
    """Not the plain case: the Flask view answers (with its own message)."""


class QueryFastPath:
    """WSGI middleware: plain query requests here, everything else to `app`."""

    def __init__(self, flask_app: Any, app: Callable) -> None:
        """`flask_app` holds the executor and settings; `app` is the WSGI callable that
        answers everything else (the Flask app's own `wsgi_app`)."""
        self.app = app
        ext = flask_app.extensions
        self.config = ext["newsgraph.config"]
        self.executor = ext["newsgraph.executor"]
        self.rate: Callable[[str], tuple[str, dict[str, str]] | None] = ext["newsgraph.rate"]
        self.enabled = ext.get("newsgraph.remote") is None  # scale-out: the Flask path
        # One-pattern queries run here, on the server's loop (kg.executor.is_bounded_scan):
        # only when the query processes open the same build read-only, as this one does.
        serving = ext["newsgraph.store"]
        self.store = serving.get if isinstance(self.executor, Executor) else None
        if self.store is not None:
            settings = self.executor.settings
            self.thread_settings = dataclasses.replace(
                settings, max_rows=min(settings.max_rows, THREAD_ROWS)
            )
            self.thread_rows_below_cap = THREAD_ROWS < settings.max_rows
        self._iris: dict[str, bool] = {}
        self._html: dict[str, bool] = {}
        self._bases: dict[tuple[str, str, str], str] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """On the server's loop (kg/server/httpd.py) only a lookup is answered: anything
        else raises Requeue before a byte is written, and a request thread answers it."""
        on_loop = environ.get(ON_LOOP, False)
        if not self.enabled or environ.get("PATH_INFO") not in PATHS:
            return self._flask(environ, start_response, on_loop)
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "POST"):
            return self._flask(environ, start_response, on_loop)
        started = time.perf_counter()
        # A query the loop read and sent here (not a lookup): its parameters as read there.
        params = environ.get(PARSED)
        if params is None:
            try:
                params = self._params(environ, method)
            except Fallback:
                return self._flask(environ, start_response, on_loop)
        return self._answer(environ, start_response, method, params, started, on_loop)

    def _flask(self, environ: dict, start_response: Callable, on_loop: bool) -> Iterable[bytes]:
        if on_loop:
            raise Requeue
        return self.app(environ, start_response)

    # --- reading the request ---

    def _params(self, environ: dict, method: str) -> dict[str, list[str]]:
        """The request's parameters (URL and body), or Fallback for anything unusual."""
        limit = self.config.max_upload_bytes
        raw_url = environ.get("QUERY_STRING", "")
        if len(raw_url) > limit:
            raise Fallback
        params = _parse(raw_url.encode("latin-1"))
        if method == "GET":
            if "update" in params:
                raise Fallback
        else:
            ctype, _, rest = environ.get("CONTENT_TYPE", "").partition(";")
            ctype = ctype.strip().lower()
            if rest:
                key, _, charset = rest.strip().partition("=")
                if key.strip().lower() != "charset" or charset.strip().strip('"').lower() not in (
                    "utf-8",
                    "utf8",
                ):
                    raise Fallback
            try:
                length = int(environ.get("CONTENT_LENGTH") or "")
            except ValueError:
                raise Fallback from None
            if length < 0 or length > limit or ctype not in (FORM, QUERY_TYPE):
                raise Fallback
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)  # the Flask view can read it again
            if len(body) != length:
                raise Fallback
            if ctype == FORM:
                for key, values in _parse(body).items():
                    params.setdefault(key, []).extend(values)
            else:
                if "query" in params:
                    raise Fallback
                try:
                    params["query"] = [body.decode("utf-8")]
                except UnicodeDecodeError:
                    raise Fallback from None
            if "update" in params:
                raise Fallback
        if len(params.get("query", ())) != 1 or "download" in params:
            raise Fallback
        if method == "GET" and self._browser(environ.get("HTTP_ACCEPT")):
            raise Fallback  # its errors are pages (server/site.py), which Flask writes
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in params.get(name, ()):
                if not self._valid_iri(iri):
                    raise Fallback
        return params

    def _browser(self, accept: str | None) -> bool:
        """`kg.negotiate.prefers_html`, remembered per Accept (clients repeat theirs)."""
        if not accept:
            return False
        known = self._html.get(accept)
        if known is None:
            known = prefers_html(accept)
            if len(self._html) >= _IRI_CACHE_MAX:
                self._html.clear()
            self._html[accept] = known
        return known

    def _open(self) -> Any:
        """The current build, as the web process has it open (None: not built yet)."""
        from kg.store import StoreMissing

        assert self.store is not None
        try:
            return self.store()
        except (StoreMissing, OSError):
            return None

    def _valid_iri(self, value: str) -> bool:
        known = self._iris.get(value)
        if known is None:
            try:
                ox.NamedNode(value)
                known = True
            except ValueError:
                known = False
            if len(self._iris) >= _IRI_CACHE_MAX:
                self._iris.clear()
            self._iris[value] = known
        return known

    def _base_url(self, environ: dict) -> str:
        """`request.base_url` as Flask computes it, cached per host and path."""
        key = (
            environ.get("wsgi.url_scheme", "http"),
            environ.get("HTTP_HOST", ""),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
        )
        url = self._bases.get(key)
        if url is None:
            from werkzeug.wsgi import get_current_url

            url = get_current_url(environ, strip_querystring=True)
            if len(self._bases) < _IRI_CACHE_MAX:
                self._bases[key] = url
        return url

    # --- answering ---

    def _answer(
        self,
        environ: dict,
        start_response: Callable,
        method: str,
        params: dict[str, list[str]],
        started: float,
        on_loop: bool = False,
    ) -> Iterable[bytes]:
        query = params["query"][0]
        # sent back from the loop after it was charged: a lookup with more rows than the
        # loop answers, for the query processes
        requeued = environ.get(REQUEUED, False)
        lookup = self.store is not None and not requeued and is_bounded_scan(query)
        if on_loop and not lookup:
            raise Requeue(parsed=params)
        client = environ.get("REMOTE_ADDR") or "?"
        refused = None if requeued else self.rate(client)
        if refused is not None:
            message, headers = refused
            return self._finish(start_response, method, 429, _TEXT, message, headers, started)
        fmt = params.get("format")
        outcome = None
        if lookup:
            # A lookup: the row cap bounds its cost, so the hand-off to a killable process
            # (two process wake-ups, most of a lookup's time) buys nothing.
            job = Job(
                query,
                tuple(params.get("default-graph-uri", ())),
                tuple(params.get("named-graph-uri", ())),
                environ.get("HTTP_ACCEPT"),
                fmt[0] if fmt else None,
                self._base_url(environ),
                bounded_scan=True,
            )
            outcome = dispatch(self._open, job, self.thread_settings)
            if outcome.truncated and self.thread_rows_below_cap:
                if on_loop:
                    raise Requeue(charged=True, parsed=params)
                outcome = None  # more than a lookup's rows: a query process streams it
        if outcome is None:
            outcome = self.executor.execute(
                query,
                params.get("default-graph-uri", ()),
                params.get("named-graph-uri", ()),
                accept=environ.get("HTTP_ACCEPT"),
                fmt=fmt[0] if fmt else None,
                base_iri=self._base_url(environ),
                client=client,
            )
        if outcome.status != 200:
            if outcome.status >= 500:
                log.warning("query failed: %s", outcome.body[:500])
            message = outcome.body.decode("utf-8", "replace")
            return self._finish(
                start_response, method, outcome.status, _TEXT, message, outcome.headers, started
            )
        if TRUNCATED_HEADER in outcome.headers:
            limits.TRUNCATIONS.inc()
        headers = [
            ("Content-Type", _content_type(outcome.media_type)),
            *outcome.headers.items(),
            *_FIXED_HEADERS,
        ]
        self._count(method, 200, started)
        if outcome.chunks is not None:
            start_response("200 OK", headers)
            return outcome.chunks  # waitress closes it, which frees (or kills) the worker
        body = outcome.body
        headers.append(("Content-Length", str(len(body))))
        start_response("200 OK", headers)
        return [body]

    def _finish(
        self,
        start_response: Callable,
        method: str,
        status: int,
        ctype: str,
        message: str,
        extra: dict[str, str],
        started: float,
    ) -> list[bytes]:
        body = (message.rstrip() + "\n").encode()
        headers = [
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            *CORS_HEADERS.items(),
            *extra.items(),
            *security.HEADERS.items(),
        ]
        if 400 <= status < 500 and status != 429:
            limits.REJECTIONS.labels("client-error", str(status)).inc()
        self._count(method, status, started)
        start_response(_STATUS.get(status, f"{status} Error"), headers)
        return [body]

    @staticmethod
    def _count(method: str, status: int, started: float) -> None:
        series = _SERIES.get((method, status))
        if series is None:
            series = _SERIES[method, status] = (
                limits.REQUESTS.labels("/sparql", method, str(status)),
                limits.LATENCY.labels("/sparql"),
            )
        series[0].inc()
        series[1].observe(time.perf_counter() - started)


# The endpoint's metric series per (method, status), looked up once: `labels` checks,
# hashes and locks on every call (the two metrics took 4.5 us a request, 2.8 without).
_SERIES: dict[tuple[str, int], tuple[Any, Any]] = {}


def _parse(raw: bytes) -> dict[str, list[str]]:
    """`a=b&c=d` strictly: bytes that are not UTF-8 fall back to the Flask view's 400."""
    if not raw:
        return {}
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise Fallback from None
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return params
