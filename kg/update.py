"""`kg add` and `kg remove`: change the served graph without rebuilding it.

An update works on a checkpoint of the served build (kg.store.begin_update: hard links,
milliseconds), changes only what the documents touch, and is swapped in like a build:
a server keeps answering from the old build until the pointer moves, then from the
new one, never from a half-done state.

What an added document changes:
- its named graph (a revised document: only the triples that differ, so unchanged facts
  keep their IRIs) and the default-graph union (kg.live.LiveGraphs);
- the resolution index and the decisions its records touch (a preferred label, a merged
  speech), applied to every graph they change;
- the inferred graph, recomputed for the nodes the change reaches (kg.live.StoreReasoner);
- the history: a revised document `prov:wasRevisionOf` its earlier text (graph
  `id:graph/revisions`), and IRIs that no document supports any more are recorded as
  retired, so the server answers 410 Gone for them (or redirects to their successor).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.build import cache_path, refresh_links, rematerialize, write_cached
from kg.config import Config
from kg.documents import DocumentError, SourceDocument, find_sources, identity_of, read_document
from kg.extract.resolve import ResolutionIndex, Scope
from kg.ids import revision_iri
from kg.live import LiveGraphs, StoreReasoner
from kg.namespaces import NG, ONTOLOGY_IRI, inferred_graph_iri, revisions_graph_iri
from kg.pipeline import _rules, process_batch
from kg.store import PendingBuild, begin_update, build_lock, build_manifest, index_path


@dataclass
class UpdateReport:
    added: list[str] = field(default_factory=list)  # document IRIs new to the graph
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    retired: int = 0
    triples_added: int = 0
    triples_removed: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.revised or self.removed)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _subjects(live: LiveGraphs, graph: str, base: str) -> set[str]:
    """The IRIs under the base a graph describes (fragments cut: `…/anno/x#target` is
    served on `…/anno/x`'s page)."""
    return {
        q.subject.value.split("#", 1)[0]
        for q in live.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base)
    }


def mentioned(store: ox.Store, node: ox.NamedNode) -> bool:
    """Whether any graph still says something about `node` (or its #hash parts)."""
    for pattern in ((node, None, None), (None, None, node)):
        if next(iter(store.quads_for_pattern(*pattern, ox.DefaultGraph())), None):
            return True
    prefix = node.value + "#"
    for suffix in ("target", "quote", "position"):
        part = ox.NamedNode(prefix + suffix)
        if next(iter(store.quads_for_pattern(part, None, None, ox.DefaultGraph())), None):
            return True
    return False


def record_revision(
    live: LiveGraphs, revisions: ox.NamedNode, doc_iri: str, old_sha: str, now: str
) -> None:
    """`doc prov:wasRevisionOf doc/rev/{old}` in the revision graph, chained to the
    revisions before it."""
    rev = ox.NamedNode(str(revision_iri(doc_iri, old_sha)))
    doc = ox.NamedNode(doc_iri)
    was = ox.NamedNode(str(PROV.wasRevisionOf))
    previous = [q.object for q in live.store.quads_for_pattern(doc, was, None, revisions)]
    triples = [
        ox.Triple(doc, was, rev),
        ox.Triple(rev, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Entity))),
        ox.Triple(rev, ox.NamedNode(str(PROV.specializationOf)), doc),
        ox.Triple(rev, ox.NamedNode(str(NG.sha256)), ox.Literal(old_sha)),
        ox.Triple(
            rev,
            ox.NamedNode(str(PROV.invalidatedAtTime)),
            ox.Literal(now, datatype=ox.NamedNode(str(XSD.dateTime))),
        ),
        ox.Triple(rev, ox.NamedNode(str(DCTERMS.isReplacedBy)), doc),
    ]
    # the chain: the newest earlier text is what the document revises; it revises the
    # one before it
    gone = [ox.Triple(doc, was, p) for p in previous if p != rev]
    triples += [ox.Triple(rev, was, p) for p in previous if p != rev]
    live.remove(revisions, gone, track=False)
    live.add(revisions, triples, track=False)


def carry_history(config: Config, old_build: Path, store: ox.Store, index: ResolutionIndex) -> int:
    """A full rebuild keeps the history of the build it replaces: the revision graph of
    the documents still there, a new revision for each document whose text changed, and
    the retired IRIs, to which it adds every IRI of a changed or removed document that no
    graph mentions any more. Returns the number of IRIs newly retired."""
    old_index_file = index_path(old_build)
    if not old_index_file.exists():
        return 0
    old_index = ResolutionIndex(old_index_file, base=config.base, read_only=True)
    old_store = ox.Store.read_only(str(old_build / "db"))
    base = config.base
    live = LiveGraphs(store)
    revisions = ox.NamedNode(revisions_graph_iri(base))
    now = _now()
    kept = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in old_store.quads_for_pattern(None, None, None, revisions)
        if index.doc(iri=q.subject.value.split("/rev/", 1)[0]) is not None
    ]
    live.add(revisions, kept, track=False)
    for doc_iri in {t.subject.value.split("/rev/", 1)[0] for t in kept}:
        for rev_iri, sha, at in old_index.revisions(doc_iri):
            index.add_revision(doc_iri, rev_iri, sha, at)
    old_live = LiveGraphs(old_store)
    candidates: set[str] = set()
    for record in old_index.documents():
        new = index.doc(iri=record.iri)
        if new is not None and new.sha256 == record.sha256:
            continue
        candidates |= _subjects(old_live, record.iri, base)
        if new is None:
            candidates.add(record.iri)
        else:
            record_revision(live, revisions, record.iri, record.sha256, now)
            index.add_revision(
                record.iri, str(revision_iri(record.iri, record.sha256)), record.sha256, now
            )
    retired_before = old_index.db.execute("SELECT iri, successor, at, reason FROM retired")
    for iri, successor, at, reason in retired_before:
        if not mentioned(store, ox.NamedNode(iri)):
            index.db.execute(
                "INSERT OR REPLACE INTO retired VALUES (?, ?, ?, ?)", (iri, successor, at, reason)
            )
    gone = {iri for iri in candidates if not mentioned(store, ox.NamedNode(iri))}
    index.retire(gone, now, "no document supports it any more", successor={})
    old_index.close()
    return len(gone)


class Update:
    """One `kg add` or `kg remove`, on a checkpoint of the served build."""

    def __init__(self, config: Config, pending: PendingBuild, progress: Callable[[str], None]):
        self.config = config
        self.pending = pending
        self.progress = progress
        self.store = pending.store
        self.index = ResolutionIndex(index_path(pending.path), base=config.base)
        self.live = LiveGraphs(self.store)
        self.scope = Scope()
        self.touched: set[str] = set()  # documents whose graphs must be rematerialized
        self.gone_candidates: set[str] = set()  # IRIs that may have lost their last support
        self.report = UpdateReport()
        self.revisions = ox.NamedNode(revisions_graph_iri(config.base))

    # --- documents in ---

    def add(self, doc: SourceDocument, now: str) -> None:
        base = self.config.base
        iri = str(doc.iri(base))
        old = self.index.doc(iri=iri)
        if old is not None and old.sha256 == doc.sha256:
            self.report.unchanged.append(iri)
            return
        (output,) = process_batch([doc], base, self.config.nlp_model)
        if output.error is not None:
            self.report.skipped.append((doc.path or doc.file_name, output.error))
            return
        write_cached(cache_path(self.config, doc), output)
        if old is not None:
            self.gone_candidates |= _subjects(self.live, iri, base)
            self.scope |= self.index.scope_of(iri)
            self.index.remove(iri)
            self._record_revision(iri, old.sha256, now)
            self.report.revised.append(iri)
        else:
            self.report.added.append(iri)
        from kg.extract.resolve import DocRecord

        self.index.add(
            DocRecord(iri, doc.identity, doc.sha256, doc.path, doc.file_name), output.facts
        )
        self.scope |= self.index.scope_of(iri)
        # the extracted graph as it stands; decisions are applied by rematerialize()
        triples = list(ox.parse(output.triples, format=ox.RdfFormat.N_TRIPLES))
        self.live.replace(ox.NamedNode(iri), triples)
        self.touched.add(iri)
        self.index.unretire(_subjects(self.live, iri, base))

    def _record_revision(self, doc_iri: str, old_sha: str, now: str) -> None:
        record_revision(self.live, self.revisions, doc_iri, old_sha, now)
        self.index.add_revision(doc_iri, str(revision_iri(doc_iri, old_sha)), old_sha, now)

    def remove(self, iri: str) -> None:
        if self.index.doc(iri=iri) is None:
            raise DocumentError(f"{iri} is not in the graph")
        base = self.config.base
        self.gone_candidates |= _subjects(self.live, iri, base) | {iri}
        self.scope |= self.index.scope_of(iri)
        self.index.remove(iri)
        self.live.drop(ox.NamedNode(iri))
        doc = ox.NamedNode(iri)
        history = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, None, self.revisions)
            if q.subject == doc or q.object == doc
        ]
        revs = {t.object for t in history if t.subject == doc} | {
            t.subject for t in history if t.object == doc
        }
        history += [
            ox.Triple(q.subject, q.predicate, q.object)
            for r in revs
            for q in self.store.quads_for_pattern(r, None, None, self.revisions)
        ]
        self.live.remove(self.revisions, history, track=False)
        self.gone_candidates |= {r.value for r in revs if isinstance(r, ox.NamedNode)}
        self.index.drop_revisions(iri)
        self.report.removed.append(iri)

    # --- decisions, reasoning, history ---

    def settle(self, now: str) -> None:
        before, after = self.index.decide(self.scope)
        changed_nodes = {
            n
            for n in set(before.renames) | set(after.renames)
            if before.renames.get(n) != after.renames.get(n)
        }
        changed_claims = {
            c
            for c in set(before.claimants) | set(after.claimants)
            if before.claimants.get(c) != after.claimants.get(c)
        }
        changed_labels = {
            e
            for e in set(before.labels) | set(after.labels)
            if before.labels.get(e) != after.labels.get(e)
        }
        # a node merged into another now is gone from every graph (301 to the kept one)
        self.gone_candidates |= {n[1:-1] for n in changed_nodes if n in after.renames}
        docs = set(self.touched)
        docs |= self.index.homes(changed_nodes) | self.index.claim_docs(changed_claims)
        docs |= {d for ds in self.index.docs_labelling(changed_labels).values() for d in ds}
        back: set[str] = set()  # IRIs a rewritten graph names again (an unmerged person)
        for doc_iri in sorted(docs):
            if self.index.doc(iri=doc_iri) is not None:
                rematerialize(self.config, self.index, self.live, doc_iri)
                back |= _subjects(self.live, doc_iri, self.config.base)
        self.index.unretire(back)
        for note in refresh_links(self.config, self.live):
            self.progress(note)
        reasoner = StoreReasoner(
            self.store,
            _rules(),
            inferred_graph_iri(self.config.base),
            [ONTOLOGY_IRI, revisions_graph_iri(self.config.base)],
        )
        reasoner.refresh(reasoner.reached(self.live.added + self.live.removed))
        self.report.triples_added = self.live.n_added + reasoner.live.n_added
        self.report.triples_removed = self.live.n_removed + reasoner.live.n_removed
        # IRIs no graph mentions any more
        gone = {iri for iri in self.gone_candidates if not mentioned(self.store, ox.NamedNode(iri))}
        self.index.retire(gone, now, "no document supports it any more", successor=after.renames)
        self.report.retired = len(gone)


def _manifest(config: Config, report: UpdateReport, index: ResolutionIndex) -> dict:
    manifest = build_manifest(config)
    manifest["documents"] = [r.path or r.identity for r in index.documents()]
    manifest["triples"] = (
        int(manifest.get("triples", 0)) + report.triples_added - report.triples_removed
    )
    manifest["updated"] = _now()
    manifest.setdefault("updates", [])
    manifest["updates"] = manifest["updates"][-49:] + [
        {
            "at": manifest["updated"],
            "added": report.added,
            "revised": report.revised,
            "removed": report.removed,
            "retired": report.retired,
            "seconds": round(report.seconds, 3),
        }
    ]
    return manifest


def _run(
    config: Config, work: Callable[[Update, str], None], progress: Callable[[str], None]
) -> UpdateReport:
    if config.remote_store:
        raise ValueError(
            "kg add, kg remove and kg ingest change the local store; with"
            " NEWSGRAPH_REMOTE_STORE set, rebuild the external store with kg build"
        )
    from kg.extract import nlp

    started = time.perf_counter()
    nlp.configure(config.nlp_model)
    with build_lock(config, progress=progress):
        pending = begin_update(config)
        update = Update(config, pending, progress)
        try:
            now = _now()
            update.index.begin()
            work(update, now)
            if update.report.changed:
                update.settle(now)
            update.index.commit()
            update.report.seconds = time.perf_counter() - started
            manifest = _manifest(config, update.report, update.index)
            update.index.close()
            update.store = update.live = None  # type: ignore[assignment]
            if update.report.changed:
                pending.commit(manifest, union_loaded=True, optimize=False)
            else:
                pending.abort()
        except BaseException:
            update.index.close()
            pending.abort()
            raise
    update.report.seconds = time.perf_counter() - started
    return update.report


def add(
    config: Config, paths: Iterable[str | Path], *, progress: Callable[[str], None] = print
) -> UpdateReport:
    """Add or revise the documents at `paths` (files or folders) in the served graph."""
    roots = [Path(s) for s in config.sources]
    sources: list[tuple[Path, str]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            sources.extend(
                (f, identity_of(f, roots) if _under(f, roots) else ident)
                for f, ident in find_sources([p])
            )
        else:
            sources.append((p, identity_of(p, roots)))

    def work(update: Update, now: str) -> None:
        for path, identity in sources:
            try:
                doc = read_document(path, max_bytes=config.max_document_bytes, source=identity)
            except (DocumentError, OSError) as exc:
                update.report.skipped.append((str(path), str(exc)))
                continue
            update.add(doc, now)

    return _run(config, work, progress)


def add_documents(
    config: Config, docs: Iterable[SourceDocument], *, progress: Callable[[str], None] = print
) -> UpdateReport:
    """Add or revise documents already read (kg.feeds: articles fetched from the web)."""

    def work(update: Update, now: str) -> None:
        for doc in docs:
            update.add(doc, now)

    return _run(config, work, progress)


def _under(path: Path, roots: list[Path]) -> bool:
    p = path.resolve()
    return any(r.is_dir() and p.is_relative_to(r.resolve()) for r in roots)


def remove(
    config: Config, names: Iterable[str], *, progress: Callable[[str], None] = print
) -> UpdateReport:
    """Remove documents, named by IRI, by identity (corpus path, address) or by file path."""
    roots = [Path(s) for s in config.sources]

    def work(update: Update, now: str) -> None:
        for name in names:
            record = update.index.doc(iri=name) or update.index.doc(identity=name)
            if record is None and Path(name).exists():
                record = update.index.doc(identity=identity_of(name, roots))
            if record is None:
                raise DocumentError(f"no document {name!r} in the graph (IRI, source or path)")
            update.remove(record.iri)

    return _run(config, work, progress)


def retired(config: Config, build: Path, iri: str) -> tuple[str | None, str, str] | None:
    """(successor, when, why) if `iri` was retired in `build`; for the server's 410s."""
    path = index_path(build)
    if not path.exists():
        return None
    index = ResolutionIndex(path, base=config.base, read_only=True)
    try:
        return index.retired(iri)
    finally:
        index.close()


__all__ = ["UpdateReport", "add", "add_documents", "remove", "retired", "json"]
