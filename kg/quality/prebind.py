"""Pre-binding $this in a SHACL-SPARQL query (SHACL 5.6), by rewriting its text.

SHACL evaluates a SPARQL constraint once per focus node "as if $this had been
substituted by the focus node". Oxigraph's `substitutions` argument binds the
variable at the top of the query only (a FILTER in a nested group still sees it
unbound: W3C test sparql/pre-binding-003), so the substitution is made here, on
the query text, with a small lexer that leaves strings, IRIs and comments alone
(kg.sparql_text does the same for the endpoint, with keywords only).

Two more things live here:
- `check`: the queries SHACL 5.6.1 declares unusable for pre-binding (MINUS,
  VALUES, SERVICE, `AS $this`, a sub-query that does not return $this) are refused;
- `joined`: when $this occurs only where joining it with the focus nodes means the
  same as substituting it (the top-level group, EXISTS and simple OPTIONAL blocks,
  no aggregation, no nested groups), the query runs once for every focus node
  together instead of once per focus node: our three SPARQL constraints are such
  queries, and at a million triples they have tens of thousands of focus nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.quality.shapes import ShapesError

_TOKEN = re.compile(
    r'(?P<string>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<brace>[{}])"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_\-.]*)?)"
    r"|(?P<other>[\s\S])"
)
_UNSAFE_FOR_JOIN = {
    "UNION", "GRAPH", "SELECT", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "COUNT",
    "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT",
}  # fmt: skip


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper()

    @property
    def is_this(self) -> bool:
        return self.kind == "var" and self.text[1:] == "this"


def _lex(query: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind == "other" and m.group().isspace():
            continue
        out.append(_Tok(kind, m.group(), m.start(), m.end()))
    return out


def _where_brace(toks: list[_Tok]) -> int:
    """Index of the `{` opening the outer WHERE clause (of ASK too)."""
    for i, t in enumerate(toks):
        if t.kind == "brace" and t.text == "{":
            return i
    raise ShapesError("the SPARQL query has no WHERE clause")


def check(query: str) -> None:
    """Refuse what SHACL 5.6.1 says cannot be pre-bound."""
    toks = _lex(query)
    words = [t.upper for t in toks if t.kind == "word"]
    for bad in ("MINUS", "VALUES", "SERVICE"):
        if bad in words:
            raise ShapesError(f"a SHACL-SPARQL query may not use {bad} (SHACL 5.6.1)")
    for i, t in enumerate(toks[:-1]):
        if t.kind == "word" and t.upper == "AS" and toks[i + 1].is_this:
            raise ShapesError("a SHACL-SPARQL query may not bind $this with AS (SHACL 5.6.1)")
    start = _where_brace(toks)
    for i in range(start, len(toks)):
        if toks[i].kind == "word" and toks[i].upper == "SELECT":
            projection = []
            j = i + 1
            while j < len(toks) and not (
                toks[j].kind == "brace" or (toks[j].kind == "word" and toks[j].upper == "WHERE")
            ):
                projection.append(toks[j])
                j += 1
            star = any(t.text == "*" for t in projection)
            if not any(t.is_this for t in projection) and not (star and _in_pattern(toks, j)):
                raise ShapesError(
                    "a sub-query of a SHACL-SPARQL query must return $this (SHACL 5.6.1)"
                )


def _in_pattern(toks: list[_Tok], start: int) -> bool:
    """Does $this occur in the group opening at or after toks[start] outside FILTER
    expressions (so that SELECT * returns it)?"""
    depth = 0
    filter_parens: int | None = None
    parens = 0
    for t in toks[start:]:
        if t.kind == "brace":
            depth += 1 if t.text == "{" else -1
            if depth == 0:
                return False
        elif t.kind == "word" and t.upper == "FILTER":
            filter_parens = parens
        elif t.text == "(":
            parens += 1
        elif t.text == ")":
            parens -= 1
            if filter_parens is not None and parens == filter_parens:
                filter_parens = None
        elif t.is_this and filter_parens is None:
            return True
    return False


def substituted(query: str, bindings: dict[str, str]) -> str:
    """The query with each pre-bound variable ($this, and a component's parameters)
    replaced by its term (SPARQL syntax) everywhere, as SHACL 5.6 says; in the projection
    `$this` becomes `(term AS ?this)`, and `bound($this)` becomes true."""
    toks = _lex(query)
    where = _where_brace(toks)
    pieces: list[str] = []
    last = 0
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.upper == "BOUND" and _is_bound(toks, i, bindings):
            pieces.append(query[last : t.start])
            pieces.append("(true)")
            last = toks[i + 3].end
            i += 4
            continue
        name = t.text[1:] if t.kind == "var" else None
        if name is not None and name in bindings:
            pieces.append(query[last : t.start])
            if i < where:  # the query's own projection
                pieces.append(f"({bindings[name]} AS ?{name})")
            elif _in_subselect_projection(toks, i):  # bound once, by the outer projection
                pieces.append("*" if _only_projected(toks, i) else "")
            else:
                pieces.append(bindings[name])
            last = t.end
        i += 1
    pieces.append(query[last:])
    return "".join(pieces)


def _is_bound(toks: list[_Tok], i: int, bindings: dict[str, str]) -> bool:
    return (
        i + 3 < len(toks)
        and toks[i + 1].text == "("
        and toks[i + 2].kind == "var"
        and toks[i + 2].text[1:] in bindings
        and toks[i + 3].text == ")"
    )


def _only_projected(toks: list[_Tok], i: int) -> bool:
    """Is $this at token i the only thing a sub-query's SELECT projects?"""
    before = toks[i - 1]
    after = toks[i + 1] if i + 1 < len(toks) else None
    alone_before = before.kind == "word" and before.upper in ("SELECT", "DISTINCT", "REDUCED")
    alone_after = after is not None and (
        after.kind == "brace" or (after.kind == "word" and after.upper == "WHERE")
    )
    return alone_before and alone_after


def _in_subselect_projection(toks: list[_Tok], i: int) -> bool:
    """Is token i between a sub-query's SELECT and its WHERE/`{`?"""
    for j in range(i - 1, -1, -1):
        t = toks[j]
        if t.kind == "brace" or (t.kind == "word" and t.upper == "WHERE"):
            return False
        if t.kind == "word" and t.upper == "SELECT":
            return True
    return False


def joined(query: str, focus: str) -> str | None:
    """The query run for all focus nodes at once (`focus` binds ?this), or None when
    joining would not mean what substituting means."""
    toks = _lex(query)
    where = _where_brace(toks)
    depth = 0
    exists_depth: list[int] = []
    i = where
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.upper in _UNSAFE_FOR_JOIN:
            return None
        if t.kind == "brace" and t.text == "{":
            depth += 1
            prev = toks[i - 1] if i > 0 else None
            if exists_depth:
                pass  # anything inside EXISTS sees $this substituted by the outer solution
            elif prev is not None and prev.kind == "word" and prev.upper == "EXISTS":
                exists_depth.append(depth)
            elif depth > 1 and not (prev is not None and prev.upper == "OPTIONAL" and depth == 2):
                return None  # a nested group is evaluated on its own: $this unbound there
        elif t.kind == "brace":
            if exists_depth and exists_depth[-1] == depth:
                exists_depth.pop()
            depth -= 1
            if depth == 0:
                tail = toks[i + 1 :]
                if any(x.kind not in ("comment",) for x in tail):
                    return None  # solution modifiers after WHERE
                break
        i += 1
    toks_before = toks[:where]
    projection = query[: toks[where].start]
    if not any(t.is_this for t in toks_before) and "*" not in (t.text for t in toks_before):
        select = next((t for t in toks_before if t.kind == "word" and t.upper == "SELECT"), None)
        if select is None:
            return None
        after = select.end
        nxt = toks_before[toks_before.index(select) + 1]
        if nxt.kind == "word" and nxt.upper in ("DISTINCT", "REDUCED"):
            after = nxt.end
        projection = query[:after] + " ?this" + query[after : toks[where].start]
    open_at = toks[where].end
    return projection + "{ { " + focus + " } " + query[open_at:]
