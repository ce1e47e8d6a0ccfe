"""The cross-document step: run once after every document is extracted.

Deterministic: decisions depend only on the graphs' content, never on dict order.
- One preferred rdfs:label per entity across the union; the others become skos:altLabel
  in the graph that had them.
- The same speech in two translations gets one IRI: same date and many shared
  distinctive numbers (2,030 and 2030 parse alike) mean the same speech.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract.gazetteer import load_lexicon
from kg.extract.numbers import find_numbers
from kg.namespaces import DEFAULT_BASE, NG

MIN_SHARED_NUMBERS = 5
MIN_OVERLAP = 0.5
ENTITY_CLASSES = {NG.Person, NG.Organization, NG.Country, NG.Place}


def resolve(graphs: dict[URIRef, Graph], *, base: str = DEFAULT_BASE) -> None:
    _merge_speeches(graphs)
    _preferred_labels(graphs, base)


def _lexicon_labels(base: str) -> dict[URIRef, str]:
    lex = load_lexicon()
    return {URIRef(f"{base}{ref}"): e.label for ref, e in lex.entries.items()}


def _preferred_labels(graphs: dict[URIRef, Graph], base: str) -> None:
    lex_labels = _lexicon_labels(base)
    counts: dict[URIRef, Counter] = defaultdict(Counter)
    for g in graphs.values():
        for s, _p, o in g.triples((None, RDFS.label, None)):
            if isinstance(s, URIRef) and isinstance(o, Literal):
                counts[s][str(o)] += 1
    preferred: dict[URIRef, str] = {}
    for s, c in counts.items():
        if len(c) == 1:
            continue
        if s in lex_labels and lex_labels[s] in c:
            preferred[s] = lex_labels[s]
        else:
            preferred[s] = sorted(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    for g in graphs.values():
        for s, label in preferred.items():
            for o in list(g.objects(s, RDFS.label)):
                if str(o) != label:
                    g.remove((s, RDFS.label, o))
                    g.add((s, SKOS.altLabel, o))
            if (s, None, None) in g and not any(True for _ in g.objects(s, RDFS.label)):
                if any(g.objects(s, SKOS.altLabel)) or (s, RDF.type, None) in g:
                    g.add((s, RDFS.label, Literal(label, lang="en")))
            g.remove((s, SKOS.altLabel, Literal(label, lang="en")))


def _numbers(text: str) -> frozenset[int]:
    return frozenset(
        int(v) for _s, _e, v, _q in find_numbers(text) if v >= 10 and float(v).is_integer()
    )


def _merge_speeches(graphs: dict[URIRef, Graph]) -> None:
    speeches: list[tuple[URIRef, URIRef, str | None, bool, frozenset[int]]] = []
    for gname in sorted(graphs):
        g = graphs[gname]
        for st in sorted(g.subjects(NG.statementKind, NG.Speech)):
            date = g.value(st, NG.date)
            text = g.value(st, NG.text)
            has_speaker = g.value(st, NG.speaker) is not None
            speeches.append(
                (gname, st, str(date) if date else None, has_speaker, _numbers(str(text or "")))
            )
    rename: dict[URIRef, URIRef] = {}
    for i, (ga, a, da, sa, na) in enumerate(speeches):
        for gb, b, db, sb, nb in speeches[i + 1 :]:
            if ga == gb or a == b or not da or da != db:
                continue
            shared = na & nb
            if len(shared) < MIN_SHARED_NUMBERS or len(shared) < MIN_OVERLAP * min(
                len(na), len(nb)
            ):
                continue
            # keep the IRI of the one that knows its speaker; else the smaller IRI
            keep, drop = (a, b) if (sa, str(b)) >= (sb, str(a)) else (b, a)
            if sa == sb:
                keep, drop = (a, b) if str(a) < str(b) else (b, a)
            while keep in rename:
                keep = rename[keep]
            if drop != keep:
                rename[drop] = keep
    if not rename:
        return
    for g in graphs.values():
        for old, new in rename.items():
            for p, o in list(g.predicate_objects(old)):
                g.remove((old, p, o))
                g.add((new, p, o))
            for s, p in list(g.subject_predicates(old)):
                g.remove((s, p, old))
                g.add((s, p, new))
