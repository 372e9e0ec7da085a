"""A release after editing a standard lists it correctly, end to end."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
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


# --- an interrupted release never leaves the repository stuck (#13 item 18) -------------------

class Killed(BaseException):
    """Stands for the process being killed: nothing in the tool catches it."""


def edit_standard(project):
    standard = project / "docs/standard.md"
    standard.write_text(standard.read_text().replace("Because.", "Because patterns show cumulative harm."))


def release_files(project, version):
    return [project / "docs/releases" / f"{version}.{ext}" for ext in ("json", "md")] + \
           [project / "docs/releases/whats-new" / f"{version}.{ext}" for ext in ("txt", "html")]


# Release 2027.2 stages 5 files (4 of its own and quizzes/needs-review.json) and its plan, makes 5 moves
# and removes the staging folder: 12 steps, each a place where the process could die.
STEPS = 12


@pytest.mark.parametrize("step", range(STEPS))
def test_release_killed_at_any_step_is_finished_or_rolled_back(project, capsys, monkeypatch, step):
    from practice_model import release_transaction as rt

    assert release(project, "2027.1", capsys)[0] == 0
    edit_standard(project)
    counter = iter(range(STEPS + 1))
    real_write, real_move, real_discard = rt.write_atomic, rt._move, rt._discard

    def maybe_die(real):
        def step_or_die(path, *args):
            if next(counter) == step:
                if real is real_write:  # die half-way through writing, as write_atomic would leave it
                    (path.parent).mkdir(parents=True, exist_ok=True)
                    (path.parent / f".{path.name}.killed.tmp").write_bytes(args[0][: len(args[0]) // 2])
                raise Killed
            return real(path, *args)
        return step_or_die

    monkeypatch.setattr(rt, "write_atomic", maybe_die(real_write))
    monkeypatch.setattr(rt, "_move", maybe_die(real_move))
    monkeypatch.setattr(rt, "_discard", maybe_die(real_discard))
    with pytest.raises(Killed):
        release(project, "2027.2", capsys)
    monkeypatch.undo()
    capsys.readouterr()

    # The handbook still builds, and no half-release is visible as a release.
    assert main(["build", "--project", str(project)]) == 0
    capsys.readouterr()
    json_file = project / "docs/releases/2027.2.json"
    assert not json_file.exists() or all(p.exists() for p in release_files(project, "2027.2"))

    # The rerun finishes the staged release or rolls it back and releases afresh.
    code, out = release(project, "2027.2", capsys)
    assert code == 0, out.err
    assert ("finished release 2027.2" if step >= 6 else "rolled back") in out.err
    assert all(p.exists() for p in release_files(project, "2027.2"))
    assert not (project / ".release-staging").exists() and not (project / ".release.lock").exists()
    assert [p["item"] for p in json.loads((project / "quizzes/needs-review.json").read_text())["items"]] == ["q-bank-chron"]
    assert "[](#std-chronologies)" in (project / "docs/releases/2027.2.md").read_text().split("## Updated")[1]
    assert json.loads(json_file.read_text())["version"] == "2027.2"
    if step >= 6:  # finished from the staging folder, without a new build: check the result builds
        assert main(["build", "--project", str(project)]) == 0


def test_release_left_incomplete_by_an_older_tool_is_rolled_back(project, capsys):
    """The state issue 13 reported: the version's JSON written, the process killed before the rest."""
    assert release(project, "2027.1", capsys)[0] == 0
    edit_standard(project)
    snapshot = json.loads((project / "docs/releases/2027.1.json").read_text())
    (project / "docs/releases/2027.2.json").write_text(json.dumps({**snapshot, "version": "2027.2"}))
    code, out = release(project, "2027.2", capsys)
    assert code == 0, out.err
    assert "rolled back release 2027.2" in out.err and "docs/releases/2027.2.json" in out.err
    assert all(p.exists() for p in release_files(project, "2027.2"))
    assert "std-chronologies" in (project / "docs/releases/2027.2.md").read_text().split("## Updated")[1]
    assert main(["build", "--project", str(project)]) == 0


# --- two releases at once (#13 item 19) ------------------------------------------------------

def confirm_with(monkeypatch, answer):
    """Run the release interactively; ``answer`` plays the user (and whatever happens while they read)."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)


def interactive_release(project, version, capsys):
    code = main(["release", version, "--project", str(project), "--date", "2027-01-15", "--next-update", "2027-07-15"])
    return code, capsys.readouterr()


def test_a_second_release_waits_for_the_first(project, capsys, monkeypatch):
    second = {}

    def answer(prompt):
        second["code"] = main(["release", "2027.2", "--project", str(project), "--yes"])
        return "y"

    confirm_with(monkeypatch, answer)
    code, out = interactive_release(project, "2027.1", capsys)
    assert code == 0, out.err
    assert second["code"] == 2
    assert "another release is under way" in out.err and f"process {os.getpid()} " in out.err and "release 2027.1" in out.err
    assert ".release.lock" in out.err and "delete" in out.err
    assert not (project / "docs/releases/2027.2.json").exists()
    assert (project / "docs/releases/2027.1.json").exists() and not (project / ".release.lock").exists()


def test_a_killed_release_leaves_no_lock(project, capsys):
    holder = f"""
import os, signal
from pathlib import Path
from practice_model.release_transaction import release_lock
with release_lock(Path({str(project)!r}), "2027.1"):
    os.kill(os.getpid(), signal.SIGKILL)
"""
    died = subprocess.run([sys.executable, "-c", holder], env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert died.returncode == -signal.SIGKILL and (project / ".release.lock").exists()
    code, out = release(project, "2027.1", capsys)
    assert code == 0, out.err


def test_release_refused_when_files_change_after_the_preview(project, capsys, monkeypatch):
    assert release(project, "2027.1", capsys)[0] == 0
    edit_standard(project)
    previous = project / "docs/releases/2027.1.json"

    def answer(prompt):  # while the question waits, a pull brings in a different 2027.1 snapshot
        data = json.loads(previous.read_text())
        data["objects"]["mod-chronologies"]["digest"] = "changed elsewhere"
        previous.write_text(json.dumps(data))
        return "y"

    confirm_with(monkeypatch, answer)
    code, out = interactive_release(project, "2027.2", capsys)
    assert code == 2, out.err
    assert "has changed since you confirmed preview" in out.err and "docs/releases/2027.2.md" in out.err
    assert "nothing was written" in out.err
    assert not any(p.exists() for p in release_files(project, "2027.2"))
    assert not (project / ".release-staging").exists() and not (project / ".release.lock").exists()


def test_confirmed_release_writes_what_was_previewed(project, capsys, monkeypatch):
    confirm_with(monkeypatch, lambda prompt: "y")
    code, out = interactive_release(project, "2027.1", capsys)
    assert code == 0, out.err
    assert "Preview " in out.out and (project / "docs/releases/2027.1.json").exists()


# --- a dirty working tree and the release date (#13 item 20) ---------------------------------

def git(project, *args):
    subprocess.run(["git", "-C", str(project), "-c", "user.name=PSW", "-c", "user.email=psw@example.invalid", *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_release_warns_about_uncommitted_files(project, capsys, monkeypatch):
    (project / ".gitignore").write_text("_build/\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Handbook")
    code, out = release(project, "2027.1", capsys)
    assert code == 0, out.err
    assert "not yet committed" not in out.err  # a clean tree (the lock file is not listed)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Release 2027.1")

    edit_standard(project)
    (project / "quizzes/draft-items.md").write_text("Ideas for items\n")
    code, out = release(project, "2027.2", capsys)
    assert code == 0, out.err
    warning = out.err.split("warning: ")[1]
    assert "2 file(s) not yet committed" in warning
    assert "\n  docs/standard.md" in warning and "\n  quizzes/draft-items.md" in warning

    monkeypatch.setattr(shutil, "which", lambda name: None)  # no git on this machine: nothing to say
    code, out = release(project, "2027.3", capsys)
    assert code == 0 and "not yet committed" not in out.err


def test_release_without_git_repository_does_not_warn(project, capsys):
    code, out = release(project, "2027.1", capsys)
    assert code == 0 and "not yet committed" not in out.err


@pytest.mark.parametrize("date, message", [
    ("2027-02-30", "is not a real date"),
    ("20270115", "is not a date written YYYY-MM-DD"),
    ("15/01/2027", "is not a date written YYYY-MM-DD"),
    ("2027-W03-1", "is not a date written YYYY-MM-DD"),
    ("2027-1-5", "is not a date written YYYY-MM-DD"),
])
def test_release_date_must_be_a_real_iso_date(project, capsys, date, message):
    code = main(["release", "2027.1", "--project", str(project), "--yes", "--date", date])
    out = capsys.readouterr()
    assert code == 2, out.err
    assert f"--date '{date}' {message}" in out.err and "Traceback" not in out.err
    assert not (project / "docs/releases/2027.1.json").exists()


def test_next_update_must_follow_the_release(project, capsys):
    code, out = release(project, "2027.1", capsys, "--next-update", "2026-12-01")
    assert code == 2 and "--next-update 2026-12-01 is not after the release date 2027-01-15" in out.err
    code = main(["release", "2027.1", "--project", str(project), "--yes", "--date", "2027-01-15", "--next-update", "2027-13-01"])
    assert code == 2 and "--next-update '2027-13-01' is not a real date" in capsys.readouterr().err


# --- the release shows what changed before it asks; quiz items reviewed together (#19 items 8, 9) ----

CITING_BANK = BANK.replace(":tests: std-chronologies", ":tests: std-chronologies\n:cites: std-chronologies#why-it-matters") + """
:::{pm:question} q-bank-chron-two
:tests: std-chronologies

Who reads a chronology?

- [x] The worker
- [ ] A judge
- [ ] A stranger
:::

:::{pm:question} q-bank-module
:tests: mod-chronologies

What does the module teach?

- [x] Chronologies
- [ ] Genograms
- [ ] Ecomaps
:::
"""


def edit_with_note(project):
    standard = project / "docs/standard.md"
    standard.write_text(standard.read_text().replace("Because.", "Because patterns show cumulative harm.")
                        .replace(":owner: Principal social worker", ":owner: Principal social worker\n:change-note: Explains cumulative harm."))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_release_preview_lists_each_change_and_dry_run_writes_nothing(project, capsys):
    (project / ".gitignore").write_text("_build/\n")
    (project / "quizzes/banks/core.md").write_text(CITING_BANK)
    git(project, "init", "-q")
    code, out = release(project, "2027.1", capsys)
    assert code == 0, out.err
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Release 2027.1")
    edit_with_note(project)
    (project / "docs/figures").mkdir()
    (project / "docs/figures/cycle.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")  # new, untracked

    code, out = release(project, "2027.2", capsys, "--dry-run")
    assert code == 0, out.err
    updated = out.out.split("Updated (1):")[1]
    assert "std-chronologies: Chronologies (Practice standard)" in updated
    assert "what changed: section 'why-it-matters' changed" in updated
    assert "change note: Explains cumulative harm." in updated
    assert "not yet reviewed: quiz item(s) q-bank-chron, q-bank-chron-two" in updated
    assert "Quiz items not yet reviewed (2; 2 added by this release)" in out.out
    assert "Dry run: nothing written." in out.out and "docs/releases/2027.2.json" in out.out
    assert not any(p.exists() for p in release_files(project, "2027.2"))
    assert not (project / "quizzes/needs-review.json").exists() and not (project / ".release.lock").exists()

    code, out = release(project, "2027.2", capsys)
    assert code == 0, out.err
    assert "Updated (1):" in out.out and "change note: Explains cumulative harm." in out.out
    add = next(line for line in out.out.splitlines() if line.strip().startswith("git add "))
    named = add.split()[2:]
    for name in ("docs/standard.md", "docs/figures/cycle.svg", "quizzes/needs-review.json", "docs/releases/2027.2.json",
                 "docs/releases/2027.2.md", "docs/releases/whats-new/2027.2.txt", "docs/releases/whats-new/2027.2.html"):
        assert name in named, add
    assert ".gitignore" not in named and not any(n.startswith("_build") for n in named)


def test_reviewed_takes_several_items_and_shows_what_changed_in_the_cited_section(project, capsys):
    (project / "quizzes/banks/core.md").write_text(CITING_BANK)
    assert release(project, "2027.1", capsys)[0] == 0
    edit_with_note(project)
    module = project / "docs/module.md"
    module.write_text(module.read_text().replace("\n:::", "\n\nA new paragraph on chronologies.\n:::", 1))
    assert release(project, "2027.2", capsys)[0] == 0
    waiting = json.loads((project / "quizzes/needs-review.json").read_text())["items"]
    assert sorted(e["item"] for e in waiting) == ["q-bank-chron", "q-bank-chron-two", "q-bank-module"], waiting

    # With no items: the list and what changed, nothing marked.
    assert main(["reviewed", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "3 item(s) waiting for review" in out
    assert len(json.loads((project / "quizzes/needs-review.json").read_text())["items"]) == 3

    assert main(["reviewed", "--standard", "std-chronologies", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    shown = out.split("q-bank-chron (")[1].split("q-bank-chron-two")[0]
    assert "cites std-chronologies#why-it-matters" in shown and "change note: Explains cumulative harm." in shown
    assert "section 'why-it-matters', before (-) and after (+):" in shown
    assert "-Because." in shown and "+Because patterns show cumulative harm." in shown
    assert "Marked 2 item(s) reviewed; 1 still waiting." in out
    assert [e["item"] for e in json.loads((project / "quizzes/needs-review.json").read_text())["items"]] == ["q-bank-module"]

    code = main(["reviewed", "--standard", "std-nothing", "--project", str(project)])
    assert code == 2 and "no item waiting for review tests or cites 'std-nothing'" in capsys.readouterr().err
    assert main(["reviewed", "--all-shown", "--project", str(project)]) == 0
    assert "Marked 1 item(s) reviewed; 0 still waiting." in capsys.readouterr().out
    assert json.loads((project / "quizzes/needs-review.json").read_text())["items"] == []
