"""Frameworks are data: a new file shows in the views with no code change; bad files name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import read_model, warnings_of
from practice_model.errors import UserError
from practice_model.frameworks import BUILTIN_DIR, load_framework, load_frameworks


def test_builtin_frameworks_load():
    frameworks = load_frameworks([BUILTIN_DIR])
    assert {"pcf-2018", "kss-cf-2018", "kss-as-2015", "swe-2019"} <= set(frameworks.frameworks)
    assert len(frameworks.frameworks["pcf-2018"].items) == 9
    assert len(frameworks.frameworks["kss-cf-2018"].items) == 10
    assert len(frameworks.frameworks["swe-2019"].items) == 6
    assert frameworks.frameworks["kss-as-2015"].verified is False


@pytest.mark.sphinx("html", testroot="frameworks", freshenv=True)
def test_new_framework_file_appears_in_views(app):
    app.build()
    assert warnings_of(app) == []
    page = (Path(app.outdir) / "coverage.html").read_text()
    assert "ECS (test) 1" in page and "ECS (test) 2" in page
    assert "1 of 2 items have fewer than 2 outcomes" in page or "2 of 2 items have fewer than 2 outcomes" in page
    assert "not an active framework" in page
    assert 'href="module.html#mod-chronologies"' in page
    model = read_model(app)
    assert "ecs-test" in {f["id"] for f in model["frameworks"]}
    outcome = next(o for o in model["objects"] if o["id"] == "out-chron-build")
    assert "ecs-test-1" in outcome["fields"]["maps"]


@pytest.mark.parametrize(("text", "line", "words"), [
    ('id = "x"\ntitle = "X"\n[[items]\nid="a-1"\n', 3, "not valid TOML"),
    ('id = "x"\ntitle = "X"\n[[items]]\nid = "x-1"\nnumber = "1"\ntitle = "One"\n[[items]]\nid = "x-1"\ntitle = "Again"\n', 4, "appears twice"),
    ('id = "x"\ntitle = "X"\nstatus = "someday"\n[[items]]\nid = "x-1"\ntitle = "One"\n', 3, "status 'someday'"),
    ('title = "X"\n', 1, "missing 'id'"),
])
def test_bad_framework_file_names_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(UserError) as caught:
        load_framework(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert words in caught.value.message


def test_non_utf8_framework_file(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('id = "x"\ntitle = "Caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(UserError, match="not UTF-8") as caught:
        load_framework(path)
    assert caught.value.line == 2
