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
from typing import Any

import pyoxigraph as ox

from kg.namespaces import NG, WD

KINDS = ("Person", "Organization", "Country", "Place")

_COUNTS = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?kind (COUNT(DISTINCT ?e) AS ?total) (COUNT(DISTINCT ?linked) AS ?with_link) WHERE {{
  VALUES ?kind {{ {" ".join(f"<{NG[k]}>" for k in KINDS)} }}
  ?e a ?kind .
  FILTER(!STRSTARTS(STR(?e), "{WD}"))
  OPTIONAL {{
    ?e owl:sameAs ?item . FILTER(STRSTARTS(STR(?item), "{WD}"))
    BIND(?e AS ?linked)
  }}
}} GROUP BY ?kind
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
    """Linked/total per kind and the `top` unlinked entities by documents mentioning them."""
    kinds = {k: {"total": 0, "linked": 0} for k in KINDS}
    for row in store.query(_COUNTS):  # type: ignore[union-attr]
        kind = row["kind"].value.rsplit("#", 1)[1]
        kinds[kind] = {"total": int(row["total"].value), "linked": int(row["with_link"].value)}
    unlinked = []
    for row in store.query(_UNLINKED):  # type: ignore[union-attr]
        if len(unlinked) >= top:
            break
        name = row["name"]
        unlinked.append(
            {
                "iri": row["e"].value,
                "kind": row["kind"].value.rsplit("#", 1)[1],
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
