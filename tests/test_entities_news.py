"""Organizations and places in news, each rule on a text written for its test (about other
people and places than any gold text): what the recogniser finds, typed as the gold format
says (docs/gold-format.md)."""

from __future__ import annotations

import pytest

from tests.news_facts import facts, meetings_of, parties, refs

# ---- a government named by its state is the state -----------------------------------------

GOVERNMENTS = """Fiji and Samoa agree on fisheries patrols
Source: Pacific Wire | 2024-06-27

SUVA, June 27 - The Samoan Government has asked Fiji to help patrol its waters after illegal
fishing boats were seen near Savai'i, officials said on Thursday.

Fiji's Minister for Fisheries Kalaveti Ravu said the Royal Government of Tonga had also
offered a patrol boat, and that the Vanuatu Government would send an observer.
"""


def test_a_government_named_by_its_state_is_the_state():
    f = facts(GOVERNMENTS)
    assert {"country/samoa", "country/tonga", "country/vanuatu"} <= refs(f, "country")
    govs = {r for r in refs(f, "org") if "government" in r}
    assert govs == set(), govs


# ---- a region or town of a state the story names, read as a person or a body --------------

REGIONS = """Regional governments ask for soldiers after floods
Source: World Desk | 2024-06-27

Malaysia's navy moved two ships to the base at Lumut, and the Terengganu government opened
shelters on Thursday.

Colombia's army said the southwestern Putumayo region was calm. "We have sent troops to
secure Mocoa and other towns," the commander said.
"""


def test_a_region_or_town_of_a_state_named_is_a_place_whatever_the_recogniser_says():
    f = facts(REGIONS)
    assert {"place/terengganu", "place/putumayo", "place/mocoa"} <= refs(f, "place")
    assert not {
        r for r in f.entities if r.split("/")[1] in ("terengganu", "putumayo", "mocoa")
    } - refs(f, "place")


CAPITAL_DATELINE = """Lao minister visits Viet Nam
Source: Mekong Wire | 2024-06-27

HÀ NỘI — Laos's foreign minister arrived in Hà Nội on Thursday for two days of talks with
Viet Nam's foreign ministry, officials said.
"""


def test_a_city_that_is_also_a_region_is_one_place_in_the_dateline_and_the_body():
    f = facts(CAPITAL_DATELINE)
    assert refs(f, "place") == {"place/hanoi"}


# ---- a state named by its capital ----------------------------------------------------------

CAPITALS = """Iberian neighbours at odds over fishing quotas
Source: Iberia Wire | 2024-06-27

Portugal's fishermen protested on Thursday after new quotas were set. Madrid said on Friday
that the quotas were fair, while Lisbon's position was that they hurt coastal towns.

The rules had been proposed by Rome, officials said. Ministers met in Porto, Portugal, last
week, and the talks will continue in Lisbon next month.
"""


def test_a_capital_that_speaks_or_acts_is_its_state_and_a_capital_where_things_happen_a_place():
    f = facts(CAPITALS)
    assert {"country/spain", "country/italy", "country/portugal"} <= refs(f, "country")
    assert refs(f, "place") == {"place/lisbon", "place/porto"}


# ---- a news outlet cited for what it reported ----------------------------------------------

OUTLETS = """Ghana and Togo agree on border patrols
Source: Coastal Wire | 2024-06-27

Ghana and Togo will hold joint patrols along their border from next month,
Ghana's Volta Courier reported on Thursday.

The two armies will share a command post near Aflao, West Africa Review reports. The first
patrol had already been planned in May, togonews.tg informs.

Interior Minister Kojo Asante wrote on social media that the patrols would begin on July 1.
"""


def test_a_name_that_reports_is_a_news_outlet_and_a_minister_who_writes_a_person():
    f = facts(OUTLETS)
    outlets = {"org/volta-courier", "org/west-africa-review", "org/togonews-tg"}
    assert outlets <= refs(f, "org")
    assert {f.entities[r].category for r in outlets} == {"news agency"}
    assert "person/kojo-asante" in refs(f, "person")
    assert not {r for r in refs(f, "person") if "courier" in r or "review" in r}


# ---- an acronym the text never spells out --------------------------------------------------

INITIALS = """Militia and army trade blame over clashes
Source: Sahel Wire | 2024-06-27

Fighting broke out on Thursday between the Malian Armed Forces and
the Azawad Liberation Front near Kidal, residents said.

An ALF spokesman said the group had been attacked first.
"""


def test_an_acronym_is_the_one_body_named_in_full_with_those_initials():
    f = facts(INITIALS)
    assert "org/azawad-liberation-front" in refs(f, "org")
    assert "org/alf" not in refs(f, "org")


def test_a_body_run_into_the_name_of_its_head_gives_the_body_and_the_person():
    """Dev text 213: "Chief of the Presidential Staff Office Moeldoko", "Chairman of the Hà
    Nội municipal People's Committee Trần Sỹ Thanh" and "Chairman of the National Assembly
    Vương Đình Huệ" were read as three organizations with the names in them, and no person
    (a name word opening with a capital outside ASCII, "Đình", was no name word)."""
    f = facts(
        "Visit\nSource: Example | 2023-09-06\n\n"
        "The guests were welcomed in Vientiane by Chairman of the Vientiane municipal People's"
        " Committee Atsaphangthong Siphandone and Chief of the Presidential Staff Office"
        " Khamphao. He later met Chairman of the National Assembly Saysomphone Phomvihane and"
        " Vice President Bounthong Chitmany. He also met Chairman of the Economic Committee"
        " Vương Đình Huệ.\n"
    )
    people = refs(f, "person")
    assert {
        "person/atsaphangthong-siphandone",
        "person/khamphao",
        "person/saysomphone-phomvihane",
        "person/vuong-dinh-hue",
    } <= people, people
    assert not [r for r in refs(f, "org") if "siphandone" in r or "khamphao" in r], f.entities


def test_a_name_word_may_open_with_a_capital_outside_ascii():
    """Dev texts 187 and 213: "José Ángel Portal Miranda" and "Vương Đình Huệ" were no
    names ("Ángel", "Đình" did not open with A-Z); a word opening with a letter that is no
    capital ("ʼs Infrastructure", with a modifier apostrophe) still is none."""
    from kg.extract.names import clean_person

    for name in ("José Ángel Portal Miranda", "Vương Đình Huệ", "Ólafur Ragnar Grímsson"):
        text = f"Minister {name} said"
        assert clean_person(text, 9, 9 + len(name))[2] is not None, name
    text = "Ukraineʼs Infrastructure"
    assert clean_person(text, 7, len(text))[2] is None


def test_png_and_ksa_are_states():
    """Dev texts 71, 96 and 169: "PNG's police deployment", "the PNG contingent" gave an
    organization PNG; news writes PNG for Papua New Guinea and KSA for Saudi Arabia, which
    neither country package lists (kg/data/country-aliases.yaml)."""
    f = facts(
        "Police\nSource: Example | 2021-11-30\n\n"
        "PNG has sent 37 police officers to Vanuatu, and the KSA pledged funds for them.\n"
    )
    assert {"country/papua-new-guinea", "country/saudi-arabia"} <= refs(f, "country"), f.entities
    assert not refs(f, "org"), f.entities


def test_a_title_case_headline_verb_opens_no_organization():
    """Dev texts 107 and 194: "Uganda Deploys Special Forces to South Sudan", "Colombia Sends
    More Troops To Restive Southwest" gave the organizations "Deploys Special Forces of
    Uganda" and "Sends More Troops of Colombia"."""
    f = facts(
        "Kenya Deploys Special Forces To Northern Border\nSource: Example | 2024-02-01\n\n"
        "Kenya has deployed special forces to its northern border, the army said.\n"
    )
    assert not [r for r in refs(f, "org") if "deploys" in r], f.entities


def test_the_first_words_of_a_post_are_no_organization():
    """Dev texts 132, 201 and 207: "Greece's Foreign Affairs Minister", "India's External
    Affairs Minister", "Liberia's Permanent Representative" gave organizations named by the
    words before the post. (Invented sentences of that shape were read right, so the dev
    texts themselves are read.) "CIA Director" keeps its body."""
    from pathlib import Path

    dev = Path(__file__).parent / "corpus" / "dev" / "texts"
    for name, wrong in (
        ("207_astanatimes_sco-summit-kicks-off-astana", "org/indias-external-affairs"),
        ("201_greekcitytimes_dendias-gonzalez-laya-madrid", "org/foreign-affairs-greece"),
        ("132_analystliberia_ecowas-54th-summit-abuja", "org/liberias-permanent"),
    ):
        orgs = refs(facts((dev / f"{name}.txt").read_text("utf-8")), "org")
        assert wrong not in orgs, (name, orgs)
    f = facts(
        "Talks\nSource: Example | 2024-07-04\n\n"
        "CIA Director William Burns met Kenya's Foreign Affairs Minister Musalia Mudavadi in"
        " Nairobi.\n"
    )
    assert "org/cia" in refs(f, "org"), f.entities


def test_a_line_of_capitals_names_no_organization():
    """Dev texts 184 and 215: the sign-off "(END) SMA/MVB" and the subheading "LOCAL LEADERS"
    gave the organizations END, SMA, MVB and LOCAL."""
    f = facts(
        "Talks\nSource: Example | 2024-07-04\n\n"
        "President William Ruto met President Yoweri Museveni in Mombasa on Thursday.\n\n"
        "REGIONAL LEADERS\n\n"
        "The talks were also attended by officials of NATO and the African Union.\n\n"
        "(END) KMT/JPR\n"
    )
    orgs = refs(f, "org")
    assert not {"org/regional", "org/kmt", "org/jpr", "org/end"} & orgs, orgs
    assert "org/nato" in orgs, orgs


def test_the_people_of_a_body_are_not_another_body():
    """Dev text 242: "the Kenya Defence Forces Soldiers returned home" gave an organization
    "Kenya Defence Forces Soldiers" beside the Kenya Defence Forces."""
    f = facts(
        "Troops home\nSource: Example | 2023-12-21\n\n"
        "The Tanzania People's Defence Force deployed 1,000 troops to Goma in March.\n\n"
        "On Thursday, the Tanzania People's Defence Force Soldiers returned home shoulders"
        " high after reclaiming towns from the rebels.\n"
    )
    orgs = refs(f, "org")
    assert not [r for r in orgs if r.endswith("soldiers")], orgs
    assert [r for r in orgs if "defence-force" in r], orgs


def test_a_part_of_a_state_is_no_organization():
    """Dev text 242: "deployed to the Eastern Democratic Republic of Congo (DRC)" gave an
    organization "Eastern Democratic Republic of Congo"; the part of a state is the state."""
    f = facts(
        "Troops home\nSource: Example | 2023-12-21\n\n"
        "The last batch of Burundi National Defence Force officers deployed to the Eastern"
        " Democratic Republic of Congo (DRC) has returned to the country.\n"
    )
    assert not [r for r in refs(f, "org") if "congo" in r], refs(f, "org")
    assert [r for r in refs(f, "country") if "congo" in r], refs(f, "country")


def test_a_name_after_a_ministers_portfolio_is_a_person():
    """Dev text 213: "Minister of State-Owned Enterprises Erick Thohir, Minister of Industry
    Agus Gumiwang Kartasasmita, Minister of Maritime Affairs and Fisheries Sakti Wahyu
    Trenggono": the small model found none of the names."""
    f = facts(
        "Delegation\nSource: Example | 2023-06-11\n\n"
        "The president was accompanied by Minister of Foreign Affairs Oyun Dashdorj, Minister"
        " of Mining and Heavy Industry Batjargal Tsogt, Minister of Maritime Affairs and"
        " Fisheries Sakti Wahyu Trenggono and Minister of State-Owned Enterprises Erick"
        " Thohir.\n"
    )
    persons = refs(f, "person")
    assert {
        "person/oyun-dashdorj",
        "person/batjargal-tsogt",
        "person/sakti-wahyu-trenggono",
        "person/erick-thohir",
    } <= persons, persons
    assert not {p for p in persons if "affairs" in p or "industry" in p or "fisheries" in p}


def test_a_name_goes_on_before_bin_and_a_title_word_before_bin_is_the_name():
    """Dev text 216: "Gen Sultan bin Mohammed al Nuamani" became "bin Mohammed al Nuamani"
    and "Darwish bin Ismaeel al Bulushi" became "Ismaeel al Bulushi"."""
    f = facts(
        "Audience\nSource: Example | 2023-06-11\n\n"
        "The meeting was attended by Gen Sultan bin Rashid al Harthy, Minister of the Royal"
        " Office, and Saif bin Nasser al Hinai, Minister Responsible for Financial Affairs.\n"
    )
    persons = refs(f, "person")
    assert {"person/sultan-bin-rashid-al-harthy", "person/saif-bin-nasser-al-hinai"} <= persons, (
        persons
    )
    assert not {p for p in persons if p.startswith("person/bin-")}, persons


def test_a_portfolio_and_a_name_are_read_on_one_line_only():
    from kg.extract.ner import _names_after_portfolio

    one_line = "met Minister of Maritime Affairs and Fisheries Sakti Wahyu Trenggono on Friday"
    assert [one_line[s:e] for s, e in _names_after_portfolio(one_line)] == ["Sakti Wahyu Trenggono"]
    heading = "Statement by the Minister of Foreign Affairs\n\nJohn Smith told reporters"
    assert list(_names_after_portfolio(heading)) == []


def test_a_surname_the_text_calls_the_person_by_ends_the_name():
    """ "his Pakistani counterpart Khursheed Mehmood Kasuri … Singh and Kasuri" (a fresh
    real text): the recogniser stopped at "Mehmood", and "Kasuri" became a town; the word
    the text later calls him by alone is his surname."""
    f = facts(
        "Ministers lunch\nSource: Example | 2024-06-22\n\n"
        "Foreign minister Natwar Singh met his Pakistani counterpart Khursheed Mehmood"
        " Kasuri in Qingdao today.\n\n"
        "Singh and Kasuri have spoken several times in the past weeks.\n"
    )
    assert "person/khursheed-mehmood-kasuri" in refs(f, "person")
    assert not any("kasur" in r for r in refs(f, "place"))


def test_short_forms_of_ranks_are_no_part_of_the_name():
    """ "Brig Gen Ahmad Habibi said" (a fresh real text) was person "Brig Gen Ahmad
    Habibi"."""
    f = facts(
        "Handover\nSource: Example | 2011-07-06\n\n"
        "The area's Afghan commander, Brig Gen Ahmad Habibi, said the soldiers had earned a"
        " great name.\n\n"
        "Rear Adm. Jane Doe said the ships would leave.\n"
    )
    assert {"person/ahmad-habibi", "person/jane-doe"} <= refs(f, "person")


def test_a_summit_report_names_no_person_after_its_hall_nor_a_town_for_its_continent():
    """An AU summit report (a fresh real text): "The Nelson Mandela plenary hall was full"
    is a hall, not a person at the summit; "H.E Alpha Conde" is Alpha Condé without the
    honorific's dotless form; "the challenges that Africa faces" is the continent, not
    Mahdia in Tunisia (once called Africa), nor "Asia" a town in the Philippines."""
    f = facts(
        "Summit opens\nSource: Example | 2017-01-30\n\n"
        "The Nelson Mandela plenary hall was full to capacity with delegates.\n\n"
        "The outgoing chair handed over to the newly elected Chairperson of the African"
        " Union, H.E Alpha Conde, President of the Republic of Guinea.\n\n"
        "Speakers told of the challenges that Africa and Asia face.\n"
    )
    persons = refs(f, "person")
    assert "person/alpha-conde" in persons, persons
    assert "person/nelson-mandela" not in persons
    assert "place/mahdia" not in refs(f, "place")
    asia = f.entities.get("place/asia")
    assert asia is None or (asia.country is None and asia.geonames_id is None), asia


def test_a_bodys_one_word_name_after_a_title_is_a_given_name():
    """ "the top Army commander in the border area, General Wagner Bravo, told the daily" (a
    dev text) gave the Wagner Group, whose one-word alias is the general's given name."""
    text = (
        "Ecuador deploys\nSource: Example | 2011-11-10\n\n"
        "The troops were sent to Esmeraldas, the top Army commander in the area, General Wagner"
        " Bravo, told the daily.\n\n"
        "Bravo said the border was calm. The Wagner Group was not in the area.\n"
    )
    f = facts(text)
    assert "person/wagner-bravo" in refs(f, "person"), refs(f, "person")
    # the body named in full is still the body
    assert "org/wagner-group" in refs(f, "org"), refs(f, "org")


def test_a_typeset_apostrophe_in_a_name_is_the_lexicons_apostrophe():
    """ "the Republic of Côte d’Ivoire" (a dev text, with U+2019) found no country: the
    folded text had a space where the lexicon's "Côte d'Ivoire" has an apostrophe."""
    text = (
        "Visit ends\nSource: Example | 2021-12-04\n\n"
        "President Cyril Ramaphosa has lauded the Republic of Côte d’Ivoire for the warmth"
        " displayed during his State Visit to Abidjan.\n\n"
        "The Sudan People’s Liberation Movement-in-Opposition said talks would resume.\n"
    )
    f = facts(text)
    assert "country/cote-d-ivoire" in refs(f, "country"), refs(f, "country")
    assert "country/sudan" not in refs(f, "country"), refs(f, "country")


def test_a_surname_in_the_headline_is_the_person_the_story_names():
    """ "Bush, Putin Discusses US-Russian Relations" (a dev text) made "Bush" a town of the
    gazetteer (Būsh, Egypt): the story names George W. Bush only after the headline."""
    text = (
        "Lula, Petro Discuss Amazon Deal\nSource: Example | 2023-08-09\n\n"
        "Brazilian President Luiz Inacio Lula and Colombian President Gustavo Petro held talks"
        " in Belem on Tuesday.\n\n"
        "Petro said the deal would protect the forest.\n"
    )
    f = facts(text)
    assert not refs(f, "place") & {"place/petro", "place/lula"}, refs(f, "place")
    headline_bush = text.replace("Lula, Petro", "Bush, Putin").replace(
        "Brazilian President Luiz Inacio Lula and Colombian President Gustavo Petro",
        "US President George W. Bush and Russian President Vladimir Putin",
    )
    f = facts(headline_bush)
    assert "place/bush" not in refs(f, "place"), refs(f, "place")


def test_a_surname_after_a_states_possessive_is_its_person():
    """ "Ukraine's Zelensky and Poland's Duda signed …", as a lede writes leaders: the
    recogniser's lone-word person was kept only after a title or before a verb of saying,
    so Zelensky was no one."""
    f = facts(
        "Security pact signed\nSource: Test Wire | 2024-05-10\n\n"
        "Ukraine's Zelensky and Poland's Duda signed a security agreement in Warsaw on Monday.\n"
    )
    assert "person/zelensky" in refs(f, "person"), refs(f, "person")


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt blamed Ethiopia for the collapse of talks on the Grand Ethiopian Renaissance Dam.",
        "Zambia and Botswana opened the Kazungula Bridge on Monday.",
    ],
)
def test_a_structure_is_no_person(sentence):
    """The model read "the Grand Ethiopian Renaissance Dam" as a body, and a rule cut the
    state's adjective off and kept "Renaissance Dam" as a person's name."""
    f = facts(f"Structures\nSource: Test Wire | 2024-05-10\n\n{sentence}\n")
    assert not [p for p in refs(f, "person") if p.endswith(("-dam", "-bridge"))], refs(f, "person")


def test_a_title_case_headline_names_no_body_the_story_never_names():
    """ "Most European Troops Have Already Pulled Out of Afghanistan" (a dev text) made an
    organisation "Most European Troops", sender of a deployment."""
    text = (
        "Most Foreign Forces Have Already Left Mali\nSource: Example | 2022-08-15\n\n"
        "The last French soldiers left Mali on Monday, the army said.\n\n"
        "The Malian Armed Forces took over the base in Gao.\n"
    )
    f = facts(text)
    assert "org/most-foreign-forces" not in refs(f, "org"), refs(f, "org")
    assert "org/armed-forces-mali" in refs(f, "org") or "org/malian-armed-forces" in refs(
        f, "org"
    ), refs(f, "org")


def test_a_body_named_with_un_and_with_united_nations_is_one():
    """ "the United Nations Stabilization Mission (MINUSTAH)" and "the UN Stabilization
    Mission" (a dev text) were two organisations."""
    text = (
        "Troops arrive\nSource: Example | 2004-10-30\n\n"
        "The troops joined the United Nations Verification Mission in the capital on"
        " Thursday.\n\n"
        "The UN Verification Mission has 600 observers.\n"
    )
    orgs = refs(facts(text), "org")
    assert orgs == {"org/un-verification-mission"}, orgs


def test_a_demonstrative_is_no_part_of_a_name():
    """ "This Regional Force is a component of the military-security component" (dev 269)
    made an organization "This Regional Force", a second node beside the force the story
    named."""
    text = (
        "Force\nSource: Example | 2022-08-16\n\n"
        "The leaders approved the Southern Joint Task Force on Monday. This Southern Joint Task"
        " Force will deploy in May.\n"
    )
    orgs = refs(facts(text), "org")
    assert not any("this" in r for r in orgs), orgs


def test_a_body_named_again_by_its_last_word_is_the_same_body():
    """ "The Community remains committed to working with the people …" after "the Caribbean
    Community" (dev 274) made a second organization "Community"."""
    text = (
        "Summit\nSource: Example | 2024-01-09\n\n"
        "The Seventh Meeting of the East African Community Lead Heads of Government was held"
        " today.\n\n"
        "Heads acknowledged the role of Kenya in coordinating the efforts of the Community in"
        " this regard.\n\n"
        "The Community remains committed to peace in the region.\n"
    )
    f = facts(text)
    orgs = refs(f, "org")
    assert "org/community" not in orgs and len(orgs) == 1, orgs
    # the word names the body, but is no name of it (no skos:altLabel "Community")
    (body,) = orgs
    assert "Community" not in f.entities[body].surfaces, f.entities[body].surfaces


def test_the_second_word_of_a_states_name_is_nobodys_name():
    """ "External Affairs Minister S Jaishankar met Sri Lanka’s new President Anura Kumara
    Dissanayake" (dev 288) made a person "Lanka", a third party of the meeting."""
    text = (
        "Talks\nSource: Example | 2024-10-04\n\n"
        "Foreign Minister Penny Wong met Sri Lanka’s new President Anura Kumara Dissanayake"
        " in Colombo on Friday.\n"
    )
    assert refs(facts(text), "person") == {
        "person/penny-wong",
        "person/anura-kumara-dissanayake",
    }


def test_a_short_given_name_is_part_of_the_name_as_written():
    """ "DFA spokesperson Ma. Teresita Daza said" (dev 83 and 283): the recogniser left the
    short given name ("Ma." for María; "Mohd." for Mohammad) out of the name, so the person
    was never found under the name the text writes; "Mohd" alone became a second person."""
    from kg.documents import document_from_bytes
    from kg.extract import extract_facts

    text = (
        "Talks\nSource: Example | 2024-01-09\n\n"
        "DFA spokesperson Ma. Lourdes Yparraguirre said on Monday that Foreign Minister Mohd."
        " Hasan Mahmud would visit Manila.\n"
    )
    f = extract_facts(document_from_bytes("t.txt", text.encode("utf-8")))[0]
    written = {m.surface for m in f.mentions if m.kind == "person"}
    assert {"Ma. Lourdes Yparraguirre", "Mohd. Hasan Mahmud"} <= written, written
    assert "person/mohd" not in f.entities


def test_a_lake_or_a_mountain_is_a_place_not_a_person():
    """ "… such as those related to the Mauri River and Lake Titicaca" (dev 284) made a
    person "Lake Titicaca": a two-word capitalised name the gazetteers miss reads as a
    person's, unless its first word names a lake, a mountain or a cape."""
    text = (
        "Talks\nSource: Example | 2021-10-29\n\n"
        "The commitments cover the Mauri River and Lake Titicaca. Troops were later sent to"
        " Mount Elgon.\n"
    )
    f = facts(text)
    assert not refs(f, "person"), refs(f, "person")
    assert {"place/lake-titicaca", "place/mount-elgon"} <= refs(f, "place")


def test_the_last_words_of_a_persons_name_are_that_person():
    """ "Mexico Foreign Affairs Secretary Marcelo Ebrard said López Obrador would raise his
    concerns" after "Mexican President Andrés Manuel López Obrador" (dev 292): the model read
    the two surnames as an organization, which only a one-word surname was checked for."""
    from kg.extract.model import Entity
    from kg.extract.ner import _org_is_person

    text = "Ebrard said López Obrador would raise his concerns."
    s = text.index("López")
    ents = {
        "person/amlo": Entity("person", "amlo", "Andrés Manuel López Obrador"),
        "person/ebrard": Entity("person", "ebrard", "Marcelo Ebrard"),
    }
    assert _org_is_person(text, s, s + len("López Obrador"), [], ents)
    assert not _org_is_person(text, s, s + len("López Obrador"), [], {})


def test_a_unit_named_by_its_kind_only_is_no_organization():
    """ "The Mechanised Infantry Battalion … the Battle Group … comprising of Air Force and
    Infantry Force" (dev 293) made four organizations, and one of them the sender of the
    contingent: a unit named by its kind only is none."""
    text = (
        "Troops\nSource: Example | 2018-05-06\n\n"
        "The Kenya Defence Forces dispatched 300 troops of the Mechanised Infantry Battalion"
        " to Somalia on Sunday. The Battle Group will join the mission.\n"
    )
    orgs = refs(facts(text), "org")
    assert not {"org/mechanised-infantry-battalion", "org/battle-group"} & orgs, orgs


def test_an_executive_named_once_is_a_body_and_alone_is_none():
    """Dev text 356 (first sight: missed, and its statements given to the United
    Kingdom): "The Northern Ireland Executive has condemned …", named once; dev 330 "the
    Chamber of Deputies". "the Executive Board" or "the Executive" alone names no one."""
    text = (
        "Riots\nSource: Example | 2021-04-08\n\n"
        'The Northern Ireland Executive has condemned "deplorable" riots in which 20'
        " officers were injured.\n"
    )
    assert "org/northern-ireland-executive" in refs(facts(text), "org")
    alone = (
        "Bank\nSource: Example | 2021-04-08\n\n"
        "Ministers met the Executive Board of the bank at the Executive branch on Monday.\n"
    )
    assert not refs(facts(alone), "org") & {"org/executive-board", "org/executive"}


def test_a_name_of_generic_words_whose_initials_the_text_defines_is_a_body():
    """Dev text 350 (first sight: "The Presidential Council (PC), in its capacity as the
    Supreme Commander …" no body, and "A Presidential Council statement said" a body named
    "A Presidential Council"): the initials make the generic name one body's, and an
    article opening the sentence is no word of it."""
    text = (
        "Clashes\nSource: Example | 2023-08-16\n\n"
        "The Supreme Council (SC), in its capacity as the head of state, has ordered a"
        " ceasefire in Khartoum.\n\n"
        "A Supreme Council statement said the council ordered an inquiry.\n"
    )
    f = facts(text)
    assert "org/supreme-council" in refs(f, "org"), refs(f, "org")
    assert "org/a-supreme-council" not in refs(f, "org")
    (st,) = [s for s in f.statements if s.span.start >= text.index("A Supreme")]
    assert st.speaker == "org/supreme-council", st


def test_a_name_after_a_style_and_its_titles_is_a_person():
    """Dev text 344 (first sight: missed): "His Majesty Sultan Haji Hassanal Bolkiah
    received Marsudi at Istana Nurul Iman": the recogniser sees no one in a name behind a
    style and two titles (it does for other names; the words after the style are read
    whatever it says)."""
    from kg.extract.ner import _names_after_styles

    def names(text: str) -> list[str]:
        return [text[a:b] for a, b in _names_after_styles(text)]

    assert names("His Majesty Sultan Haji Hassanal Bolkiah received the envoy.") == [
        "Hassanal Bolkiah"
    ]
    assert names("Her Royal Highness Princess Basma bint Talal opened it.") == ["Basma bint Talal"]
    assert names("His Excellency the Ambassador arrived.") == []
    assert names("His Majesty King Abdullah II Ibn Al Hussein Foundation Fund") == []
    f = facts(
        "Audience\nSource: Example | 2023-01-10\n\n"
        "His Majesty Sultan Haji Hassanal Bolkiah received the new envoy of Japan at the"
        " palace on Monday.\n"
    )
    assert "person/hassanal-bolkiah" in refs(f, "person"), refs(f, "person")


def test_a_given_name_alone_is_its_owners_before_a_surname_without_its_article():
    """Dev text 371 (first sight: six statements of "Prince Saud" given to "Prince Salman
    bin Abdulaziz Al-Saud"): a one-word name that is one person's given name and another's
    surname only once its Arabic article is dropped is the first one's."""
    f = facts(
        "Talks\nSource: Example | 2022-07-10\n\n"
        "Foreign Minister Prince Faisal bin Farhan and Secretary of State Antony Blinken held"
        " a press conference in Jeddah on Saturday. Blinken also met Prince Turki Al-Faisal.\n\n"
        "“We will work together,” said Prince Faisal.\n"
    )
    (st,) = f.statements
    assert st.speaker == "person/faisal-bin-farhan", st


def test_a_posts_remit_after_its_comma_is_no_person():
    """Dev text 315 (first sight: a person "African Cooperation"; 257 "National Security",
    74 "Balochistan Information"): words after a post and its comma that end in a
    portfolio's word are the post's remit; the name comes after them."""
    f = facts(
        "Minister holds talks\nSource: Test | 2022-09-07\n\n"
        "RABAT - Minister of Foreign Affairs, African Cooperation and Moroccans abroad, Nasser"
        " Bourita, held talks in Cairo with his Saudi counterpart.\n"
    )
    assert refs(f, "person") == {"person/nasser-bourita"}, refs(f, "person")


def test_a_body_whose_name_starts_with_a_portfolio_word_is_no_person():
    """Dev text 311 (first sight: a person "Visegrád Fund", who then attended the summit):
    "support for the International Visegrád Fund" names a body."""
    f = facts(
        "V4 summit\nSource: Test | 2024-02-27\n\n"
        "The prime ministers discussed energy security, illegal migration and support for the"
        " International Visegrád Fund, the radio reported.\n"
    )
    assert not refs(f, "person"), refs(f, "person")
    assert "org/international-visegrad-fund" in refs(f, "org"), refs(f, "org")


def test_a_forest_a_channel_and_a_local_government_area_are_places():
    """Dev text 319 (first sight: persons "Yadi Forest", "Giwa LGA", "Cawtorne Channel" and
    an organisation "Safana Local Government Area"): a place word no name ends in."""
    f = facts(
        "Troops clear camps\nSource: Test | 2024-09-06\n\n"
        "The military high command further revealed that the strongholds of two notorious"
        " terrorist leaders were destroyed: one in the Sadiku enclave at Tsora Hill, Safana"
        " Local Government Area of Katsina State, and the other in the Alhaji Yusuf enclave"
        " within Yadi Forest, in Giwa LGA of Kaduna State.\n\n"
        "Troops crippled crude oil theft activities at the following locations through air"
        " interdiction: Bugama, Idama, Cawtorne Channel and Krakrama, all in Rivers State.\n"
    )
    assert not refs(f, "person"), refs(f, "person")
    assert {
        "place/yadi-forest",
        "place/giwa-lga",
        "place/safana-local-government-area",
        "place/cawtorne-channel",
    } <= refs(f, "place"), refs(f, "place")


def test_a_strait_named_after_its_name_is_the_strait_of_it():
    """Dev text 306: "the Strait of Hormuz" and "the Hormuz Strait" gave two places."""
    f = facts(
        "Navy unit\nSource: Test | 2020-01-21\n\n"
        "The unit will operate in the Strait of Hormuz, the ministry said. Ships pass the"
        " Hormuz Strait near Iran every day.\n"
    )
    assert [r for r in refs(f, "place") if "hormuz" in r] == ["place/strait-of-hormuz"], refs(
        f, "place"
    )


def test_a_syndicators_credit_names_two_bodies():
    """Dev text 316 (first sight: an organisation "MENAFN- Gulf Times")."""
    f = facts(
        "Qatar, Nigeria To Expand Relations\nSource: Test | 2024-03-03\n\n"
        "(MENAFN- Gulf Times) His Highness the Amir Sheikh Tamim bin Hamad al-Thani held a"
        " session of official talks with President Bola Ahmed Tinubu on Sunday.\n"
    )
    orgs = refs(f, "org")
    assert not any("menafn-" in r for r in orgs), orgs
    assert "org/gulf-times" in orgs, orgs


def test_the_main_international_rights_and_aid_groups_are_organisations():
    """Dev text 320 (first sight: "Oxfam" a place, Amnesty and ActionAid missed, and their
    joint statement given to the place)."""
    f = facts(
        "Rights groups warn\nSource: Test | 2024-02-28\n\n"
        "The executives of seven international human rights organisations, including Amnesty"
        " International, ActionAid and Oxfam, said the situation had deteriorated.\n"
    )
    assert {"org/amnesty-international", "org/actionaid", "org/oxfam"} <= refs(f, "org"), refs(
        f, "org"
    )
    assert not refs(f, "place"), refs(f, "place")


def test_his_highness_abbreviated_is_a_title():
    """Dev text 315 (first sight: a person "H.H. Prince"; 236 an organisation "HRH")."""
    f = facts(
        "Talks in Cairo\nSource: Test | 2022-09-07\n\n"
        "Nasser Bourita held talks with his Saudi counterpart, H.H. Prince Faisal bin Farhan Al"
        " Saud. HRH the Crown Prince also attended.\n"
    )
    assert refs(f, "person") == {
        "person/nasser-bourita",
        "person/faisal-bin-farhan-al-saud",
    }, refs(f, "person")
    assert not refs(f, "org"), refs(f, "org")


def test_a_given_name_between_a_rank_and_the_surname_is_part_of_the_name():
    """Dev 391 (first sight: no person): "the head of the SDF unit, Col. Masaharu Yamamoto,
    told …": the recogniser marks only "Yamamoto"; the given name after the rank joins it,
    and he is the one who speaks."""
    f = facts(
        "Troops leave\nSource: Test Wire | 2010-02-07\n\n"
        "“We’d like to do our best to help the Haitian people,” the head of the unit,"
        " Col. Masaharu Yamamoto, told other members.\n"
    )
    assert "person/masaharu-yamamoto" in refs(f, "person"), sorted(f.entities)
    assert [s.speaker for s in f.statements] == ["person/masaharu-yamamoto"]


def test_a_name_ending_in_forum_is_an_organization():
    """Dev 386, 183, 250, 261 (missed): "the Pacific Islands Forum", "the World Economic
    Forum" were read as nothing, or as the place "Pacific Islands"."""
    f = facts(
        "Leaders meet\nSource: Test Wire | 2017-08-11\n\n"
        "Leaders of the Pacific Islands Forum met in Suva on Friday, a week after the World"
        " Economic Forum closed in Geneva.\n"
    )
    assert {"org/pacific-islands-forum", "org/world-economic-forum"} <= refs(f, "org"), sorted(
        f.entities
    )


def test_a_ministry_in_a_states_officials_post_is_that_states():
    """Dev 208 (missed): "Myanmar's Permanent Secretary of the Foreign Ministry Aung Kyaw Moe":
    the ministry, named with no state beside it, is Myanmar's, the state whose official's
    post names it."""
    f = facts(
        "Summit opens\nSource: Test Wire | 2024-10-08\n\n"
        "Attending were Laos's Prime Minister Sonexay Siphandone and Myanmar's Permanent"
        " Secretary of the Foreign Ministry Aung Kyaw Moe.\n"
    )
    assert "org/ministry-of-foreign-affairs-myanmar" in refs(f, "org"), sorted(f.entities)


def test_a_missions_name_takes_the_place_it_serves_in():
    """Dev 381, 407, 37, 157, 245, 304: the recogniser and the sub-body rule stopped a
    mission's name before "in <place>" ("the African Union Support and Stabilization
    Mission" + "Somalia"), giving a body of that truncated name; the place is part of the
    name."""
    f = facts(
        "Mission\nSource: Test Wire | 2024-12-27\n\n"
        "The Council established the African Union Support and Stabilization Mission in"
        " Somalia on Friday, and the United Nations Support Office in Somalia will supply it.\n"
    )
    orgs = refs(f, "org")
    assert "org/african-union-support-and-stabilization-mission-in-somalia" in orgs, sorted(orgs)
    assert "org/african-union-support-and-stabilization-mission" not in orgs, sorted(orgs)
    assert "org/un-support-office" not in orgs, sorted(orgs)


def test_a_month_cut_short_in_a_dateline_is_no_town():
    """Dev 410, 395, 328, 252, 94, 12, 337, 184: "Guwahati, Nov 18:" gave a place Huambo
    (GeoNames keeps "Nov" among its old names), "Jan" gave Jackson, "Mar" Maracaibo; a
    month or a day, whole or cut short, names no place."""
    f = facts(
        "Troops\nSource: Test Wire | 2024-11-18\n\n"
        "Shillong, Nov 18: The state sent 500 police officers to Tura on Monday. On Jan 3 and"
        " Mar 9 more had gone, officials said on Aug 2.\n"
    )
    assert refs(f, "place") == {"place/shillong", "place/tura"}, refs(f, "place")


def test_the_centre_that_announces_is_no_region():
    """Dev 410: "the Centre on Monday announced the deployment" (India's government, as
    Indian papers write it) was the Centre region of Burkina Faso, and Burkina Faso the
    speaker."""
    f = facts(
        "Troops\nSource: Test Wire | 2024-11-18\n\n"
        "Amidst violence in Manipur, the Centre on Monday announced the deployment of 50"
        " more police companies to the state.\n"
    )
    assert "place/centre" not in refs(f, "place"), refs(f, "place")
    assert "country/burkina-faso" not in {s.speaker for s in f.statements}, f.statements


def test_a_states_police_is_a_body_not_a_town_in_poland():
    """Dev 221, 69: "Nepal Police", "the violent attack on Kosovo Police" gave the place
    Police (a town in Poland); a state's name then a title or body word is the body."""
    f = facts(
        "Troops\nSource: Test Wire | 2024-11-18\n\n"
        "The deployment comes after an attack on Kosovo Police on 24 September, officials"
        " said. Personnel from the Nepal Army and Nepal Police were sent.\n"
    )
    assert "place/police" not in refs(f, "place"), refs(f, "place")
    assert {"org/police-kosovo", "org/police-nepal"} <= refs(f, "org"), refs(f, "org")


def test_a_states_initials_joined_to_another_state_by_a_hyphen_are_the_state():
    """Dev 117, 257: "UK-Barbados relations", "US-China" gave a place "UK" or "US" with no
    identity (initials inside a hyphenated word were skipped, for "PORT-AU-PRINCE")."""
    f = facts(
        "Ties\nSource: Test Wire | 2024-11-18\n\n"
        "PORT-AU-PRINCE, Haiti - Officials praised UK-Jamaica relations on Monday and"
        " discussed China-US trade.\n"
    )
    assert {"country/united-kingdom", "country/united-states"} <= refs(f, "country")
    assert not refs(f, "place") & {"place/uk", "place/us"}, refs(f, "place")
    assert "org/african-union" not in refs(f, "org"), refs(f, "org")


def test_an_acronym_defined_after_a_full_name_is_that_body():
    """Dev 434, 71, 157, 299, 373 (first sight: two nodes): "The United Nations Mission in
    Sierra Leone (UNAMSIL)" names one body, though a mission's acronym takes more than its
    initials; but "the Council of Heads of State of the Shanghai Cooperation Organization
    (SCO)" defines the organization's acronym, not its council's."""
    from kg.extract.context import build

    doc = build(
        "Patrols\nSource: Test Wire | 2024-11-18\n\n"
        "The African Union Mission in Darfur (AUMIDAR) said on Monday that its patrols had"
        " resumed. Some 300 AUMIDAR troops arrived in Nyala on Sunday.\n\n"
        "The Council of Heads of State of the Shanghai Cooperation Organization (SCO) met in"
        " Astana. Kazakhstan chairs the SCO.\n"
    )
    keys = {m.surface: m.key for m in doc.mentions if m.kind == "org"}
    assert keys["AUMIDAR"] == keys["African Union Mission in Darfur"], keys
    assert (
        keys["SCO"] != keys["Council of Heads of State of the Shanghai Cooperation Organization"]
    ), keys


def test_a_quoted_nickname_inside_a_name_leaves_one_person():
    """Dev 447 (first sight: a person "Ferdinand" beside "R. Marcos"): "President Ferdinand
    “Bongbong” R. Marcos, Jr." is one person, named without the nickname."""
    f = facts(
        "Call\nSource: Test Wire | 2023-09-28\n\n"
        "PHILIPPINE President Ferdinand “Bongbong” R. Marcos, Jr. and Chilean President"
        " Gabriel Boric spoke by phone on Wednesday. Marcos said the call was warm.\n"
    )
    people = refs(f, "person")
    assert "person/ferdinand" not in people, people
    # (with the suffix after the comma, as dev 548's "Tommy Remengesau, Jr.")
    assert "person/ferdinand-r-marcos-jr" in people, people


def test_the_first_of_two_names_joined_by_and_is_a_person():
    """Dev 458 (first sight: Uhuru Kenyatta missed): the model reads the first of two names
    joined by "and" as a place ("Uhuru Kenyatta and", "Samia Suluhu") when the next is a
    person; a name the gazetteers do not know, right before "and" and a person, is one."""
    f = facts(
        "Talks\nSource: Test Wire | 2023-09-28\n\n"
        "The leaders of Tanzania and Burundi, Samia Suluhu and Evariste Ndayishimiye"
        " respectively held talks at Tanzania’s State House in Dodoma on Wednesday.\n"
    )
    assert "person/samia-suluhu" in refs(f, "person"), refs(f, "person")
    assert "place/samia-suluhu" not in refs(f, "place")


def test_a_dateline_city_before_a_dash_or_a_colon_is_a_place():
    """Dev 299, 160, 216, 454 (first sight: the city missed): "SUVA—Fiji will send …",
    "TALLINN - Estonian Minister …", "Muscat: His Majesty …" open with the city the story
    was filed from; a state's name before a colon is the state ("Mozambique: His Excellency
    President …" in a communique's list)."""
    f = facts(
        "Troops\nSource: Test Wire | 2013-06-26\n\n"
        "LILONGWE—Malawi will send its first contingent of troops to join a UN force.\n\n"
        "Mbabane: His Majesty King Mswati III received the Malawian envoy this evening.\n\n"
        "Mozambique: His Excellency President Filipe Nyusi.\n"
    )
    places = refs(f, "place")
    assert {"place/lilongwe", "place/mbabane"} <= places, places
    assert "place/mozambique" not in places, places


def test_a_title_case_dateline_with_its_day_or_state_names_the_city():
    """Dev 280, 272 (first sight: the city missed): "Ulaanbaatar, February 24, 2023,
    /MONTSAME/." and "Tunis/Tunisia — President …" open with the city the story was filed
    from."""
    f = facts(
        "Call\nSource: Test Wire | 2023-02-24\n\n"
        "Gaborone, February 24, 2023, /BOPA/. The President of Botswana spoke with the"
        " President of Kenya by telephone.\n\n"
        "Maputo/Mozambique — President Filipe Nyusi received the Zambian envoy on Thursday.\n"
    )
    places = refs(f, "place")
    assert {"place/gaborone", "place/maputo"} <= places, places


def test_a_palace_or_a_state_house_is_a_place_not_a_body():
    """Dev 369, 169, 230, 421 (first sight: a body, or nothing): "State House Nairobi",
    "Parliament House", "Casa de Pizarro Presidential Palace" are where leaders meet; the
    model calls them bodies."""
    f = facts(
        "Envoy\nSource: Test Wire | 2022-05-05\n\n"
        "President Hakainde Hichilema received the Angolan envoy at State House Lusaka on"
        " Thursday. Later they toured Parliament House and the Government Palace.\n"
    )
    orgs = refs(f, "org")
    assert not {o for o in orgs if "house" in o or "palace" in o}, orgs


def test_short_styles_of_posts_are_titles_not_names():
    """Dev 335, 64, 450, 224 (first sight: persons "Amb", "LTC Andrei Taranu", "Advocate
    Duma Boko"): "Amb.", "LTC" and a lawyer's "Advocate" are styles before a name."""
    f = facts(
        "Council\nSource: Test Wire | 2022-11-30\n\n"
        "Also in attendance were H.E. Amb. Dr. Ahmed Farah Hassan, the IGAD envoy, and LTC"
        " Ion Popescu, who handed over the flag to Maj. Ruslan Ciobanu. President Advocate"
        " Tendai Moyo chaired the summit.\n"
    )
    people = refs(f, "person")
    assert "person/amb" not in people, people
    assert not {p for p in people if p.startswith(("person/ltc-", "person/advocate-"))}, people


def test_a_known_persons_surname_after_another_given_name_is_another_person():
    """Dev 455 (first sight: "Dr. Jill Biden" was Joe Biden): the lexicon's "Biden" is Joe
    Biden's surname; "Hunter Biden", a given name that is none of his, is another person."""
    f = facts(
        "Visit\nSource: Test Wire | 2022-12-01\n\n"
        "President Joe Biden and his son Hunter Biden flew to Delaware on Thursday.\n"
    )
    people = refs(f, "person")
    assert {"person/joe-biden", "person/hunter-biden"} <= people, people


def test_a_state_body_named_with_no_state_is_the_story_states():
    """Dev 124, 313, 322 (the body missed): "Speaking at the weekly media briefing of the
    Ministry of Foreign Affairs", "the National Assembly" in a story about one state: the body
    is that state's, as "Qatar's Foreign Ministry" would be; in a story about no one state
    it stays unnamed."""
    f = facts(
        "Briefing\nSource: Test Wire | 2023-05-04\n\n"
        "Kenya will not send troops to the region, a spokesman said on Thursday. Speaking at"
        " the weekly media briefing of the Ministry of Foreign Affairs, he said Kenya remains"
        " committed to dialogue. Kenya hosts the talks next month, and the National Assembly"
        " will debate the budget.\n"
    )
    assert {"org/ministry-of-foreign-affairs-kenya", "org/national-assembly-kenya"} <= refs(
        f, "org"
    ), refs(f, "org")
    g = facts(
        "Briefing\nSource: Test Wire | 2023-05-04\n\n"
        "Kenya and Uganda will not send troops to the region, a spokesman said at the weekly"
        " media briefing of the Ministry of Foreign Affairs on Thursday.\n"
    )
    assert not [r for r in refs(g, "org") if "ministry" in r], refs(g, "org")


def test_a_sea_named_after_a_town_or_a_state_is_one_place():
    """Dev 168 (Guinea as a country, "Gulf" as a place): "the Gulf of Guinea", "the Gulf of
    Aden" are seas; the state or town in their names is no mention of its own there."""
    f = facts(
        "Navy\nSource: Test Wire | 2022-03-01\n\n"
        "The frigate will patrol the Gulf of Aden and then the Gulf of Guinea until June.\n"
    )
    assert {"place/gulf-of-aden", "place/gulf-of-guinea"} <= refs(f, "place"), refs(f, "place")
    assert "country/guinea" not in f.entities and "place/aden" not in f.entities


def test_a_parliament_by_its_own_name_is_no_part_of_its_speakers_name():
    """Dev 462 ("Seimas Viktorija Čmilytė-Nielsen" as a person): "the Speaker of the
    Lithuanian Seimas Viktorija Čmilytė-Nielsen", read as one organization, holds the house
    and then its speaker; but "Duma" is also a given name ("Duma Gideon Boko")."""
    f = facts(
        "Visit\nSource: Test Wire | 2023-07-19\n\n"
        "During his official visit, the President of Estonia met with the President of the"
        " Republic of Latvia Edgars Rinkevics and the Speaker of the Latvian Saeima Daiga"
        " Mierina to discuss the decisions taken at the summit.\n"
    )
    assert "person/daiga-mierina" in refs(f, "person"), refs(f, "person")


def test_a_misspelt_title_is_still_a_title():
    """Dev 453 ("Minster Payne" a second person beside Marise Payne): a story that prints
    "Minster Payne said" means the minister it named before."""
    f = facts(
        "Mission ends\nSource: Test Wire | 2018-03-09\n\n"
        "Foreign Minister Penny Wong announced the end of the mission on Friday.\n\n"
        "Minster Wong said the mission helped relieve immediate suffering.\n"
    )
    assert refs(f, "person") == {"person/penny-wong"}, refs(f, "person")


def test_a_county_woman_representative_is_a_post_not_a_name():
    """Dev 215 ("Kilifi Woman" a person): Kenya's "Kilifi Woman Representative Margaret
    Mbeyu" is a county's woman representative and her name; no one is called Woman."""
    f = facts(
        "Visit\nSource: Test Wire | 2019-03-27\n\n"
        "Others at the airport were Members of Parliament Owen Baya and Nakuru Woman"
        " Representative Liza Chelule among other local leaders.\n"
    )
    assert not [r for r in refs(f, "person") if "woman" in r], refs(f, "person")


def test_things_with_capitals_are_no_persons():
    """Dev 131, 148, 178, 238, 368, 391 and others ("Gold Plaque", "Joint Communique",
    "Typhoon Yagi", "Peacekeeping Contingent", "Aerospace Industries", "Harumi Wharf" as
    persons): names of things whose words no one is called are no person."""
    f = facts(
        "Visit\nSource: Test Wire | 2024-09-10\n\n"
        "President Joko Widodo received the Gold Plaque of the city and signed the Joint"
        " Communique after Typhoon Yagi, before the Peacekeeping Contingent left from Harumi"
        " Wharf with Turkish Aerospace Industries staff.\n\n"
        "Prime Minister Anwar Ibrahim commended the cordial relations between Japan’s Imperial"
        " Family and Tonga’s Royal Family.\n"
    )
    assert refs(f, "person") == {"person/joko-widodo", "person/anwar-ibrahim"}, refs(f, "person")


def test_a_summit_of_a_body_is_the_bodys_and_madam_is_no_name():
    """Dev 488, 469 (an org "XIII Presidential Summit of the Pacific Alliance", a person
    "Madam Ellen Johnson Sirleaf"): a summit, meeting or session "of" a body names the body,
    which takes part; "Madam" is a style, like "Mrs"."""
    f = facts(
        "Summit held\nSource: Test Wire | 2019-07-08\n\n"
        "Last July 6th was held in Lima, Peru, the XIV Presidential Summit of the Pacific"
        " Alliance, chaired by Madam Dina Boluarte.\n"
    )
    assert "org/pacific-alliance" in refs(f, "org"), refs(f, "org")
    assert not [r for r in refs(f, "org") if "summit" in r], refs(f, "org")
    assert "person/dina-boluarte" in refs(f, "person"), refs(f, "person")
    summit = [m for m in f.meetings if "Summit" in m.kinds]
    assert summit and "org/pacific-alliance" in summit[0].participants + [summit[0].organizer], [
        (m.participants, m.organizer) for m in f.meetings
    ]


def test_a_royal_court_is_no_person_and_an_ayatollah_is_a_title():
    """Dev 490 (a phone call between "Diwan" and Trump; "Ayatollah Ali Khamenei" for "Ali
    Khamenei"): the Gulf's royal court, the "Emiri Diwan" or "Royal Diwan", is a body, and
    "Ayatollah" a cleric's title before his name."""
    f = facts(
        "Emir holds call with Erdogan\nSource: Test Wire | 2025-03-05\n\n"
        "Kuwait's Emir Sheikh Mishal al-Ahmad al-Sabah and Turkish President Recep Tayyip"
        " Erdogan discussed regional security in a phone call, the Amiri Diwan said on"
        " Wednesday.\n\n"
        "Grand Ayatollah Ali al-Sistani met the UN envoy in Najaf.\n"
    )
    persons = refs(f, "person")
    assert not [p for p in persons if "diwan" in p], persons
    assert "person/ali-al-sistani" in persons, persons


def test_a_name_after_doctor_or_mister_is_a_persons():
    """Dev 499 (Naledi Pandor missed, and with her a summit's participant): "accompanied by
    Minister of International Relations and Cooperation, Dr Naledi Pandor; Minister of …"
    the recogniser reads no name at all; after "Dr", "Mr", "Mrs", "Ms" or "Prof" two to five
    capitalised words of no title or body are a person's, as after "His Majesty"."""
    f = facts(
        "Leaders meet\nSource: Test Wire | 2023-02-01\n\n"
        "President Mokgweetsi Masisi, who is the incoming Chair of the Organ on Politics,"
        " Defence and Security Cooperation, is attending the summit accompanied by Minister"
        " of International Affairs and Cooperation, Dr Unity Dow; Minister of Defence and"
        " Security, Kagiso Mmusi and Minister for Presidential Affairs, Kabo Morwaeng.\n"
    )
    assert "person/unity-dow" in refs(f, "person"), refs(f, "person")


def test_where_a_body_posts_is_no_word_of_its_name():
    """Dev 475 (a body "Ministry of Foreign Affairs on Facebook" speaking): "The Ministry of
    Foreign Affairs on Facebook also said …": the platform a body posts on is read into its
    name by the recogniser; the name ends before it."""
    f = facts(
        "Envoys received\nSource: Test Wire | 2021-08-24\n\n"
        "Kenya hosted envoys this week.\n\n"
        "The Ministry of Interior on Facebook also said the minister received the outgoing"
        " Ghanaian Ambassador.\n"
    )
    orgs = refs(f, "org")
    assert not [o for o in orgs if "facebook" in o], orgs


def test_an_airport_code_among_a_citys_names_makes_no_place_of_a_surname():
    """Dev 246 (the Korean minister "Cho" read as Charlottesville, and his meeting lost):
    GeoNames lists a city's airport code among its other names ("CHO"); folded like the
    others, it made every "Cho" the city."""
    f = facts(
        "Ministers meet\nSource: Test Wire | 2025-07-12\n\n"
        "South Korean Foreign Minister Cho Hyun held talks with Japanese Foreign Minister"
        " Takeshi Iwaya in Kuala Lumpur on Friday.\n\n"
        "Cho introduced Seoul's plans for the trilateral summit in Tokyo.\n"
    )
    assert "place/charlottesville" not in refs(f, "place"), refs(f, "place")


def test_pres_before_a_name_in_a_headline_is_a_title():
    """Dev 504 (a person "Pres Solih" beside Ibrahim Mohamed Solih): a headline shortens
    "President" to "Pres" as it shortens "Prime Minister" to "PM"."""
    f = facts(
        "Pres Ramos-Horta holds talks with Kazakh PM\nSource: Test Wire | 2023-04-03\n\n"
        "President José Ramos-Horta and Prime Minister Kanat Mukashev held official talks on"
        " Monday in Dili.\n"
    )
    assert refs(f, "person") == {"person/jose-ramos-horta", "person/kanat-mukashev"}, refs(
        f, "person"
    )


def test_a_family_name_after_a_chain_of_bin_is_the_names():
    """Dev 517 ("Mohammed bin Abdulrahman bin Jassim" without "Al Thani"): after a chain of
    "bin", the recogniser stops before the family name; "Al Thani" is the name's last part."""
    f = facts(
        "Council meets\nSource: Test Wire | 2024-10-05\n\n"
        "Chaired by Shaikh Faisal bin Abdulrahman bin Jassim Al Khalifa, Minister of Foreign"
        " Affairs of Bahrain, the meeting brought together ministers from the Gulf.\n"
    )
    assert refs(f, "person") == {"person/faisal-bin-abdulrahman-bin-jassim-al-khalifa"}, refs(
        f, "person"
    )


def test_a_title_in_capitals_that_opens_the_story_leaves_the_name_a_person():
    """Dev 505 (President Samia Suluhu Hassan read as a place "Hassan"): a paper that sets
    the first word of its story in capitals ("PRESIDENT A of Tanzania and …") hides from
    the recogniser that a title and a name follow."""
    f = facts(
        "Trip\nSource: Test Wire\n\n"
        "PRESIDENT Duma Gideon Boko of Botswana and his Malawian counterpart Lazarus Chakwera"
        " have agreed to strengthen cooperation in trade.\n"
    )
    assert "person/duma-gideon-boko" in refs(f, "person"), refs(f, "person")


def test_an_envoys_remit_runs_into_the_name_of_the_envoy():
    """Dev 521 (Matthew Palmer no one, his meeting given to the US and Slovenia): "his meeting
    with US special representative for the Balkans Matthew Palmer in Bled" read the remit and
    the name as one body; the last two words are the envoy."""
    f = facts(
        "Envoy\nSource: Test Wire | 2019-09-03\n\n"
        "Foreign Minister Ivica Dacic says his meeting with US special representative for the"
        " Balkans Gabriel Escobar in Bled was positive.\n"
    )
    assert "person/gabriel-escobar" in refs(f, "person"), refs(f, "person")


def test_a_name_after_a_post_of_a_state_is_a_person():
    """Dev 529 (Pham Minh Chinh no one): "PM of Malaysia Anwar Ibrahim, PM of Vietnam Pham Minh
    Chinh, …": after a post of a state, the capitalised words up to the comma are its
    holder, not the state; a state's own name after "President of the Republic of" is no
    person."""
    f = facts(
        "Summit\nSource: Test Wire | 2023-09-05\n\n"
        "The opening was attended by PM of Cambodia Hun Manet, PM of Vietnam Bui Thanh Son,"
        " and the Office of the President of the Republic of North Macedonia.\n"
    )
    people = refs(f, "person")
    assert "person/bui-thanh-son" in people and "person/north-macedonia" not in people, people


def test_a_suffix_after_a_comma_is_part_of_the_name():
    """Dev 548: "President of Palau Tommy Remengesau, Jr., Minister of Foreign Affairs …":
    the name stopped at the comma, unlike "Tommy Remengesau Jr." elsewhere, and the person
    got another node."""
    f = facts(
        "Summit\nSource: Example | 2008-04-26\n\n"
        "Governor of Guam Felix Camacho met President of Palau Johnson Toribiong, Jr., on"
        " Monday.\n\n"
        "Toribiong said the talks went well.\n"
    )
    people = refs(f, "person")
    assert "person/johnson-toribiong-jr" in people, people
    assert "person/johnson-toribiong" not in people, people
    assert f.entities["person/johnson-toribiong-jr"].label == "Johnson Toribiong Jr"
    assert [s.speaker for s in f.statements] == ["person/johnson-toribiong-jr"], f.statements


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("St Kitts and Nevis", "country/saint-kitts-and-nevis"),
        ("St. Lucia", "country/saint-lucia"),
        ("St Vincent and the Grenadines", "country/saint-vincent-and-the-grenadines"),
    ],
)
def test_a_saints_state_written_with_st_is_that_state(written: str, key: str):
    """Dev 560, 531, 446, 479: "Prime Minister of St Vincent and the Grenadines", "St. Kitts
    and Nevis": no country (and "St Kitts" a person), as the gazetteer knew only "Saint"."""
    f = facts(
        "Visit\nSource: Example | 2020-01-01\n\n"
        f"The Prime Minister of {written} arrived in Lima on Monday.\n"
    )
    assert key in refs(f, "country"), sorted(f.entities)
    assert not refs(f, "person"), sorted(f.entities)


def test_a_name_that_goes_on_after_dos_is_one_person():
    """Dev 574: "H.E. Mr. Jose Eduardo dos Santos, President": the name was cut to "Jose
    Eduardo", as "dos" was not taken for a particle of a name (unlike "da" in "Lula da
    Silva")."""
    f = facts(
        "Summit\nSource: Example | 2001-03-09\n\n"
        "Angola : H.E. Mr. Fernando Dias dos Santos, Speaker\n\n"
        "Mozambique : H.E. Mr. Joaquim Chissano, President\n"
    )
    assert "person/fernando-dias-dos-santos" in refs(f, "person"), sorted(f.entities)


def test_regional_organisations_of_every_continent_are_known_by_their_acronyms():
    """First sight 592: "the Central American Integrated System, SICA" and "the SICA Summit"
    named no body, so the summit was no meeting: the regional organisations of Central and
    South America, the Caribbean, the Pacific, Africa, Asia and northern Europe that the
    lexicon lacked are in it, with the acronyms that name no other thing."""
    f = facts(
        "Summit\nSource: Example | 2018-12-14\n\n"
        "Three Central American presidents attended the SICA Summit in Belize City on"
        " Friday.\n\n"
        "The OECS and COMESA sent observers, as did the Visegrad Group.\n"
    )
    assert {"org/sica", "org/oecs", "org/comesa", "org/visegrad-group"} <= refs(f, "org")
    assert [m.organizer for m in meetings_of(f, "Summit")] == ["org/sica"]


def test_a_sea_after_a_compass_word_is_a_place():
    """ "sending an aircraft carrier to the eastern Mediterranean": the recogniser's
    location after "to the eastern" is where the ship goes, as after "to the"."""
    f = facts(
        "Ships\nSource: Example | 2021-11-20\n\n"
        "Greece sent two frigates to the eastern Mediterranean on Monday.\n"
    )
    assert "place/mediterranean" in refs(f, "place")
    assert [d.destination for d in f.deployments] == ["place/mediterranean"]


def test_burkina_alone_is_burkina_faso():
    """ "the mines in southern Burkina" (dev 520): the short form news writes is the
    country, not a place of its own."""
    f = facts(
        "Troops\nSource: Example | 2021-11-20\n\nGhana sent 50 soldiers to Burkina on Monday.\n"
    )
    assert refs(f, "country") == {"country/ghana", "country/burkina-faso"}
    assert not refs(f, "place")
    assert [d.destination for d in f.deployments] == ["country/burkina-faso"]


def test_a_province_read_as_a_person_after_deployed_to_is_a_place():
    """ "Some 2,000 Rwandan troops were deployed to Cabo Delgado": with no other word of
    Mozambique the recogniser calls the province a person; a province the gazetteer knows,
    where forces are deployed, sent or flown to, is the place."""
    f = facts(
        "Troops\nSource: Example | 2021-11-20\n\n"
        "Some 800 Zambian troops were deployed to Cabo Delgado on Monday.\n"
    )
    assert not refs(f, "person")
    assert [d.destination for d in f.deployments] == ["place/cabo-delgado"]


def test_heads_of_state_are_no_organization():
    """ "attended by Heads of State and Government of Australia, …", "Heads Of State And
    Government": the leaders who came, not a body with that name."""
    f = facts(
        "Forum\nSource: Example | 2009-08-07\n\n"
        "The summit was attended by Heads of State and Government of Fiji, Tonga and Samoa.\n"
    )
    assert not [r for r in refs(f, "org") if "heads" in r]


def test_capitals_as_partners_are_their_states():
    """ "tensions between Moscow and Kyiv" (dev 374), "relations with Washington" (dev 248):
    the governments named by their capitals, not the cities."""
    f = facts(
        "Ties\nSource: Example | 2021-11-20\n\n"
        "The minister spoke of the dialogue between Belgrade and Zagreb and of relations with"
        " Ankara.\n"
    )
    assert {"country/serbia", "country/croatia", "country/turkey"} <= refs(f, "country")
    assert not refs(f, "place")


def test_states_in_free_association_are_countries():
    """The Cook Islands and Niue conduct their own foreign relations (dev 253, 386, 593):
    countries, as news and the gold read them, not territories."""
    f = facts(
        "Forum\nSource: Example | 2021-11-20\n\n"
        "Foreign ministers of Niue and the Cook Islands met in Suva on Monday.\n"
    )
    assert {"country/niue", "country/cook-islands"} <= refs(f, "country")
    assert not refs(f, "place") & {"place/niue", "place/cook-islands"}


def test_a_region_word_naming_a_group_of_states_is_no_place():
    """ "the Nordic and Baltic countries", "the Baltic states", "three Baltic prime
    ministers" (dev 349, 533, 573): a group of states named by its region, no place; "the
    Baltic Sea" and "Roraima state" stay places."""
    f = facts(
        "Ministers\nSource: Example | 2021-11-20\n\n"
        "The Nordic and Baltic countries met in Oslo on Monday. Three Gulf prime ministers"
        " also came. Ships crossed the Baltic Sea.\n"
    )
    assert not refs(f, "place") & {"place/baltic", "place/nordic", "place/gulf"}
    assert "place/baltic-sea" in refs(f, "place")


def test_a_last_name_the_recogniser_read_as_a_place_is_the_persons():
    """Dev 577: "Singapore’s Prime Minister Lee Hsien Loong, Thailand’s …": the recogniser
    gives "Lee Hsien" as a person and "Loong" as a place; one person, Lee Hsien Loong."""
    f = facts(
        "Leaders\nSource: Example | 2021-11-20\n\n"
        "The leaders included Singapore’s Prime Minister Lee Hsien Loong, Thailand’s Prime"
        " Minister Prayut Chan-o-cha.\n"
    )
    assert "person/lee-hsien-loong" in refs(f, "person")
    assert not refs(f, "place")


def test_a_small_capital_after_in_is_a_place():
    """Dev 171, 346, 81: "a college in Castries", "arrived in Apia": a state's capital of
    fewer than 50,000 people is still the town, though small towns named like common words
    ("Summit") are not."""
    f = facts(
        "Visit\nSource: Example | 2021-11-20\n\n"
        "The president will also visit a community college in Roseau to promote academic"
        " collaboration.\n"
    )
    assert "place/roseau" in refs(f, "place")


def test_the_city_of_a_name_is_a_place():
    """Dev 122: "the M23 capturing the strategic city of Goma in North Kivu": the recogniser
    misses Goma; the gazetteer knows it and "the city of" says what it is."""
    f = facts(
        "Fighting\nSource: Example | 2021-11-20\n\n"
        "The rebels took control of the city of Goma in North Kivu on Sunday.\n"
    )
    assert "place/goma" in refs(f, "place")


def test_a_bare_ministry_belongs_to_the_state_of_the_headline():
    """Dev 345, 66: "the Foreign Ministry" named with no state, in a story that names its
    host a little more often than its guest and alone in the headline: the host's ministry."""
    f = facts(
        "Jordan's Safadi holds talks with Pompeo in Amman\nSource: Example | 2019-01-09\n\n"
        "Jordan and the United States discussed Syria on Tuesday. Jordan's Foreign Minister"
        " Ayman Safadi met US Secretary of State Mike Pompeo. The United States thanked Jordan"
        " for its role. During a meeting at the Foreign Ministry, the two ministers discussed"
        " the peace process, and the United States pledged support to Jordan.\n"
    )
    assert any(r.startswith("org/") and "jordan" in r for r in refs(f, "org")), refs(f, "org")


def test_an_ampersand_name_and_st_maarten_are_their_territories():
    """Dev 607, 593: "Trinidad & Tobago and Barbados did not attend", "Wallis & Futuna",
    "delegates from … St Maarten": the names with "&" are those with "and"; St Maarten is
    the Dutch side's territory, a place, not a person."""
    f = facts(
        "Talks\nSource: Example | 2020-01-23\n\n"
        "Pompeo held talks with delegates from Belize, Haiti and St Maarten. Antigua & Barbuda"
        " and Barbados did not attend.\n"
    )
    assert "country/antigua-and-barbuda" in refs(f, "country")
    assert "place/sint-maarten-dutch-part" in refs(f, "place") and not refs(f, "person")


def test_a_post_before_two_honorifics_is_the_named_persons():
    """Dev 611: "chaired by the honourable President of Turkmenistan, H.E. Mr. Gurbanguly
    Berdimuhamedov": "H.E. Mr." between the post and the name still gives him the post."""
    f = facts(
        "Summit\nSource: Example | 2021-11-28\n\n"
        "The event was chaired by the honourable President of Turkmenistan, H.E. Mr."
        " Gurbanguly Berdimuhamedov.\n"
    )
    assert "president-turkmenistan" in f.entities["person/gurbanguly-berdimuhamedov"].posts


def test_their_excellencies_is_no_part_of_a_name():
    """Dev 610: "attended by their Excellencies Mariya Ahmed Didi, Minister of Defence of
    the Republic of Maldives": the plural honorific is no part of her name."""
    f = facts(
        "Meeting\nSource: Example | 2022-03-14\n\n"
        "The meeting was attended by their Excellencies Mariya Ahmed Didi, Minister of Defence"
        " of the Republic of Maldives, and Kamal Gunaratne of Sri Lanka.\n"
    )
    assert "person/mariya-ahmed-didi" in f.entities


def test_a_possessive_opening_a_sentence_is_no_part_of_an_org_name():
    """Dev 622: "“Our Foreign Affairs Ministry is finalising details of the setting-up …”":
    no organization called "Our Foreign Affairs Ministry"."""
    f = facts(
        "Visit\nSource: Example\n\n"
        "Commodore Bainimarama said: “Our Foreign Affairs Ministry is finalising details of the"
        " setting-up of Melanesian embassies.”\n"
    )
    assert not [e for e in f.entities.values() if e.label.startswith("Our ")]


def test_a_ships_prefix_is_no_organization():
    """Dev 615: "dispatched by Indonesian warship KRI Sultan Hasanuddin": KRI is the
    Indonesian navy's ship prefix, not an organization."""
    f = facts(
        "Peacekeepers\nSource: Example\n\n"
        "The MTF for UNIFIL has a total of 120 naval personnel, who will be dispatched by"
        " Indonesian warship KRI Sultan Hasanuddin to replace 120 personnel currently assigned"
        " in the Mediterranean Sea.\n"
    )
    assert "org/kri" not in f.entities


def test_an_aircrafts_name_after_its_model_is_no_place():
    """Dev 617: "Australian Defence Force aircraft, including C-17 Globemaster and C-130J
    Hercules, have transported personnel": Hercules is the aircraft, not the Californian
    town."""
    f = facts(
        "Aid\nSource: Example\n\n"
        "Australian Defence Force aircraft, including C-17 Globemaster and C-130J Hercules,"
        " have transported personnel and equipment to Port Vila.\n"
    )
    assert "place/hercules" not in f.entities


def test_a_name_with_an_honour_before_its_post_is_a_person_and_the_honour_no_body():
    """Dev 610: "Ajit Doval, KC, National Security Adviser to the Prime Minister of Republic
    of India": the model calls the name a place and "KC" a body; the post after the honour
    says a person, and the honour names nobody."""
    f = facts(
        "NSA meeting\nSource: Example\n\n"
        "The meeting was attended by Mariya Ahmed Didi, Minister of Defence of the Republic"
        " of Maldives; Ajit Doval, KC, National Security Adviser to the Prime Minister of"
        " Republic of India; and Kumaresan Ilango, National Security Adviser to the Republic"
        " of Mauritius.\n"
    )
    assert "person/ajit-doval" in f.entities
    assert "org/kc" not in f.entities


def test_honours_written_after_a_name_are_no_part_of_it():
    """Dev 636: "General Shavendra Silva WWV RWP RSP VSV USP ndc psc MPhil": the letters
    after the name are honours; a generation's numeral stays ("Carlos Dominguez III")."""
    f = facts(
        "Call\nSource: Example\n\n"
        "Colonel Ahmed Raza called on Air Marshal Sudarshana Pathirana WWV RSP at his office,"
        " with Secretary Rodrigo Alvarez III.\n"
    )
    assert "person/sudarshana-pathirana" in f.entities
    assert "person/rodrigo-alvarez-iii" in f.entities


def test_a_name_after_hon_with_an_initial_or_a_d_particle_is_whole():
    """Dev 626: "The outgoing chairperson Hon Sicily K. Kariuki (EGH), who is also Kenya’s
    Cabinet Secretary" (the model finds no name) and "Hon Dr Mujawamariya Jeanne d'Arc, the
    Minister of Environment in Rwanda" (the model stops before "d'Arc")."""
    f = facts(
        "Council\nSource: Example | 2020-11-12\n\n"
        "The meeting was held today under the new chairperson, Hon Dr Uwimana Marie d'Arc, the"
        " Minister of Environment in Burundi.\n\n"
        "The outgoing chairperson Hon Florence W. Mutua (EGH), who is also Kenya’s Cabinet"
        " Secretary, Ministry of Water, Sanitation and Irrigation underscored the importance of"
        " the Strategy.\n"
    )
    labels = {e.label for e in f.entities.values() if e.kind == "person"}
    assert {"Uwimana Marie d'Arc", "Florence W. Mutua"} <= labels, labels


def test_an_armys_unit_named_by_its_number_is_a_body():
    """Dev 646, 366, 588: "400 to 500 soldiers under the 69th Infantry Battalion", "the
    173rd Airborne Brigade": a number opens the unit's name; a body, not a figure."""
    f = facts(
        "Troops\nSource: Example\n\n"
        "Capt. Ana Reyes said 300 soldiers under the 45th Infantry Battalion left the camp,"
        " and the 173rd Airborne Brigade will follow.\n"
    )
    labels = {e.label for e in f.entities.values() if e.kind == "org"}
    assert {"45th Infantry Battalion", "173rd Airborne Brigade"} <= labels, labels


def test_an_official_name_written_without_its_article_is_the_state():
    """Dev 642: "signed between Mauritius and the Union of Comoros": the official name
    ("Union of the Comoros") without its "the" is the state, not a body."""
    f = facts(
        "Treaty\nSource: Example\n\n"
        "A Double Taxation Agreement was signed between Seychelles and the Union of Comoros.\n"
    )
    assert "country/comoros" in f.entities
    assert "org/union-comoros" not in f.entities


def test_a_portfolio_of_solidarity_in_a_ministers_title_is_no_person():
    """Dev 642: "the Minister of Social Security, National Solidarity, and Environment and
    Sustainable Development, Mr Etienne Sinatambou": "National Solidarity" is his remit."""
    f = facts(
        "Council\nSource: Example\n\n"
        "Several eminent personalities including the Minister of Social Security, National"
        " Solidarity, and Environment and Sustainable Development, Mr Alain Wong, were present"
        " at the opening ceremony.\n"
    )
    assert "person/national-solidarity" not in f.entities


def test_a_name_after_an_envoys_post_to_a_state_is_a_person():
    """Dev 583: "Indian High Commissioner to Bangladesh Pranay Kumar Verma and Indian Deputy
    High Commissioner Dr Binoy George were present" (the dev text's own sentence: the model
    misses this name, not others in its place): a name after the post "to" a state, and
    the run of capitals goes on past "and"."""
    f = facts(
        "Call\nSource: Example\n\n"
        "PM's Principal Secretary M Tofazzel Hossain Miah, Foreign Secretary Masud Bin Momen,"
        " Indian High Commissioner to Bangladesh Pranay Kumar Verma and Indian Deputy High"
        " Commissioner Dr Binoy George were present.\n"
    )
    labels = {e.label for e in f.entities.values() if e.kind == "person"}
    assert "Pranay Kumar Verma" in labels, labels


def test_a_name_opening_on_a_bare_initial_goes_on_to_its_comma():
    """Dev 583: "PM's Principal Secretary M Tofazzel Hossain Miah, Foreign Secretary …": the
    model stops at "M Tofazzel"; after a bare initial the name runs to its comma."""
    f = facts(
        "Call\nSource: Example\n\n"
        "PM's Principal Secretary M Tofazzel Hossain Miah, Foreign Secretary Masud Bin Momen and"
        " others were present.\n"
    )
    labels = {e.label for e in f.entities.values() if e.kind == "person"}
    assert "M Tofazzel Hossain Miah" in labels, labels


def test_a_city_whose_last_word_is_read_as_a_person_is_the_city():
    """Dev 659: "The authorities in Santo Domingo said …": the recogniser takes "Domingo"
    for a person, and the name grown back to "Santo Domingo" is a city of two million."""
    f = facts(
        "Border\nSource: Test | 2019-12-20\n\n"
        "Officials in Santo Domingo told reporters that 300 police officers had been sent to"
        " the border.\n"
    )
    assert "person/santo-domingo" not in f.entities
    assert "place/santo-domingo" in f.entities


@pytest.mark.parametrize(
    "sentence",
    [
        # dev 659
        "Earlier this month, Lieutenant General Rubén Darío Paulino Sem announced the launch of"
        " the anti-return operation for Haitians.",
        "Earlier this week, Admiral Óscar Darío Ramírez Peña announced the launch of a border"
        " operation.",
    ],
)
def test_a_titled_name_of_two_given_names_and_two_surnames_is_one_person(sentence: str):
    """Dev 659, 230: "Lieutenant General Rubén Darío Paulino Sem announced …" read as "Rubén
    Darío": a titled name goes on over its two surnames up to its verb."""
    f = facts(f"Operation\nSource: Test | 2019-12-20\n\n{sentence}\n")
    people = [r for r in f.entities if r.startswith("person/")]
    assert len(people) == 1 and len(people[0].split("-")) == 4, people


def test_the_holder_named_after_a_bodys_post_and_a_comma_is_a_person():
    """Dev 666, 481: "Secretary General of D-8, Widi Pratikto in his report paid
    appreciation …": the small model sees no name there; a body's post, a comma and two or
    three capitalised words before a lower-case one are its holder."""
    f = facts(
        "Summit\nSource: Test | 2019-12-20\n\n"
        "Secretary General of G-15, Wahyu Sutrisno in his report paid tribute to the outgoing"
        " chair.\n\nHe said the group had grown.\n"
    )
    assert "person/wahyu-sutrisno" in f.entities, list(f.entities)
    assert [s.speaker for s in f.statements] == ["person/wahyu-sutrisno"], f.statements


def test_a_part_of_the_world_in_a_remit_is_no_person():
    """Dev 655: "Director General for Africa, Latin America, Near and Middle East of the
    German Ministry": a title within reach before it made "Middle East" a person."""
    f = facts(
        "Talks\nSource: Test | 2018-11-07\n\n"
        "Foreign Minister Ana Lopes on Monday met with Dr Hans Keller, Director General for"
        " Africa, Latin America, Near and Middle East of the Swiss Ministry of Foreign"
        " Affairs.\n"
    )
    assert "person/middle-east" not in f.entities, list(f.entities)
    (m,) = f.meetings
    assert sorted(m.participants) == ["person/ana-lopes", "person/hans-keller"], m


def test_a_division_or_unit_of_a_ministry_is_no_person():
    """Dev 655, 306, 542, 587, 631: "Mrs Salimatou Jallow from the European Affairs Division
    of the Ministry" made "Division" a person; "Cheonghae Unit", "Military Emergency Unit":
    a division, unit, section or branch is a body's word."""
    f = facts(
        "Talks\nSource: Test | 2018-11-07\n\n"
        "The Permanent Secretary II of the Ministry of Foreign Affairs, Mr Sulayman Njie and"
        " Mrs Salimatou Jallow from the European Affairs Division of the Ministry of Foreign"
        " Affairs were also in attendance.\n"
    )
    assert "person/division" not in f.entities, list(f.entities)


def test_a_middle_initial_between_the_same_names_is_the_same_person():
    """Dev 665: "Mohamed A. Mohamed" after "Mohammed Abdullahi Mohammed" and "Mohamed
    Abdullahi Mohamed": one person, whose middle name the initial stands for."""
    f = facts(
        "Summit\nSource: Test | 2020-01-26\n\n"
        "President Hassan Ali Hassan of Djibouti is expected to arrive tomorrow.\n\n"
        "“They will be joined by Djiboutian President Hassan A. Hassan tomorrow,” the minister"
        " said.\n\n"
        "Earlier, President Hasan Ali Hasan said the summit matters.\n"
    )
    people = sorted(
        r for r in f.entities if r.startswith("person/hass") or r.startswith("person/has")
    )
    assert len(people) == 1, people


def test_kiribatis_title_of_its_president_is_no_part_of_his_name():
    """Dev 656: "His Excellency Beretitenti Taneti Maamau received the letters of credence":
    "Beretitenti" is Kiribati's word for its president, a title."""
    f = facts(
        "Credentials\nSource: Test | 2021-03-02\n\n"
        "His Excellency Beretitenti Taneti Maamau received the letters of credence of the new"
        " Ambassador of Japan on Friday.\n"
    )
    assert "person/taneti-maamau" in f.entities, list(f.entities)


def test_a_bodys_number_in_roman_numerals_is_part_of_its_name():
    """Dev 676: "Chief of the Hasanuddin Regional Military Command XIV Major General
    Surawahadi dispatched 600 military personnel": the model split "XIV" off as an org of its
    own, and the command lost its number."""
    f = facts(
        "Soldiers\nSource: Test | 2019-03-04\n\n"
        "Chief of the Hasanuddin Regional Military Command XIV Major General Surawahadi"
        " dispatched 600 military personnel to safeguard the construction of the road on"
        " Sunday.\n"
    )
    orgs = [r for r in f.entities if r.startswith("org/")]
    assert "org/hasanuddin-regional-military-command-xiv" in orgs, orgs
    assert "org/xiv" not in orgs, orgs


def test_a_day_after_a_place_is_no_part_of_its_name():
    """Dev 680: "made the vow in Abuja Saturday, at the meeting of Heads of State": the model
    took "Abuja Saturday" for one place."""
    f = facts(
        "Summit\nSource: Test | 2018-12-16\n\n"
        "The leaders, along with President Faustin-Archange Touadera of the Central African"
        " Republic, made the vow in Abuja Saturday, at the meeting of Heads of State and"
        " Government of the Lake Chad Basin Commission (LCBC).\n"
    )
    places = [r for r in f.entities if r.startswith("place/")]
    assert "place/abuja" in places and "place/abuja-saturday" not in places, places


def test_the_city_a_ministry_sits_in_is_no_part_of_its_name():
    """Dev 683: "…, the Foreign Ministry in Colombo said in a statement on Friday": the
    model took the city into the ministry's name."""
    f = facts(
        "Vice chair\nSource: Test | 2020-12-18\n\n"
        "COLOMBO: Sri Lanka has been endorsed as the Vice Chair of the Indian Ocean Rim"
        " Association (IORA) Council of Ministers from 2021 to 2023 and will take over the"
        " position from 2023 to 2025, the Foreign Ministry in Colombo said in a statement on"
        " Friday.\n"
    )
    orgs = [r for r in f.entities if r.startswith("org/")]
    assert not [r for r in orgs if r.endswith("in-colombo")], orgs


def test_a_name_after_a_post_in_lower_case_is_a_person():
    """Dev 679: "The PLG, says American Samoa governor Togiola Talalelei Tulafono, gives the
    U.S Territory leverage …": the model read the governor's name as a body."""
    f = facts(
        "Leaders group\nSource: Test | 2011-11-18\n\n"
        "The PLG, says American Samoa governor Togiola Talalelei Tulafono, gives the U.S"
        " Territory leverage to discuss regional issues.\n"
    )
    assert "person/togiola-talalelei-tulafono" in f.entities, list(f.entities)


@pytest.mark.parametrize(
    "subject",
    [
        "The African Union Commission chairman, Moussa Faki Mahamat,",
        "The African Union Commission president, Moussa Faki Mahamat,",
        "The bloc's chief, Moussa Faki Mahamat,",
    ],
)
def test_a_name_set_off_by_commas_after_a_post_is_a_person_and_the_speaker(subject: str):
    """ "The African Union Commission chairman, Moussa Faki Mahamat, said": the small model
    reads the name as a body, and the statement went to the commission, whose post it is."""
    f = facts(
        "Restraint\nSource: Test | 2023-04-16\n\n"
        f"{subject} said both sides must exercise restraint.\n"
    )
    assert "person/moussa-faki-mahamat" in f.entities, list(f.entities)
    assert [s.speaker for s in f.statements] == ["person/moussa-faki-mahamat"]


def test_two_names_side_by_side_are_one_persons():
    """Dev 682, 237, 335, 485, 648: "the Yemeni President Abed Rabbo Mansour Al-Hadi",
    "Jean Claude Kassy Brou": the model cut one name in two, each half a person."""
    f = facts(
        "Friends of Yemen\nSource: Test | 2012-09-28\n\n"
        "The conference was addressed by the Yemeni President Abed Rabbo Mansour Al-Hadi, and"
        " co-chaired by William Hague, Foreign Secretary of the United Kingdom.\n"
    )
    persons = sorted(r for r in f.entities if r.startswith("person/"))
    assert persons == ["person/abed-rabbo-mansour-al-hadi", "person/william-hague"], persons


def test_a_body_of_two_states_written_with_a_dash_is_named_whole():
    """Dev 151, 166, 627: "the Georgia–Armenia Intergovernmental Economic Cooperation
    Commission" came out as "Armenia Intergovernmental …" (Armenia's), and "the
    Botswana-Namibia Joint Permanent Commission on Cooperation (JPCC)" as "-Namibia Joint
    Permanent Commission of Botswana"."""
    f = facts(
        "Visit\nSource: Test | 2026-03-04\n\n"
        "Pashinyan arrived in Tbilisi for a bilateral meeting with Kobakhidze, as well as the"
        " 15th session of the Georgia–Armenia Intergovernmental Economic Cooperation"
        " Commission.\n\n"
        "Masisi and Geingob are in Windhoek for the 6th session of the Botswana-Namibia Joint"
        " Permanent Commission on Cooperation (JPCC) and the talks in Namibia.\n"
    )
    orgs = {e.label: e for r, e in f.entities.items() if r.startswith("org/")}
    georgia = orgs.get("Georgia–Armenia Intergovernmental Economic Cooperation Commission")
    assert georgia is not None and georgia.country is None, sorted(orgs)
    jpcc = orgs.get("Botswana-Namibia Joint Permanent Commission on Cooperation")
    assert jpcc is not None and jpcc.country is None, sorted(orgs)
    assert "JPCC" in jpcc.surfaces, jpcc.surfaces


def test_initials_written_onto_the_surname_are_a_persons_name():
    """Dev 684, 545, 214: "the Minister of Foreign Affairs of Andorra I.T.Faus", "Deputy
    Prime Minister of Mongolia Y.Sodbaatar", "President Kh.Battulga": names as the foreign
    ministries of Central Asia write them were read as a body, as "Mongolia Y.Sodbaatar" or
    as nothing, and the meeting of the two delegations had states for parties."""
    f = facts(
        "Meeting\nSource: Test\n\n"
        "On 30 November 2023, a meeting of the Head of the delegation of the Kyrgyz Republic,"
        " the Deputy Minister of Foreign Affairs A.Moldogaziev with the Head of the delegation"
        " of Andorra, the Minister of Foreign Affairs of Andorra I.T.Faus was held on the"
        " margins of the 30th OSCE Ministerial Council in Skopje.\n\n"
        "The guests were the Prime Minister of Belarus R. A. Golovchenko, the Deputy Prime"
        " Minister of Mongolia Y.Sodbaatar and the First Vice President of Iran E. Jahangiri.\n"
    )
    persons = sorted(r for r in f.entities if r.startswith("person/"))
    # (and the state of the post before spaced initials is no given name: "of Belarus R. A.
    # Golovchenko", "of Iran E. Jahangiri")
    for who in (
        "person/a-moldogaziev",
        "person/i-t-faus",
        "person/y-sodbaatar",
        "person/r-a-golovchenko",
        "person/e-jahangiri",
    ):
        assert who in persons, persons
    assert "country/mongolia" in f.entities
    assert not [r for r in f.entities if r.startswith("org/minister")], list(f.entities)
    talks = [m for m in f.meetings if "person/i-t-faus" in m.participants]
    assert talks and "person/a-moldogaziev" in talks[0].participants, talks


def test_a_surname_with_its_glottal_stop_is_the_names_last_word():
    """Dev 688, 289: "Prime Minister Fiame Naomi Mata’afa": the model stops the name at the
    apostrophe that writes the glottal stop, and the person was "Fiame Naomi"."""
    f = facts(
        "Visit\nSource: Test\n\n"
        "Prime Minister Fiame Naomi Mata’afa is now in New Zealand for talks.\n"
    )
    persons = sorted(r for r in f.entities if r.startswith("person/"))
    assert persons == ["person/fiame-naomi-mataafa"], persons


def test_demonyms_the_packages_run_together_or_leave_out_name_the_state():
    """Dev 689: "Ecuadoran President Guillermo Lasso" (the agencies' spelling, which the
    packages leave out) named no state; countryinfo writes "Bosnian,Herzegovinian" as one
    word, so "Bosnian" named none either."""
    f = facts(
        "Ministers\nSource: Test\n\n"
        "The Bosnian foreign minister met the Ecuadoran president in Quito.\n"
    )
    states = sorted(r for r in f.entities if r.startswith("country/"))
    assert states == ["country/bosnia-and-herzegovina", "country/ecuador"], states


def test_a_bodys_name_ends_before_the_of_a_post_follows():
    """Dev 429: "…, the Press Service of the President of the Kyrgyz Republic said": the
    name was cut before the post and kept its "of the" ("Press Service of the")."""
    f = facts(
        "Visit\nSource: Test | 2022-09-16\n\n"
        "Japarov invited Berdimuhamedov to visit Kyrgyzstan at a convenient time, the Press"
        " Service of the President of the Kyrgyz Republic said in a statement.\n"
    )
    labels = [e.label for r, e in f.entities.items() if r.startswith("org/")]
    assert not [x for x in labels if x.endswith((" of the", " of"))], labels


def test_a_name_after_town_of_or_city_of_is_a_place_whatever_the_recogniser_says():
    """Dev texts 279 and 508, their own sentences: "stationed outside the town of Adazi",
    "forces from the western city of Misrata": places, which the recogniser had read as a
    body or a person and so kept from the gazetteer."""
    f = facts(
        "Troops arrive\nSource: Example | 2017-01-20\n\n"
        "The battalion is stationed outside the town of Adazi, near Riga. The government and"
        " elected parliament relocated to the eastern city of Tobruk after rival"
        " Islamist-aligned forces from the western city of Misrata seized the capital.\n"
    )
    labels = {e.label for e in f.entities.values() if e.kind == "place"}
    assert {"Adazi", "Misratah"} <= labels, labels  # (GeoNames spells it Misratah)


def test_a_name_before_region_or_territory_is_a_place_not_a_person():
    """Dev texts 711 and 34, their own words: "in Pakistan’s North Waziristan tribal region"
    was a person (the recogniser's place, unknown to the gazetteer, after a state's
    possessive); "the controversy over the Essequibo territory" no place at all."""
    f = facts(
        "Clash in Swat\nSource: eurasia.ro (Reuters) | 2008-07-30\n\n"
        "Separately, militants shot and killed an Afghan woman accused of being a U.S. spy in"
        " Pakistan’s North Waziristan tribal region on the Afghan border. The two presidents"
        " seek a solution to the controversy over the Essequibo territory.\n"
    )
    places = {e.label for e in f.entities.values() if e.kind == "place"}
    persons = {e.label for e in f.entities.values() if e.kind == "person"}
    assert {"North Waziristan", "Essequibo"} <= places and not persons, (places, persons)


def test_a_name_the_text_calls_a_village_or_a_town_is_a_place():
    """Dev texts 726 and 223, their own sentences: "Sagme, a northern village on the border
    with Nigeria" and "Mongone, a town in the department of Bignona" are places no gazetteer
    lists."""
    f = facts(
        "Cameroon: Civilians Flee After Deadly Boko Haram Attack\n"
        "Source: togonewsgazette.com\n\n"
        "Cameroon says hundreds of civilians have fled Sagme, a northern village on the border"
        " with Nigeria, after a Boko Haram attack Saturday that left eight government troops"
        " dead and 13 wounded, according to a press release. The Cameroonian military deployed"
        " to the area and said fighters were also killed.\n"
    )
    places = {e.label for e in f.entities.values() if e.kind == "place"}
    assert "Sagme" in places, places


def test_a_title_after_a_states_name_of_two_words_is_that_states_post():
    """Dev text 650's "New Zealand Foreign Minister Winston Peters", and the like: the post
    finder took the one word before the title ("Zealand") for the state's name, found none,
    and the minister held no post."""
    f = facts(
        "Talks\nSource: Example | 2024-06-20\n\n"
        "New Zealand Foreign Minister Winston Peters met Solomon Islands Prime Minister"
        " Jeremiah Manele and Saudi Arabia's Foreign Minister Faisal bin Farhan in Honiara.\n"
    )
    held = {
        ref: {f.posts[p].country for p in e.posts}
        for ref, e in f.entities.items()
        if ref.startswith("person/")
    }
    assert held == {
        "person/winston-peters": {"new-zealand"},
        "person/jeremiah-manele": {"solomon-islands"},
        "person/faisal-bin-farhan": {"saudi-arabia"},
    }, held


def test_a_word_in_lower_case_is_no_name_whatever_the_recogniser_says():
    """Dev text 726's own sentence: "escaped … to the bush for safety" was the Egyptian town
    of Būsh (the recogniser's person, then the gazetteer's town). The same words in lower
    case made "the kingdom" a place (436) and "von der" a person (424)."""
    f = facts(
        "Attack\nSource: Example | 2021-07-25\n\n"
        "Bakari said several hundred civilians escaped from Sagme and neighboring villages to the"
        " bush for safety.\n"
    )
    labels = {e.label for e in f.entities.values()}
    assert "Būsh" not in labels and "bush" not in labels, labels


def test_a_place_the_text_calls_a_region_is_known_by_that_name_too():
    """Dev texts 726 and 727, their own words: "Midjiyawa Bakari, governor of Cameroon's Far
    North region" and "the Batken region" name the regions with the word; the place kept
    only "Far North", which a reader looking for "the Far North region" did not find."""
    f = facts(
        "Attack\nSource: Example | 2021-07-25\n\n"
        "Midjiyawa Bakari, governor of Cameroon's Far North region, said six of the Cameroonian"
        " troops were killed on the spot.\n"
    )
    names = {n for e in f.entities.values() if e.kind == "place" for n in (e.label, *e.surfaces)}
    assert "Far North region" in names, names


def test_as_reported_by_makes_no_outlet_of_as():
    """Dev texts 607 and 370, their own openings: "As reported by Jamaica Gleaner, Pompeo …"
    made "As" a news outlet that reports."""
    f = facts(
        "Meetings\nSource: Example | 2020-01-23\n\n"
        "As reported by Jamaica Gleaner, Pompeo, in his earlier presentation at Jamaica House,"
        " said that the US was working to assist countries in the region.\n"
    )
    assert "org/as" not in f.entities, sorted(f.entities)


def test_fsm_and_rmi_are_the_states_they_abbreviate():
    """Dev texts 664 and 548, their own words: "Presidents Hilda Heine (RMI), … and Peter
    Christian (FSM)": the Marshall Islands and Micronesia, which were organizations."""
    f = facts(
        "Summit\nSource: Marshall Islands Journal | 2017-08-04\n\n"
        "Presidents Hilda Heine (RMI), Tommy Remengesau (ROP) and Peter Christian (FSM)"
        " acknowledged the inclusion of Nauru and Kiribati as an historic development.\n"
    )
    assert {"country/marshall-islands", "country/micronesia"} <= set(f.entities), sorted(f.entities)
    assert not {"org/fsm", "org/rmi"} & set(f.entities), sorted(f.entities)


def test_a_malay_kampung_is_a_village_not_a_person():
    """Dev text 735, its own sentence: the recogniser read "Kampung Lormalong" and "Kampung
    Dasar Lama" (Malay for "village") as persons."""
    f = facts(
        "Lahad Datu\nSource: Example | 2013-03-05\n\n"
        "Zulkifeli said although the armed Filipino militants were present only in Kampung"
        " Tanduo in Lahad Datu as well as Kampung Lormalong and Kampung Dasar Lama in Kunak,"
        " security personnel were deployed to Sandakan and Tawau to provide security for"
        " residents there.\n"
    )
    persons = refs(f, "person")
    assert not {r for r in persons if r.startswith("person/kampung")}, sorted(persons)
    assert "place/kampung-dasar-lama" in f.entities, sorted(f.entities)


def test_the_name_after_a_colleagues_portfolio_is_a_person():
    """Dev text 733, its own sentence: "met … with his Guyanese colleague of Foreign Affairs
    and International Cooperation, Hugh Todd, in Paramaribo": the recogniser missed the
    name between the commas, and the meeting had Guyana for a party instead."""
    f = facts(
        "Ministerial meeting\nSource: dodofinance.com | 2021-05-24\n\n"
        "Albert Ramdin, Minister of Foreign Affairs, International Trade and International"
        " Cooperation (BIBIS), met on Saturday, May 22, 2021 with his Guyanese colleague of"
        " Foreign Affairs and International Cooperation, Hugh Todd, in Paramaribo.\n"
    )
    assert "person/hugh-todd" in f.entities, sorted(f.entities)
    assert [sorted(m.participants) for m in f.meetings] == [
        ["person/albert-ramdin", "person/hugh-todd"]
    ], f.meetings


def test_a_bodys_head_named_after_its_post_in_lower_case():
    """Dev text 754, its own sentences: "said the president of the INGD, Luísa Meque, at a
    meeting" (the model reads "the INGD, Luísa Meque" as one body), then "emphasised Meque":
    one person, of an accented given name, who says both."""
    text = (
        "Government warns of risk of insurgents among displaced\nSource: 360mozambique.com\n\n"
        "“We have to continue to be vigilant, to know who is on our side,” said the president"
        " of the INGD, Luísa Meque, at a meeting in the district of Eráti, Nampula province.\n\n"
        "“We have to step up vigilance, [to know] who is on our side, who is receiving our"
        " support,” emphasised Meque.\n"
    )
    f = facts(text)
    assert "person/luisa-meque" in f.entities and "org/meque" not in f.entities


def test_a_shortened_lexicon_name_before_another_qualifier_is_not_the_lexicons_body():
    """Dev text 751, its own sentence: "two platoons to take part in the EU’s EUFOR RCA
    mission": "EUFOR", the lexicon's short name for EUFOR Althea (Bosnia), stands here before
    another operation's qualifier; the Bosnian mission is not named."""
    text = (
        "Georgia sends more soldiers to Central African Republic\nSource: DFWatch\n\n"
        "It involves sending two platoons to take part in the EU’s EUFOR RCA mission in the"
        " Central African Republic, and serve there until the end of March.\n"
    )
    assert "org/eufor-althea" not in facts(text).entities


def test_a_remit_after_a_posts_comma_is_no_person():
    """Dev text 746, its own sentence: "the Minister of Environment, Climate Change and
    Technology, Aminath Shauna": "Climate Change" is the rest of the portfolio, not a
    person named after the post (591's "Regional Anti-Terrorist Structure" likewise)."""
    text = (
        "Tuvalu minister calls on President Solih\nSource: The President's Office\n\n"
        "Tuvalu’s Minister also highlighted the important roles played by President Solih and"
        " the Minister of Environment, Climate Change and Technology, Aminath Shauna, during"
        " the COP26 summit.\n"
    )
    persons = refs(facts(text), "person")
    assert "person/climate-change" not in persons and "person/aminath-shauna" in persons


def test_a_name_then_the_body_its_bearer_is_from_then_said():
    """Dev text 755, its own paragraphs: "Sakhile Nxumalo, from the Swaziland Youth Congress,
    said …" (the model sees the body alone), then a quotation about the Prime Minister
    closed by "he said": Nxumalo's, not the Prime Minister's."""
    text = (
        "Eswatini govt says there's no confirmation of protesters killed\n"
        "Source: Eyewitness News | 2021-07-02\n\n"
        "Sakhile Nxumalo, from the Swaziland Youth Congress, said they had confirmation that"
        " people were killed.\n\n"
        "“The Prime Minister is out of order and he is a liar. The Nazarene Hospital has"
        " confirmed that nine people were shot dead,” he said.\n"
    )
    f = facts(text)
    assert "person/sakhile-nxumalo" in refs(f, "person")


def test_a_states_named_body_is_named_without_the_possessive():
    """Dev texts 754, 217, 159, 498: "Mozambique’s National Institute for Disaster Risk
    Management and Reduction", "Turkey’s Communications Directorate": the state's body,
    whose name is the words after the state's possessive."""
    text = (
        "Government warns of risk of insurgents\nSource: 360mozambique.com\n\n"
        "Mozambique’s National Institute for Disaster Risk Management and Reduction on"
        " Wednesday called on those displaced by the attacks in Cabo Delgado to report"
        " insurgents.\n"
    )
    f = facts(text)
    ent = f.entities.get("org/national-institute-for-disaster-risk-management-and-reduction")
    assert ent is not None and ent.country == "mozambique"


def test_a_name_the_story_calls_a_valley_is_a_place_where_it_stands_alone():
    """Dev text 711, its own sentences: "the troubled Swat valley", then "a peace pact with
    the militants in Swat in May" (read by the model as a body): the valley (624's "Amazon"
    likewise)."""
    text = (
        "Pakistan says 25 militants killed in Swat clash\nSource: Reuters | 2008-07-30\n\n"
        "Twenty-five militants were killed in a fierce clash in the troubled Swat valley in"
        " the northwest, a military spokesman said.\n\n"
        "The provincial government signed a peace pact with the militants in Swat in May,"
        " bringing a lull in months of violence.\n"
    )
    f = facts(text)
    assert "org/swat" not in f.entities


def test_a_day_after_a_name_does_not_cut_its_surname():
    """Dev text 761, its own sentence: "President Arthur Peter Mutharika Monday met …": read
    alone, the model ends the name before "Mutharika"; the surname the day follows is the
    name's."""
    text = (
        "mutharika hold talks with tanzanian foreign affairs minister\n"
        "Source: Face of Malawi | 2017-02-06\n\n"
        "President Arthur Peter Mutharika Monday met Tanzania's Minister of Foreign Affairs"
        " Augustine Mahiga at Kamuzu Palace in Lilongwe.\n"
    )
    persons = refs(facts(text), "person")
    assert "person/arthur-peter-mutharika" in persons and "person/arthur-peter" not in persons


@pytest.mark.parametrize(
    ("body", "places"),
    [
        # dev texts 695 and 680: GeoNames spells them "Nay Pyi Taw" and "N'Djamena"; after
        # "to" or "in" another spelling of a city that size will do
        (
            "On Monday the Security Council delegation flew to Naypyidaw. The leaders met in"
            " N’djamena on Tuesday.",
            {"place/nay-pyi-taw", "place/n-djamena"},
        ),
        # dev texts 519 and 390: a capital's airports and business district are the city's
        # own places, not the state acting
        (
            "The protests shuttered Bangkok's airports earlier this month. Thousands of"
            " protesters occupied Manama’s business district on Monday.",
            {"place/bangkok", "place/manama"},
        ),
    ],
)
def test_cities_the_recogniser_misses_or_takes_for_their_state(body: str, places: set[str]):
    """Cities a story names where only a place can stand, which the recogniser leaves out
    or the rules took for the state acting."""
    f = facts(f"A story\nSource: Wire | 2018-05-01\n\n{body}\n")
    assert places <= refs(f, "place")


def test_a_city_whose_last_words_read_as_a_person_is_the_city():
    """Dev text 373: "the December 12 attack on security forces in Dera Ismail Khan": the
    recogniser takes "Ismail Khan" for a person; after "in", the city of that whole name."""
    f = facts(
        "Attack\nSource: Wire | 2023-12-20\n\n"
        "He spoke of the December 12 attack on security forces in Dera Ismail Khan.\n"
    )
    assert refs(f, "place") == {"place/dera-ismail-khan"} and not refs(f, "person")


def test_a_name_with_accents_closing_a_quotation_is_a_person():
    """Dev text 754's words: "“We have to step up vigilance, …,” said Luísa Meque." (the
    text itself names her first after her post). The recogniser calls the name an
    organization; a name of that shape, accents and all, that closes a quotation after
    "said" is the person who said it."""
    for sentence in (
        "“We have to step up vigilance,” said Luísa Meque.",
        "Luísa Meque said the institute would act.",
    ):
        f = facts(f"Displaced in Chiure\nSource: 360 Mozambique | 2024-02-20\n\n{sentence}\n")
        assert refs(f, "person") == {"person/luisa-meque"} and not refs(f, "org"), sentence


def test_a_named_operation_is_an_organization():
    """Dev texts 782, 528 and 540: "joining the U.S.-led Operation Prosperity Guardian",
    "Operation Martillo, a broad international effort", "The Operation Lionheart contingent":
    a named operation is an organization (docs/gold-format.md), whatever the recogniser made
    of the words of its name."""
    f = facts(
        "Frigate sails\nSource: Wire | 2024-01-29\n\n"
        "The Danish frigate Iver Huitfeldt sailed on Monday for the Red Sea, joining the"
        " U.S.-led Operation Prosperity Guardian. Operation Martillo, a broad international"
        " effort, began in 2012.\n"
    )
    assert {"org/operation-prosperity-guardian", "org/operation-martillo"} <= refs(f, "org")


def test_a_town_ending_the_headline_is_a_place():
    """Dev 638, 700: "Foreign Ministers of North Macedonia and Greece met in Skopje": the
    town after "in" was read with the next line's first word ("Skopje Source"), which no
    gazetteer knows, and the story never named it again."""
    f = facts(
        "Foreign ministers of Chile and Peru met in Arequipa\n"
        "Source: Andes Wire | 2024-06-27\n\n"
        "The two ministers discussed border trade on Thursday.\n"
    )
    assert "place/arequipa" in refs(f, "place"), refs(f, "place")


@pytest.mark.parametrize(
    ("sentence", "ministry"),
    [
        ("South Korea's unification ministry said talks were possible.", "unification"),
        ("India's home ministry ordered more troops to the state.", "home"),
        ("Vietnam's public security ministry said the suspects were held.", "public-security"),
    ],
)
def test_a_states_lower_case_ministry_of_any_portfolio_is_its_body(sentence, ministry):
    """Dev 329, 618: "South Korea's unification ministry", "the federal home ministry": a
    state's ministry written in lower case was found only for a few portfolios (defence,
    foreign, interior, …)."""
    f = facts(f"Ministry speaks\nSource: Asia Wire | 2024-06-27\n\n{sentence}\n")
    assert any(ministry in r and "ministry" in r for r in refs(f, "org")), refs(f, "org")


def test_a_national_body_with_no_state_said_is_the_storys_states():
    """Dev 428, 454, 512, 689: "the National Guard", "the Foreign Office", "the National
    Security Council", "the Armed Forces": a body every state has, named with no state, in a
    story about one state, is that state's (as its ministries already were); it was lost."""
    f = facts(
        "Pakistan reviews security\nSource: South Asia Wire | 2024-06-27\n\n"
        "Pakistan's prime minister chaired a meeting on Thursday. Pakistan will send more "
        "troops to the border, officials said. Pakistan has asked for calm.\n\n"
        "The National Security Council met in Islamabad, and the Foreign Office said it had "
        "informed its neighbours.\n"
    )
    orgs = refs(f, "org")
    assert {"org/national-security-council-pakistan", "org/foreign-office-pakistan"} <= orgs, orgs


@pytest.mark.parametrize(
    "post",
    [
        "The Minister of Foreign Affairs of Uzbekistan, Bakhtiyor Saidov,",
        "The Deputy Commander Land Forces, Maj Gen Kayanja Muhanga,",
        "The Chief of Defence Staff, Brigadier Omar Khan,",
        "The Chair of the Council, Ambassador Ruth Amani,",
    ],
)
def test_a_post_is_no_organization(post):
    """Dev 291, 324, 328, 663, 729: "Deputy Commander Land Forces", "Minister of Foreign
    Affairs of Uzbekistan", "Chief of Defence Staff": a name that opens with a post was
    typed as an organization."""
    f = facts(
        f"Officials meet\nSource: World Wire | 2024-06-27\n\n{post} welcomed the delegation "
        "in Tashkent on Thursday. Uzbekistan and Uganda agreed to meet again.\n"
    )
    bad = {
        r
        for r in refs(f, "org")
        if r.split("/", 1)[1].split("-")[0] in ("minister", "deputy", "chief", "chair")
    }
    assert not bad, bad


def test_a_name_inside_two_longer_forms_of_one_name_is_that_person():
    """Dev text 802: "Teodoro Obiang Nguema Mbasogo", then "President Teodoro Obiang Nguema",
    "Obiang Nguema" and "President Nguema": "Obiang Nguema" is in both longer forms, so it
    went to neither and left two more nodes beside the full name."""
    f = facts(
        "Visit\nSource: Test Wire | 2014-07-15\n\n"
        "Presidents Kagame and Teodoro Obiang Nguema Mbasogo of Equatorial Guinea called for"
        " cooperation at the end of President Nguema’s two-day visit.\n\n"
        "President Kagame said the discussions with President Teodoro Obiang Nguema were"
        " fruitful. Obiang Nguema thanked Rwanda.\n"
    )
    assert {r for r in refs(f, "person") if "nguema" in r or "obiang" in r} == {
        "person/teodoro-obiang-nguema-mbasogo"
    }


def test_a_states_forces_named_without_the_state_are_its_own_or_the_longer_name():
    """Dev texts 136, 780 ("the Defence Forces" in stories on Ireland), 704 ("the Armed
    Forces" of Chile), 332 ("Air Force"), 85 ("National Guard"): a name of a state's forces
    with no state in it was dropped as a generic body; like "the Foreign Ministry", it is
    the forces of the state the story is about, or the body already named in full whose
    name ends with it ("the Royal Bahamas Defence Force … the Defence Force")."""
    f = facts(
        "Peacekeepers\nSource: Test Wire | 2024-05-10\n\n"
        "Irish peacekeepers left Dublin for Lebanon on Friday. Ireland has served in UNIFIL"
        " since 1978, and Ireland's minister saw them off.\n\n"
        "The Defence Forces said 120 soldiers would serve in Ireland's 124th battalion.\n"
    )
    assert "org/defence-forces-ireland" in refs(f, "org"), refs(f, "org")
    g = facts(
        "Haiti\nSource: Test Wire | 2024-05-10\n\n"
        "The Royal Bahamas Defence Force sent 150 marines to Haiti on Friday.\n\n"
        "The Defence Force said the marines would join the mission.\n"
    )
    assert [r for r in refs(g, "org") if "defence-force" in r] == [
        "org/royal-bahamas-defence-force"
    ]


def test_a_short_family_name_written_first_after_a_title_is_part_of_the_name():
    """Dev text 764: "Chief of Navy Rear-Admiral (RADM) Ng Chee Peng emphasised …": the small
    model read "Chee Peng", so "RADM Ng said" later named no one and the speaker was a
    second person; a capitalised word of two or three letters right after a title (or its
    abbreviation in brackets) begins the name."""
    f = facts(
        "Navy\nSource: Test Wire | 2024-05-10\n\n"
        "Chief of Navy Rear-Admiral (RADM) Ng Chee Peng emphasised the importance of the"
        " mission.\n"
    )
    assert refs(f, "person") == {"person/ng-chee-peng"}


def test_a_body_named_after_a_capital_a_has_no_article_in_its_name():
    """Dev text 815: "BEIJING – A Chinese Foreign Ministry’s Spokesperson said": "The" was
    taken off a body's name, "A" was not, so the ministry was a body of its own, "A Chinese
    Foreign Ministry", not China's foreign ministry."""
    f = facts(
        "Border\nSource: Test Wire | 2020-09-02\n\n"
        "BEIJING – A Chinese Foreign Ministry’s Spokesperson said on Wednesday that no third"
        " party should interfere.\n"
    )
    assert refs(f, "org") == {"org/ministry-of-foreign-affairs-china"}


def test_the_government_of_a_states_long_form_is_the_state():
    """Dev text 817: "The Government of the Bolivarian Republic of Venezuela reiterates …":
    a government named by its state is the state (docs/gold-format.md), which the state's
    name right after it says; with the state's long form the phrase became a body,
    "Government of Venezuela". (The short form, "the Government of Hungary", stays a body:
    the seeds' facts count it so.)"""
    f = facts(
        "Border\nSource: Test Wire | 2021-08-29\n\n"
        "The Government of the Bolivarian Republic of Venezuela rejects the statement.\n"
    )
    assert refs(f, "org") == set()
    assert refs(f, "country") == {"country/venezuela"}


def test_the_family_name_he_after_a_title_is_no_pronoun_nor_a_style():
    """Dev text 804: "Chinese Vice-Premier He Lifeng was accorded a welcome … as he arrived
    … to meet with Prime Minister Shehbaz Sharif": "He" was read as a pronoun, then as the
    style "HE" (His Excellency), so the vice-premier was no one and the meeting had one
    party. After a title, a short family name begins the name; "He" in mixed case is no
    style. (But "Her Majesty The Gyaltsuen": an article is no family name.)"""
    f = facts(
        "Visit\nSource: Test Wire | 2023-07-31\n\n"
        "Chinese Vice-Premier He Lifeng was accorded a welcome on Monday as he arrived here at"
        " the Prime Minister’s House to meet with Prime Minister Shehbaz Sharif.\n"
    )
    assert refs(f, "person") == {"person/he-lifeng", "person/shehbaz-sharif"}
    assert parties(f.meetings) == [["person/he-lifeng", "person/shehbaz-sharif"]]


@pytest.mark.parametrize(
    ("sentence", "facility", "town"),
    [
        ("The rescue teams will land at the Ordu airport in the north.", "Ordu airport", None),
        ("The soldiers flew into Kandahar air base on Sunday.", "Kandahar air base", None),
        (
            "The battalion left Windhoek on Friday, flying out of Windhoek International airport.",
            "Windhoek International airport",
            "place/windhoek",
        ),
    ],
)
def test_a_town_with_airport_or_air_base_after_it_names_the_facility(sentence, facility, town):
    """First-sight failures across the dev batches (texts 598, 698, 794, 797 and others):
    "will land at the Adana airport" gave the town Adana where the gold has the facility
    "Adana airport" (docs/gold-format.md: a facility is a place), one extra and one missed.
    A town named on its own elsewhere in the story stays a place of its own."""
    f = facts("Relief\nSource: Test Wire | 2023-02-07\n\n" + sentence + "\n")
    labels = {e.label for e in f.entities.values() if e.kind == "place"}
    assert facility in labels, labels
    places = refs(f, "place")
    if town is None:
        assert not any(facility.split()[0].lower() == r.split("/")[1] for r in places), places
    else:
        assert town in places, places


def test_a_member_of_a_legislature_is_named_without_the_title():
    """Dev text 862: "Taiwan-China media reported that Legislator Su Chih Fen had her
    passport held at Hanoi Airport": the person was "Legislator Su Chih Fen", a second node
    beside the one later news would name."""
    f = facts(
        "Visit\nSource: Test Wire | 2024-03-02\n\n"
        "Lawmaker Chen Mei-ling had her passport held at Hanoi Airport on Friday, while "
        "Legislator Lin Wei-ting said the case would be raised in parliament.\n"
    )
    persons = {k: e.label for k, e in f.entities.items() if k.startswith("person/")}
    assert persons == {
        "person/chen-mei-ling": "Chen Mei-ling",
        "person/lin-wei-ting": "Lin Wei-ting",
    }


def test_a_region_the_text_calls_a_department_is_a_place():
    """Dev text 855: "During a visit to the Catatumbo region (Norte de Santander department)":
    the model read the region as an organization, and the gazetteer's department was not
    asked, as it is for "Cabo Delgado Province"."""
    f = facts(
        "Clashes\nSource: Test Wire | 2021-05-03\n\n"
        "Troops were sent to the border region (Norte de Santander department) on Sunday.\n"
    )
    assert "place/norte-de-santander" in f.entities
    assert "org/norte-de-santander" not in f.entities


def test_offices_of_faith_and_justice_are_titles():
    """A check of common titles after dev text 862's "Legislator": "Grand Mufti Shawki
    Allam" was a person named "Mufti Shawki Allam"."""
    f = facts(
        "Prayers\nSource: Test Wire | 2024-01-05\n\n"
        "Grand Mufti Shawki Allam said the prayers would continue on Friday.\n"
    )
    persons = {k: e.label for k, e in f.entities.items() if k.startswith("person/")}
    assert persons == {"person/shawki-allam": "Shawki Allam"}


def test_a_town_read_as_a_body_in_one_sentence_is_the_town_everywhere():
    """Dev text 869: "will pull out from Arawa to Loloho by Friday", then "The pullout from
    Arawa will begin …": the model read the town as a place once and as an organization
    once, and the deployment's destination went to the organization (the recogniser's
    choice depends on the sentences read with it, so the rule is tested on mentions)."""
    from kg.extract.context import _towns_read_as_bodies
    from kg.extract.model import Entity, Mention

    mentions = [
        Mention(key="arawa", kind="place", start=10, end=15, surface="Arawa"),
        Mention(key="arawa", kind="org", start=60, end=65, surface="Arawa"),
        Mention(key="unitech", kind="org", start=80, end=87, surface="Unitech"),
    ]
    located = {"place/arawa": Entity(kind="place", key="arawa", label="Arawa", country="png")}
    assert [m.kind for m in _towns_read_as_bodies(mentions, located)] == ["place", "place", "org"]
    unlocated = {"place/arawa": Entity(kind="place", key="arawa", label="Arawa")}
    assert [m.kind for m in _towns_read_as_bodies(mentions, unlocated)] == ["place", "org", "org"]


def test_a_name_cut_short_in_the_headline_is_the_longer_name_the_story_gives():
    """Found by probing: "South Korea dispatches anti-piracy unit to Strait of Hormuz": the
    headline's "Strait" was a place of its own, and the deployment's destination (dev: seven
    such bodies and places cut short, "UN Organisation Mission", "European Commission" …)."""
    f = facts(
        "India sends destroyer to Strait of Hormuz\nSource: Test Wire | 2019-06-20\n\n"
        "NEW DELHI, June 20 - India has sent a destroyer to the Strait of Hormuz to protect its"
        " tankers, the navy said on Thursday.\n"
    )
    assert "place/strait" not in refs(f, "place"), refs(f, "place")
    assert "place/strait-of-hormuz" in refs(f, "place")


def test_a_building_named_in_hindi_is_no_person():
    """Found by probing: "a ceremonial welcome at the forecourt of Rashtrapati Bhavan, where
    President Droupadi Murmu received her": the president's palace was a person, and a
    participant of the visit."""
    f = facts(
        "Visit\nSource: Test Wire | 2023-03-01\n\n"
        "Italian Prime Minister Giorgia Meloni was given a ceremonial welcome at the forecourt"
        " of Rashtrapati Bhavan on Thursday.\n"
    )
    assert "person/rashtrapati-bhavan" not in refs(f, "person"), refs(f, "person")


def test_a_calling_at_the_head_of_a_sentence_is_no_part_of_the_name():
    """Found by probing: "Lawyer Ekuru Aukot, who brought the case, said …" made the person
    "Lawyer Ekuru Aukot", a node no other mention of him meets."""
    f = facts(
        "Ruling\nSource: Test Wire | 2024-01-28\n\n"
        "Lawyer Moses Wetangula, who brought the case, said the government should withdraw"
        " its appeal.\n\n"
        "Wetangula spoke outside the court in Nairobi.\n"
    )
    assert "person/moses-wetangula" in refs(f, "person"), refs(f, "person")


def test_names_differing_in_every_vowel_are_two_persons() -> None:
    """Found by probing: "State House spokesman Hussein Mohamed said" in a story naming
    "Somali President Hassan Sheikh Mohamud" gave the spokesman's words to the president:
    each word of the one name matched a word of the other but for its vowels."""
    f = facts(
        "Calls\nSource: Test Wire | 2024-02-02\n\n"
        "Ruto also spoke with Somali President Hassan Sheikh Mohamud on Friday.\n\n"
        "State House spokesman Hussein Mohamed said the leaders agreed to work together.\n"
    )
    assert {"person/hussein-mohamed", "person/hassan-sheikh-mohamud"} <= set(f.entities)
    assert [s.speaker for s in f.statements] == ["person/hussein-mohamed"], f.statements


def test_a_long_name_s_inner_word_written_alone() -> None:
    """Found by probing: "Lula told reporters after the meeting", after "Brazilian President
    Luiz Inácio Lula da Silva", gave no statement: the lone word was no mention."""
    f = facts(
        "Talks\nSource: Test Wire | 2025-03-11\n\n"
        "Brazilian President Luiz Inácio Lula da Silva and Argentine President Javier Milei"
        " met on Monday.\n\n"
        '"We have differences, but Brazil and Argentina are brothers," Lula told reporters'
        " after the meeting.\n"
    )
    assert [s.speaker for s in f.statements] == ["person/luiz-inacio-lula-da-silva"]


def test_an_inner_word_of_another_name_is_not_the_long_name() -> None:
    """dev 321: "Abdul" in "Pengiran Muda ‘Abdul Mateen" is not the mufti "Awang Abdul Aziz
    Juned" named later; "Lula" alone, or after a title, is Luiz Inácio Lula da Silva."""
    from kg.extract.model import Mention
    from kg.extract.ner import surname_variants

    text = (
        "His son Pengiran Muda ‘Abdul Mateen was present. Mufti Awang Abdul Aziz Juned led"
        " the prayers. Luiz Inácio Lula da Silva came. Lula spoke, then President Lula left."
    )
    labels = {"p/juned": "Awang Abdul Aziz Juned", "p/lula": "Luiz Inácio Lula da Silva"}
    known = [
        Mention(key=k, kind="person", start=text.index(v), end=text.index(v) + len(v), surface=v)
        for k, v in labels.items()
    ]
    found = surname_variants(text, known, labels.__getitem__)
    added = [(m.surface, m.key, m.start) for m in found if m not in known]
    lulas = [i for i in range(len(text)) if text.startswith("Lula ", i)][1:]
    assert added == [("Lula", "p/lula", lulas[0]), ("Lula", "p/lula", lulas[1])]


def test_a_given_name_read_as_a_place_after_a_title_takes_the_surname_after_it() -> None:
    """ "Lithuania's President Gitanas Nauseda welcomed …": the model read "Gitanas" as a
    place and "Nauseda" as nothing; the speaker was a person named "Gitanas"."""
    f = facts(
        "Brigade\nSource: Test Wire | 2023-06-26\n\n"
        "Germany will station a brigade in Lithuania, Defence Minister Boris Pistorius said"
        " on Monday.\n\n"
        "Lithuania's President Gitanas Nauseda welcomed the announcement.\n"
    )
    assert "person/gitanas-nauseda" in refs(f, "person")
    assert "person/gitanas" not in refs(f, "person")


def test_a_title_and_given_name_the_model_took_get_the_two_words_after_them() -> None:
    """Found by probing: "African Union Commission Chairperson Moussa Faki Mahamat concluded
    a visit": the model's person was "Chairperson Moussa", and a person "Moussa" came out."""
    f = facts(
        "Tour\nSource: Test Wire | 2017-06-13\n\n"
        "African Union Commission Chairperson Moussa Faki Mahamat concluded a visit to Guinea"
        " on Monday.\n"
    )
    assert refs(f, "person") == {"person/moussa-faki-mahamat"}, refs(f, "person")


def test_a_post_with_initials_inside_then_its_holder_set_off_by_commas() -> None:
    """dev 908: "The Chairperson of the African Union (AU) Commission, Moussa Faki Mahamat,
    …": the model read the name as a body, and the post before it was not seen as one, the
    initials standing inside it rather than at its end."""
    f = facts(
        "Tour\nSource: Test Wire | 2017-06-13\n\n"
        "The Chairperson of the African Union (AU) Commission, Moussa Faki Mahamat, arrived in"
        " Niamey on Monday.\n"
    )
    assert "person/moussa-faki-mahamat" in refs(f, "person"), refs(f, "person")


def test_a_region_named_with_a_capital_region_before_a_post_is_no_person() -> None:
    """Found by probing: "where he met Kurdistan Region President Nechirvan Barzani": a
    place the gazetteer does not know, after "met", was a person named "Kurdistan" and a
    party to the meeting; "Region" after it, capitalised, did not count as a region's."""
    f = facts(
        "Erbil\nSource: Test Wire | 2024-03-14\n\n"
        "Turkish Foreign Minister Hakan Fidan flew to Erbil on Thursday, where he met Kurdistan"
        " Region President Nechirvan Barzani.\n"
    )
    assert refs(f, "person") == {"person/hakan-fidan", "person/nechirvan-barzani"}
    assert parties(f.meetings) == [["person/hakan-fidan", "person/nechirvan-barzani"]]


def test_a_name_the_model_missed_in_a_list_is_found_by_its_surname_told_later() -> None:
    """Found by probing: "Presidents Cyril Ramaphosa of South Africa, Hakainde Hichilema of
    Zambia and …": the model missed the middle name of the list, and took its surname alone
    for a person later ("Hichilema held talks"); a lone word the model calls a person is
    kept only where a title or a verb marks it, so the president was found nowhere."""
    f = facts(
        "Summit\nSource: Test Wire | 2024-08-18\n\n"
        "HARARE, Aug 17 (Reuters) - Leaders of the Southern African Development Community"
        " (SADC) gathered in Harare on Saturday for an extraordinary summit.\n\n"
        "The summit was attended by Presidents Cyril Ramaphosa of South Africa, Hakainde"
        " Hichilema of Zambia and Lazarus Chakwera of Malawi.\n\n"
        "Later, Hichilema held talks with Chakwera on a new border post, a Zambian statement"
        " said.\n"
    )
    assert "person/hakainde-hichilema" in refs(f, "person"), refs(f, "person")
    assert f.entities["person/hakainde-hichilema"].posts == {"president-zambia"}


def test_names_set_in_order_after_the_states_whose_counterparts_they_are() -> None:
    """dev 910: "met on Thursday with his counterparts from Guinea-Bissau and the Central
    African Republic, Umaro Sissoco Embaló and Faustin-Archange Touadéra, at …": the model
    missed the first name and read the second as a body; the meeting had the states."""
    f = facts(
        "Talks\nSource: Test Wire | 2024-05-17\n\n"
        "Congolese President Denis Sassou Nguesso met on Thursday with his counterparts from"
        " Chad and Gabon, Bassirou Diomaye Faye and Umaro Sissoco Embaló, at the Palace of the"
        " People in Brazzaville.\n"
    )
    assert {"person/bassirou-diomaye-faye", "person/umaro-sissoco-embalo"} <= refs(f, "person")
    assert parties(f.meetings) == [
        [
            "person/bassirou-diomaye-faye",
            "person/denis-sassou-nguesso",
            "person/umaro-sissoco-embalo",
        ]
    ], f.meetings


def test_irelands_taoiseach_and_tanaiste_are_posts_not_persons() -> None:
    """dev 913: "THE Taoiseach insisted he would not be negotiating …": Ireland's word for
    its prime minister was a person named "Taoiseach", a party to the dinner and the speaker
    of five passages; "the Tánaiste said" (dev 136) an organization."""
    f = facts(
        "Brexit\nSource: Test Wire | 2019-02-08\n\n"
        "Tánaiste Simon Coveney met the EU's chief negotiator in Brussels on Thursday.\n\n"
        "THE Taoiseach insisted on Friday that Ireland would not reopen the deal, while the"
        " Tánaiste said the backstop was needed.\n"
    )
    assert refs(f, "person") == {"person/simon-coveney"}, refs(f, "person")
    assert not refs(f, "org") & {"org/tanaiste", "org/taoiseach"}, refs(f, "org")


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            "Iwaya is scheduled to meet acting prime minister Kim Min-seok on Tuesday, the"
            " Japanese government said.",
            "person/kim-min-seok",
        ),
        (
            "The ruling party distanced itself from impeached President Yoon Suk Yeol's decree"
            " on Monday.",
            "person/yoon-suk-yeol",
        ),
    ],
)
def test_a_korean_name_the_model_cut_short_is_whole(sentence: str, person: str) -> None:
    """dev 909: "acting president Choi Sang-mok" was "Choi Sang" (the model stops at the
    hyphen of a two-syllable given name) and "President Yoon Suk Yeol's failed martial law
    bid" "Yoon Suk" (a left-out last word before a possessive)."""
    f = facts(f"Seoul\nSource: Test Wire | 2025-01-14\n\n{sentence}\n")
    assert refs(f, "person") == {person}, refs(f, "person")


def test_a_bare_title_is_not_the_post_named_before_that_another_holds() -> None:
    """Found by probing: "Readout of call with Prime Minister of Papua New Guinea", then
    "Prime Minister Anthony Albanese spoke with Papua New Guinea Prime Minister James
    Marape": Albanese took the title's post, Papua New Guinea's, which Marape holds."""
    f = facts(
        "Readout of call with Prime Minister of Solomon Islands\n"
        "Source: Test Wire | 2024-03-12\n\n"
        "Prime Minister Christopher Luxon spoke with Solomon Islands Prime Minister Jeremiah"
        " Manele by telephone on Monday evening.\n"
    )
    assert f.entities["person/jeremiah-manele"].posts == {"prime-minister-solomon-islands"}
    assert f.entities["person/christopher-luxon"].posts == set(), f.entities


def test_a_surname_that_is_a_towns_name_is_the_persons_where_the_text_has_it_speak() -> None:
    """Found by probing: "his Tanzanian counterpart Samia Suluhu Hassan … Hassan said …":
    the model missed the full name and read "Hassan" alone as a person, which the gazetteer
    made the town of Hassan in India; the president's words went to India."""
    f = facts(
        "Visit\nSource: Test Wire | 2024-05-20\n\n"
        "Ugandan President Yoweri Museveni on Sunday arrived in Dodoma at the invitation of his"
        " Tanzanian counterpart Samia Suluhu Hassan.\n\n"
        "Speaking after the talks, Hassan said the two countries would build a new pipeline.\n"
    )
    assert "person/samia-suluhu-hassan" in refs(f, "person"), refs(f, "person")
    assert not refs(f, "place") & {"place/hassan"}, refs(f, "place")
    assert [s.speaker for s in f.statements] == ["person/samia-suluhu-hassan"], f.statements


def test_storms_named_together_are_no_persons() -> None:
    """dev 932: "following Tropical Cyclones Judy and Kevin" gave the persons "Tropical
    Cyclones Judy" and "Kevin"; only the singular storm words kept a storm from being one."""
    f = facts(
        "Relief\nSource: Test Wire | 2024-02-10\n\n"
        "Fiji sent a relief team to Tonga following Tropical Cyclones Harold and Gita, the"
        " government said.\n"
    )
    assert refs(f, "person") == set(), refs(f, "person")


def test_names_a_plural_title_lists_each_of_a_state_are_persons() -> None:
    """Found by probing a summit report: "attended by Presidents Patrice Talon of Benin,
    Alassane Ouattara of Cote d'Ivoire, Nana Akufo-Addo of Ghana, Umaro Sissoco Embalo of
    Guinea-Bissau …": the model missed Talon and read "Nana Akufo-Addo of" and "Umaro
    Sissoco Embalo of" as bodies."""
    f = facts(
        "Summit\nSource: Test Wire | 2023-08-10\n\n"
        "The summit was attended by Presidents Patrice Talon of Benin, Alassane Ouattara of"
        " Cote d'Ivoire, Nana Akufo-Addo of Ghana, Umaro Sissoco Embalo of Guinea-Bissau,"
        " George Weah of Liberia and Macky Sall of Senegal.\n"
    )
    assert {
        "person/patrice-talon",
        "person/nana-akufo-addo",
        "person/umaro-sissoco-embalo",
        "person/macky-sall",
    } <= refs(f, "person"), refs(f, "person")
    assert not refs(f, "org"), refs(f, "org")
