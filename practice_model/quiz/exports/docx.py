"""A printable learner copy for Word. No answers, feedback or rationale; fixed document dates."""

from __future__ import annotations

import datetime
import io
import zipfile

from docx import Document
from docx.shared import Pt

from ..notation import LETTERS
from .common import stem_with_vignette

FIXED = datetime.datetime(2000, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Re-pack with fixed entry dates so the same quiz gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename), compresslevel=9)
    return out.getvalue()


def learner_copy(title: str, learner: str, presented, render, vignettes, time_limit: int, organisation: str) -> bytes:
    document = Document()
    props = document.core_properties
    props.created = props.modified = props.last_printed = FIXED
    props.author = props.last_modified_by = organisation
    props.title = title
    props.revision = 1
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=1)
    document.add_paragraph(f"Learner: {learner}")
    if time_limit:
        document.add_paragraph(f"Time allowed: {time_limit} minutes.")
    document.add_paragraph("Answer every question. For choices, circle the letter; where the question says "
                           "'choose all that apply', more than one answer may be right.")
    for number, p in enumerate(presented, start=1):
        item = p.item
        document.add_heading(f"Question {number}", level=2)
        document.add_paragraph(render.text(stem_with_vignette(item, vignettes)))
        if item.type == "multiple":
            document.add_paragraph("Choose all that apply.")
        if item.type in ("single", "multiple", "truefalse"):
            for position, index in enumerate(p.order):
                document.add_paragraph(f"{LETTERS[position]}. {render.text(item.choices[index].text)}")
        elif item.type == "matching":
            rights = [item.choices[i].match for i in p.right_order]
            document.add_paragraph("Write the letter of the match next to each item.")
            for n, index in enumerate([i for i in p.order if item.choices[i].text], start=1):
                document.add_paragraph(f"{n}. {render.text(item.choices[index].text)}    ____")
            for position, text in enumerate(rights):
                document.add_paragraph(f"{LETTERS[position]}. {render.text(text)}")
        elif item.type == "ordering":
            document.add_paragraph("Number these steps in order (1 = first).")
            for position, index in enumerate(p.order):
                document.add_paragraph(f"{LETTERS[position]}. {render.text(item.choices[index].text)}    ____")
        elif item.type == "short":
            document.add_paragraph("Answer: " + "_" * 40)
        else:
            if item.scaffold:
                document.add_paragraph(render.text(item.scaffold))
            table = document.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            table.rows[0].cells[0].text = "\n" * 12
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
