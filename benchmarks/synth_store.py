"""A synthetic graph in newsgraph's vocabulary, of any size, as a served build.

For load and scale tests only (never for tests of meaning): persons, organizations,
countries, meetings and statements shaped like the extractor's output
(docs/modelling.md), one named graph per synthetic document, written straight into
a new build under DATA_DIR so `kg serve --no-build` serves it.

    python -m benchmarks.synth_store --data-dir var-synth --triples 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.config import Config
from kg.namespaces import DEFAULT_BASE
from kg.store import begin_build

NG = "https://w3id.org/newsgraph/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
WORDS = (
    "security peace troops summit agreement crisis stability cooperation region border"
    " sovereignty assistance mission forces talks ministers statement support order"
).split()
FIRST = "Aida Bolat Dana Erlan Farida Gulnara Ivan Jamal Kairat Lena Marat Nurlan Olga".split()
LAST = "Akhmetov Bekova Cavusoglu Dzhaksybekov Ermekov Fedorov Gusev Ivanova Karimov Lee".split()


def ng(term: str) -> ox.NamedNode:
    return ox.NamedNode(NG + term)


def quads(target: int, seed: int, base: str) -> Iterator[ox.Quad]:
    """About `target` quads; each synthetic document contributes ~50."""
    rng = random.Random(seed)
    persons = [ox.NamedNode(f"{base}person/p{i}") for i in range(max(50, target // 500))]
    orgs = [ox.NamedNode(f"{base}org/o{i}") for i in range(max(10, target // 5000))]
    countries = [ox.NamedNode(f"{base}country/c{i}") for i in range(60)]
    registry = ox.NamedNode(f"{base}graph/registry")
    n = 0
    for i, p in enumerate(persons):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        yield ox.Quad(p, RDF_TYPE, ng("Person"), registry)
        yield ox.Quad(p, LABEL, ox.Literal(name, language="en"), registry)
        n += 2
    for i, o in enumerate(orgs):
        yield ox.Quad(o, RDF_TYPE, ng("Organization"), registry)
        yield ox.Quad(o, LABEL, ox.Literal(f"Organization {i}", language="en"), registry)
        yield ox.Quad(o, ng("country"), rng.choice(countries), registry)
        n += 3
    for i, c in enumerate(countries):
        yield ox.Quad(c, RDF_TYPE, ng("Country"), registry)
        yield ox.Quad(c, LABEL, ox.Literal(f"Country {i}", language="en"), registry)
        n += 2
    start = dt.date(2015, 1, 1)
    d = 0
    while n < target:
        doc = ox.NamedNode(f"{base}doc/{d:016x}")
        date = start + dt.timedelta(days=rng.randrange(3650))
        day = ox.Literal(date.isoformat(), datatype=XSD_DATE)
        meeting = ox.NamedNode(f"{base}meeting/{date.isoformat()}-m{d}")
        out = [
            (doc, RDF_TYPE, ng("Document")),
            (doc, ng("sha256"), ox.Literal(f"{d:064x}")),
            (meeting, RDF_TYPE, ng("Meeting")),
            (meeting, ng("date"), day),
            (meeting, ng("organizer"), rng.choice(orgs)),
            (meeting, LABEL, ox.Literal(f"Meeting {d} on {date}", language="en")),
            (meeting, ng("topic"), rng.choice(countries)),
            (meeting, DERIVED, doc),
        ]
        chair = rng.choice(persons)
        out.append((meeting, ng("chair"), chair))
        for p in rng.sample(persons, 4):
            out.append((meeting, ng("participant"), p))
        for k in range(4):
            st = ox.NamedNode(f"{base}statement/s{d}-{k}")
            text = " ".join(rng.choice(WORDS) for _ in range(12))
            out += [
                (st, RDF_TYPE, ng("Statement")),
                (st, ng("speaker"), rng.choice(persons)),
                (st, ng("date"), day),
                (st, ng("madeAt"), meeting),
                (st, ng("text"), ox.Literal(text)),
                (st, ng("about"), rng.choice(countries)),
                (st, DERIVED, doc),
            ]
        for s, p, o in out:
            yield ox.Quad(s, p, o, doc)
        n += len(out)
        d += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, help="where to write the build")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--base", default=DEFAULT_BASE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = Config(data_dir=Path(args.data_dir), base=args.base)
    pending = begin_build(config)
    try:
        pending.store.bulk_extend(quads(args.triples, args.seed, args.base))
        total = len(pending.store)
        pending.commit(
            {
                "version": "synthetic",
                "documents": [],
                "triples": total,
                "synthetic": {"seed": args.seed, "target": args.triples},
                "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
        )
    except BaseException:
        pending.abort()
        raise
    print(
        f"wrote {total} quads to {args.data_dir} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
