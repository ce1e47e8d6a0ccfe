"""`kg link`, the reviewed link file, `kg links` and `kg export quickstatements`.

`kg link` asks a Wikidata stand-in: the search API (`wbsearchentities`, served over
the slice by tests/federation_support.FakeRemote) and the query service (a second
`kg serve` holding the slice), both reached through NEWSGRAPH_SERVICE_MAP. Our side
is tests/data/link-fixture.trig: entities whose true items are verified QIDs, and
decoys that share a name with a stand-in item but fail the checks.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.linkfile import read_links
from tests.conftest import SEEDS, kg_env, run_kg, start_server, stop_server
from tests.federation_support import DATA, SLICE, FakeRemote, load_data_dir

WIKIDATA = "https://query.wikidata.org/sparql"
API = "https://www.wikidata.org/w/api.php"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory):
    server = start_server(load_data_dir(tmp_path_factory.mktemp("wd-link"), SLICE))
    api = FakeRemote().start()
    yield server, api
    stop_server(server)
    api.stop()


@pytest.fixture(scope="module")
def linked(standin, tmp_path_factory: pytest.TempPathFactory):
    """Our data, `kg link` run against the stand-in, and the link file it wrote."""
    server, api = standin
    root = tmp_path_factory.mktemp("link")
    data_dir = load_data_dir(root / "data", DATA / "link-fixture.trig")
    links = root / "links.tsv"
    env = kg_env(
        data_dir,
        NEWSGRAPH_LINKS=str(links),
        NEWSGRAPH_SERVICE_MAP=f"{WIKIDATA}={server.sparql},{API}={api.url('/w/api.php')}",
    )
    proc = run_kg("link", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), links, env, api


def test_link_proposes_only_verified_matches(linked) -> None:
    report, links, _, api = linked
    proposed = {p["entity"]: p["qid"] for p in report["proposed"]}
    assert proposed == {
        "person/vladimir-putin": "Q7747",  # human, citizen of Russia, born 1952
        "place/almaty": "Q35493",  # the namesake in another country fails
        "org/osce": "Q81299",
    }
    why = {s["entity"]: s["reason"] for s in report["skipped"]}
    assert "country" in why["person/ivan-namesake"]  # a human of the wrong country
    assert why["person/nobody-atall"] == "no Wikidata item has this name"
    assert "meeting/2022-01-10-csto" in why
    rows = read_links(links)
    assert {r.status for r in rows} == {"proposed"}
    putin = next(r for r in rows if r.qid == "Q7747")
    assert "instance of Q5" in putin.evidence and "country Q159" in putin.evidence
    assert "born 1952-10-07" in putin.evidence
    assert api.hits_for("/w/api.php")  # it searched the stand-in
    assert all("newsgraph/" in h.user_agent for h in api.hits_for("/w/api.php"))


def test_reviewed_links_reach_the_build_offline(linked, tmp_path: Path) -> None:
    """The build reads the reviewed file with no network: accepted rows only."""
    _, links, _, _ = linked
    reviewed = tmp_path / "reviewed.tsv"
    rows = list(csv.reader(links.open(encoding="utf-8"), delimiter="\t"))
    with reviewed.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for row in rows:
            if len(row) > 2 and row[2] == "proposed":
                row[2] = "rejected" if row[0] == "place/almaty" else "accepted"
            writer.writerow(row)
        # a reviewer's mistake: another item for an entity the lexicon links
        writer.writerow(["org/csto", "Q7184", "accepted", "CSTO", "Organization", "by hand"])
        writer.writerow(["person/nobody", "Q5", "accepted", "Nobody", "Person", "by hand"])
    data_dir = tmp_path / "var"
    build_env = kg_env(data_dir, NEWSGRAPH_LINKS=str(reviewed))  # no service map: offline
    proc = run_kg("build", str(SEEDS), env=build_env)
    assert proc.returncode == 0, proc.stderr
    assert "person/nobody is not in this build; Q5 skipped" in proc.stderr
    assert "org/csto is already http://www.wikidata.org/entity/Q318693; Q7184 skipped" in (
        proc.stderr
    )
    assert "almaty" not in proc.stderr  # rejected rows are not read
    query = (
        "SELECT ?o { <https://w3id.org/newsgraph/id/org/csto> "
        "<http://www.w3.org/2002/07/owl#sameAs> ?o }"
    )
    got = run_kg("query", query, "--format", "csv", env=build_env).stdout.split()
    assert got == ["o", "http://www.wikidata.org/entity/Q318693"]


def test_accepted_link_is_added_in_its_own_graph(linked, tmp_path: Path) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF

    from kg.config import Config
    from kg.linkfile import Link, accepted_graph, write_links

    path = tmp_path / "links.tsv"
    write_links(
        path,
        [
            Link("org/osce", "Q81299", "accepted", "OSCE", "Organization", "test"),
            Link("place/almaty", "Q35493", "rejected", "Almaty", "Place", "test"),
        ],
    )
    union = Graph()
    union.add((URIRef("https://w3id.org/newsgraph/id/org/osce"), RDF.type, OWL.Thing))
    union.add((URIRef("https://w3id.org/newsgraph/id/place/almaty"), RDF.type, OWL.Thing))
    graph, notes = accepted_graph(Config(links_file=str(path)), union)
    assert set(graph) == {
        (
            URIRef("https://w3id.org/newsgraph/id/org/osce"),
            OWL.sameAs,
            URIRef("http://www.wikidata.org/entity/Q81299"),
        )
    }
    assert notes == []


def test_link_file_rejects_malformed_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("entity\tqid\tstatus\norg/x\tQ12x\taccepted\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        read_links(path)


def test_links_counts_each_entity_once(built_data_dir: Path) -> None:
    proc = run_kg("links", "--format", "json", "--top", "500", env=kg_env(built_data_dir))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    query = (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?k { "
        + " ".join(f"<https://w3id.org/newsgraph/ontology#{k}>" for k in report["kinds"])
        + ' } ?e a ?k FILTER(!STRSTARTS(STR(?e), "http://www.wikidata.org/entity/")) }'
    )
    proc = run_kg("query", query, "--format", "csv", env=kg_env(built_data_dir))
    distinct = int(proc.stdout.split()[1])
    assert report["total"] == distinct  # no entity counted under two kinds
    assert report["kinds"]["Country"]["total"] > 0 and report["kinds"]["Place"]["total"] > 0
    names = [u["iri"] for u in report["unlinked"]]
    assert len(names) == len(set(names))


def test_export_quickstatements(live_server, tmp_path: Path) -> None:
    """Against the data folder the real server serves: every unlinked entity, once."""
    out = tmp_path / "new-items.qs"
    proc = run_kg("export", "quickstatements", "--out", str(out), env=kg_env(live_server.data_dir))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    blocks = text.split("CREATE\n")[1:]
    links = json.loads(run_kg("links", "--format", "json", env=kg_env(live_server.data_dir)).stdout)
    assert len(blocks) == links["total"] - links["linked"]
    tileuberdi = next(b for b in blocks if '"Mukhtar Tileuberdi"' in b)
    lines = [line.split("\t") for line in tileuberdi.strip().splitlines()]
    assert ["LAST", "Len", '"Mukhtar Tileuberdi"'] in lines
    assert any(line[:2] == ["LAST", "Den"] and "of Kazakhstan" in line[2] for line in lines)
    assert ["LAST", "Aen", '"Mukhtar Tleuberdi"'] in lines
    p31 = next(line for line in lines if line[1] == "P31")
    assert p31[2] == "Q5" and p31[3] == "S854" and p31[5] == "S577"
    doc = p31[4].strip('"')
    assert doc.startswith("https://w3id.org/newsgraph/id/doc/")
    # the reference is a page of the real server, which shows the source article
    page = live_server.url + "/id/" + doc.split("/id/", 1)[1]
    import requests

    assert requests.get(page, timeout=30).status_code == 200
    # a meeting: instance of meeting, its point in time
    assert any("\tP31\tQ2761147\t" in b and "\tP585\t+2022-01-" in b for b in blocks)
    assert SEEDS.exists()
