"""SERVICE federation that we execute ourselves, and the policy that makes it safe.

Why this module exists: pyoxigraph's `Store.query` performs SERVICE calls itself, with
no hook, no timeout, no User-Agent and no address filter. So no engine may ever see a
query with a SERVICE we have not checked and rewritten.

`prepare(query, config, evaluate=…, base_iri=…)` stands before every query:

1. A small lexer that reads keywords as pyoxigraph does (strings, IRIs, comments,
   numbers and language tags are whole tokens) finds each top-level
   `SERVICE [SILENT] endpoint { … }` clause. pyoxigraph itself judges the syntax, on
   the text with every SERVICE turned into MINUS (so nothing can be called): no query
   the engine accepts is refused as a syntax error.
2. The policy: the endpoint (resolved against BASE, or the request's base IRI, as the
   engine does) must be an http(s) IRI in the allowlist whose host is not a loopback,
   private or link-local address (unless the allowlist names that address literally,
   or `service_map` sends the call to an operator-chosen stand-in). A refused or
   failed `SERVICE SILENT` is the one empty solution, as SPARQL says, and is named in
   the X-Newsgraph-Warning header; without SILENT it is a 400 (refused) or 502/503/504.
3. Bind join: what precedes the clause in its group (FILTERs left out) is evaluated
   locally; its bindings for the variables it shares with the block are sent into the
   block as `VALUES`, `service_batch_size` rows per call. A block that shares no
   variable is sent alone, as `SELECT * WHERE { … }`. Every call runs under our
   timeout, byte cap (per clause, all batches together), User-Agent and 429 handling.
4. The clause is replaced in the text by a `VALUES` block of the returned solutions.
   Since each returned row binds the shared variables to a value the left side can
   take, joining it where the clause stood gives what joining the whole remote
   answer would. The rewritten text is lexed once more: if any SERVICE is left, we
   refuse.

`prepare_update(update, config)` refuses `LOAD` (we never fetch; `LOAD SILENT` loads
nothing and succeeds) and SERVICE in updates.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit

import pyoxigraph as ox
import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from kg.config import Config

log = logging.getLogger("newsgraph.federation")

ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.5"
)
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
# GET keeps Wikidata's cache useful; longer queries go by POST.
MAX_GET_URL = 2000
# Bytes of a remote's error body quoted in our message.
ERROR_SNIPPET = 300
# Blank nodes a remote returns cannot be written in VALUES; they become fresh IRIs here.
SKOLEM_PREFIX = "urn:x-newsgraph:service-bnode:"


class QueryRefused(Exception):
    """The policy refused a query, or a SERVICE call failed: an HTTP status and a message.

    `headers` carries e.g. Retry-After for a 503 caused by a remote's 429.
    """

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --------------------------------------------------------------------------------------
# The lexer: just enough SPARQL to find clause boundaries reliably.
#
# It follows SPARQL's terminals where they decide what is a keyword: a number ends
# where its digits end (`1SERVICE` is the number 1 and the keyword, as pyoxigraph reads
# it), a language tag is one token (`"x"@service` holds no keyword), and a name never
# starts with `.` or `-` (`?o .SERVICE` is a dot and the keyword).

_PN_LOCAL_ESC = r"\\[_~.\-!$&'()*+,;=/?\#@%]"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"
              | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
              | \"(?:[^\"\\\n\r]|\\.)*\"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+\.\d*[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?|\d*\.\d+|\d+(?:[eE][+-]?\d+)?)
  | (?P<word>(?:[^\W\d]|[\u00B7-\U0010FFFF:%]|"""
    + _PN_LOCAL_ESC
    + r""")(?:[\w\u00B7-\U0010FFFF:%.\-]|"""
    + _PN_LOCAL_ESC
    + r""")*)
  | (?P<lbrace>\{)
  | (?P<rbrace>\})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    start: int
    end: int
    text: str

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def lex(text: str) -> Iterator[Token]:
    """SPARQL tokens minus whitespace and comments (strings, IRIs and names stay whole)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        value = m.group()
        if kind == "word" and value.endswith(".") and not value.endswith("\\."):
            # a trailing dot ends a triple; it is never part of a name
            stripped = value.rstrip(".")
            if stripped:
                yield Token(kind, m.start(), m.start() + len(stripped), stripped)
            continue
        yield Token(kind, m.start(), m.end(), value)


def _check_glued_keywords(tokens: list[Token]) -> None:
    """Refuse a bare word that holds SERVICE glued to something else (`trueSERVICE`).

    pyoxigraph reads `true` and then the keyword; a lexer can only agree with it by
    knowing every keyword that may stand there. Such text is never needed: refusing it
    keeps the rule simple and the check sound.
    """
    for t in tokens:
        if t.kind != "word" or ":" in t.text:
            continue
        upper = t.text.upper()
        if "SERVICE" in upper and upper != "SERVICE":
            raise QueryRefused(
                400,
                f"cannot tell whether {t.text!r} holds the keyword SERVICE: "
                "put a space before SERVICE",
            )


@dataclass(frozen=True)
class ServiceClause:
    """One top-level `SERVICE [SILENT] endpoint { … }` clause found in the query text."""

    endpoint_token: str  # as written: <iri>, prefix:local or ?var
    silent: bool
    start: int  # span of the whole clause
    end: int
    body: str  # the group graph pattern text, braces included
    variables: tuple[str, ...]  # variables mentioned in the body, first mention first
    nested: int  # SERVICE clauses inside the body (the remote's business)

    @property
    def is_variable(self) -> bool:
        return self.endpoint_token[:1] in "?$"


def find_services(text: str, tokens: list[Token] | None = None) -> list[ServiceClause]:
    """Find top-level SERVICE clauses and their spans. Raises SyntaxError when unsure."""
    tokens = tokens if tokens is not None else list(lex(text))
    clauses: list[ServiceClause] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not t.is_word("SERVICE"):
            i += 1
            continue
        j = i + 1
        silent = False
        if j < len(tokens) and tokens[j].is_word("SILENT"):
            silent = True
            j += 1
        if j >= len(tokens):
            raise SyntaxError("SERVICE without an endpoint")
        endpoint = tokens[j]
        if endpoint.kind not in ("iri", "word", "var"):
            raise SyntaxError(f"SERVICE needs an IRI, found {endpoint.text!r}")
        j += 1
        if j >= len(tokens) or tokens[j].kind != "lbrace":
            raise SyntaxError("SERVICE needs a { … } group after its endpoint")
        depth = 0
        k = j
        variables: list[str] = []
        nested = 0
        while k < len(tokens):
            tk = tokens[k]
            if tk.kind == "lbrace":
                depth += 1
            elif tk.kind == "rbrace":
                depth -= 1
                if depth == 0:
                    break
            elif tk.kind == "var" and tk.text[1:] not in variables:
                variables.append(tk.text[1:])
            elif tk.is_word("SERVICE"):
                nested += 1
            k += 1
        else:
            raise SyntaxError("unbalanced braces in a SERVICE group")
        clauses.append(
            ServiceClause(
                endpoint_token=endpoint.text,
                silent=silent,
                start=t.start,
                end=tokens[k].end,
                body=text[tokens[j].start : tokens[k].end],
                variables=tuple(variables),
                nested=nested,
            )
        )
        i = k + 1
    return clauses


@dataclass(frozen=True)
class Prologue:
    """BASE and PREFIX declarations at the head of a query, as the engine reads them."""

    text: str  # the raw declarations, to send to a remote with a SERVICE block
    prefixes: dict[str, str]
    base: str | None  # the effective base IRI: the last BASE, resolved, else the caller's
    end: int  # index of the first token after the prologue


_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape_iri(iri: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)


def _join(base: str | None, iri: str) -> str:
    """Resolve `iri` against `base` (RFC 3986); an absolute IRI stays as it is."""
    if urlsplit(iri).scheme or not base:
        return iri
    return urljoin(base, iri)


def read_prologue(
    text: str, tokens: list[Token], start: int = 0, *, base_iri: str | None = None
) -> Prologue:
    """The BASE/PREFIX declarations from token `start` on (relative IRIs resolved)."""
    prefixes: dict[str, str] = {}
    base = base_iri
    i = start
    end = tokens[start].start if start < len(tokens) else len(text)
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_word("BASE") and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = _join(base, _unescape_iri(tokens[i + 1].text[1:-1]))
            end = tokens[i + 1].end
            i += 2
        elif (
            tok.is_word("PREFIX")
            and i + 2 < len(tokens)
            and tokens[i + 1].kind == "word"
            and tokens[i + 1].text.endswith(":")
            and tokens[i + 2].kind == "iri"
        ):
            prefixes[tokens[i + 1].text[:-1]] = _join(base, _unescape_iri(tokens[i + 2].text[1:-1]))
            end = tokens[i + 2].end
            i += 3
        else:
            break
    first = tokens[start].start if start < len(tokens) else end
    return Prologue(text[first:end] if i > start else "", prefixes, base, i)


_PN_ESCAPE = re.compile(r"\\(.)")


def resolve_term(token: str, prologue: Prologue) -> str:
    """The IRI an `<iri>` or `prefix:local` token stands for (SyntaxError if undeclared)."""
    if token.startswith("<"):
        return _join(prologue.base, _unescape_iri(token[1:-1]))
    prefix, _, local = token.partition(":")
    if prefix not in prologue.prefixes:
        raise SyntaxError(f"undeclared prefix {prefix!r}")
    return prologue.prefixes[prefix] + _PN_ESCAPE.sub(r"\1", local)


def dataset_clause_text(tokens: list[Token]) -> str:
    """`FROM <g> FROM NAMED <n> …` of a query, re-spelt, to reuse in a derived query."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "lbrace":
            depth += 1
        elif t.kind == "rbrace":
            depth -= 1
        elif depth == 0 and t.is_word("FROM"):
            named = i + 1 < len(tokens) and tokens[i + 1].is_word("NAMED")
            j = i + 2 if named else i + 1
            if j < len(tokens) and tokens[j].kind in ("iri", "word"):
                out.append(("FROM NAMED " if named else "FROM ") + tokens[j].text)
                i = j
        i += 1
    return " ".join(out)


def _engine_syntax_check(text: str, tokens: list[Token], base_iri: str | None) -> None:
    """Let pyoxigraph itself judge the syntax, with no SERVICE left for it to call.

    Every `SERVICE [SILENT] endpoint` (nested ones too) is replaced by `MINUS`, which
    takes a group in exactly the places SERVICE does, padded so that line:column in
    the engine's message still points into the text the client sent. SELECT,
    CONSTRUCT and DESCRIBE are evaluated lazily, so only the parse runs; an ASK runs
    on an empty store.
    """
    ox.Store().query(_without_service(text, tokens), base_iri=base_iri)  # SyntaxError


def _without_service(text: str, tokens: list[Token]) -> str:
    """`text` with every `SERVICE [SILENT] endpoint` replaced by MINUS, same length."""
    cuts: list[tuple[int, int]] = []
    for i, t in enumerate(tokens):
        if not t.is_word("SERVICE"):
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].is_word("SILENT"):
            j += 1
        ok = j < len(tokens) and tokens[j].kind in ("iri", "word", "var")
        cuts.append((t.start, tokens[j].end if ok else t.end))
    stripped = text
    for start, end in reversed(cuts):
        span = stripped[start:end]
        pad = "".join(c if c in "\r\n" else " " for c in span[5:])
        stripped = stripped[:start] + "MINUS" + pad + stripped[end:]
    return stripped


# --------------------------------------------------------------------------------------
# Policy: which endpoints may be called, and where the call really goes


def _resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a seam for tests, which must not use real DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _address_kind(address: str) -> str:
    ip = ipaddress.ip_address(address.split("%")[0])
    for attr, name in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_private", "private"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
    ):
        if getattr(ip, attr):
            return name
    return "non-public" if not ip.is_global else "public"


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


@dataclass(frozen=True)
class Target:
    """Where a SERVICE call for `endpoint` is sent, and whether the peer must be public."""

    endpoint: str
    url: str
    public_only: bool


def check_endpoint(iri: str, config: Config) -> Target:
    """Apply the static policy to one SERVICE IRI; raise QueryRefused(400) naming it.

    Order: scheme (file:, ftp: … always refused), allowlist (exact IRI), then the
    operator's `service_map` (trusted, may point at loopback). An allowlist entry whose
    host is an IP literal or `localhost` is the operator saying so explicitly, and is
    allowed; any other host must resolve only to public addresses, which
    `check_addresses` verifies at call time (no DNS during analysis), and the connected
    socket is checked again (so DNS rebinding cannot redirect us).
    """
    parts = urlsplit(iri)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise QueryRefused(
            400, f"SERVICE <{iri}> refused: only http and https endpoints may be called"
        )
    if iri not in config.service_allowlist:
        hint = ""
        literal = _ip_literal(parts.hostname or "")
        if literal is not None and not _is_public(literal):
            hint = f" ({_address_kind(literal)} address)"
        elif (parts.hostname or "").lower() == "localhost":
            hint = " (loopback address)"
        raise QueryRefused(
            400,
            f"SERVICE <{iri}> refused{hint}: it is not in the allowlist "
            f"(NEWSGRAPH_SERVICE_ALLOWLIST: {', '.join(config.service_allowlist) or 'empty'})",
        )
    mapped = config.service_map.get(iri)
    if mapped:
        return Target(iri, mapped, public_only=False)
    host = parts.hostname or ""
    if not host:
        raise QueryRefused(400, f"SERVICE <{iri}> refused: no host")
    if _ip_literal(host) is not None or host.lower() == "localhost":
        return Target(iri, iri, public_only=False)
    return Target(iri, iri, public_only=True)


def check_addresses(target: Target) -> None:
    """Resolve the host of a public-only target; refuse (400) any non-public address."""
    if not target.public_only:
        return
    parts = urlsplit(target.url)
    host = parts.hostname or ""
    try:
        addresses = _resolve_host(host, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError as exc:
        raise _CallFailed(502, f"cannot resolve {host}: {exc}") from None
    bad = [a for a in addresses if not _is_public(a)]
    if bad:
        raise QueryRefused(
            400,
            f"SERVICE <{target.endpoint}> refused: {host} resolves to "
            f"{_address_kind(bad[0])} address {bad[0]}",
        )


# --------------------------------------------------------------------------------------
# Analysis: locate, check syntax with the engine, apply the policy


@dataclass(frozen=True)
class Service:
    """A SERVICE clause: where it is, what it says, where its call goes (or why not).

    `label_variables` are Wikidata label-service outputs (`?itemLabel`, …) that the
    rest of the query uses for variables of this block: see `_label_variables`.
    `refused` holds the policy's 400 when the endpoint may not be called; SILENT then
    turns the clause into the one empty solution, as a failed call would.
    """

    clause: ServiceClause
    iri: str
    target: Target | None
    label_variables: tuple[str, ...] = ()
    refused: QueryRefused | None = None

    @property
    def variables(self) -> tuple[str, ...]:
        """Variables this block may bind, as far as the query can see them."""
        return self.clause.variables + self.label_variables

    def remote_query(self, prologue: str, bindings: str = "") -> str:
        """The SELECT sent to the endpoint for this block, with `bindings` (a VALUES
        clause, for a bind join) joined to it.

        `SELECT *` projects exactly the block's in-scope variables; only when the query
        uses label-service variables are the variables named, so that Wikidata's
        `SERVICE wikibase:label` (automatic mode, which fills projected `?xLabel`
        variables) has them to fill.
        """
        head = " ".join(f"?{v}" for v in self.variables) if self.label_variables else "*"
        where = f"{{ {bindings}\n{self.clause.body} }}" if bindings else self.clause.body
        return f"{prologue}\nSELECT {head} WHERE {where}".lstrip()


# Variables Wikidata's label service derives from a variable ?x.
LABEL_SUFFIXES = ("Label", "Description", "AltLabel")


def _label_variables(clause: ServiceClause, query_variables: set[str]) -> tuple[str, ...]:
    """`?xLabel`, `?xDescription`, `?xAltLabel` used elsewhere in the query, for block
    variables ?x, when the block nests a SERVICE (Wikidata's label service is the
    common case: `SERVICE wikibase:label { bd:serviceParam wikibase:language "en" }`)."""
    if not clause.nested:
        return ()
    return tuple(
        v + suffix
        for v in clause.variables
        for suffix in LABEL_SUFFIXES
        if v + suffix in query_variables and v + suffix not in clause.variables
    )


@dataclass(frozen=True)
class Plan:
    """What `analyse` found: everything `prepare` needs, and no network used yet."""

    text: str
    prologue: str
    services: tuple[Service, ...]
    base: str | None = None


def _judge(clause: ServiceClause, prologue: Prologue, config: Config,
           query_variables: set[str]) -> Service:  # fmt: skip
    """Apply the policy to one clause; a refusal is kept, not raised (SILENT may need it)."""
    labels = _label_variables(clause, query_variables)
    if clause.is_variable:
        refusal = QueryRefused(
            400,
            f"SERVICE {clause.endpoint_token} refused: the endpoint must be a constant IRI "
            "from the allowlist, not a variable",
        )
        return Service(clause, clause.endpoint_token, None, labels, refusal)
    iri = resolve_term(clause.endpoint_token, prologue)
    try:
        return Service(clause, iri, check_endpoint(iri, config), labels)
    except QueryRefused as refusal:
        return Service(clause, iri, None, labels, refusal)


def analyse(query: str, config: Config, base_iri: str | None = None) -> Plan:
    """Locate and check every top-level SERVICE clause, without calling anything.

    pyoxigraph is the judge of syntax (so nothing valid for the engine is refused
    here); the lexer, which reads keywords as pyoxigraph does, finds the clauses. A
    refused endpoint raises QueryRefused(400) unless the clause is SILENT.
    """
    tokens = list(lex(query))
    _check_glued_keywords(tokens)
    prologue = read_prologue(query, tokens, base_iri=base_iri)
    if any(t.is_word("SERVICE") for t in tokens):
        _engine_syntax_check(query, tokens, base_iri)
    clauses = find_services(query, tokens)
    query_variables = {t.text[1:] for t in tokens if t.kind == "var"}
    services = tuple(_judge(c, prologue, config, query_variables) for c in clauses)
    for service in services:
        if service.refused is not None and not service.clause.silent:
            raise service.refused
    return Plan(
        text=query,
        prologue=prologue.text if services else "",
        services=services,
        base=prologue.base,
    )


# --------------------------------------------------------------------------------------
# Calling a remote endpoint


class _Guard:
    """Per-call record of the sockets opened, and the peer check after connect.

    The check on the connected socket closes the gap between our DNS check and the
    connection (DNS rebinding), and covers redirects we might follow in future.
    Keeping the sockets lets the caller shut them down when the deadline passes.
    """

    def __init__(self, public_only: bool) -> None:
        self.public_only = public_only
        self.sockets: list[socket.socket] = []
        self.refused: str | None = None

    def check(self, sock: socket.socket) -> None:
        self.sockets.append(sock)
        if not self.public_only:
            return
        peer = str(sock.getpeername()[0])
        if not _is_public(peer):
            self.refused = peer
            sock.close()
            raise OSError(f"connected peer {peer} is not a public address")

    def abort(self) -> None:
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _session(guard: _Guard) -> requests.Session:
    """A Session whose connections report to `guard`; no proxies, netrc or retries."""

    def new_conn(self: Any) -> socket.socket:
        sock = super(type(self), self)._new_conn()
        guard.check(sock)
        return sock

    conn = type("GuardedHTTPConnection", (HTTPConnection,), {"_new_conn": new_conn})
    sconn = type("GuardedHTTPSConnection", (HTTPSConnection,), {"_new_conn": new_conn})
    pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": conn})
    spool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": sconn})
    adapter = HTTPAdapter(max_retries=0)
    adapter.poolmanager.pool_classes_by_scheme = {"http": pool, "https": spool}
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment may see or redirect our calls
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class CallResult(NamedTuple):
    """What one call brought back."""

    variables: list[str]
    rows: list[list]
    nbytes: int = 0


class _CallFailed(Exception):
    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None):
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}


@dataclass
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes = b""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _http_call(target: Target, query: str, config: Config, deadline: float) -> _Response:
    """One HTTP exchange, bounded by `deadline` even against a server that drips bytes."""
    check_addresses(target)
    guard = _Guard(target.public_only)
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["response"] = _exchange(target, query, config, deadline, guard)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="newsgraph-service", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        guard.abort()
        raise _CallFailed(504, f"no complete answer within {config.service_timeout:g} s")
    if guard.refused:
        raise QueryRefused(
            400,
            f"SERVICE <{target.endpoint}> refused: the connection reached "
            f"{_address_kind(guard.refused)} address {guard.refused}",
        )
    if "error" in result:
        raise result["error"]
    return result["response"]


def _exchange(
    target: Target, query: str, config: Config, deadline: float, guard: _Guard
) -> _Response:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _CallFailed(504, f"no answer within {config.service_timeout:g} s")
    headers = {"User-Agent": config.user_agent, "Accept": ACCEPT}
    url = target.url
    get_url = url + ("&" if "?" in url else "?") + urlencode({"query": query})
    session = _session(guard)
    try:
        try:
            if len(get_url) <= MAX_GET_URL:
                resp = session.get(
                    get_url, headers=headers, stream=True, allow_redirects=False,
                    timeout=(min(remaining, 10.0), remaining),
                )  # fmt: skip
            else:
                resp = session.post(
                    url, data={"query": query}, headers=headers, stream=True,
                    allow_redirects=False, timeout=(min(remaining, 10.0), remaining),
                )  # fmt: skip
        except requests.Timeout:
            raise _CallFailed(504, f"no answer within {config.service_timeout:g} s") from None
        except requests.RequestException as exc:
            raise _CallFailed(502, f"cannot connect: {_short(exc)}") from None
        with resp:
            out = _Response(resp.status_code, {k.lower(): v for k, v in resp.headers.items()})
            if resp.status_code != 200:
                # Keep the start of an error body: Wikidata explains its 400s there.
                try:
                    out.body = resp.raw.read(ERROR_SNIPPET, decode_content=True) or b""
                except Exception:  # noqa: BLE001 - the status alone is enough
                    out.body = b""
                return out
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > config.service_max_bytes:
                raise _CallFailed(
                    502, f"response of {length} bytes exceeds {config.service_max_bytes}"
                )
            buf = bytearray()
            try:
                for chunk in resp.iter_content(16384):
                    buf += chunk
                    if len(buf) > config.service_max_bytes:
                        raise _CallFailed(502, f"response exceeds {config.service_max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise _CallFailed(
                            504, f"no complete answer within {config.service_timeout:g} s"
                        )
            except requests.RequestException as exc:
                if isinstance(exc, requests.ConnectionError) and "timed out" in str(exc):
                    raise _CallFailed(
                        504, f"no complete answer within {config.service_timeout:g} s"
                    ) from None
                raise _CallFailed(502, f"broken response: {_short(exc)}") from None
            out.body = bytes(buf)
            return out
    finally:
        session.close()


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:300] + "…"


def call_service(service: Service, query: str, config: Config) -> CallResult:
    """Send one query for a SERVICE block: (variables, rows of pyoxigraph terms or None,
    bytes received).

    A 429 with a Retry-After that fits in the remaining time budget is retried once
    after waiting; otherwise it becomes a 503 carrying the remote's Retry-After.
    """
    assert service.target is not None
    deadline = time.monotonic() + config.service_timeout
    slots = _slots(service.target.url, config.service_concurrency)
    if not slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise _CallFailed(504, f"no free call slot within {config.service_timeout:g} s")
    try:
        return _call_with_retry(service, query, config, deadline)
    finally:
        slots.release()


_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def _slots(url: str, size: int) -> threading.BoundedSemaphore:
    """Per-process cap on simultaneous calls to one endpoint (politeness to Wikidata)."""
    with _SLOTS_LOCK:
        key = (url, max(1, size))
        if key not in _SLOTS:
            _SLOTS[key] = threading.BoundedSemaphore(key[1])
        return _SLOTS[key]


def _call_with_retry(service: Service, query: str, config: Config, deadline: float) -> CallResult:
    assert service.target is not None
    for attempt in (1, 2):
        resp = _http_call(service.target, query, config, deadline)
        if resp.status == 429:
            wait = _retry_after(resp.headers.get("retry-after"))
            remaining = deadline - time.monotonic()
            if attempt == 1 and wait is not None and wait < remaining:
                time.sleep(wait)
                continue
            hint = resp.headers.get("retry-after") or "60"
            raise _CallFailed(
                503, "the endpoint is rate limiting us (HTTP 429)", {"Retry-After": hint}
            )
        if resp.status != 200:
            snippet = " ".join(resp.body.decode("utf-8", "replace").split())[:ERROR_SNIPPET]
            raise _CallFailed(502, f"HTTP {resp.status}" + (f": {snippet}" if snippet else ""))
        variables, rows = _parse_results(resp, service.variables)
        return CallResult(variables, rows, len(resp.body))
    raise AssertionError("unreachable")


def _parse_results(resp: _Response, wanted: tuple[str, ...]) -> tuple[list[str], list[list]]:
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = RESULT_TYPES.get(ctype, ox.QueryResultsFormat.JSON)
    try:
        results = ox.parse_query_results(resp.body, fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise _CallFailed(502, f"unreadable results ({ctype or 'no type'}): {exc}") from None
    if not isinstance(results, ox.QuerySolutions):
        raise _CallFailed(502, "the endpoint answered a boolean to a SELECT")
    # Only variables the block can bind reach the query; anything else is dropped.
    remote_vars = [v.value for v in results.variables]
    keep = [v for v in remote_vars if v in wanted]
    try:
        rows = [[solution[v] for v in keep] for solution in results]
    except (SyntaxError, ValueError, OSError) as exc:
        raise _CallFailed(502, f"unreadable results: {exc}") from None
    return keep, rows


def _term_text(term: Any, bnodes: dict[str, str]) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.BlankNode):
        if term.value not in bnodes:
            bnodes[term.value] = f"<{SKOLEM_PREFIX}{uuid.uuid4().hex}>"
        return bnodes[term.value]
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    raise _CallFailed(502, f"cannot inline a {type(term).__name__} value")


def values_block(variables: list[str], rows: list[list]) -> str:
    """A VALUES clause equivalent to these solutions (UNDEF where unbound)."""
    bnodes: dict[str, str] = {}
    head = " ".join(f"?{v}" for v in variables)
    body = "\n".join("  (" + " ".join(_term_text(t, bnodes) for t in row) + ")" for row in rows)
    return f"VALUES ({head}) {{\n{body}\n}}" if rows else f"VALUES ({head}) {{ }}"


# --------------------------------------------------------------------------------------
# The public entry points


@dataclass
class CallReport:
    """What one SERVICE clause cost (for logs, the response header and benchmarks)."""

    endpoint: str
    url: str
    rows: int
    seconds: float
    error: str | None = None
    calls: int = 0
    nbytes: int = 0
    mode: str = "independent"  # "bind join", or "skipped" (refused or failed, SILENT)

    def header(self) -> str:
        text = (
            f"<{self.endpoint}> mode={self.mode.replace(' ', '-')} calls={self.calls} "
            f"rows={self.rows} bytes={self.nbytes} seconds={self.seconds:.3f}"
        )
        return text + (" failed" if self.error else "")


@dataclass
class Prepared:
    """A query safe to hand to pyoxigraph (its FROM clauses name graphs of the store)."""

    query_text: str
    default_graphs: list[str] | None = None  # kept for callers; FROM stays in the text
    named_graphs: list[str] | None = None
    calls: list[CallReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        """Response headers that say what federation did (and what SILENT skipped)."""
        out: dict[str, str] = {}
        if self.calls:
            out[SERVICE_HEADER] = ", ".join(c.header() for c in self.calls)
        if self.warnings:
            out[WARNING_HEADER] = " | ".join(_header_safe(w) for w in self.warnings)
        return out


SERVICE_HEADER = "X-Newsgraph-Service"
WARNING_HEADER = "X-Newsgraph-Warning"


def _header_safe(text: str) -> str:
    """One line of printable ASCII (a header value); the rest is escaped."""
    text = " ".join(text.split())
    return text.encode("ascii", "backslashreplace").decode("ascii")[:1000]


Caller = Callable[[Service, str, Config], "CallResult | tuple[list[str], list[list]]"]
Evaluate = Callable[[str], Any]


def _skip_constraint(tokens: list[Token], j: int) -> int:
    """Index just after the constraint of a FILTER whose constraint starts at `j`."""
    if j < len(tokens) and tokens[j].is_word("NOT"):
        j += 1
    if j < len(tokens) and tokens[j].is_word("EXISTS"):
        return _skip_balanced(tokens, j + 1, "lbrace", "rbrace")
    if j < len(tokens) and tokens[j].text != "(":
        j += 1  # a function name: built-in, IRI or prefixed name
    return _skip_balanced(tokens, j, "(", ")")


def _skip_balanced(tokens: list[Token], j: int, opening: str, closing: str) -> int:
    depth = 0
    while j < len(tokens):
        t = tokens[j]
        if t.kind == opening or (t.kind == "other" and t.text == opening):
            depth += 1
        elif t.kind == closing or (t.kind == "other" and t.text == closing):
            depth -= 1
            if depth == 0:
                return j + 1
        elif depth == 0:
            return j  # not the expected bracket: stop here, the engine judged the syntax
        j += 1
    return j


def left_of(text: str, tokens: list[Token], index: int) -> str | None:
    """The part of the group before the SERVICE keyword at token `index`, FILTERs removed.

    In SPARQL's algebra a group `{ A B SERVICE … C FILTER F }` is
    `Filter(F, Join(Join(Join(A, B), SERVICE), C))`: what precedes the clause in its own
    group is the left operand of the SERVICE's join, and its solutions are the only
    bindings the SERVICE result can meet. FILTERs apply to the whole group (they may
    name the SERVICE's variables), so they are left out: that can only widen the set of
    bindings sent, never lose one. None when the group sits inside `GRAPH … { }` (its
    patterns match another graph) or `EXISTS { }` (outer bindings are substituted in).
    """
    stack: list[int] = []
    for i in range(index):
        if tokens[i].kind == "lbrace":
            stack.append(i)
        elif tokens[i].kind == "rbrace" and stack:
            stack.pop()
    if not stack:
        return None
    for b in stack:
        if b >= 1 and tokens[b - 1].is_word("EXISTS"):
            return None
        if b >= 2 and tokens[b - 2].is_word("GRAPH"):
            return None
    group = stack[-1]
    pieces: list[str] = []
    seg = tokens[group].end
    depth = 0
    i = group + 1
    while i < index:
        t = tokens[i]
        if t.kind == "lbrace":
            depth += 1
        elif t.kind == "rbrace":
            depth -= 1
        elif depth == 0 and t.is_word("FILTER"):
            pieces.append(text[seg : t.start])
            i = _skip_constraint(tokens, i + 1)
            seg = tokens[i - 1].end if i <= index else tokens[index].start
            continue
        i += 1
    pieces.append(text[seg : tokens[index].start])
    left = " ".join(p.strip() for p in pieces if p.strip())
    return left or None


def _bindable(term: Any) -> bool:
    """A term that can be written in VALUES and compared with a remote's answer."""
    return isinstance(term, ox.NamedNode | ox.Literal)


def _candidates(service: Service, text: str, plan: Plan, dataset: str,
                evaluate: Evaluate) -> tuple[list[str], list[tuple]] | None:  # fmt: skip
    """Bindings of the left operand for the variables it shares with the block.

    None when the block must be evaluated on its own: it shares no variable that
    every left solution binds, or a left solution holds a blank node (which no remote
    term can equal, but which an unbound remote variable would still join).
    """
    tokens = list(lex(text))
    index = next((i for i, t in enumerate(tokens) if t.start == service.clause.start), None)
    if index is None:
        return None
    left = left_of(text, tokens, index)
    if left is None:
        return None
    mentioned = {t.text[1:] for t in lex(left) if t.kind == "var"}
    shared = [v for v in service.clause.variables if v in mentioned]
    if not shared:
        return None
    head = " ".join(f"?{v}" for v in shared)
    query = f"{plan.prologue}\nSELECT DISTINCT {head} {dataset} WHERE {{ {left} }}"
    try:
        rows = [[solution[v] for v in shared] for solution in evaluate(query)]
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        log.info("no bind join for SERVICE <%s>: %s", service.iri, exc)
        return None
    keep = [k for k in range(len(shared)) if all(row[k] is not None for row in rows)]
    if not keep:
        return None
    if any(not _bindable(row[k]) for row in rows for k in keep):
        return None
    distinct = list(dict.fromkeys(tuple(row[k] for k in keep) for row in rows))
    return [shared[k] for k in keep], distinct


def _merge(parts: list[tuple[list[str], list[list]]]) -> tuple[list[str], list[list]]:
    """Several calls' answers as one table (their columns in first-seen order)."""
    columns: list[str] = []
    for variables, _ in parts:
        columns += [v for v in variables if v not in columns]
    rows: list[list] = []
    for variables, part in parts:
        where = [variables.index(c) if c in variables else None for c in columns]
        rows += [[row[w] if w is not None else None for w in where] for row in part]
    return columns, rows


def _run_clause(service: Service, text: str, plan: Plan, dataset: str, config: Config,
                caller: Caller, evaluate: Evaluate | None,
                overall: float) -> tuple[str, CallReport, str | None]:  # fmt: skip
    """Evaluate one clause: (replacement text, report, warning or None)."""
    started = time.monotonic()
    url = service.target.url if service.target else ""
    if service.refused is not None:  # only SILENT clauses get here
        report = CallReport(service.iri, url, 0, 0.0, service.refused.message, mode="skipped")
        return "VALUES () { () }", report, f"SERVICE SILENT skipped: {service.refused.message}"
    bindings = _candidates(service, text, plan, dataset, evaluate) if evaluate else None
    deadline = started + max(0.0, min(config.service_timeout, overall - started))
    report = CallReport(service.iri, url, 0, 0.0, mode="bind join" if bindings else "independent")
    parts: list[tuple[list[str], list[list]]] = []
    if bindings is None:
        batches: list[str | None] = [None]
    else:
        size = max(1, config.service_batch_size)
        names, tuples = bindings
        batches = [
            values_block(names, list(tuples[i : i + size])) for i in range(0, len(tuples), size)
        ]  # noqa: E501
    try:
        for batch in batches:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                spent = min(config.service_timeout, config.query_timeout)
                raise _CallFailed(504, f"no complete answer within {spent:g} s")
            left_bytes = config.service_max_bytes - report.nbytes
            if left_bytes <= 0:
                raise _CallFailed(502, f"answers exceed {config.service_max_bytes} bytes")
            call_config = config.replace(service_timeout=remaining, service_max_bytes=left_bytes)
            query = service.remote_query(plan.prologue, batch or "")
            try:
                result = caller(service, query, call_config)
            except _CallFailed as exc:
                if exc.status != 504:
                    raise
                # the budget the user set, not what was left of it for this batch
                spent = min(config.service_timeout, config.query_timeout)
                raise _CallFailed(504, f"no complete answer within {spent:g} s") from exc
            report.calls += 1
            report.nbytes += result[2] if len(result) > 2 else 0  # type: ignore[misc]
            parts.append((list(result[0]), list(result[1])))
            report.rows += len(result[1])
    except (_CallFailed, QueryRefused) as exc:
        reason = exc.reason if isinstance(exc, _CallFailed) else exc.message
        report.seconds, report.error = time.monotonic() - started, reason
        if service.clause.silent:
            report.mode = "skipped"
            return "VALUES () { () }", report, f"SERVICE SILENT <{service.iri}> failed: {reason}"
        if isinstance(exc, QueryRefused):
            raise
        log.warning("SERVICE <%s> via %s failed: %s", service.iri, url, reason)
        raise QueryRefused(
            exc.status, f"SERVICE <{service.iri}> failed: {reason}", exc.headers
        ) from None
    report.seconds = time.monotonic() - started
    if bindings is not None and not parts:  # no left solution: nothing can join
        return values_block(bindings[0], []), report, None
    variables, rows = _merge(parts)
    return values_block(variables, rows), report, None


def prepare(query: str, config: Config, *, caller: Caller = call_service,
            evaluate: Evaluate | None = None, base_iri: str | None = None,
            check_syntax: bool = False) -> Prepared:  # fmt: skip
    """Check `query`, run its SERVICE blocks ourselves and inline their results.

    With `evaluate` (a function running a SELECT on the local dataset), a block that
    shares variables with what precedes it in its group is called with those
    bindings as VALUES, in batches of `service_batch_size` (a bind join); without
    it, or when nothing is shared, the block is evaluated on its own. `base_iri`
    resolves relative IRIs (`SERVICE <x>`) as the engine will. `check_syntax` lets
    pyoxigraph check a query even without SERVICE (for a store that is not
    pyoxigraph and might read vendor extensions).

    Raises SyntaxError for a malformed query and QueryRefused for a refused one or a
    failed non-SILENT SERVICE call (502, 503 with Retry-After, 504 on timeout).
    """
    if cannot_hold_service(query):
        # Nothing to check or call: Oxigraph parses it (reporting errors as line:column)
        # and names FROM graphs in the store.
        if check_syntax:
            ox.Store().query(query, base_iri=base_iri)
        return Prepared(query_text=query)
    plan = analyse(query, config, base_iri)
    if not plan.services:
        if check_syntax:
            ox.Store().query(query, base_iri=base_iri)
        return Prepared(query_text=query)
    dataset = dataset_clause_text(list(lex(query)))
    text = query
    reports: list[CallReport] = []
    warnings: list[str] = []
    # All of a query's SERVICE calls together stay within the query's own time limit.
    overall = time.monotonic() + config.query_timeout
    shift = 0
    for service in plan.services:
        start, end = service.clause.start + shift, service.clause.end + shift
        moved = replace(service, clause=replace(service.clause, start=start, end=end))
        replacement, report, warning = _run_clause(
            moved, text, plan, dataset, config, caller, evaluate, overall
        )
        reports.append(report)
        if warning:
            warnings.append(warning)
        text = text[:start] + replacement + text[end:]
        shift += len(replacement) - (end - start)
    for call in reports:
        log.info("SERVICE %s", call.header())
    if any(t.is_word("SERVICE") for t in lex(text)):
        raise QueryRefused(500, "internal error: a SERVICE clause survived the rewrite")
    return Prepared(query_text=text, calls=reports, warnings=warnings)


_ESCAPES = re.compile(r"\\[uU]")


def cannot_hold_service(query: str) -> bool:
    """True when no SERVICE clause can be in `query`, so the policy has nothing to judge.

    SPARQL keywords are case-insensitive, so a text without `service` in any letter
    case cannot spell one (pyoxigraph decodes `\\u` escapes only inside IRIs and
    strings). This is a shortcut, not the policy: any text that could hold a SERVICE
    goes through `analyse`.
    """
    return "service" not in query.lower()


@dataclass
class PreparedUpdate:
    """An update safe to hand to pyoxigraph, and what was skipped (LOAD SILENT)."""

    text: str
    warnings: list[str] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        if not self.warnings:
            return {}
        return {WARNING_HEADER: " | ".join(_header_safe(w) for w in self.warnings)}


_EMPTY_STORE: list[str] = []
_EMPTY_LOCK = threading.Lock()


def empty_store_path() -> str:
    """An empty on-disk store, made once per user and shared by every process.

    Made in a fresh folder and renamed into place, so processes starting together
    never see a half-made one; a store opened read-only by many processes is fine.
    """
    import os
    import shutil
    import tempfile

    with _EMPTY_LOCK:
        if _EMPTY_STORE:
            return _EMPTY_STORE[0]
        final = os.path.join(
            tempfile.gettempdir(), f"newsgraph-empty-store-{os.getuid()}-{ox.__version__}"
        )
        if not os.path.isdir(final):
            fresh = tempfile.mkdtemp(prefix="newsgraph-empty-store-")
            ox.Store(fresh).flush()
            try:
                os.rename(fresh, final)
            except OSError:  # another process made it first
                shutil.rmtree(fresh, ignore_errors=True)
        _EMPTY_STORE.append(final)
        return final


def _engine_update_check(update: str, tokens: list[Token], base_iri: str | None) -> None:
    """pyoxigraph's own parse of an update, without running it.

    An empty store opened read-only parses the update and then refuses to start a
    transaction: a SyntaxError is the engine's verdict, anything else means it parsed.
    SERVICE keywords are turned into MINUS first, as for queries.
    """
    try:
        ox.Store.read_only(empty_store_path()).update(
            _without_service(update, tokens), base_iri=base_iri
        )
    except (RuntimeError, OSError):
        pass


def prepare_update(update: str, config: Config, base_iri: str | None = None) -> PreparedUpdate:
    """Check a SPARQL Update before any engine sees it.

    This server never fetches data: `LOAD <x>` is refused (400, naming the target);
    `LOAD SILENT <x>` succeeds as a failed LOAD SILENT must, loading nothing, and the
    target is named in a warning (the X-Newsgraph-Warning header). Updates are not
    federated: a SERVICE in an update's WHERE is refused, SERVICE SILENT is the one
    empty solution.
    """
    del config
    tokens = list(lex(update))
    _check_glued_keywords(tokens)
    _engine_update_check(update, tokens, base_iri)
    warnings: list[str] = []
    cuts: list[tuple[int, int, str]] = []
    prologue = Prologue("", {}, base_iri, 0)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.is_word("BASE") and nxt is not None and nxt.kind == "iri":
            base = _join(prologue.base, _unescape_iri(nxt.text[1:-1]))
            prologue = Prologue("", prologue.prefixes, base, 0)
            i += 2
            continue
        if (  # prologues may precede every operation of an update
            t.is_word("PREFIX")
            and nxt is not None
            and nxt.text.endswith(":")
            and i + 2 < len(tokens)
            and tokens[i + 2].kind == "iri"
        ):
            iri = _join(prologue.base, _unescape_iri(tokens[i + 2].text[1:-1]))
            prologue.prefixes[nxt.text[:-1]] = iri
            i += 3
            continue
        if t.is_word("LOAD"):
            j = i + 1
            silent = j < len(tokens) and tokens[j].is_word("SILENT")
            j += 1 if silent else 0
            if j >= len(tokens) or tokens[j].kind not in ("iri", "word"):
                i += 1
                continue  # malformed: the engine reports it
            try:
                target = resolve_term(tokens[j].text, prologue)
            except SyntaxError:
                target = tokens[j].text
            end = tokens[j].end
            if (
                j + 2 < len(tokens)
                and tokens[j + 1].is_word("INTO")
                and tokens[j + 2].is_word("GRAPH")
            ):
                end = tokens[j + 3].end if j + 3 < len(tokens) else tokens[j + 2].end
            if not silent:
                raise QueryRefused(
                    400,
                    f"LOAD <{target}> refused: this endpoint never fetches remote data "
                    "(LOAD SILENT succeeds and loads nothing); load files with `kg build`",
                )
            warnings.append(f"LOAD SILENT <{target}> skipped: this endpoint fetches nothing")
            cuts.append((t.start, end, "INSERT DATA { }"))
        i += 1
    if any(t.is_word("SERVICE") for t in tokens):
        for clause in find_services(update, tokens):
            if not clause.silent:
                raise QueryRefused(
                    400, f"SERVICE {clause.endpoint_token} refused: updates may not call SERVICE"
                )
            warnings.append(f"SERVICE SILENT {clause.endpoint_token} skipped in an update")
            cuts.append((clause.start, clause.end, "VALUES () { () }"))
    text = update
    for start, end, replacement in sorted(cuts, reverse=True):
        text = text[:start] + replacement + text[end:]
    if any(t.is_word("SERVICE", "LOAD") for t in lex(text)):
        raise QueryRefused(400, "LOAD and SERVICE are refused in updates")
    return PreparedUpdate(text, warnings)


def warm_up() -> None:
    """Kept for callers: the check needs no grammar warm-up since rdflib left it."""
