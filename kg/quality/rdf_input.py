"""Reading RDF someone hands us: pick the format, parse, and say exactly where it broke.

Used by `kg validate` and by `POST /validate`. The format comes from the file
extension or the media type when there is one, else from the content itself
(sniffing). A parse failure becomes an `RDFInputError` carrying the line number
when the parser knows it (Turtle/TriG report it; for N-Triples/N-Quads the
offending line is found by re-parsing line by line; JSON and XML errors carry it)
so that the user can go straight to the fault.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from xml.parsers import expat
from xml.sax import SAXParseException

from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.sandbox import no_outside_access

# rdflib parser names
TURTLE, TRIG, NTRIPLES, NQUADS, JSONLD, RDFXML = "turtle", "trig", "nt", "nquads", "json-ld", "xml"

FORMATS_BY_EXTENSION = {
    ".ttl": TURTLE,
    ".turtle": TURTLE,
    ".trig": TRIG,
    ".nt": NTRIPLES,
    ".ntriples": NTRIPLES,
    ".nq": NQUADS,
    ".nquads": NQUADS,
    ".jsonld": JSONLD,
    ".json": JSONLD,
    ".rdf": RDFXML,
    ".owl": RDFXML,
    ".xml": RDFXML,
}

FORMATS_BY_MEDIA_TYPE = {
    "text/turtle": TURTLE,
    "application/x-turtle": TURTLE,
    "application/trig": TRIG,
    "application/n-triples": NTRIPLES,
    "application/n-quads": NQUADS,
    "application/ld+json": JSONLD,
    "application/json": JSONLD,
    "application/rdf+xml": RDFXML,
    "application/xml": RDFXML,
    "text/xml": RDFXML,
}

_GRAPH_BLOCK = re.compile(r"^\s*(GRAPH\s+)?(<[^>\s]*>|[A-Za-z0-9_-]*:[^\s{]*|\[\s*\])\s*\{", re.M)
_NT_LINE = re.compile(r"^\s*(<[^>]*>|_:\S+)\s+<[^>]*>\s+.*\.\s*$")


# Internal XML entities are fine (OWL files declare `&owl;` and friends); what they
# may expand to in total is bounded, so a small document cannot become gigabytes.
MAX_ENTITY_EXPANSION = 8 * 1024 * 1024


class RDFInputError(ValueError):
    """Input that cannot be used: unreadable, or not parseable in its format."""

    def __init__(self, message: str, *, line: int | None = None, fmt: str | None = None) -> None:
        self.line = line
        self.format = fmt
        self.reason = message
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}{message}")


def format_for_media_type(content_type: str | None) -> str | None:
    """rdflib format for a Content-Type header value (parameters ignored), or None."""
    if not content_type:
        return None
    return FORMATS_BY_MEDIA_TYPE.get(content_type.split(";", 1)[0].strip().lower())


def format_for_name(name: str | None) -> str | None:
    """rdflib format for a file name's extension, or None when unknown."""
    if not name:
        return None
    return FORMATS_BY_EXTENSION.get(PurePath(name).suffix.lower())


def sniff_format(data: bytes) -> str:
    """Best guess from the first few kilobytes, for files with no telling extension."""
    head = data[:8192].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith(("<?xml", "<rdf:RDF", "<!DOCTYPE rdf")):
        return RDFXML
    if head.startswith(("{", "[")):
        return JSONLD
    lines = [ln for ln in head.splitlines()[:50] if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and all(_NT_LINE.match(ln) for ln in lines[:-1] or lines):
        return NQUADS  # N-Quads parsing accepts N-Triples too
    if _GRAPH_BLOCK.search(head):
        return TRIG
    return TURTLE


def guess_format(data: bytes, name: str | None = None, content_type: str | None = None) -> str:
    """Media type first, then extension, then the content."""
    return format_for_media_type(content_type) or format_for_name(name) or sniff_format(data)


def parse_rdf(
    data: bytes,
    fmt: str | None = None,
    *,
    name: str | None = None,
    content_type: str | None = None,
    base: str | None = None,
) -> Dataset:
    """Parse bytes into a Dataset (named graphs kept); raise RDFInputError with the line."""
    fmt = fmt or guess_format(data, name, content_type)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RDFInputError(f"not UTF-8 ({exc.reason})", line=line, fmt=fmt) from exc
    if fmt == RDFXML:
        check_xml_entities(text)
    ds = Dataset()
    try:
        # Remote JSON-LD contexts, FROM/SERVICE and any file or socket are refused while
        # parsing (kg.sandbox): a document names things, it never makes us fetch them.
        with no_outside_access():
            ds.parse(data=text, format=fmt, publicID=base)
    except BadSyntax as exc:
        raise RDFInputError(
            f"{_label(fmt)} syntax error: {exc._why}", line=exc.lines + 1, fmt=fmt
        ) from exc
    except SAXParseException as exc:
        raise RDFInputError(
            f"RDF/XML error: {exc.getMessage()}", line=exc.getLineNumber(), fmt=fmt
        ) from exc
    except json.JSONDecodeError as exc:
        raise RDFInputError(f"JSON error: {exc.msg}", line=exc.lineno, fmt=fmt) from exc
    except Exception as exc:  # rdflib raises many types; every one means unusable input
        line = _line_of_bad_statement(text, fmt) if fmt in (NTRIPLES, NQUADS) else None
        raise RDFInputError(f"{_label(fmt)} error: {_one_line(exc)}", line=line, fmt=fmt) from exc
    return ds


class _EndOfProlog(Exception):
    pass


def check_xml_entities(text: str) -> None:
    """Refuse XML whose DTD could make the parser fetch or multiply: external entities
    or DTDs (a file or URL, never opened), parameter entities, entities built from other
    entities (the "billion laughs"), and internal entities whose uses would add up to
    more than MAX_ENTITY_EXPANSION characters. Plain `<!ENTITY owl "…">` passes."""
    entities: dict[str, int] = {}

    def doctype(name, system_id, public_id, has_internal_subset):  # noqa: ANN001
        if system_id or public_id:
            raise RDFInputError(
                "RDF/XML: an external DTD is refused (this server opens no file or URL)"
            )

    def entity(name, is_parameter, value, base, system_id, public_id, notation):  # noqa: ANN001
        if is_parameter:
            raise RDFInputError(f"RDF/XML: parameter entity %{name}; is refused")
        if system_id or public_id or value is None:
            raise RDFInputError(
                f"RDF/XML: external entity &{name}; is refused (this server opens no file or URL)"
            )
        if "&" in value or "%" in value:
            raise RDFInputError(f"RDF/XML: entity &{name}; refers to other entities; refused")
        entities[name] = len(value)

    def start(*_args):  # noqa: ANN002
        raise _EndOfProlog

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except _EndOfProlog:
        pass
    except expat.ExpatError as exc:
        raise RDFInputError(f"RDF/XML error: {exc}", line=exc.lineno, fmt=RDFXML) from None
    total = sum(size * text.count(f"&{name};") for name, size in entities.items())
    if total > MAX_ENTITY_EXPANSION:
        raise RDFInputError(
            f"RDF/XML: entity references would expand to {total} characters;"
            f" the limit is {MAX_ENTITY_EXPANSION}"
        )


def _label(fmt: str) -> str:
    return {
        TURTLE: "Turtle",
        TRIG: "TriG",
        NTRIPLES: "N-Triples",
        NQUADS: "N-Quads",
        JSONLD: "JSON-LD",
        RDFXML: "RDF/XML",
    }.get(fmt, fmt)


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def _line_of_bad_statement(text: str, fmt: str) -> int | None:
    """N-Triples/N-Quads parsers do not count lines: find the first line that fails alone."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Dataset().parse(data=line + "\n", format=NQUADS if fmt == NQUADS else NTRIPLES)
        except Exception:
            return number
    return None


def union_graph(ds: Dataset) -> Graph:
    """All of a dataset's graphs merged into one in-memory Graph."""
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns, override=False)
    return union
