"""Moodle XML: one category per blueprint slot holding every eligible item; idnumber is the item ID.

Built with lxml, so text is escaped as XML requires (``]]>`` and ``<script>``
included) and Moodle's importer reads it back unchanged.
"""

from __future__ import annotations

from lxml import etree

from ..items import Item
from ..notation import moodle_fraction
from .common import Pool, ordering_as_matching, stem_with_vignette, tags


def _text(parent, tag: str, value: str, html: bool = True) -> etree._Element:
    element = etree.SubElement(parent, tag, format="html") if html else etree.SubElement(parent, tag)
    etree.SubElement(element, "text").text = value
    return element


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") or "0"


def question(item: Item, render, vignettes) -> etree._Element:
    if item.type == "ordering":
        item = ordering_as_matching(item)
    qtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "matching": "matching",
             "short": "shortanswer", "essay": "essay"}[item.type]
    q = etree.Element("question", type=qtype)
    name = etree.SubElement(q, "name")
    etree.SubElement(name, "text").text = item.id
    _text(q, "questiontext", render.html(stem_with_vignette(item, vignettes)))
    _text(q, "generalfeedback", render.html(item.explanation))
    etree.SubElement(q, "defaultgrade").text = "1"
    etree.SubElement(q, "penalty").text = "0"
    etree.SubElement(q, "hidden").text = "0"
    etree.SubElement(q, "idnumber").text = item.id
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
    elif item.type == "essay":
        etree.SubElement(q, "responseformat").text = "editor"
        etree.SubElement(q, "responserequired").text = "1"
        etree.SubElement(q, "responsefieldlines").text = "15"
        etree.SubElement(q, "attachments").text = "0"
        _text(q, "graderinfo", render.html(item.guidance))
        _text(q, "responsetemplate", render.html(item.scaffold))
    tag_list = etree.SubElement(q, "tags")
    for value in tags(item):
        etree.SubElement(etree.SubElement(tag_list, "tag"), "text").text = value
    return q


def category(path: str) -> etree._Element:
    q = etree.Element("question", type="category")
    cat = etree.SubElement(q, "category")
    etree.SubElement(cat, "text").text = path
    return q


def export(title: str, pools: list[Pool], render, vignettes) -> bytes:
    quiz = etree.Element("quiz")
    for pool in pools:
        quiz.append(category(f"$course$/top/{title.replace('/', '-')}/{pool.name.replace('/', '-')}"))
        for item in pool.items:
            quiz.append(question(item, render, vignettes))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
