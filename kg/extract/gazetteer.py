"""The curated lexicon and one Aho-Corasick pass over diacritic-folded text.

Folding makes Çavuşoğlu and Cavusoglu one key; word boundaries are checked on the
folded text so "Akar" never matches inside "Çakar". Built once at import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from kg.extract.model import Mention
from kg.ids import fold, slug

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon.yaml"
KINDS = {"countries": "country", "organizations": "org", "persons": "person", "places": "place"}


@dataclass
class LexEntry:
    kind: str
    key: str
    label: str
    variants: list[str]
    adjectives: list[str] = field(default_factory=list)
    qid: str | None = None
    qid_source: str | None = None
    parent: str | None = None
    country: str | None = None
    category: str | None = None
    posts: list[dict] = field(default_factory=list)
    bare_variants: list[str] = field(default_factory=list)  # only when the parent is named
    origin: str = "lexicon"  # lexicon | world (kg/extract/world.py)
    iso2: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    long: float | None = None


@dataclass
class Lexicon:
    entries: dict[str, LexEntry]  # "kind/key" -> entry
    automaton: ahocorasick.Automaton | None
    adjective_of: dict[str, str]  # folded adjective -> country key
    country_by_name: dict[str, str]  # folded variant -> country key


class _FoldTable(dict):
    """str.translate table folding every character to exactly one ASCII character.

    Keeping the length makes offsets in the folded text offsets in the source text;
    the rare letters that fold to two (ß) keep their first.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if code < 128:
            out = c
        elif c in _TYPOGRAPHIC:
            out = _TYPOGRAPHIC[c]  # "Côte d’Ivoire" is the lexicon's "Côte d'Ivoire"
        else:
            f = fold(c)
            if f:
                out = f[0]
            elif unicodedata.category(c).startswith("M"):
                out = c
            else:
                out = " "
        self[code] = out
        return out


# typeset apostrophes and dashes, as their ASCII forms (news pages use both)
_TYPOGRAPHIC = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"}

_TABLE = _FoldTable()


def fold_text(text: str) -> str:
    """Lower-case, diacritic-folded text of exactly the same length as `text`."""
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE).lower()


_SPELLINGS = (
    ("Organization", "Organisation"),
    ("Co-operation", "Cooperation"),
    ("Defense", "Defence"),
    ("Programme", "Program"),
    ("Centre", "Center"),
    ("Labour", "Labor"),
)


def _spellings(variant: str) -> list[str]:
    """The other spellings of a name: Organisation/Organization, Co-operation/Cooperation …"""
    out = []
    for a, b in _SPELLINGS:
        for x, y in ((a, b), (b, a)):
            if x in variant:
                out.append(variant.replace(x, y))
    return out


def _titled_acronym(surface: str, variant: str) -> bool:
    """ "Nato", "Asean", "Ecowas": an acronym of four letters or more in the British and
    Asian house style, first letter only in capitals."""
    return len(variant) >= 4 and variant.isalpha() and surface == variant.capitalize()


def _is_acronym(variant: str) -> bool:
    letters = [c for c in variant if c.isalpha()]
    return len(letters) <= 5 and all(c.isupper() for c in letters)


@lru_cache(maxsize=4)
def load_lexicon(path: str = str(LEXICON_PATH)) -> Lexicon:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    entries: dict[str, LexEntry] = {}
    automaton = ahocorasick.Automaton()
    adjective_of: dict[str, str] = {}
    country_by_name: dict[str, str] = {}
    patterns: dict[str, list[tuple[str, str, bool, str]]] = {}
    for section, kind in KINDS.items():
        for key, spec in (data.get(section) or {}).items():
            spec = spec or {}
            e = LexEntry(
                kind=kind,
                key=key,
                label=spec.get("label", key),
                variants=list(dict.fromkeys([spec.get("label", key), *spec.get("variants", [])])),
                adjectives=list(spec.get("adjectives", [])),
                qid=spec.get("qid"),
                qid_source=spec.get("qid_source"),
                parent=spec.get("parent"),
                country=spec.get("country"),
                category=spec.get("kind_of"),
                posts=list(spec.get("posts", [])),
                bare_variants=list(spec.get("bare_variants", [])),
            )
            entries[f"{kind}/{key}"] = e
            for v in e.variants:
                patterns.setdefault(fold(v), []).append((kind, key, _is_acronym(v), v))
                if kind == "country":
                    country_by_name[fold(v)] = key
                for alt in _spellings(v):
                    # "Organisation for Security and Cooperation in Europe": British and
                    # American spellings, a hyphen or none, name the same body
                    patterns.setdefault(fold(alt), []).append((kind, key, False, alt))
            for a in e.adjectives:
                adjective_of[fold(a)] = key
                patterns.setdefault(fold(a), []).append(("adj", key, False, a))
    _add_world_countries(entries, patterns, adjective_of, country_by_name)
    _add_regions_named_like_countries(entries, patterns, country_by_name)
    for folded, key in list(adjective_of.items()):
        # "850 Burundians, 800 Cameroonians", "Pakistanis": a demonym's plural is the
        # country's people (not "-ese", "-ish": "the Congolese", "the British" stay as they are)
        if folded.endswith(("an", "i")) and folded + "s" not in patterns:
            plural = next(a for _k, _key, _f, a in patterns[folded]) + "s"
            patterns[folded + "s"] = [("adj", key, "cap", plural)]
    for folded, targets in list(patterns.items()):
        # "Nagorno Karabakh" is "Nagorno-Karabakh": a hyphen is often a space in news copy
        if "-" in folded and " " not in folded:
            patterns.setdefault(folded.replace("-", " "), targets)
    for folded, targets in patterns.items():
        automaton.add_word(folded, (folded, targets))
    if patterns:
        automaton.make_automaton()
    return Lexicon(entries, automaton if patterns else None, adjective_of, country_by_name)


def _add_world_countries(entries, patterns, adjective_of, country_by_name) -> None:
    """Every ISO 3166 country and territory, joined to the lexicon's entry where the lexicon
    has one (which keeps its key, label and QID). World names must be capitalised in the
    text ("turkey" the bird, "chad" the verb are not countries)."""
    from kg.extract.world import countries, country_key

    # the most populous first: a name or demonym two countries share ("Dominican", "Congolese")
    # is the larger one's
    for c in sorted(countries().values(), key=lambda c: (-c.population, c.iso2)):
        kind = "country" if c.sovereign else "place"
        key = next((country_by_name[fold(n)] for n in c.names if fold(n) in country_by_name), None)
        if key is not None:
            e = entries[f"country/{key}"]
            e.iso2, e.geonames_id, e.lat, e.long = c.iso2, c.geonames_id, c.lat, c.long
            known = {fold(v) for v in e.variants} | {fold(a) for a in e.adjectives}
            for n in c.names:
                if fold(n) not in known:
                    e.variants.append(n)
                    patterns.setdefault(fold(n), []).append(("country", key, _is_acronym(n), n))
            for a in c.demonyms:
                if fold(a) not in known and fold(a) not in adjective_of:
                    e.adjectives.append(a)
                    adjective_of[fold(a)] = key
                    patterns.setdefault(fold(a), []).append(("adj", key, False, a))
            continue
        key = country_key(c)
        ref = f"{kind}/{key}"
        if ref in entries:
            continue
        entries[ref] = LexEntry(
            kind=kind,
            key=key,
            label=c.label,
            variants=list(c.names),
            adjectives=list(c.demonyms) if kind == "country" else [],
            origin="world",
            iso2=c.iso2,
            geonames_id=c.geonames_id,
            lat=c.lat,
            long=c.long,
        )
        for n in c.names:
            if fold(n) in patterns and fold(n) not in {fold(x) for x in c.names[:1]}:
                continue  # another entry's name already ("Congo", "Guinea"): first one keeps it
            patterns.setdefault(fold(n), []).append((kind, key, _is_acronym(n) or "cap", n))
            if kind == "country":
                country_by_name.setdefault(fold(n), key)
        if kind == "country":
            for a in c.demonyms:
                if fold(a) not in adjective_of:
                    adjective_of[fold(a)] = key
                    patterns.setdefault(fold(a), []).append(("adj", key, "cap", a))


def _add_regions_named_like_countries(entries, patterns, country_by_name) -> None:
    """ "Northern Ireland", "New Mexico", "West Bengal": a region whose name holds a country's
    name is matched whole, so the country's name inside it is not a mention of the country."""
    import pycountry

    from kg.extract.world import countries

    iso_to_key = {c.iso2: country_by_name.get(fold(c.label)) for c in countries().values()}
    names = set(country_by_name)
    for sub in pycountry.subdivisions:
        name = sub.name.split("(")[0].split("[")[0].strip()
        f = fold(name)
        if f in patterns or " " not in f:
            continue
        if not any(f" {n}" in f" {f} " and f != n for n in names if len(n) > 3 and n in f):
            continue
        key = slug(name)
        ref = f"place/{key}"
        if ref not in entries:
            entries[ref] = LexEntry(
                kind="place",
                key=key,
                label=name,
                variants=[name],
                origin="world",
                country=iso_to_key.get(sub.country_code),
            )
        patterns.setdefault(f, []).append(("place", key, "cap", name))


def _inside_hyphenated(text: str, s: int, e: int) -> bool:
    before = text[s - 2 : s] if s >= 2 else ""
    after = text[e : e + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalpha()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalpha()
    )


def _paired_states(text: str, s: int, e: int) -> bool:
    """ "UK-Barbados relations", "China-US ties": a hyphen joining a state's initials to a
    name in title case, unlike "AU" in "PORT-AU-PRINCE"."""
    if _PAIRED_AFTER.match(text, e):
        return not (s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha())
    if _PAIRED_BEFORE.search(text, max(0, s - 30), s):
        return text[e : e + 1] != "-"
    return False


_PAIRED_AFTER = re.compile(r"[-–][A-Z][a-z]{2,}")
_PAIRED_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}[-–]$")


def _boundary(folded: str, s: int, e: int) -> bool:
    before = folded[s - 1] if s > 0 else " "
    after = folded[e] if e < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _another_qualifier(text: str, s: int, e: int, entry) -> bool:
    """ "EUFOR RCA" where the lexicon knows "EUFOR" as short for "EUFOR Althea": a name that
    drops its label's last words stands for it alone, not before another qualifier (a
    sibling operation the lexicon does not know)."""
    label = getattr(entry, "label", None)
    if not label or not label.startswith(text[s:e] + " ") or text.startswith(label, s):
        return False
    return _QUALIFIER_AFTER.match(text, e) is not None


_QUALIFIER_AFTER = re.compile(r" [A-Z][A-Za-z]+\b")
# a nationality's word naming a language: "its Spanish acronym ELN", "the French-speaking
# Caribbean Community", "(link in Spanish)", "he said in Spanish."
_LANGUAGE_AFTER = re.compile(
    r"(?:-speaking|-language| language| acronym| initials| abbreviation| translation)\b"
)
_IN_A_LANGUAGE = re.compile(r"\b(?:in|into|from)\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)\"”]|$)")


def _a_language(text: str, s: int, e: int) -> bool:
    return _LANGUAGE_AFTER.match(text, e) is not None or (
        _IN_A_LANGUAGE.search(text, max(0, s - 6), s) is not None
        and _CLAUSE_END.match(text, e) is not None
    )


# a state's name in another language that is also a given name ("Dominique", French for
# Dominica, as 613 writes it in a list of states)
_GIVEN_NAMES_OF_STATES = {"Dominique"}
_SURNAME_AFTER = re.compile(r" (?:[A-Z]|d[eu] [A-Z]|d['’])")


def find_mentions(text: str, lexicon: Lexicon | None = None) -> list[Mention]:
    """Longest non-overlapping lexicon matches, left to right."""
    lex = lexicon or load_lexicon()
    if lex.automaton is None or not text:
        return []
    folded = fold_text(text)
    cands: list[tuple[int, int, str, str, bool]] = []
    for end_idx, (word, targets) in lex.automaton.iter(folded):
        s = end_idx - len(word) + 1
        e = end_idx + 1
        if not _boundary(folded, s, e):
            continue
        os_, oe = s, e
        surface = text[os_:oe]
        if not surface[:1].isupper() and not surface[:1].isdigit():
            continue  # names are capitalised: "turkey" the bird, "chad said"
        for kind, key, acronym, variant in targets:
            if (
                acronym is True
                and _inside_hyphenated(text, os_, oe)
                and not (kind == "country" and _paired_states(text, os_, oe))
            ):
                continue  # "AU" in "PORT-AU-PRINCE"
            if acronym is True and surface != variant and not _titled_acronym(surface, variant):
                continue
            if kind == "org" and _another_qualifier(text, os_, oe, lex.entries.get(f"org/{key}")):
                continue
            if kind == "adj" and _a_language(text, os_, oe):
                continue  # "he said in Spanish", "its French acronym", "French-speaking"
            if surface in _GIVEN_NAMES_OF_STATES and _SURNAME_AFTER.match(text, oe):
                continue  # "Dominique de Villepin", "Dominique Ouattara": a given name
            cands.append((os_, oe, kind, key, kind == "adj"))
            break
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    last_end = -1
    for s, e, kind, key, adj in cands:
        if s < last_end:
            continue
        out.append(
            Mention(
                key=key,
                kind="country" if adj else kind,
                start=s,
                end=e,
                surface=text[s:e],
                adjective=adj,
            )
        )
        last_end = e
    return out
