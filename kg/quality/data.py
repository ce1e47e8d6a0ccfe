"""The data to validate, held in an Oxigraph store: named graphs kept, their union as default.

The SPARQL engine runs on the default graph (the union, as the endpoint serves it);
the named graphs tell each result which documents its values come from.

A trap (measured here; also https://github.com/RDFLib/rdflib/issues/2197): an Oxigraph
store keeps typed literals in its own canonical form. "150.0"^^xsd:decimal comes back
as "150" (the same value: results are mapped back to the input's form), but
"5"^^xsd:byte and "5"^^xsd:nonNegativeInteger come back as "5"^^xsd:integer, and
"4.0" and "4" as one term: sh:datatype, sh:in or sh:maxCount would then judge other
terms than the input holds. Loading therefore looks at the input's own literals and
counts those rewrites; kg.quality.validate then runs pyshacl on the input's terms
instead, and says why. The built store is not concerned: it is what the endpoint
serves, terms as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

from kg.quality.rdf_input import (
    JSONLD,
    NQUADS,
    NTRIPLES,
    RDFXML,
    TRIG,
    TURTLE,
    RDFInputError,
    check_xml_entities,
    guess_format,
    parse_rdf,
    union_graph,
)
from kg.terms import from_ox_exact, to_ox, triples_to_graph

OX_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    TRIG: ox.RdfFormat.TRIG,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    NQUADS: ox.RdfFormat.N_QUADS,
    JSONLD: ox.RdfFormat.JSON_LD,
    RDFXML: ox.RdfFormat.RDF_XML,
}
_PLAIN = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}
CHUNK = 50_000


class EmptyData(ValueError):
    """There is nothing to validate."""


@dataclass
class Data:
    """Data ready to validate: the store, its size, and what the store could not keep."""

    store: ox.Store
    triples: int
    rewritten: int = 0  # literals the store keeps in another form than the input's
    example: str = ""  # one of them, "<input> became <stored>"
    originals: dict[ox.Literal, ox.Literal] = field(default_factory=dict)  # stored -> input
    graph_factory: Callable[[], Graph] | None = None
    cleanup: Callable[[], None] | None = None  # removes a temporary on-disk store
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def faithful(self) -> bool:
        return self.rewritten == 0

    def graph(self) -> Graph:
        """The union as an in-memory rdflib Graph with the input's own terms (for pyshacl)."""
        if self._graph is None:
            if self.graph_factory is not None:
                self._graph = self.graph_factory()
            else:
                self._graph = triples_to_graph(
                    self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                )
        return self._graph


def from_store(store: ox.Store) -> Data:
    """A store whose default graph already holds the union (a newsgraph build)."""
    return Data(store=store, triples=_count(store))


def from_rdflib(data: Graph | Dataset) -> Data:
    """An rdflib graph or dataset (named graphs kept)."""
    if isinstance(data, ConjunctiveGraph):
        quads = (
            (s, p, o, None if getattr(g, "identifier", g) == _default_id(data) else g)
            for s, p, o, g in data.quads((None, None, None, None))
        )
    else:
        quads = ((s, p, o, None) for s, p, o in data)
    ox_quads = (
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None else to_ox(_id(g)))
        for s, p, o, g in quads
    )
    loaded = _load(ox_quads)

    def graph() -> Graph:
        return union_graph(data) if isinstance(data, ConjunctiveGraph) else data

    loaded.graph_factory = graph
    return loaded


def from_bytes(
    data: bytes,
    fmt: str | None = None,
    *,
    name: str | None = None,
    content_type: str | None = None,
    base: str | None = None,
) -> Data:
    """Parse with Oxigraph (about 15x faster than rdflib) into a fresh store.

    Errors become RDFInputError with the line; when Oxigraph gives none, rdflib's
    parser is asked where it breaks. Remote JSON-LD contexts are never fetched.
    """
    fmt = fmt or guess_format(data, name, content_type)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RDFInputError(f"not UTF-8 ({exc.reason})", line=line, fmt=fmt) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if fmt == RDFXML:
        check_xml_entities(data.decode("utf-8"))  # no external or exploding entities
    store = ox.Store()
    try:
        store.bulk_load(data, OX_FORMATS[fmt], base_iri=base)
        literals = _input_literals(data, fmt, base)
    except SyntaxError as exc:
        raise _input_error(exc, data, fmt, base) from exc
    if fmt in (TRIG, NQUADS, JSONLD) and any(True for _ in store.named_graphs()):
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    triples = _count(store)
    if triples == 0:
        raise EmptyData("the data holds no triple: nothing to validate")
    loaded = Data(store=store, triples=triples)
    _classify(stored_forms(literals), loaded)

    def graph() -> Graph:
        with quiet_rdflib():
            return union_graph(parse_rdf(data, fmt, base=base))

    loaded.graph_factory = graph
    return loaded


_NT_LITERAL = re.compile(rb'"((?:[^"\\\n\r]|\\.)*)"(?:\^\^<([^>]*)>|@([A-Za-z0-9-]+))')


def _input_literals(data: bytes, fmt: str, base: str | None) -> set[ox.Literal]:
    """The input's typed and language-tagged literals that a store may keep otherwise.

    N-Triples and N-Quads spell every literal in full, so a regular expression over
    the bytes finds them (a million triples in a fraction of a second); the other
    syntaxes are parsed once more, literal by literal.
    """
    found: set[ox.Literal] = set()
    if fmt not in (NTRIPLES, NQUADS):
        for q in ox.parse(data, OX_FORMATS[fmt], base_iri=base):
            o = q.object
            if isinstance(o, ox.Literal) and _may_change(o):
                found.add(o)
        return found
    seen: set[bytes] = set()
    for m in _NT_LITERAL.finditer(data):
        whole = m.group(0)
        if whole in seen:
            continue
        seen.add(whole)
        lexical, datatype, language = m.groups()
        if datatype is not None and datatype.decode() in _PLAIN:
            continue
        if language is not None and language == language.lower():
            continue
        if b"\\" in lexical:  # escapes: let the parser read this one literal
            line = b"<urn:x-newsgraph:s> <urn:x-newsgraph:p> " + whole + b" .\n"
            found.update(q.object for q in ox.parse(line, ox.RdfFormat.N_TRIPLES))
        elif datatype is not None:
            found.add(ox.Literal(lexical.decode(), datatype=ox.NamedNode(datatype.decode())))
        else:
            found.add(ox.Literal(lexical.decode(), language=language.decode()))
    return found


def parse_graph(
    data: bytes,
    fmt: str | None = None,
    *,
    name: str | None = None,
    content_type: str | None = None,
    base: str | None = None,
) -> Graph:
    """Parse a (shapes) graph with Oxigraph into an rdflib Graph that keeps every literal
    as written: rdflib's own parser would turn "1"^^xsd:boolean into "true", which SHACL
    tells apart (only "true" activates sh:closed or sh:uniqueLang). Graph names dropped."""
    fmt = fmt or guess_format(data, name, content_type)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RDFInputError(f"not UTF-8 ({exc.reason})", line=line, fmt=fmt) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if fmt == RDFXML:
        check_xml_entities(data.decode("utf-8"))
    graph = Graph()
    prefixes: dict[str, str] = {}
    try:
        parser = ox.parse(data, OX_FORMATS[fmt], base_iri=base)
        for q in parser:
            graph.add(
                (from_ox_exact(q.subject), from_ox_exact(q.predicate), from_ox_exact(q.object))
            )
        prefixes = dict(getattr(parser, "prefixes", {}) or {})
    except SyntaxError as exc:
        raise _input_error(exc, data, fmt, base) from exc
    for prefix, namespace in prefixes.items():
        if prefix:
            graph.bind(prefix, namespace, override=False)
    return graph


def _input_error(exc: SyntaxError, data: bytes, fmt: str, base: str | None) -> RDFInputError:
    label = {
        TURTLE: "Turtle",
        TRIG: "TriG",
        NTRIPLES: "N-Triples",
        NQUADS: "N-Quads",
        JSONLD: "JSON-LD",
        RDFXML: "RDF/XML",
    }[fmt]
    message = str(exc.msg if exc.msg else exc)
    message = message.split(": ", 1)[1] if message.startswith("Parser error at") else message
    if message.endswith(")") and " (line " in message:
        message = message[: message.rindex(" (line ")]
    line = exc.lineno
    if line is None:  # Oxigraph's RDF/XML errors carry no position: rdflib's do
        try:
            with quiet_rdflib():
                parse_rdf(data, fmt, base=base)
        except RDFInputError as located:
            line = located.line
            if located.line is not None:
                return RDFInputError(located.reason, line=line, fmt=fmt)
        except Exception:  # noqa: BLE001 - only looking for a line number
            pass
    return RDFInputError(f"{label} syntax error: {message}", line=line, fmt=fmt)


def _default_id(data: ConjunctiveGraph) -> object:
    return (
        data.default_graph.identifier
        if hasattr(data, "default_graph")
        else data.default_context.identifier
    )


def _id(g: object) -> object:
    return getattr(g, "identifier", g)


def _load(quads: Iterable[ox.Quad]) -> Data:
    """Load quads; the default graph gets the union (a set: a triple in two graphs, once)."""
    store = ox.Store()
    checked: set[ox.Literal] = set()
    canonical: dict[ox.Literal, ox.Literal] = {}  # input literal -> its stored form
    for chunk in _chunks(quads):
        batch = []
        literals = []
        for q in chunk:
            batch.append(q)
            if not isinstance(q.graph_name, ox.DefaultGraph):
                batch.append(ox.Quad(q.subject, q.predicate, q.object))
            o = q.object
            if isinstance(o, ox.Literal) and o not in checked and _may_change(o):
                checked.add(o)
                literals.append(o)
        store.extend(batch)
        canonical.update(stored_forms(literals))
    triples = _count(store)
    if triples == 0:
        raise EmptyData("the data holds no triple: nothing to validate")
    loaded = Data(store=store, triples=triples)
    _classify(canonical, loaded)
    return loaded


def _may_change(o: ox.Literal) -> bool:
    language = o.language or ""
    return o.datatype.value not in _PLAIN or language != language.lower()


def _classify(canonical: dict[ox.Literal, ox.Literal], loaded: Data) -> None:
    """Sort the store's rewrites into harmless ones (a lexical form in canonical form,
    mapped back in results) and those that change what a constraint decides."""
    sources: dict[ox.Literal, list[ox.Literal]] = {}
    for original, stored in canonical.items():
        if stored != original:
            sources.setdefault(stored, []).append(original)
    for stored, originals in sources.items():
        original = originals[0]
        changed_type = stored.datatype != original.datatype or (stored.language or "") != (
            original.language or ""
        )
        # two input terms that the store keeps as one ("4.0" and "4", or "4.0" and "4.00"
        # as xsd:decimal) would count once: sh:maxCount and sh:uniqueLang would change
        merged = len(originals) > 1 or stored in canonical
        if changed_type or merged:
            loaded.rewritten += len(originals)
            shown = " and ".join(str(o) for o in originals[:2])
            loaded.example = loaded.example or f"{shown} became {stored}"
        else:
            loaded.originals[stored] = original


def stored_forms(literals: Iterable[ox.Literal]) -> dict[ox.Literal, ox.Literal]:
    """What an Oxigraph store gives back for each literal (a scratch store tells)."""
    literals = list(literals)
    if not literals:
        return {}
    scratch = ox.Store()
    p = ox.NamedNode("urn:x-newsgraph:p")
    scratch.extend(
        ox.Quad(ox.NamedNode(f"urn:x-newsgraph:{i}"), p, lit) for i, lit in enumerate(literals)
    )
    back = {q.subject.value: q.object for q in scratch.quads_for_pattern(None, p, None)}
    return {lit: back[f"urn:x-newsgraph:{i}"] for i, lit in enumerate(literals)}


def _chunks(quads: Iterable[ox.Quad]) -> Iterator[list[ox.Quad]]:
    chunk: list[ox.Quad] = []
    for q in quads:
        chunk.append(q)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count(store: ox.Store) -> int:
    solution = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
    return int(solution["n"].value)


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Kept for the call sites that read as "rdflib may meet ill-typed literals here":
    the message itself is filtered for the whole process (kg/quality/__init__.py)."""
    yield
