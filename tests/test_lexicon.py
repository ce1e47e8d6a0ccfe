"""The lexicon is data: check it against the verified Wikidata identifiers."""

import csv
from pathlib import Path

import pytest
import yaml

from kg.extract.gazetteer import LEXICON_PATH

VERIFIED = Path("/work/shared/wikidata/verified-qids.tsv")


def test_only_verified_qids_with_their_source():
    if not VERIFIED.exists():
        pytest.skip("verified-qids.tsv not available here")
    with VERIFIED.open(encoding="utf-8") as f:
        verified = {row["qid"] for row in csv.DictReader(f, delimiter="\t")}
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    for section in data.values():
        for key, spec in section.items():
            if spec.get("qid"):
                assert spec["qid"] in verified, key
                assert spec.get("qid_source"), key


def test_keys_are_slugs_and_unique_variants_per_kind():
    from kg.ids import fold, slug

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    for section in data.values():
        seen: dict[str, str] = {}
        for key, spec in section.items():
            assert slug(key) == key
            for v in spec.get("variants", []):
                assert seen.setdefault(fold(v), key) == key, (v, key, seen[fold(v)])
