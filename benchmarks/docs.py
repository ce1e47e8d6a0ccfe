"""News-sized synthetic documents for the build benchmark.

Each document recombines sentences of the seed documents (so the extractor sees real
sentence shapes: titles, dates, ministers, numbers) with the names, dates and numbers
varied, to a realistic length of 3-6 KB. Deterministic for a given seed.

    python -m benchmarks.docs 10000 /tmp/docs
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from benchmarks.synth import FIRST, LAST

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") (?:19|20)\d\d\b")
NUMBER = re.compile(r"\b\d{1,6}\b")
PERSON = re.compile(
    r"(?:H\.E\.|President|Minister|Mr\.|Mrs\.|Ms\.)\s+([A-Z]\w+(?:\s+[A-Z]\w+){1,2})"
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def seed_sentences() -> tuple[list[str], list[str]]:
    """(titles, body sentences) of the seed documents."""
    titles: list[str] = []
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        titles.append(first.strip())
        for para in rest.split("\n"):
            sentences.extend(s.strip() for s in SENTENCE.split(para) if len(s.strip()) > 30)
    return titles, sentences


def vary(sentence: str, rnd: random.Random) -> str:
    """The same sentence with other names, dates and numbers."""

    def name(_m: re.Match[str]) -> str:
        return f"{_m.group(0).split()[0]} {rnd.choice(FIRST)} {rnd.choice(LAST)}"

    def when(_m: re.Match[str]) -> str:
        return f"{rnd.randint(1, 28)} {rnd.choice(MONTHS)} {rnd.randint(2015, 2025)}"

    sentence = PERSON.sub(name, sentence)
    sentence = DATE.sub(when, sentence)
    sentence = YEAR.sub(lambda m: str(rnd.randint(2015, 2025)), sentence)
    return NUMBER.sub(
        lambda m: m.group(0) if YEAR.fullmatch(m.group(0)) else str(rnd.randint(2, 5000)), sentence
    )


def document(i: int, titles: list[str], sentences: list[str], rnd: random.Random) -> str:
    target = rnd.randint(3000, 6000)
    parts = [vary(rnd.choice(titles), rnd), ""]
    size = len(parts[0].encode())
    while size < target:
        s = vary(rnd.choice(sentences), rnd)
        parts.append(s)
        size += len(s.encode()) + 1
    parts.append(f"(Reference {i})")
    return "\n".join(parts) + "\n"


def write(n: int, folder: Path, seed: int = 11) -> tuple[int, int]:
    """Write `n` documents into `folder`; returns (bytes, words)."""
    rnd = random.Random(seed)
    titles, sentences = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    total_bytes = words = 0
    for i in range(n):
        text = document(i, titles, sentences, rnd)
        data = text.encode("utf-8")
        (folder / f"doc_{i:06d}.txt").write_bytes(data)
        total_bytes += len(data)
        words += len(text.split())
    return total_bytes, words


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.docs", description=__doc__.splitlines()[0]
    )
    parser.add_argument("count", nargs="?", type=int, default=10_000, help="documents to write")
    parser.add_argument("out", nargs="?", type=Path, default=Path("bench-docs"), help="folder")
    args = parser.parse_args()
    b, w = write(args.count, args.out)
    print(f"{args.count} documents, {b} bytes, {w} words in {args.out}", file=sys.stderr)
