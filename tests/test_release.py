"""A release after editing a standard lists it correctly, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from practice_model.cli import main

ROOT = Path(__file__).parent / "roots" / "test-basic"
BANK = """# Bank

:::{pm:question} q-bank-chron
:tests: std-chronologies

Why keep a chronology?

- [x] To see patterns
- [ ] To fill time
:::
"""


@pytest.fixture()
def project(tmp_path):
    shutil.copytree(ROOT, tmp_path / "docs", ignore=shutil.ignore_patterns("conf.py", "_build"))
    conf = (ROOT / "conf.py").read_text().replace('"_data/themes.toml"', '"docs/_data/themes.toml"')
    conf = conf.replace('release = "1.0"', 'from pathlib import Path\nfrom practice_model.releases import current_version\n'
                                           'release = version = pm_version = current_version(Path(__file__).parent / "docs")')
    (tmp_path / "conf.py").write_text(conf)
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text().replace("lists\n```", "lists\nreleases/index\n```"))
    (tmp_path / "docs" / "releases").mkdir()
    shutil.copy(Path(__file__).parent.parent / "docs" / "releases" / "index.md", tmp_path / "docs" / "releases" / "index.md")
    (tmp_path / "quizzes" / "banks").mkdir(parents=True)
    (tmp_path / "quizzes" / "banks" / "core.md").write_text(BANK)
    return tmp_path


def release(project, version, capsys, *extra):
    code = main(["release", version, "--project", str(project), "--yes", "--date", "2027-01-15", "--next-update", "2027-07-15", *extra])
    return code, capsys.readouterr()


def test_release_cycle(project, capsys):
    code, out = release(project, "2027.1", capsys)
    assert code == 0, out.err
    assert "git tag -a v2027.1" in out.out
    first = json.loads((project / "docs/releases/2027.1.json").read_text())
    assert "std-chronologies" in first["objects"]
    assert (project / "docs/releases/2027.1.md").read_text().startswith("---\norphan: true")

    # Edit the standard's content (with a change note and a re-read flag); only review the module.
    standard = project / "docs/standard.md"
    standard.write_text(standard.read_text().replace("Because.", "Because patterns show cumulative harm.")
                        .replace(":owner: Principal social worker", ":owner: Principal social worker\n:change-note: Explains cumulative harm.\n:re-read: yes"))
    module = project / "docs/module.md"
    module.write_text(module.read_text().replace(":last-reviewed: 2026-09-01", ":last-reviewed: 2027-06-01"))

    code, out = release(project, "2027.2", capsys)
    assert code == 0, out.err
    page = (project / "docs/releases/2027.2.md").read_text()
    updated = page.split("## Updated")[1].split("##")[0]
    assert "[](#std-chronologies)" in updated and "Explains cumulative harm." in updated and "| Yes |" in updated
    reviewed = page.split("## Reviewed, no change")[1]
    assert "[](#mod-chronologies)" in reviewed and "mod-chronologies" not in updated
    whats_new = (project / "docs/releases/whats-new/2027.2.txt").read_text()
    assert "Please re-read:" in whats_new and "Chronologies" in whats_new
    assert (project / "docs/releases/whats-new/2027.2.html").read_text().startswith("<!DOCTYPE html>")

    # The quiz item that tests the changed standard waits for review until marked.
    pending = json.loads((project / "quizzes/needs-review.json").read_text())["items"]
    assert [p["item"] for p in pending] == ["q-bank-chron"] and pending[0]["location"] == "banks/core.md:3"
    assert main(["check", "--project", str(project), "--json", "--today", "2027-01-20"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert any(f["check"] == "quiz" and "q-bank-chron" in f["message"] for f in report["findings"])
    assert main(["reviewed", "q-bank-chron", "--project", str(project)]) == 0
    assert json.loads((project / "quizzes/needs-review.json").read_text())["items"] == []

    # The rebuilt handbook shows its version and marks the updated page.
    assert main(["build", "--project", str(project)]) == 0
    html = (project / "_build/html/standard.html").read_text()
    assert "Updated in 2027.2" in html
    index_page = (project / "_build/html/releases/index.html").read_text()
    assert index_page.index("Release 2027.2") < index_page.index("Release 2027.1")
    amendments = (project / "_build/html/releases/2027.2.html").read_text()
    assert 'href="../standard.html#std-chronologies"' in amendments
    model = json.loads((project / "_build/html/practice-model.json").read_text())
    assert model["handbook"]["version"] == "2027.2"


def test_existing_or_older_versions_are_refused(project, capsys):
    assert release(project, "2027.1", capsys)[0] == 0
    code, out = release(project, "2027.1", capsys)
    assert code == 2 and "already exists" in out.err
    code, out = release(project, "2026.5", capsys)
    assert code == 2 and "older than the latest release 2027.1" in out.err and "2027.2" in out.err
    code, out = release(project, "27.1", capsys)
    assert code == 2 and "use YEAR.N" in out.err


def test_check_reports_warnings_without_a_line(project, capsys):
    (project / "docs" / "stray.md").write_text("# Not in any toctree\n")
    assert main(["check", "--project", str(project), "--json", "--today", "2026-11-22"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert any(f["where"] == "docs/stray.md" and "toctree" in f["message"] for f in report["findings"])


def test_release_refused_when_check_finds_errors(project, capsys):
    glossary = project / "docs/glossary.md"
    glossary.write_text(glossary.read_text() + "\nRing 07700 900123.\n")
    code, out = release(project, "2027.1", capsys)
    assert code == 2 and "fix them before releasing" in out.err
    assert not list((project / "docs/releases").glob("*.json"))
