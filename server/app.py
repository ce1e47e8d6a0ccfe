"""Flask app factory: wires the store, the SPARQL endpoint and the pages together."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask, Response, render_template

from kg import __version__
from kg.config import Config, from_env
from kg.namespaces import PREFIXES
from kg.server import sparql
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
    app.extensions["newsgraph.prefixes"] = {**PREFIXES, "id": config.base}
    app.config["NEWSGRAPH_UNION_GRAPH"] = serving.union_graph
    app.extensions["newsgraph.remote"] = serving.remote
    app.register_blueprint(sparql.bp)

    @app.errorhandler(StoreMissing)
    def _no_store(exc: StoreMissing) -> Response:
        return Response(f"{exc}\n", status=503, mimetype="text/plain")

    @app.get("/")
    def index() -> str:
        if serving.remote is not None:
            graphs, triples = serving.remote_summary()
        else:
            store = serving.get()
            graphs, triples = sorted(g.value for g in store.named_graphs()), len(store)
        manifest = serving.manifest()
        return render_template(
            "index.html",
            version=__version__,
            graphs=graphs,
            manifest=manifest,
            triples=triples,
            config=config,
        )

    return app
