"""practice-model mark: end to end from a generated quiz, known statistics, and bad responses."""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path

import pytest

from practice_model.cli import main
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import run_quiz

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
LEARNERS = ("A1", "B2", "C3", "D4")


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


def write_marks(path, rows):
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([["learner", "item", "mark"], *rows])


def mark(model_path, manifests, responses, out, capsys, marks=()):
    code = main(["mark", *map(str, manifests), *sum((["--responses", str(r)] for r in responses), []),
                 *sum((["--marks", str(m)] for m in marks), []), "--model", str(model_path), "--out", str(out)])
    return code, capsys.readouterr()


def test_perfect_response_sheet_scores_full_marks(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml")
    rows = [[r["learner"], r["item"], r["answer"].split("|")[0] or "My reflection."] for r in key_rows(quiz)]
    with (tmp_path / "perfect.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([["learner", "item", "response"], *rows])
    write_marks(tmp_path / "marks.csv", [[r["learner"], r["item"], "100"] for r in key_rows(quiz) if r["answer"] == ""])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "perfect.csv"], tmp_path / "marked", capsys,
                     marks=[tmp_path / "marks.csv"])
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
    # Scores and framework charts; with 4 responses an item's statistics are folded away, so no item chart.
    assert "Small numbers." in page and page.count('<img src="data:image/svg+xml;base64,') == 2
    assert '<details class="few"><summary>3 item(s) with fewer than 10 responses' in page
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "marked" / "learners.csv").open())}
    assert learners["A1"]["score_percent"] == "100.0" and learners["D4"]["score_percent"] == "0.0"
    assert learners["B2"]["passed"] == "True" and learners["C3"]["passed"] == "False"
    profile = (tmp_path / "marked" / "learners" / "C3" / "profile.html").read_text()
    assert "Questions to revisit" in profile and "By framework item" in profile and "Suggested learning" in profile


def test_bad_responses_are_reported_and_the_rest_marked(model_path, tmp_path, capsys):
    quiz = make_quiz(model_path, tmp_path)
    rows = [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(quiz) if r["learner"] == "A1"]
    first_single = next(r for r in key_rows(quiz) if r["learner"] == "B2" and r["answer"] in "ABCD" and len(r["answer"]) == 1)
    rows += [["Z9", rows[0][1], "A", ""], ["B2", "q-not-an-item", "A", ""], ["B2", first_single["item"], "Q", ""]]
    write_csv(tmp_path / "bad.csv", rows)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "bad.csv"], tmp_path / "marked", capsys)
    assert code == 0
    assert "bad.csv:5: unknown learner 'Z9'" in out.err
    assert "bad.csv:6: a response for item 'q-not-an-item'" in out.err
    assert f"bad.csv:7: B2/{first_single['item']}: option(s) Q do not exist" in out.err
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
    write_marks(tmp_path / "marks.csv", [["A1", essay, "70"]])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "m2", capsys, marks=[tmp_path / "marks.csv"])
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


# Hardening (issue 13, items 1, 5, 6 and 7): what learners' files, assessors' marks and manifests cannot do.

GUIDANCE = "Look for analysis of patterns, not description."  # the essay's marker guidance in fixtures/quiz/banks/core.md


def essay_quiz(model_path, tmp_path):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml", learners=("A1", "B2"))
    manifest = json.loads((quiz / "manifest.json").read_text())
    essay = next(i for i, d in manifest["items"].items() if d["type"] == "essay")
    (tmp_path / "responses").mkdir()
    return quiz, manifest, essay


def essay_results(folder, essay):
    return {r["learner"]: r for r in csv.DictReader((folder / "results.csv").open()) if r["item"] == essay}


def test_learners_cannot_mark_their_own_essay(model_path, tmp_path, capsys):
    quiz, manifest, essay = essay_quiz(model_path, tmp_path)
    saved = {"format": "practice-model-responses", "version": 1, "quiz": manifest["quiz_id"], "learner": "A1",
             "responses": {essay: "mark:100", f"{essay}#mark": "mark:100"}}
    (tmp_path / "responses" / "responses-A1.json").write_text(json.dumps(saved, indent=2))
    with (tmp_path / "responses" / "B2.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([["learner", "item", "response", "mark"], ["B2", essay, "My reflection.", "100"],
                                      ["B2", f"{essay}#mark", "mark:100", ""]])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys)
    assert code == 0, out.err
    results = essay_results(tmp_path / "marked", essay)
    assert {(r["status"], r["score"]) for r in results.values()} == {("awaiting-marker", "")}
    assert results["A1"]["response"] == "mark:100"  # kept as the learner's text
    assert "responses-A1.json:7: A1/" in out.err and "looks like a mark" in out.err
    assert f"'{essay}#mark' is not an item ID; marks in learners' files are ignored" in out.err
    assert "B2.csv:1: the 'mark' column is ignored" in out.err and "B2.csv:3:" in out.err


def test_assessors_marks_file_marks_essays(model_path, tmp_path, capsys):
    quiz, manifest, essay = essay_quiz(model_path, tmp_path)
    write_marks(tmp_path / "marks.csv", [["A1", essay, "62.5"], ["B2", essay, ""]])  # B2 not marked yet
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys,
                     marks=[tmp_path / "marks.csv"])
    assert code == 0, out.err
    results = essay_results(tmp_path / "marked", essay)
    assert (results["A1"]["status"], results["A1"]["score"]) == ("marked", "0.625")
    assert (results["B2"]["status"], results["B2"]["score"]) == ("awaiting-marker", "")


@pytest.mark.parametrize("value", ["abc", "nan", "150", "1e999", "-1", "inf", "100.0001"])
def test_marks_are_finite_numbers_from_0_to_100(model_path, tmp_path, capsys, value):
    quiz, manifest, essay = essay_quiz(model_path, tmp_path)
    write_marks(tmp_path / "marks.csv", [["A1", essay, "55"], ["B2", essay, value]])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys,
                     marks=[tmp_path / "marks.csv"])
    assert code == 2 and f"marks.csv:3: mark '{value}' should be a number from 0 to 100" in out.err
    assert not (tmp_path / "marked").exists()


@pytest.mark.parametrize("row, expected", [
    (["Z9", "ESSAY", "50"], "marks.csv:2: learner 'Z9' is not in any manifest given"),
    (["A1", "q-not-given", "50"], "marks.csv:2: A1 was not given item 'q-not-given'"),
    (["A1", "SINGLE", "50"], "is marked automatically; only written answers (essays) take a mark"),
])
def test_marks_file_mistakes_name_file_and_line(model_path, tmp_path, capsys, row, expected):
    quiz, manifest, essay = essay_quiz(model_path, tmp_path)
    single = next(i for i, d in manifest["items"].items() if d["type"] == "single")
    write_marks(tmp_path / "marks.csv", [[x.replace("ESSAY", essay).replace("SINGLE", single) for x in row]])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys,
                     marks=[tmp_path / "marks.csv"])
    assert code == 2 and expected in out.err


@pytest.mark.parametrize("name, data, expected", [
    ("cp1252.csv", "learner,item,response\nA1,q-t-short,caf\xe9\n".encode("cp1252"), "cp1252.csv:2: not UTF-8 text"),
    ("semicolons.csv", b"learner;item;response\nA1;q-t-short;hub\n", "semicolons.csv:1: the columns are separated by ';'"),
    ("header.csv", b"name,question,answer\nA1,q-t-short,hub\n", "header.csv:1: unknown CSV (its columns are name, question, answer)"),
    ("marks.csv", b"learner,item,mark\nA1,q-t-essay,50\n", "marks.csv:1: this looks like the assessors' marks file"),
    ("damaged.json", b'{"format": "practice-model-responses",\n  "responses": {\n', "damaged.json:3: not a saved responses file"),
    ("other.json", b'{"some": "thing"}', "other.json: not a responses file saved from a learner's quiz page"),
])
def test_unreadable_response_sheets_stop_marking(model_path, tmp_path, capsys, name, data, expected):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml", learners=("A1",))
    (tmp_path / "responses").mkdir()
    (tmp_path / "responses" / name).write_bytes(data)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys)
    assert code == 2 and expected in out.err and "nothing was marked" in out.err
    assert not (tmp_path / "marked").exists()


def _mark_in_a_process(model_path, quiz, responses, out):
    """The command in its own process, limited in time and memory: the files tried here hang or exhaust a reader."""
    import os
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    try:
        return subprocess.run([sys.executable, "-m", "practice_model", "mark", str(quiz / "manifest.json"), "--responses", str(responses),
                               "--model", str(model_path), "--out", str(out)],
                              capture_output=True, text=True, timeout=120, env=env, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail("mark hung on a file that is not a regular file")


@pytest.mark.parametrize("case", ["link-out", "folder-link-out", "fifo", "device", "link-inside"])
def test_only_regular_files_inside_the_responses_folder_are_read(model_path, tmp_path, case):
    import os

    quiz = make_quiz(model_path, tmp_path, learners=("A1",))
    folder = tmp_path / "responses"
    folder.mkdir()
    write_csv(tmp_path / "sheet.csv", [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(quiz)])
    given = folder
    if case == "link-out":
        (folder / "sheet.csv").symlink_to(tmp_path / "sheet.csv")
        expected = "sheet.csv: a link to"
    elif case == "folder-link-out":
        (folder / "elsewhere").symlink_to(tmp_path)
        expected = "elsewhere: a link to"
    elif case == "link-inside":
        (folder / "real").mkdir()
        (tmp_path / "sheet.csv").rename(folder / "real" / "sheet.txt")
        (folder / "sheet.csv").symlink_to(folder / "real" / "sheet.txt")
        expected = None
    elif case == "fifo":
        os.mkfifo(folder / "responses.csv")
        expected = "responses.csv: not a regular file"
    else:
        given, expected = Path("/dev/zero"), "/dev/zero: not a regular file"
    result = _mark_in_a_process(model_path, quiz, given, tmp_path / "marked")
    if expected is None:
        assert result.returncode == 0, result.stderr
        assert "100.0" in (tmp_path / "marked" / "learners.csv").read_text()
    else:
        assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not (tmp_path / "marked").exists()


def test_responses_file_size_is_capped(model_path, tmp_path, capsys, monkeypatch):
    from practice_model.marking import files

    quiz = make_quiz(model_path, tmp_path, learners=("A1",))
    limit = (quiz / "manifest.json").stat().st_size + 1  # (the real limit is 10 MB; a smaller one keeps the test quick)
    padding = [["A1", "q-none", "x" * 100, ""]] * (limit // 100)
    write_csv(tmp_path / "sheet.csv", [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(quiz)] + padding)
    monkeypatch.setattr(files, "MAX_BYTES", limit)
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "sheet.csv"], tmp_path / "marked", capsys)
    assert code == 2 and "sheet.csv: " in out.err and f"more than the {limit:,} a responses or marks file can be" in out.err


def test_marker_guidance_never_reaches_learner_profiles(model_path, tmp_path, capsys):
    import zipfile

    quiz, manifest, essay = essay_quiz(model_path, tmp_path)
    assert GUIDANCE in manifest["items"][essay]["guidance"]  # the assessors' copy holds it
    # Essays waiting for a marker: the state in which profiles used to show the guidance.
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "responses"], tmp_path / "marked", capsys)
    assert code == 0 and "2 written answer(s) await a marker" in out.out
    files = [p for p in (tmp_path / "marked" / "learners").rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"profile.html", "profile.docx"} and len({p.parent for p in files}) == 2
    needle = "analysis of patterns"
    for path in files:
        texts = [path.read_bytes().decode("utf-8", "replace")]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        assert not any(needle in text for text in texts), path
    assert "Question " in (files[0].parent / "profile.html").read_text()


def _drop_item(m):
    del m["items"][m["learners"][0]["items"][0]["id"]]


@pytest.mark.parametrize("tamper, expected", [
    (_drop_item, "which is not among the manifest's items"),
    (lambda m: m.pop("learners"), "at the top level: 'learners' is a required property"),
    (lambda m: m.update(learners={"A1": []}), "at learners:"),
    (lambda m: m["learners"][0]["items"][0].update(order="0,1"), "at learners/0/items/0/order"),
    (lambda m: m["learners"][0]["items"][0].update(order=[0]), "the option order does not fit"),
    (lambda m: m["blueprint"].update(pass_mark="60"), "at blueprint/pass_mark"),
    (lambda m: [c.pop("correct") for i in m["items"].values() for c in i["choices"]], "'correct' is a required property"),
    (lambda m: m["items"][next(iter(m["items"]))].update(type="poll"), "'poll' is not one of"),
    (lambda m: m["learners"].append(dict(m["learners"][0])), "learner 'A1' appears twice"),
    (lambda m: m.update(manifest_version="0.9"), "manifest version 0.9 is not one this version"),
    (lambda m: [m.clear(), m.update(x=1)], "'manifest_version' is a required property"),
])
def test_tampered_or_old_manifest_is_a_clear_error(model_path, tmp_path, capsys, tamper, expected):
    quiz = make_quiz(model_path, tmp_path, "test-quiz.toml", learners=("A1", "B2"))
    manifest = json.loads((quiz / "manifest.json").read_text())
    tamper(manifest)
    (quiz / "manifest.json").write_text(json.dumps(manifest, indent=2))
    write_csv(tmp_path / "sheet.csv", [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(quiz)])
    code, out = mark(model_path, [quiz / "manifest.json"], [tmp_path / "sheet.csv"], tmp_path / "marked", capsys)
    assert code == 2 and f"{quiz / 'manifest.json'}: " in out.err and expected in out.err, out.err
    assert "make it again with 'practice-model quiz'" in out.err


@pytest.mark.parametrize("text", ['[1, 2]', '{"manifest_version": "1.0", "quiz_id": "x", "blueprint": {"title": "t", "pass_mark": NaN}, '
                                  '"learners": [], "items": {}}'])
def test_manifest_that_is_not_an_object_or_has_nan_is_a_clear_error(model_path, tmp_path, capsys, text):
    (tmp_path / "manifest.json").write_text(text)
    write_csv(tmp_path / "sheet.csv", [])
    code, out = mark(model_path, [tmp_path / "manifest.json"], [tmp_path / "sheet.csv"], tmp_path / "marked", capsys)
    assert code == 2 and "manifest.json" in out.err and "make it again" in out.err
