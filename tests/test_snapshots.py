"""Snapshots of what readers and LMSs receive: a page's doctree, the quiz exports and the answer key.

A change to any of them fails here with a diff. If the change is intended, update the snapshots with
``pytest tests/test_snapshots.py --snapshot-update`` and review ``git diff tests/__snapshots__`` before
committing (docs/contributing/package-map.md).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from practice_model.model import load_model
from practice_model.quiz.blueprint import load_blueprint
from practice_model.quiz.learners import Learner
from practice_model.quiz.run import parse_formats, run_quiz

ROOT = Path(__file__).parent / "roots" / "test-basic"
QUIZ = Path(__file__).parent / "fixtures" / "quiz"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_standard_page_doctree(app, snapshot):
    app.build()
    doctree = app.env.get_doctree("standard")  # as the directives, the domain and the transforms left it
    # The source path is the only part that depends on where the test runs.
    assert doctree.pformat().replace(str(app.srcdir), "<srcdir>") == snapshot


@pytest.fixture(scope="module")
def quiz_out(tmp_path_factory) -> Path:
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("snapshots")
    shutil.copytree(ROOT, base / "src")
    assert build_main(["-q", "-W", str(base / "src"), str(base / "html")]) == 0
    shutil.copytree(QUIZ, base / "quizzes")
    run_quiz(load_blueprint(base / "quizzes" / "test-quiz.toml"), load_model(base / "html" / "practice-model.json"),
             [Learner("S1001"), Learner("S1002")], parse_formats("moodle,gift,qti,key"), base / "out")
    return base / "out"


@pytest.mark.parametrize("name", ["lms/moodle.xml", "lms/quiz.gift", "key.csv", "key.json"])
def test_quiz_export(quiz_out, name, snapshot):
    assert (quiz_out / name).read_text(encoding="utf-8") == snapshot


def test_quiz_qti_package(quiz_out, snapshot):
    with zipfile.ZipFile(quiz_out / "lms" / "qti.zip") as package:
        members = {info.filename: package.read(info).decode("utf-8") for info in package.infolist()}
    assert members == snapshot
