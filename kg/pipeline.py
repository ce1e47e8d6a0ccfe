"""The per-document half of a build, as it runs in an extraction worker.

A worker (a local process, or a Dask worker on another machine) turns a batch of
documents into `DocOutput`s: the document's graph as N-Triples bytes, the conclusions
the reasoner draws from that graph alone, and the compact record cross-document
resolution needs. Everything is plain bytes, strings and tuples, small to send back,
so the process that loads the store never rebuilds an rdflib graph: it hands bytes to
Oxigraph's loader and rows to SQLite.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.documents import SourceDocument
from kg.extract import document_triples, documents_triples
from kg.extract.rdfize import Triple, TripleSet
from kg.extract.resolve import DocFacts, facts_of
from kg.namespaces import SCHEMA
from kg.reason import RuleSet, compile_rules, infer_triples
from kg.terms import to_ox


@dataclass
class DocOutput:
    """One extracted document, ready to load."""

    iri: str
    identity: str
    sha256: str
    file_name: str
    path: str | None
    triples: bytes = b""  # N-Triples: the document's named graph as extracted
    inferred: bytes = b""  # N-Triples: what the rules conclude from this graph alone
    facts: DocFacts = field(default_factory=DocFacts)
    seconds: float = 0.0  # extraction time, for the build's report
    error: str | None = None


@cache
def _rules() -> RuleSet:
    from kg.resources import load_ontology

    return compile_rules(load_ontology())


def _ox_triples(triples: Iterable[Triple]) -> list[ox.Triple]:
    """Oxigraph's form of rdflib triples; generalised ones (literal subjects) are dropped.
    A document names the same few dozen IRIs over and over: each is converted once."""
    named: dict[URIRef, ox.NamedNode] = {}

    def term(t):
        if type(t) is URIRef:
            n = named.get(t)
            if n is None:
                n = named[t] = ox.NamedNode(t)
            return n
        return to_ox(t)

    return [
        ox.Triple(term(s), term(p), term(o))
        for s, p, o in triples
        if not isinstance(s, Literal) and isinstance(p, URIRef)
    ]


def _nt(triples: Sequence[ox.Triple]) -> bytes:
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b""


def output_of(doc: SourceDocument, graph: TripleSet, base: str, seconds: float) -> DocOutput:
    """The loadable form of one document's extracted triples."""
    if doc.identity.startswith(("http://", "https://")):
        # the article's address: where the text was read (schema:url on the document)
        graph.add((doc.iri(base), SCHEMA.url, URIRef(doc.identity)))
    triples = _ox_triples(graph)
    conclusions = infer_triples(graph, _rules())
    return DocOutput(
        iri=str(doc.iri(base)),
        identity=doc.identity,
        sha256=doc.sha256,
        file_name=doc.file_name,
        path=doc.path,
        triples=_nt(triples),
        inferred=_nt(_ox_triples(conclusions)),
        facts=facts_of(triples),
        seconds=seconds,
    )


def warm() -> None:
    """Build, in this process, what every extraction worker would otherwise build for
    itself on its first document: the spaCy pipeline, the world gazetteer's place index
    (160k names, about a CPU second) and the compiled reasoning rules. The build calls it
    before its workers fork, so they share one copy instead of each paying for its own.

    What it builds lives as long as the process, so it is then frozen out of the cyclic
    collector's reach (gc.freeze, as Python's gc documentation advises before a fork): a
    worker's full collections no longer walk the pipeline and the 160k places, nor write to
    their pages, which stay shared with the parent: 5-7% less CPU for 200 documents
    extracted in one process after warm(), about 1% of a whole build's wall time
    (benchmarks/RESULTS.md, "Build speed in the session of 2026-12-05 07:47")."""
    from kg.extract import nlp, world

    nlp.get()
    world._places()
    _rules()
    gc.collect()
    gc.freeze()


def process_batch(
    docs: Sequence[SourceDocument], base: str, model: str | None = None
) -> list[DocOutput]:
    """Worker entry point: a batch of documents in, one output per document out, in order.

    `model` is the spaCy pipeline the build is configured with (a Dask worker on another
    machine does not share the build's settings). A pipeline that is not installed stops
    the batch with ModelMissing, which reaches the build: never a graph of empty documents.
    Extraction sees the whole batch (kg.extract.extract_documents); if the batch call
    fails, each document is tried alone so one bad document costs only itself.
    """
    from kg.extract import nlp

    if model:
        nlp.configure(model)
    if docs:
        nlp.get()
    started = time.perf_counter()
    try:
        graphs = documents_triples(docs, base=base)
        each = (time.perf_counter() - started) / max(1, len(docs))
        timed = [(g, each) for g in graphs]
    except Exception:  # noqa: BLE001 - fall back to one document at a time
        timed = []
        for doc in docs:
            t0 = time.perf_counter()
            timed.append((document_triples(doc, base=base), time.perf_counter() - t0))
    out: list[DocOutput] = []
    for doc, (graph, seconds) in zip(docs, timed, strict=True):
        try:
            out.append(output_of(doc, graph, base, seconds))
        except Exception as exc:  # noqa: BLE001 - reported by name, the build goes on
            out.append(
                DocOutput(
                    iri=str(doc.iri(base)),
                    identity=doc.identity,
                    sha256=doc.sha256,
                    file_name=doc.file_name,
                    path=doc.path,
                    error=f"extraction failed: {type(exc).__name__}: {exc}",
                )
            )
    return out
