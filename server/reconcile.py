"""The W3C Entity Reconciliation API (the protocol OpenRefine speaks) at `/reconcile`.

- `GET /reconcile`: the service manifest (versions 0.1 and 0.2): identifier and schema
  spaces, default types (Person, Organization, Place, Meeting), view, preview and
  suggest services; `callback=` wraps it as JSONP for old clients;
- `GET|POST /reconcile` with `queries={"q0": {"query": …, "type": …, "limit": …,
  "properties": [{"pid": …, "v": …}]}, …}`: scored candidates per query; a single
  `query=` (a name or a query object) answers one;
- `GET /reconcile/preview?id=`: a small HTML card of the entity;
- `GET /reconcile/suggest/{entity,type,property}?prefix=`: autocomplete.

Entity ids are our instance IRIs minus the base (`person/kassym-jomart-tokayev`), type
ids the ontology's local names: `identifierSpace` and `schemaSpace` say so.
"""

from __future__ import annotations

import html
import json
import re
import threading
from typing import Any

from flask import Blueprint, Response, current_app, request

from kg.namespaces import NG
from kg.reconcile import PROPERTIES, TYPES, Index, normal

bp = Blueprint("reconcile", __name__)

MAX_QUERIES = 100
MAX_LIMIT = 100
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,100}$")
_cache: dict[str, Any] = {}
_cache_lock = threading.Lock()


def _index() -> Index:
    serving = current_app.extensions["newsgraph.store"]
    store = serving.get()
    config = current_app.extensions["newsgraph.config"]
    with _cache_lock:
        key = (id(store), serving.generation)
        if _cache.get("key") != key or _cache.get("store") is not store:
            _cache.update(key=key, store=store, index=Index(store, config.base))
        return _cache["index"]


def _json(value: Any, status: int = 200) -> Response:
    body = json.dumps(value, ensure_ascii=False)
    callback = request.values.get("callback")
    if callback and _CALLBACK.match(callback):
        resp = Response(f"{callback}({body})", status=status, mimetype="application/javascript")
    else:
        resp = Response(body, status=status, mimetype="application/json")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _error(message: str) -> Response:
    return _json({"status": "error", "message": message}, 400)


def manifest() -> dict[str, Any]:
    config = current_app.extensions["newsgraph.config"]
    root = request.host_url.rstrip("/")
    service = root + "/reconcile"
    return {
        "versions": ["0.1", "0.2"],
        "name": "newsgraph",
        "identifierSpace": config.base,
        "schemaSpace": str(NG),
        "defaultTypes": [{"id": t, "name": name} for t, name in TYPES.items()],
        "view": {"url": root + config.base_path + "{{id}}"},
        "preview": {"url": service + "/preview?id={{id}}", "width": 430, "height": 130},
        "suggest": {
            kind: {"service_url": root, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "batchSize": 25,
    }


def _property_values(raw: Any) -> list[tuple[str, str]]:
    """[(pid, value)] from the API's `properties`, whatever form `v` takes."""
    out: list[tuple[str, str]] = []
    if not isinstance(raw, list):
        return out
    for prop in raw:
        if not isinstance(prop, dict):
            continue
        pid = str(prop.get("pid") or prop.get("p") or "")
        values = prop.get("v")
        for v in values if isinstance(values, list) else [values]:
            if isinstance(v, dict):
                v = v.get("id") or v.get("name")
            if pid in PROPERTIES and v not in (None, ""):
                out.append((pid, str(v)))
    return out


def _answer(index: Index, query: Any) -> dict[str, Any]:
    if isinstance(query, str):
        query = {"query": query}
    if not isinstance(query, dict):
        raise ValueError("each query must be an object with a `query` string")
    text = str(query.get("query") or "")
    type_id = query.get("type")
    if isinstance(type_id, list):
        type_id = type_id[0] if type_id else None
    if isinstance(type_id, dict):
        type_id = type_id.get("id")
    if type_id is not None:
        type_id = str(type_id).rsplit("#", 1)[-1]
        if type_id not in TYPES:
            raise ValueError(f"unknown type {type_id!r}; types: {', '.join(TYPES)}")
    try:
        limit = min(max(int(query.get("limit") or 5), 1), MAX_LIMIT)
    except (TypeError, ValueError):
        raise ValueError("limit must be a number") from None
    props = _property_values(query.get("properties"))
    if not text and not props:
        raise ValueError("a query needs a `query` text or `properties`")
    return {"result": index.search(text, type_id, props, limit)}


@bp.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    raw = request.values.get("queries")
    single = request.values.get("query")
    if raw is None and single is None:
        return _json(manifest())
    index = _index()
    try:
        if raw is not None:
            queries = json.loads(raw)
            if not isinstance(queries, dict) or len(queries) > MAX_QUERIES:
                return _error(f"`queries` must be a JSON object of at most {MAX_QUERIES} queries")
            return _json({key: _answer(index, q) for key, q in queries.items()})
        try:
            parsed: Any = (
                json.loads(single) if single and single.lstrip().startswith("{") else single
            )
        except json.JSONDecodeError:
            parsed = single
        return _json(_answer(index, parsed))
    except json.JSONDecodeError as exc:
        return _error(f"`queries` is not JSON: {exc}")
    except ValueError as exc:
        return _error(str(exc))


@bp.get("/reconcile/preview")
def preview() -> Response:
    index = _index()
    ent = index.get(request.args.get("id", ""))
    if ent is None:
        return Response("no such entity\n", status=404, mimetype="text/plain")
    config = current_app.extensions["newsgraph.config"]
    link = request.host_url.rstrip("/") + config.base_path + index.local_id(ent.iri)
    aliases = [n for n in ent.names if n != ent.label][:6]
    facts = []
    for pid in ("country", "date", "post", "wikidata"):
        values = sorted(v for v in ent.values.get(pid, set()) if not v.startswith("http"))
        if values:
            facts.append(f"<dt>{html.escape(PROPERTIES[pid][0])}</dt>"
                         f"<dd>{html.escape(', '.join(values[:4]))}</dd>")  # fmt: skip
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(ent.label)}</title><style>body{{font:13px sans-serif;margin:6px}}"
        "dt{font-weight:bold;float:left;margin-right:.5em}dd{margin:0 0 2px}</style></head>"
        f"<body><a href='{html.escape(link)}' target='_blank'>{html.escape(ent.label)}</a>"
        f" <small>{html.escape('/'.join(sorted(ent.types)))}</small>"
        + (f"<div>also: {html.escape('; '.join(aliases))}</div>" if aliases else "")
        + f"<dl>{''.join(facts)}</dl></body></html>"
    )
    resp = Response(body, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return resp


@bp.get("/reconcile/suggest/<kind>")
def suggest(kind: str) -> Response:
    prefix = normal(request.args.get("prefix", ""))
    if kind == "type":
        items = [{"id": t, "name": n} for t, n in TYPES.items() if normal(n).startswith(prefix)]
    elif kind == "property":
        items = [
            {"id": pid, "name": name}
            for pid, (name, _) in PROPERTIES.items()
            if normal(name).startswith(prefix) or pid.startswith(prefix)
        ]
    elif kind == "entity":
        index = _index()
        items = [
            {"id": index.local_id(e.iri), "name": e.label, "description": e.description}
            for e in sorted(index.entities.values(), key=lambda e: e.label)
            if prefix and any(normal(n).startswith(prefix) for n in e.names)
        ][:20]
    else:
        return Response("unknown suggest service\n", status=404, mimetype="text/plain")
    return _json({"result": items})
