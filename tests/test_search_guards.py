"""The search page script against hostile or careless queries: words that name JavaScript built-ins, pasted paragraphs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="basic", freshenv=True)]
SUMMARY = "#search-results .search-summary:not(:empty)"


def test_words_naming_object_built_ins_are_ordinary_words(app, chromium_path):
    app.build()
    with serve(Path(app.outdir)) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for query in ("constructor", "chronology constructor", "hasownproperty valueof tostring"):
            page.goto(f"{base}search.html?q={quote(query)}")
            page.wait_for_selector(SUMMARY, timeout=15000)  # the page script threw and stayed on "Searching" before
            assert not errors, (query, errors)
        page.goto(f"{base}search.html?q={quote('chronology constructor')}")
        page.wait_for_selector(SUMMARY, timeout=15000)
        assert "standard.html" in page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.href)")[0]


def test_long_query_is_cut_to_its_first_ten_words_with_a_note(app, chromium_path):
    app.build()
    words = ["chronology", "purpose", "cumulative", "harm", "standard", "module", "outcome", "practice", "term", "theme"]
    query = " ".join(words + [f"extra{n}" for n in range(90)])  # 100 different words, each a search of its own before the cap
    with serve(Path(app.outdir)) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(f"{base}search.html?q=chronology")
        page.wait_for_selector(SUMMARY, timeout=15000)
        searched = page.evaluate("""(query) => {
            const searched = [];
            const perform = Search.performTermsSearch;
            Search.performTermsSearch = (...args) => { searched.push([...args[0]]); return perform(...args); };
            document.getElementById("search-results").replaceChildren();
            Search.performSearch(query);
            return searched;
        }""", query)
        page.wait_for_selector(SUMMARY, timeout=15000)
        # As typed, with aliases, corrected, corrected with aliases: each the whole query and then word by word.
        assert len(searched) <= 4 * (1 + len(words)), f"{len(searched)} searches for one query"
        note = page.locator("#search-results .pm-search-note").inner_text(timeout=5000)
        assert "only its first 10 words" in note and " ".join(words) in note
        assert page.locator("#search-results li").count() > 0

        page.goto(f"{base}search.html?q={quote(' '.join(words))}")  # ten words: searched as typed, no note
        page.wait_for_selector(SUMMARY, timeout=15000)
        assert page.locator("#search-results .pm-search-note").count() == 0
