"""Templates that lead somewhere (#18 item 6): a Word file generated from Markdown, or where the template is in
the case recording system (pm_templates_location); a warning naming the page and line when it is neither."""

from __future__ import annotations

import io

import docx
from sphinx.cmd.build import build_main

from conftest import copy_project
from practice_model.practice_templates import word_from_markdown

SAMPLE = """# Chronology

Who wrote it.

| Date | Event | Source |
| --- | --- | --- |
| 2026-02-03 | Arrived at nursery **hungry** | [Nursery](https://example.invalid/nursery) |

- A bullet
"""

PAGE = """# Templates

:::{pm:template} chronology
:show:
:::

:::{pm:template} birth-plan
:::
"""


def test_word_file_from_markdown_keeps_headings_paragraphs_and_tables():
    document = docx.Document(io.BytesIO(word_from_markdown(SAMPLE)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["Chronology", "Who wrote it."] and "A bullet" in texts
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["Date", "Event", "Source"], ["2026-02-03", "Arrived at nursery hungry", "Nursery"]]
    assert document.core_properties.title == "Chronology"


def _build(tmp_path, conf_extra=""):
    project = copy_project(tmp_path, conf_extra)
    (project / "docs/_data/templates").mkdir(parents=True)
    (project / "docs/_data/templates/chronology.md").write_text(SAMPLE)
    (project / "docs/templates-page.md").write_text("---\norphan: true\n---\n\n" + PAGE)
    out = tmp_path / "out"
    code = build_main(["-q", "-W", "--keep-going", "-c", str(project), str(project / "docs"), str(out)])
    return code, out


def test_template_is_a_download_or_says_where_it_is(tmp_path):
    code, out = _build(tmp_path, "\npm_templates_location = {'birth-plan': 'Forms > Child protection > Birth plan'}\n")
    assert code == 0
    page = (out / "templates-page.html").read_text()
    assert 'href="templates/chronology.docx"' in page and "Download the chronology template (Word)" in page
    assert "<table" in page and "Arrived at nursery" in page  # the sample is shown in the page too
    assert "The birth plan template is in the case recording system: Forms &gt; Child protection &gt; Birth plan." in page
    assert docx.Document(out / "templates/chronology.docx").tables


def test_template_with_no_file_and_no_place_is_a_warning_naming_the_page(tmp_path, capsys):
    code, _ = _build(tmp_path)
    assert code != 0
    err = capsys.readouterr().err
    assert "templates-page.md:11" in err and "pm_templates_location = {'birth-plan'" in err
    assert "Traceback" not in err
