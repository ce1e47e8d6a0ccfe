"""One document's shared analysis: sentences, dated context, every actor mention.

Built once per document; the event extractors (meetings, statements, deployments,
claims) only read it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract.actors import ActorFinder, entity_for_generic
from kg.extract.dates import DateResolver
from kg.extract.documents_meta import document_meta
from kg.extract.gazetteer import Lexicon, find_mentions, load_lexicon
from kg.extract.model import DocMeta, Entity, Mention, Post
from kg.extract.sentences import Block, all_sentences, paragraphs

_GAP_BEFORE_NAME = re.compile(r"^[\s,:–-]*(?:(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s*)?$")
_GAP_AFTER_NAME = re.compile(r"^\s*,?\s*(?:the\s+)?$")
_RANK_BEFORE = re.compile(
    r"(?:Colonel[- ]General|Lieutenant[- ]General|Major[- ]General|Army General|General|Colonel|"
    r"Admiral|Marshal|H\.\s?E\.|Mr\.|Mrs\.|Ms\.|Dr\.|Mr|Mrs|Ms|Dr)\s*$"
)
# A surname alone may stand for a person the document already named in full.
_CONTEXT_BODIES = {"security council": "un-security-council", "general assembly": None}


@dataclass
class Doc:
    text: str
    lex: Lexicon
    meta: DocMeta
    mentions: list[Mention]
    sentences: list[tuple[int, Block]]
    paragraphs: list[Block]
    dates: DateResolver
    entities: dict[str, Entity] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    meta_key: str = "doc"  # short document hash, for keys of things with no date

    def mentions_in(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and (kind is None or m.kind == kind):
                out.append(m)
            i += 1
        return out

    def ref(self, m: Mention) -> str:
        return f"{m.kind}/{m.key}"

    def root_org(self, key: str) -> str:
        """The top organization: meetings of any of its bodies on one day share a key."""
        seen = set()
        while key not in seen:
            seen.add(key)
            e = self.lex.entries.get(f"org/{key}") or self.entities.get(f"org/{key}")
            if not e or not e.parent:
                return key
            key = e.parent
        return key


def _register(doc: Doc, m: Mention) -> None:
    ref = f"{m.kind}/{m.key}"
    ent = doc.entities.get(ref)
    if ent is None:
        lx = doc.lex.entries.get(ref)
        if lx:
            ent = Entity(
                kind=m.kind,
                key=m.key,
                label=lx.label,
                qid=lx.qid,
                country=lx.country,
                parent=lx.parent,
                category=lx.category,
            )
        else:
            ent = Entity(kind=m.kind, key=m.key, label=m.surface)
        doc.entities[ref] = ent
    if not m.adjective:
        surface = m.surface[4:] if m.surface.lower().startswith("the ") else m.surface
        if surface != surface.upper() or len(surface) > 1:
            ent.surfaces.add(surface)


def build(text: str, doc_key: str = "doc") -> Doc:
    lex = load_lexicon()
    mentions = find_mentions(text, lex)
    mentions = _contextual_bodies(text, mentions)
    mentions, sub_entities = _sub_bodies(text, mentions, lex)
    meta = document_meta(text, mentions, lex)
    doc = Doc(
        text=text,
        lex=lex,
        meta=meta,
        mentions=mentions,
        sentences=all_sentences(text),
        paragraphs=paragraphs(text),
        dates=DateResolver(text, meta.published.value if meta.published else None),
        meta_key=doc_key,
    )
    finder = ActorFinder(text, mentions, lex)
    extra: list[Mention] = []
    generic_entities: dict[str, Entity] = dict(sub_entities)
    # Organizations and facilities named by their form.
    taken = [(m.start, m.end) for m in mentions if m.kind != "country"]
    for s, e, name, country, category in finder.generic_orgs():
        if any(s < te and ts < e for ts, te in taken):
            continue
        kind = "place" if category == "facility" else "org"
        if country is None and kind == "org":
            if meta.publisher_country and re.fullmatch(r"Ministry of Foreign Affairs", name):
                country = meta.publisher_country
            elif not _free_standing_org(name):
                continue
        ent = entity_for_generic(kind, name, country, "facility" if kind == "place" else None, lex)
        generic_entities[f"{kind}/{ent.key}"] = ent
        extra.append(Mention(key=ent.key, kind=kind, start=s, end=e, surface=text[s:e]))
        taken.append((s, e))
    # Persons the lexicon does not know, marked by a post or a title next to them.
    finder.mentions = sorted(mentions + extra, key=lambda m: m.start)
    finder.by_start = {m.start: m for m in finder.mentions}
    phrases = finder.post_phrases()
    person_ms = [m for m in mentions if m.kind == "person"]
    for ph in phrases:
        after = finder.name_at(
            ph.end
            + len(text[ph.end : ph.end + 12])
            - len(text[ph.end : ph.end + 12].lstrip(" ,:–-"))
        )
        gap_start = ph.end
        cand = None
        if after and _GAP_BEFORE_NAME.match(text[gap_start : after[0]]):
            cand = after
        if cand is None:
            before = (
                finder.name_at(ph.start - 2, forward=False)
                if text[ph.start - 2 : ph.start] == ", "
                else None
            )
            if before:
                cand = before
        if cand and not any(cand[0] < m.end and m.start < cand[1] for m in mentions + extra):
            _add_person(text, cand, extra, generic_entities)
    for rk in _RANK_BEFORE_NAMES.finditer(text):
        cand = finder.name_at(rk.end())
        if cand and not any(cand[0] < m.end and m.start < cand[1] for m in mentions + extra):
            _add_person(text, cand, extra, generic_entities)
    # Surnames of persons found generically, used again later ("Kobrinsky said").
    for ent in [e for e in generic_entities.values() if e.kind == "person"]:
        surname = ent.label.split()[-1]
        for mm in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if not any(mm.start() < m.end and m.start < mm.end() for m in mentions + extra):
                extra.append(
                    Mention(
                        key=ent.key,
                        kind="person",
                        start=mm.start(),
                        end=mm.end(),
                        surface=mm.group(),
                    )
                )
    all_mentions = sorted(mentions + extra, key=lambda m: m.start)
    doc.mentions = all_mentions
    doc.starts = [m.start for m in all_mentions]
    doc.entities.update({})
    for m in all_mentions:
        ref = f"{m.kind}/{m.key}"
        if ref in generic_entities and ref not in doc.entities:
            doc.entities[ref] = generic_entities[ref]
        _register(doc, m)
    # Posts: link each post phrase to the person it qualifies.
    finder.mentions = all_mentions
    finder.by_start = {m.start: m for m in all_mentions}
    persons = [m for m in all_mentions if m.kind == "person"]
    del person_ms
    for ph in phrases:
        target = _person_for_phrase(text, ph, persons, phrases)
        if target is None:
            continue
        posts = finder.make_posts(ph) or _lexicon_posts(doc, target.key, ph.roles)
        for post in posts:
            doc.posts[post.key] = post
            doc.entities[f"person/{target.key}"].posts.add(post.key)
    return doc


_RANK_ONLY = re.compile(
    r"^[\s,:–-]*(?:Colonel[- ]General|Lieutenant[- ]General|Major[- ]General|Army General"
    r"|General)\s*$"
)
_RANK_BEFORE_NAMES = re.compile(
    r"(?<![\w-])(?:Colonel[- ]General|Lieutenant[- ]General|Major[- ]General|Army General|"
    r"H\.\s?E\.|Mr\.|Mrs\.|Ms\.)\s*(?=[A-Z])"
)


_NATIONAL = re.compile(
    r"^(?:Ministry|Department|Government|Parliament|Office|Cabinet|Administration|"
    r"Armed|Airborne|Security|Police|Army|Navy|Presidential|National|State|Interior)\b"
)


_GENERIC_WORD = re.compile(
    r"(?:Ministry|Department|Government|Parliament|Office|Cabinet|Administration|Council|Committee|"
    r"Commission|Organi[sz]ation|Agency|Party|Forces|Union|Alliance|Bureau|Service|Services|Centre|Center|"
    r"Autonomous|Nonprofit|Non-profit|Non-governmental|Public|National|International|Regional|Federal|"
    r"Local|State|Joint|General|Special|Treaty|Security|Central|Main|Higher|Supreme|Interim|Provisional|"
    r"Armed|Military|Police|Staff|Command|Secretariat|Assembly|Army|Navy|Guard|Troops|Of|The|For|And)"
)


def _free_standing_org(name: str) -> bool:
    """A name that identifies an organization without saying whose: "Agency for Ethno-National
    Strategies" does, "Foreign Ministry" or "Autonomous Nonprofit Organization" does not."""
    if _NATIONAL.match(name):
        return False
    words = [w for w in name.split() if w[0].isupper()]
    distinctive = [w for w in words if not _GENERIC_WORD.fullmatch(w)]
    return (
        len(words) >= 2
        and len(distinctive) >= 1
        and (len(words) >= 3 or bool(re.search(r" (?:for|of) ", name)))
    )


def _lexicon_posts(doc: Doc, person: str, roles: list[str]) -> list[Post]:
    """ "President Tokayev": the text gives the role, the lexicon knows whose president."""
    from kg.ids import slug

    lx = doc.lex.entries.get(f"person/{person}")
    out = []
    for spec in lx.posts if lx else []:
        if spec.get("role") not in roles:
            continue
        owner = spec.get("org") or spec.get("country")
        kind = "org" if spec.get("org") else "country"
        owner_lx = doc.lex.entries.get(f"{kind}/{owner}")
        out.append(
            Post(
                key=slug(f"{spec['role']} {owner}"),
                label=f"{spec['role']} of {owner_lx.label if owner_lx else owner}",
                role=spec["role"],
                country=spec.get("country"),
                org=spec.get("org"),
            )
        )
    return out


def _add_person(
    text: str, cand: tuple[int, int], extra: list[Mention], ents: dict[str, Entity]
) -> None:
    from kg.ids import slug

    name = text[cand[0] : cand[1]]
    key = slug(name)
    ents.setdefault(f"person/{key}", Entity(kind="person", key=key, label=name))
    extra.append(Mention(key=key, kind="person", start=cand[0], end=cand[1], surface=name))


def _person_for_phrase(text, ph, persons: list[Mention], phrases) -> Mention | None:
    """The person a post phrase belongs to: right after a name (appositive) or right before one.

    "Tokayev, the President of Belarus - Lukashenko": a phrase glued to the next name
    (no comma) is that name's; "Bayramov, Minister ..., H.E. Tileuberdi": a phrase
    followed by a comma belongs to the name before it.
    """
    back = fwd = None
    for p in persons:
        if (
            p.end <= ph.start
            and ph.start - p.end <= 6
            and _GAP_AFTER_NAME.match(text[p.end : ph.start])
        ):
            back = p
    for p in persons:
        if p.start >= ph.end and p.start - ph.end <= 12:
            gap = text[ph.end : p.start]
            if _GAP_BEFORE_NAME.match(gap) or _RANK_ONLY.match(gap):
                fwd = p
                break
    if fwd is not None and (back is None or "," not in text[ph.end : fwd.start]):
        return fwd
    return back


def _contextual_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare "Security Council" is the UN's when the document names the UN and no state's."""
    if not any(m.kind == "org" and m.key in ("un", "un-security-council") for m in mentions):
        return mentions
    out = list(mentions)
    for mm in re.finditer(r"(?<![\w-])Security Council(?![\w-])", text):
        if any(m.start <= mm.start() < m.end for m in mentions):
            continue
        after = text[mm.end() : mm.end() + 30]
        before = text[max(0, mm.start() - 30) : mm.start()]
        if (
            re.match(r"\s+of\b", after)
            or re.search(r"(?:['’]s|\w+(?:an|ish|ani|stani|i)) $", before)
            or re.search(r"Collective $", before)
        ):
            continue
        out.append(
            Mention(
                key="un-security-council",
                kind="org",
                start=mm.start(),
                end=mm.end(),
                surface=mm.group(),
            )
        )
    out.sort(key=lambda m: m.start)

    return out


_BODY = (
    r"(?:Council|Committee|Commission|Secretariat|Assembly|Parliament|Court|Forces|Staff|Command|"
    r"Centre|Center|Conference|Board|Bureau|Mission)"
)
_BODY_OF = re.compile(
    rf"((?:[A-Z][\w-]* ){{0,4}}{_BODY}"
    r"(?: (?:of|for) (?:the )?[A-Z][\w-]*(?: (?:of |and )?[A-Z][\w-]*)*?)?)"
    r" of (?:the )?$"
)
_BODY_AFTER = re.compile(
    rf" ((?:[A-Z][\w-]* ){{0,4}}{_BODY}"
    r"(?: of (?:the )?[A-Z][\w-]*(?: (?:of |and )?[A-Z][\w-]*)*)?)(?![\w-])"
)


def _sub_bodies(
    text: str, mentions: list[Mention], lex: Lexicon
) -> tuple[list[Mention], dict[str, Entity]]:
    """Bodies of a known organization the lexicon does not list: "Council of Foreign Ministers of
    the Shanghai Cooperation Organisation", "SCO Council of Heads of State". They become
    sub-organizations keyed under their parent, like the lexicon's own sub-bodies."""
    from kg.ids import slug

    out: list[Mention] = []
    ents: dict[str, Entity] = {}
    for m in mentions:
        lx = lex.entries.get(f"org/{m.key}") if m.kind == "org" else None
        if lx is None:
            out.append(m)
            continue
        before = _BODY_OF.search(text[max(0, m.start - 120) : m.start])
        after = _BODY_AFTER.match(text, m.end) if not before else None
        if before:
            body = before.group(1)
            start, end = m.start - len(before.group(0)), m.end
        elif after:
            body = after.group(1)
            start, end = m.start, after.end()
        else:
            out.append(m)
            continue
        body = re.sub(r"^(?:The|the) ", "", body)
        if before:
            start = (
                m.start
                - len(before.group(0))
                + (len(before.group(0)) - len(before.group(0).lstrip()))
            )
            start = text.index(body, start)
        key = slug(f"{m.key} {body}")
        ent = ents.get(f"org/{key}") or Entity(
            kind="org",
            key=key,
            label=f"{body} of the {lx.label}" if not lx.label.isupper() else f"{lx.label} {body}",
            parent=m.key,
        )
        ents[f"org/{key}"] = ent
        out = [x for x in out if not (start <= x.start < end)]
        out.append(Mention(key=key, kind="org", start=start, end=end, surface=text[start:end]))
        ents.setdefault(
            f"org/{m.key}",
            Entity(
                kind="org",
                key=m.key,
                label=lx.label,
                qid=lx.qid,
                parent=lx.parent,
                country=lx.country,
            ),
        )
    out.sort(key=lambda x: x.start)
    return out, ents
