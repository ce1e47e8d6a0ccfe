"""Interim `kg validate` (replaced by the issue-4 validator)."""

from __future__ import annotations

import argparse
import sys

from rdflib import Graph


def register(sub) -> None:
    p = sub.add_parser("validate", help="validate a graph against the SHACL shapes")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.cli import _config
    from kg.store import load_union_graph
    from kg.validate import validate

    if args.file:
        try:
            data = Graph().parse(args.file)
        except Exception as exc:  # noqa: BLE001
            print(f"kg validate: cannot parse {args.file}: {exc}", file=sys.stderr)
            return 2
    else:
        data = load_union_graph(_config(args))
    result = validate(data)
    print(result.to_text())
    return 0 if result.conforms else 1
