"""Copy a remote SPARQL endpoint's graphs, page by page, into a local store to validate.

Why a copy: the SHACL queries (kg.quality.compile) use custom functions and need
the same SPARQL engine everywhere, so they run locally on Oxigraph; what crosses
the network is plain SPARQL 1.1 CONSTRUCT, which every endpoint answers.

- Pages: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <g> { ?s ?p ?o } } LIMIT n OFFSET k`
  (or the default graph). Without ORDER BY an endpoint need not return stable pages,
  so at the end the copy is counted against the endpoint's own COUNT; when they
  differ the copy is made again with ORDER BY ?s ?p ?o (slower on the endpoint).
- Memory: the copy goes to an on-disk Oxigraph store in a temporary directory, so
  what stays in memory is one page (`page_size` triples) plus the store's caches;
  beyond `max_triples` the copy stops with an error rather than filling the disk.
- Errors become one sentence each (EndpointError): unreachable, timed out, HTTP
  status with the first line of the answer, an answer that is not RDF.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests

from kg import __version__
from kg.quality.data import Data, EmptyData, _classify, _may_change, stored_forms

ACCEPT = "application/n-triples, text/turtle;q=0.9"
FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
}
DEFAULT = None  # the endpoint's default graph


class EndpointError(Exception):
    """The endpoint cannot give us its data; the message is one sentence."""


@dataclass
class Endpoint:
    url: str
    timeout: float = 120.0
    page_size: int = 50_000
    max_triples: int = 20_000_000

    def _request(self, query: str, accept: str) -> requests.Response:
        headers = {"Accept": accept, "User-Agent": f"newsgraph/{__version__}"}
        where = urlsplit(self.url).netloc or self.url
        try:
            response = requests.get(
                self.url, params={"query": query}, headers=headers, timeout=self.timeout
            )
            if response.status_code in (405, 414):  # GET refused: the protocol's POST form
                response = requests.post(
                    self.url, data={"query": query}, headers=headers, timeout=self.timeout
                )
        except requests.exceptions.ConnectTimeout as exc:
            raise EndpointError(
                f"{where} did not accept a connection within {self.timeout:g} s"
            ) from exc
        except requests.exceptions.ReadTimeout as exc:
            raise EndpointError(f"{self.url} did not answer within {self.timeout:g} s") from exc
        except requests.exceptions.SSLError as exc:
            raise EndpointError(f"the TLS handshake with {where} failed") from exc
        except requests.exceptions.ConnectionError as exc:
            raise EndpointError(
                f"cannot connect to {where}: nothing answers there, or the name does not resolve"
            ) from exc
        except requests.exceptions.InvalidURL as exc:
            raise EndpointError(f"{self.url} is not a usable URL") from exc
        except requests.exceptions.MissingSchema as exc:
            raise EndpointError(f"{self.url} is not a URL (http:// or https:// expected)") from exc
        except requests.RequestException as exc:
            raise EndpointError(f"the request to {self.url} failed ({type(exc).__name__})") from exc
        if response.status_code != 200:
            first = (response.text or "").strip().splitlines()
            detail = f": {first[0][:200]}" if first else ""
            raise EndpointError(f"{self.url} answered HTTP {response.status_code}{detail}")
        return response

    def count(self, graph: str | None) -> int:
        """Distinct triples (a default graph made of several graphs may repeat one)."""
        query = (
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
            f"{_pattern(graph)} }} }}"
        )
        response = self._request(query, "application/sparql-results+json")
        try:
            return int(response.json()["results"]["bindings"][0]["n"]["value"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise EndpointError(f"{self.url} answered a COUNT query with no usable count") from exc

    def graphs(self) -> list[str]:
        """Every named graph that holds a triple."""
        query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        response = self._request(query, "application/sparql-results+json")
        try:
            rows = response.json()["results"]["bindings"]
            return sorted(r["g"]["value"] for r in rows if r["g"]["type"] == "uri")
        except (ValueError, KeyError, TypeError) as exc:
            raise EndpointError(
                f"{self.url} answered the list of graphs with no usable result"
            ) from exc

    def page(self, graph: str | None, offset: int, ordered: bool) -> list[ox.Triple]:
        order = " ORDER BY ?s ?p ?o" if ordered else ""
        query = (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {_pattern(graph)} }}{order} "
            f"LIMIT {self.page_size} OFFSET {offset}"
        )
        response = self._request(query, ACCEPT)
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = FORMATS.get(media)
        if fmt is None:
            raise EndpointError(
                f"{self.url} answered a CONSTRUCT query with {media or 'no media type'}, "
                "not N-Triples or Turtle"
            )
        try:
            return [q.triple for q in ox.parse(response.content, fmt, base_iri=self.url)]
        except SyntaxError as exc:
            raise EndpointError(f"{self.url} answered with RDF that does not parse: {exc}") from exc


def _pattern(graph: str | None) -> str:
    return "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"


def fetch(endpoint: Endpoint, graphs: Sequence[str] | None = None) -> Data:
    """Copy the default graph (graphs=None), or the named graphs given ("all": every one),
    into a temporary on-disk store; their union is its default graph."""
    if graphs is not None and list(graphs) == ["all"]:
        graphs = endpoint.graphs()
        if not graphs:
            raise EndpointError(f"{endpoint.url} holds no named graph")
    targets: list[str | None] = [DEFAULT] if graphs is None else list(graphs)
    folder = tempfile.mkdtemp(prefix="newsgraph-validate-")
    store = ox.Store(folder)
    copied = 0
    canonical: dict[ox.Literal, ox.Literal] = {}
    try:
        for graph in targets:
            expected = endpoint.count(graph)
            if copied + expected > endpoint.max_triples:
                raise EndpointError(
                    f"{endpoint.url} holds {copied + expected:,} triples in the graphs asked "
                    f"for, more than the {endpoint.max_triples:,} allowed "
                    "(NEWSGRAPH_VALIDATE_MAX_TRIPLES, --max-triples)"
                )
            for ordered in (False, True):
                _drop(store, graph)
                got = _copy(endpoint, store, graph, ordered, canonical)
                if got == expected:
                    break
            else:
                raise EndpointError(
                    f"{endpoint.url} counts {expected:,} triples in "
                    f"{'its default graph' if graph is None else graph} but its pages held "
                    f"{got:,} distinct ones, even ordered"
                )
            copied += got
        store.flush()
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if triples == 0:
            raise EmptyData(f"{endpoint.url}: the graphs asked for hold no triple")
        data = Data(store=store, triples=triples)
        _classify(canonical, data)
        data.cleanup = lambda: shutil.rmtree(folder, ignore_errors=True)
        return data
    except BaseException:
        del store
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _drop(store: ox.Store, graph: str | None) -> None:
    """Forget a graph copied by unstable pages before copying it again, ordered."""
    if graph is None:
        store.clear_graph(ox.DefaultGraph())
        return
    name = ox.NamedNode(graph)
    if any(True for _ in store.quads_for_pattern(None, None, None, name)):
        store.remove_graph(name)


def _copy(
    endpoint: Endpoint,
    store: ox.Store,
    graph: str | None,
    ordered: bool,
    canonical: dict[ox.Literal, ox.Literal],
) -> int:
    """Copy one graph page by page; the number of distinct triples copied."""
    offset = 0
    name = ox.NamedNode(graph) if graph is not None else None
    while True:
        triples = endpoint.page(graph, offset, ordered)
        quads = []
        literals = []
        for t in triples:
            quads.append(ox.Quad(t.subject, t.predicate, t.object))
            if name is not None:
                quads.append(ox.Quad(t.subject, t.predicate, t.object, name))
            if (
                isinstance(t.object, ox.Literal)
                and _may_change(t.object)
                and t.object not in canonical
            ):
                literals.append(t.object)
        store.bulk_extend(quads)
        canonical.update(stored_forms(literals))
        offset += len(triples)
        if len(triples) < endpoint.page_size:
            break
    target = name if name is not None else ox.DefaultGraph()
    return sum(1 for _ in store.quads_for_pattern(None, None, None, target))
