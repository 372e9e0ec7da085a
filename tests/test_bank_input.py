"""Bank text that would break an export or the marking is refused at load, at file:line (issue 13, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_model.errors import UserError
from practice_model.questions import QuestionError, parse_question
from practice_model.quiz.banks import load_bank
from practice_model.quiz.exports import gift
from practice_model.quiz.exports.common import Pool


def bank(tmp_path: Path, body: str, qtype: str = "single") -> Path:
    path = tmp_path / "bank.md"
    path.write_text(f"# Bank\n\n:::{{pm:question}} q-one\n:tests: std-neglect\n:type: {qtype}\n\nWhat is it?\n\n{body}\n:::\n",
                    encoding="utf-8")
    return path  # line 9 holds the first line of body


@pytest.mark.parametrize(("char", "words"), [
    ("\x0b", "line break from Word"),  # Shift+Enter in Word
    ("\x0c", "page break from Word"),
    ("\x1b", "escape character"),
    ("\x00", "control character"),
])
def test_control_characters_are_refused_at_file_line_and_column(tmp_path, char, words):
    path = bank(tmp_path, f"- [x] Right\n- [ ] Wro{char}ng")
    with pytest.raises(UserError) as caught:
        load_bank(path)
    assert (caught.value.path, caught.value.line) == (str(path), 10)
    assert caught.value.message.startswith("column 10 has a") and words in caught.value.message
    assert f"U+{ord(char):04X}" in caught.value.message and "paste from Word as plain text" in caught.value.message


def test_tabs_and_windows_line_ends_still_load(tmp_path):
    path = bank(tmp_path, "- [x] Right\tanswer\r\n- [ ] Wrong")
    assert [c.text for c in load_bank(path)[0].choices] == ["Right\tanswer", "Wrong"]


@pytest.mark.parametrize(("body", "qtype", "line", "words"), [
    ("- [x] hub\n- [x] ", "short", 10, "accepted answer 2 is empty"),
    ("- [x] hub\n- [x]", "short", 10, "accepted answer 2 is empty"),  # the trailing space stripped by an editor
    ("- [x] Yes\n- [ ]\n- [ ] No", "single", 10, "option 2 is empty"),
    ("1. First\n2.\n3. Third", "ordering", 10, "step 2 is empty"),
    ("- [x] Right\n- [ ] Wrong\n- [ ]  wrong ", "single", 11, "option 3 repeats option 2"),
    ("- [x] hub\n- [x] Hub", "short", 10, "accepted answer 2 repeats accepted answer 1"),
    ("1. First\n2. Second\n3. first", "ordering", 11, "step 3 repeats step 1"),
    ("- A => 1\n- B => 2\n- C => 1", "matching", 11, "pair 3 has the same answer as pair 1"),
    ("- A => 1\n- B => 2\n- C => 3\n- => 2", "matching", 12, "pair 4 has the same answer as pair 2"),
    ("- A => 1\n- B => 2\n- a => 3", "matching", 11, "pair 3 repeats pair 1"),
    ("- A => 1\n- B => 2\n- C =>", "matching", 11, "pair 3 has no answer"),
])
def test_empty_and_repeated_options_are_errors_at_file_and_line(tmp_path, body, qtype, line, words):
    path = bank(tmp_path, body, qtype)
    with pytest.raises(UserError) as caught:
        load_bank(path)
    assert (caught.value.path, caught.value.line) == (str(path), line), str(caught.value)
    assert words in caught.value.message


def test_matching_distractors_and_distinct_options_still_parse():
    parsed = parse_question(["Match.", "", "- A => 1", "- B => 2", "- C => 3", "- => 4"], "matching")
    assert [o.match for o in parsed.options] == ["1", "2", "3", "4"]
    with pytest.raises(QuestionError, match="option 2 repeats option 1"):
        parse_question(["Pick.", "", "- [x] **Same**", "- [ ] **same**"])


class _PlainRender:
    html = text = inline_html = staticmethod(lambda text: text)


def test_line_breaks_in_title_or_slot_cannot_break_the_gift_category_line():
    pools = [Pool("Slot\n$CATEGORY: $course$/top/evil", 1), Pool("Other\r\nslot", 1)]
    out = gift.export("Quiz\nname", pools, _PlainRender(), {}, []).decode()
    assert [line for line in out.splitlines() if line.startswith("$CATEGORY")] == [
        "$CATEGORY: $course$/top/Quiz name/Slot $CATEGORY: $course$-top-evil",
        "$CATEGORY: $course$/top/Quiz name/Other slot",
    ]
