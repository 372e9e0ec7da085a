"""What changed, where readers see it: an amendment box under the title of each page changed in the
newest release, and a banner on the home page (tri.x-style procedures manuals open chapters this way).

Drawn from ``docs/releases/*.json`` (``releases.py``); the change note and the "please re-read" flag
are the standard's ``:change-note:`` and ``:re-read:`` fields, as released.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .releases import compare, existing, release_marks_for, releases_dir


def _snapshot(source: Path, version: str) -> dict:
    return json.loads((releases_dir(source) / f"{version}.json").read_text(encoding="utf-8"))


def amendment_box(app, pagename: str) -> str:
    """The box for one page: each changed item's note, "please re-read" first; empty when nothing changed."""
    source = Path(app.env.srcdir)
    marks = release_marks_for(source, app.config.pm_version)
    domain = app.env.get_domain("pm")
    changed = sorted((e["id"] for e in domain.canonical().values() if e["docname"] == pagename and e["id"] in marks))
    if not changed:
        return ""
    version = existing(source)[-1]
    objects = _snapshot(source, version)["objects"]
    changed.sort(key=lambda oid: not objects[oid]["re_read"])
    items = []
    for oid in changed:
        obj = objects[oid]
        note = obj["change_note"] or ("New in this release." if marks[oid] == "new" else "Content revised.")
        reread = "<strong>Please re-read.</strong> " if obj["re_read"] else ""
        items.append(f"<li>{reread}{html.escape(obj['title'])}: {html.escape(note)}</li>")
    link = app.builder.get_relative_uri(pagename, f"releases/{version}")
    return (f'<aside class="pm-amendment" aria-label="Amended in release {version}">'
            f'<p class="pm-amendment-title">Amended in release {version}</p><ul>{"".join(items)}</ul>'
            f'<p><a href="{html.escape(link, quote=True)}">See all amendments in release {version}</a></p></aside>')


def release_banner(app, pagename: str) -> str:
    source = Path(app.env.srcdir)
    versions = existing(source)
    if not versions:
        return ""
    current = _snapshot(source, versions[-1])
    previous = _snapshot(source, versions[-2]) if len(versions) > 1 else None
    changes = compare(previous, current)
    rereads = sum(1 for o in changes.new + changes.updated if current["objects"][o]["re_read"])
    counts = f"{len(changes.new)} new and {len(changes.updated)} updated items"
    if rereads:
        counts += f"; {rereads} to re-read"
    link = app.builder.get_relative_uri(pagename, f"releases/{versions[-1]}")
    return (f'<aside class="pm-release-banner" aria-label="New release">'
            f'<p><strong>New: release {versions[-1]}</strong> ({current["date"]}): {counts}. '
            f'<a href="{html.escape(link, quote=True)}">What changed</a></p></aside>')


def add_amendments(app, pagename, templatename, context, doctree) -> None:
    if "body" not in context or doctree is None or app.builder.name not in ("html", "dirhtml"):
        return
    extra = amendment_box(app, pagename)
    if pagename == app.config.root_doc:
        extra = release_banner(app, pagename) + extra
    if extra:
        context["body"] = re.sub(r"(</h1>)", lambda m: m.group(1) + extra, context["body"], count=1)


def setup(app) -> None:
    app.connect("html-page-context", add_amendments)
