"""Search evaluation: realistic queries in headless Chromium against the built handbook; hit@1 and hit@3."""

from __future__ import annotations

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


def test_search_finds_the_right_page(handbook, chromium_path, record_property):
    hit1, hit3, misses = evaluate(handbook, chromium_path, QUERIES)
    report = f"search: {len(QUERIES)} queries, hit@1 {hit1:.0%}, hit@3 {hit3:.0%}"
    print("\n" + report + "\n" + "\n".join("  not first: " + m for m in misses))
    record_property("hit_at_1", hit1)
    record_property("hit_at_3", hit3)
    assert len(QUERIES) >= QUERIES_AT_LEAST, report
    assert hit1 >= TARGET_HIT_AT_1, report + "\n" + "\n".join(misses)
    assert hit3 >= TARGET_HIT_AT_3, report + "\n" + "\n".join(misses)


def test_search_on_held_out_queries(handbook, chromium_path, record_property):
    hit1, hit3, misses = evaluate(handbook, chromium_path, HOLDOUT)
    report = f"search (held out): {len(HOLDOUT)} queries, hit@1 {hit1:.0%}, hit@3 {hit3:.0%}"
    print("\n" + report + "\n" + "\n".join("  not first: " + m for m in misses))
    record_property("holdout_hit_at_1", hit1)
    record_property("holdout_hit_at_3", hit3)
    assert len(HOLDOUT) >= HOLDOUT_AT_LEAST, report
    assert hit1 >= HOLDOUT_FLOOR_HIT_AT_1, report + "\n" + "\n".join(misses)
    assert hit3 >= HOLDOUT_FLOOR_HIT_AT_3, report + "\n" + "\n".join(misses)


def test_search_forgives_misspellings_and_plain_words(handbook, chromium_path, record_property):
    hit1, hit3, misses = evaluate(handbook, chromium_path, FORGIVING)
    report = f"search (forgiving): {len(FORGIVING)} queries, hit@1 {hit1:.0%}, hit@3 {hit3:.0%}"
    print("\n" + report + "\n" + "\n".join("  not first: " + m for m in misses))
    record_property("forgiving_hit_at_1", hit1)
    record_property("forgiving_hit_at_3", hit3)
    assert len(FORGIVING) >= FORGIVING_AT_LEAST, report
    assert hit3 >= FORGIVING_HIT_AT_3, report + "\n" + "\n".join(misses)


def test_results_show_kind_and_snippet(handbook, chromium_path):
    with serve(handbook) as base, chromium(chromium_path) as browser:
        page = browser.new_page()
        page.goto(f"{base}search.html?q=chronology")
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15000)
        page.wait_for_selector("#search-results li p.context", timeout=15000)
        first = page.locator("#search-results li").first
        assert first.locator(".pm-result-kind").inner_text() in ("Practice standard", "CPD module", "Glossary term", "Glossary")
        assert page.locator("#search-results li p.context").count() > 0
