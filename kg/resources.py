"""Package data (ontology, shapes, lexicon) loaded from the installed package, not the cwd."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph


def ontology_text() -> str:
    return (files("kg.ontology") / "newsgraph.ttl").read_text(encoding="utf-8")


def shapes_text() -> str:
    return (files("kg.shapes") / "newsgraph-shapes.ttl").read_text(encoding="utf-8")


@cache
def ontology_graph() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")


@cache
def shapes_graph() -> Graph:
    return Graph().parse(data=shapes_text(), format="turtle")
