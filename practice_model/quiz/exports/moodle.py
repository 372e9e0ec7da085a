"""Moodle XML: one category per blueprint slot holding every eligible item; idnumber is the item ID.

The question parts (and the essay, shared with the reflective exercises) are written in ``moodlexml``.
"""

from __future__ import annotations

from lxml import etree

from ... import moodlexml
from ...moodlexml import text as _text
from ..items import Item
from ..notation import moodle_fraction
from .common import Pool, marker_notes, ordering_as_matching, scaffold_markdown, stem_with_vignette, tags


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") or "0"


def question(item: Item, render, vignettes, weight: int = 1) -> etree._Element:
    if item.type == "ordering":
        item = ordering_as_matching(item)
    if item.type == "essay":
        # graderinfo is shown to markers only; the scaffold keeps one line per prompt in the response box.
        return moodlexml.essay(item.id, render.html(stem_with_vignette(item, vignettes)), render.html(item.explanation), str(weight), 15,
                     render.html(marker_notes(item, weight)), render.html(scaffold_markdown(item.scaffold)), tags(item))
    qtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "matching": "matching",
             "short": "shortanswer"}[item.type]
    q = moodlexml.question(qtype, item.id, render.html(stem_with_vignette(item, vignettes)), render.html(item.explanation), "1")
    if item.type in ("single", "multiple"):
        etree.SubElement(q, "single").text = "true" if item.type == "single" else "false"
        etree.SubElement(q, "shuffleanswers").text = "true"
        etree.SubElement(q, "answernumbering").text = "ABCD"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(q, tag, "")
        correct = sum(1 for c in item.choices if c.correct)
        step = moodle_fraction(correct) if item.type == "multiple" else 100
        for choice in item.choices:
            fraction = step if choice.correct else (-step if item.type == "multiple" else 0)
            answer = _text(q, "answer", render.inline_html(choice.text))
            answer.set("fraction", _fraction(fraction))
            _text(answer, "feedback", render.inline_html(choice.feedback))
    elif item.type == "truefalse":
        right = next(c for c in item.choices if c.correct).text.strip().lower()
        for value in ("true", "false"):
            chosen = next(c for c in item.choices if c.text.strip().lower() == value)
            answer = etree.SubElement(q, "answer", fraction="100" if value == right else "0", format="moodle_auto_format")
            etree.SubElement(answer, "text").text = value
            _text(answer, "feedback", render.inline_html(chosen.feedback))
    elif item.type == "matching":
        etree.SubElement(q, "shuffleanswers").text = "true"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(q, tag, "")
        for choice in item.choices:
            sub = _text(q, "subquestion", render.inline_html(choice.text) if choice.text else "")
            answer = etree.SubElement(sub, "answer")
            etree.SubElement(answer, "text").text = render.text(choice.match)
    elif item.type == "short":
        etree.SubElement(q, "usecase").text = "0"
        for choice in item.choices:
            answer = etree.SubElement(q, "answer", fraction="100", format="moodle_auto_format")
            etree.SubElement(answer, "text").text = render.text(choice.text)
            _text(answer, "feedback", render.inline_html(choice.feedback))
    moodlexml.add_tags(q, tags(item))
    return q


def category(path: str) -> etree._Element:
    q = etree.Element("question", type="category")
    cat = etree.SubElement(q, "category")
    etree.SubElement(cat, "text").text = path
    return q


def export(title: str, pools: list[Pool], render, vignettes) -> bytes:
    questions = []
    for pool in pools:
        path = f"$course$/top/{title.replace('/', '-')}/{pool.name.replace('/', '-')}"
        for case, items in pool.groups():  # a case slot: one subcategory per case, so a case is added whole
            questions.append(category(f"{path}/{case}" if case else path))
            questions += [question(item, render, vignettes, pool.weight) for item in items]
    return moodlexml.document(questions)
