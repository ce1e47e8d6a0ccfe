"""What a build remembers of every document it meets: the names it built (for the
manifest) and the hashes and addresses it has seen (to read a document once). Kept in a
private temporary SQLite file, not in Python lists and sets, so that the build's memory
does not grow with the corpus: at 100,000 documents the build's lists and sets, with the
list of sources kg.documents.walk_sources replaces, held 77.6 MB (benchmarks/RESULTS.md
section 6, `python -m benchmarks.build_bookkeeping`), at a million ten times as much."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def _temporary() -> sqlite3.Connection:
    # "" opens a private database in a temporary file, deleted when it is closed; its
    # memory is SQLite's page cache, a fixed 2 MB by default
    db = sqlite3.connect("", check_same_thread=False)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


class DocumentList:
    """An append-only list of document names: `append`, `len`, iteration in order."""

    def __init__(self) -> None:
        self._db = _temporary()
        self._db.execute("CREATE TABLE names (name TEXT NOT NULL)")
        self._count = 0

    def append(self, name: str) -> None:
        self._db.execute("INSERT INTO names (name) VALUES (?)", (name,))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[str]:
        for (name,) in self._db.execute("SELECT name FROM names ORDER BY rowid"):
            yield name

    def __repr__(self) -> str:
        return f"DocumentList({self._count} names)"


class SeenKeys:
    """The keys met so far (content hashes, document addresses)."""

    def __init__(self) -> None:
        self._db = _temporary()
        self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY) WITHOUT ROWID")

    def first_time(self, *keys: str) -> bool:
        """True, and every key remembered, when none of the keys was met before."""
        if any(self._db.execute("SELECT 1 FROM seen WHERE key = ?", (k,)).fetchone() for k in keys):
            return False
        self._db.executemany("INSERT OR IGNORE INTO seen (key) VALUES (?)", [(k,) for k in keys])
        return True
