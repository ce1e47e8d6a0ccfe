"""The W3C SHACL test suite (data-shapes-test-suite) run against kg.quality.validate.

The suite comes from pyshacl's source distribution on PyPI, which carries it under
test/resources/sht_tests (identical to w3c/data-shapes except for one changed literal
in core/property/or-datatypes-001 and one more manifest entry in sparql/component);
`scripts/setup.sh --test` unpacks it into tests/w3c-shacl/ (not committed).

A test passes as the suite's README says ("full compliance"): the report, reduced to
the predicates the suite compares (sh:resultMessage only where the expected report
has it), is isomorphic to the expected one; a test expecting sht:Failure passes when
validation refuses the input. Literals on both sides are read the same way (rdflib's
lexical normalisation), since the expected reports are parsed by rdflib too.

    python -m tests.w3c_shacl [--engine auto|sparql|pyshacl] [-v] [--table]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import SH
from kg.quality import data as data_mod
from kg.quality.data import quiet_rdflib
from kg.quality.validate import validate

SUITE = Path(os.environ.get("NEWSGRAPH_SHACL_SUITE", Path(__file__).parent / "w3c-shacl"))
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
KEPT = {
    SH.result,
    SH.conforms,
    SH.focusNode,
    SH.resultPath,
    SH.resultSeverity,
    SH.sourceConstraint,
    SH.sourceConstraintComponent,
    SH.sourceShape,
    SH.value,
}


@dataclass(frozen=True)
class Case:
    name: str  # e.g. core/node/class-001
    label: str
    data: Path
    shapes: Path
    manifest: Path
    expected: Graph  # the expected report (empty when a failure is expected)
    expects_failure: bool


def cases(root: Path = SUITE) -> list[Case]:
    """Every sht:Validate entry reachable from the top manifest, in file order."""
    found: list[Case] = []
    _collect(root / "manifest.ttl", root, found)
    return found


def _collect(manifest: Path, root: Path, found: list[Case]) -> None:
    graph = _parse(manifest)
    for m in graph.subjects(RDF.type, MF.Manifest):
        for include in graph.objects(m, MF.include):
            _collect(Path(str(include).removeprefix("file://")), root, found)
        for entries in graph.objects(m, MF.entries):
            for entry in Collection(graph, entries):
                if (entry, RDF.type, SHT.Validate) not in graph:
                    continue
                action = graph.value(entry, MF.action)
                data = graph.value(action, SHT.dataGraph)
                shapes = graph.value(action, SHT.shapesGraph)
                result = graph.value(entry, MF.result)
                name = str(manifest.relative_to(root).with_suffix(""))
                found.append(
                    Case(
                        name=name,
                        label=str(
                            graph.value(entry, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
                            or ""
                        ),
                        data=Path(str(data).removeprefix("file://")),
                        shapes=Path(str(shapes).removeprefix("file://")),
                        manifest=manifest,
                        expected=_expected(graph, result),
                        expects_failure=result == SHT.Failure,
                    )
                )


def _parse(path: Path) -> Graph:
    with quiet_rdflib():
        return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


def run_case(case: Case, engine: str = "auto") -> tuple[bool, str]:
    """(passed, what happened)."""
    try:
        shapes = data_mod.parse_graph(
            case.shapes.read_bytes(), "turtle", base=case.shapes.resolve().as_uri()
        )
        data = data_mod.from_bytes(
            case.data.read_bytes(), "turtle", base=case.data.resolve().as_uri()
        )
        report = validate(data, shapes, engine=engine, require_targets=False)
    except Exception as exc:  # noqa: BLE001 - a refusal is the expected outcome of some tests
        if case.expects_failure:
            return True, f"refused as expected: {exc}"
        return False, f"{type(exc).__name__}: {exc}"
    if case.expects_failure:
        return False, "validated, but the suite expects a failure"
    expected = case.expected
    actual = _reduced(report.report_graph, expected)
    if isomorphic(_normalised(actual), _normalised(expected)):
        return True, report.engine
    return False, _difference(actual, expected, report.engine)


def _expected(manifest: Graph, result: Node) -> Graph:
    out = Graph()
    if result == SHT.Failure:
        return out
    out.add((result, RDF.type, SH.ValidationReport))
    for p, o in manifest.predicate_objects(result):
        out.add((result, p, o))
        if p == SH.result:
            for rp, ro in manifest.predicate_objects(o):
                out.add((o, rp, ro))
                if rp == SH.resultPath:
                    _copy_structure(manifest, ro, out)
    return out


def _copy_structure(source: Graph, node: Node, target: Graph) -> None:
    if isinstance(node, BNode):
        for p, o in source.predicate_objects(node):
            target.add((node, p, o))
            _copy_structure(source, o, target)


def _reduced(report: Graph, expected: Graph) -> Graph:
    messages = set(expected.objects(None, SH.resultMessage))
    out = Graph()
    for s, p, o in report:
        if p == RDF.type and o in (SH.ValidationReport, SH.ValidationResult):
            out.add((s, p, o))
        elif p in KEPT or (p == SH.resultMessage and o in messages):
            out.add((s, p, o))
            if p == SH.resultPath:
                _copy_structure(report, o, out)
    return out


def _normalised(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None and not o.language:
            with quiet_rdflib():
                o = Literal(str(o), datatype=o.datatype)
        out.add((s, p, o))
    return out


def _difference(actual: Graph, expected: Graph, engine: str) -> str:
    def results(g: Graph) -> Counter:
        out: Counter = Counter()
        for r in g.objects(None, SH.result):
            out[
                tuple(
                    sorted(
                        f"{p.n3(g.namespace_manager)}={'[]' if isinstance(o, BNode) else o.n3()}"
                        for p, o in g.predicate_objects(r)
                        if p != RDF.type
                    )
                )
            ] += 1
        return out

    a, e = results(actual), results(expected)
    return (
        f"[{engine}] missing {sorted((e - a).elements())}; unexpected {sorted((a - e).elements())}"
    )


ENGINE_ROWS = (
    ("auto", "auto: what `kg validate` and `/validate` run"),
    ("sparql", "sparql: the shapes compiled to SPARQL, alone"),
    ("pyshacl", f"pyshacl {version('pyshacl')}, for comparison"),
)


def counts(engine: str) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """{section: (passed, total)} and the names of the failing tests."""
    totals: Counter = Counter()
    passed: Counter = Counter()
    failed = []
    for case in cases():
        section = case.name.split("/")[0]
        ok, _detail = run_case(case, engine)
        totals[section] += 1
        passed[section] += ok
        if not ok:
            failed.append(case.name)
    return {s: (passed[s], totals[s]) for s in sorted(totals)}, failed


def table() -> str:
    """The README's table of pass counts, measured now."""
    rows = ["| engine | core | sparql | failing |", "|---|---|---|---|"]
    for engine, label in ENGINE_ROWS:
        sections, failed = counts(engine)
        cells = [f"{p}/{n}" for p, n in (sections["core"], sections["sparql"])]
        rows.append(f"| {label} | {cells[0]} | {cells[1]} | {', '.join(failed) or 'none'} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="auto", choices=("auto", "sparql", "pyshacl"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--table", action="store_true", help="print the README's table")
    args = parser.parse_args(argv)
    if not (SUITE / "manifest.ttl").exists():
        print(f"no suite at {SUITE}: run scripts/setup.sh --test", file=sys.stderr)
        return 2
    if args.table:
        print(table())
        return 0
    totals: Counter = Counter()
    passed: Counter = Counter()
    for case in cases():
        section = case.name.split("/")[0]
        ok, detail = run_case(case, args.engine)
        totals[section] += 1
        passed[section] += ok
        if args.verbose or not ok:
            print(f"{'PASS' if ok else 'FAIL'} {case.name}: {detail}")
    for section in sorted(totals):
        print(f"{section}: {passed[section]}/{totals[section]} passed ({args.engine})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
