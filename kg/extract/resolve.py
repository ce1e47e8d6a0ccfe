"""The cross-document step, on a compact index instead of whole graphs.

What resolution needs from a document is small: the labels it gives entities, the
persons it names (with the skeleton of their name), the meetings it finds (date,
organizer, participants), the speeches (date, speaker, the numbers they quote) and the
claims whose claimant it could not tell. `facts_of` reads
that record from one document's graph (in the extraction worker); `ResolutionIndex`
keeps the records of every document in SQLite, so memory does not grow with the corpus
and a document can be added or removed later (`kg add`, `kg remove`); `decide` turns
them into decisions, and `apply_decisions` / `label_state` give a document's graph
with the decisions applied. The decisions, deterministic (they depend only on the
records, never on arrival order):

- One person across transliterations: persons whose label has a space and whose names
  have one skeleton (kg.extract.names: "Kassym-Jomart Tokayev" in one story,
  "Qasym-Zhomart Toqaev" in another) get one IRI: the lexicon's if it knows them, else
  the one more documents name, else the smallest; every graph naming the others is
  rewritten (see `_decide_persons`).
- One preferred rdfs:label per entity across the union, counted on the kept node of
  merged ones: the lexicon's, else the most used (then the longest, then the first in
  order); the graph's other labels become skos:altLabel in the graph that had them.
- The same speech in two translations gets one IRI: same date and many shared
  distinctive numbers (2,030 and 2030 parse alike) mean the same speech.
- One meeting seen twice under two keys gets one IRI (see `_decide_meetings`).
- A claim in a speech whose speaker another document names is that speaker's claim (the
  speaker's kept IRI, if the person was merged).

`resolve(graphs)` runs the same code over in-memory rdflib graphs (tests, scoring).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract.dates import explicit_dates
from kg.extract.gazetteer import load_lexicon
from kg.extract.names import name_skeleton
from kg.extract.numbers import find_numbers
from kg.namespaces import DEFAULT_BASE, NG

MIN_SHARED_NUMBERS = 5
MIN_OVERLAP = 0.5
# The index's layout; an index written by an older layout cannot take `kg add` (its
# documents lack rows the decisions now read): the build must be made again.
INDEX_VERSION = 2

_LABEL = ox.NamedNode(str(RDFS.label))
_ALT = ox.NamedNode(str(SKOS.altLabel))
_TYPE = ox.NamedNode(str(RDF.type))
_MEETING = ox.NamedNode(str(NG.Meeting))
_PERSON = ox.NamedNode(str(NG.Person))
_SPEECH = ox.NamedNode(str(NG.Speech))
_N = {name: ox.NamedNode(str(NG[name])) for name in (
    "date", "dateText", "organizer", "participant", "kind", "statementKind", "text", "speaker",
    "inStatement", "claimant",
)}  # fmt: skip


@dataclass
class DocFacts:
    """What the cross-document step needs from one document (terms in N-Triples form)."""

    labels: list[tuple[str, str, bool]] = field(default_factory=list)  # entity, literal, alt?
    persons: list[tuple[str, str | None]] = field(
        default_factory=list
    )  # person, skeleton of its label (None: a label of one word, never merged)
    meetings: list[tuple[str, str | None, str | None, str | None, tuple, tuple]] = field(
        default_factory=list
    )  # meeting, date, date text, organizer, participants, kinds
    speeches: list[tuple[str, str | None, str | None, tuple[int, ...]]] = field(
        default_factory=list
    )  # statement, date, speaker, numbers
    open_claims: list[tuple[str, str]] = field(default_factory=list)  # claim, statement


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(
        sorted(
            {int(v) for _s, _e, v, _q in find_numbers(text) if v >= 10 and float(v).is_integer()}
        )
    )


def facts_of(triples: Iterable[ox.Triple | ox.Quad]) -> DocFacts:
    """The resolution record of one document's graph (Oxigraph terms in, strings out)."""
    by_subject: dict[object, dict[object, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_subject[t.subject][t.predicate].append(t.object)
    facts = DocFacts()
    for s, props in by_subject.items():
        if not isinstance(s, ox.NamedNode):
            continue
        labels = [o for o in props.get(_LABEL, ()) if isinstance(o, ox.Literal)]
        if labels:
            facts.labels.extend((str(s), str(o), False) for o in labels)
            facts.labels.extend(
                (str(s), str(o), True) for o in props.get(_ALT, ()) if isinstance(o, ox.Literal)
            )
        if _PERSON in props.get(_TYPE, ()):
            names = sorted(o.value for o in labels)
            skeleton = name_skeleton(names[0]) if names and " " in names[0] else None
            facts.persons.append((str(s), skeleton))
        if _MEETING in props.get(_TYPE, ()):
            date = _first_value(props, "date")
            facts.meetings.append(
                (
                    str(s),
                    date,
                    _first_value(props, "dateText"),
                    _first_term(props, "organizer"),
                    tuple(sorted(str(o) for o in props.get(_N["participant"], ()))),
                    tuple(sorted(str(o) for o in props.get(_N["kind"], ()))),
                )
            )
        if _SPEECH in props.get(_N["statementKind"], ()):
            date = _first_value(props, "date")
            if date is not None:
                text = _first_value(props, "text") or ""
                facts.speeches.append((str(s), date, _first_term(props, "speaker"), _numbers(text)))
        if _N["inStatement"] in props and _N["claimant"] not in props:
            for st in props[_N["inStatement"]]:
                facts.open_claims.append((str(s), str(st)))
    facts.labels.sort()
    facts.persons.sort(key=lambda p: (p[0], p[1] or ""))
    facts.meetings.sort()
    facts.speeches.sort()
    facts.open_claims.sort()
    return facts


def _first_value(props: dict, name: str) -> str | None:
    values = sorted(o.value for o in props.get(_N[name], ()))
    return values[0] if values else None


def _first_term(props: dict, name: str) -> str | None:
    values = sorted(str(o) for o in props.get(_N[name], ()))
    return values[0] if values else None


@dataclass
class Decisions:
    """What resolution decided, for some part of the corpus (all of it, or what changed)."""

    renames: dict[str, str] = field(default_factory=dict)  # node -> kept node (N-Triples)
    labels: dict[str, str] = field(default_factory=dict)  # entity -> preferred label (lexical)
    claimants: dict[str, str] = field(default_factory=dict)  # claim -> speaker


_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL,
    identity TEXT UNIQUE NOT NULL, sha256 TEXT NOT NULL, path TEXT, file_name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, v TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS labels (entity INTEGER, doc INTEGER, lit INTEGER, alt INTEGER);
CREATE INDEX IF NOT EXISTS labels_entity ON labels (entity);
CREATE INDEX IF NOT EXISTS labels_doc ON labels (doc);
CREATE TABLE IF NOT EXISTS persons (person INTEGER, doc INTEGER, skeleton TEXT);
CREATE INDEX IF NOT EXISTS persons_person ON persons (person);
CREATE INDEX IF NOT EXISTS persons_doc ON persons (doc);
CREATE INDEX IF NOT EXISTS persons_skeleton ON persons (skeleton);
CREATE TABLE IF NOT EXISTS meetings (meeting INTEGER, doc INTEGER, md TEXT, date TEXT,
    dtext TEXT, org TEXT, people TEXT, kinds TEXT);
CREATE INDEX IF NOT EXISTS meetings_md ON meetings (md);
CREATE INDEX IF NOT EXISTS meetings_doc ON meetings (doc);
CREATE TABLE IF NOT EXISTS speeches (st INTEGER, doc INTEGER, date TEXT, speaker TEXT,
    numbers TEXT);
CREATE INDEX IF NOT EXISTS speeches_date ON speeches (date);
CREATE INDEX IF NOT EXISTS speeches_doc ON speeches (doc);
CREATE INDEX IF NOT EXISTS speeches_st ON speeches (st);
CREATE INDEX IF NOT EXISTS speeches_speaker ON speeches (speaker);
CREATE TABLE IF NOT EXISTS claims (claim INTEGER, doc INTEGER, st INTEGER);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc);
CREATE INDEX IF NOT EXISTS claims_st ON claims (st);
CREATE TABLE IF NOT EXISTS decided_label (entity INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decided_rename (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS decided_claimant (claim INTEGER PRIMARY KEY, speaker TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS retired (iri TEXT PRIMARY KEY, successor TEXT, at TEXT NOT NULL,
    reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revisions (doc_iri TEXT NOT NULL, rev_iri TEXT NOT NULL,
    sha256 TEXT NOT NULL, at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class DocRecord:
    iri: str
    identity: str
    sha256: str
    path: str | None
    file_name: str


class ResolutionIndex:
    """The compact, persistent record of every document, for cross-document decisions.

    One SQLite file per store build (it travels with the store it describes, so a
    failed `kg add` leaves both as they were). Terms are interned as integers: about
    40 bytes a label row, 100k documents in a few hundred MB of disk, little memory.
    """

    def __init__(
        self, path: str | Path = ":memory:", *, base: str = DEFAULT_BASE, read_only: bool = False
    ) -> None:
        self.path = str(path)
        self.base = base
        if read_only:
            self.db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, isolation_level=None,
                check_same_thread=False,
            )  # fmt: skip
            self._term_cache: dict[str, int] = {}
            self._lexicon = None
            self._lexicon_persons = None
            return
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute(
            "PRAGMA journal_mode=OFF" if self.path == ":memory:" else "PRAGMA journal_mode=DELETE"
        )
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-32000")  # 32 MB, whatever the corpus
        fresh = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        self.db.executescript(_SCHEMA)
        if fresh:
            self.db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        self._term_cache: dict[str, int] = {}
        self._lexicon: dict[str, str] | None = None
        self._lexicon_persons: set[str] | None = None

    # --- terms ---

    def term(self, value: str) -> int:
        tid = self._term_cache.get(value)
        if tid is not None:
            return tid
        row = self.db.execute("SELECT id FROM terms WHERE v = ?", (value,)).fetchone()
        if row is None:
            tid = self.db.execute("INSERT INTO terms (v) VALUES (?)", (value,)).lastrowid
        else:
            tid = row[0]
        if len(self._term_cache) > 200_000:
            self._term_cache.clear()
        self._term_cache[value] = tid
        return tid

    def value(self, tid: int) -> str:
        return self.db.execute("SELECT v FROM terms WHERE id = ?", (tid,)).fetchone()[0]

    def _known(self, value: str) -> int | None:
        """The id of a term already interned, without interning it."""
        row = self.db.execute("SELECT id FROM terms WHERE v = ?", (value,)).fetchone()
        return row[0] if row else None

    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # --- documents ---

    def doc(self, *, iri: str | None = None, identity: str | None = None) -> DocRecord | None:
        col, val = ("iri", iri) if iri is not None else ("identity", identity)
        row = self.db.execute(
            f"SELECT iri, identity, sha256, path, file_name FROM docs WHERE {col} = ?", (val,)
        ).fetchone()
        return DocRecord(*row) if row else None

    def documents(self) -> Iterator[DocRecord]:
        for row in self.db.execute(
            "SELECT iri, identity, sha256, path, file_name FROM docs ORDER BY iri"
        ):
            yield DocRecord(*row)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def _doc_id(self, iri: str) -> int | None:
        row = self.db.execute("SELECT id FROM docs WHERE iri = ?", (iri,)).fetchone()
        return row[0] if row else None

    def add(self, record: DocRecord, facts: DocFacts) -> None:
        """Record one document (its IRI must not be recorded yet)."""
        db = self.db
        doc = db.execute(
            "INSERT INTO docs (iri, identity, sha256, path, file_name) VALUES (?, ?, ?, ?, ?)",
            (record.iri, record.identity, record.sha256, record.path, record.file_name),
        ).lastrowid
        t = self.term
        db.executemany(
            "INSERT INTO labels VALUES (?, ?, ?, ?)",
            [(t(e), doc, t(lit), int(alt)) for e, lit, alt in facts.labels],
        )
        db.executemany(
            "INSERT INTO persons VALUES (?, ?, ?)",
            [(t(p), doc, skeleton) for p, skeleton in facts.persons],
        )
        rows = []
        for m, date, dtext, org, people, kinds in facts.meetings:
            rows.append(
                (t(m), doc, _month_day(date, dtext), date, dtext, org, "\n".join(people),
                 "\n".join(kinds))
            )  # fmt: skip
        db.executemany("INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO speeches VALUES (?, ?, ?, ?, ?)",
            [
                (t(st), doc, date, speaker, ",".join(map(str, numbers)))
                for st, date, speaker, numbers in facts.speeches
            ],
        )
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?)",
            [(t(c), doc, t(st)) for c, st in facts.open_claims],
        )

    def remove(self, iri: str) -> DocRecord | None:
        """Forget one document; returns what was recorded about it."""
        record = self.doc(iri=iri)
        doc = self._doc_id(iri)
        if record is None or doc is None:
            return None
        for table in ("labels", "persons", "meetings", "speeches", "claims"):
            self.db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc,))
        return record

    # --- what a document touches (to know which decisions to revisit) ---

    def scope_of(self, iri: str) -> Scope:
        doc = self._doc_id(iri)
        scope = Scope()
        if doc is None:
            return scope
        db = self.db
        scope.entities |= {
            r[0] for r in db.execute("SELECT entity FROM labels WHERE doc=?", (doc,))
        }
        for person, skeleton in db.execute(
            "SELECT person, skeleton FROM persons WHERE doc=?", (doc,)
        ):
            scope.persons.add(person)
            if skeleton is not None:
                scope.skeletons.add(skeleton)
        scope.month_days |= {
            r[0]
            for r in db.execute("SELECT md FROM meetings WHERE doc=? AND md IS NOT NULL", (doc,))
        }
        scope.dates |= {r[0] for r in db.execute("SELECT date FROM speeches WHERE doc=?", (doc,))}
        scope.statements |= {r[0] for r in db.execute("SELECT st FROM claims WHERE doc=?", (doc,))}
        scope.statements |= {
            r[0] for r in db.execute("SELECT st FROM speeches WHERE doc=?", (doc,))
        }
        return scope

    def everything(self) -> Scope:
        db = self.db
        scope = Scope(all=True)
        scope.month_days = {
            r[0] for r in db.execute("SELECT DISTINCT md FROM meetings WHERE md IS NOT NULL")
        }
        scope.dates = {r[0] for r in db.execute("SELECT DISTINCT date FROM speeches")}
        return scope

    # --- decisions ---

    def stored_decisions(self, scope: Scope) -> Decisions:
        """The decisions in force for `scope` (as `decide` last wrote them)."""
        out = Decisions()
        v = self.value
        for old, new in self._in_scope_renames(scope):
            out.renames[v(old)] = v(new)
        for entity, label in self._rows(
            "SELECT entity, label FROM decided_label", "entity", scope.entities, scope.all
        ):
            out.labels[v(entity)] = label
        for claim, speaker in self._claimant_rows(scope):
            out.claimants[v(claim)] = speaker
        return out

    def _rows(self, sql: str, column: str, ids: set, everything: bool) -> Iterator[tuple]:
        """`sql` for the rows whose `column` is one of `ids`, 500 at a time."""
        if everything:
            yield from self.db.execute(sql)
            return
        ids_list = sorted(ids)
        joiner = "AND" if " WHERE " in sql else "WHERE"
        for i in range(0, len(ids_list), 500):
            chunk = ids_list[i : i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"{sql} {joiner} {column} IN ({marks})", chunk)

    def _in_scope_renames(self, scope: Scope) -> list[tuple[int, int]]:
        if scope.all:
            return list(self.db.execute("SELECT old, new FROM decided_rename"))
        nodes = self._nodes_in(scope)
        return list(self._rows("SELECT old, new FROM decided_rename", "old", nodes, False))

    def _nodes_in(self, scope: Scope) -> set[int]:
        """The nodes whose renames the scope decides: its persons, and the meetings and
        speeches of its month-days and dates."""
        return self._events_in(scope) | scope.persons

    def _events_in(self, scope: Scope) -> set[int]:
        """Meetings and speeches of the scope's month-days and dates."""
        nodes: set[int] = set()
        for md in sorted(scope.month_days):
            nodes |= {
                r[0] for r in self.db.execute("SELECT meeting FROM meetings WHERE md=?", (md,))
            }
        for date in sorted(scope.dates):
            nodes |= {
                r[0] for r in self.db.execute("SELECT st FROM speeches WHERE date=?", (date,))
            }
        return nodes

    def _claimant_rows(self, scope: Scope) -> list[tuple[int, str]]:
        if scope.all:
            return list(self.db.execute("SELECT claim, speaker FROM decided_claimant"))
        claims = self._claims_in(scope)
        return list(
            self._rows("SELECT claim, speaker FROM decided_claimant", "claim", claims, False)
        )

    def _claims_in(self, scope: Scope) -> set[int]:
        statements = set(scope.statements) | self._events_in(scope)
        renamed_to = {
            r[0] for r in self._rows("SELECT new FROM decided_rename", "old", statements, False)
        }
        statements |= renamed_to
        statements |= {
            r[0] for r in self._rows("SELECT old FROM decided_rename", "new", statements, False)
        }
        return {r[0] for r in self._rows("SELECT claim FROM claims", "st", statements, False)}

    def decide(self, scope: Scope) -> tuple[Decisions, Decisions]:
        """Recompute the decisions for `scope`, store them, and return (before, after)."""
        scope = self._expand(scope)
        before = self.stored_decisions(scope)
        after = Decisions()
        rename_ids: dict[int, int] = self._decide_persons(None if scope.all else scope.skeletons)
        for md in sorted(scope.month_days):
            rename_ids.update(self._decide_meetings(md))
        for date in sorted(scope.dates):
            rename_ids.update(self._decide_speeches(date, rename_ids))
        v = self.value
        after.renames = {v(a): v(b) for a, b in rename_ids.items()}
        # the renames of this scope and those in force elsewhere
        renames_all = dict(self.db.execute("SELECT old, new FROM decided_rename"))
        for old in self._scope_nodes(scope):
            renames_all.pop(old, None)
        renames_all.update(rename_ids)
        # labels, counted on the kept node of merged ones; every node merged into it
        # takes the same decision (its graphs' labels are the kept node's after the rename)
        lex = self._lexicon_labels()
        decided_labels: dict[int, str] = {}
        for entity, members, counts in self._label_entities(scope, renames_all):
            if len(counts) < 2:
                continue
            name = v(entity)
            if name in lex and lex[name] in counts:
                label = lex[name]
            else:
                label = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            for m in members:
                decided_labels[m] = label
                after.labels[v(m)] = label
        # claimants
        claim_ids = self._claims_in(scope) if not scope.all else None
        decided_claimants = self._decide_claimants(claim_ids, renames_all)
        after.claimants = {v(c): s for c, s in decided_claimants.items()}
        # store
        db = self.db
        if scope.all:
            db.execute("DELETE FROM decided_rename")
            db.execute("DELETE FROM decided_label")
            db.execute("DELETE FROM decided_claimant")
        else:
            nodes = self._scope_nodes(scope)
            self._delete_in("decided_rename", "old", nodes)
            self._delete_in("decided_label", "entity", scope.entities)
            self._delete_in("decided_claimant", "claim", claim_ids or set())
        db.executemany("INSERT OR REPLACE INTO decided_rename VALUES (?, ?)", rename_ids.items())
        db.executemany("INSERT OR REPLACE INTO decided_label VALUES (?, ?)", decided_labels.items())
        db.executemany(
            "INSERT OR REPLACE INTO decided_claimant VALUES (?, ?)", decided_claimants.items()
        )
        return before, after

    def _scope_nodes(self, scope: Scope) -> set[int]:
        if scope.all:
            return {r[0] for r in self.db.execute("SELECT old FROM decided_rename")}
        return self._nodes_in(scope)

    def _delete_in(self, table: str, column: str, ids: set[int]) -> None:
        ids_list = sorted(ids)
        for i in range(0, len(ids_list), 500):
            chunk = ids_list[i : i + 500]
            self.db.execute(
                f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
            )

    def _expand(self, scope: Scope) -> Scope:
        """The scope with everything its decisions hang on: whole name-skeleton groups of
        persons (and the groups their other names join), the speeches those persons gave
        (their claims' claimant is the kept person), and, for labels, every node merged
        with a node of the scope."""
        if scope.all:
            return scope
        out = Scope()
        out |= scope
        skeletons = set(scope.skeletons) | {
            r[0]
            for r in self._rows(
                "SELECT skeleton FROM persons WHERE skeleton IS NOT NULL",
                "person",
                scope.entities | scope.persons,
                False,
            )
        }
        persons: set[int] = set()
        frontier = set(skeletons)
        while frontier:
            found = {
                r[0] for r in self._rows("SELECT person FROM persons", "skeleton", frontier, False)
            }
            found -= persons
            persons |= found
            more = {
                r[0]
                for r in self._rows("SELECT skeleton FROM persons", "person", found, False)
                if r[0] is not None
            }
            frontier = more - skeletons
            skeletons |= frontier
        out.skeletons = skeletons
        out.persons |= persons
        out.entities |= out.persons | self._events_in(out)
        out.entities |= {
            r[0] for r in self._rows("SELECT old FROM decided_rename", "new", out.entities, False)
        }
        out.entities |= {
            r[0] for r in self._rows("SELECT new FROM decided_rename", "old", out.entities, False)
        }
        speakers = [self.value(p) for p in sorted(out.persons)]
        out.statements |= {
            r[0] for r in self._rows("SELECT st FROM speeches", "speaker", set(speakers), False)
        }
        return out

    def _decide_persons(self, skeletons: set[str] | None) -> dict[int, int]:
        """One person across transliterations, for the groups of these name skeletons
        (None: all). In each group of two or more persons, the kept node is the lexicon's
        person if one is in it, else the one more documents name (with a label of two
        words or more), else the smallest IRI; groups are taken in skeleton order and a
        person renamed in one is not renamed again by a later one. A kept node renamed by
        a later group passes its rename on (one person, one IRI)."""
        db = self.db
        if skeletons is None:
            rows = list(
                db.execute(
                    "SELECT person, skeleton FROM persons WHERE skeleton IN (SELECT skeleton"
                    " FROM persons WHERE skeleton IS NOT NULL GROUP BY skeleton"
                    " HAVING count(DISTINCT person) > 1)"
                )
            )
        else:
            rows = list(
                self._rows("SELECT person, skeleton FROM persons", "skeleton", skeletons, False)
            )
        groups: dict[str, set[int]] = defaultdict(set)
        for person, skeleton in rows:
            if skeleton is not None:
                groups[skeleton].add(person)
        groups = {k: g for k, g in groups.items() if len(g) > 1}
        members = sorted({p for g in groups.values() for p in g})
        if not members:
            return {}
        documents: dict[int, int] = {}
        for i in range(0, len(members), 500):
            chunk = members[i : i + 500]
            documents.update(
                db.execute(
                    "SELECT person, count(DISTINCT doc) FROM persons WHERE skeleton IS NOT NULL"
                    f" AND person IN ({','.join('?' * len(chunk))}) GROUP BY person",
                    chunk,
                )
            )
        iri = {p: self.value(p)[1:-1] for p in members}
        lex = self._lexicon_person_iris()

        def rank(p: int) -> tuple[bool, int, str]:
            return (iri[p] not in lex, -documents.get(p, 0), iri[p])

        rename: dict[int, int] = {}
        for skeleton in sorted(groups):
            people = groups[skeleton]
            keep = min(people, key=rank)
            for p in people:
                if p != keep and p not in rename:
                    rename[p] = keep
        final: dict[int, int] = {}
        for p, keep in rename.items():
            while keep in rename:  # ranks fall along a chain: it ends
                keep = rename[keep]
            final[p] = keep
        return final

    def _lexicon_person_iris(self) -> set[str]:
        if self._lexicon_persons is None:
            lex = load_lexicon()
            self._lexicon_persons = {
                f"{self.base}{ref}" for ref, e in lex.entries.items() if e.kind == "person"
            }
        return self._lexicon_persons

    def _label_entities(
        self, scope: Scope, renames: dict[int, int]
    ) -> Iterator[tuple[int, set[int], dict[str, int]]]:
        """(entity, the nodes merged into it and itself, {label: number of documents giving
        it as rdfs:label}) for the entities of the scope (all: those with two labels or
        more, and every merged node)."""
        classes: dict[int, set[int]] = defaultdict(set)
        for old, new in renames.items():
            classes[new] |= {old, new}
        merged = {m for c in classes.values() for m in c}
        for entity, counts in self._plain_label_counts(scope):
            if entity not in merged:
                yield entity, {entity}, counts
        finals = (
            set(classes)
            if scope.all
            else {renames.get(e, e) for e in scope.entities} & set(classes)
        )
        for final in sorted(finals):
            members = classes[final]
            said: set[tuple[int, int]] = set()  # (literal, document): one count per graph
            for _entity, lit, doc in self._rows(
                "SELECT entity, lit, doc FROM labels WHERE alt = 0", "entity", members, False
            ):
                said.add((lit, doc))
            counts: Counter = Counter()
            for lit, _doc in said:
                counts[_lexical(self.value(lit))] += 1
            yield final, members, dict(counts)

    def _plain_label_counts(self, scope: Scope) -> Iterator[tuple[int, dict[str, int]]]:
        """(entity, {label: number of documents giving it as rdfs:label})."""
        sql = (
            "SELECT l.entity, t.v, count(DISTINCT l.doc) FROM labels l JOIN terms t"
            " ON t.id = l.lit WHERE l.alt = 0"
        )
        if scope.all:
            rows: Iterable = self.db.execute(
                sql + " AND l.entity IN (SELECT entity FROM labels WHERE alt = 0 GROUP BY entity"
                " HAVING count(DISTINCT lit) > 1) GROUP BY l.entity, l.lit ORDER BY l.entity"
            )
        else:
            ids = sorted(scope.entities)
            rows = (
                row
                for i in range(0, len(ids), 500)
                for row in self.db.execute(
                    sql
                    + f" AND l.entity IN ({','.join('?' * len(ids[i : i + 500]))})"
                    + " GROUP BY l.entity, l.lit ORDER BY l.entity",
                    ids[i : i + 500],
                )
            )
        current: int | None = None
        counts: Counter = Counter()
        for entity, lit, n in rows:
            if entity != current:
                if current is not None:
                    yield current, dict(counts)
                current, counts = entity, Counter()
            counts[_lexical(lit)] += n
        if current is not None:
            yield current, dict(counts)

    def _lexicon_labels(self) -> dict[str, str]:
        if self._lexicon is None:
            lex = load_lexicon()
            self._lexicon = {f"<{self.base}{ref}>": e.label for ref, e in lex.entries.items()}
        return self._lexicon

    def _decide_meetings(self, md: str) -> dict[int, int]:
        """One meeting seen twice under two keys, within one month-day:
        - an undated call ("early Jan. 6", in a page with no year) and the dated call between
          the same people on that day and month elsewhere;
        - a meeting known only by its participants and, the same day, a meeting of a named
          body that at least two of them attended."""
        rows = self.db.execute(
            "SELECT m.meeting, d.iri, m.date, m.dtext, m.org, m.people, m.kinds FROM meetings m"
            " JOIN docs d ON d.id = m.doc WHERE m.meeting IN"
            " (SELECT meeting FROM meetings WHERE md = ?) ORDER BY d.iri",
            (md,),
        ).fetchall()
        meetings: dict[int, dict] = {}
        for m, _doc, date, dtext, org, people, kinds in rows:
            info = meetings.setdefault(
                m, {"date": None, "text": None, "org": None, "people": set(), "kinds": set()}
            )
            info["date"] = info["date"] or date
            info["text"] = info["text"] or dtext
            info["org"] = info["org"] or org
            info["people"] |= set(filter(None, people.split("\n")))
            info["kinds"] |= set(filter(None, kinds.split("\n")))
        names = {m: self.value(m) for m in meetings}
        order = sorted(meetings, key=lambda m: names[m])
        dated = [m for m in order if meetings[m]["date"] is not None]
        phone = f"<{NG.PhoneCall}>"
        rename: dict[int, int] = {}
        for m in order:
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
                    if _md(meetings[d]["date"]) == (month, day)
                    and meetings[d]["people"] == info["people"]
                ]
            elif info["date"] is not None and info["org"] is None and phone not in info["kinds"]:
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
        return rename

    def _decide_speeches(self, date: str, known: dict[int, int]) -> dict[int, int]:
        """Speeches of one day from different documents that share most of their numbers."""
        rows = self.db.execute(
            "SELECT d.iri, s.st, s.speaker, s.numbers FROM speeches s JOIN docs d ON d.id = s.doc"
            " WHERE s.date = ? ORDER BY d.iri",
            (date,),
        ).fetchall()
        names = {st: self.value(st) for _g, st, _sp, _n in rows}
        speeches = sorted(
            (
                (g, st, sp, frozenset(int(x) for x in nums.split(",") if x))
                for g, st, sp, nums in rows
            ),
            key=lambda r: (r[0], names[r[1]]),
        )
        rename: dict[int, int] = {}
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
                    keep, drop = sorted((a, b), key=lambda n: names[n])
                while keep in rename:
                    keep = rename[keep]
                if drop != keep and drop not in rename:
                    rename[drop] = keep
        return rename

    def _decide_claimants(
        self, claim_ids: set[int] | None, renames: dict[int, int]
    ) -> dict[int, str]:
        """A claim with no claimant, in a statement whose (kept) IRI has a speaker somewhere:
        the speaker's kept IRI (a person merged across transliterations is one speaker)."""
        if claim_ids is None:
            rows = list(self.db.execute("SELECT claim, st FROM claims"))
        else:
            rows = list(self._rows("SELECT claim, st FROM claims", "claim", claim_ids, False))
        if not rows:
            return {}
        finals = {st: renames.get(st, st) for _c, st in rows}
        wanted = set(finals.values())
        sources = {old for old, new in renames.items() if new in wanted} | wanted
        speakers: dict[int, str] = {}
        for st, _doc, speaker in self._rows(
            "SELECT s.st, d.iri, s.speaker FROM speeches s JOIN docs d ON d.id = s.doc",
            "s.st",
            sources,
            False,
        ):
            if speaker is None:
                continue
            person = self._known(speaker)
            if person is not None and person in renames:
                speaker = self.value(renames[person])
            final = renames.get(st, st)
            best = speakers.get(final)
            if best is None or (_doc, speaker) < best:  # type: ignore[operator]
                speakers[final] = (_doc, speaker)  # type: ignore[assignment]
        out: dict[int, str] = {}
        for claim, st in rows:
            found = speakers.get(finals[st])
            if found is not None:
                out[claim] = found[1]  # type: ignore[index]
        return out

    # --- per-document views of the decisions ---

    def docs_labelling(self, entities: Iterable[str]) -> dict[str, set[str]]:
        """entity -> documents (IRIs) that give it an rdfs:label."""
        out: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            row = self.db.execute("SELECT id FROM terms WHERE v = ?", (e,)).fetchone()
            if row is None:
                continue
            for (doc,) in self.db.execute(
                "SELECT DISTINCT d.iri FROM labels l JOIN docs d ON d.id = l.doc"
                " WHERE l.entity = ? AND l.alt = 0",
                (row[0],),
            ):
                out[e].add(doc)
        return out

    def label_rows(self, entities: set[str]) -> Iterator[tuple[tuple[str, str], tuple[set, set]]]:
        """((document, entity), (labels, alternative labels)) for every document that gives
        one of `entities` an rdfs:label, straight from the index."""
        ids = sorted(
            row[0]
            for e in entities
            if (row := self.db.execute("SELECT id FROM terms WHERE v = ?", (e,)).fetchone())
        )
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            current: tuple[str, str] | None = None
            labels: set[str] = set()
            alts: set[str] = set()
            for doc, entity, lit, alt in self.db.execute(
                "SELECT d.iri, e.v, t.v, l.alt FROM labels l JOIN docs d ON d.id = l.doc"
                " JOIN terms e ON e.id = l.entity JOIN terms t ON t.id = l.lit"
                f" WHERE l.entity IN ({','.join('?' * len(chunk))}) ORDER BY l.entity, l.doc",
                chunk,
            ):
                if (doc, entity) != current:
                    if current is not None and labels:
                        yield current, (labels, alts)
                    current, labels, alts = (doc, entity), set(), set()
                (alts if alt else labels).add(lit)
            if current is not None and labels:
                yield current, (labels, alts)

    def raw_labels(self, doc_iri: str, entity: str) -> tuple[set[str], set[str]]:
        """(rdfs:label literals, skos:altLabel literals) the document gave the entity."""
        labels: set[str] = set()
        alts: set[str] = set()
        for lit, alt in self.db.execute(
            "SELECT t.v, l.alt FROM labels l JOIN docs d ON d.id = l.doc"
            " JOIN terms e ON e.id = l.entity JOIN terms t ON t.id = l.lit"
            " WHERE d.iri = ? AND e.v = ?",
            (doc_iri, entity),
        ):
            (alts if alt else labels).add(lit)
        return labels, alts

    def homes(self, nodes: Iterable[str]) -> set[str]:
        """Documents in which these persons, meetings or speeches are found."""
        out: set[str] = set()
        for n in nodes:
            row = self.db.execute("SELECT id FROM terms WHERE v = ?", (n,)).fetchone()
            if row is None:
                continue
            for table, col in (("persons", "person"), ("meetings", "meeting"), ("speeches", "st")):
                out |= {
                    r[0]
                    for r in self.db.execute(
                        f"SELECT d.iri FROM {table} x JOIN docs d ON d.id = x.doc"
                        f" WHERE x.{col} = ?",
                        (row[0],),
                    )
                }
        return out

    def claim_docs(self, claims: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for c in claims:
            out |= {
                r[0]
                for r in self.db.execute(
                    "SELECT d.iri FROM claims x JOIN docs d ON d.id = x.doc JOIN terms t"
                    " ON t.id = x.claim WHERE t.v = ?",
                    (c,),
                )
            }
        return out

    def decisions_for_doc(self, doc_iri: str) -> Decisions:
        """The decisions in force that touch one document's graph."""
        doc = self._doc_id(doc_iri)
        out = Decisions()
        if doc is None:
            return out
        db = self.db
        for old, new in db.execute(
            "SELECT a.v, b.v FROM decided_rename r JOIN terms a ON a.id = r.old"
            " JOIN terms b ON b.id = r.new WHERE r.old IN"
            " (SELECT meeting FROM meetings WHERE doc = ? UNION SELECT st FROM speeches"
            " WHERE doc = ? UNION SELECT person FROM persons WHERE doc = ?)",
            (doc, doc, doc),
        ):
            out.renames[old] = new
        for entity, label in db.execute(
            "SELECT t.v, x.label FROM decided_label x JOIN terms t ON t.id = x.entity"
            " WHERE x.entity IN (SELECT entity FROM labels WHERE doc = ?)",
            (doc,),
        ):
            out.labels[entity] = label
        for claim, speaker in db.execute(
            "SELECT t.v, x.speaker FROM decided_claimant x JOIN terms t ON t.id = x.claim"
            " WHERE x.claim IN (SELECT claim FROM claims WHERE doc = ?)",
            (doc,),
        ):
            out.claimants[claim] = speaker
        return out

    # --- history: revisions and IRIs that are gone ---

    def retire(self, iris: Iterable[str], at: str, reason: str, successor: dict[str, str]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO retired VALUES (?, ?, ?, ?)",
            [(i, successor.get(i) or successor.get(f"<{i}>"), at, reason) for i in iris],
        )

    def unretire(self, iris: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM retired WHERE iri = ?", [(i,) for i in iris])

    def retired(self, iri: str) -> tuple[str | None, str, str] | None:
        row = self.db.execute(
            "SELECT successor, at, reason FROM retired WHERE iri = ?", (iri,)
        ).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    def add_revision(self, doc_iri: str, rev_iri: str, sha256: str, at: str) -> None:
        self.db.execute("INSERT INTO revisions VALUES (?, ?, ?, ?)", (doc_iri, rev_iri, sha256, at))

    def revisions(self, doc_iri: str) -> list[tuple[str, str, str]]:
        return list(
            self.db.execute(
                "SELECT rev_iri, sha256, at FROM revisions WHERE doc_iri = ? ORDER BY at, rowid",
                (doc_iri,),
            )
        )

    def drop_revisions(self, doc_iri: str) -> None:
        self.db.execute("DELETE FROM revisions WHERE doc_iri = ?", (doc_iri,))


@dataclass
class Scope:
    """Which decisions to revisit: entity ids, persons and their name skeletons, meeting
    month-days, speech dates, statements."""

    entities: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)
    month_days: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    statements: set[int] = field(default_factory=set)
    all: bool = False

    def __ior__(self, other: Scope) -> Scope:
        self.entities |= other.entities
        self.persons |= other.persons
        self.skeletons |= other.skeletons
        self.month_days |= other.month_days
        self.dates |= other.dates
        self.statements |= other.statements
        self.all = self.all or other.all
        return self


def _month_day(date: str | None, dtext: str | None) -> str | None:
    if date:
        return date[5:10]
    if dtext:
        found = explicit_dates(dtext)
        if found:
            _s, _e, _y, month, day = found[0]
            return f"{month:02d}-{day:02d}"
    return None


def _md(date: str) -> tuple[int, int]:
    return int(date[5:7]), int(date[8:10])


@lru_cache(maxsize=65536)
def _literal(nt_literal: str) -> ox.Literal:
    """A literal written in N-Triples, read back."""
    parsed = ox.parse(f"<x:s> <x:p> {nt_literal} .", format=ox.RdfFormat.N_TRIPLES)
    return next(iter(parsed)).object


def _lexical(nt_literal: str) -> str:
    """The lexical form of a literal written in N-Triples."""
    return _literal(nt_literal).value


def _node(nt: str) -> ox.NamedNode:
    return ox.NamedNode(nt[1:-1])


def label_state(
    labels: set[str], alts: set[str], preferred: str | None
) -> tuple[set[str], set[str]]:
    """The labels and alternative labels (N-Triples literals) one graph gives one entity,
    given what it said (`labels`, `alts`) and the preferred label decided for the entity:
    labels other than the preferred one become alternative labels, the preferred one is
    the label (and no alternative)."""
    if preferred is None:
        return set(labels), set(alts)
    pref = str(ox.Literal(preferred, language="en"))
    keep = {lit for lit in labels if _lexical(lit) == preferred}
    demoted = {lit for lit in labels if _lexical(lit) != preferred}
    return keep | {pref}, (alts | demoted) - {pref}


def apply_decisions(
    triples: Sequence[ox.Triple], facts: DocFacts, decisions: Decisions
) -> list[ox.Triple]:
    """One document's graph, as extracted, with the decisions that touch it applied."""
    named = {m[0] for m in facts.meetings} | {s[0] for s in facts.speeches}
    named |= {p for p, _skeleton in facts.persons}
    renames = {_node(old): _node(new) for old, new in decisions.renames.items() if old in named}

    def rn(term):
        return renames.get(term, term) if isinstance(term, ox.NamedNode) else term

    out: set[ox.Triple] = set()
    labelled: dict[str, tuple[set[str], set[str]]] = {}
    for e, lit, alt in facts.labels:
        pair = labelled.setdefault(e, (set(), set()))
        pair[1 if alt else 0].add(lit)
    for t in triples:
        s = str(t.subject)
        if s in labelled and decisions.labels.get(s) is not None and t.predicate in (_LABEL, _ALT):
            continue  # rewritten below
        out.add(ox.Triple(rn(t.subject), t.predicate, rn(t.object)))
    for e, (labels, alts) in labelled.items():
        preferred = decisions.labels.get(e)
        if preferred is None:
            continue
        new_labels, new_alts = label_state(labels, alts, preferred)
        node = rn(_node(e))
        out.update(ox.Triple(node, _LABEL, _literal(lit)) for lit in new_labels)
        out.update(ox.Triple(node, _ALT, _literal(lit)) for lit in new_alts)
    claim_node = _N["claimant"]
    open_claims = {c for c, _st in facts.open_claims}
    for claim, speaker in decisions.claimants.items():
        if claim in open_claims:
            out.add(ox.Triple(_node(claim), claim_node, _node(speaker)))
    return sorted(out, key=str)


# --- in-memory form, for tests and the scorer ---


def resolve(graphs: dict[URIRef, Graph], *, base: str = DEFAULT_BASE) -> None:
    """Apply the cross-document decisions to in-memory graphs, in place."""
    from kg.terms import from_ox, to_ox

    index = ResolutionIndex(":memory:", base=base)
    per_doc: dict[URIRef, tuple[list[ox.Triple], DocFacts]] = {}
    for name in sorted(graphs):
        triples = [
            ox.Triple(to_ox(s), to_ox(p), to_ox(o))
            for s, p, o in graphs[name]
            if not isinstance(s, Literal)
        ]
        facts = facts_of(triples)
        per_doc[name] = (triples, facts)
        index.add(DocRecord(str(name), str(name), "", None, str(name)), facts)
    index.decide(index.everything())
    for name, (triples, facts) in per_doc.items():
        decisions = index.decisions_for_doc(str(name))
        if not (decisions.renames or decisions.labels or decisions.claimants):
            continue
        g = graphs[name]
        new = apply_decisions(triples, facts, decisions)
        for t in list(g):
            g.remove(t)
        for t in new:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    index.close()
