"""`kg validate`: SHACL-validate our built graph, a file, or a remote endpoint's graph.

    kg validate [FILE | --endpoint URL] [--shapes FILE] [--format text|turtle|json]

Exit codes, so scripts and CI can branch on them:
  0  conforms (Warnings and Info are allowed and still printed)
  1  at least one Violation
  2  unusable input: unreadable or unparseable file (the message names the
     line), endpoint unreachable or answering with an error, no built graph

`kg.cli` calls `register(subparsers)`; `python -m kg.cli_validate` runs it alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rdflib import Graph

from kg.quality.rdf_input import RDFInputError, format_for_media_type, parse_rdf, union_graph
from kg.quality.validate import ValidationResult, validate

if TYPE_CHECKING:
    from kg.config import Config

EXIT_CONFORMS, EXIT_VIOLATIONS, EXIT_UNUSABLE = 0, 1, 2
CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
ENDPOINT_ACCEPT = (
    "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5, application/ld+json;q=0.5"
)


class UnusableInput(Exception):
    """Anything that means there is nothing (valid) to validate: exit code 2."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `validate` subcommand to the `kg` command's subparsers."""
    parser = subparsers.add_parser(
        "validate",
        help="validate a graph against SHACL shapes",
        description=(
            "Validate the built graph (default), an RDF file, or a SPARQL endpoint's "
            "graph against newsgraph's SHACL shapes or yours. Exit 0: conforms "
            "(warnings allowed); 1: violations; 2: unusable input."
        ),
    )
    _add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML; "
        "by extension, else sniffed); '-' reads standard input",
    )
    source.add_argument(
        "--endpoint", metavar="URL", help="SPARQL endpoint whose whole graph to validate"
    )
    parser.add_argument("--shapes", metavar="FILE", help="SHACL shapes file (default: ours)")
    parser.add_argument(
        "--format", choices=("text", "turtle", "json"), default="text", help="report format"
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for --endpoint"
    )


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Handler for `kg validate`: returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        shapes = _read_file(args.shapes) if args.shapes else None
        if args.endpoint:
            data = _read_endpoint(args.endpoint, args.timeout)
        elif args.file:
            data = _read_file(args.file)
        else:
            data = _read_built_graph(args)
        result = validate(data, shapes)
    except UnusableInput as exc:
        print(f"kg validate: {exc}", file=err)
        return EXIT_UNUSABLE
    out.write(render(result, args.format))
    return EXIT_CONFORMS if result.conforms else EXIT_VIOLATIONS


def render(result: ValidationResult, fmt: str) -> str:
    """The report in the requested format, newline-terminated."""
    if fmt == "turtle":
        return result.to_turtle()
    if fmt == "json":
        return result.to_json_text() + "\n"
    return result.to_text()


def _read_file(name: str) -> Graph:
    if name == "-":
        data = sys.stdin.buffer.read()
        display = "<stdin>"
        base = None
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnusableInput(f"{name}: cannot read: {exc.strerror or exc}") from exc
        display = name
        base = path.resolve().as_uri()
    try:
        ds = parse_rdf(data, name=None if name == "-" else name, base=base)
    except RDFInputError as exc:
        where = f"{display}:{exc.line}" if exc.line is not None else display
        raise UnusableInput(f"{where}: {exc.reason}") from exc
    return union_graph(ds)


def _read_endpoint(url: str, timeout: float) -> Graph:
    """CONSTRUCT every triple of the endpoint's default graph over the SPARQL protocol."""
    import requests  # imported here: only this path needs it

    from kg import __version__

    headers = {"Accept": ENDPOINT_ACCEPT, "User-Agent": f"newsgraph/{__version__}"}
    try:
        response = requests.get(
            url, params={"query": CONSTRUCT_ALL}, headers=headers, timeout=timeout
        )
        if response.status_code in (405, 414):  # GET not allowed: the protocol's POST form
            response = requests.post(
                url, data={"query": CONSTRUCT_ALL}, headers=headers, timeout=timeout
            )
    except requests.RequestException as exc:
        raise UnusableInput(f"{url}: cannot reach the endpoint: {exc}") from exc
    if response.status_code != 200:
        raise UnusableInput(
            f"{url}: the endpoint answered HTTP {response.status_code}: {response.text[:200]}"
        )
    fmt = format_for_media_type(response.headers.get("Content-Type"))
    try:
        ds = parse_rdf(response.content, fmt, base=url)
    except RDFInputError as exc:
        raise UnusableInput(f"{url}: unusable answer: {exc}") from exc
    return union_graph(ds)


def _read_built_graph(args: argparse.Namespace) -> Graph:
    """The union of the built store's graphs, through kg.store (--data-dir/--base honoured)."""
    try:
        from kg.store import load_union_graph  # type: ignore[attr-defined]
    except ImportError as exc:
        raise UnusableInput(
            "no built graph available here (kg.store.load_union_graph is missing): "
            "pass a FILE or --endpoint URL"
        ) from exc
    try:
        return load_union_graph(_config(args))
    except Exception as exc:  # a missing or broken store is unusable input, not a crash
        raise UnusableInput(f"cannot load the built graph: {exc}") from exc


def _config(args: argparse.Namespace) -> Config:
    """The configuration `kg` would use: kg.cli's flags over the environment."""
    try:
        from kg.cli import _config as cli_config  # type: ignore[attr-defined]

        return cli_config(args)
    except (ImportError, AttributeError):
        from kg.config import from_env

        return from_env()


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point: `python -m kg.cli_validate …`."""
    parser = argparse.ArgumentParser(prog="kg validate", description=__doc__.splitlines()[0])
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
