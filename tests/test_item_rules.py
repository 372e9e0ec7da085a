"""Item-writing rules (issue 16 item 1): each rule fires on an item that breaks it, at the item's file and line,
and on nothing else; the allow marker turns off only its rule; quiz stops on errors; check --items counts cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from practice_model import check
from practice_model.allow import CHECKS
from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.model import load_model
from practice_model.quiz.banks import load_bank, load_banks
from practice_model.quiz.item_rules import (
    SEVERITY,
    Reference,
    check_items,
    reference_from,
)

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
ROOT = Path(__file__).parent / "roots" / "test-basic"
HEADER = "# Bank\n\nIntro line.\n\n"  # the first item opens on line 5


def item(qid: str, stem: str, options: str, qtype: str = "", marker: str = "") -> str:
    typeline = f":type: {qtype}\n" if qtype else ""
    return (f":::{{pm:question}} {qid}{(' ' + marker) if marker else ''}\n:tests: std-chronologies\n:level: application\n"
            f":cites: std-chronologies\n{typeline}\n{stem}\n\n{options}\n:::\n\n")


CLEAN = item("q-r-clean", "A father visits weekly but no one has spoken with him. What should you do next?",
             "- [x] Arrange to meet him and ask about his part in the care\n"
             "- [ ] Ask the mother to describe him and record her account\n"
             "- [ ] Wait to contact him until the case reaches the court stage\n"
             "- [ ] Send him a letter and close the case if he does not reply")

# rule -> an item that breaks that rule and no other
BREAKS = {
    "key-longest": item("q-r-visit", "Which step comes first after a referral is accepted by the team?",
                        "- [x] Read the history, speak with the referrer and agree with the manager how to see the child soon\n"
                        "- [ ] Phone the family\n- [ ] Email a school\n- [ ] Write a plan"),
    "key-hedged": item("q-r-visit", "Which describes the effect of neglect on a baby's growth?",
                       "- [x] Growth can slow over weeks\n- [ ] Growth stops within days\n"
                       "- [ ] Growth speeds after a month\n- [ ] Growth is unaffected by food"),
    "stem-key-overlap": item("q-r-visit", "Which record helps you see a pattern of referrals?",
                             "- [x] A chronology showing the pattern\n- [ ] A genogram of relatives\n"
                             "- [ ] An ecomap of agencies\n- [ ] A case note of one visit"),
    "absolute-distractor": item("q-r-visit", "How should a worker treat a parent's account of an injury?",
                                "- [x] Weigh it against the other evidence\n- [ ] Accept it always as the truth\n"
                                "- [ ] Reject it as a cover story\n- [ ] Record it as settled fact"),
    "all-none-above": item("q-r-visit", "Which agency attends a strategy discussion?",
                           "- [x] Police\n- [ ] Housing\n- [ ] Leisure\n- [ ] None of the above"),
    "negative-stem": item("q-r-visit", "Which agency is not part of a strategy discussion?",
                          "- [x] Leisure\n- [ ] Police\n- [ ] Health\n- [ ] School"),
    "id-gives-answer": item("q-r-police", "Which agency must attend every strategy discussion?",
                            "- [x] Police\n- [ ] Housing\n- [ ] Leisure\n- [ ] Library"),
    "all-but-one": "".join(item(f"q-r-multi-{n}", stem, "- [x] Dates\n- [x] Sources\n- [x] Analysis\n- [ ] Gossip", "multiple")
                           for n, stem in enumerate(("Which belong in a chronology? Choose all that apply.",
                                                     "What should a supervision record hold? Tick each one."))),
    "true-false-balance": "".join(item(f"q-r-tf-{n}", statement, "- [x] True\n- [ ] False", "truefalse")
                                  for n, statement in enumerate(("A chronology is analysis.", "Fathers matter to children.",
                                                                 "Supervision is a right."))),
    "duplicate-stem": item("q-r-one", "Who chairs an initial child protection conference?",
                           "- [x] Judge\n- [ ] Nurse\n- [ ] Tutor\n- [ ] Pilot")
                      + item("q-r-two", "Who chairs the initial child protection conference?",
                             "- [x] Judge\n- [ ] Nurse\n- [ ] Tutor\n- [ ] Pilot"),
    "published-duplicate": item("q-r-visit", "What is a chronology mainly for?",
                                "- [x] Trend\n- [ ] Calls\n- [ ] Fees.\n- [ ] Rotas"),
    "vignette-prompts": item("q-r-visit", "Kerry has three referrals. What does the pattern tell you that no single referral did?",
                             "- [x] Harm adds up\n- [ ] Kerry lies\n- [ ] Tyler is fine\n- [ ] Mia fell"),
}
# The line each finding is reported at: the opening line of the item it names.
LINES = {"all-but-one": 5, "true-false-balance": 5, "duplicate-stem": 5 + 13}  # an item takes 13 lines


class StubModel:
    """What reference_from reads: the handbook's practice questions and vignettes, as in the model JSON."""

    def of_kind(self, kind):
        return {
            "question": [{"id": "q-published", "question": {"stem": "What is a chronology for, mainly?",
                                                            "options": [{"text": "Seeing patterns", "correct": True}]}}],
            "vignette": [{"id": "vig-repeat", "text": "Kerry has three children.\n\nTo think about: What does the pattern "
                                                      "tell you that no\nsingle referral did? How would you hear Tyler?"}],
        }[kind]


def findings(tmp_path, text: str):
    path = tmp_path / "bank.md"
    path.write_text(HEADER + text, encoding="utf-8")
    return path, check_items(load_bank(path), reference_from(StubModel()))


def test_every_rule_has_an_allow_marker_name():
    # level and cites are tested on their own below (they need the handbook's anchors)
    assert set(SEVERITY) <= set(CHECKS) and set(SEVERITY) - {"level", "cites"} == set(BREAKS)


def test_a_clean_item_triggers_no_rule(tmp_path):
    assert findings(tmp_path, CLEAN)[1] == []


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_each_rule_fires_alone_at_the_items_file_and_line(tmp_path, rule):
    path, found = findings(tmp_path, BREAKS[rule] + CLEAN)
    assert [(f.rule, f.where) for f in found] == [(rule, f"{path}:{LINES.get(rule, 5)}")], found
    assert found[0].severity == SEVERITY[rule] and found[0].message


def test_a_true_false_id_naming_the_verdict_gives_the_answer(tmp_path):
    path, found = findings(tmp_path, item("q-r-cp-myth", "A chronology lists every phone call.", "- [ ] True\n- [x] False", "truefalse"))
    assert [(f.rule, f.where) for f in found] == [("id-gives-answer", f"{path}:5")] and "'myth'" in found[0].message


def test_reference_reads_prompts_and_published_questions():
    reference = reference_from(StubModel())
    assert [" ".join(p.split()) for _, p in reference.prompts] == [
        "What does the pattern tell you that no single referral did?", "How would you hear Tyler?"]
    assert reference.published == (("q-published", "What is a chronology for, mainly?", ("Seeing patterns",)),)


def test_emphasised_negative_and_balanced_true_false_pass(tmp_path):
    emphasised = BREAKS["negative-stem"].replace("is not part", "is **not** part")
    capitals = BREAKS["negative-stem"].replace("is not part", "is NOT part")
    balanced = BREAKS["true-false-balance"].replace("- [x] True\n- [ ] False", "- [ ] True\n- [x] False", 1)
    for text in (emphasised, capitals, balanced):
        assert findings(tmp_path, text)[1] == [], text


def test_allow_marker_turns_off_only_its_rule(tmp_path):
    both = item("q-r-visit", "Which describes the effect of neglect on a baby's growth?",
                "- [x] Growth can slow over a number of weeks and months, and catch up with good care\n"
                "- [ ] Growth stops\n- [ ] Growth speeds up\n- [ ] No effect")
    assert {f.rule for f in findings(tmp_path, both)[1]} == {"key-longest", "key-hedged"}
    allowed = both.replace("q-r-visit", "q-r-visit <!-- pm-allow key-longest: the key states the evidence in full -->", 1)
    path, found = findings(tmp_path, allowed)
    assert [(f.rule, f.where) for f in found] == [("key-hedged", f"{path}:5")]
    other = both.replace("q-r-visit", "q-r-visit <!-- pm-allow phone: not this rule -->", 1)
    assert {f.rule for f in findings(tmp_path, other)[1]} == {"key-longest", "key-hedged"}


@pytest.mark.parametrize(("marker", "words"), [
    ("<!-- pm-allow key-longes: typo -->", "unknown check 'key-longes'"),
    ("<!-- pm-allow key-longest: -->", "must say why"),
])
def test_a_bad_allow_marker_is_an_error_at_its_line(tmp_path, marker, words):
    path = tmp_path / "bank.md"
    path.write_text(HEADER + item("q-r-visit", "Stem?", "- [x] a\n- [ ] b", marker=marker), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_bank(path)
    assert err.value.line == 5 and words in err.value.message


# --- wired into quiz and check -------------------------------------------------------------------------------



def test_quiz_stops_on_an_item_writing_error_before_writing(model_path, quiz_dir, tmp_path, capsys):
    (quiz_dir / "banks" / "zz-rules.md").write_text(HEADER + BREAKS["all-none-above"], encoding="utf-8")
    out = tmp_path / "out"
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "zz-rules.md:5: [all-none-above]" in err and "Traceback" not in err, err
    assert not out.exists()


def test_quiz_lists_warnings_and_still_writes(model_path, quiz_dir, tmp_path, capsys):
    (quiz_dir / "banks" / "zz-rules.md").write_text(HEADER + BREAKS["key-hedged"], encoding="utf-8")  # a warning rule
    out = tmp_path / "out"
    code = main(["quiz", str(quiz_dir / "test-quiz.toml"), "--model", str(model_path), "--learner", "S1", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and (out / "manifest.json").exists()
    assert "item-writing rules:" in err and "key-hedged" in err and "'practice-model check' lists each" in err, err


def test_check_reports_item_findings_under_items(model_path, quiz_dir):
    bank = quiz_dir / "banks" / "zz-rules.md"
    bank.write_text(HEADER + BREAKS["all-none-above"] + BREAKS["key-hedged"].replace("q-r-visit", "q-r-other"), encoding="utf-8")
    found = [f for f in check.bank_findings(load_model(model_path), [bank])]
    assert [(f.severity, f.check, f.where) for f in found] == [
        ("error", "items", f"{bank}:5"), ("warning", "items", f"{bank}:18")], found
    assert "[all-none-above]" in found[0].message and "[key-hedged]" in found[1].message


def test_check_items_prints_cue_statistics(tmp_path, capsys):
    project = copy_project(tmp_path)
    banks = project / "quizzes" / "banks"
    banks.mkdir(parents=True)
    (banks / "a.md").write_text(HEADER + BREAKS["key-longest"] + CLEAN + BREAKS["all-but-one"] + BREAKS["true-false-balance"]
                                + BREAKS["negative-stem"].replace("q-r-visit", "q-r-neg").replace("- [x] Leisure\n- [ ] Police",
                                                                                                  "- [ ] Leisure\n- [x] Police"),
                                encoding="utf-8")
    assert main(["check", "--items", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "quizzes/banks/a.md:" in out and "all banks:" in out
    assert "key is the longest option (single answer): 1/3 (33%)" in out
    assert "key position in the source (single answer): A 2, B 1, C 0, D 0, E 0" in out
    assert "true/false keys: True 3, False 0" in out
    assert "multiple response with all but one option correct: 2/2 (100%)" in out


def test_shipped_banks_pass_every_error_rule():
    """The shipped blueprints keep working: the banks break only rules that are warnings today."""
    banks = sorted((Path(__file__).parent.parent / "quizzes" / "banks").glob("*.md"))
    found = check_items(load_banks(banks), Reference())
    assert not [f for f in found if f.severity == "error"]


def test_level_and_cites_are_checked_against_the_handbook():
    from practice_model.quiz.item_rules import Reference, check_items
    from practice_model.quiz.items import Choice, Item

    reference = Reference(anchors=frozenset({"std-neglect", "std-neglect#the-law-says"}))

    def item(**extra):
        base = dict(id="q-x", type="single", stem="A stem?", choices=[Choice("One", True), Choice("Two"), Choice("Three")],
                    location="bank.md:3", source="bank")
        return Item(**{**base, **extra})

    rules = lambda it: {f.rule for f in check_items([it], reference)}  # noqa: E731
    assert {"level", "cites"} <= rules(item())
    assert "cites" in rules(item(level="application", cites="std-neglect#nowhere"))
    assert not {"level", "cites"} & rules(item(level="application", cites="std-neglect#the-law-says"))
    assert "cites" not in rules(item(level="recall", cites="std-neglect"))


def test_every_shipped_bank_item_declares_its_level_and_cites_a_handbook_section(handbook):
    """Held to it here: each assessed item says its level, cites the section supporting its key, and the banks
    ask mostly for judgement (at least 60% application or analysis), with at least 200 items."""
    banks = sorted((Path(__file__).parent.parent / "quizzes" / "banks").glob("*.md"))
    items = load_banks(banks)
    found = [f for f in check_items(items, reference_from(load_model(handbook / "practice-model.json")))
             if f.rule in ("level", "cites")]
    assert found == [], "\n".join(f"{f.where}: {f.message}" for f in found)
    judgement = sum(1 for i in items if i.level in ("application", "analysis"))
    assert len(items) >= 200 and judgement >= 0.6 * len(items), (len(items), judgement)
