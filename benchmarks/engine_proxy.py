"""Issue 16's "Oxigraph's own server as the engine process behind our policy", measured.

    python -m benchmarks.engine_proxy      # settings from NEWSGRAPH_*, as for `kg serve`

serves the app `kg serve` serves (waitress as kg.server.httpd sets it up, the lean
query path, the Flask views, rate limits, metrics), except that queries do not go to
the query processes: `OxigraphServerExecutor` sends them to one `oxigraph
serve-read-only` process (the `oxigraph` package's server, the `bench` extra) on the
current build's files, over kept-alive loopback HTTP connections (the binary has no
Unix socket). benchmarks/lean_path.py measures it beside `kg serve` and Oxigraph's
server alone. It lives here, not in the server, because it lost (benchmarks/RESULTS.md
section 7, 2026-12-01): less memory, but slower lookups and weaker limits.

How each guarantee was kept, and what it cost:

- SERVICE: the engine only ever receives kg.federation.prepare's output, which holds
  no SERVICE (Oxigraph's server would call any address itself); a bind join's left
  side is evaluated by the same engine over HTTP.
- Row cap: the engine writes SPARQL TSV (solutions) or N-Triples (graphs), one row a
  line; the web process counts lines, cuts at `max_rows` and writes the negotiated
  format with pyoxigraph (Rust). An answer larger than one CHUNK is spooled to a
  temporary file first (not held in memory), so the truncation header is known
  before the first byte, as on the query processes' path.
- Timeout: the deadline is ours: past it the engine process is killed and restarted,
  which also fails every other query it was answering (measured: 5 lookups of 8
  clients' answered 503 at one kill; none with the query processes). Oxigraph's
  `--timeout-s` is not used: it cancels a query between rows but not inside a sort
  (an ORDER BY over a cartesian product ran 4 min 20 s past `--timeout-s 2`), and in
  0.5.13 it leaves one thread sleeping for the whole timeout after every query (4,081
  threads after 4,000 lookups with 60 s; their stacks then hit the memory cap: EAGAIN).
- Memory: one cap (RLIMIT_DATA) on the whole engine: a query past it takes the engine
  down for every request, not only its own. No lanes: cheap and expensive queries
  share the engine's threads.
- A cancelled query's answer is a 200 whose body ends with Oxigraph's error text
  (the status line was sent before evaluation): a complete TSV or N-Triples body ends
  with a newline, so a body that does not is treated as a failure.

Everything else (validation jobs, resource pages, VoID, /health) is unchanged: those
views still open the store in the web process, or start query processes, when used.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlencode

import pyoxigraph as ox

from kg import negotiate as neg
from kg import query as q
from kg.executor import CHUNK, MAX_NESTING, TRUNCATED_HEADER, Outcome, _syntax, _text, nesting_depth
from kg.federation import Prepared, QueryRefused, prepare

if TYPE_CHECKING:
    from kg.config import Config

ENGINE_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"
_POSITION = re.compile(r"error at 1:(\d+):")
_NO_SERVICE: set[tuple[str, str | None]] = set()


def oxigraph_binary() -> str:
    """The `oxigraph` command of the `oxigraph` package, next to this Python."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else "oxigraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EngineDown(Exception):
    """The engine process is gone or was replaced while a request used it."""


class _Engine:
    """One running `oxigraph serve-read-only` on one build's `db` folder."""

    def __init__(self, db: Path, memory_bytes: int) -> None:
        self.db = db
        self.port = _free_port()
        # A shell between us and the engine ends it within a second of this process's
        # end, however this process ends (the engine itself cannot watch its parent).
        watch = (
            'parent=$1; shift; "$@" & child=$!; '
            'while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null;'
            " do sleep 1; done; "
            'kill -9 "$child" 2>/dev/null'
        )
        self.proc = subprocess.Popen(
            [
                "/bin/sh",
                "-c",
                watch,
                "sh",
                str(os.getpid()),
                oxigraph_binary(),
                "serve-read-only",
                "--location",
                str(db),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.kill()
                    raise EngineDown(f"oxigraph serve-read-only did not start on {db}") from None
                time.sleep(0.02)
        if memory_bytes > 0:
            try:
                status = Path(f"/proc/{self.engine_pid()}/status").read_text()
                data_kib = int(status.split("VmData:")[1].split()[0])
                limit = data_kib * 1024 + memory_bytes
                resource.prlimit(self.engine_pid(), resource.RLIMIT_DATA, (limit, limit))
            except (OSError, IndexError, ValueError):
                pass

    def engine_pid(self) -> int:
        """The oxigraph process (the shell's child)."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        return int(children.split()[0])

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait(timeout=5)


class OxigraphServerExecutor:
    """Queries to the engine process; the executor interface kg/server uses."""

    def __init__(self, config: Config, *, prefixes: dict[str, str] | None = None,
                 on_event=None) -> None:  # fmt: skip
        self.config = config
        self.timeout = config.query_timeout
        self.max_rows = config.max_rows
        self.prefixes = dict(prefixes or {})
        self.on_event = on_event or (lambda _event: None)
        self.data_dir = Path(config.data_dir).resolve()
        self.memory_bytes = max(0, config.query_memory_mb) * 1024 * 1024
        self._lock = threading.Lock()
        self._engine: _Engine | None = None
        self._stamp: tuple[int, int] | None = None
        self._local = threading.local()

    # --- the engine process ---

    def _current(self) -> _Engine | None:
        """The engine on the current build, (re)started when CURRENT moved or it died."""
        pointer = self.data_dir / "CURRENT"
        try:
            st = os.stat(pointer)
        except FileNotFoundError:
            return None
        stamp = (st.st_mtime_ns, st.st_ino)
        engine = self._engine
        if engine is not None and stamp == self._stamp and engine.proc.poll() is None:
            return engine
        with self._lock:
            engine = self._engine
            if engine is not None and stamp == self._stamp and engine.proc.poll() is None:
                return engine
            name = pointer.read_text(encoding="utf-8").strip()
            db = self.data_dir / "stores" / name / "db"
            if not db.is_dir():
                return None
            old, self._engine = self._engine, None
            if old is not None:
                old.kill()
            self._engine = _Engine(db, self.memory_bytes)
            self._stamp = stamp
            return self._engine

    def warm(self) -> None:
        """Start the engine now (the server calls it after start-up)."""
        try:
            self._current()
        except EngineDown:
            pass

    def _restart(self, engine: _Engine) -> None:
        """Kill `engine` (a query past its deadline); the next request starts another."""
        with self._lock:
            if self._engine is engine:
                self._engine = None
        engine.kill()

    def _connection(self, engine: _Engine) -> _Conn:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.engine is not engine or conn.broken:
            if conn is not None:
                conn.close()
            conn = _Conn(engine)
            self._local.conn = conn
        return conn

    def _post(self, engine: _Engine, text: str, dataset: str, deadline: float) -> _Response:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        path = "/query" + (f"?{dataset}" if dataset else "")
        body = text.encode("utf-8")
        for attempt in (0, 1):
            try:
                conn = self._connection(engine)
            except OSError as exc:
                raise EngineDown(str(exc)) from None
            try:
                return conn.post(path, body, remaining)
            except TimeoutError:
                conn.close()
                raise
            except (OSError, ValueError) as exc:
                conn.close()  # a kept-alive connection the engine closed: once more
                if attempt or engine.proc.poll() is not None:
                    raise EngineDown(str(exc)) from None
        raise AssertionError("unreachable")

    # --- the query interface ---

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
        """Run one query on the engine within `query_timeout` seconds."""
        del client, priority
        deadline = time.monotonic() + (timeout or self.timeout)
        depth = nesting_depth(query)
        if depth > MAX_NESTING:
            return _text(
                400,
                f"query nested {depth} levels deep; the limit is {MAX_NESTING} ({{, ( and [)",
                "too-deep",
            )
        try:
            engine = self._current()
        except EngineDown as exc:
            return _text(503, f"the query engine could not start: {exc}", "crashed")
        if engine is None:
            return _text(503, "no graph built yet (run `kg build`)", "no-store")
        pairs = [("default-graph-uri", g) for g in default_graphs]
        pairs += [("named-graph-uri", g) for g in named_graphs]
        dataset = urlencode(pairs)
        base = f"BASE <{base_iri}> " if base_iri else ""
        try:
            prepared = self._prepare(engine, query, base, dataset, deadline, base_iri)
        except QueryRefused as exc:
            return _text(exc.status, exc.message, "refused", **exc.headers)
        except SyntaxError as exc:
            return _syntax(query, exc)
        except TimeoutError:
            return self._timed_out(engine)
        except EngineDown:
            return self._crashed()
        try:
            resp = self._post(engine, base + prepared.query_text, dataset, deadline)
            return self._answer(engine, resp, query, base, accept, fmt, prepared, deadline)
        except TimeoutError:
            return self._timed_out(engine)
        except (EngineDown, OSError, ValueError):
            return self._crashed()

    def _prepare(self, engine: _Engine, query: str, base: str, dataset: str, deadline: float,
                 base_iri: str | None) -> Prepared:  # fmt: skip
        """kg.federation's SERVICE policy, with a bind join's left side run by the engine."""
        key = (query, base_iri)
        if key in _NO_SERVICE:
            return Prepared(query_text=query)

        def evaluate(select: str) -> ox.QuerySolutions:
            resp = self._post(engine, base + select, dataset, deadline)
            data = resp.read()
            if resp.status != 200:
                raise QueryRefused(502, f"the engine refused a bind join: {data[:500]!r}")
            parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
            assert isinstance(parsed, ox.QuerySolutions)
            return parsed

        prepared = prepare(query, self.config, evaluate=evaluate, base_iri=base_iri)
        if prepared.query_text == query and not prepared.calls and not prepared.warnings:
            if len(query) < 65536:
                if len(_NO_SERVICE) >= 1024:
                    _NO_SERVICE.clear()
                _NO_SERVICE.add(key)
        return prepared

    def _answer(self, engine: _Engine, resp: _Response, query: str, base: str,
                accept: str | None, fmt: str | None, prepared: Prepared,
                deadline: float) -> Outcome:  # fmt: skip
        if resp.status != 200:
            message = resp.read().decode("utf-8", "replace")
            if resp.status == 400:
                shift = len(base)
                message = _POSITION.sub(lambda m: f"error at 1:{int(m[1]) - shift}:", message)
                return _syntax(query, SyntaxError(message))
            return _text(502, f"the query engine answered {resp.status}: {message[:500]}", "error")
        ctype = resp.ctype
        spool, head, cut = self._read_capped(resp, deadline)
        try:
            if ctype == neg.NTRIPLES:
                form = "graph"
            elif head.startswith((b"true", b"false")) and not head.startswith(b"?"):
                form = "boolean"
            else:
                form = "solutions"
            media_type = neg.choose(form, accept, fmt)
            if media_type is None:
                offered = ", ".join(neg.OFFERS[form])
                message = f"none of the accepted types fits this answer; offered: {offered}"
                return _text(406, message, "406")
            headers: dict[str, str] = {"Vary": "Accept", **prepared.headers()}
            if cut:
                headers[TRUNCATED_HEADER] = f"max-rows={self.max_rows}"
            source: IO[bytes] | bytes = spool if spool is not None else head
            value: object
            if form == "boolean":
                body = _boolean(head.strip() == b"true", media_type)
                return Outcome(200, media_type, body, headers)
            if form == "solutions":
                if neg.normalize(media_type, form) == neg.TSV:
                    return self._passthrough(spool, head, media_type, headers)
                value = ox.parse_query_results(source, format=ox.QueryResultsFormat.TSV)
            else:
                if neg.normalize(media_type, form) == neg.NTRIPLES:
                    return self._passthrough(spool, head, media_type, headers)
                value = (quad.triple for quad in ox.parse(source, ox.RdfFormat.N_TRIPLES))
            result = q.QueryResult(form, value, headers)
            if spool is None:
                body = q.serialize(result, media_type, prefixes=self.prefixes)
                return Outcome(200, media_type, body, headers)
            return Outcome(200, media_type, b"", headers,
                           chunks=_converted(result, media_type, self.prefixes, spool))  # fmt: skip
        except (SyntaxError, ValueError) as exc:
            if spool is not None:
                spool.close()
            return _text(502, f"the query engine sent an unreadable answer: {exc}", "error")

    def _passthrough(self, spool: IO[bytes] | None, head: bytes, media_type: str,
                     headers: dict[str, str]) -> Outcome:  # fmt: skip
        if spool is None:
            return Outcome(200, media_type, head, headers)
        return Outcome(200, media_type, b"", headers, chunks=_file_chunks(spool))

    def _read_capped(
        self, resp: _Response, deadline: float
    ) -> tuple[IO[bytes] | None, bytes, bool]:
        """The answer's lines up to the row cap (plus the TSV header line): in memory
        when it fits in one CHUNK, else in a temporary file. Raises TimeoutError past
        the deadline and EngineDown for an answer the engine did not finish."""
        limit = self.max_rows + 1  # TSV's header line; N-Triples is cut one line early
        lines = 0
        parts: list[bytes] = []
        size = 0
        spool: IO[bytes] | None = None
        cut = False
        last = b"\n"
        while True:
            if time.monotonic() > deadline:
                resp.close()
                raise TimeoutError
            data = resp.read1()
            if not data:
                break
            n = data.count(b"\n")
            if lines + n > limit:
                end = -1
                for _ in range(limit - lines):
                    end = data.index(b"\n", end + 1)
                data = data[: end + 1]
                cut = True
            lines += min(n, limit - lines)
            size += len(data)
            last = data[-1:]
            if spool is None and size > CHUNK:
                spool = tempfile.TemporaryFile(prefix="newsgraph-answer-")
                spool.write(b"".join(parts))
                parts = []
            if spool is not None:
                spool.write(data)
            else:
                parts.append(data)
            if cut:
                resp.close()  # the rest is not wanted; the connection is dropped
                break
        head = b"".join(parts)
        if not cut and size and last != b"\n" and not head.startswith((b"true", b"false")):
            if spool is not None:
                spool.close()
            raise EngineDown("the engine ended the answer with an error (timeout or failure)")
        if spool is not None:
            spool.seek(0)
        return spool, head, cut

    def _timed_out(self, engine: _Engine) -> Outcome:
        self._restart(engine)
        self.on_event("timeout")
        return _text(
            503,
            f"query stopped: it ran past the {self.timeout:g} s limit (NEWSGRAPH_QUERY_TIMEOUT)",
            "timeout",
        )

    def _crashed(self) -> Outcome:
        self.on_event("crashed")
        return _text(503, "the query engine failed while answering this request; try again",
                     "crashed")  # fmt: skip

    def close(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.kill()


class _Conn:
    """One kept-alive HTTP/1.1 connection to the engine, written and read by hand.

    http.client cost about 45 us more per lookup (its header parsing); the engine's
    answers are always `Content-Length` or `chunked`, which is all this reads.
    """

    def __init__(self, engine: _Engine) -> None:
        self.engine = engine
        self.sock = socket.create_connection(("127.0.0.1", engine.port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb")
        self.broken = False

    def post(self, path: str, body: bytes, timeout: float) -> _Response:
        self.sock.settimeout(timeout)
        self.broken = True  # until the answer has been read to its end
        self.sock.sendall(
            b"POST %s HTTP/1.1\r\nHost: engine\r\nContent-Type: application/sparql-query\r\n"
            b"Accept: %s\r\nContent-Length: %d\r\n\r\n%s"
            % (path.encode("ascii"), ENGINE_ACCEPT.encode("ascii"), len(body), body)
        )
        line = self.file.readline(65536)
        if not line:
            raise ConnectionResetError("the engine closed the connection")
        status = int(line.split(None, 2)[1])
        ctype, length, chunked, close = "", -1, False, False
        while True:
            line = self.file.readline(65536)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-type":
                ctype = value.split(b";")[0].strip().decode("latin-1")
            elif name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        return _Response(self, status, ctype, length, chunked, close)

    def close(self) -> None:
        self.broken = True
        try:
            self.file.close()
            self.sock.close()
        except OSError:
            pass


class _Response:
    """The engine's answer: its status, media type and body, read piece by piece."""

    def __init__(self, conn: _Conn, status: int, ctype: str, length: int, chunked: bool,
                 close: bool) -> None:  # fmt: skip
        self.conn, self.status, self.ctype = conn, status, ctype
        self.left, self.chunked, self.close_after = length, chunked, close
        self.done = False

    def read1(self) -> bytes:
        """The next piece of the body (b"" at its end; then the connection is reusable)."""
        if self.done:
            return b""
        f = self.conn.file
        if self.chunked:
            size = int(f.readline(1024).split(b";")[0], 16)
            if size == 0:
                while f.readline(65536) not in (b"\r\n", b"\n", b""):
                    pass
                return self._end()
            data = f.read(size)
            f.readline(8)
            if len(data) < size:
                raise ConnectionResetError("the engine's answer was cut")
            return data
        if self.left < 0:
            data = f.read1(CHUNK)
            return data if data else self._end()
        if self.left == 0:
            return self._end()
        data = f.read1(min(self.left, CHUNK))
        if not data:
            raise ConnectionResetError("the engine's answer was cut")
        self.left -= len(data)
        return data

    def _end(self) -> bytes:
        self.done = True
        if self.close_after or self.left < 0 and not self.chunked:
            self.conn.close()
        else:
            self.conn.broken = False
        return b""

    def read(self) -> bytes:
        parts = []
        while data := self.read1():
            parts.append(data)
        return b"".join(parts)

    def close(self) -> None:
        """Give up the rest of the body: the connection cannot be reused."""
        if not self.done:
            self.conn.close()


def _boolean(value: bool, media_type: str) -> bytes:
    """An ASK answer in `media_type` (pyoxigraph writes it from a parsed boolean)."""
    parsed = ox.parse_query_results(
        b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}",
        format=ox.QueryResultsFormat.JSON,
    )
    return q.serialize(q.QueryResult("boolean", parsed), media_type)


def _file_chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := spool.read(CHUNK):
            yield chunk
    finally:
        spool.close()


def _converted(result: q.QueryResult, media_type: str, prefixes: dict[str, str],
               spool: IO[bytes]) -> Iterator[bytes]:  # fmt: skip
    """Write a spooled answer in `media_type`, CHUNK by CHUNK, from a second spool."""
    try:
        with tempfile.TemporaryFile(prefix="newsgraph-out-") as out:
            q.serialize_into(result, media_type, out, prefixes)
            out.seek(0)
            while chunk := out.read(CHUNK):
                yield chunk
    finally:
        spool.close()


def main() -> int:
    """`kg serve --no-build` with the engine process answering queries."""
    from kg.config import from_env
    from kg.serve import _metrics_dir, check_port

    config = from_env()
    check_port(config.host, config.port)
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_metrics_dir(config)))
    from kg.server import httpd, limits
    from kg.server.app import create_app

    app = create_app(config)
    executor = OxigraphServerExecutor(
        config, prefixes=app.extensions["newsgraph.rdf_prefixes"], on_event=limits.query_event
    )
    # The query paths: the Flask view reads the extension, the lean path its own copy
    # (and answers lookups on its request thread only from a store it holds: not here).
    app.extensions["newsgraph.executor"].close()
    app.extensions["newsgraph.executor"] = executor
    app.wsgi_app.executor = executor  # type: ignore[attr-defined]
    app.wsgi_app.store = None  # type: ignore[attr-defined]
    executor.warm()
    print(f"engine-proxy serving at http://{config.host}:{config.port}/", file=sys.stderr)
    httpd.serve(app, config)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
