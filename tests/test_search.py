"""Search evaluation: realistic queries in headless Chromium against the built handbook; hit@1 and hit@3."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from browser import chromium, serve

pytestmark = pytest.mark.browser
QUERIES = tomllib.loads((Path(__file__).parent / "search" / "queries.toml").read_text())["query"]
HOLDOUT = tomllib.loads((Path(__file__).parent / "search" / "holdout.toml").read_text())["query"]
# Misspelt and plain-language queries (#18 item 2), written before the search was tuned for them.
FORGIVING = tomllib.loads((Path(__file__).parent / "search" / "forgiving.toml").read_text())["query"]
FORGIVING_AT_LEAST, FORGIVING_HIT_AT_3 = 40, 0.90
# Set sizes as documented when the sets were written (54 tuned, 20 held out): a smaller set fails.
QUERIES_AT_LEAST, HOLDOUT_AT_LEAST = 54, 20
# Floors a little under what the search measured (tuned set: hit@1 96%, hit@3 100%;
# held out: hit@1 50%, hit@3 85%), so a regression in the first result fails too.
TARGET_HIT_AT_1, TARGET_HIT_AT_3 = 0.90, 0.95
HOLDOUT_FLOOR_HIT_AT_1 = 0.45  # never tuned against: floors that catch regressions, not targets
HOLDOUT_FLOOR_HIT_AT_3 = 0.80


def ranked_pages(page, base: str, query: str) -> list[str]:
    from urllib.parse import quote, urlparse

    page.goto(f"{base}search.html?q={quote(query)}")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.href)")
    pages: list[str] = []
    for href in hrefs:
        path = urlparse(href).path.removeprefix(urlparse(base).path)
        docname = path.removesuffix(".html")
        if docname not in pages:
            pages.append(docname)
    return pages


def test_query_sets_are_well_formed():
    for name, queries in (("queries.toml", QUERIES), ("holdout.toml", HOLDOUT), ("forgiving.toml", FORGIVING)):
        for query in queries:
            assert query["q"].strip() and query["expect"], f"{name}: {query}"
    assert not {q["q"] for q in QUERIES} & {q["q"] for q in HOLDOUT}, "a held-out query is also a tuning query"
    assert not {q["q"].lower() for q in FORGIVING} & {q["q"].lower() for q in QUERIES + HOLDOUT}, "a forgiving query is in another set"


def evaluate(handbook, chromium_path, queries):
    misses = []
    hits1 = hits3 = 0
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        for query in queries:
            pages = ranked_pages(page, base, query["q"])
            first, top3 = pages[:1], pages[:3]
            hit1 = any(p in query["expect"] for p in first)
            hit3 = any(p in query["expect"] for p in top3)
            hits1 += hit1
            hits3 += hit3
            if not hit1:
                misses.append(f"{query['q']!r}: expected {query['expect']}, got {top3}")
    return hits1 / len(queries), hits3 / len(queries), misses


def judge(handbook, chromium_path, record_property, name, queries, at_least, hit1_floor, hit3_floor, prefix=""):
    """Run one query set, record its figures and hold it to its floors (hit@1 floor None: not judged)."""
    hit1, hit3, misses = evaluate(handbook, chromium_path, queries)
    report = f"search{name}: {len(queries)} queries, hit@1 {hit1:.0%}, hit@3 {hit3:.0%}"
    print("\n" + report + "\n" + "\n".join("  not first: " + m for m in misses))
    record_property(f"{prefix}hit_at_1", hit1)
    record_property(f"{prefix}hit_at_3", hit3)
    assert len(queries) >= at_least, report
    if hit1_floor is not None:
        assert hit1 >= hit1_floor, report + "\n" + "\n".join(misses)
    assert hit3 >= hit3_floor, report + "\n" + "\n".join(misses)


def test_search_finds_the_right_page(handbook, chromium_path, record_property):
    judge(handbook, chromium_path, record_property, "", QUERIES, QUERIES_AT_LEAST, TARGET_HIT_AT_1, TARGET_HIT_AT_3)


def test_search_on_held_out_queries(handbook, chromium_path, record_property):
    judge(handbook, chromium_path, record_property, " (held out)", HOLDOUT, HOLDOUT_AT_LEAST,
          HOLDOUT_FLOOR_HIT_AT_1, HOLDOUT_FLOOR_HIT_AT_3, prefix="holdout_")


def test_search_forgives_misspellings_and_plain_words(handbook, chromium_path, record_property):
    judge(handbook, chromium_path, record_property, " (forgiving)", FORGIVING, FORGIVING_AT_LEAST,
          None, FORGIVING_HIT_AT_3, prefix="forgiving_")


def test_results_show_kind_and_snippet(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(f"{base}search.html?q=chronology")
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
        page.wait_for_selector("#search-results li p.context", timeout=15000)
        first = page.locator("#search-results li").first
        assert first.locator(".pm-result-kind").inner_text() in ("Practice standard", "CPD module", "Glossary term", "Glossary")
        assert page.locator("#search-results li p.context").count() > 0


# --- search that forgives (#18 item 2): behaviour the hit rates do not show ----------------------
RESULTS = "#search-results li > a"
NOT_PROSE = re.compile(r"Stage: |Difficulty: |Type: |\b(prompt|std|question|module|term)-[a-z0-9]")


def search(page, base: str, query: str, extra: str = "") -> list[str]:
    from urllib.parse import quote, urlparse

    page.goto(f"{base}search.html?q={quote(query)}{extra}")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
    hrefs = page.eval_on_selector_all(RESULTS, "els => els.map(e => e.href)")
    return [urlparse(h).path.removeprefix(urlparse(base).path).removesuffix(".html") for h in hrefs]


def test_a_misspelling_finds_its_page(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        for typed, expected in (("chronolgy", "standards/chronologies"), ("neglet", "standards/neglect"),
                                ("prebirth assesment", "standards/pre-birth")):
            assert expected in search(page, base, typed)[:3], typed
        search(page, base, "neglet")
        assert 'also searched for "neglect"' in page.locator("#search-results .search-summary").inner_text()


def test_no_page_appears_twice_and_the_count_is_of_pages(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        for query in ("CP plan", "chronology", "neglect", "reflective supervision", "statutory visits"):
            pages = search(page, base, query)
            assert len(pages) == len(set(pages)), (query, pages[:5])
            summary = page.locator("#search-results .search-summary").inner_text()
            assert f"Found {len(pages)} pages" in summary, (query, summary)


def test_snippets_come_from_prose_never_object_headers(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        for query in ("reflective prompt", "testing what parents say"):
            search(page, base, query)
            page.wait_for_function("document.querySelectorAll('#search-results li p.context').length >= 5", timeout=15000)
            for text in page.eval_on_selector_all("#search-results li p.context", "els => els.map(e => e.textContent)"):
                assert not NOT_PROSE.search(text), (query, text)


def test_highlights_are_whole_words_never_inside_labels(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        search(page, base, "CP")
        page.wait_for_function("document.querySelectorAll('#search-results li p.context').length >= 5", timeout=15000)
        assert page.locator("#search-results .pm-result-kind").filter(has_text="CPD module").count() > 0
        assert page.locator("#search-results .pm-result-kind .highlighted").count() == 0
        inside_words = page.evaluate("""() => [...document.querySelectorAll('#search-results .highlighted')].filter((mark) => {
            const before = (mark.previousSibling && mark.previousSibling.textContent) || "";
            const after = (mark.nextSibling && mark.nextSibling.textContent) || "";
            return /[\\p{L}\\p{N}]$/u.test(before) || /^[\\p{L}\\p{N}]/u.test(after);
        }).map((mark) => mark.parentNode.textContent)""")
        assert inside_words == []


def test_editors_and_integrators_pages_are_left_out_unless_asked_for(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        pages = search(page, base, "publishing an update")
        assert not [p for p in pages if p.startswith(("contributing/", "integrators/"))], pages[:5]
        page.locator("#search-results .pm-search-hidden a").click()
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
        shown = page.eval_on_selector_all(RESULTS, "els => els.map(e => e.getAttribute('href'))")
        assert "contributing/publishing.html" in shown


def test_nothing_found_says_what_to_try(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        assert search(page, base, "chrnoolgyy") == []
        help_text = page.locator("#search-results .pm-search-empty").inner_text()
        assert "Did you mean chronology?" in help_text
        links = page.eval_on_selector_all("#search-results .pm-search-empty a", "els => els.map(e => e.getAttribute('href'))")
        assert any(link.endswith("a-z.html") for link in links) and any(link.endswith("glossary.html") for link in links)
        page.locator("#search-results .pm-search-empty a", has_text="chronology").click()
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
        assert "standards/chronologies.html" in page.eval_on_selector_all(RESULTS, "els => els.map(e => e.getAttribute('href'))")[:3]
