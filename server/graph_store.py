"""The SPARQL 1.1 Graph Store HTTP Protocol at `/rdf-graph-store`, and the dataset dump.

- GET / HEAD `?default`, `?graph=IRI`: one graph, in any RDF format by Accept (or
  `format=`), 404 for a graph the store does not hold;
- GET / HEAD without a parameter: the whole dataset (every graph; the default graph is
  the union of the named ones, sd:UnionDefaultGraph), in TriG, N-Quads or JSON-LD.
  VoID names it as `void:dataDump`;
- PUT (replace), POST (merge; to the bare store: a new graph, 201 with Location) and
  DELETE, only when SPARQL Update is enabled and with the admin bearer token.

Answers are streamed: a thread writes the RDF into a small queue while the response
sends it, so a dump of any size needs little memory. `Accept-Encoding: gzip` gets a
gzip stream. Graphs are identified indirectly (`?graph=`), as the protocol's §4.2
allows every server to; the W3C tests written for direct identification run with
the test's URL as the graph IRI (tests/w3c_gsp.py).
"""

from __future__ import annotations

import email.parser
import email.policy
import hmac
import queue
import re
import threading
import uuid
import zlib
from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from kg import negotiate as neg
from kg.query import GRAPH_FORMATS
from kg.server.sparql import CORS_HEADERS, _content_type, _write_lock, text_response

bp = Blueprint("graph_store", __name__)

PATH = "/rdf-graph-store"
ALLOWED = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
# Media types an upload may have, with their pyoxigraph parser.
UPLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    neg.TURTLE: ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    neg.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    neg.RDFXML: ox.RdfFormat.RDF_XML,
    neg.JSONLD: ox.RdfFormat.JSON_LD,
    neg.TRIG: ox.RdfFormat.TRIG,
    neg.NQUADS: ox.RdfFormat.N_QUADS,
}
CHUNK = 64 * 1024


class Problem(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _target() -> ox.NamedNode | ox.DefaultGraph | None:
    """The graph a request names: DefaultGraph for ?default, a NamedNode for ?graph=,
    None for the whole store."""
    has_default = "default" in request.args
    graphs = request.args.getlist("graph")
    if has_default and graphs:
        raise Problem(400, "give either ?default or ?graph=IRI, not both")
    if len(graphs) > 1:
        raise Problem(400, "give one ?graph=IRI")
    if has_default:
        return ox.DefaultGraph()
    if graphs:
        try:
            return ox.NamedNode(_absolute(graphs[0]))
        except ValueError:
            raise Problem(400, f"?graph= must be an IRI, not {graphs[0]!r}") from None
    return None


def _absolute(iri: str) -> str:
    from urllib.parse import urljoin, urlsplit

    return iri if urlsplit(iri).scheme else urljoin(request.base_url, iri)


def _exists(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> bool:
    if isinstance(graph, ox.DefaultGraph):
        return True
    return store.contains_named_graph(graph)


# ------------------------------------------------------------------------- reading


def _stream(store: ox.Store, graph, fmt: ox.RdfFormat, prefixes: dict[str, str] | None,
            gzip: bool) -> Iterator[bytes]:  # fmt: skip
    """Serialize on a writer thread into a bounded queue; yield what it writes.

    The thread makes and drops every pyoxigraph object itself. When the client goes
    away, the generator is closed, `stop` is set and the writer ends at its next write.
    """
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=16)
    stop = threading.Event()

    class Sink:
        def __init__(self) -> None:
            self.buf = bytearray()
            self.zip = zlib.compressobj(6, zlib.DEFLATED, 31) if gzip else None

        def write(self, data: bytes) -> int:
            if stop.is_set():
                raise BrokenPipeError("client went away")
            self.buf += self.zip.compress(data) if self.zip else data
            if len(self.buf) >= CHUNK:
                self.flush()
            return len(data)

        def flush(self) -> None:
            if self.buf:
                chunks.put(bytes(self.buf))
                self.buf.clear()

        def close(self) -> None:
            if self.zip:
                self.buf += self.zip.flush()
            self.flush()

    def writer() -> None:
        sink = Sink()
        try:
            if graph is None:
                items = store.quads_for_pattern(None, None, None, None)
            else:
                items = store.quads_for_pattern(None, None, None, graph)
                if not fmt.supports_datasets:
                    items = (q.triple for q in items)
                elif not isinstance(graph, ox.DefaultGraph):  # one graph: its triples
                    items = (ox.Quad(q.subject, q.predicate, q.object) for q in items)
            ox.serialize(items, sink, fmt, prefixes=prefixes)
            sink.close()
            chunks.put(None)
        except BrokenPipeError:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported to the response thread
            chunks.put(exc)

    threading.Thread(target=writer, name="gsp-writer", daemon=True).start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                current_app.logger.warning("graph store dump failed: %s", item)
                return
            yield item
    finally:
        stop.set()
        while not chunks.empty():  # unblock a writer waiting on a full queue
            chunks.get_nowait()


def _get() -> Response:
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    graph = _target()
    form = "dataset" if graph is None else "graph"
    media_type = neg.choose(form, request.headers.get("Accept"), request.args.get("format"))
    if media_type is None:
        return text_response(406, "offered: " + ", ".join(neg.OFFERS[form]), {"Vary": "Accept"})
    if graph is not None and not _exists(store, graph):
        return text_response(404, f"no graph <{graph.value}> in this store")
    gzip = "gzip" in request.headers.get("Accept-Encoding", "").lower()
    headers = {**CORS_HEADERS, "Vary": "Accept, Accept-Encoding"}
    if gzip:
        headers["Content-Encoding"] = "gzip"
    if graph is None:
        ext = {neg.TRIG: "trig", neg.NQUADS: "nq", neg.JSONLD: "jsonld"}[media_type]
        headers["Content-Disposition"] = f'inline; filename="newsgraph.{ext}"'
    ctype = _content_type(media_type)
    if request.method == "HEAD":
        return Response(b"", content_type=ctype, headers=headers)
    fmt = GRAPH_FORMATS[media_type][1]
    pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
    prefixes = current_app.extensions["newsgraph.rdf_prefixes"] if pretty else None
    body = _stream(store, graph, fmt, prefixes, gzip)
    return Response(body, content_type=ctype, headers=headers, direct_passthrough=True)


# ------------------------------------------------------------------------- writing


def _authorize() -> None:
    config = current_app.extensions["newsgraph.config"]
    if not config.update_enabled:
        raise Problem(403, "writing is disabled on this server (set NEWSGRAPH_UPDATE=1)")
    if not config.admin_token:
        raise Problem(403, "writing needs NEWSGRAPH_ADMIN_TOKEN set on the server")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="newsgraph update"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "writing needs Authorization: Bearer <admin token>", challenge)
    if not hmac.compare_digest(token.strip().encode(), config.admin_token.encode()):
        raise Problem(401, "the admin token is wrong", challenge)


def _payloads() -> list[tuple[bytes, ox.RdfFormat]]:
    """The RDF documents a PUT or POST carries (several in a multipart/form-data POST)."""
    ctype = (request.mimetype or "").lower()
    data = request.get_data(cache=True)
    if ctype.split(",")[0].strip() == "multipart/form-data":
        # Clients (the W3C suite among them) write `multipart/…, boundary=x`: read the
        # comma as the `;` it stands for, in the nested parts' headers too.
        raw = request.headers.get("Content-Type", "").replace(", boundary", "; boundary")
        data = re.sub(
            rb"(?im)^(content-type:\s*multipart/[\w-]+)\s*,\s*boundary", rb"\1; boundary", data
        )
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + raw.encode("latin-1") + b"\r\n\r\n" + data
        )
        out = []
        for part in message.walk():
            payload = b"" if part.is_multipart() else part.get_payload(decode=True) or b""
            if not payload.strip():
                continue  # containers, and the empty parts of unterminated boundaries
            sub = part.get_content_type().lower()
            if sub not in UPLOAD_FORMATS:
                raise Problem(415, f"a part has the unsupported type {sub}")
            out.append((payload, UPLOAD_FORMATS[sub]))
        return out
    if not data.strip():
        return []
    if ctype not in UPLOAD_FORMATS:
        raise Problem(
            415, f"unsupported Content-Type {ctype or '(none)'}: use " + ", ".join(UPLOAD_FORMATS)
        )
    return [(data, UPLOAD_FORMATS[ctype])]


def _parse(payloads: list[tuple[bytes, ox.RdfFormat]], graph, base: str) -> list[ox.Quad]:
    """Every triple of the payloads, placed in `graph` (a dataset keeps its graphs when
    written to the whole store)."""
    quads: list[ox.Quad] = []
    for data, fmt in payloads:
        try:
            parsed = list(ox.parse(data, fmt, base_iri=base))
        except (SyntaxError, ValueError) as exc:
            raise Problem(400, f"the payload is not valid {fmt.name}: {exc}") from None
        for q in parsed:
            target = q.graph_name if graph is None else graph
            quads.append(ox.Quad(q.subject, q.predicate, q.object, target))
    return quads


def _write() -> Response:
    _authorize()
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    graph = _target()
    method = request.method
    status = 200
    headers: dict[str, str] = {}
    with _write_lock:
        try:
            if method == "DELETE":
                if graph is None:
                    raise Problem(400, "DELETE needs ?default or ?graph=IRI")
                if not _exists(store, graph):
                    raise Problem(404, f"no graph <{graph.value}> in this store")
                if isinstance(graph, ox.DefaultGraph):
                    store.clear_graph(graph)
                else:
                    store.remove_graph(graph)
                return text_response(200, "graph deleted")
            if method == "POST" and graph is None:  # a new graph, named by us
                graph = ox.NamedNode(request.base_url + "/graph/" + uuid.uuid4().hex)
                status = 201
                headers["Location"] = f"{request.base_url}?graph={quote(graph.value, safe='')}"
            elif graph is None:
                raise Problem(400, "PUT needs ?default or ?graph=IRI")
            existed = _exists(store, graph) and (
                not isinstance(graph, ox.NamedNode) or store.contains_named_graph(graph)
            )
            base = graph.value if isinstance(graph, ox.NamedNode) else request.base_url
            quads = _parse(_payloads(), graph, base)
            if method == "PUT":
                if isinstance(graph, ox.DefaultGraph):
                    existed = any(True for _ in store.quads_for_pattern(None, None, None, graph))
                    store.clear_graph(graph)
                elif existed:
                    store.clear_graph(graph)
                else:
                    store.add_graph(graph)
                store.extend(quads)
                # 201 when content was created; an empty PUT leaves an empty graph (200)
                created = not existed and bool(quads)
                return text_response(201 if created else 200, "graph replaced", headers)
            # POST: merge
            if not quads and status != 201:
                return Response(status=204, headers=CORS_HEADERS)
            if isinstance(graph, ox.NamedNode) and not existed:
                store.add_graph(graph)
                status = 201
                headers.setdefault(
                    "Location", f"{request.base_url}?graph={quote(graph.value, safe='')}"
                )
            store.extend(quads)
            return text_response(status, "triples added", headers)
        finally:
            serving.changed()


@bp.route(PATH, methods=["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"])
def graph_store() -> Response:
    if request.method == "OPTIONS":
        resp = Response(status=204)
        resp.headers["Allow"] = ALLOWED
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Allow-Methods"] = ALLOWED
        return resp
    try:
        if request.method in ("GET", "HEAD"):
            return _get()
        return _write()
    except Problem as exc:
        return text_response(exc.status, exc.message, exc.headers)
