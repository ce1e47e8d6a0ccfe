"""Deployments of forces: who sends how many to where, when, under whose command.

The whole force (the CSTO Collective Peacekeeping Forces in Kazakhstan) and national
contingents that are part of it (the Kyrgyz contingent of 150) are separate nodes;
numbers are kept per document.
"""

from __future__ import annotations

import re

from kg.extract.claims import KINDS
from kg.extract.context import Doc
from kg.extract.forces import can_send, national
from kg.extract.lexis import TALLY
from kg.extract.model import DateValue, Deployment, Mention, Span

TRIGGER = re.compile(
    r"\b(?=[dDsScCfFiIeEpPaAnN])"
    r"(?:deploy(?:ed|ing|ment)?|sen[dt]|sending|dispatch(?:ed)?|contingent|flew to|stationed|"
    r"introduction of|entry of|peacekeeping operation|peacekeepers|ferr(?:y|ying|ied)|"
    r"airlift(?:ed|ing)?|arriv(?:e|ed|ing)|numbered|force|peacekeeping mission)\b",
    re.I,
)
_FORCE = re.compile(r"Forces|Troops|troops|contingent|peacekeep|forces|units|\bits force\b", re.I)
_NATIONAL_FORCE = re.compile(
    r"\s+(?:troops|soldiers|peacekeepers|blue\s+helmets|police\s+officers|policemen)\b", re.I
)
_DEST = re.compile(r"(?:\bto|\binto|\bin|\bon the territory of)\s+(?:the\s+)?$", re.I)
_LEGAL = re.compile(
    r"\bArticles?\s+\d+(?:\s*(?:,|and)\s*\d+)*\s+of\s+the\s+(?:fundamental\s+)?(?:\d{4}\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+Treaty(?:\s+of\s+[A-Z]\w+\s+\d{1,2},\s+\d{4})?"
)
# in order of preference: "for the purpose of protecting strategic installations" says more
# than "with a mandate to participate in a peacekeeping operation"
_PURPOSES = [
    re.compile(rf"\b{cue}\s+([^.;]{{5,160}}?)(?=[.;,]|$| with\b| for a\b)", re.I)
    for cue in (
        "for the purpose of",
        "with the aim of",
        "aimed at",
        "in order to",
        "with a mandate to",
    )
]
_STATION = re.compile(
    r"\b(?:stationed|deployed at|deployed in|command post|based in|based at)\b", re.I
)
_COMMANDER = re.compile(r"\b(?:commander|in charge of|commanded by|command of)\b", re.I)


_JOINED_BEFORE = re.compile(
    r"\b(?:join(?:s|ed|ing)?|part\s+of|for|serve\s+(?:with|in)|serving\s+(?:with|in))\s+"
    r"(?:the\s+|an?\s+)?$",
    re.I,
)


def _force_org(doc: Doc, ms: list[Mention]) -> Mention | None:
    """A multinational force (the CSTO Collective Peacekeeping Forces), not a state's own
    armed forces, whose contingents are national parts instead."""
    for m in ms:
        if m.kind == "org":
            ent = doc.entities.get(doc.ref(m))
            if ent and not ent.country and ("Forces" in ent.label or "Peacekeeping" in ent.label):
                return m
    return None


def _month(d: DateValue | None) -> str | None:
    return d.value.strftime("%Y-%m") if d and d.value else None


def deployments(doc: Doc) -> list[Deployment]:
    text = doc.text
    wholes: dict[str, Deployment] = {}
    parts: dict[str, Deployment] = {}
    ctx_month = _month(doc.meta.published)
    last_dest: tuple[int, Mention] | None = None  # (paragraph, destination) of the last sentence
    for pi, sent in doc.sentences:
        s_text = text[sent.start : sent.end]
        if not (TRIGGER.search(s_text) or _STATION.search(s_text)) or not _FORCE.search(s_text):
            continue
        if TALLY.search(s_text):
            continue  # "since 2006, Cambodia has dispatched a total of 4,459 personnel": a sum
        ms = doc.mentions_in(sent.start, sent.end)
        dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
        dest = None
        for m in ms:
            if (
                m.kind == "country"
                and not m.adjective
                and _DEST.search(text[max(sent.start, m.start - 25) : m.start])
            ):
                dest = m
                break
        if dest is None and _STATION.search(s_text) and _force_org(doc, ms):
            # "the command post of the Collective Peacekeeping Forces in Almaty": the forces
            # are in the country of the place they are stationed at
            dest = _country_of_station(doc, ms)
        if dest is not None:
            last_dest = (pi, dest)
        elif (
            last_dest is not None
            and last_dest[0] == pi
            and re.search(r"\bits (?:force|troops|contingent)", s_text)
        ):
            # "... ferrying troops to Kazakhstan. The CSTO said its force numbered 2,500 troops."
            dest = last_dest[1]
        force = _force_org(doc, ms)
        month = (
            _month(dates[0])
            if dates
            else (
                _month_named(doc, s_text)
                or _context_month(doc, sent.start, doc.paragraphs[pi].start)
                or ctx_month
                or _context_month(doc, sent.start)
            )
        )
        personnel, equipment = _numbers(doc, sent.start, sent.end)
        # national contingent: a state sends a contingent
        contributor = None
        if re.search(r"\bcontingent\b", s_text, re.I):
            for m in ms:
                if (
                    m.kind == "country"
                    and (dest is None or m.key != dest.key)
                    and not _DEST.search(text[max(sent.start, m.start - 25) : m.start])
                ):
                    contributor = m
                    break
        if contributor is None and force is None:
            # "MINUSCA welcomed 300 Rwandan peacekeepers": the state a force is called after
            # contributes it, whoever the sentence makes its subject
            contributor = next(
                (
                    m
                    for m in ms
                    if m.kind == "country"
                    and m.adjective
                    and (dest is None or m.key != dest.key)
                    and _NATIONAL_FORCE.match(text, m.end)
                    # (a body named before, as what welcomed or received them, or after:
                    # "Eighteen Ghanaian troops have arrived in Banjul …, the ECOMIG force
                    # commander said")
                    and any(o.kind == "org" and can_send(doc, doc.ref(o)) for o in ms)
                ),
                None,
            )
        if dest is None:
            continue
        if contributor is not None and (personnel or equipment):
            org_root = _parent_org(doc, sent, pi)
            parent_key = f"{org_root}-{dest.key}-{month}" if org_root and month else None
            key = (
                f"{parent_key}/{contributor.key}"
                if parent_key
                else f"{contributor.key}-{dest.key}-{month or 'undated'}"
            )
            d = parts.get(key) or Deployment(key=key, span=Span(sent.start, sent.end))
            d.deployed_by = d.deployed_by or doc.ref(contributor)
            if doc.ref(contributor) not in d.contributors:
                d.contributors.append(doc.ref(contributor))
            d.part_of = parent_key
            _absorb(d, doc, sent, dest, personnel, equipment, dates, _PART_STARTED)
            parts[key] = d
            if parent_key and parent_key not in wholes:
                wholes[parent_key] = Deployment(
                    key=parent_key,
                    span=Span(sent.start, sent.end),
                    destination=doc.ref(dest),
                    deployed_by=f"org/{org_root}",
                )
            if parent_key and doc.ref(contributor) not in wholes[parent_key].contributors:
                wholes[parent_key].contributors.append(doc.ref(contributor))
            continue
        deployer = force or next(
            (
                m
                for m in ms
                if m.kind == "org"
                and re.search(r"troops|forces?\b|peacekeep", text[m.end : m.end + 30], re.I)
                # ("Bissau (PANA) - Eighteen Ghanaian troops": the agency a dateline credits)
                and can_send(doc, doc.ref(m))
                # (not "to join the UN peacekeeping mission", "for UN peacekeeping": what the
                # troops join, whoever sends them)
                and not _JOINED_BEFORE.search(text, max(sent.start, m.start - 30), m.start)
            ),
            None,
        )
        if deployer is None or month is None:
            continue
        root = doc.root_org(deployer.key)
        key = f"{root}-{dest.key}-{month}"
        d = wholes.get(key) or Deployment(
            key=key, span=Span(sent.start, sent.end), implied=force is None
        )
        if d.deployed_by is None or d.deployed_by == f"org/{root}":
            # ("the Indonesian Military (TNI) will send a peacekeeping mission": the state
            # its own force sends for)
            d.deployed_by = national(doc, doc.ref(deployer)) if force is None else doc.ref(deployer)
        _absorb(d, doc, sent, dest, personnel, equipment, dates, _WHOLE_STARTED)
        wholes[key] = d
    # facts stated around the deployment: legal basis, stations, commander
    if wholes:
        main = next(iter(wholes.values()))
        for _pi, sent in doc.sentences:
            s_text = text[sent.start : sent.end]
            lb = _LEGAL.search(s_text)
            if (
                lb
                and main.legal_basis is None
                and re.search(
                    r"decision|deploy|send|units|peacekeep|military assistance|forces", s_text, re.I
                )
            ):
                main.legal_basis = lb.group()
                main.evidence.append(Span(sent.start, sent.end))
            if _STATION.search(s_text) and (
                _force_org(doc, doc.mentions_in(sent.start, sent.end))
                or re.search(r"\b(?:contingents?|troops|peacekeepers|command post)\b", s_text)
            ):
                for m in doc.mentions_in(sent.start, sent.end, "place"):
                    ref = doc.ref(m)
                    if ref not in main.stations:
                        main.stations.append(ref)
                main.evidence.append(Span(sent.start, sent.end))
            cm = _COMMANDER.search(s_text)
            if (
                cm
                and main.commander is None
                and re.search(r"peacekeep|Forces|contingent|troops", s_text, re.I)
            ):
                who = _commander(doc, sent.start, sent.start + cm.start(), sent.end)
                if who:
                    main.commander = who
                    main.evidence.append(Span(sent.start, sent.end))
        _decision(doc, main)
        _withdrawal(doc, list(wholes.values()))
    return list(wholes.values()) + list(parts.values())


_WITHDRAWN = re.compile(
    r"\b(?:withdrawal\b.{0,80}\b(?:was|were|has been|had been) (?:completed|finished|over)|"
    r"(?:completed|finished) (?:the |their |its )?withdrawal|"
    r"(?:have|has|had) (?:all )?(?:left|withdrawn))",
    re.I,
)


def _withdrawal(doc: Doc, wholes: list[Deployment]) -> None:
    """ "The withdrawal of the contingent from Kazakhstan was completed on January 19": the end."""
    text = doc.text
    for _pi, sent in doc.sentences:
        s_text = text[sent.start : sent.end]
        if not _WITHDRAWN.search(s_text) or not _FORCE.search(s_text):
            continue
        dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
        if not dates:
            continue
        for c in doc.mentions_in(sent.start, sent.end, "country"):
            if not re.search(r"\bfrom (?:the )?$", text[max(sent.start, c.start - 12) : c.start]):
                continue
            for d in wholes:
                if d.destination == doc.ref(c) and d.end is None:
                    d.end = dates[0]
                    d.evidence.append(Span(sent.start, sent.end))


_DECISION_OF = re.compile(r"\bdecision of (?:the )?$")
_DECIDED = re.compile(
    r"^(?:['’]s)?,? (?:[\w,’'-]+ ){0,25}?(?:made|adopted|took|taken) an? (?:\w+ )?decision to\b"
)
_POSSESSIVE_DECISION = re.compile(r"^['’]s (?:\w+ )?decision\b")
_DEPLOY_WORDS = re.compile(
    r"\b(?:send|sent|deploy\w*|peacekeep\w*|forces|troops|contingent)\b", re.I
)


def _decision(doc: Doc, dep: Deployment) -> None:
    """ "On January 6, the CSTO Collective Security Council ... made a decision to send ...":
    the body whose decision authorized the deployment, and the day when the text says it."""
    text = doc.text
    for _pi, sent in doc.sentences:
        s_text = text[sent.start : sent.end]
        if "decision" not in s_text or not _DEPLOY_WORDS.search(s_text):
            continue
        for m in doc.mentions_in(sent.start, sent.end, "org"):
            if dep.deployed_by and doc.ref(m) == dep.deployed_by:
                continue
            before = text[max(sent.start, m.start - 20) : m.start]
            after = text[m.end : min(sent.end, m.end + 300)]
            decided = _DECIDED.match(after)
            if not (decided or _DECISION_OF.search(before) or _POSSESSIVE_DECISION.match(after)):
                continue
            if dep.authorized_by is None:
                dep.authorized_by = doc.ref(m)
                dep.decision_span = Span(sent.start, sent.end)
            dates = [d for d in doc.dates.dates_in(sent.start, sent.end) if d.value]
            if decided and dates and doc.ref(m) == dep.authorized_by and dep.decision_date is None:
                dep.decision_date = dates[0]
                dep.decision_span = Span(sent.start, sent.end)
            break


_PART_STARTED = re.compile(r"\b(?:sent|flew|deployed|arrived)\b")
_WHOLE_STARTED = re.compile(r"\b(?:decision to send|sent|send|began|started)\b")


def _absorb(
    d: Deployment, doc: Doc, sent, dest: Mention, personnel, equipment, dates, started
) -> None:
    """What one sentence says of a deployment; the first value a document gives is kept."""
    s_text = doc.text[sent.start : sent.end]
    d.destination = doc.ref(dest)
    d.personnel = d.personnel if d.personnel is not None else personnel
    d.equipment = d.equipment if d.equipment is not None else equipment
    if dates and d.start is None and started.search(s_text):
        d.start = dates[0]
    d.purpose = d.purpose or _purpose(s_text)
    d.evidence.append(Span(sent.start, sent.end))


def _country_of_station(doc: Doc, ms: list[Mention]) -> Mention | None:
    for m in ms:
        lx = doc.lex.entries.get(f"place/{m.key}") if m.kind == "place" else None
        if (
            lx is not None
            and lx.country
            and re.search(
                r"\b(?:in|at)\s+(?:the\s+)?(?:city of\s+)?$",
                doc.text[max(0, m.start - 20) : m.start],
            )
        ):
            return Mention(
                key=lx.country, kind="country", start=m.start, end=m.end, surface=m.surface
            )
    return None


def _commander(doc: Doc, start: int, kw: int, end: int) -> str | None:
    """The person the word "commander" points at: "Commander of the ... Forces Colonel General
    Andrey Serdyukov", "its commander, Colonel-General Andrei Serdyukov", or before it:
    "Serdyukov ... was appointed commander of ..." (the nearest, not the first in the sentence)."""
    persons = doc.mentions_in(start, end, "person")
    after = [p for p in persons if p.start >= kw and p.start - kw <= 120]
    if after:
        return doc.ref(after[0])
    before = [p for p in persons if p.end <= kw]
    return doc.ref(before[-1]) if before and kw - before[-1].end < 200 else None


def _numbers(doc: Doc, s: int, e: int) -> tuple[int | None, int | None]:
    text = doc.text
    personnel = equipment = armoured = None
    kinds = {k: (a, b) for k, a, b in KINDS}
    for _ns, ne, value, _q in doc.numbers_in(s, e):
        after = text[ne : min(e, ne + 60)]
        after = re.split(r"[,;()]|\sand\s(?=\S*\d)", after)[0]
        if kinds["Personnel"][0].search(after) and personnel is None:
            personnel = int(value)
        elif (
            re.search(r"^\s*(?:\w+\s+){0,3}(?:equipment|vehicles)\b", after, re.I)
            and not re.search(r"armou?red", after, re.I)
            and equipment is None
        ):
            equipment = int(value)
        elif (
            re.search(r"^\s*(?:\w+\s+){0,3}armou?red vehicles\b", after, re.I) and armoured is None
        ):
            armoured = int(value)
    # armoured vehicles are the equipment only when no other count of vehicles is given
    return personnel, equipment if equipment is not None else armoured


def _purpose(s_text: str) -> str | None:
    for rx in _PURPOSES:
        m = rx.search(s_text)
        if m:
            return m.group(1).strip()
    return None


def _parent_org(doc: Doc, sent, pi: int) -> str | None:
    """The organization a national contingent serves under, named in the same paragraph."""
    para = doc.paragraphs[max(0, pi - 1)] if pi > 0 else doc.paragraphs[pi]
    end = doc.paragraphs[pi].end
    ptext = doc.text[para.start : end]
    for m in doc.mentions_in(para.start, end, "org"):
        ent = doc.lex.entries.get(f"org/{m.key}")
        if ent is None:
            continue
        if re.search(r"peacekeep|Forces", ent.label, re.I) or (
            re.search(r"Treaty|Alliance|Organi[sz]ation", ent.label)
            and re.search(r"peacekeeping|collective|military assistance", ptext, re.I)
        ):
            return doc.root_org(m.key)
    return None


_MONTH_ONLY = re.compile(
    r"\bin (?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?: (?P<year>(?:19|20)\d\d))?\b"
)


def _month_named(doc: Doc, s_text: str) -> str | None:
    """ "its first peacekeeping deployment to Kazakhstan in January", read in February."""
    from kg.extract.dates import MONTHS

    m = _MONTH_ONLY.search(s_text)
    if not m:
        return None
    month = MONTHS[m.group("mon").lower()]
    if m.group("year"):
        return f"{m.group('year')}-{month:02d}"
    anchor = doc.meta.published.value if doc.meta.published else None
    if anchor is None:
        return None
    year = anchor.year - 1 if month > anchor.month else anchor.year
    return f"{year}-{month:02d}"


def _context_month(doc: Doc, pos: int, since: int = 0) -> str | None:
    """The month of the nearest full date written before pos (and after since)."""
    before = [d for s, d in doc.dates.full if since <= s < pos]
    return before[-1].strftime("%Y-%m") if before else None
