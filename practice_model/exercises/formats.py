"""Rendering the Markdown intermediate to md, printable HTML, Word and Moodle XML.

The intermediate's conventions: ``<!-- write: N -->`` leaves room for N lines
of writing; ``<!-- scaffold -->`` starts the part a learner fills in;
``<!-- guidance -->`` starts the notes for whoever reads it.
"""

from __future__ import annotations

import html as html_lib
import re

from markdown_it import MarkdownIt

from ..moodlexml import document, essay
from ..wordml import Run, WordDocument
from .generate import Exercise

WRITE = re.compile(r"^<!-- write: (\d+) -->$", re.MULTILINE)
_md = MarkdownIt("commonmark", {"html": False}).enable("table")


def parts(markdown: str) -> tuple[str, str, str]:
    """(prompt, scaffold, guidance)."""
    before, _, rest = markdown.partition("<!-- scaffold -->")
    scaffold, _, guidance = rest.partition("<!-- guidance -->")
    return before.strip(), scaffold.strip(), guidance.strip()


def to_md(exercise: Exercise) -> bytes:
    text = WRITE.sub(lambda m: "\n".join(["> ..."] * int(m.group(1))), exercise.markdown)
    text = text.replace("<!-- scaffold -->\n", "").replace("<!-- guidance -->\n", "")
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")


def _label_before(markdown: str, start: int) -> str:
    """The text just above a writing space, for its accessible name."""
    for line in reversed(markdown[:start].splitlines()):
        plain = re.sub(r"[*_`>#|]|^\s*(?:[-+]|\d+\.)\s+", "", line).strip()
        if plain and not plain.startswith("<!--"):
            return plain[:120]
    return "Your answer"


def _answer_space(mode: str, lines: int, label: str) -> str:
    if mode == "fields":  # a standalone page: type in it, or print it
        return (f'<textarea class="write" rows="{lines}" aria-label="{html_lib.escape(label, quote=True)}"></textarea>')
    if mode == "lines":  # the handbook's pages: ruled lines for a printed copy, nothing to announce on screen
        return (f'<div class="pm-answer-lines" aria-hidden="true" style="height:{lines * 2}em;background:'
                f'repeating-linear-gradient(transparent,transparent 1.9em,#999 1.9em,#999 2em)"></div>')
    if mode == "template":  # Moodle's response template: an empty paragraph to type into
        return "<p></p>"
    return ""


def html_fragment(markdown: str, mode: str = "lines") -> str:
    """HTML for the intermediate; ``mode`` says what a writing space becomes: fields, lines, template or none."""
    labels: list[str] = []

    def mark(match: re.Match) -> str:
        labels.append(_label_before(markdown, match.start()))
        return f"\n\nPMWRITE{len(labels) - 1}x{match.group(1)}\n\n"

    marked = WRITE.sub(mark, markdown)
    marked = marked.replace("<!-- scaffold -->", "").replace("<!-- guidance -->", "")
    rendered = _md.render(marked)
    return re.sub(r"<p>PMWRITE(\d+)x(\d+)</p>\n?", lambda m: _answer_space(mode, int(m.group(2)), labels[int(m.group(1))]), rendered)


PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, Arial, sans-serif; line-height: 1.5; max-width: 46rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #777; padding: 0.3rem 0.5rem; vertical-align: top; }}
textarea.write {{ display: block; width: 100%; box-sizing: border-box; font: inherit; border: 1px solid #777; border-radius: 0.25rem; margin: 0.25rem 0 1rem; }}
@media print {{ body {{ max-width: none; }} h1, h2 {{ break-after: avoid; }} textarea.write {{ break-inside: avoid; resize: none; }} }}
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
    title = exercise.title
    return PAGE.format(title=html_lib.escape(title), body=html_fragment(exercise.markdown, "fields")).encode("utf-8")


def _runs(inline_token) -> list[Run]:
    runs, bold, italic = [], False, False
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
            runs.append(Run(child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" "))
    return runs


def to_docx(exercise: Exercise) -> bytes:
    document = WordDocument()
    marked = WRITE.sub(lambda m: f"\n\nPMWRITE{m.group(1)}\n\n", exercise.markdown).replace("<!-- scaffold -->", "").replace("<!-- guidance -->", "")
    tokens = _md.parse(marked)
    lists: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            document.heading(_runs(tokens[i + 1]), 0 if level == 1 else level - 1)  # the h1 is the document's Title
            i += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("ListBullet" if token.type == "bullet_list_open" else "ListNumber")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "paragraph_open":
            inline = tokens[i + 1]
            write = re.fullmatch(r"PMWRITE(\d+)", inline.content.strip())
            if write:
                document.write_space(int(write.group(1)))
            else:
                document.paragraph(_runs(inline), lists[-1] if lists else None)
            i += 3
            continue
        elif token.type == "table_open":
            rows: list = []
            j = i
            while tokens[j].type != "table_close":
                if tokens[j].type == "tr_open":
                    rows.append([])
                elif tokens[j].type == "inline":
                    rows[-1].append(_runs(tokens[j]) or [Run("\n\n")])
                j += 1
            document.table(rows)
            i = j + 1
            continue
        i += 1
    return document.to_bytes(exercise.title)


def to_moodle(exercise: Exercise) -> bytes:
    prompt, scaffold, guidance = parts(exercise.markdown)
    tags = (exercise.object_id, exercise.kind, exercise.lens, "reflective-exercise")
    return document([essay(exercise.stem, html_fragment(prompt, "none"), "", "0", 20, html_fragment(guidance, "none"),
                           html_fragment(scaffold, "template"), tags)])


FORMATS = {"md": to_md, "html": to_html, "docx": to_docx, "moodle": to_moodle}
EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "moodle": "xml"}
