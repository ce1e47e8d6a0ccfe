"""Result views, completion, labels and errors in headless Chromium, offline.

Each view (chart, timeline, graph, map) runs an example from `queries/` on the seeds'
graph and is checked as drawn: its element, its canvas, what it counts (bars, items,
nodes, markers) and no console error. A screenshot of each is kept in test-artifacts/
(view-chart.png, …; the README shows them). The seeds' places carry geo:lat/geo:long
from the gazetteer; this test adds GeoSPARQL WKT points (and a few more lat/long) in a
graph of its own, so both ways a place can carry coordinates are drawn.

Chromium runs with every non-loopback request sent to a dead proxy: the page must work
from this server alone (completion once asked an outside vocabulary service).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.store import current_build
from tests.conftest import start_server, stop_server
from tests.test_ui_browser import ARTIFACTS, CHROMEDRIVER, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="Chromium and chromedriver are not installed "
        "(apt-get install chromium chromium-driver; scripts/setup.sh --test does it)",
    ),
]

ID = "https://w3id.org/newsgraph/id/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEOSPARQL = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# (place, lat, long, as WKT?) for places of the seeds' graph
COORDINATES = [
    ("place/almaty", 43.2389, 76.8897, False),
    ("place/astana", 51.1694, 71.4491, True),
    ("country/kazakhstan", 48.0196, 66.9237, False),
    ("country/kyrgyzstan", 41.2044, 74.7661, True),
    ("place/moscow", 55.7558, 37.6173, False),
]


def _add_coordinates(data_dir: Path) -> None:
    """What the gazetteer step will add: coordinates, in a graph of their own."""
    store = ox.Store(str(current_build(Config(data_dir=data_dir)) / "db"))
    graph = ox.NamedNode(ID + "graph/gazetteer-test")
    quads = []
    for rest, lat, long, wkt in COORDINATES:
        place = ox.NamedNode(ID + rest)
        if wkt:
            geometry = ox.NamedNode(ID + rest + "#geometry")
            point = ox.Literal(
                f"Point({long} {lat})", datatype=ox.NamedNode(GEOSPARQL + "wktLiteral")
            )
            triples = [
                (place, ox.NamedNode(GEOSPARQL + "hasGeometry"), geometry),
                (geometry, ox.NamedNode(GEOSPARQL + "asWKT"), point),
            ]
        else:
            dec = ox.NamedNode(XSD + "decimal")
            triples = [
                (place, ox.NamedNode(GEO + "lat"), ox.Literal(str(lat), datatype=dec)),
                (place, ox.NamedNode(GEO + "long"), ox.Literal(str(long), datatype=dec)),
            ]
        for s, p, o in triples:
            quads += [ox.Quad(s, p, o, graph), ox.Quad(s, p, o)]  # named + the union default
    store.extend(quads)
    store.flush()
    del store


@pytest.fixture(scope="module")
def views_server(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("views") / "var"
    shutil.copytree(built_data_dir, data_dir, ignore=shutil.ignore_patterns("server-*.log", "run"))
    _add_coordinates(data_dir)
    server = start_server(data_dir)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def offline_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        # offline but for this machine: everything else goes to a port nobody listens on
        "--proxy-server=http://127.0.0.1:9",
        f"--user-data-dir={profile}",
        "--window-size=1400,1300",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception as exc:  # noqa: BLE001 - the page is still being drawn
            last, value = exc, None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what} ({last})")


def _console_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _outside_requests(browser, server) -> list[str]:
    """URLs the page asked for anywhere but this server."""
    urls = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if url.startswith("http") and not url.startswith(server.url):
                urls.append(url)
    return urls


def _open_query_page(browser, server) -> None:
    browser.get(server.url + "/sparql")
    browser.execute_script("window.localStorage.clear()")
    browser.get(server.url + "/sparql")
    _wait(lambda: browser.execute_script("return !!window.newsgraphYasgui"), what="the query UI")
    browser.get_log("browser")  # start each check with an empty console


def _run_example(browser, name: str) -> None:
    from selenium.webdriver.common.by import By

    button = browser.find_element(By.CSS_SELECTOR, f"#examples button[data-example='{name}']")
    button.click()


VIEWS = [
    # view, example, the drawn element, what it counts, the least it must count
    ("chart", "13-graphs", ".ng-chart", "data-points", 5),
    ("timeline", "17-events-timeline", ".ng-timeline", "data-items", 40),
    ("graph", "15-meeting-network", ".ng-graph", "data-nodes", 10),
    ("map", "16-places-map", ".ng-map", "data-markers", len(COORDINATES)),
]


@pytest.mark.parametrize("view,example,selector,count,least", VIEWS, ids=[v[0] for v in VIEWS])
def test_view_draws_an_example(
    offline_browser, views_server, view, example, selector, count, least
):
    from selenium.webdriver.common.by import By

    browser = offline_browser
    _open_query_page(browser, views_server)
    _run_example(browser, example)
    element = _wait(
        lambda: browser.find_element(By.CSS_SELECTOR, f".yasr {selector}[{count}]"),
        what=f"the {view} view",
    )
    assert int(element.get_attribute(count)) >= least, element.get_attribute(count)
    selected = browser.find_element(By.CSS_SELECTOR, f".yasr .select_{view}")
    assert "selected" in selected.get_attribute("class"), "#defaultView did not pick the view"
    if view == "map":
        # the base map: country outlines as SVG paths, the points as circle markers
        _wait(
            lambda: len(element.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")) >= least
        )
        assert int(element.get_attribute("data-countries")) > 200
        assert len(element.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 200
    else:
        canvas = element.find_element(By.CSS_SELECTOR, "canvas")
        assert canvas.size["width"] > 400 and canvas.size["height"] > 200
        # something is painted: the canvas is not blank
        painted = browser.execute_script(
            "var c = arguments[0];"
            "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            "var n = 0; for (var i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) n++; return n;",
            canvas,
        )
        assert painted > 50, painted
    # The screenshot shows the view with its row of view buttons (the README uses it).
    yasr = browser.find_element(By.CSS_SELECTOR, ".yasr")
    browser.execute_script("arguments[0].scrollIntoView()", yasr)
    time.sleep(0.5)  # let the last frame settle
    ARTIFACTS.mkdir(exist_ok=True)
    yasr.screenshot(str(ARTIFACTS / f"view-{view}.png"))
    assert _console_errors(browser) == []
    assert _outside_requests(browser, views_server) == []


def test_labels_in_the_table_and_valid_names(offline_browser, views_server) -> None:
    from selenium.webdriver.common.by import By

    browser = offline_browser
    _open_query_page(browser, views_server)
    _run_example(browser, "06-undated-statements")
    _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody .ng-short"), what="labels"
    )
    cells = browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody td a.iri")
    statement = next(c for c in cells if "/id/statement/" in c.get_attribute("href"))
    text = statement.text
    assert text.startswith("“") and "—" in text, text  # first words and speaker
    shown = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".yasr .ng-short")]
    assert shown and not [s for s in shown if s.startswith("id:") and "/" in s], shown
    assert _console_errors(browser) == []


def test_syntax_error_is_explained_and_underlined(offline_browser, views_server) -> None:
    from selenium.webdriver.common.by import By

    browser = offline_browser
    _open_query_page(browser, views_server)
    browser.execute_script(
        "var t = window.newsgraphYasgui.getTab(); t.setQuery(arguments[0]); t.query();",
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
        'SELECT * WHERE {\n  ?m ng:date ?d .\n  FILTER(?d > "2022-01-01"^^xsd:date)\n}\n',
    )
    mark = _wait(
        lambda: browser.find_element(By.CSS_SELECTOR, ".CodeMirror .ng-syntax-error"),
        what="the underlined spot",
    )
    assert mark.text == "xsd:"
    message = browser.find_element(By.CSS_SELECTOR, ".yasr .errorResult").text
    assert (
        "line 4, column 29" in message
        and "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>" in message
    )
    assert "^^^^" in message
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "syntax-error.png"))


def _hints(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")]


def _type_and_complete(browser, text: str) -> None:
    browser.execute_script(
        "var y = window.newsgraphYasgui.getTab().getYasqe(); y.setValue(arguments[0]);"
        "y.focus(); y.setCursor(y.lineCount() - 1, y.getLine(y.lineCount() - 1).length);"
        "y.autocomplete();",
        text,
    )


def test_completion_from_our_graph_offline(offline_browser, views_server) -> None:
    browser = offline_browser
    _open_query_page(browser, views_server)
    ng = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
    # classes of our ontology, with their labels
    _type_and_complete(browser, ng + "SELECT * WHERE { ?m a ng:Mee")
    hints = _wait(lambda: _hints(browser), what="class completions")
    assert any(h.startswith("ng:Meeting") and "meeting" in h[len("ng:Meeting") :] for h in hints), (
        hints
    )
    # properties, from the ontology and the data
    _type_and_complete(browser, ng + "SELECT * WHERE { ?m ng:spea")
    hints = _wait(
        lambda: [h for h in _hints(browser) if h.startswith("ng:speaker")], what="properties"
    )
    assert hints, _hints(browser)
    # instances by label: id: + part of a name
    _type_and_complete(
        browser, "PREFIX id: <https://w3id.org/newsgraph/id/>\nSELECT * WHERE { ?s ?p id:tokay"
    )
    hints = _wait(lambda: [h for h in _hints(browser) if "Tokayev" in h], what="instances")
    assert hints[0].startswith("<https://w3id.org/newsgraph/id/person/kassym-jomart-tokayev>"), (
        hints
    )
    # an undeclared prefix gets our namespace, the one the graph uses
    browser.execute_script(
        "var y = window.newsgraphYasgui.getTab().getYasqe(); y.setValue('SELECT * WHERE { ?s a ');"
        "y.focus(); y.setCursor(0, y.getLine(0).length); y.replaceSelection('schema:');"
    )
    query = _wait(
        lambda: (
            browser.execute_script("return window.newsgraphYasgui.getTab().getYasqe().getValue()")
            if "PREFIX schema:"
            in browser.execute_script(
                "return window.newsgraphYasgui.getTab().getYasqe().getValue()"
            )
            else None
        ),
        what="the schema: declaration",
    )
    assert "PREFIX schema: <https://schema.org/>" in query, query
    assert _console_errors(browser) == []
    assert _outside_requests(browser, views_server) == []


def test_tabs_and_queries_survive_a_reload(offline_browser, views_server) -> None:
    browser = offline_browser
    _open_query_page(browser, views_server)
    browser.execute_script(
        "var y = window.newsgraphYasgui;"
        "y.getTab().setQuery('SELECT * WHERE { ?kept ?p ?o } LIMIT 1');"
        "var t = y.addTab(true); t.setQuery('ASK { ?second ?p ?o }');"
    )
    time.sleep(0.5)
    browser.refresh()
    _wait(lambda: browser.execute_script("return !!window.newsgraphYasgui"), what="the query UI")
    queries = browser.execute_script(
        "var c = window.newsgraphYasgui.persistentConfig; return c.getTabs().map(function (id) {"
        " return c.getTab(id).yasqe.value; });"
    )
    assert any("?kept" in q for q in queries) and any("?second" in q for q in queries), queries
