"""A printable learner copy for Word. No answers, feedback or rationale; fixed document dates."""

from __future__ import annotations

from ...wordml import WordDocument
from ..notation import LETTERS
from .common import case_text


def learner_copy(title: str, learner: str, presented, render, vignettes, time_limit: int, organisation: str) -> bytes:
    document = WordDocument()
    document.heading(title, 1)
    document.paragraph(f"Learner: {learner}")
    if time_limit:
        document.paragraph(f"Time allowed: {time_limit} minutes.")
    document.paragraph("Answer every question. For choices, circle the letter; where the question says "
                       "'choose all that apply', more than one answer may be right.")
    shown = None
    for number, p in enumerate(presented, start=1):
        item = p.item
        case_id = item.vignette if item.scenario and item.vignette in vignettes else None
        if case_id and case_id != shown:  # the case once, before its first question, as on the quiz page
            document.heading("Case study", 2)
            document.paragraph(render.text(case_text(vignettes[case_id])))
        shown = case_id
        document.heading(f"Question {number}" + (" (about the case study above)" if case_id else ""), 2)
        document.paragraph(render.text(item.stem))
        if item.type == "multiple":
            document.paragraph("Choose all that apply. Each wrong option ticked takes marks away.")
        if item.type in ("single", "multiple", "truefalse"):
            for position, index in enumerate(p.order):
                document.paragraph(f"{LETTERS[position]}. {render.text(item.choices[index].text)}")
        elif item.type == "matching":
            rights = [item.choices[i].match for i in p.right_order]
            document.paragraph("Write the letter of the match next to each item.")
            for n, index in enumerate([i for i in p.order if item.choices[i].text], start=1):
                document.paragraph(f"{n}. {render.text(item.choices[index].text)}    ____")
            for position, text in enumerate(rights):
                document.paragraph(f"{LETTERS[position]}. {render.text(text)}")
        elif item.type == "ordering":
            document.paragraph("Number these steps in order (1 = first).")
            for position, index in enumerate(p.order):
                document.paragraph(f"{LETTERS[position]}. {render.text(item.choices[index].text)}    ____")
        elif item.type == "short":
            document.paragraph("Answer: " + "_" * 40)
        else:
            if item.scaffold:
                document.paragraph(render.text(item.scaffold))
            document.write_space(12)
    return document.to_bytes(title, organisation)
