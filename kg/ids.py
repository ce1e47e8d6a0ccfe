"""Deterministic instance IRIs: the same real-world thing gets the same IRI everywhere."""

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.namespaces import DEFAULT_BASE

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower-case ASCII form of a name: Çavuşoğlu and Cavusoglu fold to one key."""
    if text.isascii():
        return text.lower()  # the same answer, without decomposing (most names; 160k at start-up)
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slug(text: str) -> str:
    """IRI-safe key of a name."""
    return _NON_SLUG.sub("-", fold(text)).strip("-") or "x"


def short_hash(*parts: object, length: int = 16) -> str:
    """Stable hash of the parts that identify a thing with no natural key."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def iri(kind: str, key: str, base: str = DEFAULT_BASE) -> URIRef:
    """`{base}{kind}/{key}`: the one way instance IRIs are minted."""
    return URIRef(f"{base}{kind}/{key}")


def document_key(identity: str) -> str:
    """Key of a document from its identity (address or corpus path), never its bytes."""
    return short_hash("doc", identity)


def document_iri(identity: str, base: str = DEFAULT_BASE) -> URIRef:
    return iri("doc", document_key(identity), base)


def revision_iri(doc_iri: str, sha256_hex: str) -> URIRef:
    """One earlier text of a document (the target of prov:wasRevisionOf)."""
    return URIRef(f"{doc_iri}/rev/{sha256_hex[:16]}")


def text_key(text: str) -> str:
    """Whitespace-insensitive form of a quoted span, for keys that must survive reflowing."""
    return " ".join(text.split())


def occurrence(text: str, start: int, exact: str) -> int:
    """How many times `exact` occurs in `text` before `start`: tells apart two identical
    quotes of one document without using offsets, which shift with any edit above them."""
    return text.count(exact, 0, start)
