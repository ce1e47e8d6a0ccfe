"""Statements: who said what, when, where.

Three shapes: reported speech in a sentence ("He noted that ...", "The Minister
emphasized ...", "..., the ministry added"), a transcript section (a header such as
"Speech by the President of the Republic of Belarus Alexander Lukashenko:" and the
paragraphs after it), and a document that is itself one speech or one written
statement. "He" and "the Minister" go to the last named speaker of the passage.
"""

from __future__ import annotations

import re

from kg.extract.context import Doc
from kg.extract.model import Meeting, Statement
from kg.extract.model import Span as SpanT
from kg.extract.numbers import find_numbers
from kg.extract.sentences import Block, sentences

VERBS = (
    r"stated|said|says|noted|underlined|emphasi[sz]ed|stressed|added|indicated|pointed out|told|"
    r"declared|announced|expressed|welcomed|proposed|pledged|underscored|updated|presented|referred|"
    r"praised|assured|urged|recalled|explained|signall?ed|suggested|promised|briefed|warned|affirmed|"
    r"reaffirmed|highlighted|mentioned|condemned|went on to say|argued|punctuated|informed|"
    r"voiced|called on|called for|reiterated|confirmed|insisted|observed|remarked|replied|"
    r"spoke about|"
    r"issued (?:a |an |its )?(?:written |joint )?(?:statement|declaration|communiqu[eé])"
)
VERB = re.compile(rf"\b(?:also |further |additionally |then |later )?(?P<v>{VERBS})\b")
_PRONOUN = re.compile(
    r"(?:^|[\s,“\"])(?P<p>[Hh]e|[Ss]he|[Tt]he [Mm]inister|[Tt]he [Ss]ecretary[- ][Gg]eneral|"
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
_HEADER = re.compile(
    r"^(?:(?:The )?(?:[Ss]peech|[Ss]tatement|[Aa]ddress|[Rr]emarks|[Oo]pening remarks"
    r"|[Cc]losing remarks)\b.{0,300}"
    r"|.{0,300}\b(?:spoke again|spoke|said|stated|took the floor)\b.{0,120})[:：]{1,2}\s*$"
)
_INLINE = re.compile(
    r"^(?P<name>[A-Z]\.\s?[A-Z][\w’'-]+|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}):\s+\S"
)
_SALUTATION = re.compile(
    r"^(?:Dear|Distinguished|Excellenc|Ladies and|Friends|Colleagues|Mr\.? Chairman"
    r"|Your Excellenc)",
    re.I,
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
    covered: list[tuple[int, int]] = []
    meeting_at = _meeting_context(doc, meetings)

    # 1. transcript sections
    i = 0
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
        for j in range(idx + 1, stop):
            line = text[paras[j].start : paras[j].end]
            if _SECTION_END.match(line) or _INLINE.match(line) and j != idx + 1:
                break
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
                numbers=_numbers(text, s, e),
            )
        )
        covered.append((paras[idx].start, e))
        i += 1
    # inline "N. Pashinyan: Thank you ..."
    for idx, p in enumerate(paras):
        if idx in header_idx or any(a <= p.start < b for a, b in covered):
            continue
        m = _INLINE.match(text[p.start : p.end])
        if not m:
            continue
        who = [x for x in doc.mentions_in(p.start, p.start + m.end("name")) if x.kind == "person"]
        if not who:
            continue
        s = p.start + m.end() - 1
        mt = meeting_at(p.start)
        out.append(
            Statement(
                span=SpanT(s, p.end),
                kind="DirectQuote",
                speaker=doc.ref(who[0]),
                date=mt.date if mt else None,
                meeting=mt.key if mt else None,
            )
        )
        covered.append((p.start, p.end))

    # 2. the whole document is one speech or one written statement
    if not out:
        whole = _whole_document(doc)
        if whole:
            out.append(whole)
            covered.append((whole.span.start, whole.span.end))

    # 3. reported speech, sentence by sentence
    last_person: str | None = None
    last_org: str | None = None
    for _pi, sent in doc.sentences:
        if any(a <= sent.start < b for a, b in covered):
            continue
        st = _sentence_statement(doc, sent, last_person, last_org)
        # people and bodies named as subjects become the antecedents
        if st is None:
            subj = _subject(doc, sent)
            if subj and subj.startswith("person/"):
                last_person = subj
            continue
        if st.speaker and st.speaker.startswith("person/"):
            last_person = st.speaker
        elif st.speaker:
            last_org = st.speaker
        mt = meeting_at(sent.start)
        if (
            mt
            and st.speaker
            and _made_at(doc, mt, st)
            and not _PRESS.search(text[sent.start : sent.end])
        ):
            st.meeting = mt.key
            st.date = st.date or mt.date
        out.append(st)
    return out


def _looks_like_speech(text: str, block: Block) -> bool:
    return bool(re.search(r"\b(?:I|we|We|our|us)\b", text[block.start : block.end]))


def _numbers(text: str, s: int, e: int) -> frozenset[int]:
    return frozenset(
        int(v) for _a, _b, v, _q in find_numbers(text, s, e) if v >= 10 and float(v).is_integer()
    )


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
                    span=SpanT(s, e),
                    kind="Speech",
                    speaker=None,
                    date=meta.published,
                    section=True,
                    numbers=_numbers(text, s, e),
                )
            break
    # a written statement whose title says so, by the publisher
    if meta.title and meta.publisher and re.search(r"\bstatement\b", meta.title, re.I):
        start_idx = next(
            (i for i, p in enumerate(paras) if meta.title_span and p.end >= meta.title_span.end), 0
        )
        body = paras[start_idx + 1 :]
        # skip a repeated date line and title: the body starts at the first real paragraph
        while body and (
            len(text[body[0].start : body[0].end]) < 250 and len(sentences(text, body[0])) < 2
        ):
            body = body[1:]
        if body:
            s, e = body[0].start, body[-1].end
            speaker = f"org/{meta.publisher}"
            return Statement(
                span=SpanT(s, e),
                kind="WrittenStatement",
                speaker=speaker,
                date=meta.published,
                numbers=_numbers(text, s, e),
            )
    return None


def _subject(doc: Doc, sent: Block) -> str | None:
    ms = doc.mentions_in(sent.start, min(sent.end, sent.start + 120), "person")
    return doc.ref(ms[0]) if ms else None


def _sentence_statement(
    doc: Doc, sent: Block, last_person: str | None, last_org: str | None
) -> Statement | None:
    text = doc.text
    s_text = text[sent.start : sent.end]
    speaker = None
    kind = "ReportedSpeech"
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
        pron = _PRONOUN.search(before[-40:])
        if pron:
            speaker = last_person
            break
        opron = _ORG_PRONOUN.search(before[-30:])
        if opron and last_org:
            speaker = last_org
            break
        subj = _clause_subject(doc, sent.start, vpos)
        if subj:
            speaker = subj
            break
    if speaker is None and acc:
        am = _ACCORDING.search(s_text)
        if am:
            speaker = last_person
        else:
            after = [
                m
                for m in doc.mentions_in(
                    sent.start + acc.end(), min(sent.end, sent.start + acc.end() + 40)
                )
                if m.kind in ("person",)
            ]
            if after:
                speaker = doc.ref(after[0])
    if speaker is None:
        return None
    if speaker.startswith("country/"):
        th = _THROUGH.search(s_text)
        if th:
            speaker = _national_body(doc, th.group(1), speaker.split("/", 1)[1])
    if re.search(r"[“\"].{20,}[”\"]", s_text):
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
        span=SpanT(sent.start, sent.end),
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
_ORG_SUBJ_BEFORE = re.compile(r"(?:^|,\s*)(?:[Tt]he\s+)?(?:[\w’'-]+\s+)?$")
_THROUGH = re.compile(
    r"\bthrough (?:the |its )?((?:[A-Z][\w-]* )*"
    r"(?:Ministry|Embassy|Office|Spokesperson|Press Service)"
    r"(?: of [A-Z][\w ]+?)?)\b"
)
_PRESS = re.compile(
    r"\btold\b.{0,60}\b(?:news agency|correspondent|reporters|journalists|the press|media)\b|"
    r"\bin an interview\b",
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


def _meeting_context(doc: Doc, meetings: list[Meeting]):
    """The meeting a position belongs to: the last one reported (not announced) before it."""
    spans = sorted(((m.span.start, m) for m in meetings), key=lambda x: x[0])

    def at(pos: int) -> Meeting | None:
        cur = None
        for s, m in spans:
            if s <= pos:
                cur = m
        return cur

    return at


def _national_body(doc: Doc, name: str, country: str) -> str:
    """ "Turkey ... through the Foreign Ministry": the speaker is Turkey's ministry."""
    from kg.extract.actors import canon_org, entity_for_generic

    ent = entity_for_generic("org", canon_org(name), country, None, doc.lex)
    ref = f"org/{ent.key}"
    if ref not in doc.entities:
        ent.surfaces.add(name)
        doc.entities[ref] = ent
    return ref


def _made_at(doc: Doc, mt: Meeting, st: Statement) -> bool:
    """A statement reported after a meeting was made there, unless the meeting is a call
    between others, or is only announced (dated after the document)."""
    if "PhoneCall" in mt.kinds and st.speaker not in mt.participants:
        return False
    published = doc.meta.published.value if doc.meta.published else None
    if published and mt.date and mt.date.value and mt.date.value > published:
        return False
    if st.date and st.date.value and mt.date and mt.date.value and st.date.value != mt.date.value:
        return False
    return not st.speaker.startswith("country/")
