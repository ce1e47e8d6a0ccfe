"""A `/validate` request as a job for the killable query workers (kg/executor.py).

Parsing an upload and running pyshacl can cost minutes of CPU and gigabytes (a
730-byte billion-laughs RDF/XML, a SHACL-SPARQL constraint over a cartesian product,
megabytes of data), so none of it runs in the web process: the worker parses (with
every loader off, kg.sandbox), validates and writes the report in the asked format,
under the same wall-clock timeout and memory cap as a query. The web process gets
bytes back (or, for the HTML page, the pickled ValidationResult, which it renders
with its templates), exactly like a query answer.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.rdf_input import RDFInputError, parse_rdf, union_graph
from kg.sandbox import OutsideAccess, no_outside_access

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.executor import Outcome, WorkerSettings

PICKLED_RESULT = "application/x-newsgraph-validation-result"
# An HTML page lists results; past this many it would be a page nobody can read and a
# large object to hand over: the page is refused and JSON, Turtle or text offered.
HTML_MAX_RESULTS = 20_000


@dataclass(frozen=True)
class Part:
    """One uploaded graph: its bytes and what the client said about its syntax."""

    data: bytes
    content_type: str | None = None
    name: str | None = None
    what: str = "upload"


@dataclass(frozen=True)
class ValidateJob:
    """Validate `data` (None: the served graph) against `shapes` (None: ours)."""

    data: Part | None
    shapes: Part | None
    media_type: str  # text/turtle, application/json, text/plain, or text/html (pickled)


def _parse(part: Part) -> Graph:
    if not part.data.strip():
        raise RDFInputError(f"the {part.what} is empty")
    try:
        return union_graph(parse_rdf(part.data, content_type=part.content_type, name=part.name))
    except RDFInputError as exc:
        raise RDFInputError(f"{part.what}: {exc}", line=exc.line, fmt=exc.format) from exc


def _served_graph(store: ox.Store | None, settings: WorkerSettings) -> Graph:
    if settings.config.remote_store:
        from kg.remote import RemoteStore

        return RemoteStore.from_config(settings.config).union_graph()
    if store is None:
        raise LookupError("no graph built yet (run `kg build`)")
    from kg.terms import triples_to_graph

    return triples_to_graph(store.quads_for_pattern(None, None, None, None))


def run_validation(store: ox.Store | None, job: ValidateJob, settings: WorkerSettings) -> Outcome:
    """Parse, validate and render one report; every failure becomes an Outcome."""
    from kg.executor import Outcome, _text
    from kg.validate import validate

    try:
        if job.data is None:
            data = _served_graph(store, settings)
            shapes = None
        else:
            data = _parse(job.data)
            shapes = _parse(job.shapes) if job.shapes is not None else None
        with no_outside_access():  # SHACL-SPARQL may name FROM or SERVICE: refused
            result = validate(data, shapes)
    except RDFInputError as exc:
        return _text(400, f"Unusable RDF: {exc}", "bad-rdf")
    except LookupError as exc:
        return _text(503, str(exc), "no-store")
    except OutsideAccess as exc:
        return _text(400, f"Validation refused: {exc}", "refused")
    except RecursionError:
        return _text(400, "Validation refused: the shapes or data nest too deeply", "too-deep")
    except MemoryError:
        return _text(
            503,
            "validation stopped: it needed more memory than a request may use"
            " (NEWSGRAPH_QUERY_MEMORY)",
            "memory",
        )
    except Exception as exc:  # noqa: BLE001 - pyshacl raises many types for bad shapes
        return _text(400, f"Validation failed on these shapes: {_one_line(exc)}", "shapes")
    headers = {"X-Conforms": "true" if result.conforms else "false"}
    if job.media_type == "text/html":
        if len(result.results) > HTML_MAX_RESULTS:
            return _text(
                406,
                f"the report has {len(result.results)} results, too many for a page"
                f" (over {HTML_MAX_RESULTS}); ask for ?format=json, turtle or text",
                "too-many",
            )
        return Outcome(200, PICKLED_RESULT, pickle.dumps(result), headers)
    if job.media_type == "text/turtle":
        body = result.to_turtle()
    elif job.media_type == "application/json":
        body = result.to_json_text()
    else:
        body = result.to_text()
    return Outcome(200, job.media_type, body.encode("utf-8"), headers)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:300]
