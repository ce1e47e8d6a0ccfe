"""`kg export quickstatements`: our entities that have no Wikidata item, as new items.

QuickStatements (version 1 syntax, tab-separated) is how Wikidata editors create items
in bulk: `CREATE`, then `LAST Len "label"`, `LAST Den "description"`, `LAST Aen
"alias"` and statements `LAST P31 Q5 S854 "source URL"` whose `S…` pairs are the
reference. For every Person, Organization, Country, Place and Meeting without an
owl:sameAs to Wikidata, this writes:

- the English label, every alias (`skos:altLabel`) and a description from the graph
  (a person's post, a meeting's kind and date, an organization's parent body, a
  place's country);
- instance of (P31) where the class QID is verified (human Q5, meeting Q2761147);
  for other kinds the editor adds it (a wrong class is worse than none);
- facts that point at items we link: country (P17) of a place, a meeting's point in
  time (P585), location (P276), participants (P710) and organizer (P664);
- as the reference of every statement, the source article (S854 reference URL: the
  document's page on this server, which shows the source text; S577 its publication
  date when known: of the documents an entity comes from, a dated one is preferred).

Property and class IDs are those listed in shared/wikidata/README.md as checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.link import KINDS, unlinked_entities
from kg.namespaces import NG, WD

CLASS_QID = {"Person": "Q5", "Meeting": "Q2761147"}
MAX_ALIASES = 10


@dataclass
class Item:
    iri: str
    kind: str
    label: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    statements: list[tuple[str, str]] = field(default_factory=list)  # (property, value)
    source: str | None = None  # document IRI
    published: str | None = None


def _quote(text: str) -> str:
    return '"' + " ".join(text.replace('"', "'").split()) + '"'


def _time(date: str) -> str:
    return f"+{date[:10]}T00:00:00Z/11"  # precision 11: day


def _one(store: ox.Store, query: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        key, value = row["e"].value, row["v"]
        if value is not None and key not in out:
            out[key] = value.value
    return out


def items(store: ox.Store, base: str, kinds: tuple[str, ...] = KINDS) -> list[Item]:
    """Every unlinked entity of `kinds`, with what the graph says about it."""
    entities = [u for u in unlinked_entities(store, base) if u.kind in kinds]
    label_of = "<http://www.w3.org/2000/01/rdf-schema#label>"
    org = "http://www.w3.org/ns/org#"
    posts = _one(store, f"SELECT ?e ?v {{ ?e <{org}holds>/{label_of} ?v }} ORDER BY ?v")
    parents = _one(store, f"SELECT ?e ?v {{ ?e <{org}subOrganizationOf>/{label_of} ?v }}")
    countries = _one(store, f"SELECT ?e ?v {{ ?e <{NG.country}>/{label_of} ?v }}")
    kinds_of = _one(store, f"SELECT ?e ?v {{ ?e <{NG.kind}> ?v }} ORDER BY ?v")
    sources = {}  # the reference: a dated source first (S577), then the first by IRI
    for row in store.query(  # type: ignore[union-attr]
        "SELECT ?e ?doc ?pub WHERE { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc . "
        "OPTIONAL { ?doc <https://schema.org/datePublished> ?pub } }"
        " ORDER BY ?e DESC(BOUND(?pub)) ?doc"
    ):
        sources.setdefault(row["e"].value, (row["doc"].value, row["pub"]))
    linked = {}  # our entity IRI → its QID
    for row in store.query(  # type: ignore[union-attr]
        f"SELECT ?e ?w {{ ?e <http://www.w3.org/2002/07/owl#sameAs> ?w "
        f'FILTER(STRSTARTS(STR(?w), "{WD}")) }}'
    ):
        linked[row["e"].value] = row["w"].value[len(str(WD)) :]
    links = {}  # (entity, property) → linked QIDs
    for prop, ng_prop in (("P17", NG.country), ("P276", NG.location), ("P710", NG.participant),
                          ("P664", NG.organizer)):  # fmt: skip
        for row in store.query(f"SELECT ?e ?o {{ ?e <{ng_prop}> ?o }}"):  # type: ignore[union-attr]
            qid = linked.get(row["o"].value)
            if qid:
                links.setdefault((row["e"].value, prop), set()).add(qid)
    out: list[Item] = []
    for ent in entities:
        item = Item(ent.iri, ent.kind, ent.label)
        item.aliases = [n for n in ent.names if n != ent.label][:MAX_ALIASES]
        if ent.kind in CLASS_QID:
            item.statements.append(("P31", CLASS_QID[ent.kind]))
        if ent.kind == "Meeting" and ent.dates:
            date = sorted(ent.dates)[0]
            item.statements.append(("P585", _time(date)))
        for prop in ("P17", "P276", "P710", "P664"):
            for qid in sorted(links.get((ent.iri, prop), set())):
                item.statements.append((prop, qid))
        item.description = _description(ent, posts, parents, countries, kinds_of)
        if ent.iri in sources:
            doc, pub = sources[ent.iri]
            item.source = doc
            item.published = pub.value if pub is not None else None
        out.append(item)
    return out


def _description(ent, posts, parents, countries, kinds_of) -> str:
    if ent.kind == "Person" and ent.iri in posts:
        return posts[ent.iri]
    if ent.kind == "Meeting":
        local = kinds_of.get(ent.iri, "Meeting").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        what = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()
        return f"{what} on {sorted(ent.dates)[0]}" if ent.dates else what
    if ent.kind == "Organization" and ent.iri in parents:
        return f"body of the {parents[ent.iri]}"
    if ent.kind in ("Place", "Country") and ent.iri in countries:
        return f"place in {countries[ent.iri]}"
    return ""


def write(items_: list[Item]) -> str:
    """QuickStatements V1 text: one CREATE block per item."""
    lines: list[str] = []
    for item in items_:
        ref: list[str] = []
        if item.source:
            ref += ["S854", _quote(item.source)]
            if item.published:
                ref += ["S577", _time(item.published)]
        lines.append("CREATE")
        lines.append("\t".join(["LAST", "Len", _quote(item.label)]))
        if item.description:
            lines.append("\t".join(["LAST", "Den", _quote(item.description)]))
        for alias in item.aliases:
            lines.append("\t".join(["LAST", "Aen", _quote(alias)]))
        for prop, value in item.statements:
            lines.append("\t".join(["LAST", prop, value, *ref]))
    return "\n".join(lines) + ("\n" if lines else "")
