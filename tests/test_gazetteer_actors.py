"""Lexicon matching, posts and unknown actors; invented sentences."""

from kg.extract.context import build
from kg.extract.gazetteer import find_mentions, fold_text


def keys(text, kind=None):
    return [m.key for m in find_mentions(text) if kind is None or m.kind == kind]


def test_folding_keeps_offsets():
    t = "Çavuşoğlu met Szijjártó in İstanbul — “ok”"
    assert len(fold_text(t)) == len(t)


def test_variants_meet_on_one_key():
    assert keys("Mevlüt Çavuşoğlu and Mevlut Cavusoglu", "person") == ["mevlut-cavusoglu"] * 2
    assert keys("Mukhtar Tleuberdi and Mukhtar Tileuberdi", "person") == ["mukhtar-tileuberdi"] * 2
    assert keys("Türkiye, Turkey and the Republic of Turkey", "country") == ["turkey"] * 3
    assert keys("Alma-Ata and Almaty", "place") == ["almaty", "almaty"]
    assert keys("The OTG summit", "org") == ["ots"]


def test_word_boundaries_on_folded_text():
    assert keys("General Çakar spoke", "person") == []
    assert keys("Akar spoke", "person") == ["hulusi-akar"]


def test_acronyms_are_case_sensitive():
    assert keys("the un-named official", "org") == []
    assert keys("the UN envoy", "org") == ["un"]


def test_posts_from_appositives_and_titles():
    doc = build(
        "H.E. Ruslan Kazakbaev, Minister of Foreign Affairs of the Kyrgyz Republic, met "
        "Uzbek Foreign Minister Abdulaziz Kamilov in Tashkent."
    )
    assert "minister-of-foreign-affairs-kyrgyzstan" in doc.entities["person/ruslan-kazakbaev"].posts
    assert (
        "minister-of-foreign-affairs-uzbekistan" in doc.entities["person/abdulaziz-kamilov"].posts
    )


def test_two_posts_in_one_phrase():
    doc = build(
        "Nurlan Abenov, Deputy Prime Minister and Minister of Finance of the Republic of "
        "Kazakhstan, said the budget was approved."
    )
    posts = doc.entities["person/nurlan-abenov"].posts
    assert posts == {"deputy-prime-minister-kazakhstan", "minister-of-finance-kazakhstan"}


def test_unknown_person_needs_a_title():
    doc = build(
        "Aigerim Bekova, spokesperson of the Ministry of Energy of Kazakhstan, said prices "
        "will fall. Green Valley Farms reported a loss."
    )
    assert "person/aigerim-bekova" in doc.entities
    assert not any(k.startswith("person/green") for k in doc.entities)
    assert "org/ministry-of-energy-kazakhstan" in doc.entities


def test_patronymic_forms_fold_to_the_person():
    doc = build(
        "The President of the Republic of Kazakhstan Kassym-Jomart Kemelevich Tokayev spoke."
    )
    assert "person/kassym-jomart-tokayev" in doc.entities
    assert "president-kazakhstan" in doc.entities["person/kassym-jomart-tokayev"].posts


def test_sub_body_of_a_known_organization():
    doc = build("The Council of Heads of State of the Shanghai Cooperation Organisation met.")
    ent = doc.entities["org/sco-council-of-heads-of-state"]
    assert ent.parent == "sco"
