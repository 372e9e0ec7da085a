"""Quiz blueprints are checked against their schema: every problem named at file:line (issue 13, item 8)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.kinds import QUESTION_TYPES
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.blueprint_schema import SCHEMA_PATH
from practice_model.tomlfile import line_of_key

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quiz"

GOOD = """\
title = "Quiz"
seed = 1
time_limit = 20
pass_mark = 60
mode = "assessed"
banks = ["banks/*.md"]
generated = false

[[slots]]
name = "First"
count = 2
tests = ["std-*"]
difficulty = [1, 2]

[[slots]]
name = "Second"
count = 1
types = ["short"]
"""

# (what to replace in GOOD, its replacement, the line the error must name, words the message must hold)
BAD = {
    "misspelt key": ("pass_mark = 60", "pass_mrak = 90", 4, "did you mean 'pass_mark'"),
    "difficulty not a list": ("difficulty = [1, 2]", "difficulty = 2", 13, "'difficulty' is the number 2, but should be a list"),
    "slots as text": ('[[slots]]\nname = "First"\ncount = 2\ntests = ["std-*"]\ndifficulty = [1, 2]\n\n[[slots]]\nname = "Second"\ncount = 1\ntypes = ["short"]\n',
                      'slots = "x"\n', 9, "'slots' is the text \"x\", but should be a list"),
    "generated as text": ("generated = false", 'generated = "false"', 7, "should be true or false, without quotes"),
    "count as bool": ("count = 2", "count = true", 11, "[[slots]] 'First': 'count' is true, but should be a whole number"),
    "count as float": ("count = 2", "count = 2.0", 11, "should be a whole number"),
    "tests as text": ('tests = ["std-*"]', 'tests = "prin-*"', 12, "'tests' is the text \"prin-*\", but should be a list"),
    "no slots": ('[[slots]]\nname = "First"\ncount = 2\ntests = ["std-*"]\ndifficulty = [1, 2]\n\n[[slots]]\nname = "Second"\ncount = 1\ntypes = ["short"]\n',
                 "slots = []\n", 9, "'slots' is an empty list"),
    "slot with no count": ("count = 1\n", "", 15, "[[slots]] 'Second' has no 'count'"),
    "duplicate slot names": ('name = "Second"', 'name = "First"', 16, "like an earlier one; give each its own name"),
    "negative time": ("time_limit = 20", "time_limit = -20", 3, "should be at least 0"),
    "nan pass mark": ("pass_mark = 60", "pass_mark = nan", 4, "not a usable number"),
    "pass mark over 100": ("pass_mark = 60", "pass_mark = 150", 4, "at most 100"),
    "seed not whole": ("seed = 1", "seed = 1.5", 2, "should be a whole number"),
    "absolute bank path": ('banks = ["banks/*.md"]', 'banks = ["/etc/*"]', 6, "a path relative to the blueprint"),
    "newline in title": ('title = "Quiz"', 'title = "Quiz\\n$CATEGORY: x"', 1, "no line breaks"),
    "newline in slot name": ('name = "Second"', 'name = "Second\\nline"', 16, "no line breaks"),
    "unknown type": ('types = ["short"]', 'types = ["short", "shrot"]', 18, "use one of"),
    "unknown key in slot": ('types = ["short"]', 'types = ["short"]\npoints = 2', 19, "unknown key 'points' in [[slots]] 'Second'"),
    "unknown coverage key": ("", '\n[coverage]\nevery_item = ["kss-cf-2018"]\n', 21, "did you mean 'every_item_of'"),
}


@pytest.fixture()
def quiz_dir(tmp_path) -> Path:
    target = tmp_path / "quizzes"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_blueprints_are_refused_at_file_and_line(quiz_dir, case):
    old, new, line, words = BAD[case]
    assert old in GOOD
    path = quiz_dir / "bad.toml"
    path.write_text(GOOD.replace(old, new, 1) if old else GOOD + new)
    with pytest.raises(UserError) as caught:
        load_blueprint(path)
    assert (caught.value.path, caught.value.line) == (str(path), line), str(caught.value)
    assert words in caught.value.message


def test_every_problem_is_listed_each_at_its_line(quiz_dir, capsys):
    path = quiz_dir / "bad.toml"
    path.write_text(GOOD.replace("pass_mark = 60", "pass_mrak = 90").replace("count = 2", "count = true")
                    .replace('types = ["short"]', 'types = "short"'))
    assert main(["quiz", str(path), "--model", str(path), "--learner", "S1", "--out", str(quiz_dir / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.findall(r"bad\.toml:(\d+):", err) == ["4", "11", "18"], err


def test_banks_outside_the_project_are_refused(quiz_dir, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "stolen.md").write_text((quiz_dir / "banks" / "core.md").read_text())
    path = quiz_dir / "bad.toml"
    path.write_text(GOOD.replace('banks = ["banks/*.md"]', 'banks = ["../elsewhere/*.md"]'))
    with pytest.raises(UserError, match="outside") as caught:
        load_blueprint(path)
    assert caught.value.line == 6
    # A link inside the quizzes folder that points out of it is refused too.
    (quiz_dir / "banks" / "linked.md").symlink_to(outside / "stolen.md")
    path.write_text(GOOD)
    with pytest.raises(UserError, match="outside"):
        load_blueprint(path)


SHIPPED = sorted((REPO / "quizzes").rglob("*.toml")) + sorted(FIXTURE.glob("*.toml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_blueprints_are_valid(path):
    assert load_blueprint(path).slots


def test_documented_example_is_valid(tmp_path):
    """The blueprint shown to ASYE leads must pass the schema it describes."""
    page = (REPO / "docs" / "contributing" / "quizzes.md").read_text()
    example = next(block for block in re.findall(r"```toml\n(.*?)```", page, re.S) if "[[slots]]" in block)
    (tmp_path / "quizzes" / "banks").mkdir(parents=True)
    shutil.copy(FIXTURE / "banks" / "core.md", tmp_path / "quizzes" / "banks")
    path = tmp_path / "quizzes" / "example.toml"
    path.write_text(example)
    assert load_blueprint(path).title


def test_schema_types_match_the_question_grammar():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$defs"]["slot"]["properties"]["types"]["items"]["enum"] == [*QUESTION_TYPES, "scenario"]


def test_line_of_key_follows_tables_and_arrays_of_tables():
    text = 'title = "t"\n\n[[slots]]\nname = "a"\ncount = 1\n\n[[slots]]\n"count" = 2\n[coverage]\nevery_item_of = []\n'
    assert line_of_key(text, ("title",)) == 1
    assert line_of_key(text, ("slots", 0, "count")) == 5
    assert line_of_key(text, ("slots", 1, "count")) == 8
    assert line_of_key(text, ("slots", 1, "name")) == 7  # not written: the table's header
    assert line_of_key(text, ("slots",)) == 3
    assert line_of_key(text, ("coverage", "every_item_of", 0)) == 10
    assert line_of_key(text, ("seed",)) is None
