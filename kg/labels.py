"""What a person reads for an IRI: its label, or a snippet when it has none.

Every IRI the UI, the pages and the reports show carries one of these, so nobody has to
read `id:statement/683e5ee6118a99b8`. Things with a name get their name (rdfs:label,
skos:prefLabel, dcterms:title, schema:name; English first). The graph's nameless things
get a snippet made from their facts:

- a statement: its first words and its speaker: “Azerbaijan closely follows …” — Jeyhun Bayramov
- a numeric claim: its number and what it counts: over 16 deaths (deaths) — Kassym-Jomart Tokayev
- a deployment: who sends forces where: Deployment by Kyrgyzstan to Kazakhstan
- an annotation: the words it quotes and the document they are in
- `…#target`, `…#quote`: the thing they belong to
- a Wikidata item: the label of our entity that is `owl:sameAs` it

`short()` writes an IRI as a prefixed name only when the name is valid SPARQL (and Turtle):
`ng:Meeting`, but `<https://w3id.org/newsgraph/id/meeting/2022-01-10-csto>` rather than
`id:meeting/2022-01-10-csto`, whose `/` no SPARQL parser accepts.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
SCHEMA_NAME = "https://schema.org/name"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
NG = "https://w3id.org/newsgraph/ontology#"
OA = "http://www.w3.org/ns/oa#"
WIKIDATA = "http://www.wikidata.org/entity/"
LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF, DCT_TITLE, SCHEMA_NAME)
SNIPPET_WORDS = 10

# SPARQL 1.1 PN_LOCAL without percent or backslash escapes (grammar rules 169-173).
_PN_CHARS_U = (
    "A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_PN_CHARS = _PN_CHARS_U + "0-9\u00b7\u0300-\u036f\u203f-\u2040-"
_PN_LOCAL = re.compile(rf"(?:[{_PN_CHARS_U}0-9:](?:[{_PN_CHARS}.:]*[{_PN_CHARS}:])?)?")


def valid_local_name(local: str) -> bool:
    """True if `prefix:local` is a prefixed name every SPARQL and Turtle parser reads as is."""
    return _PN_LOCAL.fullmatch(local) is not None


def short_name(iri: str, prefixes: dict[str, str]) -> str:
    """`prefix:local` under the longest matching namespace when that is valid SPARQL,
    else the IRI in angle brackets."""
    for name, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and valid_local_name(iri[len(ns) :]):
            return f"{name}:{iri[len(ns) :]}"
    return f"<{iri}>"


def _words(text: str, n: int = SNIPPET_WORDS) -> str:
    words = text.split()
    cut = " ".join(words[:n])
    return cut + (" …" if len(words) > n else "")


def _number(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


class Labeller:
    """Labels and snippets from one store, each IRI looked up once (one per request)."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str]) -> None:
        self.store = store
        self.prefixes = prefixes
        self._cache: dict[str, str | None] = {}

    def short(self, iri: str) -> str:
        return short_name(iri, self.prefixes)

    def label(self, iri: str) -> str | None:
        """A name or a snippet; None when the graph says nothing that could name it."""
        if iri not in self._cache:
            self._cache[iri] = None  # a cycle (a's label from b's from a) stops here
            self._cache[iri] = self._compute(iri)
        return self._cache[iri]

    def types(self, iri: str) -> list[str]:
        """The IRIs of the classes `iri` is stated (or inferred) to be an instance of."""
        return sorted(o.value for o in self._objects(iri, RDF_TYPE) if isinstance(o, ox.NamedNode))

    def display(self, iri: str) -> str:
        """The label, else the short name: always something to show."""
        return self.label(iri) or self.short(iri)

    # ---------------------------------------------------------------------------------

    def _objects(self, iri: str, pred: str) -> list:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return []
        return [q.object for q in self.store.quads_for_pattern(node, ox.NamedNode(pred), None)]

    def _first(self, iri: str, pred: str):
        found = self._objects(iri, pred)
        return sorted(found, key=str)[0] if found else None

    def _name(self, iri: str) -> str | None:
        for pred in LABEL_PREDICATES:
            literals = [o for o in self._objects(iri, pred) if isinstance(o, ox.Literal)]
            if literals:
                english = [o for o in literals if (o.language or "").startswith("en")]
                return sorted(english or literals, key=lambda o: o.value)[0].value
        return None

    def _linked_name(self, iri: str, pred: str) -> str | None:
        obj = self._first(iri, pred)
        if isinstance(obj, ox.NamedNode):
            return self.label(obj.value)
        if isinstance(obj, ox.Literal):
            return obj.value
        return None

    def _compute(self, iri: str) -> str | None:
        name = self._name(iri)
        if name:
            return name
        if iri.endswith("/graph/inferred"):  # kg.namespaces.inferred_graph_iri
            return "Inferred by OWL-RL"
        if "#" in iri:  # a hash sub-resource (an annotation's #target, #quote …)
            whole, _, part = iri.partition("#")
            owner = self.label(whole)
            return f"{owner} · {part}" if owner else None
        if iri.startswith(WIKIDATA):
            same = [
                q.subject.value
                for q in self.store.quads_for_pattern(
                    None, ox.NamedNode(OWL_SAMEAS), ox.NamedNode(iri)
                )
                if isinstance(q.subject, ox.NamedNode)
            ]
            names = sorted(n for n in (self._name(s) for s in same) if n)
            return f"{names[0]} (Wikidata {iri[len(WIKIDATA) :]})" if names else None
        types = {o.value for o in self._objects(iri, RDF_TYPE) if isinstance(o, ox.NamedNode)}
        if NG + "Statement" in types:
            return self._statement(iri)
        if NG + "NumericClaim" in types:
            return self._claim(iri)
        if NG + "Deployment" in types:
            return self._deployment(iri)
        if OA + "Annotation" in types:
            return self._annotation(iri)
        return None

    def _statement(self, iri: str) -> str | None:
        text = self._first(iri, NG + "text")
        speaker = self._linked_name(iri, NG + "speaker")
        if not isinstance(text, ox.Literal):
            return f"Statement by {speaker}" if speaker else None
        quote = f"“{_words(text.value)}”"
        return f"{quote} — {speaker}" if speaker else quote

    def _claim(self, iri: str) -> str | None:
        value = self._first(iri, NG + "value")
        if value is None:
            return None
        parts = []
        qualifier = self._first(iri, NG + "qualifier")
        if isinstance(qualifier, ox.Literal):
            parts.append(qualifier.value)
        parts.append(_number(value.value))
        counts = self._first(iri, NG + "counts")
        kind = self._linked_name(iri, NG + "quantityKind")
        if isinstance(counts, ox.Literal):
            parts.append(counts.value)
        if kind and (not isinstance(counts, ox.Literal) or kind not in counts.value):
            parts.append(f"({kind})")
        claimant = self._linked_name(iri, NG + "claimant")
        text = " ".join(parts)
        return f"{text} — {claimant}" if claimant else text

    def _deployment(self, iri: str) -> str | None:
        by = self._linked_name(iri, NG + "deployedBy") or self._linked_name(iri, NG + "contributor")
        to = self._linked_name(iri, NG + "destination")
        whole = self._first(iri, NG + "partOf")
        if whole is not None and by:
            of = self.label(whole.value) if isinstance(whole, ox.NamedNode) else None
            return f"{by}'s contingent" + (f" of the {of[0].lower()}{of[1:]}" if of else "")
        words = ["Deployment"]
        if by:
            words.append(f"by {by}")
        if to:
            words.append(f"to {to}")
        return " ".join(words) if len(words) > 1 else None

    def _annotation(self, iri: str) -> str | None:
        quote = None
        doc = None
        for target in self._objects(iri, OA + "hasTarget"):
            if not isinstance(target, ox.NamedNode):
                continue
            source = self._first(target.value, OA + "hasSource")
            if isinstance(source, ox.NamedNode):
                doc = self._name(source.value)
            for sel in self._objects(target.value, OA + "hasSelector"):
                if isinstance(sel, ox.NamedNode):
                    exact = self._first(sel.value, OA + "exact")
                    if isinstance(exact, ox.Literal):
                        quote = exact.value
        if quote is None:
            return None
        text = f"“{_words(quote)}”"
        return f"{text} in {_words(doc, 8)}" if doc else text
