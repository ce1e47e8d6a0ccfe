"""Extractors: pure functions from a document's text to RDF triples.

`extract_document` turns one document into the triples of its named graph;
`resolve` is the cross-document step the build runs once all are extracted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

import rdflib
from rdflib import URIRef

from kg.documents import SourceDocument
from kg.extract.claims import claims as find_claims
from kg.extract.context import Doc, build, finish, reading
from kg.extract.deployments import deployments as find_deployments
from kg.extract.encounters import encounters, merge_into
from kg.extract.forces import deployments_from_parse
from kg.extract.forces import merge_into as merge_forces
from kg.extract.gazetteer import load_lexicon
from kg.extract.meetings import meetings as find_meetings
from kg.extract.model import Extraction
from kg.extract.participants import settle_participants
from kg.extract.rdfize import TripleSet, to_triples
from kg.extract.resolve import resolve as _resolve
from kg.extract.sidelines import sideline_parents
from kg.extract.statements import statements as find_statements
from kg.namespaces import DEFAULT_BASE

__all__ = [
    "document_triples",
    "documents_triples",
    "extract_document",
    "extract_documents",
    "extract_facts",
    "resolve",
]
log = logging.getLogger(__name__)
MAX_CHARS = (
    300_000  # beyond this only the head is read (about 50,000 words); the content is kept whole
)

# Build the automaton once at import, so forked build workers share it.
load_lexicon()


def extract_facts(doc: SourceDocument) -> tuple[Extraction, object]:
    """The intermediate facts of one document (used by the scorer and the tests)."""
    return _facts(build(*_read_as(doc)))


def _read_as(doc: SourceDocument) -> tuple[str, str]:
    """The text the rules read and the key its context is built under: one place for both,
    since a document read alone and read in a batch must give the same facts."""
    text = doc.text if len(doc.text) <= MAX_CHARS else doc.text[:MAX_CHARS]
    return text, doc.key[:8]


def _facts(ctx: Doc) -> tuple[Extraction, Doc]:
    meetings = merge_into(ctx, find_meetings(ctx), encounters(ctx))
    stmts = find_statements(ctx, meetings)
    meetings = sideline_parents(ctx, settle_participants(ctx, meetings, stmts))
    deps = merge_forces(ctx, find_deployments(ctx), deployments_from_parse(ctx))
    cls = find_claims(ctx, stmts)
    _force_sizes(ctx, deps, cls)
    return Extraction(
        meta=ctx.meta,
        entities=ctx.entities,
        posts=ctx.posts,
        mentions=ctx.mentions,
        meetings=meetings,
        statements=stmts,
        deployments=deps,
        claims=cls,
    ), ctx


def _force_sizes(ctx, deps, cls) -> None:
    """A contingent's size is a numeric claim of the story too ("Personnel", "Equipment"),
    however the sentence words it; one claim per number and kind said."""
    from kg.extract.model import Claim

    have = {(c.quantity_kind, int(c.value)) for c in cls}
    for d in deps:
        for kind, value in (("Personnel", d.personnel), ("Equipment", d.equipment)):
            if value is None or (kind, int(value)) in have:
                continue
            span = d.evidence[0] if d.evidence else d.span
            cls.append(
                Claim(
                    span=span,
                    value=value,
                    quantity_kind=kind,
                    counts="personnel" if kind == "Personnel" else "units of equipment",
                )
            )
            have.add((kind, int(value)))


def extract_document(doc: SourceDocument, *, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """Pure: text in, triples out. Every triple of this document's named graph.

    Never raises on odd text: if a rule fails, the document node alone is returned.
    """
    return document_triples(doc, base=base).graph(base)


def document_triples(doc: SourceDocument, *, base: str = DEFAULT_BASE) -> TripleSet:
    """`extract_document`'s triples without building an rdflib Graph of them (the build's
    path: it only serialises them and reasons over them)."""
    return _triples(doc, lambda: build(*_read_as(doc)), base)


def _triples(doc: SourceDocument, context: Callable[[], Doc], base: str) -> TripleSet:
    try:
        facts, ctx = _facts(context())
        return to_triples(
            doc, ctx, facts.meetings, facts.statements, facts.deployments, facts.claims, base
        )
    except Exception:  # noqa: BLE001 - a bad document must not stop a 10,000-document build
        log.exception("extraction failed for %s; keeping the document node only", doc.file_name)
        return _document_only(doc, base)


def extract_documents(
    docs: Sequence[SourceDocument], *, base: str = DEFAULT_BASE
) -> list[rdflib.Graph]:
    """A batch in, one graph per document out, in order (see `documents_triples`)."""
    return [t.graph(base) for t in documents_triples(docs, base=base)]


def documents_triples(
    docs: Sequence[SourceDocument], *, base: str = DEFAULT_BASE
) -> list[TripleSet]:
    """The build's one entry point into extraction: a batch in, one document's triples out
    per document, in order. Batches let a pipeline that prefers them (spaCy's `nlp.pipe`)
    see many documents at once; each document's triples still depend on that document
    alone. Each document first says what it wants read (kg.extract.context.reading), the
    reader reads it all in one pass, and each document is then finished on its own; a
    failure before the reading fails the batch (the build then extracts its documents one
    at a time), one after it costs only its document."""
    from kg.extract import nlp  # (spaCy is loaded where documents are read, not on import)

    steps = [reading(*_read_as(doc)) for doc in docs]
    answers = nlp.read_batch([next(s) for s in steps])
    return [
        _triples(doc, partial(finish, s, answer), base)
        for doc, s, answer in zip(docs, steps, answers, strict=True)
    ]


def _document_only(doc: SourceDocument, base: str) -> TripleSet:
    from rdflib import Literal
    from rdflib.namespace import RDF

    from kg.namespaces import NG

    d = doc.iri(base)
    return TripleSet(
        [
            (d, RDF.type, NG.Document),
            (d, NG.sha256, Literal(doc.sha256)),
            (d, NG.fileName, Literal(doc.file_name)),
            (d, NG.content, Literal(doc.text)),
        ]
    )


def resolve(graphs: dict[URIRef, rdflib.Graph], *, base: str = DEFAULT_BASE) -> None:
    """Cross-document step: one preferred label per entity, one IRI per speech seen twice."""
    _resolve(graphs, base=base)
