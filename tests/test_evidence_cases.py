"""Honest evidence, coverage rules, whole cases and weighted essays with mark bands (issue 16, items 5 and 6)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.model import load_model
from practice_model.questions import QuestionError, parse_question
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.items import Item
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import collect_items, parse_formats, run_quiz
from practice_model.quiz.variants import check_supply, coverage_targets, eligible, evidence, make_variant, units_of
from practice_model.tomlfile import line_of_key

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
ROOT = Path(__file__).parent / "roots" / "test-basic"
ASYE = [REPO / "quizzes" / f"asye-{n}-month.toml" for n in (3, 6, 12)]




@pytest.fixture(scope="module")
def real_model(handbook):
    return load_model(handbook / "practice-model.json")


def direct(item: Item, model) -> set[str]:
    """Framework items an item evidences, computed here from its outcome IDs alone."""
    return {x for t in item.tests if (model.get(t) or {}).get("kind") == "outcome" for x in model.get(t)["fields"].get("maps", [])}


# Item 5: honest evidence


def test_recall_item_tagged_only_with_a_standard_evidences_no_framework_item(model_path):
    model = load_model(model_path)
    recall = Item(id="q-x", type="single", stem="How many working days?", choices=[], tests=["std-chronologies"])
    assert evidence(recall, model) == []
    by_module = Item(id="q-y", type="single", stem="s", choices=[], tests=["mod-chronologies"])
    assert evidence(by_module, model) == []
    tagged = Item(id="q-z", type="single", stem="s", choices=[], tests=["std-chronologies", "out-chron-build"])
    assert evidence(tagged, model) == ["kss-cf-7", "pcf-6", "swe-3"]


def test_manifest_and_profiles_carry_only_direct_evidence(model_path, quiz_dir, tmp_path):
    out = tmp_path / "out"
    run_quiz(load_blueprint(quiz_dir / "test-quiz.toml"), load_model(model_path), [Learner("A1"), Learner("B2")], ["key"], out)
    manifest = json.loads((out / "manifest.json").read_text())
    for item_id, data in manifest["items"].items():
        expected = ["kss-cf-7", "pcf-6", "swe-3"] if "out-chron-build" in data["tests"] else []
        assert data["framework_items"] == expected, item_id


@pytest.mark.parametrize("rule", ['items = ["kss-cf-1"]', 'every_item_of = ["kss-cf-2018"]'])
def test_a_rule_no_paper_can_meet_fails_at_its_line_and_writes_nothing(model_path, quiz_dir, tmp_path, capsys, rule):
    path = quiz_dir / "test-quiz.toml"
    path.write_text(path.read_text() + f"\n[coverage]\n{rule}\n")
    line = line_of_key(path.read_text(), ("coverage", rule.split()[0]))
    out = tmp_path / "out"
    code = main(["quiz", str(path), "--model", str(model_path), "--learner", "A1", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"test-quiz.toml:{line}: [coverage] cannot be met" in err, err
    assert "kss-cf-1 (Relationships" in err or "kss-cf-1" in err
    assert not out.exists()


def test_a_rule_naming_an_unknown_framework_item_is_refused_at_its_line(model_path, quiz_dir):
    path = quiz_dir / "test-quiz.toml"
    path.write_text(path.read_text() + '\n[coverage]\nitems = ["kss-cf-99"]\n')
    blueprint = load_blueprint(path)
    with pytest.raises(UserError, match="kss-cf-99") as caught:
        coverage_targets(blueprint, load_model(model_path))
    assert caught.value.line == line_of_key(path.read_text(), ("coverage", "items"))


def _pools(blueprint, model):
    items = collect_items(blueprint, model)
    return {slot.name: units_of(eligible(slot, items)) for slot in blueprint.slots}


@pytest.mark.parametrize("path", ASYE, ids=lambda p: p.stem)
def test_every_paper_of_each_asye_blueprint_meets_its_coverage_rules(path, real_model):
    blueprint = load_blueprint(path)
    targets = coverage_targets(blueprint, real_model)
    assert targets, f"{path.name} has no [coverage] rule"
    pools = _pools(blueprint, real_model)
    check_supply(blueprint, pools, real_model)
    for n in range(50):
        paper = make_variant(blueprint, pools, blueprint.seed, f"L{n:03d}", real_model)
        evidenced = {x for p in paper for x in direct(p.item, real_model)}
        assert set(targets) <= evidenced, f"learner L{n:03d} misses {sorted(set(targets) - evidenced)}"


# Item 6: cases


@pytest.mark.parametrize("path", [p for p in ASYE if "scenario" in p.read_text()], ids=lambda p: p.stem)
def test_every_case_in_the_banks_is_drawn_whole_and_counted_as_one(path, real_model):
    blueprint = load_blueprint(path)
    pools = _pools(blueprint, real_model)
    case_slot = next(s for s in blueprint.slots if s.scenario)
    cases = {u[0].scenario: {i.id for i in u} for u in pools[case_slot.name]}
    assert len(cases) >= 8 and any(len(c) == 3 for c in cases.values())
    drawn = set()
    for n in range(50):
        paper = [p for p in make_variant(blueprint, pools, blueprint.seed, f"L{n:03d}", real_model) if p.slot == case_slot.name]
        shown = {p.item.scenario for p in paper}
        assert len(shown) == case_slot.count, "a case slot's count is a number of cases"
        assert {p.item.id for p in paper} == set().union(*(cases[c] for c in shown)), "a case is drawn whole"
        drawn |= shown
    assert drawn == set(cases), f"never drawn: {sorted(set(cases) - drawn)}"


def test_case_stems_never_include_the_vignettes_prompts(real_model, tmp_path):
    out = tmp_path / "out"
    learners = [Learner(f"L{n}") for n in range(6)]
    run_quiz(load_blueprint(ASYE[1]), real_model, learners, parse_formats("all"), out)
    prompts = [v["text"][v["text"].index("To think about"):] for v in real_model.of_kind("vignette") if "To think about" in v["text"]]
    assert prompts
    questions = [q.split("?")[0].split(":")[-1].strip() for p in prompts for q in p.split("?")[:-1]]
    texts = {f"learners/L{n}/quiz.html": (out / "learners" / f"L{n}" / "quiz.html").read_text() for n in range(6)}
    texts["lms/moodle.xml"] = (out / "lms" / "moodle.xml").read_text()
    texts["lms/quiz.gift"] = (out / "lms" / "quiz.gift").read_text()
    with zipfile.ZipFile(out / "lms" / "qti.zip") as package:
        texts["qti"] = "".join(package.read(n).decode() for n in package.namelist())
    assert any("(fictional case study)" in text for text in texts.values()), "no case was shown"
    # A bank item whose own stem repeats a prompt is the item-writing rules' finding, not the case text's.
    stems = " ".join(" ".join(i.stem.split()) for i in collect_items(load_blueprint(ASYE[1]), real_model))
    questions = [q for q in questions if " ".join(q.split()) not in stems]
    for name, text in texts.items():
        flat = " ".join(re.sub(r"\\n", " ", text).split())
        at = flat.lower().find("think about")
        assert at < 0, (name, flat[max(0, at - 300):at + 100])
        for question in questions:
            assert " ".join(question.split()) not in flat, (name, question)


# Item 6: essays


ESSAY = """Reflect on a visit.

**Scaffold**
What happened?
So what?
Now what?

**Marker guidance**
Look for analysis.

**Mark bands**
- 0: Description only.
- 1: Some analysis,
  with a plan.
- 2: Analysis that uses knowledge.
"""


def test_mark_bands_are_part_of_the_essay_grammar():
    parsed = parse_question(ESSAY.splitlines(), "essay")
    assert [(b.level, b.text) for b in parsed.bands] == [(0, "Description only."), (1, "Some analysis, with a plan."),
                                                        (2, "Analysis that uses knowledge.")]
    assert parsed.guidance.text == "Look for analysis."
    with pytest.raises(QuestionError, match="out of order") as caught:
        parse_question(ESSAY.replace("- 2:", "- 3:").splitlines(), "essay")
    assert caught.value.line == ESSAY.splitlines().index("- 2: Analysis that uses knowledge.")


def test_an_assessed_essay_without_mark_bands_is_refused_at_its_line(quiz_dir):
    from practice_model.quiz.banks import load_bank

    bank = quiz_dir / "banks" / "core.md"
    text = bank.read_text()
    text = text[: text.index("\n**Mark bands**")] + "\n:::\n"
    bank.write_text(text)
    with pytest.raises(UserError, match="Mark bands") as caught:
        load_bank(bank)
    assert caught.value.line == text.splitlines().index(":::{pm:question} q-t-essay") + 1


WEIGHTED = """\
title = "Weighted essay"
seed = 5
pass_mark = 50
mode = "assessed"
banks = ["banks/*.md"]
generated = false

[[slots]]
name = "Choices"
count = 2
types = ["single", "multiple", "truefalse"]

[[slots]]
name = "Reflection"
count = 1
types = ["essay"]
weight = 4
"""


def test_weight_is_only_for_essay_slots(quiz_dir):
    path = quiz_dir / "bad.toml"
    path.write_text(WEIGHTED.replace("count = 2\n", "count = 2\nweight = 3\n"))
    with pytest.raises(UserError, match="'weight' sets the marks of essays") as caught:
        load_blueprint(path)
    assert caught.value.line == 11


@pytest.fixture()
def weighted_quiz(model_path, quiz_dir, tmp_path):
    path = quiz_dir / "weighted.toml"
    path.write_text(WEIGHTED)
    out = tmp_path / "weighted"
    run_quiz(load_blueprint(path), load_model(model_path), [Learner("A1"), Learner("B2")], parse_formats("all"), out)
    return out


BAND_TEXT = "Patterns analysed for their impact on the child."
GUIDANCE = "Look for analysis of patterns, not description."


def test_essay_guidance_bands_and_weight_reach_markers_only(weighted_quiz):
    out = weighted_quiz
    moodle = etree.fromstring((out / "lms" / "moodle.xml").read_bytes())
    essay = moodle.xpath("//question[@type='essay']")[0]
    assert essay.findtext("defaultgrade") == "4"
    grader = essay.findtext("graderinfo/text")
    assert GUIDANCE in grader and BAND_TEXT in grader and "Band 2" in grader
    # The scaffold keeps its three lines: three paragraphs, not one.
    assert essay.findtext("responsetemplate/text").count("<p>") == 3
    assert BAND_TEXT not in essay.findtext("questiontext/text")

    with zipfile.ZipFile(out / "lms" / "qti.zip") as package:
        name = next(n for n in package.namelist() if n.endswith(".xml") and "meta" not in n and "manifest" not in n)
        qti = etree.fromstring(package.read(name))
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    item = qti.xpath("//q:item[@ident='q-t-essay']", namespaces=ns)[0]
    rubric = item.xpath("q:rubric", namespaces=ns)[0]
    assert rubric.get("view") == "Scorer" and BAND_TEXT in "".join(rubric.itertext()) and GUIDANCE in "".join(rubric.itertext())
    points = item.xpath(".//q:qtimetadatafield[q:fieldlabel='points_possible']/q:fieldentry/text()", namespaces=ns)
    assert points == ["4"]
    presentation = "".join(item.xpath("q:presentation", namespaces=ns)[0].itertext())
    assert BAND_TEXT not in presentation and GUIDANCE not in presentation

    gift = (out / "lms" / "quiz.gift").read_text()
    block = next(b for b in gift.split("\n\n") if "q-t-essay" in b)
    assert re.search(r"What happened\?</p>\\n<p>So what\?", block), block  # one line per prompt, even in GIFT
    assert BAND_TEXT not in block and GUIDANCE not in block

    key = [r for r in csv.DictReader(io.StringIO((out / "key.csv").read_text())) if r["item"] == "q-t-essay"]
    assert key and all(r["marks"] == "4" and BAND_TEXT in r["bands"] for r in key)
    assert BAND_TEXT in (out / "key.html").read_text()

    for learner in ("A1", "B2"):
        for name in ("quiz.html", "quiz.docx"):
            data = (out / "learners" / learner / name).read_bytes()
            if name.endswith(".docx"):
                with zipfile.ZipFile(io.BytesIO(data)) as docx:
                    data = docx.read("word/document.xml")
            text = data.decode("utf-8")
            assert BAND_TEXT not in text and GUIDANCE not in text and "Mark bands" not in text, (learner, name)


def test_assessors_marks_are_scaled_by_the_essays_weight(weighted_quiz, model_path, tmp_path, capsys):
    with (tmp_path / "marks.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([["learner", "item", "mark"], ["A1", "q-t-essay", "75"]])
    (tmp_path / "none.csv").write_text("learner,item,response\n")
    code = main(["mark", str(weighted_quiz / "manifest.json"), "--responses", str(tmp_path / "none.csv"),
                 "--marks", str(tmp_path / "marks.csv"), "--model", str(model_path), "--out", str(tmp_path / "marked")])
    assert code == 0, capsys.readouterr().err
    results = [r for r in csv.DictReader((tmp_path / "marked" / "results.csv").open()) if r["item"] == "q-t-essay"]
    assert {(r["learner"], r["marks"], r["out_of"]) for r in results} == {("A1", "3.0", "4"), ("B2", "", "4")}
    learners = {r["learner"]: r for r in csv.DictReader((tmp_path / "marked" / "learners.csv").open())}
    assert (learners["A1"]["marks"], learners["A1"]["out_of"]) == ("3.0", "6")
