"""Bookkeeping when a page has been read: what it cross-references, and its objects' sections and length.

The domain keeps these per document, so ``clear_doc`` drops them with the page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref

from .glance import part_items, section_text
from .kinds import kind_of_id


def top_section(doctree: nodes.document) -> nodes.section | None:
    return next(iter(doctree.findall(nodes.section)), None)


def page_sections(top: nodes.section | None) -> list[dict]:
    """The page's ``##`` sections: title, text and the titles of their ``###`` parts."""
    sections = []
    for child in top.children if top is not None else ():
        if isinstance(child, nodes.section):
            parts = [sub[0].astext() for sub in child.children if isinstance(sub, nodes.section)]
            items = part_items(child)  # the Expectations parts' bullets, with key phrases and timescales (glance.py)
            sections.append({"title": child[0].astext(), "text": section_text(child),
                             **({"parts": parts} if parts else {}), **({"items": items} if items else {})})
    return sections


def note_references(app, doctree: nodes.document) -> None:
    """Which objects the page cross-references (it is re-written when they change)."""
    domain = app.env.get_domain("pm")
    for ref in doctree.findall(pending_xref):
        target = ref.get("reftarget", "")
        if kind_of_id(target):
            domain.note_reference(app.env.docname, target)


def record_sections(app, doctree: nodes.document) -> None:
    """Each of the page's objects carries the page's sections and word count into the model."""
    page_objects = app.env.temp_data.get("pm_page_entries", [])
    if not page_objects:
        return
    sections = page_sections(top_section(doctree))
    word_count = len(doctree.astext().split())
    for entry in page_objects:
        entry["sections"] = sections
        entry["word_count"] = word_count


def setup_pages(app) -> None:
    app.connect("doctree-read", note_references)
    app.connect("doctree-read", record_sections)
