"""Property tests: any text, however hostile, comes out of every format as the same text."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import gift_reader
from conftest import PlainRenderer
from practice_model.quiz.exports import gift, moodle
from practice_model.quiz.items import Choice, Item

PIECES = list("abc XYZ{}~=#:\\%[]->/<>&\"'\n$") + ["]]>", "<script>", "%50%", "->", "//", "$CATEGORY:", "T", "####"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join).map(str.strip).filter(bool)



@settings(max_examples=200, deadline=None)
@given(stem=HOSTILE, right=HOSTILE, wrong=HOSTILE, feedback=HOSTILE)
def test_gift_round_trip(stem, right, wrong, feedback):
    item = Item("q-prop", "single", stem, [Choice(right, True, feedback), Choice(wrong, False, "")], explanation=feedback)
    warnings: list[str] = []
    text = gift.question(item, PlainRenderer(), {}, warnings)
    parsed = gift_reader.parse(text)
    assert len(parsed) == 1
    q = parsed[0]
    assert q.type == "multichoice" and q.idnumber == "q-prop"
    assert html.unescape(q.text.removeprefix("[html]")) == stem
    assert [html.unescape(a["text"]) for a in q.answers] == [right, wrong]
    assert [a["fraction"] for a in q.answers] == [100.0, 0.0]
    assert html.unescape(q.answers[0]["feedback"]) == feedback
    assert html.unescape(q.general_feedback) == feedback


@settings(max_examples=200, deadline=None)
@given(stem=HOSTILE, right=HOSTILE, wrong=HOSTILE)
def test_moodle_xml_round_trip(stem, right, wrong):
    item = Item("q-prop", "single", stem, [Choice(right, True), Choice(wrong, False)])
    xml = etree.tostring(moodle.question(item, PlainRenderer(), {}))
    q = etree.fromstring(xml)
    assert html.unescape(q.findtext("questiontext/text")) == stem
    assert [html.unescape(a.findtext("text")) for a in q.findall("answer")] == [right, wrong]
