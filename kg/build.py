"""The build: documents → per-document graphs → cross-document resolution → store.

Each document is extracted on its own (a pure function), and its graph is cached by
the document's content hash and the extractor's own fingerprint, so a rebuild after
adding one document extracts only that document. A broken document is reported by
name and skipped; the rest builds. The store is swapped in only when everything has
succeeded (see kg.store).
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg import __version__
from kg.config import Config
from kg.documents import DocumentError, SourceDocument, read_document, scan_documents
from kg.extract import extract_document, resolve
from kg.linkfile import accepted_graph, links_graph_iri
from kg.namespaces import ONTOLOGY_IRI, bind_prefixes, inferred_graph_iri
from kg.reason import infer
from kg.resources import load_ontology
from kg.store import begin_build, build_lock, fsync_dir, write_atomically
from kg.terms import graph_quads, triples_to_graph

PARALLEL_THRESHOLD = 32


@dataclass
class BuildReport:
    documents: list[str] = field(default_factory=list)
    cached: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0
    inferred: int = 0
    graphs: dict[str, Graph] = field(default_factory=dict)
    seconds: float = 0.0
    # Cache entries found unusable (empty, truncated, altered) and extracted again.
    repaired: list[tuple[str, str]] = field(default_factory=list)

    @property
    def extracted(self) -> int:
        """Documents extracted by this build (the others came from the cache)."""
        return len(self.documents) - self.cached

    def manifest(self) -> dict:
        return {
            "version": __version__,
            "documents": self.documents,
            "extracted": self.extracted,
            "cached": self.cached,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "cache_repaired": [{"file": f, "reason": r} for f, r in self.repaired],
            "triples": self.triples,
            "inferred": self.inferred,
            "seconds": round(self.seconds, 3),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }


@cache
def extractor_fingerprint() -> str:
    """Hash of the extractor code and data: a cached graph is reused only if they are unchanged."""
    from kg.extract import nlp

    h = hashlib.sha256(__version__.encode())
    h.update(nlp.fingerprint().encode())
    # kg/documents.py makes the text every offset indexes: a change there is a change too.
    paths = [Path(str(files("kg") / "documents.py"))]
    for root in (files("kg.extract"), files("kg") / "data"):
        paths += sorted(Path(str(root)).rglob("*"))
    for path in paths:
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".json", ".tsv"}:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _cache_path(config: Config, doc: SourceDocument) -> Path:
    return config.data_dir / "cache" / extractor_fingerprint() / f"{doc.sha256}.nt"


CACHE_HEADER = b"# newsgraph-cache 1 sha256="


class CacheCorrupt(ValueError):
    """A cache entry that cannot be trusted: the build extracts the document again."""


def write_cache(path: Path, graph: Graph) -> None:
    """One document's triples as N-Triples behind a header line holding their SHA-256
    and count, written atomically and fsynced: a reader sees a whole entry or none."""
    body = graph.serialize(format="nt", encoding="utf-8")
    digest = hashlib.sha256(body).hexdigest()
    header = CACHE_HEADER + f"{digest} triples={len(graph)}\n".encode()
    write_atomically(path, header + body, sync_dir=False)


def read_cache(path: Path) -> Graph:
    """The graph of a cache entry, or CacheCorrupt saying why it is not trusted."""
    raw = path.read_bytes()
    head, sep, body = raw.partition(b"\n")
    if not raw:
        raise CacheCorrupt("empty file")
    if not sep or not head.startswith(CACHE_HEADER):
        raise CacheCorrupt("no checksum header (written by an older version, or damaged)")
    try:
        digest, count = head[len(CACHE_HEADER) :].decode("ascii").split(" triples=")
        expected = int(count)
    except (UnicodeDecodeError, ValueError):
        raise CacheCorrupt("unreadable checksum header") from None
    if hashlib.sha256(body).hexdigest() != digest:
        raise CacheCorrupt("checksum mismatch (truncated or altered)")
    try:
        graph = triples_to_graph(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError) as exc:
        raise CacheCorrupt(f"not N-Triples: {exc}") from None
    if len(graph) != expected:
        raise CacheCorrupt(f"{len(graph)} triples where the header says {expected}")
    return graph


def _extract_to_cache(doc: SourceDocument, base: str, cache_file: str) -> list:
    """Worker: extract one document and write its cache entry; returns the triples."""
    graph = extract_document(doc, base=base)
    write_cache(Path(cache_file), graph)
    return list(graph)


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


def extract_all(
    config: Config,
    paths: list[str | Path],
    report: BuildReport,
    progress: Callable[[str], None],
) -> dict[URIRef, Graph]:
    from kg.extract import nlp

    nlp.configure(config.nlp_model)
    files_found, not_documents = scan_documents(paths)
    for name, reason in not_documents:
        report.skipped.append((name, reason))
        progress(f"skipped {name}: {reason}")
    if not files_found:
        raise FileNotFoundError(f"no documents found in {', '.join(map(str, paths))}")
    graphs: dict[URIRef, Graph] = {}
    todo: list[tuple[SourceDocument, Path]] = []
    for path in files_found:
        try:
            doc = read_document(path, max_bytes=config.max_document_bytes)
        except (DocumentError, OSError) as exc:
            report.skipped.append((str(path), str(exc)))
            progress(f"skipped {path}: {exc}")
            continue
        doc_iri = doc.iri(config.base)
        if doc_iri in graphs:
            report.skipped.append((str(path), f"same content as an earlier document ({doc_iri})"))
            continue
        report.documents.append(str(path))
        cache_file = _cache_path(config, doc)
        if cache_file.exists():
            try:
                graphs[doc_iri] = read_cache(cache_file)
                report.cached += 1
                continue
            except (CacheCorrupt, OSError) as exc:
                report.repaired.append((str(path), str(exc)))
                progress(
                    f"warning: cache entry {cache_file} of {path} is unusable ({exc});"
                    " extracting the document again"
                )
                cache_file.unlink(missing_ok=True)
        todo.append((doc, cache_file))
    if todo:
        todo[0][1].parent.mkdir(parents=True, exist_ok=True)
    total = len(todo)

    def finish(i: int, doc: SourceDocument, triples: list | None, error: str | None) -> None:
        if error is not None:
            report.skipped.append((doc.path or doc.file_name, error))
            report.documents.remove(doc.path or doc.file_name)
            progress(f"[{i}/{total}] skipped {doc.file_name}: {error}")
            return
        g = Graph()
        for t in triples or ():
            g.add(t)
        graphs[doc.iri(config.base)] = g
        if total <= 50 or i % 100 == 0 or i == total:
            progress(f"[{i}/{total}] {doc.file_name}: {len(g)} triples")

    workers = min(os.cpu_count() or 1, 4)
    if total:
        nlp.get()  # load the pipeline once; forked workers share it
    if total >= PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent) as pool:
            futures = [
                (doc, pool.submit(_extract_to_cache, doc, config.base, str(cf))) for doc, cf in todo
            ]
            for i, (doc, fut) in enumerate(futures, 1):
                try:
                    finish(i, doc, fut.result(), None)
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
                    finish(i, doc, None, f"extraction failed: {type(exc).__name__}: {exc}")
    else:
        for i, (doc, cf) in enumerate(todo, 1):
            try:
                finish(i, doc, _extract_to_cache(doc, config.base, str(cf)), None)
            except Exception as exc:  # noqa: BLE001
                finish(i, doc, None, f"extraction failed: {type(exc).__name__}: {exc}")
    if todo:
        fsync_dir(todo[0][1].parent)  # the new entries' names, once for all of them
    return graphs


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(
    config: Config,
    paths: list[str | Path] | None = None,
    *,
    progress: Callable[[str], None] = _stderr,
    load_store: bool = True,
    wait: bool = True,
) -> BuildReport:
    """Build the graph from `paths` (default: the configured sources) into a new store.

    The whole build holds the data folder's build lock (kg.store.build_lock): a second
    build waits for it (`wait`, saying so) or raises BuildLocked.
    """
    with build_lock(config, wait=wait, progress=progress):
        return _build(config, paths, progress=progress, load_store=load_store)


def _build(
    config: Config,
    paths: list[str | Path] | None,
    *,
    progress: Callable[[str], None],
    load_store: bool,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    graphs = extract_all(config, list(paths or config.sources), report, progress)
    if not graphs:
        raise DocumentError("no document could be read; the previous graph is kept")
    resolve(graphs, base=config.base)
    ontology = load_ontology()
    union = Graph()
    for g in graphs.values():
        union += g
    # Accepted rows of the reviewed Wikidata link file (kg.linkfile), in their own graph.
    links, notes = accepted_graph(config, union)
    for note in notes:
        progress(note)
    union += links
    progress(f"reasoning over {len(union)} asserted triples")
    inferred = infer(union, ontology)
    report.graphs = {str(k): v for k, v in graphs.items()}
    report.graphs[ONTOLOGY_IRI] = ontology
    if len(links):
        report.graphs[links_graph_iri(config.base)] = links
    report.graphs[inferred_graph_iri(config.base)] = inferred
    report.triples = sum(len(g) for g in report.graphs.values())
    report.inferred = len(inferred)
    if load_store and config.remote_store:
        _load_remote(config, report, progress, started)
    elif load_store:
        pending = begin_build(config)
        try:
            # One bulk_extend for all graphs: each call is a whole bulk-load pass over
            # RocksDB (~45 ms even for 5 quads), so one call per document made the
            # store load 90% of a 1,000-document build (benchmarks/RESULTS.md).
            # Each quad also goes to the default graph, the union of the named graphs
            # (kg.store.materialize_union); the store is a set, so a triple held by two
            # graphs lands there once. Writing it here, in the same pass, is a third
            # faster for the whole build than re-reading every quad at commit.
            pending.store.bulk_extend(
                q
                for name, g in report.graphs.items()
                for quad in graph_quads(g, name)
                for q in (quad, ox.Quad(quad.subject, quad.predicate, quad.object))
            )
            report.seconds = time.perf_counter() - started
            pending.commit(report.manifest(), union_loaded=True)
        except BaseException:
            pending.abort()
            raise
    report.seconds = time.perf_counter() - started
    progress(
        f"built {len(graphs)} documents ({report.extracted} extracted, {report.cached} from cache,"
        f" {len(report.skipped)} skipped),"
        f" {report.triples} triples ({report.inferred} inferred) in {report.seconds:.1f} s"
    )
    return report


def _load_remote(
    config: Config, report: BuildReport, progress: Callable[[str], None], started: float
) -> None:
    """Scale-out: load the graphs into the external store instead of a local one.

    newsgraph owns the graphs under its instance base plus the ontology graph; the
    load replaces them (staged, then swapped in one Update request, see kg.remote) and
    leaves every other graph of a shared store alone. The manifest is kept locally,
    for `kg serve`'s staleness check and the front page.
    """
    from kg.remote import RemoteStore
    from kg.store import write_remote_manifest

    def owned(iri: str) -> bool:
        return iri.startswith(config.base) or iri == ONTOLOGY_IRI

    remote = RemoteStore.from_config(config)
    progress(f"loading {len(report.graphs)} graphs into {config.remote_store}")
    loaded = remote.load(report.graphs, owned=owned, skolem_base=config.base, progress=progress)
    progress(f"loaded {loaded.triples} triples into the remote store in {loaded.seconds:.1f} s")
    report.seconds = time.perf_counter() - started
    write_remote_manifest(config, {**report.manifest(), "remote_store": config.remote_store})


def write_dataset(report: BuildReport, out: Path, base: str) -> None:
    """TriG or N-Quads, chosen by the file's extension."""
    fmt = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"--out must end in .trig or .nq, not {out.suffix or '(none)'}")
    ds = Dataset()
    bind_prefixes(ds, base)
    for name, g in report.graphs.items():
        target = ds.graph(URIRef(name))
        for t in g:
            target.add(t)
    tmp = out.with_name(out.name + ".tmp")
    ds.serialize(destination=str(tmp), format=fmt, encoding="utf-8")
    os.replace(tmp, out)
