"""Moodle XML: one category per blueprint slot holding every eligible item; idnumber is the item ID.

Two files, for the two ways of giving the quiz in Moodle (see docs/contributing/quizzes.md): ``moodle.xml`` holds the
slot pools, from which a quiz of random questions draws per attempt; ``moodle-papers.xml`` holds one category
per learner with exactly the items of their offline paper, for a quiz per learner.

The question parts (and the essay, shared with the reflective exercises) are written in ``moodlexml``.
"""

from __future__ import annotations

from lxml import etree

from ... import moodlexml
from ...moodlexml import text as _text
from .. import weights
from ..items import Item
from .common import Pool, marker_notes, ordering_as_matching, scaffold_markdown, stem_with_vignette, tags


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
        scale = weights.for_item(item) if item.type == "multiple" else weights.SINGLE_ANSWER
        for choice in item.choices:
            answer = _text(q, "answer", render.inline_html(choice.text))
            answer.set("fraction", weights.percent(scale.right if choice.correct else scale.wrong))
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


def export_papers(title: str, papers: dict[str, list], render, vignettes) -> bytes:
    """``papers``: learner ID -> the items (``Presented``) of their paper, in order."""
    questions = []
    for learner_id, presented in papers.items():
        questions.append(category(f"$course$/top/{title.replace('/', '-')} (papers)/{learner_id}"))
        questions += [question(p.item, render, vignettes) for p in presented]
    return moodlexml.document(questions)
