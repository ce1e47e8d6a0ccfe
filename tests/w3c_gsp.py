"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests, replayed over real HTTP.

The suite (`http-rdf-update/tests.txt` in tests/w3c-suites/, from rdflib's source
distribution) is a sequence of HTTP exchanges written out as text. This module reads
them, groups each request with the GETs that check it (13 tests, as the W3C's
implementation reports count them), and replays them in order against a server.

`$GRAPHSTORE$` is our `/rdf-graph-store`. Requests to other paths (`/person/1.ttl`)
use direct graph identification; our store identifies graphs indirectly, so they are
sent as `?graph=http://HOST/person/1.ttl`: the same graph IRI. `$NEWPATH$` is the
Location the "create new graph" POST returned.

One erratum is applied: the suite's Turtle payloads end their last triple without
the `.` Turtle requires (`… v:fn "John Doe" ]`), which a conforming parser rejects;
the runner adds it (`_terminate`), and changes nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import requests
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.w3c_suites import ROOT

TESTS_TXT = ROOT / "http-rdf-update" / "tests.txt"
PREFIXES = (
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    "@prefix v: <http://www.w3.org/2006/vcard/ns#> .\n"
)
HEADER = re.compile(r"^([A-Za-z-]+):\s*(.*)$")


@dataclass
class Exchange:
    title: str
    method: str
    path: str
    headers: dict[str, str]
    body: str
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str = ""


@dataclass
class GspTest:
    name: str
    exchanges: list[Exchange]


def parse(path: Path = TESTS_TXT) -> list[GspTest]:
    lines = path.read_text(encoding="utf-8").splitlines()
    exchanges: list[Exchange] = []
    i = 0
    while i < len(lines):
        m = re.match(r"^-*\s*Request \((.*)\)\s*-*\s*$", lines[i])
        if not m:
            i += 1
            continue
        title = " ".join(m.group(1).split())
        i += 1
        request_lines = []
        while i < len(lines) and not re.match(r"^-+\s*Response\s*-*\s*$", lines[i].strip()):
            request_lines.append(lines[i])
            i += 1
        i += 1
        response_lines = []
        while i < len(lines) and not re.match(r"^-{5,}\s*$", lines[i].strip()):
            response_lines.append(lines[i])
            i += 1
        method, target, _ = request_lines[0].split(" ", 2)
        headers, body = _head_and_body(request_lines[1:])
        ex = Exchange(title, method, target, headers, body)
        status_line = response_lines[0].strip()
        ex.status = int(status_line.split()[0])
        ex.response_headers, ex.response_body = _head_and_body(response_lines[1:])
        exchanges.append(ex)
    tests: list[GspTest] = []
    for ex in exchanges:
        checked = re.match(r"^(GET|HEAD) of (.*)$", ex.title)
        if checked and ex.method == "GET" and tests:
            tests[-1].exchanges.append(ex)
        else:
            tests.append(GspTest(ex.title, [ex]))
    return tests


def _head_and_body(lines: list[str]) -> tuple[dict[str, str], str]:
    headers: dict[str, str] = {}
    k = 0
    while k < len(lines) and lines[k].strip() and HEADER.match(lines[k]):
        name, value = HEADER.match(lines[k]).groups()  # type: ignore[union-attr]
        headers[name.lower()] = value.strip()
        k += 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return headers, "\n".join(lines[k:]).strip()


class GspRunner:
    def __init__(self, base_url: str, token: str) -> None:
        self.base = base_url.rstrip("/")
        self.host = self.base.split("://", 1)[1]
        self.store = self.base + "/rdf-graph-store"
        self.token = token
        self.new_path: str | None = None

    def _url(self, path: str) -> tuple[str, dict[str, str]]:
        if path == "$NEWPATH$":
            assert self.new_path, "no Location from the create-graph POST"
            return self.new_path, {}
        if path.startswith("$GRAPHSTORE$"):
            rest = path[len("$GRAPHSTORE$") :]
            params = {"default": ""} if rest == "?default" else {}
            return self.store, params
        return self.store, {"graph": f"http://{self.host}{path}"}

    def run(self, test: GspTest) -> list[str]:
        problems: list[str] = []
        for ex in test.exchanges:
            url, params = self._url(ex.path)
            headers = {k: v.replace("$HOST$", self.host) for k, v in ex.headers.items()}
            headers.pop("host", None)
            if ex.method not in ("GET", "HEAD"):
                headers["Authorization"] = f"Bearer {self.token}"
            body = _terminate(ex.body.replace("$HOST$", self.host))
            if "multipart" in headers.get("content-type", ""):
                body = body.replace("\n", "\r\n") + "\r\n"
            resp = requests.request(
                ex.method, url, params=params, data=body.encode() if body else None,
                headers=headers, timeout=30,
            )  # fmt: skip
            if not _status_ok(ex.status, resp.status_code):
                problems.append(f"{ex.title}: expected {ex.status}, got {resp.status_code}")
                continue
            if ex.status == 201 and "location" in ex.response_headers:
                self.new_path = resp.headers.get("Location")
                if not self.new_path:
                    problems.append(f"{ex.title}: 201 without Location")
            want_type = ex.response_headers.get("content-type")
            if want_type and not resp.headers.get("Content-Type", "").startswith(want_type):
                problems.append(f"{ex.title}: Content-Type {resp.headers.get('Content-Type')}")
            if ex.method == "GET" and ex.status == 200:
                expected = _terminate(ex.response_body.replace("$HOST$", self.host))
                if not _same_graph(expected, resp.text):
                    problems.append(f"{ex.title}: the graph differs:\n{resp.text}")
        return problems


def _terminate(body: str) -> str:
    """Add the final `.` the suite's Turtle payloads leave out (before each multipart
    boundary, or at the end)."""
    lines = body.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        ends_part = nxt is None or nxt.startswith("--")
        text = line.rstrip()
        is_rdf = text and not text.startswith(("--", "Content-", "content-", "@prefix"))
        if ends_part and is_rdf and not text.endswith("."):
            out[-1] = text + " ."
    return "\n".join(out)


def _status_ok(expected: int, got: int) -> bool:
    if expected in (200, 204):
        return got in (200, 204)
    return expected == got


def _same_graph(expected: str, got: str) -> bool:
    a, b = Graph(), Graph()
    if expected.strip():
        a.parse(data=(PREFIXES if "@prefix" not in expected else "") + expected, format="turtle")
    b.parse(data=got, format="turtle")
    return isomorphic(a, b)
