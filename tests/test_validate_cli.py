"""`kg validate`: exit codes and --fail-on, formats, error lines, no silent pass, the
endpoint (the real server, page by page) and the built graph (the real CLI)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg import cli_validate
from kg.namespaces import NG, SH
from kg.quality.rdf_input import sniff_format, union_graph
from tests.conftest import LiveServer, free_port, kg_env, run_kg

DATA = Path(__file__).parent.parent / "shapes" / "valid-example.trig"
CONT = URIRef("https://w3id.org/newsgraph/id/deployment/csto-kazakhstan-2022-01/kyrgyzstan")

# extension -> rdflib serializer; the quad formats keep the named graphs
FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".rdf": "xml",
}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def dataset(broken: bool = False) -> Dataset:
    ds = Dataset()
    ds.parse(DATA, format="trig")
    if broken:  # a Violation: negative personnel
        for g in ds.graphs():
            for t in list(g.triples((CONT, NG.personnel, None))):
                g.remove(t)
                g.add((CONT, NG.personnel, Literal(-150)))
    return ds


def write(tmp_path: Path, ext: str, broken: bool = False, name: str = "graph") -> Path:
    ds = dataset(broken)
    fmt = FORMATS[ext]
    source = ds if fmt in QUAD_FORMATS else union_graph(ds)
    path = tmp_path / f"{name}{ext}"
    path.write_text(source.serialize(format=fmt), encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="kg")
    cli_validate.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["validate", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = args.func(args, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_valid_file_in_every_format_exits_0(tmp_path: Path, ext: str) -> None:
    code, out, err = run(str(write(tmp_path, ext)))
    assert code == 0, out + err
    assert out.startswith("Conforms: yes")


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_violation_in_every_format_exits_1(tmp_path: Path, ext: str) -> None:
    code, out, _ = run(str(write(tmp_path, ext, broken=True)))
    assert code == 1
    assert "ngsh:Deployment-personnel-min0" in out
    assert "[Violation]" in out


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_unknown_extension_is_sniffed(tmp_path: Path, ext: str) -> None:
    path = write(tmp_path, ext, broken=True)
    renamed = path.with_suffix(".data")
    path.rename(renamed)
    assert run(str(renamed))[0] == 1


def test_sniffing() -> None:
    assert sniff_format(b"<?xml version='1.0'?><rdf:RDF/>") == "xml"
    assert sniff_format(b'  {"@context": {}}') == "json-ld"
    assert sniff_format(b"<http://a> <http://b> <http://c> .\n") == "nquads"
    assert sniff_format(b"@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c }") == "trig"
    assert sniff_format(b"@prefix ex: <http://e/> .\nex:a ex:b ex:c .") == "turtle"


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    ds = dataset()
    ds.graph(URIRef("https://w3id.org/newsgraph/id/doc/other")).add(
        (CONT, NG.personnel, Literal(160))
    )
    path = tmp_path / "disagree.trig"
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    code, out, _ = run(str(path))
    assert code == 0
    assert "[Warning] ngsh:Deployment-personnel-max" in out
    assert "1 warnings" in out


def test_broken_turtle_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        "<http://x/m> a ng:Meeting ;\n"
        '    ng:date "2022-01-11"\n'  # missing ';'
        "    ng:kind ng:Session .\n",
        encoding="utf-8",
    )
    code, out, err = run(str(path))
    assert code == 2
    assert out == ""
    assert f"{path}:4:" in err
    assert "Turtle" in err


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("broken.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", 2),
        ("broken.nq", "<http://a> <http://b> <http://c> <http://g> .\n\n<http://a> <b> .\n", 3),
        ("broken.jsonld", '{\n  "@id": "http://a",\n  "http://b": [}\n', 3),
        ("broken.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">\n<a>\n</rdf:RDF>\n', 4),
        ("broken.trig", "@prefix ex: <http://e/> .\nex:g {\n ex:a ex:b .\n}\n", 3),
    ],
)
def test_broken_files_exit_2_with_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = run(str(path))
    assert code == 2
    assert f"{path}:{line}:" in err, err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.ttl"))
    assert code == 2 and "cannot read" in err


def test_json_format(tmp_path: Path) -> None:
    code, out, _ = run(str(write(tmp_path, ".trig", broken=True)), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["conforms"] is False
    assert report["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    [shape] = report["shapes"]
    assert shape["shape"].endswith("#Deployment-personnel-min0")
    assert shape["count"] == 1
    [result] = shape["results"]
    assert result["focusNode"] == str(CONT)
    assert result["path"] == "ng:personnel"
    assert result["value"]["value"] == "-150"
    assert result["severity"] == "Violation"


def test_turtle_format_is_a_standard_report(tmp_path: Path) -> None:
    code, out, _ = run(str(write(tmp_path, ".ttl", broken=True)), "--format", "turtle")
    assert code == 1
    report = Graph().parse(data=out, format="turtle")
    [node] = list(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(False)
    assert len(list(report.objects(node, SH.result))) == 1


def test_their_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "theirs.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        "<http://e/S> a sh:NodeShape ; sh:targetClass ng:Meeting ;\n"
        "  sh:property [ sh:path ng:date ; sh:minCount 2 ] .\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(write(tmp_path, ".trig")), "--shapes", str(shapes))
    assert code == 1
    assert "<http://e/S>" in out or "ng:date" in out
    bad = tmp_path / "bad-shapes.ttl"
    bad.write_text("@prefix sh: <x> \n", encoding="utf-8")
    code, _, err = run(str(write(tmp_path, ".trig")), "--shapes", str(bad))
    assert code == 2 and f"{bad}:" in err


# ---- no silent pass, no traceback ----------------------------------------------------


SHAPES_WITHOUT_TARGET = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "<http://e/S> a sh:NodeShape ; sh:property [ sh:path <http://e/p> ; sh:minCount 1 ] .\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the shapes file is empty"),
        ("# nothing but a comment\n", "the shapes graph is empty"),
        ("<http://e/a> <http://e/b> <http://e/c> .\n", "holds no SHACL shape"),
        (SHAPES_WITHOUT_TARGET, "has a target"),
    ],
)
def test_unusable_shapes_exit_2(tmp_path: Path, text: str, message: str) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(text, encoding="utf-8")
    code, out, err = run(str(write(tmp_path, ".trig")), "--shapes", str(shapes))
    assert code == 2 and out == "", (code, out)
    assert message in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# no triple\n", "holds no triple"),
        ("<http://e/a> <http://e/b> <http://e/c> .\n", "nothing was checked"),
    ],
)
def test_empty_data_or_nothing_targeted_exits_2(tmp_path: Path, text: str, message: str) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(text, encoding="utf-8")
    code, out, err = run(str(data))
    assert code == 2 and out == ""
    assert message in err, err


def test_jsonld_with_an_invalid_date_is_a_result_not_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad-date.jsonld"
    path.write_text(
        json.dumps(
            {
                "@context": {
                    "ng": "https://w3id.org/newsgraph/ontology#",
                    "xsd": "http://www.w3.org/2001/XMLSchema#",
                },
                "@id": "https://w3id.org/newsgraph/id/meeting/x",
                "@type": "ng:Meeting",
                "ng:date": {"@value": "2022-13-45", "@type": "xsd:date"},
            }
        ),
        encoding="utf-8",
    )
    for engine in ("auto", "pyshacl"):
        code, out, err = run(str(path), "--engine", engine)
        assert code == 1
        assert "ngsh:Meeting-date-datatype" in out and '"2022-13-45"' in out
        captured = capfd.readouterr()
        assert "Traceback" not in err + captured.err + captured.out, captured.err


def test_fail_on_and_limit(tmp_path: Path) -> None:
    ds = dataset()
    ds.graph(URIRef("https://w3id.org/newsgraph/id/doc/other")).add(
        (CONT, NG.personnel, Literal(160))
    )
    path = tmp_path / "disagree.trig"
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    code, out, _ = run(str(path))
    assert code == 0 and out.startswith("Conforms: no (0 violations, 1 warnings")
    assert "Fails at --fail-on violation: no" in out
    code, out, _ = run(str(path), "--fail-on", "warning")
    assert code == 1 and "Fails at --fail-on warning: yes (1 results" in out
    code, out, _ = run(str(path), "--fail-on", "info", "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["conforms"] is False and report["failed"] is True
    # the two values and the documents they come from
    [source_a, source_b] = report["shapes"][0]["results"][0]["sources"]
    assert {source_a["value"]["value"], source_b["value"]["value"]} == {"150", "160"}
    assert "https://w3id.org/newsgraph/id/doc/other" in source_a["graphs"] + source_b["graphs"]
    # --limit: results listed per shape; 0 lists them all
    many = dataset(broken=True)
    for i in range(5):
        g = many.graph(URIRef(f"https://w3id.org/newsgraph/id/doc/x{i}"))
        g.add((URIRef(f"https://w3id.org/newsgraph/id/meeting/m{i}"), RDF.type, NG.Meeting))
    path = tmp_path / "many.trig"
    path.write_text(many.serialize(format="trig"), encoding="utf-8")
    code, out, _ = run(str(path), "--limit", "2")
    assert "… and 3 more (--limit 0 lists all)" in out
    code, out, _ = run(str(path), "--limit", "0")
    assert "more (--limit 0" not in out and out.count("meeting/m") >= 5


# ---- endpoint: the real server on a loopback port ---------------------------------------


def _keys(report: dict) -> set[tuple]:
    return {
        (r["focusNode"], r["path"], json.dumps(r["value"], sort_keys=True), s["shape"])
        for s in report["shapes"]
        for r in s["results"]
    }


def test_endpoint_pages_equal_the_local_store(live_server: LiveServer) -> None:
    env = kg_env(live_server.data_dir)
    local = run_kg("validate", "--format", "json", env=env)
    assert local.returncode == 0, local.stderr
    expected = json.loads(local.stdout)
    for extra in ([], ["--graph", "all"]):
        proc = run_kg(
            "validate", "--endpoint", live_server.sparql, "--page-size", "700",
            "--format", "json", *extra, env=env,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        remote = json.loads(proc.stdout)
        assert _keys(remote) == _keys(expected)
        assert remote["counts"] == expected["counts"]
    # the Kyrgyz vehicles: both values, each with its document, through the endpoint too
    [disagreement] = [
        r for s in remote["shapes"] if s["shape"].endswith("Deployment-equipment-max")
        for r in s["results"] if r["focusNode"].endswith("/kyrgyzstan")
    ]  # fmt: skip
    values = {s["value"]["value"] for s in disagreement["sources"]}
    assert values == {"11", "12"}
    assert all(len(s["graphs"]) == 1 and "/doc/" in s["graphs"][0] for s in disagreement["sources"])


def test_endpoint_one_named_graph_and_the_cap(live_server: LiveServer) -> None:
    env = kg_env(live_server.data_dir)
    graphs = requests.get(
        live_server.sparql,
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a "
            "<https://w3id.org/newsgraph/ontology#Deployment> } }"
        },
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    ).json()["results"]["bindings"]
    one = graphs[0]["g"]["value"]
    proc = run_kg("validate", "--endpoint", live_server.sparql, "--graph", one, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.startswith("Conforms:")
    proc = run_kg("validate", "--endpoint", live_server.sparql, "--max-triples", "100", env=env)
    assert proc.returncode == 2
    assert "more than the 100 allowed" in proc.stderr and "Traceback" not in proc.stderr


def test_endpoint_errors_are_one_sentence(live_server: LiveServer) -> None:
    env = kg_env(live_server.data_dir)
    port = free_port()
    proc = run_kg("validate", "--endpoint", f"http://127.0.0.1:{port}/sparql", env=env)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"kg validate: cannot connect to 127.0.0.1:{port}: nothing answers there, "
        "or the name does not resolve"
    )
    proc = run_kg("validate", "--endpoint", live_server.url + "/no-such-endpoint", env=env)
    assert proc.returncode == 2
    assert "answered HTTP 404" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = run_kg("validate", "--endpoint", "not a url", env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    proc = run_kg("validate", "--graph", "all", env=env)
    assert proc.returncode == 2 and "--graph needs --endpoint" in proc.stderr


# ---- the built graph ----------------------------------------------------------------


def test_built_graph_is_validated_in_place(built_data_dir: Path) -> None:
    proc = run_kg("validate", env=kg_env(built_data_dir))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Conforms: no (0 violations, ")  # warnings, by design
    assert "Engine: sparql" in proc.stdout
    # the Kyrgyz contingent's vehicles: 11 in one document, 12 in another, both shown
    block = proc.stdout.split("ngsh:Deployment-equipment-max")[1].split("\n\n")[0]
    [kyrgyz] = [line for line in block.split("  - ")[1:] if "/kyrgyzstan " in line]
    assert "from 11 in id:doc/" in kyrgyz and "; 12 in id:doc/" in kyrgyz, kyrgyz
    proc = run_kg("validate", "--fail-on", "warning", env=kg_env(built_data_dir))
    assert proc.returncode == 1


def test_no_built_graph_exits_2(tmp_path: Path) -> None:
    proc = run_kg("validate", env=kg_env(tmp_path))
    assert proc.returncode == 2 and "no built graph" in proc.stderr and "FILE" in proc.stderr


def test_stand_alone_main(tmp_path: Path) -> None:
    assert cli_validate.main([str(write(tmp_path, ".nq"))]) == 0
