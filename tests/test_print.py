"""Print and offline copies: a tagged PDF and an EPUB, each page marked with its version; same release, same bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import copy_project
from practice_model.cli import main

ROOT = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path)
    return tmp_path


def test_pdf_is_tagged_marked_and_reproducible(project, capsys):
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401  (needs Debian's libpango, which chromium brings)
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}")
    out = project / "handbook.pdf"
    assert main(["print", "pdf", "--project", str(project), "--out", str(out)]) == 0
    first = out.read_bytes()
    reader = pypdf.PdfReader(out)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert len(reader.pages) >= 2
    for page in reader.pages:
        text = page.extract_text()
        assert "Printed copies go out of date" in text and "draft, not yet released" in text
    assert main(["print", "pdf", "--project", str(project), "--out", str(out)]) == 0
    assert out.read_bytes() == first


def test_epub_is_reproducible(project):
    out = project / "handbook.epub"
    assert main(["print", "epub", "--project", str(project), "--out", str(out)]) == 0
    first = out.read_bytes()
    archive = zipfile.ZipFile(out)
    assert archive.namelist()[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert not any(n.endswith("practice-model.json") or n.startswith("EPUB/go/") for n in archive.namelist())
    assert main(["print", "epub", "--project", str(project), "--out", str(out)]) == 0
    assert out.read_bytes() == first


def _streams(pdf: bytes) -> list[bytes]:
    import re
    import zlib

    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def test_pdf_is_the_same_wherever_it_is_written_and_embeds_no_local_path(project, tmp_path_factory):
    """Two prints to different folders give the same bytes; links to built pages never carry this machine's paths."""
    pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}")
    first = tmp_path_factory.mktemp("one") / "a.pdf"
    second = tmp_path_factory.mktemp("two") / "deeper" / "b.pdf"
    assert main(["print", "pdf", "--project", str(project), "--out", str(first)]) == 0
    assert main(["print", "pdf", "--project", str(project), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    for stream in [first.read_bytes(), *_streams(first.read_bytes())]:
        assert b"file://" not in stream and str(project).encode() not in stream


# --- the printed handbook reads as a printed book (#19 item 11) -------------------------------------

SINGLE_PAGE = """<html><body><div class="body" role="main"><section id="handbook"><h1>Handbook</h1>
<div class="toctree-wrapper compound">
<span id="document-guide"></span><section id="using"><h2>Using it</h2>
<section id="searching"><h3>Searching</h3><div class="pm-web-only docutils container"><p>Search tips.</p></div></section>
<p class="pm-feedback-link"><a href="mailto:psw@example.invalid">Tell us about this page</a></p></section>
<span id="document-standards/index"></span><section id="standards"><h2>Standards</h2>
<span id="document-standards/neglect"></span><section id="neglect"><h2>Neglect</h2>
<div id="std-neglect" class="sd-card pm-object pm-standard"><p class="pm-object-header">
<a class="pm-copy-link reference external" href="go/std-neglect.html">Copy link</a></p>
<section id="what-changed"><h3>What changed</h3>
<div class="pm-web-only"><details class="pm-amendment"><summary>Amended in 2027.2</summary><p>Cumulative harm.</p></details></div>
</section></div></section></section></div></section></div></body></html>"""


def test_prepare_for_print_breaks_standards_lists_contents_and_drops_web_only_text():
    import lxml.html

    from practice_model.printing import prepare_for_print

    page = lxml.html.fromstring(SINGLE_PAGE).getroottree()
    prepare_for_print(page)
    text = page.getroot().text_content()
    assert "Copy link" not in text and "Tell us about this page" not in text and "Search tips" not in text
    assert not page.xpath("//section[@id='searching']")  # nothing left in it but its heading
    assert page.xpath("//details[@class='pm-amendment'][@open]") and "Cumulative harm." in text
    assert "pm-print-new-page" in page.xpath("//section[@id='neglect']")[0].get("class")
    assert "pm-print-new-page" not in (page.xpath("//section[@id='standards']")[0].get("class") or "")
    nav = page.xpath("//nav[@class='pm-print-contents']")[0]
    assert [(a.get("href"), a.text) for a in nav.iter("a")] == [("#using", "Using it"), ("#standards", "Standards"),
                                                                ("#neglect", "Neglect")]
    assert nav.xpath("ul/li/ul/li/a")[0].get("href") == "#neglect"  # the standard under its index


def test_printed_handbook_has_contents_with_page_numbers_and_a_page_per_standard(project):
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}")
    standard = project / "docs" / "standard.md"
    standard.write_text(standard.read_text().replace("Because.\n", "Because.\n\n:::{container} pm-amendment\nAmended in "
                                                     "2027.2: cumulative harm.\n:::\n\n:::{container} pm-web-only\nOnly on the "
                                                     "website.\n:::\n"))
    out = project / "handbook.pdf"
    assert main(["print", "pdf", "--project", str(project), "--out", str(out)]) == 0
    pages = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    contents = pages[0]
    assert "Contents" in contents
    listed = {line.split(" .")[0].strip(): int(line.rsplit(" ", 1)[1]) for line in contents.splitlines() if " . . " in line}
    assert set(listed) >= {"The model", "Chronologies", "Glossary"}
    assert pages[listed["Chronologies"] - 1].startswith("Chronologies")  # the standard starts its own page
    assert pages[listed["The model"] - 1].startswith("The model")
    everything = "\n".join(pages)
    assert "Amended in 2027.2: cumulative harm." in everything
    assert "Copy link" not in everything and "Only on the website." not in everything
