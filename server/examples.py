"""The example queries of the query UI: `queries/*.rq`, shipped as package data.

Each file starts with `# title:` and `# description:` comment lines. Instance IRIs
in the files use the default base; they are rewritten to the configured base so the
examples keep working on a server with another NEWSGRAPH_BASE.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from kg.namespaces import DEFAULT_BASE


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    query: str


def _parse(name: str, text: str) -> Example:
    title, description, body = name, "", []
    for line in text.splitlines():
        if line.startswith("# title:"):
            title = line.partition(":")[2].strip()
        elif line.startswith("# description:"):
            description = line.partition(":")[2].strip()
        else:
            body.append(line)
    return Example(name, title, description, "\n".join(body).strip() + "\n")


@cache
def _load() -> tuple[Example, ...]:
    folder = files("kg.queries")
    found = sorted((p for p in folder.iterdir() if p.name.endswith(".rq")), key=lambda p: p.name)
    return tuple(_parse(p.name[:-3], p.read_text(encoding="utf-8")) for p in found)


def example_queries(base: str = DEFAULT_BASE) -> list[Example]:
    """Every example, in file-name order, its instance IRIs under `base`."""
    out = []
    for ex in _load():
        query = ex.query.replace(DEFAULT_BASE, base)
        out.append(Example(ex.name, ex.title, ex.description, query))
    return out
