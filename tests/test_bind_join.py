"""Bind joins for SERVICE, without servers: the local and the "remote" side are two
pyoxigraph stores, so every answer can be compared with the one SPARQL defines
(the SERVICE block evaluated on its own against the remote data, then joined)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import federation as fed
from kg.config import Config

WIKIDATA = "https://query.wikidata.org/sparql"
CONFIG = Config(service_batch_size=3)
EX = "http://example.org/"

LOCAL = f"""
@prefix ex: <{EX}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:p1 owl:sameAs ex:q1 ; ex:name "one" .
ex:p2 owl:sameAs ex:q2 ; ex:name "two" .
ex:p3 owl:sameAs ex:q3 ; ex:name "three" .
ex:p4 owl:sameAs ex:q4 ; ex:name "four" .
ex:p5 owl:sameAs ex:q5 ; ex:name "five" .
ex:p5 owl:sameAs ex:q1 .
ex:lonely ex:name "no link" .
"""
# The remote knows births for many more items than the local side links to.
REMOTE = (
    f"@prefix ex: <{EX}> .\n"
    + "".join(f'ex:q{i} ex:born "{1900 + i}" ; ex:label "item {i}" .\n' for i in range(1, 400))
    + 'ex:q2 ex:born "1902-alt" .\n'
)


def _store(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(turtle.encode(), ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def local() -> ox.Store:
    return _store(LOCAL)


@pytest.fixture(scope="module")
def remote() -> ox.Store:
    return _store(REMOTE)


class Recorder:
    """A caller that answers from the remote store and records what was sent."""

    def __init__(self, remote: ox.Store) -> None:
        self.remote = remote
        self.queries: list[str] = []

    def __call__(self, service, query, config):
        self.queries.append(query)
        solutions = self.remote.query(query)
        variables = [v.value for v in solutions.variables]
        rows = [[s[v] for v in variables] for s in solutions]
        return fed.CallResult(variables, rows, len(query))


def run(local: ox.Store, remote: ox.Store, query: str, *, bind: bool = True):
    """(sorted rows, queries sent) for `query` with or without bind joins."""
    recorder = Recorder(remote)
    evaluate = (lambda select: local.query(select)) if bind else None
    prepared = fed.prepare(query, CONFIG, caller=recorder, evaluate=evaluate)
    result = local.query(prepared.query_text)
    names = [v.value for v in result.variables]
    rows = sorted(tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in result)
    return rows, recorder.queries, prepared


def q(text: str) -> str:
    return f"PREFIX ex: <{EX}> PREFIX owl: <http://www.w3.org/2002/07/owl#>\n" + text.replace(
        "<E>", f"<{WIKIDATA}>"
    )


QUERIES = {
    "the integrator's first query": "SELECT ?p ?born WHERE { ?p owl:sameAs ?wd . "
    "SERVICE <E> { ?wd ex:born ?born } }",
    "filter on a remote variable": "SELECT ?p ?born WHERE { ?p owl:sameAs ?wd . "
    'SERVICE <E> { ?wd ex:born ?born } FILTER(?born > "1903") }',
    "filter before the clause": "SELECT ?p ?born WHERE { ?p owl:sameAs ?wd "
    'FILTER(STRSTARTS(?born, "190")) SERVICE <E> { ?wd ex:born ?born } }',
    "optional inside the block": "SELECT ?p ?wd ?l WHERE { ?p owl:sameAs ?wd . "
    "SERVICE <E> { OPTIONAL { ?wd ex:label ?l } } }",
    "two shared variables": "SELECT ?p ?wd ?born WHERE { ?p owl:sameAs ?wd ; ex:name ?n . "
    'BIND(CONCAT("19", "03") AS ?born) SERVICE <E> { ?wd ex:born ?born } }',
    "inside optional": "SELECT ?p ?born WHERE { ?p ex:name ?n OPTIONAL { ?p owl:sameAs ?wd . "
    "SERVICE <E> { ?wd ex:born ?born } } }",
    "clause first in its group": "SELECT ?p ?born WHERE { SERVICE <E> { ?wd ex:born ?born "
    "FILTER(?wd = ex:q7) } ?p owl:sameAs ?wd }",
    "nothing on the left": "SELECT ?p ?born WHERE { ?p owl:sameAs ex:nothing , ?wd . "
    "SERVICE <E> { ?wd ex:born ?born } }",
    "left side partly unbound": "SELECT ?p ?wd ?born WHERE { ?p ex:name ?n "
    "OPTIONAL { ?p owl:sameAs ?wd } SERVICE <E> { ?wd ex:born ?born FILTER(?wd = ex:q3) } }",
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_bind_join_gives_the_answer_sparql_defines(local, remote, name: str) -> None:
    query = q(QUERIES[name])
    joined, _, _ = run(local, remote, query)
    independent, sent, _ = run(local, remote, query, bind=False)
    assert joined == independent
    assert len(sent) == 1 and "VALUES" not in sent[0]


def test_bindings_go_in_batches_and_fetch_only_what_joins(local, remote) -> None:
    rows, sent, prepared = run(local, remote, q(QUERIES["the integrator's first query"]))
    assert len(rows) == 7  # q1 twice (p1, p5), q2 with two dates, q3, q4, q5
    assert len(sent) == 2  # 5 distinct items, 3 per call
    assert all("VALUES (?wd)" in s for s in sent)
    [report] = prepared.calls
    assert (report.mode, report.calls, report.rows) == ("bind join", 2, 6)
    independent_rows = run(local, remote, q(QUERIES["the integrator's first query"]), bind=False)
    assert independent_rows[2].calls[0].rows == 400  # every birth date the remote has


def test_no_left_solution_means_no_call(local, remote) -> None:
    rows, sent, prepared = run(local, remote, q(QUERIES["nothing on the left"]))
    assert rows == [] and sent == []
    assert prepared.calls[0].calls == 0


def test_block_sharing_no_variable_is_sent_alone(local, remote) -> None:
    query = q("SELECT ?p ?x WHERE { ?p owl:sameAs ?wd SERVICE <E> { ex:q9 ex:born ?x } }")
    _, sent, prepared = run(local, remote, query)
    assert len(sent) == 1 and "VALUES" not in sent[0]
    assert prepared.calls[0].mode == "independent"


def test_graph_context_is_evaluated_on_its_own(local, remote) -> None:
    query = q("SELECT * WHERE { GRAPH ?g { ?p owl:sameAs ?wd SERVICE <E> { ?wd ex:born ?b } } }")
    _, sent, _ = run(local, remote, query)
    assert len(sent) == 1 and "VALUES" not in sent[0]


def test_byte_cap_counts_every_batch(local, remote) -> None:
    seen: list[int] = []

    def caller(service, query, config):
        seen.append(config.service_max_bytes)
        return fed.CallResult(["wd"], [], 600)

    config = Config(service_batch_size=1, service_max_bytes=2000)
    with pytest.raises(fed.QueryRefused) as info:
        fed.prepare(
            q(QUERIES["the integrator's first query"]),
            config,
            caller=caller,
            evaluate=lambda select: local.query(select),
        )
    assert seen == [2000, 1400, 800, 200]  # each call may use what the others left
    assert info.value.status == 502 and "exceed 2000 bytes" in info.value.message
