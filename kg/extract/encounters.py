"""Meetings from the dependency parse: who met whom, when, where, in what form.

A meeting is a verb of meeting ("met", "spoke with", "held talks with", "hosted",
"received", "visited", "phoned") or a meeting noun ("the summit", "a phone call
between", "Blinken's call with Lavrov"); its parties are the actors in its subject,
its object and its "with"/"between" phrases (a participle's subject is its clause's:
"Speaking in Kigali after meeting his counterpart, Paul Kagame, Nyusi said").
"Spoke to reporters", "told journalists", a meeting only wished for or planned without
a day, and a denial ("did not meet") are no meetings. "Conversations with A, B and C"
are one call each.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import date, timedelta

from kg.extract.context import Doc
from kg.extract.dates import MONTH_OF_ITS_OWN, MONTHS, WEEKDAYS
from kg.extract.lexis import (
    BESIDE_EVENT,
    BUILDING_WORDS,
    CREDENCE_WORDS,
    HEADS_MEETING,
    HYPOTHETICAL,
    MEETING_CUE,
    OPENS_WITH_PRONOUN,
    SAID_AFTER,
    SESSION_CUE,
    TOLD_DURING,
    calls_on,
    lemma,
)
from kg.extract.meetings import its_day, page_stamp, past_dateline
from kg.extract.model import DateValue, Meeting, Span
from kg.extract.names import CALENDAR, TITLES
from kg.extract.numbers import parse_number
from kg.extract.sentences import blank_out
from kg.extract.speech import head_span, inside_quote, phrase_span
from kg.ids import fold

_MEET_VERBS = {
    "meet",
    "talk",
    "speak",
    "phone",
    "telephone",
    "call",
    "host",
    "receive",
    "visit",
    "chair",
    "convene",
    "confer",
    "negotiate",
    "welcome",
    # "The Foreign Ministry summoned the Turkish ambassador": a summons is a meeting
    "summon",
}
_HOLD_VERBS = {
    "hold",
    "have",
    "conduct",
    "attend",
    "join",
    "open",
    "convene",
    "host",
    "chair",
    "pay",
}
_NOUNS = {
    "meeting",
    "meetings",
    "talks",
    "call",
    "calls",
    "conversation",
    "conversations",
    "summit",
    "session",
    "sessions",
    "visit",
    "videoconference",
    "consultations",
    "negotiations",
    "discussions",
    "audience",
    "debate",
    "phone-call",
    "conference",
    "briefing",  # (a joint one only: _joint_if_conference)
    "forum",  # "… along with Chilean President Sebastián Piñera, attended the forum"
}
_PRESS = re.compile(
    r"^(?:reporters|journalists|press|media|correspondents?|newsmen|the press)$", re.I
)
_MODAL_FUTURE = {"will", "would", "shall", "should", "could", "may", "might", "must"}
_PLAN_VERBS = {
    "plan",
    "expect",
    "schedule",
    "hope",
    "want",
    "wish",
    "propose",
    "agree",
    "seek",
    "offer",
    "invite",
    "decide",
    "intend",
    "aim",
    "prepare",
    "consider",
    "look",
    "accept",
    "discuss",
    "call",
    "urge",
}
_GROUP_NOUNS = {
    "leaders",
    "ministers",
    "chiefs",
    "heads",
    "officials",
    "members",
    "delegations",
    "representatives",
    "envoys",
    "commanders",
    "presidents",
    "co-chairs",
    "sides",
}
_BODY_WORDS = re.compile(
    r"Council|Assembly|Commission|Parliament|Committee|Board|Senate|Congress|Conference"
)
_VOTING_ORG = re.compile(r"Organi[sz]ation|League|Union")
_GENERIC_DET = {
    "regular",
    "future",
    "previous",
    "such",
    "any",
    "every",
    "more",
    "further",
    "other",
    "another",
    "next",
    "these",
    "those",
}


def _body_in_session(doc: Doc, refs: list[str]) -> bool:
    """ "The UN Security Council met on Monday": a council or assembly meets on its own."""
    if len(refs) != 1 or not refs[0].startswith("org/"):
        return False
    ent = doc.entities.get(refs[0])
    return ent is not None and bool(_BODY_WORDS.search(ent.label))


_CLAUSE = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "parataxis"}


def _clause_head(tok):
    """The head of the clause a token stands in (the verb it hangs on, through its nouns)."""
    node = tok
    for _ in range(12):
        if node.dep_ in _CLAUSE or node.head == node:
            return node
        node = node.head
    return node


def _kind(sp, trig, verb_lemma: str | None) -> str:
    text = sp.text.lower()
    words = set(re.findall(r"[\w-]+", text))
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ == "video" for c in trig.children):
        return "Videoconference"  # "held a video call with": seen, not only heard
    if (trig.lower_ in ("call", "calls") and _call_on(trig)) or calls_on(trig):
        return "Visit"  # "paid a courtesy call on the President", "called on X": in person
    if (
        "phone" in text
        or "telephone" in text
        or verb_lemma in ("phone", "telephone")
        or (trig.lower_ in ("call", "calls") or verb_lemma == "call")
    ):
        return "PhoneCall"
    if re.search(r"video|virtual|online", text):
        return "Videoconference"
    if trig.lower_ not in ("summit", "session"):
        # "talks on the sidelines of the summit" are not the summit, nor is "a summit" another
        # clause speaks of ("hosted X and said Turkey was ready to host a peace summit")
        words = set(re.findall(r"[\w-]+", BESIDE_EVENT.sub(" ", text)))
        home = _clause_head(trig)
        for w in ("summit", "session"):
            if w in words and not any(t.lower_ == w and _clause_head(t) is home for t in sp):
                words.discard(w)
    if "summit" in words or (trig.lower_ in ("meeting", "session") and HEADS_MEETING.search(text)):
        return "Summit"
    if trig.lower_ == "session" or "session" in words:
        return "Session"
    if verb_lemma == "meet" and any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.lower_ in ("caucus", "plenary", "conclave") for g in c.children)
        for c in trig.children
    ):
        return "Session"  # "CARICOM Heads of Government met in caucus on December 8"
    if verb_lemma == "visit" or trig.lower_ == "visit":
        return "Visit"
    if trig.lower_ == "debate":
        return "Debate"
    return "InPersonMeeting"


def _on_a_trip(noun) -> bool:
    """ "Rajapaksa, who is on a visit to India": the one on it is the visitor, not a topic
    ("talks on the visit"); one who "arrived … on a visit" is the arrivals' to read."""
    return (
        noun.lower_ in ("visit", "trip", "tour")
        and noun.head.lower_ == "on"
        and noun.head.head.lower_ in ("is", "was", "are", "were", "be", "been")
        and any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "his", "her", "their"))
            # "on a day's working visit": the article is the length's
            or (
                c.dep_ == "poss"
                and any(x.dep_ == "det" and x.lower_ in ("a", "an") for x in c.children)
            )
            for c in noun.children
        )
    )


def _call_on(noun) -> bool:
    """ "a courtesy call on X", "paid a call on X": a visit, not a telephone call."""
    return (
        any(c.dep_ == "amod" and c.lower_ == "courtesy" for c in noun.children)
        or any(
            c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" for g in c.children)
            for c in noun.children
        )
        and lemma(noun.head.lower_) == "pay"
    )


def _subjects(tok) -> list:
    """The subjects of a verb, climbing to the clause a participle or infinitive hangs on."""
    node = tok
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if node.dep_ == "relcl" and node.head != node:
            # "Modi, who is chairing the G20 sessions": "who" is the noun it hangs on
            subs = [node.head if c.lower_ in ("who", "which", "that") else c for c in subs]
        if subs:
            out = []
            for s in subs:
                out.append(s)
                out.extend(_conj_chain(s))  # "A, B and C": C hangs on B
            for c in node.children:  # "A also took part in the meeting, as did B"
                if (
                    c.dep_ == "advcl"
                    and c.lower_ in ("did", "do", "does")
                    and any(g.dep_ == "mark" and g.lower_ == "as" for g in c.children)
                ):
                    out.extend(g for g in c.children if g.dep_ == "nsubj")
            return out
        if lead := _apposed_after_lead(node):
            return lead
        if node.dep_ == "acl" and _had_the_chance(node.head):
            node = node.head.head  # "A had the opportunity to hold a meeting with B"
            continue
        if (
            node.dep_ == "acl"
            and node.head != node
            and any(c.dep_ == "dobj" for c in node.children)
        ):
            # "A and B on Friday signed in Havana a ceasefire, it was reported": the parser
            # makes the verb a participle of A; with an object it is A's and B's own act
            return [node.head, *_conj_chain(node.head)]
        if node.dep_ in ("advcl", "xcomp", "pcomp", "conj", "acl", "relcl") and node.head != node:
            if node.dep_ == "xcomp" and node.head.dep_ == "acomp":
                node = node.head  # "A is due to meet B": "due" completes "is", A's verb
            node = node.head
            if node.dep_ == "prep" and node.head != node:  # "after meeting X"
                node = node.head
            continue
        break
    return []


def _apposed_after_lead(verb) -> list:
    """ "On the initiative of the Georgian side, A and B have had a conversation": the parser
    hangs A on "side" as an apposition after the comma and leaves the verb no subject; A and
    those joined to it are the subject."""
    for c in verb.children:
        if c.dep_ != "prep" or c.i != c.sent.start or c.i > verb.i:
            continue
        for a in c.subtree:
            if a.dep_ == "appos" and a.i < verb.i and a.doc[a.i - 1].text == ",":
                return [a, *_conj_chain(a)]
    return []


def _conj_chain(tok) -> list:
    """The nouns conjoined after a noun, however deep the parser chained them."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conj_chain(c))
    return out


def _conjuncts(tok) -> list:
    """A noun and every noun conjoined to it ("A, B, C and D" chains conj under conj)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos") and c.i > tok.i:
            out.extend(_conjuncts(c))
    return out


_PAIR_NOUNS = {
    "leaders",
    "presidents",
    "premiers",
    "ministers",
    "sides",
    "heads",
    "men",
    "women",
    "countries",
    "parties",
    "nations",
    "governments",
    "delegations",
}


_LEADERSHIP = {"leadership", "chairmanship", "chairpersonship", "presidency", "guidance"}


_ABSENCE = re.compile(r"\b(?:without the (?:presence|participation) of|in the absence of)\s+", re.I)


def _absent(doc: Doc, sent) -> set[str]:
    """The person a sentence says a meeting was held without: the first named within 80
    characters after "without the presence of" or "in the absence of"."""
    out: set[str] = set()
    for m in _ABSENCE.finditer(doc.text, sent.start, sent.end):
        named = doc.mentions_in(m.end(), min(sent.end, m.end() + 80), "person")
        if named:
            out.add(doc.ref(named[0]))
    return out


# "with only H.E Salva Kiir missing but represented by the Minister …", "Kiir have been
# represented by the Vice President", "He was represented in Dushanbe by …"
_STOOD_IN_FOR = re.compile(
    r"[\s,]*(?:(?:who|and)\s+)?(?:(?:was|were|is|are|had|has|have)\s+(?:been\s+)?|missing\s+"
    r"(?:but\s+)?|but\s+)?represented\s+(?:[\w\s]{0,20}?\s)?by\b",
    re.I,
)


# "Tony de Brum (for President Litokwa Tomeing)": the one a delegate stood in for
_IN_BRACKETS_FOR = re.compile(r"\((?:for|representing|on behalf of)\s[^()]*$", re.I)
_POST_THEN_STOOD_IN = re.compile(
    r"\s*,\s*(?:the\s+)?(?:President|Prime\s+Minister|Vice|King|Emir|Minister|Chair\w*|"
    r"Secretary)\b[^;.]{0,80}?\s(?:was\s+|is\s+)?represented\s+(?:[\w\s]{0,20}?\s)?by\b"
)


def _represented_only(doc: Doc) -> set[str]:
    """Persons the story names only as ones someone else stood in for: at no meeting."""
    marked: dict[str, bool] = {}
    for m in doc.mentions:
        if m.kind == "person":
            ref = doc.ref(m)
            stood_in = bool(
                _STOOD_IN_FOR.match(doc.text, m.end)
                or _IN_BRACKETS_FOR.search(doc.text, max(0, m.start - 60), m.start)
            )
            post = _POST_THEN_STOOD_IN.match(doc.text, m.end)
            if post and not doc.mentions_in(m.end, post.end(), "person"):
                stood_in = True  # "Paul KAGAME, President of Rwanda represented by …"
            marked[ref] = marked.get(ref, True) and stood_in
    return {ref for ref, only in marked.items() if only}


def _led_by(tok) -> list:
    """Who an "under the leadership / chairmanship of X" phrase of the verb names."""
    return [
        x
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "under"
        for g in c.children
        if g.dep_ == "pobj" and g.lower_ in _LEADERSHIP
        for p in g.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
        for x in _conjuncts(o)
    ]


def _take_leaders(doc: Doc, parties, led: list, off: int) -> None:
    """Who led the meeting took part in it: the persons the phrase names (not the bodies
    his posts name after him), else what it names."""
    for o in led:
        named = doc.mentions_in(*head_span(o, off), "person")
        if named:
            parties.take(*(doc.ref(m) for m in named))
        else:
            parties.add_np(o)


def _with_objects(tok, preps=("with", "between", "among")) -> list:
    out = []
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        # "talks with A, B and with C": the second "with" is the first's conjunct
        for c in (
            prep,
            *(x for x in prep.children if x.dep_ == "conj" and x.lower_ == prep.lower_),
        ):
            for g in c.children:
                if g.dep_ == "pobj" and not (c.lower_ == "with" and g.lower_ in _WITH_TOPIC):
                    out.extend(_conjuncts(g))
                elif g.dep_ == "pcomp" and c.lower_ == "with":
                    # "met in Tokyo, with Kuleba joining by video": who joined
                    out.extend(x for x in g.children if x.dep_ == "nsubj")
    return out


# "with regard to North Korean issues", "with a view to": a topic, no party
_WITH_TOPIC = {"regard", "respect", "reference", "view", "aim", "emphasis", "focus", "exception"}
_HOSTED_BY = {"host", "chair", "mediate", "facilitate", "convene", "moderate"}


def _agents(tok) -> list:
    """The by-phrase of a passive verb, with its conjuncts."""
    return [
        x
        for c in tok.children
        if c.dep_ == "agent"
        for g in c.children
        if g.dep_ == "pobj"
        for x in _conjuncts(g)
    ]


def _place_after_party(doc: Doc, hub, off: int, skip: int) -> str | None:
    """ "talks with Mohamud at State House in Nairobi", "between A and B in Brussels": the
    parser hangs the meeting's place on the last party named. Only a city or region counts
    there: "the ambassador in Kazakhstan" names where a party serves, not where they met."""
    owner = hub.head if hub.dep_ in ("dobj", "nsubj", "nsubjpass") else hub
    for anchor in (hub, owner):
        for party in _with_objects(anchor, ("with", "between")) + _objects(anchor):
            # "with US special representative for the Balkans Matthew Palmer in Bled": the
            # parser hangs the place on the name inside the party's post
            inner = _with_objects(party, ("for",))
            for g in [x for t in (party, *inner) for x in _with_objects(t, ("in", "at"))]:
                got = _place_named(doc, g, off, skip, kinds=("place",))
                if got:
                    return got
    return None


def _objects(tok) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            out.append(c)
            out.extend(_conj_chain(c))
    guest = _guest_read_as_head(tok)
    if guest is not None:
        out.append(guest)
    return out


def _addressed(verb, doc: Doc, off: int) -> list:
    """The persons a verb is done to, as its object: "asked Rwandan President Paul Kagame",
    "told his Somali counterpart Ahmed Moallim Fiqi" (the name after the post)."""
    out = []
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        if _names_a_person(c, doc, off):
            out.append(c)
        out += [a for a in c.children if a.dep_ == "appos" and _names_a_person(a, doc, off)]
    return out


def _direct_objects(verb) -> list:
    """The verb's direct objects, with a guest the parser hung the verb on."""
    guest = _guest_read_as_head(verb)
    return [c for c in verb.children if c.dep_ == "dobj"] + ([guest] if guest is not None else [])


def _guest_read_as_head(verb):
    """The object of a verb the parser read as an adjective of the guest's title: "President
    William Ruto hosted President Ismail Omar Guelleh of Djibouti" gave "hosted" as an amod
    of "President" (with Ruto as its subject) and the name as the sentence's root."""
    if verb.dep_ != "amod" or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    # (or of the guest's state: "Ruto hosted Djibouti's President Ismail Omar Guelleh")
    head = verb.head
    if not head.text[:1].isupper() or head.dep_ not in ("compound", "poss"):
        return None
    while head.dep_ in ("compound", "poss"):
        head = head.head
    return head


_WENT = {"travelled", "traveled", "flew", "arrived", "went", "came", "headed", "drove"}


def _went(tok) -> bool:
    """A verb of the trip made: "travelled", "arrived"; "took a day trip", "paid a visit"."""
    return tok.lower_ in _WENT or (
        tok.lower_ in ("took", "made", "paid")
        and any(c.dep_ == "dobj" and c.lower_ in ("trip", "visit", "journey") for c in tok.children)
    )


def _arrived_where(node) -> bool:
    """ "arrived at the Conference Center where he is expected to attend the summit": the
    trip to the meeting was made, and the meeting is that day's."""
    plan = node.head
    if node.dep_ != "xcomp" or plan.dep_ != "relcl" or plan.lower_ not in ("expected", "due"):
        return False
    if not any(c.lower_ == "where" for c in (*node.children, *plan.children)):
        return False
    if any(w.lower_ in ("next", "tomorrow", "later", "upcoming") for w in node.subtree):
        return False  # "… expected to attend the summit next week": not that day's
    venue = plan.head
    return venue.dep_ == "pobj" and venue.head.dep_ == "prep" and _went(venue.head.head)


_UPCOMING = frozenset(
    {"forthcoming", "upcoming", "planned", "proposed", "coming", "next", "future"}
)


def _upcoming(noun, day_at: int) -> bool:
    """A meeting still to come whose day, if any, is not the one the sentence gives for
    what was done: the day of "the upcoming summit on 17 June" stays its own."""
    if not any(c.dep_ == "amod" and c.lower_ in _UPCOMING for c in noun.children):
        return False
    return not any(t.idx <= day_at < t.idx + len(t) for t in noun.subtree)


def _future_or_wished(tok) -> bool:
    node = tok
    for _ in range(3):
        if _arrived_where(node):
            return False
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODAL_FUTURE for c in node.children):
            return True
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if (lemma(node.lower_) == "look" and any(c.lower_ == "forward" for c in node.children)) or (
            node.lower_ == "forward" and lemma(node.head.lower_) == "look"
        ):
            return True  # "looked forward to the President's visit to the UK in July"
        if (
            node.dep_ == "xcomp"
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("at", "during")
            and tok.head.head.i == node.i
            and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children)
            and not any(c.dep_ == "amod" and c.lower_ in _UPCOMING for c in tok.children)
        ):
            # "A and B agreed to promote trade, at their meeting in Jakarta": the occasion of
            # the agreeing, which the parser hung on what was agreed
            return _future_or_wished(node.head)
        if (
            node.dep_ in ("xcomp", "ccomp", "pcomp", "acl")
            and lemma(node.head.lower_) in _PLAN_VERBS
        ):
            return True
        if (
            node.dep_ == "pcomp"
            and node.head.dep_ == "prep"
            and lemma(node.head.head.lower_) in _PLAN_VERBS
        ):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and node.dep_ in (
            "xcomp",
            "advcl",
            "acl",
            "relcl",
        ):
            # but "travelled to Washington on Wednesday to meet Biden": the trip was made
            # (also "arrived in Accra on Monday heading a delegation … to begin a visit")
            went = _went(node.head) or (node.head.dep_ == "advcl" and _went(node.head.head))
            if node.dep_ == "acl" and _had_the_chance(node.head):
                # "had the opportunity to hold a brief meeting with Pope Francis": it was held
                node = node.head.head
                continue
            return not (node.dep_ in ("advcl", "xcomp") and went)
        if node.dep_ in (
            "dobj",
            "pobj",
            "nsubj",
            "nsubjpass",
            "attr",
            "conj",
            "acl",
            "prep",
            "pcomp",
        ):
            node = node.head
            continue
        break
    return False


_CHANCES = {"opportunity", "chance", "honour", "honor", "privilege", "pleasure"}


def _had_the_chance(noun) -> bool:
    """ "had the opportunity", "got the chance": what one had the chance to do was done."""
    return (
        noun.lower_ in _CHANCES
        and noun.dep_ == "dobj"
        and lemma(noun.head.lower_) in ("have", "get", "take")
    )


# "a previous meeting", "had earlier met": a time before the story's
_BEFORE_WORDS = {"previous", "earlier", "prior", "past", "previously"}
_SPAN_AFTER = re.compile(r"\b(?:days?|weeks?|months?|years?)\s+after\b", re.I)


def _will_today(doc: Doc, tok, off: int) -> bool:
    """ "On Tuesday, the presidents will take part in a summit" in a page of that Tuesday:
    the clause's verb has "will" (no negation, no plan verb) and the page's own day."""
    day = doc.dates.doc_date
    verb = tok
    while verb.dep_ in ("dobj", "pobj", "prep", "attr") and verb.head != verb:
        verb = verb.head
    kids = list(verb.children)
    if day is None or verb.dep_ not in ("ROOT", "conj"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in kids):
        return False
    if any(c.dep_ == "neg" for c in kids):
        return False
    for c in kids:
        if c.dep_ in ("prep", "npadvmod"):
            s, e = phrase_span(c, off)
            if any(
                d.value == day and d.basis == "RelativeToDocumentDate"
                for d in doc.dates.dates_in(s, e)
            ):
                return True
    return False


class _Parties:
    def __init__(self, doc: Doc, off: int, skip: int) -> None:
        self.doc = doc
        self.off = off
        self.skip = skip
        self.refs: list[str] = []
        self.n_subjects = 0  # the first refs are the subjects ("Putin" in "Putin had calls with")
        self.first_voice = False  # "I chaired the meeting": the one speaking is a party
        self.elsewhere: set[str] = set()  # actors named only as where a party was
        self.last_pair: list[str] = []  # the parties of the meeting just told, if two
        self.pair_at: int | None = None  # where "the two sides" were named, if before
        self.quoted_voice: int | None = None  # where a quoted "I" among the parties stands

    def mark_subjects(self) -> None:
        self.n_subjects = len(self.refs)

    def add_stranded(self, subj) -> None:
        """Persons coordinated with a subject whom the parser hung elsewhere: in "On Friday,
        in Lima, A, President of P, and B held talks" the small model makes A a conjunct of
        Lima and only B the subject; the persons before the stray "and" are parties too."""
        sent = subj.doc
        i = subj.left_edge.i - 1
        if i < 0 or sent[i].lower_ != "and" or sent[i].head == subj:
            return
        head = self.doc.text[self.off : self.off + sent[i].idx]
        start = self.off + max(head.rfind(";"), head.rfind(":"), -1) + 1
        start = max(start, self.skip)
        named = self.doc.mentions_in(start, self.off + sent[i].idx)
        if not any(m.kind == "person" for m in self.doc.mentions_in(*phrase_span(subj, self.off))):
            return
        self.take(*(self.doc.ref(m) for m in named if m.kind == "person"))

    def take(self, *refs: str | None) -> None:
        """Add parties, each once, in the order named (a None is no one)."""
        for ref in refs:
            if ref and ref not in self.refs:
                self.refs.append(ref)

    def add_np(self, tok) -> None:
        """Every actor a noun phrase names: its persons, else its bodies and countries."""
        if _PRESS.match(tok.text):
            return
        if tok.lower_ in _PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
            # "the two leaders were joined by C": the two who just met; "India and the
            # Maldives reviewed … The two sides held the meeting": the pair just named
            pair = self.last_pair
            own = _two_of_a_state(self.doc, tok, self.off)
            if own:
                # "received the two Japanese ministers" after Japanese and Philippine
                # ministers met: the two persons of that state named last
                self.take(*own)
                return
            if not pair:
                pair, self.pair_at = _pair_named_before(self.doc, self.off)
            if not pair and tok.lower_ in _PERSON_PAIR_NOUNS:
                # (those the sentence named before too: "Noboa arrived … for the inauguration
                # of President José Raúl Mulino, and the two leaders signed …")
                pair = _two_persons_before(self.doc, self.off + tok.idx)
            if pair:
                self.take(*pair)
                return
        if (
            tok.lower_ in _PERSON_PAIR_NOUNS
            and [c.lower_ for c in tok.children if not _of_the_states(c)] == ["the"]
            and (pair := _two_persons_before(self.doc, self.off + tok.idx) or self.last_pair)
        ):
            # "Erdoğan congratulated his Kosovar counterpart Osmani-Sadriu. … the leaders
            # discussed regional developments in a phone call": the two just named
            self.take(*pair)
            return
        if tok.lower_ in ("his", "her") and tok.dep_ == "poss":
            # "President Lee's visit starting April 20 and his meeting with Fukuda", "Thongloun
            # is in Vietnam on his first foreign visit": the person the sentence named first
            self.take(_owner_named_before(self.doc, max(self.off, self.skip), self.off + tok.idx))
            return
        if tok.lower_ in ("he", "she", "him", "her"):
            at = self.off + tok.idx
            avoid = _bound_by(self.doc, tok, self.off)
            opened = _opened_on(self.doc, max(self.off, self.skip), at, avoid)
            # ("Hasina, who arrived on Monday, was accorded a welcome, where President Murmu
            # received her", "Li … later met Roger Cook in Perth before flying to Malaysia,
            # where he is due to hold talks with Anwar": the one this sentence opens on)
            self.take(opened or _last_person(self.doc, at, avoid=avoid))
            return
        if tok.lower_ == "i" and _quoted(self.doc, self.off + tok.idx):
            # "“I had a bilateral meeting with B,” he said": the quotation's speaker, whom
            # statements will know (participants.quoted_voices_join)
            self.quoted_voice = self.off + tok.idx
            return
        if (
            tok.lower_ in ("i", "we")
            and self.first_voice
            and not _quoted(self.doc, self.off + tok.idx)
        ):
            self.take(_first_voice(self.doc))  # a transcript's "I": the one speaking
            return
        if tok.dep_ == "appos":
            own = phrase_span(tok, self.off)
            if any(
                m.kind == "person" and not own[0] <= m.start < own[1]
                for m in self.doc.mentions_in(*head_span(tok.head, self.off))
            ):
                return  # "Igor Popov, the Russian co-chair of the Minsk Group": Popov, not
                # Russia (but "Sudan's army chief Abdel Fattah al-Burhan, who met …": the
                # person is the appositive itself)
        s, e = head_span(tok, self.off)
        extra = _own_appositives(self.doc, tok, self.off)
        for a in tok.children:
            if a.dep_ == "appos" and a not in extra:
                e = min(e, phrase_span(a, self.off)[0])  # a conjunct's name, not this one's
        for a in extra:
            a_s, a_e = phrase_span(a, self.off)
            s, e = min(s, a_s), max(e, a_e)
        s = max(s, self.skip)
        for m in self.doc.mentions_in(s, e + 60, "person"):
            if s <= m.start < e < m.end:
                # "a courtesy call on President Tharman Shanmugaratnam": the parser hung
                # the surname elsewhere, the name the recogniser found begins in the phrase
                e = m.end
        # conjuncts are parties of their own (added by the caller); an appositive after
        # them ("A and B Friday") must not pull them into this one's span
        others = [phrase_span(c, self.off) for c in tok.children if c.dep_ == "conj"]
        # "his counterpart at Jubilee House in Accra": where the party was met, not a party
        where = [
            phrase_span(c, self.off)
            for x in (tok, *extra)
            for c in x.children
            if c.dep_ == "prep" and c.lower_ in ("at", "in")
        ]
        others += where
        for a, b in where:
            self.elsewhere |= {self.doc.ref(m) for m in self.doc.mentions_in(a, b)}
        ms = [
            m
            for m in self.doc.mentions_in(s, e)
            if m.kind in ("person", "org", "country")
            and not any(a <= m.start < b for a, b in others)
        ]
        persons = [m for m in ms if m.kind == "person"]
        if not persons and ms and all(m.kind in ("country", "org") for m in ms):
            # "spoke with Republic of Korea (ROK) Foreign Minister Chung Eui-yong": the
            # parser ends the phrase at the brackets; the state's minister named right after
            titled = _titled_holder_after(self.doc, e)
            if titled is not None:
                persons = [titled]
        if not persons and (_is_a_post(tok) or tok.lower_ in _COLLECTIVE):
            # "the Executive Secretary of SADC, H.E. Mr. Elias M. Magosi": the name the
            # parser hung elsewhere, right after the post ("the undersecretary for Latin
            # America, Maximiliano Reyes", hung on the region)
            ends = [e] + [
                head_span(o, self.off)[1]
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("for", "to")
                for o in c.children
                if o.dep_ == "pobj"
            ]
            persons = [
                m
                for m in self.doc.mentions_in(e, e + 90, "person")
                if any(_NAME_AFTER_POST.fullmatch(self.doc.text, x, m.start) for x in ends)
            ][:1]
        if (
            not persons
            # (a title word the model took for a body: "the Crown Prince")
            and all(m.kind == "org" and " " not in m.surface.strip() for m in ms)
            and tok.lower_ in _PERSON_TITLES
            and any(
                (c.dep_ == "det" and c.lower_ == "the")
                # "His Highness the Crown Prince then received …"
                or (c.dep_ == "poss" and c.lower_ in ("his", "her") and tok.lower_ in _STYLES)
                for c in tok.children
            )
        ):
            # "The Prime Minister, who is chairing the sessions": the one the text titled so
            # (not with "and the envoy" after it)
            cut = [self.off + c.idx for c in tok.children if c.dep_ in ("cc", "conj")]
            phrase = self.doc.text[s : min([e, *cut])].rstrip(" ,")
            self.take(_titled_before(self.doc, phrase, s) or _office_state(self.doc, phrase))
            return
        if persons:
            pick = persons
        elif tok.lower_.removesuffix("s") in _COLLECTIVE and any(
            c.dep_ == "conj" and self.doc.mentions_in(*head_span(c, self.off), "person")
            for c in tok.children
        ):
            # "the foreign ministers of A and B, X and Y" parsed as a list of three: the
            # ministers are X and Y, who come as conjuncts
            return
        elif tok.lower_.removesuffix("s") in _COLLECTIVE:
            # "the leaders of A, B and C": all of them; "Saudi officials": the state;
            # "Israeli and Hamas negotiators": both; each state by the person the text
            # names in that post, where it names one ("Presidents of Kazakhstan and
            # Uzbekistan held talks" … "Shavkat Mirziyoyev, the Uzbek President"); two
            # states, both named so, only: a summit's long list stays a list of states, and
            # one state named by its person beside one that is not would read as one party
            if len(ms) == 1 and tok.lower_ in ("head", "leader", "official"):
                # "The head of the Italian government was received by Rama": one person, the
                # one the text gives that state's post ("The Prime Minister of Italy, Conte")
                holder = _given_post_of(self.doc, tok, ms[0])
                if holder is not None:
                    self.take(holder)
                    return
            if len(ms) == 1 and ms[0].adjective and tok.lower_[-1] != "s" and _posts_named(tok):
                # "the Iraqi foreign minister also participated": the one the text named
                # "Iraqi Foreign Minister A"
                holder = _post_holder_of(self.doc, tok, ms[0])
                if holder is not None:
                    self.take(holder)
                    return
            held = [_post_holder_of(self.doc, tok, m) for m in ms] if len(ms) == 2 else []
            two = held and all(held) and len(set(held)) == 2
            self.take(*(held if two else [self.doc.ref(m) for m in ms]))
            return
        else:
            named = [m for m in ms if not m.adjective]
            orgs = [m for m in named if m.kind == "org"]
            pick = orgs[-1:] or named[-1:] or ms[-1:]
            if len(ms) == 1 and ms[0].kind == "country" and tok.lower_ in _POSTS_OF:
                # "Jordan's PM receives Mikati": the one the text names Jordan's prime minister
                holder = _post_holder_of(self.doc, tok, ms[0])
                if holder is not None:
                    self.take(holder)
                    return
        self.take(*(self.doc.ref(m) for m in pick))


def _own_appositives(doc: Doc, tok, off: int) -> list:
    """The appositives that name tok: "the minister and the Ethiopian Ambassador to Nigeria,
    A, discussed": the parser hangs the name A on "minister", yet a name after a conjunct
    is that conjunct's."""

    def names(a) -> bool:
        return bool(doc.mentions_in(*phrase_span(a, off), "person"))

    conjs = [c.i for c in tok.children if c.dep_ == "conj"]
    own = [
        c
        for c in tok.children
        if c.dep_ == "appos" and not (names(c) and any(i < c.i for i in conjs))
    ]
    if tok.dep_ == "conj":
        later = [c.i for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i]
        own += [
            c
            for c in tok.head.children
            if c.dep_ == "appos" and c.i > tok.i and names(c) and not any(i < c.i for i in later)
        ]
    return own


_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.I)

# the posts a collective noun names, by the noun and the word before it
_FOREIGN_MINISTER = ("foreign minister", "minister of foreign affairs", "foreign affairs")
_DEFENCE_MINISTER = ("defence minister", "defense minister", "minister of defence")
_POSTS_OF = {
    "president": ("president",),
    "leader": ("president", "prime minister", "chancellor", "premier", "king", "emir"),
    "head": ("president", "prime minister", "chancellor", "premier", "king", "emir"),
    "prime minister": ("prime minister", "premier"),
    "pm": ("prime minister", "premier"),
    "premier": ("prime minister", "premier"),
    "chancellor": ("chancellor",),
    "foreign minister": _FOREIGN_MINISTER,
    "fm": _FOREIGN_MINISTER,
    "defence minister": _DEFENCE_MINISTER,
    "defense minister": _DEFENCE_MINISTER,
}


def _post_holder_of(doc: Doc, noun, state) -> str | None:
    """The one person the text names in the post a title gives for a state: "the presidents
    of A and B" are A's and B's presidents, "Jordan's PM" Jordan's prime minister, when the
    text names them."""
    from kg.extract.speech import Salience
    from kg.extract.statements import _holder

    if state.kind != "country":
        return None
    found = {
        ref
        for role in _posts_named(noun)
        if (ref := _holder(doc, role, state, Salience(), bare=False))
    }
    return found.pop() if len(found) == 1 else None


def _posts_named(noun) -> tuple[str, ...]:
    """The posts a title noun can name, by the noun and the word before it ("foreign
    minister", "leaders")."""
    word = noun.lower_.removesuffix("s")
    mods = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")]
    key = f"{mods[-1]} {word}" if mods and f"{mods[-1]} {word}" in _POSTS_OF else word
    return _POSTS_OF.get(key, ())


def _given_post_of(doc: Doc, noun, state) -> str | None:
    """The one person to whom the text gives a post of `state` that the noun can name ("the
    head of the Italian government": its president, prime minister, …), by the posts the
    text writes out only: a title with no state ("Prime Minister Edi Rama") says nothing of
    whose."""
    if state.kind != "country":
        return None
    roles = _posts_named(noun)
    found = {
        ref
        for ref, ent in doc.entities.items()
        if ref.startswith("person/")
        for p in ent.posts
        if p in doc.posts
        and doc.posts[p].country == state.key
        # ("the Greek high official's visit": whatever post the text gave)
        and (noun.lower_ == "official" or doc.posts[p].role.lower() in roles)
    }
    return found.pop() if len(found) == 1 else None


def _pair_named_before(doc: Doc, pos: int) -> tuple[list[str], int | None]:
    """The last "A and B" of actors before pos, in this paragraph or the one before, and
    where it was named."""
    paras = [p for p in doc.paragraphs if p.start <= pos]
    since = paras[-2].start if len(paras) >= 2 else 0
    ms = [m for m in doc.mentions_in(since, pos) if m.kind in ("person", "country", "org")]
    for a, b in zip(reversed(ms[:-1]), reversed(ms[1:]), strict=True):
        if a.kind == b.kind and _AND.fullmatch(doc.text, a.end, b.start):
            ra, rb = doc.ref(a), doc.ref(b)
            if ra != rb:
                return [ra, rb], a.start
    # "Prime Minister A, and the US Ambassador to Iraq, B": two persons, the second's post
    # between them
    persons = [m for m in ms if m.kind == "person"]
    for a, b in zip(reversed(persons[:-1]), reversed(persons[1:]), strict=True):
        if _AND_TITLED.fullmatch(doc.text, a.end, b.start) and doc.ref(a) != doc.ref(b):
            return [doc.ref(a), doc.ref(b)], a.start
    return [], None


def _of_the_states(tok) -> bool:
    """ "(The Premiers) of the neighbouring countries", "of the two nations": whose they are,
    naming no one else."""
    return (
        tok.dep_ == "prep"
        and tok.lower_ == "of"
        and all(g.lower_ in _STATES_WORDS for g in tok.children if g.dep_ == "pobj")
        and any(g.dep_ == "pobj" for g in tok.children)
    )


_STATES_WORDS = {"countries", "nations", "states", "governments", "sides"}


_PERSON_PAIR_NOUNS = {"leaders", "presidents", "premiers", "ministers", "heads", "men", "women"}


def _two_of_a_state(doc: Doc, noun, off: int) -> list[str]:
    """The last two persons named before `noun` ("the two Japanese ministers") who hold
    posts of the state its adjective names; none unless that state is named so."""
    s, _e = phrase_span(noun, off)
    states = {
        doc.ref(m).removeprefix("country/")
        for m in doc.mentions_in(s, off + noun.idx, "country")
        if m.adjective
    }
    if len(states) != 1:
        return []
    mine = [r for r in reversed(_persons_told_of(doc, 0, s)) if states & set(doc.post_countries(r))]
    return mine[:2] if len(mine) >= 2 else []


def _two_persons_before(doc: Doc, pos: int) -> list[str]:
    """ "Aurescu sent Moldovan Foreign Minister Popescu a letter … the two Foreign Ministers
    had a telephone conversation": "the two" persons are the only two this paragraph and
    the one before name; with a third in view the phrase is not ours to resolve. One who
    tells ("White House spokesman Ari Fleischer told reporters") is none of them. Where
    those paragraphs name nobody, the two the story has named so far, if only two ("The
    two men also spoke in November", three paragraphs after Trudeau and Trump)."""
    paras = [p for p in doc.paragraphs if p.start <= pos]
    since = paras[-2].start if len(paras) >= 2 else 0
    refs = _persons_told_of(doc, since, pos)
    if not refs and since:
        refs = _persons_told_of(doc, 0, pos)
    return refs if len(refs) == 2 else []


def _subjects_of_verb_before(hub) -> list:
    """The subjects of the verb that holds or makes the meeting noun, where the parser hung
    the noun elsewhere: the nearest "made", "held", "had" … before it."""
    for t in reversed(hub.doc[: hub.i]):
        if lemma(t.lower_) in _HOLD_VERBS | {"make"}:
            return _subjects(t)
    return []


def _only_tells(doc: Doc, sent, ref: str, at: int) -> bool:
    """A person the sentence names only after the event word, as the one who tells of it:
    "A made a phone contact with B, Spokesman for the Foreign Ministry C said in a
    statement", "…, the spokesman told reporters": C reports the call, C is no party."""
    named = [m for m in doc.mentions_in(sent.start, sent.end, "person") if doc.ref(m) == ref]
    return bool(named) and all(
        m.start > at and SAID_AFTER.match(doc.text, m.end, sent.end) for m in named
    )


def _persons_told_of(doc: Doc, start: int, end: int) -> list[str]:
    refs: list[str] = []
    for m in doc.mentions_in(start, end, "person"):
        if SAID_AFTER.match(doc.text, m.end, end):
            continue
        if (ref := doc.ref(m)) not in refs:
            refs.append(ref)
    return refs


_AND_TITLED = re.compile(r",?\s+and\s+(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|of|to|for|the)[,\s]+){1,8}")


_AFTER_NAME = re.compile(r"\s*\)?\s*(?:\([^()]{1,20}\)\s*)?")
_WORD = re.compile(r"([A-Z][\w.-]*)\s+")


def _titled_holder_after(doc: Doc, end: int):
    """The person named right after a state's name by a run of title words: "Republic of
    Korea (ROK) Foreign Minister Chung Eui-yong"."""
    pos = _AFTER_NAME.match(doc.text, end).end()
    for _ in range(4):
        w = _WORD.match(doc.text, pos)
        if w is None or fold(w.group(1)) not in TITLES:
            break
        pos = w.end()
        person = next((p for p in doc.mentions_in(pos, pos + 60, "person") if p.start == pos), None)
        if person is not None:
            return person
    return None


def _titled_before(doc: Doc, phrase: str, pos: int) -> str | None:
    """The last person named before pos with the post a bare title gives ("the Prime
    Minister" after "Prime Minister Narendra Modi")."""
    from kg.extract.statements import titled

    role = re.sub(r"^(?:the|The)\s+", "", phrase).strip().lower()
    if not role:
        return None
    seen: set[str] = set()
    for m in reversed(doc.mentions_in(0, pos, "person")):
        ref = doc.ref(m)
        if ref in seen:
            continue
        seen.add(ref)
        if titled(doc, ref, role, None, pos):
            return ref
    return None


_HEAD_OF_GOVERNMENT = re.compile(r"(?:[Tt]he\s+)?(?:Prime\s+Minister|President|Chancellor|PM)")


def _office_state(doc: Doc, phrase: str) -> str | None:
    """Whose "The Prime Minister" a government's readout never names ("The Prime Minister
    spoke to the President of the United States, Joe Biden"): the state of the office that
    issued it, named in its first lines ("Prime Minister's Office, 10 Downing Street", "A
    Downing Street spokesperson said:"). Only where no one in the text holds that post."""
    if not _HEAD_OF_GOVERNMENT.fullmatch(phrase.strip()):
        return None
    role = re.escape(re.sub(r"^(?:the|The)\s+", "", phrase).strip()).replace("\\ ", r"\s+")
    for m in doc.mentions_in(0, len(doc.text), "person"):
        before = doc.text[max(0, m.start - 40) : m.start]
        after = doc.text[m.end : m.end + 40]
        if re.search(rf"\b{role}\s+$", before, re.I) or re.match(
            rf",\s+(?:the\s+)?(?:[\w-]+\s+)?{role}\b", after, re.I
        ):
            return None  # the text names the holder: not the office's own
    paras = [p for p in doc.paragraphs if doc.text[p.start : p.end].strip()]
    end = paras[min(len(paras) - 1, 3)].end if paras else 0  # headline, source, two lines
    for m in doc.mentions_in(0, end, "org"):
        ent = doc.entities.get(doc.ref(m))
        if ent is not None and ent.country and f"country/{ent.country}" in doc.entities:
            return f"country/{ent.country}"
    return None


def _quoted(doc: Doc, pos: int) -> bool:
    para = doc.paragraph_at(pos)
    return inside_quote(doc.text, para.start if para else 0, pos)


def _first_voice(doc: Doc) -> str | None:
    """Who says "I" outside quotation marks: the person the title or lead introduces
    ("Press conference by NATO Secretary General Jens Stoltenberg")."""
    lead_end = doc.paragraphs[min(3, len(doc.paragraphs) - 1)].end if doc.paragraphs else 0
    persons = [m for m in doc.mentions_in(0, lead_end) if m.kind == "person"]
    return doc.ref(persons[0]) if persons else None


# meetings told in the plural, which the story goes on to list or date: "held several
# bilateral meetings", "also held several meetings in New York", "held, Tuesday in Cairo, a
# series of talks"
_MEETINGS_IN_THE_PLURAL = re.compile(
    r"\b(?:bilateral|several|separate|a number of|a series of|a round of|a flurry of|"
    r"numerous)\s+(?:[a-z-]+\s+)?(?:meetings|talks|consultations|discussions)\b|\bbilaterals\b",
    re.I,
)

_TITLE_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,5}$")
_POST_AFTER = re.compile(r",\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:of|to|for)\s+[A-Z]")
_TOGETHER = re.compile(r"\b(?:trilateral|quadrilateral|joint|together|summit|all three)\b", re.I)


def _each_in_a_post(doc: Doc, sent, others: list[str]) -> bool:
    """Two or more persons met, each with a post of their own written beside the name (a
    title before it that holds a title word, or ", President of the Senate" after it), and
    no two in the same post."""
    if len(others) < 2 or not all(r.startswith("person/") for r in others):
        return False
    if _TOGETHER.search(doc.text, sent.start, sent.end):
        return False
    posts: set[str] = set()
    for ref in others:
        ms = [m for m in doc.mentions_in(sent.start, sent.end, "person") if doc.ref(m) == ref]
        if not ms:
            return False
        m = ms[0]
        before = _TITLE_BEFORE.search(doc.text, max(sent.start, m.start - 60), m.start)
        words = [fold(w.strip(".,")) for w in before.group().split()] if before else []
        title = " ".join(w for w in words if w in TITLES)
        after = _POST_AFTER.match(doc.text, m.end, sent.end)
        if not title and not after:
            return False
        posts.add(title or after.group().lower())
    # (two foreign ministers, "Canadian Foreign Minister Joly and Indian Foreign Minister
    # Jaishankar", are more often met together)
    return len(posts) == len(others)


# the persons a call was with, told as one group ("phone talks with Co-Chairs of the OSCE
# Minsk Group A, B and C"): one call with all
_ONE_GROUP = re.compile(
    r"\b(?:co-?chairs?|leaders|counterparts|ministers|presidents|heads|members|colleagues"
    r"|conference call|joint|trilateral|all three|together|between|among)\b",
    re.I,
)


def _called_one_by_one(doc: Doc, sent, others: list[str]) -> bool:
    """Two or more persons a call was with, named one after another with no word that makes
    them one group: a call with each (of 48 calls in the dev gold, one had three parties,
    the co-chairs of one group)."""
    if len(others) < 2 or not all(r.startswith("person/") for r in others):
        return False
    firsts = [
        m.start for m in doc.mentions_in(sent.start, sent.end, "person") if doc.ref(m) in others
    ]
    return bool(firsts) and not _ONE_GROUP.search(doc.text, sent.start, min(firsts))


def _bilaterals_before(doc: Doc, sent) -> bool:
    """The sentence before (in this paragraph or the one before) tells of bilateral meetings
    in the plural, which this one goes on to list; or the lead does, and the paragraphs
    after it list them ("Bourita held, Tuesday in Cairo, a series of talks with his
    counterparts. … He also met with his counterparts from the UAE, A; Bahrain, B; …")."""
    prev = [s for _pi, s in doc.sentences if s.end <= sent.start]
    if (
        prev
        and doc.near(prev[-1].start, sent.start)
        and _MEETINGS_IN_THE_PLURAL.search(doc.text, prev[-1].start, prev[-1].end)
    ):
        return True
    lead_end = doc.lead_end()
    return doc.paragraphs_between(lead_end, sent.start) <= 3 and any(
        s.start < lead_end and _MEETINGS_IN_THE_PLURAL.search(doc.text, s.start, s.end)
        for s in prev
    )


def _bound_by(doc: Doc, pron, off: int) -> set[str]:
    """Who a subject pronoun cannot stand for: the persons its verb's object, agent or
    with-phrase names ("where he was received by President Kenyatta": he is not Kenyatta;
    but "He began meetings, including Pashinyan playing the drums" may be Pashinyan); and
    an object pronoun, its verb's subject."""
    if pron.dep_ == "dobj":
        # "Emperor Naruhito received him": him is not Naruhito
        args = _subjects(pron.head)
    elif pron.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    else:
        verb = pron.head
        args = [*_objects(verb), *_agents(verb), *_with_objects(verb)]
    return {
        r for a in args for r in _named_in(doc, *phrase_span(a, off)) if r.startswith("person/")
    }


def _last_person(
    doc: Doc, pos: int, depth: int = 0, avoid: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """The person "he" or "she" stands for: the subject of the sentence before, where that
    sentence opens with a person or with "he" itself ("Mr Rabuka held several bilateral
    meetings … He met Luxon, Albanese and Napat. … He held talks with Heine"), else the last
    one named before, in this paragraph or the one before; never one of `avoid`."""
    paras = [p for p in doc.paragraphs if p.start <= pos]
    since = paras[-2].start if len(paras) >= 2 else 0
    prev = [s for _pi, s in doc.sentences if since <= s.start and s.end <= pos]
    if prev and depth < 4:
        from kg.extract.statements import dateline_end

        sent = prev[-1]
        # "ALMATY, Jan 7 (Reuters) - President A held talks with B. He also met C": the
        # dateline is no part of the sentence's opening
        start = max(sent.start, dateline_end(doc, sent.start))
        head = doc.text[start : min(sent.end, start + 60)]
        if OPENS_WITH_PRONOUN.match(head):
            got = _last_person(doc, sent.start, depth + 1, avoid)
            if got:
                return got
        else:
            opened = _opened_on(doc, start, sent.end, avoid)
            if opened:
                return opened
    persons = [
        m for m in doc.mentions_in(since, pos) if m.kind == "person" and doc.ref(m) not in avoid
    ]
    return doc.ref(persons[-1]) if persons else None


def _opened_on(doc: Doc, start: int, end: int, avoid: frozenset[str] | set[str]) -> str | None:
    """The person a sentence opens on as its subject, between start and end ("Mr Rabuka
    held …", "Hasina, who arrived on Monday, …"), unless one of `avoid`."""
    first = next(iter(doc.mentions_in(start, end, "person")), None)
    if (
        first is not None
        and _SUBJECT_OPENING.fullmatch(doc.text, start, first.start)
        and doc.ref(first) not in avoid
    ):
        return doc.ref(first)
    return None


def _owner_named_before(doc: Doc, sent_start: int, pos: int) -> str | None:
    """Whom "his" or "her" stands for: the first person this sentence names before it. Not
    one named later ("During his visit to Washington, Schmidt said", "In his meeting with
    Ambassador Moustapha, the president discussed") nor one of the sentences before ("the
    Nepali Prime Minister began his four-day visit" after a paragraph on Modi)."""
    first = next(iter(doc.mentions_in(sent_start, pos, "person")), None)
    return doc.ref(first) if first is not None else None


# what may stand before a sentence's subject: a title, an adverbial with a comma
_SUBJECT_OPENING = re.compile(
    r"\W*(?:[A-Z][\w ,]{0,40},\s+)?(?:(?:The|the)\s+)?(?:[A-Z][\w.'’-]*\s+){0,5}"
)


def _date_in(doc: Doc, tok, off: int, *, unresolved: bool = False) -> bool:
    """A day in the phrase; with `unresolved`, also one said that the page's missing date
    leaves unknown ("will meet … on Tuesday" on a page with no date)."""
    s, e = phrase_span(tok, off)
    return any(
        d.value or (unresolved and d.basis == "Unresolved") for d in doc.dates.dates_in(s, e)
    )


def _clause_dated(doc: Doc, tok, off: int) -> bool:
    """ "Cameron's visit to Bishkek will also take place on April 22-23", "the summit will be
    held on Monday": a meeting to come, on the day its clause gives."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head == tok:
        return False
    verb = tok.head
    return any(
        c.dep_ in ("prep", "npadvmod") and _date_in(doc, c, off)
        for c in verb.children
        if c.i > tok.i
    )


_SAYING = {"say", "tell", "note", "add", "stress", "state", "declare", "announce"}


def _the_talks_the_speaker_held(hub) -> bool:
    """ "the discussions with X were fruitful", said by someone: talks "with" another,
    owned by no one else, in what a person says of them."""
    head = hub.head
    return (
        hub.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in hub.children)
        and not any(c.dep_ in ("poss", "compound") for c in hub.children)
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in hub.children)
        and head.dep_ == "ccomp"
        and lemma(head.head.lower_) in _SAYING
    )


def _talks_told_before(doc: Doc, hub, off: int, out: list[Meeting]) -> Meeting | None:
    """The latest meeting found before whose parties hold everyone the talks are "with", and
    someone besides (a visit that names only the visitor leaves the speaker the host)."""
    others = {
        r
        for o in _with_objects(hub, ("with",))
        for r in _named_in(doc, *phrase_span(o, off))
        if r.startswith("person/")
    }
    if not others:
        return None
    return next((m for m in reversed(out) if others < set(m.participants)), None)


def _conjunct_dated(doc: Doc, tok, off: int) -> bool:
    """ "On Monday 7 March, Prime Minister Sanna Marin will visit Tallinn and meet with …":
    a meeting to come, a verb joined to one whose clause gives the day before it."""
    if tok.dep_ != "conj" or not any(c.dep_ == "nsubj" for c in tok.head.children):
        return False  # (a clause's verb, not a noun's list)
    return any(
        c.dep_ in ("prep", "npadvmod") and _date_in(doc, c, off)
        for c in tok.head.children
        if c.i < tok.i
    )


# "On the sidelines,", "on the margins of the summit": talks held beside a gathering, not
# the gathering's list of who came
_BESIDE_A_GATHERING = re.compile(r"\b(?:on|at) the (?:sidelines|side-lines|margins)\b", re.I)


def _mark_beside(doc: Doc, meetings: list[Meeting]) -> None:
    """Mark the meetings told as held beside a gathering (Meeting.beside)."""
    for m in meetings:
        m.beside = bool(_BESIDE_A_GATHERING.search(doc.text, m.span.start, m.span.end))


_DURING_THE_VISIT = re.compile(
    r"\b[Dd]uring\s+(?:his|her|their|the|this)\s+(?:[\w-]+\s+){0,2}?visit\b"
)


def _during_a_visit_told(doc: Doc, tok, off: int, out: list[Meeting]) -> bool:
    """ "During her visit, Prime Minister Marin will also meet with …": a meeting to come
    within a visit already told, which kept the visit's day."""
    return _DURING_THE_VISIT.search(doc.text, off, off + tok.idx) is not None and any(
        "Visit" in m.kinds and m.span.start < off for m in out
    )


_UNDERTAKE = {"begin", "start", "pay", "make", "hold", "undertake", "conduct", "embark"}


def _object_dated(doc: Doc, tok, off: int) -> bool:
    """ "Santokhi will, on Tuesday, begin a four-day visit to Guyana": a meeting to come,
    the object of a verb that starts it, on the day the verb's clause gives."""
    if tok.dep_ != "dobj" or lemma(tok.head.lower_) not in _UNDERTAKE:
        return False
    return any(c.dep_ in ("prep", "npadvmod") and _date_in(doc, c, off) for c in tok.head.children)


_TRIP = {"travel", "fly", "go", "head", "come", "leave"}


def _trip_dated(doc: Doc, tok, off: int) -> bool:
    """ "Duque will travel to Quito on Sunday to meet Lasso", "… on Sunday for talks with
    Lasso": a meeting to come, what a trip is for, on the day the trip's clause gives."""
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "for":
        node = node.head
    elif node.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    ):
        return False
    trip = node.head
    if trip == node or lemma(trip.lower_) not in _TRIP:
        return False
    return any(
        c.dep_ in ("prep", "npadvmod") and c.i != node.i and _date_in(doc, c, off)
        for c in trip.children
    )


def encounters(doc: Doc) -> list[Meeting]:
    from kg.extract.statements import dateline_end, in_headline

    out: list[Meeting] = []
    title = doc.meta.title_span
    for _pi, sent in doc.sentences:
        if in_headline(doc, sent):
            continue
        sp = doc.parse(sent)
        if sp is None or not MEETING_CUE.search(doc.text, sent.start, sent.end):
            continue
        off = sent.start
        skip = dateline_end(doc, sent.start)
        done: set[int] = set()
        for tok in sp:
            if tok.i in done:
                continue
            found = _trigger(tok, doc, off)
            if found is None:
                continue
            verb_lemma, noun = found
            if (
                _future_or_wished(tok)
                and not _date_in(doc, tok, off, unresolved=True)
                and not _clause_dated(doc, tok, off)
                and not _conjunct_dated(doc, tok, off)
                and not _during_a_visit_told(doc, tok, off, out)
                and not _object_dated(doc, tok, off)
                and not _trip_dated(doc, tok if noun is None else noun, off)
                and not _will_today(doc, tok, off)
            ):
                continue  # (but "On Tuesday the presidents will take part in a summit" in a
                # page of that Tuesday: the summit the story is about)
            if noun is not None:
                done.add(noun.i)
            parties = _Parties(doc, off, skip)
            led: list = []  # "under the leadership of X": who chaired it
            if out and len(out[-1].participants) == 2 and doc.near(out[-1].span.start, off):
                parties.last_pair = list(out[-1].participants)
            parties.first_voice = noun is not None and noun.lower_ in (
                "summit",
                "meeting",
                "session",
            )
            hub = tok if noun is None else noun
            if noun is None:
                for c in tok.children:
                    if c.dep_ == "poss" and verb_lemma != "visit":
                        # "and his meeting with Fukuda": (a noun) its owner; a visit's owner
                        # is its traveller, whom the noun's own reading finds
                        parties.add_np(c)
                for s in _subjects(tok):
                    parties.add_np(s)
                    parties.add_stranded(s)
                parties.mark_subjects()
                if verb_lemma not in ("speak", "talk"):
                    for o in _objects(tok):
                        parties.add_np(o)
                for o in _with_objects(tok, ("with", "between", "among", "to", "from")):
                    parties.add_np(o)
                for c in tok.children:
                    if c.dep_ == "npadvmod" and _names_a_person(c, doc, off):
                        # "met with the Coordinating Minister for … of the Republic of
                        # Indonesia, Luhut Binsar Pandjaitan, …": the parser hangs the post's
                        # holder on the verb
                        parties.add_np(c)
                if calls_on(tok):
                    for o in _with_objects(tok, ("on",)):
                        parties.add_np(o)  # "called on External Affairs Minister Jaishankar"
                # "The Committee … met in Brazzaville …, under the chairmanship of H.E. X"
                led = _led_by(tok)
                _take_leaders(doc, parties, led, off)
                if verb_lemma in ("sign", "receive", "meet", "welcome"):
                    # "The document was signed by A, B and C", "where he was received by X",
                    # "the Turkish Ambassador, who was met by … Muayad Salih"
                    for x in _agents(tok):
                        parties.add_np(x)
            else:
                # the meeting noun: who holds it and its owner first, then its "with",
                # "between" and "of" phrases
                head = hub.head
                verb = None
                holding = _clause_holding(hub)
                if holding is not None:
                    # "confirmed the official visit that the President of Colombia, Iván
                    # Duque, will make to Quito": who makes it, not who confirms it; "a
                    # meeting he held last week with X": who held it
                    verb = holding
                    for s in _subjects(holding):
                        parties.add_np(s)
                        parties.add_stranded(s)
                elif (
                    hub.dep_ in ("dobj", "pobj", "attr")
                    and head != hub
                    and not (
                        hub.dep_ in ("pobj", "dobj")
                        and head.lower_ in _TOPIC_PREPS
                        and not _on_a_trip(hub)
                    )
                    and not (hub.dep_ == "dobj" and lemma(head.lower_) in _TOPIC_VERBS)
                ):
                    # (not "asked about the call between A and B", "discussed the summit
                    # between A and B": who asks or discusses is no party)
                    verb = head.head if hub.dep_ == "pobj" else head
                    subjects = _subjects(verb)
                    if hub.dep_ == "pobj" and any(c.dep_ == "nsubjpass" for c in verb.children):
                        # "The comments were made by A following talks with B": who acted
                        # held the talks
                        subjects += _agents(verb)
                    if not subjects and hub.dep_ == "pobj" and head.i < verb.i:
                        subjects = _hung_on_the_phrase(head)
                    if not subjects and _call_noun(hub):
                        # "the leaders discussed regional developments along with bilateral
                        # relations in a phone call": the parser hangs the call on a noun
                        clause = verb
                        for _ in range(4):
                            if clause.dep_ not in ("pobj", "prep", "dobj", "conj"):
                                break
                            clause = clause.head
                        subjects = _subjects(clause)
                    for s in subjects:
                        parties.add_np(s)
                        parties.add_stranded(s)
                elif hub.dep_ == "nsubj" and SAID_AFTER.match(
                    doc.text, off + head.idx - 1, off + head.idx + len(head.text)
                ):
                    # "A made a phone contact with B, spokesman C said": the parser made the
                    # contact the subject of "said"; the verb that made it came before it
                    for s in _subjects_of_verb_before(hub):
                        parties.add_np(s)
                if _the_talks_the_speaker_held(hub):
                    # "President Kagame said the discussions with President Teodoro Obiang
                    # Nguema were fruitful": the speaker's own talks, unless the story told
                    # of talks with the other before ("Modi held talks with Kishida …
                    # Foreign Secretary Vinay Kwatra told reporters that the talks with Mr.
                    # Kishida covered defence"): those talks, again
                    told = _talks_told_before(doc, hub, off, out)
                    if told is not None:
                        parties.take(*told.participants)
                    else:
                        for s in _subjects(head.head):
                            if _names_a_person(s, doc, off):
                                parties.add_np(s)
                for c in hub.children:
                    if c.dep_ in ("poss", "compound"):
                        parties.add_np(c)
                    if c.dep_ == "acl" and lemma(c.lower_) in _HOSTED_BY:
                        for x in _agents(c):  # "a regional summit convened by Lula"
                            parties.add_np(x)
                if hub.head.dep_ == "prep" and lemma(hub.head.head.lower_) in _MEET_VERBS:
                    # "leaders met in Abuja for an extraordinary summit on the coup in Niger,
                    # chaired by President Bola Tinubu": the parser hangs the chair on "met"
                    for c in hub.head.head.children:
                        if c.dep_ == "advcl" and lemma(c.lower_) in _HOSTED_BY:
                            for x in _agents(c):
                                parties.add_np(x)
                parties.mark_subjects()
                preps = ("with", "between", "among", "of")
                if hub.lower_ in ("call", "calls") and _call_on(hub):
                    preps += ("on",)
                if _call_received_from(hub):
                    preps += ("from",)  # "received a phone call from President A": who called
                if hub.lower_ == "audience":
                    preps += ("to", "for")  # "granted an audience to Ramos-Horta"
                for o in _with_objects(hub, preps):
                    parties.add_np(o)
                if hub.lower_ in ("visit", "visits"):
                    parties.take(*_visitors(doc, hub, off))
                    # the state visited takes part, as for "visited Estonia"
                    for o in _with_objects(hub, ("to",)):
                        named = _named_in(doc, *phrase_span(o, off))
                        if any(r.startswith("person/") for r in named):
                            # "a courtesy visit to his Fiji counterpart B": the one visited
                            parties.add_np(o)
                            continue
                        parties.take(*(r for r in named if r.startswith("country/")))
                    if (
                        hub.dep_ == "pobj"
                        and hub.head.lower_ == "during"
                        and lemma(hub.head.head.lower_) not in _MEET_VERBS
                    ):
                        # "Nyusi had asked Rwandan President Paul Kagame for help during a
                        # visit to Kigali": the one asked, thanked or told during it was met
                        # (one "met" during it is a meeting of its own)
                        for c in _addressed(hub.head.head, doc, off):
                            parties.add_np(c)
                if (
                    _call_noun(hub)
                    and hub.dep_ == "pobj"
                    and hub.head.lower_ in ("in", "during", "over")
                    and lemma(hub.head.head.lower_) not in _MEET_VERBS
                ):
                    # "Abdelatty told his Somali counterpart Ahmed Moallim Fiqi in a phone
                    # call that …": the one told, assured or thanked on the call was on it
                    for c in _addressed(hub.head.head, doc, off):
                        parties.add_np(c)
                if hub.dep_ == "ROOT":
                    for a in hub.children:  # the hosts of "… hosted consultations between"
                        if a.dep_ == "amod":
                            for x in a.children:
                                if x.dep_ == "nsubj":
                                    parties.add_np(x)
                for rc in hub.subtree:  # (on the summit or on the place it was held)
                    if rc.dep_ == "relcl" and any(
                        lemma(t.lower_) in ("attendance", "attend", "present", "participate")
                        for t in rc.subtree
                    ):
                        # "the Summit held at X where President Y was one of the heads of
                        # state in attendance"
                        for x in _subjects(rc):
                            parties.add_np(x)
                if verb is not None:
                    for o in _with_objects(verb):
                        parties.add_np(o)
                    # "held its 22nd extraordinary summit … under the Chairmanship of H.E.
                    # Mr. X": who led it chaired it
                    led = _led_by(verb)
                    _take_leaders(doc, parties, led, off)
                    if lemma(verb.lower_) == "join":
                        # "the two leaders were joined by Abiy for a trilateral meeting"
                        for o in _agents(verb):
                            parties.add_np(o)
                elif hub.dep_ in ("nsubj", "nsubjpass"):
                    for o in _with_objects(head):
                        parties.add_np(o)
                    # "The sessions took place today …, under the leadership of President
                    # of Montenegro Jakov Milatović": who led it chaired it
                    led = _led_by(head)
                    for o in led:
                        parties.add_np(o)
                    if hub.dep_ == "nsubjpass" and lemma(head.lower_) in _HOSTED_BY:
                        # "the talks between A and B were hosted by C": C took part
                        for o in _agents(head):
                            parties.add_np(o)
                    if lemma(head.lower_) == "bring":  # "the summit brought together A and B"
                        for o in _objects(head):
                            parties.add_np(o)
            refs = [
                r
                for i, r in enumerate(parties.refs)
                if i < parties.n_subjects or not _only_tells(doc, sent, r, off + hub.idx)
            ]
            group = any(s.lower_ in _GROUP_NOUNS for s in _subjects(tok)) if noun is None else False
            if (
                verb_lemma
                in (
                    "meet",
                    "speak",
                    "talk",
                    "phone",
                    "telephone",
                    "call",
                    "receive",
                    "host",
                    "confer",
                    "negotiate",
                    "sign",
                    "welcome",
                )
                and noun is None
                and len(refs) + (parties.quoted_voice is not None) < 2
                and not group
                and not (verb_lemma == "meet" and _body_in_session(doc, refs))
            ):
                continue
            bodys_meeting = noun is not None and _a_bodys_meeting_held(doc, noun, off)
            named_body = (
                noun is not None
                and (
                    noun.lower_ in ("summit", "session", "conference", "forum", *_SITTING_BODIES)
                    or noun.text == "Meeting"  # "the 6th … Foreign Ministers' Meeting": a name
                )
                and any(c.dep_ in ("compound", "poss") for c in noun.children)
            ) or bodys_meeting
            date = _date(doc, sent, off + hub.idx, tok if noun is None else None, off)
            if date is not None and noun is not None and _upcoming(noun, date.start - off):
                date = None  # "last night met Nyusi and discussed the forthcoming summit"
            if date is None and parties.pair_at is not None:
                # "India and the Maldives on Sunday reviewed … The two sides held the
                # meeting": the day the sentence naming the two gives
                said = doc.sentence_at(parties.pair_at)
                date = _date(doc, said, parties.pair_at) if said is not None else None
            if (
                not refs
                and noun is not None
                and _definite(noun)
                and (date or any(_held_clause(c) for c in noun.children))
            ):
                # "after the end of the first meeting held this Thursday": the talks the
                # sentences before spoke of, between the persons they named ("The bilateral
                # meeting, which took place …": the two the sentence before named)
                bilateral = any(c.dep_ == "amod" and c.lower_ == "bilateral" for c in noun.children)
                refs = _parties_told_before(doc, sent, two_named=bilateral)
            if not refs and not (
                named_body and (date or noun.lower_ in _SITTING_BODIES or noun.text == "Meeting")
            ):
                continue  # (a dated, named summit, or a body's sitting, may get its parties
                # from who attended it)
            if (
                noun is not None
                and noun.lower_
                in ("meetings", "talks", "consultations", "negotiations", "discussions", "sessions")
                and any(c.lower_ in _GENERIC_DET for c in noun.children)
            ):
                continue
            kind = _kind(sp, hub, verb_lemma)
            if kind == "InPersonMeeting" and _call_context(doc, sent, title, verb_lemma, hub):
                kind = "PhoneCall"
            if noun is not None and (
                noun.lower_ in _SITTING_BODIES
                or bodys_meeting
                # (not one held "via videoconferencing": that stays a videoconference)
                or (kind == "InPersonMeeting" and _ministers_meeting(noun))
            ):
                # a body's sitting: of heads of state a summit, else a session
                name = doc.text[slice(*phrase_span(noun, off))]
                kind = "Summit" if _OF_LEADERS.search(name) else "Session"
            named_parties = len(refs) >= 2 and bool(_with_objects(hub, ("with", "between")))
            if (
                date is None
                and not any(r.startswith("person/") for r in refs)
                and not (
                    named_body
                    or named_parties
                    or (noun is None and parties.n_subjects)
                    or parties.pair_at is not None
                    # "Egypt on Monday hosted an emergency meeting" in a page with no date:
                    # a meeting on a day the reader cannot resolve, not a general one
                    or (verb_lemma in _HELD and _day_not_resolved(doc, sent))
                    # "An informal summit of the heads of state from the OTS has commenced
                    # in Shusha": one that is under way, not a general one
                    or (
                        noun is not None
                        and hub.dep_ == "nsubj"
                        and lemma(hub.head.lower_) in _UNDER_WAY
                    )
                )
            ):
                continue  # an undated meeting of bodies only: too often a general one
            place = _place(doc, hub, off, skip) or (
                _place(doc, tok, off, skip) if tok != hub else None
            )
            if place is None and hub.dep_ == "pobj" and hub.head.lower_ == "for":
                place = _place(doc, hub.head.head, off, skip)  # "gathered in X for a summit"
            if place is None:
                place = _place_after_party(doc, hub, off, skip)
            if place is None and any(
                c.dep_ == "advmod" and c.lower_ == "here" for t in (hub, tok) for c in t.children
            ):
                place = _dateline_place(doc)  # "Santiago, Nov 27 (EFE).- A and B met here"
            plural = (
                noun is not None and noun.lower_ in ("conversations", "calls", "meetings")
            ) or any(
                c.lower_ in ("separately", "individually") for t in (hub, tok) for c in t.children
            )  # "had separately met with A, B and C": a meeting with each
            # "Mr Rabuka held several bilateral meetings … He met A, B and C": one with each
            plural = plural or _bilaterals_before(doc, sent)
            # "had talks with Foreign Minister Hayashi and Chief Cabinet Secretary Matsuno",
            # "will meet with Boldrini, President of the Chamber, and Grasso, President of the
            # Senate": officials each named in a post of their own, one meeting with each
            plural = plural or (
                (noun is None or noun.lower_ in ("talks", "meeting", "meetings", "discussions"))
                and _each_in_a_post(doc, sent, refs[parties.n_subjects or 1 :])
            )
            # "Modi had telephone conversation with A, …, B and C": a call is between two;
            # leaders listed each alone were called one by one
            plural = plural or (
                kind == "PhoneCall"
                and all(r.startswith("person/") for r in refs[: parties.n_subjects or 1])
                and _called_one_by_one(doc, sent, refs[parties.n_subjects or 1 :])
            )
            again = (
                noun is not None
                and date is None
                and any(
                    (c.dep_ == "det" and c.lower_ in ("the", "this"))
                    or (c.dep_ == "poss" and c.lower_ in _OUR)  # "at our session": this one
                    for c in noun.children
                )
                and not any(
                    c.dep_ == "prep" and c.lower_ in ("of", "between", "with", "among")
                    for c in noun.children
                )  # "the talks between Russia and Ukraine" are their own
            )
            chair = None
            if verb_lemma == "chair" or lemma(hub.head.lower_) == "chair":
                chair = next(
                    (r for r in refs[: parties.n_subjects] if r.startswith("person/")), None
                )
            if chair is None and led:
                chair = next(
                    (
                        r
                        for o in led
                        for r in _named_in(doc, *phrase_span(o, off))
                        if r.startswith("person/") and r in refs
                    ),
                    None,
                )
            if (
                len(refs) < 2
                and noun is not None
                and noun.lower_ == "meetings"
                and _MEETINGS_IN_THE_PLURAL.search(doc.text, sent.start, sent.end)
            ):
                # "Dendias also held several meetings in Geneva": meetings the story goes
                # on to list, each with its own party, not one meeting of one
                continue
            if plural and len(refs) > 2:
                # "conversations with A, B and C": a call of the subject with each
                n = parties.n_subjects or 1
                hubs, rest = refs[:n], refs[n:]
                for r in rest:
                    out.append(_meeting(doc, sent, [*hubs, r], kind, date, place))
            else:
                m = _meeting(doc, sent, refs, kind, date, place)
                m.voice_at = parties.quoted_voice
                m.background = noun is not None and _on_a_trip(noun)
                m.continues = (
                    again
                    or (
                        # "Ramaphosa is hosting Lula, Xi and Modi" right after the summit
                        # opened: the summit's guests
                        date is None
                        and verb_lemma in ("host", "attend", "welcome")
                        and _summit_just_before(doc, out, m)
                    )
                    or (
                        # "The document was signed by A, B and C": the signing told before
                        date is None
                        and verb_lemma == "sign"
                        and bool(_THE_MEETING_WAS.match(doc.text, sent.start, sent.end))
                    )
                )
                m.chair = chair
                m.elsewhere = parties.elsewhere - set(refs)
                m.earlier = date is None and (
                    any(c.lower_ in _BEFORE_WORDS for t in (hub, tok) for c in t.children)
                    or _in_another_month(doc, tok)
                    # "The call came less than two weeks after Trump and Putin met"
                    or bool(_SPAN_AFTER.search(doc.text, sent.start, off + tok.idx))
                )
                out.append(m)
    out.extend(_sessions(doc))
    out.extend(_briefings(doc, out))
    out.extend(_joint_appearance(doc))
    out.extend(_arrivals(doc, out))
    _mark_beside(doc, out)
    merged = _merge_same(out)
    _attendance(doc, merged)
    _they_are_those_who_attended(doc, merged)
    _date_from_lead(doc, merged)
    _going_on_in_the_lead(doc, merged)
    _day_of_the_series(doc, merged)
    _date_from_the_sentence_before(doc, merged)
    _date_from_the_visit_after(doc, merged)
    _date_of_the_visit_during(doc, merged)
    _parties_of_the_event_before(doc, merged)
    merged = _discussions_of_the_meeting_before(doc, merged)
    kept = []
    for m in merged:
        if not m.participants and m.organizer is None:
            continue  # a summit nobody was said to attend
        if m.key == meeting_key(doc, m.date, []):  # keyed before its parties were known
            m.key = meeting_key(doc, m.date, m.participants)
        kept.append(m)
    return kept


def _dateline_place(doc: Doc) -> str | None:
    """The place the story's first dateline names ("Santiago, Nov 27 (EFE).-"): "here"."""
    from kg.extract.statements import dateline_end

    for para in doc.paragraphs:
        end = dateline_end(doc, para.start)
        if end > para.start:
            named = doc.mentions_in(para.start, end, "place")
            return doc.ref(named[0]) if named else None
    return None


def _visitors(doc: Doc, visit, off: int) -> list[str]:
    """Who made a visit, by its by-phrase: "the visit to Qatar yesterday by Marco Rubio, Dr
    al-Ansari stressed" is Rubio's (a name after a comma with no "and" is no second visitor,
    nor an appositive), and a person before the "US" of "US Secretary of State"."""
    out: list[str] = []
    for c in visit.children:
        if c.dep_ != "prep" or c.lower_ != "by":
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            s, e = phrase_span(g, off)
            if not any(t.dep_ == "cc" for t in g.subtree):
                cut = doc.text.find(",", off + g.idx, e)
                e = cut if cut > 0 else e
            named = _named_in(doc, s, e)
            out += [r for r in named if r.startswith("person/")] or named
    return out


_ARRIVE = {"arrive", "land"}
_ARRIVE_WORD = re.compile(r"\b(?:arriv(?:e|es|ed|ing)|land(?:s|ed|ing)?)\b", re.I)
_HOSTING = {"greet", "receive", "welcome", "meet"}


def _host_country(doc: Doc, ref: str) -> str | None:
    if ref.startswith("country/"):
        return ref.split("/", 1)[1]
    ent = doc.entities.get(ref)
    return ent.country if ent is not None else None


def _arrivals(doc: Doc, found: list[Meeting]) -> list[Meeting]:
    """A state's leader or minister who "arrived at Bole International Airport, Addis
    Ababa" or "today arrived in the Guinean capital, Conakry" is on a visit to that state,
    whether or not the story says "visit": the visit is the traveller's and the host's (the
    one who "greeted him upon arrival" in that sentence or the next, else the host state),
    of the day of the arrival, at the place arrived at. Not a trip home, nor an arrival
    still to come, nor one a meeting of the traveller that day already tells."""
    from kg.extract.statements import dateline_end, in_headline

    out: list[Meeting] = []
    sents = [sent for _pi, sent in doc.sentences]
    for i, sent in enumerate(sents):
        # (a word test first: most sentences arrive nowhere, and their parse is not read)
        if not _ARRIVE_WORD.search(doc.text, sent.start, sent.end) or in_headline(doc, sent):
            continue
        sp = doc.parse(sent)
        if sp is None:
            continue
        off = sent.start
        skip = dateline_end(doc, sent.start)
        for tok in sp:
            if lemma(tok.lower_) not in _ARRIVE:
                continue
            if _future_or_wished(tok) and not _due_on_a_day(doc, sent, tok):
                continue
            subjects = _subjects(tok)
            travellers = [
                r
                for sub in subjects
                for r in _named_in(doc, *phrase_span(sub, off))
                if r.startswith("person/")
            ]
            if not travellers and not subjects:
                # "Ismael Omar Guelleh, President of Djibouti, has on Sunday in the afternoon
                # arrived at …": the parser loses the subject; the name the sentence opens with
                first = doc.mentions_in(max(sent.start, skip), off + tok.idx, "person")
                if first and not doc.text[max(sent.start, skip) : first[0].start].strip():
                    travellers = [doc.ref(first[0])]
            places = [
                got
                for o in _with_objects(tok, ("in", "at"))
                if (got := _place_named(doc, o, off, skip))
            ]
            # "at Bole International Airport, Addis Ababa": the first place of a known state
            where = next((p for p in places if _host_country(doc, p)), None)
            if len(travellers) != 1 or where is None:
                continue
            who = travellers[0]
            # (a president with no post the text gives: the publisher's, as a State House
            # reports its own president's trips)
            home = next(iter(doc.post_countries(who)), doc.meta.publisher_country)
            host = _host_country(doc, where)
            if host is None or home == host:
                continue
            if home is None and not _ABROAD.search(doc.text, sent.start, sent.end):
                continue  # (one of no known state who "arrived in Conakry … for talks
                # tomorrow with President Alpha Conde" came from abroad; one who just
                # arrived somewhere may be at home)
            # ("today arrived in … for talks tomorrow": the day the verb governs)
            date = _date(doc, sent, off + tok.idx, tok, off)
            if any(
                who in m.participants and (m.date is None or date is None or m.date == date)
                for m in (*found, *out)
                if "Visit" in m.kinds or (date is not None and m.date == date)
            ):
                continue
            hosts = _hosts(doc, sents[i : i + 2], who, host)
            refs = [who, *(hosts or [f"country/{host}"])]
            out.append(_meeting(doc, sent, refs, "Visit", date, where))
    return out


# what only a visitor from abroad comes for
_ABROAD = re.compile(
    r"\b(?:bilateral|for talks|(?:the|both) two countries|(?:official|state|working) visit)\b",
    re.I,
)
_DUE = {"schedule", "expect", "due"}
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|tomorrow)\b", re.I)


def _due_on_a_day(doc: Doc, sent, tok) -> bool:
    """ "On Saturday, DRC President Felix Tshisekedi is scheduled to arrive in Luanda": a
    visit set for a stated day is told as one (as a meeting "will" hold on a day is)."""
    if any(c.dep_ == "neg" for t in (tok, tok.head) for c in t.children):
        return False
    due = tok.dep_ == "xcomp" and lemma(tok.head.lower_) in _DUE
    will = any(c.dep_ == "aux" and c.lower_ == "will" for c in tok.children)
    said = bool(doc.dates.dates_in(sent.start, sent.end)) or bool(
        _WEEKDAY.search(doc.text, sent.start, sent.end)
    )
    return (due or will) and said


def _hosts(doc: Doc, sents: list, traveller: str, host: str) -> list[str]:
    """Who of the host state greeted, received or welcomed the traveller."""
    for sent in sents:
        sp = doc.parse(sent)
        if sp is None:
            continue
        for tok in sp:
            if lemma(tok.lower_) not in _HOSTING:
                continue
            passive = any(c.dep_ == "auxpass" for c in tok.children) or (
                tok.dep_ == "ROOT" and _agents(tok)
            )
            who = _agents(tok) if passive else _subjects(tok)
            refs = [
                r
                for w in who
                for r in _named_in(doc, *phrase_span(w, sent.start))
                if r.startswith("person/") and r != traveller
            ]
            if refs and all(next(iter(doc.post_countries(r)), host) == host for r in refs):
                return refs
    return []


_TOPIC_PREPS = {"about", "regarding", "concerning", "on", "over"}  # (the parser may make
# "Regarding the visit …" a verb and its object)
_TOPIC_VERBS = {"discuss", "review", "debate", "mention"}
_ATTEND = {"attend", "participate"}
# Heads of a list of parties: "the leaders of A, B and C", "heads of the UN and the WHO".
_COLLECTIVE = {
    "leader",
    "head",
    "representative",
    "delegation",
    "delegate",
    "minister",
    "president",
    "member",
    "official",
    "envoy",
    "chief",
    "counterpart",
    "negotiator",
}


_DELEGATES = {"representative", "delegate", "delegation", "speaker"}
_LIST_END = re.compile(r",\s*(?:who|which|where|while|after|before)\b|\s[-–—]\s|[“\"]")
# "The Summit was also attended by", "Summit was attended by" (a communiqué drops the
# article): the meeting the text reports, however far back
_THE_MEETING_WAS = re.compile(
    r"\s*(?:\d+\.\s*)?(?:The\s+)?(?:Extraordinary\s+|Ordinary\s+)?"
    r"(?:Summit|Meeting|Session|Conference)\s+(?:was|were)\s+(?:also\s+)?"
    r"(?:attended|graced)\b"
    # "The Fifth NSA level meeting in Maldives was attended by their Excellencies A, …"
    r"|\s*The\s+(?:[\w-]+\s+){1,4}?(?:summit|meeting|session|conference)"
    r"(?:\s+(?:in|at)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?\s+(?:was|were)\s+(?:also\s+)?"
    r"(?:attended|graced)\s+by\b"
    # "The meeting included foreign ministers from A, B and C"
    r"|\s*(?:The|This)\s+(?:summit|meeting|session|conference|talks)\s+(?:also\s+)?"
    r"(?:included|brought\s+together)\b"
    # "The document was signed by …": the signing the story told
    r"|\s*(?:The|This)\s+(?:document|agreement|deal|declaration|accord|memorandum|treaty)"
    r"\s+was\s+signed\s+by\b"
    # "The summit was hosted by Kazakh President X": the host sat in it
    r"|\s*(?:The|This)\s+(?:summit|meeting|session|conference|talks)\s+(?:was|were)\s+"
    r"(?:also\s+)?(?:hosted|chaired|convened|opened|inaugurated|presided\s+over)\s+by\b"
    # "The Brasilia summit will also have the participation of presidents A (Argentina), …"
    r"|\s*(?:The|This)\s+(?:[A-Z][\w'-]*\s+){0,3}(?:summit|meeting|session|conference)\s+"
    r"(?:will\s+)?(?:also\s+)?(?:have|has|had|saw|sees|see)\s+the\s+(?:participation|presence)"
    r"\s+of\b"
    # "The announcement -which was attended by Petro, his Cuban counterpart, …": the signing
    # or talks just told, however far back
    r"|\s*(?:The|This)\s+(?:announcement|ceremony|signing(?:\s+ceremony)?|talks|meeting|"
    r"summit|session|conference|event)\s*[-–—,]?\s*(?:which\s+)?(?:was|were)\s+(?:also\s+)?"
    r"(?:attended|graced|witnessed)\s+by\b",
    re.I,
)
# "Mori was joined by President of Palau A, …, Governor of Guam, B … at the three-day
# meeting": those who joined the leader there attended it; "The Summit was held from July
# 1-6 in Lima and was also headed by the presidents of Chile, A; Colombia, B; …": those who
# headed it sat in it
_JOINED_AT_THE = (
    r"\bjoined\s+by\b[^;]*?\bat\s+the\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:summit|meeting|session|conference)\b"
    r"|\b(?:Summit|Meeting|Session|Conference)\s+(?:was|were)\b[^.;]{0,80}?\bheaded\s+by\b"
)
_ATTENDED_THE = re.compile(
    r"\b(?:attended|attending|took part in|participated in)\s+the\s+(?:[\w'-]+\s+){0,3}?"
    rf"(?:summit|session|conference)\b|{_JOINED_AT_THE}",
    re.I,
)
_OTHERS_AT_IT = re.compile(
    r"\s*(?:Other|Among the)\s+(?:participants|attendees|guests)\s+(?:also\s+)?(?:included|were)\b"
    # "Among those in attendance were Saudi Arabia's Minister of Foreign Affairs, Prince A; …"
    r"|\s*Among\s+those\s+(?:in\s+attendance|present|attending)\s+(?:were|was|included)\b"
    # "Among the leaders present were A, B and C", "Among the heads of state in attendance
    # were …", "Among the dignitaries who attended the summit were …"
    r"|\s*Among\s+the\s+(?:[A-Z][\w-]*\s+|other\s+){0,2}(?:leaders|heads\s+of\s+(?:state|"
    r"government)(?:\s+and\s+government)?|dignitaries|presidents|ministers|delegates|"
    r"officials)\s+(?:present|in\s+attendance|attending(?:\s+the\s+[^,.;]{1,60}?)?|"
    r"who\s+(?:attended|took\s+part\s+in)\s+[^,.;]{1,60}?)\s+(?:were|was|included)\b"
    # "Participants included: Speaker of the Parliament A, Prime Minister B, as well as …"
    r"|\s*(?:Participants|Attendees|Those\s+present)\s+(?:also\s+)?(?:included|include\b|were\s*:)"
    # "Other Heads of State, who have arrived, include the President of Kenya, Mr A, …"
    r"|\s*Other\s+(?:Heads\s+of\s+(?:State|Government)(?:\s+and\s+Government)?|leaders|"
    r"presidents|heads\s+of\s+state|delegates)(?:,[^,.;]{1,40},)?\s+(?:also\s+)?"
    r"(?:include|included|includes|were)\b"
    # "Asean leaders at the Summit were Myanmar state counselor A, Singapore's Prime
    # Minister B, …"
    r"|\s*(?:[A-Z][\w-]*\s+){0,2}(?:leaders|heads\s+of\s+(?:state|government)|participants|"
    r"delegates)\s+(?:at|attending)\s+the\s+(?:[\w'-]+\s+){0,3}?(?:summit|meeting|session|"
    r"conference)\s+(?:were|included)\b"
    # "The talks began with a restricted attendance meeting that included President of
    # Russia A, …"; "The talks in the expanded format were joined, via videoconference, by
    # President of Uzbekistan B": those the talks had
    r"|\s*(?:The\s+)?(?:talks|meeting|summit|session)\b[^.;:]{0,80}?\b(?:meeting|talks|"
    r"session|format)\s+(?:that|which)\s+(?:included|brought\s+together)\b"
    r"|\s*(?:The\s+)?(?:talks|meeting|summit|session)\b[^.;:]{0,60}?\b(?:were|was)\s+(?:also\s+)?"
    r"joined\b[^.;:]{0,40}?\bby\b"
    # "Other Members of the Conference in attendance were:", "Associate Members in
    # attendance were:"
    r"|\s*(?:Other\s+|Associate\s+)?(?:Members|Heads|Leaders|Delegates|Participants)\b"
    r"[^:.\n]{0,60}?\bin\s+attendance\s+(?:also\s+)?(?:were|included)(?:\s*:|\b)"
    # "Dr. A, Director General of the OECS, and the following Commissioners were also in
    # attendance:" (a list follows)
    r"|[^:\n]{0,120}?\bthe\s+following\s+[^:.\n]{0,40}?\b(?:were|was)\s+(?:also\s+)?"
    r"(?:in\s+attendance|present)\s*:\s*$"
    # "In attendance for the Leaders’ Summit aside from PNG Prime Minister A was Vanuatu’s
    # Prime Minister and MSG Chair, Hon. B; Fiji’s Prime Minister, Hon. C; …"
    r"|\s*(?:Also\s+)?in\s+attendance\s+(?:for|at)\s+the\s+[^.;:]{0,100}?\b(?:were|was)\b",
    re.I,
)
_ALSO_ATTENDING = re.compile(
    r"\s*(?:Also\s+(?:in\s+attendance|present|attending|participating)"
    # "Also participating on the Cuban side were", "Accompanying the distinguished visitor
    # were": the delegations at the talks
    r"(?:\s+(?:on|from)\s+the\s+[\w’'-]+\s+side)?|"
    r"Accompanying\s+(?:him|her|them|the\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:visitor|guest|president|minister|leader|delegation)s?)|"
    # "In attendance for the Leaders' Summit aside from PNG Prime Minister A was": the
    # summit named, and one it already has set aside
    r"(?:Others\s+)?[Ii]n\s+attendance(?:\s+(?:at|for)\s+[^,;:.]{1,60}?)?"
    r"(?:,?\s+(?:aside|apart)\s+from\s+[^,;:.]{1,80}?)?|"
    # "Those who were at the airport to receive the Ugandan leader were": the welcome party
    r"(?P<welcome>(?:Among\s+)?[Tt]hose\s+(?:who\s+(?:were|was)\s+)?(?:present\s+|on\s+hand\s+)?"
    r"(?:at\s+[^,.;]{1,40}?\s+)?to\s+(?:receive|welcome|greet)\s+[^,.;]{1,60}?))"
    r"\s+(?:also\s+)?(?:were|was|included)\b:?"
)
# "Others were Members of Parliament A, B …" right after such a list: more of the same
_OTHERS_WERE = re.compile(r"\s*Others\s+(?:present\s+)?(?:were|included)\b:?")
# a paragraph that goes on with a list of dignitaries: "His Excellency, A, the Prime Minister"
_DIGNITARY_START = re.compile(
    r"\s*(?:His|Her)\s+(?:Excellency|Majesty|Highness)|\s*H\.\s?E\.|\s*Hon"
)
_REPRESENTING = re.compile(
    r"\brepresent(?:ing|s|ed)\s+(?:(?:His|Her)\s+(?:Excellency|Majesty),?\s+|H\.\s?E\.\s+"
    r"|(?:Dr|Mr|Mrs|Ms)\.?\s+|President\s+|the\s+)*$"
)


def _also_attending(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Also in attendance were His Excellency, A, President of X; …": every person the list
    names is at the meeting told last, within three paragraphs (a welcome party, within five
    of the visit it welcomed); not those others stood in for ("representing H.E. B"). "Others
    were …" right after such a list names more of the same."""
    last: tuple[int, Meeting] | None = None  # where the last list began, and its meeting
    for _pi, sent in doc.sentences:
        also = _ALSO_ATTENDING.match(doc.text, sent.start, sent.end)
        if also is None and last is not None and doc.near(last[0], sent.start):
            others = _OTHERS_WERE.match(doc.text, sent.start, sent.end)
            if others is not None:
                last = (sent.start, last[1])
                _join(last[1], _attendance_list(doc, others.end(), sent.end))
            continue
        if also is None:
            continue
        before = [m for m in meetings if m.span.start <= sent.start]
        if not before:
            continue
        m = max(before, key=lambda x: x.span.start)
        far = 5 if also.group("welcome") and "Visit" in m.kinds else 3
        if doc.paragraphs_between(m.span.start, sent.start) > far:
            continue
        last = (sent.start, m)
        _join(m, _attendance_list(doc, also.end(), sent.end))


_THEY_ARE = re.compile(r"\s*(?:They|These)\s+(?:are|were|include|included)\b\s*:?")
_ATTENDED = re.compile(r"\battend(?:ed|s|ing)?\b", re.I)


def _they_are_those_who_attended(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Three other Central American presidents attended the SICA Summit. They are the
    president of Panama, A; the president of Honduras, B; …": the persons the next
    sentence lists are at the meeting the attendance sentence told."""
    sents = [s for _pi, s in doc.sentences]
    for prev, sent in itertools.pairwise(sents):
        they = _THEY_ARE.match(doc.text, sent.start, sent.end)
        if they is None or not _ATTENDED.search(doc.text, prev.start, prev.end):
            continue
        if doc.paragraph_at(prev.start) is not doc.paragraph_at(sent.start):
            continue
        told = [m for m in meetings if prev.start <= m.span.start < prev.end]
        if len(told) != 1:
            continue
        _join(told[0], [doc.ref(mm) for mm in doc.mentions_in(they.end(), sent.end, "person")])


# "Presidents A, B of Niger and C of Chad have renewed their commitment … The leaders, along
# with President D …, made the vow in Abuja Saturday, at the meeting of Heads of State"
_THE_LEADERS = re.compile(
    r"(?:The|These|Both|All\s+the)\s+(?:(?:two|three|four|five)\s+)?(?:leaders|presidents|"
    r"heads\s+of\s+(?:state|government))\b(?!\s+of\b)"
)


def _the_leaders_told_before(doc: Doc, meetings: list[Meeting]) -> None:
    """A meeting whose sentence opens on "The leaders" has the persons the sentence right
    before named (two or more, in the same or the paragraph before) among its parties; not
    "The leaders of the CSTO member states", nor after a sentence that tells a meeting of
    its own ("A and B discussed the situation by phone")."""
    for m in meetings:
        sent = doc.sentence_at(m.span.start)
        if sent is None or not _THE_LEADERS.match(doc.text, sent.start):
            continue
        before = doc.sentence_next_to(sent, -1)
        if before is None or not doc.near(before.start, sent.start):
            continue
        if any(before.start <= o.span.start < before.end for o in meetings):
            continue
        named = dict.fromkeys(
            doc.ref(x) for x in doc.mentions_in(before.start, before.end, "person")
        )
        if len(named) >= 2:
            _join(m, named)


def _join(m: Meeting, refs) -> None:
    """Those named take part in meeting m, each once, its organiser not among them."""
    for ref in refs:
        if ref not in m.participants and ref != m.organizer:
            m.participants.append(ref)


# "Xi told the SCO leaders, including Belarusian President Alexander Lukashenko and India's
# Prime Minister Narendra Modi, that …": those the summit's leaders include were there
_LEADERS_INCLUDING = re.compile(
    r"\b(?:leaders|heads of state(?: and government)?|delegates|delegations|participants)"
    r"\s*,?\s+(?:including|among them|such as)\s+",
    re.I,
)
# (not the dot of an initial or a title: "Mellisa K. Santokhi", "Dr. Ali")
_SENTENCE_DOT = (
    r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\bHon)(?<!\bAmb)(?<!\bProf)"
    r"\.(?:\s|$)"
)
_CLAUSE_END = re.compile(rf",\s*(?:that|who|which|where|while|as|but)\b|;|[“\"]|{_SENTENCE_DOT}")
# a delegation's list runs on through its semicolons ("A, Minister of X; B, Minister of Y")
_DELEGATION_END = re.compile(rf",\s*(?:that|who|which|where|while|as|but)\b|[“\"]|{_SENTENCE_DOT}")


def _leaders_including(doc: Doc, meetings: list[Meeting]) -> None:
    """The persons named after "the leaders, including" are at the summit or session told
    last, within three paragraphs."""
    for _pi, sent in doc.sentences:
        for inc in _LEADERS_INCLUDING.finditer(doc.text, sent.start, sent.end):
            before = [
                m
                for m in meetings
                if m.span.start <= sent.start and (m.kinds & {"Summit", "Session"} or m.organizer)
            ]
            m = _told_last(doc, before, sent, 3)
            if m is None:
                break
            _persons_join(doc, m, inc.end(), sent.end)


def _told_last(doc: Doc, before: list[Meeting], sent, paragraphs: int) -> Meeting | None:
    """The meeting told last of `before`, if it is told within `paragraphs` paragraphs
    before the sentence."""
    if not before:
        return None
    m = max(before, key=lambda x: x.span.start)
    return None if doc.paragraphs_between(m.span.start, sent.start) > paragraphs else m


def _persons_join(
    doc: Doc, m: Meeting, start: int, sent_end: int, clause_end: re.Pattern = _CLAUSE_END
) -> list[str]:
    """The persons named from `start` to the end of the clause take part in meeting m (and
    are returned)."""
    end = clause_end.search(doc.text, start, sent_end)
    named = [
        doc.ref(mm) for mm in doc.mentions_in(start, end.start() if end else sent_end, "person")
    ]
    _join(m, named)
    return named


# "The Indonesian leader was accompanied by Foreign Minister Retno Marsudi, Minister of …
# Erick Thohir and …", "The President, accompanied by Foreign Minister Sugiono and …", "was
# accompanied to the Ministry of Foreign Affairs by Anita Martin, …"
_ACCOMPANIED = re.compile(r"\baccompanied(?:\s+(?:to|on|at|in)\s+[^.,;:“\"]{1,60}?)?\s+by\b", re.I)
_REMOTE = {"PhoneCall", "Videoconference"}
_HIS_VISIT = re.compile(r"\b(?:his|her|the|this)\s+(?:[\w-]+\s+){0,2}?visit\b", re.I)


def _accompanied(doc: Doc, meetings: list[Meeting]) -> None:
    """The persons a party to a meeting "was accompanied by" take part in it: a delegation
    comes to the talks with its leader. The meeting is the one told last (in that sentence
    or within two paragraphs before), not a call; the one accompanied is a party to it, or
    is not named there ("He was accompanied by", "The Indonesian leader, accompanied by")."""
    for _pi, sent in doc.sentences:
        for acc in _ACCOMPANIED.finditer(doc.text, sent.start, sent.end):
            before = [m for m in meetings if m.span.start <= acc.start() and not m.kinds & _REMOTE]
            if _HIS_VISIT.search(doc.text, sent.start, acc.start()):
                # "Throughout his visit to Moscow, Mr Abela was accompanied by …": the visit,
                # not the talks told with it
                before = [m for m in before if "Visit" in m.kinds] or before
            lead = [doc.ref(mm) for mm in doc.mentions_in(sent.start, acc.start(), "person")]
            # "President Santokhi will be accompanied by …" five paragraphs after his visit
            # was told: the one named says which
            m = _told_last(doc, before, sent, 2) or _told_last(
                doc, [b for b in before if set(lead) & set(b.participants)], sent, 6
            )
            if m is None:
                break
            if lead and not any(r in m.participants for r in lead):
                continue  # another's company ("Minister Findley was accompanied by …")
            _persons_join(doc, m, acc.end(), sent.end, _DELEGATION_END)


# "several Tuvalu ministers are also part of Natano’s delegation, including … Minister A; …
# Minister B; and the Secretary to Government C", "The delegation included A and B", "The
# delegation accompanying President Mulino includes the Ministers of …"
_DELEGATION_INCLUDES = re.compile(
    r"\bdelegation(?:\s+(?:accompanying|of|led\s+by|headed\s+by)\s+[^.,;:“\"]{1,50}?)?"
    r"(?:,?\s+(?:including|among\s+them)|\s+(?:included|includes|comprised|"
    r"comprises|consisted\s+of|consists\s+of))\s+"
)


def _delegation_includes(doc: Doc, meetings: list[Meeting]) -> None:
    """Those a party's delegation includes take part in the meeting told last (in that
    sentence or within three paragraphs before), not a call; the delegation's owner, when
    named ("Natano’s delegation"), is a party to it."""
    for _pi, sent in doc.sentences:
        for inc in _DELEGATION_INCLUDES.finditer(doc.text, sent.start, sent.end):
            before = [m for m in meetings if m.span.start <= inc.start() and not m.kinds & _REMOTE]
            m = _told_last(doc, before, sent, 3)
            if m is None:
                break
            owner = [
                doc.ref(x)
                # (or named inside: "The delegation accompanying President Mulino")
                for x in doc.mentions_in(max(sent.start, inc.start() - 40), inc.end(), "person")
            ]
            if owner and not set(owner) & set(m.participants):
                continue  # another's delegation
            _persons_join(doc, m, inc.end(), sent.end, _DELEGATION_END)


# "The opening ceremony featured addresses by the CARICOM Secretary-General, Dr. Carla
# Barnett; Prime Minister of The Bahamas, the Hon. Philip Davis; …", "heard statements from"
_ADDRESSES_BY = re.compile(
    r"\b(?:featured|included|heard|saw|with)\s+(?:(?:opening|keynote|welcome)\s+)?"
    r"(?:addresses|speeches|remarks|statements)\s+(?:by|from)\s+",
    re.I,
)


def _addresses_by(doc: Doc, meetings: list[Meeting]) -> None:
    """Those who gave the addresses a meeting's ceremony or sitting "featured" spoke at it:
    they take part in the meeting told last (in that sentence or within two paragraphs
    before), not a call."""
    for _pi, sent in doc.sentences:
        for a in _ADDRESSES_BY.finditer(doc.text, sent.start, sent.end):
            before = [
                m for m in meetings if m.span.start <= a.start() and "PhoneCall" not in m.kinds
            ]
            m = _told_last(doc, before, sent, 2)
            if m is None:
                break
            _persons_join(doc, m, a.end(), sent.end, _DELEGATION_END)


# "The Summit was also attended by …; representative of the United Nations; representative
# of the IGAD Partners Forum (IPF); … Representatives of the Troika (the Governments of
# Norway, UK and the US)": a body or a state whose envoy the text does not name
_ATTENDED_BY = re.compile(r"\b(?:was|were)\s+(?:also\s+)?attended\s+by\b")
_REPRESENTATIVE_OF = re.compile(r"\b[Rr]epresentatives?\s+of\s+(?:the\s+)?")


def _represented_attending(doc: Doc, meetings: list[Meeting]) -> None:
    """The states and bodies whose unnamed representatives a meeting "was attended by" take
    part in the meeting told last (in that sentence or within two paragraphs before)."""
    for _pi, sent in doc.sentences:
        for a in _ATTENDED_BY.finditer(doc.text, sent.start, sent.end):
            before = [m for m in meetings if m.span.start <= a.start()]
            m = _told_last(doc, before, sent, 2)
            if m is None:
                break
            for r in _REPRESENTATIVE_OF.finditer(doc.text, a.end(), sent.end):
                semi = doc.text.find(";", r.end(), sent.end)
                end = semi if semi >= 0 else sent.end
                named = [
                    x
                    for x in doc.mentions_in(r.end(), end)
                    if x.kind in ("country", "org") and not x.adjective
                ]
                # (not "IGAD" in "the IGAD Partners Forum (IPF)", a piece of a longer name)
                _join(
                    m,
                    [
                        doc.ref(x)
                        for x in named
                        if not _inside_another(x, named)
                        and not _NAME_GOES_ON.match(doc.text, x.end)
                    ],
                )


_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


def _inside_another(x, mentions) -> bool:
    return any(
        y.start <= x.start and x.end <= y.end and (y.start, y.end) != (x.start, x.end)
        for y in mentions
    )


# "They were welcomed at Nội Bài International Airport in Hà Nội by Chairman … Lê Khánh
# Hải, …", "President Xi was welcomed by Finance Secretary Carlos Dominguez III, …"
_WELCOMED_BY = re.compile(
    r"\b(?:was|were)\s+(?:warmly\s+)?(?:welcomed|received|greeted|met)\b[^.;“\"]*?\bby\b"
)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:He|She|They)\s+$")


def _welcomed(doc: Doc, meetings: list[Meeting]) -> None:
    """Those a visitor "was welcomed by" on arrival take part in the visit: the hosts who
    met the guest. The visit is the one told last, within two paragraphs; the one welcomed
    is a party to it, or "He", "She", "They"."""
    for _pi, sent in doc.sentences:
        for w in _WELCOMED_BY.finditer(doc.text, sent.start, sent.end):
            before = [m for m in meetings if m.span.start <= w.start() and "Visit" in m.kinds]
            m = _told_last(doc, before, sent, 2)
            if m is None:
                break
            lead = [doc.ref(mm) for mm in doc.mentions_in(sent.start, w.start(), "person")]
            if not (
                any(r in m.participants for r in lead)
                or (not lead and _PRONOUN_SUBJECT.fullmatch(doc.text, sent.start, w.start()))
            ):
                continue
            hosts = _persons_join(doc, m, w.end(), sent.end)
            visited = _visited_state(doc, m)
            if set(hosts) & set(m.participants) and visited in m.participants:
                # "… were met at the airport by President Akufo-Addo": the host who met the
                # guest stands for the state visited, which is no party beside him
                m.participants.remove(visited)


def _visited_state(doc: Doc, m: Meeting) -> str | None:
    """The state a visit's place is in, as a party would be named ("country/…")."""
    state = _host_country(doc, m.location) if m.location else None
    return f"country/{state}" if state else None


# "at the invitation of his Nepalese counterpart", "on the official invitation of"
_INVITED_BY = re.compile(r"\b(?:at|on|upon)\s+the\s+(?:[\w-]+\s+){0,2}?invitation\s+of\b")


def _invited_by(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Krivokapić is paying an official visit to Bosnia and Herzegovina, at the invitation
    of Chairman of the Council of Ministers … Zoran Tegeltija": the host who invited the
    guest takes part in the visit, and stands for the state visited (as one who welcomed
    the guest does)."""
    for m in meetings:
        sent = doc.sentence_at(m.span.start) if "Visit" in m.kinds else None
        inv = _INVITED_BY.search(doc.text, sent.start, sent.end) if sent else None
        if inv is None:
            continue
        end = _CLAUSE_END.search(doc.text, inv.end(), sent.end)
        named = doc.mentions_in(inv.end(), end.start() if end else sent.end, "person")
        host = doc.ref(named[0]) if named else None
        if host is None or host in m.participants:
            continue
        _join(m, [host])
        visited = _visited_state(doc, m)
        state = visited.split("/", 1)[1] if visited else None
        if visited in m.participants and state in (doc.post_countries(host) or [state]):
            m.participants.remove(visited)
            m.key = meeting_key(doc, m.date, m.participants)


# "The heads of the delegations were received by President X": those of the meeting just
# told, as a group
_THE_DELEGATIONS = re.compile(
    r"\s*(?:The|All\s+the)\s+(?:heads\s+of\s+(?:the\s+)?delegations?|delegations|delegates|"
    r"participants(?:\s+of\s+the\s+(?:meeting|summit|session))?|(?:foreign\s+)?ministers|"
    r"leaders|heads\s+of\s+state(?:\s+and\s+government)?)\s+(?:were|was)\s+"
    r"(?:later\s+|then\s+|also\s+|jointly\s+)?(?:received|welcomed|hosted)\s+by\b"
)


def _delegations_received(doc: Doc, meetings: list[Meeting]) -> None:
    """ "The heads of the delegations were received by President Sooronbay Jeenbekov" after
    a session of foreign ministers: the host met the session's persons, on its day (a
    meeting whose only party the parse found is the host)."""
    for m in meetings:
        sent = doc.sentence_at(m.span.start)
        if sent is None or not _THE_DELEGATIONS.match(doc.text, sent.start, sent.end):
            continue
        before = [o for o in meetings if o.span.start < sent.start]
        o = _told_last(doc, before, sent, 3)
        if o is None:
            continue
        guests = [p for p in o.participants if p.startswith("person/")]
        if len(guests) < 2 or len([p for p in m.participants if p not in guests]) > 1:
            continue
        _join(m, guests)
        m.date = m.date or o.date
        m.key = meeting_key(doc, m.date, m.participants)


def _attendance_list(doc: Doc, start: int, end: int) -> list[str]:
    """The persons a list of those present names, from start to end and on in the next
    paragraph while it reads as more of the list."""
    spans = [(start, end)]
    para = doc.paragraph_at(start)
    if para is not None:
        spans = [(start, para.end)]
        nxt = doc.paragraph_after(para)
        if nxt is not None and _DIGNITARY_START.match(doc.text, nxt.start, nxt.end):
            spans.append((nxt.start, nxt.end))
    out: list[str] = []
    for a, b in spans:
        for mm in doc.mentions_in(a, b, "person"):
            if _REPRESENTING.search(doc.text, max(a, mm.start - 60), mm.start):
                continue
            ref = doc.ref(mm)
            if ref not in out:
                out.append(ref)
    return out


_LIST_LINE = re.compile(r"\s*(?:[-–•*]\s*)?[A-Z][^.:\n]{0,60}:\s*\S|\s*[-–•*]\s*\S")


# "represented by X on behalf of the Head of State, Y": Y sent X and was not there
_ON_BEHALF = re.compile(r"\bon behalf of\b(?:(?! and )[^;.])*$")


def _sent_by_other(doc: Doc, start: int, pos: int) -> bool:
    """The person at pos is the one "on behalf of" whom another came ("on behalf of the
    Angolan Head of State, João Lourenço"), not the next signer after "on behalf of
    Türkiye, B …"."""
    m = _ON_BEHALF.search(doc.text, start, pos)
    if m is None:
        return False
    return not any(not x.adjective for x in doc.mentions_in(m.start(), pos) if x.kind != "person")


def _date_from_lead(doc: Doc, meetings: list[Meeting]) -> None:
    """A news story gives the day of its event in the lead and names the parties later:
    "A regional economic summit in Pakistan on Wednesday concluded …", "India said on Friday
    its foreign minister and his Chinese counterpart spoke on the phone on Thursday … citing
    the conversation between Jaishankar and Wang Yi". The one undated meeting of a kind takes
    the day the lead gives a meeting of that kind, when no meeting of that kind has a day."""
    lead_end = doc.lead_end()
    lead = [s for _pi, s in doc.sentences if s.start < lead_end]
    for kind, words in _LEAD_WORDS.items():
        undated = [m for m in meetings if m.date is None and kind in m.kinds]
        if len(undated) != 1 or any(m.date and kind in m.kinds for m in meetings):
            continue
        for sent in lead:
            word = words.search(doc.text, sent.start, sent.end)
            if word is None or _FUTURE_WORDS.search(doc.text, sent.start, sent.end):
                continue
            date = _date(doc, sent, word.start())
            if date is not None:
                m = undated[0]
                m.date = date
                m.key = meeting_key(doc, date, m.participants)  # (keyed "undated-…" before)
                break


# "is paying an official visit", "is currently visiting", "are on a state visit"
# (not "Mnangagwa who is visiting Zambia … held talks": the talks are what the page tells)
_VISIT_UNDER_WAY = re.compile(
    r"(?<!\bwho )\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:paying|making|on|visiting)\b", re.I
)
# "The 2018 G20 Summit … has ended with the agreement on a document"
_SITTING_JUST_ENDED = re.compile(r"\b(?:has|have)\s+(?:just\s+)?(?:ended|concluded|closed)\b")
_GOING_ON_IN_THE_LEAD = {"Visit": _VISIT_UNDER_WAY, "Summit": _SITTING_JUST_ENDED}


def _going_on_in_the_lead(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Prime Minister Zdravko Krivokapić is paying an official visit to Bosnia and
    Herzegovina", "The 2018 G20 Summit … has ended with the agreement on a document" in a
    dated page's lead: a visit going on that day, a summit just ended, of the page's day (the
    basis says so), as a deployment "being sent" in a lead is."""
    pub = doc.meta.published
    for m in meetings:
        told = [rx for kind, rx in _GOING_ON_IN_THE_LEAD.items() if kind in m.kinds]
        if m.date is not None or m.earlier or not told:
            continue
        if m.continues and any(o.span.start < m.span.start for o in meetings):
            continue  # (told again: "the meeting was chaired by …" after it)
        sent = doc.sentence_at(m.span.start)
        if (
            pub is None
            or sent is None
            or not doc.in_lead(sent.start)
            or not any(rx.search(doc.text, sent.start, sent.end) for rx in told)
            or _FUTURE_WORDS.search(doc.text, sent.start, sent.end)
        ):
            continue
        m.date = doc.meta.page_day()
        m.key = meeting_key(doc, m.date, m.participants)


def _day_of_the_series(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Bourita held, Tuesday in Cairo, a series of talks with his counterparts" and then
    one paragraph per counterpart with no day: each of those talks of his is Tuesday's."""
    lead_end = doc.lead_end()
    for _pi, sent in doc.sentences:
        if sent.start >= lead_end:
            break
        series = _MEETINGS_IN_THE_PLURAL.search(doc.text, sent.start, sent.end)
        if series is None or _FUTURE_WORDS.search(doc.text, sent.start, sent.end):
            continue
        date = _date(doc, sent, series.start())
        holders = {doc.ref(m) for m in doc.mentions_in(sent.start, series.start(), "person")}
        if date is None or not holders:
            continue
        for m in meetings:
            if (
                m.date is None
                and not m.earlier
                and m.span.start >= sent.end
                and holders & set(m.participants)
                and not doc.dates.dates_in(sent.end, m.span.end)
            ):
                m.date = date
                m.key = meeting_key(doc, date, m.participants)


_ARRIVAL = re.compile(r"\b(?:arrived|touched down|landed|flew into|was welcomed|was received)\b")


# a sentence that tells a meeting only by what its parties discussed
_DISCUSSED_ONLY = re.compile(r"\bdiscuss(?:ed|es|ing)?\b", re.I)
_OTHER_MEETING_WORD = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|summit|session|call|called|phoned|visit\w*|"
    r"conversation|received|hosted|conference)\b",
    re.I,
)


def _discussions_of_the_meeting_before(doc: Doc, meetings: list[Meeting]) -> list[Meeting]:
    """ "Visegrád prime ministers gathered for a V4 summit in Prague on Tuesday. The heads of
    government of the Czech Republic, Hungary, Poland and Slovakia discussed …" (dev 311):
    a sentence that tells only what was discussed (on no other day), right after the one
    dated meeting of the sentence before in the same paragraph, tells that meeting's
    parties, not another meeting."""
    gone: set[int] = set()
    for m in meetings:
        if m.continues or m.earlier:
            continue
        sent = doc.sentence_at(m.span.start)
        if sent is None or not _DISCUSSED_ONLY.search(doc.text, sent.start, sent.end):
            continue
        if _OTHER_MEETING_WORD.search(doc.text, sent.start, sent.end):
            continue
        prev = doc.sentence_next_to(sent, -1)
        if prev is None or doc.paragraph_at(prev.start) is not doc.paragraph_at(sent.start):
            continue
        told = [
            o
            for o in meetings
            if o is not m and prev.start <= o.span.start < prev.end and id(o) not in gone
        ]
        if len(told) != 1 or told[0].date is None:
            continue
        if m.date is not None and m.date.value != told[0].date.value:
            continue  # (its own day, another meeting's)
        _join(told[0], m.participants)
        gone.add(id(m))
    return [m for m in meetings if id(m) not in gone]


def _parties_of_the_event_before(doc: Doc, meetings: list[Meeting]) -> None:
    """ "The Benelux Summit was held on 28 November 2022 at Bourglinster Castle …" and, in
    the next paragraph, "The Prime Minister, Xavier Bettel, received the Prime Minister of
    the Netherlands, Mark Rutte, and the Prime Minister of Belgium, Alexander De Croo": a
    dated summit or session told with no party, then one undated meeting right after, is
    that event, its parties those the meeting names."""
    for ev in meetings:
        if ev.participants or ev.organizer or ev.date is None:
            continue
        if not ev.kinds & {"Summit", "Session"}:
            continue
        after = sorted(
            (m for m in meetings if m.span.start >= ev.span.end), key=lambda m: m.span.start
        )
        if not after or doc.paragraphs_between(ev.span.start, after[0].span.start) > 1:
            continue
        m = after[0]
        if m.date is not None or m.continues or m.earlier or len(m.participants) < 2:
            continue
        if any(d.value for d in doc.dates.dates_in(ev.span.end, m.span.start)):
            continue  # another day told in between
        m.date = ev.date
        m.kinds |= ev.kinds
        m.location = m.location or ev.location
        m.key = meeting_key(doc, m.date, m.participants)


def _date_from_the_visit_after(doc: Doc, meetings: list[Meeting]) -> None:
    """ "The Presidents of Uzbekistan and Kyrgyzstan held tete-a-tete talks at the Kuksaroy
    residence. The Kyrgyz leader today landed in Tashkent for an official visit.": talks
    told with no day, then, in the same paragraph, the dated visit of one or both of them,
    are of the visit's day."""
    for m in meetings:
        if m.date is not None or m.continues or m.earlier or len(m.participants) < 2:
            continue
        sent = doc.sentence_at(m.span.start)
        nxt = doc.sentence_next_to(sent, 1) if sent is not None else None
        if nxt is None or doc.paragraph_at(nxt.start) is not doc.paragraph_at(sent.start):
            continue
        visits = [
            o
            for o in meetings
            if nxt.start <= o.span.start < nxt.end
            and "Visit" in o.kinds
            and o.date is not None
            and o.participants
            and set(o.participants) <= set(m.participants)  # (the visitor, the host or both)
        ]
        if len(visits) == 1:
            m.date = visits[0].date
            m.key = meeting_key(doc, m.date, m.participants)


def _date_of_the_visit_during(doc: Doc, meetings: list[Meeting]) -> None:
    """ "On Monday 7 March, Prime Minister Sanna Marin will visit Tallinn … During her visit,
    Prime Minister Marin will also meet with …": talks told with no day "during" a visit
    told before, which one of their parties makes, are of the visit's day."""
    for m in meetings:
        if m.date is not None or m.continues or m.earlier or len(m.participants) < 2:
            continue
        if not _DURING_THE_VISIT.search(doc.text, m.span.start, m.span.end):
            continue
        visits = [
            o
            for o in meetings
            if o.span.start < m.span.start
            and "Visit" in o.kinds
            and o.date is not None
            and set(o.participants) & set(m.participants)
        ]
        if visits and not _SEVERAL_DAYS.search(doc.text, visits[-1].span.start, m.span.end):
            # (not "a two-day official visit … During his visit, the Foreign Secretary will
            # pay courtesy calls": which of its days, the text does not say)
            m.date = visits[-1].date
            m.key = meeting_key(doc, m.date, m.participants)


# "President Maada Bio and delegation arrived on Tuesday, May 8, 2018 at the airport"
_ARRIVED_ON = re.compile(
    r"\s+(?:and\s+(?:his\s+|her\s+|the\s+)?(?:[\w-]+\s+)?delegation\s+)?(?:has\s+|had\s+)?"
    r"arrived\b[^.;]{0,60}?"
)


def _date_of_the_arrival_after(doc: Doc, meetings: list[Meeting]) -> None:
    """ "President Weah has received in audience … President Maada Bio on a one-day working
    visit. … President Maada Bio and delegation arrived on Tuesday, May 8, 2018": talks told
    with no day are of the day one of their persons is told to arrive, within the same or
    the next paragraph and four sentences."""
    for m in meetings:
        if (m.date is not None and m.date.value) or m.continues or m.earlier:
            continue
        persons = {p for p in m.participants if p.startswith("person/")}
        after = [
            s
            for _pi, s in doc.sentences
            if s.start >= m.span.end and doc.near(m.span.start, s.start)
        ]
        days = [
            d
            for sent in after[:4]
            for d in doc.dates.dates_in(sent.start, sent.end)
            if d.value
            and any(
                doc.ref(x) in persons and _ARRIVED_ON.fullmatch(doc.text, x.end, d.start)
                for x in doc.mentions_in(sent.start, d.start, "person")
            )
        ]
        if days:
            m.date = days[0]
            m.key = meeting_key(doc, m.date, m.participants)


def _date_from_the_sentence_before(doc: Doc, meetings: list[Meeting]) -> None:
    """An undated meeting told right after a dated sentence of its own parties, with no one
    else named in between, is of that day: after an arrival ("The prime minister touched
    down in Apia on Friday morning … He sat down for a one-on-one meeting with Salwai"),
    and a call after a sentence naming both callers ("Erdoğan on Monday congratulated his
    Kosovar counterpart … the leaders discussed … in a phone call")."""
    for m in meetings:
        if m.date is not None or m.continues:
            continue
        before = [s for _pi, s in doc.sentences if s.end <= m.span.start]
        for sent in reversed(before[-2:]):
            if not doc.near(sent.start, m.span.start):
                break
            named = {doc.ref(x) for x in doc.mentions_in(sent.start, m.span.start, "person")}
            if not named <= set(m.participants):
                break  # someone else's arrival, or someone else in between
            arrival = _ARRIVAL.search(doc.text, sent.start, sent.end)
            parties = {doc.ref(x) for x in doc.mentions_in(sent.start, sent.end, "person")} == set(
                m.participants
            )
            if (
                arrival is None
                and len(m.participants) >= 2
                and parties
                # (or the lead's: "A and her Swedish counterpart B on Friday underscored
                # …" and then "The Premiers … met in Helsinki")
                and ("PhoneCall" in m.kinds or doc.in_lead(sent.start))
                and not _ANOTHER_TIME.search(doc.text, m.span.start, m.span.end)
            ):
                # "Erdoğan on Monday congratulated his Kosovar counterpart Osmani-Sadriu. …
                # the leaders discussed regional developments … in a phone call": the call
                # is the day the sentence naming both of them gives
                date = _date(doc, sent, sent.start)
                if date is not None and not _FUTURE_WORDS.search(doc.text, sent.start, sent.end):
                    m.date = date
                    m.key = meeting_key(doc, date, m.participants)
                break
            if arrival is None:
                if _has_date(doc, sent):
                    break  # a day of something else in between
                continue
            if _FUTURE_WORDS.search(doc.text, sent.start, sent.end):
                break
            date = _date(doc, sent, arrival.start())
            if date is not None and date.start > arrival.start():
                m.date = date
                m.key = meeting_key(doc, date, m.participants)
                where = _IN_PLACE.match(doc.text, arrival.end())
                if m.location is None and where is not None:
                    m.location = next(
                        (
                            doc.ref(x)
                            for x in doc.mentions_in(where.end(), where.end() + 40, "place")
                            if x.start == where.end()
                        ),
                        None,
                    )
            break


# "Shortly after the inauguration …, the two Foreign Ministers had a first telephone
# conversation": a time of its own, not the day of the sentence before
_ANOTHER_TIME = re.compile(r"\b(?:after|afterwards|later|earlier|before|previously|since)\b", re.I)
_IN_PLACE = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?")


# the words by which a lead tells a meeting of each kind
_LEAD_WORDS = {
    "Summit": re.compile(r"\bsummit\b", re.I),
    "PhoneCall": re.compile(
        r"\b(?:(?:tele)?phone|spoke|called|call|conversation|dialed|dialled)\b", re.I
    ),
    "Videoconference": re.compile(r"\b(?:video|videoconference|virtual|virtually|online)\b", re.I),
    "Visit": re.compile(r"\b(?:visit|visited|visiting|arrived|trip|tour)\b", re.I),
    "InPersonMeeting": re.compile(
        r"\b(?:met|meet|meeting|talks|received|hosted|signed|inked)\b", re.I
    ),
    "Session": re.compile(r"\b(?:session|meeting|convened|council|conference)\b", re.I),
}
_FUTURE_WORDS = re.compile(r"\b(?:will|would|to be held|is to|are to|next)\b", re.I)


# "Minister of Foreign Affairs, Dominica (representing Prime Minister of the Commonwealth of
# Dominica, Dr. the Hon. Roosevelt Skerrit)": the one represented is not there
_REPRESENTED = re.compile(r"\(\s*(?:representing|on behalf of)\b[^)]*$", re.I)


def _listed_below(doc: Doc, pos: int) -> tuple[list[str], int]:
    """The attendees a list after a colon names, one line each ("Angola: H.E. Joao
    Lourenco, President"): each line's person, else its state; the list ends at the first
    line that is not an item. Returned with them: where the last item ends."""
    out: list[str] = []
    end = pos
    for para in doc.paragraphs:
        if para.start < pos:
            continue
        line = doc.text[para.start : para.end]
        if len(line) > 200 or not _LIST_LINE.match(line):
            break
        end = para.end
        named = [
            m
            for m in doc.mentions_in(para.start, para.end)
            if not m.adjective and not _REPRESENTED.search(doc.text, para.start, m.start)
        ]
        persons = [m for m in named if m.kind == "person"]
        pick = persons or [m for m in named if m.kind in ("country", "org")][:1]
        for m in pick:
            ref = doc.ref(m)
            if ref not in out:
                out.append(ref)
    return out, end


def _named_in(doc: Doc, s: int, e: int) -> list[str]:
    """Every actor named (not merely described by an adjective) in text[s:e]."""
    out: list[str] = []
    for m in doc.mentions_in(s, e):
        if m.kind in ("person", "org", "country") and not m.adjective:
            ref = doc.ref(m)
            if ref not in out:
                out.append(ref)
    return out


# what a meeting's chair "chaired" when the sentence does not name the meeting again
_PROCEEDINGS = {"proceedings", "deliberations", "discussions"}
_ATTEND_CUE = re.compile(
    rf"\bchaired\s+the\s+(?:{'|'.join(sorted(_PROCEEDINGS))})\b"
    r"|\b(?:attend\w*|participat\w*|presided|in the presence of|signed by|present|t[ao]o?k\w* part|"
    r"spoke|speaking|represented by|participants|representatives|delegates|delegations"
    r"|(?:meeting|summit|session|conference|talks)\s+(?:also\s+)?(?:included|brought together)"
    r"|(?:facilitated|mediated|brokered|witnessed|flanked|hosted|chaired|opened|inaugurated)"
    rf" by)\b|{_JOINED_AT_THE}",
    re.I,
)
# "The talks were facilitated by A and B", "flanked by": those named after "by" were there
_BY_WHOM = {
    "facilitated", "mediated", "brokered", "witnessed", "flanked", "hosted", "chaired",
    "opened", "inaugurated", "joined", "headed",
}  # fmt: skip


# "The meeting included foreign ministers from A, B and C", "the talks brought together the
# leaders of A and B": the envoys a meeting held are its parties
_HELD_IN_IT = {"meeting", "summit", "talks", "session", "conference"}


def _includes_participants(tok) -> bool:
    lem = lemma(tok.lower_)
    subjects = [c.lower_ for c in tok.children if c.dep_ == "nsubj"]
    if lem in ("include", "included") and any(
        s in ("participants", "attendees", "guests") for s in subjects
    ):
        return True
    gathers = lem in ("include", "included") or (
        lem == "bring"
        and any(c.dep_ in ("prt", "advmod") and c.lower_ == "together" for c in tok.children)
    )
    return (
        gathers
        and any(s in _HELD_IN_IT for s in subjects)
        and any(o.lower_.removesuffix("s") in _COLLECTIVE for o in _objects(tok))
    )


def _attends(tok) -> bool:
    """ "attended", "participated", "took part"; "present" in "Also present were A and B"."""
    lem = lemma(tok.lower_)
    if lem in _ATTEND or tok.lower_ in ("presided", "presides"):
        return True  # (and "X presided over the proceedings")
    if tok.lower_ == "represented" and any(c.dep_ == "agent" for c in tok.children):
        return True  # "The DRC was represented by its Minister …, Mr. X"
    if _includes_participants(tok):
        return True  # "Other participants included X"
    if lem == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children):
        return True
    if tok.lower_ == "attendance" and tok.head.lower_ == "in" and tok.head.head.lower_ in _BE:
        return True  # "A and B were also in attendance"
    return tok.lower_ == "present" and tok.dep_ == "acomp"


_BE = {"was", "were", "is", "are"}


def _persons(m: Meeting) -> int:
    return sum(p.startswith("person/") for p in m.participants)


_WERE_THERE = re.compile(r"\b(?:were|was)\s+(?:also\s+)?(?:present|in\s+attendance)\b")
_TO_COME = re.compile(
    r"\b(?:to\s+be\s+held|will\s+be\s+held|is\s+scheduled|are\s+scheduled|will\s+take\s+place"
    r"|to\s+take\s+place)\b"
)


def _attendance(doc: Doc, meetings: list[Meeting]) -> None:
    """ "The meeting was attended by …", "A and B also took part", "signed by A, B and C",
    "in the presence of X": parties a story names after it reports a meeting are that
    meeting's, within the same or the next paragraph."""
    from kg.extract.statements import dateline_end

    if not meetings:
        return
    ordered = sorted(meetings, key=lambda m: m.span.start)
    listed_end: dict[str, int] = {}  # meeting -> where the list of its attendees ended
    for _pi, sent in doc.sentences:
        others = _OTHERS_AT_IT.match(doc.text, sent.start, sent.end)
        if not (_ATTEND_CUE.search(doc.text, sent.start, sent.end) or others):
            continue
        before = [m for m in ordered if m.span.start <= sent.start]
        were_there = _WERE_THERE.search(doc.text, sent.start, sent.end) is not None
        if were_there:
            # "A, B and C were present" after "they also discussed the Conference to be held
            # on 12-13 May": at the meeting told, not the one to come
            before = [m for m in before if not _TO_COME.search(doc.text, m.span.start, m.span.end)]
        if not before:
            continue
        m = before[-1]
        if were_there and not doc.near(m.span.start, sent.start):
            # "A and B were also in attendance" closing a report whose last meeting told is
            # the guest's visit alone: the talks told before it
            m = next((o for o in reversed(before) if _persons(o) >= 2), m)
        close = (
            doc.near(m.span.start, sent.start)
            # (a list of officials "present" closes a call's report, however long)
            or (were_there and _persons(m) >= 2)
            # "Swaziland was represented by Hon. A, …" right after the list of those who
            # attended: the list goes on
            or (m.key in listed_end and doc.near(listed_end[m.key] - 1, sent.start))
        )
        head = doc.text[sent.start : sent.end]
        named_back = bool(
            _THE_MEETING_WAS.match(head)
            or _OTHERS_AT_IT.match(head)
            or _ATTENDED_THE.search(head)  # "… were among the leaders who attended the summit"
        )
        for kind in ("Summit", "Session"):
            # "The summit was hosted by X" after talks on its sidelines: the summit's host
            same = [o for o in before if kind in o.kinds]
            if named_back and kind.lower() in head[:40].lower() and same:
                m = same[-1]
                close = doc.near(m.span.start, sent.start)
        if not close and not named_back and "Session" not in m.kinds:
            continue  # (a body's session: a record of it names its speakers all along)
        colon = head.find(":")
        if named_back and 0 <= colon < len(head.rstrip()) - 1 and _OTHERS_AT_IT.match(head):
            # "… in attendance were: Prime Minister of X, Honourable A; …; B": every person
            # named after the colon, whatever the parser makes of the list
            _join(
                m, (doc.ref(mm) for mm in doc.mentions_in(sent.start + colon, sent.end, "person"))
            )
            continue
        if others is not None and colon < 0:
            _join(m, _others_named(doc, sent, others.end()))
            continue
        if named_back and (
            head.rstrip().endswith(":")
            # "Took part in the Summit," on a line of its own, the list in bullets below
            or (
                head.rstrip().endswith(",")
                and doc.paragraph_at(sent.start).end <= sent.end + 1
                and _LIST_LINE.match(doc.text, sent.end + 1)
            )
        ):
            # "The Summit was attended by the following Heads of State: / Angola: H.E. …";
            # "Dr. A, Director General of the OECS, and the following Commissioners were also
            # in attendance:": those the sentence names, then the list
            listed_refs, listed_end[m.key] = _listed_below(doc, sent.end)
            if others is not None:
                listed_refs = [
                    doc.ref(mm) for mm in doc.mentions_in(sent.start, sent.end, "person")
                ] + listed_refs
            _join(m, listed_refs)
            continue
        close = close or named_back
        sp = doc.parse(sent)
        if sp is None:
            continue
        off = sent.start
        parties = _Parties(doc, off, dateline_end(doc, sent.start))
        listed: list[str] = []  # "the leaders of A, B and C attended": every named one
        for tok in sp:
            lem = lemma(tok.lower_)
            if "Session" in m.kinds and (
                lem == "speak" or (tok.dep_ == "ROOT" and tok.lower_ not in ("were", "was"))
            ):
                # "Also speaking were the representatives of A, B and C", "The
                # representatives of A, B and C welcomed the adoption": in a body's session,
                # the states whose delegates spoke sat in it
                for x in sp:
                    if x.dep_ in ("nsubj", "attr") and x.lower_.removesuffix("s") in _DELEGATES:
                        listed.extend(
                            r
                            for r in _named_in(doc, *head_span(x, off))
                            if r.startswith("country/")
                        )
                if lem == "speak":
                    continue
            if not close:
                continue
            if (
                lem == "chair"
                and tok.dep_ == "ROOT"
                and any(c.dep_ == "dobj" and c.lower_ in _PROCEEDINGS for c in tok.children)
            ):
                # "The President of Guyana, His Excellency … David Granger, chaired the
                # proceedings": the meeting just told, and its chair
                for subj in _subjects(tok):
                    had = len(parties.refs)
                    parties.add_np(subj)
                    chair = next((r for r in parties.refs[had:] if r.startswith("person/")), None)
                    if chair is not None and m.chair is None:
                        m.chair = chair
                continue
            if tok.lower_ == "chaired" and m.chair is None and tok.dep_ == "ROOT":
                # "The meeting was chaired by Brazil’s Foreign Minister, Mauro Vieira": the
                # meeting just told, and its chair (who joins it below, as those "hosted by")
                m.chair = next(
                    (
                        r
                        for o in _agents(tok)
                        for r in _named_in(doc, *phrase_span(o, off))
                        if r.startswith("person/")
                    ),
                    None,
                )
            attends = _attends(tok)
            if attends and _future_or_wished(tok):
                continue  # "Li Qiang and Kamala Harris are expected to attend": not yet
            if (
                attends
                or tok.lower_ in ("presence", "participation", *_BY_WHOM)
                or (
                    lem == "sign"
                    and (tok.dep_ != "ROOT" or any(c.dep_ == "agent" for c in tok.children))
                )  # "The document was signed by A on behalf of Türkiye, B …"
            ):
                who = tok
                if tok.lower_ == "present":
                    who = tok.head  # "Also present were A and B"
                elif tok.lower_ == "attendance":
                    who = tok.head.head  # "A and B were in attendance"
                if (
                    tok.dep_ == "acl"
                    and tok.head.dep_ == "pobj"
                    and tok.head.head.lower_ == "among"
                ):
                    who = tok.head.head.head  # "A, B and C were among those attending"
                if _includes_participants(tok):
                    for o in _objects(tok):
                        parties.add_np(o)
                    continue
                subjects = _subjects(who) if attends else []
                if (
                    attends
                    and tok.dep_ == "relcl"
                    and tok.head.dep_ == "pobj"
                    and tok.head.head.lower_ == "among"
                ):
                    # "A and B were among the heads of state who attended the summit"
                    subjects = _subjects(tok.head.head.head) or subjects
                for subj in subjects:
                    for x in _conjuncts(subj):
                        if x.lower_.removesuffix("s") in _COLLECTIVE:
                            # the whole subject, however the parser hung its list: up to
                            # the verb when it comes first
                            xs, xe = phrase_span(x, off)
                            if x.i < tok.i:
                                xe = max(xe, off + tok.idx)
                            listed.extend(_named_in(doc, xs, xe))
                        else:
                            parties.add_np(x)
                for c in tok.children:
                    if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "of", "with"):
                        for g in c.children:
                            if g.dep_ == "pobj":
                                for x in _conjuncts(g):
                                    parties.add_np(x)
                    if c.dep_ == "agent" or (
                        c.dep_ == "prep"
                        and c.lower_ == "of"
                        and tok.lower_ in ("participation", "presence")
                    ):
                        # "the participation of presidents A (Argentina), B (Bolivia), …"
                        # "signed by A on behalf of Türkiye, B on behalf of Russia, C …, and
                        # D": the parser scatters a long list; every person up to the clause's
                        # end is in it
                        a = off + c.idx
                        stop = _LIST_END.search(doc.text, a, sent.end)
                        b = stop.start() if stop else sent.end
                        listed.extend(
                            doc.ref(m)
                            for m in doc.mentions_in(a, b, "person")
                            if not _sent_by_other(doc, max(a, m.start - 70), m.start)
                        )
        refs = parties.refs + [r for r in listed if r not in parties.refs]
        if any(r.startswith("person/") for r in refs):
            # the people, not their states; but a state whose unnamed leader or ministers
            # came ("chaired by A, Deputy Prime Minister of Samoa, and attended by the Prime
            # Minister of Cook Islands, and Ministers from Australia, Fiji, …") is a party
            refs = [
                r
                for r in refs
                if r.startswith("person/")
                or (r.startswith("country/") and _only_unnamed_envoys(doc, sent, r))
            ]
        _join(m, refs)


# the pieces of a list: semicolons where the list has them, else commas and "and"
_LIST_CUT = re.compile(r"[,;]|\band\b")
_REPRESENTED_BY = re.compile(r"\brepresented\s+by\b", re.I)
# the words between a person and the state of the post after the name: "A, Deputy Prime
# Minister and Minister for Foreign Affairs of the Federal Democratic Republic of "
_POST_OF_BEFORE = re.compile(r",\s+(?:(?:[A-Z][\w’'.-]*|and|of|for|the)\s+)*")


def _others_named(doc: Doc, sent, start: int) -> list[str]:
    """ "Other Heads of State, who have arrived, include the President of Kenya, Mr A,
    Rwanda’s B and C of Uganda": every person the list names; and a state whose envoys it
    does not name ("… and representatives from Oman and Kuwait")."""
    return [
        r
        for r in (doc.ref(mm) for mm in doc.mentions_in(start, sent.end))
        if r.startswith("person/")
        or (r.startswith("country/") and _only_unnamed_envoys(doc, sent, r))
    ]


def _others_at_the_bodys_meeting(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Asean leaders at the Summit were A, B, …" after the rules found the summit (a
    body's meeting, which the parse's attendance pass never sees): those the list names are
    at the summit or session told last before it, within three paragraphs."""
    for _pi, sent in doc.sentences:
        others = _OTHERS_AT_IT.match(doc.text, sent.start, sent.end)
        if others is None or ":" in doc.text[sent.start : sent.end]:
            continue
        before = [
            m
            for m in meetings
            if m.span.start <= sent.start and m.organizer and m.kinds & {"Summit", "Session"}
        ]
        if not before:
            continue
        m = max(before, key=lambda x: x.span.start)
        if doc.paragraphs_between(m.span.start, sent.start) <= 3:
            _join(m, _others_named(doc, sent, others.end()))


# "Vice Presidents of Malawi, Uganda and Zambia represented their heads of State": the
# states whose envoys stood in for their leaders at the summit just told
_ENVOYS_FOR_LEADERS = re.compile(
    r"\s*(?:The\s+)?(?:[A-Z][\w-]*\s+){1,3}(?:of|from)\s+(?P<who>[^.;:]{3,160}?)\s+(?:also\s+)?"
    r"represented\s+(?:their|his|her)\s+(?:respective\s+)?(?:heads?\s+of\s+(?:state|government)"
    r"|countries|country|governments?|leaders?|presidents?)\b",
    re.I,
)


def _stood_in_for_their_leaders(doc: Doc, meetings: list[Meeting]) -> None:
    """Those envoys' states (or the envoys, when named) join the last summit or session
    told before, the one the story is listing the attendance of."""
    for _pi, sent in doc.sentences:
        stood = _ENVOYS_FOR_LEADERS.match(doc.text, sent.start, sent.end)
        if stood is None:
            continue
        before = [
            m for m in meetings if m.span.start <= sent.start and m.kinds & {"Summit", "Session"}
        ]
        if not before:
            continue
        a, b = stood.span("who")
        named = doc.mentions_in(a, b)
        persons = [doc.ref(x) for x in named if x.kind == "person"]
        states = [doc.ref(x) for x in named if x.kind == "country" and not x.adjective]
        _join(max(before, key=lambda x: x.span.start), persons or states)


def _only_unnamed_envoys(doc: Doc, sent, ref: str) -> bool:
    """Every mention of the state in the sentence stands in a piece of the list that names
    no person, and is not the state of the post written after a person's name ("A, Deputy
    Prime Minister of Samoa")."""
    ms = [x for x in doc.mentions_in(sent.start, sent.end) if doc.ref(x) == ref]
    if not ms:
        return False
    text = doc.text[sent.start : sent.end]
    by = _REPRESENTED_BY.search(text)
    if by is not None and doc.mentions_in(sent.start + by.end(), sent.end, "person"):
        return False  # "Ethiopia was represented by its Minister of Foreign Affairs, Mr. A"
    cut = re.compile(";") if ";" in text else _LIST_CUT
    cuts = [sent.start, *(sent.start + c.start() for c in cut.finditer(text)), sent.end]
    for x in ms:
        lo = max(c for c in cuts if c <= x.start)
        hi = min(c for c in cuts if c > x.start)  # (the sentence's end is among the cuts)
        if x.adjective or doc.mentions_in(lo, hi, "person"):
            return False
        named = doc.mentions_in(sent.start, x.start, "person")
        if named and _POST_OF_BEFORE.fullmatch(doc.text, named[-1].end, x.start):
            return False
    return True


_DECIDE = {
    "adopt",
    "approve",
    "authorize",
    "authorise",
    "pass",
    "endorse",
    "extend",
    "vote",
    "renew",  # "the Council failed to renew sanctions": it sat and voted
    "reject",
    "veto",  # "after Russia vetoed a UN Security Council resolution"
}
_VOTERS = re.compile(
    r"\babstention|\babstain|\b(?:voted?|voting)\b|\bin favou?r\b|\bveto|\bsupported by \d+ of\b",
    re.I,
)


def _sessions(doc: Doc) -> list[Meeting]:
    """ "The Security Council adopted resolution 2699": a vote is taken in session; the
    states named voting or abstaining took part."""
    from kg.extract.statements import dateline_end, in_headline

    for _pi, sent in doc.sentences:
        if in_headline(doc, sent):
            continue  # the headline's "Council extends sanctions": the body says when
        sp = doc.parse(sent)
        if sp is None or not SESSION_CUE.search(doc.text, sent.start, sent.end):
            continue
        off = sent.start
        skip = dateline_end(doc, sent.start)
        for tok in sp:
            if lemma(tok.lower_) not in _DECIDE or tok.dep_ not in (
                "ROOT",
                "advcl",
                "conj",
                "ccomp",
                "xcomp",
            ):
                continue
            body = None
            for subj in _subjects(tok):
                s_, e_ = head_span(subj, off)
                orgs = [
                    m
                    for m in doc.mentions_in(max(s_, skip), e_)
                    if m.kind == "org"
                    and (
                        _BODY_WORDS.search(doc.entities[doc.ref(m)].label)
                        # "The Organization of American States on Tuesday narrowly adopted a
                        # resolution": an organization that votes a resolution sits
                        or (
                            _VOTING_ORG.search(doc.entities[doc.ref(m)].label)
                            and any(
                                c.dep_ == "dobj" and c.lower_ in ("resolution", "resolutions")
                                for c in tok.children
                            )
                        )
                    )
                ]
                # "the Permanent Council of the Organization of American States (OAS)": the
                # council sits, not the organization named after it
                councils = [m for m in orgs if _BODY_WORDS.search(doc.entities[doc.ref(m)].label)]
                if councils or orgs:
                    body = doc.ref((councils or orgs)[-1])
            if body is None and tok.lower_.startswith("veto"):
                # "after Russia vetoed a UN Security Council resolution": a vote in the
                # session of the body whose resolution it was
                for o in tok.children:
                    if o.dep_ == "dobj" and o.lower_ in ("resolution", "draft", "text"):
                        orgs = [
                            m
                            for m in doc.mentions_in(*phrase_span(o, off))
                            if m.kind == "org"
                            and _BODY_WORDS.search(doc.entities[doc.ref(m)].label)
                        ]
                        if not orgs:
                            # "vetoed a draft resolution on Syria at the U.N. Security
                            # Council", "vetoed a resolution on the crisis in the U.N.
                            # Security Council" (hung on the verb): the body where it was done
                            orgs = [
                                m
                                for g in _with_objects(tok, ("at", "in", "on"))
                                for m in doc.mentions_in(*phrase_span(g, off))
                                if m.kind == "org"
                                and _BODY_WORDS.search(doc.entities[doc.ref(m)].label)
                            ]
                        body = doc.ref(orgs[-1]) if orgs else None
            if body is None:
                continue
            date = _date(doc, sent, off + tok.idx)
            if date is None or date.start < skip:
                date = _vote_day_after(doc, sent) or date
            if date is None:
                # the lead's "on Friday" dates the vote the next paragraph reports
                lead = [
                    d
                    for _p, s in doc.sentences
                    if s.end <= sent.start
                    and doc.near(s.start, sent.start)
                    and not in_headline(doc, s)
                    for d in doc.dates.dates_in(s.start, s.end)
                    if d.value and d.basis != "DocumentDate" and not page_stamp(doc, d)
                ]
                date = lead[-1] if lead else None
            if date is None or page_stamp(doc, date):
                # "The short statement adopted at a brief meeting Friday": the day a later
                # sentence gives the Council's meeting
                date = _meeting_day_later(doc, sent) or date
            return [
                Meeting(
                    key=meeting_key(doc, date, [body]),
                    span=Span(sent.start, sent.end),
                    label="",
                    kinds={"Session"},
                    date=date,
                    participants=_voters(doc),
                    organizer=body,
                )
            ]
    return []


_BRIEF = {"brief", "tell", "address", "inform"}
_BRIEF_WORD = re.compile(r"\b(?:brief|told|tell|address|inform)", re.I)


def _briefings(doc: Doc, found: list[Meeting]) -> list[Meeting]:
    """ "The UN political department briefed the Security Council on …", "Volker Perthes has
    told the Security Council that …", "The UN Security Council was briefed on Wednesday by
    …": the council sat and heard the one who briefed it, a session of both."""
    from kg.extract.statements import dateline_end, in_headline

    out: list[Meeting] = []
    for _pi, sent in doc.sentences:
        if in_headline(doc, sent) or not _BRIEF_WORD.search(doc.text, sent.start, sent.end):
            continue
        sp = doc.parse(sent)
        if sp is None:
            continue
        off, skip = sent.start, dateline_end(doc, sent.start)
        for tok in sp:
            if lemma(tok.lower_) not in _BRIEF or tok.dep_ in ("amod", "compound", "pobj"):
                continue
            if tok.text[0].isupper() and tok.i > tok.sent.start:
                continue  # a title-case line: "…, Secretary-General Tells Security Council"
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            heard = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            if lemma(tok.lower_) == "tell" and not passive:
                heard += [c for c in tok.children if c.dep_ == "dative"]
            speakers = (
                [g for c in tok.children if c.dep_ == "agent" for g in c.children]
                if passive
                else _subjects(tok)
            )
            council = next(
                (
                    doc.ref(m)
                    for h in heard
                    for m in doc.mentions_in(*head_span(h, off))
                    # the council itself, not "a meeting of the Arab League Council"
                    if m.kind == "org"
                    and m.start <= off + h.idx < m.end
                    and "Council" in doc.entities[doc.ref(m)].label
                ),
                None,
            )
            if council is None:
                continue
            spans = [phrase_span(who, off) for who in speakers]
            refs = [r for s, e in spans for r in _named_in(doc, max(skip, s), e) if r != council]
            refs = [r for r in refs if r.startswith("person/")] or refs[:1]
            if not refs and not passive:
                continue  # "He told …": whom the statements will say
            date = _date(doc, sent, off + tok.idx)
            if any(
                "Session" in m.kinds or council in m.participants or m.organizer == council
                for m in (*found, *out)
            ):
                continue  # the story tells the session another way
            m = _meeting(doc, sent, [council, *refs], "Session", date, None)
            m.organizer = council
            out.append(m)
    return out


def _meeting_day_later(doc: Doc, sent) -> DateValue | None:
    for _p, s in doc.sentences:
        if s.start <= sent.start or not doc.near(sent.start, s.start):
            continue
        word = _MEETING_WORD.search(doc.text, s.start, s.end)
        if word is None:
            continue
        d = _date(doc, s, word.start())
        if d is not None and not page_stamp(doc, d):
            return d
    return None


_MEETING_WORD = re.compile(r"\b(?:meeting|session)\b", re.I)
_VOTE_DAY = re.compile(r"\b(?:adopted|approved|passed|voted|vote)\b(?:[^.;]{0,12}?\bon)?\s+$", re.I)


def _vote_day_after(doc: Doc, sent) -> DateValue | None:
    """ "UNITED NATIONS (Sputnik - 12th February) The Council adopted a resolution … The
    resolution, adopted on Tuesday evening, …": the dateline dates the page; the day of the
    vote is the one a following sentence gives it."""
    later = [s for _pi, s in doc.sentences if s.start >= sent.end][:5]
    for s in later:
        for d in doc.dates.dates_in(s.start, s.end):
            if d.value and (
                _VOTE_DAY.search(doc.text, max(s.start, d.start - 30), d.start)
                or _VOTED_AFTER_DAY.match(doc.text, d.end)
            ):
                return d
    return None


# "The 15-member Council on Friday adopted the UK-led draft resolution"
_VOTED_AFTER_DAY = re.compile(
    r"\s+(?:\w+ly\s+)?(?:adopted|approved|passed|voted|extended|renewed)\b", re.I
)


_JOINT_APPEARANCE = re.compile(
    r"\bjoint (?:press|news|media) (?:conference|availability|briefing|appearance)\b", re.I
)


def _joint_appearance(doc: Doc) -> list[Meeting]:
    """A transcript titled "Secretary A and Foreign Minister B at a joint press availability":
    the two appeared together, which is a meeting of theirs (the headline is otherwise read
    only in the body's words)."""
    from kg.extract.statements import in_headline

    for _pi, sent in doc.sentences:
        if not in_headline(doc, sent):
            continue
        if not _JOINT_APPEARANCE.search(doc.text, sent.start, sent.end):
            continue
        persons = doc.persons_in(sent.start, sent.end)
        if len(persons) >= 2:
            return [
                Meeting(
                    key=meeting_key(doc, None, persons),
                    span=Span(sent.start, sent.end),
                    label="",
                    kinds={"InPersonMeeting"},
                    participants=persons,
                )
            ]
    return []


def _voters(doc: Doc) -> list[str]:
    """States named as voting or abstaining ("2 abstentions (China, Russian Federation)")."""
    refs: list[str] = []
    for _pi, sent in doc.sentences:
        if not _VOTERS.search(doc.text, sent.start, sent.end):
            continue
        states = [m for m in doc.mentions_in(sent.start, sent.end, "country") if not m.adjective]
        voted: list = []
        for m in states:
            before = doc.text[max(sent.start, m.start - 80) : m.start]
            after = _VOTED_AFTER.match(doc.text, m.end, m.end + 90)
            between = doc.mentions_in(m.end, after.end(), "country") if after else []
            if between and not _ONLY_LISTED.fullmatch(
                blank_out(doc.text, m.end, between[-1].end, between)
            ):
                after = None  # "sanctions against Mali after Russia vetoed": Russia's vote
            # ("India, China and the United Arab Emirates abstained": each of them)
            # ("3 against (Algeria, China, Russian Federation)", "12 in favour (…)" too)
            if re.search(r"(?:abstentions?|against|in\s+favou?r)\s*\([^)]*$", before) or after:
                voted.append(m)
        for a, b in reversed(list(zip(states, states[1:], strict=False))):
            # "The language sponsored by the United States, Argentina, … Paraguay and Peru
            # was adopted with 19 votes in favor": the whole list of those the vote reads
            if b in voted and a not in voted and _LIST_GAP.fullmatch(doc.text, a.end, b.start):
                voted.append(a)
        for ref in [doc.ref(m) for m in sorted(voted, key=lambda m: m.start)]:
            if ref not in refs:
                refs.append(ref)
        for ref in _listed_voters(doc, sent):
            if ref not in refs:
                refs.append(ref)
    return refs


# "Among the countries that voted in favor of extending the mandate are Algeria, Denmark …"
# "was supported by 29 of the 34 delegations, including: Canada, Brazil, …"
# "Voting with Washington were Britain, which co-sponsored the draft, France, …"
_LISTED_VOTERS = re.compile(
    r"\b(?:voted|voting|abstained|in favou?r)\b[^.;]{0,80}?\b(?:are|were|include|included)\s+"
    r"|\bsupported by \d+ of the \d+ (?:delegations|states|members|countries),? including:?\s+",
    re.I,
)
_LIST_GAP = re.compile(r"\s*(?:,|\band\b|\bthe\b|\s)*\s*")
# (a list's item may carry its own clause: "Britain, which co-sponsored the draft, France")
_LIST_GAP_CLAUSE = re.compile(r"(?:,\s*(?:which|who)\b[^,.;]{0,60})?" + _LIST_GAP.pattern)


def _listed_voters(doc: Doc, sent) -> list[str]:
    """The states a sentence lists after "those that voted … are": each a voter, for as
    long as the list goes on."""
    lead = _LISTED_VOTERS.search(doc.text, sent.start, sent.end)
    if lead is None:
        return []
    out: list[str] = []
    pos = lead.end()
    for m in doc.mentions_in(lead.end(), sent.end, "country"):
        if m.adjective or not _LIST_GAP_CLAUSE.fullmatch(doc.text, pos, m.start):
            break
        out.append(doc.ref(m))
        pos = m.end
    return out


def _in_another_month(doc: Doc, tok) -> bool:
    """ "The two men also spoke in November" in a January page: a month of its own, so
    another time than the story's dated call of the same two."""
    pub = doc.meta.published
    if pub is None or pub.value is None:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "during")
        and any(
            g.dep_ == "pobj" and MONTHS.get(g.lower_) not in (None, pub.value.month)
            for g in c.children
        )
        for c in tok.children
    )


def _pair_spoke(tok) -> bool:
    """ "A and B spoke by phone", "the two leaders spoke over the telephone": a call whose
    parties are the verb's subjects; "The two men also spoke in November": the two spoke
    with each other, by phone or not (not where: "spoke at the rally", "on television")."""
    by_phone = any(
        c.dep_ == "prep"
        and c.lower_ in ("by", "over", "on")
        and any(g.lower_ in ("phone", "telephone") for g in c.children)
        for c in tok.children
    )
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    pair = [
        s
        for s in subjects
        if s.lower_ in _PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in s.children)
    ]
    if (
        not by_phone
        and any(s.lower_ in _PERSON_PAIR_NOUNS for s in pair)
        and not any(c.dep_ in ("dobj", "ccomp") for c in tok.children)
        and not any(c.dep_ == "prep" and c.lower_ in ("at", "on", "before") for c in tok.children)
    ):
        return True
    return by_phone and (
        bool(pair) or any(any(c.dep_ == "conj" for c in s.children) for s in subjects)
    )


_ONLY_LISTED = re.compile(r"(?:\s*(?:,|and|the|X)\s*)*")


_VOTED_AFTER = re.compile(r"[^.;]{0,40}?\b(?:abstain|voted?|cast|veto)")
_CALL_NEAR = re.compile(r"\b(?:phone|telephone|call|calls|conversation)\b", re.I)


def _call_context(doc: Doc, sent, title, verb_lemma, hub) -> bool:
    """ "spoke with", "had conversations with" in a paragraph (or under a headline) about a
    phone call are that call."""
    if verb_lemma not in ("speak", "talk") and hub.lower_ not in ("conversation", "conversations"):
        return False
    para = _para_of(doc, sent.start)
    if _CALL_NEAR.search(doc.text, para.start, para.end):
        return True
    if verb_lemma == "speak" and not any(m.kind == "place" for m in doc.mentions):
        return True  # "Today, Prime Minister Justin Trudeau spoke with the Prime Minister of
        # Saint Lucia" in a story that names no place: a readout's formula for a call
    return title is not None and bool(_CALL_NEAR.search(doc.text, title.start, title.end))


def _para_of(doc: Doc, pos: int):
    return doc.paragraph_at(pos) or doc.paragraphs[0]


_HELD = {
    "pay",
    "grant",  # "granted an audience to Ramos-Horta"
    "hold",
    "resume",  # "the two sides resumed talks in Jeddah on Sunday"
    "have",
    "attend",
    "join",
    "host",
    "chair",
    "convene",
    "open",
    "conclude",
    "end",
    "begin",
    "start",
    "wrap",
    "take",
    "participate",
    "address",
    "organize",
    "organise",
    "co-chair",
    "cochair",
    "conduct",  # "conducted a two-day visit to Libya"
    "undertake",  # "undertook an official visit to Japan"
}
# what a meeting that is under way or just over does ("the summit has commenced in Shusha")
_UNDER_WAY = {"commence", "open", "begin", "start", "conclude", "end", "close"}
# calls that are appeals or signals, not conversations
_APPEAL_CALLS = {"distress", "wake-up", "emergency", "rallying", "roll", "curtain", "mayday"}
_HELD_NOUN_SUBJ = {
    "take",
    "hold",
    "begin",
    "commence",  # "An informal summit of the heads of state … has commenced in Shusha"
    "start",
    "end",
    "open",
    "conclude",
    "focus",
    "last",
    "convene",
    "run",
    "bring",  # "the talks brought together A and B"
}


_SIGNED = {
    "agreement",
    "deal",
    "accord",
    "treaty",
    "declaration",
    "document",
    "truce",
    "ceasefire",
    "cease-fire",
    "memorandum",
    "protocol",
    "pact",
    "communique",
    "communiqué",
    "text",
    "initiative",
    "statement",
    "convention",
    "charter",
    "arrangement",  # "signed the historical Bilateral Partnership Arrangement"
    "mou",
}


_OUR = {"our", "their", "its", "today", "today's"}
_COME_FOR = {
    "arrive",
    "travel",
    "fly",
    "come",
    "go",
    "head",
    "gather",
    "land",
    "meet",
    "convene",
    "assemble",
    "join",  # "were joined by C for a trilateral meeting"
}


def _joint_if_conference(noun) -> bool:
    """A press conference or briefing is one speaker's; a joint one "with" someone is a
    meeting ("a joint press briefing with his Guinean counterpart Mamadi Touré")."""
    if noun.lower_ not in ("conference", "briefing", "briefings"):
        return True
    if not any(c.lower_ == "joint" for c in noun.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return True
    # "A and B held a joint press conference"
    return noun.dep_ == "dobj" and any(
        c.dep_ == "conj" for s in noun.head.children if s.dep_ == "nsubj" for c in s.children
    )


def _held_root(noun) -> bool:
    """ "The Co-Chairs (…) hosted consultations between A and B": the parser makes the noun
    the root and "hosted" its modifier; the sentence still reports the meeting."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children) and any(
        c.dep_ == "amod" and lemma(c.lower_) in _HELD | _HOSTED_BY for c in noun.children
    )


def _call_noun(noun) -> bool:
    """ "a phone call", "a telephone conversation"."""
    return noun.lower_ in ("call", "conversation") and any(
        c.dep_ == "compound" and c.lower_ in ("phone", "telephone") for c in noun.children
    )


_HABITUALLY = {
    "annually",
    "yearly",
    "regularly",
    "periodically",
    "biannually",
    "monthly",
    "weekly",
    "usually",
    "normally",
}


def _clause_holding(noun):
    """The relative clause whose subject holds the meeting the noun names: the one who makes
    or pays a visit ("the official visit that the President of Colombia will make to
    Quito"), else the one who held the meeting (_held_in_clause)."""
    if noun.lower_ in ("visit", "visits"):
        return next(
            (c for c in noun.children if c.dep_ == "relcl" and lemma(c.lower_) in ("make", "pay")),
            None,
        )
    return _held_in_clause(noun)


def _held_in_clause(noun):
    """The relative clause that says who held the meeting the noun names, the noun being its
    object: "a meeting he held last week with X in Luanda", "the talks he had with X". Its
    subject and its "with" phrase are the parties, not the main clause's."""
    for c in noun.children:
        if (
            c.dep_ == "relcl"
            and lemma(c.lower_) in ("hold", "have")
            and any(
                d.dep_ in ("nsubj", "nsubjpass") and d.lower_ not in ("that", "which")
                for d in c.children
            )
            and not any(
                d.dep_ == "dobj" and d.lower_ not in ("that", "which", "whom") for d in c.children
            )
        ):
            return c
    return None


def _call_received_from(noun) -> bool:
    """ "received a (phone) call from President A", "from his French counterpart": a call A
    made (not "calls from several leaders", "from worried parents": no one named)."""
    return (
        noun.lower_ in ("call", "calls", "conversation")
        and noun.dep_ == "dobj"
        and lemma(noun.head.lower_) == "receive"
        and any(
            g.dep_ == "pobj" and (g.text[:1].isupper() or g.lower_ == "counterpart")
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
        )
    )


def _reported_meeting(noun) -> bool:
    """A meeting noun reports a meeting when it is held, attended or taking place, or names
    its parties ("talks between", "his call with", "Blinken's call"); "welcomed the visit",
    "discussed the summit" speak of one."""
    if any(c.dep_ == "poss" for c in noun.children):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during", "over") and _call_noun(noun):
        return True  # "the leaders discussed regional developments … in a phone call"
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among") for c in noun.children):
        return True
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    if (
        noun.lower_ in ("visit", "visits")
        and {"to", "by"} <= preps
        and ("on" in preps or any(c.dep_ == "npadvmod" for c in noun.children))
    ):
        # "Regarding the visit to Qatar yesterday by Marco Rubio": who went where, when (not
        # "a statement about the latest visit to Sanaa by Al Jabir", of no day)
        return True
    if any(
        c.dep_ in ("acl", "relcl") and lemma(c.lower_) in _HELD_NOUN_SUBJ for c in noun.children
    ):
        return True  # "the first meeting held this Thursday", "the talks, which began on 9 May"
    if noun.lower_ in ("visit", "visits") and _clause_holding(noun) is not None:
        return True  # "the official visit that the President of Colombia will make to Quito"
    if _held_in_clause(noun) is not None:
        return True  # "came in the wake of a meeting he held last week with X"
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return lemma(head.lower_) in _HELD_NOUN_SUBJ
    if noun.dep_ == "dobj":
        # "Xi made a state visit to Kazakhstan": a visit is made as it is paid; "received a
        # phone call from President A": a call is received from who made it
        return (
            lemma(head.lower_) in _HELD
            or (lemma(head.lower_) == "make" and noun.lower_ in ("visit", "visits"))
            or _call_received_from(noun)
        )
    if noun.dep_ == "pobj":
        prep = head
        if _told_by_its_opening(noun) and noun.lower_ in (
            "meeting",
            "summit",
            "session",
            "conference",
        ):
            return True  # "during the official opening of the X meeting"
        if prep.lower_ == "for" and (
            lemma(prep.head.lower_) in _COME_FOR
            or re.sub(r"(?:ed|ing|s)$", "", prep.head.lower_) in _COME_FOR
            or re.sub(r"(?:d|s)$", "", prep.head.lower_) in _COME_FOR
        ):
            return True  # "arrived in Islamabad for a two-day visit", "gathered for a summit"
        return prep.lower_ in ("at", "during", "in", "after", "on", "to", "before", "ahead") and (
            prep.head.dep_ != "pobj"
        )
    return noun.dep_ in ("appos", "attr", "npadvmod")


_ON_THIS_OCCASION = re.compile(r"\s*On\s+(?:this|that|the\s+same)\s+occasion\b")


_NOUN_OR_VERB = {"visit", "visits", "call", "calls"}


def _a_verb_here(tok) -> bool:
    """ "Mirziyoyev will visit Tajikistan on April 18-19, the press service reported": a
    word both noun and verb, with a subject and an auxiliary of its own, is the verb; so is
    one after "to" that completes another verb ("is expected to call on President A")."""
    if tok.lower_ not in _NOUN_OR_VERB:
        return False
    if any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "aux" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _hung_on_the_phrase(prep) -> list:
    """ "In a meeting held in the border town of Nieuw Nickerie, President A of Suriname and
    President B reaffirmed …": the parser hangs the subjects on the opening phrase's last
    noun, in apposition, as conjuncts or adverbs after its comma; they are the verb's
    subjects."""
    phrase = list(prep.subtree)
    comma = next((t for t in phrase if t.text == ","), None)
    if comma is None:
        return []
    return [
        t
        for t in phrase
        if t.i > comma.i and t.dep_ in ("conj", "appos", "npadvmod") and t.head.i < comma.i
    ]


def _meeting_noun(tok) -> bool:
    """A noun of meeting, and "talk" with a word before it ("held a telephone talk with",
    as Tokyo's and Seoul's readouts write), not the verb."""
    return tok.lower_ in _NOUNS or (
        tok.lower_ == "talk" and any(c.dep_ in ("det", "compound", "amod") for c in tok.children)
    )


def _trigger(tok, doc: Doc, off: int):
    """(verb lemma or None, meeting noun or None) when the token starts a meeting."""
    lw = tok.lower_
    lem = lemma(lw)
    if _phone_contact(tok) and _reported_meeting(tok):
        return None, tok  # "made a phone contact with X": a call
    if _body_sat(tok):
        return None, tok  # "the XXI Andean Presidential Council was held at …": its session
    if (
        _meeting_noun(tok)
        and (tok.dep_ != "ROOT" or _held_root(tok))
        and not _a_verb_here(tok)
        and not (
            lw == "meeting"
            and tok.dep_ in ("pcomp", "advcl", "xcomp", "acl", "conj", "ccomp", "relcl")
        )
    ):
        if (
            lw in ("call", "calls")
            and not any(c.lower_ in ("with", "between") for c in tok.children)
            and not any(c.dep_ in ("poss", "compound") for c in tok.children)
            and not _call_received_from(tok)
        ):
            return None  # "a call for calm"
        if lw in ("call", "calls") and any(
            c.dep_ in ("compound", "amod") and c.lower_ in _APPEAL_CALLS for c in tok.children
        ):
            return None  # "responding to the distress call of its neighbour": an appeal
        if not _joint_if_conference(tok):
            return None
        if not _reported_meeting(tok):
            return None
        if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL for c in tok.children):
            return None  # "next steps toward a possible summit": none was held
        return None, tok
    if lem in _HOLD_VERBS:
        for c in tok.children:
            if c.dep_ == "dobj" and _meeting_noun(c) and _joint_if_conference(c):
                return lem, c  # "held talks", "chaired the meeting", "hosted consultations"
    if lem == "sign" and any(
        c.dep_ in ("dobj", "nsubjpass")
        and (c.lower_ in _SIGNED or c.lower_.removesuffix("s") in _SIGNED)
        for c in tok.children
    ):
        if _ON_THIS_OCCASION.match(doc.text, tok.sent.start_char + off):
            return None  # "On this occasion, a … Agreement was also signed between A and B":
            # a signing at the meeting just told, none of its own
        return "sign", None  # "X and Y signed the agreement": a signing, a meeting of both
    if tok.lower_ in ("present", "presents", "presented", "presenting") and any(
        c.dep_ == "dobj"
        and (
            c.lower_ in CREDENCE_WORDS
            or (c.lower_ == "letters" and any(x.lower_ in CREDENCE_WORDS for x in c.subtree))
        )
        for c in tok.children
    ):
        return "meet", None  # "presented their letters of credence to King Letsie III"
    if (
        lem == "witness"
        and len(_subjects(tok)) >= 2
        and any(c.dep_ == "dobj" and c.lower_ in ("signing", "exchange") for c in tok.children)
    ):
        return "sign", None  # "A and B witnessed the signing of agreements": both were there
    if lem in ("discuss", "gather") and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
        subs = _subjects(tok)
        if len(subs) >= 2 or (
            subs
            and subs[0].lower_ in _GROUP_NOUNS
            and any(c.dep_ in ("prep", "appos") for c in subs[0].children)
        ):
            # "A and his counterpart B discussed …": a meeting; what they discussed is no party
            return "talk", None
    if lem == "discuss" and _by_phone(tok) and _with_objects(tok, ("with",)):
        return "talk", None  # "A discussed on the phone with his counterpart B …": a call
    if (
        lem == "sit"
        and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
        and _with_objects(tok, ("with",))
    ):
        return "meet", None  # "sat down with Wang Yi"
    if lem in _MEET_VERBS and tok.dep_ == "compound" and tok.head.lower_ in _NOUNS:
        return None  # "in a phone call": the noun it names is the meeting
    if lem in _MEET_VERBS and any(
        (c.dep_ == "advmod" and c.lower_ in _HABITUALLY)
        or (c.dep_ == "npadvmod" and any(x.lower_ in ("every", "each") for x in c.children))
        for c in tok.children
    ):
        return None  # "the Council of Foreign Ministers which meets annually": a habit
    if lem == "summon" and any(
        (
            c.dep_ == "dobj"
            and any(x.dep_ == "poss" and x.lower_ in ("its", "their") for x in c.children)
        )
        or (
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(g.lower_.startswith("consultation") for g in c.children)
        )
        for c in tok.children
    ):
        # "summoned its ambassador to Argentina for consultations": a recall (but "summoned
        # the Russian ambassador for an explanation" is a summons)
        return None
    if lem in _MEET_VERBS:
        if lem == "speak":
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
            if not preps:
                # "The two ministers spoke by phone": a call of the pair the subject names
                return ("talk", None) if _pair_spoke(tok) else None
            pobjs = [g for p in preps for g in p.children if g.dep_ == "pobj"]
            if not pobjs or all(_PRESS.match(g.text) for g in pobjs):
                return None
            if (
                any(p.lower_ == "to" for p in preps)
                and "phone" not in tok.doc.text.lower()
                and not any(_names_a_person(g, doc, off) for g in pobjs)
            ):
                return None  # "spoke to X" in a sentence with no phone is an interview
        if (
            lem == "call"
            and not calls_on(tok)
            and (
                any(c.dep_ == "oprd" for c in tok.children)
                or not any(
                    c.dep_ == "dobj"
                    and (c.lower_ in _CALLED_PRONOUNS or _names_an_actor(c, doc, off))
                    # ("Maduro called Guaido’s move an attempt to stage a coup": the
                    # parser made the owner of the move the one called)
                    and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in ("'s", "’s"))
                    for c in tok.children
                )
            )
        ):
            # no object ("called" alone), or one that is no one: "Nebenzia calling the draft
            # anti-Russian", "called the talks a success"
            return None
        if lem == "chair" and any(
            c.dep_ == "dobj" and c.lower_ not in _NOUNS and c.lower_.removesuffix("s") not in _NOUNS
            for c in tok.children
        ):
            return None  # "who chairs the bloc this year": a post, no meeting
        if (
            lem in ("receive", "host")
            and not any(
                _names_a_person(c, doc, off)
                or _names_guests(c, doc, off)
                # "President Droupadi Murmu received her": the guest the story told of
                or (c.lower_ in ("him", "her") and doc.mentions_in(0, off, "person"))
                for c in _direct_objects(tok)
            )
            and not any(
                _names_a_person(x, doc, off)
                # ("was received by the undersecretary for Latin America and the Caribbean,
                # Maximiliano Reyes": the name the parser hung on the post's region)
                or (_is_a_post(x) and doc.mentions_in(*phrase_span(x, off), "person"))
                for x in _agents(tok)
            )
        ):
            return None  # "received a package of aid", "received a letter", "hosted the Cup"
        if lem == "welcome" and not any(
            _names_a_person(x, doc, off) or x.lower_ in _PERSON_TITLES
            for c in tok.children
            if c.dep_ == "dobj"
            # (and "Moldova's leader Maia Sandu": the guest named after the post; "the new
            # Principal Officer of the United States Embassy in Grenada, Karl Duckworth":
            # after the post and its body, where the parser hangs the name on the last noun)
            for x in (
                c,
                *c.conjuncts,
                *(a for a in c.children if a.dep_ == "appos"),
                *(a for a in c.subtree if a.dep_ == "appos" and _is_a_post(c)),
            )
        ):
            # "welcomed the decision": no one came ("welcomed the French president and his
            # wife, Brigitte Macron": a guest by title, or one named beside)
            return None
        if lem == "visit" and tok.dep_ in ("compound", "amod"):
            return None
        if (
            lem == "visit"
            and tok.dep_ == "relcl"
            and not any(c.dep_ == "dobj" for c in tok.children)
        ):
            # the noun the clause hangs on is what was visited (not "the first time that
            # the Secretary General has visited St Vincent"), up to itself
            head = tok.head
            a, b = off + head.left_edge.idx, off + head.idx + len(head.text)
            if not any(not m.adjective for m in doc.mentions_in(a, b)):
                return None  # "brief President Lungu of the countries he has visited"
        if lem == "visit" and any(
            c.dep_ == "dobj" and c.lower_ in ("post", "base", "headquarters", "site", "camp")
            for c in tok.children
        ):
            return None  # "visited the command post": a place of one's own side, no meeting
        return lem, None
    if lem in _HOLD_VERBS:
        for c in tok.children:
            if c.dep_ == "dobj" and c.lower_ in _NOUNS and _joint_if_conference(c):
                return lem, c
    return None


def _by_phone(verb) -> bool:
    """The verb is said to be done "on the phone", "by telephone" or "over the phone"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "by", "over", "via")
        and any(g.dep_ == "pobj" and g.lower_ in ("phone", "telephone") for g in c.children)
        for c in verb.children
    )


def _body_sat(tok) -> bool:
    """A body's name as the subject of "was held", "was convened" or "took place": its
    session ("the XXI Andean Presidential Council was held at the San Carlos Palace")."""
    return (
        tok.lower_ in _SITTING_BODIES
        and tok.text[:1].isupper()
        and tok.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "compound" for c in tok.children)
        and (
            (tok.dep_ == "nsubjpass" and lemma(tok.head.lower_) in ("hold", "convene"))
            or (
                lemma(tok.head.lower_) == "take"
                and any(c.lower_ == "place" for c in tok.head.children)
            )
        )
    )


_SITTING_BODIES = {"council", "assembly", "commission", "cabinet", "congress", "forum"}
# "the official opening of the X meeting": a sitting told by its start or end
_OPENING_OR_CLOSING = ("opening", "closing")


def _a_bodys_meeting_held(doc: Doc, noun, off: int) -> bool:
    """ "The Caribbean Community meeting was held in Georgetown", "the official opening of
    the Pacific Islands Forum Leaders meeting": a meeting a body's name owns, said to be held
    or opened, is that body's meeting on a day, given or not, as its summit would be."""
    if noun.lower_ != "meeting":
        return False
    owned = any(
        c.dep_ == "compound"
        and any(not m.adjective for m in doc.mentions_in(*phrase_span(c, off), "org"))
        for c in noun.children
    )
    held = (
        noun.dep_ in ("nsubj", "nsubjpass") and lemma(noun.head.lower_) in _HELD_NOUN_SUBJ
    ) or _told_by_its_opening(noun)
    return owned and held


_SITTING_WORDS = {"ministerial", "ministers", "council", "committee", "commission"}


def _ministers_meeting(noun) -> bool:
    """ "the XIV Meeting of Foreign Ministers of the Amazon Cooperation Treaty", "the 33rd
    Council of Ministers Meeting of the IOC", "the 18th BIMSTEC Ministerial Meeting": a
    meeting of a body's ministers or council sits as a session."""
    if noun.lower_ != "meeting":
        return False
    if any(t.lower_ in _SITTING_WORDS for t in noun.subtree if t.i < noun.i):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lower_ in _SITTING_WORDS for g in c.children)
        for c in noun.children
    )


def _told_by_its_opening(noun) -> bool:
    """ "the official opening of the X meeting", "the closing of the summit"."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lower_ in _OPENING_OR_CLOSING
    )


_OF_LEADERS = re.compile(r"\b(?:Presidential|Presidents|Heads|Leaders)\b")


def _phone_contact(tok) -> bool:
    """ "a phone contact", "telephone contacts" (a call, in the wording of some ministries'
    releases); "contacts" alone are no meeting ("intensive contacts with both sides")."""
    return tok.lower_ in ("contact", "contacts") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("phone", "telephone", "telephonic")
        for c in tok.children
    )


def _names_guests(tok, doc: Doc, off: int) -> bool:
    """ "received a delegation", "hosted leaders of A and B", "hosted Kenya": a group of
    people, or a state or body, are guests; a letter, a package or a cup are not."""
    if tok.lower_.removesuffix("s") in _COLLECTIVE or tok.lower_ in ("delegation", "team"):
        return True
    start = off + tok.idx
    return any(
        m.start <= start < m.end and not m.adjective
        for m in doc.mentions_in(start - 80, start + 80)
        if m.kind in ("country", "org", "person")
    )


_CALLED_PRONOUNS = {"him", "her", "them", "me", "us", "each", "counterpart", "counterparts"}


def _names_an_actor(tok, doc: Doc, off: int) -> bool:
    """A noun phrase that names someone who can be called: a person, a body or a state."""
    s, e = phrase_span(tok, off)
    return _names_a_person(tok, doc, off) or any(
        m.kind in ("person", "org", "country") and not m.adjective for m in doc.mentions_in(s, e)
    )


def _names_a_person(tok, doc: Doc, off: int) -> bool:
    """A noun phrase that names a person: the document's recogniser found a person whose
    name holds the phrase's head ("spoke to Emmanuel Macron"), or a capitalised phrase has
    a person's title before its head ("President Ruto"). The parse itself carries no entity
    labels (the parser runs without the recogniser), so the check goes to the mentions."""
    start = off + tok.idx
    if any(m.start <= start < m.end for m in doc.mentions_in(start - 80, start + 80, "person")):
        return True
    words = [t for t in tok.subtree if t.i <= tok.i]
    return tok.text[:1].isupper() and any(t.lower_ in _PERSON_TITLES for t in words)


_STYLES = {"highness", "majesty"}  # "His Highness", "Her Majesty": a style, the person it is


def _is_a_post(noun) -> bool:
    """ "the new Principal Officer", "the Ambassador": a post, whose holder a name may follow."""
    return noun.lower_ in _PERSON_TITLES or fold(noun.text) in TITLES


_PERSON_TITLES = {
    "president",
    "minister",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "prince",
    "premier",
    "emir",
    "amir",
    "sultan",
    "emperor",
    *_STYLES,
}
# between a post and its holder's name: ", H.E. Mr.", ", His Highness Sheikh", ", His Majesty"
_NAME_AFTER_POST = re.compile(
    r"\s*,\s*"
    # "Minister for Foreign Affairs, International Cooperation and Communities Suzi Carla
    # Barbosa": the rest of the post's long name, cut off by its comma
    r"(?:(?:[A-Z][a-z]+|and|of|the)\s+){0,6}?"
    r"(?:(?:H\.\s?E\.|His|Her|Highness|Majesty|Excellency|Royal|Sheikh|Sheikha|Mr|Mrs|Ms"
    r"|Dr|Amb|Hon)\.?\s+)*"
)


def _has_date(doc: Doc, sent) -> bool:
    return any(d.value for d in doc.dates.dates_in(sent.start, sent.end))


_DAY_RANGE = re.compile(r"\s*(?:to|until|through|[-–])\s*\d{1,2}\b(?!\s*(?:p\.?m|a\.?m|h\b|:))")
_RANGE_WRITTEN = re.compile(r"\d{1,2}\s*[-–]\s*\d{1,2}\b")
# a visit of more than one day: "a two-day official visit", "visiting Nepal from 13-14 February"
_SEVERAL_DAYS = re.compile(
    rf"\b(?:two|three|four|five|six|seven|several|\d+)[- ]days?\b|\b{_RANGE_WRITTEN.pattern}",
    re.I,
)
_NOT_ITS_DAY = re.compile(
    r"\b(?:until|till|through|by|before|after|since|from|to|ending|expiring|extended)\s+"
    r"(?:on\s+|the\s+)?$"
    # "condemns the occupation of its offices in Managua, which occurred on April 24": the
    # day of what the clause tells
    r"|\b(?:which|that)\s+(?:had\s+)?(?:occurred|happened)\s+(?:on\s+)?$",
    re.I,
)


_TRIP_FROM = re.compile(r"\b(?:visit|trip|tour|stay)\s+(?:to\s+[\w’' -]{1,30}?\s+)?from\s+$")


def _date(doc: Doc, sent, pos: int, verb=None, off: int = 0) -> DateValue | None:
    """The day the meeting was: not a day the sentence gives for something else ("extended
    the mandate until 12 March 2025"). A day the meeting's own verb governs wins over one
    nearer in the text: "on Tuesday met Sultan Haitham, who arrived Monday on a state visit"
    met on Tuesday."""
    dates = _its_days(doc, sent)
    if not dates:
        return None
    if verb is not None:
        for c in verb.children:
            if c.dep_ in ("prep", "npadvmod") and c.i < verb.i:
                s, e = phrase_span(c, off)
                if _DATELINE_DASH.match(doc.text, e):
                    continue  # "Suva, Fiji, 15 September 2023 - Brown met": the page's day
                own = [d for d in dates if s <= d.start and d.end <= e]
                if own:
                    return own[0]
    after = [d for d in dates if d.start >= pos]
    if after and after[0].start - pos < 160:
        return after[0]
    return min(dates, key=lambda d: abs(d.start - pos))


_DATELINE_DASH = re.compile(r"\s*[-–—:]")


def _day_not_resolved(doc: Doc, sent) -> bool:
    """The sentence names its day ("on Monday") in a page whose own day is not known."""
    return doc.meta.published is None and any(
        d.value is None and its_day(doc.text, sent.start, d)
        for d in doc.dates.dates_in(sent.start, sent.end)
    )


def _its_days(doc: Doc, sent) -> list[DateValue]:
    return past_dateline(
        doc,
        sent,
        [
            d
            for d in doc.dates.dates_in(sent.start, sent.end)
            if d.value
            and its_day(doc.text, sent.start, d)
            and (
                not _NOT_ITS_DAY.search(doc.text[max(sent.start, d.start - 24) : d.start])
                or _DAY_RANGE.match(doc.text, d.end)  # "held from May 14 to 16": its first day
                or _RANGE_WRITTEN.search(d.text)  # "held in Niue from 19-20 August 2008"
                # "during his visit to China from Monday": the day it begins
                or _TRIP_FROM.search(doc.text, max(sent.start, d.start - 40), d.start)
            )
        ],
    )


def _place(doc: Doc, tok, off: int, skip: int) -> str | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            # "began on 25 October in Pretoria": the parser hangs the place on the date
            for g in c.children:
                if g.dep_ == "pobj" and doc.dates.dates_in(*phrase_span(g, off)):
                    got = _place(doc, g, off, skip)
                    if got:
                        return got
        if c.dep_ == "prep" and c.lower_ in ("in", "at"):
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ not in _NOT_WHERE:
                    got = _place_named(doc, g, off, skip)
                    if got:
                        return got
        if c.dep_ in ("acl", "relcl") and lemma(c.lower_) in _HELD_NOUN_SUBJ:
            got = _place(doc, c, off, skip)
            if got:
                return got
        if c.dep_ == "prep" and c.lower_ in ("during", "on"):
            # "During his two-day stay in Hanoi, Xi met Trong"
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in ("stay", "visit", "trip", "tour"):
                    for h in _with_objects(g, ("in", "to")):
                        got = _place_named(doc, h, off, skip)
                        if got:
                            return got
    where = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
    if tok.dep_ == "relcl" and where is not None:
        got = _place_named(doc, tok.head, off, skip)  # "to Manila, where he met Marcos"
        if got:
            return got
        # "flew to Erbil on Thursday, where he met …": the parser hangs the clause on the
        # day; the place named just before the day is where
        if fold(tok.head.text) in CALENDAR:
            at = off + where.idx
            before = [
                m
                for m in doc.mentions_in(max(at - 40, skip), at)
                if m.kind in ("place", "country") and not m.adjective
            ]
            if before:
                return doc.ref(before[-1])
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma(tok.head.lower_) in _HELD_NOUN_SUBJ:
        got = _place(doc, tok.head, off, skip)  # "the talks began on 25 October in Pretoria"
        if got:
            return got
    # "Jaishankar called on Sri Lankan President Ranil Wickremesinghe in Colombo": the parser
    # hangs the place on the one called on; "Chancellor Olaf Scholz welcomed French President
    # Emmanuel Macron to Berlin": the place welcomed to
    if calls_on(tok):
        got = next(
            filter(None, (_place(doc, g, off, skip) for g in _with_objects(tok, ("on",)))), None
        )
        if got:
            return got
    if lemma(tok.lower_) == "welcome":
        got = next(
            filter(None, (_place_named(doc, g, off, skip) for g in _with_objects(tok, ("to",)))),
            None,
        )
        if got:
            return got
    if lemma(tok.lower_) == "visit":
        # "visited Japan", "an official visit to Japan"
        targets = [c for c in tok.children if c.dep_ == "dobj"]
        targets += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for c in targets:
            got = _place_named(doc, c, off, skip)
            if got:
                return got
    if lemma(tok.lower_) in ("host", "receive", "meet", "welcome"):
        # "hosted Zelensky in Istanbul": the parser hangs the place on the guest
        # (a place, not a country: "met the President of Turkey in ..." names his state)
        for guest in (c for c in tok.children if c.dep_ == "dobj"):
            for g in _with_objects(guest, ("in", "at")):
                got = _place_named(doc, g, off, skip, kinds=("place",))
                if got:
                    return got
    if lemma(tok.lower_) == "host":
        # "Bishkek hosted a meeting of the Council": the town that hosts is where it met
        for c in tok.children:
            if c.dep_ == "nsubj" and (got := _place_named(doc, c, off, skip, kinds=("place",))):
                return got
    return None


# "at the request of the US side", "at the invitation of Kenya": who asked, not where
_NOT_WHERE = {"request", "invitation", "initiative", "behest", "suggestion", "urging"}


def _place_named(
    doc: Doc, tok, off: int, skip: int, kinds: tuple[str, ...] = ("place", "country")
) -> str | None:
    """The first place or country a phrase names (not one an adjective only describes, nor
    the owner of a building in a place it names: "the Sultan of Oman's residence in Abu
    Dhabi" is in Abu Dhabi)."""
    s, e = phrase_span(tok, off)
    owner = None
    for m in doc.mentions_in(max(s, skip), e):
        if m.kind in kinds and not m.adjective:
            if owner is None and _POSSESSIVE.match(doc.text, m.end):
                owner = doc.ref(m)
                continue
            return doc.ref(m)
    return owner


_POSSESSIVE = re.compile(r"['’]s?\s")


def _town_of_building(doc: Doc, m: Meeting) -> str | None:
    """ "at Jubilee House in Accra": the town named right after the building."""
    ms = doc.mentions_in(m.span.start, m.span.end)
    for a, b in zip(ms, ms[1:], strict=False):
        if (
            doc.ref(a) == m.location
            and b.kind == "place"
            and re.fullmatch(r",?\s+(?:in|,)\s+", doc.text[a.end : b.start])
        ):
            return doc.ref(b)
    return None


_BUILDING = re.compile(rf"-(?:{'|'.join(w.lower() for w in BUILDING_WORDS)})$")
_KIND_WORDS = {
    "PhoneCall": "Phone call",
    "Videoconference": "Video conference",
    "Summit": "Summit",
    "Session": "Session",
    "Visit": "Visit",
    "Debate": "Debate",
}


def meeting_label(doc: Doc, m: Meeting) -> str:
    """A name for a meeting the text does not name: what it was, who, when ("Phone call of
    Emmanuel Macron and Olaf Scholz, 2022-10-31"); never an empty label."""
    kind = next((_KIND_WORDS[k] for k in sorted(m.kinds) if k in _KIND_WORDS), "Meeting")
    names = [doc.entities[r].label for r in m.participants if r in doc.entities]
    if not names and m.organizer and m.organizer in doc.entities:
        names = [doc.entities[m.organizer].label]
    if len(names) > 3:
        names = [*names[:3], "others"]
    who = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    when = m.date.value.isoformat() if m.date and m.date.value else "undated"
    return f"{kind} of {who}, {when}" if who else f"{kind}, {when}"


def meeting_key(doc: Doc, date: DateValue | None, refs: list[str]) -> str:
    """Date and parties: the same call found in two sentences, or two stories, meets."""
    day = date.value.isoformat() if date is not None and date.value else f"undated-{doc.meta_key}"
    keys = sorted(r.split("/", 1)[1] for r in refs)[:3]
    return f"{day}-{'-'.join(keys)}"


def merge_into(doc: Doc, found: list[Meeting], parsed: list[Meeting]) -> list[Meeting]:
    """The rules' meetings (sessions of named bodies, announced meetings) with the parse's:
    a parsed meeting that is one of theirs adds its parties, the rest are new."""
    _the_leaders_told_before(doc, found + parsed)
    _mark_beside(doc, found)
    # "A separately met B, C and D": the parse tells one meeting with each; the rules' one
    # meeting of all in that sentence gives way to them
    found = _told_again(doc, found, parsed)
    split = {m.span for m in parsed if sum(o.span == m.span for o in parsed) >= 2}
    parsed = parsed + _rest_of_the_list(doc, found, parsed, split)
    out = [
        o
        for o in found
        if o.span not in split
        or o.organizer is not None
        or not all(
            p in {q for m in parsed if m.span == o.span for q in m.participants}
            for p in o.participants
        )
    ]
    for m in parsed:
        twin = next((o for o in out if same_meeting(o, m) or _of_body(doc, o, m)), None)
        if twin is None and m.continues:
            twin = _earlier(out, m)
        if twin is None:
            out.append(m)
        else:
            if twin.span == m.span and m.kinds:
                # the same sentence: the parse knows whether its summit is this meeting
                # (a summit held by video is both: the parse names only the medium)
                if "Videoconference" not in m.kinds:
                    twin.kinds -= {"Summit"} - m.kinds
            if twin.span == m.span:
                # the rules take every person in the sentence; the parse knows which of
                # them are at the table ("talks with Y at Jubilee House": no one is Jubilee)
                twin.participants = [p for p in twin.participants if p not in m.elsewhere]
            absorb(twin, m)
    # a list of attendees the rules read as a meeting of its own, dated only by the page,
    # whose every party is already at a meeting the text dates: that meeting's
    kept: list[Meeting] = []
    for m in out:
        host = None
        if (
            m.participants
            and (m.date is None or m.date.basis == "DocumentDate")
            and not m.earlier
            # "On the sidelines, Hichilema held talks with Chakwera": talks of two who were
            # at the summit, beside it
            and not m.beside
        ):
            host = next(
                (
                    o
                    for o in out
                    if o is not m
                    and o.date is not None
                    and o.date.basis != "DocumentDate"
                    and set(m.participants) <= set(o.participants)
                ),
                None,
            )
        if host is None:
            kept.append(m)
    out = kept
    for m in out:
        owners = _owners_of_a_partys_title(doc, m)
        if owners:
            m.participants = [p for p in m.participants if p not in owners]
            m.key = meeting_key(doc, m.date, m.participants)
    for m in out:
        # "On Monday, without the presence of the Brazilian Head of State, Jair Bolsonaro,
        # … the leaders of Chile, … held a virtual meeting": not there
        absent = _absent(doc, m.span) & set(m.participants)
        if absent:
            m.participants = [p for p in m.participants if p not in absent]
            m.key = meeting_key(doc, m.date, m.participants)  # (not named after them)
        if m.location and _BUILDING.search(m.location):
            m.location = _town_of_building(doc, m) or m.location
    # the rules' meetings no parsed one joined have not had the attendance read for them
    # ("Petro's first visit to Caracas … Foreign ministers A and B also attended"); for the
    # parse's, read again, keep whom they had (joining adds each party once)
    _attendance(doc, out)
    _also_attending(doc, out)
    _others_at_the_bodys_meeting(doc, out)
    _stood_in_for_their_leaders(doc, out)
    _leaders_including(doc, out)
    _accompanied(doc, out)
    _delegation_includes(doc, out)
    _addresses_by(doc, out)
    _represented_attending(doc, out)
    _welcomed(doc, out)
    _invited_by(doc, out)
    _delegations_received(doc, out)
    _same_day_as_before(doc, out)
    _day_of_what_it_was_told_at(doc, out)
    _first_day_of_the_ended(doc, out)
    _date_of_the_arrival_after(doc, out)
    _todays_meeting(doc, out)
    stood_in_for = _represented_only(doc)
    for m in out:
        # each party once: "Lula and first lady Rosângela da Silva welcomed …" after a visit
        # she was also added to as a host who greeted the guest; none whom another stood in
        # for ("with only H.E Salva Kiir missing but represented by the Minister …")
        kept = [p for p in dict.fromkeys(m.participants) if p not in stood_in_for]
        if any(p.split("/", 1)[1] in m.key for p in set(m.participants) - set(kept)):
            m.key = meeting_key(doc, m.date, kept)  # (not named after them)
        m.participants = kept
        if not m.kinds and m.organizer is None:
            # people who "held talks": no call, summit or session said (a body's meeting may
            # be any of them, so it stays unsaid)
            m.kinds = {"InPersonMeeting"}
        if m.key.startswith("undated-") and m.date is not None and m.date.value:
            m.key = meeting_key(doc, m.date, m.participants)  # dated by a twin it absorbed
    return _one_per_key(_visit_told_with_its_talks(doc, out))


# "Ponta explained that at today's meeting it was agreed …", "yesterday's talks"
_TODAYS_MEETING = re.compile(
    r"\b(?:today|yesterday)['’]s\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|summit|session|call)\b",
    re.I,
)


def _todays_meeting(doc: Doc, meetings: list[Meeting]) -> None:
    """An undated meeting told before "today's meeting" (within three paragraphs, the last
    one told) is of the day "today" is."""
    for _pi, sent in doc.sentences:
        for t in _TODAYS_MEETING.finditer(doc.text, sent.start, sent.end):
            m = _told_last(doc, [x for x in meetings if x.span.start < sent.start], sent, 3)
            if m is None or m.date is not None:
                continue
            date = _date(doc, sent, t.start())
            if date is not None and date.value:
                m.date = date
                m.key = meeting_key(doc, date, m.participants)


_ON_A_VISIT = re.compile(r"\bwho\s+(?:is|was|are|were)\s+(?:on|paying|making)\b", re.I)


def _visit_told_with_its_talks(doc: Doc, meetings: list[Meeting]) -> list[Meeting]:
    """ "As part of his Official Visit to Germany, Minister A on Tuesday held lengthy
    discussions with Minister B" (one sentence), "A met with B. … He expressed his great
    satisfaction with Mr A's visit" (the next paragraph), "A paid an official visit today to
    Albania. … A was received by Prime Minister B" (that day's talks): the visit is those
    talks, not a meeting of its own; the talks take its place, and the host state is where
    they met, not a party beside its own minister."""

    gone: set[int] = set()
    for v in meetings:
        if "Visit" not in v.kinds or _persons(v) >= 2:
            continue
        if _ON_A_VISIT.search(doc.text, v.span.start, v.span.end):
            continue  # "A, who is on a day-long visit to X, held a meeting with B": both told
        talks = next(
            (
                t
                for t in meetings
                if t is not v
                and t.span == v.span
                and "Visit" not in t.kinds
                and _persons(t) >= 2
                and set(v.participants) <= {*t.participants, v.location}
            ),
            None,
        )
        day = v.date.value if v.date else None
        if talks is None and len(v.participants) == 1:
            # "Mr A's visit" with no day: the visitor's talks told just before; "A paid an
            # official visit today to Albania. … was received by Prime Minister B": the
            # talks of that day, told just after
            talks = next(
                (
                    t
                    for t in sorted(meetings, key=lambda m: abs(m.span.start - v.span.start))
                    if t is not v
                    and "Visit" not in t.kinds
                    and v.participants[0] in t.participants
                    and v.participants[0].startswith("person/")
                    and (
                        (day is None and t.span.start < v.span.start)
                        or (
                            day is not None
                            and t.date is not None
                            and t.date.value == day
                            and _persons(t) >= 2
                        )
                    )
                    and doc.near(*sorted((t.span.start, v.span.start)))
                ),
                None,
            )
        if talks is None:
            continue
        kinds = set(talks.kinds)
        absorb(talks, v)
        talks.kinds = kinds  # (talks held on a visit: told as talks, as the stories do)
        talks.participants = [p for p in talks.participants if p != v.location]
        gone.add(id(v))
    return [m for m in meetings if id(m) not in gone]


def _one_per_key(meetings: list[Meeting]) -> list[Meeting]:
    """ "President Trump, Vladimir Putin hold phone call" (the headline) and "President Trump
    spoke with his Russian counterpart Vladimir Putin by phone … Tuesday": two readings of one
    call, of one kind on one day between the same parties, end with one key, that is one
    node of the graph; they are one meeting here too."""
    out: list[Meeting] = []
    by_key: dict[tuple[str, frozenset[str]], Meeting] = {}
    for m in meetings:
        twin = by_key.get((m.key, frozenset(m.kinds)))
        if twin is None:
            by_key[(m.key, frozenset(m.kinds))] = m
            out.append(m)
        else:
            # (the later reading stays, with the earlier's facts: what follows it in the
            # text, "The leaders agreed …", speaks of the call it has just told)
            absorb(m, twin)
            m.key = twin.key
            out[out.index(twin)] = m
            by_key[(m.key, frozenset(m.kinds))] = m
    return out


_EARLIER_TIME = re.compile(
    r"\b(?:last|earlier|previous(?:ly)?|ago|former|once|recent(?:ly)?|before|since|will|would|"
    r"next|upcoming|plans?|expected)\b"
    # "The call came less than two weeks after Trump and Putin met": an earlier meeting
    rf"|{_SPAN_AFTER.pattern}"
    rf"|{MONTH_OF_ITS_OWN}",
    re.I,
)


# "is holding talks with counterpart A in Vilnius before heading to the Rukla base": what
# comes next that day, not an earlier time
_A_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_NEXT_STEP = re.compile(
    r"before\s+\w+ing\b"
    # "Earlier in the day, Prime Minister Modi met Battulga": the same day, before
    r"|earlier\s+(?:in\s+the\s+day|that\s+day|the\s+same\s+day|today)\b",
    re.I,
)


_BARE_SIDELINES = re.compile(r"\b(?:on|at)\s+the\s+(?:sidelines|margins)\b(?!\s+of\b)", re.I)
_SAME_DAY = re.compile(
    r"\b(?:(?:earlier|later)\s+(?:in\s+the\s+day|that\s+day|on\s+the\s+same\s+day)|"
    r"on\s+the\s+same\s+day|the\s+same\s+day)\b",
    re.I,
)


# "The three-day 28th formal exploratory talks … officially concluded Wednesday (May 30)": the
# day it ended, the first day three days before
_ENDED_AFTER_DAYS = re.compile(
    r"\b(?P<n>two|three|four|five|2|3|4|5)-day\b[^.;]{0,120}?\b(?:concluded|ended|closed|"
    r"wrapped\s+up|came\s+to\s+an\s+end)\b",
    re.I,
)


def _first_day_of_the_ended(doc: Doc, meetings: list[Meeting]) -> None:
    """A meeting of several days dated by the day it ended takes its first day, as the gold
    format counts a meeting over several days."""
    for m in meetings:
        if m.date is None or m.date.value is None:
            continue
        ended = _ENDED_AFTER_DAYS.search(doc.text, m.span.start, m.span.end)
        if ended is None or not ended.end() <= m.date.start <= ended.end() + 40:
            continue
        days = parse_number(ended.group("n").lower())
        m.date = dataclasses.replace(m.date, value=m.date.value - timedelta(days=days - 1))
        m.key = meeting_key(doc, m.date, m.participants)


def _long_before(doc: Doc, day: date) -> bool:
    """A day more than a year before the story's: "the 30th anniversary of the Malta Summit
    held on 2-3 December 1989" is history recalled, no day of the story's meetings."""
    story = doc.dates.doc_date
    return story is not None and day.year < story.year - 1


def _same_day_as_before(doc: Doc, meetings: list[Meeting]) -> None:
    """ "Today at the summit Anwar held discussions with four leaders … Anwar also held a
    meeting with the Prime Minister of Vietnam": a later meeting of a party to a dated one,
    told in the past with no day, time word or other date between them, is on that day, and
    in person at that place."""
    for m in meetings:
        if m.date is not None and m.date.value:
            continue
        s_text = doc.text[m.span.start : m.span.end]
        if any(not _NEXT_STEP.match(s_text, w.start()) for w in _EARLIER_TIME.finditer(s_text)):
            continue
        # ("Earlier in the day, Turkish Foreign Minister Hakan Fidan spoke by phone with
        # Guterres", after Erdogan's call with Putin: the day of the meeting told before,
        # whoever held it)
        said_so = _SAME_DAY.search(s_text) is not None
        # ("On the sidelines, Luxon held a bilateral meeting with …" after the summit:
        # beside the gathering told before, on its day and at its place)
        beside = _BARE_SIDELINES.search(s_text) is not None
        before = [
            o
            for o in meetings
            if o.date is not None
            and o.date.value
            and o.span.end <= m.span.start
            and (
                said_so
                or set(o.participants) & set(m.participants)
                or (beside and o.kinds & {"Summit", "Session"})
            )
            and not _long_before(doc, o.date.value)
        ]
        if not before:
            continue
        gatherings = [o for o in before if o.kinds & {"Summit", "Session"}]
        if beside and gatherings:
            # the gathering told last, whatever days are told between (not its own day)
            o = max(gatherings, key=lambda x: x.span.start)
            if doc.dates.dates_in(m.span.start, m.span.end):
                continue
        else:
            o = max(before, key=lambda x: x.span.start)
            years = {int(y) for y in _A_YEAR.findall(s_text)}
            if years and o.date.value.year not in years:
                continue  # "a strategic partnership in 2015 during the visit of Modi": its year
            if any(
                d.start >= o.span.end
                and d.value != o.date.value
                # ("Blinken thanked him for Brazil's vote on February 23. Earlier in the
                # day, …": a day recalled before it moves no "earlier in the day")
                and not (said_so and d.value is not None and d.value < o.date.value)
                for d in doc.dates.dates_in(o.span.end, m.span.end)
            ):
                continue  # ("Honored to call on President D today in Colombo": that same day)
        m.date = o.date
        if (
            m.location is None
            and not m.kinds & {"PhoneCall", "Videoconference"}
            and (set(o.participants) & set(m.participants) or beside)
        ):
            m.location = o.location  # (where they all were that day)


def _day_of_what_it_was_told_at(doc: Doc, meetings: list[Meeting]) -> None:
    """ "The leaders of Zambia and Botswana on Friday reaffirmed their commitment …. The
    pledge was made during bilateral talks in Lusaka between A and B": talks of no day that
    the story gives as where the sentence before was said are of that sentence's day."""
    for m in meetings:
        if m.date is not None and m.date.value:
            continue
        sent = doc.sentence_at(m.span.start)
        if sent is None or not TOLD_DURING.match(doc.text, sent.start, sent.end):
            continue
        if doc.dates.dates_in(sent.start, sent.end):
            continue  # (a day of its own, resolved or not)
        before = doc.sentence_next_to(sent, -1)
        if before is None or doc.paragraphs_between(before.start, sent.start) > 1:
            continue
        day = _date(doc, before, before.start)
        if day is not None:
            m.date = day
            m.key = meeting_key(doc, day, m.participants)


# "Kenya's newly elected president, William Ruto": the state owns the title of the person
# named next (a few title words, an optional comma, nothing else between)
_OWNS_TITLE = re.compile(r"[’']s\s+(?:[\w-]+\s+){0,4}?[\w-]+,?\s+$")


def _owners_of_a_partys_title(doc: Doc, m: Meeting) -> set[str]:
    """ "President Salva Kiir met Kenya's newly elected president, William Samoei Ruto":
    Kenya is there only as Ruto's, not as a party beside him. A country every mention of
    which in the meeting's sentence is the possessive of a party's title."""
    people = {p for p in m.participants if p.startswith("person/")}
    if not people:
        return set()
    owners: set[str] = set()
    for ref in m.participants:
        if not ref.startswith("country/"):
            continue
        ms = [x for x in doc.mentions_in(m.span.start, m.span.end) if doc.ref(x) == ref]
        if ms and all(
            _owns_title_of(doc, x, people, m.span.end)
            or doc.list_owners.get(x.start) in people
            or _OWNS_BUILDING.match(doc.text, x.end)
            for x in ms
        ):
            # (or a state paired with its leader: "The leaders of Kenya and Djibouti, Uhuru
            # Kenyatta and Ismail Omar Guelleh respectively held talks")
            owners.add(ref)
    return owners


# "at Kenya’s State House": the state owns the building, it takes no part there
_OWNS_BUILDING = re.compile(rf"[’']s\s+(?:[A-Z][\w-]+\s+)?(?:{'|'.join(BUILDING_WORDS)})\b")


def _owns_title_of(doc: Doc, x, people: set[str], end: int) -> bool:
    nxt = next(iter(doc.mentions_in(x.end, min(end, x.end + 80), "person")), None)
    return (
        nxt is not None
        and doc.ref(nxt) in people
        and not doc.mentions_in(x.end, nxt.start)
        and _OWNS_TITLE.fullmatch(doc.text, x.end, nxt.start) is not None
    )


def _of_body(doc: Doc, body_meeting: Meeting, m: Meeting) -> bool:
    """A session of a body on a day, and a parsed meeting that day the body takes part in."""
    if not body_meeting.organizer:
        return False
    da = body_meeting.date.value if body_meeting.date else None
    db = m.date.value if m.date else None
    if da != db and db is not None:
        return False
    if (
        da is not None
        and da == db
        and not body_meeting.participants
        and not _far_apart(doc, body_meeting, m)
    ):
        return True  # the body's meeting that day, whose parties the rules did not name
    if m.span == body_meeting.span and m.kinds and m.kinds <= body_meeting.kinds:
        # "The 26th Session of the Zambia–Namibia Joint Permanent Commission … opened at
        # Sandy's Creations Resort": the session the parse reads in the same words
        return True
    root = doc.root_org(body_meeting.organizer.split("/", 1)[1])
    return any(
        p.startswith("org/") and doc.root_org(p.split("/", 1)[1]) == root for p in m.participants
    )


def _definite(noun) -> bool:
    """ "the meeting", "the first meeting", "this meeting": one the text has spoken of."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)


def _held_clause(c) -> bool:
    """ "the first meeting held this Thursday", "the meeting, which took place on …"."""
    if c.dep_ == "acl" and c.lower_ == "held":
        return True
    return c.dep_ == "relcl" and (
        c.lower_ == "held"
        or (lemma(c.lower_) == "take" and any(x.lower_ == "place" for x in c.children))
    )


def _parties_told_before(doc: Doc, sent, two_named: bool = False) -> list[str]:
    """The persons a sentence just before (in this paragraph or the one before) names
    beside talks or a meeting: "The presidents of Venezuela, Nicolás Maduro, and of Guyana,
    Mohamed Irfaan Ali, have expressed their willingness to continue bilateral talks". For
    a bilateral meeting, the two persons the sentence right before names, whatever it says
    they did ("A and B generated agreements … The bilateral meeting, which took place …")."""
    earlier = [b for _, b in doc.sentences if b.end <= sent.start and doc.near(b.start, sent.start)]
    for n, b in enumerate(reversed(earlier[-3:])):
        cued = MEETING_CUE.search(doc.text, b.start, b.end)
        if not cued and not (two_named and n == 0):
            continue
        persons = doc.persons_in(b.start, b.end)
        if len(persons) >= 2 and (cued or len(persons) == 2):
            return persons
    return []


def _far_apart(doc: Doc, a: Meeting, b: Meeting) -> bool:
    """Two meetings told more than two paragraphs apart: "Zelensky met the Pope on
    Saturday" further down is not the summit the lead said was held that Saturday."""
    paras = doc.paragraphs
    ia = paras.index(_para_of(doc, a.span.start))
    ib = paras.index(_para_of(doc, b.span.start))
    return abs(ia - ib) > 2


def _meeting(doc: Doc, sent, refs: list[str], kind: str, date, place) -> Meeting:
    return Meeting(
        key=meeting_key(doc, date, refs),
        span=Span(sent.start, sent.end),
        label="",
        kinds={kind},
        date=date,
        participants=list(refs),
        location=place,
    )


def _summit_just_before(doc: Doc, out: list[Meeting], m: Meeting) -> bool:
    """The last meeting reported, in this or the previous paragraph, is a dated summit."""
    last = _earlier(out, m)
    return (
        last is not None
        and "Summit" in last.kinds
        and last.date is not None
        and doc.near(last.span.start, m.span.start)
    )


def _earlier(out: list[Meeting], m: Meeting) -> Meeting | None:
    """The meeting "the meeting" refers back to: the last one reported before it; "the
    summit" (or "the session") is the last summit, not the talks held on its sidelines."""
    before = [o for o in out if o.span.start < m.span.start]
    for kind in ("Summit", "Session"):
        if kind in m.kinds and (same := [o for o in before if kind in o.kinds]):
            before = same
    return max(before, key=lambda o: o.span.start) if before else None


def _merge_same(meetings: list[Meeting]) -> list[Meeting]:
    """One meeting reported in two sentences of a story is one meeting."""
    out: list[Meeting] = []
    for m in sorted(meetings, key=lambda x: x.span.start):
        twin = next((o for o in out if same_meeting(o, m)), None)
        if twin is None and m.continues:
            twin = _earlier(out, m)
        if twin is None:
            out.append(m)
            continue
        absorb(twin, m)
    return out


def _told_again(doc: Doc, found: list[Meeting], parsed: list[Meeting]) -> list[Meeting]:
    """ "West African leaders have concluded the 54th Ordinary Session of the Authority of
    … ECOWAS. Several presidents … at the end-of-year Summit that held in Abuja on December
    22": a gathering the rules found with no one named at it, right after the summit or
    session the parse found, is that one again, and gives it its day."""
    kept = []
    for o in found:
        if o.participants or o.organizer or o.chair:
            kept.append(o)
            continue
        earlier = [
            m
            for m in parsed
            if m.kinds & {"Summit", "Session"}
            and m.span.start < o.span.start
            and doc.near(m.span.start, o.span.start)
            and (
                m.date is None or m.date.value is None or (o.date and m.date.value == o.date.value)
            )
        ]
        if not earlier:
            kept.append(o)
            continue
        if earlier[-1].date is None or earlier[-1].date.value is None:
            earlier[-1].date = o.date
    return kept


def _rest_of_the_list(
    doc: Doc, found: list[Meeting], parsed: list[Meeting], split: set[Span]
) -> list[Meeting]:
    """ "Modi had telephone conversation with A, The Druk Gyalpo of Bhutan and B, Prime
    Minister of Bhutan, C, President and D, Prime Minister of Sri Lanka, E, …": the parse
    loses the list past its first appositions, and tells a call with each (or with the
    first alone); the rules' one meeting of the sentence holds every person in it. The
    persons the parse missed are met one by one too, by the person every parsed meeting of
    the sentence shares (its subject). The spans so split join `split`."""
    more: list[Meeting] = []
    for o in found:
        if o.organizer is not None:
            continue
        twins = [m for m in parsed if m.span == o.span]
        if not twins or any(
            len(m.participants) != 2
            or m.kinds != twins[0].kinds
            or not all(p.startswith("person/") for p in m.participants)
            for m in twins
        ):
            continue  # not one person's meetings with each of a list of persons
        if o.span in split:
            hubs = set.intersection(*(set(m.participants) for m in twins))
        elif twins[0].kinds == {"PhoneCall"}:
            # one call parsed: the rest of the list was called one by one when nothing
            # makes them one group
            hubs = {twins[0].participants[0]}
            if not _called_one_by_one(
                doc, o.span, [p for p in o.participants if p not in hubs]
            ) or not _named_in_order(doc, o.span, twins[0].participants, o.participants):
                continue
        else:
            continue
        covered = {q for m in twins for q in m.participants}
        rest = [p for p in o.participants if p not in covered]
        if len(hubs) != 1 or not rest or not all(p.startswith("person/") for p in rest):
            continue
        (hub,) = hubs
        split.add(o.span)
        for p in rest:
            m = dataclasses.replace(
                twins[-1], participants=[hub, p], kinds=set(twins[-1].kinds), elsewhere=set()
            )
            m.key = meeting_key(doc, m.date, m.participants)
            more.append(m)
    return more


def _named_in_order(doc: Doc, span: Span, first: list[str], refs: list[str]) -> bool:
    """Every one of `refs` not in `first` is named in the span after all of `first` (the
    caller, then the list of those called), not before them ("While Merkel did offer
    congratulations, Macron … in a phone call with Putin")."""
    at: dict[str, int] = {}
    for m in doc.mentions_in(span.start, span.end, "person"):
        at.setdefault(doc.ref(m), m.start)
    if any(r not in at for r in refs):
        return False
    last_first = max(at[r] for r in first)
    return all(at[r] > last_first for r in refs if r not in first)


def same_meeting(a: Meeting, b: Meeting) -> bool:
    da = a.date.value if a.date else None
    db = b.date.value if b.date else None
    if da and db and da != db:
        return False
    if (a.earlier and not da and db) or (b.earlier and not db and da):
        return False
    if a.background != b.background and a.span == b.span:
        return False  # "met Samia, who is on a state visit to Kenya": the meeting, and her visit
    if any(
        x.beside and not x.kinds & {"Summit", "Session"} and y.kinds & {"Summit", "Session"}
        for x, y in ((a, b), (b, a))
    ):
        return False  # talks on a summit's sidelines, and the summit
    if (
        a.location
        and b.location
        and a.location != b.location
        and a.location.startswith("place/")
        and b.location.startswith("place/")
        and not (da and da == db)
    ):
        return False  # talks in Muscat and a meeting in Riyadh on an envoy's tour: two
    pa, pb = set(a.participants), set(b.participants)
    if (
        a.organizer
        and b.organizer
        and a.organizer == b.organizer
        and (da == db or not da or not db)
    ):
        return True
    if a.span == b.span and da == db and any(not (m.participants or m.organizer) for m in (a, b)):
        return True  # "The Lakes Summit was convened on May 14": a gathering its parse names
    if a.span == b.span and da and da == db and a.kinds & b.kinds & {"Summit", "Session"}:
        return True  # one summit of a day told in one sentence, whoever each reading found at it
    shared = pa & pb
    if not shared:
        return False
    if da and db and da == db:
        # A met B, and A met C the same day: two meetings
        only_a = {p for p in pa - pb if p.startswith("person/")}
        only_b = {p for p in pb - pa if p.startswith("person/")}
        return not (only_a and only_b)
    small = min(len(pa), len(pb))
    if small <= 1:
        if (
            a.span == b.span
            and "Visit" in a.kinds | b.kinds
            and "PhoneCall" not in a.kinds | b.kinds
        ):
            return True  # "paid a visit to Manila, where he met Marcos": one visit, one meeting
        if a.span == b.span and (a.kinds | b.kinds) & {"Summit", "Session"} and len(pa | pb) == 1:
            return True  # "A concluded the summit after discussions on X": its discussions
        return bool(da and da == db) or (a.kinds & b.kinds and "PhoneCall" not in a.kinds)
    if (
        "Visit" in a.kinds & b.kinds
        and a.location
        and a.location == b.location
        and any(p.startswith("person/") for p in shared)
    ):
        return True  # "a working visit to Moscow" … "Throughout his visit to Moscow, …": one
    return len(shared) >= 2


def absorb(keep: Meeting, other: Meeting) -> None:
    for p in other.participants:
        if p not in keep.participants and p != keep.organizer:
            keep.participants.append(p)
    if not keep.kinds:
        keep.kinds |= other.kinds
    else:
        keep.kinds |= other.kinds - {"InPersonMeeting"}
    if keep.date is None and other.date is not None:
        keep.date = other.date
    keep.location = keep.location or other.location
    keep.chair = keep.chair or other.chair
    keep.organizer = keep.organizer or other.organizer
    keep.voice_at = keep.voice_at if keep.voice_at is not None else other.voice_at
