"""Rendering the Markdown intermediate to md, printable HTML, Word and Moodle XML.

The intermediate's conventions: ``<!-- write: N -->`` leaves room for N lines
of writing; ``<!-- scaffold -->`` starts the part a learner fills in;
``<!-- guidance -->`` starts the notes for whoever reads it.
"""

from __future__ import annotations

import datetime
import html as html_lib
import io
import re

from docx import Document
from docx.shared import Pt
from lxml import etree
from markdown_it import MarkdownIt

from ..quiz.exports.docx import normalise_zip
from .generate import Exercise

WRITE = re.compile(r"^<!-- write: (\d+) -->$", re.MULTILINE)
_md = MarkdownIt("commonmark", {"html": False}).enable("table")
FIXED = datetime.datetime(2000, 1, 1)


def parts(markdown: str) -> tuple[str, str, str]:
    """(prompt, scaffold, guidance)."""
    before, _, rest = markdown.partition("<!-- scaffold -->")
    scaffold, _, guidance = rest.partition("<!-- guidance -->")
    return before.strip(), scaffold.strip(), guidance.strip()


def to_md(exercise: Exercise) -> bytes:
    text = WRITE.sub(lambda m: "\n".join(["> ..."] * int(m.group(1))), exercise.markdown)
    text = text.replace("<!-- scaffold -->\n", "").replace("<!-- guidance -->\n", "")
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")


def html_fragment(markdown: str) -> str:
    marked = WRITE.sub(lambda m: f"\n\nPMWRITE{m.group(1)}\n\n", markdown)
    marked = marked.replace("<!-- scaffold -->", "").replace("<!-- guidance -->", "")
    rendered = _md.render(marked)
    return re.sub(r"<p>PMWRITE(\d+)</p>",
                  lambda m: f'<div class="write" style="min-height:{int(m.group(1)) * 1.8:.1f}em" role="textbox" aria-label="Space to write" aria-multiline="true"></div>',
                  rendered)


PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, Arial, sans-serif; line-height: 1.5; max-width: 46rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #777; padding: 0.3rem 0.5rem; vertical-align: top; }}
.write {{ border: 1px solid #777; border-radius: 0.25rem; margin: 0.25rem 0 1rem; }}
@media print {{ body {{ max-width: none; }} h2 {{ break-after: avoid; }} .write {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def to_html(exercise: Exercise) -> bytes:
    title = exercise.markdown.splitlines()[0].lstrip("# ").strip()
    return PAGE.format(title=html_lib.escape(title), body=html_fragment(exercise.markdown)).encode("utf-8")


def _runs(paragraph, inline_token) -> None:
    bold = italic = False
    for child in inline_token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold, italic
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" ")


def to_docx(exercise: Exercise) -> bytes:
    document = Document()
    props = document.core_properties
    props.created = props.modified = props.last_printed = FIXED
    props.revision = 1
    props.title = exercise.stem
    document.styles["Normal"].font.size = Pt(11)
    marked = WRITE.sub(lambda m: f"\n\nPMWRITE{m.group(1)}\n\n", exercise.markdown).replace("<!-- scaffold -->", "").replace("<!-- guidance -->", "")
    tokens = _md.parse(marked)
    lists: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading("", level=min(level, 3))
            _runs(heading, tokens[i + 1])
            i += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if token.type == "bullet_list_open" else "List Number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "paragraph_open":
            inline = tokens[i + 1]
            write = re.fullmatch(r"PMWRITE(\d+)", inline.content.strip())
            if write:
                table = document.add_table(rows=1, cols=1)
                table.style = "Table Grid"
                table.rows[0].cells[0].text = "\n" * int(write.group(1))
            else:
                paragraph = document.add_paragraph(style=lists[-1] if lists else None)
                _runs(paragraph, inline)
            i += 3
            continue
        elif token.type == "table_open":
            rows, j = [], i
            while tokens[j].type != "table_close":
                if tokens[j].type == "tr_open":
                    rows.append([])
                elif tokens[j].type == "inline":
                    rows[-1].append(tokens[j])
                j += 1
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    paragraph = table.rows[r].cells[c].paragraphs[0]
                    _runs(paragraph, cell)
                    if not cell.content.strip():
                        paragraph.add_run("\n\n")
            i = j + 1
            continue
        i += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def to_moodle(exercise: Exercise) -> bytes:
    prompt, scaffold, guidance = parts(exercise.markdown)
    quiz = etree.Element("quiz")
    q = etree.SubElement(quiz, "question", type="essay")
    etree.SubElement(etree.SubElement(q, "name"), "text").text = exercise.stem
    for tag, value in (("questiontext", html_fragment(prompt)), ("generalfeedback", "")):
        element = etree.SubElement(q, tag, format="html")
        etree.SubElement(element, "text").text = value
    for tag, value in (("defaultgrade", "0"), ("penalty", "0"), ("hidden", "0"), ("idnumber", exercise.stem),
                       ("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "20"), ("attachments", "0")):
        etree.SubElement(q, tag).text = value
    for tag, value in (("graderinfo", html_fragment(guidance)), ("responsetemplate", html_fragment(WRITE.sub("", scaffold)))):
        element = etree.SubElement(q, tag, format="html")
        etree.SubElement(element, "text").text = value
    tags = etree.SubElement(q, "tags")
    for value in (exercise.object_id, exercise.kind, exercise.lens, "reflective-exercise"):
        etree.SubElement(etree.SubElement(tags, "tag"), "text").text = value
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


FORMATS = {"md": to_md, "html": to_html, "docx": to_docx, "moodle": to_moodle}
EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "moodle": "xml"}
