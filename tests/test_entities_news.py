"""Organizations and places in news, each rule on a text written for its test (about other
people and places than any gold text): what the recogniser finds, typed as the gold format
says (docs/gold-format.md)."""

from __future__ import annotations

from kg.documents import document_from_bytes
from kg.extract import extract_facts


def facts(text: str):
    return extract_facts(document_from_bytes("t.txt", text.encode("utf-8")))[0]


def refs(f, kind: str) -> set[str]:
    return {r for r in f.entities if r.startswith(kind + "/")}


# ---- a government named by its state is the state -----------------------------------------

GOVERNMENTS = """Fiji and Samoa agree on fisheries patrols
Source: Pacific Wire | 2024-06-27

SUVA, June 27 - The Samoan Government has asked Fiji to help patrol its waters after illegal
fishing boats were seen near Savai'i, officials said on Thursday.

Fiji's Minister for Fisheries Kalaveti Ravu said the Royal Government of Tonga had also
offered a patrol boat, and that the Vanuatu Government would send an observer.
"""


def test_a_government_named_by_its_state_is_the_state():
    f = facts(GOVERNMENTS)
    assert {"country/samoa", "country/tonga", "country/vanuatu"} <= refs(f, "country")
    govs = {r for r in refs(f, "org") if "government" in r}
    assert govs == set(), govs
