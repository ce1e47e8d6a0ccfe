"""`kg links`: how much of the graph is linked to Wikidata, and which names are not.

Why: federated queries join on `owl:sameAs` to Wikidata items, so an entity without a
link silently drops out of every federated answer. This report shows the coverage per
kind, and the unlinked names that matter most (mentioned by the most documents), so
curators know which QIDs to verify next.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.link import most_specific_kind
from kg.namespaces import NG, WD

KINDS = ("Person", "Organization", "Country", "Place", "Meeting")

_KINDS_OF = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e ?kind ?linked WHERE {{
  VALUES ?kind {{ {" ".join(f"<{NG[k]}>" for k in KINDS)} }}
  ?e a ?kind .
  FILTER(!STRSTARTS(STR(?e), "{WD}"))
  BIND(EXISTS {{ ?e owl:sameAs ?item . FILTER(STRSTARTS(STR(?item), "{WD}")) }} AS ?linked)
}}
"""

# Wikidata items themselves are not counted: OWL-RL reasoning over owl:sameAs gives
# them our types (wd:Q232 a ng:Country) in the inferred graph.
# Documents mentioning an entity: those it was derived from, and those whose graph
# uses it as subject or object.
_UNLINKED = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?e ?kind (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
  VALUES ?kind {{ {" ".join(f"<{NG[k]}>" for k in KINDS)} }}
  ?e a ?kind .
  FILTER(!STRSTARTS(STR(?e), "{WD}"))
  FILTER NOT EXISTS {{ ?e owl:sameAs ?item . FILTER(STRSTARTS(STR(?item), "{WD}")) }}
  OPTIONAL {{ ?e rdfs:label ?label }}
  OPTIONAL {{
    {{ ?e prov:wasDerivedFrom ?doc }}
    UNION {{ GRAPH ?doc {{ ?e ?p ?o }} }}
    UNION {{ GRAPH ?doc {{ ?s ?p2 ?e }} }}
    ?doc a <{NG.Document}> .
  }}
}} GROUP BY ?e ?kind
ORDER BY DESC(?documents) ?name ?e
"""


def coverage(store: ox.Store, top: int = 20) -> dict[str, Any]:
    """Linked/total per kind and the `top` unlinked entities by documents mentioning them.

    Each entity counts once, under its most specific kind (a Country is also a Place,
    and reasoning says so; it is counted as a Country only).
    """
    kinds = {k: {"total": 0, "linked": 0} for k in KINDS}
    seen: dict[str, tuple[set[str], bool]] = {}
    for row in store.query(_KINDS_OF):  # type: ignore[union-attr]
        types, linked = seen.setdefault(row["e"].value, (set(), False))
        types.add(row["kind"].value.rsplit("#", 1)[1])
        is_linked = row["linked"].value == "true"
        seen[row["e"].value] = (types, linked or is_linked)
    most_specific: dict[str, str] = {}
    for iri, (types, linked) in seen.items():
        kind = most_specific_kind(types)
        if kind is None:
            continue
        most_specific[iri] = kind
        kinds[kind]["total"] += 1
        kinds[kind]["linked"] += int(linked)
    unlinked = []
    for row in store.query(_UNLINKED):  # type: ignore[union-attr]
        if len(unlinked) >= top:
            break
        name = row["name"]
        kind = row["kind"].value.rsplit("#", 1)[1]
        if most_specific.get(row["e"].value, kind) != kind:
            continue  # listed once, under its most specific kind
        unlinked.append(
            {
                "iri": row["e"].value,
                "kind": kind,
                "name": name.value if name is not None else None,
                "documents": int(row["documents"].value),
            }
        )
    total = sum(v["total"] for v in kinds.values())
    linked = sum(v["linked"] for v in kinds.values())
    return {"kinds": kinds, "total": total, "linked": linked, "unlinked": unlinked}


def format_text(report: dict[str, Any]) -> str:
    lines = ["Wikidata links (owl:sameAs) by kind:"]
    for kind, v in report["kinds"].items():
        share = f"{100 * v['linked'] / v['total']:.0f}%" if v["total"] else "-"
        lines.append(f"  {kind:<13} {v['linked']:>5} of {v['total']:<5} linked  {share:>4}")
    lines.append(f"  {'all':<13} {report['linked']:>5} of {report['total']:<5} linked")
    if report["unlinked"]:
        lines.append("")
        lines.append("Most mentioned names without a link (documents, kind, name):")
        for u in report["unlinked"]:
            lines.append(f"  {u['documents']:>4}  {u['kind']:<13} {u['name'] or u['iri']}")
    else:
        lines.append("")
        lines.append("Every entity is linked.")
    return "\n".join(lines) + "\n"


def register(sub: Any) -> None:
    p = sub.add_parser("links", help="report how many entities are linked to Wikidata")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--top", type=int, default=20, help="unlinked names to list (default 20)")
    p.set_defaults(func=run)

    p = sub.add_parser(
        "link",
        help="propose Wikidata QIDs for unlinked entities (search + SPARQL check), "
        "written to the link file for review",
    )
    p.add_argument("--kind", action="append", choices=KINDS, help="only these kinds")
    p.add_argument("--limit", type=int, help="check at most N entities")
    p.add_argument("--links", help="the link file (NEWSGRAPH_LINKS)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run_link)

    p = sub.add_parser("export", help="export entities for other systems")
    p.add_argument("target", choices=("quickstatements",))
    p.add_argument("--kind", action="append", choices=KINDS, help="only these kinds")
    p.add_argument("--out", help="write to FILE (default: standard output)")
    p.set_defaults(func=run_export)


def run_link(args: argparse.Namespace) -> int:
    from kg.cli import _config
    from kg.link import report_json
    from kg.link import run_link as propose_links
    from kg.store import open_current

    config = _config(args)
    if args.links:
        config = config.replace(links_file=args.links)
    kinds = tuple(args.kind or KINDS)
    log = (lambda _m: None) if args.format == "json" else print
    report = propose_links(config, open_current(config), limit=args.limit, kinds=kinds, log=log)
    if args.format == "json":
        print(report_json(report))
    else:
        print(
            f"checked {report['checked']} unlinked entities with {report['calls']} calls: "
            f"{len(report['proposed'])} proposed, {len(report['skipped'])} without a sure match; "
            f"review {report['file']} (status: accepted or rejected), then `kg build`"
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kg import quickstatements as qs
    from kg.cli import _config
    from kg.store import open_current

    config = _config(args)
    items = qs.items(open_current(config), config.base, tuple(args.kind or KINDS))
    text = qs.write(items)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {len(items)} items to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run(args: argparse.Namespace) -> int:
    from kg.cli import _config
    from kg.store import open_current

    report = coverage(open_current(_config(args)), top=args.top)
    if args.format == "json":
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(report))
    return 0
