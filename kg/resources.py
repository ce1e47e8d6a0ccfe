"""The ontology and the shapes as packaged files, loaded once per process.

They ship inside the wheel (`kg.ontology`, `kg.shapes`), so every entry point
(CLI, server, tests) reads the same bytes the lead's build loads into the store.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from rdflib import Graph

from kg.namespaces import bind_prefixes

ONTOLOGY_FILE = "newsgraph.ttl"
SHAPES_FILE = "newsgraph-shapes.ttl"


def ontology_text() -> str:
    """The ontology's Turtle source, as shipped."""
    return (files("kg.ontology") / ONTOLOGY_FILE).read_text(encoding="utf-8")


def shapes_text() -> str:
    """The shapes' Turtle source, as shipped."""
    return (files("kg.shapes") / SHAPES_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    graph.parse(data=ontology_text(), format="turtle")
    return graph


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    graph.parse(data=shapes_text(), format="turtle")
    return graph


def load_ontology() -> Graph:
    """A fresh copy of the ontology graph (callers may add to it safely)."""
    copy = Graph()
    for prefix, ns in _ontology().namespaces():
        copy.bind(prefix, ns, override=True)
    for triple in _ontology():
        copy.add(triple)
    return copy


def load_shapes() -> Graph:
    """The shapes graph. Shared and cached: pyshacl only reads it."""
    return _shapes()
