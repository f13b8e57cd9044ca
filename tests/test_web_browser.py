"""The web UI in a real browser: Playwright drives Debian's Chromium against uvicorn on a free loopback port.

Part of the model tier (``make test``): the sample corpus is analysed by the real pipeline first. Without
Chromium these tests are skipped, except under CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from wirecheck.config import ServeConfig

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path(os.environ.get("WIRECHECK_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, allow_edits: bool = False):
    """uvicorn serving the UI over ``db`` in a thread; yields the base URL."""
    import uvicorn

    from wirecheck.web import create_app

    port = _free_port()
    app = create_app(db, ServeConfig(allow_edits=allow_edits), token=TOKEN if allow_edits else None)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _copy(src: str, dst: Path) -> Path:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


@pytest.fixture
def watched(browser):
    """A page whose console errors, script errors and dialogs are collected (none is expected)."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"script error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def test_browse_search_open_a_story_follow_a_citation_and_an_edge(sample_run, tmp_path, watched):
    cfg, _, report = sample_run
    page = watched
    with serving(_copy(cfg.run.db, tmp_path / "w.db")) as base:
        page.goto(base + "/")
        assert page.locator("a.story-link").count() == len(report["stories"])
        page.fill("input[name=q]", "Kestrava")
        page.click("form.search button")
        page.wait_for_url("**/?q=Kestrava*")
        links = page.locator("a.story-link")
        assert links.count() == 1 and "Kestrava" in links.first.inner_text()
        links.first.click()
        page.wait_for_url("**/story/*")
        story = next(s for s in report["stories"] if "Kestrava" in s["title"])
        assert page.locator("svg.graph circle.node").count() == len(story["articles"])
        assert page.locator("svg.graph path.edge").count() == len(story["derivations"]) > 0
        assert page.locator("table.facts tr[id^=claim-]").count() > 0
        # a citation in the brief lands on the article with the cited sentence marked
        page.locator("ul.brief a.cite").first.click()
        page.wait_for_url("**/article/*")
        marked = page.locator("mark#hl")
        assert marked.count() == 1 and marked.is_visible()
        assert page.locator(".article-text a.claim").count() > 0
        page.go_back()
        # an edge of the graph opens its aligned sentence pairs
        page.locator("svg.graph .edge-handle").first.click()
        page.wait_for_function("document.getElementById('edge-0').open")
        assert page.locator("#edge-0 .pair").count() == len(story["derivations"][0]["evidence"])
    assert page.problems == []


def test_hostile_content_runs_no_script_and_opens_no_dialog(tmp_path, watched):
    from test_web import build_store

    db = tmp_path / "hostile.db"
    build_store(db)
    page = watched
    with serving(db) as base:
        for path in ("/", "/story/s-evil", "/article/evil", "/rejected", "/entity/Sarandi"):
            page.goto(base + path)
            assert page.evaluate("document.querySelectorAll('script').length") == 1, path
            assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                                 ".some(a => a.name.startsWith('on'))).length") == 0, path
        page.goto(base + "/article/evil")
        page.locator(".article-text a.claim").first.hover()
        assert "<script>" in page.locator(".article-text").inner_text()  # shown as text
        assert page.locator("dd a[href^=javascript]").count() == 0
    assert page.problems == []


def test_make_and_undo_a_correction_with_the_token(sample_run, tmp_path, watched):
    cfg, _, report = sample_run
    page = watched
    first, second = report["stories"][0]["id"], report["stories"][1]["id"]
    with serving(_copy(cfg.run.db, tmp_path / "w.db"), allow_edits=True) as base:
        page.goto(f"{base}/story/{first}")
        page.fill("#token-input", "wrong")
        merge = page.locator("form.correct", has=page.locator("input[name=kind][value=merge]"))
        merge.locator("input[name=target][type=text]").fill(second)
        merge.locator("input[name=note]").fill("same event")
        merge.locator("button").click()
        assert page.locator("p.error").inner_text().startswith("a correction needs the token")
        page.goto(f"{base}/story/{first}")
        page.fill("#token-input", TOKEN)
        merge.locator("input[name=target][type=text]").fill(second)
        merge.locator("input[name=note]").fill("same event")
        merge.locator("button").click()
        page.wait_for_url(f"**/story/{first}")
        row = page.locator("table.corrections tr[id^=correction-]")
        assert row.count() == 1 and "same event" in row.inner_text()
        assert page.locator("h1").inner_text() == next(s["title"] for s in report["stories"] if s["id"] == second)
        page.locator("button.undo").click()
        page.wait_for_load_state()
        assert "undone" in page.locator("table.corrections tr[id^=correction-]").get_attribute("class")
        page.goto(f"{base}/index.json")
        assert f'"{first}"' in page.content()
    assert [p for p in page.problems if "403" not in p] == []  # the refused attempt logs its 403, nothing else
