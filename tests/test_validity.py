"""Issue 16 item 8: a candidate with no knowledge, using any single test-taking cue, must not pass.

For each ASYE blueprint, 200 papers are made as ``quiz`` makes them (nothing
written) from the shipped banks and the real handbook's model, and each
cue-using candidate (practice_model/quiz/cue_sim.py) sits every paper.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from practice_model.model import load_model
from practice_model.quiz import cue_sim
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.items import Choice, Item
from practice_model.quiz.variants import Presented

REPO = Path(__file__).resolve().parent.parent
ASYE = [REPO / "quizzes" / f"asye-{n}-month.toml" for n in (3, 6, 12)]
# Enforced since the banks were rewritten (issue 16 item 2); set False only to see the numbers while rewriting.
THRESHOLDS_ENFORCED = True


@pytest.fixture(scope="module")
def real_model(handbook):
    return load_model(handbook / "practice-model.json")


@pytest.fixture(scope="module")
def simulated(real_model):
    started = time.perf_counter()
    results = {}
    for path in ASYE:
        blueprint = load_blueprint(path)
        results[path.stem] = (blueprint, cue_sim.simulate(blueprint, real_model))
    return results, time.perf_counter() - started


def test_every_strategy_sits_enough_papers_quickly(simulated):
    results, seconds = simulated
    assert seconds < 60, f"simulating the three ASYE blueprints took {seconds:.0f} s; keep it under 60"
    for name, (_, found) in results.items():
        assert [r.strategy for r in found] == list(cue_sim.STRATEGIES), name
        assert all(r.papers >= 200 for r in found), name


@pytest.mark.parametrize("path", ASYE, ids=lambda p: p.stem)
def test_no_cue_passes_a_no_knowledge_candidate(simulated, path):
    blueprint, found = simulated[0][path.stem]
    failing = [r for r in found if not r.acceptable]
    if failing and not THRESHOLDS_ENFORCED:
        pytest.skip("thresholds not yet enforced (THRESHOLDS_ENFORCED = False): "
                    + cue_sim.report(path.stem, blueprint.pass_mark, found).replace("\n", "; "))
    assert not failing, cue_sim.report(path.stem, blueprint.pass_mark, found)


# --- the candidates themselves, on items made to carry (or lack) each cue ------------------------------------

def shown(item: Item, order: list[int] | None = None, right: list[int] | None = None) -> Presented:
    return Presented(item, "slot", order if order is not None else list(range(len(item.choices))), right or [])


def single(stem: str, key: str, *others: str) -> Item:
    return Item("q-x", "single", stem, [Choice(key, True)] + [Choice(o) for o in others])


def fraction(strategy: str, p: Presented) -> float:
    return cue_sim.percent([p], cue_sim.STRATEGIES[strategy]) / 100


def test_each_candidate_finds_the_key_its_cue_points_at():
    # The key sits last as shown (order [1, 2, 0]), so only the cue, not the position, can find it.
    longest = shown(single("Which is right?", "The long and careful answer a writer qualified", "Short", "Brief"), [1, 2, 0])
    echo = shown(single("When is a strategy discussion held?", "When the strategy discussion is due", "At once", "Never"), [1, 2, 0])
    acronym = shown(single("What is a **CPP**?", "Child protection plan", "Care order", "Early help"), [1, 2, 0])
    true = Item("q-t", "truefalse", "A statement.", [Choice("False"), Choice("True", True)])
    every = Item("q-m", "multiple", "Which apply?", [Choice("A", True), Choice("B", True), Choice("C", True), Choice("D")])
    assert fraction("longest option", longest) == 1 and fraction("always the first option", longest) == 0
    assert fraction("most words shared with the stem", echo) == 1
    assert fraction("acronym's initials", acronym) == 1
    assert fraction("answer True", shown(true)) == 1 and fraction("always the first option", shown(true)) == 0
    assert fraction("always the last option", longest) == 1
    # Ticking every box of a three-right, one-wrong item scores 0 under the project's weights (issue 16 item 3).
    assert fraction("tick every box", shown(every)) == 0


def test_a_candidate_whose_cue_does_not_apply_takes_the_first_option_as_shown():
    item = single("Which is right?", "Equal", "Equals", "Equate")  # no acronym, no shared word, no True/False
    for order, expected in (([0, 1, 2], 1.0), ([2, 0, 1], 0.0)):
        for strategy in ("most words shared with the stem", "acronym's initials", "answer True", "tick every box"):
            assert fraction(strategy, shown(item, order)) == expected, (strategy, order)


def test_essays_do_not_count_and_no_item_type_is_left_unanswered():
    essay = Item("q-e", "essay", "Reflect.", [])
    matching = Item("q-m", "matching", "Match.", [Choice("L1", True, match="R1"), Choice("L2", True, match="R2")])
    ordering = Item("q-o", "ordering", "Order.", [Choice("One"), Choice("Two"), Choice("Three")])
    paper = [shown(essay), shown(matching, [0, 1], [1, 0]), shown(ordering, [1, 2, 0])]
    # Matching: every left to the first right as shown gets one of two right; ordering as shown is wrong.
    assert cue_sim.percent(paper, cue_sim.STRATEGIES["always the first option"]) == pytest.approx(25.0)
    assert cue_sim.percent(paper, cue_sim.STRATEGIES["always the last option"]) == pytest.approx(25.0)


def test_check_items_prints_each_candidates_median_and_pass_rate(tmp_path, capsys):
    import json
    import shutil

    from conftest import copy_project
    from practice_model.cli import main

    project = copy_project(tmp_path)
    shutil.copytree(Path(__file__).parent / "fixtures" / "quiz", project / "quizzes")
    (project / "quizzes" / "three-items.toml").unlink()
    assert main(["check", "--items", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "test-quiz: no-knowledge candidates on 200 papers (pass mark 60%" in out, out
    for strategy in cue_sim.STRATEGIES:
        assert f"  {strategy}: median " in out and "passes " in out, strategy
    assert main(["check", "--items", "--json", "--project", str(project)]) == 0
    found = json.loads(capsys.readouterr().out)["no-knowledge candidates"]["test-quiz"]
    assert list(found) == list(cue_sim.STRATEGIES) and all(v["papers"] == 200 for v in found.values())
