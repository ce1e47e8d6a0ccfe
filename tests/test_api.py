"""The UI's JSON services on the real server: labels for IRIs, completion from the graph."""

from __future__ import annotations

import requests

NG = "https://w3id.org/newsgraph/ontology#"
ID = "https://w3id.org/newsgraph/id/"


def _get(server, path: str, **params):
    resp = requests.get(server.url + path, params=params, timeout=10)
    return resp


def test_labels_name_the_nameless(sample_server) -> None:
    iris = [
        ID + "statement/s1",
        ID + "claim/c1",
        ID + "meeting/2022-01-10-csto",
        ID + "deployment/csto-kazakhstan-2022-01/kyrgyzstan",
        NG + "Meeting",
        "http://www.wikidata.org/entity/Q232",
    ]
    resp = requests.post(sample_server.url + "/api/labels", json={"iris": iris}, timeout=10)
    assert resp.status_code == 200
    got = resp.json()["labels"]
    statement = got[ID + "statement/s1"]["label"]
    assert (
        statement
        == "“Azerbaijan closely follows the current situation in Kazakhstan.” — Jeyhun Bayramov"
    )
    claim = got[ID + "claim/c1"]["label"]
    assert claim.startswith("over 16 members of law enforcement dead") and "Tokayev" in claim
    assert got[ID + "meeting/2022-01-10-csto"]["label"] == "CSTO session, 2022-01-10"
    assert "Kyrgyzstan" in got[ID + "deployment/csto-kazakhstan-2022-01/kyrgyzstan"]["label"]
    assert got["http://www.wikidata.org/entity/Q232"]["label"] == "Kazakhstan (Wikidata Q232)"
    # short names are valid SPARQL: a prefixed name when it can be one, else <IRI>
    assert got[NG + "Meeting"]["short"] == "ng:Meeting"
    assert got[ID + "meeting/2022-01-10-csto"]["short"] == f"<{ID}meeting/2022-01-10-csto>"


def test_labels_refuse_bad_requests(sample_server) -> None:
    resp = requests.post(sample_server.url + "/api/labels", json={"iris": "x"}, timeout=10)
    assert resp.status_code == 400 and "iris" in resp.json()["error"]
    many = [f"urn:x:{i}" for i in range(501)]
    resp = requests.post(sample_server.url + "/api/labels", json={"iris": many}, timeout=10)
    assert resp.status_code == 400


def test_completion_of_prefixes_classes_properties_instances(sample_server) -> None:
    prefixes = _get(sample_server, "/api/complete", kind="prefix", q="sch").json()["items"]
    assert prefixes == [{"prefix": "schema", "namespace": "https://schema.org/"}]

    classes = _get(sample_server, "/api/complete", kind="class", q=NG + "Mee").json()["items"]
    meeting = next(c for c in classes if c["iri"] == NG + "Meeting")
    assert meeting["short"] == "ng:Meeting" and meeting["label"] and meeting["count"] == 2
    by_label = _get(sample_server, "/api/complete", kind="class", q=NG + "deploy").json()["items"]
    assert NG + "Deployment" in [c["iri"] for c in by_label]  # a label match, any case

    props = _get(sample_server, "/api/complete", kind="property", q=NG + "spea").json()["items"]
    assert NG + "speaker" in [p["iri"] for p in props]
    used = _get(
        sample_server, "/api/complete", kind="property", q="http://www.w3.org/2004/02/skos/core#alt"
    )
    assert "http://www.w3.org/2004/02/skos/core#altLabel" in [
        p["iri"] for p in used.json()["items"]
    ]

    found = _get(sample_server, "/api/complete", kind="instance", q="tokay").json()["items"]
    assert found[0]["iri"] == ID + "person/kassym-jomart-tokayev"
    assert found[0]["label"] == "Kassym-Jomart Tokayev"
    # other names (skos:altLabel) find the thing too
    alt = _get(sample_server, "/api/complete", kind="instance", q="cavusoglu").json()["items"]
    assert [i["iri"] for i in alt] == [ID + "person/mevlut-cavusoglu"]
    assert _get(sample_server, "/api/complete", kind="nonsense").status_code == 400
