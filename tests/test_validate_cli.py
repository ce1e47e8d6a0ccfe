"""`kg validate` exit codes, formats, error lines, endpoint and built-graph paths."""

from __future__ import annotations

import argparse
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg import cli_validate
from kg.config import Config
from kg.namespaces import NG, SH
from kg.rdf_input import sniff_format, union_graph
from kg.store import begin_build

DATA = Path(__file__).parent / "data" / "valid-minimal.trig"
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


# ---- endpoint ---------------------------------------------------------------------


class _Endpoint(BaseHTTPRequestHandler):
    body = b""
    status = 200
    content_type = "application/n-triples"
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).seen.append(self.path + " " + self.headers.get("Accept", ""))
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        form = self.rfile.read(length).decode()
        type(self).seen.append("POST " + form)
        type(self).status = 200
        self.do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[str, type[_Endpoint]]]:
    handler = type("Handler", (_Endpoint,), {"seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler
    finally:
        server.shutdown()
        server.server_close()


def test_endpoint_valid_and_broken(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.body = union_graph(dataset()).serialize(format="nt").encode()
    code, out, err = run("--endpoint", url)
    assert code == 0, err
    assert "CONSTRUCT" in handler.seen[0] and "application/n-triples" in handler.seen[0]
    handler.body = union_graph(dataset(broken=True)).serialize(format="turtle").encode()
    handler.content_type = "text/turtle; charset=utf-8"
    assert run("--endpoint", url)[0] == 1


def test_endpoint_without_get_falls_back_to_post(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.status = 405
    handler.body = union_graph(dataset()).serialize(format="nt").encode()
    code, _, err = run("--endpoint", url)
    assert code == 0, err
    assert any(s.startswith("POST query=CONSTRUCT") for s in handler.seen)


def test_endpoint_error_and_unreachable(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.status = 500
    handler.body = b"boom"
    code, _, err = run("--endpoint", url)
    assert code == 2 and "HTTP 500" in err
    code, _, err = run("--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "2")
    assert code == 2 and "cannot reach" in err


# ---- the built graph ----------------------------------------------------------------


def commit(data_dir: Path, ds: Dataset) -> None:
    """A real build in `data_dir` holding `ds`, made by kg.store as `kg build` makes one."""
    pending = begin_build(Config(data_dir=data_dir))
    pending.store.load(ds.serialize(format="nquads").encode(), ox.RdfFormat.N_QUADS)
    pending.commit({})


def test_built_graph_through_kg_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path))
    commit(tmp_path, dataset(broken=True))
    code, out, _ = run()
    assert code == 1 and "Deployment-personnel-min0" in out
    commit(tmp_path, dataset())
    code, out, _ = run()
    assert code == 0, out


def test_no_built_graph_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path / "empty"))
    code, _, err = run()
    assert code == 2 and "cannot load the built graph" in err and "kg build" in err


def test_stand_alone_main(tmp_path: Path) -> None:
    assert cli_validate.main([str(write(tmp_path, ".nq"))]) == 0
