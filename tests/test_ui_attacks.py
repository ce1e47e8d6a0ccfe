"""A crafted UI link and hostile values cannot run script or move the query UI elsewhere.

Headless Chromium against the real server (skipped, with the reason, without it). The
"attacker" is a SPARQL endpoint on another loopback port that records every request
and answers with markup in a language tag and a `javascript:` IRI.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from tests.test_ui_browser import browser, pytestmark  # noqa: F401 - the fixture and marks

HOSTILE_RESULTS = {
    "head": {"vars": ["s", "label"]},
    "results": {
        "bindings": [
            {
                "s": {"type": "uri", "value": "javascript:window.pwned='iri'"},
                "label": {
                    "type": "literal",
                    "value": "<img src=x onerror=\"window.pwned='value'\">",
                    "xml:lang": "<img src=x onerror=\"window.pwned='lang'\">",
                },
            }
        ]
    },
}


@pytest.fixture()
def attacker():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            hits.append(f"{self.command} {self.path}")
            body = json.dumps(HOSTILE_RESULTS).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_OPTIONS = _answer

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()


def _wait(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_a_link_cannot_move_the_endpoint(browser, sample_server, attacker) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    evil, hits = attacker
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#Person> } LIMIT 3"
    link = (
        f"{sample_server.url}/sparql#query={quote(query)}&endpoint={quote(evil)}"
        "&requestMethod=GET&headers=" + quote(json.dumps({"X-Evil": "1"}))
    )
    browser.get("about:blank")
    browser.get(link)
    rows = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr"))
    assert rows, browser.find_element(By.CSS_SELECTOR, ".yasr").text
    endpoint = browser.execute_script("return window.newsgraphYasgui.getTab().getEndpoint()")
    assert endpoint == sample_server.sparql
    time.sleep(1.0)
    assert hits == []  # the attacker's endpoint was never called
    assert browser.execute_script("return window.pwned") is None


def test_hostile_values_render_as_text(browser, sample_server) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(sample_server.url + "/sparql")
    _wait(lambda: browser.execute_script("return !!window.newsgraphYasgui"))
    browser.execute_script(
        "window.newsgraphYasgui.getTab().getYasr().setResponse("
        "{data: arguments[0], contentType: 'application/sparql-results+json', status: 200,"
        " executionTime: 1})",
        json.dumps(HOSTILE_RESULTS),
    )
    cells = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody td"))
    text = " ".join(c.text for c in cells)
    assert "@<img src=x onerror=" in text  # the language tag shown as text
    assert not browser.find_elements(By.CSS_SELECTOR, ".yasr table img")
    hrefs = [
        a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, ".yasr a")
    ]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")], hrefs
    time.sleep(0.5)
    assert browser.execute_script("return window.pwned") is None


def test_csp_stops_injected_markup_and_inline_script(browser, sample_server) -> None:  # noqa: F811
    """Even markup that got into a page could not run: the policy refuses inline code."""
    browser.get(sample_server.url + "/ontology")
    browser.execute_script(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src="data:,x" onerror="window.pwned=1">'
        '<a id=j href="javascript:window.pwned=2">j</a>\');'
        "var s = document.createElement('script'); s.textContent = 'window.pwned = 3';"
        " document.body.appendChild(s);"
        "document.getElementById('j').click();"
    )
    time.sleep(0.5)
    assert browser.execute_script("return window.pwned") is None
