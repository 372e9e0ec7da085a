"""The header and the top of long pages: what a practitioner reaches first, on a laptop or a phone.

The top bar carries the few pages used between visits (Glossary and A to Z among
them) so it fits on one row from 1024 px; everything else is under "More". The
templates are in ``templates/theme`` (``pm-navbar-nav.html``, ``pm-search-field.html``).
Long pages get a contents list under their title, shown only where the theme's
"On this page" column is hidden (phones and small tablets).
"""

from __future__ import annotations

import re
from pathlib import Path

# (document, short label): the top bar; the rest of the home page's contents go under "More".
TOP_LINKS = (("model/index", "Practice model"), ("standards/index", "Standards"), ("timescales", "Timescales"),
             ("curriculum/index", "Learning"), ("glossary", "Glossary"), ("a-z", "A to Z"))
MORE_LINKS = (("using-this-handbook", "Using this handbook"), ("asye/index", "The ASYE"),
              ("law-and-guidance", "Law and guidance"), ("vignettes/index", "Case vignettes"),
              ("inspection-learning", "Inspection learning"), ("exercises/index", "Reflective exercises"),
              ("releases/index", "Amendments"))
FOLD_BELOW_1200 = ("A to Z",)  # from 992 to 1199 px these move under "More" so the bar stays on one row
LONG_PAGE_SECTIONS = 4  # sections below the title before a page gets its own contents list
TEMPLATES = Path(__file__).parent / "templates" / "theme"


def add_templates(app, config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def _links(app, pagename: str, wanted) -> list[dict]:
    found = app.env.found_docs
    section = pagename.split("/", 1)[0]
    return [{"href": app.builder.get_relative_uri(pagename, doc), "label": label,
             "current": doc == pagename or ("/" in doc and doc.split("/", 1)[0] == section)}
            for doc, label in wanted if doc in found]


def phone_contents(toc_html: str) -> str:
    """The page's own contents (Sphinx's local toc, without the page title) as a list for narrow screens."""
    inner = re.search(r"<ul>\s*<li>.*?</a>\s*(<ul>.*</ul>)\s*</li>\s*</ul>\s*$", toc_html or "", re.S)
    if not inner or inner.group(1).count("<li>") < LONG_PAGE_SECTIONS:
        return ""
    return (f'<nav class="pm-phone-toc" aria-label="Contents of this page"><details open><summary>Contents</summary>'
            f"{inner.group(1)}</details></nav>")


def add_header_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    context["pm_nav_links"] = _links(app, pagename, TOP_LINKS)
    context["pm_nav_more"] = _links(app, pagename, MORE_LINKS)
    context["pm_nav_folds"] = FOLD_BELOW_1200
    # A page with its own A to Z jump list (the glossary) needs no second contents list above it.
    if "body" in context and doctree is not None and "pm-letters" not in context["body"]:
        toc = phone_contents(context.get("toc", ""))
        if toc:
            context["body"] = re.sub(r"(</h1>)", lambda m: m.group(1) + toc, context["body"], count=1)


def setup(app) -> None:
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", add_header_context)
