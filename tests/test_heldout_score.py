"""Floors on the held-out texts (tests/data/heldout/): gold written before the extractor
first ran on them. First run: precision 1.000 everywhere; lowest recall 0.571 (statements)."""

from kg.extract.score import score


def test_heldout_floors():
    tallies = score(["tests/data/heldout"])
    for cls, t in tallies.items():
        assert t.precision() >= 0.95, (cls, t.notes)
        assert t.recall() >= 0.8, (cls, t.notes)
