"""Looking at SPARQL text without a full parser: top-level keywords only.

Why: pyoxigraph parses and runs a query in one call and exposes no parse tree, but
the protocol needs a few facts beforehand: does the query name its own dataset
(FROM / FROM NAMED, which the union default graph must not override), does an
update carry WITH / USING (which conflicts with `using-graph-uri`), and where do
`USING` clauses go when the protocol supplies them. All of these are keywords at
brace depth 0, so a small lexer that skips comments, strings and IRIs is enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


@dataclass(frozen=True)
class Token:
    """A bare keyword-like word at brace depth `depth`, at `start:end` in the text."""

    word: str
    start: int
    end: int
    depth: int


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == quote or c == "\n":
            return j + 1
        j += 1
    return j


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i - 1 - backslashes >= 0 and text[i - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def tokens(text: str) -> Iterator[Token]:
    """Bare words (keywords, and the local parts we cannot tell apart) with their depth.

    Variables (`?x`), prefixed names (`ex:where`), IRIs, strings and comments are
    skipped, so `WHERE` found here is the keyword.
    """
    depth = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl + 1
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<":
            m = _IRI.match(text, i)
            i = m.end() if m else i + 1
        elif c == "{":
            depth += 1
            i += 1
        elif c == "}":
            depth = max(depth - 1, 0)
            i += 1
        elif c in "?$":
            m = _WORD.match(text, i + 1)
            i = m.end() if m else i + 1
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            assert m is not None
            end = m.end()
            if end < n and text[end] == ":":  # prefixed name: skip the local part too
                j = end + 1
                while j < n and not text[j].isspace() and text[j] not in "{}()<>;,":
                    j += 1
                i = j
                continue
            yield Token(m.group().upper(), i, end, depth)
            i = end
        elif c == ":":  # `:local` (empty prefix)
            j = i + 1
            while j < n and not text[j].isspace() and text[j] not in "{}()<>;,":
                j += 1
            i = j
        else:
            i += 1


def query_form(text: str) -> str | None:
    """SELECT / ASK / CONSTRUCT / DESCRIBE: the first such keyword at depth 0."""
    for tok in tokens(text):
        if tok.depth == 0 and tok.word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.word
    return None


def has_dataset_clause(query: str) -> bool:
    """True when a query names its dataset with FROM or FROM NAMED."""
    return any(tok.depth == 0 and tok.word == "FROM" for tok in tokens(query))


def is_update(text: str) -> bool:
    """True when the text starts (after its prologue) with an update operation."""
    for tok in tokens(text):
        if tok.depth != 0 or tok.word in ("PREFIX", "BASE"):
            continue
        return tok.word in {
            "INSERT",
            "DELETE",
            "LOAD",
            "CLEAR",
            "CREATE",
            "DROP",
            "COPY",
            "MOVE",
            "ADD",
            "WITH",
        }
    return False


def update_names_dataset(update: str) -> bool:
    """True when an update names its own dataset (WITH, USING, USING NAMED).

    SPARQL 1.1 Protocol §2.2.3: such a request together with `using-graph-uri` or
    `using-named-graph-uri` is an error.
    """
    return any(tok.depth == 0 and tok.word in ("WITH", "USING") for tok in tokens(update))


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Give every DELETE/INSERT … WHERE operation the protocol's dataset.

    Inserts `USING <g>` / `USING NAMED <g>` before each top-level WHERE of a modify
    operation, and rewrites the `DELETE WHERE { P }` short form (which takes no USING)
    into the equivalent `DELETE { P } USING … WHERE { P }`.
    """
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named])
    if not clause:
        return update
    toks = [t for t in tokens(update) if t.depth == 0]
    out: list[str] = []
    pos = 0
    for k, tok in enumerate(toks):
        if tok.word != "WHERE":
            continue
        previous = toks[k - 1].word if k else ""
        if previous == "DELETE" and _only_space(update, toks[k - 1].end, tok.start):
            open_at = update.find("{", tok.end)
            close_at = _matching_brace(update, open_at)
            if open_at == -1 or close_at == -1:
                continue  # malformed: let the engine report it
            pattern = update[open_at : close_at + 1]
            out.append(update[pos : tok.start])
            out.append(f"{pattern} {clause} WHERE {pattern}")
            pos = close_at + 1
        else:
            out.append(update[pos : tok.start])
            out.append(f"{clause} ")
            pos = tok.start
    out.append(update[pos:])
    return "".join(out)


def _only_space(text: str, start: int, end: int) -> bool:
    return text[start:end].strip() == ""


def _matching_brace(text: str, open_at: int) -> int:
    """Index of the `}` closing the `{` at `open_at` (strings, IRIs, comments skipped)."""
    if open_at == -1:
        return -1
    depth = 0
    i = open_at
    n = len(text)
    while i < n:
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl + 1
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "<":
            m = _IRI.match(text, i)
            i = m.end() if m else i + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
