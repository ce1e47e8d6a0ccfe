"""SERVICE federation that we execute ourselves, and the policy that makes it safe.

Why this module exists: pyoxigraph's `Store.query` performs SERVICE calls itself, with
no hook, no timeout, no User-Agent and no address filter, and rdflib's engine opens any
URL for SERVICE and `FROM`. So no engine may ever see a query we have not checked.

`prepare(query, config)` is the only way a query reaches the store:

1. It parses the query with rdflib's SPARQL parser and translates it to algebra. The
   policy is enforced on that algebra, never by searching the text: every top-level
   `ServiceGraphPattern` must name a constant http(s) IRI in the allowlist whose host
   is not a loopback, private or link-local address (unless the allowlist names that
   address literally, or `service_map` sends the call to an operator-chosen stand-in);
   the dataset clause (`FROM`, `FROM NAMED`) is read so the caller can hand it to
   pyoxigraph as graphs *in the store*: nothing is ever fetched for it.
2. A small SPARQL-aware lexer (it skips strings, IRIs and comments) finds the text span
   of each top-level `SERVICE [SILENT] <iri> { … }` clause; its findings must agree with
   the algebra (same number of clauses, same IRIs, same SILENT flags) or the query is
   refused.
3. Each SERVICE block is sent as `SELECT * WHERE { … }` to the (mapped) endpoint with
   `requests`, under our timeout, byte cap, User-Agent and 429 handling, and the clause
   is replaced in the text by a `VALUES` block of the returned solutions. SPARQL
   evaluates SERVICE independently of the rest of the pattern, so inlining its
   solutions at the same position is equivalent. `SERVICE SILENT` that fails becomes
   `VALUES () { () }`, the one empty solution the spec prescribes.
4. The rewritten text is lexed once more: if any SERVICE keyword is left, we refuse.

`prepare_update(update, config)` refuses `LOAD` (we never fetch) and SERVICE in updates.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import re
import socket
import threading
import time
import types
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
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
# rdflib parsing

_patched = False
# pyparsing grammars are not thread-safe: concurrent parses in one process fail with
# errors like "<lambda>() missing 1 required positional argument". Server threads
# therefore take turns (a parse costs milliseconds; VALUES rows are compacted first).
_PARSE_LOCK = threading.Lock()


def _service_post_parse(self: Any, instring: str, loc: int, tokens: Any) -> Any:
    """Build the ServiceGraphPattern CompValue without rdflib's `service_string`.

    rdflib 7 computes `service_string` by re-scanning the *whole* query for the first
    SERVICE clause: wrong when there are several, and infinite recursion (RecursionError)
    when one SERVICE is nested in another. Only rdflib's own SERVICE evaluation reads it,
    and we never let rdflib evaluate SERVICE, so we leave it out.
    """
    from rdflib.plugins.sparql.parserutils import CompValue, ParamValue

    res = CompValue("ServiceGraphPattern")
    for t in tokens:
        if isinstance(t, ParamValue):
            if t.isList:
                res.setdefault(t.name, []).append(t.tokenList)
            else:
                res[t.name] = t.tokenList
    return res


def _rdflib_parser() -> Any:
    """rdflib's SPARQL parser module, with the ServiceGraphPattern fix applied once.

    The fix is process-wide: in a process that imports this module, rdflib's own
    SERVICE evaluation has no query text to send and cannot call out, which is what we
    want in the server and the CLI anyway.
    """
    global _patched
    from rdflib.plugins.sparql import parser

    if not _patched:
        element = parser.ServiceGraphPattern
        element.postParse = types.MethodType(_service_post_parse, element)  # type: ignore[method-assign]
        _patched = True
    return parser


def _syntax_error(exc: Exception) -> SyntaxError:
    """A parse failure as `error at LINE:COLUMN: …`, the form Oxigraph's messages take."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    if isinstance(line, int) and isinstance(col, int):
        text = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)", "", text)
        text = f"error at {line}:{col}: {text}"
    return SyntaxError(text)


def _base_of(parsed: Any) -> str | None:
    base = None
    for decl in parsed[0]:
        if decl.name == "Base":
            base = str(decl.iri)
    return base


def _walk(node: Any, found: list[Any]) -> None:
    """Collect top-level ServiceGraphPattern nodes anywhere in a parse tree or algebra.

    Does not descend into a SERVICE's own pattern: a SERVICE nested in another is the
    remote endpoint's business, not ours.
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                found.append(n)
                continue
            stack.extend(v for k, v in n.items() if k != "_vars")
        elif isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, list | tuple):
            stack.extend(n)
        elif hasattr(n, "as_list") and callable(n.as_list):  # pyparsing ParseResults
            stack.extend(list(n))


# --------------------------------------------------------------------------------------
# The lexer: just enough SPARQL to find clause boundaries reliably.

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
  | (?P<word>(?:[\w\u00B7-\U0010FFFF:%.\-]|\\[_~.\-!$&'()*+,;=/?\#@%])+)
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


@dataclass(frozen=True)
class ServiceClause:
    """One top-level `SERVICE [SILENT] endpoint { … }` clause found in the query text."""

    endpoint_token: str  # as written: <iri> or prefix:local
    silent: bool
    start: int  # span of the whole clause
    end: int
    body: str  # the group graph pattern text, braces included
    variables: tuple[str, ...]  # variables mentioned in the body, first mention first
    nested: int  # SERVICE clauses inside the body (the remote's business)


def find_services(text: str, tokens: list[Token] | None = None) -> list[ServiceClause]:
    """Find top-level SERVICE clauses and their spans. Raises QueryRefused when unsure."""
    tokens = tokens if tokens is not None else list(lex(text))
    clauses: list[ServiceClause] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not (t.kind == "word" and t.text.upper() == "SERVICE"):
            i += 1
            continue
        j = i + 1
        silent = False
        if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.upper() == "SILENT":
            silent = True
            j += 1
        if j >= len(tokens):
            raise SyntaxError("SERVICE without an endpoint")
        endpoint = tokens[j]
        if endpoint.kind == "var":
            raise QueryRefused(
                400,
                f"SERVICE {endpoint.text} refused: the endpoint must be a constant IRI "
                "from the allowlist, not a variable",
            )
        if endpoint.kind not in ("iri", "word"):
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
            elif tk.kind == "word" and tk.text.upper() == "SERVICE":
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


def _prologue_text(text: str, tokens: list[Token] | None = None) -> str:
    """The raw BASE/PREFIX declarations at the head of a query, to send to the remote."""
    tokens = tokens if tokens is not None else list(lex(text))
    end = 0
    i = 0
    while i < len(tokens):
        word = tokens[i].text.upper() if tokens[i].kind == "word" else ""
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            end = tokens[i + 1].end
            i += 2
        elif word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            end = tokens[i + 2].end
            i += 3
        else:
            break
    return text[:end]


def compact_values(text: str, tokens: list[Token] | None = None) -> str:
    """The query with the rows of every VALUES block removed, for rdflib's parser only.

    Why: rdflib's pyparsing grammar needs about 3 ms per VALUES row (5.6 s for 2,000
    rows), and SERVICE callers send long VALUES blocks. A data block holds only terms
    (no braces, so no SERVICE and no dataset clause), so emptying it changes nothing
    the policy looks at; pyoxigraph still receives the full original rows. A block whose
    braces do not close simply, or that holds anything but terms, is left whole.
    """
    tokens = tokens if tokens is not None else list(lex(text))
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].kind == "word" and tokens[i].text.upper() == "VALUES"):
            i += 1
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].kind == "var":
            j += 1
        elif j < len(tokens) and tokens[j].text == "(":
            j += 1
            while j < len(tokens) and tokens[j].kind == "var":
                j += 1
            if j >= len(tokens) or tokens[j].text != ")":
                i += 1
                continue
            j += 1
        else:
            i += 1
            continue
        if j >= len(tokens) or tokens[j].kind != "lbrace":
            i += 1
            continue
        k = j + 1
        while k < len(tokens) and tokens[k].kind in ("iri", "string", "word", "other"):
            if tokens[k].kind == "word" and tokens[k].text.upper() in ("SERVICE", "FROM"):
                break
            k += 1
        if k < len(tokens) and tokens[k].kind == "rbrace":
            if k > j + 1:
                cuts.append((tokens[j].end, tokens[k].start))
            i = k + 1
        else:
            i += 1
    for start, end in reversed(cuts):
        text = text[:start] + " " + text[end:]
    return text


_PN_ESCAPE = re.compile(r"\\(.)")


def _resolve_token(token: str, prefixes: dict[str, str], base: str | None) -> str:
    if token.startswith("<"):
        iri = token[1:-1]
        return urljoin(base, iri) if base and not urlsplit(iri).scheme else iri
    prefix, _, local = token.partition(":")
    if prefix not in prefixes:
        raise SyntaxError(f"undeclared prefix {prefix!r}")
    return prefixes[prefix] + _PN_ESCAPE.sub(r"\1", local)


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
# Analysis: parse, check, locate


@dataclass(frozen=True)
class Service:
    """A checked SERVICE clause: where it is, what it says, where its call goes.

    `label_variables` are Wikidata label-service outputs (`?itemLabel`, …) that the
    rest of the query uses for variables of this block: see `_label_variables`.
    """

    clause: ServiceClause
    iri: str
    target: Target
    label_variables: tuple[str, ...] = ()

    @property
    def variables(self) -> tuple[str, ...]:
        """Variables this block may bind, as far as the query can see them."""
        return self.clause.variables + self.label_variables

    def remote_query(self, prologue: str) -> str:
        """The SELECT sent to the endpoint for this block.

        `SELECT *` projects exactly the block's in-scope variables; only when the query
        uses label-service variables are the variables named, so that Wikidata's
        `SERVICE wikibase:label` (automatic mode, which fills projected `?xLabel`
        variables) has them to fill.
        """
        if self.label_variables:
            head = " ".join(f"?{v}" for v in self.variables)
        else:
            head = "*"
        return f"{prologue}\nSELECT {head} WHERE {self.clause.body}".lstrip()


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
    form: str  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery
    prologue: str
    services: tuple[Service, ...]
    default_graphs: tuple[str, ...] | None  # None: the query has no dataset clause
    named_graphs: tuple[str, ...] | None


def analyse(query: str, config: Config) -> Plan:
    """Parse and check a query against the policy, without calling anything.

    Raises SyntaxError (malformed) or QueryRefused (policy).
    """
    parser = _rdflib_parser()
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.term import URIRef, Variable

    tokens = list(lex(query))
    compacted = compact_values(query, tokens)
    with _PARSE_LOCK:
        try:
            parsed = parser.parseQuery(compacted)
            algebra = translateQuery(parsed, base=_base_of(parsed))
        except RecursionError:
            raise QueryRefused(400, "query too deeply nested to check") from None
        except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib raise several kinds
            raise _syntax_error(exc) from None
    prologue_decls, body = parsed[0], parsed[1]
    prefixes: dict[str, str] = {}
    base: str | None = None
    for decl in prologue_decls:
        if decl.name == "Base":
            base = str(decl.iri)
        elif decl.name == "PrefixDecl":
            prefixes[str(decl.prefix or "")] = str(decl.iri)

    # Dataset clause: graphs in the store, never fetched.
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    # (CompValue.get returns the key itself for a missing key: always test with `in`.)
    dataset = body["datasetClause"] if "datasetClause" in body else []
    for clause in dataset:
        if "default" in clause:
            default_graphs.append(str(clause["default"]))
        if "named" in clause:
            named_graphs.append(str(clause["named"]))

    # The lexer must see exactly as many FROM keywords as the parser saw dataset
    # clauses: FROM is legal nowhere else.
    from_words = sum(1 for t in tokens if t.kind == "word" and t.text.upper() == "FROM")
    if from_words != len(dataset):
        raise QueryRefused(400, "cannot match the FROM clauses in the text with the parsed query")

    # SERVICE clauses according to the algebra …
    nodes: list[Any] = []
    _walk(algebra.algebra, nodes)
    from_algebra: list[tuple[str, bool]] = []
    for node in nodes:
        term = node["term"]
        if isinstance(term, Variable):
            raise QueryRefused(
                400,
                f"SERVICE ?{term} refused: the endpoint must be a constant IRI from "
                "the allowlist, not a variable",
            )
        if not isinstance(term, URIRef):
            raise QueryRefused(400, f"SERVICE {term!r} refused: not an IRI")
        from_algebra.append((str(term), "silent" in node))
    # … must agree with what the lexer found in the text.
    clauses = find_services(query, tokens)
    query_variables = {t.text[1:] for t in tokens if t.kind == "var"}
    from_text = [(_resolve_token(c.endpoint_token, prefixes, base), c.silent) for c in clauses]
    if sorted(from_text) != sorted(from_algebra):
        raise QueryRefused(
            400,
            "cannot match the SERVICE clauses in the text with the parsed query "
            f"(text: {from_text}, parsed: {from_algebra}); write SERVICE IRIs without "
            "\\u escapes",
        )
    services = tuple(
        Service(c, iri, check_endpoint(iri, config), _label_variables(c, query_variables))
        for c, (iri, _) in zip(clauses, from_text, strict=True)
    )
    return Plan(
        text=query,
        form=body.name,
        prologue=_prologue_text(query, tokens) if services else "",
        services=services,
        default_graphs=tuple(default_graphs) if dataset else None,
        named_graphs=tuple(named_graphs) if dataset else None,
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


def call_service(service: Service, prologue: str, config: Config) -> tuple[list[str], list[list]]:
    """Run one SERVICE block remotely: (variables, rows of pyoxigraph terms or None).

    A 429 with a Retry-After that fits in the remaining time budget is retried once
    after waiting; otherwise it becomes a 503 carrying the remote's Retry-After.
    """
    query = service.remote_query(prologue)
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


def _call_with_retry(
    service: Service, query: str, config: Config, deadline: float
) -> tuple[list[str], list[list]]:
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
        return _parse_results(resp, service.variables)
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
    """What one SERVICE call did (for logs and tests)."""

    endpoint: str
    url: str
    rows: int
    seconds: float
    error: str | None = None


@dataclass
class Prepared:
    """A query safe to hand to pyoxigraph, and the dataset to evaluate it on."""

    query_text: str
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    calls: list[CallReport] = field(default_factory=list)


Caller = Callable[[Service, str, Config], tuple[list[str], list[list]]]


def prepare(query: str, config: Config, *, caller: Caller = call_service) -> Prepared:
    """Check `query`, run its SERVICE blocks ourselves and inline their results.

    Raises SyntaxError for a malformed query and QueryRefused for a refused one or a
    failed non-SILENT SERVICE call (502, 503 with Retry-After, 504 on timeout).
    """
    if cannot_hold_service(query):
        # Nothing to check or call: Oxigraph parses it (reporting errors as line:column)
        # and names FROM graphs in the store. Skips rdflib's parse, 5-16 ms per query.
        return Prepared(query_text=query, default_graphs=None, named_graphs=None)
    plan = analyse(query, config)
    text = plan.text
    calls: list[CallReport] = []
    replacements: list[tuple[int, int, str]] = []
    # All of a query's SERVICE calls together stay within the query's own time limit.
    overall = time.monotonic() + config.query_timeout
    for service in plan.services:
        started = time.monotonic()
        budget = min(config.service_timeout, overall - started)
        try:
            if budget <= 0:
                raise _CallFailed(504, f"the query's {config.query_timeout:g} s are spent")
            call_config = (
                config
                if budget == config.service_timeout
                else config.replace(service_timeout=budget)
            )
            variables, rows = caller(service, plan.prologue, call_config)
        except _CallFailed as exc:
            calls.append(
                CallReport(service.iri, service.target.url, 0, time.monotonic() - started,
                           exc.reason)
            )  # fmt: skip
            if service.clause.silent:
                replacements.append((service.clause.start, service.clause.end, "VALUES () { () }"))
                continue
            log.warning("SERVICE <%s> via %s failed: %s", service.iri, service.target.url,
                        exc.reason)  # fmt: skip
            raise QueryRefused(
                exc.status, f"SERVICE <{service.iri}> failed: {exc.reason}", exc.headers
            ) from None
        except QueryRefused:
            raise
        calls.append(
            CallReport(service.iri, service.target.url, len(rows), time.monotonic() - started)
        )
        replacements.append(
            (service.clause.start, service.clause.end, values_block(variables, rows))
        )
    for call in calls:
        log.info(
            "SERVICE <%s> via %s: %d rows in %.2f s%s",
            call.endpoint, call.url, call.rows, call.seconds,
            f" (failed: {call.error})" if call.error else "",
        )  # fmt: skip
    for start, end, replacement in sorted(replacements, reverse=True):
        text = text[:start] + replacement + text[end:]
    if plan.services and any(t.kind == "word" and t.text.upper() == "SERVICE" for t in lex(text)):
        raise QueryRefused(500, "internal error: a SERVICE clause survived the rewrite")
    return Prepared(
        query_text=text,
        default_graphs=list(plan.default_graphs) if plan.default_graphs is not None else None,
        named_graphs=list(plan.named_graphs) if plan.named_graphs is not None else None,
        calls=calls,
    )


_ESCAPES = re.compile(r"\\[uU]")


def cannot_hold_service(query: str) -> bool:
    """True when no SERVICE clause can be in `query`, so the policy has nothing to judge.

    SPARQL keywords are case-insensitive and `\\u` escapes are decoded before parsing,
    so a text without `service` in any letter case and without such escapes cannot
    spell one. This is a conservative shortcut, not the policy: any text that could
    hold a SERVICE still goes through the parsed algebra in `analyse`.
    """
    return "service" not in query.lower() and not _ESCAPES.search(query)


def prepare_update(update: str, config: Config) -> str:
    """Check a SPARQL Update before any engine sees it; returns the text unchanged.

    LOAD would make the engine fetch a URL, so it is refused whatever its source; a
    SERVICE inside an update's WHERE clause is refused too (updates are not federated).
    `config` is accepted for symmetry with `prepare` and future policy.
    """
    del config
    parser = _rdflib_parser()
    with _PARSE_LOCK:
        try:
            parsed = parser.parseUpdate(compact_values(update))
        except RecursionError:
            raise QueryRefused(400, "update too deeply nested to check") from None
        except Exception as exc:  # noqa: BLE001
            raise _syntax_error(exc) from None
    for request in parsed["request"] if "request" in parsed else []:
        if request.name == "Load":
            raise QueryRefused(
                400,
                f"LOAD <{request['iri']}> refused: this endpoint never fetches "
                "remote data; load files with `kg build`",
            )
    nodes: list[Any] = []
    _walk(parsed, nodes)
    if nodes:
        raise QueryRefused(
            400, f"SERVICE <{nodes[0]['term']}> refused: updates may not call SERVICE"
        )
    if any(t.kind == "word" and t.text.upper() in ("SERVICE", "LOAD") for t in lex(update)):
        raise QueryRefused(400, "LOAD and SERVICE are refused in updates")
    return update


def warm_up() -> None:
    """Pay rdflib's grammar warm-up (75-100 ms) at start, not on the first request."""
    try:
        analyse("ASK { ?s ?p ?o }", Config())
    except Exception:  # noqa: BLE001 - never fatal
        pass
