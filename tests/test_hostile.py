"""Hostile or careless page content: raw HTML that runs script, and nesting the parser cannot hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, copy_project, warnings_of
from practice_model.cli import main

pytestmark = pytest.mark.sphinx("html", testroot="hostile", freshenv=True)


def test_raw_html_that_runs_script_is_a_typed_warning_and_not_published(app):
    app.build()
    found = [w for w in warnings_of(app) if "[pm.raw-html]" in w]
    expected = {3: "<script>", 5: "onerror=", 12: "href=javascript:", 15: "<iframe>"}
    for line, what in expected.items():
        assert any(f"rawhtml.md:{line}:" in w and what in w for w in found), f"line {line} ({what}) not reported:\n" + "\n".join(found)
    assert len(found) == len(expected), "harmless HTML (<kbd>, <details open>) must not be reported:\n" + "\n".join(found)
    page = (Path(app.outdir) / "rawhtml.html").read_text(encoding="utf-8")
    for published in ("<script>alert", "onerror=", "ascript:alert", "<iframe"):
        assert published not in page
    assert "<kbd>Ctrl</kbd>" in page and "<details open>" in page and "The end of the page." in page


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True, warningiserror=True)
def test_raw_html_fails_a_strict_build(app):
    app.build()
    assert app.statuscode == 1


def test_quiz_page_script_inserts_data_as_text():
    """The practice quiz's "Check my answer" must not parse answers or feedback as HTML (an <img onerror> would run)."""
    scripts = [REPO / "practice_model" / "templates" / "quiz" / "learner.html.j2", *sorted((REPO / "practice_model" / "static").glob("*.js"))]
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", text), f"{path.name} parses strings as HTML"


def test_check_reports_raw_html(tmp_path, capsys):
    project = copy_project(tmp_path)
    glossary = project / "docs" / "glossary.md"
    line = len(glossary.read_text().splitlines()) + 2
    glossary.write_text(glossary.read_text() + "\n<img src=x onerror=alert(1)>\n")
    code = main(["check", "--project", str(project), "--json", "--today", "2026-11-22"])
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["check"] == "raw-html"]
    assert code == 1 and [(f["severity"], f["where"]) for f in found] == [("error", f"docs/glossary.md:{line}")], report


def test_content_lost_to_deep_nesting_is_a_typed_warning(app):
    """A 12-level list: markdown-it stops reading at its nesting limit and drops the rest, here the paragraph after it."""
    app.build()
    found = [w for w in warnings_of(app) if "[pm.nesting]" in w]
    assert len(found) == 2, "\n".join(warnings_of(app))
    page = (Path(app.outdir) / "nesting.html").read_text(encoding="utf-8")
    # In the term's body (parsed on its own, line numbers offset) and at page level; each names the lines lost.
    for line, lost, text in ((15, "lines 15-19", "The last paragraph of the body."), (31, "lines 31-35", "The paragraph after the list.")):
        assert any(f"nesting.md:{line}:" in w and lost in w for w in found), "\n".join(found)
        assert text not in page  # what the warning is about: the parser really drops it
    assert "level 8" in page and "body level 8" in page
