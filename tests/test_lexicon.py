"""The lexicon is data: check it against the verified Wikidata identifiers."""

import csv
from pathlib import Path

import yaml

from kg.extract.gazetteer import LEXICON_PATH

# A copy of shared/wikidata/verified-qids.tsv (the team's verified list), kept in the
# repository so the test reads nothing outside it and never skips.
VERIFIED = Path(__file__).parent / "data" / "shared" / "verified-qids.tsv"


def test_only_verified_qids_with_their_source():
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
