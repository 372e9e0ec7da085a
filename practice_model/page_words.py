"""Each page's most frequent words, noted when it is read, for ranking search results by topic."""

from __future__ import annotations

from collections import Counter

from docutils import nodes

from .search import TOP_WORDS, search_language, words


def record_words(app, doctree: nodes.document) -> None:
    app.env.get_domain("pm").data["words"][app.env.docname] = dict(
        Counter(words(doctree.astext(), search_language(app))).most_common(TOP_WORDS))


def setup_page_words(app) -> None:
    app.connect("doctree-read", record_words)
