"""``pm:warning-types``: the table of warning types in the authoring guide, drawn from the registry.

The guide never lists a subtype by hand, so a new one is documented by being
declared in ``warnings_.PMWarning`` (a test checks the built page lists them all).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .warnings_ import PMWarning


class WarningTypesDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["pm-warning-types"])
        group = nodes.tgroup(cols=2)
        table += group
        group.extend([nodes.colspec(colwidth=25), nodes.colspec(colwidth=75)])
        head = nodes.thead()
        head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=t)) for t in ("Warning type", "What it means and what to do")))
        group += head
        body = nodes.tbody()
        for member in PMWarning:
            name = nodes.paragraph("", "", nodes.literal(member.full_name, member.full_name))
            body += nodes.row("", nodes.entry("", name), nodes.entry("", nodes.paragraph(text=member.description)))
        group += body
        return [table]
