"""The question grammar shared by the handbook directive and the assessed banks."""

from __future__ import annotations

import pytest

from practice_model.questions import QuestionError, parse_question


def lines(text: str) -> list[str]:
    return text.strip("\n").splitlines()


def test_single_answer_with_feedback_and_explanation():
    parsed = parse_question(lines("""
Stem with **bold**.

- [x] Right one
  > Because.
- [ ] Wrong one
  continues here
  > Not this.

Overall reason.
"""))
    assert parsed.type == "single"
    assert parsed.stem.text == "Stem with **bold**."
    assert [o.correct for o in parsed.options] == [True, False]
    assert parsed.options[1].text.text == "Wrong one\ncontinues here"
    assert parsed.options[0].feedback.text == "Because."
    assert parsed.explanation.text == "Overall reason."
    assert parsed.explanation.line == 8


def test_multiple_response_is_inferred():
    parsed = parse_question(lines("Pick two.\n\n- [x] A\n- [X] B\n- [ ] C"))
    assert parsed.type == "multiple"


def test_true_false():
    parsed = parse_question(lines("Sky is blue.\n\n- [x] True\n- [ ] False"), "truefalse")
    assert parsed.type == "truefalse"


@pytest.mark.parametrize(("text", "qtype", "line", "words"), [
    ("- [x] A\n- [ ] B", None, 0, "no text before its options"),
    ("Stem\n\n- [x] Only one", None, 2, "at least two options"),
    ("Stem\n\n- [ ] A\n- [ ] B", None, 2, "no option is marked correct"),
    ("Stem\n\n- [x] A\n- [x] B", "single", 3, "exactly one correct"),
    ("Stem\n\n- [x] Yes\n- [ ] No", "truefalse", 2, "'True' and 'False'"),
])
def test_malformed_questions_say_where_and_how_to_fix(text, qtype, line, words):
    with pytest.raises(QuestionError) as caught:
        parse_question(lines(text), qtype)
    assert caught.value.line == line
    assert words in str(caught.value)
