"""The build's loader (kg.build.Loader): what it hands Oxigraph's bulk loader.

Memory itself is measured in benchmarks/ (RESULTS.md section 6), never asserted here;
these tests pin the behaviour the memory bound rests on: the batch reaches Oxigraph as
a stream made one document at a time, and that stream carries exactly the quads the
joined batch did.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.batch_load import StoreInChild
from kg.build import ChunkStream, Loader, build
from kg.config import Config
from kg.extract.resolve import ResolutionIndex
from kg.pipeline import DocOutput
from tests.conftest import SEEDS

INFERRED = "http://example.org/graph/inferred"


@settings(max_examples=200, deadline=None)
@given(
    chunks=st.lists(st.binary(max_size=40), max_size=12),
    sizes=st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=8),
)
def test_chunk_stream_reads_the_concatenation_whatever_the_read_sizes(chunks, sizes):
    stream = ChunkStream(iter(chunks))
    got = b""
    i = 0
    while True:
        piece = stream.read(sizes[i % len(sizes)])
        i += 1
        if not piece:
            break
        got += piece
    assert got == b"".join(chunks)
    assert stream.read(10) == b""  # and stays at its end


def test_chunk_stream_takes_chunks_only_as_they_are_read():
    made: list[int] = []

    def chunks():
        for i in range(3):
            made.append(i)
            yield bytes([65 + i]) * 4

    stream = io.BufferedReader(ChunkStream(chunks()), buffer_size=4)
    assert stream.read(4) == b"AAAA"
    assert made == [0]  # the later chunks are not made before the reader needs them
    assert stream.read() == b"BBBBCCCC"
    assert made == [0, 1, 2]


def _output(n: int, *, inferred: bool) -> DocOutput:
    iri = f"http://example.org/doc/{n}"
    lines = [
        f'<{iri}> <http://schema.org/name> "Doc {n} .\\n \\"quoted\\"" .\n',
        f"<{iri}> <http://schema.org/about> <http://example.org/e/shared> .\n",
        f'<http://example.org/e/{n}> <http://schema.org/name> "E{n}"@en .\n',
    ]
    conclusions = [f"<http://example.org/e/{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                   "<http://schema.org/Thing> .\n"] if inferred else []  # fmt: skip
    return DocOutput(
        iri=iri, identity=f"doc{n}.txt", sha256=f"{n:064x}", file_name=f"doc{n}.txt",
        path=f"doc{n}.txt", triples="".join(lines).encode(), inferred="".join(conclusions).encode(),
    )  # fmt: skip


def _expected(outputs: list[DocOutput]) -> set[ox.Quad]:
    quads: set[ox.Quad] = set()
    for out in outputs:
        for t in ox.parse(out.triples, format=ox.RdfFormat.N_TRIPLES):
            quads.add(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(out.iri)))
            quads.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        for t in ox.parse(out.inferred, format=ox.RdfFormat.N_TRIPLES):
            quads.add(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(INFERRED)))
            quads.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
    return quads


def test_loader_stores_each_graph_the_union_and_the_conclusions(tmp_path):
    outputs = [_output(n, inferred=n % 2 == 0) for n in range(7)]
    store = ox.Store(str(tmp_path / "db"))
    index = ResolutionIndex(":memory:")
    loader = Loader(store, index, INFERRED, expected=len(outputs))
    for out in outputs:
        loader.add(out)
    loader.flush()
    assert set(store.quads_for_pattern(None, None, None, None)) == _expected(outputs)
    assert loader.triples == 3 * len(outputs)
    assert index.count() == len(outputs)


class _CountingStore:
    """A real Oxigraph store that also records how many documents each bulk load carried."""

    def __init__(self) -> None:
        self.store = ox.Store()
        self.docs_per_load: list[int] = []

    def bulk_load(self, data, fmt, lenient=False):
        payload = data if isinstance(data, bytes) else data.read()
        graphs = {q.graph_name for q in ox.parse(payload, format=fmt)}
        self.docs_per_load.append(len(graphs - {ox.DefaultGraph(), ox.NamedNode(INFERRED)}))
        self.store.bulk_load(payload, fmt, lenient=lenient)


def _news_sized(n: int) -> DocOutput:
    """One document's output of today's size (about 71 KB of N-Triples, measured on the
    synthetic corpus of benchmarks/docs.py), as one long triple."""
    iri = f"http://example.org/doc/{n}"
    text = "x" * 71_000
    return DocOutput(
        iri=iri, identity=f"doc{n}.txt", sha256=f"{n:064x}", file_name=f"doc{n}.txt",
        path=f"doc{n}.txt", triples=f'<{iri}> <http://schema.org/text> "{text}" .\n'.encode(),
    )  # fmt: skip


def test_a_load_carries_as_many_documents_whatever_the_corpus_size():
    """Oxigraph holds a whole load's quads in memory: the load batch, and with it the loading
    process's peak, must not grow with the corpus (a 10k build used to load 2.7 times the
    documents a 1k build did in each call)."""
    per_load = {}
    for expected in (1_000, 10_000, 100_000):
        store = _CountingStore()
        loader = Loader(store, ResolutionIndex(":memory:"), INFERRED, expected=expected)  # type: ignore[arg-type]
        for n in range(800):
            loader.add(_news_sized(n))
        loader.flush()
        assert sum(store.docs_per_load) == 800
        per_load[expected] = max(store.docs_per_load)
    assert per_load[1_000] == per_load[10_000] == per_load[100_000]


def test_a_load_in_a_process_of_its_own_stores_what_a_load_in_this_one_does(tmp_path):
    outputs = [_output(n, inferred=n % 2 == 0) for n in range(7)]
    db = tmp_path / "db"
    ox.Store(str(db))  # (made, then closed: the child is the one writer)
    loader = Loader(StoreInChild(db), ResolutionIndex(":memory:"), INFERRED, expected=3)
    for out in outputs:
        loader.add(out)
    loader.flush()
    assert set(ox.Store(str(db)).quads_for_pattern(None, None, None, None)) == _expected(outputs)
    assert loader.triples == 3 * len(outputs)


def test_a_failed_load_in_a_child_says_why(tmp_path):
    db = tmp_path / "db"
    ox.Store(str(db))
    with pytest.raises(RuntimeError, match=r"loading a batch into .* failed \(exit 1\): .*"):
        StoreInChild(db).bulk_load(io.BytesIO(b"<http://a> <http://b> .\n"), ox.RdfFormat.N_QUADS)
    held = ox.Store(str(db))  # a store this process still writes: the child cannot open it
    with pytest.raises(RuntimeError, match="lock"):
        StoreInChild(db).bulk_load(io.BytesIO(b""), ox.RdfFormat.N_QUADS)
    del held


def test_the_build_loads_its_batches_from_processes_that_end_with_them(tmp_path, monkeypatch):
    """The store engine's memory grows with the store a process has open (benchmarks/
    RESULTS.md section 6): the long-lived build process must not hold it while it loads."""
    loads: list[int] = []
    real = StoreInChild.bulk_load

    def watched(self, data, format, lenient=False):
        probe = ox.Store(str(self.path))  # fails if this process still has the store open
        del probe
        before = set(_children())
        real(self, data, format, lenient)
        loads.append(len(set(_children()) - before))
        return None

    monkeypatch.setattr(StoreInChild, "bulk_load", watched)
    report = build(Config(data_dir=tmp_path / "var"), [SEEDS], progress=lambda m: None)
    assert len(report.documents) == len(list(SEEDS.iterdir()))
    assert loads and loads == [0] * len(loads)  # each loading process gone when its load ends
    assert report.triples > 0


def _children() -> list[int]:
    me = os.getpid()
    return [
        int(c)
        for t in Path(f"/proc/{me}/task").iterdir()
        for c in (t / "children").read_text().split()
    ]
