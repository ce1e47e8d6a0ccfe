"""The gathering on whose sidelines talks were held.

"Momen and Dorji … made the decision at a bilateral talk on the sidelines of the 18th
BIMSTEC ministerial meeting in Colombo": two meetings, the ministers' talk and the
ministerial meeting both attended. The talk is not the body's, and the body's gathering,
which the story names only as the talk's setting, is a meeting of its own with the talk's
parties, day and place (as the gold of dev texts 185, 246, 315, 605, 684 and 702 records).
"""

from __future__ import annotations

import re

from kg.extract.context import Doc
from kg.extract.encounters import meeting_key
from kg.extract.model import Meeting, Span

# "on the sidelines of the 18th BIMSTEC ministerial meeting", "on the margins of the 30th
# OSCE Ministerial Council" (not "on the eve of" or "ahead of": another day)
_SIDELINES = re.compile(
    r"\b(?:sidelines|side-lines|margins|margin) of (?:the |a |this )?"
    r"(?P<name>(?:[\w'’-]+ ){0,6}?(?P<word>summit|session|meeting|conference|council|forum))\b",
    re.I,
)


# "On the sidelines, Hichilema held talks with Chakwera": beside the gathering just told
_BARE_SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines|side-lines|margins)\b(?! of)", re.I)


def sideline_parents(doc: Doc, meetings: list[Meeting]) -> list[Meeting]:
    _beside_the_gathering_told(doc, meetings)
    out = list(meetings)
    for m in meetings:
        found = _SIDELINES.search(doc.text, m.span.start, m.span.end)
        if found is None:
            continue
        bodies = [
            doc.ref(x)
            for x in doc.mentions_in(found.start("name"), found.end("name"))
            if x.kind == "org"
        ]
        if len(set(bodies)) != 1:
            continue
        body = bodies[0]
        if any(o is not m and (o.organizer == body or body in o.participants) for o in out):
            continue  # the story tells that gathering itself
        if m.organizer == body:
            # the talk was held beside the body's gathering, not by the body
            m.organizer = None
            m.participants = m.participants or _talkers(doc, found.start())
            m.kinds = m.kinds or {"InPersonMeeting"}  # (talks held there, face to face)
            m.key = meeting_key(doc, m.date, m.participants)
        parties = [body] + [p for p in m.participants if p.startswith("person/")]
        out.append(
            Meeting(
                key=meeting_key(doc, m.date, [body]),
                span=Span(found.start(), found.end()),
                label="",
                kinds={"Summit" if found.group("word").lower() == "summit" else "Session"},
                date=m.date,
                organizer=body,
                participants=parties,
                location=m.location,
            )
        )
    return out


def _talkers(doc: Doc, at: int) -> list[str]:
    """Who held talks the parse gave no party: the two persons the sentence names before
    "on the sidelines" ("Wong exchanged views with her Chinese counterpart Wang Yi on the
    sidelines of …"), or, for "They" or "The two", the two the sentence before names
    ("Momen and his Bhutanese counterpart Dorji … agreed …. They made the decision at a
    bilateral talk on the sidelines of …")."""
    sent = doc.sentence_at(at)
    if sent is None:
        return []
    named = _two_persons(doc, sent.start, at)
    if named:
        return named
    if re.match(r"\s*(?:They|The two)\b", doc.text[sent.start : at]):
        before = doc.sentence_next_to(sent, -1)
        if before is not None:
            return _two_persons(doc, before.start, before.end)
    return []


def _two_persons(doc: Doc, start: int, end: int) -> list[str]:
    refs = doc.persons_in(start, end)
    return refs if len(refs) == 2 else []


def _beside_the_gathering_told(doc: Doc, meetings: list[Meeting]) -> None:
    """Talks "on the sidelines", with no gathering named, were held beside the last
    gathering told before them: on its day and at its place, when the sentence gives
    neither."""
    for m in meetings:
        if not _BARE_SIDELINES.search(doc.text, m.span.start, m.span.end):
            continue
        before = [
            o
            for o in meetings
            if o.span.end <= m.span.start and o.kinds & {"Summit", "Session"} and o.date
        ]
        if not before:
            continue
        host = max(before, key=lambda o: o.span.start)
        if m.date is None or m.date.basis == "DocumentDate":
            m.date = host.date
            m.key = meeting_key(doc, m.date, m.participants)
        m.location = m.location or host.location
