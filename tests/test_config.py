"""Settings (#14 item 6): one table, checked once at config-inited; derived paths never written back into config."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from conftest import warnings_of
from practice_model import export
from practice_model.config import SETTINGS, DataPaths, data_paths


@pytest.fixture
def project(rootdir, tmp_path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-frameworks", src)
    return src


def set_in_conf(src: Path, line: str) -> int:
    """Append a setting to conf.py; returns its line number."""
    conf = src / "conf.py"
    text = conf.read_text()
    conf.write_text(text + line + "\n")
    return text.count("\n") + 1


def config_error(make_app, src: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        make_app("html", srcdir=src, freshenv=True)
    return str(caught.value)


def config_warnings(app) -> list[str]:
    return [w for w in warnings_of(app) if "[pm.config]" in w]


def test_unknown_active_framework_is_a_typed_warning_naming_conf_line_and_choices(make_app, project):
    line = set_in_conf(project, 'pm_frameworks_active = ["pcf-2018", "pfc-2018"]')
    app = make_app("html", srcdir=project, freshenv=True)
    [warning] = config_warnings(app)
    assert f"conf.py:{line}: WARNING: pm_frameworks_active names 'pfc-2018'" in warning
    assert "choose from" in warning and "ecs-test" in warning and "pcf-2018," in warning


def test_framework_from_a_local_folder_counts_as_defined(make_app, project):
    set_in_conf(project, 'pm_frameworks_active = ["pcf-2018", "ecs-test"]')
    app = make_app("html", srcdir=project, freshenv=True)
    assert config_warnings(app) == []


def test_missing_framework_folder_and_themes_file_are_warned_about_once_and_left_out(make_app, project):
    dirs = set_in_conf(project, 'pm_framework_dirs = ["extra", "gone"]')
    themes = set_in_conf(project, 'pm_themes_file = "_data/nothere.toml"')
    app = make_app("html", srcdir=project, freshenv=True)
    app.build()
    found = config_warnings(app)
    assert len(found) == 2, found
    assert f"conf.py:{dirs}: WARNING: pm_framework_dirs names 'gone', which is not a folder" in found[0]
    assert f"conf.py:{themes}: WARNING: pm_themes_file names '_data/nothere.toml', which is not a file" in found[1]
    assert all("relative to conf.py" in w for w in found)
    assert data_paths(app.env) == DataPaths(((project / "extra").resolve(),), None)
    assert "ECS (test) 1" in (Path(app.outdir) / "coverage.html").read_text()  # the folder that exists is still read


def test_wrong_type_is_a_config_error_saying_what_it_should_be(make_app, project):
    line = set_in_conf(project, 'pm_frameworks_active = "pcf-2018"')
    message = config_error(make_app, project)
    assert f"conf.py:{line}: pm_frameworks_active = 'pcf-2018' should be a list of text" in message


def test_derived_paths_live_on_the_environment_not_in_config(make_app, project):
    app = make_app("html", srcdir=project, freshenv=True)
    assert app.config.pm_framework_dirs == ["extra"] and app.config.pm_themes_file == "_data/themes.toml"
    paths = data_paths(app.env)
    assert paths.framework_dirs == ((project / "extra").resolve(),)
    assert paths.themes_file == (project / "_data" / "themes.toml").resolve()


def test_every_setting_is_registered_from_the_table(make_app, project):
    app = make_app("html", srcdir=project, freshenv=True)
    for setting in SETTINGS:
        assert setting.description and setting.name in app.config
        assert app.config.values[setting.name].description == setting.description


def test_model_is_built_once_per_build(make_app, project, monkeypatch):
    built = []  # build_model reads the frameworks once each time it runs, however it was imported
    real = export.frameworks_for
    monkeypatch.setattr(export, "frameworks_for", lambda env: built.append(1) or real(env))
    app = make_app("html", srcdir=project, freshenv=True)
    app.build()
    assert len(built) == 1  # exercise pages and the model file share it
    (project / "glossary.md").write_text((project / "glossary.md").read_text() + "\nMore.\n")
    app.build()
    assert len(built) == 2  # and the next build builds its own
