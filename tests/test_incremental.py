"""`kg add` / `kg remove` (issue 15): the live store changes without a rebuild.

Two kinds of check:
- after every add, revision and removal, the store equals what a full build of the same
  documents gives: every named graph, the inferred graph, and the default-graph union;
- on a running server, answers change accordingly, unchanged IRIs stay, retired ones
  answer 410, and queries running during the updates never see a half-done state.
"""

from __future__ import annotations

import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph

from kg.build import build
from kg.config import Config
from kg.documents import find_sources, read_document
from kg.extract import extract_document
from kg.extract.resolve import resolve
from kg.namespaces import DEFAULT_BASE, inferred_graph_iri
from kg.reason import infer
from kg.resources import load_ontology
from kg.store import open_current
from kg.terms import to_ox
from kg.update import add, remove
from tests.conftest import SEEDS, kg_env, run_kg, start_server, stop_server

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
NG = "https://w3id.org/newsgraph/ontology#"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _norm(term):
    # Oxigraph stores xsd:nonNegativeInteger as xsd:integer, and decimals in canonical
    # form: 47.0 is 47 (docs/scale-out.md)
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("nonNegativeInteger"):
        return ox.Literal(term.value, datatype=XSD_INT)
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DECIMAL:
        return ox.Literal(format(Decimal(term.value).normalize(), "f"), datatype=term.datatype)
    return term


def reference(corpus: Path) -> dict[str, set]:
    """extract + resolve + infer in memory: what a store of `corpus` must hold."""
    docs = [read_document(p, source=i) for p, i in find_sources([corpus])]
    graphs = {d.iri(DEFAULT_BASE): extract_document(d) for d in docs}
    resolve(graphs)
    union = Graph()
    for g in graphs.values():
        union += g
    out = {
        str(name): {ox.Triple(to_ox(s), to_ox(p), _norm(to_ox(o))) for s, p, o in g}
        for name, g in graphs.items()
    }
    out[inferred_graph_iri()] = {
        ox.Triple(to_ox(s), to_ox(p), _norm(to_ox(o))) for s, p, o in infer(union, load_ontology())
    }
    return out


def store_graphs(config: Config) -> tuple[dict[str, set], set, set]:
    store = open_current(config)
    graphs: dict[str, set] = {}
    default: set = set()
    named: set = set()
    for q in store.quads_for_pattern(None, None, None, None):
        t = ox.Triple(q.subject, q.predicate, q.object)
        if isinstance(q.graph_name, ox.DefaultGraph):
            default.add(t)
        else:
            named.add(t)
            graphs.setdefault(q.graph_name.value, set()).add(t)
    return graphs, default, named


def assert_same_as_full_build(config: Config, corpus: Path) -> None:
    want = reference(corpus)
    have, default, named = store_graphs(config)
    for name, triples in want.items():
        assert have.get(name, set()) == triples, name
    docs_in_store = {g for g in have if "/doc/" in g}
    assert docs_in_store == {g for g in want if "/doc/" in g}
    assert default == named, "the default graph must be the union of the named graphs"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SEED_NAMES[:3]:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_add_revise_remove_equal_a_full_build(tmp_path: Path, corpus: Path) -> None:
    config = Config(data_dir=tmp_path / "var", sources=(str(corpus),))
    build(config, progress=lambda m: None)
    assert_same_as_full_build(config, corpus)

    # add two documents
    for name in SEED_NAMES[3:]:
        shutil.copy(SEEDS / name, corpus / name)
    report = add(config, [corpus / n for n in SEED_NAMES[3:]], progress=lambda m: None)
    assert len(report.added) == 2 and not report.revised
    assert_same_as_full_build(config, corpus)

    # adding the same text again changes nothing
    again = add(config, [corpus / SEED_NAMES[3]], progress=lambda m: None)
    assert again.unchanged and not again.changed

    # revise one: a line inserted at the top and one sentence reworded
    target = corpus / SEED_NAMES[0]
    text = target.read_text(encoding="utf-8")
    target.write_text("\n" + text.replace(" the ", " THE ", 1), encoding="utf-8")
    report = add(config, [target], progress=lambda m: None)
    assert len(report.revised) == 1
    assert_same_as_full_build(config, corpus)

    # remove one, by its corpus path
    (corpus / SEED_NAMES[1]).unlink()
    report = remove(config, [SEED_NAMES[1]], progress=lambda m: None)
    assert len(report.removed) == 1 and report.retired > 0
    assert_same_as_full_build(config, corpus)


def _sparql(server, query: str) -> list[dict]:
    resp = requests.post(
        server.sparql,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    resp.raise_for_status()
    data = resp.json()
    if "boolean" in data:
        return [{"boolean": data["boolean"]}]
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def _state(server, doc: str) -> tuple:
    """One query, so one snapshot: is the document there, in its graph and in the union,
    which text (hash), how many statements its graph holds, and whether the reasoner's
    conclusions about them are there."""
    rows = _sparql(
        server,
        f"""PREFIX ng: <{NG}>
        SELECT ?inGraph ?inUnion ?sha (COUNT(DISTINCT ?st) AS ?statements)
               (COUNT(DISTINCT ?typed) AS ?inferred)
        WHERE {{
          BIND(EXISTS {{ GRAPH <{doc}> {{ <{doc}> a ng:Document }} }} AS ?inGraph)
          BIND(EXISTS {{ <{doc}> a ng:Document }} AS ?inUnion)
          OPTIONAL {{ GRAPH <{doc}> {{ <{doc}> ng:sha256 ?sha . ?st a ng:Statement }}
            OPTIONAL {{ GRAPH <{inferred_graph_iri()}> {{ ?st a ?t }} BIND(?st AS ?typed) }} }}
        }} GROUP BY ?inGraph ?inUnion ?sha""",
    )
    (row,) = rows
    return (
        row["inGraph"] == "true",
        row["inUnion"] == "true",
        row.get("sha"),
        int(row["statements"]),
        int(row["inferred"]) > 0,
    )


@pytest.mark.slow
def test_updates_on_a_running_server(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SEED_NAMES[:4]:
        shutil.copy(SEEDS / name, corpus / name)
    data = tmp_path / "var"
    env = kg_env(data, NEWSGRAPH_SOURCES=str(corpus))
    proc = run_kg("build", str(corpus), env=env)
    assert proc.returncode == 0, proc.stderr
    server = start_server(data, NEWSGRAPH_SOURCES=str(corpus), NEWSGRAPH_RATE_LIMIT="0")
    try:
        new_name = SEED_NAMES[4]
        new_doc = ox.NamedNode(
            str(read_document(SEEDS / new_name, source=new_name).iri(DEFAULT_BASE))
        ).value
        revised_name = SEED_NAMES[0]
        revised_doc = str(
            read_document(SEEDS / revised_name, source=revised_name).iri(DEFAULT_BASE)
        )
        absent = (False, False, None, 0, False)
        assert _state(server, new_doc) == absent
        before_revision = _state(server, revised_doc)
        assert before_revision[:2] == (True, True) and before_revision[3] > 0
        old_statements = {
            r["st"]
            for r in _sparql(
                server,
                f"PREFIX ng: <{NG}> SELECT ?st"
                f" WHERE {{ GRAPH <{revised_doc}> {{ ?st a ng:Statement }} }}",
            )
        }

        # watchers: every answer during the updates must be one of the whole states
        seen: dict[str, set] = {new_doc: set(), revised_doc: set()}
        errors: list[str] = []
        stop = threading.Event()

        def watch() -> None:
            for _ in range(2000):  # bounded: stops by itself even if the test hangs
                if stop.is_set():
                    break
                stop.wait(0.02)
                for doc in seen:
                    try:
                        seen[doc].add(_state(server, doc))
                    except Exception as exc:  # noqa: BLE001 - reported below
                        errors.append(repr(exc))

        watchers = [threading.Thread(target=watch) for _ in range(2)]
        for w in watchers:
            w.start()

        # 1. add a new document
        shutil.copy(SEEDS / new_name, corpus / new_name)
        proc = run_kg("add", str(corpus / new_name), env=env)
        assert proc.returncode == 0, proc.stderr
        added = _state(server, new_doc)
        assert added[:2] == (True, True) and added[3] > 0 and added[4]

        # 2. revise one: a line inserted at the top, one statement reworded
        path = corpus / revised_name
        text = path.read_text(encoding="utf-8")
        quote = _sparql(
            server,
            f"PREFIX ng: <{NG}> SELECT ?t WHERE {{ GRAPH <{revised_doc}> {{ ?st ng:text ?t }} }}"
            " ORDER BY DESC(STRLEN(?t)) LIMIT 1",
        )[0]["t"]
        assert quote in text
        words = quote.split()
        reworded = " ".join(words[:-1] + ["(corrected)", words[-1]])
        path.write_text("\n" + text.replace(quote, reworded, 1), encoding="utf-8")
        proc = run_kg("add", str(path), env=env)
        assert proc.returncode == 0, proc.stderr
        revised = _state(server, revised_doc)
        assert revised[:2] == (True, True)
        assert revised[2] != before_revision[2]  # the new text's hash

        # 3. remove the added one
        proc = run_kg("remove", new_name, env=env)
        assert proc.returncode == 0, proc.stderr
        assert _state(server, new_doc) == absent

        stop.set()
        for w in watchers:
            w.join(timeout=60)
        assert not errors, errors[:3]
        # nothing half-done: only whole states were ever answered
        assert seen[new_doc] <= {absent, added}, seen[new_doc]
        assert seen[revised_doc] <= {before_revision, revised}, seen[revised_doc]

        # answers changed accordingly, unchanged IRIs stayed, the changed one is gone
        new_statements = {
            r["st"]
            for r in _sparql(
                server,
                f"PREFIX ng: <{NG}> SELECT ?st"
                f" WHERE {{ GRAPH <{revised_doc}> {{ ?st a ng:Statement }} }}",
            )
        }
        kept = old_statements & new_statements
        assert len(old_statements - new_statements) == 1, old_statements - new_statements
        assert len(kept) == len(old_statements) - 1
        (gone,) = old_statements - new_statements
        assert _sparql(server, f"ASK {{ <{gone}> ?p ?o }}")[0]["boolean"] is False
        local = server.url + "/id/" + gone[len(DEFAULT_BASE) :]
        assert requests.get(local, timeout=30).status_code == 410
        some_kept = sorted(kept)[0]
        assert (
            requests.get(
                server.url + "/id/" + some_kept[len(DEFAULT_BASE) :], timeout=30
            ).status_code
            == 200
        )
        assert (
            requests.get(server.url + "/id/" + new_doc[len(DEFAULT_BASE) :], timeout=30).status_code
            == 410
        )
        history = _sparql(
            server,
            "SELECT ?rev WHERE"
            f" {{ <{revised_doc}> <http://www.w3.org/ns/prov#wasRevisionOf> ?rev }}",
        )
        assert len(history) == 1 and history[0]["rev"].startswith(revised_doc + "/rev/")
    finally:
        stop_server(server)


def test_a_full_rebuild_keeps_the_history(tmp_path: Path, corpus: Path) -> None:
    """Revisions and retired IRIs survive `kg build`; a text changed between two builds
    is a revision too, and the IRIs it lost are retired."""
    from kg.namespaces import revisions_graph_iri
    from kg.store import current_build
    from kg.update import retired

    config = Config(data_dir=tmp_path / "var", sources=(str(corpus),))
    build(config, progress=lambda m: None)
    first, second = (corpus / n for n in SEED_NAMES[:2])
    doc1 = str(read_document(first, source=first.name).iri(DEFAULT_BASE))
    doc2 = str(read_document(second, source=second.name).iri(DEFAULT_BASE))
    # a revision through kg add, a removal through kg remove
    first.write_text("\n" + first.read_text(encoding="utf-8").replace(" the ", " THE ", 1))
    add(config, [first], progress=lambda m: None)
    second.unlink()
    remove(config, [second.name], progress=lambda m: None)
    assert retired(config, current_build(config), doc2) is not None
    # an edit between two full builds
    third = corpus / SEED_NAMES[2]
    third.write_text(third.read_text(encoding="utf-8") + "\nA closing line was added.\n")
    doc3 = str(read_document(third, source=third.name).iri(DEFAULT_BASE))
    build(config, progress=lambda m: None)
    store = open_current(config)
    was = ox.NamedNode("http://www.w3.org/ns/prov#wasRevisionOf")
    history = ox.NamedNode(revisions_graph_iri())
    revised = {q.subject.value for q in store.quads_for_pattern(None, was, None, history)}
    assert {doc1, doc3} <= revised
    assert retired(config, current_build(config), doc2) is not None  # still gone
    assert retired(config, current_build(config), doc1) is None
    assert_same_as_full_build(config, corpus)


TRANSLITERATIONS = {
    "a.txt": "Kazakh President Kassym-Jomart Tokayev said order was back.\n",
    "b.txt": "President Qasym-Zhomart Toqaev said the curfew would end.\n",
    "c.txt": "Kenyan President William Ruto met Rwandan President Paul Kagame.\n",
    "d.txt": "Ruto's host, Paul Kagame, said he welcomed William Rutto.\n",
}


def test_one_person_across_transliterations_through_add_and_remove(tmp_path: Path) -> None:
    """The cross-document merge of one person's spellings (Tokayev/Toqaev, Ruto/Rutto) is
    decided on the resolution index: a build, each `kg add` and `kg remove` give the same
    graphs as extract + resolve over the same documents in memory, a merged-away IRI
    points to the kept one, and it comes back when the document that merged it leaves."""
    from kg.store import current_build
    from kg.update import retired

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("b.txt", "d.txt"):
        (corpus / name).write_text(TRANSLITERATIONS[name], encoding="utf-8")
    config = Config(data_dir=tmp_path / "var", sources=(str(corpus),))
    build(config, progress=lambda m: None)
    assert_same_as_full_build(config, corpus)
    tokayev = DEFAULT_BASE + "person/kassym-jomart-tokayev"
    (toqaev,) = {
        t.subject.value
        for ts in store_graphs(config)[0].values()
        for t in ts
        if "toqaev" in t.subject.value and t.subject.value.startswith(DEFAULT_BASE + "person/")
    }

    def persons() -> set[str]:
        return {
            t.subject.value
            for ts in store_graphs(config)[0].values()
            for t in ts
            if t.predicate.value.endswith("#type") and t.object.value == NG + "Person"
        }

    # the lexicon's Tokayev arrives: Toqaev is renamed to it in the graph that named it
    (corpus / "a.txt").write_text(TRANSLITERATIONS["a.txt"], encoding="utf-8")
    add(config, [corpus / "a.txt"], progress=lambda m: None)
    assert_same_as_full_build(config, corpus)
    assert tokayev in persons() and toqaev not in persons()
    found = retired(config, current_build(config), toqaev)
    assert found is not None and found[0] == f"<{tokayev}>"  # 301 to the kept IRI

    # a second spelling of Ruto: one Ruto, whichever came first
    (corpus / "c.txt").write_text(TRANSLITERATIONS["c.txt"], encoding="utf-8")
    add(config, [corpus / "c.txt"], progress=lambda m: None)
    assert_same_as_full_build(config, corpus)
    assert len([p for p in persons() if "/person/william-rut" in p]) == 1

    # Tokayev's document leaves: Toqaev is a node of its own again, and no longer retired
    (corpus / "a.txt").unlink()
    remove(config, ["a.txt"], progress=lambda m: None)
    assert_same_as_full_build(config, corpus)
    assert toqaev in persons() and tokayev not in persons()
    assert retired(config, current_build(config), toqaev) is None

    # and a build of the same documents from scratch agrees
    shutil.rmtree(tmp_path / "var")
    build(config, progress=lambda m: None)
    assert_same_as_full_build(config, corpus)


def test_accepted_wikidata_links_follow_add_and_remove(tmp_path: Path, corpus: Path) -> None:
    """An accepted row of the reviewed link file (kg.linkfile) is in the graph exactly while
    a document names its entity: not after a build without one, then after the `kg add`
    that brings it, gone again after the `kg remove` that takes it away."""
    from kg.linkfile import Link, links_graph_iri, write_links

    # an entity the lexicon does not link already (Putin is Q7747 there: a row for him
    # is "the lexicon says so already" and makes no link of its own)
    afghanistan = DEFAULT_BASE + "country/afghanistan"
    links = tmp_path / "links.tsv"
    write_links(links, [Link("country/afghanistan", "Q889", "accepted", "Afghanistan")])
    config = Config(data_dir=tmp_path / "var", sources=(str(corpus),), links_file=str(links))
    same_as = ox.Triple(
        ox.NamedNode(afghanistan),
        ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
        ox.NamedNode("http://www.wikidata.org/entity/Q889"),
    )
    build(config, progress=lambda m: None)  # the first three seeds: no Afghanistan
    graphs, default, _named = store_graphs(config)
    assert same_as not in default and links_graph_iri(DEFAULT_BASE) not in graphs

    name = "003_bc004a36a41f69a7.txt"  # names Afghanistan
    shutil.copy(SEEDS / name, corpus / name)
    add(config, [corpus / name], progress=lambda m: None)
    graphs, default, _named = store_graphs(config)
    assert graphs[links_graph_iri(DEFAULT_BASE)] == {same_as} and same_as in default
    # what a full build of the same corpus holds: the link graph, and the conclusions
    fresh = config.replace(data_dir=tmp_path / "fresh")
    build(fresh, progress=lambda m: None)
    rebuilt, _default, _named = store_graphs(fresh)
    for graph in (links_graph_iri(DEFAULT_BASE), inferred_graph_iri()):
        assert graphs[graph] == rebuilt[graph], graph

    (corpus / name).unlink()
    remove(config, [name], progress=lambda m: None)
    graphs, default, _named = store_graphs(config)
    assert same_as not in default and links_graph_iri(DEFAULT_BASE) not in graphs
    assert_same_as_full_build(config, corpus)
