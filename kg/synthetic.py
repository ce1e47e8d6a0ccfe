"""Synthetic graphs in newsgraph's vocabulary, for benchmarks and reasoning tests.

They imitate what the extractors build from the seeds (documents, meetings with
chairs and participants, statements made at meetings, deployments with national
contingents, numeric claims, text-span annotations, organizations nested in
organizations, Wikidata links), at any size, deterministically (seeded), and
conforming to the shapes, so that timing pyshacl measures the normal case.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.namespaces import DEFAULT_BASE, NG, OA, ORG, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

MEETING_KINDS = [NG.Session, NG.Summit, NG.Videoconference, NG.PhoneCall, NG.InPersonMeeting]
STATEMENT_KINDS = [NG.Speech, NG.DirectQuote, NG.ReportedSpeech, NG.WrittenStatement]
QUANTITY_KINDS = [NG.Deaths, NG.Injuries, NG.Detentions, NG.Flights, NG.OtherQuantity]


def _i(kind: str, key: object, base: str) -> URIRef:
    return URIRef(f"{base}{kind}/{key}")


def _date(rng: random.Random) -> Literal:
    return Literal(f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)


def synthetic_units(
    n_triples: int, seed: int = 0, base: str = DEFAULT_BASE
) -> Iterator[tuple[URIRef, list[Triple]]]:
    """(document IRI, triples of that document's graph), endlessly.

    `n_triples` sizes the pools of people, organizations and countries the
    documents share, as a corpus of that size would; callers stop when they
    have enough (entities repeated across documents collapse in a union).
    """
    rng = random.Random(seed)
    n_docs = max(1, n_triples // 120)
    n_people = max(4, n_docs // 2)
    n_orgs = max(4, n_docs // 10)
    n_countries = min(200, max(3, n_docs // 20))
    people = [_i("person", f"p{k}", base) for k in range(n_people)]
    orgs = [_i("org", f"o{k}", base) for k in range(n_orgs)]
    countries = [_i("country", f"c{k}", base) for k in range(n_countries)]
    places = [_i("place", f"pl{k}", base) for k in range(max(2, n_countries * 2))]
    doc_no = 0
    while True:
        t: list[Triple] = []
        content_parts = [f"Document {doc_no}. "]
        text = f"Speaker said something about topic {doc_no}"
        start = len(content_parts[0])
        content_parts.append(text + ".")
        content = "".join(content_parts)
        sha = hashlib.sha256(content.encode()).hexdigest()
        doc = _i("doc", sha[:16], base)
        t += [
            (doc, RDF.type, NG.Document),
            (doc, NG.sha256, Literal(sha)),
            (doc, NG.fileName, Literal(f"doc{doc_no}.txt")),
            (doc, NG.content, Literal(content)),
            (doc, DCTERMS.title, Literal(f"Document {doc_no}")),
        ]
        # the entities this document mentions, typed and labelled in its graph
        mentioned_people = rng.sample(people, min(5, len(people)))
        mentioned_orgs = rng.sample(orgs, min(2, len(orgs)))
        mentioned_countries = rng.sample(countries, min(2, len(countries)))
        place = rng.choice(places)
        for p in mentioned_people:
            t += [
                (p, RDF.type, NG.Person),
                (p, RDFS.label, Literal(f"Person {p.rsplit('/', 1)[1]}", lang="en")),
                (p, PROV.wasDerivedFrom, doc),
            ]
        for o in mentioned_orgs:
            k = int(o.rsplit("/o", 1)[1])
            t += [
                (o, RDF.type, NG.Organization),
                (o, RDFS.label, Literal(f"Organization {k}", lang="en")),
            ]
            if k % 3:  # a three-level hierarchy: o(k) inside o(k - 1) inside …
                parent = orgs[k - 1]
                t += [(o, ORG.subOrganizationOf, parent), (parent, RDF.type, NG.Organization)]
                t += [(parent, RDFS.label, Literal(f"Organization {k - 1}", lang="en"))]
        for c in mentioned_countries:
            k = int(c.rsplit("/c", 1)[1])
            t += [
                (c, RDF.type, NG.Country),
                (c, RDFS.label, Literal(f"Country {k}", lang="en")),
                (c, OWL.sameAs, WD[f"Q{1000 + k}"]),
            ]
        t += [
            (place, RDF.type, NG.Place),
            (place, RDFS.label, Literal(f"Place {place.rsplit('/', 1)[1]}", lang="en")),
            (place, SKOS.altLabel, Literal("Alt name", lang="en")),
            (place, NG.country, mentioned_countries[0]),
        ]
        # a meeting, chaired, with participants, and statements made at it
        date = _date(rng)
        meeting = _i("meeting", f"{date}-d{doc_no}", base)
        chair, *others = mentioned_people
        t += [
            (meeting, RDF.type, NG.Meeting),
            (meeting, RDFS.label, Literal(f"Meeting {doc_no}", lang="en")),
            (meeting, NG.date, date),
            (meeting, NG.dateBasis, NG.ExplicitDate),
            (meeting, NG.kind, rng.choice(MEETING_KINDS)),
            (meeting, NG.organizer, mentioned_orgs[0]),
            (meeting, NG.chair, chair),
            (meeting, NG.participant, others[0]),
            (meeting, NG.participant, mentioned_countries[1]),
            (meeting, NG.topic, mentioned_countries[0]),
            (meeting, NG.location, place),
            (meeting, PROV.wasDerivedFrom, doc),
        ]
        for j, speaker in enumerate(others[1:]):  # speakers not listed as participants
            st = _i("statement", f"d{doc_no}s{j}", base)
            t += [
                (st, RDF.type, NG.Statement),
                (st, NG.speaker, speaker),
                (st, NG.date, date),
                (st, NG.madeAt, meeting),
                (st, NG.text, Literal(f"Statement {j} of document {doc_no}")),
                (st, NG.statementKind, rng.choice(STATEMENT_KINDS)),
                (st, NG.about, mentioned_countries[0]),
                (st, PROV.wasDerivedFrom, doc),
            ]
            if j == 0:  # one statement carries its text span
                anno = _i("anno", f"{sha[:16]}/{start}-{start + len(text)}", base)
                target, quote, pos = (
                    URIRef(f"{anno}#{x}") for x in ("target", "quote", "position")
                )
                t += [
                    (st, NG.evidence, anno),
                    (anno, RDF.type, OA.Annotation),
                    (anno, OA.motivatedBy, OA.identifying),
                    (anno, OA.hasBody, st),
                    (anno, OA.hasTarget, target),
                    (target, RDF.type, OA.SpecificResource),
                    (target, OA.hasSource, doc),
                    (target, OA.hasSelector, quote),
                    (target, OA.hasSelector, pos),
                    (quote, RDF.type, OA.TextQuoteSelector),
                    (quote, OA.exact, Literal(text)),
                    (pos, RDF.type, OA.TextPositionSelector),
                    (pos, OA.start, Literal(start)),
                    (pos, OA.end, Literal(start + len(text))),
                ]
        # a deployment with a contingent and a sub-contingent (partOf is transitive)
        if doc_no % 4 == 0:
            dep = _i("deployment", f"d{doc_no}", base)
            cont = URIRef(f"{dep}/{mentioned_countries[1].rsplit('/', 1)[1]}")
            unit = URIRef(f"{cont}/unit")
            t += [
                (dep, RDF.type, NG.Deployment),
                (dep, NG.deployedBy, mentioned_orgs[0]),
                (dep, NG.destination, mentioned_countries[0]),
                (dep, NG.personnel, Literal(rng.randint(100, 3000))),
                (dep, NG.startDate, date),
                (dep, NG.commander, chair),
                (dep, NG.station, place),
                (dep, NG.authorizedBy, _i("decision", f"d{doc_no}", base)),
                (dep, PROV.wasDerivedFrom, doc),
                (cont, RDF.type, NG.Deployment),
                (cont, NG.partOf, dep),
                (cont, NG.deployedBy, mentioned_countries[1]),
                (cont, NG.contributor, mentioned_countries[1]),
                (cont, NG.equipmentUnits, Literal(rng.randint(1, 50))),
                (cont, PROV.wasDerivedFrom, doc),
                (unit, RDF.type, NG.Deployment),
                (unit, NG.partOf, cont),
                (unit, NG.deployedBy, mentioned_countries[1]),
                (unit, PROV.wasDerivedFrom, doc),
            ]
        claim = _i("claim", f"d{doc_no}", base)
        t += [
            (claim, RDF.type, NG.NumericClaim),
            (claim, NG.value, Literal(rng.randint(0, 500))),
            (claim, NG.quantityKind, rng.choice(QUANTITY_KINDS)),
            (claim, NG.counts, Literal("people")),
            (claim, NG.claimant, chair),
            (claim, NG.date, date),
            (claim, PROV.wasDerivedFrom, doc),
        ]
        doc_no += 1
        yield doc, t


def synthetic_graph(n_triples: int, seed: int = 0, base: str = DEFAULT_BASE) -> Graph:
    """One in-memory graph of at least `n_triples` distinct triples (the union)."""
    graph = Graph()
    for _doc, triples in synthetic_units(n_triples, seed, base):
        for triple in triples:
            graph.add(triple)
        if len(graph) >= n_triples:
            return graph
    raise AssertionError("unreachable")


def synthetic_dataset(n_triples: int, seed: int = 0, base: str = DEFAULT_BASE) -> Dataset:
    """One named graph per synthetic document, as the build stores them (about n_triples quads)."""
    ds = Dataset()
    quads = 0
    for doc, triples in synthetic_units(n_triples, seed, base):
        graph = ds.graph(doc)
        for triple in triples:
            graph.add(triple)
        quads += len(triples)
        if quads >= n_triples:
            return ds
    raise AssertionError("unreachable")
