"""kg.executor's pool and lanes, driven in this process (for `make mutants`).

tests/test_executor.py drives the pool with real worker processes (SIGKILL at the
deadline, a crash, the memory cap). mutmut only sees what runs in the test process, so
here the same `Executor` hands its jobs to workers that are threads of this process:
`ThreadContext` takes the place of the multiprocessing context, and each worker runs the
real job loop (`_serve_jobs`) on a real store over a real pipe. Only the process itself
is stood in for (a thread cannot be SIGKILLed: "killing" one marks it dead and closes
its pipe, as the parent sees a killed process). A worker is held busy by `Gate`, a
negotiation step (it runs in the worker, after evaluation) that waits until the test
opens it, so every interleaving here is forced, never raced.
"""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import os
import threading
import time
import types
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

import kg.executor as ex_mod
from kg.config import Config
from kg.executor import (
    HEAVY_NICE,
    Executor,
    InProcessExecutor,
    Job,
    _after_fork_in_child,
    _CurrentStore,
    _kept,
    _memory_limit,
    _serve_jobs,
    _Sink,
    _start_big_stack_thread,
    _Waiter,
    _Worker,
    _worker_main,
    choose,
    dispatch,
)
from kg.lanes import HEAVY, LIGHT, shape
from kg.validate_job import Part, ValidateJob
from tests.test_executor_unit import commit

JSON = "application/sparql-results+json"
HANG = 10.0  # a guard against a hang (in-process, no real work waits this long); never asserted
ROWS = "SELECT ?s ?n { ?s ?p ?o VALUES ?n { " + " ".join(map(str, range(200))) + " } }"


# Threads of this process that died of an exception during the current test (a worker's
# job loop, the pool's spawner, a request): what a wait was waiting for will not come.
DIED: list[str] = []


@pytest.fixture(autouse=True)
def _record_thread_deaths(monkeypatch: pytest.MonkeyPatch) -> None:
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        DIED.append(f"{name}: {args.exc_type.__name__}: {args.exc_value}")
        previous(args)

    DIED.clear()
    monkeypatch.setattr(threading, "excepthook", hook)


def spawning() -> bool:
    """Is the pool still starting a worker (its spawner thread, kg.executor's name)?"""
    return any(t.name == "query-spawn" and t.is_alive() for t in threading.enumerate())


def until(
    condition: Callable[[], bool],
    what: str,
    *waiting: threading.Thread,
    spawned: bool = False,
) -> None:
    """Poll `condition` under a generous ceiling (never itself the thing asserted).

    The wait ends as soon as nothing is left that could make the condition true, so a
    broken executor fails here at once rather than at the ceiling: a thread died of an
    exception (`DIED`); one of the `waiting` threads (requests that must still be waiting
    while the condition is false) has returned; with `spawned` (the condition waits for a
    worker the pool starts), no spawner thread is left. Each is read before `condition`,
    so a thread that made the condition true just before it ended is not a failure.
    """
    deadline = time.monotonic() + HANG
    while True:
        ended = [t.name for t in waiting if not t.is_alive()]
        starting = spawning()
        if condition():
            return
        if DIED:
            raise AssertionError(f"never happened: {what} (a thread died: {DIED[0]})")
        if ended:
            raise AssertionError(f"never happened: {what} ({ended[0]} returned first)")
        if spawned and not starting:
            raise AssertionError(f"never happened: {what} (no worker is being started)")
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.005)


def finish(*threads: threading.Thread) -> None:
    """Join request threads under the ceiling; a thread's death ends the wait at once."""
    deadline = time.monotonic() + HANG
    for t in threads:
        while t.is_alive():
            if DIED:
                raise AssertionError(f"{t.name} never returned (a thread died: {DIED[0]})")
            if time.monotonic() > deadline:
                raise AssertionError(f"{t.name} never returned")
            t.join(0.01)


class ThreadProcess:
    """A query worker on a thread: the real job loop, its own copy of the pipe's end."""

    _pids = itertools.count(1)

    def __init__(self, target: Callable, args: tuple, daemon: bool) -> None:
        assert target is _worker_main and daemon
        self.child, self.settings, self.nice = args
        self.pid = next(self._pids)
        self.exitcode: int | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        # The parent closes its copy of the child's end after start(), as after a fork.
        self.conn = Connection(os.dup(self.child.fileno()))
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        code = 0
        try:
            _serve_jobs(self.conn, self.settings)
        except (EOFError, OSError):
            pass  # its pipe was closed under it: it was "killed"
        except BaseException:
            code = 1  # a Python process dies of an uncaught exception with status 1
            raise
        finally:
            if self.exitcode is None:
                self.exitcode = code
            # A process that ends, however it ends, has its descriptors closed by the
            # kernel: the parent sees EOF on the pipe at once, not only at its deadline.
            self.conn.close()

    def kill(self) -> None:
        if self.exitcode is None:
            self.exitcode = -9

    def die(self, code: int) -> None:
        """What the parent sees of a process that died on its own: EOF on its pipe."""
        self.exitcode = code
        self.conn.close()

    def join(self, timeout: float | None = None) -> None:
        del timeout  # a gated thread ends when its gate opens (teardown)

    def is_alive(self) -> bool:
        return self.exitcode is None and self.thread is not None and self.thread.is_alive()


class ThreadContext:
    def __init__(self) -> None:
        self.processes: list[ThreadProcess] = []

    def Pipe(self) -> tuple[Connection, Connection]:  # noqa: N802 - multiprocessing's name
        return multiprocessing.Pipe()

    def Process(self, target: Callable, args: tuple, daemon: bool) -> ThreadProcess:  # noqa: N802
        p = ThreadProcess(target, args, daemon)
        self.processes.append(p)
        return p


class Gate:
    """`choose` for the workers: an Accept of `wait/…` holds the worker until opened."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.entered = 0
        self.seen: list[str | None] = []  # every Accept negotiated, in order
        self._ids = itertools.count()

    def accept(self) -> str:
        return f"wait/{next(self._ids)}"  # unique: negotiation is remembered per Accept

    def __call__(self, form: str, accept: str | None, fmt: str | None) -> str | None:
        self.seen.append(accept)
        if accept and accept.startswith("wait/"):
            self.entered += 1
            self.opened.wait(HANG)
            return "application/n-triples" if form == "graph" else JSON
        return choose(form, accept, fmt)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build, opened read-only by every worker (as the real ones open it)."""
    folder = tmp_path_factory.mktemp("pool")
    commit(folder, "s")
    return folder


@pytest.fixture
def gate() -> Iterator[Gate]:
    g = Gate()
    yield g
    g.opened.set()


@pytest.fixture
def make(data: Path, gate: Gate) -> Iterator[Callable[..., Executor]]:
    """An Executor over `data` whose workers are threads; closed (and gates opened) after."""
    made: list[Executor] = []

    def new(*, size: int = 1, light: int = 0, events: list | None = None, **config) -> Executor:
        config.setdefault("query_memory_mb", 0)  # no RLIMIT_DATA on the test process
        config.setdefault("query_timeout", HANG)
        on_event = events.append if events is not None else None
        ex = Executor(
            Config(data_dir=data, **config),
            size=size,
            light=light,
            prefixes={"ex": "http://e/"},
            choose=gate,
            on_event=on_event,
        )
        ex._ctx = ThreadContext()
        made.append(ex)
        return ex

    yield new
    gate.opened.set()
    for ex in made:
        ex.close()
    gc.enable()  # the job loop turns automatic collection off (it must, in a worker)


def bounded(fn: Callable[[], object]) -> object:
    """`fn()` on a thread, under the ceiling: what it returns, or what it raised. A call
    that a broken wait would block for ever fails at the ceiling, not at pytest's timeout."""
    got: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            got.append((True, fn()))
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            got.append((False, exc))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(HANG)
    if not got:
        raise AssertionError("never returned")
    [(returned, value)] = got
    if not returned:
        raise value  # type: ignore[misc]
    return value


def in_thread(fn: Callable[[], object]) -> tuple[threading.Thread, list]:
    box: list = []
    t = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    t.start()
    return t, box


def idle(ex: Executor, lane: str) -> int:
    with ex._cond:
        return len(ex._idle_by_lane[lane])


def processes(ex: Executor) -> list[ThreadProcess]:
    return ex._ctx.processes  # type: ignore[attr-defined]


# --- configuration, no workers ---


def test_pool_sizes_and_worker_settings_come_from_the_config(tmp_path: Path) -> None:
    config = Config(
        data_dir=tmp_path / "rel" / "..",
        query_processes=3,
        light_processes=2,
        threads=20,
        light_budget=0.25,
        query_memory_mb=7,
        max_rows=9,
        query_timeout=4.0,
    )
    ex = Executor(config, prefixes={"a": "http://a/"})
    assert ex.sizes == {HEAVY: 3, LIGHT: 2} and ex.size == 5
    assert ex.timeout == 4.0 and ex.light_budget == 0.25
    assert ex.max_heavy_waiting == 20 - 2 * 2 - 3
    s = ex.settings
    assert s.config is config and s.data_dir == str(tmp_path.resolve())
    assert (s.max_rows, s.prefixes, s.memory_bytes) == (9, {"a": "http://a/"}, 7 * 2**20)
    assert s.choose is choose
    assert Executor(config, size=1, light=0).sizes == {HEAVY: 1, LIGHT: 0}
    assert Executor(config, size=0, light=-1).sizes == {HEAVY: 3, LIGHT: 0}  # 0: the config's
    assert Executor(Config(query_processes=0), light=-1).sizes == {HEAVY: 1, LIGHT: 0}
    # Workers come from a fork server: a fork of the web process, which holds RocksDB's
    # threads, can hang in them.
    assert ex._ctx.get_start_method() == "forkserver"
    assert Executor(Config(threads=4, query_memory_mb=-1)).max_heavy_waiting == 4
    assert Executor(Config(query_memory_mb=-1)).settings.memory_bytes == 0
    assert Executor(Config(), light=None).sizes[LIGHT] == Config().light_processes
    assert ex._idle_by_lane == {LIGHT: [], HEAVY: []} and ex._waiters == []
    assert ex._count == {LIGHT: 0, HEAVY: 0} and ex._warm is False


def test_only_the_heavy_lane_runs_niced_and_only_beside_a_light_lane() -> None:
    both = Executor(Config(), size=1, light=1)
    assert (both._nice(HEAVY), both._nice(LIGHT)) == (HEAVY_NICE, 0)
    assert Executor(Config(), size=1, light=0)._nice(HEAVY) == 0


def test_a_freed_worker_goes_to_health_first_then_the_lightest_client_oldest_first() -> None:
    ex = Executor(Config(), size=1, light=1)
    old_heavy = _Waiter(HEAVY, "a", False, 1.0, 5.0)
    new_heavy_light_user = _Waiter(HEAVY, "b", False, 2.0, 1.0)
    older_same_user = _Waiter(HEAVY, "c", False, 0.5, 1.0)
    light = _Waiter(LIGHT, "d", False, 0.1, 0.0)
    health = _Waiter(LIGHT, "e", True, 9.0, 99.0)
    ex._waiters = [old_heavy, new_heavy_light_user, older_same_user, light, health]
    assert ex._best_waiter(HEAVY) is older_same_user  # least usage, then oldest
    assert ex._best_waiter(LIGHT) is health  # priority before usage and age
    older_same_user.worker = new_heavy_light_user.worker = old_heavy.worker = object()  # type: ignore[assignment]
    assert ex._best_waiter(HEAVY) is health  # no heavy request left: a light one
    health.worker = object()  # type: ignore[assignment]
    assert ex._best_waiter(HEAVY) is light
    assert ex._best_waiter(LIGHT) is light
    light.worker = object()  # type: ignore[assignment]
    assert ex._best_waiter(HEAVY) is None and ex._best_waiter(LIGHT) is None
    ex._waiters = [_Waiter(HEAVY, "x", False, 0.0, 0.0)]
    assert ex._best_waiter(LIGHT) is None  # a light worker never serves a heavy request
    assert ex.heavy_waiting() == 1
    ex._waiters.append(_Waiter(LIGHT, "y", False, 0.0, 0.0))
    assert ex.heavy_waiting() == 1


def test_idle_workers_light_first_dead_ones_dropped_heavy_never_given_light(make) -> None:
    ex = make(size=1, light=1)
    ctx = ex._ctx
    light_a = _Worker(ctx, ex.settings, LIGHT)
    light_b = _Worker(ctx, ex.settings, LIGHT)
    heavy = _Worker(ctx, ex.settings, HEAVY)
    ex._idle_by_lane = {LIGHT: [light_a, light_b], HEAVY: [heavy]}
    ex._count = {LIGHT: 2, HEAVY: 1}
    assert ex._idle == [heavy, light_a, light_b]
    light_b.process.kill()  # died while idle
    assert ex._take_idle(LIGHT) is light_a  # the dead one is dropped on the way
    assert ex._count == {LIGHT: 1, HEAVY: 1}
    assert ex._take_idle(LIGHT) is heavy  # no light one left: a heavy one serves
    ex._idle_by_lane[LIGHT].append(light_a)
    assert ex._take_idle(HEAVY) is None  # never a light worker for a heavy request
    ex._idle_by_lane[HEAVY].append(heavy)
    heavy.process.kill()
    assert ex._take_idle(HEAVY) is None and ex._count[HEAVY] == 0
    ex.close()
    assert ex._idle == [] and ex._count == {LIGHT: 0, HEAVY: 0}
    assert light_a.process.exitcode == -9 and light_a.conn.closed


# --- running queries ---


def test_an_answer_comes_back_whole_and_its_worker_is_reused(make) -> None:
    events: list[str] = []
    ex = make(size=1, light=1, events=events, warm_processes=-1)  # both lanes kept warm
    out = ex.execute("SELECT ?s { ?s ?p ?o }", accept=JSON)
    assert (out.status, out.media_type, out.reason) == (200, JSON, "ok")
    assert out.headers == {"Vary": "Accept"} and out.chunks is None
    assert [b["s"]["value"] for b in json.loads(out.body)["results"]["bindings"]] == ["http://e/s"]
    until(lambda: idle(ex, LIGHT) == 1 and idle(ex, HEAVY) == 1, "both lanes warm", spawned=True)
    first = {w.process.pid for w in ex._idle}
    for _ in range(3):
        again = ex.execute("ASK { ?s ?p ?o }", accept=JSON, client="c")
        assert json.loads(again.body)["boolean"] is True
    assert {w.process.pid for w in ex._idle} == first  # released, never replaced
    assert ex._count == {LIGHT: 1, HEAVY: 1} and events == []
    light = next(p for p in processes(ex) if p in [w.process for w in ex._idle_by_lane[LIGHT]])
    heavy = ex._idle_by_lane[HEAVY][0].process
    assert (light.nice, heavy.nice) == (0, HEAVY_NICE)
    # the dataset, format and base reach the worker
    fmt = ex.execute("ASK {}", accept=JSON, fmt="xml")
    assert fmt.media_type == "application/sparql-results+xml"
    based = ex.execute("SELECT ?x { BIND(<y> AS ?x) }", accept=JSON, base_iri="http://b/")
    assert json.loads(based.body)["results"]["bindings"][0]["x"]["value"] == "http://b/y"
    none = ex.execute("SELECT ?s { ?s ?p ?o }", ["http://e/empty"], accept=JSON)
    assert json.loads(none.body)["results"]["bindings"] == []
    named = ex.execute(
        "SELECT ?g { GRAPH ?g { ?s ?p ?o } }", named_graphs=["http://e/n"], accept=JSON
    )
    assert json.loads(named.body)["results"]["bindings"] == []


def test_warm_starts_every_worker_once(make) -> None:
    ex = make(size=2, light=1, warm_processes=-1)  # -1: all of them kept warm
    ex.warm()
    until(lambda: idle(ex, LIGHT) == 1 and idle(ex, HEAVY) == 2, "the pool warm", spawned=True)
    ex.warm()
    assert len(processes(ex)) == 3 and ex._count == {LIGHT: 1, HEAVY: 2}
    for _ in range(3):
        assert ex.execute("ASK {}", accept=JSON).status == 200
    assert len(processes(ex)) == 3  # the warm workers answered: none had to be replaced


def test_a_large_answer_streams_and_frees_its_worker_at_the_end(make, monkeypatch) -> None:
    monkeypatch.setattr(ex_mod, "CHUNK", 256)
    ex = make(size=1, light=0, max_rows=150)
    out = ex.execute(ROWS, accept=JSON)
    assert out.status == 200 and out.body == b"" and out.chunks is not None
    assert out.headers["X-Newsgraph-Truncated"] == "max-rows=150"
    assert idle(ex, HEAVY) == 0  # busy while the answer is read
    pieces = list(out.chunks)
    assert len(pieces) >= 2  # a head, then frames
    assert len(json.loads(b"".join(pieces))["results"]["bindings"]) == 150
    assert idle(ex, HEAVY) == 1 and processes(ex)[0].is_alive()


def test_an_abandoned_stream_kills_its_worker_and_a_new_one_starts(make, monkeypatch) -> None:
    monkeypatch.setattr(ex_mod, "CHUNK", 256)
    ex = make(size=1, light=0)
    out = ex.execute(ROWS, accept=JSON)
    stream = out.chunks
    assert stream is not None
    next(stream)
    out.close()  # closes the stream (still referenced here, so only close() can end it)
    assert out.chunks is None
    first = processes(ex)[0]
    assert first.exitcode == -9
    until(lambda: idle(ex, HEAVY) == 1, "a replacement", spawned=True)
    assert ex._count[HEAVY] == 1 and ex._idle[0].process is not first
    assert json.loads(ex.execute("ASK {}", accept=JSON).body)["boolean"] is True


def test_a_query_past_the_deadline_is_stopped_and_named(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=0, events=events, query_timeout=7.0)
    out = ex.execute("ASK {}", accept=gate.accept(), timeout=0.2)
    assert (out.status, out.reason) == (503, "timeout")
    assert out.body == (b"query stopped: it ran past the 7 s limit (NEWSGRAPH_QUERY_TIMEOUT)\n")
    assert events == ["timeout"] and processes(ex)[0].exitcode == -9
    until(lambda: idle(ex, HEAVY) == 1, "a replacement", spawned=True)
    assert ex._count[HEAVY] == 1
    assert ex.execute("ASK {}", accept=JSON).status == 200


def test_a_worker_that_dies_mid_query_is_reported_and_replaced(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=0, events=events, query_memory_mb=0)
    for code, how in ((-9, "signal 9"), (3, "exit 3")):
        entered = gate.entered
        t, box = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
        until(lambda e=entered: gate.entered > e, "the query running", t)
        idle_now = [w.process for w in ex._idle]
        busy = next(p for p in processes(ex) if p.is_alive() and p not in idle_now)
        busy.die(code)
        finish(t)
        out = box[0]
        assert (out.status, out.reason) == (503, "crashed")
        assert out.body.decode() == (
            f"the query process died ({how}) while running this request and has been"
            " replaced; most likely it needed more than the 0 MiB a query may use"
            " (NEWSGRAPH_QUERY_MEMORY)\n"
        )
        until(lambda: idle(ex, HEAVY) == 1, "a replacement", spawned=True)
    assert events == ["crashed", "crashed"]
    assert ex.execute("ASK {}", accept=JSON).status == 200


def test_a_full_pool_answers_busy_at_the_deadline(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=0, events=events)
    t, box = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
    until(lambda: gate.entered == 1, "the only worker busy", t)
    out = ex.execute("ASK {}", accept=JSON, timeout=0.3)
    assert (out.status, out.reason, events) == (503, "busy", ["busy"])
    assert out.body == (
        b"all 1 query processes stayed busy for the whole query timeout (0.3 s,"
        b" NEWSGRAPH_QUERY_TIMEOUT); try again later\n"
    )
    assert out.headers == {"Retry-After": "1"}
    assert ex._waiters == []
    gate.opened.set()
    finish(t)
    assert box[0].status == 200
    late = ex.execute("ASK {}", accept=JSON, timeout=2.5)
    assert late.status == 200


def test_past_the_heavy_queue_bound_a_request_is_refused_at_once(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=0, events=events, threads=1)
    assert ex.max_heavy_waiting == 4
    running, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
    until(lambda: gate.entered == 1, "the only worker busy", running)
    queued = [in_thread(lambda: ex.execute("ASK {}", accept=JSON)) for _ in range(4)]
    until(
        lambda: ex.heavy_waiting() == 4, "four requests waiting", running, *(t for t, _ in queued)
    )
    out = ex.execute("ASK {}", accept=JSON)
    assert (out.status, out.reason, events) == (503, "busy", ["busy"])
    assert out.body == (
        b"4 expensive requests are already waiting for a query process; try again later\n"
    )
    assert out.headers == {"Retry-After": "5"}
    gate.opened.set()
    for t, box in queued:
        finish(t)
        assert box[0].status == 200
    finish(running)
    assert ex.heavy_waiting() == 0 and ex._waiters == []


def test_a_cheap_query_over_its_budget_moves_to_the_heavy_lane(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=1, events=events, light_budget=0.2)
    known = "SELECT ?o { ?s ?p ?o }"
    ex.costs.mark_heavy(shape(known), 5.0)
    first, _ = in_thread(lambda: ex.execute(known, accept=gate.accept(), client="k"))
    until(lambda: gate.entered == 1, "the heavy worker busy", first)
    query = "SELECT * { ?s ?p ?o }"
    assert ex.costs.lane(shape(query), "c") == LIGHT
    t, box = in_thread(lambda: ex.execute(query, accept=gate.accept(), client="c"))
    until(lambda: "demoted" in events, "the light run stopped at its budget", first, t)
    light = [w.process for w in ex._idle_by_lane[LIGHT]] + [
        p for p in processes(ex) if p.exitcode == -9
    ]
    assert any(p.exitcode == -9 for p in light)  # the light worker was stopped
    until(lambda: ex.heavy_waiting() == 1, "the run waiting again, for the heavy lane", first, t)
    assert ex.costs.usage("c") > 0.15  # the budget it used is counted against its client
    gate.opened.set()
    finish(t, first)
    out = box[0]
    assert out.status == 200 and events == ["demoted"]
    assert ex.costs.lane(shape(query), "c") == HEAVY  # the shape is known expensive now
    until(lambda: idle(ex, LIGHT) == 1, "a new light worker", spawned=True)
    assert ex._count == {LIGHT: 1, HEAVY: 1}
    assert not +ex.costs._inflight  # every start was finished, under its own shape


def test_health_checks_and_heavy_workers_have_no_budget(make, gate: Gate) -> None:
    events: list[str] = []
    ex = make(size=1, light=1, events=events, light_budget=0.05)
    started = time.monotonic()
    t, box = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept(), priority=True))
    until(lambda: gate.entered == 1, "the priority query running", t)
    until(lambda: time.monotonic() > started + 0.5, "well past the light budget", t)
    gate.opened.set()
    finish(t)
    assert box[0].status == 200 and events == []
    # With no light lane every query is heavy, and runs without a budget.
    only_heavy = make(size=1, light=0, events=events, light_budget=0.05)
    t, box = in_thread(lambda: only_heavy.execute("ASK {}", accept=gate.accept()))
    finish(t)  # the gate is open: answered
    assert box[0].status == 200 and events == []


def test_each_run_is_recorded_for_the_lanes(make, monkeypatch) -> None:
    readings: list[float] = []

    class Time:  # kg.executor's view of the time module, whose clock readings are kept
        def monotonic(self) -> float:
            readings.append(time.monotonic())
            return readings[-1]

        def __getattr__(self, name: str) -> object:
            return getattr(time, name)

    monkeypatch.setattr(ex_mod, "time", Time())
    ex = make(size=1, light=1)
    query = "SELECT ?s { ?s ?p ?o }"
    ex.execute(query, accept=JSON, client="me")
    # What was recorded is the span between two of the executor's own clock readings
    # (the run's start and end), for the shape and for the client alike.
    spent = ex.costs._shapes[shape(query)]
    assert spent > 0
    assert any(b - a == spent for a, b in itertools.combinations(readings, 2)), spent
    used, stamp = ex.costs._clients["me"]
    assert used == spent and ex.costs.usage("me", now=stamp) == spent
    assert ex.costs.usage("other") == 0
    assert ex.costs.usage("?") == 0
    ex.execute(query, accept=JSON)  # a request that names no client counts as "?"
    assert ex.costs.usage("?") > 0
    assert not +ex.costs._inflight


def test_a_failure_while_handing_over_a_job_is_still_recorded(make) -> None:
    ex = make(size=1, light=0)
    with pytest.raises(Exception, match="pickle"):
        ex.execute("ASK {}", accept=lambda: None, client="me")  # type: ignore[arg-type]
    assert not +ex.costs._inflight and shape("ASK {}") in ex.costs._shapes
    assert ex.costs.usage("me") > 0


def test_the_pool_never_grows_past_its_size(make, gate: Gate) -> None:
    ex = make(size=2, light=0)
    runs = [in_thread(lambda: ex.execute("ASK {}", accept=gate.accept())) for _ in range(3)]
    until(
        lambda: gate.entered == 2 and ex.heavy_waiting() == 1,
        "two running, one waiting",
        *(t for t, _ in runs),
    )
    assert len(processes(ex)) == 2 and ex._count[HEAVY] == 2
    gate.opened.set()
    for t, box in runs:
        finish(t)
        assert box[0].status == 200
    assert len(processes(ex)) == 2


def test_workers_started_one_request_at_a_time_stop_at_the_pools_size(make, gate) -> None:
    """With no warm-up spawner racing them, each request starts the worker it needs: the
    count goes up by one each time, and the third request waits instead of starting a
    third worker."""
    ex = make(size=2, light=0)
    ex._warm = True  # as if warmed with nothing started: every worker comes from a request
    held = []
    for n in (1, 2):
        t, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
        held.append(t)
        until(lambda n=n: gate.entered == n, f"request {n} running", *held)
        assert ex._count[HEAVY] == n and len(processes(ex)) == n
    third, box = in_thread(lambda: ex.execute("ASK {}", accept=JSON))
    until(lambda: ex.heavy_waiting() == 1, "the third request waiting", third, *held)
    assert len(processes(ex)) == 2
    gate.opened.set()
    finish(third, *held)
    assert box[0].status == 200 and len(processes(ex)) == 2
    # The spawner stops at the lane's size however many it is asked for (the warm-up
    # and a replacement may ask for more than are missing).
    spare = make(size=2, light=0)
    spare._spawn_in_background(HEAVY, 3)
    until(lambda: idle(spare, HEAVY) == 2, "two workers started", spawned=True)
    until(lambda: not spawning(), "the spawner done")
    assert spare._count[HEAVY] == 2 and len(processes(spare)) == 2


def test_the_warm_workers_are_the_light_lanes_first() -> None:
    sizes = {HEAVY: 4, LIGHT: 2}
    assert _kept(sizes, 1) == {LIGHT: 1, HEAVY: 0}
    assert _kept(sizes, 3) == {LIGHT: 2, HEAVY: 1}
    assert _kept(sizes, 0) == {LIGHT: 0, HEAVY: 0}
    assert _kept(sizes, 99) == sizes and _kept(sizes, -1) == sizes
    assert _kept({HEAVY: 2, LIGHT: 0}, 1) == {LIGHT: 0, HEAVY: 1}  # one lane: heavy
    ex = Executor(Config(warm_processes=2, process_idle=-3), size=3, light=1)
    assert ex.keep == {LIGHT: 1, HEAVY: 1} and ex.process_idle == 0.0
    assert Executor(Config()).keep == {LIGHT: 1, HEAVY: 0}  # the default: one process


def test_the_pool_starts_small_grows_for_a_burst_and_retires_the_idle_ones(make, gate) -> None:
    """One warm worker; three held requests start two more (up to the lane's size);
    once unused for `process_idle` seconds the two that were idle longest end, the one
    kept warm stays and answers without a start."""
    events: list[str] = []
    ex = make(size=3, light=0, events=events, warm_processes=1, process_idle=0.05)
    ex.warm()
    until(lambda: idle(ex, HEAVY) == 1, "the warm worker", spawned=True)
    until(lambda: not spawning(), "the spawner done")
    assert len(processes(ex)) == 1 and ex._count == {LIGHT: 0, HEAVY: 1}
    assert ex._reaper is None  # nothing beyond the warm one: nothing to watch
    runs = [in_thread(lambda: ex.execute("ASK {}", accept=gate.accept())) for _ in range(3)]
    until(lambda: gate.entered == 3, "three running", *(t for t, _ in runs))
    assert len(processes(ex)) == 3 and ex._count[HEAVY] == 3
    gate.opened.set()
    for t, box in runs:
        finish(t)
        assert box[0].status == 200
    until(lambda: ex._count[HEAVY] == 1 and idle(ex, HEAVY) == 1, "two retired")
    until(lambda: ex._reaper is None, "the reaper done")  # back to the warm ones: it ends
    assert events == ["retired", "retired"]
    kept = ex._idle_by_lane[HEAVY][0].process
    assert kept.is_alive() and [p.exitcode for p in processes(ex) if p is not kept] == [-9, -9]
    assert ex.execute("ASK {}", accept=JSON).status == 200
    assert len(processes(ex)) == 3  # answered by the kept worker: none started


def test_the_longest_idle_go_first_and_never_below_the_warm_ones(make) -> None:
    ex = make(size=3, light=1, warm_processes=2, process_idle=10.0)
    workers = {}
    for lane, n in ((LIGHT, 1), (HEAVY, 3)):
        for k in range(n):
            w = types.SimpleNamespace(lane=lane, idle_since=100.0 + k)
            ex._idle_by_lane[lane].append(w)  # type: ignore[arg-type]
            workers[lane, k] = w
    ex._count = {LIGHT: 1, HEAVY: 3}
    with ex._cond:
        assert ex._retire_idle(105.0) == ([], 5.0)  # the oldest is due in 5 s
        retired, due = ex._retire_idle(111.5)
    # the light one is kept warm, so is one heavy (2 in all); the two oldest heavy go
    assert retired == [workers[HEAVY, 0], workers[HEAVY, 1]] and due is None
    assert ex._count == {LIGHT: 1, HEAVY: 1} and ex._idle_by_lane[HEAVY] == [workers[HEAVY, 2]]
    ex._idle_by_lane = {LIGHT: [], HEAVY: []}
    ex._count = {LIGHT: 1, HEAVY: 3}  # two beyond the warm ones, both busy: look again later
    with ex._cond:
        assert ex._retire_idle(111.5) == ([], 10.0)
    ex._count = {LIGHT: 0, HEAVY: 0}


def test_a_cheap_query_with_its_lane_full_may_start_a_heavy_worker_never_the_reverse(
    make, gate
) -> None:
    """As a cheap query may take an idle heavy worker, it may start one: the pool started
    whole gave cheap queries all its workers, and growing their lane alone cost a quarter
    of their throughput at 8 clients (benchmarks.lean_path)."""
    ex = make(size=1, light=1, warm_processes=1)
    assert ex._lane_to_grow(LIGHT) == LIGHT
    ex._count = {LIGHT: 1, HEAVY: 0}
    assert ex._lane_to_grow(LIGHT) == HEAVY and ex._lane_to_grow(HEAVY) == HEAVY
    ex._count = {LIGHT: 0, HEAVY: 1}
    assert ex._lane_to_grow(HEAVY) is None  # a heavy query never takes the light lane
    ex._count = {LIGHT: 1, HEAVY: 1}
    assert ex._lane_to_grow(LIGHT) is None
    ex._count = {LIGHT: 0, HEAVY: 0}
    one_lane = make(size=2, light=0)
    assert one_lane._lane_to_grow(LIGHT) == HEAVY
    # through the pool: health checks (light lane) with the light worker held
    t, box = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept(), priority=True))
    until(lambda: gate.entered == 1, "the light worker held", t)
    assert ex.execute("ASK {}", accept=JSON, priority=True).status == 200
    assert ex._count == {LIGHT: 1, HEAVY: 1} and idle(ex, HEAVY) == 1
    gate.opened.set()
    finish(t)
    assert box[0].status == 200


def test_with_process_idle_0_nothing_is_retired(make, gate) -> None:
    ex = make(size=2, light=0, warm_processes=0, process_idle=0)
    runs = [in_thread(lambda: ex.execute("ASK {}", accept=gate.accept())) for _ in range(2)]
    until(lambda: gate.entered == 2, "two running", *(t for t, _ in runs))
    gate.opened.set()
    finish(*(t for t, _ in runs))
    assert idle(ex, HEAVY) == 2 and ex._reaper is None


def test_a_killed_worker_is_replaced_at_once_only_up_to_the_warm_ones(make, gate) -> None:
    """Past the warm ones a killed worker's lane grows again when a request needs it."""
    events: list[str] = []
    ex = make(size=2, light=0, events=events, warm_processes=0)
    out = ex.execute("ASK {}", accept=gate.accept(), timeout=0.2)
    assert (out.status, out.reason) == (503, "timeout")
    until(lambda: not spawning(), "no spawner")
    assert ex._count[HEAVY] == 0 and len(processes(ex)) == 1
    assert ex.execute("ASK {}", accept=JSON).status == 200  # started for this request
    assert len(processes(ex)) == 2 and events == ["timeout"]


def test_a_worker_started_for_a_request_gets_its_lanes_priority(make) -> None:
    ex = make(size=1, light=1)
    assert ex.validate(JOB).status == 200  # the first request: its worker starts at once
    heavy = ex._idle_by_lane[HEAVY]
    assert heavy and heavy[0].process.nice == HEAVY_NICE


def test_the_lightest_client_is_served_first(make, gate: Gate) -> None:
    ex = make(size=1, light=0)
    ex.costs.started("other")
    ex.costs.finished("other", "greedy", 11.0)
    running, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept(), client="z"))
    until(lambda: gate.entered == 1, "the only worker busy", running)
    order: list[str] = []
    older, _ = in_thread(
        lambda: order.append(ex.execute("ASK {}", accept=JSON, client="greedy").reason)
    )
    until(lambda: ex.heavy_waiting() == 1, "the heavy user waiting", running, older)
    younger, _ = in_thread(
        lambda: order.append("modest" if ex.execute("ASK {}", accept=JSON, client="m") else "")
    )
    until(lambda: ex.heavy_waiting() == 2, "both waiting", running, older, younger)
    gate.opened.set()
    finish(running, older, younger)
    assert order == ["modest", "ok"]  # the younger request of the lighter client first


# --- validation jobs (the heavy lane) ---

TURTLE = b"""@prefix schema: <http://schema.org/> .
<http://e/a> a schema:Person ; schema:name 1, 2, 3 .
"""
SHAPES = b"""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <http://schema.org/> .
<http://e/PersonShape> a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:property [ sh:path schema:name ; sh:maxCount 1 ] .
"""
JOB = ValidateJob(
    data=Part(TURTLE, "text/turtle"),
    shapes=Part(SHAPES, "text/turtle", what="shapes"),
    media_type="text/plain",
)


def test_a_validation_is_collected_and_spooled_when_large(make, monkeypatch) -> None:
    ex = make(size=1, light=1)
    job = JOB
    small = ex.validate(job)
    assert small.status == 200 and small.spool is None and small.chunks is None
    text = small.body
    assert text and small.length == len(text)
    assert ex.costs.usage("?") > 0 and "validate" in ex.costs._shapes  # one shape for all
    ex.validate(job, client="me")
    assert ex.costs.usage("me") > 0
    monkeypatch.setattr(ex_mod, "CHUNK", 64)
    monkeypatch.setattr(ex_mod, "SPOOL_BYTES", 150)  # two frames kept, then the file
    big = ex.validate(job)
    assert big.spool is not None and big.body == b""
    assert (big.status, big.media_type, big.headers, big.reason) == (
        small.status, small.media_type, small.headers, small.reason
    )  # fmt: skip
    assert big.size == len(text) == big.length
    assert big.spool.read() == text
    big.close()
    assert big.spool.closed
    monkeypatch.setattr(ex_mod, "SPOOL_BYTES", len(text))
    whole = ex.validate(job)
    assert whole.spool is None and whole.body == text  # at the limit: kept in memory
    # a refusal too long for one frame is collected with its own status and reason
    monkeypatch.setattr(ex_mod, "CHUNK", 8)
    empty = ValidateJob(data=Part(b"  ", "text/turtle"), shapes=None, media_type="text/plain")
    refused = ex.validate(empty)
    assert (refused.status, refused.reason) == (400, "bad-rdf")
    assert refused.body == b"Unusable RDF: the upload is empty\n"
    assert idle(ex, HEAVY) == 1


def test_a_health_check_waiting_behind_a_query_is_served_first(make, gate: Gate) -> None:
    ex = make(size=1, light=0)
    busy, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
    until(lambda: gate.entered == 1, "the only worker busy", busy)
    # unique Accepts: negotiation is remembered per Accept, and the gate records each
    query = JSON + ", text/x-query"
    health = JSON + ", text/x-health"
    a, first = in_thread(lambda: ex.execute("ASK {}", accept=query, timeout=HANG))
    until(lambda: len(ex._waiters) == 1, "the query waiting", busy, a)
    b, second = in_thread(lambda: ex.execute("ASK {}", accept=health, timeout=HANG, priority=True))
    until(lambda: len(ex._waiters) == 2, "the health check waiting too", busy, a, b)
    gate.opened.set()
    finish(busy, a, b)
    assert first[0].status == second[0].status == 200
    assert gate.seen[-2:] == [health, query]  # the later health check ran first


def test_a_validation_of_the_served_graph_reads_the_workers_store(make) -> None:
    """The build under `data` holds one triple, about nothing our shapes target: the
    worker read it (no build would be a 503 "no graph built yet")."""
    ex = make(size=1, light=0)
    out = ex.validate(ValidateJob(data=None, shapes=None, media_type="text/plain"))
    assert (out.status, out.reason) == (400, "nothing")
    assert out.body.startswith(b"Nothing to validate: no node of the data is a target")


def _heavy_busy_light_idle(ex, gate, query: str):
    """The query's shape marked heavy and run on the heavy worker, held there by the gate,
    with the light worker idle: the thread and result box of that run."""
    ex.costs.mark_heavy(shape(query), 5.0)
    t, box = in_thread(lambda: ex.execute(query, accept=gate.accept()))
    until(lambda: gate.entered == 1 and idle(ex, LIGHT) == 1, "heavy busy, light idle", t)
    return t, box


def test_a_validation_waits_for_a_heavy_worker_even_with_a_light_one_idle(make, gate) -> None:
    ex = make(size=1, light=1)
    t, box = _heavy_busy_light_idle(ex, gate, "SELECT ?s { ?s ?p ?o }")
    out = ex.validate(JOB, timeout=0.3)
    assert (out.status, out.reason) == (503, "busy") and b"(0.3 s," in out.body
    gate.opened.set()
    finish(t)
    assert box[0].status == 200
    assert ex.validate(JOB).status == 200


# --- after a fork, the big stack ---


def test_a_forked_child_starts_with_an_empty_pool(make) -> None:
    ex = make(size=1, light=0)
    ex.execute("ASK {}", accept=JSON)
    ex._waiters.append(_Waiter(HEAVY, "x", False, 0.0, 0.0))
    _after_fork_in_child()
    assert ex._idle == [] and ex._waiters == [] and ex._count == {LIGHT: 0, HEAVY: 0}
    assert ex._warm is False


def test_the_query_thread_gets_the_big_stack_and_the_default_is_restored() -> None:
    before = threading.stack_size()
    seen: list[str] = []
    t = _start_big_stack_thread(lambda: seen.append(threading.current_thread().name))
    finish(t)
    assert seen == ["query"] and t.daemon
    assert threading.stack_size() == before

    def deep(n: int) -> int:
        return 0 if n == 0 else 1 + deep(n - 1)

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200_000)
    try:
        got: list[int] = []
        t = _start_big_stack_thread(lambda: got.append(deep(120_000)))
        finish(t)
        assert got == [120_000]  # far past what the default stack holds
    finally:
        sys.setrecursionlimit(limit)


# --- the in-process executor (a store no other process can open) ---


@pytest.fixture
def store(data: Path):
    return _CurrentStore(str(data)).get()


def test_in_process_executor_settings_and_answers(store, gate: Gate) -> None:
    events: list[str] = []
    config = Config(threads=1, max_rows=3, query_timeout=HANG)
    ex = InProcessExecutor(
        config, lambda: store, prefixes={"p": "http://p/"}, choose=gate, on_event=events.append
    )
    assert ex.slots == 2 and ex.timeout == HANG
    assert InProcessExecutor(Config(threads=5), lambda: store).slots == 5
    s = ex.settings
    assert (s.config, s.data_dir, s.max_rows, s.prefixes) == (
        config, str(config.data_dir), 3, {"p": "http://p/"}
    )  # fmt: skip
    assert s.choose is gate
    out = ex.execute("SELECT ?s { ?s ?p ?o }", accept=JSON, client="x", priority=True)
    assert out.status == 200 and len(json.loads(out.body)["results"]["bindings"]) == 1
    graph = ex.execute("SELECT ?s { ?s ?p ?o }", ["http://e/none"], accept=JSON)
    assert json.loads(graph.body)["results"]["bindings"] == []
    based = ex.execute("SELECT ?x { BIND(<y> AS ?x) }", accept=JSON, base_iri="http://b/")
    assert json.loads(based.body)["results"]["bindings"][0]["x"]["value"] == "http://b/y"
    xml = ex.execute("ASK {}", accept=JSON, fmt="xml")
    assert xml.media_type == "application/sparql-results+xml"
    named = ex.execute("SELECT ?g { GRAPH ?g {} }", named_graphs=["http://e/n"], accept=JSON)
    assert named.status == 200
    job = JOB
    report = ex.validate(job, client="x")
    assert report.status == 200 and report.body
    assert events == []


def test_in_process_executor_at_its_deadline_and_when_full(store, gate: Gate) -> None:
    events: list[str] = []
    ex = InProcessExecutor(
        Config(threads=1, query_timeout=HANG), lambda: store, choose=gate, on_event=events.append
    )
    out = ex.execute("ASK {}", accept=gate.accept(), timeout=0.2)
    assert (out.status, out.reason, events) == (503, "timeout", ["timeout"])
    assert out.body == (
        b"query abandoned: it ran past the 0.2 s limit (NEWSGRAPH_QUERY_TIMEOUT); in this"
        b" mode (in-process store) it still runs to its end on the server\n"
    )
    held, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept()))
    until(lambda: gate.entered == 2, "both query threads busy", held)
    full = ex.execute("ASK {}", accept=JSON, timeout=0.3)
    assert (full.status, full.reason) == (503, "busy")
    assert events[:2] == ["timeout", "busy"]
    assert full.body == (
        b"all 2 query threads stayed busy for the whole query timeout (0.3 s,"
        b" NEWSGRAPH_QUERY_TIMEOUT); try again later\n"
    )
    assert full.headers == {"Retry-After": "1"}
    report = ex.validate(JOB, timeout=0.3)  # its own timeout, not the configured one
    assert (report.status, report.reason) == (503, "busy") and b"(0.3 s," in report.body
    gate.opened.set()
    until(lambda: ex._slots._value == 2, "both slots given back")
    assert ex.execute("ASK {}", accept=JSON).status == 200
    ex.close()


def test_the_memory_cap_is_what_the_worker_holds_plus_the_allowance() -> None:
    own = Path("/proc/self/status").read_text()
    kib = int(own.split("VmData:")[1].split()[0])
    assert _memory_limit(own, 5) == kib * 1024 + 5
    assert _memory_limit("Name:\tx\nVmData:\t   12 kB\nVmStk:\t 3 kB\n", 2**20) == 12 * 1024 + 2**20
    assert _memory_limit("Name:\tx\nVmStk:\t 3 kB\n", 1) is None  # not reported: no cap
    assert _memory_limit("VmData:\tlots kB\n", 1) is None
    assert _memory_limit("VmData:", 1) is None


def test_a_worker_that_cannot_start_gives_its_slot_back(make) -> None:
    ex = make(size=1, light=0)
    real = ex._ctx.Process

    def refuse(*_args, **_kwargs):
        raise OSError("no more processes")

    ex._ctx.Process = refuse
    with pytest.raises(OSError, match="no more processes"):
        ex.execute("ASK {}", accept=JSON)
    assert ex._count == {LIGHT: 0, HEAVY: 0} and ex._waiters == []
    ex._ctx.Process = real
    assert ex.execute("ASK {}", accept=JSON).status == 200
    light = make(size=1, light=1)
    light._ctx.Process = refuse
    light.warm()  # the background spawns fail and give their slots back
    until(lambda: light._count == {LIGHT: 0, HEAVY: 0}, "both slots given back", spawned=True)


def test_the_crash_message_names_exit_codes_and_the_memory_cap() -> None:
    ex = Executor(Config(query_memory_mb=3), size=1, light=0)
    events: list[str] = []
    ex.on_event = events.append

    def dead(code: int | None) -> _Worker:
        w = _Worker.__new__(_Worker)
        w.process = types.SimpleNamespace(exitcode=code)  # type: ignore[assignment]
        return w

    assert b"(exit 0)" in ex._crashed(dead(0)).body
    assert b"(signal 15)" in ex._crashed(dead(-15)).body
    assert b"(exit None)" in ex._crashed(dead(None)).body
    assert b"more than the 3 MiB a query may use" in ex._crashed(dead(0)).body
    assert events == ["crashed"] * 4


class PipeWorker:
    """The parent's view of a worker whose side of the pipe the test writes itself."""

    def __init__(self) -> None:
        self.conn, self.far = multiprocessing.Pipe()
        self.lane = HEAVY
        self.killed = False
        self.process = types.SimpleNamespace(is_alive=lambda: not self.killed)

    def kill(self) -> None:
        self.killed = True
        self.conn.close()


def scripted(ex: Executor) -> PipeWorker:
    w = PipeWorker()
    ex._count[HEAVY] += 1
    ex.sizes[HEAVY] = 1
    ex._ctx = ThreadContext()
    return w


def test_a_stream_ends_whole_on_end_and_is_cut_on_abort(make) -> None:
    ex = make(size=1, light=0)
    w = scripted(ex)
    w.far.send_bytes(ex_mod.DATA + b"ab")
    w.far.send_bytes(ex_mod.DATA + b"cd")
    w.far.send_bytes(ex_mod.END)
    assert b"".join(ex._stream(w, time.monotonic() + HANG)) == b"abcd"  # type: ignore[arg-type]
    assert not w.killed and ex._idle_by_lane[HEAVY] == [w]  # released
    ex._idle_by_lane[HEAVY].clear()
    w.far.send_bytes(ex_mod.DATA + b"ab")
    w.far.send_bytes(ex_mod.ABORT + "serializer failed \u00e9 ".encode() + b"\xff")
    got = []
    with pytest.raises(ex_mod.StreamAborted) as raised:
        got.extend(ex._stream(w, time.monotonic() + HANG))  # type: ignore[arg-type]
    assert str(raised.value) == "serializer failed \u00e9 \ufffd"
    assert w.killed  # an unfinished answer: its worker is not reused


def test_a_stream_past_the_deadline_or_from_a_dead_worker_is_cut(make) -> None:
    events: list[str] = []
    ex = make(size=1, light=0, events=events)
    w = scripted(ex)
    w.far.send_bytes(ex_mod.DATA + b"ab")
    stream = ex._stream(w, time.monotonic() + 0.2)  # type: ignore[arg-type]
    assert next(stream) == b"ab"
    with pytest.raises(ex_mod.StreamAborted) as late:
        bounded(lambda: next(stream))  # nothing more arrives
    assert str(late.value) == "the query ran past NEWSGRAPH_QUERY_TIMEOUT while streaming"
    assert w.killed and events == ["timeout"]
    dead = scripted(ex)
    dead.far.close()
    with pytest.raises(ex_mod.StreamAborted) as died:
        list(ex._stream(dead, time.monotonic() + HANG))  # type: ignore[arg-type]
    assert str(died.value) == "the query process died while streaming"
    assert dead.killed and events == ["timeout", "crashed"]


def test_a_syntax_error_says_where_in_a_header() -> None:
    from kg.executor import run_job
    from kg.sparql_errors import explain
    from tests.test_executor import small_store
    from tests.test_executor_unit import settings

    query = "SELECT ?x WHERE {\n  ?x ?y }}"
    out = run_job(small_store(), Job(query), settings())
    assert (out.status, out.reason) == (400, "syntax")
    position = out.headers["X-Newsgraph-Error-Position"]
    assert position and out.headers == {"X-Newsgraph-Error-Position": position}
    try:
        small_store().query(query)
    except SyntaxError as exc:
        assert position == explain(query, str(exc)).position_header


# --- the worker's side of a streamed answer ---


def frames(conn: Connection) -> list:
    got: list = []
    while conn.poll(0):
        try:
            got.append(conn.recv_bytes())
        except EOFError:
            break
    return got


def test_the_sink_holds_back_one_chunk_then_streams_then_ends(monkeypatch) -> None:
    monkeypatch.setattr(ex_mod, "CHUNK", 8)
    parent, child = multiprocessing.Pipe()
    sink = _Sink(child)
    sink.begin(200, JSON, {"Vary": "Accept"}, "ok")
    sink.write(b"1234567")  # a frame of exactly CHUNK bytes (the tag included): held back
    assert not parent.poll(0) and not sink.started
    sink.write(b"8")
    assert sink.started
    assert parent.recv() == (200, JSON, {"Vary": "Accept"}, "ok", None)
    assert parent.recv_bytes() == ex_mod.DATA + b"12345678"
    sink.write(b"ab")
    out = sink.outcome()
    assert parent.recv_bytes() == ex_mod.DATA + b"ab"
    assert parent.recv_bytes() == ex_mod.END
    assert (out.status, out.media_type, out.body, out.headers, out.reason) == (
        200, JSON, b"", {"Vary": "Accept"}, "ok"
    )  # fmt: skip
    assert sink.finished
    small = _Sink(child)
    small.begin(200, JSON, {}, "ok")
    small.write(b"12")
    small.outcome()
    assert parent.recv() == (200, JSON, {}, "ok", b"12")  # one message, body included
    sink_started_then_empty = _Sink(child)
    sink_started_then_empty.begin(200, JSON, {}, "ok")
    sink_started_then_empty.write(b"123456789")
    sink_started_then_empty.outcome()
    parent.recv()
    assert parent.recv_bytes() == ex_mod.DATA + b"123456789"
    assert parent.recv_bytes() == ex_mod.END  # no empty DATA frame before END
    one_more = _Sink(child)
    one_more.begin(200, JSON, {}, "ok")
    one_more.write(b"123456789")
    one_more.write(b"x")
    one_more.outcome()
    parent.recv()
    assert parent.recv_bytes() == ex_mod.DATA + b"123456789"
    assert parent.recv_bytes() == ex_mod.DATA + b"x"  # a last frame of one byte is sent
    assert parent.recv_bytes() == ex_mod.END


def test_the_sink_sends_an_outcome_whole_up_to_one_chunk(monkeypatch) -> None:
    monkeypatch.setattr(ex_mod, "CHUNK", 8)
    parent, child = multiprocessing.Pipe()
    _Sink(child).send(ex_mod.Outcome(400, "text/plain", b"12345678", {"A": "1"}, "why"))
    assert parent.recv() == (400, "text/plain", {"A": "1"}, "why", b"12345678")
    _Sink(child).send(ex_mod.Outcome(200, "text/plain", b"123456789abcdefghi", {}, "ok"))
    assert parent.recv() == (200, "text/plain", {}, "ok", None)
    body = b""
    while (frame := parent.recv_bytes()) != ex_mod.END:
        assert frame[:1] == ex_mod.DATA
        body += frame[1:]
    assert body == b"123456789abcdefghi"


def test_an_abort_after_the_head_is_one_frame_with_the_reason() -> None:
    parent, child = multiprocessing.Pipe()
    sink = _Sink(child)
    out = sink.abort("bad \udcff" + "x" * 3000)  # a lone surrogate (from a client's bytes)
    frame = parent.recv_bytes()
    assert frame == ex_mod.ABORT + (b"bad ?" + b"x" * 3000)[:2000]
    assert sink.finished
    assert (out.status, out.reason) == (500, "aborted")
    assert out.body == b"bad ?" + b"x" * 3000 + b"\n"


def test_a_failure_after_the_head_was_sent_aborts_the_stream() -> None:
    from tests.test_executor_unit import settings

    parent, child = multiprocessing.Pipe()

    def started() -> _Sink:
        sink = _Sink(child)
        sink.started = True  # the head and a frame have gone
        return sink

    def no_memory():
        raise MemoryError

    out = dispatch(no_memory, Job("ASK {}"), settings(), started())
    assert (out.status, out.reason) == (500, "aborted")
    assert parent.recv_bytes() == (
        ex_mod.ABORT + b"the request needed more memory than one may use"
    )
    out = dispatch(lambda: 1 / 0, Job("ASK {}"), settings(), started())
    assert parent.recv_bytes() == (
        ex_mod.ABORT + b"query failed: ZeroDivisionError: division by zero"
    )
    # before the head: an ordinary answer
    plain = dispatch(no_memory, Job("ASK {}"), settings(), _Sink(child))
    assert (plain.status, plain.reason) == (503, "memory")
    assert plain.body == (
        b"the request needed more memory than one may use (NEWSGRAPH_QUERY_MEMORY)\n"
    )
    assert not parent.poll(0)


def test_lines_keep_whole_lines_up_to_the_limit() -> None:
    from kg.executor import _Cut, _Lines

    lines = _Lines(3)
    assert lines.write(b"a\n") == 2 and lines.lines == 1
    assert lines.write(memoryview(b"b\n")) == 2 and lines.lines == 2
    with pytest.raises(_Cut):
        lines.write(b"\n\nc\n")  # empty lines count too
    assert lines.parts == [b"a\n", b"b\n", b"\n"] and lines.lines == 3 and lines.cut
    two = _Lines(2)
    with pytest.raises(_Cut):
        two.write(b"x\n\n\ny\n")
    assert two.parts == [b"x\n\n"] and two.lines == 2


def test_waiting_requests_are_served_oldest_first_validations_included(make, gate) -> None:
    """A validation has no priority: it waits its turn behind an older request."""
    ex = make(size=1, light=0)
    running, _ = in_thread(lambda: ex.execute("ASK {}", accept=gate.accept(), client="a"))
    until(lambda: gate.entered == 1, "the only worker busy", running)
    order: list[str] = []
    first, _ = in_thread(
        lambda: order.append("query" if ex.execute("ASK {}", accept=JSON, client="a") else "")
    )
    until(lambda: ex.heavy_waiting() == 1, "the query waiting", running, first)
    second, _ = in_thread(
        lambda: order.append("validation" if ex.validate(JOB, client="a") else "")
    )
    until(lambda: ex.heavy_waiting() == 2, "the validation waiting too", running, first, second)
    gate.opened.set()
    finish(running, first, second)
    assert order == ["query", "validation"]


def test_closing_an_answer_that_is_a_plain_iterator() -> None:
    out = ex_mod.Outcome(200, JSON, b"", chunks=iter([b"x"]))
    out.close()  # nothing to close on a list's iterator: no error
    assert out.chunks is None


def test_the_lane_is_the_shapes_and_the_clients_and_health_checks_go_light(make, gate) -> None:
    """With the heavy worker busy and the light one idle, where each request goes shows."""
    ex = make(size=1, light=1)
    heavy_shape = "SELECT ?s { ?s ?p ?o }"
    t, box = _heavy_busy_light_idle(ex, gate, heavy_shape)
    known_heavy = ex.execute(heavy_shape, accept=JSON, timeout=0.3)
    assert (known_heavy.status, known_heavy.reason) == (503, "busy")  # waited for heavy
    health = ex.execute(heavy_shape, accept=JSON, timeout=HANG, priority=True)
    assert health.status == 200  # a priority request takes the light lane whatever its shape
    ex.costs.started("other")
    ex.costs.finished("other", "greedy", 11.0)  # over CLIENT_HEAVY_SECONDS recently
    greedy = ex.execute("ASK { ?s ?p ?o }", accept=JSON, timeout=0.3, client="greedy")
    assert (greedy.status, greedy.reason) == (503, "busy")  # a heavy user's new shape: heavy
    modest = ex.execute("ASK { ?s ?p ?o }", accept=JSON, timeout=HANG, client="modest")
    assert modest.status == 200  # the same new shape from another client: light
    gate.opened.set()
    finish(t)
    assert box[0].status == 200


def test_errors_through_the_pool_keep_their_reason_whole_or_streamed(make, monkeypatch) -> None:
    ex = make(size=1, light=0)
    syntax = ex.execute("SELEKT", accept=JSON)
    assert (syntax.status, syntax.reason, syntax.chunks) == (400, "syntax", None)
    monkeypatch.setattr(ex_mod, "CHUNK", 64)  # so the 406 message streams
    refused = ex.execute("ASK {}", accept="text/csv")
    assert (refused.status, refused.media_type, refused.reason) == (406, "text/plain", "406")
    assert refused.chunks is not None
    assert b"".join(refused.chunks).startswith(b"this query's answer is a yes or no (ASK)")
