"""A build with warnings (a failed strict build) never leaves a model that tools take for a good one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import copy_project, read_model
from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.export import SCHEMA_SOURCE
from practice_model.model import load_model


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True, warningiserror=True)
def test_failed_strict_build_marks_its_model_and_tools_refuse_it(app):
    app.build()
    assert app.statuscode == 1
    model = read_model(app)
    jsonschema.validate(model, json.loads(SCHEMA_SOURCE.read_text()))
    assert model["build"]["ok"] is False and model["build"]["warnings"] >= 1
    path = Path(app.outdir) / "practice-model.json"
    with pytest.raises(UserError, match="build that failed") as caught:
        load_model(path)
    assert str(path) in str(caught.value)
    assert load_model(path, allow_failed=True).objects  # 'check' reads the model of its own build


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, warningiserror=True)
def test_clean_build_is_not_marked(app):
    app.build()
    assert app.statuscode == 0
    assert "build" not in read_model(app)
    load_model(Path(app.outdir) / "practice-model.json")


def test_rebuilding_without_changes_still_fails(make_app, rootdir, tmp_path):
    """Warnings come from reading pages: an unchanged rerun must read them again, not pass on the saved environment."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-warnings", src)
    for run in range(2):
        app = make_app("html", srcdir=src, warningiserror=True, freshenv=run == 0)
        app.build()
        assert app.statuscode == 1, f"run {run + 1} passed"
        assert read_model(app)["build"]["ok"] is False
        app.cleanup()


def test_tools_rebuild_rather_than_use_a_failed_builds_model(tmp_path, capsys):
    project = copy_project(tmp_path)
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text() + "\nSee [](#std-does-not-exist).\n")
    assert main(["build", "--project", str(project)]) == 1
    assert (project / "_build" / "html" / "practice-model.json").exists()
    capsys.readouterr()
    # The model is newer than every source, yet it must not be used: the tool rebuilds, the build fails, it refuses.
    assert main(["model", "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "from a build that failed" in err and "the handbook build failed" in err
