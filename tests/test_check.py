"""practice-model check: passes on clean content, catches each planted problem, exits 1 only on errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_project

from practice_model.cli import main
from practice_model.privacy import nhs_number_valid, scan_text

ROOT = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "docs" / "_data" / "cast.toml").write_text('names = ["Dana Okafor", "Jayden Okafor"]\n')
    return tmp_path


def run(project, capsys, *extra):
    code = main(["check", "--project", str(project), "--json", "--today", "2026-11-22", *extra])
    return code, json.loads(capsys.readouterr().out)


def add(project, page, text):
    path = project / "docs" / page
    path.write_text(path.read_text() + "\n" + text + "\n")


def test_clean_content_passes(project, capsys):
    code, report = run(project, capsys)
    assert code == 0 and report["errors"] == 0, report


def test_reviews_due_and_overdue_are_warnings(project, capsys):
    code, report = run(project, capsys, "--due-days", "200")
    assert code == 0
    assert any(f["check"] == "currency" and "due in 99 day(s)" in f["message"] for f in report["findings"])
    code, report = run(project, capsys)
    code2 = main(["check", "--project", str(project), "--json", "--today", "2027-04-01"])
    report = json.loads(capsys.readouterr().out)
    assert code2 == 0 and any("overdue by 31 day(s)" in f["message"] for f in report["findings"])


@pytest.mark.parametrize(("line", "kind"), [
    ("Her NHS number is 943 476 5919.", "NHS number"),
    ("They live at SW1A 1AA now.", "postcode"),
    ("Ring 07700 900123 after school.", "phone number"),
    ("Write to jo.bloggs@gmail.com today.", "email address"),
    ("DOB: 12/03/2015.", "date of birth"),
])
def test_personal_data_is_an_error_with_file_and_line(project, capsys, line, kind):
    add(project, "glossary.md", line)
    code, report = run(project, capsys)
    hits = [f for f in report["findings"] if f["check"] == "personal-data"]
    assert code == 1 and hits, report
    assert hits[0]["where"].startswith("docs/glossary.md:") and kind in hits[0]["message"]


def test_names_in_case_studies_must_be_on_the_cast_list(project, capsys):
    add(project, "glossary.md", ":::{pm:vignette} vig-test\n:title: Test family\n:cast: Dana Okafor\n\nDana Okafor and Jane Smith met.\n:::")
    code, report = run(project, capsys)
    names = [f for f in report["findings"] if "cast list" in f["message"]]
    assert code == 1 and len(names) == 1 and "Jane Smith" in names[0]["message"]


def test_allow_marker_needs_a_reason(project, capsys):
    add(project, "glossary.md", "Helpline 0300 123 4567 <!-- pm-allow: national helpline, public number -->")
    code, report = run(project, capsys)
    assert code == 0, report
    add(project, "glossary.md", "Call 07700 900123 <!-- pm-allow: -->")
    code, report = run(project, capsys)
    assert code == 1 and any("must say why" in f["message"] for f in report["findings"])


def test_broken_link_is_an_error(project, capsys):
    add(project, "glossary.md", "See [](#std-does-not-exist).")
    code, report = run(project, capsys)
    assert code == 1 and any(f["check"] == "links" and "std-does-not-exist" in f["message"] for f in report["findings"]), report


def test_structure_orphans_and_missing_outcomes(project, capsys):
    module = project / "docs" / "module.md"
    text = module.read_text()
    start = text.index(":::{pm:outcome}")
    module.write_text(text[:start] + text[text.index(":::", start + 5) + 3:])
    code, report = run(project, capsys)
    assert code == 1 and any("has no learning outcomes" in f["message"] for f in report["findings"])


def test_framework_gaps_for_an_inactive_framework_are_warnings(project, capsys):
    code, report = run(project, capsys, "--framework", "kss-as-2015")
    assert any(f["check"] == "framework" for f in report["findings"])
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + '\npm_frameworks_active = ["pcf-2018", "kss-cf-2018", "swe-2019"]\n')
    code, report = run(project, capsys, "--framework", "kss-as-2015")
    assert code == 0
    assert all(f["severity"] == "warning" for f in report["findings"] if f["check"] == "framework")


def test_table_output(project, capsys):
    add(project, "glossary.md", "Ring 07700 900123.")
    assert main(["check", "--project", str(project), "--today", "2026-11-22"]) == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "personal-data" in out and "docs/glossary.md" in out


def test_nhs_check_digit():
    assert nhs_number_valid("9434765919") and not nhs_number_valid("9434765918") and not nhs_number_valid("1234567890")


def test_scan_only_flags_names_on_case_study_lines():
    text = "Jane Smith wrote this.\nJane Smith visited the family."
    assert [f.line for f in scan_text("x.md", text, set(), {2})] == [2]


def test_a_word_before_an_invented_first_name_is_not_a_full_name():
    text = "Tell Sharon what happens next. Sharon Price agreed. Sharon Smith came too."
    found = [f.text for f in scan_text("x.md", text, {"Sharon Price"}, None)]
    assert found == ["Sharon Smith"]


def test_only_lines_inside_a_vignette_are_case_study_lines(project, capsys):
    add(project, "glossary.md", ":::{pm:vignette} vig-span\n:title: Span test\n:cast: Dana Okafor\n\nDana Okafor and Jane Smith met.\n:::\n"
                                "Written by Reviewing Team after the case study.")
    code, report = run(project, capsys)
    flagged = [f["message"] for f in report["findings"] if "cast list" in f["message"]]
    assert flagged and all("Jane Smith" in m for m in flagged), flagged


def test_each_build_problem_is_one_finding(project, capsys):
    """A missing required field and a missing section are two problems: two findings, not one per layer."""
    standard = project / "docs" / "standard.md"
    text = standard.read_text().replace(":owner: Principal social worker\n", "").replace("## Common pitfalls\nPitfall.\n", "")
    standard.write_text(text)
    code, report = run(project, capsys)
    about = [f for f in report["findings"] if "std-chronologies" in f["message"] and f["severity"] == "error"]
    assert code == 1 and len(about) == 2, about
    assert any(":owner:" in f["message"] for f in about) and any("Common pitfalls" in f["message"] for f in about)
    assert all(f["where"] == "docs/standard.md:3" for f in about), about


def test_check_reads_each_warnings_type_from_the_log_record(project, capsys):
    """The type comes from the build's log record, not from the text Sphinx prints (which may leave it out)."""
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + "\nshow_warning_types = False\n")
    add(project, "glossary.md", "See [](#std-does-not-exist).\n\n:::{pm:term} term-no-title\n\nText.\n:::")
    code, report = run(project, capsys)
    link = [f for f in report["findings"] if "std-does-not-exist" in f["message"]]
    assert code == 1 and [f["check"] for f in link] == ["links"], report
    missing = [f for f in report["findings"] if "term-no-title" in f["message"]]
    assert len(missing) == 1 and missing[0]["message"].endswith("[pm.missing-field]"), missing
    assert re.fullmatch(r"docs/glossary\.md:\d+", missing[0]["where"]), missing
