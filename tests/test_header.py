"""The header and the top of pages in a browser (#18 item 5): one row from 1024 px, a search field whose
accessible name contains its visible label, Glossary in the top bar, contents on phones, glossary letters."""

from __future__ import annotations

import re

import pytest

from browser import chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        yield base, browser


@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("path", ["index.html", "standards/chronologies.html", "glossary.html"])
def test_header_fits_on_one_row(site, width, path):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + path)
    header = page.locator(".bd-header__inner")
    # One row: every item in the header sits on the same line, and nothing is cut off at the right edge.
    boxes = page.eval_on_selector_all(
        ".bd-header .navbar-brand, .bd-header .pm-top-links > li, .bd-header .navbar-header-items__end .navbar-item",
        "els => els.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.right]; })")
    assert len(boxes) >= 8, boxes
    middles = [round((top + bottom) / 2) for top, bottom, _ in boxes]  # items of different heights, centred on one line
    assert max(middles) - min(middles) <= 12, f"the header wraps at {width}px: item middles {middles}"
    assert max(right for _, _, right in boxes) <= width, f"the header is clipped at {width}px"
    tallest = max(bottom - top for top, bottom, _ in boxes)
    height = header.bounding_box()["height"]
    assert height <= tallest + 24, f"the header is {height}px tall at {width}px, more than one row of {tallest}px"
    glossary = page.locator(".bd-header .pm-top-links a", has_text="Glossary")
    assert glossary.is_visible(), "Glossary is not in the top bar"
    # A to Z is in the bar or, from 992 to 1199 px, under "More"; never clipped away.
    page.locator(".bd-header .pm-top-links .dropdown-toggle").click()
    assert page.locator(".bd-header .pm-top-links a:visible", has_text="A to Z").count() == 1
    page.close()


@pytest.mark.parametrize("width", [1024, 1280])
def test_search_field_is_visible_and_named_by_its_label(site, width):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + "standards/chronologies.html")
    field = page.locator(".bd-header input[name='q']:visible")
    assert field.count() == 1, "no visible search field in the header"
    visible = page.locator(".bd-header .pm-search-label-text:visible").inner_text().strip()
    assert visible, "the search field has no visible label"
    snapshot = field.aria_snapshot()  # e.g. '- searchbox "Search"'
    name = re.search(r'searchbox "([^"]*)"', snapshot)
    assert name, snapshot
    assert visible.lower() in name.group(1).lower(), f"accessible name {name.group(1)!r} lacks the visible label {visible!r}"
    field.fill("chronology")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=chronology*")
    page.close()


def test_glossary_reachable_by_letter(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(base + "glossary.html")
    letters = page.locator(".pm-letters a")
    texts = [t.strip() for t in letters.all_inner_texts()]
    assert {"A", "C", "P", "S", "W"} <= set(texts), texts
    # The jump list is on the first screen, and a letter takes the reader straight to its terms.
    assert letters.first.bounding_box()["y"] < 740
    page.locator(".pm-letters a", has_text=re.compile(r"^S$")).click()
    page.wait_for_function("location.hash === '#glossary-s'")
    heading = page.locator("#glossary-s")
    assert heading.is_visible() and abs(heading.bounding_box()["y"]) < 200
    assert "S" in heading.inner_text()
    page.close()


def test_long_pages_have_contents_at_the_top_on_a_phone(site):
    base, browser = site
    for width, shown in ((375, True), (1280, False)):
        page = browser.new_page(viewport={"width": width, "height": 740})
        page.goto(base + "standards/chronologies.html")
        contents = page.locator("nav.pm-phone-toc")
        assert contents.is_visible() is shown, f"contents list visible={not shown} at {width}px"
        if shown:
            assert contents.bounding_box()["y"] < 740, "the contents list is not on the phone's first screen"
            assert contents.locator("a").count() >= 4
        page.close()


def test_search_field_is_whole_on_a_phone(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(base + "index.html")
    field = page.locator(".bd-header input[name='q']:visible")
    assert field.count() == 1
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["width"] >= 120, f"the search field is cut off: {box}"
    page.close()
