"""What changed, visible to readers (#18 item 4): the amendment box under a changed page's title, the
home-page banner, and "please re-read" first on the amendments pages."""

from __future__ import annotations

import lxml.html

from practice_model.cli import main
from test_release import project, release  # noqa: F401  (the project fixture)


def _edit_and_release(project, capsys):  # noqa: F811  (the fixture's value)
    assert release(project, "2027.1", capsys)[0] == 0
    standard = project / "docs/standard.md"
    standard.write_text(standard.read_text().replace("Because.", "Because patterns show cumulative harm.")
                        .replace(":owner: Principal social worker",
                                 ":owner: Principal social worker\n:change-note: Explains cumulative harm.\n:re-read: yes"))
    module = project / "docs/module.md"
    module.write_text(module.read_text().replace(":last-reviewed: 2026-09-01", ":last-reviewed: 2027-06-01"))
    assert release(project, "2027.2", capsys)[0] == 0
    assert main(["build", "--project", str(project)]) == 0
    return project / "_build/html"


def test_changed_page_has_an_amendment_box_and_home_a_banner(project, capsys):  # noqa: F811
    out = _edit_and_release(project, capsys)
    page = lxml.html.parse(str(out / "standard.html")).getroot()
    box = page.find_class("pm-amendment")
    assert len(box) == 1, "the changed page has no amendment box"
    text = " ".join(box[0].text_content().split())
    assert "Amended in release 2027.2" in text and "Please re-read." in text and "Explains cumulative harm." in text
    assert box[0].xpath(".//a/@href") == ["releases/2027.2.html"]
    # Under the title: the box follows the page's h1.
    assert box[0].getprevious().tag == "h1"
    # A page only reviewed (no change of content) has no box.
    assert not lxml.html.parse(str(out / "module.html")).getroot().find_class("pm-amendment")
    home = lxml.html.parse(str(out / "index.html")).getroot().find_class("pm-release-banner")
    assert home and "release 2027.2" in home[0].text_content() and "1 to re-read" in home[0].text_content()
    assert home[0].xpath(".//a/@href") == ["releases/2027.2.html"]


def test_re_read_items_come_first_on_the_amendments_pages(project, capsys):  # noqa: F811
    out = _edit_and_release(project, capsys)
    source = (project / "docs/releases/2027.2.md").read_text()
    assert source.index("## Please re-read") < source.index("## Updated")
    assert "- [](#std-chronologies): Explains cumulative harm." in source
    index_page = " ".join(lxml.html.parse(str(out / "releases/index.html")).getroot().text_content().split())
    assert index_page.index("Please re-read (release 2027.2)") < index_page.index("Release 2027.2")
    assert index_page.index("Chronologies") < index_page.index("Release 2027.2")
