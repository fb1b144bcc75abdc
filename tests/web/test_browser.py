"""End to end in a real headless Chromium (Debian's, driven by Playwright from PyPI).

Skipped, with the reason shown, when Playwright or /usr/bin/chromium is missing; `make test`
installs both (scripts/install_browser.sh). Screenshots go to build/screenshots/.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, XSS_TITLE

CHROMIUM = Path(os.environ.get("NEWSEVENTS_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "build" / "screenshots"
# The network here is closed: no background traffic, no GPU, no sandbox (root in CI).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: run scripts/install_browser.sh (apt-get install chromium)",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve(db: Path) -> Iterator[str]:
    import uvicorn

    from newsevents.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(web_db: Path) -> Iterator[str]:
    """A live server on loopback over the demo store."""
    yield from _serve(web_db)


@pytest.fixture(scope="module")
def hostile_url(hostile_db: Path) -> Iterator[str]:
    """A live server on loopback over the hostile store."""
    yield from _serve(hostile_db)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's chromium with a fresh profile; never a downloaded browser."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new tab that fails the test on any script error."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    tab.close()
    assert not errors, errors


def _shot(page: Any, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_events_table_loads(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 20
    assert "events" in page.locator(".pager").first.inner_text()
    _shot(page, "events")


def test_filter_open_seed_event_and_see_evidence(page: Any, base_url: str, seed: Path) -> None:
    page.goto(f"{base_url}/events")
    page.fill("input[name=country]", "Pakistan")
    page.click("form#event-filters button[type=submit]")
    page.wait_for_url("**/events?*country=Pakistan*")
    # Choosing a type applies it at once (app.js submits the form).
    page.select_option("select[name=type]", "CONSULT")
    page.wait_for_url("**type=CONSULT*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    types = {t.strip() for t in page.locator("table.events tbody a.type").all_inner_texts()}
    assert types == {"CONSULT"}
    # The session's report opens with the dateline (a regex: has_text strings ignore case).
    session = rows.filter(has_text=re.compile(r"ISLAMABAD: "))
    assert session.count() == 1
    session.locator("a.type").click()
    page.wait_for_url("**/events/*")
    evidence = page.locator("mark.evidence")
    assert evidence.count() >= 2
    assert "Arbeitsgruppe" in " ".join(evidence.all_inner_texts())
    first = page.locator("#evidence-0")
    assert first.is_visible()
    background = first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".article-text span.actor").count() >= 2
    assert page.locator(".article-text span.date").count() >= 1
    assert "Why it was coded" in page.content()
    _shot(page, "event", full_page=False)


def test_actor_page_has_timeline_and_network(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/actors/country:DEU")
    assert page.locator("svg.timeline rect").count() >= 1
    assert page.locator("svg.network line").count() >= 1
    page.locator("svg.network a").first.click()
    page.wait_for_url("**/actors/*")
    page.go_back()
    _shot(page, "actor")


def test_search_box(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/events")
    page.keyboard.press("/")
    page.keyboard.type("Kenya")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Kenya")
    assert page.locator("a[href='/actors/country:KEN']").count() >= 1


def test_script_injection_does_not_run(page: Any, hostile_url: str) -> None:
    page.goto(f"{hostile_url}/articles")
    link = page.locator("table a").first
    assert link.inner_text() == XSS_TITLE  # shown as text
    link.click()
    page.wait_for_url("**/articles/*")
    assert page.evaluate("window.__xss") is None
    assert "<script>" in page.locator(".article-text").inner_text()
    page.goto(f"{hostile_url}/events")
    page.locator("table.events a.type").first.click()
    page.wait_for_url("**/events/*")
    assert page.evaluate("window.__xss") is None
    page.goto(f"{hostile_url}/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E")
    assert page.evaluate("window.__xss") is None
