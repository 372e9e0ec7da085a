"""Moodle XML questions, for the quiz's LMS pools and the reflective exercises alike.

Built with lxml, so text is escaped as XML requires (``]]>`` and ``<script>``
included) and Moodle's importer reads it back unchanged.
"""

from __future__ import annotations

from lxml import etree


def text(parent, tag: str, value: str, html: bool = True) -> etree._Element:
    element = etree.SubElement(parent, tag, format="html") if html else etree.SubElement(parent, tag)
    etree.SubElement(element, "text").text = value
    return element


def question(qtype: str, name: str, question_html: str, feedback_html: str, grade: str) -> etree._Element:
    """The parts every question type starts with; ``name`` is also the idnumber."""
    q = etree.Element("question", type=qtype)
    etree.SubElement(etree.SubElement(q, "name"), "text").text = name
    text(q, "questiontext", question_html)
    text(q, "generalfeedback", feedback_html)
    for tag, value in (("defaultgrade", grade), ("penalty", "0"), ("hidden", "0"), ("idnumber", name)):
        etree.SubElement(q, tag).text = value
    return q


def add_tags(q: etree._Element, values) -> None:
    tags = etree.SubElement(q, "tags")
    for value in values:
        etree.SubElement(etree.SubElement(tags, "tag"), "text").text = value


def essay(name: str, question_html: str, feedback_html: str, grade: str, lines: int, grader_info_html: str,
          template_html: str, tags) -> etree._Element:
    """An essay: a quiz's essay item or a reflective exercise. Grader information is for markers only."""
    q = question("essay", name, question_html, feedback_html, grade)
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", str(lines)),
                       ("attachments", "0")):
        etree.SubElement(q, tag).text = value
    text(q, "graderinfo", grader_info_html)
    text(q, "responsetemplate", template_html)
    add_tags(q, tags)
    return q


def document(questions) -> bytes:
    quiz = etree.Element("quiz")
    quiz.extend(questions)
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
