"""Paragraph and sentence boundaries with offsets into `doc.text`.

Every later rule works on spans of the original text, so evidence offsets are
exact by construction; nothing here copies or rewrites the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# a dateline's day: "Feb 5", "Sept. 30", "3 May" (after "City, ")
DATELINE_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"

# Tokens after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "prof",
    "vs",
    "etc",
    "e",
    "he",
    "u",
    "s",
    "n",
    "h",
    "i",
    "a",
    "b",
    "c",
    "d",
    "v",
    "inc",
    "ltd",
    "co",
    # titles written before a name in news everywhere: "the Rt. Honourable", "Hon. Dr.",
    # "Sen. Warren", "Gov. Newsom", "Amb. Thomas-Greenfield", "Atty. Roque", "Engr. Ali",
    # "Brig. Gen.", "Rev. Fr."; and "Jr." and "Sr.", which follow one
    "rt",
    "hon",
    "amb",
    "sen",
    "rep",
    "gov",
    "pres",
    "atty",
    "engr",
    "eng",  # "Amb (Eng.) Mahboub Maalim"
    "rtd",  # "Maj. Gen. (Rtd.) A", "(Retd.)"
    "retd",
    "sgt",
    "cpl",
    "pvt",
    "brig",
    "adm",
    "cmdr",
    "cdr",
    "supt",
    "insp",
    "rev",
    "fr",
    "jr",
    "sr",
    "messrs",
    "mt",
    "ft",
}
_PARA = re.compile(r"[^\n]+")
# how a speech opens: "Dear colleagues!", "Distinguished guests", "Mr. Chairman"
SALUTATION = re.compile(
    r"^(?:Dear|Distinguished|Excellenc|Ladies and|Friends|Colleagues|Mr\.? Chairman"
    r"|Your Excellenc)",
    re.I,
)
_END = re.compile(
    r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9ÀÇÉÖÜŞĞİА-Я])"
    # a quotation opened with no space after the full stop ('in 2003."I know …'): a
    # closing mark is followed by a space, an opening one by the quoted word
    r"|[.!?](?=[\"“][A-Z])"
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")


@dataclass(frozen=True)
class Block:
    start: int
    end: int


def paragraphs(text: str) -> list[Block]:
    """Non-blank lines: every source here uses one line per paragraph."""
    out = []
    for m in _PARA.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Block(s, e))
    return out


def sentences(text: str, para: Block) -> list[Block]:
    """Split one paragraph; abbreviations such as "H.E." or "Jan." do not end a sentence."""
    out = []
    start = para.start
    chunk = text[para.start : para.end]
    for m in _END.finditer(chunk):
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’»)]")) == 1:
            w = _WORD_BEFORE.search(chunk[max(0, m.start() - 12) : m.start()])
            if w and (w.group(1).lower() in _ABBREV or len(w.group(1)) == 1):
                continue
        end = para.start + m.end()
        if end > start:
            out.append(_trim(text, start, end))
        start = end
    if para.end > start:
        out.append(_trim(text, start, para.end))
    return [b for b in out if b.end > b.start]


def _trim(text: str, s: int, e: int) -> Block:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Block(s, e)


def all_sentences(text: str) -> list[tuple[int, Block]]:
    """(paragraph index, sentence) for the whole document."""
    return [(i, s) for i, p in enumerate(paragraphs(text)) for s in sentences(text, p)]


@dataclass
class SpanSet:
    """Spans added in any order; overlap queries in log time, so long documents stay linear.

    Assumes the spans it holds do not nest deeply (true of mentions and sections), so a
    few neighbours to the left suffice.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    LOOKBACK = 8

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        for j in range(i - 1, max(-1, i - 1 - self.LOOKBACK), -1):
            if self.ends[j] > start:
                return True
        return False

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)


def within(items: list, starts: list[int], start: int, end: int, end_of) -> list:
    """The items (sorted by start, with `starts` their starts) lying inside [start, end)."""
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(items) and starts[i] < end:
        if end_of(items[i]) <= end:
            out.append(items[i])
        i += 1
    return out


def blank_out(text: str, start: int, end: int, mentions) -> str:
    """The text between start and end with each mention (in order) written X: what is
    left between names ("3 against (X, X, X)", "X & X")."""
    out, pos = [], start
    for x in mentions:
        out.append(text[pos : x.start])
        out.append(" X ")
        pos = x.end
    out.append(text[pos:end])
    return "".join(out)
