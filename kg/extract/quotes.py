"""Single quotation marks read as double ones.

British and many Commonwealth outlets, and ministries that follow their style, quote
with ‘…’ where others write “…”; every rule that finds a quotation knows only the
double marks. The rules therefore read a copy of the text in which each ‘…’ quotation
(not an apostrophe, not a quotation inside a double one) is written “…”. The copy has the
same length, so every offset still points into the document as published, and what the
graph quotes is cut from the published text (kg.extract.rdfize), never from the copy.
"""

from __future__ import annotations

import re

from kg.extract.speech import inside_quote

# an opening mark: at a line's start or after a space or an opening bracket or dash,
# before a character that is not a space
_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=\S)", re.M)
_CLOSE_AFTER = ",.;:!?)"
_END_BEFORE = ".,!?…"


def as_double_quotes(text: str) -> str:
    if "‘" not in text:
        return text
    chars = list(text)
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        pos = start + 1
        if inside_quote(text, line_start, start):
            continue  # a quotation inside a quotation keeps its single marks
        close = _closing(text, start + 1, line_end)
        if close is None:
            continue
        chars[start] = "“"
        chars[close] = "”"
        pos = close + 1
    return "".join(chars)


def _closing(text: str, start: int, end: int) -> int | None:
    """The ’ that closes a quotation opened before `start`: after a sentence's last mark
    (",’ said", ".’"), or before one ("’, he said"), or before a space where it cannot
    be a plural's apostrophe ("the countries’ ties"); none past the line's end or past
    another opening mark."""
    for j in range(start, end):
        c = text[j]
        if c == "‘":
            return None
        if c != "’":
            continue
        before = text[j - 1]
        after = text[j + 1] if j + 1 < len(text) else ""
        if before.isspace():
            continue
        if before in _END_BEFORE or after == "" or after in _CLOSE_AFTER or after == "\n":
            return j
        if after.isspace() and before not in "sS":
            return j
    return None
