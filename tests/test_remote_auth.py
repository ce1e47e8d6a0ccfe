"""Loading into a remote store survives a connection the store resets.

Found in a full run under load: Virtuoso reset the connection of a graph PUT during a
build ("Connection reset by peer"), and the whole load failed. A PUT replaces the graph,
so sending it again is safe. The server here resets the first connection it gets, on a
loopback port: a real socket server, a real `requests` session. It also answers 401 to a
request without credentials, closing without reading the body, as Virtuoso does.
"""

from __future__ import annotations

import base64
import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from kg.remote import RemoteStore, RemoteStoreError


def _reset(conn: socket.socket) -> None:
    """Close so that the peer gets a TCP reset (SO_LINGER with a zero timeout)."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class ChallengingStore:
    """Answers 401 (Basic) to any request without credentials and closes at once without
    reading its body; with credentials, reads the body and answers 201."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.received: list[tuple[str, int]] = []  # (method, body bytes) accepted
        self._stop = False
        self.reset_first = 0  # connections to reset before answering
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                if self.reset_first > 0:
                    self.reset_first -= 1
                    conn.recv(65536)
                    _reset(conn)
                    continue
                self._one(conn)

    def _one(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method = lines[0].split()[0]
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
        expected = "Basic " + base64.b64encode(b"dba:secret").decode()
        if headers.get("authorization") != expected:
            conn.sendall(
                b'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="store"\r\n'
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
            _reset(conn)
            return  # closed with the body unread
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = conn.recv(1 << 20)
            if not chunk:
                return
            rest += chunk
        self.received.append((method, len(rest)))
        conn.sendall(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def close(self) -> None:
        self._stop = True
        self.sock.close()


@pytest.fixture
def store() -> Iterator[ChallengingStore]:
    s = ChallengingStore()
    yield s
    s.close()


def test_a_large_first_put_is_sent_with_the_credentials_the_store_asks_for(
    store: ChallengingStore,
) -> None:
    url = f"http://127.0.0.1:{store.port}/sparql-graph-crud-auth"
    remote = RemoteStore(query_url=url, gsp_url=url, user="dba", password="secret")
    body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n" * 120_000
    remote.put_graph("http://example.org/g", body)  # about 8 MB
    assert store.received == [("PUT", len(body))]


def test_a_put_the_store_resets_is_sent_again(store: ChallengingStore) -> None:
    store.reset_first = 1
    url = f"http://127.0.0.1:{store.port}/sparql-graph-crud-auth"
    remote = RemoteStore(query_url=url, gsp_url=url, user="dba", password="secret")
    body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n" * 1000
    remote.put_graph("http://example.org/g", body)
    assert store.received == [("PUT", len(body))]


def test_a_store_that_keeps_resetting_is_still_an_error(store: ChallengingStore) -> None:
    store.reset_first = 100
    url = f"http://127.0.0.1:{store.port}/sparql-graph-crud-auth"
    remote = RemoteStore(query_url=url, gsp_url=url, user="dba", password="secret")
    with pytest.raises(RemoteStoreError, match="unreachable"):
        remote.put_graph("http://example.org/g", b"<http://e/s> <http://e/p> <http://e/o> .\n")
