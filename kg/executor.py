"""Query execution with a wall-clock timeout that really stops the work.

pyoxigraph has no way to cancel a running query (see shared/notes/engine-facts.md),
so a thread that times out would go on burning a core. Queries therefore run in a
small pool of worker *processes*; each opens the current build read-only and reopens
it when `CURRENT` moves. The web process sends (query, dataset, Accept, format) and
receives (status, media type, headers, body). When the deadline passes, the web
process SIGKILLs that worker and a fresh one takes its place on the next request,
so a hostile query costs at most `query_timeout` seconds of one core.

Also enforced here, in the worker, so every path to the store gets them:
- a row cap: at most `max_rows` solutions (or triples) are written; a cut result
  carries the header `X-Newsgraph-Truncated: max-rows=N`;
- a nesting bound: pyoxigraph's parser and evaluator recurse, and a query nested
  a few thousand levels deep overflows the stack (SIGSEGV). Such queries get a 400
  before parsing, and queries run on a thread with a large stack so that long flat
  chains (thousands of FILTERs or `+` terms) run out of time rather than of stack.

When the store cannot be opened by another process (an in-memory store passed to
`create_app`, or SPARQL Update enabled, where the web process holds the write
lock), `InProcessExecutor` runs the same code on a thread: it answers 503 at the
deadline but CANNOT stop the query, which keeps its thread busy until it ends.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import re
import signal
import socket
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from kg import query as q
from kg.federation import QueryRefused
from kg.lanes import HEAVY, LIGHT, CostModel, shape
from kg.negotiate import choose
from kg.sparql_errors import explain

if TYPE_CHECKING:
    from kg.config import Config

TRUNCATED_HEADER = "X-Newsgraph-Truncated"
MAX_NESTING = 500
WORKER_STACK_BYTES = 512 * 1024 * 1024  # reserved address space, committed only as used
CHUNK = 1 << 20
FULL_GC_EVERY = 200
# Answers larger than this are copied from the worker into a temporary file and sent
# from there: the web process never holds a large answer in memory.
SPOOL_BYTES = 4 << 20
HEAVY_NICE = 10
# What the fork server imports before it forks query processes (theirs, shared).
FORK_SERVER_PRELOAD = ["kg.executor"]

Choose = Callable[[str, str | None, str | None], str | None]


@dataclass
class Outcome:
    """What the endpoint sends back: a status, a media type, headers and a body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    # Why a non-200 happened, for metrics: "timeout", "busy", "crashed", "syntax", …
    reason: str = "ok"
    # A large validation answer arrives in a temporary file instead of `body` (see
    # SPOOL_BYTES).
    spool: IO[bytes] | None = None
    size: int = 0
    # A query answer larger than one CHUNK streams from the worker as it is written:
    # iterate it once (its end frees the worker; closing it early kills the worker).
    chunks: Iterator[bytes] | None = None

    def close(self) -> None:
        """Give up an answer that will not be sent (HEAD, an error elsewhere)."""
        if self.chunks is not None:
            close = getattr(self.chunks, "close", None)
            if close is not None:
                close()
            self.chunks = None
        if self.spool is not None:
            self.spool.close()

    @property
    def length(self) -> int:
        return self.size if self.spool is not None else len(self.body)

    @property
    def truncated(self) -> bool:
        return TRUNCATED_HEADER in self.headers


def _text(status: int, message: str, reason: str, **headers: str) -> Outcome:
    # "replace": a message may quote a client's text, which can hold a lone surrogate.
    body = (message.rstrip() + "\n").encode("utf-8", "replace")
    return Outcome(status, "text/plain", body, dict(headers), reason)


def _syntax(query: str, exc: SyntaxError) -> Outcome:
    """A 400 that says in words where the query breaks (kg/sparql_errors.py); the spot
    also goes in a header, which the query UI underlines."""
    problem = explain(query, str(exc))
    headers = {}
    if problem.position_header:
        headers["X-Newsgraph-Error-Position"] = problem.position_header
    return _text(400, problem.message, "syntax", **headers)


# Content negotiation is the protocol's pure `kg.negotiate.choose(form, accept, format)`,
# run in the worker once the result's form is known.

# --- guarding the parser ---

# Strings, IRIs and comments are skipped so brackets inside them do not count.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*"
    r"|[{(\[]|[})\]]",
    re.DOTALL,
)


def nesting_depth(query: str) -> int:
    """Deepest nesting of {, ( and [ outside strings, IRIs and comments."""
    depth = deepest = 0
    for m in _TOKENS.finditer(query):
        tok = m.group()
        if tok in "{([":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif tok in "})]":
            depth = max(depth - 1, 0)
    return deepest


# --- queries that need no killable process ---

_WS = r"(?:\s|#[^\n]*(?:\n|$))*"
_IRIREF = r'<[^<>"{}|^`\\\x00-\x20]*>'
_PNAME = r"(?:[A-Za-z][A-Za-z0-9_\-]*)?:[A-Za-z0-9_\-]*"
_TERM = (
    rf"(?:[?$][A-Za-z_][A-Za-z0-9_]*|{_IRIREF}|{_PNAME}|a"
    rf'|"(?:[^"\\\n\r]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:{_IRIREF}|{_PNAME}))?'
    r"|[+-]?[0-9]+(?:\.[0-9]+)?)"
)
_SCAN = re.compile(
    rf"{_WS}(?:(?:PREFIX{_WS}{_PNAME}{_WS}{_IRIREF}|BASE{_WS}{_IRIREF}){_WS})*"
    rf"(?:SELECT{_WS}(?:\*|(?:[?$][A-Za-z_][A-Za-z0-9_]*{_WS})+)|ASK){_WS}(?:WHERE{_WS})?"
    rf"\{{{_WS}(?P<s>{_TERM})\s+(?P<p>{_TERM})\s+(?P<o>{_TERM}){_WS}\.?{_WS}\}}{_WS}"
    rf"(?:LIMIT{_WS}[0-9]+{_WS})?",
    re.IGNORECASE,
)


def is_bounded_scan(query: str) -> bool:
    """True for a query that is one triple pattern and nothing else (a lookup by IRI).

    Such a query is one lazy index scan: every match is a row written out, nothing is
    sorted, grouped, joined, filtered or skipped (no FILTER, no OFFSET), so its cost
    is at most `max_rows` scanned index entries plus the writing: the row cap bounds
    its time and memory, and it needs no killable process. Anything else (a second
    pattern, a path, a FILTER, a subquery, FROM, SERVICE, a long string form, an
    unusual prefixed name) does not match and goes to the query processes. Neither
    does a variable repeated in the pattern (`?x ?x ?x` scans everything and writes
    only the few matches).
    """
    if len(query) > 8192:
        return False
    m = _SCAN.fullmatch(query)
    if m is None:
        return False
    variables = [t[1:] for t in m.group("s", "p", "o") if t[0] in "?$"]
    return len(set(variables)) == len(variables)


# --- the work itself (runs in a worker process, or on a thread in-process) ---


@dataclass(frozen=True)
class Job:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    fmt: str | None = None
    base_iri: str | None = None
    # The caller found `is_bounded_scan(query)` true: one pattern in one group, so the
    # nesting check (a scan of the whole text) is skipped.
    bounded_scan: bool = False


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs, picklable."""

    config: Config  # the SERVICE policy (kg.federation) reads it
    data_dir: str
    max_rows: int
    prefixes: dict[str, str]
    choose: Choose = choose
    memory_bytes: int = 0  # 0: no cap
    # bytes an in-memory copy of the build may take to be answered from (None: any size;
    # 0: never, the files)
    copy_budget: int | None = 0


class _Cut(Exception):
    """Raised into pyoxigraph's serializer once the row cap's line is reached."""


class _Lines:
    """A writer that keeps at most `limit` lines of a line-based serialization.

    SPARQL TSV and N-Triples write one solution (or triple) per line, with newlines in
    literals escaped, so counting lines counts rows. Past the limit the writer raises,
    which stops pyoxigraph's evaluation too: a cut result costs the rows kept, not
    the rows the query could produce.
    """

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.lines = 0
        self.limit = limit
        self.cut = False

    def write(self, data: bytes) -> int:
        data = bytes(data)
        n = data.count(b"\n")
        if self.lines + n > self.limit:
            end = -1
            for _ in range(self.limit - self.lines):
                end = data.index(b"\n", end + 1)
            self.parts.append(data[: end + 1])
            self.lines = self.limit
            self.cut = True
            raise _Cut
        self.lines += n
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass


def _capped(write: Callable[[_Lines], None], limit: int) -> tuple[bytes, bool]:
    """Run `write` into a `_Lines(limit)`; the kept bytes and whether it was cut."""
    lines = _Lines(limit)
    try:
        write(lines)
    except (_Cut, OSError, RuntimeError, ValueError):
        if not lines.cut:
            raise
    return b"".join(lines.parts), lines.cut


def _limited_solutions(solutions: ox.QuerySolutions, limit: int) -> tuple[ox.QuerySolutions, bool]:
    """At most `limit` solutions, as a QuerySolutions pyoxigraph can serialize.

    pyoxigraph cannot build QuerySolutions from Python objects, so the result is
    written as SPARQL TSV (lossless: terms in their N-Triples form), cut after the
    header and `limit` rows, and parsed back: both steps in Rust, no per-row Python
    (the old per-row rebuild took a third of a 12,820-row answer's time).
    """
    data, cut = _capped(lambda out: solutions.serialize(out, ox.QueryResultsFormat.TSV), limit + 1)
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed, cut


def _limited_triples(triples: Any, limit: int) -> tuple[Iterator[ox.Triple], bool]:
    """At most `limit` triples of a CONSTRUCT or DESCRIBE, the same way (N-Triples)."""
    data, cut = _capped(lambda out: ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES), limit)
    return (quad.triple for quad in ox.parse(data, ox.RdfFormat.N_TRIPLES)), cut


_CHOICES: dict[tuple[Any, str, str | None, str | None], str | None] = {}


def _negotiated(choose_: Choose, form: str, accept: str | None, fmt: str | None) -> str | None:
    """`choose_` remembered per (form, Accept, format): clients send the same few."""
    key = (choose_, form, accept, fmt)
    try:
        return _CHOICES[key]
    except KeyError:
        pass
    media_type = choose_(form, accept, fmt)
    if len(_CHOICES) > 1024:
        _CHOICES.clear()
    _CHOICES[key] = media_type
    return media_type


def run_job(
    store: ox.Store | None, job: Job, settings: WorkerSettings, sink: _Sink | None = None
) -> Outcome:
    """Parse, evaluate and serialize one query; every failure becomes an Outcome.

    With a `sink` (the worker's pipe) a 200 answer is written into it as it is
    serialized and the Outcome returned carries no body; without, the body is in it.
    """
    if store is None:
        return _text(503, "no graph built yet (run `kg build`)", "no-store")
    depth = 1 if job.bounded_scan else nesting_depth(job.query)
    if depth > MAX_NESTING:
        return _text(
            400,
            f"query nested {depth} levels deep; the limit is {MAX_NESTING} ({{, ( and [)",
            "too-deep",
        )
    try:
        result = q.run(
            store,
            job.query,
            default_graphs=list(job.default_graphs),
            named_graphs=list(job.named_graphs),
            base_iri=job.base_iri,
            config=settings.config,
        )
    except QueryRefused as exc:  # the SERVICE policy said no, or a SERVICE call failed
        return _text(exc.status, exc.message, "refused", **exc.headers)
    except SyntaxError as exc:
        return _syntax(job.query, exc)
    except ValueError as exc:  # e.g. an invalid IRI in default-graph-uri
        return _text(400, f"bad request: {exc}", "bad-request")
    except RuntimeError as exc:
        if "not supported" in str(exc):  # an unknown function: the query's fault
            return _text(400, f"unsupported: {exc}", "unsupported")
        raise
    media_type = _negotiated(settings.choose, result.form, job.accept, job.fmt)
    if media_type is None:
        what = {
            "graph": "a graph (CONSTRUCT or DESCRIBE)",
            "solutions": "a table of solutions (SELECT)",
            "boolean": "a yes or no (ASK)",
        }[result.form]
        return _text(
            406,
            f"this query's answer is {what}: none of the accepted types fits; offered: "
            + ", ".join(result.offered),
            "406",
        )
    headers: dict[str, str] = {"Vary": "Accept", **result.headers}
    try:
        if result.form == "solutions":
            result.value, cut = _limited_solutions(result.value, settings.max_rows)  # type: ignore[arg-type]
        elif result.form == "graph":
            result.value, cut = _limited_triples(result.value, settings.max_rows)
        else:
            cut = False
        if cut:
            headers[TRUNCATED_HEADER] = f"max-rows={settings.max_rows}"
        if sink is not None:
            sink.begin(200, media_type, headers, "ok")
            q.serialize_into(result, media_type, sink, prefixes=settings.prefixes)
            return sink.outcome()
        body = q.serialize(result, media_type, prefixes=settings.prefixes)
    except QueryRefused as exc:
        if sink is not None and sink.started:
            return sink.abort(exc.message)
        return _text(exc.status, exc.message, "refused", **exc.headers)
    except (OSError, RuntimeError, ValueError) as exc:
        if sink is not None and sink.started:
            return sink.abort(f"query evaluation failed: {exc}")
        if "not supported" in str(exc):
            return _text(400, f"unsupported: {exc}", "unsupported")
        return _text(500, f"query evaluation failed: {exc}", "evaluation")
    return Outcome(200, media_type, body, headers)


def dispatch(
    get_store: Callable[[], ox.Store | None],
    job: Any,
    settings: WorkerSettings,
    sink: _Sink | None = None,
) -> Outcome:
    """Run a query or a validation job; no exception escapes (the worker lives on)."""
    try:
        if isinstance(job, Job):
            return run_job(get_store(), job, settings, sink)
        from kg.validate_job import run_validation

        return run_validation(get_store(), job, settings)
    except MemoryError:
        if sink is not None and sink.started:
            return sink.abort("the request needed more memory than one may use")
        return _text(
            503,
            "the request needed more memory than one may use (NEWSGRAPH_QUERY_MEMORY)",
            "memory",
        )
    except Exception as exc:  # noqa: BLE001 - report, keep the worker alive
        if sink is not None and sink.started:
            return sink.abort(f"query failed: {type(exc).__name__}: {exc}")
        return _text(500, f"query failed: {type(exc).__name__}: {exc}", "error")


# Frames of a streamed answer, after the head message: data, end, abort (+ reason).
DATA, END, ABORT = b"D", b"E", b"X"


class _Sink:
    """The worker's side of a streamed answer: a writer pyoxigraph serializes into.

    The head (status, media type, headers) and the first CHUNK are held back: an
    answer that fits in one CHUNK goes as one message with its body (a lookup costs
    one round trip), a larger one as the head then DATA frames as they fill, then
    END. A failure after the head was sent can no longer change the status: it is
    an ABORT frame, and the web process cuts the connection so the client sees an
    incomplete answer rather than a short one that looks whole.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.head: tuple[int, str, dict[str, str], str] | None = None
        self.started = False
        self.finished = False
        self.buf = bytearray(DATA)

    def begin(self, status: int, media_type: str, headers: dict[str, str], reason: str) -> None:
        self.head = (status, media_type, headers, reason)
        self.buf = bytearray(DATA)

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) > CHUNK:
            self._flush()
        return len(data)

    def flush(self) -> None:
        pass

    def _flush(self) -> None:
        if not self.started:
            assert self.head is not None
            self.conn.send((*self.head, None))
            self.started = True
        self.conn.send_bytes(self.buf)
        self.buf = bytearray(DATA)

    def outcome(self) -> Outcome:
        """End a streamed 200 answer; what dispatch returns for it."""
        assert self.head is not None
        if self.started:
            if len(self.buf) > 1:
                self.conn.send_bytes(self.buf)
            self.conn.send_bytes(END)
        else:
            self.conn.send((*self.head, bytes(memoryview(self.buf)[1:])))
        self.finished = True
        return Outcome(*self.head[:2], b"", self.head[2], self.head[3])

    def abort(self, message: str) -> Outcome:
        self.conn.send_bytes(ABORT + message.encode("utf-8", "replace")[:2000])
        self.finished = True
        return _text(500, message, "aborted")

    def send(self, out: Outcome) -> None:
        """Send an Outcome that was not streamed (an error, a validation)."""
        if len(out.body) <= CHUNK:
            self.conn.send((out.status, out.media_type, out.headers, out.reason, out.body))
            return
        self.begin(out.status, out.media_type, out.headers, out.reason)
        view = memoryview(out.body)
        for i in range(0, len(view), CHUNK):
            self.write(view[i : i + CHUNK])
        self.outcome()


# What a copy holds per quad: 376 MB for a million quads loaded in a fresh process
# (benchmarks/RESULTS.md, "In-memory or on-disk"; benchmarks.run.copy_cost).
COPY_BYTES_PER_QUAD = 376
COPY_CHUNK = 50_000


def copy_within(store: ox.Store, budget: int | None) -> ox.Store | None:
    """An in-memory copy of `store`, or None when its quads would take more than `budget`
    bytes (None: whatever it takes).

    The quads are counted before anything is copied, up to the budget's worth (len() of
    an on-disk store reads it all): a partial copy, once freed, stayed in the process
    (the allocator keeps what it was given), 117 MB in each query process for a store
    over the budget."""
    if budget is not None and count_quads(store, budget // COPY_BYTES_PER_QUAD)[1]:
        return None
    quads = store.quads_for_pattern(None, None, None, None)
    copy = ox.Store()
    while chunk := list(itertools.islice(quads, COPY_CHUNK)):
        copy.bulk_extend(chunk)
    return copy


def count_quads(store: ox.Store, limit: int) -> tuple[int, bool]:
    """(quads seen, whether there are more than `limit`): a scan that stops at `limit` + 1."""
    scan = store.quads_for_pattern(None, None, None, None)
    seen = sum(1 for _ in itertools.islice(scan, limit + 1))
    return seen, seen > limit


# Next to a build's `db`: how many quads a query process counted in it ("N", or "N+" for
# at least N), so that the next ones need not count again (a committed build never
# changes; with SPARQL Update nothing is copied, so nothing is counted).
QUAD_COUNT_FILE = "quad-count"


def fits_budget(db: Path, budget: int) -> bool:
    """Whether an in-memory copy of the build at `db` takes at most `budget` bytes.

    Counting reads up to the budget's worth of quads: 0.7 s for 64 MiB's worth (178,000
    quads) of the 1M-quad benchmark store, and it filled the reading handle's caches
    with 36 MB that stayed for the process's life (each query process at 53 MB PSS
    instead of 18). So the count is made on a handle of its own, closed and trimmed at
    once (which gives that memory back), and written next to the build for the query
    processes that start later, which then open the build in 40 ms instead of 0.75 s."""
    limit = budget // COPY_BYTES_PER_QUAD
    memo = db.parent / QUAD_COUNT_FILE
    try:
        text = memo.read_text(encoding="ascii").strip()
        seen, more = int(text.rstrip("+")), text.endswith("+")
        if seen > limit or not more:
            return seen <= limit
    except (OSError, ValueError):
        pass
    counting = ox.Store.read_only(str(db))
    try:
        seen, over = count_quads(counting, limit)
    finally:
        del counting
        _give_back_freed_memory()
    tmp = memo.with_name(f".{memo.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:  # a read-only data folder: every process counts for itself
        tmp.write_text(f"{seen}{'+' if over else ''}\n", encoding="ascii")
        os.replace(tmp, memo)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return not over


def _give_back_freed_memory() -> None:
    """Return the allocator's free pages to the system (glibc's malloc_trim).

    A closed store frees its caches, but glibc keeps the small blocks they were made of:
    after a count of 178,000 quads, closed, the process still held 43 MB of anonymous
    memory; trimmed, 13 MB. Elsewhere (not glibc) this does nothing."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass


def _copy_budget(config: Config) -> int | None:
    """NEWSGRAPH_STORE_IN_MEMORY copies whatever the size, else NEWSGRAPH_STORE_COPY_MB
    bounds the copy; with SPARQL Update nothing is copied: an update writes the files in
    place, which a copy would not see."""
    if config.update_enabled:
        return 0
    if config.store_in_memory:
        return None
    return max(0, config.store_copy_mb) * 1024 * 1024


class _CurrentStore:
    """The current build, opened read-only and reopened when CURRENT changes; copied into
    memory, where joins and aggregates run 3-6x faster than on RocksDB
    (benchmarks/RESULTS.md, "In-memory or on-disk"), when the copy takes at most
    `copy_budget` bytes (None: whatever its size; 0: never): the copy's memory is paid in
    every process that holds one."""

    def __init__(self, data_dir: str, copy_budget: int | None = 0) -> None:
        self.pointer = Path(data_dir) / "CURRENT"
        self.root = Path(data_dir) / "stores"
        self.copy_budget = copy_budget
        self._stamp: tuple[int, int] | None = None
        self._store: ox.Store | None = None

    def get(self) -> ox.Store | None:
        """One stat() per job; the pointer is read only when it changed (a build
        replaces CURRENT by rename, so a new build is always a new inode)."""
        try:
            st = os.stat(self.pointer)
        except FileNotFoundError:
            return None
        stamp = (st.st_mtime_ns, st.st_ino)
        if stamp != self._stamp or self._store is None:
            self._store = None
            try:
                name = self.pointer.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                return None
            db = self.root / name / "db"
            if not db.is_dir():
                return None
            budget = self.copy_budget
            if budget is not None and budget != 0 and not fits_budget(db, budget):
                budget = 0
            store = ox.Store.read_only(str(db))
            if budget != 0:
                copy = copy_within(store, None)
                store = copy if copy is not None else store
            self._store = store
            self._stamp = stamp
        return self._store


def _watch_parent(parent: int) -> None:
    """End this worker when its parent is gone (even while a query runs).

    The parent is the fork server, which itself ends when the last web process that
    uses it does (`start_fork_server`: one for the web processes of `kg serve`).
    """
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _cap_memory(extra: int) -> None:
    """Cap this process's writable memory at what it holds now plus `extra` bytes.

    A cartesian product under ORDER BY grows by about 200 MB/s: within a 60 s timeout
    two of them would exhaust the machine. With RLIMIT_DATA (private writable memory,
    thread stacks included) an allocation past the cap fails, pyoxigraph aborts, and
    the web process answers 503 and replaces the worker.
    """
    import resource

    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return
    limit = _memory_limit(status, extra)
    if limit is None:
        return
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        pass


def _memory_limit(status: str, extra: int) -> int | None:
    """The cap in bytes: VmData of /proc/self/status (`status`, in KiB) plus `extra`;
    None when the kernel does not report it (the job thread and its stack already
    exist, so they are part of the baseline)."""
    try:
        data_kib = int(status.split("VmData:")[1].split()[0])
    except (IndexError, ValueError):
        return None
    return data_kib * 1024 + extra


def _worker_main(conn: Connection, settings: WorkerSettings, nice: int = 0) -> None:
    """Worker process: answer jobs from `conn` until it closes, all on one big-stack thread.

    Heavy-lane workers run at a lower CPU priority (`nice`), so on a busy machine the
    web process and the light lane get the cores first.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which ends us
    _name_process(QUERY_PROCESS_NAME)
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    threading.stack_size(WORKER_STACK_BYTES)
    t = threading.Thread(target=_serve_jobs, args=(conn, settings), name="query")
    t.start()
    t.join()


def _serve_jobs(conn: Connection, settings: WorkerSettings) -> None:
    """The job loop.

    pyoxigraph's result objects must be dropped on the thread that made them (else
    they leak, with a RuntimeError). Reference cycles can hold them (kg.federation's
    parser keeps frames alive through exceptions), so the garbage collector must run
    on this thread only: automatic collection is off, and this loop collects the
    young generation after every job and everything every `FULL_GC_EVERY` jobs.

    What the process holds before its jobs (the interpreter's imports, the settings,
    then what the first job imported) is frozen (`gc.freeze`): it lives as long as the
    process, and a full collection walked all of it, 10-17 ms every `FULL_GC_EVERY`
    jobs (50-90 us a job) for nothing.
    """
    gc.disable()
    gc.freeze()
    current = _CurrentStore(settings.data_dir, settings.copy_budget)
    if settings.memory_bytes > 0:
        try:
            current.get()  # the store's own memory is part of the baseline, not of the cap
        except OSError:
            pass
        _cap_memory(settings.memory_bytes)
    done = 0
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        sink = _Sink(conn)
        out = dispatch(current.get, job, settings, sink)
        if not sink.finished:
            sink.send(out)
        del out, sink
        done += 1
        gc.collect(0 if done % FULL_GC_EVERY and done > 1 else 2)
        if done == 1:
            gc.freeze()  # after the first job's collection: its imports, not its garbage


# --- the web process side ---


class _Worker:
    def __init__(self, ctx: Any, settings: WorkerSettings, lane: str, nice: int = 0) -> None:
        self.lane = lane
        self.idle_since = time.monotonic()  # when it was last handed back
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, settings, nice), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        try:
            self.process.kill()  # SIGKILL: the only way to stop pyoxigraph mid-query
        except (OSError, ValueError, AttributeError):
            pass
        self.process.join(timeout=5)
        self.conn.close()


@dataclass(eq=False)
class _Waiter:
    lane: str
    client: str
    priority: bool
    arrived: float
    usage: float
    worker: _Worker | None = None


class StreamAborted(RuntimeError):
    """A streamed answer could not be finished (deadline, worker death, serializer error):
    the server must cut the connection, since the status line has been sent."""


class _BudgetSpent(Exception):
    """A light-lane run went past the light budget (not the request's deadline)."""


def _kept(sizes: dict[str, int], warm: int) -> dict[str, int]:
    """Workers kept per lane while idle: `warm` of them (negative: all), the light lane
    first (cheap queries and /health are the ones that must not wait for a start)."""
    if warm < 0:
        return dict(sizes)
    light = min(warm, sizes[LIGHT])
    return {LIGHT: light, HEAVY: min(warm - light, sizes[HEAVY])}


def _reap(ref: weakref.ReferenceType[Executor]) -> None:
    """The reaper thread: end the workers that stayed unused for `process_idle` seconds.

    Each idle worker holds its own interpreter and the store's caches (18-65 MB on the
    1M-quad benchmark store); one started again costs a request about 40 ms (the fork
    server's fork and the build's opening). The thread holds the pool only weakly, and
    ends when no lane holds more workers than it keeps warm."""
    while True:
        ex = ref()
        if ex is None:
            return
        with ex._cond:
            retired, due = ex._retire_idle(time.monotonic())
            if due is None:
                ex._reaper = None
        for w in retired:
            w.kill()  # idle: nothing of a client's is lost
            ex.on_event("retired")
        if due is None:
            return
        del ex
        time.sleep(max(0.05, due))


class Executor:
    """A pool of query worker processes in two lanes, with a hard per-request deadline.

    One pool per web process; it starts lazily and restarts after a fork. `execute`
    (a query) and `validate` (a /validate job) are thread-safe. Lanes, budgets and
    the order of waiters are explained in kg/lanes.py. Its size follows the load: the
    `keep` workers per lane (NEWSGRAPH_WARM_PROCESSES) start with it, others when a
    request finds none free (up to `sizes`), and those end after `process_idle`
    seconds unused (`_reap`), since each holds an interpreter and the store's caches.
    """

    def __init__(
        self,
        config: Config,
        *,
        size: int | None = None,
        light: int | None = None,
        prefixes: dict[str, str] | None = None,
        choose: Choose = choose,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self.timeout = config.query_timeout
        self.sizes = {
            HEAVY: max(1, size or config.query_processes),
            LIGHT: max(0, config.light_processes if light is None else light),
        }
        self.size = self.sizes[HEAVY] + self.sizes[LIGHT]
        self.keep = _kept(self.sizes, config.warm_processes)
        self.process_idle = max(0.0, config.process_idle)
        self.light_budget = config.light_budget
        # Requests waiting for a heavy process, at most: past it, 503 at once (the
        # request threads are not all spent waiting; cheap requests keep a thread).
        self.max_heavy_waiting = max(4, config.threads - 2 * self.sizes[LIGHT] - self.sizes[HEAVY])
        self.settings = WorkerSettings(
            config=config,
            data_dir=str(Path(config.data_dir).resolve()),
            max_rows=config.max_rows,
            prefixes=dict(prefixes or {}),
            choose=choose,
            memory_bytes=max(0, config.query_memory_mb) * 1024 * 1024,
            copy_budget=_copy_budget(config),
        )
        self.costs = CostModel()
        self.on_event = on_event or (lambda _event: None)
        # Not plain fork: the web process has threads, and forking them is unsafe. The
        # fork server is a single-threaded process with pyoxigraph already imported, so a
        # replacement for a killed worker starts in milliseconds.
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(FORK_SERVER_PRELOAD)
        self._fresh()
        _EXECUTORS.add(self)

    def _fresh(self) -> None:
        """Empty pool; also run in a forked child, whose parent's workers are not its own."""
        self._cond = threading.Condition()
        self._idle_by_lane: dict[str, list[_Worker]] = {LIGHT: [], HEAVY: []}
        self._count = {LIGHT: 0, HEAVY: 0}
        self._waiters: list[_Waiter] = []
        self._warm = False
        self._reaper: threading.Thread | None = None

    @property
    def _idle(self) -> list[_Worker]:
        """Idle workers, light lane first (the next handed out to a cheap query is last)."""
        return self._idle_by_lane[HEAVY] + self._idle_by_lane[LIGHT]

    def _nice(self, lane: str) -> int:
        return HEAVY_NICE if lane == HEAVY and self.sizes[LIGHT] else 0

    def _spawn_in_background(self, lane: str, n: int, upto: int | None = None) -> None:
        """Start up to `n` workers of `lane` on a thread, while the lane has fewer than
        `upto` (its size when None)."""
        ceiling = self.sizes[lane] if upto is None else min(upto, self.sizes[lane])

        def spawn() -> None:
            for _ in range(n):
                with self._cond:
                    if self._count[lane] >= ceiling:
                        return
                    self._count[lane] += 1
                try:
                    w = _Worker(self._ctx, self.settings, lane, self._nice(lane))
                except Exception:  # noqa: BLE001 - a request will try again and report
                    self._discard(None, lane)
                    return
                self._release(w)

        threading.Thread(target=spawn, name="query-spawn", daemon=True).start()

    def warm(self) -> None:
        """Start the warm workers now (the server calls it after start-up); the others
        start when requests need them (`_acquire`)."""
        with self._cond:
            if self._warm:
                return
            self._warm = True
        for lane in (LIGHT, HEAVY):
            self._spawn_in_background(lane, self.keep[lane], self.keep[lane])

    # --- handing out workers ---

    def _best_waiter(self, lane: str) -> _Waiter | None:
        """Who gets a freed worker of `lane`: /health first, then the least-using
        client's oldest request; a heavy worker serves light waiters only when no heavy
        request waits (a light worker never serves a heavy one)."""
        mine = [w for w in self._waiters if w.worker is None and w.lane == lane]
        if not mine and lane == HEAVY:
            mine = [w for w in self._waiters if w.worker is None]
        if not mine:
            return None
        return min(mine, key=lambda w: (not w.priority, w.usage, w.arrived))

    def _take_idle(self, lane: str) -> _Worker | None:
        lanes = (LIGHT, HEAVY) if lane == LIGHT else (HEAVY,)
        for name in lanes:
            idle = self._idle_by_lane[name]
            while idle:
                w = idle.pop()
                if w.process.is_alive():
                    return w
                w.kill()
                self._count[name] -= 1
        return None

    def _acquire(self, waiter: _Waiter, deadline: float) -> _Worker | None:
        spawn_lane = None
        with self._cond:
            if not self._warm:
                self._warm = True
                for lane in (LIGHT, HEAVY):
                    self._spawn_in_background(lane, self.keep[lane] - (lane == waiter.lane))
            w = self._take_idle(waiter.lane)
            if w is not None:
                return w
            self._waiters.append(waiter)
            try:
                while waiter.worker is None:
                    spawn_lane = self._lane_to_grow(waiter.lane)
                    if spawn_lane is not None:
                        self._count[spawn_lane] += 1
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return None
                    self._cond.wait(remaining)
                if waiter.worker is not None:
                    return waiter.worker
            finally:
                self._waiters.remove(waiter)
                if waiter.worker is None and spawn_lane is None:
                    self._cond.notify_all()
        try:
            return _Worker(self._ctx, self.settings, spawn_lane, self._nice(spawn_lane))
        except BaseException:
            self._discard(None, spawn_lane)
            raise

    def _lane_to_grow(self, lane: str) -> str | None:
        """With `_cond` held: the lane a worker may be started in for a request of `lane`
        that found none idle, or None (wait). Its own lane first; a cheap query whose lane
        is full may start a heavy worker, as it may take an idle one (`_take_idle`): with
        the whole pool started up front, cheap queries at 8 clients had all six workers;
        grown in their own lane only, two, and 12-27% less throughput on the 1M-quad
        store's `subOrganizationOf+` at 8 and 32 clients."""
        own = lane if self.sizes[lane] else HEAVY
        for name in (own, HEAVY) if own == LIGHT else (own,):
            if self._count[name] < self.sizes[name]:
                return name
        return None

    def _release(self, w: _Worker) -> None:
        with self._cond:
            waiter = self._best_waiter(w.lane)
            if waiter is not None:
                waiter.worker = w
                self._cond.notify_all()
            else:
                w.idle_since = time.monotonic()
                self._idle_by_lane[w.lane].append(w)
                self._start_reaper()

    def _discard(self, w: _Worker | None, lane: str | None = None) -> None:
        lane = w.lane if w is not None else lane
        if w is not None:
            w.kill()
        with self._cond:
            self._count[lane] -= 1
            self._cond.notify_all()
        if w is not None:  # replaced at once only up to the warm ones; others on demand
            self._spawn_in_background(lane, 1, self.keep[lane])

    # --- retiring idle workers ---

    def _start_reaper(self) -> None:
        """With `_cond` held: make sure a reaper runs while a lane holds more workers
        than it keeps warm (one at a time; it ends when there is nothing left to retire)."""
        if self.process_idle <= 0 or self._reaper is not None:
            return
        if all(self._count[lane] <= self.keep[lane] for lane in (LIGHT, HEAVY)):
            return
        self._reaper = threading.Thread(
            target=_reap, args=(weakref.ref(self),), name="query-reaper", daemon=True
        )
        self._reaper.start()

    def _retire_idle(self, now: float) -> tuple[list[_Worker], float | None]:
        """With `_cond` held: take out the workers unused for `process_idle` seconds,
        longest idle first, down to the lanes' warm ones; and the seconds until the next
        one may be due (None: no lane holds more than it keeps, the reaper may end)."""
        retired: list[_Worker] = []
        due: float | None = None
        for lane in (LIGHT, HEAVY):
            idle = self._idle_by_lane[lane]
            # `_take_idle` hands out the last one released: the first are the oldest
            while idle and self._count[lane] > self.keep[lane]:
                left = idle[0].idle_since + self.process_idle - now
                if left > 0:
                    due = left if due is None else min(due, left)
                    break
                retired.append(idle.pop(0))
                self._count[lane] -= 1
            if self._count[lane] > self.keep[lane] and due is None:
                due = self.process_idle  # all busy: look again later
        if retired:
            self._cond.notify_all()
        return retired, due

    def heavy_waiting(self) -> int:
        with self._cond:
            return sum(1 for w in self._waiters if w.lane == HEAVY)

    # --- running a job ---

    def execute(
        self,
        query: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        accept: str | None = None,
        fmt: str | None = None,
        timeout: float | None = None,
        base_iri: str | None = None,
        *,
        client: str = "?",
        priority: bool = False,
    ) -> Outcome:
        """Run one query within `query_timeout` seconds (waiting for a worker included)."""
        job = Job(query, tuple(default_graphs), tuple(named_graphs), accept, fmt, base_iri)
        fingerprint = shape(query)
        lane = LIGHT if priority else self.costs.lane(fingerprint, client)
        return self._run(job, fingerprint, lane, client, priority, timeout)

    def validate(self, job: Any, *, client: str = "?", timeout: float | None = None) -> Outcome:
        """Run a /validate job (kg.validate_job.ValidateJob) in the heavy lane."""
        return self._run(job, "validate", HEAVY, client, False, timeout)

    def _run(
        self,
        job: Any,
        fingerprint: str,
        lane: str,
        client: str,
        priority: bool,
        timeout: float | None,
    ) -> Outcome:
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        if self.sizes[LIGHT] == 0:
            lane = HEAVY
        while True:
            if lane == HEAVY and self.heavy_waiting() >= self.max_heavy_waiting:
                self.on_event("busy")
                return self._busy(limit, queued=True)
            waiter = _Waiter(lane, client, priority, time.monotonic(), self.costs.usage(client))
            w = self._acquire(waiter, deadline)
            if w is None:
                self.on_event("busy")
                return self._busy(limit)
            budget = None
            if w.lane == LIGHT and not priority:
                budget = time.monotonic() + self.light_budget
            self.costs.started(fingerprint)
            began = time.monotonic()
            try:
                outcome = self._exchange(w, job, deadline, budget)
            except _BudgetSpent:
                self.costs.finished(fingerprint, client, self.light_budget)
                self.costs.mark_heavy(fingerprint, self.light_budget)
                self._discard(w)
                self.on_event("demoted")
                lane = HEAVY  # again, where it may take its time
                continue
            except BaseException:
                self.costs.finished(fingerprint, client, time.monotonic() - began)
                raise
            self.costs.finished(fingerprint, client, time.monotonic() - began)
            return outcome

    def _busy(self, limit: float, queued: bool = False) -> Outcome:
        why = (
            f"{self.max_heavy_waiting} expensive requests are already waiting for a query process"
            if queued
            else f"all {self.size} query processes stayed busy for the whole query timeout"
            f" ({limit:g} s, NEWSGRAPH_QUERY_TIMEOUT)"
        )
        return _text(
            503,
            f"{why}; try again later",
            "busy",
            **{"Retry-After": str(max(1, int(limit if not queued else 5)))},
        )

    def _exchange(self, w: _Worker, job: Any, deadline: float, budget: float | None) -> Outcome:
        """Send the job and take the answer's head; release or kill the worker.

        A query's answer larger than one CHUNK comes back as an iterator of chunks
        read from the worker while the client is sent them (the worker is released
        when the last one has arrived). A validation's is collected here (spooled to a
        file when large), because the view reads it whole.
        """
        first = min(deadline, budget) if budget is not None else deadline
        try:
            w.conn.send(job)
            try:
                status, media_type, headers, reason, body = self._recv(w, first)
            except TimeoutError:
                if budget is not None and time.monotonic() < deadline:
                    raise _BudgetSpent from None
                raise
            if body is None and not isinstance(job, Job):
                spool, body, size = self._collect(w, deadline)
                self._release(w)
                return Outcome(status, media_type, body, headers, reason, spool=spool, size=size)
        except _BudgetSpent:
            raise
        except TimeoutError:
            self._discard(w)
            self.on_event("timeout")
            return self._timed_out()
        except (EOFError, OSError):
            self._discard(w)
            return self._crashed(w)
        if body is not None:
            self._release(w)
            return Outcome(status, media_type, body, headers, reason)
        return Outcome(status, media_type, b"", headers, reason, chunks=self._stream(w, deadline))

    def _timed_out(self) -> Outcome:
        return _text(
            503,
            f"query stopped: it ran past the {self.timeout:g} s limit (NEWSGRAPH_QUERY_TIMEOUT)",
            "timeout",
        )

    def _crashed(self, w: _Worker) -> Outcome:
        code = w.process.exitcode
        self.on_event("crashed")
        how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return _text(
            503,
            f"the query process died ({how}) while running this request and has been"
            f" replaced; most likely it needed more than the"
            f" {self.settings.memory_bytes // 2**20} MiB a query may use"
            " (NEWSGRAPH_QUERY_MEMORY)",
            "crashed",
        )

    def _frames(self, w: _Worker, deadline: float) -> Iterator[bytes]:
        """DATA payloads of a streamed answer until END; raises on ABORT."""
        while True:
            frame = self._recv_bytes(w, deadline)
            kind = frame[:1]
            if kind == DATA:
                yield frame[1:]
            elif kind == END:
                return
            else:
                raise StreamAborted(frame[1:].decode("utf-8", "replace"))

    def _collect(self, w: _Worker, deadline: float) -> tuple[IO[bytes] | None, bytes, int]:
        spool: IO[bytes] | None = None
        chunks: list[bytes] = []
        size = 0
        for chunk in self._frames(w, deadline):
            size += len(chunk)
            if spool is None and size > SPOOL_BYTES:
                spool = tempfile.TemporaryFile(prefix="newsgraph-answer-")
                spool.write(b"".join(chunks))
                chunks = []
            if spool is not None:
                spool.write(chunk)
            else:
                chunks.append(chunk)
        if spool is not None:
            spool.seek(0)
        return spool, b"".join(chunks), size

    def _stream(self, w: _Worker, deadline: float) -> Iterator[bytes]:
        """The chunks of a streamed answer, as they arrive.

        The deadline still holds: past it the worker is killed and the iteration
        raises, so the server cuts the connection (the status line was sent). A
        client that goes away, or an answer abandoned unread, closes the generator:
        the worker, whose remaining output nobody will read, is killed and replaced.
        """
        complete = False
        try:
            yield from self._frames(w, deadline)
            complete = True
        except TimeoutError:
            self.on_event("timeout")
            raise StreamAborted(
                "the query ran past NEWSGRAPH_QUERY_TIMEOUT while streaming"
            ) from None
        except (EOFError, OSError):
            self.on_event("crashed")
            raise StreamAborted("the query process died while streaming") from None
        finally:
            if complete:
                self._release(w)
            else:
                self._discard(w)

    @staticmethod
    def _wait(w: _Worker, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not w.conn.poll(remaining):
            if w.process.is_alive():
                raise TimeoutError
            raise EOFError

    def _recv(self, w: _Worker, deadline: float) -> Any:
        self._wait(w, deadline)
        return w.conn.recv()

    def _recv_bytes(self, w: _Worker, deadline: float) -> bytes:
        self._wait(w, deadline)
        return w.conn.recv_bytes()

    def close(self) -> None:
        """Stop every idle worker (busy ones end with their web process)."""
        with self._cond:
            idle = self._idle
            self._idle_by_lane = {LIGHT: [], HEAVY: []}
            for w in idle:
                self._count[w.lane] -= 1
        for w in idle:
            w.kill()


FORK_SERVER_NAME = b"kg-forkserver"  # its /proc/PID/comm (its command line is kg serve's)
QUERY_PROCESS_NAME = b"kg-query"


def start_fork_server() -> int | None:
    """Fork the fork server from this process (`kg serve`, single-threaded, with the
    server's imports done), before it forks the web processes; its pid, or None if it
    could not start (each web process then starts its own, as without this).

    Why one: each web process started a fork server of its own (15-20 MB PSS, an
    interpreter with pyoxigraph imported) and a resource tracker (7 MB); one of each
    serves all of them (`share_fork_server` in each web process). A query process is
    still its web process's alone: the fork server only forks it, and the web process
    talks to it over its own pipe and SIGKILLs it at the deadline.

    Why forked rather than started as a fresh interpreter (multiprocessing's way): its
    pages, and those of the query processes it forks, are then the ones the web
    processes share too (14 MB PSS for it, 3.5 MB private, against 18 and 7; 10 MB
    private per query process against 14). Its collector is frozen (`gc.freeze`) so that
    it and the query processes do not write to every shared object. It runs
    multiprocessing's own fork server loop (`multiprocessing.forkserver.main`), so the
    web processes talk to it as to the usual one; it ends when the last web process has
    closed its end of the "alive" pipe."""
    from multiprocessing import connection, forkserver, resource_tracker

    server: Any = forkserver._forkserver  # type: ignore[attr-defined]
    multiprocessing.get_context("forkserver").set_forkserver_preload(FORK_SERVER_PRELOAD)
    try:
        resource_tracker.ensure_running()
        listener = socket.socket(socket.AF_UNIX)
    except OSError:
        return None
    with listener:
        address = connection.arbitrary_address("AF_UNIX")
        try:
            listener.bind(address)
            os.chmod(address, 0o600)
            listener.listen()
        except OSError:
            return None
        alive_r, alive_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the fork server
            code = 1
            try:
                os.close(alive_w)
                _name_process(FORK_SERVER_NAME)
                gc.freeze()
                forkserver.main(listener.fileno(), alive_r, FORK_SERVER_PRELOAD)
            except SystemExit:  # every web process has gone
                code = 0
            finally:
                os._exit(code)
        os.close(alive_r)
    server._forkserver_address = address
    server._forkserver_alive_fd = alive_w
    server._forkserver_pid = pid
    return pid


def _name_process(name: bytes) -> None:
    """Linux: the name `ps`, `top` and /proc/PID/comm show (the command line stays)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
    except (AttributeError, OSError):
        pass


def share_fork_server(pid: int | None) -> None:
    """In a web process forked after `start_fork_server`: fork query processes from
    that fork server (`pid`), not from one of its own.

    multiprocessing checks that its fork server lives with `waitpid`, which a process
    that did not start it cannot call (ChildProcessError on every query process
    started): here the check is that `pid` still runs. Should the shared one end, this
    process starts one of its own, as it would have without sharing."""
    if pid is None:
        return
    from multiprocessing import forkserver, resource_tracker

    server: Any = forkserver._forkserver  # type: ignore[attr-defined]
    if server._forkserver_pid != pid:
        return
    own = type(server).ensure_running.__get__(server)

    def ensure_running() -> None:
        with server._lock:
            if server._forkserver_pid == pid:
                resource_tracker.ensure_running()
                if _runs(pid):
                    return
                os.close(server._forkserver_alive_fd)
                server._forkserver_address = None
                server._forkserver_alive_fd = None
                server._forkserver_pid = None
        own()

    server.ensure_running = ensure_running


def let_go_of_fork_server() -> None:
    """In `kg serve` once the web processes are forked: close its ends of the fork
    server's and the resource tracker's pipes, so that both end when the last web
    process does (and a query process left by a web process killed outright sees its
    parent, the fork server, go and ends: `_watch_parent`), not only with `kg serve`."""
    from multiprocessing import forkserver, resource_tracker

    server: Any = forkserver._forkserver  # type: ignore[attr-defined]
    tracker: Any = resource_tracker._resource_tracker  # type: ignore[attr-defined]
    with server._lock:
        if server._forkserver_alive_fd is not None:
            os.close(server._forkserver_alive_fd)
            server._forkserver_alive_fd = None
    with tracker._lock:
        if tracker._fd is not None:
            os.close(tracker._fd)
            tracker._fd = None


def _runs(pid: int) -> bool:
    """`pid` runs (a zombie does not: it has ended and waits for its parent's wait)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return pid_alive(pid)
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def pid_alive(pid: int) -> bool:
    """A process of that pid exists (another user's too; a zombie counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_EXECUTORS: weakref.WeakSet[Executor] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for executor in list(_EXECUTORS):
        executor._fresh()


os.register_at_fork(after_in_child=_after_fork_in_child)


_STACK_LOCK = threading.Lock()


def _start_big_stack_thread(target: Callable[[], None]) -> threading.Thread:
    """A thread with the large stack (threading.stack_size is process-wide: set, start, undo)."""
    with _STACK_LOCK:
        old = threading.stack_size(WORKER_STACK_BYTES)
        try:
            t = threading.Thread(target=target, name="query", daemon=True)
            t.start()
        finally:
            threading.stack_size(old)
    return t


class InProcessExecutor:
    """Same API, on threads of this process, for stores other processes cannot open.

    Used for a store passed to `create_app` (tests, benchmarks) and when SPARQL Update
    is enabled. At the deadline the client gets the same 503, but the query is NOT
    stopped: pyoxigraph cannot be interrupted, so its thread runs on to the end, and
    keeps its slot (at most `threads` queries run at once) until then.
    """

    def __init__(
        self,
        config: Config,
        get_store: Callable[[], ox.Store],
        *,
        prefixes: dict[str, str] | None = None,
        choose: Choose = choose,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self.timeout = config.query_timeout
        self.get_store = get_store
        self.settings = WorkerSettings(
            config=config,
            data_dir=str(config.data_dir),
            max_rows=config.max_rows,
            prefixes=dict(prefixes or {}),
            choose=choose,
        )
        self.on_event = on_event or (lambda _event: None)
        self.slots = max(2, config.threads)
        self._slots = threading.BoundedSemaphore(self.slots)

    def execute(
        self,
        query: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        accept: str | None = None,
        fmt: str | None = None,
        timeout: float | None = None,
        base_iri: str | None = None,
        *,
        client: str = "?",
        priority: bool = False,
    ) -> Outcome:
        del client, priority  # one line of threads: no lanes in this mode
        job = Job(query, tuple(default_graphs), tuple(named_graphs), accept, fmt, base_iri)
        return self._run(job, timeout)

    def validate(self, job: Any, *, client: str = "?", timeout: float | None = None) -> Outcome:
        del client
        return self._run(job, timeout)

    def _run(self, job: Any, timeout: float | None) -> Outcome:
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        if not self._slots.acquire(timeout=limit):
            self.on_event("busy")
            return _text(
                503,
                f"all {self.slots} query threads stayed busy for the whole query timeout"
                f" ({limit:g} s, NEWSGRAPH_QUERY_TIMEOUT); try again later",
                "busy",
                **{"Retry-After": str(max(1, int(limit)))},
            )
        box: list[Outcome] = []

        def one() -> None:
            # pyoxigraph objects must be dropped on the thread that made them: all here.
            try:
                box.append(dispatch(self.get_store, job, self.settings))
            finally:
                self._slots.release()

        t = _start_big_stack_thread(one)
        t.join(max(0.0, deadline - time.monotonic()))
        if box:
            return box[0]
        self.on_event("timeout")
        return _text(
            503,
            f"query abandoned: it ran past the {limit:g} s limit"
            " (NEWSGRAPH_QUERY_TIMEOUT); in this mode (in-process store) it still"
            " runs to its end on the server",
            "timeout",
        )

    def close(self) -> None:
        """Nothing to stop: running query threads are daemons and end with their query."""
