"""The build: documents stream through extraction into the store in bounded batches.

1. Documents are read lazily and sent, a batch at a time, to extraction workers (local
   processes, or a Dask cluster with `--cluster`); at most a few batches are in flight,
   so memory does not grow with the corpus. Each document's output (kg.pipeline: its
   graph as N-Triples, what the rules conclude from it alone, its resolution record) is
   cached by extractor fingerprint, identity and content, so a rebuild extracts only
   what changed.
2. Outputs are loaded as they arrive: Oxigraph's bulk loader reads the N-Triples into
   the document's named graph, into the default graph (the union: the loader, not a
   Python loop, writes it) and the conclusions into the inferred graph; the resolution
   record goes into a SQLite index (kg.extract.resolve).
3. At the end, cross-document decisions are taken on the index and applied to the few
   graphs they change; the reasoner's cross-document part (transitive chains, property
   chains across documents) runs as queries on the store (kg.live).

A broken document is reported by name and skipped; the rest builds. The store is
swapped in only when everything has succeeded (kg.store).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import pickle
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import __version__
from kg.batch_load import StoreInChild
from kg.config import Config
from kg.documents import DocumentError, SourceDocument, read_document, walk_sources
from kg.extract.resolve import DocRecord, ResolutionIndex, apply_decisions, label_state
from kg.ledger import DocumentList, SeenKeys
from kg.linkfile import accepted_graph, links_graph_iri
from kg.live import LiveGraphs, StoreReasoner, cross_document_conclusions
from kg.namespaces import ONTOLOGY_IRI, inferred_graph_iri, revisions_graph_iri
from kg.pipeline import DocOutput, process_batch, warm
from kg.progress import Progress
from kg.resources import load_ontology
from kg.store import (
    PendingBuild,
    begin_build,
    build_lock,
    index_path,
    write_atomically,
)
from kg.terms import from_ox, to_ox, triples_to_graph

PARALLEL_THRESHOLD = 32
BATCH_DOCS = 16  # documents per extraction task
LOAD_DOCS = 1000  # documents per bulk load (each load call costs ~45 ms however small)
LOAD_SHARE = 4  # ... and at most this share of a build's documents (see Loader)
MIN_LOAD_DOCS = 100  # below this, the ~45 ms of each load call shows
# ... and at most this many bytes of N-Triples. Oxigraph's bulk loader holds a whole call's
# quads in memory while it sorts them into its nine indexes (up to 10^6 quads a call), so
# this bounds the loading process's memory: at 48 MB a 10k build loaded ~690 documents a
# call where a 1k build loaded 250 (the LOAD_SHARE bound), and its loading process peaked
# higher (benchmarks/RESULTS.md section 6). 16 MB is about 230 of today's documents at any
# corpus size.
LOAD_BYTES = 16 * 1024 * 1024


@dataclass
class BuildReport:
    # (on disk: a build of a million documents holds no list of them, kg/ledger.py)
    documents: DocumentList = field(default_factory=DocumentList)
    cached: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0
    inferred: int = 0
    seconds: float = 0.0
    # where the time went (seconds): extraction inside the workers (summed over them),
    # the loading process's own work during the stream, and the steps after it
    extract_seconds: float = 0.0
    load_seconds: float = 0.0
    resolve_seconds: float = 0.0
    reason_seconds: float = 0.0
    stream_seconds: float = 0.0
    workers: int = 1
    # Cache entries found unusable (empty, truncated, altered) and extracted again.
    repaired: list[tuple[str, str]] = field(default_factory=list)

    @property
    def extracted(self) -> int:
        """Documents extracted by this build (the others came from the cache)."""
        return len(self.documents) - self.cached

    def manifest(self) -> dict:
        return {
            "version": __version__,
            "documents": list(self.documents),
            "extracted": self.extracted,
            "cached": self.cached,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "cache_repaired": [{"file": f, "reason": r} for f, r in self.repaired],
            "triples": self.triples,
            "inferred": self.inferred,
            "seconds": round(self.seconds, 3),
            "timing": {
                "extraction_in_workers": round(self.extract_seconds, 3),
                "stream": round(self.stream_seconds, 3),
                "load": round(self.load_seconds, 3),
                "resolve": round(self.resolve_seconds, 3),
                "reason": round(self.reason_seconds, 3),
                "workers": self.workers,
            },
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }


def extractor_fingerprint() -> str:
    """Hash of the extractor code and data and of the spaCy pipeline it reads with: a
    cached output is reused only if none of them changed."""
    from kg.extract import nlp

    return _fingerprint(nlp.model_name())


@cache
def _fingerprint(model: str) -> str:
    from kg.extract import nlp

    h = hashlib.sha256(__version__.encode())
    h.update(nlp.fingerprint().encode())
    # kg/documents.py makes the text every offset indexes, kg/pipeline.py turns the
    # extraction into the triples a document's graph holds: a change there is a change too.
    paths = [Path(str(files("kg") / name)) for name in ("documents.py", "pipeline.py")]
    for root in (files("kg.extract"), files("kg") / "data"):
        paths += sorted(Path(str(root)).rglob("*"))
    for path in paths:
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".json", ".tsv"}:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_path(config: Config, doc: SourceDocument) -> Path:
    key = hashlib.sha256(f"{config.base}\x1f{doc.identity}\x1f{doc.sha256}".encode()).hexdigest()
    return config.data_dir / "cache" / extractor_fingerprint() / key[:2] / f"{key}.out"


CACHE_HEADER = b"# newsgraph-cache 2 sha256="


class CacheCorrupt(ValueError):
    """A cache entry that cannot be trusted: the build extracts the document again."""


def write_cached(path: Path, out: DocOutput) -> None:
    """One document's output (compressed) behind a header line holding its SHA-256,
    written atomically: a reader sees a whole entry or none. Not fsynced (one fsync per
    document was a twentieth of the build's wall time): an entry a power cut truncates
    or empties fails its checksum and the document is extracted again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = zlib.compress(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL), 1)
    header = CACHE_HEADER + hashlib.sha256(body).hexdigest().encode() + b"\n"
    write_atomically(path, header + body, sync=False)


def read_cache(path: Path) -> DocOutput:
    """The output of a cache entry, or CacheCorrupt saying why it is not trusted."""
    raw = path.read_bytes()
    if not raw:
        raise CacheCorrupt("empty file")
    head, sep, body = raw.partition(b"\n")
    if not sep or not head.startswith(CACHE_HEADER):
        raise CacheCorrupt("no checksum header (written by an older version, or damaged)")
    if hashlib.sha256(body).hexdigest().encode() != head[len(CACHE_HEADER) :]:
        raise CacheCorrupt("checksum mismatch (truncated or altered)")
    try:
        out = pickle.loads(zlib.decompress(body))
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        raise CacheCorrupt(f"unreadable: {exc}") from None
    if not isinstance(out, DocOutput):
        raise CacheCorrupt("not a document's output")
    return out


def read_cached(path: Path) -> DocOutput | None:
    """The cached output, or None when there is none or it cannot be trusted."""
    try:
        return read_cache(path)
    except (OSError, CacheCorrupt):
        return None


def _die_with_parent() -> None:
    """Extraction worker: exit when the build is gone.

    A build killed with SIGKILL cannot stop its pool, whose idle workers would wait
    for work forever; each one watches its parent instead.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- extraction back-ends: batches in, outputs out as they complete ---


class LocalExtraction:
    """Extraction in this machine's processes (in this process for small jobs)."""

    def __init__(self, workers: int, base: str, model: str | None = None) -> None:
        self.workers = workers
        self.base = base
        self.model = model

    def run(self, batches: Iterator[list[SourceDocument]]) -> Iterator[list[DocOutput]]:
        if self.workers <= 1:
            for batch in batches:
                yield process_batch(batch, self.base, self.model)
            return
        batches = iter(batches)
        first = next(batches, None)
        if first is None:
            return  # everything came from the cache: no pipeline, no pool
        warm()  # load the pipeline and the indexes once, here: forked workers share them
        window = self.workers * 3
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_die_with_parent) as pool:
            running: set[Future] = set()
            for batch in itertools.chain([first], batches):
                running.add(pool.submit(process_batch, batch, self.base, self.model))
                if len(running) >= window:
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for fut in done:
                        yield fut.result()
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()


def extraction_backend(config: Config, cluster: str | None, total: int):
    if cluster:
        from kg.cluster import ClusterExtraction

        return ClusterExtraction(cluster, config.base, model=config.nlp_model)
    workers = min(os.cpu_count() or 1, 4) if total >= PARALLEL_THRESHOLD else 1
    return LocalExtraction(workers, config.base, config.nlp_model)


# --- loading outputs into the pending store ---


class Loader:
    """Collects outputs and hands them to Oxigraph's bulk loader a batch at a time.

    A batch is at most LOAD_BYTES of N-Triples (the memory bound, the same at any corpus
    size), at most LOAD_DOCS documents, and at most a LOAD_SHARE-th of the build's
    `expected` documents: the load of the last batch waits for the last extraction and
    runs with nothing beside it, so on a small build one load at the end was a tenth of
    the wall time; smaller batches are loaded while the workers extract. Each batch is one
    bulk_load call (each call costs ~45 ms however small): the documents' graphs, the
    union in the default graph and the conclusions, all as N-Quads."""

    def __init__(
        self,
        store: ox.Store | StoreInChild,
        index: ResolutionIndex,
        inferred: str,
        expected: int = 0,
    ) -> None:
        self.store = store
        self.index = index
        self.inferred = inferred
        self.flush_docs = (
            min(LOAD_DOCS, max(MIN_LOAD_DOCS, -(-expected // LOAD_SHARE)))
            if expected
            else LOAD_DOCS
        )
        self.pending: list[DocOutput] = []
        self.size = 0
        self.triples = 0
        self.seconds = 0.0

    def add(self, out: DocOutput) -> None:
        self.pending.append(out)
        self.size += len(out.triples) + len(out.inferred)
        if len(self.pending) >= self.flush_docs or self.size >= LOAD_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        started = time.perf_counter()
        # Oxigraph reads the batch as a stream made one document at a time (ChunkStream),
        # not as one joined bytes object: that was two more copies of the batch (the parts
        # and their join, about 2.3x the outputs' size) held during the load.
        self.store.bulk_load(ChunkStream(self._nquads()), ox.RdfFormat.N_QUADS, lenient=True)
        self.index.begin()
        for out in self.pending:
            self.index.add(
                DocRecord(out.iri, out.identity, out.sha256, out.path, out.file_name), out.facts
            )
        self.index.commit()
        self.pending = []
        self.size = 0
        self.seconds += time.perf_counter() - started

    def _nquads(self) -> Iterator[bytes]:
        """The pending documents as N-Quads: each graph, the union and the conclusions.

        N-Triples lines end in " .\n" and nowhere else (a newline inside a literal is
        written \n), so naming each line's graph is one bytes replacement per document;
        a line left as it is (a triple) is the default graph's in N-Quads."""
        inferred = f" <{self.inferred}> .\n".encode()
        for out in self.pending:
            yield out.triples.replace(b" .\n", f" <{out.iri}> .\n".encode())
            yield out.triples
            if out.inferred:
                yield out.inferred.replace(b" .\n", inferred)
                yield out.inferred
            self.triples += out.triples.count(b"\n")


class ChunkStream(io.RawIOBase):
    """A binary file over bytes chunks produced one at a time, for a reader (Oxigraph's
    bulk loader) that takes a file: only the chunk being read is held, never the whole."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._chunk = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._chunk:
            nxt = next(self._chunks, None)
            if nxt is None:
                return 0
            self._chunk = memoryview(nxt)
        n = min(len(buffer), len(self._chunk))
        buffer[:n] = self._chunk[:n]
        self._chunk = self._chunk[n:]
        return n


def _read_documents(
    sources: Iterable[tuple[Path, str]], config: Config, report: BuildReport, progress: Progress
) -> Iterator[SourceDocument]:
    seen = SeenKeys()  # content hashes and addresses (on disk, kg/ledger.py)
    for path, identity in sources:
        try:
            doc = read_document(path, max_bytes=config.max_document_bytes, source=identity)
        except (DocumentError, OSError) as exc:
            report.skipped.append((str(path), str(exc)))
            progress.note(f"skipped {path}: {exc}")
            progress.advance()
            continue
        if not seen.first_time(doc.sha256, str(doc.iri(config.base))):
            report.skipped.append((str(path), "same content or source as an earlier document"))
            progress.advance()
            continue
        yield doc


def _batches(
    docs: Iterable[SourceDocument],
    config: Config,
    loader: Loader,
    report: BuildReport,
    progress: Progress,
) -> Iterator[list[SourceDocument]]:
    """Batches of documents to extract; cached documents go straight to the loader."""
    batch: list[SourceDocument] = []
    for doc in docs:
        path = cache_path(config, doc)
        cached = None
        if path.exists():
            try:
                cached = read_cache(path)
            except (CacheCorrupt, OSError) as exc:
                report.repaired.append((doc.path or doc.file_name, str(exc)))
                progress.note(
                    f"warning: cache entry {path} of {doc.path or doc.file_name} is unusable"
                    f" ({exc}); extracting the document again"
                )
                path.unlink(missing_ok=True)
        if cached is not None and cached.iri == str(doc.iri(config.base)):
            cached.path = doc.path
            report.documents.append(doc.path or doc.file_name)
            report.cached += 1
            loader.add(cached)
            progress.advance()
            continue
        batch.append(doc)
        if len(batch) >= BATCH_DOCS:
            yield batch
            batch = []
    if batch:
        yield batch


def build(
    config: Config,
    paths: list[str | Path] | None = None,
    *,
    progress: Callable[[str], None] = _stderr,
    load_store: bool = True,
    out: Path | None = None,
    cluster: str | None = None,
    wait: bool = True,
) -> BuildReport:
    """Build the graph from `paths` (default: the configured sources) into a new store.

    The whole build holds the data folder's build lock (kg.store.build_lock): a second
    build, `kg add` or `kg remove` waits for it (`wait`, saying so) or raises BuildLocked.
    """
    with build_lock(config, wait=wait, progress=progress):
        return _build(config, paths, progress, load_store, out, cluster)


def _build(
    config: Config,
    paths: list[str | Path] | None,
    progress: Callable[[str], None],
    load_store: bool,
    out: Path | None,
    cluster: str | None,
) -> BuildReport:
    from kg.extract import nlp

    started = time.perf_counter()
    report = BuildReport()
    nlp.configure(config.nlp_model)
    given = list(paths or config.sources)
    # the corpus is walked twice, to count its documents (and name the files it does not
    # read) and to read them, rather than listed: a list grows with the corpus
    total = 0
    for path, name, reason in walk_sources(given):
        if path is None:
            report.skipped.append((name, reason or ""))
            progress(f"skipped {name}: {reason}")
        else:
            total += 1
    if not total:
        raise FileNotFoundError(f"no documents found in {', '.join(map(str, given))}")
    meter = Progress(total, "documents", note=progress)
    pending = begin_build(config)
    index = ResolutionIndex(index_path(pending.path), base=config.base)
    try:
        backend = extraction_backend(config, cluster, total)
        report.workers = getattr(backend, "workers", 1)
        if cluster:
            progress(f"extraction on {report.workers} workers of {cluster}")
        # each batch is loaded by a process of its own, so that the store engine's memory,
        # which grows with the store it has open, is not this long-lived process's
        store = StoreInChild(pending.release_store())
        loader = Loader(store, index, inferred_graph_iri(config.base), total)
        sources = ((p, ident) for p, ident, _why in walk_sources(given) if p is not None)
        docs = _read_documents(sources, config, report, meter)
        by_sha: dict[str, SourceDocument] = {}

        def remember(batches: Iterator[list[SourceDocument]]) -> Iterator[list[SourceDocument]]:
            for batch in batches:
                for d in batch:
                    by_sha[d.sha256] = d
                yield batch

        for outputs in backend.run(remember(_batches(docs, config, loader, report, meter))):
            for output in outputs:
                doc = by_sha.pop(output.sha256)
                meter.advance()
                report.extract_seconds += output.seconds
                if output.error is not None:
                    report.skipped.append((doc.path or doc.file_name, output.error))
                    meter.note(f"skipped {doc.file_name}: {output.error}")
                    continue
                report.documents.append(doc.path or doc.file_name)
                write_cached(cache_path(config, doc), output)
                loader.add(output)
        loader.flush()
        meter.done()
        report.stream_seconds = time.perf_counter() - started
        report.load_seconds = loader.seconds
        loaded_triples = loader.triples
        del loader  # no handle on the store may outlive the build (PendingBuild.commit)
        pending.reopen_store()
        if not report.documents:
            raise DocumentError("no document could be read; the previous graph is kept")
        finish(config, pending, index, report, loaded_triples, progress)
        if load_store and not config.remote_store:
            _carry_history(config, pending, index, progress)
        if out is not None:
            write_dataset(pending.store, out)
        report.seconds = time.perf_counter() - started
        if load_store and config.remote_store:
            _load_remote(config, pending.store, report, progress)
            pending.abort()
        elif load_store:
            index.close()
            pending.commit(report.manifest(), union_loaded=True)
        else:
            pending.abort()
    except BaseException:
        index.close()
        pending.abort()
        raise
    report.seconds = time.perf_counter() - started
    progress(
        f"built {len(report.documents)} documents ({report.extracted} extracted,"
        f" {report.cached} from cache, {len(report.skipped)} skipped),"
        f" {report.triples} triples ({report.inferred} inferred) in {report.seconds:.1f} s"
    )
    return report


def _carry_history(
    config: Config, pending: PendingBuild, index: ResolutionIndex, progress: Callable[[str], None]
) -> None:
    """Keep the revision history and the retired IRIs of the build this one replaces."""
    from kg.store import StoreMissing, current_build
    from kg.update import carry_history

    try:
        old = current_build(config)
    except StoreMissing:
        return
    index.begin()
    retired = carry_history(config, old, pending.store, index)
    index.commit()
    if retired:
        progress(f"{retired} IRIs of changed or removed documents retired (answered 410)")


def empty_build(config: Config) -> None:
    """A served store with no document yet (the ontology only), so that `kg ingest` and
    `kg add` can start from nothing."""
    with build_lock(config):
        pending = begin_build(config)
        index = ResolutionIndex(index_path(pending.path), base=config.base)
        try:
            report = BuildReport()
            finish(config, pending, index, report, 0, lambda m: None)
            index.close()
            pending.commit(report.manifest(), union_loaded=True)
        except BaseException:
            index.close()
            pending.abort()
            raise


def finish(
    config: Config,
    pending: PendingBuild,
    index: ResolutionIndex,
    report: BuildReport,
    loaded_triples: int,
    progress: Callable[[str], None],
) -> None:
    """After the stream: cross-document decisions, then cross-document reasoning."""
    store = pending.store
    t0 = time.perf_counter()
    index.begin()
    _before, decisions = index.decide(index.everything())
    index.commit()
    live = LiveGraphs(store)
    # a merged node's graphs are rewritten whole below, its labels with them
    labelled = _apply_label_decisions(index, live, set(decisions.labels) - set(decisions.renames))
    changed_docs = index.homes(decisions.renames) | index.claim_docs(decisions.claimants)
    for doc_iri in sorted(changed_docs):
        rematerialize(config, index, live, doc_iri)
    report.resolve_seconds = time.perf_counter() - t0
    progress(
        f"resolved: {len(decisions.labels)} preferred labels ({labelled} label triples"
        f" rewritten), {len(decisions.renames)} merged nodes, {len(decisions.claimants)}"
        " claimants"
    )
    for note in refresh_links(config, live):
        progress(note)
    t0 = time.perf_counter()
    ontology = load_ontology()
    from kg.pipeline import _rules

    rules = _rules()
    onto = ox.NamedNode(ONTOLOGY_IRI)
    onto_triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ontology]
    store.extend([ox.Quad(t.subject, t.predicate, t.object, onto) for t in onto_triples])
    store.extend(
        [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in onto_triples]
    )
    inferred = inferred_graph_iri(config.base)
    cross_document_conclusions(store, rules, inferred)
    reasoner = StoreReasoner(
        store, rules, inferred, [ONTOLOGY_IRI, revisions_graph_iri(config.base)]
    )
    reasoner.refresh(reasoner.reached(live.added + live.removed))
    report.inferred = _count(store, inferred)
    report.triples = loaded_triples + len(live.added) - len(live.removed) + len(onto_triples)
    report.triples += report.inferred
    report.reason_seconds = time.perf_counter() - t0


class _DocumentGraphs:
    """The documents' graphs of a store, read the way kg.linkfile.accepted_graph reads the
    union of a build: which entities it holds, and the Wikidata items they already are.
    The link graph itself, the conclusions, the ontology and the history do not count."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.store = store
        self.skip = {
            links_graph_iri(base), inferred_graph_iri(base), ONTOLOGY_IRI,
            revisions_graph_iri(base),
        }  # fmt: skip

    def _quads(self, s, p, o) -> Iterator[ox.Quad]:
        terms = [None if t is None else to_ox(t) for t in (s, p, o)]
        for q in self.store.quads_for_pattern(*terms, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in self.skip:
                yield q

    def __contains__(self, triple: tuple) -> bool:
        return next(self._quads(*triple), None) is not None

    def objects(self, subject, predicate) -> Iterator:
        seen = set()
        for q in self._quads(subject, predicate, None):
            if q.object not in seen:
                seen.add(q.object)
                yield from_ox(q.object)


def refresh_links(config: Config, live: LiveGraphs) -> list[str]:
    """The accepted rows of the reviewed Wikidata link file (kg.linkfile) as owl:sameAs in
    their own graph, for the entities the documents' graphs hold now (a build, and every
    `kg add` or `kg remove`, which can bring or take away a linked entity); returns the
    notes on the rows skipped."""
    links, notes = accepted_graph(config, _DocumentGraphs(live.store, config.base))  # type: ignore[arg-type]
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in links]
    live.replace(ox.NamedNode(links_graph_iri(config.base)), triples)
    return notes


def _count(store: ox.Store, graph: str) -> int:
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(row["n"].value)


def _apply_label_decisions(index: ResolutionIndex, live: LiveGraphs, entities: set[str]) -> int:
    """Rewrite labels where a preferred label was decided, from the index alone."""
    from kg.extract.resolve import _ALT, _LABEL, _literal, _node

    decided = {
        e: p for e, p in index.stored_decisions(index.everything()).labels.items() if e in entities
    }
    n = 0
    for (doc, entity), (labels, alts) in index.label_rows(set(decided)):
        new_labels, new_alts = label_state(labels, alts, decided[entity])
        g = ox.NamedNode(doc)
        s = _node(entity)
        gone = [ox.Triple(s, _LABEL, _literal(x)) for x in labels - new_labels]
        gone += [ox.Triple(s, _ALT, _literal(x)) for x in alts - new_alts]
        came = [ox.Triple(s, _LABEL, _literal(x)) for x in new_labels - labels]
        came += [ox.Triple(s, _ALT, _literal(x)) for x in new_alts - alts]
        n += live.remove(g, gone, track=False) + live.add(g, came, track=False)
    return n


def rematerialize(config: Config, index: ResolutionIndex, live: LiveGraphs, doc_iri: str) -> None:
    """Rewrite one document's graph from its extracted form with the decisions in force."""
    record = index.doc(iri=doc_iri)
    if record is None:
        return
    output = raw_output(config, live.store, record)
    triples = list(ox.parse(output.triples, format=ox.RdfFormat.N_TRIPLES))
    new = apply_decisions(triples, output.facts, index.decisions_for_doc(doc_iri))
    live.replace(ox.NamedNode(doc_iri), new)


def raw_output(config: Config, store: ox.Store, record: DocRecord) -> DocOutput:
    """A document's output as extracted: from the cache, else extracted again from the
    text the store holds."""
    doc = SourceDocument(
        file_name=record.file_name, text="", sha256=record.sha256, path=record.path,
        source=record.identity,
    )  # fmt: skip
    cached = read_cached(cache_path(config, doc))
    if cached is not None:
        return cached
    content = next(
        iter(
            store.quads_for_pattern(
                ox.NamedNode(record.iri),
                ox.NamedNode("https://w3id.org/newsgraph/ontology#content"),
                None,
                ox.NamedNode(record.iri),
            )
        )
    )
    doc = SourceDocument(
        file_name=record.file_name, text=content.object.value, sha256=record.sha256,
        path=record.path, source=record.identity,
    )  # fmt: skip
    (output,) = process_batch([doc], config.base, config.nlp_model)
    return output


class StoreGraphs(Mapping[str, Graph]):
    """The named graphs of a store, each read into rdflib only when asked for."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.names = sorted(str(g.value) for g in store.named_graphs())
        self._names = set(self.names)

    def __getitem__(self, name: str) -> Graph:
        if name not in self._names:
            raise KeyError(name)
        return triples_to_graph(self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _load_remote(
    config: Config, store: ox.Store, report: BuildReport, progress: Callable[[str], None]
) -> None:
    """Scale-out: load the graphs into the external store instead of a local one.

    newsgraph owns the graphs under its instance base plus the ontology graph; the
    load replaces them (staged, then swapped in one Update request, see kg.remote) and
    leaves every other graph of a shared store alone. The manifest is kept locally,
    for `kg serve`'s staleness check and the front page. Graphs are read one at a time
    from the build's local store, so memory stays bounded here too.
    """
    from kg.remote import RemoteStore
    from kg.store import write_remote_manifest

    def owned(iri: str) -> bool:
        return iri.startswith(config.base) or iri == ONTOLOGY_IRI

    remote = RemoteStore.from_config(config)
    graphs = StoreGraphs(store)
    progress(f"loading {len(graphs)} graphs into {config.remote_store}")
    loaded = remote.load(graphs, owned=owned, skolem_base=config.base, progress=progress)
    progress(f"loaded {loaded.triples} triples into the remote store in {loaded.seconds:.1f} s")
    write_remote_manifest(config, {**report.manifest(), "remote_store": config.remote_store})


def write_dataset(store: ox.Store, out: Path) -> None:
    """The named graphs as TriG or N-Quads, chosen by the file's extension, written by
    Oxigraph straight from the store."""
    fmt = {
        ".trig": ox.RdfFormat.TRIG,
        ".nq": ox.RdfFormat.N_QUADS,
        ".nquads": ox.RdfFormat.N_QUADS,
    }.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"--out must end in .trig or .nq, not {out.suffix or '(none)'}")
    tmp = out.with_name(out.name + ".tmp")
    quads = (
        q for q in store.quads_for_pattern(None, None, None, None)
        if not isinstance(q.graph_name, ox.DefaultGraph)
    )  # fmt: skip
    with open(tmp, "wb") as fh:
        ox.serialize(quads, fh, fmt)
    os.replace(tmp, out)
