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


def test_wire_story_speakers_and_publisher():
    f = facts((DATA / "wire.txt").read_text(encoding="utf-8"))
    assert f.meta.publisher == "reuters"
    speakers = [s.speaker for s in f.statements]
    assert "person/kassym-jomart-tokayev" in speakers
    assert "person/erlan-turgumbayev" in speakers
    assert "org/ministry-of-defence-russia" in speakers
    assert "person/wang-wenbin" in speakers
    claims = {(c.quantity_kind, c.value, c.claimant) for c in f.claims}
    assert ("Detentions", 9900, "person/erlan-turgumbayev") in claims
    # "the health ministry" is named by no one: the claim stays, with no claimant
    assert ("Deaths", 164, None) in claims


def test_talks_between_two_leaders():
    f = facts((DATA / "talks.txt").read_text(encoding="utf-8"))
    (m,) = f.meetings
    assert set(m.participants) == {"person/shavkat-mirziyoyev", "person/serdar-berdimuhamedov"}
    assert m.location == "place/tashkent" and m.date.value == date(2022, 5, 5)
    # "Georgia Williams, a local teacher, said she ...": a person found with no title or
    # lexicon entry (issue #10), whose words are hers and not said at the talks; "The Minister
    # of Health said" names a post nobody in the story holds: no speaker
    assert [s.speaker for s in f.statements] == [
        "person/serdar-berdimuhamedov",
        "person/georgia-williams",
    ]
    assert not [s for s in f.statements if s.speaker == "person/georgia-williams" and s.meeting]


def test_the_minister_is_the_last_minister_not_the_last_speaker():
    text = (
        "Aidos Serikov, Minister of Energy of Kazakhstan, said prices would fall. "
        "President Kassym-Jomart Tokayev noted that reforms continue. "
        "The Minister added that new plants would open.\n"
    )
    f = facts(text)
    assert [s.speaker for s in f.statements] == [
        "person/aidos-serikov",
        "person/kassym-jomart-tokayev",
        "person/aidos-serikov",
    ]


def test_decision_authorizing_a_deployment():
    text = (
        "On 4 May 2023, the CSTO Collective Security Council, meeting in Minsk, made a decision "
        "to send the CSTO Collective Peacekeeping Forces to Armenia.\n"
        "The CSTO Collective Peacekeeping Forces of 600 troops were deployed to Armenia "
        "on 5 May 2023.\n"
    )
    (d,) = facts(text).deployments
    assert d.authorized_by == "org/csto-collective-security-council"
    assert d.decision_date.value == date(2023, 5, 4)
    assert d.personnel == 600 and d.destination == "country/armenia"


def test_call_in_a_dated_lead_takes_the_page_date_and_says_so():
    f = facts((DATA / "kremlin.txt").read_text(encoding="utf-8"))
    call = next(m for m in f.meetings if "PhoneCall" in m.kinds)
    assert call.date.value == date(2022, 1, 7) and call.date.basis == "DocumentDate"
    visit = next(m for m in f.meetings if "Visit" in m.kinds)
    assert visit.location == "place/almaty" and visit.organizer is None
    assert set(visit.participants) == {"person/stanislav-zas", "person/andrey-serdyukov"}
    speakers = {s.speaker for s in f.statements}
    # "The President of Russia expressed ...": the one holder of that post in the document
    assert "person/vladimir-putin" in speakers


def test_withdrawal_ends_the_deployment():
    text = (
        "On 6 January 2022 the CSTO Collective Peacekeeping Forces were deployed to Kazakhstan.\n"
        "The withdrawal of the CSTO peacekeeping contingent from Kazakhstan was completed on "
        "January 19, 2022.\n"
    )
    (d,) = facts(text).deployments
    assert d.end.value == date(2022, 1, 19)


def test_a_quote_over_several_sentences_is_one_statement():
    text = (
        "Kazakhstan's Foreign Ministry issued a statement on Monday.\n"
        "“We value our partners. We will keep our commitments. Order is restored,” it said.\n"
    )
    f = facts(text)
    st = f.statements[-1]
    assert text[st.span.start : st.span.end].startswith("“We value our partners.")
    assert st.kind == "DirectQuote" and st.speaker == "org/ministry-of-foreign-affairs-kazakhstan"


def test_undated_wire_story():
    f = facts((DATA / "tass.txt").read_text(encoding="utf-8"))
    assert f.meta.publisher == "tass" and f.meta.published is None
    deaths = [c for c in f.claims if c.quantity_kind == "Deaths"]
    assert [(c.value, c.span.start > 40) for c in deaths] == [(225, True)]  # not the headline copy
    summit = next(m for m in f.meetings if m.organizer)
    assert summit.organizer == "org/csto" and summit.date.value is None
    assert summit.date.text == "Monday" and "Summit" in summit.kinds
    # the spokesman reporting the summit did not speak at it
    assert summit.participants == []
    assert all(s.meeting is None for s in f.statements)


def test_present_tense_statements_and_place_dated_header():
    f = facts((DATA / "eu.txt").read_text(encoding="utf-8"))
    assert f.meta.published.value == date(2022, 1, 7)
    assert [s.speaker for s in f.statements] == [
        "org/eu",
        "person/josep-borrell",
        "person/josep-borrell",
    ]


def test_unattributed_titles_make_no_speaker():
    # "The Secretary-General ..." with no name and no organization: no statement is invented
    f = facts((DATA / "un.txt").read_text(encoding="utf-8"))
    assert f.meta.published.value == date(2022, 1, 6)
    assert [s for s in f.statements if s.speaker] == []


def test_states_speak_through_their_representatives_at_the_pages_meeting():
    f = facts((DATA / "un-coverage.txt").read_text(encoding="utf-8"))
    (m,) = f.meetings
    assert m.organizer == "org/un-security-council" and "Debate" in m.kinds
    assert m.date.value == date(2022, 3, 16) and m.date.basis == "RelativeToDocumentDate"
    assert set(m.participants) == {"country/kazakhstan", "country/united-kingdom"}
    assert {s.speaker for s in f.statements} == {"country/kazakhstan", "country/united-kingdom"}
    assert all(s.meeting == m.key for s in f.statements)


def test_active_chair_and_countries_attending():
    text = (
        "On 3 May 2023 the CSTO Council of Foreign Ministers held a meeting in Minsk. The meeting "
        "was attended by the foreign ministers of Armenia, Belarus, Kazakhstan and Tajikistan. "
        "Vladimir Makei chaired the meeting.\n"
    )
    (m,) = facts(text).meetings
    assert m.chair == "person/vladimir-makei" and m.location == "place/minsk"
    assert {
        "country/armenia",
        "country/belarus",
        "country/kazakhstan",
        "country/tajikistan",
    } <= set(m.participants)


def test_more_meeting_words_and_what_is_not_a_meeting():
    (m,) = facts("On 5 May 2023, Sergey Lavrov and Ararat Mirzoyan met in Moscow.\n").meetings
    assert set(m.participants) == {"person/sergey-lavrov", "person/ararat-mirzoyan"}
    assert m.location == "place/moscow"
    assert facts("On 6 May 2023 Antony Blinken held a news conference in Moscow.\n").meetings == []
    assert facts("On 6 May 2023 Sergey Lavrov met reporters.\n").meetings == []


def test_deployment_month_named_in_a_later_page():
    text = (
        "Briefing\n\n16 February 2022\n\nStanislav Zas said the CSTO Collective Peacekeeping "
        "Forces were deployed to Kazakhstan in January.\n"
    )
    assert [d.key for d in facts(text).deployments] == ["csto-kazakhstan-2022-01"]


def test_a_bodys_session_and_the_parse_of_the_same_words_are_one_meeting():
    """Dev 627: "The 26th Session of the Zambia–Namibia Joint Permanent Commission (JPC) on
    Defence and Security opened at Sandy's Creations Resort": the session of the body and
    the session the parse reads in the same sentence came out as two meetings."""
    f = facts(
        "Session\nSource: Test\n\n"
        "The 26th Session of the Zambia–Namibia Joint Permanent Commission (JPC) on Defence"
        " and Security opened at Sandy’s Creations Resort in Chilanga district, Lusaka"
        " Province, with Commission Chairperson Maambo Haamaundu urging the two countries to"
        " work together.\n"
    )
    sessions = [m for m in f.meetings if "Session" in m.kinds]
    assert len(sessions) == 1, [(m.key, m.participants) for m in sessions]


def test_talks_with_one_on_a_days_visit_are_talks_and_a_visit():
    """Dev 685: "… held bilateral talks with his Senegalese counterpart Cheikh Niang who was
    on a day's working visit to Banjul": the article before "day's" is the length's, and the
    visit was taken for the talks."""
    f = facts(
        "Talks\nSource: Test | 2025-10-24\n\n"
        "Gambian foreign minister Serign Modou Njie yesterday held bilateral talks with his"
        " Senegalese counterpart Cheikh Niang who was on a day’s working visit to Banjul.\n"
    )
    kinds = sorted(k for m in f.meetings for k in m.kinds)
    assert kinds == ["InPersonMeeting", "Visit"], [(m.kinds, m.participants) for m in f.meetings]
    visit = next(m for m in f.meetings if "Visit" in m.kinds)
    assert "person/cheikh-niang" in visit.participants and visit.location == "place/banjul"


def test_welcoming_a_post_holder_named_after_the_posts_body_is_a_meeting():
    """Dev 686: "Prime Minister, Dr the Right Honourable Keith Mitchell, has welcomed the new
    Principal Officer of the United States Embassy in Grenada, Karl Duckworth.": the parser
    hangs the name on "Grenada", and the welcome was read as one of a decision."""
    f = facts(
        "Welcome\nSource: Test | 2019-10-05\n\n"
        "Prime Minister, Dr the Right Honourable Keith Mitchell, has welcomed the new Principal"
        " Officer of the United States Embassy in Grenada, Karl Duckworth.\n"
    )
    assert [sorted(m.participants) for m in f.meetings] == [
        ["person/karl-duckworth", "person/keith-mitchell"]
    ], f.meetings


def test_a_meeting_set_for_a_weekday_on_a_page_with_no_date_is_told():
    """Dev 688, 522: "… will meet with her counterpart Jacinda Ardern on Tuesday" on a page
    that shows no date: the day is said, though it cannot be known, and the meeting set for
    it is told (with no date), as on a dated page."""
    f = facts(
        "Visit\nSource: Test\n\n"
        "Prime Minister Fiame Naomi Mata’afa is now in New Zealand and will meet with her"
        " counterpart Jacinda Ardern on Tuesday for her first bilateral meeting outside the"
        " country.\n"
    )
    talks = [m for m in f.meetings if "person/jacinda-ardern" in m.participants]
    assert len(talks) == 1, f.meetings
    assert talks[0].date is None or not talks[0].date.value, talks[0].date


def test_the_day_of_what_a_relative_clause_tells_is_not_the_meetings():
    """Dev 696: "Meeting on Friday, the Permanent Council of the Organization of American
    States (OAS) approved a resolution that condemns the occupation of its offices in
    Managua, which occurred on April 24": the session was dated by the occupation."""
    f = facts(
        "OAS\nSource: Test | 2022-05-16\n\n"
        "Meeting on Friday, the Permanent Council of the Organization of American States (OAS)"
        " approved a resolution that condemns the occupation of its offices in Managua, which"
        " occurred on April 24, and demands that the Nicaraguan State restitute them.\n"
    )
    days = [m.date.value for m in f.meetings if m.date]
    assert days == [date(2022, 5, 13)], [(m.kinds, m.date) for m in f.meetings]
