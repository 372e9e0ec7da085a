"""Each rule is written once: warning types in one registry, question types in one list, option rules in one function."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from conftest import copy_project
from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.kinds import KINDS, QUESTION_TYPES
from practice_model.quiz.banks import load_bank
from practice_model.validation import validate_object
from practice_model.warnings_ import PMWarning, warn

PACKAGE = Path(__file__).parent.parent / "practice_model"


def test_the_authoring_guide_lists_every_warning_type(handbook):
    page = lxml.html.fromstring((handbook / "contributing" / "authoring.html").read_text(encoding="utf-8"))
    def text(cell) -> str:
        return " ".join(cell.text_content().translate({0x2018: "'", 0x2019: "'"}).split())  # undo smart quotes

    rows = {text(row.xpath("./td[1]")[0]): text(row.xpath("./td[2]")[0])
            for row in page.find_class("pm-warning-types")[0].xpath(".//tbody/tr")}
    assert rows == {member.full_name: member.description for member in PMWarning}


def test_every_pm_warning_goes_through_the_registry():
    sources = {path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if path.name != "warnings_.py"}
    free = [f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}" for path, text in sources.items()
            for m in re.finditer(r'type="pm"|subtype=|warn\([^)]*,\s*"[a-z-]+"', text)]
    assert not free, f"warnings with a free-string type: {free}"
    used = {name for text in sources.values() for name in re.findall(r"PMWarning\.([A-Z_]+)", text)}
    assert used == {member.name for member in PMWarning}, "registry members no code gives, or the reverse"
    with pytest.raises(TypeError):
        warn("a message", "missing-field", None)  # type: ignore[arg-type]


def test_every_schema_lists_the_question_types():
    enums = []
    for path in sorted((PACKAGE / "schema").glob("*.json")):
        def collect(node, path=path):
            if isinstance(node, dict):
                if "truefalse" in node.get("enum", ()):
                    enums.append((path.name, node["enum"]))
                for value in node.values():
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)
        collect(json.loads(path.read_text(encoding="utf-8")))
    assert {name for name, _ in enums} >= {"blueprint.schema.json", "quiz-manifest.schema.json"}
    for name, enum in enums:
        assert [t for t in enum if t != "scenario"] == list(QUESTION_TYPES), name  # "scenario": a blueprint's slot kind


def test_one_function_reads_options_for_the_handbook_and_the_banks():
    question = KINDS["question"]
    on_page = validate_object(question, "q-x", {"difficulty": "5"}, page_object="std-a")
    assert on_page.links == {"tests": ["std-a"]}
    assert [(p.subtype, p.message) for p in on_page.problems] == [
        (PMWarning.BAD_CHOICE, "':difficulty: 5' is not allowed; choose from 1, 2, 3")]
    in_bank = validate_object(question, "x-q", {}, parent_required=True)
    assert [p.subtype for p in in_bank.problems] == [PMWarning.ID_PREFIX, PMWarning.MISSING_FIELD]
    outcome = validate_object(KINDS["outcome"], "out-a", {"maps": "pcf-1 pcf-99"}, item_exists=lambda i: i == "pcf-1")
    assert outcome.fields == {"maps": ["pcf-1"]} and [p.subtype for p in outcome.problems] == [PMWarning.UNKNOWN_FRAMEWORK_ITEM]


QUESTION = ":::{{pm:question}} q-one\n:tests: std-chronologies\n{option}\n\nWhat is it?\n\n- [x] Right\n- [ ] Wrong\n:::\n"


def test_a_bank_refuses_with_the_words_the_handbook_warns_with(tmp_path, capsys):
    """The same mistake in a bank and on a page: one rule, one message (a bank error at file:line, a typed warning)."""
    bank = tmp_path / "bank.md"
    bank.write_text("# Bank\n\n" + QUESTION.format(option=":difficulty: 5"), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_bank(bank)
    assert (caught.value.path, caught.value.line) == (str(bank), 3)
    assert caught.value.message == "':difficulty: 5' is not allowed; choose from 1, 2, 3"

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "glossary.md"
    page.write_text(page.read_text() + "\n" + QUESTION.format(option=":difficulty: 5"))
    main(["check", "--project", str(project), "--json", "--today", "2026-11-22"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert f"{caught.value.message} [{PMWarning.BAD_CHOICE.full_name}]" in [f["message"] for f in findings]
