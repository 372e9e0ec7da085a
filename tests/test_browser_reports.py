"""The profile and cohort report in a real browser, from the real handbook's ASYE blueprint; their screenshots
illustrate the ASYE leads' guide (docs/contributing/quizzes.md). PM_SCREENSHOTS=1 writes them to docs/contributing/_static/."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from browser import chromium
from practice_model.cli import main

pytestmark = pytest.mark.browser
REPO = Path(__file__).parent.parent
STATIC = REPO / "docs" / "contributing" / "_static"


def test_profile_and_cohort_report_render(handbook, tmp_path, chromium_path, capsys):
    model = handbook / "practice-model.json"
    quiz = tmp_path / "issued"
    learners = ("NQSW01", "NQSW02", "NQSW03", "NQSW04", "NQSW05")
    assert main(["quiz", str(REPO / "quizzes" / "asye-12-month.toml"), "--model", str(model), "--format", "html,key",
                 *sum((["--learner", x] for x in learners), []), "--out", str(quiz)]) == 0
    rows = [["learner", "item", "response"]]
    for number, row in enumerate(csv.DictReader((quiz / "key.csv").open())):
        if row["learner"] == "NQSW05":  # sent nothing: absent
            continue
        answer = row["answer"].split("|")[0] or "A written answer."
        if number % (2 + learners.index(row["learner"])) == 0 and row["answer"] in ("A", "B", "C", "D"):
            answer = "A" if row["answer"] != "A" else "B"
        rows.append([row["learner"], row["item"], answer])
    with (tmp_path / "responses.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    marked = tmp_path / "marked"
    assert main(["mark", str(quiz / "manifest.json"), "--responses", str(tmp_path / "responses.csv"), "--model", str(model),
                 "--out", str(marked)]) == 0
    capsys.readouterr()

    shots = tmp_path / "shots"
    shots.mkdir()
    with chromium(chromium_path) as browser:
        page = browser.new_page(viewport={"width": 880, "height": 1100})
        page.goto((marked / "learners" / "NQSW02" / "profile.html").as_uri())
        assert page.locator(".evidence").inner_text().startswith("Summary for the review")
        assert page.locator(".modules li").count() <= 3 and page.locator(".exercises li").count() <= 3
        page.screenshot(path=str(shots / "profile.png"))
        page.goto((marked / "cohort.html").as_uri())
        absent = page.locator("tr.learner.absent")
        assert absent.count() == 1 and "NQSW05" in absent.inner_text()
        assert not page.locator("details.few table").is_visible()  # folded away until opened
        page.screenshot(path=str(shots / "cohort.png"))
    for name in ("profile.png", "cohort.png"):
        assert (shots / name).stat().st_size > 10_000
        if os.environ.get("PM_SCREENSHOTS") == "1":
            STATIC.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shots / name, STATIC / f"asye-{name}")
