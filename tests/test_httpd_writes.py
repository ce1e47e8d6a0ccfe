"""How kg/server/httpd.py's waitress writes answers onto the socket.

The server runs in this process on a loopback port, with a plain WSGI app in place of
newsgraph's, so that every `send` it makes can be recorded.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from waitress import wasyncore

from kg.config import Config
from kg.server import httpd

BODY = b'{"head":{"vars":["p","o"]},"results":{"bindings":[]}}'


def _app(environ: dict, start_response: Callable) -> list[bytes]:
    if environ["PATH_INFO"] == "/stream":  # no Content-Length: waitress chunks it
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter([BODY, BODY])  # type: ignore[return-value]
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]


@pytest.fixture
def sends(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, list[bytes]]]:
    """A running server on a free port, and the bytes of each `send` it made."""
    sent: list[bytes] = []
    original = httpd.GuardedChannel.send

    def recording(self: httpd.GuardedChannel, data: bytes, do_close: bool = True) -> int:
        n = original(self, data, do_close=do_close)
        sent.append(bytes(data[:n]))
        return n

    monkeypatch.setattr(httpd.GuardedChannel, "send", recording)
    server = httpd.create(_app, Config(threads=2), port=0)
    loop = threading.Thread(target=server.run, daemon=True)
    loop.start()
    try:
        yield server.effective_port, sent
    finally:
        server.task_dispatcher.shutdown()
        wasyncore.close_all(server._map)  # the loop ends with an empty map
        loop.join(timeout=10)


def _get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        got = b""
        while chunk := s.recv(65536):
            got += chunk
    return got


@pytest.mark.parametrize("path", ["/sparql", "/other"])  # on the loop; on a request thread
def test_a_small_answer_leaves_in_one_send(sends: tuple[int, list[bytes]], path: str) -> None:
    """Head and body together: one `send`, one segment, one wake-up of the client
    (waitress wrote the head and the body with a `send` each)."""
    port, sent = sends
    got = _get(port, path)
    assert got.startswith(b"HTTP/1.1 200 OK\r\n") and got.endswith(b"\r\n\r\n" + BODY)
    assert f"Content-Length: {len(BODY)}\r\n".encode() in got
    assert sent == [got]


def test_a_chunked_answer_is_framed_as_waitress_frames_it(sends: tuple[int, list[bytes]]) -> None:
    port, sent = sends
    got = _get(port, "/stream")
    frame = b"%X\r\n%s\r\n" % (len(BODY), BODY)
    assert b"Transfer-Encoding: chunked\r\n" in got
    assert got.endswith(b"\r\n\r\n" + frame + frame + b"0\r\n\r\n")
    assert b"".join(sent) == got


@pytest.mark.parametrize(("path", "pulls"), [("/sparql", 0), ("/other", 1)])
def test_only_a_request_thread_wakes_the_loop(
    sends: tuple[int, list[bytes]], monkeypatch: pytest.MonkeyPatch, path: str, pulls: int
) -> None:
    """An answer written on the loop needs no wake-up of the loop through its pipe (a
    write, a poll and a read each); one written on a request thread does."""
    from waitress import trigger

    pulled: list[int] = []
    original = trigger.trigger._physical_pull

    def counting(self: trigger.trigger) -> None:
        pulled.append(threading.get_ident())
        original(self)

    monkeypatch.setattr(trigger.trigger, "_physical_pull", counting)
    port, _ = sends
    assert _get(port, path).endswith(BODY)
    assert len(pulled) == pulls


class _Lines:
    """A text stream that keeps each `write` call apart."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_the_access_log_writes_a_line_at_once() -> None:
    """One write per line (print wrote the text and its newline apart, so lines from the
    loop and request threads could interleave)."""
    stream = _Lines()
    logged = httpd.AccessLog(_app, stream)  # type: ignore[arg-type]
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/sparql",
        "QUERY_STRING": "query=ASK%7B%7D",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "probe",
    }
    for _ in range(2):
        assert logged(environ, lambda *_a: None) == [BODY]
    assert len(stream.writes) == 2
    for line in stream.writes:
        assert line.startswith("127.0.0.1 - - [") and line.endswith(
            f'] "GET /sparql?query=ASK%7B%7D HTTP/1.1" 200 {len(BODY)} "-" "probe"\n'
        )
