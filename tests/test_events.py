"""Meetings, statements, deployments and claims on invented communiqués (not the seeds)."""

from datetime import date
from pathlib import Path

from kg.documents import document_from_bytes
from kg.extract import extract_facts

DATA = Path(__file__).parent / "data" / "invented"

COMMUNIQUE = (DATA / "communique.txt").read_text(encoding="utf-8")

DEPLOY = (DATA / "deployment.txt").read_text(encoding="utf-8")


def facts(text: str):
    return extract_facts(document_from_bytes("x.txt", text.encode()))[0]


def test_meeting_with_chair_participants_topic_location():
    f = facts(COMMUNIQUE)
    (m,) = [m for m in f.meetings if m.organizer]
    assert m.date.value == date(2023, 3, 14) and m.date.basis == "ExplicitDate"
    assert m.organizer == "org/ots-council-of-foreign-ministers"
    assert m.key == "2023-03-14-ots"
    assert m.chair == "person/jeyhun-bayramov"
    assert {
        "person/jeyhun-bayramov",
        "person/abdulaziz-kamilov",
        "person/kubanychbek-omuraliev",
    } <= set(m.participants)
    assert "country/afghanistan" in m.topics
    assert m.location == "place/baku"


def test_phone_call_relative_date():
    f = facts(COMMUNIQUE)
    (call,) = [m for m in f.meetings if "PhoneCall" in m.kinds]
    assert set(call.participants) == {"person/sergey-lavrov", "person/jeyhun-bayramov"}
    assert call.date.value == date(2023, 3, 13) and call.date.basis == "RelativeToDocumentDate"


def test_reported_speech_goes_to_the_last_named_speaker():
    f = facts(COMMUNIQUE)
    text = COMMUNIQUE
    by_text = {text[s.span.start : s.span.end][:30]: s for s in f.statements}
    assert by_text["H.E. Abdulaziz Kamilov stated t"[:30]].speaker == "person/abdulaziz-kamilov"
    assert by_text["He also noted that 40 trucks of"[:30]].speaker == "person/abdulaziz-kamilov"
    assert by_text["The Minister emphasized that th"[:30]].speaker == "person/abdulaziz-kamilov"
    assert by_text["Kubanychbek Omuraliev underline"[:30]].speaker == "person/kubanychbek-omuraliev"
    assert all(
        s.meeting == "2023-03-14-ots" for s in f.statements if s.speaker != "person/sergey-lavrov"
    )


def test_deployment_with_contingent_and_numbers():
    f = facts(DEPLOY)
    deps = {d.key: d for d in f.deployments}
    whole = deps["csto-tajikistan-2023-02"]
    assert whole.deployed_by == "org/csto-collective-peacekeeping-forces"
    assert whole.destination == "country/tajikistan"
    assert (whole.personnel, whole.equipment) == (1500, 120)
    assert whole.legal_basis == "Article 4 of the Collective Security Treaty"
    assert whole.commander == "person/ivan-petrov"
    assert "place/dushanbe" in whole.stations
    part = deps["csto-tajikistan-2023-02/kyrgyzstan"]
    assert part.part_of == "csto-tajikistan-2023-02"
    assert (part.personnel, part.equipment) == (200, 15)
    assert part.start.value == date(2023, 2, 7)


def test_claims_kinds_values_qualifiers():
    f = facts(DEPLOY)
    got = {(c.quantity_kind, c.value, c.qualifier) for c in f.claims}
    assert ("Deaths", 14, None) in got
    assert ("Injuries", 300, "more than") in got
    assert ("Detentions", 2100, "about") in got
    assert ("WeaponsSeized", 95, None) in got


def test_no_meeting_from_a_generic_mention():
    f = facts("We discussed this at our regular meetings. Future summits will tell.\n")
    assert f.meetings == []


def test_no_statement_without_a_speaker():
    f = facts("It was noted that prices rose. Analysts expect more.\n")
    assert [s for s in f.statements if s.speaker] == []
