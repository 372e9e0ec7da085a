"""Curriculum coverage views drawn from the model: never typed by hand.

``pm:coverage FRAMEWORK`` with ``:style: map`` draws modules against the
framework's items (a count of outcomes in each cell, gaps marked), and with
``:style: items`` lists, per item, the outcomes and modules that cover it,
starting with every item covered by fewer than ``THIN`` outcomes. A new
framework file shows up here as soon as a page names it; no code changes.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import render
from .errors import UserError
from .frameworks_cache import frameworks_for
from .warnings_ import PMWarning, warn

THIN = 2  # fewer outcomes than this for an item is a gap worth showing


class pm_coverage(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for a coverage view, drawn when the page is written."""


def coverage_of(domain, framework) -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
    """Item ID -> outcome IDs; module ID -> {item ID: number of its outcomes mapped there}."""
    by_item: dict[str, list[str]] = {item.id: [] for item in framework.items}
    by_module: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for outcome in domain.of_kind("outcome"):
        for item_id in outcome["fields"].get("maps", []):
            if item_id in by_item:
                by_item[item_id].append(outcome["id"])
                for module_id in outcome["links"].get("module", []):
                    by_module[module_id][item_id] += 1
    return by_item, by_module


class CoverageDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"style": lambda v: directives.choice(v, ("map", "items"))}

    def run(self):
        framework_id = self.arguments[0].strip()
        try:
            frameworks = frameworks_for(self.env)
        except UserError as exc:
            warn(f"framework data could not be read: {exc}", PMWarning.FRAMEWORK, self.get_location())
            return []
        if framework_id not in frameworks.frameworks:
            warn(f"'pm:coverage {framework_id}': no such framework; choose from {', '.join(sorted(frameworks.frameworks))}",
                 PMWarning.UNKNOWN_FRAMEWORK, self.get_location())
            return []
        for path in frameworks.paths():
            self.env.note_dependency(path)
        self.env.get_domain("pm").note_listing(self.env.docname, ["outcome", "module"])
        return [pm_coverage(framework=framework_id, style=self.options.get("style", "items"))]


def _ref(builder, fromdoc, entry, text=None):
    label = text or entry["title"]
    return make_refnode(builder, fromdoc, entry["docname"], entry["anchor"], nodes.inline(label, label), entry["title"])


def _table(widths: list[int], header: list[str], rows: list[list[list[nodes.Node]]], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(widths))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in header))
    group += head
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in row))
    group += body
    return table


def _notes(framework, active: bool) -> list[nodes.Node]:
    notes = []
    if not framework.verified:
        notes.append(nodes.paragraph(text=f"Unverified framework data: {framework.note}", classes=["pm-unverified"]))
    if not active:
        notes.append(nodes.paragraph(text=f"{framework.short} is not an active framework for this handbook yet; gaps are shown to plan the switch."))
    return notes


def draw_map(domain, builder, fromdoc, framework, active) -> list[nodes.Node]:
    by_item, by_module = coverage_of(domain, framework)
    modules = sorted(domain.of_kind("module"), key=lambda e: e["title"].lower())
    header = ["Module", *(f"{framework.short} {item.number}" for item in framework.items)]
    rows = []
    for module in modules:
        cells = by_module.get(module["id"], {})
        row = [[_ref(builder, fromdoc, module)]]
        for item in framework.items:
            count = cells.get(item.id, 0)
            row.append([nodes.Text(str(count))] if count else [nodes.inline("–", "–", classes=["pm-gap"])])
        rows.append(row)
    totals = [[nodes.strong(text="Outcomes in all")]]
    for item in framework.items:
        count = len(by_item[item.id])
        cell: list[nodes.Node] = [nodes.strong(text=str(count))]
        if count < THIN:
            cell += [nodes.Text(" "), render.badge("gap", "danger")]
        totals.append(cell)
    rows.append(totals)
    legend = nodes.bullet_list(classes=["pm-legend"])
    for item in framework.items:
        legend += nodes.list_item("", nodes.paragraph(text=f"{framework.short} {item.number}: {item.title}"))
    intro = nodes.paragraph(text=f"Each cell counts the module's learning outcomes mapped to that item of the {framework.title}; "
                                 f"'–' means none. The last row totals each item; 'gap' marks items with fewer than {THIN} outcomes.")
    widths = [30, *([6] * len(framework.items))]
    container = nodes.container(classes=["pm-coverage-map", "pm-scroll"])
    container += _table(widths, header, rows, ["pm-coverage"])
    return [*_notes(framework, active), intro, container, legend]


def draw_items(domain, builder, fromdoc, framework, active) -> list[nodes.Node]:
    by_item, _ = coverage_of(domain, framework)
    thin = [item for item in framework.items if len(by_item[item.id]) < THIN]
    result = _notes(framework, active)
    summary = nodes.paragraph()
    if thin:
        summary += nodes.strong(text=f"{len(thin)} of {len(framework.items)} items have fewer than {THIN} outcomes: ")
        summary += nodes.Text("; ".join(f"{framework.short} {i.number} {i.title} ({len(by_item[i.id])})" for i in thin) + ".")
    else:
        summary += nodes.Text(f"Every item of the {framework.short} is covered by at least {THIN} learning outcomes.")
    result.append(summary)
    rows = []
    for item in framework.items:
        outcomes = [domain.get(o) for o in sorted(by_item[item.id])]
        module_ids = sorted({m for o in outcomes for m in o["links"].get("module", [])})
        modules = [domain.get(m) for m in module_ids if domain.get(m)]
        label: list[nodes.Node] = [nodes.Text(f"{framework.short} {item.number}: {item.title}")]
        if len(outcomes) < THIN:
            label += [nodes.Text(" "), render.badge("gap", "danger")]
        rows.append([
            label,
            [nodes.Text(str(len(outcomes)))],
            render.join([_ref(builder, fromdoc, m) for m in modules]) or [nodes.Text("none")],
            render.join([_ref(builder, fromdoc, o, o["id"]) for o in outcomes], " ") or [nodes.Text("none")],
        ])
    container = nodes.container(classes=["pm-scroll"])
    container += _table([30, 8, 30, 32], ["Item", "Outcomes", "Modules", "Outcome IDs"], rows, ["pm-coverage"])
    result.append(container)
    return result


def fill_coverage(app, doctree, docname) -> None:
    domain = app.env.get_domain("pm")
    frameworks = frameworks_for(app.env)
    for node in list(doctree.findall(pm_coverage)):
        framework = frameworks.frameworks[node["framework"]]
        active = framework.id in app.config.pm_frameworks_active
        draw = draw_map if node["style"] == "map" else draw_items
        node.replace_self(draw(domain, app.builder, docname, framework, active))


def setup_coverage(app) -> None:
    app.add_node(pm_coverage)
    app.add_directive_to_domain("pm", "coverage", CoverageDirective)
    app.connect("doctree-resolved", fill_coverage)
