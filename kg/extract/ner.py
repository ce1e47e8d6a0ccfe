"""Actors from the entity recogniser: persons, organizations and places the lexicon does
not know, typed and keyed like the lexicon's own.

The statistical recogniser finds the names; the gazetteers decide what a name is when
they know it (a GPE that is a country is the country, "Cabo Delgado" is a province even
when the recogniser calls it a person), and a few checks on the text fix what the small
model gets wrong most often in news (an acronym read as a person, a title read as part
of a name). The lexicon's matches always win: they carry keys and Wikidata ids.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract import world
from kg.extract.dates import WEEKDAYS
from kg.extract.gazetteer import Lexicon, fold_text
from kg.extract.lexis import BUILDING_WORDS, SHIP_PREFIXES
from kg.extract.model import Entity, Mention
from kg.extract.names import (
    CALENDAR,
    GLUED_INITIALS,
    LINKS,
    NON_NAME_WORDS,
    PORTFOLIO_WORDS,
    TITLES,
    clean_person,
    ends_in_remit,
    name_skeleton,
)
from kg.extract.sentences import DATELINE_DAY, blank_out
from kg.ids import fold, slug

LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_ARTICLE = re.compile(r"^(?:the|The|THE|[Tt]his|[Tt]hese|[Tt]hose)\s+")  # ("This Regional Force")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,9}$")
# Names the small model reads as entities and that are none of ours.
_NOT_ACTOR = re.compile(
    r"^(?:[A-Z][a-z]+day|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|COVID(?:-19)?|Covid(?:-19)?|Twitter|Facebook|Telegram|X|Instagram|"
    r"YouTube|Google|Islamic|Muslim|Christian|Christmas|Easter|Ramadan|Eid|God|Allah|"
    r"Lord|Source|Photo|Reuters Photo|AFP Photo|File Photo|Read|Related|Tags|Share|Updated|"
    r"English|French|Russian|Arabic|Spanish|Portuguese|Chinese|Swahili)$"
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_GENERIC_PLACE = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower)(?:ern)?$",
    re.I,
)

# a part of the world, never a person's name: "Middle East", "Latin America", "West Africa"
_WORLD_REGION = re.compile(
    r"(?:(?:Middle|Near|Far|Latin|South|North|East|West|Central|Southeast|Northeast|Southern"
    r"|Northern|Eastern|Western|Sub-Saharan) )+(?:East|Asia|Africa|America|Europe|Pacific)"
)


@dataclass
class Found:
    mentions: list[Mention]
    entities: dict[str, Entity]


_SPACED_DASH = re.compile(r" [–—] ")


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article, a trailing possessive and surrounding punctuation."""
    span = text[start:end]
    m = _ARTICLE.match(span)
    if m:
        start += m.end()
    span = text[start:end]
    m = _POSSESSIVE.search(span)
    if m and m.start() > 0:
        end = start + m.start()
    dash = _SPACED_DASH.search(text, start, end)
    if dash is not None:
        end = dash.start()  # "The Iran Project – Foreign Ministry Spokesman …": two names
    open_at = text.find("(", start, end)
    if open_at > start and text.find(")", open_at, end) < 0:
        end = open_at  # "Federal Government of Somalia (FGS": the name before the bracket
    while start < end and text[start] in " \"“”'‘’(-–,.":
        start += 1
    while end > start and text[end - 1] in " \"“”'‘’)-–,:;":
        end -= 1
    while True:  # "the Great Hall of the People later": a name ends with a name's word
        last = _LOWER_TAIL.search(text, start, end)
        if last is None or last.start() <= start:
            break
        end = last.start()
    seat = _SEAT_TAIL.search(text, start, end)
    if seat is not None:
        end = seat.start(1)  # "the Foreign Ministry in Colombo said": the city is its seat
    day = _WEEKDAY_TAIL.search(text, start, end)
    if day is not None and day.start() > start:
        end = day.start()  # "made the vow in Abuja Saturday": the day is no part of the name
    platform = _PLATFORM_TAIL.search(text, start, end)
    if platform is not None and platform.start() > start:
        end = platform.start()  # "The Ministry of Foreign Affairs on Facebook also said"
    return start, end


# "Gen. Terrence O’Shaughnessy": the model stops a name before a surname with a curly
# apostrophe ("O’", "D’"); the surname is the name's
# ("Fiame Naomi" + "Mata’afa": a Polynesian surname with its glottal stop written as an
# apostrophe, likewise)
_APOSTROPHE_SURNAME = re.compile(r" (?:(?:O|D)[’'][A-Z][a-z]+|[A-Z][a-z]+[’'][a-z]{2,})(?![\w’'-])")
# "President Arthur Peter Mutharika Monday met …": the model may end the name before the
# surname the day follows
_SURNAME_BEFORE_A_DAY = re.compile(
    rf" ([A-Z][a-z’'-]+)(?= (?:{'|'.join(d.title() for d in WEEKDAYS)})\b)"
)
# "Mohammed bin Abdulrahman bin Jassim" + "Al Thani": after a chain of "bin", the model may
# stop before the family name; the family name is the name's
_FAMILY_AFTER_BIN = re.compile(
    r"(?: (?:bin|ibn|bint) [A-Z][a-z]+)* (?:Al|El|al|el)[ -][A-Z][a-z]+(?![\w'’-])"
)
_PATRONYMIC = re.compile(r" (?:bin|ibn|bint) ")
# where a body posts, read as a word of its name
_PLATFORM_TAIL = re.compile(
    r" (?:on|via) (?:Facebook|Twitter|X|Instagram|Telegram|YouTube|TikTok|WhatsApp|LinkedIn|"
    r"Weibo|WeChat)$"
)
_SEAT_TAIL = re.compile(
    r"\b(?:Ministry|Ministries|Department|Government)( in [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})$"
)
_TOWN_OF = re.compile(r"\b(?:city|town|village|port|capital)\s+of\s+(?:the\s+)?$")
_REGION_AFTER = re.compile(
    r"\s+(?:tribal\s+|border\s+|autonomous\s+)?(?:region|province|district|valley|county|"
    r"territory|governorate|prefecture|oblast)\b(?!\s+of\b)"  # (not "Pacific territory of …")
)
_REGION_AFTER_ANY_CASE = re.compile(_REGION_AFTER.pattern, re.I)


def _named_as_region(text: str, name: str) -> bool:
    """The story names `name` with a region's word after it somewhere ("the Swat valley")."""
    return any(
        _REGION_AFTER_ANY_CASE.match(text, m.end())
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    )


# capitalised words, none a possessive ("Mozambique's Cabo Delgado" is two names)
_CAPITALISED = re.compile(r"(?![^\s]*['’]s\b)[A-Z][\w’'-]*(?:\s(?![^\s]*['’]s\b)[A-Z][\w’'-]*)*")
_WEEKDAY_TAIL = re.compile(rf" (?:{'|'.join(d.title() for d in WEEKDAYS)})$")
_LOWER_TAIL = re.compile(
    r" (?!(?:de|da|di|do|dos|du|del|der|la|le|van|von|bin|ibn|al|el|province|region|state|"
    r"district|city|county|island|islands|river|sea|coast|valley|mountains|corridor|border|"
    r"to|of|and|in|for|with|the|at|on|by|from|as|or)"
    r"\b)[a-z]+$"
)


def find(
    text: str,
    recognised: list[tuple[int, int, str]],
    known: list[Mention],
    lex: Lexicon,
) -> Found:
    """Mentions of the recogniser's actors that the lexicon's mentions do not already cover."""
    taken = sorted((m.start, m.end, m) for m in known)
    out: list[Mention] = []
    ents: dict[str, Entity] = {}
    countries = {m.key for m in known if m.kind == "country"}
    prefer = {lex.entries[f"country/{k}"].iso2 for k in countries if f"country/{k}" in lex.entries}
    prefer.discard(None)
    headline = headline_end(text)
    drop: set[int] = set()  # lexicon mentions inside a personal name
    recognised = _first_of_two_names(text, recognised, known)
    recognised = _names_the_model_missed(text, recognised, known)
    recognised = [
        (
            a,
            m.end()
            if label == "PERSON"
            and (
                (m := _APOSTROPHE_SURNAME.match(text, b))
                or ((m := _SURNAME_BEFORE_A_DAY.match(text, b)) and _may_be_name_word(m.group(1)))
            )
            else b,
            label,
        )
        for a, b, label in recognised
    ]
    for start, end, label in _joined(text, _with_posted_names(text, recognised)):
        kind = LABELS.get(label)
        if kind is None:
            continue
        s, e = _clean(text, start, end)
        if kind == "person" and _PATRONYMIC.search(text, s, e):
            family = _FAMILY_AFTER_BIN.match(text, e)
            e = family.end() if family else e
        if kind == "org" and _SEAT_OF_POWER.search(text, s, e):
            kind = "place"  # "the Élysée Palace", "State House Nairobi": where, not who
        if (
            kind in ("person", "org")
            and (
                _TOWN_OF.search(text, max(0, s - 30), s)
                or _REGION_AFTER.match(text, e)
                # "in Swat in May" where the story says "the troubled Swat valley"
                or _named_as_region(text, text[s:e])
            )
            and _CAPITALISED.fullmatch(text, s, e)
        ):
            kind = "place"  # "the Surinamese border town of Nieuw Nickerie"
        if e - s < 2 or not _HAS_LETTER.search(text[s:e]):
            continue
        surface = text[s:e]
        if _NOT_ACTOR.match(surface) or "\n" in surface or _URLISH.search(surface):
            continue
        if not any(c.isupper() for c in surface):
            continue  # "escaped … to the bush for safety": no name, whatever the model says
        if s < headline and surface not in text[headline:]:
            continue  # a title-case headline: the small model reads its verbs as names
        inside = [m for (ms, me, m) in taken if ms < e and s < me]
        if (
            kind in ("org", "person")
            and inside
            and all(m.kind != "person" for m in inside)
            and max(m.end for m in inside) < e - 2
            and _person_in_org(text, s, e, inside, out, ents)
        ):
            continue
        if (
            kind == "org"
            and inside
            and all(s <= m.start and m.end <= e for m in inside)
            and inside[0].kind == "org"
            and _BODY_END.search(surface)
            and max(m.end - m.start for m in inside) < (e - s) - 4
        ):
            # "the NATO-Ukraine Council": a body of the organization the name starts with
            parent = inside[0].key
            rest = text[inside[0].end : e].strip()
            if len(inside) == 1 and inside[0].start == s and _NAME_RUN.fullmatch(rest):
                # "the United Nations Stabilization Mission" is the "UN Stabilization Mission"
                # (a body the parent's name opens, keyed as context's sub-bodies are)
                key = slug(f"{parent} {rest}")
                ents.setdefault(f"org/{key}", Entity(kind="org", key=key, label=surface))
                out.append(Mention(key=key, kind="org", start=s, end=e, surface=surface))
            else:
                key = _add(out, ents, "org", surface, s, e)
            ents[f"org/{key}"].parent = ents[f"org/{key}"].parent or parent
            continue
        if (
            inside
            and kind == "person"
            and len(inside) == 1
            and inside[0].kind == "org"
            and inside[0].start == s
            and " " not in inside[0].surface
            and _TITLE_BEFORE.search(text, max(0, s - 40), s)
        ):
            # "General Wagner Bravo": a body's one-word name (the Wagner Group's) as the
            # given name of someone a title announces
            s2, e2, label = clean_person(text, s, e)
            if label and " " in label and s2 == s:
                drop.update(id(m) for m in inside)
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
                continue
        if kind == "person" and _kin_of_known(text, s, e, inside, lex):
            # "first lady Dr. Jill Biden": the lexicon's "Biden" is Joe Biden's surname; the
            # given name before it names another person
            drop.update(id(m) for m in inside)
            s2, e2, label = clean_person(text, s, e)
            if label:
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
            continue
        if inside and not all(
            m.kind in ("country", "place") and s <= m.start and m.end <= e for m in inside
        ):
            continue  # the lexicon's organization or person stands
        if (
            inside
            and kind == "place"
            and (_PLACE_HEAD.search(surface) or _WATER_OF.match(surface))
            and not any(m.start == s and m.end == e for m in inside)  # "Solomon Islands"
        ):
            # "the South China Sea", "Northern Ireland": the country's name is part of the
            # place's
            drop.update(id(m) for m in inside if s <= m.start and m.end <= e)
            _add_place(out, ents, surface, s, e, None, lex)
            continue
        if inside and kind != "org" and kind != "person":
            continue
        if (
            inside
            and kind == "person"
            and len(inside) == 1
            and inside[0].start == s
            and inside[0].kind == "country"
            and len(text[inside[0].end : e].split()) >= 2
        ):
            # "Venezuela Armando Benedetti": a country before a name, read as one
            s2, e2, label = clean_person(text, inside[0].end + 1, e)
            if label and " " in label:
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
            continue
        if inside and kind == "person" and all(m.kind in ("country", "place") for m in inside):
            # "Georgia Williams", "Jordan Bardella": a personal name with a place's word in it
            s2, e2, label = clean_person(text, s, e)
            if (
                label
                and " " in label
                and s2 <= min(m.start for m in inside)
                and not any(m.adjective for m in inside)
                and all(m.end - m.start < e2 - s2 for m in inside)
            ):
                drop.update(id(m) for m in inside)
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
                continue
        if kind in ("org", "person") and _person_in_org(text, s, e, inside, out, ents):
            continue
        remit = _name_after_remit(text, s, e) if kind == "org" and not inside else None
        if remit is not None:
            # "US special representative for the Balkans Matthew Palmer": the region of the
            # post, then its holder
            s2, e2, label = clean_person(text, remit, e)
            if label and " " in label:
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
                continue
        split = _name_after_body(text, s, e) if kind == "org" and not inside else None
        if split is not None:
            # "Chairman of the Hà Nội municipal People's Committee Trần Sỹ Thanh": the body,
            # then the person who heads it
            s2, e2, label = clean_person(text, split[1], e)
            if label:
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
                e = split[0]
                surface = text[s:e]
        of_state = _NAME_OF_STATE.fullmatch(surface)
        if (
            of_state
            and inside
            and all(m.kind == "country" and m.start >= s + of_state.end("n") for m in inside)
            and _NAME_SHAPED.fullmatch(of_state.group("n"))
            and not _ORG_WORD.search(of_state.group("n"))
            and not any(
                fold(w) in NON_NAME_WORDS or _written_in_lower_case(text, w)
                for w in of_state.group("n").split()
            )  # "Airborne Troops of the Armed Forces …": words the text also writes in lower case
        ):
            # "Gustavo Petro of Colombia" read as one organization: the person, of the state
            s2, e2, label = clean_person(text, s, s + of_state.end("n"))
            if label and " " in label:
                _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
                continue
        if inside:
            # A longer name that holds a country is a body of it ("Rwanda Defence Force",
            # "Turkish Armed Forces"); the country keeps its own mention.
            if kind == "org" and (e - s) > max(m.end - m.start for m in inside) + 3:
                _add_org(out, ents, text, s, e, inside, lex, prefer)
            continue
        kind, info = _type(surface, kind, label, prefer, text=text)
        if kind is None:
            continue
        if kind == "org" and info is None:
            region = _region_told_as_one(text, s, e, surface, prefer)
            if region is not None:
                kind, info = "place", region
        if kind in ("person", "org") and info is None:
            local = _local_place(text, s, e, prefer, out, known)
            if local is not None:
                kind, info = "place", local  # "Balochistan", "Banjul" read as a body or a person
        if (
            kind == "place"
            and info is None
            and not _NATURE_FIRST.match(surface)
            and not _WORLD_REGION.fullmatch(surface)  # "… Near and Middle East of the …"
            # "Pakistan’s North Waziristan tribal region", "met Kurdistan Region President A"
            and not _REGION_AFTER_ANY_CASE.match(text, e)
            and (
                _org_is_person(text, s, e, out, ents, known, lex)
                or _reads_as_a_name(text, s, e)
                or _OWN_MEETING_AFTER.match(text, e, e + 40)  # "Scholz's meeting with"
            )
        ):
            kind = "person"  # "Vassily Nebenzia, Russia's Permanent Representative" read as a place
        if kind == "org" and (
            _org_is_person(text, s, e, out, ents, known, lex) or _reads_as_a_name(text, s, e)
        ):
            kind = "person"
        if (
            kind == "org"
            and _FACILITY.fullmatch(surface)
            and _LOCATIVE_BEFORE.search(text[max(0, s - 20) : s])
        ):
            kind, info = "place", None  # "at the Military Institute of the Ground Forces"
        if kind == "org" and _SHIP_NAME.match(text, s, e + 2):
            continue  # "warship KRI Sultan Hasanuddin": a ship's prefix, no organization
        if kind == "org" and _honour_after_name(text, s, e, out):
            continue  # "Ajit Doval, KC, National Security Adviser": an honour, no body
        if kind == "org":
            _add_org(out, ents, text, s, e, known, lex, prefer)
        elif kind == "person":
            town = _town_read_as_person(text, s, e, prefer)
            if town is not None:
                _add_place(out, ents, surface, s, e, town, lex)  # "fled south to Khan Younis"
                continue
            grown_town = _town_grown_left(text, s, e, prefer)
            if grown_town is not None:
                s0, town = grown_town  # "in Dera Ismail Khan", the recogniser's "Ismail Khan"
                _add_place(out, ents, text[s0:e], s0, e, town, lex)
                continue
            if _VENUE_END.search(surface) and _LOCATIVE_BEFORE.search(text[max(0, s - 20) : s]):
                _add_place(out, ents, surface, s, e, None, lex)  # "welcomed him to Hyderabad House"
                continue
            if _SHIP_NAME.match(surface) or _VESSEL_BEFORE.search(text, max(0, s - 30), s):
                continue  # "INS Kochi", "the frigate Esbern Snare": a ship, no person
            if _NAMED_AFTER.match(text, e):
                continue  # "The Nelson Mandela plenary hall": a place named after a person
            s2, e2, label = clean_person(text, s, e)
            if label is None or (
                " " not in label
                and not _marked_person(text, s2, e2, out, known)
                and not GLUED_INITIALS.fullmatch(label)
            ):
                continue
            grown = world.place(label, prefer, own_name=True) if s2 < s else None
            if grown is not None and grown.kind == "city" and grown.population >= 100_000:
                # "in Santo Domingo", of which the recogniser took "Domingo" for a person
                _add_place(out, ents, text[s2:e2], s2, e2, grown, lex)
                continue
            if " " not in label and _people_of(label, lex):
                continue  # "along with Africans", "Somalis": a people, not a person
            if ends_in_remit(label):
                continue  # "Minister of Foreign Affairs, African Cooperation and …"
            _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
        elif _surname_named_before(text, s, e, out, known) or (
            s < headline and _surname_named_in_story(text, s, e, known, recognised)
        ):
            # "According to Hamilton" after "Adrian Hamilton": the person (surnames); in a
            # headline, the person the story names ("Bush, Putin discuss …")
            continue
        elif (
            _plausible_place(text, s, e, info)
            and not (
                # "the Baltic states", "Nordic and Baltic countries", "three Baltic prime
                # ministers": a word naming a group of states, no place
                surface in _GROUP_WORDS and _GROUP_OF_STATES_AFTER.match(text, e)
            )
            # "C-17 Globemaster and C-130J Hercules": an aircraft's name after its model
            and not _MODEL_BEFORE.search(text, max(0, s - 12), s)
        ):
            _add_place(out, ents, surface, s, e, info, lex)
    known = [m for m in known if id(m) not in drop]
    out = _supported_orgs(out, ents)
    known = _outlets_reporting(text, out, ents, known, recognised, headline)
    _gazetteer_places(text, out, ents, known, lex, prefer)
    known, known_facilities = _facilities_named_for(text, known, ents, lex)
    out, out_facilities = _facilities_named_for(text, out, ents, lex)
    out += known_facilities + out_facilities
    _named_operations(text, out, ents, known)
    _acronyms(text, out, ents, known)
    states = [m for m in (*known, *out) if m.kind == "country"]
    out = _capitals_speaking(text, out, ents, lex, states)
    known = _capitals_speaking(text, known, ents, lex, states)
    _abbreviated_given_names(text, out, ents)
    _nicknamed(text, out, ents)
    _aliases_in_brackets(text, out, ents, known)
    _dateline_agencies(text, out, ents)
    _drop_unused(out, ents)
    return Found(list(known) + out, ents)


# the words that name a group of states by its region ("the Baltic states", "Gulf
# countries") and the nouns after them that make them so
_GROUP_WORDS = frozenset(
    "Baltic Nordic Gulf Balkan Scandinavian Caribbean Visegrad Visegrád Sahel Andean".split()
)
_GROUP_OF_STATES_AFTER = re.compile(
    r"\s+(?:and\s+[A-Z][\w-]+\s+)?(?:(?:EU|NATO)\s+state|states|countries|nations|"
    r"leaders|prime\s+ministers|presidents|ministers|cooperation|partners|allies|"
    r"neighbou?rs|members?)\b"
)


# a dateline's credit: "Phnom Penh, Feb 5 (IANS)", "MANAUS (Reuters) -", "Abuja, 3 May
# (NAN):" at a paragraph's start
_DATELINE_AGENCY = re.compile(
    r"^(?:[A-Z][A-Z .'’-]{1,30}(?:,\s*[A-Z][\w .]{1,20})?"  # "MANAUS", "DURRAS, Albania"
    rf"|[A-Z][\w.'’ -]{{1,30}},\s*{DATELINE_DAY}(?:,\s*\d{{4}})?"  # "Phnom Penh, Feb 5"
    # "Bissau, Guinea-Bissau (PANA) -", "Banjul (PANA) -": a city in title case, then a dash
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:,\s*[A-Z][\w.'’ -]{1,25})?"
    r"(?=\s*\([A-Z][\w.&-]{1,14}\)\s*[-–—]))"
    r"\s*\((?P<a>[A-Z][\w.&-]{1,14})\)\s*(?:[-–—:]|(?=[A-Z]))",
    re.M,
)


def _dateline_agencies(text: str, out: list[Mention], ents: dict[str, Entity]) -> None:
    """The body a dateline credits is a news agency, whatever the story says next to it: it
    reports, it sends no troops and hosts no meeting."""
    for m in _DATELINE_AGENCY.finditer(text, 0, min(len(text), 3000)):
        s, e = m.span("a")
        for x in out:
            if x.kind == "org" and x.start == s and x.end == e and f"org/{x.key}" in ents:
                ent = ents[f"org/{x.key}"]
                ent.category = ent.category or "news agency"


# a given name and a nickname in quotes before the rest of a name: "Ferdinand “Bongbong” R.
# Marcos", "Rodrigo \"Rody\" Duterte"
_NICKNAME_BEFORE = re.compile(r"(?<![\w-])(?P<given>[A-Z][\w'’-]+)\s+[“\"][^”\"\n]{1,24}[”\"]\s+$")


def _nicknamed(text: str, out: list[Mention], ents: dict[str, Entity]) -> None:
    """ "Ferdinand “Bongbong” R. Marcos, Jr.": the recogniser reads the given name before the
    quoted nickname as a person of its own and the rest as another; it is one person, named
    without the nickname."""
    for rest in [m for m in out if m.kind == "person"]:
        before = _NICKNAME_BEFORE.search(text, max(0, rest.start - 40), rest.start)
        if before is None:
            continue
        s = before.start("given")
        if any(m.kind != "person" and m.start < rest.start and s < m.end for m in out):
            continue  # (a body or place named before the quotes)
        out[:] = [m for m in out if not (m.kind == "person" and s <= m.start < rest.end)]
        label = f"{before.group('given')} {rest.surface}"
        key = _add(out, ents, "person", label, s, rest.end, surface=text[s : rest.end])
        ents[f"person/{key}"].surfaces.add(label)


# "President Joko Widodo (Jokowi)": the short name a story goes on to use, in brackets
_ALIAS_AFTER = re.compile(r"\s+\(([A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)?)\)")


def _aliases_in_brackets(text: str, out: list[Mention], ents, known) -> None:
    """ "President Joko Widodo (Jokowi) officially opened …", then "said Jokowi": the word in
    brackets after a person's name is that person's other name, wherever the story uses it."""
    taken = [*known, *out]
    for m in [m for m in taken if m.kind == "person"]:
        alias = _ALIAS_AFTER.match(text, m.end)
        if alias is None:
            continue
        word = alias.group(1)
        if (
            any(x.start <= alias.start(1) < x.end for x in taken)
            or fold(word) in TITLES
            or fold(word) in NON_NAME_WORDS
            or _GENERIC_ORG_WORD.match(word)
            or word[0] not in {t[:1] for t in m.surface.split()}
        ):
            continue  # "(Kenya)", "(UN)", "A (Energy)": a state, a body, a portfolio
        if f"person/{m.key}" in ents:
            ents[f"person/{m.key}"].surfaces.add(word)
        for w in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            if not any(x.start < w.end() and w.start() < x.end for x in taken):
                out.append(
                    Mention(key=m.key, kind="person", start=w.start(), end=w.end(), surface=word)
                )


# a given name written short before the rest: "Ma." (María) in the Philippines, "Md." and
# "Mohd." (Mohammad) in Bangladesh and Malaysia, "Muh." in Indonesia
_GIVEN_SHORT = re.compile(r"(?<![\w.])(?:Ma|Md|Mohd|Muh|Mhd)\.\s$")


def _abbreviated_given_names(text: str, out: list[Mention], ents: dict[str, Entity]) -> None:
    """ "DFA spokesperson Ma. Teresita Daza": the recogniser leaves the short given name out;
    the name as written is one of the person's spellings."""
    for i, m in enumerate(out):
        if m.kind != "person":
            continue
        short = _GIVEN_SHORT.search(text, max(0, m.start - 6), m.start)
        if short is None:
            continue
        surface = text[short.start() : m.end]
        ent = ents.get(f"person/{m.key}")
        if ent is not None:
            ent.surfaces.add(surface)
        out[i] = Mention(key=m.key, kind="person", start=short.start(), end=m.end, surface=surface)
    # ("Mohd" read as a person of its own)
    whole = [(m.start, m.end) for m in out if m.kind == "person"]
    out[:] = [
        m
        for m in out
        if m.kind != "person"
        or not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in whole)
    ]


# a capital that acts or speaks, not a place where something happens
_STATE_VERB = (
    r"said|says|told|stated|accused|accuses|insist(?:s|ed)?|den(?:ied|ies|y)|wants?|wanted|"
    r"reject(?:s|ed)?|warn(?:s|ed)?|respond(?:s|ed)?|urge[sd]?|announce[sd]?|remains?|remained|"
    r"deploy(?:s|ed)?|sent|sends?|hopes?|hoped|believes?|believed|considers?|considered|"
    r"demand(?:s|ed)?|expect(?:s|ed)?|welcome[sd]?|condemn(?:s|ed)?|agree[sd]?|refuse[sd]?|"
    r"plan(?:s|ned)?|intend(?:s|ed)?|committed|decide[sd]?|maintain(?:s|ed)?|argue[sd]?|"
    r"blame[sd]?|sought|seeks?|support(?:s|ed)?|back(?:s|ed)|oppose[sd]?|recall(?:s|ed)?|"
    r"summon(?:s|ed)?|retaliated|threaten(?:s|ed)?|confirm(?:s|ed)?|order(?:s|ed)?|"
    r"impose[sd]?|pledge[sd]?|promise[sd]?|offer(?:s|ed)?|signall?(?:s|ed)?"
)
_CAPITAL_ACTS = re.compile(
    r"\s+(?:[“”\"]?(?:has|have|had|is|are|was|were|will|would|did|does|do|also|still|now|"
    r"has been|had been|equally|firmly|strongly|already|not|never)[“”\"]?\s+){0,3}[“\"]?"
    rf"(?:{_STATE_VERB})\b"
)
_CLAUSE_START = re.compile(
    r"(?:^|[.!?:;]\s+|\n|,\s+|[“\"]|\b(?:and|that|but|while|as|whereas|because)\s+)$"
)
_CAPITALS_OWN = re.compile(
    r"['’]s\s+(?!(?:streets?|mayor|city|centre|center|outskirts|suburbs?|residents?|airports?|"
    r"people|population|districts?|neighbou?rhoods?|metro|port|university|old|main|central|"
    r"downtown|international|skyline|hotels?|squares?|business|markets?|hospitals?|roads?)\b)"
    r"[a-z]"
)
_AUTHORITIES_IN = re.compile(
    r"\b(?:officials|authorities|leaders|government|regime|leadership|diplomats)\s+in\s+$"
)


# "relations with Washington", "tensions between Moscow and Kyiv": the states, not the
# cities
_PARTNER_NOUNS = (
    r"\b(?:relations|ties|talks|dialogue|tensions|negotiations|contacts|rapprochement|"
    r"rift|dispute|row|standoff|normali[sz]ation)"
)
_PARTNER_BEFORE = re.compile(rf"{_PARTNER_NOUNS}\s+(?:with|between)\s+$")
_BETWEEN_CAPITALS = re.compile(rf"{_PARTNER_NOUNS}\s+between\s+[A-Z][\w’'-]+\s+and\s+[A-Z][\w’'-]+")


def _capitals_speaking(
    text: str, out: list[Mention], ents, lex: Lexicon, states: list[Mention]
) -> list[Mention]:
    """A state named by its capital ("Paris said on Thursday", "Kigali's stated policy",
    "the forces made available by Copenhagen", "authorities in Tehran") is the state
    (docs/gold-format.md), not the city: such a mention becomes the country's. "Hosted by
    Cairo, Egypt" is the city."""
    res: list[Mention] = []
    for m in out:
        if text.startswith(",", m.end) and any(0 < c.start - m.end <= 3 for c in states):
            res.append(m)  # "Cairo, Egypt": the city of that state
            continue
        ent = ents.get(f"place/{m.key}") or lex.entries.get(f"place/{m.key}")
        iso = world.capital_of(ent.label) if m.kind == "place" and ent is not None else None
        if iso is None or iso != world.capital_of(m.surface):
            res.append(m)
            continue
        before = text[max(0, m.start - 40) : m.start]
        acts = (
            (_CLAUSE_START.search(before) and _CAPITAL_ACTS.match(text, m.end))
            or _CAPITALS_OWN.match(text, m.end)
            or re.search(r"\bby\s+$", before)
            or _AUTHORITIES_IN.search(before)
            or _PARTNER_BEFORE.search(before)
            or _BETWEEN_CAPITALS.search(text, max(0, m.start - 40), m.end + 40)
        )
        state = (
            next((x for x in lex.entries.values() if x.kind == "country" and x.iso2 == iso), None)
            if acts
            else None  # (the lexicon is read only for a capital that acts)
        )
        if state is None:
            res.append(m)
            continue
        res.append(
            Mention(key=state.key, kind="country", start=m.start, end=m.end, surface=m.surface)
        )
    return res


# "…, Africa Review reports.", "state agency Hina reported on Thursday", "as reported by
# ‘El Universo’", "agerpres.ro informs": a news outlet cited for what came before
_OUTLET_NAME = (
    r"(?:[A-Z][\w’'.&-]*(?: (?:[A-Z][\w’'.&-]*|al-[A-Z][\w’'-]*)){0,3}"
    r"|[a-z][a-z0-9-]+\.(?:com|net|org|info|news|[a-z]{2}))"
)
_OUTLET_REPORTS = re.compile(
    rf"(?<![\w’'.-])(?P<n>{_OUTLET_NAME})(?: \([^()\n]{{1,20}}\))? "
    r"(?:reported|reports|informs|informed|wrote|writes)\b(?=[ ,.;:]|$)"
    rf"|\b(?:as|was|were|is|it is) reported by [‘'“\"]?(?P<m>{_OUTLET_NAME})[’'”\"]?(?=[ ,.;:])"
)
_NOT_OUTLET = {
    fold(w)
    for w in (
        "The This That It He She They We I You Officials Police Media Sources Witnesses "
        "Residents Authorities Reports Reporters Journalists Ministry Government Agency Army "
        "Observers Analysts As"  # ("As reported by Jamaica Gleaner, …")
    ).split()
} | CALENDAR  # ("Monday", "May": a day or a month, no outlet)


_NEWS_WORD = re.compile(
    r"\b(?:News|Times|Post|Review|Herald|Tribune|Gazette|Journal|Daily|Radio|TV|Television|"
    r"Agency|Press|Monitor|Observer|Telegraph|Express|Chronicle|Courier|Online|Wire|Media)\b"
)


def _outlets_reporting(text: str, out, ents, known, recognised, headline: int) -> list[Mention]:
    """A name that reports ("Africa Review reports", "Hina reported on Thursday") is a news
    outlet, an organization, when nothing else the text names stands there (a place inside
    a newspaper's name is part of it: "Africa Review") and the recogniser does not call it
    a person (unless a word of news says otherwise: "Nikkei Asian Review")."""
    for m in _OUTLET_REPORTS.finditer(text, headline):
        g = "n" if m.group("n") else "m"
        s, e = m.span(g)
        # "Japan's Nikkei Asian Review": the state before the outlet is no part of its name
        for c in known:
            if c.kind == "country" and c.start == s and c.end < e:
                poss = re.match(r"['’]s ", text[c.end : e])
                if poss:
                    s = c.end + poss.end()
        name = text[s:e].rstrip(".’'")
        e = s + len(name)
        words = name.split()
        if not words or fold(words[0]) in _NOT_OUTLET or _generic(name):
            continue
        if any(fold(w) in TITLES for w in words) or any(
            x.kind == "country" and x.start == s for x in known
        ):
            continue  # "Ethiopian PM Abiy Ahmed wrote": a person with a post
        newsy = bool(_NEWS_WORD.search(name))
        inner = [x for x in known if x.kind in ("place", "country") and s <= x.start and x.end < e]
        misread = [x for x in out if x.kind == "person" and (x.start, x.end) == (s, e) and newsy]
        if any(
            a < e and s < b
            for (a, b) in ((x.start, x.end) for x in (*known, *out) if x not in (*inner, *misread))
        ):
            continue
        if not newsy and any(a < e and s < b and lab == "PERSON" for (a, b, lab) in recognised):
            continue
        if _NAME_SHAPED.fullmatch(name) and not newsy and " " in name:
            continue  # "John Mensah reported": a reporter
        known = [x for x in known if x not in inner]
        for x in misread:
            out.remove(x)
        key = _add(out, ents, "org", name, s, e)
        ents[f"org/{key}"].category = ents[f"org/{key}"].category or "news agency"
    return known


# an aircraft's or vehicle's model code right before a name ("C-130J Hercules")
_MODEL_BEFORE = re.compile(r"\b[A-Z]{1,3}-\d{1,4}[A-Z]{0,2}\s+$")
# ships by their navy's prefix, or named right after the kind of ship
_SHIP_NAME = re.compile(rf"{SHIP_PREFIXES}\s+[A-Z]")
_VESSEL_BEFORE = re.compile(
    r"\b(?:frigate|destroyer|corvette|warship|ship|vessel|submarine|aircraft carrier|"
    r"patrol boat|tanker|cruiser)\s+$",
    re.I,
)


# a building or venue after a person's name: the place named after the person
_NAMED_AFTER = re.compile(
    r"['’]?\s+(?:(?:plenary|international|memorial|national|conference|sports|main)\s+)?"
    r"(?:hall|stadium|airport|centre|center|avenue|square|bridge|auditorium|boulevard|street|"
    r"road|university|school|hospital)\b",
    re.I,
)
# a building where leaders meet, which the recogniser may call a person
_VENUE_END = re.compile(rf"\S\s+(?:{'|'.join(BUILDING_WORDS)})$")
_FACILITY = re.compile(
    r"(?:[A-Z][\w’'-]* ){0,4}(?:Institute|Airport|Academy|Base|University|Airfield|Barracks|"
    r"Palace|Station|Port|Hospital|Stadium|Centre|Center|Hotel|Square)(?: (?:of|for) (?:the )?"
    r"[A-Z][\w’'-]*(?: (?:and |of (?:the )?)?[A-Z][\w’'-]*)*)?"
)


# "Olusegun Obasanjo, the former Nigerian president": a name its post follows
_POSTED_NAME = re.compile(
    r"(?<![\w-])([A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}),\s+(?:the\s+|a\s+)?"
    r"(?:(?:former|then|acting|outgoing|incoming)\s+)?(?:[A-Z][\w'’-]+\s+){0,3}"
    r"(?:(?:junior|deputy|senior|assistant|vice)\s+)?"
    r"(?:president|prime minister|foreign minister|minister|secretary|spokes(?:man|woman|person)"
    r"|ambassador|envoy|chairman|chairperson|governor|commander|head|chief|director"
    r"|commissioner|leader|representative|coordinator)\b"
)

# "Secretary General of D-8, Widi Pratikto in his report …": a body's post, a comma, then the
# name of its holder, which the small model often does not see
_BODYS_POST_THEN_NAME = re.compile(
    r"\b(?:Secretary[ -]General|Director[ -]General|Executive Secretary|Chairman|Chairperson"
    r"|President|Commissioner|Commander|Governor|Speaker|Spokes(?:man|woman|person))"
    r" of (?:the )?[A-Z0-9][\w'’&.-]*(?: (?:of|and|for|the|[A-Z0-9][\w'’&.-]*)){0,8}?, "
    r"([A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2})(?= [a-z]|[,.;:])"
)


# the letters of a personal name, accented ones included ("Luísa", "Nxumalo"); not × or ÷
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# a word of a personal name
_NAME_WORD = rf"[{_UPPER}][{_LOWER}'’]+"
# "said the president of the INGD, Luísa Meque, at a meeting": the same in lower case, after
# "the", where the model may read body and name as one body
_THE_BODYS_POST_THEN_NAME = re.compile(
    r"\bthe (?:president|chairman|chairperson|chairwoman|director|director[ -]general"
    r"|executive secretary|secretary[ -]general|commissioner|commander|governor|head"
    r"|spokes(?:man|woman|person)) of (?:the )?[A-Z0-9][\w'’&.-]*"
    r"(?: (?:of|and|for|the|[A-Z0-9][\w'’&.-]*)){0,8}?, "
    rf"({_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,2}})(?= [a-z]|[,.;:])"
)


# "Sakhile Nxumalo, from the Swaziland Youth Congress, said": a name, then between commas
# the body its bearer is from, which the model may see alone
_NAME_FROM_BODY = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.!?] ))({_NAME_WORD}(?: {_NAME_WORD}){{1,2}}),"
    r" (?:from|of) the [A-Z][^,.;]{2,80}, (?:said|says|told|added|stated)\b",
    re.M,
)


# "The UN envoy for Sudan, Volker Perthes, said", "Russia's ambassador to the UN, Vassily
# Nebenzia, told": a post in lower case "for", "to" or "in" a place or body, then, between
# commas, the name of its holder, which the small model misses or reads as a place
_POST_FOR_THEN_NAME = re.compile(
    r"\b(?:envoy|ambassador|diplomat|representative|spokes(?:man|woman|person)|commander"
    # ("the undersecretary for Latin America and the Caribbean, Maximiliano Reyes, together
    # with the general director for South America, Martín Borrego")
    r"|coordinator|minister|under-?secretary|director|adviser|advisor|commissioner)"
    r"\s+(?:to|for|in|at)\s+(?:the\s+)?[A-Z][\w'’&.-]*"
    r"(?: (?:of|and|for|the|[A-Z][\w'’&.-]*)){0,6}?, "
    rf"({_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,2}}),"  # (accents: "Martín Borrego")
)


# "met with his Guyanese colleague of Foreign Affairs and International Cooperation, Hugh
# Todd, in Paramaribo": a counterpart's portfolio, then, between commas, his name
_COLLEAGUE_THEN_NAME = re.compile(
    r"\b(?:his|her|their)\s+(?:[A-Z][\w'’-]+\s+)?(?:counterpart|colleague)s?\s+(?:of|for|in)\s+"
    r"(?:the\s+)?[A-Z][\w'’&.-]*(?: (?:of|and|for|the|[A-Z][\w'’&.-]*)){0,8}?, "
    r"([A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}),"
)


# "Minister of Maritime Affairs and Fisheries Sakti Wahyu Trenggono", "Secretary of Defence
# Lloyd Austin": a minister's portfolio, then the name the small model often does not see
_POST_HEAD = r"(?:Minister|Secretary|Commissioner|PM|President|Ambassador)"
_PORTFOLIO_POST = re.compile(
    # (an envoy's post "to" a state: "High Commissioner to Bangladesh Pranay Kumar Verma")
    rf"\b(?:{_POST_HEAD} +(?:of|for)|(?:Commissioner|Ambassador) +to) +(?:the +)?"
    rf"([A-Z][\w'’-]*(?: +(?:(?:and|of|the|&) +)*(?!{_POST_HEAD}\b)[A-Z][\w'’-]*)*)"
)  # (words on one line: a heading's post and the next paragraph's first words are no name)


# more of a portfolio's words, read only here: PORTFOLIO_WORDS also strips words from the
# start of a name the model ran a body into, where "National" would take "National
# Assembly Vương Đình Huệ" for a person
_PORTFOLIO_MORE = {
    fold(w)
    for w in (
        "Maritime State-Owned Enterprises Public Works Housing Water Resources Natural Mineral "
        "Land Lands Social Welfare Women Children Family Gender Veterans Science Technology "
        "Research Higher Petroleum Oil Gas Power Electricity Railways Roads Aviation Civil "
        "Digital Budget Revenue Customs Solidarity Human Rights Constitutional Legal "
        "Parliamentary Local Urban Rural Forestry Climate Coordination National Emergency "
        "Situations Disaster Management Arts Heritage Religious Endowments Minorities Refugees "
        "Reconstruction Reconciliation Agrarian Reform Ecology Employment Manpower Cooperatives "
        "Supply Logistics Ports Shipping Mining Overseas Intelligence Prisons Assembly"
    ).split()
}


def opens_on_a_portfolio(name: str) -> bool:
    """A run of capitalised words whose first is a portfolio's ("Climate Change") is a
    remit, not a personal name (no given name is a portfolio's word)."""
    first = fold(name.split()[0]) if name.split() else ""
    return first in PORTFOLIO_WORDS or first in _PORTFOLIO_MORE


def _names_after_portfolio(text: str) -> Iterator[tuple[int, int]]:
    """The two to four words ending a post's run of capitalised words, when words of a
    portfolio come before them and none of them is a portfolio's, a title's or a body's."""
    for m in _PORTFOLIO_POST.finditer(text):
        run = m.group(1)
        # the whole run, else the run up to an "and" ("High Commissioner to Bangladesh
        # Pranay Kumar Verma and Indian Deputy High Commissioner Dr Binoy George")
        ends = [len(run), *(a.start() for a in re.finditer(r" +and +", run))]
        for end in ends:
            name = _name_ending(run[:end])
            if name is not None:
                yield m.start(1) + name[0], m.start(1) + name[1]
                break


def _name_ending(run: str) -> tuple[int, int] | None:
    """The two to four words ending a post's run that no portfolio, title or body has."""
    words = list(re.finditer(r"\S+", run))
    name: list[re.Match] = []
    for w in reversed(words):
        word = w.group()
        folded = fold(word)
        if (
            folded in PORTFOLIO_WORDS
            or folded in _PORTFOLIO_MORE
            or folded in TITLES
            or folded in NON_NAME_WORDS
            or folded in CALENDAR
            or (name and folded in _country_names())  # "PM of Vietnam Pham Minh Chinh"
            or _ORG_WORD.search(word)
            or not word[:1].isupper()
        ):
            break
        name.insert(0, w)
    if (
        2 <= len(name) <= 4
        and len(name) < len(words)
        and fold(" ".join(w.group() for w in name)) not in _country_names()
    ):  # (not "President of the Republic of North Macedonia")
        return name[0].start(), name[-1].end()
    return None


# "His Majesty Sultan Haji Hassanal Bolkiah received …": a name after a royal's or an
# envoy's style and its titles, which the recogniser often misses
# (and after "Dr", "Mr", "Mrs", "Ms", "Prof": "accompanied by Minister of International
# Relations and Cooperation, Dr Naledi Pandor; …")
_STYLED = re.compile(
    r"(?:\b(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)|\b(?:Dr|Mr|Mrs|Ms|Prof|Hon)\.?"
    # (and after a rank shortened with its period: "Maj.-Gen. Taoreed Lagbaja, who …")
    r"|\b(?:(?:Maj|Lt|Brig)\.?-?Gen|Lt\.?-?Col|Gen|Col|Maj|Capt|Brig|Adm|Cmdr|Cdr|Lt)\.)\s+"
    r"((?:(?:[A-Z][\w.'’-]*|bin|bint|ibn|al|el|de|da|van|von)[ ]){1,9}?(?:d['’])?[A-Z][\w'’-]*)"
    # (not ending on an initial: "Sicily K. Kariuki"; going on to "Jeanne d'Arc")
    r"(?<![ ][A-Z])(?![\w'’-])(?![ ](?:[A-Z]|bin\b|bint\b|ibn\b|al\b|d['’][A-Z]))"
)


def _names_after_styles(text: str) -> Iterator[tuple[int, int]]:
    """The two to five words after a style ("His Majesty") and the titles that follow it,
    when none of them is a title's, a body's or another word of no name."""
    for m in _STYLED.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and fold(words[0].group().rstrip(".,")) in TITLES:
            words.pop(0)
        if not 2 <= len(words) <= 5 or any(
            fold(w.group()) in TITLES
            or fold(w.group()) in NON_NAME_WORDS
            or _ORG_WORD.search(w.group())
            for w in words
        ):
            continue
        base = m.start(1)
        yield base + words[0].start(), base + words[-1].end()


# what the small model calls a name it does not know as a person's
_NAMES_MISREAD = {"WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
# "says American Samoa governor Togiola Talalelei Tulafono": a post in lower case, then the
# name of its holder, which the model may read as a body
_LOWER_POST_THEN_NAME = re.compile(
    r"(?<![\w-])(?:governor|spokes(?:man|woman|person)|ambassador|envoy|minister|premier|"
    r"commander|chairman|chairperson|senator|mayor|president|chief|secretary[- ]general)"
    # (or set off by commas: "The African Union Commission chairman, Moussa Faki Mahamat,
    # said")
    r"(?:\s+|,\s+(?=[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3},))"
    r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})(?![\w'’-])"
)


# "The presidents of Panama, José Raúl Mulino, and Costa Rica, Rodrigo Chaves, met …": a post
# of several states, then each state with its holder's name between commas, which the small
# model reads as bodies, as the state itself or as nothing
_POSTS_OF_STATES = re.compile(
    r"\b(?:[Pp]residents|[Pp]rime [Mm]inisters|[Ff]oreign [Mm]inisters|[Mm]inisters"
    r"|[Ll]eaders|[Hh]eads of [Ss]tate|[Vv]ice[- ][Pp]residents) of "
)
_STATE_THEN_NAME = re.compile(
    r"(?:,? and |, )?(?:of )?(?:the )?(?P<state>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}), "
    rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,3}})(?=[,;]| and )"
)


def _names_after_states(text: str) -> Iterator[tuple[int, int]]:
    """The names set after each state in a post of several ("the presidents of A, X, and
    B, Y"): only where at least two states each have one, so that "the leaders of Ghana,
    Togo and Benin" stays a list of states."""
    countries = _country_names()
    for m in _POSTS_OF_STATES.finditer(text):
        pos, names = m.end(), []
        while (pair := _STATE_THEN_NAME.match(text, pos)) is not None:
            if fold(pair.group("state")) not in countries:
                break
            if fold(pair.group("name")) in countries:
                break  # "of Ghana, Togo and Benin": a list of states
            names.append(pair.span("name"))
            pos = pair.end()
        if len(names) >= 2:
            yield from names


# "met with his counterparts from Guinea-Bissau and the Central African Republic, Umaro
# Sissoco Embaló and Faustin-Archange Touadéra, at …": states, then as many names, in order
_LISTED_NAME = rf"{_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,3}}"
_COUNTERPARTS_OF_STATES = re.compile(
    r"\b(?:counterparts|[Pp]residents|[Ll]eaders|[Pp]rime [Mm]inisters|[Ff]oreign [Mm]inisters)"
    r" (?:from|of) (?P<states>[^,.;]{3,80}?(?:, [^,.;]{3,40}?)*), "
    rf"(?P<names>{_LISTED_NAME}(?:, {_LISTED_NAME})*,? and {_LISTED_NAME})"
    r"(?=[,.;:]| at | in | on )"
)
_NAME_IN_LIST = re.compile(_LISTED_NAME)


# a plural title before a list of names, each "of" its state ("Presidents Patrice Talon of
# Benin, Nana Akufo-Addo of Ghana and Macky Sall of Senegal")
_PLURAL_TITLE = re.compile(
    r"\b(?:Presidents|Prime\s+Ministers|Foreign\s+Ministers|Vice[- ]Presidents|Premiers"
    r"|Kings|Heads\s+of\s+State)\s+"
)
_NAME_OF = re.compile(r"([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) of (?:the )?")
_STATE_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:and|of|the|d['’][A-Z][\w-]*|[A-Z][\w'’-]*)){0,4}")
_LIST_SEP = re.compile(r",\s+and\s+|,\s+|\s+and\s+")


def _names_of_states_after_a_title(text: str) -> Iterator[tuple[int, int]]:
    """The names a plural title lists, each "of" a state, when there are two or more and
    every item ends on a state's name: the model reads some as bodies ("Nana Akufo-Addo of")
    or misses them."""
    countries = _country_names()
    for t in _PLURAL_TITLE.finditer(text):
        pos, names = t.end(), []
        while True:
            m = _NAME_OF.match(text, pos)
            run = _STATE_RUN.match(text, m.end()) if m else None
            if m is None or run is None:
                break
            if not all(_may_be_name_word(w) for w in m.group(1).split()):
                break
            # (the longest run of its words that is a state's name: "Cote d'Ivoire, Nana")
            ends = [w.end() for w in re.finditer(r"\S+", run.group())]
            end = next(
                (run.start() + e for e in reversed(ends) if fold(run.group()[:e]) in countries),
                None,
            )
            if end is None:
                break
            names.append(m.span(1))
            sep = _LIST_SEP.match(text, end)
            if sep is None:
                break
            pos = sep.end()
        if len(names) >= 2:
            yield from names


def _names_after_states_listed(text: str) -> Iterator[tuple[int, int]]:
    """The names set, in order, after a list of states whose posts they hold ("his
    counterparts from A and B, X and Y"): only when every item before them is a state and
    there are as many names as states."""
    countries = _country_names()
    for m in _COUNTERPARTS_OF_STATES.finditer(text):
        states = [
            re.sub(r"^the ", "", x.strip())
            for x in re.split(r",? and |, ", m.group("states"))
            if x.strip()
        ]
        if len(states) < 2 or not all(fold(x) in countries for x in states):
            continue
        names = list(_NAME_IN_LIST.finditer(text, m.start("names"), m.end("names")))
        if len(names) != len(states) or any(fold(n.group()) in countries for n in names):
            continue
        yield from (n.span() for n in names)


def _with_posted_names(
    text: str, recognised: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The recogniser's entities, and the names it missed that a post follows or comes
    after."""
    extra = []
    for s, e in _names_after_portfolio(text):
        over = [r for r in recognised if r[0] < e and s < r[1]]
        if all(label == "ORG" and a < s and b == e for a, b, label in over):
            # none, or "Mining and Heavy Industry Batjargal Tsogt" read as one body: the
            # portfolio is no body, the name is a person
            recognised = [r for r in recognised if r not in over]
            extra.append((s, e, "PERSON"))
    for s, e in (
        *_names_after_states(text),
        *_names_after_states_listed(text),
        *_names_of_states_after_a_title(text),
    ):
        # (the state before it may have been read as a person: "and Togo, Faure Gnassingbé")
        recognised = [r for r in recognised if not (r[0] < e and s < r[1])]
        extra.append((s, e, "PERSON"))
    for s, e in _names_after_styles(text):
        if not any(a < e and s < b and label == "PERSON" for a, b, label in recognised):
            recognised = [r for r in recognised if not (r[0] < e and s < r[1])]
            extra.append((s, e, "PERSON"))
    for m in GLUED_INITIALS.finditer(text):
        s, e = m.span()
        word = m.group("surname")
        if (
            fold(word) in TITLES
            or fold(word) in NON_NAME_WORDS
            or _ORG_WORD.search(word)
            or fold(word) in _country_names()
            or (s, e, "PERSON") in recognised
        ):
            continue
        # "the Minister of Foreign Affairs of Andorra I.T.Faus" read as one body, "Mongolia
        # Y.Sodbaatar" as one person: the post is no body, the state no part of the name
        recognised = [r for r in recognised if not (r[0] < e and s < r[1])]
        extra.append((s, e, "PERSON"))
    posted = [(m, _NAMES_MISREAD) for m in _POSTED_NAME.finditer(text)]
    posted += [(m, _NAMES_MISREAD) for m in _NAME_FROM_BODY.finditer(text)]
    posted += [(m, _NAMES_MISREAD) for m in _BODYS_POST_THEN_NAME.finditer(text)]
    posted += [
        (m, _NAMES_MISREAD | {"GPE", "LOC", "ORG", "NORP"})
        for m in (*_POST_FOR_THEN_NAME.finditer(text), *_COLLEAGUE_THEN_NAME.finditer(text))
    ]
    posted += [
        (m, _NAMES_MISREAD | {"ORG"})
        for m in (*_LOWER_POST_THEN_NAME.finditer(text), *_THE_BODYS_POST_THEN_NAME.finditer(text))
    ]
    for m, misread in posted:
        s, e = m.span(1)
        if any(a < e and s < b and label not in misread for a, b, label in recognised):
            continue
        # (a name the model read as none of ours, "Xavier Sylvestre Yangongo, the CAR's junior
        # minister of defence" as a work of art, is the person the post says)
        recognised = [r for r in recognised if not (r[0] < e and s < r[1])]
        words = m.group(1).replace("-", " ").split()
        if any(fold(w) in TITLES or fold(w) in NON_NAME_WORDS for w in words):
            continue
        extra.append((s, e, "PERSON"))
    return sorted(recognised + extra) if extra else recognised


# "Uhuru Kenyatta and" read as a place before "Ismail Omar Guelleh": a span of a name,
# maybe with the "and" of a list of two names swallowed
_NAME_AND = re.compile(r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?:\s+and)?")
_AND_NEXT = re.compile(r"\s+and\s+")


def _first_of_two_names(
    text: str, recognised: list[tuple[int, int, str]], known: list[Mention]
) -> list[tuple[int, int, str]]:
    """The model reads the first of two names joined by "and" as a place or body ("The
    leaders of Kenya and Djibouti, Uhuru Kenyatta and Ismail Omar Guelleh respectively",
    "Samia Suluhu and Evariste Ndayishimiye"): a name of two or three words, no place or
    body the gazetteers know, that a person follows after "and", is a person."""
    out = list(recognised)
    for i, (s, e, label) in enumerate(recognised):
        m = _NAME_AND.fullmatch(text, s, e)
        if m is None or label == "PERSON":
            continue
        nxt = next((r for r in recognised if r[0] > s), None)
        if nxt is None or nxt[2] != "PERSON":
            continue
        gap = text[e : nxt[0]]
        if not (gap.strip() == "" and text[s:e].endswith("and")) and not _AND_NEXT.fullmatch(gap):
            continue
        if any(k.start < m.end("name") and s < k.end for k in known):
            continue  # "Trinidad and …": a state the gazetteer knows
        words = m.group("name").split()
        if any(fold(w) in TITLES or fold(w) in NON_NAME_WORDS for w in words):
            continue
        out[i] = (s, m.end("name"), "PERSON")
    return out


def _joined(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The recogniser's entities, with a first or last name it split off a person joined
    back ("Murat" ORG + "Bektanov" PERSON is the person Murat Bektanov)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if a[2] == "PERSON" and GLUED_INITIALS.fullmatch(text, a[0], a[1]):
            pass  # "I.T.Faus": the initials are the given names
        elif a[2] == "PERSON" and " " not in text[a[0] : a[1]]:
            # "Col. Masaharu" + "Yamamoto": a given name between a title and the surname
            head = _first_name_before(text, a[0], out[-1][1] if out else 0, titled_only=True)
            if head is not None:
                a = (head, a[1], "PERSON")
        elif a[2] == "PERSON":
            head = _first_name_before(text, a[0], out[-1][1] if out else 0)
            if head is not None:
                a = (head, a[1], "PERSON")  # "H.E. Bola" + "Ahmed Tinubu"
            if (hyphen := _HYPHEN_TAIL.match(text, a[1])) is not None:
                a = (a[0], hyphen.end(), "PERSON")
            tail = _NAME_TAIL.match(text, a[1])
            two = _TWO_NAME_WORDS.match(text, a[1])
            if (
                tail is None
                and two is not None
                and fold(text[a[0] : a[1]].split()[0]) in TITLES
                and (b is None or b[0] >= two.end(1))
                and _surname_words(two.group(1))
            ):
                # "Chairperson Moussa" + "Faki Mahamat concluded": the model took the title
                # and the given name, and left out the two last words
                a = (a[0], two.end(1), "PERSON")
            # "Lee Hsien" + "Loong" read as a place: the last word the model took apart
            swallow = (
                tail is not None
                and b is not None
                and (b[0], b[1]) == (tail.start(1), tail.end(1))
                and b[2] in ("GPE", "LOC", "NORP", "ORG")
            )
            if (
                tail
                and (b is None or b[0] >= tail.end(1) or swallow)
                and _surname_words(tail.group(1))
            ):
                # "Pham Minh" + "Chinh on the sidelines": the last word the model left out
                a = (a[0], tail.end(1), "PERSON")
                if swallow:
                    i += 1
                    b = ents[i + 1] if i + 1 < len(ents) else None
        elif (
            a[2] in ("GPE", "LOC", "NORP", "ORG")
            and " " not in text[a[0] : a[1]]
            and _TITLE_BEFORE.search(text, max(0, a[0] - 40), a[0])
            and (tail := _NAME_TAIL.match(text, a[1])) is not None
            and (b is None or b[0] >= tail.end(1))
            and _surname_words(tail.group(1))
        ):
            # "President Gitanas" (a place to the model) + "Nauseda" (nothing): a name the
            # title announces, its given name misread and its surname left out
            a = (a[0], tail.end(1), "PERSON")
        numeral = _ROMAN_AFTER.match(text, a[1]) if a[2] == "ORG" else None
        if numeral:
            # "the Hasanuddin Regional Military Command" + "XIV": the numeral is of the name
            a = (a[0], numeral.end(), "ORG")
            if b is not None and b[0] < a[1]:
                i += 1
                b = ents[i + 1] if i + 1 < len(ents) else None
        word = text[a[0] : a[1]]
        if (
            b is not None
            and a[2] == "ORG"
            and b[2] in ("GPE", "LOC")
            and (
                _MISSION_END.search(word)
                or (word.endswith(" Office") and _INTERNATIONAL_BODY.search(word))
            )
            and text[a[1] : b[0]] == " in "
        ):
            # "the United Nations Stabilization Mission in Haiti", "the U.N. Interim Force in
            # Lebanon": the place is part of the mission's name
            out.append((a[0], b[1], "ORG"))
            i += 2
            continue
        if b is not None and _one_name(text, a, b, word):
            out.append((a[0], b[1], "PERSON"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# a body's number in Roman numerals after its name ("Regional Military Command XIV")
_ROMAN_AFTER = re.compile(r" [IVX]{2,6}\b(?![’'-]\w)")
# the last word of a mission's or force's name, which "in <place>" may complete
_MISSION_END = re.compile(r"\b(?:Mission|Force|Operation|Presence)$")
# an office of an international body ("the United Nations Support Office in Somalia"), not a
# state's ("the Presidential Office in Taipei City")
_INTERNATIONAL_BODY = re.compile(
    r"\b(?:United Nations|UN|U\.N\.|African Union|European Union|EU)\b"
)
# a name's inner particles, at the end of one piece or the start of the next
_PARTICLE_END = re.compile(r"\s(?:bin|ibn|bint|binti|abu|ould)$")
_PARTICLE_START = re.compile(r"(?:Al|El|bin|ibn|bint|Abu|Ould)\s")
_NAME_GAP = re.compile(r"\s+(?:[A-Z][\w'’-]+\s+){0,2}")
_ONE_WORD_GAP = re.compile(r" [A-Z][a-z'’-]+ ")


def _one_name(text: str, a: tuple[int, int, str], b: tuple[int, int, str], word: str) -> bool:
    """Two recogniser entities that are one person's name: a first name it read as a body
    ("Murat" ORG + "Bektanov" PERSON, but not "Secretary of State" + "Marco Rubio"), a name
    in pieces around its particles ("Abdullah bin" + "Abdulaiz" + "Al Saud"), or a last name
    split off ("Samia Suluhu" + "Hassan")."""
    if b[2] != "PERSON" or GLUED_INITIALS.fullmatch(text, b[0], b[1]):
        return False  # ("Mongolia" + "Y.Sodbaatar": the initials open the name)
    if (
        a[2] in ("ORG", "GPE", "NORP", "PERSON")
        and " " not in word
        and text[a[1] : b[0]] == " "
        and word[:1].isupper()
        and not word.isupper()
        and fold(word) not in TITLES
        and fold(word) not in NON_NAME_WORDS
    ):
        return True
    if a[2] != "PERSON":
        return False
    if fold(word) in TITLES and _ONE_WORD_GAP.fullmatch(text, a[1], b[0]):
        # "Sheikh" + "Salem" (left out) + "Abdullah Al-Jaber Al-Sabah": one name after a title
        return True
    if _NAME_GAP.fullmatch(text, a[1], b[0]) and (
        _PARTICLE_END.search(text, a[0], a[1]) or _PARTICLE_START.match(text, b[0], b[1])
    ):
        return True
    return (
        text[a[1] : b[0]] == " "
        and text[b[0] : b[0] + 1].isupper()
        # (or "Abed Rabbo" + "Mansour Al-Hadi": two names side by side with nothing between
        # are one person's, up to five words)
        and len(text[a[0] : b[1]].split()) <= 5
    )


def _names_the_model_missed(
    text: str, recognised: list[tuple[int, int, str]], known: list[Mention]
) -> list[tuple[int, int, str]]:
    """A surname the model reads as a person once ("Hichilema held talks") names the person
    it missed where the text wrote the name in full ("Presidents Cyril Ramaphosa of South
    Africa, Hakainde Hichilema of Zambia"): one or two capitalised name words before the
    surname, after a title, a comma or a lower-case word (not an article), with no span of
    the model's or the lexicon's on them but the surname's own, are that person's name. A
    surname that is also a town's counts where the text has it speak ("Samia Suluhu Hassan",
    "Hassan said")."""
    taken = [(s, e) for s, e, _ in recognised] + [(m.start, m.end) for m in known]
    full = {
        text[s:e].split()[-1]
        for s, e, label in recognised
        if label == "PERSON" and " " in text[s:e].strip()
    }
    added: list[tuple[int, int, str]] = []
    for s, e, label in recognised:
        word = text[s:e]
        if label != "PERSON" or not _lone_name(word) or len(word) < 4 or word in full:
            continue
        if fold(word) in TITLES or fold(word) in _NOT_NAME_WORDS or _ORG_WORD.fullmatch(word):
            continue  # "Outgoing Chairperson": a title, whoever holds it
        if not _may_be_name_word(word) and not _speaks(text, word):
            continue  # (a town's name, unless the text has it speak: "Hassan said")
        alone = {(x, y) for x, y, lab in recognised if lab == "PERSON" and text[x:y] == word}
        for m in re.finditer(rf"\b((?:[A-Z][a-z]{{2,}} ){{1,2}})({re.escape(word)})\b", text):
            a, b = m.span()
            if any(x < b and a < y and (x, y) not in alone for x, y in taken) or any(
                x < b and a < y for x, y, _ in added
            ):
                continue
            if not all(_given_name_word(w) for w in m.group(1).split()):
                continue  # "President Hichilema": a title, no given name
            prev = _WORD_BEFORE.search(text, max(0, a - 30), a)
            if (
                prev is None
                or prev.group(1).lower() in ("the", "a", "an")  # "the Diamond Jubilee"
                or not _may_open_a_name(prev.group(1))
            ):
                continue
            added.append((a, b, "PERSON"))
            full.add(word)
            break
    # (the surname alone inside a name found whole is that name's: "Samia Suluhu Hassan")
    kept = [r for r in recognised if not any(a <= r[0] and r[1] <= b for a, b, _ in added)]
    return sorted(kept + added)


def _first_name_before(
    text: str, start: int, floor: int, *, titled_only: bool = False
) -> int | None:
    """Where a name starts when the model left out its first word: a capitalised word that
    is no title, place, date or body word, right after a title, a lower-case word or a
    comma ("under the chairmanship of H.E. Bola" + "Ahmed Tinubu")."""
    word = _NAME_HEAD.search(text, max(floor, start - 30), start)
    if word is None:
        return None
    if not _given_name_word(word.group(1)):
        return None  # (not "the First Vice President of Iran" + "E. Jahangiri")
    prev = _WORD_BEFORE.search(text, max(floor, word.start() - 30), word.start())
    if prev is None or not _may_open_a_name(prev.group(1), titled_only=titled_only):
        return None
    return word.start()


def _given_name_word(w: str) -> bool:
    """A capitalised word before a surname that may be a given name: no title, place, date,
    body word or state's name."""
    return _may_be_name_word(w) and fold(w) not in _country_names()


def _may_open_a_name(before: str, *, titled_only: bool = False) -> bool:
    """The word before a name's first word is one a name follows: a title, or (unless only
    titles will do) a lower-case word or one ending on a comma."""
    return fold(before) in TITLES or (
        not titled_only and (before[:1].islower() or before.endswith(","))
    )


def _may_be_name_word(w: str) -> bool:
    """A capitalised word next to a name that may be part of it: no day, month, title,
    body word or place."""
    return (
        fold(w) not in _NOT_NAME_WORDS
        and fold(w) not in TITLES
        and not _ORG_WORD.fullmatch(w)
        and world.place(w) is None
    )


def _surname_words(run: str) -> bool:
    """The capitalised words the recogniser left out after a name may end it: none is a
    day, title, body word or place, nor a place's head word ("Valley", "Region")."""
    return all(_may_be_name_word(w) and not _PLACE_HEAD.search(w) for w in run.split())


_NAME_HEAD = re.compile(r"\b([A-Z][a-z]{2,}) $")
_WORD_BEFORE = re.compile(r"(\S+) $")
# one more capitalised word after a name, then a lower-case word or a clause's end
# (or its possessive: "suspended President Yoon Suk" + "Yeol's failed martial law bid")
_NAME_TAIL = re.compile(r" ([A-Z][a-z]{2,})(?= [a-z]|[,;]|[’']s\b| ?$)", re.M)
# "acting president Choi Sang" + "-mok": a given name of two syllables joined by a hyphen,
# the model's name ending at the hyphen
_HYPHEN_TAIL = re.compile(r"-[a-z]{2,}(?![\w’'-])")
_TWO_NAME_WORDS = re.compile(r" ([A-Z][a-z]{2,} [A-Z][a-z]{2,})(?= [a-z]|[,;]| ?$)", re.M)
_NOT_NAME_WORDS = {
    fold(w)
    for w in (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
        "April May June July August September October November December Jan Feb Mar Apr "
        "Jun Jul Aug Sep Sept Oct Nov Dec The This That These Those And But Said Says Today "
        "Yesterday Tomorrow Also However Meanwhile Administration Jr Sr"
    ).split()
}

# "Chief of the Presidential Staff Office Moeldoko", "Chairman of the National Assembly
# Vương Đình Huệ": a post of a body, then its holder's name, read as one organization
_POST_OF_BEFORE = re.compile(
    r"\b(?:Chairman|Chairwoman|Chairperson|Chair|Chief|Head|Director|Secretary|President|"
    r"Speaker|Governor|Commander|Minister|Member|Deputy|Vice)\s+of\s+(?:the\s+)?$"
)
_BODY_HEAD = re.compile(
    r"(?:Committee|Office|Assembly|Council|Ministry|Commission|Agency|Department|Bureau|"
    r"Parliament|Court|Party|Front|Union|Army|Forces|Police|Senate|Cabinet|Government)$"
)


# an envoy's remit before the span: "special representative for", "envoy to"
_REMIT_BEFORE = re.compile(
    r"\b(?:[Rr]epresentative|[Ee]nvoy|[Cc]oordinator|[Rr]apporteur|[Aa]dvis[eo]r)\s+"
    r"(?:for|to|on)\s+(?:the\s+)?$"
)


def _name_after_remit(text: str, s: int, e: int) -> int | None:
    """Where the name starts when an envoy's remit runs into it ("special representative
    for the Balkans Matthew Palmer", read as one body): the last two or three capitalised
    words, none a body's or a title's word and the first no place's, after at least one word
    of remit."""
    if not _REMIT_BEFORE.search(text, max(0, s - 40), s):
        return None
    words = list(re.finditer(r"\S+", text[s:e]))
    for n in (3, 2):
        if len(words) <= n:
            continue
        name = [w.group() for w in words[-n:]]
        if _may_be_name_word(name[0]) and all(
            x[:1].isupper() and not _ORG_WORD.search(x) and fold(x) not in TITLES for x in name
        ):  # (a surname may be a place's name too: "Palmer")
            return s + words[-n].start()
    return None


def _name_after_body(text: str, s: int, e: int) -> tuple[int, int] | None:
    """(end of the body, start of the name) when a post's body runs into its holder's
    name: one to four capitalised words after the body's head word, none of them a title
    or a body's word."""
    if not _POST_OF_BEFORE.search(text, max(0, s - 30), s):
        return None
    words = list(re.finditer(r"\S+", text[s:e]))
    for i, w in enumerate(words[:-1]):
        if not _BODY_HEAD.match(w.group()):
            continue
        rest = [x.group() for x in words[i + 1 :]]
        if len(rest) <= 4 and all(
            x[:1].isupper()
            and not _BODY_HEAD.match(x)
            and not _ORG_WORD.search(x)
            and fold(x) not in TITLES
            and fold(x) != "of"
            for x in rest
        ):
            return s + w.end(), s + words[i + 1].start()
    return None


_NAME_RUN = re.compile(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,4}")
_BODY_END = re.compile(
    r"\b(?:Council|Commission|Committee|Mission|Force|Forces|Command|Group|Assembly|"
    r"Secretariat|Office)$"
)
_URLISH = re.compile(r"https?:|www\.|\.(?:com|org|net|gov)\b|/")


def headline_end(text: str) -> int:
    """End of a first line written in title case ("Kazakh President Issues Shoot-To-Kill
    Order"), or 0: entities found only there are not trusted."""
    nl = text.find("\n")
    line = text[: nl if nl >= 0 else len(text)]
    if line.rstrip().endswith((".", "!", "?", "”", '"')):
        return 0  # a sentence, however many names it has
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words):
        return len(line)
    return 0


# parliaments called by their own name, which a speaker's name may follow (not "Duma":
# Botswana's "Duma Gideon Boko")
_LEGISLATURES = {
    fold(w)
    for w in (
        "Seimas Saeima Riigikogu Sejm Senat Knesset Storting Stortinget Riksdag Folketing "
        "Althing Eduskunta Bundestag Bundesrat Nationalrat Rada Majlis Mejlis Jogorku Kenesh "
        "Mazhilis Oliy Sobranie Skupstina Skupština Sabor Dáil Oireachtas Cortes Congreso "
        "Verkhovna Khural Hluttaw Sansad Shura Jatiya Parlament Parlamento"
    ).split()
}


def _person_in_org(text: str, s: int, e: int, inside, out, ents) -> bool:
    """ "Foreign Minister of Armenia Zohrab Mnatsakanyan", "Lieutenant General Rustam
    Muradov": a post or a country before a personal name, read as one organization."""
    cut = s
    for m in inside:
        if m.kind in ("country", "org", "place") and m.end < e - 2:
            cut = max(cut, m.end)  # "Ambassador to the United Nations Vassily Nebenzia"
    words = list(re.finditer(r"\S+", text[cut:e]))
    lead = 0
    while lead < len(words) and (
        fold(words[lead].group().rstrip(",")) in TITLES
        # "European Integration Nicolae Popescu": a portfolio run into the name
        or (len(words) - lead > 2 and fold(words[lead].group()) in PORTFOLIO_WORDS)
        # "the Speaker of the Lithuanian Seimas Viktorija Čmilytė-Nielsen": the house
        or (len(words) - lead > 2 and fold(words[lead].group()) in _LEGISLATURES)
    ):
        lead += 1
    if lead and lead < len(words) and words[lead].group() in LINKS:
        lead -= 1  # "Gen Sultan bin Mohammed al Nuamani": the title's word is his name's
    if cut == s and lead == 0:
        return False
    rest = words[lead:]
    if len(rest) > 4 or not rest or (len(rest) < 2 and lead == 0):
        return False  # one word is a name only after a title ("Indian PM Modi")
    if _ORG_WORD.fullmatch(rest[-1].group()):
        return False  # "International Visegrád Fund": a body, whatever words lead it
    s2, e2, label = clean_person(text, cut + rest[0].start(), e)
    if label is None or _generic(label) or (" " not in label and lead == 0):
        return False
    if any(m.start < e2 and s2 < m.end for m in inside if m.kind in ("country", "place")):
        return False  # "Sri Lanka’s new President …": "Lanka" is the state's, no one's name
    _add(out, ents, "person", label, s2, e2, surface=text[s2:e2])
    return True


# a place word no person's name ends in ("Yadi Forest", "Giwa LGA", "Cawtorne Channel" read
# as persons)
_NO_NAME_PLACE_WORDS = (
    r"Province|Region|District|County|Valley|River|Oblast|Governorate|Strait|Corridor|"
    r"Peninsula|Desert|Basin|Airport|Forest|Channel|Creek|LGA|Local Government Area|"
    # structures: "the Grand Ethiopian Renaissance Dam" read as a person
    r"Dam|Canal|Bridge|Stadium|"
    # a building, in Hindi: "the forecourt of Rashtrapati Bhavan", "Vigyan Bhawan"
    r"Bhavan|Bhawan"
)
_NO_NAME_END = re.compile(rf"\b(?:{_NO_NAME_PLACE_WORDS})$")
# any word that ends a place's name, those above and the ones a surname may be ("Lake", "Hills")
# a building a government sits in, which the model calls a body ("the White House", a
# government's voice, stays one)
_SEAT_WORDS = r"Palace|(?:State|Government|Parliament) House"
_SEAT_OF_POWER = re.compile(rf"\b(?:{_SEAT_WORDS})\b(?!\s+of\b)")
_PLACE_HEAD = re.compile(
    rf"\b(?:{_NO_NAME_PLACE_WORDS}|State|Sea|Ocean|Mountains?|Islands?|Lake|Gulf|Coast|Bay|"
    rf"City|Base|Square|{_SEAT_WORDS}|Camp|Border|Crossing|Port|Harbou?r|Hills?|Heights|"
    r"Plateau)$"
)
# "the Gulf of Aden", "the Gulf of Guinea": a sea named after a town or a state
_WATER_OF = re.compile(r"(?:[Tt]he\s+)?(?:Gulf|Bay|Sea|Strait|Straits|Lake|Isle|Cape)\s+of\s+[A-Z]")
_NOT_PLACE = re.compile(
    r"^(?:Republic|States|Member States|State|Secretariat|Government|Council|Union|Federation|"
    r"Logistics|Favour|Favor|West|East|North|South|Kingdom|Commonwealth|Territory|Capital|"
    r"Headquarters|HQ|Centre|Center)$"
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|outside|inside|across|into|towards?|around|through|via|of|"
    r"between|and|across|over|under|on|off)\s+(?:the\s+)?"
    # "to the eastern Mediterranean", "in the western Balkans"
    r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+|central\s+)?$",
    re.I,
)


def _kin_of_known(text: str, s: int, e: int, inside: list[Mention], lex: Lexicon) -> bool:
    """A person the recogniser names in full whose last word is all the lexicon matched, a
    known person's surname, and whose given name is none of that person's."""
    if len(inside) != 1 or inside[0].kind != "person" or inside[0].end != e:
        return False
    entry = lex.entries.get(f"person/{inside[0].key}")
    s2, _e2, label = clean_person(text, s, e)
    if entry is None or not label or s2 >= inside[0].start or " " in inside[0].surface:
        return False
    given = fold(label.split()[0])
    names = {fold(w) for n in (entry.label, *entry.variants) for w in n.split()}
    return given not in names and given not in TITLES and len(given) > 2


def _plausible_place(text: str, s: int, e: int, info) -> bool:
    """A name the gazetteers know, or one that reads as a place: after "in/at/to…" or with a
    place word at its end ("Lachin corridor"). "Republic", "Member States" and plural
    demonyms ("Kazakhs") are not places."""
    surface = text[s:e]
    if _NOT_PLACE.match(surface) or re.search(r"\d", surface):
        return False
    if info is not None:
        return True
    if " " not in surface and fold(surface) in TITLES:
        return False  # "held at the Sultan of Oman's residence": a title, read as a place
    if re.fullmatch(r"[A-Z][a-z]+s", surface) and surface[:-1].lower() in _DEMONYM_WORDS():
        return False
    if _PLACE_HEAD.search(surface) or _WATER_OF.match(surface):
        return True  # ("the Gulf of Aden")
    if _REGION_AFTER.match(text, e):
        return True  # ("Pakistan’s North Waziristan tribal region")
    return bool(_LOCATIVE_BEFORE.search(text[max(0, s - 20) : s]))


def _DEMONYM_WORDS() -> set[str]:
    from kg.extract.gazetteer import load_lexicon

    return {a.lower() for a in load_lexicon().adjective_of}


_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Prof|Sen|Rep|Gov)\.?|\b(?:President|Minister|"
    r"Secretary|Spokes(?:man|woman|person)|Ambassador|General|Commander|Chairman|Chairwoman|"
    r"Premier|Chancellor|King|Queen|Prince|Princess|Emperor|Empress|Emir|Sheikh|Sultan|Pope|"
    r"Envoy|Governor|Mayor|Director|Chief|"
    r"Counterpart|counterpart|spokes(?:man|woman|person)|minister|president|envoy|ambassador|"
    r"leader|chief|commander|general|secretary|Representative|Coordinator|Rapporteur)|H\.\s?E\.)"
    r"(?:-elect|-designate)?\s+$"  # ("President-elect Prabowo Subianto")
    # "the EU Special Representative for Dialogue, Miroslav Lajčak": a post, then its holder
    # ("Chairperson of the African Union Commission (AUC), Moussa Faki Mahamat", "The
    # Chairperson of the African Union (AU) Commission, Moussa Faki Mahamat")
    r"|\b(?:Representative|Envoy|Coordinator|Rapporteur|Adviser|Advisor|Secretary|Minister"
    r"|Chairperson|Chairman|Chairwoman|Commissioner|Director-General|Spokesperson"
    # ("The President of Cuba’s Councils of State and Ministers, Miguel Díaz-Canel")
    r"|President|Vice-President|Premier|Governor|Ambassador|Chancellor)"
    r"(?:\s+(?:for|of|to|on)\s+[^,;()]{1,40}(?:\s*\([^()]{1,12}\)[^,;()]{1,30})?)?"
    r"(?:\s*\([^()]{1,12}\))?,\s*$"
)
_OWN_MEETING_AFTER = re.compile(
    r"['’]s\s+(?:(?:phone|telephone|video|first|second|surprise|state|official|brief)\s+)?"
    r"(?:meeting|talks|visit|trip|call|conversation|speech|remarks|statement)\s+(?:with|to|in)\b"
)
_SAID_AFTER = re.compile(
    r"^\s+(?:(?:also|further|then|later|has|had|was|, who)\s+)?(?:said|says|told|added|noted|"
    r"stressed|stated|announced|declared|warned|urged|explained|insisted|wrote|tweeted|"
    r"confirmed|replied|responded|argued|asked|called|met|spoke|thanked|welcomed)\b"
)


_POST_AFTER = re.compile(
    # (an honour between the name and the post: "Ajit Doval, KC, National Security Adviser")
    r"^,?\s+(?:[A-Z]{2,4},\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:former|then|acting|outgoing|incoming)\s+)?"
    r"(?:[A-Z][\w'’-]+\s+){0,3}(?:Minister|President|Secretary|Adviser|Advisor|"
    r"Ambassador|Spokes(?:man|woman|person)|spokes(?:man|woman|person)|Chairman|Chairwoman|"
    r"Chair|Director|Commander|Head|Chief|General|Envoy|Governor|Deputy|Prime|Foreign|"
    r"Defen[cs]e|minister|president|secretary|ambassador|envoy|commander|head|chief|leader|"
    r"director|governor|deputy|Representative|representative)\b"
)


def _honour_after_name(text: str, s: int, e: int, out: Sequence[Mention]) -> bool:
    """Letters between a person's name and the post ("Ajit Doval, KC, National Security
    Adviser"): an honour or a degree the name carries."""
    return (
        _ACRONYM.match(text[s:e]) is not None
        and e - s <= 4
        and text.startswith(",", e)
        and any(m.kind == "person" and m.end == s - 2 for m in out)
        and text[s - 2 : s] == ", "
        and _POST_AFTER.match(text[e : e + 80]) is not None
    )


def _org_is_person(text: str, s: int, e: int, out, ents, known=(), lex=None) -> bool:
    """The small model often calls a personal name an organization: "Péter Novák, Minister
    of Culture of Hungary", "Ambassador Tokumov", "Petrov said" after "Ivan Petrov"."""
    surface = text[s:e]
    if _generic(surface) or _ACRONYM.match(surface.replace(" ", "")):
        return False
    if _TOWN_OF.search(text, max(0, s - 30), s):
        return False  # "the border town of Nieuw Nickerie, President A …": a town, then a post
    s2, e2, label = clean_person(text, s, e)
    if label is None:
        return False
    if _POST_AFTER.match(text[e : e + 80]) or _TITLE_BEFORE.search(text[max(0, s - 80) : s]):
        return True
    labels = [x.label for x in ents.values() if x.kind == "person"]
    if lex is not None:
        labels += [
            lex.entries[f"person/{m.key}"].label
            for m in known
            if m.kind == "person" and f"person/{m.key}" in lex.entries
        ]
    if " " not in label:
        surnames = {name_skeleton(x.split()[-1]) for x in labels if " " in x}
        return name_skeleton(label) in surnames
    # "López Obrador" after "Andrés Manuel López Obrador": the last words of a person's name
    words = [name_skeleton(w) for w in label.split()]
    return any(
        len(x.split()) > len(words)
        and [name_skeleton(w) for w in x.split()[-len(words) :]] == words
        for x in labels
    )


_NAME_OF_STATE = re.compile(r"(?P<n>.+?) of (?:the )?[A-Z][\w’' -]+")
# "…,” said Luísa Meque.": a verb of saying right after a quotation, its speaker after it
_SAID_BEFORE = re.compile(
    r"[,”\"]\s*(?:said|says|added|adds|emphasi[sz]ed|stressed|noted|explained|stated|"
    r"declared|insisted|warned)\s+$"
)
# (a name's letters may bear accents: "Luísa Meque", "José Ramos")
_NAME_SHAPED = re.compile(
    rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
    rf"(?:(?: (?:da|de|do|dos|das|del|di|van|von|bin|ibn))? [{_UPPER}][{_LOWER}]+"
    rf"(?:-[{_UPPER}][{_LOWER}]+)?){{1,4}}"
)


def _written_in_lower_case(text: str, word: str) -> bool:
    """The text also writes the word in lower case: a common word, not a personal name."""
    return re.search(rf"\b{re.escape(word.lower())}\b", text) is not None


def _reads_as_a_name(text: str, s: int, e: int) -> bool:
    """ "Olaf Scholz" read as an organization: two or three capitalised words with no word of
    an organization, a place or a facility in them look like a personal name, and an
    organization the model names once in that shape is more often a misread person."""
    surface = text[s:e]
    if not _NAME_SHAPED.fullmatch(surface) or _ORG_WORD.search(surface):
        return False
    if _PLACE_HEAD.search(surface) or _FACILITY.fullmatch(surface):
        return False
    if surface in text[e:] or surface in text[:s]:
        return False  # named again as it is: an organization's name is repeated whole
    if any(_written_in_lower_case(text, w) for w in surface.split() if w[:1].isupper()):
        return False  # "Phase Two", "Catholic Church": words the text also writes in lower case
    before = text[max(0, s - 40) : s]
    prev = _WORD_BEFORE.search(before)
    title = prev.group(1) if prev is not None else ""
    if not (
        _PERSON_SLOT_BEFORE.search(before)
        or _SAID_AFTER.match(text[e : e + 30])
        # "…,” said Luísa Meque.": the one who said it, closing the sentence
        or (_SAID_BEFORE.search(before) and re.match(r"[.,;]", text[e : e + 1]))
        # "said Romanian team leader Colonel Alexandru-Adrian Csilik": a title or rank
        or (title[:1].isupper() and fold(title) in TITLES)
        # "The dam's chief engineer, Kifle Horo, said": set between commas after a post
        # written in lower case, and saying something
        or (_POST_IN_LOWER_CASE.search(before) and _COMMA_SAID_AFTER.match(text, e))
    ):
        return False
    _s2, _e2, label = clean_person(text, s, e)
    return label is not None and " " in label


_POST_IN_LOWER_CASE = re.compile(r"\b[a-z]{3,},\s$")
_COMMA_SAID_AFTER = re.compile(
    r",\s+(?:said|says|told|added|noted|stressed|stated|announced|declared|warned|explained|"
    r"insisted|wrote|confirmed)\b"
)


# a name right after these is the person met: "hosted Tshisekedi", "spoke with Ruto"
_MET_WORDS = "met|meets|hosted|hosts|received|receives|welcomed|welcomes|phoned|with|counterpart"
# where a person stands: "met Olaf Scholz", "Emmanuel Macron and Olaf Scholz", "with Olaf Scholz"
_PERSON_SLOT_BEFORE = re.compile(
    rf"(?:\b(?:{_MET_WORDS}|meeting|hosting|told|called|by|[Aa]ccording to)|[A-Z][a-z]+ and|"
    r"[A-Z][a-z]+['’]s),? $"
)


_CONTINENT_PEOPLES = {"africans", "europeans", "asians", "americans", "arabs", "westerners"}


def _people_of(word: str, lex) -> bool:
    """A plural of a nationality or continent ("Somalis", "Kenyans", "Africans")."""
    low = word.lower()
    if low in _CONTINENT_PEOPLES:
        return True
    return low.endswith("s") and fold_text(low[:-1]) in lex.adjective_of


def _marked_person(
    text: str, s: int, e: int, out: Sequence[Mention] = (), known: Sequence[Mention] = ()
) -> bool:
    """A lone word the model calls a person is one when a title stands before it, it says
    something, or it stands where a person is met ("hosted Tshisekedi", "Tshisekedi and
    Ndayishimiye" after a person)."""
    before = text[max(0, s - 40) : s]
    if _TITLE_BEFORE.search(before) or _SAID_AFTER.match(text[e : e + 30]):
        return True
    if _OWN_MEETING_AFTER.match(text, e, e + 40):
        return True  # "Macron's meeting with Zelensky": whose meeting, a person's
    if _MET_BEFORE.search(before):
        return True
    if before.endswith(("'s ", "’s ")) and any(
        m.kind == "country" and not m.adjective and m.end == s - 3 for m in (*known, *out)
    ):
        return True  # "Ukraine's Zelensky": a state's own person, as in a headline
    joined = re.search(r"(?:,| and) $", before)
    return joined is not None and any(
        m.kind == "person" and m.end == s - len(joined.group()) for m in out
    )


# a lone word there is a person only after a verb of meeting, not after "Kharkiv and"
_MET_BEFORE = re.compile(rf"\b(?:{_MET_WORDS}),? $")


def _speaks(text: str, name: str) -> bool:
    """The text has the name say or do what persons do, somewhere ("Hassan said")."""
    return any(
        _SAID_AFTER.match(text[m.end() : m.end() + 30])
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text)
    )


def _type(surface: str, kind: str, label: str, prefer: set[str], *, text: str = ""):
    """What a recognised name is, by the gazetteers first and the model's label second
    (and, for a person's name that is a town's, by what the text has it do)."""
    if kind == "person" and len(surface.split()) == 1 and surface.isupper():
        city = world.place(surface, own_name=True)
        if city is not None and city.kind == "city" and city.population >= 100_000:
            return "place", city  # a dateline's "JUBA": the city, not an acronym
        return "org", None
    if _ACRONYM.match(surface.replace(" ", "")) and kind == "person":
        return "org", None  # "SADC", "ECOWAS" read as persons
    place = None
    if kind in ("place", "org", "person"):
        # a place's own name only: "Hamas" is one of Hamm's alternate names
        place = world.place(surface, prefer, own_name=kind != "place")
    if kind == "place":
        if place is None and _GENERIC_PLACE.match(surface):
            return None, None
        return "place", place
    if place is not None and place.kind == "region" and world.is_region_name(surface):
        return "place", place  # "Cabo Delgado Province" read as an organization
    if (
        kind == "org"
        and place is not None
        and place.kind == "city"
        and place.population >= 100_000
        and not _GENERIC_ORG_WORD.match(surface.split()[-1])
    ):
        return "place", place  # "Vilnius" read as an organization
    if (
        kind == "person"
        and place is not None
        and place.population >= 100_000
        and not (
            place.population < 1_000_000
            and not world.capital_of(surface)
            and _speaks(text, surface)
        )
    ):
        # "Kigali" read as a person; but "Hassan said" (Hassan, a town in India) is one
        return "place", place
    if kind in ("person", "org") and _NATURE_FIRST.match(surface):
        return "place", place  # "Lake Titicaca", "Mount Elgon" read as a person
    if (kind == "person" or surface.endswith("Local Government Area")) and _NO_NAME_END.search(
        surface
    ):
        return "place", place  # "Yadi Forest", "Safana Local Government Area"
    return kind, None


# the first word of a lake's, a mountain's or a cape's name, or of a village's in Malay and
# Filipino ("Kampung Tanduo", "Barangay Poblacion")
_NATURE_FIRST = re.compile(
    r"(?:Lake|Mount|Mt\.?|Cape|Gulf of|Bay of|Sea of|Kampung|Kampong|Barangay) [A-Z]"
)


def _add(
    out, ents, kind: str, label: str, s: int, e: int, country: str | None = None, surface=None
) -> str:
    if kind == "person" and _NO_NAME_END.search(label):
        # "Renaissance Dam", "Yadi Forest": no person's name ends so, whichever rule read it
        # as one; a place, which the gazetteer does not know
        kind = "place"
    key = slug(label)
    ref = f"{kind}/{key}"
    ent = ents.get(ref)
    if ent is None:
        ent = Entity(kind=kind, key=key, label=label, country=country)
        ents[ref] = ent
    out.append(Mention(key=key, kind=kind, start=s, end=e, surface=surface or label))
    return key


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?$")


_GENERIC_ORG_WORD = re.compile(
    r"^(?:Ministry|Ministries|Department|Government|Parliament|Office|Cabinet|Administration|"
    r"Authority|Executive|Board|Chamber|"
    r"Council|Committee|Commission|Organi[sz]ation|Agency|Party|Forces?|Union|Alliance|Bureau|"
    r"Services?|Centre|Center|Secretariat|Assembly|Army|Navy|Guard|Troops|Police|Staff|Command|"
    r"Defen[cs]e|Foreign|Affairs|Interior|Internal|Security|National|State|Federal|Armed|"
    r"Military|Air|Airborne|Aerospace|Ground|Land|Naval|Special|General|Presidential|Public|"
    r"Republican|Central|Supreme|High|Joint|Border|Emergency|Emergencies|Situations|Health|"
    r"Justice|Finance|Economy|Trade|Energy|Information|Communications|Press|Media|Of|The|For|"
    r"And|of|the|for|and|on|in|to|Ministers|Minister|Chiefs|Heads|Headquarters|Allies|"
    r"Partners|Members|Member|"
    # a unit named by its kind only ("the Mechanised Infantry Battalion", "Battle Group")
    r"Battalions?|Brigades?|Regiments?|Companies|Company|Platoons?|Squadrons?|Battle|Group|"
    r"Infantry|Mechani[sz]ed|Motori[sz]ed|Armou?red|Artillery|Engineers?|Medical|Logistics)$"
)
_BAD_ORG_END = re.compile(r"(?:\b(?:of|the|and|for|to|in|on)|[-–,’'])$")


def _generic(name: str) -> bool:
    """Only generic words ("Ministry of Foreign Affairs", "Armed Forces", "Parliament"), also
    in a lead's capitals ("A GROUP of 21 engineers … departed")."""
    return all(
        _GENERIC_ORG_WORD.match(w) or (w.isupper() and _GENERIC_ORG_WORD.match(w.title()))
        for w in re.findall(r"[\w’'-]+", name)
    )


# a body's gathering named by the body: "Summit of the Pacific Alliance"
_EVENT_OF = re.compile(r".*?\b(?:Summits?|Meeting|Session)\s+of\s+(?:the\s+)?(?=[A-Z])")
_EVENT_END = re.compile(
    r"\b(?:Summit|Meeting|Session|Talks|Visit|Order|Situation|Chairmanship|Ministerial|"
    r"Co-Chairs|Co-Chairmanship|Chairs|Conference Call|Call|Resolution|Agreement|Accord|"
    r"Statement|Declaration|Communiqu[eé]|Plan|Initiative|Deployment|Operation|Crisis|War|"
    r"Conflict|Protests?|Unrest|Coup|Election|Elections|Day|Week|Year|Vision(?: - \d+)?)$"
)


_TRAILING_TITLES = {
    "president",
    "minister",
    "secretary",
    "chairman",
    "chairwoman",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "premier",
    "chancellor",
    "prime",
}


# "Eastern", "North-Western" before a state's name: a part of it
_REGION_OF = re.compile(
    r"(?:(?:North|South)-?)?(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)ern\s+(?:the\s+)?"
)

# the people of a body, which a title-case story writes after its name
_MEMBER_NOUNS = {
    "officers",
    "soldiers",
    "personnel",
    "officials",
    "peacekeepers",
    "servicemen",
    "troopers",
    "staffers",
    "diplomats",
    "agents",
}
# words after a body's name that are not part of it (built once: _add_org runs per mention)
_NOT_OF_THE_NAME = _TRAILING_TITLES | _MEMBER_NOUNS


_SYNDICATED = re.compile(r"([A-Z]{3,})-\s+([A-Z].+)")


# a unit of an army named by its number ("10th Infantry Division", "2nd Scout Ranger Battalion")
_NUMBERED_UNIT = re.compile(
    r"\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:Division|Battalion|Brigade|Regiment|Corps|Army|Fleet|Squadron|Wing|Company|Contingent)"
)
_LEADERS_AS_A_NAME = re.compile(r"(?:[Tt]he\s+)?Heads?\s+[Oo]f\s+(?:State|Government)", re.I)


def _add_org(out, ents, text: str, s: int, e: int, known, lex: Lexicon, prefer=frozenset()) -> None:
    """A national body ("Ministry of Defense of Tajikistan", "Turkish Armed Forces",
    "Kazakhstan's Security Council") gets the key the post finder's national bodies get
    (ministry-of-defence-tajikistan); other organizations keep their name as written. A
    name of generic words that says whose it is nowhere is no entity ("the Ministry")."""
    from kg.extract.actors import canon_org, entity_for_generic

    credit = _SYNDICATED.fullmatch(text, s, e)
    if credit:
        # "(MENAFN- Gulf Times)": the syndicator and the paper, two bodies
        for g in (1, 2):
            _add_org(out, ents, text, credit.start(g), credit.end(g), known, lex, prefer)
        return
    pair = _FIRST_OF_A_PAIR.search(text, max(0, s - 40), s)
    if pair and " " in text[s:e] and fold(text[pair.start() : s - 1]) in _country_names():
        # "the Georgia–Armenia Intergovernmental Economic Cooperation Commission": the body
        # of both states, not Armenia's
        s = pair.start()
        known = [m for m in known if m.kind != "country" or not s <= m.start < e]
    named = _named_by_its_last_word(text, s, e, [*known, *out])
    if named is not None:
        out.append(Mention(key=named.key, kind="org", start=s, end=e, surface=text[s:e]))
        return
    words = list(re.finditer(r"\S+", text[s:e]))
    while len(words) > 1 and fold(words[-1].group()) in _NOT_OF_THE_NAME:
        # "the Parliament of the Republic of Kazakhstan President Tokayev", "the Kenya Defence
        # Forces Soldiers returned home": the body, not its people
        words.pop()
    e = s + words[-1].end() if words else e
    surface = text[s:e]
    event = _EVENT_OF.match(surface)
    if event is not None and event.end() < len(surface):
        # "XIII Presidential Summit of the Pacific Alliance": the body whose summit it is
        _add_org(out, ents, text, s + event.end(), e, known, lex, prefer)
        return
    if (
        _BAD_ORG_END.search(surface)
        # "Greece's Foreign Affairs Minister", "Liberia's Permanent Representative": the
        # first words of a post, no body's name
        or (
            _POST_WORD_AFTER.match(text, e)
            and not _ORG_WORD.search(surface)
            and not _ACRONYM.match(surface)  # ("CIA Director William Burns")
        )
        or (" " in surface and surface.isupper())  # "KEY QUOTE": a heading, not a name
        # "attended by Heads of State and Government of Australia, …": the leaders, no body
        or _LEADERS_AS_A_NAME.match(surface)
        or (surface.isupper() and _in_capitals_line(text, s))  # "LOCAL LEADERS", "(END) SMA/MVB"
        or "," in surface
        or _NOT_ACTOR.match(surface)
        or _EVENT_END.search(surface)
        or (re.search(r"(?<![A-Z])\d", surface) and not _NUMBERED_UNIT.fullmatch(surface))
    ):
        return
    countries = [m for m in known if m.kind == "country" and s <= m.start and m.end <= e]
    if countries and countries[-1].end == e and _REGION_OF.fullmatch(text, s, countries[-1].start):
        return  # "the Eastern Democratic Republic of Congo": a part of the state, no body
    if countries and countries[0].start == s:
        rest = re.sub(r"^['’]s?\s+", "", text[countries[0].end : e]).strip()
        # (not "Nepal Police": a body, however a town in Poland is called)
        info = world.place(rest, prefer) if rest and fold(rest) not in TITLES else None
        if info is not None:  # "Mozambique's Cabo Delgado"
            _add_place(out, ents, rest, e - len(rest), e, info, lex)
            return
    head = rest = None
    if (
        countries
        and countries[-1].end == e
        and countries[-1].start > s
        and not countries[-1].adjective
    ):
        m = _OF_COUNTRY.search(text[s : countries[-1].start])
        if m:
            head, owner = text[s : s + m.start()], countries[-1]
    if head is None and countries and countries[0].start == s:
        rest = re.sub(r"^['’]s?\s+", "", text[countries[0].end : e]).strip()
        head, owner = rest, countries[0]
    if head is not None and STATE_GOVERNMENT.fullmatch(head):
        # "the Government of Haiti", "the Royal Government of Cambodia" are the state
        # (docs/gold-format.md)
        out.append(Mention(key=owner.key, kind="country", start=s, end=e, surface=surface))
        return
    if head is not None and head and _generic(head):
        ent = entity_for_generic("org", canon_org(head), owner.key, None, lex)
        ref = f"org/{ent.key}"
        ents.setdefault(ref, ent).surfaces.add(surface)
        out.append(Mention(key=ent.key, kind="org", start=s, end=e, surface=surface))
        return
    country = countries[0].key if countries and not countries[0].adjective else None
    if country is None and _NATIONAL_WORD.search(surface):
        # "the Turkish Presidency's Communications Directorate", "Qatar's Foreign Ministry": a
        # body of the state named just before it
        owner = _country_before(text, s, known)
        if owner is not None:
            ent = _state_body(out, ents, lex, surface, owner, s, e)
            full = _country_before_span(text, s, known)
            if full is not None:
                ent.surfaces.add(text[full:e])
            return
    if country is None and _generic(surface) and not _defines_its_initials(text, s, e):
        # "Myanmar's Permanent Secretary of the Foreign Ministry Aung Kyaw Moe": a ministry
        # with no state said beside it is of the state whose official the post makes him;
        # "Speaking at the weekly media briefing of the Ministry of Foreign Affairs" in a
        # story about Qatar: a state's body, of the state the story is about (but "The
        # Defence Ministry" after "The Polish Defence Ministry": the one named)
        owner = _state_of_the_post(text, s, known) if _MINISTRY.search(surface) else None
        if owner is None and _OF_THE_STATE.fullmatch(surface):
            longer = _longer_name_before(surface, ents)
            if longer is not None:
                # "the Royal Bahamas Defence Force … the Defence Force": the one named in full
                longer.surfaces.add(surface)
                out.append(Mention(key=longer.key, kind="org", start=s, end=e, surface=surface))
                return
            owner = _owner_named_before(canon_org(surface), ents) or _main_state(
                [*known, *out], text.find("\n")
            )
        if owner is not None:
            _state_body(out, ents, lex, surface, owner, s, e)
            return
    if (_generic(surface) and not _defines_its_initials(text, s, e)) or all(
        fold(w) in TITLES for w in surface.split()
    ):
        return  # "the Ministry of Foreign Affairs" of no one said, "Permanent Representative"
    words = re.findall(r"[\w’']+", surface)
    if all(lex.adjective_of.get(fold(w)) or fold(w) in lex.country_by_name for w in words):
        return  # "Turkic", "Kazakh", "Armenia-Azerbaijan" read as organizations
    inside = [m for m in known if m.kind in ("country", "place") and s <= m.start and m.end <= e]
    if inside and _ONLY_JOINERS.fullmatch(
        blank_out(text, s, e, sorted(inside, key=lambda m: m.start))
    ):
        return  # "PNG & Australia", "U.S. Canada", "Ethiopia Somaliland": places side by side
    if fold(surface.split()[-1]) in _PERSON_POSTS:
        return  # "Armed Forces Chief", "U.S. Special Representative": a person's title
    name = surface
    if country is not None and countries[0].start == s:
        # "Mozambique’s National Institute for Disaster Risk Management and Reduction": the
        # state's body, named without the state's possessive
        own = re.match(r"['’]s\s+", text[countries[0].end : e])
        name = text[countries[0].end + own.end() : e] if own else surface
    _add(out, ents, "org", canon_org(name), s, e, country=country)


def _state_body(out, ents, lex: Lexicon, surface: str, owner: str, s: int, e: int) -> Entity:
    """The body of generic words ("the Foreign Ministry") of the state `owner`, mentioned at
    s..e: one entity per state and name, keyed as the post finder keys national bodies."""
    from kg.extract.actors import canon_org, entity_for_generic

    ent = entity_for_generic("org", canon_org(surface), owner, None, lex)
    ent = ents.setdefault(f"org/{ent.key}", ent)
    ent.surfaces.add(surface)
    out.append(Mention(key=ent.key, kind="org", start=s, end=e, surface=surface))
    return ent


def _named_by_its_last_word(text: str, s: int, e: int, before: Sequence[Mention]):
    """ "The Community remains committed …" after "the Caribbean Community": one capitalised
    word after "the" that ends the name of a body the text named before is that body."""
    word = text[s:e]
    if not word.isalpha() or not word[:1].isupper() or text[max(0, s - 4) : s].lower() != "the ":
        return None
    same = [
        m
        for m in before
        if m.kind == "org"
        and m.end <= s
        and " " in m.surface
        and fold(m.surface.split()[-1]) == fold(word)
    ]
    return max(same, key=lambda m: m.start) if same else None


def _in_capitals_line(text: str, pos: int) -> bool:
    """A line of capitals only: a subheading or a sign-off, where acronyms are initials and
    words are shouted."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    return not any(c.islower() for c in line)


_POST_WORD_AFTER = re.compile(
    r"\s+(?:Minister|Secretary|Representative|Ambassador|Spokes(?:man|woman|person)|Envoy|"
    r"Advis[eo]r|Director|Commissioner)\b"
)


# a state's government by another name: the state itself, never an organization of its own
STATE_GOVERNMENT = re.compile(
    r"(?:[Tt]he )?(?:(?:Federal|Royal|Central|National|Union|Transitional|Interim|Provisional)"
    r" )?(?:[Gg]overnment|[Aa]uthorities|[Ss]tate)"
)


_ONLY_JOINERS = re.compile(r"[\sX&/,–—-]*(?:and[\sX&/,–—-]*)*")
_PERSON_POSTS = {
    fold(w)
    for w in (
        "Chief Representative Envoy Secretary Minister Spokesman Spokeswoman Spokesperson "
        "President Commander Director Ambassador Chairman Chairperson Adviser Advisor Premier"
    ).split()
}


_NATIONAL_WORD = re.compile(
    r"\b(?:Ministry|Directorate|Department|Office|Agency|Service|Committee|Council|Police|"
    r"Army|Navy|Forces|Guard|Parliament|Presidency|Administration|Commission|Bureau)\b"
)


# the first state of a pair written as one word before a body's name: "Georgia–"
_FIRST_OF_A_PAIR = re.compile(r"(?<![\w–-])[A-Z][\w’']*[-–]$")


def _country_before_span(text: str, s: int, known) -> int | None:
    for m in known:
        if m.kind == "country" and m.end <= s and s - m.end <= 30:
            if re.fullmatch(r"(?:['’]s)?(?:\s+[A-Z][\w-]+(?:['’]s)?){0,2}\s+", text[m.end : s]):
                return m.start
    return None


_MINISTRY = re.compile(r"\bMinistry\b")


# "Myanmar's Permanent Secretary of the Foreign Ministry": the state whose official it is
_POST_OF_THE = re.compile(r"^['’]s\s+(?:[A-Z][\w-]*\s+){1,4}(?:of|for|at)\s+(?:the\s+)?$")


# a state's own bodies, named with no state: "the Ministry of Foreign Affairs", "the
# National Assembly", "the Presidency"
_OF_THE_STATE = re.compile(
    r"Ministry of [A-Z][\w ’'-]+|(?:Foreign|Interior|Defen[cs]e) Ministry|National Assembly|"
    r"House of Representatives|National Parliament|Presidency|National Police"
    # (and its forces: "the Defence Forces" of Ireland, "the Armed Forces" of Chile)
    r"|Defen[cs]e Forces?|Armed Forces|Air Force|Navy|National Guard|Coast ?[Gg]uard"
)


def _longer_name_before(surface: str, ents) -> Entity | None:
    """The one body the story has named already whose name ends with this one."""
    tail = " " + fold(surface)
    found = [e for e in ents.values() if e.kind == "org" and fold(e.label).endswith(tail)]
    return found[0] if len(found) == 1 else None


def _owner_named_before(name: str, ents) -> str | None:
    """The one state whose body of this name the story has named already."""
    owners = {
        e.country
        for e in ents.values()
        if e.kind == "org" and e.country and e.key == slug(f"{name} {e.country}")
    }
    return owners.pop() if len(owners) == 1 else None


def _main_state(mentions, headline_end: int = 0) -> str | None:
    """The state a story is about: named at least three times, half as often again as any
    other, or most often and in the headline, where the next is not ("Jordan's Safadi holds
    talks with Pompeo in Amman", then Jordan five times and the United States four)."""
    counts = Counter(m.key for m in mentions if m.kind == "country")
    top = counts.most_common(2)
    if not top or top[0][1] < 3:
        return None
    if len(top) > 1 and top[0][1] < 1.5 * top[1][1]:
        headline = {m.key for m in mentions if m.kind == "country" and m.start < headline_end}
        if not (top[0][1] > top[1][1] and top[0][0] in headline and top[1][0] not in headline):
            return None
    return top[0][0]


def _state_of_the_post(text: str, s: int, known) -> str | None:
    """Whose a ministry named with no state is: the state whose official's post names it
    ("Myanmar's Permanent Secretary of the Foreign Ministry")."""
    for m in known:
        if m.kind == "country" and m.end <= s and _POST_OF_THE.match(text[m.end : s]):
            return m.key
    return None


def _country_before(text: str, s: int, known) -> str | None:
    for m in known:
        if m.kind != "country" or m.end > s or s - m.end > 30:
            continue
        gap = text[m.end : s]
        if re.fullmatch(r"(?:['’]s)?(?:\s+[A-Z][\w-]+(?:['’]s)?){0,2}\s+", gap):
            return m.key
    return None


_LOCATIVE_NAME = re.compile(
    r"\b(?:in|to|from|near|at|outside|into|towards?|across|around|"
    # verbs whose object is a place: "raided Jenin", "shelled Donetsk", "seized Sake"
    r"raided|attacked|shelled|struck|seized|captured|entered|bombed|stormed|besieged|"
    r"reached|visited|left|fled|evacuated|"
    # "the strategic city of Goma", "the port town of Sittwe"
    r"(?:city|town|village|port|capital|province|region|district)\s+of)\s+(?:the\s+)?"
    # (the name's words on one line: "met in Skopje" ending a headline is not "Skopje
    # Source")
    r"(?P<n>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){0,2})"
)
# "left Brisbane for Port Moresby", "departed for Juba", "bound for Aden": where those
# leaving go
_FOR_AFTER_LEAVING = re.compile(
    r"\b(?:left|leave|leaves|leaving|departed|depart|departs|departing|bound|headed|heading|"
    r"sailed|flew|set\s+off|set\s+sail)\s+(?:[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){0,2}\s+)?"
    r"for\s+(?:the\s+)?(?P<n>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){0,2})"
)
_CITY_SAID = re.compile(
    r"(?<![\w’'-])(?:(?:The|A|An|In|At)\s)?(?P<n>[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?)(?:-based\b|,\s+(?:the\s+|a\s+)?"
    r"(?:[a-z-]+\s+){0,2}(?:city|town|capital|port|village)\b)"
)
# "Sagme, a northern village on the border with Nigeria": a town the text says is one,
# whether or not a gazetteer knows it (the one form of _CITY_SAID's that is trusted alone:
# "X-based" and "X, the capital" only point to a name the gazetteer must confirm)
_TOWN_SAID = re.compile(
    r"(?<![\w’'-])(?P<n>[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?),\s+a\s+(?:[a-z-]+\s+){0,2}"
    r"(?:village|town)\b"
)
_DATELINE_CITY = re.compile(
    # "PORT-AU-PRINCE, Haiti", "JUBA (Reuters)", "SUVA—Fiji will", "TALLINN - Estonian"
    r"^(?P<n>[A-Z][A-Z’'.-]*[A-Z](?:[ -][A-Z][A-Z’'.-]+){0,3})\s*(?:[,(:]|\s[-–—]\s|[–—])"
    # "Kuala Lumpur (Bernama)", "Muscat: His Majesty …"
    r"|^(?P<m>[A-Z][a-z’'.-]+(?: [A-Z][a-z’'.-]+){0,2})\s*(?:\([^)\n]{2,40}\)|:\s)",
    re.M,
)
# "Ulaanbaatar, February 24, 2023, /MONTSAME/.", "Tunis/Tunisia — President …": a city in
# title case, then the day or its state
_DATELINE_CITY_TITLED = re.compile(
    r"^(?P<n>[A-Z][a-z’'.-]+(?: [A-Z][a-z’'.-]+){0,2})"
    rf"(?:,\s*{DATELINE_DAY}|/[A-Z][\w -]{{2,30}}\s*[—–-])",
    re.M,
)
_BIG_CITY_WORD = re.compile(r"(?<![\w’'-])[A-Z][a-z’'-]{2,}(?:\s[A-Z][a-z’'-]{2,})?(?![\w’'-])")
_NOT_TOWN = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "central",
    "north",
    "south",
    "east",
    "west",
    "police",
    "mobile",
    "split",
    "union",
    "federal",
    "general",
    "president",
    "minister",
    "parliament",
    "congress",
}


_LISTED_AFTER = re.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?P<n>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(fold(n) for c in world.countries().values() for n in (c.label, *c.names))


def _gazetteer_places(text: str, out, ents, known, lex: Lexicon, prefer) -> None:
    """Towns the recogniser missed: a dateline's city in capitals ("PORT-AU-PRINCE
    (Reuters)"), and a name the GeoNames gazetteer knows after "in", "to", "from"…
    ("troops arrived in Macomia")."""
    taken = sorted((m.start, m.end) for m in list(known) + out)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    cands: list[tuple[int, int, str]] = []
    for m in _DATELINE_CITY_TITLED.finditer(text, 0, min(len(text), 3000)):
        if fold(m.group("n")) not in _country_names():
            cands.append((m.start("n"), m.end("n"), m.group("n")))
    for m in _DATELINE_CITY.finditer(text, 0, min(len(text), 3000)):
        g = "n" if m.group("n") else "m"
        if fold(m.group(g)) in _country_names():
            continue  # "Mozambique: His Excellency President …", a communique's list of states
        cands.append((m.start(g), m.end(g), m.group(g).title()))
        info = world.place(m.group(g).title(), prefer, own_name=True)
        if info is not None and info.kind == "city":
            # "KUALA LUMPUR (May 10):": the recogniser's "KUALA" is a piece of the city
            s, e = m.span(g)
            inside = [x for x in out if s <= x.start and x.end <= e and x.kind in ("org", "person")]
            for x in inside:
                out.remove(x)
            taken = [(a, b) for a, b in taken if not (s <= a and b <= e)]
    locative: set[tuple[int, int]] = set()
    for m in (*_LOCATIVE_NAME.finditer(text), *_FOR_AFTER_LEAVING.finditer(text)):
        cands.append((m.start("n"), m.end("n"), m.group("n")))  # the whole capitalised name
        locative.add(m.span("n"))
    said_city: set[tuple[int, int]] = set()
    for m in _CITY_SAID.finditer(text):
        # "the Kiev-based mission", "Donetsk, a major city in …", "Boa Vista, capital of …"
        cands.append((m.start("n"), m.end("n"), m.group("n")))
        said_city.add((m.start("n"), m.end("n")))
    said_town = {m.span("n") for m in _TOWN_SAID.finditer(text)}
    for m in _BIG_CITY_WORD.finditer(text):
        # a city of a million people or more, standing alone ("the ports of Odesa,
        # Pivdennyi and Chornomorsk"); not a given name before a surname
        before = text[max(0, m.start() - 2) : m.start()]
        after = text[m.end() : m.end() + 2]
        if re.match(r"\s[A-Z]", after) or re.search(r"[A-Z][a-z]*\s$", before):
            continue
        info = world.place(m.group(), prefer, own_name=True)
        if info is not None and info.kind == "city" and info.population >= 1_000_000:
            cands.append((m.start(), m.end(), m.group()))
    listed: set[tuple[int, int]] = set()
    surnames = {x.label.split()[-1] for x in ents.values() if x.kind == "person" and x.label}
    surnames |= {m.surface.split()[-1] for m in list(known) + out if m.kind == "person"}
    for m in list(known) + out:
        if m.kind in ("place", "country") and not m.adjective:
            # "shelled Kharkiv and Zaporizhzhia": a name listed after a place
            nxt = _LISTED_AFTER.match(text, m.end)
            if nxt:
                listed.add((nxt.start("n"), nxt.end("n")))
                cands.append((nxt.start("n"), nxt.end("n"), nxt.group("n")))
    # ("Islamabad Punjab" in a headline is two places, not a first name and a surname)
    placeish = {text[m.start : m.end] for m in list(known) + out if m.kind in ("place", "country")}
    seen: set[tuple[int, int]] = set()
    for s, e, name in cands:
        if (s, e) in seen or not free(s, e) or name.lower() in _NOT_TOWN:
            continue
        if name in surnames and not name.isupper():
            continue  # "According to Hamilton" after "Adrian Hamilton": the person, no town
        after = text[e : e + 20]
        if re.match(r"\s+(?:Post|Times|News|Agency|Council|Ministry|University|Airport)\b", after):
            continue
        info = world.place(name, prefer, own_name=True)
        if (s, e) in listed and (
            name in surnames
            or any(
                w.group(1) not in placeish
                for w in re.finditer(rf"\b([A-Z][a-z]+|[A-Z]\.) {re.escape(name)}\b", text)
            )
        ):
            continue  # "Prime Ministers Gonsalves and Skerrit": surnames of people named
        if info is None and (s, e) in said_city:
            info = world.place(name, prefer)  # "Kiev-based": another spelling of Kyiv
            if info is not None and info.kind == "city" and info.population < 100_000:
                info = None
        if info is None and ((s, e) in listed or (s, e) in locative):
            # in a list of places, or where only a place can stand ("flew to Naypyidaw",
            # "arrived in Addis Abeba"), another spelling will do, for a city that size
            info = world.place(name, prefer)
            if info is not None and info.kind == "city" and info.population < 100_000:
                info = None
        if info is None and (s, e) in said_town:
            seen.add((s, e))
            taken.append((s, e))
            _add_place(out, ents, text[s:e], s, e, None, lex)
            continue
        if info is None or info.kind not in ("city", "region"):
            continue
        if (
            info.kind == "city"
            and info.population < 50_000
            and not name.isupper()
            and world.capital_of(name) != info.country_iso2
        ):
            # "Alliance" (Ohio), "Summit": small towns named like common words; but a
            # state's capital is named as such ("a college in Castries", "arrived in Apia")
            continue
        seen.add((s, e))
        taken.append((s, e))
        _add_place(out, ents, text[s:e], s, e, info, lex)


# where only a place can stand: not "spoke to Tyler" or "with Jackson"
_TOWN_BEFORE = re.compile(
    r"\b(?:in|from|near|outside|inside|into|towards?|across|through|"
    r"(?:fled|moved|travell?ed|went|returned|headed|evacuated|displaced|arrived|back|"
    r"deployed|sent|dispatched|flown|airlifted|redeployed)"
    r"\s+(?:\w+\s+)?to)\s+(?:the\s+)?$"
)


def _lone_name(word: str) -> bool:
    """One capitalised word, not an acronym: what may be a surname standing alone."""
    return " " not in word and word[:1].isupper() and not word.isupper()


def _surname_named_before(text: str, s: int, e: int, out, known) -> bool:
    """A one-word place name that is the surname of a person named before, with no word
    before it that only a place follows ("in", "from", "travelled to"). A surname is any
    word of the name but the first: "Rangel" after "Henry Rangel Silva" (two surnames, as
    Spanish and Portuguese names have; Rangel is also a town in Angola)."""
    word = text[s:e]
    if not _lone_name(word) or _TOWN_BEFORE.search(text[max(0, s - 40) : s]):
        return False
    return any(
        m.kind == "person" and m.start < s and word in m.surface.split()[1:] for m in (*known, *out)
    )


def _surname_named_in_story(text: str, s: int, e: int, known, recognised) -> bool:
    """A one-word name in the headline that is the surname of a person the story names."""
    word = text[s:e]
    if not _lone_name(word):
        return False
    full = [text[a:b] for a, b, label in recognised if label == "PERSON" and a >= e]
    full += [m.surface for m in known if m.kind == "person" and m.start >= e]
    return any(" " in name and name.split()[-1] == word for name in full)


# "Operation Prosperity Guardian", "Operation Alba (Dawn)": a named military or relief
# operation (an organization, docs/gold-format.md), whatever the recogniser made of its name
_OPERATION = re.compile(r"\bOperation\s+[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|\d{4}\b)){0,4}")


def _named_operations(text: str, out, ents, known) -> None:
    """Each named operation, in place of the pieces of its name the recogniser found."""
    for m in _OPERATION.finditer(text):
        s, e = m.span()
        if any(k.start < e and s < k.end for k in known):
            continue  # the lexicon's name ("Operation Barkhane")
        inside = [x for x in out if s <= x.start and x.end <= e]
        if any(x.start < e and s < x.end for x in out if x not in inside):
            continue  # a longer name the operation's words are part of
        for x in inside:
            out.remove(x)
        _add(out, ents, "org", m.group(), s, e)


# "(Norte de Santander department)", "the department of Cauca": the word that says a name
# is a region of a state, in lower case
_REGION_WORD_AFTER = re.compile(rf"\s+{world.REGION_WORD}\b")
_REGION_WORD_BEFORE = re.compile(rf"\b{world.REGION_WORD}\s+of\s+(?:the\s+)?$")


def _region_told_as_one(text: str, s: int, e: int, surface: str, prefer):
    """A region the gazetteer knows, read as a body, that the text calls a region in lower
    case ("the Catatumbo region (Norte de Santander department)")."""
    if not (
        _REGION_WORD_AFTER.match(text, e) or _REGION_WORD_BEFORE.search(text, max(0, s - 30), s)
    ):
        return None
    info = world.place(surface, prefer, own_name=True)
    return info if info is not None and info.kind == "region" else None


def _town_read_as_person(text: str, s: int, e: int, prefer):
    """A city of 100,000 people or more, or a province or state, after "in", "to",
    "from"… and no title before, that the recogniser calls a person ("fled south to Khan
    Younis", "troops were deployed to Cabo Delgado")."""
    if not _TOWN_BEFORE.search(text[max(0, s - 40) : s]):
        return None
    info = world.place(text[s:e], prefer)
    if info is None:
        return None
    if info.kind == "region" and info.region_type and " " in text[s:e].strip():
        return info
    if info.kind != "city":
        return None
    if info.population < 100_000 and not _SENT_TO.search(text[max(0, s - 40) : s]):
        # ("a message from Ruto": a smaller town's name is more often a surname; but troops
        # "will be deployed to Jowhar" go to a place)
        return None
    return info


# forces or people moved to a place: what follows is where they went
_SENT_TO = re.compile(
    r"\b(?:deployed|sent|dispatched|flown|airlifted|redeployed|moved|relocated|transferred)"
    r"\s+(?:\w+\s+)?to\s+(?:the\s+)?$"
)


_CAPITALISED_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+\s+$")


def _town_grown_left(text: str, s: int, e: int, prefer):
    """(start, city) for a city of 100,000 people or more whose last words the recogniser
    calls a person, after "in", "to", "from"…: "attacks in Dera Ismail Khan"."""
    word = _CAPITALISED_BEFORE.search(text, max(0, s - 30), s)
    if word is None:
        return None
    town = _town_read_as_person(text, word.start(), e, prefer)
    return (word.start(), town) if town is not None and town.kind == "city" else None


def _local_place(text: str, s: int, e: int, prefer, out, known):
    """A region or town of a state the story names, by its own name, that the recogniser
    calls a person or an organization ("deployed in Balochistan", "Jowhar, the capital of
    …"): the place, unless something marks a person there (a title before it, a verb of
    saying after it, a person of that surname) or the text writes its words in lower case
    too ("Police", "Mobile")."""
    surface = text[s:e]
    info = world.place(surface, prefer, own_name=True)
    if info is None or info.country_iso2 not in prefer or info.kind not in ("city", "region"):
        return None
    usual = world.place(surface, prefer)
    if usual is not None and usual.country_iso2 == info.country_iso2:
        info = usual  # the place the name means where the recogniser calls it one ("Hà Nội")
    if _GENERIC_ORG_WORD.match(surface.split()[-1]) or _NOT_PLACE.match(surface):
        return None
    if any(_written_in_lower_case(text, w) for w in surface.split()):
        return None
    if _marked_person(text, s, e, out) or _OWN_MEETING_AFTER.match(text, e, e + 40):
        return None
    words = set(surface.split())
    for m in (*known, *out):
        if m.kind == "person" and words & set(m.surface.split()):
            return None  # "Hassan" after "Samia Suluhu Hassan": the person
    return info


# "Hormuz Strait" is the "Strait of Hormuz" (one node, whichever way the text writes it)
_WATER_AFTER = re.compile(r"([A-Z][\w'’-]+) (Strait|Gulf)")


def _add_place(out, ents, surface: str, s: int, e: int, info, lex: Lexicon) -> None:
    label = info.name if info is not None else surface
    if info is None and (water := _WATER_AFTER.fullmatch(surface)):
        label = f"{water.group(2)} of {water.group(1)}"
    facility = info is None and bool(_FACILITY.fullmatch(surface))
    key = slug(label)
    ref = f"place/{key}"
    if ref not in ents:
        country = None
        if info is not None:
            c = next(
                (
                    x
                    for x in lex.entries.values()
                    if x.kind == "country" and x.iso2 == info.country_iso2
                ),
                None,
            )
            country = c.key if c else None
        ents[ref] = Entity(
            kind="place",
            key=key,
            label=label,
            country=country,
            category=info.kind if info is not None else ("facility" if facility else None),
            geonames_id=info.geonames_id if info is not None else None,
            lat=info.lat if info is not None else None,
            long=info.long if info is not None else None,
        )
    if fold(surface) != fold(label):
        ents[ref].surfaces.add(surface)
    out.append(Mention(key=key, kind="place", start=s, end=e, surface=surface))


PAREN_ACRONYM = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z0-9&.-]{1,9})\)")


def initials_fit(acronym: str, name: str) -> bool:
    """ "SADC" abbreviates "Southern African Development Community"; "ARMENPRESS" does not
    abbreviate "Armenian Club": the acronym's letters follow the name's initials in order."""
    initials = [w[0].upper() for w in re.findall(r"[\w’'-]+", name) if w[0].isupper()]
    letters = [c for c in acronym.upper() if c.isalpha()]
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    if i >= max(2, len(letters) - 1):
        return True
    # "United Nations Mission in Sierra Leone (UNAMSIL)": a mission's acronym takes more
    # than initials, but holds every initial in order, from the first
    rest = iter(letters[1:])
    return (
        len(initials) >= 3 and letters[:1] == initials[:1] and all(c in rest for c in initials[1:])
    )


_BARE_ACRONYM = re.compile(r"[A-Z]{3,8}")
# a person's post after the name, its initials in brackets (letters after the name between)
_POST_INITIALS = re.compile(
    r"[^,;.()\n]{0,60},\s+(?:the\s+)?"
    r"(?P<post>(?:Chief|Minister|Secretary|Commander|Director|Head|Inspector|Chairman|"
    r"Chairperson|President|Governor|Commissioner)(?:[\s-]+(?:of\s+|for\s+)?(?:the\s+)?"
    r"[A-Z][\w-]*){1,5})\s*\((?P<a>[A-Z]{2,6})\)"
)


def _defines_its_initials(text: str, s: int, e: int) -> bool:
    """ "The Presidential Council (PC), in its capacity as …": a name of generic words whose
    initials the text defines names one body, the story's own."""
    pm = PAREN_ACRONYM.match(text, e)
    return bool(pm and initials_fit(pm.group("a"), text[s:e]))


def _acronyms(text: str, out: list[Mention], ents: dict[str, Entity], known) -> None:
    """ "the Southern African Development Community (SADC)": every SADC is that community."""
    alias: dict[str, tuple[str, str]] = {}
    for m in out + list(known):
        if m.kind not in ("org", "country") or m.adjective:
            continue
        pm = PAREN_ACRONYM.match(text, m.end)
        if pm and initials_fit(pm.group("a"), text[m.start : m.end]):
            # "Papua New Guinea (PNG)": every PNG is the country, as SADC is the community
            alias[pm.group("a")] = (m.kind, m.key)
    _initials_named(out, ents, known, alias)
    for m in out + list(known):
        pm = _POST_INITIALS.match(text, m.end) if m.kind == "person" else None
        if pm and initials_fit(pm.group("a"), pm.group("post")):
            # "General Shavendra Silva …, the Chief of Defence Staff (CDS)": "the CDS" is he
            alias.setdefault(pm.group("a"), (m.kind, m.key))
    for m in out:
        if (
            m.kind == "org"
            and _BARE_ACRONYM.fullmatch(m.surface)
            and m.surface not in alias
            and f"({m.surface})" in text
        ):
            # "the UN-African Union hybrid peacekeeping operation in Darfur (UNAMID)": the
            # text defines it, but by a name in lower case; "UNAMID headquarters" was found,
            # "a statement from the UNAMID" not: read once as a body, it is one everywhere
            alias[m.surface] = (m.kind, m.key)
    if not alias:
        return
    kept: list[Mention] = []
    for m in out:
        target = alias.get(m.surface)
        if target and (m.kind, m.key) != target:  # the entity left goes in _surnames
            m = Mention(key=target[1], kind=target[0], start=m.start, end=m.end, surface=m.surface)
        kept.append(m)
    seen = {(m.start, m.end) for m in kept} | {(m.start, m.end) for m in known}
    for a, (kind, key) in alias.items():
        for mm in re.finditer(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text):
            if (mm.start(), mm.end()) in seen:
                continue
            if any(x.start < mm.end() and mm.start() < x.end for x in kept + list(known)):
                continue
            kept.append(Mention(key=key, kind=kind, start=mm.start(), end=mm.end(), surface=a))
    out[:] = kept


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", name) if w[0].isupper())


def _initials_named(out: list[Mention], ents: dict[str, Entity], known, alias) -> None:
    """An acronym the text never spells out, "LNA" beside "the Libyan National Army", "KP"
    beside "Khyber Pakhtunkhwa": the one body or place named in full whose capitalised
    words' initials are exactly its letters."""
    full: dict[str, set[tuple[str, str]]] = {}
    for m in (*out, *known):
        if m.kind not in ("org", "place"):
            continue
        names = {m.surface}
        ent = ents.get(f"{m.kind}/{m.key}")
        if ent is not None:
            names |= {ent.label, *ent.surfaces}
        for n in names:
            if " " in n.strip() and not n.isupper():
                full.setdefault(_initials(n), set()).add((m.kind, m.key))
    for m in out:
        a = m.surface
        if m.kind not in ("org", "place") or a in alias or not re.fullmatch(r"[A-Z]{2,6}", a):
            continue
        ent = ents.get(f"{m.kind}/{m.key}")
        if ent is None or ent.label != a:
            continue  # an acronym some list knows keeps its body
        cands = {c for c in full.get(a, set()) if c[0] == m.kind and c[1] != m.key}
        if len(cands) == 1:
            alias[a] = next(iter(cands))


_ORG_WORD = re.compile(
    r"\b(?:Ministry|Council|Commission|Committee|Agency|Party|Front|Movement|Group|Forces?|"
    r"Army|Navy|Police|Guard|Bank|Fund|Company|Corporation|Corp|Inc|Ltd|News|Times|Post|TV|"
    r"Radio|Television|Press|Media|University|Institute|Academy|Union|Alliance|Association|"
    r"Organi[sz]ation|Service|Services|Office|Bureau|Department|Government|Parliament|"
    r"Assembly|Court|Tribunal|Mission|Command|Brigade|Battalion|Secretariat|Centre|Center|"
    r"Foundation|Network|Agency|Authority|Directorate|Congress|Senate|Cabinet|Presidency|"
    r"Executive|Administration|Board|Chamber|Legislature|Duma|Majlis|Knesset|Constabulary|"
    r"Gendarmerie|Diwan|Division|Unit|Section|Branch)\b"
)


# a name that opens with a post is the post's, not a body's ("Minister of Foreign Affairs of
# Uzbekistan", "Chief of Defence Staff", "Commander Joint Forces")
POST_FIRST = re.compile(
    r"(?:The\s+)?(?:Deputy\s+)?(?:Minister|Commander|Chair|Chairman|Chairperson|Chief|Head)\b(?![’'])"
)


def _supported_orgs(out: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """An organization only the recogniser saw, named once, with no word of an organization
    in its name and no acronym form, is too often a misread capitalised phrase to keep."""
    counts: dict[str, int] = {}
    for m in out:
        if m.kind == "org":
            counts[m.key] = counts.get(m.key, 0) + 1
    keep = []
    for m in out:
        ent = ents.get(f"org/{m.key}")
        if m.kind == "org" and POST_FIRST.match(m.surface):
            continue  # "Deputy Commander Land Forces", "Chair-In-Office": a post, no body
        if (
            m.kind == "org"
            and counts[m.key] == 1
            and ent is not None
            and not ent.country
            and not ent.parent
            and not _ORG_WORD.search(ent.label)
            and not _ACRONYM.match(m.surface.replace(" ", ""))
        ):
            continue
        keep.append(m)
    return keep


# "will land at the Adana airport", "arrived at Narita airport", "flew into Bagram air base",
# "Kigali International airport": a facility named for its town, the word in lower case
_FACILITY_AFTER = re.compile(
    r"[ \t]+(?:[Ii]nternational[ \t]+)?"
    r"(?:airport|airfield|airstrip|barracks|air[ -]?base|(?:air[ -]force|naval|military)[ \t]+base)"
    r"(?![\w-])"
)


def _facilities_named_for(
    text: str, mentions: list[Mention], ents, lex: Lexicon
) -> tuple[list[Mention], list[Mention]]:
    """A town's or a place's name with "airport" or "air base" after it names the facility,
    not the town: the facility is the place (a town named on its own elsewhere stays). The
    mentions kept, and the facilities' (which belong with the recogniser's own)."""
    kept: list[Mention] = []
    facilities: list[Mention] = []
    for m in mentions:
        after = _FACILITY_AFTER.match(text, m.end) if m.kind == "place" else None
        if after is None:
            kept.append(m)
            continue
        _add_place(facilities, ents, text[m.start : after.end()], m.start, after.end(), None, lex)
        ents[f"place/{facilities[-1].key}"].category = "facility"
    return kept, facilities


def _drop_unused(out: list[Mention], ents: dict[str, Entity]) -> None:
    used = {f"{m.kind}/{m.key}" for m in out}
    for ref in [r for r in ents if r not in used]:
        del ents[ref]


# a word of three letters or more in any script ("Vučić", "Erdoğan", "McCarthy"); the
# loop keeps those that start with a capital and are not all capitals (acronyms)
_CAP_TOKEN = re.compile(r"(?<![\w’'-])(?![a-z])[^\W\d_][\w’'-]{2,}(?![\w-])")


_BY_A_NAME_WORD = re.compile(r"([A-Z][\w’'.-]*?)\.?[\s‘'’]+$")
_A_NAME_WORD_NEXT = re.compile(r"[\s-]+[A-Z]")


def surname_variants(text: str, mentions: list[Mention], label_of) -> list[Mention]:
    """A surname written in another transliteration ("Mirziyoev" after "Shavkat
    Mirziyoyev") names the same person: one node, one more spelling."""
    surnames: dict[str, set[str]] = {}
    # the first word of a name of two, where it is the family name ("Wang" after "Wang Yi",
    # "Xi" after "Xi Jinping"): one person's only
    firsts: dict[str, set[str]] = {}
    inners: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person":
            words = label_of(m.key).split()
            if len(words) >= 2 or _lone_name(words[0]) and len(words[0]) >= 4:
                # (a one-word name too: "Hasina met …" after "Prime Minister Sheikh Hasina",
                # where the model tagged only the first)
                for last in _last_names(words[-1]):
                    surnames.setdefault(name_skeleton(last), set()).add(m.key)
            if len(words) == 2 and _lone_name(words[0]):
                firsts.setdefault(words[0], set()).add(m.key)
            if len(words) >= 4:
                # a long name's inner word written alone: "Lula" after "Luiz Inácio Lula da
                # Silva" (the model tags the lone word now and then, never reliably)
                for inner in words[1:-1]:
                    if _lone_name(inner) and len(inner) >= 4:
                        inners.setdefault(name_skeleton(inner), set()).add(m.key)
    unique = {sk: next(iter(keys)) for sk, keys in surnames.items() if len(keys) == 1}
    inner_of = {
        sk: next(iter(keys))
        for sk, keys in inners.items()
        if len(keys) == 1 and sk not in surnames and sk not in firsts
    }
    if not unique and not inner_of:
        return mentions
    # a typo that swaps letters ("Videgaray" after "Luis Videragay"): same letters, same
    # first letter, in a name long enough that such a twin is no other name
    by_letters: dict[tuple[str, str], set[str]] = {}
    named_once = set(unique.values())
    for m in mentions:
        if m.kind == "person" and m.key in named_once:
            last = label_of(m.key).split()[-1]
            if len(last) >= 6:
                by_letters.setdefault(_letters(last), set()).add(m.key)

    # a letter left out or put in ("Letybiotis" after "Konstantinos Letymbiotis"): in a
    # surname of seven letters or more, the one person whose surname is one edit away
    long_names = [(sk, key) for sk, key in unique.items() if len(sk) >= 7]

    def person_for(word: str) -> str | None:
        key = unique.get(name_skeleton(word))
        if key is None and len(word) >= 6 and len(by_letters.get(_letters(word), ())) == 1:
            key = next(iter(by_letters[_letters(word)]))
        if key is None and len(word) >= 7:
            sk = name_skeleton(word)
            near = {k for other, k in long_names if _one_letter_apart(sk, other)}
            key = near.pop() if len(near) == 1 else None
        return key

    def first_of(word: str) -> str | None:
        keys = firsts.get(word, set())
        return next(iter(keys)) if len(keys) == 1 and name_skeleton(word) not in surnames else None

    # a lone word the model took for an organization, when it is such a spelling
    mentions = [
        Mention(key=key, kind="person", start=m.start, end=m.end, surface=m.surface)
        if m.kind == "org"
        and " " not in m.surface
        and not m.surface.isupper()
        and ((key := person_for(m.surface)) is not None or (key := first_of(m.surface)))
        else m
        for m in mentions
    ]
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [t[0] for t in taken]
    out = list(mentions)
    for w in _CAP_TOKEN.finditer(text):
        if not w.group()[0].isupper() or w.group().isupper():
            continue
        key = person_for(w.group())
        before = _BY_A_NAME_WORD.search(text, max(0, w.start() - 30), w.start())
        if key is None and (before is None or fold(before.group(1)) in TITLES):
            # ("President Lula said": a title before it is no other name's word)
            if not _A_NAME_WORD_NEXT.match(text, w.end()):
                # (not "Pengiran Muda ‘Abdul Mateen" after "Awang Abdul Aziz Juned": a word
                # of another name)
                key = inner_of.get(name_skeleton(w.group()))
        if key is None:
            continue
        if len(w.group()) == 3 and fold(w.group()) in _NOT_NAME_WORDS:
            continue  # ("May" after "Theresa May" is also a month)
        i = bisect.bisect_right(starts, w.start())
        if i and taken[i - 1][1] > w.start():
            continue  # inside a name already found
        out.append(Mention(key=key, kind="person", start=w.start(), end=w.end(), surface=w.group()))
    return sorted(out, key=lambda m: m.start)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter left out of the longer word, same first letter: "letibiotis" and
    "letimbiotis"."""
    if abs(len(a) - len(b)) != 1 or a[:1] != b[:1]:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long)))


def _letters(word: str) -> tuple[str, str]:
    low = word.lower()
    return low[:1], "".join(sorted(low))


def _last_names(word: str) -> list[str]:
    """A last name, and without its Arabic article: "Burhan" for "al-Burhan"."""
    bare = _ARTICLE_PREFIX.sub("", word)
    return [word, bare] if bare != word and len(bare) > 2 else [word]


_ARTICLE_PREFIX = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)[-‑’']")


def _name_tokens(label: str) -> list[str]:
    return [name_skeleton(w) for w in re.split(r"[\s-]+", label) if w]


def _consonants(token: str) -> str:
    return token[:1] + re.sub(r"[aeiou]", "", token[1:])


def _same_name(short: list[str], long: list[str]) -> bool:
    """Every word of the shorter name is a word of the longer, in any order (vowels of a
    transliteration aside), and at least one word is the same in both: "Hussein Mohamed"
    is not "Hassan Sheikh Mohamud", though each word differs only in its vowels."""
    if len(short) < 2:
        return False
    pool = list(long)
    same = False
    for t in short:
        hit = next(
            (x for x in pool if x == t or (len(t) > 3 and _consonants(x) == _consonants(t))), None
        )
        if hit is None:
            return False
        same = same or hit == t
        pool.remove(hit)
    return same


_INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")


def merge_persons(mentions: list[Mention], label_of) -> list[Mention]:
    """ "Nyusi" after "Filipe Nyusi", "Toqaev" after "Tokayev": one person per document.

    A one-word name goes to the only person of the document whose surname it is (in any
    transliteration), else to the only one whose name starts with it ("Mao" after "Mao
    Ning", written family name first); a full name to an earlier person with the same name skeleton.
    `label_of(key)` gives a person key's label. Lexicon persons keep their keys.
    """
    keys = sorted({m.key for m in mentions if m.kind == "person"})
    full: dict[str, set[str]] = {}
    # a surname without its Arabic article ("Burhan" for "al-Burhan") gives way to a given
    # name written alone: "Prince Saud" is Saud Al-Faisal, not Salman … Al-Saud
    bare: dict[str, set[str]] = {}
    given_first: dict[str, set[str]] = {}  # family name first: "Mao" after "Mao Ning"
    whole: dict[str, str] = {}
    for k in keys:
        label = label_of(k)
        words = label.split()
        if len(words) >= 2:
            for i, last in enumerate(_last_names(words[-1])):
                (bare if i else full).setdefault(name_skeleton(last), set()).add(k)
            given_first.setdefault(name_skeleton(words[0]), set()).add(k)
            whole.setdefault(name_skeleton(label), k)
    target: dict[str, str] = {}
    tokens = {k: _name_tokens(label_of(k)) for k in keys}
    # full names first, so that a one-word name whose two candidates are one person ("Bola
    # Tinubu" and "Bola Ahmed Tinubu") goes to that person
    for k in sorted(keys, key=lambda k: len(label_of(k).split()) == 1):
        words = label_of(k).split()
        if len(words) == 1:
            cands = full.get(name_skeleton(words[0]), set())
            if not cands:
                # no one's last name: the family name of a name written family name first
                cands = given_first.get(name_skeleton(words[0]), set())
            if not cands:
                cands = bare.get(name_skeleton(words[0]), set())
            if not cands and len(words[0]) > 3:
                # a name inside a longer one: "Lula" in "Luiz Inácio Lula da Silva"
                sk = name_skeleton(words[0])
                cands = {o for o in keys if len(tokens[o]) > 2 and sk in tokens[o][1:-1]}
            if not cands and len(words[0]) > 5:
                # a vowel slip of a surname: "Cavasoglu" said after "Mevlut Cavusoglu"
                cons = _consonants(name_skeleton(words[0]))
                cands = {
                    o for o in keys if len(tokens[o]) >= 2 and _consonants(tokens[o][-1]) == cons
                }
            cands = {target.get(c, c) for c in cands}
            if len(cands) == 1:
                target[k] = next(iter(cands))
            continue
        first = whole.get(name_skeleton(label_of(k)))
        if first and first != k:
            target[k] = first
            continue
        if all(_INITIALS.fullmatch(w) for w in words[:-1]):
            # "S.N. Japarov" after "Sadyr Japarov": initials of the one whose surname it is
            cands = {
                o
                for o in full.get(name_skeleton(words[-1]), set())
                | bare.get(name_skeleton(words[-1]), set())
                if o != k
                and label_of(o)[:1].upper() == words[0][:1].upper()
                and not _INITIALS.fullmatch(label_of(o).split()[0])
            }
            if len(cands) == 1:
                target[k] = next(iter(cands))
                continue
        if len(words) == 3 and _INITIALS.fullmatch(words[1]) and not _INITIALS.match(words[0]):
            # "Mohamed A. Mohamed" after "Mohammed Abdullahi Mohammed": the middle name's
            # initial between the same first and last names
            cands = {
                o
                for o in keys
                if o != k
                and len(label_of(o).split()) == 3
                and tokens[o][0] == tokens[k][0]
                and tokens[o][-1] == tokens[k][-1]
                and label_of(o).split()[1][:1].upper() == words[1][:1]
            }
            # (one person in two spellings: "Mohammed …" and "Mohamed …")
            cands = {whole.get(name_skeleton(label_of(o)), o) for o in cands}
            if len(cands) == 1:
                target[k] = next(iter(cands))
                continue
        # "Salva Kiir" and "Salva Kiir Mayardit", "Kishida Fumio" and "Fumio Kishida",
        # "Mohammed Al Jaber" and "Mohammed Al Jabir": the fuller name is the person
        fuller = [
            o
            for o in keys
            if o != k and len(tokens[o]) >= len(tokens[k]) and _same_name(tokens[k], tokens[o])
        ]
        if len(fuller) > 1:
            # "Obiang Nguema" in "Teodoro Obiang Nguema" and in "Teodoro Obiang Nguema
            # Mbasogo": the fullest, which the others are too
            fuller = [
                o
                for o in fuller
                if not any(
                    p != o and len(tokens[p]) > len(tokens[o]) and _same_name(tokens[o], tokens[p])
                    for p in fuller
                )
            ]
        if len(fuller) == 1 and (len(tokens[fuller[0]]) > len(tokens[k]) or fuller[0] < k):
            target[k] = fuller[0]
    for k in list(target):  # follow chains to the end
        seen = {k}
        while target[k] in target and target[k] not in seen:
            seen.add(target[k])
            target[k] = target[target[k]]
    if not target:
        return mentions
    return [
        Mention(
            key=target[m.key],
            kind=m.kind,
            start=m.start,
            end=m.end,
            surface=m.surface,
            adjective=m.adjective,
        )
        if m.kind == "person" and m.key in target
        else m
        for m in mentions
    ]
