"""An external SPARQL 1.1 store as newsgraph's store, over the standard protocols only.

When a graph outgrows one machine it goes into a triple store the operator already
runs (Virtuoso, Fuseki, GraphDB, ...). newsgraph then needs three things from it, and
uses nothing but the W3C protocols for them so that any conforming store works:

* loading a build: every named graph is PUT with the Graph Store HTTP Protocol
  (N-Triples body), or, when only an update endpoint is configured, written with
  SPARQL 1.1 Update `INSERT DATA` in chunks;
* swapping the build in: graphs are loaded under private staging names first and
  moved onto their real names by ONE SPARQL Update request (`MOVE`), which SPARQL 1.1
  Update §2.2 says a store SHOULD execute atomically (Virtuoso runs it as one
  transaction). What is and is not atomic is spelt out in docs/scale-out.md;
* answering queries: the query text goes to the store's query endpoint unchanged and
  its result comes back in a format we then serve (see `RemoteStore.query`). With no
  FROM / default-graph-uri, the store's own default graph answers: Virtuoso's (and
  Fuseki's with `unionDefaultGraph`) is the union of all named graphs, which is the
  local store's semantics too.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
import requests
from rdflib import Graph
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from kg import __version__
from kg.config import Config
from kg.terms import graph_quads, triples_to_graph

STAGING_PREFIX = "urn:newsgraph:staging:"
# Virtuoso refuses an INSERT DATA of a few thousand triples (parser "memory exhausted",
# "generated SQL text has exceeded 10000 lines"); 500 passes and is still few requests.
INSERT_CHUNK_TRIPLES = 500
SKOLEM_PATH = ".well-known/genid/"
CONNECT_TIMEOUT = 10.0
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_PAUSES = (0.2, 1.0)  # seconds before the second and third try of an idempotent request
LOAD_TIMEOUT = 3600.0

SOLUTIONS_TYPE = "application/sparql-results+json"
GRAPH_TYPE = "application/n-triples"

_FORM = re.compile(
    r"^\s*(?:(?:BASE\s*<>|PREFIX\s*[^\s:<]*:\s*<>)\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
    re.IGNORECASE,
)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENT = re.compile(r"#[^\n]*")
_BNODE_BAD = re.compile(r"[^A-Za-z0-9_]")


class RemoteStoreError(RuntimeError):
    """The remote store refused or failed a request; `status` is its HTTP status (0: no answer)."""

    def __init__(self, message: str, status: int = 0, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


def query_form(query: str) -> str | None:
    """'solutions', 'boolean' or 'graph' from the query's first keyword; None if not a query.

    A regex over the prologue, not a parser: the remote store parses the query, and a
    newsgraph-side parser would reject vendor extensions the store accepts.
    """
    m = _FORM.match(_COMMENT.sub(" ", _IRI.sub("<>", query)))
    if m is None:
        return None
    return {"SELECT": "solutions", "ASK": "boolean"}.get(m.group(1).upper(), "graph")


def _nt_line(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} .\n"


def ntriples(graph: Graph, name: str = "urn:x-newsgraph:any") -> tuple[bytes, int]:
    """N-Triples of an rdflib graph (generalised triples dropped) and how many triples it holds."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in graph_quads(graph, name)]
    return ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), len(triples)


def normalise_json_results(raw: bytes) -> dict[str, Any]:
    """SPARQL 1.1 JSON results from a store's possibly older dialect.

    Virtuoso writes `"type": "typed-literal"` (SPARQL 1.0 JSON note) and blank nodes as
    `nodeID://b1003`, which strict parsers (pyoxigraph) reject; both are rewritten here.
    """
    doc = json.loads(raw)
    for row in doc.get("results", {}).get("bindings", ()):
        for term in row.values():
            kind = term.get("type")
            if kind == "typed-literal":
                term["type"] = "literal"
            elif kind == "bnode":
                term["value"] = _BNODE_BAD.sub("_", term["value"].removeprefix("nodeID://"))
    return doc


def skolemize(quads: list[ox.Quad], base: str) -> list[ox.Quad]:
    """Blank nodes replaced by IRIs `{base}.well-known/genid/{label}` (RDF 1.1 §3.5)."""
    prefix = base + SKOLEM_PATH if base.endswith("/") else base + "/" + SKOLEM_PATH

    def fix(term):  # noqa: ANN001, ANN202 - any pyoxigraph term
        return ox.NamedNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term

    return [ox.Quad(fix(q.subject), q.predicate, fix(q.object), q.graph_name) for q in quads]


@dataclass
class RemoteResult:
    """A query answer fetched from the remote store, convertible to every format we offer."""

    form: str  # "solutions", "boolean" or "graph"
    json_doc: dict[str, Any] | None = None
    graph_bytes: bytes | None = None

    def serialize(self, media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
        from kg import negotiate as neg
        from kg import query as q

        media_type = neg.normalize(media_type, self.form)
        if self.form == "graph":
            assert self.graph_bytes is not None
            if media_type == GRAPH_TYPE:
                return self.graph_bytes
            fmt = q.GRAPH_FORMATS[media_type][1]
            triples = ox.parse(self.graph_bytes, ox.RdfFormat.N_TRIPLES)
            items = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
            pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
            if not fmt.supports_datasets:
                items = (ox.Triple(t.subject, t.predicate, t.object) for t in items)
            return ox.serialize(items, None, fmt, prefixes=prefixes if pretty else None)
        assert self.json_doc is not None
        body = json.dumps(self.json_doc, ensure_ascii=False).encode("utf-8")
        if media_type == SOLUTIONS_TYPE:
            return body
        parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        out = ox.QueryResultsFormat
        fmt = {
            "application/sparql-results+xml": out.XML,
            "text/csv": out.CSV,
            "text/tab-separated-values": out.TSV,
        }[media_type]
        return parsed.serialize(None, fmt)  # type: ignore[union-attr]


@dataclass
class LoadReport:
    graphs: int = 0
    triples: int = 0
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class RemoteStore:
    """The endpoints of one external store and a session to talk to them.

    `update_url` and `gsp_url` are only needed for loading; a read-only deployment
    (serving a graph someone else loads) configures just `query_url`.
    """

    query_url: str
    update_url: str = ""
    gsp_url: str = ""
    user: str = ""
    password: str = ""
    auth: str = "auto"  # "auto", "basic", "digest" or "none"
    timeout: float = 60.0
    session: requests.Session = field(default_factory=requests.Session, repr=False)

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = f"newsgraph/{__version__}"
        if self.user and self.auth in ("basic", "digest"):
            self._use_auth(self.auth)

    def _use_auth(self, scheme: str) -> None:
        cls = HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth
        self.session.auth = cls(self.user, self.password)

    @classmethod
    def from_config(cls, config: Config) -> RemoteStore:
        return cls(
            query_url=config.remote_store,
            update_url=config.remote_update,
            gsp_url=config.remote_gsp,
            user=config.remote_user,
            password=config.remote_password,
            auth=config.remote_auth,
            timeout=config.query_timeout,
        )

    # ---- protocol primitives -------------------------------------------------------

    def _send(self, method: str, url: str, *, timeout: float, **kwargs: Any) -> requests.Response:
        # A store may reset a connection under load (Virtuoso did, on a graph PUT in a full
        # run); a request that only replaces or reads is sent again, an update is not.
        tries = len(RETRY_PAUSES) + 1 if method in IDEMPOTENT else 1
        for attempt in range(tries):
            try:
                return self._send_once(method, url, timeout=timeout, **kwargs)
            except RemoteStoreError as exc:
                if exc.status != 0 or attempt == tries - 1:
                    raise
                time.sleep(RETRY_PAUSES[attempt])
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(
        self, method: str, url: str, *, timeout: float, **kwargs: Any
    ) -> requests.Response:
        try:
            resp = self.session.request(method, url, timeout=(CONNECT_TIMEOUT, timeout), **kwargs)
            challenged = resp.status_code == 401 and self.auth == "auto"
            if challenged and self.user and not self.session.auth:
                # Answer the store's challenge with the scheme it asks for (Virtuoso: digest).
                challenge = resp.headers.get("WWW-Authenticate", "").lower()
                self._use_auth("digest" if challenge.startswith("digest") else "basic")
                resp = self.session.request(
                    method, url, timeout=(CONNECT_TIMEOUT, timeout), **kwargs
                )
        except requests.Timeout as exc:
            raise RemoteStoreError(f"{url} did not answer in {timeout:.0f} s", 504) from exc
        except requests.RequestException as exc:
            raise RemoteStoreError(f"{url} unreachable: {exc}", 0) from exc
        if resp.status_code >= 400:
            text = resp.content[:4000].decode("utf-8", "replace")
            raise RemoteStoreError(
                f"{method} {url} answered {resp.status_code}: {text.strip()[:500]}",
                resp.status_code,
                text,
            )
        return resp

    def update(self, text: str, *, timeout: float = LOAD_TIMEOUT) -> None:
        """One SPARQL 1.1 Update request (protocol §2.2: POST application/sparql-update)."""
        if not self.update_url:
            raise RemoteStoreError("no update endpoint configured (NEWSGRAPH_REMOTE_UPDATE)")
        self._send(
            "POST",
            self.update_url,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            timeout=timeout,
        )

    def put_graph(self, graph_iri: str, body: bytes) -> None:
        """Replace one graph's content (Graph Store HTTP Protocol §5.3, indirect identification)."""
        self._send(
            "PUT",
            self.gsp_url,
            params={"graph": graph_iri},
            data=body,
            headers={"Content-Type": "application/n-triples"},
            timeout=LOAD_TIMEOUT,
        )

    def fetch(
        self,
        query: str,
        accept: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float | None = None,
    ) -> requests.Response:
        """POST the query (protocol §2.1.2, form-encoded) and return the raw response."""
        data: list[tuple[str, str]] = [("query", query)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        return self._send(
            "POST",
            self.query_url,
            data=data,
            headers={"Accept": accept},
            timeout=timeout or self.timeout,
        )

    # ---- querying -------------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> RemoteResult:
        """Run a query on the store; the result can be written in any format we offer.

        The store is asked for the two formats every SPARQL store writes correctly
        (JSON results, N-Triples) and we convert from those, rather than passing the
        client's Accept through: Virtuoso, for one, answers TSV in CSV syntax, drops
        language tags in JSON-LD and refuses TriG and N-Quads.
        Raises SyntaxError when the text is not a query, RemoteStoreError on failure.
        """
        form = query_form(query)
        if form is None:
            raise SyntaxError("not a SPARQL query (expected SELECT, ASK, CONSTRUCT or DESCRIBE)")
        accept = GRAPH_TYPE if form == "graph" else SOLUTIONS_TYPE
        resp = self.fetch(query, accept, default_graphs=default_graphs, named_graphs=named_graphs)
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if form == "graph":
            if ctype not in (GRAPH_TYPE, "text/plain"):
                raise RemoteStoreError(f"store answered {ctype or 'no type'}, not N-Triples", 502)
            return RemoteResult("graph", graph_bytes=resp.content)
        if ctype not in (SOLUTIONS_TYPE, "application/json"):
            raise RemoteStoreError(f"store answered {ctype or 'no type'}, not JSON results", 502)
        doc = normalise_json_results(resp.content)
        return RemoteResult("boolean" if "boolean" in doc else "solutions", json_doc=doc)

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: lexical value} (for counts and listings)."""
        doc = self.query(query).json_doc or {}
        rows = doc.get("results", {}).get("bindings", [])
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    def graph_counts(self, prefix: str = "") -> dict[str, int]:
        """Triples per named graph (only graphs whose IRI starts with `prefix`, if given)."""
        where = f'FILTER(STRSTARTS(STR(?g), "{prefix}"))' if prefix else ""
        rows = self.select(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {where} }} GROUP BY ?g"
        )
        return {r["g"]: int(r["n"]) for r in rows}

    def union_graph(self) -> Graph:
        """Every triple of the store's default graph as an in-memory rdflib Graph (for pyshacl).

        Fine for graphs that fit in memory; beyond that validate a sample instead.
        """
        result = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert result.graph_bytes is not None
        return triples_to_graph(ox.parse(result.graph_bytes, ox.RdfFormat.N_TRIPLES))

    # ---- loading --------------------------------------------------------------------

    def _insert_graph(self, graph_iri: str, graph: Graph, skolem_base: str) -> int:
        """INSERT DATA in chunks of INSERT_CHUNK_TRIPLES.

        A blank node label names a fresh node in every request (SPARQL 1.1 Update §3.1.1),
        so a graph with blank nodes that needs more than one request has them replaced
        by skolem IRIs under `skolem_base` + /.well-known/genid/ (RDF 1.1 §3.5); the
        Graph Store Protocol path (one PUT per graph) keeps blank nodes as they are.
        """
        quads = list(graph_quads(graph, graph_iri))
        if len(quads) > INSERT_CHUNK_TRIPLES:
            quads = skolemize(quads, skolem_base)
        for i in range(0, len(quads), INSERT_CHUNK_TRIPLES):
            chunk = quads[i : i + INSERT_CHUNK_TRIPLES]
            lines = "".join(_nt_line(q) for q in chunk)
            if any(isinstance(t, ox.BlankNode) for q in chunk for t in (q.subject, q.object)):
                # Same meaning (fresh blank nodes, one solution), and accepted by Virtuoso,
                # which refuses blank nodes in INSERT DATA.
                self.update(f"INSERT {{ GRAPH <{graph_iri}> {{\n{lines}}} }} WHERE {{}}")
            else:
                self.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{lines}}} }}")
        return len(quads)

    def _stage(self, graph_iri: str, graph: Graph, skolem_base: str) -> int:
        if self.gsp_url:
            body, n = ntriples(graph)
            self.put_graph(graph_iri, body)
            return n
        return self._insert_graph(graph_iri, graph, skolem_base)

    def _graphs_with_prefix(self, prefix: str) -> list[str]:
        # No filter for "": Virtuoso answers STRSTARTS(x, "") with false.
        where = f'FILTER(STRSTARTS(STR(?g), "{prefix}"))' if prefix else ""
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {where} }}")
        return [r["g"] for r in rows]

    def load(
        self,
        graphs: Mapping[str, Graph],
        *,
        owned: Callable[[str], bool] = lambda iri: False,
        skolem_base: str = "urn:newsgraph:",
        progress: Callable[[str], None] = lambda message: None,
    ) -> LoadReport:
        """Replace the store's copy of our graphs with `graphs`, swapping them in at once.

        1. every graph is written under a staging IRI (GSP PUT, else INSERT DATA);
        2. the staged triple counts are checked against what was sent;
        3. one Update request MOVEs each staging graph onto its real IRI and drops the
           graphs `owned` says are ours but this build no longer has (a document removed
           from the sources).
        A failure before step 3 drops the staging graphs and leaves the served ones
        untouched. Staging leftovers of an earlier killed load are dropped first, so
        only one build may load into a store at a time.
        """
        if not self.update_url:
            raise RemoteStoreError("loading needs NEWSGRAPH_REMOTE_UPDATE (for the atomic MOVE)")
        started = time.perf_counter()
        report = LoadReport()
        leftovers = self._graphs_with_prefix(STAGING_PREFIX)
        if leftovers:
            progress(f"dropping {len(leftovers)} staging graphs left by an earlier load")
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers))
        build = uuid.uuid4().hex[:12]
        staging = {name: f"{STAGING_PREFIX}{build}:{i}" for i, name in enumerate(graphs)}
        expected: dict[str, int] = {}
        try:
            for i, (name, graph) in enumerate(graphs.items(), 1):
                expected[name] = self._stage(staging[name], graph, skolem_base)
                if len(graphs) <= 50 or i % 500 == 0 or i == len(graphs):
                    progress(f"[{i}/{len(graphs)}] staged {name}: {expected[name]} triples")
            staged = self.graph_counts(f"{STAGING_PREFIX}{build}:")
            for name, n in expected.items():
                got = staged.get(staging[name], 0)
                if got != n:
                    if got == 0 and n > 0:
                        raise RemoteStoreError(f"staging graph for {name} is empty after loading")
                    # Stores may merge literals with equal values ("1.0"/"1.00"^^xsd:decimal).
                    report.warnings.append(f"{name}: sent {n} triples, store holds {got}")
            current = [g for g in self._graphs_with_prefix("") if owned(g) and g not in graphs]
            ops = [f"MOVE SILENT GRAPH <{staging[n]}> TO GRAPH <{n}>" for n in graphs]
            ops += [f"DROP SILENT GRAPH <{g}>" for g in current]
            progress(f"swapping {len(graphs)} graphs in, dropping {len(current)} stale ones")
            self.update(" ;\n".join(ops))
        except BaseException:
            try:
                self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in staging.values()))
            except RemoteStoreError:
                pass
            raise
        report.graphs = len(graphs)
        report.triples = sum(expected.values())
        report.dropped = current
        report.seconds = time.perf_counter() - started
        for w in report.warnings:
            progress(f"warning: {w}")
        return report
