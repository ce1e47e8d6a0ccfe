"""`kg ingest`: news from RSS/Atom feeds and web pages into the live graph.

A source is a feed or an article page, by URL or as a local file. Feeds are read with
feedparser (RSS 0.9x-2.0, RSS 1.0, Atom); each entry's page, and any page given
directly, goes through trafilatura, which finds the article's text and its metadata
(title, date, publisher, canonical address) among menus, comments and scripts. An
article becomes a document whose identity is its address, so a corrected article is a
new revision of the same document (kg.update), and whose text starts with the header
lines the extractor reads ("Title", "Source: Publisher | 2022-01-08").

What was seen is remembered in `ingest.sqlite` in the data folder: feeds with their
ETag / Last-Modified (an unchanged feed costs one conditional request) and articles
with the hash of their text (an unchanged article is not extracted again). With
`--every SECONDS`, `kg ingest` runs on a schedule until stopped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from kg.config import Config
from kg.documents import SourceDocument, document_from_bytes

TIMEOUT = 30
MAX_BYTES = 8 * 1024 * 1024


@dataclass
class Article:
    url: str
    title: str | None
    date: str | None
    publisher: str | None
    text: str


@dataclass
class IngestReport:
    feeds: int = 0
    feeds_unchanged: int = 0
    pages: int = 0
    articles: list[Article] = field(default_factory=list)
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0
    revised: int = 0


class Seen:
    """What `kg ingest` has already read (one SQLite file in the data folder)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, modified TEXT,
                checked TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS articles (url TEXT PRIMARY KEY, sha256 TEXT NOT NULL,
                first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
            """
        )

    def feed(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def feed_read(self, url: str, etag: str | None, modified: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)", (url, etag, modified, _now())
        )

    def article(self, url: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM articles WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def article_read(self, url: str, sha256: str) -> None:
        now = _now()
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE"
            " SET sha256 = excluded.sha256, last_seen = excluded.last_seen",
            (url, sha256, now, now),
        )

    def close(self) -> None:
        self.db.close()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme in {"http", "https"}


def fetch(
    source: str, config: Config, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict[str, str], str]:
    """(status, body, headers, final address) of a URL or a local file."""
    if not _is_url(source):
        path = Path(source[7:] if source.startswith("file://") else source)
        return 200, path.read_bytes(), {}, path.resolve().as_uri()
    with requests.get(
        source,
        headers={"User-Agent": config.user_agent, **(headers or {})},
        timeout=TIMEOUT,
        stream=True,
    ) as resp:
        body = resp.raw.read(MAX_BYTES + 1, decode_content=True)
        if len(body) > MAX_BYTES:
            raise ValueError(f"{source}: larger than {MAX_BYTES} bytes")
        return resp.status_code, body, dict(resp.headers), resp.url


def parse_feed(body: bytes, address: str) -> list[str] | None:
    """The article addresses a feed lists, newest first as the feed orders them; None
    when the body is not a feed."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version") or parsed.get("bozo") and not parsed.entries:
        return None
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", ()) if x.get("rel") == "alternate"), None
        )
        if link:
            links.append(urljoin(address, link))
    return links


def parse_article(body: bytes, address: str) -> Article | None:
    """The article in a web page: text and metadata, or None when there is none."""
    import trafilatura

    html = body.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(
        html,
        url=address,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return None
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        return None
    return Article(
        url=data.get("url") if _is_url(data.get("url") or "") else address,
        title=(data.get("title") or "").strip() or None,
        date=data.get("date"),
        publisher=(data.get("sitename") or "").strip() or None,
        text=text,
    )


def as_document(article: Article) -> SourceDocument:
    """The article as the extractor reads documents: a title line, a source line with
    publisher and date, then the text. Its identity is its address."""
    header = []
    if article.title:
        header.append(article.title)
        header.append("")
    if article.publisher or article.date:
        header.append("Source: " + " | ".join(x for x in (article.publisher, article.date) if x))
        header.append("")
    text = "\n".join(header) + article.text + "\n"
    name = re.sub(r"[^\w.-]+", "_", urlsplit(article.url).path.strip("/"))[-80:] or "article"
    return document_from_bytes(name, text.encode("utf-8"), source=article.url)


def collect(
    sources: Iterable[str], config: Config, seen: Seen, report: IngestReport
) -> list[SourceDocument]:
    """Read every source; returns the articles that are new or changed."""
    pages: list[str] = []
    for source in sources:
        try:
            etag, modified = seen.feed(source) if _is_url(source) else (None, None)
            conditional = {}
            if etag:
                conditional["If-None-Match"] = etag
            if modified:
                conditional["If-Modified-Since"] = modified
            status, body, headers, address = fetch(source, config, conditional)
            if status == 304:
                report.feeds += 1
                report.feeds_unchanged += 1
                continue
            if status != 200:
                report.failed.append((source, f"HTTP {status}"))
                continue
            links = parse_feed(body, address)
            if links is None:
                pages.append(source)  # an article page given directly
                continue
            report.feeds += 1
            pages.extend(links)
            if _is_url(source):
                seen.feed_read(source, headers.get("ETag"), headers.get("Last-Modified"))
        except (OSError, ValueError, requests.RequestException) as exc:
            report.failed.append((source, str(exc)))
    docs: list[SourceDocument] = []
    done: set[str] = set()
    for page in pages:
        if page in done:
            continue
        done.add(page)
        report.pages += 1
        try:
            status, body, _headers, address = fetch(page, config)
            if status != 200:
                report.failed.append((page, f"HTTP {status}"))
                continue
            article = parse_article(body, address)
            if article is None:
                report.failed.append((page, "no article text found"))
                continue
            doc = as_document(article)
        except (OSError, ValueError, requests.RequestException) as exc:
            report.failed.append((page, str(exc)))
            continue
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if seen.article(article.url) == digest:
            report.unchanged += 1
            continue
        report.articles.append(article)
        docs.append(doc)
        seen.article_read(article.url, digest)
    return docs


def ingest(
    config: Config, sources: list[str], *, progress: Callable[[str], None] = print
) -> IngestReport:
    """One pass: read the sources, add what is new or changed to the live graph."""
    from kg.store import StoreMissing, current_build
    from kg.update import add_documents

    report = IngestReport()
    seen = Seen(config.data_dir / "ingest.sqlite")
    try:
        docs = collect(sources, config, seen, report)
        if docs:
            try:
                current_build(config)
            except StoreMissing:
                from kg.build import empty_build

                empty_build(config)
            update = add_documents(config, docs, progress=progress)
            report.added = len(update.added)
            report.revised = len(update.revised)
            for name, reason in update.skipped:
                report.failed.append((name, reason))
    finally:
        seen.close()
    return report


def run(
    config: Config,
    sources: list[str],
    *,
    every: float | None = None,
    runs: int | None = None,
    progress: Callable[[str], None] = print,
) -> int:
    """`kg ingest`: once, or every `every` seconds (`runs` times, or until stopped)."""
    n = 0
    while True:
        started = time.monotonic()
        report = ingest(config, sources, progress=progress)
        for name, reason in report.failed:
            progress(f"failed {name}: {reason}")
        progress(
            f"{report.feeds} feeds ({report.feeds_unchanged} unchanged), {report.pages} pages:"
            f" {report.added} articles added, {report.revised} revised,"
            f" {report.unchanged} unchanged, {len(report.failed)} failed"
        )
        n += 1
        if every is None or (runs is not None and n >= runs):
            return 0
        time.sleep(max(0.0, every - (time.monotonic() - started)))
