"""Actors the lexicon does not know, and the posts people hold.

A person node is made only for a real personal name that the text marks as a
person (a title, a post, "H.E.", a rank next to it); organizations only for
capitalised names ending in an organization word. Posts come from the appositive
or preceding title phrase: "Jeyhun Bayramov, Minister of Foreign Affairs of the
Republic of Azerbaijan" -> Minister of Foreign Affairs of Azerbaijan, in the
Ministry of Foreign Affairs of Azerbaijan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.gazetteer import Lexicon
from kg.extract.model import Entity, Mention, Post
from kg.ids import fold, slug

# a name word, or an initial with its full stop ("N."); a sentence's final stop is not part
# of the last name ("... Murat Bektanov.")
NAME_TOKEN = re.compile(r"(?<![\w’'])(?:[^\W\d_]\.(?=\s)|[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*)")
ROLE = re.compile(
    r"(?<![\w-])(?=[FDVAaPMIEJTSCpsHdKfU])"
    r"(?P<role>(?:(?:First|Deputy|Vice|Acting|acting|Former|former)[- ])?"
    r"(?:Prime[- ]Minister|Minister(?: of(?: the)? [A-Z][\w-]+(?: (?:and )?[A-Z][\w-]+)*)?"
    r"|(?:Foreign|Defen[cs]e|Interior|Finance|Economy|Justice|Energy|Trade) Minister"
    r"|President|Vice-President|Under-Secretary-General|Assistant Secretary-General"
    r"|Secretary[- ]General|Secretary-General|High Representative|High Commissioner"
    r"|(?:Chairman|Chairwoman)(?: of the (?:Cabinet of Ministers|Council of Ministers|Government))?"
    r"|Chairperson(?:[- ]in[- ]Office)?|Chair|Speaker|speaker(?= of (?:the )?[A-Z])"
    r"|Parliament Speaker|Commander(?:-in-Chief)?"
    r"|[Pp]ress [Ss]ecretary|[Ss]pokesperson|[Ss]pokesman|[Ss]pokeswoman|[Aa]mbassador|Head"
    r"|[Dd]irector[- ]General|[Dd]irector"
    r"|Special Envoy|Special Representative|Foreign Secretary|Chief of (?:the )?General Staff"
    r"|King|Emir))"
    r"(?![\w-])"
)
_ROLE_CANON = {
    "foreign minister": "Minister of Foreign Affairs",
    "defense minister": "Minister of Defence",
    "defence minister": "Minister of Defence",
    "interior minister": "Minister of Internal Affairs",
    "finance minister": "Minister of Finance",
    "economy minister": "Minister of Economy",
    "justice minister": "Minister of Justice",
    "energy minister": "Minister of Energy",
    "trade minister": "Minister of Trade",
    "prime-minister": "Prime Minister",
    "secretary-general": "Secretary General",
    "secretary general": "Secretary General",
    "parliament speaker": "Speaker of Parliament",
    "press secretary": "Press Secretary",
    "chairwoman": "Chairman",
    "chairperson": "Chairperson",
    "director": "Director",
    "spokesperson": "Spokesperson",
    "spokesman": "Spokesperson",
    "spokeswoman": "Spokesperson",
    "ambassador": "Ambassador",
}
ORG_WORDS = (
    "Ministry|Council|Organization|Organisation|Agency|Party|Forces|Parliament|Committee|Commission"
    "|Secretariat|Staff|Command|Center|Centre|Government|Assembly|Troops|Service|Services|Office"
    "|Department|Cabinet of Ministers|Union|Alliance|Bureau|Guard|Army|Navy|Police|Forum"
    "|Movement"
)
FACILITY_WORDS = "Institute|Airport|Academy|Base|University|Airfield|Barracks|Palace|Station|Port"
_CAPW = r"[A-Z][\w’'–-]*"
# "Commission on Cooperation", "Committee on Border Area Development" (not "Council on Monday")
_ON_A_REMIT = (
    r"on(?! (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December)\b)"
)
_OF_TAIL = (
    rf"(?: (?:of|for|{_ON_A_REMIT}) (?:the )?{_CAPW}"
    rf"(?: (?:and |of (?:the )?|for (?:the )?)?{_CAPW})*)?"
)
_POSSESSIVE_FIRST = re.compile(r"(?:Our|Their|His|Her|Its|My|Your) (?=[A-Z])")
ORG_PHRASE = re.compile(rf"(?<![\w–-])((?:{_CAPW} ){{0,4}}(?:{ORG_WORDS}){_OF_TAIL})(?![\w–-])")
FACILITY = re.compile(rf"(?<![\w–-])((?:{_CAPW} ){{0,4}}(?:{FACILITY_WORDS}){_OF_TAIL})(?![\w–-])")
_ORG_CANON = [
    (
        re.compile(r"^Foreign Ministry$|^Ministry of Foreign Affairs$|^MFA$", re.I),
        "Ministry of Foreign Affairs",
    ),
    (
        re.compile(
            r"^(?:Defen[cs]e Ministry|Ministry of Defen[cs]e|Ministry of National Defen[cs]e)$",
            re.I,
        ),
        "Ministry of Defence",
    ),
    (
        re.compile(
            r"^(?:Interior Ministry|Ministry of Internal Affairs|Ministry of Interior)$", re.I
        ),
        "Ministry of Internal Affairs",
    ),
]
# Capitalised words that are never part of a personal name.
_NOT_NAME = {
    fold(w)
    for w in (
        "The Minister President Prime Secretary General Chairman Deputy Republic Foreign Affairs "
        "Council Organization Organisation Ministry Of And For Dear Speech Statement Colonel "
        "Lieutenant Major Commander Mr Mrs Ms Dr H.E. Excellency His Her Their Our We I In On At "
        "By With Today Yesterday Thank Parliament Government Forces Security Collective Head Chief "
        "Director Agency Press Meanwhile According Also Turkish Russian Kazakh Armed State States "
        "January February March April May June July August September October November December "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Updated Created Image Credit "
        "Country This That These Those Mission Special Envoy Ambassador Spokesperson Acting "
        "Eastern Western Northern Southern Central Europe Asia Africa America Middle East "
        "North South "
        "Tells Says Briefs Key More United Nations"
    ).split()
}


@dataclass
class PostPhrase:
    start: int
    end: int
    roles: list[str]
    country: str | None
    org: str | None


def _with_article(label: str) -> str:
    """ "the Organization of Turkic States", but "NATO"."""
    return label if label.isupper() or " " not in label else f"the {label}"


def canon_role(role: str) -> str:
    r = " ".join(role.replace("Prime-Minister", "Prime Minister").split())
    low = r.lower()
    for prefix in ("acting ", "former "):
        if low.startswith(prefix):
            r, low = r[len(prefix) :], low[len(prefix) :]
    if low in _ROLE_CANON:
        return _ROLE_CANON[low]
    for k, v in _ROLE_CANON.items():
        if low.endswith(" " + k):
            return r[: len(r) - len(k)] + v
    return r[0].upper() + r[1:]


def canon_org(name: str) -> str:
    for rx, canon in _ORG_CANON:
        if rx.match(name):
            return canon
    return name


class ActorFinder:
    """Finds posts, unknown persons and organizations in one document."""

    def __init__(self, text: str, mentions: list[Mention], lexicon: Lexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.generic_org_labels: dict[str, str] = {}
        self.index(mentions)

    def index(self, mentions: list[Mention]) -> None:
        """The mentions to read posts and names against, by where each starts and ends."""
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_start = {m.start: m for m in self.mentions}
        self.by_end = {m.end: m for m in self.mentions if m.kind in ("country", "org")}

    # -- posts -------------------------------------------------------------
    def _mention_at(self, pos: int) -> Mention | None:
        return self.by_start.get(pos)

    def post_phrases(self) -> list[PostPhrase]:
        text = self.text
        out: list[PostPhrase] = []
        pos = 0
        while True:
            m = ROLE.search(text, pos)
            if not m:
                break
            pos = m.end()
            start = m.start()
            roles = [m.group("role")]
            end = m.end()
            # Chains: "Deputy Prime Minister and Minister of Foreign Affairs of ..."
            while True:
                nxt = re.compile(r"(?: and | - | – |, )").match(text, end)
                if not nxt:
                    break
                r2 = ROLE.match(text, nxt.end())
                if not r2:
                    break
                roles.append(r2.group("role"))
                end = r2.end()
            country = org = None
            # "of (the) [Cap words of (the)]* MENTION"
            of = re.compile(r" of (?:the )?").match(text, end)
            if of:
                p = of.end()
                extra: list[str] = []
                for _ in range(4):
                    mm = self._mention_at(p)
                    if mm and not mm.adjective:
                        if mm.kind == "country":
                            country = mm.key
                        elif mm.kind == "org":
                            org = mm.key
                            self.generic_org_labels.setdefault(mm.key, mm.surface)
                        elif mm.kind == "place":
                            country = (
                                self.lex.entries.get(f"place/{mm.key}", None)
                                and self.lex.entries[f"place/{mm.key}"].country
                            )
                        if country or org:
                            end = mm.end
                            if extra:
                                roles[-1] = roles[-1] + " of the " + " of the ".join(extra)
                        break
                    w = re.compile(rf"({_CAPW}(?: {_CAPW})*) of (?:the )?").match(text, p)
                    r3 = ROLE.match(text, p)
                    if r3 and not w:
                        w2 = re.compile(rf"{re.escape(r3.group())} of (?:the )?").match(text, p)
                        if not w2:
                            break
                        extra.append(r3.group())
                        p = w2.end()
                        continue
                    if not w:
                        break
                    extra.append(w.group(1))
                    p = w.end()
            # Prefixes: "Turkish Foreign Minister", "Turkey's Parliament Speaker",
            # "CSTO Secretary General"
            before = text[max(0, start - 40) : start]
            pm = re.search(r"(?:^|(?<=\s))(\S+?)(?:['’]s)? $", before)
            if pm and not (country or org):
                cand = self.by_start.get(start - len(pm.group(0)))
                if cand is None:
                    # "New Zealand Prime Minister", "Saudi Arabia's Foreign Minister": a name
                    # of more than one word, which ends where the last word does
                    cand = self.by_end.get(start - len(pm.group(0)) + len(pm.group(1)))
                if cand is not None and cand.end in (start - 1, start - 3):
                    if cand.kind == "country":
                        country = cand.key
                        start = cand.start
                    elif cand.kind == "org":
                        org = cand.key
                        start = cand.start
            # "Ambassador of Kazakhstan to the Republic of Türkiye", "the Chinese Ambassador to
            # Nigeria": the phrase runs to the host
            if any("mbassador" in r or "nvoy" in r for r in roles) and (country or org):
                to = re.compile(r" to (?:the )?").match(text, end)
                host = self._mention_at(to.end()) if to else None
                if host is not None and host.kind == "country":
                    end = host.end
            if not (country or org) and roles[0].lower().startswith(
                ("head", "director", "chair", "commander")
            ):
                continue
            out.append(PostPhrase(start, end, [canon_role(r) for r in roles], country, org))
            pos = end
        return out

    def make_posts(self, phrase: PostPhrase) -> list[Post]:
        out = []
        for role in phrase.roles:
            if not (phrase.country or phrase.org):
                continue
            owner = phrase.org or phrase.country or ""
            owner_label = (
                _with_article(self._label("org", phrase.org))
                if phrase.org
                else self._label("country", phrase.country)
            )
            out.append(
                Post(
                    key=slug(f"{role} {owner}"),
                    label=f"{role} of {owner_label}",
                    role=role,
                    country=phrase.country or self._org_country(phrase.org),
                    org=phrase.org,
                )
            )
        return out

    def _label(self, kind: str, key: str | None) -> str:
        e = self.lex.entries.get(f"{kind}/{key}")
        if e:
            return e.label
        return self.generic_org_labels.get(key or "", key or "")

    def _org_country(self, key: str | None) -> str | None:
        e = self.lex.entries.get(f"org/{key}")
        return e.country if e else None

    # -- unknown persons ---------------------------------------------------
    def name_at(self, pos: int, forward: bool = True) -> tuple[int, int] | None:
        """A 2-4 token capitalised personal name starting (or ending) at pos."""
        text = self.text
        if forward:
            toks = []
            p = pos
            while len(toks) < 4:
                m = NAME_TOKEN.match(text, p)
                if not m or not m.group()[0].isupper() or fold(m.group().rstrip(".")) in _NOT_NAME:
                    break
                if any(mm.start <= m.start() < mm.end for mm in self._mentions_near(m.start())):
                    break
                toks.append(m)
                sp = re.compile(r" (?=\S)").match(text, m.end())
                if not sp:
                    break
                p = sp.end()
            if len(toks) >= 2 and not toks[-1].group().endswith("."):
                return toks[0].start(), toks[-1].end()
            return None
        # backward: name ending at pos
        seg = text[max(0, pos - 80) : pos]
        m = re.search(r"((?:[^\W\d_][\w’'-]* ){1,3}[^\W\d_][\w’'-]*)$", seg)
        if not m:
            return None
        words = m.group(1).split(" ")
        keep: list[str] = []
        for w in reversed(words):
            if not w[0].isupper() or fold(w) in _NOT_NAME:
                break
            keep.insert(0, w)
        if len(keep) < 2:
            return None
        s = pos - len(" ".join(keep))
        if any(mm.start < pos and s < mm.end for mm in self._mentions_near(s)):
            return None
        return s, pos

    def _mentions_near(self, pos: int) -> list[Mention]:
        import bisect

        starts = (
            [m.start for m in self.mentions]
            if getattr(self, "_starts_for", None) is not self.mentions
            else self._starts
        )
        if getattr(self, "_starts_for", None) is not self.mentions:
            self._starts, self._starts_for = starts, self.mentions
        i = bisect.bisect_left(starts, pos - 200)
        j = bisect.bisect_right(starts, pos + 100)
        return [m for m in self.mentions[i:j] if m.start - 100 <= pos <= m.end + 100]

    def generic_orgs(self) -> list[tuple[int, int, str, str | None, str]]:
        """(start, end, name, country key, category) for organization and facility names."""
        out = []
        text = self.text
        for rx, category in ((FACILITY, "facility"), (ORG_PHRASE, "org")):
            for m in rx.finditer(text):
                s, e = m.start(1), m.end(1)
                if text.startswith("The ", s):
                    s += 4
                elif text.startswith("A ", s) and e - s > 6:
                    s += 2  # "A Chinese Foreign Ministry’s Spokesperson said"
                # "Our Foreign Affairs Ministry is finalising …": a possessive opening a
                # sentence is no part of the name
                if owner := _POSSESSIVE_FIRST.match(text, s, e):
                    s = owner.end()
                # "the Parliament of the Republic of Kazakhstan President Tokayev": stop before
                # a post or a person that only runs on after the name
                of = text.find(" of ", s, e)
                if of > 0:
                    cut = [
                        mm.start
                        for mm in self._mentions_near(s)
                        if of < mm.start < e and mm.kind == "person"
                    ]
                    r = ROLE.search(text, of + 4, e)
                    if r:
                        cut.append(r.start())
                    if cut:
                        e = min(cut)
                        while e > s and not text[e - 1].isalnum():
                            e -= 1
                        # ("the Press Service of the President of the Kyrgyz Republic": the
                        # body's name ends before the "of the" that leads to the post)
                        tail = re.search(r"\s+(?:of|for)(?:\s+the)?$", text[s:e])
                        e = s + tail.start() if tail else e
                name = text[s:e]
                # Drop leading words that are lexicon adjectives/countries: keep them as country.
                country = None
                inside = [mm for mm in self._mentions_near(s) if s <= mm.start and mm.end <= e]
                if any(
                    mm.kind in ("org", "person") and mm.start == s and mm.end == e for mm in inside
                ):
                    continue
                lead = [mm for mm in inside if mm.start == s and mm.kind == "country"]
                if (
                    lead
                    and any(mm.kind == "country" and mm.start == lead[0].end + 1 for mm in inside)
                    and text[lead[0].end] in "-–"
                ):
                    # "the Botswana-Namibia Joint Permanent Commission": a body of both states,
                    # named whole, of neither alone
                    lead = []
                if lead:
                    country = lead[0].key
                    rest = text[lead[0].end : e].lstrip(" ’'s").strip()
                    s = e - len(rest)
                    name = rest
                for mm in inside:
                    if mm.kind == "country" and mm.end == e and mm.start > s and not mm.adjective:
                        head = re.sub(r"\s+of(?: the)?\s*$", "", text[s : mm.start])
                        if head != text[s : mm.start]:
                            country = mm.key
                            name = head
                        break
                if not re.search(rf"(?:{ORG_WORDS}|{FACILITY_WORDS})", name):
                    continue
                words = [w for w in name.split() if w[0].isupper()]
                distinctive = [
                    w
                    for w in words
                    if not re.fullmatch(rf"(?:{ORG_WORDS}|{FACILITY_WORDS}|Ministers|The)", w)
                ]
                if not country and (len(words) < 2 or not distinctive):
                    continue
                if category == "facility":
                    prev = text[max(0, m.start(1) - 8) : m.start(1)].lower()
                    if not re.search(r"\b(at|in|to|from|near)( the)? $", prev):
                        continue
                out.append((s, e, canon_org(name), country, category))
        out.sort()
        dedup = []
        last = -1
        for item in out:
            if item[0] >= last:
                dedup.append(item)
                last = item[1]
        return dedup


def entity_for_generic(
    kind: str, name: str, country: str | None, category: str | None, lex: Lexicon
) -> Entity:
    clabel = (
        lex.entries[f"country/{country}"].label
        if country and f"country/{country}" in lex.entries
        else None
    )
    label = f"{name} of {clabel}" if clabel else name
    key = slug(f"{name} {country}") if country else slug(name)
    return Entity(kind=kind, key=key, label=label, country=country, category=category)
