"""`kg ingest` (issue 15): RSS and Atom feeds and article pages from a local HTTP server.

The site is made of tests/data/feeds/ templates filled with the seeds' real article
texts: article pages with menus, cookie banner, related links, newsletter box and
footer around the story, an RSS 2.0 feed and an Atom feed listing them.
"""

from __future__ import annotations

import email.utils
import functools
import html
import sqlite3
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.feeds import run
from kg.namespaces import DEFAULT_BASE, revisions_graph_iri
from kg.store import open_current
from tests.conftest import SEEDS, kg_env, run_kg

TEMPLATES = Path(__file__).parent / "data" / "feeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))[:3]
DATES = ["2022-01-10", "2022-01-11", "2022-01-12"]


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        # (path, conditional headers sent) of every GET the site answered, in order
        self.requests: list[tuple[str, bool]] = []
        self.server = ThreadingHTTPServer(
            ("127.0.0.1", 0),
            functools.partial(_QuietHandler, self.requests, directory=str(root)),
        )
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def __init__(self, requests: list[tuple[str, bool]], *args, **kwargs) -> None:
        self.requests = requests
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        self.requests.append((self.path, conditional))
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


def _template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def article_page(site: str, slug: str, seed: Path, date: str, extra: str = "") -> tuple[str, str]:
    title, _, body = seed.read_text(encoding="utf-8").partition("\n")
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if extra:
        paras.append(extra)
    url = f"{site}/world/2022/01/{slug}.html"
    page = _template("article.html").format(
        title=html.escape(title.strip()),
        summary=html.escape(paras[0][:150]),
        url=url,
        date=date,
        paragraphs="\n".join(f"    <p>{html.escape(p)}</p>" for p in paras),
    )
    return url, page


def make_site(root: Path, site: str, correction: str = "") -> dict[str, str]:
    """Write three article pages and both feeds; returns {slug: url}."""
    (root / "world" / "2022" / "01").mkdir(parents=True, exist_ok=True)
    urls: dict[str, str] = {}
    items, entries = [], []
    for i, (seed, date) in enumerate(zip(SEED_FILES, DATES, strict=True)):
        slug = f"story-{i}"
        url, page = article_page(site, slug, seed, date, correction if i == 0 else "")
        (root / "world" / "2022" / "01" / f"{slug}.html").write_text(page, encoding="utf-8")
        urls[slug] = url
        title = html.escape(seed.read_text(encoding="utf-8").partition("\n")[0].strip())
        fields = dict(site=site, url=url, title=title, summary="Summary.", date=date)
        stamp = time.mktime(time.strptime(date, "%Y-%m-%d"))
        fields["rfc822"] = email.utils.formatdate(stamp, usegmt=True)
        if i < 2:
            items.append(_template("rss-item.xml").format(**fields))
        if i > 0:
            entries.append(_template("atom-entry.xml").format(**fields))
    now = email.utils.formatdate(usegmt=True)
    (root / "rss.xml").write_text(
        _template("rss.xml").format(site=site, build_date=now, items="".join(items)),
        encoding="utf-8",
    )
    (root / "atom.xml").write_text(
        _template("atom.xml").format(
            site=site, updated="2022-01-12T10:00:00Z", entries="".join(entries)
        ),
        encoding="utf-8",
    )
    return urls


def documents(config: Config) -> dict[str, dict[str, str]]:
    """address -> {iri, title, content} of every document with a schema:url."""
    store = open_current(config)
    out = {}
    for row in store.query(
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>"
        " SELECT ?d ?url ?content (SAMPLE(?t) AS ?title) WHERE { GRAPH ?d {"
        " ?d <https://schema.org/url> ?url ; ng:content ?content"
        " OPTIONAL { ?d <http://purl.org/dc/terms/title> ?t } } } GROUP BY ?d ?url ?content"
    ):
        out[row["url"].value] = {
            "iri": row["d"].value,
            "content": row["content"].value,
            "title": row["title"].value if row["title"] else "",
        }
    return out


@pytest.mark.slow
def test_ingest_feeds_and_pages(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    config = Config(data_dir=tmp_path / "var")
    messages: list[str] = []
    with Site(root) as site:
        urls = make_site(root, site.url)
        # 1. both feeds, into a data folder with no graph yet
        assert (
            run(config, [f"{site.url}/rss.xml", f"{site.url}/atom.xml"], progress=messages.append)
            == 0
        )
        docs = documents(config)
        assert set(docs) == set(urls.values()), (docs.keys(), messages)
        first = docs[urls["story-0"]]
        seed_title = SEED_FILES[0].read_text(encoding="utf-8").partition("\n")[0].strip()
        assert first["content"].startswith(seed_title)
        assert "Source: Steppe Daily News" in first["content"]  # publisher and date line
        body = SEED_FILES[0].read_text(encoding="utf-8").split("\n")[2].strip()
        assert body[:80] in first["content"]
        for boilerplate in ("Subscribe to our newsletter", "cookies", "All rights reserved",
                            "Read also", "Tenge steadies"):  # fmt: skip
            assert boilerplate not in first["content"], boilerplate
        assert first["iri"].startswith(DEFAULT_BASE + "doc/")
        assert "3 articles added" in messages[-1], messages

        # 2. again: the feeds have not changed (conditional requests answer 304)
        messages.clear()
        run(config, [f"{site.url}/rss.xml", f"{site.url}/atom.xml"], progress=messages.append)
        assert "2 feeds (2 unchanged), 0 pages: 0 articles added" in messages[-1], messages

        # 3. a correction to one article: a new revision of the same document
        time.sleep(1.1)  # a newer Last-Modified for the conditional requests
        make_site(root, site.url, correction="Correction: an earlier version misstated a date.")
        messages.clear()
        run(config, [f"{site.url}/rss.xml"], progress=messages.append)
        assert "0 articles added, 1 revised" in messages[-1], messages
        after = documents(config)
        assert after[urls["story-0"]]["iri"] == first["iri"]
        assert "Correction: an earlier version" in after[urls["story-0"]]["content"]
        store = open_current(config)
        revisions = list(
            store.quads_for_pattern(
                ox.NamedNode(first["iri"]),
                ox.NamedNode("http://www.w3.org/ns/prov#wasRevisionOf"),
                None,
                ox.NamedNode(revisions_graph_iri()),
            )
        )
        assert len(revisions) == 1

        # 4. a page given directly and a feed read from a local file
        (root / "world" / "2022" / "01" / "story-9.html").write_text(
            article_page(site.url, "story-9", sorted(SEEDS.glob("*.txt"))[3], "2022-01-13")[1],
            encoding="utf-8",
        )
        messages.clear()
        run(
            config,
            [f"{site.url}/world/2022/01/story-9.html", str(root / "atom.xml")],
            progress=messages.append,
        )
        assert "1 articles added" in messages[-1], messages
        # an article read before, unchanged, is not extracted again
        messages.clear()
        run(config, [f"{site.url}/world/2022/01/story-9.html"], progress=messages.append)
        assert "0 articles added, 0 revised, 1 unchanged" in messages[-1], messages

        # 5. a broken source is reported by name, the rest goes on
        messages.clear()
        run(config, [f"{site.url}/missing.xml", f"{site.url}/rss.xml"], progress=messages.append)
        assert any("missing.xml" in m and "404" in m for m in messages), messages


@pytest.mark.slow
def test_ingest_on_a_schedule_from_the_cli(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with Site(root) as site:
        make_site(root, site.url)
        env = kg_env(tmp_path / "var")
        proc = run_kg("ingest", f"{site.url}/rss.xml", "--every", "1", "--runs", "2", env=env)
        assert proc.returncode == 0, proc.stderr
        # Two passes, each reported: the first adds the feed's two articles, the second
        # reads the feed again and finds nothing new.
        lines = [line for line in proc.stderr.splitlines() if " feeds (" in line]
        assert len(lines) == 2, proc.stderr
        assert "2 articles added" in lines[0] and "0 articles added" in lines[1], lines
        # The site saw the feed twice: once plainly, then conditionally (the second pass
        # asked with what the first remembered in ingest.sqlite).
        feed_reads = [conditional for path, conditional in site.requests if path == "/rss.xml"]
        assert feed_reads == [False, True], site.requests
        with sqlite3.connect(tmp_path / "var" / "ingest.sqlite") as db:
            assert db.execute("SELECT url FROM feeds").fetchall() == [(f"{site.url}/rss.xml",)]
            assert db.execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_the_schedule_waits_out_the_rest_of_each_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--every` sleeps between passes (never after the last), for what is left of the
    period. The sleeps are recorded, not taken: no clock is read by the test."""
    import kg.feeds

    slept: list[float] = []

    class Time:  # kg.feeds' view of the time module, whose sleep only records
        sleep = staticmethod(slept.append)

        def __getattr__(self, name: str) -> object:
            return getattr(time, name)

    monkeypatch.setattr(kg.feeds, "time", Time())
    config = Config(data_dir=tmp_path / "var")
    messages: list[str] = []
    assert run(config, [], every=30, runs=3, progress=messages.append) == 0
    assert len([m for m in messages if " feeds (" in m]) == 3, messages
    assert len(slept) == 2 and all(0 < s <= 30 for s in slept), slept
    slept.clear()
    assert run(config, [], every=30, runs=1, progress=messages.append) == 0
    assert slept == []
