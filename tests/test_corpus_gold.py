"""Checks the hand-written gold of the real news corpus (tests/corpus/, docs/gold-format.md).

Gold is written by reading the text before any extractor runs on it, so nothing but the
repository is read here: each split (dev, and heldout when present) pairs every text with a
gold file and back, every gold file is format 2, every `from`/`to` passage is found in its
text in order, and every name used by a meeting, statement or deployment is the `name` of
one of the gold's entities. A typo in gold would otherwise silently cost the extractor a hit.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from kg.extract.gold import load

CORPUS = Path(__file__).parent / "corpus"
SPLITS = [p for p in (CORPUS / "dev", CORPUS / "heldout") if p.is_dir()]

KINDS = {
    "news report",
    "call readout",
    "communique",
    "press release",
    "UN meeting coverage",
    "press conference",
    "summit report",
    "deployment announcement",
    "transcript",
}
ENTITY_TYPES = {"person", "org", "country", "place"}
MEETING_KINDS = {
    "PhoneCall",
    "Videoconference",
    "Summit",
    "Session",
    "Debate",
    "Visit",
    "InPersonMeeting",
}
CLAIM_KINDS = {
    "Deaths",
    "Injuries",
    "Detentions",
    "WeaponsSeized",
    "Flights",
    "BusinessesAffected",
    "VehiclesLost",
    "Personnel",
    "Equipment",
    "Displaced",
}
ID_RE = re.compile(r"^\d{2,3}_[a-z0-9-]+_[a-z0-9-]+$")


def _fold(text: str) -> str:
    """Case- and diacritic-folded text, dashes as spaces: how gold names are matched."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[-\u2010-\u2015]", " ", plain.casefold())
    return re.sub(r"\s+", " ", plain)


def _pairs() -> list[tuple[Path, Path]]:
    out = []
    for split in SPLITS:
        for text in sorted((split / "texts").glob("*.txt")):
            out.append((text, split / "gold" / f"{text.stem}.yaml"))
    return out


PAIRS = _pairs()


def _ids(pairs: list[tuple[Path, Path]]) -> list[str]:
    return [f"{t.parent.parent.name}/{t.stem}" for t, _ in pairs]


@pytest.mark.parametrize("split", SPLITS, ids=[s.name for s in SPLITS])
def test_every_text_has_gold_and_back(split: Path) -> None:
    texts = {p.stem for p in (split / "texts").glob("*.txt")}
    golds = {p.stem for p in (split / "gold").glob("*.yaml")}
    assert texts, f"{split} has no texts"
    assert texts == golds, {
        "texts without gold": sorted(texts - golds),
        "gold without text": sorted(golds - texts),
    }
    other = [p.name for p in (split / "texts").iterdir() if p.suffix != ".txt"]
    other += [p.name for p in (split / "gold").iterdir() if p.suffix != ".yaml"]
    assert not other, f"stray files in {split}: {other}"


def test_splits_do_not_share_texts() -> None:
    seen: dict[str, str] = {}
    for text, gold in PAIRS:
        source = yaml.safe_load(gold.read_text(encoding="utf-8"))["source"]
        assert source not in seen, f"{text} and {seen[source]} were read from {source}"
        seen[source] = str(text)


def _check_header(text: str, name: str) -> None:
    lines = text.split("\n")
    assert len(lines) > 3 and lines[0].strip(), f"{name}: first line must be the headline"
    assert lines[1].startswith("Source: "), f"{name}: second line must be 'Source: ...'"
    assert lines[2] == "", f"{name}: a blank line must follow the Source line"
    words = len(text.split())
    assert 120 <= words <= 950, f"{name}: {words} words, expected 120-900 (+ header)"


def _date_or_null(value: object, where: str) -> None:
    assert value is None or isinstance(value, dt.date), f"{where}: {value!r} is not a date"


@pytest.mark.parametrize(("text_path", "gold_path"), PAIRS, ids=_ids(PAIRS))
def test_gold_matches_its_text(text_path: Path, gold_path: Path) -> None:
    name = text_path.stem
    assert ID_RE.match(name), f"{name}: id must be NN_publisher_slug"
    text = text_path.read_text(encoding="utf-8")
    _check_header(text, name)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))

    assert gold["format"] == 2
    assert str(gold["source"]).startswith(("http://", "https://")), f"{name}: source"
    for key in ("publisher", "event", "region"):
        assert isinstance(gold[key], str) and gold[key].strip(), f"{name}: {key}"
    assert gold["kind"] in KINDS, f"{name}: kind {gold['kind']!r}"
    _date_or_null(gold["published"], f"{name}: published")

    folded_text = _fold(text)
    names: set[str] = set()
    spellings: dict[tuple[str, str], str] = {}
    for ent in gold["entities"]:
        assert ent["type"] in ENTITY_TYPES, f"{name}: entity {ent}"
        assert ent["name"] not in names, f"{name}: entity {ent['name']!r} listed twice"
        names.add(ent["name"])
        forms = [ent["name"], *ent.get("also", [])]
        for form in forms:
            key = (ent["type"], _fold(form))
            assert key not in spellings, f"{name}: {form!r} belongs to two entities"
            spellings[key] = ent["name"]
        # A country may be named only by its adjective; every other form must be in the text.
        must_occur = forms if ent["type"] != "country" else forms[1:]
        for form in must_occur:
            assert _fold(form) in folded_text, f"{name}: {form!r} does not occur in the text"
        assert any(_fold(f) in folded_text for f in forms), f"{name}: {ent['name']!r}"
        assert set(ent) <= {"type", "name", "also", "optional"}, f"{name}: {ent}"

    def known(value: object, where: str) -> None:
        values = value if isinstance(value, list) else [value]
        for v in values:
            assert v in names, f"{name}: {where} {v!r} is not an entity name"

    for m in gold.get("meetings") or []:
        assert m["kind"] in MEETING_KINDS, f"{name}: meeting kind {m['kind']!r}"
        _date_or_null(m["date"], f"{name}: meeting date")
        assert m["participants"], f"{name}: meeting without participants"
        known(m["participants"], "participant")
        for key in ("chair", "place"):
            if m.get(key) is not None:
                known(m[key], key)

    for s in gold.get("statements") or []:
        if s["speaker"] is not None:
            known(s["speaker"], "speaker")
        start = text.find(s["from"])
        assert start >= 0, f"{name}: from {s['from']!r} not in the text"
        end = text.find(s["to"], start)
        assert end >= 0, f"{name}: to {s['to']!r} not found after from {s['from']!r}"

    for d in gold.get("deployments") or []:
        known(d["deployed_by"], "deployed_by")
        if d.get("destination"):
            known(d["destination"], "destination")
        if d.get("part_of") is not None:
            known(d["part_of"], "part_of")
        assert d.get("personnel") is None or isinstance(d["personnel"], int), f"{name}: {d}"
        _date_or_null(d.get("date"), f"{name}: deployment date")

    for key in ("claims", "claims_optional"):
        for kind, value in gold.get(key) or []:
            assert kind in CLAIM_KINDS, f"{name}: claim kind {kind!r}"
            assert isinstance(value, int), f"{name}: claim value {value!r}"
    # and the scorer reads it (a deployment's equipment is a count: "19 armoured vehicles")
    load(text_path, text)
