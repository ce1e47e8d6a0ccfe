"""The corpus reader follows no link out of the corpus and names every file it does not build."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from kg.config import Config
from kg.documents import scan_documents, walk_sources
from kg.ledger import DocumentList, SeenKeys
from kg.store import current_build
from tests.conftest import SEEDS, kg_env, run_kg


def make_corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(f, corpus / f.name)
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Top secret: the minister met the ambassador in Almaty.\n")
    (corpus / "link-out.txt").symlink_to(secret)
    (corpus / "folder-out").symlink_to(secret.parent)
    (corpus / "same.txt").symlink_to(corpus / sorted(SEEDS.iterdir())[0].name)
    (corpus / "notes.rtf").write_text("{\\rtf1 hello}")
    (corpus / "feed.xml").write_text("<rss/>")
    (corpus / ".hidden.txt").write_text("hidden words\n")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD").write_text("ref: x\n")
    os.mkfifo(corpus / "pipe.txt")
    return corpus, secret


def test_scan_names_every_file_not_read(tmp_path: Path) -> None:
    corpus, _ = make_corpus(tmp_path)
    found, skipped = scan_documents([corpus])
    names = {Path(f).name for f in found}
    assert names == {p.name for p in sorted(SEEDS.iterdir())[:2]}
    reasons = {Path(f).name: r for f, r in skipped}
    assert "outside the corpus" in reasons["link-out.txt"]
    assert "outside the corpus" in reasons["folder-out"]
    assert "same file" in reasons["same.txt"]
    assert "not a text" in reasons["notes.rtf"] and "not a text" in reasons["feed.xml"]
    assert "hidden" in reasons[".hidden.txt"] and "hidden folder" in reasons[".git"]
    assert "FIFO" in reasons["pipe.txt"]


def test_build_publishes_nothing_from_outside_and_reports_the_rest(tmp_path: Path) -> None:
    corpus, secret = make_corpus(tmp_path)
    data = tmp_path / "var"
    proc = run_kg("build", str(corpus), env=kg_env(data), timeout=300)  # a FIFO read would hang
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((current_build(Config(data_dir=data)) / "build.json").read_text())
    assert len(manifest["documents"]) == 2
    skipped = {Path(s["file"]).name for s in manifest["skipped"]}
    assert {
        "link-out.txt",
        "folder-out",
        "notes.rtf",
        "feed.xml",
        ".hidden.txt",
        "pipe.txt",
    } <= skipped
    query = run_kg(
        "query", 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Top secret")) }', env=kg_env(data)
    )
    assert query.returncode == 0 and "false" in query.stdout.lower(), query.stdout
    assert "skipped" in proc.stderr and str(secret) not in proc.stdout


def test_the_walk_reads_files_in_sorted_order_and_a_linked_file_once(tmp_path: Path) -> None:
    """The build walks the corpus one file at a time rather than listing it (a list grows
    with the corpus): the order is still that of the sorted paths, across nested folders,
    and a file with two names is read once, under the first."""
    c = tmp_path / "corpus"
    (c / "a" / "b").mkdir(parents=True)
    (c / "z").mkdir()
    for rel in ("a/x.txt", "a/b/y.txt", "a.txt", "a-b.txt", "z/real.txt"):
        (c / rel).write_text(rel + "\n")
    (c / "0link.txt").symlink_to(c / "z" / "real.txt")  # the link comes first: read
    (c / "z" / "link-to-y.txt").symlink_to(c / "a" / "b" / "y.txt")  # the file first
    walked = list(walk_sources([c]))
    read = [ident for path, ident, _ in walked if path is not None]
    assert read == ["0link.txt", "a/b/y.txt", "a/x.txt", "a-b.txt", "a.txt"]
    assert read == [ident for _, ident in sorted((p, i) for p, i, _ in walked if p)]
    same = {Path(name).name for path, name, why in walked if path is None and "same" in str(why)}
    assert same == {"real.txt", "link-to-y.txt"}


def test_a_builds_ledger_keeps_names_in_order_and_keys_once() -> None:
    names = DocumentList()
    for n in ("b.txt", "a.txt", "c.txt"):
        names.append(n)
    assert (len(names), list(names), bool(DocumentList())) == (
        3,
        ["b.txt", "a.txt", "c.txt"],
        False,
    )
    seen = SeenKeys()
    assert seen.first_time("sha-1", "iri-1")
    assert not seen.first_time("sha-2", "iri-1")  # the same address, other content
    assert not seen.first_time("sha-1", "iri-3")  # the same content, another address
    assert seen.first_time("sha-2", "iri-2")
