"""The cross-document step on invented documents."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.documents import document_from_bytes
from kg.extract import extract_document, resolve
from kg.namespaces import NG

BASE = "https://example.org/id/"

TRANSCRIPT = """Session of the CSTO Collective Security Council

On March 3, 2023, a session of the CSTO Collective Security Council was held via videoconference.

Speech by the President of the Republic of Kazakhstan Kassym-Jomart Tokayev:

Dear colleagues!

We have deployed 2,030 troops and 250 units of equipment. More than 1,300 people were wounded.
About 8,000 people were detained and 116 weapons were seized. In all, 1,270 businesses suffered.

Thank you.
"""

TRANSLATION = """March 3, 2023

Dear colleagues!

Our forces of 2030 personnel and 250 pieces of equipment are deployed. Over 1300 were injured.
Some eight thousand people were detained and we confiscated 116 weapons. 1270 businesses were hit.

Thank you for your attention.
"""

OTHER_SPEECH = """March 3, 2023

Dear friends!

We sent 40 doctors and 12 aircraft to help; 300 tonnes of aid arrived in 5 cities.

Thank you.
"""


def doc(name, text):
    return document_from_bytes(name, text.encode())


def graphs_of(*docs):
    return {d.iri(BASE): extract_document(d, base=BASE) for d in docs}


def test_same_speech_in_two_translations_gets_one_iri():
    a, b, c = doc("a.txt", TRANSCRIPT), doc("b.txt", TRANSLATION), doc("c.txt", OTHER_SPEECH)
    graphs = graphs_of(a, b, c)
    resolve(graphs, base=BASE)
    speeches = {g: set(graphs[g].subjects(NG.statementKind, NG.Speech)) for g in graphs}
    assert speeches[a.iri(BASE)] == speeches[b.iri(BASE)]
    assert speeches[c.iri(BASE)].isdisjoint(speeches[a.iri(BASE)])
    (st,) = speeches[a.iri(BASE)]
    # the speaker comes from the transcript's graph, the second text from the translation's
    assert graphs[a.iri(BASE)].value(st, NG.speaker) is not None
    assert graphs[b.iri(BASE)].value(st, NG.text) is not None


def test_one_preferred_label_others_demoted():
    d1 = doc("1.txt", "Péter Novák, Minister of Culture of Hungary, said the museum opens.\n")
    d2 = doc("2.txt", "Peter Novak, Minister of Culture of Hungary, said it was late.\n")
    d3 = doc("3.txt", "Péter Novák, Minister of Culture of Hungary, noted the costs.\n")
    graphs = graphs_of(d1, d2, d3)
    resolve(graphs, base=BASE)
    from rdflib import URIRef

    person = URIRef(BASE + "person/peter-novak")
    labels = {str(o) for g in graphs.values() for o in g.objects(person, RDFS.label)}
    assert labels == {"Péter Novák"}
    alts = {str(o) for g in graphs.values() for o in g.objects(person, SKOS.altLabel)}
    assert "Peter Novak" in alts and "Péter Novák" not in alts
    assert Literal("Péter Novák", lang="en") in set(
        graphs[d2.iri(BASE)].objects(person, RDFS.label)
    )


def test_undated_call_meets_the_dated_one():
    undated = doc(
        "u.txt",
        "Cavusoglu and Lavrov spoke on the phone early Jan. 6, the ministry said.\n"
        "Mevlüt Çavuşoğlu, Sergey Lavrov.\n",
    )
    dated = doc(
        "d.txt", "On 6 January 2022, Mevlüt Çavuşoğlu and Sergey Lavrov spoke on the phone.\n"
    )
    graphs = graphs_of(undated, dated)
    resolve(graphs, base=BASE)
    calls = {m for g in graphs.values() for m in g.subjects(NG.kind, NG.PhoneCall)}
    assert len(calls) == 1
    (call,) = calls
    assert str(call).endswith("2022-01-06-mevlut-cavusoglu-sergey-lavrov")


def test_meeting_known_by_its_people_meets_the_bodys_meeting():
    body = doc(
        "a.txt",
        "On 10 January 2022, the CSTO Collective Security Council held a session "
        "chaired by Nikol Pashinyan and attended by Vladimir Putin.\n",
    )
    people = doc("b.txt", "On 10 January 2022, Vladimir Putin held talks with Nikol Pashinyan.\n")
    graphs = graphs_of(body, people)
    resolve(graphs, base=BASE)
    meetings = {
        m
        for g in graphs.values()
        for m in g.subjects(NG.date, None)
        if (m, None, None) in g and "meeting/" in str(m)
    }
    assert {str(m).rsplit("/", 1)[1] for m in meetings} == {"2022-01-10-csto"}


def test_claims_in_a_merged_speech_get_its_speaker():
    a, b = doc("a.txt", TRANSCRIPT), doc("b.txt", TRANSLATION)
    graphs = graphs_of(a, b)
    resolve(graphs, base=BASE)
    g = graphs[b.iri(BASE)]
    claimants = {g.value(c, NG.claimant) for c in g.subjects(NG.quantityKind, None)}
    assert claimants == {URIRef(BASE + "person/kassym-jomart-tokayev")}
