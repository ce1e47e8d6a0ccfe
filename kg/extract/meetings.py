"""Meetings: sessions, summits, videoconferences, phone calls, debates, visits.

A sentence is a meeting report when it has a meeting word and either a date or an
organizer; "The meeting was chaired by ..." with neither continues the last meeting.
The IRI key is date + the organizer's top organization, so the OTS ministers'
meeting announced in one source and reported in another meet on one node.
"""

from __future__ import annotations

import re

from kg.extract.actors import ROLE
from kg.extract.context import Doc
from kg.extract.dates import MONTH_OF_ITS_OWN
from kg.extract.lexis import AHEAD_OF, BESIDE_EVENT, GATHERING_WORD, HEADS_MEETING, SAID_AFTER
from kg.extract.model import DateValue, Meeting, Span
from kg.extract.ner import headline_end
from kg.extract.speech import inside_quote

TRIGGER = re.compile(
    r"\b(?=[mMsSvVpPbBtTdDrRnNcCfFoOwWhH])"
    r"(?P<w>meeting|session|summits?|videoconferenc(?:e|ing)|video[- ]conferenc(?:e|ing)|"
    r"phone call|tele?phone conversation|phone conversation|spoke (?:on|over) the (?:tele)?phone|"
    r"by (?:tele)?phone|(?:tele)?phone talks|"
    r"debate|(?:official |state |working )?visit(?:ed|ing)?|talks|met with|held talks|received|"
    r"met|negotiations|consultations|conference|forum)\b",
    re.IGNORECASE,
)
_RECALLED_FOR = re.compile(r"\b(?:recall|summon)\w*\b[^.;]{0,100}\bfor\s+(?:urgent\s+)?$", re.I)
_TOPIC_BEFORE = re.compile(
    r"(?:\b(?:about|regarding|concerning)\s+(?:the\s+|a\s+|their\s+|his\s+|her\s+)?"
    # "spoke with A to discuss the upcoming visit of B": the visit a topic (but "discuss
    # trade in phone call" is the call)
    r"|\bdiscuss(?:ed|es|ing)?\s+(?:the|a|an|their|his|her)\s+)"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
_KINDS = [
    (re.compile(r"videoconferenc|video[- ]conferenc|online|virtual", re.I), "Videoconference"),
    (re.compile(r"\bsession\b", re.I), "Session"),
    (re.compile(r"\bsummits?\b", re.I), "Summit"),
    (HEADS_MEETING, "Summit"),
    (re.compile(r"phone", re.I), "PhoneCall"),
    (re.compile(r"\bdebate\b", re.I), "Debate"),
    (re.compile(r"\bvisit(?:ed|ing|s)?\b", re.I), "Visit"),
]
_GENERIC = re.compile(
    r"\b(?:our|all our|these|regular|previous|future|at our|last|such)\s+(?:\w+\s+)?"
    r"(?:meetings|meeting|sessions|summits)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:took part|was held|were held|held|convened|chaired|took place|opened|attended)\b", re.I
)
_PAST = re.compile(
    r"\b(?:was|were|held|convened|chaired|attended|took place|began|started|met|spoke|"
    r"discussed|exchanged|took part|opened|hosted|had|visited|agreed|informed)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|is to|are to|is expected|are expected|plans? to|next week|upcoming"
    r"|would (?:take place|be held|meet|hold|visit)"
    # "invited Hun Sen to make an official visit to Thailand": a visit asked for, not made
    r"|invit\w*\b[^.;]{0,80}?\bto (?:make|pay|undertake) (?:an? )?(?:[\w-]+ ){0,2}visit)\b",
    re.I,
)
# a person who says something ("Ryabkov said", "Peskov, the Kremlin's spokesman, told")
_CHAIR = re.compile(
    r"(?:chaired by|under the chairmanship of|presided (?:over )?by|chairmanship of)\s", re.I
)
_TOOK_PART = re.compile(
    r"\b(?:spoke|took part|taking part|take part|participated|attended)\b", re.I
)
_DELEGATIONS = re.compile(
    r"\b(?:delegations|representatives|foreign ministers|ministers|leaders|heads of state|"
    r"defen[cs]e ministers|heads of government|Heads of State(?: and Government)?) "
    r"(?:of|from) (?:the )?"
)
_ATTENDED = re.compile(r"attended by|participation of|with the participation", re.I)
_TOPIC = re.compile(r"(?:situation|developments|events|crisis|unrest)\s+in\s+(?:the\s+)?$", re.I)
_LOCATION_CUE = re.compile(
    r"\b(?:held|took place|meet|met|meeting|summit|talks|session|visit(?:ed)?"
    # ("received at the Cotroceni Palace the Greek Minister of Foreign Affairs")
    r"|received|hosted|welcomed)"
    # (words between, an acronym in brackets among them: "Summit of Developing-8 (D- 8)
    # concluded in Islamabad")
    r"(?: [\w’'()-]+,?){0,8} (?:in|at) (?:the )?(?:city of )?$|\bvisit(?:ed|ing|s)? (?:to )?$",
    re.I,
)
_ANNOUNCE = re.compile(
    r"\b(?:the|this) (?:event|meeting|session|summit|conference|talks|videoconference)\b"
    r".{0,60}\b(?:take place|be held|was held|took place|is scheduled|will be|convene)",
    re.I,
)
# "The Summit was attended by A, B and C": the meeting just told, not a new one that day
_BACK_TO_IT = re.compile(r"\s*(?:the|this)\s+(?:meeting|session|summit|talks)\b(?! of)", re.I)
_THE_EVENT = re.compile(r"\s*(?:The|This)\s+event\b")
_NAMED_BACK = re.compile(
    r"\s*(?:The|This)\s+(?:[A-Z][\w’'-]*\s+){1,3}(?:summit|session|meeting)\b(?! of)"
)
_OF_TRIGGER = re.compile(r"^\w+(?:\s+\w+)?\s+of\s+(?:the\s+)?$")
# "Summit of the Heads of State and Government of the Southern African Development Community"
_OF_HEADS_OF = re.compile(
    r"^\w*\s+of\s+(?:the\s+)?(?:heads?|ministers?|leaders?)\b[^.,;:()]{0,50}?\b(?:of|from)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_BY_AT = re.compile(
    r"(?:\b(?:held|took place)\b[^.]{0,40}\bat|\bhosted by|\borgani[sz]ed by|\bconvened by|"
    r"\bheld by|\bchaired by the|\bunder the auspices of)\s+(?:the\s+)?$",
    re.I,
)


def _kinds(sentence: str, organizer_label: str | None) -> set[str]:
    sentence = BESIDE_EVENT.sub(" ", sentence)  # "on the sidelines of the summit"
    kinds = {k for rx, k in _KINDS if rx.search(sentence)}
    if (
        re.search(r"\bmeeting\b", sentence, re.I)
        and organizer_label
        and "Council" in organizer_label
        and "PhoneCall" not in kinds
    ):
        kinds.add("Session")
    return kinds


_VAGUE_TIME = re.compile(
    r"\b(?:(?:earlier |later )?this (?:week|month)|last week|recently|in recent days)\b"
    rf"|{MONTH_OF_ITS_OWN}",
    re.I,
)


# "his first SADC summit since taking office on October 30": the day of something before
_SINCE = re.compile(
    r"\bsince\s+(?:[\w’'-]+\s+){0,3}?(?:on\s+|in\s+)?$"
    # "comes three years since the last was hosted by the COMESA Secretariat in Lusaka,
    # Zambia, on 18 – 19 July 2018": the day of the one before
    r"|\b(?:since|after)\s+the\s+(?:last|previous)\b[^.;]{0,120}$",
    re.I,
)


_SAID_ON = re.compile(
    r",\s+(?:[\w’'.-]+\s+){0,12}(?:said|says|announced|reported|stated|told(?:\s+\w+){0,2})"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
_A_TEXTS_DAY = re.compile(
    r"\b(?:resolution|decision|agreement|declaration|accord|decree|treaty)\s+(?:of|on|dated)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_ADOPTED_ON = re.compile(
    r"\b(?:adopted|approved|passed|vetoed|signed|endorsed)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:resolution|decision|agreement|declaration|accord|decree|treaty)"
    r"\s+on\s+(?:the\s+)?$",
    re.I,
)
# "… the tensions following the visit to Bulgaria by Zelensky, Radev criticized …": a
# meeting the sentence tells as a time before what it reports
_AFTER_IT = re.compile(
    r"\b(?:following|after|since|before)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.I,
)
_SENT_BY = re.compile(
    r"\b(?:(?:sent|dispatched|appointed|commissioned)\s+by|on behalf of|on the instructions of)"
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}$"
)
_SPEAKING_AT = re.compile(
    r"\W*(?:Speaking|Talking|Addressing|Briefing)\b[^,.;]{0,80}?\b(?:on|late|early)?\s*$"
)
_ENDS = re.compile(r"[”\"’']?\s*(?:[.;]|$)")


def its_day(text: str, start: int, d: DateValue) -> bool:
    """A day the sentence gives that may be the meeting's: not another event's ("ahead of the
    forum on Monday May 22"), not a quoted speaker's "today"."""
    if AHEAD_OF.search(text, start, d.start) or _SINCE.search(
        text, max(start, d.start - 160), d.start
    ):
        return False
    if _A_TEXTS_DAY.search(text, max(start, d.start - 40), d.start) and not _ADOPTED_ON.search(
        text, max(start, d.start - 80), d.start
    ):
        # "the ministerial resolution on September 9 2017": that text's day (but "adopted
        # a resolution on Thursday": the day of the vote)
        return False
    if _SPEAKING_AT.match(text, start, d.start):
        # "Speaking at a weekly press briefing on Thursday, he said preparations are
        # ongoing for the minister's visit": the day it was told
        return False
    if _SAID_ON.search(text, max(start, d.start - 120), d.start) and _ENDS.match(text, d.end):
        # "…, Seoul's foreign ministry said Friday.": the day it was told (not "said on May
        # 12 after a meeting of A and B", the day of both)
        return False
    other = _SCHEDULED_FOR.search(text, max(start, d.start - 60), d.start)
    if other is not None and not _MEETING_NOUN.fullmatch(other.group("noun") or ""):
        # "to attend his inauguration scheduled for Saturday, May 12": the inauguration's
        return False
    if _OTHER_EVENTS_DAY.match(text, d.end):
        # "neither that bombshell nor tomorrow's midterm elections were mentioned": the
        # day of the elections (but "Friday's talks" is the talks' day)
        return False
    return not (d.basis == "RelativeToDocumentDate" and inside_quote(text, start, d.start))


_MEETING_NOUN = re.compile(
    r"meetings?|sessions?|summits?|talks|calls?|conversations?|visits?|conferences?|"
    r"videoconferences?|negotiations|consultations|debates?|discussions?",
    re.I,
)
# a day named as another event's ("tomorrow's elections", "Sunday's vote"), not a meeting's
_OTHER_EVENTS_DAY = re.compile(
    rf"['’]s\s+(?![^.,;]{{0,30}}?\b(?:{_MEETING_NOUN.pattern})\b"
    r"|[A-Z]{3,}\b)"  # ("today’s FFMM to be chaired by": a meeting by its initials)
)
_SCHEDULED_FOR = re.compile(
    r"\b(?P<noun>[\w-]+)\s+(?:scheduled|set|slated|planned|due)\s+(?:for|on)\s+(?:the\s+)?"
    r"(?:[A-Z][a-z]+day,?\s+)?$"
    # "following his historic election and subsequent swearing-in on April 4, 2018"
    r"|\b(?:elections?|swearing-in|inauguration|referendum|polls|coup|independence)"
    r"\s+(?:on|of)\s+(?:the\s+)?(?:[A-Z][a-z]+day,?\s+)?$"
)


_OFFICIAL = re.compile(
    r"\b(?:Ministry|Office|Presidency|President|Government|Kremlin|State House|Embassy|"
    r"Chancery|Prime Minister|Secretariat|Cabinet|Department|Permanent Mission|Palace)\b"
)


def _reports_its_own_day(doc: Doc) -> bool:
    """A page whose lead tells the day's meeting without naming the day: an official
    readout (a ministry's, a presidency's, or a page dated on a line of its own under its
    title, as kremlin.ru prints), published the day it happened; a news report often tells
    it a day or more later, so its date is no meeting's."""
    source = _SOURCE_LINE.search(doc.text, 0, 2000)
    if source is not None:
        return bool(_OFFICIAL.search(source.group("by")))
    labels = list(doc.meta.publisher_labels.values())
    if labels:
        return any(_OFFICIAL.search(x) for x in labels)
    return doc.meta.published is not None


_SOURCE_LINE = re.compile(r"^Source:\s*(?P<by>[^|\n]+)", re.M)


def past_dateline(doc: Doc, sent, dates: list[DateValue]) -> list[DateValue]:
    """The days a sentence gives after its dateline, when it gives any: "MOROCCO, September 7
    - Bourita held, Tuesday in Cairo, talks": the dateline dates the page, Tuesday the talks."""
    from kg.extract.statements import dateline_end

    end = dateline_end(doc, sent.start)
    return [d for d in dates if d.start >= end] or dates


def meetings(doc: Doc) -> list[Meeting]:
    text = doc.text
    out: dict[str, Meeting] = {}
    order: list[str] = []
    last: Meeting | None = None
    pending = None
    own_day = _reports_its_own_day(doc)  # (the page's, for a lead's undated meeting)
    for pi, sent in doc.sentences:
        s_text = text[sent.start : sent.end]
        if pending is not None and _ANNOUNCE.search(s_text):
            # "initiated a meeting of the X ... The event will take place on January 11."
            m = _announced(doc, pending, sent, out, order)
            pending = None
            if m is not None:
                last = m
                continue
        trig = TRIGGER.search(s_text)
        if not trig:
            continue
        if trig.group().lower() == "consultations" and _RECALLED_FOR.search(s_text[: trig.start()]):
            # "Peru recalled its ambassador to Mexico for consultations": a protest, no
            # meeting of anyone the sentence names
            trig = TRIGGER.search(s_text, trig.end())
            if not trig:
                continue
        # "asked about the call between A and B, C said": the call is a topic, C no party
        topic = bool(_TOPIC_BEFORE.search(s_text[: trig.start()]))
        if trig.group().lower() == "received" and not doc.mentions_in(
            sent.start + trig.end(), min(sent.end, sent.start + trig.end() + 120), "person"
        ):
            continue  # "X received Y" is a meeting only when Y is a person
        if re.match(r"conference|forum", trig.group(), re.I) and re.search(
            r"\b(?:press|news) conference|briefing", s_text, re.I
        ):
            # a press conference is not a meeting between parties; the talks before it
            # are ("held a joint press conference … after their meeting")
            trig = TRIGGER.search(s_text, trig.end())
            if not trig or re.match(r"conference|forum", trig.group(), re.I):
                continue
        if (
            trig.group().lower() == "met"
            and len({m.key for m in doc.mentions_in(sent.start, sent.end, "person")}) < 2
        ):
            continue  # "X and Y met": two named people
        if _GENERIC.search(s_text) and not doc.dates.dates_in(sent.start, sent.end):
            continue
        mentions = doc.mentions_in(sent.start, sent.end)
        all_dates = doc.dates.dates_in(sent.start, sent.end)
        dates = past_dateline(
            doc, sent, [d for d in all_dates if d.value and its_day(text, sent.start, d)]
        )
        unresolved = [d for d in all_dates if d.value is None]
        # the date closest after the trigger, else the first
        tpos = sent.start + trig.start()
        date: DateValue | None = None
        if dates:
            after = [d for d in dates if d.start >= tpos]
            date = after[0] if after and after[0].start - tpos < 120 else dates[0]
        organizer = _organizer(doc, sent.start, sent.end, tpos)
        if (
            organizer
            and _TALKS.fullmatch(trig.group())
            and doc.text[tpos - 1 : tpos] == " "
            and not _named_after(doc, sent, tpos, organizer)
        ):
            # "Israeli and Hamas negotiators held talks": those who talk are parties; only a
            # body named as the talks' host ("talks hosted by the AU") organises them
            organizer = None
        # "Ryabkov said earlier a meeting between Lavrov and Tillerson …": the one telling
        # of a meeting is no party to it
        persons = [
            m
            for m in mentions
            if m.kind == "person"
            and not SAID_AFTER.match(text, m.end, sent.end)
            # "a delegation sent by President Joe Biden": who sent them did not come
            and not _SENT_BY.search(text, max(sent.start, m.start - 60), m.start)
        ]
        if (
            date is None
            and own_day
            and not (last is not None and _BACK_TO_IT.match(s_text))
            and (
                (organizer is None and len(persons) >= 2)
                or (organizer is not None and _REPORTED.search(s_text))
            )
            and doc.in_lead(sent.start)
            and doc.meta.published
            and _PAST.search(s_text)
            and not _FUTURE.search(s_text)
            and not _VAGUE_TIME.search(s_text)
            and not _AFTER_IT.search(s_text[: trig.start()])
            and not any(
                _SAID_ON.search(text, max(sent.start, d.start - 40), d.start) for d in all_dates
            )
        ):
            # a call, talks or a session a dated page reports in its lead with no day of its
            # own: the page's day, and the basis says so (not "this week": a day not given)
            date = doc.meta.page_day()
        is_call = bool(re.search(r"phone|conversation", trig.group(), re.I))
        if (
            is_call
            and not re.search(r"conversations\b", s_text)
            and len({p.key for p in persons}) >= 2
            and not topic
        ):
            keys = sorted({p.key for p in persons})
            dkey = date.value.isoformat() if date else "undated-" + doc.meta_key
            key = f"{dkey}-{'-'.join(keys)}"
            m = out.get(key) or Meeting(
                key=key,
                span=Span(sent.start, sent.end),
                label="",  # named from its parties when written (encounters.meeting_label)
                date=date or (unresolved[0] if unresolved else None),
            )
            m.kinds |= {"PhoneCall"}
            for p in persons:
                ref = doc.ref(p)
                if ref not in m.participants:
                    m.participants.append(ref)
            _topics(doc, m, sent.start, sent.end)
            if key not in out:
                out[key] = m
                order.append(key)
            last = m
            continue
        if date is None and organizer is not None and not _same_body(doc, last, organizer):
            if (
                unresolved
                # "The exchange of power took place in Cairo, during the 21st Summit" in a
                # page with no date: held, the day unknown (a headline only announces it)
                or (
                    not all_dates
                    and not doc.meta.published
                    and sent.start >= headline_end(text)
                    and _HELD.search(s_text)
                )
            ) and _PAST.search(s_text):
                # "held an online summit on Monday" in a page with no date: the meeting is
                # certain, its day is not; keep the words, give no ng:date
                key = f"undated-{doc.meta_key}-{doc.root_org(organizer.split('/', 1)[1])}"
                m = out.get(key) or Meeting(
                    key=key,
                    span=Span(sent.start, sent.end),
                    label="",
                    date=unresolved[0] if unresolved else None,
                    organizer=organizer,
                )
                m.kinds |= _kinds(s_text, doc.entities[organizer].label)
                _enrich(doc, m, sent.start, sent.end)
                if not m.participants and not unresolved:
                    # "The Caribbean Community meeting was held in Georgetown": the body met
                    m.participants.append(organizer)
                if key not in out:
                    out[key] = m
                    order.append(key)
                last = m
                continue
            pending = (organizer, sent, _kinds(s_text, doc.entities[organizer].label))
            continue
        if organizer is None and date is None:
            if last is not None and (
                (
                    re.match(
                        r"(?:the|this|today's|our)\b",
                        s_text[trig.start() - 4 : trig.start()].strip() or "the",
                        re.I,
                    )
                    and re.search(
                        r"\b(?:the|this) (?:meeting|session|summit)\b(?! of)", s_text, re.I
                    )
                )
                # "The Central Asian summit, chaired by …, was attended by": the one just told
                or (last.kinds & {"Summit", "Session"} and _NAMED_BACK.match(s_text))
                # "The event, organized under the theme …, was chaired by A while B as the
                # Chairman of 14th Summit Meeting inaugurated the forum": the one just told
                or (last.kinds & {"Summit", "Session"} and _THE_EVENT.match(s_text))
            ):
                # "The meeting was chaired by ...": the last meeting; but "the meeting of foreign
                # ministers" describes another one
                _enrich(doc, last, sent.start, sent.end)
                continue
            if topic or not _gathering_held(s_text, trig):
                continue
            # "Leaders of the GCC on Tuesday closed ranks. During a landmark summit held at
            # AlUla and chaired by …": the day the sentence before gave; in a page with no
            # date, "chaired by … on Sunday" is a meeting whose day is not known
            date = _day_told_before(doc, sent) or (unresolved[0] if unresolved else None)
            if date is None:
                continue
        if organizer is None:
            # a date alone is not enough: named parties must be there too (two of them: "X
            # told reporters on Friday that no summit was set" is no meeting of X's); or a
            # gathering told as held, whose attendees the story lists apart
            if topic:
                continue
            if len({p.key for p in persons}) < 2 and not _gathering_held(s_text, trig):
                continue
        if date is None:
            # an organizer without a date continues the last meeting of the same body
            if organizer and _same_body(doc, last, organizer):
                _enrich(doc, last, sent.start, sent.end)
            continue
        if _FUTURE.search(s_text) and not _PAST.search(s_text) and organizer is None:
            continue
        root = (
            doc.root_org(organizer.split("/", 1)[1])
            if organizer and organizer.startswith("org/")
            else (
                organizer.split("/", 1)[1]
                if organizer
                else "-".join(sorted({p.key for p in persons})[:3]) or trig.group().lower()
            )
        )
        when = date.value.isoformat() if date.value else "undated"
        key = f"{when}-{root}" if date.value else f"undated-{doc.meta_key}-{root}"
        m = out.get(key)
        if m is None and organizer is None and not persons:
            # a gathering with no party named: the meeting of that day already told, if any
            m = next((o for o in out.values() if o.date and o.date.value == date.value), None)
        if m is None:
            olabel = doc.entities[organizer].label if organizer else None
            m = Meeting(
                key=key,
                span=Span(sent.start, sent.end),
                label=f"Meeting of the {olabel}, {when}" if olabel else f"Meeting, {when}",
                date=date,
                organizer=organizer,
            )
            out[key] = m
            order.append(key)
        elif organizer and (m.organizer is None or _more_specific(doc, organizer, m.organizer)):
            m.organizer = organizer
        if date.basis == "ExplicitDate" and m.date and m.date.basis != "ExplicitDate":
            m.date = date
        m.kinds |= _kinds(s_text, doc.entities[m.organizer].label if m.organizer else None)
        _enrich(doc, m, sent.start, sent.end)
        # "The discussion focused on the situation in Kazakhstan." later in the paragraph
        para = doc.paragraphs[pi]
        _topics(doc, m, sent.end, para.end)
        if organizer is None:
            # "X held talks with Y": with no organizing body, the named people are the meeting
            for p in persons:
                if doc.ref(p) not in m.participants:
                    m.participants.append(doc.ref(p))
        last = m
    result = [out[k] for k in order]
    for m in result:
        if m.organizer:
            olabel = doc.entities[m.organizer].label
            when = m.date.value.isoformat() if m.date and m.date.value else "undated"
            m.label = f"Meeting of the {olabel}, {when}"
    return result


# "the fifth Consultative Meeting of the heads of state of Central Asia was held in
# Dushanbe", "as they concluded a summit in Bangkok on Friday"
_HELD = re.compile(
    r"\b(?:(?:was|were) (?:held|convened|opened)|took place|opened|concluded|closed|ended|"
    r"wrapped up|opens|concludes|closes|held (?:at|in|on)|(?:hosted|chaired|convened) by)\b",
    re.I,
)


def _gathering_held(s_text: str, trig: re.Match) -> bool:
    """The sentence tells a summit, session or conference as held, in the past."""
    return bool(
        GATHERING_WORD.fullmatch(trig.group())
        and _HELD.search(s_text)
        and not _FUTURE.search(s_text)
    )


def _day_told_before(doc: Doc, sent) -> DateValue | None:
    """The last day the sentence before gives, in its paragraph or the one before: a story
    dates an event in one sentence and tells where and how in the next."""
    before = [s for _pi, s in doc.sentences if s.end <= sent.start]
    if not before or not doc.near(before[-1].start, sent.start):
        return None
    prev = before[-1]
    days = [
        d
        for d in doc.dates.dates_in(prev.start, prev.end)
        if d.value and its_day(doc.text, prev.start, d)
    ]
    days = [d for d in days if not page_stamp(doc, d)]
    return days[-1] if days else None


def page_stamp(doc: Doc, d: DateValue) -> bool:
    """The page's own date line ("Source: … | 2022-05-07"), not a day the story gives."""
    pub = doc.meta.published
    return pub is not None and pub.start == d.start and pub.end == d.end


def _more_specific(doc: Doc, new: str, old: str) -> bool:
    """A sub-body (the Council) says more than its parent organization (the CSTO)."""
    ne = doc.entities.get(new)
    oe = doc.entities.get(old)
    return bool(ne and oe and ne.parent and not oe.parent)


_TALKS = re.compile(r"(?:held )?talks|negotiations|consultations", re.I)


def _named_after(doc: Doc, sent, tpos: int, organizer: str) -> bool:
    """The organizer is named after the trigger ("talks hosted by the AU")."""
    return any(doc.ref(m) == organizer for m in doc.mentions_in(tpos, sent.end, "org"))


def _organizer(doc: Doc, start: int, end: int, tpos: int) -> str | None:
    best, score = None, 0
    for m in doc.mentions_in(start, end):
        if m.kind not in ("org", "country") or m.adjective:
            continue
        if m.kind == "country":
            continue
        ent = doc.entities.get(doc.ref(m))
        sc = 0
        if m.end <= tpos and SAID_AFTER.match(doc.text, m.end, tpos):
            # "The Prime Minister's Office says the two men spoke by phone": the one
            # telling of the call, no host of it
            continue
        between = doc.text[tpos : m.start] if m.start > tpos else ""
        if (
            between
            and m.start - tpos < 150
            and (
                _OF_TRIGGER.match(between) or _BY_AT.search(between) or _OF_HEADS_OF.match(between)
            )
        ):
            sc = 3
        elif (
            m.end <= tpos
            and re.search(r"^\W*(?:\w+\W+){0,6}$", doc.text[m.end : tpos])
            and not doc.mentions_in(m.end, tpos, "person")
            and not ROLE.match(doc.text, m.end + 1)
        ):
            sc = 2  # "the OTS Council held ...", not "CSTO Secretary General Zas visited"
        elif (
            m.end <= tpos
            and re.match(r"^(?:The |the )?$", doc.text[start : m.start])
            and re.search(
                r"\b(?:held|convened|hosted|organi[sz]ed|hold|will hold|holds)\b",
                doc.text[m.end : tpos],
            )
        ):
            sc = 2
        if ent and ("Council" in ent.label or ent.parent):
            sc += 1
        if ent and ent.category in ("news agency", "newspaper"):
            sc = 0
        if sc > score:
            best, score = doc.ref(m), sc
    return best if score >= 2 else None


def _enrich(doc: Doc, m: Meeting, start: int, end: int) -> None:
    text = doc.text
    s_text = text[start:end]
    persons = [p for p in doc.mentions_in(start, end) if p.kind == "person"]
    ch = _CHAIR.search(s_text)
    if ch:
        after = [p for p in persons if p.start >= start + ch.end()]
        if after and after[0].start - (start + ch.end()) < 200:
            m.chair = doc.ref(after[0])
    else:
        # "Nikol Pashinyan chaired the session": the person right before "chaired"
        active = re.search(r"\b(?:chaired|presided over)\b", s_text)
        before = [p for p in persons if active and p.end <= start + active.start()]
        if before and re.fullmatch(
            r"[\s,]*(?:[^,]{0,80},\s*)?", text[before[-1].end : start + active.start()]
        ):
            m.chair = doc.ref(before[-1])
    attended = _ATTENDED.search(s_text) or _TOOK_PART.search(s_text)
    if ch or attended:
        for p in persons:
            ref = doc.ref(p)
            if ref not in m.participants:
                m.participants.append(ref)
    if attended:
        # "attended by the foreign ministers of Armenia, Belarus and Kazakhstan"
        for lst in _DELEGATIONS.finditer(s_text):
            for c in doc.mentions_in(
                start + lst.end(), min(end, start + lst.end() + 200), "country"
            ):
                between = text[start + lst.end() : c.start]
                if c.adjective or not re.fullmatch(r"(?:[\s,]|and|the|[A-Z][\w-]*)*", between):
                    break
                if doc.ref(c) not in m.participants:
                    m.participants.append(doc.ref(c))
    if m.chair and m.chair not in m.participants:
        m.participants.insert(0, m.chair)
    _topics(doc, m, start, end)
    if not m.location and "Videoconference" not in m.kinds:
        for p in doc.mentions_in(start, end, "place"):
            if _LOCATION_CUE.search(text[max(start, p.start - 90) : p.start]):
                m.location = doc.ref(p)
                break


def _topics(doc: Doc, m: Meeting, start: int, end: int) -> None:
    for c in doc.mentions_in(start, end, "country"):
        if c.adjective:
            continue
        if _TOPIC.search(doc.text[max(start, c.start - 40) : c.start]):
            ref = doc.ref(c)
            if ref not in m.topics:
                m.topics.append(ref)


def _same_body(doc: Doc, last: Meeting | None, organizer: str) -> bool:
    return bool(
        last
        and last.organizer
        and doc.root_org(organizer.split("/", 1)[1])
        == doc.root_org(last.organizer.split("/", 1)[1])
    )


def _announced(
    doc: Doc, pending, sent, out: dict[str, Meeting], order: list[str]
) -> Meeting | None:
    dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
    if not dates:
        return None
    org, first, kinds = pending
    key = f"{dates[0].value.isoformat()}-{doc.root_org(org.split('/', 1)[1])}"
    if key in out:
        return out[key]
    m = Meeting(
        key=key,
        span=Span(first.start, sent.end),
        label="",
        date=dates[0],
        organizer=org,
        kinds=kinds,
    )
    out[key] = m
    order.append(key)
    return m
