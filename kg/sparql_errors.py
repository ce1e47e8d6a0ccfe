"""SPARQL syntax errors in words: where (line, column, a caret under the spot) and why.

Oxigraph's message names a position and a grammar's worth of alternatives
("expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' …") and, for a broken
expression, points at the end of the query rather than at the expression. So:

- an undeclared prefix is found by scanning the query (its first use is the spot, and
  the message says which PREFIX line to add when the namespace is a known one);
- an unclosed `{` / `(` or a stray `}` / `)` is found by matching brackets;
- otherwise rdflib's parser, which stops at the start of the element it cannot read
  (the FILTER, the clause, the misspelt keyword), gives the spot, and Oxigraph's list
  of what it expected is summarised in words.

`explain()` returns the message and the 1-based line and column, which the endpoint
sends (text, and `X-Newsgraph-Error-Position: LINE:COLUMN-ENDCOLUMN`) and the query UI
underlines.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from kg.namespaces import PREFIXES

# Namespaces people use without declaring them (beyond our own prefixes).
KNOWN = {
    **PREFIXES,
    "wdt": "http://www.wikidata.org/prop/direct/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "geof": "http://www.opengis.net/def/function/geosparql/",
    "geosparql": "http://www.opengis.net/ont/geosparql#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "vann": "http://purl.org/vocab/vann/",
}
KNOWN.pop("id", None)  # its local names are not valid prefixed names: never suggest it

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<", re.I)
_PNAME = re.compile(r"(?<![\w.:?$<\"'-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|\s|[;,.)}\]])")
_FUNCTIONS = {"ABS", "AVG", "STR", "IRI", "MAX", "MIN", "SUM", "CEIL", "LANG", "YEAR", "UUID"}


@dataclass(frozen=True)
class SyntaxProblem:
    message: str  # the whole text: the reason, then the query lines with a caret
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    end_column: int | None = None  # 1-based, exclusive

    @property
    def position_header(self) -> str | None:
        if self.line is None or self.column is None:
            return None
        return f"{self.line}:{self.column}-{self.end_column or self.column + 1}"


def _scan(text: str):
    """(index, char) outside strings, IRIs and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl + 1
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, i)
            j = i + (3 if triple else 1)
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if triple and text.startswith(c * 3, j):
                    j += 3
                    break
                if not triple and (text[j] == c or text[j] == "\n"):
                    j += 1
                    break
                j += 1
            i = j
            continue
        if c == "<":
            m = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>').match(text, i)
            if m:
                i = m.end()
                continue
        yield i, c
        i += 1


def _code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked (same length, same lines)."""
    keep = dict(_scan(text))
    return "".join(keep.get(i, "\n" if ch == "\n" else " ") for i, ch in enumerate(text))


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _index(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    start = sum(len(x) + 1 for x in lines[: line - 1])
    return start + max(0, min(col - 1, len(lines[line - 1])))


def _undeclared_prefix(text: str) -> tuple[int, str] | None:
    code = _code_only(text)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    for m in _PNAME.finditer(code):
        name = m.group(1) or ""
        before = code[max(0, m.start() - 1) : m.start()]
        if name not in declared and before not in ("?", "$", "_"):
            return m.start(), name
    return None


def _brackets(text: str) -> tuple[int, str] | None:
    stack: list[tuple[int, str]] = []
    pairs = {"}": "{", ")": "(", "]": "["}
    for i, c in _scan(text):
        if c in "{([":
            stack.append((i, c))
        elif c in pairs:
            if not stack:
                return i, f'this "{c}" has no matching "{pairs[c]}"'
            if stack[-1][1] != pairs[c]:  # the inner one was left open
                j, o = stack[-1]
                close = {"{": "}", "(": ")", "[": "]"}[o]
                return j, f'this "{o}" is never closed (a "{close}" is missing)'
            stack.pop()
    if stack:
        i, c = stack[-1]
        close = {"{": "}", "(": ")", "[": "]"}[c]
        return i, f'this "{c}" is never closed (a "{close}" is missing)'
    return None


def _token_at(text: str, index: int) -> str:
    m = re.compile(r"[^\s(){},;]+|\S").match(text, index)
    word = m.group() if m else ""
    return word[:30] + ("…" if len(word) > 30 else "")


def _expected_in_words(detail: str) -> str:
    detail = detail.strip().split("\n")[0] if "Prefix not found" in detail else detail.strip()
    m = re.match(r"expected (?:one of )?(.*)", detail, re.S)
    if not m:
        return detail
    raw = m.group(1)
    items = re.findall(r'"[^"]*"|\[[^\]]*\]|[A-Za-z_][\w]*', raw)
    words = [w if w.startswith('"') else f'"{w}"' for w in items if not w.startswith("[")]
    if "['0'..='9']" in raw.replace(" ", ""):
        words.append("a number")
    if len(_FUNCTIONS.intersection(w.strip('"') for w in words)) >= 2:
        return "expected an expression (a variable, a value or a function call)"
    if len(words) < 2 or len(words) > 8:
        return ""  # one alternative is the parser's last guess, not the fix; many say nothing
    return "expected " + ", ".join(words[:-1]) + " or " + words[-1]


_RDFLIB_LOCK = threading.Lock()


def _rdflib_position(text: str) -> tuple[int, int, str] | None:
    from rdflib.plugins.sparql import parser

    try:
        with _RDFLIB_LOCK:  # pyparsing's packrat cache is not thread-safe
            parser.parseQuery(text)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a position to report
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if isinstance(line, int) and isinstance(col, int):
            return line, col, str(getattr(exc, "msg", "") or "")
    return None


def _excerpt(text: str, line: int, col: int, width: int) -> str:
    lines = text.split("\n")
    out = []
    number_width = len(str(min(line + 1, len(lines))))
    for n in range(max(1, line - 1), line + 1):
        out.append(f"  {n:>{number_width}} | {lines[n - 1]}")
    out.append(f"  {'':>{number_width}} | " + " " * (col - 1) + "^" * max(1, width))
    return "\n".join(out)


def explain(text: str, error: str, *, update: bool = False) -> SyntaxProblem:
    """The parser's `error` about `text`, in words, with the spot marked."""
    m = _POSITION.search(error)
    if not m:
        return SyntaxProblem(f"SPARQL syntax error: {error}")
    oxi_line, oxi_col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    index: int
    reason: str
    width = 0
    prefix = _undeclared_prefix(text)
    brackets = _brackets(text)
    if prefix is not None:
        index, name = prefix
        width = len(name) + 1
        ns = KNOWN.get(name)
        reason = f'the prefix "{name}:" is not declared'
        if ns:
            reason += f"; add  PREFIX {name}: <{ns}>  at the top"
    elif brackets is not None:
        index, reason = brackets
        width = 1
    else:
        # Oxigraph names the furthest point it reached; rdflib the start of the element it
        # could not read. The earlier of the two is where a person should look.
        index = _index(text, oxi_line, oxi_col)
        expected = _expected_in_words(detail)
        found = _rdflib_position(text) if not update else None
        starts_query = False
        if found is not None:
            candidate = _index(text, found[0], found[1])
            if candidate <= index:
                index = candidate
                starts_query = "SelectQuery | ConstructQuery" in found[2]
        if index >= len(text.rstrip()):
            reason = "the query ends too early" + (f": {expected}" if expected else "")
        else:
            word = _token_at(text, index)
            width = len(word)
            if starts_query:
                reason = (
                    f'"{word}" is not a query form: a query starts with SELECT, CONSTRUCT, '
                    "ASK or DESCRIBE (after its PREFIX and BASE lines)"
                )
            elif expected:
                reason = f'unexpected "{word}": {expected}'
            else:
                reason = (
                    f'what starts with "{word}" cannot be read (a misspelt keyword, a '
                    'missing "." between patterns, or an incomplete pattern?)'
                )
    line, col = _line_col(text, min(index, len(text)))
    if width == 0:
        width = 1
    kind = "SPARQL Update" if update else "SPARQL"
    message = (
        f"{kind} syntax error at line {line}, column {col}: {reason}.\n\n"
        + _excerpt(text, line, col, width)
        + "\n"
    )
    return SyntaxProblem(message, line, col, col + width)
