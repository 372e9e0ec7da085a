"""Each directive renders, and links resolve both ways with titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import warnings_of


@pytest.fixture()
def built(app):
    app.build()
    assert warnings_of(app) == []
    return lambda page: (Path(app.outdir) / page).read_text(encoding="utf-8")


pytestmark = pytest.mark.sphinx("html", testroot="basic", freshenv=True)


def test_standard_card_and_summary(built):
    page = built("standard.html")
    assert 'id="std-chronologies"' in page
    assert "A chronology shows patterns over time." in page
    assert "Principal social worker" in page and "2027-03-01" in page


def test_question_answers_closed_until_opened(built):
    page = built("standard.html")
    start = page.index('id="q-chron-purpose"')
    question = page[start:page.index("</details>", start)]
    assert "<details" in question and "<details open" not in question
    assert question.index("Listing every phone call") < question.index("Show the answer and why")
    assert question.index("Right: it shows cumulative harm.") > question.index("<details")


def test_links_resolve_to_titles(built):
    page = built("standard.html")
    assert 'href="glossary.html#term-mash"' in page  # [](#term-mash)
    assert ">Multi-agency safeguarding hub<" in page
    assert 'href="model.html#prin-safety"' in page and ">Safety<" in page  # {pm:ref}


def test_backlinks_both_ways(built):
    standard = built("standard.html")
    assert 'href="module.html#mod-chronologies"' in standard  # taught in
    module = built("module.html")
    assert 'href="standard.html#std-chronologies"' in module  # teaches
    model = built("model.html")
    assert model.count('href="standard.html#std-chronologies"') == 2  # both principles list the standard


def test_outcome_shows_framework_badges(built):
    module = built("module.html")
    assert "PCF 6" in module and "KSS (child and family) 7" in module and "SWE standards 3" in module


def test_listings_and_themes(built):
    lists = built("lists.html")
    assert 'href="glossary.html#term-mash"' in lists and 'href="standard.html#std-chronologies"' in lists
    themes = built("themes.html")
    assert 'id="theme-chronologies"' in themes and 'href="standard.html#std-chronologies"' in themes


def test_domain_indices(built):
    index = built("pm-by-principle.html")
    assert "Safety" in index and "standard.html#std-chronologies" in index
    by_item = built("pm-by-framework-item.html")
    assert "PCF 6: Critical Reflection and Analysis" in by_item


def test_permalink_redirects(built):
    page = built("go/std-chronologies.html")
    assert 'url=../standard.html#std-chronologies"' in page
    assert '<a href="../standard.html#std-chronologies">Chronologies</a>' in page


def test_vignette_says_fictional(app):
    (Path(app.srcdir) / "glossary.md").write_text(
        (Path(app.srcdir) / "glossary.md").read_text() + "\n:::{pm:vignette} vig-test\n:title: A test family\n:cast: Sam Example\n\nStory.\n:::\n")
    app.build()
    page = (Path(app.outdir) / "glossary.html").read_text()
    assert "Fictional" in page and "made up for learning" in page
    assert "Sam Example" not in page  # the cast list is data for checks, not shown


def test_domain_indices_can_be_linked(built):
    assert 'href="pm-by-principle.html"' in built("lists.html")
