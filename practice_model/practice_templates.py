"""Practice templates that lead somewhere: a Word file generated from Markdown, or where the template is
in the case recording system.

``pm:template NAME`` goes where a page names a template. When
``docs/_data/templates/NAME.md`` exists, the page links to ``templates/NAME.docx``
(written from that Markdown when the build finishes) and, with ``:show:``, shows
the Markdown itself (write once, show twice). Otherwise the page says where the
template is, from ``pm_templates_location`` in conf.py (a per-council setting).
With neither, a warning names the page and line and says how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from .outputs import write_atomic
from .warnings_ import PMWarning, warn
from .wordml import WordDocument

TEMPLATES = {"chronology": "chronology", "pre-birth-plan": "pre-birth plan", "birth-plan": "birth plan",
             "cp-plan": "child protection plan"}
FOLDER = Path("_data") / "templates"  # inside the source folder, which Sphinx does not read as pages
OUTPUT = "templates"


def source_of(srcdir, name: str) -> Path:
    return Path(srcdir) / FOLDER / f"{name}.md"


class TemplateDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"show": directives.flag}

    def run(self):
        name = self.arguments[0]
        location = self.get_location()
        if name not in TEMPLATES:
            warn(f"'pm:template {name}' is not a template this handbook knows; use one of {', '.join(TEMPLATES)}",
                 PMWarning.PRACTICE_TEMPLATE, location)
            return []
        title = TEMPLATES[name]
        box = nodes.container(classes=["pm-template"])
        markdown = source_of(self.env.srcdir, name)
        where = self.config.pm_templates_location.get(name, "").strip()
        if markdown.is_file():
            self.env.note_dependency(str(markdown))
            href = "../" * self.env.docname.count("/") + f"{OUTPUT}/{name}.docx"
            para = nodes.paragraph()
            para += nodes.reference("", f"Download the {title} template (Word)", refuri=href, classes=["pm-template-download"])
            box += para
            if "show" in self.options:
                sample = nodes.container(classes=["pm-template-sample"])
                lines = [line for line in markdown.read_text(encoding="utf-8").splitlines() if not line.startswith("# ")]
                self.state.nested_parse(StringList(lines, source=str(markdown)), 0, sample)
                box += sample
        elif where:
            box += nodes.paragraph(text=f"The {title} template is in the case recording system: {where}.")
        else:
            warn(f"the {title} template is neither in {FOLDER / (name + '.md')} (a Word download) nor placed in the case "
                 f"recording system: add pm_templates_location = {{'{name}': 'where it is'}} to conf.py, or write the Markdown file",
                 PMWarning.PRACTICE_TEMPLATE, location)
            box += nodes.paragraph(text=f"Ask your team manager where to find the {title} template.")
        return [box]


def _plain(text: str) -> str:
    """Markdown inline markup to plain words: links keep their text, emphasis marks go."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|\*|`)", "", text).strip()


def word_from_markdown(text: str) -> bytes:
    """The few Markdown forms a template uses: headings, paragraphs, bullets, numbered lists, tables."""
    doc = WordDocument()
    title = ""
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush():
        if paragraph:
            doc.paragraph(_plain(" ".join(paragraph)))
            paragraph.clear()
        if table:
            doc.table([row[:] for row in table])
            table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            if paragraph:
                doc.paragraph(_plain(" ".join(paragraph)))
                paragraph.clear()
            cells = [_plain(c) for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c.strip()) for c in cells):
                table.append(cells)
            continue
        if table:
            flush()
        heading = re.match(r"^(#{1,4})\s+(.*)", stripped)
        if heading:
            flush()
            title = title or _plain(heading.group(2))
            doc.heading(_plain(heading.group(2)), len(heading.group(1)))
        elif re.match(r"^[-*]\s+", stripped):
            flush()
            doc.bullet(_plain(stripped[2:]))
        elif re.match(r"^\d+\.\s+", stripped):
            flush()
            doc.numbered(_plain(stripped.split(".", 1)[1]))
        elif not stripped:
            flush()
        else:
            paragraph.append(stripped)
    flush()
    return doc.to_bytes(title=title)


def write_templates(app, exception) -> None:
    if exception or app.builder.name not in ("html", "dirhtml"):
        return
    for name in TEMPLATES:
        markdown = source_of(app.srcdir, name)
        if markdown.is_file():
            write_atomic(Path(app.outdir) / OUTPUT / f"{name}.docx", word_from_markdown(markdown.read_text(encoding="utf-8")))


def setup(app) -> None:
    app.add_directive_to_domain("pm", "template", TemplateDirective)
    app.connect("build-finished", write_templates)
