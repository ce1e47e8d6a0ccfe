"""Title, publisher and publication date from a document's own header lines.

Only what the text states: a byline ("ANI | Ankara | Updated: 10-01-2022"), a
header line that is just a date, a source note in the first line
("(Russian MFA, reposted by ..., 06.01.2022)"), or a footer naming the site.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.actors import ORG_WORDS, canon_org, entity_for_generic
from kg.extract.dates import MONTHS, explicit_dates
from kg.extract.gazetteer import Lexicon, find_mentions
from kg.extract.model import DateValue, DocMeta, Mention, Span
from kg.extract.sentences import SALUTATION, paragraphs

_BYLINE = re.compile(
    r"^\s*(?P<agency>[A-Z][\w.&-]{1,20})\s*\|\s*[^|\n]{0,40}\|\s*(?:Updated|Published|Created)?:?\s*"
)
# "ASTANA, Jan 12 (Reuters) -": a wire dateline names the agency
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,30}, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?"
    r"(?: \((?P<agency>[^()]{2,30})\) [-–—]|\. /(?P<agency2>[^/]{2,30})/\.)"
)
_PLACE_COMMA = re.compile(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3},? ")
# "Updated: 10-01-2022", "Published On 8 Jan 2022", "Source: Xinhua | 2022-01-08 20:15"
_STAMP = re.compile(
    r"\b(?:Updated|Published|Created|Posted|Date)(?:\s*:|\s+on\b)\s*|^Source:[^|\n]{1,120}\|\s*",
    re.I,
)
_FOOTER_SITE = re.compile(r"\bedited by (?P<site>[A-Z][\w ]{1,30}?) staff\b")
_HEADER_NOTE = re.compile(r"\((?P<note>[^()]{3,300})\)\s*$")
_URL_LINE = re.compile(r"^https?://\S+\s+[—–-]\s+")


# "New Delhi, June 21:", "KUWAIT, Feb 2 (KUNA) --", "Kathmandu, January 4:": the place and
# day a story was filed, at the head of its first paragraph
_FILED = re.compile(
    r"[A-Z][\w .’'-]{1,30}(?:,\s*[A-Z][\w .’'-]{1,30})?,\s*"
    r"(?:(?P<m1>[A-Z][A-Za-z]{2,8})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][A-Za-z]{2,8})\.?)"
    # (its own line, "KATHMANDU, SEPTEMBER 24", ends the dateline as a colon does)
    r"(?:,?\s+(?P<y>\d{4}))?\s*(?:\([^()\n]{1,40}\)\s*)?(?::|[-–—]{1,2}|$)"
)


def story_day(text: str, published: date | None) -> date | None:
    """The day a story was filed when its dateline gives one a few days before the page's
    date ("New Delhi, June 21: … met … today" in a paper of June 22): its "today" and
    "on Friday" count from that day, not the day it was printed."""
    if published is None:
        return published
    lines = [ln for ln in text.split("\n")[1:6] if ln.strip() and not ln.startswith("Source:")]
    for line in lines[:2]:
        m = _FILED.match(line)
        mon = MONTHS.get((m.group("m1") or m.group("m2")).lower()) if m else None
        if m is None or mon is None:
            continue
        year = int(m.group("y")) if m.group("y") else published.year
        try:
            filed = date(year, mon, int(m.group("d1") or m.group("d2")))
            if not m.group("y") and filed > published:
                filed = filed.replace(year=year - 1)
        except ValueError:
            return published
        return filed if 0 <= (published - filed).days <= 3 else published
    return published


def _date_of(text: str, s: int, e: int) -> DateValue | None:
    for ds, de, y, m, d in explicit_dates(text, s, e):
        if y:
            try:
                return DateValue(date(y, m, d), "ExplicitDate", ds, de, text[ds:de])
            except ValueError:
                continue
    return None


# a title that ends with its date after a separator
_TITLE_DATE = re.compile(r"\s*[:|–—]\s*(?P<date>[\w ,.]{6,30})$")


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
            dated = _TITLE_DATE.search(title)
            if dated and meta.published is None:
                # "PM call with President Biden: 25 October 2022": a title, then its date
                tail = ts + dated.start("date")
                dv = _date_of(text, tail, ts + len(title))
                if dv is not None and dv.end >= ts + len(title) - 1:
                    meta.published = dv
                    title = title[: dated.start()].strip()
            told = explicit_dates(title)
            if len(told) == 1 and told[0][1] >= len(title) - 1:
                # "Press release PM call with President Biden 25 October 2022": a headline
                # with its day after it; the headline is what comes before
                head = title[: told[0][0]].rstrip(" :|–—,")
                if len(head.split()) >= 3:
                    title = head
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
            elif i < 3 and len(line) < 60:
                dv = _date_of(text, p.start, p.end)
                # a line that is a date, or "New York, 6 January 2022"
                if dv and (
                    dv.end - dv.start >= len(line.strip()) - 2
                    or (dv.end >= p.end - 1 and _PLACE_COMMA.fullmatch(text[p.start : dv.start]))
                ):
                    meta.published = dv
                    first_is_date = first_is_date or i == 0
            elif i == 0:
                note = _HEADER_NOTE.search(line)
                if note:
                    meta.published = _date_of(text, p.start + note.start(), p.end)
        by = _BYLINE.match(line)
        if by:
            publishers.append(by.group("agency"))
        wire = _DATELINE.match(line)
        if wire:
            publishers.append(wire.group("agency") or wire.group("agency2"))
            if meta.published is None:
                # "UNITED NATIONS, Aug 30, 2023 (AFP) -": the wire's day, when it has a year
                meta.published = _date_of(text, p.start, p.start + wire.end())
        if i == 0:
            note = _HEADER_NOTE.search(line)
            if note:
                first = note.group("note").split(",")[0]
                publishers.append(first)
    if meta.title is None:
        # a stand-in name, not a headline: no title_span, so nothing treats it as one
        meta.title = _first_words(text, _own_story(text) or paras)
    foot = _FOOTER_SITE.search(text[-2000:])
    if foot:
        publishers.append(foot.group("site"))
    for name in publishers:
        ms = find_mentions(name, lexicon)
        orgs = [m for m in ms if m.kind == "org"]
        if orgs:
            key, label, country = orgs[0].key, lexicon.entries[f"org/{orgs[0].key}"].label, None
        else:
            # "Russian MFA": a national body named with its country's adjective
            countries = [m for m in ms if m.kind == "country"]
            if not countries:
                continue
            c = countries[0]
            rest = (name[: c.start] + name[c.end :]).strip(" ’'s")
            body = canon_org(rest)
            if not re.search(rf"(?:{ORG_WORDS})", body):
                continue
            ent = entity_for_generic("org", body, c.key, None, lexicon)
            key, label, country = ent.key, ent.label, c.key
        if key not in meta.publishers:
            meta.publishers.append(key)
            meta.publisher_labels[key] = label
            if meta.publisher is None:
                meta.publisher, meta.publisher_country = key, country
    return meta


TITLE_WORDS = 16
OPENING = 60  # characters that identify a paragraph repeated as its story's teaser


def _own_story(text: str) -> list | None:
    """A scraped listing page opens with teasers of other pages; its own story is the one
    whose teaser is repeated as the story's lead. The paragraphs from that teaser on, or
    None when no opening paragraph recurs (an ordinary page)."""
    paras = paragraphs(text)[:12]
    for i, p in enumerate(paras):
        opening = text[p.start : p.start + OPENING]
        if len(opening) == OPENING and text.find(opening, p.end) != -1:
            return paras[i:] if i else None
    return None


def _first_words(text: str, paras) -> str | None:
    """A document with no title line is named by the first words of its first real paragraph
    (not a date line, not a salutation), cut at a word boundary: every document gets a title."""
    for p in paras:
        line = text[p.start : p.end]
        if len(line) < 40 or SALUTATION.match(line):
            continue
        words = list(re.finditer(r"\S+", line))
        if len(words) <= TITLE_WORDS:
            return line
        return text[p.start : p.start + words[TITLE_WORDS - 1].end()].rstrip(",;:") + " …"
    return None
