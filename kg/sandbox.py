"""Nothing a client sends may make this process open a connection or a file.

Parsers and validators take URLs in their input as things to fetch: a JSON-LD
`@context` or `@import`, an RDF/XML external entity or DTD, a SPARQL `FROM <…>` or
`SERVICE <…>` inside a SHACL-SPARQL constraint. Fetching them lets a client probe the
server's network and files (`"@context": "file:///dev/zero"` read 770 MiB). Two
layers stop it:

1. `harden()` switches the loaders off where they are (rdflib's JSON-LD context
   loader, its SPARQL `FROM` loading and `SERVICE` calls); each refusal is the same
   sentence whatever the target, so errors tell nothing about which hosts, ports or
   paths exist.
2. `no_outside_access()` is a backstop for whatever a future library version adds:
   while it is active on a thread, a Python audit hook refuses that thread any
   socket connection, name lookup or URL request, and any file open outside the
   Python installation (code and data files of the libraries).

The query path does not use the backstop: SERVICE calls leave through kg.federation,
under its own allowlist.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import threading
from collections.abc import Iterator
from contextlib import contextmanager

REFUSED = "refused: this server fetches nothing (no URL, no file) named in a request"


class OutsideAccess(PermissionError):
    """A parser or validator tried to reach the network or a file for a request."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} {REFUSED}")


_hardened = False
_state = threading.local()
_hook_installed = False
_hook_lock = threading.Lock()
_NET_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "urllib.Request",
}


def harden() -> None:
    """Switch off every loader a request could drive (idempotent, process-wide)."""
    global _hardened
    if _hardened:
        return
    import rdflib.plugins.sparql as rdflib_sparql
    from rdflib.plugins.shared.jsonld import context as jsonld_context
    from rdflib.plugins.sparql import evaluate as rdflib_evaluate

    def no_remote_context(self, source, base, referenced_contexts):  # noqa: ANN001
        raise OutsideAccess("a remote JSON-LD context or @import:")

    def no_service(ctx, part):  # noqa: ANN001
        raise OutsideAccess("SERVICE in a SPARQL query run by the validator:")

    jsonld_context.Context._fetch_context = no_remote_context  # type: ignore[method-assign]
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> names a graph, it loads nothing
    rdflib_evaluate.evalServiceQuery = no_service  # type: ignore[assignment]
    _hardened = True


def _allowed_roots() -> tuple[str, ...]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(path)
    import kg

    roots.add(os.path.dirname(os.path.dirname(os.path.abspath(kg.__file__))))
    return tuple(os.path.realpath(r) + os.sep for r in roots if r)


_ROOTS: tuple[str, ...] = ()


def _hook(event: str, args: tuple) -> None:
    if not getattr(_state, "active", False):
        return
    if event in _NET_EVENTS:
        raise OutsideAccess("a network connection:")
    if event == "open":
        path = args[0]
        if isinstance(path, int):  # an already open descriptor
            return
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        real = os.path.realpath(str(path))
        if not real.startswith(_ROOTS) or real.startswith("/dev/"):
            raise OutsideAccess("opening a file:")


def _install_hook() -> None:
    global _hook_installed, _ROOTS
    with _hook_lock:
        if not _hook_installed:
            _ROOTS = _allowed_roots()
            sys.addaudithook(_hook)
            _hook_installed = True


@contextmanager
def no_outside_access() -> Iterator[None]:
    """On this thread, for the duration: loaders off, and no socket and no file outside
    the Python installation (see the module docstring)."""
    harden()
    _install_hook()
    previous = getattr(_state, "active", False)
    _state.active = True
    try:
        yield
    finally:
        _state.active = previous
