"""Section checks: a page object (standard, module...) has the ``## `` headings its kind lists, in order."""

from __future__ import annotations

from docutils import nodes

from .kinds import KINDS
from .pages import top_section
from .validation import missing_sections
from .warnings_ import PMWarning, warn


def heading_titles(doctree: nodes.document) -> set[str]:
    top = top_section(doctree)
    return {child[0].astext().strip().lower() for child in (top.children if top is not None else ()) if isinstance(child, nodes.section)}


def check_anatomy(app, doctree: nodes.document) -> None:
    page_objects = app.env.temp_data.get("pm_page_entries", [])
    if not page_objects:
        return
    have = heading_titles(doctree)
    for entry in page_objects:
        kind = KINDS[entry["kind"]]
        missing = missing_sections(kind, sorted(have))
        if missing:
            warn(f"{kind.label.lower()} '{entry['id']}' is missing the section(s): "
                 f"{'; '.join(missing)}. Every {kind.label.lower()} has these '## ' headings, in this order: "
                 f"{'; '.join(kind.anatomy)}", PMWarning.ANATOMY, (app.env.docname, entry["line"]))


def setup_anatomy(app) -> None:
    app.connect("doctree-read", check_anatomy)
