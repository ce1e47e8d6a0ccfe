"""Precision and recall of the extractor against hand-written gold facts.

    python -m kg.extract.score seeds tests/data/devdocs [-v]

Gold files are `tests/gold/<file stem>.yaml`, written by reading the documents (never
from the extractor's output). Entries marked optional count neither way.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.documents import find_documents, read_document

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "gold"
CLASSES = [
    "entities",
    "meetings",
    "participants",
    "statements (speaker)",
    "statements (meeting)",
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

    def precision(self) -> float:
        d = self.tp_pred + self.fp
        return self.tp_pred / d if d else 1.0

    def recall(self) -> float:
        d = self.tp_gold + self.fn
        return self.tp_gold / d if d else 1.0


def _span(text: str, frm: str, to: str) -> tuple[int, int]:
    s = text.index(frm)
    e = text.index(to, s) + len(to)
    return s, e


def _speakers(v) -> set[str] | None:
    if v is None:
        return None
    return set(v) if isinstance(v, list) else {v}


def score_document(path: Path, gold: dict, tallies: dict[str, Tally]) -> None:
    from kg.extract import extract_facts

    doc = read_document(path)
    facts, ctx = extract_facts(doc)
    name = path.name
    # entities
    t = tallies["entities"]
    pred = set(facts.entities)
    req = set(gold["entities"]["required"])
    opt = set(gold["entities"].get("optional") or [])
    t.tp_pred += len(pred & req)
    t.tp_gold += len(pred & req)
    for x in sorted(pred - req - opt):
        t.fp += 1
        t.notes.append(f"{name}: extra entity {x}")
    for x in sorted(req - pred):
        t.fn += 1
        t.notes.append(f"{name}: missed entity {x}")
    # meetings and participants
    root = ctx.root_org
    gm = gold.get("meetings") or []
    used: set[int] = set()
    tm, tp = tallies["meetings"], tallies["participants"]
    matched_pred: dict[int, dict] = {}
    for i, m in enumerate(facts.meetings):
        mdate = m.date.value.isoformat() if m.date and m.date.value else None
        for j, g in enumerate(gm):
            if j in used:
                continue
            gdate = str(g["date"]) if g.get("date") else None
            if gdate != mdate:
                continue
            g_org = g.get("organizer")
            same_org = bool(
                g_org
                and m.organizer
                and root(g_org.split("/", 1)[1]) == root(m.organizer.split("/", 1)[1])
            )
            overlap = set(g.get("participants") or []) & set(m.participants)
            if same_org or overlap or (not g_org and not g.get("participants") and gdate):
                used.add(j)
                matched_pred[i] = g
                break
    for i, m in enumerate(facts.meetings):
        g = matched_pred.get(i)
        if g is None:
            tm.fp += 1
            tm.notes.append(f"{name}: extra meeting {m.key}")
            tp.fp += len(m.participants)
            continue
        if g.get("optional"):
            continue
        tm.tp_pred += 1
        tm.tp_gold += 1
        gp, pp = set(g.get("participants") or []), set(m.participants)
        tp.tp_pred += len(gp & pp)
        tp.tp_gold += len(gp & pp)
        tp.fp += len(pp - gp)
        tp.fn += len(gp - pp)
        for x in sorted(pp - gp):
            tp.notes.append(f"{name}: {m.key} extra participant {x}")
        for x in sorted(gp - pp):
            tp.notes.append(f"{name}: {m.key} missed participant {x}")
    for j, g in enumerate(gm):
        if j not in used and not g.get("optional"):
            tm.fn += 1
            tm.notes.append(f"{name}: missed meeting {g.get('date')} {g.get('organizer')}")
            tp.fn += len(g.get("participants") or [])
    # statements
    ts, tsm = tallies["statements (speaker)"], tallies["statements (meeting)"]
    passages = []
    for g in gold.get("statements") or []:
        s, e = _span(doc.text, g["from"], g["to"])
        passages.append((s, e, _speakers(g.get("speaker")), g.get("meeting"), [False, False]))
    meeting_date = {
        m.key: (m.date.value.isoformat() if m.date and m.date.value else None)
        for m in facts.meetings
    }
    for st in facts.statements:
        hit = next((p for p in passages if p[0] <= st.span.start < p[1]), None)
        if hit is None:
            if st.speaker:
                ts.fp += 1
                ts.notes.append(
                    f"{name}: statement where gold has none: {st.speaker} "
                    f"{doc.text[st.span.start : st.span.start + 60]!r}"
                )
            continue
        s, e, speakers, gmeet, found = hit
        if speakers is None:
            continue
        if st.speaker in speakers:
            ts.tp_pred += 1
            found[0] = True
        else:
            ts.fp += 1
            ts.notes.append(
                f"{name}: wrong speaker {st.speaker} (gold {sorted(speakers)}) "
                f"{doc.text[st.span.start : st.span.start + 60]!r}"
            )
        if gmeet:
            got = meeting_date.get(st.meeting or "")
            if got == str(gmeet):
                tsm.tp_pred += 1
                found[1] = True
            elif st.meeting:
                tsm.fp += 1
                tsm.notes.append(f"{name}: statement at wrong meeting {st.meeting}")
        elif st.meeting:
            tsm.fp += 1
            tsm.notes.append(
                f"{name}: statement given a meeting {st.meeting} where gold has none "
                f"{doc.text[st.span.start : st.span.start + 50]!r}"
            )
    for s, _e, speakers, gmeet, found in passages:
        if speakers is None:
            continue
        if found[0]:
            ts.tp_gold += 1
        else:
            ts.fn += 1
            ts.notes.append(
                f"{name}: missed statement by {sorted(speakers)} {doc.text[s : s + 60]!r}"
            )
        if gmeet:
            if found[1]:
                tsm.tp_gold += 1
            else:
                tsm.fn += 1
    # deployments
    td = tallies["deployments (facts)"]
    fields = ("destination", "deployed_by", "part_of", "personnel", "equipment", "commander")
    gold_dep = {g["key"]: g for g in gold.get("deployments") or []}
    pred_facts = set()
    for d in facts.deployments:
        if gold_dep.get(d.key, {}).get("optional"):
            continue
        for f in fields:
            v = getattr(d, f)
            if v is not None:
                pred_facts.add((d.key, f, str(v)))
    gold_facts = {
        (k, f, str(g[f]))
        for k, g in gold_dep.items()
        if not g.get("optional")
        for f in fields
        if g.get(f) is not None
    }
    td.tp_pred += len(pred_facts & gold_facts)
    td.tp_gold += len(pred_facts & gold_facts)
    for x in sorted(pred_facts - gold_facts):
        td.fp += 1
        td.notes.append(f"{name}: extra deployment fact {x}")
    for x in sorted(gold_facts - pred_facts):
        td.fn += 1
        td.notes.append(f"{name}: missed deployment fact {x}")
    # claims
    tc = tallies["claims"]
    pc = Counter((c.quantity_kind, int(c.value)) for c in facts.claims)
    gc = Counter(tuple(x) for x in (gold.get("claims") or {}).get("required") or [])
    oc = {tuple(x) for x in (gold.get("claims") or {}).get("optional") or []}
    inter = pc & gc
    tc.tp_pred += sum(inter.values())
    tc.tp_gold += sum(inter.values())
    for k, n in (pc - gc).items():
        if k in oc:
            continue
        tc.fp += n
        tc.notes.append(f"{name}: extra claim {k}")
    for k, n in (gc - pc).items():
        tc.fn += n
        tc.notes.append(f"{name}: missed claim {k}")


def score(paths: list[str]) -> dict[str, Tally]:
    tallies = {c: Tally() for c in CLASSES}
    for p in find_documents(paths):
        gold_path = GOLD_DIR / f"{p.stem}.yaml"
        if not gold_path.exists():
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        score_document(p, gold, tallies)
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'class':<24}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"]
    for c, t in tallies.items():
        rows.append(
            f"{c:<24}{t.tp_pred:>5}{t.fp:>5}{t.fn:>5}{t.precision():>11.3f}{t.recall():>8.3f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args(argv)
    tallies = score(args.paths)
    print(table(tallies))
    if args.verbose:
        for c, t in tallies.items():
            for n in t.notes:
                print(f"[{c}] {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
