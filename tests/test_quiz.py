"""practice-model quiz: every export read back by the format's rules, determinism, no leaks, bad input."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import gift_reader
from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.markup import Renderer
from practice_model.quiz.notation import score
from practice_model.quiz.run import collect_items, parse_formats, run_quiz
from practice_model.quiz.variants import Presented

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
ROOT = Path(__file__).parent / "roots" / "test-basic"




def generate(model_path, blueprint_path, out, learners=("S1001", "S1002", "S1003"), seed=None, formats="all"):
    return run_quiz(load_blueprint(blueprint_path), load_model(model_path), [Learner(i) for i in learners],
                    parse_formats(formats), out, seed=seed)


@pytest.fixture()
def built(model_path, quiz_dir, tmp_path):
    out = tmp_path / "out"
    generate(model_path, quiz_dir / "test-quiz.toml", out)
    return out


def source_items(model_path, quiz_dir):
    return {i.id: i for i in collect_items(load_blueprint(quiz_dir / "test-quiz.toml"), load_model(model_path))}


def test_layout(built):
    files = sorted(str(p.relative_to(built)) for p in built.rglob("*") if p.is_file())
    assert files == sorted([
        ".practice-model-output", "manifest.json", "key.csv", "key.json", "key.html", "lms/moodle.xml", "lms/moodle-papers.xml", "lms/quiz.gift", "lms/qti.zip",
        *[f"learners/{i}/quiz.{ext}" for i in ("S1001", "S1002", "S1003") for ext in ("html", "docx")],
    ])


def test_same_seed_same_bytes(model_path, quiz_dir, tmp_path):
    generate(model_path, quiz_dir / "test-quiz.toml", tmp_path / "a")
    generate(model_path, quiz_dir / "test-quiz.toml", tmp_path / "b")
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path


def test_adding_a_learner_leaves_others_unchanged(model_path, quiz_dir, tmp_path):
    generate(model_path, quiz_dir / "test-quiz.toml", tmp_path / "a", learners=("S1001", "S1002"))
    generate(model_path, quiz_dir / "test-quiz.toml", tmp_path / "b", learners=("S1001", "S1002", "S9999"))
    for learner in ("S1001", "S1002"):
        for ext in ("html", "docx"):
            assert (tmp_path / "a" / f"learners/{learner}/quiz.{ext}").read_bytes() == \
                (tmp_path / "b" / f"learners/{learner}/quiz.{ext}").read_bytes()


def test_variants_differ_and_have_no_repeats(built):
    manifest = json.loads((built / "manifest.json").read_text())
    orders = []
    for learner in manifest["learners"]:
        ids = [i["id"] for i in learner["items"]]
        assert len(ids) == len(set(ids)) == 5
        orders.append(tuple(ids) + tuple(tuple(i["order"]) for i in learner["items"]))
    assert len(set(orders)) > 1
    assert manifest["seed"] == 42 and manifest["blueprint"]["digest"].startswith("sha256:")


def test_key_answers_score_full_marks(built, model_path, quiz_dir):
    """A key turned into a response sheet is a perfect response sheet."""
    items = source_items(model_path, quiz_dir)
    manifest = json.loads((built / "manifest.json").read_text())
    rows = list(csv.DictReader(io.StringIO((built / "key.csv").read_text())))
    assert rows and list(rows[0]) == ["learner", "item", "question", "answer", "needs_marker", "rationale", "permalink", "marks", "bands"]
    presented = {(m["id"], i["id"]): Presented(items[i["id"]], i["slot"], i["order"], i["right_order"])
                 for m in manifest["learners"] for i in m["items"]}
    for row in rows:
        p = presented[(row["learner"], row["item"])]
        if p.item.type == "essay":
            assert score(p, row["answer"]) is None
        else:
            response = row["answer"].split("|")[0]
            assert score(p, response) == 1.0, row


def test_key_reads_as_a_key(built, model_path, quiz_dir):
    """#19 item 3: each row shows the question's opening beside its ID and says whether a marker is needed."""
    items = source_items(model_path, quiz_dir)
    rows = list(csv.DictReader(io.StringIO((built / "key.csv").read_text())))
    for row in rows:
        item = items[row["item"]]
        assert row["question"] and row["question"].rstrip("…").split()[0] in item.stem, row
        assert len(row["question"]) <= 141
        assert row["needs_marker"] == ("yes" if item.type == "essay" else "no"), row
    assert {r["needs_marker"] for r in rows} == {"yes", "no"}
    page = (built / "key.html").read_text()
    assert "Needs a marker" in page and '<span class="question">' in page
    key_json = json.loads((built / "key.json").read_text())
    assert all("question" in r and "needs_marker" in r for r in key_json["rows"])


def test_learner_files_hold_no_answers(built, model_path, quiz_dir):
    items = source_items(model_path, quiz_dir)
    secrets = set()
    for item in items.values():
        secrets.update(t for t in (item.explanation, item.guidance) if t)
        secrets.update(c.feedback for c in item.choices if c.feedback)
    secrets = {s.split("]")[0].strip() for s in secrets if len(s) > 3}
    for path in (built / "learners").rglob("*"):
        if path.suffix == ".html":
            text = path.read_text()
        elif path.suffix == ".docx":
            text = zipfile.ZipFile(path).read("word/document.xml").decode()
        else:
            continue
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {path}"
        for marker in ("correct", "feedback", "rationale", "checks"):
            assert marker not in text.lower(), (marker, path)


def test_gift_reads_back_as_the_same_questions(built, model_path, quiz_dir):
    items = source_items(model_path, quiz_dir)
    render = Renderer(load_model(model_path))
    parsed = gift_reader.parse((built / "lms/quiz.gift").read_text())
    by_id = {q.idnumber: q for q in parsed}
    assert set(by_id) == {i for i in items}
    expected_type = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "matching": "matching",
                     "ordering": "matching", "short": "shortanswer", "essay": "essay"}
    for item_id, q in by_id.items():
        item = items[item_id]
        assert q.type == expected_type[item.type], item_id
        assert q.name == item_id, (item_id, q.name)
        # Tags: what the item tests, the framework items it evidences, and "generated" for generated items.
        expected_tags = set(item.tests) | set(item.items) | ({"generated"} if item.source == "generated" else set())
        assert q.tags == sorted(expected_tags), (item_id, q.tags)
        assert expected_tags, f"{item_id} has no tags, so the check above proves nothing"
        if item.type in ("single", "multiple"):
            shown = [html.unescape(a["text"]) for a in q.answers]  # what Moodle displays in HTML format
            assert shown == [html.unescape(render.inline_html(c.text)) for c in item.choices]
            assert [a["fraction"] > 0 for a in q.answers] == [c.correct for c in item.choices]
            if item.type == "multiple":
                assert abs(sum(a["fraction"] for a in q.answers if a["fraction"] > 0) - 100) < 0.001
    single = by_id["q-t-single"]
    assert "-&gt; arrows" in single.text and "&lt;script&gt;" in single.text and "{really}" in single.text
    assert single.answers[2]["text"].startswith("&#37;50%")


def test_moodle_xml_structure_and_grades(built, model_path, quiz_dir):
    items = source_items(model_path, quiz_dir)
    root = etree.fromstring((built / "lms/moodle.xml").read_bytes())
    assert root.tag == "quiz"
    categories = [q.findtext("category/text") for q in root.findall("question[@type='category']")]
    assert categories == ["$course$/top/Test quiz: chronologies/Choices", "$course$/top/Test quiz: chronologies/Short and essay"]
    questions = {q.findtext("idnumber"): q for q in root.findall("question") if q.get("type") != "category"}
    assert set(questions) == set(items)
    grades = {f"{g:.7f}".rstrip("0").rstrip(".") for g in gift_reader.MOODLE_GRADES}
    for qid, q in questions.items():
        for answer in q.findall("answer"):
            assert answer.get("fraction").lstrip("-") in grades, (qid, answer.get("fraction"))
    assert questions["q-t-essay"].findtext("graderinfo/text").startswith("<p>Look for analysis")
    assert "What happened?" in questions["q-t-essay"].findtext("responsetemplate/text")
    assert questions["q-t-order"].get("type") == "matching"
    assert "<script>" not in (built / "lms/moodle.xml").read_text()
    assert "&lt;script&gt;" in questions["q-t-single"].findtext("questiontext/text")
    tags = [t.text for t in questions["q-t-multiple"].findall("tags/tag/text")]
    assert "out-chron-build" in tags and "kss-cf-7" in tags


def test_qti_package(built):
    archive = zipfile.ZipFile(built / "lms/qti.zip")
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    href = manifest.find(".//{*}resource[@type='imsqti_xmlv1p2']/{*}file").get("href")
    assessment = etree.fromstring(archive.read(href))
    assert assessment.tag == "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}questestinterop"
    sections = assessment.findall(".//{*}section/{*}section")
    assert [s.findtext(".//{*}selection_number") for s in sections] == ["3", "2"]


# The IMS QTI 1.2 ASI schema is not redistributed in this repository; it sits beside the checkout in
# ../shared/schemas/ (CI always has it, and .ci/run sets PM_REQUIRE_QTI_SCHEMA=1 so its absence fails).
QTI_SCHEMA = Path(__file__).resolve().parent.parent.parent / "shared" / "schemas" / "qti-1.2" / "domainProfile_4" / "ims_qtiasiv1p2.xsd"


@pytest.fixture(scope="module")
def qti_schema():
    if not QTI_SCHEMA.exists():
        message = f"the IMS QTI 1.2 ASI schema is not at {QTI_SCHEMA} (see README, 'The QTI schema check')"
        if os.environ.get("PM_REQUIRE_QTI_SCHEMA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return etree.XMLSchema(etree.parse(str(QTI_SCHEMA)))


def test_qti_validates_against_the_ims_schema(built, qti_schema):
    archive = zipfile.ZipFile(built / "lms/qti.zip")
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    href = manifest.find(".//{*}resource[@type='imsqti_xmlv1p2']/{*}file").get("href")
    qti_schema.assertValid(etree.fromstring(archive.read(href)))


def test_refuses_non_empty_out(model_path, quiz_dir, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(out)])
    assert code == 2 and "not empty" in capsys.readouterr().err
    assert (out / "keep.txt").read_text() == "mine"


BAD_BANKS = {
    "malformed": (":::{pm:question} q-bad\n:tests: std-chronologies\n\n- [x] no stem\n- [ ] b\n:::\n", 4, "no text before"),
    "no-correct": (":::{pm:question} q-bad\n:tests: std-chronologies\n\nStem\n\n- [ ] a\n- [ ] b\n:::\n", 6, "no option is marked correct"),
    "unknown-link": (":::{pm:question} q-bad\n:tests: std-nowhere\n\nStem\n\n- [x] a\n- [ ] b\n:::\n", 1, "'std-nowhere'"),
    "bad-id": (":::{pm:question} bad\n:tests: std-chronologies\n\nStem\n\n- [x] a\n- [ ] b\n:::\n", 1, "not a question ID"),
}


@pytest.mark.parametrize("case", sorted(BAD_BANKS))
def test_bad_bank_items_name_file_and_line_and_write_nothing(model_path, quiz_dir, tmp_path, capsys, case):
    text, line, words = BAD_BANKS[case]
    (quiz_dir / "banks" / "zz-bad.md").write_text("# Bad\n\n" + text)
    out = tmp_path / "out"
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: "), err
    assert f"zz-bad.md:{line + 2}:" in err and words in err, err
    assert "Traceback" not in err
    assert not out.exists()


def test_duplicate_id_and_non_utf8(model_path, quiz_dir, tmp_path, capsys):
    (quiz_dir / "banks" / "zz-dupe.md").write_text((quiz_dir / "banks" / "core.md").read_text())
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(tmp_path / "o")])
    assert code == 2 and "duplicate item ID 'q-t-single'" in capsys.readouterr().err
    (quiz_dir / "banks" / "zz-dupe.md").write_bytes("# B\n\ncaf\xe9\n".encode("latin-1"))
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "zz-dupe.md:3:" in err and "UTF-8" in err


@pytest.mark.parametrize(("change", "words"), [
    (('count = 3', 'count = 30'), "asks for 30 items but only 5"),
    (('mode = "assessed"', 'mode = "exam"'), 'test-quiz.toml:5: \'mode\' is the text "exam"; use one of "assessed"'),
    (('types = ["short", "essay"]', 'types = ["short", "poem"]'), 'test-quiz.toml:18: [[slots]] \'Short and essay\': \'types\' (entry 2) is the text "poem"'),
    (('title = ', 'titel = '), "has no 'title'"),
])
def test_invalid_blueprints(model_path, quiz_dir, tmp_path, capsys, change, words):
    path = quiz_dir / "test-quiz.toml"
    path.write_text(path.read_text().replace(*change, 1))
    code = main(["quiz", str(path), "--model", str(model_path), "--learner", "S1", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and words in err and "test-quiz.toml" in err, err
    assert not (tmp_path / "o").exists()


def test_learners_file_and_pseudonymous_ids(model_path, quiz_dir, tmp_path, capsys):
    learners = tmp_path / "cohort.csv"
    learners.write_text("id,extra_time\nS1001,25\nS1002,\n")
    out = tmp_path / "o"
    assert main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learners", str(learners),
                 "--format", "html,key", "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(m["id"], m["time_limit"]) for m in manifest["learners"]] == [("S1001", 25), ("S1002", 20)]
    assert not (out / "lms").exists()
    assert main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "Jane Smith",
                 "--out", str(tmp_path / "p")]) == 2
    assert "pseudonymous" in capsys.readouterr().err


def test_practice_mode_never_uses_banks(model_path, quiz_dir, tmp_path):
    path = quiz_dir / "practice.toml"
    path.write_text('title = "Practice"\nmode = "practice"\n[[slots]]\nname = "All"\ncount = 1\n')
    out = tmp_path / "o"
    generate(model_path, path, out, learners=("S1",), formats="html")
    manifest = json.loads((out / "manifest.json").read_text())
    assert all(v["source"] in ("handbook", "generated") for v in manifest["items"].values())
    page = (out / "learners/S1/quiz.html").read_text()
    assert "Check my answer" in page
    path.write_text(path.read_text() + 'sources = ["bank"]\n')
    with pytest.raises(UserError, match="never draws from the assessed banks"):
        load_blueprint(path)
