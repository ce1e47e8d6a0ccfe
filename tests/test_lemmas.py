"""The verbs the rules look up by lemma lemmatise from every form.

A rule that tests `lemma(word) in {"travel", "head", "come"}` is silent on "travelled" if
the lexicon does not know the verb: lemma() returns the word itself. Dev text 853 found two
such verbs ("conducted a visit", "undertook a visit"); this checks the other sets the rules
look up that way."""

from __future__ import annotations

import importlib

import pytest

from kg.extract.lexis import _IRREGULAR, _regular, lemma

# (the package re-exports a function named encounters, so the modules are imported by name)
encounters = importlib.import_module("kg.extract.encounters")
forces = importlib.import_module("kg.extract.forces")
statements = importlib.import_module("kg.extract.statements")
speech = importlib.import_module("kg.extract.speech")

# (module, set) pairs the rules compare lemma(word) with
LOOKED_UP = [
    (encounters, "_PLAN_VERBS"),
    (encounters, "_HOSTED_BY"),
    (encounters, "_UNDERTAKE"),
    (encounters, "_TRIP"),
    (encounters, "_TOPIC_VERBS"),
    (encounters, "_HELD"),
    (encounters, "_COME_FOR"),
    (forces, "_GOES"),
    (forces, "_PURPOSE"),
    (statements, "_COMMITMENT"),
    (statements, "_ISSUE"),
    (speech, "_WEAK"),
]


@pytest.mark.parametrize(("module", "name"), LOOKED_UP, ids=[n for _m, n in LOOKED_UP])
def test_every_form_of_a_looked_up_verb_lemmatises_to_it(module, name):
    verbs = {w for w in getattr(module, name) if w.isalpha() and not w.endswith("ed")}
    unknown = {
        v: [f for f in (_IRREGULAR.get(v) or _regular(v)) if lemma(f) != v] for v in sorted(verbs)
    }
    assert {v: forms for v, forms in unknown.items() if forms} == {}


def test_a_british_and_an_american_trip_are_one_verb():
    assert lemma("travelled") == lemma("traveled") == lemma("travelling") == "travel"
