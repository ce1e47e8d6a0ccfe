"""Reading source documents: bytes in, normalised text out, or a clear reason why not.

Offsets of every text span in the graph index into the normalised text made here
(see docs/modelling.md, "Normalisation"), so this is the only place text is decoded.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from kg.ids import document_iri, document_key

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
# News articles are kilobytes; a source of many megabytes is almost surely a mistake
# (a dump, a log, a binary), and extraction time grows with it. Config overrides it
# (NEWSGRAPH_MAX_DOCUMENT_BYTES).
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024

# Leading bytes of binary formats people drop into a folder of articles by mistake.
MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.odt)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
# C0 controls other than tab and line feed cannot appear in XML 1.0, so a literal
# holding them breaks SPARQL XML results and RDF/XML. Each becomes one character
# (form feed and vertical tab a line feed, the rest U+FFFD), so lengths, and with them
# the offsets of every span, are those of the decoded text.
_CONTROLS = {c: "\ufffd" for c in range(32) if c not in (9, 10)} | {11: "\n", 12: "\n"}
# The control characters a text document should not be made of (tab, newline, form feed and
# vertical tab are layout): counted by deleting them.
_DROP_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\n\t\f\v")
# A scraped page keeps its photos' file names as text, often glued to the next words
# ("DSC_5157.JPGThank you for …"): they are no one's words, so they are not kept. Only a
# bare name (not part of a URL or a path) is dropped; "JPGThank" ends at the capital.
_IMAGE_NAME = re.compile(
    r"(?<![\w/.:@-])[A-Za-z0-9][\w-]{0,63}"
    r"\.(?:JPE?G|PNG|GIF|WEBP|TIFF?|HEIC|jpe?g|png|gif|webp|tiff?|heic)(?![a-z0-9/])"
)


class DocumentError(ValueError):
    """A document that cannot be read as text; the build reports it and goes on."""


@dataclass(frozen=True)
class SourceDocument:
    """One document's text and where it came from.

    `source` is the document's identity: its address (an article's URL) or its path
    inside the corpus folder ("2022/01/report.txt"), never its bytes, so a corrected
    article is a new revision of the same document (same IRI) rather than a new one.
    Without it, the file name stands in.
    """

    file_name: str
    text: str
    sha256: str
    path: str | None = None
    source: str | None = None

    @property
    def identity(self) -> str:
        return self.source or self.file_name

    @property
    def key(self) -> str:
        """Short stable key of the identity: the document IRI's last segment."""
        return document_key(self.identity)

    def iri(self, base: str):
        return document_iri(self.identity, base)


def decode(raw: bytes) -> str:
    """Decode bytes by BOM, then UTF-8, then Windows-1252; refuse binary; HTML to text.

    Every refusal is a DocumentError whose message says why, for the build report.
    """
    for magic, what in MAGIC.items():
        if raw.startswith(magic):
            raise DocumentError(f"binary content: {what}, not text")
    try:
        if raw.startswith(codecs.BOM_UTF8):
            text = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
        elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = raw.decode("utf-16")
        else:
            head = raw[:4096]
            if b"\x00" in head:
                if _looks_like_bomless_utf16(head):
                    raise DocumentError(
                        "looks like UTF-16 without a byte-order mark: save it as UTF-8"
                        " (or UTF-16 with a BOM)"
                    )
                raise DocumentError("binary content (NUL bytes) without a UTF-16 byte-order mark")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"undecodable text after its byte-order mark: {exc}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(text) - len(text.translate(_DROP_CONTROLS))  # one C pass, not a Python loop
    if text and controls > len(text) * 0.05:
        raise DocumentError("mostly control characters: not a text document")
    if text.count("\ufffd") > max(16, len(text) * 0.05):
        raise DocumentError("mostly undecodable bytes: not a text document")
    if looks_like_html(text):
        text = html_to_text(text)
    return _IMAGE_NAME.sub("", text).translate(_CONTROLS)


def _looks_like_bomless_utf16(head: bytes) -> bool:
    """NULs in every other byte and readable text once decoded that way."""
    even, odd = head[0::2], head[1::2]
    if max(even.count(0), odd.count(0)) < 0.3 * len(head) / 2:
        return False
    codec = "utf-16-le" if odd.count(0) > even.count(0) else "utf-16-be"
    text = head[: len(head) // 2 * 2].decode(codec, errors="replace")
    readable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return readable > 0.9 * len(text)


_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"</?(p|div|br|span|a|body|head|table|li|h[1-6])\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """An HTML page saved where an article's text was expected."""
    if _HTML_START.match(text[:2048]):
        return True
    sample = text[:20000]
    return len(_HTML_TAGS.findall(sample)) >= 5 and sample.lstrip().startswith("<")


class _TextOfHtml(HTMLParser):
    BLOCK = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title",
        "section", "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol",
    }  # fmt: skip
    SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: scripts and styles dropped, blocks as lines."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts)).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _too_big(size: int, limit: int) -> DocumentError:
    return DocumentError(
        f"{size} bytes is over the {limit}-byte limit (NEWSGRAPH_MAX_DOCUMENT_BYTES)"
    )


def document_from_bytes(
    file_name: str,
    raw: bytes,
    path: str | None = None,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    source: str | None = None,
) -> SourceDocument:
    if len(raw) > max_bytes:
        raise _too_big(len(raw), max_bytes)
    text = decode(raw)
    if not text.strip():
        raise DocumentError("empty document")
    return SourceDocument(
        file_name=file_name,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        source=source,
    )


def read_document(
    path: str | Path, *, max_bytes: int = MAX_DOCUMENT_BYTES, source: str | None = None
) -> SourceDocument:
    """Read one document; too large ones are refused before their bytes are read.

    `source` is its identity (see SourceDocument); by default its file name.
    """
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise _too_big(size, max_bytes)
    return document_from_bytes(p.name, p.read_bytes(), str(p), max_bytes=max_bytes, source=source)


def find_documents(paths: list[str | Path]) -> list[Path]:
    """Expand folders into their text files, in a stable order (see scan_documents)."""
    return scan_documents(paths)[0]


def scan_documents(paths: list[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The documents a build reads from `paths`, and every other file found, with why not
    (see walk_sources)."""
    found, skipped = scan_sources(paths)
    return sorted(path for path, _identity in found), skipped


def walk_sources(
    paths: list[str | Path],
) -> Iterator[tuple[Path, str, None] | tuple[None, str, str]]:
    """Each document under `paths` as (file, identity, None), and every other file found as
    (None, name, why not), one at a time: a build of a million documents holds no list of
    them. Each folder given is read in the order of its files' sorted paths; its identity
    is the path relative to it ("a/b.txt" under `corpus/`); a file named directly is read
    as given, its name its identity (see SourceDocument).

    A folder is walked without following symbolic links out of it: a link to a file
    or folder outside the folder given is skipped and named (a corpus cannot publish
    /etc/passwd by holding a link to it); links inside it are read once, as their
    target, under the first of its names in that order. Only regular files are read (a
    FIFO or a device would block or never end). Files whose suffix is not a text one
    (`.rtf`, `.xml`, `.docx` …) and hidden files are reported, not silently dropped; a
    hidden folder (`.git`) is reported once.
    """
    for given in paths:
        p = Path(given)
        if not p.is_dir():
            yield p, p.name, None
            continue
        yield from _walk(p, p, p.resolve(), set())


def _walk(
    folder: Path, top: Path, root: Path, linked: set[Path]
) -> Iterator[tuple[Path, str, None] | tuple[None, str, str]]:
    """One folder's entries in sorted order, files and folders together, so that the walk
    meets files in the order of their sorted paths."""
    for name in _sorted_names(folder):
        f = folder / name
        if f.is_dir():
            if f.is_symlink():
                yield (
                    None,
                    str(f),
                    (
                        "symbolic link to a folder outside the corpus: not followed"
                        if not f.resolve().is_relative_to(root)
                        else "symbolic link to a folder: not followed (its files are read"
                        " where they are)"
                    ),
                )
            elif name.startswith("."):
                yield None, str(f), "hidden folder: not read"
            else:
                yield from _walk(f, top, root, linked)
            continue
        reason = _why_not(f, name, root)
        if reason is None and _read_already(f, top, root, linked):
            reason = "the same file as another link in the corpus"
        if reason is not None:
            yield None, str(f), reason
        else:
            yield f, f.relative_to(top).as_posix(), None


def _sorted_names(folder: Path) -> Iterator[str]:
    """A folder's names in sorted order, held as one string while the walk is in it: a
    flat folder of a million articles costs its names' characters, not a million
    objects."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return  # (a folder that cannot be listed is passed over, as os.walk does)
    held = "\0".join(names)
    del names
    at = 0
    while at < len(held):
        end = held.find("\0", at)
        end = len(held) if end < 0 else end
        yield held[at:end]
        at = end + 1


def _read_already(f: Path, top: Path, root: Path, linked: set[Path]) -> bool:
    """Whether the walk has read the file `f` leads to under another name. Two names for
    one file need a symbolic link, so only links' targets are remembered: a file is read
    already when a link to it came first, a link when its target did (a file of the
    corpus the walk reads itself, met before the link's own name)."""
    if not f.is_symlink():
        # (a plain file's own path is its target: resolved only once a link has been met)
        return bool(linked) and f.resolve() in linked
    target = f.resolve()
    if target in linked:
        return True
    linked.add(target)
    if not target.is_relative_to(root):
        return False
    rel = target.relative_to(root).parts
    return (
        rel < f.relative_to(top).parts
        and not any(part.startswith(".") for part in rel)
        and _why_not(target, target.name, root) is None
    )


def _why_not(path: Path, name: str, root: Path) -> str | None:
    """Why a file met in a corpus folder is not read as a document, or None."""
    if name.startswith("."):
        return "hidden file: not read"
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return "symbolic link to a file outside the corpus: not followed"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        )
        return f"not a regular file ({kind}): not read"
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return (
            f"{path.suffix or 'no'} suffix is not a text document's"
            f" ({', '.join(sorted(s for s in TEXT_SUFFIXES if s))} or none): not read"
        )
    return None


def find_sources(paths: list[str | Path]) -> list[tuple[Path, str]]:
    """(file, identity) for every document under `paths`, in a stable order."""
    return scan_sources(paths)[0]


def scan_sources(
    paths: list[str | Path],
) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """walk_sources gathered: (file, identity) of every document, and the other files."""
    found: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    for path, name, reason in walk_sources(paths):
        if path is None:
            skipped.append((name, reason or ""))
        else:
            found.append((path, name))
    return found, skipped


def identity_of(path: str | Path, roots: list[str | Path]) -> str:
    """The identity of one file given alone (`kg add`): its path relative to the corpus
    folder that holds it, so it matches what `kg build` of that folder called it."""
    p = Path(path).resolve()
    for root in roots:
        r = Path(root).resolve()
        if r.is_dir() and p.is_relative_to(r):
            return p.relative_to(r).as_posix()
    return p.name
