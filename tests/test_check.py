"""practice-model check: passes on clean content, catches each planted problem, exits 1 only on errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_project
from practice_model.allow import CHECKS, allowed_checks
from practice_model.build_inputs import build_inputs
from practice_model.check import personal_data
from practice_model.cli import main
from practice_model.model import Model, load_model
from practice_model.privacy import nhs_number_valid, scan_text
from practice_model.project import Project

ROOT = Path(__file__).parent / "roots" / "test-basic"
REPO = Path(__file__).parent.parent


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "docs" / "_data" / "cast.toml").write_text('names = ["Dana Okafor", "Jayden Okafor"]\n')
    return tmp_path


def run(project, capsys, *extra):
    code = main(["check", "--project", str(project), "--json", "--today", "2026-11-22", *extra])
    return code, json.loads(capsys.readouterr().out)


def add(project, page, text):
    """Append text to a page; the line number where it starts."""
    path = project / "docs" / page
    old = path.read_text()
    path.write_text(old + "\n" + text + "\n")
    return len((old + "\n").splitlines()) + 1


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


def personal(report):
    return [f for f in report["findings"] if f["check"] == "personal-data"]


def test_allow_marker_names_the_check_and_turns_off_only_that_one(project, capsys):
    # Issue 13 item 17: a marker used to turn off every check on its line, whatever it said.
    add(project, "glossary.md", "Helpline 0300 123 4567 <!-- pm-allow phone: national helpline, public number -->")
    code, report = run(project, capsys)
    assert code == 0, report
    line = add(project, "glossary.md", "Helpline 0300 123 4567, or jo.bloggs@gmail.com <!-- pm-allow phone: national helpline -->")
    code, report = run(project, capsys)
    hits = personal(report)
    assert code == 1 and [h["where"] for h in hits] == [f"docs/glossary.md:{line}"], report
    assert "email address" in hits[0]["message"] and "jo.bloggs@gmail.com" in hits[0]["message"]


@pytest.mark.parametrize(("marker", "problem"), [
    ("<!-- pm-allow: national helpline, public number -->", "must name the check"),  # the old syntax
    ("<!-- pm-allow phone: -->", "must say why"),
    ("<!-- pm-allow phone -->", "must name the check"),
    ("<!-- pm-allow telephone: helpline -->", "unknown check 'telephone'"),
])
def test_a_marker_without_a_check_or_a_reason_is_itself_a_finding(project, capsys, marker, problem):
    add(project, "glossary.md", f"Call 07700 900123 {marker}")
    code, report = run(project, capsys)
    hits = personal(report)
    assert code == 1 and any(problem in h["message"] for h in hits), report
    assert any("phone number" in h["message"] for h in hits), "a broken marker allows nothing"


def test_every_finding_kind_is_a_check_a_marker_can_name():
    text = "943 476 5919 SW1A 1AA 07700 900123 jo@gmail.com DOB: 1/2/2015 Jane Doe"
    kinds = {f.kind for f in scan_text("x.md", text, set())}
    assert kinds == {"nhs-number", "postcode", "phone", "email", "date-of-birth", "name"} and kinds <= set(CHECKS)
    assert allowed_checks(text + " <!-- pm-allow name: x --> <!-- pm-allow email: y -->") == {"name", "email"}


def test_a_marker_reason_is_scanned_too():
    """HTML comments are published in the page's source, so a reason must hold no personal data."""
    found = scan_text("x.md", "Ring 0808 800 5000. <!-- pm-allow phone: Jane Doe said it is public -->", set())
    assert [(f.kind, f.text) for f in found] == [("name", "Jane Doe")]


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


def test_names_are_checked_on_every_line_not_only_in_case_studies(project, capsys):
    # Issue 13 item 14: prose, a heading and a table cell outside any vignette used to pass.
    n = add(project, "standard.md", "Jane Doe was seen at home.\n\n## Visit by Ann Other\n\n| Who | When |\n| --- | --- |\n| Siobhán O'Brien | May |")
    code, report = run(project, capsys)
    hits = {h["where"]: h["message"] for h in personal(report)}
    prose, heading, cell = (f"docs/standard.md:{n + i}" for i in (0, 2, 6))
    assert code == 1 and sorted(hits) == sorted([prose, heading, cell]), report
    assert "Jane Doe" in hits[prose] and "Ann Other" in hits[heading]
    assert "Siobhán O'Brien" in hits[cell] and "cast list" in hits[cell]


def test_cast_names_citations_and_source_objects_are_exempt():
    text = ("Dana Okafor and Jayden Okafor met.\n"  # the cast list
            "As Eileen Munro (2011) argued, and Ferguson et al. found.\n"  # a citation in prose
            "See {cite}`Harry Ferguson 2016` and [Eileen Munro's review](#src-munro-2011).\n"  # a role, a source link
            "Under Clare's Law and the Anyshire Council scheme.\n"  # a named case, an organisation
            "Eileen Munro. The Munro review of child protection.\n"  # inside a source object (line 5)
            "Jane Doe was seen.")
    found = scan_text("x.md", text, {"Dana Okafor", "Jayden Okafor"}, exempt_lines={5})
    assert [(f.line, f.text) for f in found] == [(6, "Jane Doe")]


def test_names_inside_a_source_object_are_exempt(tmp_path):
    """A source object (kind 'source' or an src- ID, as issue 15 adds) is read from the model's spans."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "conf.py").write_text("")
    (tmp_path / "docs" / "refs.md").write_text(":::{pm:source} src-munro-2011\nEileen Munro, 2011\n:::\nEileen Munro said so.\n")
    model = Model({"objects": [{"id": "src-munro-2011", "kind": "source", "fields": {},
                                "source": {"file": "refs.md", "line": 1, "end_line": 3}}]}, tmp_path / "model.json")
    found = personal_data(Project(tmp_path), model, [])
    assert [f.where for f in found] == ["docs/refs.md:4"]


def test_the_shipped_handbook_has_no_personal_data_findings(handbook):
    """Every file the real build reads, and the quiz banks: no finding, so no false positive either."""
    banks = sorted((REPO / "quizzes" / "banks").glob("*.md"))
    assert banks
    assert personal_data(Project(REPO), load_model(handbook / "practice-model.json"), banks) == []


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


EVASIONS = [
    ("NHS number 943.476.5919.", "nhs-number"),
    ("NHS number 943 476 5919.", "nhs-number"),
    ("NHS number 943\u00a0476\u00a05919.", "nhs-number"),  # non-breaking spaces
    ("NHS number 943&nbsp;476&nbsp;5919.", "nhs-number"),
    ("NHS number 943\u200b476\u200b5919.", "nhs-number"),  # zero-width spaces
    ("NHS number \uff19\uff14\uff13 476 5919.", "nhs-number"),  # full-width digits
    ("They live at sw1a  1aa.", "postcode"),
    ("They live at SW1A\u00a01AA.", "postcode"),
    ("Ring 07700.900.123.", "phone"),
    ("D.O.B.: 12/03/2015", "date-of-birth"),
    ("DOB 2015-02-01", "date-of-birth"),
    ("Born 1 Feb 2015 in Leeds.", "date-of-birth"),
    ("JANE DOE was seen.", "name"),
    ("Seen by Zoë Ní Bhriain today.", "name"),
    ("Mary McDonald and Sean O\u2019Neill came.", "name"),
    ("Jane *Doe*'s mother.", "name"),
    ("Write to Jo.Bloggs@GMAIL.COM.", "email"),
]


@pytest.mark.parametrize(("line", "kind"), EVASIONS)
def test_evasions_are_caught(line, kind):
    # Issue 13 item 15: spacing, entities, case and look-alike characters used to hide these.
    assert kind in {f.kind for f in scan_text("x.md", line, set())}


def test_evasions_are_caught_with_file_and_line(project, capsys):
    n = add(project, "standard.md", "\n".join(line for line, _ in EVASIONS))
    code, report = run(project, capsys)
    where = {h["where"] for h in personal(report)}
    assert code == 1 and where == {f"docs/standard.md:{n + i}" for i in range(len(EVASIONS))}, report


def test_public_numbers_and_dates_are_not_personal_data():
    text = ("Review due 2026-11-01, next 2027-05-01; version 2026.1.\nBorn in 2015, she is now 11.\n"
            "NHS number 943 476 5918 has a wrong check digit.\nWrite to team@example.org.\nKSS ASYE PCF MASH")
    assert scan_text("x.md", text, set()) == []


def test_data_and_included_files_are_scanned(project, capsys):
    # Issue 13 item 16: only Markdown under docs/ used to be read.
    themes = (project / "docs" / "_data" / "themes.toml").read_text()
    (project / "docs" / "_data" / "inspection-themes.toml").write_text(
        themes + '\n[[themes]]\nid = "theme-contact"\ntitle = "Contact"\n'
                 'description = "Ask jo.bloggs@gmail.com about NHS 943 476 5919."\n')
    conf = project / "conf.py"
    conf.write_text(conf.read_text().replace('"docs/_data/themes.toml"', '"docs/_data/inspection-themes.toml"'))
    (project / "shared").mkdir()
    (project / "shared" / "contacts.md").write_text("Ring 07700 900123.\n")
    add(project, "standard.md", "```{include} ../shared/contacts.md\n```")
    code, report = run(project, capsys)
    hits = sorted((h["where"], h["message"].split(";")[0]) for h in personal(report))
    line = len(themes.splitlines()) + 5
    assert code == 1 and hits == [
        (f"docs/_data/inspection-themes.toml:{line}", "looks like an NHS number (valid check digit)"),
        (f"docs/_data/inspection-themes.toml:{line}", "looks like an email address"),
        ("shared/contacts.md:1", "looks like a phone number"),
    ], report


def test_build_inputs_follow_conf_settings_and_nested_includes(tmp_path):
    (tmp_path / "conf.py").write_text('pm_themes_file = "data/themes.toml"\npm_framework_dirs = ["frameworks"]\n')
    for name in ("docs/index.md", "docs/logo.png", "docs/_build/html/x.md", "data/themes.toml", "data/unused.toml",
                 "frameworks/local.toml", "shared/a.md", "shared/b.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    (tmp_path / "docs" / "index.md").write_text(":::{include} ../shared/a.md\n:::\n")
    (tmp_path / "shared" / "a.md").write_text("```{literalinclude} b.txt\n```\n")
    found = {str(p.relative_to(tmp_path.resolve())) for p in build_inputs(tmp_path)}
    assert found == {"conf.py", "docs/index.md", "data/themes.toml", "frameworks/local.toml", "shared/a.md", "shared/b.txt"}


def test_ordinary_words_in_title_case_are_not_names_but_ids_do_not_make_names_ordinary():
    from practice_model.privacy import ordinary_words

    ordinary = ordinary_words(["critical reflection and professional leadership", "see vig-jane-doe or jane.doe@gmail.com"])
    assert {"critical", "reflection", "leadership"} <= ordinary and not {"jane", "doe"} & ordinary
    found = scan_text("x.md", "Critical Reflection with Jane Doe.", set(), ordinary=ordinary)
    assert [f.text for f in found] == ["Jane Doe"]


def test_section_numbers_are_not_postcodes_but_postcodes_still_are():
    from practice_model.privacy import scan_text

    text = "New s31ZA and ss17ZA-17ZD, and s16EA of the 2004 Act.\nShe lives at SW1A1AA.\nOr sw1a 1aa."
    found = [(f.line, f.text) for f in scan_text("x.md", text, set(), None) if "postcode" in f.message]
    assert [line for line, _ in found] == [2, 3], found


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
