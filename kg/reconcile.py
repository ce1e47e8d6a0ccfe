"""Matching names to our entities: the W3C Entity Reconciliation API's engine.

OpenRefine (and any client of the W3C Entity Reconciliation API) sends names, maybe a
type and property values, and wants scored candidates. This module holds the index
(every Person, Organization, Place and Meeting with its labels, aliases and a few
properties, built once per store state) and the scoring; `kg.server.reconcile` speaks
the protocol. `name_score` is also what `kg link` uses to compare our names with
Wikidata's.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.ids import fold
from kg.namespaces import NG

# Our reconcilable types: id (local name in the ontology) → description.
TYPES: dict[str, str] = {
    "Person": "Person",
    "Organization": "Organization",
    "Place": "Place (countries, cities, regions, sites)",
    "Meeting": "Meeting (sessions, summits, calls)",
}
# Properties a query may constrain: id → (name, SPARQL path from the entity).
PROPERTIES: dict[str, tuple[str, str]] = {
    "country": ("country", "<{ng}country>|<http://www.w3.org/ns/org#holds>/<{ng}country>"),
    "date": ("date", "<{ng}date>"),
    "participant": ("participant", "<{ng}participant>"),
    "organizer": ("organizer", "<{ng}organizer>"),
    "chair": ("chair", "<{ng}chair>"),
    "post": ("post held", "<http://www.w3.org/ns/org#holds>"),
    "wikidata": ("Wikidata item (QID)", "<http://www.w3.org/2002/07/owl#sameAs>"),
}
WD = "http://www.wikidata.org/entity/"
_SPACES = re.compile(r"[^a-z0-9]+")


def normal(text: str) -> str:
    """Folded, punctuation-free form: Çavuşoğlu, CAVUSOGLU and Cavusoglu agree."""
    return _SPACES.sub(" ", fold(text)).strip()


def name_score(query: str, names: list[str]) -> float:
    """0-100: 100 when a name equals the query once folded, else the best similarity."""
    q = normal(query)
    if not q:
        return 0.0
    best = 0.0
    for name in names:
        n = normal(name)
        if n == q:
            return 100.0
        ratio = difflib.SequenceMatcher(None, q, n).ratio()
        q_words, n_words = set(q.split()), set(n.split())
        overlap = len(q_words & n_words) / max(len(q_words | n_words), 1)
        best = max(best, 90.0 * max(ratio, overlap))
    return round(best, 1)


@dataclass
class Entity:
    iri: str
    label: str
    types: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    # property id → values: literal texts, and the IRIs and labels of linked entities
    values: dict[str, set[str]] = field(default_factory=dict)
    description: str = ""


class Index:
    """Every reconcilable entity of a store, read once."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.base = base
        self.entities: dict[str, Entity] = {}
        types = " ".join(f"<{NG[t]}>" for t in TYPES) + f" <{NG.Country}>"
        rows = store.query(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f"SELECT ?e ?t ?label ?alt WHERE {{ VALUES ?t {{ {types} }} ?e a ?t . "
            f'FILTER(STRSTARTS(STR(?e), "{base}")) '
            "OPTIONAL { ?e rdfs:label ?label } OPTIONAL { ?e skos:altLabel ?alt } }"
        )
        for row in rows:  # type: ignore[union-attr]
            iri = row["e"].value
            ent = self.entities.get(iri)
            if ent is None:
                ent = self.entities[iri] = Entity(iri, iri.rsplit("/", 1)[-1])
            t = row["t"].value.rsplit("#", 1)[-1]
            ent.types.add("Place" if t == "Country" else t)
            for key in ("label", "alt"):
                term = row[key]
                if term is not None and term.value not in ent.names:
                    if key == "label":
                        ent.label = term.value
                        ent.names.insert(0, term.value)
                    else:
                        ent.names.append(term.value)
        for pid, (_, path) in PROPERTIES.items():
            query = (
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                f"SELECT ?e ?v ?vl WHERE {{ ?e {path.format(ng=NG)} ?v . "
                "OPTIONAL { ?v rdfs:label ?vl } }"
            )
            for row in store.query(query):  # type: ignore[union-attr]
                ent = self.entities.get(row["e"].value)
                if ent is None:
                    continue
                bucket = ent.values.setdefault(pid, set())
                value = row["v"]
                bucket.add(value.value)
                if isinstance(value, ox.NamedNode) and value.value.startswith(WD):
                    bucket.add(value.value[len(WD) :])  # "Q232"
                if row["vl"] is not None:
                    bucket.add(row["vl"].value)
        for ent in self.entities.values():  # a linked entity matches by any of its names
            for bucket in ent.values.values():
                for value in list(bucket):
                    other = self.entities.get(value)
                    if other is not None:
                        bucket.update(other.names)
        for ent in self.entities.values():
            kinds = "/".join(sorted(ent.types))
            extra = (
                sorted(ent.values.get("date", set()))[:1]
                + sorted(v for v in ent.values.get("wikidata", set()) if v.startswith("Q"))[:1]
            )
            ent.description = ", ".join([kinds, *extra])

    def local_id(self, iri: str) -> str:
        return iri[len(self.base) :] if iri.startswith(self.base) else iri

    def get(self, local_id: str) -> Entity | None:
        return self.entities.get(self.base + local_id) or self.entities.get(local_id)

    def search(self, query: str, type_id: str | None = None,
               properties: list[tuple[str, str]] = (), limit: int = 5) -> list[dict]:  # fmt: skip
        """Candidates, best first, in the API's result form."""
        scored: list[tuple[float, float, Entity]] = []
        for ent in self.entities.values():
            if type_id and type_id not in ent.types:
                continue
            score = name_score(query, ent.names or [ent.label]) if query else 0.0
            name_part = score
            if properties:
                hits = sum(1 for pid, v in properties if _matches(ent.values.get(pid, set()), v))
                share = hits / len(properties)
                # by properties alone when no name is given; else the name weighs most
                score = 100.0 * share if not query else 0.8 * score + 20.0 * share
                name_part = 100.0 if not query and share == 1.0 else name_part
            if score >= 30.0:
                scored.append((score, name_part, ent))
        scored.sort(key=lambda s: (-s[0], s[2].label))
        out = []
        for k, (score, name_part, ent) in enumerate(scored[:limit]):
            unique = len(scored) == 1 or scored[1][0] < score
            out.append(
                {
                    "id": self.local_id(ent.iri),
                    "name": ent.label,
                    "description": ent.description,
                    "type": [{"id": t, "name": TYPES[t]} for t in sorted(ent.types)],
                    "score": round(score, 1),
                    "match": k == 0 and unique and name_part == 100.0 and score >= 95.0,
                }
            )
        return out


def _matches(values: set[str], wanted: str) -> bool:
    w = normal(wanted)
    return bool(w) and any(normal(v) == w for v in values)
