"""Red team: replay every attack of issue #14 against the real server and build.

    python -m benchmarks.redteam            # builds the seeds, starts two servers, runs all
    python -m benchmarks.redteam --json out.json --only ssrf

Each attack is a function that tries one thing a hostile client would, on loopback
only, and says whether the server held (and what it saw). The catalogue is shared
with tests/test_redteam.py, which runs each attack as its own regression test (all
but the few whose verdict is a latency figure: those run here only). The summary
line, "tried N, held M", is what docs/limits.md quotes.

Two servers: a read-only one (`NEWSGRAPH_QUERY_TIMEOUT=5`, rate limit off) and one with
SPARQL Update enabled (for the update and `/id` attacks). A `Listener` on another
loopback port stands for "somewhere the server must never connect to": it records
every connection, and can answer or hang.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ADMIN_TOKEN = "redteam-admin-token"
JSON = "application/sparql-results+json"
HANG = 60.0
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NG = "https://w3id.org/newsgraph/ontology#"


# --- the place nobody may reach ---


class Listener:
    """An HTTP server on loopback that records each connection; `hang` never answers."""

    def __init__(self, hang: bool = False) -> None:
        self.hits: list[str] = []
        self.hang = hang
        self._stop = threading.Event()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                listener.hits.append(f"{self.command} {self.path}")
                if listener.hang:
                    listener._stop.wait(120)
                    return
                body = b'{"@context": {"x": "http://example.org/x"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Server:
    url: str
    port: int
    pid: int
    data_dir: Path

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def rss_mib(self) -> float:
        """Resident memory of the web processes (not their query workers): `kg serve`
        itself and, with NEWSGRAPH_WEB_PROCESSES above one, the web processes it forked."""
        total = 0.0
        for pid in [self.pid, *web_children(self.pid)]:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
            except OSError:
                pass
        return total


def web_children(pid: int) -> list[int]:
    """The web processes `kg serve` (`pid`) forked: its children running kg.cli (not
    its fork server, which runs kg.cli's command line too under its own name, or the
    resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                if (
                    b"kg.cli" in Path(f"/proc/{child}/cmdline").read_bytes()
                    and Path(f"/proc/{child}/comm").read_bytes().strip() != b"kg-forkserver"
                ):
                    found.append(int(child))
            except OSError:
                continue
    return found


@dataclass
class Context:
    """What the attacks get: the two servers, a listener, a scratch folder."""

    server: Server
    writable: Server | None
    listener: Listener
    scratch: Path
    request_timeout: float = 2.0
    query_timeout: float = 5.0


@dataclass
class Result:
    area: str
    name: str
    held: bool
    detail: str
    seconds: float = 0.0


@dataclass
class Attack:
    area: str
    name: str
    run: Callable[[Context], tuple[bool, str]]
    timed: bool = False  # its verdict is a latency figure: the script only, not a test
    needs: str = ""  # "writable", "chromium"
    covered_by: str = ""  # the test file that replays it in more detail (tests skip it here)


ATTACKS: list[Attack] = []


def attack(
    area: str, name: str, *, timed: bool = False, needs: str = "", covered_by: str = ""
) -> Callable:
    def register(fn: Callable[[Context], tuple[bool, str]]) -> Callable:
        ATTACKS.append(Attack(area, name, fn, timed, needs, covered_by))
        return fn

    return register


def _validate(ctx: Context, body: bytes | str, ctype: str, **kw) -> requests.Response:
    data = body.encode() if isinstance(body, str) else body
    return requests.post(
        ctx.server.url + "/validate",
        data=data,
        headers={"Content-Type": ctype, "Accept": "text/plain"},
        timeout=HANG,
        **kw,
    )


def _refused_without_contact(ctx: Context, r: requests.Response) -> tuple[bool, str]:
    held = r.status_code == 400 and not ctx.listener.hits
    return held, f"{r.status_code}: {r.text.strip()[:120]}; listener hits {len(ctx.listener.hits)}"


# --- 1. SSRF and local files through /validate ---


def _jsonld(ctx: Context, context: object, extra: str = '"x": "y"') -> str:
    return json.dumps({"@context": context})[:-1] + ", " + extra + "}"


@attack("ssrf", "JSON-LD @context naming a URL")
def _ctx_url(ctx: Context) -> tuple[bool, str]:
    r = _validate(ctx, _jsonld(ctx, ctx.listener.url + "ctx"), "application/ld+json")
    return _refused_without_contact(ctx, r)


@attack("ssrf", "JSON-LD context array with a URL")
def _ctx_array(ctx: Context) -> tuple[bool, str]:
    body = _jsonld(ctx, [{"a": "http://e/a"}, ctx.listener.url + "arr"], '"a": "y"')
    return _refused_without_contact(ctx, _validate(ctx, body, "application/ld+json"))


@attack("ssrf", "JSON-LD scoped context with a URL")
def _ctx_scoped(ctx: Context) -> tuple[bool, str]:
    doc = {
        "@context": {
            "@version": 1.1,
            "t": {"@id": "http://e/t", "@context": ctx.listener.url + "scoped"},
        },
        "@id": "http://e/s",
        "t": {"x": "1"},
    }
    return _refused_without_contact(ctx, _validate(ctx, json.dumps(doc), "application/ld+json"))


@attack("ssrf", "JSON-LD @import")
def _ctx_import(ctx: Context) -> tuple[bool, str]:
    body = _jsonld(ctx, {"@version": 1.1, "@import": ctx.listener.url + "import"})
    return _refused_without_contact(ctx, _validate(ctx, body, "application/ld+json"))


@attack("ssrf", "JSON-LD context in a multipart data part")
def _ctx_multipart(ctx: Context) -> tuple[bool, str]:
    body = _jsonld(ctx, ctx.listener.url + "part")
    r = requests.post(
        ctx.server.url + "/validate",
        files={"data": ("x.jsonld", body, "application/ld+json")},
        headers={"Accept": "text/plain"},
        timeout=HANG,
    )
    return _refused_without_contact(ctx, r)


@attack("ssrf", "JSON-LD context in a multipart shapes part")
def _ctx_multipart_shapes(ctx: Context) -> tuple[bool, str]:
    shapes = _jsonld(ctx, ctx.listener.url + "shapes")
    r = requests.post(
        ctx.server.url + "/validate",
        files={
            "data": ("d.ttl", "<http://e/s> <http://e/p> 1 .", "text/turtle"),
            "shapes": ("s.jsonld", shapes, "application/ld+json"),
        },
        headers={"Accept": "text/plain"},
        timeout=HANG,
    )
    return _refused_without_contact(ctx, r)


@attack("ssrf", '"@context": "file:///dev/zero" (memory exhaustion)')
def _dev_zero(ctx: Context) -> tuple[bool, str]:
    before = ctx.server.rss_mib()
    r = _validate(ctx, _jsonld(ctx, "file:///dev/zero"), "application/ld+json")
    grew = ctx.server.rss_mib() - before
    return r.status_code == 400 and grew < 64, f"{r.status_code}; web process +{grew:.0f} MiB"


@attack("ssrf", "error texts do not tell which local files exist")
def _no_path_oracle(ctx: Context) -> tuple[bool, str]:
    texts = [
        _validate(ctx, _jsonld(ctx, f"file://{p}"), "application/ld+json").text
        for p in ("/etc/passwd", "/no/such/file", str(ctx.scratch))
    ]
    same = len(set(texts)) == 1 and "root:" not in texts[0]
    return (
        same,
        f"{len(set(texts))} distinct answer(s) for an existing file, a missing one, a folder",
    )


@attack("ssrf", "error texts do not tell which local ports are open")
def _no_port_oracle(ctx: Context) -> tuple[bool, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # bound, not listening: refused
        texts = [
            _validate(ctx, _jsonld(ctx, url), "application/ld+json").text
            for url in (ctx.listener.url, f"http://127.0.0.1:{closed}/")
        ]
    return len(set(texts)) == 1 and not ctx.listener.hits, f"{len(set(texts))} distinct answer(s)"


@attack("ssrf", "16 requests naming a context host that never answers")
def _hanging_host(ctx: Context) -> tuple[bool, str]:
    hanging = Listener(hang=True)
    try:
        body = _jsonld(ctx, hanging.url + "slow")
        answers: list[int] = []

        def one() -> None:
            try:
                answers.append(_validate(ctx, body, "application/ld+json").status_code)
            except requests.RequestException:
                answers.append(0)

        threads = [threading.Thread(target=one) for _ in range(16)]
        for t in threads:
            t.start()
        health = requests.get(ctx.server.url + "/health", timeout=HANG).status_code
        for t in threads:
            t.join()
        held = answers == [400] * 16 and health == 200 and not hanging.hits
        return held, f"answers {sorted(set(answers))}, /health {health}, hits {len(hanging.hits)}"
    finally:
        hanging.close()


def _rdfxml(doctype: str, value: str = "v") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rdf:RDF xmlns:rdf="{RDF}">'
        f'<rdf:Description rdf:about="http://e/s"><rdf:value>{value}</rdf:value>'
        "</rdf:Description></rdf:RDF>"
    )


@attack("ssrf", "RDF/XML external entity (URL)")
def _xml_entity(ctx: Context) -> tuple[bool, str]:
    body = _rdfxml(f'<!DOCTYPE r [<!ENTITY e SYSTEM "{ctx.listener.url}ent">]>', "&e;")
    return _refused_without_contact(ctx, _validate(ctx, body, "application/rdf+xml"))


@attack("ssrf", "RDF/XML external entity (local file)")
def _xml_file_entity(ctx: Context) -> tuple[bool, str]:
    body = _rdfxml('<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")
    r = _validate(ctx, body, "application/rdf+xml")
    return r.status_code == 400 and "root:" not in r.text, f"{r.status_code}: {r.text[:100]}"


@attack("ssrf", "RDF/XML external DTD")
def _xml_dtd(ctx: Context) -> tuple[bool, str]:
    body = _rdfxml(f'<!DOCTYPE r SYSTEM "{ctx.listener.url}dtd">')
    return _refused_without_contact(ctx, _validate(ctx, body, "application/rdf+xml"))


SHAPE_PREFIX = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"


def _sparql_shape(select: str) -> str:
    return SHAPE_PREFIX + (
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ;"
        f' sh:sparql [ a sh:SPARQLConstraint ; sh:select """{select}""" ] .'
    )


def _validate_with_shapes(ctx: Context, shapes: str, data: str) -> requests.Response:
    return requests.post(
        ctx.server.url + "/validate",
        files={
            "data": ("d.ttl", data, "text/turtle"),
            "shapes": ("s.ttl", shapes, "text/turtle"),
        },
        headers={"Accept": "text/plain"},
        timeout=HANG,
    )


@attack("ssrf", "SHACL-SPARQL constraint with SERVICE")
def _shape_service(ctx: Context) -> tuple[bool, str]:
    shapes = _sparql_shape(
        f"SELECT $this WHERE {{ SERVICE <{ctx.listener.url}sparql> {{ ?s ?p ?o }} }}"
    )
    r = _validate_with_shapes(ctx, shapes, "<http://example.org/a> <http://e/p> 1 .")
    return _refused_without_contact(ctx, r)


@attack("ssrf", "SHACL-SPARQL constraint with FROM <url>")
def _shape_from(ctx: Context) -> tuple[bool, str]:
    shapes = _sparql_shape(f"SELECT $this FROM <{ctx.listener.url}from> WHERE {{ ?s ?p ?o }}")
    r = _validate_with_shapes(ctx, shapes, "<http://example.org/a> <http://e/p> 1 .")
    held = r.status_code < 500 and not ctx.listener.hits
    return held, f"{r.status_code}; listener hits {len(ctx.listener.hits)}"


@attack("ssrf", "owl:imports in uploaded shapes")
def _owl_imports(ctx: Context) -> tuple[bool, str]:
    shapes = (
        SHAPE_PREFIX
        + f"<http://e/shapes> <http://www.w3.org/2002/07/owl#imports> <{ctx.listener.url}imp> ."
    )
    r = _validate_with_shapes(ctx, shapes, "<http://example.org/a> <http://e/p> 1 .")
    return (
        r.status_code < 500 and not ctx.listener.hits,
        f"{r.status_code}; hits {len(ctx.listener.hits)}",
    )


# --- 2. slow clients ---


def _slow_socket(ctx: Context) -> socket.socket:
    s = socket.socket()
    s.bind(("127.0.0.2", 0))  # another loopback address: the attacker's
    s.settimeout(HANG)
    s.connect(("127.0.0.1", ctx.server.port))
    return s


def _closed_within(s: socket.socket) -> tuple[float, bytes]:
    t0 = time.monotonic()
    got = b""
    try:
        while chunk := s.recv(4096):
            got += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return time.monotonic() - t0, got


@attack(
    "slow",
    "16 connections that never finish their request (slowloris)",
    covered_by="tests/test_slow_clients.py",
)
def _slowloris(ctx: Context) -> tuple[bool, str]:
    slow = [_slow_socket(ctx) for _ in range(16)]
    for s in slow:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    stop = threading.Event()

    def drip() -> None:
        while not stop.wait(0.5):
            for s in slow:
                try:
                    s.sendall(b"X")
                except OSError:
                    pass

    threading.Thread(target=drip, daemon=True).start()
    statuses: list[int] = []
    try:
        for i in range(90):  # 45 health probes and 45 queries
            try:
                if i % 2:
                    r = requests.get(ctx.server.url + "/health", timeout=10)
                else:
                    r = requests.post(
                        ctx.server.sparql,
                        data={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": JSON},
                        timeout=10,
                    )
                statuses.append(r.status_code)
            except requests.RequestException:
                statuses.append(0)
        closed = [_closed_within(s) for s in slow]
    finally:
        stop.set()
        for s in slow:
            s.close()
    cut = sum(1 for seconds, got in closed if got.startswith(b"HTTP/1.1 408"))
    ok = statuses.count(200)
    return (
        ok == 90 and cut == 16,
        f"{ok}/90 probes answered 200; {cut}/16 slow connections cut (408)",
    )


@attack("slow", "a request body sent at 10 bytes/s", covered_by="tests/test_slow_clients.py")
def _slow_body(ctx: Context) -> tuple[bool, str]:
    s = _slow_socket(ctx)
    s.sendall(
        b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/turtle\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(1.0):
            try:
                s.sendall(b" " * 10)
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    try:
        seconds, got = _closed_within(s)
    finally:
        stop.set()
        s.close()
    return got.startswith(b"HTTP/1.1 408"), f"closed after {seconds:.1f} s: {got[:40]!r}"


# --- 3. builds ---


def _kg(*args: str, data: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["NEWSGRAPH_DATA_DIR"] = str(data)
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@attack(
    "build",
    "two `kg build`s at once, 4 rounds, a server reading meanwhile",
    covered_by="tests/test_build_lock.py",
)
def _concurrent_builds(ctx: Context) -> tuple[bool, str]:
    data = ctx.server.data_dir
    bad: list[str] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                code = requests.get(ctx.server.url + "/health", timeout=10).status_code
                if code != 200:
                    bad.append(f"/health {code}")
            except requests.RequestException as exc:
                bad.append(type(exc).__name__)
            stop.wait(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    failed = 0
    try:
        for _ in range(4):
            builds = [_kg("build", str(SEEDS), data=data) for _ in range(2)]
            for b in builds:
                b.communicate(timeout=600)
                failed += b.returncode != 0
    finally:
        stop.set()
        poller.join()
    return failed == 0 and not bad, f"{8 - failed}/8 builds succeeded; /health failures {len(bad)}"


def _damaged_cache(ctx: Context, damage: Callable[[Path], None], what: str) -> tuple[bool, str]:
    data = ctx.scratch / f"cache-{what}"
    shutil.rmtree(data, ignore_errors=True)
    first = _kg("build", str(SEEDS), data=data)
    first.communicate(timeout=600)
    manifest = lambda: json.loads(  # noqa: E731
        (data / "stores" / (data / "CURRENT").read_text().strip() / "build.json").read_text()
    )
    triples = manifest()["triples"]
    entry = sorted((data / "cache").rglob("*.nt"))[0]
    damage(entry)
    again = _kg("build", str(SEEDS), data=data)
    _out, err = again.communicate(timeout=600)
    held = again.returncode == 0 and manifest()["triples"] == triples and "is unusable" in err
    return held, f"rebuild exit {again.returncode}, triples {manifest()['triples']}/{triples}"


@attack("build", "a 0-byte cache entry", covered_by="tests/test_build_lock.py")
def _cache_empty(ctx: Context) -> tuple[bool, str]:
    return _damaged_cache(ctx, lambda p: p.write_bytes(b""), "empty")


@attack("build", "a truncated cache entry", covered_by="tests/test_build_lock.py")
def _cache_truncated(ctx: Context) -> tuple[bool, str]:
    return _damaged_cache(ctx, lambda p: p.write_bytes(p.read_bytes()[:100]), "truncated")


@attack(
    "build",
    "a corpus with a symlink out, a FIFO, .rtf/.xml and hidden files",
    covered_by="tests/test_corpus_reader.py",
)
def _corpus(ctx: Context) -> tuple[bool, str]:
    corpus = ctx.scratch / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir()
    shutil.copy(sorted(SEEDS.iterdir())[0], corpus)
    secret = ctx.scratch / "secret.txt"
    secret.write_text("Top secret: the minister met the ambassador.\n")
    (corpus / "out.txt").symlink_to(secret)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "a.rtf").write_text("{\\rtf1 x}")
    (corpus / "b.xml").write_text("<x/>")
    (corpus / ".h.txt").write_text("hidden\n")
    data = ctx.scratch / "corpus-var"
    shutil.rmtree(data, ignore_errors=True)
    b = _kg("build", str(corpus), data=data)
    try:
        _out, err = b.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        b.kill()
        return False, "the build hung (a FIFO read?)"
    named = sum(
        f"skipped {corpus / n}" in err for n in ("out.txt", "pipe.txt", "a.rtf", "b.xml", ".h.txt")
    )
    q = _kg("query", 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Top secret")) }', data=data)
    out, _ = q.communicate(timeout=120)
    leaked = "true" in out.lower()
    return (
        b.returncode == 0 and named == 5 and not leaked,
        f"{named}/5 files named as skipped; leaked {leaked}",
    )


# --- 4. the UI ---

HTML_PAGES = ["/", "/sparql", "/ontology", "/.well-known/void", "/validate", "/id/no-such"]


@attack("ui", "CSP, nosniff and frame-ancestors on every HTML page")
def _headers(ctx: Context) -> tuple[bool, str]:
    missing = []
    for path in HTML_PAGES:
        r = requests.get(ctx.server.url + path, headers={"Accept": "text/html"}, timeout=HANG)
        csp = r.headers.get("Content-Security-Policy", "")
        if (
            "script-src 'self'" not in csp
            or "frame-ancestors 'none'" not in csp
            or r.headers.get("X-Content-Type-Options") != "nosniff"
        ):
            missing.append(path)
    return not missing, f"{len(HTML_PAGES) - len(missing)}/{len(HTML_PAGES)} pages with all headers"


@attack("ui", "javascript:, data: and file: IRIs on /id pages", needs="writable")
def _iri_links(ctx: Context) -> tuple[bool, str]:
    assert ctx.writable is not None
    person = "https://w3id.org/newsgraph/id/person/redteam"
    hostile = ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"]
    triples = " ".join(f"<{person}> <http://e/p{i}> <{h}> ." for i, h in enumerate(hostile))
    up = requests.post(
        ctx.writable.sparql,
        data=f"INSERT DATA {{ <{person}> a <{NG}Person> . {triples} }}",
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {ADMIN_TOKEN}",
        },
        timeout=HANG,
    )
    page = requests.get(
        ctx.writable.url + "/id/person/redteam", headers={"Accept": "text/html"}, timeout=HANG
    )
    linked = [h for h in hostile if f'href="{h}' in page.text]
    return (
        up.status_code == 200 and page.status_code == 200 and not linked,
        f"{len(linked)} hostile IRIs linked",
    )


@attack(
    "ui",
    "a crafted /sparql#…&endpoint= link and a hostile xml:lang",
    needs="chromium",
    covered_by="tests/test_ui_attacks.py",
)
def _ui_link(ctx: Context) -> tuple[bool, str]:
    from urllib.parse import quote

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    profile = tempfile.mkdtemp(prefix="redteam-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    try:
        query = "SELECT ?s { ?s ?p ?o } LIMIT 2"
        driver.get(
            f"{ctx.server.url}/sparql#query={quote(query)}&endpoint={quote(ctx.listener.url)}"
        )
        time.sleep(3)
        endpoint = driver.execute_script("return window.newsgraphYasgui.getTab().getEndpoint()")
        driver.execute_script(
            "window.newsgraphYasgui.getTab().getYasr().setResponse({data: arguments[0],"
            " contentType: 'application/sparql-results+json', status: 200, executionTime: 1})",
            json.dumps(
                {
                    "head": {"vars": ["l"]},
                    "results": {"bindings": [{"l": {"type": "literal", "value": "x",
                                "xml:lang": "<img src=x onerror=window.pwned=1>"}}]},
                }
            ),
        )  # fmt: skip
        time.sleep(1)
        pwned = driver.execute_script("return window.pwned")
        images = driver.execute_script("return document.querySelectorAll('.yasr table img').length")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    held = endpoint == ctx.server.sparql and not ctx.listener.hits and pwned is None and images == 0
    return held, f"endpoint kept: {endpoint == ctx.server.sparql}; script ran: {pwned is not None}"


# --- 5. bounded computation ---


@attack("bounds", "3 MB of data with a violation on every node")
def _big_data(ctx: Context) -> tuple[bool, str]:
    before = ctx.server.rss_mib()
    lines = [
        f'<https://w3id.org/newsgraph/id/person/p{i}> a <{NG}Person> ; <{NG}role> "x{i}" .'
        for i in range(40_000)
    ]
    body = "\n".join(lines) + "\n"
    t0 = time.monotonic()
    r = requests.post(
        ctx.server.url + "/validate?format=json",
        data=body.encode(),
        headers={"Content-Type": "text/turtle"},
        timeout=HANG,
        stream=True,
    )
    size = sum(len(c) for c in r.iter_content(1 << 16))
    took = time.monotonic() - t0
    grew = ctx.server.rss_mib() - before
    held = r.status_code in (200, 503) and grew < 64
    return held, (
        f"{len(body) / 2**20:.1f} MiB in: {r.status_code} after {took:.1f} s,"
        f" {size / 2**20:.1f} MiB out; web process +{grew:.0f} MiB"
    )


@attack("bounds", "billion laughs in RDF/XML")
def _laughs(ctx: Context) -> tuple[bool, str]:
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    r = _validate(ctx, _rdfxml(f"<!DOCTYPE r [{ents}]>", "&i;"), "application/rdf+xml")
    return r.status_code == 400, f"{r.status_code}: {r.text.strip()[:80]}"


@attack("bounds", "quadratic entity blow-up in RDF/XML")
def _quadratic(ctx: Context) -> tuple[bool, str]:
    body = _rdfxml(f'<!DOCTYPE r [<!ENTITY a "{"a" * 50000}">]>', "&a;" * 5000)
    r = _validate(ctx, body, "application/rdf+xml")
    return r.status_code == 400, f"{r.status_code}: {r.text.strip()[:80]}"


@attack("bounds", "a SHACL-SPARQL constraint over a cartesian product")
def _shape_cartesian(ctx: Context) -> tuple[bool, str]:
    data = "\n".join(f"<http://example.org/n{i}> <http://e/p> {i} ." for i in range(100))
    # the FILTER ties all four patterns together, so no engine can push it down and
    # skip the 100^4 combinations (Oxigraph answers FILTER(?c = -1) alone at once)
    shapes = _sparql_shape(
        "SELECT $this WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
        "FILTER(?c + ?f + ?i + ?l = -1) }"
    )
    t0 = time.monotonic()
    r = _validate_with_shapes(ctx, shapes, data)
    took = time.monotonic() - t0
    health = requests.get(ctx.server.url + "/health", timeout=HANG).status_code
    held = r.status_code == 503 and health == 200 and took < ctx.query_timeout + 15
    return held, f"{r.status_code} after {took:.1f} s: {r.text.strip()[:60]}; /health {health}"


@attack("bounds", "a 100,000-row answer does not stay in the web process")
def _big_answer(ctx: Context) -> tuple[bool, str]:
    before = ctx.server.rss_mib()
    values = " ".join(str(i) for i in range(40))
    r = requests.post(
        ctx.server.sparql,
        data={"query": f"SELECT * {{ ?s ?p ?o VALUES ?n {{ {values} }} }}"},
        headers={"Accept": JSON},
        timeout=HANG,
        stream=True,
    )
    size = sum(len(c) for c in r.iter_content(1 << 16))
    grew = ctx.server.rss_mib() - before
    held = r.status_code == 200 and size > 8 * 2**20 and grew < size / 2**20 / 2
    return held, f"{r.status_code}, {size / 2**20:.1f} MiB answer; web process +{grew:.1f} MiB"


@attack("bounds", "a chunked body over the upload cap")
def _chunked(ctx: Context) -> tuple[bool, str]:
    cap = 16 * 1024 * 1024

    def body():
        line = b"<http://e/s> <http://e/p> " + b'"' + b"x" * 1000 + b'" .\n'
        sent = 0
        while sent <= cap + len(line):
            yield line * 64
            sent += len(line) * 64

    r = requests.post(
        ctx.server.url + "/validate",
        data=body(),
        headers={"Content-Type": "application/n-triples", "Accept": "text/plain"},
        timeout=HANG,
    )
    return r.status_code == 413, f"{r.status_code}: {r.text.strip()[:80]}"


@attack("bounds", "a 16 MB URL")
def _long_url(ctx: Context) -> tuple[bool, str]:
    t0 = time.monotonic()
    try:
        r = requests.get(ctx.server.sparql + "?query=" + "A" * (16 * 1024 * 1024), timeout=HANG)
        status = r.status_code
    except requests.ConnectionError:
        status = 0  # closed after the refusal, while we were still sending
    took = time.monotonic() - t0
    health = requests.get(ctx.server.url + "/health", timeout=HANG).status_code
    return status in (0, 414, 431) and health == 200, f"{status} after {took:.1f} s"


@attack("bounds", "an unknown function gives 400, not 500")
def _unknown_function(ctx: Context) -> tuple[bool, str]:
    r = requests.post(
        ctx.server.sparql,
        data={"query": "SELECT (<urn:no:such>(1) AS ?x) {}"},
        headers={"Accept": JSON},
        timeout=HANG,
    )
    return r.status_code == 400, f"{r.status_code}: {r.text.strip()[:80]}"


# --- 6. updates ---


def _update(ctx: Context, text: str) -> requests.Response:
    assert ctx.writable is not None
    return requests.post(
        ctx.writable.sparql,
        data=text.encode(),
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {ADMIN_TOKEN}",
        },
        timeout=HANG,
    )


@attack("update", "SERVICE inside an update", needs="writable")
def _update_service(ctx: Context) -> tuple[bool, str]:
    r = _update(
        ctx, f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{ctx.listener.url}u> {{ ?s ?p ?o }} }}"
    )
    return _refused_without_contact(ctx, r)


@attack("update", "SERVICE spelled with a \\u escape inside an update", needs="writable")
def _update_service_escaped(ctx: Context) -> tuple[bool, str]:
    r = _update(
        ctx, f"INSERT {{ ?s ?p ?o }} WHERE {{ \\u0053ERVICE <{ctx.listener.url}e> {{ ?s ?p ?o }} }}"
    )
    return (
        r.status_code == 400 and not ctx.listener.hits,
        f"{r.status_code}; hits {len(ctx.listener.hits)}",
    )


@attack("update", "LOAD <url>", needs="writable")
def _update_load(ctx: Context) -> tuple[bool, str]:
    return _refused_without_contact(ctx, _update(ctx, f"LOAD <{ctx.listener.url}load>"))


@attack("update", "a long update does not block the next one forever", needs="writable")
def _update_blocking(ctx: Context) -> tuple[bool, str]:
    slow = (
        "DELETE { <urn:x> <urn:y> ?n } WHERE { SELECT (COUNT(*) AS ?n)"
        " { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }"
    )
    first: list[int] = []
    t = threading.Thread(target=lambda: first.append(_update(ctx, slow).status_code))
    t.start()
    time.sleep(0.5)
    t0 = time.monotonic()
    second = _update(ctx, "INSERT DATA { <urn:a> <urn:b> <urn:c> }").status_code
    took = time.monotonic() - t0
    t.join()
    held = first and first[0] in (200, 503) and second in (200, 503)
    return bool(held), f"first {first}, second {second} after {took:.1f} s"


# --- 7. fair queueing (a latency figure: the script only) ---


@attack("fair", "cheap queries and /health under 16 expensive clients (20 s)", timed=True)
def _fair(ctx: Context) -> tuple[bool, str]:
    from benchmarks.fairness import run

    result = run(ctx.server.sparql, heavy=16, duration=20, heavy_seconds=0.7)
    cheap, health = result["cheap"], result["health"]
    held = (
        result["failures"] == 0
        and cheap.get("p99_ms", 1e9) < 1000
        and health.get("p99_ms", 1e9) < 1000
        and set(health["statuses"]) <= {"200"}
    )
    return held, (
        f"cheap p99 {cheap.get('p99_ms')} ms, /health p99 {health.get('p99_ms')} ms"
        f" ({health['statuses']}), failures {result['failures']}"
    )


# --- running them ---


def run_attack(a: Attack, ctx: Context) -> Result:
    ctx.listener.hits.clear()
    t0 = time.monotonic()
    try:
        held, detail = a.run(ctx)
    except Exception as exc:  # noqa: BLE001 - an attack that breaks the harness did not hold
        held, detail = False, f"harness error: {type(exc).__name__}: {exc}"
    detail = " ".join(detail.split()).replace("|", "/")  # one table cell
    return Result(a.area, a.name, held, detail, round(time.monotonic() - t0, 1))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data: Path, **env_extra: str) -> tuple[subprocess.Popen, Server]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env.update(NEWSGRAPH_DATA_DIR=str(data), NEWSGRAPH_PORT=str(port), **env_extra)
    log = open(data / f"server-{port}.log", "w")  # noqa: SIM115 - lives with the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--no-build"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited; see {log.name}")
        try:
            if requests.get(url + "/health", timeout=5).status_code == 200:
                return proc, Server(url, port, proc.pid, data)
        except requests.RequestException:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start")


SERVER_ENV = {
    "NEWSGRAPH_QUERY_TIMEOUT": "5",
    "NEWSGRAPH_RATE_LIMIT": "0",
    "NEWSGRAPH_REQUEST_TIMEOUT": "2",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the attacks of this area only")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="redteam-"))
    procs = []
    listener = Listener()
    try:
        data = scratch / "var"
        b = _kg("build", str(SEEDS), data=data)
        _out, err = b.communicate(timeout=600)
        if b.returncode:
            raise SystemExit(err)
        writable_data = scratch / "var-writable"
        shutil.copytree(data, writable_data)
        proc, server = start(data, **SERVER_ENV)
        procs.append(proc)
        proc, writable = start(
            writable_data,
            NEWSGRAPH_UPDATE="1",
            NEWSGRAPH_ADMIN_TOKEN=ADMIN_TOKEN,
            **SERVER_ENV,
        )
        procs.append(proc)
        ctx = Context(server, writable, listener, scratch)
        have_chromium = bool(shutil.which("chromium") and shutil.which("chromedriver"))
        results = []
        for a in ATTACKS:
            if args.only and a.area != args.only:
                continue
            if a.needs == "chromium" and not have_chromium:
                results.append(Result(a.area, a.name, False, "not run: no chromium"))
                continue
            r = run_attack(a, ctx)
            print(f"{'held' if r.held else 'FAILED':6} {r.area:7} {r.name}: {r.detail}", flush=True)
            results.append(r)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
        listener.close()
        shutil.rmtree(scratch, ignore_errors=True)
    held = sum(r.held for r in results)
    print()
    print("| area | attack | held | what the server did | s |")
    print("|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.area} | {r.name} | {'yes' if r.held else '**no**'} | {r.detail} | {r.seconds} |"
        )
    by_area: dict[str, list[Result]] = {}
    for r in results:
        by_area.setdefault(r.area, []).append(r)
    print()
    print(
        f"tried {len(results)}, held {held}; "
        + ", ".join(f"{k} {sum(x.held for x in v)}/{len(v)}" for k, v in by_area.items())
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps([r.__dict__ for r in results], indent=2) + "\n", encoding="utf-8"
        )
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
