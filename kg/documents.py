"""Reading source documents: bytes in, normalised text out, or a clear reason why not.

Offsets of every text span in the graph index into the normalised text made here
(see docs/modelling.md, "Normalisation"), so this is the only place text is decoded.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.ids import document_iri

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class DocumentError(ValueError):
    """A document that cannot be read as text; the build reports it and goes on."""


@dataclass(frozen=True)
class SourceDocument:
    file_name: str
    text: str
    sha256: str
    path: str | None = None

    def iri(self, base: str):
        return document_iri(self.sha256, base)


def decode(raw: bytes) -> str:
    """Decode bytes by BOM, then UTF-8, then Windows-1252; refuse binary."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16")
    else:
        if b"\x00" in raw[:4096]:
            raise DocumentError("binary content (NUL bytes) without a UTF-16 byte-order mark")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    if text and controls > len(text) * 0.05:
        raise DocumentError("mostly control characters: not a text document")
    return text


def document_from_bytes(file_name: str, raw: bytes, path: str | None = None) -> SourceDocument:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{len(raw)} bytes is over the {MAX_DOCUMENT_BYTES}-byte limit")
    text = decode(raw)
    if not text.strip():
        raise DocumentError("empty document")
    return SourceDocument(
        file_name=file_name, text=text, sha256=hashlib.sha256(raw).hexdigest(), path=path
    )


def read_document(path: str | Path) -> SourceDocument:
    p = Path(path)
    return document_from_bytes(p.name, p.read_bytes(), str(p))


def find_documents(paths: list[str | Path]) -> list[Path]:
    """Expand folders into their text files, in a stable order."""
    found: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not f.name.startswith(".")
                    and f.suffix.lower() in TEXT_SUFFIXES
                )
            )
        else:
            found.append(p)
    return found
