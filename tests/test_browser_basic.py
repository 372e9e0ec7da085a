"""In a real browser: answers open from the keyboard, and permalinks land on the object."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium, serve, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="basic", freshenv=True)]


def test_answer_opens_with_keyboard_and_permalink_redirects(app, chromium_path):
    app.build()
    with serve(Path(app.outdir)) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(base + "standard.html")
        answer = page.locator("#q-chron-purpose details")
        assert not answer.evaluate("d => d.open")
        assert not page.get_by_text("Right: it shows cumulative harm.").is_visible()
        summary = answer.locator("summary")
        assert tab_to(page, summary, 60), "the answer's summary never received keyboard focus"
        page.keyboard.press("Enter")
        assert answer.evaluate("d => d.open")
        assert page.get_by_text("Right: it shows cumulative harm.").is_visible()

        page.goto(base + "go/std-chronologies.html")
        page.wait_for_url("**/standard.html#std-chronologies")
        assert page.locator("#std-chronologies").is_visible()
