"""A query the server's loop sends on to a request thread (server/fastpath.py with
kg/server/httpd.py's `Requeue`): what the loop read travels with it."""

from __future__ import annotations

import io
import json
import urllib.parse
from pathlib import Path

import pytest

from kg.config import Config
from kg.server.app import create_app
from kg.server.httpd import ON_LOOP, PARSED, Requeue
from tests.test_limits_server import copy_data

# Two patterns: not a lookup, so the loop does not answer it.
QUERY = "SELECT ?o WHERE { ?s a ?c . ?s ?p ?o } LIMIT 3"


class _Unread(io.BytesIO):
    """A request body that must not be read again."""

    def read(self, *_a: object) -> bytes:
        raise AssertionError("the request body was read a second time")


def _environ(body: bytes, stream: io.BytesIO, **extra: object) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/sparql",
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": stream,
        "HTTP_ACCEPT": "application/sparql-results+json",
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "127.0.0.1:1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "1",
        "REMOTE_ADDR": "127.0.0.1",
        "SCRIPT_NAME": "",
        **extra,
    }


def test_the_thread_answers_from_what_the_loop_read(built_data_dir: Path, tmp_path: Path) -> None:
    """The loop parses the request (form, parameters, checks) to tell a lookup; a query
    it sends on carries that parse, and the thread answers from it without reading and
    parsing the body again."""
    data = copy_data(built_data_dir, tmp_path / "var")
    app = create_app(Config(data_dir=data, rate_limit=0))
    body = urllib.parse.urlencode({"query": QUERY}).encode()
    try:
        with pytest.raises(Requeue) as sent_on:
            app(_environ(body, io.BytesIO(body), **{ON_LOOP: True}), lambda *_a: None)
        assert sent_on.value.parsed == {"query": [QUERY]}
        got: list[str] = []
        answer = app(
            _environ(body, _Unread(body), **{PARSED: sent_on.value.parsed}),
            lambda status, _headers, _exc=None: got.append(status),
        )
        doc = json.loads(b"".join(answer))
        assert got == ["200 OK"]
        assert doc["head"]["vars"] == ["o"] and len(doc["results"]["bindings"]) == 3
    finally:
        app.extensions["newsgraph.executor"].close()
