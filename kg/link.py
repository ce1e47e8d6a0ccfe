"""`kg link`: propose Wikidata QIDs for unlinked entities, each checked against the graph.

For every Person, Organization, Country, Place and Meeting without an owl:sameAs to
Wikidata (and not already in the link file):

1. search Wikidata by each of its names (`wbsearchentities`, label and alias matches);
2. check the candidates with one SPARQL query to the query service: the type
   (instance of / subclass of a class that fits the kind), the country (P17 country,
   P27 citizenship) against the countries our graph links it to, and the dates (born
   before and not dead at the dates our documents show the person acting; a
   meeting's point in time equal to ours; an organization founded before we see it);
3. keep a candidate only when its label or an alias equals one of our names (folded),
   every check we can make passes and no other candidate passes too. A wrong link is
   worse than none: an ambiguous or unverifiable entity gets no proposal.

Proposals are written to the link file (`kg.linkfile`) as `proposed`, with the
evidence; a reviewer accepts or rejects them, and the build reads only accepted rows.
Calls go to NEWSGRAPH_WIKIDATA_API and Wikidata's query service (through
NEWSGRAPH_SERVICE_MAP, so a stand-in or mirror can answer), with our User-Agent.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
import requests

from kg.config import WIKIDATA_ENDPOINTS, Config
from kg.linkfile import Link, links_path, read_links, write_links
from kg.namespaces import NG, WD
from kg.reconcile import normal

# Wikidata's upper classes a candidate must be an instance of (P31/P279*), per kind.
# Q5 human, Q2761147 meeting and Q1656682 event are in shared/wikidata/verified-qids.tsv;
# the others are Wikidata's top classes for organizations (Q43229), countries (Q6256)
# and sovereign states (Q3624078), geographic locations (Q2221906) and human
# settlements (Q486972). They only filter candidates: they are never written as links.
CLASSES: dict[str, tuple[str, ...]] = {
    "Person": ("Q5",),
    "Organization": ("Q43229",),
    "Country": ("Q6256", "Q3624078"),
    "Place": ("Q2221906", "Q486972", "Q6256"),
    "Meeting": ("Q2761147", "Q1656682"),
}
KINDS = ("Country", "Person", "Organization", "Place", "Meeting")  # most specific first
SEARCH_LIMIT = 7
ADULT_YEARS = 15


@dataclass
class Unlinked:
    iri: str
    kind: str
    label: str
    names: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)  # QIDs of countries the graph links
    dates: set[str] = field(default_factory=set)  # ISO dates the documents show it at


@dataclass
class Facts:
    """What the query service says about one candidate."""

    iri: str
    classes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    born: set[str] = field(default_factory=set)
    died: set[str] = field(default_factory=set)
    founded: set[str] = field(default_factory=set)
    dissolved: set[str] = field(default_factory=set)
    when: set[str] = field(default_factory=set)


def most_specific_kind(types: set[str]) -> str | None:
    """Each entity counts once: a Country is not also counted as a Place."""
    return next((k for k in KINDS if k in types), None)


def unlinked_entities(store: ox.Store, base: str) -> list[Unlinked]:
    """Every entity of our kinds without a Wikidata link, with what the graph says."""
    rows = store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "SELECT ?e ?t ?label ?alt WHERE { "
        f"VALUES ?t {{ {' '.join(f'<{NG[k]}>' for k in KINDS)} }} ?e a ?t . "
        f'FILTER(STRSTARTS(STR(?e), "{base}")) '
        f'FILTER NOT EXISTS {{ ?e owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "{WD}")) }} '
        "OPTIONAL { ?e rdfs:label ?label } OPTIONAL { ?e skos:altLabel ?alt } }"
    )
    types: dict[str, set[str]] = {}
    names: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for row in rows:  # type: ignore[union-attr]
        iri = row["e"].value
        types.setdefault(iri, set()).add(row["t"].value.rsplit("#", 1)[-1])
        bucket = names.setdefault(iri, [])
        if row["label"] is not None:
            labels[iri] = row["label"].value
        for key in ("label", "alt"):
            if row[key] is not None and row[key].value not in bucket:
                bucket.append(row[key].value)
    out: dict[str, Unlinked] = {}
    for iri, kinds in types.items():
        kind = most_specific_kind(kinds)
        if kind:
            label = labels.get(iri, iri.rsplit("/", 1)[-1])
            out[iri] = Unlinked(iri, kind, label, names.get(iri) or [label])
    _add_countries(store, out)
    _add_dates(store, out)
    return sorted(out.values(), key=lambda u: u.iri)


def _add_countries(store: ox.Store, entities: dict[str, Unlinked]) -> None:
    query = (
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX org: <http://www.w3.org/ns/org#> "
        f"SELECT ?e ?w WHERE {{ ?e <{NG.country}>|org:holds/<{NG.country}> ?c . "
        f'?c owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "{WD}")) }}'
    )
    for row in store.query(query):  # type: ignore[union-attr]
        ent = entities.get(row["e"].value)
        if ent is not None:
            ent.countries.add(row["w"].value[len(str(WD)) :])


def _add_dates(store: ox.Store, entities: dict[str, Unlinked]) -> None:
    """Dates the graph shows an entity at: a meeting's own date, a person speaking or
    taking part, an organization organizing or taking part."""
    query = (
        "SELECT ?e ?d WHERE { "
        f"{{ ?e <{NG.date}> ?d }} "
        f"UNION {{ ?m <{NG.participant}>|<{NG.chair}>|<{NG.organizer}> ?e ; <{NG.date}> ?d }} "
        f"UNION {{ ?s <{NG.speaker}> ?e ; <{NG.date}> ?d }} }}"
    )
    for row in store.query(query):  # type: ignore[union-attr]
        ent = entities.get(row["e"].value)
        if ent is not None:
            ent.dates.add(row["d"].value[:10])


# ------------------------------------------------------------------------- asking Wikidata


class Wikidata:
    """The two services `kg link` asks, reached as the configuration says."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.api = config.service_map.get(config.wikidata_api, config.wikidata_api)
        sparql = WIKIDATA_ENDPOINTS[0]
        self.sparql = config.service_map.get(sparql, sparql)
        self.http = requests.Session()
        self.http.trust_env = False
        self.http.headers["User-Agent"] = config.user_agent
        self.calls = 0

    def search(self, name: str) -> list[dict[str, Any]]:
        """wbsearchentities: items whose label or alias matches `name` (English)."""
        self.calls += 1
        resp = self.http.get(
            self.api,
            params={"action": "wbsearchentities", "search": name, "language": "en",
                    "uselang": "en", "type": "item", "limit": SEARCH_LIMIT, "format": "json"},
            timeout=self.config.service_timeout,
        )  # fmt: skip
        resp.raise_for_status()
        return list(resp.json().get("search", []))

    def facts(self, iris: list[str], kind: str) -> dict[str, Facts]:
        """Type, country and dates of candidate items, in one query."""
        classes = " ".join(f"<{WD}{q}>" for q in CLASSES[kind])
        items = " ".join(f"<{i}>" for i in iris)
        wdt = "http://www.wikidata.org/prop/direct/"
        query = (
            f"SELECT ?item ?class ?country ?born ?died ?founded ?dissolved ?when WHERE {{ "
            f"VALUES ?item {{ {items} }} "
            f"{{ VALUES ?class {{ {classes} }} ?item <{wdt}P31>/<{wdt}P279>* ?class }} UNION "
            f"{{ ?item <{wdt}P17>|<{wdt}P27> ?country }} UNION "
            f"{{ ?item <{wdt}P569> ?born }} UNION {{ ?item <{wdt}P570> ?died }} UNION "
            f"{{ ?item <{wdt}P571> ?founded }} UNION {{ ?item <{wdt}P576> ?dissolved }} UNION "
            f"{{ ?item <{wdt}P585>|<{wdt}P580> ?when }} }}"
        )
        self.calls += 1
        resp = self.http.post(
            self.sparql,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=self.config.service_timeout,
        )
        resp.raise_for_status()
        out = {i: Facts(i) for i in iris}
        for b in resp.json()["results"]["bindings"]:
            f = out.get(b["item"]["value"])
            if f is None:
                continue
            for key, target in (("class", f.classes), ("country", f.countries)):
                if key in b:
                    target.add(b[key]["value"].rsplit("/", 1)[-1])
            for key in ("born", "died", "founded", "dissolved", "when"):
                if key in b:
                    getattr(f, key).add(b[key]["value"].lstrip("+")[:10])
        return out


# ------------------------------------------------------------------------- judging


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def judge(ent: Unlinked, facts: Facts) -> tuple[bool, list[str]]:
    """(passes, evidence): every check the graph allows, and what each found."""
    evidence: list[str] = []
    wanted = set(CLASSES[ent.kind])
    if not facts.classes & wanted:
        return False, [f"not an instance of {'/'.join(sorted(wanted))}"]
    evidence.append(f"instance of {'/'.join(sorted(facts.classes & wanted))}")
    checks = 0
    if ent.countries:
        if facts.countries and not facts.countries & ent.countries:
            return False, [f"country {sorted(facts.countries)} is not {sorted(ent.countries)}"]
        if facts.countries:
            checks += 1
            evidence.append(f"country {'/'.join(sorted(facts.countries & ent.countries))}")
    ours = sorted(d for d in (_date(x) for x in ent.dates) if d)
    if ours:
        first, last = ours[0], ours[-1]
        if ent.kind == "Person":
            born = [d for d in (_date(x) for x in facts.born) if d]
            died = [d for d in (_date(x) for x in facts.died) if d]
            if born and any(b.year > first.year - ADULT_YEARS for b in born):
                return False, [f"born {born[0]}, too late to act on {first}"]
            if died and any(d < last for d in died):
                return False, [f"died {died[0]}, before {last}"]
            if born:
                checks += 1
                evidence.append(f"born {born[0]}, before {first}")
            if died:
                evidence.append(f"died {died[0]}, after {last}")
        elif ent.kind == "Meeting":
            when = {d for d in (_date(x) for x in facts.when) if d}
            if when and not any(abs((w - first).days) <= 1 for w in when):
                return False, [f"held {sorted(when)[0]}, not {first}"]
            if when:
                checks += 1
                evidence.append(f"point in time {sorted(when)[0]}")
        elif ent.kind == "Organization":
            founded = [d for d in (_date(x) for x in facts.founded) if d]
            dissolved = [d for d in (_date(x) for x in facts.dissolved) if d]
            if founded and any(f > first for f in founded):
                return False, [f"founded {founded[0]}, after {first}"]
            if dissolved and any(d < last for d in dissolved):
                return False, [f"dissolved {dissolved[0]}, before {last}"]
            if founded:
                checks += 1
                evidence.append(f"founded {founded[0]}")
    if ent.kind in ("Person", "Meeting") and checks == 0:
        # a name and "human" fit thousands of people: ask for one more fact
        return False, evidence + ["no country or date to confirm it"]
    return True, evidence


def propose(ent: Unlinked, wikidata: Wikidata) -> tuple[str | None, str]:
    """(QID or None, evidence) for one entity."""
    found: dict[str, tuple[str, str]] = {}  # item IRI → (name searched, matched label)
    for name in ent.names:
        for hit in wikidata.search(name):
            iri = str(hit.get("concepturi") or "")
            shown = {str(hit.get("label") or "")} | {str(a) for a in hit.get("aliases", [])}
            match = hit.get("match") or {}
            shown.add(str(match.get("text") or ""))
            if any(normal(s) == normal(n) for s in shown if s for n in ent.names):
                found.setdefault(iri, (name, str(match.get("text") or hit.get("label"))))
    if not found:
        return None, "no Wikidata item has this name"
    facts = wikidata.facts(sorted(found), ent.kind)
    passing = []
    notes = []
    for iri, (searched, matched) in sorted(found.items()):
        ok, evidence = judge(ent, facts[iri])
        qid = iri.rsplit("/", 1)[-1]
        if ok and iri.startswith(str(WD)):
            passing.append(
                (qid, f'search "{searched}" matched "{matched}"; ' + "; ".join(evidence))
            )
        else:
            notes.append(f"{qid}: {'; '.join(evidence) or 'not a Wikidata item'}")
    if len(passing) == 1:
        return passing[0][0], passing[0][1] + (f" (others: {' | '.join(notes)})" if notes else "")
    if passing:
        return None, "ambiguous: " + ", ".join(q for q, _ in passing)
    return None, "no candidate passes: " + " | ".join(notes)


def run_link(config: Config, store: ox.Store, *, limit: int | None = None,
             kinds: tuple[str, ...] = KINDS, log=print) -> dict[str, Any]:  # fmt: skip
    """Propose links for unlinked entities; append them to the link file. A report."""
    path = links_path(config)
    existing = read_links(path)
    known = {link.iri(config.base) for link in existing}
    wikidata = Wikidata(config)
    todo = [u for u in unlinked_entities(store, config.base) if u.kind in kinds]
    todo = [u for u in todo if u.iri not in known][: limit if limit else None]
    proposed: list[Link] = []
    skipped: list[dict[str, str]] = []
    for ent in todo:
        try:
            qid, evidence = propose(ent, wikidata)
        except (requests.RequestException, ValueError, KeyError) as exc:
            skipped.append({"entity": ent.iri, "reason": f"Wikidata could not be asked: {exc}"})
            continue
        entity = ent.iri[len(config.base) :] if ent.iri.startswith(config.base) else ent.iri
        if qid:
            link = Link(entity, qid, "proposed", ent.label, ent.kind, evidence)
            proposed.append(link)
            log(f"proposed {entity} = {qid}: {evidence}")
        else:
            skipped.append({"entity": entity, "reason": evidence})
    if proposed:
        write_links(path, existing + proposed)
    return {
        "file": str(path),
        "checked": len(todo),
        "proposed": [link.__dict__ for link in proposed],
        "skipped": skipped,
        "calls": wikidata.calls,
    }


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
