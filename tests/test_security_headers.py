"""Every response carries the security headers; only http(s) IRIs become links on pages."""

from __future__ import annotations

import requests

from kg.server.security import CSP
from tests.protocol_fixtures import ADMIN_TOKEN

PERSON = "https://w3id.org/newsgraph/id/person/mevlut-cavusoglu"
PAGES = [
    "/",
    "/sparql",
    "/ontology",
    "/.well-known/void",
    "/validate",
    "/shapes",
    "/shapes/Deployment-equipment-max",
    "/id/person/mevlut-cavusoglu",
    "/id/no-such-thing",
    "/static/sparql-ui.js",
    "/sparql?query=ASK%7B%7D",
    "/health",
]


def test_every_page_has_a_strict_policy(sample_server) -> None:
    for path in PAGES:
        r = requests.get(sample_server.url + path, headers={"Accept": "text/html"}, timeout=60)
        assert r.status_code in (200, 404, 406), (path, r.status_code)
        policy = r.headers.get("Content-Security-Policy", "")
        assert policy == CSP, path
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'"  # no inline script, no eval
        assert directives["frame-ancestors"] == "'none'"
        assert directives["connect-src"] == "'self'"
        assert r.headers.get("X-Content-Type-Options") == "nosniff", path
        assert r.headers.get("X-Frame-Options") == "DENY", path
        if r.headers.get("Content-Type", "").startswith("text/html"):
            assert "<script>" not in r.text, f"inline script on {path}"


def test_only_web_iris_become_links(writable_server) -> None:
    hostile = [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "urn:isbn:0451450523",
    ]
    triples = " ".join(
        f"<{PERSON}> <http://example.org/p{i}> <{iri}> ." for i, iri in enumerate(hostile)
    )
    up = requests.post(
        writable_server.sparql,
        data=f"INSERT DATA {{ {triples} <{hostile[0]}> <http://example.org/knows> <{PERSON}> }}",
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {ADMIN_TOKEN}",
        },
        timeout=60,
    )
    assert up.status_code == 200, up.text
    page = requests.get(
        writable_server.url + "/id/person/mevlut-cavusoglu",
        headers={"Accept": "text/html"},
        timeout=60,
    )
    assert page.status_code == 200
    html = page.text
    for iri in hostile:
        assert f'href="{iri}' not in html and f"href='{iri}" not in html
    assert 'href="javascript' not in html.lower() and 'href="data:' not in html
    assert "javascript:alert(document.domain)" in html  # shown, as text
    assert 'href="https://w3id.org/' not in html  # local IRIs still link here
    assert 'href="/id/' in html
