"""One document's shared analysis: sentences, dated context, every actor mention.

Built once per document; the event extractors (meetings, statements, deployments,
claims) only read it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.actors import (
    ROLE,
    ActorFinder,
    PostPhrase,
    canon_org,
    canon_role,
    entity_for_generic,
)
from kg.extract.dates import DateResolver
from kg.extract.documents_meta import document_meta, story_day
from kg.extract.gazetteer import Lexicon, find_mentions, load_lexicon
from kg.extract.model import DocMeta, Entity, Mention, Post
from kg.extract.numbers import find_numbers
from kg.extract.sentences import Block, SpanSet, all_sentences, paragraphs, within

if TYPE_CHECKING:
    from kg.extract.nlp import Reading, Wanted

_GAP_BEFORE_NAME = re.compile(r"^[\s,:–-]*(?:(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s*){0,2}$")
_ENVOY_AGAIN = re.compile(r"^,\s+Ambassador\s+$")
_GAP_AFTER_NAME = re.compile(r"^\s*,?\s*(?:the\s+)?$")


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
    # "The leaders of Kenya and Djibouti, A and B": each state's mention (its start) and the
    # person it is paired with in a list of as many names
    list_owners: dict[int, str] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    meta_key: str = "doc"  # short document hash, for keys of things with no date
    parses: dict[int, object] = field(default_factory=dict)  # sentence start -> spaCy parse
    _numbers: list | None = None
    _number_starts: list[int] = field(default_factory=list)

    def mentions_in(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        found = within(self.mentions, self.starts, start, end, lambda m: m.end)
        return found if kind is None else [m for m in found if m.kind == kind]

    def persons_in(self, start: int, end: int) -> list[str]:
        """The persons named between start and end, each once, in the order first named."""
        return list(dict.fromkeys(self.ref(m) for m in self.mentions_in(start, end, "person")))

    def parse(self, sent: Block):
        """The dependency parse of a sentence that holds an event word, or None."""
        return self.parses.get(sent.start)

    def numbers_in(self, start: int, end: int) -> list[tuple[int, int, int | float, str | None]]:
        """Numbers inside text[start:end]; the whole text is read once per document."""
        if self._numbers is None:
            self._numbers = find_numbers(self.text)
            self._number_starts = [n[0] for n in self._numbers]
        return within(self._numbers, self._number_starts, start, end, lambda n: n[1])

    def paragraph_at(self, pos: int) -> Block | None:
        """The paragraph that holds position pos, if any (between paragraphs: none)."""
        i = bisect.bisect_right([p.start for p in self.paragraphs], pos) - 1
        return self.paragraphs[i] if i >= 0 and pos < self.paragraphs[i].end else None

    def sentence_at(self, pos: int) -> Block | None:
        """The sentence that holds position pos, if any."""
        return next((b for _p, b in self.sentences if b.start <= pos < b.end), None)

    def sentence_next_to(self, sent: Block, step: int) -> Block | None:
        """The sentence `step` sentences after `sent` (before it, if negative), if any."""
        i = next((j for j, (_p, b) in enumerate(self.sentences) if b.start == sent.start), None)
        if i is None or not 0 <= i + step < len(self.sentences):
            return None
        return self.sentences[i + step][1]

    def paragraph_after(self, para: Block) -> Block | None:
        """The paragraph that follows para, if any."""
        return next((p for p in self.paragraphs if p.start > para.end), None)

    def paragraphs_between(self, a: int, b: int) -> int:
        """How many paragraph starts lie after position a up to position b."""
        starts = [p.start for p in self.paragraphs]
        return bisect.bisect_right(starts, b) - bisect.bisect_right(starts, a)

    def near(self, a: int, b: int) -> bool:
        """Position b is in the paragraph of position a, or the next one: what a story says
        right after reporting something still speaks of it."""
        starts = [p.start for p in self.paragraphs]
        pa, pb = bisect.bisect_right(starts, a) - 1, bisect.bisect_right(starts, b) - 1
        if pa < 0 or pb < 0 or a >= self.paragraphs[pa].end or b >= self.paragraphs[pb].end:
            return False  # (between paragraphs: sentences never start there)
        return 0 <= pb - pa <= 1

    def in_lead(self, pos: int) -> bool:
        """In the title or the first body paragraph (after a date line): what the page reports."""
        return pos < self.lead_end()

    def lead_end(self) -> int:
        """End of the title and the first body paragraph; a "Source: …" or "By …" line is no
        paragraph of the story, so a byline does not push the lead out of it."""
        body = [
            p
            for p in self.paragraphs[:5]
            if p.end - p.start > 40 and not _CREDIT.fullmatch(self.text, p.start, p.end)
        ][:2]
        return body[-1].end if body else 0

    def post_countries(self, ref: str) -> list[str]:
        """The states a person holds posts of ("President of Djibouti"), by post key."""
        ent = self.entities.get(ref)
        posts = sorted(ent.posts) if ent is not None else []
        return [self.posts[p].country for p in posts if p in self.posts and self.posts[p].country]

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
                geonames_id=lx.geonames_id,
                lat=lx.lat,
                long=lx.long,
            )
        else:
            ent = Entity(kind=m.kind, key=m.key, label=m.surface)
        doc.entities[ref] = ent
    if not m.adjective:
        surface = m.surface[4:] if m.surface.lower().startswith("the ") else m.surface
        # "ANKARA" in a dateline is the label in capitals, not a variant; "the Organization"
        # after "the Collective Security Treaty Organization" names the body, but is no name
        # of it
        last_word = m.kind == "org" and surface.lower() == ent.label.lower().split()[-1]
        if surface.lower() != ent.label.lower() and not (last_word and " " in ent.label):
            ent.surfaces.add(surface)


def _opens_with_a_verb(text: str, pos: int) -> bool:
    """ "Deploys", "Sends": an inflected verb the lexicon knows (a title-case headline's
    verb, read with the words after it as an organization's name)."""
    from kg.extract.lexis import lemma

    word = re.match(r"[A-Z][a-z]+s\b", text[pos:])
    return word is not None and lemma(word.group().lower()) != word.group().lower()


def owner_named_before(entities: dict[str, Entity], name: str) -> str | None:
    """The one state whose body of this name the story has named already, if only one."""
    owners = {
        e.country
        for ref, e in entities.items()
        if ref.startswith("org/") and e.country and e.label.startswith(f"{name} of ")
    }
    return owners.pop() if len(owners) == 1 else None


def _story_country(mentions: list[Mention]) -> str | None:
    """The state a story is about: named three times or more, and twice as often as any
    other."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "country":
            counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]


# a paragraph's first word set in capitals, as some papers open a story ("PRESIDENT A of
# Tanzania and …")
_CAPS_LEAD = re.compile(r"(?m)^([A-Z]{3,})(?= [A-Z][a-z])")


def _title_cased_lead(text: str) -> str:
    """The text as the recogniser should read it: a title opening a paragraph in capitals
    written as a title, so that the name after it reads as a person's (same length)."""
    from kg.extract.names import TITLES
    from kg.ids import fold

    return _CAPS_LEAD.sub(
        lambda m: m.group(1).title() if fold(m.group(1)) in TITLES else m.group(1), text
    )


def build(text: str, doc_key: str = "doc") -> Doc:
    """One document's context, read by the pipeline on its own."""
    from kg.extract import nlp

    steps = reading(text, doc_key)
    return finish(steps, nlp.read_batch([next(steps)])[0])


def finish(steps: Generator[Wanted, Reading, Doc], answer: Reading) -> Doc:
    """The context `reading` builds once given what it asked the reader for."""
    try:
        steps.send(answer)
    except StopIteration as done:
        return done.value
    raise RuntimeError("a document asked the reader twice")


def reading(text: str, doc_key: str = "doc") -> Generator[Wanted, Reading, Doc]:
    """A document's context, in two steps: it first yields what it wants of the statistical
    reader (the spans to recognise, the sentences to parse: both follow from the text and
    the gazetteers alone), then, sent the reading, returns the context. The build reads a
    whole batch of documents' wants at once (kg.extract.documents_triples)."""
    from kg.extract import ner
    from kg.extract.nlp import Wanted
    from kg.extract.quotes import as_double_quotes

    text = as_double_quotes(text)  # (same length: every offset is the published text's)
    lex = load_lexicon()
    credit = _credit_lines(text)
    mentions = [
        m
        for m in find_mentions(text, lex)
        if not (m.kind in ("country", "place") and credit.covers(m.start))
    ]
    sentences = all_sentences(text)
    to_parse = _event_sentences(text, sentences)
    ents, parses = yield Wanted(
        _title_cased_lead(text),
        _unexplained(text, sentences, mentions, credit),
        [text[a:b] for a, b in to_parse],
    )
    found = ner.find(text, ents, mentions, lex)
    mentions = sorted(found.mentions, key=lambda m: m.start)
    mentions = _contextual_bodies(text, mentions, lex)
    mentions, sub_entities = _sub_bodies(text, mentions, lex)
    meta = document_meta(text, mentions, lex)
    doc = Doc(
        text=text,
        lex=lex,
        meta=meta,
        mentions=mentions,
        sentences=sentences,
        paragraphs=paragraphs(text),
        dates=DateResolver(text, story_day(text, meta.published.value if meta.published else None)),
        meta_key=doc_key,
    )
    finder = ActorFinder(text, mentions, lex)
    extra: list[Mention] = []
    generic_entities: dict[str, Entity] = {**found.entities, **sub_entities}
    # Organizations and facilities named by their form.
    taken = SpanSet()
    for m in mentions:
        if m.kind != "country":
            taken.add(m.start, m.end)
    headline = ner.headline_end(text)
    for s, e, name, country, category in finder.generic_orgs():
        if taken.overlaps(s, e):
            continue
        if s < headline and _opens_with_a_verb(text, s):
            continue  # "Uganda Deploys Special Forces to South Sudan": a title-case verb
        if s < headline and text[s:e] not in text[headline:]:
            # "Most European Troops Have Already Pulled Out of Afghanistan": title case makes
            # a body of any words; one the story never names again is none (as for names the
            # recogniser finds in a headline)
            continue
        kind = "place" if category == "facility" else "org"
        if kind == "org" and ner.POST_FIRST.match(name):
            continue  # "Commander Joint Forces": a post, no body
        if (
            country is not None
            and kind == "org"
            and ner.STATE_GOVERNMENT.fullmatch(name)
            and any(
                m.kind == "country" and m.key == country and 0 < s - m.end <= 3 for m in mentions
            )
        ):
            # "the Tongan Government", "the BiH Government": the state named before it
            extra.append(Mention(key=country, kind="country", start=s, end=e, surface=text[s:e]))
            taken.add(s, e)
            continue
        if (
            kind == "org"
            and country is not None
            and ner.STATE_GOVERNMENT.fullmatch(name)
            # (the state's long form only: the seeds count "the Government of Hungary" as a
            # body of its own)
            and re.search(r"\bof the\b", text[s:e])
            and any(
                m.kind == "country" and m.key == country and m.end == e and s < m.start
                for m in mentions
            )
        ):
            # "The Government of the Bolivarian Republic of Venezuela": the state its name
            # ends with
            extra.append(Mention(key=country, kind="country", start=s, end=e, surface=text[s:e]))
            taken.add(s, e)
            continue
        if country is None and kind == "org":
            if meta.publisher_country and re.fullmatch(r"Ministry of Foreign Affairs", name):
                country = meta.publisher_country
            elif (name.startswith("Ministry of ") or _STATES_OWN_BODY.fullmatch(name)) and (
                home := owner_named_before(generic_entities, name) or _story_country(mentions)
            ):
                # "The Polish Defence Ministry … The Defence Ministry said": the one whose
                # ministry was named; else "The Interior Ministry … across Pakistan": the
                # story's state
                country = home
            elif not _free_standing_org(name):
                continue
        ent = entity_for_generic(kind, name, country, "facility" if kind == "place" else None, lex)
        generic_entities[f"{kind}/{ent.key}"] = ent
        extra.append(Mention(key=ent.key, kind=kind, start=s, end=e, surface=text[s:e]))
        taken.add(s, e)
    # "Russia's defence ministry", "the Kazakh interior ministry": lower-case ministries
    for mm in _LOWER_MINISTRY.finditer(text):
        c = next(
            (
                m
                for m in mentions
                if m.end == mm.start() + len(mm.group("lead")) and m.kind == "country"
            ),
            None,
        )
        start = mm.start() + len(mm.group("lead")) + len(mm.group("poss") or "") + 1
        if c is None or taken.overlaps(start, mm.end()):
            continue
        ent = entity_for_generic("org", canon_org(mm.group("body").title()), c.key, None, lex)
        ent = generic_entities.setdefault(f"org/{ent.key}", ent)
        ent.surfaces.add(text[mm.start() : mm.end()])  # "Russia's defence ministry"
        extra.append(
            Mention(
                key=ent.key, kind="org", start=start, end=mm.end(), surface=text[start : mm.end()]
            )
        )
        taken.add(start, mm.end())
    # "Mozambique TV reported", "the Nigerien army", "Venezuela's Presidential Press": a
    # state's broadcaster, army or press office speaks as itself, not as the state
    for mm in _NATIONAL_BODY.finditer(text):
        c = next(
            (
                m
                for m in mentions
                if m.start == mm.start()
                and m.end == mm.start() + len(mm.group("lead"))
                and m.kind == "country"
            ),
            None,
        )
        start = mm.start() + len(mm.group("lead")) + len(mm.group("poss") or "") + 1
        if c is None or taken.overlaps(start, mm.end()):
            continue
        body = mm.group("body")
        # a state's army is its armed forces ("Nigerien army", "Nigerien military",
        # "Colombia's armed forces": one body)
        name = (
            "Armed Forces"
            if body in ("army", "armed forces")
            else canon_org(body if body.isupper() else body.title())
        )
        ent = entity_for_generic("org", name, c.key, None, lex)
        ent = generic_entities.setdefault(f"org/{ent.key}", ent)
        ent.surfaces.add(text[mm.start() : mm.end()])
        extra.append(
            Mention(
                key=ent.key, kind="org", start=start, end=mm.end(), surface=text[start : mm.end()]
            )
        )
        taken.add(start, mm.end())
    # "the armed forces of Tajikistan", lowercase: the country's armed forces all the same
    for af in _ARMED_FORCES.finditer(text):
        c = next((m for m in mentions if m.start == af.end() and m.kind == "country"), None)
        if c is None or taken.overlaps(af.start(), c.end):
            continue
        ent = entity_for_generic("org", "Armed Forces", c.key, None, lex)
        generic_entities[f"org/{ent.key}"] = ent
        extra.append(
            Mention(
                key=ent.key,
                kind="org",
                start=af.start(),
                end=c.end,
                surface=text[af.start() : c.end],
            )
        )
        taken.add(af.start(), c.end)
    # Persons the lexicon does not know, marked by a post or a title next to them.
    finder.index(mentions + extra)
    phrases = finder.post_phrases()
    named = SpanSet()
    for m in mentions + extra:
        named.add(m.start, m.end)
    for ph in phrases:
        after = finder.name_at(
            ph.end
            + len(text[ph.end : ph.end + 12])
            - len(text[ph.end : ph.end + 12].lstrip(" ,:–-"))
        )
        gap_start = ph.end
        cand = None
        if (
            after
            and _GAP_BEFORE_NAME.match(text[gap_start : after[0]])
            and not ner.opens_on_a_portfolio(text[after[0] : after[1]])
        ):
            # (not "Minister of Environment, Climate Change and Technology, Aminath Shauna":
            # the rest of the post's remit, cut off by its comma)
            cand = after
        if cand is None:
            before = (
                finder.name_at(ph.start - 2, forward=False)
                if text[ph.start - 2 : ph.start] == ", "
                else None
            )
            if before:
                cand = before
        if cand and not named.overlaps(*cand):
            _add_person(text, cand, extra, generic_entities)
            named.add(*cand)
    # "his Tajik counterpart Sherali Mirzo": a counterpart is a person
    for ck in _COUNTERPART.finditer(text):
        cand = finder.name_at(ck.end())
        if cand and not named.overlaps(*cand):
            _add_person(text, cand, extra, generic_entities)
            named.add(*cand)
    # a UN record's "Vassily Nebenzia (Russian Federation) said": a delegate, named before
    # the state in brackets
    for m in mentions + extra:
        if m.kind != "country" or text[m.end : m.end + 1] != ")":
            continue
        open_at = text.rfind("(", max(0, m.start - 5), m.start)
        if open_at < 1 or text[open_at + 1 : m.start].strip() not in ("", "the"):
            continue
        cand = finder.name_at(open_at - 1, forward=False) if text[open_at - 1] == " " else None
        if cand and not named.overlaps(*cand):
            _add_person(text, cand, extra, generic_entities)
            named.add(*cand)
    for rk in _RANK_BEFORE_NAMES.finditer(text):
        cand = finder.name_at(rk.end())
        if cand and not named.overlaps(*cand):
            _add_person(text, cand, extra, generic_entities)
            named.add(*cand)
    # A surname alone names the person the document already named in full ("Kobrinsky
    # said", "Berdimuhamedov noted"), unless two persons of the document share it. In a
    # name of three words the middle one may be the surname used alone, the first of two
    # surnames ("Rangel" for Henry Rangel Silva, as Spanish and Portuguese names go),
    # unless the text shortens the name to its first two words ("Ratu Naiqama").
    named_as: dict[str, set[str]] = {}  # each full name, the persons it is the label of
    for m in mentions + extra:
        if m.kind == "person" and " " in m.surface.strip():
            label = generic_entities.get(f"person/{m.key}") or lex.entries.get(f"person/{m.key}")
            if label is not None:
                named_as.setdefault(label.label, set()).add(m.key)
    by_surname: dict[str, set[str]] = {}
    for full, keys in named_as.items():  # (the text is searched once a name, not a mention)
        words = full.split()
        by_surname.setdefault(words[-1], set()).update(keys)
        if len(words) == 3 and _middle_surname(text, *words):
            by_surname.setdefault(words[1], set()).update(keys)
    unique = {
        surname: next(iter(keys))
        for surname, keys in by_surname.items()
        if len(keys) == 1 and len(surname) >= 4 and surname.lower() not in _COMMON_WORDS
    }
    # a family name written first ("Wang said" after "Wang Yi", "Kim" after "Kim Jong Un"):
    # the first word of a two- or three-word name, when it is no one else's name word
    by_first: dict[str, set[str]] = {}
    for m in mentions + extra:
        if m.kind == "person" and " " in m.surface.strip():
            label = generic_entities.get(f"person/{m.key}") or lex.entries.get(f"person/{m.key}")
            if label is not None and 2 <= len(label.label.split()) <= 3:
                by_first.setdefault(label.label.split()[0], set()).add(m.key)
    for first, keys in by_first.items():
        if (
            len(keys) == 1
            and first not in by_surname
            and (len(first) >= 3 or first not in _PARTICLES)  # "Xi" after "Xi Jinping"
            and first[0].isupper()
            and first.isalpha()
            and first.lower() not in _COMMON_WORDS
        ):
            unique.setdefault(first, next(iter(keys)))
    if unique:
        names = "|".join(re.escape(n) for n in sorted(unique, key=len, reverse=True))
        for mm in re.finditer(rf"(?<![\w-])(?:{names})(?![\w-])", text):
            if not named.overlaps(mm.start(), mm.end()):
                named.add(mm.start(), mm.end())
                extra.append(
                    Mention(
                        key=unique[mm.group()],
                        kind="person",
                        start=mm.start(),
                        end=mm.end(),
                        surface=mm.group(),
                    )
                )

    def label_of(key: str) -> str:
        e = generic_entities.get(f"person/{key}") or lex.entries.get(f"person/{key}")
        return e.label if e is not None else key

    ordered = sorted(mentions + extra, key=lambda m: m.start)
    # "Antony J Blinken": the model ends one name at the initial and starts another; the
    # initial belongs to the name after it, which alone names the person
    ordered = [
        m
        for i, m in enumerate(ordered)
        if not (
            m.kind == "person"
            and re.fullmatch(r"[A-Z][\w'’-]+ [A-Z]\.?", m.surface)
            and i + 1 < len(ordered)
            and ordered[i + 1].kind == "person"
            and re.fullmatch(r"\s", text[m.end : ordered[i + 1].start])
        )
    ]
    all_mentions = ner.merge_persons(ordered, label_of)
    all_mentions = ner.surname_variants(text, all_mentions, label_of)
    all_mentions = _acronyms_defined(text, all_mentions)
    all_mentions = _towns_read_as_bodies(all_mentions, generic_entities)
    all_mentions = _names_cut_short(text, all_mentions)
    doc.mentions = all_mentions
    doc.starts = [m.start for m in all_mentions]
    doc.entities.update({})
    for m in all_mentions:
        ref = f"{m.kind}/{m.key}"
        if ref in generic_entities and ref not in doc.entities:
            doc.entities[ref] = generic_entities[ref]
        _register(doc, m)
    # Posts: link each post phrase to the person it qualifies.
    finder.index(all_mentions)
    persons = [m for m in all_mentions if m.kind == "person"]
    titled: dict[str, set[str]] = {}  # the roles each person's titles name, state or none
    unnamed: list[PostPhrase] = []  # "Venezuela's defense minister announced": no name
    bare: list[tuple[PostPhrase, Mention]] = []  # "Defense Minister Henry Rangel Silva"
    for ph in phrases:
        target = _person_for_phrase(text, ph, persons, phrases)
        if target is None:
            if ph.country and not ph.org:
                unnamed.append(ph)
            continue
        titled.setdefault(target.key, set()).update(ph.roles)
        posts = finder.make_posts(ph) or lexicon_posts(doc, target.key, ph.roles)
        for post in posts:
            doc.posts[post.key] = post
            doc.entities[f"person/{target.key}"].posts.add(post.key)
        if not posts and not (ph.country or ph.org):
            bare.append((ph, target))
    _counterparts_posts(doc, persons, titled)
    _respective_posts(doc)
    _posts_of_listed_states(doc)
    _posts_named_before(doc, unnamed + _unnamed_holders(text, all_mentions), bare)
    _posts_after_and(doc, bare)
    _regions_named_as_such(doc)
    doc.parses = {a: parsed for (a, _b), parsed in zip(to_parse, parses, strict=True)}
    return doc


# "in Cameroon's Far North region", "Borno state": the word the text names the region with
_REGION_WORD = re.compile(r" (?:region|province|state|district|county|governorate|oblast)\b")


def _regions_named_as_such(doc: Doc) -> None:
    """A place the text calls "the Far North region" is known by that name too."""
    for m in doc.mentions:
        word = _REGION_WORD.match(doc.text, m.end) if m.kind == "place" else None
        ent = doc.entities.get(doc.ref(m)) if word else None
        if ent is not None:
            ent.surfaces.add(doc.text[m.start : word.end()])


_COUNTERPART_OF = re.compile(
    r"\b(?:his|her)\s+(?P<adj>[A-Z][\w-]+)\s+counterpart,?\s+(?:President\s+|Prime Minister\s+)?"
    # "his Bhutanese counterpart Dr. Tandi Dorji"
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
)


_MINISTERS_ROLE = re.compile(r"(?i)^(?!.*prime)(?=.*(?:minister|secretary))")


def _counterparts_posts(doc: Doc, persons: list[Mention], titled: dict[str, set[str]]) -> None:
    """ "Poland's President Andrzej Duda … with his Ukrainian counterpart Voldymyr Zelensky":
    the counterpart holds the same post in the state the adjective names, so "Ukraine's
    president" later in the story is Zelensky. `titled` holds each person's titled roles."""
    from kg.extract.names import TITLES
    from kg.ids import fold

    for ck in _COUNTERPART_OF.finditer(doc.text):
        # (after titles the regex does not list: "his Bangladeshi counterpart Sheikh Hasina")
        who = next(
            (
                m
                for m in persons
                if ck.end() <= m.start <= ck.end() + 30
                and all(fold(w) in TITLES for w in doc.text[ck.end() : m.start].split())
            ),
            None,
        )
        state = next(
            (m for m in doc.mentions_in(ck.start("adj"), ck.end("adj"), "country") if m.adjective),
            None,
        )
        if who is None or state is None:
            continue
        ent = doc.entities.get(f"person/{who.key}")
        if ent is None or doc.post_countries(f"person/{who.key}"):
            continue  # (a post of its own, said elsewhere, stands)
        before = [
            m
            for m in persons
            if m.end <= ck.start() and doc.near(m.start, ck.start()) and m.key != who.key
        ]
        subject = doc.entities.get(f"person/{before[-1].key}") if before else None
        roles = {
            doc.posts[p].role
            for p in (subject.posts if subject is not None else ())
            if p in doc.posts and doc.posts[p].country and doc.posts[p].country != state.key
        }
        if not roles and before:
            # "Foreign Minister Wilfred Elrington who met his Guatemalan counterpart Carlos
            # Raul Morales": a title with no state said is the subject's role all the same
            # (a minister's: a president's or a prime minister's title would make the
            # counterpart "the head of state" the story then gives its own leader)
            roles = {r for r in titled.get(before[-1].key, set()) if _MINISTERS_ROLE.search(r)}
        if len(roles) != 1:
            continue
        _hold(doc, ent, roles.pop(), state.key)


# what joins the names of a list: "A, B and C", "A and B", "A, B, and C"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
# a post named in the plural: "Foreign Ministers", "the presidents", "defence ministers"
_PLURAL_POST = (
    r"(?P<role>(?:(?i:foreign|defen[cs]e|interior|finance|economy|justice|energy|trade|prime)\s+)?"
    r"(?:[Mm]inisters|[Pp]residents|[Pp]remiers|[Cc]hancellors)"
    # "the leaders of Kenya and Djibouti, A and B": each state's, with no post to give
    r"|[Ll]eaders|[Hh]eads of [Ss]tate(?: and [Gg]overnment)?)\b"
)
_NO_POST = re.compile(r"(?i)leaders|heads of state")
_POSTS_OF = re.compile(r"\b" + _PLURAL_POST + r"\s+of\s+(?:the\s+)?$")
_POSTS_AFTER = re.compile(r"\s+" + _PLURAL_POST + r"\s*,?\s*")
_COMMA = re.compile(r"\s*,?\s*")


def _towns_read_as_bodies(mentions: list[Mention], entities: Mapping[str, Entity]) -> list[Mention]:
    """ "will pull out from Arawa …", then "The pullout from Arawa": one word the model read as
    a place in one sentence and as an organization in another. Where the place is one the
    gazetteers set in a state, the word is that place everywhere in the story."""
    located = {
        m.key
        for m in mentions
        if m.kind == "place"
        and " " not in m.surface
        and (ent := entities.get(f"place/{m.key}")) is not None
        and ent.country
    }
    return [
        dataclasses.replace(m, kind="place")
        if m.kind == "org" and m.key in located and " " not in m.surface and not m.surface.isupper()
        else m
        for m in mentions
    ]


def _names_cut_short(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "South Korea dispatches anti-piracy unit to Strait of Hormuz": a headline's place or
    body cut short ("Strait") where the text goes on with the words of a longer name the
    story gives elsewhere ("the Strait of Hormuz"): that name, not a place of its own."""
    longer = [m for m in mentions if m.kind in ("place", "org") and " " in m.surface]
    out: list[Mention] = []
    grown_to = -1
    for m in mentions:
        if m.start < grown_to:
            continue  # inside a name grown over it
        if m.kind in ("place", "org"):
            full = next(
                (
                    x
                    for x in longer
                    if x.kind == m.kind
                    and x.surface.startswith(m.surface + " ")
                    and text.startswith(x.surface, m.start)
                ),
                None,
            )
            if full is not None:
                m = dataclasses.replace(
                    full, start=m.start, end=m.start + len(full.surface), surface=full.surface
                )
                grown_to = m.end
        out.append(m)
    return out


def _acronyms_defined(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "The United Nations Mission in Sierra Leone (UNAMSIL)": a body named in full (here
    by its parent's sub-body, after the recogniser's acronyms) with its acronym after it;
    the acronym, found as a body of its own, is that body everywhere."""
    from kg.extract import ner

    alias: dict[str, str] = {}
    for m in mentions:
        if m.kind != "org" or " " not in m.surface:
            continue
        pm = ner.PAREN_ACRONYM.match(text, m.end)
        if pm is None or not ner.initials_fit(pm.group("a"), m.surface):
            continue
        tails = [m.surface[x.end() :] for x in re.finditer(r"\s+of\s+(?:the\s+)?", m.surface)]
        if any(ner.initials_fit(pm.group("a"), t) for t in tails):
            continue  # "the Council of Heads of State of the Shanghai Cooperation
            # Organization (SCO)": the organization's acronym, not its council's
        alias.setdefault(pm.group("a"), m.key)
    return [
        dataclasses.replace(m, key=alias[m.surface])
        if m.kind == "org" and m.surface in alias
        else m
        for m in mentions
    ]


def _posts_named_before(
    doc: Doc, unnamed: list[PostPhrase], bare: list[tuple[PostPhrase, Mention]]
) -> None:
    """ "Venezuela's defense minister announced …", then "Defense Minister Henry Rangel
    Silva said …": a title with no state, on a person with no post of a state, is the post
    the text named before with its state and no one's name, when one state held it."""
    for ph, who in bare:
        ent = doc.entities.get(f"person/{who.key}")
        if ent is None or doc.post_countries(f"person/{who.key}"):
            continue
        roles = set(ph.roles)
        before = [u for u in unnamed if u.end <= ph.start and roles & set(u.roles)]
        states = {u.country for u in before if u.country}
        if len(states) != 1:
            continue
        state = states.pop()
        if any(
            other is not ent
            and other.kind == "person"
            and any(
                k in doc.posts and doc.posts[k].country == state and doc.posts[k].role in roles
                for k in other.posts
            )
            for other in doc.entities.values()
        ):
            # "Readout of call with Prime Minister of Papua New Guinea", then "Prime Minister
            # Anthony Albanese spoke with Papua New Guinea Prime Minister James Marape": the
            # post named before is the one another person holds
            continue
        for u in before:
            for role in roles & set(u.roles):
                _hold(doc, ent, role, state)


_AND_BEFORE = re.compile(r",?\s+and\s+(?:the\s+)?$")


def _posts_after_and(doc: Doc, bare: list[tuple[PostPhrase, Mention]]) -> None:
    """ "Japanese Defence Minister Minoru Kihara and Foreign Minister Yoko Kamikawa": a
    title with no state right after "and" and a person of one state's post is that state's
    post too."""
    for ph, who in bare:
        ref = f"person/{who.key}"
        ent = doc.entities.get(ref)
        if ent is None or doc.post_countries(ref):
            continue
        gap = _AND_BEFORE.search(doc.text, max(0, ph.start - 12), ph.start)
        if gap is None:
            continue
        prev = doc.mentions_in(max(0, gap.start() - 80), gap.start(), "person")
        if not prev or prev[-1].end != gap.start() or prev[-1].key == who.key:
            continue
        states = set(doc.post_countries(doc.ref(prev[-1])))
        if len(states) == 1:
            for role in ph.roles:
                _hold(doc, ent, role, next(iter(states)))


# "Venezuela's defense minister announced": a state's post in lower case, no name after
_POSSESSIVE = re.compile(r"[’']s ((?:[a-z]+ ){0,3}[a-z]+)")


def _unnamed_holders(text: str, mentions: list[Mention]) -> list[PostPhrase]:
    """Posts named by their state and no one's name ("Venezuela's defense minister
    announced"), in lower case, where the post phrases (capitalised titles) miss them."""
    out = []
    for m in mentions:
        if m.kind != "country" or m.adjective:
            continue
        pm = _POSSESSIVE.match(text, m.end)
        if pm is None:
            continue
        words = pm.group(1).split()
        for n in range(len(words), 0, -1):  # the longest title the words begin with
            title = " ".join(words[:n]).title()
            if ROLE.fullmatch(title):
                end = pm.start(1) + len(" ".join(words[:n]))
                out.append(PostPhrase(m.start, end, [canon_role(title)], m.key, None))
                break
    return out


def _hold(doc: Doc, ent: Entity, role: str, country: str) -> None:
    """The person holds the post of that role in that state, one Post node per post."""
    post = post_of(doc.lex, role, country)
    doc.posts.setdefault(post.key, post)
    ent.posts.add(post.key)


def _one_of(plural_post: str) -> str:
    """The post of one of those a plural post names ("Foreign Ministers": Foreign Minister)."""
    words = plural_post.split()
    return canon_role(" ".join([*words[:-1], words[-1][:-1]]))


def _respective_posts(doc: Doc) -> None:
    """ "Foreign Ministers of Azerbaijan, Georgia and Turkey, Elmar Mammadyarov, Davit
    Zalkaliani and Mevlut Çavuşoğlu, respectively"; "the Polish and Lithuanian interior
    ministers, A and B": a list of states and a list of as many names after one plural post
    pair off in order, so "the Georgian Foreign Minister" later in the story is the second.
    Each state is recorded as its person's (`Doc.list_owners`), post or none ("the leaders
    of Kenya and Djibouti, A and B")."""
    ms = doc.mentions
    i = 0
    while i < len(ms):
        run = _list_run(doc, i, "country")
        if len(run) < 2:
            i += 1
            continue
        i += len(run)
        first, last = ms[run[0]], ms[run[-1]]
        if all(ms[j].adjective for j in run):
            post = _POSTS_AFTER.match(doc.text, last.end)
            at = post.end() if post else -1
        elif not any(ms[j].adjective for j in run):
            post = _POSTS_OF.search(doc.text, max(0, first.start - 60), first.start)
            at = _COMMA.match(doc.text, last.end).end()
        else:
            continue
        k = run[-1] + 1
        if post is None or k >= len(ms) or ms[k].start != at or ms[k].kind != "person":
            continue
        names = _list_run(doc, k, "person")
        if len(names) != len(run):
            continue
        for j, n in zip(run, names, strict=True):
            doc.list_owners[ms[j].start] = f"person/{ms[n].key}"
        if _NO_POST.match(post.group("role")):
            continue
        role = _one_of(post.group("role"))
        for j, n in zip(run, names, strict=True):
            ent = doc.entities.get(f"person/{ms[n].key}")
            if ent is None or doc.post_countries(f"person/{ms[n].key}"):
                continue  # (a post of its own, said elsewhere, stands)
            _hold(doc, ent, role, ms[j].key)


_PLURAL_POST_BEFORE = re.compile(_PLURAL_POST + r"\s+$")
_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?")


def _posts_of_listed_states(doc: Doc) -> None:
    """ "Ministers Zbigniew Rau of Poland, Jean-Yves Le Drian of France and Heiko Maas of
    Germany": after a plural post, each name with its state holds that post of that state,
    so "the German minister" later in the story is Maas."""
    ms = doc.mentions
    for i, m in enumerate(ms):
        if m.kind != "person":
            continue
        post = _PLURAL_POST_BEFORE.search(doc.text, max(0, m.start - 40), m.start)
        if post is None or _NO_POST.match(post.group("role")):
            continue
        role = _one_of(post.group("role"))
        k = i
        while k + 1 < len(ms) and ms[k].kind == "person":
            of = _OF_STATE.match(doc.text, ms[k].end)
            state = ms[k + 1]
            if of is None or state.kind != "country" or state.adjective or state.start != of.end():
                break
            ref = f"person/{ms[k].key}"
            ent = doc.entities.get(ref)
            if ent is not None and not doc.post_countries(ref):
                _hold(doc, ent, role, state.key)
            gap = _LIST_GAP.match(doc.text, state.end)
            if gap is None or k + 2 >= len(ms) or ms[k + 2].start != gap.end():
                break
            k += 2


def _list_run(doc: Doc, i: int, kind: str) -> list[int]:
    """The indices of the mentions of one kind listed from mention i on ("A, B and C")."""
    ms = doc.mentions
    if ms[i].kind != kind:
        return []
    run = [i]
    while run[-1] + 1 < len(ms):
        nxt = ms[run[-1] + 1]
        gap = _LIST_GAP.fullmatch(doc.text, ms[run[-1]].end, nxt.start)
        if nxt.kind != kind or gap is None:
            break
        run.append(run[-1] + 1)
    return run


_CAP_WORD = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*")
_PLAIN_CAPS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "According",
    "After",
    "Before",
    "Since",
    "While",
    "When",
    "However",
    "Meanwhile",
    "Also",
    "As",
    "For",
    "From",
    "With",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "Here",
    "If",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Other",
    "Such",
    "More",
    "Further",
    "During",
    "Under",
    "By",
    "To",
    "Of",
    "Not",
    "No",
    "Yes",
    "Thank",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "President",
    "Minister",
    "Prime",
    "Foreign",
    "Secretary",
    "General",
}


# two-letter name words that are no family name of their own
_PARTICLES = {"Al", "El", "De", "Da", "Di", "Du", "Le", "La", "Lo", "St", "Mr", "Ms", "Dr", "Mc"}

# "Source: …", "Photo: …", "By: …", "By Andrew Wasike"; not a sentence that starts with a
# time ("By late December, more than 4,000 troops were deployed, with 850 Burundians …")
_CREDIT = re.compile(
    r"^(?:Source|Photo|Credit|Image)s?\s*:?\s.*$|^By\s*:\s.*$"
    r"|^By (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|May|June|July|August|September|October|November|December|Then|Now|Late"
    r"|Early|Mid|End|Next|Last|The)\b)[A-Z].{0,60}$"
    # "By Park Sae-jin Posted : May 27, 2024, 16:49 Updated : …": a byline with its time stamps
    r"|^By [A-Z][^.!?]{0,60}? (?:Posted|Updated|Published)\b.*$",
    re.M,
)


def _credit_lines(text: str) -> SpanSet:
    """The "Source: Times of Oman (Reuters)" and "By Andrew Wasike" lines: a publisher's or
    author's name there names no country or place of the story."""
    out = SpanSet()
    for m in _CREDIT.finditer(text, 0, min(len(text), 2000)):
        out.add(m.start(), m.end())
    return out


def _unexplained(
    text: str, sentences, mentions: list[Mention], credit: SpanSet | None = None
) -> list[tuple[int, int]]:
    """The sentences the entity recogniser must read: those with a capitalised word that is
    not the lexicon's or the gazetteers' and not an ordinary word at a sentence's start. A
    sentence whose names are all known names nobody new (the recogniser is the costliest
    step of the build)."""
    known = SpanSet()
    for m in mentions:
        known.add(m.start, m.end)
    out = []
    for _pi, b in sentences:
        if credit is not None and credit.covers(b.start):
            continue
        for w in _CAP_WORD.finditer(text, b.start, b.end):
            word = w.group().rstrip(".’'")
            if word in _PLAIN_CAPS or known.covers(w.start()) or len(word) < 2:
                continue
            out.append((b.start, b.end))
            break
    return out


def _event_sentences(text: str, sentences: list[tuple[int, Block]]) -> list[tuple[int, int]]:
    """Only the sentences that hold a word of an event are parsed: the parser costs as much
    as the entity recogniser, and most sentences of a story need neither."""
    from kg.extract import lexis

    return [
        (b.start, b.end)
        for _pi, b in sentences
        if b.end - b.start < 2000
        and (
            lexis.EVENT_CUE.search(text, b.start, b.end)
            or lexis.STANDING_FORCE_CUE.search(text, b.start, b.end)
        )
    ]


# Surnames that are also ordinary capitalised words at a sentence start.
_COMMON_WORDS = {
    "price",
    "rice",
    "young",
    "king",
    "brown",
    "black",
    "white",
    "green",
    "long",
    "little",
    "small",
    "love",
    "hope",
    "rich",
    "may",
    "will",
    "bush",
    "mark",
}
_RANK_ONLY = re.compile(
    r"^[\s,:–-]*(?:Colonel[- ]General|Lieutenant[- ]General|Major[- ]General|Army General"
    r"|General)\s*$"
)
_LOWER_MINISTRY = re.compile(
    r"(?P<lead>[A-Z][\w-]+)(?P<poss>['’]s)? (?P<body>(?:defen[cs]e|foreign|interior|health|"
    r"emergencies|emergency situations|justice|finance|home|unification|security|"
    r"public security|state security|trade|economy|agriculture|education|energy|"
    r"environment|transport|information|labou?r) ministry)\b"
)
_ARMED_FORCES = re.compile(r"\barmed forces of (?:the )?(?=[A-Z])")
_NATIONAL_BODY = re.compile(
    r"(?P<lead>[A-Z][\w-]+)(?P<poss>['’]s)? (?P<body>army|TV|[Tt]elevision|state television|"
    r"state TV|state radio|state media|[Pp]residential [Pp]ress(?: [Ss]ervice| [Oo]ffice)?|"
    r"press service|coast guard|navy|air force|armed forces)(?![\w-])"
    r"(?!\s+(?:chief|commander|spokes\w+|head|general|staff)\b)"
)
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?:[A-Z][\w-]+\s+)?counterparts?,?\s+(?=[A-Z])")
_RANK_BEFORE_NAMES = re.compile(
    r"(?<![\w-])(?=[CLMAHDP])(?:Colonel[- ]General|Lieutenant[- ]General|Major[- ]General|"
    r"Army General|H\.\s?E\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|(?:(?:Right|Rt\.?) )?"
    r"(?:[Tt]he )?Honou?rable|Hon\.|(?:His|Her) Excellency)\s*(?=[A-Z])"
)


_NATIONAL = re.compile(
    r"^(?:Ministry|Department|Government|Parliament|Office|Cabinet|Administration|"
    r"Armed|Airborne|Security|Police|Army|Navy|Presidential|National|State|Interior|"
    r"Prosecutor|Supreme|Constitutional|Central|Defen[cs]e|Foreign|Health|Emergency)\b"
)


# a state's body by a name every state may give its own ("the National Security Council",
# "the Foreign Office"), with no state said: the story's state's, as for its ministries
_STATES_OWN_BODY = re.compile(
    r"National (?:Security Council|Assembly|Guard|Police|Defen[cs]e Council)|Foreign Office|"
    r"Defen[cs]e Department|Supreme (?:Court|Political Council)|Presidential (?:Guard|Council)|"
    r"Armed Forces"
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
    # ("A Presidential Council statement said": the article is no word of the name)
    words = [w for w in name.split() if w[0].isupper() and w not in ("A", "An", "The")]
    distinctive = [w for w in words if not _GENERIC_WORD.fullmatch(w)]
    return (
        len(words) >= 2
        and len(distinctive) >= 1
        and (len(words) >= 3 or bool(re.search(r" (?:for|of) ", name)))
    )


def post_held(spec: dict, when) -> bool:
    """A lexicon post ({role, org|country, from, to}) held on the day `when`."""
    return not (
        (spec.get("from") and when < spec["from"]) or (spec.get("to") and when > spec["to"])
    )


def lexicon_posts(doc: Doc, person: str, roles: list[str]) -> list[Post]:
    """ "President Tokayev": the text gives the role, the lexicon knows whose president."""
    lx = doc.lex.entries.get(f"person/{person}")
    out = []
    when = doc.meta.published.value if doc.meta.published else None
    for spec in lx.posts if lx else []:
        if spec.get("role") not in roles:
            continue
        # "President Tokayev" in a 2016 text is not yet the president: the post must be held then
        if when and not post_held(spec, when):
            continue
        out.append(post_of(doc.lex, spec["role"], spec.get("country"), spec.get("org")))
    return out


def post_of(lex: Lexicon, role: str, country: str | None, org: str | None = None) -> Post:
    """The post of a role in a state or body the lexicon may know ("President of
    Ukraine"), keyed as every post is (president-ukraine)."""
    from kg.ids import slug

    owner = org or country or ""
    owner_lx = lex.entries.get(f"{'org' if org else 'country'}/{owner}")
    return Post(
        key=slug(f"{role} {owner}"),
        label=f"{role} of {owner_lx.label if owner_lx else owner}",
        role=role,
        country=country,
        org=org,
    )


# the last word of a name before a post's comma that names a time or a gathering, no person
_A_TIME_OR_GATHERING = re.compile(r"\b(?:Year|Eve|Week|Summit|Session|Conference|Forum)$")


def _add_person(
    text: str, cand: tuple[int, int], extra: list[Mention], ents: dict[str, Entity]
) -> None:
    from kg.extract.ner import headline_end
    from kg.ids import slug

    if cand[0] < headline_end(text):
        return  # "Kazakh President Issues Shoot-to-Kill Order": a title-case headline's verbs

    from kg.extract.names import NON_NAME_WORDS, TITLES, ends_in_remit, person_name
    from kg.ids import fold

    start = cand[0]
    for w in re.finditer(r"\S+", text[cand[0] : cand[1]]):
        if fold(w.group().rstrip(",")) not in TITLES:
            break  # "the Honourable Mia Amor Mottley": the name starts after the titles
        start = cand[0] + w.end() + 1
    if start >= cand[1]:
        return
    cand = (start, cand[1])
    name = text[cand[0] : cand[1]]
    if ends_in_remit(name):
        return  # "Minister of Foreign Affairs, African Cooperation and …": the post's remit
    if _A_TIME_OR_GATHERING.search(name):
        return  # "On the occasion of the New Year, Prime Minister …": no one
    if any(fold(w) in NON_NAME_WORDS for w in name.split()):
        return  # "Minister of Foreign Affairs, International Business and …": a remit
    label = person_name(name)
    key = slug(label)
    ents.setdefault(f"person/{key}", Entity(kind="person", key=key, label=label))
    extra.append(Mention(key=key, kind="person", start=cand[0], end=cand[1], surface=name))


def _person_for_phrase(text, ph, persons: list[Mention], phrases) -> Mention | None:
    """The person a post phrase belongs to: right after a name (appositive) or right before one.

    "Tokayev, the President of Belarus - Lukashenko": a phrase glued to the next name
    (no comma) is that name's; "Bayramov, Minister ..., H.E. Tileuberdi": a phrase
    followed by a comma belongs to the name before it.
    """
    back = fwd = None
    starts = [p.start for p in persons]
    lo = bisect.bisect_left(starts, ph.start - 200)
    hi = bisect.bisect_right(starts, ph.end + 16)
    near = persons[lo:hi]
    for p in near:
        if (
            p.end <= ph.start
            and ph.start - p.end <= 6
            and _GAP_AFTER_NAME.match(text[p.end : ph.start])
        ):
            back = p
    for p in near:
        if p.start >= ph.end and p.start - ph.end <= 16:
            gap = text[ph.end : p.start]
            if (
                (_GAP_BEFORE_NAME.match(gap) and p.start - ph.end <= 12)
                or _RANK_ONLY.match(gap)
                # "the Ambassador of China to Nigeria, Ambassador Cui Jianchun"
                or (_ENVOY_AGAIN.match(gap) and "mbassador" in " ".join(ph.roles))
            ):
                fwd = p
                break
    if fwd is not None and (back is None or "," not in text[ph.end : fwd.start]):
        return fwd
    return back


def _contextual_bodies(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Bare names the lexicon allows only in context: "Security Council" is the UN's when
    the document names the UN, and no state's council ("of Kazakhstan", "Kazakhstan's")."""
    from kg.ids import slug

    named = {m.key for m in mentions if m.kind == "org"}
    out = list(mentions)
    spans = SpanSet()
    for m in mentions:
        spans.add(m.start, m.end)
    country_ends = {m.end for m in mentions if m.kind == "country"}
    for entry in lex.entries.values():
        if not entry.bare_variants:
            continue
        if not ({entry.key, entry.parent} & named) and not _names_within(text, lex, entry.parent):
            continue
        for bare in entry.bare_variants:
            for mm in re.finditer(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text):
                same = [
                    m
                    for m in out
                    if m.start == mm.start() and m.end == mm.end() and m.kind == "org"
                ]
                # the recogniser's own entity for the bare name gives way to the lexicon's body
                replace = [m for m in same if m.key != entry.key and m.key == slug(bare)]
                if not replace and spans.covers(mm.start()):
                    continue
                after = text[mm.end() : mm.end() + 30]
                before = text[max(0, mm.start() - 30) : mm.start()]
                owned = re.search(r"(?:['’]s)? $", before)
                if (
                    re.match(r"\s+of\b", after)
                    or (owned and mm.start() - len(owned.group()) in country_ends)
                    or _QUALIFIED_BEFORE.search(before)
                ):
                    continue
                spans.add(mm.start(), mm.end())
                for m in replace:
                    out.remove(m)
                out.append(
                    Mention(
                        key=entry.key,
                        kind=entry.kind,
                        start=mm.start(),
                        end=mm.end(),
                        surface=mm.group(),
                    )
                )
    out.sort(key=lambda m: m.start)
    return out


def _names_within(text: str, lex: Lexicon, key: str | None) -> bool:
    """The body named inside a longer name: "the United Nations Mission in South Sudan"
    names the UN though the mention found is the mission's."""
    entry = lex.entries.get(f"org/{key}") if key else None
    if entry is None:
        return False
    return any(
        re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", text)
        for v in (entry.label, *entry.variants)
        if len(v) > 3 and " " in v  # "United Nations", not "UN" (a French article)
    )


# "the National Security Council", "his Security Council": a qualified council is not the UN's
_QUALIFIED_BEFORE = re.compile(r"\b(?:[Nn]ational|[Ss]tate|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Oo]ur) $")


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
    rf" ((?:[A-Z][\w-]* (?:and )?){{0,4}}{_BODY}"
    r"(?: of (?:the )?[A-Z][\w-]*(?: (?:of |and )?[A-Z][\w-]*)*)?"
    # "the African Union Support and Stabilization Mission in Somalia": a mission's place
    r"(?:(?<=Mission) in (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)?)(?![\w-])"
)


def _sub_bodies(
    text: str, mentions: list[Mention], lex: Lexicon
) -> tuple[list[Mention], dict[str, Entity]]:
    """Bodies of a known organization the lexicon does not list: "Council of Foreign Ministers of
    the Shanghai Cooperation Organisation", "SCO Council of Heads of State". They become
    sub-organizations keyed under their parent, like the lexicon's own sub-bodies."""
    from kg.extract.ner import headline_end
    from kg.ids import slug

    head_end = headline_end(text)
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
        if m.start < head_end and body not in text[head_end:]:
            out.append(m)  # a title-case headline: "Council Authorizes Multinational … Mission"
            continue
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


def _middle_surname(text: str, first: str, middle: str, last: str) -> bool:
    """Whether `middle` can stand alone for the person named `first middle last`: a
    capitalised word the text never writes after `first` without `last` following."""
    if not middle[:1].isupper() or not middle.isalpha():
        return False
    short = rf"(?<![\w-]){re.escape(first)}\s+{re.escape(middle)}(?!\s+{re.escape(last)})(?![\w-])"
    return re.search(short, text) is None
