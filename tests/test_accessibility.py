"""WCAG 2.2 AA: axe-core on every page type at desktop and phone widths, keyboard-only use, no sideways scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium, serve, tab_to

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = {"desktop": (1280, 800), "phone": (375, 740)}
PAGE_TYPES = {
    "home": "index.html",
    "guide page": "using-this-handbook.html",
    "principles": "model/trauma-informed-practice.html",
    "standard": "standards/chronologies.html",
    "standard with steps": "standards/pre-birth.html",
    "timescales": "timescales.html",
    "standards list": "standards/index.html",
    "module": "curriculum/modules/chronologies-analysis.html",
    "curriculum map": "curriculum/map.html",
    "glossary": "glossary.html",
    "vignettes": "vignettes/index.html",
    "inspection learning": "inspection-learning.html",
    "domain index": "pm-by-principle.html",
    "exercises": "exercises/std-chronologies.html",
    "amendments": "releases/index.html",
    "search results": "search.html?q=chronology",
}


def run_axe(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
                     for v in violations)


@pytest.fixture(scope="module")
def site(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        yield base, browser


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_finds_no_violations(site, axe_source, kind, width):
    base, browser = site
    page = browser.new_page(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    page.goto(base + PAGE_TYPES[kind])
    if kind == "search results":
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
    violations = run_axe(page, axe_source)
    assert not violations, f"{kind} at {width} width:\n{describe(violations)}"
    if width == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at 375px"
    page.close()


def test_keyboard_skip_link_navigation_and_answers(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "standards/chronologies.html")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim().toLowerCase()")
    assert "skip" in skip, f"the first Tab should reach a skip link, got {skip!r}"
    page.keyboard.press("Enter")
    # Tab to the first answer dropdown and open it with the keyboard.
    summary = page.locator("details.pm-answer summary").first
    assert tab_to(page, summary), "keyboard focus never reached a practice question's answer"
    page.keyboard.press("Enter")
    assert page.locator("details.pm-answer").first.evaluate("d => d.open")
    page.close()


def test_keyboard_search(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "index.html")
    page.keyboard.press("Control+k")  # the theme's search shortcut
    box = page.locator("input[name='q']:visible").first
    box.wait_for(timeout=5000)
    assert box.evaluate("b => b === document.activeElement")
    page.keyboard.type("chronology")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=chronology*")
    page.wait_for_selector("#search-results li a", timeout=15000)
    page.close()


def test_learner_quiz_page_is_accessible(tmp_path, handbook, site, axe_source):
    from practice_model.model import load_model
    from practice_model.quiz.blueprint import load_blueprint
    from practice_model.quiz.learners import Learner
    from practice_model.quiz.run import run_quiz

    blueprint = Path(__file__).parent.parent / "quizzes" / "asye-3-month.toml"
    run_quiz(load_blueprint(blueprint), load_model(handbook / "practice-model.json"), [Learner("S1")], ["html"], tmp_path / "q")
    _, browser = site
    for width in WIDTHS.values():
        page = browser.new_page(viewport=dict(zip(("width", "height"), width)))
        page.goto((tmp_path / "q" / "learners" / "S1" / "quiz.html").as_uri())
        assert not (violations := run_axe(page, axe_source)), describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.close()



def test_pages_read_and_link_opened_from_the_folder(handbook, site):
    """Opened straight from the folder (file://), pages still read and their links work."""
    _, browser = site
    page = browser.new_page()
    page.goto((handbook / "index.html").as_uri())
    assert "Practice model handbook" in page.title()
    page.locator(".bd-header").get_by_role("link", name="Standards", exact=True).click()  # the top bar's link
    page.wait_for_load_state()
    assert page.url.endswith("standards/index.html")
    page.locator("table.pm-listing a").first.click()
    page.wait_for_load_state()
    anchor = page.url.rsplit("#", 1)[-1]
    assert "/standards/" in page.url and anchor.startswith("std-")
    assert page.locator(f"#{anchor}").is_visible()
    page.close()
