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
