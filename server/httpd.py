"""The HTTP server `kg serve` runs: waitress, with deadlines against slow clients.

The web app is plain WSGI (Flask); this module is the only place that knows which
server runs it, so replacing it (an ASGI server, or Oxigraph's own behind our policy)
touches this file and `kg/serve.py` only, and tests/test_slow_clients.py tells whether
the replacement holds.

Why waitress: it reads every request (headers and body) in its event loop and hands
a request to a thread only once it has fully arrived, and writes answers from the
event loop too. A client that sends slowly, or never finishes, therefore holds a
socket but no thread: with gunicorn's threaded worker, 16 such connections took every
thread and real clients timed out. Waitress alone never *closes* such connections
(its idle timeout restarts at every byte), so `GuardedChannel` adds what Apache's
mod_reqtimeout does:

- a request's headers must arrive within `NEWSGRAPH_REQUEST_TIMEOUT` seconds of its
  first byte, and its body at `NEWSGRAPH_BODY_MIN_RATE` bytes per second on average
  after that; past it the client gets `408 Request Timeout` and the connection is
  closed;
- a client that stops reading an answer for `WRITE_STALL` seconds is disconnected
  (its request thread is released);
- idle kept-alive connections close after `KEEPALIVE_IDLE` seconds;
- one client address may hold at most `NEWSGRAPH_MAX_CLIENT_CONNECTIONS` connections,
  and the server `NEWSGRAPH_MAX_CONNECTIONS` in all (past them new ones are closed);
- a request's headers (the GET query string included) are at most
  `MAX_HEADER_BYTES`; bodies at most `NEWSGRAPH_MAX_UPLOAD`, whether sent with a
  Content-Length or chunked (waitress answers 431 or 413 before the app runs; a chunked
  body is measured decoded, by `BodyCappedParser`, so the cap means the same bytes).

A reverse proxy in front (nginx, Caddy) can add TLS and its own limits; it is not
needed for any of the above.

Lookups on the loop: a request to the query endpoint is first offered to the app on
waitress's own loop, the thread that reads every request (`GuardedServer.add_task`,
`GuardedChannel.serve_on_loop`). The lean path (server/fastpath.py) answers a lookup
there, one triple pattern whose cost the row cap bounds, and raises `Requeue` before
writing anything for every other request, which then goes to a request thread as
before. A request thread costs a lookup two thread switches and a fight for the GIL
with the loop: at 8 concurrent clients on 2 cores that fight cut `kg serve` to 230-530
lookups a second, fewer than one client got alone (RESULTS.md section 7, "Lookups on
the loop"). The price: while the loop answers a lookup (a fraction of a millisecond,
at most 1,000 rows) it reads no other request, and a stalled stderr (the access log)
stalls the loop rather than one request thread.

Measured against granian's WSGI mode (a Rust HTTP server) and uvicorn (httptools,
uvloop) (`python -m benchmarks.lean_path`, RESULTS.md section 7): with a fixed answer
waitress costs 0.09-0.12 ms of CPU per lookup on its loop, they 0.03-0.05 ms; with the
app, lookups answered on each one's loop, uvicorn served as many lookups a second as
waitress (2,568 against 2,583 at 8 clients). Neither was taken: granian hands a request
to a Python thread before its body has arrived, so 16 bodies sent at 10 bytes/s held all
8 threads and an honest request got no answer in 10 s, and neither has a per-address
connection cap or a minimum body rate (the guarantees above).
"""

from __future__ import annotations

import logging
import mmap
import select
import signal
import socket
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from typing import IO, Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher, WSGITask
from waitress.utilities import RequestEntityTooLarge

from kg.config import Config

MAX_HEADER_BYTES = 4 << 20
WRITE_STALL = 60.0
KEEPALIVE_IDLE = 30.0
OUTBUF_HIGH_WATERMARK = 256 << 20
# Requests the server's loop offers to the app itself before any request thread
# (`GuardedServer.add_task`): the SPARQL query endpoint, where lookups arrive.
LOOP_PATHS = ("/sparql", "/sparql/")
# WSGI environ keys: the app runs on the server's loop (it must answer at once, without
# waiting on anything, or raise Requeue), and the request was sent back from the loop
# after it passed the rate limit there (it must not be charged again).
ON_LOOP = "newsgraph.on_loop"
REQUEUED = "newsgraph.requeued"
# ... and what the app on the loop read of the request before sending it to a thread
# (`Requeue.parsed`), so the thread's app need not read it again.
PARSED = "newsgraph.parsed"
# An answer's head goes out in one write with its body's first part up to this size
# (`LoopAwareTask.write`); a larger part is not copied to join them.
COALESCE_BYTES = 64 * 1024
# With several web processes, how long one that holds more connections than another
# leaves a new one to that other before accepting it itself (`leave_to_another`).
DEFER_ACCEPT = 0.005


class Requeue(BaseException):  # noqa: N818 - a signal to the server, not an error
    """Raised by the app on the loop, before it has answered: a request thread answers.

    A BaseException, so that waitress's task (which turns an Exception into a 500) lets
    it through to `GuardedChannel.serve_on_loop`. `charged`: the app already counted the
    request against the client's rate (`REQUEUED` tells it so on the thread). `parsed`:
    what the app read of the request, handed to the thread's app as `PARSED`."""

    def __init__(self, charged: bool = False, parsed: Any = None) -> None:
        super().__init__()
        self.charged = charged
        self.parsed = parsed


TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain\r\n"
    b"Content-Length: %d\r\n\r\n%s"
)


class PlainErrorTask(ErrorTask):
    """waitress's own refusals (before the app runs) as one plain sentence naming the
    limit and its setting, like the app's."""

    def execute(self) -> None:
        error = self.request.error
        config: Config = self.channel.server.config
        if error.code == 413:
            text = (
                f"the request body is over the {config.max_upload_bytes}-byte limit"
                " (NEWSGRAPH_MAX_UPLOAD)"
            )
        elif error.code == 431:
            text = (
                f"the request line and headers are over {MAX_HEADER_BYTES} bytes:"
                " send a long query in a POST body instead"
            )
        else:
            text = f"{error.reason}: {error.body}"
        body = (text + "\n").encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend(
            [("Content-Type", "text/plain; charset=utf-8"), ("Connection", "close")]
        )
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


# A chunked body's framing (size lines, CRLFs, extensions) may add this many times its
# decoded size before the request is refused for the framing alone (1-byte chunks: 6x).
CHUNK_FRAMING_ALLOWANCE = 8


class BodyCappedParser(HTTPRequestParser):
    """waitress's request parser, with a chunked body held to the cap by its decoded size.

    waitress counts the raw bytes of a chunked body (framing included) against
    `max_request_body_size`, so a body at the cap sent in chunks was refused while the
    same body with a Content-Length was accepted. Here a chunked body is refused once
    its decoded bytes pass the cap (the app's own check sees the same figure, from
    the Content-Length waitress sets), and its raw bytes are bounded only by a generous
    multiple, against a client that sends framing and no data.
    """

    def received(self, data: bytes) -> int:
        br = self.body_rcv
        if self.completed or br is None or not self.chunked:
            return super().received(data)
        consumed = br.received(data)
        self.body_bytes_received += consumed
        cap = self.adj.max_request_body_size - 1  # create() sets it to the cap + 1
        if len(br) > cap or self.body_bytes_received > CHUNK_FRAMING_ALLOWANCE * cap + 65536:
            self.error = RequestEntityTooLarge(f"exceeds max_body of {cap}")
            self.completed = True
        elif br.error:
            self.error = br.error  # bad chunk framing: waitress's 400
            self.completed = True
        elif br.completed:
            self.completed = True
            # As waitress does: the app sees a body with a length, no chunking.
            self.headers["CONTENT_LENGTH"] = str(len(br))
        return consumed


class LoopAwareTask(WSGITask):
    """waitress's WSGI task, telling the app whether it runs on the server's loop, and
    sending an answer's head together with its body."""

    channel: GuardedChannel

    def get_environment(self) -> dict:
        environ = super().get_environment()
        channel = self.channel
        environ[ON_LOOP] = channel.on_loop
        environ[REQUEUED] = self.request is channel.requeued
        if channel.parsed is not None and channel.parsed[0] is self.request:
            environ[PARSED] = channel.parsed[1]
            channel.parsed = None  # handed over: the channel need not hold it any longer
        return environ

    def write(self, data: bytes) -> None:
        """waitress's `write`, except that a head is not written on its own: it goes out
        with the first part of the body when that part is small and fits the declared
        Content-Length.

        Why: waitress flushes every write at once (`send_bytes` is 1), so a lookup's
        answer left in two `send` calls, two TCP segments, and woke its client twice.
        The bytes on the wire are the same; only their grouping changes."""
        if self.wrote_header or not data or not self.complete or len(data) > COALESCE_BYTES:
            super().write(data)
            return
        head = self.build_response_header()  # decides the body's framing (chunked or not)
        self.wrote_header = True
        length = self.content_length
        if (
            self.chunked_response
            or not self.has_body
            or length is None
            or len(data) > length - self.content_bytes_written
        ):
            # the cases waitress frames, cuts or drops the body itself: as waitress does
            self.channel.write_soon(head)
            super().write(data)
            return
        self.content_bytes_written += len(data)
        self.channel.write_soon(head + data)


class ConnectionBook:
    """Open connections, per process and per client address, shared by the web processes.

    With `NEWSGRAPH_WEB_PROCESSES` above one, the processes accept from one listening
    socket, so each sees only its own connections. The book lets them act as one server:

    - the per-address cap (`NEWSGRAPH_MAX_CLIENT_CONNECTIONS`) counts a client's
      connections in all processes; without it a client could hold the cap in each;
    - a process holding more connections than another leaves the next one to it
      (`GuardedServer.leave_to_another`): the kernel wakes every process polling the socket and
      the first to call accept wins, and 8 kept-alive clients were split 8/0, 7/1 or
      6/2 as often as 4/4, leaving one core idle (RESULTS.md section 7).

    It is an anonymous shared mapping made before the processes fork: one row per
    process, one counter per bucket of client addresses (a hash: two addresses sharing a
    bucket share a cap, which errs on the side of refusing) and the row's total. A process
    writes only its own row, from its loop thread, so no lock is needed; it reads the
    others' rows when it accepts a connection.
    """

    BUCKETS = 4096

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._width = self.BUCKETS + 1  # the buckets, then the row's total
        self._map = mmap.mmap(-1, 4 * processes * self._width)
        self._counts = memoryview(self._map).cast("I")
        self.row = 0  # which row this process writes: set in each process after the fork

    def bucket(self, host: str) -> int:
        return zlib.crc32(host.encode()) % self.BUCKETS

    def held(self, bucket: int) -> int:
        """Connections from the bucket's addresses, in all processes."""
        counts, width = self._counts, self._width
        return sum(counts[row * width + bucket] for row in range(self.processes))

    def totals(self) -> list[int]:
        """Each process's open connections."""
        counts, width = self._counts, self._width
        return [counts[row * width + self.BUCKETS] for row in range(self.processes)]

    def add(self, bucket: int | None, delta: int) -> None:
        """Count a connection opened (1) or closed (-1) by this process."""
        counts, base = self._counts, self.row * self._width
        if bucket is not None:
            counts[base + bucket] = max(counts[base + bucket] + delta, 0)
        total = base + self.BUCKETS
        counts[total] = max(counts[total] + delta, 0)


class GuardedChannel(HTTPChannel):
    """A waitress connection that remembers when its pending request began, and answers
    lookups on the server's loop."""

    error_task_class = PlainErrorTask
    parser_class = BodyCappedParser
    task_class = LoopAwareTask

    request_began: float | None = None
    _request_id: int | None = None
    on_loop = False  # the app is running on the loop for this connection now
    loop_pending = False  # `GuardedServer.add_task` left the next request to the loop
    requeued: Any = None  # the request the loop sent to a thread after charging it
    parsed: tuple[Any, Any] | None = None  # (request, what the app on the loop read of it)
    booked = False  # counted in the server's `ConnectionBook`
    booked_bucket: int | None = None  # ... under this bucket of client addresses

    def del_channel(self, map: Any = None) -> None:
        """waitress's bookkeeping of a closed connection, and the shared book's."""
        super().del_channel(map)
        book = self.server.book
        if book is not None and self.booked:
            self.booked = False
            book.add(self.booked_bucket, -1)

    def received(self, data: bytes) -> bool:
        result = super().received(data)
        pending = self.request
        if pending is None:
            self.request_began = self._request_id = None
        elif id(pending) != self._request_id:
            self._request_id = id(pending)
            self.request_began = time.monotonic()
        self.serve_on_loop()
        return result

    def serve_on_loop(self) -> None:
        """Answer the requests left to the loop, here, until one needs a thread.

        Why: a request thread costs a lookup two thread switches and a fight for the
        GIL with the loop. At 8 concurrent clients that fight made `kg serve` answer
        fewer lookups per second than one client got alone (RESULTS.md section 7, "on
        the loop"). Runs after `HTTPChannel.received` has let go of `requests_lock`,
        which `service` takes."""
        while self.loop_pending:
            self.loop_pending = False
            self.on_loop = True
            try:
                self.service()
            except Requeue as requeue:
                request = self.requests[0]
                request.get_body_stream().seek(0)  # the thread's app reads it again
                self.requeued = request if requeue.charged else None
                self.parsed = None if requeue.parsed is None else (request, requeue.parsed)
                self.server.task_dispatcher.add_task(self)
            finally:
                self.on_loop = False

    def may_answer_on_loop(self) -> bool:
        request = self.requests[0] if self.requests else None
        return (
            request is not None
            and request.error is None
            and request.command in ("GET", "POST")
            and request.path in LOOP_PATHS
        )

    def overdue(self, now: float, header_timeout: float, min_rate: float) -> str | None:
        """Why this connection's pending request is too slow, or None."""
        pending = self.request
        if pending is None or self.request_began is None or pending.completed:
            return None
        elapsed = now - self.request_began
        if not pending.headers_finished:
            if elapsed > header_timeout:
                return f"the request headers did not arrive within {header_timeout:g} s"
            return None
        allowed = header_timeout + pending.body_bytes_received / max(min_rate, 1.0)
        if elapsed > allowed:
            return f"the request body arrived slower than {min_rate:g} bytes/s"
        return None

    def time_out(self, why: str) -> None:
        """Answer 408 with the reason and close once it is sent."""
        text = (
            f"{why} (NEWSGRAPH_REQUEST_TIMEOUT, NEWSGRAPH_BODY_MIN_RATE): connection closed\n"
        ).encode()
        message = TIMEOUT_ANSWER % (len(text), text)
        with self.outbuf_lock:
            self.outbufs[-1].append(message)
            self.total_outbufs_len += len(message)
        self.request = None
        self.close_when_flushed = True


class GuardedServer(TcpWSGIServer):
    """waitress's TCP server, with the deadlines and per-client caps above."""

    channel_class = GuardedChannel

    def __init__(
        self, app: Callable, config: Config, book: ConnectionBook | None = None, **kw
    ) -> None:
        self.config = config
        self.book = book
        self.header_timeout = config.request_timeout
        self.min_rate = float(config.body_min_rate)
        self.per_client = config.max_client_connections
        self.loop_thread: int | None = None
        super().__init__(app, **kw)

    def run(self) -> None:
        self.loop_thread = threading.get_ident()
        super().run()

    def pull_trigger(self) -> None:
        """Wake the loop from a request thread; from the loop itself, do nothing.

        waitress pulls the trigger (a byte written to a pipe the loop polls) after every
        request it serves, so that the loop looks at the connection again. A request the
        loop answered itself (a lookup) needs no wake-up: the loop polls again as soon as
        it returns, and `wasyncore.poll2` asks every connection afresh what it waits for.
        The pull cost each lookup a write, an extra poll and a read of the pipe."""
        if threading.get_ident() != self.loop_thread:
            super().pull_trigger()

    def add_task(self, task: Any) -> None:
        """A request to the query endpoint, from the loop, is first offered to the app
        on the loop (`GuardedChannel.serve_on_loop`); the rest go to request threads."""
        if (
            isinstance(task, GuardedChannel)
            and threading.get_ident() == self.loop_thread
            and task.may_answer_on_loop()
        ):
            task.loop_pending = True
        else:
            super().add_task(task)

    def leave_to_another(self) -> bool:
        """With other web processes: True when one that holds fewer connections took the
        connection waiting to be accepted, which this one then leaves alone.

        Why: the kernel wakes every process polling the listening socket and the first to
        accept wins, so 8 kept-alive clients were split 8/0, 7/1 or 6/2 as often as 4/4,
        leaving a core idle. The process holding more waits up to `DEFER_ACCEPT` seconds
        for the other to take it (the listening socket no longer readable), then takes it
        itself, so a busy or stuck process never leaves a client waiting longer. Several
        connections arriving at once are taken in turns, as the counts even out."""
        book = self.book
        if book is None:
            return False
        waiting: select.poll | None = None
        deadline = time.monotonic() + DEFER_ACCEPT
        while True:
            totals = book.totals()
            if totals[book.row] <= min(totals) or time.monotonic() > deadline:
                return False  # this one's turn (or the other is slow to take it)
            if waiting is None:
                waiting = select.poll()
                waiting.register(self.socket, select.POLLIN)
            if not waiting.poll(0):
                return True  # taken by another: nothing left to accept
            time.sleep(DEFER_ACCEPT / 20)

    def handle_accept(self) -> None:
        if self.leave_to_another():
            return
        try:
            pair = self.accept()
        except OSError:
            return
        if pair is None:
            return
        conn, addr = pair
        host = addr[0] if isinstance(addr, tuple) else addr
        book, bucket = self.book, None
        if book is not None:
            if self.per_client > 0:
                bucket = book.bucket(str(host))
                if book.held(bucket) >= self.per_client:
                    conn.close()  # over this client's connection budget, in all processes
                    return
        elif self.per_client > 0:
            held = sum(
                1
                for c in self.active_channels.values()
                if isinstance(c.addr, tuple) and c.addr[0] == host
            )
            if held >= self.per_client:
                conn.close()  # over this client's connection budget
                return
        self.set_socket_options(conn)
        channel = self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self._map)
        if book is not None:
            book.add(bucket, 1)
            channel.booked, channel.booked_bucket = True, bucket

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle kept-alive connections (channel_timeout)
        mono = time.monotonic()
        for channel in list(self.active_channels.values()):
            if not isinstance(channel, GuardedChannel) or channel.will_close:
                continue
            why = channel.overdue(mono, self.header_timeout, self.min_rate)
            if why is not None:
                channel.time_out(why)
            elif channel.total_outbufs_len and now - channel.last_activity > WRITE_STALL:
                channel.will_close = True  # the client stopped reading its answer


class AccessLog:
    """One line per answered request on stderr, in the combined log format (client,
    time, request line cut at 2,000 characters, status, length, referrer, user agent)."""

    def __init__(self, app: Callable, stream: IO[str] | None = None) -> None:
        self.app = app
        self.stream = stream or sys.stderr
        self._stamp: tuple[int, str] = (-1, "")  # a second, and its time as logged

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        def logged(status: str, headers: list, exc_info: Any = None) -> Any:
            length = next((v for k, v in headers if k.lower() == "content-length"), "-")
            query = environ.get("QUERY_STRING")
            line = environ.get("REQUEST_METHOD", "-") + " " + environ.get("PATH_INFO", "")
            line = (line + ("?" + query if query else ""))[:2000]
            now, stamp = int(time.time()), self._stamp
            if stamp[0] != now:  # formatted once a second, not once a request
                stamp = (now, time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)))
                self._stamp = stamp
            # One write per line: print's two (the text, then its newline) let lines from
            # request threads and the loop interleave.
            self.stream.write(
                f'{environ.get("REMOTE_ADDR", "-")} - - [{stamp[1]}] "{line}'
                f' {environ.get("SERVER_PROTOCOL", "")}" {status.split(" ", 1)[0]} {length}'
                f' "{environ.get("HTTP_REFERER", "-")}" "{environ.get("HTTP_USER_AGENT", "-")}"\n'
            )
            self.stream.flush()
            return start_response(status, headers, exc_info)

        return self.app(environ, logged)


def listening_socket(config: Config) -> socket.socket:
    """The address bound and listening, for web processes to share (`kg serve` makes it
    before they fork: the kernel hands each new connection to one process that polls)."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind((config.host, config.port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def create(
    app: Callable,
    config: Config,
    *,
    port: int | None = None,
    sock: socket.socket | None = None,
    book: ConnectionBook | None = None,
) -> GuardedServer:
    """The server, bound (not yet running): `.run()` serves until SIGTERM or Ctrl-C.

    `sock`: a listening socket shared with other web processes (`listening_socket`),
    `book`: their shared count of connections per client. Each of N processes then
    takes `NEWSGRAPH_MAX_CONNECTIONS` / N connections, so the total stays within it."""
    processes = book.processes if book is not None else 1
    adj = Adjustments(
        host=config.host,
        port=config.port if port is None else port,
        threads=config.threads,
        connection_limit=max(config.max_connections // processes, 1),
        channel_timeout=KEEPALIVE_IDLE,
        cleanup_interval=1,
        max_request_header_size=MAX_HEADER_BYTES,
        max_request_body_size=config.max_upload_bytes + 1,
        recv_bytes=65536,
        # A streamed answer is written into the connection's buffer as the query process
        # produces it; waitress keeps 1 MiB in memory and the rest in a temporary file.
        # Only past this much unsent does the request thread (and with it the query
        # process) wait for a slow reader: below it, the process is free as soon as
        # the answer is written, as with the old spool file.
        outbuf_high_watermark=OUTBUF_HIGH_WATERMARK,
        asyncore_use_poll=True,
        ident="newsgraph",
        expose_tracebacks=False,
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    if sock is None:
        return GuardedServer(app, config, map={}, adj=adj, dispatcher=dispatcher)
    return GuardedServer(
        app, config, book, map={}, adj=adj, dispatcher=dispatcher, _sock=sock, bind_socket=False
    )


def serve(
    app: Callable,
    config: Config,
    *,
    sock: socket.socket | None = None,
    book: ConnectionBook | None = None,
) -> None:
    """Serve `app` until SIGTERM (a clean stop: the loop ends, threads are told to)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    server = create(AccessLog(app), config, sock=sock, book=book)

    def stop(_signum, _frame) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    server.run()
