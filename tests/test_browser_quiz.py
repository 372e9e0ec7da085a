"""The learner page in a real browser: answered with the keyboard only, responses saved to a file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from browser import chromium, let_storage_settle
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import run_quiz

pytestmark = pytest.mark.browser
FIXTURE = Path(__file__).parent / "fixtures" / "quiz"


def test_keyboard_answers_and_save(tmp_path, chromium_path):
    from sphinx.cmd.build import build_main

    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", tmp_path / "src")
    assert build_main(["-q", str(tmp_path / "src"), str(tmp_path / "html")]) == 0
    model = load_model(tmp_path / "html" / "practice-model.json")
    run_quiz(load_blueprint(FIXTURE / "test-quiz.toml"), model, [Learner("S1001")], ["html"], tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())

    # The quiz's seed is fixed, so the questions come in this order; the test answers each one.
    assert [(i["id"], i["slot"]) for i in manifest["learners"][0]["items"]] == [
        ("q-t-single", "Choices"), ("q-t-order", "Choices"), ("q-t-multiple", "Choices"),
        ("q-t-short", "Short and essay"), ("q-t-essay", "Short and essay")]

    with chromium(chromium_path) as browser:
        page = browser.new_page(accept_downloads=True)
        page.goto((tmp_path / "out" / "learners" / "S1001" / "quiz.html").as_uri())
        focused = "(() => { const e = document.activeElement; return e.id || e.name + '=' + (e.value || ''); })()"

        def tab(expected: str) -> None:
            page.keyboard.press("Tab")
            assert page.evaluate(focused) == expected, f"Tab should reach {expected}"

        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        # Every question answered without a mouse, in tab order.
        tab("q1=A")
        page.keyboard.press("ArrowDown")  # moves to, and chooses, option B
        for step, place in (("A", "3"), ("B", "2"), ("C", "1")):
            tab(f"q2-{step}=")
            page.keyboard.type(place)
        tab("q3=A")
        tab("q3=B")
        page.keyboard.press("Space")
        tab("q3=C")
        page.keyboard.press("Space")
        tab("q4-text")
        page.keyboard.type("Hub")
        tab("q5-text")
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type("I built one for a sibling group.")
        tab("save")
        with page.expect_download() as download_info:
            page.keyboard.press("Enter")
        download = download_info.value
        assert download.suggested_filename == "responses-S1001.json"
        saved = json.loads(Path(download.path()).read_text())
        assert saved["learner"] == "S1001" and saved["quiz"] == manifest["quiz_id"]
        assert saved["responses"] == {
            "q-t-single": "B", "q-t-order": "C;B;A", "q-t-multiple": "B;C",
            "q-t-short": "Hub", "q-t-essay": "I built one for a sibling group.",
        }
        assert "Saved as responses-S1001.json" in page.locator("#save-status").inner_text()


def test_practice_feedback_shows_answers_as_text(tmp_path, chromium_path):
    """An accepted answer holding HTML (here an <img onerror>) is shown as text by "Check my answer", never run."""
    import re

    from sphinx.cmd.build import build_main

    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", tmp_path / "src")
    assert build_main(["-q", str(tmp_path / "src"), str(tmp_path / "html")]) == 0
    blueprint = tmp_path / "practice.toml"
    blueprint.write_text('title = "Practice"\nmode = "practice"\nseed = 1\n[[slots]]\nname = "All"\ncount = 1\n')
    run_quiz(load_blueprint(blueprint), load_model(tmp_path / "html" / "practice-model.json"), [Learner("S1")], ["html"], tmp_path / "out")
    page_file = tmp_path / "out" / "learners" / "S1" / "quiz.html"
    hostile = '<img src=x onerror=\\"window.pwned=1\\">'
    text, count = re.subn(r'("answer": )"[^"]*"', lambda m: m.group(1) + '"' + hostile + '"', page_file.read_text(), count=1)
    assert count == 1, "no answer found in the practice page's data"
    page_file.write_text(text)

    with chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(page_file.as_uri())
        page.locator("[data-check]").first.click()
        feedback = page.locator(".feedback").first
        feedback.wait_for()
        assert "<img src=x onerror=" in feedback.inner_text()
        assert feedback.locator("img").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.pwned") is None


def _timed_quiz(tmp_path, extra_time: int) -> Path:
    from sphinx.cmd.build import build_main

    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", tmp_path / "src")
    assert build_main(["-q", str(tmp_path / "src"), str(tmp_path / "html")]) == 0
    model = load_model(tmp_path / "html" / "practice-model.json")
    # test-quiz.toml allows 20 minutes; 50% extra time makes 30.
    run_quiz(load_blueprint(FIXTURE / "test-quiz.toml"), model, [Learner("S1001", extra_time)], ["html"], tmp_path / "out")
    return tmp_path / "out" / "learners" / "S1001" / "quiz.html"


def test_answers_are_kept_through_a_reload_and_leaving_warns(tmp_path, chromium_path):
    """#19 item 5: answers saved in the browser as they go, per quiz and learner; a warning before leaving unsaved."""
    page_file = _timed_quiz(tmp_path, 50)
    with chromium(chromium_path) as browser:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.locator('input[name="q1"][value="B"]').check()
        page.locator("#q4-text").fill("Hub")
        page.locator("#q5-text").fill("A reflection kept safe.")
        let_storage_settle(page)
        page.reload()
        assert page.locator('input[name="q1"][value="B"]').is_checked()
        assert page.locator("#q4-text").input_value() == "Hub"
        assert page.locator("#q5-text").input_value() == "A reflection kept safe."
        key = page.evaluate("Object.keys(window.localStorage)")
        assert key == [f"practice-model:{page.locator('#questions').get_attribute('data-quiz')}:S1001"]

        page.locator("#q4-text").press("End")
        page.locator("#q4-text").type(" hub")  # the browser asks before leaving only a page the user has used
        let_storage_settle(page)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
        with page.expect_event("close"):  # any dialog comes before the page closes: no guessing at a delay
            page.close(run_before_unload=True)
        assert dialogs == ["beforeunload"], "leaving with unsaved answers should ask first"

        # Saved to a file: leaving no longer asks.
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.locator("#q4-text").input_value() == "Hub hub"
        with page.expect_download():
            page.locator("#save").click()
        dialogs.clear()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
        with page.expect_event("close"):
            page.close(run_before_unload=True)
        assert dialogs == []


def test_timer_shows_the_learners_time_with_extra_time(tmp_path, chromium_path):
    page_file = _timed_quiz(tmp_path, 50)
    with chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(page_file.as_uri())
        timer = page.locator("#timer")
        assert re.fullmatch(r"Time left: (30:00|29:5\d)", timer.inner_text()), timer.inner_text()
        # The clock runs from the first opening, through reloads: 31 minutes ago means time is up.
        page.evaluate("""() => { const k = Object.keys(localStorage)[0]; const s = JSON.parse(localStorage.getItem(k));
                          s.started = Date.now() - 31 * 60000; localStorage.setItem(k, JSON.stringify(s)); }""")
        let_storage_settle(page)
        page.reload()
        assert timer.inner_text() == "Time is up: save your responses now."
        assert page.locator("#timer-alert").inner_text() == "Time is up. Save your responses now."


def test_untimed_quiz_has_no_timer(tmp_path, chromium_path):
    from sphinx.cmd.build import build_main

    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", tmp_path / "src")
    assert build_main(["-q", str(tmp_path / "src"), str(tmp_path / "html")]) == 0
    run_quiz(load_blueprint(FIXTURE / "three-items.toml"), load_model(tmp_path / "html" / "practice-model.json"),
             [Learner("S1")], ["html"], tmp_path / "out")
    assert 'id="timer"' not in (tmp_path / "out" / "learners" / "S1" / "quiz.html").read_text()
