"""One site: the same navigation on every page, error pages for browsers (plain text for
everyone else), VoID as a summary, a browse page, the docs, and labels on every page."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import requests

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
NAV = ["/sparql", "/browse", "/ontology", "/shapes", "/validate", "/.well-known/void", "/docs"]
NG = "https://w3id.org/newsgraph/ontology#"
PAGES = [
    "/",
    "/sparql",
    "/browse",
    "/browse?class=" + quote(NG + "Person"),
    "/ontology",
    "/validate",
    "/shapes",
    "/shapes/Person-label-min",
    "/.well-known/void",
    "/docs",
    "/docs/limits",
    "/id/person/kassym-jomart-tokayev",
]


def _page(server, path: str, **headers) -> requests.Response:
    return requests.get(server.url + path, headers={**BROWSER, **headers}, timeout=60)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_navigation(sample_server, path: str) -> None:
    resp = _page(sample_server, path)
    assert resp.status_code == 200, resp.text[:300]
    assert resp.headers["Content-Type"].startswith("text/html")
    nav = re.search(r'<nav class="site".*?</nav>', resp.text, re.S)
    assert nav, path
    assert re.findall(r'href="([^"]+)"', nav.group(0)) == NAV


def test_navigation_targets_answer(sample_server) -> None:
    for href in NAV:
        assert _page(sample_server, href).status_code == 200, href


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/no/such/page", 404, "nothing is served at /no/such/page"),
        ("/id/person/nobody", 404, "is not in this graph"),
        ("/sparql?query=" + quote("SELEC * {}"), 400, "is not a query form"),
        (
            "/sparql?format=csv&query=" + quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
            406,
            "a graph (CONSTRUCT or DESCRIBE)",
        ),
        ("/browse?class=" + quote("urn:x:nothing"), 404, "nothing in this graph"),
    ],
)
def test_errors_are_pages_for_browsers_and_text_for_clients(sample_server, path, status, words):
    page = _page(sample_server, path)
    assert page.status_code == status
    assert page.headers["Content-Type"].startswith("text/html")
    assert '<nav class="site"' in page.text and f"<h1>{status} ·" in page.text
    assert words in page.text.replace("&#34;", '"').replace("&quot;", '"')
    plain = requests.get(sample_server.url + path, timeout=60)  # curl, scripts: */*
    assert plain.status_code == status
    assert plain.headers["Content-Type"].startswith("text/plain")
    assert words in plain.text and "<" not in plain.text.split("\n")[0][:1]


def test_syntax_error_page_keeps_the_caret(sample_server) -> None:
    page = _page(sample_server, "/sparql?query=" + quote("SELECT * WHERE {\n  ?s ?p ?o \n"))
    assert page.status_code == 400
    pre = re.search(r'<pre class="error-message">(.*?)</pre>', page.text, re.S).group(1)
    assert "line 1, column 16" in pre and "^" in pre


def test_void_page_is_a_summary(sample_server) -> None:
    page = _page(sample_server, "/.well-known/void")
    assert "What the graph holds" in page.text and "@prefix" not in page.text
    assert len(page.text) < 60_000
    # classes link to the browse page, named by their labels
    assert "/browse?class=https%3A//w3id.org/newsgraph/ontology%23Meeting" in page.text


def test_browse_by_class_with_counts_and_labels(sample_server) -> None:
    page = _page(sample_server, "/browse")
    row = re.search(
        r'class=https%3A//w3id.org/newsgraph/ontology%23Person">([^<]+)</a>.*?'
        r'<td class="num">(\d+)</td>',
        page.text,
        re.S,
    )
    assert row and int(row.group(2)) == 4, row
    people = _page(sample_server, "/browse?class=" + quote(NG + "Person"))
    assert (
        "Kassym-Jomart Tokayev" in people.text and 'href="/id/person/vladimir-putin"' in people.text
    )
    statements = _page(sample_server, "/browse?class=" + quote(NG + "Statement"))
    assert "“the mission would be limited in time” — Vladimir Putin" in statements.text


def test_pages_name_statements_and_claims(sample_server) -> None:
    meeting = _page(sample_server, "/id/meeting/2022-01-10-csto").text
    assert "“the mission would be limited in time” — Vladimir Putin" in meeting
    person = _page(sample_server, "/id/person/kassym-jomart-tokayev").text
    assert "over 16 members of law enforcement dead" in person
    # a shown name is valid SPARQL: never id:meeting/… (a "/" in a prefixed name)
    for text in (meeting, person):
        assert not re.search(r"\bid:[\w-]+/", text), re.search(r"\bid:[\w-]+/", text)
