"""The Moodle round trip (#16 item 7): Moodle's Responses report, in both delivery ways, marks right.

The fixtures in fixtures/moodle/ are Responses reports as Moodle downloads them (see make_reports.py there for
how each column's text follows Moodle's question types). Way (a): each learner took their own paper; way (b):
Moodle drew one random question per category, not the learner's offline paper.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import run_quiz

FIXTURE = Path(__file__).parent / "fixtures" / "moodle"
DRAWN = {"A1": {"q-m-single-1", "q-m-multi-1", "q-m-tf-2", "q-m-match-1", "q-m-order-2", "q-m-short-2", "q-m-essay"},
         "B2": {"q-m-single-2", "q-m-multi-1", "q-m-tf-2", "q-m-match-1", "q-m-order-2", "q-m-short-2", "q-m-essay"}}
# What each half-right response earns, by item type (see half_right in make_reports.py).
HALF = {"A1": {"single": 1, "multiple": 0.5, "truefalse": 0, "matching": 1 / 3, "ordering": 1, "short": 0},
        "B2": {"single": 0, "multiple": 1, "truefalse": 1, "matching": 0, "ordering": 1, "short": 1}}


@pytest.fixture(scope="module")
def quiz(model_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("quiz") / "quiz"
    run_quiz(load_blueprint(FIXTURE / "round-trip.toml"), load_model(model_path), [Learner("A1"), Learner("B2")],
             ["key", "moodle"], out)
    return out


def report(way: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((FIXTURE / f"way-{way}-half-right.csv").read_text(encoding="utf-8"))))


def right_answers_as_responses(rows: list[list[str]]) -> list[list[str]]:
    header = rows[0]
    right = {n: header.index(f"Right answer {n}") for n in range(1, 8)}
    return [header] + [[row[right[int(h.split()[1])]] if re.fullmatch(r"Response \d+", h) else value
                        for h, value in zip(header, row)] for row in rows[1:]]


def mark(model_path, manifest, rows, tmp_path, capsys):
    with (tmp_path / "moodle.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    code = main(["mark", str(manifest), "--responses", str(tmp_path / "moodle.csv"), "--model", str(model_path),
                 "--out", str(tmp_path / "marked")])
    capsys.readouterr()
    assert code == 0
    read = lambda name: list(csv.DictReader((tmp_path / "marked" / name).open(encoding="utf-8")))  # noqa: E731
    return read("learners.csv"), read("results.csv"), read("problems.csv")


@pytest.mark.parametrize("way", ["a", "b"])
def test_right_answer_columns_as_responses_score_full_marks(model_path, quiz, tmp_path, capsys, way):
    learners, results, problems = mark(model_path, quiz / "manifest.json", right_answers_as_responses(report(way)), tmp_path, capsys)
    assert {r["learner"]: r["score_percent"] for r in learners} == {"A1": "100.0", "B2": "100.0"}
    assert {r["status"] for r in results} == {"marked", "awaiting-marker"}, results
    assert not [p for p in problems if "does not fit" in p["problem"] or "could not be matched" in p["problem"]], problems


@pytest.mark.parametrize("way", ["a", "b"])
def test_half_right_report_scores_what_it_should(model_path, quiz, tmp_path, capsys, way):
    manifest = json.loads((quiz / "manifest.json").read_text())
    learners, results, _ = mark(model_path, quiz / "manifest.json", report(way), tmp_path, capsys)
    for row in results:
        kind = manifest["items"][row["item"]]["type"]
        if kind != "essay":
            assert float(row["score"]) == pytest.approx(HALF[row["learner"]][kind], abs=1e-4), row
    expected = {learner: round(100 * sum(marks.values()) / 6, 1) for learner, marks in HALF.items()}
    assert {r["learner"]: float(r["score_percent"]) for r in learners} == expected


def test_way_b_marks_the_items_moodle_drew_not_the_paper(model_path, quiz, tmp_path, capsys):
    manifest = json.loads((quiz / "manifest.json").read_text())
    paper = {e["id"]: {i["id"] for i in e["items"]} for e in manifest["learners"]}
    assert not (paper["A1"] - {"q-m-essay"}) & DRAWN["A1"], "the fixture must draw other items than A1's paper"
    _, results, problems = mark(model_path, quiz / "manifest.json", right_answers_as_responses(report("b")), tmp_path, capsys)
    for learner in ("A1", "B2"):
        assert {r["item"] for r in results if r["learner"] == learner} == DRAWN[learner]
    assert not [p for p in problems if "was not given" in p["problem"]]


def test_coverage_of_what_moodle_drew_is_reported(model_path, quiz, tmp_path, capsys):
    rows = right_answers_as_responses(report("b"))
    question_7 = rows[0].index("Question 7")
    rows[1][question_7] = "-"  # A1's attempt lost its essay (a random question removed from the quiz)
    _, _, problems = mark(model_path, quiz / "manifest.json", rows, tmp_path, capsys)
    assert any(p["where"] == "A1" and "shown 0 question(s) from 'Essay'" in p["problem"] for p in problems), problems


def test_a_duplicate_stem_is_reported_with_file_and_line_not_guessed(model_path, quiz, tmp_path, capsys):
    manifest = json.loads((quiz / "manifest.json").read_text())
    manifest["items"]["q-m-single-1"]["stem_text"] = manifest["items"]["q-m-single-2"]["stem_text"]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    _, results, problems = mark(model_path, tmp_path / "manifest.json", right_answers_as_responses(report("b")), tmp_path, capsys)
    # B2 was shown q-m-single-2, whose stem q-m-single-1 now shares; B2's row starts on line 5 (A1's row holds
    # line breaks); A1 was shown q-m-single-1, whose own text now fits no item.
    duplicate = [p for p in problems if "q-m-single-1, q-m-single-2, which have the same stem" in p["problem"]]
    assert [p["where"] for p in duplicate] == [f"{tmp_path / 'moodle.csv'}:5"]
    assert any(p["where"] == f"{tmp_path / 'moodle.csv'}:2" and "question 1 could not be matched" in p["problem"] for p in problems)
    assert not {r["item"] for r in results if r["item"].startswith("q-m-single")}


MULTIPLE_SLOT = '[[slots]]\nname = "Multiple"\ncount = 1\ntypes = ["multiple"]\n'
CHOICES_SLOT = '[[slots]]\nname = "Choices"\ncount = 2\ntypes = ["single", "multiple"]\n'


def _overlap_blueprint(tmp_path, *slots: str):
    """A blueprint over the round-trip bank whose slots (in this order) can both take multiple-response items."""
    (tmp_path / "banks").mkdir()
    shutil.copy(FIXTURE / "banks" / "round-trip.md", tmp_path / "banks")
    path = tmp_path / "overlap.toml"
    path.write_text('title = "Overlap"\nseed = 1\nmode = "assessed"\nbanks = ["banks/*.md"]\ngenerated = false\n\n'
                    + "\n".join(slots))
    return load_blueprint(path)


def test_an_item_sits_in_one_moodle_category_only(model_path, tmp_path):
    blueprint = _overlap_blueprint(tmp_path, MULTIPLE_SLOT, CHOICES_SLOT)
    run_quiz(blueprint, load_model(model_path), [Learner("A1")], ["moodle"], tmp_path / "out")
    ids = [q.findtext("idnumber") for q in etree.parse(str(tmp_path / "out" / "lms" / "moodle.xml")).iter("question")
           if q.get("type") != "category"]
    assert sorted(ids) == ["q-m-multi-1", "q-m-multi-2", "q-m-single-1", "q-m-single-2"]


def test_a_slot_left_short_by_an_earlier_slot_is_refused_with_file_and_line(model_path, tmp_path):
    blueprint = _overlap_blueprint(tmp_path, CHOICES_SLOT, MULTIPLE_SLOT)
    with pytest.raises(UserError) as caught:
        run_quiz(blueprint, load_model(model_path), [Learner("A1")], ["moodle"], tmp_path / "out")
    assert caught.value.line == 13 and "q-m-multi-1 (in 'Choices')" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_papers_file_holds_each_learners_own_paper(quiz):
    manifest = json.loads((quiz / "manifest.json").read_text())
    categories, current = {}, None
    for q in etree.parse(str(quiz / "lms" / "moodle-papers.xml")).iter("question"):
        if q.get("type") == "category":
            current = q.findtext("category/text").rsplit("/", 1)[1]
            categories[current] = []
        else:
            categories[current].append(q.findtext("idnumber"))
    assert categories == {e["id"]: [i["id"] for i in e["items"]] for e in manifest["learners"]}
