"""Scoring that does not reward guessing (#16 item 3): multiple-response weights in every format, and shuffling.

Each format's score is computed the way its platform computes it, from the exported file: Moodle XML and
GIFT as Moodle does (each fraction snapped to the grade Moodle stores, the chosen ones summed, floored at 0,
capped at 1), QTI by evaluating the exported respconditions, and ``mark`` by marking a response.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

import gift_reader
from conftest import PlainRenderer
from practice_model.errors import UserError
from practice_model.model import load_model
from practice_model.quiz.banks import load_banks
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.exports import gift, moodle, qti
from practice_model.quiz.items import Choice, Item
from practice_model.quiz.learners import Learner
from practice_model.quiz.notation import LETTERS, answer_for, score
from practice_model.quiz.run import collect_items, run_quiz
from practice_model.quiz.variants import Presented, check_supply, eligible, make_variant, units_of
from practice_model.quiz.weights import MOODLE_GRADES, for_item, fraction, multiple_response

REPO = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
BANKS = {"fixture": sorted((FIXTURE / "banks").glob("*.md")), "shipped": sorted((REPO / "quizzes" / "banks").glob("*.md"))}
MOODLE_STORED = [g for grade in MOODLE_GRADES for g in (grade, -grade)] + [Decimal(0)]
GIFT_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # Moodle's own check (question/format/gift/format.php)



def multiple_response_items() -> list[Item]:
    items = [i for paths in BANKS.values() for i in load_banks(paths) if i.type == "multiple"]
    assert len(items) >= 2, "no multiple-response items: the tests below would prove nothing"
    return items


def moodle_stored(percent: str) -> Decimal:
    """What Moodle stores for an imported weight: the grade within 0.00001 (question_bank::match_grade_options), or refusal."""
    value = Decimal(percent) / 100
    matches = [g for g in MOODLE_STORED if abs(g - value) < Decimal("0.00001")]
    assert matches, f"{percent}% is not one of Moodle's grades: the import would fail"
    return matches[0]


def moodle_score(stored: list[Decimal], ticked: list[bool]) -> Decimal:
    """qtype_multichoice_multi_question::grade_response."""
    return min(max(Decimal(0), sum((f for f, t in zip(stored, ticked) if t), Decimal(0))), Decimal(1))


def qti_score(item_el, ticked: set[str]) -> float:
    """Evaluate QTI 1.2 resprocessing: conditions in order, setvar clamped to the decvar's range, continue='No' stops."""
    ns = {"q": qti.QTI_NS}
    decvar = item_el.find(".//q:resprocessing/q:outcomes/q:decvar", ns)
    low, high = float(decvar.get("minvalue")), float(decvar.get("maxvalue"))
    value = float(decvar.get("defaultval", "0"))

    def holds(node) -> bool:
        tag = etree.QName(node).localname
        if tag == "varequal":
            return node.text in ticked
        if tag == "not":
            return not holds(node[0])
        if tag == "and":
            return all(holds(n) for n in node)
        if tag == "or":
            return any(holds(n) for n in node)
        if tag == "other":
            return True
        raise AssertionError(f"the test's evaluator does not know <{tag}>")

    for cond in item_el.findall(".//q:resprocessing/q:respcondition", ns):
        if not all(holds(n) for n in cond.find("q:conditionvar", ns)):
            continue
        for setvar in cond.findall("q:setvar", ns):
            amount = float(setvar.text)
            value = {"Set": amount, "Add": value + amount, "Subtract": value - amount}[setvar.get("action", "Set")]
            value = min(max(value, low), high)
        if cond.get("continue", "No") == "No":
            break
    return value / high


@pytest.mark.parametrize("item", multiple_response_items(), ids=lambda i: i.id)
def test_ticking_every_box_scores_0_and_the_right_answer_100_in_every_format(item):
    right = [c.correct for c in item.choices]
    every = [True] * len(item.choices)
    assert not all(right), f"{item.id}: every option is right, so ticking every box is the right answer"

    # Moodle XML: the fraction attributes as Moodle stores them.
    q = moodle.question(item, PlainRenderer(), {})
    stored = [moodle_stored(a.get("fraction")) for a in q.findall("answer")]
    assert moodle_score(stored, every) == 0, (item.id, stored)
    assert round(moodle_score(stored, right), 6) == 1, (item.id, stored)

    # GIFT: the weights as Moodle's GIFT importer reads them.
    text = gift.question(item, PlainRenderer(), {}, [])
    weights = re.findall(r"^~%([^%\n]*)%", text, re.M)  # one answer a line, each with its weight
    assert len(weights) == len(item.choices) and all(GIFT_WEIGHT.match(f"%{w}%") for w in weights), weights
    assert [a["fraction"] for a in gift_reader.parse(text)[0].answers] == [float(w) for w in weights]
    stored = [moodle_stored(w) for w in weights]
    assert moodle_score(stored, every) == 0, (item.id, weights)
    assert round(moodle_score(stored, right), 6) == 1, (item.id, weights)

    # QTI: the exported respconditions, evaluated.
    element = qti.item_element(item, PlainRenderer(), {})
    idents = [label.get("ident") for label in element.iter(f"{{{qti.QTI_NS}}}response_label")]
    assert round(qti_score(element, set(idents)), 6) == 0, item.id  # floating point, as an LMS adds; shown to 6 places
    assert qti_score(element, {i for i, r in zip(idents, right) if r}) == 1, item.id
    assert qti_score(element, set()) == 0, item.id

    # mark: a response sheet ticking every letter as shown, and the key.
    order = list(reversed(range(len(item.choices))))
    p = Presented(item, "slot", order)
    assert score(p, ";".join(LETTERS[: len(order)])) == 0.0, item.id
    assert score(p, answer_for(p)) == 1.0, item.id


def test_weights_cancel_exactly_and_a_wrong_tick_always_costs():
    for correct in range(1, 6):
        for wrong in range(1, 11):
            w = multiple_response(correct, wrong)
            assert w.right in MOODLE_GRADES and -w.wrong in MOODLE_GRADES, (correct, wrong, w)
            assert fraction(w, correct, wrong) == 0, (correct, wrong, w)
            assert round(fraction(w, correct, 0), 6) == 1, (correct, wrong, w)
            assert fraction(w, correct, 1) < fraction(w, correct, 0) - Decimal("0.05"), (correct, wrong, w)
            # Guessing half the boxes at random is worth little: never more than a right option alone.
            assert fraction(w, 1, 1) < w.right, (correct, wrong, w)


def test_an_item_moodles_grades_cannot_score_fairly_names_its_file_and_line():
    item = Item("q-six", "multiple", "Which?", [Choice(str(n), True) for n in range(6)] + [Choice("x")], location="banks/b.md:12")
    with pytest.raises(UserError) as error:
        for_item(item)
    assert str(error.value).startswith("banks/b.md:12: item 'q-six'")


# ---------------------------------------------------------------------------------------------------------------
# Shuffling


def papers(blueprint_path: Path, model, count: int):
    blueprint = load_blueprint(blueprint_path)
    items = collect_items(blueprint, model)
    pools = {slot.name: units_of(eligible(slot, items)) for slot in blueprint.slots}
    check_supply(blueprint, pools, model)
    return [make_variant(blueprint, pools, blueprint.seed, f"S{n:04d}", model) for n in range(count)]


def check_positions(all_papers) -> None:
    """The key of single-answer items sits in each position within 5 points of 1/k; no ordering item in answer order."""
    positions: dict[int, Counter] = defaultdict(Counter)
    orderings = 0
    for paper in all_papers:
        for p in paper:
            if p.item.type == "single":
                key = next(i for i, c in enumerate(p.item.choices) if c.correct)
                positions[len(p.item.choices)][p.order.index(key)] += 1
            if p.item.type == "ordering":
                orderings += 1
                assert p.order != sorted(p.order), f"{p.item.id} is shown in answer order"
    assert positions and orderings, "no single-answer or ordering items were drawn: the checks prove nothing"
    for k, counts in positions.items():
        total = sum(counts.values())
        for position in range(k):
            share = counts[position] / total
            assert abs(share - 1 / k) <= 0.05, f"k={k}: the key is option {LETTERS[position]} in {share:.1%} of {total} items"


def test_fixture_papers_shuffle_and_never_show_an_ordering_item_in_answer_order(model_path, tmp_path):
    quizzes = tmp_path / "quizzes"
    shutil.copytree(FIXTURE, quizzes)
    check_positions(papers(quizzes / "test-quiz.toml", load_model(model_path), 200))


def test_200_papers_of_the_6_month_blueprint_spread_the_key_evenly(handbook):
    check_positions(papers(REPO / "quizzes" / "asye-6-month.toml", load_model(handbook / "practice-model.json"), 200))


def assert_lms_pools_shuffle(out: Path) -> None:
    root = etree.fromstring((out / "lms/moodle.xml").read_bytes())
    shuffled = [q for q in root.findall("question") if q.get("type") in ("multichoice", "matching")]
    assert shuffled, "no multichoice or matching questions: the check proves nothing"
    for q in shuffled:
        assert q.findtext("shuffleanswers") in ("true", "1"), q.findtext("idnumber")  # Moodle's default when absent: no shuffle
    archive = zipfile.ZipFile(out / "lms/qti.zip")
    assessment = etree.fromstring(next(archive.read(n) for n in archive.namelist() if n.count("/") == 1 and n.endswith(".xml")
                                       and not n.endswith("assessment_meta.xml")))
    for item_el in assessment.iter(f"{{{qti.QTI_NS}}}item"):
        kind = item_el.findtext(f".//{{{qti.QTI_NS}}}fieldentry")
        for choice in item_el.iter(f"{{{qti.QTI_NS}}}render_choice"):
            assert choice.get("shuffle") == ("No" if kind == "true_false_question" else "Yes"), (item_el.get("ident"), kind)


def test_every_lms_pool_sets_shuffling(model_path, tmp_path):
    quizzes = tmp_path / "quizzes"
    shutil.copytree(FIXTURE, quizzes)
    run_quiz(load_blueprint(quizzes / "test-quiz.toml"), load_model(model_path), [Learner("S1")], ["moodle", "qti"], tmp_path / "out")
    assert_lms_pools_shuffle(tmp_path / "out")


def test_every_shipped_lms_pool_sets_shuffling(handbook, tmp_path):
    model = load_model(handbook / "practice-model.json")
    for name in ("asye-3-month", "asye-6-month", "asye-12-month"):
        run_quiz(load_blueprint(REPO / "quizzes" / f"{name}.toml"), model, [Learner("S1")], ["moodle", "qti"], tmp_path / name)
        assert_lms_pools_shuffle(tmp_path / name)
