"""The W3C Entity Reconciliation API against the real server on the seeds' graph,
driven the way OpenRefine drives a service: manifest, batched queries with types and
properties (form-encoded `queries`), preview, suggest; and by the `reconciler`
package, an independent client."""

from __future__ import annotations

import json

import pytest
import requests

pytestmark = pytest.mark.slow


def test_manifest(live_server) -> None:
    resp = requests.get(live_server.url + "/reconcile", timeout=30)
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "application/json"
    manifest = resp.json()
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == "https://w3id.org/newsgraph/id/"
    assert manifest["schemaSpace"] == "https://w3id.org/newsgraph/ontology#"
    assert {t["id"] for t in manifest["defaultTypes"]} == {
        "Person", "Organization", "Place", "Meeting",
    }  # fmt: skip
    assert manifest["view"]["url"].endswith("/id/{{id}}")
    jsonp = requests.get(live_server.url + "/reconcile", params={"callback": "cb"}, timeout=30)
    assert jsonp.text.startswith("cb({") and jsonp.text.endswith("})")


def test_openrefine_request_sequence(live_server) -> None:
    service = live_server.url + "/reconcile"
    manifest = requests.get(service, timeout=30).json()
    # OpenRefine's first batch: names of one column, a type, no properties
    queries = {
        "q0": {"query": "Cavusoglu", "type": "Person", "type_strict": "should", "limit": 3},
        "q1": {"query": "Alma-Ata", "type": "Place", "limit": 3},
        "q2": {"query": "CSTO", "type": "Organization"},
        "q3": {"query": "Nobody Anybody", "type": "Person"},
    }
    resp = requests.post(service, data={"queries": json.dumps(queries)}, timeout=30)
    assert resp.status_code == 200, resp.text
    got = resp.json()
    top = {k: got[k]["result"][0] if got[k]["result"] else None for k in queries}
    assert (top["q0"]["id"], top["q0"]["match"]) == ("person/mevlut-cavusoglu", True)
    assert top["q0"]["type"] == [{"id": "Person", "name": "Person"}]
    assert (top["q1"]["id"], top["q1"]["match"]) == ("place/almaty", True)
    assert top["q2"]["id"] == "org/csto"
    assert top["q3"] is None or not top["q3"]["match"]
    # a second column as a property: the country of the person's post
    with_country = {
        "q0": {
            "query": "Mevlut Cavusoglu",
            "type": "Person",
            "properties": [{"pid": "country", "v": "Turkey"}],
        },
        "q1": {
            "query": "Mevlut Cavusoglu",
            "type": "Person",
            "properties": [{"pid": "country", "v": "Russia"}],
        },
    }
    got = requests.post(service, data={"queries": json.dumps(with_country)}, timeout=30).json()
    right, wrong = got["q0"]["result"][0], got["q1"]["result"][0]
    assert right["id"] == wrong["id"] == "person/mevlut-cavusoglu"
    assert right["match"] and right["score"] == 100.0
    assert not wrong["match"] and wrong["score"] < right["score"]
    # preview of the chosen entity, as OpenRefine shows it on hover
    url = manifest["preview"]["url"].replace("{{id}}", right["id"])
    card = requests.get(url, timeout=30)
    assert card.status_code == 200 and "text/html" in card.headers["Content-Type"]
    assert "Mevlüt Çavuşoğlu" in card.text and "Türkiye" in card.text
    # and the view link dereferences
    view = manifest["view"]["url"].replace("{{id}}", right["id"])
    assert requests.get(view, headers={"Accept": "text/turtle"}, timeout=30).status_code == 200


def test_meetings_by_date(live_server) -> None:
    queries = {"q0": {"query": "", "type": "Meeting",
                      "properties": [{"pid": "date", "v": "2022-01-10"}]}}  # fmt: skip
    got = requests.post(
        live_server.url + "/reconcile", data={"queries": json.dumps(queries)}, timeout=30
    ).json()
    assert got["q0"]["result"], got
    assert all("Meeting" in [t["id"] for t in r["type"]] for r in got["q0"]["result"])
    assert "2022-01-10" in got["q0"]["result"][0]["description"]


def test_suggest_and_bad_input(live_server) -> None:
    base = live_server.url + "/reconcile"
    names = requests.get(base + "/suggest/entity", params={"prefix": "toka"}, timeout=30).json()
    assert "person/kassym-jomart-tokayev" in [r["id"] for r in names["result"]]
    types = requests.get(base + "/suggest/type", params={"prefix": "pe"}, timeout=30).json()
    assert types["result"] == [{"id": "Person", "name": "Person"}]
    props = requests.get(base + "/suggest/property", params={"prefix": "co"}, timeout=30).json()
    assert "country" in [r["id"] for r in props["result"]]
    bad = requests.post(base, data={"queries": "{not json"}, timeout=30)
    assert bad.status_code == 400 and "not JSON" in bad.json()["message"]
    unknown = requests.post(
        base, data={"queries": json.dumps({"q0": {"query": "x", "type": "Q5"}})}, timeout=30
    )
    assert unknown.status_code == 400 and "unknown type" in unknown.json()["message"]


def test_reconciler_package_as_client(live_server) -> None:
    pd = pytest.importorskip("pandas")
    from reconciler import reconcile

    names = pd.Series(["Tokayev", "Pashinyan", "Tleuberdi"])
    got = reconcile(names, type_id="Person", reconciliation_endpoint=live_server.url + "/reconcile")
    ids = dict(zip(got["input_value"], got["id"], strict=True))
    assert ids == {
        "Tokayev": "person/kassym-jomart-tokayev",
        "Pashinyan": "person/nikol-pashinyan",
        "Tleuberdi": "person/mukhtar-tileuberdi",
    }
