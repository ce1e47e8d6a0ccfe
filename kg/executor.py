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

import gc
import itertools
import multiprocessing
import os
import re
import signal
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Sequence
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
    # A large answer arrives in a temporary file instead of `body` (see SPOOL_BYTES).
    spool: IO[bytes] | None = None
    size: int = 0

    @property
    def length(self) -> int:
        return self.size if self.spool is not None else len(self.body)

    @property
    def truncated(self) -> bool:
        return TRUNCATED_HEADER in self.headers


def _text(status: int, message: str, reason: str, **headers: str) -> Outcome:
    return Outcome(status, "text/plain", (message.rstrip() + "\n").encode(), dict(headers), reason)


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


# --- the work itself (runs in a worker process, or on a thread in-process) ---


@dataclass(frozen=True)
class Job:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    fmt: str | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs, picklable."""

    config: Config  # the SERVICE policy (kg.federation) reads it
    data_dir: str
    max_rows: int
    prefixes: dict[str, str]
    choose: Choose = choose
    memory_bytes: int = 0  # 0: no cap


def _limited_solutions(solutions: ox.QuerySolutions, limit: int) -> tuple[ox.QuerySolutions, bool]:
    """At most `limit` solutions, as a QuerySolutions pyoxigraph can serialize.

    pyoxigraph cannot build QuerySolutions from Python, so the kept rows are written
    as SPARQL TSV (terms in their N-Triples form, lossless) and parsed back.
    """
    variables = solutions.variables
    rows = list(itertools.islice(solutions, limit + 1))
    cut = len(rows) > limit
    lines = ["\t".join(str(v) for v in variables)]
    for row in rows[:limit]:
        lines.append(
            "\t".join("" if (t := row[v]) is None else str(t) for v in variables)  # noqa: B023
        )
    tsv = ("\n".join(lines) + "\n").encode()
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed, cut


def run_job(store: ox.Store | None, job: Job, settings: WorkerSettings) -> Outcome:
    """Parse, evaluate and serialize one query; every failure becomes an Outcome."""
    if store is None:
        return _text(503, "no graph built yet (run `kg build`)", "no-store")
    depth = nesting_depth(job.query)
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
    media_type = settings.choose(result.form, job.accept, job.fmt)
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
            triples = list(itertools.islice(result.value, settings.max_rows + 1))  # type: ignore[call-overload]
            cut = len(triples) > settings.max_rows
            result.value = triples[: settings.max_rows]
        else:
            cut = False
        body = q.serialize(result, media_type, prefixes=settings.prefixes)
    except QueryRefused as exc:
        return _text(exc.status, exc.message, "refused", **exc.headers)
    except (OSError, RuntimeError, ValueError) as exc:
        if "not supported" in str(exc):
            return _text(400, f"unsupported: {exc}", "unsupported")
        return _text(500, f"query evaluation failed: {exc}", "evaluation")
    if cut:
        headers[TRUNCATED_HEADER] = f"max-rows={settings.max_rows}"
    return Outcome(200, media_type, body, headers)


def dispatch(
    get_store: Callable[[], ox.Store | None], job: Any, settings: WorkerSettings
) -> Outcome:
    """Run a query or a validation job; no exception escapes (the worker lives on)."""
    try:
        if isinstance(job, Job):
            return run_job(get_store(), job, settings)
        from kg.validate_job import run_validation

        return run_validation(get_store(), job, settings)
    except MemoryError:
        return _text(
            503,
            "the request needed more memory than one may use (NEWSGRAPH_QUERY_MEMORY)",
            "memory",
        )
    except Exception as exc:  # noqa: BLE001 - report, keep the worker alive
        return _text(500, f"query failed: {type(exc).__name__}: {exc}", "error")


class _CurrentStore:
    """The current build, opened read-only and reopened when CURRENT changes."""

    def __init__(self, data_dir: str) -> None:
        self.pointer = Path(data_dir) / "CURRENT"
        self.root = Path(data_dir) / "stores"
        self._stamp: tuple[int, int, str] | None = None
        self._store: ox.Store | None = None

    def get(self) -> ox.Store | None:
        try:
            st = os.stat(self.pointer)
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        stamp = (st.st_mtime_ns, st.st_ino, name)
        if stamp != self._stamp or self._store is None:
            self._store = None
            db = self.root / name / "db"
            if not db.is_dir():
                return None
            self._store = ox.Store.read_only(str(db))
            self._stamp = stamp
        return self._store


def _watch_parent(parent: int) -> None:
    """End this worker when its parent is gone (even while a query runs).

    The parent is the fork server, which itself ends when its web process does.
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
        data_kib = int(status.split("VmData:")[1].split()[0])
    except (OSError, IndexError, ValueError):
        return
    limit = data_kib * 1024 + extra  # the job thread and its stack already exist
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        pass


def _worker_main(conn: Connection, settings: WorkerSettings, nice: int = 0) -> None:
    """Worker process: answer jobs from `conn` until it closes, all on one big-stack thread.

    Heavy-lane workers run at a lower CPU priority (`nice`), so on a busy machine the
    web process and the light lane get the cores first.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which ends us
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
    """
    gc.disable()
    current = _CurrentStore(settings.data_dir)
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
        out = dispatch(current.get, job, settings)
        done += 1
        gc.collect(0 if done % FULL_GC_EVERY else 2)
        conn.send((out.status, out.media_type, out.headers, out.reason, len(out.body)))
        for i in range(0, len(out.body), CHUNK):
            conn.send_bytes(out.body[i : i + CHUNK])


# --- the web process side ---


class _Worker:
    def __init__(self, ctx: Any, settings: WorkerSettings, lane: str, nice: int = 0) -> None:
        self.lane = lane
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


class _BudgetSpent(Exception):
    """A light-lane run went past the light budget (not the request's deadline)."""


class Executor:
    """A pool of query worker processes in two lanes, with a hard per-request deadline.

    One pool per web process; it starts lazily and restarts after a fork. `execute`
    (a query) and `validate` (a /validate job) are thread-safe. Lanes, budgets and
    the order of waiters are explained in kg/lanes.py.
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
        )
        self.costs = CostModel()
        self.on_event = on_event or (lambda _event: None)
        # Not plain fork: the web process has threads, and forking them is unsafe. The
        # fork server is a single-threaded process with pyoxigraph already imported, so a
        # replacement for a killed worker starts in milliseconds.
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.executor"])
        self._fresh()
        _EXECUTORS.add(self)

    def _fresh(self) -> None:
        """Empty pool; also run in a forked child, whose parent's workers are not its own."""
        self._cond = threading.Condition()
        self._idle_by_lane: dict[str, list[_Worker]] = {LIGHT: [], HEAVY: []}
        self._count = {LIGHT: 0, HEAVY: 0}
        self._waiters: list[_Waiter] = []
        self._warm = False

    @property
    def _idle(self) -> list[_Worker]:
        """Idle workers, light lane first (the next handed out to a cheap query is last)."""
        return self._idle_by_lane[HEAVY] + self._idle_by_lane[LIGHT]

    def _nice(self, lane: str) -> int:
        return HEAVY_NICE if lane == HEAVY and self.sizes[LIGHT] else 0

    def _spawn_in_background(self, lane: str, n: int) -> None:
        def spawn() -> None:
            for _ in range(n):
                with self._cond:
                    if self._count[lane] >= self.sizes[lane]:
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
        """Start the pool now (the server calls it after start-up)."""
        with self._cond:
            if self._warm:
                return
            self._warm = True
        for lane in (LIGHT, HEAVY):
            self._spawn_in_background(lane, self.sizes[lane])

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
                    self._spawn_in_background(lane, self.sizes[lane] - (lane == waiter.lane))
            w = self._take_idle(waiter.lane)
            if w is not None:
                return w
            self._waiters.append(waiter)
            try:
                while waiter.worker is None:
                    own = waiter.lane if self.sizes[waiter.lane] else HEAVY
                    if self._count[own] < self.sizes[own]:
                        self._count[own] += 1
                        spawn_lane = own
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

    def _release(self, w: _Worker) -> None:
        with self._cond:
            waiter = self._best_waiter(w.lane)
            if waiter is not None:
                waiter.worker = w
                self._cond.notify_all()
            else:
                self._idle_by_lane[w.lane].append(w)

    def _discard(self, w: _Worker | None, lane: str | None = None) -> None:
        lane = w.lane if w is not None else lane
        if w is not None:
            w.kill()
        with self._cond:
            self._count[lane] -= 1
            self._cond.notify_all()
        if w is not None:
            self._spawn_in_background(lane, 1)

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
        """Send the job, take the answer (spooled to a file when large); release or kill."""
        first = min(deadline, budget) if budget is not None else deadline
        try:
            w.conn.send(job)
            try:
                status, media_type, headers, reason, size = self._recv(w, first)
            except TimeoutError:
                if budget is not None and time.monotonic() < deadline:
                    raise _BudgetSpent from None
                raise
            spool: IO[bytes] | None = None
            chunks: list[bytes] = []
            if size > SPOOL_BYTES:
                # A large answer goes to a temporary file, not the web process's memory,
                # and is sent from there (the worker is free as soon as it is copied).
                spool = tempfile.TemporaryFile(prefix="newsgraph-answer-")
            got = 0
            while got < size:
                chunk = self._recv_bytes(w, deadline)
                got += len(chunk)
                if spool is not None:
                    spool.write(chunk)
                else:
                    chunks.append(chunk)
        except _BudgetSpent:
            raise
        except TimeoutError:
            self._discard(w)
            self.on_event("timeout")
            return _text(
                503,
                f"query stopped: it ran past the {self.timeout:g} s limit"
                " (NEWSGRAPH_QUERY_TIMEOUT)",
                "timeout",
            )
        except (EOFError, OSError):
            self._discard(w)
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
        self._release(w)
        if spool is not None:
            spool.seek(0)
            return Outcome(status, media_type, b"", headers, reason, spool=spool, size=size)
        return Outcome(status, media_type, b"".join(chunks), headers, reason)

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
