"""Views drawn from the model: links both ways, listings, the inspection themes.

Directives leave placeholders at read time; ``fill_placeholders`` (on
``doctree-resolved``) draws them from the whole model, so a page always shows
the current state of every other page. ``incremental.py`` decides which
pages must be re-written when the model changes. What is noted when a page
is read lives beside it: ``pages.py`` (references, sections), ``page_words.py``
(search words), ``titles.py`` (title back-fill) and ``anatomy.py`` (section checks).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import labels, render
from .config import data_paths
from .directives import digest
from .errors import UserError
from .kinds import KINDS, ObjectEntry, slugify
from .releases import release_marks_for
from .themes import FINDING_KINDS, load_themes
from .warnings_ import PMWarning, warn


# --- directives ------------------------------------------------------------
class RelatedDirective(SphinxDirective):
    """``pm:related``: everything the page's object links to, and what links to it."""

    has_content = False

    def run(self):
        oid = self.env.temp_data.get("pm_page_object")
        if not oid:
            warn("'pm:related' needs a standard or module earlier on the page", PMWarning.MISPLACED, self.get_location())
            return []
        return [render.pm_links(object_id=oid, mode="related")]


class ListDirective(SphinxDirective):
    """``pm:list KIND``: every object of a kind, as a table or an A to Z."""

    required_arguments = 1
    option_spec = {"style": lambda v: directives.choice(v, ("table", "az", "exercises"))}

    def run(self):
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            warn(f"'pm:list {kind}': unknown kind; choose from {', '.join(KINDS)}", PMWarning.BAD_CHOICE, self.get_location())
            return []
        self.env.get_domain("pm").note_listing(self.env.docname, [kind])
        return [render.pm_listing(kind=kind, style=self.options.get("style", "table"))]


class ThemesDirective(SphinxDirective):
    """``pm:themes``: the inspection themes data file, each theme a model object."""

    has_content = False

    def run(self):
        path = data_paths(self.env).themes_file
        if path is None:
            warn("'pm:themes' has no themes data file: set pm_themes_file in conf.py to the file's path", PMWarning.DATA_FILE, self.get_location())
            return []
        self.env.note_dependency(str(path))
        try:
            themes = load_themes(path)
        except UserError as exc:
            # Point at the data file's line when we know it, as every other pm warning points at its source line.
            if exc.path and exc.line:
                warn(exc.message, PMWarning.DATA_FILE, f"{exc.path}:{exc.line}")
            else:
                warn(str(exc), PMWarning.DATA_FILE, self.get_location())
            return []
        domain = self.env.get_domain("pm")
        result = []
        for theme in themes:
            section = nodes.section(ids=[theme.id], classes=["pm-object", "pm-theme"])
            section += nodes.title(theme.title, theme.title)
            section += nodes.paragraph(theme.description, theme.description)
            section.extend(theme_findings(theme))
            section += render.pm_links(object_id=theme.id, mode="card")
            result.append(section)
            entry: ObjectEntry = {
                "id": theme.id, "kind": "theme", "title": theme.title, "docname": self.env.docname,
                "anchor": theme.id, "line": theme.line, "source": str(path.name),
                "fields": {"title": theme.title, "judgement": theme.judgement, "sources": list(theme.sources),
                           "findings": [f.as_json() for f in theme.findings]},
                "links": {}, "text": theme.description,
                "digest": digest("theme", theme.id, theme.title, theme.description, theme.judgement,
                                 *(f"{f.kind}\n{f.text}\n{f.source}" for f in theme.findings)),
            }
            domain.add_object(entry)
        return result


def theme_findings(theme) -> list[nodes.Node]:
    """Strengths, then gaps, each under its own heading (words, not colour, tell them apart), each finding with its source."""
    result: list[nodes.Node] = []
    for kind, heading in FINDING_KINDS.items():
        found = [f for f in theme.findings if f.kind == kind]
        if not found:
            continue
        block = nodes.container(classes=["pm-findings", f"pm-findings-{kind}"])
        block += nodes.rubric(heading, heading, classes=["pm-findings-heading"], **{"heading-level": 3})
        items = nodes.bullet_list(classes=["pm-finding-list"])
        for finding in found:
            para = nodes.paragraph(classes=["pm-finding", f"pm-finding-{kind}"])
            para += nodes.Text(finding.text + " ")
            para += nodes.inline("", "", nodes.Text("Source: "), nodes.emphasis(finding.source, finding.source),
                                 nodes.Text("."), classes=["pm-finding-source"])
            items += nodes.list_item("", para)
        block += items
        result.append(block)
    return result


class ReleasesDirective(SphinxDirective):
    """``pm:releases``: every release's amendments page, newest first, drawn from docs/releases/*.json."""

    has_content = False

    def run(self):
        import json

        from docutils.statemachine import StringList

        from .releases import existing, releases_dir

        source = Path(self.env.srcdir)
        versions = existing(source)
        if not versions:
            return [nodes.paragraph(text="No releases yet. The first release will be listed here.")]
        lines = []
        newest = json.loads((releases_dir(source) / f"{versions[-1]}.json").read_text(encoding="utf-8"))["objects"]
        rereads = sorted((oid for oid, obj in newest.items() if obj.get("re_read") and oid in release_marks_for(source, versions[-1])),
                         key=lambda oid: newest[oid]["title"].lower())
        if rereads:  # "please re-read" comes first, before the list of releases
            lines += [f"**Please re-read (release {versions[-1]}):**", ""]
            lines += [f"- [](#{oid}): {newest[oid]['change_note'] or 'Content revised.'}" for oid in rereads] + [""]
        for version in reversed(versions):
            path = releases_dir(source) / f"{version}.json"
            self.env.note_dependency(str(path))
            data = json.loads(path.read_text(encoding="utf-8"))
            lines.append(f"- [Release {version}]({version}.md): released {data['date']}; next update planned {data['next_update']}.")
        container = nodes.container(classes=["pm-releases"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, container)
        return [container]


# --- filling placeholders when a page is written ------------------------
def _ref(builder, fromdoc: str, entry: ObjectEntry) -> nodes.Node:
    inner = nodes.inline(entry["title"], entry["title"], classes=["pm-xref", f"pm-xref-{entry['kind']}"])
    return make_refnode(builder, fromdoc, entry["docname"], entry["anchor"], inner, entry["title"])


def link_rows(domain, builder, fromdoc: str, oid: str, mode: str) -> list[tuple[str, list[nodes.Node]]]:
    entry = domain.get(oid)
    if entry is None:
        return []
    spec = KINDS[entry["kind"]]
    rows: list[tuple[str, list[nodes.Node]]] = []
    for name, targets in entry["links"].items():
        if mode == "page" and name == "related":
            continue
        found = [e for e in (domain.get(t) for t in targets) if e]
        if mode == "card" and labels.only_this_page(found, fromdoc):
            continue
        refs = [_ref(builder, fromdoc, e) for e in found]
        if refs:
            rows.append((labels.field_label(name), render.join(refs)))
    if mode == "page":
        return rows
    if mode == "related":
        from .exercise_links import exercises_link

        link = exercises_link(builder, fromdoc, oid)
        if link:
            rows.append((labels.EXERCISES, link))
    for key, sources in sorted(domain.backlinks(oid).items()):
        label = labels.backlink_label(key)
        refs = [_ref(builder, fromdoc, domain.get(s)) for s in sorted(sources, key=lambda s: domain.get(s)["title"].lower())]
        rows.append((label, render.join(refs)))
    del spec
    return rows


def _listing(domain, builder, fromdoc: str, kind: str, style: str) -> list[nodes.Node]:
    entries = sorted(domain.of_kind(kind), key=lambda e: e["title"].lower())
    if not entries:
        return [nodes.paragraph(text=f"No {KINDS[kind].plural.lower()} yet.")]
    if style == "exercises":
        from .exercise_links import exercises_link

        items = nodes.bullet_list()
        for entry in entries:
            link = exercises_link(builder, fromdoc, entry["id"])
            para = nodes.paragraph()
            if link:
                link[0].children = [nodes.Text(entry["title"])]
                para += link
            else:
                para += nodes.Text(entry["title"])
            items += nodes.list_item("", para)
        return [items]
    if style == "az":
        result: list[nodes.Node] = []
        letters: dict[str, list[ObjectEntry]] = {}
        for entry in entries:
            letters.setdefault(entry["title"][:1].upper(), []).append(entry)
        for letter, group in letters.items():
            section = nodes.rubric(letter, letter, ids=[f"az-{slugify(letter) or 'other'}"])
            items = nodes.bullet_list()
            for entry in group:
                para = nodes.paragraph()
                para += _ref(builder, fromdoc, entry)
                acronym = entry["fields"].get("acronym")
                if acronym:
                    para += nodes.Text(f" ({acronym})")
                items += nodes.list_item("", para)
            result.extend([section, items])
        return result
    table = nodes.table(classes=["pm-listing"])
    group = nodes.tgroup(cols=2)
    table += group
    group.extend([nodes.colspec(colwidth=30), nodes.colspec(colwidth=70)])
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=t)) for t in (KINDS[kind].label, "Summary")))
    group += head
    tbody = nodes.tbody()
    marks = release_marks_for(builder.env.srcdir, builder.config.pm_version)
    for entry in entries:
        summary = " ".join(entry["text"].split())
        summary = summary if len(summary) < 220 else summary[:219].rsplit(" ", 1)[0] + "…"
        name = nodes.paragraph("", "", _ref(builder, fromdoc, entry))
        if entry["id"] in marks:
            name += nodes.Text(" ")
            name += render.badge(marks[entry["id"]], "success" if marks[entry["id"]] == "new" else "info")
        tbody += nodes.row("", nodes.entry("", name), nodes.entry("", nodes.paragraph(text=summary)))
    group += tbody
    return [table]


def fill_placeholders(app, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain("pm")
    builder = app.builder
    for node in list(doctree.findall(render.pm_links)):
        rows = link_rows(domain, builder, docname, node["object_id"], node["mode"])
        node.replace_self([render.field_list(rows, ["pm-links"])] if rows else [])
    for node in list(doctree.findall(render.pm_listing)):
        node.replace_self(_listing(domain, builder, docname, node["kind"], node["style"]))


def setup_views(app) -> None:
    app.add_directive_to_domain("pm", "related", RelatedDirective)
    app.add_directive_to_domain("pm", "list", ListDirective)
    app.add_directive_to_domain("pm", "themes", ThemesDirective)
    app.add_directive_to_domain("pm", "releases", ReleasesDirective)
    app.connect("doctree-resolved", fill_placeholders)
