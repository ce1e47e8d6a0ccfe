"""Stand-ins for the federation tests, all on loopback: never any other address.

- `load_data_dir` builds a store from a fixture file through the real build API, so a
  second `kg serve` can stand in for Wikidata's query service.
- `FakeRemote` is a tiny HTTP server that misbehaves on purpose (sleeps, answers 429,
  sends too much) and records every request it receives, with its User-Agent.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.config import Config
from kg.store import begin_build

DATA = Path(__file__).resolve().parent / "data"
SLICE = DATA / "wikidata-slice.ttl"
FIXTURE = DATA / "federation-fixture.trig"
SLICE_GRAPH = "http://test.invalid/wikidata-slice"

OK_RESULTS = json.dumps(
    {
        "head": {"vars": ["x", "stray"]},
        "results": {
            "bindings": [
                {"x": {"type": "literal", "value": "from the remote"}},
                {
                    "x": {"type": "uri", "value": "http://example.org/thing"},
                    "stray": {"type": "literal", "value": "not in the pattern"},
                },
            ]
        },
    }
).encode()


def load_data_dir(data_dir: Path, source: Path, extra: tuple[str, str] | None = None) -> Path:
    """A data folder whose current build holds `source` (TriG, or Turtle into one graph),
    and `extra` (N-Triples text, graph IRI) if given."""
    data_dir.mkdir(parents=True, exist_ok=True)
    pending = begin_build(Config(data_dir=data_dir))
    if extra is not None:
        pending.store.load(
            extra[0].encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(extra[1])
        )
    if source.suffix == ".trig":
        pending.store.load(path=str(source), format=ox.RdfFormat.TRIG)
    else:
        pending.store.load(
            path=str(source), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(SLICE_GRAPH)
        )
    pending.commit({"sources": [source.name]})
    return data_dir


STANDIN_ITEM = "http://test.invalid/wikidata-standin/item/"


def slice_names() -> list[tuple[str, str, list[str]]]:
    """(item IRI, English label, aliases) for every labelled item of the slice."""
    store = ox.Store()
    store.load(path=str(SLICE), format=ox.RdfFormat.TURTLE)
    out: dict[str, tuple[str, list[str]]] = {}
    rdfs_label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    for quad in store.quads_for_pattern(None, rdfs_label, None, None):
        out[quad.subject.value] = (quad.object.value, [])
    for quad in store.quads_for_pattern(None, alt, None, None):
        if quad.subject.value in out:
            out[quad.subject.value][1].append(quad.object.value)
    return [(iri, label, aliases) for iri, (label, aliases) in sorted(out.items())]


SYNTHETIC_GRAPH = "https://w3id.org/newsgraph/id/doc/synthetic-links"


def bind_join_data(root: Path, local_rows: int, remote_items: int) -> tuple[Path, Path]:
    """Data folders for the bind-join test and benchmark: (ours, the stand-in's).

    Ours: the federation fixture plus `local_rows` synthetic persons, each linked with
    owl:sameAs to a distinct stand-in item. The stand-in: the Wikidata slice plus
    `remote_items` items with a birth date (P569), many more than we link, as on
    Wikidata. Items are clearly fake IRIs (test.invalid), never real QIDs.
    """
    step = max(1, remote_items // max(1, local_rows))
    remote = "".join(
        f"<{STANDIN_ITEM}{i}> <http://www.wikidata.org/prop/direct/P569> "
        f'"{1900 + i % 100}-01-{1 + i % 28:02d}T00:00:00Z"'
        "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
        for i in range(remote_items)
    )
    local = "".join(
        f"<https://w3id.org/newsgraph/id/person/synthetic-{i}> "
        f"<http://www.w3.org/2002/07/owl#sameAs> <{STANDIN_ITEM}{i * step}> .\n"
        for i in range(local_rows)
    )
    ours = load_data_dir(root / "ours", FIXTURE, extra=(local, SYNTHETIC_GRAPH))
    standin = load_data_dir(root / "standin", SLICE, extra=(remote, SLICE_GRAPH))
    return ours, standin


@dataclass
class Hit:
    path: str
    method: str
    user_agent: str
    query: str


@dataclass
class FakeRemote:
    """Loopback HTTP server with one misbehaviour per path; records every hit."""

    port: int = 0
    hits: list[Hit] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    big_bytes: int = 300_000
    sleep_seconds: float = 6.0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wbsearchentities(self, params: dict[str, list[str]]) -> dict:
        """Wikidata's entity search, over the slice: label or alias starting with the
        search text (case and accents folded), as `action=wbsearchentities` answers."""
        from kg.reconcile import normal

        if params.get("action") != ["wbsearchentities"]:
            return {"error": {"code": "badvalue", "info": "only wbsearchentities"}}
        wanted = normal(params.get("search", [""])[0])
        limit = int(params.get("limit", ["7"])[0])
        found = []
        for iri, label, aliases in slice_names():
            hit = None
            if normal(label).startswith(wanted):
                hit = {"type": "label", "language": "en", "text": label}
            else:
                alias = next((a for a in aliases if normal(a).startswith(wanted)), None)
                if alias:
                    hit = {"type": "alias", "language": "en", "text": alias}
            if wanted and hit:
                qid = iri.rsplit("/", 1)[-1]
                entry = {"id": qid, "concepturi": iri, "label": label, "match": hit}
                if hit["type"] == "alias":
                    entry["aliases"] = [hit["text"]]
                found.append(entry)
        return {"searchinfo": {"search": params.get("search", [""])[0]},
                "search": found[:limit], "success": 1}  # fmt: skip

    def hits_for(self, prefix: str) -> list[Hit]:
        return [h for h in self.hits if h.path.startswith(prefix)]

    def start(self) -> FakeRemote:
        remote = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query).get("query", [""])[0]
                if self.command == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    form = parse_qs(self.rfile.read(length).decode())
                    query = form.get("query", [query])[0]
                path = parts.path
                remote.hits.append(
                    Hit(path, self.command, self.headers.get("User-Agent", ""), query)
                )
                n = remote.counters[path] = remote.counters.get(path, 0) + 1
                json_type = {"Content-Type": "application/sparql-results+json"}
                if path == "/sleep":
                    time.sleep(remote.sleep_seconds)
                    self._answer(200, OK_RESULTS, json_type)
                elif path == "/busy-once":
                    if n % 2 == 1:
                        self._answer(429, b"slow down\n", {"Retry-After": "1"})
                    else:
                        self._answer(200, OK_RESULTS, json_type)
                elif path == "/busy":
                    self._answer(429, b"slow down\n", {"Retry-After": "120"})
                elif path == "/big":
                    self._answer(200, b" " * remote.big_bytes + OK_RESULTS, json_type)
                elif path in remote.files:
                    body, media_type = remote.files[path]
                    self._answer(200, body, {"Content-Type": media_type})
                elif path == "/w/api.php":
                    params = parse_qs(parts.query)
                    body = json.dumps(remote.wbsearchentities(params)).encode()
                    self._answer(200, body, {"Content-Type": "application/json"})
                elif path in ("/ok", "/ok/sparql"):
                    self._answer(200, OK_RESULTS, json_type)
                else:
                    self._answer(200, b"<http://a> <http://b> <http://c> .\n", {
                        "Content-Type": "text/turtle"
                    })  # fmt: skip

            do_GET = _handle  # noqa: N815
            do_POST = _handle  # noqa: N815

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                # Our client hangs up on purpose (timeouts, byte cap): not an error here.
                exc = sys.exc_info()[1]
                if not isinstance(exc, ConnectionError | TimeoutError):
                    super().handle_error(request, client_address)  # type: ignore[arg-type]

        server = Server(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":
    # `python -m tests.federation_support DATA_DIR`: a data folder holding the Wikidata
    # slice, to serve by hand as a stand-in (see docs/federation.md).
    print(load_data_dir(Path(sys.argv[1]), SLICE))
