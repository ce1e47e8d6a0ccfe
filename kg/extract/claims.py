"""Numeric claims: casualties, detentions, weapons seized, flights, businesses hit.

A number becomes a claim only when a word saying what it counts stands right after it
(or a verb such as "detained" right before it): precision before recall. Every value is
kept in its own document's graph; sources that disagree both stay.
"""

from __future__ import annotations

import re

from kg.extract.context import Doc
from kg.extract.model import Claim, Span, Statement

# a count's noun, then the words that lead to its new figure: "… rose to", "… stood at"
_RISEN_TO = r"[^.;]{0,50}\b(?:to|at|of|reached|hit)\s+$"
# "the death toll … rose to", "put the death toll at": the number after counts the dead
_TOLL = rf"\bdeath toll\b{_RISEN_TO}"
_TOLL_BEFORE = re.compile(_TOLL, re.I)

# a word between a verb and the number it counts, but not one that opens another clause:
# "two peacekeepers were killed when about 2,000 rebels ambushed their base"
_NO_CLAUSE = r"(?!(?:and|when|as|after|while|before|because|since|if|where)\b)"

# (kind, words after the number, words before it); order is priority
KINDS: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = [
    (
        "Displaced",
        re.compile(
            r"^\s*(?:\w+\s+){0,3}?(?:(?:have|has|had|were|was|been)\s+)*"
            # "2.6 million people were estimated to be internally displaced"
            r"(?:(?:estimated|believed|thought|reported|said)\s+to\s+(?:be|have\s+been)\s+)?"
            r"(?:internally\s+)?(?:displaced|"
            r"(?:forced|made) to flee|fled (?:their )?homes|(?:internally )?displaced people|"
            r"refugees|evacuated)\b"
            # "forced more than 700,000 people to flee their homes"
            r"|^\s*(?:people|residents|civilians|families|villagers)\s+to\s+flee\b",
            re.I,
        ),
        re.compile(
            r"\bdisplac(?:ed|ing)\s+(?:\w+\s+){0,2}$"
            # "The number of homeless persons has climbed to 3,060"
            r"|\bnumber of (?:the\s+)?(?:homeless|displaced|internally displaced)\b" + _RISEN_TO,
            re.I,
        ),
    ),
    (
        "Deaths",
        re.compile(
            r"\b(?:killed|dead|deaths?|died|perished|fatalities|lost their lives|killings)\b", re.I
        ),
        re.compile(
            r"\b(?:killed|lives of|death of|eliminated|killing)\s+"
            rf"(?:{_NO_CLAUSE}\w+\s+){{0,2}}$|" + _TOLL,
            re.I,
        ),
    ),
    (
        "Injuries",
        re.compile(r"\b(?:injured|wounded|injuries|hurt|hospitali[sz]ed)\b", re.I),
        re.compile(rf"\b(?:injured|wounded|injuring)\s+(?:{_NO_CLAUSE}\w+\s+){{0,2}}$", re.I),
    ),
    (
        "Detentions",
        re.compile(
            r"\b(?:detained|arrested|detentions?|apprehended|brought to the police|in custody)\b",
            re.I,
        ),
        re.compile(
            rf"\b(?:detained|arrested|apprehended|detaining)\s+(?:{_NO_CLAUSE}\w+\s+){{0,2}}$", re.I
        ),
    ),
    (
        "WeaponsSeized",
        re.compile(r"\b(?:weapons|firearms|guns|rifles)\b", re.I),
        re.compile(rf"\b(?:seized|confiscated)\s+(?:{_NO_CLAUSE}\w+\s+){{0,2}}$", re.I),
    ),
    ("Flights", re.compile(r"^\s*(?:\w+\s+){0,1}(?:flights|sorties)\b", re.I), None),
    (
        "BusinessesAffected",
        re.compile(r"^\s*(?:\w+\s+){0,1}(?:businesses|enterprises|companies)\b", re.I),
        None,
    ),
    (
        "VehiclesLost",
        re.compile(
            r"^\s*(?:\w+\s+){0,2}vehicles\b.{0,40}\b(?:damaged|burn[te]d?|destroyed|lost)\b", re.I
        ),
        re.compile(r"\blost\s+(?:\w+\s+){0,2}$", re.I),
    ),
    (
        "Personnel",
        re.compile(
            r"^\s*(?:\w+\s+){0,2}(?:troops|personnel|servicemen|servicewomen|soldiers|"
            r"peacekeepers|peace-keepers|peace keepers|paratroopers|marines|engineers|carabinieri|"
            r"guardsmen|policewomen|members of the armed forces|"
            r"military personnel|military servicemen|crew|sailors|airmen|gendarmes|"
            r"police officers|policemen|officers|other ranks|firefighters|fire fighters|"
            r"combatants|rescuers|rescue workers|police|"
            r"members of the (?:[A-Z][\w-]*\s+){0,2}(?:army|navy|air force|armed forces))\b",
            re.I,
        ),
        None,
    ),
    (
        "Equipment",
        re.compile(
            r"^\s*(?:\w+\s+){0,3}(?:equipment|armou?red vehicles|vehicles|aircraft|tanks)\b", re.I
        ),
        None,
    ),
]
_CASUALTIES = {"Deaths", "Injuries", "Detentions"}


# "ONE DEAD AND 14 INJURED", "one person was killed": "one" is no number elsewhere ("one of
# the …"), but it counts the dead
_ONE_DEAD = re.compile(
    r"\bone(?=\s+(?:(?:person|man|woman|soldier|civilian|policeman|protester)\s+)?"
    r"(?:(?:was|has\s+been)\s+)?(?:dead|killed)\b)"
    # "resulted in the death of one Pakistani peacekeeper"
    r"|(?<=\bdeath of )one\b(?!\s+of\b)",
    re.I,
)


def _told_before(before: str, kinds: set[str] | None = None) -> tuple[str, str] | None:
    """The kind a verb before the number gives ("killed 14", "arrested 30") and its words."""
    for k, _a, before_rx in KINDS:
        if before_rx is not None and (kinds is None or k in kinds):
            if hit := before_rx.search(before):
                return k, hit.group().strip()
    return None


_SPAN_OF_TIME = re.compile(
    r"[\s-]+(?:years?|months?|weeks?|days?|hours?|decades?|minutes?|centuries)\b", re.I
)
# "Five of those killed", "three of the dead", "two of them": some of a toll already given
_PART_OF_THE_TOLL = re.compile(
    r"\s+of\s+(?:them\b|(?:those|the)\s+(?:killed|dead|wounded|injured|victims|deceased)\b)",
    re.I,
)
_STOP = re.compile(
    r"[;:.!?]|,\s|\s(?:and|while|but|whereas)\s+(?:(?:more than|over|about|nearly|some)\s+)?\d"
    # "killed 8 and injured 46 others": the next verb counts other people
    r"|\s(?:and|while|but|whereas)\s+(?:injur|wound|kill|hurt|arrest|detain|displac)\w*"
)
_COUNTS_END = re.compile(
    r"[,;:.!?()]|\s(?:were|was|have|has|had|are|is|in|across|during|on|at|by|from|to|into|since|who|which|that)\b"
)


def claims(doc: Doc, stmts: list[Statement]) -> list[Claim]:
    text = doc.text
    out: list[Claim] = []
    for _pi, sent in doc.sentences:
        numbers = doc.numbers_in(sent.start, sent.end) + [
            (m.start(), m.end(), 1, None) for m in _ONE_DEAD.finditer(text, sent.start, sent.end)
        ]
        for s, e, value, qual in sorted(numbers):
            if _is_date_part(text, s, e) or isinstance(value, float) and value < 1:
                continue
            window_end = sent.end
            stop = _STOP.search(text, e, sent.end)
            if stop:
                window_end = stop.start()
            after = text[e:window_end]
            if _SPAN_OF_TIME.match(after):
                continue  # "36 years of war that left 200,000 dead": a length of time
            if _PART_OF_THE_TOLL.match(after):
                continue  # "Five of those killed … were decapitated": a part of a toll told
            before = text[max(sent.start, s - 80) : s]
            if qual and qual in before.lower():
                before = before[: before.lower().rfind(qual)]
            rest = text[e : sent.end]
            kind = next(
                (
                    k
                    for k, after_rx, _b in KINDS
                    if after_rx.search(rest if k == "VehiclesLost" else after)
                ),
                None,
            )
            said_before = None
            if kind is not None and (toll := _TOLL_BEFORE.search(before)):
                # "death toll in Madagascar rises to 59 as thousands displaced": the toll
                # named before the number says what it counts
                kind, said_before = "Deaths", toll.group().strip()
            if kind == "Personnel" and (told := _told_before(before, _CASUALTIES)):
                # "killing 14 police officers": the people counted are the dead, not a force
                kind, said_before = told
            if kind is None and _NATIONS_FORCE.match(text, e, sent.end):
                kind = "Personnel"  # "Nearly 1,200 French, Italian and Spanish soldiers"
            if kind is None and not _a_year(text, s, e) and (told := _told_before(before)):
                kind, said_before = told
            if kind is None:
                continue
            ce = _COUNTS_END.search(text, e, window_end)
            counts = text[e : ce.start() if ce else window_end].strip()
            if not counts:
                counts = after.strip() or (said_before or "")
            if not counts or counts.lower().startswith("of whom"):
                continue
            q_start = s
            if qual:
                lo = max(sent.start, s - 25)
                idx = text[lo:s].lower().rfind(qual)
                if idx >= 0:
                    q_start = lo + idx
            span = Span(q_start, (ce.start() if ce else window_end))
            out.append(_claim(doc, stmts, s, span, value, kind, counts, qual))
        for m in _SIZED_FORCE.finditer(text, sent.start, sent.end):
            # "the 1,700-strong force", "a 650-man battalion": the number is no word of its
            # own (numbers joined to a word by a hyphen are none: "F-16"), the force's size
            value = int(re.sub(r"\D", "", m.group("n")))
            span = Span(m.start(), m.end())
            noun = m.group("noun")
            out.append(_claim(doc, stmts, m.start(), span, value, "Personnel", noun, None))
    return _drop_headline_repeats(doc, out)


def _claim(
    doc: Doc, stmts: list[Statement], at: int, span: Span, value, kind: str, counts: str, qual
) -> Claim:
    """A claim of the number at `at`, made by the statement it sits in (or the one whose
    paragraph it is in)."""
    st = _statement_at(stmts, at) or _paragraph_speaker(doc, stmts, at)
    return Claim(
        span=span,
        value=value,
        quantity_kind=kind,
        counts=counts,
        qualifier=qual,
        claimant=st.speaker if st else None,
        date=st.date if st else None,
        statement=next((i for i, x in enumerate(stmts) if x is st), None),
    )


# the forces of several states, each named by its adjective: "French, Italian and Spanish
# soldiers" (the list's commas end the words a number counts)
_NATIONS_FORCE = re.compile(
    r"\s+(?:[A-Z][\w-]+,\s+)+(?:[A-Z][\w-]+,?\s+)?(?:and|&)\s+[A-Z][\w-]+\s+"
    r"(?:troops|soldiers|personnel|peacekeepers|police|police officers|sailors|marines)\b"
)
_SIZED_FORCE = re.compile(
    r"(?<![\w.,/-])(?<!\d[ \u00a0\u202f])(?P<n>\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)-"
    r"(?P<noun>strong\b(?:\s+[\w-]+)?|"
    r"(?:member|person|man|troop)\s+(?:[\w-]+\s+){0,2}?(?:force|contingent|team|unit|"
    r"battalion|company|platoon|detachment|squad|brigade)\b)",
    re.I,
)


def _drop_headline_repeats(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A headline number the body states again is one claim, kept where the body says it."""
    title = doc.meta.title_span
    if title is None:
        return claims
    in_body = {(c.quantity_kind, c.value) for c in claims if c.span.start >= title.end}
    return [
        c for c in claims if not (c.span.end <= title.end and (c.quantity_kind, c.value) in in_body)
    ]


def _a_year(text: str, s: int, e: int) -> bool:
    """ "Haitians displaced by the 2010 earthquake": a year naming an event, not a count for
    the verb before it."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", text[s:e])) and bool(
        re.search(r"\bthe\s+$", text[max(0, s - 5) : s], re.I)
    )


def _is_date_part(text: str, s: int, e: int) -> bool:
    around = text[max(0, s - 12) : e + 12]
    return (
        bool(
            re.search(
                r"(?:January|February|March|April|May|June|July|August|September|October|"
                r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?\s*\S{0,3}$",
                text[max(0, s - 12) : s],
            )
        )
        or bool(
            re.match(
                r"^(?:st|nd|rd|th)?\s+(?:of\s+)?"
                r"(?:January|February|March|April|May|June|July|August|September|October|November|December)",
                text[e : e + 14],
            )
        )
        or "%" in around[:0]
    )


def _statement_at(stmts: list[Statement], pos: int) -> Statement | None:
    for st in stmts:
        if st.span.start <= pos < st.span.end:
            return st
    return None


def _paragraph_speaker(doc: Doc, stmts: list[Statement], pos: int) -> Statement | None:
    """Reported speech runs on: a number later in the paragraph of someone's statement is theirs."""
    para = doc.paragraph_at(pos)
    if para is None:
        return None
    before = [st for st in stmts if para.start <= st.span.start < pos]
    first = before[0] if before else None
    if first and first.span.start == para.start:
        return before[-1]
    return None
