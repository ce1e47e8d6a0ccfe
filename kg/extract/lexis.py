"""The words that carry events: speech, meeting and deployment verbs and nouns, with
their inflections.

The pipeline runs without spaCy's tagger and lemmatizer (they cost a third of the
parse and the rules need lemmas of a few hundred verbs only), so inflections are
listed here; `lemma(token_text)` maps each form to its verb.
"""

from __future__ import annotations

import calendar
import re

# verb -> its forms (base, -s, past, participle, -ing); regular forms are generated.
_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "meet": ["meet", "meets", "met", "meeting"],
    "slam": ["slam", "slams", "slammed", "slamming"],
    "hold": ["hold", "holds", "held", "holding"],
    "send": ["send", "sends", "sent", "sending"],
    "leave": ["leave", "leaves", "left", "leaving"],
    "give": ["give", "gives", "gave", "given", "giving"],
    "make": ["make", "makes", "made", "making"],
    "begin": ["begin", "begins", "began", "begun", "beginning"],
    "withdraw": ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"],
    "pull": ["pull", "pulls", "pulled", "pulling"],
    "fly": ["fly", "flies", "flew", "flown", "flying"],
    "lead": ["lead", "leads", "led", "leading"],
    "have": ["have", "has", "had", "having"],
    "host": ["host", "hosts", "hosted", "hosting"],
    "keep": ["keep", "keeps", "kept", "keeping"],
    "put": ["put", "puts", "putting"],
    "set": ["set", "sets", "setting"],
    "take": ["take", "takes", "took", "taken", "taking"],
    "undertake": ["undertake", "undertakes", "undertook", "undertaken", "undertaking"],
    "travel": ["travel", "travels", "traveled", "travelled", "traveling", "travelling"],
    "show": ["show", "shows", "showed", "shown", "showing"],
    "go": ["go", "goes", "went", "gone", "going"],
    "come": ["come", "comes", "came", "coming"],
    "reaffirm": ["reaffirm", "reaffirms", "reaffirmed", "reaffirming"],
    "look": ["look", "looks", "looked", "looking"],
    "quote": ["quote", "quotes", "quoted", "quoting"],
    "pay": ["pay", "pays", "paid", "paying"],
    "bring": ["bring", "brings", "brought", "bringing"],
    "carry": ["carry", "carries", "carried", "carrying"],
    "ferry": ["ferry", "ferries", "ferried", "ferrying"],
    "run": ["run", "runs", "ran", "running"],
    "sit": ["sit", "sits", "sat", "sitting"],
    "signal": ["signal", "signals", "signaled", "signalled", "signaling", "signalling"],
}

SPEECH_VERBS = (
    "say tell state stress note add announce declare warn urge explain insist claim deny "
    "confirm reply respond argue ask write tweet post emphasize emphasise underline underscore "
    "reiterate reaffirm affirm assert point_out highlight mention observe remark recall report "
    "inform brief express voice welcome condemn praise thank congratulate call_for call_on "
    "demand propose suggest pledge promise vow assure agree accuse blame criticize criticise "
    "reject refute dismiss acknowledge admit predict estimate describe characterize "
    "characterise caution signal indicate reveal disclose concede comment stipulate "
    "appeal threaten issue release "
    "present brief update specify clarify contend allege read "
    "slam hail laud commend applaud decry denounce deplore lament remind reassure term relay "
    "deem reconfirm opine retort regret convey maintain charge"
).split()
MEETING_VERBS = (
    "meet hold speak talk call phone telephone host receive visit chair convene confer "
    "discuss negotiate sit sign attend participate welcome pay gather witness summon"
).split()
MEETING_NOUNS = (
    "meeting meetings talks call phone_call telephone_call conversation telephone_conversation "
    "phone_conversation summit session visit videoconference video_conference "
    "consultations negotiations discussions conference dialogue audience briefing"
).split()
DEPLOY_VERBS = (
    "deploy send dispatch despatch arrive withdraw pull station reinforce contribute "
    "airlift fly land redeploy return begin start provide pledge commit offer complete "
    "deliver transfer disembark descend transport join cross leave reach depart touch relocate "
    "move rush roll enter mobilise mobilize sail replace relieve post mass"
).split()
# "talks on the sidelines of the summit": an event named only as where another one was
BESIDE_EVENT = re.compile(
    r"\b(?:sidelines|side-lines|margins|eve|ahead) of (?:the |a |this )?(?:[\w'-]+ ){0,4}"
    r"(?:summit|session|meeting|conference|forum)",
    re.I,
)
# "the meeting of the EAC Heads of State": a meeting of heads of state is a summit
# the words of a gathering: "the summit", "the session", "attending the summits"
GATHERING_WORD = re.compile(r"\b(?:summits?|session|meeting|conference|forum)\b", re.I)
HEADS_MEETING = re.compile(
    r"\b(?:meeting|session) of (?:the )?(?:[\w-]+ ){0,6}"
    r"(?:heads of (?:state|government)|presidents|prime ministers)\b"
    r"|\bleaders['’]? (?:meeting|session)\b",
    re.I,
)
# "a possible summit", "possible deployment": an event not (yet) held
HYPOTHETICAL = frozenset("possible potential proposed hypothetical eventual prospective".split())
# "over the past decade", "since 2006": a count of many deployments over years, not one
# ("so far, 400 officers have deployed" is where this one stands, and stays)
TALLY = re.compile(
    r"\b(?:over|in|during|for) the (?:past|last) (?:\w+ )?(?:decades?|years)\b"
    r"|\bover the (?:years|decades?)\b|\bsince (?:19|20)\d\d\b|\bcumulative(?:ly)?\b"
    # "has sent 131 warships and more than 32,000 troops in 42 batches"
    r"|\bin \d+ (?:batches|rotations|waves)\b",
    re.I,
)
# a body's decision taken in session: "the Security Council adopted resolution 2699"
SESSION_VERBS = (
    "adopt vote abstain approve authorize authorise pass endorse extend renew veto reject"
).split()
FORCE_NOUNS = (
    "troops troop soldiers soldier forces force personnel peacekeepers peacekeeper "
    "contingent contingents battalion battalions brigade brigades servicemen police "
    "officers paratroopers marines units unit mission deployment reservists"
).split()


# longer verbs stressed on their last syllable double its consonant too ("committed", not
# "commited"); "signal" has both spellings and stays in _IRREGULAR
_STRESSED_LAST = frozenset({"commit", "admit", "confer", "transfer", "regret"})


def _regular(v: str) -> list[str]:
    if v.endswith("e"):
        return [v, v + "s", v + "d", v[:-1] + "ing"]
    if v.endswith("y") and v[-2] not in "aeiou":
        return [v, v[:-1] + "ies", v[:-1] + "ied", v + "ing"]
    if v in _STRESSED_LAST or (re.search(r"[^aeiou][aeiou][pt]$", v) and len(v) <= 4):
        return [v, v + "s", v + v[-1] + "ed", v + v[-1] + "ing"]  # "committed", "stopped"
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return [v, v + "es", v + "ed", v + "ing"]
    return [v, v + "s", v + "ed", v + "ing"]


# verbs whose subject or object is a meeting ("opened a summit", "the talks ended"): no
# trigger of their own, but their forms must lemmatise like the others'
EVENT_PHASE_VERBS = (
    "open close end conclude focus last run organise organize address resume commence"
).split()
# verbs of a host meeting a guest on arrival ("greeted him upon arrival"), likewise
ARRIVAL_VERBS = "greet arrive land".split()
# verbs that make what follows undone or to come ("refused to commit its soldiers",
# "plans to deploy"), which the rules look up by lemma too
INTENT_VERBS = (
    "refuse decline request invite want consider rule oppose avoid plan expect schedule hope "
    "wish seek intend aim prepare"
).split()
# verbs that put what follows in doubt ("questioned the capability of the government to
# deploy the men"), which the rules look up by lemma too
DOUBT_VERBS = "question doubt debate assess examine weigh".split()
# verbs that report speech by what they hand over ("offered his congratulations",
# "conveyed his hope to meet soon", "extended greetings")
GREETING_VERBS = "offer convey extend".split()
GREETING_NOUNS = frozenset(
    "congratulations condolences greetings hope hopes wishes gratitude thanks appreciation "
    "sympathy sympathies concern concerns solidarity regret regrets regards".split()
)

# a sentence that opens with "He" or "She" (after a short adverbial and its comma): the
# pronoun stands for someone told of before ("He also met …", "On Monday, she said …")
OPENS_WITH_PRONOUN = re.compile(r"\W*(?:[A-Z][\w ,]{0,30},\s+)?(He|She)\b")
# verbs that take a meeting noun and no more ("granted an audience to Ramos-Horta")
GRANTING_VERBS = ["grant"]
# verbs that let a deployment happen ("allowed the immediate deployment of 1,000 troops")
PERMIT_VERBS = ["allow", "permit"]
# verbs the rules look up by lemma in sets of their own (a trip "travelled", a meeting
# "mediated by", a visit "conducted", troops sent "to help"), whose forms must lemmatise too
RULE_VERBS = (
    "accept decide facilitate mediate moderate embark head travel review wrap cochair "
    "assemble assist bolster help serve support circulate distribute publish conduct undertake "
    # a standing force held or staying somewhere ("keeps 400 troops in", "remained in")
    "keep maintain remain stay "
    # a counted force set to work somewhere ("is set to begin operating in Mali")
    "operate"
).split()
_FORMS: dict[str, str] = {}
for _v in {
    w.split("_")[0]
    for w in SPEECH_VERBS
    + MEETING_VERBS
    + DEPLOY_VERBS
    + SESSION_VERBS
    + EVENT_PHASE_VERBS
    + ARRIVAL_VERBS
    + GREETING_VERBS
    + INTENT_VERBS
    + GRANTING_VERBS
    + PERMIT_VERBS
    + DOUBT_VERBS
    + RULE_VERBS
}:
    for _f in _IRREGULAR.get(_v) or _regular(_v):
        _FORMS.setdefault(_f, _v)
for _v, _forms in _IRREGULAR.items():
    for _f in _forms:
        _FORMS[_f] = _v
_FORMS.update({"emphasised": "emphasise", "criticised": "criticise"})


def lemma(word: str) -> str:
    """The verb an inflected form belongs to ("told" -> "tell"), or the word itself."""
    w = word.lower()
    return _FORMS.get(w, w)


SPEECH = {w.split("_")[0] for w in SPEECH_VERBS}
# verbs whose particle makes them speech ("point out", "call for", "call on")
SPEECH_WITH_PARTICLE = {("point", "out"), ("call", "for"), ("call", "on"), ("go", "on")}
# "call", "call on" are speech, but "called" alone may be a phone call: decided by context.


def _cue(words) -> re.Pattern[str]:
    """Any of the words, as a whole word. The alternation is written as a trie ("sa(?:y(?:s|
    ing)?|id)"): it matches the same strings, but re tries one branch per letter instead of
    every word at every word start (15x faster; the cues are searched in every sentence)."""
    return re.compile(r"(?<![\w-])(?:" + _trie({w.lower() for w in words}) + r")(?![\w-])", re.I)


def _trie(words: set[str]) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _forms_of(verbs) -> set[str]:
    return {f for f, v in _FORMS.items() if v in set(verbs)}


# "He touched on a few matters such as …", "harped on the importance of": speech, only with
# "on" (speech.speech_verbs reads them so)
TOUCHED_ON = {"touched on", "touches on", "harped on", "harps on"}
# The words each rule looks for: a sentence without any of them is not parsed for it.
SPEECH_CUE = _cue(
    _forms_of(SPEECH)
    | _forms_of(GREETING_VERBS)
    | {"according", "made", "makes", "making"}
    # "spoke about", "talked of": only with their preposition ("talks" alone is everywhere)
    | {f"{v} {p}" for v in _forms_of(["speak", "talk"]) for p in ("about", "of")}
    | TOUCHED_ON
)
_MEETING_WORDS = {n.replace("_", " ") for n in MEETING_NOUNS}
_MEETING_WORDS |= {w + "s" for w in _MEETING_WORDS if not w.endswith("s")}
# "presented his letters of credence to the King": a meeting of envoy and head of state
CREDENCE_WORDS = {"credence", "credentials"}
MEETING_CUE = _cue(_forms_of(MEETING_VERBS) | _MEETING_WORDS | CREDENCE_WORDS)
DEPLOY_NOUNS = {
    "deployment",
    "deployments",
    "arrival",
    "dispatch",
    "withdrawal",
    "pullout",
    "pull-out",
    "redeployment",
    "departure",
    "sending",
    "drawdown",
    "draw-down",
    "mobilisation",
    "mobilization",
}
# the forms of "be" before a participle or a phrase: "will be based", "were en route"
BE_FORMS = ("be", "been", "is", "are", "was", "were")
# "ordered a brigade to the coast", "will be based in Tumaco": only these forms (not "in
# order to", "based on", "Geneva-based", which would have many more sentences parsed)
_ORDERED_OR_BASED = {"ordered"} | {f"{be} based" for be in BE_FORMS}
# "the contingent was seen off to the mission": a send-off, only with its particle
_SEEN_OFF = {"seen off", "saw off", "sees off"}
# "Spanish Eurofighters will take over from a German deployment": a rotation
_TAKE_OVER = {f"{t} over" for t in ("take", "takes", "took", "taken", "taking")}
# "500 members of the Florida National Guard were en route to Washington": on the way
_EN_ROUTE = {f"{be} en route" for be in BE_FORMS}
# the phrases that cue a deployment where no verb of the list does
# "to bring home its 2,900 troops": a withdrawal
_BRING_HOME = {f"{b} home" for b in ("bring", "brings", "brought", "bringing")}
_DEPLOY_PHRASES = _ORDERED_OR_BASED | _SEEN_OFF | _TAKE_OVER | _EN_ROUTE | _BRING_HOME
DEPLOY_CUE = _cue(_forms_of(DEPLOY_VERBS) | DEPLOY_NOUNS | _DEPLOY_PHRASES)
SESSION_CUE = _cue(_forms_of(SESSION_VERBS))
# "Ethiopia, which has some 3,000 troops in Somalia", "France had 1,500 soldiers in Niger":
# a force a state holds abroad, told with no verb of sending (a pattern, as the number varies)
_STANDING_FORCE = (
    r"\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|personnel|peacekeepers|police\s+"
    r"officers|officers|marines|service\s*members|servicemen)\s+"
)
STANDING_FORCE_CUE = re.compile(
    # "has some 3,000 troops in Somalia", "keeps 400 troops in …", "maintains …"
    r"\b(?:has|have|had|having|keeps?|kept|keeping|maintains?|maintained|maintaining)\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|roughly|an\s+estimated|up\s+to)"
    rf"\s+)?{_STANDING_FORCE}(?:(?:stationed|based)\s+)?in\b"
    # "about 400 Kenyan officers remained in Port-au-Prince"
    rf"|\b{_STANDING_FORCE}(?:remain|remains|remained|stay|stays|stayed)\s+in\b",
    re.I,
)
EVENT_CUE = _cue(
    _forms_of(SPEECH | set(MEETING_VERBS) | set(DEPLOY_VERBS) | set(SESSION_VERBS))
    # "She conveyed the greetings …": a sentence with no other event word ("offer" is a
    # deployment's word already; "extend" is mostly a mandate's, and costly to parse)
    | _forms_of({"convey"})
    | {"according", "made", "makes", "making"}
    | DEPLOY_NOUNS
    | _MEETING_WORDS
    # who else was at a meeting told before
    | {"participants", "represented by", "in attendance"}
    | {f"{t} part" for t in ("take", "takes", "took", "taken", "taking")}
    | _DEPLOY_PHRASES
    | TOUCHED_ON
)

# a name then the verb that tells of something: "Peskov said", "Ryabkov, the deputy
# minister, said earlier": the teller, no party to what is told
SAID_AFTER = re.compile(
    r"\s*(?:,[^,.;]{1,80},\s*)?(?:also |earlier |later |further )?(?:said|says|told|stated|"
    r"added|noted|announced|recalled|confirmed)\b"
)


# the last word of a building where leaders meet ("Hyderabad House", "Jubilee House"): a
# place, which a meeting's town outranks ("at Jubilee House in Accra")
BUILDING_WORDS = ("House", "Palace", "Hall", "Lodge", "Mansion", "Residence")


# whose navy each prefix names ("HMAS Canberra" is Australia's), by country key
SHIP_NAVIES = {
    "INS": "india",
    "HMS": "united-kingdom",
    "USS": "united-states",
    "HMAS": "australia",
    "HMNZS": "new-zealand",
    "HMCS": "canada",
    "KRI": "indonesia",
    "RFS": "russia",
    "TCG": "turkey",
    "ROKS": "south-korea",
    "JS": "japan",
    "PNS": "pakistan",
    "BNS": "bangladesh",
    "SLNS": "sri-lanka",
    "KD": "malaysia",
    "HNLMS": "netherlands",
    "HDMS": "denmark",
    "ITS": "italy",
    "ESPS": "spain",
    "NRP": "portugal",
    "BRP": "philippines",
    "RSS": "singapore",
    "FGS": "germany",
    "HNoMS": "norway",
    "HSwMS": "sweden",
}
# the prefixes navies name their ships by ("INS Vikrant", "USS Gerald R. Ford")
SHIP_PREFIXES = rf"(?:{'|'.join(SHIP_NAVIES)})"
# "met ahead of the forum to take place on Monday May 22", "Ahead of Friday's summit, A met
# B": a day in this clause, after these words, is the other event's, not the meeting's
AHEAD_OF = re.compile(r"\b(?:ahead of|in the run-up to|prior to)\b[^,.;:]*$", re.I)


_DAY_WORDS = {
    *(d.lower() for d in calendar.day_name),
    *(m.lower() for m in calendar.month_name if m),
    "day", "date", "eve", "morning", "afternoon", "evening", "night", "weekend", "occasion",
}  # fmt: skip


def on_a_day(prep) -> bool:
    """ "on Wednesday", "on 5 May", "on the same day": a time, not whom one calls on."""
    return any(g.dep_ == "pobj" and g.lower_ in _DAY_WORDS for g in prep.children)


def calls_on(verb) -> bool:
    """ "The visiting Prime Minister called on External Affairs Minister Jaishankar": a
    courtesy call paid in person; "called on both sides to show restraint" (an infinitive or
    "for" after it) is an appeal, which is speech."""
    if lemma(verb.lower_) != "call":
        return False
    on = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" and not on_a_day(c)]
    if not on or not any(g.dep_ == "pobj" for p in on for g in p.children):
        return False
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children) and not any(
        t.dep_ in ("xcomp", "acl", "relcl") or t.lower_ == "to" for p in on for t in p.subtree
    )


# "The pledge was made during bilateral talks in Lusaka": the sentence before told what
# was pledged, agreed or said, and when
TOLD_DURING = re.compile(
    r"(?:The|This|That|These|Those)\s+(?:[\w-]+\s+)?(?:pledges?|agreements?|commitments?|"
    r"announcements?|remarks|statements?|decisions?|assurances?|comments|undertakings?|"
    r"calls?|appeals?|promises?)\s+(?:was|were)\s+(?:made|given|announced|reached|delivered|"
    r"issued|expressed|voiced|taken)\s+(?:during|at|in|on\s+the\s+sidelines\s+of)\b"
)
