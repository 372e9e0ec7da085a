"""Reflective exercises read as a practice educator would (#17): specific to their subject, grounded in a
named and cited model, and in formats that work. Measured on the real handbook."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import docx
import pytest
from lxml import etree

from practice_model.errors import UserError
from practice_model.exercises.catalogue import MODELS
from practice_model.exercises.run import run_exercises
from practice_model.model import load_model

REPO = Path(__file__).parent.parent
BOILERPLATE_LIMIT = 0.40  # at most this share of an exercise's lines may be shared by >= 80% of its kind
COMMON = 0.80


@pytest.fixture(scope="module")
def exercises(handbook, tmp_path_factory):
    """Every planned exercise of the real handbook, in every format."""
    out = tmp_path_factory.mktemp("exercises") / "out"
    model = load_model(handbook / "practice-model.json")
    run_exercises(model, [], True, None, None, ["md", "html", "docx", "moodle"], out)
    return model, out


def _stems(out: Path) -> list[str]:
    return sorted(p.stem for p in out.glob("*.md"))


def _lines(markdown: str, title: str) -> list[str]:
    """Text lines: no blank lines, writing space or bare table rules and empty rows; the subject's title taken out."""
    kept = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line == "> ..." or set(line) <= set("|-: "):
            continue
        kept.append(line.replace(title, ""))
    return kept


def boilerplate_shares(model, out: Path) -> dict[str, dict[str, float]]:
    by_kind: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for stem in _stems(out):
        object_id, kind, _ = stem.split("--")
        by_kind[kind][stem] = _lines((out / f"{stem}.md").read_text(), model.get(object_id)["title"])
    shares = {}
    for kind, texts in by_kind.items():
        counts = Counter(line for lines in texts.values() for line in set(lines))
        common = {line for line, n in counts.items() if n >= COMMON * len(texts)}
        shares[kind] = {stem: sum(line in common for line in lines) / len(lines) for stem, lines in texts.items()}
    return shares


def test_boilerplate_share_per_kind(exercises):
    model, out = exercises
    shares = boilerplate_shares(model, out)
    report = {kind: (round(sum(s.values()) / len(s), 2), round(max(s.values()), 2)) for kind, s in sorted(shares.items())}
    print("boilerplate share per kind (mean, max):", report)
    for kind, (mean, _) in report.items():
        assert mean <= BOILERPLATE_LIMIT, f"{kind}: {mean:.0%} of its lines are the same in most exercises of the kind"


def _subject_material(model, object_id: str) -> list[str]:
    """Text that belongs to one subject: its pitfalls, prompts, vignettes, question situations, findings, outcomes."""
    obj = model.get(object_id)
    subjects = [obj] if obj["kind"] == "standard" else [model.get(s) for s in obj["links"].get("teaches", [])]
    pieces = []
    for s in subjects:
        for section in s.get("sections", []):
            if section["title"] == "Common pitfalls":
                pieces += [p.strip() for p in section["text"].split(". ") if len(p.strip()) > 20]
        pieces += [model.get(p)["text"] for p in s["backlinks"].get("prompt.for", [])]
        pieces += [model.get(q)["text"] for q in s["backlinks"].get("question.tests", [])]
        for v in s["links"].get("vignettes", []):
            pieces += [" ".join(p.split()) for p in model.get(v)["text"].split("\n\n")]
        for t in s["links"].get("themes", []):
            pieces += [f["text"] for f in model.get(t)["fields"].get("findings", [])]
    pieces += [model.get(o)["text"] for o in obj["backlinks"].get("outcome.module", [])]
    return [p[:60] for p in pieces if len(p) > 25]


def test_each_exercise_carries_its_own_subject(exercises):
    model, out = exercises
    for stem in _stems(out):
        object_id = stem.split("--")[0]
        material = _subject_material(model, object_id)
        lines = (out / f"{stem}.md").read_text().splitlines()
        from_subject = [line for line in lines if any(piece in line for piece in material)]
        assert len(from_subject) >= 3, f"{stem} has {len(from_subject)} lines from its own subject"


def test_every_exercise_names_and_cites_its_model(exercises):
    model, out = exercises
    for stem in _stems(out):
        lens = stem.split("--")[2]
        source = model.get(MODELS[lens]["source"])
        assert source is not None and source["fields"]["type"] in ("research", "framework", "non-statutory-guidance"), lens
        text = (out / f"{stem}.md").read_text()
        assert MODELS[lens]["title"] in text and source["fields"]["full-title"] in text, stem


def test_stages_match_the_model_named(exercises):
    model, out = exercises
    supervision = (out / "std-neglect--supervision--4x4x4.md").read_text()
    assert "Morrison's 4x4x4 model of supervision (2005)" in supervision and "Kolb" not in supervision.split("**The model")[0]
    for stage in ("**Experience.**", "**Reflection.**", "**Analysis.**", "**Action planning.**"):
        assert stage in supervision
    for stem in _stems(out):
        if stem.endswith("--schon"):
            text = (out / f"{stem}.md").read_text()
            assert "Reflection-in-action" in text and "Reflection-on-action" in text and "for action" not in text.lower(), stem


def _run_in_headings() -> list[str]:
    """The sub-headings of the standards' sections, which the model's section text runs into the next sentence."""
    headings = []
    for page in (REPO / "docs" / "standards").glob("*.md"):
        headings += [line[4:].strip() for line in page.read_text().splitlines() if line.startswith("### ")]
    return [h for h in headings if len(h) > 8]


def test_headings_never_run_into_text(exercises):
    model, out = exercises
    run_in = [re.compile(re.escape(h) + r" [A-Z]") for h in _run_in_headings()]
    for stem in _stems(out):
        text = (out / f"{stem}.md").read_text()
        lines = text.splitlines()
        for number, line in enumerate(lines[:-1]):
            if line.startswith("#"):
                assert not lines[number + 1].strip(), f"{stem}: text straight after heading {line!r}"
        assert not [p.pattern for p in run_in if p.search(text)], stem
    document = docx.Document(str(out / "std-child-voice--supervision--4x4x4.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    markdown_headings = [line.lstrip("# ") for line in (out / "std-child-voice--supervision--4x4x4.md").read_text().splitlines()
                         if line.startswith("#")]
    assert headings == [re.sub(r"[*_]", "", h) for h in markdown_headings]


def test_titles_keep_their_capitals(exercises):
    model, out = exercises
    for stem in _stems(out):
        title = model.get(stem.split("--")[0])["title"]
        text = (out / f"{stem}.md").read_text()
        assert text.startswith("# ") and title in text.splitlines()[0]
        for acronym in (w for w in re.findall(r"\w+", title) if len(w) > 1 and w.isupper()):  # "asye foundations" was the bug
            assert not re.search(rf"\b{acronym.lower()}\b", text), stem
    assert "ASYE foundations" in (out / "mod-asye-foundations--critical-reflection--gibbs.md").read_text()


def _session_minutes(markdown: str) -> int:
    return sum(int(m) for m in re.findall(r"^\| [^|]+ \| (\d+) min \|", markdown, re.MULTILINE))


def test_timings_match_the_module(exercises):
    model, out = exercises
    assert _session_minutes((out / "mod-reflective-case-discussion--group-case-discussion--restorative.md").read_text()) == 90
    assert _session_minutes((out / "mod-neglect--group-case-discussion--restorative.md").read_text()) == 90
    assert _session_minutes((out / "mod-chronologies-analysis--peer-critique--rolfe.md").read_text()) == 120
    assert _session_minutes((out / "mod-child-protection-planning--peer-critique--rolfe.md").read_text()) == 120


def test_joint_modules_ask_from_both_sides(exercises):
    model, out = exercises
    joint = [o["id"] for o in model.of_kind("module") if o["fields"].get("audience") == "joint"]
    assert joint
    for stem in _stems(out):
        if stem.split("--")[0] in joint:
            text = (out / f"{stem}.md").read_text()
            assert "For the child or young person" in text and "For the adult" in text, stem


def test_the_learning_pages_work_has_exercises(exercises):
    model, out = exercises
    stems = _stems(out)
    for kind in ("learning-review", "family-feedback", "peer-critique", "wellbeing", "practice-learning-week", "group-case-discussion"):
        assert any(f"--{kind}--" in stem for stem in stems), kind
    review = (out / "std-neglect--learning-review--4x4x4.md").read_text()
    assert "The finding, in the reviewer's words" in review and "What it meant for the child" in review and "## What changes" in review
    feedback = (out / "std-neglect--family-feedback--discipline-window.md").read_text()
    assert "feedback form" in feedback and "how I will tell them" in feedback
    week = (out / "std-child-voice--practice-learning-week--trauma-informed.md").read_text()
    assert "## The observation" in week and "## The conversation with a family" in week
    critique = (out / "std-assessment--peer-critique--rolfe.md").read_text()
    assert "anonymised assessment" in critique and "Long description and a short, vague analysis." in critique
    for stem in stems:
        if "--wellbeing--" in stem:
            text = (out / f"{stem}.md").read_text()
            assert "secondary or vicarious trauma" in text and "## Where to get support" in text
            assert not re.search(r"\d{3,}[ -]?\d{3,}", text), f"{stem}: no phone numbers we cannot vouch for"


def test_formats_give_real_answer_space(exercises):
    model, out = exercises
    for path in out.glob("*.html"):
        page = path.read_text()
        assert 'role="textbox"' not in page, path.name
        for field in re.findall(r"<textarea[^>]*>", page):
            assert 'aria-label="' in field and 'aria-label=""' not in field
    page = (out / "std-neglect--supervision--4x4x4.html").read_text()
    assert "<textarea" in page and "<title>Supervision exercise: Chronic neglect and cumulative harm</title>" in page
    root = etree.parse(str(out / "std-neglect--supervision--4x4x4.xml")).getroot()
    question = root.find("question[@type='essay']")
    assert "Action planning" in question.findtext("responsetemplate/text")
    assert "Action planning" not in question.findtext("questiontext/text")
    assert "Inspectors found" in question.findtext("graderinfo/text")
    for part in ("questiontext", "responsetemplate", "graderinfo"):
        assert "textbox" not in question.findtext(f"{part}/text")
    document = docx.Document(str(out / "std-neglect--supervision--4x4x4.docx"))
    assert document.core_properties.title == "Supervision exercise: Chronic neglect and cumulative harm"
    assert len(document.tables) >= 5  # the writing spaces are table cells


def test_a_bad_plan_names_its_file_and_line(handbook, tmp_path):
    model = load_model(handbook / "practice-model.json")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.toml").write_text('[std-neglect]\nsupervision = "4x4x4"\nsupervison = "gibbs"\n')
    with pytest.raises(UserError, match="unknown kind 'supervison'") as caught:
        run_exercises(model, ["std-neglect"], False, None, None, ["md"], tmp_path / "out", templates=templates)
    assert caught.value.line == 3 and str(caught.value.path).endswith("plan.toml")
    (templates / "plan.toml").write_text('[std-neglet]\nsupervision = "4x4x4"\n')
    with pytest.raises(UserError, match="std-neglet") as caught:
        run_exercises(model, ["std-neglect"], False, None, None, ["md"], tmp_path / "out", templates=templates)
    assert caught.value.line == 1
