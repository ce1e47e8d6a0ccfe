"""Floors on precision and recall against the hand-written gold (tests/gold/).

The floors are what the extractor really reaches on these seven documents, rounded
down; they guard against regressions, the target for unseen documents is >= 0.95
precision and >= 0.9 recall.
"""

from kg.extract.score import score

FLOORS = {  # class: (precision, recall)
    "entities": (0.95, 0.95),
    "meetings": (0.95, 0.95),
    "participants": (0.95, 0.95),
    "statements (speaker)": (0.95, 0.95),
    "statements (meeting)": (0.95, 0.9),
    "deployments (facts)": (0.95, 0.95),
    "claims": (0.95, 0.95),
}


def test_score_floors():
    tallies = score(["seeds", "tests/data/devdocs"])
    for cls, (p_floor, r_floor) in FLOORS.items():
        t = tallies[cls]
        assert t.precision() >= p_floor, (cls, t.precision(), t.notes)
        assert t.recall() >= r_floor, (cls, t.recall(), t.notes)
