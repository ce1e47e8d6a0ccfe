"""`kg validate`: SHACL-validate our built graph, a file, or a remote endpoint's graphs.

    kg validate [FILE | --endpoint URL [--graph IRI ...]] [--shapes FILE]
                [--format text|turtle|json] [--fail-on violation|warning|info]
                [--limit N] [--engine auto|sparql|pyshacl]

The report is SHACL's: `sh:conforms` is true only when there is no result at all.
Which results fail the run is `--fail-on` (default violation: warnings and info are
reported but do not fail). Exit codes, so scripts and CI can branch on them:
  0  no result at the --fail-on severity or above
  1  at least one such result
  2  nothing usable to validate, said in one sentence: unreadable or unparseable
     file (with its line), empty data, a shapes graph that is empty, holds no shape
     or no target, shapes whose targets match no node of the data, an endpoint that
     is unreachable or answers with an error, no built graph

`kg.cli` calls `register(subparsers)`; `python -m kg.cli_validate` runs it alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rdflib import Graph

from kg.quality.data import Data, EmptyData, from_bytes, parse_graph
from kg.quality.rdf_input import RDFInputError
from kg.quality.report import FAIL_ON
from kg.quality.shapes import ShapesError, Unsupported
from kg.quality.validate import ENGINES, ValidationResult, validate

if TYPE_CHECKING:
    from kg.config import Config

EXIT_PASSED, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2
EXIT_CONFORMS, EXIT_VIOLATIONS = EXIT_PASSED, EXIT_FAILED  # former names


class UnusableInput(Exception):
    """Anything that means there is nothing (valid) to validate: exit code 2."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `validate` subcommand to the `kg` command's subparsers."""
    parser = subparsers.add_parser(
        "validate",
        help="validate a graph against SHACL shapes",
        description=(
            "Validate the built graph (default), an RDF file, or a SPARQL endpoint's "
            "graphs against newsgraph's SHACL shapes or yours. Exit 0: no result at the "
            "--fail-on severity or above; 1: some; 2: nothing usable to validate."
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
        "--endpoint", metavar="URL", help="SPARQL endpoint whose graphs to validate"
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        action="append",
        help="with --endpoint: a named graph to validate (repeatable; 'all': every named "
        "graph); without it, the endpoint's default graph",
    )
    parser.add_argument("--shapes", metavar="FILE", help="SHACL shapes file (default: ours)")
    parser.add_argument(
        "--format", choices=("text", "turtle", "json"), default="text", help="report format"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="violation",
        help="the least severe result that fails the run (exit 1); default violation",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="text report: results listed per shape (0: all); default 20",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="sparql: shapes compiled to SPARQL on Oxigraph; pyshacl; auto (default): "
        "sparql unless it cannot judge the input exactly (the report says why)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for each --endpoint answer"
    )
    parser.add_argument(
        "--page-size",
        type=int,
        metavar="N",
        help="--endpoint: triples per page (default NEWSGRAPH_VALIDATE_PAGE_SIZE)",
    )
    parser.add_argument(
        "--max-triples",
        type=int,
        metavar="N",
        help="--endpoint: refuse more triples than this (default NEWSGRAPH_VALIDATE_MAX_TRIPLES)",
    )


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Handler for `kg validate`: returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    data: Data | None = None
    try:
        shapes = _read_shapes(args.shapes) if args.shapes else None
        if args.graph and not args.endpoint:
            raise UnusableInput("--graph needs --endpoint")
        if args.endpoint:
            data = _read_endpoint(args)
        elif args.file:
            data = _read_file(args.file)
        else:
            data = _read_built_graph(args)
        result = validate(data, shapes, engine=args.engine)
        out.write(render(result, args.format, args.fail_on, args.limit))
    except Unsupported as exc:
        print(f"kg validate: the SPARQL engine cannot run these shapes: {exc} "
              "(--engine auto or pyshacl can)", file=err)  # fmt: skip
        return EXIT_UNUSABLE
    except (UnusableInput, ShapesError, EmptyData) as exc:
        print(f"kg validate: {exc}", file=err)
        return EXIT_UNUSABLE
    finally:
        if data is not None and data.cleanup is not None:
            data.cleanup()
    return EXIT_FAILED if result.failed(args.fail_on) else EXIT_PASSED


def render(result: ValidationResult, fmt: str, fail_on: str = "violation", limit: int = 20) -> str:
    """The report in the requested format, newline-terminated."""
    if fmt == "turtle":
        return result.to_turtle()
    if fmt == "json":
        return result.to_json_text(fail_on) + "\n"
    return result.to_text(limit=limit, fail_on=fail_on)


def _read_bytes(name: str) -> tuple[bytes, str, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), "<stdin>", None
    path = Path(name)
    try:
        return path.read_bytes(), name, path.resolve().as_uri()
    except OSError as exc:
        raise UnusableInput(f"{name}: cannot read: {exc.strerror or exc}") from exc


def _where(display: str, exc: RDFInputError) -> str:
    where = f"{display}:{exc.line}" if exc.line is not None else display
    return f"{where}: {exc.reason}"


def _read_file(name: str) -> Data:
    data, display, base = _read_bytes(name)
    if not data.strip():
        raise UnusableInput(f"{display}: the file is empty: nothing to validate")
    try:
        return from_bytes(data, name=None if name == "-" else name, base=base)
    except RDFInputError as exc:
        raise UnusableInput(_where(display, exc)) from exc
    except EmptyData as exc:
        raise UnusableInput(f"{display}: {exc}") from exc


def _read_shapes(name: str) -> Graph:
    data, display, base = _read_bytes(name)
    if not data.strip():
        raise UnusableInput(f"{display}: the shapes file is empty")
    try:
        return parse_graph(data, name=None if name == "-" else name, base=base)
    except RDFInputError as exc:
        raise UnusableInput(_where(display, exc)) from exc


def _read_endpoint(args: argparse.Namespace) -> Data:
    """The endpoint's default graph or named graphs, copied page by page (kg.quality.remote)."""
    from kg.quality.remote import Endpoint, EndpointError, fetch

    config = _config(args)
    endpoint = Endpoint(
        args.endpoint,
        timeout=args.timeout,
        page_size=args.page_size or config.validate_page_size,
        max_triples=args.max_triples or config.validate_max_triples,
    )
    try:
        return fetch(endpoint, args.graph)
    except EndpointError as exc:
        raise UnusableInput(str(exc)) from exc


def _read_built_graph(args: argparse.Namespace) -> Data:
    """The built store itself (its default graph is the union of the named graphs)."""
    from kg.quality.data import from_store
    from kg.store import StoreMissing, open_current

    config = _config(args)
    try:
        store = open_current(config)
    except StoreMissing as exc:
        raise UnusableInput(f"no built graph here ({exc}): run kg build, or pass a FILE") from exc
    except OSError as exc:  # a broken store is unusable input, not a crash
        raise UnusableInput(f"cannot open the built graph: {exc}") from exc
    data = from_store(store)
    if data.triples == 0:
        raise UnusableInput("the built graph is empty: nothing to validate")
    return data


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
