"""Statements: who said what, when, where.

Three shapes: reported speech in a sentence ("He noted that ...", "The Minister
emphasized ...", "..., the ministry added"), a transcript section (a header such as
"Speech by the President of the Republic of Belarus Alexander Lukashenko:" and the
paragraphs after it), and a document that is itself one speech or one written
statement. "He" and "the Minister" go to the last named speaker of the passage.
"""

from __future__ import annotations

import bisect
import re

from kg.extract import lexis, speech
from kg.extract.context import Doc, owner_named_before, post_held
from kg.extract.dates import WEEKDAYS
from kg.extract.model import DateValue, Entity, Meeting, Statement
from kg.extract.model import Span as SpanT
from kg.extract.names import TITLES
from kg.extract.sentences import DATELINE_DAY, Block, SpanSet, sentences
from kg.extract.sentences import SALUTATION as _SALUTATION
from kg.ids import fold, slug

VERBS = (
    r"stated|said|says|noted|underlined|emphasi[sz]ed|stressed|added|indicated|pointed out|told|"
    r"declared|announced|expressed|welcomed|proposed|pledged|underscored|updated|presented|referred|"
    r"praised|assured|urged|recalled|explained|signall?ed|suggested|promised|briefed|warned|affirmed|"
    r"reaffirmed|highlighted|mentioned|condemned|went on to say|argued|punctuated|informed|"
    r"voiced|called on|called for|reiterated|confirmed|insisted|observed|remarked|replied|"
    r"spoke about|thanked|congratulated|says|notes|stresses|underlines|emphasi[sz]es|adds|"
    r"urges|calls for|calls on|"
    r"welcomes|condemns|expresses|reiterates|reaffirms|insists|warns|states|declares|"
    r"issued (?:a |an |its )?(?:written |joint )?(?:statement|declaration|communiqu[eé])"
)
VERB = re.compile(rf"\b(?:also |further |additionally |then |later )?(?P<v>{VERBS})\b")
_PRONOUN = re.compile(
    r"(?:^|[\s,“\"])(?P<p>[Hh]e|[Ss]he|[Tt]he (?:[Dd]eputy |[Vv]ice |[Ff]irst [Dd]eputy )?"
    r"(?:[Ff]oreign |[Dd]efen[cs]e )?[Mm]inister|[Tt]he [Ss]ecretary[- ][Gg]eneral|"
    r"[Tt]he [Pp]resident|[Tt]he [Cc]hairman|[Tt]he [Gg]eneral|[Tt]he expert|"
    r"[Tt]he [Pp]rime [Mm]inister)"
    r"\s*(?:also |further |additionally |then |later )?$"
)
_ORG_PRONOUN = re.compile(
    r"(?:^|[\s,“”\"])(?P<p>it|[Tt]he [Mm]inistry|[Tt]he [Oo]rgani[sz]ation|[Tt]he [Cc]ouncil|"
    r"[Tt]he [Ss]ecretariat|[Tt]he [Gg]overnment|[Tt]hey)\s*(?:also |further |then )?$"
)
_ACCORDING = re.compile(
    r"\b[Aa]ccording to (?:(?P<pron>him|her)|(?P<def>the expert|the minister))\b"
)
_ACCORDING_ORG = re.compile(
    r"\b[Aa]ccording to (?:it|them|the (?:office|ministry|organi[sz]ation|council|agency|committee|"
    r"service|department|government|secretariat|statement))\b"
)
_HEADER = re.compile(
    r"^(?:(?:The )?(?:[Ss]peech|[Ss]tatement|[Aa]ddress|[Rr]emarks|[Oo]pening remarks"
    r"|[Cc]losing remarks)\b.{0,300}"
    r"|.{0,300}\b(?:spoke again|spoke|said|stated|took the floor)\b.{0,120})[:：]{1,2}\s*$"
)
_INLINE = re.compile(
    r"^(?P<name>[A-Z]\.\s?[A-Z][\w’'-]+|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}):\s+\S"
)
_SECTION_END = re.compile(r"^(?:Go back|Back to|Share|Print|Related|Read more|Source:|Tags:)", re.I)
_WRITTEN = re.compile(
    r"\b(?:written statement|statement|communiqu[eé]|press release|declaration)\b", re.I
)


def _speaker_entity(doc: Doc, start: int, end: int) -> str | None:
    """A person (or else an organization/country) named in a header line."""
    ms = [m for m in doc.mentions_in(start, end) if not m.adjective]
    persons = [m for m in ms if m.kind == "person"]
    if persons:
        return doc.ref(persons[-1])
    return None


def statements(doc: Doc, meetings: list[Meeting]) -> list[Statement]:
    text = doc.text
    out: list[Statement] = []
    paras = doc.paragraphs
    covered = SpanSet()
    meeting_at = _meeting_context(doc, meetings)
    sessions = [m for m in meetings if body_session(m)]  # (for "he told the council")

    # 1. transcript sections
    headers: list[tuple[int, str]] = []
    for idx, p in enumerate(paras):
        line = text[p.start : p.end]
        if len(line) < 400 and _HEADER.match(line):
            sp = _speaker_entity(doc, p.start, p.end)
            if sp:
                headers.append((idx, sp))
        elif (
            idx + 1 < len(paras)
            and re.search(r"\bspoke (?:about|on)\b", line)
            and len(line) < 300
            and _SALUTATION.match(text[paras[idx + 1].start : paras[idx + 1].end])
        ):
            sp = _speaker_entity(doc, p.start, p.end)
            if sp:
                headers.append((idx, sp))
    header_idx = {h for h, _ in headers}
    for n, (idx, speaker) in enumerate(headers):
        stop = headers[n + 1][0] if n + 1 < len(headers) else len(paras)
        body = []
        # "The ceremony took place at the base. Brig Gen Ahmad Habibi said:": a quote a
        # story's paragraph introduces, not a transcript's heading ("Speech by …:")
        told_in_a_story = bool(_SENTENCE_THEN.search(text, paras[idx].start, paras[idx].end))
        for j in range(idx + 1, stop):
            line = text[paras[j].start : paras[j].end]
            if _SECTION_END.match(line) or _INLINE.match(line) and j != idx + 1:
                break
            if j != idx + 1 and told_in_a_story and _reports_another(text, paras[j]):
                break  # "Agence France Presse reported that …" after the quote: the story again
            body.append(paras[j])
        # a closing narrative paragraph ("In the course of the session, ... spoke.") ends a speech
        while body and not _looks_like_speech(text, body[-1]) and len(body) > 1:
            if re.search(r"\b(?:spoke|took part|was held)\b", text[body[-1].start : body[-1].end]):
                body.pop()
            else:
                break
        if not body:
            continue
        s, e = body[0].start, body[-1].end
        mt = meeting_at(paras[idx].start)
        out.append(
            Statement(
                span=SpanT(s, e),
                kind="Speech",
                speaker=speaker,
                date=mt.date if mt else None,
                meeting=mt.key if mt else None,
                section=True,
            )
        )
        covered.add(paras[idx].start, e)
    # a communiqué's operative list: "The Foreign Ministers:" and then "Call on …;", "Take
    # note …;": the words of the meeting's parties, one statement per paragraph
    for idx, p in enumerate(paras[:-1]):
        if covered.covers(p.start) or not _OPERATIVE_HEAD.fullmatch(text, p.start, p.end):
            continue
        mt = meeting_at(p.start)
        speaker = next(
            (r for r in (mt.participants if mt else ()) if not r.startswith("person/")), None
        )
        if speaker is None:
            continue
        for q in paras[idx + 1 :]:
            line = text[q.start : q.end]
            if not _OPERATIVE_ITEM.match(line) or doc.mentions_in(q.start, q.start + 1):
                break
            out.append(
                Statement(
                    span=SpanT(q.start, q.end),
                    kind="WrittenStatement",
                    speaker=speaker,
                    date=mt.date if mt else None,
                    meeting=mt.key if mt else None,
                )
            )
            covered.add(q.start, q.end)
        covered.add(p.start, p.end)
    # transcript turns: "N. Pashinyan: Thank you ...", "President of Russia Vladimir Putin: ..."
    labels = {
        idx: lab
        for idx, p in enumerate(paras)
        if idx not in header_idx
        and not covered.covers(p.start)
        and (lab := _turn_label(doc, p.start, p.end)) is not None
    }
    for idx, (speaker, body_start) in labels.items():
        end = paras[idx].end
        # the turn runs on over unlabelled paragraphs until the next label or header
        j = idx + 1
        while (
            j < len(paras)
            and j not in labels
            and j not in header_idx
            and not _SECTION_END.match(text[paras[j].start : paras[j].end])
            and not _SEPARATOR.match(text[paras[j].start : paras[j].end])
            and not _QUESTION_TURN.match(text[paras[j].start : paras[j].end])
            and not covered.covers(paras[j].start)
        ):
            end = paras[j].end
            j += 1
        mt = meeting_at(paras[idx].start)
        out.append(
            Statement(
                span=SpanT(body_start, end),
                kind="DirectQuote",
                speaker=speaker,
                date=mt.date if mt else None,
                meeting=mt.key if mt else None,
            )
        )
        covered.add(paras[idx].start, end)

    # 2. the whole document is one speech (or, if no one in it is quoted, one written statement)
    written = None
    if not out:
        whole = _whole_document(doc)
        if whole and whole.kind == "Speech":
            out.append(whole)
            covered.add(whole.span.start, whole.span.end)
        else:
            written = whole

    # 3. reported speech, sentence by sentence: from the parse where the sentence was
    # parsed, by the surface rules otherwise
    last_person: str | None = None
    last_org: str | None = None
    history: list[str] = []
    sal = speech.Salience()
    last_said_in = -9  # paragraph of the last statement
    for pi, sent in doc.sentences:
        if covered.covers(sent.start) or _question_heading(doc, sent):
            _remember(doc, sal, sent.start, sent.end)
            continue
        if pi - last_said_in > 1:
            sal.next_sentence(None)
        mt = meeting_at(sent.start)
        persons = [p for p in mt.participants if p.startswith("person/")] if mt else []
        sal.meeting_persons = persons if mt and doc.near(mt.span.start, sent.start) else []
        lately = mt is not None and doc.paragraphs_between(mt.span.start, sent.start) <= 3
        sal.met_parties = list(mt.participants) if lately else []
        going_on = last_said_in == pi - 1 and sal.recent_speaker
        para = doc.paragraph_at(sent.start) if going_on else None
        parsed = None
        if para and _quote_runs_on(doc, para):
            # "“The Prime Minister has consistently made it clear …" opening a quotation
            # that runs on into the next paragraph, after "“It is now a non-issue,” Kabui
            # told journalists": Kabui going on, not the Prime Minister his words name
            parsed = _quote_going_on(doc, sent, sal.recent_speaker)
        if parsed is None:
            parsed = _parsed_statement(doc, sent, sal)
        if parsed is _UNPARSED:
            st = _sentence_statement(doc, sent, last_person, last_org, history)
        else:
            st = parsed
        _remember(doc, sal, sent.start, sent.end)
        if st is None and last_said_in == pi - 1 and sal.recent_speaker:
            st = _quote_going_on(doc, sent, sal.recent_speaker)
            if st is not None:
                covered.add(st.span.start, st.span.end)
        # people and bodies named as subjects become the antecedents
        if st is None:
            subj = _subject(doc, sent)
            if subj and subj.startswith("person/"):
                last_person = subj
            continue
        both = [st]
        if parsed is st and (other := _contrasted(doc, sent, sal, st)) is not None:
            both.append(other)
        for st in both:
            if st.speaker:
                sal.spoke(st.speaker)
                sal.next_sentence(st.speaker)
                last_said_in = pi
            if st.speaker and st.speaker.startswith("person/"):
                last_person = st.speaker
                history.append(st.speaker)
            elif st.speaker:
                last_org = st.speaker
            mt = meeting_at(sent.start)
            told = _TOLD_THE_BODY.search(text, st.span.start, st.span.end) is not None
            if told and len(sessions) == 1:
                # "He told the council …": the one session of a body the story reports, told
                # before or after
                mt = sessions[0]
            else:
                told = False
            if (
                mt
                and st.speaker
                and (told or _made_at(doc, mt, st))
                and not _PRESS.search(text[sent.start : sent.end])
            ):
                st.meeting = mt.key
                if st.date is None or st.date.basis == "DocumentDate":
                    st.date = mt.date or st.date  # said at the meeting: on its day
            out.append(st)
    if written is not None and not any(
        written.span.start <= st.span.start < written.span.end for st in out
    ):
        out.append(written)
    return _inside_quotes_dropped(out)


def _inside_quotes_dropped(found: list[Statement]) -> list[Statement]:
    """ "“We have always said that Pakistan and India need to resume the dialogue process. So
    we welcome that statement,” Foreign Office Spokesperson Tasnim Aslam said": the quote's
    first sentence, read alone before its attribution came, is no statement of its own ("we"
    took the state); the quote is the spokesperson's."""
    quotes = [q for q in found if q.kind == "DirectQuote" and q.speaker]
    return [
        st
        for st in found
        if st.kind == "DirectQuote"
        or not any(q.span.start <= st.span.start and st.span.end <= q.span.end for q in quotes)
    ]


_UNPARSED = object()


_OPENS_QUOTE = re.compile(r"[“\"]")
_CLOSES_QUOTE = re.compile(r".*[”\"][.,;:!?]?\s*$", re.S)


def _quote_going_on(doc: Doc, sent: Block, speaker: str) -> Statement | None:
    """A paragraph that is one quotation and nothing else, right after a paragraph that
    reported someone's words ("The FO spokesperson also said that …" and then "“Proposals
    for an extension have been submitted …”"): the same speaker going on."""
    para = doc.paragraph_at(sent.start)
    if para is None or para.start != sent.start:
        return None
    if not _OPENS_QUOTE.match(doc.text, para.start):
        return None
    if not _CLOSES_QUOTE.match(doc.text, para.start, para.end) and not _quote_runs_on(doc, para):
        return None
    inner = doc.text[para.start + 1 : para.end].rstrip().rstrip(".,;:!?")[:-1]
    if "“" in inner or "”" in inner or '"' in inner:
        return None  # two quotations and what stands between them: someone's words told
    return Statement(span=SpanT(para.start, para.end), kind="DirectQuote", speaker=speaker)


def _quote_runs_on(doc: Doc, para) -> bool:
    """A quotation that runs on into the next paragraph, left open as print does: no closing
    mark in this one, and the next opens with one."""
    words = doc.text[para.start : para.end]
    if not _OPENS_QUOTE.match(words) or (
        ("”" in words or '"' in words) if words.startswith("“") else words.count('"') != 1
    ):
        return False
    nxt = doc.paragraph_after(para)
    return nxt is not None and bool(_OPENS_QUOTE.match(doc.text, nxt.start))


def _question_heading(doc: Doc, sent: Block) -> bool:
    """ "What did Boris Pistorius tell the troops?": a subheading that asks, a line of its
    own with no quotation marks, tells no one's words."""
    para = doc.paragraph_at(sent.start)
    if para is None or (para.start, para.end) != (sent.start, sent.end):
        return False
    line = doc.text[sent.start : sent.end].strip()
    return line.endswith("?") and len(line.split()) <= 12 and not re.search(r"[\"“”]", line)


def in_title_line(doc: Doc, pos: int) -> bool:
    """On the page's title line, whether or not it reads as a sentence."""
    title = doc.meta.title_span
    return title is not None and title.start <= pos < title.end


def in_headline(doc: Doc, sent: Block) -> bool:
    """In the headline: a title line that is not itself a sentence of the story."""
    if not in_title_line(doc, sent.start):
        return False
    title = doc.meta.title_span
    line = doc.text[title.start : title.end].rstrip()
    return not line.endswith((".", "!", "?", "”", '"')) and len(line) < 250


_WEEKDAY_NAMES = "|".join(d.title() for d in WEEKDAYS)
_DATELINE = re.compile(
    r"(?:[A-Za-z][A-Za-z .’'/-]{1,40}?"
    r"(?:,\s*(?:[A-Z][\w .]{1,30}?|\d{1,2}\s+[A-Z][a-z]+\.?)(?:,?\s*\d{4})?)?,?\s*"
    # ("Tehran, Oct 9, IRNA -- Iran’s 15th fleet …": the agency after the day)
    r"(?:\([^)\n]{1,60}\)\s*(?::\s+|[-–—]{0,2}\s*)|(?:[A-Z]{2,12}\s+)?[-–—]{1,2}\s)"
    r"|[A-Z][A-Z .’'-]{2,40},\s*[A-Z]+\s+\d{1,2},\s*[A-Z][A-Za-z]+\.\s"
    # "Lusaka, Aug 1 The leaders of Zambia and Botswana …": an agency's city and day, no dash
    rf"|(?!(?:On|In|At|By|From|Since|Until|Last|Next|This|Early|Late|{_WEEKDAY_NAMES})\b)"
    rf"[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}},\s*{DATELINE_DAY}\s+(?=[A-Z][a-z])"
    # "South China Morning Post | A massacre …": a reposted story's credit
    r"|[A-Z][\w.’'&-]*(?: [A-Z][\w.’'&-]*){0,5} \| )"
)


_DAY_IN_LEAD = re.compile(rf",\s*{DATELINE_DAY}\s*$")
_CREDIT_FIRST = re.compile(r"\((?:[^()\n]|\([^()\n]{1,20}\)){2,80}\)\s+(?=[A-Z]{2})")


def dateline_end(doc: Doc, pos: int) -> int:
    """End of a paragraph's dateline ("ALMATY, Jan 7 (Reuters) -"), or the paragraph start:
    the agency and city there are credits, not actors of the sentence."""
    para = doc.paragraph_at(pos)
    if para is None:
        return pos
    m = _DATELINE.match(doc.text, para.start, para.end)
    credit = _CREDIT_FIRST.match(doc.text, para.start, para.end)
    if credit:
        # "(MENAFN- Kuwait News Agency (KUNA)) RIYADH, Sept 8 (KUNA) --": a syndicator's
        # credit before the dateline
        m = _DATELINE.match(doc.text, credit.end(), para.end) or m
    if m and not re.search(r"[-–—/.|]\s*$", m.group()):
        lead = m.group().split("(", 1)[0]
        if lead != lead.upper() and not _DAY_IN_LEAD.search(lead):
            # "The Rapid Support Forces (RSF) said": a name, no dateline; but "Phnom Penh,
            # Feb 5 (IANS) Cambodia dispatched" is one, by its day
            return para.start
    return m.end() if m else para.start


def _remember(doc: Doc, sal: speech.Salience, start: int, end: int) -> None:
    """Actors named outside quotation marks and datelines become antecedents; a person who
    is the subject of the sentence becomes the first candidate for "he" and "she"."""
    sp = doc.parses.get(start)
    if sp is not None and len(sp):
        for t in sp[:].root.children:
            if t.dep_ == "nsubj":
                s_, e_ = speech.head_span(t, start)
                ps = [m for m in doc.mentions_in(s_, e_) if m.kind == "person"]
                if ps:
                    ref = doc.ref(ps[-1])
                    if ref in sal.subjects:
                        sal.subjects.remove(ref)
                    sal.subjects.append(ref)
    para = doc.paragraph_at(start)
    pstart = para.start if para else start
    skip = dateline_end(doc, start)
    for m in doc.mentions_in(start, end):
        if m.kind in ("person", "org", "country") and not m.adjective and m.start >= skip:
            if not speech.inside_quote(doc.text, pstart, m.start):
                sal.saw(doc.ref(m))
    # "The honorable President of Turkmenistan … made his opening statement": the one
    # holding the post, whom the "He also highlighted …" after it means
    holder = _opening_post_holder(doc, sal, start, end)
    if holder is not None:
        sal.saw(holder)
        if holder in sal.subjects:
            sal.subjects.remove(holder)
        sal.subjects.append(holder)


# "The honorable President of Turkmenistan": a post of a state as a sentence's subject
_POST_OF_STATE = re.compile(
    r"\s*the\s+(?:(?:honou?rable|incumbent|current)\s+)?(?P<role>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
    r"\s+of\s+(?:the\s+)?$",
    re.I,
)


def _opening_post_holder(doc: Doc, sal: speech.Salience, start: int, end: int) -> str | None:
    """Who holds the post a sentence opens on with no name: the latest person the text named
    with it."""
    from kg.extract.actors import canon_role

    states = doc.mentions_in(start, min(end, start + 80), "country")
    if not states or states[0].adjective:
        return None
    post = _POST_OF_STATE.fullmatch(doc.text, start, states[0].start)
    if post is None:
        return None
    return _holder(doc, canon_role(post.group("role")).lower(), states[0], sal, bare=False)


_VOICE_TITLE = re.compile(r"\s*(?:(?:Mr|Ms|Mrs|Dr|H\.\s?E)\.?\s+)?")


def _transcript_voice(doc: Doc, pos: int) -> str | None:
    """Who says "I" in a transcript: the paragraph, or the last one before it, that opens
    with a name and a colon ("Mr. Taro Kono, Minister for Foreign Affairs: Today we held
    …")."""
    text = doc.text
    for p in reversed([p for p in doc.paragraphs if p.start <= pos]):
        colon = text.find(":", p.start, min(p.end, p.start + 160))
        if colon < 0:
            continue
        ms = doc.mentions_in(p.start, colon, "person")
        if (
            ms
            and _VOICE_TITLE.fullmatch(text, p.start, ms[0].start)
            and re.fullmatch(r"(?:,[^:;.]{0,80})?\s*", text[ms[0].end : colon])
        ):
            return doc.ref(ms[0])
    return None


def _issuer_of_text(doc: Doc, verb, off: int) -> str | None:
    """Who issued the statement a passive speech verb's words are in: "In the final
    statement of the Arab League summit, … was highlighted" is the League's."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in ("in", "through", "via"):
            continue
        for g in c.children:
            if g.dep_ == "pobj" and g.lower_ in _TEXT_NOUNS:
                s, e = speech.phrase_span(g, off)
                found = [
                    m
                    for m in doc.mentions_in(s, e)
                    if m.kind in ("org", "country", "person") and not m.adjective
                ]
                m = speech.best_actor(found)
                return doc.ref(m) if m is not None else None
    return None


_COMMITMENT = {"pledge", "promise", "vow", "agree", "offer", "decide", "threaten", "propose"}
# a verb that is speech only with what was said after it: "conveyed his regards", "conveyed
# to him that …", not "conveyed an oral message"
_SAYS_ONLY_WITH_WORDS = {"convey"}
_FINITE_BE = {"is", "was", "are", "were", "has", "had", "have"}


def _parsed_statement(doc: Doc, sent: Block, sal: speech.Salience):
    """The statement a parsed sentence reports, with its speaker from the parse; None when
    the sentence reports no speech; _UNPARSED when it was not parsed."""
    sp = doc.parse(sent)
    if sp is None:
        return _bare_quote(doc, sent, sal) or _UNPARSED
    if not lexis.SPEECH_CUE.search(doc.text, sent.start, sent.end):
        return _bare_quote(doc, sent, sal)
    if in_headline(doc, sent):
        return None  # a headline's "X warns" is said again, with its words, in the body
    verbs = [v for v in speech.speech_verbs(sp) if _speech_act(v)]
    if not verbs:
        return _misparsed_verb(doc, sent, sp) or _bare_quote(doc, sent, sal)
    para = (doc.paragraph_at(sent.start) or sent).start
    # a sentence that is one quotation, opened at its start and closed at its end
    whole = doc.text[sent.start : sent.end].strip()
    opens = whole[:1] in ("“", '"') and whole.rstrip(".").endswith(("”", '"'))
    if (opens or speech.inside_quote(doc.text, para, sent.start)) and all(
        speech.inside_quote(doc.text, para, sent.start + v.idx) for v in verbs
    ):
        # a sentence inside a quotation still open from the sentence before: "… They were
        # supposed to condemn the atrocities …" is the speaker's words, not theirs; with no
        # one speaking just before, no one named in it ("… we will listen to what the
        # government of St Vincent asks of us")
        if sal.recent_speaker is not None:
            return _statement_for(doc, sent, sal.recent_speaker)
        if not any(
            re.search(r"[”\"]", doc.text[sent.start + 1 : sent.start + v.idx]) for v in verbs
        ):
            return None  # (but '“Fiji appreciates …," he said': a quotation closed askew)
    # in reading order ("X said that Y stressed ..." is X's), but a closing attribution
    # first: "A and B have agreed to end hostilities, the AU envoy, Olusegun Obasanjo, said
    # today" is Obasanjo's, not A's; "…, Haitian media reported" names a source, not the
    # speaker
    # and a verb inside a quotation ("“We call on both sides …,” spokesperson Mao Ning told
    # a briefing") after the attribution around it
    # "according to the report (to Reuters, to the Oman News Agency), President Erdogan
    # said …": the source only carries what the speaker of the other verb said (but
    # "According to him, …, reported Victoria Panfilova" is his)
    several = len(verbs) > 1  # (inside sort() the list reads as empty)
    named_source = {t.i for t in verbs if _named_source(doc, t, sent.start, verbs)}
    verbs.sort(
        key=lambda t: (
            speech.inside_quote(doc.text, para, sent.start + t.idx),
            -1 if t.i in named_source else int(several and _source_only(t)),
            several and _rebuttal(t),
            not speech.closes_sentence(t) or lexis.lemma(t.lower_) == "report",
            t.i,
        )
    )
    speaker = None
    skip = dateline_end(doc, sent.start) - sent.start
    unnamed: list = []  # verbs whose subject is a name no actor was found for
    for v in verbs:
        if any(_said_inside(u, v) for u in unnamed):
            # "The Ministry of Foreign Affairs stated that PM Oli called … and extended
            # congratulations": Oli's act is what the ministry said, not his statement
            continue
        if v.lower_ == "according":
            tok = speech.according_to(v)
        elif v.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in v.children):
            tok = (
                speech.as_said_by(v)
                or speech.with_doing(v, skip)
                or speech.subject_of(v.head, skip)
            )
            # ("Speaking in Kigali, Nyusi said": the main clause's subject)
        else:
            tok = speech.subject_of(v, skip)
        if tok is None:
            continue
        if tok.dep_ == "nsubjpass" and tok.head.i == v.i:
            # "the significance of the Palestinian Cause was highlighted", "Kenya was urged
            # to act": what was said, or to whom, never who said it; that is the text it
            # was said in ("In the final statement of the Arab League summit, …")
            speaker = _issuer_of_text(doc, v, sent.start)
            if speaker is not None:
                break
            continue
        speaker = _resolve(doc, tok, v, sent, sal)
        if speaker is not None:
            break
        if tok.text[:1].isupper() and tok.lower_ not in speech.GUEST_PRONOUNS | {"it", "this"}:
            unnamed.append(v)
    if speaker is None:
        return _misparsed_verb(doc, sent, sp)
    st = _statement_for(doc, sent, speaker, sent.start + v.idx + len(v.text))
    st.span = SpanT(max(st.span.start, skip + sent.start), st.span.end)
    if (
        v.dep_ == "advcl"
        and tok.head.i == v.i
        and any(c.dep_ == "mark" and c.i < tok.i for c in v.children)
        and st.span.start < sent.start + tok.left_edge.idx
    ):
        # "The team set off from Manchester yesterday after Foreign Secretary William Hague
        # confirmed Japan requested assistance": what is said is the clause, not the story
        # the sentence tells first
        st.span = SpanT(sent.start + tok.left_edge.idx, st.span.end)
    return st


_SOURCE_PRONOUNS = {"him", "her", "them", "it", "us", "me"}


# a body named with its state: "Russia's defence ministry", "the Nigerien army" (a few words,
# no clause between)
_NAMED_SO = re.compile(r"[^,;:\n“”\"]{1,60}")
_CHARGES = {"charge", "charges", "accusation", "accusations", "allegation", "allegations", "claim"}


def _rebuttal(verb) -> bool:
    """ "Tshisekedi has accused Rwanda of backing the M23 rebels, a charge Kigali denies": a
    denial the sentence closes on, of what its first verb said (the parser makes it the root,
    as for a closing "…, he said"), not who said it."""
    return lexis.lemma(verb.lower_) in ("deny", "reject", "dismiss", "refute") and any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (
            # ("a charge Kigali denies", or "a charge" the subject and "Asmara" apposed)
            c.lower_ in _CHARGES
            or any(g.dep_ in ("compound", "amod") and g.lower_ in _CHARGES for g in c.children)
        )
        for c in verb.children
    )


def _said_inside(outer, verb) -> bool:
    """`verb` stands in what `outer` says: below its clausal complement."""
    below = next((a for a in verb.ancestors if a.head.i == outer.i and a.i != outer.i), None)
    return verb.i != outer.i and below is not None and below.dep_ == "ccomp"


def _named_source(doc: Doc, verb, off: int, verbs: list) -> bool:
    """ "… at least eight heads of State have confirmed their attendance, according to
    Secretary for Foreign Affairs Luckie Sikwese": a person named as the source, where no
    other verb of saying has a named person for its subject, is the one speaking."""
    if verb.lower_ != "according":
        return False
    obj = speech.according_to(verb)
    if obj is None or not doc.mentions_in(*speech.head_span(obj, off), "person"):
        return False
    for v in verbs:
        subj = speech.subject_of(v, 0) if v.i != verb.i else None
        if subj is not None and doc.mentions_in(*speech.head_span(subj, off), "person"):
            return False
    return True


def _source_only(verb) -> bool:
    """ "according to X" where X only carries the words: any source but a pronoun, which is
    the one just named speaking."""
    if verb.lower_ != "according":
        return False
    obj = speech.according_to(verb)
    return obj is None or obj.lower_ not in _SOURCE_PRONOUNS


def _contrasted(doc: Doc, sent: Block, sal: speech.Salience, st: Statement) -> Statement | None:
    """ "A stressed that …, while B, head of the government's delegation, assured that …":
    the clause after "while" or "whereas" is B's own statement, and A's ends before it."""
    sp = doc.parse(sent)
    if sp is None:
        return None
    for v in speech.speech_verbs(sp):
        mark = next(
            (c for c in v.children if c.dep_ == "mark" and c.lower_ in ("while", "whereas")),
            None,
        )
        if mark is None or not _speech_act(v):
            continue
        tok = speech.subject_of(v, 0)
        if tok is None:
            continue
        speaker = _resolve(doc, tok, v, sent, sal)
        start = sent.start + mark.idx
        if speaker is None or speaker == st.speaker or not st.span.start < start < st.span.end:
            continue
        other = _statement_for(doc, sent, speaker, sent.start + v.idx + len(v.text))
        other.span = SpanT(start, st.span.end)
        st.span = SpanT(st.span.start, len(doc.text[:start].rstrip(" ,;")))
        return other
    return None


def _misparsed_verb(doc: Doc, sent: Block, sp) -> Statement | None:
    """ "Lieutenant General Sam Okiding reiterated ATMIS's commitment …": the small model
    reads the verb as a modifier of the object; a past-tense speech verb right after a
    person's name is that person's statement all the same."""
    for t in sp:
        if t.dep_ not in ("amod", "compound", "nmod") or not t.lower_.endswith("ed"):
            continue
        if lexis.lemma(t.lower_) not in lexis.SPEECH:
            continue
        at = sent.start + t.idx
        named = [m for m in doc.mentions_in(sent.start, at, "person") if not m.adjective]
        if named and re.fullmatch(r"\s*", doc.text[named[-1].end : at]):
            return _statement_for(doc, sent, doc.ref(named[-1]), at + len(t.text))
    return None


_WHOLE_QUOTE = re.compile(r"\s*[“\"][^“”\"]{15,}[”\"][.,]?\s*")


def _bare_quote(doc: Doc, sent: Block, sal: speech.Salience):
    """A sentence that is a quotation and nothing else carries on the last speaker's words
    ("“I have given the order to shoot to kill.”" after "the president said")."""
    if not _WHOLE_QUOTE.fullmatch(doc.text, sent.start, sent.end):
        return None
    if sal.recent_speaker is None:
        return None
    return _statement_for(doc, sent, sal.recent_speaker)


def _speech_act(v) -> bool:
    """Not a denial of speaking ("did not reply"), not a commitment of things ("pledged 400
    troops"): a pledge is speech when a clause follows ("vowed to crush")."""
    from kg.extract.lexis import lemma

    if any(c.dep_ == "neg" for c in v.children):
        return False
    if lemma(v.lower_) == "charge":
        # "Russia charged that the resolution was too weak"; not "charged with overseeing
        # the mission" nor "charged the batteries"
        return any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in v.children
        )
    if lemma(v.lower_) == "maintain":
        # "maintained that the region must act", "maintained Nigeria was ready"; not
        # "maintained the South occupied", a participle the parser also reads as a clause
        return any(
            c.dep_ == "ccomp"
            and (
                c.lower_ in _FINITE_BE
                or any(m.dep_ in ("mark", "aux", "auxpass") for m in c.children)
            )
            for c in v.children
        )
    if lemma(v.lower_) in _COMMITMENT | _SAYS_ONLY_WITH_WORDS:
        # ("offered his congratulations" hands over words, not things)
        return any(c.dep_ in ("ccomp", "xcomp") for c in v.children) or any(
            c.dep_ == "dobj" and c.lower_ in lexis.GREETING_NOUNS for c in v.children
        )
    if lemma(v.lower_) in ("respond", "reply") and v.dep_ == "advcl" and v.lower_.endswith("ing"):
        # "Responding first to the distress call of its neighbour, India sent 3 ships": the
        # sentence's own verb tells what was done ("Responding to a question, he said …" is
        # his by "said")
        return False
    if lemma(v.lower_) == "read":
        # "…”, the statement reads": a text speaks for who issued it; but "a communiqué
        # read by the President" is no speech of the sentence's own
        return any(c.dep_ == "nsubj" and c.lower_ in _TEXT_NOUNS for c in v.children) or any(
            c.dep_ == "prt" and c.lower_ == "out" for c in v.children
        )
    return True


_TEXT_NOUNS = {
    "statement",
    "communique",
    "communiqué",
    "release",
    "readout",
    "letter",
    "note",
    "document",
    "declaration",
    "text",
    "message",
    "post",
}


def _clause_subject_actor(
    doc: Doc, verb, off: int, skip: int, kinds: tuple[str, ...] = ("org", "country")
) -> str | None:
    """ "The Belize Defence Force is deploying 40 officers, it said": the subject of what
    was said is what "it" stands for."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i > verb.i:
            continue  # only what was said before "it said"; "It said the Taliban should…" not
        for g in c.children:
            if g.dep_ in ("nsubj", "nsubjpass") and off + g.idx >= skip:
                s, e = speech.head_span(g, off)
                found = doc.mentions_in(s, e)
                m = speech.best_actor(found, prefer_person="person" in kinds)
                if m is not None and m.kind in kinds:
                    return doc.ref(m)
    return None


# (the first one's state between them: "President A of Suriname and President B of Guyana")
_PERSONS_AND = re.compile(
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?"
    r",?\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,4}"
)


def _side_by_side(doc: Doc, b: Block) -> str | None:
    """The first of two persons a sentence names side by side ("A and Defence Minister B")."""
    persons = doc.mentions_in(b.start, b.end, "person")
    for x, y in zip(persons, persons[1:], strict=False):
        if _PERSONS_AND.fullmatch(doc.text, x.end, y.start) and doc.ref(x) != doc.ref(y):
            return doc.ref(x)
    return None


def _pair_spoke(doc: Doc, sent: Block) -> bool:
    """The sentence before names two persons side by side, or does so before a quotation
    that goes on in sentences naming no one ("A and B said in a statement. “Freedom of
    movement no longer exists. “The threat has reached an unacceptable level,” they
    added")."""
    prev = doc.sentence_next_to(sent, -1)
    for _ in range(3):
        if prev is None:
            return False
        if _side_by_side(doc, prev) is not None:
            return True
        if doc.text[prev.start : prev.start + 1] not in ("“", '"') or doc.mentions_in(
            prev.start, prev.end, "person"
        ):
            return False
        prev = doc.sentence_next_to(prev, -1)
    return False


def _group_spoke(doc: Doc, sent: Block) -> bool:
    """The sentence before opens, after a short lead-in, on a group of persons ("In
    conclusion, the two Ministers reaffirmed …")."""
    prev = doc.sentence_next_to(sent, -1)
    return prev is not None and _GROUP_AFTER_LEAD_IN.match(doc.text, prev.start) is not None


_LEAD_IN = r"(?:[A-Z][\w ]{0,25},\s+)?"  # "In conclusion, ", "In a joint statement, "
_GROUP_AFTER_LEAD_IN = re.compile(
    rf"{_LEAD_IN}(?:[Tt]he|[Tt]hese|[Bb]oth) (?:two )?(?:leaders|presidents|"
    r"heads of state|(?:prime |foreign |defence |defense )?[Mm]inisters)\b"
)
# (also after a short lead-in: "In a joint statement, they recognized …")
_GROUP_OPENING = re.compile(
    rf"(?:They|{_LEAD_IN}they|{_LEAD_IN}(?:[Tt]he|[Tt]hese|[Bb]oth)"
    r" (?:two )?(?:leaders|presidents|heads of state|sides|"
    r"(?:prime |foreign |defence |defense )?ministers|prime ministers))\b"
)


def _persons_told_together(doc: Doc, sent: Block) -> str | None:
    """ "President A and Peru's President B at a joint press conference pledged …. The two
    leaders harped on …. They agreed that …": "they" are the persons the sentences before
    named side by side, back through sentences that speak of them as a group."""
    prev = [b for _i, b in doc.sentences if b.end <= sent.start]
    after = sent
    for b in reversed(prev[-4:]):
        if not doc.near(b.start, after.start):
            return None
        after = b
        first = _side_by_side(doc, b)
        if first is not None:
            return first
        if not _GROUP_OPENING.match(doc.text, b.start):
            return None
    return None


_COUNTERPART_BEFORE = re.compile(
    r"\bcounterparts?,?\s+(?:(?:President|Prime\s+Minister|Foreign\s+Minister|Minister|"
    r"Mr\.?|Ms\.?|Mrs\.?|Dr\.?|H\.\s?E\.?)\s+)*$"
)


def _counterpart_named(doc: Doc, found: list, pos: int) -> str | None:
    """ "His Tunisian counterpart, for his part, praised …" after "held talks with his
    Tunisian counterpart Nabil Ammar": the one person the text named as that state's
    counterpart before (any counterpart, when the phrase names no state)."""
    states = {doc.ref(m) for m in found if m.kind == "country"}
    cands: list[str] = []
    for m in doc.mentions_in(0, pos, "person"):
        cue = _COUNTERPART_BEFORE.search(doc.text, max(0, m.start - 60), m.start)
        if cue is None:
            continue
        adj = {
            doc.ref(c)
            for c in doc.mentions_in(max(0, cue.start() - 30), cue.start(), "country")
            if c.end >= cue.start() - 1
        }
        if states and not states & adj:
            continue
        if doc.ref(m) not in cands:
            cands.append(doc.ref(m))
    return cands[0] if len(cands) == 1 else None


def _resolve(doc: Doc, tok, verb, sent: Block, sal: speech.Salience) -> str | None:
    """The actor a subject (or "according to" object) stands for."""
    off = sent.start
    word = tok.lower_
    skip = dateline_end(doc, sent.start)
    before = [m for m in doc.mentions_in(sent.start, off + tok.idx) if m.start >= skip]
    if word in ("i", "we"):
        # first person: the words of the one speaking (a press conference, a joint statement)
        para = doc.paragraph_at(off + tok.idx)
        if not speech.inside_quote(doc.text, para.start if para else off, off + tok.idx):
            voice = _transcript_voice(doc, off + tok.idx)
            if voice is not None:
                return voice
        return sal.speakers[-1] if sal.speakers else None
    if word in speech.PRONOUNS_PERSON:
        gender = "f" if word in ("she", "her") else "m"
        found = _pronoun_person(doc, sent, before, sal, gender)
        if _WHICH_CLAUSE.search(doc.text, sent.start, off + tok.idx):
            # "X received Y in Hanoi, during which he proposed …": the main clause's subject
            first = next((m for m in before if m.kind == "person"), None)
            found = doc.ref(first) if first is not None else found
        if found is not None:
            sal.gender.setdefault(found, gender)
        return found
    if word in speech.PRONOUNS_BODY:
        recent = sal.recent_speaker
        if (
            word == "they"
            and recent
            and recent.startswith("person/")
            and (_pair_spoke(doc, sent) or _group_spoke(doc, sent))
        ):
            # "Foreign Minister A and Defence Minister B said …. X would …, they said": the
            # two; "In conclusion, the two Ministers reaffirmed …. They agreed …": the same
            return recent
        inner = _clause_subject_actor(doc, verb, off, skip)
        if inner:
            return inner
        if word == "they" and len(sal.meeting_persons) >= 2:
            return sal.meeting_persons[0]  # "They also agreed …" after the two leaders met
        if word == "they" and sal.pair and _group_spoke(doc, sent):
            # "The two leaders discussed an extradition request …. They reaffirmed …" three
            # paragraphs after the two spoke by phone: the pair, not a state named in passing
            return sal.pair[0]
        if word == "they":
            pair = _persons_told_together(doc, sent)
            if pair is not None:
                return pair
        recent = sal.recent_speaker
        if recent and not recent.startswith("person/"):
            return recent
        if word == "they" and recent in sal.met_lately:
            # one of those who met, just quoted: not a body named in passing ("the situation
            # in Ukraine")
            return recent
        bodies = [x for x in sal.speakers if not x.startswith("person/")]
        if bodies:
            return bodies[-1]
        return sal.bodies[-1] if sal.bodies else None
    if speech.NOT_SPEECH_SUBJECT.match(word):
        if word in ("which", "that", "who") and verb.dep_ == "relcl":
            # "the Organization of the Turkic States, which issued …": its antecedent; "a
            # statement that emphasized …": whoever issued the statement
            head = verb.head
            if head.lower_ in ("statement", "communique", "communiqué", "declaration", "readout"):
                issuer = speech.subject_of(head.head, 0) if head.dep_ == "dobj" else None
                if issuer is not None and issuer.lower_ not in ("which", "that", "who"):
                    return _resolve(doc, issuer, head.head, sent, sal)
                if head.head.dep_ == "relcl":
                    return _resolve(doc, head.head.head, head.head, sent, sal)
                return None
            return _resolve(doc, head, verb, sent, sal)
        return None
    s, e = speech.head_span(tok, off)
    s = max(s, skip)
    found = [m for m in doc.mentions_in(s, e) if m.kind in ("person", "org", "country", "place")]
    where = [
        speech.phrase_span(c, off)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at")
    ]
    # "The Indian Embassy in Kathmandu said": India's, not Nepal's; but "officials in Kyiv"
    # are the state they are in when nothing else names theirs
    found = [
        m
        for m in found
        if m.kind not in ("place", "country") or not any(a <= m.start < b for a, b in where)
    ] or found
    holder = _titled_holder_after(doc, found)
    if holder is not None:
        # "United Nations (UN) Secretary General Ban Ki-moon voiced concern …": the body
        # names the post of the one who speaks, not the speaker
        return holder
    if not found:
        # the head word inside a longer name ("States" of "the Organization of the Turkic
        # States which issued …")
        t0 = off + tok.idx
        found = [
            m
            for m in doc.mentions_in(max(0, t0 - 200), t0 + len(tok.text) + 1)
            if m.start <= t0 < m.end and m.kind in ("person", "org", "country", "place")
        ]
    if word in _OUTLET_NOUNS and not any(m.kind in ("person", "org") for m in found):
        # "… reports BBC. According to the British news outlet, …": the outlet quoted
        # before, not the state its adjective names
        outlets = [x for x in sal.speakers if x.startswith("org/")]
        if outlets:
            return outlets[-1]
    if word in ("counterpart", "counterparts") and not any(m.kind == "person" for m in found):
        named = _counterpart_named(doc, found, off + tok.idx)
        if named is not None:
            return named
    pair = sal.pair or (
        sal.meeting_persons
        if len(sal.meeting_persons) == 2
        and not any(c.dep_ == "nummod" and c.lower_ != "two" for c in tok.children)
        else None
    )  # ("The three leaders agreed" is no pair's)
    if not pair and len(sal.met_lately) == 1 and len(sal.met_parties) == 2:
        # "President of Botswana yesterday held another telephonic conversation with …
        # President Geingob …. The two leaders reiterated …": the call of a state, whose
        # leader the text names later, and a person; the person speaks for the pair
        pair = sal.met_lately
    if (
        word in ("heads", "leaders", "presidents", "sides", "two", "parties", "interlocutors")
        and pair
        and not [m for m in found if m.kind in ("person", "country", "org")]
        and any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "both") for c in tok.children)
    ) or (word == "both" and pair and not list(tok.children)):
        # "The Heads of State noted …" after the two spoke by phone; "The two affirmed …",
        # "Both stressed …"; "The leaders reaffirmed …", "The parties noted …" after the two
        # met
        return pair[0]
    if (
        word in ("leaders", "heads", "presidents")
        and not any(m.kind in ("person", "org") for m in found)
        and len({m.key for m in found if m.kind == "country"}) >= 2
    ):
        told_at = _pair_told_at_next(doc, sent)
        if told_at:
            # "The leaders of Zambia and Botswana on Friday reaffirmed …. The pledge was made
            # during bilateral talks … between A and B": the two named there
            return told_at[0]
    if (
        word in ("leaders", "heads", "presidents")
        and len(sal.met_lately) >= 3
        and not [m for m in found if m.kind in ("person", "country", "org")]
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "all") for c in tok.children)
    ):
        # "The leaders also reaffirmed their commitment …" two paragraphs after the summit of
        # six: one of them (the gold format names any of those who spoke as one)
        return sal.met_lately[0]
    noun = word
    if word in ("elect", "designate"):
        # "the Indonesian President-elect": parsed as "President", "-", "elect"
        title = next((c for c in tok.children if c.dep_ == "compound"), None)
        noun = title.lower_ if title is not None else word
    if noun in ("representative", "delegate", "delegation", "representatives"):
        # "The representative of Kazakhstan said": the state speaks through its delegate
        owner = speech.best_actor([m for m in found if m.kind in ("country", "org")])
        if owner is not None and not [m for m in found if m.kind == "person"]:
            return _country_of(doc, owner)
    if noun in speech.PERSON_NOUNS:
        appos = [c for c in tok.children if c.dep_ == "appos"]
        if not any(c.dep_ == "cc" for c in tok.children):
            # "The Army Chief of Training, Maj.-Gen. X, who addressed …, reaffirmed": a
            # name after a comma and no "and", parsed as a conjunct, is the post's holder
            appos += [c for c in tok.children if c.dep_ == "conj"]
        for a in appos:
            a_s, a_e = speech.phrase_span(a, off)
            persons = [m for m in doc.mentions_in(a_s, a_e) if m.kind == "person"]
            if persons:
                return doc.ref(persons[0])
        persons = [m for m in found if m.kind == "person"]
        if persons:
            return doc.ref(persons[-1])
        role = speech.PERSON_NOUNS[noun]
        if role == "minister" and any(
            c.dep_ in ("compound", "amod") and c.lower_ == "prime" for c in tok.children
        ):
            role = "prime minister"  # "the former prime minister" is not the interior minister
        head_of = noun == "head" and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.lower_ in ("state", "government") for g in c.children)
            for c in tok.children
        )
        if head_of:
            role = "leader"  # "The Head of State thanked …": the state's president or king
        owner = speech.best_actor([m for m in found if m.kind != "person"])
        if noun == "head" and owner is not None and owner.kind == "country":
            # "The head of the Russian Federation congratulated …": the state's own head, not
            # the head of one of its bodies ("the head of the Russian delegation")
            head_of = head_of or any(
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(
                    g.dep_ == "pobj" and owner.start <= off + g.idx < owner.end for g in c.children
                )
                for c in tok.children
            )
            role = "leader" if head_of else role
        if noun in ("head", "chief") and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.lower_ == "diplomacy" for g in c.children)
            for c in tok.children
        ):
            role = "minister"  # "the head of Portuguese diplomacy": its foreign minister
        if noun == "diplomat" and any(
            c.dep_ in ("amod", "compound") and c.lower_ in ("top", "chief") for c in tok.children
        ):
            role = "minister"  # "Lithuania’s top diplomat": its foreign minister
        det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
        if (
            role is None
            and det is None
            and owner is not None
            and owner.kind == "country"
            and any(c.dep_ == "amod" and c.lower_ in ("top", "senior") for c in tok.children)
        ):
            # "Slovenia’s top official described relations …" after "Minister of Foreign
            # Affairs of Slovenia Karl Erjavec" was named: the one of that state's posts
            holder = _sole_post_holder(doc, owner.key, off + tok.idx)
            if holder is not None:
                return holder
        if det in ("a", "an") or role is None and det != "the":
            # "a ministry spokesperson", "officials": no one the text names; their body
            if owner is not None:
                return _country_of(doc, owner)
            recent = sal.recent_speaker
            if (
                role == "spokes"
                and det in ("a", "an")
                and recent
                and recent.startswith("org/")
                and not any(c.dep_ in ("compound", "amod", "prep") for c in tok.children)
            ):
                return recent  # "The UK Foreign Office said …. A spokesperson said …"
            if role == "spokes" and any(
                c.dep_ in ("amod", "compound") and c.lower_ in _STATES_OWN for c in tok.children
            ):
                # "MINGORA, Pakistan (Reuters) – … a military spokesman said": the force of
                # the state the story is filed from
                state = _dateline_state(doc)
                if state:
                    return state
            body = next((c.lower_ for c in tok.children if c.dep_ == "compound"), None)
            return _body_antecedent(doc, body, sal) if body in speech.BODY_NOUNS else None
        bare = not any(
            c.dep_ in ("prep", "amod", "compound")
            and c.lower_ not in ("foreign", "prime", "former")
            for c in tok.children
        )
        said_before = [p for p in sal.speakers if p.startswith("person/")]
        if role is None and det == "the" and bare and owner is None and said_before:
            # "The official expressed satisfaction …" after Nobakht was quoted: the one
            # quoted, not whoever else holds some post ("the Turkish President Erdogan")
            return said_before[-1]
        holder = _holder(doc, role or "", owner, sal, bare, before=off + tok.idx)
        if holder is None and role == "leader" and (owner is not None or head_of):
            # "the Indian leader stressed …": the state's head, whatever the post
            for post in _HEAD_POSTS:
                holder = _holder(doc, post, owner, sal, bare, before=off + tok.idx)
                if holder:
                    break
            if holder is None and owner is not None:
                holder = _only_unplaced_head(doc, owner, off + tok.idx)
        if holder is None and owner is not None and role:
            # "Kenya's president said Wednesday …" in a lead the next sentence names
            # ("Kenyan President William Ruto called …"): the wire style's late name
            ahead = [p for p in doc.paragraphs if p.start > off + tok.idx][:1]
            if ahead:
                holder = _holder(doc, role, owner, sal, bare, before=ahead[0].end)
        if holder is None and owner is not None and owner.kind == "country" and role:
            holder = _titled_later(doc, role, owner, off + tok.idx)
        if holder is None and owner is not None and owner.kind == "country" and role:
            holder = _only_untied(doc, role, owner, sal, off + tok.idx)
        if holder is None and owner is not None and owner.kind == "country" and role:
            holder = _post_alone_later(doc, role, owner, off + tok.idx)
        recent = sal.recent_speaker
        if (
            holder
            and bare
            and recent
            and recent != holder
            and recent.startswith("person/")
            and _last_named(doc, recent, off + tok.idx) > _last_named(doc, holder, off + tok.idx)
            and not _holds_other_post(doc, recent, role or "")
        ):
            return recent  # "the general noted", right after the one quoted was named
        told = (role or "", doc.ref(owner)) if owner is not None else None
        if holder:
            if told:
                sal.posts_told.setdefault(told, holder)
            return holder
        if told in sal.posts_told and det == "the":
            return sal.posts_told[told]  # "The U.N. envoy stressed", as before
        if (
            det == "the"
            and recent
            and recent.startswith("person/")
            and (bare or owner)
            and not _holds_other_post(doc, recent, role or "")
            and not (owner is not None and _of_other_state(doc, recent, owner, off + tok.idx))
        ):
            # "the Kremlin official also noted": the one quoted just before; but "the Prime
            # Minister" is not the chancellor quoted before
            return recent
        if det == "the" and (
            role or any(c.dep_ == "amod" and c.lower_ in ("top", "senior") for c in tok.children)
        ):
            holder = _named_bare_next(doc, off + tok.idx, role)
            if holder:
                if told:
                    sal.posts_told.setdefault(told, holder)
                return holder
        return _country_of(doc, owner) if owner else None
    t0 = off + tok.idx
    own = [x for x in found if x.kind == "person" and x.start <= t0 < x.end]
    if not own:
        # "Foreign Office (FO) Spokesperson Mumtaz Zahra Baloch said": the parser makes the
        # body the subject and its spokesperson, named, the appositive
        for a in tok.children:
            if a.dep_ != "appos" or not any(
                t.dep_ == "compound" and t.lower_ in speech.PERSON_NOUNS
                for t in a.subtree
                if t.i < a.i
            ):
                continue
            at = off + a.idx
            named = [
                x
                for x in doc.mentions_in(*speech.phrase_span(a, off))
                if x.kind == "person" and x.start <= at < x.end
            ]
            if named:
                return doc.ref(named[0])
    if not own:
        # "the IGP, Emmanuel K. Gasana urged …": a post or body, then the bare name of the
        # one holding it
        for a in tok.children:
            if a.dep_ != "appos":
                continue
            a_s, a_e = speech.phrase_span(a, off)
            named = [x for x in doc.mentions_in(a_s, a_e) if x.kind == "person"]
            if named and named[0].start == a_s and named[0].end >= a_e - 1:
                return doc.ref(named[0])
    if not own and any(c.dep_ == "appos" for c in tok.children):
        # "Belarus, a close Russian ally that has provided support for … Ukraine, said": the
        # subject's own name before its appositive's
        own = [
            x
            for x in found
            if x.start <= t0 < x.end and x.kind in ("country", "org") and not x.adjective
        ]
    # "Dmitry Peskov, Putin's spokesman, said": the subject's own name, not the one its
    # appositive names
    m = own[0] if own else speech.best_actor(found)
    if (
        noun == "ministry"
        and m is not None
        and m.kind == "country"
        and not _before_noun(tok, off, m.start)
        and _of_a_domain(tok)
    ):
        m = None  # "the Foreign Ministry said in a report … at the initiative of the American side"
    if (
        m is None
        and noun in _BODY_OF_STATE
        and lexis.lemma(verb.lower_) == "add"
        and (sal.recent_speaker or "").startswith("org/")
    ):
        # "“…,” an IDF statement read. “…,” the army added": the body just quoted goes on
        return sal.recent_speaker
    if m is None and (
        noun in _BODY_OF_STATE and noun != "presidency" or noun == "ministry" and _of_a_domain(tok)
    ):
        # "Burundi has sent 1,000 troops to South Kivu, the army said": the army of the
        # state that sends, not the story's most named state; "Russian Foreign Minister
        # Lavrov had a telephone conversation with …, the Foreign Ministry said": the
        # ministry of the state whose minister acts
        inner = _clause_subject_actor(
            doc,
            verb,
            off,
            skip,
            ("person", "org", "country") if noun == "ministry" else ("org", "country"),
        )
        if inner and inner.startswith("person/"):
            state = next(iter(doc.post_countries(inner)), None)
            inner = f"country/{state}" if state else None
        if inner and inner.startswith("country/"):
            m = next((x for x in doc.mentions if doc.ref(x) == inner), None)
    if (noun == "ministry" or noun in _BODY_OF_STATE) and (m is None or m.kind == "country"):
        body = _described_ministry(doc, tok, m)  # "the Nigerien army", "the interior ministry"
        if body:
            if m is not None:
                ent = doc.entities.get(body)
                written = doc.text[m.start : off + tok.idx + len(tok.text)]
                if ent is not None and _NAMED_SO.fullmatch(written):
                    # ("Russia's defence ministry"; not the whole clause from a state its
                    # subject named: "Russia has completed the withdrawal …, the defence
                    # ministry said", which became one of the body's labels)
                    ent.surfaces.add(written)
            return body
    if noun == "office" and m is not None and m.kind == "person":
        # "Prime Minister Benjamin Netanyahu's office said": his government speaks, not he
        ent = doc.entities.get(doc.ref(m))
        states = [doc.posts[p].country for p in (ent.posts if ent else ()) if p in doc.posts]
        state = next((c for c in states if c), None) or _main_country(doc)
        if state and not states and _others_state(doc, state, doc.ref(m)):
            # "Ramaphosa's office confirmed he had a conversation with his Russian
            # counterpart Vladimir Putin": the one state named is Putin's, not his
            return doc.ref(m)
        if state:
            return f"country/{state}"
    mine = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if noun == "office" and m is None and mine is not None:
        # "according to a statement released by his office": the government of the person
        # the clause before tells of ("Yoon met Prime Minister Oyun-Erdene …, his office
        # said"), else of the one "his" resolves to
        who = _clause_subject_actor(doc, verb, off, skip, ("person",)) or _pronoun_person(
            doc, sent, before, sal, "f" if mine.lower_ == "her" else "m"
        )
        if who is not None:
            state = next(iter(doc.post_countries(who)), None)
            return f"country/{state}" if state else who
    president = next(
        (c for c in tok.children if c.dep_ == "poss" and c.lower_ == "president"), None
    )
    if noun == "office" and president is not None:
        # "the Tajik president's office said": the state its adjective names
        own = next(
            (
                doc.ref(x)
                for x in doc.mentions_in(*speech.phrase_span(president, off))
                if x.kind == "country"
            ),
            None,
        )
        if own is not None:
            return own
        inner = _clause_subject_actor(doc, verb, off, skip)
        if inner and inner.startswith("country/"):
            return inner  # "South Africa will send 2,900 troops …, the president's office said"
        country = _main_country(doc)  # "the president's office said"
        if country:
            return f"country/{country}"
    if m is not None:
        return _country_of(doc, m)
    if noun in _TEXT_NOUNS and not found:
        src = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if src:
            # "according to a statement from the military": whoever it came from
            return _resolve(doc, src[0], verb, sent, sal)
        issuer = next(
            (
                g
                for x in tok.children
                if x.dep_ == "acl" and lexis.lemma(x.lower_) in _ISSUE
                for c in x.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        # "a statement released by his office": the issuer after the participle (not
        # "drafted by Norway and Mexico": who wrote it for another to adopt)
        got = _resolve(doc, issuer, verb, sent, sal) if issuer is not None else None
        if got is not None:
            return got
    if noun in _TEXT_NOUNS and verb.lower_ in ("reads", "read") and sal.recent_speaker:
        return sal.recent_speaker  # "…”, the statement reads": the text quoted just before
    if noun in _TEXT_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        issuer = _issuer_before(doc, noun, off + tok.idx)
        if issuer:
            return issuer  # "The Council adopted a statement … The statement expresses …"
    if noun in speech.BODY_NOUNS:
        said = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
        here = [doc.ref(m) for m in reversed(before) if m.kind in ("org", "country")]
        return _body_antecedent(doc, noun, sal, said, here)
    return None


_ISSUE = {"release", "issue", "publish", "published", "send", "post", "circulate", "distribute"}
_BODY_OF_STATE = {
    "army": "Army",
    "military": "Armed Forces",
    "police": "Police",
    "navy": "Navy",
    "presidency": "Presidency",
}
_MINISTRY_OF = {
    "interior": "Ministry of Internal Affairs",
    "home": "Ministry of Internal Affairs",
    "defence": "Ministry of Defence",
    "defense": "Ministry of Defence",
    "foreign": "Ministry of Foreign Affairs",
}


_WHICH_CLAUSE = re.compile(r",\s+(?:during|at|in|after) which\s+$")


def _pronoun_person(
    doc: Doc, sent: Block, before: list, sal: speech.Salience, gender: str
) -> str | None:
    """The person "he" or "she" stands for: the last named before it in the sentence (not
    inside the quotation: in '"The minister will discuss it with Lavrov," he said' the one
    speaking is not Lavrov), else the one who spoke last, the last subject, the last
    person named; never one an earlier pronoun showed to be of the other gender."""

    def fits(ref: str | None) -> bool:
        return bool(ref) and sal.gender.get(ref, gender) == gender

    opening = lexis.OPENS_WITH_PRONOUN.match(doc.text, sent.start, sent.end)
    if opening and ("m" if opening.group(1) == "He" else "f") == gender:
        # "He was not looking forward to the meeting with A and B …, but as he said, …":
        # the one the sentence opened with, not the last person it named after him
        before = [m for m in before if m.start < opening.start(1)]
    persons = [
        doc.ref(m)
        for m in before
        if m.kind == "person" and not speech.inside_quote(doc.text, sent.start, m.start)
    ]
    persons = [p for p in persons if fits(p)]
    if persons:
        return persons[-1]
    recent = sal.recent_speaker
    if recent and recent.startswith("person/") and fits(recent):
        return recent
    subjects = [p for p in sal.subjects if fits(p)]
    if subjects:
        return subjects[-1]
    persons = [p for p in sal.persons if fits(p)]
    return persons[-1] if persons else None


def _of_a_domain(tok) -> bool:
    """ "the Foreign Ministry", "the defence ministry": a ministry that says which one (not
    "the ministry", which is the one named before)."""
    return any(c.lower_ in _MINISTRY_OF for c in tok.children if c.dep_ in ("amod", "compound"))


def _before_noun(tok, off: int, pos: int) -> bool:
    """Position pos lies in what stands before the noun and describes it ("Russia's",
    "the Russian Foreign"), not in a phrase or clause after it."""
    left = [t for c in tok.children if c.i < tok.i for t in c.subtree]
    start = off + min((t.idx for t in left), default=tok.idx)
    return start <= pos < off + tok.idx + len(tok.text)


def _described_ministry(doc: Doc, tok, country_mention) -> str | None:
    """ "The interior ministry said", "Russia's defence ministry": that state's ministry (the
    state the phrase names, else the one the story names most)."""
    words = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
    name = next((_MINISTRY_OF[w] for w in words if w in _MINISTRY_OF), None)
    if name is None and tok.lower_ in _BODY_OF_STATE:
        name = _BODY_OF_STATE[tok.lower_]
    if name is None:
        return None
    from kg.extract.actors import canon_org

    country = (
        country_mention.key
        if country_mention is not None
        # "The Polish Defence Ministry will deploy … The Defence Ministry said": the state
        # whose body of that name the story named, before its most named state
        else owner_named_before(doc.entities, canon_org(name)) or _main_country(doc)
    )
    if country is None:
        return None
    return _national_body(doc, name, country)


def _main_country(doc: Doc) -> str | None:
    """The state the story names most."""
    counts: dict[str, int] = {}
    for m in doc.mentions:
        if m.kind == "country":
            counts[m.key] = counts.get(m.key, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def _others_state(doc: Doc, state: str, ref: str) -> bool:
    """Every time the text names the state, it is another person's: "his Russian
    counterpart Vladimir Putin", "Russian President Vladimir Putin"."""
    said = [m for m in doc.mentions if m.kind == "country" and m.key == state]
    return bool(said) and all(
        any(
            doc.ref(p) != ref and not re.search(r"[.;:!?]", doc.text[m.end : p.start])
            for p in doc.mentions_in(m.end, m.end + 40, "person")
        )
        for m in said
    )


def _holds_other_post(doc: Doc, ref: str, role: str) -> bool:
    """ "The Minister" is not the president quoted last; "the general" may be a minister."""
    from kg.extract.context import lexicon_posts

    if role in ("general", "official", "leader", "chief", "head", ""):
        return False
    ent = doc.entities.get(ref)
    if ent is None:
        return False
    roles = [doc.posts[p].role.lower() for p in ent.posts if p in doc.posts]
    roles += [p.role.lower() for p in lexicon_posts(doc, ent.key, _ROLES)]
    if not roles:
        # a post described after the name and not recognised as one: "Maria Zakharova,
        # spokesperson of the Ministry, noted"
        for m in doc.mentions:
            if m.kind == "person" and doc.ref(m) == ref:
                described = _DESCRIBED_AFTER.match(doc.text, m.end)
                if described:
                    roles.append(described.group(1).lower())
                titled = _TITLE_BEFORE_NAME.search(doc.text, max(0, m.start - 60), m.start)
                if titled and _OFFICE_WORD.search(titled.group()):
                    roles.append(titled.group().lower())  # "German Chancellor Olaf Scholz"
    return bool(roles) and not any(role in r for r in roles)


def is_spokesperson(doc: Doc, ref: str) -> bool:
    """Someone the text calls a spokesperson ("Sisi's spokesman Ahmed Fahmy"): one who
    speaks of a meeting, not one who sits in it."""
    ent = doc.entities.get(ref)
    if ent is None:
        return False
    if any("spokes" in doc.posts[p].role.lower() for p in ent.posts if p in doc.posts):
        return True
    return any(
        m.kind == "person"
        and doc.ref(m) == ref
        and (
            _SPOKES_BEFORE.search(doc.text, max(0, m.start - 40), m.start)
            or _SPOKES_AFTER.match(doc.text, m.end)
        )
        for m in doc.mentions
    )


# (and a press secretary: "President Lungu's Special Assistant for Press and Public
# Relations Amos Chanda")
_SPOKES_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|press\s+secretary|for\s+press"
    r"(?:\s+and\s+public\s+relations)?)\s+$",
    re.I,
)
# "Farhan Haq, a spokesman for Guterres, said"
_SPOKES_AFTER = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?spokes(?:man|woman|person)\b")
_TITLE_BEFORE_NAME = re.compile(r"(?:[A-Z][\w-]*\s+){1,4}$")
_OFFICE_WORD = re.compile(
    r"\b(?:President|Minister|Chancellor|Premier|King|Queen|Emir|Secretary|Ambassador|"
    r"Spokes(?:man|woman|person)|Governor|Mayor|Chairman|Chairwoman|General|Commander)\b"
)


_DESCRIBED_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+)?((?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|adviser|advisor|"
    r"aide|ambassador|envoy|director|secretary|representative|commander|chief)\b[^,.;]{0,60}),",
    re.I,
)


def _last_named(doc: Doc, ref: str, before: int) -> int:
    key = ref.split("/", 1)[1]
    pos = [m.start for m in doc.mentions_in(0, before) if m.key == key]
    return max(pos) if pos else -1


# a city that stands for the body seated there, in a story that names the body
_BODY_SEATS = {"brussels": ("org/eu", "org/european-union", "org/european-commission")}


_OUTLET_NOUNS = {"outlet", "broadcaster", "newspaper", "daily", "network", "channel", "tabloid"}


def _sole_post_holder(doc: Doc, state: str, before: int) -> str | None:
    """The one person named before `before` who holds a post of the state."""
    found = {
        doc.ref(m)
        for m in doc.mentions_in(0, before, "person")
        if state in doc.post_countries(doc.ref(m))
    }
    return found.pop() if len(found) == 1 else None


def _country_of(doc: Doc, m) -> str:
    """A capital speaks for its country ("Kigali said"); anything else for itself."""
    if m.kind in ("place", "country"):
        seat = _BODY_SEATS.get(doc.text[m.start : m.end].lower())
        body = next((r for r in seat or () if r in doc.entities), None)
        if body is not None:
            return body  # "Brussels has accused Minsk …" in a story of the EU: the EU
    if m.kind == "place":
        ent = doc.entities.get(doc.ref(m))
        if ent is not None and ent.country:
            return f"country/{ent.country}"
    return doc.ref(m)


def _holder(
    doc: Doc,
    role: str,
    owner,
    sal: speech.Salience,
    bare: bool = True,
    before: int | None = None,
) -> str | None:
    """The person the text means by "the spokesman", "Kazakhstan's president": the latest
    person named with that post (of that country or body, when one is said), by the posts
    the text gives, the lexicon's posts, or the title before a name."""
    from kg.extract.context import lexicon_posts

    owner_ref = doc.ref(owner) if owner is not None else None
    owner_key = owner_ref.split("/", 1)[1] if owner_ref else None
    cands = list(reversed(sal.speakers)) + list(reversed(sal.persons))
    if bare and owner_key is None and sal.meeting_persons:
        # "Prime Minister Modi had telephone conversation with …, and Mr. K.P. Sharma Oli,
        # Prime Minister of Nepal. Prime Minister conveyed to the leaders …": the one who
        # held the calls just told, before any other holder of the post
        cands = [sal.meeting_persons[0]] + cands
    # anyone else the document names; by a title only when named before the words ("the
    # former prime minister said" is not the prime minister the next paragraph names)
    cands += sorted(r for r in doc.entities if r.startswith("person/") and r not in cands)
    seen: set[str] = set()
    for ref in cands:
        if ref in seen or not ref.startswith("person/"):
            continue
        seen.add(ref)
        ent = doc.entities.get(ref)
        if ent is None:
            continue
        later = before is not None and _last_named(doc, ref, before) < 0
        # a post the text gives counts once the text has named its holder
        posts = [] if later else [doc.posts[p] for p in ent.posts if p in doc.posts]
        posts += lexicon_posts(doc, ent.key, [r for r in _ROLES if role and _is_role(r, role)])
        for post in posts:
            if role and not _is_role(post.role, role):
                continue
            if owner_key and owner_key not in (post.country, post.org):
                continue
            return ref
        if role and titled(doc, ref, role, owner_key, before):
            return ref
    if bare and owner_key is None and role in ("spokes", "minister", "president", "official", ""):
        persons = [p for p in sal.speakers if p.startswith("person/")] or sal.persons
        # not one the text gives another post: "the Prime Minister" is not the chancellor
        persons = [p for p in persons if not _holds_other_post(doc, p, role)]
        if persons:
            return persons[-1]
    return None


def _of_other_state(doc: Doc, ref: str, owner, before: int) -> bool:
    """ "The Kenyan interior minister, Kithure Kindiki, said …. The Ugandan army commander
    said": one the text ties to another state (a state named just before the name, or a
    post of another state) is not the one a title of this state means."""
    if owner.kind != "country":
        return False
    ent = doc.entities.get(ref)
    states = {doc.posts[p].country for p in (ent.posts if ent else ()) if p in doc.posts}
    for m in doc.mentions_in(0, before, "person"):
        if doc.ref(m) != ref:
            continue
        lo = max(0, m.start - 40)
        cut = max(doc.text.rfind(". ", lo, m.start), doc.text.rfind("\n", lo, m.start))
        lo = max([lo, cut + 1] + [p.end for p in doc.mentions_in(lo, m.start, "person")])
        states |= {x.key for x in doc.mentions_in(lo, m.start) if x.kind == "country"}
    states.discard(None)
    return bool(states) and owner.key not in states


def _only_untied(doc: Doc, role: str, owner, sal: speech.Salience, before: int) -> str | None:
    """ "Minister Rau referred to … The Polish foreign minister underscored …"; "Scott Morrison
    joined … to announce … The Australian prime minister said …": the text never ties the
    post to its state, so no holder is found by it. The one person named before who could
    hold it (titled with the role and no state, or quoted with no post at all), whom the text
    ties to no other state and gives no other post, is the one the title means."""
    from kg.extract.context import lexicon_posts

    found = []
    for ref in doc.persons_in(0, before):
        ent = doc.entities.get(ref)
        if ent is None or _titled_of_other_state(doc, ref, owner, before):
            continue
        posts = [doc.posts[p] for p in ent.posts if p in doc.posts]
        posts += lexicon_posts(doc, ent.key, _ROLES)
        if any(p.country and p.country != owner.key for p in posts):
            continue
        by_title = titled(doc, ref, role, None, before)
        if posts or by_title:
            fits = by_title or any(_is_role(p.role, role) for p in posts)
        else:
            fits = ref in sal.speakers  # quoted, no post given
        if fits and not _holds_other_post(doc, ref, role):
            found.append(ref)
    return found[0] if len(found) == 1 else None


def _titled_of_other_state(doc: Doc, ref: str, owner, before: int) -> bool:
    """A person whose title names another state ("Ukrainian Foreign Minister Dmytro
    Kuleba"); not one named merely after other words of a state ("In his address to
    Ukrainian diplomats, Minister Rau"). (A post of another state is `_only_untied`'s own
    check.)"""
    for m in doc.mentions_in(0, before, "person"):
        if doc.ref(m) != ref:
            continue
        lo = _title_start(doc, m.start)
        if not doc.text[lo : m.start].strip() and doc.text[lo - 1 : lo] == ",":
            # "The Tanzanian defence minister, Stergomena Tax, said": the title before the comma
            post = _POST_BEFORE_COMMA.search(doc.text, max(0, lo - 60), lo)
            lo = _title_start(doc, post.start()) if post else lo
        lo = max([lo] + [p.end for p in doc.mentions_in(lo, m.start, "person")])
        if any(x.kind == "country" and x.key != owner.key for x in doc.mentions_in(lo, m.start)):
            return True
    return False


# where the words before a name stop being its title: a sentence's end, a comma, a quote
_TITLE_CUT = re.compile(r"[.,;:()“”\"\n]")
_POST_BEFORE_COMMA = re.compile(
    r"\b(?:" + "|".join(sorted(speech.PERSON_NOUNS, key=len, reverse=True)) + r")\s*,$", re.I
)


def _title_start(doc: Doc, pos: int) -> int:
    lo = max(0, pos - 60)
    return max([lo] + [lo + x.end() for x in _TITLE_CUT.finditer(doc.text[lo:pos])])


def _titled_later(doc: Doc, role: str, owner, after: int) -> str | None:
    """ "The Ugandan army commander said …" and paragraphs later "Ugandan army commander
    Muhoozi Kainerugaba said …": the one person first named after the words with that title
    of that state (none when two are)."""
    owner_key = doc.ref(owner).split("/", 1)[1]
    found = [r for r in _first_named_after(doc, after) if titled(doc, r, role, owner_key)]
    return found[0] if len(found) == 1 else None


def _first_named_after(doc: Doc, after: int) -> list[str]:
    """The persons first named after a position, in key order."""
    named_before = {doc.ref(m) for m in doc.mentions_in(0, after, "person")}
    return sorted(
        {
            doc.ref(m)
            for m in doc.mentions_in(after, len(doc.text), "person")
            if doc.ref(m) not in named_before
        }
    )


def _post_alone_later(doc: Doc, role: str, owner, after: int) -> str | None:
    """ "The new prime minister of Mauritius has said …" and two paragraphs later "PM
    Navinchandra Ramgoolam, elected two weeks ago, …": the one person first named after the
    words with the post alone, whom the text ties to no other state."""
    found = [
        r
        for r in _first_named_after(doc, after)
        if titled(doc, r, role, None) and not _titled_of_other_state(doc, r, owner, len(doc.text))
    ]
    return found[0] if len(found) == 1 else None


_STATES_OWN = {"military", "army", "police", "government", "defence", "defense"}


def _dateline_state(doc: Doc) -> str | None:
    """The state of the story's first dateline ("MINGORA, Pakistan (Reuters) –")."""
    for para in doc.paragraphs:
        end = dateline_end(doc, para.start)
        if end <= para.start:
            continue
        for m in doc.mentions_in(para.start, end):
            if m.kind == "country" and not m.adjective:
                return doc.ref(m)
            ent = doc.entities.get(doc.ref(m))
            if m.kind == "place" and ent is not None and ent.country:
                return f"country/{ent.country}"
        return None
    return None


def _named_bare_next(doc: Doc, after: int, role: str | None) -> str | None:
    """ "The U.N. special envoy for Myanmar called Friday for …" and the next paragraph
    "Christine Schraner Burgener said in her briefing …"; "The top UN official has voiced
    concern …. Talking to the colleagues, Mohamed Ibn Chambas reiterated …": the wire
    style's late name, the title not given again. The one person first named from the words
    to the end of the next paragraph, whom the text never names with a title."""
    paras = [p for p in doc.paragraphs if p.end > after][:2]
    if not paras:
        return None
    named_before = {doc.ref(m) for m in doc.mentions_in(0, after, "person")}
    new = {
        doc.ref(m)
        for m in doc.mentions_in(after, paras[-1].end, "person")
        if doc.ref(m) not in named_before
    }
    if len(new) != 1:
        return None
    (ref,) = new
    if any(titled(doc, ref, post, None) for post in _ANY_ROLE):
        return None
    for m in doc.mentions:
        if m.kind == "person" and doc.ref(m) == ref:
            said = _SAID_TO_BE.match(doc.text, m.end)
            word = said.group(1).lower() if said else None
            if word and (
                word not in speech.PERSON_NOUNS or speech.PERSON_NOUNS[word] not in (role, None)
            ):
                # "Georgia Williams, a local teacher, said"; "Stéphane Dujarric, Spokesman for
                # the Secretary-General": another post, or none
                return None
    return ref


_ANY_ROLE = sorted({r for r in speech.PERSON_NOUNS.values() if r})
# "Schraner Burgener, a veteran Swiss diplomat, said": what the text says the person is
_SAID_TO_BE = re.compile(r",\s+(?:an?\s+)?(?:[\w’'-]+\s+){0,4}?([\w-]+)\s*(?:[,.;]|for\b|of\b)")


def _only_unplaced_head(doc: Doc, owner, before: int) -> str | None:
    """ "Prime Minister Narendra Modi held talks with Maldivian President Mohamed Muizzu. The
    Indian leader stressed …": the one head named before whose title gives no other state."""
    owner_key = doc.ref(owner).split("/", 1)[1]
    found = []
    for ref in {doc.ref(m) for m in doc.mentions_in(0, before, "person")}:
        if not any(titled(doc, ref, post, None, before) for post in _HEAD_POSTS):
            continue
        states = {
            x.key
            for m in doc.mentions_in(0, before, "person")
            if doc.ref(m) == ref
            for x in doc.mentions_in(max(0, m.start - 40), m.start)
            if x.kind == "country"
        }
        if states - {owner_key}:
            continue
        found.append(ref)
    return found[0] if len(found) == 1 else None


# the posts of a state's leader
_HEAD_POSTS = ("president", "prime minister", "chancellor", "premier", "king", "emir", "sultan")
_ROLES = [
    "President",
    "Prime Minister",
    "Minister of Foreign Affairs",
    "Minister of Defence",
    "Secretary General",
    "Spokesperson",
    "Chairman",
    "Ambassador",
]


# one post under two names: a president's press secretary is the spokesman ("Russian
# presidential spokesman said" … "Russian presidential press secretary Dmitry Peskov");
# "Czech Premier Petr Fiala" is "the Czech prime minister"
_SAME_ROLE = {
    "spokes": ("spokes", "press secretary"),
    "prime minister": ("prime minister", "premier", "pm"),
}


def _names_of_role(role: str) -> tuple[str, ...]:
    return _SAME_ROLE.get(role, (role,))


def _role_word_at(text: str, word: str) -> int:
    """Where the role word last starts a word of `text` (-1 if nowhere): "pm" is no post
    inside "development"."""
    found = [m.start() for m in re.finditer(rf"\b{re.escape(word)}", text)]
    return found[-1] if found else -1


def _is_role(post_role: str, role: str) -> bool:
    return any(_role_word_at(post_role.lower(), w) >= 0 for w in _names_of_role(role))


def titled(doc: Doc, ref: str, role: str, owner_key: str | None, before: int | None = None) -> bool:
    """A mention of the person with the role word just before it ("Kazakh President
    Kassym-Jomart Tokayev", "spokesman Ned Price"), of that country when one is said;
    a mention before `before` when given."""
    key = ref.split("/", 1)[1]
    for m in doc.mentions:
        if m.kind != "person" or m.key != key:
            continue
        if before is not None and m.start >= before:
            continue
        raw = doc.text[max(0, m.start - 90) : m.start].rsplit(".", 1)[-1]
        word, at = max(
            ((w, _role_word_at(raw.lower(), w)) for w in _names_of_role(role)),
            key=lambda x: x[1],
        )
        if at < 0 or not _TITLE_RUN.fullmatch(raw[at + len(word) :]):
            continue  # not "Prime Minister's call with Chancellor Scholz"
        if doc.mentions_in(m.start - len(raw) + at + len(word), m.start, "person"):
            continue  # "President A and Prime Minister B": the title is A's
        if owner_key is None:
            return True
        # the title's own words: in its sentence, after any other person named there
        lo = m.start - len(raw)
        lo = max([lo] + [p.end for p in doc.mentions_in(lo, m.start, "person")])
        title_at = m.start - len(raw) + at
        near = [
            x
            for x in doc.mentions_in(lo, m.start)
            if x.start >= title_at or _GLUED_TO_TITLE.fullmatch(doc.text, x.end, title_at)
        ]  # (not "Polish-Lithuanian relations pursued by President A": whose relations)
        near += [
            x
            for x in doc.mentions_in(m.end, m.end + 40, "country")
            if _OF_AFTER_NAME.fullmatch(doc.text, m.end, x.start)
        ]  # "President A of Senegal"
        states = [x for x in near if x.kind == "country" and not x.adjective]
        if len(states) >= 2 and " and " in doc.text[states[0].end : states[-1].start]:
            # "The leaders of Russia and Turkey Vladimir Putin and Recep Tayyip Erdoğan":
            # respectively; the first name is the first state's
            if states[0].key == owner_key:
                return True
            continue
        if any(x.key == owner_key for x in near):
            return True
    return False


_OF_AFTER_NAME = re.compile(r"\s+of\s+(?:the\s+)?")
# what may stand between a state and the title it owns: "Polish President", "Kazakhstan's
# Foreign Minister", "Russian presidential press secretary" (no word that starts a phrase of
# its own: "Polish-Lithuanian relations pursued by President A" are not A's)
_GLUED_TO_TITLE = re.compile(
    r"(?:['’]s)?,?\s*(?:(?!(?:by|with|to|from|in|on|at|for|the|a|an|and|or|of|as|when|that|"
    r"was|is|were|are|has|had|have)\s)[\w-]+\s+){0,3}",
    re.I,
)
# what may stand between a title's role word and the name: "President of Kazakhstan
# Kassym-Jomart Tokayev", "Minister for Foreign Affairs Penny Wong", "spokesman Ned Price"
_TITLE_RUN = re.compile(
    r"[\w-]*(?:\s+(?:of|for|the|and|[A-Z][\w.-]*))*\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?", re.UNICODE
)
_NAMED_BY_NOUN = {
    "mission",
    "ministry",
    "office",
    "department",
    "agency",
    "council",
    "commission",
    "organization",
    "organisation",
    "alliance",
    "union",
    "community",
    "group",
    "committee",
    "secretariat",
}


def _issuer_before(doc: Doc, noun: str, pos: int) -> str | None:
    """Who adopted, issued or released the text "the statement" refers back to: the last
    actor named before the verb of the last sentence before pos that says so."""
    pattern = re.compile(
        # (and "disclosed this through a post on X")
        r"\b(?:adopted|issued|released|published|put out|posted|shared|through|via)\s+"
        r"(?:a|an|its|the|their|his|her)\s+(?:[\w“”\"'-]+\s+){0,3}?" + re.escape(noun) + r"\b",
        re.I,
    )
    paras = [p.start for p in doc.paragraphs if p.start <= pos]
    since = paras[-3] if len(paras) >= 3 else 0  # this paragraph and the two before
    for _pi, sent in reversed(doc.sentences):
        if sent.start >= pos:
            continue
        if sent.start < since:
            return None
        hit = pattern.search(doc.text, sent.start, min(sent.end, pos))
        if hit is None:
            continue
        actors = [
            m
            for m in doc.mentions_in(sent.start, hit.start())
            if m.kind in ("org", "country", "person") and not m.adjective
        ]
        return _country_of(doc, actors[-1]) if actors else None
    return None


def _body_antecedent(
    doc: Doc,
    noun: str,
    sal: speech.Salience,
    said: list[str] | None = None,
    here: list[str] | None = None,
) -> str | None:
    """ "the ministry", "the statement", "the government": the body named before, and one
    whose name has the words the description gives ("the health ministry" is not the
    defence ministry named before). A body the noun names ("the mission") may be named
    earlier in the same sentence (`here`, nearest first)."""
    named_here = [b for b in here or () if noun in _NAMED_BY_NOUN]
    bodies = named_here + list(reversed(sal.speakers)) + list(reversed(sal.bodies))
    bodies = [b for b in bodies if not b.startswith("person/")]
    for b in bodies:
        ent = doc.entities.get(b)
        label = ent.label.lower() if ent else ""
        if said and not all(w in label or w in b for w in said):
            continue
        if noun in _NAMED_BY_NOUN:
            names = [label, *(x.lower() for x in (ent.surfaces if ent else ()))]
            if any(noun in n or (noun == "organisation" and "organization" in n) for n in names):
                return b  # (by any of its names: "UNMISS" is the "... Mission in South Sudan")
            continue
        if noun in ("government", "authorities", "presidency", "administration", "cabinet"):
            if b.startswith("country/"):
                return b
            continue
        if noun in _GROUP_OF_STATES:
            if b.startswith("org/") and _of_states(doc, b, label):
                return b  # "the bloc said": the body of states named before, not a member
            continue
        return b
    return None


# a body of several states, or the people of several ("the leaders discussed"): never one
# of its members
_GROUP_OF_STATES = {
    "bloc",
    "coalition",
    "grouping",
    "leaders",
    "heads",
    "participants",
    "sides",
    "authority",  # "The Authority (of Heads of State) reiterates"
}
_STATES_BODY = re.compile(
    r"\b(?:community|union|organi[sz]ation|league|alliance|association|coalition|bloc|"
    r"group|forum|cooperation)\b"
)


def _of_states(doc: Doc, ref: str, label: str) -> bool:
    """A body states belong to (a union, a community, a league; a top organization the
    lexicon knows), not one of its committees, forces or missions."""
    lx = doc.lex.entries.get(ref)
    if lx is not None and lx.category is not None:
        return False  # a news agency, an armed group, a party: no body of states
    if lx is not None and not lx.parent:
        return True
    return bool(_STATES_BODY.search(label))


def _said_when(doc: Doc, sent: Block, verb_end: int | None) -> DateValue | None:
    """The day it was said: "said on Friday", "told reporters on Friday", "On 9 August, X
    announced"; else the document's own date (basis ng:DocumentDate), since news reports
    what was said for the day it is published."""
    dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
    if verb_end is not None:
        near = [d for d in dates if 0 <= d.start - verb_end <= 40]
        if near:
            return near[0]
    lead = [d for d in dates if d.start - sent.start <= 12]
    if lead:
        return lead[0]
    pub = doc.meta.published
    if pub is not None and pub.value:
        return doc.meta.page_day()
    return None


def _statement_for(doc: Doc, sent: Block, speaker: str, verb_end: int | None = None) -> Statement:
    text = doc.text
    s_text = text[sent.start : sent.end]
    start = _quote_start(doc, sent)
    kind = "ReportedSpeech"
    if start < sent.start or re.search(r"[“\"].{20,}[”\"]", s_text):
        kind = "DirectQuote"
    if _WRITTEN.search(s_text) and not speaker.startswith("person/"):
        kind = "WrittenStatement"
    dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
    about = []
    for c in doc.mentions_in(sent.start, sent.end):
        if c.kind == "country" and not c.adjective:
            ref = doc.ref(c)
            if ref not in about and ref != speaker:
                about.append(ref)
    return Statement(
        span=SpanT(start, sent.end),
        kind=kind,
        speaker=speaker,
        date=(dates[0] if dates and kind == "WrittenStatement" else None)
        or _said_when(doc, sent, verb_end),
        about=about,
    )


def _looks_like_speech(text: str, block: Block) -> bool:
    return bool(_FIRST_PERSON.search(text, block.start, block.end))


def _reports_another(text: str, block: Block) -> bool:
    """A paragraph in the third person that reports words: the narrative, not the speech."""
    return not _looks_like_speech(text, block) and bool(
        _REPORTED.search(text, block.start, block.end)
    )


_SENTENCE_THEN = re.compile(r"[a-z][.!?]\s+[A-Z]")
_REPORTED = re.compile(rf"{VERB.pattern}|\b(?:reported|reports|wrote|tweeted|[Aa]ccording to)\b")


def _whole_document(doc: Doc) -> Statement | None:
    text = doc.text
    paras = doc.paragraphs
    if not paras:
        return None
    meta = doc.meta
    # a speech: a salutation within the first paragraphs, first person throughout
    for idx, p in enumerate(paras[:4]):
        if _SALUTATION.match(text[p.start : p.end]) and len(text[p.start : p.end]) < 80:
            body = paras[idx:]
            first_person = sum(1 for b in body if _looks_like_speech(text, b))
            if first_person >= max(2, len(body) // 3):
                s, e = body[0].start, body[-1].end
                return Statement(
                    span=SpanT(s, e), kind="Speech", speaker=None, date=meta.published, section=True
                )
            break
    # a written statement whose title says so, by the publisher or the body the title names
    author = f"org/{meta.publisher}" if meta.publisher else _title_author(doc)
    if meta.title and author and re.search(r"\bstatement\b", meta.title, re.I):
        start_idx = next(
            (i for i, p in enumerate(paras) if meta.title_span and p.end >= meta.title_span.end),
            -1,
        )
        body = paras[start_idx + 1 :]
        # skip a repeated date line and title: the body starts at the first real paragraph
        while body and (
            len(text[body[0].start : body[0].end]) < 250 and len(sentences(text, body[0])) < 2
        ):
            body = body[1:]
        if body:
            s, e = body[0].start, body[-1].end
            speaker = author
            return Statement(
                span=SpanT(s, e), kind="WrittenStatement", speaker=speaker, date=meta.published
            )
    return None


def _subject(doc: Doc, sent: Block) -> str | None:
    ms = doc.mentions_in(sent.start, min(sent.end, sent.start + 120), "person")
    return doc.ref(ms[0]) if ms else None


def _antecedent(doc: Doc, phrase: str, history: list[str], last_person: str | None) -> str | None:
    """ "He" is the last named speaker; "the Minister" the last one holding a minister's post."""
    role = phrase.lower().removeprefix("the ").replace("foreign ", "").replace("defence ", "")
    role = role.replace("defense ", "").strip()
    if role in ("he", "she"):
        return last_person
    for ref in reversed(history):
        ent = doc.entities.get(ref)
        if ent and any(role in doc.posts[p].role.lower() for p in ent.posts if p in doc.posts):
            return ref
    return last_person


def _sentence_statement(
    doc: Doc,
    sent: Block,
    last_person: str | None,
    last_org: str | None,
    history: list[str] | None = None,
) -> Statement | None:
    text = doc.text
    s_text = text[sent.start : sent.end]
    speaker = None
    kind = "ReportedSpeech"
    history = history or []
    acc = re.search(r"\b[Aa]ccording to\b", s_text)
    for vm in VERB.finditer(s_text):
        vpos = sent.start + vm.start()
        before = text[sent.start : vpos]
        # inverted: ", said António Guterres, Secretary-General"
        if vm.group("v") in ("said", "told") and not before.rstrip().endswith(("he", "she", "it")):
            after = [
                m for m in doc.mentions_in(vpos, min(sent.end, vpos + 40)) if m.kind == "person"
            ]
            if (
                after
                and re.match(r"^\s*$", text[sent.start + vm.end() : after[0].start])
                and re.search(r"[,”\"]\s*$", before)
            ):
                speaker = doc.ref(after[0])
                break
        if _PASSIVE.search(before):
            continue  # "must be resolutely condemned": not a speech act of a subject
        pron = _PRONOUN.search(before[-40:])
        if pron:
            speaker = _antecedent(doc, pron.group("p"), history, last_person)
            break
        opron = _ORG_PRONOUN.search(before[-30:])
        if opron and last_org:
            speaker = last_org
            break
        speaker = _clause_subject(doc, sent.start, vpos) or _post_holder(doc, sent.start, vpos)
        break  # the first speech verb in the active voice decides
    if speaker is None and acc:
        am = _ACCORDING.search(s_text)
        if am:
            speaker = last_person
        elif _ACCORDING_ORG.search(s_text):
            speaker = last_org
        else:
            # "According to Aleksandr Kobrinsky, ...", "According to the Ministry of ..., 1,300"
            start = sent.start + acc.end()
            after = [
                m
                for m in doc.mentions_in(start, min(sent.end, start + 60))
                if m.kind == "person" or (m.kind == "org" and not m.adjective)
            ]
            if after and re.fullmatch(r"\s*(?:the\s+)?", text[start : after[0].start]):
                speaker = doc.ref(after[0])
    if speaker is None:
        return None
    if speaker.startswith("country/"):
        th = _THROUGH.search(s_text)
        if th:
            speaker = _national_body(doc, th.group(1), speaker.split("/", 1)[1])
    start = _quote_start(doc, sent)
    if start < sent.start:
        kind = "DirectQuote"
    elif re.search(r"[“\"].{20,}[”\"]", s_text):
        kind = "DirectQuote"
    if _WRITTEN.search(s_text) and not speaker.startswith("person/"):
        kind = "WrittenStatement"
    dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
    about = []
    for c in doc.mentions_in(sent.start, sent.end):
        if c.kind in ("country",) and not c.adjective:
            ref = doc.ref(c)
            if ref not in about and ref != speaker:
                about.append(ref)
    return Statement(
        span=SpanT(start, sent.end),
        kind=kind,
        speaker=speaker,
        date=dates[0] if dates and kind == "WrittenStatement" else None,
        about=about,
    )


_SUBJ_GAP = re.compile(
    r"^(?:\s*,[^,]{0,200},\s*|\s+|\s*,\s*|\s*,?\s*which\s+(?:has\s+)?)"
    r"(?:also |further |additionally |then |later )?$"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:with|to|from|by|for|against|and)\s+(?:(?:his|her|their|the|its)\s+)?"
    r"(?:[\w-]+\s+){0,3}$"
)
_DELEGATE = re.compile(
    r"(?:^|\s)(?:[Tt]he )?(?:representative|delegate|speaker|[Pp]ermanent [Rr]epresentative)"
    r"(?: for| of) (?:the )?$"
)
_ORG_SUBJ_BEFORE = re.compile(r"(?:^|,\s*)(?:[Tt]he\s+)?(?:[\w’'-]+\s+)?$")
_THROUGH = re.compile(
    r"\bthrough (?:the |its )?((?:[A-Z][\w-]* )*"
    r"(?:Ministry|Embassy|Office|Spokesperson|Press Service)"
    r"(?: of [A-Z][\w ]+?)?)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y|[Mm]e)\b")
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$")
_PRESS = re.compile(
    r"\btold\b.{0,60}\b(?:news agency|correspondent|reporters|journalists|the press|media)\b|"
    r"\bin an interview\b|"
    # a post is written elsewhere: "Orban wrote on X that the summit had failed"
    r"\b(?:wrote|posted|tweeted|said|says|writes)\s+(?:on|in\s+a\s+post\s+on)\s+"
    r"(?:X|Twitter|Facebook|Telegram|Instagram|social\s+media)\b|\bin\s+a\s+(?:post|tweet)\b",
    re.I,
)


def _clause_subject(doc: Doc, sent_start: int, vpos: int) -> str | None:
    """The actor just before the verb, across an appositive: "Bayramov, Minister of ..., noted"."""
    text = doc.text
    cands = [m for m in doc.mentions_in(max(sent_start, vpos - 260), vpos) if not m.adjective]
    for m in reversed(cands):
        gap = text[m.end : vpos]
        if m.kind == "person":
            if _OBJECT_BEFORE.search(text[max(sent_start, m.start - 45) : m.start]):
                continue
            if _SUBJ_GAP.match(gap) or _post_gap(doc, m.end, vpos):
                return doc.ref(m)
        elif m.kind in ("org", "country"):
            if not _SUBJ_GAP.match(gap):
                continue
            lead = text[sent_start : m.start]
            if m.kind == "country" and _DELEGATE.search(lead):
                # "The representative of Kazakhstan said": the state speaks through its delegate
                return doc.ref(m)
            if (
                lead.strip().lower() in ("the", "")
                or (re.fullmatch(r"\s*", gap) and _ORG_SUBJ_BEFORE.search(lead))
                or "which" in gap
            ):
                return doc.ref(m)
    return None


def _post_gap(doc: Doc, s: int, e: int) -> bool:
    """Only a post, country or organization between the name and the verb."""
    gap = doc.text[s:e]
    if len(gap) > 200 or "." in gap.replace("H.E.", ""):
        return False
    stripped = gap
    for m in reversed(doc.mentions_in(s, e)):
        stripped = stripped[: m.start - s] + " X " + stripped[m.end - s :]
    return bool(
        re.fullmatch(
            r"[\s,]*(?:(?:the |The )?[A-Z][\w-]*(?: (?:of|and|the|for|[A-Z][\w-]*|X))*[\s,]*)*",
            stripped,
        )
    )


_OPERATIVE_HEAD = re.compile(
    r"\s*(?:The\s+)?(?:Foreign\s+|Defen[cs]e\s+)?(?:Ministers|Leaders|Heads\s+of\s+State"
    r"(?:\s+and\s+Government)?|Participants|Parties|Sides|Co-Chairs)(?:\s+of\s+[^:\n]{1,80})?"
    r"\s*:\s*"
)
# "Call on …", "Take note …", "Reaffirm …;": a verb with no subject, ending in ";" or "."
_OPERATIVE_ITEM = re.compile(r"\s*(?:\d+[.)]\s*)?[A-Z][a-z]+\b[^\n]*[;.]\s*$")


# "(UN) Secretary General ": a body's short name and the title words before a name
_TITLE_WORDS_BEFORE = re.compile(r"\)?\s*(?:\([A-Z]{2,10}\)\s*)?((?:[A-Z][\w-]*\.?\s+){1,4})")


def _titled_holder_after(doc: Doc, found: list) -> str | None:
    """The one person a subject names after a body and the words of a post ("United Nations
    (UN) Secretary General Ban Ki-moon")."""
    persons = [m for m in found if m.kind == "person"]
    bodies = [m for m in found if m.kind in ("org", "country") and not m.adjective]
    if len(persons) != 1 or not bodies or any(b.start > persons[0].start for b in bodies):
        return None
    p = persons[0]
    if doc.text.startswith(("'s", "’s"), p.end):
        return None  # (not "… President A's spokesman said")
    words = _TITLE_WORDS_BEFORE.fullmatch(doc.text, max(b.end for b in bodies), p.start)
    if words is None or not all(fold(w.rstrip(".")) in TITLES for w in words.group(1).split()):
        return None
    return doc.ref(p)


def _pair_told_at_next(doc: Doc, sent: Block) -> list[str]:
    """The two persons the next sentence names as meeting where this one was said ("The
    pledge was made during bilateral talks … between A and B"), if it does."""
    nxt = doc.sentence_next_to(sent, 1)
    if nxt is None or not lexis.TOLD_DURING.match(doc.text, nxt.start, nxt.end):
        return []
    persons = doc.persons_in(nxt.start, nxt.end)
    return persons if len(persons) == 2 else []


def _meeting_context(doc: Doc, meetings: list[Meeting]):
    """The meeting a position belongs to: the last one reported before it (whether a
    statement there was made at it is decided by _made_at)."""
    ordered = sorted(meetings, key=lambda m: m.span.start)
    starts = [m.span.start for m in ordered]

    def at(pos: int) -> Meeting | None:
        i = bisect.bisect_right(starts, pos)
        return ordered[i - 1] if i else None

    return at


_FORCES_NAME = re.compile(r"\b(?:Defen[cs]e Forces?|Armed Forces|Army|Military)\b")


def _national_body(doc: Doc, name: str, country: str) -> str:
    """ "Turkey ... through the Foreign Ministry": the speaker is Turkey's ministry."""
    from kg.extract.actors import canon_org, entity_for_generic

    if name in ("Armed Forces", "Army"):
        # "the military" in a story that names the state's own forces ("Rwanda Defence
        # Force (RDF)"): that body
        for ref, e in doc.entities.items():
            if ref.startswith("org/") and e.country == country and _FORCES_NAME.search(e.label):
                return ref
    ent = entity_for_generic("org", canon_org(name), country, None, doc.lex)
    ref = f"org/{ent.key}"
    if ref not in doc.entities:
        ent.surfaces.add(name)
        doc.entities[ref] = ent
    return ref


def _made_at(doc: Doc, mt: Meeting, st: Statement) -> bool:
    """A statement reported after a meeting was made there when the speaker is a known
    participant, or the meeting is the one the document reports (in its lead); never when
    the sentence is the report of the meeting itself, the meeting is only announced (dated
    after the document), or a call between others."""
    if st.span.start < mt.span.end and mt.span.start < st.span.end:
        return False
    if st.speaker not in mt.participants and (
        "PhoneCall" in mt.kinds
        # a body's dated session is what a story goes on quoting, lead or not
        or not (doc.in_lead(mt.span.start) or (body_session(mt) and mt.date is not None))
    ):
        return False
    if (
        st.speaker not in mt.participants
        and st.speaker.startswith("person/")
        and not body_session(mt)  # a council's record quotes delegates
    ):
        # someone the story quotes who is not said to take part: at the meeting only when
        # they hold a post, or the sentence speaks of the meeting ("a local teacher said" is not)
        ent = doc.entities.get(st.speaker)
        words = doc.text[st.span.start : st.span.end]
        if (
            not (ent and ent.posts)
            and not _AT_MEETING.search(words)
            and not _OFFICIAL.search(words)
        ):
            return False
    published = doc.meta.published.value if doc.meta.published else None
    if published and mt.date and mt.date.value and mt.date.value > published:
        return False
    said = st.date if st.date is not None and st.date.basis != "DocumentDate" else None
    if said and said.value and mt.date and mt.date.value and said.value != mt.date.value:
        return False
    # a state speaks at the meeting the page reports ("the representative of Kazakhstan said")
    return not st.speaker.startswith("country/") or doc.in_lead(mt.span.start)


# "He told the council", "A told the Security Council", "addressing the General Assembly":
# the speaker spoke in the body's session
_TOLD_THE_BODY = re.compile(
    r"\b(?:told|addressed|addressing|telling|briefed|briefing)\s+the\s+"
    r"(?:(?:U\.N\.|UN|United\s+Nations)\s+)?(?:Security\s+Council|General\s+Assembly|"
    r"[Cc]ouncil|[Aa]ssembly)\b"
)


def body_session(m: Meeting) -> bool:
    """A session of a body ("the UN Security Council met Friday in an emergency session"),
    whether the body was read as its organiser or as its party: those quoted after it spoke
    there."""
    return "Session" in m.kinds and bool(
        m.organizer or any(p.startswith("org/") for p in m.participants)
    )


_OFFICIAL = re.compile(
    r"\b(?:envoy|ambassador|minister|president|secretary|representative|spokes(?:man|woman|"
    r"person)|delegate|delegation|(?:chief )?negotiator|mediator|chair(?:man|woman|person)?|"
    r"commander|general|premier|chancellor)\b",
    re.I,
)
_NEGOTIATOR = re.compile(
    r"\b(?:chief |lead )?negotiator\b"
    r"|\bhead of (?:the |its |his |her )?(?:[\w'’]+ ){0,2}delegation\b",
    re.I,
)
_MEETING_WORDS = "meeting|talks|summit|session|conference|debate|council|videoconference|call"
_AT_MEETING = re.compile(rf"\b(?:{_MEETING_WORDS})\b", re.I)
# a statement that speaks of a meeting or its parties' exchange, not only names it
_OF_MEETING = re.compile(
    rf"\b(?:{_MEETING_WORDS}|visit|discuss(?:ed|ions?)?|agreed|counterpart|sides|parties)\b",
    re.I,
)


def speaks_of(doc: Doc, st: Statement, m: Meeting) -> bool:
    """A statement that speaks of the meeting or of another party to it: its speaker sat
    in it. "Ruto received a letter" after a report of Zelensky's visit does not."""
    words = doc.text[st.span.start : st.span.end]
    if _OF_MEETING.search(words) or _NEGOTIATOR.search(words, 0, 200):
        return True  # (a negotiator or head of delegation quoted after talks sat in them)
    others = {p for p in m.participants if p != st.speaker}
    return any(doc.ref(x) in others for x in doc.mentions_in(st.span.start, st.span.end))


_DEFINITE_POST = re.compile(r"(?:^|[\s,])[Tt]he ([A-Z][\w -]+?) of (?:the )?$")


def _post_holder(doc: Doc, sent_start: int, vpos: int) -> str | None:
    """ "The President of Russia expressed ...": the one person of the document who holds
    that post (named with it here, or holding it on the document's date in the lexicon)."""
    from kg.extract.actors import canon_role
    from kg.extract.context import lexicon_posts

    countries = [m for m in doc.mentions_in(max(sent_start, vpos - 80), vpos, "country")]
    if not countries or not re.fullmatch(r"\s*", doc.text[countries[-1].end : vpos]):
        return None
    c = countries[-1]
    m = _DEFINITE_POST.search(doc.text[max(sent_start, c.start - 60) : c.start])
    if not m:
        return None
    role = canon_role(m.group(1))
    post_key = slug(f"{role} {c.key}")
    holders = set()
    for ref, ent in doc.entities.items():
        if ent.kind != "person":
            continue
        if post_key in ent.posts or any(
            p.key == post_key for p in lexicon_posts(doc, ent.key, [role])
        ):
            holders.add(ref)
    return holders.pop() if len(holders) == 1 else None


def _quote_start(doc: Doc, sent: Block) -> int:
    """ "“We attach ... We wish these events would calm down,” it said.": a quotation that
    closes in this sentence but opened in an earlier one of the paragraph is all one statement."""
    text = doc.text
    s_text = text[sent.start : sent.end]
    close = max(s_text.find("”"), s_text.find('," '), s_text.find('" '))
    if close < 0 or "“" in s_text[:close] or s_text[:close].count('"') % 2 == 1:
        return sent.start
    para = doc.paragraph_at(sent.start)
    if para is None:
        return sent.start
    head = text[para.start : sent.start]
    opened = max(head.rfind("“"), head.rfind('"') if head.count('"') % 2 == 1 else -1)
    if opened < 0 or "”" in head[opened:]:
        return sent.start
    return para.start + opened


_BY = re.compile(r"\b(?:by|of|on behalf of|from)\s+(?:the\s+)?$")


def _title_author(doc: Doc) -> str | None:
    """ "Statement by the High Representative on behalf of the EU": the organization the
    title names after by/of/on behalf of (the last one, which is the one speaking)."""
    span = doc.meta.title_span
    if span is None:
        return None
    found = None
    for m in doc.mentions_in(span.start, span.end, "org"):
        if _BY.search(doc.text[max(span.start, m.start - 20) : m.start]):
            found = doc.ref(m)
    return found


# a sentence ends before the colon: not a label (initials "N." and "Mr." do not count)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bMs)[.!?](?:\s|$)")
_SEPARATOR = re.compile(r"^[\s*_=~#-]+$")
# a reporter's turn in a transcript ends the answer before it
_QUESTION_TURN = re.compile(r"^(?:Q|QUESTION|Question|JOURNALIST|Journalist|REPORTER|Reporter)\s*:")


def _turn_label(doc: Doc, start: int, end: int) -> tuple[str, int] | None:
    """ "President of Russia Vladimir Putin: Thank you." -> (Putin, start of "Thank you").

    A label is a person's name (with a post before it) ending right at a colon near the
    start of the paragraph, with no sentence ending before it."""
    text = doc.text
    colon = text.find(":", start, min(end, start + 120))
    if colon < 0 or _SENTENCE_END.search(text[start:colon]) or colon + 1 >= end:
        return None
    if in_headline(doc, Block(start, end)):
        return None  # "Prime Minister's call with Chancellor Scholz: 12 March 2024": a title
    persons = [m for m in doc.mentions_in(start, colon) if m.kind == "person"]
    last_word = text[start:colon].split()[-1] if text[start:colon].split() else ""
    if persons and not text[persons[-1].end : colon].strip():
        who = doc.ref(persons[-1])
    elif last_word.isupper() and (named := _surname_holder(doc, last_word)):
        who = named  # a State Department transcript's "FOREIGN MINISTER BAERBOCK:"
    elif not persons:
        # "SECRETARY-GENERAL: Good afternoon.": a post, whose holder the text or the
        # lexicon names
        who = _post_label_holder(doc, text[start:colon])
    else:
        who = None
    if who is None:
        return None
    body = colon + 1
    while body < end and text[body] in " \u00a0\t":
        body += 1
    aside = re.match(r"\([^()\n]{1,40}\)[ \u00a0\t]*", text[body:end])
    if aside and body + aside.end() < end:
        body += aside.end()  # "(Via interpreter)": the words start after the stage note
    return who, body


def _surname_holder(doc: Doc, word: str) -> str | None:
    """The one person of the document whose last name is this (capitalised) word."""
    want = word.casefold()
    found = {
        ref
        for ref, ent in doc.entities.items()
        if ref.startswith("person/") and ent.label.split()[-1].casefold() == want
    }
    return found.pop() if len(found) == 1 else None


_POST_LABEL = re.compile(
    r"(?:the\s+)?(?:[A-Za-z-]+\s+){0,3}(?:secretary[- ]general|president|prime minister|"
    r"minister|spokes(?:man|woman|person)|chancellor|chair(?:man|woman|person)?|ambassador)",
    re.I,
)


def _role_words(role: str) -> str:
    return re.sub(r"[^a-z]+", " ", role.lower()).removeprefix("the ").strip()


def _post_label_holder(doc: Doc, label: str) -> str | None:
    """The one person who holds the post a transcript's turn label names: a person the text
    gives that post, else the lexicon's holder of it on the page's day, for a body or state
    the page names."""
    label = label.strip()
    if not _POST_LABEL.fullmatch(label):
        return None
    role = _role_words(label)
    held = {
        r
        for r, ent in doc.entities.items()
        if r.startswith("person/")
        and any(_role_words(doc.posts[p].role) == role for p in ent.posts if p in doc.posts)
    }
    if len(held) == 1:
        return held.pop()
    if held:
        return None
    named = {doc.root_org(m.key) if m.kind == "org" else m.key for m in doc.mentions}
    when = doc.meta.published.value if doc.meta.published else None
    holders = set()
    for ref, lx in doc.lex.entries.items():
        if not ref.startswith("person/"):
            continue
        for spec in lx.posts or ():
            owner = spec.get("org") or spec.get("country")
            if _role_words(spec.get("role", "")) != role or owner not in named:
                continue
            if when is None or not post_held(spec, when):
                continue
            holders.add(ref)
    if len(holders) != 1:
        return None
    ref = holders.pop()
    if ref not in doc.entities:
        lx = doc.lex.entries[ref]
        doc.entities[ref] = Entity(
            kind="person", key=ref.split("/", 1)[1], label=lx.label, qid=lx.qid
        )
    return ref
