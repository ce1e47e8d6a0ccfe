"""The W3C SPARQL 1.1 query, update, syntax and federation suites, in-process and over HTTP.

The suites come from rdflib's source distribution on PyPI (`scripts/setup.sh --test`
unpacks them into tests/w3c-suites/, never committed). Every test runs twice:

- in-process, on a fresh `pyoxigraph.Store` (the engine alone: the reference);
- through our HTTP endpoint (the real `kg serve` with SPARQL Update enabled): the
  dataset is replaced through the Graph Store Protocol (`PUT ?default`, `PUT ?graph=`),
  the query or update goes to `/sparql`, and an update's outcome is read back as
  N-Quads from `GET /rdf-graph-store`.

SERVICE tests run over HTTP only (in-process, pyoxigraph would call example.org): a
second server stands in for every endpoint the suite names, each endpoint's data in
its own graph, reached through NEWSGRAPH_SERVICE_MAP with `default-graph-uri`. The
stand-in maps the same endpoints to itself, for a SERVICE nested in a SERVICE.

A query's base IRI is the location of its file, as the suites assume: in-process it
is passed as `base_iri`, over HTTP it is written as a leading `BASE <…>` (a later
BASE in the query still wins, resolved against it). Data files are parsed here with
their own location as base and sent as N-Triples.

    python -m tests.w3c_suites            # prints the README's table (starts servers)
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import requests
from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

ROOT = Path(__file__).resolve().parent / "w3c-suites"
W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")

SUITES = {
    "query": [
        "aggregates", "bind", "bindings", "construct", "exists", "functions", "grouping",
        "negation", "project-expression", "property-path", "subquery", "csv-tsv-res",
        "json-res",
    ],
    "update": [
        "add", "basic-update", "clear", "copy", "delete-data", "delete-insert",
        "delete-where", "delete", "drop", "move", "update-silent",
    ],
    "syntax": ["syntax-query", "syntax-update-1", "syntax-update-2", "syntax-fed"],
    "federation": ["service"],
    "entailment": ["entailment"],
}  # fmt: skip
KINDS = {
    MF.QueryEvaluationTest: "query",
    MF.CSVResultFormatTest: "query",
    MF.UpdateEvaluationTest: "update",
    MF.PositiveSyntaxTest11: "syntax+",
    MF.NegativeSyntaxTest11: "syntax-",
    MF.PositiveUpdateSyntaxTest11: "update-syntax+",
    MF.NegativeUpdateSyntaxTest11: "update-syntax-",
}
ENDPOINT_GRAPH = "urn:x-w3c-endpoint:"


def available() -> bool:
    return (ROOT / "manifest-all.ttl").exists()


@dataclass
class W3CTest:
    suite: str  # query, update, syntax, federation, entailment
    folder: str
    name: str  # local name in its manifest
    kind: str
    action: Path | None = None  # the query or update file
    data: list[Path] = field(default_factory=list)  # default graph
    graph_data: list[tuple[Path, str]] = field(default_factory=list)  # (file, graph IRI)
    service_data: list[tuple[str, Path]] = field(default_factory=list)  # (endpoint, file)
    result: Path | None = None
    result_data: list[Path] = field(default_factory=list)  # update: expected default graph
    result_graphs: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.name}"


def url_of(path: Path) -> str:
    return W3C_BASE + path.relative_to(ROOT).as_posix()


def _path(node) -> Path:
    text = str(node)
    assert text.startswith("file://"), text
    return Path(text[len("file://") :])


def load_tests() -> list[W3CTest]:
    tests: list[W3CTest] = []
    for suite, folders in SUITES.items():
        for folder in folders:
            manifest = ROOT / folder / "manifest.ttl"
            g = Graph()
            g.parse(manifest, format="turtle", publicID=manifest.as_uri())
            for m in g.subjects(RDF.type, MF.Manifest):
                for entries in g.objects(m, MF.entries):
                    for entry in Collection(g, entries):
                        test = _read_entry(g, entry, suite, folder)
                        if test is not None:
                            tests.append(test)
    return tests


def _read_entry(g: Graph, entry, suite: str, folder: str) -> W3CTest | None:
    kind = next((KINDS[t] for t in g.objects(entry, RDF.type) if t in KINDS), None)
    if kind is None or (entry, DAWGT.approval, DAWGT.Withdrawn) in g:
        return None
    name = str(entry).rsplit("#", 1)[-1]
    test = W3CTest(suite, folder, name, kind)
    action = g.value(entry, MF.action)
    if kind.startswith(("syntax", "update-syntax")):
        test.action = _path(action)
        return test
    for prop in (QT.query, UT.request):
        if g.value(action, prop) is not None:
            test.action = _path(g.value(action, prop))
    for prop in (QT.data, UT.data):
        test.data += [_path(d) for d in g.objects(action, prop)]
    for gd in g.objects(action, QT.graphData):
        test.graph_data.append((_path(gd), url_of(_path(gd))))
    for gd in g.objects(action, UT.graphData):
        test.graph_data.append((_path(g.value(gd, UT.graph)), str(g.value(gd, RDFS.label))))
    for sd in g.objects(action, QT.serviceData):
        test.service_data.append((str(g.value(sd, QT.endpoint)), _path(g.value(sd, QT.data))))
    result = g.value(entry, MF.result)
    if kind == "update":
        test.result_data = [_path(d) for d in g.objects(result, UT.data)]
        for gd in g.objects(result, UT.graphData):
            test.result_graphs.append((_path(g.value(gd, UT.graph)), str(g.value(gd, RDFS.label))))
    elif result is not None:
        test.result = _path(result)
    return test


# ------------------------------------------------------------------------- RDF files


def _rdf_format(path: Path) -> ox.RdfFormat:
    return {".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}.get(
        path.suffix, ox.RdfFormat.TURTLE
    )


def read_triples(path: Path) -> list[ox.Triple]:
    quads = ox.parse(path=str(path), format=_rdf_format(path), base_iri=url_of(path))
    return [q.triple for q in quads]


def ntriples(path: Path) -> bytes:
    return ox.serialize(read_triples(path), None, ox.RdfFormat.N_TRIPLES)


def _isomorphic(a: list, b: list) -> bool:
    """Graphs as lists of pyoxigraph triples, compared up to blank node renaming."""
    from rdflib.compare import isomorphic

    def graph(triples: list) -> Graph:
        g = Graph()
        g.parse(data=ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), format="nt")
        return g

    return isomorphic(graph(a), graph(b))


# ------------------------------------------------------------------------- results


def _term_key(term) -> str:
    return "" if term is None else str(term)


def _rows(solutions: ox.QuerySolutions) -> tuple[list[str], list[dict[str, str]]]:
    names = [v.value for v in solutions.variables]
    return names, [{n: _term_key(s[n]) for n in names if s[n] is not None} for s in solutions]


def _same_solutions(a: list[dict[str, str]], b: list[dict[str, str]]) -> bool:
    """Bags of solutions equal up to a consistent renaming of blank nodes."""
    if len(a) != len(b):
        return False
    if not any(v.startswith("_:") for row in a + b for v in row.values()):
        return Counter(json.dumps(r, sort_keys=True) for r in a) == Counter(
            json.dumps(r, sort_keys=True) for r in b
        )

    def fits(x: dict, y: dict, m: dict, back: dict) -> dict | None:
        if x.keys() != y.keys():
            return None
        m, back = dict(m), dict(back)
        for k, v in x.items():
            w = y[k]
            if v.startswith("_:") != w.startswith("_:"):
                return None
            if v.startswith("_:"):
                if m.setdefault(v, w) != w or back.setdefault(w, v) != v:
                    return None
            elif v != w:
                return None
        return m | {"\0back": back}  # type: ignore[operator]

    def search(i: int, used: set[int], m: dict, back: dict, budget: list[int]) -> bool:
        if i == len(a):
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        for j, row in enumerate(b):
            if j in used:
                continue
            got = fits(a[i], row, m, back)
            if got is not None:
                nb = got.pop("\0back")
                if search(i + 1, used | {j}, got, nb, budget):
                    return True
        return False

    return search(0, set(), {}, {}, [200_000])


@dataclass
class Expected:
    kind: str  # solutions, boolean, graph, csv
    names: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    text: str = ""


def expected_of(test: W3CTest) -> Expected:
    path = test.result
    assert path is not None
    suffix = path.suffix
    if suffix in (".ttl", ".nt", ".rdf"):
        return Expected("graph", triples=read_triples(path))
    if suffix == ".csv":
        return Expected("csv", text=path.read_text(encoding="utf-8"))
    fmt = {
        ".srx": ox.QueryResultsFormat.XML,
        ".srj": ox.QueryResultsFormat.JSON,
        ".tsv": ox.QueryResultsFormat.TSV,
    }[suffix]
    parsed = ox.parse_query_results(path=str(path), format=fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return Expected("boolean", boolean=bool(parsed))
    names, rows = _rows(parsed)
    return Expected("solutions", names, rows)


def _csv_rows(text: str) -> Counter:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Counter()
    return Counter(
        tuple(re.sub(r"^_:.*", "_:", cell) for cell in row) for row in rows[1:] if row
    ) + Counter({("#head",) + tuple(rows[0]): 1})


def check_result(test: W3CTest, expected: Expected, got) -> bool:
    """`got` is a pyoxigraph result (in-process) or ("csv", text)."""
    if expected.kind == "csv":
        return isinstance(got, tuple) and _csv_rows(got[1]) == _csv_rows(expected.text)
    if expected.kind == "boolean":
        return isinstance(got, ox.QueryBoolean) and bool(got) == expected.boolean
    if expected.kind == "graph":
        return isinstance(got, list) and _isomorphic(got, expected.triples)
    if not isinstance(got, ox.QuerySolutions):
        return False
    _, rows = _rows(got)
    return _same_solutions(rows, expected.rows)


# ------------------------------------------------------------------------- in-process


def run_in_process(test: W3CTest) -> bool:
    """The test on a fresh pyoxigraph store, the engine alone."""
    try:
        if test.kind in ("syntax+", "syntax-"):
            text = test.action.read_text(encoding="utf-8")
            try:
                ox.Store().query(text, base_iri=url_of(test.action))
                ok = True
            except SyntaxError:
                ok = False
            except (RuntimeError, OSError, ValueError):
                ok = True  # parsed; it failed later (e.g. an unknown custom function)
            return ok == (test.kind == "syntax+")
        if test.kind in ("update-syntax+", "update-syntax-"):
            text = test.action.read_text(encoding="utf-8")
            ok = _parses_update(text, url_of(test.action))
            return ok == (test.kind == "update-syntax+")
        if test.service_data:
            return False  # pyoxigraph would call the real endpoints: cannot run here
        store = ox.Store()
        _load(store, test)
        text = test.action.read_text(encoding="utf-8")
        if test.kind == "update":
            store.update(text, base_iri=url_of(test.action))
            return _dataset_matches(test, list(store))
        result = store.query(text, base_iri=url_of(test.action))
        expected = expected_of(test)
        if expected.kind == "csv":
            out = io.BytesIO()
            result.serialize(out, ox.QueryResultsFormat.CSV)
            return check_result(test, expected, ("csv", out.getvalue().decode()))
        if expected.kind == "graph":
            result = list(result)
        return check_result(test, expected, result)
    except Exception:  # noqa: BLE001 - any engine error fails the test
        return False


def _parses_update(text: str, base: str) -> bool:
    """Parse an update without running it (a read-only store refuses to start one)."""
    from kg.federation import empty_store_path

    try:
        ox.Store.read_only(empty_store_path()).update(text, base_iri=base)
    except SyntaxError:
        return False
    except (RuntimeError, OSError):
        return True
    return True


def _load(store: ox.Store, test: W3CTest) -> None:
    for path in test.data:
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in read_triples(path))
    for path, graph in test.graph_data:
        g = ox.NamedNode(graph)
        store.add_graph(g)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in read_triples(path))


def _dataset_matches(test: W3CTest, quads: list[ox.Quad]) -> bool:
    graphs: dict[str, list] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(key, []).append(q.triple)
    expected: dict[str, list] = {}
    for path in test.result_data:
        expected.setdefault("", []).extend(read_triples(path))
    for path, graph in test.result_graphs:
        expected.setdefault(graph, []).extend(read_triples(path))
    got = {k: v for k, v in graphs.items() if v}
    want = {k: v for k, v in expected.items() if v}
    if got.keys() != want.keys():
        return False
    return all(_isomorphic(got[k], want[k]) for k in want)


# ------------------------------------------------------------------------- over HTTP


class HttpRunner:
    """Runs tests through `kg serve`: /sparql for queries and updates, GSP for data."""

    def __init__(self, base_url: str, token: str, standin_url: str | None = None) -> None:
        self.base = base_url.rstrip("/")
        self.sparql = self.base + "/sparql"
        self.gsp = self.base + "/rdf-graph-store"
        self.auth = {"Authorization": f"Bearer {token}"}
        self.standin = standin_url.rstrip("/") if standin_url else None
        self.http = requests.Session()

    def run(self, test: W3CTest) -> bool:
        try:
            return self._run(test)
        except (requests.RequestException, ValueError, SyntaxError, OSError):
            return False

    def _run(self, test: W3CTest) -> bool:
        text = f"BASE <{url_of(test.action)}>\n" + test.action.read_text(encoding="utf-8")
        if test.kind in ("syntax+", "syntax-"):
            resp = self._query(text, "application/sparql-results+json, */*;q=0.1")
            return (not _syntax_refusal(resp)) == (test.kind == "syntax+")
        if test.kind in ("update-syntax+", "update-syntax-"):
            self._reset([])
            resp = self._update(text)
            return (not _syntax_refusal(resp)) == (test.kind == "update-syntax+")
        self._reset(test.data, test.graph_data)
        if test.service_data:
            if self.standin is None:
                return False
            self._load_endpoints(test.service_data)
        if test.kind == "update":
            resp = self._update(text)
            if resp.status_code != 200:
                return False
            dump = self.http.get(self.gsp, headers={"Accept": "application/n-quads"}, timeout=60)
            dump.raise_for_status()
            return _dataset_matches(test, list(ox.parse(dump.content, ox.RdfFormat.N_QUADS)))
        expected = expected_of(test)
        accept = {
            "csv": "text/csv",
            "graph": "application/n-triples",
        }.get(expected.kind, "application/sparql-results+json")
        resp = self._query(text, accept)
        if resp.status_code != 200:
            return False
        if expected.kind == "csv":
            return check_result(test, expected, ("csv", resp.content.decode("utf-8")))
        if expected.kind == "graph":
            triples = [q.triple for q in ox.parse(resp.content, ox.RdfFormat.N_TRIPLES)]
            return check_result(test, expected, triples)
        got = ox.parse_query_results(resp.content, ox.QueryResultsFormat.JSON)
        return check_result(test, expected, got)

    def _query(self, text: str, accept: str) -> requests.Response:
        return self.http.post(
            self.sparql,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
            timeout=60,
        )

    def _update(self, text: str, target: str | None = None) -> requests.Response:
        return self.http.post(
            (target or self.base) + "/sparql" if target else self.sparql,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update", **self.auth},
            timeout=60,
        )

    def _put(self, base: str, params: dict, body: bytes) -> None:
        resp = self.http.put(
            base + "/rdf-graph-store",
            params=params,
            data=body,
            headers={"Content-Type": "application/n-triples", **self.auth},
            timeout=60,
        )
        if resp.status_code not in (200, 201, 204):
            raise ValueError(f"GSP PUT failed: {resp.status_code} {resp.text[:200]}")

    def _reset(self, data: list[Path], graph_data: list[tuple[Path, str]] = ()) -> None:
        resp = self._update("DROP SILENT ALL")
        if resp.status_code != 200:
            raise ValueError(f"DROP ALL failed: {resp.status_code} {resp.text[:200]}")
        if data:
            self._put(self.base, {"default": ""}, b"".join(ntriples(p) for p in data))
        for path, graph in graph_data:
            self._put(self.base, {"graph": graph}, ntriples(path))

    def _load_endpoints(self, service_data: list[tuple[str, Path]]) -> None:
        assert self.standin is not None
        resp = self._update("DROP SILENT ALL", target=self.standin)
        if resp.status_code != 200:
            raise ValueError(f"stand-in DROP ALL failed: {resp.status_code}")
        for endpoint, path in service_data:
            self._put(self.standin, {"graph": ENDPOINT_GRAPH + endpoint}, ntriples(path))


def _syntax_refusal(resp: requests.Response) -> bool:
    """Our endpoint's answer to text the engine cannot parse: 400 'SPARQL syntax error'.

    A policy refusal (a SERVICE outside the allowlist, LOAD) is also a 400, but of a
    query the engine parsed: that is not a syntax error.
    """
    return resp.status_code == 400 and "syntax error" in resp.text.lower()


def service_endpoints(tests: list[W3CTest]) -> list[str]:
    return sorted({e for t in tests for e, _ in t.service_data})


def service_env(tests: list[W3CTest], standin_sparql: str) -> dict[str, str]:
    """Allowlist and map every endpoint the suite names to its graph on the stand-in."""
    endpoints = service_endpoints(tests)
    mapping = [
        f"{e}={standin_sparql}?default-graph-uri={quote(ENDPOINT_GRAPH + e, safe='')}"
        for e in endpoints
    ]
    return {
        "NEWSGRAPH_SERVICE_ALLOWLIST": ",".join(endpoints),
        "NEWSGRAPH_SERVICE_MAP": ",".join(mapping),
    }


# ------------------------------------------------------------------------- the table


def table(results: dict[str, tuple[bool, bool]], tests: list[W3CTest],
          extra: list[tuple[str, int, int | None, int]] = ()) -> str:  # fmt: skip
    """Markdown: per suite, tests, passed in-process, passed through our endpoint."""
    lines = [
        "| suite | tests | pyoxigraph in-process | through our HTTP endpoint |",
        "|---|---|---|---|",
    ]
    for suite in SUITES:
        mine = [t for t in tests if t.suite == suite]
        inproc = sum(results[t.id][0] for t in mine)
        http = sum(results[t.id][1] for t in mine)
        shown = "n/a (would call the real endpoints)" if suite == "federation" else str(inproc)
        lines.append(f"| {suite} | {len(mine)} | {shown} | {http} |")
    for name, total, inproc, http in extra:
        lines.append(f"| {name} | {total} | {'n/a' if inproc is None else inproc} | {http} |")
    return "\n".join(lines)


def run_all(
    runner_http: HttpRunner, tests: list[W3CTest], progress: Callable[[str], None] | None = None
) -> dict[str, tuple[bool, bool]]:
    results = {}
    for t in tests:
        results[t.id] = (run_in_process(t), runner_http.run(t))
        if progress:
            progress(t.id)
    return results


if __name__ == "__main__":  # pragma: no cover - a manual entry point
    import tempfile

    from tests.conftest import free_port, start_server, stop_server
    from tests.test_w3c_suites import TOKEN, empty_data_dir

    tests = load_tests()
    tmp = Path(tempfile.mkdtemp())
    standin_port = free_port()
    standin_url = f"http://127.0.0.1:{standin_port}/sparql"
    standin = start_server(
        empty_data_dir(tmp / "standin"),
        port=standin_port,
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=TOKEN,
        NEWSGRAPH_RATE_LIMIT="0",
        **service_env(tests, standin_url),
    )
    server = start_server(
        empty_data_dir(tmp / "ours"),
        NEWSGRAPH_UPDATE="1",
        NEWSGRAPH_ADMIN_TOKEN=TOKEN,
        NEWSGRAPH_RATE_LIMIT="0",
        **service_env(tests, standin.sparql),
    )
    try:
        results = run_all(HttpRunner(server.url, TOKEN, standin.url), tests)
    finally:
        stop_server(server)
        stop_server(standin)
    print(table(results, tests))
    failed = [k for k, (a, b) in results.items() if a and not b]
    print("passed in-process, failed over HTTP:", failed or "none", file=sys.stderr)
