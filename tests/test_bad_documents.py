"""Bad documents: each one builds or is reported by name with its reason, and the rest builds."""

from __future__ import annotations

import codecs
import os
import random
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.config import Config
from kg.documents import DocumentError, decode, document_from_bytes, read_document
from tests.conftest import SEEDS

ARTICLE = (
    "Almaty, 7 January 2022. The Collective Security Treaty Organization said on Friday\n"
    "that peacekeepers from Russia and Kyrgyzstan had arrived in Kazakhstan.\n"
)


def test_empty_is_refused() -> None:
    with pytest.raises(DocumentError, match="empty"):
        document_from_bytes("e.txt", b"")
    with pytest.raises(DocumentError, match="empty"):
        document_from_bytes("e.txt", b"  \n\r\n\t ")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (bytes(range(256)) * 40, "NUL"),
        (ARTICLE.encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ],
)
def test_binary_is_refused_with_its_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        decode(raw)


def test_random_bytes_without_nul_are_refused() -> None:
    rng = random.Random(7)
    raw = bytes(rng.choice([b for b in range(256) if b]) for _ in range(20000))
    with pytest.raises(DocumentError, match="control characters|undecodable"):
        decode(raw)


def test_latin1_and_cp1252_decode() -> None:
    text = "Mevlüt Çavuşoğlu met Tleuberdi – “quickly”."
    assert decode("Café in Almaty, déjà vu".encode("latin-1")) == "Café in Almaty, déjà vu"
    # ş and ğ are not in cp1252: a Latin-1/cp1252 file cannot hold them; test the rest.
    cp = text.replace("ş", "s").replace("ğ", "g")
    assert decode(cp.encode("cp1252")) == cp


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    raw = bom + "Çavuşoğlu said\r\nthat".encode(codec)
    assert decode(raw) == "Çavuşoğlu said\nthat"


def test_utf8_bom_and_bad_utf16_are_reported_not_raised() -> None:
    assert decode(codecs.BOM_UTF8 + "naïve".encode()) == "naïve"
    with pytest.raises(DocumentError, match="byte-order mark"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")  # a lone surrogate, odd length
    with pytest.raises(DocumentError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_windows_and_old_mac_line_ends() -> None:
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_control_characters_are_kept_one_for_one() -> None:
    raw = ("A\x01B\x0cC\x1bD\tE\n" + ARTICLE).encode()
    text = decode(raw)
    assert text.startswith("A\ufffdB\nC\ufffdD\tE\n")
    assert len(text) == len(raw.decode())  # offsets stay those of the decoded text
    assert not any(ord(c) < 32 and c not in "\t\n" for c in text)
    with pytest.raises(DocumentError, match="control characters"):
        decode(b"\x01\x02\x03\x04" * 100 + b"text")


def test_html_becomes_its_text() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>CSTO summit</title>"
        "<style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>"
        "<body><h1>Peacekeepers arrive</h1><p>Troops from Russia &amp; Belarus"
        " arrived in <b>Almaty</b>.</p><p>Second&nbsp;paragraph.</p></body></html>"
    )
    text = decode(page.encode())
    assert "<" not in text and "color" not in text and "var x" not in text
    assert "Troops from Russia & Belarus arrived in Almaty." in text
    assert "Peacekeepers arrive\n" in text and "Second paragraph." in text
    assert decode(b"Prices rose by 5 < 7 percent, said <the minister>.") == (
        "Prices rose by 5 < 7 percent, said <the minister>."
    )


def test_image_file_names_are_not_text() -> None:
    # A scraped transcript keeps its photos' file names glued to the speech that follows.
    raw = (
        b"Dear colleagues!\n\nDSC_5157.JPGThank you for your prompt response.\n"
        b"IMG-20220110.jpeg\nThe photo is at https://example.org/img/DSC_5157.JPG and in"
        b" /srv/photos/a.png.\n"
    )
    text = decode(raw)
    assert "Dear colleagues!\n\nThank you for your prompt response.\n" in text
    assert "IMG-20220110" not in text
    assert "https://example.org/img/DSC_5157.JPG" in text  # a URL is kept whole
    assert "/srv/photos/a.png" in text


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: 50 MB on the file system costs nothing
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError, match="NEWSGRAPH_MAX_DOCUMENT_BYTES"):
        read_document(big)


def _write_bad_corpus(folder: Path) -> dict[str, str]:
    """The seeds plus one of each bad kind; returns {file name: expected reason}."""
    folder.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 1000)
    (folder / "scan.txt").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    (folder / "latin1.txt").write_bytes(("Réunion à Almaty. " + ARTICLE).encode("latin-1"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    (folder / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode() + b"Russia.\r\n")
    (folder / "controls.txt").write_bytes(("Turkey\x07 said\x1b" + ARTICLE).encode())
    (folder / "page.html").write_bytes(
        f"<html><body><p>{ARTICLE}</p><p>Turkey agreed.</p></body></html>".encode()
    )
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB of text, generated here
        line = b"The meeting in Almaty was postponed again. " * 23 + b"\n"
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            fh.write(line)
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "scan.txt": "PDF",
        "huge.txt": "NEWSGRAPH_MAX_DOCUMENT_BYTES",
    }


@pytest.mark.slow
def test_bad_corpus_builds_the_rest_and_names_the_bad(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    refused = _write_bad_corpus(corpus)
    messages: list[str] = []
    config = Config(data_dir=tmp_path / "var")
    report = build(config, [corpus], progress=messages.append)
    skipped = {Path(name).name: reason for name, reason in report.skipped}
    assert set(skipped) == set(refused), skipped
    for name, reason in refused.items():
        assert reason in skipped[name]
        assert any(name in m and reason in m for m in messages), messages
    built = {Path(p).name for p in report.documents}
    for name in ("latin1.txt", "utf16.txt", "crlf.txt", "controls.txt", "page.html"):
        assert name in built
    assert len(built) == len(list(SEEDS.iterdir())) + 5
    manifest_skips = {Path(s["file"]).name for s in report.manifest()["skipped"]}
    assert manifest_skips == set(refused)


def test_a_large_document_under_the_limit_builds(tmp_path: Path) -> None:
    """A document near the cap builds (in reasonable time, not asserted)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(ARTICLE * 20000, encoding="utf-8")  # about 3 MB
    report = build(Config(data_dir=tmp_path / "var"), [corpus], progress=lambda _m: None)
    assert report.skipped == [] and len(report.documents) == 1
