"""Facts to triples, exactly as docs/modelling.md says; the only module that mints IRIs.

IRIs of what a document says (statements, claims, annotations) are keyed on the
document's identity and on the words quoted, never on the document's bytes or on
character offsets: a corrected article keeps the IRIs of every fact it still states
(an inserted line shifts every offset, and used to change every IRI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _rdf_ns
from rdflib.term import Node

from kg import namespaces as _ng_ns
from kg.documents import SourceDocument
from kg.extract.context import Doc
from kg.extract.encounters import meeting_label
from kg.extract.model import DateValue, Span
from kg.ids import iri, occurrence, short_hash, slug, text_key
from kg.namespaces import bind_prefixes

Triple = tuple[Node, Node, Node]


class _Terms:
    """A namespace whose terms are made once. rdflib builds (and validates) a new URIRef
    on every `NG.Person` or `NG[kind]`; a document writes tens of thousands of them."""

    def __init__(self, ns) -> None:
        self._ns = ns
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # copy, pickle and mock probes: not terms
            raise AttributeError(name)
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._ns[name]
        return term


DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD = (
    _Terms(ns)
    for ns in (
        _rdf_ns.DCTERMS, _rdf_ns.OWL, _rdf_ns.PROV, _rdf_ns.RDF, _rdf_ns.RDFS, _rdf_ns.SKOS,
        _rdf_ns.XSD,
    )
)  # fmt: skip
GEO, GEONAMES, NG, OA, ORG, SCHEMA, WD = (
    _Terms(ns)
    for ns in (
        _ng_ns.GEO, _ng_ns.GEONAMES, _ng_ns.NG, _ng_ns.OA, _ng_ns.ORG, _ng_ns.SCHEMA, _ng_ns.WD,
    )
)  # fmt: skip


class TripleSet:
    """One document's triples, each once, in the order written: what an rdflib Graph of the
    document would hold, without the three indexes a Graph keeps on every add. The build
    never queries a document's graph; it serialises it and reasons over it once, so the
    indexes cost (about a fifth of the rules' time) and bought nothing. Terms are checked as
    Graph.add checks them, so a rule that yields no term fails the same way."""

    __slots__ = ("_triples",)

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = {}
        for t in triples:
            self.add(t)

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        if not (isinstance(s, Node) and isinstance(p, Node) and isinstance(o, Node)):
            raise TypeError(f"not a triple of rdflib terms: {triple!r}")
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def graph(self, base: str) -> Graph:
        """The same triples as an rdflib Graph with our prefixes bound."""
        g = Graph()
        bind_prefixes(g, base)
        add = g.add
        for t in self._triples:
            add(t)
        return g


KIND_CLASS = {"person": NG.Person, "org": NG.Organization, "country": NG.Country, "place": NG.Place}
CONTEXT = 32


def en(text: str) -> Literal:
    return Literal(text, lang="en")


class Writer:
    def __init__(self, sdoc: SourceDocument, doc: Doc, base: str) -> None:
        self.g = TripleSet()
        self.sdoc = sdoc
        self.doc = doc
        self.base = base
        self.doc_iri = sdoc.iri(base)
        self.h = sdoc.key

    def ref(self, ref: str | None) -> URIRef | None:
        if not ref:
            return None
        kind, key = ref.split("/", 1)
        return iri(kind, key, self.base)

    def date(self, node: URIRef, prop: URIRef, d: DateValue | None, basis: bool = True) -> None:
        if d is None or d.value is None:
            return
        self.g.add((node, prop, Literal(d.value.isoformat(), datatype=XSD.date)))
        if basis:
            self.g.add((node, NG.dateBasis, NG[d.basis]))

    def evidence(self, node: URIRef, span: Span) -> None:
        text = self.sdoc.text
        s, e = span.start, span.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            return
        exact = text[s:e]
        a = iri("anno", f"{self.h}/{self.quote_key(s, e)}", self.base)
        target = URIRef(f"{a}#target")
        quote = URIRef(f"{a}#quote")
        pos = URIRef(f"{a}#position")
        g = self.g
        g.add((node, NG.evidence, a))
        g.add((a, RDF.type, OA.Annotation))
        g.add((a, OA.motivatedBy, OA.identifying))
        g.add((a, OA.hasBody, node))
        g.add((a, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.doc_iri))
        g.add((target, OA.hasSelector, quote))
        g.add((target, OA.hasSelector, pos))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(exact)))
        g.add((quote, OA.prefix, Literal(text[max(0, s - CONTEXT) : s])))
        g.add((quote, OA.suffix, Literal(text[e : e + CONTEXT])))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(s, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(e, datatype=XSD.nonNegativeInteger)))

    def quote_key(self, start: int, end: int) -> str:
        """Key of a quoted span: its words and which occurrence of them it is."""
        exact = self.sdoc.text[start:end]
        return short_hash(text_key(exact), occurrence(self.sdoc.text, start, exact))

    def derived(self, node: URIRef) -> None:
        self.g.add((node, PROV.wasDerivedFrom, self.doc_iri))


def to_graph(
    sdoc: SourceDocument, doc: Doc, meetings, statements, deployments, claims, base: str
) -> Graph:
    """The document's graph as an rdflib Graph (for callers that query it)."""
    return to_triples(sdoc, doc, meetings, statements, deployments, claims, base).graph(base)


def to_triples(
    sdoc: SourceDocument, doc: Doc, meetings, statements, deployments, claims, base: str
) -> TripleSet:
    """Every triple of the document's named graph (the build's path: no rdflib Graph)."""
    w = Writer(sdoc, doc, base)
    g = w.g
    d = w.doc_iri
    meta = doc.meta
    g.add((d, RDF.type, NG.Document))
    if meta.title:
        g.add((d, DCTERMS.title, Literal(meta.title)))
    for key in meta.publishers:
        pub = iri("org", key, base)
        g.add((d, DCTERMS.publisher, pub))
        if f"org/{key}" not in doc.entities:
            g.add((pub, RDF.type, NG.Organization))
            g.add((pub, RDFS.label, en(meta.publisher_labels[key])))
            if key == meta.publisher and meta.publisher_country:
                g.add((pub, NG.country, iri("country", meta.publisher_country, base)))
            w.derived(pub)
    if meta.published and meta.published.value:
        g.add(
            (d, SCHEMA.datePublished, Literal(meta.published.value.isoformat(), datatype=XSD.date))
        )
    g.add((d, NG.sha256, Literal(sdoc.sha256)))
    g.add((d, NG.fileName, Literal(sdoc.file_name)))
    g.add((d, NG.content, Literal(sdoc.text)))

    # entities
    used_countries = set()
    for ref, ent in doc.entities.items():
        node = w.ref(ref)
        g.add((node, RDF.type, KIND_CLASS[ent.kind]))
        g.add((node, RDFS.label, en(ent.label)))
        for s in sorted(ent.surfaces):
            if s != ent.label:
                g.add((node, SKOS.altLabel, en(s)))
        if ent.qid:
            g.add((node, OWL.sameAs, WD[ent.qid]))
        if ent.geonames_id:
            g.add((node, NG.geonamesId, Literal(str(ent.geonames_id))))
            g.add((node, SKOS.exactMatch, GEONAMES[f"{ent.geonames_id}/"]))
        if ent.lat is not None and ent.long is not None:
            g.add((node, GEO.lat, Literal(round(ent.lat, 5), datatype=XSD.decimal)))
            g.add((node, GEO.long, Literal(round(ent.long, 5), datatype=XSD.decimal)))
        if ent.parent:
            g.add((node, ORG.subOrganizationOf, iri("org", ent.parent, base)))
        if ent.country and ent.kind != "country":
            g.add((node, NG.country, iri("country", ent.country, base)))
            used_countries.add(ent.country)
        for pk in sorted(ent.posts):
            g.add((node, ORG.holds, iri("post", pk, base)))
        w.derived(node)
    for pk, post in doc.posts.items():
        node = iri("post", pk, base)
        g.add((node, RDF.type, ORG.Post))
        g.add((node, RDFS.label, en(post.label)))
        if post.country:
            g.add((node, NG.country, iri("country", post.country, base)))
            used_countries.add(post.country)
        org_node = None
        if post.org:
            org_node = iri("org", post.org, base)
        elif post.country and (body := _body_of_role(post.role)):
            org_key = slug(f"{body} {post.country}")
            org_node = iri("org", org_key, base)
            if f"org/{org_key}" not in doc.entities:
                clabel = doc.lex.entries.get(f"country/{post.country}")
                label = f"{body} of {clabel.label if clabel else post.country}"
                g.add((org_node, RDF.type, NG.Organization))
                g.add((org_node, RDFS.label, en(label)))
                g.add((org_node, NG.country, iri("country", post.country, base)))
                w.derived(org_node)
        if org_node is not None:
            g.add((node, ORG.postIn, org_node))
        w.derived(node)
    for c in used_countries:
        cref = f"country/{c}"
        if cref not in doc.entities:
            lx = doc.lex.entries.get(cref)
            node = iri("country", c, base)
            g.add((node, RDF.type, NG.Country))
            if lx:
                g.add((node, RDFS.label, en(lx.label)))
                if lx.qid:
                    g.add((node, OWL.sameAs, WD[lx.qid]))
            w.derived(node)

    # meetings
    for m in meetings:
        node = iri("meeting", slug(m.key) if "/" not in m.key else m.key, base)
        g.add((node, RDF.type, NG.Meeting))
        g.add((node, RDFS.label, en(m.label or meeting_label(doc, m))))
        for k in sorted(m.kinds):
            g.add((node, NG.kind, NG[k]))
        w.date(node, NG.date, m.date)
        if m.date and m.date.value is None and m.date.text:
            g.add((node, NG.dateText, Literal(m.date.text)))
        for prop, val in (
            (NG.organizer, m.organizer),
            (NG.chair, m.chair),
            (NG.location, m.location),
        ):
            if val:
                g.add((node, prop, w.ref(val)))
        for p in m.participants:
            g.add((node, NG.participant, w.ref(p)))
        for t in m.topics:
            g.add((node, NG.topic, w.ref(t)))
        w.derived(node)
        w.evidence(node, m.span)
    meeting_iri = {m.key: iri("meeting", slug(m.key), base) for m in meetings}

    # statements
    turns: dict[tuple[str, str], int] = {}
    statement_iris: list[URIRef] = []
    for st in statements:
        if st.section and st.speaker and st.meeting:
            # the n-th speech of this speaker at this meeting: two translations agree on n
            n = turns.get((st.speaker, st.meeting), 0)
            turns[(st.speaker, st.meeting)] = n + 1
            key = short_hash(st.speaker, st.meeting, n) if n else short_hash(st.speaker, st.meeting)
        else:
            key = short_hash(
                st.speaker,
                st.meeting or (st.date.value if st.date else ""),
                sdoc.identity,
                w.quote_key(st.span.start, st.span.end),
            )
        node = iri("statement", key, base)
        statement_iris.append(node)
        g.add((node, RDF.type, NG.Statement))
        if st.speaker:
            g.add((node, NG.speaker, w.ref(st.speaker)))
        w.date(node, NG.date, st.date)
        if st.meeting and st.meeting in meeting_iri:
            g.add((node, NG.madeAt, meeting_iri[st.meeting]))
        g.add((node, NG.text, Literal(sdoc.text[st.span.start : st.span.end])))
        g.add((node, NG.statementKind, NG[st.kind]))
        for a in st.about:
            g.add((node, NG.about, w.ref(a)))
        w.derived(node)
        w.evidence(node, st.span)

    # deployments
    for dp in deployments:
        node = iri("deployment", dp.key, base)
        g.add((node, RDF.type, NG.Deployment))
        for prop, val in (
            (NG.deployedBy, dp.deployed_by),
            (NG.destination, dp.destination),
            (NG.commander, dp.commander),
        ):
            if val:
                g.add((node, prop, w.ref(val)))
        for c in dp.contributors:
            g.add((node, NG.contributor, w.ref(c)))
        if dp.personnel is not None:
            g.add((node, NG.personnel, Literal(dp.personnel, datatype=XSD.integer)))
        if dp.equipment is not None:
            g.add((node, NG.equipmentUnits, Literal(dp.equipment, datatype=XSD.integer)))
        w.date(node, NG.startDate, dp.start, basis=False)
        w.date(node, NG.endDate, dp.end, basis=False)
        for s in dp.stations:
            g.add((node, NG.station, w.ref(s)))
        if dp.purpose:
            g.add((node, NG.purpose, Literal(dp.purpose)))
        if dp.legal_basis:
            g.add((node, NG.legalBasis, Literal(dp.legal_basis)))
        if dp.part_of:
            g.add((node, NG.partOf, iri("deployment", dp.part_of, base)))
        for force in {dp.force, dp.serves_in} - {None, dp.deployed_by}:
            g.add((node, NG.force, w.ref(force)))
        if dp.authorized_by and dp.decision_span:
            body = dp.authorized_by.split("/", 1)[1]
            dec = iri("decision", f"{body}-{dp.key.replace('/', '-')}", base)
            g.add((node, NG.authorizedBy, dec))
            g.add((dec, RDF.type, NG.Decision))
            blabel = (
                doc.entities[dp.authorized_by].label if dp.authorized_by in doc.entities else body
            )
            g.add((dec, RDFS.label, en(f"Decision of the {blabel} to deploy forces ({dp.key})")))
            g.add((dec, NG.decidedBy, w.ref(dp.authorized_by)))
            w.date(dec, NG.date, dp.decision_date)
            w.derived(dec)
            w.evidence(dec, dp.decision_span)
        w.derived(node)
        seen = set()
        for sp in dp.evidence or [dp.span]:
            if (sp.start, sp.end) not in seen:
                seen.add((sp.start, sp.end))
                w.evidence(node, sp)

    # claims
    for c in claims:
        node = iri(
            "claim", short_hash(sdoc.identity, w.quote_key(c.span.start, c.span.end), c.value), base
        )
        g.add((node, RDF.type, NG.NumericClaim))
        dt = XSD.integer if isinstance(c.value, int) else XSD.decimal
        g.add((node, NG.value, Literal(c.value, datatype=dt)))
        g.add((node, NG.quantityKind, NG[c.quantity_kind]))
        g.add((node, NG.counts, Literal(c.counts)))
        if c.qualifier:
            g.add((node, NG.qualifier, Literal(c.qualifier)))
        if c.claimant:
            g.add((node, NG.claimant, w.ref(c.claimant)))
        if c.statement is not None:
            g.add((node, NG.inStatement, statement_iris[c.statement]))
        w.date(node, NG.date, c.date)
        w.derived(node)
        w.evidence(node, c.span)

    return g


_ROLE_BODY = re.compile(
    r"^(?:Deputy |First Deputy |Vice )?(?:Speaker|Chairman|Chairperson|Head|Director|Commander)"
    r" of (?:the )?((?:[A-Z][\w-]* )*(?:Parliament|Assembly|Cabinet of Ministers|Administration|"
    r"Council|Committee|Service|Agency|Forces|Troops|Guard|Staff))$"
)


def _body_of_role(role: str) -> str | None:
    """The body a national post is in: a minister's ministry, a speaker's parliament."""
    if role.startswith("Minister of "):
        return "Ministry of " + role[len("Minister of ") :]
    m = _ROLE_BODY.match(role)
    return m.group(1) if m else None
