"""Hand-written gold facts, in either of the two formats the corpus uses.

Format 2 (docs/gold-format.md) names things as the text does, so an actor the lexicon
has never heard of can be scored by its name; the first gold files (tests/gold/) name
them by IRI key. Both load into one shape so the scorer has one matching path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.ids import fold

REPO = Path(__file__).resolve().parents[2]
LEGACY_GOLD_DIR = REPO / "tests" / "gold"
KINDS = ("person", "org", "country", "place")


class GoldError(ValueError):
    """A gold file that is missing or cannot be read: scoring without it would lie."""


_SPACES = re.compile(r"[\s\-‐‑–—_]+")
_POSSESSIVE = re.compile(r"['’]s$")


def norm(name: str) -> str:
    """Ignore case, diacritics, a leading "the", a possessive and dash/space differences."""
    s = fold(name.replace("’", "'")).strip(" .,;:'\"“”")
    s = _SPACES.sub(" ", s).strip()
    s = _POSSESSIVE.sub("", s)
    if s.startswith("the "):
        s = s[4:]
    return s


def untitled(name: str) -> str:
    """A person's normalised name without the titles before it ("sultan hassanal bolkiah"
    is "hassanal bolkiah"): a title is no part of a name, and the extractor strips it."""
    from kg.extract.names import TITLES

    words = name.split()
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


@dataclass
class GoldEntity:
    id: str
    kind: str
    names: set[str] = field(default_factory=set)  # normalised
    keys: set[str] = field(default_factory=set)  # "kind/key" (first format)
    optional: bool = False
    display: str = ""


@dataclass
class GoldMeeting:
    date: str | None
    participants: set[str]  # gold entity ids
    kinds: set[str]
    chair: str | None = None
    organizer: str | None = None
    place: str | None = None
    optional: bool = False


@dataclass
class GoldStatement:
    start: int
    end: int
    speakers: set[str] | None  # gold entity ids; None: speech with no nameable speaker
    meeting: str | None = None  # first format only: the meeting's date, or "undated"
    optional: bool = False  # counts neither way


@dataclass
class GoldDeployment:
    key: str | None  # first format: the deployment's IRI key
    facts: dict[str, set[str]]  # field -> acceptable values (entity ids, numbers, dates)
    optional: bool = False


@dataclass
class Gold:
    format: int
    entities: dict[str, GoldEntity]
    meetings: list[GoldMeeting]
    statements: list[GoldStatement]
    deployments: list[GoldDeployment]
    claims: list[tuple[str, int]]
    claims_optional: set[tuple[str, int]]
    published: str | None = None
    by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> entity id

    def ref(self, name_or_key: str | None) -> str | None:
        """The gold entity a name (format 2) or "kind/key" (first format) stands for."""
        if name_or_key is None:
            return None
        if name_or_key in self.entities:
            return name_or_key
        found = self.by_name.get(norm(str(name_or_key)))
        if found is None:
            raise GoldError(f"gold names {name_or_key!r}, which is not among its entities")
        return found


def gold_path_for(text_path: Path) -> Path:
    """`…/texts/x.txt` has its gold in `…/gold/x.yaml`; older texts in tests/gold/."""
    if text_path.parent.name == "texts":
        return text_path.parent.parent / "gold" / f"{text_path.stem}.yaml"
    return LEGACY_GOLD_DIR / f"{text_path.stem}.yaml"


def load(text_path: Path, text: str) -> Gold:
    path = gold_path_for(text_path)
    if not path.exists():
        raise GoldError(f"{text_path}: no gold file ({path}); a text without gold cannot be scored")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise GoldError(f"{path}: not YAML: {e}") from e
    if not isinstance(raw, dict):
        raise GoldError(f"{path}: not a gold mapping")
    if raw.get("format") == 2:
        return _format2(raw, text, path)
    return _format1(raw, text, path)


def _span(text: str, frm: str, to: str, where: Path) -> tuple[int, int]:
    s = text.find(frm)
    if s < 0:
        raise GoldError(f"{where}: statement start {frm!r} is not in the text")
    e = text.find(to, s)
    if e < 0:
        raise GoldError(f"{where}: statement end {to!r} is not in the text after its start")
    return s, e + len(to)


def _whole_number(v) -> int | None:
    """1000, "1,000" or "19 units of armoured vehicles": the count a gold writer gave."""
    if isinstance(v, int):
        return v
    m = re.match(r"\s*(?:about |some |around )?(\d[\d,]*)\b", str(v))
    return int(m.group(1).replace(",", "")) if m else None


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _format2(raw: dict, text: str, where: Path) -> Gold:
    ents: dict[str, GoldEntity] = {}
    by_name: dict[str, str] = {}
    for e in raw.get("entities") or []:
        kind = e.get("type")
        if kind not in KINDS:
            raise GoldError(f"{where}: entity {e!r} has no type among {KINDS}")
        gid = f"{kind}:{norm(e['name'])}"
        names = {norm(e["name"])} | {norm(a) for a in _as_list(e.get("also"))}
        if kind == "person":
            names |= {untitled(n) for n in names} - {""}
        ents[gid] = GoldEntity(
            id=gid, kind=kind, names=names, optional=bool(e.get("optional")), display=e["name"]
        )
        for n in names:
            by_name.setdefault(n, gid)
    gold = Gold(
        format=2,
        entities=ents,
        meetings=[],
        statements=[],
        deployments=[],
        claims=[(k, int(v)) for k, v in raw.get("claims") or []],
        claims_optional={(k, int(v)) for k, v in raw.get("claims_optional") or []},
        published=str(raw["published"]) if raw.get("published") else None,
        by_name=by_name,
    )
    for m in raw.get("meetings") or []:
        gold.meetings.append(
            GoldMeeting(
                date=str(m["date"]) if m.get("date") else None,
                participants={gold.ref(p) for p in _as_list(m.get("participants"))},
                kinds=set(_as_list(m.get("kind"))),
                chair=gold.ref(m.get("chair")),
                place=gold.ref(m.get("place")),
                optional=bool(m.get("optional")),
            )
        )
    for s in raw.get("statements") or []:
        start, end = _span(text, s["from"], s["to"], where)
        sp = s.get("speaker")
        speakers = None if sp is None else {gold.ref(x) for x in _as_list(sp)}
        gold.statements.append(
            GoldStatement(start, end, speakers, optional=bool(s.get("optional")))
        )
    for d in raw.get("deployments") or []:
        facts: dict[str, set[str]] = {}
        for f in ("deployed_by", "part_of"):
            if d.get(f):
                facts[f] = {gold.ref(d[f])}
        if d.get("destination"):
            facts["destination"] = {gold.ref(x) for x in _as_list(d["destination"])}
        for f in ("personnel", "equipment"):
            v = d.get(f)
            if v is None:
                continue
            n = _whole_number(v)
            if n is not None:
                facts[f] = {str(n)}
            elif not d.get("optional"):
                raise GoldError(f"{where}: deployment {f} {v!r} is not a whole number")
        if d.get("date"):
            facts["date"] = {str(d["date"])}
        gold.deployments.append(GoldDeployment(None, facts, bool(d.get("optional"))))
    return gold


def _format1(raw: dict, text: str, where: Path) -> Gold:
    from kg.extract.gazetteer import load_lexicon

    lex = load_lexicon()
    ents: dict[str, GoldEntity] = {}
    for optional, keys in (
        (False, raw["entities"]["required"]),
        (True, raw["entities"].get("optional") or []),
    ):
        for ref in keys:
            kind = ref.split("/", 1)[0]
            entry = lex.entries.get(ref)
            names = {norm(v) for v in ([entry.label, *entry.variants] if entry else [])}
            ents[ref] = GoldEntity(
                id=ref, kind=kind, names=names, keys={ref}, optional=optional, display=ref
            )

    def ref(r: str | None) -> str | None:
        if r is None:
            return None
        if r not in ents:  # named in a meeting or statement only: still a gold actor
            ents[r] = GoldEntity(id=r, kind=r.split("/", 1)[0], keys={r}, optional=True, display=r)
        return r

    gold = Gold(
        format=1,
        entities=ents,
        meetings=[],
        statements=[],
        deployments=[],
        claims=[tuple(x) for x in (raw.get("claims") or {}).get("required") or []],
        claims_optional={tuple(x) for x in (raw.get("claims") or {}).get("optional") or []},
        published=str(raw["published"]) if raw.get("published") else None,
    )
    for m in raw.get("meetings") or []:
        gold.meetings.append(
            GoldMeeting(
                date=str(m["date"]) if m.get("date") else None,
                participants={ref(p) for p in m.get("participants") or []},
                kinds=set(m.get("kinds") or []),
                chair=ref(m.get("chair")),
                organizer=ref(m.get("organizer")),
                optional=bool(m.get("optional")),
            )
        )
    for s in raw.get("statements") or []:
        start, end = _span(text, s["from"], s["to"], where)
        sp = s.get("speaker")
        speakers = None if sp is None else {ref(x) for x in _as_list(sp)}
        meeting = str(s["meeting"]) if s.get("meeting") else None
        gold.statements.append(GoldStatement(start, end, speakers, meeting))
    for d in raw.get("deployments") or []:
        facts = {}
        for f in ("destination", "deployed_by", "part_of", "personnel", "equipment", "commander"):
            if d.get(f) is not None:
                facts[f] = {str(d[f])}
        gold.deployments.append(GoldDeployment(d["key"], facts, bool(d.get("optional"))))
    return gold
