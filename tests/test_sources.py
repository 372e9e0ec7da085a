"""Sources of law and guidance: the source kind, citing at the point of the claim, and what check reports."""

from __future__ import annotations

import json

import pytest

from conftest import copy_project
from practice_model.cli import main

SOURCE = """
:::{pm:source} src-test-act
:title: Test Act 2020, s1
:full-title: The Test Act 2020, section 1: a duty to test
:type: legislation
:url: https://www.legislation.gov.uk/ukpga/2020/1/section/1
:checked: 2026-06-01

What section 1 requires.
:::
"""


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "docs" / "_data" / "cast.toml").write_text('names = ["Dana Okafor", "Jayden Okafor"]\n')
    add(tmp_path, "glossary.md", SOURCE)
    return tmp_path


def add(project, page, text):
    path = project / "docs" / page
    path.write_text(path.read_text() + "\n" + text + "\n")


def run(project, capsys, today="2026-11-22"):
    code = main(["check", "--project", str(project), "--json", "--today", today])
    return code, json.loads(capsys.readouterr().out)


def law_findings(report):
    return [f for f in report["findings"] if f["check"] in ("law", "sources")]


def model_of(project) -> dict:
    return json.loads((project / "_build" / "html" / "practice-model.json").read_text())


def test_a_cited_statement_links_both_ways_and_reads_as_a_citation(project, capsys):
    add(project, "standard.md", "The council must test every widget ({pm:cite}`src-test-act`).")
    code, report = run(project, capsys)
    assert not [f for f in law_findings(report) if f["severity"] == "error"], report
    model = {o["id"]: o for o in model_of(project)["objects"]}
    standard = next(o for o in model.values() if o["kind"] == "standard")
    assert standard["links"]["sources"] == ["src-test-act"]
    assert model["src-test-act"]["backlinks"]["standard.sources"] == [standard["id"]]
    page = (project / "_build" / "html" / f"{standard['source']['docname']}.html").read_text()
    assert '<a class="reference internal" href="glossary.html#src-test-act" title="Test Act 2020, s1">' \
           '<span class="pm-xref pm-xref-source">Test Act 2020, s1</span></a>' in page


def test_uncited_law_is_an_error_with_file_and_line(project, capsys):
    add(project, "standard.md", "Partners must share the chronology within two days.")
    code, report = run(project, capsys)
    hits = [f for f in law_findings(report) if "cites no source" in f["message"]]
    assert code == 1 and len(hits) == 1, report
    text = (project / "docs" / "standard.md").read_text().splitlines()
    line = int(hits[0]["where"].rsplit(":", 1)[1])
    assert hits[0]["where"].startswith("docs/standard.md:") and "must share the chronology" in text[line - 1]


def test_legislation_written_as_should_is_a_warning(project, capsys):
    add(project, "standard.md", "You should test every widget ({pm:cite}`src-test-act`).")
    code, report = run(project, capsys)
    hits = [f for f in law_findings(report) if "says 'should'" in f["message"]]
    assert code == 0 and len(hits) == 1 and hits[0]["severity"] == "warning", report


def test_a_source_not_checked_for_a_year_is_an_error(project, capsys):
    code, report = run(project, capsys, today="2027-06-02")
    hits = [f for f in law_findings(report) if f["check"] == "sources"]
    assert code == 1 and len(hits) == 1 and "src-test-act" in hits[0]["message"] and hits[0]["where"].startswith("docs/glossary.md:")
    code, report = run(project, capsys, today="2027-05-31")
    assert not [f for f in law_findings(report) if f["check"] == "sources"]


def test_a_source_needs_its_fields(project, capsys):
    add(project, "glossary.md", ":::{pm:source} src-bare\n:title: Bare\n\nNo type, no link.\n:::")
    code, report = run(project, capsys)
    messages = " ".join(f["message"] for f in report["findings"])
    assert code == 1 and ":type:" in messages and ":url:" in messages and ":checked:" in messages


def test_check_rejects_a_bad_today(project, capsys):
    code = main(["check", "--project", str(project), "--today", "2027-02-30"])
    assert code == 2 and "is not a date" in capsys.readouterr().err


def test_expectations_need_the_law_apart_from_our_practice(project, capsys):
    standard = project / "docs" / "standard.md"
    standard.write_text(standard.read_text().replace("### Our practice\n", ""))
    code, report = run(project, capsys)
    hits = [f for f in report["findings"] if f["check"] == "structure" and "labelled part" in f["message"]]
    assert code == 1 and len(hits) == 1 and "'### Our practice'" in hits[0]["message"], report
    assert hits[0]["where"].startswith("docs/standard.md:")


def test_the_shipped_handbook_cites_its_law_and_checks_its_sources(handbook):
    """Every statement of law in the handbook is cited, every source checked within the year, every standard
    cites at least three sources and keeps the law apart from our practice (the build's model, judged as check does)."""
    import datetime

    from practice_model import check
    from practice_model.model import load_model

    model = load_model(handbook / "practice-model.json")
    checked = max(datetime.date.fromisoformat(s["fields"]["checked"]) for s in model.of_kind("source"))
    findings = check.law_and_sources(model, checked) + [f for f in check.structure(model) if "labelled part" in f.message]
    assert findings == [], "\n".join(f"{f.where}: {f.message}" for f in findings)
    assert len(model.of_kind("source")) >= 40
