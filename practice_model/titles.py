"""Title back-fill: a standard or module written without a title takes its page's title."""

from __future__ import annotations

from docutils import nodes

from .pages import top_section


def fill_titles(app, doctree: nodes.document) -> None:
    untitled = [e for e in app.env.temp_data.get("pm_page_entries", []) if not e["title"]]
    if not untitled:
        return
    top = top_section(doctree)
    for entry in untitled:
        entry["title"] = top[0].astext() if top is not None else entry["id"]


def setup_titles(app) -> None:
    app.connect("doctree-read", fill_titles)
