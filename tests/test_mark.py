"""practice-model mark: end to end from a generated quiz, known statistics, and bad responses."""

from __future__ import annotations

import csv
import io
import json
import shutil
import statistics
from pathlib import Path

import pytest

from practice_model.cli import main
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import run_quiz

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
ROOT = Path(__file__).parent / "roots" / "test-basic"
LEARNERS = ("A1", "B2", "C3", "D4")


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("mk")
    shutil.copytree(ROOT, base / "src")
    assert build_main(["-q", str(base / "src"), str(base / "html")]) == 0
    return base / "html" / "practice-model.json"


def make_quiz(model_path, tmp_path, blueprint="three-items.toml", learners=LEARNERS, name="quiz"):
    out = tmp_path / name
    run_quiz(load_blueprint(FIXTURE / blueprint), load_model(model_path), [Learner(i) for i in learners], ["key", "html"], out)
    return out


def key_rows(quiz):
    return list(csv.DictReader(io.StringIO((quiz / "key.csv").read_text())))


def wrong(answer: str) -> str:
    if answer in ("true", "false"):
        return "false" if answer == "true" else "true"
    letters = set(answer.split(";"))
    return next(x for x in "ABCD" if x not in letters)


def write_csv(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", "item", "response", "mark"])
        writer.writerows(rows)


def mark(model_path, manifests, responses, out, capsys):
    code = main(["mark", *map(str, manifests), *sum((["--responses", str(r)] for r in responses), []),
                 "--model", str(model_path), "--out", str(out)])
    return code, capsys.readouterr()


def test_perfect_response_sheet_scores_full_marks(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml")
    rows = [[r["learner"], r["item"], r["answer"].split("|")[0], "100" if r["answer"] == "" else ""] for r in key_rows(quiz)]
    write_csv(tmp_path / "perfect.csv", rows)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "perfect.csv"], tmp_path / "marked", capsys)
    assert code == 0, out.err
    learners = list(csv.DictReader((tmp_path / "marked" / "learners.csv").open()))
    assert {l["score_percent"] for l in learners} == {"100.0"} and {l["passed"] for l in learners} == {"True"}


def test_known_pattern_gives_known_statistics(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path)
    manifest = json.loads((quiz / "manifest.json").read_text())
    items = sorted(manifest["items"])  # the same three items for everyone
    # A gets all three right, B the first two, C the first one, D none.
    right = {"A1": items, "B2": items[:2], "C3": items[:1], "D4": []}
    rows = [[r["learner"], r["item"], r["answer"] if r["item"] in right[r["learner"]] else wrong(r["answer"]), ""] for r in key_rows(quiz)]
    write_csv(tmp_path / "pattern.csv", rows)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "pattern.csv"], tmp_path / "marked", capsys)
    assert code == 0, out.err
    stats = {r["item"]: r for r in csv.DictReader((tmp_path / "marked" / "items.csv").open())}
    # First item: scores 1,1,1,0 against rest-of-test 2,1,0,0. By hand: r = 0.75 / sqrt(0.75 * 2.75) = 0.5222.
    assert float(stats[items[0]]["facility"]) == 0.75
    assert float(stats[items[0]]["discrimination"]) == pytest.approx(52.2, abs=0.05)
    assert float(stats[items[0]]["discrimination"]) == pytest.approx(100 * statistics.correlation([1, 1, 1, 0], [2, 1, 0, 0]), abs=0.05)
    assert float(stats[items[1]]["facility"]) == 0.5 and float(stats[items[2]]["facility"]) == 0.25
    # Cronbach's alpha over positions, from each learner's own order.
    matrix = []
    for learner in manifest["learners"]:
        matrix.append([1.0 if i["id"] in right[learner["id"]] else 0.0 for i in learner["items"]])
    k = 3
    expected = k / (k - 1) * (1 - sum(statistics.variance(col) for col in zip(*matrix)) / statistics.variance([sum(r) for r in matrix]))
    page = (tmp_path / "marked" / "cohort.html").read_text()
    assert f"{expected:.2f} from 4 learners" in page
    assert "Small numbers." in page and page.count('<img src="data:image/svg+xml;base64,') == 3
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "marked" / "learners.csv").open())}
    assert learners["A1"]["score_percent"] == "100.0" and learners["D4"]["score_percent"] == "0.0"
    assert learners["B2"]["passed"] == "True" and learners["C3"]["passed"] == "False"
    profile = (tmp_path / "marked" / "learners" / "C3" / "profile.html").read_text()
    assert "Items to revisit" in profile and "By framework item" in profile and "Suggested learning" in profile


def test_bad_responses_are_reported_and_the_rest_marked(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path)
    rows = [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(quiz) if r["learner"] == "A1"]
    first_single = next(r for r in key_rows(quiz) if r["learner"] == "B2" and r["answer"] in "ABCD" and len(r["answer"]) == 1)
    rows += [["Z9", rows[0][1], "A", ""], ["B2", "q-not-an-item", "A", ""], ["B2", first_single["item"], "Q", ""]]
    write_csv(tmp_path / "bad.csv", rows)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "bad.csv"], tmp_path / "marked", capsys)
    assert code == 0
    assert "bad.csv:5: unknown learner 'Z9'" in out.err
    assert "q-not-an-item" in out.err and "option(s) Q do not exist" in out.err
    assert "C3 answered nothing" in out.err and "D4 answered nothing" in out.err
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "marked" / "learners.csv").open())}
    assert learners["A1"]["score_percent"] == "100.0"
    problems = (tmp_path / "marked" / "problems.csv").read_text()
    assert "Z9" in problems


def test_learner_page_files_and_essay_marks(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml", learners=("A1",))
    manifest = json.loads((quiz / "manifest.json").read_text())
    answers = {r["item"]: r["answer"].split("|")[0] for r in key_rows(quiz)}
    saved = {"format": "practice-model-responses", "version": 1, "quiz": manifest["quiz_id"], "learner": "A1",
             "responses": {item: (answer or "My reflection.") for item, answer in answers.items()}}
    (tmp_path / "responses").mkdir()
    (tmp_path / "responses" / "responses-A1.json").write_text(json.dumps(saved))
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "m1", capsys)
    assert code == 0 and "1 written answer(s) await a marker" in out.out
    essay = next(i for i, d in manifest["items"].items() if d["type"] == "essay")
    write_csv(tmp_path / "marks.csv", [["A1", essay, "", "70"]])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses", tmp_path / "marks.csv"], tmp_path / "m2", capsys)
    assert code == 0 and "0 written answer(s) await a marker" in out.out
    results = [r for r in csv.DictReader((tmp_path / "m2" / "results.csv").open()) if r["item"] == essay]
    assert results[0]["score"] == "0.7" and results[0]["status"] == "marked"


def test_moodle_responses_report(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path, learners=("A1", "B2"))
    manifest = json.loads((quiz / "manifest.json").read_text())
    header = ["Surname", "First name", "ID number", "State"]
    rows = []
    for learner in manifest["learners"]:
        row = ["-", "-", learner["id"], "Finished"]
        for item in learner["items"]:
            data = manifest["items"][item["id"]]
            answer = [c["text"] for c in data["choices"] if c["correct"]]
            row += [f"<p>{data['stem_text']}</p>", "; ".join(answer) if data["type"] != "truefalse" else answer[0].lower()]
        rows.append(row)
    for n in range(1, 4):
        header += [f"Question {n}", f"Response {n}"]
    header += ["Question 4", "Response 4"]
    rows = [r + ["A question nobody wrote", "x"] for r in rows]
    with (tmp_path / "moodle.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "moodle.csv"], tmp_path / "marked", capsys)
    assert code == 0
    assert "question 4 could not be matched" in out.err
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "marked" / "learners.csv").open())}
    assert learners["A1"]["score_percent"] == "100.0" and learners["B2"]["score_percent"] == "100.0"


def test_combined_cohorts_and_same_bytes(model_path, tmp_path, capsys):
    first = make_quiz(model_path, tmp_path, learners=("A1", "B2"), name="q1")
    second = run_quiz(load_blueprint(FIXTURE / "three-items.toml"), load_model(model_path), [Learner("C3")], ["key"], tmp_path / "q2", seed=99)
    del second
    rows = [[r["learner"], r["item"], r["answer"], ""] for q in (first, tmp_path / "q2") for r in key_rows(q)]
    write_csv(tmp_path / "all.csv", rows)
    for out in ("m1", "m2"):
        code, _ = mark(model_path, [first / "manifest.json", tmp_path / "q2" / "manifest.json"], [tmp_path / "all.csv"], tmp_path / out, capsys)
        assert code == 0
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "m1" / "learners.csv").open())}
    assert set(learners) == {"A1", "B2", "C3"} and learners["C3"]["quiz"] == "three-items-99"
    for path in (tmp_path / "m1").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "m2" / path.relative_to(tmp_path / "m1")).read_bytes(), path
