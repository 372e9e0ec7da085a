"""The practice-model command: build, model summary and JSON, stale detection, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project
from practice_model.cli import main

ROOT = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture()
def project(tmp_path):
    """A handbook project laid out like ours: conf.py at the top, sources in docs/."""
    copy_project(tmp_path)
    return tmp_path


def test_build_then_model_summary(project, capsys):
    assert main(["build", "--project", str(project)]) == 0
    assert (project / "_build/html/practice-model.json").exists()
    assert "Open " in capsys.readouterr().out
    assert main(["model", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Practice standards" in out and "Total" in out and "Test council" in out


def test_model_json_prints_the_model(project, capsys):
    assert main(["build", "--project", str(project)]) == 0
    capsys.readouterr()
    assert main(["model", "--json", "--project", str(project)]) == 0
    model = json.loads(capsys.readouterr().out)
    assert model["schema_version"].startswith("1.")


def test_model_rebuilds_when_sources_are_newer(project, capsys):
    assert main(["model", "--project", str(project)]) == 0
    assert "missing; building the handbook first" in capsys.readouterr().err
    page = project / "docs" / "glossary.md"
    later = time.time() + 5
    page.write_text(page.read_text().replace("Multi-agency safeguarding hub", "Multi-agency safeguarding hub (MASH)"))
    os.utime(page, (later, later))
    assert main(["model", "--project", str(project)]) == 0
    assert "older than the sources" in capsys.readouterr().err


def test_errors_are_messages_not_tracebacks(tmp_path, capsys):
    assert main(["model", "--model", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "missing.json" in err and "practice-model build" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "9.0"}')
    assert main(["model", "--model", str(bad)]) == 2
    assert "not supported" in capsys.readouterr().err
    assert main(["build", "--project", str(tmp_path)]) == 2
    assert "not inside a handbook project" in capsys.readouterr().err


def test_help_on_every_subcommand():
    for sub in ([], ["build"], ["model"]):
        result = subprocess.run([sys.executable, "-m", "practice_model", *sub, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage: practice-model" in result.stdout


def test_quiz_and_mark_default_to_the_ignored_outputs_folder_and_keep_earlier_marking(tmp_path, capsys, monkeypatch):
    """Without --out, quiz and mark write under private-outputs/ (git ignores it); marking twice keeps both runs."""
    import shutil
    import subprocess

    from practice_model.outputs import PRIVATE_FOLDER

    repo = Path(__file__).parent.parent
    quiz_dir = Path(__file__).parent / "fixtures" / "quiz"
    model = _model_for_tests(tmp_path)
    work = tmp_path / "work"
    shutil.copytree(quiz_dir, work / "quizzes")
    monkeypatch.chdir(work)
    assert main(["quiz", "quizzes/test-quiz.toml", "--model", str(model), "--learner", "S1"]) == 0
    issued = sorted((work / PRIVATE_FOLDER / "quizzes").iterdir())
    assert len(issued) == 1 and (issued[0] / "manifest.json").exists()
    (work / "responses").mkdir()
    for _ in range(2):
        assert main(["mark", str(issued[0] / "manifest.json"), "--model", str(model), "--responses", "responses"]) == 0
    marked = sorted((work / PRIVATE_FOLDER / "marking").iterdir())
    assert [m.name for m in marked] == [f"{issued[0].name}-{_today()}", f"{issued[0].name}-{_today()}-2"]
    for path in (f"{PRIVATE_FOLDER}/x", "cohort-2027.csv"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=repo).returncode == 0, f"git does not ignore {path}"


def test_check_warns_about_tracked_tool_outputs(tmp_path, capsys):
    import json
    import subprocess

    from conftest import copy_project

    project = copy_project(tmp_path)
    (project / "docs" / "_data" / "cast.toml").write_text('names = ["Dana Okafor", "Jayden Okafor"]\n')
    (project / "issued").mkdir()
    (project / "issued" / ".practice-model-output").write_text("practice-model quiz\n")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "-f", "issued/.practice-model-output"], check=True)
    main(["check", "--project", str(project), "--json", "--today", "2026-11-22"])
    report = json.loads(capsys.readouterr().out)
    hits = [f for f in report["findings"] if f["check"] == "outputs"]
    assert len(hits) == 1 and hits[0]["where"] == "issued" and hits[0]["severity"] == "warning"


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def _model_for_tests(tmp_path):
    from sphinx.cmd.build import build_main

    out = tmp_path / "built"
    assert build_main(["-q", str(Path(__file__).parent / "roots" / "test-basic"), str(out)]) == 0
    return out / "practice-model.json"
