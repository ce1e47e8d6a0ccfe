"""A synthetic graph in newsgraph's vocabulary, of any size, for engine benchmarks.

Deterministic (seeded) so every engine and every run sees the same data. The shape
follows docs/modelling.md: one named graph per document holding its meeting and
statements, entities (persons, organizations, posts, countries) in one graph.
Organizations form a deep `org:subOrganizationOf` hierarchy so that a property-path
query walks hundreds of steps (where rdflib's recursive evaluator gives up).

    python -m benchmarks.synth 1000000 /tmp/g.nq
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BASE = "https://w3id.org/newsgraph/id/"
NG = "https://w3id.org/newsgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
ORG = "http://www.w3.org/ns/org#"
PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCT = "http://purl.org/dc/terms/"
SCHEMA_PUBLISHED = "https://schema.org/datePublished"
XSD = "http://www.w3.org/2001/XMLSchema#"

ENTITIES_GRAPH = BASE + "graph/entities"
TRIPLES_PER_DOC = 39  # measured: documents + their share of the entities
FIRST = [
    "Amir",
    "Bakyt",
    "Celine",
    "Dilnoza",
    "Erlan",
    "Fatma",
    "Gulnara",
    "Hakan",
    "Ilham",
    "Jamila",
    "Kanat",
    "Leyla",
    "Murat",
    "Nursultan",
    "Olzhas",
    "Parviz",
    "Rustam",
    "Saule",
    "Timur",
    "Ulan",
    "Vera",
    "Yerlan",
    "Zarina",
    "Aigerim",
    "Bolat",
]
LAST = [
    "Abdullayev",
    "Bekov",
    "Cakar",
    "Dosmukhamedov",
    "Ermekov",
    "Farhadi",
    "Gurbanov",
    "Hasanov",
    "Ismailov",
    "Juraev",
    "Karimov",
    "Levchenko",
    "Mamedov",
    "Nazarov",
    "Omarov",
    "Petrov",
    "Rakhimov",
    "Sultanov",
    "Tokayev",
    "Umarov",
    "Valiev",
    "Yusupov",
]
COUNTRIES = [
    "kazakhstan",
    "russia",
    "turkey",
    "azerbaijan",
    "uzbekistan",
    "kyrgyzstan",
    "tajikistan",
    "turkmenistan",
    "hungary",
    "armenia",
    "belarus",
    "china",
    "iran",
    "georgia",
    "mongolia",
    "india",
    "pakistan",
    "afghanistan",
    "ukraine",
    "moldova",
]
WORDS = [
    "security",
    "stability",
    "cooperation",
    "sovereignty",
    "peacekeeping",
    "dialogue",
    "trade",
    "energy",
    "transit",
    "humanitarian",
    "terrorism",
    "extremism",
    "border",
    "investment",
    "integration",
    "solidarity",
    "consultations",
    "withdrawal",
    "mandate",
    "elections",
    "sanctions",
    "pipeline",
    "grain",
    "refugees",
    "ceasefire",
]
START = date(2015, 1, 1)
DAYS = 3650


@dataclass(frozen=True)
class Sizes:
    docs: int
    persons: int
    orgs: int

    @classmethod
    def for_triples(cls, triples: int) -> Sizes:
        docs = max(10, triples // TRIPLES_PER_DOC)
        return cls(docs=docs, persons=max(10, docs // 2), orgs=max(10, docs // 5))


def lit(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def typed(value: str, datatype: str) -> str:
    return f"{lit(value)}^^<{XSD}{datatype}>"


def en(value: str) -> str:
    return f"{lit(value)}@en"


def person_iri(i: int) -> str:
    return f"<{BASE}person/p{i}>"


def org_iri(i: int) -> str:
    return f"<{BASE}org/o{i}>"


def quads(triples: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines of a graph of about `triples` triples."""
    rnd = random.Random(seed)
    sizes = Sizes.for_triples(triples)
    g = f"<{ENTITIES_GRAPH}>"
    for c in COUNTRIES:
        yield f"<{BASE}country/{c}> <{RDF_TYPE}> <{NG}Country> {g} .\n"
        yield f"<{BASE}country/{c}> <{RDFS_LABEL}> {en(c.title())} {g} .\n"
    for i in range(sizes.orgs):
        o = org_iri(i)
        yield f"{o} <{RDF_TYPE}> <{NG}Organization> {g} .\n"
        yield f"{o} <{RDFS_LABEL}> {en(f'Organization {i}')} {g} .\n"
        yield f"{o} <{NG}country> <{BASE}country/{rnd.choice(COUNTRIES)}> {g} .\n"
        if i:  # parent among the 40 before: chains hundreds of levels deep
            yield f"{o} <{ORG}subOrganizationOf> {org_iri(max(0, i - rnd.randint(1, 40)))} {g} .\n"
    for i in range(sizes.persons):
        p = person_iri(i)
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        yield f"{p} <{RDF_TYPE}> <{NG}Person> {g} .\n"
        yield f"{p} <{RDFS_LABEL}> {en(f'{name} {i}')} {g} .\n"
        yield f"{p} <{SKOS_ALT}> {en(name.upper())} {g} .\n"
        if rnd.random() < 0.7:  # some persons hold no known post: OPTIONAL matters
            post = f"<{BASE}post/p{i}>"
            yield f"{p} <{ORG}holds> {post} {g} .\n"
            yield f"{post} <{ORG}postIn> {org_iri(rnd.randrange(sizes.orgs))} {g} .\n"
    for d in range(sizes.docs):
        doc = f"<{BASE}doc/d{d:08d}>"
        dg = doc
        day = START + timedelta(days=rnd.randrange(DAYS))
        when = typed(day.isoformat(), "date")
        yield f"{doc} <{RDF_TYPE}> <{NG}Document> {dg} .\n"
        yield f"{doc} <{DCT}title> {lit(f'Communique {d} on ' + rnd.choice(WORDS))} {dg} .\n"
        yield f"{doc} <{SCHEMA_PUBLISHED}> {when} {dg} .\n"
        yield f"{doc} <{NG}sha256> {lit(f'{rnd.getrandbits(256):064x}')} {dg} .\n"
        m = f"<{BASE}meeting/m{d}>"
        topic = f"<{BASE}country/{rnd.choice(COUNTRIES)}>"
        people = rnd.sample(range(sizes.persons), min(4, sizes.persons))
        yield f"{m} <{RDF_TYPE}> <{NG}Meeting> {dg} .\n"
        yield f"{m} <{RDFS_LABEL}> {en(f'Meeting {d}')} {dg} .\n"
        yield f"{m} <{NG}date> {when} {dg} .\n"
        yield f"{m} <{NG}organizer> {org_iri(rnd.randrange(sizes.orgs))} {dg} .\n"
        yield f"{m} <{NG}chair> {person_iri(people[0])} {dg} .\n"
        yield f"{m} <{NG}topic> {topic} {dg} .\n"
        yield f"{m} <{PROV_FROM}> {doc} {dg} .\n"
        for p in people:
            yield f"{m} <{NG}participant> {person_iri(p)} {dg} .\n"
        for k in range(3):
            s = f"<{BASE}statement/s{d}-{k}>"
            text = " ".join(rnd.choice(WORDS) for _ in range(12))
            yield f"{s} <{RDF_TYPE}> <{NG}Statement> {dg} .\n"
            yield f"{s} <{NG}speaker> {person_iri(rnd.choice(people))} {dg} .\n"
            yield f"{s} <{NG}date> {when} {dg} .\n"
            yield f"{s} <{NG}madeAt> {m} {dg} .\n"
            yield f"{s} <{NG}text> {lit(text.capitalize() + '.')} {dg} .\n"
            yield f"{s} <{NG}about> {topic} {dg} .\n"
            yield f"{s} <{PROV_FROM}> {doc} {dg} .\n"


def write(triples: int, out: Path, seed: int = 7) -> int:
    """Write the N-Quads file; returns the number of quads written."""
    n = 0
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        buf: list[str] = []
        for line in quads(triples, seed):
            buf.append(line)
            if len(buf) >= 10_000:
                fh.writelines(buf)
                n += len(buf)
                buf.clear()
        fh.writelines(buf)
        n += len(buf)
    tmp.replace(out)
    return n


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "synth.nq")
    print(f"{write(size, target)} quads written to {target}", file=sys.stderr)
