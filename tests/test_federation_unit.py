"""The federation policy and rewrite without servers: fast, and no network at all.

Where a test needs a socket it is a loopback listener this test opens itself.
"""

from __future__ import annotations

import socket
import threading
import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import federation as fed
from kg.config import Config
from kg.federation import QueryRefused

WIKIDATA = "https://query.wikidata.org/sparql"
SCHOLARLY = "https://query-scholarly.wikidata.org/sparql"
CONFIG = Config()


def q(template: str, *endpoints: str) -> str:
    """`template` with each `%s` replaced by the next endpoint (SPARQL braces rule out
    f-strings)."""
    for endpoint in endpoints:
        template = template.replace("%s", endpoint, 1)
    return template


def no_network(*args: object, **kwargs: object):  # pragma: no cover - must never run
    raise AssertionError("a unit test tried to call a remote endpoint")


def fixed(variables: list[str], rows: list[list]):
    def caller(service, prologue, config):
        return variables, rows

    return caller


# ---------------------------------------------------------------------- lexer


def test_lexer_ignores_service_in_strings_iris_and_comments() -> None:
    query = (
        "SELECT * { # SERVICE <http://evil/> { }\n"
        '  ?s ?p "SERVICE <http://evil/> { ?a ?b ?c }" .\n'
        "  ?s ?p '''a\n SERVICE <http://evil/> {} '''.\n"
        "  ?s <http://x/SERVICE> ?o . ?SERVICE ?p ex:SERVICE\n"
        "}"
    )
    assert fed.find_services(query) == []


def test_lexer_finds_clause_span_with_nested_braces() -> None:
    query = q(
        'SELECT * { ?s ?p ?o . SERVICE SILENT <%s> { { ?s ?q "}" } UNION { ?s ?r ?t } } '
        "FILTER(?o) }",
        WIKIDATA,
    )
    [clause] = fed.find_services(query)
    assert clause.silent
    assert query[clause.start : clause.end].startswith("SERVICE SILENT")
    assert query[clause.start : clause.end].endswith("{ ?s ?r ?t } }")
    assert clause.variables == ("s", "q", "r", "t")


def test_less_than_is_not_taken_for_an_iri() -> None:
    query = q("SELECT * { ?a ?p ?b FILTER(?a<?b) SERVICE <%s> { ?a ?q ?b } }", WIKIDATA)
    plan = fed.analyse(query, CONFIG)
    assert [s.iri for s in plan.services] == [WIKIDATA]


# ---------------------------------------------------------------------- policy


@pytest.mark.parametrize(
    "endpoint, words",
    [
        ("http://10.0.0.1/sparql", "private address"),
        ("http://192.168.0.10:8890/sparql", "private address"),
        ("http://172.16.5.4/sparql", "private address"),
        ("http://169.254.169.254/latest/", "link-local address"),
        ("http://127.0.0.1:8080/sparql", "loopback address"),
        ("http://[::1]:8080/sparql", "loopback address"),
        ("http://localhost:8080/sparql", "loopback address"),
        ("https://dbpedia.org/sparql", "not in the allowlist"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://query.wikidata.org/sparql", "only http and https"),
    ],
)
def test_refused_endpoints_are_named(endpoint: str, words: str) -> None:
    with pytest.raises(QueryRefused) as info:
        fed.prepare(
            q("SELECT * { SERVICE <%s> { ?s ?p ?o } }", endpoint), CONFIG, caller=no_network
        )
    assert info.value.status == 400
    assert f"<{endpoint}>" in info.value.message
    assert words in info.value.message


def test_variable_endpoint_refused() -> None:
    with pytest.raises(QueryRefused) as info:
        fed.analyse(q("SELECT * { BIND(<%s> AS ?e) SERVICE ?e { ?s ?p ?o } }", WIKIDATA), CONFIG)
    assert info.value.status == 400 and "?e" in info.value.message


def test_prefixed_service_iri_resolves_and_is_checked() -> None:
    query = "PREFIX w: <https://query.wikidata.org/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }"
    assert [s.iri for s in fed.analyse(query, CONFIG).services] == [WIKIDATA]
    evil = "PREFIX w: <http://10.0.0.1/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }"
    with pytest.raises(QueryRefused, match="http://10.0.0.1/sparql"):
        fed.analyse(evil, CONFIG)


def test_relative_service_iri_uses_base() -> None:
    query = "BASE <https://query.wikidata.org/> SELECT * { SERVICE <sparql> { ?s ?p ?o } }"
    assert [s.iri for s in fed.analyse(query, CONFIG).services] == [WIKIDATA]


def test_nested_service_is_the_remotes_business_but_outer_must_be_allowed() -> None:
    nested = "SELECT * { SERVICE <%s> { ?s ?p ?o SERVICE <%s> { ?o ?q ?r } } }"
    plan = fed.analyse(q(nested, WIKIDATA, "http://10.0.0.1/x"), CONFIG)
    assert [s.iri for s in plan.services] == [WIKIDATA]
    assert plan.services[0].clause.nested == 1
    with pytest.raises(QueryRefused, match="http://10.0.0.1/x"):
        fed.analyse(q(nested, "http://10.0.0.1/x", WIKIDATA), CONFIG)


def test_unicode_escaped_service_keyword_is_no_keyword_for_the_engine_either() -> None:
    # pyoxigraph decodes \\u escapes only inside IRIs and strings: outside, the text is
    # a syntax error for the engine, which says so; nothing is called.
    query = "SELECT * { SERVI\\u0043E <http://10.0.0.1/x> { ?s ?p ?o } }"
    prepared = fed.prepare(query, CONFIG, caller=no_network)
    with pytest.raises(SyntaxError):
        ox.Store().query(prepared.query_text)


@pytest.mark.parametrize(
    "glued",
    ["?s ?p trueSERVICE <%s> { ?s ?p ?o }", "?s ?p ?o SERVICESILENT <%s> { ?s ?p ?o }"],
)
def test_keyword_glued_to_another_word_is_refused(glued: str) -> None:
    with pytest.raises(QueryRefused, match="put a space before SERVICE"):
        fed.prepare(q("SELECT * { " + glued + " }", WIKIDATA), CONFIG, caller=no_network)


def test_number_and_dot_glued_to_service_are_read_as_the_engine_reads_them() -> None:
    for glued in ("?s ?p 1SERVICE <%s> { ?s ?p ?o }", "?s ?p ?o .SERVICE <%s> { ?s ?p ?o }"):
        with pytest.raises(QueryRefused, match="http://10.0.0.1/x"):
            fed.analyse(q("SELECT * { " + glued + " }", "http://10.0.0.1/x"), CONFIG)


def test_mapped_endpoint_goes_to_the_stand_in() -> None:
    config = Config(service_map={WIKIDATA: "http://127.0.0.1:9999/sparql"})
    target = fed.check_endpoint(WIKIDATA, config)
    assert target.url == "http://127.0.0.1:9999/sparql" and not target.public_only


def test_allowlisted_host_resolving_to_private_address_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(fed, "_resolve_host", lambda host, port: ["93.184.216.34", "10.1.2.3"])
    monkeypatch.setattr(fed, "_exchange", no_network)
    with pytest.raises(QueryRefused) as info:
        fed.prepare(q("SELECT * { SERVICE <%s> { ?s ?p ?o } }", WIKIDATA), CONFIG)
    assert info.value.status == 400
    assert "private address 10.1.2.3" in info.value.message and WIKIDATA in info.value.message


def test_silent_private_resolution_calls_nothing_and_is_one_empty_solution(monkeypatch) -> None:
    monkeypatch.setattr(fed, "_resolve_host", lambda host, port: ["127.0.0.1"])
    monkeypatch.setattr(fed, "_exchange", no_network)
    prepared = fed.prepare(q("SELECT * { SERVICE SILENT <%s> { ?s ?p ?o } }", WIKIDATA), CONFIG)
    assert len(list(ox.Store().query(prepared.query_text))) == 1
    assert "loopback address 127.0.0.1" in prepared.headers()[fed.WARNING_HEADER]


def test_connected_peer_is_checked_against_dns_rebinding(monkeypatch) -> None:
    """DNS said public, the socket reached loopback: refused before a byte is sent."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    received: list[bytes] = []

    def accept() -> None:
        conn, _ = listener.accept()
        conn.settimeout(60)  # a ceiling only: the client closes long before
        try:
            received.append(conn.recv(100))
        except OSError:
            pass
        conn.close()

    server = threading.Thread(target=accept, daemon=True)
    server.start()
    monkeypatch.setattr(fed, "_resolve_host", lambda host, port: ["93.184.216.34"])
    target = fed.Target(WIKIDATA, f"http://127.0.0.1:{port}/sparql", public_only=True)
    with pytest.raises(QueryRefused, match="loopback address 127.0.0.1"):
        fed._http_call(target, "ASK {}", CONFIG, time.monotonic() + 5)
    server.join(timeout=60)  # ends when the refused connection is closed
    listener.close()
    assert not server.is_alive()
    assert received == [b""]  # it connected, saw the address and closed without sending


# ---------------------------------------------------------------------- dataset, update


def test_dataset_clause_is_copied_for_derived_queries() -> None:
    text = "SELECT * FROM <http://a/g1> FROM ex:g2 FROM NAMED <n> { ?s ?p ?o }"
    assert fed.dataset_clause_text(list(fed.lex(text))) == (
        "FROM <http://a/g1> FROM ex:g2 FROM NAMED <n>"
    )


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://example.org/data.ttl>",
        "LOAD <file:///etc/passwd> INTO GRAPH <http://g>",
        "INSERT DATA { <http://a> <http://b> <http://c> } ; LOAD <http://10.0.0.1/x>",
    ],
)
def test_load_is_refused(update: str) -> None:
    with pytest.raises(QueryRefused) as info:
        fed.prepare_update(update, CONFIG)
    assert info.value.status == 400 and "LOAD <" in info.value.message


def test_update_with_service_is_refused_and_plain_update_passes() -> None:
    with pytest.raises(QueryRefused, match="updates may not call SERVICE"):
        fed.prepare_update(
            q("INSERT { ?s ?p ?o } WHERE { SERVICE <%s> { ?s ?p ?o } }", WIKIDATA), CONFIG
        )
    plain = 'INSERT DATA { <http://a> <http://b> "LOAD <http://x/> SERVICE" }'
    assert fed.prepare_update(plain, CONFIG).text == plain


def test_load_silent_loads_nothing_and_names_the_target() -> None:
    update = "PREFIX x: <http://10.0.0.1/> LOAD SILENT x:data.ttl INTO GRAPH <http://g> ; CLEAR ALL"
    checked = fed.prepare_update(update, CONFIG)
    assert "LOAD" not in checked.text and "CLEAR ALL" in checked.text
    assert "<http://10.0.0.1/data.ttl>" in checked.headers()[fed.WARNING_HEADER]
    store = ox.Store()
    store.update(checked.text)  # valid for the engine, and changes nothing
    assert len(store) == 0


# ---------------------------------------------------------------------- rewrite


def test_rewrite_inlines_values_with_undef_and_escapes() -> None:
    rows = [
        [
            ox.NamedNode("http://www.wikidata.org/entity/Q232"),
            ox.Literal('say "hi"\n', language="en"),
        ],
        [ox.NamedNode("http://www.wikidata.org/entity/Q43"), None],
        [
            ox.BlankNode("b0"),
            ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ],
    ]
    query = q("SELECT ?i ?l { SERVICE <%s> { ?i <http://x/label> ?l } }", WIKIDATA)
    prepared = fed.prepare(query, CONFIG, caller=fixed(["i", "l"], rows))
    assert "SERVICE" not in prepared.query_text
    got = list(ox.Store().query(prepared.query_text))
    assert got[0]["l"] == ox.Literal('say "hi"\n', language="en")
    assert got[1]["l"] is None
    assert got[2]["i"].value.startswith(fed.SKOLEM_PREFIX)


def test_silent_failure_is_one_empty_solution_and_loud_failure_names_endpoint() -> None:
    def dead(service, prologue, config):
        raise fed._CallFailed(502, "cannot connect")

    query = q("SELECT ?y { VALUES ?y { 1 2 } SERVICE SILENT <%s> { ?x ?p ?o } }", SCHOLARLY)
    prepared = fed.prepare(query, CONFIG, caller=dead)
    assert len(list(ox.Store().query(prepared.query_text))) == 2
    with pytest.raises(QueryRefused) as info:
        fed.prepare(query.replace("SILENT ", ""), CONFIG, caller=dead)
    assert info.value.status == 502 and SCHOLARLY in info.value.message


def test_service_inside_optional_and_exists_keeps_its_position() -> None:
    query = q(
        "SELECT ?c ?m { VALUES ?c { <http://a> <http://b> } "
        "OPTIONAL { SERVICE <%s> { ?c <http://p> ?m } } "
        "FILTER EXISTS { SERVICE <%s> { ?c <http://p> ?m2 } } }",
        WIKIDATA,
        SCHOLARLY,
    )
    caller = fixed(["c", "m", "m2"], [[ox.NamedNode("http://a"), ox.Literal("x"), ox.Literal("y")]])
    prepared = fed.prepare(query, CONFIG, caller=caller)
    got = sorted(
        (s["c"].value, s["m"].value if s["m"] else None)
        for s in ox.Store().query(prepared.query_text)
    )
    assert got == [("http://a", "x")]


def test_many_values_rows_pass_the_policy_check_unchanged() -> None:
    rows = " ".join(f'(<http://ex/{i}> "label {i}"@en {i})' for i in range(5000))
    query = f"SELECT * {{ VALUES (?a ?b ?c) {{ {rows} }} ?a ?p ?o }}"
    prepared = fed.prepare(query, CONFIG, caller=no_network)
    assert prepared.query_text == query  # pyoxigraph still gets every row


def test_retry_after_forms(monkeypatch) -> None:
    assert fed._retry_after("3") == 3.0
    assert fed._retry_after(None) is None
    clock = FakeTime()
    clock.wall = 1_767_323_045.0
    monkeypatch.setattr(fed, "time", clock)
    date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(clock.wall + 30))
    assert fed._retry_after(date) == 30.0
    past = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(clock.wall - 30))
    assert fed._retry_after(past) == 0.0


def test_valid_queries_the_old_rdflib_check_refused_now_pass() -> None:
    # `service` in a comment or in the sd: namespace used to send the query through
    # rdflib's parser, which refused negative decimals and relative FROM.
    for query in [
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT * { ?s sd:x -1.5 }",
        "# no service here\nSELECT * FROM <file> { ?s ?p ?o }",
        "# service\nSELECT * { ?s ?p 1.50 FILTER(?s != -0.0e0) }",
    ]:
        prepared = fed.prepare(query, CONFIG, caller=no_network, base_iri="http://h/sparql")
        assert prepared.query_text == query
        list(ox.Store().query(prepared.query_text, base_iri="http://h/sparql"))


def test_relative_service_is_a_refusal_not_a_syntax_error() -> None:
    query = "SELECT * { SERVICE <other> { ?s ?p ?o } }"
    with pytest.raises(QueryRefused) as info:
        fed.prepare(query, CONFIG, caller=no_network, base_iri="http://127.0.0.1:8080/sparql")
    assert info.value.status == 400 and "<http://127.0.0.1:8080/other>" in info.value.message
    silent = query.replace("SERVICE", "SERVICE SILENT")
    prepared = fed.prepare(silent, CONFIG, caller=no_network, base_iri="http://h/sparql")
    assert len(list(ox.Store().query(prepared.query_text))) == 1


def test_silent_refusal_is_one_empty_solution_with_a_warning() -> None:
    query = "SELECT ?y { VALUES ?y { 1 2 } SERVICE SILENT <http://10.0.0.1/x> { ?x ?p ?o } }"
    prepared = fed.prepare(query, CONFIG, caller=no_network)
    assert len(list(ox.Store().query(prepared.query_text))) == 2
    assert "http://10.0.0.1/x" in prepared.headers()[fed.WARNING_HEADER]
    with pytest.raises(QueryRefused):
        fed.prepare(query.replace("SILENT ", ""), CONFIG, caller=no_network)


def test_syntax_errors_come_from_the_engine_with_positions() -> None:
    query = q("SELECT * {\n  SERVICE <%s> { ?s ?p ?o }\n  ?s ?p }", WIKIDATA)
    with pytest.raises(SyntaxError) as info:
        fed.prepare(query, CONFIG, caller=no_network)
    assert "3:" in str(info.value)


class FakeTime:
    """kg.federation's `time`, with clocks the test sets by hand."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.wall = 1_767_323_045.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.wall

    def __getattr__(self, name: str):
        return getattr(time, name)


def test_calls_share_the_query_time_limit(monkeypatch) -> None:
    clock = FakeTime()
    monkeypatch.setattr(fed, "time", clock)
    seen: list[float] = []

    def slow(service, prologue, config):
        seen.append(config.service_timeout)
        clock.now += 0.3  # each call takes 0.3 s of the query's 0.5
        return [], [[]]

    config = Config(query_timeout=0.5, service_timeout=20.0)
    query = q(
        "SELECT * { SERVICE <%s> { ?a ?b ?c } SERVICE SILENT <%s> { ?d ?e ?f } "
        "SERVICE <%s> { ?g ?h ?i } }",
        WIKIDATA,
        SCHOLARLY,
        WIKIDATA,
    )
    with pytest.raises(QueryRefused) as info:
        fed.prepare(query, config, caller=slow)
    assert info.value.status == 504 and "within 0.5 s" in info.value.message
    assert seen == [0.5, pytest.approx(0.2)]  # each call got only what was left; no third


def test_concurrent_calls_to_one_endpoint_are_capped(monkeypatch) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()
    inside = threading.Semaphore(0)
    release = threading.Event()

    def fake_call(target, query, config, deadline):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        inside.release()
        release.wait(60)  # held until the test has seen the others queue
        with lock:
            active -= 1
        return fed._Response(
            200,
            {"content-type": "application/sparql-results+json"},
            b'{"head":{"vars":[]},"results":{"bindings":[{}]}}',
        )

    monkeypatch.setattr(fed, "_http_call", fake_call)
    url = f"http://127.0.0.1:1/capped-{id(lock)}"  # slots of its own
    config = Config(service_concurrency=2, service_map={WIKIDATA: url})
    query = q("SELECT * { SERVICE <%s> { ?s ?p ?o } }", WIKIDATA)
    threads = [threading.Thread(target=fed.prepare, args=(query, config)) for _ in range(6)]
    for t in threads:
        t.start()
    assert inside.acquire(timeout=60) and inside.acquire(timeout=60)  # two calls are in
    slots = fed._slots(url, 2)
    ceiling = time.monotonic() + 60
    while len(slots._cond._waiters) < 4 and time.monotonic() < ceiling:  # type: ignore[attr-defined]
        time.sleep(0.01)
    assert len(slots._cond._waiters) == 4 and active == 2  # type: ignore[attr-defined]
    release.set()
    for t in threads:
        t.join()
    assert peak == 2 and active == 0


def test_escapes_in_iris_cannot_turn_code_into_a_comment() -> None:
    # pyoxigraph decodes \u0041 inside the IRI; were `#` then read as a comment start,
    # the SERVICE after it would hide from the lexer. It must be seen and checked.
    query = "SELECT * { ?s <http://x/\\u0041#> ?o . SERVICE <http://10.0.0.1/x> { ?s ?p ?o } }"
    with pytest.raises(QueryRefused, match="http://10.0.0.1/x"):
        fed.analyse(query, CONFIG)
    clauses = fed.find_services(query)
    assert [c.endpoint_token for c in clauses] == ["<http://10.0.0.1/x>"]


# Fragments that play tricks with escapes, strings, IRIs and comments. Port 9 makes
# pyoxigraph fail *before* connecting ("port 9 is not allowed"), which tells us it
# tried to run a SERVICE: it must never get to try one we did not rewrite.
_TRICKS = [
    "SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }",
    "SERVICE SILENT <http://127.0.0.1:9/x> { ?s ?p ?o }",
    '"a\\u0022 ',
    '"\\u005C" ',
    "'x\\\\' ",
    '"""a"b""" ',
    "# note\n",
    "\\u0023 ",
    "<http://x/\\u0041#> ",
    "<http://x/#> ",
    "?s ?p ?o . ",
    'BIND("SERVICE <http://127.0.0.1:9/x> {}" AS ?z) ',
    "\n",
    "} ",
    "{ ",
    '" ',
    "' ",
]


@settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(_TRICKS), min_size=1, max_size=6))
def test_pyoxigraph_never_sees_a_service_we_missed(parts: list[str]) -> None:
    query = "SELECT * WHERE { ?s ?p ?o . " + "".join(parts) + " }"
    config = Config(service_allowlist=("http://127.0.0.1:9/x",))
    try:
        prepared = fed.prepare(query, config, caller=fixed([], [[]]))
    except (SyntaxError, QueryRefused):
        return  # refused before any engine saw it
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o")))
    try:
        list(store.query(prepared.query_text))  # type: ignore[arg-type]
    except SyntaxError:
        return
    except OSError as exc:  # pragma: no cover - this is the failure we look for
        raise AssertionError(f"pyoxigraph tried a SERVICE call for {query!r}: {exc}") from exc


def test_remote_error_body_is_quoted(monkeypatch) -> None:
    def answer(target, query, config, deadline):
        return fed._Response(400, {}, b'MalformedQueryException: Encountered " "}" at line 3')

    monkeypatch.setattr(fed, "_http_call", answer)
    config = Config(service_map={WIKIDATA: "http://127.0.0.1:1/x"})
    with pytest.raises(QueryRefused) as info:
        fed.prepare(q("SELECT * { SERVICE <%s> { ?s ?p ?o } }", WIKIDATA), config)
    assert info.value.status == 502
    assert "HTTP 400: MalformedQueryException" in info.value.message


def test_xml_and_tsv_results_are_read() -> None:
    xml = b"""<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head><variable name="x"/><variable name="y"/></head>
  <results>
    <result><binding name="x"><uri>http://www.wikidata.org/entity/Q232</uri></binding></result>
    <result><binding name="y"><literal xml:lang="en">Astana</literal></binding></result>
  </results>
</sparql>"""
    clause = fed.find_services(q("SELECT * { SERVICE <%s> { ?x ?p ?y } }", WIKIDATA))[0]
    resp = fed._Response(200, {"content-type": "application/sparql-results+xml"}, xml)
    variables, rows = fed._parse_results(resp, clause.variables)
    assert variables == ["x", "y"]
    assert rows[0] == [ox.NamedNode("http://www.wikidata.org/entity/Q232"), None]
    assert rows[1] == [None, ox.Literal("Astana", language="en")]
    tsv = b'?x\t?y\n<http://a>\t"b"\n'
    resp = fed._Response(200, {"content-type": "text/tab-separated-values"}, tsv)
    assert fed._parse_results(resp, clause.variables)[1] == [
        [ox.NamedNode("http://a"), ox.Literal("b")]
    ]


def test_wikidata_label_service_variables_are_projected() -> None:
    query = (
        "PREFIX wikibase: <http://wikiba.se/ontology#> PREFIX bd: <http://www.bigdata.com/rdf#> "
        "SELECT ?country ?capital ?capitalLabel WHERE { ?country <http://x/p> ?item . "
        "SERVICE <%s> { ?item <http://www.wikidata.org/prop/direct/P36> ?capital . "
        'SERVICE wikibase:label { bd:serviceParam wikibase:language "en" } } }'
    )
    plan = fed.analyse(q(query, WIKIDATA), CONFIG)
    [service] = plan.services
    assert service.label_variables == ("capitalLabel",)
    sent = service.remote_query(plan.prologue)
    assert "SELECT ?item ?capital ?capitalLabel WHERE {" in sent
    assert "PREFIX wikibase: <http://wikiba.se/ontology#>" in sent
    # without a nested SERVICE, or without label variables, plain SELECT *
    plain = fed.analyse(q("SELECT * { SERVICE <%s> { ?s ?p ?o } }", WIKIDATA), CONFIG)
    assert "SELECT * WHERE {" in plain.services[0].remote_query(plain.prologue)
