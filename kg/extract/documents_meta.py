"""Title, publisher and publication date from a document's own header lines.

Only what the text states: a byline ("ANI | Ankara | Updated: 10-01-2022"), a
header line that is just a date, a source note in the first line
("(Russian MFA, reposted by ..., 06.01.2022)"), or a footer naming the site.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.dates import explicit_dates
from kg.extract.gazetteer import Lexicon, find_mentions
from kg.extract.model import DateValue, DocMeta, Mention, Span
from kg.extract.sentences import paragraphs

_BYLINE = re.compile(
    r"^\s*(?P<agency>[A-Z][\w.&-]{1,20})\s*\|\s*[^|\n]{0,40}\|\s*(?:Updated|Published|Created)?:?\s*"
)
_STAMP = re.compile(r"\b(?:Updated|Published|Created|Posted|Date)\s*:\s*", re.I)
_FOOTER_SITE = re.compile(r"\bedited by (?P<site>[A-Z][\w ]{1,30}?) staff\b")
_HEADER_NOTE = re.compile(r"\((?P<note>[^()]{3,300})\)\s*$")
_URL_LINE = re.compile(r"^https?://\S+\s+[—–-]\s+")


def _date_of(text: str, s: int, e: int) -> DateValue | None:
    for ds, de, y, m, d in explicit_dates(text, s, e):
        if y:
            try:
                return DateValue(date(y, m, d), "ExplicitDate", ds, de, text[ds:de])
            except ValueError:
                continue
    return None


def document_meta(text: str, mentions: list[Mention], lexicon: Lexicon) -> DocMeta:
    meta = DocMeta()
    paras = paragraphs(text)[:8]
    publishers: list[str] = []
    first_is_date = False
    for i, p in enumerate(paras):
        line = text[p.start : p.end]
        if meta.title is None and (i == 0 or (i == 1 and first_is_date)):
            ts, te = p.start, p.end
            url = _URL_LINE.match(line)
            if url:
                ts = p.start + url.end()
            note = _HEADER_NOTE.search(text, ts, te)
            if note and url:
                te = note.start()
            title = text[ts:te].strip()
            plain = (
                3 <= len(title.split()) <= 40
                and not title.endswith(("!", ":"))
                and len(title) < 300
                and not explicit_dates(title)
            )
            if plain or (url and title):
                meta.title = title
                meta.title_span = Span(ts, ts + len(title))
        if meta.published is None:
            by = _BYLINE.match(line)
            stamp = _STAMP.search(line)
            if by or stamp:
                meta.published = _date_of(text, p.start, p.end)
            elif i < 3 and len(line) < 40:
                dv = _date_of(text, p.start, p.end)
                if dv and dv.end - dv.start >= len(line.strip()) - 2:
                    meta.published = dv
                    first_is_date = first_is_date or i == 0
            elif i == 0:
                note = _HEADER_NOTE.search(line)
                if note:
                    meta.published = _date_of(text, p.start + note.start(), p.end)
        by = _BYLINE.match(line)
        if by:
            publishers.append(by.group("agency"))
        if i == 0:
            note = _HEADER_NOTE.search(line)
            if note:
                first = note.group("note").split(",")[0]
                publishers.append(first)
    foot = _FOOTER_SITE.search(text[-2000:])
    if foot:
        publishers.append(foot.group("site"))
    for name in publishers:
        found = [m for m in find_mentions(name, lexicon) if m.kind == "org"]
        if found:
            meta.publisher = found[0].key
            break
        adj = [m for m in find_mentions(name, lexicon) if m.kind == "country"]
        if adj and re.search(r"\bMFA\b|Foreign Ministry|Ministry of Foreign Affairs", name):
            meta.publisher = f"ministry-of-foreign-affairs-{adj[0].key}"
            meta.publisher_country = adj[0].key
            break
    return meta
