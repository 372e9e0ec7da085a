"""Where and how the tools write (#13 items 2-4): learner IDs, paths inside --out, formula-safe CSVs, a safe --force."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.outputs import FORMULA_STARTS, MARKER, csv_bytes, staged_folder, write

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
ROOT = Path(__file__).parent / "roots" / "test-basic"
HYPERLINK = '=HYPERLINK("http://x","y")'




def quiz(model_path, blueprint, out, *extra):
    return main(["quiz", str(blueprint), "--model", str(model_path), "--learner", "A1", "--learner", "B2",
                 "--format", "html,key", "--out", str(out), *extra])


def mark(model_path, manifest, responses, out, *extra):
    return main(["mark", str(manifest), "--responses", str(responses), "--model", str(model_path), "--out", str(out), *extra])


def key_rows(folder: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / "key.csv").read_text())))


def write_sheet(path: Path, rows) -> None:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([["learner", "item", "response", "mark"], *rows])


# Item 2: one learner-ID rule everywhere; nothing is written outside the output folder.

def test_learner_id_with_a_trailing_newline_is_refused(model_path, quiz_dir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "A1\n", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "'A1\\n'" in err and "pseudonymous" in err, err
    assert not out.exists()


@pytest.mark.parametrize("bad_id", ["../../x", "A1\n", "/tmp/x", ""])
def test_tampered_manifest_learner_id_is_refused_and_nothing_escapes(model_path, quiz_dir, tmp_path, capsys, bad_id):
    issued = tmp_path / "issued"
    assert quiz(model_path, quiz_dir / "three-items.toml", issued) == 0
    rows = [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(issued)]
    manifest = json.loads((issued / "manifest.json").read_text())
    manifest["learners"][0]["id"] = bad_id
    (issued / "manifest.json").write_text(json.dumps(manifest))
    write_sheet(tmp_path / "sheet.csv", rows)
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    capsys.readouterr()
    code = mark(model_path, issued / "manifest.json", tmp_path / "sheet.csv", work / "marked")
    err = capsys.readouterr().err
    # The empty ID is caught by the manifest's schema, the others by the learner-ID rule: refused either way.
    assert code == 2 and "manifest.json" in err and ("pseudonymous" in err or "non-empty" in err), err
    assert "Traceback" not in err
    assert not (work / "marked").exists() and not (tmp_path / "x").exists() and not (work / "x").exists()


def test_responses_with_a_bad_learner_id_are_not_marked(model_path, quiz_dir, tmp_path, capsys):
    issued = tmp_path / "issued"
    assert quiz(model_path, quiz_dir / "three-items.toml", issued) == 0
    manifest = json.loads((issued / "manifest.json").read_text())
    (tmp_path / "responses").mkdir()
    saved = {"format": "practice-model-responses", "version": 1, "quiz": manifest["quiz_id"], "learner": "A1\n",
             "responses": {r["item"]: r["answer"] for r in key_rows(issued) if r["learner"] == "A1"}}
    (tmp_path / "responses" / "a1.json").write_text(json.dumps(saved))
    capsys.readouterr()
    assert mark(model_path, issued / "manifest.json", tmp_path / "responses", tmp_path / "marked") == 0
    err = capsys.readouterr().err
    assert re.search(r"a1\.json(:\d+)?: learner ID 'A1\\n' is not a pseudonymous ID", err), err


@pytest.mark.parametrize("relative", ["../escaped.txt", "learners/../../escaped.txt", "ABSOLUTE"])
def test_writer_refuses_paths_outside_its_stage(tmp_path, relative):
    out = tmp_path / "out"
    relative = str(tmp_path / "escaped.txt") if relative == "ABSOLUTE" else relative
    with pytest.raises(UserError, match="outside the output folder"):
        with staged_folder(out, False, "test") as stage:
            write(stage, "fine.txt", b"ok")
            write(stage, relative, b"escaped")
    assert not out.exists() and not (tmp_path / "escaped.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # the stage is cleaned up too


# Item 3: no cell of any CSV the tools write starts a formula.

HOSTILE_BANK = """# Hostile bank

:::{pm:question} q-h-single <!-- pm-allow key-longest: hostile-text fixture, not an assessed item -->
:tests: std-chronologies
:difficulty: 1

=1+1 is what a spreadsheet would run.

- [x] =HYPERLINK("http://evil","click")
  > +Yes.
- [ ] @SUM(A1:A9)
  > No.
- [ ] -2+3
  > No.

+cmd|' /C calc'!A0
:::

:::{pm:question} q-h-short
:tests: term-mash
:type: short
:difficulty: 1

-What is the answer?

- [x] -5
- [x] @five

@explained: the answer is minus five.
:::
"""


def all_cells(folder: Path):
    for path in sorted(folder.rglob("*.csv")):
        for number, row in enumerate(csv.reader(io.StringIO(path.read_text())), start=1):
            for cell in row:
                yield f"{path.name}:{number}", cell


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_hostile_bank_text_and_answers_reach_no_csv_as_a_formula(model_path, tmp_path, capsys):
    (tmp_path / "hostile" / "banks").mkdir(parents=True)
    (tmp_path / "hostile" / "banks" / "hostile.md").write_text(HOSTILE_BANK)
    blueprint = tmp_path / "hostile" / "hostile.toml"
    blueprint.write_text('title = "Hostile"\nseed = 1\npass_mark = 50\nmode = "assessed"\nbanks = ["banks/*.md"]\n'
                         'generated = false\n[[slots]]\nname = "All"\ncount = 2\ntypes = ["single", "short"]\n')
    issued = tmp_path / "issued"
    assert quiz(model_path, blueprint, issued) == 0, capsys.readouterr().err
    key = {(r["learner"], r["item"]): r for r in key_rows(issued)}
    assert key[("A1", "q-h-short")]["answer"] == "'-5|@five"
    assert key[("A1", "q-h-short")]["rationale"].startswith("'@explained")
    assert key[("A1", "q-h-single")]["rationale"].startswith("'+cmd")

    manifest = json.loads((issued / "manifest.json").read_text())
    (tmp_path / "responses").mkdir()
    # A1 types a formula; B2's responses are the key itself (the documented "perfect response sheet").
    saved = {"format": "practice-model-responses", "version": 1, "quiz": manifest["quiz_id"], "learner": "A1",
             "responses": {"q-h-short": HYPERLINK, "q-h-single": key[("A1", "q-h-single")]["answer"]}}
    (tmp_path / "responses" / "a1.json").write_text(json.dumps(saved))
    write_sheet(tmp_path / "responses" / "b2.csv",
                [["B2", item, row["answer"].split("|")[0], ""] for (learner, item), row in key.items() if learner == "B2"])
    marked = tmp_path / "marked"
    assert mark(model_path, issued / "manifest.json", tmp_path / "responses", marked) == 0, capsys.readouterr().err

    results = {(r["learner"], r["item"]): r for r in csv.DictReader(io.StringIO((marked / "results.csv").read_text()))}
    assert results[("A1", "q-h-short")]["response"] == "'" + HYPERLINK
    assert results[("B2", "q-h-short")]["response"] == "'-5" and results[("B2", "q-h-short")]["score"] == "1.0"
    learners = {r["learner"]: r for r in csv.DictReader(io.StringIO((marked / "learners.csv").read_text()))}
    assert learners["B2"]["score_percent"] == "100.0"  # the key's neutralised '-5 is read back as -5
    items = (marked / "items.csv").read_text()
    assert "'=HYPERLINK(\"\"http://evil\"\"" in items
    for folder in (issued, marked):
        for where, cell in all_cells(folder):
            assert not cell.startswith(FORMULA_STARTS) or is_number(cell), (where, cell)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_and_computed_numbers_stay_numbers(start):
    text = csv_bytes([{"text": f"{start}1+1", "number": -0.5, "count": -3, "flag": True, "none": None}],
                     ["text", "number", "count", "flag", "none"]).decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"text": f"'{start}1+1", "number": "-0.5", "count": "-3", "flag": "True", "none": ""}


# Item 4: --force only ever replaces the same command's own earlier output.

def test_quiz_force_into_the_blueprint_folder_is_refused(model_path, quiz_dir, tmp_path, capsys):
    before = {p: p.read_bytes() for p in quiz_dir.rglob("*") if p.is_file()}
    code = quiz(model_path, quiz_dir / "test-quiz.toml", quiz_dir, "--force")
    err = capsys.readouterr().err
    assert code == 2 and "is, or contains, an input" in err and "Traceback" not in err, err
    assert {p: p.read_bytes() for p in quiz_dir.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["quizzes"]  # no stage left behind


def test_mark_force_into_the_issued_quiz_is_refused(model_path, quiz_dir, tmp_path, capsys):
    issued = tmp_path / "issued"
    assert quiz(model_path, quiz_dir / "three-items.toml", issued) == 0
    write_sheet(tmp_path / "sheet.csv", [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(issued)])
    before = {p: p.read_bytes() for p in issued.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert mark(model_path, issued / "manifest.json", tmp_path / "sheet.csv", issued, "--force") == 2
    assert "is, or contains, an input" in capsys.readouterr().err
    # A copy of the manifest elsewhere: the folder is still a quiz's, not an earlier marking.
    shutil.copy(issued / "manifest.json", tmp_path / "manifest.json")
    assert mark(model_path, tmp_path / "manifest.json", tmp_path / "sheet.csv", issued, "--force") == 2
    assert "written by 'practice-model quiz'" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in issued.rglob("*") if p.is_file()} == before


def test_force_refuses_folders_the_tool_did_not_write(model_path, quiz_dir, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    assert quiz(model_path, quiz_dir / "three-items.toml", mine, "--force") == 2
    assert "was not written by practice-model" in capsys.readouterr().err
    assert (mine / "notes.txt").read_text() == "mine"
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "conf.py").write_text("")
    for target in (project, project / "docs"):
        assert quiz(model_path, quiz_dir / "three-items.toml", target, "--force") == 2
        assert "handbook project or its docs/ folder" in capsys.readouterr().err
    assert (project / "conf.py").exists() and (project / "docs").is_dir()


def test_force_replaces_an_earlier_output_of_the_same_command(model_path, quiz_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert quiz(model_path, quiz_dir / "three-items.toml", out) == 0
    assert (out / MARKER).read_text() == "practice-model quiz\n"
    (out / "stale.txt").write_text("from before")
    assert quiz(model_path, quiz_dir / "three-items.toml", out) == 2  # without --force: refused as before
    assert quiz(model_path, quiz_dir / "three-items.toml", out, "--force") == 0
    assert not (out / "stale.txt").exists() and (out / "manifest.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "quizzes"]  # no stage or old copy left behind


def test_mark_output_inside_the_responses_folder_is_refused(model_path, quiz_dir, tmp_path, capsys):
    issued = tmp_path / "issued"
    assert quiz(model_path, quiz_dir / "three-items.toml", issued) == 0
    (tmp_path / "responses").mkdir()
    write_sheet(tmp_path / "responses" / "sheet.csv", [[r["learner"], r["item"], r["answer"], ""] for r in key_rows(issued)])
    capsys.readouterr()
    assert mark(model_path, issued / "manifest.json", tmp_path / "responses", tmp_path / "responses" / "marked") == 2
    assert "inside an input folder" in capsys.readouterr().err


def test_writer_never_writes_one_file_twice(tmp_path):
    # On Windows and macOS learners/A1 and learners/a1 are one folder: one learner's file would replace another's.
    with pytest.raises(UserError, match="twice"):
        with staged_folder(tmp_path / "out", False, "test") as stage:
            write(stage, "learners/A1/quiz.html", b"A1's quiz")
            write(stage, "learners/A1/quiz.html", b"someone else's quiz")
    assert not (tmp_path / "out").exists()


def test_learner_ids_differing_only_in_case_are_one_learner(model_path, quiz_dir, tmp_path, capsys):
    code = main(["quiz", str(quiz_dir / "three-items.toml"), "--model", str(model_path), "--learner", "A1", "--learner", "a1",
                 "--out", str(tmp_path / "out")])
    assert code == 2 and "listed twice" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
