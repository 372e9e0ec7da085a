"""One rule in one place for search (#14 item 5): Sphinx's stemmer on both sides, the word lists written into the data file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from practice_model import search

SCRIPT = (Path(search.__file__).parent / "static" / "pm-search.js").read_text()


def test_python_stems_with_sphinxs_own_stemmer():
    from sphinx.search.en import SearchEnglish

    sphinx = SearchEnglish({})
    for word in ("assessments", "chronology", "safeguarding", "neglected", "children"):
        assert search.words(word) == [sphinx.stem(word)]


def test_page_script_uses_sphinxs_stemmer_and_the_built_word_lists():
    assert "new Stemmer()" in SCRIPT
    assert not re.search(r"new Set\(\[\s*\"a\"", SCRIPT), "stop words are kept in pm-search.js again"
    assert "data.stopwords" in SCRIPT and "data.aliases" in SCRIPT


def test_page_script_calls_no_private_search_function():
    # Sphinx 8.1 to 9.x keep these private and changed them between versions; only the one override replaces Search.query.
    assert not re.search(r"\b_(parseQuery|performSearch|displayNextItem|displayItem|highlightText)\s*\(", SCRIPT)


def test_data_file_carries_the_word_lists(handbook):
    text = (handbook / "_static" / "pm-search-data.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.PM_SEARCH = ").rstrip().removesuffix(";"))
    assert data["stopwords"] == sorted(search.STOP)
    assert data["hidden"] == ["contributing/", "integrators/"]
    assert data["aliases"]["baby not born yet"] == search.PHRASES["baby not born yet"]
    assert data["aliases"]["dv"]  # the glossary's own synonyms are still there
