"""Extractors: pure functions from a document's text to RDF triples.

`extract_document` turns one document into the triples of its named graph;
`resolve` is the cross-document step the build runs once all are extracted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import rdflib
from rdflib import URIRef

from kg.documents import SourceDocument
from kg.extract.claims import claims as find_claims
from kg.extract.context import build
from kg.extract.deployments import deployments as find_deployments
from kg.extract.encounters import encounters, merge_into
from kg.extract.forces import deployments_from_parse
from kg.extract.forces import merge_into as merge_forces
from kg.extract.gazetteer import load_lexicon
from kg.extract.meetings import meetings as find_meetings
from kg.extract.model import Extraction
from kg.extract.rdfize import TripleSet, to_triples
from kg.extract.resolve import resolve as _resolve
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
    text = doc.text if len(doc.text) <= MAX_CHARS else doc.text[:MAX_CHARS]
    ctx = build(text, doc.key[:8])
    meetings = merge_into(ctx, find_meetings(ctx), encounters(ctx))
    stmts = find_statements(ctx, meetings)
    _speakers_join(ctx, meetings, stmts)
    _states_with_their_person(ctx, meetings)
    meetings = _with_someone(ctx, meetings, stmts)
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


# the others at a meeting told as a group: "Defence ministers of the Nordic states met …,
# with Ukraine's defence minister joining by video", "chairing the Forum sessions"
_GROUP_AT_IT = re.compile(
    r"\b(?:ministers|leaders|states|delegates|delegations|heads|members|sessions|counterparts|"
    r"officials|representatives|chair(?:ed|ing|s)?|presid(?:ed|ing))\b",
    re.I,
)


def _with_someone(ctx, meetings, stmts) -> list:
    """Talks or a call are between parties: one person alone, with no group at the table
    ("Madbouly held a meeting to review …", the "Japarov" of a press statement) is a
    misread. Not a visit (one person's trip), a summit or a session (a story may tell them
    through one attendee), nor talks whose other side is a group or that the person
    chaired. In the dev corpus 4 of 237 gold meetings are one person's; the rule drops 7
    misreads and 2 gold meetings (measured when it was added)."""
    kept = []
    for m in meetings:
        alone = (
            len(m.participants) == 1
            and m.participants[0].startswith("person/")
            and m.organizer is None
            and m.chair is None
            and m.kinds <= {"InPersonMeeting", "PhoneCall"}
            and not _GROUP_AT_IT.search(ctx.text, m.span.start, m.span.end)
        )
        if not alone:
            kept.append(m)
    gone = {m.key for m in meetings} - {m.key for m in kept}
    for st in stmts:
        if st.meeting in gone:
            st.meeting = None
    return kept


def _states_with_their_person(ctx, meetings) -> None:
    """A state is a party only where no person of it is named (docs/gold-format.md): in
    "Montenegro’s Foreign Minister Lukšić hosted Greek Foreign Minister Kotzias, who is
    paying an official visit to Montenegro" the visit is the two ministers', not also
    Montenegro's."""
    for m in meetings:
        held = set()
        for ref in m.participants:
            person = ctx.entities.get(ref) if ref.startswith("person/") else None
            for post in person.posts if person is not None else ():
                if post in ctx.posts and ctx.posts[post].country:
                    held.add(f"country/{ctx.posts[post].country}")
        if held:
            m.participants = [r for r in m.participants if r not in held]


def _speakers_join(ctx, meetings, stmts) -> None:
    """Speakers at a meeting are its participants too; not a spokesperson or a ministry
    reporting what others said there. At a body's session whoever speaks takes part; at
    people's talks, a person who speaks of them (a ministry that reports two people's
    talks did not take part in them)."""
    from kg.extract.statements import body_session, is_spokesperson, speaks_of

    by_key = {m.key: m for m in meetings}
    for st in stmts:
        m = by_key.get(st.meeting or "")
        if (
            m
            and st.speaker
            and st.speaker not in m.participants
            and not is_spokesperson(ctx, st.speaker)
            and (
                m.organizer
                or body_session(m)
                or (st.speaker.startswith("person/") and speaks_of(ctx, st, m))
            )
        ):
            m.participants.append(st.speaker)


def extract_document(doc: SourceDocument, *, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """Pure: text in, triples out. Every triple of this document's named graph.

    Never raises on odd text: if a rule fails, the document node alone is returned.
    """
    return document_triples(doc, base=base).graph(base)


def document_triples(doc: SourceDocument, *, base: str = DEFAULT_BASE) -> TripleSet:
    """`extract_document`'s triples without building an rdflib Graph of them (the build's
    path: it only serialises them and reasons over them)."""
    try:
        facts, ctx = extract_facts(doc)
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
    alone."""
    return [document_triples(doc, base=base) for doc in docs]


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
