"""Deployments of forces: who sends how many to where, when, under whose command.

The whole force (the CSTO Collective Peacekeeping Forces in Kazakhstan) and national
contingents that are part of it (the Kyrgyz contingent of 150) are separate nodes;
numbers are kept per document.
"""

from __future__ import annotations

import re

from kg.extract.claims import KINDS
from kg.extract.context import Doc
from kg.extract.model import DateValue, Deployment, Mention, Span
from kg.extract.numbers import find_numbers

TRIGGER = re.compile(
    r"\b(?:deploy(?:ed|ing|ment)?|sen[dt]|sending|dispatch(?:ed)?|contingent|flew to|stationed|"
    r"introduction of|entry of|peacekeeping operation|peacekeepers)\b",
    re.I,
)
_FORCE = re.compile(r"Forces|Troops|troops|contingent|peacekeep|forces|units", re.I)
_DEST = re.compile(r"(?:\bto|\binto|\bin|\bon the territory of)\s+(?:the\s+)?$", re.I)
_LEGAL = re.compile(
    r"\bArticles?\s+\d+(?:\s*(?:,|and)\s*\d+)*\s+of\s+the\s+(?:fundamental\s+)?(?:\d{4}\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+Treaty(?:\s+of\s+[A-Z]\w+\s+\d{1,2},\s+\d{4})?"
)
_PURPOSE = re.compile(
    r"\b(?:for the purpose of|with the aim of|in order to|with a mandate to|aimed at)\s+"
    r"([^.;]{5,160}?)(?=[.;,]|$| with\b| for a\b)",
    re.I,
)
_STATION = re.compile(r"\b(?:stationed|deployed at|deployed in|command post|based)\b", re.I)
_COMMANDER = re.compile(r"\b(?:commander|in charge of|commanded by|command of)\b", re.I)


def _force_org(doc: Doc, ms: list[Mention]) -> Mention | None:
    for m in ms:
        if m.kind == "org":
            ent = doc.entities.get(doc.ref(m))
            if ent and ("Forces" in ent.label or "Peacekeeping" in ent.label):
                return m
    return None


def _month(d: DateValue | None) -> str | None:
    return d.value.strftime("%Y-%m") if d and d.value else None


def deployments(doc: Doc) -> list[Deployment]:
    text = doc.text
    wholes: dict[str, Deployment] = {}
    parts: dict[str, Deployment] = {}
    ctx_month = _month(doc.meta.published)
    for pi, sent in doc.sentences:
        s_text = text[sent.start : sent.end]
        if not TRIGGER.search(s_text) or not _FORCE.search(s_text):
            continue
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
        force = _force_org(doc, ms)
        month = _month(dates[0]) if dates else (ctx_month or _context_month(doc, sent.start))
        personnel, equipment = _numbers(text, sent.start, sent.end)
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
            d.destination = doc.ref(dest)
            d.personnel = d.personnel or personnel
            d.equipment = d.equipment or equipment
            d.part_of = parent_key
            if (
                dates
                and d.start is None
                and re.search(r"\b(?:sent|flew|deployed|arrived)\b", s_text)
            ):
                d.start = dates[0]
            d.purpose = d.purpose or _purpose(s_text)
            d.evidence.append(Span(sent.start, sent.end))
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
                and re.search(r"troops|forces|peacekeep", text[m.end : m.end + 30], re.I)
            ),
            None,
        )
        if deployer is None or month is None:
            continue
        root = doc.root_org(deployer.key)
        key = f"{root}-{dest.key}-{month}"
        d = wholes.get(key) or Deployment(key=key, span=Span(sent.start, sent.end))
        if d.deployed_by is None or d.deployed_by == f"org/{root}":
            d.deployed_by = doc.ref(deployer)
        d.destination = doc.ref(dest)
        if personnel and d.personnel is None:
            d.personnel = personnel
        if equipment and d.equipment is None:
            d.equipment = equipment
        if (
            dates
            and d.start is None
            and re.search(r"\b(?:decision to send|sent|send|began|started)\b", s_text)
        ):
            d.start = dates[0]
        d.purpose = d.purpose or _purpose(s_text)
        d.evidence.append(Span(sent.start, sent.end))
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
            if _COMMANDER.search(s_text) and re.search(
                r"peacekeep|Forces|contingent|troops", s_text, re.I
            ):
                persons = doc.mentions_in(sent.start, sent.end, "person")
                if persons and main.commander is None:
                    main.commander = doc.ref(persons[0])
                    main.evidence.append(Span(sent.start, sent.end))
    return list(wholes.values()) + list(parts.values())


def _numbers(text: str, s: int, e: int) -> tuple[int | None, int | None]:
    personnel = equipment = armoured = None
    kinds = {k: (a, b) for k, a, b in KINDS}
    for _ns, ne, value, _q in find_numbers(text, s, e):
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
    m = _PURPOSE.search(s_text)
    return m.group(1).strip() if m else None


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


def _context_month(doc: Doc, pos: int) -> str | None:
    before = [d for s, d in doc.dates.full if s < pos]
    return before[-1].strftime("%Y-%m") if before else None
