"""The inspection themes data file: findings are checked with file:line errors, and strengths show apart from gaps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import findings_blocks, warnings_of
from practice_model.errors import UserError
from practice_model.themes import load_themes

GOOD = """\
[[themes]]
id = "theme-chronologies"
title = "Chronologies"
judgement = "Help and protection"
description = "Chronologies are not kept up to date."

[[themes.findings]]
kind = "strength"
text = "Workers keep a chronology for every child on a plan."
source = "A test letter, May 2022"

[[themes.findings]]
kind = "{kind}"
text = "Chronologies list events without analysing patterns."
{source}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> UserError:
    with pytest.raises(UserError) as info:
        load_themes(path)
    return info.value


def test_good_file_loads_strengths_and_gaps_with_sources(tmp_path):
    path = write(tmp_path, GOOD.format(kind="gap", source='source = "Another letter, June 2022"'))
    [theme] = load_themes(path)
    assert [f.kind for f in theme.findings] == ["strength", "gap"]
    assert [f.line for f in theme.findings] == [7, 12]
    assert theme.strengths[0].text.startswith("Workers keep") and theme.gaps[0].source == "Another letter, June 2022"
    assert theme.sources == ("A test letter, May 2022", "Another letter, June 2022")


def test_unknown_kind_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.format(kind="weakness", source='source = "A test letter, May 2022"'))
    error = error_of(path)
    assert (error.path, error.line) == (str(path), 12)
    assert str(error).startswith(f"{path}:12: ")
    assert "finding 2 has 'weakness'" in error.message and '"strength"' in error.message and '"gap"' in error.message


def test_missing_source_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.format(kind="gap", source=""))
    error = error_of(path)
    assert str(error).startswith(f"{path}:12: ")
    assert "finding 2 has no 'source'" in error.message and "letter or visit and its date" in error.message


def test_blank_source_and_missing_text_are_errors(tmp_path):
    path = write(tmp_path, GOOD.format(kind="gap", source='source = "  "'))
    assert "has no 'source'" in error_of(path).message
    path = write(tmp_path, GOOD.replace('text = "Chronologies list events without analysing patterns."\n', "")
                 .format(kind="gap", source='source = "A letter, 2022"'))
    error = error_of(path)
    assert error.line == 12 and "has no 'text'" in error.message


def test_unknown_key_in_a_finding(tmp_path):
    path = write(tmp_path, GOOD.format(kind="gap", source='source = "A letter, 2022"\nseverity = "high"'))
    error = error_of(path)
    assert error.line == 12 and "unknown key 'severity'" in error.message


def test_theme_without_findings_and_old_sources_list(tmp_path):
    bare = '[[themes]]\nid = "theme-chronologies"\ntitle = "Chronologies"\ndescription = "Not kept."\n'
    error = error_of(write(tmp_path, bare))
    assert error.line == 2 and "has no findings" in error.message
    error = error_of(write(tmp_path, bare + 'sources = ["A letter (2022)"]\n'))
    assert error.line == 5 and "'sources' is no longer used" in error.message


def test_bad_data_file_is_a_typed_warning_at_its_line(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    bad = src / "_data" / "themes.toml"
    bad.write_text(bad.read_text().replace('kind = "gap"', 'kind = "problem"'))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = [w for w in warnings_of(app) if "[pm.data-file]" in w]
    assert found and all("themes.toml:12:" in w and "'problem'" in w for w in found), warnings_of(app)
    app.cleanup()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_strengths_and_gaps_render_under_their_own_headings(app):
    app.build()
    assert warnings_of(app) == []
    blocks = findings_blocks((Path(app.outdir) / "themes.html").read_text(encoding="utf-8"), "theme-chronologies")
    assert list(blocks) == ["strength", "gap"]  # what works first, then what must change
    heading, text = blocks["strength"]
    assert heading == "What inspectors found working"
    assert "every child on a plan" in text and "without analysing patterns" not in text
    assert "Source: A test letter, May 2022" in text
    heading, text = blocks["gap"]
    assert heading == "What inspectors found needed to change"
    assert "without analysing patterns" in text and "every child on a plan" not in text
