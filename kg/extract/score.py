"""Precision, recall and F1 of the extractor against hand-written gold facts.

    python -m kg.extract.score tests/corpus/dev/texts [-v] [--by-document]

Gold is `…/gold/<stem>.yaml` beside a `…/texts/` folder (format 2, docs/gold-format.md)
or `tests/gold/<stem>.yaml` (the first format, keyed by IRI). A text with no gold is an
error, not a silent 1.000. Entries marked optional count neither way.

Entities are matched by type and name (label or any spelling the extractor found them
under), so an actor outside the lexicon is scored like one inside it; the recall of
actors is also split by whether kg/data/lexicon.yaml knows them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import find_documents, read_document
from kg.extract.forces import joined_force
from kg.extract.gold import Gold, GoldError, load, norm

ENTITY_CLASSES = ["entities: person", "entities: org", "entities: country", "entities: place"]
CLASSES = [
    *ENTITY_CLASSES,
    "meetings",
    "meetings (any date)",
    "meeting participants",
    "meeting details",
    "statements (speaker)",
    "statements (any speaker)",
    "statements (meeting)",
    "deployments (facts)",
    "claims",
]
# The classes of the "every class's recall": entities by type, meetings (with their
# participants and date), statements with speaker, deployments with numbers, claims.
MAIN_CLASSES = [
    *ENTITY_CLASSES,
    "meetings",
    "meeting participants",
    "statements (speaker)",
    "deployments (facts)",
    "claims",
]


@dataclass
class Tally:
    tp_pred: int = 0
    fp: int = 0
    tp_gold: int = 0
    fn: int = 0
    notes: list[str] = field(default_factory=list)

    def hit(self, n: int = 1) -> None:
        self.tp_pred += n
        self.tp_gold += n

    def precision(self) -> float:
        d = self.tp_pred + self.fp
        return self.tp_pred / d if d else 1.0

    def recall(self) -> float:
        d = self.tp_gold + self.fn
        return self.tp_gold / d if d else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def empty(self) -> bool:
        return not (self.tp_pred or self.fp or self.tp_gold or self.fn)

    def add(self, other: Tally) -> None:
        self.tp_pred += other.tp_pred
        self.fp += other.fp
        self.tp_gold += other.tp_gold
        self.fn += other.fn


def new_tallies() -> dict[str, Tally]:
    tallies = {c: Tally() for c in CLASSES}
    tallies["actors in lexicon"] = Tally()
    tallies["actors outside lexicon"] = Tally()
    return tallies


def micro(tallies: dict[str, Tally], classes: list[str] = MAIN_CLASSES) -> Tally:
    total = Tally()
    for c in classes:
        total.add(tallies[c])
    return total


def _entity_map(facts, gold: Gold) -> dict[str, str | None]:
    """Extracted entity ref -> the gold entity it is (same type, same key or a shared name)."""
    out: dict[str, str | None] = {}
    by_kind_name: dict[tuple[str, str], str] = {}
    by_key: dict[str, str] = {}
    for g in gold.entities.values():
        for n in g.names:
            by_kind_name.setdefault((g.kind, n), g.id)
        for k in g.keys:
            by_key[k] = g.id
    lex = _lexicon_entries()
    for ref, ent in facts.entities.items():
        hit = by_key.get(ref)
        known = lex.get(ref)
        names = {ent.label, *ent.surfaces}
        if known is not None:  # what the lexicon knows the entity by ("Turkey" for Türkiye;
            # "Peace and Security Council", its name where the African Union is named)
            names |= {known.label, *known.variants, *known.bare_variants}
        if hit is None:
            for name in sorted(names):
                hit = by_kind_name.get((ent.kind, norm(name)))
                if hit:
                    break
        out[ref] = hit
    return out


def _lexicon_entries() -> dict:
    from kg.extract.gazetteer import load_lexicon

    return load_lexicon().entries


def _in_lexicon(gold_entity, lex_names: set[tuple[str, str]]) -> bool:
    if any(k in lex_names for k in gold_entity.keys):
        return True
    return any((gold_entity.kind, n) in lex_names for n in gold_entity.names)


def _lexicon_names() -> set:
    """What kg/data/lexicon.yaml itself names (not the world gazetteers added to it)."""
    import yaml

    from kg.extract.gazetteer import KINDS, LEXICON_PATH

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")) or {}
    names: set = set()
    for section, kind in KINDS.items():
        for key, spec in (data.get(section) or {}).items():
            spec = spec or {}
            names.add(f"{kind}/{key}")
            for v in [
                spec.get("label", key),
                *(spec.get("variants") or []),
                *(spec.get("adjectives") or []),
                *(spec.get("bare_variants") or []),
            ]:
                names.add((kind, norm(v)))
    return names


def score_document(path: Path, tallies: dict[str, Tally], lex_names: set | None = None) -> None:
    from kg.extract import extract_facts

    doc = read_document(path)
    gold = load(path, doc.text)
    facts, ctx = extract_facts(doc)
    name = path.name
    emap = _entity_map(facts, gold)
    lex_names = _lexicon_names() if lex_names is None else lex_names

    # entities, by type
    found: dict[str, list[str]] = {}
    for ref, gid in sorted(emap.items()):
        ent = facts.entities[ref]
        t = tallies[f"entities: {ent.kind}"]
        if gid is None:
            t.fp += 1
            t.notes.append(f"{name}: extra {ref} ({ent.label!r})")
            continue
        found.setdefault(gid, []).append(ref)
        if gold.entities[gid].optional:
            continue
        if len(found[gid]) == 1:
            t.tp_pred += 1
        else:
            t.fp += 1
            t.notes.append(f"{name}: second node {ref} for {gold.entities[gid].display!r}")
    for g in gold.entities.values():
        if g.optional:
            continue
        split = tallies[
            "actors in lexicon" if _in_lexicon(g, lex_names) else "actors outside lexicon"
        ]
        t = tallies[f"entities: {g.kind}"]
        if g.id in found:
            t.tp_gold += 1
            split.hit()
        else:
            t.fn += 1
            split.fn += 1
            t.notes.append(f"{name}: missed {g.kind} {g.display!r}")

    _meetings(name, facts, ctx, gold, emap, tallies)
    _statements(name, doc.text, facts, gold, emap, tallies)
    _deployments(name, facts, gold, emap, tallies)
    _claims(name, facts, gold, tallies["claims"])


def _date(d) -> str | None:
    return d.value.isoformat() if d is not None and d.value else None


def _pair_meetings(facts, ctx, gold: Gold, emap, *, dated: bool = True) -> dict[int, int]:
    """Extracted meeting -> gold meeting, best first: same day (when `dated`), most parties
    shared."""
    cands = []
    for i, m in enumerate(facts.meetings):
        mdate = _date(m.date)
        parts = {emap.get(p) for p in _parties(m, gold)} - {None}
        for j, g in enumerate(gold.meetings):
            if dated and g.date != mdate:
                continue
            same_org = False
            if g.organizer and m.organizer and gold.format == 1:
                root = ctx.root_org
                same_org = root(g.organizer.split("/", 1)[1]) == root(m.organizer.split("/", 1)[1])
            shared = len(parts & g.participants)
            if same_org or shared or (not g.participants and not g.organizer):
                cands.append((-(shared + 10 * same_org), i, j))
    return _best_pairs(cands)


def _best_pairs(cands: list[tuple[int, int, int]]) -> dict[int, int]:
    """(cost, found, gold) candidates -> found -> gold, each side used once, cheapest first
    (then in the order found and written)."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for _cost, i, j in sorted(cands):
        if i in pairs or j in used:
            continue
        pairs[i] = j
        used.add(j)
    return pairs


def _any_date(name, facts, ctx, gold: Gold, emap, t: Tally) -> None:
    """Meetings matched by their parties whatever their day: a diagnostic beside `meetings`
    (not a main class), telling events not found from events found on the wrong day."""
    pairs = _pair_meetings(facts, ctx, gold, emap, dated=False)
    for i, m in enumerate(facts.meetings):
        if i not in pairs:
            t.fp += 1
            continue
        g = gold.meetings[pairs[i]]
        if g.optional:
            continue
        t.hit()
        if g.date != _date(m.date):
            t.notes.append(f"{name}: {m.key} dated {_date(m.date)}, gold {g.date}")
    used = set(pairs.values())
    for j, g in enumerate(gold.meetings):
        if j not in used and not g.optional:
            t.fn += 1
            who = sorted(gold.entities[p].display for p in g.participants)
            t.notes.append(f"{name}: not found on any day: {g.date} {sorted(g.kinds)} {who}")


def _meetings(name, facts, ctx, gold: Gold, emap, tallies) -> None:
    tm, tp, td = tallies["meetings"], tallies["meeting participants"], tallies["meeting details"]
    pairs = _pair_meetings(facts, ctx, gold, emap)
    used = set(pairs.values())
    _any_date(name, facts, ctx, gold, emap, tallies["meetings (any date)"])
    for i, m in enumerate(facts.meetings):
        refs = _parties(m, gold)
        parts = [emap.get(p) for p in refs]
        if i not in pairs:
            tm.fp += 1
            tm.notes.append(f"{name}: extra meeting {m.key} {sorted(refs)}")
            tp.fp += len(refs)
            continue
        g = gold.meetings[pairs[i]]
        if g.optional:
            continue
        tm.hit()
        got = {p for p in parts if p}
        tp.hit(len(got & g.participants))
        for ref, gid in zip(refs, parts, strict=True):
            if gid is None or gid not in g.participants:
                if gid is not None and gold.entities[gid].optional:
                    continue
                tp.fp += 1
                tp.notes.append(f"{name}: {m.key} extra participant {ref}")
        for gid in sorted(g.participants - got):
            tp.fn += 1
            tp.notes.append(f"{name}: {m.key} missed participant {gold.entities[gid].display}")
        _details(name, m, g, emap, gold, td)
    for j, g in enumerate(gold.meetings):
        if j not in used and not g.optional:
            tm.fn += 1
            who = sorted(gold.entities[p].display for p in g.participants)
            tm.notes.append(f"{name}: missed meeting {g.date} {sorted(g.kinds)} {who}")
            tp.fn += len(g.participants)


def _parties(m, gold: Gold) -> list[str]:
    """A meeting's participants; in format 2 its organizer too, since the gold lists the body
    whose summit or session it is among those taking part (docs/gold-format.md)."""
    refs = list(m.participants)
    if gold.format == 2 and m.organizer and m.organizer not in refs:
        refs.append(m.organizer)
    return refs


def _details(name, m, g, emap, gold: Gold, t: Tally) -> None:
    """Kind, chair, place (and, in the first format, organizer) of a matched meeting."""
    pred: set[tuple[str, str]] = set()
    want: set[tuple[str, str]] = set()
    if gold.format == 1:
        pred |= {("kind", k) for k in m.kinds}
        want |= {("kind", k) for k in g.kinds}
        for f in ("organizer", "chair"):
            if getattr(m, f):
                pred.add((f, getattr(m, f)))
            if getattr(g, f):
                want.add((f, getattr(g, f)))
    else:
        if g.kinds:
            want |= {("kind", k) for k in g.kinds}
            pred |= {("kind", k) for k in m.kinds & g.kinds} or (
                {("kind", sorted(m.kinds)[0])} if m.kinds else set()
            )
        for f, gf in (("chair", g.chair), ("location", g.place)):
            v = getattr(m, f)
            if v:
                pred.add((f, emap.get(v) or v))
            if gf:
                want.add((f, gf))
    t.hit(len(pred & want))
    t.fp += len(pred - want)
    t.fn += len(want - pred)
    for x in sorted(pred - want):
        t.notes.append(f"{name}: {m.key} extra {x}")
    for x in sorted(want - pred):
        t.notes.append(f"{name}: {m.key} missed {x}")


def _statements(name, text, facts, gold: Gold, emap, tallies) -> None:
    ts, tsm = tallies["statements (speaker)"], tallies["statements (meeting)"]
    # a diagnostic beside `statements (speaker)`, not a main class: a passage that reports
    # speech found with some speaker, right or wrong (finding the words vs naming who spoke)
    ta = tallies["statements (any speaker)"]
    found = [[False, False] for _ in gold.statements]
    heard = [False for _ in gold.statements]
    meeting_date = {m.key: _date(m.date) for m in facts.meetings}
    for st in facts.statements:
        idx = next(
            (i for i, g in enumerate(gold.statements) if g.start <= st.span.start < g.end), None
        )
        snippet = text[st.span.start : st.span.start + 60]
        if idx is None:
            if st.speaker:
                ts.fp += 1
                ta.fp += 1
                ts.notes.append(f"{name}: statement where gold has none: {st.speaker} {snippet!r}")
            continue
        g = gold.statements[idx]
        if g.speakers is None or g.optional:
            continue
        if st.speaker:
            ta.tp_pred += 1
            heard[idx] = True
        if emap.get(st.speaker or "") in g.speakers or st.speaker in g.speakers:
            ts.tp_pred += 1
            found[idx][0] = True
        else:
            ts.fp += 1
            want = sorted(gold.entities[s].display for s in g.speakers)
            ts.notes.append(f"{name}: wrong speaker {st.speaker} (gold {want}) {snippet!r}")
        if gold.format != 1:
            continue
        if g.meeting:
            got = meeting_date.get(st.meeting or "")
            if got == g.meeting or (g.meeting == "undated" and st.meeting and got is None):
                tsm.tp_pred += 1
                found[idx][1] = True
            elif st.meeting:
                tsm.fp += 1
                tsm.notes.append(f"{name}: statement at wrong meeting {st.meeting}")
        elif st.meeting:
            tsm.fp += 1
            tsm.notes.append(f"{name}: statement given a meeting {st.meeting} where gold has none")
    for g, (spoke, at), any_speaker in zip(gold.statements, found, heard, strict=True):
        if g.speakers is None or g.optional:
            continue
        if any_speaker:
            ta.tp_gold += 1
        else:
            ta.fn += 1
        if spoke:
            ts.tp_gold += 1
        else:
            ts.fn += 1
            want = sorted(gold.entities[s].display for s in g.speakers)
            ts.notes.append(f"{name}: missed statement by {want} {text[g.start : g.start + 60]!r}")
        if g.meeting and gold.format == 1:
            if at:
                tsm.tp_gold += 1
            else:
                tsm.fn += 1


def _deployment_facts(d, facts, emap, gold: Gold) -> dict[str, str]:
    out: dict[str, str] = {}
    if gold.format == 1:
        for f in ("destination", "deployed_by", "part_of", "personnel", "equipment", "commander"):
            v = getattr(d, f)
            if v is not None:
                out[f] = str(v)
        return out
    by_key = {x.key: x for x in facts.deployments}
    for f in ("deployed_by", "destination"):
        v = getattr(d, f)
        if v:
            out[f] = emap.get(v) or v
    ref = joined_force(d, by_key)
    if ref:
        out["part_of"] = emap.get(ref) or ref
    for f in ("personnel", "equipment"):
        if getattr(d, f) is not None:
            out[f] = str(int(getattr(d, f)))
    if d.start is not None and d.start.value:
        out["date"] = d.start.value.isoformat()
    return out


def _deployments(name, facts, gold: Gold, emap, tallies) -> None:
    t = tallies["deployments (facts)"]
    preds = [(d, _deployment_facts(d, facts, emap, gold)) for d in facts.deployments]
    # each found deployment is paired with a gold one of the same sender (or destination,
    # where the gold names no sender); of several, the one it agrees with on most facts, the
    # best-fitting pairs first, then in the order written
    candidates = []
    for i, (d, pf) in enumerate(preds):
        for j, g in enumerate(gold.deployments):
            if gold.format == 1:
                same = g.key == d.key
            elif "deployed_by" in g.facts:
                same = pf.get("deployed_by") in g.facts["deployed_by"]
            else:
                same = pf.get("destination") in g.facts.get("destination", set())
            if same:
                agree = sum(pf.get(f) in vs for f, vs in g.facts.items())
                candidates.append((-agree, i, j))
    pairs = _best_pairs(candidates)
    used = set(pairs.values())
    for i, (d, pf) in enumerate(preds):
        if i not in pairs:
            t.fp += len(pf)
            for f, v in sorted(pf.items()):
                t.notes.append(f"{name}: extra deployment fact {d.key} {f}={v}")
            continue
        g = gold.deployments[pairs[i]]
        if g.optional:
            continue
        for f, v in sorted(pf.items()):
            if v in g.facts.get(f, set()):
                t.tp_pred += 1
            else:
                t.fp += 1
                t.notes.append(f"{name}: wrong deployment fact {d.key} {f}={v}")
        for f, vs in sorted(g.facts.items()):
            if pf.get(f) in vs:
                t.tp_gold += 1
            else:
                t.fn += 1
                t.notes.append(f"{name}: missed deployment fact {d.key} {f} in {sorted(vs)}")
    for j, g in enumerate(gold.deployments):
        if j in used or g.optional:
            continue
        t.fn += len(g.facts)
        t.notes.append(f"{name}: missed deployment {g.key or ''} {dict(sorted(g.facts.items()))}")


def _claims(name, facts, gold: Gold, t: Tally) -> None:
    pc = Counter((c.quantity_kind, int(c.value)) for c in facts.claims)
    gc = Counter(gold.claims)
    inter = pc & gc
    t.hit(sum(inter.values()))
    for k, n in (pc - gc).items():
        if k in gold.claims_optional:
            continue
        t.fp += n
        t.notes.append(f"{name}: extra claim {k}")
    for k, n in (gc - pc).items():
        t.fn += n
        t.notes.append(f"{name}: missed claim {k}")


def score(paths: list[str], *, per_document: dict | None = None) -> dict[str, Tally]:
    """Tallies over every text under `paths`; raises GoldError if a text has no gold."""
    tallies = new_tallies()
    docs = find_documents(paths)
    if not docs:
        # (a folder of links to texts outside it is read as none: see scan_documents)
        raise GoldError(f"no text to score under {', '.join(map(str, paths))}")
    missing = [p for p in docs if not _has_gold(p)]
    if missing:
        raise GoldError(
            "no gold for: " + ", ".join(str(p) for p in missing) + " (every scored text needs one)"
        )
    lex_names = _lexicon_names()
    for p in docs:
        mine = new_tallies()
        score_document(p, mine, lex_names)
        for c, t in mine.items():
            tallies[c].add(t)
            tallies[c].notes.extend(t.notes)
        if per_document is not None:
            per_document[p.name] = mine
    return tallies


def _has_gold(p: Path) -> bool:
    from kg.extract.gold import gold_path_for

    return gold_path_for(p).exists()


def table(tallies: dict[str, Tally]) -> str:
    head = f"{'class':<26}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}"
    rows = [head]

    def row(c: str, t: Tally) -> str:
        return (
            f"{c:<26}{t.tp_pred:>5}{t.fp:>5}{t.fn:>5}"
            f"{t.precision():>11.3f}{t.recall():>8.3f}{t.f1():>7.3f}"
        )

    for c in CLASSES:
        if not tallies[c].empty():
            rows.append(row(c, tallies[c]))
    rows.append(row("micro (main classes)", micro(tallies)))
    for c in ("actors in lexicon", "actors outside lexicon"):
        t = tallies[c]
        rows.append(f"{'recall, ' + c:<36}{t.tp_gold:>5}/{t.tp_gold + t.fn:<5}{t.recall():>7.3f}")
    return "\n".join(rows)


def as_json(tallies: dict[str, Tally]) -> dict:
    out = {
        c: {
            "tp": t.tp_pred,
            "fp": t.fp,
            "fn": t.fn,
            "precision": round(t.precision(), 4),
            "recall": round(t.recall(), 4),
            "f1": round(t.f1(), 4),
        }
        for c, t in tallies.items()
        if not t.empty()
    }
    m = micro(tallies)
    out["micro"] = {"precision": round(m.precision(), 4), "recall": round(m.recall(), 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    ap.add_argument("--by-document", action="store_true", help="micro P/R of each text")
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    args = ap.parse_args(argv)
    per_doc: dict = {}
    try:
        tallies = score(args.paths, per_document=per_doc)
    except GoldError as e:
        print(f"score: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(tallies), indent=1))
        return 0
    print(table(tallies))
    if args.by_document:
        for n, t in sorted(per_doc.items()):
            m = micro(t)
            print(f"{n:<60} P {m.precision():.3f} R {m.recall():.3f}")
    if args.verbose:
        for c, t in tallies.items():
            for n in t.notes:
                print(f"[{c}] {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
