"""Numbers as written in news: "2,030", "2030", "4,70,000" (Indian grouping),
"eight thousand", "Sixteen", "about 8,000"."""

from __future__ import annotations

import re

from kg.extract.dates import MONTH_NAME

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
}
# ("two dozen" is 24: a dozen multiplies as a hundred does)
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|dozen)"
)
# ("1 000", "12 500": the thousands parted by a space, as wires filed in French style
# write them)
_DIGITS = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)"
    r"|\d{1,3}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
)
NUMBER = re.compile(
    rf"(?<![\w.,/-])(?:(?:{_DIGITS})(?:\s+(?:thousand|million|billion))?|{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*)(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)
QUALIFIER = re.compile(
    r"(more than|over|about|around|nearly|almost|at least|some|up to|approximately|"
    r"roughly|less than|fewer than|under|some|close to)\s+$",
    re.IGNORECASE,
)


def parse_number(text: str) -> int | float | None:
    """Value of one number expression, or None if it is not a number."""
    t = text.strip().lower().replace("\u00a0", " ")
    if not t:
        return None
    m = re.fullmatch(rf"({_DIGITS})(?:\s+(thousand|million|billion))?", t)
    if m:
        raw = re.sub(r"[,\s\u202f]", "", m.group(1))
        value: float = float(raw) if "." in raw else int(raw)
        if m.group(2):
            value = value * _SCALES[m.group(2)]
        return int(value) if float(value).is_integer() else value
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


_SPACED = re.compile(r"\d[ \u00a0\u202f]\d")
# (not "of": "will consist of 1 099 troops" counts one number, as "of 1,099" would)
_AFTER_A_DAY = re.compile(rf"\b{MONTH_NAME}\s+$|\bon\s+$", re.I)
# "several hundred soldiers", "a few thousand troops": no number (the gold format's rule)
_VAGUE_BEFORE = re.compile(r"\b(?:several|few|many|numerous)\s+$", re.I)
_ORDINAL_AFTER = re.compile(
    r"[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.I
)


def find_numbers(text: str, start: int = 0, end: int | None = None):
    """(start, end, value, qualifier) for each number in text[start:end]."""
    end = len(text) if end is None else end
    out = []
    for m in NUMBER.finditer(text, start, end):
        if m.group().lower() in {"a", "one"}:
            continue
        if _SPACED.search(m.group()) and (
            _AFTER_A_DAY.search(text, max(0, m.start() - 12), m.start())
            or re.match(r"[ \u00a0\u202f]\d", text[m.end() : m.end() + 2])
        ):
            # "March 5 100 soldiers", "on 23 135": a day, then another number
            for part in re.finditer(r"\d+", m.group()):
                out.append(
                    (m.start() + part.start(), m.start() + part.end(), int(part.group()), None)
                )
            continue
        value = parse_number(m.group())
        if value is None:
            continue
        if m.group().lower() in _SCALES and _VAGUE_BEFORE.search(
            text, max(start, m.start() - 12), m.start()
        ):
            continue  # "Several hundred Burundian soldiers crossed back": how many is not said
        if _ORDINAL_AFTER.match(text, m.end()):
            continue  # "Uganda's thirty second battle group": the 32nd, not thirty
        q = QUALIFIER.search(text[max(start, m.start() - 20) : m.start()])
        out.append((m.start(), m.end(), value, q.group(1).lower() if q else None))
    return out
