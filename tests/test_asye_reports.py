"""What the ASYE lead hands on (#19 items 1-4, 6): profiles, links, the key's summary, the cohort report, the issue summary."""

from __future__ import annotations

import base64
import csv
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import docx
import lxml.html
import pytest

from practice_model.cli import grouped_warnings, main
from practice_model.marking.run import framework_order
from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint

ROOT = Path(__file__).parent / "roots" / "test-basic"
BASE = "https://handbook.example.org"

# A module for supervisors: it teaches the same standard, but is never suggested to an NQSW.
MANAGER_MODULE = """# Supervising chronologies

:::{pm:module} mod-supervising-chronologies
:audience: joint
:level: manager
:format: workshop
:length: Half a day
:owner: Workforce development lead
:last-reviewed: 2026-09-01
:next-review: 2027-03-01
:teaches: std-chronologies
:pre-reading: std-chronologies

Supervise others' chronologies.
:::

## Learning outcomes
:::{pm:outcome} out-sup-chron
:maps: pcf-6 kss-cf-7
Help a supervisee see patterns in their chronology.
:::
## Pre-reading
Read the standard.
## Activities
Exercises.
## Evidence of learning and impact
A supervision record.
"""

BANK = """# Hand-on bank

:::{pm:question} q-h-pattern <!-- pm-allow key-longest: report fixture, not an assessed item -->
:tests: out-chron-build
:difficulty: 1

Which of these shows a pattern that a chronology should bring out for the child's plan?

- [x] Repeated missed health appointments over a year
- [ ] One late arrival at school
- [ ] The family's current address
- [ ] The name of the allocated worker

See [](#std-chronologies) and [](#mod-chronologies).
:::

:::{pm:question} q-h-purpose <!-- pm-allow published-duplicate: report fixture on the test project -->
:tests: std-chronologies
:difficulty: 1

What is a chronology for?

- [x] Seeing patterns and cumulative harm
- [ ] Listing every phone call
- [ ] Recording the worker's hours
- [ ] Replacing the assessment

Read [](#std-chronologies) again.
:::
"""

BLUEPRINT = """title = "Hand-on quiz"
seed = 5
time_limit = 20
pass_mark = 60
mode = "assessed"
banks = ["banks/*.md"]
generated = false
frameworks = ["kss-cf-2018"]

[evidence]
sufficient = 80
borderline = 40

[[slots]]
name = "All"
count = 2
types = ["single"]
"""


def _build(base: Path, extra: list[str]) -> Path:
    from sphinx.cmd.build import build_main

    shutil.copytree(ROOT, base / "src")
    (base / "src" / "supervising.md").write_text(MANAGER_MODULE)
    index = base / "src" / "index.md"
    index.write_text(index.read_text().replace("module\n", "module\nsupervising\n"))
    assert build_main(["-q", *extra, str(base / "src"), str(base / "html")]) == 0
    return base / "html" / "practice-model.json"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("asye"), [])


@pytest.fixture(scope="module")
def based_model_path(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("asye-base"), ["-D", f"pm_base_url={BASE}"])


@pytest.fixture()
def blueprint(tmp_path) -> Path:
    folder = tmp_path / "quizzes"
    (folder / "banks").mkdir(parents=True)
    (folder / "banks" / "handon.md").write_text(BANK)
    (folder / "handon.toml").write_text(BLUEPRINT)
    return folder / "handon.toml"


def _key(quiz: Path) -> list[dict]:
    return list(csv.DictReader((quiz / "key.csv").open()))


def issue_and_mark(model: Path, blueprint: Path, tmp_path: Path, capsys) -> tuple[Path, str, str]:
    """A1 gets both right, B2 one, D4 none; C3 sends nothing. Returns the marking folder and both commands' stderr."""
    quiz = tmp_path / "issued"
    assert main(["quiz", str(blueprint), "--model", str(model), "--format", "html,docx,key",
                 *sum((["--learner", x] for x in ("A1", "B2", "C3", "D4")), []), "--out", str(quiz)]) == 0
    issued = capsys.readouterr()
    rows = [["learner", "item", "response"]]
    for row in _key(quiz):
        right = {"A1": 2, "B2": 1, "D4": 0}.get(row["learner"])
        if right is None:
            continue
        wrong = "B" if row["answer"] != "B" else "C"
        rows.append([row["learner"], row["item"], row["answer"] if row["item"] in ("q-h-pattern", "q-h-purpose")[:right] else wrong])
    with (tmp_path / "responses.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    marked = tmp_path / "marked"
    assert main(["mark", str(quiz / "manifest.json"), "--responses", str(tmp_path / "responses.csv"), "--model", str(model),
                 "--out", str(marked)]) == 0
    marking = capsys.readouterr()
    return marked, issued.out + issued.err, marking.out + marking.err


def _links(page: Path) -> list[str]:
    return [a.get("href") for a in lxml.html.parse(str(page)).getroot().iter("a")]


def test_profile_has_titles_links_named_exercises_and_few_asye_suggestions(model_path, blueprint, tmp_path, capsys):
    """#19 item 1: no raw Markdown or exercise file names; two or three suggestions, none for supervisors, each with its reading."""
    marked, _, _ = issue_and_mark(model_path, blueprint, tmp_path, capsys)
    page = marked / "learners" / "D4" / "profile.html"
    html = page.read_text()
    assert "[](#" not in html and "](#" not in html
    assert "--critical-reflection--" not in html and "--gibbs" not in html
    tree = lxml.html.parse(str(page)).getroot()
    titles = {a.text_content() for a in tree.iter("a")}
    assert "Chronologies" in " ".join(titles)  # the standard's title, as a link
    modules = [li.text_content() for li in tree.find_class("modules")[0].iter("li")]
    assert 1 <= len(modules) <= 3
    assert any("Chronologies and analysis" in m for m in modules)
    assert not any("Supervising chronologies" in m for m in modules), "a managers' module suggested to an NQSW"
    assert "Read first:" in modules[0]
    exercises = [li.text_content() for li in tree.find_class("exercises")[0].iter("li")]
    assert 1 <= len(exercises) <= 3 and exercises[0].startswith("Individual critical reflection: ")
    # The Word version says the same, readably.
    text = "\n".join(p.text for p in docx.Document(str(page.with_suffix(".docx"))).paragraphs)
    assert "Summary for the review" in text and "Chronologies and analysis" in text and "Individual critical reflection: " in text
    assert "[](#" not in text and "--gibbs" not in text and "Supervising chronologies" not in text


def test_links_work_from_the_output_folder_without_a_base_url(model_path, blueprint, tmp_path, capsys):
    """#19 item 2: relative links resolve to the built site from where each file is; quiz and mark say so once."""
    marked, issued, marking = issue_and_mark(model_path, blueprint, tmp_path, capsys)
    assert issued.count("no base URL") == 1 and marking.count("no base URL") == 1
    page = marked / "learners" / "D4" / "profile.html"
    links = _links(page)
    assert links and not any(link.startswith("go/") for link in links)
    for link in links:
        target = (page.parent / urlsplit(link).path).resolve()
        assert target.is_file(), f"{link} does not resolve from {page.parent}"
    for row in _key(tmp_path / "issued"):
        assert (tmp_path / "issued" / row["permalink"]).resolve().is_file(), row["permalink"]


def test_links_are_absolute_with_a_base_url(based_model_path, blueprint, tmp_path, capsys):
    marked, issued, marking = issue_and_mark(based_model_path, blueprint, tmp_path, capsys)
    assert "no base URL" not in issued + marking
    assert all(link.startswith(BASE) for link in _links(marked / "learners" / "D4" / "profile.html"))
    assert all(row["permalink"].startswith(BASE) for row in _key(tmp_path / "issued"))


def _svgs(page: str) -> list[str]:
    return [base64.b64decode(data).decode() for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]


def test_cohort_report_tells_the_truth(model_path, blueprint, tmp_path, capsys):
    """#19 item 4: absent is absent; frameworks limited and numeric; small-sample stats folded after the framework view;
    evidence lines from the blueprint's thresholds; colour-blind-safe, labelled charts."""
    marked, _, _ = issue_and_mark(model_path, blueprint, tmp_path, capsys)
    learners = {r["learner"]: r for r in csv.DictReader((marked / "learners.csv").open())}
    assert learners["C3"]["absent"] == "yes" and learners["C3"]["quiz_evidence"] == "none"
    assert [learners[x]["quiz_evidence"] for x in ("A1", "B2", "D4")] == ["sufficient", "borderline", "insufficient"]
    assert "50% of the automatically marked questions (sufficient from 80%, borderline from 40%)" in learners["B2"]["evidence"]
    page = (marked / "cohort.html").read_text()
    tree = lxml.html.fromstring(page)
    c3 = next(tr for tr in tree.find_class("learner") if tr.xpath("./td")[0].text_content() == "C3")
    assert "absent" in c3.text_content() and "%" not in c3.text_content()
    assert "assessor's professional judgement" in tree.text_content()
    framework = list(csv.DictReader((marked / "framework.csv").open()))
    assert framework and all(r["id"].startswith("kss-cf-") for r in framework)  # only the blueprint's framework
    assert all(r["learners"] == "3" for r in framework)  # the absent learner counts nowhere
    assert page.index("By framework item") < page.index('<details class="few">')
    svgs = _svgs(page)
    assert svgs and all("RdYlGn" not in s for s in svgs)
    assert "#0072b2" in svgs[0].lower() and "pass mark 60%" in svgs[0]
    assert any("100%" in s for s in svgs[1:])  # the heat map's cells carry their values as text


def test_framework_items_sort_numerically(model_path):
    model = load_model(model_path)
    order = framework_order(model, ["kss-cf-2018"])
    ranked = sorted(order, key=order.get)
    assert ranked.index("kss-cf-2") < ranked.index("kss-cf-10") and ranked[0] == "kss-cf-1"
    assert not any(i.startswith("pcf-") for i in order)


@pytest.mark.parametrize("change, words", [
    ('frameworks = ["kss-cf-2018"]', 'frameworks = ["kss-xx-2018"]'),
    ("borderline = 40", "borderline = 90"),
])
def test_blueprint_frameworks_and_evidence_are_checked(model_path, blueprint, tmp_path, capsys, change, words):
    blueprint.write_text(BLUEPRINT.replace(change, words))
    code = main(["quiz", str(blueprint), "--model", str(model_path), "--learner", "A1", "--out", str(tmp_path / "q")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    line = next(n for n, text in enumerate(blueprint.read_text().splitlines(), start=1) if words in text)
    assert f"handon.toml:{line}" in err
    assert not (tmp_path / "q").exists()


def test_issue_summary_fits_one_screen(model_path, blueprint, tmp_path, capsys):
    """#19 item 6: learners, items each, coverage, where the files are and for whom; no line per framework item."""
    assert main(["quiz", str(blueprint), "--model", str(model_path), "--learner", "A1", "--learner", "B2",
                 "--out", str(tmp_path / "q")]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) <= 16, out
    assert "Learners: 2, 2 items each" in out and "Coverage: " in out and str(tmp_path / "q") in out
    assert "for assessors only: key.html" in out and "learners/<ID>/" in out and "manifest.json" in out
    assert "KSS (adults)" not in out and "Coverage (learners" not in out


def test_warnings_grouped():
    lines = grouped_warnings(["q-a: GIFT has no place for X", "q-b: GIFT has no place for X", "case slots: each case is one",
                              "q-c: GIFT has no place for X", "q-d: GIFT has no place for X"])
    assert lines == ["GIFT has no place for X (4 item(s): q-a, q-b, q-c and 1 more)", "case slots: each case is one"]


def test_blueprints_name_their_frameworks_and_thresholds():
    """The shipped ASYE blueprints: a children's cohort sees the children's KSS and the PCF, not the adults' KSS."""
    for path in sorted((Path(__file__).parent.parent / "quizzes").glob("asye-*.toml")):
        blueprint = load_blueprint(path)
        assert "kss-as-2015" not in blueprint.frameworks and "kss-cf-2018" in blueprint.frameworks, path
        assert blueprint.evidence["borderline"] < blueprint.evidence["sufficient"], path


def test_case_text_shown_once_per_case(handbook, tmp_path):
    """#19 item 5: on the learner's page (and Word copy) a case's text comes once, before its first question."""
    from practice_model.quiz.exports.common import case_text
    from practice_model.quiz.learners import Learner
    from practice_model.quiz.run import run_quiz

    model = load_model(handbook / "practice-model.json")
    blueprint = load_blueprint(Path(__file__).parent.parent / "quizzes" / "asye-6-month.toml")
    run_quiz(blueprint, model, [Learner("A1"), Learner("B2")], ["html", "docx"], tmp_path / "q")
    manifest = __import__("json").loads((tmp_path / "q" / "manifest.json").read_text())
    vignettes = {v["id"]: v for v in model.of_kind("vignette")}
    from practice_model.quiz.banks import load_banks

    items = {i.id: i for i in load_banks(blueprint.banks)}
    for learner in manifest["learners"]:
        cases = {items[p["id"]].vignette for p in learner["items"] if p["id"] in items and items[p["id"]].scenario}
        assert cases, "the 6-month review has a case slot"
        page = (tmp_path / "q" / "learners" / learner["id"] / "quiz.html").read_text()
        assert page.count('<section class="case"') == len(cases)
        for case in cases:
            opening = " ".join(case_text(vignettes[case]["text"]).split("\n\n")[0].split()[:8])
            text = " ".join(lxml.html.fromstring(page).text_content().split())
            assert text.count(opening) == 1, f"{case}'s text is shown {text.count(opening)} times"
        word = "\n".join(p.text for p in docx.Document(str(tmp_path / "q" / "learners" / learner["id"] / "quiz.docx")).paragraphs)
        assert word.count("Case study") == len(cases)
