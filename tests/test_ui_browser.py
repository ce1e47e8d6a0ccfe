"""The query UI in headless Chromium: pick an example, run it, see rows, follow a link.

Runs wherever Chromium is installed (`scripts/setup.sh --test` installs Debian's
`chromium` and `chromium-driver`); skipped, with the reason, only when it is not.
Leaves a screenshot in test-artifacts/ui.png.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = (
    "/usr/bin/chromedriver"
    if Path("/usr/bin/chromedriver").exists()
    else (shutil.which("chromedriver"))
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="Chromium and chromedriver are not installed "
        "(apt-get install chromium chromium-driver; scripts/setup.sh --test does it)",
    ),
]


@pytest.fixture(scope="module")
def browser():
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
        f"--user-data-dir={profile}",
        "--window-size=1400,1200",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(predicate, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_query_ui_runs_an_example(browser, sample_server) -> None:
    from selenium.webdriver.common.by import By

    browser.get(sample_server.url + "/")
    link = browser.find_element(By.CSS_SELECTOR, "a[href='/sparql']")
    link.click()
    _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".yasqe .CodeMirror"), what="editor")
    assert browser.find_elements(By.CSS_SELECTOR, ".cm-keyword"), "no syntax highlighting"
    editor_text = browser.execute_script("return window.newsgraphYasgui.getTab().getQuery()")
    assert "PREFIX ng: <https://w3id.org/newsgraph/ontology#>" in editor_text
    assert "PREFIX wdt:" in editor_text

    buttons = browser.find_elements(By.CSS_SELECTOR, "#examples button")
    assert len(buttons) >= 12
    example = next(b for b in buttons if b.get_attribute("data-example") == "08-fact-provenance")
    example.click()

    rows = _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr td a"),
        what="result rows with links",
    )
    table_rows = browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")
    assert len(table_rows) == 5, browser.find_element(By.CSS_SELECTOR, ".yasr").text
    assert (
        "over 16 members of law enforcement died"
        in browser.find_element(By.CSS_SELECTOR, ".yasr").text
    )
    # Instance IRIs link to this server's Linked Data pages, not to w3id.org.
    hrefs = [a.get_attribute("href") for a in rows]
    local = [h for h in hrefs if h.startswith(sample_server.url + "/id/")]
    assert local, hrefs
    assert not [h for h in hrefs if h.startswith("https://w3id.org/newsgraph/id/")]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "ui.png"))

    # Following a result link shows the resource page with its evidence highlighted.
    target = next(h for h in local if "/id/claim/" in h)
    browser.get(target)
    mark = browser.find_element(By.CSS_SELECTOR, "blockquote.evidence mark")
    assert mark.text == "over 16 members of law enforcement died"
    browser.save_screenshot(str(ARTIFACTS / "resource.png"))
