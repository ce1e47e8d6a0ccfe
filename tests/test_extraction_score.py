"""The scorer, and floors on the texts the extractor was developed on.

Floors are what the extractor reaches today, rounded down: they guard against
regressions and say nothing about unseen news. The held-out split
(tests/corpus/heldout/) is scored by `python -m kg.extract.score` and reported, never
asserted here: a held-out test that failed would have to be read to be fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.gold import GoldError
from kg.extract.score import MAIN_CLASSES, main, micro, score

ROOT = Path(__file__).resolve().parent.parent

# The seeds with the first gold files (keyed by IRI): every fact of the seeds comes out.
SEED_RECALL = 1.0
# seeds, the two first devdocs and the invented texts once called held-out (tests/data/tuned)
FIRST_GOLD = {  # class: (precision, recall)
    "entities: person": (0.95, 0.95),
    "entities: org": (0.75, 0.95),
    "entities: country": (0.95, 0.95),
    "entities: place": (0.8, 0.95),
    "meetings": (0.8, 0.95),
    "meeting participants": (0.9, 0.95),
    "statements (speaker)": (0.95, 0.95),
    "statements (meeting)": (0.95, 0.95),
    "deployments (facts)": (0.95, 0.95),
    "claims": (0.95, 0.95),
}
# the real-news development split (tests/corpus/dev, 936 texts, each scored at first
# sight when it was added): dev scores, tuned on. Texts added later may lower a figure
# (org recall 0.830 -> 0.8299 with texts 181-204; claims recall 0.761 -> 0.746 with texts
# 245-260, 0.746 -> 0.733 with texts 261-276; org recall 0.821 -> 0.813 and deployment
# precision 0.757 -> 0.736 with texts 293-308; org recall 0.813 -> 0.804 with texts 309-326,
# 0.809 -> 0.798 with texts 327-338; claims recall 0.733 -> 0.728 with texts 339-362;
# deployment precision 0.733 -> 0.722 and recall 0.524 -> 0.497, claims recall 0.723 -> 0.719
# with texts 375-392; deployment precision 0.724 -> 0.718 and recall 0.501 -> 0.470 with
# texts 393-410; deployment precision 0.734 -> 0.714 and recall 0.485 -> 0.467 with texts
# 411-428; deployment recall 0.467 -> 0.464 with texts 429-443, 0.468 -> 0.463 with texts
# 444-458, 0.463 -> 0.460 with texts 459-473; org precision 0.782 -> 0.779 with texts
# 639-653):
# a floor then moves with the commit that says so, never to hide a rule's loss.
DEV = {
    "entities: person": (0.85, 0.9),
    "entities: org": (0.77, 0.79),
    "entities: country": (0.93, 0.95),
    "entities: place": (0.81, 0.78),
    "meetings": (0.7, 0.5),
    "meeting participants": (0.55, 0.3),
    "statements (speaker)": (0.83, 0.75),
    "deployments (facts)": (0.71, 0.46),
    "claims": (0.79, 0.71),
}


@pytest.mark.slow
def test_every_fact_of_the_seeds_comes_out():
    tallies = score([str(ROOT / "seeds")])
    for cls in MAIN_CLASSES:
        assert tallies[cls].recall() >= SEED_RECALL, (cls, tallies[cls].notes)


@pytest.mark.slow
def test_first_gold_floors():
    tallies = score([str(ROOT / p) for p in ("seeds", "tests/data/devdocs", "tests/data/tuned")])
    for cls, (p_floor, r_floor) in FIRST_GOLD.items():
        t = tallies[cls]
        assert t.precision() >= p_floor, (cls, t.precision(), t.notes)
        assert t.recall() >= r_floor, (cls, t.recall(), t.notes)


@pytest.mark.slow
def test_dev_corpus_floors():
    tallies = score([str(ROOT / "tests" / "corpus" / "dev" / "texts")])
    for cls, (p_floor, r_floor) in DEV.items():
        t = tallies[cls]
        assert t.precision() >= p_floor, (cls, t.precision(), t.notes)
        assert t.recall() >= r_floor, (cls, t.recall(), t.notes)
    m = micro(tallies)
    assert m.precision() >= 0.83 and m.recall() >= 0.75, (m.precision(), m.recall())


# ---- the scorer itself, on a text and gold written for it ------------------------------

TEXT = """Leaders meet in Vilnius
Source: Example Wire | 2023-07-12

VILNIUS, July 12 (Example Wire) - Finnish President Sauli Niinisto held talks with Estonian
Prime Minister Kaja Kallas in Vilnius on Wednesday, the Finnish presidency said.

"We stand together," Niinisto told reporters. Kallas said Estonia would send 200 soldiers
to Latvia.
"""

GOLD = """format: 2
source: https://example.org/wire
published: 2023-07-12
entities:
  - {type: person, name: Sauli Niinisto, also: [Niinisto]}
  - {type: person, name: Kaja Kallas, also: [Kallas]}
  - {type: country, name: Finland, also: [Finnish]}
  - {type: country, name: Estonia, also: [Estonian]}
  - {type: country, name: Latvia}
  - {type: place, name: Vilnius}
  - {type: org, name: Example Wire, optional: true}
meetings:
  - {kind: InPersonMeeting, date: 2023-07-12, participants: [Sauli Niinisto, Kaja Kallas],
     place: Vilnius}
statements:
  - speaker: Finland
    from: "Finnish President Sauli Niinisto held"
    to: "the Finnish presidency said."
  - speaker: Sauli Niinisto
    from: "\\"We stand together,\\""
    to: "told reporters."
  - speaker: Kaja Kallas
    from: "Kallas said Estonia"
    to: "to Latvia."
deployments:
  - {deployed_by: Estonia, destination: [Latvia], personnel: 200}
claims:
  - [Personnel, 200]
"""


def _corpus(tmp_path: Path, gold: str | None = GOLD) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "01_wire.txt").write_text(TEXT, encoding="utf-8")
    if gold is not None:
        (tmp_path / "gold").mkdir()
        (tmp_path / "gold" / "01_wire.yaml").write_text(gold, encoding="utf-8")
    return texts


def test_scorer_matches_by_name_and_type(tmp_path: Path):
    tallies = score([str(_corpus(tmp_path))])
    people = tallies["entities: person"]
    # found by their names (no lexicon entry for either), one node each
    assert people.tp_gold == 2 and people.fn == 0 and people.fp == 0, people.notes
    assert tallies["entities: country"].fn == 0, tallies["entities: country"].notes
    assert tallies["actors outside lexicon"].tp_gold >= 2


def test_a_title_written_into_a_gold_name_is_no_part_of_it(tmp_path: Path):
    """Gold written "Sultan Hassanal Bolkiah" (dev 321) or "Sheikh Tamim bin Hamad al-Thani"
    (dev 128) counted the person the extractor names without the title as missed and
    false: a title is no part of a name (docs/gold-format.md)."""
    titled = GOLD.replace("name: Kaja Kallas,", "name: Prime Minister Kaja Kallas,").replace(
        "[Sauli Niinisto, Kaja Kallas]", "[Sauli Niinisto, Prime Minister Kaja Kallas]"
    )
    assert titled != GOLD
    tallies = score([str(_corpus(tmp_path, titled))])
    people = tallies["entities: person"]
    assert people.tp_gold == 2 and people.fn == 0 and people.fp == 0, people.notes


def test_scorer_counts_a_wrong_speaker_both_ways(tmp_path: Path):
    wrong = GOLD.replace("  - speaker: Kaja Kallas\n", "  - speaker: Sauli Niinisto\n")
    tallies = score([str(_corpus(tmp_path, wrong))])
    t = tallies["statements (speaker)"]
    assert t.fp >= 1 and t.fn >= 1, t.notes


def test_scorer_counts_a_second_node_as_extra(tmp_path: Path, monkeypatch):
    """Two nodes for one person ("Sauli Niinisto" and "Niinisto" apart): one hit, one extra."""
    import kg.extract
    from kg.extract.model import Entity, Extraction

    real = kg.extract.extract_facts

    def split_person(doc):
        facts, ctx = real(doc)
        ents = {r: e for r, e in facts.entities.items() if not r.startswith("person/")}
        ents["person/sauli-niinisto"] = Entity("person", "sauli-niinisto", "Sauli Niinisto")
        ents["person/niinisto"] = Entity("person", "niinisto", "Niinisto")
        ents["person/kaja-kallas"] = Entity("person", "kaja-kallas", "Kaja Kallas")
        return Extraction(meta=facts.meta, entities=ents), ctx

    monkeypatch.setattr(kg.extract, "extract_facts", split_person)
    t = score([str(_corpus(tmp_path))])["entities: person"]
    assert (t.tp_gold, t.fn, t.fp) == (2, 0, 1), t.notes
    assert any("second node person/" in n for n in t.notes)


def test_a_folder_with_no_text_to_score_is_an_error(tmp_path: Path, capsys):
    """A folder of links to texts outside it (which the reader skips) scored nothing and
    printed 1.000 everywhere: no text scored is an error, as a text with no gold is."""
    (tmp_path / "real").mkdir()
    outside = _corpus(tmp_path / "real")
    linked = tmp_path / "linked" / "texts"
    linked.mkdir(parents=True)
    for t in outside.glob("*.txt"):
        (linked / t.name).symlink_to(t)
    with pytest.raises(GoldError, match="no text to score"):
        score([str(linked)])
    assert main([str(linked)]) == 2
    assert "no text to score" in capsys.readouterr().err


def test_a_text_without_gold_is_an_error(tmp_path: Path, capsys):
    texts = _corpus(tmp_path, gold=None)
    with pytest.raises(GoldError, match="no gold"):
        score([str(texts)])
    assert main([str(texts)]) == 2
    assert "no gold" in capsys.readouterr().err


def test_gold_naming_an_unknown_actor_is_an_error(tmp_path: Path):
    bad = GOLD.replace("participants: [Sauli Niinisto, Kaja Kallas]", "participants: [Nobody]")
    with pytest.raises(GoldError, match="Nobody"):
        score([str(_corpus(tmp_path, bad))])


def test_a_misdated_meeting_counts_apart(tmp_path: Path):
    """A meeting found with the right parties on another day misses `meetings` (the date is
    part of the fact) and is told apart in `meetings (any date)`, so a score says whether
    the events were not found or only misdated."""
    right = score([str(_corpus(tmp_path))])
    assert right["meetings"].tp_gold == 1 and right["meetings (any date)"].tp_gold == 1
    (tmp_path / "gold" / "01_wire.yaml").write_text(
        GOLD.replace("date: 2023-07-12, participants", "date: 2023-07-11, participants"),
        encoding="utf-8",
    )
    wrong = score([str(tmp_path / "texts")])
    assert (wrong["meetings"].tp_gold, wrong["meetings"].fn, wrong["meetings"].fp) == (0, 1, 1)
    anyday = wrong["meetings (any date)"]
    assert (anyday.tp_gold, anyday.fn, anyday.fp) == (1, 0, 0), anyday.notes
    assert any("dated 2023-07-12, gold 2023-07-11" in n for n in anyday.notes), anyday.notes
    assert "meetings (any date)" not in MAIN_CLASSES


def test_a_wrong_speaker_is_still_a_statement_found(tmp_path: Path):
    """Words given to the wrong person miss `statements (speaker)` both ways and count as
    found in `statements (any speaker)`: finding speech is told apart from naming who spoke."""
    wrong = GOLD.replace("  - speaker: Kaja Kallas\n", "  - speaker: Sauli Niinisto\n")
    right = score([str(_corpus(tmp_path))])["statements (any speaker)"]
    assert right.fp == 0 and right.fn == 0 and right.tp_gold == 3, right.notes
    (tmp_path / "gold" / "01_wire.yaml").write_text(wrong, encoding="utf-8")
    tallies = score([str(tmp_path / "texts")])
    assert tallies["statements (speaker)"].fn >= 1
    found = tallies["statements (any speaker)"]
    assert (found.tp_gold, found.fn, found.fp) == (3, 0, 0), found.notes
    assert "statements (any speaker)" not in MAIN_CLASSES


def test_a_deployment_is_paired_with_the_gold_one_it_fits_best(tmp_path: Path):
    """Dev 513 (a sending to Poland of 3,000 scored against the gold's 1,000 to Romania): of
    two gold deployments by the same sender, the one found is paired with the one it agrees
    with most, not with the first written."""
    two = GOLD.replace(
        "  - {deployed_by: Estonia, destination: [Latvia], personnel: 200}",
        "  - {deployed_by: Estonia, destination: [Finland], personnel: 500}\n"
        "  - {deployed_by: Estonia, destination: [Latvia], personnel: 200, date: 2023-07-11}",
    )
    texts = _corpus(tmp_path, two)
    sent = TEXT + "\nEstonia sent 200 soldiers to Latvia on Tuesday.\n"
    (texts / "01_wire.txt").write_text(sent, encoding="utf-8")
    t = score([str(texts)])["deployments (facts)"]
    assert t.fp == 0, t.notes
    assert t.fn == 3, t.notes  # the sending to Finland, missed whole


def test_an_org_named_in_gold_by_a_name_the_lexicon_gives_it_in_context_is_found(
    tmp_path: Path,
) -> None:
    """dev 937: gold "Peace and Security Council", for "The Peace and Security Council of
    the African Union (AU)": the extractor found the lexicon's African Union Peace and
    Security Council, which the lexicon names so where the AU is named (a bare variant),
    and the scorer counted one missed and one extra org."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "01_psc.txt").write_text(
        "Communique\nSource: Example Wire | 2015-05-24\n\n"
        "The Peace and Security Council of the African Union (AU), at its meeting held on 22"
        " May 2015, was briefed on the situation in South Sudan.\n",
        encoding="utf-8",
    )
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "01_psc.yaml").write_text(
        "format: 2\nsource: https://example.org/psc\npublished: 2015-05-24\nentities:\n"
        "  - {type: org, name: Peace and Security Council}\n"
        "  - {type: org, name: African Union, also: [AU]}\n"
        "  - {type: country, name: South Sudan}\n"
        "  - {type: org, name: Example Wire, optional: true}\n",
        encoding="utf-8",
    )
    orgs = score([str(texts)])["entities: org"]
    assert orgs.fn == 0 and orgs.fp == 0, orgs.notes
