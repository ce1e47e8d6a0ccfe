"""Flask app factory: wires the store, the SPARQL endpoint and the pages together."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask, Response, render_template, request
from werkzeug.exceptions import MethodNotAllowed

from kg import __version__
from kg.config import Config, from_env
from kg.federation import QueryRefused, warm_up
from kg.labels import Labeller
from kg.namespaces import PREFIXES
from kg.server import (
    api,
    graph_store,
    limits,
    ontology_views,
    reconcile,
    resource_views,
    security,
    shapes_views,
    site,
    sparql,
    validate_views,
)
from kg.server.fastpath import QueryFastPath
from kg.server.service_description import DescriptionCache
from kg.server.serving import ServingStore
from kg.store import StoreMissing


def create_app(config: Config | None = None, *, store: ox.Store | None = None) -> Flask:
    """Build the app for `config`; pass `store` to serve an in-memory store (tests, benchmarks)."""
    config = config or from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_upload_bytes
    serving = ServingStore(config, store)
    app.extensions["newsgraph.config"] = config
    app.extensions["newsgraph.store"] = serving
    app.extensions["newsgraph.prefixes"] = {
        **PREFIXES,
        "id": config.base,
        "wdt": "http://www.wikidata.org/prop/direct/",
    }
    # For writing Turtle/TriG: without `id:`, whose local names would need `\/` escapes
    # (`id:person\/x`), legal but unreadable and a trap for weaker parsers.
    app.extensions["newsgraph.rdf_prefixes"] = {
        k: v for k, v in app.extensions["newsgraph.prefixes"].items() if k != "id"
    }
    app.config["NEWSGRAPH_UNION_GRAPH"] = serving.union_graph
    app.extensions["newsgraph.remote"] = serving.remote
    app.extensions["newsgraph.descriptions"] = DescriptionCache()
    limits.install(app, config, serving, app.extensions["newsgraph.rdf_prefixes"])
    security.install(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(reconcile.bp)
    site.install(app)
    app.register_blueprint(validate_views.bp)
    app.register_blueprint(ontology_views.bp)
    app.register_blueprint(shapes_views.bp)
    app.register_blueprint(resource_views.create_blueprint(config))
    # Plain query requests skip Flask (server/fastpath.py); the rest reach the views.
    app.wsgi_app = QueryFastPath(app, app.wsgi_app)  # type: ignore[method-assign]

    @app.errorhandler(MethodNotAllowed)
    def _method_not_allowed(exc: MethodNotAllowed) -> Response:
        allowed = ", ".join(sorted(exc.valid_methods or []))
        return sparql.text_response(
            405, f"method {request.method} is not allowed here; use {allowed}", {"Allow": allowed}
        )

    @app.errorhandler(QueryRefused)
    def _refused(exc: QueryRefused) -> Response:
        # Plain text naming what was refused (or which SERVICE failed): never an empty result.
        resp = Response(exc.message.rstrip() + "\n", status=exc.status, mimetype="text/plain")
        resp.headers.update(exc.headers)
        return resp

    warm_up()

    @app.errorhandler(StoreMissing)
    def _no_store(exc: StoreMissing) -> Response:
        return Response(f"{exc}\n", status=503, mimetype="text/plain")

    @app.get("/")
    def index() -> str:
        if serving.remote is not None:
            graphs, triples = serving.remote_summary()
        else:
            # Per-graph counts, computed once per build for the Service Description; the
            # default graph is a copy of the named graphs' union, so it is not added.
            cache = app.extensions["newsgraph.descriptions"]
            _, per_graph = cache.counts(serving.get(), serving.generation)
            graphs = sorted(per_graph)
            triples = sum(per_graph.values())
        manifest = serving.manifest()
        labeller = (
            None
            if serving.remote is not None
            else Labeller(serving.get(), app.extensions["newsgraph.prefixes"])
        )
        return render_template(
            "index.html",
            version=__version__,
            graphs=graphs,
            graphs_labelled=[(g, labeller.label(g) if labeller else None) for g in graphs],
            manifest=manifest,
            triples=triples,
            config=config,
        )

    return app
