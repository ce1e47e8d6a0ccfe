"""HTTP servers without the query work: what serving a lookup costs before the app runs.

benchmarks/lean_path.py starts these as separate processes, on loopback, to split a
lookup's time over HTTP into the HTTP server's share and the app's share:

    python -m benchmarks.http_floor            # waitress, set up exactly as `kg serve`
                                               # sets it up (kg.server.httpd.create),
                                               # answering FIXED_ANSWER to every request
    granian --interface wsgi benchmarks.http_floor:fixed_app        # the same, granian
    granian --interface wsgi --factory benchmarks.http_floor:kg_app # granian + the app

Settings come from the `NEWSGRAPH_*` environment variables, as for `kg serve`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

# A lookup's answer as the app writes it (4 rows of a person's properties), so the
# bytes written are those of a real lookup.
FIXED_ANSWER = (
    b'{"head":{"vars":["p","o"]},"results":{"bindings":['
    + b",".join(
        [
            b'{"p":{"type":"uri","value":"http://www.w3.org/2000/01/rdf-schema#label"},'
            b'"o":{"type":"literal","value":"Amir Bakyt"}}'
        ]
        * 4
    )
    + b"]}}"
)


def fixed_app(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """Read the request body (as the app does) and answer FIXED_ANSWER."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response(
        "200 OK",
        [
            ("Content-Type", "application/sparql-results+json"),
            ("Content-Length", str(len(FIXED_ANSWER))),
        ],
    )
    return [FIXED_ANSWER]


def kg_app() -> Any:
    """The app `kg serve` runs (query processes started), for another HTTP server."""
    from kg.config import from_env
    from kg.server.app import create_app

    app = create_app(from_env())
    warm = getattr(app.extensions.get("newsgraph.executor"), "warm", None)
    if warm is not None:
        warm()
    return app


def main() -> int:
    """Serve `fixed_app` with waitress as `kg serve` configures it, until SIGTERM."""
    import signal

    from kg.config import from_env
    from kg.server import httpd

    def stop(_signum: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    httpd.create(httpd.AccessLog(fixed_app), from_env()).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
