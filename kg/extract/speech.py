"""Who said it, from the dependency parse.

A speech verb ("said", "told", "warned", "announced", "according to") names its
speaker as its grammatical subject (or the object of "according to"); a pronoun or a
description ("he", "the spokesman", "Kazakhstan's president", "the ministry", "the
statement") stands for the person or body the text named before it. The quote and the
attribution are one statement, however the sentence is ordered:
"“…,” spokesman Ned Price said" is Price's, not the minister the quote is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexis import (
    GREETING_NOUNS,
    GREETING_VERBS,
    SPEECH,
    TOUCHED_ON,
    calls_on,
    lemma,
    on_a_day,
)
from kg.extract.model import Mention
from kg.extract.sentences import Block

# What a description names, when no name is in the subject.
PERSON_NOUNS = {
    "spokesman": "spokes",
    "spokeswoman": "spokes",
    "spokesperson": "spokes",
    "minister": "minister",
    "formin": "minister",  # the wires' "ForMin" ("FM" is also a radio station's name)
    "fm": "minister",  # "The Greek FM also said" (a radio station's FM is no subject here)
    "pm": "prime minister",  # "the Greek PM said"
    "president": "president",
    "premier": "prime minister",
    "chancellor": "chancellor",
    "secretary": "secretary",
    "secretary-general": "secretary general",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "general": "general",
    "commander": "commander",
    "chief": "chief",
    "leader": "leader",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "chair": "chair",
    "speaker": "speaker",  # "Speaker of the Georgian Parliament thanked the President"
    "head": "head",
    "prince": "prince",
    "king": "king",
    "majesty": "king",  # "Receiving the credentials, His Majesty highlighted …"
    # Bhutan's word for its prime minister ("Lyonchoen expressed gratitude")
    "lyonchhen": "prime minister",
    "lyonchoen": "prime minister",
    "emir": "emir",
    "presidents": "president",
    "ministers": "minister",
    "spokesmen": "spokes",
    "envoys": "envoy",
    "ambassadors": "ambassador",
    "official": None,
    "officials": None,
    "source": None,
    "sources": None,
    "diplomat": None,
    "diplomats": None,
    "analyst": None,
    "analysts": None,
    "witness": None,
    "witnesses": None,
    "residents": None,
    "observers": None,
    "experts": None,
    "expert": None,
}
BODY_NOUNS = {
    "ministry",
    "government",
    "authorities",
    "office",
    "department",
    "statement",
    "communique",
    "communiqué",
    "release",
    "readout",
    "report",
    "agency",
    "council",
    "organization",
    "organisation",
    "commission",
    "secretariat",
    "bloc",
    "coalition",
    "authority",
    "grouping",
    "leaders",
    "leadership",
    "heads",
    "presidency",
    "kremlin",
    "army",
    "military",
    "forces",
    "command",
    "administration",
    "cabinet",
    "parliament",
    "embassy",
    "mission",
    "community",
    "union",
    "alliance",
    "group",
    "co-chairs",
    "participants",
    "sides",
}
_WRITTEN_NOUNS = {"statement", "communique", "communiqué", "declaration", "readout", "release"}
# words one issues that are said to someone, not written texts ("issued a warning")
_ISSUED_WORDS = {"ultimatum", "warning", "appeal"}
# verbs that report speech only when someone is their subject
# verbs of judgement, speech when someone judges ("Biden hailed the arrival")
_JUDGING = {
    "slam", "hail", "laud", "commend", "applaud", "decry", "denounce", "deplore", "lament",
    "praise", "condemn", "criticize", "criticise", "deem",
}  # fmt: skip
_WEAK = {
    "indicate",
    "signal",
    "suggest",
    "reveal",
    "estimate",
    "predict",
    "describe",
    "characterize",
    "characterise",
    "show",
    "highlight",
    "confirm",
    "mention",
    "note",
}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_BODY = {"it", "they", "we"}
NOT_SPEECH_SUBJECT = re.compile(r"^(?:which|that|this|there|what|who)$", re.I)


@dataclass
class Attribution:
    verb_start: int  # char offset of the speech verb (or "according")
    speaker: str | None  # entity ref
    evidence: str  # subject | according | pronoun | description | inverted


class Salience:
    """Who a pronoun or a description can stand for: the actors named so far, latest last."""

    def __init__(self) -> None:
        self.persons: list[str] = []
        self.bodies: list[str] = []
        self.speakers: list[str] = []
        self.recent_speaker: str | None = None  # speaker of the sentence before, if any
        self.subjects: list[str] = []  # persons who were the subject of a sentence
        # "m" or "f", learned from the pronouns that stood for a person so far: "she said"
        # after "he said" of Wang is not Wang's
        self.gender: dict[str, str] = {}
        # the persons of the meeting the sentence follows (same or next paragraph): "they
        # also agreed …" after two leaders met
        self.meeting_persons: list[str] = []
        # the parties of the last meeting within three paragraphs, states too
        self.met_parties: list[str] = []
        # the person a post of a body was found to mean ("The U.N. special envoy for
        # Myanmar" -> Schraner Burgener), by role and body: "The U.N. envoy stressed" later
        self.posts_told: dict[tuple[str, str], str] = {}

    @property
    def met_lately(self) -> list[str]:
        """The persons of that meeting: "They then agreed …" two paragraphs after "In his
        meeting with Blinken, Iwaya said …"."""
        return [p for p in self.met_parties if p.startswith("person/")]

    @property
    def pair(self) -> list[str]:
        """The two persons of the last meeting within three paragraphs, if it had two: "The
        Heads of State noted …" two paragraphs after their call."""
        return self.met_lately if len(self.met_lately) == 2 else []

    def next_sentence(self, spoke: str | None) -> None:
        self.recent_speaker = spoke

    def saw(self, ref: str) -> None:
        lst = self.persons if ref.startswith("person/") else self.bodies
        if ref in lst:
            lst.remove(ref)
        lst.append(ref)

    def spoke(self, ref: str) -> None:
        self.saw(ref)
        if ref in self.speakers:
            self.speakers.remove(ref)
        self.speakers.append(ref)


# what one "presents" that is no speech: a thing handed over
_THINGS_HANDED = {
    "gift", "gifts", "award", "awards", "medal", "medals", "credentials", "wreath", "plaque",
    "certificate", "certificates", "cheque", "check", "keys", "flag", "trophy", "souvenir",
}  # fmt: skip
# what "according to" may cite that says nothing: a rule, a custom, a timetable
_NO_VOICE = {
    "custom", "customs", "tradition", "traditions", "law", "laws", "constitution", "rules",
    "regulations", "schedule", "timetable", "programme", "program", "agenda", "protocol",
}  # fmt: skip


def speech_verbs(sp) -> list:
    """Tokens of a parse that are speech acts (not "said" in "the so-called").

    Reporting verbs are the sentence's root, a clause head, or conjoined with one;
    a participle used as an adjective ("the stated goal") is not.
    """
    out = []
    for t in sp:
        lw = t.lower_
        if lw == "according" and t.i + 1 < len(sp) and sp[t.i + 1].lower_ == "to":
            source = according_to(t)
            if source is None or source.lower_ not in _NO_VOICE:
                out.append(t)  # (not "According to Vanuatu's customs, the gifts …")
            continue
        lem = lemma(lw)
        if (
            f"{lw} on" in TOUCHED_ON
            and t.dep_ in ("ROOT", "conj", "ccomp")
            and any(c.dep_ == "prep" and c.lower_ == "on" for c in t.children)
            and any(c.dep_ == "nsubj" for c in t.children)
            and _one_speaker(t)
        ):
            out.append(t)  # "He touched on a few matters such as Pacific Regionalism"
            continue
        if lem not in _MAY_SPEAK:
            continue  # most words: nothing below can take them
        if lem == "speak" and t.dep_ == "advcl" and any(q in t.doc.text for q in ("“", '"', "”")):
            out.append(t)  # "Speaking to reporters in Kigali, Nyusi: “…”"
            continue
        if (
            lem in ("speak", "talk")
            and t.dep_ in ("ROOT", "conj", "ccomp")
            and any(c.dep_ == "prep" and c.lower_ in ("about", "of") for c in t.children)
            and not any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in t.children)
            and _one_speaker(t)
        ):
            # "Minister Maas spoke about the activity of the Triangle"; but "A and B talked
            # about the sea", "the ministers talked about": a conversation between them
            out.append(t)
            continue
        if (
            lem == "speak"
            and t.dep_ in ("ROOT", "conj", "ccomp")
            and _one_speaker(t)
            and any(
                c.dep_ == "prep"
                and c.lower_ == "to"
                and any(
                    g.dep_ == "pobj" and g.text.islower() and g.lower_ in _TOPICS_SPOKEN_TO
                    for g in c.children
                )
                for c in t.children
            )
        ):
            out.append(t)  # "President Varela spoke to the competitive advantages of Panama"
            continue
        if lem == "make" and any(c.lower_ in ("known", "clear") for c in t.children):
            out.append(t)  # "made this known", "made it clear"
            continue
        if (
            lem == "make"
            and any(
                c.dep_ == "dobj" and c.lower_ in ("speech", "statement", "remarks", "address")
                for c in t.children
            )
            and any(x.text in ("”", '"') for x in t.sent[: t.i - t.sent.start])
        ):
            # "“…”, State President Tran Dai Quang made a speech.": the words quoted before
            # (not "Pashinyan made his first official remarks on Wednesday")
            out.append(t)
            continue
        if lem in ("issue", "release", "publish") and any(
            c.dep_ == "dobj" and (c.lower_ in _WRITTEN_NOUNS or c.lower_ in _ISSUED_WORDS)
            for c in t.children
        ):
            out.append(t)  # "issued a written statement", "has issued an ultimatum to the LTTE"
            continue
        if lem in GREETING_VERBS and any(
            c.dep_ == "dobj" and c.lower_ in GREETING_NOUNS for c in t.children
        ):
            out.append(t)  # "Minister Lavrov offered his congratulations", "conveyed his hope"
            continue
        if lem in _VERDICT_VERBS and _quoted_verdict(t):
            out.append(t)
            continue
        if lem not in SPEECH:
            continue
        if lem in ("issue", "release") and not (
            t.dep_ == "acl" and t.head.lower_ in _WRITTEN_NOUNS
        ):
            continue  # "release one of the ministers": only a statement issued is speech
        if t.dep_ in ("amod", "compound", "nmod", "pobj", "dobj", "nsubj", "nsubjpass", "attr"):
            continue
        if t.dep_ == "relcl" and lemma(t.sent.root.lower_) in SPEECH:
            # "Amid a surge in attacks which the UN says have risen five-fold …, UNHCR
            # spokesperson Andrej Mahecic said that …": the sentence is the root's speaker's
            continue
        if lem == "call" and (
            # ("called upon the Council of Europe to take action": an appeal too)
            not any(c.lower_ in ("for", "on", "upon") and not on_a_day(c) for c in t.children)
            or calls_on(t)
        ):
            continue  # "called" alone: a phone call, or naming; "called on X": a visit
        if (
            lem in _JUDGING
            and any(c.dep_ == "auxpass" for c in t.children)
            and not any(c.dep_ == "agent" for c in t.children)
        ):
            continue  # "The Forum has been hailed as a success": by no one the text names
        if (
            lem in ("add", "observe")
            and any(c.dep_ == "dobj" for c in t.children)
            and not any(c.dep_ in ("ccomp", "parataxis") for c in t.children)
        ):
            # "seeks to add Iran to the list": a thing added, not words; "visited Lithuania
            # to observe the first drills": a thing watched
            continue
        if lem == "welcome" and _welcomes_a_guest(t):
            continue  # "President Xi was welcomed by Finance Secretary Dominguez": a reception
        if lem == "present" and any(
            c.dep_ == "dobj" and c.lower_ in _THINGS_HANDED for c in t.children
        ):
            continue  # "Mr Kilman then presented gifts to Commodore Bainimarama": a gift
        if (
            lem in _WEAK
            and t.dep_ in ("advcl", "acl", "xcomp")
            # (but "…, as mentioned by Colonel Kiaou": the agent said it)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children)
            # (and "The Prime Minister reciprocated the viewpoints …, noting that …": a
            # person, who spoke)
            and not (t.dep_ == "advcl" and _person_subject(t.head))
        ):
            continue  # "vehicles have been seen crossing, indicating that …": no one said it
        if (
            lem in ("report", "post", "order", "direct", "decide", "invite", "request")
            and t.dep_ not in ("ROOT", "ccomp", "conj", "parataxis")
            and not _as_reported_by_a_post(t)
        ):
            continue
        out.append(t)
    return out


def _as_reported_by_a_post(verb) -> bool:
    """ "The “social cost” … has been “low”, as reported by the minister at a press
    conference": the holder of a post said it (not "as reported by Reuters", a source)."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and any(
        g.lower_ in PERSON_NOUNS
        for c in verb.children
        if c.dep_ == "agent"
        for g in c.children
        if g.dep_ == "pobj"
    )


def _person_subject(verb) -> bool:
    """The verb's subject is a person: "he", "she", a post ("The Prime Minister"), a name."""
    sub = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if sub is None:
        return False
    return (
        sub.lower_ in PRONOUNS_PERSON
        or sub.lower_ in PERSON_NOUNS
        or (
            sub.text[:1].isupper()
            and sub.lower_ not in PRONOUNS_BODY
            and sub.i > 0
            and any(c.dep_ == "compound" and c.text[:1].isupper() for c in sub.children)
        )
    )


def _one_speaker(verb) -> bool:
    """The verb's subject is one speaker: no conjunct, not "they", not a plural noun ("the
    ministers", "the Ministers"; a name ending in s, "Maas", has no determiner)."""
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subs) != 1 or any(t.dep_ == "conj" for t in subs[0].subtree):
        return False  # ("JAKARTA, Indonesia—President A and his counterpart B talked")
    sub = subs[0]
    if sub.lower_ in ("they", "we", "both", "all", "who", "which"):
        return False
    return not (
        sub.lower_.endswith("s")
        and (sub.text.islower() or any(c.dep_ in ("det", "nummod") for c in sub.children))
    )


def _quoted_verdict(verb) -> bool:
    """ "called the meeting “very fluid,”", "described the talks as “productive”": an object
    and a verdict on it in quotation marks, said by the subject."""
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    verdicts = [c for c in verb.children if c.dep_ in ("oprd", "xcomp")]
    verdicts += [g for o in objs for c in o.children if c.lower_ == "as" for g in c.children]
    verdicts += [g for c in verb.children if c.lower_ == "as" for g in c.children]
    # (the opening mark may hang elsewhere in the parse: look a few words before the verdict)
    return bool(objs) and any(
        t.text in ("“", '"', "”") for v in verdicts for t in (*v.subtree, v.doc[max(0, v.i - 3)])
    )


# what one "speaks to" when one speaks of it (not to whom: "spoke to reporters")
_TOPICS_SPOKEN_TO = {
    "advantages", "importance", "need", "needs", "issue", "issues", "question", "questions",
    "challenges", "benefits", "role", "progress", "situation", "concerns", "priorities",
    "achievements", "opportunities", "potential", "value", "significance", "impact",
}  # fmt: skip
GUEST_PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "us", "i", "me"}
# capitalised things a statement welcomes ("welcomed Resolution 2699", "the Accord")
_WELCOMED_THINGS = {
    "resolution", "decision", "agreement", "declaration", "deal", "accord", "treaty",
    "statement", "plan", "proposal", "initiative", "truce", "ceasefire", "report",
}  # fmt: skip


def _welcomes_a_guest(verb) -> bool:
    """ "welcomed the truce" is speech; "was welcomed by the President", "welcomed President
    Ruto at State House" receive a person (a name or a pronoun), and say nothing; so does
    "President Chakwera landed … and was welcomed by Deputy Minister X", whose subject the
    passive shares with the verb before it."""
    shared = (
        verb.dep_ == "conj"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )
    if shared and _welcomes_a_guest_as(verb.head, ("nsubj", "nsubjpass")):
        return True
    return _welcomes_a_guest_as(verb, ("nsubjpass", "dobj"))


def _welcomes_a_guest_as(verb, deps: tuple[str, ...]) -> bool:
    return any(
        c.dep_ in deps
        and (
            c.lower_ in GUEST_PRONOUNS
            or (
                c.text[:1].isupper()
                and not c.is_sent_start
                and c.lower_ not in _WELCOMED_THINGS
                and not any(g.like_num for g in c.children)
            )
        )
        for c in verb.children
    )


# verbs that pass a verdict in quotation marks: "Lobo called the meeting “very fluid,”",
# "described the talks as “productive”"
_VERDICT_VERBS = {"call", "describe"}
# the lemmas speech_verbs can return a token for
_MAY_SPEAK = frozenset(
    SPEECH
    | {"speak", "talk", "make", "issue", "release", "publish"}
    | set(GREETING_VERBS)
    | _VERDICT_VERBS
)


_DAY_WORDS = {"today", "yesterday", "tonight", "tomorrow"}


def subject_of(verb, after: int = -1):
    """The subject of a speech verb, climbing conjunctions and auxiliaries: "X stood up
    and said", "X has said", "X was quoted as saying". Subjects whose token offset is
    before `after` (a dateline the parser took for a subject) are passed over."""
    agent = _passive_agent(verb, after)
    if agent is not None:
        return agent
    tail = _inverted_at_the_end(verb, after)
    if tail is not None:
        return tail
    node = verb
    for _ in range(4):
        subs = [
            c
            for c in node.children
            if c.dep_ in ("nsubj", "nsubjpass", "csubj")
            and c.lower_ not in _DAY_WORDS
            # ("said the following:": what is said, which the parser took for a subject)
            and not (c.lower_ == "following" and c.i > node.i)
        ]  # ("… (UNAMSIL) today announced": the parser's other subject is the day)
        late = [c for c in subs if c.idx >= after]
        if len(late) >= 2 and late[-1].i > 0 and verb.doc[late[-1].i - 1] in late[-2].subtree:
            # "Henrik Rosdahl of the 71st Battalion said": the parser cut the name's
            # phrase in two and made its last word a second subject
            return late[-2]
        if late:
            own = [c for c in late[-1].children if c.dep_ == "nsubj"]
            if own and own[0].idx >= after and late[-1].text[:1].islower():
                # "A statement from Barrow's office read on state television … said": the
                # parser made the participle the subject, and the statement its own (not
                # "head Adm. Brian O'Keefe told": a name, to which it hung the post)
                return own[0]
            return late[-1]
        for c in subs:
            # "NAIROBI, Kenya (AA) – President William Ruto on Friday announced": the
            # parser hangs the subject on the dateline as an apposition
            tail = [t for t in c.subtree if t.idx >= after and t.dep_ in ("appos", "conj")]
            if tail:
                return tail[0]
        if subs:
            return None
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head != node:
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ == "by":
            node = node.head.head  # "he began by thanking Ethiopia for …": who began
            continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ == "as":
            # "was quoted by state media as saying": who was quoted; "RIA Novosti quoted
            # Lavrov as saying": the one quoted, not the agency
            node = node.head.head
            quoted = [c for c in node.children if c.dep_ == "dobj"]
            if quoted:
                return quoted[0]
            continue
        if (
            node.dep_ == "acl"
            and node.head.dep_ == "ROOT"
            and node.head.idx >= after
            and not node.lower_.endswith("ing")
            and any(c.dep_ == "ccomp" for c in node.children)
        ):
            # "Mexico’s foreign minister, Alicia Bárcena, announced on Monday that …": with
            # no other verb the parser makes the clause's verb a modifier of its subject
            return node.head
        if node.dep_ == "acl" and node.lower_.endswith("ing") and node.head != node:
            doer = with_doing(node, after)
            if doer is not None:
                return doer  # "… with Male saying the second group will leave"
            if node.head.idx >= after and node.head.text[:1].isupper():
                # "Sheinbaum, who assumed office in 2024, shared details …, stating that
                # when he asked …": the parser hangs the participle on the name
                return node.head
        break
    # "“…,” declared a lieutenant in the army, X.", "…, noted an AFP journalist.": the
    # parser takes the speaker after an inverted verb for its object
    if verb.i > 0 and verb.doc[verb.i - 1].text in (",", "”", '"', "’"):
        inverted = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i]
        if inverted and inverted[0].idx >= after:
            return inverted[0]
    # passive "was told by X": the agent
    agent = next(iter(agent_objects(verb)), None)
    if agent is not None:
        return agent
    return _phrase_before(verb, after)


def _inverted_at_the_end(verb, after: int):
    """ "… dispatched 600 military personnel … on Sunday, reported the ANTARA.": the parser
    joins the closing verb to the sentence's first and takes its speaker for an object; a
    name closing the sentence after ", reported" is who reported it."""
    if verb.dep_ != "conj" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i]
    if not objs or not objs[0].text[:1].isupper() or objs[0].idx < after:
        return None
    rest = verb.doc[objs[0].right_edge.i + 1 : verb.sent.end]
    return objs[0] if all(t.is_punct for t in rest) else None


def with_doing(verb, after: int = -1):
    """ "… with Male saying the second group will leave", "held talks with President Lungu
    telling his counterpart that …": the one the "with" phrase names right before the
    participle speaks."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        prev is not None
        and verb.lower_.endswith("ing")
        and prev.dep_ == "pobj"
        and prev.head.lower_ == "with"
        and prev.idx >= after
    ):
        return prev
    return None


def as_said_by(verb):
    """ "…, as mentioned by Colonel Kiaou", "as stated by the minister": the agent said it."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    return next(iter(agent_objects(verb)), None)


def agent_objects(verb) -> list:
    """Who a passive verb's by-phrase names ("was told by X")."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _passive_agent(verb, after: int):
    """ "This was reported by the press service of the Kyrgyz Foreign Ministry", "The talks
    were announced by the ministry": who reports is the agent; what the passive's subject
    names is what was said. Not "was quoted by Reuters as saying" (the one quoted spoke), nor
    a clause inside another ("the era, which had been confirmed by the two leaders, Komura
    said")."""
    if verb.dep_ not in ("ROOT", "conj") or lemma(verb.lower_) == "quote":
        return None
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    if lemma(verb.lower_) in ("write", "edit", "compile") and any(
        c.dep_ == "nsubjpass" and c.lower_ in _THE_PIECE for c in verb.children
    ):
        return None  # "(This article was written by A and B.)": its authors, who say nothing
    return next((g for g in agent_objects(verb) if g.idx >= after), None)


_THE_PIECE = {"article", "story", "report", "piece", "column", "text", "op-ed"}


_WHEN_WORDS = {
    "today", "yesterday", "tonight", "on", "this", "last", "late", "early", "earlier",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "morning", "afternoon", "evening", "night", "week",
}  # fmt: skip


def closes_sentence(verb) -> bool:
    """ "…, X said.", "…, X, said today.": the sentence's main verb, with only a time after
    it."""
    return verb.dep_ == "ROOT" and all(
        t.is_punct or t.lower_ in _WHEN_WORDS for t in verb.doc[verb.i + 1 :]
    )


def _phrase_before(verb, after: int):
    """ "…, the Ministry of Defense of Tajikistan said.": the phrase between the last comma
    and a clause-final speech verb, when the parser hung it elsewhere."""
    doc = verb.doc
    if verb.i == 0:
        return None
    if verb.i + 2 < len(doc) and doc[verb.i + 1].is_alpha and not closes_sentence(verb):
        return None  # (but "…, X said today.", "…, X, said on Friday.")
    last = verb.i - 1
    if doc[last].text == "," and last > 0:
        last -= 1  # "…, former Nigerian President Olusegun Obasanjo, said today."
    comma = next((i for i in range(last, -1, -1) if doc[i].text in (",", "”", '"')), None)
    if comma is None or verb.i - comma < 2 or verb.i - comma > 12:
        return None
    span = range(comma + 1, last + 1)
    roots = [doc[i] for i in span if doc[i].head.i not in span and doc[i].idx >= after]
    return roots[0] if len(roots) == 1 else None


def according_to(verb):
    """ "according to X": X."""
    for c in verb.children:
        if c.dep_ in ("prep",) and c.lower_ == "to":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.i + 1 < len(verb.doc):
        nxt = verb.doc[verb.i + 1]
        for g in nxt.children:
            if g.dep_ == "pobj":
                return g
    return None


def inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether text[pos] stands inside a quotation opened after `start`."""
    head = text[start:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


def phrase_span(token, offset: int) -> tuple[int, int]:
    """Character span of a token's subtree (its whole noun phrase), in document offsets."""
    left = min(t.idx for t in token.subtree)
    right = max(t.idx + len(t.text) for t in token.subtree)
    return offset + left, offset + right


def head_span(token, offset: int) -> tuple[int, int]:
    """The noun phrase without its relative clauses and appositives."""
    keep = [token]
    # (a phrase the parser hangs on the head after its relative clause is the clause's:
    # "the Argentine Foreign Minister, who was grateful for … during President Macri's
    # administration")
    for c in token.children:  # (in the order of the text)
        if c.dep_ == "relcl":
            break
        if c.dep_ in (
            "compound",
            "amod",
            "det",
            "poss",
            "nmod",
            "prep",
            "pobj",
            "case",
            "nummod",
            "appos",
        ):
            keep.extend(c.subtree)
    left = min(t.idx for t in keep)
    right = max(t.idx + len(t.text) for t in keep)
    return offset + left, offset + right


def best_actor(mentions: list[Mention], prefer_person: bool = True) -> Mention | None:
    """The actor a noun phrase names: a person before a body, a body before its country;
    an adjective ("Kazakh") only when nothing else is named."""
    if not mentions:
        return None
    named = [m for m in mentions if not m.adjective]
    pool = named or mentions
    persons = [m for m in pool if m.kind == "person"]
    if persons and prefer_person:
        return persons[-1]
    orgs = [m for m in pool if m.kind == "org"]
    if orgs:
        return orgs[-1]
    countries = [m for m in pool if m.kind == "country"]
    if countries:
        return countries[-1]
    places = [m for m in pool if m.kind == "place"]
    return places[-1] if places else None


def description_noun(token) -> str | None:
    """The head noun of a description subject, lower-cased ("the Kazakh president" ->
    "president")."""
    return token.lower_ if token.is_alpha or "-" in token.text else None


def within_sentence(sent: Block, pos: int) -> bool:
    return sent.start <= pos < sent.end
