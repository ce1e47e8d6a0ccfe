"""One site: the pages around the endpoint and how errors look to a browser.

- `/browse`: every class with how many things are of it; `/browse?class=IRI` lists them
  (labels or snippets, kg/labels.py), a page at a time.
- `/docs`, `/docs/NAME`: the user documentation (docs/*.md) as pages.
- Error pages: a browser (it asks for HTML) gets a 400, 404, 405, 406, 413, 429, 500 or
  503 as a page with the site's navigation and the same words; every other client keeps
  the plain-text answer it reads today. The status, headers and message do not change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

from kg import negotiate as neg
from kg.labels import Labeller
from kg.server import service_description as sd

bp = Blueprint("site", __name__)

PAGE_SIZE = 100
TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Too large",
    429: "Too many requests",
    500: "Server error",
    503: "Unavailable",
}
HINTS = {
    404: "The address may be mistyped, or the thing is not in this graph. Browse the classes "
    "or search with a query.",
    406: "This answer is not offered in the format asked for. A SELECT or ASK gives CSV, TSV, "
    "JSON or XML; a CONSTRUCT or DESCRIBE gives a graph (Turtle, N-Triples, JSON-LD, RDF/XML).",
    429: "Wait a moment before the next request.",
}


def wants_html() -> bool:
    """A browser: it asks for HTML explicitly and prefers it to everything else."""
    return neg.prefers_html(request.headers.get("Accept"))


def install(app: Flask) -> None:
    """Error pages for browsers, plain text for everyone else."""
    app.register_blueprint(bp)

    @app.errorhandler(NotFound)
    def _not_found(_exc: HTTPException) -> Response:
        return Response(f"nothing is served at {request.path}\n", 404, mimetype="text/plain")

    @app.errorhandler(InternalServerError)
    def _server_error(_exc: HTTPException) -> Response:
        return Response("the server failed to answer; see its log\n", 500, mimetype="text/plain")

    @app.after_request
    def _error_page(resp: Response) -> Response:
        if (
            resp.status_code in TITLES
            and resp.mimetype == "text/plain"
            and request.method == "GET"
            and wants_html()
        ):
            message = resp.get_data(as_text=True).strip()
            html = render_template(
                "error.html",
                status=resp.status_code,
                title=TITLES[resp.status_code],
                message=message,
                hint=HINTS.get(resp.status_code),
            )
            resp.set_data(html)
            resp.mimetype = "text/html"
            resp.vary.add("Accept")
        return resp


@bp.get("/browse")
def browse() -> Response:
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    labeller = Labeller(store, current_app.extensions["newsgraph.prefixes"])
    cls = request.args.get("class")
    if not cls:
        cache: sd.DescriptionCache = current_app.extensions["newsgraph.descriptions"]
        whole, _ = cache.void(store, serving.generation)
        ng = "https://w3id.org/newsgraph/ontology#"
        classes = sorted(whole.classes.items(), key=lambda kv: (not kv[0].startswith(ng), -kv[1]))
        rows = [(c, labeller.label(c), labeller.short(c), n) for c, n in classes]
        return Response(render_template("browse.html", classes=rows), mimetype="text/html")
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    try:
        node = ox.NamedNode(cls)
    except ValueError:
        return Response(f"class must be an IRI, not {cls!r}\n", 400, mimetype="text/plain")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    subjects = sorted(
        {
            q.subject.value
            for q in store.quads_for_pattern(None, rdf_type, node)
            if isinstance(q.subject, ox.NamedNode)
        }
    )
    if not subjects:
        return Response(f"nothing in this graph is of class {cls}\n", 404, mimetype="text/plain")
    start = (page - 1) * PAGE_SIZE
    shown = [
        (s, labeller.display(s), labeller.short(s)) for s in subjects[start : start + PAGE_SIZE]
    ]
    config = current_app.extensions["newsgraph.config"]
    html = render_template(
        "browse.html",
        cls=cls,
        cls_label=labeller.label(cls) or labeller.short(cls),
        cls_short=labeller.short(cls),
        items=sorted(shown, key=lambda t: t[1].lower()),
        total=len(subjects),
        page=page,
        pages=(len(subjects) + PAGE_SIZE - 1) // PAGE_SIZE,
        public_prefix=config.public_prefix,
    )
    return Response(html, mimetype="text/html")


_HEADING = re.compile(r"^#\s+(.+)$", re.M)


@lru_cache(maxsize=1)
def _docs() -> dict[str, tuple[str, str]]:
    """name → (title, markdown) for every shipped doc."""
    out = {}
    for path in sorted(files("kg.docs").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".md"):
            text = path.read_text(encoding="utf-8")
            m = _HEADING.search(text)
            out[path.name[:-3]] = (m.group(1).strip() if m else path.name[:-3], text)
    return out


@lru_cache(maxsize=32)
def _render(name: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = md.render(_docs()[name][1])
    # links between the docs (`limits.md`) stay on this site (`/docs/limits`)
    return re.sub(r'href="(?:docs/)?([\w-]+)\.md(#[^"]*)?"', r'href="/docs/\1\2"', html)


@bp.get("/docs")
@bp.get("/docs/")
def docs_index() -> Response:
    return Response(render_template("docs.html", docs=_docs(), name=None), mimetype="text/html")


@bp.get("/docs/<name>")
def docs_page(name: str) -> Response:
    if name not in _docs():
        abort(404)
    html = render_template(
        "docs.html", docs=_docs(), name=name, title=_docs()[name][0], body=_render(name)
    )
    return Response(html, mimetype="text/html")
