"""The organisation's name and the feedback link on every page.

``pm_organisation`` is the one place a council names itself: when it is set (in
conf.py or with ``-D``), the name reaches the pages' ``{{ organisation }}`` and the
copyright line, so the placeholder never shows. ``practice-model check`` gives a
notice while the name is still a placeholder (``check.settings``).

``pm_feedback_contact`` becomes "Tell us about this page" at the foot of every page:
a mailto link whose message carries the page's title and permanent link, so the
reader need not say which page they mean.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from .kinds import KINDS

PLACEHOLDERS = ("Our council", "Our organisation")


def apply_organisation(app, config) -> None:
    """Carry the organisation's name wherever conf.py copied the placeholder before ``-D`` could change it."""
    name = config.pm_organisation
    if name in PLACEHOLDERS:
        return
    substitutions = dict(getattr(config, "myst_substitutions", {}) or {})
    substitutions["organisation"] = name
    config.myst_substitutions = substitutions
    for placeholder in PLACEHOLDERS:
        config.copyright = config.copyright.replace(placeholder, name)
        config.author = config.author.replace(placeholder, name) if isinstance(config.author, str) else config.author


def permanent_link(app, pagename: str) -> str:
    """The page's permanent link: go/<ID>.html for a standard's or module's page, else the page itself;
    absolute when ``pm_base_url`` is set."""
    domain = app.env.get_domain("pm")
    owners = sorted(e["id"] for e in domain.canonical().values() if e["docname"] == pagename and KINDS[e["kind"]].page_level)
    path = f"go/{owners[0]}.html" if owners else f"{pagename}.html"
    base = app.config.pm_base_url
    return (base if base.endswith("/") else base + "/") + path if base else path


def mailto(contact: str, title: str, link: str) -> str:
    subject = f"About the handbook page: {title}"
    body = f"Page: {title}\nLink: {link}\n\nWhat would you like to tell us about this page?\n"
    return f"mailto:{quote(contact, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def footer_html(app, pagename: str, title: str) -> str:
    parts = []
    contact = app.config.pm_feedback_contact.strip()
    if contact:
        href = mailto(contact, title, permanent_link(app, pagename))
        parts.append(f'<p class="pm-feedback-link"><a href="{html.escape(href, quote=True)}">Tell us about this page</a></p>')
    editors = [(app.builder.get_relative_uri(pagename, doc), label) for doc, label in
               (("contributing/index", "For editors"), ("integrators/index", "For integrators"))
               if doc in app.env.found_docs]
    if editors:
        links = " · ".join(f'<a href="{html.escape(uri, quote=True)}">{label}</a>' for uri, label in editors)
        parts.append(f'<p class="pm-behind-the-scenes">{links}</p>')
    return f'<aside class="pm-page-footer" aria-label="About this page">{"".join(parts)}</aside>' if parts else ""


def add_footer(app, pagename, templatename, context, doctree) -> None:
    """Every page with a body: the feedback link, and the editors' and integrators' sections (not in the main navigation)."""
    if "body" not in context or app.builder.name not in ("html", "dirhtml"):
        return
    title = html.unescape(context.get("title", "") or "")
    # the title may carry markup (e.g. <em>); the message wants plain words

    title = re.sub(r"<[^>]+>", "", title)
    context["body"] += footer_html(app, pagename, title)


def setup(app) -> None:
    app.connect("config-inited", apply_organisation)
    app.connect("html-page-context", add_footer)
