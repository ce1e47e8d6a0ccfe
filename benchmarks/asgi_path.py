"""uvicorn (httptools parser, uvloop) under the app: issue 16's "ASGI server" design, measured.

benchmarks/lean_path.py starts these as separate processes on loopback, beside `kg serve`
(waitress) and Oxigraph's own server:

    uvicorn --factory benchmarks.asgi_path:fixed_app   # the HTTP server alone, answering
                                                       # http_floor.FIXED_ANSWER
    uvicorn --factory benchmarks.asgi_path:kg_app      # `kg serve`'s WSGI app (access log,
                                                       # lean path, Flask) behind `OnLoop`

Why an event loop rather than request threads: a request thread costs a lookup two
thread switches and a fight for the GIL with the loop that reads requests. Here a lookup
(one triple pattern, `kg.executor.is_bounded_scan`, whose cost the row cap bounds) is
answered in the loop itself by the same WSGI app (told so by `ON_LOOP`, as waitress's
loop tells it), and only the rest goes to threads.
Measured, not taken (benchmarks/RESULTS.md section 7, "Lookups on the loop"): `kg serve`
now does the same on waitress's loop (kg/server/httpd.py) and matched this server's
throughput, with every guarantee of kg/server/httpd.py kept; of those this adapter
keeps only a request deadline (`NEWSGRAPH_REQUEST_TIMEOUT`, answered 408): uvicorn has
no per-address connection cap and no minimum body rate.
"""

from __future__ import annotations

import asyncio
import io
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks.http_floor import FIXED_ANSWER
from kg.server.httpd import LOOP_PATHS, ON_LOOP, REQUEUED, Requeue

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]

_FIXED_HEADERS = [
    (b"content-type", b"application/sparql-results+json"),
    (b"content-length", str(len(FIXED_ANSWER)).encode()),
]
_TIMEOUT_BODY = b"the request did not arrive in time (NEWSGRAPH_REQUEST_TIMEOUT)\n"


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionError
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _fixed(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    await _body(receive)
    await send({"type": "http.response.start", "status": 200, "headers": _FIXED_HEADERS})
    await send({"type": "http.response.body", "body": FIXED_ANSWER})


def fixed_app() -> Callable:
    """The HTTP server's own cost: read the request, answer a lookup-sized fixed answer."""
    return _fixed


class OnLoop:
    """ASGI -> WSGI: lookups answered in the event loop, everything else on a thread."""

    def __init__(self, wsgi: Callable, threads: int, request_timeout: float) -> None:
        self.wsgi = wsgi
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="request")
        self.timeout = request_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await _lifespan(receive, send)
        if scope["type"] != "http":
            return None
        try:
            body = await asyncio.wait_for(_body(receive), self.timeout)
        except TimeoutError:
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 408, "headers": headers})
            await send({"type": "http.response.body", "body": _TIMEOUT_BODY})
            return None
        except ConnectionError:
            return None
        loop = asyncio.get_running_loop()
        environ = self._environ(scope, body)
        answered = None
        if scope["path"] in LOOP_PATHS:  # a lookup is answered here, the rest raise Requeue
            try:
                answered = self._call({**environ, ON_LOOP: True})
            except Requeue as requeue:
                environ["wsgi.input"].seek(0)  # the thread's app reads the body again
                environ[REQUEUED] = requeue.charged
        if answered is None:
            answered = await loop.run_in_executor(self.pool, self._call, environ)
        status, headers, chunks = answered
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if isinstance(chunks, list):
            await send({"type": "http.response.body", "body": b"".join(chunks)})
            return None
        # a streamed answer: each chunk is read from the query process on a thread
        it = iter(chunks)
        try:
            while True:
                chunk = await loop.run_in_executor(self.pool, next, it, None)
                if chunk is None:
                    break
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                await loop.run_in_executor(self.pool, close)

    @staticmethod
    def _environ(scope: Scope, body: bytes) -> dict:
        server = scope.get("server") or ("127.0.0.1", 80)
        client = scope.get("client") or ("", 0)
        environ = {
            "REQUEST_METHOD": scope["method"],
            "SCRIPT_NAME": "",
            "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
            "QUERY_STRING": scope["query_string"].decode("latin-1"),
            "SERVER_NAME": server[0],
            "SERVER_PORT": str(server[1]),
            "SERVER_PROTOCOL": "HTTP/" + scope.get("http_version", "1.1"),
            "REMOTE_ADDR": client[0],
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": scope.get("scheme", "http"),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for raw_name, raw_value in scope["headers"]:
            name = raw_name.decode("latin-1").upper().replace("-", "_")
            value = raw_value.decode("latin-1")
            if name == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif name != "CONTENT_LENGTH":
                key = "HTTP_" + name
                environ[key] = environ[key] + "," + value if key in environ else value
        return environ

    def _call(self, environ: dict) -> tuple[int, list, Iterable[bytes]]:
        """Run the WSGI app: (status, headers, chunks: a list when answered whole)."""
        started: list = []

        def start_response(status: str, headers: list, _exc: Any = None) -> Callable:
            started[:] = [status, headers]
            return lambda _data: None

        result = self.wsgi(environ, start_response)
        if not isinstance(result, list):
            first = next(iter(result), None)  # the app calls start_response by its first chunk
            status, headers = started
            rest = _Prefixed(first, result)
        else:
            status, headers = started
            rest = result
        return (
            int(status.split(" ", 1)[0]),
            [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            rest,
        )


class _Prefixed:
    """A WSGI answer whose first chunk was already read."""

    def __init__(self, first: bytes | None, rest: Iterable[bytes]) -> None:
        self.first, self.rest, self.it = first, rest, iter(rest)

    def __iter__(self) -> _Prefixed:
        return self

    def __next__(self) -> bytes:
        if self.first is not None:
            first, self.first = self.first, None
            return first
        return next(self.it)

    def close(self) -> None:
        close = getattr(self.rest, "close", None)
        if close is not None:
            close()


def kg_app() -> Callable:
    """The app `kg serve` runs (access log, lean path, Flask; query processes started)."""
    from benchmarks.http_floor import kg_app as flask_app
    from kg.config import from_env
    from kg.server.httpd import AccessLog

    config = from_env()
    threads = int(os.environ.get("NEWSGRAPH_THREADS", "64"))
    return OnLoop(AccessLog(flask_app()), threads, config.request_timeout)
