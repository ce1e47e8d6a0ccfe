"""A `/validate` request as a job for the killable query workers (kg/executor.py).

Parsing an upload and validating can cost minutes of CPU and gigabytes (a 730-byte
billion-laughs RDF/XML, a SHACL-SPARQL constraint over a cartesian product, megabytes
of data), so none of it runs in the web process: the worker parses (with every loader
off, kg.sandbox), validates (kg.quality.validate: the served store in place, an
upload in an in-memory store) and writes the report in the asked format, under the
same wall-clock timeout and memory cap as a query. The web process gets bytes back
(or, for the HTML page, the pickled ValidationResult with the sources of its results
already looked up, which it renders with its templates), exactly like a query answer.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.quality.data import Data, EmptyData, from_bytes, parse_graph
from kg.quality.rdf_input import RDFInputError
from kg.quality.report import server_links
from kg.quality.shapes import ShapesError, Unsupported
from kg.sandbox import OutsideAccess, no_outside_access

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.executor import Outcome, WorkerSettings

PICKLED_RESULT = "application/x-newsgraph-validation-result"
# The HTML report is paged: the worker hands over one page of at most this many results
# (ValidationResult.page_of), which keeps the object small whatever the report's size.
HTML_MAX_PER_PAGE = 1000


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
    fail_on: str = "violation"  # which results fail the run (JSON `failed`, text verdict)
    links_base: str | None = None  # the server's URL: JSON results link to shapes and nodes
    page: int = 1  # text/html: the page of the report to hand over
    per_page: int = 100


def _data(part: Part) -> Data:
    if not part.data.strip():
        raise RDFInputError(f"the {part.what} is empty")
    try:
        return from_bytes(part.data, content_type=part.content_type, name=part.name)
    except RDFInputError as exc:
        raise RDFInputError(f"{part.what}: {exc}", line=exc.line, fmt=exc.format) from exc
    except EmptyData as exc:
        raise EmptyData(f"{part.what}: {exc}") from exc


def _shapes(part: Part) -> Graph:
    if not part.data.strip():
        raise RDFInputError(f"the {part.what} is empty")
    try:
        return parse_graph(part.data, content_type=part.content_type, name=part.name)
    except RDFInputError as exc:
        raise RDFInputError(f"{part.what}: {exc}", line=exc.line, fmt=exc.format) from exc


def _served(store: ox.Store | None, settings: WorkerSettings) -> ox.Store | Graph:
    """The served graph: the store itself (validated in place), or the remote store's union."""
    if settings.config.remote_store:
        from kg.remote import RemoteStore

        return RemoteStore.from_config(settings.config).union_graph()
    if store is None:
        raise LookupError("no graph built yet (run `kg build`)")
    return store


def run_validation(store: ox.Store | None, job: ValidateJob, settings: WorkerSettings) -> Outcome:
    """Parse, validate and render one report; every failure becomes an Outcome."""
    from kg.executor import Outcome, _text
    from kg.quality.validate import validate

    try:
        if job.data is None:
            data: ox.Store | Graph | Data = _served(store, settings)
            shapes = None
        else:
            with no_outside_access():
                data = _data(job.data)
                shapes = _shapes(job.shapes) if job.shapes is not None else None
        with no_outside_access():  # SHACL-SPARQL may name FROM or SERVICE: refused
            result = validate(data, shapes)
            if job.media_type == "text/html":  # one page, its values and documents looked up
                result = result.page_of(job.page, min(job.per_page, HTML_MAX_PER_PAGE))
    except RDFInputError as exc:
        return _text(400, f"Unusable RDF: {exc}", "bad-rdf")
    except (EmptyData, ShapesError) as exc:
        return _text(400, f"Nothing to validate: {exc}.", "nothing")
    except Unsupported as exc:  # only with engine="sparql", never asked for here
        return _text(400, f"Validation refused: {exc}", "unsupported")
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
        result.store = None  # the sources are looked up; a store does not cross processes
        return Outcome(200, PICKLED_RESULT, pickle.dumps(result), headers)
    if job.media_type == "text/turtle":
        body = result.to_turtle()
    elif job.media_type == "application/json":
        links = None
        if job.links_base is not None:
            links = server_links(job.links_base, settings.config.public_prefix)
        body = result.to_json_text(job.fail_on, links)
    else:
        body = result.to_text(limit=0, fail_on=job.fail_on)
    return Outcome(200, job.media_type, body.encode("utf-8"), headers)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:300]
