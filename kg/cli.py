"""`kg`: build, validate, serve and query the graph.

Exit codes: 0 success, 1 a negative result (validation found violations),
2 unusable input or a failure (with a message on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg import __version__
from kg.config import Config, from_env


def _config(args: argparse.Namespace) -> Config:
    config = from_env()
    return config.replace(
        data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
        base=getattr(args, "base", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        web_processes=getattr(args, "web_processes", None),
        warm_processes=getattr(args, "warm_processes", None),
        process_idle=getattr(args, "process_idle", None),
    )


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.extract.nlp import ModelMissing
    from kg.store import BuildLocked

    config = _config(args)
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in {".trig", ".nq", ".nquads"}:
        raise ValueError(f"--out must end in .trig or .nq, not {out.suffix or '(none)'}")
    try:
        report = build(
            config,
            args.paths or None,
            load_store=not args.no_store,
            out=out,
            cluster=getattr(args, "cluster", None),
            wait=not args.no_wait,
        )
    except BuildLocked as exc:
        print(f"kg build: {exc}; not waiting (--no-wait)", file=sys.stderr)
        return 2
    except ModelMissing as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    if out is not None:
        print(f"wrote {out}", file=sys.stderr)
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from kg.extract.nlp import ModelMissing
    from kg.update import add

    config = _config(args)
    try:
        report = add(config, args.paths, progress=lambda m: print(m, file=sys.stderr))
    except ModelMissing as exc:
        print(f"kg add: {exc}", file=sys.stderr)
        return 2
    _print_update(report)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.update import remove

    config = _config(args)
    report = remove(config, args.docs, progress=lambda m: print(m, file=sys.stderr))
    _print_update(report)
    return 0


def _print_update(report) -> None:
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    print(
        f"{len(report.added)} added, {len(report.revised)} revised, {len(report.removed)} removed,"
        f" {len(report.unchanged)} unchanged; {report.triples_added} triples added,"
        f" {report.triples_removed} removed, {report.retired} IRIs retired"
        f" in {report.seconds:.1f} s",
        file=sys.stderr,
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from kg.extract.nlp import ModelMissing
    from kg.feeds import run

    config = _config(args)
    try:
        return run(
            config,
            args.sources,
            every=args.every,
            runs=args.runs,
            progress=lambda m: print(m, file=sys.stderr, flush=True),
        )
    except ModelMissing as exc:
        print(f"kg ingest: {exc}", file=sys.stderr)
        return 2


def cmd_query(args: argparse.Namespace) -> int:
    from kg import negotiate as neg
    from kg import query as q
    from kg.federation import QueryRefused
    from kg.namespaces import PREFIXES
    from kg.store import open_current

    config = _config(args)
    text = Path(args.file).read_text(encoding="utf-8") if args.file else args.query
    if not text:
        print("kg query: give a QUERY or --file", file=sys.stderr)
        return 2
    try:
        result = q.run(open_current(config), text, config=config)
    except SyntaxError as exc:
        from kg.sparql_errors import explain

        print(f"kg query: {explain(text, str(exc)).message}", file=sys.stderr, end="")
        return 2
    except QueryRefused as exc:
        print(f"kg query: {exc.message}", file=sys.stderr)
        return 2
    # The same format names and media types as the endpoint's `format=` parameter.
    fmt = args.format or {"graph": "turtle", "boolean": "json"}.get(result.form, "tsv")
    media_type = neg.from_format_param(result.form, fmt)
    if media_type is None:
        names = [neg.SHORT_NAME[m] for m in neg.OFFERS[result.form]]
        print(f"kg query: --format must be one of {', '.join(names)}", file=sys.stderr)
        return 2
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
    q.serialize_into(result, media_type, sys.stdout.buffer, prefixes=prefixes)
    sys.stdout.flush()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import PortTaken, serve

    try:
        return serve(_config(args), rebuild=not args.no_build)
    except PortTaken as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        # Only a build reads text; importing kg.extract.nlp up front loaded spaCy into
        # the web process (about 90 MB) just to name this exception.
        from kg.extract.nlp import ModelMissing

        if not isinstance(exc, ModelMissing):
            raise
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    parser.add_argument("--data-dir", help="store and cache folder (NEWSGRAPH_DATA_DIR)")
    parser.add_argument("--base", help="instance IRI base (NEWSGRAPH_BASE)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the graph from documents into the store")
    p.add_argument("paths", nargs="*", help="documents or folders (default: NEWSGRAPH_SOURCES)")
    p.add_argument("--out", help="also write the dataset to FILE (.trig or .nq)")
    p.add_argument("--no-store", action="store_true", help="do not load the persistent store")
    p.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build is running on the data folder, stop at once instead of queueing",
    )
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="send extraction to the workers of the Dask cluster at ADDRESS (tcp://host:8786)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("add", help="add or revise documents in the built graph, in place")
    p.add_argument("paths", nargs="+", help="documents or folders")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("remove", help="remove documents from the built graph, in place")
    p.add_argument("docs", nargs="+", help="document IRI, source (corpus path or address) or file")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("ingest", help="read RSS/Atom feeds and article pages into the graph")
    p.add_argument("sources", nargs="+", help="feed or article URLs, or local files")
    p.add_argument("--every", type=float, metavar="SECONDS", help="run again every SECONDS")
    p.add_argument("--runs", type=int, help="with --every: stop after this many runs")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("serve", help="serve the graph (builds first if needed)")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--no-build", action="store_true", help="serve the current store as it is")
    p.add_argument(
        "--web-processes",
        type=int,
        help="web processes on the one port (NEWSGRAPH_WEB_PROCESSES; 1 with NEWSGRAPH_UPDATE)",
    )
    p.add_argument(
        "--warm-processes",
        type=int,
        help="query processes kept while idle (NEWSGRAPH_WARM_PROCESSES; -1: all)",
    )
    p.add_argument(
        "--process-idle",
        type=float,
        help="seconds an extra query process stays unused before it ends (NEWSGRAPH_PROCESS_IDLE)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("query", help="run a SPARQL query on the store")
    p.add_argument("query", nargs="?")
    p.add_argument("--file", "-f", help="read the query from FILE")
    p.add_argument(
        "--format",
        help="SELECT/ASK: json, xml, csv, tsv (default tsv; ASK: json, xml); "
        "CONSTRUCT/DESCRIBE: turtle, ntriples, jsonld, rdfxml, trig, nquads (default turtle); "
        "or a media type",
    )
    p.set_defaults(func=cmd_query)

    from kg import cli_validate

    cli_validate.register(sub)

    from kg import cli_links

    cli_links.register(sub)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
