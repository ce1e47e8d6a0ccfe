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

from kg.extract.dates import explicit_dates
from kg.extract.gazetteer import load_lexicon
from kg.extract.numbers import find_numbers
from kg.namespaces import DEFAULT_BASE, NG

MIN_SHARED_NUMBERS = 5
MIN_OVERLAP = 0.5


def resolve(graphs: dict[URIRef, Graph], *, base: str = DEFAULT_BASE) -> None:
    rename: dict[URIRef, URIRef] = {}
    homes: dict[URIRef, set[URIRef]] = defaultdict(set)  # node -> graphs that name it
    _merge_persons(graphs, rename, homes, base)
    _merge_speeches(graphs, rename, homes)
    _merge_meetings(graphs, rename, homes)
    _apply(graphs, rename, homes)
    _claimants(graphs)
    _preferred_labels(graphs, base)


def _merge_persons(
    graphs: dict[URIRef, Graph],
    rename: dict[URIRef, URIRef],
    homes: dict[URIRef, set[URIRef]],
    base: str,
) -> None:
    """One person across transliterations: "Kassym-Jomart Tokayev" in one story and
    "Qasym-Zhomart Toqaev" in another have one name skeleton (kg.extract.names) and are one
    node, the lexicon's if it knows them, else the one more documents name."""
    from kg.extract.names import name_skeleton

    lex = {
        URIRef(f"{base}{ref}") for ref, e in load_lexicon().entries.items() if e.kind == "person"
    }
    groups: dict[str, set[URIRef]] = defaultdict(set)
    seen_in: dict[URIRef, set[URIRef]] = defaultdict(set)
    for gname in sorted(graphs):
        g = graphs[gname]
        for person in g.subjects(RDF.type, NG.Person):
            label = g.value(person, RDFS.label)
            if not isinstance(person, URIRef) or label is None or " " not in str(label):
                continue
            groups[name_skeleton(str(label))].add(person)
            seen_in[person].add(gname)
    for _skeleton, people in sorted(groups.items()):
        if len(people) < 2:
            continue
        keep = sorted(people, key=lambda p: (p not in lex, -len(seen_in[p]), str(p)))[0]
        for p in sorted(people):
            if p != keep and p not in rename:
                rename[p] = keep
                # the person is named in every graph that mentions it, not only its own
                homes[p] |= {gn for gn, g in graphs.items() if (None, None, p) in g} | seen_in[p]


def _claimants(graphs: dict[URIRef, Graph]) -> None:
    """A number claimed in a speech whose speaker another document names (the same speech,
    merged above) is that speaker's claim: 16 dead, in Tokayev's speech in any translation."""
    speakers: dict[URIRef, URIRef] = {}
    for gname in sorted(graphs):
        for st, sp in graphs[gname].subject_objects(NG.speaker):
            speakers.setdefault(st, sp)
    for gname in sorted(graphs):
        g = graphs[gname]
        for claim, st in list(g.subject_objects(NG.inStatement)):
            if g.value(claim, NG.claimant) is None and st in speakers:
                g.add((claim, NG.claimant, speakers[st]))


def _apply(
    graphs: dict[URIRef, Graph], rename: dict[URIRef, URIRef], homes: dict[URIRef, set[URIRef]]
) -> None:
    """Give every renamed node its kept IRI in the graphs that name it (meetings and speeches
    are only named in the graph of the document that found them)."""
    for old in sorted(rename):
        new = rename[old]
        for gname in sorted(homes[old]):
            g = graphs[gname]
            for p, o in list(g.predicate_objects(old)):
                g.remove((old, p, o))
                g.add((new, p, o))
            for s, p in list(g.subject_predicates(old)):
                g.remove((s, p, old))
                g.add((s, p, new))


def _merge_meetings(
    graphs: dict[URIRef, Graph], rename: dict[URIRef, URIRef], homes: dict[URIRef, set[URIRef]]
) -> None:
    """One meeting seen twice under two keys:
    - an undated call ("early Jan. 6", in a page with no year) and the dated call between the
      same people on that day and month elsewhere;
    - a meeting known only by its participants and, the same day, a meeting of a named body
      that at least two of them attended."""
    meetings: dict[URIRef, dict] = {}
    for gname in sorted(graphs):
        g = graphs[gname]
        for m in g.subjects(RDF.type, NG.Meeting):
            homes[m].add(gname)
            info = meetings.setdefault(
                m, {"date": None, "text": None, "org": None, "people": set(), "kinds": set()}
            )
            info["date"] = info["date"] or g.value(m, NG.date)
            info["text"] = info["text"] or g.value(m, NG.dateText)
            info["org"] = info["org"] or g.value(m, NG.organizer)
            info["people"] |= set(g.objects(m, NG.participant))
            info["kinds"] |= set(g.objects(m, NG.kind))
    dated = sorted(m for m, i in meetings.items() if i["date"] is not None)
    for m in sorted(meetings):
        info = meetings[m]
        if m in rename:
            continue
        candidates = []
        if info["date"] is None and info["text"]:
            found = explicit_dates(str(info["text"]))
            if not found:
                continue
            _s, _e, _y, month, day = found[0]
            candidates = [
                d
                for d in dated
                if meetings[d]["date"].toPython().month == month
                and meetings[d]["date"].toPython().day == day
                and meetings[d]["people"] == info["people"]
            ]
        elif info["date"] is not None and info["org"] is None and NG.PhoneCall not in info["kinds"]:
            candidates = [
                d
                for d in dated
                if d != m
                and meetings[d]["org"] is not None
                and meetings[d]["date"] == info["date"]
                and len(meetings[d]["people"] & info["people"]) >= 2
            ]
        if len(candidates) == 1 and candidates[0] not in rename:
            rename[m] = candidates[0]


def _lexicon_labels(base: str) -> dict[URIRef, str]:
    lex = load_lexicon()
    return {URIRef(f"{base}{ref}"): e.label for ref, e in lex.entries.items()}


def _preferred_labels(graphs: dict[URIRef, Graph], base: str) -> None:
    """One rdfs:label per entity across the union: the lexicon's, else the most used (then
    the longest, then the first in order); every other label becomes a skos:altLabel in the
    graph that had it. Only the graphs that label a node are touched."""
    lex_labels = _lexicon_labels(base)
    counts: dict[URIRef, Counter] = defaultdict(Counter)
    where: dict[URIRef, set[URIRef]] = defaultdict(set)
    for gname, g in graphs.items():
        for s, _p, o in g.triples((None, RDFS.label, None)):
            if isinstance(s, URIRef) and isinstance(o, Literal):
                counts[s][str(o)] += 1
                where[s].add(gname)
    for s in sorted(counts):
        c = counts[s]
        if len(c) == 1:
            continue
        if s in lex_labels and lex_labels[s] in c:
            label = lex_labels[s]
        else:
            label = sorted(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        preferred = Literal(label, lang="en")
        for gname in sorted(where[s]):
            g = graphs[gname]
            for o in list(g.objects(s, RDFS.label)):
                if str(o) != label:
                    g.remove((s, RDFS.label, o))
                    g.add((s, SKOS.altLabel, o))
            g.add((s, RDFS.label, preferred))
            g.remove((s, SKOS.altLabel, preferred))


def _numbers(text: str) -> frozenset[int]:
    return frozenset(
        int(v) for _s, _e, v, _q in find_numbers(text) if v >= 10 and float(v).is_integer()
    )


def _merge_speeches(
    graphs: dict[URIRef, Graph], rename: dict[URIRef, URIRef], homes: dict[URIRef, set[URIRef]]
) -> None:
    by_date: dict[str, list[tuple[URIRef, URIRef, URIRef | None, frozenset[int]]]] = {}
    for gname in sorted(graphs):
        g = graphs[gname]
        for st in sorted(g.subjects(NG.statementKind, NG.Speech)):
            homes[st].add(gname)
            date = g.value(st, NG.date)
            if date is None:
                continue
            text = g.value(st, NG.text)
            speaker = g.value(st, NG.speaker)
            by_date.setdefault(str(date), []).append(
                (gname, st, speaker, _numbers(str(text or "")))
            )
    for date in sorted(by_date):
        _pair_speeches(by_date[date], rename)


def _pair_speeches(speeches, rename: dict[URIRef, URIRef]) -> None:
    """Speeches of one day from different documents that share most of their numbers."""
    for i, (ga, a, spa, na) in enumerate(speeches):
        sa = spa is not None
        for gb, b, spb, nb in speeches[i + 1 :]:
            sb = spb is not None
            if ga == gb or a == b or (sa and sb and spa != spb):
                continue
            shared = na & nb
            if len(shared) < MIN_SHARED_NUMBERS or len(shared) < MIN_OVERLAP * min(
                len(na), len(nb)
            ):
                continue
            # keep the IRI of the one that knows its speaker; else the smaller IRI
            if sa != sb:
                keep, drop = (a, b) if sa else (b, a)
            else:
                keep, drop = sorted((a, b), key=str)
            while keep in rename:
                keep = rename[keep]
            if drop != keep and drop not in rename:
                rename[drop] = keep
