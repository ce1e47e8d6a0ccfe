"""Deployments from the dependency parse: who sends how many of what force where.

A deployment verb ("send", "deploy", "dispatch", "provide", "contribute", "arrive",
"withdraw") or noun ("the deployment of", "a 1,000-strong contingent") whose force
phrase names troops, police, peacekeepers, a contingent or a battalion. The sender is the
verb's subject, or the force's owner ("Kenyan police", "troops from Benin", "a contingent
of the Rwanda Defence Force"); the destination is its "to"/"in"/"into" place; the numbers
are those of the force phrase ("1,000 troops", "a 150-strong unit", "a battalion of about
200") and its "units of equipment". A list of contingents ("Armenia – 100, Belarus –
500") is one deployment per country, part of the force the text names.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from kg.extract.context import Doc
from kg.extract.dates import MONTH_NAME, MONTHS
from kg.extract.gazetteer import load_lexicon
from kg.extract.lexis import (
    AHEAD_OF,
    BE_FORMS,
    DEPLOY_CUE,
    DEPLOY_NOUNS,
    DOUBT_VERBS,
    FORCE_NOUNS,
    HYPOTHETICAL,
    SHIP_NAVIES,
    SHIP_PREFIXES,
    STANDING_FORCE_CUE,
    TALLY,
    lemma,
)
from kg.extract.model import DateValue, Deployment, Span
from kg.extract.numbers import parse_number
from kg.extract.speech import agent_objects, phrase_span
from kg.ids import fold

_VERBS = set(
    "deploy send dispatch despatch provide contribute pledge commit airlift fly station "
    "reinforce arrive withdraw pull redeploy land return offer deliver transfer disembark "
    "descend transport join cross depart base order relocate move rush roll enter post "
    "mass".split()
)
# verbs the lexicon does not lemmatise (their other forms are too common to cue a parse)
_UNLEMMATISED = {"ordered": "order", "based": "base"}


def _verb_lemma(word: str) -> str:
    return _UNLEMMATISED.get(word) or lemma(word)


# verbs whose subject may be the force itself ("Kenyan police arrived", "400 officers deployed")
_ARRIVE = set(
    "arrive return land withdraw pull disembark descend deploy redeploy fly cross depart "
    "move roll enter mass".split()
)
_APPROVE = {"approve", "authorize", "authorise", "allow", "permit", "welcome"}
# verbs by which a state holds a standing force somewhere ("has some 3,000 troops in
# Somalia", "keeps 400 troops in Haiti"), and by which a force stays there ("400 Kenyan
# officers remained in Port-au-Prince")
_HOLD = {"have", "keep", "maintain"}
_STAY = {"remain", "stay"}
# verbs by which a counted force works somewhere it was sent ("A 413-strong Chinese
# peacekeeping force is set to begin operating in Mali", "200 medics will serve in Gaza")
_WORK = {"operate", "serve"}
_NOUN_VERBS = {"begin", "start", "complete", "announce", "approve", "authorize", "authorise"}
_FORCE = re.compile(
    r"^(?:troops?|soldiers?|forces?|personnel|peacekeepers?|contingents?|battalions?|brigades?|"
    r"servicemen|servicewomen|police|policemen|officers|paratroopers|marines|units?|"
    r"gendarmes|military|army|detachments?|company|companies|squadrons?|instructors|"
    r"staff|experts|specialists|members|men|fighters|mercenaries|trainers|advis[eo]rs|"
    r"commandos|sailors|airmen|guards|gendarmerie|divisions?|regiments?|"
    r"monitors|observers|monitoring|fire-?fighters|rescuers|medics|paramedics|reservists|"
    r"task-?forces?|flotillas?|engineers|sappers|deminers|keepers|carabinieri|legionnaires|"
    r"gurkhas|rangers|militiamen|guardsmen|infantrymen|policewomen|troopers|riflemen|"
    r"recruits|conscripts|agents|cadets|servicemembers)$",
    re.I,
)
# ships and aircraft sent are a force too, counted as equipment ("two naval ships", "a frigate");
# not those of trade or of the public
_VESSEL = re.compile(
    r"^(?:ships?|warships?|vessels?|frigates?|destroyers?|corvettes?|submarines?|carriers?|"
    r"minesweepers?|aircraft|jets?|planes?|helicopters?)$",
    re.I,
)
_SENDS = {
    "deploy", "send", "dispatch", "despatch", "station", "redeploy", "commit", "pledge", "relocate",
    "mobilise", "mobilize",
}  # fmt: skip
_CIVIL = {
    "commercial",
    "merchant",
    "cargo",
    "container",
    "fishing",
    "civilian",
    "passenger",
    "tanker",
    "tankers",
    "private",
    "personnel",
}
# (nor an abstract noun a force word only modifies: "reinforcing military cooperation")
_NOT_FORCE_HEAD = re.compile(
    r"^(?:aid|money|funds?|message|letter|signal|invitation|food|help|co-?operation|ties|"
    r"relations|partnership|agreement|pact|talks|dialogue)$",
    re.I,
)
_EQUIPMENT = re.compile(
    r"(?P<n>\d[\d,]*|[a-z]+)\s+(?:units?\s+of\s+(?:military\s+|special\s+|automobile\s+and\s+)?"
    r"(?:armou?red\s+)?(?:equipment|vehicles|hardware)|(?:armou?red\s+)?vehicles|"
    r"armou?red\s+personnel\s+carriers|tanks|helicopters|aircraft|planes|fire\s+(?:engines|trucks))",
    re.I,
)
# the word that makes a number a force's size: "150-strong", "the 25 member team"
_SIZE_WORD = r"[- ](?:strong|member|person|man|officer|troop|soldier)\b"
_STRONG = re.compile(rf"(\d[\d,]*){_SIZE_WORD}", re.I)
_OWN_UNITS_SIZE = re.compile(rf"\b(?:its|their)\s+(\d[\d,]*){_SIZE_WORD}")
_LIST_ITEM = re.compile(
    r"(?P<country>[A-Z][\w’'.-]*(?:\s+(?:and\s+)?[A-Z][\w’'.-]*){0,3})\s*(?:[–—:-]|\()\s*"
    r"(?:about\s+|around\s+|some\s+|up\s+to\s+|at\s+least\s+|nearly\s+)?(?P<n>\d[\d,]*)\b"
    r"(?!\s*(?:%|per\s*cent|years?|days?|km|kilomet))"
)


def deployments_from_parse(doc: Doc) -> list[Deployment]:
    from kg.extract.statements import in_headline

    out: list[Deployment] = []
    force_org = _mission(doc)
    for _pi, sent in doc.sentences:
        # a headline's deployment is read too ("Kyrgyzstan to send 150 peacekeepers"): the
        # body often gives its numbers in the passive with no sender
        sp = doc.parse(sent)
        if sp is None or not (
            DEPLOY_CUE.search(doc.text, sent.start, sent.end)
            or STANDING_FORCE_CUE.search(doc.text, sent.start, sent.end)
        ):
            continue
        off = sent.start
        skip = _dateline_end(doc, sent.start)
        if sent.start < skip < sent.end:
            # "PORT-AU-PRINCE, Haiti (Reuters): A contingent ... arrived": the dateline is no
            # part of the sentence; parsed with it, its city becomes the verb's subject
            sp, off = _parse_span(doc, skip, sent.end), skip
        for tok in sp:
            lem = _verb_lemma(tok.lower_)
            if lem == "touch" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
                lem = "land"  # "the first members of the force touched down in Honiara"
            if lem == "sail" or (
                lem == "set" and any(c.dep_ == "dobj" and c.lower_ == "sail" for c in tok.children)
            ):
                lem = "depart"  # "The naval escort taskforce set sail for the Gulf of Aden"
            if tok.lower_ in ("seen", "saw", "sees", "see") and any(
                c.dep_ == "prt" and c.lower_ == "off" for c in tok.children
            ):
                lem = "send"  # "the 188-strong contingent was seen off … to the mission"
            if _brought_home(tok):
                lem = "withdraw"  # "under pressure to bring home its 2,900 troops"
            if _en_route(tok):
                lem = "move"  # "500 members of the Florida National Guard were en route to
                # Washington, D.C": on their way there
            force = None
            sender_toks: list = []
            if (
                lem in ("leave", "depart")
                and any(
                    (c.dep_ == "prep" and c.lower_ == "for")
                    or c.dep_ == "dobj"
                    or _for_clause_subject(c) is not None
                    for c in tok.children
                )
            ) or (lem == "reach" and any(c.dep_ == "dobj" for c in tok.children)):
                # "150 Egyptian peacekeepers left Cairo for Somalia": they go where "for" says;
                # "Wagner's fighters left Bangui": a withdrawal from Bangui; "400 Bangladeshi
                # peacekeepers reached Juba": they arrived there; "120 soldiers departed the
                # island to provide support to the Bahamas": where their task is
                subs = _own_or_governing_subjects(tok)
                force = next((s for s in subs if _is_force(s)), None)
                if force is None and not subs and tok.dep_ == "acl" and _is_force(tok.head):
                    force = tok.head  # "A contingent of 120 soldiers left for Somalia"
                if force is not None and tok in force.subtree:
                    # "The Fiji Military Forces held a farewell service for 318 soldiers who
                    # are expected to leave for the Golan Heights": the force the clause
                    # tells of is sent by who does what the sentence says to it
                    sender_toks = _governing_subjects(force)
            elif (
                lem == "base"
                and not any(c.dep_ == "auxpass" for c in tok.children)
                or lem == "order"
                and (
                    not any(
                        c.dep_ == "prep" and c.lower_ in ("to", "into")
                        for t in (tok, *(o for o in tok.children if o.dep_ == "dobj"))
                        for c in t.children
                    )
                    # "ordered the deployment of 3000 personnel": the noun's own reading
                    or any(c.dep_ == "dobj" and c.lower_ in DEPLOY_NOUNS for c in tok.children)
                )
            ):
                # "will be based in the port of Tumaco": stationed there ("Geneva-based", "based
                # on" are not); "ordered a brigade of Marines to the coast": sent there
                # ("ordered the troops to withdraw" says no place)
                pass
            elif (lem in _RELIEVE or lem == "take") and _relieves(tok):
                # "Belgian F-16s will relieve a Dutch deployment at Malbork"; "they will be
                # replaced in August by 14 Norwegian firefighters": a rotation, whose
                # newcomers are deployed where those they relieve serve
                passive = any(c.dep_ == "auxpass" for c in tok.children)
                subs = agent_objects(tok) if passive else _own_or_governing_subjects(tok)
                force = next((s for s in subs if _is_force(s)), None)
            elif lem in _VERBS and tok.dep_ not in ("amod", "compound"):
                if lem == "join" or (
                    lem == "reinforce"
                    and any(c.dep_ == "nsubj" and _is_force(c) for c in tok.children)
                ):
                    # "About 200 Jamaican soldiers will join the mission in Haiti"; "Some 700
                    # soldiers will reinforce its southern border": the subject is the force
                    subs = _own_or_governing_subjects(tok)
                    if lem == "join" and any(c.dep_ == "auxpass" for c in tok.children):
                        # "The Spanish battalion will be joined next week by 160 Moroccan
                        # soldiers": those who join come after "by"
                        subs = agent_objects(tok)
                    force = next((s for s in subs if _is_force(s)), None)
                elif lem in _ARRIVE and not any(c.dep_ == "dobj" for c in tok.children):
                    # "Kenyan police arrived", "400 officers have deployed"
                    subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if not subs and tok.dep_ == "xcomp":
                        # "Malawi's contingent is expected to arrive next week"
                        subs = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if not subs:
                        subs = (
                            _passive_subject_missed(tok)
                            or _count_read_as_prep(tok)
                            or _reduced_relative_subjects(tok)
                        )
                    force = next((s for s in subs if _is_force(s)), None)
                    if (
                        force is None
                        and not subs
                        and tok.dep_ == "acl"
                        and _is_force(tok.head)
                        # (not "joining Comoran forces massed for a military offensive": where
                        # they stand, told of another force's arrival)
                        and lem != "mass"
                    ):
                        force = tok.head  # "400 Kenyan police officers arrived" read as acl
                    if (
                        force is None
                        and tok.dep_ == "relcl"
                        and any(s.lower_ in ("which", "that", "who") for s in subs)
                        and _is_force(tok.head)
                    ):
                        # "The Kenyan contingent, which arrived in Port-au-Prince on June 25,
                        # comprises 400 officers": the force the clause tells of
                        force = tok.head
                    if force is not None:
                        # "Both the ADF and PNG contingents arrived": each owner sent some
                        sender_toks = [
                            c
                            for c in force.children
                            if c.dep_ in ("nmod", "compound")
                            and any(x.dep_ == "conj" for x in c.children)
                        ] + _from_owners(force)
                        if (
                            not sender_toks
                            and any(c.dep_ == "auxpass" for c in tok.children)
                            and _owner(doc, force, off, skip) is None
                        ):
                            # "50 soldiers will be deployed to Honiara, Australia said", "were
                            # deployed by Kenya": a passive, whose deployer is its agent or the
                            # subject of the clause it completes (as for "were sent"), unless
                            # the force is named as another's ("a U.S. Army company")
                            sender_toks = agent_objects(tok) or _climb_subjects(tok)
                        if (
                            not sender_toks
                            and tok.dep_ == "acl"
                            and force.i == tok.head.i
                            and force.dep_ == "dobj"
                            and lemma(force.head.lower_) == "have"
                        ):
                            # "Kenya has about 3,500 troops deployed in Somalia as part of the
                            # African Union mission": the state that has them sent them
                            sender_toks = [c for c in force.head.children if c.dep_ == "nsubj"]
                else:
                    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                    if not objs:
                        objs = _passive_subject_missed(tok) or _count_read_as_prep(tok)
                    # "two warships and 300 marines": the marines are the force
                    named = [x for o in objs for x in (o, *_conj(o)) if _FORCE.match(x.text)]
                    force = next(iter(named), None) or next((o for o in objs if _is_force(o)), None)
                    if force is None and lem == "reinforce":
                        # "Venezuela has reinforced its side of the border with 1,500 members
                        # of the Bolivarian National Guard": the force comes after "with"
                        force = next((w for w in _with_forces(tok) if _is_force(w)), None)
                    if force is None and lem in _PLEDGE:
                        # "Of the 2,500 personnel pledged, Kenya will provide 1,000": a bare
                        # number where the sentence has already said what it counts
                        force = next(
                            (
                                o
                                for o in objs
                                if o.like_num
                                and not any(t.text in _MONEY for t in o.subtree)
                                and (
                                    any(_FORCE.match(t.text) for t in sp[: o.i])
                                    or _more_of_the_force_before(doc, sent, o)
                                )
                            ),
                            None,
                        )
                    sender_toks = [c for c in tok.children if c.dep_ == "nsubj"]
                    if tok.dep_ == "relcl":
                        # "The mission is being led by Kenya, which deployed nearly 400
                        # police": "which" is the noun the clause hangs on
                        sender_toks = [
                            tok.head if c.lower_ in ("which", "who", "that") else c
                            for c in sender_toks
                        ]
                    if not sender_toks:
                        sender_toks = _climb_subjects(tok)
            elif lem in _HOLD and (held := _force_held_in(tok)) is not None:
                # "Ethiopia, which has some 3,000 troops in Somalia": a force standing where
                # the state that has it sent it
                force = held
                sender_toks = [
                    tok.head if c.lower_ in _RELATIVE and tok.dep_ == "relcl" else c
                    for c in tok.children
                    if c.dep_ == "nsubj"
                ]
            elif (
                lem in _WORK
                # (not "240 members … already serving in Mali who have completed their roles")
                and tok.dep_ in ("ROOT", "xcomp", "ccomp", "conj")
                and _in_a_name(tok)
            ):
                force = next(
                    (s for s in _chain_subjects(tok) if _is_force(s) and _sized(doc, s, off)),
                    None,
                )
            elif lem in _STAY and _in_a_name(tok):
                # "about 400 Kenyan officers remained in Port-au-Prince": a standing force,
                # sent by its owner
                force = next(
                    (c for c in tok.children if c.dep_ == "nsubj" and _counted(c) and _is_force(c)),
                    None,
                )
            elif tok.lower_ in DEPLOY_NOUNS:
                force = next((o for o in _prep_objects(tok, "of") if _is_force(o)), None)
                if force is None:
                    # "approved army deployment in Islamabad", "a troop deployment"
                    force = next(
                        (
                            c
                            for c in tok.children
                            if c.dep_ in ("compound", "amod") and _FORCE.match(c.text)
                        ),
                        None,
                    )
                if (
                    force is None
                    and any(c.dep_ == "poss" for c in tok.children)
                    # (not "UK's departure" from the EU, "the president's arrival")
                    and tok.lower_ not in ("departure", "arrival", "sending")
                ):
                    force = tok  # "Rwanda's deployment follows ..."
                head = tok.head
                # ("ordered the deployment of 3000 personnel": who ordered it sends them)
                if (
                    tok.dep_ in ("dobj", "pobj")
                    and _verb_lemma(head.lower_) in _NOUN_VERBS | _VERBS | _APPROVE
                ):
                    sender_toks = [c for c in head.children if c.dep_ == "nsubj"]
                    if not sender_toks and head.dep_ == "conj":
                        # "Germany's Parliament granted final approval …, and allowed the
                        # immediate deployment of an additional 1,000 troops"
                        sender_toks = _climb_subjects(head)
                    if (
                        lemma(head.lower_) in _APPROVE
                        and force is not None
                        and _owner(doc, force, off, skip)
                    ):
                        # "The Bulgarian government approved the deployment of 800 Italian
                        # servicemen": the host allows them; their state sends them
                        sender_toks = []
                sender_toks += [c for c in tok.children if c.dep_ == "poss"]
            if force is None:
                continue
            ridden = _vessel(force) and lem not in _SENDS and tok.lower_ not in DEPLOY_NOUNS
            if ridden and force.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "disembarked a plane", "arrived on two planes": the ride, not the force
            if _wished(tok) or any(
                c.dep_ == "amod" and c.lower_ in HYPOTHETICAL for c in tok.children
            ):
                continue  # "prepare for possible deployment to Israel": none yet
            if _tally(doc, sent, tok, off):
                continue  # "Over the past decade, Mongolia has dispatched 5,641 troops"
            prev = None
            named = _named_back(doc, force, out, sent.start)
            if named is not None:
                # "The Bahamas and Jamaica have also pledged personnel. … as the officers left
                # Nairobi": the officers the story told of, not the last state listed
                prev = named
            elif out and (
                doc.near(out[-1].span.start, sent.start) or in_headline(doc, out[-1].span)
            ):
                prev = out[-1].deployed_by
            elif any(c.dep_ == "det" and c.lower_ == "another" for c in force.children):
                # "Meanwhile, another group of Navy men, comprising 135, will leave here for
                # Lebanon": one more of the groups the story counted, however far back
                prev = next((d.deployed_by for d in reversed(out) if d.personnel), None)
            dep = _build(doc, sent, off, skip, tok, force, sender_toks, force_org, prev)
            if dep is not None:
                if lem in _HOLD | _STAY:
                    dep.start = None  # a standing force: the day told is not when it went
                if ridden:
                    dep.equipment = None  # "two military planes arrived": what they came in
                out.append(dep)
                others = _co_senders(doc, sender_toks, off, skip, dep.deployed_by)
                others += [
                    r
                    for r in _adjective_owners(doc, force, off, skip)
                    if r != dep.deployed_by and r not in others
                ]
                if others:
                    # "Kenya, Benin and Chad pledged 1,000 troops": each sends; a figure
                    # said once for all of them is none of theirs
                    dep.personnel = dep.equipment = None
                for ref in others:
                    out.append(
                        dataclasses.replace(dep, deployed_by=ref, evidence=list(dep.evidence))
                    )
                if not others and not ridden and _counted(force):
                    # "after 800 police officers and 200 members of the armed services were
                    # deployed": each counted force of the pair is a deployment of its own
                    for more in _conj(force):
                        if _counted(more) and _is_force(more):
                            # (of the sender the first's own words name, "24 Jamaican
                            # personnel and two senior officers from Belize", the second
                            # is not; of a state its own words name, it is that state's)
                            own = doc.mentions_in(*phrase_span(more, off), "country")
                            if not own and _owner(doc, force, off, skip):
                                continue
                            extra = _build(
                                doc,
                                sent,
                                off,
                                skip,
                                tok,
                                more,
                                sender_toks,
                                force_org,
                                doc.ref(own[0]) if own else dep.deployed_by,
                            )
                            if extra is not None and extra.personnel != dep.personnel:
                                # sent by the one verb, they went where the first went
                                extra.destination = extra.destination or dep.destination
                                extra.apart = True
                                out.append(extra)
    out.extend(_lists(doc, force_org, out))
    out.extend(_table(doc, force_org, out))
    out = _merge(out, doc)
    _fill_destinations(doc, out)
    _number_told_next(doc, out)
    return [d for d in out if d.destination or d.part_of]


# "About 150 troops secured the airport": a sentence that opens on a count of a force
_COUNT_OPENS = re.compile(
    r"(?:(?:about|some|around|nearly|almost|more than|over)\s+)?(?P<n>\d[\d,]*)\s+"
    r"(?P<force>[\w-]+)\b",
    re.I,
)


def _number_told_next(doc: Doc, deps: list[Deployment]) -> None:
    """ "Australian commandos have landed in East Timor … About 150 troops secured the
    airport in the capital, Dili": the one deployment the sentence before told with no
    number is the one the next sentence counts, when that sentence names no sender."""
    sents = [s for _pi, s in doc.sentences]
    counted = {d.personnel for d in deps if d.personnel}
    for d in deps:
        if d.personnel is not None or d.equipment is not None:
            continue
        told = [s for s in sents if s.start <= d.span.start < s.end]
        nxt = [s for s in sents if told and s.start >= told[0].end][:1]
        if not nxt or not doc.near(told[0].start, nxt[0].start):
            continue
        s = nxt[0]
        m = _COUNT_OPENS.match(doc.text, s.start)
        if m is None or not _FORCE.match(m.group("force")):
            continue
        n = int(m.group("n").replace(",", ""))
        senders = [x for x in doc.mentions_in(s.start, s.end) if x.kind in ("country", "org")]
        others = [d2 for d2 in deps if d2 is not d and told[0].start <= d2.span.start < s.end]
        if n in counted or senders or others:
            continue
        d.personnel = n
        d.evidence.append(Span(s.start, s.end))


# "PORT-AU-PRINCE, Haiti (Reuters): ": a city in capitals, its country, the agency and a colon
_COLON_DATELINE = re.compile(
    r"[A-Z][A-Z .’'-]{2,40},?\s*(?:[A-Z][\w .]{1,30}?\s*)?\([^)\n]{1,60}\)\s*:\s+"
)


def _dateline_end(doc: Doc, pos: int) -> int:
    """Where a paragraph's dateline ends, one closed by a colon too."""
    from kg.extract.statements import dateline_end

    end = dateline_end(doc, pos)
    para = doc.paragraph_at(pos)
    if para is not None and end == para.start:
        m = _COLON_DATELINE.match(doc.text, para.start, para.end)
        if m:
            return m.end()
    return end


def _abroad(doc: Doc, home: str) -> bool:
    """The story names a place of another state ("near Kherson" in a story on Russia)."""
    for m in doc.mentions:
        ent = doc.entities.get(doc.ref(m)) if m.kind == "place" else None
        if ent is not None and ent.country and f"country/{ent.country}" != home:
            return True
    return False


_AT_A_NAME = re.compile(
    r"\b(?:to|into|from|out of)\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]+)(?P<rest>(?:\s+[A-Z][\w'’-]+)*)"
)
# "4,000 from the National Police": a body the force is drawn from, no place
_A_BODY_ENDS = re.compile(r"\b(?:Police|Forces|Army|Navy|Guard|Gendarmerie|Ministry)$")


def _unresolved_place(doc: Doc, start: int, end: int) -> bool:
    """A place named where forces go or that they leave, one no gazetteer knows: "flown to
    Cabo Delgado", "pulled out of Kherson"."""
    for m in _AT_A_NAME.finditer(doc.text, start, end):
        if m.group("name").lower() in MONTHS:  # "sent to Mali in March"
            continue
        if _A_BODY_ENDS.search(m.group("name") + m.group("rest")):
            continue
        at = m.start("name")
        if not any(
            x.start <= at < x.end and x.kind in ("place", "country")
            for x in doc.mentions_in(max(start, at - 80), end)
        ):
            return True
    return False


_WATERS = re.compile(r"\b(?:Sea|Ocean|Gulf|Strait|Straits|Bay|Channel)\b")


def _from_owners(force) -> list:
    """The states a force comes from when it names more than one: "a contingent of security
    forces from Guatemala and El Salvador arrived": each sends its part."""
    nouns = [force, *_prep_objects(force, "of")]
    return [
        g
        for n in nouns
        for g in _prep_objects(n, "from")
        if any(x.dep_ == "conj" for x in g.children)
    ]


def _parse_span(doc: Doc, start: int, end: int):
    from kg.extract import nlp

    return nlp.parse_texts([doc.text[start:end]])[0]


def _main_destination(deps: list[Deployment]) -> str | None:
    """The destination the story gives most (the first by name of those tied)."""
    dests = [d.destination for d in deps if d.destination]
    return max(sorted(set(dests)), key=dests.count) if dests else None


def _fill_destinations(doc: Doc, deps: list[Deployment]) -> None:
    """A contingent whose sentence names no destination goes where the story's forces go:
    the destination the story gives most, else the country it names most (not the sender)."""
    main = _main_destination(deps)
    if main is None:
        counts: dict[str, int] = {}
        for m in doc.mentions:
            # (not a people named by its plural, "Palestinians": a state's people are no place
            # that forces go)
            if m.kind == "country" and not (m.adjective and m.surface.endswith("s")):
                counts[doc.ref(m)] = counts.get(doc.ref(m), 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        seas = any(m.kind == "place" and _WATERS.search(m.surface) for m in doc.mentions)
        senders = {d.deployed_by for d in deps}
        for d in deps:
            if d.destination is None:
                # (not a sending state the contingent's own sentence names by its adjective:
                # "French, Spanish and Italian soldiers will land … for the Italian-led
                # mission" are not going to Italy, however often the story names it)
                owners = {
                    doc.ref(m)
                    for e in d.evidence
                    for m in doc.mentions_in(e.start, e.end, "country")
                    if m.adjective and doc.ref(m) in senders
                }
                cand = next(
                    (r for r, n in ranked if r != d.deployed_by and r not in owners and n >= 3),
                    None,
                )
                if (
                    cand is None
                    and d.deployed_by in counts
                    and len(counts) == 1
                    and not seas
                    and not any(_unresolved_place(doc, e.start, e.end) for e in d.evidence)
                    and not _abroad(doc, d.deployed_by)
                ):
                    # "The Bangladesh Armed Forces have been deployed to provide security for
                    # the polls" in a story that names no other state (nor a sea, where a
                    # navy goes, nor a name the gazetteers miss: "flown to Cabo Delgado"):
                    # its forces at home
                    cand = d.deployed_by
                d.destination = cand
        return
    for d in deps:
        if d.destination is None and d.deployed_by != main:
            d.destination = main


_PLEDGE = {"provide", "contribute", "send", "pledge", "commit", "offer", "deploy", "dispatch"}


def _more_of_the_force_before(doc: Doc, sent, num) -> bool:
    """ "A small contingent of UK military engineers has already deployed … Now, around 100
    more will be sent": "N more" counts the force the sentence before named."""
    if not any(c.lower_ in ("more", "additional", "others") for c in num.children):
        return False
    before = [s for _pi, s in doc.sentences if s.end <= sent.start][-1:]
    return (
        bool(before)
        and doc.near(before[0].start, sent.start)
        and any(
            _FORCE.match(w)
            for w in re.findall(r"[\w-]+", doc.text[before[0].start : before[0].end])
        )
    )


def _own_or_governing_subjects(tok) -> list:
    """A verb's subjects, or those of the verb it completes ("troops have begun leaving")."""
    subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and tok.dep_ in ("xcomp", "ccomp"):
        subs = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subs and tok.head.dep_ == "acomp":
            # "A team of rescue specialists was due to join the mission": the subject of
            # the verb the adjective completes
            subs = [c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    clause = _clause_of(tok)
    if clause.dep_ == "relcl" and subs and all(s.lower_ in _RELATIVE for s in subs):
        # "The 650-man Guinea-Bissau Armed Forces battalion that left for Liberia", "318
        # soldiers who are expected to leave for the Golan Heights": the noun the clause
        # tells of
        subs = [clause.head]
    return subs


_RELATIVE = {"that", "which", "who"}


def _clause_of(verb):
    """The verb whose clause `verb` completes ("are expected to leave"), or itself."""
    return verb.head if verb.dep_ in ("xcomp", "ccomp") else verb


def _governing_subjects(tok) -> list:
    """The subjects of the nearest clause a noun hangs on (the pipeline tags no parts of
    speech, so a verb is known by its subject)."""
    for a in tok.ancestors:
        subs = [c for c in a.children if c.dep_ == "nsubj"]
        if subs:
            return subs
    return []


_MONEY = {"$", "€", "£", "¥", "US$", "dollars", "euros", "pounds"}


def _armed_services(tok) -> bool:
    """ "the armed services": a state's forces under another name; "the Bolivarian
    National Guard", "the Florida National Guard": a force's own name."""
    if tok.text == "Guard" and any(c.dep_ == "compound" for c in tok.children):
        return True
    return tok.lower_ == "services" and any(c.lower_ == "armed" for c in tok.children)


def _in_a_name(verb) -> bool:
    """The verb is done "in" a capitalised name ("remained in Port-au-Prince")."""
    return any(g.text[:1].isupper() for g in _prep_objects(verb, "in"))


def _chain_subjects(tok) -> list:
    """The subjects of the first verb up a chain of completing verbs ("is set to begin
    operating": those of "set")."""
    while not (subs := [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]):
        if tok.dep_ not in ("xcomp", "ccomp") or tok.head.i == tok.i:
            return []
        tok = tok.head
    return subs


def _sized(doc: Doc, tok, off: int) -> bool:
    """The noun has a number of its own, as "200 members" or "a 413-strong force"."""
    a, b = phrase_span(tok, off)
    return _counted(tok) or _STRONG.search(doc.text, a, b) is not None


def _counted(tok) -> bool:
    """The noun has its own number ("200 members", "800 police officers")."""
    return any(c.dep_ == "nummod" for c in tok.children)


def _force_held_in(verb):
    """The counted force a "have" holds in a named place ("has some 3,000 troops in
    Somalia"), else None ("has 50,000 troops in reserve", "has troops" with no number)."""
    for o in verb.children:
        if o.dep_ != "dobj" or not (_counted(o) and _is_force(o)):
            continue
        for t in (o, verb):
            # (or a place's name inside the phrase: "has about 200 troops in the U.N.
            # mission in Mali")
            if any(any(x.text[:1].isupper() for x in g.subtree) for g in _prep_objects(t, "in")):
                return o
    return None


def _with_forces(verb) -> list:
    """What a verb is done "with": "reinforced the border with 1,500 troops"."""
    return [g for g in _prep_objects(verb, "with") if _counted(g)]


def _conj(tok) -> list:
    """The nouns conjoined after a noun ("warships and 300 marines")."""
    return [c for c in tok.children if c.dep_ == "conj"]


def _passive_subject_missed(verb) -> list:
    """ "… to announce 40 Australian Defence Force personnel would be deployed to Honiara":
    the parse makes the force the object of "announce" and leaves "would be deployed" with
    no subject; the noun right before its auxiliaries is what is deployed."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if not any(c.dep_ == "auxpass" for c in auxes):
        return []
    first = min(c.i for c in auxes)
    if first == 0:
        return []
    noun = verb.doc[first - 1]
    if verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i and _is_force(noun):
        return [noun]  # "the seventh Chinese peacekeeping force to be sent to Mali"
    return [noun] if noun.dep_ in ("dobj", "pobj") and _is_force(noun) else []


def _count_read_as_prep(verb) -> list:
    """ "Over 900 soldiers, 10 armored vehicles … have arrived in …": the parse reads "Over"
    as a preposition of the verb and leaves it no subject; the force is its object."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.i < verb.i and c.lower_ in ("over", "about", "around")
        for o in c.children
        if o.dep_ == "pobj" and _counted(o) and _is_force(o)
    ]


_GROUP_OF_ARMS = {"strike", "battle", "task", "carrier", "amphibious", "naval", "air"}
_RESCUE_WORDS = {"rescue", "relief", "medical", "emergency", "response", "firefighting", "search"}


def _is_force(tok) -> bool:
    if _NOT_FORCE_HEAD.match(tok.text):
        return False
    if any(t.text in _MONEY or t.lower_ in ("aid", "assistance", "funding") for t in tok.subtree):
        return False  # "$300 million in military aid": money, not a force
    if tok.lower_ in ("people", "men", "women", "persons") and _counted(tok):
        return True  # "with the Bahamas committing 150 people"
    if tok.lower_ in ("members", "staff", "men"):
        if any(not _is_force(g) and not _armed_services(g) for g in _prep_objects(tok, "of")):
            return False  # "members of parliament", "staff of the embassy": no force
    if _FORCE.match(tok.text):
        return True
    if _vessel(tok):
        return True
    if tok.lower_ in ("mission", "team", "teams") and any(
        c.lower_.endswith("-strong") or c.lower_ == "strong" for c in tok.subtree
    ):
        return True  # "its 1,100-strong training mission", "a 72-strong team": by its size
    if tok.lower_ in ("team", "teams", "workers") and any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in _RESCUE_WORDS for c in tok.children
    ):
        return True  # "a search and rescue team", "47 rescue workers": sent to save lives
    if tok.lower_ in ("team", "teams", "group", "party") and any(
        _FORCE.match(g.text) or (g.lower_ == "workers" and _is_force(g))
        for g in _prep_objects(tok, "of")
    ):
        return True  # "a team of UK search and rescue specialists", however long its words
    if tok.lower_ in ("team", "teams", "party", "unit", "contingent") and _member_count(tok):
        return True  # "deploy a five-member team to Haiti": a team counted by its members
    if tok.lower_ in ("group", "groups", "force", "forces") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _GROUP_OF_ARMS for c in tok.children
    ):
        return True  # "an aircraft carrier strike group", "an amphibious task force"
    # (a bracketed initialism adds three words: "A fresh batch of African Union (AU) troops")
    near = 6 + sum(3 for c in tok.subtree if c.text == "(" and c.i > tok.i)
    return any(
        _FORCE.match(c.text) and not _chief_of_staff(c)
        for c in tok.subtree
        if c.i - tok.i < near and c.i >= tok.i - 3
    )


def _chief_of_staff(tok) -> bool:
    """ "her chief of staff Gavin Barwell": a post, whose "staff" is no force."""
    return tok.lower_ == "staff" and tok.head.lower_ == "of" and tok.head.head.lower_ == "chief"


def _adjective_owners(doc: Doc, force, off: int, skip: int) -> list[str]:
    """The states of a force's adjectives when it has two or more ("Nearly 1,200 French,
    Italian and Spanish soldiers will land"): each sends its own."""
    adjs = [c for c in force.children if c.dep_ == "amod"]
    adjs += [x for a in adjs for x in a.children if x.dep_ == "conj"]
    refs: list[str] = []
    for a in adjs:
        at = off + a.idx
        if at < skip:
            continue
        for m in doc.mentions_in(at, at + len(a.text), "country"):
            if m.adjective and m.start == at and doc.ref(m) not in refs:
                refs.append(doc.ref(m))
    return refs if len(refs) >= 2 else []


def _co_senders(doc: Doc, sender_toks, off: int, skip: int, first: str | None) -> list[str]:
    """The other states or bodies conjoined with the sender ("Kenya, Benin and Chad")."""
    from kg.extract.encounters import _conjuncts

    out: list[str] = []
    for st in sender_toks:
        if st.lower_ in ("they", "we"):
            # "Jamaica and Belize said they will send": the subject "they" stands for
            st = next(
                (
                    c
                    for anc in st.head.ancestors
                    for c in anc.children
                    if c.dep_ == "nsubj" and c.lower_ not in ("it", "they", "we", "he", "she")
                ),
                None,
            )
            if st is None:
                continue
        for x in _conjuncts(st)[1:] + _listed(st):
            ref = _actor(doc, x, off, skip)
            if ref and ref != first and ref not in out and can_send(doc, ref):
                out.append(ref)
    return out


def _listed(tok) -> list:
    """The members a group noun lists: "countries including A, B and C", "states such as
    A and B"."""
    from kg.extract.encounters import _conjuncts

    return [
        x
        for c in tok.children
        if c.dep_ == "prep"
        and (c.lower_ in ("including", "like") or (c.lower_ == "as" and _such(c)))
        for g in c.children
        if g.dep_ == "pobj"
        for x in _conjuncts(g)
    ]


def _named_back(doc: Doc, force, out: list[Deployment], pos: int) -> str | None:
    """The sender of the forces a definite "the officers" points back to, when the sending
    just before was a list of states: the last sending whose sentence used the same word
    ("The first 400 Kenyan police officers arrived … The Bahamas and Jamaica have also
    pledged personnel. … as the officers left Nairobi": Kenya's, not the last state listed).
    Only a fallback: a sender the sentence names wins."""
    listed = len(out) >= 2 and out[-2].span == out[-1].span
    if not listed or not any(c.dep_ == "det" and c.lower_ == "the" for c in force.children):
        return None
    if any(c.dep_ == "nummod" for c in force.children):
        return None
    word = re.compile(rf"\b{re.escape(force.lower_)}\b", re.I)

    def says(d: Deployment) -> bool:
        return bool(word.search(doc.text, d.span.start, d.span.end))

    if says(out[-1]):
        return None
    for d in reversed(out[:-1]):
        if d.span.start < pos and says(d) and d.deployed_by != out[-1].deployed_by:
            return d.deployed_by
    return None


def _such(tok) -> bool:
    return any(c.lower_ == "such" for c in tok.children)


# what a government asks its own parliament for before it sends forces
_LEAVE = {"mandate", "approval", "permission", "consent", "go-ahead"}


def _climb_subjects(tok) -> list:
    """The sender of a verb without a subject: its clause's ("X decided to send"), or the
    owner of the noun it completes ("Kenya's commitment to deploying 600 officers")."""
    node = tok
    for _ in range(4):
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            noun = node.head.head
            poss = [c for c in noun.children if c.dep_ == "poss"]
            if poss:
                return poss
            node = noun
            continue
        if (
            node.dep_ == "pobj"
            and node.lower_ in _LEAVE
            and node.head.dep_ == "prep"
            and not any(
                t.text[:1].isupper()
                for c in node.head.head.children
                if c.dep_ in ("dobj", "dative")
                for t in c.subtree
            )
        ):
            # "it would ask parliament for a mandate to send 50 troops": the subject asks
            # leave for its own sending (not "asked the Security Council for authorisation
            # to deploy a multinational force", nor "appealed to Russia for help to send")
            node = node.head.head
            subs = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subs:
                return subs
            continue
        if (
            node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "dobj", "pobj")
            and node.head != node
        ):
            node = node.head
            # "Tanzania and Malawi are expected to contribute troops": the passive's subject
            subs = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subs:
                return subs
            continue
        break
    return []


_NOT_DONE = {
    "ask",
    "urge",
    "call",
    "request",
    "invite",
    "want",
    "consider",
    "refuse",
    "rule",
    "deny",
    "reject",
    "oppose",
    "avoid",
    "discuss",
}
# what is talked about is not done yet: "in talks on providing troops"
_TALKS = {"talks", "negotiations", "discussions", "consultations"}


_TOLD = {"announce", "say", "confirm", "state", "declare", "tell", "report"}
# what a force could do, or what is in doubt, is not done: "the capability to deploy"
_MEANS = {"ability", "capability", "capacity", "readiness", "willingness", "means", "authority"}


def _tally(doc: Doc, sent, tok, off: int) -> bool:
    """ "Over the past decade, Mongolia has dispatched 5,641 troops to international
    peacekeeping operations": a perfect tense over a span of time sums past deployments
    (a fresh text, not a gold one, took that sum for the contingent it reported)."""
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children)
    return perfect and bool(TALLY.search(doc.text, sent.start, sent.end))


def _wished(tok) -> bool:
    """ "should send", "did not deploy", "asked X to send": no deployment. "will send" and
    "plans to deploy" are announced deployments and stay."""
    node = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if any(c.lower_ in ("should", "could", "might") for c in node.children):
            return True
        if any(c.lower_ == "would" for c in node.children) and not (
            (node.dep_ == "ccomp" and lemma(node.head.lower_) in _TOLD)
            or any(lemma(f.head.lower_) in _TOLD for f in _passive_subject_missed(node))
        ):
            # "would send" unless reported: "Chad announced it would send", "to announce 40
            # personnel would be deployed" (parsed as the object of "announce")
            return True
        if node.dep_ in ("xcomp", "pcomp", "dobj") and lemma(node.head.lower_) in _NOT_DONE:
            return True
        if (
            node.dep_ == "advcl"
            and node.lower_.endswith("ing")
            and lemma(node.head.lower_) in _NOT_DONE
        ):
            return True  # "has ruled out sending its own troops": the parser's advcl
        if node.dep_ == "pcomp" and node.head.head.lower_ in _TALKS:
            return True  # "was in talks on providing troops for the Czech Republic"
        if node.dep_ == "acl" and node.head.lower_ in _MEANS:
            return True  # "doubted the army's ability to deploy 500 troops"
        if (
            node.dep_ in ("advcl", "xcomp")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            and lemma(node.head.lower_) in DOUBT_VERBS
        ):
            # "questioned the … capability of the government to deploy the men in Mali"
            return True
        if node.dep_ in ("xcomp", "ccomp", "conj") and node.head != node:
            node = node.head
            continue
        break
    return False


_A_BODY_WORDS = {"alliance", "bloc", "organisation", "organization", "grouping"}


def _actor(doc: Doc, tok, off: int, skip: int, kinds=("country", "org"), verb=None) -> str | None:
    s, e = phrase_span(tok, off)
    # not what the clause of the verb itself names: "six flights that delivered … personnel
    # to Tonga" are not sent by Tonga
    e = min(
        [e]
        + [
            off + c.left_edge.idx
            for c in tok.children
            if c.dep_ == "relcl" and verb is not None and verb in c.subtree
        ]
    )
    if tok.lower_ in ("it", "they", "we"):
        # "The government has informed parliament that it intends to deploy": the subject of
        # the clause that governs this one, else the last body named
        for anc in tok.head.ancestors:
            for c in anc.children:
                if c.dep_ == "nsubj" and c.lower_ not in ("it", "they", "we", "he", "she"):
                    got = _actor(doc, c, off, skip, kinds)
                    if got:
                        return got
        return _last_body(doc, off + tok.idx)
    if tok.lower_ in ("country", "nation") and [c.lower_ for c in tok.children] == ["the"]:
        # "Defence Force Commodore A said the country is expected to deploy a team": the
        # state named last, or whose own body was
        last = _last_body(doc, off + tok.idx)
        return last if last and last.startswith("country/") else None
    if tok.lower_ in _A_BODY_WORDS and [c.lower_ for c in tok.children] == ["the"]:
        # "NATO's chief said Monday the alliance will agree to send four battalions": the
        # body named last
        last = _last_body(doc, off + tok.idx)
        return last if last and last.startswith("org/") else None
    ms = [m for m in _outside_clauses(doc, tok, off, max(s, skip), e) if m.kind in kinds]
    if not ms and tok.lower_ in ("army", "navy", "military", "police"):
        # "The Army today deployed 243 troops to Mali. The Sri Lanka Army said …": a state's
        # own force, named with its state elsewhere in the story (the one such)
        owners = {
            ent.country
            for m in doc.mentions
            if m.kind == "org"
            and (ent := doc.entities.get(doc.ref(m))) is not None
            and ent.country
            and not ent.parent
            and tok.lower_ in ent.label.lower()
        }
        return f"country/{owners.pop()}" if len(owners) == 1 else None
    if not ms:
        return None
    named = [m for m in ms if not m.adjective]
    m = (named or ms)[0]
    return national(doc, doc.ref(m))


def _clause_verbs(verb) -> list:
    """A clause's verb and those it completes: "are expected to leave"."""
    return [verb, *(c for c in verb.children if c.dep_ == "xcomp")]


def _outside_clauses(doc: Doc, tok, off: int, start: int, end: int) -> list:
    """The mentions of a phrase but those of a relative clause in it that names no force:
    "200 firefighters … that will help their Greek colleagues" are not Greece's, whom such a
    clause speaks of neither sends nor owns them ("the force, which will comprise 350
    soldiers from Gabon, …" names its own)."""
    clauses = [
        phrase_span(t, off)
        for t in tok.subtree
        if (t.dep_ == "relcl" and not any(_FORCE.match(w.text) for w in t.subtree))
        # "The Bruneian contingent of 30 soldiers left for Lebanon", the parser hanging
        # "left" on the soldiers: where they went, not whose they are
        or (t.dep_ == "acl" and lemma(t.lower_) in _GOES)
        # "318 soldiers who are expected to leave … to join the UN Disengagement Observer
        # Force": the force they go to join is not the one they belong to
        or (t.dep_ == "relcl" and any(lemma(v.lower_) in _GOES for v in _clause_verbs(t)))
    ]
    return [m for m in doc.mentions_in(start, end) if not any(a <= m.start < b for a, b in clauses)]


_GOES = {"leave", "depart", "arrive", "land", "head", "return", "withdraw", "fly"}


def national(doc: Doc, ref: str) -> str:
    """A state's own force sends for the state: "the Rwanda Defence Force" -> Rwanda."""
    ent = doc.entities.get(ref)
    if ref.startswith("org/") and ent is not None and ent.country and not ent.parent:
        return f"country/{ent.country}"
    if ref.startswith("org/") and ent is not None and not ent.parent:
        return _state_written_before(doc, ref) or _state_named_inside(doc, ref) or ref
    return ref


def _state_named_inside(doc: Doc, ref: str) -> str | None:
    """A force of no known state whose own name holds one state's name or adjective ("A
    GROUP of 21 engineers from the Royal Cambodian Armed Forces departed") is that state's."""
    ent = doc.entities[ref]
    if not any(_FORCE_NAME.search(n) for n in (ent.label, *ent.surfaces)):
        return None
    for m in doc.mentions:
        if m.kind == "org" and doc.ref(m) == ref:
            states = {doc.ref(c) for c in doc.mentions_in(m.start, m.end) if c.kind == "country"}
            if len(states) == 1:
                return states.pop()
    return None


# a force's own name: "Ground Self-Defence Force", "Royal Welsh Regiment", "Cheonghae Unit"
_FORCE_NAME = re.compile(
    r"\b(?:Forces?|Regiment|Battalion|Brigade|Unit|Division|Corps|Army|Navy|Guard|Rifles"
    r"|Fleet|Squadron|Contingent)$"
)
# what stands between a state and its force's name: "Japanese Ground …", "the UK military’s
# Royal Welsh Regiment", "Israel’s Defence Forces"; and before its initials, the name they
# stand for: "Japanese Ground Self-Defence Force (GSDF)"
_STATE_TO_FORCE = re.compile(
    r"(?:\s+(?:military|army|armed\s+forces|navy))?(?:['’]s)?\s+"
    r"(?:(?P<long>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+\(\s*)?"
)


def _state_written_before(doc: Doc, ref: str) -> str | None:
    """The state whose name or adjective the text writes right before a force of no known
    state ("Japanese Ground Self-Defence Force (GSDF)", "from the UK military’s Royal Welsh
    Regiment"): the force is that state's."""
    ent = doc.entities[ref]
    named_a_force = any(_FORCE_NAME.search(n) for n in (ent.label, *ent.surfaces))
    for m in doc.mentions:
        if m.kind != "org" or doc.ref(m) != ref:
            continue
        states = [c for c in doc.mentions_in(max(0, m.start - 60), m.start) if c.kind == "country"]
        gap = states and _STATE_TO_FORCE.fullmatch(doc.text, states[-1].end, m.start)
        if gap and (named_a_force or _FORCE_NAME.search(gap.group("long") or "")):
            return doc.ref(states[-1])
    return None


def _last_body(doc: Doc, pos: int) -> str | None:
    paras = [p for p in doc.paragraphs if p.start <= pos]
    since = paras[-2].start if len(paras) >= 2 else 0
    ms = [
        m
        for m in doc.mentions_in(since, pos)
        if m.kind in ("country", "org")
        and not m.adjective
        # (not the state across a border: "troops to the southern border with Mexico … we
        # deploy" are the sender's)
        and not _BORDER_WITH.search(doc.text, max(since, m.start - 90), m.start)
    ]
    return national(doc, doc.ref(ms[-1])) if ms else None


_LEAVING_NOUNS = {"withdrawal", "pullout", "pull-out", "departure", "drawdown", "exit"}


def _owner(doc: Doc, force, off: int, skip: int) -> str | None:
    """The state a force belongs to: "Kenyan police", "Rwanda's troops", "troops from Benin",
    "a contingent of the Rwanda Defence Force"."""
    s, e = phrase_span(force, off)
    ms = [
        m
        for m in _outside_clauses(doc, force, off, max(s, skip), e)
        if m.kind in ("country", "org")
    ]
    for i, m in enumerate(ms):
        before = doc.text[max(s, m.start - 12) : m.start].lower()
        if _INTO_BEFORE.search(before) or doc.text.startswith(_BOUND_SUFFIX, m.end):
            continue  # a destination inside the phrase ("a contingent to the UN … mission",
            # "the Mali-bound Combat Convoy Company")
        if "from " in before[-6:] and force.lower_ in _LEAVING_NOUNS:
            continue  # "its withdrawal from Afghanistan": the place left, not "troops from Benin"
        # (the next named, past the initials: "the Combat Convoy Company (CCC) of the Sri
        # Lanka Army")
        whole = next((x for x in ms[i + 1 :] if doc.ref(x) != doc.ref(m)), None)
        if (
            m.kind == "org"
            and whole is not None
            and _OF_THE_AFTER_INITIALS.fullmatch(doc.text, m.end, whole.start)
            and national(doc, doc.ref(whole)).startswith("country/")
        ):
            # "members of the Military Emergency Unit of Spain"
            return national(doc, doc.ref(whole))
        return national(doc, doc.ref(m))
    poss = next(
        (c for c in force.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None
    )
    if poss is not None and force.lower_ not in DEPLOY_NOUNS:
        # "the Russian defence ministry said its peacekeepers began withdrawing": whose the
        # pronoun is, as for "it" (the subject of the clause that governs this one)
        for anc in poss.head.ancestors:
            for c in anc.children:
                if c.dep_ == "nsubj" and c.lower_ not in ("it", "they", "we", "he", "she"):
                    got = _actor(doc, c, off, skip)
                    if got:
                        return got
    if force.dep_ == "pobj" and force.head.lower_ == "of" and _FORCE.match(force.head.head.text):
        # "The Bruneian contingent of 30 soldiers": the soldiers are the contingent's
        return _owner(doc, force.head.head, off, skip)
    return None


_INTO_BEFORE = re.compile(r"\b(?:to|in|into)\s+(?:the\s+)?$")
_BOUND_SUFFIX = "-bound"


def _bound_for(doc: Doc, force, off: int) -> str | None:
    """ "The Haiti-bound Kenyan police officers": where the force's own words say it goes."""
    s, e = phrase_span(force, off)
    return next(
        (
            doc.ref(m)
            for m in doc.mentions_in(s, e)
            if m.kind in ("country", "place") and doc.text.startswith(_BOUND_SUFFIX, m.end)
        ),
        None,
    )


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_OF_THE_AFTER_INITIALS = re.compile(r"\s+(?:\([A-Z]{2,8}\)\s+)?of\s+(?:the\s+)?")
_CARRY = {"carry", "transport", "ferry", "bring"}


_RELIEVE = {"replace", "relieve"}


def _relieves(tok) -> bool:
    """A verb of rotation: "replace", "relieve", "take over (from)". Not as a purpose
    ("landed in Mogadishu to replace battalion 39") or a clause on a noun ("the troops, who
    will replace another group, will be transported"): the movement verb they hang on is
    read instead."""
    if tok.dep_ in ("advcl", "xcomp", "acl", "relcl", "pcomp", "amod", "compound"):
        return False
    lem = lemma(tok.lower_)
    if lem in _RELIEVE:
        return True
    return lem == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children)


def _for_clause_subject(c):
    """ "left for Lebanon to join UNIFIL", which the parser reads as "for [Lebanon to join
    UNIFIL]": the clause's subject is where they go."""
    if c.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
        return None
    return next((x for x in c.children if x.dep_ == "nsubj"), None)


def _brought_home(tok) -> bool:
    """ "to bring home its troops", "brought its soldiers home": a withdrawal."""
    return lemma(tok.lower_) == "bring" and any(
        c.dep_ in ("advmod", "prt", "npadvmod") and c.lower_ == "home" for c in tok.children
    )


def _en_route(tok) -> bool:
    """ "were en route to Washington": a form of "be", then "en route"."""
    return tok.lower_ in BE_FORMS and bool(_route(tok))


def _route(tok) -> list:
    return [
        g
        for c in tok.children
        if c.lower_ == "en" and c.dep_ in ("prep", "advmod")
        for g in c.children
        if g.lower_ == "route"
    ]


def _no_aim(tok) -> bool:
    """The verb of leaving says no place or task the forces go to ("left Bangui"; not "left
    Cairo for Somalia", nor "has left Dhaka to join the UN peacekeeping mission … in
    Lebanon": where it goes to serve)."""
    return not any(
        (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ in ("advcl", "xcomp") and lemma(c.lower_) in _PURPOSE)
        for c in tok.children
    )


def _destination(doc: Doc, tok, force, off: int, skip: int) -> str | None:
    """Where the forces go: "to"/"in"/"into" a place; for a withdrawal, the place left
    ("withdrew from Mali"), as the gold format records it."""
    cands = []
    leaving = (
        _brought_home(tok)
        or lemma(tok.lower_) in ("withdraw", "pull", "return")
        or tok.lower_
        in (
            "withdrawal",
            "pullout",
            "pull-out",
            "departure",
            "drawdown",
        )
    )
    preps = ("from", "out") if leaving else ("to", "in", "into", "for", "across", "throughout")
    if lemma(tok.lower_) in ("arrive", "land") and not leaving:
        preps += ("on",)  # "arrived on the Comoros island of Moheli"
    rotation = _relieves(tok)
    if rotation:
        preps += ("at",)  # "will relieve a Dutch F-16 deployment at Malbork, Poland"
    if lemma(tok.lower_) in ("leave", "depart"):
        for c in tok.children:
            there = _for_clause_subject(c)
            got = _place_in(doc, there, off, skip) if there is not None else None
            if got:
                return got
    if lemma(tok.lower_) in ("leave", "reach") and _no_aim(tok):
        # "left Bangui" and no "for": the place left, as for a withdrawal
        for c in tok.children:
            if c.dep_ == "dobj":
                got = _place_in(doc, c, off, skip)
                if got:
                    return got
    # "a brigade of 4,800 soldiers in Lithuania", "warships and 300 marines to the Gulf":
    # the parser hangs the place on the force's last noun
    nodes = [tok, force, *_conj(force), *_route(tok)]  # ("en route to Washington")
    if leaving:
        # "returned home from Lebanon": the place left hangs on "home"
        nodes += [c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "home"]
    if force.dep_ == "conj":
        nodes.append(force.head)
    nodes += _prep_objects(force, "of")
    if (
        rotation
        or lemma(tok.lower_) == "join"
        or (lemma(tok.lower_) == "reinforce" and force.dep_ in ("nsubj", "pobj"))
    ):
        # "join the mission in Haiti", "reinforce the garrison in Narva", "replace the Indian
        # contingent in Goma": where it is, or where those it relieves are
        nodes += [c for c in tok.children if c.dep_ == "dobj"]
    if rotation:
        # "take over from German jets at Amari air base": where those relieved are
        nodes += _prep_objects(tok, "from")
    # "deployed a frigate to participate in an EU naval mission in the Red Sea": where the
    # mission it serves in is
    purposes = [
        c for c in tok.children if c.dep_ in ("advcl", "xcomp") and lemma(c.lower_) in _PURPOSE
    ]
    # "deployed to assist maintain law and order in Honiara": the place hangs on the verb
    # the purpose governs
    nodes += purposes + [c for p in purposes for c in p.children if c.dep_ == "xcomp"]
    # "left Phnom Penh to join the United Nations (UN) peacekeeping mission in Lebanon": the
    # mission joined, or the name it is put beside, is where it is
    # ("to support the Saudi Arabia-led campaign against Houthi rebels in Yemen": where what
    # it supports is)
    joined = [o for p in purposes for o in p.children if o.dep_ == "dobj"]
    nodes += joined + [a for o in joined for a in o.children if a.dep_ == "appos"]
    # "the detachment that will participate in the UN mission in Lebanon departed"; "two
    # naval ships carrying relief supplies to Sri Lanka": what they carry goes where they go
    nodes += [
        c
        for c in force.children
        if c.dep_ in ("relcl", "acl") and lemma(c.lower_) in (_PURPOSE | _CARRY)
    ]
    # "deployed for completing collective defence tasks in Lithuania": where the purpose is
    nodes += [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children
        if g.dep_ == "pcomp"
    ]
    origin: set = set()
    if not leaving:
        # "relocate a squadron of 1,000 members from Vilseck, Germany to Romania": the parser
        # hangs "to" on "from" or on the place left; but "from their home base in Vicenza"
        # is where they came from
        origin = {
            t
            for n in list(nodes)
            for c in n.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for t in c.subtree
        }
        nodes += sorted(origin, key=lambda t: t.i)
    for node in nodes:
        for c in node.children:
            if c.dep_ in ("prep", "dative", "prt") and c.lower_ in (
                ("to", "into", "for") if node in origin else preps
            ):
                for g in c.children:
                    if g.dep_ == "pobj":
                        cands.append(g)
                    elif leaving and g.dep_ == "prep" and g.lower_ == "of":
                        cands += [x for x in g.children if x.dep_ == "pobj"]  # "out of Gambia"
            if (
                leaving
                and c.dep_ == "prep"
                and c.lower_ == "of"
                and any(x.dep_ == "prt" and x.lower_ == "out" for x in node.children)
            ):
                cands += [x for x in c.children if x.dep_ == "pobj"]  # "pulled out" + "of X"
            if c.dep_ == "advmod" and c.lower_ in ("there",):
                pass
    if leaving and not cands:
        # "Malawi will withdraw its 700 troops serving in eastern Congo", "withdraw its
        # troops in Somalia": the theatre they serve in is the place they leave
        serving = [tok, force] + [
            c for c in force.children if c.dep_ in ("acl", "relcl") and lemma(c.lower_) in _SERVE
        ]
        cands += [
            g
            for n in serving
            for c in n.children
            if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    # "sent four F-16 fighter jets to patrol its Natuna Islands": what they guard is where;
    # "dispatched to patrol the waters off the Bab el-Mandeb Strait": the waters' place
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and c.lower_ in _GUARD:
            cands += [o for o in c.children if o.dep_ == "dobj"]
            cands += [
                g
                for p in c.children
                if p.dep_ == "prep" and p.lower_ in ("off", "in", "near", "along")
                for g in p.children
                if g.dep_ == "pobj"
            ]
    for g in cands:
        if g.lower_ in _AIM_NOUNS:
            continue  # "in a bid to prevent Haitians entering": an aim, not a place
        got = _place_in(doc, g, off, skip)
        if got:
            return got
    return None


_SERVE = {"serve", "station", "base", "deploy", "operate", "fight"}
_QUARTERS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west",
}  # fmt: skip


def _to_its_quarter(tok) -> bool:
    """The verb sends "to the north" (or "in the south-east"), of no state named."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("to", "in", "into", "across")
        and any(
            g.dep_ == "pobj"
            and g.lower_ in _QUARTERS
            and not any(x.dep_ == "prep" and x.lower_ == "of" for x in g.children)
            for g in c.children
        )
        for c in tok.children
    )


_AIM_NOUNS = {"bid", "effort", "efforts", "attempt", "order", "drive", "push"}
# the purposes whose object is the place guarded ("to patrol its islands", "to secure the
# airport"), in the infinitive's form
_GUARD = {"patrol", "guard", "secure", "protect", "defend", "safeguard"}
_HOME_FORCES = {"army", "police", "military", "gendarmerie", "paramilitaries", "rangers"}
_HOME_RULERS = {"government", "authorities"}


def _home_force(force) -> bool:
    """A state's forces at home: "police officers", "army troops", "uniformed personnel",
    "9,000 personnel — 4,000 from the National Police and 5,000 from the Armed Forces"."""
    if force.lower_ in _HOME_FORCES or any(
        c.dep_ in ("compound", "amod") and (c.lower_ in _HOME_FORCES or c.lower_ == "uniformed")
        for c in force.children
    ):
        return True
    return any(
        t.dep_ == "pobj" and t.head.lower_ == "from" and t.lower_ in ("police", "forces", "army")
        for t in force.subtree
    )


def _home_state(doc: Doc, sent, dest: str | None, skip: int) -> str | None:
    """ "The Interior Ministry approved army deployment in Islamabad, Punjab and Khyber
    Pakhtunkhwa … across Pakistan": a state's own army or police at home (the state the
    destination lies in), where the sentence names no other state."""
    if dest is None:
        return None
    ent = doc.entities.get(dest)
    home = (
        dest
        if dest.startswith("country/")
        else (f"country/{ent.country}" if ent and ent.country else None)
    )
    named = {
        doc.ref(m) if m.kind == "country" else f"country/{doc.entities[doc.ref(m)].country}"
        for m in doc.mentions_in(max(sent.start, skip), sent.end)
        if m.kind == "country" or (m.kind == "place" and doc.entities[doc.ref(m)].country)
    }
    return home if home and named <= {home} else None


_PURPOSE = {
    "participate",
    "join",
    "serve",
    "reinforce",
    "support",
    "assist",
    "help",
    "bolster",
    "provide",
}


# (and each state of a list: "the borders with Colombia, Brazil and Guyana")
_BORDER_WITH = re.compile(
    r"\b(?i:border|frontier)s?\s+with\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$"
)


def _place_in(doc: Doc, g, off: int, skip: int) -> str | None:
    """The place a phrase names, else its country."""
    s, e = phrase_span(g, off)
    ms = [
        m
        for m in doc.mentions_in(max(s, skip), e)
        if m.kind in ("place", "country")
        and not m.adjective
        # "to the country's border with Belarus": the troops stay on their side of it
        and not _BORDER_WITH.search(doc.text, max(s, m.start - 90), m.start)
        # "in the Caribbean island country": a country the words describe, not the region
        and not (g.lower_ in _A_COUNTRY and m.end <= off + g.idx)
    ]
    if (
        not ms
        and g.lower_ in _REGION_WORDS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in g.children)
        and not any(c.dep_ in ("amod", "compound", "prep") for c in g.children)
    ):
        # "deployed 1,000 soldiers to the province" after "Mozambique's Cabo Delgado
        # province": the region the story named last, within the three paragraphs before
        named = [
            m
            for m in doc.mentions_in(0, s, "place")
            if doc.paragraphs_between(m.start, s) <= 3
            and (ent := doc.entities.get(doc.ref(m))) is not None
            and ent.category == "region"
        ]
        if named:
            return doc.ref(named[-1])
    if not ms and g.lower_ in _CAPITAL_WORDS:
        # "across the Indonesian capital": in that state (its capital no name here gives)
        ms = [m for m in doc.mentions_in(max(s, skip), e) if m.kind == "country" and m.adjective]
    if not ms:
        # "left Bangkok on Monday for a United Nations mission in South Sudan": the finder
        # reads the whole name as the mission's (UNMISS); it serves where it is named for
        for m in doc.mentions_in(max(s, skip), e, "org"):
            theatre = _theatre(doc, doc.ref(m)) or _named_in(doc, doc.ref(m))
            if theatre is not None:
                return theatre
    places = [m for m in ms if m.kind == "place"]
    pick = places[0] if places else (ms[0] if ms else None)
    return doc.ref(pick) if pick is not None else None


_CAPITAL_WORDS = {"capital", "city", "streets"}
_REGION_WORDS = {"province", "region", "state", "district", "county", "governorate"}


_A_COUNTRY = {"country", "nation", "state", "island", "archipelago", "republic", "kingdom"}
_UNITS_AFTER = re.compile(
    # ("Two National Disaster Response Force (NDRF) teams, comprising 101 personnel": the
    # name of the units between; no word for people there)
    r"\s*(?:(?!(?:troops|soldiers|personnel|police|officers|servicemen|men|members|"
    r"peacekeepers)\b)[\w()’'-]+\s+){0,5}?"
    r"(?:companies|battalions|brigades|platoons|squadrons|regiments|units|teams|contingents)\b"
)
_PEOPLE_AFTER = re.compile(
    r"\s*(?:troops|soldiers|personnel|peacekeepers|police|officers|servicemen|men|members)\b"
)


def _member_count(tok):
    """The number of "a five-member team": the count its "member" compound carries."""
    return next(
        (
            g
            for c in tok.children
            if c.dep_ == "compound" and c.lower_ == "member"
            for g in c.children
            if g.dep_ == "nummod"
        ),
        None,
    )


# ("the INS Vikrant"; "Royal Navy patrol ship HMS Trent": the name at the phrase's end)
_SHIP_NAMED = re.compile(
    rf"(?:^|(?<=\s))(?:the\s+)?(?P<prefix>{SHIP_PREFIXES})\s+[A-Z][\w-]+(?:\s+[A-Z][\w.-]+){{0,3}}$"
)


def _ship_prefix(tok) -> str | None:
    """The navy's prefix of a warship named by it ("deployed INS Vikrant to the Arabian
    Sea"), if tok names one."""
    if tok.dep_ not in ("dobj", "nsubjpass", "nsubj", "conj"):
        return None
    m = _SHIP_NAMED.search(tok.doc[tok.left_edge.i : tok.i + 1].text)
    return m.group("prefix") if m else None


def _named_ship(tok) -> bool:
    """ "deployed INS Vikrant to the Arabian Sea": a warship by its name."""
    return _ship_prefix(tok) is not None


def _ships_navy(doc: Doc, force) -> str | None:
    """ "HMAS Canberra deployed to Vanuatu": the state whose navy the ship's prefix names,
    when the story names that state."""
    prefix = _ship_prefix(force)
    ref = f"country/{SHIP_NAVIES[prefix]}" if prefix else None
    return ref if ref in doc.entities else None


def _vessel(tok) -> bool:
    if _named_ship(tok):
        return True
    if not _VESSEL.match(tok.text):
        return False
    civil = [
        c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in _CIVIL
    ]
    # "The Philippine government deployed a C-130 cargo aircraft to Indonesia": a state's
    # aircraft deployed on a mission, whatever it carries
    return not civil or (
        civil == ["cargo"] and tok.dep_ == "dobj" and lemma(tok.head.lower_) == "deploy"
    )


_MACHINES = (
    r"(?:vehicles|tanks|helicopters|aircraft|planes|jets|ships|warships|vessels|boats|drones)"
)
# what follows a number of machines, not of people: "two Egyptian military planes", up to
# seven words between ("six Challenger main battle tanks", "two Royal New Zealand Air Force
# (RNZAF) NH90 helicopters"), none of them people or a joining word ("200 soldiers and two
# helicopters" counts people first)
_MACHINES_AFTER = re.compile(
    r"\s*(?:(?!(?:and|with|plus|along)\b|soldiers|troops|personnel|officers|police|"
    r"members|men\b|women\b|staff|medics|marines|sailors|airmen)\(?[a-z][a-z0-9-]*\)?\s+){0,7}?"
    rf"(?:units?\b|armou?red|{_MACHINES})"
)
# the machines a number counts ("two NH90 helicopters"), not "units" or "armoured" alone
_MACHINE_END = re.compile(rf"{_MACHINES}$")


_YEAR_BEFORE = re.compile(rf"\b(?:(?:since|in|of|until|till|by)\.?|{MONTH_NAME}),?\s+$")


# "a Navy vessel with up to 300 crew members", "The destroyer Takanami, with a crew of 200"
_ABOUT = r"(?:(?:up to|about|around|some|nearly|almost|more than|over)\s+)?"
_COUNT = r"\d+(?:,\d{3})*"
_CREW_ABOARD = re.compile(
    rf"\s*,?\s*with\s+(?:an?\s+(?:crew|complement)\s+of\s+{_ABOUT}(?P<n>{_COUNT})"
    rf"|{_ABOUT}(?P<m>{_COUNT})\s+(?:crew|sailors|personnel|troops|marines|servicemen|seamen)\b)"
)


def _fleet(doc: Doc, s: int, e: int) -> int | None:
    """The first number in the phrase that counts machines ("two CF-18 fighter jets")."""
    for _ns, ne, value, _q in doc.numbers_in(s, e):
        machines = _MACHINES_AFTER.match(doc.text[ne : ne + 60].lower())
        if machines and isinstance(value, int) and _MACHINE_END.search(machines.group()):
            return value
    return None


def _numbers(doc: Doc, force, off: int, sent) -> tuple[int | None, int | None]:
    if _named_ship(force):
        # "INS Kirch and INS Shardul": the warships named, one each
        return None, 1 + sum(_named_ship(c) for c in _conj(force))
    if _vessel(force):
        # "Two New Zealand naval ships", "a significant air defense frigate": machines; "a
        # Navy vessel with up to 300 crew members": and the people aboard (the parser hangs
        # "with" on the verb as often as on the vessel)
        crew = _CREW_ABOARD.match(doc.text, phrase_span(force, off)[1])
        aboard = int((crew.group("n") or crew.group("m")).replace(",", "")) if crew else None
        carried = [
            n
            for c in force.children
            if c.dep_ == "acl" and lemma(c.lower_) in _CARRY
            for o in c.children
            if o.dep_ == "dobj" and _is_force(o)
            for n in o.children
            if n.dep_ == "nummod"
        ]
        if aboard is None and carried:
            # "an Australian Defence Force aircraft carrying 30 police officers": the people
            # it carries
            count = parse_number(carried[0].text)
            aboard = count if isinstance(count, int) else None
        num = next((c for c in force.children if c.dep_ == "nummod"), None)
        if num is not None:
            at = off + num.idx
            vals = [v for ns, _ne, v, _q in doc.numbers_in(at, at + len(num.text)) if ns == at]
            return aboard, int(vals[0]) if vals and isinstance(vals[0], int) else None
        fleet = _fleet(doc, *phrase_span(force, off))
        if fleet is not None:
            # "two CF-18 fighter jets": the parser hangs the number on the model's name
            return aboard, fleet
        one = force.left_edge.lower_ in ("a", "an")  # (the parser may hang it on a modifier)
        return aboard, 1 if one and not force.text.lower().endswith("s") else None
    s, e = phrase_span(force, off)
    personnel = equipment = None
    strong = _STRONG.search(doc.text, s, e)
    if strong:
        personnel = int(strong.group(1).replace(",", ""))
    members = _member_count(force)
    if personnel is None and members is not None:
        # "a five-member team" (a hyphened number, which counts nothing elsewhere)
        count = parse_number(members.text)
        personnel = count if isinstance(count, int) else None
    counts = []
    fleet: list[int] = []  # the numbers of machines: "two Royal New Zealand Air Force NH90 …"
    days = [(d.start, d.end) for d in doc.dates.dates_in(s, e)]
    for ns, ne, value, _q in doc.numbers_in(s, e):
        if any(a <= ns < b for a, b in days):
            continue  # "The officers, who will be deployed on January 5": a day, no count
        after = doc.text[ne : ne + 60].lower()
        machines = _MACHINES_AFTER.match(after)
        if machines:
            if isinstance(value, int) and _MACHINE_END.search(machines.group()):
                fleet.append(value)
            continue  # "two Egyptian military planes": machines, not people
        if re.match(r"\s*(?:%|per\s*cent|years?|days?|months?|km)", after):
            continue
        if (
            isinstance(value, int)
            and 1900 <= value <= 2100
            and "," not in doc.text[ns:ne]  # ("a contingent of 2,100 men": no year)
            and _YEAR_BEFORE.search(doc.text, max(s, ns - 12), ns)
        ):
            continue  # "the battle group deploying to Somalia since March 2007": a year
        if isinstance(value, int) and value >= 2:
            counts.append((value, after))
    if personnel is None and counts:
        personnel = counts[0][0]
        if _UNITS_AFTER.match(counts[0][1]):
            # "Four companies, comprising approximately 500 personnel": the people; "two
            # battalions" alone: no head count
            people = [v for v, after in counts[1:] if _PEOPLE_AFTER.match(after)]
            personnel = people[0] if people else None
    if personnel is None:
        # "China has deployed women soldiers for the first time in its 700-strong infantry
        # battalion to South Sudan": the size of the sender's own unit they go in
        own = _OWN_UNITS_SIZE.search(doc.text, sent.start, sent.end)
        personnel = int(own.group(1).replace(",", "")) if own else None
    eq = _EQUIPMENT.search(doc.text, sent.start, sent.end)
    if eq:
        n = doc.numbers_in(sent.start + 0, sent.end)
        for ns, _ne, value, _q in n:
            if ns == eq.start("n"):
                equipment = int(value)
    if equipment is None and fleet:
        equipment = fleet[0]
    return personnel, equipment


# a mission or a multinational force by its name; "Forces" alone is often one side's army
# ("the Rapid Support Forces", "the Armed Forces")
_MISSION_NAME = re.compile(
    r"\b(?:Mission|Operation|MSS|SAMIM|KFOR|MONUSCO|EUFOR|AMISOM|ATMIS|AUSSOM|"
    r"MINU[A-Z]{2,4}|ECOM[A-Z]{2,3})\b|"
    r"\b(?:Peacekeeping|Peace|Collective|Multinational|Joint|Stabili[sz]ation|Standby|Regional|"
    r"Interim|Protection|Kosovo|Task|Observer|Emergency|Intervention)\s+(?:[A-Z][\w-]*\s+){0,2}"
    r"Forces?\b|"
    # (not a state's own arm: "the NZDF or the Territorial Force", "the Air Force")
    r"^(?!(?:Territorial|Air|Border|Home|Reserve|Defen[cs]e|Space|Police|Marine)\b)\w*\s*Force$"
)


_BARE_MISSION = re.compile(r"(?:UN|U\.N\.|United Nations) Mission|Mission of the United Nations")
_ONLY_BESIDE = re.compile(
    r"\bin (?:coordination|cooperation|collaboration) with\b[^.]{0,80}Mission"
)


def _names_of(doc: Doc, ref: str) -> list[str]:
    """An actor's names: the label, the forms the text uses and the lexicon's variants
    ("UNIFIL" is the "United Nations Interim Force in Lebanon")."""
    ent = doc.entities.get(ref)
    names = [ent.label, *ent.surfaces] if ent is not None else []
    entry = load_lexicon().entries.get(ref)
    return names + (entry.variants if entry is not None else [])


_IN_THE_STATE = re.compile(r"\bin\s+(?:the\s+)?(.+)$")


def _theatre(doc: Doc, mission: str | None) -> str | None:
    """The state a mission is named for: the "United Nations Interim Force in Lebanon" serves
    in Lebanon, the "Stabilization Mission in the Central African Republic" there."""
    if not mission or not mission.startswith("org/"):
        return None
    by_name = load_lexicon().country_by_name
    for name in _names_of(doc, mission):
        m = _IN_THE_STATE.search(name)
        key = by_name.get(fold(m.group(1))) if m else None
        if key:
            return f"country/{key}"
    return None


def _mission(doc: Doc) -> str | None:
    """The multinational force or mission the story is about, if it names one."""
    named = [
        ref  # (by any of its names: "UNMISS" is the "United Nations Mission in ...")
        for ref, ent in doc.entities.items()
        if ref.startswith("org/")
        and any(_MISSION_NAME.search(n) for n in (ent.label, *ent.surfaces))
        and not ent.country
        # (not "in coordination with local authorities and the UN Mission": a mission
        # named by no place, no force and no initials, only worked beside)
        and not (_BARE_MISSION.fullmatch(ent.label) and _ONLY_BESIDE.search(doc.text))
    ]
    if len(named) > 1:
        # "… to join UN Peacekeeping Force" in the headline, "to join the United Nations
        # Stabilization Mission (MINUSTAH)" in the story: the story's name for it
        title = doc.meta.title_span
        told = {doc.ref(m) for m in doc.mentions if title is None or m.start >= title.end}
        if named[0] not in told:
            return next((ref for ref in named if ref in told), named[0])
    return named[0] if named else None


# what troops are sent to do at a border ("to reinforce the border")
_AT_THE_BORDER = r"reinforce|strengthen|secure|guard|patrol|protect|bolster"
# "to the border with Belarus", "to the border", "to the border region", "to reinforce the
# border with Haiti": a border no other state's ("the border of Chad", "the border between X
# and Y" name whose it is)
_TO_THE_BORDER = re.compile(
    rf"\b(?:to|on|along|at|near)\s+(?:(?:{_AT_THE_BORDER})"
    # "flew to the airstrip … near the Nicaraguan border": the sender's side of it
    r"\s+)?(?:the\s+)?(?:\w+ern\s+)?(?:[A-Z][a-z]+(?:an|ian|ese|i)\s+)?(?:border|frontier)s?"
    r"(?:\s+with\b|(?:\s+(?:region|area|zone)s?)?(?![\w-]|\s+(?:of|between)\b))",
    re.I,
)
# the sender's own frontier: "to strengthen its border with X", "along their southern border"
_OWN_BORDER = re.compile(
    r"\b(?:its|their|the country['’]s|the nation['’]s)\s+(?:own\s+)?(?:\w+ern\s+)?"
    # "on its eastern Caribbean coast": its own shore
    r"(?:(?:border|frontier)s?\b|(?:[A-Z][a-z]+\s+)?(?:coast|coastline|shores?)\b)"
)


_MANY_STATES = {"countries", "nations", "states", "members", "contributors", "allies"}
# "to monitor Chile's northern border", "to guard Poland’s frontier"
_STATES_BORDER = re.compile(
    rf"\b(?:to|on|along|at)\s+(?:(?:{_AT_THE_BORDER}|"
    r"monitor|control|police|seal|defend)\s+)?(?P<state>[A-Z][\w -]{1,40}?)['’]s\s+"
    r"(?:\w+ern\s+)?(?:border|frontier)s?\b"
)


def _border_owner(doc: Doc, sent, pos: int) -> str | None:
    found = _STATES_BORDER.search(doc.text, pos, sent.end)
    if found is None:
        return None
    states = doc.mentions_in(found.start("state"), found.end("state"), "country")
    return doc.ref(states[-1]) if len(states) == 1 and not states[0].adjective else None


# verbs of coming whose "from" names where the force came from: its state ("400 police
# officers arrived in Haiti from Kenya"); the force's verbs of movement (`_ARRIVE`) but not a
# withdrawal's "from" (the place left), nor a deployment's or a move's (its origin base)
_COMES = (_ARRIVE - {"return", "withdraw", "pull", "depart", "deploy", "redeploy", "move"}) | {
    "come"
}


def _came_from(doc: Doc, tok, off: int, skip: int, force=None) -> str | None:
    """The state a force came from, named by the verb's "from" ("rolled into Bahrain from
    neighboring Saudi Arabia"), for a force the sentence gives no owner."""
    if lemma(tok.lower_) not in _COMES:
        return None
    for g in _prep_objects(tok, "from"):
        s, e = phrase_span(g, off)
        states = [m for m in doc.mentions_in(max(s, skip), e, "country") if not m.adjective]
        if states:
            return doc.ref(states[0])
    # "a 37-member team from Kunming arrived in Yangon": the state of the place the force
    # itself is said to be from
    for g in _prep_objects(force, "from") if force is not None else ():
        s, e = phrase_span(g, off)
        for m in doc.mentions_in(max(s, skip), e):
            if m.kind in ("country", "place") and not m.adjective:
                got = _in_state(doc, doc.ref(m))
                if got:
                    return got
    return None


def _prep_objects(node, word: str) -> list:
    """What a word's preposition governs: "from neighboring Saudi Arabia", "a team of
    rescuers", "reinforced the border with 1,500 troops"."""
    return [
        g
        for c in node.children
        if c.dep_ == "prep" and c.lower_ == word
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _build(
    doc: Doc, sent, off: int, skip: int, tok, force, sender_toks, force_org, prev=None
) -> Deployment | None:
    sender = None
    for st in sender_toks:
        sender = _actor(doc, st, off, skip, verb=tok)
        if sender:
            break
    if sender is None:
        # (before the owner: "… for 850 peacekeepers deploying … as part of the U.N. mission
        # there" are not the UN's)
        sender = next(
            (a for st in _seeing_off(force) if (a := _actor(doc, st, off, skip, verb=tok))), None
        )
    if sender is None or sender == force_org:
        sender = _owner(doc, force, off, skip) or sender
    if sender is None:
        sender = _ships_navy(doc, force)
    if sender is None:
        sender = _came_from(doc, tok, off, skip, force)
    if sender is None:
        sender = _speakers_state(doc, tok, off, skip)
    if sender is None and prev and not any(st.lower_ in _MANY_STATES for st in sender_toks):
        # "about 200 officers descended": the force the story is about (not "About 40
        # countries contribute 47,600 troops": many, none of them named)
        sender = prev
    dest = _destination(doc, tok, force, off, skip)
    at_home = False
    home_force = _home_force(force) or any(
        # "The army deployed 2,000 soldiers in Lima", "authorities sent troops": a subject
        # that names the state's own forces or rulers, and no state
        st.lower_ in _HOME_FORCES or st.lower_ in _HOME_RULERS
        for st in sender_toks
    )
    if sender is None and home_force:
        sender = _home_state(doc, sent, dest, skip)
        at_home = sender is not None
    if sender is None and dest is None and home_force:
        # "9,000 uniformed personnel — 4,000 from the National Police and 5,000 from the
        # Armed Forces — are to be deployed to restore peace and order", in a story of one
        # state: its own forces at home
        states = {doc.ref(m) for m in doc.mentions if m.kind == "country"}
        if len(states) == 1:
            sender, at_home = next(iter(states)), True
    if sender is None and dest is None:
        # "the deployment of 672 military members and 100 police officers to monitor
        # Chile's northern border": troops sent to a state's own border, named by no one
        # else, are that state's
        sender = dest = _border_owner(doc, sent, off + tok.idx)
        at_home = sender is not None
    if sender is None or not can_send(doc, sender):
        return None
    if dest is None and tok.dep_ in ("xcomp", "dobj", "pobj", "pcomp"):
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if lemma(head.lower_) in _VERBS | _NOUN_VERBS or head.lower_ in ("deployment",):
            dest = _destination(doc, head, head, off, skip)
    if dest is None:
        # "Of the personnel pledged to the mission in Haiti, Benin will provide 1,500": the
        # place another sending verb of the sentence gives
        for t in tok.sent:
            if t != tok and lemma(t.lower_) in _VERBS and t.dep_ not in ("amod", "compound"):
                dest = _destination(doc, t, t, off, skip)
                if dest:
                    break
    if dest is None and sender.startswith("country/") and _to_its_quarter(tok):
        # "Benin deployed 3,500 soldiers to the north": its own north, not where the next
        # story's forces go
        dest, at_home = sender, True
    if dest is not None and dest == sender and not at_home:
        dest = None  # (but police "deployed across the Kenyan capital" stay in Kenya)
    if (
        dest is not None
        and not at_home
        and lemma(tok.lower_) in ("leave", "depart")
        and (_in_state(doc, dest) == sender or _left_at_home(doc, tok, off, skip, sender, dest))
    ):
        # "The Australian troops ... left Townsville on Friday": a place of their own state
        # left is where they set out from, not one they withdraw from
        dest = None
    if (
        dest is None
        and sender.startswith("country/")
        and (
            _OWN_BORDER.search(doc.text, off + tok.idx, sent.end)
            or _TO_THE_BORDER.search(doc.text, off + tok.idx, sent.end)
        )
    ):
        # "deploy 10,000 troops to strengthen its border with the United States"; "soldiers
        # have been sent to the border with Belarus", "450 men to the border": the sender's
        # side of it
        dest = sender
    bound = _bound_for(doc, force, off) if dest is None or dest == sender else None
    if bound is not None:
        # "The Haiti-bound Kenyan police officers left Nairobi": where they are bound
        dest = bound
    personnel, equipment = _numbers(doc, force, off, sent)
    date = _date(doc, sent, off + tok.idx)
    clause = _clause_of(tok)
    if date is not None and clause.dep_ == "relcl":
        # "… yesterday held a farewell service for 318 soldiers who are expected to leave
        # for the Golan Heights soon": the day of the sentence, not of the clause's going
        a, b = phrase_span(clause, off)
        if not a <= date.start < b:
            date = None
    part_of = force_org if force_org and force_org != sender else None
    if part_of:
        # "The last batch of the Tanzanian troops committed to the Force Intervention
        # Brigade", in a story of MONUSCO: the force the sentence names
        part_of = _as_part_of(doc, sent, skip, sender, _COMMITTED_TO) or part_of
    if part_of and (
        _other_mission(doc, tok.sent, off, skip, part_of)
        or _OUTSIDE_THE_MISSION.search(doc.text, sent.start, sent.end)
    ):
        # the sender's forces join another body's mission, or none: "Rwanda, which is not a
        # member of SADC, deployed 1,000 soldiers … under a bilateral agreement"
        part_of = _NOT_THE_STORYS
    if part_of is None:
        part_of = _as_part_of(doc, sent, skip, sender) or _bodys_force_joined(
            doc, tok, off, skip, sender
        )
    return Deployment(
        key="",
        span=Span(sent.start, sent.end),
        deployed_by=sender,
        destination=dest,
        personnel=personnel,
        equipment=equipment,
        start=date,
        part_of=part_of,
        evidence=[Span(sent.start, sent.end)],
        withdrawal=lemma(tok.lower_) in ("withdraw", "pull")
        or tok.lower_ in _LEAVING_NOUNS
        # "The last French soldiers left Niger": a place left, not set out from, is withdrawn from
        or (
            lemma(tok.lower_) == "leave"
            and dest is not None
            and not at_home
            and bound is None
            and _no_aim(tok)
        ),
    )


# "as part of the CSTO peacekeeping mission", "as part of an African Union (AU) force",
# "under the auspices of the UN": the body whose force the contingent serves in
_AS_PART_OF = re.compile(
    r"\b(?:as (?:a )?part of|under the (?:auspices|banner|flag|umbrella|command) of)"
    r"\s+(?:the |an |a )?",
    re.I,
)


# "the Tanzanian troops committed to the Force Intervention Brigade": the force they serve in
_COMMITTED_TO = re.compile(r"\b(?:committed|assigned|attached)\s+to\s+(?:the\s+)?", re.I)


_TELLING = {"say", "announce", "tell", "state", "confirm", "add", "report", "reveal"}
_SEND_OFF = {"farewell", "send-off", "sendoff"}


def _seeing_off(force) -> list:
    """ "Armenia held farewell ceremonies Tuesday for 34 peacekeepers deploying to Kosovo":
    who bids a force farewell sent it (the subject of the sentence, however the parser hangs
    the force)."""
    if not any(t.lower_ in _SEND_OFF for t in force.sent if t.i < force.i):
        return []
    return [c for c in force.sent.root.children if c.dep_ == "nsubj"]


def _speakers_state(doc: Doc, verb, off: int, skip: int) -> str | None:
    """ "Defense Minister Henry Rangel Silva said that 2,000 troops were sent to Tachira":
    troops sent in the passive by no one named, told of by a person who holds posts of
    one state only, are that state's."""
    if verb.dep_ != "ccomp" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(c.dep_ == "agent" for c in verb.children) or lemma(verb.head.lower_) not in _TELLING:
        return None
    for c in verb.head.children:
        if c.dep_ != "nsubj":
            continue
        s, e = phrase_span(c, off)
        persons = [m for m in doc.mentions_in(max(s, skip), e) if m.kind == "person"]
        if len(persons) == 1:
            states = set(doc.post_countries(doc.ref(persons[0])))
            if len(states) == 1:
                return f"country/{states.pop()}"
    return None


def _left_at_home(doc: Doc, tok, off: int, skip: int, sender: str, dest: str) -> bool:
    """ "The vessel left the Yokosuka naval base south of Tokyo": the place left, taken for
    where the forces go, is one a place of the sender's own state locates (the base itself
    unknown to the gazetteer)."""
    left = [c for c in tok.children if c.dep_ == "dobj"]
    # (the parser may hang "south of Tokyo" on the verb)
    left += [c for c in tok.children if c.dep_ == "advmod" and c.lower_ in _QUARTERS]
    spans = [phrase_span(c, off) for c in left]
    refs = {
        doc.ref(m)
        for s, e in spans
        for m in doc.mentions_in(max(s, skip), e)
        if m.kind in ("place", "country") and not m.adjective
    }
    return dest in refs and any(_in_state(doc, r) == sender for r in refs)


def _in_state(doc: Doc, ref: str) -> str | None:
    """The state a place is in, when the gazetteer knows it (a state is in itself)."""
    if ref.startswith("country/"):
        return ref
    ent = doc.entities.get(ref) if ref.startswith("place/") else None
    return f"country/{ent.country}" if ent is not None and ent.country else None


def _as_part_of(
    doc: Doc, sent, skip: int, sender: str, phrase: re.Pattern[str] = _AS_PART_OF
) -> str | None:
    """The organization a sentence says the sent forces are part of, when it names one
    first thing after the phrase (not "as part of efforts by Kenya")."""
    for m in phrase.finditer(doc.text, max(sent.start, skip), sent.end):
        first = doc.mentions_in(m.end(), min(sent.end, m.end() + 60))
        if first and first[0].start == m.end() and first[0].kind == "org":
            ref = doc.ref(first[0])
            if ref != sender and can_send(doc, ref):
                return ref
    return None


# the words for a body's force that troops join: "NATO's multinational brigade", "a NATO
# battle group", "an EU naval mission"
_A_BODYS_FORCE = {
    "force",
    "forces",
    "brigade",
    "battalion",
    "battlegroup",
    "group",
    "mission",
    "operation",
    "coalition",
    "presence",
}


def _bodys_force_joined(doc: Doc, tok, off: int, skip: int, sender: str) -> str | None:
    """ "to join NATO's multinational brigade", "contribute 200 personnel to a NATO battle
    group in Romania": the body whose force the troops join, named before its noun."""
    heads = [c for c in tok.children if c.dep_ == "dobj"] if lemma(tok.lower_) == "join" else []
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and lemma(c.lower_) == "join":
            heads += [o for o in c.children if o.dep_ == "dobj"]
        elif c.dep_ in ("prep", "dative") and c.lower_ == "to":
            heads += [g for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        if h.lower_ not in _A_BODYS_FORCE or any(
            w.lower_ in ("peacekeeping", "peace-keeping") for w in h.lefts
        ):
            continue  # ("the United Nations peacekeeping mission": one of the UN's many)
        bodies = [
            m
            for m in doc.mentions_in(max(off + h.left_edge.idx, skip), off + h.idx)
            if m.kind == "org"
        ]
        if bodies:
            ref = doc.ref(bodies[-1])
            if ref != sender and can_send(doc, ref):
                return ref
    return None


_NOT_SENDER = re.compile(
    r"\b(?:Institute|University|Academy|School|College|Hospital|Agency|News)\b"
)


def can_send(doc: Doc, ref: str) -> bool:
    """States, their forces and governments, and international bodies send forces; an
    institute, a university or a news agency does not."""
    if ref.startswith("country/"):
        return True
    if not ref.startswith("org/"):
        return False
    ent = doc.entities.get(ref)
    return (
        ent is not None
        and ent.category not in ("news agency", "facility")
        and not _NOT_SENDER.search(ent.label)
    )


def _date(doc: Doc, sent, pos: int) -> DateValue | None:
    # (not "ahead of the January 7 election": the day of what the forces are sent for)
    dates = [
        d
        for d in doc.dates.dates_in(sent.start, sent.end)
        if d.value and not AHEAD_OF.search(doc.text, max(sent.start, d.start - 60), d.start)
    ]
    if not dates:
        pub = doc.meta.published
        if (
            pub is not None
            and doc.in_lead(sent.start)
            and _UNDER_WAY.search(doc.text, sent.start, sent.end)
        ):
            # "Two naval ships are being sent to Tonga" in a page's lead: the page's day
            return doc.meta.page_day()
        return None
    return min(dates, key=lambda d: abs(d.start - pos))


# what a lead tells as happening now: "are being sent", "is sending", "are deploying",
# "have landed", "are also heading to"
_UNDER_WAY = re.compile(
    r"\b(?:(?:is|are)\s+being\s+(?:sent|deployed|dispatched|despatched|flown)|"
    r"(?:is|are)\s+(?:sending|deploying|dispatching|despatching)|"
    r"(?:has|have)\s+(?:just\s+)?(?:landed|arrived)|(?:is|are)\s+(?:also\s+)?heading)\b"
)


_PAIR_GAP = re.compile(
    r"\s*(?:[–—:-]|\(|,)?\s*(?:about\s+|around\s+|some\s+|up\s+to\s+|at\s+least\s+|"
    r"nearly\s+|over\s+|more\s+than\s+)?$",
    re.I,
)


# "Jamaica will send 200, the Bahamas 150": a country, its sending verb, the number
_SENDS_A_NUMBER = re.compile(
    r"\s+(?:will\s+|would\s+|is\s+to\s+|has\s+|have\s+|had\s+)?(?:also\s+)?"
    r"(?:send|sent|sending|deploy|deployed|deploying|contribute|contributed|contributing|"
    r"provide|provided|providing|pledge|pledged|commit|committed)\s+"
    r"(?:about\s+|around\s+|some\s+|up\s+to\s+|at\s+least\s+|nearly\s+|over\s+)?"
)
_SENDS_A_FIGURE = re.compile(_SENDS_A_NUMBER.pattern + r"\d")


# a list of those who came or went, without a word of forces in it
_BACK_HOME = re.compile(
    r"\b(?:returned|left|arrived|withdrew|departed|went home|deployed|sent)\b", re.I
)


def _lists(doc: Doc, force_org: str | None, found: list[Deployment]) -> list[Deployment]:
    """A contingent per country where a sentence about forces pairs countries with numbers:
    "Armenia – 100, Belarus – 500", "Tanzania is providing 274 soldiers, South Africa 270,
    Botswana 108", "the Bahamas (150)"."""
    out: list[Deployment] = []
    dest = _main_destination(found)
    for _pi, sent in doc.sentences:
        if "://" in doc.text[sent.start : sent.end]:
            continue
        hits = None  # (read only for a sentence that may hold a list)
        if not _FORCE_WORDS.search(doc.text, sent.start, sent.end) and not (
            # "Kenya will deploy 1,000 police officers to Haiti. Jamaica will send 200, the
            # Bahamas 150 and Belize 50": the numbers a sending verb gives, right after;
            # "Those who returned … included 313 from India, 35 from Pakistan, 42 from
            # Belgium": a long list of the teams told of just before
            (
                _SENDS_A_FIGURE.search(doc.text, sent.start, sent.end)
                or (
                    _BACK_HOME.search(doc.text, sent.start, sent.end)
                    and len(hits := _number_first(doc, sent)) >= 3
                )
            )
            and any(0 <= _pi - _para(doc, d.span.start) <= 2 for d in found)
        ):
            continue  # the sentence itself speaks of forces
        if hits is None:
            hits = _number_first(doc, sent)
        numbers = doc.numbers_in(sent.start, sent.end)
        for m in doc.mentions_in(sent.start, sent.end, "country") if len(hits) < 2 else []:
            if m.adjective:
                continue
            nxt = next((n for n in numbers if n[0] >= m.end), None)
            if nxt is None or nxt[0] - m.end > 40:
                continue
            gap = doc.text[m.end : nxt[0]]
            if not (
                (len(gap) <= 16 and _PAIR_GAP.fullmatch(gap)) or _SENDS_A_NUMBER.fullmatch(gap)
            ):
                continue
            after = doc.text[nxt[1] : nxt[1] + 14].lower()
            if re.match(
                r"\s*(?:%|per\s*cent|years?|days?|months?|km|million|billion|\))?\s*"
                r"(?:%|per|years?|days?|months?|km|million|billion)",
                after,
            ):
                continue
            if isinstance(nxt[2], int) and 2 <= nxt[2] <= 200_000:
                hits.append((doc.ref(m), nxt[2]))
        for fm in _FROM_COUNTRY.finditer(doc.text, sent.start, sent.end) if len(hits) < 2 else []:
            # "a battalion of about 200 from Botswana"
            ms = [
                m
                for m in doc.mentions_in(fm.start("c"), sent.end, "country")
                if m.start == fm.start("c") and not m.adjective
            ]
            if ms:
                hits.append((doc.ref(ms[0]), int(fm.group("n").replace(",", ""))))
        if len(hits) < 2:
            continue
        here = _list_destination(doc, sent, {c for c, _n in hits})
        for country, n in hits:
            out.append(
                Deployment(
                    key="",
                    span=Span(sent.start, sent.end),
                    deployed_by=country,
                    destination=(here or dest) if (here or dest) != country else None,
                    personnel=n,
                    part_of=force_org,
                    evidence=[Span(sent.start, sent.end)],
                )
            )
    return out


# a row of a table of contingents: "India – 2239", "Sri Lanka: 68" (the country is read
# apart): the gap of a list's pair, then the number closing the line
_ROW_NUMBER = re.compile(
    _PAIR_GAP.pattern.removesuffix("$")
    + r"(?P<n>\d[\d,]*)(?:\s+(?:troops|soldiers|personnel|peacekeepers|police(?:\s+officers)?"
    + r"|officers))?\.?\s*$",  # ("- Egypt: 1,091 troops")
    re.I,
)
# the mark that opens a row of a list ("- Egypt: 1,091 troops", "• Kenya – 1,410")
_ROW_MARK = re.compile(r"[\s*•·–—-]*")


def _table(doc: Doc, force_org: str | None, found: list[Deployment]) -> list[Deployment]:
    """A table of contingents, one country a line under a heading about forces ("UNMISS
    Military Troop Contributing Countries", then "India – 2239", "Nepal – 1547"): each line
    is a sentence of its own, so the list read within a sentence never sees two of them."""
    text = doc.text
    rows: list[tuple[int, str, int, Span]] = []  # (sentence index, country, number, line)
    for si, (_pi, sent) in enumerate(doc.sentences):
        if (
            text[sent.start - 1 : sent.start] not in ("\n", "")
            or text[sent.end : sent.end + 1].strip()
        ):
            continue  # a line of its own
        ms = [
            m
            for m in doc.mentions_in(sent.start, sent.end, "country")
            if not m.adjective and _ROW_MARK.fullmatch(text, sent.start, m.start)
        ]
        row = _ROW_NUMBER.fullmatch(text, ms[0].end, sent.end) if ms else None
        if row is not None and 2 <= (n := int(row.group("n").replace(",", ""))) <= 200_000:
            rows.append((si, doc.ref(ms[0]), n, Span(sent.start, sent.end)))
    runs: list[list[tuple[int, str, int, Span]]] = []
    for r in rows:
        if runs and runs[-1][-1][0] == r[0] - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    out: list[Deployment] = []
    dest = _main_destination(found) or _named_in(doc, force_org)
    for run in runs:
        first = run[0][0]
        head = [doc.sentences[i][1] for i in range(max(0, first - 2), first)]
        if len(run) < 2 or not any(_TABLE_HEAD.search(text, h.start, h.end) for h in head):
            continue
        senders = {c for _si, c, _n, _sp in run}
        here = next((x for h in head if (x := _list_destination(doc, h, senders))), None)
        for _si, country, n, line in run:
            to = here or dest
            out.append(
                Deployment(
                    key="",
                    span=line,
                    deployed_by=country,
                    destination=to if to != country else None,
                    personnel=n,
                    part_of=force_org,
                    evidence=[line, *head[-1:]],
                )
            )
    return out


def _named_in(doc: Doc, mission: str | None) -> str | None:
    """The country a mission is named for: "the United Nations Mission in South Sudan" (the
    finder reads the whole name as the mission's, with no country inside)."""
    names = [m.surface for m in doc.mentions if mission and doc.ref(m) == mission]
    for ref, ent in sorted(doc.entities.items()):
        if not ref.startswith("country/"):
            continue
        for n in {ent.label, *ent.surfaces}:
            said = re.compile(rf"\b(?:in|for)\s+(?:the\s+)?{re.escape(n)}$")
            if n and any(said.search(name) for name in names):
                return ref
    return None


# what stands between a list's number and its country: "850 from Congo Republic", "62 each
# from the Netherlands and Poland", "313 troops from India", "850 Burundians"
_NUMBER_GAP = re.compile(
    r"\s+(?P<each>each\s+)?(?:(?:troops|soldiers|personnel|officers|police|peacekeepers)\s+)?"
    r"(?P<from>from\s+(?:the\s+)?)?"
)
_UNITS_COUNTED = re.compile(
    r"\s+(?:\w+\s+)?(?:battalions?|companies|brigades?|units|teams|platoons|squadrons|ships|"
    r"vessels|aircraft|planes|helicopters)\b",
    re.I,
)
_AND_THE_NEXT = re.compile(r"\s+and\s+(?:the\s+)?")


_PEOPLE_COUNTED = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|wounded|injured|casualties|displaced|refugees|"
    r"hostages?|detained|arrested|evacuat(?:ed|ing|ion)|rescued|migrants|prisoners|victims|"
    r"residents|civilians|nationals|citizens|workers|students|pilgrims)\b",
    re.I,
)


def _number_first(doc: Doc, sent) -> list[tuple[str, int]]:
    """A list that gives the number first: "with 850 Burundians, 800 Cameroonians, 850 from
    Congo Republic, 500 from Gabon": each country with the number before it (a country then
    a number is the other kind of list, where "Gabon, 200" would pair wrongly)."""
    hits: list[tuple[str, int]] = []
    if _PEOPLE_COUNTED.search(doc.text, sent.start, sent.end):
        return hits  # "evacuated 150 Indians, 80 from Nepal": people counted, not contingents
    numbers = doc.numbers_in(sent.start, sent.end)
    if any(_UNITS_COUNTED.match(doc.text, n[1]) for n in numbers):
        return []  # "two battalions from Uganda, two from Burundi": units, not people
    each: tuple[int, int] | None = None  # (where the last "N each from A" country ended, N)
    for m in doc.mentions_in(sent.start, sent.end, "country"):
        if each is not None and _AND_THE_NEXT.fullmatch(doc.text, each[0], m.start):
            n = each[1]  # "62 each from the Netherlands and Poland": Poland's 62 too
        else:
            nb, gap = next(
                (
                    (x, g)
                    for x in reversed(numbers)
                    if x[1] <= m.start
                    and isinstance(x[2], int)
                    and (g := _NUMBER_GAP.fullmatch(doc.text, x[1], m.start))
                ),
                (None, None),
            )
            each = None
            if nb is None or gap is None:
                continue
            # "from Gabon", or the people themselves: "850 Burundians", or a row of adjectives
            # closed by the force: "450 French, 350 Spanish and 200 Italian soldiers"
            if not (
                gap.group("from")
                or (m.adjective and m.surface.endswith("s"))
                or (m.adjective and gap.group(0).isspace() and _ROW_GOES_ON.match(doc.text, m.end))
            ):
                continue
            n = int(nb[2])
            if gap.group("each") and not m.adjective:
                each = (m.end, n)
        if 2 <= n <= 200_000 and (ref := doc.ref(m)) not in {c for c, _n in hits}:
            hits.append((ref, n))
        if each is not None:
            each = (m.end, each[1])
    return hits


_ROW_GOES_ON = re.compile(
    rf"(?:,\s*(?:and\s+)?|\s+and\s+)\d|\s+(?:{'|'.join(FORCE_NOUNS)})\b", re.I
)


_FROM_COUNTRY = re.compile(
    r"\b(?:of|with)\s+(?:about\s+|around\s+|some\s+|nearly\s+)?(?P<n>\d[\d,]*)\s+"
    r"(?:troops\s+|soldiers\s+|personnel\s+|officers\s+|police\s+)?from\s+(?:the\s+)?(?P<c>[A-Z])"
)


def _list_destination(doc: Doc, sent, senders: set[str]) -> str | None:
    """Where a list of contingents goes: "the force for Tanzania's Mtwara region"."""
    for m in doc.mentions_in(sent.start, sent.end):
        if m.kind not in ("place", "country") or m.adjective or doc.ref(m) in senders:
            continue
        before = doc.text[max(sent.start, m.start - 40) : m.start]
        if re.search(r"\b(?:for|to|in|into)\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:['’]s)?\s+)?$", before):
            places = [
                x
                for x in doc.mentions_in(m.start, min(sent.end, m.end + 40), "place")
                if x is not m
            ]
            if m.kind == "country" and places and places[0].start - m.end < 6:
                return doc.ref(places[0])  # "Tanzania's Mtwara region"
            return doc.ref(m)
    return None


_FORCE_WORDS = re.compile(
    r"\b(?:troops|soldiers|personnel|peacekeepers|contingents?|police|officers|servicemen|forces|"
    r"contributions|contributors|pledges|battalions?|force)\b",
    re.I,
)
# what a table's heading says when its rows are contingents: a word of forces, or of
# contributing and strength ("UNMISS Military Troop Contributing Countries")
_TABLE_HEAD = re.compile(
    _FORCE_WORDS.pattern + r"|\b(?:troop|military|contribut\w+|deploy\w*|strength)\b", re.I
)


def _two_forces_of_one_verb(a: Deployment, b: Deployment) -> bool:
    """ "800 police officers and 200 members of the armed services were deployed": two
    forces the one sentence counts apart are two deployments."""
    return (
        (a.apart or b.apart)
        and a.span == b.span
        and bool(a.personnel and b.personnel)
        and a.personnel != b.personnel
    )


def _merge(deps: list[Deployment], doc: Doc | None = None) -> list[Deployment]:
    """One deployment per sender and destination in a story: later sentences add numbers. A
    headline's deployment is the body's of the same sender, whatever place it names."""
    from kg.extract.statements import in_headline

    def headline(d: Deployment) -> bool:
        return doc is not None and in_headline(doc, d.span)

    out: list[Deployment] = []
    for d in sorted(deps, key=lambda x: (headline(x), x.span.start)):
        twin = next(
            (
                o
                for o in out
                if o.deployed_by == d.deployed_by
                and o.withdrawal == d.withdrawal
                and not _two_movements(doc, o, d)
                and not _two_forces_of_one_verb(o, d)
                and (
                    o.destination == d.destination
                    or not o.destination
                    or not d.destination
                    or headline(d)
                )
            ),
            None,
        )
        if twin is None or (doc is not None and not headline(d) and _another_wave(doc, twin, d)):
            out.append(d)
            continue
        twin.destination = twin.destination or d.destination
        if doc is not None and twin.personnel and d.personnel and _rough(doc, twin):
            # "more than 300 Irish peacekeepers" … "Three hundred and sixty two Irish
            # soldiers": the exact figure told later stands for the bound told first
            if (
                not _rough(doc, d)
                and not _added(doc, d)
                and twin.personnel <= d.personnel < 2 * twin.personnel
            ):
                twin.personnel = d.personnel
        twin.personnel = twin.personnel or d.personnel  # the first figure stands
        twin.equipment = twin.equipment or d.equipment
        twin.start = twin.start or d.start
        if _NOT_THE_STORYS in (twin.part_of, d.part_of):
            twin.part_of = _NOT_THE_STORYS
        else:
            twin.part_of = twin.part_of or d.part_of
        twin.evidence.extend(d.evidence)
    for d in out:
        if d.part_of == _NOT_THE_STORYS:
            d.part_of = None
    return out


_BOUND = re.compile(
    r"\b(?:more than|over|about|around|nearly|almost|some|up to|at least|roughly|approximately)"
    r"\s+$",
    re.I,
)


def _rough(doc: Doc, d: Deployment) -> bool:
    """The deployment's head count was given as a bound or an estimate where it was told."""
    for ev in d.evidence[:1]:
        for ns, _ne, value, _q in doc.numbers_in(ev.start, ev.end):
            if value == d.personnel:
                return bool(_BOUND.search(doc.text, max(ev.start, ns - 20), ns))
    return False


def _added(doc: Doc, d: Deployment) -> bool:
    """The deployment's head count is one more wave ("another 450", "450 more soldiers"), not
    the exact figure of one told before."""
    for ev in d.evidence[:1]:
        for ns, ne, value, _q in doc.numbers_in(ev.start, ev.end):
            if value == d.personnel:
                return bool(
                    _MORE_BEFORE.search(doc.text, max(ev.start, ns - 60), ns)
                    or _MORE_AFTER.match(doc.text, ne)
                )
    return False


_MORE_BEFORE = re.compile(
    r"\b(?:another|an additional|a further|an extra)\s+"
    # "another group of Navy men, comprising 135,"
    r"(?:(?:group|batch|contingent|team|wave|rotation)\s+of\s+[\w ]{1,25}?,?\s+comprising\s+)?$"
    # "the first group of 500 had arrived in Pemba", after the 1,000 sent: a wave of them
    r"|\b(?:first|second|third|next|last|advance|final)\s+(?:group|batch|wave|team|party|lot)"
    r"\s+of\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$",
    re.I,
)
_MORE_AFTER = re.compile(r"\s+(?:more|additional|extra|further|new)\b", re.I)


def _another_wave(doc: Doc, first: Deployment, d: Deployment) -> bool:
    """ "The first officers have arrived … another 50 AFP officers will be deployed on
    Friday": a figure told as one more wave after the first is a movement of its own."""
    from kg.extract.statements import in_title_line

    return (
        bool(d.personnel)
        and first.span.start < d.span.start
        and (
            _added(doc, d)
            or (
                not first.personnel
                # (not after the title's: "Guatemala Sends Special Forces To D.R. Congo." is
                # the news "Last week Guatemala sent 150 troops …" then tells)
                and not in_title_line(doc, first.span.start)
                and _told_as_earlier(doc, d)
            )
        )
    )


# "Earlier in the week, the central government sent 550 gendarmes … to Rosario"
_EARLIER = re.compile(
    r"\s*(?:Earlier|Previously|Before\s+that|Days\s+earlier|A\s+week\s+earlier|"
    r"Last\s+(?:week|month))\b"
)


def _told_as_earlier(doc: Doc, d: Deployment) -> bool:
    """A figure told after a movement with none, in a sentence that opens with "Earlier",
    is an earlier movement of its own, not that one's size (but "Earlier, the minister
    reported that 139 servicemen will be sent" is an earlier word on the same one)."""
    sent = doc.sentence_at(d.span.start)
    return (
        sent is not None
        and bool(_EARLIER.match(doc.text, sent.start, sent.end))
        and not _REPORTED.search(doc.text, sent.start, sent.end)
    )


_REPORTED = re.compile(r"\b(?:said|says|reported|announced|told|stated|will|would)\b")


def _other_phase(a: Deployment, b: Deployment) -> bool:
    """Two figures on two dates are two movements ("3,000 troops will leave by September";
    "the first phase of 2,000 troops left at the end of June"), not one told twice."""
    return bool(
        a.personnel
        and b.personnel
        and a.personnel != b.personnel
        and a.start
        and b.start
        and a.start.value
        and b.start.value
        and a.start.value != b.start.value
    )


# participles a force is told by before its verb ("the troops committed to the brigade")
_FORCE_PARTICIPLES = {
    "commit",
    "assign",
    "pledge",
    "attach",
    "earmark",
    "contribute",
    "allocate",
    "second",
}


def _reduced_relative_subjects(verb) -> list:
    """ "The last batch of the Tanzanian troops committed to the Force Intervention Brigade
    arrived in Goma": the parser made "committed" the sentence's verb and "arrived" a clause
    of it; the subject of the participle is the one that arrived."""
    head = verb.head
    if (
        verb.dep_ != "advcl"
        or head.i >= verb.i
        or _verb_lemma(head.lower_) not in _FORCE_PARTICIPLES
        or any(c.dep_ in ("mark", "nsubj", "nsubjpass", "aux") for c in verb.children)
        or any(c.dep_ in ("aux", "auxpass", "dobj") for c in head.children)
        or any(t.is_punct for t in verb.doc[head.i : verb.i])
    ):
        return []
    return [c for c in head.children if c.dep_ == "nsubj"]


def _days_unresolved_apart(doc: Doc, a: Deployment, b: Deployment) -> bool:
    """ "Some 150 Brazilian troops left for Haiti on Monday … A small Brazilian contingent
    of 42 troops arrived in Haiti on Saturday", in a page with no date: two figures, each
    told on a day of its own that cannot be resolved, are two movements too."""

    def days(d: Deployment) -> set[str]:
        skip = _dateline_end(doc, d.span.start)
        return {
            v.text.lower()
            for v in doc.dates.dates_in(max(skip, d.span.start), d.span.end)
            if v.value is None
        }

    if not (a.personnel and b.personnel and a.personnel != b.personnel):
        return False
    if a.start is not None or b.start is not None:
        return False
    da, db = days(a), days(b)
    return bool(da and db and not da & db)


def _two_movements(doc: Doc | None, a: Deployment, b: Deployment) -> bool:
    """Two figures of one sender told on two days, resolved or not, are two movements."""
    return _other_phase(a, b) or (doc is not None and _days_unresolved_apart(doc, a, b))


def _month(doc: Doc, d: DateValue | None) -> str:
    if d is not None and d.value:
        return d.value.strftime("%Y-%m")
    pub = doc.meta.published
    return (
        pub.value.strftime("%Y-%m") if pub is not None and pub.value else f"undated-{doc.meta_key}"
    )


def _mission_parent(
    doc: Doc, mission: str, d: Deployment, parents: dict[str, Deployment], out: list[Deployment]
) -> Deployment:
    """The deployment of the mission a contingent joins, made from the contingent when the
    text gives none."""
    parent = parents.get(mission) or _parent_of(doc, mission, parents)
    if parent is None:
        parent = Deployment(
            key=f"{_k(mission)}-{_k(d.destination)}-{_month(doc, d.start)}",
            span=d.span,
            deployed_by=_mission_sender(doc, mission),
            destination=d.destination,
            force=mission,
            evidence=list(d.evidence),
            implied=True,
        )
        parents[mission] = parent
        out.append(parent)
    parent.destination = parent.destination or d.destination
    parent.force = parent.force or mission  # NATO's deployment is KFOR's
    return parent


def _k(ref: str | None) -> str:
    return ref.split("/", 1)[1] if ref else "x"


def merge_into(doc: Doc, found: list[Deployment], parsed: list[Deployment]) -> list[Deployment]:
    """The rules' deployments (whole forces and their contingents) with the parse's: a parsed
    deployment of a sender the rules have adds what they lack; a contingent of a named
    mission becomes part of that mission's deployment."""
    out = list(found)
    by_sender = {}
    for d in out:
        for s in {d.deployed_by, *d.contributors}:
            if s:
                by_sender.setdefault(s, d)
    for s, d in list(by_sender.items()):
        # "the Polish army sent 450 troops": the rules' army is the parse's Poland
        by_sender.setdefault(national(doc, s), d)
    parents: dict[str, Deployment] = {}
    for d in out:
        if d.deployed_by and not d.part_of:
            parents.setdefault(d.deployed_by, d)
    for d in parsed:
        twin = by_sender.get(d.deployed_by or "") or _same_body(doc, d.deployed_by, by_sender)
        if twin is not None and twin.deployed_by == d.deployed_by and _two_movements(doc, twin, d):
            # "A contingent of 140 … is expected to arrive on 12 October … An advance party of
            # ten … arrived on 30 September": the same sender's two movements
            twin = None
        if twin is not None and (_another_wave(doc, twin, d) or _two_forces_of_one_verb(twin, d)):
            twin = None
        if twin is not None and d.withdrawal and not twin.withdrawal and d.personnel:
            twin = None  # the figure of forces leaving is not that of those sent
        if twin is not None and (
            not twin.destination
            or not d.destination
            or twin.destination == d.destination
            or _same_country(doc, twin.destination, d.destination)
        ):
            twin.destination = twin.destination or d.destination
            twin.personnel = twin.personnel or d.personnel  # the first figure stands
            twin.equipment = twin.equipment or d.equipment
            twin.start = twin.start or d.start
            twin.evidence.extend(d.evidence)
            mission = d.part_of
            if (
                mission
                and not twin.part_of
                and twin.deployed_by not in (mission, _mission_sender(doc, mission))
            ):
                # "two hundred British soldiers arrived in Kosovo to reinforce KFOR": the
                # rules' contingent joins the mission the parse saw it reinforce
                parent = _mission_parent(doc, mission, twin, parents, out)
                twin.part_of = parent.key
                twin.key = f"{parent.key}/{_k(twin.deployed_by)}"
            continue
        mission = d.part_of
        d.part_of = None
        sender = _mission_sender(doc, mission) if mission else None
        if mission and d.deployed_by in (mission, sender):
            mission = None  # the mission's own sender: the whole force, not a contingent
        elif mission and _body_of(doc, d.deployed_by, sender):
            # "The Council today decided to deploy up to 40 EU monitoring experts": a body of
            # the mission's sender decides for it; the whole force, sent by the EU
            d.deployed_by, mission = sender, None
        if mission:
            parent = _mission_parent(doc, mission, d, parents, out)
            d.part_of = parent.key
            d.key = f"{parent.key}/{_k(d.deployed_by)}"
        else:
            d.key = f"{_k(d.deployed_by)}-{_k(d.destination)}-{_month(doc, d.start)}"
        if d.withdrawal and any(o.key == d.key and not o.withdrawal for o in out):
            d.key += "-withdrawal"  # forces leaving, beside the sending of the same month
        if any(o.key == d.key for o in out):
            if any(
                o.key == d.key and (_two_forces_of_one_verb(o, d) or _two_movements(doc, o, d))
                for o in out
            ):
                d.key += f"-{d.personnel}"  # the second force the sentence counts
            elif not (_added(doc, d) or _told_as_earlier(doc, d)):
                continue
            else:
                d.key += f"-{d.personnel}-more"  # one more wave of the same sender and month
        out.append(d)
        by_sender.setdefault(d.deployed_by or "", d)
        if not d.part_of and d.deployed_by:
            parents.setdefault(d.deployed_by, d)  # the mission's own, for its contingents
    for d in out:
        if d.deployed_by and not d.part_of and d.force in (None, d.deployed_by):
            # "ECOMIG force commander … the ECOWAS Mission in the Gambia (ECOMIG)": a mission
            # that belongs to a body is that body's force, sent by it
            ent = doc.entities.get(d.deployed_by)
            sender = _mission_sender(doc, d.deployed_by)
            if sender != d.deployed_by and ent is not None and "Mission" in ent.label:
                # (a body's named force, "CSTO Collective Peacekeeping Forces", sends itself)
                d.force, d.deployed_by = d.deployed_by, sender
    _theatres(doc, out)
    _size_told_after(doc, out)
    return _told(out)


def _told(deps: list[Deployment]) -> list[Deployment]:
    """The deployments the text tells. A mission named only as what contingents join ("will
    send 1,243 troops to Lebanon to join UNIFIL") is not one: nothing of its own is said
    (no size, equipment, day or commander), and who sends it is only read off its name. Its
    contingents keep it as the force they serve in."""
    gone = {
        d.key: d
        for d in deps
        if d.implied
        and d.personnel is None
        and d.equipment is None
        and not (d.start and d.start.value)
        and d.commander is None
    }
    for d in deps:
        parent = gone.get(d.part_of or "")
        if parent is not None:
            d.part_of, d.serves_in = None, _force_of(parent)
    return [d for d in deps if d.key not in gone]


def _force_of(whole: Deployment) -> str | None:
    """The force a whole deployment's contingents are part of: its named force, else its
    sender."""
    return whole.force or whole.deployed_by


def joined_force(d: Deployment, by_key: Mapping[str, Deployment]) -> str | None:
    """The force a contingent is part of: that of the whole deployment it is part of; or,
    where the text tells no deployment of the force itself, the force it serves in
    (`_told`), the same one. What the gold's `part_of` names."""
    parent = by_key.get(d.part_of or "")
    if parent is not None:
        return _force_of(parent)
    return d.serves_in


def _theatres(doc: Doc, deps: list[Deployment]) -> None:
    """A contingent of a mission with no place said goes where the mission is: where the
    story sends the mission, else the state it is named for ("the United Nations Mission in
    South Sudan")."""
    by_key = {d.key: d for d in deps}
    for d in deps:
        parent = by_key.get(d.part_of or "")
        if d.destination is None and parent is not None:
            d.destination = parent.destination or _theatre(doc, parent.force)


# "The mission will initially consist of 100 civilian monitors": a force named again by its
# head noun, then its size; the figure is that of the deployment told just before
# what a force is made of, before the list of its parts
_MADE_OF_VERBS = r"consists?|consisted|comprises?|comprised|includes|included"
_SIZE_TOLD = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:mission|force|taskforce|contingent|detachment|battalion|team|unit|deployment)\s+"
    r"(?:of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+)?"
    r"(?:(?:will|would|is to|was to|is expected to|is set to)\s+)?"
    r"(?:(?:initially|eventually|first|then)\s+)?"
    rf"(?:{_MADE_OF_VERBS}|numbers|numbered|(?:is|was|will be|be) made up)\s+(?:of\s+)?"
    r"(?:(?:about|around|some|roughly|nearly|almost|at least|up to|more than|over)\s+)?"
    # "Sweden’s armed forces said the mission of 550 troops will contribute"
    r"|\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:mission|force|contingent|deployment|group|team)\s+of\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|at least|up to|more than|over)\s+)?"
    # "the 25 member team will be working alongside …": the size in the force's name
    rf"|\b(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?={_STRONG.pattern}\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:mission|force|contingent|detachment|battalion|team|unit|group|company)\b)"
    # "The ship, with more than 600 ADF personnel on board, was loaded with equipment"
    r"|\b(?:[Tt]he|[Ii]ts)\s+(?:ship|vessel|warship|frigate|aircraft|plane)\s*,?\s+"
    r"(?:with|carrying)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|at least|up to|more than|over)\s+)?"
)
# (a part of a force, not the whole mission: "the 1,000-strong mission" counts all of it)
_STRONG_UNIT = re.compile(
    rf"{_STRONG.pattern}\s+(?:[\w-]+\s+){{0,2}}?(?:contingent|detachment|battalion|team|unit|"
    r"group|company)\b"
)
_SIZE_PEOPLE = re.compile(
    rf"{_SIZE_WORD}|"
    # "The group of 157 climbed aboard a federal plane": the number is the people
    r"(?=\s+(?:climbed|boarded|left|arrived|departed|flew|landed|will|were|are)\b)|"
    r"\s*(?:[A-Za-z-]+\s+){0,2}?(?:troops|soldiers|personnel|peacekeepers|police|officers|"
    r"servicemen|men|members|monitors|observers|experts|staff|instructors|trainers|sailors|"
    r"marines|gendarmes|airmen)\b"
)


_MADE_OF = re.compile(rf"\b(?:{_MADE_OF_VERBS})\s+(?:of\s+)?$")


def _para(doc: Doc, pos: int) -> int:
    return max((i for i, p in enumerate(doc.paragraphs) if p.start <= pos), default=-1)


# "They will be part of the 3,069 strong force": a size told of the whole they join
_PART_OF_THE = re.compile(r"\b(?:part of|join(?:s|ed|ing)?|reinforc(?:e|es|ed|ing))\s+$", re.I)


def _size_told_after(doc: Doc, deps: list[Deployment]) -> None:
    """A deployment with no head count takes the one a later sentence gives its force ("The
    mission will initially consist of 100 civilian monitors"), when that sentence is at most
    two paragraphs after it and follows one deployment only."""
    for pi, sent in doc.sentences:
        m = _SIZE_TOLD.search(doc.text, sent.start, sent.end)
        if m is None:
            continue
        if _PART_OF_THE.search(doc.text, max(sent.start, m.start() - 30), m.start()):
            continue  # "They will be part of the 3,069 strong force": the whole they join
        nums = [n for n in doc.numbers_in(m.end(), sent.end) if n[0] == m.end()]
        strong = None if nums else _STRONG_UNIT.match(doc.text, m.end(), sent.end)
        if strong:
            # "The 130-troop Nepalese unit": a figure joined to its word is no number alone;
            # one a state's adjective gives to another's force ("the 200-man Libyan
            # contingent" the force replaces) is not the deployment's
            owners = {doc.ref(x) for x in doc.mentions_in(*strong.span(), "country")}
            if owners and not any(d.deployed_by in owners for d in deps):
                continue
            nums = [(strong.start(1), strong.end(1), parse_number(strong.group(1)), None)]
        if not nums and _MADE_OF.search(m.group()):
            # "The taskforce consists of guided-missile destroyer Nanning, …, as well as two
            # ship-borne helicopters and more than 700 troops": the people at the list's end
            nums = [
                n for n in doc.numbers_in(m.end(), sent.end) if _SIZE_PEOPLE.match(doc.text, n[1])
            ][:1]
        if not nums or not isinstance(nums[0][2], int) or nums[0][2] < 2:
            continue
        if not _SIZE_PEOPLE.match(doc.text, nums[0][1]):
            continue
        if any(d.personnel == nums[0][2] and sent.start <= d.span.start < sent.end for d in deps):
            # "while South Africa has approved the deployment of 1,495 troops": the figure of
            # a deployment this sentence tells itself, not one told before
            continue
        owners = {doc.ref(x) for x in doc.mentions_in(m.start(), m.end(), "country")}
        if not owners:
            # whose the mission is, by the sentence's speaker before it ("Sweden’s armed
            # forces said the mission of 550 troops …")
            owners = {doc.ref(x) for x in doc.mentions_in(sent.start, m.start(), "country")}
        own = [d for d in deps if d.deployed_by in owners and d.span.start < sent.start]
        if len(owners) == 1 and len(own) == 1:
            # "The first peacekeeping contingent of Kazakhstan includes 139 servicemen",
            # paragraphs after the contingent left: the force its sender names
            own[0].personnel = own[0].personnel or nums[0][2]
            continue
        before = [
            d for d in deps if d.span.start < sent.start and 0 <= pi - _para(doc, d.span.start) <= 2
        ]
        if not before:
            # "The military contingent includes 216 members …" at the end of a story of one
            # contingent (and the mission it joins): that contingent's, however far back
            earlier = [d for d in deps if d.span.start < sent.start]
            alone = [d for d in earlier if not any(o.part_of == d.key for o in earlier)]
            if len(alone) == 1 and len(earlier) == len(deps) and alone[0].personnel is None:
                alone[0].personnel = nums[0][2]
            continue
        last = max(d.span.start for d in before)
        told = [d for d in before if d.span.start == last]
        # (a mission's deployment made for the contingent told there is not what is counted)
        told = [d for d in told if d.force is None] or told
        if len(told) == 1 and told[0].personnel is None:
            told[0].personnel = nums[0][2]


def _same_body(doc: Doc, sender: str | None, by_sender: dict) -> Deployment | None:
    """The CSTO and its Collective Peacekeeping Forces send one force."""
    if not sender or not sender.startswith("org/"):
        return None
    root = doc.root_org(sender.split("/", 1)[1])
    for s, d in by_sender.items():
        if s.startswith("org/") and doc.root_org(s.split("/", 1)[1]) == root:
            return d
    return None


def _body_of(doc: Doc, body: str | None, whole: str | None) -> bool:
    """An organization's own body ("the EU Council" of the EU), not the organization."""
    if not (body and whole and body != whole and body.startswith("org/")):
        return False
    return whole.startswith("org/") and doc.root_org(body.split("/", 1)[1]) == whole[4:]


def _same_country(doc: Doc, a: str | None, b: str | None) -> bool:
    def country(r):
        return (_in_state(doc, r) or r) if r else r

    return country(a) == country(b)


def _parent_of(doc: Doc, mission: str, parents: dict[str, Deployment]) -> Deployment | None:
    """A mission of a body the rules already deploy ("CSTO Collective Peacekeeping Forces"
    of the CSTO deployment): that deployment."""
    ent = doc.entities.get(mission)
    if ent is not None and ent.parent:
        return parents.get(f"org/{ent.parent}")
    return None


_NOT_THE_STORYS = ""  # part_of while merging: the sentence named another body's mission
_OUTSIDE_THE_MISSION = re.compile(
    r"\b(?:under|through|in|as part of) (?:a |an |its |their )?(?:separate )?bilateral\b"
    r"|\bbilaterally\b|\bnot (?:a )?(?:member|part) of\b"
)


def _other_mission(doc: Doc, sent, off: int, skip: int, mission: str) -> bool:
    """The sentence names another body's mission ("to join the SADC mission" in a story
    that also names the UN's MONUSCO): its forces are not the story's mission's."""
    own = {mission, _mission_sender(doc, mission)}
    ent = doc.entities.get(mission)
    if ent is not None and ent.label:
        own.update(f"org/{k}" for k in (ent.parent,) if k)
    for t in sent:
        if t.lower_ not in ("mission", "force", "operation"):
            continue
        s, _e = phrase_span(t, off)
        for m in doc.mentions_in(max(s, skip), off + t.idx):
            got = doc.ref(m)
            if _BACKED.match(doc.text, m.end):
                continue  # "a United Nations-backed mission": who backs it, not whose it is
            if m.kind == "org" and got not in own and not _owns_by_name(doc, got, mission):
                return True
    return False


_BACKED = re.compile(r"\s*-\s*(?:backed|supported|sponsored)\b", re.I)


def _owns_by_name(doc: Doc, ref: str, mission: str) -> bool:
    """UN and its mission, the African Union and AMISOM: one owns the other by name."""
    a = doc.entities.get(ref)
    b = doc.entities.get(mission)
    if a is None or b is None:
        return False
    words = set(re.findall(r"\w+", b.label.lower()))
    return bool(a.label) and (
        a.label.lower() in b.label.lower() or (ref.split("/")[-1].lower() in words)
    )


def _mission_sender(doc: Doc, mission: str) -> str:
    """Who sends a mission: the body it belongs to (SADC for SAMIM), else the mission."""
    ent = doc.entities.get(mission)
    if ent is not None and ent.parent and f"org/{ent.parent}" in doc.entities:
        return f"org/{ent.parent}"
    return mission
