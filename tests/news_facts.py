"""The facts one invented news text gives, for the tests of extraction on the world's news
(tests/test_world_news.py, test_deployments_news.py, test_entities_news.py)."""

from __future__ import annotations

from kg.documents import document_from_bytes
from kg.extract import extract_facts


def facts(text: str):
    return extract_facts(document_from_bytes("t.txt", text.encode("utf-8")))[0]


def refs(f, kind: str) -> set[str]:
    return {r for r in f.entities if r.startswith(kind + "/")}


def meetings_of(f, kind: str) -> list:
    """The meetings of one kind ("Visit", "PhoneCall", "Summit")."""
    return [m for m in f.meetings if kind in m.kinds]


def parties(meetings: list) -> list[list[str]]:
    """Each meeting's participants, sorted, to compare with a list written in a test."""
    return [sorted(m.participants) for m in meetings]


def claim_counts(f) -> list[tuple[str, int]]:
    """Each claim's kind and whole value, sorted, to compare with a list written in a test."""
    return sorted((c.quantity_kind, int(c.value)) for c in f.claims)


def sendings(f) -> list[tuple]:
    """Each deployment's sender, destination and personnel, to compare with a list written
    in a test."""
    return [(d.deployed_by, d.destination, d.personnel) for d in f.deployments]
