"""The shipped handbook's content keeps its promises as the PSW edits it (read from the built model)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import findings_blocks
from practice_model.kinds import STANDARD_ANATOMY

REQUIRED_STANDARDS = [
    "std-front-door", "std-early-help", "std-assessment", "std-chronologies", "std-child-voice", "std-pre-birth",
    "std-domestic-abuse", "std-neglect", "std-children-in-need", "std-child-protection", "std-pre-proceedings",
    "std-children-in-care", "std-care-leavers", "std-exploitation", "std-transitions", "std-recording", "std-supervision",
    "std-management-oversight", "std-partnership", "std-quality-assurance",
]
REQUIRED_TERMS = ["MASH", "CIN", "CP", "ICPC", "RCPC", "CLA", "IRO", "PLO", "LADO", "CCE", "CSE", "EHA", "NQSW", "ASYE", "PSW",
                  "KSS", "PCF", "SWE", "GCP2", "FGC"]
TRAUMA_PRINCIPLES = ["prin-safety", "prin-trust", "prin-choice", "prin-collaboration", "prin-empowerment", "prin-cultural-consideration"]


@pytest.fixture(scope="module")
def model(handbook) -> dict:
    return json.loads((handbook / "practice-model.json").read_text())


def of_kind(model, kind):
    return [o for o in model["objects"] if o["kind"] == kind]


@pytest.mark.parametrize("standard_id", REQUIRED_STANDARDS)
def test_every_standard_has_its_anatomy_and_substance(model, standard_id):
    standard = next((o for o in model["objects"] if o["id"] == standard_id), None)
    assert standard, f"{standard_id} is missing"
    titles = [s["title"] for s in standard["sections"]]
    assert titles[: len(STANDARD_ANATOMY)] == list(STANDARD_ANATOMY), f"{standard_id} sections: {titles}"
    assert standard["word_count"] >= 900, f"{standard_id} has {standard['word_count']} words"
    for field in ("owner", "last-reviewed", "next-review"):
        assert standard["fields"].get(field)
    backlinks = standard["backlinks"]
    assert len(backlinks.get("prompt.for", [])) >= 1, f"{standard_id} has no reflective prompts"
    assert len(backlinks.get("question.tests", [])) >= 3, f"{standard_id} has fewer than 3 practice questions"
    assert standard["links"].get("themes"), f"{standard_id} names no inspection theme"
    assert standard["links"].get("principles"), f"{standard_id} names no principles"


def test_glossary(model):
    terms = of_kind(model, "term")
    assert len(terms) >= 80
    acronyms = {t["fields"].get("acronym", "").upper() for t in terms}
    missing = [a for a in REQUIRED_TERMS if a not in acronyms]
    assert not missing, f"glossary lacks {missing}"
    assert sum(1 for t in terms if t["fields"].get("synonyms")) >= 40


def test_vignettes_are_fictional_and_cast(model, handbook):
    vignettes = of_kind(model, "vignette")
    assert len(vignettes) >= 8
    assert all(v["fields"].get("cast") for v in vignettes)
    page = (handbook / "vignettes" / "index.html").read_text()
    assert page.count("made up for learning") >= len(vignettes)


def test_trauma_informed_principles(model):
    principles = {p["id"]: p for p in of_kind(model, "principle")}
    for pid in TRAUMA_PRINCIPLES:
        fields = principles[pid]["fields"]
        assert all(fields.get(k) for k in ("in-a-visit", "in-a-meeting", "in-a-record", "in-supervision")), pid


def test_curriculum_numbers_and_mappings(model):
    modules = of_kind(model, "module")
    outcomes = of_kind(model, "outcome")
    assert len(modules) >= 16 and len(outcomes) >= 48
    for module in modules:
        assert len(module["backlinks"].get("outcome.module", [])) >= 3, module["id"]
    audience = {m["id"]: m["fields"]["audience"] for m in modules}
    for joint in ("mod-transitions", "mod-apprenticeships", "mod-asye-foundations"):
        assert audience[joint] == "joint"
    for outcome in outcomes:
        maps = outcome["fields"]["maps"]
        module = outcome["links"]["module"][0]
        assert any(m.startswith("pcf-") for m in maps), outcome["id"]
        if audience[module] in ("children", "joint"):
            assert any(m.startswith("kss-cf-") for m in maps), outcome["id"]
        if audience[module] in ("adults", "joint"):
            assert any(m.startswith("kss-as-") for m in maps), outcome["id"]


def test_every_framework_item_has_two_outcomes(model):
    counts = Counter(m for o in of_kind(model, "outcome") for m in o["fields"]["maps"])
    for framework in model["frameworks"]:
        if framework["id"] in model["handbook"]["active_frameworks"]:
            thin = [i["id"] for i in framework["items"] if counts[i["id"]] < 2]
            assert not thin, f"{framework['id']}: fewer than two outcomes for {thin}"


def test_views_drawn_from_data(handbook):
    curriculum_map = (handbook / "curriculum" / "map.html").read_text()
    assert curriculum_map.count('class="pm-coverage') >= 8
    themes = (handbook / "inspection-learning.html").read_text()
    assert 'id="theme-domestic-abuse"' in themes and "standards/domestic-abuse.html#std-domestic-abuse" in themes
    standard = (handbook / "standards" / "chronologies.html").read_text()
    assert "Taught in" in standard  # modules that teach it, on the standard's page


def test_inspection_learning_shows_strengths_apart_from_gaps(handbook, model):
    """What the letters found working is shown as a strength, not a problem; every finding names its source."""
    page = (handbook / "inspection-learning.html").read_text()
    working = {"theme-exploitation": "exploited", "theme-pre-proceedings": "service manager",
               "theme-partnership": "shared smoothly", "theme-unborn-babies": "timeline"}
    for theme_id, words in working.items():
        blocks = findings_blocks(page, theme_id)
        assert blocks["strength"][0] == "What inspectors found working" and words in blocks["strength"][1], theme_id
        assert words not in blocks.get("gap", ("", ""))[1], f"{theme_id}: a strength is shown as a gap"
    assert "confidence in going to court" in findings_blocks(page, "theme-pre-proceedings")["gap"][1]
    assert "specialist teams" in findings_blocks(page, "theme-partnership")["gap"][1]
    for theme in of_kind(model, "theme"):
        findings = theme["fields"]["findings"]
        assert findings and all(f["kind"] in ("strength", "gap") and f["source"].strip() for f in findings), theme["id"]
        assert all(any(year in f["source"] for year in ("2020", "2021", "2022", "2024")) or f["source"].startswith("ILACS")
                   for f in findings), f"{theme['id']}: a finding's source gives no date"


def test_assessed_banks_meet_the_numbers(handbook):
    from pathlib import Path

    from practice_model.model import load_model
    from practice_model.quiz.banks import load_banks
    from practice_model.quiz.run import validate_items

    repo = Path(__file__).parent.parent
    items = load_banks(sorted((repo / "quizzes" / "banks").glob("*.md")))
    validate_items(items, load_model(handbook / "practice-model.json"))  # every link resolves
    assert len(items) >= 150
    types = Counter(i.type for i in items)
    assert all(types[t] >= 3 for t in ("single", "multiple", "truefalse", "matching", "ordering", "short", "essay")), types
    scenarios = Counter(i.scenario for i in items if i.scenario)
    assert len(scenarios) >= 3 and all(n >= 2 for n in scenarios.values())


def test_every_asye_blueprint_issues_quizzes_and_12_months_covers_the_kss(handbook, tmp_path):
    from pathlib import Path

    from practice_model.model import load_model
    from practice_model.quiz.blueprint import load_blueprint
    from practice_model.quiz.learners import Learner
    from practice_model.quiz.run import run_quiz

    repo = Path(__file__).parent.parent
    model = load_model(handbook / "practice-model.json")
    learners = [Learner(f"S{n}") for n in range(8)]
    for name in ("asye-3-month", "asye-6-month", "asye-12-month"):
        summary = run_quiz(load_blueprint(repo / "quizzes" / f"{name}.toml"), model, learners, ["key"], tmp_path / name)
        assert summary.items_per_learner >= 12
    kss = [i["id"] for f in model.data["frameworks"] if f["id"] == "kss-cf-2018" for i in f["items"]]
    assert all(summary.coverage.get(item) == len(learners) for item in kss), summary.coverage
