"""Reflective exercises: every kind and format, from each object's own content; overrides and template errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from lxml import etree

from practice_model.cli import main
from practice_model.errors import UserError
from practice_model.exercises.catalogue import KINDS, LENSES
from practice_model.exercises.run import run_exercises
from practice_model.model import load_model
from practice_model.outputs import MARKER

ROOT = Path(__file__).parent / "roots" / "test-basic"
SECOND_STANDARD = """# Recording

:::{pm:standard} std-recording
:owner: Principal social worker
:last-reviewed: 2026-09-01
:next-review: 2027-03-01
:principles: prin-trust

Records are written for the child.
:::

## Scope and who it is for
Everyone.
## Why it matters
Children read their records as adults.
## What good looks like
Records explain the reasons for decisions in plain words that the child could follow later.
## Expectations
Should.
## How the principles apply
Trust.
## Tools and templates
Templates.
## Common pitfalls
Copying text from one record to the next without checking that it is still true.
## Reflective questions for supervision
:::{pm:prompt} prompt-recording-reader
If this child read your record at eighteen, what would they think?
:::
## Practice questions
## Related modules and standards
:::{pm:related}
:::
"""


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("ex")
    shutil.copytree(ROOT, base / "src")
    (base / "src" / "recording.md").write_text(SECOND_STANDARD)
    index = base / "src" / "index.md"
    index.write_text(index.read_text().replace("lists\n", "lists\nrecording\n"))
    assert build_main(["-q", "-W", str(base / "src"), str(base / "html")]) == 0
    return base / "html" / "practice-model.json"


def test_every_kind_and_format_for_every_object(model_path, tmp_path):
    count = run_exercises(load_model(model_path), [], True, None, None, ["md", "html", "docx", "moodle"], tmp_path / "out")
    files = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != MARKER)
    # The plan gives std-chronologies and std-recording four exercises each; mod-chronologies is not
    # in it, so it gets the three [default] ones (it was every kind for everything before #17).
    assert count == len(files) == (4 + 4 + 3) * 4
    assert (tmp_path / "out" / MARKER).read_text() == "practice-model exercises\n"
    assert "std-chronologies--supervision--4x4x4.docx" in files
    assert "std-chronologies--peer-critique--rolfe.md" in files
    assert "mod-chronologies--critical-reflection--gibbs.xml" in files


def test_word_files_open_and_hold_the_prompts(model_path, tmp_path):
    run_exercises(load_model(model_path), ["std-recording"], False, "supervision", None, ["docx"], tmp_path / "out")
    document = docx.Document(str(tmp_path / "out" / "std-recording--supervision--4x4x4.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "If this child read your record at eighteen" in text
    assert document.tables, "writing space should be tables to write in"
    assert document.core_properties.created.year == 2000
    assert document.core_properties.title == "Supervision exercise: Recording"  # not the file's slug
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == "Supervision exercise: Recording"
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)


def test_moodle_essay_is_sound(model_path, tmp_path):
    run_exercises(load_model(model_path), ["std-chronologies"], False, "critical-reflection", "gibbs", ["moodle"], tmp_path / "out")
    root = etree.parse(str(tmp_path / "out" / "std-chronologies--critical-reflection--gibbs.xml")).getroot()
    question = root.find("question[@type='essay']")
    assert question.findtext("idnumber") == "std-chronologies--critical-reflection--gibbs"
    assert "Description" in question.findtext("responsetemplate/text")
    assert "beyond description" in question.findtext("graderinfo/text")
    assert "Description" not in question.findtext("questiontext/text")
    for part in ("questiontext", "responsetemplate", "graderinfo"):
        assert "textbox" not in question.findtext(f"{part}/text") and "<textarea" not in question.findtext(f"{part}/text")


def test_two_standards_never_get_the_same_exercise(model_path, tmp_path):
    run_exercises(load_model(model_path), ["std-chronologies", "std-recording"], False, None, None, ["md"], tmp_path / "out")
    for kind in ("critical-reflection", "supervision", "peer-critique"):  # the kinds both standards have
        a = sorted((tmp_path / "out").glob(f"std-chronologies--{kind}--*.md"))[0].read_text()
        b = sorted((tmp_path / "out").glob(f"std-recording--{kind}--*.md"))[0].read_text()
        assert a.replace("Chronologies", "X").replace("chronologies", "x") != b.replace("Recording", "X").replace("recording", "x")


def test_every_lens_combines_with_every_kind(model_path, tmp_path):
    model = load_model(model_path)
    for lens in LENSES:
        run_exercises(model, ["std-recording"], False, None, lens, ["md"], tmp_path / lens)
        assert len([p for p in (tmp_path / lens).iterdir() if p.name != MARKER]) == 4  # the plan's kinds for std-recording
        for kind in KINDS:  # any kind can still be asked for with any lens
            run_exercises(model, ["std-recording"], False, kind, lens, ["md"], tmp_path / f"{lens}-{kind}")


def test_deterministic(model_path, tmp_path):
    model = load_model(model_path)
    for name in ("a", "b"):
        run_exercises(model, [], True, None, None, ["md", "html", "docx", "moodle"], tmp_path / name)
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_override_and_new_lens(model_path, tmp_path):
    templates = tmp_path / "templates"
    (templates / "kinds").mkdir(parents=True)
    (templates / "lenses").mkdir()
    (templates / "kinds" / "supervision.md.j2").write_text(
        '{% extends "exercises/base.md.j2" %}{% block purpose %}Our own supervision introduction.{% endblock %}')
    (templates / "lenses" / "four-questions.md.j2").write_text("## Four questions\n\nWhat are you worried about in {{ object.title }}?\n")
    run_exercises(load_model(model_path), ["std-recording"], False, "supervision", "four-questions", ["md"], tmp_path / "out", templates=templates)
    text = (tmp_path / "out" / "std-recording--supervision--four-questions.md").read_text()
    assert "Our own supervision introduction." in text and "What are you worried about in Recording?" in text


@pytest.mark.parametrize(("content", "line", "words"), [
    ("# Title\n\n{{ object.summry }}\n", 3, "summry"),
    ("# Title\n\n{% if %}\n", 3, "template error"),
])
def test_template_errors_name_file_and_line(model_path, tmp_path, capsys, content, line, words):
    templates = tmp_path / "templates" / "kinds"
    templates.mkdir(parents=True)
    (templates / "supervision.md.j2").write_text(content)
    code = main(["exercises", "--for", "std-recording", "--kind", "supervision", "--model", str(model_path),
                 "--templates", str(tmp_path / "templates"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and f"supervision.md.j2:{line}:" in err and words in err and "Traceback" not in err, err
    assert not (tmp_path / "out").exists()


def test_unknown_object_kind_or_lens(model_path, tmp_path):
    model = load_model(model_path)
    cases = [(["term-mash"], None, None, "not a standard or module"), (["std-recording"], "poem", None, "unknown kind"),
             (["std-recording"], None, "haiku", "unknown lens")]
    for ids, kind, lens, words in cases:
        with pytest.raises(UserError, match=words):
            run_exercises(model, ids, False, kind, lens, ["md"], tmp_path / "out")


def test_handbook_exercise_pages(model_path):
    html = model_path.parent
    page = (html / "exercises" / "std-recording.html").read_text()
    assert page.count("Download this exercise for Word") == 4  # the plan's exercises for std-recording
    assert "If this child read your record at eighteen" in page
    assert 'role="textbox"' not in page
    assert (html / "exercises" / "std-recording--supervision--4x4x4.docx").exists()
    assert 'href="exercises/std-recording.html"' in (html / "recording.html").read_text()


def test_exercise_page_escapes_the_title(tmp_path):
    """The page is rendered from an escaping template (#14 item 7): a title is text, never markup."""
    from sphinx.cmd.build import build_main

    shutil.copytree(ROOT, tmp_path / "src")
    (tmp_path / "src" / "recording.md").write_text(SECOND_STANDARD.replace("# Recording", "# Recording `<b>` notes", 1))
    index = tmp_path / "src" / "index.md"
    index.write_text(index.read_text().replace("lists\n", "lists\nrecording\n"))
    assert build_main(["-q", str(tmp_path / "src"), str(tmp_path / "html")]) == 0
    page = (tmp_path / "html" / "exercises" / "std-recording.html").read_text()
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert heading == "Reflective exercises: Recording &lt;b&gt; notes", heading
    assert "<b>" not in page
