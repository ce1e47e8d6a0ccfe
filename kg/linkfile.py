"""The reviewed Wikidata link file: which of our entities is which Wikidata item, and why.

One tab-separated row per proposal: the entity (its IRI minus the instance base), the
QID, the status (`proposed` by `kg link`, `accepted` or `rejected` by a reviewer), the
entity's label and kind, and the evidence (how the QID was found and checked). The
build reads only `accepted` rows and adds `owl:sameAs` links in their own graph
(`id:graph/wikidata-links`), with no network: the file is the whole truth offline.
Rows a reviewer rejected are kept, so `kg link` does not propose them again.

The packaged file (`kg/data/wikidata-links.tsv`) holds the links verified by hand;
`NEWSGRAPH_LINKS` points the build and `kg link` at another file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from kg.config import Config
from kg.namespaces import WD

COLUMNS = ("entity", "qid", "status", "label", "kind", "evidence")
STATUSES = ("proposed", "accepted", "rejected")
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass
class Link:
    entity: str  # IRI minus the instance base, e.g. person/vladimir-putin
    qid: str
    status: str
    label: str = ""
    kind: str = ""
    evidence: str = ""

    def iri(self, base: str) -> str:
        return self.entity if "://" in self.entity else base + self.entity


def links_path(config: Config) -> Path:
    """The link file in use: NEWSGRAPH_LINKS, else the packaged one."""
    if config.links_file:
        return Path(config.links_file)
    return Path(str(files("kg") / "data" / "wikidata-links.tsv"))


def read_links(path: Path) -> list[Link]:
    """Every row of a link file; a malformed row is a ValueError naming its line."""
    if not path.exists():
        return []
    out: list[Link] = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        for n, row in enumerate(rows, 1):
            if not row or row[0].startswith("#") or tuple(row[:2]) == COLUMNS[:2]:
                continue
            row = row + [""] * (len(COLUMNS) - len(row))
            link = Link(*[cell.strip() for cell in row[: len(COLUMNS)]])
            if not QID.match(link.qid):
                raise ValueError(f"{path}:{n}: {link.qid!r} is not a QID")
            if link.status not in STATUSES:
                raise ValueError(f"{path}:{n}: status must be one of {', '.join(STATUSES)}")
            out.append(link)
    return out


def write_links(path: Path, links: list[Link]) -> None:
    """Write the file sorted by entity, so reviews diff cleanly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Wikidata links for newsgraph entities: `kg link` proposes, a reviewer sets\n")
        fh.write("# status to accepted or rejected; `kg build` reads the accepted rows only.\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for link in sorted(links, key=lambda k: (k.entity, k.qid)):
            writer.writerow([link.entity, link.qid, link.status, link.label, link.kind,
                             " ".join(link.evidence.split())])  # fmt: skip
    tmp.replace(path)


def links_graph_iri(base: str) -> str:
    return base + "graph/wikidata-links"


def accepted_graph(config: Config, union: Graph) -> tuple[Graph, list[str]]:
    """owl:sameAs for every accepted link whose entity the build holds.

    Skipped, with a reason: an entity the build does not hold, or one that already has
    a different Wikidata item (from the lexicon): two QIDs for one thing means one is
    wrong, and a wrong link is worse than none.
    """
    graph = Graph()
    notes: list[str] = []
    for link in read_links(links_path(config)):
        if link.status != "accepted":
            continue
        node = URIRef(link.iri(config.base))
        if (node, None, None) not in union:
            notes.append(f"link file: {link.entity} is not in this build; {link.qid} skipped")
            continue
        item = WD[link.qid]
        if (node, OWL.sameAs, item) in union:
            continue  # the lexicon says so already
        others = [o for o in union.objects(node, OWL.sameAs) if str(o).startswith(str(WD))]
        if others:
            notes.append(f"link file: {link.entity} is already {others[0]}; {link.qid} skipped")
            continue
        graph.add((node, OWL.sameAs, item))
    return graph, notes
