"""Running SPARQL queries on the store and writing their results in every standard format.

The web layer and the CLI both call this, so `kg query` and `/sparql` answer alike.

Streaming: pyoxigraph evaluates lazily and its serializers write to any object with
`write()`, in chunks of about 8 KiB. `Streaming` runs the query and its serializer
in one thread (pyoxigraph result objects must stay in the thread that made them)
and hands the chunks to the caller through a bounded queue, so a large result is
never held whole in memory and a slow client slows the serializer down instead.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox

from kg import negotiate as neg
from kg.config import Config
from kg.federation import prepare

# Media type → (format name for ?format=, pyoxigraph format)
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    neg.SPARQL_JSON: ("json", ox.QueryResultsFormat.JSON),
    neg.SPARQL_XML: ("xml", ox.QueryResultsFormat.XML),
    neg.CSV: ("csv", ox.QueryResultsFormat.CSV),
    neg.TSV: ("tsv", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    neg.TURTLE: ("turtle", ox.RdfFormat.TURTLE),
    neg.NTRIPLES: ("ntriples", ox.RdfFormat.N_TRIPLES),
    neg.JSONLD: ("jsonld", ox.RdfFormat.JSON_LD),
    neg.RDFXML: ("rdfxml", ox.RdfFormat.RDF_XML),
    neg.TRIG: ("trig", ox.RdfFormat.TRIG),
    neg.NQUADS: ("nquads", ox.RdfFormat.N_QUADS),
}
# Kept for callers of the v0 API; negotiation itself lives in kg.negotiate.
ALIASES = neg.ALIASES
FORMAT_NAMES: dict[str, str] = {
    name: (mt if isinstance(mt, str) else mt[0]) for name, mt in neg.FORMAT_NAMES.items()
}

CHUNK = 64 * 1024


@dataclass
class QueryResult:
    form: str  # "solutions", "boolean" or "graph"
    value: object

    @property
    def offered(self) -> list[str]:
        """Media types this result can be written in, preferred first."""
        return list(neg.OFFERS[self.form])


def run(
    store: ox.Store,
    query: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
    config: Config | None = None,
) -> QueryResult:
    """Evaluate a query.

    Every query passes `kg.federation.prepare` first, because pyoxigraph would make
    SERVICE calls itself with no timeout or address policy: the policy is checked, our
    own SERVICE calls run, and pyoxigraph only ever sees a query without SERVICE.

    The dataset, in the order SPARQL 1.1 Protocol §2.1.4 gives it: graphs named by the
    protocol (`default-graph-uri`, `named-graph-uri`; a missing graph is empty), else
    the query's FROM / FROM NAMED (graphs in the store, never fetched), else our
    default: the store's default graph, which every build fills with the deduplicated
    union of all named graphs (`kg.store.materialize_union`), every named graph
    available to GRAPH. Without `config` the defaults apply (Wikidata only, no map).

    Raises SyntaxError for a malformed query (message carries line:column) and
    `kg.federation.QueryRefused` for a refused query or a failed SERVICE call.
    """
    prepared = prepare(query, config if config is not None else Config())
    dataset: tuple[list[str], list[str]] | None = None
    if default_graphs or named_graphs:  # the protocol's dataset overrides the query's
        dataset = (default_graphs or [], named_graphs or [])
    elif prepared.default_graphs is not None:  # FROM / FROM NAMED: graphs in the store
        dataset = (prepared.default_graphs, prepared.named_graphs or [])
    kwargs: dict = {}
    if dataset is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in dataset[0]]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
    result = store.query(prepared.query_text, base_iri=base_iri, **kwargs)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", result)
    if isinstance(result, ox.QuerySolutions):
        return QueryResult("solutions", result)
    return QueryResult("graph", result)


def serialize_into(
    result: QueryResult, media_type: str, out: IO[bytes], prefixes: dict[str, str] | None = None
) -> None:
    """Write a result in `media_type` (one of `result.offered` or an alias of one) to `out`."""
    media_type = neg.normalize(media_type, result.form)
    if result.form == "graph":
        fmt = GRAPH_FORMATS[media_type][1]
        items = result.value
        if fmt.supports_datasets:  # triples go to the default graph of a TriG/N-Quads document
            items = (ox.Quad(t.subject, t.predicate, t.object) for t in result.value)
        pretty = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
        ox.serialize(items, out, fmt, prefixes=prefixes if pretty else None)
        return
    result.value.serialize(out, RESULT_FORMATS[media_type][1])  # type: ignore[attr-defined]


def serialize(
    result: QueryResult, media_type: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """Write a whole result in memory (the CLI and small answers)."""
    out = io.BytesIO()
    serialize_into(result, media_type, out, prefixes)
    return out.getvalue()


class _Cancelled(Exception):
    """The consumer went away (client disconnected): stop serializing."""


class _QueueWriter(io.RawIOBase):
    """A write-only file that hands `CHUNK`-sized pieces to a bounded queue."""

    def __init__(self, out: queue.Queue, cancel: threading.Event) -> None:
        self._out = out
        self._cancel = cancel
        self._buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self._buf += b
        if len(self._buf) >= CHUNK:
            self._send(bytes(self._buf))
            self._buf.clear()
        return len(b)

    def finish(self) -> None:
        if self._buf:
            self._send(bytes(self._buf))
            self._buf.clear()

    def _send(self, data: bytes) -> None:
        while True:
            if self._cancel.is_set():
                raise _Cancelled
            try:
                self._out.put(("data", data), timeout=0.5)
                return
            except queue.Full:
                continue


class Streaming:
    """One query evaluated and serialized in its own thread, read as chunks.

    Use: `s = Streaming(store, query, ...)`; `s.form` is known once the constructor
    returns (SyntaxError raised there); then `s.start(media_type, prefixes)` returns
    an iterator of bytes, or `s.cancel()` when no format fits.
    """

    def __init__(
        self,
        store: ox.Store,
        query: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
        config: Config | None = None,
        max_queued_chunks: int = 16,
    ) -> None:
        self._out: queue.Queue = queue.Queue(maxsize=max_queued_chunks)
        self._decision: queue.Queue = queue.Queue(maxsize=1)
        self._cancel = threading.Event()
        args = (store, query, default_graphs, named_graphs, base_iri, config)
        self._thread = threading.Thread(target=self._work, args=args, daemon=True)
        self._thread.start()
        kind, value = self._out.get()
        if kind == "error":
            raise value
        self.form: str = value

    def _work(self, store, query, default_graphs, named_graphs, base_iri, config) -> None:
        try:
            result = run(
                store,
                query,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                base_iri=base_iri,
                config=config,
            )
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            self._out.put(("error", exc))
            return
        self._out.put(("form", result.form))
        decision = self._decision.get()
        if decision is None:
            return
        media_type, prefixes = decision
        writer = _QueueWriter(self._out, self._cancel)
        try:
            serialize_into(result, media_type, writer, prefixes)  # type: ignore[arg-type]
            writer.finish()
        except _Cancelled:
            return
        except BaseException as exc:  # noqa: BLE001
            self._put_final(("fail", exc))
            return
        self._put_final(("end", None))

    def _put_final(self, item: tuple) -> None:
        while not self._cancel.is_set():
            try:
                self._out.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def cancel(self) -> None:
        self._cancel.set()
        try:
            self._decision.put_nowait(None)
        except queue.Full:
            pass

    def start(self, media_type: str, prefixes: dict[str, str] | None = None) -> Chunks:
        self._decision.put((media_type, prefixes))
        return Chunks(self)


class Chunks:
    """The serialized answer, piece by piece; `close()` stops the serializer thread.

    Not a generator on purpose: WSGI servers call `close()` whether or not they read
    the body (HEAD, a client that hung up), and a generator that never started would
    not notice its close, leaving the serializer blocked on a full queue.
    """

    def __init__(self, streaming: Streaming) -> None:
        self._streaming = streaming
        self._done = False

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._done:
            raise StopIteration
        kind, value = self._streaming._out.get()
        if kind == "data":
            return value
        self.close()
        if kind == "end":
            raise StopIteration
        raise value  # "fail": the answer is cut short; the client sees a broken stream

    def close(self) -> None:
        self._done = True
        self._streaming.cancel()


def stream(
    store: ox.Store,
    query: str,
    choose: Callable[[str], str | None],
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
    prefixes: dict[str, str] | None = None,
    config: Config | None = None,
) -> tuple[str, str | None, Chunks | None]:
    """Run `query`, pick its format with `choose(form)`, and return (form, type, chunks).

    When `choose` returns None the query is abandoned and chunks is None (a 406).
    """
    s = Streaming(
        store,
        query,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        base_iri=base_iri,
        config=config,
    )
    media_type = choose(s.form)
    if media_type is None:
        s.cancel()
        return s.form, None, None
    return s.form, media_type, s.start(media_type, prefixes)
