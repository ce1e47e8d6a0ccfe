"""Facts between the text rules and the RDF: plain dataclasses, so rules stay testable
without rdflib and rdfize is the one place that knows docs/modelling.md."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Entity:
    """A Person, Organization, Country or Place; `key` is its IRI slug."""

    kind: str  # person | org | country | place
    key: str
    label: str
    surfaces: set[str] = field(default_factory=set)
    qid: str | None = None
    country: str | None = None  # key of the country it belongs to
    parent: str | None = None  # org key it is a sub-organization of
    posts: set[str] = field(default_factory=set)  # post keys held (persons)
    category: str | None = None  # e.g. "news agency", "facility", "city", "region"
    geonames_id: int | None = None
    lat: float | None = None
    long: float | None = None


@dataclass
class Post:
    key: str
    label: str
    role: str
    country: str | None = None
    org: str | None = None  # org key the post is in


@dataclass
class Mention:
    """One place in the text where an entity is named."""

    key: str
    kind: str
    start: int
    end: int
    surface: str
    adjective: bool = False  # "Turkish" rather than "Turkey"


@dataclass
class DateValue:
    value: date | None
    basis: str  # ExplicitDate | YearFromDocumentDate | RelativeToDocumentDate | YearFromContext
    # | RelativeToContext | DocumentDate | Unresolved
    start: int
    end: int
    text: str


@dataclass
class Meeting:
    key: str
    span: Span
    label: str
    kinds: set[str] = field(default_factory=set)
    date: DateValue | None = None
    organizer: str | None = None  # entity IRI key "kind/key"
    chair: str | None = None
    participants: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    location: str | None = None
    continues: bool = False  # "the meeting was chaired by ...": an earlier meeting, again
    # named beside a party as where it was ("his counterpart at Jubilee House"): no party,
    # whatever another rule reading the same sentence took
    elsewhere: set[str] = field(default_factory=set)
    # "Arce had a previous meeting with Castillo in Lima": a time before any day the story
    # gives, never the same as a dated meeting of the same parties
    earlier: bool = False
    # "“… I had a bilateral meeting with B …,” he said": where the quoted "I" stands; the
    # quotation's speaker, known once statements are found, is a party
    voice_at: int | None = None
    # "Ruto met Samia, who is on a state visit to Kenya": a visit the sentence tells as the
    # guest's background, not the meeting its verb tells
    background: bool = False
    # "On the sidelines, A held talks with B": talks beside a gathering, never that
    # gathering, even when both were at it
    beside: bool = False


@dataclass
class Statement:
    span: Span
    kind: str  # Speech | ReportedSpeech | DirectQuote | WrittenStatement
    speaker: str | None  # "person/key" or "org/key" or "country/key"
    date: DateValue | None = None
    meeting: str | None = None  # meeting key
    about: list[str] = field(default_factory=list)
    section: bool = False  # a transcript section: identified by (speaker, meeting)


@dataclass
class Deployment:
    key: str
    span: Span
    deployed_by: str | None = None
    contributors: list[str] = field(default_factory=list)
    destination: str | None = None
    personnel: int | None = None
    equipment: int | None = None
    commander: str | None = None
    start: DateValue | None = None
    end: DateValue | None = None
    stations: list[str] = field(default_factory=list)
    purpose: str | None = None
    legal_basis: str | None = None
    authorized_by: str | None = None  # org ref of the body whose decision sent the forces
    decision_date: DateValue | None = None
    decision_span: Span | None = None
    part_of: str | None = None
    force: str | None = None  # org ref of the named force or mission deployed (SAMIM, KFOR)
    # org ref of the named force a contingent serves in, when the text tells no deployment
    # of that force of its own ("Indonesia will send 1,243 troops … to join UNIFIL")
    serves_in: str | None = None
    # made by the rules from a contingent for the mission it joins, not told by the text
    implied: bool = False
    evidence: list[Span] = field(default_factory=list)
    # the second of two forces one verb deploys, counted apart ("800 police officers and 200
    # members of the armed services were deployed"): never merged into the first
    apart: bool = False
    # told as forces leaving ("will withdraw its 1,000 soldiers"): never one with a sending of
    # the same state the story tells ("Kenya first sent troops into Somalia in 2011")
    withdrawal: bool = False


@dataclass
class Claim:
    span: Span
    value: int | float
    quantity_kind: str
    counts: str
    qualifier: str | None = None
    claimant: str | None = None
    date: DateValue | None = None
    statement: int | None = None  # index of the statement it was claimed in


@dataclass
class DocMeta:
    title: str | None = None
    title_span: Span | None = None
    publisher: str | None = None  # org key
    publisher_country: str | None = None  # set when the publisher is a national body
    publishers: list[str] = field(default_factory=list)  # every org key named as publisher
    publisher_labels: dict[str, str] = field(default_factory=dict)
    published: DateValue | None = None

    def page_day(self) -> DateValue | None:
        """The page's date as the day of a fact the page tells as of its day ("are being
        sent", "is paying a visit"), with the basis that says so."""
        return None if self.published is None else replace(self.published, basis="DocumentDate")


@dataclass
class Extraction:
    meta: DocMeta
    entities: dict[str, Entity] = field(default_factory=dict)  # "kind/key" -> Entity
    posts: dict[str, Post] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
