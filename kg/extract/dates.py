"""Dates as written in news and communiqués, resolved to xsd:date with an honest basis.

"11 January 2022", "January 10, 2022", "Jan. 6", "January 7th", "10.01.2022",
"10-01-2022", "on Friday", "today", "yesterday". A day without a year takes the year
of the document's date (ng:YearFromDocumentDate) or, when the document has none, of
the nearest full date written in the text (ng:YearFromContext); weekdays and
today/yesterday/tomorrow need the document's date (ng:RelativeToDocumentDate); "a day
earlier", "the next day" count from the last date the text gave (ng:RelativeToContext).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.model import DateValue
from kg.extract.sentences import within

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# a month's name or its abbreviation, as written in a date (one per pattern: a named group)
MONTH_NAME = (
    r"(?=[JFMASOND])(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{MONTH_NAME}(?:,?\s+{_YEAR})?\b")
# "held on 5-6 July 2021", "on the 8 and 9 February": a span of days, dated by its first
DAY_RANGE_MONTH = re.compile(
    rf"\b(?P<first>[0-3]?\d)(?:\s*[-–]\s*|\s+(?:and|to)\s+)[0-3]?\d(?:st|nd|rd|th)?\s+{MONTH_NAME}"
    rf"(?:,?\s+{_YEAR})?\b"
)
# "from Sept. 4 to 6, 2022", "May 15-17, 2016": a span of days, dated by its first, in the
# year written after the last
MONTH_DAY_RANGE = re.compile(
    rf"\b{MONTH_NAME}\s+(?P<first>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:and|to)\s+)"
    rf"[0-3]?\d(?:st|nd|rd|th)?(?![\d:])(?:,?\s+{_YEAR})?\b"
)
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n][\"”’\')]*\s*)\Z")
MONTH_YEAR = re.compile(rf"(?<![\d\w])(?<!\d )(?<!\d\s\s){MONTH_NAME}\s+{_YEAR}\b")
MONTH_DAY = re.compile(rf"\b{MONTH_NAME}\s+{_DAY}(?![\d:])(?:(?:,\s*|\s+){_YEAR})?\b")
NUMERIC = re.compile(
    r"(?<![\d.:/-])(?P<day>[0-3]?\d)[./-](?P<mon>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?![\d.]\d)"
)
ISO = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# a small count of days ("two days later", "2 days ago") and its value
_N_DAYS = r"a|one|two|three|four|five|six|[1-9]"
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _count(n: str) -> int:
    return _COUNTS.get(n.lower()) or int(n)


RELATIVE = re.compile(
    r"\b(?=[nltMTWFS])(?:(?P<next>next|last|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?=[tylTYLasfcen\d])(?P<rel>today|yesterday|tomorrow|tonight|last night"
    r"|this (?:morning|afternoon|evening)"
    # "have arrived at the airport a couple of minutes ago": the page's own day
    r"|(?:a few|a couple of|several|some|an|\d{1,2}|two|three|four|five|six)"
    r" (?:minutes?|hours?) ago"
    # "whom he had met in Tbilisi 2 days ago": counted back from the page's day
    rf"|(?:{_N_DAYS}) days? ago"
    r")\b",
    re.IGNORECASE,
)
# a capitalised word right before a capitalised "Today" in mid-sentence: a name
_NAME_BEFORE_TODAY = re.compile(r"(?:^|(?<![.!?:\n])[ \t])[A-Z][\w.]*[ \t]$", re.M)
_RELATIVE_DAYS = {"yesterday": -1, "last night": -1, "tomorrow": 1}
_DAYS_AGO = re.compile(rf"(?P<n>{_N_DAYS}) days? ago", re.I)


def _relative_days(word: str) -> int:
    ago = _DAYS_AGO.fullmatch(word)
    return -_count(ago.group("n")) if ago else _RELATIVE_DAYS.get(word.lower(), 0)


# "A day earlier", "two days later", "the next day", "the day before,": a day counted from
# the last one the text gave; not "a day after the vote" (a day counted from an event)
FROM_LAST_DAY = re.compile(
    rf"\b(?P<n>{_N_DAYS})\s+days?\s+(?P<dir>earlier|later"
    r"|before(?=\s*[,.;:)])|after(?=\s*[,.;:)]))\b"
    r"|\bthe\s+(?P<adj>next|following|previous|preceding)\s+day\b"
    r"|\bthe\s+day\s+(?P<dir2>before|after)(?=\s*[,.;:)])",
    re.IGNORECASE,
)
# a month told without its day ("held a virtual meeting with Trudeau in February"): another
# time than the day of the sentence before or of the page
MONTH_OF_ITS_OWN = (
    r"\b(?:in|during|early|late|mid-?)\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b(?![ \t]+\d)"
)
# (and the future of reported speech: "announced that the meeting would be held on Monday"
# in a Sunday page is the Monday after)
_FUTURE = re.compile(
    r"\b(will|shall|would|is expected|are expected|is to|are to|plans? to|"
    # (a time to come, not "The next batch of Kenyan officers left … on Monday")
    r"next\s+(?:week|month|year|weekend|days?|weeks|months|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)|"
    r"(?:is|are) (?:due|scheduled|set) to)\b",
    re.I,
)


# a sentence's opening before its day ("On Monday, …"), and a past verb after it
_OPENS = re.compile(r"\s*(?:[Oo]n\s*)?")
_PAST_VERBS = r"\w+ed|said|told|wrote|spoke|met|held"
_PAST_WORD = re.compile(rf"\b(?:{_PAST_VERBS}|was|were|had)\b")
# a past-tense verb right before the day: "announced on Wednesday", "said Tuesday"
_PAST_VERB_BEFORE = re.compile(
    rf",\s+(?:[\w'’.-]+\s+){{0,6}}?(?:{_PAST_VERBS})\s+(?:on\s+|late\s+|early\s+)?$"
)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def explicit_dates(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, int | None, int, int]]:
    """(start, end, year or None, month, day) for every calendar date in the range."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, int | None, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(m, mon: int, rx=None) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        day = int(m.group("first") if "first" in m.groupdict() else m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        if not 1 <= day <= 31 or not 1 <= mon <= 12:
            return
        taken.append((m.start(), m.end()))
        # a span of days after its month ("Sept. 4 to 6, 2022") reads as its first day
        shown = m.end("first") if rx is MONTH_DAY_RANGE else m.end()
        found.append((m.start(), shown, year, mon, day))

    for rx in (ISO, NUMERIC):
        for m in rx.finditer(text, start, end):
            add(m, int(m.group("mon")))
    for rx in (DAY_RANGE_MONTH, MONTH_DAY_RANGE, DAY_MONTH, MONTH_DAY):
        for m in rx.finditer(text, start, end):
            mon = m.group("mon").lower().rstrip(".")
            if (
                mon == "may"
                and not m.group("year")
                and rx in (MONTH_DAY, MONTH_DAY_RANGE)
                and (m.group("mon")[0] != "M" or _SENTENCE_START.search(text, 0, m.start()))
            ):
                continue  # "may 5" / "May 5 people...": the verb; mid-sentence "May 19" is a date
            add(m, MONTHS[mon], rx)
    found.sort()
    return found


class DateResolver:
    """Resolves dates of one document; built once per document."""

    def __init__(self, text: str, doc_date: date | None) -> None:
        self.text = text
        self.doc_date = doc_date
        self._cache: list[DateValue] | None = None
        self._starts: list[int] = []
        self._explicit = explicit_dates(text)
        self._month_years: list[tuple[int, int]] | None = None
        self.full = [
            (s, date(y, m, d)) for s, _e, y, m, d in self._explicit if y and _make(y, m, d)
        ]

    def _year_for(self, pos: int, month: int, day: int) -> tuple[int, str] | None:
        if self.doc_date:
            year = _roll(self.doc_date, month, day)
            when = _make(year, month, day)
            if when and (when - self.doc_date).days > 60 and not self._future_at(pos):
                # "On March 5, Xi spoke with Macron" in a November story: a report of what
                # happened, not of what will; months ahead is a plan only when it says so
                year -= 1
            return year, "YearFromDocumentDate"
        same = [d for _s, d in self.full if d.month == month and d.day == day]
        if same:
            return same[0].year, "YearFromContext"
        if self._month_years is None:
            self._month_years = [
                (MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("year")))
                for m in MONTH_YEAR.finditer(self.text)
            ]
        years = {y for mon, y in self._month_years if mon == month}
        if len(years) == 1:
            # an undated page: "In May 2023, the summit..." gives "May 19" its year
            return years.pop(), "YearFromContext"
        before = [d for s, d in self.full if s < pos]
        if before:
            return _roll(before[-1], month, day), "YearFromContext"
        # a full date told later gives its year to a day of its own month or the next
        # ("Friday, January 16" … "until the last batch arrives on January 22nd, 2015"),
        # not to one of a season apart ("arrived … on May 5" … "the unit, which debuted on
        # November 17, 2011")
        later = self.full[0][1] if self.full else None
        if later is None or (later.month - month) % 12 > 1 and (month - later.month) % 12 > 1:
            return None
        return _roll(later, month, day), "YearFromContext"

    def _clause_before(self, start: int, pos: int) -> str:
        """What the sentence says before pos (up to 120 characters back, not before start)."""
        return re.split(r"[.!?]\s", self.text[max(start, pos - 120) : pos])[-1]

    def _future_at(self, pos: int) -> bool:
        """The sentence around a date speaks of the future ("will", "is expected", "next")."""
        head = re.split(r"[.!?]\s", self.text[max(0, pos - 160) : pos])[-1]
        tail = re.split(r"[.!?]\s", self.text[pos : pos + 160])[0]
        return bool(_FUTURE.search(head) or _FUTURE.search(tail))

    def _all(self, start: int, end: int) -> list[DateValue]:
        out: list[DateValue] = []
        found = (
            self._explicit
            if (start, end) == (0, len(self.text))
            else explicit_dates(self.text, start, end)
        )
        for s, e, y, m, d in found:
            if y:
                value, basis = _make(y, m, d), "ExplicitDate"
            else:
                got = self._year_for(s, m, d)
                if got is None:
                    out.append(DateValue(None, "Unresolved", s, e, self.text[s:e]))
                    continue
                value, basis = _make(got[0], m, d), got[1]
            if value:
                out.append(DateValue(value, basis, s, e, self.text[s:e]))
        taken = [(v.start, v.end) for v in out]
        for m in RELATIVE.finditer(self.text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if m.group("wd") and not m.group("wd")[0].isupper():
                continue
            if (
                m.group("rel")
                and m.group("rel")[0].isupper()
                and _NAME_BEFORE_TODAY.search(self.text, max(0, m.start() - 40), m.start())
            ):
                continue  # "TAIWAN TODAY", "USA TODAY", "India Today": a publication's name
            after = re.match(r",?\s+", self.text[m.end() : m.end() + 3])
            if after and any(s == m.end() + after.end() for s, _e in taken):
                continue  # "Monday May 22", "Friday, 9 July": the weekday of a date written out
            value = None
            if self.doc_date:
                if m.group("rel"):
                    value = self.doc_date + timedelta(days=_relative_days(m.group("rel")))
                else:
                    sent_before = self._clause_before(start, m.start())
                    following = (m.group("next") or "").lower() == "next"
                    future = _told_ahead(sent_before) or following
                    if not future and _OPENS.fullmatch(sent_before):
                        # "On Monday, President Tinubu is scheduled to address …": the
                        # sentence opens with the day and says later that it is to come
                        tail = re.split(r"[.!?](?:\s|$)", self.text[m.end() : m.end() + 160])[0]
                        ahead = _FUTURE.search(tail)
                        future = bool(ahead) and not _PAST_WORD.search(tail, 0, ahead.start())
                    value = weekday_near(
                        self.doc_date, WEEKDAYS.index(m.group("wd").lower()), future
                    )
                    if following and value == self.doc_date:
                        value += timedelta(days=7)  # "next Wednesday" in a Wednesday page
            if m.group("rel") and value is None:
                continue  # "today" with no document date says nothing
            out.append(
                DateValue(
                    value,
                    "RelativeToDocumentDate" if value else "Unresolved",
                    m.start(),
                    m.end(),
                    m.group(),
                )
            )
        if self.doc_date:
            taken = [(v.start, v.end) for v in out]
            for m in _ORDINAL_DAY.finditer(self.text, start, end):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                future = _told_ahead(self._clause_before(start, m.start()))
                value = _ordinal_day(self.doc_date, int(m.group(1)), future)
                if value is not None:
                    out.append(
                        DateValue(value, "RelativeToDocumentDate", m.start(), m.end(), m.group())
                    )
        out.sort(key=lambda v: v.start)
        return self._from_last_day(out, start, end)

    def _from_last_day(self, out: list[DateValue], start: int, end: int) -> list[DateValue]:
        """Days counted from the last day written before them ("A day earlier, X also met
        Y"), each in turn: the story's own order of days, not the page's."""
        found = [
            m
            for m in FROM_LAST_DAY.finditer(self.text, start, end)
            if not any(m.start() < v.end and v.start < m.end() for v in out)
        ]
        if not found:
            return out
        for m in found:
            last = [v for v in out if v.end <= m.start() and v.value]
            if not last:
                continue
            if m.group("adj"):
                step = 1 if m.group("adj").lower() in ("next", "following") else -1
            else:
                count = _count(m.group("n") or "a")
                way = (m.group("dir") or m.group("dir2")).lower()
                step = count if way in ("later", "after") else -count
            value = last[-1].value + timedelta(days=step)
            out.append(DateValue(value, "RelativeToContext", m.start(), m.end(), m.group()))
            out.sort(key=lambda v: v.start)
        return out

    def dates_in(self, start: int, end: int) -> list[DateValue]:
        """Dates inside text[start:end]; the whole text is read once per document."""
        if self._cache is None:
            self._cache = self._all(0, len(self.text))
            self._starts = [v.start for v in self._cache]
        return within(self._cache, self._starts, start, end, lambda v: v.end)


def _roll(anchor: date, month: int, day: int) -> int:
    """Year for a day/month near an anchor date: "December 30" read in January is last year."""
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 6:
        return anchor.year + 1
    return anchor.year


# "met … on the 18th": a day of the page's month (or, said of the past, of the month
# before when the page's day has not reached it); not "the 18th of May", "the 5th summit"
_ORDINAL_DAY = re.compile(
    r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z])(?!\s+[a-z]+\s+of\b)"
    r"(?=\s*(?:[.,;]|$|\s+(?:and|at|in|when|after|before|during|to|as|with)\b))"
)


def _told_ahead(said: str) -> bool:
    """The words before a day speak of the future, and of no past act ("…, the Pentagon
    announced on Wednesday": the day of a past act)."""
    return bool(_FUTURE.search(said)) and not _PAST_VERB_BEFORE.search(said)


def _ordinal_day(anchor: date, day: int, future: bool) -> date | None:
    """The day `day` of the anchor's month, or of the month before (after, if future)."""
    if not 1 <= day <= 31:
        return None
    year, month = anchor.year, anchor.month
    if future and day < anchor.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif not future and day > anchor.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_near(anchor: date, weekday: int, future: bool) -> date:
    """The closest such weekday before (or, for future tense, after) the anchor; the
    anchor's own weekday is the anchor itself ("will attend the summit on Wednesday" in a
    Wednesday page is that day)."""
    if future:
        delta = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=delta)
